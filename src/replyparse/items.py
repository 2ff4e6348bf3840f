"""Commitments, achievements and refusals as trackable items.

A statement is cut into clauses at commas and semicolons (not inside 《》 or quotes).  Clauses
group into items: a new item starts at a clause that names a new actor, opens with a
connective (同时, 并, 此外) or — in a commitment — opens with a cue of its own (争取…, 预计…);
in an achievement, a clause reporting its own amount or area is its own result.

Each item gets an actor (organs before its verb; 我委 → the responder; none named → the
section's last named actor or the responder, with ``actor_inferred``), a strength from
``data/commitment_cues.tsv`` (the weakest hedge wins), a time anchor (``data/time_anchors.tsv``
plus explicit years) and the mentions inside it.

Speed (issue #7): each clause is read once, by one opening match (connectives, a time anchor,
connectives) and a few lookups, into plain values; a statement's cues and time anchors are
each scanned for once, and an item is built once with its final strength.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

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

# How far past the clause start an unrecognised subject may reach (省自然资源厅结合…).
_SUBJECT_ROOM = 12
_STRENGTH_ORDER = {"study": 0, "effort": 1, "intended": 2, "firm": 3}
_LEAD = r"(?:同时|并且|并|此外|另外|另一方面|还|也|一是|二是|三是|四是|五是|首先|其次|最后)"
_OPEN_QUOTES = "《“‘「『(（"
_CLOSE_QUOTES = "》”’」』)）"
# What ``strip_span`` trims (text._WHITE): what str.isspace() knows, which is what `re`'s \s
# matches, plus zero-width space and BOM.
_WHITE_CLASS = r"\s\u200b\ufeff"
_JOINS = frozenset("与和及、")
# Subjects that are the speaking government itself: the responder acts for it.
_SELF_PLACES = ("我省", "我市", "我区", "我县", "我州", "我盟", "本省", "本市")
_SELF_FIRST = frozenset(w[0] for w in _SELF_PLACES)
_STOPS = "。!?;.,"

_Subject = tuple[tuple[str, ...], tuple[str, ...], int]  # names, texts, end
_M = Money | Area | DocumentRef


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
def _cue_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Cue words by role: refusing (暂不具备…); opening a promise of their own (争取…,
    预计…, 确保…; a bare 将 does not, since it is as often the object marker, 将…作为…);
    and what ends a chain of modals (a refusal or a marker of completion)."""
    table = _cues()[1]
    declined = frozenset(w for w, c in table.items() if c.strength == "declined")
    opening = frozenset(w for w, c in table.items() if c.strength != "firm" or c.in_action)
    stops = frozenset(w for w, c in table.items() if c.done or c.strength == "declined")
    return declined, opening, stops


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
def _anchor_starts() -> re.Pattern[str]:
    """Where a time anchor starts: every branch opens with a literal character, so `re` skips
    ahead by first character, which the anchors' own pattern (groups, optional quotes in
    front) stops it from doing.  It matches wherever that pattern matches, and
    ``_find_anchor`` reads the anchor there with that pattern."""
    year = r"\d{2}(?:年|年?\s*+[-—–~至到]\s*+(?:19|20)\d{2}年)"  # 2021年, 2009年-2020年
    plan = r"(?:十[一二三四五六七八九]?|[三四五六七八九])五"  # 十四五
    branches = [f"1(?=9{year})", f"2(?=0{year})", f"“(?={plan})", f'"(?={plan})',
                "十(?=[一二三四五六七八九]?五)"]
    branches += [f"{digit}(?=五)" for digit in "三四五六七八九"]
    branches += [re.escape(w) for w in sorted(_anchors()[1], key=len, reverse=True)]
    return re.compile("|".join(branches))


def _find_anchor(norm: str, start: int, end: int) -> re.Match[str] | None:
    """``_anchors()[0].search(norm, start, end)``, faster (see ``_anchor_starts``)."""
    found = _anchor_starts().search(norm, start, end)
    return None if found is None else _anchors()[0].match(norm, found.start(), end)


def _alternation(words: Iterable[str]) -> str:
    """Words as one alternation, longest first: `re` matches these faster than `regex`."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _head() -> re.Pattern[str]:
    """A clause's opening: connectives and separators (同时, 并, ','), then maybe a time
    anchor (下一步, 2018年) and more connectives.  Group 1 ends past the first connectives
    (a clause is "led" when it is not empty); the match ends where a subject may stand.
    One match per clause instead of a match for each part."""
    lead = rf"(?:{_LEAD}|[,;:\s])*+"
    return re.compile(rf"({lead})(?:(?:{_anchors()[0].pattern}){lead})?")


@cache
def _clause_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Quote openers; a clause of a statement that has none (a run between , ; : trimmed of
    white space); the marks a statement with quotes is cut at."""
    return (
        re.compile("[" + re.escape(_OPEN_QUOTES) + "]"),
        re.compile(rf"[^,;:{_WHITE_CLASS}](?:[^,;:]*[^,;:{_WHITE_CLASS}])?"),
        re.compile("[" + re.escape(_OPEN_QUOTES + _CLOSE_QUOTES + ",;:") + "]"),
    )


