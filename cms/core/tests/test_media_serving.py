"""Uploaded files by their URL: image renditions only, never documents.

A document's file URL would bypass Wagtail's download view, which refuses a
document no public page uses (another unit's unused attendance list).
"""

from django.test import override_settings

from cms.urls import media_patterns


def served(patterns, path: str) -> bool:
    return any(pattern.resolve(path) for pattern in patterns)


@override_settings(SERVE_MEDIA=True, DEBUG=False)
def test_the_development_server_serves_images_but_no_document_file():
    patterns = media_patterns()
    assert served(patterns, "media/images/logo.width-800.png")
    assert not served(patterns, "media/documents/daftar-hadir-fkp.pdf")
    assert not served(patterns, "media/original_images/foto.png")


def test_production_serves_no_media_itself():
    assert media_patterns() == []
