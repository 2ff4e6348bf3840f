"""Departments (organs) named in a letter: 省财政厅, 国家发展改革委, 我委, 省有关单位 ….

>>> from replyparse.context import Context
>>> ctx = Context(province="辽宁省", responder="辽宁省发展和改革委员会",
...               responder_level="provincial")
>>> [(d.text, d.canonical, d.kind) for d in find_departments("我委与省财政厅将统筹安排", ctx)]
[('我委', '辽宁省发展和改革委员会', 'self'), ('省财政厅', '辽宁省财政厅', 'government')]

Recognition is vocabulary plus pattern.  One pass finds every place where an organ word can
end (厅, 局, 委 …: one ``re`` scan of the reversed text, :func:`_candidates`); from each,
leftmost then longest first, the name is read leftwards:

- fixed names (国务院, 财政部, 国家发展改革委, 河海大学 …) from ``data/organs_fixed.tsv``;
- place prefix + function (辽宁省 + 财政厅, 省 + 工信厅, 葫芦岛市 + 政府, 省 + 委宣传部), the
  functions from ``data/organs_local.tsv``, the places (up to three: 葫芦岛市南票区) from
  ``data/divisions.tsv``, ``data/places_extra.tsv`` and the pattern A市/A2区/K10县;
- township prefixes, guessed since townships are not listed: 高桥镇 + 政府, 泉塘街道 + 办事处,
  with the county or city written before them (A7县泉塘街道办事处), or 我镇 + 党委;
- self references (我委, 我厅, 我局, 我办, 本局, 我部, 我单位, 我处) → the responder, ``self``;
- collective mentions (省有关单位, 各有关部门, 市直有关部门, 国务院有关部门) → ``collective``;
- place + name + 集团/公司/银行 → ``enterprise``; place + name + 大学/学院/医院/中心/中学/
  小学 → ``institution``; place + name + 局/委员会/管委会/办公室 → ``government``; a sub-unit
  written straight after an organ joins it (市公安局C2区分局, 市水利局党委).

Mentions never overlap and never cross a join (和/与/及/、): in 市自然资源局和县住建局 the 和
joins two organs, so 和县 (a real county) is not read there; a two-character county name
after another Chinese character is read as that word + bare 县 (完成县委 → 县委).  Place
names alone (葫芦岛市), zones (葫芦岛经济开发区), 我省/我市, 政府+企业, 民政部门,
政府工作报告 and village committees (…村民委员会) are not organs.

Canonical names (see :func:`canonical_organ`):

- abbreviations are expanded (工信厅 → 工业和信息化厅, 国家发展改革委 → 国家发展和改革委员会);
- a bare 省/自治区 prefix is completed from ``context.province``, 市/州 from
  ``context.city``, 县/区/旗 from ``context.county``; when that field is ``None`` the bare
  word stays (市住建局 → 市住房和城乡建设局) and ``place`` is ``None``.  So in a provincial
  letter with no city in the context, 市 is never guessed;
- short place names are completed (辽宁 → 辽宁省, 葫芦岛 → 葫芦岛市), except in the names of
  enterprises and institutions, which keep their written name (江苏科技大学, level ``None``);
- a function written with no prefix at all (作者:发改委办公室审核员) is the responder when the
  responder's canonical name ends with that function; in a national letter it is the
  central organ (发展改革委 → 国家发展和改革委员会); else the generic function name with
  level ``None``;
- party organs are 中共 + place + organ (省委宣传部 → 中共辽宁省委宣传部), CPPCC organs
  中国人民政治协商会议 + place + 委员会 (省政协 → 中国人民政治协商会议辽宁省委员会).
"""

from __future__ import annotations

import re
from bisect import insort
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import TYPE_CHECKING

from replyparse.assemble import Where, nowhere
from replyparse.context import Context
from replyparse.extract._lexicon import FixedOrgan, LocalFunction, lexicon
from replyparse.extract._places import (
    _BARE_CHARS,
    _BOUNDARY,
    _BY_TAIL,
    _NOT_AFTER_BARE,
    _NOT_IN_NAME,
    _TAIL_ENDS,
    _TOWNSHIP_FUNCTIONS,
    _load_tails,
    _new_tuple,
    _place_ending,
    _Prefix,
    _prefix,
    _resolve,
    _township,
    place_of,
)
from replyparse.model import Department, positional_new
from replyparse.text import normalise

