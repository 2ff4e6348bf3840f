"""The letter page's tables (amounts and areas, departments, documents, tracked items,
warnings) and the helpers they share with ``letter.py``.  All read the dict form."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from replyparse.render._html import esc, number

Record = Mapping[str, Any]


class SectionIndex:
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
        name = section_name(section)
        if sub is not None and (number, sub) in self.sub:
            name += " › " + section_name(self.sub[(number, sub)])
        return name

    def anchor(self, number: int | None, sub: int | None = None) -> str | None:
        if number is None or number not in self.top:
            return None
        if sub is not None and (number, sub) in self.sub:
            return f"sec-{number}-{sub}"
        return f"sec-{number}"


def section_name(section: Record) -> str:
    label = section.get("label")
    topic = section.get("topic") or section.get("heading") or ""
    return f"{label} {topic}" if label else str(topic)


def span_of(obj: Record) -> tuple[int, int]:
    span = obj.get("span") or (0, 0)
    return int(span[0]), int(span[1])


def qualifiers(mention: Record) -> list[str]:
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


def link(key: str, text: str, hidden_keys: set[str]) -> str:
    if key in hidden_keys:
        return f'{esc(text)} <span class="note">(not highlighted)</span>'
    return f'<a href="#{esc(key)}">{esc(text)}</a>'


def amounts_table(record: Record, sections: SectionIndex, hidden_keys: set[str]) -> str:
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
            rows.append((span_of(m)[0], (
                f'<tr class="row-{kind}"><td><span class="swatch {kind}"></span>{kind}</td>'
                f"<td>{link(f'{kind}-{i}', m.get('text', ''), hidden_keys)}</td>"
                f'<td class="num">{esc(value)}</td>{cells}'
                f"<td>{esc('; '.join(qualifiers(m)))}</td>"
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


def departments_table(departments: Sequence[Record], hidden_keys: set[str]) -> str:
    groups: dict[str, list[tuple[int, Record]]] = {}
    for i, d in enumerate(departments, start=1):
        groups.setdefault(d.get("canonical") or d.get("text", ""), []).append((i, d))
    if not groups:
        return '<h2 id="departments">Departments</h2><p class="note">None found.</p>'
    rows = []
    for canonical, found in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])):
        first = found[0][1]
        written = " · ".join(link(f"department-{i}", d.get("text", ""), hidden_keys)
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


def documents_table(documents: Sequence[Record], hidden_keys: set[str]) -> str:
    if not documents:
        return '<h2 id="documents">Documents</h2><p class="note">None cited.</p>'
    rows = []
    for i, d in enumerate(documents, start=1):
        period = d.get("period")
        rows.append(
            f"<tr><td>{link(f'document-{i}', d.get('title', ''), hidden_keys)}</td>"
            f"<td>{esc(d.get('kind') or '-')}</td>"
            f"<td>{esc(f'{period[0]}–{period[1]}' if period else '-')}</td></tr>"
        )
    return (
        '<h2 id="documents">Documents</h2><table class="documents"><thead><tr>'
        "<th>title</th><th>kind</th><th>period</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def warnings_list(warnings: Sequence[str]) -> str:
    if not warnings:
        return '<h2 id="warnings">Warnings</h2><p class="note">None.</p>'
    items = "".join(f"<li>{esc(w)}</li>" for w in warnings)
    return f'<h2 id="warnings">Warnings</h2><ul class="warnings">{items}</ul>'


TRACKED_FIELDS = ("commitments", "achievements", "declined")


def describe_tracked(item: Record) -> str:
    """One line: ``commitment firm (将) · by 辽宁省财政厅 · when 下一步``."""
    strength = " ".join(filter(None, (item.get("strength"),
                                      f"({item['cue']})" if item.get("cue") else None)))
    actors = ", ".join(item.get("actor") or ()) or "-"
    inferred = " (inferred)" if item.get("actor_inferred") else ""
    when = (item.get("when") or {}).get("text")
    parts = [f"{item.get('kind', 'item')} {strength}".strip(), f"by {actors}{inferred}"]
    if when:
        parts.append(f"when {when}")
    return " · ".join(parts)


def tracked_by_statement(record: Record) -> dict[int, list[Record]]:
    """Tracked items (commitments, achievements, declined) by the statement that holds them."""
    from bisect import bisect_right

    statements = record.get("statements") or []
    starts = [span_of(s)[0] for s in statements]
    out: dict[int, list[Record]] = {}
    for field in TRACKED_FIELDS:
        for item in record.get(field) or []:
            start, end = span_of(item)
            i = bisect_right(starts, start) - 1
            if i >= 0 and end <= span_of(statements[i])[1]:
                out.setdefault(i, []).append(item)
    return out


def tracked_table(record: Record, sections: SectionIndex) -> str:
    """Commitments, achievements and refusals, each linked to its statement."""
    holder = {id(item): i for i, items in tracked_by_statement(record).items() for item in items}
    rows = []
    for field in TRACKED_FIELDS:
        for item in record.get(field) or []:
            i = holder.get(id(item))
            action = item.get("action") or item.get("text", "")
            cell = (f'<a href="#stmt-{i + 1}">{esc(action)}</a>' if i is not None
                    else esc(action))
            when = (item.get("when") or {}).get("text") or "-"
            actors = ", ".join(item.get("actor") or ()) or "-"
            if item.get("actor_inferred"):
                actors += " (inferred)"
            rows.append(
                f'<tr class="tracked-{esc(item.get("kind", ""))}"><td>{esc(item.get("kind", ""))}'
                f"</td><td>{esc(item.get('strength') or '-')}</td><td>{esc(actors)}</td>"
                f"<td>{esc(when)}</td><td>{cell}</td>"
                f"<td>{esc(sections.name(item.get('section'), item.get('subsection')))}</td></tr>"
            )
    if not rows:
        return '<h2 id="tracked">Commitments and results</h2><p class="note">None found.</p>'
    return (
        '<h2 id="tracked">Commitments and results</h2><table class="tracked"><thead><tr>'
        "<th>kind</th><th>strength</th><th>actor</th><th>when</th><th>action</th>"
        f"<th>section</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
