from django.db import migrations, models

# The Indonesian name the settings start with, and its English name.
FOREIGN_MINISTRY = "Kementerian Luar Negeri Republik Indonesia"
FOREIGN_MINISTRY_ENGLISH = "Ministry of Foreign Affairs of the Republic of Indonesia"


def name_the_foreign_ministry_in_english(apps, schema_editor):
    """Only a site still named as the settings start gets the English name:
    another organisation's English name is for its editors to give."""
    SiteContact = apps.get_model("core", "SiteContact")
    SiteContact.objects.filter(organisation=FOREIGN_MINISTRY).update(
        organisation_english=FOREIGN_MINISTRY_ENGLISH
    )


def organisation_english(default: str) -> models.CharField:
    return models.CharField(
        blank=True,
        default=default,
        help_text=(
            "Its name for English readers. Left empty, they read the name "
            "above, marked as Indonesian."
        ),
        max_length=200,
        verbose_name="organisation in English",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_admin_language_codes"),
    ]

    operations = [
        # Empty for the rows there are, then named where the site is the
        # ministry the settings start with.
        migrations.AddField(
            model_name="sitecontact",
            name="organisation_english",
            field=organisation_english(""),
        ),
        migrations.RunPython(
            name_the_foreign_ministry_in_english, migrations.RunPython.noop
        ),
        migrations.AlterField(
            model_name="sitecontact",
            name="organisation_english",
            field=organisation_english(FOREIGN_MINISTRY_ENGLISH),
        ),
    ]
