"""HTML views without a browser: span nesting, escaping, counts, report, CLI.

The browser checks (Chromium reading the same pages) are in ``test_render_browser.py``.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import replyparse
from replyparse.cli import main
from replyparse.model import Area, Department, DocumentRef, Letter, Money
from replyparse.render import letter_view, render_letter
from replyparse.render._html import esc, number, yuan_short
from replyparse.render.browser import summarise
from replyparse.render.report import Archive, build_report, jsonl_records, letter_id
from replyparse.render.spans import Item, emit, plan

# --- span nesting ---------------------------------------------------------------------------


def _item(start: int, end: int, layer: int, key: str, order: int = 0) -> Item:
    def opener(first: bool) -> str:
        return f'<span data-id="{key}" class="{key}{"" if first else " cont"}">'

    return Item(start, end, layer, order, key, key, opener)


def _pieces(items: list[Item], length: int) -> tuple[list[tuple[int, int, str, bool]], list[str]]:
    laid = plan(items, length)
    pieces = sorted((p.start, p.end, p.item.key, p.first) for p in laid.pieces)
    return pieces, sorted(it.key for it in laid.dropped)


PLAN_CASES = [
    pytest.param(
        [_item(0, 10, 1, "s"), _item(2, 5, 2, "m")], 10,
        [(0, 10, "s", True), (2, 5, "m", True)], [], id="mention-inside-statement",
    ),
    pytest.param(
        [_item(0, 5, 1, "s1"), _item(5, 10, 1, "s2"), _item(3, 7, 2, "m")], 10,
        [(0, 5, "s1", True), (3, 5, "m", True), (5, 7, "m", False), (5, 10, "s2", True)], [],
        id="mention-across-statements-is-split",
    ),
    pytest.param(
        [_item(0, 6, 2, "a"), _item(4, 9, 2, "b")], 10,
        [(0, 6, "a", True)], ["b"], id="partial-mention-overlap-drops-later",
    ),
    pytest.param(
        [_item(4, 9, 2, "b", order=0), _item(4, 6, 2, "a", order=1)], 10,
        [(4, 6, "a", True), (4, 9, "b", True)], [], id="same-start-longer-is-outer",
    ),
    pytest.param(
        [_item(2, 6, 2, "doc", order=0), _item(2, 6, 2, "dept", order=1)], 10,
        [(2, 6, "dept", True), (2, 6, "doc", True)], [], id="same-span-nests-by-kind-order",
    ),
    pytest.param(
        [_item(0, 4, 0, "h"), _item(2, 8, 1, "s")], 10,
        [(0, 4, "h", True), (2, 4, "s", True), (4, 8, "s", False)], [],
        id="statement-across-heading-is-split",
    ),
    pytest.param(
        [_item(-1, 3, 2, "neg"), _item(5, 12, 2, "long"), _item(4, 4, 2, "empty")], 10,
        [], ["empty", "long", "neg"], id="spans-outside-text-are-dropped",
    ),
    pytest.param(
        [_item(0, 10, 2, "doc"), _item(2, 4, 1, "s")], 10,
        [(0, 2, "doc", True), (2, 4, "doc", False), (2, 4, "s", True), (4, 10, "doc", False)],
        [], id="mention-around-statement-is-split-at-its-edges",
    ),
]


@pytest.mark.parametrize(("items", "length", "pieces", "dropped"), PLAN_CASES)
def test_plan(items: list[Item], length: int, pieces: list[tuple[int, int, str, bool]],
              dropped: list[str]) -> None:
    assert _pieces(items, length) == (pieces, dropped)


class _StrictNesting(HTMLParser):
    """Fails on an end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.by_key: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        key = dict(attrs)["data-id"] or ""
        self.stack.append(key)
        self.by_key.setdefault(key, "")

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, "end tag with nothing open"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for key in self.stack:
            self.by_key[key] += data


span_items = st.lists(
    st.tuples(st.integers(-2, 40), st.integers(-2, 40), st.integers(0, 2), st.integers(0, 3)),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab<&>\"'中。\n", max_size=38), raw=span_items)
