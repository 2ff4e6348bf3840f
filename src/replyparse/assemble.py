"""Attach mentions to the statement (and so section and stance) whose span contains them."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from replyparse.model import Section, Span, Stance, Statement


class _Mention(Protocol):
    @property
    def span(self) -> Span: ...


M = TypeVar("M", bound=_Mention)


class Locator:
    """Finds, for a span, the statement containing it and the top-level section around it.

    Statements and sections are sorted and disjoint, so each lookup is a binary search.
    What a lookup returns is read from the statements and sections once, here, into lists
    by position: a lookup then reads no attribute.
    """

    def __init__(self, statements: Sequence[Statement], sections: Sequence[Section]) -> None:
        self._starts = [s.span[0] for s in statements]
        self._ends = [s.span[1] for s in statements]
        self._found: list[tuple[Stance | None, int | None]] = [
            (s.stance, s.section) for s in statements
        ]
        self._section_starts = [s.span[0] for s in sections]
        self._section_ends = [s.span[1] for s in sections]
        self._numbers = [s.number for s in sections]

    def _in_section(self, start: int, end: int) -> tuple[Stance | None, int | None]:
        """For a span in no statement: no stance, and the section around it if any."""
        j = bisect_right(self._section_starts, start) - 1
        if j >= 0 and end <= self._section_ends[j]:
            return None, self._numbers[j]
        return None, None

    def where(self, start: int, end: int) -> tuple[Stance | None, int | None]:
        """(stance, section) of a mention spanning ``[start, end)``: what an extractor
        given this method (``find_money(…, where=locator.where)``) builds its mentions
        with, so that they need no ``attach``."""
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and end <= self._ends[i]:
            return self._found[i]
        return self._in_section(start, end)

    def attach(self, mentions: Sequence[M]) -> tuple[M, ...]:
        """``mentions`` with ``stance`` and ``section`` filled in, as a tuple.

        The mentions must be fresh from an extractor, not yet seen by anyone: the two fields
        are set in place, which costs a tenth of building a copy (~100 copies per letter).
        """
        starts, ends, found = self._starts, self._ends, self._found
        kind: type | None = None
        for mention in mentions:
            if type(mention) is not kind:  # (an extractor's mentions share one class)
                kind = type(mention)
                set_stance, set_section = _setters(kind)
            start, end = mention.span
            i = bisect_right(starts, start) - 1
            if i >= 0 and end <= ends[i]:
                stance, section = found[i]
            else:
                stance, section = self._in_section(start, end)
            set_stance(mention, stance)
            set_section(mention, section)
        return tuple(mentions)


def _setters(kind: type) -> tuple[Callable[[Any, Any], None], Callable[[Any, Any], None]]:
    """The setters of the ``stance`` and ``section`` slots of a frozen result class: what
    its ``__init__`` calls (``model._quick_init``), a third cheaper than
    ``object.__setattr__``, which looks the name up on each call."""
    return kind.__dict__["stance"].__set__, kind.__dict__["section"].__set__
