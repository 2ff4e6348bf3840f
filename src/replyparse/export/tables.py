"""Flat tables: the ONE place that turns a letter (``Letter.to_dict()``) into rows.

CSV (``export.csv``), SQL (``export.sql``) and any later engine (Dask) all use
:func:`flatten` and :data:`TABLES`, so a column is named, typed and filled in one place.
Columns are documented in ``docs/database.md``.  :func:`flatten_records` gives the same
rows as tuples ready to bind (:data:`Record`); :func:`letter_records` the same records read
off the ``Letter`` object itself, what ``replyparse export``'s workers send to the process
that writes the database.

Every child table has ``letter_id`` (the SHA-256 hex of the letter's text) and ``ord``, the
item's position in its list in the letter, so ``(letter_id, ord)`` identifies a row.  (The
database refers to letters by an integer ``letter_key`` instead: ``export.sql``.)  Spans
``[start, end)`` become ``span_start``/``span_end``; decimals become ``Decimal``; lists of
strings (cues, signers, warnings …) become JSON text.

Each column also says where its value comes from (:class:`Column`), and one function per
table is written from those columns (:func:`_write_builder`), reading either the letter's
dict or its objects: the order of a record's values is the order of :data:`TABLES`, stated
nowhere else.

>>> rows = flatten({"meta": {"title": "答复"}, "statements": []}, letter_id="ab", path="a.txt")
>>> rows["letters"][0]["title"], rows["statements"]
('答复', [])
>>> money = {"text": "2.50亿元", "span": [0, 6], "value": "2.50", "unit": "亿元"}
>>> flatten_records({"money": [money]}, letter_id="ab")["money"][0][:8]
('ab', 0, '2.50亿元', 0, 6, '2.50', '亿元', None)
"""

from __future__ import annotations

import json
import keyword
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from itertools import chain
from operator import itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from replyparse.model import Letter

ColumnType = Literal["text", "int", "decimal", "bool"]
Row = dict[str, Any]
Record = tuple[Any, ...]
"""A row as a tuple in its table's column order, as a database binds it: decimals are
exact decimal text (``format(value, "f")``: SQLite stores them so, PostgreSQL reads
``NUMERIC`` from it exactly), every other value as in :data:`Row`."""


@dataclass(frozen=True, slots=True)
class Derived:
    """A value worked out of the item, not read from one place: ``of_mapping`` works it out
    of the item's dict (``to_dict()``, a JSONL record), ``of_object`` of the model's object
    (``Letter``, ``Money`` …), to the same value."""

    of_mapping: Callable[[Mapping[str, Any]], Any]
    of_object: Callable[[Any], Any]


