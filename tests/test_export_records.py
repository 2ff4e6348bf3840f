"""``tables.flatten_records`` makes the records straight from the letter (speed: the
workers of ``replyparse export`` make them for every letter); they must be what
``records(flatten(...))`` makes of the dict rows, value for value and type for type.

Rows: real letters by provenance, then odd letter dicts (missing keys, nulls, empty
pairs, decimals written with exponents or as numbers, a file name that is not UTF-8).
The last tests spell out rows by hand, so a column reading the wrong key is caught even
though both forms are written from the same column sources.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from replyparse.batch import parse_path
from replyparse.export.tables import (
    TABLES,
    child_records,
    child_rows,
    flatten,
    flatten_records,
    letter_record,
    letter_row,
    records,
)

ROOT = Path(__file__).resolve().parent.parent


def _texts(folder: str, pattern: str = "*.txt") -> list[Any]:
    return [pytest.param(path, id=f"{folder}/{path.name}")
            for path in sorted((ROOT / folder).glob(pattern))]


REAL = [
    *_texts("samples"),
    *_texts("tests/data/letters"),
    *_texts("bench/data"),
]


def _typed(tables: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[list[Any]]]:
    """Records with each value's type beside it (``True == 1``, ``1 == 1.0``)."""
    return {name: [[(type(v), v) for v in record] for record in table]
            for name, table in tables.items()}


def _check(letter: dict[str, Any], letter_id: str, path: str | None,
           text: str | None) -> None:
    rows = flatten(letter, letter_id=letter_id, path=path, text=text)
    made = flatten_records(letter, letter_id=letter_id, path=path, text=text)
    assert list(made) == list(TABLES) == list(rows)
    assert _typed(made) == _typed(records(rows))
    for name, table in rows.items():
        assert all(list(row) == [c.name for c in TABLES[name]] for row in table), name
    assert made["letters"] == [letter_record(letter, letter_id=letter_id, path=path,
                                             text=text)]
    assert rows["letters"] == [letter_row(letter, letter_id=letter_id, path=path, text=text)]
    assert child_records(letter, letter_id=letter_id) == {
        name: made[name] for name in TABLES if name != "letters"}
    assert child_rows(letter, letter_id=letter_id) == {
        name: rows[name] for name in TABLES if name != "letters"}


@pytest.mark.parametrize("path", REAL)
def test_records_of_real_letters_are_their_rows(path: Path) -> None:
    result = parse_path(str(path))
    assert result.letter is not None and result.id is not None
    _check(result.letter, result.id, result.path, result.text)
    assert sum(len(t) for t in flatten_records(result.letter, letter_id=result.id).values()) > 5


MONEY = {"text": "3.5亿元", "span": [4, 9], "value": "3.5", "unit": "亿元",
         "yuan": "3.5E+8", "currency": "CNY", "approx": "约", "range": None, "per": None,
         "inferred": False, "stance": "commitment", "section": 1}
ODD = [
    pytest.param({}, id="empty-dict"),
    pytest.param({"meta": None, "sections": None, "money": None, "warnings": None},
                 id="nulls-for-lists"),
    pytest.param({"money": [{}], "areas": [{}], "quantities": [{}], "departments": [{}],
                  "documents": [{}], "statements": [{}], "commitments": [{}]},
                 id="items-with-no-keys"),
    pytest.param({"money": [{**MONEY, "span": [], "range": ["1E+2", "0.000000125"],
                             "value": 12, "yuan": 0.5}]}, id="exponents-ints-floats"),
    pytest.param({"money": [{**MONEY, "value": "-0", "yuan": "-0.00"}]}, id="negative-zero"),
    pytest.param({"money": [{k: v for k, v in MONEY.items() if k != "currency"}]},
                 id="money-without-currency"),
    pytest.param({"areas": [{"text": "1.5万亩", "span": [0, 5], "value": "1.5", "unit": "万亩",
                             "mu": "15000", "hectares": "1000", "square_metres": None,
                             "range": ["1", "2"], "inferred": True}]}, id="area-range"),
    pytest.param({"commitments": [{"money": [MONEY, {**MONEY, "yuan": None}, MONEY],
                                   "actor": ["甲", "乙", "丙"], "actor_text": ["甲"],
                                   "when": {"range": [2021, 2025], "text": "十四五"}}],
                  "achievements": [{"money": [{**MONEY, "yuan": None}], "when": None,
                                    "actor": ["甲"], "actor_inferred": True}],
                  "declined": [{"money": [], "action_span": [3, 8]}]},
                 id="items-money-actors-when"),
    pytest.param({"sections": [{"number": 1, "span": [0, 9], "subsections": [
        {"number": 1, "heading_span": [2, 4], "subsections": [{"number": 1}]},
        {"number": 2, "subsections": None}]}, {"number": 2}]}, id="section-tree"),
    pytest.param({"meta": {"meeting_info": None, "doc_number": {"text": "辽发改函〔2021〕1号"},
                           "signers": ["张三"], "contacts": [{"name": "李四"}],
                           "published": "2021-05-28", "signed": None, "cc": []},
                  "warnings": ["odd"], "schema": "replyparse/2"}, id="meta"),
]


