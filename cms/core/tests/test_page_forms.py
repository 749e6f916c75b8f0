"""A page form accepts only documents, images and pages its user may choose
(`cms/core/page_forms.py`): another unit's private files and unpublished pages
cannot be put in a page by typing their ids into the POST."""

import pytest
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.core.factories import ContentPageFactory
from cms.core.models import ContentPage
from cms.core.page_forms import REFUSED_REFERENCE
from cms.core.translation import translate_page
from consultation.models import ConsultationPage, SatisfactionSurveyPage
from consultation.surveys.factories import SatisfactionSurveyPageFactory
from innovation.models import InnovationEntryPage
from standards.factories import ServiceStandardPageFactory

from .test_admin_guards import media_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_a(client, make_staff, unit_a):
    editor = make_staff(unit_a)
    client.force_login(editor)
    return editor


@pytest.fixture
def draft_b(unit_b):
    return ContentPageFactory(parent=unit_b, title="Draf rahasia B", live=False)


def page_data(slug: str, body: list) -> dict:
    return nested_form_data(
        {"title": "Halaman A", "slug": slug, "intro": "", "body": streamfield(body)}
    )


def paragraph(html: str) -> tuple:
    return ("paragraph", rich_text(html))


def add_page(client, parent, data):
    return client.post(f"/admin/pages/add/core/contentpage/{parent.pk}/", data)


def refused(response, field: str = "body") -> bool:
    """The page was not saved and the field says why."""
    if response.status_code != 200:
        return False
    return str(REFUSED_REFERENCE) in response.context["form"].errors.get(field, [])


def test_another_units_document_is_refused(client, editor_a, unit_a, unit_b):
    _image, document = media_of(unit_b, "Berkas B")
    body = [("document", {"document": document.pk, "title": ""})]
    response = add_page(client, unit_a, page_data("berkas", body))
    assert refused(response)
    assert not ContentPage.objects.filter(slug="berkas").exists()


def test_another_units_image_is_refused_in_the_preview_too(
    client, editor_a, unit_a, unit_b
):
    image, _document = media_of(unit_b, "Foto B")
    body = [("image", {"image": image.pk, "alt_text": "Foto", "caption": ""})]
    response = client.post(
        f"/admin/pages/add/core/contentpage/{unit_a.pk}/preview/",
        page_data("foto", body),
    )
    assert response.json()["is_valid"] is False


def test_a_link_to_another_units_draft_is_refused(client, editor_a, unit_a, draft_b):
    link = paragraph(f'<p><a linktype="page" id="{draft_b.pk}">lihat</a></p>')
    response = add_page(client, unit_a, page_data("tautan", [link]))
    assert refused(response)
    assert "Draf rahasia B" not in response.content.decode()


def test_own_media_and_other_units_published_pages_are_accepted(
    client, editor_a, unit_a, unit_b
):
    image, document = media_of(unit_a, "Berkas A")
    body = [
        paragraph(f'<p><a linktype="page" id="{unit_b.pk}">KBRI Singapura</a></p>'),
        ("document", {"document": document.pk, "title": ""}),
        ("image", {"image": image.pk, "alt_text": "Foto", "caption": ""}),
    ]
    response = add_page(client, unit_a, page_data("sah", body))
    assert response.status_code == 302
    assert ContentPage.objects.filter(slug="sah").exists()


def test_a_superuser_may_use_any_units_document(client, superuser, unit_a, unit_b):
    client.force_login(superuser)
    _image, document = media_of(unit_b, "Berkas B")
    body = [("document", {"document": document.pk, "title": ""})]
    response = add_page(client, unit_a, page_data("admin", body))
    assert response.status_code == 302


def test_what_a_page_already_holds_stays_accepted(
    client, superuser, editor_a, unit_a, unit_b
):
    """An administrator placed unit B's document in unit A's page: A's editor
    can still edit the page without removing it."""
    _image, document = media_of(unit_b, "Berkas B")
    body = [("document", {"document": document.pk, "title": ""})]
    page = ContentPageFactory(parent=unit_a, title="Halaman A", slug="bersama")
    page.body = [("document", {"document": document, "title": ""})]
    page.save_revision().publish()
    response = client.post(f"/admin/pages/{page.pk}/edit/", page_data("bersama", body))
    assert response.status_code == 302


