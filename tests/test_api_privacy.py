"""Unpublished content and personal data never appear in the API or open data.

One site with a published standard, an unpublished one, a private one, a
consultation answered with an e-mail address and a name, a moderated survey
suggestion, a hidden comment with moderation notes and a scored innovation
entry; every endpoint and every open-data file is fetched and searched for
each secret.
"""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from consultation.forums.factories import ConsultationPageFactory
from consultation.models import (
    ComponentComment,
    ConsultationSubmission,
)
from consultation.moderation import ModerationStatus
from consultation.surveys.factories import (
    SatisfactionSurveyPageFactory,
    SurveyResponseFactory,
)
from innovation.factories import InnovationEntryPageFactory, StageChangeFactory
from innovation.models import CriterionScore, ScoreSheet
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db

SECRETS = {
    "unpublished standard": "Standar-Draf-Rahasia",
    "private standard": "Standar-Privat-Tertutup",
    "private consultation": "Konsultasi-Privat-Tertutup",
    "respondent e-mail": "responden.rahasia@example.org",
    "respondent name": "Nama-Responden-Rahasia",
    "respondent answer": "Jawaban-Bebas-Rahasia",
    "respondent key": "kunci-responden-rahasia",
    "hidden suggestion": "Saran-Tersembunyi-Rahasia",
    "suggestion moderation note": "Alasan-Moderasi-Saran",
    "hidden comment": "Komentar-Tersembunyi-Rahasia",
    "comment moderation note": "Catatan-Moderasi-Komentar",
    "panel member": "panelis-rahasia",
    "committee note": "Catatan-Komite-Rahasia",
    "unpublished innovation": "Inovasi-Draf-Rahasia",
}


@pytest.fixture
def site_with_secrets(unit_a, superuser):
    public = ServiceStandardPageFactory(parent=unit_a, title="Paspor biasa")
    ServiceStandardPageFactory(
        parent=unit_a, title=SECRETS["unpublished standard"], live=False
    )
    private = ServiceStandardPageFactory(
        parent=unit_a, title=SECRETS["private standard"]
    )
    PageViewRestriction.objects.create(
        page=private,
        restriction_type="password",
        password="rahasia",  # noqa: S106
    )
    hidden_consultation = ConsultationPageFactory(
        parent=unit_a, title=SECRETS["private consultation"]
    )
    PageViewRestriction.objects.create(
        page=hidden_consultation, restriction_type="login"
    )
    consultation = ConsultationPageFactory(parent=unit_a, title="Konsultasi paspor")
    consultation.standards.add(public)
    consultation.save()
    ConsultationSubmission.objects.create(
        page=consultation,
        form_data={"saran": SECRETS["respondent answer"]},
        respondent_key=SECRETS["respondent key"],
        respondent_category="pengguna",
        name=SECRETS["respondent name"],
        email=SECRETS["respondent e-mail"],
        confirmed=True,
    )
    ComponentComment.objects.create(
        consultation=consultation,
        standard=public,
        component="persyaratan",
        text=SECRETS["hidden comment"],
        respondent_key=SECRETS["respondent key"],
        status=ModerationStatus.HIDDEN,
        moderation_reason=SECRETS["comment moderation note"],
    )
    survey = SatisfactionSurveyPageFactory(parent=unit_a)
    SurveyResponseFactory(
        survey=survey,
        suggestion=SECRETS["hidden suggestion"],
        suggestion_status=ModerationStatus.HIDDEN,
        moderation_reason=SECRETS["suggestion moderation note"],
    )
    entry = InnovationEntryPageFactory(parent=unit_a, title="Layanan Sabtu")
    InnovationEntryPageFactory(
        parent=unit_a, title=SECRETS["unpublished innovation"], live=False
    )
    superuser.username = SECRETS["panel member"]
    superuser.save()
    sheet = ScoreSheet.objects.create(entry=entry, member=superuser)
    CriterionScore.objects.create(sheet=sheet, criterion="signifikansi", value=87)
    StageChangeFactory(
        entry=entry, changed_by=superuser, note=SECRETS["committee note"]
    )
    return {
        "unit": unit_a,
        "standard": public,
        "consultation": consultation,
        "survey": survey,
        "entry": entry,
    }


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def every_endpoint(site) -> list[str]:
    unit, standard = site["unit"], site["standard"]
    consultation, survey, entry = site["consultation"], site["survey"], site["entry"]
    urls = [
        "/api/",
        "/api/units/",
        f"/api/units/{unit.pk}/",
        "/api/standards/",
        f"/api/standards/{standard.pk}/",
        "/api/consultations/",
        f"/api/consultations/{consultation.pk}/",
        f"/api/consultations/{consultation.pk}/results/",
        "/api/surveys/",
        f"/api/surveys/{survey.pk}/",
        f"/api/surveys/{survey.pk}/results/",
        "/api/innovations/",
        f"/api/innovations/{entry.pk}/",
        "/api/data/",
        "/api/v2/pages/?fields=*",
        "/api/v2/documents/",
        "/api/v2/images/",
        "/api/schema/",
        "/api/docs/",
        "/id/data/",
        "/en/data/",
    ]
    for page_type in (
        "standards.ServiceStandardPage",
        "consultation.ConsultationPage",
        "consultation.SatisfactionSurveyPage",
        "innovation.InnovationEntryPage",
        "core.UnitPage",
    ):
        urls.append(f"/api/v2/pages/?type={page_type}&fields=*")
    for name in ("units", "standards", "skm", "consultations", "innovations"):
        urls += [f"/api/data/{name}.csv", f"/api/data/{name}.json"]
    return urls


