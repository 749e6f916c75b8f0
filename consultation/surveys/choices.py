"""The optional profile of an SKM respondent (age, sex, education, occupation),
as the regulation's report breaks the answers down."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgeBand(models.TextChoices):
    UNDER_20 = "under_20", _("Under 20")
    FROM_20 = "20_29", _("20–29")
    FROM_30 = "30_39", _("30–39")
    FROM_40 = "40_49", _("40–49")
    FROM_50 = "50_59", _("50–59")
    FROM_60 = "60_plus", _("60 or over")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Education(models.TextChoices):
    PRIMARY = "sd", _("Primary school (SD) or less")
    JUNIOR = "smp", _("Junior secondary (SMP)")
    SENIOR = "sma", _("Senior secondary (SMA/SMK)")
    DIPLOMA = "diploma", _("Diploma (D1–D3)")
    BACHELOR = "s1", _("Bachelor (D4/S1)")
    POSTGRADUATE = "s2_s3", _("Postgraduate (S2/S3)")


class Occupation(models.TextChoices):
    CIVIL_SERVANT = "asn", _("Civil servant, military or police")
    PRIVATE = "private", _("Private-sector employee")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    MIGRANT_WORKER = "migrant_worker", _("Migrant worker")
    STUDENT = "student", _("Student")
    OTHER = "other", _("Other")


PROFILE_FIELDS = {
    "age_band": AgeBand,
    "sex": Sex,
    "education": Education,
    "occupation": Occupation,
}
