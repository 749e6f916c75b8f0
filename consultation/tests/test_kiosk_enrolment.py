"""Enrolling a counter tablet as a survey's kiosk, and revoking it.

The unit's staff create an enrolment in the admin and open its link on the
tablet; the link is signed, works once and expires; the tablet then holds a
signed, HttpOnly device cookie. Another unit's staff can neither see, create
nor revoke the enrolments of this unit's survey.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from cms.core.translation import translate_page
from consultation.models import KioskEnrolment
from consultation.surveys import kiosk

from .conftest import enrolment_path

pytestmark = pytest.mark.django_db


def list_url(page):
    return reverse("consultation_survey:kiosks", args=[page.pk])


def detail_url(page, enrolment):
    return reverse("consultation_survey:kiosk", args=[page.pk, enrolment.pk])


def revoke_url(page, enrolment):
    return reverse("consultation_survey:kiosk_revoke", args=[page.pk, enrolment.pk])


def kiosk_url(page):
    return page.url + page.reverse_subpage("kiosk")


def english_of(page):
    translate_page(page.get_parent(), "en", {})
    return translate_page(page, "en", {})


def shown_link(html: str, language: str = "id") -> str:
    pattern = rf'id="kiosk-enrolment-link-{language}"[^>]*value="([^"]+)"'
    return re.search(pattern, html)[1].replace("&amp;", "&")


# The admin: the unit's staff -------------------------------------------------------


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_units_staff_create_an_enrolment_and_see_its_link_and_qr_code(
    client, survey, make_staff, unit_a, role
):
    client.force_login(make_staff(unit_a, role))
    response = client.post(list_url(survey), {"name": "Loket 1"})
    enrolment = KioskEnrolment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(survey, enrolment)
    assert (enrolment.survey_id, enrolment.name) == (survey.pk, "Loket 1")
    screen = client.get(response["Location"])
    html = screen.content.decode()
    link = urlsplit(shown_link(html))
    assert link.path == survey.url + "kiosk/enrol/"
    token = parse_qs(link.query)[kiosk.LINK_PARAMETER][0]
    assert kiosk.enrolment_for_link(token, survey) == enrolment
    assert re.search(r'<svg [^>]*class="kiosk-enrolment__qr"', html)
    assert "no-store" in screen["Cache-Control"]


def test_enrolment_link_is_random_and_signed(survey):
    first = kiosk.create_enrolment(survey, "Loket 1", None)
    second = kiosk.create_enrolment(survey, "Loket 2", None)
    assert first.link_key != second.link_key and len(first.link_key) >= 43
    token = kiosk.link_token(first)
    assert kiosk.enrolment_for_link(token, survey) == first
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    with pytest.raises(kiosk.LinkRefused):
        kiosk.enrolment_for_link(tampered, survey)


def test_enrolment_needs_a_name(client, survey, make_staff, unit_a):
    client.force_login(make_staff(unit_a, "editor"))
    response = client.post(list_url(survey), {"name": ""})
    assert response.status_code == 400
    assert "error" in response.content.decode()
    assert not KioskEnrolment.objects.exists()


def test_units_staff_list_their_surveys_enrolments(client, survey, make_staff, unit_a):
    kiosk.create_enrolment(survey, "Loket 1", None)
    kiosk.create_enrolment(survey, "Loket 2", None)
    client.force_login(make_staff(unit_a, "editor"))
    html = client.get(list_url(survey)).content.decode()
    assert "Loket 1" in html and "Loket 2" in html


def test_units_staff_revoke_an_enrolment(client, survey, make_staff, unit_a, enrol):
    enrolment = enrol(client)
    staff = make_staff(unit_a, "editor")
    client.force_login(staff)
    response = client.post(revoke_url(survey, enrolment))
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.revoked_at is not None and enrolment.revoked_by == staff
    assert "Dicabut" in client.get(list_url(survey)).content.decode()


def test_revoking_needs_a_post(client, survey, make_staff, unit_a):
    enrolment = kiosk.create_enrolment(survey, "Loket 1", None)
    client.force_login(make_staff(unit_a, "editor"))
    assert client.get(revoke_url(survey, enrolment)).status_code == 405
    enrolment.refresh_from_db()
    assert enrolment.revoked_at is None


def test_survey_header_has_the_kiosk_tablets_button(client, survey, make_staff, unit_a):
    client.force_login(make_staff(unit_a, "editor"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[survey.pk])).content
    assert list_url(survey) in html.decode()


def test_enrolment_screen_offers_the_link_in_each_language(
    client, survey, make_staff, unit_a
):
    english = english_of(survey)
    client.force_login(make_staff(unit_a, "editor"))
    response = client.post(list_url(english), {"name": "Counter 2"})
    enrolment = KioskEnrolment.objects.get()
    assert enrolment.survey_id == survey.pk  # stored against the source survey
    html = client.get(response["Location"]).content.decode()
    for page, language in ((survey, "id"), (english, "en")):
        link = urlsplit(shown_link(html, language))
        assert link.path == page.url + "kiosk/enrol/"
        assert link.path.startswith(f"/{language}/")
    assert len(re.findall(r'<svg [^>]*class="kiosk-enrolment__qr"', html)) == 2


def test_enrolment_screen_of_an_unpublished_survey_says_to_publish_it(
    client, survey, make_staff, unit_a
):
    survey.unpublish()
    enrolment = kiosk.create_enrolment(survey, "Loket 1", None)
    client.force_login(make_staff(unit_a, "editor"))
    html = client.get(detail_url(survey, enrolment)).content.decode()
    assert "kiosk/enrol/" not in html
    assert "belum diterbitkan" in html


# The admin: another unit's staff ---------------------------------------------------


def assert_refused(response):
    """Wagtail's "permission denied": back to the dashboard with an error."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_other_units_staff_cannot_list_enrolments(
    client, survey, make_staff, unit_b, role
):
    kiosk.create_enrolment(survey, "Loket 1", None)
    client.force_login(make_staff(unit_b, role))
    response = client.get(list_url(survey))
    assert_refused(response)
    assert "Loket 1" not in client.get(response["Location"]).content.decode()


