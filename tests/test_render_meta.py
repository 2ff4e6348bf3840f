"""The letter page's metadata panel and ``replyparse show``'s metadata lines.

Every field the parser read is listed with its value and a link to the span it was read
from; the span's text in the page is what the letter wrote there.
"""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import replyparse
from replyparse.cli import main
from replyparse.meta_fields import META_FIELDS
from replyparse.model import Letter
from replyparse.render import letter_view
from replyparse.render.browser import summarise

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "liaoning-2021-1125.txt"
PRINT_LINE = "辽宁省发展和改革委员会办公室　　2021年5月28日印发"


@dataclasses.dataclass
class Row:
    value: str = ""
    href: str | None = None
    written: str = ""


class _Panel(HTMLParser):
    """The rows of ``table.meta-fields`` by field, and the "Not found" note."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: dict[str, Row] = {}
        self.missing = ""
        self._row: Row | None = None
        self._cell = ""
        self._in_missing = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr" and a.get("data-field"):
            self._row = self.rows.setdefault(a["data-field"] or "", Row())
        elif tag == "td" and self._row is not None:
            self._cell = a.get("class") or ""
        elif tag == "a" and self._row is not None and self._cell == "written":
            self._row.href = a.get("href")
        elif tag == "p" and "meta-missing" in (a.get("class") or ""):
            self._in_missing = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._row = None
        elif tag == "td":
            self._cell = ""
        elif tag == "p":
            self._in_missing = False

    def handle_data(self, data: str) -> None:
        if self._row is not None and self._cell == "value":
            self._row.value += data
        elif self._row is not None and self._cell == "written":
            self._row.written += data
        elif self._in_missing:
            self.missing += data


def _panel(html: str) -> _Panel:
    panel = _Panel()
    panel.feed(html)
    panel.close()
    return panel


# --- the reference letter -------------------------------------------------------------------

REFERENCE_FIELDS = [
    # (field, value as shown, the text its span holds)
    ("title", "省十三届人大五次会议第1125号《关于资源枯竭地区转型发展问题及对策研究的建议》的答复",
     "省十三届人大五次会议第1125号《关于资源枯竭地区转型发展问题及对策研究的建议》的答复"),
    ("meeting", "省十三届人大五次会议", "省十三届人大五次会议"),
    ("meeting_info", "level 省 · body 人大 · term 13 · session 5", "省十三届人大五次会议"),
    ("proposal_number", "1125", "1125"),
    ("proposal_title", "关于资源枯竭地区转型发展问题及对策研究的建议",
     "关于资源枯竭地区转型发展问题及对策研究的建议"),
    ("proposal_kind", "建议", "建议"),
    ("reply_kind", "答复", "答复"),
    ("addressee", "何金箭", "何金箭"),
    ("addressee_role", "代表", "代表"),
    ("addressee_count", "1", "何金箭"),
    ("author", "发改委办公室审核员", "发改委办公室审核员"),
    ("published", "2021-07-23", "2021年07月23日"),
    ("responder", "辽宁省发展和改革委员会", "辽宁省发展和改革委员会"),
    ("signers", "辽宁省发展和改革委员会", "辽宁省发展和改革委员会"),
    ("signed", "2021-05-28", "2021年5月28日"),
]
REFERENCE_MISSING = ("proposal_class, source, doc_number, category, disclosure, issuer, index_number, views, "
                     "contacts, cc, printer, printed, attachments")


@pytest.fixture(scope="module")
def reference_page() -> tuple[Letter, str]:
    letter = replyparse.parse(SAMPLE.read_text(encoding="utf-8"))
    return letter, letter_view(letter.to_dict(), letter.text).html


@pytest.mark.parametrize(("field", "value", "written"), REFERENCE_FIELDS,
                         ids=[f for f, _, _ in REFERENCE_FIELDS])
def test_reference_field_is_listed_and_linked(reference_page: tuple[Letter, str], field: str,
                                              value: str, written: str) -> None:
    letter, html = reference_page
    row = _panel(html).rows[field]
    assert row.value == value
    assert row.href == f"#meta-{field}" and row.written == written
    summary = summarise(html)
    assert f"meta-{field}" in summary.ids
    assert summary.item_kind[f"meta-{field}"] == "metaspan"
    assert summary.item_text[f"meta-{field}"] == written  # the highlighted text in the letter
    assert letter.text[slice(*letter.meta.spans[field])] == written


def test_reference_panel_lists_exactly_the_fields_read(
        reference_page: tuple[Letter, str]) -> None:
    _, html = reference_page
    panel = _panel(html)
    assert list(panel.rows) == [f for f, _, _ in REFERENCE_FIELDS]  # the schema's order
    assert panel.missing == f"Not found: {REFERENCE_MISSING}."
    assert summarise(html).items["metaspan"] == len(REFERENCE_FIELDS)


def test_value_fields_equal_their_written_text(reference_page: tuple[Letter, str]) -> None:
    """Fields whose value is the written text: the linked span holds exactly the value."""
    letter, html = reference_page
    summary = summarise(html)
    for field in ("title", "meeting", "proposal_number", "proposal_title", "proposal_kind",
                  "reply_kind", "addressee", "addressee_role", "author", "responder"):
        assert summary.item_text[f"meta-{field}"] == getattr(letter.meta, field), field


def test_meta_fields_follow_the_model() -> None:
    assert META_FIELDS[:3] == ("title", "meeting", "meeting_info")
    assert META_FIELDS[-3:] == ("printer", "printed", "attachments")
    assert "spans" not in META_FIELDS and len(META_FIELDS) == 28


# --- the 印发 line -----------------------------------------------------------------------------


def test_printing_line_shows_printer_and_printed() -> None:
    text = SAMPLE.read_text(encoding="utf-8").rstrip("\n") + "\n" + PRINT_LINE + "\n"
    letter = replyparse.parse(text)
    html = letter_view(letter.to_dict(), letter.text).html
    rows = _panel(html).rows
    assert (rows["printer"].value, rows["printer"].written) == (
        "辽宁省发展和改革委员会办公室", "辽宁省发展和改革委员会办公室")
    assert (rows["printed"].value, rows["printed"].written) == ("2021-05-28", "2021年5月28日")
    summary = summarise(html)
    assert summary.item_text["meta-printer"] == "辽宁省发展和改革委员会办公室"
    assert summary.item_text["meta-printed"] == "2021年5月28日"
    assert list(rows)[-2:] == ["printer", "printed"]


# --- untrusted values ---------------------------------------------------------------------


HOSTILE_VALUE = "<script>alert(\"x\")</script>'&"


def _record(**meta: Any) -> dict[str, Any]:
    return {"meta": meta, "sections": [], "statements": []}


def test_hostile_field_is_escaped() -> None:
    text = f"关于{HOSTILE_VALUE}的答复\n\n张三代表:\n"
    title = text.split("\n")[0]
    record = _record(title=title, addressee="张三",
                     cc=[HOSTILE_VALUE, "x\"y"],
                     spans={"title": [0, len(title)], "addressee": [text.index("张三"),
                                                                    text.index("张三") + 2],
                            "cc": [2, 2 + len(HOSTILE_VALUE)]})
    html = letter_view(record, text).html
    assert "<script" not in html.lower()
    summary = summarise(html)
    assert summary.tags["script"] == 0
    rows = _panel(html).rows
    assert rows["title"].value == title and rows["title"].written == title
    assert rows["cc"].value == f"{HOSTILE_VALUE}; x\"y" and rows["cc"].written == HOSTILE_VALUE
    assert summary.item_text["meta-cc"] == HOSTILE_VALUE
    assert summary.letter_text == text


def test_span_outside_text_is_listed_without_link() -> None:
    text = "张三代表:\n"
    record = _record(addressee="张三", signed="2021-05-28",
                     spans={"addressee": [0, 2], "signed": [50, 60]})
    view = letter_view(record, text)
    rows = _panel(view.html).rows
    assert rows["signed"].value == "2021-05-28" and rows["signed"].href is None
    assert rows["addressee"].href == "#meta-addressee"
    assert view.hidden == {} and "hidden-items" not in view.html
    assert "meta" not in view.shown


def test_multiline_value_stays_on_one_row() -> None:
    record = _record(attachments=["a\nb", "c"])
    assert _panel(letter_view(record, "x").html).rows["attachments"].value == "a b; c"


# --- replyparse show ----------------------------------------------------------------------


def test_show_lists_every_field_read(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(SAMPLE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:len(REFERENCE_FIELDS)] == [f"{field:<15} {value}"
                                             for field, value, _ in REFERENCE_FIELDS]
    assert lines[len(REFERENCE_FIELDS)].startswith("statements 55: 16 achievement")
    assert lines[1] == "meeting         省十三届人大五次会议"
    assert lines[14] == "signed          2021-05-28"


def test_show_prints_the_printing_line(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "printed.txt"
    path.write_text(SAMPLE.read_text(encoding="utf-8").rstrip("\n") + "\n" + PRINT_LINE + "\n",
                    encoding="utf-8")
    assert main(["show", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "printer         辽宁省发展和改革委员会办公室" in lines
    assert lines[lines.index("signed          2021-05-28") + 1:][:2] == [
        "printer         辽宁省发展和改革委员会办公室", "printed         2021-05-28"]
