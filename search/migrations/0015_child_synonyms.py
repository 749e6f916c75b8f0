"""Seeded synonyms for "child": English stemming keeps "child" and "children"
apart (an irregular plural), so "child passport" found the birth registration
and not the passports for children. Databases seeded before the group was in
`data/synonyms.txt` get it here.
"""

from django.db import migrations

GROUPS = ("anak, child, children, kids",)


def add_synonyms(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms in GROUPS:
        Synonym.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("search", "0014_emergency_passport_and_telephone_synonyms")]

    operations = [migrations.RunPython(add_synonyms, migrations.RunPython.noop)]
