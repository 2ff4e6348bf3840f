"""``.html`` → text with selectolax (extra ``html``), one line per block element.

Block elements (p, div, li, tr, h1–h6, …) and ``<br>`` end a line, so numbered headings
(一、 （一） 1.) stay at line starts; table cells in a row are joined by a tab. Scripts, styles,
``<head>``, nav/header/footer and hidden elements are dropped, entities are unescaped, and
link-only lines (menus, breadcrumbs) and portal boilerplate lines (打印本页, 关闭窗口,
字号：大 中 小, …) listed in ``data/html_boilerplate.txt`` are removed.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from replyparse.data_files import read_lines
from replyparse.errors import ReadError
from replyparse.io._decode import decode_text, verdict

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

_DROPPED = frozenset({
    "head", "script", "style", "noscript", "template", "nav", "iframe", "object", "embed", "svg",
    "canvas", "select", "option", "button", "input", "textarea", "map", "audio", "video",
})
#: Page banners and footers, dropped unless inside <article>/<main> (an article's own header).
_PAGE_PARTS = frozenset(("header", "footer"))
_CONTENT = frozenset(("article", "main"))
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "html", "li", "main", "menu", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "thead", "tfoot", "tr", "ul",
})
_CELLS = frozenset(("td", "th"))
_PREFORMATTED = frozenset(("pre", "textarea", "listing", "xmp", "plaintext"))
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACE_RUN = re.compile(r"[ \t\n\r\f]+")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_CJK}])")
_REDUCE = re.compile(r"[\s【】\[\]〖〗|｜·/,，、:：;；>＞↑▲]+")
_PREFIX_MAX = 40
#: Block elements nested deeper than this are refused: the HTML parser walks the stack of open
#: elements at each of these start tags, so its time grows with depth × tags (100,000 nested
#: <div> take over a minute). Real pages nest a few dozen deep; 10,000 levels parse in about 0.2 s.
MAX_DEPTH = 10_000
#: Bound on the sum, over these start tags, of the depth each opens at (the parser's work).
MAX_NESTING_WORK = 100_000_000
_NESTING_BLOCKS = (
    "address|article|aside|blockquote|center|details|dialog|dir|div|dl|fieldset|figcaption"
    "|figure|footer|header|hgroup|listing|main|menu|nav|ol|pre|search|section|summary|ul"
)
_NESTING_TAG = re.compile(rf"<(/?)(?:{_NESTING_BLOCKS})(?=[\s/>])", re.IGNORECASE)
_CODEC_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5"}


def html_to_text(data: bytes, label: str) -> tuple[str, str, tuple[str, ...]]:
    """The visible text of an HTML page, its encoding, and warnings."""
    try:
        from selectolax.lexbor import LexborHTMLParser
    except ImportError as exc:
        raise ReadError(
            f"{label}: reading .html needs selectolax: pip install 'replyparse[html]'"
        ) from exc
    markup, encoding, warnings = _decode_html(data, label)
    _check_nesting(markup, label)
    tree = LexborHTMLParser(markup)
    root = tree.root
    if root is None:
        raise ReadError(f"{label}: not a readable .html: no document element")
    lines = _drop_boilerplate(_render(root))
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError(f"{label}: .html page with no visible text")
    return text, encoding, warnings


def _check_nesting(markup: str, label: str) -> None:
    """Refuse markup whose block elements nest so deep that parsing it would take minutes."""
    depth = work = 0
    for tag in _NESTING_TAG.finditer(markup):
        if tag.group(1):
            depth = max(depth - 1, 0)
            continue
        depth += 1
        work += depth
        if depth > MAX_DEPTH:
            raise ReadError(
                f"{label}: refused .html: block elements nested more than {MAX_DEPTH} deep"
            )
        if work > MAX_NESTING_WORK:
            raise ReadError(
                f"{label}: refused .html: too many block elements inside deep nesting "
                f"(parser work over {MAX_NESTING_WORK:,} steps)"
            )


def _decode_html(data: bytes, label: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode with the page's ``<meta charset>`` when it is declared and right, else sniff.

    A BOM wins over the declaration, and so does valid UTF-8 with non-ASCII bytes (pages
    re-saved as UTF-8 often keep their old ``charset=gb2312``).
    """
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii").lower()
        codec = _CODEC_ALIASES.get(name, name)
        try:
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            text = None
        if text is not None and verdict(text, codec) is None and not (
            codec != "utf-8" and not data.isascii() and _is_utf8(data)
        ):
            return text, codec, ()
        decoded = decode_text(data, label)
        warning = f"page declares charset {name} but is {decoded.encoding}"
        return decoded.text, decoded.encoding, (*decoded.warnings, warning)
    decoded = decode_text(data, label)
    return decoded.text, decoded.encoding, decoded.warnings


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _render(root: LexborNode) -> list[tuple[str, int]]:
    """Lines of the tree's text, each with how many of its characters are link text.

    Iterative, so deep nesting cannot overflow the stack.
    """
    out: list[tuple[str, bool]] = []  # (text, inside <a>)
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    pre_depth = content_depth = link_depth = 0
    while stack:
        node, leaving = stack.pop()
        tag = node.tag or ""
        if leaving:
            pre_depth -= tag in _PREFORMATTED
            content_depth -= tag in _CONTENT
            link_depth -= tag == "a"
            if tag in _BLOCKS:
                out.append(("\n", False))
            elif tag in _CELLS:
                out.append(("\t", False))
            continue
        if tag == "-text":
            text = node.text_content or ""
            if not pre_depth:
                text = _SPACE_RUN.sub(" ", _CJK_BREAK.sub("", text))
            out.append((text, link_depth > 0))
            continue
        if (
            tag.startswith("-")  # comments, doctype
            or tag in _DROPPED
            or (tag in _PAGE_PARTS and not content_depth)
            or _hidden(node)
        ):
            continue
        if tag == "br":
            out.append(("\n", False))
            continue
        if tag in _BLOCKS:
            out.append(("\n", False))
        pre_depth += tag in _PREFORMATTED
        content_depth += tag in _CONTENT
        link_depth += tag == "a"
        stack.append((node, True))
        children = list(node.iter(include_text=True))
        stack.extend((child, False) for child in reversed(children))
    return _lines(out)


