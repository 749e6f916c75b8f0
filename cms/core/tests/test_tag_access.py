"""Tags are free text, kept once for the whole site: a unit's staff are
offered only the tags of the images and documents they may use
(`cms.core.tag_access`), in the autocompletion, the listings' filters and
the image chooser."""

import pytest

from .test_admin_guards import media_of

pytestmark = pytest.mark.django_db

SECRET_TAG = "korban-kekerasan-ani"
OWN_TAG = "antrean-loket"


@pytest.fixture
def tagged(unit_a, unit_b):
    image_b, document_b = media_of(unit_b, "Berkas B")
    image_a, document_a = media_of(unit_a, "Berkas A")
    for item in (image_b, document_b):
        item.tags.add(SECRET_TAG)
    for item in (image_a, document_a):
        item.tags.add(OWN_TAG)


@pytest.fixture
def editor_a(client, make_staff, unit_a):
    client.force_login(make_staff(unit_a))


SCREENS = [
    "/admin/tag-autocomplete/?term=k",
    "/admin/tag-autocomplete/?term=a",
    "/admin/tag-autocomplete/taggit/tag/?term=k",
    "/admin/images/",
    "/admin/images/results/",
    "/admin/documents/",
    "/admin/documents/results/",
    "/admin/images/chooser/",
]


@pytest.mark.parametrize("path", SCREENS)
def test_another_units_tags_are_not_offered(client, tagged, editor_a, path):
    response = client.get(path)
    assert response.status_code == 200
    assert SECRET_TAG not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/tag-autocomplete/?term=ant",
        "/admin/images/",
        "/admin/documents/",
        "/admin/images/chooser/",
    ],
)
def test_the_units_own_tags_are_still_offered(client, tagged, editor_a, path):
    assert OWN_TAG in client.get(path).content.decode()


def test_a_superuser_is_offered_every_tag(client, tagged, superuser):
    client.force_login(superuser)
    names = client.get("/admin/tag-autocomplete/?term=k").json()
    assert names == [SECRET_TAG]
    assert SECRET_TAG in client.get("/admin/images/").content.decode()


def test_an_unknown_tag_model_is_not_found(client, editor_a):
    response = client.get("/admin/tag-autocomplete/auth/user/?term=a")
    assert response.status_code == 404
