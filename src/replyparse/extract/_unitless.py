"""Money written without a unit word after its number, which ``_amounts.scan`` (led by unit
words) cannot see: a currency sign before the number (￥500, ¥1,200.50, ￥5万, US$300) and
the colloquial 个亿 (投资3个亿, 两个多亿, 几个亿).

Both are rare, so ``find`` first looks for single characters that every such amount holds
(a sign's last character, or 亿; ``str`` finds one far faster than ``re`` a class), then
reads them with one compiled pattern each; given the shared unit search of ``parse``
(``_sites.unit_sites``), it looks the signs up there.  The vocabularies are rows of
``data/units.tsv`` (domains ``sign`` and ``colloquial``).  A sign before an amount that
the unit scan found (￥5万元) joins that amount's span rather than making a second one.

>>> from replyparse.extract.money import find_money
>>> [(m.text, m.yuan) for m in find_money("总投资达2个亿,单价￥1,200.50")]
[('2个亿', Decimal('200000000')), ('￥1,200.50', Decimal('1200.5'))]
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from replyparse.errors import ValueParseError
from replyparse.extract._amounts import (
    _NUMCH,
    Hit,
    _approx_after,
    _approx_before,
    _per,
    _power,
    _value,
    domain_units,
    more_words,
    scan_text,
    sign_ends,
    units,
)
from replyparse.numbers import CN_DIGITS, MAX_TOKEN, plain

if TYPE_CHECKING:
    from replyparse.extract._sites import UnitSites

__all__ = ["find", "with_unitless"]

#: What may stand in the numeral before a classifier (3个亿, 十几个亿, 20多个亿, 1.5个亿).
_TOKEN_CHARS = frozenset(_NUMCH.replace("0-9", "0123456789") + ".多余")
#: What a numeral of a colloquial amount may open with (not 多/余/.).
_TOKEN_OPENS = frozenset("0123456789" + "".join(CN_DIGITS) + "十拾几")
#: Before these (with a digit before them) the numeral is the end of a list or range
#: (2-3个亿, 2、3个亿), which is not read; 第 makes an ordinal (第一个亿).
_RUN_SEPARATORS = frozenset("、~-—–至到,")


@cache
def _multipliers() -> frozenset[str]:
    """The multipliers of the colloquial forms (亿 of 个亿): every such amount holds one."""
    return frozenset(unit.word[-1] for unit in domain_units("colloquial").values())


@cache
def _patterns() -> tuple[Any, Any]:
    """The sign pattern (a sign, one optional space, an Arabic number with its multiplier)
    and the colloquial pattern (classifier, 多/余, multiplier, 人民币 after it)."""
    import re

    from replyparse.data_files import alternation

    signs = alternation(domain_units("sign"))
    # A sign glued to a letter belongs to another currency (NT$, A$) unless listed (HK$).
    # The number: bounded (a megabyte of digits after ￥ is no amount, and is passed over
    # in linear time), no leading zero (0429: a code), ASCII thousands separators only.
    number = r"(?:0|[1-9][0-9]{0,14}+)(?:,[0-9]{3}+(?![0-9])){0,4}+(?:\.[0-9]{1,8}+)?+"
    sign = re.compile(
        rf"(?<![A-Za-z])(?P<sign>{signs})[ \u3000\u00a0]?+"
        rf"(?P<num>{number})(?P<mult>[十百千万亿]{{0,4}}+)"
        # 1，200 is no amount of 1 (， is no thousands separator: docs/money.md)
        r"(?![0-9A-Za-z.,%十百千万亿]|，[0-9]{3}+(?![0-9]))"
    )
    forms = []
    for unit in domain_units("colloquial").values():
        classifier, multiplier = unit.word[:-1], unit.word[-1]
        guard = f"(?![{re.escape(unit.not_before)}])" if unit.not_before else ""
        forms.append(
            re.escape(classifier) + f"[{more_words()}]?+" + re.escape(multiplier) + guard
        )
    # A number right after the multiplier continues the amount (3个亿5千万): not read.
    digits = "0-9" + "".join(CN_DIGITS)
    colloquial = re.compile(f"(?:{'|'.join(forms)})(?![{digits}])(?P<rmb>人民币)?+")
    return sign, colloquial


def find(text: str, sites: UnitSites | None = None) -> list[tuple[Hit, int]]:
    """The signed and colloquial amounts of money in ``text`` (spans into ``text``) in
    text order, each with where its number starts (a sign may join the amount that the
    unit scan reads from there: ``with_unitless``).  ``sites``: the units of ``text`` if
    already found (``_sites.unit_sites``), whose search noted the signs too."""
    sign, colloquial = _patterns()
    found: list[tuple[Hit, int]] = []
    if sites is not None and sites.text == text:
        signed = bool(sites.signs)
    else:
        # One character each: ``in`` finds a character much faster than ``re`` a class.
        signed = any(char in text for char in sign_ends())
    if signed:
        norm = scan_text(text)
        for m in sign.finditer(norm):
            try:
                found.append((_signed(norm, m), m.start("num")))
            except (ValueError, ArithmeticError):  # odd text: skip, never raise
                continue
    # The multiplier (亿) first: ``in`` finds one character faster than ``re`` finds the
    # classifier (个, frequent) and looks at the next; a search led by the classifier
    # costs less than a walk of the count words that the shared search found.
    if any(char in text for char in _multipliers()) and colloquial.search(text) is not None:
        norm = scan_text(text)
        for m in colloquial.finditer(norm):
            hit = _colloquial(norm, m)
            if hit is not None:
                found.append((hit, hit.start))
    found.sort(key=lambda pair: pair[0].start)
    return found


def with_unitless(text: str, hits: list[Hit], sites: UnitSites | None = None) -> list[Hit]:
    """``hits`` (of ``_amounts.scan``, in text order) with the signed and colloquial amounts
    of ``text`` added in order.  A sign before an amount of ``hits`` joins its span when
    both mean the same currency (￥5万元 is one amount of 50,000 yuan), and is dropped
    when they do not (￥500美元); an amount that overlaps one of ``hits`` is dropped."""
    found = find(text, sites)
    if not found:
        return hits
    starts = [h.start for h in hits]
    added: list[Hit] = []
    for hit, number in found:
        i = bisect_left(starts, number)
        if number != hit.start and i < len(hits) and hits[i].start == number:
            _join_sign(hits[i], hit)
            continue
        i = bisect_left(starts, hit.end)
        if i == 0 or hits[i - 1].end <= hit.start:
            added.append(hit)
    if not added:
        return hits
    return sorted([*hits, *added], key=lambda h: h.start)


def _join_sign(amount: Hit, sign: Hit) -> None:
    """Put the currency sign of ``sign`` (a signed amount) in front of ``amount``, which
    the unit scan read from the same number, if both mean the same currency."""
    if amount.base.kind == sign.base.kind:
        amount.start = sign.start
        amount.approx = amount.approx or sign.approx
        amount.per = amount.per or sign.per


def _signed(norm: str, m: Any) -> Hit:
    """The amount of one sign match: ￥500 → 500 元, ￥5万 → 5 万元."""
    word = domain_units("sign")[m["sign"]].kind
    base = units()[f"money:{word}"]
    start, end, mult = m.start(), m.end(), m["mult"]
    value = plain(Decimal(m["num"].replace(",", "")))
    before = _approx_before(norm, start)
    approx = before[1] if before else _approx_after(norm, end)
    per = _per(None, norm, start - (len(before[0]) if before else 0))
    return Hit(start, end, mult + word, base, _power(mult), value, None, approx, per)


def _colloquial(norm: str, m: Any) -> Hit | None:
    """The amount whose classifier ``m`` matched (3个亿), or ``None`` when no numeral that
    can be read stands before it."""
    end = m.start()
    start = end
    while start > 0 and end - start < MAX_TOKEN and norm[start - 1] in _TOKEN_CHARS:
        start -= 1
    while start < end and norm[start] not in _TOKEN_OPENS:
        start += 1  # 许多个亿: 多 opens no numeral
    if start == end or (start and norm[start - 1] == "第"):
        return None
    if start >= 2 and norm[start - 1] in _RUN_SEPARATORS and norm[start - 2] in _TOKEN_OPENS:
        return None  # the last number of a list or range: not read
    try:
        value, inside = _value(norm[start:end], 0)
    except (ValueParseError, ArithmeticError):
        return None
    written = m[0][: len(m[0]) - len(m["rmb"] or "")]
    word = written.translate({ord(c): None for c in more_words()})
    unit = domain_units("colloquial")[word]
    base = units()[f"money:{unit.kind}"]
    multiplier = word[-1]
    if len(word) < len(written):  # 两个多亿
        inside = inside or "more"
    before = _approx_before(norm, start)
    approx = inside or (before[1] if before else _approx_after(norm, m.end()))
    per = _per(None, norm, start - (len(before[0]) if before else 0))
    return Hit(start, m.end(), multiplier, base, _power(multiplier), value, None, approx, per)