@cache
def _break() -> re.Pattern[str]:
    """Marks an unrecognised subject does not reach across to a modal."""
    return re.compile("[,;:《“]")


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
    find_cues = _cues()[0].findall
    declined = _cue_sets()[0]
    out: dict[str, list[TrackedItem]] = {"commitment": [], "achievement": [], "declined": []}
    # The last named actor, per kind: a promise does not inherit the actor of a result.
    last_actor: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    section_key: object = None
    for statement in statements:
        key = (statement.section, statement.subsection)
        if key != section_key:
            section_key = key
            last_actor.clear()
        start, end = statement.span
        if not declined.isdisjoint(find_cues(norm, start, end)):
            kind = "declined"
        elif statement.stance in ("commitment", "achievement"):
            kind = statement.stance
        else:
            continue
        items = _items_of(norm, text, statement, kind, mentions, context, last_actor.get(kind))
        for item in items:
            if not item.actor_inferred and item.actor:
                last_actor[kind] = (item.actor, item.actor_text)
            out[item.kind].append(item)
    return tuple(out["commitment"]), tuple(out["achievement"]), tuple(out["declined"])


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
        for department in sorted(departments, key=lambda d: d.span):
            self.department_by_start.setdefault(department.span[0], department)
        self.money = money
        self.money_starts = [m.span[0] for m in money]
        self.areas = areas
        self.area_starts = [a.span[0] for a in areas]
        self.documents = documents
        self.document_starts = [d.span[0] for d in documents]
        # Most items hold no mention at all: one bisect says so for the three kinds.
        self.any_starts = sorted(self.money_starts + self.area_starts + self.document_starts)
        # Amounts and areas together, for "does a clause report a quantity".
        quantities = sorted([m.span for m in money] + [a.span for a in areas])
        self.quantity_starts = [s for s, _ in quantities]
        self.quantity_ends = [e for _, e in quantities]

    def within(self, span: Span) -> tuple[tuple[Money, ...], tuple[Area, ...],
                                          tuple[DocumentRef, ...]]:
        """The amounts, areas and documents inside ``span``."""
        i = bisect_left(self.any_starts, span[0])
        if i == len(self.any_starts) or self.any_starts[i] >= span[1]:
            return (), (), ()
        return (
            _within(self.money, self.money_starts, span),
            _within(self.areas, self.area_starts, span),
            _within(self.documents, self.document_starts, span),
        )

    def holds_quantity(self, start: int, end: int) -> bool:
        """Whether an amount or area lies in ``[start, end)``."""
        starts, ends = self.quantity_starts, self.quantity_ends
        i = bisect_left(starts, start)
        while i < len(starts) and starts[i] < end:
            if ends[i] <= end:
                return True
            i += 1
        return False


def _within(items: Sequence[_M], starts: list[int], span: Span) -> tuple[_M, ...]:
    """The mentions inside ``span``."""
    i = bisect_left(starts, span[0])
    out = []
    while i < len(items) and starts[i] < span[1]:
        if items[i].span[1] <= span[1]:
            out.append(items[i])
        i += 1
    return tuple(out)



def _clauses(norm: str, start: int, end: int) -> list[Span]:
    """Clause spans of a statement: cut at , ; : outside 《》 and quotes, trimmed, not empty."""
    openers, run, marks = _clause_patterns()
    if openers.search(norm, start, end) is None:
        # No quote opens (a closer alone leaves the depth at 0), so every , ; : cuts.
        return [m.span() for m in run.finditer(norm, start, end)]
    out: list[Span] = []
    depth = 0
    begin = start
    for match in marks.finditer(norm, start, end):
        i = match.start()
        char = norm[i]
        if char in _OPEN_QUOTES:
            depth += 1
        elif char in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append((begin, i))
            begin = i + 1
    out.append((begin, end))
    stripped = [strip_span(norm, s, e) for s, e in out]
    return [s for s in stripped if s[0] < s[1]]


