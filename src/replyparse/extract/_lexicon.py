"""Vocabularies for department recognition, read from ``replyparse/data`` on first use.

Three files (each documents its columns in its header):

- ``organs_fixed.tsv``: organs named without a place (国务院, 财政部, 国家发展改革委 …);
- ``organs_local.tsv``: functions written after a place prefix (财政厅, 工信厅, 人民政府 …);
- ``divisions.tsv`` and ``places_extra.tsv``: provinces, prefecture-level cities and
  counties (民政部 codes) plus the anonymised places of the corpus (西地省, A市 are matched
  by pattern).

Nothing here runs at import: :func:`lexicon` builds everything once, on first call.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

LEVELS = ("national", "provincial", "municipal", "county", "township")


class Place(NamedTuple):
    """A division: full ``name``, ``level`` and its province/city ancestors (full names)."""

    name: str
    level: str
    province: str | None
    city: str | None


@dataclass(frozen=True, slots=True)
class FixedOrgan:
    canonical: str
    level: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class LocalFunction:
    provincial: str
    local: str
    kind: str
    bare: bool
    stem: bool


@dataclass(frozen=True, slots=True)
class Lexicon:
    fixed: dict[str, FixedOrgan]
    local: dict[str, LocalFunction]
    places: dict[str, Place]
    """Full place names; a name shared by several divisions maps to the first one read."""
    homonyms: dict[str, tuple[Place, ...]]
    """Full names shared by several divisions (朝阳区, 新华区 …), every one of them."""
    shorts: dict[str, str]
    """Short forms of provinces and prefecture-level cities (辽宁 → 辽宁省)."""


def _rows(name: str, width: int) -> list[list[str]]:
    """Data lines of ``name`` split on tabs, padded or cut to ``width`` columns."""
    text = resources.files("replyparse.data").joinpath(name).read_text(encoding="utf-8")
    rows = []
    pad = [""] * width
    for line in text.splitlines():
        if line and not line.startswith("#"):
            cells = line.rstrip().split("\t")
            rows.append(cells if len(cells) == width else (cells + pad)[:width])
    return rows


_PROVINCE_SUFFIXES = (
    "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市",
)
_CITY_SUFFIXES = ("地区", "盟", "市")


def _short(name: str, level: str) -> str | None:
    if level == "provincial":
        for suffix in _PROVINCE_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return name[: -len(suffix)]
        return None
    if name.endswith("自治州"):
        return name[:2]
    for suffix in _CITY_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


_DIVISION_LEVEL = {"province": "provincial", "city": "municipal", "county": "county"}


def _places() -> tuple[dict[str, Place], dict[str, tuple[Place, ...]], dict[str, str]]:
    by_code: dict[str, tuple[str, str, str]] = {}
    for code, name, level, parent in _rows("divisions.tsv", 4):
        by_code[code] = (name, _DIVISION_LEVEL[level], parent)
    places: dict[str, Place] = {}
    homonyms: dict[str, list[Place]] = {}
    shorts: dict[str, str] = {}
    for name, level, parent in by_code.values():
        province = city = None
        if level == "municipal":
            province = by_code[parent][0] if parent in by_code else None
        elif level == "county" and parent in by_code:
            pname, plevel, grand = by_code[parent]
            if plevel == "provincial":
                province = pname
            else:
                city = pname
                province = by_code[grand][0] if grand in by_code else None
        place = Place(name, level, province, city)
        homonyms.setdefault(name, []).append(place)
        places.setdefault(name, place)
    for name, level, parent_name in _rows("places_extra.tsv", 3):
        up = places.get(parent_name) if parent_name != "-" else None
        extra_province = up.name if up and up.level == "provincial" else None
        extra_city = up.name if up and up.level == "municipal" else None
        if up and up.level == "municipal":
            extra_province = up.province
        places.setdefault(name, Place(name, level, extra_province, extra_city))
    # Provinces first, so 吉林 and 海南 stay the provinces.
    for level in ("provincial", "municipal"):
        for place in places.values():
            short = _short(place.name, level) if place.level == level else None
            if short and short not in places:
                shorts.setdefault(short, place.name)
    multi = {k: tuple(v) for k, v in homonyms.items() if len(v) > 1}
    return places, multi, shorts


@cache
def lexicon() -> Lexicon:
    """The vocabularies, read and indexed once."""
    fixed: dict[str, FixedOrgan] = {}
    for canonical, level, kind, aliases in _rows("organs_fixed.tsv", 4):
        organ = FixedOrgan(canonical, None if level == "-" else level, kind)
        for alias in (canonical, *filter(None, aliases.split("|"))):
            fixed.setdefault(alias, organ)
    local: dict[str, LocalFunction] = {}
    for alias, provincial, municipal, kind, flags in _rows("organs_local.tsv", 5):
        marks = set(flags.split(","))
        local[alias] = LocalFunction(provincial, municipal, kind, "bare" in marks, "stem" in marks)
    places, homonyms, shorts = _places()
    return Lexicon(fixed, local, places, homonyms, shorts)
