"""The shared scanner behind money, areas and quantities: numeral + unit, in one pass.

Each domain (``money``, ``area``, ``quantity``) gets one compiled pattern, built on first use
from ``data/units.tsv`` and ``data/approx.tsv``.  The pattern finds a numeral run — one
number, a list (100、200、300) or a range (1-2, 1至2) — followed by a unit of that domain;
``scan`` turns each match into ``Hit`` objects that the domain modules convert.

``scan`` does not run the pattern at every position: it finds the unit words (rare, and every
amount ends in one) together with the length of the numeral run before each (at most
``_MAX_RUN`` characters) and matches the pattern from the run's start.  Linear time: a numeral
may only start where no numeral (or numeral + separator) precedes it, every repetition is
possessive, and each run is measured only so far, so a megabyte of digits or 万万万… returns
in well under a second.
"""

from __future__ import annotations

import decimal
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any

from replyparse.data_files import alternation, read_table
from replyparse.errors import ValueParseError
from replyparse.numbers import (
    BIG_UNITS,
    CN_DIGITS,
    DIGIT_VALUES,
    MAX_TOKEN,
    MULTIPLIERS,
    parse_numeral,
    plain,
)
from replyparse.text import _table

#: Characters a numeral token may contain (digits, Chinese digits, multipliers, 几).
_DIGITS_CN = "".join(CN_DIGITS)
_MULT = "十百千万亿拾佰仟萬億"
_NUMCH = "0-9" + _DIGITS_CN + _MULT + "几"
#: Separators between the numbers of a list or range.
_RANGE_SEPS = ("-", "~", "—", "–", "至", "到", "——", "－")
_LONGEST_SEP = max(len(sep) for sep in _RANGE_SEPS)
_SI_BASES = frozenset({"瓦", "瓦时", "克", "米"})


@dataclass(frozen=True, slots=True)
class Unit:
    """One row of ``units.tsv``."""

    word: str
    domain: str
    kind: str
    factor: Fraction | None
    not_before: str
    #: ``factor`` as (numerator, denominator): read per amount, where the properties of a
    #: ``Fraction`` are a Python call each.
    ratio: tuple[int, int] | None = None
    #: Only Arabic digits may stand before the word (5角; 三角 is a place, not money).
    arabic: bool = False


@dataclass(slots=True)
class Hit:
    """One amount found by ``scan``, before conversion to ``Money``/``Area``/``Quantity``.

    ``value`` and ``range`` are in the written unit; ``full`` is ``value × 10**power``
    (the value in the base unit: 元, 亩, 瓦 …).
    """

    start: int
    end: int
    unit: str
    base: Unit
    power: int
    value: Decimal | None
    range: tuple[Decimal, Decimal] | None = None
    approx: str | None = None
    per: str | None = None
    inferred: bool = False
    shifted: Decimal | None = None  # ``full`` when the fast path already computed it

    @property
    def full(self) -> Decimal | None:
        if self.shifted is not None:
            return self.shifted
        return None if self.value is None else plain(self.value.scaleb(self.power, _CTX))


_CTX = decimal.Context(prec=80)


@cache
def units() -> dict[str, Unit]:
    """``units.tsv`` by ``domain + ":" + word``."""
    out: dict[str, Unit] = {}
    for row in read_table("units.tsv"):
        word, domain, kind, factor, not_before, numerals = (row + [""] * 6)[:6]
        value = Fraction(factor) if factor else None
        ratio = None if value is None else (value.numerator, value.denominator)
        arabic = numerals == "arabic"
        out[f"{domain}:{word}"] = Unit(word, domain, kind, value, not_before, ratio, arabic)
    return out


@cache
def domain_units(domain: str) -> dict[str, Unit]:
    """``units()`` of one domain, by word."""
    return {u.word: u for u in units().values() if u.domain == domain}


@cache
def approx_words() -> dict[str, dict[str, str]]:
    """``approx.tsv`` as {where: {word: approx}}."""
    out: dict[str, dict[str, str]] = {"before": {}, "after": {}, "inside": {}}
    for word, where, approx in read_table("approx.tsv"):
        out[where][word] = approx
    return out


#: The characters the patterns care about, in full-width form: digits, letters (km², kW),
#: . - ~ % /.  ， is not among them: it is a clause break, never a thousands separator.
FULL_WIDTH_CHARS = "\uff05\uff0d-\uff19\uff21-\uff3a\uff41-\uff5a\uff5e﹒〜"
_FULL_WIDTH = f"[{FULL_WIDTH_CHARS}]"