def test_other_units_editor_cannot_create_an_enrolment(
    client, survey, make_staff, unit_b
):
    client.force_login(make_staff(unit_b, "editor"))
    assert_refused(client.post(list_url(survey), {"name": "Loket 9"}))
    assert not KioskEnrolment.objects.exists()


def test_other_units_editor_cannot_see_an_enrolments_link(
    client, survey, make_staff, unit_b
):
    enrolment = kiosk.create_enrolment(survey, "Loket 1", None)
    client.force_login(make_staff(unit_b, "editor"))
    response = client.get(detail_url(survey, enrolment))
    assert_refused(response)
    assert "kiosk/enrol/" not in client.get(response["Location"]).content.decode()


def test_other_units_editor_cannot_revoke_an_enrolment(
    client, survey, make_staff, unit_b
):
    enrolment = kiosk.create_enrolment(survey, "Loket 1", None)
    client.force_login(make_staff(unit_b, "editor"))
    assert_refused(client.post(revoke_url(survey, enrolment)))
    enrolment.refresh_from_db()
    assert enrolment.revoked_at is None


def test_enrolment_of_another_survey_is_not_reached_through_ones_own(
    client, survey, make_staff, unit_a, their_enrolment
):
    """Own survey's URL with another unit's enrolment id: 404, not revoked."""
    client.force_login(make_staff(unit_a, "editor"))
    assert_refused(client.get(detail_url(survey, their_enrolment)))
    assert_refused(client.post(revoke_url(survey, their_enrolment)))
    their_enrolment.refresh_from_db()
    assert their_enrolment.revoked_at is None


def test_anonymous_visitor_is_sent_to_the_admin_login(client, survey):
    response = client.get(list_url(survey))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# The link on the tablet ------------------------------------------------------------


def test_opening_the_link_asks_to_confirm_and_enrols_nothing_yet(client, survey):
    enrolment = kiosk.create_enrolment(survey, "Loket 1", None)
    response = client.get(enrolment_path(survey, enrolment))
    assert response.status_code == 200
    assert "Loket 1" in response.content.decode()
    assert kiosk.COOKIE_NAME not in response.cookies
    enrolment.refresh_from_db()
    assert enrolment.enrolled_at is None


