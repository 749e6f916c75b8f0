"""File storage whose image uploads get a name no one can guess.

Image renditions are public files, served by the proxy or the bucket by their
URL (README, "Serving, caching and scale-out"), and a rendition's name is its
original's followed by the filter: `images/<upload name>.original.png`. An
image a unit uses only on a password-protected page or in a draft could then
be fetched at full size by anyone who guessed its upload name. Each original
image is stored as `original_images/<random token>-<name>`, so its renditions
can only be found from a page that shows them. The token leads the name:
Wagtail cuts a long rendition name at its end (59 characters).

Used through `STORAGES["default"]` (Django's storage API: `generate_filename`
is where a storage decides the stored name), for the local file system and
for S3 alike. Images uploaded before keep their names.
"""

from __future__ import annotations

import posixpath
import secrets

from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage

ORIGINAL_IMAGES = "original_images/"
# 72 random bits, in 12 URL-safe characters.
TOKEN_BYTES = 9


def unguessable(name: str) -> str:
    """`name` with a random token in front of its file name when it is an
    original image, unchanged otherwise."""
    if not name.startswith(ORIGINAL_IMAGES):
        return name
    folder, file_name = posixpath.split(name)
    token = secrets.token_urlsafe(TOKEN_BYTES).replace("-", "x").replace("_", "y")
    return posixpath.join(folder, f"{token}-{file_name}")


class UnguessableImageNamesMixin:
    def generate_filename(self, filename: str) -> str:
        return unguessable(super().generate_filename(filename))


class LocalStorage(UnguessableImageNamesMixin, FileSystemStorage):
    """Django's file system storage, original images named unguessably."""


class BucketStorage(UnguessableImageNamesMixin, S3Storage):
    """django-storages' S3 storage, original images named unguessably."""
