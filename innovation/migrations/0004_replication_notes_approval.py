"""Replication notes are published only once approved.

`notes` becomes the text the unit's staff submitted; `published_notes` is the
text a moderator of the unit (or the KIPP committee) approved, which is what the
public entry page shows, with who approved it and when.

Existing records: their current notes are treated as approved (copied into
`published_notes`), so nothing public disappears on upgrade. No approver or
approval time is recorded for them (`notes_approved_by`/`_at` stay empty).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def approve_existing_notes(apps, schema_editor):
    Replication = apps.get_model("innovation", "Replication")
    Replication.objects.update(published_notes=models.F("notes"))


class Migration(migrations.Migration):
    dependencies = [
        ("innovation", "0003_link_entries_to_service_standards"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="replication",
            name="notes_approved_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="notes approved at"
            ),
        ),
        migrations.AddField(
            model_name="replication",
            name="notes_approved_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="notes approved by",
            ),
        ),
        migrations.AddField(
            model_name="replication",
            name="published_notes",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="The notes as last approved: what the public sees.",
                verbose_name="published notes",
            ),
        ),
        migrations.AlterField(
            model_name="replication",
            name="notes",
            field=models.TextField(
                blank=True,
                help_text="What the unit adapted and what it achieved. Shown on the entry's public page once a moderator of the unit approves it.",
                verbose_name="notes",
            ),
        ),
        migrations.RunPython(approve_existing_notes, migrations.RunPython.noop),
    ]
