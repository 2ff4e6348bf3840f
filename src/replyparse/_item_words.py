"""The vocabularies and patterns of :mod:`replyparse.items`, built once on first use.

Cues of promised, refused and completed action come from ``data/commitment_cues.tsv``; time
anchors from ``data/time_anchors.tsv`` plus explicit years (2021年, 2009年-2020年) and
five-year plans (“十四五”末期), read by code.  Everything ``items`` matches against is
compiled here, once, into one :class:`Words`, which ``build_items`` fetches once per letter
and hands down (no per-clause cache lookups).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from replyparse.context import Context
from replyparse.data_files import alternation, read_table
from replyparse.extract._lexicon import lexicon
from replyparse.model import When, positional_new
from replyparse.periods import five_year_plan
from replyparse.text import _WHITE

# Connectives that lead a clause into an item of its own.
_LEADS = ("与此同时", "同时", "并且", "并", "此外", "另外", "另一方面", "还", "也", "一是", "二是",
          "三是", "四是", "五是", "首先", "其次", "最后")
_LEAD = "(?:" + "|".join(_LEADS) + ")"
# What a time anchor of the pattern's own branches (years, plans) may start with.
_ANCHOR_FIRST = "12“\"十三四五六七八九"
OPEN_QUOTES = "《“‘「『(（"
CLOSE_QUOTES = "》”’」』)）"
STRENGTH_ORDER = {"study": 0, "effort": 1, "intended": 2, "firm": 3}


@dataclass(frozen=True, slots=True)
class Cue:
    word: str
    strength: str
    in_action: bool
    rank: int  # STRENGTH_ORDER of a promise's strength (the weakest hedge wins); -1 else

    @property
    def done(self) -> bool:
        """A marker of completion (已, 先后), which opens an achievement's action."""
        return self.strength == "done"


@dataclass(frozen=True, slots=True)
class Words:
    cues: re.Pattern[str]  # any cue word, longest first
    cue_table: dict[str, Cue]
    longest_cue: int  # characters in the longest cue word
    # What a cue starts with: at any other character ``cues.match`` finds nothing, and is not
    # called (most places it is asked about).
    cue_first: frozenset[str]
    declined: frozenset[str]  # refusing cues (暂不具备…)
    # The refusing cues alone, for searching a letter for them at once; ``None`` when a cue
    # could overlap one and hide it from a scan of all cues (see _refusals).
    refusals: re.Pattern[str] | None
    # The refusing cues no other one opens, for finding where the leftmost one starts (see
    # search_refusal).
    refusal_finds: tuple[str, ...]
    # Cues that open a promise of their own (争取…, 预计…, 确保…); a bare 将 does not, since
    # it is as often the object marker (将…作为…).
    opening: frozenset[str]
    stops: frozenset[str]  # what ends a chain of modals: a refusal, a marker of completion
    anchor: re.Pattern[str]  # one time anchor, read through its groups
    anchor_table: dict[str, tuple[str, int]]  # word → (horizon, years from the letter's)
    anchor_starts: re.Pattern[str]  # where a time anchor starts (see _anchor_starts)
    head: re.Pattern[str]  # a clause's opening (see _head)
    # What a non-empty opening starts with: any other first character, and ``head`` matches
    # nothing (most clauses; a set lookup instead of trying every connective and anchor).
    head_first: frozenset[str]
    # Each quote opener, and what finds one of its quotes holding a , ; : (see _holding):
    # in a statement where none does, all its , ; : cut.
    quotes_holding: tuple[tuple[str, re.Pattern[str]], ...]
    cut_marks: re.Pattern[str]  # , ; : (a statement with no quote holding one is cut at all)
    clause_marks: re.Pattern[str]  # what a statement with quotes is cut at (and quotes)
    # Any cue word, longest first, else one of the marks an unrecognised subject does not
    # reach across to a modal (see _cue_or_break).
    cue_or_break: re.Pattern[str]
    # First characters of the place names ``place_at`` looks up (full and short names of the
    # lexicon): most clause openings are none, and need no call.
    place_first: frozenset[str]
    # Past a join after a subject (items._subject, data/subject_joins.tsv): a word opening
    # with a join character that is no join (及时, 和谐), matched at the join; 及其 and a
    # part of the first organ (及其部门), matched at the join; an organ the extractors do not
    # know, followed by what follows a subject (省级政府要), matched past the join.
    join_word: re.Pattern[str]
    join_tail: re.Pattern[str]
    conjunct: re.Pattern[str]
    # How an organ ends (学院, 集团): a place before one names the organ (运城学院).
    organ_ending: re.Pattern[str]


