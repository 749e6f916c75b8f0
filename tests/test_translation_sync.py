"""Facts follow the source: an Indonesian publication reaches the English page,
the API and open data with no other action (`cms.core.translation_sync`)."""

import json

import pytest
from django.core.cache import cache
from wagtail_localize.models import StringSegment, TranslationSource

from cms.core.translation import translate_page
from search.models import IndexedPage
from standards.factories import ServiceStandardPageFactory, fee_items

pytestmark = pytest.mark.django_db

ENGLISH = {"Penerbitan paspor baru": "New passport", "Biaya layanan": "Service fee"}


@pytest.fixture
def standard(unit_a, locales):
    cache.clear()
    page = ServiceStandardPageFactory(
        parent=unit_a, title="Penerbitan paspor baru", slug="paspor-baru"
    )
    page.save_revision().publish()
    translate_page(unit_a, "en", {})
    english = translate_page(page, "en", every_string(page))
    return type(page).objects.get(pk=page.pk), english


def every_string(page) -> dict[str, str]:
    """A translation of each of the page's strings (ENGLISH, else the text itself)."""
    source, _ = TranslationSource.get_or_create_from_instance(page)
    texts = StringSegment.objects.filter(source=source).values_list(
        "string__data", flat=True
    )
    return {text: ENGLISH.get(text, text) for text in texts}


@pytest.fixture
def change_fee_in_indonesian(publish):
    def change(page, amount: str) -> None:
        page.fees = fee_items(amount=amount)
        page.completion_time_value = 5
        publish(page)

    return change


def test_a_fee_published_in_indonesian_shows_on_the_english_page(
    client, standard, change_fee_in_indonesian
):
    source, english = standard
    change_fee_in_indonesian(source, "75")
    html = client.get(english.url).content.decode()
    assert "CAD 75" in html and "CAD 60" not in html
    assert "5 working days" in html
    assert "New passport" in html  # its words keep their translation


def test_the_api_and_open_data_read_the_new_fee(
    client, standard, change_fee_in_indonesian
):
    source, english = standard
    change_fee_in_indonesian(source, "75")
    detail = client.get(f"/api/standards/{english.pk}/").json()
    assert "75" in json.dumps(detail["fees"]) and "60.00" not in json.dumps(
        detail["fees"]
    )
    response = client.get("/api/data/standards.json")
    rows = json.loads(b"".join(response.streaming_content))
    english_row = next(row for row in rows if row["id"] == english.pk)
    assert english_row["fee_amount_from"] in ("75", "75.00", 75)


def test_a_changed_sentence_shows_in_indonesian_with_a_notice(
    client, standard, publish
):
    source, english = standard
    source.summary = "Paspor elektronik kini diterbitkan untuk semua pemohon."
    publish(source)
    html = client.get(english.url).content.decode()
    assert "Paspor elektronik kini diterbitkan untuk semua pemohon." in html
    assert "Part of this page was changed in Indonesian" in html
    assert f'href="{source.url}"' in html


def test_the_notice_goes_once_the_translation_is_published(client, standard, publish):
    """Whether a page lags is remembered until the tree changes: publishing
    the translation moves it."""
    source, english = standard
    source.summary = "Paspor elektronik kini diterbitkan untuk semua pemohon."
    publish(source)
    assert "Part of this page" in client.get(english.url).content.decode()
    translate_page(source, "en", every_string(source))
    assert "Part of this page" not in client.get(english.url).content.decode()


def test_a_fully_translated_page_has_no_lag_notice(client, standard):
    _, english = standard
    assert "Part of this page" not in client.get(english.url).content.decode()


def test_a_draft_translation_is_not_published_by_the_source(unit_a, publish):
    page = ServiceStandardPageFactory(parent=unit_a, slug="visa")
    page.save_revision().publish()
    translate_page(unit_a, "en", {})
    english = translate_page(page, "en", {}, publish=False)
    publish(page)
    english.refresh_from_db()
    assert not english.live


def test_versions_of_a_translation_follow_its_source(
    standard, change_fee_in_indonesian
):
    source, english = standard
    change_fee_in_indonesian(source, "75")
    numbers = list(english.versions.order_by("number").values_list("number", flat=True))
    assert numbers == list(
        source.versions.order_by("number").values_list("number", flat=True)
    )


