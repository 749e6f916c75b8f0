"""Seeded synonyms for a document citizens legalise at a mission.

"ijazah" found nothing and "diploma" was read as "diplomatic" (the identity
cards of diplomats): the legalisation standards name "ijazah" in Indonesian
and "diploma" in English, and either word now finds both. Databases seeded
before the group was in `data/synonyms.txt` get it here.
"""

from django.db import migrations

GROUPS = ("ijazah, diploma",)


def add_synonyms(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms in GROUPS:
        Synonym.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("search", "0010_registration_and_emergency_document_synonyms")]

    operations = [migrations.RunPython(add_synonyms, migrations.RunPython.noop)]
