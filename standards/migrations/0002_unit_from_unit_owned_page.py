"""State only: the unit field now comes from `cms.core.models.UnitOwnedPage`
(its help text, no reverse accessor), the index's introduction from `IndexPage`
(its help text); the columns and their data stay as they are."""

import django.db.models.deletion
import wagtail.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_index_page_intro'),
        ('standards', '0001_service_standards_pledges_versions'),
    ]

    operations = [
        migrations.AlterField(
            model_name='servicestandardpage',
            name='unit',
            field=models.ForeignKey(editable=False, help_text='The unit the page belongs to: the closest unit above it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.unitpage', verbose_name='unit'),
        ),
        migrations.AlterField(
            model_name="servicestandardindexpage",
            name="intro",
            field=wagtail.fields.RichTextField(
                blank=True, help_text="Shown above the list.", verbose_name="introduction"
            ),
        ),
    ]
