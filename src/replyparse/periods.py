"""Five-year plans (“十四五”) as year ranges."""

from __future__ import annotations

_DIGITS = "〇一二三四五六七八九"


def five_year_plan(ordinal: str) -> tuple[int, int] | None:
    """十四 → (2021, 2025): the n-th plan from the 3rd (1966–1970) on starts in 1966 + 5(n-3).

    >>> five_year_plan("十四")
    (2021, 2025)
    >>> five_year_plan("十一")
    (2006, 2010)
    """
    if not ordinal or any(c not in _DIGITS and c != "十" for c in ordinal):
        return None
    if ordinal[0] == "十":
        rest = ordinal[1:]
        if len(rest) > 1 or rest == "十":
            return None
        n = 10 + (_DIGITS.index(rest) if rest else 0)
    elif len(ordinal) == 1:
        n = _DIGITS.index(ordinal)
    else:
        return None
    if n < 3:
        return None
    first = 1966 + 5 * (n - 3)
    return first, first + 4
