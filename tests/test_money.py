"""find_money / parse_money against the amount table, plus properties and adversarial input."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amount_table import Row, check, incomplete_texts, load
from replyparse.errors import ReplyParseError, ValueParseError
from replyparse.extract._sites import unit_sites
from replyparse.extract.money import find_money, parse_money


@pytest.mark.parametrize("row", load("money"))
def test_table(row: Row) -> None:
    check(row, find_money(row.text))


@pytest.mark.parametrize("row", [pytest.param(p.values[0], id=p.id) for p in load("money")])
def test_table_with_sites(row: Row) -> None:
    """The shared unit search (``parse`` hands it over) changes nothing: the currency
    signs are looked up there rather than searched for."""
    assert find_money(row.text, sites=unit_sites(row.text)) == find_money(row.text)


def test_table_names_every_mention() -> None:
    assert incomplete_texts() == []


@pytest.mark.parametrize(
    ("text", "yuan", "approx"),
    [
        pytest.param("3.5亿元", "350000000", None, id="plain"),
        pytest.param("约3亿元", "300000000", "about", id="approx-before"),
        pytest.param("3亿元左右", "300000000", "about", id="approx-after"),
        pytest.param(" 500万元 ", "5000000", None, id="spaces"),
        pytest.param("每亩100元", "100", None, id="per-head"),
        pytest.param("人民币500万元", "5000000", None, id="rmb"),
    ],
)
def test_parse_money(text: str, yuan: str, approx: str | None) -> None:
    money = parse_money(text)
    assert str(money.yuan) == yuan
    assert money.approx == approx


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("三步走", id="no-amount"),
        pytest.param("1亿元和2亿元", id="two-amounts"),
        pytest.param("投资3亿元", id="extra-words"),
        pytest.param("3亿元2", id="trailing-digit"),
    ],
)
def test_parse_money_rejects(text: str) -> None:
    with pytest.raises(ValueParseError) as info:
        parse_money(text)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, ReplyParseError)


def test_no_float_anywhere() -> None:
    for money in find_money("投资1.1亿元、0.3万元、三点三万元、1至2.2亿元"):
        for value in (money.value, money.yuan, *(money.range or ())):
            assert value is None or isinstance(value, Decimal)
    assert find_money("0.1万元")[0].yuan == Decimal("1000")


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet="0123456789.,、-~至万亿千百十元余多约近数几上人民币美每亩/年一二两三五角分 ￥$个钱US",
        max_size=40,
    )
)
def test_never_raises_and_spans_hold(text: str) -> None:
    for money in find_money(text):
        assert text[money.span[0] : money.span[1]] == money.text
        assert money.span[0] < money.span[1]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_never_raises_on_any_text(text: str) -> None:
    for money in find_money(text):
        assert text[money.span[0] : money.span[1]] == money.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1" * 1_000_000, id="digits"),
        pytest.param("万" * 1_000_000, id="wan"),
        pytest.param("1、" * 500_000 + "万元", id="list"),
        pytest.param("1-" * 500_000 + "元", id="dashes"),
        pytest.param("一" * 1_000_000 + "元", id="chinese-digits"),
        pytest.param("数" * 1_000_000 + "万元", id="vague"),
        pytest.param("1点" * 500_000 + "元", id="points"),
        pytest.param("￥" * 1_000_000, id="signs"),
        pytest.param("￥" + "1" * 1_000_000, id="sign-digits"),
        pytest.param("￥1" + ",000" * 300_000, id="sign-groups"),
        pytest.param("个亿" * 500_000, id="classifiers"),
        pytest.param("1" * 1_000_000 + "个亿", id="digits-classifier"),
        pytest.param("多" * 1_000_000 + "个亿", id="more-classifier"),
    ],
)
def test_adversarial_megabyte_is_quick(text: str) -> None:
    # CPU time of this process: a busy machine slows the wall clock, not this (a
    # quadratic scan of 1 MB would take minutes of it).
    start = time.process_time()
    find_money(text)
    assert time.process_time() - start < 2.0


def test_import_is_lazy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, replyparse.extract.money, replyparse.numbers;"
        "assert 'cn2an' not in sys.modules;"
        "from replyparse.extract import _amounts;"
        "assert _amounts.pattern.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
