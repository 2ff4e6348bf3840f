"""Place prefixes of organ names: divisions, bare level words, townships; ``place_of``.

Helpers of :mod:`replyparse.extract.departments`.  Everything reads the lexicon lazily.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from replyparse.context import Context
from replyparse.extract._lexicon import Lexicon, Place, lexicon
from replyparse.text import normalise

if TYPE_CHECKING:
    import regex

# Characters before 省/市/县/区 … that make it part of a word (城市, 超市, 社区, 地区, 园区,
# 全省, 各市, 我省 …) rather than a bare level word standing for the letter's own place.
_NOT_BEFORE_BARE = frozenset(
    "城都超门上夜股街集菜全各本我外该此两三多社园景矿辖片校小新老郊地山湖乡村特"
)
_BARE_CHARS = frozenset("省市州县区旗")  # and 自治区
# Characters after a bare level word that make it part of a word (市场, 县内, 省级, 区域).
_NOT_AFTER_BARE = frozenset("场内外级域民长辖属块")
# Characters after which a word may start: a two-character county name (沛县) after any
# other Chinese character is more likely that character's word + bare 县 (完成县委).
_BOUNDARY = frozenset("和与及在对向由经将同请给等是为从的了并或其把被让使至到按据以也已均都还再")
# Two-character county names that are ordinary words (老城区, 郊区的 …): never a prefix.
_GENERIC_PLACES = frozenset({"城区", "郊区", "矿区", "东区", "西区"})
# Characters that never occur inside the name part of an enterprise, institution or organ
# (辽宁[能源]集团): joins, function words, level words, digits are excluded separately.
_NOT_IN_NAME = frozenset(
    "的和与及、在对向将为是了从把被给等由并已也就于之其省市县区乡镇级个所各全本我该此这那有无不没要会"
    "两几副分"
)
class _Prefix(NamedTuple):
    """A place prefix found leftwards from a function word (a named tuple: a letter
    builds a few dozen, and a tuple is several times cheaper to make than a dataclass)."""

    start: int
    end: int
    tokens: tuple[str, ...]  # place words as written, left to right (辽宁省, A市, 葫芦岛)
    bare: str | None  # the bare level word (省, 市 …) when there are no place words
    party: bool  # written after 中共


@cache
def _names() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """Place words usable as a prefix (full and short names), and by their last two
    characters (every name has two or more) the names ending with them, longest first."""
    lex = lexicon()
    names = frozenset(n for n in (*lex.places, *lex.shorts) if n not in _GENERIC_PLACES)
    tails: dict[str, list[str]] = {}
    for name in names:
        tails.setdefault(name[-2:], []).append(name)
    return names, {t: tuple(sorted(ns, key=len, reverse=True)) for t, ns in tails.items()}


def _place_ending(norm: str, pos: int, limit: int) -> str | None:
    """The longest place word that ends at ``pos`` and starts at or after ``limit``."""
    if pos - 2 < limit:
        return None
    names = (_BY_TAIL or _load_tails()).get(norm[pos - 2:pos])
    if names is not None:
        for name in names:
            start = pos - len(name)
            if start >= limit and norm.startswith(name, start):
                return name
    # Anonymised places of the 泰迪杯 data: A市, A2区, K10县.
    if norm[pos - 1] in _ANON_LEVELS:
        j = pos - 1
        while j > limit and j > pos - 4 and norm[j - 1].isdigit():
            j -= 1
        if j > limit and "A" <= norm[j - 1] <= "Z":
            return norm[j - 1:pos]
    return None


_ANON_LEVELS = frozenset("市区县")
# ``_names()[1]``, filled on first use: a module dict rather than the cached builder, since
# a letter looks places up ~40 times and the call would be a fifth of a lookup's cost.
_BY_TAIL: dict[str, tuple[str, ...]] = {}
# The last characters of those tails (~170 characters, ~15 % of a letter's): a character
# outside them ends no place word, told without slicing two characters.  Filled with them.
_TAIL_ENDS: set[str] = set()


def _load_tails() -> dict[str, tuple[str, ...]]:
    tails = _names()[1]
    _TAIL_ENDS.update(tail[-1] for tail in tails)
    _BY_TAIL.update(tails)
    return _BY_TAIL


def _prefix(norm: str, pos: int, limit: int, *, bare: bool = True) -> _Prefix | None:
    """The place prefix ending at ``pos``: up to three place words, or a bare level word."""
    tokens: tuple[str, ...] = ()
    token = _place_ending(norm, pos, limit)
    if token is not None:
        found = [token]
        start = pos - len(token)
        while len(found) < 3 and (token := _place_ending(norm, start, limit)) is not None:
            found.insert(0, token)
            start -= len(token)
        if _split_word(norm, start, found[0]):
            # 完成县委, 市自然资源局和县住建局: 成县 and 和县 are counties, but here the
            # first character belongs to the word before (or is a join) and 县 is bare.
            start += len(found.pop(0))
        tokens = tuple(found)
    word = None
    if not tokens:
        if not bare:
            return None
        # 自治区 or one of 省市州县区旗, not inside a word (城市, 社区, 全省 …).  Most
        # organ words have no level word before them: one character tells.
        if pos <= limit:
            return None
        word = norm[pos - 1]
        if word not in _BARE_CHARS:
            return None
        if word == "区" and pos - 3 >= limit and norm.startswith("自治区", pos - 3):
            word = "自治区"
        start = pos - len(word)
        if start > 0 and norm[start - 1] in _NOT_BEFORE_BARE:
            return None
    party = start - 2 >= limit and norm.startswith("中共", start - 2)
    # (tuple.__new__ builds the named tuple without its Python-level __new__: a third
    # of the cost of building a prefix.)
    return _new_tuple(_Prefix, (start - 2 if party else start, pos, tokens, word, party))


_new_tuple = tuple.__new__


_TOWNSHIP_WORDS = ("街道", "镇", "乡")
# Characters seen before 镇政府 that are not part of a township name (上午镇政府, 组织镇政府).
_NOT_IN_TOWNSHIP = frozenset(
    "和与及在对向由经将同请给等是为从的了并或其把被让使至到按据以也已均都还再午年月日时出织且超后前"
)
# Functions a township (镇/乡/街道) has: 高桥镇政府, 龙潭镇人民政府, 泉塘街道办事处, 镇党委,
# 洋湖街道工委.
_TOWNSHIP_FUNCTIONS = frozenset({"人民政府", "政府", "党委", "委", "办事处", "人大", "纪委",
                                 "人民代表大会", "政府办", "政府办公室", "人民政府办公室",
                                 "工委", "党工委"})


def _township(norm: str, pos: int, limit: int, *, named: bool = True) -> _Prefix | None:
    """A township prefix ending at ``pos``: [name of 2–3 characters] + 镇/乡/街道.

    Township names are not in the division list, so the name is guessed: two characters,
    or three when the character before them is not Chinese (、黄土坎乡).  A bare 镇/乡
    (镇政府, 乡党委) is the letter's own township, unnamed.
    """
    for word in _TOWNSHIP_WORDS:
        end = pos - len(word)
        if end < limit or norm[end:pos] != word:
            continue
        for n in (3, 2) if named else ():
            s = end - n
            if s < limit or not all("\u4e00" <= c <= "\u9fff" and c not in _NOT_IN_NAME
                                    and c not in _NOT_IN_TOWNSHIP for c in norm[s:end]):
                continue
            if n == 2 and norm[s:end] in ("乡镇", "城乡"):
                continue
            # A county or city before it (A7县泉塘街道, C3县中路铺镇) joins the prefix, and
            # shows where a three-character name starts.
            outer = _prefix(norm, s, limit, bare=False)
            if outer is not None:
                tokens = (*outer.tokens, norm[s:pos])
                return _new_tuple(_Prefix, (outer.start, pos, tokens, None, outer.party))
            before = norm[s - 1] if s > 0 else ""
            if n == 3 and s > limit and ("\u4e00" <= before <= "\u9fff" or before.isdigit()):
                continue
            return _Prefix(s, pos, (norm[s:pos],), None, False)
        if end == limit or not ("\u4e00" <= norm[end - 1] <= "\u9fff") or (
                norm[end - 1] in _BOUNDARY or norm[end - 1] in _NOT_IN_TOWNSHIP):
            return _Prefix(end, pos, (), word, False)
        if norm[end - 1] in "我本" and named:  # 我镇党委: the letter's own township
            return _Prefix(end - 1, pos, (), word, False)
        return None
    return None


def _split_word(norm: str, start: int, token: str) -> bool:
    """Whether a two-character county name (成县, 和县, 新县) is really word + bare 县."""
    if len(token) != 2 or start == 0:
        return False
    place = lexicon().places.get(token)
    if place is None or place.level != "county":
        return False
    before = norm[start - 1]
    return "\u4e00" <= before <= "\u9fff" and before not in _BOUNDARY


def place_of(name: str) -> tuple[str | None, str | None, str | None]:
    """``(province, city, county)`` named by the leading place words of ``name``.

    >>> place_of("辽宁省发展和改革委员会")
    ('辽宁省', None, None)
    >>> place_of("葫芦岛市南票区人民政府")
    ('辽宁省', '葫芦岛市', '南票区')
    >>> place_of("西地省A市住房和城乡建设局")
    ('西地省', 'A市', None)
    """
    if not isinstance(name, str):
        return (None, None, None)
    norm = normalise(name.strip())
    if norm.startswith("中共"):
        norm = norm[2:]
    heads = _BY_HEAD or _load_heads()
    lex = lexicon()
    province = city = county = None
    pos = 0
    while pos < len(norm):
        words = heads.get(norm[pos:pos + 2], ())
        token = next((word for word, _ in words if norm.startswith(word, pos)), None)
        if token is None:
            m = _anon().match(norm, pos)
            if m is None:
                break
            token = m.group()
            if token.endswith("市"):
                city = token
            else:
                county = token
            pos += len(token)
            continue
        pos += len(token)
        place = _lookup(token, lex, province, city)
        if place is None:
            continue
        if place.level == "provincial":
            province = place.name
        elif place.level == "municipal":
            city, province = place.name, place.province or province
        else:
            county = place.name
            city = place.city or city
            province = place.province or province
    return (province, city, county)


@cache
def _anon() -> regex.Pattern[str]:
    import regex

    return regex.compile(r"[A-Z][0-9]{0,2}[市区县]")


def _lookup(token: str, lex: Lexicon, province: str | None, city: str | None) -> Place | None:
    name = lex.shorts.get(token, token)
    for place in lex.homonyms.get(name, ()):
        if (city and place.city == city) or (province and place.province == province):
            return place
    return lex.places.get(name)


# --- canonical names ------------------------------------------------------------------

_BARE_LEVEL = {
    "自治区": "provincial", "省": "provincial", "市": "municipal", "州": "municipal",
    "县": "county", "区": "county", "旗": "county",
}
# The Context field that completes a bare level word (省 → context.province).
_CONTEXT_FIELD = {"provincial": "province", "municipal": "city", "county": "county"}


def _resolve(pre: _Prefix, ctx: Context | None) -> tuple[str, str | None, str | None]:
    """``(written-out place, level, place)`` for a prefix: 省 → 辽宁省, 葫芦岛 → 葫芦岛市."""
    bare = pre.bare
    if bare is not None:  # (a prefix has a bare level word or place words, never both)
        if bare in _TOWNSHIP_WORDS:
            return (bare, "township", None)
        bare_level = _BARE_LEVEL[bare]
        full = getattr(ctx, _CONTEXT_FIELD[bare_level]) if ctx is not None else None
        return (full or bare, bare_level, full)
    if pre.tokens and pre.tokens[-1].endswith(_TOWNSHIP_WORDS) and (
            pre.tokens[-1] not in lexicon().places):
        name = "".join(pre.tokens)
        return (name, "township", name)
    lex = lexicon()
    province = ctx.province if ctx else None
    city = ctx.city if ctx else None
    parts: list[str] = []
    level: str | None = None
    place: str | None = None
    for token in pre.tokens:
        found = _lookup(token, lex, province, city)
        if found is None:  # anonymised A市 / A2区
            parts.append(token)
            place, level = token, _BARE_LEVEL.get(token[-1])
            continue
        parts.append(found.name)
        place, level = found.name, found.level
        if found.level == "provincial":
            province = found.name
        elif found.level == "municipal":
            city = found.name
    return ("".join(parts), level, place)


def place_at(norm: str, at: int) -> tuple[str, int] | None:
    """The longest full or short place name starting at ``at`` (南票区, 葫芦岛市, 葫芦岛):
    its full name (葫芦岛 → 葫芦岛市) and its length as written; ``None`` if none starts."""
    # Every place name has two characters or more, and few share their first two: most
    # clause openings cost one dict lookup (items calls this at every clause).
    names = (_BY_HEAD or _load_heads()).get(norm[at : at + 2])
    if names is None:
        return None
    for name, full in names:
        if norm.startswith(name, at):
            return full, len(name)
    return None


# By first two characters, the place words opening with them, longest first, with their
# full names; filled on first use (a module dict rather than a cached builder, since
# place_at is called at every clause opening and the call would be a third of its cost).
_BY_HEAD: dict[str, tuple[tuple[str, str], ...]] = {}


def _load_heads() -> dict[str, tuple[tuple[str, str], ...]]:
    names, _ = _names()
    shorts = lexicon().shorts
    heads: dict[str, list[str]] = {}
    for name in names:
        heads.setdefault(name[:2], []).append(name)
    _BY_HEAD.update(
        (head, tuple((n, shorts.get(n, n)) for n in sorted(group, key=len, reverse=True)))
        for head, group in heads.items()
    )
    return _BY_HEAD


def place_names() -> list[str]:
    """Every full place name of the lexicon (for word segmentation)."""
    return list(lexicon().places)
