"""find_areas against the amount table, and the exact-conversion rule."""

from __future__ import annotations

import time
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amount_table import Row, check, load
from replyparse.extract.areas import exact_or_rounded, find_areas


@pytest.mark.parametrize("row", load("area"))
def test_table(row: Row) -> None:
    check(row, find_areas(row.text))


@pytest.mark.parametrize(
    ("value", "quantum", "expected"),
    [
        pytest.param(Fraction(273000, 15), "0.0001", "18200", id="exact-integer"),
        pytest.param(Fraction(1725, 2), "0.0001", "862.5", id="exact-decimal"),
        pytest.param(Fraction(806, 15), "0.0001", "53.7333", id="rounded-down"),
        pytest.param(Fraction(2000, 3), "0.01", "666.67", id="rounded-up"),
        pytest.param(Fraction(1, 3), "0.0001", "0.3333", id="third"),
    ],
)
def test_exact_or_rounded(value: Fraction, quantum: str, expected: str) -> None:
    assert str(exact_or_rounded(value, Decimal(quantum))) == expected


def test_one_hectare_is_fifteen_mu() -> None:
    area = find_areas("1公顷")[0]
    assert (area.mu, area.hectares, area.square_metres) == (15, 1, 10000)
    area = find_areas("1平方公里")[0]
    assert (area.mu, area.hectares) == (1500, 100)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="0123456789.、-至万亿千百十亩公顷平方米公里km²㎡余多约近数几上一二三", max_size=40
    )
)
def test_never_raises_and_spans_hold(text: str) -> None:
    for area in find_areas(text):
        assert text[area.span[0] : area.span[1]] == area.text


def test_megabyte_is_quick() -> None:
    # CPU time of this process: a busy machine slows the wall clock, not this (a
    # quadratic scan of 1 MB would take minutes of it).
    start = time.process_time()
    find_areas("1、" * 500_000 + "亩")
    find_areas("万" * 1_000_000 + "亩")
    assert time.process_time() - start < 2.0
