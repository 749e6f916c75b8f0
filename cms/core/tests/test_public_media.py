"""Uploaded documents and images are public only where a public page uses them.

`/api/v2/documents/` and `/api/v2/images/` list an item when its collection
has no view restriction and a live public page uses it (Wagtail's reference
index); anyone else gets 404. A document downloads for visitors of a live page
using it (everybody for a public page, those who gave the password or logged
in for a restricted one) and for staff who may choose it; otherwise 404.
"""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cms.core.factories import ContentPageFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "rahasia"  # noqa: S105


def make_document(title: str):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=f"{title}.pdf")
    )


def make_image(title: str):
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 3), "white").save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, file=ContentFile(buffer.getvalue(), name=f"{title}.png")
    )


def page_using(parent, *, document=None, image=None, **fields):
    body = []
    if document is not None:
        body.append(("document", {"document": document, "title": ""}))
    if image is not None:
        body.append(("image", {"image": image, "alt_text": "Foto", "caption": ""}))
    return ContentPageFactory(parent=parent, body=body, **fields)


def listed(client, kind: str) -> set[str]:
    response = client.get(f"/api/v2/{kind}/")
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


def download(client, document):
    return client.get(
        reverse("wagtaildocs_serve", args=[document.pk, document.filename])
    )


def restrict(page, kind: str) -> PageViewRestriction:
    extra = {"password": PASSWORD} if kind == PageViewRestriction.PASSWORD else {}
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, **extra)


@pytest.fixture
def media(unit_a):
    """A document and an image used by a public page, and unused ones."""
    used_document, used_image = make_document("dipakai"), make_image("foto-dipakai")
    page_using(unit_a, document=used_document, image=used_image)
    return {
        "used_document": used_document,
        "used_image": used_image,
        "unused_document": make_document("tak-dipakai"),
        "unused_image": make_image("foto-tak-dipakai"),
    }


def test_api_lists_the_documents_a_public_page_uses(client, media):
    assert listed(client, "documents") == {"dipakai"}


def test_api_lists_the_images_a_public_page_uses(client, media):
    assert listed(client, "images") == {"foto-dipakai"}


def test_api_search_finds_only_the_documents_public_pages_use(client, media):
    response = client.get("/api/v2/documents/", {"search": "dipakai"})
    assert response.status_code == 200
    assert {item["title"] for item in response.json()["items"]} == {"dipakai"}


@pytest.mark.parametrize("kind", ["documents", "images"])
def test_api_detail_of_an_unused_item_is_404(client, media, kind):
    item = media["unused_document" if kind == "documents" else "unused_image"]
    response = client.get(f"/api/v2/{kind}/{item.pk}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN]
)
def test_api_leaves_out_items_only_a_restricted_page_uses(client, unit_a, kind):
    page = page_using(
        unit_a, document=make_document("rahasia"), image=make_image("foto-rahasia")
    )
    restrict(page, kind)
    assert listed(client, "documents") == set()
    assert listed(client, "images") == set()


def test_api_leaves_out_items_only_a_draft_uses(client, unit_a):
    page_using(unit_a, document=make_document("draf"), live=False)
    assert listed(client, "documents") == set()


def test_api_leaves_out_items_of_a_restricted_collection(client, media):
    private = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    media["used_document"].collection = private
    media["used_document"].save()
    assert listed(client, "documents") == set()


def test_used_document_downloads(client, media):
    response = download(client, media["used_document"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_unused_document_is_404_to_visitors(client, media):
    assert download(client, media["unused_document"]).status_code == 404


def test_unused_document_downloads_for_staff_who_may_choose_it(
    client, media, make_staff, unit_a
):
    editor = make_staff(unit_a)
    document = media["unused_document"]
    document.collection = Collection.objects.get(name__icontains="KJRI Toronto")
    document.save()
    client.force_login(editor)
    assert download(client, document).status_code == 200


def test_unused_document_is_404_to_staff_without_choose_permission(client, media):
    client.force_login(UserFactory())
    assert download(client, media["unused_document"]).status_code == 404


def test_document_of_a_password_page_downloads_once_the_password_is_given(
    client, unit_a
):
    document = make_document("lampiran")
    page = page_using(unit_a, document=document)
    restriction = restrict(page, PageViewRestriction.PASSWORD)
    assert download(client, document).status_code == 404
    client.post(
        reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
        ),
        {"password": PASSWORD, "return_url": page.url},
    )
    assert download(client, document).status_code == 200


def test_documents_are_served_through_django(settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
