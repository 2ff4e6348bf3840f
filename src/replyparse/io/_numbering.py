"""Word's automatic list numbering (``word/numbering.xml``) rendered as label text.

``Numbering.label(paragraph)`` is called once per ``<w:p>``, in document order, and returns
the label Word would show: ``w:lvlText`` (``%1、``, ``（%2）``, ``%3.``) with each ``%N``
replaced by level N's counter in its ``w:numFmt``. Supported formats: decimal and its
full-width, zero-padded and enclosed-circle (①) forms, chineseCounting(Thousand) (一、十一、
一百零一), ideographTraditional (甲乙丙), ideographZodiac, lower/upper letter and roman.
Bullets and ``none`` give no label. Numbering may come from the paragraph or its style;
counters belong to the abstract list and restart deeper levels when a level advances.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9
_DIGITS = "零一二三四五六七八九"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_PLACE = re.compile(r"%([1-9])")
_NO_SEPARATOR = tuple("、.．,，:：)）]】>」』 \t")


@dataclass(frozen=True, slots=True)
class Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    legal: bool = False
    suffix: str = "tab"


@dataclass(slots=True)
class Numbering:
    """Numbering definitions of one document and the running counters."""

    abstract_levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    num_abstract: dict[str, str] = field(default_factory=dict)
    num_overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    overridden: set[str] = field(default_factory=set)

    @classmethod
    def from_xml(cls, numbering: bytes | None, styles: bytes | None) -> Numbering:
        """Read the definitions; ``ValueError`` when a part is not well-formed XML."""
        result = cls()
        try:
            if styles:
                result._read_styles(ET.fromstring(styles))
            if numbering:
                result._read_numbering(ET.fromstring(numbering))
        except ET.ParseError as exc:
            raise ValueError(f"malformed XML in numbering or styles: {exc}") from exc
        return result

    def _read_styles(self, root: ET.Element) -> None:
        based_on: dict[str, str] = {}
        for style in root.iter(f"{W}style"):
            style_id = style.get(f"{W}styleId") or ""
            based = style.find(f"{W}basedOn")
            if based is not None:
                based_on[style_id] = based.get(f"{W}val") or ""
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                num_id = _val(num_pr.find(f"{W}numId"))
                if num_id is not None:
                    self.style_num[style_id] = (num_id, _int(num_pr.find(f"{W}ilvl"), 0))
        for style_id, parent in based_on.items():  # inherit numbering one step at a time
            seen = {style_id}
            while style_id not in self.style_num and parent and parent not in seen:
                if parent in self.style_num:
                    self.style_num[style_id] = self.style_num[parent]
                seen.add(parent)
                parent = based_on.get(parent, "")

    def _read_numbering(self, root: ET.Element) -> None:
        links: dict[str, str] = {}
        for abstract in root.iter(f"{W}abstractNum"):
            abstract_id = abstract.get(f"{W}abstractNumId") or ""
            link = _val(abstract.find(f"{W}numStyleLink"))
            if link:
                links[abstract_id] = link
            self.abstract_levels[abstract_id] = {
                _int_attr(lvl, "ilvl", 0): _level(lvl) for lvl in abstract.iter(f"{W}lvl")
            }
        for num in root.iter(f"{W}num"):
            num_id = num.get(f"{W}numId") or ""
            abstract_id = _val(num.find(f"{W}abstractNumId")) or ""
            self.num_abstract[num_id] = abstract_id
            overrides = {}
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    overrides[_int_attr(override, "ilvl", 0)] = _int(start, 1)
            if overrides:
                self.num_overrides[num_id] = overrides
        for num_id, abstract_id in list(self.num_abstract.items()):
            link = links.get(abstract_id)  # a list defined by a numbering style
            if link and link in self.style_num:
                self.num_abstract[num_id] = self.num_abstract.get(
                    self.style_num[link][0], abstract_id
                )

    def label(self, paragraph: Any) -> str:
        """The label of *paragraph* (an lxml or ElementTree ``<w:p>``), advancing counters."""
        found = self._num_of(paragraph)
        if found is None:
            return ""
        num_id, ilvl = found
        abstract_id = self.num_abstract.get(num_id)
        if abstract_id is None or not 0 <= ilvl < _LEVELS:
            return ""
        levels = self.abstract_levels.get(abstract_id, {})
        counters = self.counters.setdefault(abstract_id, [None] * _LEVELS)
        overrides = self.num_overrides.get(num_id, {})
        if overrides and num_id not in self.overridden:
            self.overridden.add(num_id)
            for overridden, start in overrides.items():
                if 0 <= overridden < _LEVELS:
                    counters[overridden] = start - 1
        level = levels.get(ilvl, Level())
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            counters[deeper] = None
        if level.fmt in ("bullet", "none"):
            return ""

        def value(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index, Level())
            count = counters[index]
            number = shown.start if count is None else count
            fmt = "decimal" if level.legal and index != ilvl else shown.fmt
            return format_number(number, fmt)

        text = _PLACE.sub(value, level.text)
        if not text or text.endswith(_NO_SEPARATOR) or level.suffix == "nothing":
            return text
        return text + " "

    def _num_of(self, paragraph: Any) -> tuple[str, int] | None:
        ppr = paragraph.find(f"{W}pPr")
        if ppr is None:
            return None
        num_pr = ppr.find(f"{W}numPr")
        style = ppr.find(f"{W}pStyle")
        from_style = self.style_num.get(_val(style) or "") if style is not None else None
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{W}numId"))
            ilvl_element = num_pr.find(f"{W}ilvl")
            if num_id is None and from_style is not None:
                num_id = from_style[0]
            if num_id is None or num_id == "0":
                return None
            if ilvl_element is None and from_style is not None:
                return num_id, from_style[1]
            return num_id, _int(ilvl_element, 0)
        return from_style if from_style and from_style[0] != "0" else None


def format_number(number: int, fmt: str) -> str:
    """*number* in a ``w:numFmt`` format; unknown formats fall back to decimal."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting"):
        return chinese_counting(number)
    if fmt == "ideographTraditional" and number > 0:
        return _HEAVENLY[(number - 1) % 10]
    if fmt == "ideographZodiac" and number > 0:
        return _EARTHLY[(number - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= number <= 20:
        return chr(0x2460 + number - 1)
    if fmt == "decimalEnclosedParen" and 1 <= number <= 20:
        return chr(0x2474 + number - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(digit) + 0xFEE0) for digit in str(number))
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt in ("lowerLetter", "upperLetter") and number > 0:
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and 0 < number < 4000:
        roman = _roman(number)
        return roman if fmt == "lowerRoman" else roman.upper()
    return str(number)


def chinese_counting(number: int) -> str:
    """一 … 十, 十一, 二十一, 一百零一, 一千零一十 (Word's chineseCounting style)."""
    if number <= 0:
        return str(number)
    if number < 10:
        return _DIGITS[number]
    if number < 20:
        return "十" + (_DIGITS[number % 10] if number % 10 else "")
    if number < 100:
        return _DIGITS[number // 10] + "十" + (_DIGITS[number % 10] if number % 10 else "")
    if number < 10_000:
        out = ""
        zero = False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = number // unit % 10
            if digit:
                if zero and out:
                    out += "零"
                out += _DIGITS[digit] + name
                zero = False
            else:
                zero = True
        return out
    return str(number)


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def _level(lvl: ET.Element) -> Level:
    legal = lvl.find(f"{W}isLgl")
    return Level(
        fmt=_val(lvl.find(f"{W}numFmt")) or "decimal",
        text=_val(lvl.find(f"{W}lvlText")) or "",
        start=_int(lvl.find(f"{W}start"), 1),
        legal=legal is not None and _val(legal) not in ("0", "false"),
        suffix=_val(lvl.find(f"{W}suff")) or "tab",
    )


def _val(element: Any) -> str | None:
    if element is None:
        return None
    value = element.get(f"{W}val")
    return None if value is None else str(value)


def _int(element: Any, default: int) -> int:
    value = _val(element)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _int_attr(element: ET.Element, name: str, default: int) -> int:
    try:
        return int(element.get(f"{W}{name}") or default)
    except ValueError:
        return default