def test_plan_always_nests_and_keeps_the_text(text: str, raw: list[tuple[int, ...]]) -> None:
    items = [_item(a, b, layer, f"k{i}", order) for i, (a, b, layer, order) in enumerate(raw)]
    laid = plan(items, len(text))
    out = emit(text, laid.pieces, esc)
    checker = _StrictNesting()
    checker.feed(out)
    checker.close()
    assert checker.stack == []
    assert "".join(checker.text) == text
    dropped = {it.key for it in laid.dropped}
    for it in items:
        valid = 0 <= it.start < it.end <= len(text)
        if valid and it.layer <= 1:
            assert it.key not in dropped  # structure is never dropped
        if it.key not in dropped:
            assert valid
            assert checker.by_key[it.key] == text[it.start:it.end]


# --- the letter page ------------------------------------------------------------------------


def _expected(letter: Letter) -> Counter[str]:
    stances = Counter(s.stance for s in letter.statements)
    return Counter({
        "money": len(letter.money), "area": len(letter.areas),
        "department": len(letter.departments), "document": len(letter.documents),
        **stances,
    })


def _shown(summary_items: Counter[str]) -> Counter[str]:
    """Highlighted items, without the structure a page adds (headings, metadata spans)."""
    return Counter({k: v for k, v in summary_items.items() if k not in ("heading", "metaspan")})


def test_reference_page_highlights_every_item(reference: Letter) -> None:
    view = letter_view(reference.to_dict(), reference.text, source="liaoning-2021-1125.txt")
    summary = summarise(view.html)
    assert _shown(summary.items) == +_expected(reference)
    assert view.hidden == {}
    assert summary.letter_text == reference.text
    assert summary.tags["script"] == 0
    for i, doc in enumerate(reference.documents, start=1):
        assert summary.item_text[f"document-{i}"] == doc.text
    assert summary.items["heading"] == sum(1 + len(s.subsections) for s in reference.sections)
    assert {f"sec-{s.number}" for s in reference.sections} <= summary.ids
    for field in ("commitments", "achievements", "declined"):
        rows = view.html.count(f'<tr class="tracked-{field.rstrip("s")}')
        assert rows == len(getattr(reference, field)), field


SYNTHETIC = (
    "关于资金保障的答复\n\n张三代表:\n\n  一、关于资金保障\n\n"
    "  近年来,省财政厅累计安排资金2亿元。下一步,我厅将会同省自然资源厅修复土地4000亩,"
    "落实《辽宁省财政厅资金管理办法》。\n\n辽宁省财政厅\n2021年5月28日\n"
)


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def synthetic_letter() -> Letter:
    """A letter whose mentions nest, cross a statement boundary and overlap partially."""
    text = SYNTHETIC
    base = replyparse.parse(text)
    money_across = _at(text, "。下一")
    return dataclasses.replace(
        base,
        money=(
            Money(text="2亿元", span=_at(text, "2亿元"), value=Decimal(2), unit="亿元",
                  yuan=Decimal(200000000), stance="achievement", section=1),
            Money(text=text[slice(*money_across)], span=money_across, value=None, unit="亿元",
                  yuan=None),
        ),
        areas=(Area(text="4000亩", span=_at(text, "4000亩"), value=Decimal(4000), unit="亩",
                    mu=Decimal(4000), hectares=Decimal("266.67"), stance="commitment"),),
        departments=(
            Department(text="省财政厅", span=_at(text, "省财政厅"), canonical="辽宁省财政厅",
                       level="provincial", kind="government"),
            Department(text="土地40", span=_at(text, "土地40"), canonical="bogus",
                       level=None, kind="government"),
            Department(text="辽宁省财政厅", span=_at(text, "辽宁省财政厅"),
                       canonical="辽宁省财政厅", level="provincial", kind="government"),
        ),
        documents=(DocumentRef(text="《辽宁省财政厅资金管理办法》",
                               span=_at(text, "《辽宁省财政厅资金管理办法》"),
                               title="辽宁省财政厅资金管理办法", kind="办法"),),
    )


@pytest.fixture(scope="module")
def synthetic() -> Letter:
    return synthetic_letter()


