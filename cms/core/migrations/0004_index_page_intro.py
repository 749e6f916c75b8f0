"""State only: the introduction comes from `IndexPage` (its help text is now set
by each index's panel); no column changes."""

import wagtail.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_page_url_path_index'),
    ]

    operations = [
        migrations.AlterField(
            model_name='unitindexpage',
            name='intro',
            field=wagtail.fields.RichTextField(blank=True, help_text='Shown above the list.', verbose_name='introduction'),
        ),
    ]