#: What ``_sites.unit_sites`` found for one domain: (start of the unit, length of the numeral
#: run before it) of each candidate, and where the full-width characters of the text stand.
Sites = tuple[list[tuple[int, int]], list[int]]


@cache
def scan_table() -> dict[int, int]:
    """The part of ``text.normalise``'s 1:1 table that the patterns need."""
    import re

    wanted = re.compile(_FULL_WIDTH)
    return {ord(k): ord(v) for k, v in _table().items() if wanted.match(k)}


@cache
def _full_width() -> Any:
    import re

    return re.compile(_FULL_WIDTH)


def scan_text(text: str) -> str:
    """``text`` with full-width digits, letters and . - ~ % / mapped to ASCII, 1:1."""
    if _full_width().search(text) is None:
        return text
    return text.translate(scan_table())


@cache
def pattern(domain: str) -> Any:
    """The one compiled pattern of ``domain``."""
    import re

    table = units()
    words = [u.word for u in table.values() if u.domain == domain]
    unit_alts = []
    for word in sorted(words, key=len, reverse=True):
        unit = table[f"{domain}:{word}"]
        guard = f"(?![{re.escape(unit.not_before)}])" if unit.not_before else ""
        unit_alts.append(re.escape(word) + guard + _colloquial_guard(word))
    per = alternation([u.word for u in table.values() if u.domain == "per"])
    d, m, numch = _DIGITS_CN, _MULT, _NUMCH
    num = (
        rf"(?=[0-9{d}十拾])(?:[0-9]++(?:,[0-9]{{3}}+(?![0-9]))*+|[{d}{m}几]++"
        rf"|[.点](?=[0-9{d}])|[余多](?=[{m}])|[ \u3000\u00a0](?=[万亿]))++"
    )
    vague = rf"(?:数|几|上)(?=[十百千万亿])[{m}]++"
    bare = "[百千万亿]++"
    numx = rf"(?:{num}|{vague}|{bare})"
    sep = "(?:、|——|[-~—–至到])"
    money = domain == "money"
    body = (
        rf"(?P<nums>{numx}(?:{sep}{numx})*+)"
        + "(?P<more>[余多])?+"
        + "[ \u3000\u00a0]?+"  # 15000 万元: one space before the unit is tolerated
        + rf"(?P<unit>{'|'.join(unit_alts)})"
        + (rf"(?P<tail>(?:[0-9{d}]角)?+(?:[0-9{d}]分)?+)(?P<post>人民币)?+" if money else "")
        + rf"(?P<per>(?:/|每)(?:{per})(?:[/·](?:{per}))?+)?+"
    )
    if domain == "quantity":
        body = rf"(?:百分之(?P<pct>{num})|{body})"
    source = (
        rf"(?<![第{numch}])(?<![{numch}][.,点、~\-—–至到])"
        + ("(?P<pre>人民币)?+" if money else "")
        + body
    )
    return re.compile(source)


def _colloquial_guard(word: str) -> str:
    """A lookahead that keeps ``word`` from being read where it is the classifier of a
    colloquial amount of money (个 of 3个亿, 两个多亿: ``_unitless`` reads those), in the
    same terms as ``_unitless`` accepts them: 6000个亿元以上项目 stays a count."""
    import re

    out = ""
    for unit in domain_units("colloquial").values():
        classifier, multiplier = unit.word[:-1], unit.word[-1]
        if classifier != word:
            continue
        guard = f"(?![{re.escape(unit.not_before)}])" if unit.not_before else ""
        out += f"(?![{more_words()}]?{re.escape(multiplier)}{guard})"
    return out


@cache
def sign_ends() -> frozenset[str]:
    """The last characters of the currency signs (``units.tsv``, domain ``sign``): every
    amount written with a sign holds one (the $ of US$300)."""
    return frozenset(word[-1] for word in domain_units("sign"))


def more_words() -> str:
    """The one-character approximation words that may stand inside an amount for "more"
    (余, 多 of 2000余万元, 两个多亿)."""
    inside = approx_words()["inside"]
    return "".join(sorted(w for w, a in inside.items() if a == "more" and len(w) == 1))


