"""Turn possibly overlapping spans into properly nested pieces of markup.

HTML elements must nest, but a letter's items do not always: a department can sit inside a
statement (fine), a money amount can start in one sentence and end in the next (it must be
split), and two mentions of different kinds can overlap partially (one must give way).
The rules, applied in this order, are deterministic:

1. *Structure* (headings, then statements) is laid first.  A structural item that crosses
   an earlier one is split at the crossing point; every piece keeps the item's key.
2. *Mentions* (documents, departments, money, areas) are ordered by start, longer first,
   then by kind.  One that overlaps an already kept mention partially is dropped: it is
   still listed in the page's tables, and counted as "not highlighted".
3. Each kept mention is split at every structural boundary strictly inside it, so it never
   crosses a heading or statement; all its pieces share its key, and only the first piece is
   the item's anchor (``first``).

Every step is a sort plus one stack pass: ``O(n log n)`` in the number of items.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

STRUCTURE_MAX_LAYER = 1
"""Layers ``0..STRUCTURE_MAX_LAYER`` are structure (split on crossing); higher are mentions."""


@dataclass(frozen=True, slots=True)
class Item:
    """Something to mark up: a half-open ``[start, end)`` span, a layer and a unique key.

    ``layer`` orders nesting (lower is outer): 0 headings, 1 statements, 2 mentions.
    ``order`` breaks ties between items of the same layer and span (lower is outer).
    """

    start: int
    end: int
    layer: int
    order: int
    key: str
    kind: str = field(compare=False)
    """What it is, for counting: ``statement`` stances, ``heading``, or a mention kind."""
    render_open: Callable[[bool], str] = field(compare=False, repr=False)
    """Opening tag for a piece; the argument says whether it is the item's first piece."""
    close: str = field(compare=False, repr=False, default="</span>")


@dataclass(frozen=True, slots=True)
class Piece:
    """A part of an item that nests properly with every other piece."""

    start: int
    end: int
    item: Item
    first: bool
    rank: int  # acceptance order: the tie-break for identical spans


@dataclass(slots=True)
class Plan:
    """The pieces to emit, and the items that could not be shown."""

    pieces: list[Piece]
    dropped: list[Item]
    """Mentions dropped for a partial overlap, and items whose span lies outside the text."""


def _sort_key(item: Item) -> tuple[int, int, int, int, str]:
    return (item.start, -item.end, item.layer, item.order, item.key)


_Entry = tuple[int, int, int, int, str, int, bool]
"""Heap entry: start, -end, layer, order, key, index into the items, first piece?"""


def _nest_splitting(items: Sequence[Item]) -> list[tuple[int, int, Item, bool]]:
    """Lay ``items`` left to right, splitting any that crosses the end of an open one."""
    heap: list[_Entry] = [
        (it.start, -it.end, it.layer, it.order, it.key, i, True) for i, it in enumerate(items)
    ]
    heapq.heapify(heap)
    open_ends: list[int] = []
    out: list[tuple[int, int, Item, bool]] = []
    while heap:
        start, neg_end, layer, order, key, index, first = heapq.heappop(heap)
        end = -neg_end
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and end > open_ends[-1]:
            cut = open_ends[-1]
            heapq.heappush(heap, (cut, -end, layer, order, key, index, False))
            end = cut
        out.append((start, end, items[index], first))
        open_ends.append(end)
    return out


def _nest_dropping(items: Iterable[Item]) -> tuple[list[Item], list[Item]]:
    """Keep the items that nest with those kept before them; drop the rest."""
    kept: list[Item] = []
    dropped: list[Item] = []
    open_ends: list[int] = []
    for item in sorted(items, key=_sort_key):
        while open_ends and open_ends[-1] <= item.start:
            open_ends.pop()
        if open_ends and item.end > open_ends[-1]:
            dropped.append(item)
            continue
        kept.append(item)
        open_ends.append(item.end)
    return kept, dropped


def plan(items: Sequence[Item], length: int) -> Plan:
    """Properly nested pieces for ``items`` over a text of ``length`` characters."""
    valid = [it for it in items if 0 <= it.start < it.end <= length]
    dropped = [it for it in items if not 0 <= it.start < it.end <= length]
    structure = [it for it in valid if it.layer <= STRUCTURE_MAX_LAYER]
    mentions = [it for it in valid if it.layer > STRUCTURE_MAX_LAYER]
    laid = _nest_splitting(structure)
    boundaries = sorted({b for start, end, _, _ in laid for b in (start, end)})
    kept, overlapping = _nest_dropping(mentions)
    dropped.extend(overlapping)
    for item in kept:
        lo = bisect_right(boundaries, item.start)
        hi = bisect_left(boundaries, item.end)
        cuts = [item.start, *boundaries[lo:hi], item.end]
        for i, (start, end) in enumerate(pairwise(cuts)):
            laid.append((start, end, item, i == 0))
    pieces = [Piece(start, end, item, first, rank) for rank, (start, end, item, first)
              in enumerate(laid)]
    return Plan(pieces=pieces, dropped=dropped)


def emit(text: str, pieces: Sequence[Piece], escape: Callable[[str], str]) -> str:
    """``text`` escaped, with each piece's tags around its span (pieces must nest)."""
    ordered = sorted(pieces, key=lambda p: (p.start, -p.end, p.item.layer, p.item.order,
                                            p.rank))
    out: list[str] = []
    stack: list[Piece] = []
    pos = 0

    def close_to(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            piece = stack.pop()
            out.append(escape(text[pos:piece.end]))
            out.append(piece.item.close)
            pos = piece.end

    for piece in ordered:
        close_to(piece.start)
        out.append(escape(text[pos:piece.start]))
        pos = piece.start
        out.append(piece.item.render_open(piece.first))
        stack.append(piece)
    close_to(len(text))
    out.append(escape(text[pos:]))
    return "".join(out)
