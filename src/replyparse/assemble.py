"""Where a mention stands: the statement (and so stance and section) whose span holds it.

Extractors are given :meth:`Locator.where` and build each mention complete with it, so a
mention is never touched again once built.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence

from replyparse.model import Section, Stance, Statement

Where = Callable[[int, int], tuple[Stance | None, int | None]]
""":meth:`Locator.where`: the (stance, section) of a mention spanning ``[start, end)``."""


def nowhere(start: int, end: int) -> tuple[Stance | None, int | None]:
    """What an extractor called on its own places its mentions with: no stance, no section."""
    return None, None


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
        with (setting the two on a frozen mention afterwards would cost two slot-setter
        calls per mention)."""
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and end <= self._ends[i]:
            return self._found[i]
        return self._in_section(start, end)
