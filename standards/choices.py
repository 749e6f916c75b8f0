"""Fixed vocabularies of service standards (stored values are Indonesian keys)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ServiceCategory(models.TextChoices):
    """Kinds of service, used to group standards on unit pages and to filter."""

    PASPOR = "paspor", _("Passports and travel documents")
    VISA = "visa", _("Visas")
    LEGALISASI = "legalisasi", _("Legalisation")
    KEWARGANEGARAAN = "kewarganegaraan", _("Citizenship")
    PENCATATAN_SIPIL = "pencatatan_sipil", _("Civil registration")
    PELINDUNGAN_WNI = "pelindungan_wni", _("Protection of Indonesian citizens")
    KEPROTOKOLAN = "keprotokolan", _("Protocol and diplomatic facilities")
    LAINNYA = "lainnya", _("Other services")


class Audience(models.TextChoices):
    """Who a service is for."""

    WNI = "wni", _("Indonesian citizens (WNI)")
    WNA = "wna", _("Foreign nationals (WNA)")
    BADAN_HUKUM = "badan_hukum", _("Legal entities")


class DeliveryChannel(models.TextChoices):
    """The four service ecosystems through which a service is delivered."""

    LANGSUNG = "langsung", _("In person")
    ELEKTRONIK = "elektronik", _("Online")
    MANDIRI = "mandiri", _("Self-service")
    KELILING = "keliling", _("Mobile service")


class TimeUnitChoices(models.TextChoices):
    """Units of service time; working days exclude weekends and holidays."""

    MENIT = "menit", _("minutes")
    JAM = "jam", _("hours")
    HARI_KERJA = "hari_kerja", _("working days")
    HARI_KALENDER = "hari_kalender", _("calendar days")


class DocumentFormChoices(models.TextChoices):
    """Whether a required document is shown in original or handed in as a copy."""

    ASLI = "asli", _("Original")
    # In its own context: as plain "Copy" it translated Wagtail's "Copy" too
    # (its copy-page action and keyboard shortcut read "Fotokopi").
    FOTOKOPI = "fotokopi", pgettext_lazy("a document handed in as", "Copy")
    ASLI_DAN_FOTOKOPI = "asli_dan_fotokopi", _("Original and copy")
    BUKAN_DOKUMEN = "bukan_dokumen", _("Not a document")


class ApplicantChoices(models.TextChoices):
    """Applicant categories a requirement can be limited to."""

    WNI_DEWASA = "wni_dewasa", _("Adult Indonesian citizens")
    ANAK = "anak", _("Children")
    WNA = "wna", _("Foreign nationals")
    BADAN_HUKUM = "badan_hukum", _("Legal entities")


class ActorChoices(models.TextChoices):
    """Who carries out a procedure step."""

    PEMOHON = "pemohon", _("Applicant")
    PETUGAS = "petugas", _("Officer")


class ComplaintChannelChoices(models.TextChoices):
    """Channels for complaints, suggestions and feedback."""

    LAPOR = "lapor", _("SP4N-LAPOR!")
    SUREL = "surel", _("E-mail")
    TELEPON = "telepon", _("Telephone")
    WHATSAPP = "whatsapp", _("WhatsApp")
    TATAP_MUKA = "tatap_muka", _("In person")
    SITUS_WEB = "situs_web", _("Website")


class InstrumentTypeChoices(models.TextChoices):
    """Kinds of legal instrument (Indonesian hierarchy of regulations)."""

    UU = "uu", _("Law (Undang-Undang)")
    PP = "pp", _("Government Regulation (Peraturan Pemerintah)")
    PERPRES = "perpres", _("Presidential Regulation (Peraturan Presiden)")
    PERMEN = "permen", _("Ministerial Regulation (Peraturan Menteri)")
    KEPMEN = "kepmen", _("Ministerial Decree (Keputusan Menteri)")
    LAINNYA = "lainnya", _("Other regulation")