class _Group:
    """Consecutive clauses that make one item, as grouping reads them."""

    __slots__ = ("start", "end", "subject", "content", "subject_ats")

    def __init__(self, start: int, end: int, subject: _Subject | None, at: int) -> None:
        self.start = start
        self.end = end
        # The first subject named: lead-ins (下一步, 2018年, 针对…困难) come before it.
        self.subject = subject
        # Where the action starts when no actor is named: past the lead-ins.
        self.content = at if at < end else -1
        self.subject_ats = [at]  # each clause's start past connectives and a time anchor

    def add(self, end: int, subject: _Subject | None, at: int) -> None:
        self.end = end
        if self.subject is None:
            self.subject = subject
        if self.content < 0 and at < end:
            self.content = at
        self.subject_ats.append(at)


def _groups(
    norm: str, start: int, end: int, kind: str, mentions: _Mentions, context: Context
) -> list[_Group]:
    """The statement's clauses grouped into items (see the module docstring)."""
    head = _head().match
    pattern = _cues()[0]
    opening = _cue_sets()[1]
    achievement = kind == "achievement"
    by_start = mentions.department_by_start
    quantity_starts = mentions.quantity_starts
    last = len(quantity_starts)
    groups: list[_Group] = []
    group: _Group | None = None
    # Whether the current group holds an item yet (lead-ins such as 下一步, 通过…资金 do
    # not), and whether it reported a quantity.
    substantive = counted = False
    for cs, ce in _clauses(norm, start, end):
        opened = head(norm, cs, ce)  # always matches
        at = opened.end()
        if at in by_start or norm[at : at + 1] in _SELF_FIRST:
            subject = _subject(norm, at, mentions, context)
        else:  # the usual opening, inline: a place name or nothing
            place = place_at(norm, at)
            subject = None if place is None else _place_subject(norm, at, place)
        i = bisect_left(quantity_starts, cs)  # most clauses: no amount or area after cs
        quantity = i < last and quantity_starts[i] < ce and mentions.holds_quantity(cs, ce)
        if group is None or (
            substantive
            and (
                opened.end(1) > cs
                or subject is not None
                or (
                    quantity and counted
                    if achievement
                    else (cue := pattern.match(norm, at)) is not None and cue.group() in opening
                )
            )
        ):
            group = _Group(cs, ce, subject, at)
            groups.append(group)
            substantive = counted = False
        else:
            group.add(ce, subject, at)
        substantive = (
            substantive
            or subject is not None
            or quantity
            or pattern.search(norm, cs, ce) is not None
        )
        counted = counted or quantity
    return groups


def _items_of(
    norm: str,
    text: str,
    statement: Statement,
    kind: str,
    mentions: _Mentions,
    context: Context,
    last_actor: tuple[tuple[str, ...], tuple[str, ...]] | None,
) -> list[TrackedItem]:
    start, end = statement.span
    groups = _groups(norm, start, end, kind, mentions, context)
    whens = _whens(norm, text, start, end, context)
    items: list[TrackedItem] = []
    inherited = last_actor
    # A commitment clause with no cue of its own is under the modal before it (将…,同时加大…).
    modal: tuple[str | None, str | None] = (None, None)
    for group in groups:
        span = (group.start, group.end)
        actor, actor_text, inferred, action_start = _actor(group, inherited, context)
        inherited = (actor, actor_text)
        if kind == "commitment":
            strength, cue, action_start = _strength(norm, action_start, span, group.subject_ats)
            if strength:
                modal = (strength, cue)
            elif modal[0]:
                strength, cue = modal
        elif kind == "achievement":
            strength, cue, action_start = None, None, _past_done(norm, action_start, span[1])
        else:
            strength, cue = "declined", _declined_cue(norm, span)
        money, areas, documents = mentions.within(span)
        action_start, action_end = strip_span(norm, action_start, span[1])
        while action_end > action_start and norm[action_end - 1] in _STOPS:
            action_end -= 1
        items.append(
            TrackedItem(
                kind=kind,  # type: ignore[arg-type]
                text=text[span[0] : span[1]],
                span=span,
                actor=actor,
                actor_text=actor_text,
                actor_inferred=inferred,
                action=text[action_start:action_end],
                action_span=(action_start, action_end),
                when=_when_in(whens, span),
                strength=strength,
                cue=cue,
                money=money,
                areas=areas,
                documents=documents,
                section=statement.section,
                subsection=statement.subsection,
            )
        )
    return items


def _actor(
    group: _Group,
    inherited: tuple[tuple[str, ...], tuple[str, ...]] | None,
    context: Context,
) -> tuple[tuple[str, ...], tuple[str, ...], bool, int]:
    """Actor names and texts, whether inferred, and where the action starts."""
    subject = group.subject
    if subject is not None and subject[2] <= group.end:
        return subject[0], subject[1], subject[1][0] in _SELF_PLACES, subject[2]
    content = group.content if group.content >= 0 else group.subject_ats[0]
    if inherited is not None and inherited[0]:
        return inherited[0], inherited[1], True, content
    return (context.responder,) if context.responder else (), (), True, content


