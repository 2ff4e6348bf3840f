"""The metadata reader's shortcuts give what the general forms they replace give: a date
written 2021年5月28日 read from the date pattern's own groups against ``parse_date`` of the
matched text, and `regex` groups read by number against the same groups read by name, on
every line of the corpus and on lines made to sit at the edges of the patterns."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from replyparse import meta, read_text
from replyparse.layout import _virtual_lines
from replyparse.numbers import parse_date
from replyparse.text import normalise

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    *sorted((ROOT / "bench" / "data").glob("*.txt")),
    *sorted((ROOT / "samples").glob("*.txt")),
    *sorted((ROOT / "tests" / "data").rglob("*.txt")),
]
DATES = [
    "2021年5月28日", "2021年07月23日", "发布时间:2021年07月23日", "2021 年 5 月 8 日", "2021年5月28",
    "2021年13月28日", "2021年2月30日", "0000年1月1日", "2021年5月28日印发", "12021年5月6日",
    "2021年5月 28日", "2021年5月28 日", "２０２１年５月２８日", "٢٠٢١年٥月٢٨日", "2021-05-28", "2021.5.28",
    "2021/5/28", "二〇二一年五月二十八日", "二O二一年五月二十八日", "○二一年五月二十八日", "2021年5月", "",
    "1999年12月31日至2000年1月1日", "2021年1月1日、2021年2月2日",
]


def _general_date(norm: str) -> datetime.date | None:
    """Every date's matched text handed to ``parse_date``, as before the shortcut."""
    match = meta._patterns()["date"].search(norm)
    if match is None:
        return None
    token = match.group()
    if match.group("cn"):
        token = token.translate(str.maketrans("○零O0", "〇〇〇〇"))
    return parse_date(token)


def _lines() -> list[str]:
    out = [normalise(text) for text in DATES]
    for path in TEXTS:
        out.extend(line.text for line in _virtual_lines(normalise(read_text(path).text)))
    return out


def test_date_as_parse_date_of_the_match() -> None:
    read = 0
    for text in _lines():
        assert meta._date(text) == _general_date(text), text
        read += meta._date(text) is not None
    assert read > 30


@pytest.mark.parametrize("name", ["meeting", "salutation", "doc_number"])
def test_groups_by_number_as_by_name(name: str) -> None:
    pattern = meta._patterns()[name]
    numbers = meta._numbers(name)
    assert set(numbers) == set(pattern.groupindex)
    matched = 0
    for text in _lines():
        match = pattern.search(text)
        if match is None:
            continue
        matched += 1
        for group, number in numbers.items():
            assert match.group(number) == match.group(group)
            assert match.span(number) == match.span(group)
    assert matched
