"""One letter as a self-contained HTML page: the text with every item highlighted.

Statements are shaded by stance; money, areas, departments and documents are ``<mark>``
elements with a class per kind, a ``title`` and a CSS tooltip (``data-tip``) giving the
normalised value, canonical name or cues, and ``tabindex="0"`` so the keyboard reaches them.
The page has no script at all and a Content-Security-Policy that forbids any.

The page is built from the dict form (``Letter.to_dict()``) plus the letter's text, so it
works the same for a fresh ``Letter`` and for a stored record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from replyparse.meta_fields import found_fields, missing_fields
from replyparse.model import Letter
from replyparse.render import _css
from replyparse.render._html import attrs, esc, number, page
from replyparse.render.spans import Item, Piece, emit, plan
from replyparse.render.tables import (
    SectionIndex,
    amounts_table,
    departments_table,
    describe_tracked,
    documents_table,
    qualifiers,
    section_name,
    span_of,
    tracked_by_statement,
    tracked_table,
    warnings_list,
)

Record = Mapping[str, Any]

MENTION_KINDS: tuple[tuple[str, str], ...] = (
    ("documents", "document"),
    ("departments", "department"),
    ("money", "money"),
    ("areas", "area"),
)
"""(record field, CSS class) of each mention kind; the order breaks nesting ties (outer first)."""

STANCES = ("achievement", "commitment", "other")
_LAYER_META, _LAYER_HEADING, _LAYER_STATEMENT, _LAYER_MENTION = -1, 0, 1, 2
"""Metadata spans are outermost structure: they are split, never dropped, so every field the
panel lists keeps its link target, and they never make a mention give way."""


@dataclass(frozen=True, slots=True)
class LetterView:
    """The page, and how many items of each kind it highlights or could not highlight."""

    html: str
    shown: Mapping[str, int]
    """By CSS class: ``money``, ``area``, ``department``, ``document``, ``achievement``,
    ``commitment``, ``other``, ``heading``."""
    hidden: Mapping[str, int]
    """Mentions left unhighlighted (partial overlap with another, or a span outside the text)."""


def render_letter(letter: Letter, *, source: str | None = None, back: str | None = None) -> str:
    """The HTML page for ``letter``; ``source`` names the file, ``back`` links to a report."""
    return letter_view(letter.to_dict(), letter.text, source=source, back=back).html


def letter_view(
    record: Record, text: str, *, source: str | None = None, back: str | None = None
) -> LetterView:
    """The page for a parsed letter in dict form (``Letter.to_dict()``) and its ``text``."""
    sections = SectionIndex(record.get("sections") or [])
    meta: Record = record.get("meta") or {}
    items = _meta_items(meta)
    items += _heading_items(record.get("sections") or [], text)
    items += _statement_items(record.get("statements") or [], sections,
                              tracked_by_statement(record))
    for field, kind in MENTION_KINDS:
        items += _mention_items(record.get(field) or [], kind, sections, text)
    laid = plan(items, len(text))
    shown = Counter(p.item.kind for p in laid.pieces if p.first)
    hidden = Counter(it.kind for it in laid.dropped if it.kind != _META_KIND)
    hidden_keys = {it.key for it in laid.dropped}

    title = meta.get("title") or source or "Reply letter"
    body = [
        _header(meta, title, source, back),
        '<div class="layout">',
        _outline(record, sections),
        "<main>",
        _legend(record, shown, hidden),
        _meta_panel(meta, text, hidden_keys),
        '<h2 id="text">Letter</h2>',
        f'<div class="text" lang="zh-Hans">{_emit(text, laid.pieces)}</div>',
        _hidden_note([it for it in laid.dropped if it.kind != _META_KIND]),
        amounts_table(record, sections, hidden_keys),
        departments_table(record.get("departments") or [], hidden_keys),
        documents_table(record.get("documents") or [], hidden_keys),
        tracked_table(record, sections),
        warnings_list(record.get("warnings") or []),
        "</main>",
        "</div>",
    ]
    shown.pop(_META_KIND, None)
    return LetterView(
        html=page(title, _css.LETTER, "\n".join(body)), shown=dict(shown), hidden=dict(hidden)
    )


# --- items --------------------------------------------------------------------------------


def _tag_opener(tag: str, key: str, classes: str, tip: str, data: list[tuple[str, Any]],
                focusable: bool = True) -> Callable[[bool], str]:
    def render_open(first: bool) -> str:
        cls = classes if first else classes + " cont"
        pairs: list[tuple[str, Any]] = [
            ("id", key if first else None),
            ("class", cls),
            ("data-id", key),
            ("tabindex", "0" if focusable and first else None),
            ("title", tip or None),
            ("data-tip", tip or None),
            *data,
        ]
        return f"<{tag}{attrs(pairs)}>"

    return render_open


_META_KIND = "meta"


def _meta_key(field: str) -> str:
    return f"meta-{field}"


def _meta_items(meta: Record) -> list[Item]:
    """The span of each metadata field read, the target of the panel's link to it."""
    spans: Record = meta.get("spans") or {}
    items = []
    for order, (field, value) in enumerate(found_fields(meta)):
        if field not in spans:
            continue
        start, end = span_of({"span": spans[field]})
        key = _meta_key(field)
        opener = _tag_opener("span", key, "metaspan", f"{field}: {value}",
                             [("data-field", field)])
        items.append(Item(start, end, _LAYER_META, order, key, _META_KIND, opener))
    return items