if TYPE_CHECKING:
    import regex

__all__ = ["canonical_organ", "find_departments", "place_of"]

_MAX_NAME = 8
_MAX_ENTERPRISE = 12
# What may follow a bare 财政 for it to name the organ (省财政设立…, not 省财政资金).
_STEM_NEXT = ("设", "视", "安排", "下达", "拨", "将", "已", "统筹", "给予", "对", "向", "按",
              "会同", "牵头", "负责", "也", "和", "与", "及", "、", ",", "。", ";", "，", "；")
_ENT_SUFFIXES = ("集团有限公司", "集团股份有限公司", "股份有限公司", "有限责任公司", "有限公司",
                 "集团", "公司", "银行",
                 # 太原钢铁（集团）有限公司, with its brackets normalised or not
                 "(集团)有限公司", "（集团）有限公司", "(集团)股份有限公司", "（集团）股份有限公司")
_INST_SUFFIXES = ("大学", "学院", "医院", "卫生院", "研究院", "研究所", "中心", "设计院",
                  "检测院", "中学", "小学")
_ORG_SUFFIXES = ("管理委员会", "管委会", "委员会", "局", "办公室", "派出所", "看守所")
# Sub-units written straight after a government organ: 市公安局 + C2区分局, 经开分局, A市调查队.
_SUB_UNITS = ("公安分局", "分局", "调查队", "派出所", "党委", "党组")
# Suffixes that make an organ with the place alone, no name between (苏州大学, 市局).
_WHOLE_SUFFIXES = frozenset({"大学", "看守所", "局"})
# Words ending in 局 that are not organs (布局, 格局 …) and words a name never contains.
_NOT_ORGAN_JU = frozenset({"布局", "格局", "大局", "当局", "结局", "开局", "全局", "时局",
                           "变局", "残局", "僵局", "终局", "定局", "棋局", "破局", "困局"})
# Words a name may hold though they open with a level character (泽远生态农业区块链有限公司,
# 市市场服务中心); 区域 is not among them (省区域医疗中心 is not a name).
_LEVEL_CHAR_WORDS = frozenset({"区块", "市场"})
_NAME_BREAKS = ("银行", "公司", "集团", "大学", "学院")
_BREAK_HEADS = frozenset(word[0] for word in _NAME_BREAKS)
_SELF = (*(a + b for a in "我本" for b in "委厅局办部署"), "我单位", "本单位", "我中心", "我处")
_COLL = ("有关部门", "有关单位", "相关部门", "相关单位", "有关职能部门", "相关职能部门",
         "直有关部门", "直有关单位", "直各部门", "直各单位", "直部门", "直单位", "各级政府",
         "各级部门", "各级单位", "各部门")
_COLL_HEADS = ("国务院", "各级", "中央", "国家", "各")


@dataclass(frozen=True, slots=True)
class _Tails:
    """Every word an organ mention can end with, and the scan that finds them."""

    scan: re.Pattern[str]  # run on the reversed text: one match at every place a word ends
    words: dict[str, _Word]  # every word → what is known of it
    # The words as the scan reports them, by the longest word ending at a place reversed
    # (the scan's group): (its length, what is known of it).
    by_reversed: dict[str, tuple[int, _Word]]


# What is known of a vocabulary word, once: the word itself (its hash computed once, not
# at each slice of the text), its reader (of its one role, or trying its roles in order:
# self, fixed, fn …; see :func:`_first_of`), what may not follow it for it to end an
# organ (see ``_NOT_AFTER``) if anything, and its longest suffix that is a word (有关单位:
# 单位) as (length, what is known of it) if any: the word to try at the same end when this
# one is not read (see :func:`_candidates`).
_Word = tuple[str, "_Reader", tuple[str, ...] | None, "tuple[int, _Word] | None"]


# The lexicon's fixed organs and functions, for the readers of those roles (a module dict
# read by subscript, not a call of the cached ``lexicon()`` per mention): filled by
# :func:`_tails`, which has run before any reader does (readers read what it scans for).
_FIXED: dict[str, FixedOrgan] = {}
_LOCAL: dict[str, LocalFunction] = {}