@cache
def anchor(domain: str) -> Any:
    """The unit words of ``domain``: cheap to find, and every amount ends in one."""
    import re

    words = [u.word for u in units().values() if u.domain == domain]
    if domain == "quantity":
        words.append("百分之")
    return re.compile(alternation(words))


#: Characters that may stand between the start of an amount and its unit.
_RUN_CHARS = frozenset("0123456789" + _DIGITS_CN + _MULT + "几数上余多.,点、~-—–至到 \u3000\u00a0")
_MAX_RUN = 120
_SPACES = frozenset(" \u3000\u00a0")
_SEPARATOR_CHARS = frozenset("、~-—–至到")
#: The numeral characters that a unit taking Arabic digits only (5角) may not follow.
_NOT_ARABIC = frozenset(_DIGITS_CN + "十拾百佰千仟几数上")


@cache
def _per_before() -> Any:
    import re

    per = alternation([u.word for u in units().values() if u.domain == "per"])
    return re.compile(rf"每(?P<a>{per})(?:每(?P<b>{per}))?[\u3400-\u9fff]{{0,5}}$")


def _split_nums(nums: str) -> list[tuple[int, str, str]]:
    """(offset, token, separator before it) for each number of a list/range run."""
    if _separators().search(nums) is None:
        return [(0, nums, "")]
    out: list[tuple[int, str, str]] = []
    start, sep = 0, ""
    for m in _separators().finditer(nums):
        out.append((start, nums[start : m.start()], sep))
        start, sep = m.end(), m[0]
    out.append((start, nums[start:], sep))
    return out


@cache
def _separators() -> Any:
    import re

    return re.compile("——|[、~—–至到-]")


def _unit_split(token: str, base: str) -> tuple[str, str, str]:
    """(numeral, multiplier, SI prefix) of the last token of a run.

    The multiplier is the part of the written unit that scales the numeral: 3千万 → 千万,
    两千万 → 万 (a Chinese numeral keeps its own 千), 1.2万亿 → 万亿; the SI prefix is the 千
    of 千瓦/千克/千米, which belongs to the unit: 82万千 (瓦) → 82万, 万, 千.
    """
    prefix = ""
    if base in _SI_BASES and token.endswith("千"):
        token, prefix = token[:-1], "千"
    j = len(token)
    while j > 0 and token[j - 1] in _MULT:
        j -= 1
    run = token[j:]
    k = j
    while k > 0 and token[k - 1] in "余多":
        k -= 1
    if run and k > 0 and (token[k - 1].isdigit() or token[k - 1] == "."):
        return token, run, prefix
    big = len(run)
    while big > 0 and run[big - 1] in BIG_UNITS:
        big -= 1
    return token, run[big:], prefix


@cache
def _plain_number() -> Any:
    import re

    return re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _power(multiplier: str) -> int:
    power = 0
    for char in multiplier:
        power += len(str(MULTIPLIERS[char])) - 1
    return power


def _value(token: str, power: int) -> tuple[Decimal | None, str | None]:
    """Value of one token in the written unit (10**power base units) and an inside approx."""
    if not token:
        raise ValueParseError("empty numeral")
    head = token.rstrip(_MULT)
    if len(head) > 1 and head[0] == "0" and head[1].isdigit():
        raise ValueParseError(f"leading zero: {token!r} is a code, not an amount")
    if head and _plain_number().fullmatch(head):  # the common case: 686 of 686万元
        if len(token) - len(head) and _power(token[len(head) :]) != power:
            return plain(Decimal(head).scaleb(_power(token[len(head) :]) - power, _CTX)), None
        return plain(Decimal(head)), None
    if token[0] in "数几上" or "几" in token:
        return None, "vague"
    approx = None
    if "余" in token or "多" in token:
        approx = "more"
        token = token.replace("余", "").replace("多", "")
    full = parse_numeral(token)
    return plain(full.scaleb(-power, _CTX)), approx


def _fallback_token(token: str) -> str | None:
    """统一2亿 → 2亿: restart a failed token at its first Arabic digit."""
    for i, char in enumerate(token):
        if char.isascii() and char.isdigit():
            return token[i:] if i else None
    return None


