"""The personal-data permission now also covers SKM profiles and suggestions in
the survey export; its stored name says so (Django creates a missing
permission but never renames one that exists)."""

from django.db import migrations

NAME = (
    "Can see respondents' personal data in exports (names, e-mail addresses, "
    "SKM profiles and suggestions)"
)
OLD_NAME = "Can see respondents' names and e-mail addresses in exports"


def rename(name):
    def run(apps, schema_editor):
        Permission = apps.get_model("auth", "Permission")
        Permission.objects.filter(
            codename="view_personal_data", content_type__app_label="consultation"
        ).update(name=name)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("consultation", "0009_translatable_follow_up_actions"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="consultationsubmission",
            options={
                "permissions": [("view_personal_data", NAME)],
                "verbose_name": "consultation response",
                "verbose_name_plural": "consultation responses",
            },
        ),
        migrations.RunPython(rename(NAME), rename(OLD_NAME)),
    ]
