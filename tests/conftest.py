"""Fixtures shared by the cross-app tests of this folder."""

import pytest
from django.core.cache import cache


@pytest.fixture
def publish(django_capture_on_commit_callbacks, settings):
    """Publish a page as a request does: the translation sync and the search
    index run when the transaction commits."""
    settings.SEARCH_AUTO_INDEX = True

    def publish(page) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        cache.clear()

    return publish
