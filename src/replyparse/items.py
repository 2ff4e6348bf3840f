"""Commitments, achievements and refusals as trackable items.

A statement is cut into clauses at commas and semicolons (not inside 《》 or quotes).  Clauses
group into items: a new item starts at a clause that names a new actor, opens with a
connective (同时, 并, 此外) or — in a commitment — opens with a cue of its own (争取…, 预计…);
in an achievement, a clause reporting its own amount or area is its own result.

Each item gets an actor (organs before its verb; 我委 → the responder; none named → the
section's last named actor or the responder, with ``actor_inferred``), a strength from
``data/commitment_cues.tsv`` (the weakest hedge wins), a time anchor (``data/time_anchors.tsv``
plus explicit years) and the mentions inside it.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from replyparse.context import Context
from replyparse.data_files import read_table
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
)
from replyparse.periods import five_year_plan
from replyparse.text import strip_span

_T = TypeVar("_T")
# How far past the clause start an unrecognised subject may reach (省自然资源厅结合…).
_SUBJECT_ROOM = 12
_STRENGTH_ORDER = {"study": 0, "effort": 1, "intended": 2, "firm": 3}
_LEAD = r"(?:同时|并且|并|此外|另外|另一方面|还|也|一是|二是|三是|四是|五是|首先|其次|最后)"
_OPEN_QUOTES = "《“‘「『(（"
_CLOSE_QUOTES = "》”’」』)）"
_JOINS = frozenset("与和及、")
# Subjects that are the speaking government itself: the responder acts for it.
_SELF_PLACES = ("我省", "我市", "我区", "我县", "我州", "我盟", "本省", "本市")
_SELF_FIRST = frozenset(w[0] for w in _SELF_PLACES)


@dataclass(frozen=True, slots=True)
class Cue:
    word: str
    strength: str
    in_action: bool

    @property
    def done(self) -> bool:
        """A marker of completion (已, 先后), which opens an achievement's action."""
        return self.strength == "done"


@cache
def _cues() -> tuple[re.Pattern[str], dict[str, Cue]]:
    rows = read_table("commitment_cues.tsv")
    table = {row[0]: Cue(row[0], row[1], row[2] == "yes") for row in rows}
    return re.compile(_alternation(table)), table


@cache
def _anchors() -> tuple[re.Pattern[str], dict[str, tuple[str, int]]]:
    table: dict[str, tuple[str, int]] = {}
    for row in read_table("time_anchors.tsv"):
        offset = int(row[2]) if len(row) > 2 and row[2] else 0
        table[row[0]] = (row[1], offset)
    pattern = re.compile(
        r"(?P<range>(?:19|20)\d{2})年?\s*+[-—–~至到]\s*+(?P<range_end>(?:19|20)\d{2})年"
        r"|[“\"]?(?P<plan>十[一二三四五六七八九]?|[三四五六七八九])五[”\"]?(?:末期|末|期间|时期)?+"
        r"|(?P<year>(?:19|20)\d{2})年(?:底前|底|前|内)?+"
        rf"|(?P<word>{_alternation(table)})"
    )
    return pattern, table


@cache
def _anchor_search() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The anchors split in two for searching: years and plans, and the words alone.

    Mixed into one alternation, the year and plan branches (groups, optional quotes) stop
    `re` from skipping ahead by first character, so a search tries every position; the words
    alone are skipped to at C speed, and the numeric part is searched only where a span holds
    19/20 or 五.  Together they find what the one pattern finds (see ``_find_anchor``).
    """
    pattern, table = _anchors()
    numeric = pattern.pattern.rsplit("|(?P<word>", 1)[0]
    return re.compile(numeric), re.compile(_alternation(table))


def _find_anchor(norm: str, start: int, end: int) -> re.Match[str] | None:
    """``_anchors()[0].search(norm, start, end)``, faster: the leftmost of the two searches,
    the numeric one on a tie (its branches come first in the one pattern)."""
    numeric, words = _anchor_search()
    word = words.search(norm, start, end)
    piece = norm[start : word.start() + 4 if word else end]
    if "五" in piece or "19" in piece or "20" in piece:
        number = numeric.search(norm, start, end)
        if number is not None and (word is None or number.start() <= word.start()):
            return number
    return word


def _alternation(words: Iterable[str]) -> str:
    """Words as one alternation, longest first: `re` matches these faster than `regex`."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _lead() -> re.Pattern[str]:
    return re.compile(rf"(?:{_LEAD}|[,;:\s])*+")


