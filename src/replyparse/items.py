"""Commitments, achievements and refusals as trackable items.

A statement is cut into clauses at commas and semicolons (not inside 《》 or quotes).  Clauses
group into items: a new item starts at a clause that names a new actor, opens with a
connective (同时, 并, 此外) or — in a commitment — opens with a cue of its own (争取…, 预计…);
in an achievement, a clause reporting its own amount or area is its own result.

Each item gets an actor (organs before its verb; 我委 → the responder; none named → the
section's last named actor or the responder, with ``actor_inferred``), a strength from
``data/commitment_cues.tsv`` (the weakest hedge wins), a time anchor (``data/time_anchors.tsv``
plus explicit years) and the mentions inside it.

Speed (issue #7): a statement is cut into clauses by ``str.split`` unless a quote in it
holds a , ; : (then mark by mark; told by a search per quote opener, asked only of the
openers the letter holds); each clause is read once into plain values (its opening,
matched only when its first character can open one; a subject by lookups; a quantity by one
walk of the statement's); the clauses of an item are searched for a cue only when a clause
could open the next item, all at once; a statement's time anchors are searched item by item,
each only as far as the next anchor, and only the anchors items take are read; refusing
cues are looked for across the letter (a ``str.find`` per cue), not statement by statement,
and in a letter holding none no statement is asked; an item is built once, with its final
strength, by position (``model.positional_new``).  A statement holding no amount, area or
document is told so by one lookup and skips them clause by clause and item by item.  The
patterns are in :mod:`replyparse._item_words`, built once.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache
from operator import attrgetter
from typing import Any

from replyparse._item_words import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    Cue,
    Words,
    first_anchor,
    read_when,
    search_refusal,
    words,
)
from replyparse.context import Context
from replyparse.extract._lexicon import lexicon
from replyparse.extract._places import place_at
from replyparse.model import (
    Area,
    Department,
    DocumentRef,
    Money,
    Span,
    Statement,
    TrackedItem,
    When,
    positional_new,
)
from replyparse.text import _WHITE, strip_span

# How far past the clause start an unrecognised subject may reach (省自然资源厅结合…).
_SUBJECT_ROOM = 12
_JOINS = frozenset("与和及、")
# What after organs or places joined into a subject shows them to qualify a noun (…等9个,
# …的大型碱厂): the action holds them.
_LIST_ENDS = frozenset("等的")
# Subjects that are the speaking government itself: the responder acts for it.
_SELF_PLACES = ("我省", "我市", "我区", "我县", "我州", "我盟", "本省", "本市")
_SELF_FIRST = frozenset(w[0] for w in _SELF_PLACES)
_STOPS = "。!?;.,"
_WHITE_SET = frozenset(_WHITE)
_SPAN_OF = attrgetter("span")

_Subject = tuple[tuple[str, ...], tuple[str, ...], int]  # names, texts, end
# A mention for an item: its span, its kind (0 amount, 1 area, 2 document), itself.
_Row = tuple[Span, int, Money | Area | DocumentRef]
_Actor = tuple[tuple[str, ...], tuple[str, ...]]  # names, texts
_Mentioned = tuple[tuple[Money, ...], tuple[Area, ...], tuple[DocumentRef, ...]]
_NO_MENTIONS: _Mentioned = ((), (), ())
_NONE_REPORTING: frozenset[int] = frozenset()
_Quotes = tuple[tuple[str, re.Pattern[str]], ...]  # openers and their searches


def _row_start(row: _Row) -> int:
    return row[0][0]


def build_items(
    norm: str,
    text: str,
    statements: Sequence[Statement],
    departments: Sequence[Department],
    money: Sequence[Money],
    areas: Sequence[Area],
    documents: Sequence[DocumentRef],
    context: Context,
) -> tuple[tuple[TrackedItem, ...], tuple[TrackedItem, ...], tuple[TrackedItem, ...]]:
    """Commitments, achievements and declined items of the letter, in text order."""
    vocab = words()
    mentions = _Mentions(departments, money, areas, documents)
    out: dict[str, list[TrackedItem]] = {"commitment": [], "achievement": [], "declined": []}
    # The last named actor, per kind: a promise does not inherit the actor of a result.
    last_actor: dict[str, _Actor] = {}
    section_key: object = None
    refusals = _Refusals(vocab, norm)
    whens = _Whens(vocab, norm, text, context)
    quotes = _quotes_in(vocab, norm)
    for statement in statements:
        key = (statement.section, statement.subsection)
        if key != section_key:
            section_key = key
            last_actor.clear()
        start, end = statement.span
        if refusals.found and refusals.within(start, end):
            kind = "declined"
        elif statement.stance in ("commitment", "achievement"):
            kind = statement.stance
        else:
            continue
        items, named = _items_of(vocab, norm, text, statement, kind, mentions, whens,
                                 context, last_actor.get(kind), quotes)
        if named is not None:
            last_actor[kind] = named
        out[kind].extend(items)
    return tuple(out["commitment"]), tuple(out["achievement"]), tuple(out["declined"])


class _Refusals:
    """Whether a statement holds a refusing cue (暂不具备条件, 不宜…).

    The letter is searched for refusing cues as it is read, not each statement for every
    cue: most letters hold none, found by one search."""

    def __init__(self, vocab: Words, norm: str) -> None:
        self.vocab = vocab
        self.norm = norm
        self.pattern = vocab.refusals
        # The first refusing cue at or after ``searched`` (the text's end not minding).
        self.searched = 0
        self.next = search_refusal(vocab, norm, 0, len(norm)) if self.pattern is not None else None
        # Whether a statement may hold one: most letters hold none, and their statements
        # need not be asked (``within`` would find nothing after a search finding nothing).
        self.found = self.pattern is None or self.next is not None

    def within(self, start: int, end: int) -> bool:
        norm, pattern = self.norm, self.pattern
        if pattern is None:  # the cue table does not allow it: scan the statement's cues
            return not self.vocab.declined.isdisjoint(self.vocab.cues.findall(norm, start, end))
        if self.searched > start or (self.next is not None and self.next.start() < start):
            self.next, self.searched = search_refusal(self.vocab, norm, start, len(norm)), start
        found = self.next
        if found is None or found.start() >= end:
            return False
        # A cue running past the statement's end may hide a shorter one inside it.
        return found.end() <= end or search_refusal(self.vocab, norm, start, end) is not None


class _Mentions:
    """Mentions sorted by start, with range lookups by binary search."""

    def __init__(
        self,
        departments: Sequence[Department],
        money: Sequence[Money],
        areas: Sequence[Area],
        documents: Sequence[DocumentRef],
    ) -> None:
        # By start: the first of the sorted mentions starting there (what a bisect finds).
        self.department_by_start: dict[int, Department] = {}
        for department in sorted(departments, key=_SPAN_OF):
            self.department_by_start.setdefault(department.span[0], department)
        # The three kinds in one list by start (a stable sort: each kind keeps the order by
        # start it comes in), for the mentions of a statement's items in one walk.
        rows: list[_Row] = [(m.span, 0, m) for m in money]
        rows += [(a.span, 1, a) for a in areas]
        rows += [(d.span, 2, d) for d in documents]
        rows.sort(key=_row_start)
        self.rows = rows
        self.row_starts = [span[0] for span, _, _ in rows]

    def of(self, start: int, end: int) -> list[_Row]:
        """The amounts, areas and documents starting in ``[start, end)``, by start."""
        i = bisect_left(self.row_starts, start)
        return self.rows[i : bisect_left(self.row_starts, end, i)]


def _take(rows: list[_Row], span: Span) -> _Mentioned:
    """The mentions of ``rows`` (by start) inside ``span``.  Those starting before its end
    are taken out of ``rows``: the statement's next item starts past it."""
    start, end = span
    found: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    taken = 0
    for (first, last), kind, mention in rows:
        if first >= end:
            break
        taken += 1
        if first >= start and last <= end:
            found[kind].append(mention)
    del rows[:taken]
    return tuple(found[0]), tuple(found[1]), tuple(found[2])


