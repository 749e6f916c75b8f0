"""Keep translated consultations and polls in step with their source's lifecycle.

wagtail-localize copies synchronised fields only when a translation is synced.
A consultation's dates and outcome flag decide what the public may do (answer,
vote, read the outcome), so when the default-language page is published its
translations get the same values at once: an /en/ visitor never sees an open
form on a consultation the unit has closed.
"""

from django.conf import settings
from django.dispatch import receiver
from wagtail.signals import page_published

LIFECYCLE_FIELDS = {
    "ConsultationPage": (
        "opens_on",
        "opens_time",
        "closes_on",
        "closes_time",
        "opens_at",
        "closes_at",
        "identity_level",
        "outcome_due_weeks",
        "outcome_published",
        "outcome_published_on",
        "meeting_held_on",
        "meeting_format",
        "meeting_link",
    ),
    "PollPage": ("opens_at", "closes_at", "results_visibility"),
}


@receiver(page_published, dispatch_uid="consultation_lifecycle_to_translations")
def copy_lifecycle_to_translations(sender, instance, **kwargs):
    fields = LIFECYCLE_FIELDS.get(sender.__name__)
    if not fields or sender._meta.app_label != "consultation":
        return
    if instance.locale.language_code != settings.LANGUAGE_CODE:
        return
    sender.objects.filter(translation_key=instance.translation_key).exclude(
        pk=instance.pk
    ).update(**{name: getattr(instance, name) for name in fields})
