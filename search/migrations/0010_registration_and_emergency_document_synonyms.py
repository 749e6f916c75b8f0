"""Seeded synonyms for two services citizens name in English or run together.

"self registration" found the Peduli WNI pages but not the standard "Lapor
diri", "lapordiri" found nothing, and "emergency travel document" or
"emergency passport" found the consultation on the SPLP but not the SPLP
standard itself. Databases seeded before these groups were in
`data/synonyms.txt` get them here (0002 seeds a new database from the file,
this one then finds them).
"""

from django.db import migrations

GROUPS = (
    "lapor diri, lapordiri, self registration, self-registration, citizen registration",
    "splp, emergency travel document, emergency passport",
)


def add_synonyms(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms in GROUPS:
        Synonym.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("search", "0009_opening_hours_synonyms")]

    operations = [migrations.RunPython(add_synonyms, migrations.RunPython.noop)]
