"""Uploads are checked by content: documents are PDFs, images are images."""

import io
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile

from cms.core.uploads import pdf_problem

pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><script>alert(document.cookie)</script>"
OBJECTS = (
    b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
)
TRAILER = b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
PDF = b"%PDF-1.4\n" + OBJECTS + TRAILER


def pdf_with(extra: bytes) -> bytes:
    return b"%PDF-1.4\n" + OBJECTS + extra + TRAILER


def stream(number: int, dictionary: bytes, content: bytes) -> bytes:
    return b"%d 0 obj\n<< %s /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (
        number,
        dictionary,
        len(content),
        content,
    )


OPEN_ACTION_JS = b"3 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n"


@pytest.fixture
def admin(client, superuser):
    """A superuser whose admin speaks English (the messages are checked)."""
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(superuser)
    return client


def upload_document(client, name: str, content: bytes):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Standar pelayanan",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_real_pdf_is_accepted_as_a_document(admin):
    response = upload_document(admin, "standar.pdf", PDF)
    assert response.status_code == 302
    assert get_document_model().objects.count() == 1


def test_html_renamed_pdf_is_refused_as_a_document(admin):
    response = upload_document(admin, "standar.pdf", HTML)
    assert response.status_code == 200
    assert "not a PDF document" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_html_renamed_pdf_is_refused_by_the_multiple_upload(admin):
    response = admin.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("standar.pdf", HTML)},
    )
    assert response.json()["success"] is False
    assert not get_document_model().objects.exists()


def test_pdf_with_a_javascript_action_is_refused(admin):
    response = upload_document(admin, "standar.pdf", pdf_with(OPEN_ACTION_JS))
    assert response.status_code == 200
    assert "JavaScript" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_pdf_with_an_escaped_javascript_name_is_refused():
    escaped = b"3 0 obj\n<< /S /J#61vaScript /J#53 (app.alert(1)) >>\nendobj\n"
    assert pdf_problem(pdf_with(escaped))


def test_pdf_with_javascript_in_a_compressed_object_stream_is_refused():
    objects = zlib.compress(b"3 0 << /S /JavaScript /JS (app.alert(1)) >>")
    hidden = stream(4, b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", objects)
    assert pdf_problem(pdf_with(hidden))


def test_script_like_bytes_inside_image_data_are_not_mistaken_for_scripts():
    image_data = b"\x00\x01/JS \x02/JavaScript\x03" * 10
    picture = stream(4, b"/Type /XObject /Subtype /Image", image_data)
    assert pdf_problem(pdf_with(picture)) is None


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("L", (width, height), 200).save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(client, name: str, content: bytes):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Loket layanan",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_html_renamed_png_is_refused_as_an_image(admin):
    response = upload_image(admin, "loket.png", HTML)
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert not get_image_model().objects.exists()


def jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "red").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "whole"), [("foto.jpg", jpeg), ("foto.png", png)])
def test_an_image_cut_short_is_refused_next_to_the_field_on_every_upload_screen(
    admin, name, whole
):
    """From the outside probe: an upload cut short on a phone's connection
    was a 500 (Pillow's OSError through Wagtail's pixel check)."""
    content = whole(400, 300)
    cut = content[: len(content) // 2]
    response = upload_image(admin, name, cut)
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    multiple = admin.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile(name, cut)}
    )
    assert multiple.status_code == 200
    assert multiple.json()["success"] is False
    chooser = admin.post(
        "/admin/images/chooser/create/",
        {
            "image-chooser-upload-title": "Loket",
            "image-chooser-upload-file": SimpleUploadedFile(name, cut),
            "image-chooser-upload-collection": Collection.get_first_root_node().pk,
        },
    )
    assert chooser.status_code == 200
    assert "Upload a valid image" in chooser.content.decode()
    assert not get_image_model().objects.exists()
    assert upload_image(admin, name, content).status_code == 302


def test_image_of_49_megapixels_is_refused_with_the_limit(admin):
    response = upload_image(admin, "besar.png", png(7000, 7000))
    assert response.status_code == 200
    assert "at most 40 megapixels" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_image_of_12_megapixels_is_accepted(admin):
    response = upload_image(admin, "foto.png", png(4000, 3000))
    assert response.status_code == 302
    assert get_image_model().objects.get().width == 4000


@pytest.mark.parametrize(
    ("name", "content"), [("evil.exe", b"MZ\x90\x00"), ("laporan.docx", b"PK\x03\x04")]
)
def test_a_file_of_another_kind_is_refused_naming_its_extension(admin, name, content):
    """The refusal said "File extension “” is not allowed": Wagtail's model
    check ran on the file the form had already refused, which has no name."""
    response = upload_document(admin, name, content)
    html = response.content.decode()
    assert response.status_code == 200
    extension = name.rsplit(".", 1)[1]
    assert f"File extension “{extension}” is not allowed" in html
    assert "“”" not in html
    assert not get_document_model().objects.exists()
    multiple = admin.post(
        "/admin/documents/multiple/add/", {"files[]": SimpleUploadedFile(name, content)}
    )
    assert multiple.json()["success"] is False
    assert "“”" not in str(multiple.json())


@pytest.mark.parametrize("name", ["laporan", ".pdf", "laporan."])
def test_a_file_name_without_extension_is_told_so(admin, name):
    """Django's check said 'File extension “” is not allowed' of a file named
    without an extension: the editor saw an empty pair of quotes."""
    response = upload_document(admin, name, PDF)
    html = response.content.decode()
    assert response.status_code == 200
    assert "has no extension" in html
    assert "“”" not in html
    assert not get_document_model().objects.exists()
