"""TEMPORARY: replaced by the numerals module on the money branch."""

from __future__ import annotations

import datetime

import regex

_CN = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "O": 0}


def parse_cn_int(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if all(c in _CN for c in s):
        return int("".join(str(_CN[c]) for c in s))
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN.get(tens, 1) if tens else 1
        o = _CN.get(ones, 0) if ones else 0
        return t * 10 + o
    return None


_DATE = (
    r"([0-9]{4}|[〇○零一二三四五六七八九O]{4})\s*[年./-]\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})"
    r"\s*[月./-]\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日?"
)


def parse_date(s: str) -> datetime.date | None:
    m = regex.fullmatch(_DATE, s.strip())
    if not m:
        return None
    parts = [parse_cn_int(g) for g in m.groups()]
    if None in parts:
        return None
    try:
        return datetime.date(parts[0], parts[1], parts[2])  # type: ignore[arg-type]
    except ValueError:
        return None
