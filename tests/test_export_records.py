"""``tables.flatten_records`` makes the records straight from the letter (speed: the
workers of ``replyparse export`` make them for every letter); they must be what
``records(flatten(...))`` makes of the dict rows, value for value and type for type.

Rows: real letters by provenance, then odd letter dicts (missing keys, nulls, empty
pairs, decimals written with exponents or as numbers, a file name that is not UTF-8).
The last tests spell out rows by hand, so a column reading the wrong key is caught even
though both forms are written from the same column sources.
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from replyparse import parse, parse_file
from replyparse.batch import letter_id, parse_path
from replyparse.export.tables import (
    TABLES,
    child_records,
    child_rows,
    flatten,
    flatten_records,
    letter_record,
    letter_records,
    letter_row,
    records,
)
from replyparse.model import (
    Area,
    Contact,
    Department,
    DocNumber,
    DocumentRef,
    Letter,
    MeetingInfo,
    Meta,
    Money,
    Quantity,
    Section,
    Statement,
    TrackedItem,
    When,
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


# -- records read off the Letter (letter_records), as of its dict ------------------------

LETTER_TEXTS = [*REAL, *_texts("tests/data")]


def _check_letter(letter: Letter, letter_id: str = "cd" * 32, path: str | None = "a.txt",
                  text: str | None = "答复") -> None:
    made = letter_records(letter, letter_id=letter_id, path=path, text=text)
    of_dict = flatten_records(letter.to_dict(), letter_id=letter_id, path=path, text=text)
    assert list(made) == list(TABLES)
    assert _typed(made) == _typed(of_dict)


@pytest.mark.parametrize("path", LETTER_TEXTS)
def test_records_of_real_letters_read_off_the_letter(path: Path) -> None:
    letter = parse_file(path)
    _check_letter(letter, letter_id(letter.text), str(path), letter.text)
    _check_letter(letter, "ab", None, None)
    assert sum(map(len, letter_records(letter, letter_id="ab").values())) > 5


def test_export_workers_send_the_records_of_the_letters_dict() -> None:
    """``parse_path(rows=True)`` (the export's workers) against the dict it sends otherwise."""
    path = str(ROOT / "samples" / "liaoning-2021-1125.txt")
    rows, plain = parse_path(path, rows=True), parse_path(path)
    assert plain.letter is not None and plain.id is not None and rows.rows is not None
    assert _typed(rows.rows) == _typed(flatten_records(plain.letter, letter_id=plain.id,
                                                       path=path, text=plain.text))


def test_records_of_a_letter_with_the_readers_warnings(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes((ROOT / "samples" / "liaoning-2021-1125.txt").read_text(
        encoding="utf-8").encode("utf-16-le"))
    letter = parse_file(path)  # the reader's warnings put first by dataclasses.replace
    assert letter.warnings and letter.warnings[0].startswith("UTF-16")
    _check_letter(letter, letter_id(letter.text), str(path), letter.text)
    result = parse_path(str(path), rows=True)
    assert result.rows is not None and result.id is not None
    assert json.loads(result.rows["letters"][0][_column("letters", "warnings")]) == \
        list(letter.warnings)


def _column(table: str, name: str) -> int:
    return [c.name for c in TABLES[table]].index(name)


def _money(**given: Any) -> Money:
    values: dict[str, Any] = {"text": "3.5亿元", "span": (4, 9), "value": Decimal("3.5"),
                              "unit": "亿元", "yuan": Decimal("3.5E+8")}
    return Money(**{**values, **given})


_WHEN = When(text="十四五", span=(0, 3), range=(2021, 2025), horizon="range")
_SECTIONS = (
    Section(number=1, label="一", heading="关于", topic="t", span=(0, 20), heading_span=(0, 4),
            level=1, text="hidden from the dict", subsections=(
                Section(number=1, label=None, heading="", topic="", span=(5, 9),
                        heading_span=(5, 5), level=2, subsections=(
                            Section(number=1, label="1", heading="h", topic="h",
                                    span=(6, 8), heading_span=(6, 7), level=3),)),
                Section(number=2, label="（二）", heading="x", topic="x", span=(9, 12),
                        heading_span=(9, 10), level=2))),
    Section(number=2, label="二", heading="", topic="", span=(20, 30), heading_span=(20, 21),
            level=1),
)
_META = Meta(title="答复", meeting="省十三届人大五次会议",
             meeting_info=MeetingInfo(level="省", body=None, term=13, session=None),
             doc_number=DocNumber(text="辽发改函〔2021〕1号", span=(0, 9), agency="辽发改函",
                                  year=2021, number="1"),
             signers=("张三", "李四"), published="2021-05-28", cc=("甲",),
             contacts=(Contact(text="联系人：李四", span=(1, 7), name="李四"),
                       Contact(text="电话", span=(8, 10), phone="024-1")),
             spans={"title": (0, 2)})
_ITEM = TrackedItem(kind="commitment", text="将推进", span=(10, 13), actor=("甲厅", "乙厅", "丙厅"),
                    actor_text=("我厅",), action="推进", action_span=(11, 13), when=_WHEN,
                    strength="firm", cue="将", section=1,
                    money=(_money(), _money(yuan=None), _money(yuan=Decimal("-0.00"))))

ODD_LETTERS = [
    pytest.param(Letter(text="", meta=Meta()), id="empty-text-no-meta"),
    pytest.param(parse(""), id="parse-of-nothing"),
    pytest.param(parse("关于加快发展的答复"), id="only-a-title"),
    pytest.param(Letter(text="答复", meta=Meta(signed="2021", published="x"),
                        warnings=("odd", "odder")), id="warnings-short-signed"),
    pytest.param(Letter(text="答复", meta=_META, sections=_SECTIONS), id="meta-and-section-tree"),
    pytest.param(Letter(text="答复", meta=Meta(meeting_info=MeetingInfo(
        level=None, body=None, term=None, session=None), signed="2020-12-30",
        published="2021-01-05")),
        id="empty-meeting-info"),
    pytest.param(Letter(text="答复", meta=Meta(), money=(
        _money(value=None, yuan=None, range=(Decimal("1E+2"), Decimal("0.000000125")),
               approx="约", per="每亩", inferred=True, stance="commitment", section=2),
        _money(value=Decimal("-0"), yuan=Decimal("2.50E-3"), currency="USD"),
        _money(value=Decimal("12"), yuan=Decimal("1200000000.00")))), id="money-ranges-exact"),
    pytest.param(Letter(text="答复", meta=Meta(), areas=(
        Area(text="1.5万亩", span=(0, 5), value=Decimal("1.5"), unit="万亩",
             mu=Decimal("15000"), hectares=Decimal("1E+3"), range=(Decimal(1), Decimal(2)),
             inferred=True, approx="近"),),
        quantities=(Quantity(text="94.7%", span=(0, 5), value=Decimal("94.70"), unit="%",
                             kind="ratio", approx="超过", stance="achievement"),
                    Quantity(text="数十家", span=(0, 3), value=None, unit="家", kind="count")),
        departments=(Department(text="我委", span=(0, 2), canonical="辽宁省发展和改革委员会",
                                level="provincial", kind="self", place="辽宁"),),
        documents=(DocumentRef(text="《规划》", span=(1, 5), title="规划", kind="规划",
                               period=(2021, 2025)),
                   DocumentRef(text="《办法》", span=(6, 10), title="办法", kind=None)),
        statements=(Statement(text="已完成。", span=(0, 4), stance="achievement",
                              cues=("已",), section=1, subsection=2, paragraph=3),)),
        id="areas-quantities-organs-documents"),
    pytest.param(Letter(text="答复", meta=Meta(), commitments=(_ITEM,), achievements=(
        replace(_ITEM, kind="achievement", when=None, money=(), actor=(), actor_text=(),
                actor_inferred=True),), declined=(
        replace(_ITEM, kind="declined", when=When(text="下一步", span=(0, 3)),
                actor=("甲厅",), actor_text=("我厅", "多余"), money=(_money(yuan=None),)),)),
        id="items-money-actors-when"),
]


@pytest.mark.parametrize("letter", ODD_LETTERS)
@pytest.mark.parametrize(("path", "text"), [
    pytest.param("a.txt", "答复", id="with-text"),
    pytest.param(None, None, id="no-path-no-text"),
    pytest.param("\udcff答复.txt", "", id="not-utf8-name"),
])
def test_records_of_odd_letters_read_off_the_letter(letter: Letter, path: str | None,
                                                    text: str | None) -> None:
    _check_letter(letter, "ab" * 32, path, text)


def test_a_value_changed_on_the_letter_changes_its_records() -> None:
    """The comparison above can fail: each value read off the letter is the letter's own."""
    letter = Letter(text="答复", meta=_META, commitments=(_ITEM,))
    of_dict = flatten_records(letter.to_dict(), letter_id="ab")
    for changed in (replace(letter, warnings=("new",)),
                    replace(letter, meta=replace(_META, contacts=())),
                    replace(letter, meta=replace(_META, meeting_info=None)),
                    replace(letter, commitments=(replace(_ITEM, money=_ITEM.money[:1]),)),
                    replace(letter, commitments=(replace(_ITEM, when=replace(
                        _WHEN, range=(2021, 2026))),))):
        assert letter_records(changed, letter_id="ab") != of_dict
    records_ = letter_records(letter, letter_id="ab")
    assert records_["items"][0][_column("items", "money_yuan")] == "350000000.00"
    assert records_["letters"][0][_column("letters", "meeting_level")] == "省"
