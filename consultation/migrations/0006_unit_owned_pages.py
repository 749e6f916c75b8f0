"""Surveys, consultations and polls store their unit
(`cms.core.models.UnitOwnedPage`).

Existing pages get the closest unit above them in the page tree, as a save
would set it: a page in Indonesian the Indonesian unit, an English translation
the English one, and a poll under a consultation the consultation's unit.
"""

import django.db.models.deletion
from django.db import migrations, models

STEPLEN = 4  # wagtailcore Page.steplen

UNIT_OWNED = ["SatisfactionSurveyPage", "ConsultationPage", "PollPage"]


def closest_unit_id(path: str, unit_ids: dict[str, int]) -> int | None:
    """The id of the deepest unit whose path is a prefix of `path`."""
    for end in range(len(path) - STEPLEN, 0, -STEPLEN):
        unit_id = unit_ids.get(path[:end])
        if unit_id is not None:
            return unit_id
    return None


def fill_units(apps, schema_editor):
    unit_ids = dict(apps.get_model("core", "UnitPage").objects.values_list("path", "pk"))
    for name in UNIT_OWNED:
        pages = apps.get_model("consultation", name)
        for pk, path in pages.objects.values_list("pk", "path"):
            unit_id = closest_unit_id(path, unit_ids)
            if unit_id is not None:
                pages.objects.filter(pk=pk).update(unit_id=unit_id)


def unit_field():
    return models.ForeignKey(
        editable=False,
        help_text="The unit the page belongs to: the closest unit above it.",
        null=True,
        on_delete=django.db.models.deletion.SET_NULL,
        related_name="+",
        to="core.unitpage",
        verbose_name="unit",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0005_kiosk_enrolments_single_use_states"),
        ("core", "0004_index_page_intro"),
    ]

    operations = [
        migrations.AddField(
            model_name="satisfactionsurveypage", name="unit", field=unit_field()
        ),
        migrations.AddField(
            model_name="consultationpage", name="unit", field=unit_field()
        ),
        migrations.AddField(model_name="pollpage", name="unit", field=unit_field()),
        migrations.RunPython(fill_units, migrations.RunPython.noop),
    ]
