import hashlib
import hmac

from django.conf import settings
from django.db import migrations

# Respondent keys of the e-mail level become keyed hashes of the normalised
# address (lower case, no `+tag`, Gmail without dots: consultation.fkp).
# Only rows that still hold their address can be re-keyed: the address is
# forgotten once the confirmation mail is sent, so older keys stay as they
# are. Where a re-keyed counted response meets another counted response of
# the same person on the same consultation, the earliest stays counted and
# the later one is marked as not counted (nothing is deleted).

GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}


def normalised_email(email):
    local, _at, domain = email.strip().lower().rpartition("@")
    local = local.split("+", 1)[0] or local
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def email_key(email):
    normalised = normalised_email(email).encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), normalised, hashlib.sha256)
    return "e:" + digest.hexdigest()


def rekey(apps, schema_editor):
    Submission = apps.get_model("consultation", "ConsultationSubmission")
    for row in Submission.objects.exclude(email="").order_by("submit_time", "pk"):
        key = email_key(row.email)
        if key == row.respondent_key:
            continue
        if row.confirmed:
            other = (
                Submission.objects.filter(
                    page_id=row.page_id, respondent_key=key, confirmed=True
                )
                .exclude(pk=row.pk)
                .first()
            )
            if other is not None and other.submit_time <= row.submit_time:
                row.confirmed = False
            elif other is not None:
                other.confirmed = False
                other.save(update_fields=["confirmed"])
        row.respondent_key = key
        row.save(update_fields=["respondent_key", "confirmed"])


class Migration(migrations.Migration):
    dependencies = [("consultation", "0003_translatable_questions_poll_sections")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
