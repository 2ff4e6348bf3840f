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
    if full is not None and hit.base.factor is not None:
        m2 = Fraction(full) * hit.base.factor
        square_metres = exact_or_rounded(m2, _CENT)
        mu = exact_or_rounded(m2 * _MU_PER_M2, _FOURTH)
        hectares = exact_or_rounded(m2 / _M2_PER_HECTARE, _FOURTH)
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
