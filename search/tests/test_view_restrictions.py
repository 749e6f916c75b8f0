"""A view restriction takes pages out of search at once, on both engines.

Adding a password or login restriction to a published page (or to a page
above it) removes the page and its subtree from results and suggestions
without `search_reconcile`; removing the restriction brings them back.
"""

import pytest
from wagtail.models import PageViewRestriction

from consultation.forums.factories import ConsultationPageFactory
from consultation.surveys.factories import SatisfactionSurveyPageFactory
from search.indexing import rebuild
from search.query import parse_params
from search.service import search, suggest
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db

KINDS = [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN]


def titles(q: str) -> set[str]:
    return {hit.title for hit in search(parse_params({"q": q, "locale": "id"})).hits}


def suggested(q: str) -> set[str]:
    found, _engine = suggest(q, "id")
    return {s.text for s in found}


def restrict(page, kind: str) -> PageViewRestriction:
    extra = {"password": "rahasia"} if kind == PageViewRestriction.PASSWORD else {}
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, **extra)


@pytest.fixture
def pages(search_engine, unit_a, django_capture_on_commit_callbacks):
    """A standard, a consultation and a survey of one unit, indexed."""
    with django_capture_on_commit_callbacks(execute=True):
        found = {
            "standard": ServiceStandardPageFactory(
                parent=unit_a, title="Legalisasi ijazah"
            ),
            "consultation": ConsultationPageFactory(
                parent=unit_a, title="Konsultasi legalisasi"
            ),
            "survey": SatisfactionSurveyPageFactory(
                parent=unit_a, title="Survei legalisasi"
            ),
        }
    rebuild()
    assert titles("legalisasi") == {p.title for p in found.values()}
    return found


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("what", ["standard", "consultation", "survey"])
def test_restricting_a_published_page_removes_it_from_search_at_once(
    pages, what, kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        restrict(pages[what], kind)
    others = {p.title for key, p in pages.items() if key != what}
    assert titles("legalisasi") == others
    assert pages[what].title not in suggested("legal")


@pytest.mark.parametrize("kind", KINDS)
def test_restricting_a_unit_removes_its_pages_from_search(
    pages, unit_a, kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        restrict(unit_a, kind)
    assert titles("legalisasi") == set()
    assert suggested("legal") == set()
    assert titles("Toronto") == set()


def test_removing_the_restriction_brings_the_pages_back(
    pages, unit_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        restriction = restrict(unit_a, PageViewRestriction.LOGIN)
    assert titles("legalisasi") == set()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert titles("legalisasi") == {p.title for p in pages.values()}
    assert "Legalisasi ijazah" in suggested("legal")


def test_changing_a_restriction_keeps_the_pages_out(
    pages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        restriction = restrict(pages["standard"], PageViewRestriction.LOGIN)
    with django_capture_on_commit_callbacks(execute=True):
        restriction.restriction_type = PageViewRestriction.PASSWORD
        restriction.password = "rahasia"  # noqa: S105
        restriction.save()
    assert "Legalisasi ijazah" not in titles("legalisasi")


def test_deleting_a_restricted_unit_leaves_none_of_its_pages(
    pages, unit_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        restrict(unit_a, PageViewRestriction.PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        unit_a.delete()
    assert titles("legalisasi") == set()
    assert suggested("legal") == set()


def survey_hits(q: str) -> set[str]:
    found = search(
        parse_params({"q": q, "locale": "id", "kind": "satisfaction_survey"})
    )
    return {hit.title for hit in found.hits}


@pytest.mark.parametrize("how", ["restricted", "unpublished", "deleted"])
def test_a_survey_stops_naming_a_standard_withdrawn_from_the_public(
    search_engine, unit_a, django_capture_on_commit_callbacks, how
):
    """A survey's result page in search names the standards it covers: a
    standard restricted, unpublished or deleted was still found through it
    ("lapor diri" matched the survey's snippet with the hidden title)."""
    with django_capture_on_commit_callbacks(execute=True):
        hidden = ServiceStandardPageFactory(parent=unit_a, title="Lapor diri WNI")
        shown = ServiceStandardPageFactory(parent=unit_a, title="Legalisasi ijazah")
        survey = SatisfactionSurveyPageFactory(parent=unit_a, title="SKM unit A")
        survey.services.set([hidden, shown])
        survey.save_revision().publish()
    assert survey_hits("lapor diri") == {"SKM unit A"}
    with django_capture_on_commit_callbacks(execute=True):
        if how == "restricted":
            restrict(hidden, PageViewRestriction.PASSWORD)
        elif how == "unpublished":
            hidden.unpublish()
        else:
            hidden.delete()
    assert survey_hits("lapor diri") == set()
    assert survey_hits("legalisasi ijazah") == {"SKM unit A"}
