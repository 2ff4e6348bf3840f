"""The shortcuts of items (issue #7, speed) find what the slower, plain forms find.

Each row is a case the fast form must agree on with the form it replaces: the clause cut by
``str.split`` (quotes told by a search per opener the letter holds) against the walk mark by
mark, the time anchor located by first character against the anchor pattern's own search,
the head skipped by its first character against the head matched, the refusals searched for
alone against a scan of every cue, a run of clauses searched for a cue at once against
clause by clause, an item's mentions (and a clause's quantities) taken in one walk of its
statement's against a filter of all of them, the refusing cue found by a find per cue
against the pattern's search, an item's time anchor searched item by item against every
anchor of its statement read, a commitment's first cue and a mark before it by one search
against two.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from replyparse import items, parse
from replyparse._item_words import (
    _BREAKS,
    OPEN_QUOTES,
    Cue,
    _check_apart,
    _refusals,
    _unopened,
    find_anchors,
    read_when,
    search_refusal,
    words,
)
from replyparse.model import Letter
from replyparse.text import _WHITE, normalise, strip_span


@cache
def _corpus() -> tuple[tuple[str, Letter, str], ...]:
    """(name, letter, normalised text) of the reference letter and the corpus letters in
    bench/data, parsed once for the tests that compare a shortcut on real statements."""
    root = Path(__file__).parent.parent
    paths = [root / "samples" / "liaoning-2021-1125.txt",
             *sorted((root / "bench" / "data").glob("*.txt"))]
    out = []
    for path in paths:
        letter = parse(path.read_text(encoding="utf-8"))
        out.append((path.name, letter, normalise(letter.text)))
    return tuple(out)


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param("将加大支持力度,同时推进项目建设;争取早日完工。", id="plain"),
        pytest.param("根据《关于“十四五”规划的通知》要求,加快推进。", id="nested-quotes"),
        pytest.param("按照“统筹规划,分步实施”的原则,推进建设。", id="comma-in-quotes"),
        pytest.param("按照《规划(2021,2025)》,推进。", id="comma-in-brackets"),
        pytest.param("结合《A“B‘C,D’E”F》,推进,落实。", id="three-deep"),
        pytest.param("提出“建议,推进落实,加快建设。", id="unclosed-quote"),
        pytest.param("已完成》建设,推进”落实,加快。", id="stray-closers"),
        pytest.param("  下一步 ,  将推进 ;  ,, 落实  。", id="white-space-and-empty"),
        pytest.param("\u200b推进,\ufeff落实\u3000,", id="zero-width-and-bom"),
        pytest.param("推进:加快;落实,完成。", id="colon-and-semicolon"),
        pytest.param(",推进,,落实,", id="empty-parts"),
        pytest.param("推进\n落实,加快 建设\t,完成", id="white-space-inside"),
        pytest.param("《甲》,推进(乙),落实“丙”。", id="quotes-without-marks"),
        pytest.param("推进(乙,丙),落实。", id="comma-in-round-brackets"),
        pytest.param("推进（乙;丙）,落实。", id="semicolon-in-full-width-brackets"),
        pytest.param("推进「乙:丙」,落实『丁,戊』。", id="corner-brackets"),
        pytest.param("推进‘乙,丙’,落实。", id="single-quotes"),
        pytest.param("", id="empty"),
        pytest.param(" \u3000 ", id="white-only"),
        pytest.param("根据《关于“甲,乙”的通知》,推进。", id="comma-in-nested-quote"),
        pytest.param("根据《关于“甲》,推进。", id="nested-quote-left-open"),
        pytest.param("根据《关于“甲”“乙”的通知》,推进。", id="two-nested-quotes"),
        pytest.param("根据“甲“乙”丙”,推进。", id="same-opener-nested"),
        pytest.param("根据《甲)乙,推进》。", id="other-closer-closes"),
        pytest.param("推进,落实《甲“乙", id="quotes-open-to-the-end"),
        pytest.param("推进《甲“乙,落实", id="nested-open-then-comma"),
        pytest.param("“甲”,(乙),《丙》,「丁」;『戊』:（己）,‘庚’。", id="every-opener-closed"),
    ],
)
def test_clauses_match_the_walk(statement: str) -> None:
    vocab = words()
    fast = list(items._clauses(vocab, statement, 0, len(statement)))
    assert fast == items._walk_clauses(vocab, statement, 0, len(statement))


@pytest.mark.parametrize(
    "statement",
    ["将加大支持力度,同时推进项目建设;争取早日完工。", "  下一步 ,  将推进 ;  ,, 落实  。",
     "\u200b推进,\ufeff落实\u3000,", "按照“统筹规划,分步实施”的原则,推进建设 。", "推进  。 ",
     "  。", "省发改委 将推进,", "。!?", " \t\n"],
)
def test_action_trimmed_at_its_start_only(statement: str) -> None:
    """An item ends where a clause ends, so ``_items_of`` trims only an action's start, after
    its stops: what trimming both sides, then the stops, gives."""
    vocab = words()
    for _, end in items._clauses(vocab, statement, 0, len(statement)):
        assert statement[end - 1] not in _WHITE
        for start in range(end + 1):
            s, e = strip_span(statement, start, end)
            while e > s and statement[e - 1] in items._STOPS:
                e -= 1
            fast_end = end
            while fast_end > start and statement[fast_end - 1] in items._STOPS:
                fast_end -= 1
            fast_start = start
            if start < fast_end and statement[start] in _WHITE:
                fast_start = strip_span(statement, start, fast_end)[0]
            assert (fast_start, fast_end) == (s, e), (statement, start, end)


@pytest.mark.parametrize(
    "text",
    ["某某公司将积极推进", "将争取早日完成", "研究推进将", "积极争取研究", "推进,将加快", "已完成建设",
     "暂不具备条件将", "拟于年底前确保", "省发改委将会同有关部门积极争取", "将将将将将将将将将将将将将将"],
)
def test_strength_reuses_the_first_cue_found(text: str) -> None:
    """``_strength`` takes the cue found in its window as the cue matched at ``start`` (or
    none when it starts later or none was found), unless a cue could outrun the window."""
    vocab = words()
    cues = vocab.cues
    for room in (1, 2, 3, items._SUBJECT_ROOM):
        for end in range(len(text) + 1):
            for action_start in range(end + 1):
                window = min(end, action_start + room)
                first = cues.search(text, action_start, window)
                for start in {action_start, first.start() if first else action_start}:
                    if window < end and start + vocab.longest_cue > window:
                        continue  # looked for again
                    reused = first if first is not None and first.start() == start else None
                    direct = cues.match(text, start, end)
                    assert (reused and reused.span()) == (direct and direct.span()), (
                        text, room, action_start, start, end)


def test_clauses_of_short_strings_match_the_walk() -> None:
    """Every string of up to six characters over openers, closers, marks and a word is cut
    as the walk cuts it: the search per opener (``_item_words._holding``) lets through only
    statements whose , ; : all stand outside quotes."""
    vocab = words()
    for size in range(7):
        for chars in itertools.product("《“”》),甲", repeat=size):
            statement = "".join(chars)
            assert items._clauses(vocab, statement, 0, len(statement)) == items._walk_clauses(
                vocab, statement, 0, len(statement)), statement


@pytest.mark.parametrize(
    "text",
    ["某某公司将积极推进", "某某公司,将积极推进", "某某《规划》将推进", "某“飞地”将加快", "推进;拟于年底",
     "研究,将加快", "将,研究", "::将", "《将》争取", "某某:确保将", "公司将,积极争取研究"],
)
def test_cue_or_break_is_a_cue_then_a_mark_search(text: str) -> None:
    """``_strength`` reads one search of cues and marks as the first cue in the window and
    whether a mark stands before it: where the action starts and the cue opening there are
    what the two searches give."""
    vocab = words()
    marks = re.compile("[" + re.escape(_BREAKS) + "]")
    for end in range(len(text) + 1):
        for action_start in range(end + 1):
            window = min(end, action_start + items._SUBJECT_ROOM)
            first = vocab.cues.search(text, action_start, window)
            start = action_start
            if (first is not None and not vocab.cue_table[first.group()].in_action
                    and marks.search(text, action_start, first.start()) is None):
                start = first.start()
            plain = (start, first.span() if first and first.start() == start else None)
            found = vocab.cue_or_break.search(text, action_start, window)
            cue = found and vocab.cue_table.get(found.group())
            one = (found.start() if cue and not cue.in_action else action_start,
                   found.span() if cue and found.start() == (
                       found.start() if not cue.in_action else action_start) else None)
            assert one == plain, (text, action_start, end)


def test_quotes_in_are_the_letters_openers() -> None:
    """``_quotes_in`` keeps the openers of ``OPEN_QUOTES`` a text holds, each with its own
    search, and no other character is asked about."""
    vocab = words()
    assert "".join(opener for opener, _ in vocab.quotes_holding) == OPEN_QUOTES
    sample = [chr(c) for c in (*range(0x20, 0x7F), *range(0x2000, 0x2070), *range(0x3000, 0x3040),
                               *range(0xFF00, 0xFF60))]
    for char in sample:
        kept = items._quotes_in(vocab, "推进" + char + "落实")
        assert [opener for opener, _ in kept] == ([char] if char in OPEN_QUOTES else []), char
    assert items._quotes_in(vocab, "《甲》“乙”") == vocab.quotes_holding[:2]


def test_clauses_of_corpus_statements_match_the_walk() -> None:
    """Every statement of the reference letter and of the corpus is cut as the walk cuts it,
    asked about all openers and about the letter's alone (as ``build_items`` asks)."""
    vocab = words()
    for name, letter, norm in _corpus():
        quotes = items._quotes_in(vocab, norm)
        for statement in letter.statements:
            start, end = statement.span
            walked = items._walk_clauses(vocab, norm, start, end)
            assert items._clauses(vocab, norm, start, end) == walked, (name, statement.text)
            assert items._clauses(vocab, norm, start, end, quotes) == walked, (
                name, statement.text)