def scan(text: str, domain: str, sites: Sites | None = None) -> list[Hit]:
    """Every amount of ``domain`` in ``text``, in text order; never raises on a ``str``.

    Units are rare, so the scan looks for unit words with a numeral character before them
    and matches the full pattern only from the start of the numeral run before each (at
    most ``_MAX_RUN`` characters back).  It reads ``text`` as it is; only when a full-width
    character stands near an amount is the text mapped by ``scan_text`` and scanned again.
    ``sites``: the candidates of ``domain`` in ``text`` and its full-width characters if
    already found (``_sites``).
    """
    if not isinstance(text, str) or not text:
        return []
    hits = _scan(text, domain, check=True, sites=sites)
    if hits is None:
        text = scan_text(text)
        hits = _scan(text, domain, check=False)
        assert hits is not None
    return _merge_ranges(text, hits)


def _scan(norm: str, domain: str, *, check: bool, sites: Sites | None = None) -> list[Hit] | None:
    """``scan`` on ``norm``; ``None`` (when ``check``) if a full-width character stands
    near a candidate, so that the caller maps the text and scans again.  ``sites`` are the
    candidates and full-width characters if already found (``_sites.unit_sites``): then
    the full-width characters near a candidate are looked up, not searched for."""
    full = pattern(domain)
    wide = _full_width()
    table = domain_units(domain)
    words = _common_words()
    pick = _group_picker(domain)
    quantity, money = domain == "quantity", domain == "money"
    if sites is None:
        units_at, wide_at = _candidates_in(norm, domain), None
    else:
        units_at, wide_at = sites
    hits: list[Hit] = []
    done = 0
    for u, run in units_at:
        if u < done:
            continue
        if quantity and norm.startswith("百分之", u):
            begin, stop = u, u + 1
        else:
            # Mostly the run as measured: no space before the unit, nothing taken
            # before it, no 人民币 before it (``_run_start`` gives the same then).
            begin, stop = u - run, u
            if begin <= done or norm[u - 1] in _SPACES or (
                money and norm.startswith("人民币", begin - 3)
            ):
                begin = _run_start(norm, u, run, done, domain)
        if check and (
            wide.search(norm, begin - _BEFORE if begin > _BEFORE else 0, u + _AFTER)
            if wide_at is None
            else wide_at and _any_within(wide_at, begin - _BEFORE, u + _AFTER)
        ):
            return None
        for start in range(begin, stop):
            match = full.match(norm, start)
            if match is None:
                continue
            if match.start("unit") == u:
                hit = _common(norm, match, pick, table, words)
                if hit is not None:
                    hits.append(hit)
                    done = hit.end
                    break
            elif not (quantity and match["pct"] is not None):
                continue
            try:
                found = _hits(norm, match, domain)
            except (ValueError, ArithmeticError, LookupError):  # odd text: skip, never raise
                found = []
            if found:
                hits.extend(found)
                done = found[0].end if len(found) == 1 else max(h.end for h in found)
            break
    return hits


def _any_within(positions: list[int], start: int, end: int) -> bool:
    """Whether one of the sorted ``positions`` lies in ``[start, end)``."""
    i = bisect_left(positions, start)
    return i < len(positions) and positions[i] < end


def _candidates_in(norm: str, domain: str) -> list[tuple[int, int]]:
    """(start of the unit, length of the numeral run before it) of each candidate."""
    # Found in the reversed text, right to left: a reversed unit word followed by a numeral
    # character is one literal-led pattern, fast in ``re``.
    n = len(norm)
    found = [(n - m.end(), m.end("run") - m.end()) for m in candidates(domain).finditer(norm[::-1])]
    found.reverse()
    return found


#: How far before the numeral run and after the unit's start an amount's reading may
#: look: approximation (4) and rate words (12) before it; the unit (4), 角分 (4),
#: 人民币 (3), a rate suffix (8) and approximation words (3) after it.
_BEFORE = 24
_AFTER = 32


def _run_start(norm: str, u: int, run: int, done: int, domain: str) -> int:
    """Where the numeral run before the unit at ``u`` starts (人民币 before it included),
    at most ``_MAX_RUN`` back and not before ``done``; ``run`` is the length of the run
    (up to ``_MAX_RUN``) as the candidate search measured it."""
    begin = u - 1 if norm[u - 1] in _SPACES else u
    limit = done if done > u - _MAX_RUN else u - _MAX_RUN
    if begin > limit:
        run -= u - begin  # the space before the unit is the run's first character
        begin -= run if run < begin - limit else begin - limit
    if domain == "money" and norm[begin - 3 : begin] == "人民币" and begin - 3 >= done:
        begin -= 3
    return begin