def test_overlapping_items_nest_split_or_drop(synthetic: Letter) -> None:
    view = letter_view(synthetic.to_dict(), synthetic.text)
    summary = summarise(view.html)
    # 4000亩 starts inside 土地40 (kept: it starts first), so the area is the one dropped
    assert view.hidden == {"area": 1}
    assert "area-1" in view.html and 'id="area-1"' not in view.html
    assert summary.items["area"] == 0
    assert summary.items["money"] == 2 and summary.items["department"] == 3
    assert summary.items["document"] == 1
    assert summary.letter_text == synthetic.text
    # the money across two statements is split into pieces that join to its text
    assert 'class="money cont"' in view.html
    assert summary.item_text["money-2"] == "。下一"
    assert summary.item_text["department-3"] == "辽宁省财政厅"  # inside the document
    assert view.shown["money"] == 2 and view.shown["department"] == 3


def test_tooltips_carry_normalised_values_and_cues(synthetic: Letter) -> None:
    html = render_letter(synthetic)
    assert 'data-yuan="200000000"' in html and "= 200,000,000 yuan" in html
    assert 'data-canonical="辽宁省财政厅"' in html
    assert 'tabindex="0"' in html and "data-tip=" in html and "title=" in html
    statement = synthetic.statements[-1]
    assert f'data-cues="{" ".join(statement.cues)}"' in html
    assert "266.67 公顷" in html  # the amounts table lists the area it could not highlight


BAD_BYTES = b"\x7fELF\x02\x01\x01\x00" + bytes(64)
"""A file replyparse.io refuses (binary with NUL bytes)."""

HOSTILE = (
    "关于<script>document.title='pwned'</script>的答复\n\n张三代表:\n\n"
    "  近年来,我厅落实《a\"b'c&d<img src=x onerror=alert(1)>》。</div></body>\n"
)


def test_letter_text_is_escaped() -> None:
    letter = replyparse.parse(HOSTILE)
    html = render_letter(letter, source="<u>evil</u>.txt")
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in html
    assert "&lt;/div&gt;&lt;/body&gt;" in html
    assert "Content-Security-Policy" in html and "default-src &#x27;none&#x27;" in html
    summary = summarise(html)
    assert summary.letter_text == HOSTILE
    assert summary.tags["script"] == summary.tags["img"] == summary.tags["u"] == 0


def test_letter_view_from_sparse_record() -> None:
    text = "一、资金\n已安排2亿元。\n"
    record = {
        "sections": [{"number": 1, "label": "一", "topic": "资金", "span": [0, 12]}],
        "statements": [{"span": [5, 12], "stance": "bogus"}],
        "money": [{"text": "2亿元", "span": [8, 11]}, {"text": "x", "span": [50, 51]}],
        "areas": [{"text": "not what the span holds", "span": [0, 2]}],
    }
    view = letter_view(record, text)
    summary = summarise(view.html)
    assert "sec-1" in summary.ids and summary.item_text["sec-1"] == "一、资金"
    assert summary.items["other"] == 1 and summary.items["money"] == 1
    assert view.hidden == {"money": 1, "area": 1} and 'data-count="2"' in view.html
    assert summary.letter_text == text


def test_number_formatting() -> None:
    assert number("2196000000") == "2,196,000,000"
    assert number("266.6666") == "266.6666"
    assert number(Decimal("0.640")) == "0.64"
    assert number(None) == ""
    assert yuan_short(Decimal("2196000000")) == "21.96 亿元"
    assert yuan_short(Decimal("6400000")) == "640 万元"
    assert yuan_short(Decimal("500")) == "500 元"


# --- the report -----------------------------------------------------------------------------


def _record(letter: Letter, path: str) -> dict[str, object]:
    return {**json.loads(letter.to_json()), "path": path}


def test_report_charts_and_totals(reference: Letter, synthetic: Letter) -> None:
    archive = Archive()
    archive.add(_record(reference, "a/ref.txt"), "letters/ref.html")
    archive.add(_record(synthetic, "a/syn.txt"), None)
    archive.add({"path": "a/bad.txt", "error": "ReadError: not text"}, "a/bad.txt")
    html = archive.html()
    summary = summarise(html)
    assert summary.charts == 6 and summary.tags["script"] == 0
    assert archive.letters == 3 and archive.failed == 1
    # synthetic: 2亿元 summed; the vague amount counted, not summed
    exact = sum((m.yuan for m in (*reference.money, *synthetic.money)
                 if m.yuan is not None and m.per is None), Decimal(0))
    assert archive.money_total == exact
    assert archive.money_unsummed == sum(1 for m in (*reference.money, *synthetic.money)
                                         if m.yuan is None or m.per is not None)
    assert "letters/ref.html" in summary.links and "a/bad.txt" in summary.links
    assert "ReadError: not text" in html
    assert '<table class="largest">' in html and "<td>2亿元</td>" in html
    if any(c.strength for c in reference.commitments):
        assert "Commitments by strength" in html
    assert summary.bars > 0


