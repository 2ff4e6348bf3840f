"""Flat tables: the ONE place that turns a letter (``Letter.to_dict()``) into rows.

CSV (``export.csv``), SQL (``export.sql``) and any later engine (Dask) all use
:func:`flatten` and :data:`TABLES`, so a column is named, typed and filled in one place.
Columns are documented in ``docs/database.md``.  :func:`records` gives the same rows as
tuples ready to bind (:data:`Record`): what ``replyparse export``'s workers send to the
process that writes the database.

Every child table has ``letter_id`` (the SHA-256 hex of the letter's text) and ``ord``, the
item's position in its list in the letter, so ``(letter_id, ord)`` identifies a row.  (The
database refers to letters by an integer ``letter_key`` instead: ``export.sql``.)  Spans
``[start, end)`` become ``span_start``/``span_end``; decimals become ``Decimal``; lists of
strings (cues, signers, warnings …) become JSON text.

>>> rows = flatten({"meta": {"title": "答复"}, "statements": []}, letter_id="ab", path="a.txt")
>>> rows["letters"][0]["title"], rows["statements"]
('答复', [])
>>> money = {"text": "2.50亿元", "span": [0, 6], "value": "2.50", "unit": "亿元"}
>>> records(flatten({"money": [money]}, letter_id="ab"))["money"][0][:8]
('ab', 0, '2.50亿元', 0, 6, '2.50', '亿元', None)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from operator import itemgetter
from typing import Any, Literal

ColumnType = Literal["text", "int", "decimal", "bool"]
Row = dict[str, Any]
Record = tuple[Any, ...]
"""A row as a tuple in its table's column order, as a database binds it: decimals are
exact decimal text (``format(value, "f")``: SQLite stores them so, PostgreSQL reads
``NUMERIC`` from it exactly), every other value as in :data:`Row`."""


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColumnType
    doc: str


def _c(name: str, type_: ColumnType, doc: str) -> Column:
    return Column(name, type_, doc)


_MENTION_HEAD = (
    _c("letter_id", "text", "SHA-256 hex of the letter's text (letters.id)"),
    _c("ord", "int", "position of the item in its list in the letter, from 0"),
    _c("text", "text", "the mention exactly as written"),
    _c("span_start", "int", "start of the span [start, end) into the letter's text"),
    _c("span_end", "int", "end of the span"),
)
_MENTION_TAIL = (
    _c("stance", "text", "stance of the statement holding the mention"),
    _c("section", "int", "top-level section number holding the mention"),
)
_RANGE = (
    _c("approx", "text", "approximation or bound word (余, 近, 约, 超过 …)"),
    _c("range_low", "decimal", "low end of a range, in the written unit"),
    _c("range_high", "decimal", "high end of a range, in the written unit"),
    _c("per", "text", "basis of a rate (每亩, /人)"),
    _c("inferred", "bool", "unit inferred from a neighbour (3至5亿元: 3 亿元)"),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "letters": (
        _c("id", "text", "SHA-256 hex of the letter's text: the letter's identity, unique"),
        _c("path", "text", "the first input path the letter was read from"),
        _c("schema", "text", "output contract version (replyparse/2)"),
        _c("title", "text", "meta.title"),
        _c("meeting", "text", "meta.meeting (省十三届人大五次会议)"),
        _c("meeting_level", "text", "meta.meeting_info.level (省)"),
        _c("meeting_body", "text", "meta.meeting_info.body (人大, 政协)"),
        _c("meeting_term", "int", "meta.meeting_info.term (13)"),
        _c("meeting_session", "int", "meta.meeting_info.session (5)"),
        _c("proposal_number", "text", "meta.proposal_number"),
        _c("proposal_title", "text", "meta.proposal_title"),
        _c("proposal_kind", "text", "meta.proposal_kind (建议, 提案 …)"),
        _c("addressee", "text", "meta.addressee"),
        _c("addressee_role", "text", "meta.addressee_role (代表, 委员)"),
        _c("author", "text", "meta.author"),
        _c("source", "text", "meta.source"),
        _c("published", "text", "meta.published, ISO date"),
        _c("responder", "text", "meta.responder, the responding organ"),
        _c("signed", "text", "meta.signed, ISO date"),
        _c("signed_year", "int", "year of meta.signed (else of meta.published)"),
        _c("doc_number", "text", "meta.doc_number.text (辽发改函〔2021〕123号)"),
        _c("category", "text", "meta.category (A/B/C)"),
        _c("disclosure", "text", "meta.disclosure"),
        _c("issuer", "text", "meta.issuer"),
        _c("index_number", "text", "meta.index_number"),
        _c("signers", "text", "meta.signers, JSON list"),
        _c("contacts", "text", "meta.contacts, JSON list of objects"),
        _c("cc", "text", "meta.cc, JSON list"),
        _c("attachments", "text", "meta.attachments, JSON list"),
        _c("warnings", "text", "warnings, JSON list"),
        _c("n_chars", "int", "length of the text in characters"),
        _c("text", "text", "the letter's full text (spans index into it); empty if unknown"),
    ),
    "sections": (
        _c("letter_id", "text", "letters.id"),
        _c("ord", "int", "position in a pre-order walk of the section tree, from 0"),
        _c("parent_ord", "int", "ord of the enclosing section; null at top level"),
        _c("number", "int", "number among its siblings, from 1"),
        _c("level", "int", "depth, 1 for top-level sections"),
        _c("label", "text", "the marker as written (一, （一）, 1); null if unnumbered"),
        _c("heading", "text", "heading text"),
        _c("topic", "text", "heading reduced to its topic"),
        _c("span_start", "int", "start of the section's span"),
        _c("span_end", "int", "end of the section's span"),
        _c("heading_start", "int", "start of the heading's span"),
        _c("heading_end", "int", "end of the heading's span"),
    ),
    "statements": (
        _c("letter_id", "text", "letters.id"),
        _c("ord", "int", "position of the sentence in the letter, from 0"),
        _c("text", "text", "the sentence"),
        _c("span_start", "int", "start of the sentence's span"),
        _c("span_end", "int", "end of the sentence's span"),
        _c("stance", "text", "achievement, commitment or other"),
        _c("cues", "text", "cues that decided the stance, JSON list"),
        _c("section", "int", "top-level section number"),
        _c("subsection", "int", "number of the subsection within that section"),
        _c("paragraph", "int", "paragraph index in the letter"),
    ),
    "money": (
        *_MENTION_HEAD,
        _c("value", "decimal", "amount in the written unit"),
        _c("unit", "text", "the written unit (亿元, 万元 …)"),
        _c("yuan", "decimal", "exact amount in yuan; null if vague or a range"),
        _c("currency", "text", "ISO currency code (CNY)"),
        *_RANGE,
        *_MENTION_TAIL,
    ),
    "areas": (
        *_MENTION_HEAD,
        _c("value", "decimal", "area in the written unit"),
        _c("unit", "text", "the written unit (万亩, 公顷 …)"),
        _c("mu", "decimal", "exact area in 亩"),
        _c("hectares", "decimal", "exact area in hectares (1 公顷 = 15 亩)"),
        _c("square_metres", "decimal", "exact area in square metres"),
        *_RANGE,
        *_MENTION_TAIL,
    ),
    "quantities": (
        *_MENTION_HEAD,
        _c("value", "decimal", "the number"),
        _c("unit", "text", "the written unit (万千瓦, %, 家 …)"),
        _c("kind", "text", "what is counted or measured"),
        _c("approx", "text", "approximation or bound word"),
        *_MENTION_TAIL,
    ),
    "departments": (
        *_MENTION_HEAD,
        _c("canonical", "text", "canonical full name (辽宁省财政厅)"),
        _c("level", "text", "national, provincial, municipal, county, township"),
        _c("kind", "text", "government, party, legislature, … self, collective"),
        _c("place", "text", "the place the organ belongs to"),
        *_MENTION_TAIL,
    ),
    "documents": (
        *_MENTION_HEAD,
        _c("title", "text", "the title inside 《》"),
        _c("kind", "text", "kind from the title's last word (规划, 方案 …)"),
        _c("period_start", "int", "first year of a period in the title"),
        _c("period_end", "int", "last year of that period"),
        *_MENTION_TAIL,
    ),
    "items": (
        _c("letter_id", "text", "letters.id"),
        _c("ord", "int", "position among the letter's items: commitments, achievements, "
           "declined, each in text order"),
        _c("kind", "text", "commitment, achievement or declined"),
        _c("text", "text", "the clause or sentence of the item"),
        _c("span_start", "int", "start of the item's span"),
        _c("span_end", "int", "end of the item's span"),
        _c("actor", "text", "canonical names of the organs that act, JSON list"),
        _c("actor_text", "text", "the actors as written, JSON list"),
        _c("actor_inferred", "bool", "no organ named: actor taken from context"),
        _c("action", "text", "what is (to be) done"),
        _c("action_start", "int", "start of the action's span"),
        _c("action_end", "int", "end of the action's span"),
        _c("when_text", "text", "time anchor as written (下一步, 2021年底前)"),
        _c("when_year", "int", "the anchor's year"),
        _c("when_from", "int", "first year of the anchor's range"),
        _c("when_to", "int", "last year of the anchor's range"),
        _c("horizon", "text", "year, range or unspecified"),
        _c("strength", "text", "firm, intended, effort or study"),
        _c("cue", "text", "the cue word that decided the strength"),
        _c("money_yuan", "decimal", "sum of the item's exact money amounts; null if none"),
        _c("n_money", "int", "money mentions in the item (money rows within its span)"),
        _c("section", "int", "top-level section number"),
        _c("subsection", "int", "subsection number within that section"),
    ),
    "item_actors": (
        _c("letter_id", "text", "letters.id"),
        _c("ord", "int", "position among the letter's item actors"),
        _c("item", "int", "items.ord of the item this organ acts in"),
        _c("actor", "text", "canonical name of one actor of the item"),
        _c("actor_text", "text", "that actor as written (我委), empty when inferred"),
        _c("inferred", "bool", "the item named no organ: actor taken from context"),
    ),
}
"""Every table and its columns, in order; ``letters`` first, children after."""

ITEM_KINDS = ("commitments", "achievements", "declined")
"""Lists of the output contract that go to the ``items`` table, in this order."""

CHILD_TABLES = tuple(name for name in TABLES if name != "letters")


_encode = json.JSONEncoder(ensure_ascii=False).encode


def _json(value: Any) -> str:
    """A list of strings as JSON text (cached: cue and actor lists repeat a lot)."""
    return _json_strings(tuple(value)) if value else "[]"


@lru_cache(maxsize=8192)
def _json_strings(value: tuple[str, ...]) -> str:
    return _encode(list(value))


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _pair(value: Any, index: int) -> Any:
    return value[index] if value else None


def _year(*dates: Any) -> int | None:
    for date in dates:
        if isinstance(date, str) and len(date) >= 4 and date[:4].isdigit():
            return int(date[:4])
    return None


def _storable(path: str | None) -> str | None:
    """``path`` as text a database stores: a file name that is not UTF-8 (the OS hands its
    stray bytes over as lone surrogates) with each of those written ``\\udcff``, as the
    JSON and CSV outputs write it."""
    if path is None or path.isascii():
        return path
    return path.encode("utf-8", "backslashreplace").decode("utf-8")


def _letter_row(letter: Mapping[str, Any], letter_id: str, path: str | None,
                text: str | None) -> Row:
    meta = letter.get("meta") or {}
    info = meta.get("meeting_info") or {}
    doc_number = meta.get("doc_number") or {}
    return {
        "id": letter_id,
        "path": _storable(path),
        "schema": letter.get("schema"),
        **{key: meta.get(key) for key in (
            "title", "meeting", "proposal_number", "proposal_title", "proposal_kind",
            "addressee", "addressee_role", "author", "source", "published", "responder",
            "signed", "category", "disclosure", "issuer", "index_number",
        )},
        "meeting_level": info.get("level"),
        "meeting_body": info.get("body"),
        "meeting_term": info.get("term"),
        "meeting_session": info.get("session"),
        "signed_year": _year(meta.get("signed"), meta.get("published")),
        "doc_number": doc_number.get("text"),
        "signers": _json(meta.get("signers")),
        "contacts": _encode(list(meta.get("contacts") or ())),
        "cc": _json(meta.get("cc")),
        "attachments": _json(meta.get("attachments")),
        "warnings": _json(letter.get("warnings")),
        "n_chars": None if text is None else len(text),
        "text": text,
    }


def _sections(letter_id: str, sections: list[Mapping[str, Any]]) -> list[Row]:
    rows: list[Row] = []

    def walk(items: list[Mapping[str, Any]], parent: int | None) -> None:
        for item in items:
            ord_ = len(rows)
            rows.append({
                "letter_id": letter_id, "ord": ord_, "parent_ord": parent,
                "number": item.get("number"), "level": item.get("level"),
                "label": item.get("label"), "heading": item.get("heading"),
                "topic": item.get("topic"),
                "span_start": _pair(item.get("span"), 0), "span_end": _pair(item.get("span"), 1),
                "heading_start": _pair(item.get("heading_span"), 0),
                "heading_end": _pair(item.get("heading_span"), 1),
            })
            walk(item.get("subsections") or [], ord_)

    walk(sections, None)
    return rows


def _mention(letter_id: str, ord_: int, item: Mapping[str, Any]) -> Row:
    span = item.get("span")
    return {
        "letter_id": letter_id, "ord": ord_, "text": item.get("text"),
        "span_start": _pair(span, 0), "span_end": _pair(span, 1),
        "stance": item.get("stance"), "section": item.get("section"),
    }


def _amount(item: Mapping[str, Any]) -> Row:
    range_ = item.get("range")
    return {
        "value": _dec(item.get("value")), "unit": item.get("unit"),
        "approx": item.get("approx"),
        "range_low": _dec(_pair(range_, 0)), "range_high": _dec(_pair(range_, 1)),
        "per": item.get("per"), "inferred": bool(item.get("inferred", False)),
    }


def _statement(letter_id: str, ord_: int, item: Mapping[str, Any]) -> Row:
    row = _mention(letter_id, ord_, item)
    row.update(cues=_json(item.get("cues")), subsection=item.get("subsection"),
               paragraph=item.get("paragraph"))
    return row


def _money(letter_id: str, ord_: int, item: Mapping[str, Any]) -> Row:
    return {**_mention(letter_id, ord_, item), **_amount(item),
            "yuan": _dec(item.get("yuan")), "currency": item.get("currency", "CNY")}


def _area(letter_id: str, ord_: int, item: Mapping[str, Any]) -> Row:
    return {**_mention(letter_id, ord_, item), **_amount(item), "mu": _dec(item.get("mu")),
            "hectares": _dec(item.get("hectares")),
            "square_metres": _dec(item.get("square_metres"))}


def _quantity(letter_id: str, ord_: int, item: Mapping[str, Any]) -> Row:
    return {**_mention(letter_id, ord_, item), "value": _dec(item.get("value")),
            "unit": item.get("unit"), "kind": item.get("kind"), "approx": item.get("approx")}


def _department(letter_id: str, ord_: int, item: Mapping[str, Any]) -> Row:
    return {**_mention(letter_id, ord_, item), "canonical": item.get("canonical"),
            "level": item.get("level"), "kind": item.get("kind"), "place": item.get("place")}


def _document(letter_id: str, ord_: int, item: Mapping[str, Any]) -> Row:
    period = item.get("period")
    return {**_mention(letter_id, ord_, item), "title": item.get("title"),
            "kind": item.get("kind"), "period_start": _pair(period, 0),
            "period_end": _pair(period, 1)}


def _items(letter_id: str, letter: Mapping[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for key in ITEM_KINDS:
        for item in letter.get(key) or []:
            span, action = item.get("span"), item.get("action_span")
            when = item.get("when") or {}
            amounts = [Decimal(str(m["yuan"])) for m in item.get("money") or []
                       if m.get("yuan") is not None]
            rows.append({
                "letter_id": letter_id, "ord": len(rows), "kind": item.get("kind"),
                "text": item.get("text"), "span_start": _pair(span, 0),
                "span_end": _pair(span, 1), "actor": _json(item.get("actor")),
                "actor_text": _json(item.get("actor_text")),
                "actor_inferred": bool(item.get("actor_inferred", False)),
                "action": item.get("action"), "action_start": _pair(action, 0),
                "action_end": _pair(action, 1), "when_text": when.get("text"),
                "when_year": when.get("year"), "when_from": _pair(when.get("range"), 0),
                "when_to": _pair(when.get("range"), 1), "horizon": when.get("horizon"),
                "strength": item.get("strength"), "cue": item.get("cue"),
                "money_yuan": sum(amounts, Decimal(0)) if amounts else None,
                "n_money": len(item.get("money") or []),
                "section": item.get("section"), "subsection": item.get("subsection"),
            })
    return rows


def _item_actors(letter_id: str, letter: Mapping[str, Any]) -> list[Row]:
    """One row per (item, actor), so items can be grouped by organ in plain SQL."""
    rows: list[Row] = []
    item_ord = 0
    for key in ITEM_KINDS:
        for item in letter.get(key) or []:
            written = list(item.get("actor_text") or [])
            inferred = bool(item.get("actor_inferred", False))
            for i, actor in enumerate(item.get("actor") or []):
                rows.append({
                    "letter_id": letter_id, "ord": len(rows), "item": item_ord,
                    "actor": actor, "actor_text": written[i] if i < len(written) else "",
                    "inferred": inferred,
                })
            item_ord += 1
    return rows


_CHILDREN = {
    "statements": _statement, "money": _money, "areas": _area, "quantities": _quantity,
    "departments": _department, "documents": _document,
}


def flatten(letter: Mapping[str, Any], *, letter_id: str, path: str | None = None,
            text: str | None = None) -> dict[str, list[Row]]:
    """Rows per table (every key of :data:`TABLES`; each row has all its columns).

    ``letter`` is ``Letter.to_dict()`` (or a JSONL record); ``text`` the letter's text, kept
    in ``letters.text`` so spans can be looked up in the database.
    """
    return {"letters": [letter_row(letter, letter_id=letter_id, path=path, text=text)],
            **child_rows(letter, letter_id=letter_id)}


def letter_row(letter: Mapping[str, Any], *, letter_id: str, path: str | None = None,
               text: str | None = None) -> Row:
    """The ``letters`` row of :func:`flatten` alone."""
    return _letter_row(letter, letter_id, path, text)


def child_rows(letter: Mapping[str, Any], *, letter_id: str) -> dict[str, list[Row]]:
    """The rows of every table but ``letters`` (:data:`CHILD_TABLES`), as in :func:`flatten`."""
    tables: dict[str, list[Row]] = {
        "sections": _sections(letter_id, list(letter.get("sections") or [])),
    }
    for name, build in _CHILDREN.items():
        tables[name] = [build(letter_id, i, item)
                        for i, item in enumerate(letter.get(name) or [])]
    tables["items"] = _items(letter_id, letter)
    tables["item_actors"] = _item_actors(letter_id, letter)
    return tables


def flatten_records(letter: Mapping[str, Any], *, letter_id: str, path: str | None = None,
                    text: str | None = None) -> dict[str, list[Record]]:
    """:func:`flatten` as :data:`Record` tuples, every table (:func:`records` of it)."""
    return records(flatten(letter, letter_id=letter_id, path=path, text=text))


def records(rows: Mapping[str, list[Row]]) -> dict[str, list[Record]]:
    """Rows of :func:`flatten` (``{table: [row, …]}``, any subset of the tables, each row
    with all its columns) as :data:`Record` tuples."""
    return {name: _records(name, table) for name, table in rows.items()}


def _records(name: str, rows: list[Row]) -> list[Record]:
    if not rows:
        return []
    get, decimals = _layout(name)
    if not decimals:
        return list(map(get, rows))
    return [_bind_decimals(get(row), decimals) for row in rows]


@cache
def _layout(name: str) -> tuple[Any, tuple[int, ...]]:
    """A row → tuple getter of ``name``'s columns, and the positions of its decimals."""
    columns = TABLES[name]
    names = [c.name for c in columns]
    get = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    return get, tuple(i for i, c in enumerate(columns) if c.type == "decimal")


def _bind_decimals(values: Record, decimals: tuple[int, ...]) -> Record:
    items: list[Any] | None = None
    for i in decimals:
        value = values[i]
        if value is not None:
            if items is None:
                items = list(values)
            items[i] = format(Decimal(value), "f")
    return values if items is None else tuple(items)
