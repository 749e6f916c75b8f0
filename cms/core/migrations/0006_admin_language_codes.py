"""Admin language preferences saved as Wagtail's regional codes ("id-id")
become the site's own ("id"): with "id-id" every link to a page read /id-id/…"""

from django.db import migrations

SITE_LANGUAGES = ("id", "en")


def to_site_languages(apps, schema_editor):
    UserProfile = apps.get_model("wagtailusers", "UserProfile")
    stale = UserProfile.objects.exclude(preferred_language__in=("", *SITE_LANGUAGES))
    for code in SITE_LANGUAGES:
        stale.filter(preferred_language__startswith=f"{code}-").update(
            preferred_language=code
        )
    stale.exclude(preferred_language__in=SITE_LANGUAGES).update(preferred_language="")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_moderation_digest_deliveries"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
    ]

    operations = [migrations.RunPython(to_site_languages, migrations.RunPython.noop)]
