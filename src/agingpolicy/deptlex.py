"""The department lexicon: from a unit's name as written to its canonical name and level.

    canonical("区民政局")      -> "民政局"
    canonical("民政部门")      -> "民政局"
    canonical("卫计委")        -> "卫生健康委"     (renamed in the 2018 reform)
    canonical("市自然资源和规划局") -> "自然资源和规划局"
    level_of("市民政局")       -> "city"

A name is reduced by removing a distributive prefix (各, 各级), a level prefix
(省, 市, 区, 县, 镇, …) and a unit suffix (局, 委, 部门, …); the remaining core
is looked up. Full aliases and renamed-away names are looked up first, so
short cores never shadow a longer, more specific name.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

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
    return Lexicon(
        by_alias=by_alias,
        by_core=by_core,
        renamed=frozenset(renamed),
        suffixes=tuple(sorted(data["suffixes"], key=len, reverse=True)),
        prefixes=tuple(prefixes),
        distributive=tuple(sorted(data["distributive_prefixes"], key=len, reverse=True)),
        canonicals=tuple(dict.fromkeys(u["canonical"] for u in data["units"])),
    )


def named(name: str) -> bool:
    """True when ``name`` (prefix + alias, or prefix + core + suffix) names a unit the lexicon knows."""
    head, _, rest = split_prefix(name)
    return _lookup(rest, bare_core=False) is not None


def split_prefix(name: str) -> tuple[str, Level | None, str]:
    """Split ``name`` into (prefix, level, rest): 各区县政府 -> ('各区县', 'county', '政府')."""
    lex = lexicon()
    head = ""
    for d in lex.distributive:
        if name.startswith(d) and len(name) > len(d):
            head, name = d, name[len(d) :]
            break
    for prefix, level in lex.prefixes:
        if name.startswith(prefix) and len(name) > len(prefix) and _lookup(name[len(prefix) :]) is not None:
            return head + prefix, level, name[len(prefix) :]
    return head, None, name


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
    return lex.by_core.get(rest) if bare_core else None


def lookup(name: str) -> str | None:
    """Canonical name for ``name`` as written, or None when the lexicon does not know it."""
    found = _lookup(name)
    if found is not None:
        return found
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
    """Administrative level from the name's prefix, else ``default`` (the document's level)."""
    _, level, _ = split_prefix(name)
    if level is not None:
        return level
    if name.startswith("团") and len(name) >= 3:  # 团区委 / 团市委 / 团县委
        return {"区": "county", "县": "county", "市": "city", "省": "province"}.get(name[1], default)
    return default


def is_renamed(name: str) -> bool:
    """True when the name is one the lexicon knows as a pre-reform name (卫计委, 文广局, …)."""
    return split_prefix(name)[2] in lexicon().renamed or name in lexicon().renamed


def closest(name: str, n: int = 3) -> list[str]:
    """The known names closest to ``name``, for a 'did you mean' message."""
    lex = lexicon()
    pool = list(lex.canonicals) + list(lex.by_alias)
    return difflib.get_close_matches(name, pool, n=n, cutoff=0.3)