def _common(
    norm: str, match: Any, pick: _Picker, table: dict[str, Unit], words: _CommonWords
) -> Hit | None:
    """The common amounts read without ``_hits``: 686万元, 21.96亿元, 三类 (no list, range,
    tail, 余/多 or SI prefix), with the approximation and rate words around them;
    ``pick``: ``_group_picker`` of the match's domain; ``words``: ``_common_words()``,
    both fetched once per scan rather than per amount.

    Written as one function: it runs for nearly every amount, and the calls it replaced
    (a value reader and a reader of the words around) cost as much as the work."""
    nums, more, word, suffix, tail = pick(match.groups())
    if more or tail or word in _SI_BASES:
        return None
    simple_numeral, before_last, after_words = words
    simple = simple_numeral.fullmatch(nums)
    if simple is not None:
        # Values built from the digit strings (``Decimal`` from a string is cheap; no
        # arithmetic is needed to move the decimal point).
        whole, fraction, multiplier = simple.groups()
        power = _POWERS.get(multiplier)
        if power is None:
            power = _power(multiplier)
        if fraction:
            fraction = fraction[1:].rstrip("0")
            value = Decimal(f"{whole}.{fraction}") if fraction else Decimal(whole)
            if len(fraction) <= power:
                digits = (whole + fraction + "0" * (power - len(fraction))).lstrip("0") or "0"
                shifted = Decimal(digits)
            else:
                point = f"{whole}{fraction[:power]}.{fraction[power:]}"
                shifted = Decimal(point.lstrip("0") or "0")
        else:
            value = Decimal(whole)
            shifted = Decimal(whole + "0" * power) if whole != "0" else value
        unit = multiplier + word
    elif nums in DIGIT_VALUES and not _lone_cn_digit(nums, word):
        value = shifted = DIGIT_VALUES[nums]
        power, unit = 0, word
    else:
        return None
    start, end = match.span()
    # Cheap rejections first: most amounts have no approximation or rate word around them.
    before = _approx_before(norm, start) if start and norm[start - 1] in before_last else None
    if before:
        approx: str | None = before[1]
        begin = start - len(before[0])
    else:
        after = norm[end : end + 2]
        approx = _approx_after(norm, end) if after in after_words else None
        begin = start
    if suffix or norm.find("每", begin - 12 if begin > 12 else 0, begin) >= 0:
        per = _per(suffix, norm, begin)
    else:
        per = None
    return Hit(start, end, unit, table[word], power, value, None, approx, per, False, shifted)


@cache
def unit_forms(domain: str) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """The unit words of ``domain`` by last character, longest first, with their guards
    (``not_before``).  Full-width forms of ASCII letters and digits are included, so that
    a full-width amount is found and sent to the mapped text."""
    import itertools

    wide: dict[str, list[str]] = {}
    for k, v in scan_table().items():
        wide.setdefault(chr(v), []).append(chr(k))
    guards = {u.word: u.not_before for u in units().values() if u.domain == domain}
    forms = {
        "".join(chars): frozenset(guards[word])
        for word in guards
        for chars in itertools.product(*([c, *wide.get(c, [])] for c in word))
    }
    by_last: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for form in sorted(forms, key=len, reverse=True):
        by_last.setdefault(form[-1], []).append((form, forms[form]))
    return by_last


@cache
def unit_branches(domain: str) -> dict[str, str]:
    """The unit forms of ``domain`` reversed, by their last character: the rest of each
    form (reversed, its guard checked) in one alternation, longest first."""
    import re

    arabic = {word for word, unit in domain_units(domain).items() if unit.arabic}
    digits = re.escape("0123456789" + "".join(chr(ord(c) + 0xFEE0) for c in "0123456789"))
    branches = {}
    for last, forms in unit_forms(domain).items():
        rest = []
        for form, guard in forms:
            # The unit's own guard (元旦, 支持: not a unit) is a lookbehind after its first
            # character, so that every branch still opens with a literal.
            back = f"(?<![{re.escape(''.join(sorted(guard)))}].)" if guard else ""
            # A unit taking Arabic numerals only (5角) needs a digit right before it: 长三角,
            # frequent in some letters, is then no candidate at all.
            digit = f"(?=[{digits}])" if form in arabic else ""
            rest.append(back + re.escape(form[-2::-1]) + digit)
        branches[last] = "|".join(rest)
    return branches


