"""What changed between two versions, component by component."""

from django.utils import translation

from standards.diff import compare_components, fee_changed


def snapshot(**overrides) -> dict:
    data = {
        "persyaratan": [
            {
                "description": "Paspor lama",
                "document_form": "asli",
                "applies_to": [],
                "note": "",
            }
        ],
        "prosedur": [
            {
                "step": 1,
                "description": "Isi formulir",
                "actor": "pemohon",
                "duration": None,
            }
        ],
        "jangka_waktu": {"value": 3, "unit": "hari_kerja", "note": ""},
        "biaya": {
            "free": False,
            "items": [{"label": "Paspor", "amount": "50.00", "currency": "SGD"}],
            "legal_basis": "PP 45/2024",
        },
        "produk": [{"name": "Paspor", "description": ""}],
        "pengaduan": [{"channel": "surel", "address": "a@example.org", "note": ""}],
        "dasar_hukum": [],
        "sarana_prasarana": "Ruang tunggu",
    }
    data.update(overrides)
    return data


def change_of(changes, key):
    return next(c for c in changes if c.key == key)


def test_identical_versions_have_no_changes():
    changes = compare_components(snapshot(), snapshot())
    assert len(changes) == 14
    assert not any(c.has_changes for c in changes)


def test_fee_amount_change_is_one_changed_item():
    after = snapshot(
        biaya={
            "free": False,
            "items": [{"label": "Paspor", "amount": "55.00", "currency": "SGD"}],
            "legal_basis": "PP 45/2024",
        }
    )
    with translation.override("en"):
        change = change_of(compare_components(snapshot(), after), "biaya")
    assert change.changed == [("Paspor: SGD 50", "Paspor: SGD 55")]
    assert change.added == change.removed == []
    assert change.is_fee
    assert fee_changed(snapshot(), after)


def test_becoming_free_is_shown_as_a_fee_change():
    after = snapshot(biaya={"free": True, "items": [], "legal_basis": ""})
    with translation.override("id"):
        change = change_of(compare_components(snapshot(), after), "biaya")
    assert change.changed == [("Paspor: SGD 50", "Tidak dipungut biaya")]


def test_added_and_removed_requirements_are_listed():
    after = snapshot(
        persyaratan=[
            {
                "description": "Surat sponsor",
                "document_form": "fotokopi",
                "applies_to": ["wna"],
                "note": "",
            }
        ]
    )
    with translation.override("en"):
        change = change_of(compare_components(snapshot(), after), "persyaratan")
    assert change.added == ["Surat sponsor (Copy; for Foreign nationals)"]
    assert change.removed == ["Paspor lama (Original)"]


def test_requirement_whose_form_changes_is_changed_not_replaced():
    before = snapshot()
    after = snapshot(
        persyaratan=[{**before["persyaratan"][0], "document_form": "fotokopi"}]
    )
    change = change_of(compare_components(before, after), "persyaratan")
    assert len(change.changed) == 1
    assert change.added == change.removed == []


def test_completion_time_change_is_shown_in_the_readers_language():
    after = snapshot(jangka_waktu={"value": 5, "unit": "hari_kerja", "note": ""})
    with translation.override("en"):
        change = change_of(compare_components(snapshot(), after), "jangka_waktu")
    assert change.changed == [("3 working days", "5 working days")]


def test_management_text_added_removed_and_changed():
    changes = compare_components(
        snapshot(sarana_prasarana=""), snapshot(kompetensi_pelaksana="Terlatih")
    )
    assert change_of(changes, "sarana_prasarana").added == ["Ruang tunggu"]
    assert change_of(changes, "kompetensi_pelaksana").added == ["Terlatih"]
    changes = compare_components(snapshot(), snapshot(sarana_prasarana="Loket"))
    assert change_of(changes, "sarana_prasarana").changed == [("Ruang tunggu", "Loket")]


def test_reordered_steps_are_shown_as_a_changed_order():
    before = snapshot(
        prosedur=[
            {"step": 1, "description": "A", "actor": "pemohon", "duration": None},
            {"step": 2, "description": "B", "actor": "petugas", "duration": None},
        ]
    )
    after = snapshot(
        prosedur=[
            {"step": 1, "description": "B", "actor": "petugas", "duration": None},
            {"step": 2, "description": "A", "actor": "pemohon", "duration": None},
        ]
    )
    change = change_of(compare_components(before, after), "prosedur")
    assert change.changed == [("A → B", "B → A")]


def test_a_component_is_described_with_labels_never_codes():
    from django.utils import translation

    from standards.diff import describe_component

    requirement = {
        "description": "Paspor lama",
        "document_form": "asli_dan_fotokopi",
        "applies_to": ["wni_dewasa"],
        "note": "",
    }
    fees = {
        "free": False,
        "items": [{"label": "Paspor", "amount": "55.00", "currency": "SGD"}],
        "legal_basis": "",
    }
    with translation.override("id"):
        text = describe_component("persyaratan", [requirement])
        time = describe_component("jangka_waktu", {"value": 3, "unit": "hari_kerja"})
        fee = describe_component("biaya", fees)
    assert "asli_dan_fotokopi" not in text and "wni_dewasa" not in text
    assert "Asli dan fotokopi" in text and "WNI dewasa" in text
    assert time == "3 hari kerja"
    assert "55.00" not in fee and "55" in fee