def test_clause_trim_is_strip_span_trim() -> None:
    """`re`'s \\s plus zero-width space and BOM is text._WHITE (str.isspace() is all below
    U+3001)."""
    pattern = re.compile(r"[\s\u200b\ufeff]")
    below = {chr(c) for c in range(0x3001) if pattern.match(chr(c))} | {"\u200b", "\ufeff"}
    assert below == set(_WHITE)
    assert not any(chr(c).isspace() for c in range(0x3001, 0x110000))


@pytest.mark.parametrize(
    "text",
    ["2021年底前", "2009年-2020年", "2009 - 2020年", "2021-2025年", "“十四五”末期",
     '"十三五"期间', "十四五", "十五", "二十五", "五五", "三五", "下一步", "今年年底前",
     "近年来", "2021", "20万元", "1000亩", "19年", "“建议", "十分", "目标", "五年"],
)
def test_anchor_starts_where_the_anchor_matches(text: str) -> None:
    vocab = words()
    for at in range(len(text)):
        located = vocab.anchor_starts.match(text, at) is not None
        assert located == (vocab.anchor.match(text, at) is not None), (text, at)


def test_head_first_characters() -> None:
    """A clause opening with a character outside ``head_first`` has an empty head."""
    vocab = words()
    sample = [chr(c) for c in (*range(0x20, 0x7F), *range(0x3000, 0x3040), *range(0x4E00, 0xA000),
                               *range(0xFF00, 0xFF60))]
    for char in sample:
        if char not in vocab.head_first:
            opened = vocab.head.match(char + "推进")
            assert opened is not None and opened.end() == 0, char