@cache
def run_after() -> str:
    """The numeral run that must follow a reversed unit: at least one character, measured
    up to ``_MAX_RUN`` (so that the scan need not walk it again)."""
    import re

    return "[" + re.escape("".join(sorted(_run_class()))) + f"]{{1,{_MAX_RUN}}}+"


@cache
def candidates(domain: str) -> Any:
    """Unit words of ``domain`` reversed, each followed by a numeral run (group ``run``),
    to be run over the reversed text (``百分之`` needs none: group ``pct``)."""
    import re

    # Branches grouped by their first character (a one-level trie): ``re`` then tries a
    # handful of branches, not all, where a character may end a unit.  百分之 needs no run
    # after it; its branch too opens with a literal, which keeps the whole pattern
    # literal-led (``re`` then skips to the characters that may end a unit).
    branches = ["之(?P<pct>" + re.escape("分百") + ")"] if domain == "quantity" else []
    for last, rest in unit_branches(domain).items():
        branches.append(re.escape(last) + "(?:" + rest + ")")
    after = f"(?=(?P<run>{run_after()}))"
    if domain == "quantity":
        after = f"(?(pct)|{after})"
    return re.compile("(?:" + "|".join(branches) + ")" + after)


def _run_class() -> set[str]:
    """``_RUN_CHARS`` and the full-width characters ``scan_text`` maps onto them."""
    table = scan_table()
    return set(_RUN_CHARS) | {chr(k) for k, v in table.items() if chr(v) in _RUN_CHARS}


def _hits(norm: str, match: Any, domain: str) -> list[Hit]:
    """The ``Hit``s of one pattern match: one amount, a range, or a list sharing a unit."""
    table = domain_units(domain)
    if domain == "quantity" and match.group("pct") is not None:
        percent = parse_numeral(match.group("pct"))
        return [Hit(match.start(), match.end(), "%", table["%"], 0, plain(percent))]
    nums, more, word = match.group("nums", "more", "unit")
    base = table[word]
    if base.arabic and not _NOT_ARABIC.isdisjoint(nums):
        return []  # 三角, 八角: only 5角 is money
    simple = _simple().fullmatch(nums)
    no_tail = domain != "money" or not match.group("tail")
    if simple and not more and word not in _SI_BASES and no_tail:  # via _retry_without_tail
        hit = _common(norm, match, _group_picker(domain), table, _common_words())
        assert hit is not None  # a simple numeral is always read
        return [hit]
    start, nums_start = match.start(), match.start("nums")
    if " " in nums or "\u3000" in nums or "\u00a0" in nums:  # 15000 万元
        nums = "".join(c for c in nums if c not in _SPACES)
        if not _SEPARATOR_CHARS.isdisjoint(nums) or nums[:1] in _SPACES:
            return []
    parts = _split_nums(nums)
    last_off, last_tok, _ = parts[-1]
    if not last_tok or len(last_tok) > MAX_TOKEN:
        return []
    if len(parts) == 1 and _lone_cn_digit(last_tok, word):
        return []  # checked first: 一批, 一个 are frequent and nothing else can rescue them
    numeral, multiplier, si_prefix = _unit_split(last_tok, word)
    power = _power(multiplier)
    end = match.end("unit")
    tail_value = Decimal(0)
    if domain == "money":
        tail = match.group("tail")
        if tail and (multiplier or word not in _TAIL_UNITS or word in tail):
            return _retry_without_tail(norm, match, domain)  # 3541.07万元2角: not ours
        if tail:
            tail_value = _jiao_fen(tail, _TAIL_UNITS[word])
            end = match.end("tail")
        if match.group("post"):
            end = match.end("post")
    if match.group("per"):
        end = match.end("per")
    before = _approx_before(norm, start)
    approx = before[1] if before else _approx_after(norm, end)
    per = _per(match.group("per"), norm, start - (len(before[0]) if before else 0))
    more = match.group("more")
    single = len(parts) == 1
    if single and last_tok[0] in "百千万亿" and not (approx or more):
        return []  # 亿元 alone (亿元级, 百亿元产业) is not an amount
    values: list[tuple[int, int, Decimal | None, str | None]] = []
    value: Decimal | None
    inside: str | None
    for off, tok, _sep in parts:
        if not tok:
            return []
        try:
            if off == last_off:
                value, inside = _value(numeral, power)
            else:
                value, inside = _value(tok, power if tok[-1] in _MULT else 0)
        except ValueParseError:
            fixed = _fallback_token(tok) if off == 0 else None
            if fixed is None:
                raise
            off, tok = off + len(tok) - len(fixed), fixed
            if single:
                value, inside = _value(_unit_split(fixed, word)[0], power)
            else:
                value, inside = _value(tok, power if tok[-1] in _MULT else 0)
            start = nums_start + off
        values.append((nums_start + off, nums_start + off + len(tok), value, inside))
    s, e, value, inside = values[-1]
    if more:
        inside = inside or "more"
    if tail_value and value is not None:
        value = plain(_CTX.add(value, tail_value))
    values[-1] = (s, e, value, inside)
    unit_text = multiplier + si_prefix + word
    if _neighbours(parts):  # 4、5亩: "four or five", a range, not a list
        low, high = values[0][2], values[1][2]
        assert low is not None and high is not None
        return [Hit(start, end, unit_text, base, power, None, (low, high), approx, per)]
    if len(parts) == 2 and parts[1][2] in _RANGE_SEPS:
        (_, _, low, a1), (_, _, high, a2) = values
        pair = None if low is None or high is None else (low, high)
        vague = "vague" if "vague" in (a1, a2) else None
        return [Hit(start, end, unit_text, base, power, None, pair, vague or approx, per)]
    if single or {sep for _, _, sep in parts[1:]} != {"、"} or _mixed_script(parts):
        # one amount (or a run that is neither a list nor a range: keep its last number)
        first = start if single else values[-1][0]
        return [Hit(first, end, unit_text, base, power, value, None, inside or approx, per)]
    return [
        Hit(
            s,
            end if i == len(values) - 1 else e,
            unit_text,
            base,
            power,
            v,
            None,
            ins or approx,
            per,
        )
        for i, (s, e, v, ins) in enumerate(values)
    ]


