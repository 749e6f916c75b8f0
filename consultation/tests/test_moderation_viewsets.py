"""The moderation ViewSets (`consultation.moderation_admin`): each unit's
moderators see, filter, export and decide their unit's comments and
suggestions only; a hidden record can be restored; an approved comment is
public."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import PageLogEntry
from wagtail.users.models import UserProfile

from cms.core.factories import UserFactory
from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationPageFactory,
)
from consultation.forums.records import ComponentComment
from consultation.moderation import LOG_ACTION, ModerationStatus
from consultation.surveys.factories import (
    SatisfactionSurveyPageFactory,
    SurveyResponseFactory,
)
from consultation.surveys.records import SurveyResponse
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db

COMMENTS = "consultation_comments"
SUGGESTIONS = "consultation_suggestions"


def consultation_in(unit, title):
    standard = ServiceStandardPageFactory(parent=unit, title=f"Paspor {title}")
    page = ConsultationPageFactory(parent=unit, title=title, slug="fkp")
    ConsultationFormFieldFactory(page=page, label="Pendapat", field_type="multiline")
    page.standards.set([standard])
    page.save_revision().publish()
    return page, standard


@pytest.fixture
def feedback(unit_a, unit_b):
    """A consultation and a survey in each unit, each with one waiting record."""
    records = {}
    for key, unit in (("a", unit_a), ("b", unit_b)):
        page, standard = consultation_in(unit, f"FKP Unit {key.upper()}")
        records[f"consultation_{key}"] = page
        records[f"comment_{key}"] = ComponentComment.objects.create(
            consultation=page,
            standard=standard,
            component="persyaratan",
            text=f"komentar unit {key}",
            respondent_key=f"c:{key}",
        )
        survey = SatisfactionSurveyPageFactory(
            parent=unit, title=f"SKM Unit {key.upper()}", slug="skm"
        )
        records[f"survey_{key}"] = survey
        records[f"suggestion_{key}"] = SurveyResponseFactory(
            survey=survey, suggestion=f"saran unit {key}"
        )
    return records


@pytest.fixture
def moderator_a(client, make_staff, unit_a):
    user = make_staff(unit_a, "moderator")
    client.force_login(user)
    return user


@pytest.fixture
def with_personal_data(moderator_a):
    """Moderator A holding the personal-data permission (exports in full)."""
    permission = Permission.objects.get(codename="view_personal_data")
    moderator_a.user_permissions.add(permission)
    return moderator_a


def html(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("viewset", [COMMENTS, SUGGESTIONS])
def test_a_moderator_lists_only_their_units_records_and_pages(
    client, feedback, moderator_a, viewset
):
    page = html(client, reverse(f"{viewset}:index"))
    assert "unit a" in page
    assert "unit b" not in page
    assert "Unit A" in page  # the page filter offers A's page...
    assert "Unit B" not in page  # ...and never names B's


@pytest.mark.parametrize(
    ("viewset", "page_key"),
    [(COMMENTS, "consultation_b"), (SUGGESTIONS, "survey_b")],
)
def test_filtering_by_another_units_page_shows_nothing_of_it(
    client, feedback, moderator_a, viewset, page_key
):
    url = reverse(f"{viewset}:index_results")
    page = html(client, url, page=feedback[page_key].pk)
    assert "unit b" not in page


@pytest.mark.parametrize("viewset", [COMMENTS, SUGGESTIONS])
def test_the_csv_export_holds_only_their_units_records(
    client, feedback, with_personal_data, viewset
):
    response = client.get(reverse(f"{viewset}:index"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    text = " ".join(" ".join(row) for row in rows[1:])
    assert len(rows) == 2
    assert "unit a" in text and "unit b" not in text


@pytest.mark.parametrize("viewset", [COMMENTS, SUGGESTIONS])
def test_the_xlsx_export_holds_only_their_units_records(
    client, feedback, with_personal_data, viewset
):
    response = client.get(reverse(f"{viewset}:index"), {"export": "xlsx"})
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [str(value) for row in sheet.iter_rows(values_only=True) for value in row]
    assert any("unit a" in cell for cell in cells)
    assert not any("unit b" in cell for cell in cells)


@pytest.mark.parametrize(
    ("viewset", "record_key"),
    [(COMMENTS, "comment_b"), (SUGGESTIONS, "suggestion_b")],
)
def test_another_units_record_is_not_found_by_id(
    client, feedback, moderator_a, viewset, record_key
):
    record = feedback[record_key]
    url = reverse(f"{viewset}:edit", args=[record.pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 404
    record.refresh_from_db()
    status = getattr(record, "status", None) or record.suggestion_status
    assert status == ModerationStatus.PENDING


def test_another_units_comment_cannot_be_decided_through_their_own_page(
    client, feedback, moderator_a
):
    url = reverse("consultation_fkp:comments", args=[feedback["consultation_a"].pk])
    response = client.post(
        url, {"comment": feedback["comment_b"].pk, "decision": "approve"}
    )
    assert response.status_code == 400
    feedback["comment_b"].refresh_from_db()
    assert feedback["comment_b"].status == ModerationStatus.PENDING


def test_the_page_screen_lists_that_pages_records_only(client, feedback, superuser):
    client.force_login(superuser)
    survey = feedback["survey_a"]
    page = html(client, reverse("consultation_survey:suggestions", args=[survey.pk]))
    assert "saran unit a" in page
    assert "saran unit b" not in page


@pytest.mark.parametrize("viewset", [COMMENTS, SUGGESTIONS])
def test_a_user_with_no_unit_sees_nothing(client, feedback, viewset):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse(f"{viewset}:index"))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    queue = html(client, reverse("consultation_moderation:index"))
    assert "Unit A" not in queue and "Unit B" not in queue


def test_an_editor_cannot_open_the_listings(client, feedback, make_staff, unit_a):
    client.force_login(make_staff(unit_a, "editor"))
    for viewset in (COMMENTS, SUGGESTIONS):
        response = client.get(reverse(f"{viewset}:index"))
        assert response.url == reverse("wagtailadmin_home")


def test_a_superuser_lists_every_units_records(client, feedback, superuser):
    client.force_login(superuser)
    page = html(client, reverse(f"{COMMENTS}:index"))
    assert "komentar unit a" in page and "komentar unit b" in page


def test_an_approved_comment_appears_on_the_public_page(client, feedback, moderator_a):
    comment = feedback["comment_a"]
    consultation = feedback["consultation_a"]
    assert "komentar unit a" not in html(client, consultation.url)
    url = reverse(f"{COMMENTS}:edit", args=[comment.pk])
    assert "komentar unit a" in html(client, url)
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == ModerationStatus.APPROVED
    assert comment.moderated_by == moderator_a
    assert "komentar unit a" in html(client, consultation.url)


def test_a_hidden_suggestion_needs_a_reason_and_can_be_restored(
    client, feedback, moderator_a
):
    suggestion = feedback["suggestion_a"]
    url = reverse(f"{SUGGESTIONS}:edit", args=[suggestion.pk])
    client.post(url, {"decision": "hide"})
    suggestion.refresh_from_db()
    assert suggestion.suggestion_status == ModerationStatus.PENDING
    client.post(url, {"decision": "hide", "reason": "data pribadi"})
    suggestion.refresh_from_db()
    assert suggestion.suggestion_status == ModerationStatus.HIDDEN
    assert suggestion.moderation_reason == "data pribadi"
    client.post(url, {"decision": "restore"})
    suggestion.refresh_from_db()
    assert suggestion.suggestion_status == ModerationStatus.PENDING
    assert suggestion.moderation_reason == ""


def test_a_hidden_comment_restored_then_approved_is_public(
    client, feedback, moderator_a
):
    comment = feedback["comment_a"]
    url = reverse("consultation_fkp:comments", args=[feedback["consultation_a"].pk])
    client.post(url, {"comment": comment.pk, "decision": "hide", "reason": "iklan"})
    comment.refresh_from_db()
    assert comment.status == ModerationStatus.HIDDEN
    client.post(url, {"comment": comment.pk, "decision": "restore"})
    comment.refresh_from_db()
    assert (comment.status, comment.moderation_reason) == (
        ModerationStatus.PENDING,
        "",
    )
    client.post(url, {"comment": comment.pk, "decision": "approve"})
    assert "komentar unit a" in html(client, feedback["consultation_a"].url)


def test_no_record_is_added_or_deleted_through_the_viewsets(
    client, feedback, superuser
):
    client.force_login(superuser)
    assert "/new/" not in html(client, reverse(f"{COMMENTS}:index"))
    assert SurveyResponse.objects.count() == 2


def test_the_page_screen_shows_waiting_records_unless_told_otherwise(
    client, feedback, moderator_a
):
    suggestion = feedback["suggestion_a"]
    suggestion.suggestion_status = ModerationStatus.HIDDEN
    suggestion.save()
    url = reverse("consultation_survey:suggestions", args=[feedback["survey_a"].pk])
    assert "saran unit a" not in html(client, url)
    assert "saran unit a" in html(client, url, status=ModerationStatus.HIDDEN)


def test_a_decision_is_recorded_in_the_pages_history(client, feedback, moderator_a):
    suggestion = feedback["suggestion_a"]
    url = reverse(f"{SUGGESTIONS}:edit", args=[suggestion.pk])
    client.post(url, {"decision": "hide", "reason": "data pribadi"})
    entry = PageLogEntry.objects.get(action=LOG_ACTION)
    assert (entry.page_id, entry.user) == (feedback["survey_a"].pk, moderator_a)
    history = html(client, reverse("wagtailadmin_pages:history", args=[entry.page_id]))
    assert entry.data["status"] == ModerationStatus.HIDDEN
    assert "data pribadi" in history


def test_the_menu_offers_the_listings_to_moderators_only(
    client, feedback, make_staff, unit_a
):
    listing = reverse(f"{COMMENTS}:index")
    queue = reverse("consultation_moderation:index")
    client.force_login(make_staff(unit_a, "editor"))
    home = html(client, reverse("wagtailadmin_home"))
    assert queue in home and listing not in home
    client.force_login(make_staff(unit_a, "moderator"))
    assert listing in html(client, reverse("wagtailadmin_home"))


def test_the_comment_export_opens_in_excel_with_its_characters_intact(
    client, feedback, with_personal_data
):
    """A byte order mark and the charset: Excel reads a CSV without the mark
    in the Windows code page, and garbles what citizens paste from Word."""
    text = "Antrean “terlalu” lama – mohon dipercepat, Pak André"
    ComponentComment.objects.filter(pk=feedback["comment_a"].pk).update(text=text)

    response = client.get(reverse(f"{COMMENTS}:index"), {"export": "csv"})
    content = b"".join(response.streaming_content)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert content.startswith(b"\xef\xbb\xbfID,")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert text in rows[1]


def test_the_comment_export_writes_when_each_was_sent_in_local_time_to_the_second(
    client, feedback, with_personal_data
):
    sent = datetime.datetime(2026, 12, 5, 19, 50, 40, 123456, tzinfo=datetime.UTC)
    ComponentComment.objects.filter(pk=feedback["comment_a"].pk).update(created_at=sent)
    url = reverse(f"{COMMENTS}:index")

    response = client.get(url, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][-1] == "2026-12-06T02:50:40+07:00"

    response = client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert list(sheet.iter_rows(values_only=True))[1][-1] == "2026-12-06T02:50:40+07:00"


def export_rows(client, viewset, fmt):
    response = client.get(reverse(f"{viewset}:index"), {"export": fmt})
    content = b"".join(response.streaming_content)
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(content)).active
    return [[str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("viewset", "record_key", "text_field", "status_field"),
    [
        (COMMENTS, "comment_a", "text", "status"),
        (SUGGESTIONS, "suggestion_a", "suggestion", "suggestion_status"),
    ],
)
def test_without_the_permission_an_export_holds_only_published_text(
    client, feedback, moderator_a, viewset, record_key, text_field, status_field, fmt
):
    """A moderator exported every waiting and hidden record's words (a
    suggestion hidden for the telephone number it held among them)."""
    record = feedback[record_key]
    model = type(record)
    phone = "Hubungi saya di 0812-0000-0000."
    model.objects.filter(pk=record.pk).update(
        **{text_field: phone, status_field: ModerationStatus.HIDDEN}
    )
    assert "0812" not in str(export_rows(client, viewset, fmt))
    model.objects.filter(pk=record.pk).update(
        **{text_field: "Antrean lama", status_field: ModerationStatus.APPROVED}
    )
    assert "Antrean lama" in str(export_rows(client, viewset, fmt))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_without_the_permission_the_comment_export_gives_the_day(
    client, feedback, moderator_a, fmt
):
    sent = datetime.datetime(2026, 12, 5, 19, 50, 40, tzinfo=datetime.UTC)
    ComponentComment.objects.filter(pk=feedback["comment_a"].pk).update(created_at=sent)
    assert export_rows(client, COMMENTS, fmt)[1][-1] == "2026-12-06"


def test_a_pages_own_suggestions_export_withholds_what_is_not_published(
    client, feedback, moderator_a
):
    survey = feedback["survey_a"]
    url = reverse("consultation_survey:suggestions", args=[survey.pk])
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "saran unit a" not in content


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_comment_export_names_status_component_and_language_as_on_screen(
    client, feedback, with_personal_data, fmt
):
    """A moderator's spreadsheet read "pending", "persyaratan" and "id":
    codes of the database, not the words the admin shows; and a moderator
    whose admin is in English got a CSV in Indonesian."""
    ComponentComment.objects.filter(pk=feedback["comment_a"].pk).update(language="en")
    heading, row = export_rows(client, COMMENTS, fmt)
    record = dict(zip(heading, row, strict=True))
    assert record["Status"] == "Menunggu moderasi"
    assert record["Komponen"] == "Persyaratan"
    assert record["Bahasa"] == "English"

    profile = UserProfile.get_for_user(with_personal_data)
    profile.preferred_language = "en"
    profile.save()
    heading, row = export_rows(client, COMMENTS, fmt)
    record = dict(zip(heading, row, strict=True))
    assert record["Status"] == "Waiting for moderation"
    assert record["Component"] == "Requirements"


def test_the_csv_export_writes_moments_in_the_admins_own_time_zone(
    client, feedback, with_personal_data
):
    """A moderator in Singapore who set their zone got the CSV in WIB: its
    lines were written after Wagtail's admin had left the user's zone."""
    sent = datetime.datetime(2026, 12, 5, 19, 50, 40, tzinfo=datetime.UTC)
    ComponentComment.objects.filter(pk=feedback["comment_a"].pk).update(created_at=sent)
    profile = UserProfile.get_for_user(with_personal_data)
    profile.current_time_zone = "Asia/Singapore"
    profile.save()
    assert export_rows(client, COMMENTS, "csv")[1][-1] == "2026-12-06T03:50:40+08:00"