def _lines(pieces: list[tuple[str, bool]]) -> list[tuple[str, int]]:
    lines: list[tuple[str, int]] = []
    text: list[str] = []
    linked = 0
    for piece, in_link in pieces:
        parts = piece.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append(("".join(text), linked))
                text, linked = [], 0
            text.append(part)
            if in_link:
                linked += len(_REDUCE.sub("", part))
    lines.append(("".join(text), linked))
    return lines


def _hidden(node: LexborNode) -> bool:
    attributes = node.attributes
    if "hidden" in attributes:
        return True
    style = (attributes.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _drop_boilerplate(lines: list[tuple[str, int]]) -> list[str]:
    """Stripped, non-blank lines without portal boilerplate and link-only lines (menus,
    breadcrumbs, related-article lists); tabs only between cells."""
    wholes, prefixes = _boilerplate()
    kept = []
    for raw, linked in lines:
        line = "\t".join(cell.strip() for cell in raw.split("\t") if cell.strip())
        if not line:
            continue
        reduced = _REDUCE.sub("", line)
        if not reduced or linked >= len(reduced) or _made_of(reduced, wholes):
            continue
        if len(reduced) <= _PREFIX_MAX and reduced.startswith(prefixes):
            continue
        kept.append(line)
    return kept


@functools.cache
def _boilerplate() -> tuple[frozenset[str], tuple[str, ...]]:
    phrases = [_REDUCE.sub("", line) for line in read_lines("html_boilerplate.txt")]
    prefixes = tuple(phrase[:-1] for phrase in phrases if phrase.endswith("*"))
    wholes = frozenset(p for p in phrases if p and not p.endswith("*"))
    return wholes, prefixes


def _made_of(line: str, phrases: frozenset[str]) -> bool:
    """Whether ``line`` is one or more ``phrases`` one after another.

    A word break by dynamic programming, linear in the line: the regular expression
    ``(?:返回顶部|返回|顶部…)+`` it replaces backtracks exponentially on a line such as
    "返回顶部" × 30 followed by anything else.
    """
    longest = max(map(len, phrases), default=0)
    reachable = [False] * (len(line) + 1)
    reachable[0] = True
    furthest = 0
    for start in range(len(line)):
        if start > furthest:  # no phrase reaches past here: the line is not boilerplate
            return False
        if reachable[start]:
            for end in range(start + 1, min(start + longest, len(line)) + 1):
                if line[start:end] in phrases:
                    reachable[end] = True
                    furthest = max(furthest, end)
    return bool(line) and reachable[-1]
