"""Admin form data for service standards, as the Wagtail editor submits it."""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield  # noqa: F401

REQUIREMENT = {
    "description": "Paspor lama",
    "document_form": "asli",
    "note": "",
}
STEP = {
    "description": "Pemohon mengisi formulir",
    "actor": "pemohon",
    "duration_value": "15",
    "duration_unit": "menit",
}
FEE = {"label": "Paspor elektronik", "amount": "60", "currency": ""}
PRODUCT = {"name": "Paspor biasa", "description": ""}
CHANNEL = {"channel": "surel", "address": "konsuler@example.org", "note": ""}


def standard_form_data(slug="paspor-baru", **overrides) -> dict:
    """A complete standard; pass e.g. `requirements=[]` to leave one out."""
    values = {
        "title": "Penerbitan paspor baru",
        "slug": slug,
        "summary": "Paspor biasa.",
        "category": "paspor",
        "serves_wni": "on",
        "channel_langsung": "on",
        "application_url": "",
        "decree_number": "12/KONS/2024",
        "decree_date": "2024-01-15",
        "effective_date": "2024-02-01",
        "requirements": [("requirement", REQUIREMENT)],
        "procedure": [("step", STEP)],
        "completion_time_value": "3",
        "completion_time_unit": "hari_kerja",
        "completion_time_note": "",
        "fees": [("fee", FEE)],
        "fee_legal_basis": "",
        "products": [("product", PRODUCT)],
        "complaint_channels": [("channel", CHANNEL)],
        "legal_basis": [],
        "facilities": "",
        "staff_competence": "",
        "internal_supervision": "",
        "number_of_staff": "",
        "service_guarantee": "",
        "security_guarantee": "",
        "performance_evaluation": "",
    }
    values.update(overrides)
    for name in (
        "requirements",
        "procedure",
        "fees",
        "products",
        "complaint_channels",
        "legal_basis",
    ):
        values[name] = streamfield(values[name])
    return nested_form_data(values)
