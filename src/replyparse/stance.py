"""Stance of each statement: achievement (done), commitment (promised) or other.

Cues come from ``data/stance_cues.tsv``.  Within a section, a sentence with strong cues is
decided by them and sets the running stance; a sentence without strong cues inherits it
(a 近年来… paragraph stays achievement until 下一步…).  A new section or sub-part starts
afresh, with the stance its heading opens it with if any (2024年工作回顾: achievement, from
``data/heading_stance.tsv``).  A finding's cue (经查…, …属实) decides its own sentence only.
Boilerplate (收悉, 感谢) makes a sentence `other`, but not the content of a frame merged with
it (…收悉，现将…回复如下：经核实，…) nor a promise after it (感谢…，我们将…).  The cues that
decided are returned with the stance, so users can see why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from replyparse.data_files import read_table
from replyparse.model import Stance

# Years are not in the alternation as years: a branch opening with a digit has `re` try the
# alternation at every digit (amounts are full of them).  A 年 written after a digit is in
# it (a branch opening with a literal, as the cues'): a sentence where one is matched is
# then read for its years (``_year_cues``).
_YEAR_MARK = "年"
_YEAR_BRANCH = "年(?<=[0-9]年)"
_WRITTEN_YEARS = frozenset(str(value) for value in range(1900, 2100))
_DIGITS = "0123456789"
# A year more than this many years before the letter's is history, no cue: a reservoir built
# in 1958, a county made a district in 2011, a company's contract of 2015 are background to a
# reply of 2017-2019, not what the responder did (the reference letter of 2021 reports 2018).
_RECENT_YEARS = 3

# Cue kinds, as indices: strong/weak achievement/commitment, boilerplate (other), the mark of
# a sentence that may hold a year, and an achievement cue of its own sentence only (a check's
# finding: 经查…, …属实).
_STRONG_A, _STRONG_C, _WEAK_A, _WEAK_C, _OTHER, _YEAR, _OWN_A = range(7)
_KINDS = {
    ("achievement", "strong"): _STRONG_A,
    ("achievement", "own"): _OWN_A,
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

    __slots__ = ("_findall", "_guarded", "_kinds", "_single", "_year", "anchor", "cues", "running")

    def __init__(self, year: int | None) -> None:
        pattern, kinds, self._guarded = _cue_table()
        self.cues = pattern.pattern + "|" + _YEAR_BRANCH
        """The words a sentence is decided by, as one alternation: the cues, and 年 after a
        digit (where a year may be written)."""
        self._findall = _compiled(self.cues).findall
        self._kinds = {**kinds, _YEAR_MARK: _YEAR}
        self._single = _single_cues()
        self._year = year
        self.running: Decision | None = None
        self.anchor: Stance | None = None
        """The stance a section's heading opened it with (``open``): a sentence of the other
        stance is decided by its cues but does not become the running stance."""

    def open(self, decision: Decision | None) -> None:
        """Start a section: its running stance is ``decision``, the stance its heading opens
        it with (``opening``), or none.  In a work report's review (2024年工作回顾) one
        预计 estimate (预计海洋生产总值1.8万亿元) must not turn the results after it into
        promises; the heading's stance stays the running one."""
        self.running = decision
        self.anchor = None if decision is None else decision[0]

    def cut_out(self, text: str, start: int) -> bool:
        """Whether a sentence starting at ``start`` is matched cut out, not in place: a
        lookbehind in `re` sees past ``pos``, and a cue with excluded neighbours opening the
        sentence would be turned down by the character before it."""
        return start > 0 and text.startswith(self._guarded, start)

    def decide(self, text: str, start: int, end: int) -> Decision:
        """The stance of ``text[start:end]``, matched in place (``pos``/``endpos``, no
        slicing), as if cut out on its own (``cut_out``)."""
        if self.cut_out(text, start):
            words = self._findall(text[start:end])
        else:
            words = self._findall(text, start, end)
        return self.decide_found(words, text, start, end)

    def _promise_after(self, words: list[str], text: str, start: int, end: int) -> Decision | None:
        """The decision of the clauses after a sentence's last boilerplate word, if they promise
        (感谢您…，我们将督促…: thanks ending in a promise is one); else ``None``."""
        kinds = self._kinds
        last = max(i for i, word in enumerate(words) if kinds[word] == _OTHER)
        if not any(kinds[word] == _STRONG_C for word in words[last + 1 :]):
            return None
        at = text.rfind(words[last], start, end)
        commas = [i for i in (text.find(",", at, end), text.find("，", at, end)) if i >= 0]
        if not commas:
            return None
        comma = min(commas)
        # The promise decides this sentence only: a receipt with a 将 of its own (…收悉，…及时将
        # 您反映的问题交由…办理) must not make the reply after it promises.
        running = self.running
        decision = self.decide(text, comma + 1, end)
        self.running = running
        return decision if decision[0] == "commitment" else None

    def decide_found(self, words: list[str], text: str, start: int, end: int) -> Decision:
        """The stance of ``text[start:end]`` whose words (``cues`` matched in it, as
        ``decide`` matches them) were found already."""
        if not words:
            return self.running or _NO_CUES
        if len(words) == 1 and words[0] in self._single:
            # One cue (a sentence in three): what ``_choose`` makes of it is in a table.
            decision, mode = self._single[words[0]]
            if mode == _ALONE:
                content = _after_frame(text, start, end)
                if content is not None:
                    return self.decide(text, content, end)
            elif mode == _LEADS and (self.anchor is None or decision[0] == self.anchor):
                self.running = decision
            elif mode == _YIELDS and self.running is not None:
                return self.running
            return decision
        by_kind: tuple[list[str], ...] = ([], [], [], [], [], [], [])
        kinds = self._kinds
        for word in words:
            by_kind[kinds[word]].append(word)
        if by_kind[_OTHER]:
            # A frame merged with its content: the content decides (boilerplate would win).
            content = _after_frame(text, start, end)
            if content is not None:
                return self.decide(text, content, end)
            promise = self._promise_after(words, text, start, end)
            if promise is not None:
                return promise
        if by_kind[_YEAR] and self._year is not None:
            # Years first, then words: the order the cues are reported in.
            past, future = _year_cues(text[start:end], self._year)
            by_kind[_STRONG_A][:0] = past
            by_kind[_WEAK_C][:0] = future
        decision, strong_lead = _choose(by_kind, self.running)
        if strong_lead and (self.anchor is None or decision[0] == self.anchor):
            self.running = decision
        return decision


