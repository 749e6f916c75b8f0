"""Open-data files: streamed from the database, one row per object."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.http import StreamingHttpResponse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.core.translation import translate_page
from consultation.surveys.factories import (
    SatisfactionSurveyPageFactory,
    SurveyResponseFactory,
)
from standards.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db


def rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_standards_csv_is_streamed_one_row_per_standard(client, unit_b):
    ServiceStandardPageFactory(parent=unit_b, title="Paspor biasa")
    ServiceStandardPageFactory(parent=unit_b, title="Draf", live=False)
    response = client.get("/api/data/standards.csv")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("text/csv")
    table = rows(response)
    assert [row["title"] for row in table] == ["Paspor biasa"]
    row = table[0]
    assert row["unit"] == "KBRI Singapura"
    assert row["completion_time_value"] == "3"
    assert row["completion_time_unit"] == "hari_kerja"
    assert row["fee_currency"] == "SGD"
    assert row["decree_number"] == "12/KONS/2024"
    assert row["effective_date"] == "2024-02-01"
    assert row["url"] == "http://testserver/id/unit/kbri-singapura/paspor-biasa/"


def fee(label: str, amount: str, currency: str = "", added: bool = False) -> tuple:
    return (
        "fee",
        {
            "label": label,
            "amount": Decimal(amount),
            "currency": currency,
            "added": added,
        },
    )


def test_a_standards_fee_columns_give_the_least_one_pays_not_a_sum(client, unit_b):
    """Fee items are alternatives unless charged on top: an integrator summing
    them published a passport fee nobody pays (48 + 24 pages + the fine)."""
    ServiceStandardPageFactory(
        parent=unit_b,
        title="Paspor",
        slug="paspor",
        fees=[
            fee("Paspor 48 halaman", "70"),
            fee("Paspor 24 halaman", "45.50"),
            fee("Denda paspor hilang", "100", added=True),
        ],
    )
    ServiceStandardPageFactory(
        parent=unit_b,
        title="Legalisasi",
        slug="legalisasi",
        fees=[fee("Legalisasi", "20", "SGD"), fee("Legalisasi", "250000", "IDR")],
    )
    ServiceStandardPageFactory(
        parent=unit_b, title="Surat keterangan", slug="sk", fees=[fee("SK", "12")]
    )
    ServiceStandardPageFactory(
        parent=unit_b,
        title="Visa",
        slug="visa",
        fees=[
            fee("Visa", "30", "IDR"),
            ("fee", {"label": "Ongkos kirim", "amount": None, "currency": "SGD"}),
        ],
    )
    table = {row["title"]: row for row in rows(client.get("/api/data/standards.csv"))}
    passport = table["Paspor"]
    assert (
        passport["fee_amount_from"],
        passport["fee_currency"],
        passport["fee_charges_on_top"],
    ) == ("45.50", "SGD", "yes")
    assert "fee_amount_total" not in passport
    assert "+100.00 SGD" in passport["fees"]
    legalisation = table["Legalisasi"]
    assert (legalisation["fee_amount_from"], legalisation["fee_currency"]) == ("", "")
    assert legalisation["fees"] == "Legalisasi: 20.00 SGD; Legalisasi: 250000.00 IDR"
    letter = table["Surat keterangan"]
    assert (letter["fee_amount_from"], letter["fee_charges_on_top"]) == ("12.00", "no")
    visa = table["Visa"]
    assert (visa["fee_amount_from"], visa["fee_currency"]) == ("30.00", "IDR")
    assert visa["fees"] == "Visa: 30.00 IDR; Ongkos kirim"


def test_skm_results_are_aggregated_per_unit_and_period(client, unit_a):
    survey = SatisfactionSurveyPageFactory(parent=unit_a, population=0)
    for score in (3, 4):
        SurveyResponseFactory(survey=survey, **{f"u{i}": score for i in range(1, 10)})
    response = client.get("/api/data/skm.json")
    data = json.loads(b"".join(response.streaming_content))
    own = next(r for r in data if r["period"] == "survey")
    assert own["unit"] == "KJRI Toronto"
    assert own["respondents"] == 2
    assert own["ikm"] == "3.5000"
    assert own["ikm_konversi"] == "87.50"
    assert own["sample_enough"] == "unknown"  # no population given
    quarters = [r for r in data if r["period"].count("-Q") == 1]
    assert quarters
    # The minimum sample is judged for the survey's own period, as in the API.
    assert {r["sample_enough"] for r in quarters} == {"not_judged"}


def test_files_send_last_modified_and_answer_304(client, unit_a):
    ServiceStandardPageFactory(parent=unit_a).save_revision().publish()
    response = client.get("/api/data/standards.json")
    stamp = response["Last-Modified"]
    again = client.get("/api/data/standards.json", HTTP_IF_MODIFIED_SINCE=stamp)
    assert again.status_code == 304


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_files_send_an_etag_and_answer_304_to_it(client, unit_a, fmt):
    standard = ServiceStandardPageFactory(parent=unit_a)
    standard.save_revision().publish()
    url = f"/api/data/standards.{fmt}"
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('W/"')
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    # What a 200 would carry, for the cache that keeps the copy (RFC 9110).
    for header in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
        assert not_modified[header] == first[header], header
    standard.save_revision().publish()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_unknown_dataset_is_a_json_404(client, home_page):
    response = client.get("/api/data/passwords.csv")
    assert response.status_code == 404
    assert "error" in response.json()


def test_data_page_lists_every_dataset_with_licence(client, home_page):
    html = client.get("/en/data/").content.decode()
    for name in ("units", "standards", "skm", "consultations", "innovations"):
        assert f"/api/data/{name}.csv" in html
    assert "CC BY 4.0" in html


def test_data_page_shows_a_label_beside_each_field_name(client, home_page):
    html = client.get("/en/data/").content.decode()
    assert "Columns:" not in html
    assert '<th scope="col">Field name</th>' in html
    assert '<th scope="row">Unit of the completion time</th>' in html
    assert "<td><code>completion_time_unit</code></td>" in html
    assert '<th scope="row">Who is consulted</th>' in html
    assert "<td><code>audience</code></td>" in html
    assert '<th scope="row">Average score U1: ' in html


def test_the_indonesian_data_page_labels_the_skm_averages_in_indonesian(
    client, home_page
):
    """The label was built inside an f-string, which makemessages cannot read:
    Indonesian readers saw "Average score U1"."""
    html = client.get("/id/data/").content.decode()
    assert '<th scope="row">Nilai rata-rata U1: Persyaratan</th>' in html
    assert "Average score" not in html


def test_each_dataset_offers_its_downloads_under_its_own_heading(client, home_page):
    """At 375 px the downloads were the fourth column of a table wider than the
    screen; each dataset now has its heading, text and links one under another."""
    html = client.get("/id/data/").content.decode()
    section = html.split("<h3>Standar pelayanan</h3>")[1].split("</li>\n    \n")[0]
    assert '/api/data/standards.csv" download>Unduh CSV' in section
    assert '/api/data/standards.json" download>Unduh JSON' in section


def test_every_column_of_every_dataset_has_a_label(client, home_page):
    from cms.core.open_data import datasets

    for dataset in datasets().values():
        for column in dataset.columns:
            assert dataset.column_label(column) != column, (dataset.name, column)


def test_dataset_list_gives_the_label_of_each_column(client, home_page):
    (units,) = [d for d in client.get("/api/data/").json() if d["name"] == "units"]
    labels = dict(zip(units["columns"], units["columns_labels"], strict=True))
    assert labels["time_zone"] not in ("", "time_zone")  # in the request's language
    assert "fields" not in units


def test_code_columns_carry_their_labels_in_the_rows_language(client, unit_b):
    ServiceStandardPageFactory(parent=unit_b, title="Paspor biasa")
    row = rows(client.get("/api/data/standards.csv"))[0]
    assert row["completion_time_unit"] == "hari_kerja"
    assert row["completion_time_unit_label"] == "hari kerja"
    assert row["category_label"] and row["category_label"] != row["category"]
    assert len(row["channels_labels"].split(";")) == len(row["channels"].split(";"))
    assert "_" not in row["audiences_labels"]
    unit = next(r for r in rows(client.get("/api/data/units.csv")) if r["type"])
    assert unit["type_label"] and unit["type_label"] != unit["type"]


def test_consultation_rows_label_state_and_audience(client, unit_a):
    from consultation.forums.factories import ConsultationPageFactory

    ConsultationPageFactory(parent=unit_a, audience="pengguna_layanan")
    row = rows(client.get("/api/data/consultations.csv"))[0]
    assert row["audience_label"] == "Pengguna layanan"
    assert row["state_label"] == "Dibuka"


def test_a_page_and_its_translation_share_a_key_across_languages(client, unit_b):
    """Each translation is a page with its own id: `translation_key` is what
    joins a standard's, and its unit's, rows in both languages."""
    standard = ServiceStandardPageFactory(parent=unit_b, title="Paspor biasa")
    translate_page(unit_b.get_parent().specific, "en", {})
    translate_page(unit_b, "en", {})
    translate_page(standard, "en", {"Paspor biasa": "Ordinary passport"})
    for dataset, page in (("standards", standard), ("units", unit_b)):
        table = rows(client.get(f"/api/data/{dataset}.csv"))
        key = str(page.translation_key)
        same = {row["locale"]: row for row in table if row["translation_key"] == key}
        assert set(same) == {"id", "en"}, dataset
        assert same["id"]["title"] == page.title
        assert same["id"]["id"] != same["en"]["id"]


@pytest.mark.parametrize(
    "hide",
    [
        lambda unit, standard: PageViewRestriction.objects.create(
            page=unit, restriction_type=PageViewRestriction.LOGIN
        ),
        lambda unit, standard: standard.unpublish(),
    ],
    ids=["unit restricted", "standard unpublished"],
)
def test_a_standard_leaving_the_file_changes_its_validators(
    client, unit_a, unit_b, hide
):
    """A standard hidden by its unit's restriction left the file while its
    ETag and Last-Modified stayed: a harvester's copy kept the row (304)."""
    standard = ServiceStandardPageFactory(parent=unit_a, title="Disembunyikan")
    standard.save_revision().publish()
    ServiceStandardPageFactory(parent=unit_b, title="Tetap").save_revision().publish()
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Page.objects.update(last_published_at=an_hour_ago)
    first = client.get("/api/data/standards.csv")
    assert [row["title"] for row in rows(first)] == ["Disembunyikan", "Tetap"]

    hide(unit_a, standard)

    for validator in (
        {"HTTP_IF_NONE_MATCH": first["ETag"]},
        {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]},
    ):
        again = client.get("/api/data/standards.csv", **validator)
        assert again.status_code == 200
        assert [row["title"] for row in rows(again)] == ["Tetap"]