def _quotes_in(vocab: Words, norm: str) -> _Quotes:
    """The quote openers the letter holds, with their searches (``Words.quotes_holding``):
    its statements need be asked only about those (most letters hold two or three of the
    seven)."""
    return tuple(quote for quote in vocab.quotes_holding if quote[0] in norm)


def _clauses(
    vocab: Words, norm: str, start: int, end: int, quotes: _Quotes | None = None
) -> list[Span]:
    """Clause spans of a statement: cut at , ; : outside 《》 and quotes, trimmed, not empty.

    Most statements open no quote, or open none holding a , ; : (told by a search per
    opener they hold): all their , ; : cut, and ``str.split`` cuts them (a pattern run over
    the statement costs more per character than the split, and a match object per clause);
    the others are walked mark by mark.  ``quotes``: the openers the letter holds
    (``_quotes_in``; all of them if not given)."""
    piece = norm[start:end]
    for opener, holding in vocab.quotes_holding if quotes is None else quotes:
        if opener in piece and holding.search(piece) is not None:
            return _walk_clauses(vocab, norm, start, end)
    # The usual statement has commas alone: str.split, without a pattern.
    parts = vocab.cut_marks.split(piece) if ";" in piece or ":" in piece else piece.split(",")
    out: list[Span] = []
    at = start
    # No white space (most statements): nothing to trim.  Every white character but the
    # space is unprintable (tests/test_item_words.py), and isprintable() is one C loop.
    if piece.isprintable() and " " not in piece:
        for part in parts:
            if size := len(part):
                out.append((at, at + size))
            at += size + 1  # past the mark
        return out
    for part in parts:
        size = len(part)
        if size:
            if part[0] in _WHITE_SET or part[-1] in _WHITE_SET:  # rare: trim, maybe to nothing
                trimmed = strip_span(norm, at, at + size)
                if trimmed[0] < trimmed[1]:
                    out.append(trimmed)
            else:
                out.append((at, at + size))
        at += size + 1  # past the mark
    return out