def test_no_endpoint_or_export_shows_unpublished_or_personal_data(
    client, site_with_secrets
):
    seen = []
    for url in every_endpoint(site_with_secrets):
        response = client.get(url)
        assert response.status_code == 200, url
        seen.append((url, body(response)))
    leaks = [
        (what, url)
        for url, text in seen
        for what, secret in SECRETS.items()
        if secret.lower() in text.lower()
    ]
    assert leaks == []
    # The published content itself is there (the test can see content at all).
    everything = "\n".join(text for _url, text in seen)
    assert "Paspor biasa" in everything
    assert "Layanan Sabtu" in everything
    assert "Konsultasi paspor" in everything


def test_unpublished_and_private_pages_are_404_in_every_detail_endpoint(
    client, site_with_secrets
):
    from consultation.models import ConsultationPage
    from innovation.models import InnovationEntryPage
    from standards.models import ServiceStandardPage

    hidden_standards = ServiceStandardPage.objects.filter(
        title__in=[SECRETS["unpublished standard"], SECRETS["private standard"]]
    )
    hidden_consultation = ConsultationPage.objects.get(
        title=SECRETS["private consultation"]
    )
    hidden_entry = InnovationEntryPage.objects.get(
        title=SECRETS["unpublished innovation"]
    )
    urls = [f"/api/standards/{p.pk}/" for p in hidden_standards]
    urls += [f"/api/v2/pages/{p.pk}/" for p in hidden_standards]
    urls += [
        f"/api/consultations/{hidden_consultation.pk}/",
        f"/api/consultations/{hidden_consultation.pk}/results/",
        f"/api/innovations/{hidden_entry.pk}/",
        f"/api/v2/pages/{hidden_entry.pk}/",
    ]
    assert len(urls) == 8
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith("application/json"), url


def test_counts_include_the_confirmed_response_without_its_identity(
    client, site_with_secrets
):
    consultation = site_with_secrets["consultation"]
    data = client.get(f"/api/consultations/{consultation.pk}/results/").json()
    assert data["responses"] == 1
    categories = {c["key"]: c["count"] for c in data["categories"]}
    assert categories["pengguna"] == 1
    assert data["comments"] == {}


def test_stage_history_shows_moves_without_who_or_why(client, site_with_secrets):
    entry = site_with_secrets["entry"]
    data = client.get(f"/api/innovations/{entry.pk}/").json()
    assert data["stage_history"][0]["to_stage"] == "submitted"
    assert set(data["stage_history"][0]) == {"to_stage", "to_stage_label", "changed_at"}
    assert "score" not in str(sorted(data)).lower()


def test_survey_dates_are_iso(client, site_with_secrets):
    survey = site_with_secrets["survey"]
    data = client.get(f"/api/surveys/{survey.pk}/").json()
    datetime.date.fromisoformat(data["period_start"])
