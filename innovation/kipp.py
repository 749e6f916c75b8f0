"""The rules of KIPP, read from `data/kipp.yaml`.

KIPP is *Kompetisi Inovasi Pelayanan Publik*, the national public-service
innovation competition run by the Ministry of Administrative and Bureaucratic
Reform (KemenPANRB). The site keeps its official Indonesian name everywhere.

Proposal sections, their weights and word limits, the stages, the groups
(kelompok) and the Sustainable Development Goals are data from the regulations;
this module loads them once and never retypes them.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils import formats
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from cms.core.data import load_yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "kipp.yaml"
# The first KIPP round, and the bound of stored years (the database's check).
FIRST_YEAR = 2014
LAST_YEAR = 2100
# No public service of the Republic started before it.
EARLIEST_START = datetime.date(1945, 8, 17)

NOT_SELECTED = "not_selected"
DRAFT = "draft"
SUBMITTED = "submitted"


def _pick(labels: dict[str, str]) -> str:
    """The Indonesian or English label, following the active language."""
    language = get_language() or ""
    return labels["id"] if language.startswith("id") else labels["en"]


localized = lazy(_pick, str)


@dataclass(frozen=True)
class ProposalSection:
    """One section of a KIPP proposal, scored by the panel when weighted."""

    key: str
    labels: dict[str, str]
    weight: int
    max_words: int | None

    @property
    def label(self) -> str:
        return localized(self.labels)


@dataclass(frozen=True)
class Choice:
    """A stage, a group or an SDG: its key and its labels in both languages."""

    key: str
    labels: dict[str, str]

    @property
    def label(self) -> str:
        return localized(self.labels)


def _data() -> dict:
    return load_yaml(DATA_FILE)


@cache
def _stages_by_key() -> dict[str, dict]:
    """The stages' rows by key, built once: cards ask for one per entry."""
    return {row["key"]: row for row in _data()["stages"]}


def proposal_sections() -> list[ProposalSection]:
    """The proposal sections in the order of the proposal form."""
    return [
        ProposalSection(
            key=row["key"],
            labels={"id": row["id"], "en": row["en"]},
            weight=int(row["weight"]),
            max_words=row.get("max_words"),
        )
        for row in _data()["proposal_sections"]
    ]


def proposal_section(key: str) -> ProposalSection:
    """The proposal section named `key` (KeyError when the data has none)."""
    found = {section.key: section for section in proposal_sections()}
    return found[key]


def criteria() -> list[ProposalSection]:
    """The sections the panel scores: those with a positive weight."""
    return [section for section in proposal_sections() if section.weight > 0]


def section_weights() -> dict[str, int]:
    """Weight of each scored section; they sum to 100."""
    return {section.key: section.weight for section in criteria()}


def stages() -> list[Choice]:
    """The stages in competition order, from draft to the highest award."""
    return [
        Choice(row["key"], {"id": row["id"], "en": row["en"]})
        for row in _data()["stages"]
    ]


def stage_choices() -> list[tuple[str, str]]:
    """Choices for the stage field: the ordered stages, then 'not selected'."""
    return [(stage.key, stage.label) for stage in stages()] + [
        (NOT_SELECTED, _("Not selected"))
    ]


def stage_order() -> list[str]:
    """Stage keys in competition order (without 'not selected'), read from the
    data without building labelled stages: cards ask it once per entry."""
    return [row["key"] for row in _data()["stages"]]


def stage_label_language(key: str) -> str:
    """The `lang` of a stage's label where it is not the reader's language:
    the competition's own English term (Outstanding Achievement), which the
    Indonesian pages keep in English; "" otherwise."""
    row = _stages_by_key().get(key)
    language = get_language() or ""
    if row is None or language.startswith("en") or row["id"] != row["en"]:
        return ""
    return "en"


def winner_stages() -> list[str]:
    """Stages that count as winning: Top 45 (Top Inovasi) and above."""
    order = stage_order()
    return order[order.index("top45") :]


