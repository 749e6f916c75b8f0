"""State only: the introductions of the consultations index and the
satisfaction overview come from `cms.core.models.IndexPage` (its help text;
each page keeps its own on its panel). The columns and their data stay."""

import wagtail.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("consultation", "0006_unit_owned_pages")]

    operations = [
        migrations.AlterField(
            model_name="consultationindexpage",
            name="intro",
            field=wagtail.fields.RichTextField(
                blank=True, help_text="Shown above the list.", verbose_name="introduction"
            ),
        ),
        migrations.AlterField(
            model_name="satisfactionoverviewpage",
            name="intro",
            field=wagtail.fields.RichTextField(
                blank=True, help_text="Shown above the list.", verbose_name="introduction"
            ),
        ),
    ]
