"""Shortcuts in the amount extractors give what the plain forms they replace give.

Each test runs the plain form (kept here as the reference) and the shortcut on many inputs:
hypothesis examples plus rows at the edges of the shortcut's range.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replyparse import parse
from replyparse.assemble import Locator
from replyparse.extract import _amounts
from replyparse.extract._sites import DOMAINS, unit_sites
from replyparse.extract.areas import _digits, _divide, _in_mu, _terminates, find_areas
from replyparse.extract.departments import find_departments
from replyparse.extract.documents import find_documents
from replyparse.extract.money import find_money
from replyparse.extract.quantities import find_quantities
from replyparse.model import Letter
from replyparse.numbers import plain
from replyparse.parser import context_of

_CTX = decimal.Context(prec=80, rounding=decimal.ROUND_HALF_EVEN)


def _divide_plain(numerator: Decimal, denominator: int, places: int) -> Decimal:
    """The 80-digit division rounded by ``quantize`` that ``areas._divide`` replaces."""
    quotient = _CTX.divide(numerator, Decimal(denominator))
    top, bottom = numerator.as_integer_ratio()
    if _terminates(top, bottom * denominator):
        return plain(quotient)
    return plain(quotient.quantize(Decimal(1).scaleb(-places), context=_CTX))


def _divide_both(numerator: Decimal, denominator: int, places: int) -> None:
    top, bottom = numerator.as_integer_ratio()
    exact = _terminates(top, bottom * denominator)
    try:
        want: Decimal | str = _divide_plain(numerator, denominator, places)
    except decimal.InvalidOperation:
        want = "InvalidOperation"
    try:
        got: Decimal | str = _divide(numerator, denominator, places, exact, (top, bottom))
    except decimal.InvalidOperation:
        got = "InvalidOperation"
    assert str(got) == str(want)


# (1, 8, 10_000 and 2**90: every quotient terminates, through areas._terminating)
_DENOMINATORS = [3, 30_000, 6000, 7, 9, 11, 12, 300, 3 * 10**9, 1, 8, 10_000, 2**90]


@pytest.mark.parametrize(
    "numerator",
    [
        "8000000", "2666666.5", "1", "0", "0.5", "5", "15", "0.000001", "1E+40", "2E+83",
        "9" * 28, "1" * 70 + ".5", "12345678901234567890123456789E+48", "0.0001",
        "-8000000", "-0.00001", "1.5", "2.5", "0.015", "0.00015", "0.000015",
    ],
)  # fmt: skip
@pytest.mark.parametrize("denominator", _DENOMINATORS)
@pytest.mark.parametrize("places", [2, 4])
def test_divide_rows(numerator: str, denominator: int, places: int) -> None:
    _divide_both(Decimal(numerator), denominator, places)


@settings(max_examples=2000, deadline=None)
@given(
    st.integers(min_value=-(10**40), max_value=10**60),
    st.integers(min_value=-45, max_value=30),
    st.sampled_from(_DENOMINATORS),
    st.sampled_from([2, 4]),
)
def test_divide_matches_quantize(coefficient: int, exponent: int, den: int, places: int) -> None:
    _divide_both(Decimal(coefficient).scaleb(exponent), den, places)


@pytest.mark.parametrize(
    "digits", [0, 1, 7, 10, 100, 5000, 53733, 537330, 10**79 - 1, 10**79, 12 * 10**40]
)
@pytest.mark.parametrize("places", [0, 1, 2, 4, 30])
def test_digits_as_plain(digits: int, places: int) -> None:
    """``areas._digits`` builds what ``plain`` makes of the scaled ``Decimal``."""
    want = plain(Decimal(digits).scaleb(-places, _CTX))
    got = _digits(digits, places)
    assert (str(got), got.as_tuple()) == (str(want), want.as_tuple())


def _walk_start(norm: str, u: int, done: int, domain: str) -> int:
    """The numeral run's start walked back from the unit at ``u`` (the form that
    ``_amounts._run_start`` replaces with the length measured by the candidate search)."""
    run_chars = "".join(sorted(_amounts._run_class()))
    back = re.compile("[" + re.escape(run_chars) + "]*+")
    n = len(norm)
    begin = u - 1 if norm[u - 1] in _amounts._SPACES else u
    limit = max(done, u - _amounts._MAX_RUN)
    if begin > limit:
        walk = back.match(norm[::-1], n - begin, n - limit)
        assert walk is not None
        begin -= walk.end() - walk.start()
    if domain == "money" and norm[begin - 3 : begin] == "人民币" and begin - 3 >= done:
        begin -= 3
    return begin


def _run_starts_agree(text: str) -> None:
    n = len(text)
    for domain in ("money", "area", "quantity"):
        for m in _amounts.candidates(domain).finditer(text[::-1]):
            if m["run"] is None:
                continue  # 百分之
            u, run = n - m.end(), m.end("run") - m.end()
            for done in {0, max(0, u - 3), max(0, u - 1), u}:
                got = _amounts._run_start(text, u, run, done, domain)
                assert got == _walk_start(text, u, done, domain), (text, domain, u, done)
                if _takes_run_as_measured(text, u, run, done, domain):
                    assert got == u - run, (text, domain, u, done)


def _takes_run_as_measured(text: str, u: int, run: int, done: int, domain: str) -> bool:
    """Where ``_amounts._scan`` starts the run ``run`` back without ``_run_start`` (its
    test, restated)."""
    begin = u - run
    return not (
        begin <= done
        or text[u - 1] in _amounts._SPACES
        or (domain == "money" and text.startswith("人民币", begin - 3))
    )


@pytest.mark.parametrize(
    "text",
    [
        "投资2亿元", "人民币 300 万元", "1" * 200 + "元", "1 " * 100 + "亩", "、" * 150 + "5个",
        "3\u3000万元", "一二三四五" * 30 + "家", "１２３万元", "5 元", " 5元",
        "人民币300万元", "人民币3元", "民币3元", "3元人民币", "3元人民币5元", "12元3元",
    ],
)  # fmt: skip
def test_run_start_rows(text: str) -> None:
    _run_starts_agree(text)


_PIECES = [
    *"0123456789１.,点、~-至到 \u3000一二十百千万亿几余多",
    *["元", "人民币", "亩", "km2", "个", "家", "百分之", "%", "瓦", "第", "年"],
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60))
def test_run_start_matches_walk(pieces: list[str]) -> None:
    _run_starts_agree("".join(pieces))


def _mu_both(full: Decimal, num: int, den: int) -> None:
    """``areas._in_mu`` gives what the division it replaces for 亩 gives."""
    scaled = full * num
    top, bottom = scaled.as_integer_ratio()
    want = _divide(scaled * 3, den * 2000, 4, _terminates(top * 3, bottom * den))
    got = _in_mu(full, scaled, num, den, (top, bottom))
    assert (str(got), got.as_tuple()) == (str(want), want.as_tuple()), full


@pytest.mark.parametrize(
    "full",
    [
        "273000", "0.5", "0", "1", "806", "53.7333", "1E+3", "12345678901234567890123456",
        "9" * 27, "9" * 28, "9" * 40, "1" * 30 + ".25", "0.000000000000000000000000000001",
        "-806", "2.5E+30",
    ],
)  # fmt: skip
@pytest.mark.parametrize(("num", "den"), [(2000, 3), (10000, 1), (4000, 6), (7, 3)])
def test_mu_rows(full: str, num: int, den: int) -> None:
    _mu_both(Decimal(full), num, den)


@settings(max_examples=2000, deadline=None)
@given(
    st.integers(min_value=-(10**40), max_value=10**45),
    st.integers(min_value=-40, max_value=20),
)
def test_mu_is_the_figure_in_mu(coefficient: int, exponent: int) -> None:
    _mu_both(plain(Decimal(coefficient).scaleb(exponent, _CTX)), 2000, 3)


# --- one search for the units of all domains (_sites.unit_sites) ------------------------------

_ROOT = Path(__file__).resolve().parent.parent
_LETTERS = sorted(
    [_ROOT / "samples" / "liaoning-2021-1125.txt", *(_ROOT / "tests/data/letters").glob("*.txt")]
)
#: Every unit form (full-width ones included), the characters around them that matter
#: (guards, run characters, 百分之) and some plain text.
_UNIT_PIECES = sorted(
    {form for d in DOMAINS for forms in _amounts.unit_forms(d).values() for form, _ in forms}
    | {c for d in DOMAINS for forms in _amounts.unit_forms(d).values() for _, g in forms for c in g}
    | set(_PIECES)
    | {"百分之", "平方", "千", "的", "和", "，", "。", "\n", "５", "％", "Ａ", "－", "﹒", "〜", "～"}
    # currency signs and the colloquial 个亿 (``_unitless`` reads them through the sites)
    | {"￥", "¥", "$", "US$", "＄", "个亿", "个多亿", "两", "1,200"}
)


def _sites_agree(text: str) -> None:
    sites = unit_sites(text)
    for domain in DOMAINS:
        # The run after 百分之 is not read (-4 from the domain's pattern, 0 from the sites).
        alone = [(u, max(run, 0)) for u, run in _amounts._candidates_in(text, domain)]
        assert sites.by_domain[domain] == alone, (domain, text)
    # The full-width characters the scans would have searched for near each unit.
    assert sites.wide == [m.start() for m in _amounts._full_width().finditer(text)], text
    # The currency signs that ``_unitless`` would have searched for.
    assert sites.signs == [i for i, c in enumerate(text) if c in _amounts.sign_ends()], text


@pytest.mark.parametrize("path", _LETTERS, ids=lambda p: p.name)
def test_sites_on_letters(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    _sites_agree(text)
    sites = unit_sites(text)
    assert find_money(text, sites=sites) == find_money(text)
    assert find_areas(text, sites=sites) == find_areas(text)
    assert find_quantities(text, sites=sites) == find_quantities(text)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_UNIT_PIECES), max_size=40))
def test_sites_match_each_domain(pieces: list[str]) -> None:
    text = "".join(pieces)
    _sites_agree(text)
    sites = unit_sites(text)
    assert find_money(text, sites=sites) == find_money(text)
    assert find_areas(text, sites=sites) == find_areas(text)
    assert find_quantities(text, sites=sites) == find_quantities(text)


@pytest.mark.parametrize(
    "text",
    [
        "2021年完成3km2", "5 km２", "支持3支队伍", "的支持", "百分之五", "百分之", "平方公里",
        "5平方公里和3公里", "3米、2平方米、1立方米", "1千瓦时", "12千瓦", "5元旦", "人民币3元",
        "3人民币", "第3项", "项目5项", "2", "元", "之分百", "6亩产", "亩5", "5‰",
        "５元", "３km２", "５％", "Ａ５亩", "5ｍ２", "１２３４", "５－６亩", "5 km2ｍ",
        "￥5万元", "US$3", "＄５", "3个亿", "两个多亿", "6000个亿元", "$", "个亿",
    ],
)  # fmt: skip
def test_sites_rows(text: str) -> None:
    """Units whose last character stands after a character no unit or numeral has before
    it are rejected before the branches (``_sites._pattern``): the sites stay the same."""
    _sites_agree(text)
    assert find_money(text, sites=unit_sites(text)) == find_money(text)


def test_sites_of_another_text_are_not_used() -> None:
    sites = unit_sites("造林4000亩")
    assert [m.text for m in find_money("投资2亿元", sites=sites)] == ["2亿元"]


# --- mentions built with stance and section (where=Locator.where) -----------------------------


def _placed(letter: Letter, start: int, end: int) -> tuple[str | None, int | None]:
    """(stance, section) of a span by a walk of every statement and section: the form
    ``Locator.where`` replaces with two bisects."""
    for statement in letter.statements:
        if statement.span[0] <= start and end <= statement.span[1]:
            return statement.stance, statement.section
    for section in letter.sections:
        if section.span[0] <= start and end <= section.span[1]:
            return None, section.number
    return None, None


@pytest.mark.parametrize("path", _LETTERS, ids=lambda p: p.name)
def test_where_places_every_mention(path: Path) -> None:
    """Every extractor given ``Locator.where`` builds its mentions with the stance and
    section of the statement (else the section) holding them, and without it with none."""
    text = path.read_text(encoding="utf-8")
    letter = parse(text)
    where = Locator(letter.statements, letter.sections).where
    context = context_of(letter.meta)
    finds: list[Callable[..., Sequence[Any]]] = [
        find_money, find_areas, find_quantities, find_documents,
        lambda text, **kw: find_departments(text, context, **kw),
    ]
    placed = 0
    for find in finds:
        built, bare = find(text, where=where), find(text)
        assert [replace(m, stance=None, section=None) for m in built] == list(bare)
        assert all((m.stance, m.section) == (None, None) for m in bare)
        assert [(m.stance, m.section) for m in built] == [_placed(letter, *m.span) for m in built]
        placed += sum(m.section is not None for m in built)
    assert placed or not letter.sections


def _picks_agree(text: str) -> None:
    """``_amounts._group_picker`` reads off ``groups()`` what the groups by name hold."""
    for domain in DOMAINS:
        pick = _amounts._group_picker(domain)
        tail = "tail" if domain == "money" else "more"
        for m in _amounts.pattern(domain).finditer(text):
            assert pick(m.groups()) == m.group("nums", "more", "unit", "per", tail), text


@pytest.mark.parametrize("path", _LETTERS, ids=lambda p: p.name)
def test_picker_on_letters(path: Path) -> None:
    _picks_agree(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text",
    ["人民币300万元", "3541.07万元2角", "1元1角1分人民币", "5000元/人", "每亩3元", "3余万亩",
     "82万千瓦", "百分之五", "94.7%", "4、5亩", "1至2个", "14家/年"],
)  # fmt: skip
def test_picker_rows(text: str) -> None:
    _picks_agree(text)
