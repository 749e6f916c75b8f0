"""Seeded synonyms for two ways citizens put what they look for.

"pasport ilang" put "Penggantian paspor hilang atau rusak" fourth: "ilang" is
how many say "hilang" (lost). "report my stay" found the complaints page, not
"Lapor diri" ("my" is dropped as a stop word, so the group says "report
stay"). Databases seeded before these groups were in `data/synonyms.txt` get
them here; the registration group is extended where it is still as seeded
(0010 creates the old wording on a new database, whose 0002 already seeded the
new one: the old is then removed).
"""

from django.db import migrations

REGISTRATION = (
    "lapor diri, lapordiri, self registration, self-registration, citizen registration"
)
EXTENDED_REGISTRATION = REGISTRATION + ", report stay, report presence"
LOST = "hilang, ilang"


def add_synonyms(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.get_or_create(terms=LOST)
    old = Synonym.objects.filter(terms=REGISTRATION)
    if Synonym.objects.filter(terms=EXTENDED_REGISTRATION).exists():
        old.delete()
    else:
        old.update(terms=EXTENDED_REGISTRATION)


class Migration(migrations.Migration):
    dependencies = [("search", "0012_city_abbreviation_synonyms")]

    operations = [migrations.RunPython(add_synonyms, migrations.RunPython.noop)]
