"""find_quantities against the amount table: never money, never area."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amount_table import Row, check, load
from replyparse.extract.quantities import find_quantities


@pytest.mark.parametrize("row", load("quantity"))
def test_table(row: Row) -> None:
    check(row, find_quantities(row.text))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("投资500万元", id="money"),
        pytest.param("流转300亩", id="area"),
        pytest.param("人民币500万元", id="rmb-not-people"),
        pytest.param("10万平方米", id="square-metres-not-metres"),
    ],
)
def test_money_and_area_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="0123456789.、-至万亿千百十个家人户%瓦兆余多约近数几上一二三百分之", max_size=40
    )
)
def test_never_raises_and_spans_hold(text: str) -> None:
    for quantity in find_quantities(text):
        assert text[quantity.span[0] : quantity.span[1]] == quantity.text


def test_megabyte_is_quick() -> None:
    # CPU time of this process: a busy machine slows the wall clock, not this (a
    # quadratic scan of 1 MB would take minutes of it).
    start = time.process_time()
    assert len(find_quantities("1个" * 30_000)) == 30_000
    find_quantities("百分之" * 300_000)
    assert time.process_time() - start < 5.0
