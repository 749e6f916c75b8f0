"""The shared `make bench` report: every figure with its target, in one file.

Each benchmark script (pages, search, submissions, SKM results) records its
figures under its own section of `var/bench.json`, so one `make bench` leaves a
single file with every figure, its target and `"met": true|false` (None when a
figure is reported without a target), and the machine it was taken on.
"""

import json
import os
import platform
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var"
REPORT = VAR / "bench.json"


@dataclass
class Figure:
    """One measured figure and its target (empty target, met None: reported only)."""

    name: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None


def machine() -> str:
    return f"{platform.node()} ({os.cpu_count()} cores, {platform.machine()})"


def print_table(title: str, figures: list[Figure]) -> None:
    print(f"\n== {title} ==")
    print(f"{'figure':<44} {'value':>12} {'unit':<10} {'target':<12} met")
    for f in figures:
        met = "" if f.met is None else ("yes" if f.met else "NO")
        print(f"{f.name:<44} {f.value:>12} {f.unit:<10} {f.target:<12} {met}")


def record(section: str, figures: list[Figure], **meta: object) -> None:
    """Print `figures` and store them as `section` of var/bench.json."""
    print_table(section, figures)
    VAR.mkdir(exist_ok=True)
    report = json.loads(REPORT.read_text()) if REPORT.exists() else {}
    if "sections" not in report:
        report = {"sections": {}}
    report["machine"] = machine()
    report["sections"][section] = {
        # UTC: benches run inside Django set the process's zone to TIME_ZONE.
        "taken_at": time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime()),
        **meta,
        "figures": [asdict(f) for f in figures],
    }
    REPORT.write_text(json.dumps(report, indent=2))
    print(f"Written to {REPORT} [{section}]")
