import uuid

import django.db.models.deletion
from django.db import migrations, models


def fill_locale_and_translation_key(apps, schema_editor):
    """Existing rows take their page's locale and a key of their own."""
    hours_model = apps.get_model("core", "UnitOpeningHours")
    for hours in hours_model.objects.select_related("page"):
        hours.locale_id = hours.page.locale_id
        hours.translation_key = uuid.uuid4()
        hours.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="unitopeninghours",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="unitopeninghours",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill_locale_and_translation_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="unitopeninghours",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="unitopeninghours",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="unitopeninghours",
            unique_together={("translation_key", "locale")},
        ),
    ]
