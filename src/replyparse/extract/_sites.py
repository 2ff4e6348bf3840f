"""Where the unit words of money, areas and quantities stand in one text, in one search.

Each amount extractor alone finds the units of its domain with ``_amounts.candidates``, one
pass over the reversed text.  ``parse`` runs all three on the same text, so it finds the
units of all domains at once (``unit_sites``) and hands the result to each:

>>> from replyparse.extract.money import find_money
>>> text = "投资2亿元,造林4000亩"
>>> [m.text for m in find_money(text, sites=unit_sites(text))]
['2亿元']

The combined pattern reports, at each reversed position, every domain whose own pattern
matches there; ``unit_sites`` then drops a domain's match that overlaps that domain's
previous one, as ``finditer`` on the domain's pattern would.  The result is the domain's
own candidate list (tests/test_amounts_shortcuts.py compares the two).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from replyparse.extract._amounts import (
    FULL_WIDTH_CHARS,
    Sites,
    _full_width,
    _run_class,
    run_after,
    sign_ends,
    unit_branches,
    unit_forms,
)

__all__ = ["DOMAINS", "UnitSites", "unit_sites"]

DOMAINS = ("money", "area", "quantity")


@dataclass(frozen=True, slots=True)
class UnitSites:
    """The units found in ``text``: for each domain, (start of the unit, length of the
    numeral run before it, at most ``_amounts._MAX_RUN``) in text order; where the
    full-width characters stand that make ``_amounts.scan`` map the text (``wide``); and
    where the last characters of currency signs stand (``signs``: the $ of US$300), which
    ``_unitless`` reads amounts after."""

    text: str
    by_domain: dict[str, list[tuple[int, int]]]
    wide: list[int]
    signs: list[int]

    def of(self, domain: str, text: str) -> Sites | None:
        """The sites of ``domain`` and the full-width characters if these were found in
        ``text``, else ``None``."""
        return (self.by_domain[domain], self.wide) if self.text == text else None


def unit_sites(text: str) -> UnitSites:
    """The units of every domain in ``text`` (as ``_amounts.candidates`` finds them), its
    full-width characters (as ``_amounts._full_width`` finds them) and the last characters
    of its currency signs (``_amounts.sign_ends``), in one search."""
    pattern, branches = _pattern()
    n = len(text)
    rev = text[::-1]
    found: list[list[tuple[int, int]]] = [[] for _ in DOMAINS]
    wide: list[int] = []
    signs: list[int] = []
    ends = [0] * len(DOMAINS)  # where each domain's previous match ended (reversed text)
    for m in pattern.finditer(rev):
        p = m.start()
        # The last group a match set names its branch; none: a full-width character or a
        # currency sign alone.
        last = m.lastindex
        if last is None:
            (signs if rev[p] in sign_ends() else wide).append(n - 1 - p)
            continue
        members, is_wide = branches[last]
        if is_wide:
            wide.append(n - 1 - p)
        for i, group in members:
            # The group is the run after the unit: it starts where the unit ends.
            unit_end, run_end = m.span(group)
            if unit_end >= 0 and p >= ends[i]:
                found[i].append((n - unit_end, run_end - unit_end))
                ends[i] = unit_end
    for sites in found:
        sites.reverse()
    wide.reverse()
    signs.reverse()
    return UnitSites(text, dict(zip(DOMAINS, found, strict=True)), wide, signs)


@cache
def _pattern() -> tuple[Any, dict[int, tuple[list[tuple[int, int]], bool]]]:
    """The combined pattern and, by each of its groups, the branch the group is in: (domain
    index, group) of each domain that has units ending in the branch's character, and
    whether that character is a full-width one.

    One branch per last character; inside, one optional lookahead per domain holding that
    domain's forms and the numeral run after them (captured: its start is the unit's end).
    A branch fails unless one lookahead matched, so ``re`` stops only where a unit stands.

    Most characters that end a unit word stand in other words (the 2 of 2021, 支持, 项目),
    and a failed start tries all ~60 branches.  So the branches sit in a lookbehind after a
    cheap test: the last character, then one that may come next (reversed: a unit's
    next-to-last character or a numeral) — which rejects most of those starts.  The
    pattern still opens with a class, so ``re`` skips ahead to the characters that end a
    unit.  The full-width characters and currency signs (rare) join that class and match
    alone when they end no unit: ``scan`` looks them up rather than searching near each
    unit for them, and ``_unitless`` reads amounts after the signs only where there are.
    """
    import re

    # (domain, the rest of the unit, what follows it: captured) by last character;
    # 百分之 (a quantity) needs no run after it: its group is empty.
    rests: dict[str, list[tuple[int, str, str]]] = {"之": [(DOMAINS.index("quantity"), "分百", "")]}
    for i, domain in enumerate(DOMAINS):
        for last, rest in unit_branches(domain).items():
            rests.setdefault(last, []).append((i, f"(?:{rest})", run_after()))
    branches = []
    nexts = set(_run_class()) | {"分"}  # (百分之)
    for domain in DOMAINS:
        for forms in unit_forms(domain).values():
            nexts.update(form[-2] for form, _ in forms if len(form) > 1)
    groups: dict[int, tuple[list[tuple[int, int]], bool]] = {}
    group = 0
    for last, by_domain in rests.items():
        body = re.escape(last)
        if len(by_domain) == 1:
            i, rest, run = by_domain[0]
            group += 1
            members = [(i, group)]
            body += f"(?={rest}({run}))"
        else:
            # At least one of the lookaheads must match: tested first, uncaptured (a
            # conditional may not refer to a group of its own lookbehind).
            body += "(?=" + "|".join(rest + run for _, rest, run in by_domain) + ")"
            members = []
            for i, rest, run in by_domain:
                group += 1
                members.append((i, group))
                body += f"(?:(?={rest}({run})))?+"
        is_wide = _full_width().match(last) is not None
        for _, g in members:
            groups[g] = (members, is_wide)
        branches.append(body)
    lasts, after = (re.escape("".join(sorted(chars))) for chars in (rests, nexts))
    alone = FULL_WIDTH_CHARS + re.escape("".join(sign_ends()))
    # Each branch is one character wide: the lookbehind reads the character just matched.
    units = f"(?=[{after}])(?<={'|'.join(branches)})"
    pattern = f"[{lasts}{alone}](?:{units}|(?<=[{alone}]))"
    return re.compile(pattern), groups