@cache
def _tails() -> _Tails:
    lex = lexicon()
    _FIXED.update(lex.fixed)
    _LOCAL.update(lex.local)
    roles: dict[str, list[str]] = {}
    groups: list[tuple[str, list[str] | tuple[str, ...]]] = [
        ("self", list(_SELF)), ("coll", list(_COLL)), ("fixed", list(lex.fixed)),
        ("fn", list(lex.local)), ("ent", list(_ENT_SUFFIXES)), ("inst", list(_INST_SUFFIXES)),
        ("org", list(_ORG_SUFFIXES)),
    ]
    for role, words in groups:
        for word in words:
            roles.setdefault(word, []).append(role)
    # Shortest first, so that a word's longest suffix that is a word is known before it.
    known: dict[str, _Word] = {}
    for word in sorted(roles, key=len):
        shorter = next(((len(word) - k, known[word[k:]]) for k in range(1, len(word))
                        if word[k:] in known), None)
        reader = _first_of([_READERS[role] for role in roles[word]])
        known[word] = (word, reader, _not_after(word), shorter)
    if max(map(len, known)) >= _LONGEST:
        raise ValueError("an organ word too long for the candidates' sort key")
    by_reversed = {word[::-1]: (len(word), entry) for word, entry in known.items()}
    return _Tails(_reversed_scan(roles), known, by_reversed)


def _last_chars(words: Iterable[str]) -> list[str]:
    """The last characters of ``words``, sorted."""
    return sorted({word[-1] for word in words})


