"""Seeded synonyms: "paspor darurat" (emergency passport) is what citizens
call the SPLP, the travel document issued in lieu of a lost passport; the
search put two innovations mentioning "darurat" above it. Databases seeded
before the group was in `data/synonyms.txt` get it here."""

from django.db import migrations

EMERGENCY = "splp, paspor darurat, dokumen perjalanan darurat"


def add_synonyms(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.get_or_create(terms=EMERGENCY)


class Migration(migrations.Migration):
    dependencies = [("search", "0013_lost_and_stay_report_synonyms")]

    operations = [migrations.RunPython(add_synonyms, migrations.RunPython.noop)]