def _walk_clauses(vocab: Words, norm: str, start: int, end: int) -> list[Span]:
    """``_clauses`` mark by mark, counting the depth of quotes."""
    out: list[Span] = []
    depth = 0
    begin = start
    for match in vocab.clause_marks.finditer(norm, start, end):
        i = match.start()
        char = norm[i]
        if char in OPEN_QUOTES:
            depth += 1
        elif char in CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append((begin, i))
            begin = i + 1
    out.append((begin, end))
    stripped = [strip_span(norm, s, e) for s, e in out]
    return [s for s in stripped if s[0] < s[1]]


class _Group:
    """Consecutive clauses that make one item, as grouping reads them.

    Made by ``_groups`` alone, its fields set there: a class call would run an ``__init__``
    frame per item for five assignments."""

    __slots__ = ("content", "end", "start", "subject", "subject_ats")
    start: int
    end: int
    # The first subject named: lead-ins (下一步, 2018年, 针对…困难) come before it.
    subject: _Subject | None
    # Where the action starts when no actor is named: past the lead-ins (-1: none yet).
    content: int
    subject_ats: list[int]  # each clause's start past connectives and a time anchor


_new_group = object.__new__


def _groups(
    vocab: Words,
    norm: str,
    start: int,
    end: int,
    kind: str,
    mentions: _Mentions,
    quantities: list[Span],
    context: Context,
    quotes: _Quotes | None = None,
) -> list[_Group]:
    """The statement's clauses grouped into items (see the module docstring).

    Each clause is read once, into plain values: one match of its opening (connectives, a
    time anchor, connectives), then lookups of a subject and a quantity.  ``quantities``
    are the spans of the amounts and areas starting in the statement, by start."""
    head, head_first = vocab.head.match, vocab.head_first
    cues, cue_first = vocab.cues, vocab.cue_first
    opening = vocab.opening
    achievement = kind == "achievement"
    by_start = mentions.department_by_start
    place_first = vocab.place_first
    groups: list[_Group] = []
    group: _Group | None = None
    # Whether the current group holds an item yet (lead-ins such as 下一步, 通过…资金 do
    # not), and whether it reported a quantity.
    substantive = counted = False
    # Where the group's clauses not yet searched for a cue start (-1: none).  They are
    # searched only when a clause could open an item of its own, and all at once: a cue
    # holds no , ; : nor white space, so it never reaches across two clauses
    # (``_item_words._check_apart``; tests/test_item_words.py compares the two searches).
    unread = -1
    clauses = _clauses(vocab, norm, start, end, quotes)
    # Most statements report no amount or area: none of their clauses does.
    reporting = _reporting(clauses, quantities) if quantities else _NONE_REPORTING
    for cs, ce in clauses:
        first = norm[cs]  # a clause is not empty
        if first in head_first and (opened := head(norm, cs, ce)) is not None:
            led, at = opened.end(1) > cs, opened.end()
            if norm[at : at + 1] == "、":  # a list of times (2014年、2015年): no head
                at = opened.end(1)
            first = norm[at : at + 1]  # what the clause opens with past its head
        else:
            led, at = False, cs
        if at in by_start or first in _SELF_FIRST:
            subject = _subject(vocab, norm, at, mentions, context)
        elif first in place_first:
            place = place_at(norm, at)
            subject = None if place is None else _place_subject(vocab, norm, at, place, by_start)
        else:  # the usual opening: no organ, no place
            subject = None
        quantity = cs in reporting
        opens = False
        if group is not None and (
            led  # by a connective
            or subject is not None
            or (quantity and counted if achievement else first in cue_first)
        ):  # the clause opens an item of its own if the group holds one already
            if not substantive and unread >= 0:
                substantive = cues.search(norm, unread, group.end) is not None
                unread = -1
            opens = substantive and (
                achievement
                or led
                or subject is not None
                or ((cue := cues.match(norm, at)) is not None and cue.group() in opening)
            )
        if group is None or opens:
            group = _new_group(_Group)
            group.start, group.end, group.subject = cs, ce, subject
            group.content = at if at < ce else -1
            group.subject_ats = [at]
            groups.append(group)
            substantive = subject is not None or quantity
            unread = -1 if substantive else cs
            counted = quantity
        else:
            group.end = ce
            if group.subject is None:
                group.subject = subject
            if group.content < 0 and at < ce:
                group.content = at
            group.subject_ats.append(at)
            if not substantive:
                if subject is not None or quantity:
                    substantive = True
                elif unread < 0:
                    unread = cs
            counted = counted or quantity
    return groups


