"""Areas: ``find_areas`` → ``Area`` with exact 亩 / 公顷 / 平方米 figures.

>>> a = find_areas("完成人工造林27.3万亩")[0]
>>> a.text, a.mu, a.hectares
('27.3万亩', Decimal('273000'), Decimal('18200'))

1 公顷 = 15 亩 = 10,000 m², 1 km² = 100 公顷, so 1 亩 = 10000/15 m².  Every figure is computed
exactly as a fraction; a figure that is a terminating decimal is given exactly, one that is
not (806 亩 = 53.7333… 公顷) is rounded half-even to 0.0001 (``mu``, ``hectares``) or
0.01 (``square_metres``).  Only amounts written in 亩 can need this.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from math import gcd
from typing import TYPE_CHECKING

from replyparse.assemble import nowhere
from replyparse.extract._amounts import Hit, scan
from replyparse.extract._sites import UnitSites
from replyparse.model import Area, positional_new
from replyparse.numbers import plain

if TYPE_CHECKING:
    from replyparse.assemble import Where

__all__ = ["find_areas"]

_MU_PER_M2 = Fraction(3, 2000)
_M2_PER_HECTARE = 10_000
_CTX = decimal.Context(prec=80, rounding=decimal.ROUND_HALF_EVEN)


def find_areas(
    text: str, *, sites: UnitSites | None = None, where: Where = nowhere
) -> list[Area]:
    """Every area in ``text`` (亩, 公顷, 平方公里/千米/km², 平方米/㎡, with 万/千 …).

    ``sites``: the units of ``text`` if already found (``unit_sites``); ``where``: the
    stance and section of a span (``Locator.where``; by default none)."""
    if not isinstance(text, str) or not text:
        return []
    hits = scan(text, "area", None if sites is None else sites.of("area", text))
    new = positional_new(Area)  # a third cheaper than a call by keyword
    return [_area(new, text, hit, where) for hit in hits]


def _area(new: Callable[..., Area], text: str, hit: Hit, where: Where) -> Area:
    """``hit`` as an ``Area`` built by ``new`` (``positional_new(Area)``): fields in order,
    stance and section from ``where``."""
    full = hit.full
    mu = hectares = square_metres = None
    ratio = hit.base.ratio
    if full is not None and ratio is not None:
        num, den = ratio
        if den == 1:  # 公顷, km², m²: every figure is a terminating decimal
            m2 = full * num
            square_metres = plain(m2)
            hectares = plain(m2.scaleb(-4))
            mu = plain(m2 * _MU_PER_M2_DECIMAL)
        else:  # 亩 = 2000/3 m²: a figure may not terminate
            scaled = full * num
            top, bottom = scaled.as_integer_ratio()
            # m² and hectares differ by 10**4, so they terminate together.
            exact = _terminates(top, bottom * den)
            square_metres = _divide(scaled, den, 2, exact, (top, bottom))
            hectares = _divide(scaled, den * 10_000, 4, exact, (top, bottom))
            mu = _in_mu(full, scaled, num, den, (top, bottom))
    start, end = hit.start, hit.end
    stance, section = where(start, end)
    return new(text[start:end], (start, end), hit.value, hit.unit, mu, hectares, square_metres,
               hit.approx, hit.range, hit.per, hit.inferred, stance, section)


_MU_PER_M2_DECIMAL = Decimal("0.0015")
#: Products of ``full`` computed exactly or not at all (``_in_mu``).
_EXACT = decimal.Context(prec=80, traps=[decimal.Inexact])


def _in_mu(full: Decimal, scaled: Decimal, num: int, den: int, ratio: tuple[int, int]) -> Decimal:
    """The figure in 亩 of an area of ``full`` units of ``num / den`` m² (``scaled`` m²,
    ``ratio`` its ``as_integer_ratio()``).

    For 亩 itself that is ``full``, without a division, unless the products ``full × num``
    and ``× 3`` (in the default 28-digit context) lost a digit: then the general form
    below gives the rounded figure it always gave (tests/test_amounts_shortcuts.py)."""
    tripled = scaled * 3
    if num * 3 == den * 2000:
        try:
            if tripled == _EXACT.multiply(full, num * 3):
                return plain(full)
        except decimal.Inexact:
            pass
    top, bottom = ratio
    return _divide(tripled, den * 2000, 4, _terminates(top * 3, bottom * den))


def _terminates(top: int, bottom: int) -> bool:
    """Whether ``top / bottom`` is a terminating decimal: no prime but 2 and 5 is left in
    the reduced denominator.  (Read from the exact ratio rather than from the ``Inexact``
    flag of a context copied per division; at 80 digits of precision the two agree, every
    accepted amount having far fewer digits.)"""
    bottom //= gcd(top, bottom)
    while bottom % 2 == 0:
        bottom //= 2
    while bottom % 5 == 0:
        bottom //= 5
    return bottom == 1


def _divide(
    numerator: Decimal,
    denominator: int,
    places: int,
    exact: bool,
    ratio: tuple[int, int] | None = None,
) -> Decimal:
    """``numerator / denominator``: exact if it terminates (``exact``), else rounded half-even
    to ``places`` decimals.  ``ratio`` is ``numerator.as_integer_ratio()`` if known."""
    top, bottom = numerator.as_integer_ratio() if ratio is None else ratio
    if exact:
        if top >= 0:
            found = _terminating(top, bottom * denominator)
            if found is not None:
                return found
    else:
        shifted = top * 10**places
        if 0 <= shifted < _INTEGER_LIMIT:
            return _rounded(shifted, bottom * denominator, places)
    quotient = _CTX.divide(numerator, Decimal(denominator))
    if exact:
        return plain(quotient)
    return plain(quotient.quantize(Decimal(1).scaleb(-places), context=_CTX))


#: Below this, rounding in integers gives what an 80-digit quotient rounded by ``quantize``
#: gives: a non-terminating ``top / bottom`` is at least ``1 / (2 * 10**places * bottom)``
#: from a tie, more than half a unit of the 80th digit when ``top * 10**places < 10**79``.
#: (Above it, ``quantize`` may need more than 80 digits and fail: that path is kept.)
_INTEGER_LIMIT = 10**79


def _rounded(shifted: int, bottom: int, places: int) -> Decimal:
    """``shifted / bottom / 10**places`` rounded half-even to ``places`` decimals, computed
    in integers (several times cheaper than an 80-digit division and ``quantize``)."""
    quotient, rest = divmod(shifted, bottom)
    if 2 * rest > bottom or (2 * rest == bottom and quotient & 1):
        quotient += 1
    return _digits(quotient, places)


def _terminating(top: int, bottom: int) -> Decimal | None:
    """``top / bottom`` (``top >= 0``, a terminating decimal) computed in integers, as
    ``plain`` gives the 80-digit quotient; ``None`` if it has more than 80 digits (the
    80-digit division rounds it: that path is kept)."""
    for places in range(_MAX_PLACES):
        quotient, rest = divmod(top, bottom)
        if not rest:
            return _digits(quotient, places) if quotient < _EIGHTY_DIGITS else None
        top *= 10
    return None


_EIGHTY_DIGITS = 10**80
#: More decimals than an 80-digit quotient can hold.
_MAX_PLACES = 400


def _digits(digits: int, places: int) -> Decimal:
    """``digits / 10**places`` (``digits >= 0``) as ``plain`` gives it: no trailing zeros,
    no exponent in a whole number.  (``plain`` of the scaled ``Decimal`` gives the same,
    through a normalisation and a test that cost more than the division itself.)"""
    while places and not digits % 10:
        digits //= 10
        places -= 1
    return Decimal(digits).scaleb(-places, _CTX) if places else Decimal(digits)


def exact_or_rounded(value: Fraction, quantum: Decimal) -> Decimal:
    """``value`` as an exact ``Decimal`` if it terminates, else rounded to ``quantum``.

    >>> exact_or_rounded(Fraction(4000, 15), Decimal("0.0001"))
    Decimal('266.6667')
    """
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    numerator = Decimal(value.numerator)
    if denominator == 1:
        return plain(_CTX.divide(numerator, Decimal(value.denominator)))
    exact = _CTX.divide(numerator, Decimal(value.denominator))
    return plain(exact.quantize(quantum, context=_CTX))
