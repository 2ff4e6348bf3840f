"""Departments (organs) named in a letter: 省财政厅, 国家发展改革委, 我委, 省有关单位 ….

>>> from replyparse.context import Context
>>> ctx = Context(province="辽宁省", responder="辽宁省发展和改革委员会",
...               responder_level="provincial")
>>> [(d.text, d.canonical, d.kind) for d in find_departments("我委与省财政厅将统筹安排", ctx)]
[('我委', '辽宁省发展和改革委员会', 'self'), ('省财政厅', '辽宁省财政厅', 'government')]

Recognition is vocabulary plus pattern, in one leftmost-longest scan of the normalised text:

- fixed names (国务院, 财政部, 国家发展改革委, 河海大学 …) from ``data/organs_fixed.tsv``;
- place prefix + function (辽宁省 + 财政厅, 省 + 工信厅, 葫芦岛市 + 政府, 省 + 委宣传部),
  the functions from ``data/organs_local.tsv``, the places from ``data/divisions.tsv``;
- self references (我委, 我厅, 我局, 我办, 本局, 我部) → the responder, kind ``self``;
- collective mentions (省有关单位, 各有关部门, 市直有关部门) → kind ``collective``;
- place + name + 集团/公司/银行 → ``enterprise``; place + name + 大学/学院/医院/中心 →
  ``institution``; place + name + 局/委员会/管委会/办公室 → ``government``.

A match never crosses a join (和/与/及/、): in 市自然资源局和县住建局 the 和 joins two organs,
so 和县 (a real county) is not read there.  Place names alone (葫芦岛市), zones
(葫芦岛经济开发区), 我省/我市 and 政府+企业 are not organs.

Canonical names (see :func:`canonical_organ`):

- abbreviations are expanded (工信厅 → 工业和信息化厅, 国家发展改革委 → 国家发展和改革委员会);
- a bare 省 prefix is completed from ``context.province``, 市/州 from ``context.city``,
  县/区/旗 from ``context.county``; when that field is ``None`` the bare word stays
  (市住建局 → 市住房和城乡建设局) and ``place`` is ``None``.  So in a provincial letter
  with no city in the context, 市 is never guessed;
- short place names are completed (辽宁 → 辽宁省, 葫芦岛 → 葫芦岛市);
- a function written with no prefix at all (作者:发改委办公室审核员) is the responder when the
  responder's canonical name ends with that function, else the generic function name
  with level ``None``.
"""

from __future__ import annotations

from functools import cache

import regex

from replyparse.context import Context
from replyparse.extract._lexicon import Lexicon, Place, lexicon
from replyparse.model import Department
from replyparse.text import normalise

__all__ = ["canonical_organ", "find_departments", "place_of"]

# Level words that stand for "the province/city/county of this letter" before a function.
# The look-behind keeps 城市, 超市, 社区, 地区, 园区, 全省, 各市, 我省 … out.
_BARE = (
    r"(?<![城都超门上夜股街集菜全各本我外该此两三多社园景矿辖片校小新老郊城地山湖街乡村特])"
    r"(?:自治区|省|市|州|县|区|旗)"
)
# Anonymised places of the 泰迪杯 data (A市, A2区, B4区) and similar letter+digit names.
_ANON = r"(?:[A-Z][0-9]{0,2}(?:市|区|县))"
_PLACE = rf"(?:\L<place>|{_ANON})"
_PREFIX = rf"(?:{_PLACE}{{1,3}}|{_BARE})"
# The name part of an enterprise/institution/zone organ: Han characters, never a join,
# a function word or a level word, at most 8 of them.
_MID = (
    r"[\p{Han}--[的和与及、在对向将为是了从把被给等由经并已也就于之其省市县区乡镇级个所"
    r"各全本我该此这那有无不没将要会]]{1,8}?"
)
# What may follow a bare 财政 for it to name the organ (省财政设立…, not 省财政资金).
_STEM_NEXT = ("设", "安排", "下达", "拨", "将", "已", "统筹", "给予", "对", "向", "按", "会同",
              "牵头", "负责", "也", "和", "与", "及", "、", ",", "。", ";")
_JOINS = "和与及"
_SUFFIXES = ("集团", "公司", "银行", "大学", "学院", "医院", "卫生院", "研究院", "研究所", "中心",
             "委员会", "管委会", "局", "办公室")
