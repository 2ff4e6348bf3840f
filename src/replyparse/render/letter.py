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

from replyparse.model import Letter
from replyparse.render import _css
from replyparse.render._html import attrs, esc, number, page
from replyparse.render.spans import Item, Piece, emit, plan

Record = Mapping[str, Any]

MENTION_KINDS: tuple[tuple[str, str], ...] = (
    ("documents", "document"),
    ("departments", "department"),
    ("money", "money"),
    ("areas", "area"),
)
"""(record field, CSS class) of each mention kind; the order breaks nesting ties (outer first)."""

STANCES = ("achievement", "commitment", "other")
_LAYER_HEADING, _LAYER_STATEMENT, _LAYER_MENTION = 0, 1, 2


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
    sections = _SectionIndex(record.get("sections") or [])
    items = _heading_items(record.get("sections") or [])
    items += _statement_items(record.get("statements") or [], sections)
    for field, kind in MENTION_KINDS:
        items += _mention_items(record.get(field) or [], kind, sections)
    laid = plan(items, len(text))
    shown = Counter(p.item.kind for p in laid.pieces if p.first)
    hidden = Counter(it.kind for it in laid.dropped)
    hidden_keys = {it.key for it in laid.dropped}

    meta: Record = record.get("meta") or {}
    title = meta.get("title") or source or "Reply letter"
    body = [
        _header(meta, title, source, back),
        '<div class="layout">',
        _outline(record, sections),
        "<main>",
        _legend(record, shown, hidden),
        '<h2 id="text">Letter</h2>',
        f'<div class="text" lang="zh-Hans">{_emit(text, laid.pieces)}</div>',
        _hidden_note(laid.dropped),
        _amounts_table(record, sections, hidden_keys),
        _departments_table(record.get("departments") or [], hidden_keys),
        _documents_table(record.get("documents") or [], hidden_keys),
        _warnings(record.get("warnings") or []),
        "</main>",
        "</div>",
    ]
    return LetterView(
        html=page(title, _css.LETTER, "\n".join(body)), shown=dict(shown), hidden=dict(hidden)
    )


# --- items --------------------------------------------------------------------------------


class _SectionIndex:
    """Section labels by top-level number and by (number, subsection number)."""

    def __init__(self, sections: Sequence[Record]) -> None:
        self.top: dict[int, Record] = {}
        self.sub: dict[tuple[int, int], Record] = {}
        for section in sections:
            self.top[section["number"]] = section
            for sub in section.get("subsections") or []:
                self.sub[(section["number"], sub["number"])] = sub

    def name(self, number: int | None, sub: int | None = None) -> str:
        """``一 加强顶层设计…`` (with `` › 资金保障`` for a subsection); ``""`` if unknown."""
        section = self.top.get(number) if number is not None else None
        if number is None or section is None:
            return ""
        name = _section_name(section)
        if sub is not None and (number, sub) in self.sub:
            name += " › " + _section_name(self.sub[(number, sub)])
        return name

    def anchor(self, number: int | None, sub: int | None = None) -> str | None:
        if number is None or number not in self.top:
            return None
        if sub is not None and (number, sub) in self.sub:
            return f"sec-{number}-{sub}"
        return f"sec-{number}"


def _section_name(section: Record) -> str:
    label = section.get("label")
    topic = section.get("topic") or section.get("heading") or ""
    return f"{label} {topic}" if label else str(topic)


def _span(obj: Record) -> tuple[int, int]:
    span = obj.get("span") or (0, 0)
    return int(span[0]), int(span[1])


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


def _heading_items(sections: Sequence[Record], prefix: str = "sec") -> list[Item]:
    items: list[Item] = []
    for section in sections:
        key = f"{prefix}-{section['number']}"
        start, end = _span(section)
        h_start, h_end = _span({"span": section.get("heading_span") or (start, start)})
        if start <= h_start <= h_end <= end and h_end > start:
            h_start = start  # include the label (一、) when it precedes the heading
        opener = _tag_opener("span", key, "heading", "", [], focusable=False)
        items.append(Item(h_start, h_end, _LAYER_HEADING, 0, key, "heading", opener))
        items += _heading_items(section.get("subsections") or [], key)
    return items