def test_refusals_searched_alone() -> None:
    assert words().refusals is not None  # the shipped cue table allows it


def _table(*rows: tuple[str, str]) -> dict[str, Cue]:
    return {word: Cue(word, strength, True, -1) for word, strength in rows}


@pytest.mark.parametrize(
    ("rows", "alone"),
    [
        pytest.param((("将", "firm"), ("暂不能", "declined")), True, id="apart"),
        pytest.param((("暂不", "firm"), ("暂不能", "declined")), True, id="shorter-same-start"),
        pytest.param((("能够", "firm"), ("暂不能", "declined")), True, id="starts-inside"),
        pytest.param((("一暂", "firm"), ("暂不能", "declined")), False, id="ends-inside"),
        pytest.param((("暂不能够", "firm"), ("暂不能", "declined")), False, id="longer-same-start"),
        pytest.param((("说暂不能说", "firm"), ("暂不能", "declined")), False, id="contains"),
    ],
)
def test_refusals_check_overlaps(rows: tuple[tuple[str, str], ...], alone: bool) -> None:
    assert (_refusals(_table(*rows)) is not None) == alone


def test_place_first_covers_place_at() -> None:
    """Every name ``place_at`` finds opens with a character of ``place_first``."""
    from replyparse.extract._places import _names

    first = words().place_first
    assert all(name[0] in first for name in _names()[0])


def test_cue_first_covers_cue_match() -> None:
    """Where ``cue_first`` does not hold the character, ``cues.match`` finds nothing (the
    calls it spares in ``_groups``, ``_strength``, ``_chain`` and ``_past_done``)."""
    vocab = words()
    assert vocab.cue_first == frozenset(word[0] for word in vocab.cue_table)
    sample = [chr(c) for c in (*range(0x20, 0x7F), *range(0x3000, 0x3040), *range(0x4E00, 0xA000))]
    for char in sample:
        if char not in vocab.cue_first:
            assert vocab.cues.match(char + "将积极") is None, char


