"""FKP (Forum Konsultasi Publik, PermenPANRB 16/2017): data and identities.

FKP is the public consultation forum a unit holds when it drafts or revises a
service standard. Participant categories come from `data/fkp.yaml`.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

from cms.core.data import load_yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "fkp.yaml"


@dataclass(frozen=True)
class Participant:
    """A participant category of the forum."""

    key: str
    label_id: str
    label_en: str

    @property
    def label(self) -> str:
        return (
            self.label_en if (get_language() or "").startswith("en") else self.label_id
        )


@cache
def participants() -> tuple[Participant, ...]:
    """Every participant category, the service provider first."""
    return tuple(
        Participant(raw["key"], raw["id"], raw["en"])
        for raw in load_yaml(DATA_FILE)["participants"]
    )


def respondent_categories() -> tuple[Participant, ...]:
    """The categories a member of the public can choose (not the provider)."""
    return tuple(p for p in participants() if p.key != "penyelenggara")


GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})


def normalised_email(email: str) -> str:
    """The identity of an address, for counting one response per person.

    Lower-cased, without a `+tag` in the local part (`name+2@example.org`
    reaches the same mailbox as `name@example.org` at most providers), and for
    Gmail without dots, which Gmail ignores. Only for identities: the
    confirmation goes to the address as typed.
    """
    local, _at, domain = email.strip().lower().rpartition("@")
    local = local.split("+", 1)[0] or local
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def email_key(email: str) -> str:
    """A keyed hash of a normalised e-mail address, for counting responses."""
    normalised = normalised_email(email).encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), normalised, hashlib.sha256)
    return "e:" + digest.hexdigest()
