"""Original images are stored under a name no one can guess, and so are their
renditions, which are public files (`cms.core.storage`)."""

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms.core.storage import unguessable

pytestmark = pytest.mark.django_db


def test_an_uploaded_image_and_its_renditions_cannot_be_found_by_its_name():
    image = Image.objects.create(
        title="Foto", file=get_test_image_file(filename="korban.png")
    )
    other = Image.objects.create(
        title="Foto", file=get_test_image_file(filename="korban.png")
    )
    assert image.file.name.startswith("original_images/korban.")
    assert image.file.name != other.file.name
    token = image.file.name.removeprefix("original_images/korban.").removesuffix(".png")
    assert len(token) == 12 and token.isalnum()
    rendition = image.get_rendition("original")
    assert token in rendition.url
    assert "/media/images/korban.original.png" not in rendition.url


def test_other_files_keep_their_names():
    assert unguessable("documents/surat.pdf") == "documents/surat.pdf"
    assert unguessable("images/foto.max-165x165.png") == "images/foto.max-165x165.png"