_CommonWords = tuple[Any, frozenset[str], dict[str, str]]
_Picker = Callable[[tuple[Any, ...]], tuple[Any, ...]]


@cache
def _group_picker(domain: str) -> _Picker:
    """What reads (nums, more, unit, per, tail) off the ``groups()`` of a match of
    ``pattern(domain)``: one call into ``re`` per amount, not one per group by name.  Only
    money has a tail (2角); elsewhere ``more`` stands in its place, which is empty when the
    amount is read."""
    from operator import itemgetter

    index = pattern(domain).groupindex
    tail = "tail" if domain == "money" else "more"
    return itemgetter(*(index[name] - 1 for name in ("nums", "more", "unit", "per", tail)))


@cache
def _common_words() -> _CommonWords:
    """What ``_common`` reads for each amount: ``_simple()``, the last characters of the
    approximation words before an amount and the approximation words after one."""
    return _simple(), _before_last(), approx_words()["after"]


@cache
def _simple() -> Any:
    import re

    return re.compile(r"([1-9][0-9]*+|0)(\.[0-9]++)?+([十百千万亿]*+)")


_POWERS = {"": 0, "十": 1, "百": 2, "千": 3, "万": 4, "十万": 5, "百万": 6, "千万": 7, "亿": 8}


def _neighbours(parts: list[tuple[int, str, str]]) -> bool:
    """Two consecutive one-digit numbers joined by 、 (4、5亩, 三、四万元) mean "4 or 5"."""
    if len(parts) != 2 or parts[1][2] != "、":
        return False
    first, second = parts[0][1], parts[1][1].rstrip(_MULT)
    digits = "0123456789"
    if len(first) != 1 or len(second) != 1:
        return False
    a = digits.find(first) if first in digits else CN_DIGITS.get(first, -1)
    b = digits.find(second) if second in digits else CN_DIGITS.get(second, -1)
    return a >= 1 and b == a + 1


def _mixed_script(parts: list[tuple[int, str, str]]) -> bool:
    """2、六亩塘: a list mixes no Arabic and Chinese numbers (the 2 is a list marker)."""
    arabic = {tok[0].isascii() for _, tok, _ in parts}
    return len(arabic) > 1