@cache
def words() -> Words:
    table = {
        row[0]: Cue(row[0], row[1], row[2] == "yes", STRENGTH_ORDER.get(row[1], -1))
        for row in read_table("commitment_cues.tsv")
    }
    _check_apart(table)
    anchor, anchor_table = _anchors()
    return Words(
        cues=re.compile(alternation(table)),
        cue_table=table,
        longest_cue=max(map(len, table)),
        cue_first=frozenset(w[0] for w in table),
        declined=frozenset(w for w, c in table.items() if c.strength == "declined"),
        refusals=_refusals(table),
        refusal_finds=_unopened(w for w, c in table.items() if c.strength == "declined"),
        opening=frozenset(w for w, c in table.items() if c.strength != "firm" or c.in_action),
        stops=frozenset(w for w, c in table.items() if c.done or c.strength == "declined"),
        anchor=anchor,
        anchor_table=anchor_table,
        anchor_starts=_anchor_starts(anchor_table),
        head=_head(anchor),
        head_first=frozenset(
            "".join(w[0] for w in (*_LEADS, *anchor_table)) + _ANCHOR_FIRST + ",;:"
            + "".join(chr(c) for c in range(0x3001) if chr(c).isspace())  # \s: none above
        ),
        quotes_holding=tuple((opener, _holding(opener)) for opener in OPEN_QUOTES),
        cut_marks=re.compile("[,;:]"),
        clause_marks=re.compile("[" + re.escape(OPEN_QUOTES + CLOSE_QUOTES + ",;:") + "]"),
        cue_or_break=_cue_or_break(table),
        place_first=frozenset(name[0] for name in (*lexicon().places, *lexicon().shorts)),
        **_joins(table),
    )


# Characters an unknown organ joined to a subject does not hold: marks, joins, function words.
_NOT_IN_CONJUNCT = "，,；;：:。！？!?、和与及的了在对将把被从《》“”\"\\s"
_CONJUNCT_ROOM = 10  # characters before its ending


def _joins(table: dict[str, Cue]) -> dict[str, re.Pattern[str]]:
    """The patterns of ``Words`` for what follows a join after a subject."""
    kinds: dict[str, list[str]] = {"tail": [], "ending": [], "after": [], "word": []}
    for row in read_table("subject_joins.tsv"):
        if row[1] not in kinds:
            raise ValueError(f"subject_joins.tsv: unknown kind {row[1]!r} of {row[0]!r}")
        kinds[row[1]].append(row[0])
    followers = alternation([*kinds["after"], *table])
    return {
        "join_word": re.compile(alternation(kinds["word"])),
        "organ_ending": re.compile(alternation(kinds["ending"])),
        "join_tail": re.compile(f"及其(?:{alternation(kinds['tail'])})(?!的)"),
        "conjunct": re.compile(
            f"[^{_NOT_IN_CONJUNCT}]{{0,{_CONJUNCT_ROOM}}}?(?:{alternation(kinds['ending'])})"
            f"(?=(?:{followers}))"
        ),
    }


def _check_apart(table: dict[str, Cue]) -> None:
    """A cue holds no , ; : and no white space, so it never reaches across two clauses:
    ``items._groups`` searches several clauses for a cue at once."""
    for word in table:
        if any(char in ",;:" or char in _WHITE for char in word):
            raise ValueError(f"commitment_cues.tsv: the cue {word!r} holds a , ; : or a space")


