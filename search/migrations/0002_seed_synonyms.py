"""Seed the editor-managed synonyms from `search/data/synonyms.txt`."""

from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "synonyms.txt"


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for line in DATA.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        terms = ", ".join(t.strip().lower() for t in line.split(",") if t.strip())
        Synonym.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_documents_synonyms_outage_journal")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
