"""Consultations index, home section, unit section and exports."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from consultation.forums.listing import consultation_listing
from consultation.forums.models import ConsultationPage
from consultation.models import ConsultationSubmission

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def consultations(unit_a, unit_b):
    open_ = ConsultationPageFactory(parent=unit_a, title="Terbuka A", slug="terbuka")
    ConsultationPageFactory(
        parent=unit_b,
        title="Akan datang B",
        slug="akan",
        opens_on=TODAY + datetime.timedelta(days=5),
        closes_on=TODAY + datetime.timedelta(days=25),
    )
    ConsultationPageFactory(
        parent=unit_b,
        title="Terlambat B",
        slug="terlambat",
        opens_on=TODAY - datetime.timedelta(days=200),
        closes_on=TODAY - datetime.timedelta(days=120),
    )
    return open_


@pytest.fixture
def index_page(home_page):
    return ConsultationIndexPageFactory(parent=home_page)


def test_index_lists_open_first_with_days_left(client, consultations, index_page):
    html = client.get(index_page.url).content.decode()
    assert (
        html.index("Terbuka A")
        < html.index("Akan datang B")
        < html.index("Terlambat B")
    )
    assert "hari lagi" in html or "days left" in html


def test_index_flags_overdue_outcomes(client, consultations, index_page):
    html = client.get(index_page.url).content.decode()
    assert "badge--warn" in html


def test_home_shows_open_consultations(client, consultations, home_page):
    html = client.get(home_page.url).content.decode()
    assert "Terbuka A" in html
    assert "Akan datang B" not in html


def test_unit_page_shows_its_consultations_with_state(client, consultations, unit_a):
    html = client.get(unit_a.url).content.decode()
    assert "Terbuka A" in html and "state-badge" in html


@pytest.fixture
def answered(consultations):
    page = consultations
    page.identity_level = "email"
    page.save()
    ConsultationFormFieldFactory(page=page, label="Pendapat", field_type="singleline")
    ConsultationSubmission.objects.create(
        page=page,
        form_data={"pendapat": "Bagus"},
        respondent_key="e:1",
        name="Siti",
        email="siti@example.org",
        confirmed=False,
    )
    return page


def export(client, page):
    response = client.get(reverse("consultation_fkp:export", args=[page.pk, "csv"]))
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_export_without_permission_has_no_personal_data(
    client, answered, make_staff, unit_a
):
    client.force_login(make_staff(unit_a, "editor"))
    rows = export(client, answered)
    assert "email" not in rows[0] and "name" not in rows[0]
    assert "siti@example.org" not in str(rows)
    assert "pendapat" not in rows[0] and "Bagus" not in str(rows)


def test_export_with_permission_includes_personal_data(
    client, answered, make_staff, unit_a
):
    user = make_staff(unit_a, "editor")
    user.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    client.force_login(user)
    rows = export(client, answered)
    assert "email" in rows[0]
    assert "siti@example.org" in rows[1]
    assert rows[1][-1] == "Bagus"


def test_export_as_xlsx(client, answered, superuser):
    from openpyxl import load_workbook

    client.force_login(superuser)
    url = reverse("consultation_fkp:export", args=[answered.pk, "xlsx"])
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    assert len(list(sheet.values)) == 2


def test_other_unit_cannot_export(client, answered, make_staff, unit_b):
    client.force_login(make_staff(unit_b, "editor"))
    response = client.get(reverse("consultation_fkp:export", args=[answered.pk, "csv"]))
    assert response.status_code == 302


def test_the_english_index_lists_consultations_published_in_indonesian_only(
    client, unit_a, unit_b, consultations, index_page
):
    """Marked as such and linked under /en/, where the Indonesian page opens
    with an English notice; a translated one is listed once, in English."""
    from cms.core.translation import translate_page

    for page in (unit_a, unit_b, index_page):
        page.save_revision().publish()
        translate_page(page, "en", {})
    translate_page(consultations, "en", {"Terbuka A": "Open A"})
    english_index = translate_page(index_page, "en", {})
    html = client.get(english_index.url).content.decode()
    assert html.count("Open A") == 1 and "Terbuka A" not in html
    assert "Akan datang B" in html and "Terlambat B" in html
    assert html.count("in Indonesian only") == 2
    assert 'href="/en/unit/kbri-singapura/akan/" lang="id"' in html
    page = client.get("/en/unit/kbri-singapura/akan/")
    assert page.status_code == 200
    assert "This page is not available in English yet" in page.content.decode()


def test_listed_consultations_know_their_locale_without_a_query(
    consultations, django_assert_num_queries
):
    groups = consultation_listing(ConsultationPage.objects.live())
    pages = [item["page"] for group in groups for item in group["items"]]
    assert len(pages) == 3
    with django_assert_num_queries(0):
        assert {page.locale.language_code for page in pages} == {"id"}
