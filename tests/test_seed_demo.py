"""`seed_demo` builds a site whose every page renders, and is idempotent."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from wagtail.models import Page

from cms.core.seeding import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=False)


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.app_label not in {"sessions", "axes"}
    }


# Fixed texts of the other language that a page must not show.
WRONG_LANGUAGE = {
    "id": ("Singapore, Singapore", "United States of America", ">Singapore<"),
    "en": ("Kepala Perwakilan", "Kepala Unit"),
}


def untranslated_demo_pages() -> list[str]:
    """Indonesian standards, pledges, consultations, surveys and innovation
    entries with no live English translation, or one lagging its source."""
    from wagtail.models import Locale

    from cms.core.translation_sync import lagging_source
    from consultation.forums.models import ConsultationPage
    from consultation.surveys.models import SatisfactionSurveyPage
    from innovation.models import InnovationEntryPage
    from standards.models import ServicePledgePage, ServiceStandardPage

    english = Locale.objects.get(language_code="en")
    problems = []
    for model in (
        ServiceStandardPage,
        ServicePledgePage,
        ConsultationPage,
        SatisfactionSurveyPage,
        InnovationEntryPage,
    ):
        for page in model.objects.filter(locale__language_code="id"):
            translation = page.get_translation_or_none(english)
            name = f"{model.__name__} {page.title!r}"
            if translation is None or not translation.live:
                problems.append(f"{name}: no live English translation")
            elif lagging_source(translation) is not None:
                problems.append(f"{name}: English translation lags")
    return problems


def significant_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 4}


def inconsistent_demo_content() -> list[str]:
    """What the demo says that contradicts itself: a consultation reviewing a
    standard about something else, a comment at odds with its standard,
    minutes that are not the meeting's record, a date still to come."""
    from django.utils import timezone

    from consultation.forums.models import ConsultationPage
    from consultation.forums.records import ComponentComment
    from consultation.surveys.records import SurveyResponse

    problems = []
    for page in ConsultationPage.objects.filter(locale__language_code="id"):
        for standard in page.standards.all():
            if not significant_words(page.title) & significant_words(standard.title):
                problems.append(f"{page.title!r} reviews {standard.title!r}")
        if page.minutes:
            with page.minutes.file.open("rb") as pdf:
                data = pdf.read()
            if not data.startswith(b"%PDF") or page.meeting_place.encode() not in data:
                problems.append(f"{page.title!r}: minutes are not the meeting's record")
    for comment in ComponentComment.objects.select_related("standard"):
        standard = comment.standard.specific
        duration = str(standard.completion_time_value)
        if comment.component == "jangka_waktu" and duration not in comment.text:
            problems.append(f"{comment.text!r} against {standard.title!r}")
        if comment.component == "persyaratan":
            named = [b.value["description"] for b in standard.requirements]
            if not any(comment.text.startswith(d) for d in named):
                problems.append(f"{comment.text!r} against {standard.title!r}")
    now = timezone.now()
    if SurveyResponse.objects.filter(submitted_at__gt=now).exists():
        problems.append("survey answers submitted in the future")
    if Page.objects.filter(first_published_at__gt=now).exists():
        problems.append("pages published in the future")
    return problems


def unordered_rows() -> dict[str, int]:
    """Rows of ordered inlines seeded without their place: the editor's
    first save reordered a consultation's questions, and a poll's choices
    (whose votes are kept by position) had no defined order."""
    return {
        model._meta.label: count
        for model in apps.get_models()
        if any(field.name == "sort_order" for field in model._meta.fields)
        and (count := model.objects.filter(sort_order__isnull=True).count())
    }


@pytest.fixture
def seed(django_capture_on_commit_callbacks):
    """Run seed_demo, including what it defers until commit (publishing)."""

    def run() -> str:
        output = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("seed_demo", stdout=output)
        return output.getvalue()

    return run


def test_every_demo_page_renders_in_both_languages_and_a_second_seed_adds_nothing(
    client, seed
):
    """One test, so the suite seeds the demo twice and not three times."""
    output = seed()
    for app in ("cms.core", "standards", "consultation", "innovation"):
        # Each step says what it builds and how long it took (`make run`).
        assert f"==> Building the demo content of {app}\n" in output
        assert re.search(rf"^    {re.escape(app)}: \d+\.\d s$", output, re.MULTILINE)
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    languages = set()
    for page in pages:
        url = page.get_url()
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        language = url.split("/")[1]
        languages.add(language)
        html = response.content.decode()
        for text in WRONG_LANGUAGE[language]:
            assert text not in html, f"{url} shows {text!r}"
    assert languages == {"id", "en"}
    request = RequestFactory().post("/admin/login/")
    editor = authenticate(request, username="editor-djpk", password=DEMO_PASSWORD)
    assert editor
    # The admin's account settings save only with a name and an address.
    assert editor.first_name and editor.last_name and editor.email

    problems = untranslated_demo_pages()
    assert problems == [], "\n".join(problems)
    problems = inconsistent_demo_content()
    assert problems == [], "\n".join(problems)
    assert unordered_rows() == {}

    before = row_counts()
    seed()
    after = row_counts()
    changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    assert changed == {}
