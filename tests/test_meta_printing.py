"""The 印发 line of an official letter's 版记 (印发机关 and 印发日期): ``meta.printer`` and
``meta.printed``, read from the line the layout finds below the letter, never from a title's
关于印发 or a sentence of the body."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

import replyparse
import replyparse.layout
from replyparse.cli import main
from replyparse.errors import SchemaMismatch
from replyparse.export.commands import run_export
from replyparse.export.sql import connect
from replyparse.model import Letter

DATA = Path(__file__).resolve().parent / "data"
BENCH_DATA = Path(__file__).resolve().parent.parent / "bench" / "data"
OFFICE = "辽宁省发展和改革委员会办公室"


def _appended(reference_text: str, tail: str) -> tuple[str, Letter]:
    """The reference letter with ``tail`` as its last line(s), as the printed document ends."""
    text = reference_text.rstrip("\n") + "\n" + tail + "\n"
    return text, replyparse.parse(text)


def _read(text: str, letter: Letter) -> dict[str, tuple[str | None, str | None]]:
    """Each of the two fields: its value and the text its span slices."""
    meta = letter.meta
    return {name: (getattr(meta, name),
                   text[slice(*meta.spans[name])] if name in meta.spans else None)
            for name in ("printer", "printed")}


# -- the reference letter with a 印发 line appended, form by form --------------------------

FORMS = [
    # tail, printer, the date as written
    (OFFICE + "\u3000\u3000\u3000\u30002021年5月28日印发", OFFICE, "2021年5月28日"),
    (OFFICE + "    2021年5月28日印发", OFFICE, "2021年5月28日"),
    (OFFICE + " 2021年5月28日印发", OFFICE, "2021年5月28日"),
    (OFFICE + "\u30002021年5月28日印发", OFFICE, "2021年5月28日"),
    (OFFICE + "\u3000\u30002021年5月28日\u3000\u3000印发", OFFICE, "2021年5月28日"),
    (OFFICE + "    2021年5月28日 印发", OFFICE, "2021年5月28日"),
    (OFFICE + "\u3000\u3000二〇二一年五月二十八日印发", OFFICE, "二〇二一年五月二十八日"),
    (OFFICE + "\u3000\u3000二○二一年五月二十八日印发", OFFICE, "二○二一年五月二十八日"),
    (OFFICE + "\u3000\u30002021年05月28日印发", OFFICE, "2021年05月28日"),
    ("中共辽宁省委办公厅秘书处\u3000\u30002021年6月1日印发", "中共辽宁省委办公厅秘书处",
     "2021年6月1日"),
    ("2021年5月28日印发", None, "2021年5月28日"),
]


@pytest.mark.parametrize(("tail", "printer", "date"), FORMS, ids=[
    "ideographic-gap", "ascii-gap", "one-space", "one-ideographic-space", "yinfa-apart",
    "space-before-yinfa", "chinese-numerals", "chinese-numerals-circle", "zero-padded",
    "party-office", "date-only"])
def test_yinfa_line_below_the_reference_letter(
    reference_text: str, tail: str, printer: str | None, date: str
) -> None:
    text, letter = _appended(reference_text, tail)
    expected_day = "2021-06-01" if "6月1日" in tail else "2021-05-28"
    assert _read(text, letter) == {"printer": (printer, printer), "printed": (expected_day, date)}
    at = len(reference_text.rstrip("\n")) + 1  # where the appended line starts
    assert letter.meta.spans["printed"] == (at + tail.index(date), at + tail.index(date) + len(date))
    if printer is not None:
        assert letter.meta.spans["printer"] == (at, at + len(printer))
    # the rest of the letter is read as before: the signing organ and date, no warning
    assert (letter.meta.responder, letter.meta.signed) == ("辽宁省发展和改革委员会", "2021-05-28")
    assert letter.warnings == replyparse.parse(reference_text).warnings


def test_yinfa_line_under_the_cc_line(reference_text: str) -> None:
    # The whole 版记: 抄送 above, 印发 below; both read, the 印发 office no mention.
    text, letter = _appended(
        reference_text, "抄送：葫芦岛市人民政府，省财政厅。\n"
        "辽宁省发展和改革委员会办公室\u3000\u3000\u3000\u30002021年5月31日印发")
    assert letter.meta.cc == ("葫芦岛市人民政府", "省财政厅")
    assert _read(text, letter) == {"printer": (OFFICE, OFFICE),
                                   "printed": ("2021-05-31", "2021年5月31日")}
    assert not [d for d in letter.departments if d.span[0] >= letter.meta.spans["printer"][0]]


def test_the_last_yinfa_line_is_read(reference_text: str) -> None:
    text, letter = _appended(reference_text, f"{OFFICE}  2021年5月28日印发\n辽宁省政府办公厅  "
                                             "2021年6月2日印发")
    assert _read(text, letter) == {"printer": ("辽宁省政府办公厅", "辽宁省政府办公厅"),
                                   "printed": ("2021-06-02", "2021年6月2日")}


def test_an_unreadable_yinfa_date_is_a_warning(reference_text: str) -> None:
    text, letter = _appended(reference_text, f"{OFFICE}\u3000\u30002021年13月28日印发")
    assert _read(text, letter) == {"printer": (OFFICE, OFFICE), "printed": (None, None)}
    assert "unreadable 印发 date: '2021年13月28日'" in letter.warnings


# -- what is not the 印发 line ------------------------------------------------------------


def test_a_letter_without_the_line_has_neither(reference: Letter) -> None:
    assert (reference.meta.printer, reference.meta.printed) == (None, None)
    assert not {"printer", "printed"} & set(reference.meta.spans)
    record = reference.to_dict()["meta"]
    assert (record["printer"], record["printed"]) == (None, None)


def test_a_title_that_prints_a_document_is_not_the_line() -> None:
    # c-gov/045: 国务院关于印发 / 《国务院工作规则》的通知, and 现予印发 in the body.
    text = (DATA / "corpus" / "c-gov" / "045.txt").read_text(encoding="utf-8")
    assert text.startswith("国务院关于印发\n")
    meta = replyparse.parse(text).meta
    assert (meta.printer, meta.printed) == (None, None)
    assert not {"printer", "printed"} & set(meta.spans)


def test_a_wrapped_title_with_yinfa_and_a_real_line() -> None:
    # The title's 关于印发 is not read; the dated line below the letter is.
    text = ("辽宁省发展和改革委员会关于印发\n第1125号建议办理方案的答复\n何金箭代表：\n"
            "一、关于产业发展\n近年来，我市累计投入资金2亿元。\n"
            "辽宁省发展和改革委员会\n2021年5月28日\n"
            "辽宁省发展和改革委员会办公室\u3000\u30002021年5月29日印发\n")
    letter = replyparse.parse(text)
    assert letter.meta.title == "辽宁省发展和改革委员会关于印发第1125号建议办理方案的答复"
    assert _read(text, letter) == {"printer": (OFFICE, OFFICE),
                                   "printed": ("2021-05-29", "2021年5月29日")}


def test_a_body_sentence_ending_in_yinfa_is_not_the_line() -> None:
    # b-replies/201 ends its one long line with …（此件发至乡镇级）2016年7月7日印发: body text.
    text = (BENCH_DATA / "b-replies-201.txt").read_text(encoding="utf-8")
    assert text.rstrip().endswith("2016年7月7日印发")
    meta = replyparse.parse(text).meta
    assert (meta.printer, meta.printed) == (None, None)


def test_a_dated_yinfa_line_inside_the_body_is_not_read() -> None:
    # A short …日印发 line between body paragraphs is furniture (no statement, no mention) but
    # not the 版记's line: only the one below the letter is read.
    text = ("关于第1125号建议的答复\n何金箭代表：\n一、关于产业发展\n近年来，我市累计投入资金2亿元。\n"
            "辽宁省财政厅  2021年3月1日印发\n二、关于人才引进\n目前已引进人才100名。\n"
            "辽宁省发展和改革委员会\n2021年5月28日\n")
    layout = replyparse.layout.find_layout(text)
    assert "2021年3月1日印发" in [line.text for line in layout.furniture]
    meta = replyparse.parse(text).meta
    assert (meta.printer, meta.printed, meta.signed) == (None, None, "2021-05-28")


def test_a_lone_yinfa_without_a_date_before_it_is_not_furniture(reference_text: str) -> None:
    # 印发 after a wide gap joins the line only when a date stands before it.
    text, letter = _appended(reference_text, f"{OFFICE}\u3000\u3000\u3000\u3000印发")
    assert (letter.meta.printer, letter.meta.printed) == (None, None)
    layout = replyparse.layout.find_layout(text)
    assert "印发" not in [line.text for line in layout.furniture]


# -- downstream: JSON, CSV, the database ------------------------------------------------

PRINTED_LINE = f"{OFFICE}\u3000\u3000\u3000\u30002021年5月31日印发"


@pytest.fixture
def printed_letter(reference_text: str, tmp_path: Path) -> Path:
    path = tmp_path / "letters" / "printed.txt"
    path.parent.mkdir()
    path.write_text(reference_text.rstrip("\n") + "\n" + PRINTED_LINE + "\n", encoding="utf-8")
    return path


def test_json_carries_both_fields_and_spans(printed_letter: Path) -> None:
    text = printed_letter.read_text(encoding="utf-8")
    record = json.loads(replyparse.parse(text).to_json())["meta"]
    assert (record["printer"], record["printed"]) == (OFFICE, "2021-05-31")
    start = text.index(PRINTED_LINE)
    assert record["spans"]["printer"] == [start, start + len(OFFICE)]
    assert record["spans"]["printed"] == [start + 18, start + 28]
    assert text[start + 18 : start + 28] == "2021年5月31日"
    assert list(record).index("printer") == list(record).index("cc") + 1


def test_csv_letters_table_has_the_columns(printed_letter: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    assert main(["parse", str(printed_letter), "--format", "csv", "-o", str(out)]) == 0
    with open(out / "letters.csv", encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["printer"], row["printed"], row["signed"]) == (OFFICE, "2021-05-31", "2021-05-28")


def _export(paths: list[Path], url: str) -> tuple[int, str]:
    stderr = io.StringIO()
    return run_export([str(p) for p in paths], db=url, jobs=1, stderr=stderr), stderr.getvalue()


def test_database_round_trip(printed_letter: Path, reference_text: str, db_url: str) -> None:
    plain = printed_letter.parent / "plain.txt"
    plain.write_text(reference_text, encoding="utf-8")
    status, summary = _export([printed_letter.parent], db_url)
    assert status == 0, summary
    engine = connect(db_url, create=False)
    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT path, printer, printed, signed FROM letters ORDER BY path")).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [
        (str(plain), None, None, "2021-05-28"),
        (str(printed_letter), OFFICE, "2021-05-31", "2021-05-28"),
    ]


def test_a_database_without_the_new_columns_is_refused(
    printed_letter: Path, db_url: str
) -> None:
    # A database an earlier replyparse made: the same tables but letters.printer/printed.
    engine = connect(db_url)
    with engine.begin() as connection:
        for column in ("printer", "printed"):
            connection.execute(sa.text(f"ALTER TABLE letters DROP COLUMN {column}"))
        connection.execute(sa.text("INSERT INTO letters (id, path) VALUES ('a', 'old.txt')"))
    engine.dispose()
    with pytest.raises(SchemaMismatch, match=r"no column letters\.printer, letters\.printed"):
        connect(db_url)
    status, stderr = _export([printed_letter], db_url)
    assert status == 1
    assert "(no column letters.printer, letters.printed); export into a new database" in stderr
    engine = connect(db_url, create=False)  # left as it was
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT id, path FROM letters")).all() == [
            ("a", "old.txt")]
        columns = {c["name"] for c in sa.inspect(connection).get_columns("letters")}
    engine.dispose()
    assert not {"printer", "printed"} & columns