def _cue_in_clauses(statement: str) -> None:
    """Every run of the statement's clauses holds a cue as one search finds iff one of its
    clauses does (what ``_groups`` asks of the clauses it has not searched yet)."""
    vocab = words()
    clauses = items._clauses(vocab, statement, 0, len(statement))
    found = [vocab.cues.search(statement, s, e) is not None for s, e in clauses]
    for i in range(len(clauses)):
        for j in range(i, len(clauses)):
            at_once = vocab.cues.search(statement, clauses[i][0], clauses[j][1]) is not None
            assert at_once == any(found[i : j + 1]), (statement, clauses[i], clauses[j])


@pytest.mark.parametrize(
    "statement",
    ["将加大支持力度,同时推进项目建设;争取早日完工。", "积,极推进,努 力", "确;保,落:实", "计\n划推进,预\u3000计",
     "按照“统筹规划,积极推进”的原则,推进建设。", "将", "", "推进,落实", "已,经完成,尽,快",
     "暂不,具备条件,不宜"],
)
def test_clauses_searched_at_once_for_a_cue(statement: str) -> None:
    _cue_in_clauses(statement)


def test_corpus_clauses_searched_at_once_for_a_cue() -> None:
    for _name, letter, norm in _corpus():
        for statement in letter.statements:
            _cue_in_clauses(norm[statement.span[0] : statement.span[1]])


@pytest.mark.parametrize("word", ["争取,", "积 极", "将;", ":拟", "确\u3000保"])
def test_cue_across_clauses_refused(word: str) -> None:
    with pytest.raises(ValueError, match="holds"):
        _check_apart(_table((word, "firm")))


def test_printable_without_space_holds_no_white() -> None:
    """``_clauses`` trims nothing in a statement that ``isprintable()`` and holds no space:
    every white character but the space is unprintable."""
    assert all(not char.isprintable() for char in _WHITE if char != " ")
    for statement in ("推进,落实", "推进 ,落实", "推进\u200b,落实", "推进,\ufeff落实", "推进\u3000,落实"):
        fast = statement.isprintable() and " " not in statement
        assert fast == (not any(char in _WHITE for char in statement)), statement


def _inside(mentions: tuple[Any, ...], span: tuple[int, int]) -> tuple[Any, ...]:
    return tuple(m for m in mentions if span[0] <= m.span[0] and m.span[1] <= span[1])


def test_items_take_their_mentions_in_one_walk() -> None:
    """Each item of each statement of the reference letter and the corpus takes the
    amounts, areas and documents inside it, as a filter of all of them finds them; each
    clause is told whether it reports an amount or area as that filter tells it."""
    from replyparse.context import Context

    vocab = words()
    taken = 0
    for name, letter, norm in _corpus():
        mentions = items._Mentions(letter.departments, letter.money, letter.areas,
                                   letter.documents)
        for statement in letter.statements:
            start, end = statement.span
            for kind in ("commitment", "achievement"):
                rows = mentions.of(start, end)
                quantities = [span for span, of_kind, _ in rows if of_kind < 2]
                for group in items._groups(vocab, norm, start, end, kind, mentions, quantities,
                                           Context()):
                    span = (group.start, group.end)
                    plain = (_inside(letter.money, span), _inside(letter.areas, span),
                             _inside(letter.documents, span))
                    assert (items._take(rows, span) if rows else ((), (), ())) == plain, (
                        name, span)
                    taken += any(plain)
                clauses = items._clauses(vocab, norm, start, end)
                assert items._reporting(clauses, quantities) == {
                    cs for cs, ce in clauses if any(cs <= s and e <= ce for s, e in quantities)}
    assert taken > 20  # the walk was asked about items that hold mentions


def _same_refusal(text: str, start: int, end: int) -> None:
    vocab = words()
    assert vocab.refusals is not None
    found = search_refusal(vocab, text, start, end)
    plain = vocab.refusals.search(text, start, end)
    assert (found and (found.span(), found.group())) == (plain and (plain.span(), plain.group())), (
        text, start, end)


@pytest.mark.parametrize(
    "text",
    ["暂不具备条件", "暂不具备条", "我们暂不具备条件,也不宜", "不宜暂不能", "作为参考留作参考", "难以实施难以实现",
     "暂无法实施", "不属于我委职责", "超出职责范围", "将积极推进", "", "不", "暂不能暂不具备条件不宜"],
)
def test_refusal_found_as_the_pattern_finds_it(text: str) -> None:
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            _same_refusal(text, start, end)