def _skip_lead(norm: str, start: int, end: int) -> int:
    """Past connectives and separators (同时, 并, ',') at ``start``; the pattern always matches."""
    match = _lead().match(norm, start, end)
    return match.end() if match else start


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
    mentions = _Mentions(departments, money, areas, documents)
    out: dict[str, list[TrackedItem]] = {"commitment": [], "achievement": [], "declined": []}
    # The last named actor, per kind: a promise does not inherit the actor of a result.
    last_actor: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    section_key: object = None
    for statement in statements:
        key = (statement.section, statement.subsection)
        if key != section_key:
            section_key = key
            last_actor.clear()
        kind = _kind_of(norm, statement)
        if kind is None:
            continue
        items = _items_of(norm, text, statement, kind, mentions, context, last_actor.get(kind))
        for item in items:
            if not item.actor_inferred and item.actor:
                last_actor[kind] = (item.actor, item.actor_text)
            out[item.kind].append(item)
    return tuple(out["commitment"]), tuple(out["achievement"]), tuple(out["declined"])


def _kind_of(norm: str, statement: Statement) -> str | None:
    pattern, table = _cues()
    start, end = statement.span
    for match in pattern.finditer(norm, start, end):
        if table[match.group()].strength == "declined":
            return "declined"
    if statement.stance in ("commitment", "achievement"):
        return statement.stance
    return None


class _Mentions:
    """Mentions sorted by start, with range lookups by binary search."""

    def __init__(
        self,
        departments: Sequence[Department],
        money: Sequence[Money],
        areas: Sequence[Area],
        documents: Sequence[DocumentRef],
    ) -> None:
        self.departments = sorted(departments, key=lambda d: d.span)
        # By start: the first of the sorted mentions starting there (what a bisect finds).
        self.department_by_start: dict[int, Department] = {}
        for department in self.departments:
            self.department_by_start.setdefault(department.span[0], department)
        self.money = money
        self.money_starts = [m.span[0] for m in money]
        self.areas = areas
        self.area_starts = [a.span[0] for a in areas]
        self.documents = documents
        self.document_starts = [d.span[0] for d in documents]

    def department_at(self, position: int) -> Department | None:
        return self.department_by_start.get(position)

    def quantities_in(self, span: Span) -> int:
        return _count_within(self.money, self.money_starts, span) + _count_within(
            self.areas, self.area_starts, span
        )


@cache
def _clause_marks() -> re.Pattern[str]:
    return re.compile("[" + re.escape(_OPEN_QUOTES + _CLOSE_QUOTES + ",;:") + "]")


def _within(items: Sequence[_T], starts: list[int], span: Span) -> list[_T]:
    out = []
    i = bisect_left(starts, span[0])
    while i < len(items) and starts[i] < span[1]:
        if items[i].span[1] <= span[1]:  # type: ignore[attr-defined]
            out.append(items[i])
        i += 1
    return out


def _count_within(items: Sequence[Money] | Sequence[Area], starts: list[int], span: Span) -> int:
    """``len(_within(items, starts, span))`` without building the list."""
    count = 0
    i = bisect_left(starts, span[0])
    end = span[1]
    while i < len(starts) and starts[i] < end:
        if items[i].span[1] <= end:
            count += 1
        i += 1
    return count


def _clauses(norm: str, span: Span) -> list[Span]:
    """Clause spans of a statement: cut at , ; : outside 《》 and quotes."""
    out: list[Span] = []
    depth = 0
    begin = span[0]
    for match in _clause_marks().finditer(norm, span[0], span[1]):
        i = match.start()
        char = norm[i]
        if char in _OPEN_QUOTES:
            depth += 1
        elif char in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif depth == 0 and char in ",;:":
            out.append((begin, i))
            begin = i + 1
    out.append((begin, span[1]))
    stripped = [strip_span(norm, s, e) for s, e in out]
    return [s for s in stripped if s[0] < s[1]]


@dataclass(slots=True)
class _Clause:
    """What grouping needs to know of a clause, computed once."""

    span: Span
    led: bool  # opens with a connective such as 同时
    subject_at: int  # past connectives and a time anchor
    subject: tuple[tuple[str, ...], tuple[str, ...], int] | None
    opens_promise: bool
    quantities: int
    has_cue: bool

    @property
    def substantive(self) -> bool:
        """Holds an item of its own; lead-ins (下一步, 通过…资金, 针对…困难) do not."""
        return self.subject is not None or self.has_cue or self.quantities > 0


def _clause(norm: str, span: Span, mentions: _Mentions, context: Context) -> _Clause:
    lead_end = _skip_lead(norm, span[0], span[1])
    at = lead_end
    time = _anchors()[0].match(norm, at, span[1])
    if time is not None:
        at = _skip_lead(norm, time.end(), span[1])
    return _Clause(
        span=span,
        led=lead_end > span[0],
        subject_at=at,
        subject=_subject(norm, at, mentions, context),
        opens_promise=_opens_promise(norm, at),
        quantities=mentions.quantities_in(span),
        has_cue=_cues()[0].search(norm, span[0], span[1]) is not None,
    )


