"""Properties on any input (issue #8): ``parse`` returns, every span slices the text to its
item, sections and statements nest, no stage fails internally, JSON round-trips.

The invariants are in ``_invariants.check_letter``.  Inputs: arbitrary text, text over the
characters that steer the parser, letter-shaped text built from lines, and mutations of the
reference letter (characters inserted, deleted, swapped; punctuation widened or narrowed;
lines joined or split; lines duplicated or dropped; the text cut short).
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import replyparse
from _invariants import check_letter
from replyparse.model import Letter

REFERENCE = (Path(__file__).resolve().parent.parent / "samples" / "liaoning-2021-1125.txt"
             ).read_text(encoding="utf-8")
#: Examples per property; a few hundred each keeps the whole file under a minute.  Set
#: REPLYPARSE_EXAMPLES for a deeper run (bench/reliability.py --deep).
EXAMPLES = int(os.environ.get("REPLYPARSE_EXAMPLES", "300"))

_SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Characters that steer the parser: digits, units, quotes, heading markers, punctuation.
_STEERING = (
    list("0123456789０１２.,，。；;:：、（）()《》“”「」〈〉一二三四五六七八九十百千万亿元亩公顷")
    + list("省市县财政厅委局我将已下一步近年来约余近多第号届次会议代表①②\n\r \u3000\xa0\t")
)
_ALPHABET = st.sampled_from(_STEERING)
# Whole tokens: heading markers, cues, units, organs, header keys, furniture.
_TOKENS = st.sampled_from([
    "一、", "（一）", "1.", "1、", "（1）", "①", "第一部分", "在资金方面：", "近年来，", "下一步，",
    "截至目前，", "我委将", "已完成", "计划", "力争", "暂不具备条件", "21.96亿元", "27.3万亩",
    "4000亩", "82万千瓦", "94.7%", "3至5亿元", "约2亿元", "省财政厅", "市自然资源局和县住建局",
    "我委", "省有关部门", "《辽宁省“十四五”规划（2021-2025年）》", "《关于", "》", "“", "”",
    "何金箭代表：", "您提出的关于加快发展的建议收悉，现答复如下：", "感谢您对我们工作的关心。",
    "此复。", "辽宁省发展和改革委员会", "2021年5月28日", "二〇二一年五月二十八日",
    "联系人：张三", "联系电话：024-12345678", "抄送：省财政厅", "附件：1.清单", "— 3 —",
    "辽发改函〔2021〕123号", "A类", "省十三届人大五次会议第1125号", "单位：万元", "\n", "\n\n",
    "\u3000\u3000", "。", "；", "，",
])
_LINE = st.lists(st.one_of(_TOKENS, st.text(_ALPHABET, max_size=12)), max_size=12).map("".join)
_LETTER_SHAPED = st.lists(_LINE, max_size=40).map("\n".join)
_TEXT = st.one_of(st.text(), st.text(alphabet=_ALPHABET, max_size=400))

# --- mutations of the reference letter -------------------------------------------------------

_WIDE = {c: chr(ord(c) + 0xFEE0) for c in ",:;()!?0123456789"} | {".": "。", " ": "\u3000"}
_NARROW = {v: k for k, v in _WIDE.items()} | {"、": ",", "“": '"', "”": '"', "《": "<"}


def _insert(text: str, at: int, piece: str) -> str:
    return text[:at] + piece + text[at:]


def _apply(text: str, edit: tuple[str, int, int, str]) -> str:
    kind, a, b, piece = edit
    if not text:
        return piece
    at = a % (len(text) + 1)
    stop = min(len(text), at + b % 40)
    if kind == "insert":
        return _insert(text, at, piece)
    if kind == "delete":
        return text[:at] + text[stop:]
    if kind == "swap" and at + 1 < len(text):
        return text[:at] + text[at + 1] + text[at] + text[at + 2:]
    if kind in ("widen", "narrow"):
        table = str.maketrans(_WIDE if kind == "widen" else _NARROW)
        return text[:at] + text[at:stop + 200].translate(table) + text[stop + 200:]
    lines = text.split("\n")
    i = a % len(lines)
    if kind == "join" and i + 1 < len(lines):
        return "\n".join([*lines[:i], lines[i] + lines[i + 1], *lines[i + 2:]])
    if kind == "split":
        return _insert(text, at, "\n" * (1 + b % 2))
    if kind == "duplicate":
        return "\n".join([*lines[:i + 1], *lines[i:]])
    if kind == "drop":
        return "\n".join(lines[:i] + lines[i + 1:])
    if kind == "cut":
        return text[:at]
    return text


_EDIT = st.tuples(
    st.sampled_from(["insert", "delete", "swap", "widen", "narrow", "join", "split",
                     "duplicate", "drop", "cut"]),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    st.one_of(_TOKENS, st.text(_ALPHABET, min_size=1, max_size=4), st.text(max_size=3)),
)


@st.composite
def mutated_reference(draw: st.DrawFn) -> str:
    text = REFERENCE
    for edit in draw(st.lists(_EDIT, min_size=1, max_size=8)):
        text = _apply(text, edit)
    return text


# Real letters of other shapes (portal replies, government pages) from the bench corpus.
_CORPUS = sorted((Path(__file__).resolve().parent.parent / "bench" / "data").glob("*.txt"))


@st.composite
def mutated_corpus_letter(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(_CORPUS)).read_text(encoding="utf-8")
    for edit in draw(st.lists(_EDIT, min_size=1, max_size=8)):
        text = _apply(text, edit)
    return text


def _parse_and_check(text: str) -> Letter:
    letter = replyparse.parse(text)
    check_letter(letter, text)
    return letter


# --- properties ------------------------------------------------------------------------------


@_SETTINGS
@given(_TEXT)
def test_any_text(text: str) -> None:
    _parse_and_check(text)


@_SETTINGS
@given(_LETTER_SHAPED)
def test_letter_shaped_text(text: str) -> None:
    _parse_and_check(text)


@_SETTINGS
@given(mutated_reference())
def test_mutated_reference_letter(text: str) -> None:
    _parse_and_check(text)


@_SETTINGS
@given(mutated_corpus_letter())
def test_mutated_corpus_letters(text: str) -> None:
    _parse_and_check(text)


@_SETTINGS
@given(st.lists(st.sampled_from(REFERENCE.split("\n")), max_size=60).map("\n".join))
def test_reference_lines_shuffled(text: str) -> None:
    """Lines of the real letter in any order and number: headings out of place, two
    salutations, a signature in the middle."""
    _parse_and_check(text)


def test_reference_letter_itself() -> None:
    letter = _parse_and_check(REFERENCE)
    assert letter.sections and letter.statements and letter.money and letter.commitments


# --- bugs the properties caught, kept as rows ------------------------------------------------


def test_skipped_level_is_no_subsection() -> None:
    """一、 then 1. with no （一） between: the statement has no second-level part (was 0)."""
    text = "（一）一、\n一、一、\n（一）一、\n1.何金箭代表：一、"
    letter = _parse_and_check(text)
    assert [(s.section, s.subsection) for s in letter.statements] == [(1, None)]


def test_duplicated_title_line() -> None:
    """The title line twice (a portal's page title above the letter's): read once, from the
    first line, and the proposal title is an exact slice of it."""
    first = REFERENCE.split("\n", 1)[0]
    letter = _parse_and_check(first + "\n" + REFERENCE)
    assert letter.meta.title == first
    start, end = letter.meta.spans["proposal_title"]
    assert end <= len(first)
    assert letter.text[start:end] == letter.meta.proposal_title == "关于资源枯竭地区转型发展问题及对策研究的建议"
