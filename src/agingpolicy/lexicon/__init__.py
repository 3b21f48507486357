"""Vocabularies as data: department names and renames, table headers, chapter kinds, units.

Each vocabulary is a JSON file beside this module; ``load(name)`` reads it once.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> Any:
    """The parsed contents of ``lexicon/<name>.json``."""
    return json.loads(resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8"))
