"""The editors' workplace on the admin's home page (`cms.core.dashboard`): one
section per unit of the user, built by every app, in a bounded number of
queries; another unit's work never shows; superusers see the nation."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from cms.core.dashboard import homepage_panels, unit_blocks, workplace_for
from cms.core.translation import translate_page
from consultation.forums.factories import ConsultationPageFactory
from consultation.forums.records import ComponentComment
from consultation.surveys.factories import (
    SatisfactionSurveyPageFactory,
    SurveyResponseFactory,
)
from innovation.factories import InnovationEntryPageFactory
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db


def busy_unit(unit, prefix: str):
    """A unit with something waiting in every app."""
    standard = ServiceStandardPageFactory(parent=unit, title=f"{prefix} paspor")
    standard.save_revision().publish()
    consultation = ConsultationPageFactory(
        parent=unit,
        title=f"{prefix} konsultasi",
        opens_on=datetime.date.today() - datetime.timedelta(days=120),
        closes_on=datetime.date.today() - datetime.timedelta(days=100),
    )
    ComponentComment.objects.create(
        consultation=consultation,
        standard=standard,
        component="biaya",
        text=f"{prefix} komentar",
        respondent_key="r1",
    )
    survey = SatisfactionSurveyPageFactory(parent=unit, title=f"{prefix} SKM")
    SurveyResponseFactory(survey=survey, suggestion=f"{prefix} saran")
    InnovationEntryPageFactory(parent=unit, title=f"{prefix} inovasi")
    return standard


def page_text(client, user, language: str = "en") -> str:
    """The admin home page as `user` sees it in `language` (the checks below
    read the English source texts; Indonesian is checked once, at the end)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_moderator_sees_every_apps_work_of_the_unit(client, unit_a, make_staff):
    busy_unit(unit_a, "Toronto")
    html = page_text(client, make_staff(unit_a, "moderator"))
    assert "KJRI Toronto" in html
    for expected in (
        "comment on a component waiting for moderation",
        "suggestion waiting for moderation",
        "Toronto konsultasi: the outcome was due on",
        "Toronto SKM: 1 respondent of the minimum sample of",
        "Toronto inovasi",
        reverse("consultation_moderation:index"),
    ):
        assert expected in html


def test_another_units_work_never_appears(client, unit_a, unit_b, make_staff):
    busy_unit(unit_a, "Toronto")
    busy_unit(unit_b, "Singapura")
    html = page_text(client, make_staff(unit_a, "moderator"))
    assert "Toronto konsultasi" in html
    assert "Singapura" not in html


def test_an_editor_is_not_asked_to_moderate(client, unit_a, make_staff):
    busy_unit(unit_a, "Toronto")
    html = page_text(client, make_staff(unit_a, "editor"))
    assert "Toronto SKM" in html
    assert "waiting for moderation" not in html


def test_a_user_of_two_units_gets_a_section_for_each(unit_a, unit_b, make_staff):
    busy_unit(unit_a, "Toronto")
    busy_unit(unit_b, "Singapura")
    user = make_staff(unit_a, "moderator")
    user.groups.add(make_staff(unit_b, "editor").groups.get())
    panels = homepage_panels(user)
    # By title: KBRI Singapura (editor), then KJRI Toronto (moderator).
    assert [panel.unit.pk for panel in panels] == [unit_b.pk, unit_a.pk]
    assert [panel.moderator for panel in panels] == [False, True]
    assert "Singapura konsultasi" in str(panels[0].blocks)


@pytest.mark.parametrize("unit_count", [1, 5])
def test_the_dashboard_costs_the_same_queries_for_any_number_of_units(
    unit_count, make_unit, make_staff, django_assert_max_num_queries
):
    units = [make_unit(f"Unit {n}") for n in range(unit_count)]
    user = make_staff(units[0], "moderator")
    for unit in units:
        busy_unit(unit, unit.title)
        user.groups.add(*make_staff(unit, "moderator").groups.all())
    with django_assert_max_num_queries(18):
        workplace = workplace_for(user)
        blocks = unit_blocks(workplace)
    assert len(blocks) == unit_count
    assert all(blocks.values())