@pytest.mark.parametrize("letter", ODD)
@pytest.mark.parametrize(("path", "text"), [
    pytest.param("a.txt", "答复", id="with-text"),
    pytest.param(None, None, id="no-path-no-text"),
    pytest.param("\udcff答复.txt", "", id="not-utf8-name"),
])
def test_records_of_odd_letters_are_their_rows(letter: dict[str, Any], path: str | None,
                                               text: str | None) -> None:
    _check(letter, "ab" * 32, path, text)


def test_rows_take_each_column_from_its_source() -> None:
    letter = {
        "schema": "replyparse/2",
        "meta": {"title": "答复", "meeting_info": {"level": "省", "term": 13},
                 "doc_number": {"text": "1号"}, "published": "2021-05-28", "cc": ["甲"]},
        "sections": [{"number": 1, "level": 1, "label": "一", "heading": "关于", "topic": "t",
                      "span": [0, 20], "heading_span": [0, 4],
                      "subsections": [{"number": 1, "level": 2, "span": [5, 9]}]}],
        "money": [MONEY, {**MONEY, "range": ["3", "5"], "yuan": None, "inferred": True}],
        "documents": [{"text": "《规划》", "span": [1, 5], "title": "规划", "kind": "规划",
                       "period": [2021, 2025], "stance": None, "section": None}],
        "commitments": [{"kind": "commitment", "text": "将推进", "span": [10, 13],
                         "actor": ["甲厅", "乙厅"], "actor_text": ["我厅"],
                         "action": "推进", "action_span": [11, 13],
                         "when": {"text": "2021年", "year": 2021, "range": None,
                                  "horizon": "year"},
                         "strength": "firm", "cue": "将", "money": [MONEY, MONEY],
                         "section": 1, "subsection": None}],
    }
    rows = flatten(letter, letter_id="id", path="a.txt", text="abc")
    (row,) = rows["letters"]
    assert {k: v for k, v in row.items() if v not in (None, "[]")} == {
        "id": "id", "path": "a.txt", "schema": "replyparse/2", "title": "答复",
        "meeting_level": "省", "meeting_term": 13, "published": "2021-05-28",
        "signed_year": 2021, "doc_number": "1号", "cc": '["甲"]', "n_chars": 3, "text": "abc",
    }
    assert rows["sections"] == [
        {"letter_id": "id", "ord": 0, "parent_ord": None, "number": 1, "level": 1,
         "label": "一", "heading": "关于", "topic": "t", "span_start": 0, "span_end": 20,
         "heading_start": 0, "heading_end": 4},
        {"letter_id": "id", "ord": 1, "parent_ord": 0, "number": 1, "level": 2,
         "label": None, "heading": None, "topic": None, "span_start": 5, "span_end": 9,
         "heading_start": None, "heading_end": None},
    ]
    assert rows["money"][1] == {
        "letter_id": "id", "ord": 1, "text": "3.5亿元", "span_start": 4, "span_end": 9,
        "value": Decimal("3.5"), "unit": "亿元", "yuan": None, "currency": "CNY",
        "approx": "约", "range_low": Decimal(3), "range_high": Decimal(5), "per": None,
        "inferred": True, "stance": "commitment", "section": 1,
    }
    assert flatten_records(letter, letter_id="id")["money"][0][7] == "350000000"
    assert rows["documents"][0]["period_start"] == 2021
    assert rows["documents"][0]["period_end"] == 2025
    assert rows["items"] == [{
        "letter_id": "id", "ord": 0, "kind": "commitment", "text": "将推进", "span_start": 10,
        "span_end": 13, "actor": '["甲厅", "乙厅"]', "actor_text": '["我厅"]',
        "actor_inferred": False, "action": "推进", "action_start": 11, "action_end": 13,
        "when_text": "2021年", "when_year": 2021, "when_from": None, "when_to": None,
        "horizon": "year", "strength": "firm", "cue": "将", "money_yuan": Decimal("7E+8"),
        "n_money": 2, "section": 1, "subsection": None,
    }]
    assert rows["item_actors"] == [
        {"letter_id": "id", "ord": 0, "item": 0, "actor": "甲厅", "actor_text": "我厅",
         "inferred": False},
        {"letter_id": "id", "ord": 1, "item": 0, "actor": "乙厅", "actor_text": "",
         "inferred": False},
    ]
