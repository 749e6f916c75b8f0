"""Page sections contributed by the domain apps.

The home page and unit pages show content owned by other apps (open
consultations, a unit's standards, its latest satisfaction index, ...). The core
must not import those apps, so each app registers a Wagtail hook that returns a
`Section`; deleting the app removes its sections.

    @hooks.register("terpadu_unit_sections")
    def standards_of_unit(request, unit):
        return Section("standards/sections/unit_standards.html", {...}, order=10)
"""

from dataclasses import dataclass, field
from typing import Any

from wagtail import hooks

HOOK_NAMES = ("terpadu_home_sections", "terpadu_unit_sections")


@dataclass(frozen=True)
class Section:
    """A template fragment and its context, placed on a page by `order`."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


def collect_sections(hook_name: str, request, page) -> list[Section]:
    """Call every function registered for `hook_name`; drop those that return None."""
    if hook_name not in HOOK_NAMES:
        raise ValueError(f"Unknown section hook: {hook_name}")
    sections = [fn(request, page) for fn in hooks.get_hooks(hook_name)]
    return sorted((s for s in sections if s is not None), key=lambda s: s.order)
