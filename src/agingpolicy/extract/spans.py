"""Helpers on the matching text shared by the extractors: clause bounds and masking.

Masking replaces a stretch with filler of the same length, so offsets found after
masking are still offsets into the text as written.
"""

from __future__ import annotations

import regex

CLAUSE_DELIM = "。；，：！？\n"
SENTENCE_DELIM = "。；！？\n"
FILLER = "＿"


def clause_bounds(norm: str, pos: int, delims: str = CLAUSE_DELIM) -> tuple[int, int]:
    """The clause around ``pos``: '到2025年，参保率达到95%。' -> the stretch between 年， and 。."""
    start = max(norm.rfind(d, 0, pos) for d in delims) + 1
    ends = [e for d in delims if (e := norm.find(d, pos)) != -1]
    return start, min(ends, default=len(norm))


def mask(norm: str, pattern: regex.Pattern[str], keep_ends: bool = False) -> str:
    """Blank out every match of ``pattern`` (keeping its first and last mark when ``keep_ends``)."""

    def blank(m: regex.Match[str]) -> str:
        s = m.group(0)
        if keep_ends and len(s) >= 2:
            return s[0] + FILLER * (len(s) - 2) + s[-1]
        return FILLER * len(s)

    return pattern.sub(blank, norm)