Source = str | Derived | None


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its name, type and meaning, and where its value comes from.

    ``source`` is read from the item a row is made of (the letter for ``letters``, the list
    item otherwise), its dict (``to_dict()``) or its object (``Letter``, ``Money`` …): ``None``
    for the value under the column's name (key or attribute); a dotted path (``"span.0"``,
    ``"meta.meeting_info.level"``: a number picks from a pair) that gives ``None`` where a
    step is missing, null or empty; or a :class:`Derived` value, one function per form.  A
    ``given`` value is passed by the code that walks the letter (``letter_id``, ``ord`` …).
    ``json``: a list of strings, stored as JSON text.  A ``decimal`` becomes ``Decimal``
    (exact text in a :data:`Record`), a ``bool`` is ``bool()`` of its value.
    """

    name: str
    type: ColumnType
    doc: str
    source: Source = None
    given: bool = False
    json: bool = False


def _c(name: str, type_: ColumnType, doc: str, source: Source = None, *,
       json: bool = False) -> Column:
    return Column(name, type_, doc, source, json=json)


def _given(name: str, type_: ColumnType, doc: str) -> Column:
    return Column(name, type_, doc, given=True)


_encode = json.JSONEncoder(ensure_ascii=False).encode


def _json(value: Any) -> str:
    """A list of strings as JSON text (cached: cue and actor lists repeat a lot)."""
    return _json_strings(tuple(value)) if value else "[]"


@lru_cache(maxsize=8192)
def _json_strings(value: tuple[str, ...]) -> str:
    return _encode(list(value))


def _year(*dates: Any) -> int | None:
    for date in dates:
        if isinstance(date, str) and len(date) >= 4 and date[:4].isdigit():
            return int(date[:4])
    return None


def _signed_year(letter: Mapping[str, Any]) -> int | None:
    meta = letter.get("meta") or {}
    return _year(meta.get("signed"), meta.get("published"))


def _signed_year_of(letter: Any) -> int | None:
    meta = letter.meta
    return None if meta is None else _year(meta.signed, meta.published)


def _contacts(letter: Mapping[str, Any]) -> str:
    return _encode(list((letter.get("meta") or {}).get("contacts") or ()))


def _contacts_of(letter: Any) -> str:
    contacts = () if letter.meta is None else letter.meta.contacts or ()
    return _encode([contact.to_dict() for contact in contacts])


def _currency(money: Mapping[str, Any]) -> Any:
    return money.get("currency", "CNY")


def _currency_of(money: Any) -> Any:
    return money.currency


def _money_yuan(item: Mapping[str, Any]) -> Decimal | None:
    money = item.get("money")
    if not money:  # most items
        return None
    return _sum_yuan([m.get("yuan") for m in money])


def _money_yuan_of(item: Any) -> Decimal | None:
    return _sum_yuan([m.yuan for m in item.money]) if item.money else None


def _sum_yuan(amounts: list[Any]) -> Decimal | None:
    exact = [Decimal(str(yuan)) for yuan in amounts if yuan is not None]
    return sum(exact, Decimal(0)) if exact else None


def _n_money(item: Mapping[str, Any]) -> int:
    return len(item.get("money") or [])


def _n_money_of(item: Any) -> int:
    return len(item.money or ())


_SIGNED_YEAR = Derived(_signed_year, _signed_year_of)
_CONTACTS = Derived(_contacts, _contacts_of)
_CURRENCY = Derived(_currency, _currency_of)
_MONEY_YUAN = Derived(_money_yuan, _money_yuan_of)
_N_MONEY = Derived(_n_money, _n_money_of)


_MENTION_HEAD = (
    _given("letter_id", "text", "SHA-256 hex of the letter's text (letters.id)"),
    _given("ord", "int", "position of the item in its list in the letter, from 0"),
    _c("text", "text", "the mention exactly as written"),
    _c("span_start", "int", "start of the span [start, end) into the letter's text", "span.0"),
    _c("span_end", "int", "end of the span", "span.1"),
)
_MENTION_TAIL = (
    _c("stance", "text", "stance of the statement holding the mention"),
    _c("section", "int", "top-level section number holding the mention"),
)
_RANGE = (
    _c("approx", "text", "approximation or bound word (余, 近, 约, 超过 …)"),
    _c("range_low", "decimal", "low end of a range, in the written unit", "range.0"),
    _c("range_high", "decimal", "high end of a range, in the written unit", "range.1"),
    _c("per", "text", "basis of a rate (每亩, /人)"),
    _c("inferred", "bool", "unit inferred from a neighbour (3至5亿元: 3 亿元)"),
)


def _meta(name: str, type_: ColumnType, doc: str, *, json: bool = False) -> Column:
    """A column of ``letters`` read from ``meta.<name>``."""
    return _c(name, type_, doc, f"meta.{name}", json=json)


TABLES: dict[str, tuple[Column, ...]] = {
    "letters": (
        _given("id", "text", "SHA-256 hex of the letter's text: the letter's identity, unique"),
        _given("path", "text", "the first input path the letter was read from"),
        _c("schema", "text", "output contract version (replyparse/2)"),
        _meta("title", "text", "meta.title"),
        _meta("meeting", "text", "meta.meeting (省十三届人大五次会议)"),
        _c("meeting_level", "text", "meta.meeting_info.level (省)", "meta.meeting_info.level"),
        _c("meeting_body", "text", "meta.meeting_info.body (人大, 政协)",
           "meta.meeting_info.body"),
        _c("meeting_term", "int", "meta.meeting_info.term (13)", "meta.meeting_info.term"),
        _c("meeting_session", "int", "meta.meeting_info.session (5)",
           "meta.meeting_info.session"),
        _meta("proposal_number", "text", "meta.proposal_number"),
        _meta("proposal_class", "text", "meta.proposal_class (经济发展类)"),
        _meta("proposal_title", "text", "meta.proposal_title"),
        _meta("proposal_kind", "text", "meta.proposal_kind (建议, 提案 …)"),
        _meta("reply_kind", "text", "meta.reply_kind (答复, 复函 …)"),
        _meta("addressee", "text", "meta.addressee"),
        _meta("addressee_role", "text", "meta.addressee_role (代表, 委员)"),
        _meta("author", "text", "meta.author"),
        _meta("source", "text", "meta.source"),
        _meta("published", "text", "meta.published, ISO date"),
        _meta("responder", "text", "meta.responder, the responding organ"),
        _meta("signed", "text", "meta.signed, ISO date"),
        _c("signed_year", "int", "year of meta.signed (else of meta.published)", _SIGNED_YEAR),
        _c("doc_number", "text", "meta.doc_number.text (辽发改函〔2021〕123号)",
           "meta.doc_number.text"),
        _meta("category", "text", "meta.category (A/B/C)"),
        _meta("disclosure", "text", "meta.disclosure"),
        _meta("issuer", "text", "meta.issuer"),
        _meta("index_number", "text", "meta.index_number"),
        _meta("signers", "text", "meta.signers, JSON list", json=True),
        _c("contacts", "text", "meta.contacts, JSON list of objects", _CONTACTS),
        _meta("cc", "text", "meta.cc, JSON list", json=True),
        _meta("printer", "text", "meta.printer, the office of the 印发 line"),
        _meta("printed", "text", "meta.printed, ISO date of the 印发 line"),
        _meta("attachments", "text", "meta.attachments, JSON list", json=True),
        _c("warnings", "text", "warnings, JSON list", json=True),
        _given("n_chars", "int", "length of the text in characters"),
        _given("text", "text", "the letter's full text (spans index into it); empty if unknown"),
    ),
    "sections": (
        _given("letter_id", "text", "letters.id"),
        _given("ord", "int", "position in a pre-order walk of the section tree, from 0"),
        _given("parent_ord", "int", "ord of the enclosing section; null at top level"),
        _c("number", "int", "number among its siblings, from 1"),
        _c("level", "int", "depth, 1 for top-level sections"),
        _c("label", "text", "the marker as written (一, （一）, 1); null if unnumbered"),
        _c("heading", "text", "heading text"),
        _c("topic", "text", "heading reduced to its topic"),
        _c("span_start", "int", "start of the section's span", "span.0"),
        _c("span_end", "int", "end of the section's span", "span.1"),
        _c("heading_start", "int", "start of the heading's span", "heading_span.0"),
        _c("heading_end", "int", "end of the heading's span", "heading_span.1"),
    ),
    "statements": (
        _given("letter_id", "text", "letters.id"),
        _given("ord", "int", "position of the sentence in the letter, from 0"),
        _c("text", "text", "the sentence"),
        _c("span_start", "int", "start of the sentence's span", "span.0"),
        _c("span_end", "int", "end of the sentence's span", "span.1"),
        _c("stance", "text", "achievement, commitment or other"),
        _c("cues", "text", "cues that decided the stance, JSON list", json=True),
        _c("section", "int", "top-level section number"),
        _c("subsection", "int", "number of the subsection within that section"),
        _c("paragraph", "int", "paragraph index in the letter"),
    ),
    "money": (
        *_MENTION_HEAD,
        _c("value", "decimal", "amount in the written unit"),
        _c("unit", "text", "the written unit (亿元, 万元 …)"),
        _c("yuan", "decimal", "exact amount in yuan; null if vague or a range"),
        _c("currency", "text", "ISO currency code (CNY)", _CURRENCY),
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
        _c("period_start", "int", "first year of a period in the title", "period.0"),
        _c("period_end", "int", "last year of that period", "period.1"),
        *_MENTION_TAIL,
    ),
    "items": (
        _given("letter_id", "text", "letters.id"),
        _given("ord", "int", "position among the letter's items: commitments, achievements, "
               "declined, each in text order"),
        _c("kind", "text", "commitment, achievement or declined"),
        _c("text", "text", "the clause or sentence of the item"),
        _c("span_start", "int", "start of the item's span", "span.0"),
        _c("span_end", "int", "end of the item's span", "span.1"),
        _c("actor", "text", "canonical names of the organs that act, JSON list", json=True),
        _c("actor_text", "text", "the actors as written, JSON list", json=True),
        _c("actor_inferred", "bool", "no organ named: actor taken from context"),
        _c("action", "text", "what is (to be) done"),
        _c("action_start", "int", "start of the action's span", "action_span.0"),
        _c("action_end", "int", "end of the action's span", "action_span.1"),
        _c("when_text", "text", "time anchor as written (下一步, 2021年底前)", "when.text"),
        _c("when_year", "int", "the anchor's year", "when.year"),
        _c("when_from", "int", "first year of the anchor's range", "when.range.0"),
        _c("when_to", "int", "last year of the anchor's range", "when.range.1"),
        _c("horizon", "text", "year, range or unspecified", "when.horizon"),
        _c("strength", "text", "firm, intended, effort or study"),
        _c("cue", "text", "the cue word that decided the strength"),
        _c("money_yuan", "decimal", "sum of the item's exact money amounts; null if none",
           _MONEY_YUAN),
        _c("n_money", "int", "money mentions in the item (money rows within its span)",
           _N_MONEY),
        _c("section", "int", "top-level section number"),
        _c("subsection", "int", "subsection number within that section"),
    ),
    "item_actors": (
        _given("letter_id", "text", "letters.id"),
        _given("ord", "int", "position among the letter's item actors"),
        _given("item", "int", "items.ord of the item this organ acts in"),
        _given("actor", "text", "canonical name of one actor of the item"),
        _given("actor_text", "text", "that actor as written (我委), empty when inferred"),
        _c("inferred", "bool", "the item named no organ: actor taken from context",
           "actor_inferred"),
    ),
}
"""Every table and its columns, in order; ``letters`` first, children after."""

ITEM_KINDS = ("commitments", "achievements", "declined")
"""Lists of the output contract that go to the ``items`` table, in this order."""

CHILD_TABLES = tuple(name for name in TABLES if name != "letters")

_MENTIONS = ("statements", "money", "areas", "quantities", "departments", "documents")
"""Child tables with one row per item of the letter's list of the same name."""