def page_form(model, user, parent, instance=None, data=None):
    form_class = model.get_edit_handler().get_form_class()
    return form_class(
        data, instance=instance or model(), parent_page=parent, for_user=user
    )


def consultation_form(user, parent):
    return page_form(ConsultationPage, user, parent)


def test_consultation_standards_list_no_other_units_drafts(editor_a, unit_a, unit_b):
    own_draft = ServiceStandardPageFactory(parent=unit_a, live=False)
    ServiceStandardPageFactory(parent=unit_b, live=True)
    other_draft = ServiceStandardPageFactory(parent=unit_b, live=False)
    choices = consultation_form(editor_a, unit_a).fields["standards"].queryset
    assert set(choices) == {own_draft}
    assert (
        other_draft
        not in consultation_form(editor_a, unit_a).fields["revised_standard"].queryset
    )


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (ConsultationPage, "standards"),
        (SatisfactionSurveyPage, "services"),
        (InnovationEntryPage, "services"),
    ],
)
@pytest.mark.parametrize("role", ["editor", "superuser"])
def test_a_units_pages_choose_among_its_own_standards_only(
    make_staff, superuser, unit_a, unit_b, model, field, role
):
    """A survey covers, a consultation reviews and an innovation improves the
    unit's own services: another unit's live standard was offered, and its
    answers were scored in the unit's IKM."""
    user = superuser if role == "superuser" else make_staff(unit_a)
    own = ServiceStandardPageFactory(parent=unit_a, live=True)
    english = translate_page(own, "en", {})
    other = ServiceStandardPageFactory(parent=unit_b, live=True)
    choices = page_form(model, user, unit_a).fields[field].queryset
    assert set(choices) == {own}
    assert english not in choices and other not in choices


def test_another_units_standard_typed_into_the_post_is_refused(
    editor_a, unit_a, unit_b
):
    other = ServiceStandardPageFactory(parent=unit_b, live=True)
    form = page_form(
        SatisfactionSurveyPage,
        editor_a,
        unit_a,
        data={"services": [str(other.pk)]},
    )
    assert not form.is_valid()
    assert "services" in form.errors


def test_a_standard_the_page_already_covers_stays_listed(editor_a, unit_a, unit_b):
    other = ServiceStandardPageFactory(parent=unit_b, live=True)
    survey = SatisfactionSurveyPageFactory(parent=unit_a)
    survey.services.add(other)
    survey.save()
    choices = page_form(SatisfactionSurveyPage, editor_a, unit_a, survey)
    assert other in choices.fields["services"].queryset


@pytest.fixture
def translated_image_override(make_staff, units_index, unit_a):
    """Unit A's page with an image, translated into English: the image's
    overridable segment, the translation and A's editor."""
    image, document = media_of(unit_a, "Foto A")
    page = ContentPageFactory(parent=unit_a, title="Galeri A", slug="galeri")
    page.body = [
        ("image", {"image": image, "alt_text": "Foto", "caption": ""}),
        ("document", {"document": document, "title": ""}),
    ]
    page.save_revision().publish()
    translation, segment = english_segment(page, image.pk, units_index, unit_a)
    return translation, segment, make_staff(unit_a)


def english_segment(page, value, *above) -> tuple:
    """`page` translated into English after the pages `above` it: its
    translation and the overridable segment that holds `value`."""
    from wagtail_localize.models import OverridableSegment, Translation

    from cms.core.translation import translate_page

    for each in (*above, page):
        translate_page(each, "en", {})
    translation = Translation.objects.get(source__object_id=page.translation_key)
    segments = OverridableSegment.objects.filter(source=translation.source)
    return translation, next(s for s in segments if str(s.data) == str(value))


def put_override(client, translation, segment, value):
    path = f"/admin/localize/translate/{translation.pk}/overrides/{segment.pk}/edit/"
    return client.put(
        path, f"value={value}", content_type="application/x-www-form-urlencoded"
    )


