"""Golden files over data/raw and tests/heldout/raw: every document's summary must match tests/golden exactly.

A missing golden fails (it is never written by the test); `make golden` rewrites them all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from agingpolicy import parse_file
from agingpolicy.store import dump

from .golden_update import GOLDEN, RAW, documents, render

SAMPLES = documents()


def test_every_sample_is_there() -> None:
    assert len([p for p in SAMPLES if p.parent == RAW]) >= 5
    assert len(SAMPLES) >= 13


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_summary_matches_golden(path: Path) -> None:
    golden = GOLDEN / f"{path.stem}.summary.json"
    assert golden.exists(), f"no golden for {path.name}: run `make golden` and read the diff"
    assert render(parse_file(path)) == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_parsing_is_deterministic(path: Path) -> None:
    assert dump(parse_file(path)) == dump(parse_file(path))
