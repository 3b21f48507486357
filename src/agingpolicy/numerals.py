"""Chinese numerals: 一 -> 1, 十一 -> 11, 九十九 -> 99, 二〇二一 -> 2021, 两千 -> 2000.

Small and exact for what policy documents write (item numbers, counts such as
不少于二次, years written out as 二〇二一年); no dependency needed for that.
"""

from __future__ import annotations

DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def cn_to_int(text: str) -> int | None:
    """The value of a Chinese numeral, or None if ``text`` is not one.

    Digit strings without units are read positionally (二〇二一 -> 2021).
    """
    if not text or any(c not in DIGITS and c not in UNITS for c in text):
        return None
    if not any(c in UNITS for c in text):
        value = 0
        for c in text:
            value = value * 10 + DIGITS[c]
        return value
    total, section, digit = 0, 0, None
    for c in text:
        if c in DIGITS:
            digit = DIGITS[c]
            continue
        unit = UNITS[c]
        if unit == 10_000:
            total = (total + section + (digit or 0)) * unit
            section = 0
        else:
            section += (1 if digit is None else digit) * unit
        digit = None
    return total + section + (digit or 0)


def int_to_cn(n: int) -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 20 -> 二十, 99 -> 九十九 (1..99; larger values as digits)."""
    names = "〇一二三四五六七八九"
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return names[ones]
    return ("" if tens == 1 else names[tens]) + "十" + (names[ones] if ones else "")


def to_int(text: str) -> int | None:
    """Arabic, circled or Chinese numeral to int."""
    if text.isascii() and text.isdigit():  # not str.isdigit alone: "①".isdigit() is True
        return int(text)
    if len(text) == 1 and text in CIRCLED:
        return CIRCLED.index(text) + 1
    return cn_to_int(text)