# -- one function per table, written from its columns -----------------------------------

Form = Literal["row", "record"]
"""What a table's function returns: a :data:`Row` dict or a :data:`Record` tuple."""

Of = Literal["mapping", "object"]
"""What a table's function reads: the item's dict (``to_dict()``, a JSONL record) or the
model's object itself (``Letter``, ``Money`` …: :func:`letter_records`)."""

_EMPTY: Mapping[str, Any] = MappingProxyType({})
_NO_PAIR = (None, None)


@cache
def _builders(form: Form, of: Of = "mapping") -> dict[str, Callable[..., Any]]:
    """Each table's function making a row (or record) of an item, in ``form``.

    Written on first use from :data:`TABLES` (~1 ms for all): a loop over the columns
    would cost a call per value, and records are made for every letter a worker parses.
    """
    return {name: _write_builder(name, form, of) for name in TABLES}


def _write_builder(name: str, form: Form, of: Of = "mapping") -> Callable[..., Any]:
    """``build(item, *, <given columns>)``: the row of ``item`` as one dict display or
    tuple in column order, each value written out from its column's source."""
    env: dict[str, Any] = {"_json": _json, "_Decimal": Decimal, "_str": str, "_format": format,
                           "_EMPTY": _EMPTY, "_NO_PAIR": _NO_PAIR}
    steps: dict[str, str] = {}  # a path's container local → the line that sets it
    given: list[str] = []
    values: list[str] = []
    for i, column in enumerate(TABLES[name]):
        if column.given:
            # a parameter of its own name (the mapping is ``_item``: item_actors has ``item``)
            assert column.name.isidentifier() and not keyword.iskeyword(column.name)
            assert not column.name.startswith("_"), column.name
            given.append(column.name)
            value = column.name
        elif isinstance(column.source, Derived):
            source = column.source
            env[f"_f{i}"] = source.of_mapping if of == "mapping" else source.of_object
            value = f"_f{i}(_item)"
        else:
            value = _path(column.source or column.name, steps, of)
        if column.json:
            value = f"_json({value})"
        elif column.type == "bool":
            value = f"bool({value})"
        elif column.type == "decimal":
            exact = f"_Decimal(_str(_v{i}))"
            if of == "object":
                # the model's Decimal is already what its text in to_dict() reads back as
                exact = f"(_v{i} if _v{i}.__class__ is _Decimal else {exact})"
            if form == "record":
                exact = f"_format({exact}, 'f')"
            value = f"(None if (_v{i} := {value}) is None else {exact})"
        values.append(value if form == "record" else f"{column.name!r}: {value}")
    body = ", ".join(values)
    result = f"({body},)" if form == "record" else f"{{{body}}}"
    source_text = (f"def build(_item, *, {', '.join(given)}):\n"
                   + "".join(f"    {line}\n" for line in steps.values())
                   + f"    return {result}\n")
    exec(source_text, env)
    build: Callable[..., Any] = env["build"]
    build.__qualname__ = f"{form}_of_{name}" + ("_object" if of == "object" else "")
    return build


