"""Original images are stored under a name no one can guess, and so are their
renditions, which are public files (`cms.core.storage`)."""

import pytest
from django.core.cache import cache
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms.core.storage import unguessable

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "stem", ["korban", "Foto_kunjungan_Duta_Besar_ke_kantor_imigrasi_" * 2]
)
def test_an_uploaded_image_and_its_renditions_cannot_be_found_by_its_name(stem):
    """The token leads the name: Wagtail cuts a long rendition name at its end,
    which took a token placed before the extension with it."""
    cache.clear()  # renditions are cached by image id, which the tests reuse
    image = Image.objects.create(
        title="Foto", file=get_test_image_file(filename=f"{stem}.png")
    )
    other = Image.objects.create(
        title="Foto", file=get_test_image_file(filename=f"{stem}.png")
    )
    assert image.file.name != other.file.name
    token, rest = image.file.name.removeprefix("original_images/").split("-", 1)
    assert len(token) == 12 and token.isalnum() and rest.startswith(stem[:20])
    for spec in ("original", "max-165x165", "width-800"):
        name = image.get_rendition(spec).file.name
        assert name.startswith(f"images/{token}-"), name


def test_other_files_keep_their_names():
    assert unguessable("documents/surat.pdf") == "documents/surat.pdf"
    assert unguessable("images/foto.max-165x165.png") == "images/foto.max-165x165.png"