def test_a_translation_cannot_show_another_units_image(
    client, translated_image_override, unit_a, unit_b
):
    from wagtail_localize.models import SegmentOverride

    translation, segment, editor = translated_image_override
    client.force_login(editor)
    theirs, _document = media_of(unit_b, "Foto B")
    for value in (theirs.pk, "abc", 99999):
        response = put_override(client, translation, segment, value)
        assert response.status_code == 400
        assert response.json() == {"error": str(REFUSED_REFERENCE)}
    assert not SegmentOverride.objects.exists()
    ours, _document = media_of(unit_a, "Foto A lain")
    assert put_override(client, translation, segment, ours.pk).status_code == 201
    assert str(SegmentOverride.objects.get().data) == str(ours.pk)


def put_override_as_the_editor_does(client, translation, segment, *fields):
    """The PUT of wagtail-localize's editor: a `FormData` of `fields` (name,
    value), sent as multipart."""
    path = f"/admin/localize/translate/{translation.pk}/overrides/{segment.pk}/edit/"
    body = multipart(*fields)
    return client.put(path, body, content_type="multipart/form-data; boundary=XyZ")


def multipart(*fields: tuple[str, str]) -> bytes:
    parts = [
        f'--XyZ\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields
    ]
    return ("".join(parts) + "--XyZ--\r\n").encode()


def assert_overrides_with(client, translation, segment, pk: int) -> None:
    """The editor's PUT of the object `pk` is accepted and stored."""
    from wagtail_localize.models import SegmentOverride

    response = put_override_as_the_editor_does(
        client, translation, segment, ("value", str(pk))
    )
    assert response.status_code == 201
    assert str(SegmentOverride.objects.get(context=segment.context).data) == str(pk)


def test_the_editors_own_form_data_overrides_with_its_own_image(
    client, translated_image_override, unit_a
):
    """The editor's screen sends a multipart body, which the check read as a
    query string: every override from the screen was refused."""

    translation, segment, editor = translated_image_override
    client.force_login(editor)
    ours, _document = media_of(unit_a, "Foto A lain")
    assert_overrides_with(client, translation, segment, ours.pk)


def test_a_second_value_hidden_in_a_multipart_body_is_not_believed(
    client, translated_image_override, unit_a, unit_b
):
    """Another unit's image, sent with the editor's own image id inside a
    second field: the check read `value=<own>` from the raw body while
    wagtail-localize stored the other unit's image, which publishing made public."""
    from wagtail_localize.models import SegmentOverride

    translation, segment, editor = translated_image_override
    client.force_login(editor)
    theirs, _document = media_of(unit_b, "Foto B")
    ours, _document = media_of(unit_a, "Foto A lain")
    response = put_override_as_the_editor_does(
        client,
        translation,
        segment,
        ("value", str(theirs.pk)),
        ("x", f"&value={ours.pk}&"),
    )
    assert response.status_code == 400
    assert not SegmentOverride.objects.exists()


def test_a_translation_overrides_a_document_with_the_units_own(
    client, translated_image_override, unit_a, unit_b
):
    """A document block names its model as text: the check failed with a
    server error for every document override."""
    from wagtail_localize.models import OverridableSegment

    translation, image_segment, editor = translated_image_override
    segment = OverridableSegment.objects.filter(source=translation.source).exclude(
        pk=image_segment.pk
    )[0]
    client.force_login(editor)
    _image, theirs = media_of(unit_b, "Berkas B")
    response = put_override_as_the_editor_does(
        client, translation, segment, ("value", str(theirs.pk))
    )
    assert response.status_code == 400
    _image, ours = media_of(unit_a, "Berkas A lain")
    assert_overrides_with(client, translation, segment, ours.pk)


def test_a_translation_overrides_a_page_only_with_one_of_the_fields_type(
    client, make_staff, units_index, unit_a, unit_b
):
    """A content page's id as a unit's parent unit was stored, and the
    translation's preview failed with a server error from then on."""
    unit_b.parent_unit = unit_a
    unit_b.save_revision().publish()
    translation, segment = english_segment(unit_b, unit_a.pk, units_index, unit_a)
    client.force_login(make_staff(unit_b))
    content = ContentPageFactory(parent=unit_b, title="Galeri B", slug="galeri-b")
    content.save_revision().publish()
    response = put_override_as_the_editor_does(
        client, translation, segment, ("value", str(content.pk))
    )
    assert response.status_code == 400
    assert_overrides_with(client, translation, segment, unit_b.pk)


