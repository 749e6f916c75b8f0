"""Every page type with facts follows its Indonesian source with no other action.

`tests/test_translation_sync.py` proves it for a service standard. Here a fact
of each other page type (pledge, consultation, survey, poll, innovation entry)
is changed and published in Indonesian only; the English page, the API, the
open-data file and the search index then read the new fact. Nobody touches the
English page.
"""

import datetime
import json

import pytest
from django.core.cache import cache
from django.template.defaultfilters import date as format_date
from django.utils import timezone, translation
from wagtail_localize.models import StringSegment, TranslationSource

from cms.core.translation import translate_page
from consultation.forums.factories import ConsultationPageFactory, PollPageFactory
from consultation.surveys.factories import SatisfactionSurveyPageFactory
from innovation.factories import InnovationEntryPageFactory
from search.models import IndexedPage
from standards.factories import ServicePledgePageFactory

pytestmark = pytest.mark.django_db


def english_date(value: datetime.date, style: str = "j F Y") -> str:
    """A date as the English pages print it."""
    with translation.override("en"):
        return format_date(value, style)


def every_string(page) -> dict[str, str]:
    """Each of the page's strings 'translated' as itself: the English page is
    complete, so nothing on it lags."""
    source, _ = TranslationSource.get_or_create_from_instance(page)
    texts = StringSegment.objects.filter(source=source).values_list(
        "string__data", flat=True
    )
    return {text: text for text in texts}


@pytest.fixture
def translated(unit_a, locales):
    """`make(factory, **fields)`: a published Indonesian page and its English
    translation, both live."""
    cache.clear()
    translate_page(unit_a, "en", {})

    def make(factory, **fields):
        page = factory(parent=unit_a, **fields)
        page.save_revision().publish()
        english = translate_page(page, "en", every_string(page))
        return type(page).objects.get(pk=page.pk), english

    return make


def open_data_row(client, dataset: str, **match) -> dict:
    response = client.get(f"/api/data/{dataset}.json")
    assert response.status_code == 200
    rows = json.loads(b"".join(response.streaming_content))
    found = [r for r in rows if all(r.get(k) == v for k, v in match.items())]
    assert len(found) == 1, (match, rows)
    return found[0]


def indexed(english) -> dict:
    """The search document of the English page as the index holds it."""
    return IndexedPage.objects.filter(page_id=english.pk).values().get()


def test_a_pledges_signing_date_reaches_the_english_page(client, translated, publish):
    source, english = translated(ServicePledgePageFactory)
    source.signed_on = datetime.date(2025, 7, 14)
    source.place = "Toronto"
    publish(source)
    html = client.get(english.url).content.decode()
    assert english_date(datetime.date(2025, 7, 14)) in html
    assert 'datetime="2025-07-14"' in html
    api = client.get(f"/api/v2/pages/{english.pk}/?fields=signed_on,place").json()
    assert (api["signed_on"], api["place"]) == ("2025-07-14", "Toronto")


def test_a_consultation_closed_in_indonesian_is_closed_everywhere(
    client, translated, publish
):
    source, english = translated(ConsultationPageFactory)
    today = timezone.localdate()
    source.opens_on = today - datetime.timedelta(days=30)
    source.closes_on = today - datetime.timedelta(days=2)
    publish(source)
    english.refresh_from_db()
    assert english.state() == "closed"
    html = client.get(english.url).content.decode()
    assert 'name="csrfmiddlewaretoken"' not in html, "a closed form takes no answers"
    detail = client.get(f"/api/consultations/{english.pk}/").json()
    assert detail["state"] == "closed"
    row = open_data_row(client, "consultations", id=english.pk)
    assert row["state"] == "closed"
    source.refresh_from_db()
    assert datetime.datetime.fromisoformat(row["closes_at"]) == source.closes_at
    assert indexed(english)["state"].startswith("Closed")


def test_a_surveys_period_and_population_reach_every_english_reader(
    client, translated, publish
):
    source, english = translated(SatisfactionSurveyPageFactory, population=1000)
    start = timezone.localdate() - datetime.timedelta(days=60)
    end = timezone.localdate() - datetime.timedelta(days=1)
    source.period_start, source.period_end, source.population = start, end, 40
    publish(source)
    html = client.get(english.url).content.decode()
    assert english_date(start) in html or "closed" in html.lower()
    answer = client.post(english.url, {})
    assert answer.status_code != 302, "a survey closed in Indonesian takes no answer"
    detail = client.get(f"/api/surveys/{english.pk}/").json()
    assert (detail["period_start"], detail["period_end"], detail["population"]) == (
        start.isoformat(),
        end.isoformat(),
        40,
    )
    assert indexed(english)["year"] == end.year


def test_a_polls_closing_time_reaches_the_english_page(client, translated, publish):
    source, english = translated(PollPageFactory)
    an_hour_ago = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=1)
    source.closes_at = an_hour_ago
    publish(source)
    english.refresh_from_db()
    assert english.closes_at == an_hour_ago
    assert not english.is_open()
    html = client.get(english.url).content.decode()
    assert 'type="radio"' not in html, "a poll closed in Indonesian takes no vote"


def test_an_innovation_entrys_facts_reach_every_english_reader(
    client, translated, publish
):
    source, english = translated(InnovationEntryPageFactory)
    source.competition_year = 2024
    source.implementation_start = datetime.date(2022, 5, 9)
    publish(source)
    html = client.get(english.url).content.decode()
    assert "KIPP 2024" in html
    assert english_date(datetime.date(2022, 5, 9), "DATE_FORMAT") in html
    detail = client.get(f"/api/innovations/{english.pk}/").json()
    assert detail["competition_year"] == 2024
    row = open_data_row(client, "innovations", id=english.pk)
    assert row["competition_year"] == 2024
    assert row["implementation_start"] == "2022-05-09"
    assert indexed(english)["year"] == 2024