def group_choices() -> list[tuple[str, str]]:
    """Competition groups (kelompok) of the year."""
    return [(row["key"], localized(row)) for row in _data()["groups"]]


def sdg_rows() -> list[dict]:
    """The 17 Sustainable Development Goals with their names in both languages.

    YAML 1.1 reads the key `no` as the boolean False; it is the goal's number.
    """
    return [
        {"no": row.get("no", row.get(False)), "id": row["id"], "en": row["en"]}
        for row in _data()["sdgs"]
    ]


def sdg_choices() -> list[tuple[int, str]]:
    """The 17 SDGs as (number, 'number. name') choices."""
    return [(row["no"], _sdg_label(row)) for row in sdg_rows()]


def _sdg_label_text(row: dict) -> str:
    return f"{row['no']}. {_pick(row)}"


_sdg_label = lazy(_sdg_label_text, str)


def count_words(text: str | None) -> int:
    """Number of words in a plain-text section."""
    return len((text or "").split())


def _section_help_text(max_words: int | None) -> str:
    if max_words:
        return gettext("Required; at most %(words)s words.") % {"words": max_words}
    return gettext("Required before the entry can be submitted.")


_section_help = lazy(_section_help_text, str)


def section_help(section: ProposalSection) -> str:
    """Help text of a proposal section's field, with its word limit."""
    return _section_help(section.max_words)


@dataclass(frozen=True)
class Problem:
    """Why a proposal section stops an entry from being submitted."""

    section: ProposalSection
    message: str


def completeness_problems(values: Mapping[str, str | None]) -> list[Problem]:
    """The sections that are empty or over their word limit, in proposal order.

    `values` maps section keys to their text (a page, via `section_values`, or
    a form's cleaned data).
    """
    problems = []
    for section in proposal_sections():
        text = (values.get(section.key) or "").strip()
        if not text:
            problems.append(Problem(section, gettext("This section is empty.")))
        elif section.max_words and count_words(text) > section.max_words:
            problems.append(
                Problem(
                    section,
                    gettext("This section has %(count)s words; the limit is %(limit)s.")
                    % {"count": count_words(text), "limit": section.max_words},
                )
            )
    return problems


def eligibility_problems(
    implementation_start: datetime.date | None, sdgs_named: int, today: datetime.date
) -> dict[str, str]:
    """The entry's fields that stop submission, with the reason (`data/kipp.yaml`:
    implemented for at least one year, one or more Sustainable Development
    Goals named), by field name."""
    problems = {}
    if implementation_start is None:
        problems["implementation_start"] = gettext(
            "Give the date the innovation started serving the public."
        )
    elif implementation_start > today:
        problems["implementation_start"] = gettext(
            "The innovation cannot have started in the future."
        )
    elif one_year_after(implementation_start) > today:
        problems["implementation_start"] = gettext(
            "Entries must have served the public for at least one year: this one "
            "can be submitted from %(date)s."
        ) % {"date": formats.date_format(one_year_after(implementation_start))}
    if not sdgs_named:
        problems["sdgs"] = gettext("Name at least one Sustainable Development Goal.")
    return problems


def last_round_year() -> int:
    """The latest round an entry may name: next year's, announced ahead."""
    return datetime.date.today().year + 1


def one_year_after(day: datetime.date) -> datetime.date:
    """The same day a year later (28 February after 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def section_values(entry) -> dict[str, str]:
    """The text of each proposal section of an entry page."""
    return {s.key: getattr(entry, s.key, "") for s in proposal_sections()}


def problems_summary(problems: list[Problem]) -> str:
    """One sentence naming the sections that stop submission."""
    names = ", ".join(str(problem.section.label) for problem in problems)
    return gettext(
        "The entry cannot be submitted until these proposal sections are complete "
        "and within their word limits: %(sections)s."
    ) % {"sections": names}