def _path(path: str, steps: dict[str, str], of: Of = "mapping") -> str:
    """The expression of a dotted path into ``_item``, its containers set once per row in
    ``steps`` (``span.0`` and ``span.1`` read ``item["span"]`` once).  Read as keys of
    mappings or, ``of`` objects, as attributes (an object on the way may be ``None``)."""
    *containers, last = path.split(".")
    holder = "_item"
    for depth, key in enumerate(containers):
        local = "_p_" + "_".join(containers[:depth + 1])
        assert local.isidentifier(), path
        pair = path.split(".")[depth + 1].isdigit()
        if of == "mapping":
            line = f"{local} = {holder}.get({key!r}) or {'_NO_PAIR' if pair else '_EMPTY'}"
        else:
            line = f"{local} = {_attribute(holder, key)}" + (" or _NO_PAIR" if pair else "")
        assert steps.setdefault(local, line) == line, f"{path}: a pair and a mapping"
        holder = local
    if last.isdigit():
        assert int(last) < len(_NO_PAIR), path
        return f"{holder}[{last}]"
    return f"{holder}.get({last!r})" if of == "mapping" else _attribute(holder, last)


def _attribute(holder: str, name: str) -> str:
    """``holder.name``, ``None`` where the object ``holder`` is (the row's item never is).

    A test, not a stand-in object answering ``None`` to every name: its ``__getattr__``
    would cost ~0.35 µs a read, and most items have no ``when``."""
    assert name.isidentifier() and not keyword.iskeyword(name), name
    if holder == "_item":
        return f"_item.{name}"
    return f"(None if {holder} is None else {holder}.{name})"