def test_an_override_sent_as_json_is_refused_with_a_message(
    client, translated_image_override, unit_a
):
    translation, segment, editor = translated_image_override
    client.force_login(editor)
    ours, _document = media_of(unit_a, "Foto A lain")
    path = f"/admin/localize/translate/{translation.pk}/overrides/{segment.pk}/edit/"
    response = client.put(path, {"value": ours.pk}, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"error": str(REFUSED_REFERENCE)}


def test_a_refused_image_or_document_is_not_shown_again(
    client, editor_a, unit_a, unit_b
):
    """The refused form showed the other unit's image (a thumbnail generated
    as a public file) and its document's title: any id could be tried."""
    image, document = media_of(unit_b, "Rahasia B")
    body = [
        paragraph("<p>Teks yang diketik</p>"),
        ("image", {"image": image.pk, "alt_text": "Foto", "caption": ""}),
        ("document", {"document": document.pk, "title": ""}),
    ]
    response = add_page(client, unit_a, page_data("rahasia", body))
    assert refused(response)
    html = response.content.decode()
    assert "Rahasia B" not in html
    assert image.renditions.count() == 0
    assert "Isian ini ditampilkan seperti saat terakhir disimpan." in html


def test_a_refused_document_field_shows_what_the_page_held(editor_a, unit_a, unit_b):
    _image, document = media_of(unit_b, "Berita acara B")
    data = {"minutes": str(document.pk), "content-count": "0"}
    form = page_form(ConsultationPage, editor_a, unit_a, data=data)
    assert not form.is_valid()
    assert str(REFUSED_REFERENCE) in form.errors["minutes"]
    assert "Berita acara B" not in str(form["minutes"])


@pytest.fixture
def standard_b_with_draft(unit_b):
    """Unit B's live standard whose unpublished changes retitle it."""
    standard = ServiceStandardPageFactory(parent=unit_b, title="Paspor B")
    standard.title = "Judul draf B"
    standard.save_revision()
    return standard


def test_another_units_page_shows_its_live_title_in_a_chooser(
    editor_a, unit_a, standard_b_with_draft
):
    consultation = ConsultationPage(
        title="FKP A", revised_standard=standard_b_with_draft
    )
    form = page_form(ConsultationPage, editor_a, unit_a, instance=consultation)
    html = str(form["revised_standard"])
    assert "Paspor B" in html
    assert "Judul draf B" not in html


def test_own_pages_keep_their_draft_title_in_a_chooser(editor_a, unit_a):
    standard = ServiceStandardPageFactory(parent=unit_a, title="Paspor A")
    standard.title = "Judul draf A"
    standard.save_revision()
    consultation = ConsultationPage(title="FKP A", revised_standard=standard)
    form = page_form(ConsultationPage, editor_a, unit_a, instance=consultation)
    assert "Judul draf A" in str(form["revised_standard"])


def test_another_units_poll_shows_its_live_title_in_a_block(editor_a, unit_a, unit_b):
    from consultation.forums.factories import ConsultationPageFactory, PollPageFactory

    consultation_b = ConsultationPageFactory(parent=unit_b, slug="fkp-b")
    poll = PollPageFactory(parent=consultation_b, title="Jajak B")
    poll.title = "Judul draf jajak B"
    poll.save_revision()
    stored = type(poll).objects.get(pk=poll.pk)
    consultation = ConsultationPage(title="FKP A", content=[("poll", {"poll": stored})])
    form = page_form(ConsultationPage, editor_a, unit_a, instance=consultation)
    html = str(form["content"])
    assert "Jajak B" in html
    assert "Judul draf jajak B" not in html


def test_another_units_unpublished_page_typed_into_the_post_is_not_shown_back(
    editor_a, unit_a, unit_b
):
    """From the outside probe: the refused id came back in the chooser under
    the page's title, so trying ids in turn listed another unit's drafts."""
    secret = ServiceStandardPageFactory(parent=unit_b, title="Rahasia B", live=False)
    form_class = ConsultationPage.get_edit_handler().get_form_class()
    data = nested_form_data(
        {
            name: streamfield([]) if name in ("content", "body") else inline_formset([])
            for name in [*form_class.formsets, "content"]
        }
    )
    data["revised_standard"] = str(secret.pk)
    form = page_form(ConsultationPage, editor_a, unit_a, data=data)
    assert not form.is_valid()
    assert "revised_standard" in form.errors
    assert "Rahasia B" not in str(form["revised_standard"])
