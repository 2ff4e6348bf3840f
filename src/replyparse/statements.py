"""Statements: the sentences of the body segments (and closing), each with its stance.

A body paragraph broken mid-sentence over several lines (PDF or HTML extraction) is one run of
text here: its sentences may span the line breaks, and their spans still slice the original.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache

from replyparse.layout import Layout
from replyparse.model import Section, Span, Statement, positional_new
from replyparse.sections import Segment
from replyparse.stance import Decision, Scope, opening
from replyparse.text import (
    _WHITE,
    sentence_scan,
    sentences,
    sentences_with_words,
    strip_span,
)


@cache
def _breaks() -> re.Pattern[str]:
    """A line break and the indent after it: removed before cues are matched."""
    return re.compile(r"[\r\n]++[ \t\u3000\u00a0]*+")


def build_statements(
    text: str,
    norm: str,
    layout: Layout,
    segments: list[Segment],
    year: int | None,
    sections: Sequence[Section] = (),
) -> tuple[Statement, ...]:
    """Sentences of every segment and closing line, with stance decided per section; a
    section starts with the stance its heading (in ``sections``) opens it with."""
    paragraphs = layout.paragraphs
    paragraph_ends = [p[1] for p in paragraphs]
    block_starts = sorted([p[0] for p in paragraphs] + [line.span[0] for line in layout.closing])
    scope = Scope(year)
    openings = _openings(sections)
    decide, decide_found = scope.decide, scope.decide_found
    # The sentences and their cues found by one scan of each run (cues found per sentence
    # would take a second pass over the text and a call into `re` per sentence).
    scan = sentence_scan(scope.cues)
    new = positional_new(Statement)  # a third cheaper than a call by keyword
    has_cr = "\r" in norm  # most letters have none: one search per run, not two
    out: list[Statement] = []
    # Each sentence is decided as it is cut, in text order: a section's sentences share the
    # running stance, which the first sentence of a new section or sub-part (or of the
    # closing) starts afresh: from its heading's opening stance, or none.
    current: tuple[int | None, int | None] | None = None
    for segment in segments:
        section, subsection = key = (segment.section, segment.subsection)
        for start, end in _runs(segment.span, paragraphs, paragraph_ends):
            # A run lies in one paragraph, so its sentences share the paragraph's number.
            paragraph = max(0, bisect_right(block_starts, start) - 1)
            broken = _has_break(norm, start, end, has_cr)
            # The run's scan sees the character before it, as a sentence's own would not.
            cut_out = scope.cut_out(norm, start)
            for s, e, words in sentences_with_words(norm, start, end, scan):
                if key != current:
                    scope.open(openings.get(key))
                    current = key
                if broken and _has_break(norm, s, e, has_cr):
                    stance, cues = decide(*_unbroken(norm, s, e))
                elif cut_out and s == start:
                    stance, cues = decide(norm, s, e)
                else:
                    stance, cues = decide_found(words, norm, s, e)
                if text[s] in _WHITE and _blank(text, s, e):  # no call in the usual case
                    continue
                out.append(new(text[s:e], (s, e), stance, cues, section, subsection, paragraph))
    scope.open(None)
    for line in layout.closing:
        paragraph = max(0, bisect_right(block_starts, line.span[0]) - 1)
        for span in sentences(norm, *line.span):
            s, e = span
            stance, cues = decide(norm, s, e)
            if _blank(text, s, e):
                continue
            out.append(new(text[s:e], span, stance, cues, None, None, paragraph))
    return tuple(out)


def _openings(
    sections: Sequence[Section],
) -> dict[tuple[int | None, int | None], Decision]:
    """The opening stance of each section and sub-part whose heading (or, for a sub-part, its
    section's) gives one, by (section, subsection) number."""
    out: dict[tuple[int | None, int | None], Decision] = {}
    for section in sections:
        decision = opening([section.heading])
        if decision is not None:
            out[section.number, None] = decision
        for sub in section.subsections:
            decision = opening([sub.heading, section.heading])
            if decision is not None:
                out[section.number, sub.number] = decision
    return out


def _unbroken(norm: str, start: int, end: int) -> tuple[str, int, int]:
    """Where the cues of a sentence over a line break are matched: its text without the breaks
    and the indents after them (a cue cut by a break is found)."""
    unbroken = _breaks().sub("", norm[start:end])
    return unbroken, 0, len(unbroken)


def _has_break(norm: str, start: int, end: int, has_cr: bool) -> bool:
    return norm.find("\n", start, end) >= 0 or (has_cr and norm.find("\r", start, end) >= 0)


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


def _blank(text: str, start: int, end: int) -> bool:
    """A sentence blank in the original (not in the normalised text) is no statement."""
    return text[start] in _WHITE and strip_span(text, start, end)[0] >= end