def _statement_items(statements: Sequence[Record], sections: _SectionIndex) -> list[Item]:
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
            )
            if line
        )
        key = f"stmt-{i}"
        data = [("data-stance", stance), ("data-cues", " ".join(cues))]
        opener = _tag_opener("span", key, f"stmt {stance}", tip, data)
        start, end = _span(statement)
        items.append(Item(start, end, _LAYER_STATEMENT, 0, key, stance, opener))
    return items


def _mention_items(mentions: Sequence[Record], kind: str, sections: _SectionIndex) -> list[Item]:
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
        start, end = _span(mention)
        items.append(Item(start, end, _LAYER_MENTION, order, key, kind, opener, "</mark>"))
    return items


def _emit(text: str, pieces: Sequence[Piece]) -> str:
    return emit(text, pieces, esc)


# --- what each kind says about itself -------------------------------------------------------


def _qualifiers(mention: Record) -> list[str]:
    lines = []
    if mention.get("approx"):
        lines.append(f"approx: {mention['approx']}")
    if mention.get("range"):
        low, high = mention["range"]
        lines.append(f"range: {number(low)}–{number(high)} {mention.get('unit', '')}")
    if mention.get("per"):
        lines.append(f"per: {mention['per']}")
    if mention.get("inferred"):
        lines.append("unit inferred from context")
    return lines


def _describe_money(m: Record) -> tuple[list[str], list[tuple[str, Any]]]:
    value = f"{number(m['yuan'])} yuan" if m.get("yuan") is not None else "no exact value"
    lines = [f"money: {m.get('text', '')}", f"= {value}", *_qualifiers(m)]
    return lines, [("data-yuan", m.get("yuan")), ("data-value", m.get("value")),
                   ("data-unit", m.get("unit"))]


def _describe_area(a: Record) -> tuple[list[str], list[tuple[str, Any]]]:
    if a.get("mu") is not None or a.get("hectares") is not None:
        value = f"= {number(a.get('mu'))} mu = {number(a.get('hectares'))} hectares"
    else:
        value = "= no exact value"
    lines = [f"area: {a.get('text', '')}", value, *_qualifiers(a)]
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


def _outline(record: Record, sections: _SectionIndex) -> str:
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
            out.append(f'<li><a href="#{anchor}">{esc(_section_name(section))}</a>'
                       f"{counts}{nested}</li>")
        return "".join(out)

    top = record.get("sections") or []
    return (
        '<nav class="outline" aria-label="Outline"><h2>Outline</h2>'
        '<p class="note">achievements/commitments per section</p>'
        f'<ol>{entries(top, None)}</ol>'
        '<p><a href="#text">Letter text</a><br><a href="#amounts">Amounts and areas</a><br>'
        '<a href="#departments">Departments</a><br><a href="#documents">Documents</a><br>'
        '<a href="#warnings">Warnings</a></p></nav>'
    )


def _legend(record: Record, shown: Mapping[str, int], hidden: Mapping[str, int]) -> str:
    parts = []
    for field, kind in MENTION_KINDS:
        total = len(record.get(field) or [])
        parts.append(
            f'<span class="legend-{kind}" data-kind="{kind}" data-shown="{shown.get(kind, 0)}"'
            f' data-total="{total}"><span class="swatch" style="background:{_css.COLOURS[kind]}">'
            f"</span>{field} {shown.get(kind, 0)}"
            + (f" of {total}" if total != shown.get(kind, 0) else "") + "</span>"
        )
    for stance in STANCES:
        parts.append(
            f'<span class="legend-{stance}" data-kind="{stance}"'
            f' data-shown="{shown.get(stance, 0)}"><span class="swatch stmt {stance}"'
            f' style="background:{_css.COLOURS[stance]}"></span>{stance} {shown.get(stance, 0)}'
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
        f'<p class="note hidden-items" data-count="{len(dropped)}">{len(dropped)} mention(s)'
        f" overlap another partially (or lie outside the text) and are listed in the tables but"
        f" not highlighted: {keys}.</p>"
    )