def test_report_tolerates_missing_fields() -> None:
    archive = Archive()
    archive.add({"meta": {}, "statements": [{"stance": "commitment", "section": 2}],
                 "money": [{"yuan": "100", "stance": None}, {"yuan": "bad"}]})
    archive.add({"path": "x.txt"})  # neither a result nor an error
    html = archive.html()
    assert "Statements by stance, per section" in html  # no commitment strengths
    assert summarise(html).charts == 6
    assert archive.money_total == Decimal(100) and archive.failed == 1


def test_report_from_directory_writes_views(tmp_path: Path, reference_text: str) -> None:
    archive_dir = tmp_path / "archive"
    archive_dir.mkdir()
    (archive_dir / "ref.txt").write_text(reference_text, encoding="utf-8")
    (archive_dir / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (archive_dir / "bad.txt").write_bytes(BAD_BYTES)
    (archive_dir / "old.doc").write_bytes(b"whatever")  # not walked, as by `replyparse parse`
    out = archive_dir / "site" / "report.html"  # inside the archive: never read back
    for _ in range(2):
        result = build_report(archive_dir, out, jobs=1)
        assert (result.letters, result.failed, result.views) == (3, 1, 2)
    view = out.parent / "letters" / f"{letter_id(reference_text)}.html"
    assert view.exists() and "../report.html" in view.read_text(encoding="utf-8")
    summary = summarise(out.read_text(encoding="utf-8"))
    for href in summary.links:
        if not href.startswith("#"):
            assert (out.parent / href).exists(), href


def test_report_counts_skipped_records_apart() -> None:
    archive = Archive()
    archive.add({"path": "a.txt", "id": "0" * 64, "skipped": True})
    assert (archive.letters, archive.failed, archive.skipped) == (0, 0, 1)
    assert "1 skipped" in archive.html()


def test_report_from_jsonl_links_by_path(tmp_path: Path, reference: Letter,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # relative record paths are relative to the working directory
    records = tmp_path / "parsed.jsonl"
    lines = [json.dumps(_record(reference, "samples/ref.txt"), ensure_ascii=False),
             json.dumps({"path": "samples/broken.txt", "error": "ReadError: boom"}),
             "{not json", ""]
    records.write_text("\n".join(lines), encoding="utf-8")
    assert [r.get("error", "")[:12] for r in jsonl_records(records)] == [
        "", "ReadError: b", "invalid JSON"]
    out = tmp_path / "report.html"
    result = build_report(records, out)
    elsewhere = build_report(records, tmp_path / "sub" / "report.html")
    assert elsewhere.letters == 3
    assert (result.letters, result.failed, result.views) == (3, 2, 0)
    html = out.read_text(encoding="utf-8")
    assert 'href="samples/broken.txt"' in html and 'href="samples/ref.txt"' in html
    html = (tmp_path / "sub" / "report.html").read_text(encoding="utf-8")
    assert 'href="../samples/ref.txt"' in html


# --- the commands ---------------------------------------------------------------------------


def test_cli_render_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import SAMPLE

    out = tmp_path / "letter.html"
    assert main(["render", str(SAMPLE), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["render", str(SAMPLE)]) == 0
    assert "<!DOCTYPE html>" in capsys.readouterr().out
    assert main(["report", str(SAMPLE.parent), "-o", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "letters").is_dir()
    assert main(["render", str(tmp_path / "missing.txt")]) == 1
    assert main(["report", str(tmp_path / "missing"), "-o", str(tmp_path / "x.html")]) == 1
    assert main(["report", str(SAMPLE.parent), "-o", str(tmp_path / "x.html"), "--jobs", "0"]) == 2
