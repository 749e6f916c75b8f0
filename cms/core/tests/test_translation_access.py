"""Translations follow the unit's rules, through wagtail-localize's own screens.

Every unit group holds wagtail-localize's global `submit_translation`
permission, and its submit and update views check only that. These tests go
through those screens as an attacker would: another unit's editor, an editor
publishing their own unapproved draft, an editor republishing what a
moderator has unpublished.
"""

import pytest
from django.contrib.messages import constants, get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve
from django.utils.translation import override as translation_override
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from cms.core.dashboard import unit_blocks, workplace_for
from cms.core.factories import ContentPageFactory
from cms.core.models import ContentPage
from cms.core.translation import translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """A client whose requests run their on-commit callbacks, as in production:
    wagtail-localize publishes translations when the transaction commits."""

    class CommittingClient:
        def __getattr__(self, name):
            return getattr(client, name)

        def get(self, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return client.get(*args, **kwargs)

        def post(self, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return client.post(*args, **kwargs)

        def committing(self):
            return django_capture_on_commit_callbacks(execute=True)

    return CommittingClient()


@pytest.fixture
def english(locales):
    return locales[1]


@pytest.fixture
def english_units(units_index, unit_a, unit_b):
    """The units index and both units exist in English (as a superuser made them)."""
    translate_page(units_index, "en", {})
    translate_page(unit_a, "en", {})
    translate_page(unit_b, "en", {})


@pytest.fixture
def live_page_b(unit_b, english_units):
    return ContentPageFactory(parent=unit_b, title="Layanan paspor B")


@pytest.fixture
def live_page_a(unit_a, english_units):
    return ContentPageFactory(parent=unit_a, title="Layanan paspor A")


def submit_translation(client, page, english):
    url = f"/admin/localize/submit/page/{page.pk}/"
    client.get(url)
    return client.post(url, {"locales": [english.pk]})


def english_copy(page, english):
    return Page.objects.filter(
        translation_key=page.translation_key, locale=english
    ).first()


def test_editor_cannot_translate_another_units_page(
    client, make_staff, unit_a, live_page_b, english
):
    client.force_login(make_staff(unit_a))
    response = submit_translation(client, live_page_b, english)
    assert response.status_code in (302, 403)
    assert english_copy(live_page_b, english) is None


def test_editor_cannot_open_translation_screen_of_another_units_page(
    client, make_staff, unit_a, live_page_b
):
    client.force_login(make_staff(unit_a))
    response = client.get(f"/admin/localize/submit/page/{live_page_b.pk}/")
    assert response.status_code in (302, 403)
    assert b"Layanan paspor B" not in response.content


def test_editors_translation_of_own_page_is_an_unpublished_draft(
    client, make_staff, unit_a, live_page_a, english
):
    client.force_login(make_staff(unit_a))
    response = submit_translation(client, live_page_a, english)
    assert response.status_code == 302
    copy = english_copy(live_page_a, english)
    assert copy is not None
    assert not copy.live


def test_editor_cannot_publish_own_unapproved_draft_through_translation(
    client, make_staff, unit_a, english_units, english
):
    editor = make_staff(unit_a)
    draft = ContentPageFactory(parent=unit_a, title="Draf belum disetujui", live=False)
    draft.save_revision(user=editor)
    client.force_login(editor)
    submit_translation(client, draft, english)
    source = TranslationSource.objects.get(object_id=draft.translation_key)
    client.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    copy = english_copy(draft, english)
    assert copy is None or not copy.live


def test_editor_cannot_sync_another_units_translations(
    client, make_staff, unit_a, live_page_b, english
):
    translate_page(live_page_b, "en", {}, publish=False)
    source = TranslationSource.objects.get(object_id=live_page_b.translation_key)
    client.force_login(make_staff(unit_a))
    response = client.post(
        f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"}
    )
    assert response.status_code in (302, 403)
    assert not english_copy(live_page_b, english).live


def test_editor_cannot_republish_a_page_a_moderator_unpublished(
    client, make_staff, unit_b, live_page_b, english
):
    translate_page(live_page_b, "en", {})
    copy = english_copy(live_page_b, english)
    copy.specific.unpublish()
    source = TranslationSource.objects.get(object_id=live_page_b.translation_key)
    client.force_login(make_staff(unit_b))
    client.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    copy.refresh_from_db()
    assert not copy.live


def test_moderator_publishes_own_units_translations_by_sync(
    client, make_staff, unit_a, live_page_a, english
):
    translate_page(live_page_a, "en", {}, publish=False)
    source = TranslationSource.objects.get(object_id=live_page_a.translation_key)
    client.force_login(make_staff(unit_a, "moderator"))
    response = client.post(
        f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"}
    )
    assert response.status_code == 302
    assert english_copy(live_page_a, english).live


def test_other_units_moderator_cannot_publish_translations(
    client, make_staff, unit_a, live_page_b, english
):
    translate_page(live_page_b, "en", {}, publish=False)
    source = TranslationSource.objects.get(object_id=live_page_b.translation_key)
    client.force_login(make_staff(unit_a, "moderator"))
    client.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    assert not english_copy(live_page_b, english).live


def test_editor_cannot_publish_from_the_translation_editor(
    client, make_staff, unit_a, live_page_a, english
):
    translate_page(live_page_a, "en", {}, publish=False)
    copy = english_copy(live_page_a, english)
    client.force_login(make_staff(unit_a))
    client.post(f"/admin/pages/{copy.pk}/edit/", {"action": "publish"})
    copy.refresh_from_db()
    assert not copy.live


def test_editor_submits_translation_to_the_units_moderators(
    client, make_staff, unit_a, live_page_a, english
):
    editor = make_staff(unit_a)
    client.force_login(editor)
    submit_translation(client, live_page_a, english)
    copy = english_copy(live_page_a, english)
    # The translation screen has no such button of its own: its message has.
    screen = client.get(f"/admin/pages/{copy.pk}/edit/").content.decode()
    assert f'href="/admin/translations/{copy.pk}/submit/"' in screen
    response = client.post(f"/admin/translations/{copy.pk}/submit/")
    assert response.status_code == 302
    copy = ContentPage.objects.get(pk=copy.pk)
    assert copy.current_workflow_task_state is not None
    assert not copy.live

    client.force_login(make_staff(unit_a, "moderator"))
    task_state = copy.current_workflow_task_state
    client.post(
        f"/admin/pages/workflow/action/{copy.pk}/approve/{task_state.pk}/",
        {"comment": ""},
    )
    copy.refresh_from_db()
    assert copy.live


def test_editor_cannot_submit_another_units_translation(
    client, make_staff, unit_a, live_page_b, english
):
    translate_page(live_page_b, "en", {}, publish=False)
    copy = english_copy(live_page_b, english)
    client.force_login(make_staff(unit_a))
    response = client.post(f"/admin/translations/{copy.pk}/submit/")
    assert response.status_code in (302, 403, 404)
    assert ContentPage.objects.get(pk=copy.pk).current_workflow_task_state is None


def test_translation_keeps_enabled_for_the_editor(
    client, make_staff, unit_a, live_page_a, english
):
    client.force_login(make_staff(unit_a))
    submit_translation(client, live_page_a, english)
    assert Translation.objects.filter(
        source__object_id=live_page_a.translation_key,
        target_locale=Locale.objects.get(language_code="en"),
        enabled=True,
    ).exists()


def test_translations_report_names_only_pages_the_user_may_edit(
    client, make_staff, unit_a, live_page_a, live_page_b
):
    translate_page(live_page_a, "en", {}, publish=False)
    translate_page(live_page_b, "en", {}, publish=False)
    client.force_login(make_staff(unit_a))
    response = client.get("/admin/localize/reports/translations/")
    assert response.status_code == 200
    assert b"Layanan paspor A" in response.content
    assert b"Layanan paspor B" not in response.content


def convert_to_alias(client, copy):
    return client.post(f"/admin/localize/page/{copy.pk}/convert_to_alias/")


def test_editor_cannot_publish_a_draft_translation_by_making_it_an_alias(
    client, make_staff, unit_a, live_page_a, english
):
    """An alias mirrors its source's live status: converting publishes."""
    copy = translate_page(live_page_a, "en", {}, publish=False)
    client.force_login(make_staff(unit_a))
    response = convert_to_alias(client, copy)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{copy.pk}/edit/"
    [message] = get_messages(response.wsgi_request)
    assert message.level == constants.ERROR and "menerbitkan" in message.message
    copy.refresh_from_db()
    assert not copy.live and copy.alias_of_id is None


def test_moderator_makes_a_translation_an_alias_of_its_source(
    client, make_staff, unit_a, live_page_a, english
):
    copy = translate_page(live_page_a, "en", {}, publish=False)
    client.force_login(make_staff(unit_a, "moderator"))
    assert convert_to_alias(client, copy).status_code == 302
    copy.refresh_from_db()
    assert copy.live and copy.alias_of_id == live_page_a.pk


def test_other_units_moderator_cannot_make_a_translation_an_alias(
    client, make_staff, unit_b, live_page_a, english
):
    copy = translate_page(live_page_a, "en", {}, publish=False)
    client.force_login(make_staff(unit_b, "moderator"))
    assert convert_to_alias(client, copy).status_code in (302, 403)
    copy.refresh_from_db()
    assert not copy.live and copy.alias_of_id is None


@pytest.mark.parametrize(
    ("path", "view_name"),
    [
        ("/admin/localize/submit/page/1/", "UnitSubmitPageTranslationView"),
        (
            "/admin/localize/submit/snippet/search/synonym/1/",
            "UnitSubmitSnippetTranslationView",
        ),
        ("/admin/localize/update/1/", "UnitUpdateTranslationsView"),
        ("/admin/localize/page/1/convert_to_alias/", "convert_to_alias"),
        ("/admin/localize/reports/translations/", "UnitTranslationsReportView"),
        (
            "/admin/localize/reports/translations/results/",
            "UnitTranslationsReportView",
        ),
        ("/admin/localize/api/snippets/search/synonym/", "UnitSnippetsAPIViewSet"),
        ("/admin/localize/api/snippets/search/synonym/1/", "UnitSnippetsAPIViewSet"),
    ],
)
def test_wagtail_localize_paths_lead_to_the_units_views(path, view_name):
    """The stricter views are mounted at wagtail-localize's own paths, ahead of it."""
    view = resolve(path).func
    view = getattr(view, "view_class", getattr(view, "cls", view))
    assert view.__module__ == "cms.core.translation_access"
    assert view.__name__ == view_name


def test_snippet_api_of_localize_refuses_unit_staff(client, make_staff, unit_a):
    client.force_login(make_staff(unit_a))
    response = client.get("/admin/localize/api/snippets/search/synonym/")
    assert response.status_code == 403


def po_upload(client, translation, content: bytes):
    return client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/",
        {
            "file": SimpleUploadedFile("terjemahan.po", content),
            "next": "/admin/pages/",
        },
    )


def test_po_file_without_its_header_gets_a_message_not_a_500(
    client, superuser, live_page_a, english
):
    client.force_login(superuser)
    submit_translation(client, live_page_a, english)
    translation = Translation.objects.get(source__object_id=live_page_a.translation_key)

    response = po_upload(client, translation, b'msgid ""\nmsgstr ""\n')

    assert response.status_code == 302
    levels = [message.level for message in get_messages(response.wsgi_request)]
    assert constants.ERROR in levels


def test_po_file_of_the_translation_is_imported(
    client, superuser, live_page_a, english
):
    client.force_login(superuser)
    submit_translation(client, live_page_a, english)
    translation = Translation.objects.get(source__object_id=live_page_a.translation_key)
    exported = client.get(
        f"/admin/localize/translate/{translation.pk}/pofile/download/"
    ).content

    translated = exported.replace(
        b'msgid "Layanan paspor A"\nmsgstr ""', b'msgid "Layanan paspor A"\nmsgstr "A"'
    )

    response = po_upload(client, translation, translated)

    assert response.status_code == 302
    assert StringTranslation.objects.filter(
        translation_of__data="Layanan paspor A", data="A"
    ).exists()


def stop_sync(client, copy):
    translation = Translation.objects.get(
        source__object_id=copy.translation_key, target_locale=copy.locale
    )
    response = client.post(
        f"/admin/localize/translate/{translation.pk}/disable/",
        {"next": f"/admin/pages/{copy.pk}/edit/"},
    )
    translation.refresh_from_db()
    return response, translation


def test_editor_cannot_stop_a_translation_following_its_source(
    client, make_staff, unit_a, live_page_a, english
):
    """Once stopped, the page no longer follows its source, its facts (a fee)
    included: a decision for those who may publish it."""
    copy = translate_page(live_page_a, "en", {})
    client.force_login(make_staff(unit_a))
    response, translation = stop_sync(client, copy)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{copy.pk}/edit/"
    [message] = get_messages(response.wsgi_request)
    assert message.level == constants.ERROR
    assert translation.enabled


def test_moderator_stops_a_translation_following_its_source(
    client, make_staff, unit_a, live_page_a, english
):
    copy = translate_page(live_page_a, "en", {})
    client.force_login(make_staff(unit_a, "moderator"))
    response, translation = stop_sync(client, copy)
    assert response.status_code == 302
    assert not translation.enabled


OUT_OF_DATE = "this translation is no longer updated with it"


def publish_changed_summary(client, page, summary: str) -> None:
    source = ContentPage.objects.get(pk=page.pk)
    source.intro = summary
    with client.committing():
        source.save_revision().publish()


def test_a_translation_that_stopped_following_says_its_facts_may_be_out_of_date(
    client, make_staff, unit_a, live_page_a, english
):
    """Readers of a translation whose sync a moderator stopped learn, once the
    source has changed, that it may be out of date (a fee kept from before),
    and the unit's editors see it on their dashboard."""
    copy = translate_page(live_page_a, "en", {})
    moderator = make_staff(unit_a, "moderator")
    client.force_login(moderator)
    stop_sync(client, copy)
    client.logout()
    url = copy.get_url()
    assert OUT_OF_DATE not in client.get(url).content.decode()
    publish_changed_summary(client, live_page_a, "Biaya layanan berubah.")
    page = client.get(url).content.decode()
    assert OUT_OF_DATE in page
    assert f'href="{live_page_a.get_url()}" hreflang="id"' in page
    with translation_override("en"):
        lines = [
            line
            for block in unit_blocks(workplace_for(moderator))[unit_a.pk]
            for line in block.lines
            if "no longer follows the Indonesian page" in line.text
        ]
    assert [line.attention for line in lines] == [True]


def test_a_translation_that_follows_its_source_is_updated_without_the_notice(
    client, unit_a, live_page_a, english
):
    copy = translate_page(live_page_a, "en", {})
    publish_changed_summary(client, live_page_a, "Biaya layanan berubah.")
    page = client.get(copy.get_url()).content.decode()
    assert "Biaya layanan berubah." in page
    assert OUT_OF_DATE not in page


# From the outside probe: an editor's "Send translation to moderation" made
# the translated words public at once (wagtail-localize writes them to the
# page's row even for a draft), they stayed public when the moderators asked
# for changes, sending it again after that was a 500, and a page a moderator
# had locked was sent all the same.


@pytest.fixture
def published_english(live_page_a, english):
    """Unit A's page published in English, and its translation's title string."""
    translate_page(live_page_a, "en", {"Layanan paspor A": "Passport service A"})
    translation = Translation.objects.get(
        source__object_id=live_page_a.translation_key, target_locale=english
    )
    title = StringSegment.objects.get(source=translation.source, context__path="title")
    return english_copy(live_page_a, english), translation, title


def edit_title(client, translation, segment, value: str):
    path = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"
    data = f"value={value}"
    response = client.put(path, data, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 201)


def moderate(client, make_staff, unit, page, action: str):
    client.force_login(make_staff(unit, "moderator"))
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    url = f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"
    assert client.post(url, {"comment": "Periksa lagi"}).status_code in (200, 302)


def test_a_translation_sent_to_moderation_is_public_only_once_approved(
    client, make_staff, unit_a, published_english
):
    copy, translation, title = published_english
    editor = make_staff(unit_a)
    client.force_login(editor)
    edit_title(client, translation, title, "Unreviewed")
    assert client.post(f"/admin/translations/{copy.pk}/submit/").status_code == 302
    page = ContentPage.objects.get(pk=copy.pk)
    assert (page.title, page.live, page.draft_title) == (
        "Passport service A",
        True,
        "Unreviewed",
    )
    assert page.get_latest_revision().as_object().title == "Unreviewed"
    reader = Client()
    assert "Unreviewed" not in reader.get(page.url).content.decode()

    moderate(client, make_staff, unit_a, page, "reject")
    assert ContentPage.objects.get(pk=copy.pk).title == "Passport service A"

    client.force_login(editor)
    edit_title(client, translation, title, "UnreviewedTwice")
    assert client.post(f"/admin/translations/{copy.pk}/submit/").status_code == 302
    page = ContentPage.objects.get(pk=copy.pk)
    assert page.workflow_in_progress
    assert page.workflow_states.count() == 1  # resumed, not started again
    # The second sending keeps the live words too (the re-test found them
    # public: the first restore had lost the page's live revision).
    assert (page.title, page.live_revision_id) == (
        "Passport service A",
        copy.live_revision_id,
    )
    assert "Unreviewed" not in reader.get(page.url).content.decode()

    moderate(client, make_staff, unit_a, page, "approve")
    assert ContentPage.objects.get(pk=copy.pk).title == "UnreviewedTwice"


def test_a_translation_locked_by_a_moderator_is_not_sent(
    client, make_staff, unit_a, published_english
):
    copy, translation, title = published_english
    page = ContentPage.objects.get(pk=copy.pk)
    page.locked, page.locked_by = True, make_staff(unit_a, "moderator")
    page.save()
    client.force_login(make_staff(unit_a))
    client.post(f"/admin/translations/{copy.pk}/submit/")
    page = ContentPage.objects.get(pk=copy.pk)
    assert page.current_workflow_state is None
    assert page.title == "Passport service A"


# From the outside probe: wagtail-localize's translation editor took string
# edits, and published, while the page was locked for the user, which
# Wagtail's own editor refuses.


@pytest.fixture
def locked_english(make_staff, unit_a, published_english):
    """The English copy, locked by one of unit A's moderators."""
    copy, translation, title = published_english
    page = ContentPage.objects.get(pk=copy.pk)
    page.locked, page.locked_by = True, make_staff(unit_a, "moderator")
    page.save()
    return page, translation, title


def change_title(client, translation, segment, method: str, value: str = ""):
    path = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"
    send = client.put if method == "PUT" else client.delete
    return send(
        path, f"value={value}", content_type="application/x-www-form-urlencoded"
    )


def english_title(translation, segment) -> str:
    return StringTranslation.objects.get(
        translation_of_id=segment.string_id, locale=translation.target_locale
    ).data


def test_a_locked_translations_strings_are_not_changed(
    client, make_staff, unit_a, locked_english
):
    page, translation, title = locked_english
    client.force_login(make_staff(unit_a))
    for method in ("PUT", "DELETE"):
        response = change_title(client, translation, title, method, "Rewritten")
        assert response.status_code == 409
        assert "locked" in response.json()["error"]
        assert "<b>" not in response.json()["error"]
        assert english_title(translation, title) == "Passport service A"
    page.locked = False
    page.save()
    response = change_title(client, translation, title, "PUT", "Rewritten")
    assert response.status_code == 200
    assert english_title(translation, title) == "Rewritten"


def test_a_locked_translation_is_not_published_from_the_translation_editor(
    client, make_staff, unit_a, locked_english
):
    page, translation, title = locked_english
    StringTranslation.objects.filter(
        translation_of_id=title.string_id, locale=translation.target_locale
    ).update(data="Rewritten")
    client.force_login(make_staff(unit_a, "moderator"))
    client.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"})
    assert ContentPage.objects.get(pk=page.pk).title == "Passport service A"
    page.locked = False
    page.save()
    client.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"})
    assert ContentPage.objects.get(pk=page.pk).title == "Rewritten"


def test_syncing_does_not_publish_a_copy_locked_for_the_moderator(
    client, make_staff, unit_a, live_page_a, locked_english
):
    page, translation, _title = locked_english
    client.force_login(make_staff(unit_a, "moderator"))
    url = f"/admin/localize/update/{translation.source.pk}/"
    form = client.get(url).context["form"]
    field = form.fields["publish_translations"]
    assert field.disabled
    assert "locked" in str(field.help_text).lower() or "dikunci" in str(field.help_text)
    revision = page.live_revision_id
    client.post(url, {"publish_translations": "on"})
    assert ContentPage.objects.get(pk=page.pk).live_revision_id == revision


def test_a_locked_translation_is_not_converted_to_an_alias(
    client, make_staff, unit_a, locked_english
):
    page, _translation, _title = locked_english
    client.force_login(make_staff(unit_a, "moderator"))
    client.post(f"/admin/localize/page/{page.pk}/convert_to_alias/")
    assert Page.objects.get(pk=page.pk).alias_of_id is None
