"""Shortcuts in the amount extractors give what the plain forms they replace give.

Each test runs the plain form (kept here as the reference) and the shortcut on many inputs:
hypothesis examples plus rows at the edges of the shortcut's range.
"""

from __future__ import annotations

import decimal
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replyparse.extract.areas import _divide, _terminates
from replyparse.numbers import plain

_CTX = decimal.Context(prec=80, rounding=decimal.ROUND_HALF_EVEN)


def _divide_plain(numerator: Decimal, denominator: int, places: int) -> Decimal:
    """The 80-digit division rounded by ``quantize`` that ``areas._divide`` replaces."""
    quotient = _CTX.divide(numerator, Decimal(denominator))
    top, bottom = numerator.as_integer_ratio()
    if _terminates(top, bottom * denominator):
        return plain(quotient)
    return plain(quotient.quantize(Decimal(1).scaleb(-places), context=_CTX))


def _divide_both(numerator: Decimal, denominator: int, places: int) -> None:
    top, bottom = numerator.as_integer_ratio()
    exact = _terminates(top, bottom * denominator)
    try:
        want: Decimal | str = _divide_plain(numerator, denominator, places)
    except decimal.InvalidOperation:
        want = "InvalidOperation"
    try:
        got: Decimal | str = _divide(numerator, denominator, places, exact, (top, bottom))
    except decimal.InvalidOperation:
        got = "InvalidOperation"
    assert str(got) == str(want)


_DENOMINATORS = [3, 30_000, 6000, 7, 9, 11, 12, 300, 3 * 10**9]


@pytest.mark.parametrize(
    "numerator",
    [
        "8000000", "2666666.5", "1", "0", "0.5", "5", "15", "0.000001", "1E+40", "2E+83",
        "9" * 28, "1" * 70 + ".5", "12345678901234567890123456789E+48", "0.0001",
        "-8000000", "-0.00001", "1.5", "2.5", "0.015", "0.00015", "0.000015",
    ],
)  # fmt: skip
@pytest.mark.parametrize("denominator", _DENOMINATORS)
@pytest.mark.parametrize("places", [2, 4])
def test_divide_rows(numerator: str, denominator: int, places: int) -> None:
    _divide_both(Decimal(numerator), denominator, places)


@settings(max_examples=2000, deadline=None)
@given(
    st.integers(min_value=-(10**40), max_value=10**60),
    st.integers(min_value=-45, max_value=30),
    st.sampled_from(_DENOMINATORS),
    st.sampled_from([2, 4]),
)
def test_divide_matches_quantize(coefficient: int, exponent: int, den: int, places: int) -> None:
    _divide_both(Decimal(coefficient).scaleb(exponent), den, places)