def _link(key: str, text: str, hidden_keys: set[str]) -> str:
    if key in hidden_keys:
        return f'{esc(text)} <span class="note">(not highlighted)</span>'
    return f'<a href="#{esc(key)}">{esc(text)}</a>'


def _amounts_table(record: Record, sections: _SectionIndex, hidden_keys: set[str]) -> str:
    rows = []
    for field, kind in (("money", "money"), ("areas", "area")):
        for i, m in enumerate(record.get(field) or [], start=1):
            if kind == "money":
                normal = f"{number(m['yuan'])} 元" if m.get("yuan") is not None else "—"
                cells = f'<td class="num">{esc(normal)}</td><td class="num"></td>'
            else:
                mu = f"{number(m['mu'])} 亩" if m.get("mu") is not None else "—"
                ha = f"{number(m['hectares'])} 公顷" if m.get("hectares") is not None else "—"
                cells = f'<td class="num">{esc(mu)}</td><td class="num">{esc(ha)}</td>'
            value = f"{number(m.get('value'))} {m.get('unit', '')}".strip()
            rows.append((_span(m)[0], (
                f'<tr class="row-{kind}"><td><span class="swatch" '
                f'style="background:{_css.COLOURS[kind]}"></span>{kind}</td>'
                f"<td>{_link(f'{kind}-{i}', m.get('text', ''), hidden_keys)}</td>"
                f'<td class="num">{esc(value)}</td>{cells}'
                f"<td>{esc('; '.join(_qualifiers(m)))}</td>"
                f"<td>{esc(m.get('stance') or '-')}</td>"
                f"<td>{esc(sections.name(m.get('section')))}</td></tr>"
            )))
    if not rows:
        return '<h2 id="amounts">Amounts and areas</h2><p class="note">None found.</p>'
    body = "".join(row for _, row in sorted(rows, key=lambda r: r[0]))
    return (
        '<h2 id="amounts">Amounts and areas</h2><table class="amounts"><thead><tr>'
        "<th>kind</th><th>as written</th><th>value</th><th>yuan / mu</th><th>hectares</th>"
        "<th>qualifiers</th><th>stance</th><th>section</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _departments_table(departments: Sequence[Record], hidden_keys: set[str]) -> str:
    groups: dict[str, list[tuple[int, Record]]] = {}
    for i, d in enumerate(departments, start=1):
        groups.setdefault(d.get("canonical") or d.get("text", ""), []).append((i, d))
    if not groups:
        return '<h2 id="departments">Departments</h2><p class="note">None found.</p>'
    rows = []
    for canonical, found in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])):
        first = found[0][1]
        written = " · ".join(_link(f"department-{i}", d.get("text", ""), hidden_keys)
                             for i, d in found)
        rows.append(
            f"<tr><td>{esc(canonical)}</td><td>{esc(first.get('level') or '-')}</td>"
            f"<td>{esc(first.get('kind') or '-')}</td><td class=\"num\">{len(found)}</td>"
            f"<td>{written}</td></tr>"
        )
    return (
        '<h2 id="departments">Departments</h2><table class="departments"><thead><tr>'
        "<th>canonical name</th><th>level</th><th>kind</th><th>mentions</th><th>as written</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _documents_table(documents: Sequence[Record], hidden_keys: set[str]) -> str:
    if not documents:
        return '<h2 id="documents">Documents</h2><p class="note">None cited.</p>'
    rows = []
    for i, d in enumerate(documents, start=1):
        period = d.get("period")
        rows.append(
            f"<tr><td>{_link(f'document-{i}', d.get('title', ''), hidden_keys)}</td>"
            f"<td>{esc(d.get('kind') or '-')}</td>"
            f"<td>{esc(f'{period[0]}–{period[1]}' if period else '-')}</td></tr>"
        )
    return (
        '<h2 id="documents">Documents</h2><table class="documents"><thead><tr>'
        "<th>title</th><th>kind</th><th>period</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _warnings(warnings: Sequence[str]) -> str:
    if not warnings:
        return '<h2 id="warnings">Warnings</h2><p class="note">None.</p>'
    items = "".join(f"<li>{esc(w)}</li>" for w in warnings)
    return f'<h2 id="warnings">Warnings</h2><ul class="warnings">{items}</ul>'