def _reporting(clauses: list[Span], quantities: list[Span]) -> set[int]:
    """The starts of the clauses one of ``quantities`` (by start) lies in: one walk of the
    two lists, as the clauses follow one another."""
    out = set()
    q, count = 0, len(quantities)
    for cs, ce in clauses:
        while q < count and quantities[q][0] < ce:  # those starting before it are passed
            if quantities[q][0] >= cs and quantities[q][1] <= ce:
                out.add(cs)
            q += 1
    return out


def _items_of(
    vocab: Words,
    norm: str,
    text: str,
    statement: Statement,
    kind: str,
    mentions: _Mentions,
    whens: _Whens,
    context: Context,
    last_actor: _Actor | None,
    quotes: _Quotes,
) -> tuple[list[TrackedItem], _Actor | None]:
    """The statement's items, and the last actor one of them names (for those that follow)."""
    start, end = statement.span
    # Most statements hold no amount, area or document: two bisects say so for all items.
    rows = mentions.of(start, end)
    quantities: list[Span] = []  # the amounts and areas (a loop: no comprehension's frame)
    for span, of_kind, _ in rows:
        if of_kind < 2:
            quantities.append(span)
    groups = _groups(vocab, norm, start, end, kind, mentions, quantities, context, quotes)
    whens.statement(end)
    section, subsection = statement.section, statement.subsection
    new_item = positional_new(TrackedItem)  # a third cheaper than a call by keyword
    items: list[TrackedItem] = []
    inherited = last_actor
    named: _Actor | None = None
    # A commitment clause with no cue of its own is under the modal before it (将…,同时加大…).
    modal: tuple[str | None, str | None] = (None, None)
    for group in groups:
        span = (group.start, group.end)
        subject = group.subject
        # Whether the action starts past a subject read to its end (not one left in it).
        past_subject = False
        if subject is not None and subject[2] <= group.end:
            actor, actor_text, action_start = subject
            past_subject = not norm.startswith(actor_text[0], action_start)
            inferred = actor_text[0] in _SELF_PLACES
            inherited = (actor, actor_text)
            if not inferred and actor:
                named = inherited
        else:  # no actor named: the action is all that follows the lead-ins
            action_start = group.content if group.content >= 0 else group.subject_ats[0]
            inferred = True
            if inherited is None or not inherited[0]:
                inherited = ((context.responder,) if context.responder else ()), ()
            actor, actor_text = inherited
        if kind == "commitment":
            strength, cue, action_start = _strength(vocab, norm, action_start, span,
                                                    group.subject_ats, past_subject)
            if strength:
                modal = (strength, cue)
            elif modal[0]:
                strength, cue = modal
        elif kind == "achievement":
            strength, cue = None, None
            action_start = _past_done(vocab, norm, action_start, span[1])
        else:
            strength, cue = "declined", _declined_cue(vocab, norm, span)
        money, areas, documents = _take(rows, span) if rows else _NO_MENTIONS
        # An item ends where a clause ends, trimmed: only its start may need trimming (and
        # white space and stops do not meet: trimming one side first changes nothing).
        action_end = span[1]
        while action_end > action_start and norm[action_end - 1] in _STOPS:
            action_end -= 1
        if action_start < action_end and norm[action_start] in _WHITE:
            action_start = strip_span(norm, action_start, action_end)[0]
        items.append(
            new_item(  # TrackedItem's fields in order
                kind,
                text[span[0] : span[1]],
                span,
                actor,
                actor_text,
                inferred,  # actor_inferred
                text[action_start:action_end],  # action
                (action_start, action_end),  # action_span
                whens.of(group.start, group.end),
                strength,
                cue,
                money,
                areas,
                documents,
                section,
                subsection,
            )
        )
    return items, named


