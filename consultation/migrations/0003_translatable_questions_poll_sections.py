import uuid

import django.db.models.deletion
import wagtail.fields
from django.db import migrations, models

import consultation.models

# Questions, commitments and poll choices become translatable child objects.
# Existing rows get their page's locale and a translation key shared with the
# row at the same position of the default-language page, before the columns
# become required.
CHILDREN = [
    ("ConsultationFormField", "ConsultationPage"),
    ("Commitment", "ConsultationPage"),
    ("PollChoice", "PollPage"),
]


def link_translations(apps, schema_editor):
    from django.conf import settings

    for child_name, page_name in CHILDREN:
        Child = apps.get_model("consultation", child_name)
        Page = apps.get_model("consultation", page_name)
        # Plain values: historical form pages cannot be instantiated.
        pages = sorted(
            Page.objects.values(
                "pk", "translation_key", "locale_id", "locale__language_code"
            ),
            key=lambda p: p["locale__language_code"] != settings.LANGUAGE_CODE,
        )
        keys_by_source = {}
        for page in pages:
            is_source = page["locale__language_code"] == settings.LANGUAGE_CODE
            keys = [] if is_source else keys_by_source.get(page["translation_key"], [])
            rows = Child.objects.filter(page_id=page["pk"]).order_by("sort_order", "pk")
            for position, pk in enumerate(rows.values_list("pk", flat=True)):
                key = (
                    keys[position]
                    if not is_source and position < len(keys)
                    else uuid.uuid4()
                )
                Child.objects.filter(pk=pk).update(
                    translation_key=key, locale_id=page["locale_id"]
                )
                if is_source:
                    keys.append(key)
            if is_source:
                keys_by_source[page["translation_key"]] = keys


def translatable_operations(model_name: str) -> list:
    return [
        migrations.AddField(
            model_name=model_name,
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
            model_name=model_name,
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
    ]


def required_operations(model_name: str) -> list:
    return [
        migrations.AlterField(
            model_name=model_name,
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
            model_name=model_name,
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name=model_name,
            unique_together={("translation_key", "locale")},
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0002_public_consultations_polls_comments"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="consultationformfield",
            name="choices",
            field=consultation.models.ChoicesField(
                blank=True,
                help_text="One choice per line, for checkboxes, radio buttons and "
                "drop-downs. Once answers exist, do not reword, reorder or remove "
                "choices.",
                verbose_name="choices",
            ),
        ),
        *translatable_operations("consultationformfield"),
        *translatable_operations("commitment"),
        *translatable_operations("pollchoice"),
        migrations.RunPython(link_translations, migrations.RunPython.noop),
        *required_operations("consultationformfield"),
        *required_operations("commitment"),
        *required_operations("pollchoice"),
        migrations.AddField(
            model_name="consultationpage",
            name="content",
            field=wagtail.fields.StreamField(
                [("paragraph", 0), ("poll", 2)],
                blank=True,
                block_lookup={
                    0: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {
                            "description": "A paragraph of text",
                            "features": [
                                "h3",
                                "bold",
                                "italic",
                                "link",
                                "ol",
                                "ul",
                                "document-link",
                            ],
                            "icon": "pilcrow",
                            "label": "Paragraph",
                            "preview_value": "<p>Sampaikan pendapat Anda sebelum "
                            "konsultasi ditutup.</p>",
                            "template": "core/blocks/paragraph_block.html",
                        },
                    ),
                    1: (
                        "wagtail.blocks.PageChooserBlock",
                        (),
                        {
                            "help_text": "The poll to show here; it also keeps its "
                            "own page.",
                            "label": "Poll",
                            "page_type": ["consultation.PollPage"],
                        },
                    ),
                    2: ("wagtail.blocks.StructBlock", [[("poll", 1)]], {}),
                },
                help_text="More sections below the body, in order: text and polls. "
                "A poll placed here can be voted in on this page.",
                verbose_name="sections",
            ),
        ),
    ]