def test_confirming_sets_a_long_lived_httponly_lax_device_cookie(client, survey):
    enrolment = kiosk.create_enrolment(survey, "Loket 1", None)
    response = client.post(enrolment_path(survey, enrolment))
    assert response.status_code == 303
    assert response["Location"] == kiosk_url(survey)
    cookie = response.cookies[kiosk.COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert int(cookie["max-age"]) >= 365 * 24 * 60 * 60
    assert not cookie["secure"]  # development: plain HTTP
    enrolment.refresh_from_db()
    assert enrolment.enrolled_at is not None and enrolment.is_enrolled


@override_settings(SESSION_COOKIE_SECURE=True)
def test_device_cookie_is_secure_in_production(client, survey):
    enrolment = kiosk.create_enrolment(survey, "Loket 1", None)
    response = client.post(enrolment_path(survey, enrolment))
    assert response.cookies[kiosk.COOKIE_NAME]["secure"] is True


def test_the_link_enrols_one_tablet_once(client, survey):
    enrolment = kiosk.create_enrolment(survey, "Loket 1", None)
    assert client.post(enrolment_path(survey, enrolment)).status_code == 303
    again = client.get(enrolment_path(survey, enrolment))
    assert again.status_code == 410
    assert "sudah dipakai" in again.content.decode()
    second = client.post(enrolment_path(survey, enrolment))
    assert second.status_code == 410
    assert kiosk.COOKIE_NAME not in second.cookies


@pytest.mark.parametrize("token", ["", "forged", "WzEsImtleSJd:1a2b3c:forgedsig"])
def test_forged_link_is_refused_with_a_clear_page(client, survey, token):
    path = survey.url + survey.reverse_subpage("kiosk_enrol") + f"?t={token}"
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 400
        html = response.content.decode()
        assert 'role="alert"' in html and "Tautan pendaftaran ini tidak sah" in html
        assert kiosk.COOKIE_NAME not in response.cookies


def test_link_past_its_24_hours_is_refused_with_a_clear_page(client, survey):
    enrolment = kiosk.create_enrolment(survey, "Loket 1", None)
    KioskEnrolment.objects.filter(pk=enrolment.pk).update(
        link_expires_at=timezone.now() - timezone.timedelta(seconds=1)
    )
    response = client.post(enrolment_path(survey, enrolment))
    assert response.status_code == 410
    assert "kedaluwarsa" in response.content.decode()
    assert kiosk.COOKIE_NAME not in response.cookies


def test_link_whose_signature_expired_is_refused(client, survey, monkeypatch):
    enrolment = kiosk.create_enrolment(survey, "Loket 1", None)
    monkeypatch.setattr(kiosk, "LINK_MAX_AGE", -1)
    response = client.get(enrolment_path(survey, enrolment))
    assert response.status_code == 410
    assert "kedaluwarsa" in response.content.decode()


def test_revoked_link_is_refused(client, survey):
    enrolment = kiosk.create_enrolment(survey, "Loket 1", None)
    kiosk.revoke(enrolment, None)
    response = client.post(enrolment_path(survey, enrolment))
    assert response.status_code == 410
    assert kiosk.COOKIE_NAME not in response.cookies


def test_link_of_one_survey_does_not_enrol_on_another(client, survey, other_survey):
    other = other_survey
    enrolment = kiosk.create_enrolment(survey, "Loket 1", None)
    query = enrolment_path(survey, enrolment).split("?")[1]
    response = client.post(other.url + "kiosk/enrol/?" + query)
    assert response.status_code == 400


def test_enrolment_page_in_english(client, survey):
    english = english_of(survey)
    enrolment = kiosk.create_enrolment(survey, "Counter 1", None)
    html = client.get(enrolment_path(english, enrolment)).content.decode()
    assert "Enrol this tablet" in html
    kiosk.revoke(enrolment, None)
    html = client.get(enrolment_path(english, enrolment)).content.decode()
    assert "This enrolment was revoked" in html


def test_enrolment_link_uses_the_sites_public_address_not_the_admins(
    client, survey, make_staff, unit_a
):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "layanan.example.go.id", 443
    site.save()
    client.force_login(make_staff(unit_a, "editor"))
    response = client.post(list_url(survey), {"name": "Loket 1"})
    link = shown_link(client.get(response["Location"]).content.decode())
    assert link.startswith("https://layanan.example.go.id/")


def test_editors_reach_the_qr_poster_from_the_survey(
    client, survey, make_staff, unit_a
):
    client.force_login(make_staff(unit_a, "editor"))
    poster = survey.get_full_url() + "poster/"
    assert poster.startswith("http")
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[survey.pk]))
    assert poster in edit.content.decode()
    # Once in the page's header menu (it was listed twice, once relative).
    assert edit.content.decode().count("Poster QR") == 1
    assert poster in client.get(list_url(survey)).content.decode()
    assert client.get(poster).status_code == 200