def _subject(
    vocab: Words, norm: str, at: int, mentions: _Mentions, context: Context
) -> _Subject | None:
    """Organs or places (joined by 与/和/及/、) that open a clause: names, texts, end."""
    by_start = mentions.department_by_start
    department = by_start.get(at)
    if department is not None:
        return _joined(vocab, norm, by_start, at, department.canonical, department.text,
                       department.span[1])
    for word in _SELF_PLACES if norm[at : at + 1] in _SELF_FIRST else ():
        if (
            norm.startswith(word, at)
            and context.responder
            and by_start.get(at + len(word) - 1) is None
        ):
            return (context.responder,), (word,), at + len(word)
    place = place_at(norm, at)
    return None if place is None else _place_subject(vocab, norm, at, place, by_start)


def _place_subject(
    vocab: Words, norm: str, at: int, place: tuple[str, int], by_start: dict[int, Department]
) -> _Subject:
    name, length = place
    return _joined(vocab, norm, by_start, at, name, norm[at : at + length], at + length)


def _joined(
    vocab: Words,
    norm: str,
    by_start: dict[int, Department],
    at: int,
    name: str,
    text: str,
    end: int,
) -> _Subject:
    """The subject ``name`` written ``text`` from ``at`` to ``end``, and what a join after it
    adds.  Most subjects have none: one lookup."""
    if norm[end : end + 1] not in _JOINS:
        return (name,), (text,), end
    names, texts = [name], [text]
    size = len(norm)
    while end < size and norm[end] in _JOINS:
        if vocab.join_word.match(norm, end) is not None:  # 及时, 和谐: no join
            break
        after = end + 1
        following = by_start.get(after)
        if following is not None:
            names.append(following.canonical)
            texts.append(following.text)
            end = following.span[1]
            continue
        if norm[after : after + 1] in vocab.place_first and (
            place := place_at(norm, after)
        ) is not None:
            if (norm[end] in vocab.place_first and place_at(norm, end) is not None) or (
                vocab.organ_ending.match(norm, after + place[1]) is not None
            ):  # 新疆和田…: the join is in a name; 运城学院: the place, in an organ's
                return tuple(names), tuple(texts), at
            names.append(place[0])
            texts.append(norm[after : after + place[1]])
            end = after + place[1]
            continue
        if (tail := vocab.join_tail.match(norm, end)) is not None:  # 及其部门: a part
            end = tail.end()
            continue
        if elided := _elided_conjunct(norm, after):  # 县委、政府
            end += elided
            continue
        if (conjunct := vocab.conjunct.match(norm, after)) is not None:  # 省级政府要
            end = conjunct.end()
            continue
        if norm[end] == "与":  # 与 before what is no organ is "with": 公司与业主沟通
            break
        # A list the parser cannot read to its end (香港、某某中心等…): the action holds it,
        # rather than starting at its join.
        return tuple(names), tuple(texts), at
    if norm[end : end + 1] in _LIST_ENDS:  # 黄石、荆州等9个…: the list qualifies a noun
        return tuple(names), tuple(texts), at
    return tuple(names), tuple(texts), end


