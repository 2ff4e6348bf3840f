"""numbers.parse_numeral and numbers.parse_date: one case per row, grouped by form."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from replyparse.errors import ValueParseError
from replyparse.numbers import parse_date, parse_numeral, plain

NUMERALS = [
    # Arabic, separators, full-width
    ("686", "686"),
    ("21.96", "21.96"),
    ("1,200", "1200"),
    ("1,234,567.5", "1234567.5"),
    ("２", "2"),
    ("３５４１．０７", "3541.07"),
    # Chinese digits and multipliers
    ("二", "2"),
    ("两", "2"),
    ("十", "10"),
    ("十五", "15"),
    ("二十三", "23"),
    ("壹拾", "10"),
    ("贰佰叁拾肆", "234"),
    ("一千二百", "1200"),
    ("一千零五", "1005"),
    ("三千零五十万", "30500000"),
    ("三万五千", "35000"),
    ("一万五", "15000"),
    ("三百五", "350"),
    ("一百二十三点五", "123.5"),
    ("二〇二一", "2021"),
    ("二○二一", "2021"),
    # mixed Arabic and Chinese multipliers
    ("1.2万亿", "1200000000000"),
    ("3千", "3000"),
    ("十亿3000", "1000003000"),
    ("十亿3000万", "1030000000"),
    ("47.264287亿", "4726428700"),
    ("6683.8万", "66838000"),
    ("万", "10000"),
    ("亿", "100000000"),
    ("百亿", "10000000000"),
]


@pytest.mark.parametrize(("token", "expected"), [pytest.param(t, e, id=t) for t, e in NUMERALS])
def test_parse_numeral(token: str, expected: str) -> None:
    value = parse_numeral(token)
    assert isinstance(value, Decimal)
    assert str(value) == expected


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(t, id=t or "empty")
        for t in ["", "abc", "一2", "1,20", "1..2", "点五", "三步走", "1" * 41]
    ],
)
def test_parse_numeral_rejects(token: str) -> None:
    with pytest.raises(ValueParseError):
        parse_numeral(token)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2.196E+9", "2196000000", id="exponent"),
        pytest.param("21.960", "21.96", id="trailing-zeros"),
        pytest.param("100", "100", id="integer"),
        pytest.param("0.0", "0", id="zero"),
    ],
)
def test_plain(value: str, expected: str) -> None:
    assert str(plain(Decimal(value))) == expected


DATES = [
    ("2021年5月28日", datetime.date(2021, 5, 28)),
    ("2021年07月23日", datetime.date(2021, 7, 23)),
    ("发布时间:2021年07月23日", datetime.date(2021, 7, 23)),
    ("２０２１年５月２８日", datetime.date(2021, 5, 28)),
    ("二〇二一年五月二十八日", datetime.date(2021, 5, 28)),
    ("二○二一年十二月三十一日", datetime.date(2021, 12, 31)),
    ("二〇二一年十月一日", datetime.date(2021, 10, 1)),
    ("2021-07-23", datetime.date(2021, 7, 23)),
    ("2021.7.23", datetime.date(2021, 7, 23)),
    ("2021/7/23", datetime.date(2021, 7, 23)),
    ("2021 年 5 月 28 日", datetime.date(2021, 5, 28)),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, d, id=t) for t, d in DATES])
def test_parse_date(text: str, expected: datetime.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(t, id=t or "empty")
        for t in ["", "2021年", "2021年2月30日", "十四五", "2021-13-01"]
    ],
)
def test_parse_date_none(text: str) -> None:
    assert parse_date(text) is None
