"""Rebuilds build documents in bulk; they must equal the documents of one page."""

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from cms.core.factories import ContentPageFactory
from consultation.forums.factories import ConsultationPageFactory
from consultation.models import Commitment
from innovation.factories import InnovationEntryPageFactory
from search.index import PageDocument, action_for
from search.registry import registry
from standards.factories import ServicePledgePageFactory, ServiceStandardPageFactory
from standards.models import ServiceStandardPage

pytestmark = pytest.mark.django_db


def published(**fields) -> dict:
    return {"first_published_at": timezone.now(), **fields}


@pytest.fixture
def pages(unit_a, unit_b):
    """A page of every kind under the units, a translation and a private page."""
    content = ContentPageFactory(parent=unit_b, title="Jam buka", **published())
    nested = ContentPageFactory(parent=content, title="Libur nasional", **published())
    standard = ServiceStandardPageFactory(parent=unit_b, **published())
    orphan = ServiceStandardPageFactory(parent=unit_b, **published())
    # Saving sets the unit a standard is under; the column may say otherwise.
    ServiceStandardPage.objects.filter(pk=standard.pk).update(unit=unit_a)
    ServiceStandardPage.objects.filter(pk=orphan.pk).update(unit=None)
    consultation = ConsultationPageFactory(parent=unit_a, **published())
    Commitment.objects.create(
        page=consultation, said="Antrean", action="Daring", due_date=timezone.now()
    )
    innovation = InnovationEntryPageFactory(parent=unit_a, **published())
    pledge = ServicePledgePageFactory(parent=unit_b, **published())
    english = standard.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    english.title = "Passport issuance"
    english.save_revision().publish()
    private = ContentPageFactory(parent=unit_a, title="Rahasia", **published())
    hidden = ContentPageFactory(parent=private, title="Di bawah", **published())
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    return {
        "content": content,
        "nested": nested,
        "standard": standard,
        "orphan": orphan,
        "consultation": consultation,
        "innovation": innovation,
        "pledge": pledge,
        "english": english,
        "private": private,
        "hidden": hidden,
    }


def test_bulk_documents_equal_documents_built_one_by_one(pages):
    bulk = {doc.page_id: doc for doc in registry.iter_documents()}
    for page in Page.objects.live().specific():
        assert bulk.get(page.pk) == registry.build(page), page.title


def test_bulk_documents_leave_out_private_pages(pages):
    ids = {doc.page_id for doc in registry.iter_documents()}
    assert pages["private"].pk not in ids
    assert pages["hidden"].pk not in ids
    assert registry.build(pages["hidden"]) is None
    assert pages["content"].pk in ids


def test_documents_carry_the_unit_the_page_is_under(pages):
    docs = {doc.page_id: doc for doc in registry.iter_documents()}
    assert docs[pages["nested"].pk].unit == "KBRI Singapura"
    assert docs[pages["innovation"].pk].unit == "KJRI Toronto"
    # A standard names its unit; without one, the unit it is under counts.
    assert docs[pages["standard"].pk].unit == "KJRI Toronto"
    assert docs[pages["orphan"].pk].unit == "KBRI Singapura"
    assert "Antrean Daring" in docs[pages["consultation"].pk].body
    assert docs[pages["pledge"].pk].unit == "KBRI Singapura"
    assert docs[pages["pledge"].pk].kind == "pledge"
    assert docs[pages["english"].pk].locale == "en"
    assert docs[pages["english"].pk].url.startswith("/en/")


def test_build_many_reads_a_few_queries_whatever_the_number_of_pages(
    pages, django_assert_max_num_queries
):
    specific = list(Page.objects.live().specific())
    with django_assert_max_num_queries(25):
        docs = registry.build_many(specific)
    assert len(docs) == len(list(registry.iter_documents()))


def test_bulk_action_equals_the_elasticsearch_dsl_document(pages):
    for doc in registry.iter_documents():
        expected = PageDocument.from_document(doc).to_dict(include_meta=True)
        expected["_index"] = "pages"
        assert action_for(doc, "pages") == expected
