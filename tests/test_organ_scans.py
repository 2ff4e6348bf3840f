"""The fast lookups of department recognition agree with the plain definitions they replace.

``_candidates`` (one ``re`` scan of the reversed text) must list the longest organ word at
every place, its suffixes that are words following from it as trying every substring would
find them, and ``find_departments`` reading those suffixes only where the longest is not
read must read what it read from all of them listed at once; ``place_at`` and ``_place_ending`` (tables by two
characters) must find the longest place word, as trying every length would.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from replyparse.context import Context
from replyparse.extract import departments
from replyparse.extract._lexicon import lexicon
from replyparse.extract._places import (
    _BARE_CHARS,
    _NOT_BEFORE_BARE,
    _TAIL_ENDS,
    _names,
    _place_ending,
    _prefix,
    place_at,
)
from replyparse.extract.departments import (
    _BREAK_HEADS,
    _LONGEST,
    _NAME_BREAKS,
    _Candidate,
    _candidates,
    _tails,
    _Word,
    find_departments,
)

SAMPLE = (Path(__file__).resolve().parent.parent / "samples" / "liaoning-2021-1125.txt")

# Overlapping and nested words, words at both ends, a join inside a name.
TEXTS = [
    ("reference", SAMPLE.read_text(encoding="utf-8")),
    ("nested", "国家发展改革委员会财政厅财政部我委委托"),
    ("edges", "委局"),
    ("overlap", "省人民政府办公厅会同市政府办公室和县委宣传部"),
    ("enterprise", "辽宁能源集团有限公司与国网辽宁省电力有限公司"),
    ("township", "高桥镇人民政府、泉塘街道办事处"),
    ("empty", ""),
    ("breaks", "新疆银行整合库尔勒银行与国网公司集团大学学院银行"),
    ("bare", "中共自治区委、自治区人民政府、在自治区财政厅和中共省委,全省市县区旗州政府"),
    ("anonymised", "A市A2区K10县中共西地省委"),
    ("whole", "苏州大学与C市看守所、市局、辽宁局和江苏科技大学"),
    # A longest word not read, a shorter one ending with it read: 直各部门 needs its level
    # word, 各部门 does not; 国务院台湾事务办公室 is not a word, but 国务院 ends inside it
    # and 台湾事务办公室 starts after.
    ("shorter", "，直各部门。国务院直有关单位和财政直有关部门"),
    ("shorter-after-mention", "中华人民共和国国务院台湾事务办公室、国务院国资委与国务院扶贫办"),
]


def _all_words(norm: str) -> list[tuple[int, int]]:
    """Every (start, end) whose substring is an organ word, leftmost then longest first."""
    words = _tails().words
    longest = max(map(len, words))
    found = [(s, e) for s in range(len(norm)) for e in range(s + 1, min(len(norm), s + longest) + 1)
             if norm[s:e] in words]
    return sorted(found, key=lambda c: (c[0], -c[1]))


def _every_candidate(norm: str) -> list[_Candidate]:
    """``_candidates`` with each word's suffixes that are words listed too (as sorted)."""
    found = []
    for _, start, end, word in _candidates(norm):
        entry: tuple[int, _Word] | None = (end - start, word)
        while entry is not None:
            length, word = entry
            found.append(((end - length) * _LONGEST - length, end - length, end, word))
            entry = word[3]
    return sorted(found, key=lambda c: c[0])


@pytest.mark.parametrize(("case", "text"), TEXTS, ids=[c for c, _ in TEXTS])
def test_candidates_are_every_word(case: str, text: str) -> None:
    assert [(s, e) for _, s, e, _ in _every_candidate(text)] == _all_words(text)
    longest = [(s, e) for _, s, e, _ in _candidates(text)]
    assert longest == [(s, e) for s, e in _all_words(text)
                       if not any(e == e2 and s2 < s for s2, e2 in _all_words(text))]


def _corpus(n: int) -> list[tuple[str, str]]:
    data = sorted((Path(__file__).resolve().parent.parent / "bench" / "data").glob("*.txt"))
    return [(path.stem, path.read_text(encoding="utf-8")) for path in data[:n]]


LETTERS = TEXTS + _corpus(60)