def _heading_items(sections: Sequence[Record], text: str, prefix: str = "sec") -> list[Item]:
    """The heading of each section (with its label, 一、), the outline's link targets."""
    items: list[Item] = []
    for section in sections:
        key = f"{prefix}-{section['number']}"
        start, end = span_of(section)
        h_start, h_end = span_of({"span": section.get("heading_span") or (start, start)})
        if start <= h_start <= h_end <= end and h_end > start:
            h_start = start  # include the label (一、) when it precedes the heading
        elif h_end <= h_start:  # no heading span: the section's first line is the target
            line_end = text.find("\n", start, end)
            h_start, h_end = start, line_end if line_end > start else end
        opener = _tag_opener("span", key, "heading", "", [], focusable=False)
        items.append(Item(h_start, h_end, _LAYER_HEADING, 0, key, "heading", opener))
        items += _heading_items(section.get("subsections") or [], text, key)
    return items


def _statement_items(statements: Sequence[Record], sections: SectionIndex,
                     tracked: Mapping[int, Sequence[Record]]) -> list[Item]:
    items = []
    for i, statement in enumerate(statements, start=1):
        stance = statement.get("stance") or "other"
        stance = stance if stance in STANCES else "other"
        cues = list(statement.get("cues") or [])
        where = sections.name(statement.get("section"), statement.get("subsection"))
        tip = "\n".join(
            line
            for line in (
                f"statement: {stance}",
                f"cues: {', '.join(cues)}" if cues else "cues: none",
                f"strength: {statement['strength']}" if statement.get("strength") else "",
                f"section: {where}" if where else "",
                *(describe_tracked(t) for t in tracked.get(i - 1, ())),
            )
            if line
        )
        key = f"stmt-{i}"
        data = [("data-stance", stance), ("data-cues", " ".join(cues))]
        opener = _tag_opener("span", key, f"stmt {stance}", tip, data)
        start, end = span_of(statement)
        items.append(Item(start, end, _LAYER_STATEMENT, 0, key, stance, opener))
    return items


def _mention_items(mentions: Sequence[Record], kind: str, sections: SectionIndex,
                   text: str) -> list[Item]:
    """One item per mention; one whose ``text`` is not what its span holds (a record paired
    with the wrong letter) gets an impossible span, so it is counted as not highlighted."""
    order = [k for _, k in MENTION_KINDS].index(kind)
    items = []
    for i, mention in enumerate(mentions, start=1):
        key = f"{kind}-{i}"
        lines, data = _DESCRIBE[kind](mention)
        stance = mention.get("stance")
        where = sections.name(mention.get("section"))
        lines += [f"stance: {stance or '-'}", f"section: {where}" if where else ""]
        tip = "\n".join(line for line in lines if line)
        opener = _tag_opener("mark", key, kind, tip, data)
        start, end = span_of(mention)
        written = mention.get("text")
        if written is not None and text[start:end] != written:
            start = end = -1
        items.append(Item(start, end, _LAYER_MENTION, order, key, kind, opener, "</mark>"))
    return items


