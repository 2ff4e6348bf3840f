"""Stance of each statement: achievement (done), commitment (promised) or other.

Cues come from ``data/stance_cues.tsv``.  Within a section, a sentence with strong cues is
decided by them and sets the running stance; a sentence without strong cues inherits it
(a 近年来… paragraph stays achievement until 下一步…).  A new section or sub-part starts
afresh.  The cues that decided are returned with the stance, so users can see why.
"""

from __future__ import annotations

import re
from functools import cache

from replyparse.data_files import read_table
from replyparse.model import Stance

# Years are not in the cue alternation: mixed in, they would stop `re` from skipping ahead by
# first character, and the scan would be eight times slower.  See ``_year_cues``.
_DIGITS = "0123456789"

# Cue kinds, as indices: strong/weak achievement/commitment, and boilerplate (other).
_STRONG_A, _STRONG_C, _WEAK_A, _WEAK_C, _OTHER = range(5)
_KINDS = {
    ("achievement", "strong"): _STRONG_A,
    ("commitment", "strong"): _STRONG_C,
    ("achievement", "weak"): _WEAK_A,
    ("commitment", "weak"): _WEAK_C,
}

Decision = tuple[Stance, tuple[str, ...]]
"""A sentence's stance and the cues that decided it."""

_NO_CUES: Decision = ("other", ())


@cache
def _cue_table() -> tuple[re.Pattern[str], dict[str, int], tuple[str, ...]]:
    """One alternation of every cue (longest first), each cue's kind, and the cues that a
    character before them rules out.

    A cue's excluded neighbours (为了 and 了解 hold no 了) are lookarounds written after the
    cue, so every branch still opens with a literal and `re` skips ahead by first character.
    A plain alternation in the stdlib `re` matches several times faster than `regex` here.
    """
    rows = read_table("stance_cues.tsv")
    kinds = {word: _KINDS.get((stance, strength), _OTHER)
             for word, stance, strength, *_ in rows}
    branches = cue_branches(rows)
    ordered = sorted(branches, key=len, reverse=True)
    guarded = tuple(row[0] for row in rows if row[3])
    return re.compile(_by_first_character(ordered, branches)), kinds, guarded


def cue_branches(rows: list[list[str]]) -> dict[str, str]:
    """Each cue's pattern (``rows`` of ``data/stance_cues.tsv``): the word, then lookarounds
    for the neighbours that rule it out."""
    branches: dict[str, str] = {}
    for word, _, _, not_after, not_before, *_ in rows:
        branch = re.escape(word)
        if not_after:
            branch += f"(?<![{re.escape(not_after)}]{re.escape(word)})"
        if not_before:
            branch += f"(?![{re.escape(not_before)}])"
        branches[word] = branch
    return branches


def _by_first_character(ordered: list[str], branches: dict[str, str]) -> str:
    """The alternation of ``branches`` (in the order of the words ``ordered``), its branches
    grouped under their first character: 将(?:来|).

    `re` tries a branch after another at every place whose character opens some cue (建 of
    建设 for 建成, 目 of 项目 for 目前); grouped, a place is turned down after one test per
    first character, not one per cue.  Cues of different first characters never match at
    the same place, and each group keeps its cues' order, so the match is the same.
    """
    groups: dict[str, list[str]] = {}
    for word in ordered:
        groups.setdefault(word[0], []).append(branches[word][len(re.escape(word[0])) :])
    return "|".join(
        re.escape(first) + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
        for first, rests in groups.items()
    )


class Scope:
    """Decides the sentences of a letter in text order, keeping the running stance.

    ``build_statements`` decides each sentence as it cuts it (no list of sentences and
    decisions handed round); it sets ``running`` to ``None`` where a new section or sub-part
    starts, so sentences of one section share a scope.
    """

    __slots__ = ("_findall", "_guarded", "_kinds", "_year", "running")

    def __init__(self, year: int | None) -> None:
        pattern, self._kinds, self._guarded = _cue_table()
        self._findall = pattern.findall
        self._year = year
        self.running: Decision | None = None

    def decide(self, text: str, start: int, end: int) -> Decision:
        """The stance of ``text[start:end]``, matched in place (``pos``/``endpos``, no
        slicing), as if cut out on its own, except where a cue with excluded neighbours opens
        it: a lookbehind in `re` sees past ``pos``, so that sentence is cut out."""
        if start > 0 and text.startswith(self._guarded, start):
            words = self._findall(text[start:end])
        else:
            words = self._findall(text, start, end)
        year = self._year
        # Years first, then words: the order the cues are reported in.
        years = (
            _year_cues(text, start, end, year)
            if year is not None and text.find("年", start + 4, end) >= 0
            else ()
        )
        if not words and not years:
            return self.running or _NO_CUES
        by_kind: tuple[list[str], ...] = ([], [], [], [], [])
        for kind, word in years:
            by_kind[kind].append(word)
        kinds = self._kinds
        for word in words:
            by_kind[kinds[word]].append(word)
        decision, strong_lead = _choose(by_kind, self.running)
        if strong_lead:
            self.running = decision
        return decision


def _year_cues(text: str, start: int, end: int, year: int) -> list[tuple[int, str]]:
    """Years written 19xx年/20xx年 with no digit before: a year before ``year`` is a strong
    achievement cue (only the first such year counts), one after it a weak commitment cue.

    Found from each 年 by ``str.find`` (a literal search in C), not by a pattern: a pattern
    opening with 19|20 is tried at every position of the text, several times slower.
    """
    hits: list[tuple[int, str]] = []
    past_seen = False
    at = text.find("年", start + 4, end)
    while at >= 0:
        written = text[at - 4 : at]
        if (
            written[:2] in ("19", "20")
            and written[2] in _DIGITS
            and written[3] in _DIGITS
            and (at - 4 == start or text[at - 5] not in _DIGITS)
        ):
            value = int(written)
            if value < year and not past_seen:
                hits.append((_STRONG_A, written + "年"))
                past_seen = True
            elif value > year:
                hits.append((_WEAK_C, written + "年"))
        at = text.find("年", at + 1, end)
    return hits


def _choose(by_kind: tuple[list[str], ...], running: Decision | None) -> tuple[Decision, bool]:
    """The decision for a sentence's cues, and whether its strong cues lead (so it becomes the
    running stance): boilerplate wins, then the side with more strong cues, then the running
    stance, then the side with more weak cues."""
    if by_kind[_OTHER]:
        return ("other", _unique(by_kind[_OTHER])), False
    achieved, promised = len(by_kind[_STRONG_A]), len(by_kind[_STRONG_C])
    if achieved > promised:
        return ("achievement", _unique(by_kind[_STRONG_A])), True
    if promised > achieved:
        return ("commitment", _unique(by_kind[_STRONG_C])), True
    if running is not None:
        return running, False
    achieved, promised = len(by_kind[_WEAK_A]), len(by_kind[_WEAK_C])
    if achieved > promised:
        return ("achievement", _unique(by_kind[_WEAK_A])), False
    if promised > achieved:
        return ("commitment", _unique(by_kind[_WEAK_C])), False
    return _NO_CUES, False


def _unique(cues: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(cues))
