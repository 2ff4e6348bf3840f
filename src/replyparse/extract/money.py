"""Money amounts: ``find_money`` (every amount in a text) and ``parse_money`` (exactly one).

>>> [m.text for m in find_money("累计投资21.96亿元,其中下达500万元。")]
['21.96亿元', '500万元']
>>> parse_money("约3亿元").yuan
Decimal('300000000')

Field semantics (see ``docs/money.md``): ``value`` is in the written ``unit`` (万元, 亿元,
千万元, 万美元 …), ``yuan`` the amount in yuan (``None`` for other currencies, vague amounts
and ranges), ``range`` ``(low, high)`` in the written unit, ``approx`` one word of the fixed
vocabulary in ``data/approx.tsv``, ``per`` the basis of a rate (亩, 人, 人/年), ``inferred``
marks bare table numbers read in a unit declared once (单位:万元).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from replyparse.assemble import nowhere
from replyparse.errors import ValueParseError
from replyparse.extract._amounts import Hit, approx_words, scan, scan_text
from replyparse.extract._sites import UnitSites
from replyparse.extract._unitless import with_unitless
from replyparse.model import Money, positional_new
from replyparse.numbers import MULTIPLIERS, parse_numeral, plain

if TYPE_CHECKING:
    from replyparse.assemble import Where

__all__ = ["find_money", "parse_money"]

_CURRENCY_WORDS = "元|美元|欧元|港元|港币|日元|英镑"
_MAX_TABLE_LINES = 200


def find_money(
    text: str, *, sites: UnitSites | None = None, where: Where = nowhere
) -> list[Money]:
    """Every amount of money in ``text``, in order; never raises on a ``str``.

    Spans cover the numeral and its unit (人民币, a currency sign before it (￥500) and a
    ``/人`` rate suffix included; 3个亿 without 元 is money too);
    approximation words around it (约, 左右, 以上) are reported in ``approx``, not spanned.
    In a list sharing one unit (分别为100、200、300万元) each earlier number is spanned
    alone (``text == "100"``) and carries the shared unit.  ``sites``: the units of
    ``text`` if already found (``unit_sites``, shared with areas and quantities);
    ``where``: the stance and section of a span (``Locator.where``; by default none).
    """
    if not isinstance(text, str) or not text:
        return []
    hits = scan(text, "money", None if sites is None else sites.of("money", text))
    hits = with_unitless(text, hits, sites)  # ￥500, 3个亿: no unit word after the number
    if "单位" in text and _table_patterns()[2].search(text):
        hits = _with_inferred(text, hits)
    new = positional_new(Money)  # a third cheaper than a call by keyword
    return [_money(new, text, hit, where) for hit in hits]


def parse_money(s: str) -> Money:
    """The one amount that ``s`` is, e.g. ``"3.5亿元"``, ``"约3亿元"`` or ``"每亩100元"``.

    Raises ``ValueParseError`` (also a ``ValueError``) when ``s`` holds no amount, several,
    or anything besides one amount and its approximation or rate words.
    """
    if not isinstance(s, str):
        raise ValueParseError(f"not a string: {type(s).__name__}")
    found = find_money(s)
    if len(found) != 1:
        raise ValueParseError(f"expected exactly one amount of money in {s[:80]!r}")
    money = found[0]
    words = approx_words()
    head = s[: money.span[0]].strip()
    tail = s[money.span[1] :].strip()
    head_ok = not head or head in words["before"] or _per_head(head)
    if not head_ok or (tail and tail not in words["after"]):
        raise ValueParseError(f"{s[:80]!r} is more than one amount of money")
    return money


def _per_head(head: str) -> bool:
    return head.startswith("每") and len(head) <= 8


def _money(new: Callable[..., Money], text: str, hit: Hit, where: Where) -> Money:
    """``hit`` as a ``Money`` built by ``new`` (``positional_new(Money)``): fields in order,
    stance and section from ``where`` (built complete: setting them afterwards on the
    frozen object costs two slot-setter calls)."""
    base = hit.base
    currency = base.kind
    start, end = hit.start, hit.end
    stance, section = where(start, end)
    yuan = hit.full if currency == "CNY" else None
    ratio = base.ratio
    if yuan is not None and ratio is not None and ratio != _WHOLE:  # 5角: 0.5 元
        top, bottom = ratio
        yuan = plain(yuan * top / bottom)
    return new(text[start:end], (start, end), hit.value, hit.unit, yuan, currency,
               hit.approx, hit.range, hit.per, hit.inferred, stance, section)


_WHOLE = (1, 1)


# --- 单位:万元 tables -------------------------------------------------------------------


@cache
def _table_patterns() -> tuple[Any, Any, Any]:
    import re

    declaration = re.compile(
        rf"单位\s*[:：]\s*(?:人民币)?(?P<mult>[十百千万亿]*+)(?P<word>{_CURRENCY_WORDS})"
        r"[ \t\u3000]*+[)）]?[ \t\u3000]*+$",
        re.MULTILINE,
    )
    number = re.compile(
        r"(?<![0-9A-Za-z.,\-/%])-?[0-9]++(?:,[0-9]{3}+)*+(?:\.[0-9]++)?+"
        r"(?![0-9A-Za-z.%‰年月日号元亩个家])"
    )
    hint = re.compile("单位[ \t\u3000]*+[:：]")
    return declaration, number, hint


def _with_inferred(text: str, hits: list[Hit]) -> list[Hit]:
    """Bare numbers in the lines after ``单位:万元`` (until a blank line, a sentence or the
    next declaration) are amounts in that unit, marked ``inferred``."""
    declaration, number, _ = _table_patterns()
    norm = scan_text(text)
    taken = sorted((h.start, h.end) for h in hits)
    starts = [a for a, _ in taken]
    extra: list[Hit] = []
    for decl in declaration.finditer(norm):
        word = decl["word"]
        base = scan_base(word)
        if base is None:
            continue
        multiplier = decl["mult"]
        power = sum(len(str(MULTIPLIERS[c])) - 1 for c in multiplier)
        pos = decl.end()
        for _ in range(_MAX_TABLE_LINES):
            line_start = norm.find("\n", pos)
            if line_start < 0:
                break
            line_start += 1
            line_end = norm.find("\n", line_start)
            line_end = len(norm) if line_end < 0 else line_end
            line = norm[line_start:line_end]
            if not line.strip() or "。" in line or "单位" in line:
                break
            cells = list(number.finditer(line))
            for i, cell in enumerate(cells):
                s, e = line_start + cell.start(), line_start + cell.end()
                if i == 0 and len(cells) > 1 and _is_serial(line, cell):
                    continue
                if _overlaps_taken(taken, starts, s, e):
                    continue
                try:
                    value = plain(parse_numeral(cell[0].lstrip("-")))
                except ValueParseError:
                    continue
                if cell[0].startswith("-"):
                    value = -value
                extra.append(Hit(s, e, multiplier + word, base, power, value, inferred=True))
            pos = line_end
    return sorted([*hits, *extra], key=lambda h: h.start)


def _overlaps_taken(taken: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    """Whether ``[s, e)`` overlaps one of the (sorted, disjoint) explicit amounts."""
    i = bisect.bisect_left(starts, e)
    return i > 0 and taken[i - 1][1] > s


def _is_serial(line: str, cell: Any) -> bool:
    """A small integer opening a table row is a serial number, not an amount."""
    return not line[: cell.start()].strip() and "." not in cell[0] and len(cell[0]) <= 3


def scan_base(word: str) -> Any:
    from replyparse.extract._amounts import units

    return units().get(f"money:{word}")
