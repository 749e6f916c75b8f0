"""The seeded complaint synonyms split in two groups.

"sp4n lapor" as a synonym of "complaint" also matched every page mentioning
"lapor" beside "SP4N" ("Lapor diri", self-registration, which names SP4N-LAPOR!
among its channels), and ranked it above the complaints page. The channel's
name keeps its own group; "pengaduan, complaint, complain" is the other. An
editor's own change of the group is left alone.
"""

from django.db import migrations

SEEDED = "sp4n-lapor, sp4n lapor, pengaduan, complaint"
CHANNEL = "sp4n-lapor, sp4n lapor"
COMPLAINTS = "pengaduan, complaint, complain"


def split_complaint_synonyms(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    if not Synonym.objects.filter(terms=SEEDED).exists():
        return
    Synonym.objects.filter(terms=SEEDED).delete()
    Synonym.objects.get_or_create(terms=CHANNEL)
    Synonym.objects.get_or_create(terms=COMPLAINTS)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_searchtermday")]

    operations = [
        migrations.RunPython(split_complaint_synonyms, migrations.RunPython.noop)
    ]