def _retry_without_tail(norm: str, match: Any, domain: str) -> list[Hit]:
    """万元 followed by 2角: the tail belongs to the next token, not to this amount."""
    import re

    end = match.end("unit")
    sub = pattern(domain).match(norm, match.start(), end)
    if sub is None or not isinstance(sub, re.Match):
        return []
    return _hits(norm, sub, domain)


#: The units a 角/分 tail may follow (123元1角1分, 3角5分), by their power of ten in 元.
_TAIL_UNITS = {"元": 0, "角": -1}


def _jiao_fen(tail: str, power: int) -> Decimal:
    """The tail in the unit it follows (10**power 元): 1角1分 after 元 → 0.11, 5分 after
    角 → 0.5."""
    value = Decimal(0)
    for i, char in enumerate(tail):
        if char in "角分":
            digit = parse_numeral(tail[i - 1])
            value += digit.scaleb((-1 if char == "角" else -2) - power)
    return value


def _lone_cn_digit(token: str, word: str) -> bool:
    """李四人民币, 三角, 一个, 一是: a lone Chinese digit is not an amount before 人民币 or
    a unit that takes Arabic digits only (角), and 一 is an article rather than a count
    before count words (一批, 一项)."""
    if len(token) != 1 or token not in CN_DIGITS:
        return False
    if word in _no_lone_digit():
        return True
    unit = domain_units("quantity").get(word)
    return unit is not None and unit.kind == "count" and token in "一两"


@cache
def _no_lone_digit() -> frozenset[str]:
    """The units a lone Chinese digit never stands before as an amount: 人民币 and the
    units that take Arabic numerals only."""
    arabic = {word for word, unit in domain_units("money").items() if unit.arabic}
    return frozenset({"人民币", *arabic})


def _approx_before(norm: str, start: int) -> tuple[str, str] | None:
    if start == 0 or norm[start - 1] not in _before_last():
        return None
    words = approx_words()["before"]
    for size in (4, 3, 2, 1):
        if size > start:
            continue
        word = norm[start - size : start]
        if word in words:
            if size == 1 and start >= 2 and norm[start - 2] in _NOT_AFTER.get(word, ""):
                return None  # 通过 is not 过 "over", 签约 is not 约 "about"
            return word, words[word]
    return None


@cache
def _before_last() -> frozenset[str]:
    return frozenset(word[-1] for word in approx_words()["before"])


#: One-character approximation words that are the tail of another word after these.
_NOT_AFTER = {"过": "通经不度错难路闯透", "约": "签合预制节履邀特相条契公密"}


def _approx_after(norm: str, end: int) -> str | None:
    words = approx_words()["after"]
    word = norm[end : end + 2]
    if word in words and not (word == "上下" and norm[end + 2 : end + 3] == "游"):
        return words[word]
    return None


def _per(suffix: str | None, norm: str, start: int) -> str | None:
    if suffix:
        return suffix[1:].replace("·", "/")
    window = norm[max(0, start - 12) : start]
    if "每" not in window:
        return None
    m = _per_before().search(window)
    if m is None:
        return None
    basis: str = m["a"] + ("/" + m["b"] if m["b"] else "")
    return basis


def _merge_ranges(norm: str, hits: list[Hit]) -> list[Hit]:
    """5000万元至1亿元 → one range in the larger written unit."""
    if len(hits) < 2:
        return hits
    out: list[Hit] = [hits[0]]
    for hit in hits[1:]:
        prev = out[-1]
        # Most neighbours are too far apart to be joined by a separator: rejected unsliced.
        if not 0 < hit.start - prev.end <= _LONGEST_SEP:
            out.append(hit)
            continue
        gap = norm[prev.end : hit.start]
        if (
            gap in _RANGE_SEPS
            and prev.base is hit.base
            and prev.value is not None
            and hit.value is not None
            and prev.range is None
            and hit.range is None
        ):
            power = max(prev.power, hit.power)
            unit = prev.unit if prev.power >= hit.power else hit.unit
            low = plain(prev.value.scaleb(prev.power - power, _CTX))
            high = plain(hit.value.scaleb(hit.power - power, _CTX))
            out[-1] = Hit(
                prev.start,
                hit.end,
                unit,
                hit.base,
                power,
                None,
                (low, high),
                prev.approx or hit.approx,
                prev.per or hit.per,
            )
        else:
            out.append(hit)
    return out