# What an unrecognised subject (某某公司将…) does not reach across to a modal after it.
_BREAKS = ",;:《“"


def _cue_or_break(table: dict[str, Cue]) -> re.Pattern[str]:
    """For ``items._strength``: the leftmost cue or mark of ``_BREAKS`` in a window.  One
    search tells what a search for the first cue and a search for a mark before it tell
    (a cue found first has no mark before it); the cues come first, so a cue opening with a
    mark is read as the cue.  Every branch opens with a literal, so `re` still skips ahead
    by first character."""
    return re.compile(alternation(table) + "|" + "|".join(map(re.escape, _BREAKS)))


def _refusals(table: dict[str, Cue]) -> re.Pattern[str] | None:
    """The refusing cues as one pattern, if a search for them finds what a scan of all cues
    does: a statement is a refusal when a scan of all cues meets a refusing one.

    A scan could miss a refusing cue only where another cue overlapping it matched first (it
    starts before it, or at it and is longer).  No cue of the table can (no cue ends with the
    start of a refusing one, none contains one); this checks that a new row keeps it so."""
    refusing = [w for w, c in table.items() if c.strength == "declined"]
    others = [w for w, c in table.items() if c.strength != "declined"]
    for d in refusing:
        for w in others:
            # w placed at offset q of d, starting at or before d and reaching into it.
            for q in range(-(len(w) - 1), 1):
                if q == 0 and len(w) <= len(d):
                    continue  # d is tried first (longest first) and matches
                if all(w[i] == d[q + i] for i in range(len(w)) if 0 <= q + i < len(d)):
                    return None
    return re.compile(alternation(refusing))


def _unopened(words: Iterable[str]) -> tuple[str, ...]:
    """The words no other word opens: wherever one of the others stands, one of them does."""
    pool = sorted(set(words))
    return tuple(w for w in pool if not any(w != u and w.startswith(u) for u in pool))


def search_refusal(words: Words, norm: str, start: int, end: int) -> re.Match[str] | None:
    """What ``words.refusals.search(norm, start, end)`` finds, by ``str.find``.

    The search matches where a refusing cue first fits, and there the longest one that
    fits.  A find per cue tells where (a C loop of ~3 instructions a character), then one
    match reads the cue: about half the instructions of the pattern's scan, which tests
    every character against the cues' first characters and tries the cues wherever one
    stands (for the reference letter, ~165k instructions instead of ~290k)."""
    at = end
    for word in words.refusal_finds:
        # Starting before ``at``, it may end past it.
        found = norm.find(word, start, min(end, at + len(word) - 1))
        if found >= 0:
            at = found
    return words.refusals.match(norm, at, end) if at < end and words.refusals else None


def _anchors() -> tuple[re.Pattern[str], dict[str, tuple[str, int]]]:
    table: dict[str, tuple[str, int]] = {}
    for row in read_table("time_anchors.tsv"):
        offset = int(row[2]) if len(row) > 2 and row[2] else 0
        table[row[0]] = (row[1], offset)
    pattern = re.compile(
        r"(?P<range>(?:19|20)\d{2})年?\s*+[-—–~至到]\s*+(?P<range_end>(?:19|20)\d{2})年"
        r"|[“\"]?(?P<plan>十[一二三四五六七八九]?|[三四五六七八九])五[”\"]?(?:末期|末|期间|时期)?+"
        r"|(?P<year>(?:19|20)\d{2})年(?:底前|底|前|内)?+"
        rf"|(?P<word>{alternation(table)})"
    )
    return pattern, table


