"""Normalisation for matching: pure, one character for one character.

``for_matching(text)`` maps the many ways a document writes the same mark to one
form (half-width brackets and punctuation to full-width, full-width digits and
letters to ASCII, odd spaces to a plain space). Because every step maps one
character to exactly one character, an offset found in the normalised text is
the same offset in the text as written: extractors match on the normalised
text and report the original.
"""

from __future__ import annotations

import re
from functools import lru_cache

_MAP = {
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # ０-９ -> 0-9
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},  # Ａ-Ｚ
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},  # ａ-ｚ
        "(": "（",
        ")": "）",
        ":": "：",
        "∶": "：",  # RATIO, in 1∶4
        ";": "；",
        "?": "？",
        "!": "！",
        "％": "%",
        "＋": "+",
        "＞": ">",
        "＜": "<",
        "～": "~",
        "\u2002": " ",
        "\u2003": " ",
        "\u3000": " ",
        "\xa0": " ",
        "\t": " ",
        "﹪": "%",
}
_TABLE = str.maketrans(_MAP)
# the characters _MAP changes; most paragraphs hold none, and a search is much cheaper than translate
_CHANGED = re.compile("[" + re.escape("".join(_MAP)) + "]")

# A half-width comma or full stop between CJK / text is a damaged Chinese one; between digits it is a number.
_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
_STOP = re.compile(r"(?<=[\u4e00-\u9fff）”])\.(?=[\u4e00-\u9fff“（]|$)")


@lru_cache(maxsize=16_384)  # extractors normalise the same paragraph and cell many times
def for_matching(text: str) -> str:
    """The matching form of ``text``; ``len(for_matching(t)) == len(t)`` always."""
    out = text.translate(_TABLE) if _CHANGED.search(text) else text
    if "," in out:
        out = _COMMA.sub("，", out)
    if "." not in out:
        return out
    return _STOP.sub("。", out)
