"""Bytes → str for plain-text letters: BOM, then strict UTF-8, GB18030, Big5, each checked.

A strict decode is not proof: Big5 bytes are almost always valid GB18030 too (every Big5 lead
and trail byte is a GBK one), and GBK bytes are often valid Big5. So every candidate is read
back and judged (`verdict`): no C0/C1 control characters but ``\\t\\n\\r\\f``, few private-use
characters, and — for the two legacy Chinese codecs — most Han characters drawn from that
codec's everyday set (GB 2312 for GB18030; Big5's 常用字 block A440–C67E for Big5). Simplified
text decoded as Big5, or traditional text decoded as GB18030, fails that test.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from replyparse.errors import ReadError

#: (BOM, codec, name recorded on the Document); UTF-32 before UTF-16 (FF FE is a prefix of both).
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

#: C0 and C1 control characters other than \t \n \r \f, and DEL.
_CONTROL = "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]"  # compiled (and cached by re) on first use
#: Share of Han characters that must come from the codec's everyday set.
_MIN_COMMON_HAN = 0.8
#: Share of private-use characters (U+E000–U+F8FF) above which a decode is rejected.
# What letters are mostly made of, every character printable or white space (tested): ASCII,
# general punctuation, CJK punctuation (not the tone marks U+302A-F), the CJK ideographs,
# full-width forms.
_PLAIN_RANGES = "!-~\u2010-\u2027\u3000-\u3029\u3030-\u303f\u4e00-\u9fff\uff01-\uff5e"
_NOT_PLAIN = f"[^{_PLAIN_RANGES}]"  # compiled (and cached by re) on first use
_SPACE = r"\s"  # the characters str.isspace() knows
_MAX_PRIVATE_USE = 0.01
#: Share of characters that must be letters, digits, punctuation, symbols or whitespace.
_MIN_PRINTABLE = 0.95


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode_text(data: bytes, label: str) -> Decoded:
    """Decode a plain-text letter; raise ``ReadError`` naming *label* when it is not text."""
    if not data:
        raise ReadError(f"{label}: empty input (0 bytes)")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, codec, name, label)
    nul = data.find(b"\x00")
    if nul >= 0:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise ReadError(f"{label}: binary data, not text (NUL byte at offset {nul})")
    rejected: list[str] = []
    for codec in ("utf-8", "gb18030", "big5"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            rejected.append(f"{codec}: invalid byte at offset {exc.start}")
            continue
        problem = verdict(text, codec)
        if problem is None:
            return Decoded(_require_text(text, label), codec)
        rejected.append(f"{codec}: {problem}")
    guessed = _charset_normalizer(data)
    if guessed is not None:
        text, codec = guessed
        return Decoded(
            _require_text(text, label),
            codec,
            (f"encoding guessed by charset-normalizer as {codec}; not UTF-8/GB18030/Big5",),
        )
    raise ReadError(f"{label}: not readable as text ({'; '.join(rejected)})")


def _decode_with_bom(data: bytes, codec: str, name: str, label: str) -> Decoded:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"{label}: starts with a {name} byte-order mark but is not valid {name} "
            f"(invalid byte at offset {exc.start})"
        ) from exc
    problem = verdict(text, name)
    if problem is not None:
        raise ReadError(f"{label}: {name} text that does not look like a letter: {problem}")
    return Decoded(_require_text(text, label), name)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 with no BOM: NUL bytes on one parity only, and a clean decode."""
    if len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    codec = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if "\x00" in text or verdict(text, codec) is not None:
        return None
    return Decoded(text, codec, (f"UTF-16 without a byte-order mark, read as {codec}",))


def verdict(text: str, codec: str) -> str | None:
    """Why *text* is not a plausible decode, or ``None`` when it is.

    No Python work per character (iterating a Chinese ``str`` builds an object for each):
    `re` counts the white space, and finds the characters outside the common printable
    ranges, which alone are looked up (~0.1 ms a letter; a ``Counter`` of the text took 0.3).
    """
    control = re.search(_CONTROL, text)
    if control is not None:
        char = control.group()
        return f"control character U+{ord(char):04X} at character {control.start()}"
    visible = len(text) - len(re.findall(_SPACE, text))
    if not visible:
        return None  # whitespace only: _require_text reports it precisely
    others = Counter(re.findall(_NOT_PLAIN, text))
    private = sum(n for char, n in others.items() if "\ue000" <= char <= "\uf8ff")
    if private / visible > _MAX_PRIVATE_USE:
        return f"{private} private-use characters"
    unprintable = sum(
        n for char, n in others.items()
        if not char.isspace() and unicodedata.category(char)[0] not in "LNPSZ"
    )
    if (visible - unprintable) / visible < _MIN_PRINTABLE:
        return "mostly unassigned or format characters"
    if codec in ("gb18030", "big5"):
        counts = Counter(text)
        han = {char: n for char, n in counts.items() if _is_han(char)}
        total = sum(han.values())
        common = sum(n for char, n in han.items() if _is_common(char, codec))
        if total and common / total < _MIN_COMMON_HAN:
            return f"only {common} of {total} Han characters are common {codec} characters"
    return None


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


def _is_common(char: str, codec: str) -> bool:
    """Is *char* in GB 2312 (for GB18030) or Big5's 常用字 block A440–C67E (for Big5)?"""
    if codec == "gb18030":
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            return False
        return True
    try:
        code = char.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xA440 <= int.from_bytes(code, "big") <= 0xC67E


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    """Last resort: charset-normalizer's best guess, if installed and plausible."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a core dependency
        return None
    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    if verdict(text, best.encoding) is not None:
        return None
    return text, best.encoding


def _require_text(text: str, label: str) -> str:
    if not text.strip():
        raise ReadError(f"{label}: no text (only whitespace)")
    return text
