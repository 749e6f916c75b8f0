"""Every public page type rendered from scratch in a bounded number of queries.

`make bench` measures the same pages without page cache or fragment cache
(`FRAGMENT_CACHE=false`, warm process) against a limit of 15 queries; here the
count is checked with three units, each with its standard, pledge, consultation,
survey and innovation entry, so that a query per unit or per item would show.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents.models import Document

from cms.core.translation import translate_page
from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from consultation.models import ConsultationDocument
from consultation.surveys.factories import SatisfactionSurveyPageFactory
from innovation.factories import (
    InnovationEntryPageFactory,
    InnovationShowcasePageFactory,
)
from standards.factories import (
    ServicePledgePageFactory,
    ServiceStandardIndexPageFactory,
    ServiceStandardPageFactory,
)

pytestmark = pytest.mark.django_db
QUERY_LIMIT = 15


def pdf(title: str) -> Document:
    return Document.objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n", name="berkas.pdf")
    )


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def world(home_page, make_unit):
    now = timezone.now()
    standards_index = ServiceStandardIndexPageFactory(parent=home_page)
    index = ConsultationIndexPageFactory(parent=home_page)
    showcase = InnovationShowcasePageFactory(parent=home_page)
    pages = {
        "home": home_page,
        "consultations index": index,
        "showcase": showcase,
        "standards index": standards_index,
    }
    for name in ("KJRI Toronto", "KBRI Singapura", "KJRI Sydney"):
        unit = make_unit(name)
        standard = ServiceStandardPageFactory(parent=unit, title=f"Paspor {name}")
        ServicePledgePageFactory(parent=unit)
        consultation = ConsultationPageFactory(
            parent=unit,
            title=f"FKP {name}",
            opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=10),
        )
        ConsultationFormFieldFactory(
            page=consultation, label="Pendapat", field_type="multiline"
        )
        consultation.standards.set([standard])
        publish(consultation)
        survey = SatisfactionSurveyPageFactory(
            parent=unit,
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date.today() + datetime.timedelta(days=30),
        )
        survey.services.set([standard])
        publish(survey)
        InnovationEntryPageFactory(parent=unit, title=f"Inovasi {name}")
        pages.update(
            unit=unit, standard=standard, consultation=consultation, survey=survey
        )
    return pages


@override_settings(FRAGMENT_CACHE=False)
@pytest.mark.parametrize(
    "name",
    [
        "home",
        "unit",
        "standard",
        "consultation",
        "survey",
        "showcase",
        "consultations index",
    ],
)
def test_each_page_renders_from_scratch_within_the_query_limit(
    client, world, name, django_assert_max_num_queries
):
    url = world[name].url
    assert client.get(url).status_code == 200  # the process is warm
    with django_assert_max_num_queries(QUERY_LIMIT):
        assert client.get(url).status_code == 200


def queries_for(client, url: str) -> int:
    assert client.get(url).status_code == 200  # the process is warm
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@override_settings(FRAGMENT_CACHE=False)
@pytest.mark.parametrize(
    "name", ["unit", "standards index", "consultations index", "showcase"]
)
def test_listings_read_no_column_they_did_not_select(client, world, name):
    """Listings select only what their cards show (`QuerySet.only()`): a card
    that read another column would cost a query per item."""
    url = world[name].url
    before = queries_for(client, url)
    today = timezone.localdate()
    unit = world["unit"]
    for n, (opens, closes) in enumerate(
        [(-30, -10), (5, 20), (-1, 3)]  # closed, upcoming, open
    ):
        ServiceStandardPageFactory(parent=unit, title=f"Layanan {n}")
        publish(
            ConsultationPageFactory(
                parent=unit,
                title=f"FKP {n}",
                opens_on=today + datetime.timedelta(days=opens),
                closes_on=today + datetime.timedelta(days=closes),
            )
        )
        InnovationEntryPageFactory(parent=unit, title=f"Inovasi lain {n}")
    assert queries_for(client, url) == before


@override_settings(FRAGMENT_CACHE=False)
def test_a_consultation_s_documents_and_minutes_cost_no_query_each(client, world):
    page = world["consultation"]
    page.meeting_held_on = timezone.localdate()
    publish(page)
    before = queries_for(client, page.url)
    for n in range(3):
        ConsultationDocument.objects.create(page=page, document=pdf(f"Draf {n}"))
    page = type(page).objects.get(pk=page.pk)  # with its documents
    page.minutes = pdf("Berita acara")
    publish(page)
    html = client.get(page.url).content.decode()
    assert "Draf 2" in html and page.minutes.url in html
    assert queries_for(client, page.url) == before


@override_settings(FRAGMENT_CACHE=False)
def test_an_english_consultation_renders_within_the_query_limit(
    client, world, django_assert_max_num_queries
):
    """An English page also reads its Indonesian source (where answers are
    stored) and whether its translation lags."""
    translate_page(world["unit"], "en", {})
    english = translate_page(world["consultation"], "en", {})
    assert client.get(english.url).status_code == 200  # the process is warm
    with django_assert_max_num_queries(QUERY_LIMIT):
        assert client.get(english.url).status_code == 200
