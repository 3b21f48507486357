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
_STOP = re.compile(r"(?<=[\u4e00-\u9fff）”%])\.(?=[\u4e00-\u9fff“（]|$)")
# OCR '.' for 。 before a digit: "建设中心.2024年底前" (a CJK character before it, so not 3.5 or 1.建设)
_STOP_DIGIT = re.compile(r"(?<=[\u4e00-\u9fff])\.(?=\d)")
# OCR / typing damage: a Latin O or o for zero inside a number (2O24年, 3O个, 1OO%): a run of digits and O's
# that starts with a digit not glued to a Latin word (H2O, V2O) and is not followed by a Latin letter (2Oxx)
_O_DIGITS = re.compile(r"(?<![A-Za-z\d])\d[\dOo]*[Oo][\dOo]*(?![A-Za-z])")
# … and a Latin l or I for one (l00%, 2l个, 20I5年): a run of digits with an l or I in it, not glued to a Latin word
_L_DIGITS = re.compile(r"(?<![A-Za-z\d])(?=[\dlI]*\d)[\dlI]*[lI][\dlI]*(?![A-Za-z])")
_L_TO_ONE = str.maketrans("lI", "11")
# … and for 〇 in a year written in Chinese numerals: 二O二三年 (a run that starts with a numeral and ends with
# one or with 年, so 统一OA stays)
_CN_DIGIT = "〇零○一二三四五六七八九"
_O_CN = re.compile(rf"[{_CN_DIGIT}][{_CN_DIGIT}Oo]*[Oo](?:[{_CN_DIGIT}Oo]*[{_CN_DIGIT}]|(?=年))(?![A-Za-z])")
# OCR 一 for a dash between two numbers: 2023一2025年 -> 2023—2025年 (一 between Arabic digits is no numeral)
_YI_DASH = re.compile(r"(?<=\d)一(?=\d)")
_O_TO_ZERO = str.maketrans("Oo", "00")
_O_TO_LING = str.maketrans("Oo", "〇〇")


@lru_cache(maxsize=16_384)  # extractors normalise the same paragraph and cell many times
def for_matching(text: str) -> str:
    """The matching form of ``text``; ``len(for_matching(t)) == len(t)`` always."""
    out = text.translate(_TABLE) if _CHANGED.search(text) else text
    if "," in out:
        out = _COMMA.sub("，", out)
    if "O" in out or "o" in out:
        out = _O_DIGITS.sub(lambda m: m.group(0).translate(_O_TO_ZERO), out)
        out = _O_CN.sub(lambda m: m.group(0).translate(_O_TO_LING), out)
    if "l" in out or "I" in out:
        out = _L_DIGITS.sub(lambda m: m.group(0).translate(_L_TO_ONE), out)
    if "一" in out:
        out = _YI_DASH.sub("—", out)
    if "." not in out:
        return out
    return _STOP_DIGIT.sub("。", _STOP.sub("。", out))
