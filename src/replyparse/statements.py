"""Statements: the sentences of the body segments (and closing), each with its stance.

A body paragraph broken mid-sentence over several lines (PDF or HTML extraction) is one run of
text here: its sentences may span the line breaks, and their spans still slice the original.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Hashable
from functools import cache

from replyparse.layout import Layout
from replyparse.model import Span, Statement
from replyparse.sections import Segment
from replyparse.stance import decide
from replyparse.text import sentences, strip_span

_CLOSING = "closing"  # the section key of the closing lines' sentences


@cache
def _breaks() -> re.Pattern[str]:
    """A line break and the indent after it: removed before cues are matched."""
    return re.compile(r"[\r\n]++[ \t\u3000\u00a0]*+")


def build_statements(
    text: str, norm: str, layout: Layout, segments: list[Segment], year: int | None
) -> tuple[Statement, ...]:
    """Sentences of every segment and closing line, with stance decided per section."""
    # Each sentence (span and segment, None for the closing) and the text its cues are
    # matched in, with its section key.
    found: list[tuple[int, int, Segment | None]] = []
    pieces: list[tuple[str, int, int, Hashable]] = []
    paragraphs = layout.paragraphs
    paragraph_ends = [p[1] for p in paragraphs]
    for segment in segments:
        key = (segment.section, segment.subsection)
        for start, end in _runs(segment.span, paragraphs, paragraph_ends):
            spans = list(sentences(norm, start, end, join_lines=True))
            found.extend((s, e, segment) for s, e in spans)
            if _has_break(norm, start, end):
                pieces.extend((*_matched_in(norm, s, e), key) for s, e in spans)
            else:
                pieces.extend((norm, s, e, key) for s, e in spans)
    for line in layout.closing:
        spans = list(sentences(norm, *line.span))
        found.extend((s, e, None) for s, e in spans)
        pieces.extend((norm, s, e, _CLOSING) for s, e in spans)
    block_starts = sorted([p[0] for p in paragraphs] + [line.span[0] for line in layout.closing])
    decisions = decide(pieces, year)
    return tuple(
        Statement(
            text=text[s:e],
            span=(s, e),
            stance=decision[0],
            cues=decision[1],
            section=seg.section if seg else None,
            subsection=seg.subsection if seg else None,
            paragraph=max(0, bisect_right(block_starts, s) - 1),
        )
        for (s, e, seg), decision in zip(found, decisions, strict=True)
        # A sentence blank in the original (not in the normalised text) is no statement.
        if strip_span(text, s, e)[0] < e
    )


def _matched_in(norm: str, start: int, end: int) -> tuple[str, int, int]:
    """Where a sentence's cues are matched: in place in ``norm``, or, for a sentence over a
    line break, in its text without the breaks and the indents after them (a cue cut by a
    break is found)."""
    if not _has_break(norm, start, end):
        return norm, start, end
    unbroken = _breaks().sub("", norm[start:end])
    return unbroken, 0, len(unbroken)


def _has_break(norm: str, start: int, end: int) -> bool:
    return norm.find("\n", start, end) >= 0 or norm.find("\r", start, end) >= 0


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