def _subject(norm: str, at: int, mentions: _Mentions, context: Context) -> _Subject | None:
    """Organs (joined by 与/和/及/、) or a place that open a clause: names, texts, end."""
    by_start = mentions.department_by_start
    department = by_start.get(at)
    if department is not None:
        names, texts, end = [department.canonical], [department.text], department.span[1]
        while end < len(norm) and norm[end] in _JOINS:
            following = by_start.get(end + 1)
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
            and by_start.get(at + len(word) - 1) is None
        ):
            return (context.responder,), (word,), at + len(word)
    place = place_at(norm, at)
    return None if place is None else _place_subject(norm, at, place)


def _place_subject(norm: str, at: int, place: tuple[str, int]) -> _Subject:
    name, length = place
    return (name,), (norm[at : at + length],), at + length


def _past_done(norm: str, start: int, end: int) -> int:
    """Past markers of completion: 已治理… reports 治理…, the marker is not the action."""
    pattern, table = _cues()
    while (match := pattern.match(norm, start, end)) and table[match.group()].done:
        start = match.end()
    return start


def _strength(
    norm: str, action_start: int, span: Span, clause_starts: Sequence[int]
) -> tuple[str | None, str | None, int]:
    """The cue chain opening a commitment's action (将积极…, 拟…, 争取…): weakest hedge,
    its cue, and where the action starts once modal words are left out.

    Only cues opening the action or one of its clauses count: 研究 in 强化产业链招商研究
    is a noun.
    """
    pattern, table = _cues()
    start = action_start
    # An unrecognised subject (某某公司将…) may stand before a modal: look a little ahead.
    first = pattern.search(norm, action_start, min(span[1], action_start + _SUBJECT_ROOM))
    if (
        first is not None
        and not table[first.group()].in_action
        and _break().search(norm, action_start, first.start()) is None
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
    stops = _cue_sets()[2]
    weakest: Cue | None = None
    start = position
    while (match := pattern.match(norm, position, end)) is not None:
        word = match.group()
        if word in stops:
            break
        cue = table[word]
        if weakest is None or _STRENGTH_ORDER[cue.strength] < _STRENGTH_ORDER[weakest.strength]:
            weakest = cue
        if not cue.in_action and start == match.start():
            start = match.end()
        position = match.end()
    return weakest, start


def _declined_cue(norm: str, span: Span) -> str | None:
    """For a refusal the cue is the refusing phrase wherever it stands."""
    declined = _cue_sets()[0]
    return next((w for w in _cues()[0].findall(norm, span[0], span[1]) if w in declined), None)


# --- time anchors ----------------------------------------------------------------------


def _whens(
    norm: str, text: str, start: int, end: int, context: Context
) -> list[tuple[int, When | None]]:
    """The statement's time anchors in order: start and reading of each.

    An anchor never crosses a clause boundary, so the first anchor inside an item's span is
    what a search of that span finds; the statement is searched once for all its items.
    """
    out: list[tuple[int, When | None]] = []
    while (match := _find_anchor(norm, start, end)) is not None:
        out.append((match.start(), _when(match, text, context)))
        start = match.end()
    return out


def _when_in(whens: list[tuple[int, When | None]], span: Span) -> When | None:
    """The reading of the first anchor in ``span``, or of the statement's first anchor."""
    for at, when in whens:
        if at >= span[1]:
            break
        if at >= span[0]:
            if when is not None:
                return when
            break
    return whens[0][1] if whens else None


def _when(match: re.Match[str], text: str, context: Context) -> When | None:
    found = match.span()
    written = text[found[0] : found[1]]
    branch = match.lastgroup  # the last group closed: range_end, plan, year or word
    if branch == "range_end":
        first, last = int(match.group("range")), int(match.group("range_end"))
        return When(text=written, span=found, range=(first, last), horizon="range")
    if branch == "plan":
        plan = five_year_plan(match.group("plan"))
        if plan is None:
            return None
        first = plan[0]
        if "末" in match.group():
            return When(text=written, span=found, year=first + 4, horizon="year")
        return When(text=written, span=found, range=(first, first + 4), horizon="range")
    if branch == "year":
        return When(text=written, span=found, year=int(match.group("year")), horizon="year")
    horizon, offset = _anchors()[1][match.group()]
    if horizon == "year" and context.year is not None:
        return When(text=written, span=found, year=context.year + offset, horizon="year")
    return When(text=written, span=found, horizon="unspecified")