def test_a_superuser_sees_the_national_summary(client, unit_a, superuser):
    busy_unit(unit_a, "Toronto")
    SatisfactionSurveyPageFactory(parent=unit_a, title="Sepi", population=5000)
    html = page_text(client, superuser)
    assert "National summary" in html
    assert "Units with an overdue consultation outcome" in html
    assert "Units whose survey lacks its minimum sample" in html
    assert "Recent publications" in html
    assert "Toronto paspor" in html
    assert reverse("wagtailadmin_explore", args=[unit_a.pk]) in html


def test_my_unit_opens_the_units_page_listing(client, unit_a, make_staff):
    html = page_text(client, make_staff(unit_a, "editor"))
    assert "My unit" in html
    assert reverse("wagtailadmin_explore", args=[unit_a.pk]) in html


def test_someone_of_two_units_gets_one_menu_entry_per_unit(
    client, unit_a, unit_b, make_staff
):
    user = make_staff(unit_a, "editor")
    user.groups.add(make_staff(unit_b, "editor").groups.get())
    html = page_text(client, user)
    assert "KJRI Toronto" in html and "KBRI Singapura" in html
    assert reverse("wagtailadmin_explore", args=[unit_b.pk]) in html


def moderation_texts(user, unit) -> list[str]:
    with translation.override("en"):
        blocks = unit_blocks(workplace_for(user)).get(unit.pk, [])
    return [
        line.text
        for block in blocks
        if block.title == "Changes in moderation"
        for line in block.lines
    ]


def test_submissions_show_to_their_author_and_the_units_moderators(
    unit_a, unit_b, make_staff
):
    editor = make_staff(unit_a, "editor")
    moderator = make_staff(unit_a, "moderator")
    other = make_staff(unit_b, "moderator")
    page = ServiceStandardPageFactory(parent=unit_a, title="Paspor hilang")
    page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    assert moderation_texts(editor, unit_a) == [
        "Your submission Paspor hilang: In progress"
    ]
    assert moderation_texts(moderator, unit_a) == ["Paspor hilang awaits your review"]
    assert "Paspor hilang" not in str(unit_blocks(workplace_for(other)))

    state.current_task_state.reject(user=moderator)
    assert moderation_texts(editor, unit_a) == [
        "Your submission Paspor hilang: Needs changes"
    ]
    assert moderation_texts(moderator, unit_a) == []


def test_the_dashboard_speaks_indonesian_to_an_indonesian_editor(
    client, unit_a, make_staff
):
    busy_unit(unit_a, "Toronto")
    html = page_text(client, make_staff(unit_a, "moderator"), language="id")
    assert "Unit saya" in html
    assert "komentar atas komponen yang menunggu moderasi" in html
    assert "waiting for moderation" not in html


def pages_count(html: str) -> int:
    found = re.search(r"([\d,.]+)\s+Pages?\s*<span", html)
    return int(found.group(1).replace(",", "").replace(".", ""))


def test_the_page_count_covers_the_users_pages_not_another_units_drafts(
    client, unit_a, unit_b, make_staff
):
    """Wagtail counted every page of the site: an editor watching the figure
    learnt when another unit added a draft (with the unit in two languages,
    the editor's explorable root is the site's)."""
    translate_page(unit_a, "en", {})
    editor = make_staff(unit_a, "editor")
    before = pages_count(page_text(client, editor))
    ServiceStandardPageFactory(parent=unit_b, title="Draf rahasia", live=False)
    assert pages_count(page_text(client, editor)) == before
    ServiceStandardPageFactory(parent=unit_a, title="Draf sendiri", live=False)
    assert pages_count(page_text(client, editor)) == before + 1
