"""Seeded synonyms for two things citizens ask for.

"paspor darurat" (emergency passport) is what citizens call the SPLP, the
travel document issued in lieu of a lost passport; the search put two
innovations mentioning "darurat" above it. "nomor telepon KJRI Toronto" found
three standards and not the unit's page, which lists its telephone. Databases
seeded before the groups were in `data/synonyms.txt` get them here.
"""

from django.db import migrations

GROUPS = (
    "splp, paspor darurat, dokumen perjalanan darurat",
    "telepon, nomor telepon, telp, telephone, phone, phone number, telephone number",
)


def add_synonyms(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms in GROUPS:
        Synonym.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("search", "0013_lost_and_stay_report_synonyms")]

    operations = [migrations.RunPython(add_synonyms, migrations.RunPython.noop)]
