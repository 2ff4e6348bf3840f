"""Numerals and dates: Arabic and Chinese numeral tokens → exact ``Decimal``, dates → ``date``.

Only tokens already cut out of the text are converted here (the extractors find them);
nothing in this module scans running text.  No ``float`` is used anywhere.

>>> parse_numeral("一千二百万")
Decimal('12000000')
>>> parse_numeral("十亿3000万")
Decimal('1030000000')
>>> parse_numeral("1,200.5")
Decimal('1200.5')
>>> parse_date("二〇二一年五月二十八日")
datetime.date(2021, 5, 28)
"""

from __future__ import annotations

import datetime
import decimal
from decimal import Decimal
from functools import cache
from typing import Any

from replyparse.errors import ValueParseError

#: Chinese digits (ordinary and financial forms) and their values.
CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "貳": 2, "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
#: Multipliers inside a numeral: small ones scale a digit, big ones a whole section.
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
MULTIPLIERS = {**SMALL_UNITS, **BIG_UNITS}

#: One-character Chinese digits as values (Ｏ is left out: ``normalise`` maps it to O).
DIGIT_VALUES = {char: Decimal(value) for char, value in CN_DIGITS.items() if char != "Ｏ"}
#: Longest numeral token accepted; longer runs are not amounts (and would cost time).
MAX_TOKEN = 40
#: Enough precision that every accepted token is computed exactly.
_CONTEXT = decimal.Context(prec=80, traps=[decimal.InvalidOperation, decimal.Inexact])


def plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and without an exponent: 2.196E+9 → 2196000000.

    >>> plain(Decimal("21.960")), plain(Decimal("6.6838E+7"))
    (Decimal('21.96'), Decimal('66838000'))
    """
    if not value.is_finite():
        raise ValueParseError(f"not a finite number: {value}")
    # Cheap tests instead of ``as_tuple()`` (which builds a tuple of digits): exponent 0
    # is ``same_quantum(1)``; after ``normalize`` a whole number has a positive exponent.
    if value.same_quantum(_ONE):
        return value
    value = value.normalize(_CONTEXT)
    if value.to_integral_value() == value:
        return value.quantize(_ONE, context=_CONTEXT)
    return value


_ONE = Decimal(1)


def scale(value: Decimal, power: int) -> Decimal:
    """``value × 10**power``, exact."""
    return plain(value.scaleb(power, _CONTEXT))


def parse_numeral(token: str) -> Decimal:
    """The value of one numeral token: Arabic, Chinese, or a mix of both.

    Accepts full-width digits, thousands separators (1,200), 点 or . as decimal point,
    financial digits (壹拾), 两, 零/〇, digit-by-digit forms (二〇二一), multipliers
    十百千万亿 in any sensible nesting (1.2万亿, 十亿3000万, 三万五千, 一百二十三点五万)
    and the colloquial tail (一万五 = 15000).  Raises ``ValueParseError`` otherwise.

    >>> parse_numeral("1.2万亿"), parse_numeral("三万五千"), parse_numeral("壹拾")
    (Decimal('1200000000000'), Decimal('35000'), Decimal('10'))
    """
    # The frequent tokens (一 … 九 of headings, 2021) need no lexing; the results are
    # those of the general path below.
    digit = DIGIT_VALUES.get(token)
    if digit is not None:
        return digit
    if token.isascii() and token.isdigit() and len(token) <= MAX_TOKEN:
        return Decimal(token.lstrip("0") or "0")

    from replyparse.text import normalise

    if not token or len(token) > MAX_TOKEN:
        raise ValueParseError(f"not a numeral token: {token[:50]!r}")
    try:
        return _evaluate(_lex(normalise(token).strip()))
    except (decimal.DecimalException, KeyError, IndexError) as error:
        raise ValueParseError(f"not a numeral token: {token!r}") from error


def parse_cn_int(token: str) -> int | None:
    """A whole-number token (十三, 五, 1125) as ``int``; ``None`` when it is not one.

    >>> parse_cn_int("十三")
    13
    """
    try:
        value = parse_numeral(token)
    except ValueParseError:
        return None
    return int(value) if value == value.to_integral_value() else None


def _lex(token: str) -> list[tuple[str, Any]]:
    """Split into ('num', Decimal, chinese: bool) and ('unit', int) items."""
    items: list[tuple[str, Any]] = []
    i, n = 0, len(token)
    while i < n:
        char = token[i]
        if char.isascii() and (char.isdigit() or char == "."):
            j = i
            while j < n and token[j].isascii() and (token[j].isdigit() or token[j] in ".,"):
                j += 1
            run = token[i:j]
            if "," in run and not _grouped(run):
                raise ValueParseError(f"bad thousands separators in {token!r}")
            items.append(("num", (Decimal(run.replace(",", "")), False)))
            i = j
        elif char in CN_DIGITS or char == "点":
            j = i
            digits = []
            while j < n and (token[j] in CN_DIGITS or token[j] == "点"):
                digits.append("." if token[j] == "点" else str(CN_DIGITS[token[j]]))
                j += 1
            run = "".join(digits)
            # 七十点零一: after a multiplier, 点 opens the fraction of what came before.
            fraction = run.startswith(".") and bool(items) and items[-1][0] == "unit"
            if run.count(".") > 1 or (run.startswith(".") and not fraction) or run.endswith("."):
                raise ValueParseError(f"bad decimal point in {token!r}")
            if j < n and token[j].isascii() and token[j].isdigit():
                raise ValueParseError(f"Chinese digit next to Arabic digit in {token!r}")
            if items and items[-1][0] == "num":
                raise ValueParseError(f"Arabic digit next to Chinese digit in {token!r}")
            # 二〇二一 reads digit by digit; 一千零五 keeps 零 as a placeholder.
            # A leading 零 (一千零五) is a placeholder: no colloquial tail after it.
            if fraction:
                items.append(("num", (Decimal("0" + run), False)))
            else:
                items.append(("num", (Decimal(run.lstrip("0") or "0"), not run.startswith("0"))))
            i = j
        elif char in MULTIPLIERS:
            items.append(("unit", MULTIPLIERS[char]))
            i += 1
        else:
            raise ValueParseError(f"unexpected {char!r} in numeral {token!r}")
    if not items:
        raise ValueParseError("empty numeral")
    return items


def _grouped(run: str) -> bool:
    head, _, _ = run.partition(".")
    groups = head.split(",")
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _evaluate(items: list[tuple[str, Any]]) -> Decimal:
    ctx = _CONTEXT
    total = Decimal(0)  # everything before the last 亿
    wan = Decimal(0)  # the 万 part since the last 亿
    section = Decimal(0)  # below 万
    current: Decimal | None = None
    current_cn = False
    last_unit = 0
    for kind, payload in items:
        if kind == "num":
            current, current_cn = payload
            continue
        unit: int = payload
        if unit < 10**4:
            if unit >= last_unit and last_unit and last_unit < 10**4 and current is None:
                raise ValueParseError("repeated small unit")
            section = ctx.add(
                section, ctx.multiply(Decimal(1) if current is None else current, unit)
            )
        else:
            section = ctx.add(section, current or Decimal(0))
            if unit == 10**4:
                if section == 0 and wan == 0 and total == 0:
                    section = Decimal(1)  # bare 万
                wan = ctx.add(wan, ctx.multiply(section, unit))
            else:
                base = ctx.add(ctx.add(total, wan), section)
                if base == 0:
                    base = Decimal(1)
                total = ctx.multiply(base, unit)
                wan = Decimal(0)
        section = Decimal(0) if unit >= 10**4 else section
        current = None
        last_unit = unit
    if current is not None:
        if current_cn and last_unit >= 100 and current < 10 and current == current.to_integral():
            # 一万五 = 15000, 三百五 = 350: a lone digit after a unit is one place lower.
            current = ctx.multiply(current, _lower(last_unit))
        section = ctx.add(section, current)
    return plain(ctx.add(ctx.add(total, wan), section))


def _lower(unit: int) -> int:
    return {100: 10, 1000: 100, 10**4: 1000, 10**8: 10**7}[unit]


# --- dates -----------------------------------------------------------------------------

_CN_DATE_DIGITS = dict.fromkeys("零〇○Ｏ0", "0")


@cache
def _date_patterns() -> Any:
    import regex

    cn = "[零〇○Ｏ一二三四五六七八九十]"
    return (
        regex.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
        regex.compile(rf"({cn}{{4}})\s*年\s*({cn}{{1,3}})\s*月\s*({cn}{{1,4}})\s*日"),
        regex.compile(r"(\d{4})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?!\d)"),
    )


def parse_date(s: str) -> datetime.date | None:
    """A date written 2021年5月28日, 2021年07月23日, 二〇二一年五月二十八日, 2021-07-23,
    2021.7.23 or 2021/7/23 (full-width digits too); ``None`` if ``s`` holds none.

    The first date in ``s`` is returned, so a line like ``发布时间:2021年07月23日`` works.

    >>> parse_date("2021.7.23"), parse_date("二○二一年五月二十八日")
    (datetime.date(2021, 7, 23), datetime.date(2021, 5, 28))
    """
    from replyparse.text import normalise

    if not isinstance(s, str):
        return None
    text = normalise(s[:10_000])
    arabic, chinese, dashed = _date_patterns()
    try:
        if m := arabic.search(text):
            return datetime.date(int(m[1]), int(m[2]), int(m[3]))
        if m := chinese.search(text):
            year = "".join(str(CN_DIGITS[c]) for c in m[1])
            return datetime.date(int(year), int(parse_numeral(m[2])), int(parse_numeral(m[3])))
        if m := dashed.search(text):
            return datetime.date(int(m[1]), int(m[3]), int(m[4]))
    except (ValueError, KeyError):
        return None
    return None
