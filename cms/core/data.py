"""Load the project's data files (copied from the regulations and units lists)."""

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def load_yaml(path: Path | str) -> Any:
    """Parse a YAML data file once per process."""
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def core_data(name: str) -> Any:
    """A data file of the core, e.g. `core_data("units.yaml")`."""
    return load_yaml(DATA_DIR / name)