def _emit(text: str, pieces: Sequence[Piece]) -> str:
    return emit(text, pieces, esc)


# --- what each kind says about itself -------------------------------------------------------


def _describe_money(m: Record) -> tuple[list[str], list[tuple[str, Any]]]:
    value = f"{number(m['yuan'])} yuan" if m.get("yuan") is not None else "no exact value"
    lines = [f"money: {m.get('text', '')}", f"= {value}", *qualifiers(m)]
    return lines, [("data-yuan", m.get("yuan")), ("data-value", m.get("value")),
                   ("data-unit", m.get("unit"))]


def _describe_area(a: Record) -> tuple[list[str], list[tuple[str, Any]]]:
    if a.get("mu") is not None or a.get("hectares") is not None:
        value = f"= {number(a.get('mu'))} mu = {number(a.get('hectares'))} hectares"
    else:
        value = "= no exact value"
    lines = [f"area: {a.get('text', '')}", value, *qualifiers(a)]
    return lines, [("data-mu", a.get("mu")), ("data-hectares", a.get("hectares")),
                   ("data-unit", a.get("unit"))]


def _describe_department(d: Record) -> tuple[list[str], list[tuple[str, Any]]]:
    lines = [
        f"department: {d.get('canonical') or d.get('text', '')}",
        f"level: {d.get('level') or '-'} · kind: {d.get('kind') or '-'}",
        f"place: {d['place']}" if d.get("place") else "",
    ]
    return lines, [("data-canonical", d.get("canonical")), ("data-level", d.get("level")),
                   ("data-kind", d.get("kind"))]


def _describe_document(d: Record) -> tuple[list[str], list[tuple[str, Any]]]:
    period = d.get("period")
    period_text = f"{period[0]}–{period[1]}" if period else None
    lines = [
        f"document: {d.get('title', '')}",
        f"kind: {d.get('kind') or '-'}" + (f" · period: {period_text}" if period_text else ""),
    ]
    return lines, [("data-title", d.get("title")), ("data-kind", d.get("kind")),
                   ("data-period", period_text)]


_DESCRIBE: dict[str, Callable[[Record], tuple[list[str], list[tuple[str, Any]]]]] = {
    "money": _describe_money,
    "area": _describe_area,
    "department": _describe_department,
    "document": _describe_document,
}


# --- page parts -----------------------------------------------------------------------------


def _header(meta: Record, title: str, source: str | None, back: str | None) -> str:
    facts = [
        ("Responder", meta.get("responder")),
        ("Signed", meta.get("signed")),
        ("Meeting", meta.get("meeting")),
        ("Proposal", meta.get("proposal_number")),
        ("To", " ".join(filter(None, (meta.get("addressee"), meta.get("addressee_role"))))),
        ("Source", source),
    ]
    line = " · ".join(f"{name} <b>{esc(value)}</b>" for name, value in facts if value)
    back_link = f'<p class="meta"><a href="{esc(back)}">← archive report</a></p>' if back else ""
    return (
        f'<header class="top">{back_link}<h1>{esc(title)}</h1>'
        f'<p class="meta">{line}</p></header>'
    )


