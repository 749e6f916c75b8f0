"""Seeded synonyms for the cities citizens shorten.

"kbri kl buka jam berapa" put KBRI Singapura first: "KL" was not read as Kuala
Lumpur. Malaysians and Indonesians there write KL, JB and KK; San Francisco is
SF. Databases seeded before the groups were in `data/synonyms.txt` get them
here.
"""

from django.db import migrations

GROUPS = (
    "kl, kuala lumpur",
    "jb, johor bahru",
    "kk, kota kinabalu",
    "sf, san francisco",
)


def add_synonyms(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms in GROUPS:
        Synonym.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("search", "0011_diploma_synonyms")]

    operations = [migrations.RunPython(add_synonyms, migrations.RunPython.noop)]