def _anchor_starts(table: dict[str, tuple[str, int]]) -> re.Pattern[str]:
    """Where a time anchor starts: every branch opens with a literal character, so `re` skips
    ahead by first character, which the anchor's own pattern (groups, optional quotes in
    front) stops it from doing.  It matches wherever that pattern matches; ``find_anchor``
    then reads the anchor there with that pattern."""
    year = r"\d{2}(?:年|年?\s*+[-—–~至到]\s*+(?:19|20)\d{2}年)"  # 2021年, 2009年-2020年
    plan = r"(?:十[一二三四五六七八九]?|[三四五六七八九])五"  # 十四五
    branches = [f"1(?=9{year})", f"2(?=0{year})", f"“(?={plan})", f'"(?={plan})',
                "十(?=[一二三四五六七八九]?五)"]
    branches += [f"{digit}(?=五)" for digit in "三四五六七八九"]
    branches += [re.escape(w) for w in sorted(table, key=len, reverse=True)]
    return re.compile("|".join(branches))


def _holding(opener: str) -> re.Pattern[str]:
    """For ``search``: a quote opening with ``opener`` that meets a , ; : (or a second quote
    nested in it, or a quote it holds left open) before a closer.  A statement where it finds
    none for any opener it holds has every quote closed before its next , ; : or never
    closed with none after it, at most one quote nested in each (《关于“十四五”规划》), so
    all its , ; : stand outside quotes (a closer with no opener leaves the depth at 0).

    Led by the opener itself, a literal: `re` skips ahead to it by a quick loop, where a
    class of all the openers costs it ~60-100 instructions a character scanned."""
    o, c = re.escape(OPEN_QUOTES), re.escape(CLOSE_QUOTES)
    inner = f"[{o}][^{o}{c},;:]*+[{c}]"
    return re.compile(f"{re.escape(opener)}(?:[^{o}{c},;:]++|{inner})*+[{o},;:]")


def _head(anchor: re.Pattern[str]) -> re.Pattern[str]:
    """A clause's opening: connectives and separators (同时, 并, ','), then maybe a time
    anchor (下一步, 2018年) and more connectives.  Group 1 ends past the first connectives
    (a clause is "led" when it is not empty); the match ends where a subject may stand.
    One match per clause instead of one for each part."""
    lead = rf"(?:{_LEAD}|[,;:\s])*+"
    return re.compile(rf"({lead})(?:(?:{anchor.pattern}){lead})?")


def find_anchors(words: Words, norm: str, start: int, end: int) -> list[re.Match[str]]:
    """The time anchors in ``[start, end)`` from left to right, each search starting where
    the last anchor ended (items read them one at a time: :func:`first_anchor`)."""
    out = []
    while (anchor := first_anchor(words, norm, start, end)) is not None:
        out.append(anchor)
        start = anchor.end()
    return out


def first_anchor(words: Words, norm: str, start: int, end: int) -> re.Match[str] | None:
    """The first time anchor in ``[start, end)``."""
    found = words.anchor_starts.search(norm, start, end)
    # Never more than once: anchor_starts matches only where an anchor does.
    while found is not None and (anchor := words.anchor.match(norm, found.start(), end)) is None:
        found = words.anchor_starts.search(norm, found.start() + 1, end)
    return None if found is None else anchor


def read_when(words: Words, match: re.Match[str], text: str, context: Context) -> When | None:
    """A time anchor read as a year or range; ``None`` for a plan number that names no
    five-year plan."""
    found = match.span()
    written = text[found[0] : found[1]]
    new = positional_new(When)  # When's fields in order: text, span, year, range, horizon
    branch = match.lastgroup  # the last group closed: range_end, plan, year or word
    if branch == "range_end":
        first, last = int(match.group("range")), int(match.group("range_end"))
        return new(written, found, None, (first, last), "range")
    if branch == "plan":
        plan = five_year_plan(match.group("plan"))
        if plan is None:
            return None
        first = plan[0]
        if "末" in match.group():
            return new(written, found, first + 4, None, "year")
        return new(written, found, None, (first, first + 4), "range")
    if branch == "year":
        return new(written, found, int(match.group("year")), None, "year")
    horizon, offset = words.anchor_table[match.group()]
    if horizon == "year" and context.year is not None:
        return new(written, found, context.year + offset, None, "year")
    return new(written, found, None, None, "unspecified")