# -- a letter's rows ----------------------------------------------------------------------


def _storable(path: str | None) -> str | None:
    """``path`` as text a database stores: a file name that is not UTF-8 (the OS hands its
    stray bytes over as lone surrogates) with each of those written ``\\udcff``, as the
    JSON and CSV outputs write it."""
    if path is None or path.isascii():
        return path
    return path.encode("utf-8", "backslashreplace").decode("utf-8")


def flatten(letter: Mapping[str, Any], *, letter_id: str, path: str | None = None,
            text: str | None = None) -> dict[str, list[Row]]:
    """Rows per table (every key of :data:`TABLES`; each row has all its columns).

    ``letter`` is ``Letter.to_dict()`` (or a JSONL record); ``text`` the letter's text, kept
    in ``letters.text`` so spans can be looked up in the database.
    """
    return {"letters": [letter_row(letter, letter_id=letter_id, path=path, text=text)],
            **child_rows(letter, letter_id=letter_id)}


def flatten_records(letter: Mapping[str, Any], *, letter_id: str, path: str | None = None,
                    text: str | None = None) -> dict[str, list[Record]]:
    """:func:`flatten` as :data:`Record` tuples, every table (what :func:`records` makes of
    :func:`flatten`'s rows, made directly)."""
    return {"letters": [letter_record(letter, letter_id=letter_id, path=path, text=text)],
            **child_records(letter, letter_id=letter_id)}


