"""Innovation entries store their unit (`cms.core.models.UnitOwnedPage`); the
showcase's introduction comes from `IndexPage` (state only: its help text).

Existing entries get the closest unit above them in the page tree, as a save
would set it: an entry in Indonesian the Indonesian unit, an English
translation the English one.
"""

import django.db.models.deletion
import wagtail.fields
from django.db import migrations, models

STEPLEN = 4  # wagtailcore Page.steplen


def closest_unit_id(path: str, unit_ids: dict[str, int]) -> int | None:
    """The id of the deepest unit whose path is a prefix of `path`."""
    for end in range(len(path) - STEPLEN, 0, -STEPLEN):
        unit_id = unit_ids.get(path[:end])
        if unit_id is not None:
            return unit_id
    return None


def fill_units(apps, schema_editor):
    entries = apps.get_model("innovation", "InnovationEntryPage")
    unit_ids = dict(apps.get_model("core", "UnitPage").objects.values_list("path", "pk"))
    for pk, path in entries.objects.values_list("pk", "path"):
        unit_id = closest_unit_id(path, unit_ids)
        if unit_id is not None:
            entries.objects.filter(pk=pk).update(unit_id=unit_id)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_index_page_intro"),
        ("innovation", "0004_replication_notes_approval"),
    ]

    operations = [
        migrations.AddField(
            model_name="innovationentrypage",
            name="unit",
            field=models.ForeignKey(
                editable=False,
                help_text="The unit the page belongs to: the closest unit above it.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="core.unitpage",
                verbose_name="unit",
            ),
        ),
        migrations.RunPython(fill_units, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="innovationshowcasepage",
            name="intro",
            field=wagtail.fields.RichTextField(
                blank=True, help_text="Shown above the list.", verbose_name="introduction"
            ),
        ),
    ]