def _after_frame(text: str, start: int, end: int) -> int | None:
    """Where the content starts in a sentence that frames it (…收悉，现将有关情况回复如下：经核实，
    …): after the frame's 如下：, if content follows; else ``None``."""
    at = max(text.rfind("如下：", start, end), text.rfind("如下:", start, end))
    if at < 0 or at + 3 >= end:
        return None
    return at + 3


# How a sentence's one cue decides: alone (boilerplate), leading (a strong cue: it becomes
# the running stance), yielding to the running stance (a weak cue), or deciding its sentence
# only (a finding's cue).
_ALONE, _LEADS, _YIELDS, _OWN = range(4)


@cache
def _single_cues() -> dict[str, tuple[Decision, int]]:
    """For each cue, the decision of a sentence holding it alone and how it decides: what
    ``_choose`` makes of one cue, worked out once."""
    table: dict[str, tuple[Decision, int]] = {}
    for word, kind in _cue_table()[1].items():
        by_kind: tuple[list[str], ...] = ([], [], [], [], [], [], [])
        by_kind[kind].append(word)
        decision, leads = _choose(by_kind, None)
        mode = (_ALONE if kind == _OTHER else _OWN if kind == _OWN_A
                else _LEADS if leads else _YIELDS)
        table[word] = (decision, mode)
    return table


@cache
def _compiled(alternation: str) -> re.Pattern[str]:
    return re.compile(alternation)


def _year_cues(sentence: str, year: int) -> tuple[list[str], list[str]]:
    """Years written 19xx年/20xx年 with no digit before: the first year before ``year`` (a
    strong achievement cue) if one of them is of the last ``_RECENT_YEARS`` (2009年-2020年 in a
    letter of 2021; a sentence of older years only is history, no cue), and those after
    ``year`` (weak commitment cues).

    The sentence is cut at each 年 by one ``str.split`` (in C): a year is the last four
    characters of a piece, with no digit before them in it.
    """
    past: list[str] = []
    future: list[str] = []
    recent = False
    pieces = sentence.split("年")
    del pieces[-1]  # after the last 年
    for piece in pieces:
        written = piece[-4:]
        if written in _WRITTEN_YEARS and (len(piece) == 4 or piece[-5] not in _DIGITS):
            value = int(written)
            if value < year:
                recent = recent or value >= year - _RECENT_YEARS
                if not past:
                    past.append(written + "年")
            elif value > year:
                future.append(written + "年")
    if not recent:
        past.clear()
    return past, future


def _choose(by_kind: tuple[list[str], ...], running: Decision | None) -> tuple[Decision, bool]:
    """The decision for a sentence's cues, and whether its strong cues lead (so it becomes the
    running stance): boilerplate wins, then the side with more strong cues (a finding's cues
    count as strong but do not lead: what the check found is not the state of what follows),
    then the running stance, then the side with more weak cues."""
    if by_kind[_OTHER]:
        return ("other", _unique(by_kind[_OTHER])), False
    achieved = len(by_kind[_STRONG_A]) + len(by_kind[_OWN_A])
    promised = len(by_kind[_STRONG_C])
    if achieved > promised:
        cues = by_kind[_STRONG_A] + by_kind[_OWN_A]
        return ("achievement", _unique(cues)), bool(by_kind[_STRONG_A])
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


@cache
def _heading_words() -> tuple[re.Pattern[str], dict[str, Stance]]:
    """One alternation of the words of ``data/heading_stance.tsv`` (longest first), and the
    stance of each."""
    stances: dict[str, Stance] = {}
    for word, stance, *_ in read_table("heading_stance.tsv"):
        stances[word] = "achievement" if stance == "achievement" else "commitment"
    ordered = sorted(stances, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered))), stances


def opening(headings: Iterable[str]) -> Decision | None:
    """The stance a section opens with: that of the first of ``headings`` (a sub-part's own,
    then its section's) holding a heading word (2024年工作回顾 → achievement, 2025年重点工作 →
    commitment), with the word as its cue; ``None`` if none holds one.

    >>> opening(["产业升级成效显著", "2024年工作回顾"])
    ('achievement', ('回顾',))
    """
    pattern, stances = _heading_words()
    for heading in headings:
        found = pattern.search(heading)
        if found is not None:
            return stances[found.group()], (found.group(),)
    return None


def _unique(cues: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(cues))
