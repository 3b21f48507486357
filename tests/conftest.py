"""Test setup: the long property-based run (``-m fuzz``) runs only when FUZZ_EXAMPLES is set (make fuzz)."""

from __future__ import annotations

import os

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("FUZZ_EXAMPLES"):
        return
    skip = pytest.mark.skip(reason="long fuzz run: set FUZZ_EXAMPLES (make fuzz)")
    for item in items:
        if item.get_closest_marker("fuzz") is not None:
            item.add_marker(skip)
