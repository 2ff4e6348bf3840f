"""The layout's and the metadata's plain patterns, compiled in the stdlib `re` for speed,
match exactly as the same source compiled in `regex` (the general form they replaced) on
every line and whole text of the corpus and on lines made to sit at the edges of their
classes and quantifiers."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from replyparse import meta, read_text
from replyparse.layout import _patterns, _small_patterns, _virtual_lines
from replyparse.text import normalise

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    *sorted((ROOT / "bench" / "data").glob("*.txt")),
    *sorted((ROOT / "samples").glob("*.txt")),
    *sorted((ROOT / "tests" / "data").rglob("*.txt")),
]
TRICKY = [
    "— 3 —", "-12-", "──1──", "第 3 页, 共 12 页", "共3页/第2页", "12 / 34", "1/2/3",
    "(本文有删减)", "【字体:大 中 小】", "字体 大中小", "[盖章]", "打印本页 关闭窗口",
    "【打印】【关闭】", "扫一扫在手机打开当前页", "辽宁省人民政府办公厅 2021年5月28日印发",
    "x" * 41 + "印发", "2021年5月28日", "2021 年 5 月 8 日(印章)", "2021-05-28", "2021.5.28",
    "二〇二一年五月二十八日", "O二一年五月二十八日", "二〇二一年十二月三十一日 ", "…监督!2018年7月23日",
    "A类", "(B类答复)", "【分类标识:C】", "甲类件", "E类", "1、", "12.", "(3)", "123.", "١٢.",
    "何金箭代表:", "尊敬的何金箭代表:", "网友“UU0081195”您好", "张三", "a" * 39, "你好",
    "UU0081195", "“ABC1234567”", "第1125号", "第 A12 号", "十三届人大五次会议", "",
    "  ", "a  b   c", "１２３", "第 A123 号", "批评和意见", "2021年5月", "1)附件", "(12) ", "乙",
    "您提出的《关于加快发展的建议》收悉", "领衔提出的关于加快发展的建议收悉", "所提关于x的意见",
]


def _lines() -> list[str]:
    out = [*TRICKY]
    for path in TEXTS:
        norm = normalise(read_text(path).text)
        out.extend(line.text for line in _virtual_lines(norm))
        out.append(norm)
    return out


def _plain() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = [
        (name, p) for name, p in _patterns().items() if not isinstance(p, regex.Pattern)
    ]
    found += [(f"small{i}", p) for i, p in enumerate(_small_patterns())
              if not isinstance(p, regex.Pattern)]
    found += [(f"meta_{name}", p) for name, p in meta._patterns().items()
              if not isinstance(p, regex.Pattern)]
    return found


def _results(pattern: object, line: str) -> tuple[object, ...]:
    def key(m: object) -> object:
        return None if m is None else (m.span(), m.groups())  # type: ignore[attr-defined]

    return (
        key(pattern.match(line)),  # type: ignore[attr-defined]
        key(pattern.fullmatch(line)),  # type: ignore[attr-defined]
        key(pattern.search(line, max(0, len(line) - 40))),  # type: ignore[attr-defined]
        [key(m) for m in pattern.finditer(line)],  # type: ignore[attr-defined]
    )


def test_some_patterns_are_plain() -> None:
    names = {name for name, _ in _plain()}
    assert {"gap", "furniture", "salutation", "date", "small0", "meta_opening_title"} <= names


@pytest.mark.parametrize("name,pattern", _plain(), ids=[name for name, _ in _plain()])
def test_re_pattern_matches_as_regex(name: str, pattern: object) -> None:
    general = regex.compile(pattern.pattern)  # type: ignore[attr-defined]
    lines = _lines()
    assert len(lines) > 300
    for line in lines:
        assert _results(pattern, line) == _results(general, line), (name, line)
