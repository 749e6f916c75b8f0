"""The API says when an English standard lags its Indonesian source, as its
page does: an integrator otherwise took Indonesian text, or an old fact, for
an up-to-date English record."""

import csv
import io

import pytest
from wagtail_localize.models import StringSegment, TranslationSource

from cms.core.translation import translate_page
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_standard(unit_a, locales):
    """A standard of unit A and its English translation, every string given."""
    page = ServiceStandardPageFactory(parent=unit_a, title="Paspor baru")
    page.save_revision().publish()
    translate_page(unit_a, "en", {})
    source, _ = TranslationSource.get_or_create_from_instance(page)
    strings = StringSegment.objects.filter(source=source).values_list(
        "string__data", flat=True
    )
    return page, translate_page(page, "en", {text: text for text in strings})


def test_a_translation_behind_its_source_says_so_in_the_api(
    client, english_standard, django_capture_on_commit_callbacks
):
    source, english = english_standard
    detail = f"/api/standards/{english.pk}/"
    assert client.get(detail).json()["translation_lag"] is None
    source = type(source).objects.get(pk=source.pk)
    source.summary = "Ringkasan yang baru saja diubah."
    with django_capture_on_commit_callbacks(execute=True):
        source.save_revision().publish()
    source.refresh_from_db()

    lag = client.get(detail).json()["translation_lag"]
    assert lag == {
        "reason": "untranslated",
        "source_id": source.pk,
        "source_url": f"http://testserver{source.url}",
        "source_published_at": lag["source_published_at"],
    }
    source_record = client.get(f"/api/standards/{source.pk}/").json()
    assert lag["source_published_at"] == source_record["last_published_at"]
    listed = {
        item["id"]: item["translation_lag"]
        for item in client.get("/api/standards/?locale=en").json()["results"]
    }
    assert listed[english.pk]["reason"] == "untranslated"
    assert source_record["translation_lag"] is None


def test_the_open_data_row_of_a_lagging_translation_says_why(
    client, english_standard, django_capture_on_commit_callbacks
):
    source, english = english_standard

    def lags() -> dict[int, str]:
        response = client.get("/api/data/standards.csv")
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = csv.DictReader(io.StringIO(text))
        return {int(row["id"]): row["translation_lag"] for row in rows}

    assert lags() == {source.pk: "", english.pk: ""}
    source = type(source).objects.get(pk=source.pk)
    source.summary = "Ringkasan yang baru saja diubah."
    with django_capture_on_commit_callbacks(execute=True):
        source.save_revision().publish()
    assert lags() == {source.pk: "", english.pk: "untranslated"}
