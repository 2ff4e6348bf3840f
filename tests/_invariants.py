"""What must hold for any ``Letter`` of any input (issue #8); shared by the property tests.

``check_letter`` asserts:

* every object with a ``span`` slices the input to its ``text`` (statements, money, areas,
  quantities, departments, documents, tracked items and their ``when``, the 文号, contacts,
  mentions inside tracked items), every ``action_span`` to its ``action``, every section's
  ``span`` to its text and ``heading_span`` to its ``heading``;
* every ``meta.spans`` entry lies inside the text, and slices it to the field's value where
  the value is read verbatim (addressee, responder, author …), or does but for
  white space (title and proposal title, read from wrapped title lines);
* sections nest: a heading lies inside its section, subsections inside their parent, siblings
  are sorted and do not overlap;
* statements are sorted, do not overlap, and lie inside the section (and subsection) they
  name;
* no warning says "internal error";
* ``to_json()`` parses back to ``to_dict()``.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Sequence
from typing import Any

from replyparse.model import Letter, Section, Span

#: Meta fields whose value is exactly the text at ``meta.spans[field]``.
META_SLICED = frozenset({"addressee", "addressee_role", "responder", "author", "source",
                         "issuer", "index_number", "printer"})
#: Read from title lines joined without their breaks: equal to the text but for white space.
META_JOINED = frozenset({"title", "proposal_title"})


def _inside(span: Span, length: int) -> bool:
    return 0 <= span[0] <= span[1] <= length


def _within(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _spanned(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every dataclass reachable from ``value`` that has a ``span``, with where it sits."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "span"):
            yield path, value
        for f in dataclasses.fields(value):
            if f.name != "text":
                yield from _spanned(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _spanned(item, f"{path}[{i}]")


def check_spans(letter: Letter, text: str) -> int:
    """Every span slices ``text`` to its item; returns how many spans were checked."""
    checked = 0
    for path, item in _spanned(letter, "letter"):
        assert _inside(item.span, len(text)), (path, item.span)
        start, end = item.span
        if isinstance(item, Section):
            assert text[start:end] == item.text, path
            h_start, h_end = item.heading_span
            assert _inside(item.heading_span, len(text)), path
            assert text[h_start:h_end] == item.heading, path
            assert _within(item.heading_span, item.span), path
        else:
            assert text[start:end] == item.text, (path, item.span, item.text)
        action_span = getattr(item, "action_span", None)
        if action_span is not None and item.action:
            a_start, a_end = action_span
            assert text[a_start:a_end] == item.action, path
            assert _within(action_span, item.span), path
        checked += 1
    for name, span in letter.meta.spans.items():
        assert _inside(span, len(text)), name
        value = getattr(letter.meta, name, None)
        if name in META_SLICED and value is not None:
            assert text[span[0]:span[1]] == value, name
        elif name in META_JOINED and value is not None:  # a title may wrap over two lines
            assert "".join(text[span[0]:span[1]].split()) == "".join(value.split())
        checked += 1
    return checked


def _check_tree(sections: Sequence[Section], parent: Span | None) -> None:
    last_end = -1
    for section in sections:
        assert section.span[0] >= last_end, ("siblings overlap", section.span, last_end)
        last_end = section.span[1]
        if parent is not None:
            assert _within(section.span, parent), ("subsection outside parent", section.span)
        _check_tree(section.subsections, section.span)


def check_nesting(letter: Letter) -> None:
    """Sections nest; statements are ordered and sit inside the sections they name."""
    _check_tree(letter.sections, None)
    last_end = 0
    for statement in letter.statements:
        assert statement.span[0] >= last_end, ("statements overlap", statement.span)
        assert statement.span[0] < statement.span[1], ("empty statement", statement.span)
        last_end = statement.span[1]
        if statement.section is None:
            continue
        homes = [s for s in letter.sections if s.number == statement.section
                 and _within(statement.span, s.span)]
        assert homes, ("statement outside its section", statement.span, statement.section)
        if statement.subsection is not None:
            assert any(
                sub.number == statement.subsection and _within(statement.span, sub.span)
                for home in homes for sub in home.subsections
            ), ("statement outside its subsection", statement.span, statement.subsection)


def check_letter(letter: Letter, text: str) -> int:
    """All of the above; returns the number of spans checked."""
    assert letter.text is text
    checked = check_spans(letter, text)
    check_nesting(letter)
    assert not [w for w in letter.warnings if w.startswith("internal error")], letter.warnings
    assert json.loads(letter.to_json()) == letter.to_dict()
    return checked