def test_refusals_of_the_corpus_found_as_the_pattern_finds_them() -> None:
    for _name, letter, norm in _corpus():
        _same_refusal(norm, 0, len(norm))
        for statement in letter.statements:
            _same_refusal(norm, statement.span[0], len(norm))
            _same_refusal(norm, *statement.span)


def test_unopened_words() -> None:
    assert _unopened(["暂不具备条件", "暂不具备", "不具备条件", "暂不"]) == ("不具备条件", "暂不")


def _refusals_skipped(norm: str, spans: list[tuple[int, int]]) -> None:
    """``build_items`` asks ``_Refusals.within`` only when ``found``: where it does not,
    ``within`` finds no refusal in any span, in any order."""
    skipping, asking = items._Refusals(words(), norm), items._Refusals(words(), norm)
    for start, end in spans:
        assert (skipping.found and skipping.within(start, end)) == asking.within(start, end), (
            norm, start, end)


@pytest.mark.parametrize(
    "text", ["将积极推进,暂不具备条件。下一步将研究。", "将积极推进。下一步将研究。", "", "不宜", "我们暂不具备条件"]
)
def test_refusals_skipped_in_a_letter_without_them(text: str) -> None:
    cuts = range(len(text) + 1)
    _refusals_skipped(text, [(a, b) for a in cuts for b in cuts if a <= b])
    _refusals_skipped(text, [(a, b) for a in reversed(cuts) for b in cuts if a <= b])


def test_refusals_skipped_in_the_corpus() -> None:
    for _name, letter, norm in _corpus():
        _refusals_skipped(norm, [statement.span for statement in letter.statements])


def _chain_whens(norm: str, start: int, end: int, spans: list[tuple[int, int]],
                 context: Any) -> list[Any]:
    """The plain form of ``items._Whens``: every anchor of the statement found one after the
    other and read, then each item takes its first one's reading, or else the statement's."""
    vocab = words()
    anchors = find_anchors(vocab, norm, start, end)
    readings = [read_when(vocab, anchor, norm, context) for anchor in anchors]
    out = []
    for s, e in spans:
        own = next((r for a, r in zip(anchors, readings, strict=True) if s <= a.start() < e), None)
        inside = any(s <= a.start() < e for a in anchors)
        out.append(own if inside and own is not None else (readings[0] if readings else None))
    return out


def _same_whens(norm: str, start: int, end: int, spans: list[tuple[int, int]],
                context: Any) -> None:
    whens = items._Whens(words(), norm, norm, context)
    whens.statement(0)  # a statement before, with its state left behind
    whens.of(0, 0)
    whens.statement(end)
    assert [whens.of(s, e) for s, e in spans] == _chain_whens(norm, start, end, spans,
                                                              context), norm[start:end]


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param("下一步,将推进2021年底前完成,同时今年加快。", id="one-per-clause"),
        pytest.param("将推进建设,下一步落实,2021年完成。", id="first-item-none"),
        pytest.param("将推进,加快,落实。", id="none"),
        pytest.param("“十四五”期间,推进,2021年完成。", id="plan-first"),
        pytest.param("推进,“十四五”末期落实,2021年完成。", id="plan-later"),
        pytest.param("今年年底前推进,近期,今后落实。", id="nested-words"),
        pytest.param("2009年-2020年,2021年,近年来近期。", id="two-in-one-item"),
    ],
)
def test_item_anchors_as_the_statement_chain_finds_them(statement: str) -> None:
    """Each clause taken as an item, and all of it as one (items cover their statement's
    clauses, as ``_groups`` makes them)."""
    from replyparse.context import Context

    clauses = items._clauses(words(), statement, 0, len(statement))
    for context in (Context(), Context(year=2021)):
        _same_whens(statement, 0, len(statement), clauses, context)
        _same_whens(statement, 0, len(statement), [(clauses[0][0], clauses[-1][1])], context)


def test_corpus_item_anchors_as_the_statement_chain_finds_them() -> None:
    """The items of every statement of the reference letter and the corpus (as grouped
    for a commitment and for an achievement) take the anchors the chain gives them."""
    from replyparse.context import Context

    vocab = words()
    read = 0
    for _name, letter, norm in _corpus():
        mentions = items._Mentions(letter.departments, letter.money, letter.areas,
                                   letter.documents)
        for statement in letter.statements:
            start, end = statement.span
            for kind in ("commitment", "achievement"):
                groups = items._groups(vocab, norm, start, end, kind, mentions, [], Context())
                spans = [(g.start, g.end) for g in groups]
                _same_whens(norm, start, end, spans, Context(year=2021))
                read += bool(find_anchors(vocab, norm, start, end))
    assert read > 100  # statements holding anchors were asked
