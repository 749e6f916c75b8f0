import uuid

import django.db.models.deletion
from django.db import migrations, models


def fill_locale_and_translation_key(apps, schema_editor):
    """Existing actions take their page's locale. An action and its copy in
    the page's translation share a key (matched by their place on the two
    pages), so the copy becomes the action's translation."""
    action_model = apps.get_model("consultation", "SurveyFollowUpAction")
    page_model = apps.get_model("wagtailcore", "Page")
    keys: dict[tuple, uuid.UUID] = {}
    places: dict[int, int] = {}
    for action in action_model.objects.order_by("page_id", "sort_order", "pk"):
        page = page_model.objects.only("locale_id", "translation_key").get(
            pk=action.page_id
        )
        place = places[action.page_id] = places.get(action.page_id, -1) + 1
        action.locale_id = page.locale_id
        action.translation_key = keys.setdefault(
            (page.translation_key, place), uuid.uuid4()
        )
        action.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0008_action_labels_from_one_base"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="surveyfollowupaction",
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
            model_name="surveyfollowupaction",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill_locale_and_translation_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="surveyfollowupaction",
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
            model_name="surveyfollowupaction",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="surveyfollowupaction",
            unique_together={("translation_key", "locale")},
        ),
    ]