def test_a_translation_built_after_the_publication_is_not_published_again(
    unit_a, locales, django_capture_on_commit_callbacks
):
    """`translate_page` right after publishing the source (as `seed_demo`
    does) already holds what was published: the sync at commit adds nothing."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page = ServiceStandardPageFactory(parent=unit_a, slug="visa")
        page.save_revision().publish()
        translate_page(unit_a, "en", {})
        english = translate_page(page, "en", every_string(page))
        revisions = english.revisions.count()
    assert callbacks, "the publication asked for a sync"
    assert english.revisions.count() == revisions


def test_english_search_finds_the_new_fee(standard, change_fee_in_indonesian):
    source, english = standard
    change_fee_in_indonesian(source, "75")
    body = IndexedPage.objects.get(page_id=english.pk).body
    assert "75" in body and "60" not in body


def save_unreviewed(page, text: str, translation: str) -> None:
    """A translator saves `translation` of `text` in the translation editor
    and sends nothing to moderation."""
    from wagtail_localize.models import StringTranslation

    string = StringTranslation.objects.get(
        translation_of__data=text, locale__language_code="en"
    )
    string.data = translation
    string.save()


def test_an_unreviewed_translation_waits_for_its_moderator(
    client, standard, change_fee_in_indonesian
):
    """A moderator publishing the Indonesian page published what an editor had
    typed in the English translation and never sent to moderation."""
    from wagtail_localize.models import StringTranslation

    source, english = standard
    save_unreviewed(source, "Penerbitan paspor baru", "UNREVIEWED title")
    change_fee_in_indonesian(source, "75")
    html = client.get(english.url).content.decode()
    assert "CAD 75" in html  # the facts follow the source
    assert "UNREVIEWED title" not in html
    assert "New passport" in html  # the words the moderator approved
    kept = StringTranslation.objects.get(translation_of__data="Penerbitan paspor baru")
    assert kept.data == "UNREVIEWED title"  # the translator's work is kept


def test_a_reviewed_translation_is_published_with_its_words(
    client, standard, change_fee_in_indonesian
):
    source, english = standard
    save_unreviewed(source, "Penerbitan paspor baru", "Issuance of a new passport")
    english.save_revision().publish()  # the moderator approves the translation
    change_fee_in_indonesian(source, "75")
    html = client.get(english.url).content.decode()
    assert "CAD 75" in html
    assert "Issuance of a new passport" in html


def put_override(client, page, field: str, value: str):
    """What the translation editor sends when a translator replaces the
    English value of an overridable field (`field`) of `page`."""
    from wagtail_localize.models import OverridableSegment, Translation

    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code="en"
    )
    segment = OverridableSegment.objects.get(
        source=translation.source, context__path=field
    )
    path = f"/admin/localize/translate/{translation.pk}/overrides/{segment.pk}/edit/"
    return client.put(
        path, f"value={value}", content_type="application/x-www-form-urlencoded"
    )


def test_an_editors_override_waits_for_moderation_through_every_sync(
    client, standard, change_fee_in_indonesian, make_staff, unit_a, publish
):
    """An editor replaced the English page's link (the translation editor's
    override) and the next publication of the Indonesian page published it,
    with nobody reviewing it: a link to anywhere on the embassy's page."""
    source, english = standard
    source.application_url = "https://www.kemlu.go.id/toronto"
    publish(source)
    client.force_login(make_staff(unit_a))
    forged = "https://phishing.example/paspor"
    assert put_override(client, source, "application_url", forged).status_code == 201
    client.logout()
    change_fee_in_indonesian(source, "75")
    change_fee_in_indonesian(source, "80")  # a second sync: still unreviewed
    html = client.get(english.url).content.decode()
    assert "CAD 80" in html
    assert forged not in html
    assert "https://www.kemlu.go.id/toronto" in html


def test_an_unreviewed_string_stays_out_through_a_second_sync(
    client, standard, change_fee_in_indonesian
):
    """A sync publishes the English page; the string an editor typed before it
    is no more reviewed for that (`reviewed_at` ignores syncs)."""
    source, english = standard
    save_unreviewed(source, "Penerbitan paspor baru", "UNREVIEWED title")
    change_fee_in_indonesian(source, "75")
    change_fee_in_indonesian(source, "80")
    html = client.get(english.url).content.decode()
    assert "CAD 80" in html
    assert "UNREVIEWED title" not in html


def test_the_decree_number_is_no_translators_to_replace(standard):
    from wagtail_localize.models import OverridableSegment

    source, _english = standard
    paths = OverridableSegment.objects.filter(
        source__object_id=source.translation_key
    ).values_list("context__path", flat=True)
    assert "decree_number" not in set(paths)


def test_an_override_its_moderator_published_stays_through_syncs(
    client, standard, change_fee_in_indonesian, make_staff, unit_a, publish
):
    from wagtail_localize.models import Translation

    source, english = standard
    source.application_url = "https://www.kemlu.go.id/toronto"
    publish(source)
    client.force_login(make_staff(unit_a))
    english_site = "https://www.kemlu.go.id/toronto/en"
    response = put_override(client, source, "application_url", english_site)
    assert response.status_code == 201
    client.logout()
    # The moderator approves the English page with the new link.
    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale__language_code="en"
    )
    translation.save_target(publish=False)
    publish(type(english).objects.get(pk=english.pk))
    change_fee_in_indonesian(source, "75")
    html = client.get(english.url).content.decode()
    assert "CAD 75" in html
    assert english_site in html


def test_approving_a_revision_a_sync_made_does_not_review_a_translators_string(
    client, standard, change_fee_in_indonesian
):
    """Wagtail's approval publishes the latest revision; when a sync made it,
    it holds the sync's words, not the string the translator saved before:
    that string stays unreviewed through the next sync."""
    source, english = standard
    save_unreviewed(source, "Penerbitan paspor baru", "UNREVIEWED title")
    change_fee_in_indonesian(source, "75")  # the sync makes the latest revision
    latest = type(english).objects.get(pk=english.pk).get_latest_revision()
    latest.publish()  # the moderator approves the page as it stands
    change_fee_in_indonesian(source, "80")
    html = client.get(english.url).content.decode()
    assert "CAD 80" in html
    assert "UNREVIEWED title" not in html
