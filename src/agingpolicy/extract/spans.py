"""Helpers on the matching text shared by the extractors: clause bounds and masking.

Masking replaces a stretch with filler of the same length, so offsets found after
masking are still offsets into the text as written.
"""

from __future__ import annotations

from functools import lru_cache

import regex

CLAUSE_DELIM = "。；，：！？\n"
SENTENCE_DELIM = "。；！？\n"
FILLER = "＿"


@lru_cache(maxsize=8)
def _delimiter(delims: str) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """Patterns finding the first delimiter after a position and (searching backwards) the last before it."""
    cls = "[" + regex.escape(delims) + "]"
    return regex.compile(cls), regex.compile(cls, flags=regex.REVERSE)


def clause_bounds(norm: str, pos: int, delims: str = CLAUSE_DELIM) -> tuple[int, int]:
    """The clause around ``pos``: '到2025年，参保率达到95%。' -> the stretch between 年， and 。."""
    forward, backward = _delimiter(delims)
    before = backward.search(norm, 0, pos)
    after = forward.search(norm, pos)
    return (before.end() if before else 0), (after.start() if after else len(norm))


def mask(norm: str, pattern: regex.Pattern[str], keep_ends: bool = False) -> str:
    """Blank out every match of ``pattern`` (keeping its first and last mark when ``keep_ends``)."""

    def blank(m: regex.Match[str]) -> str:
        s = m.group(0)
        if keep_ends and len(s) >= 2:
            return s[0] + FILLER * (len(s) - 2) + s[-1]
        return FILLER * len(s)

    return pattern.sub(blank, norm)