def _meta_panel(meta: Record, text: str, unshown: set[str]) -> str:
    """Every metadata field read, its value and a link to where the letter says it.

    A field without a span, or with one that does not fit the text, is listed without a link.
    Fields not read are named once, in a note below, rather than as rows of dashes: the
    table stays as short as what the parser actually found.
    """
    spans: Record = meta.get("spans") or {}
    rows = []
    for field, value in found_fields(meta):
        key = _meta_key(field)
        written = ""
        if field in spans and key not in unshown:
            start, end = span_of({"span": spans[field]})
            written = f'<a href="#{esc(key)}">{esc(text[start:end])}</a>'
        rows.append(f'<tr data-field="{esc(field)}"><th scope="row">{esc(field)}</th>'
                    f'<td class="value">{esc(value)}</td><td class="written">{written}</td>'
                    "</tr>")
    missing = missing_fields(meta)
    note = (f'<p class="note meta-missing">Not found: {esc(", ".join(missing))}.</p>'
            if missing else "")
    table = ('<table class="meta-fields"><thead><tr><th>field</th><th>value</th>'
             f'<th>as written (link to the text)</th></tr></thead><tbody>{"".join(rows)}'
             "</tbody></table>") if rows else '<p class="note">No metadata found.</p>'
    return f'<section aria-label="Metadata"><h2 id="metadata">Metadata</h2>{table}{note}</section>'


def _outline(record: Record, sections: SectionIndex) -> str:
    stances: Counter[tuple[int | None, int | None, str]] = Counter()
    for statement in record.get("statements") or []:
        stances[(statement.get("section"), statement.get("subsection"),
                 statement.get("stance") or "other")] += 1

    def entries(items: Sequence[Record], parent: int | None) -> str:
        out = []
        for section in items:
            number_, sub = (parent, section["number"]) if parent else (section["number"], None)
            anchor = sections.anchor(number_, sub)
            done = sum(n for (sec, s, st), n in stances.items()
                       if sec == number_ and (sub is None or s == sub) and st == "achievement")
            will = sum(n for (sec, s, st), n in stances.items()
                       if sec == number_ and (sub is None or s == sub) and st == "commitment")
            counts = (f' <span class="count" title="{done} achievements, {will} commitments">'
                      f"{done}/{will}</span>")
            children = section.get("subsections") or []
            nested = f"<ol>{entries(children, section['number'])}</ol>" if children else ""
            out.append(f'<li><a href="#{anchor}">{esc(section_name(section))}</a>'
                       f"{counts}{nested}</li>")
        return "".join(out)

    top = record.get("sections") or []
    return (
        '<nav class="outline" aria-label="Outline"><h2>Outline</h2>'
        '<p class="note">achievements/commitments per section</p>'
        f'<ol>{entries(top, None)}</ol>'
        '<p><a href="#metadata">Metadata</a><br>'
        '<a href="#text">Letter text</a><br><a href="#amounts">Amounts and areas</a><br>'
        '<a href="#departments">Departments</a><br><a href="#documents">Documents</a><br>'
        '<a href="#tracked">Commitments and results</a><br>'
        '<a href="#warnings">Warnings</a></p></nav>'
    )


def _legend(record: Record, shown: Mapping[str, int], hidden: Mapping[str, int]) -> str:
    parts = []
    for field, kind in MENTION_KINDS:
        total = len(record.get(field) or [])
        parts.append(
            f'<span class="legend-{kind}" data-kind="{kind}" data-shown="{shown.get(kind, 0)}"'
            f' data-total="{total}"><span class="swatch {kind}">'
            f"</span>{field} {shown.get(kind, 0)}"
            + (f" of {total}" if total != shown.get(kind, 0) else "") + "</span>"
        )
    for stance in STANCES:
        parts.append(
            f'<span class="legend-{stance}" data-kind="{stance}"'
            f' data-shown="{shown.get(stance, 0)}"><span class="swatch {stance}"></span>'
            f"{stance} {shown.get(stance, 0)}"
            "</span>"
        )
    note = sum(hidden.values())
    extra = f' <span class="note">{note} not highlighted (see below)</span>' if note else ""
    return f'<div class="legend" aria-label="Legend">{"".join(parts)}{extra}</div>'


def _hidden_note(dropped: Sequence[Item]) -> str:
    if not dropped:
        return ""
    keys = ", ".join(esc(it.key) for it in dropped)
    return (
        f'<p class="note hidden-items" data-count="{len(dropped)}">{len(dropped)} item(s)'
        " overlap another mention partially (or have a span that does not fit the text) and"
        f" are not highlighted; mentions among them are still listed in the tables: {keys}.</p>"
    )
