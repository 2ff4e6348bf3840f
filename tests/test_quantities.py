"""find_quantities against the amount table: never money, never area."""

from __future__ import annotations

import pytest

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
