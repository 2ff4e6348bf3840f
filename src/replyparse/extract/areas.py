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
from decimal import Decimal
from fractions import Fraction
from math import gcd

from replyparse.extract._amounts import Hit, scan
from replyparse.model import Area
from replyparse.numbers import plain

__all__ = ["find_areas"]

_MU_PER_M2 = Fraction(3, 2000)
_M2_PER_HECTARE = 10_000
_FOURTH = Decimal("0.0001")
_CENT = Decimal("0.01")
_CTX = decimal.Context(prec=80, rounding=decimal.ROUND_HALF_EVEN)


def find_areas(text: str) -> list[Area]:
    """Every area in ``text`` (亩, 公顷, 平方公里/千米/km², 平方米/㎡, with 万/千 …)."""
    if not isinstance(text, str) or not text:
        return []
    return [_area(text, hit) for hit in scan(text, "area")]


def _area(text: str, hit: Hit) -> Area:
    full = hit.full
    mu = hectares = square_metres = None
    factor = hit.base.factor
    if full is not None and factor is not None:
        if factor.denominator == 1:  # 公顷, km², m²: every figure is a terminating decimal
            m2 = full * factor.numerator
            square_metres = plain(m2)
            hectares = plain(m2.scaleb(-4))
            mu = plain(m2 * _MU_PER_M2_DECIMAL)
        else:  # 亩 = 2000/3 m²: a figure may not terminate
            scaled, den = full * factor.numerator, factor.denominator
            top, bottom = scaled.as_integer_ratio()
            # m² and hectares differ by 10**4, so they terminate together.
            exact = _terminates(top, bottom * den)
            square_metres = _divide(scaled, den, _CENT, exact)
            hectares = _divide(scaled, den * 10_000, _FOURTH, exact)
            mu = _divide(scaled * 3, den * 2000, _FOURTH, _terminates(top * 3, bottom * den))
    return Area(
        text=text[hit.start : hit.end],
        span=(hit.start, hit.end),
        value=hit.value,
        unit=hit.unit,
        mu=mu,
        hectares=hectares,
        square_metres=square_metres,
        approx=hit.approx,
        range=hit.range,
        per=hit.per,
        inferred=hit.inferred,
    )


_MU_PER_M2_DECIMAL = Decimal("0.0015")


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


def _divide(numerator: Decimal, denominator: int, quantum: Decimal, exact: bool) -> Decimal:
    """``numerator / denominator``: exact if it terminates (``exact``), else rounded to
    ``quantum``."""
    quotient = _CTX.divide(numerator, Decimal(denominator))
    if exact:
        return plain(quotient)
    return plain(quotient.quantize(quantum, context=_CTX))


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
