"""Our numeral converter against cn2an, the reference the issue names for numerals.

replyparse converts numeral tokens itself at run time (cn2an costs ~110 ms to import and
reads 点 decimals through float); cn2an is the oracle here: every integer it writes in
Chinese, in ordinary or financial digits, must read back exactly.
"""

from __future__ import annotations

from decimal import Decimal

import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from replyparse.numbers import parse_numeral


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_reads_what_cn2an_writes(n: int) -> None:
    assert parse_numeral(cn2an.an2cn(n, "low")) == Decimal(n)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_reads_financial_digits(n: int) -> None:
    assert parse_numeral(cn2an.an2cn(n, "up")) == Decimal(n)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**8), st.integers(min_value=1, max_value=99))
def test_decimal_point_agrees_with_cn2an(whole: int, fraction: int) -> None:
    written = cn2an.an2cn(f"{whole}.{fraction:02d}", "low")
    assert parse_numeral(written) == Decimal(f"{whole}.{fraction:02d}")