_LONGEST = 48  # no mention is longer: bounds the backward match


@cache
def _pattern() -> regex.Pattern[str]:
    """The organ pattern, matched backwards from a candidate end (``regex.REVERSE``).

    Matching backwards from where a name can end makes the scan touch only the few places
    that end like an organ (厅, 局, 委 …) instead of trying the whole pattern at every
    character; greedy parts extend leftwards, so each match is the longest ending there.
    """
    lex = lexicon()
    places = [*lex.places, *lex.shorts]
    local = list(lex.local)
    bare = [alias for alias, fn in lex.local.items() if fn.bare]
    source = rf"""
      (?P<self>(?:我|本)(?:委|厅|局|办|部|署))
    | (?P<coll>(?:(?:我|本)(?P<cpre3>省|市|县|区)|(?P<cpre>{_PREFIX})直?|各级|各|国务院|中央|国家)?各?
               (?:有关|相关)(?:职能)?(?:单位|部门)
             | (?P<cpre2>{_BARE})直各?(?:有关)?(?:单位|部门)
             | 各级政府)
    | (?P<fixed>\L<fixed>)
    | (?P<local>(?P<lpre>(?:中共)?{_PREFIX})(?P<lfn>\L<local>))
    | (?P<youth>团(?P<ypre>{_PREFIX})委)
    | (?P<stem>(?P<spre>{_PREFIX})财政)
    | (?P<bare>(?<![\p{{Han}}A-Za-z0-9])\L<bare>)
    | (?P<ent>(?P<epre>{_PREFIX}|(?:中国|国网)(?:{_PLACE})?){_MID}
              (?:集团有限公司|集团股份有限公司|股份有限公司|有限责任公司|有限公司|集团
                 |公司|银行))
    | (?P<inst>(?P<ipre>{_PREFIX}){_MID}
              (?:大学|学院|医院|卫生院|研究院|研究所|中心))
    | (?P<org>(?P<opre>{_PLACE}{{1,3}}){_MID}(?:管理委员会|管委会|委员会|局|办公室))
    """
    return regex.compile(
        source, regex.VERBOSE | regex.V1 | regex.REVERSE, place=places,
        fixed=list(lex.fixed), local=local, bare=bare,
    )


@cache
def _ends() -> tuple[str, frozenset[str]]:
    """Characters a mention can end with, and the two-character endings worth a match.

    A candidate end is kept when its last two characters are the last two of some organ
    name (or the whole of a one-character ending such as 局): this skips 部分, 办理, 社会 …
    """
    lex = lexicon()
    words = [*lex.fixed, *lex.local, *_SUFFIXES, "我委", "我厅", "我局", "我办", "我部", "我署",
             "本委", "本厅", "本局", "本办", "本部", "本署", "单位", "部门", "政府", "省委",
             "市委", "县委", "区委"]
    tails = set()
    for word in words:
        tails.add(word[-2:] if len(word) >= 2 else word)
    chars = "".join(sorted({word[-1] for word in words}))
    return chars, frozenset(tails)


@cache
def _place_pattern() -> regex.Pattern[str]:
    lex = lexicon()
    return regex.compile(rf"\L<place>|{_ANON}|{_BARE}|中共", place=[*lex.places, *lex.shorts])


def _candidates(norm: str) -> list[int]:
    """End offsets where an organ name may end, ascending."""
    chars, tails = _ends()
    found: list[int] = []
    for char in chars:
        i = norm.find(char)
        while i >= 0:
            if norm[i - 1:i + 1] in tails or char in tails:
                found.append(i + 1)
            i = norm.find(char, i + 1)
    found.sort()
    return found


def find_departments(text: str, context: Context | None = None) -> list[Department]:
    """Every organ mention in ``text``, in order, with spans into ``text`` itself.

    Leftmost-longest and non-overlapping; never raises on a ``str``.
    """
    if not isinstance(text, str) or not text:
        return []
    norm = normalise(text)
    pattern = _pattern()
    matches: list[regex.Match[str]] = []
    for end in _candidates(norm):
        m = pattern.match(norm, max(0, end - _LONGEST), end)
        if m is not None and _fits(m, norm):
            matches.append(m)
    matches.sort(key=lambda m: (m.start(), -m.end()))
    found: list[Department] = []
    last_end = 0
    for m in matches:
        start, end = m.span()
        if start < last_end:
            continue
        if norm[start] in _JOINS and start == last_end and found:
            # 市自然资源局和县住建局: the 和 joins two organs, it is not part of 和县.
            retry = pattern.match(norm, start + 1, end)
            if retry is None or not _fits(retry, norm):
                continue
            m = retry
        dept = _department(m, text, context)
        if dept is not None:
            found.append(dept)
            last_end = end
    return found


