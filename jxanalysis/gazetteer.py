"""China's administrative divisions (data/divisions.csv): a place name -> its full name and level."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "divisions.csv"
NATIONAL = "国务院"
LEVELS = ("national", "province", "prefecture", "county")
_MUNICIPALITIES = {"北京市", "上海市", "天津市", "重庆市"}
# by the last characters of a name that is not in the list (longest first)
_SUFFIX_LEVEL = [("特别行政区", "province"), ("自治区", "province"), ("地区", "prefecture"), ("自治州", "prefecture"),
                 ("林区", "county"), ("特区", "county"), ("省", "province"), ("州", "prefecture"),
                 ("盟", "prefecture"), ("市", "prefecture"), ("县", "county"), ("区", "county"), ("旗", "county")]
_NATIONAL_NAMES = {NATIONAL, "全国", "中国", "中华人民共和国", "国家"}


@dataclass(frozen=True)
class Place:
    """A place as the reports name it: 海拉尔区 -> full 呼伦贝尔市海拉尔区, level county, code 150702.

    code is "" for a place that is not in the list (kept as written, level guessed from its suffix);
    current is False for a name that a later release of the list no longer has (蓟县, now 蓟州区).
    """

    name: str
    full: str
    level: str
    code: str = ""
    current: bool = True


@dataclass(frozen=True)
class _Row:
    code: str
    name: str
    short: str
    level: str
    parent: str
    full: str
    until: str


@lru_cache(maxsize=1)
def _rows() -> tuple[_Row, ...]:
    with DATA.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return tuple(_Row(**row) for row in csv.DictReader(lines))


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[_Row]], dict[str, list[_Row]], dict[str, list[_Row]]]:
    """Rows by exact name, by full name and by short name."""
    by_name: dict[str, list[_Row]] = {}
    by_full: dict[str, list[_Row]] = {}
    by_short: dict[str, list[_Row]] = {}
    for row in _rows():
        by_name.setdefault(row.name, []).append(row)
        by_full.setdefault(row.full, []).append(row)
        if row.short:
            by_short.setdefault(row.short, []).append(row)
    return by_name, by_full, by_short


@lru_cache(maxsize=1)
def _by_code() -> dict[str, _Row]:
    return {row.code: row for row in _rows() if not row.until}


def guess_level(name: str) -> str:
    """The level a name's suffix suggests (进贤县 -> county, 某某市 -> prefecture), "" when none does."""
    if name in _NATIONAL_NAMES:
        return "national"
    if name in _MUNICIPALITIES:
        return "province"
    return next((level for suffix, level in _SUFFIX_LEVEL if name.endswith(suffix)), "")


def _ancestors(row: _Row) -> list[str]:
    """The names and short names of the row's parent and grandparent."""
    names, code = [], row.parent
    while code:
        parent = _by_code().get(code)
        if parent is None:
            break
        names += [parent.name, parent.short] if parent.short else [parent.name]
        code = parent.parent
    return names


def _place(row: _Row) -> Place:
    return Place(name=row.name, full=row.full, level=row.level, code=row.code, current=not row.until)


def lookup(name: str, context: str = "") -> Place:
    """The place a name stands for: 海拉尔区, 海拉尔 or 呼伦贝尔市海拉尔区 -> 呼伦贝尔市海拉尔区 (county).

    context is text around the name (the report's front matter) used to choose between places
    of the same name: 朝阳区 with 北京 in the context is 北京市朝阳区. A name with no single best
    match, or not in the list at all, is kept as written with its level guessed from its suffix.
    """
    name = "".join(name.split())
    if name in _NATIONAL_NAMES:
        return Place(name=NATIONAL, full=NATIONAL, level="national")
    by_name, by_full, by_short = _index()
    exact = by_full.get(name) or by_name.get(name)
    candidates = exact or by_short.get(name, [])
    if not candidates:  # 河北省保定市, 内蒙古自治区呼伦贝尔市海拉尔区: a known place and a known tail
        for start in range(2, len(name) - 1):
            head, tail = name[:start], name[start:]
            if (head in by_name or head in by_short) and (tail in by_name or tail in by_full):
                return lookup(tail, context + head)
        return Place(name=name, full=name, level=guess_level(name))
    if len(candidates) > 1 and context:
        fitting = [row for row in candidates if any(a and a in context for a in _ancestors(row))]
        candidates = fitting or candidates
    if len(candidates) > 1:
        current = [row for row in candidates if not row.until]
        candidates = current or candidates
    if len(candidates) > 1:  # 河北 is the province before 天津市河北区
        top = min(LEVELS.index(row.level) for row in candidates)
        candidates = [row for row in candidates if LEVELS.index(row.level) == top]
    if len({row.full for row in candidates}) == 1:
        return _place(candidates[0])
    levels = {row.level for row in candidates}
    return Place(name=name, full=name, level=levels.pop() if len(levels) == 1 else guess_level(name))


@lru_cache(maxsize=2)
def place_names(short: bool = True) -> frozenset[str]:
    """Every division name in the list, current and former (进贤县, 海拉尔区, 蓟县 ...), and with
    short=True also their short forms (进贤, 海拉尔, 广西). Some short forms are also common words
    (和平, 新华, 长安, 温泉): a tagger should weigh them by context."""
    names = {row.name for row in _rows()}
    if short:
        names |= {row.short for row in _rows() if row.short}
    return frozenset(names)
