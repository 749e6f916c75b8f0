"""Wagtail's workflow words read in Indonesian (its own catalogue lacks them)."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from cms.core.wagtail_words import WAGTAIL_WORDS
from standards.factories import ServiceStandardPageFactory


@pytest.mark.parametrize("word", WAGTAIL_WORDS)
def test_each_word_has_its_indonesian(word):
    with translation.override("id"):
        assert translation.gettext(word) != word


@pytest.mark.django_db
def test_the_moderators_approve_action_reads_in_indonesian(client, unit_a, make_staff):
    editor = make_staff(unit_a, "editor")
    moderator = make_staff(unit_a, "moderator")
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "id"
    profile.save()
    page = ServiceStandardPageFactory(parent=unit_a, title="Paspor hilang")
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    client.force_login(moderator)
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[page.pk])
    ).content.decode()
    assert "Setujui dengan komentar" in html
    assert "Approve with comment" not in html


def installed_sources() -> str:
    """The code and templates of Wagtail and wagtail-localize, as one text."""
    import wagtail
    import wagtail_localize

    texts = []
    for package in (wagtail, wagtail_localize):
        root = Path(package.__file__).parent
        for path in (*root.rglob("*.py"), *root.rglob("*.html")):
            if "/tests/" not in str(path) and "/migrations/" not in str(path):
                texts.append(path.read_text(encoding="utf-8", errors="ignore"))
    return "\n".join(texts)


def test_each_word_is_one_wagtail_asks_for():
    """A word spelt otherwise than in Wagtail's code is never looked up: its
    Indonesian would never show."""
    sources = installed_sources()
    missing = [word for word in WAGTAIL_WORDS if word not in sources]
    assert missing == []