def _items_of(
    norm: str,
    text: str,
    statement: Statement,
    kind: str,
    mentions: _Mentions,
    context: Context,
    last_actor: tuple[tuple[str, ...], tuple[str, ...]] | None,
) -> list[TrackedItem]:
    groups: list[list[_Clause]] = []
    substantive = counted = False
    for span in _clauses(norm, statement.span):
        clause = _clause(norm, span, mentions, context)
        starts_new = bool(groups) and substantive and (
            clause.led
            or clause.subject is not None
            or (kind != "achievement" and clause.opens_promise)
            or (kind == "achievement" and clause.quantities > 0 and counted)
        )
        if starts_new or not groups:
            groups.append([clause])
            substantive = counted = False
        else:
            groups[-1].append(clause)
        substantive = substantive or clause.substantive
        counted = counted or clause.quantities > 0
    statement_when = _when(norm, text, statement.span, context)
    items: list[TrackedItem] = []
    actor = last_actor
    for group in groups:
        item = _item(norm, text, statement, kind, group, mentions, context, actor,
                     statement_when)
        actor = (item.actor, item.actor_text)
        items.append(item)
    if kind == "commitment":
        # A clause with no cue of its own is under the modal before it (将…,同时加大…).
        modal: tuple[str | None, str | None] = (None, None)
        for i, item in enumerate(items):
            if item.strength:
                modal = (item.strength, item.cue)
            elif modal[0]:
                items[i] = dataclasses.replace(item, strength=modal[0], cue=modal[1])
    return items


def _subject(
    norm: str, at: int, mentions: _Mentions, context: Context
) -> tuple[tuple[str, ...], tuple[str, ...], int] | None:
    """Organs (joined by 与/和/及/、) or a place that open a clause: names, texts, end."""
    department = mentions.department_at(at)
    if department is not None:
        names, texts, end = [department.canonical], [department.text], department.span[1]
        while end < len(norm) and norm[end] in _JOINS:
            following = mentions.department_at(end + 1)
            if following is None:
                break
            names.append(following.canonical)
            texts.append(following.text)
            end = following.span[1]
        return tuple(names), tuple(texts), end
    for word in _SELF_PLACES if norm[at : at + 1] in _SELF_FIRST else ():
        if (
            norm.startswith(word, at)
            and context.responder
            and mentions.department_at(at + len(word) - 1) is None
        ):
            return (context.responder,), (word,), at + len(word)
    place = place_at(norm, at)
    if place is not None:
        name, length = place
        return (name,), (norm[at : at + length],), at + length
    return None


def _opens_promise(norm: str, at: int) -> bool:
    """A clause opening with its own cue (争取…, 预计…, 确保…) is a promise of its own; a
    bare 将 is not, since it is as often the object marker (将…作为…)."""
    pattern, table = _cues()
    match = pattern.match(norm, at)
    if match is None:
        return False
    cue = table[match.group()]
    return cue.strength != "firm" or cue.in_action


def _item(
    norm: str,
    text: str,
    statement: Statement,
    kind: str,
    group: list[_Clause],
    mentions: _Mentions,
    context: Context,
    inherited: tuple[tuple[str, ...], tuple[str, ...]] | None,
    statement_when: When | None,
) -> TrackedItem:
    span = (group[0].span[0], group[-1].span[1])
    # Lead-in clauses (下一步, 2018年, 针对…困难) come before the clause that names the actor.
    head = next((c for c in group if c.subject is not None), None) or next(
        (c for c in group if c.substantive), group[0]
    )
    subject = head.subject
    # With no actor named, the action is all that follows the lead-ins.
    content = next((c for c in group if c.subject_at < c.span[1]), group[0]).subject_at
    if subject is not None and subject[2] <= span[1]:
        actor, actor_text, action_start = subject[0], subject[1], subject[2]
        inferred = subject[1][0] in _SELF_PLACES
    elif inherited is not None and inherited[0]:
        action_start, inferred = content, True
        actor, actor_text = inherited
    else:
        actor = (context.responder,) if context.responder else ()
        actor_text, action_start, inferred = (), content, True
    strength, cue, action_start = _strength(
        norm, action_start, span, kind, [c.subject_at for c in group]
    )
    action_span = strip_span(norm, action_start, span[1])
    action_span = (action_span[0], _rstrip_stop(norm, action_span))
    when = _when(norm, text, span, context) or statement_when
    return TrackedItem(
        kind=kind,  # type: ignore[arg-type]
        text=text[span[0] : span[1]],
        span=span,
        actor=actor,
        actor_text=actor_text,
        actor_inferred=inferred,
        action=text[action_span[0] : action_span[1]],
        action_span=action_span,
        when=when,
        strength=strength if kind == "commitment" else ("declined" if kind == "declined" else None),
        cue=cue,
        money=tuple(_within(mentions.money, mentions.money_starts, span)),
        areas=tuple(_within(mentions.areas, mentions.area_starts, span)),
        documents=tuple(_within(mentions.documents, mentions.document_starts, span)),
        section=statement.section,
        subsection=statement.subsection,
    )


