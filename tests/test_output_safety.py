"""Safe output (issue #8, point 5): CSV cells cannot run as formulas, output file names cannot
leave the output directory.  (SQL text is covered in ``test_export_failures.py``.)"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from replyparse.cli import main
from replyparse.export.csv import ERRORS, CsvWriter, neutralise, open_inside
from replyparse.export.tables import TABLES

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(("value", "cell"), [
    pytest.param("=1+1", "'=1+1", id="equals"),
    pytest.param("+86 024", "'+86 024", id="plus"),
    pytest.param("-2+3", "'-2+3", id="minus"),
    pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
    pytest.param("\t=1", "'\t=1", id="tab"),
    pytest.param("\r=1", "'\r=1", id="carriage-return"),
    pytest.param("=", "'=", id="lone-equals"),
    pytest.param("省财政厅=1", "省财政厅=1", id="inside-is-fine"),
    pytest.param(Decimal("-3.5"), "-3.5", id="negative-number-stays-a-number"),
])
def test_neutralise_table(value: object, cell: object) -> None:
    assert neutralise(value) == cell


def _is_number(cell: str) -> bool:
    try:
        Decimal(cell)
    except InvalidOperation:
        return False
    return True


def test_no_csv_cell_starts_a_formula(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Formula starts in statements, headings, documents, the path, and the error table."""
    monkeypatch.chdir(tmp_path)
    Path("letters").mkdir()
    Path("letters/=cmd()|' A1.txt").write_text(
        "=HYPERLINK(\"http://x\",\"点击\")的答复\n+何金箭代表：\n"
        "一、@关于资金\n-近年来，省财政厅安排资金2亿元。\n\t下一步，我厅将推进《=规划》。\n"
        "\r\n辽宁省财政厅\n2021年5月28日\n", encoding="utf-8")
    Path("letters/@empty.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path / "letters")  # paths as given: they start with = and @
    assert main(["parse", "=cmd()|' A1.txt", "@empty.txt", "--format", "csv",
                 "-o", str(tmp_path / "tables")]) == 1
    cells = 0
    for name in [*TABLES, ERRORS]:
        raw = (tmp_path / "tables" / f"{name}.csv").read_text(encoding="utf-8-sig")
        for row in list(csv.reader(io.StringIO(raw)))[1:]:
            for cell in row:
                cells += 1
                assert not cell.startswith(_FORMULA_START) or _is_number(cell), (name, cell)
    assert cells > 50
    errors = (tmp_path / "tables" / "errors.csv").read_text(encoding="utf-8-sig")
    assert "'@empty.txt,ReadError: @empty.txt: empty input (0 bytes)" in errors
    letters = (tmp_path / "tables" / "letters.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd()|' A1.txt" in letters
    capsys.readouterr()


@pytest.mark.parametrize("name", [
    "../x", "..", ".", "/etc/passwd", "/tmp/x", "..\\x", "C:\\x", "a/../../x", "x\x00y", "a\nb",
    "letters/../../x", "LETTERS", "~x", "$HOME",
])
def test_output_names_stay_inside(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ValueError):
        open_inside(out, name)
    assert list(out.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_csv_writer_creates_only_its_tables(tmp_path: Path) -> None:
    out = tmp_path / "a" / ".." / "out"
    with CsvWriter(out):
        pass
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{name}.csv" for name in [*TABLES, ERRORS])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "out"]


def test_report_views_are_named_by_id_inside_letters(tmp_path: Path) -> None:
    """``replyparse report DIR`` writes letters/<sha256>.html whatever the inputs are called.
    (Names starting with a dot are hidden files, which a directory walk skips.)"""
    from archive_helpers import short_letter
    from replyparse.render.report import build_report

    archive = tmp_path / "archive"
    archive.mkdir()
    for i, name in enumerate(["x\\..\\..\\y.txt", "-rf.txt", "$(id).txt", "a\nb.txt"]):
        (archive / name).write_text(short_letter(i), encoding="utf-8")
    out = tmp_path / "site" / "report.html"
    assert build_report(archive, out, jobs=1).views == 4
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")
                     if p.is_file() and archive not in p.parents)
    assert written[-1] == "site/report.html" and len(written) == 5
    assert all(re.fullmatch(r"site/letters/[0-9a-f]{64}\.html", p) for p in written[:-1])