def _reversed_scan(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern over the reversed text that matches (one character long) at every place
    a word ends, its group capturing the longest word ending there (reversed).

    Reversed, the words open with their last characters, of which there are few (厅, 局,
    委 …): the pattern opens with their class, so ``re`` skips ahead by it.  A lookbehind
    of that one character then holds a lookahead that captures, from the character, the
    longest word (a trie, longest first: ``(?:…)?`` is greedy); being looks, neither
    consumes the word, so matches overlap (财政 inside 财政厅).  One group for all words:
    a match with a group per last character (32 of them) was a ~600-byte allocation, too
    big for Python's small-object allocator, and cost a third more than the match itself.
    """
    words = list(words)
    lasts = "".join(re.escape(last) for last in _last_chars(words))
    trie = _trie([word[::-1] for word in words])
    return re.compile(f"[{lasts}](?<=(?=({trie})).)", re.DOTALL)


def _trie(words: list[str]) -> str:
    """A regular expression matching the longest of ``words`` (which may hold "")."""
    heads: dict[str, list[str]] = {}
    for word in words:
        if word:
            heads.setdefault(word[0], []).append(word[1:])
    if not heads:
        return ""
    body = "|".join(re.escape(head) + _trie(rest) for head, rest in sorted(heads.items()))
    if "" in words:
        return f"(?:{body})?"
    return body if len(heads) == 1 else f"(?:{body})"


def _candidates(norm: str) -> list[_Candidate]:
    """``(order, start, end, word)`` of the longest organ word ending at each place in
    ``norm``, leftmost then longest first (``word`` as in ``_Tails.words``; ``order``
    sorts them so).

    One ``re`` scan of the reversed text finds, at each place a word ends, the longest
    word ending there.  The shorter words ending there (its suffixes that are words) are
    not listed: a mention read from the longest one ends there or further, so they would
    only be passed over, and where it is not read :func:`find_departments` puts the next
    one in its place in the list (:func:`_put_shorter`).  The scan meets the places right
    to left: the list, turned round, is nearly sorted.  It is sorted by one integer per
    word (start, then longest first): comparing tuples (start, -end) cost ~150
    instructions a comparison.
    """
    tails = _tails()
    by_reversed = tails.by_reversed
    size = len(norm)
    found: list[_Candidate] = []
    append = found.append
    for m in tails.scan.finditer(norm[::-1]):
        end = size - m.start()
        length, word = by_reversed[m[1]]
        start = end - length
        append((start * _LONGEST - length, start, end, word))
    found.reverse()
    found.sort(key=_ORDER)
    return found


def _put_shorter(candidates: list[_Candidate], shorter: tuple[int, _Word] | None, end: int,
                 limit: int) -> None:
    """Put the longest word of the ``shorter`` ones ending at ``end`` (a word and its
    suffixes) that starts at or after ``limit`` in its place among ``candidates``.

    The place is after the word being read (it starts further right), so the loop over
    the list reads it in its turn, as if it had been listed from the start; one starting
    before ``limit`` would be passed over then, since ``limit`` (where the last mention
    ends) only grows.
    """
    while shorter is not None:
        length, word = shorter
        start = end - length
        if start >= limit:
            insort(candidates, (start * _LONGEST - length, start, end, word), key=_ORDER)
            return
        shorter = word[3]


_Candidate = tuple[int, int, int, _Word]
# A word's sort key is start * _LONGEST - length (no organ word is that long, which the
# table's builder checks).
_LONGEST = 128
_ORDER = itemgetter(0)


def find_departments(text: str, context: Context | None = None, *,
                     normalised: str | None = None, where: Where = nowhere
                     ) -> list[Department]:
    """Every organ mention in ``text``, in order, with spans into ``text`` itself.

    Leftmost-longest and non-overlapping; never raises on a ``str``.  ``normalised`` may
    pass ``normalise(text)`` when the caller already has it.  Organ words are Chinese, so
    the text is normalised only when it holds full-width letters or digits (Ａ市 → A市).
    ``where``: the stance and section of a span (``Locator.where``; by default none).
    """
    if not isinstance(text, str) or not text:
        return []
    if normalised is not None and len(normalised) == len(text):
        norm = normalised
    elif _fullwidth().search(text):
        norm = normalise(text)
    else:
        norm = text
    found: list[_Found] = []
    last_end = 0  # where the last mention found ends (found[-1][1])
    sub_units = _sub_unit_scan()
    candidates = _candidates(norm)
    for _, start, end, (word, read, not_after, shorter) in candidates:
        if start < last_end:
            if shorter is not None:
                _put_shorter(candidates, shorter, end, last_end)
            continue
        if not_after is not None and norm.startswith(not_after, end):
            dept = None  # 民政部门, 办公, 中央政府门户网站: not an organ's last word
        else:
            dept = read(norm, text, word, start, end, last_end, found, context)
        if dept is None:
            if shorter is not None:
                _put_shorter(candidates, shorter, end, last_end)
            continue
        if last_end > dept[0]:  # a collective head took the last mention over
            found.pop()
        last_end = dept[1]
        if dept[4] == GOVERNMENT and sub_units.search(norm, last_end, last_end + 12):
            dept = _with_sub_unit(dept, norm)
            last_end = dept[1]
        found.append(dept)
    # Each mention kept becomes a Department once, by position: none is built to be
    # dropped (a sub-unit joined, a collective head taking over), and a third cheaper.
    # (A plain loop: its place unpacked into two arguments is a quarter cheaper a mention
    # than a comprehension's call with *where(…).)
    new = positional_new(Department)
    departments = []
    for start, end, canonical, level, kind, place in found:
        stance, section = where(start, end)
        departments.append(new(text[start:end], (start, end), canonical, level, kind, place,
                               stance, section))
    return departments


GOVERNMENT = "government"


def _with_sub_unit(dept: _Found, norm: str) -> _Found:
    """市公安局 + C2区分局 → one mention of the sub-unit (C市公安局C2区分局)."""
    start, end, canonical, level, kind, place = dept
    for k in range(0, 7):
        for unit in _SUB_UNITS:
            stop = end + k + len(unit)
            if norm[end + k:stop] != unit:
                continue
            name = norm[end:end + k]
            if k and _place_ending(norm, end + k, end) is None and not all(
                    "\u4e00" <= c <= "\u9fff" and c not in _NOT_IN_NAME for c in name):
                continue
            if unit in ("党委", "党组"):
                kind = "party"
            return (start, stop, canonical + norm[end:stop], level, kind, place)
    return dept


@cache
def _sub_unit_scan() -> re.Pattern[str]:
    """Whether a sub-unit follows an organ, tested before :func:`_with_sub_unit` tries
    each of them at each place (most organs have none)."""
    return re.compile("|".join(_SUB_UNITS))


# What after a word shows it is not an organ's last word, by the word's ending: 民政部门,
# 全部分; 金融办公, 办理; 中央政府门户网站.
_NOT_AFTER = {"部": tuple("门分"), "办": tuple("公理事学法案"), "政府": ("门户", "网站")}


def _not_after(word: str) -> tuple[str, ...] | None:
    return next((v for k, v in _NOT_AFTER.items() if word.endswith(k)), None)


# A mention found, before it becomes a Department (a plain tuple: cheap to make, and a
# letter reads ~100 candidates): (start, end, canonical, level, kind, place), spans in
# the text.
_Found = tuple[int, int, str, str | None, str, str | None]

# A reader of one role: the mention whose last word is ``word`` at ``start:end`` read in
# that role, if any; arguments (norm, text, word, start, end, limit, found, context), where
# ``limit`` is where the last mention ends (a mention starts at or after it).
_Reader = Callable[[str, str, str, int, int, int, list[_Found], Context | None],
                   _Found | None]


def _self(norm: str, text: str, word: str, start: int, end: int, limit: int,
          found: list[_Found], ctx: Context | None) -> _Found | None:
    """我委, 我厅, 本局 … → the responder."""
    after = norm[end:end + 1]
    if after in ("员", "会") or (word == "我处" and after in ("理", "于", "置", "在")):
        return None
    responder = ctx.responder if ctx and ctx.responder else text[start:end]
    level = ctx.responder_level if ctx else None
    return (start, end, responder, level, "self", None)


def _fixed(norm: str, text: str, word: str, start: int, end: int, limit: int,
           found: list[_Found], ctx: Context | None) -> _Found | None:
    organ = _FIXED[word]
    return (start, end, organ.canonical, organ.level, organ.kind, None)


def _suffixed(role: str, norm: str, word: str, start: int, end: int, limit: int,
              ctx: Context | None) -> _Found | None:
    """Enterprise / institution / organ: place + name + suffix (辽宁 + 能源 + 集团)."""
    if norm[end:end + 1] in ("生", "城") and word.endswith(("大学", "学院", "中心", "中学",
                                                             "小学")):
        return None  # 大学生, 中学生, 中心城市
    if word == "小学" and norm[start - 1:start] == "中":
        return None  # 中小学: schools in general, not one school
    if word == "局" and norm[start - 1:end] in _NOT_ORGAN_JU:  # 布局, 格局, 当局
        return None
    if word == "委员会" and norm[start - 2:start] in ("村民", "居民"):
        return None  # a village or residents' committee (…村民委员会) is not an organ
    return _scan_named(role, norm, word, start, end, limit, ctx)


def _enterprise(norm: str, text: str, word: str, start: int, end: int, limit: int,
                found: list[_Found], ctx: Context | None) -> _Found | None:
    return _suffixed("ent", norm, word, start, end, limit, ctx)


def _institution(norm: str, text: str, word: str, start: int, end: int, limit: int,
                 found: list[_Found], ctx: Context | None) -> _Found | None:
    return _suffixed("inst", norm, word, start, end, limit, ctx)


def _organ(norm: str, text: str, word: str, start: int, end: int, limit: int,
           found: list[_Found], ctx: Context | None) -> _Found | None:
    return _suffixed("org", norm, word, start, end, limit, ctx)


def _scan_named(role: str, norm: str, word: str, start: int, end: int, limit: int,
                ctx: Context | None) -> _Found | None:
    """Place + name (1 to 8 characters) + ``word`` at ``start:end``, nearest place first."""
    longest = _MAX_ENTERPRISE if role == "ent" else _MAX_NAME
    place_tails = _BY_TAIL or _load_tails()
    # 苏州大学, C市看守所, 市局: the place alone names it (its prefix told first as in the
    # loop below: 科技大学, 务局 have none).
    if word in _WHOLE_SUFFIXES and (norm[start - 1:start] in _BARE_CHARS
                                    or norm[start - 2:start] in place_tails):
        pre = _prefix(norm, start, limit)
        # 局 after a place alone only as 市局/县局/A市局, never 辽宁局
        short = word == "局" and pre is not None and pre.bare is None and (
            pre.tokens[-1][-1:] not in "市区县")
        if pre is not None and not short:
            return _named(pre, role, norm, end, ctx)
    # The name grows leftwards from ``start`` a character a step (the step at ``i`` reads
    # the character read as ``before`` at the step before), down to ``limit``.
    before = norm[start - 1:start]
    for i in range(start - 1, max(limit, start - longest) - 1, -1):
        char = before
        if not ("\u4e00" <= char <= "\u9fff") or (
                char in _NOT_IN_NAME and norm[i:i + 2] not in _LEVEL_CHAR_WORDS):
            return None
        # A break word (two characters) in the name: 新疆银行整合库尔勒银行.  Those ending
        # further right were looked for at the steps before, so only one starting here
        # (told first by its first character).
        if char in _BREAK_HEADS and norm.startswith(_NAME_BREAKS, i, start):
            return None
        # A prefix ends with a bare level word (省, 自治区, A市 …) or a place word, found
        # by its last two characters (told first by the last one): test that before the
        # full _prefix.
        before = norm[i - 1:i]
        if before in _BARE_CHARS or (before in _TAIL_ENDS and norm[i - 2:i] in place_tails):
            pre = _prefix(norm, i, limit)
        else:
            pre = None
        if pre is not None and pre.bare == "区" and pre.start > limit and (
                "\u4e00" <= norm[pre.start - 1] <= "\u9fff"
                and norm[pre.start - 1] not in _BOUNDARY):
            pre = None  # 试验区国际…中心: 区 ends a word (示范区, 新区), not the letter's district
        if pre is None and role != "ent" and before in ("镇", "乡"):
            pre = _township(norm, i, limit, named=False)  # 镇移民工作办公室
        if pre is not None and pre.bare is not None and char in _NOT_AFTER_BARE:
            pre = None  # 市场服务中心, 县内医院, 区域金融中心: not 市 + 场服务中心
        if pre is None:
            if role == "ent" and norm[max(limit, i - 2):i] in ("中国", "国网"):
                return (i - 2, end, norm[i - 2:end], "national", "enterprise", None)
            continue
        if role == "ent" and norm[max(limit, pre.start - 2):pre.start] == "国网":
            pre = _new_tuple(_Prefix, (pre.start - 2, pre.end, pre.tokens, pre.bare, False))
        return _named(pre, role, norm, end, ctx)
    return None


def _named(pre: _Prefix, role: str, norm: str, end: int, ctx: Context | None) -> _Found:
    kind = {"ent": "enterprise", "inst": "institution", "org": "government"}[role]
    full, level, place = _resolve(pre, ctx)
    written = norm[pre.start:end]
    if pre.bare is not None:  # 市房屋交易管理中心 → A市房屋交易管理中心
        return (pre.start, end, full + norm[pre.end:end], level, kind, place)
    if written.startswith("国网"):
        return (pre.start, end, written, "national", kind, None)
    # Named bodies keep their written name (江苏科技大学 is not 江苏省科技大学); a short
    # place (辽宁, 南京) tells where they are, not their level.
    if kind != "government" and full != "".join(pre.tokens):
        level = None
    return (pre.start, end, written, level, kind, place)


def _local(norm: str, text: str, alias: str, start: int, end: int, limit: int,
           found: list[_Found], ctx: Context | None) -> _Found | None:
    fn = _LOCAL[alias]
    last = alias[-1]
    if last == "委" and norm[end:end + 1] in ("托", "员"):
        return None
    if fn.stem and not norm.startswith(_STEM_NEXT, end):  # (no _STEM_NEXT is over 2 long)
        return None
    if last == "府" and norm.startswith("工作报告", end):  # 上海市政府工作报告
        return None
    pre = None
    if alias in _TOWNSHIP_FUNCTIONS and norm[start - 1:start] in ("镇", "乡", "道"):
        pre = _township(norm, start, limit)
    if pre is None:
        pre = _prefix(norm, start, limit)
    if pre is None:
        if fn.bare and not fn.stem:
            # 楚江新区住建环保局: a place and a name before a known function word.
            named = _scan_named("org", norm, alias, start, end, limit, ctx)
            return named if named is not None else _bare(alias, start, end, ctx)
        return None
    if alias == "委" and norm[pre.start - 1:pre.start] == "团" and pre.start - 1 >= limit:
        full, level, place = _resolve(pre, ctx)
        return (pre.start - 1, end, f"共青团{full}委员会", level, "institution", place)
    full, level, place = _resolve(pre, ctx)
    name = fn.provincial if level == "provincial" else fn.local
    if fn.kind == "party":
        canonical = f"中共{full}{name}"
    elif fn.kind == "cppcc":
        canonical = f"中国人民政治协商会议{full}委员会{name}"
    else:
        canonical = ("中共" if pre.party else "") + full + name
    return (pre.start, end, canonical, level, fn.kind, place)


def _collective(norm: str, text: str, word: str, start: int, end: int, limit: int,
                found: list[_Found], ctx: Context | None) -> _Found | None:
    """省有关单位, 我省有关单位, 市直有关部门, 各有关部门, 国务院有关部门, 有关部门 …"""
    if word.startswith("各级"):  # 各级政府, 各级部门, 各级单位: no place before them
        return (start, end, word, None, "collective", None)
    if word.startswith("直"):  # 市直有关部门 needs its level word
        pre = _prefix(norm, start, limit)
        if pre is None:
            return None
    else:
        head = start - 1 if norm[start - 1:start] == "各" and start - 1 >= limit else start
        pre = _prefix(norm, head, limit)
        if pre is None and head - 2 >= limit and norm[head - 2:head] in _SELF_PLACES:
            pre = _new_tuple(_Prefix, (head - 2, head, (), norm[head - 1], False))
        if pre is None:
            previous = found[-1][:2] if found else (-1, -1)
            for lead in _COLL_HEADS:
                s = head - len(lead)
                if s >= 0 and norm[s:head] == lead and (s >= limit or previous == (s, head)):
                    level = "national" if lead in ("国务院", "中央", "国家") else None
                    return (s, end, norm[s:end], level, "collective", None)
            return (head, end, norm[head:end], None, "collective", None)
    full, level, place = _resolve(pre, ctx)
    return (pre.start, end, full + norm[pre.end:end], level, "collective", place)


_SELF_PLACES = ("我省", "我市", "本市", "本省", "我县", "我区", "全省", "全市")
_READERS: dict[str, _Reader] = {
    "self": _self, "coll": _collective, "fixed": _fixed, "fn": _local,
    "ent": _enterprise, "inst": _institution, "org": _organ,
}


def _first_of(readers: list[_Reader]) -> _Reader:
    """One reader for a word of several roles (委员会: a function, else an organ's suffix):
    the first mention its roles' readers read.  Nearly every word has one role, whose
    reader is then called directly, with no loop over a tuple of one."""
    if len(readers) == 1:
        return readers[0]

    def first(norm: str, text: str, word: str, start: int, end: int, limit: int,
              found: list[_Found], ctx: Context | None) -> _Found | None:
        for read in readers:
            dept = read(norm, text, word, start, end, limit, found, ctx)
            if dept is not None:
                return dept
        return None

    return first


def canonical_organ(name: str, context: Context | None = None) -> Department | None:
    """The department that ``name`` (a signature or responder line) names as a whole.

    >>> canonical_organ("辽宁省发展和改革委员会").level
    'provincial'
    >>> canonical_organ("葫芦岛市政府").canonical
    '葫芦岛市人民政府'
    >>> canonical_organ("葫芦岛市") is None
    True
    """
    if not isinstance(name, str):
        return None
    stripped = name.strip()
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


@cache
def _fullwidth() -> regex.Pattern[str]:
    import regex

    return regex.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _bare(alias: str, start: int, end: int, ctx: Context | None) -> _Found:
    """A function written with no place at all: the responder if it has that function."""
    fn = lexicon().local[alias]
    responder = ctx.responder if ctx else None
    if responder and (responder.endswith(fn.provincial) or responder.endswith(fn.local)):
        assert ctx is not None
        province, city, county = place_of(responder)
        return (start, end, responder, ctx.responder_level, fn.kind, county or city or province)
    name = fn.provincial if alias.endswith("厅") else fn.local
    central = lexicon().fixed.get("国家" + name)
    if ctx is not None and ctx.responder_level == "national" and central is not None:
        # 发展改革委、科技部 in a 国务院办公厅 letter: the central 国家发展和改革委员会.
        return (start, end, central.canonical, central.level, central.kind, None)
    return (start, end, name, None, fn.kind, None)