def letter_records(letter: Letter, *, letter_id: str, path: str | None = None,
                   text: str | None = None) -> dict[str, list[Record]]:
    """:func:`flatten_records` of ``letter.to_dict()``, read from the ``Letter`` itself.

    What ``replyparse export``'s workers send: the same columns and sources, read as
    attributes, so the letter's dict tree is never built (it cost as much as the records).
    """
    builders = _builders("record", "object")
    return {"letters": [_letter(builders["letters"], letter, letter_id, path, text)],
            **_children(letter, letter_id, builders, getattr)}


def letter_row(letter: Mapping[str, Any], *, letter_id: str, path: str | None = None,
               text: str | None = None) -> Row:
    """The ``letters`` row of :func:`flatten` alone."""
    row: Row = _letter(_builders("row")["letters"], letter, letter_id, path, text)
    return row


def letter_record(letter: Mapping[str, Any], *, letter_id: str, path: str | None = None,
                  text: str | None = None) -> Record:
    """The ``letters`` record of :func:`flatten_records` alone."""
    record: Record = _letter(_builders("record")["letters"], letter, letter_id, path, text)
    return record


def _letter(build: Callable[..., Any], letter: Any, letter_id: str,
            path: str | None, text: str | None) -> Any:
    return build(letter, id=letter_id, path=_storable(path),
                 n_chars=None if text is None else len(text), text=text)


def child_rows(letter: Mapping[str, Any], *, letter_id: str) -> dict[str, list[Row]]:
    """The rows of every table but ``letters`` (:data:`CHILD_TABLES`), as in :func:`flatten`."""
    return _children(letter, letter_id, _builders("row"), _key)


def child_records(letter: Mapping[str, Any], *, letter_id: str) -> dict[str, list[Record]]:
    """The records of every table but ``letters``, as in :func:`flatten_records`."""
    return _children(letter, letter_id, _builders("record"), _key)


Get = Callable[[Any, str], Any]
"""How the walk reads a list off the letter or an item: :func:`_key` of a mapping,
``getattr`` of an object."""


def _key(item: Mapping[str, Any], key: str) -> Any:
    return item.get(key)


def _children(letter: Any, letter_id: str, builders: dict[str, Callable[..., Any]],
              get: Get) -> dict[str, list[Any]]:
    tables = {"sections": _sections(letter, letter_id, builders["sections"], get)}
    for name in _MENTIONS:
        build = builders[name]
        tables[name] = [build(item, letter_id=letter_id, ord=i)
                        for i, item in enumerate(get(letter, name) or ())]
    tracked = _tracked(letter, get)
    build = builders["items"]
    tables["items"] = [build(item, letter_id=letter_id, ord=i)
                       for i, item in enumerate(tracked)]
    tables["item_actors"] = _item_actors(tracked, letter_id, builders["item_actors"], get)
    return tables


def _tracked(letter: Any, get: Get) -> list[Any]:
    """The letter's items, in ``items`` order (:data:`ITEM_KINDS`)."""
    return list(chain.from_iterable(get(letter, key) or () for key in ITEM_KINDS))


def _sections(letter: Any, letter_id: str, build: Callable[..., Any], get: Get) -> list[Any]:
    rows: list[Any] = []

    def walk(items: Iterable[Any], parent: int | None) -> None:
        for item in items:
            ord_ = len(rows)
            rows.append(build(item, letter_id=letter_id, ord=ord_, parent_ord=parent))
            walk(get(item, "subsections") or (), ord_)

    walk(list(get(letter, "sections") or ()), None)
    return rows


def _item_actors(tracked: list[Any], letter_id: str, build: Callable[..., Any],
                 get: Get) -> list[Any]:
    """One row per (item, actor), so items can be grouped by organ in plain SQL."""
    rows: list[Any] = []
    for item_ord, item in enumerate(tracked):
        written = list(get(item, "actor_text") or ())
        for i, actor in enumerate(get(item, "actor") or ()):
            rows.append(build(item, letter_id=letter_id, ord=len(rows), item=item_ord,
                              actor=actor, actor_text=written[i] if i < len(written) else ""))
    return rows


# -- rows given as dicts ------------------------------------------------------------------


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