def _elided_conjunct(norm: str, at: int) -> int:
    """1 + the length of an organ's function word opening ``norm`` at ``at`` (0 if none).

    镇党委、政府 or 街道工委、办事处 name the second organ by its function alone (its place
    is the first's): it is no mention of its own, but still the subject, not the action.
    """
    functions = lexicon().local
    for length in range(min(_longest_function(), len(norm) - at), 1, -1):
        if norm[at : at + length] in functions:
            return 1 + length
    return 0


@cache
def _longest_function() -> int:
    return max(map(len, lexicon().local))


def _past_done(vocab: Words, norm: str, start: int, end: int) -> int:
    """Past markers of completion: 已治理… reports 治理…, the marker is not the action."""
    first = vocab.cue_first
    while (
        norm[start : start + 1] in first
        and (match := vocab.cues.match(norm, start, end))
        and vocab.cue_table[match.group()].done
    ):
        start = match.end()
    return start


def _strength(
    vocab: Words,
    norm: str,
    action_start: int,
    span: Span,
    clause_starts: Sequence[int],
    past_subject: bool = False,
) -> tuple[str | None, str | None, int]:
    """The cue chain opening a commitment's action (将积极…, 拟…, 争取…): weakest hedge,
    its cue, and where the action starts once modal words are left out.

    Only cues opening the action or one of its clauses count: 研究 in 强化产业链招商研究
    is a noun.  ``past_subject``: the action starts past a named subject, so what stands
    before a cue is no subject if it holds a 、 (国务院及其部门要带头精简会议、坚决…).
    """
    cues, end = vocab.cues, span[1]
    start = action_start
    # An unrecognised subject (某某公司将…) may stand before a modal: look a little ahead,
    # for the first cue with no mark of ``_item_words._BREAKS`` before it (one search).
    window = min(end, action_start + _SUBJECT_ROOM)
    first = vocab.cue_or_break.search(norm, action_start, window)
    if first is not None:
        cue = vocab.cue_table.get(first.group())
        if cue is None:  # a mark before any cue in the window: none opens there
            first = None
        elif not (
            cue.in_action
            or _listed(norm, first)
            or (past_subject and "、" in norm[action_start : first.start()])
        ):
            start = first.start()
    # The cue opening at ``start`` is ``first`` if that starts there, else there is none:
    # ``first`` is the leftmost cue that fits the window (a cue past a mark starts past
    # ``start``).  Only a cue too long for what the window leaves past ``start`` is looked
    # for again.
    match = first if first is not None and first.start() == start else None
    if window < end and start + vocab.longest_cue > window:
        match = cues.match(norm, start, end)
    if match is not None:
        weakest, after_modals = _chain(vocab, norm, match, end)
        if weakest is not None:
            return weakest.strength, weakest.word, after_modals
    # Lead-ins first (围绕…,借助…机会,积极面向…): the cue opens a later clause.
    for at in clause_starts:
        if (
            at > start
            and norm[at : at + 1] in vocab.cue_first
            and (match := cues.match(norm, at, end)) is not None
        ):
            weakest, _ = _chain(vocab, norm, match, end)
            if weakest is not None:
                return weakest.strength, weakest.word, start
    return None, None, start


