"""The layout's shortcuts give what the general forms they replace give, on every corpus text
and on lines made to sit at their edges: virtual lines cut in one loop (``str.strip()``)
against ``lines()`` cut at gaps (``strip(_WHITE)``), and the furniture test's first
character against the "furniture" pattern alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from replyparse import layout, read_text
from replyparse.text import Line, lines, normalise

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    *sorted((ROOT / "bench" / "data").glob("*.txt")),
    *sorted((ROOT / "samples").glob("*.txt")),
    *sorted((ROOT / "tests" / "data").rglob("*.txt")),
]
# Lines at the edges of white space: zero-width space and BOM (white to ``_WHITE`` only),
# white space ``str.strip()`` and ``_WHITE`` both know, gaps of one to five spaces.
EDGE_TEXTS = [
    "", "\n", "\n\n", " \n \n", "a", " a ", "a\nb", "\na\n\nb\n", "\u200b", "\u200ba\u200b",
    " \u200b a \ufeff ", "\ufeff标题\n正文", "a\u200b", "\u200b\n\u200b\u3000\n", "a  b",
    "a   b    c", "  a  b  ", "a \u200b  b", "\t\x0b\x0c\x1c\x1d\x1e\x1f\x85a\u2028\u2029",
    "\u3000\u3000正文\u3000\u3000落款", "a\u00a0\u00a0b", "甲\u2003乙", "x \n  y  z \n\u200b",
    "一、标题\n  (一)小标题  2021年5月28日\n\n  联系人:张三   电话:1234",
]
FURNITURE_LINES = [
    "— 3 —", "-12-", "──1──", "– 2 –", "第 3 页, 共 12 页", "共3页/第2页", "12 / 34", "1/2",
    "(本文有删减)", "[本文有删减]", "【字体:大 中 小】", "字体 大中小", "字体:大中小", "[盖章]",
    "(印章)", "打印本页 关闭窗口", "【打印】【关闭】", "打印", "关闭", "【关闭】", "扫一扫在手机打开当前页",
    "辽宁省人民政府办公厅 2021年5月28日印发", "2021年5月28日印发", "日印发", "x" * 36 + "日 印发",
    "x" * 37 + "日印发", "x" * 39 + "日印发", "印发", "关于印发", "国务院办公厅关于印发", "١/٢", "٣",
    "一、关于", "何金箭代表:", "辽宁省发展和改革委员会", "2021年5月28日", "", " ", "—", "第", "共",
    "(", "【", "字", "打", "关", "扫", "3", "关于加快发展的建议",
]


def _general_virtual_lines(norm: str) -> list[Line]:
    return layout._cut_at_gaps(lines(norm))


def _texts() -> list[str]:
    return [*EDGE_TEXTS, *(normalise(read_text(path).text) for path in TEXTS)]


@pytest.mark.parametrize("norm", _texts(), ids=lambda norm: repr(norm[:12]))
def test_virtual_lines_as_lines_cut_at_gaps(norm: str) -> None:
    fast = layout._virtual_lines(norm)
    assert fast == _general_virtual_lines(norm)
    assert all(norm[line.span[0] : line.span[1]] == line.text for line in fast)


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_virtual_lines_with_carriage_returns_take_the_general_form(text: str) -> None:
    with_cr = text.replace("\n", "\r\n")
    assert layout._virtual_lines(with_cr) == _general_virtual_lines(with_cr)


def _corpus_lines() -> list[str]:
    out = [*FURNITURE_LINES]
    for path in TEXTS:
        out.extend(line.text for line in layout._virtual_lines(normalise(read_text(path).text)))
    return out


def test_furniture_as_the_pattern_alone() -> None:
    pattern = layout._patterns()["furniture"]
    texts = _corpus_lines()
    assert len(texts) > 300
    found = 0
    for text in texts:
        general = len(text) <= layout._MAX_FURNITURE and pattern.fullmatch(text) is not None
        assert layout._is_furniture(Line(text, (0, len(text)), 0), layout._patterns()) == general, text
        found += general
    assert found > 20


HEADER_LINES = [
    "国办函〔2006〕82号", "辽发改函[2021]12号", "辽发改 (2021) 第3号", "x号", "号", "A类", "(B类答复)",
    "【分类标识:C】", "【分类标识:A类答复】", "[办理类别:甲类件]", "甲类件", "E类", "乙", "主动公开",
    "(主动公开)", "【依申请公开】", "不予公开", "2021年5月28日", "2021 年 5 月 8 日(印章)",
    "2021-05-28", "2021.5.28", "二〇二一年五月二十八日", "2021年5月28日 [盖章]", "2021年5月28",
    "٢٠٢١-٠٥-٢٨", "作者:张三", "(联系人:张三,联系电话:024-1234)", "来源:", "发布时间:2021年07月23日",
    "何金箭代表:", "省十三届人大五次会议第1125号《关于资源枯竭地区转型发展问题及对策研究的建议》的答复", "",
]


def _general_top_fields(line: Line) -> list[layout.HeaderField]:
    """Every pattern tried on every line, as before the shortcuts."""
    pats = layout._patterns()
    if pats["key_start"].match(line.text):
        return layout.key_values(line, pats)
    for name in ("doc_number", "category", "disclosure"):
        if pats[name].fullmatch(line.text):
            return [layout.HeaderField("", name, line.text, line.span, line)]
    if pats["date"].fullmatch(line.text):
        return [layout.HeaderField("", "date", line.text, line.span, line)]
    return []


def test_top_fields_as_every_pattern_tried() -> None:
    texts = [*HEADER_LINES, *(f"({d})" for d in layout.disclosure_values()), *_corpus_lines()]
    found = 0
    for text in texts:
        line = Line(text, (0, len(text)), 0)
        general = _general_top_fields(line)
        assert layout._top_fields(line, layout._patterns()) == general, text
        found += bool(general)
    assert found > 30


def test_category_and_disclosure_bounds_hold() -> None:
    pats = layout._patterns()
    longest = "(分类标识:A类答复)"
    assert len(longest) == layout._MAX_CATEGORY and pats["category"].fullmatch(longest)
    for phrase in layout.disclosure_values():
        assert pats["disclosure"].fullmatch(f"【{phrase}】")
        assert len(phrase) + 2 <= layout._max_disclosure()


def test_unknown_key_needs_a_colon() -> None:
    unknown_key = layout._patterns()["unknown_key"]
    for text in _corpus_lines():
        if unknown_key.match(text):
            assert ":" in text


def test_footer_and_date_lines_as_every_pattern_tried() -> None:
    pats = layout._patterns()
    for text in [*HEADER_LINES, *(f"({d})" for d in layout.disclosure_values()), *_corpus_lines()]:
        line = Line(text, (0, len(text)), 0)
        assert layout._date_line(line, pats) == (pats["date"].fullmatch(text) is not None), text
        fast, general = layout.Layout(lines=[]), layout.Layout(lines=[])
        took = layout._footer_line(fast, line, pats)
        if pats["key_start"].match(text):
            general.footer.extend(reversed(layout.key_values(line, pats)))
        elif pats["disclosure"].fullmatch(text):
            general.footer.append(layout.HeaderField("", "disclosure", text, line.span, line))
        assert (took, fast.footer) == (bool(general.footer), general.footer), text