def _fits(m: regex.Match[str], norm: str) -> bool:
    """The conditions on what follows a match (a backward match cannot look ahead)."""
    end = m.end()
    after = norm[end:end + 2]
    group = m.lastgroup
    if group == "stem":
        return after.startswith(_STEM_NEXT)
    if group == "self":
        return after[:1] not in ("员", "会")
    if group == "local":
        return not (m.group("lfn").endswith("委") and after[:1] in ("托", "员"))
    return True


def canonical_organ(name: str, context: Context | None = None) -> Department | None:
    """The department that ``name`` (a signature or responder line) names as a whole.

    >>> canonical_organ("辽宁省发展和改革委员会").level
    'provincial'
    >>> canonical_organ("葫芦岛市政府").canonical
    '葫芦岛市人民政府'
    >>> canonical_organ("葫芦岛市") is None
    True
    """
    stripped = name.strip() if isinstance(name, str) else ""
    if not stripped:
        return None
    offset = name.index(stripped)
    found = find_departments(stripped, context)
    if len(found) == 1 and found[0].span == (0, len(stripped)):
        dept = found[0]
        return Department(
            text=dept.text, span=(offset, offset + len(stripped)), canonical=dept.canonical,
            level=dept.level, kind=dept.kind, place=dept.place,
        )
    return None