def _strength(
    norm: str, action_start: int, span: Span, kind: str, clause_starts: Sequence[int]
) -> tuple[str | None, str | None, int]:
    """The cue chain opening the action (将积极…, 拟…, 争取…): weakest hedge, its cue, and
    where the action starts once modal words are left out.

    Only cues opening the action or one of its clauses count: 研究 in 强化产业链招商研究
    is a noun.  For a refusal the cue is the refusing phrase wherever it stands.
    """
    pattern, table = _cues()
    if kind == "achievement":
        # 已治理… reports 治理…: the marker of completion is not part of the action.
        start = action_start
        while (match := pattern.match(norm, start, span[1])) and table[match.group()].done:
            start = match.end()
        return None, None, start
    if kind == "declined":
        return "declined", _declined_cue(norm, span), action_start
    start = action_start
    # An unrecognised subject (某某公司将…) may stand before a modal: look a little ahead.
    first = pattern.search(norm, action_start, min(span[1], action_start + _SUBJECT_ROOM))
    if (
        first is not None
        and not table[first.group()].in_action
        and not _has_break(norm, action_start, first.start())
    ):
        start = first.start()
    weakest, after_modals = _chain(norm, start, span[1])
    if weakest is not None:
        return weakest.strength, weakest.word, after_modals
    # Lead-ins first (围绕…,借助…机会,积极面向…): the cue opens a later clause.
    for at in clause_starts:
        if at > start:
            weakest, _ = _chain(norm, at, span[1])
            if weakest is not None:
                return weakest.strength, weakest.word, start
    return None, None, start


def _chain(norm: str, position: int, end: int) -> tuple[Cue | None, int]:
    """The weakest cue of the run of cues at ``position`` (将积极…), and where the action
    starts past its modal words."""
    pattern, table = _cues()
    weakest: Cue | None = None
    start = position
    while (match := pattern.match(norm, position, end)) is not None:
        cue = table[match.group()]
        if cue.done or cue.strength == "declined":
            break
        if weakest is None or _STRENGTH_ORDER[cue.strength] < _STRENGTH_ORDER[weakest.strength]:
            weakest = cue
        if not cue.in_action and start == match.start():
            start = match.end()
        position = match.end()
    return weakest, start


def _has_break(norm: str, start: int, end: int) -> bool:
    return any(c in ",;:《“" for c in norm[start:end])


def _declined_cue(norm: str, span: Span) -> str | None:
    pattern, table = _cues()
    for match in pattern.finditer(norm, span[0], span[1]):
        if table[match.group()].strength == "declined":
            return match.group()
    return None


def _rstrip_stop(norm: str, span: Span) -> int:
    end = span[1]
    while end > span[0] and norm[end - 1] in "。!?;.,":
        end -= 1
    return end


def _when(norm: str, text: str, span: Span, context: Context) -> When | None:
    table = _anchors()[1]
    match = _find_anchor(norm, span[0], span[1])
    if match is None:
        return None
    found = (match.start(), match.end())
    written = text[found[0] : found[1]]
    year = context.year
    groups = match.groupdict()  # empty for a word: it comes from the words' own pattern
    if groups.get("range"):
        first, last = int(match.group("range")), int(match.group("range_end"))
        return When(text=written, span=found, range=(first, last), horizon="range")
    if groups.get("plan"):
        plan = five_year_plan(match.group("plan"))
        if plan is None:
            return None
        first = plan[0]
        if "末" in match.group():
            return When(text=written, span=found, year=first + 4, horizon="year")
        return When(text=written, span=found, range=(first, first + 4), horizon="range")
    if groups.get("year"):
        return When(text=written, span=found, year=int(match.group("year")), horizon="year")
    horizon, offset = table[match.group()]
    if horizon == "year" and year is not None:
        return When(text=written, span=found, year=year + offset, horizon="year")
    return When(text=written, span=found, horizon="unspecified")
