"""The shared amount scanner reads the text as it is and maps it only near full-width
characters; guards and reversed-unit candidates must not change what is found.

Rows: (extractor, text, expected (text, value) pairs).  Outputs recorded from the scanner
that mapped every text first (before the candidate search of issue #7).
"""

from __future__ import annotations

import pytest

from replyparse.extract.areas import find_areas
from replyparse.extract.money import find_money
from replyparse.extract.quantities import find_quantities

_FIND = {"money": find_money, "area": find_areas, "quantity": find_quantities}

ROWS = [
    # full-width digits, point and letters near an amount: the text is mapped
    ("money", "投资３．５亿元，其中", [("３．５亿元", "3.5")]),
    ("money", "人民币３００万元", [("人民币３００万元", "300")]),
    ("money", "约２０００余万元", [("２０００余万元", "2000")]),
    ("money", "累计２，０００万元", []),  # ， is a clause break, not a thousands separator
    ("quantity", "发电８２万千瓦", [("８２万千瓦", "82")]),
    ("quantity", "占比９４．７％", [("９４．７％", "94.7")]),
    ("quantity", "装机5ｋＷｈ", [("5ｋＷｈ", "5")]),
    ("quantity", "装机5ｋＷ", [("5ｋＷ", "5")]),
    ("area", "面积２ｋｍ２", [("２ｋｍ２", "2")]),
    ("area", "造林２７．３万亩", [("２７．３万亩", "27.3")]),
    # unit guards, checked while candidates are searched
    ("money", "5元旦", []),
    ("quantity", "重点支持3个项目", [("3个", "3")]),
    # a unit ending in a digit before another amount
    ("area", "面积2km22亩", [("22亩", "22")]),
    ("area", "5平方千米", [("5平方千米", "5")]),
    # one Chinese digit: read directly, 一 before a count word is an article
    ("quantity", "三类", [("三类", "3")]),
    ("quantity", "一批", []),
]


@pytest.mark.parametrize(("kind", "text", "expected"), ROWS, ids=[f"{k}-{t}" for k, t, _ in ROWS])
def test_scan(kind: str, text: str, expected: list[tuple[str, str]]) -> None:
    found = _FIND[kind](text)
    assert [(m.text, str(m.value)) for m in found] == expected
