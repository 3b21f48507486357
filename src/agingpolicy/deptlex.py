"""The department lexicon: from a unit's name as written to its canonical name and level.

    canonical("区民政局")      -> "民政局"
    canonical("民政部门")      -> "民政局"
    canonical("卫计委")        -> "卫生健康委"     (renamed in the 2018 reform)
    canonical("市自然资源和规划局") -> "自然资源和规划局"
    level_of("市民政局")       -> "city"
    level_of("民政部")         -> "national"       (a ministry, whatever the document's level)
    level_of("街道办事处")     -> "township"       (the kind of unit fixes the level)

A name is reduced by removing a distributive prefix (各, 各级), a level prefix
(省, 市, 区, 县, 镇, …) and a unit suffix (局, 委, 部门, …); the remaining core
is looked up. Full aliases and renamed-away names are looked up first, so
short cores never shadow a longer, more specific name.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from .lexicon import load
from .models import Level


@dataclass(frozen=True, slots=True)
class Lexicon:
    by_alias: dict[str, str]  # full alias or old name -> canonical
    by_core: dict[str, str]  # core -> canonical
    renamed: frozenset[str]  # names the lexicon knows as old names
    suffixes: tuple[str, ...]  # longest first
    prefixes: tuple[tuple[str, Level], ...]  # longest first
    distributive: tuple[str, ...]
    canonicals: tuple[str, ...]
    unit_levels: dict[str, Level]  # canonical -> the level its kind fixes (街道乡镇 -> township)
    suffix_levels: tuple[tuple[str, Level], ...]  # ending of a prefix-free name -> level, longest first
    suffix_level_exceptions: tuple[str, ...]  # party bodies at every level: 组织部, 宣传部
    alternatives: regex.Pattern[str]  # a bracket of level alternatives after a prefix: 县（市、区）
    area: regex.Pattern[str]  # 各 + area words: 各区, 各区县, 各县（市、区）, 各街镇
    area_levels: dict[str, Level]  # area word -> level
    area_units: dict[str, str]  # "township" / "other" -> canonical


@cache
def lexicon() -> Lexicon:
    data = load("departments")
    by_alias: dict[str, str] = {}
    by_core: dict[str, str] = {}
    renamed: set[str] = set()
    for unit in data["units"]:
        canon = unit["canonical"]
        by_alias.setdefault(canon, canon)
        for alias in unit["aliases"]:
            by_alias.setdefault(alias, canon)
        for old in unit["renamed_from"]:
            by_alias.setdefault(old, canon)
            renamed.add(old)
        for core in unit["cores"]:
            by_core.setdefault(core, canon)
    prefixes = sorted(
        ((p, level) for level, ps in data["level_prefixes"].items() for p in ps),
        key=lambda pl: -len(pl[0]),
    )
    suffix_levels = sorted(
        ((s, level) for level, ss in data["suffix_levels"].items() for s in ss),
        key=lambda sl: -len(sl[0]),
    )
    words = "|".join(sorted(map(regex.escape, data["level_alternatives"]), key=len, reverse=True))
    areas = "|".join(sorted(map(regex.escape, data["area_words"]), key=len, reverse=True))
    prefix_levels = dict(prefixes)
    return Lexicon(
        by_alias=by_alias,
        by_core=by_core,
        renamed=frozenset(renamed),
        suffixes=tuple(sorted(data["suffixes"], key=len, reverse=True)),
        prefixes=tuple(prefixes),
        distributive=tuple(sorted(data["distributive_prefixes"], key=len, reverse=True)),
        canonicals=tuple(dict.fromkeys(u["canonical"] for u in data["units"])),
        unit_levels={u["canonical"]: u["level"] for u in data["units"] if "level" in u},
        suffix_levels=tuple(suffix_levels),
        suffix_level_exceptions=tuple(data["suffix_level_exceptions"]),
        # 县（市、区） / 市(州): alternatives in brackets, half- or full-width, that belong to the prefix
        alternatives=regex.compile(rf"[（(](?:{words})+[）)]"),
        # 各区 / 各区县 / 各县（市、区）: the governments of every area of a kind
        area=regex.compile(rf"各(?P<word>{areas})(?:{areas})*(?:[（(](?:{words})+[）)])?"),
        area_levels={w: prefix_levels[w] for w in data["area_words"]},
        area_units=data["area_units"],
    )


MERGED_JOINERS = ("和", "与")  # 卫生健康和体育局


@lru_cache(maxsize=16_384)
def named(name: str) -> bool:
    """True when ``name`` (prefix + alias, or prefix + core + suffix, or 各 + areas) names a unit the lexicon knows."""
    _, _, rest = split_prefix(name)
    return _lookup(rest, bare_core=False) is not None or _area(name) is not None


def _area(name: str) -> tuple[str, Level] | None:
    """各区 -> ('人民政府', 'county'); 各街镇 -> ('街道乡镇', 'township'); else None."""
    lex = lexicon()
    m = lex.area.fullmatch(name)
    if m is None:
        return None
    level = lex.area_levels[m["word"]]
    return lex.area_units["township" if level == "township" else "other"], level


@lru_cache(maxsize=16_384)
def is_alias(name: str) -> bool:
    """True when ``name`` less its level prefix is a full name in the lexicon (人民银行, 区民政局)."""
    return split_prefix(name)[2] in lexicon().by_alias


@lru_cache(maxsize=16_384)
def split_prefix(name: str) -> tuple[str, Level | None, str]:
    """Split ``name`` into (prefix, level, rest): 各区县政府 -> ('各区县', 'county', '政府').

    Alternatives in brackets after the prefix belong to it:
    各县（市、区）民政部门 -> ('各县（市、区）', 'county', '民政部门').
    """
    lex = lexicon()
    head = ""
    for d in lex.distributive:
        if name.startswith(d) and len(name) > len(d):
            head, name = d, name[len(d) :]
            break
    for prefix, level in lex.prefixes:
        if not name.startswith(prefix):
            continue
        alt = lex.alternatives.match(name, len(prefix))
        if alt:
            prefix = name[: alt.end()]
        if len(name) > len(prefix) and _lookup(name[len(prefix) :]) is not None:
            return head + prefix, level, name[len(prefix) :]
    return head, None, name


@lru_cache(maxsize=16_384)
def _lookup(rest: str, bare_core: bool = True) -> str | None:
    """Canonical name of a prefix-free name, or None; ``bare_core`` admits a core alone (民政)."""
    lex = lexicon()
    if rest in lex.by_alias:
        return lex.by_alias[rest]
    for suffix in lex.suffixes:
        if rest.endswith(suffix) and len(rest) > len(suffix):
            core = rest[: -len(suffix)]
            if core in lex.by_core:
                return lex.by_core[core]
            merged = _merged(core)
            if merged:
                return lex.by_core[merged[0]]
    return lex.by_core.get(rest) if bare_core else None


def _merged(core: str) -> list[str] | None:
    """The cores of a bureau that merges two or more (教育体育局, 文化广电旅游体育局, 科技和工业信息化局),
    longest known core first, joined directly or by 和 / 与; None unless the whole name is covered by two or more.
    """
    lex = lexicon()
    for i in range(len(core), 1, -1):
        head = core[:i]
        if head not in lex.by_core:
            continue
        tail = core[i + 1 :] if core[i : i + 1] in MERGED_JOINERS else core[i:]
        if tail in lex.by_core:
            return [head, tail]
        more = _merged(tail) if tail else None
        if more:
            return [head, *more]
    return None


@lru_cache(maxsize=16_384)
def lookup(name: str) -> str | None:
    """Canonical name for ``name`` as written, or None when the lexicon does not know it."""
    found = _lookup(name)
    if found is not None:
        return found
    area = _area(name)
    if area is not None:
        return area[0]
    _, _, rest = split_prefix(name)
    found = _lookup(rest)
    if found is not None:
        return found
    # a place name before the unit ("淄博银保监分局", "宝坻区民政局"): try ever shorter tails
    for i in range(1, len(rest) - 1):
        found = _lookup(rest[i:])
        if found is not None and len(rest) - i >= 2:
            return found
    return None


def canonical(name: str) -> str:
    """Canonical name, or the name itself (without its level prefix) when unknown."""
    found = lookup(name)
    if found is not None:
        return found
    return split_prefix(name)[2]


def level_of(name: str, default: Level = "unknown") -> Level:
    """Administrative level from the name's prefix, else from the unit itself, else ``default``.

    The unit fixes the level where its kind does (街道办事处 -> township) or where a prefix-free
    name ends like a ministry or a provincial department (民政部 -> national, 民政厅 -> province).
    """
    lex = lexicon()
    _, level, rest = split_prefix(name)
    if level is not None:
        return level
    area = _area(name)
    if area is not None:
        return area[1]
    if name.startswith("团") and len(name) >= 3:  # 团区委 / 团市委 / 团县委
        return {"区": "county", "县": "county", "市": "city", "省": "province"}.get(name[1], default)
    known = _lookup(rest)
    if known is None:
        return default
    if known in lex.unit_levels:
        return lex.unit_levels[known]
    if not rest.endswith(lex.suffix_level_exceptions):
        for suffix, suffix_level in lex.suffix_levels:
            if rest.endswith(suffix):
                return suffix_level
    return default


def is_renamed(name: str) -> bool:
    """True when the name is one the lexicon knows as a pre-reform name (卫计委, 文广局, …)."""
    return split_prefix(name)[2] in lexicon().renamed or name in lexicon().renamed


def closest(name: str, n: int = 3) -> list[str]:
    """The known names closest to ``name``, for a 'did you mean' message."""
    lex = lexicon()
    pool = list(lex.canonicals) + list(lex.by_alias)
    return difflib.get_close_matches(name, pool, n=n, cutoff=0.3)