@pytest.mark.parametrize(("case", "text"), LETTERS, ids=[c for c, _ in LETTERS])
def test_shorter_words_read_in_their_turn(case: str, text: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """``find_departments`` reads a longest word's suffixes only where it is not read
    (``_put_shorter``): the same mentions as when every word is listed from the start
    (their ``shorter`` taken away, so none is put twice)."""
    contexts = [None, Context(province="辽宁省", responder="辽宁省发展和改革委员会",
                              responder_level="provincial")]
    lazy = [find_departments(text, ctx) for ctx in contexts]
    every = [(o, s, e, (*w[:3], None)) for o, s, e, w in _every_candidate(text)]
    monkeypatch.setattr(departments, "_candidates", lambda norm: list(every))
    assert [find_departments(text, ctx) for ctx in contexts] == lazy


def test_scan_group_reads_as_the_word() -> None:
    """``_candidates`` reads a match by its capture (the longest word ending there,
    reversed: ``by_reversed``), not by the word sliced from the text (``words``); a word's
    ``shorter`` is its longest suffix that is a word."""
    tails = _tails()
    for word, entry in tails.words.items():
        m = tails.scan.match(word[::-1])
        assert m is not None and m.end() == 1, word
        assert m[1] == word[::-1], word  # the word itself is the longest
        assert tails.by_reversed[m[1]] == (len(word), entry), word
        suffixes = [word[k:] for k in range(1, len(word)) if word[k:] in tails.words]
        shorter = entry[3]
        assert (shorter and shorter[1][0]) == (suffixes[0] if suffixes else None), word


@pytest.mark.parametrize(("case", "text"), TEXTS, ids=[c for c, _ in TEXTS])
def test_place_at_is_longest_name(case: str, text: str) -> None:
    names, _ = _names()
    longest = max(map(len, names))
    shorts = lexicon().shorts
    for at in range(len(text) + 1):
        found = next((text[at:e] for e in range(min(len(text), at + longest), at, -1)
                      if text[at:e] in names), None)
        expected = None if found is None else (shorts.get(found, found), len(found))
        assert place_at(text, at) == expected, (at, text[at:at + 6])


@pytest.mark.parametrize(("case", "text"), TEXTS, ids=[c for c, _ in TEXTS])
def test_place_ending_is_longest_name(case: str, text: str) -> None:
    names, _ = _names()
    longest = max(map(len, names))
    for pos in range(len(text) + 1):
        for limit in (0, max(0, pos - 3)):
            found = next((text[s:pos] for s in range(max(limit, pos - longest), pos - 1)
                          if text[s:pos] in names), None)
            if found is None:
                continue  # (the anonymised A市 pattern is tried after the names)
            assert _place_ending(text, pos, limit) == found, (pos, limit)


@pytest.mark.parametrize(("case", "text"), TEXTS, ids=[c for c, _ in TEXTS])
def test_name_break_looked_for_where_the_name_grows(case: str, text: str) -> None:
    """``_scan_named`` grows a name leftwards one character a step and asks only whether a
    break word starts at the new character: the same step stops as when the whole name
    so far is searched (a break further right was seen at an earlier step)."""
    breaks = re.compile("|".join(_NAME_BREAKS))
    for start in range(len(text) + 1):
        by_search = by_step = None
        for k in range(1, min(start, 12) + 1):
            i = start - k
            if by_search is None and k > 1 and breaks.search(text, i, start):
                by_search = k
            if by_step is None and text[i] in _BREAK_HEADS and text.startswith(
                    _NAME_BREAKS, i, start):
                by_step = k
        assert by_step == by_search, (start, text[max(0, start - 12):start])


@pytest.mark.parametrize(("case", "text"), TEXTS, ids=[c for c, _ in TEXTS])
def test_prefix_told_by_the_characters_before(case: str, text: str) -> None:
    """``_scan_named`` calls ``_prefix`` only where a bare level word's character or a
    place word's last two characters end (the last of them one of ``_TAIL_ENDS``):
    wherever ``_prefix`` finds one, they do."""
    tails = _names()[1]
    for pos in range(len(text) + 1):
        for limit in (0, max(0, pos - 1), max(0, pos - 3), pos):
            if _prefix(text, pos, limit) is not None:
                assert text[pos - 1:pos] in _BARE_CHARS or (
                    text[pos - 1:pos] in _TAIL_ENDS and text[pos - 2:pos] in tails), pos


def _bare_word(norm: str, pos: int, limit: int) -> tuple[int, str, bool] | None:
    """The bare level word ending at ``pos`` as first written: (start, word, party)."""
    if pos - 3 >= limit and norm[pos - 3:pos] == "自治区":
        word = "自治区"
    elif pos > limit and norm[pos - 1] in _BARE_CHARS:
        word = norm[pos - 1]
    else:
        return None
    start = pos - len(word)
    if start > 0 and norm[start - 1] in _NOT_BEFORE_BARE:
        return None
    party = start - 2 >= limit and norm[start - 2:start] == "中共"
    return (start - 2 if party else start, word, party)


@pytest.mark.parametrize(("case", "text"), TEXTS, ids=[c for c, _ in TEXTS])
def test_bare_level_word_read_from_last_character(case: str, text: str) -> None:
    """``_prefix`` tells a bare level word by its last character before it compares
    自治区 or 中共: it reads the same word as the plain comparisons in order."""
    for pos in range(len(text) + 1):
        for limit in (0, max(0, pos - 1), max(0, pos - 3), pos):
            pre = _prefix(text, pos, limit)
            if pre is not None and pre.tokens:
                continue  # a place word, not a bare one
            got = None if pre is None else (pre.start, pre.bare, pre.party)
            assert got == _bare_word(text, pos, limit), (pos, limit, text[max(0, pos - 4):pos])
