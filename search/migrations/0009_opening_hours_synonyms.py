"""The seeded synonyms of a unit's opening hours.

"jam buka" (and "jam operasional", "office hours") found nothing of a unit's
opening hours, which its page calls "Jam layanan" ("Opening hours"): "jam buka
kjri toronto" fell back to pages with any of the words, every KJRI's page
first. Databases seeded before the group was in `data/synonyms.txt` get it
here (0002 seeds a new database from the file, this one then finds it).
"""

from django.db import migrations

OPENING_HOURS = (
    "jam layanan, jam pelayanan, jam buka, jam operasional, opening hours, office hours"
)


def add_opening_hours_synonyms(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.get_or_create(terms=OPENING_HOURS)


class Migration(migrations.Migration):
    dependencies = [("search", "0008_split_complaint_synonyms")]

    operations = [
        migrations.RunPython(add_opening_hours_synonyms, migrations.RunPython.noop)
    ]
