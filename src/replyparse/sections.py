"""Section tree and body segments from the headings ``find_layout`` found.

A section runs from its heading to the next heading of the same or a higher level.  The body
minus the headings' own text is cut into *segments*, each tagged with the section and
sub-section it belongs to; statements are sentences of those segments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from replyparse.headings import Heading, number_of
from replyparse.layout import Layout
from replyparse.model import Section, Span, positional_new
from replyparse.text import strip_span

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TOPIC = (r"^(?:关于)?[“\"「『]?(?P<topic>.+?)[”\"」』]?(?:的)?(?:建议|问题|意见|提案)?$")
_QUOTED = (r"^关于[“\"「『](?P<topic>.+)[”\"」』]的(?:建议|问题|意见|提案|议案)$")
_ASPECT = (r"^在(?P<topic>.+)方面$")


@cache
def _topic_patterns() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """The line-break pattern and the topic patterns, compiled once (plain patterns: the
    stdlib `re`, which matches them as `regex` would, without its per-call lookup)."""
    return re.compile(r"[\r\n]++[ \t\u3000\u00a0]*+"), tuple(
        re.compile(p) for p in (_QUOTED, _ASPECT, _TOPIC)
    )


@dataclass(frozen=True, slots=True)
class Segment:
    """Body text between headings; ``section``/``subsection`` are numbers, ``None`` outside."""

    span: Span
    section: int | None
    subsection: int | None


def build_sections(text: str, layout: Layout) -> tuple[tuple[Section, ...], list[Segment]]:
    """The section tree and the body segments, in text order."""
    headings = layout.headings
    body_start, body_end = layout.body
    numbers = _numbers(headings)
    ends = _section_ends(headings, body_end)
    segments: list[Segment] = []
    first = headings[0].span[0] if headings else body_end
    if body_start < first:
        segments.append(Segment(strip_span(text, body_start, first), None, None))
    path: list[int] = []
    for i, heading in enumerate(headings):
        del path[heading.level - 1 :]
        path.extend([0] * (heading.level - 1 - len(path)))
        path.append(numbers[i])
        stop = headings[i + 1].span[0] if i + 1 < len(headings) else body_end
        if heading.body_start < stop:
            # 0 fills a skipped level (一、 then 1. with no （一） between): no such part.
            sub = path[1] if len(path) > 1 and path[1] else None
            segments.append(
                Segment(strip_span(text, heading.body_start, stop), path[0] or None, sub)
            )
    sections = _tree(text, headings, numbers, ends)
    return sections, [s for s in segments if s.span[0] < s.span[1]]


def _numbers(headings: list[Heading]) -> list[int]:
    """Each heading's number: its label's value, or its place among its siblings."""
    numbers: list[int] = []
    counters: dict[int, int] = {}
    for heading in headings:
        counters = {lvl: n for lvl, n in counters.items() if lvl <= heading.level}
        counters[heading.level] = counters.get(heading.level, 0) + 1
        numbers.append(_label_value(heading.label) or counters[heading.level])
    return numbers


def _label_value(label: str | None) -> int | None:
    if label is None:
        return None
    if label in _CIRCLED:
        return _CIRCLED.index(label) + 1
    return number_of(label)


def _section_ends(headings: list[Heading], body_end: int) -> list[int]:
    """Where each section stops: at the next heading of its level or above (one pass)."""
    ends = [body_end] * len(headings)
    open_: list[int] = []
    for i, heading in enumerate(headings):
        while open_ and headings[open_[-1]].level >= heading.level:
            ends[open_.pop()] = heading.span[0]
        open_.append(i)
    return ends


def _parents(headings: list[Heading]) -> list[int | None]:
    """Index of each heading's parent: the last earlier heading of a lower level."""
    parents: list[int | None] = []
    open_: list[int] = []
    for i, heading in enumerate(headings):
        while open_ and headings[open_[-1]].level >= heading.level:
            open_.pop()
        parents.append(open_[-1] if open_ else None)
        open_.append(i)
    return parents


def _tree(
    text: str, headings: list[Heading], numbers: list[int], ends: list[int]
) -> tuple[Section, ...]:
    """Nest headings by level; built bottom-up because sections are frozen."""
    children: list[list[Section]] = [[] for _ in headings]
    parents = _parents(headings)
    roots: list[Section] = []
    new = positional_new(Section)  # by position, in field order: a third cheaper
    for i in range(len(headings) - 1, -1, -1):
        heading = headings[i]
        span = strip_span(text, heading.span[0], ends[i])
        title = text[heading.text_span[0] : heading.text_span[1]]
        section = new(
            numbers[i],  # number
            heading.label,
            title,  # heading
            topic_of(title),
            span,
            heading.text_span,  # heading_span
            heading.level,
            tuple(reversed(children[i])),  # subsections
            text[span[0] : span[1]],
        )
        parent = parents[i]
        (children[parent] if parent is not None else roots).append(section)
    return tuple(reversed(roots))


def topic_of(heading: str) -> str:
    """The subject of a heading.

    >>> topic_of("关于“加强顶层设计,谋划发展蓝图”的建议")
    '加强顶层设计,谋划发展蓝图'
    >>> topic_of("在资金保障方面")
    '资金保障'
    """
    # A heading wrapped over two lines reads as one: drop the break and the next indent.
    breaks, patterns = _topic_patterns()
    heading = breaks.sub("", heading).strip() if "\n" in heading or "\r" in heading else (
        heading.strip()
    )
    heading = heading.rstrip("。:：;；")
    for pattern in patterns:
        match = pattern.match(heading)
        if match and match.group("topic"):
            topic: str = match.group("topic")
            return topic
    return heading
