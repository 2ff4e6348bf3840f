"""Statements: the sentences of the body segments (and closing), each with its stance.

A body paragraph broken mid-sentence over several lines (PDF or HTML extraction) is one run of
text here: its sentences may span the line breaks, and their spans still slice the original.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache

import regex

from replyparse.layout import Layout
from replyparse.model import Span, Statement
from replyparse.sections import Segment
from replyparse.stance import decide
from replyparse.text import sentences, strip_span


@cache
def _breaks() -> regex.Pattern[str]:
    """A line break and the indent after it: removed before cues are matched."""
    return regex.compile(r"[\r\n]++[ \t\u3000\u00a0]*+")


def build_statements(
    text: str, norm: str, layout: Layout, segments: list[Segment], year: int | None
) -> tuple[Statement, ...]:
    """Sentences of every segment and closing line, with stance decided per section."""
    pieces: list[tuple[int, int, Segment | None]] = []
    paragraphs = layout.paragraphs
    paragraph_ends = [p[1] for p in paragraphs]
    for segment in segments:
        for start, end in _runs(segment.span, paragraphs, paragraph_ends):
            for s, e in sentences(norm, start, end, join_lines=True):
                pieces.append((s, e, segment))
    for line in layout.closing:
        for start, end in sentences(norm, *line.span):
            pieces.append((start, end, None))
    block_starts = sorted([p[0] for p in paragraphs] + [line.span[0] for line in layout.closing])
    keyed = [
        (_breaks().sub("", norm[s:e]), (seg.section, seg.subsection) if seg else "closing")
        for s, e, seg in pieces
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
            paragraph=max(0, bisect_right(block_starts, s) - 1),
        )
        for (s, e, seg), decision in zip(pieces, decisions, strict=True)
        if strip_span(text, s, e)[0] < e
    )


def _runs(span: Span, paragraphs: list[Span], ends: list[int]) -> list[Span]:
    """The parts of ``span`` that lie in paragraphs (furniture between them left out)."""
    if not paragraphs:
        return [span]
    out: list[Span] = []
    i = bisect_left(ends, span[0] + 1)
    while i < len(paragraphs) and paragraphs[i][0] < span[1]:
        start, end = max(span[0], paragraphs[i][0]), min(span[1], paragraphs[i][1])
        if start < end:
            out.append((start, end))
        i += 1
    return out