def _chain(vocab: Words, norm: str, match: re.Match[str], end: int) -> tuple[Cue | None, int]:
    """The weakest cue of the run of cues from ``match`` on (将积极…), and where the action
    starts past its modal words."""
    stops, table, cue_at, first = vocab.stops, vocab.cue_table, vocab.cues.match, vocab.cue_first
    weakest: Cue | None = None
    start = match.start()
    found: re.Match[str] | None = match
    while found is not None:
        word = found.group()
        if word in stops:
            break
        cue = table[word]
        if weakest is None or cue.rank < weakest.rank:
            weakest = cue
        at, after = found.span()
        if norm[after : after + 1] == "、":  # 积极、稳妥地…: the list is the action's
            break
        if not cue.in_action and start == at:
            start = after
        found = cue_at(norm, after, end) if norm[after : after + 1] in first else None
    return weakest, start


def _listed(norm: str, cue: re.Match[str]) -> bool:
    """Whether a cue word past an unrecognised subject stands in a list (实施更积极、更开放的…;
    推进振兴计划和…): then it is a word of the action, not a modal after a subject.  A
    one-character cue before 和 is a modal before "with" (某公司将和企业一起…)."""
    after = norm[cue.end() : cue.end() + 1]
    return after == "、" or (after == "和" and cue.end() - cue.start() > 1)


def _declined_cue(vocab: Words, norm: str, span: Span) -> str | None:
    """For a refusal the cue is the refusing phrase wherever it stands."""
    found = vocab.cues.findall(norm, span[0], span[1])
    return next((w for w in found if w in vocab.declined), None)


class _Whens:
    """The time anchor of each item of a statement, its items (which cover its clauses)
    asked in order after ``statement``; one per letter.

    An item's anchor is the reading of its first anchor, or else of the statement's first
    (``None`` if the statement holds none).  Anchors are searched item by item, and only as
    far as the next one: an item is searched from its start only when the anchor found last
    lies before it, and only the anchors items take are read; the rest of an item past its
    first anchor, and anchors no item takes, are neither scanned nor read.  An anchor holds
    no , ; : so it never crosses an item's bounds, and a search from an item's start finds
    what searching the statement anchor after anchor would (tests/test_item_words.py)."""

    __slots__ = ("anchor", "at", "context", "end", "first", "norm", "text", "vocab", "when")

    def __init__(self, vocab: Words, norm: str, text: str, context: Context) -> None:
        self.vocab, self.norm, self.text, self.context = vocab, norm, text, context
        self.statement(0)
        self.anchor: re.Match[str] | None = None
        self.when: When | None = None

    def statement(self, end: int) -> None:
        """Ready for the items of a statement ending at ``end`` (a method call: an object
        per statement would cost an ``__init__`` frame)."""
        self.end = end
        # The first anchor at or after the last item searched is ``anchor``, starting at
        # ``at`` (the statement's end: none), read into ``when`` once an item takes it.
        self.at = -1
        # The reading of the statement's first anchor (None: it holds none), _UNREAD until
        # the first item is asked.
        self.first: When | None = _UNREAD

    def of(self, start: int, end: int) -> When | None:
        """The time anchor of the item ``[start, end)``, the one after the last asked."""
        if self.at < start:  # the anchor found last lies before this item: search on
            anchor = self.anchor = first_anchor(self.vocab, self.norm, start, self.end)
            self.at = self.end if anchor is None else anchor.start()
            self.when = None if anchor is None else _UNREAD
        if self.at < end:  # the item's own first anchor
            when = self._read()
            if self.first is _UNREAD:  # the first item holding one holds the statement's first
                self.first = when
            if when is not None:
                return when
        elif self.first is _UNREAD:  # the first item: the statement's first lies past it
            self.first = self._read()
        return self.first

    def _read(self) -> When | None:
        if self.when is _UNREAD:
            assert self.anchor is not None  # _UNREAD only while one is found
            self.when = read_when(self.vocab, self.anchor, self.text, self.context)
        return self.when


_UNREAD: Any = object()
