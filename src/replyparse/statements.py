"""Statements: the sentences of the body segments (and closing), each with its stance."""

from __future__ import annotations

from bisect import bisect_right

from replyparse.layout import Layout
from replyparse.model import Statement
from replyparse.sections import Segment
from replyparse.stance import decide
from replyparse.text import sentences, strip_span


def build_statements(
    text: str, norm: str, layout: Layout, segments: list[Segment], year: int | None
) -> tuple[Statement, ...]:
    """Sentences of every segment and closing line, with stance decided per section."""
    pieces: list[tuple[int, int, Segment | None]] = []
    for segment in segments:
        for start, end in sentences(norm, *segment.span):
            pieces.append((start, end, segment))
    for line in layout.closing:
        for start, end in sentences(norm, *line.span):
            pieces.append((start, end, None))
    line_starts = [line.span[0] for line in layout.lines]
    keyed = [
        (norm[s:e], (seg.section, seg.subsection) if seg else "closing") for s, e, seg in pieces
    ]
    decisions = decide(keyed, year)
    return tuple(
        Statement(
            text=text[s:e],
            span=(s, e),
            stance=decision.stance,
            cues=decision.cues,
            section=seg.section if seg else None,
            subsection=seg.subsection if seg else None,
            paragraph=max(0, bisect_right(line_starts, s) - 1),
        )
        for (s, e, seg), decision in zip(pieces, decisions, strict=True)
        if strip_span(text, s, e)[0] < e
    )