def place_of(name: str) -> tuple[str | None, str | None, str | None]:
    """``(province, city, county)`` named by the leading place words of ``name``.

    >>> place_of("辽宁省发展和改革委员会")
    ('辽宁省', None, None)
    >>> place_of("葫芦岛市南票区人民政府")
    ('辽宁省', '葫芦岛市', '南票区')
    """
    if not isinstance(name, str):
        return (None, None, None)
    province = city = county = None
    pos = 0
    pattern = _place_pattern()
    lex = lexicon()
    norm = normalise(name)
    while True:
        m = pattern.match(norm, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
        token = m.group()
        if token == "中共":
            continue
        place = _lookup(token, lex, province, city)
        if place is None:
            if token.endswith("省") and len(token) > 1:
                province = token
            elif token.endswith("市") and len(token) > 1:
                city = token
            elif len(token) > 1:
                county = token
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


def _lookup(token: str, lex: Lexicon, province: str | None, city: str | None) -> Place | None:
    name = lex.shorts.get(token, token)
    candidates = lex.homonyms.get(name)
    if candidates:
        for place in candidates:
            if (city and place.city == city) or (province and place.province == province):
                return place
    return lex.places.get(name)


# --- turning a match into a Department ------------------------------------------------

_BARE_LEVEL = {
    "自治区": "provincial", "省": "provincial", "市": "municipal", "州": "municipal",
    "县": "county", "区": "county", "旗": "county",
}


def _resolve_prefix(prefix: str, context: Context | None) -> tuple[str, str | None, str | None]:
    """``(written-out prefix, level, place)`` for a place prefix as matched."""
    if prefix in _BARE_LEVEL:
        level = _BARE_LEVEL[prefix]
        ctx = context
        full = None
        if ctx is not None:
            full = {"provincial": ctx.province, "municipal": ctx.city, "county": ctx.county}[level]
        return (full or prefix, level, full)
    lex = lexicon()
    pattern = _place_pattern()
    parts: list[str] = []
    level: str | None = None
    place: str | None = None
    pos = 0
    province = context.province if context else None
    city = context.city if context else None
    while pos < len(prefix):
        m = pattern.match(prefix, pos)
        if m is None or m.end() == pos:
            parts.append(prefix[pos:])
            break
        pos = m.end()
        token = m.group()
        if token == "中共":
            continue
        found = _lookup(token, lex, province, city)
        if found is not None:
            parts.append(found.name)
            level, place = found.level, found.name
            if found.level == "provincial":
                province = found.name
            elif found.level == "municipal":
                city = found.name
        else:  # anonymised A市 / A2区
            parts.append(token)
            place = token
            level = _BARE_LEVEL.get(token[-1], None)
            if token.endswith("省"):
                level = "provincial"
    return ("".join(parts), level, place)


def _department(m: regex.Match[str], text: str, context: Context | None) -> Department | None:
    start, end = m.span()
    written = text[start:end]
    lex = lexicon()
    group = m.lastgroup
    ctx = context
    if group == "self":
        responder = ctx.responder if ctx and ctx.responder else written
        level = ctx.responder_level if ctx else None
        return _make(written, start, end, responder, level, "self", None)
    if group == "fixed":
        organ = lex.fixed[m.group("fixed")]
        return _make(written, start, end, organ.canonical, organ.level, organ.kind, None)
    if group == "coll":
        pre_group = next((g for g in ("cpre", "cpre2", "cpre3") if m.group(g)), None)
        if pre_group:
            pre = m.group(pre_group)
            full, level, place = _resolve_prefix(pre, ctx)
            pre_start = m.start(pre_group)
            rest = m.string[pre_start + len(pre):end]
            return _make(written, start, end, full + rest, level, "collective", place)
        norm = m.group()
        level = "national" if norm.startswith(("国务院", "中央", "国家")) else None
        return _make(written, start, end, norm, level, "collective", None)
    if group == "local":
        return _local(m, written, start, end, ctx)
    if group == "stem":
        full, level, place = _resolve_prefix(m.group("spre"), ctx)
        fn = lex.local["财政"]
        name = fn.provincial if level == "provincial" else fn.local
        return _make(written, start, end, full + name, level, fn.kind, place)
    if group == "youth":
        full, level, place = _resolve_prefix(m.group("ypre"), ctx)
        return _make(written, start, end, f"共青团{full}委员会", level, "institution", place)
    if group == "bare":
        return _bare(m.group("bare"), written, start, end, ctx)
    kinds = {"ent": ("epre", "enterprise"), "inst": ("ipre", "institution"),
             "org": ("opre", "government")}
    if group in kinds:
        pre_group, kind = kinds[group]
        if m.group() in lex.fixed:
            organ = lex.fixed[m.group()]
            return _make(written, start, end, organ.canonical, organ.level, organ.kind, None)
        pre = m.group(pre_group)
        rest = m.string[m.start(pre_group) + len(pre):end]
        if pre.startswith(("中国", "国网")):
            return _make(written, start, end, m.group(), "national", kind, None)
        full, level, place = _resolve_prefix(pre, ctx)
        if pre in _BARE_LEVEL:  # 市房屋交易管理中心 → A市房屋交易管理中心
            return _make(written, start, end, full + rest, level, kind, place)
        # Named bodies keep their written name (江苏科技大学 is not 江苏省科技大学); a
        # short place (辽宁, 南京) tells where they are, not their level.
        if kind != "government" and full != pre:
            level = None
        return _make(written, start, end, m.group(), level, kind, place)
    return None


def _local(m: regex.Match[str], written: str, start: int, end: int,
           ctx: Context | None) -> Department | None:
    lex = lexicon()
    fn = lex.local[m.group("lfn")]
    pre = m.group("lpre")
    party_mark = pre.startswith("中共")
    full, level, place = _resolve_prefix(pre.removeprefix("中共"), ctx)
    name = fn.provincial if level == "provincial" else fn.local
    if fn.kind == "party":
        canonical = f"中共{full}{name}"
    elif fn.kind == "cppcc":
        canonical = f"中国人民政治协商会议{full}委员会{name}"
    else:
        if party_mark:
            full = "中共" + full
        canonical = full + name
    return _make(written, start, end, canonical, level, fn.kind, place)


def _bare(alias: str, written: str, start: int, end: int,
          ctx: Context | None) -> Department | None:
    fn = lexicon().local[alias]
    responder = ctx.responder if ctx else None
    if responder and (responder.endswith(fn.provincial) or responder.endswith(fn.local)):
        assert ctx is not None
        return _make(written, start, end, responder, ctx.responder_level, fn.kind,
                     place_of(responder)[2] or place_of(responder)[1] or place_of(responder)[0])
    name = fn.provincial if alias.endswith("厅") else fn.local
    return _make(written, start, end, name, None, fn.kind, None)


def _make(written: str, start: int, end: int, canonical: str, level: str | None, kind: str,
          place: str | None) -> Department:
    return Department(text=written, span=(start, end), canonical=canonical, level=level,
                      kind=kind, place=place)
