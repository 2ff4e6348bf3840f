"""A readable, plain-text outline of a parsed letter, for people in a terminal."""

from __future__ import annotations

from collections import Counter

from replyparse.meta_fields import META_FIELDS, found_fields
from replyparse.model import Letter, Section

_WIDTH = max(len(name) for name in META_FIELDS)
_STANCE_MARK = {"achievement": "done", "commitment": "will", "other": "    "}


def outline(letter: Letter) -> str:
    """Every metadata field read (one a line, in the schema's order), then each section with
    its statements' stances and amounts."""
    out = [f"{name:<{_WIDTH}} {value}" for name, value in found_fields(letter.meta.to_dict())]
    stances = Counter(s.stance for s in letter.statements)
    out.append(
        f"statements {len(letter.statements)}: {stances['achievement']} achievement, "
        f"{stances['commitment']} commitment, {stances['other']} other"
    )
    for section in letter.sections:
        _section(letter, section, out, "")
    if letter.warnings:
        out.append("warnings   " + "; ".join(letter.warnings))
    return "\n".join(out) + "\n"


def _section(letter: Letter, section: Section, out: list[str], indent: str) -> None:
    out.append(f"{indent}{section.label or '·'} {section.topic}")
    start, end = section.span
    items = [
        (m.span[0], f"{m.text} = {m.yuan} 元" if m.yuan is not None else m.text, m.stance)
        for m in letter.money
        if start <= m.span[0] < end
    ] + [
        (a.span[0], f"{a.text} = {a.mu} 亩" if a.mu is not None else a.text, a.stance)
        for a in letter.areas
        if start <= a.span[0] < end
    ]
    if not section.subsections:
        for _, label, stance in sorted(items):
            out.append(f"{indent}    [{_STANCE_MARK.get(stance or 'other', '    ')}] {label}")
    for sub in section.subsections:
        _section(letter, sub, out, indent + "    ")
