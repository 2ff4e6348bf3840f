"""Bad files in a batch (issue #8, point 4): one precise error record each, the rest go on.

``BAD_FILES`` is the table of inputs that must fail, each with the exact message its record
must carry; ``ODD_NAMES`` are good letters whose file names have spaces, Chinese, a
newline, leading dashes, quotes and shell characters.  Permission denied is real when the
tests run as a normal user; as root (who reads anything) it is raised from ``open()`` and
``os.scandir()`` by monkeypatch, and also for real by a subprocess running as ``nobody``
where the interpreter is reachable for that user.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import _builders
from archive_helpers import short_letter
from replyparse.batch import parse_many
from replyparse.cli import main
from replyparse.export.commands import run_parse

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
SRC = Path(__file__).resolve().parent.parent / "src"


def _docx(path: Path) -> bytes:
    body = _builders.docx_paragraph("关于甲的建议", 0) + _builders.docx_paragraph("正文。")
    return _builders.write_docx(path, body).read_bytes()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/media/blank.bin", bytes(20_000_000))
    return buffer.getvalue()


Writer = Callable[[Path], None]


def _bytes(data: bytes) -> Writer:
    return lambda path: path.write_bytes(data) and None


def _symlink(target: str) -> Writer:
    return lambda path: os.symlink(target, path)


def _cut_docx(path: Path) -> None:
    whole = _docx(path)
    path.write_bytes(whole[: len(whole) // 2])


def _cut_pdf(path: Path) -> None:
    pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the test PDF")
    whole = _builders.write_pdf(path, "何金箭代表：\n  您提出的建议收悉，现答复如下。\n").read_bytes()
    path.write_bytes(whole[: len(whole) // 2])


lit = re.escape
# name → (how to make it, its message after "ReadError: <path>: " as a regular expression)
BAD_FILES: dict[str, tuple[Writer, str]] = {
    "empty.txt": (_bytes(b""), lit("empty input (0 bytes)")),
    "blank.txt": (_bytes(" \n\u3000\n".encode()), lit("no text (only whitespace)")),
    "binary.txt": (_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
                   lit("binary data, not text (NUL byte at offset 8)")),
    "undecodable.txt": (_bytes(bytes([0x81, 0x30, 0xFF, 0xFE, 0x80, 0x80, 0xC0, 0xC1]) * 50),
                        lit("not readable as text (utf-8: invalid byte at offset 0; "
                            "gb18030: invalid byte at offset 0; big5: invalid byte at offset 0)")),
    "truncated.docx": (_cut_docx, lit("not a readable .docx: truncated or damaged zip archive: "
                                      "File is not a zip file")),
    "not-a-zip.docx": (_bytes(b"PK\x05\x06" + bytes(10)),
                       lit("not a readable .docx: File is not a zip file")),
    "zip-bomb.docx": (_bytes(_zip_bomb()), lit("refused .docx: member word/media/blank.bin is "
                      "compressed ") + r"\d+" + lit(":1 (limit 200:1), a zip bomb")),
    "truncated.pdf": (_cut_pdf, lit("not a readable .pdf: PSEOF: Unexpected EOF")),
    "header-only.pdf": (_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"),
                        lit("not a readable .pdf: PSEOF: Unexpected EOF")),
    "word97-renamed.txt": (_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)),
                           lit("legacy Word 97-2003 .doc is not supported; save it as .docx")),
    "self-loop.txt": (_symlink("self-loop.txt"),
                      lit("cannot read: Too many levels of symbolic links")),
    "a-loop.txt": (_symlink("b-loop.txt"), lit("cannot read: Too many levels of symbolic links")),
    "b-loop.txt": (_symlink("a-loop.txt"), lit("cannot read: Too many levels of symbolic links")),
    "dangling.txt": (_symlink("gone.txt"), lit("broken symbolic link (to gone.txt)")),
}
# Good letters under names that break naive scripts.
ODD_NAMES = ["with space.txt", "中文 答复（2021）.txt", "new\nline.txt", "-leading-dash.txt",
             "--help.txt", "quote'\"s.txt", "semi;colon $(rm -rf x) `y`.txt", "tab\there.txt",
             "=HYPERLINK(1).txt"]


def _archive(root: Path) -> tuple[list[Path], dict[Path, str]]:
    root.mkdir()
    good = []
    for i, name in enumerate(ODD_NAMES):
        path = root / name
        path.write_text(short_letter(i), encoding="utf-8")
        good.append(path)
    bad = {}
    for name, (make, message) in BAD_FILES.items():
        path = root / name
        make(path)
        bad[path] = f"ReadError: {re.escape(str(path))}: {message}"
    return good, bad


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_bad_file_gives_one_precise_error_and_the_batch_goes_on(
    tmp_path: Path, jobs: int
) -> None:
    pytest.importorskip("docx2python", reason="extra 'docx' (docx2python) not installed")
    pytest.importorskip("pdfplumber", reason="extra 'pdf' (pdfplumber) not installed")
    good, bad = _archive(tmp_path / "archive")
    results = list(parse_many([tmp_path / "archive"], jobs=jobs))
    assert sorted(r.path for r in results) == sorted(str(p) for p in [*good, *bad])
    by_path = {Path(r.path): r for r in results}
    for path, pattern in bad.items():
        assert re.fullmatch(pattern, by_path[path].error or ""), (path, by_path[path].error)
    assert all(by_path[path].ok and by_path[path].letter for path in good)


def test_cli_reports_each_bad_file_once(tmp_path: Path) -> None:
    pytest.importorskip("docx2python", reason="extra 'docx' (docx2python) not installed")
    pytest.importorskip("pdfplumber", reason="extra 'pdf' (pdfplumber) not installed")
    good, bad = _archive(tmp_path / "archive")
    out, err = io.StringIO(), io.StringIO()
    assert run_parse([str(tmp_path / "archive")], fmt="jsonl", jobs=2, stdout=out,
                     stderr=err) == 1
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == len(good) + len(bad)
    errors = {Path(r["path"]): r["error"] for r in records if "error" in r}
    assert errors.keys() == bad.keys()
    assert all(re.fullmatch(bad[path], error) for path, error in errors.items())
    assert {Path(r["path"]) for r in records if "error" not in r} == set(good)
    for path, error in errors.items():  # stderr: one line per failure, then the summary
        assert err.getvalue().count(f"replyparse: {path}: {error}\n") == 1
    assert err.getvalue().endswith(f"{len(good)} parsed, {len(bad)} failed\n")


@pytest.mark.parametrize("name", ["-leading-dash.txt", "--help.txt"])
def test_leading_dash_paths_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(short_letter(1), encoding="utf-8")
    assert main(["parse", "--", name]) == 0  # after --, a path, not an option
    assert json.loads(capsys.readouterr().out)["meta"]["addressee"] == "王1"
    assert main(["parse", f"./{name}", "--format", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out)["path"] == f"./{name}"


def test_newline_in_a_name_stays_one_record(tmp_path: Path) -> None:
    path = tmp_path / "new\nline.txt"
    path.write_text(short_letter(2), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run_parse([str(tmp_path)], fmt="jsonl", stdout=out, stderr=err) == 0
    (line,) = out.getvalue().splitlines()
    assert json.loads(line)["path"] == str(path)


# --- permission denied -----------------------------------------------------------------------


def test_unreadable_file_by_monkeypatch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "archive"
    root.mkdir()
    for i in range(3):
        (root / f"{i}.txt").write_text(short_letter(i), encoding="utf-8")
    locked = root / "1.txt"
    real_open = Path.open

    def open_(self: Path, *args: object, **kwargs: object) -> object:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", open_)
    results = list(parse_many([root], jobs=1))
    assert [(Path(r.path).name, r.error) for r in results] == [
        ("0.txt", None), ("1.txt", f"ReadError: {locked}: permission denied"), ("2.txt", None)]


def test_unlistable_directory_by_monkeypatch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """os.walk skips a directory it cannot list unless asked; its letters must not vanish."""
    root = tmp_path / "archive"
    (root / "locked").mkdir(parents=True)
    (root / "a.txt").write_text(short_letter(0), encoding="utf-8")
    (root / "locked" / "b.txt").write_text(short_letter(1), encoding="utf-8")
    (root / "z.txt").write_text(short_letter(2), encoding="utf-8")
    locked = str(root / "locked")
    real_scandir, real_listdir = os.scandir, os.listdir

    def refuse(real: Callable[..., object]) -> Callable[..., object]:
        def call(path: object = ".") -> object:
            if os.fspath(path) == locked:  # type: ignore[call-overload]
                raise PermissionError(13, "Permission denied", locked)
            return real(path)
        return call

    monkeypatch.setattr(os, "scandir", refuse(real_scandir))
    monkeypatch.setattr(os, "listdir", refuse(real_listdir))
    results = list(parse_many([root], jobs=1))
    assert [(Path(r.path).name, r.error) for r in results] == [
        ("a.txt", None),
        ("locked", f"ReadError: {locked}: cannot list the directory: Permission denied"),
        ("z.txt", None),
    ]


def _nobody_runs_python() -> str | None:
    """Why a subprocess as uid 65534 cannot run this interpreter, or None if it can."""
    if not RUNNING_AS_ROOT:
        return None
    try:
        subprocess.run([sys.executable, "-c", "import replyparse"], check=True, timeout=60,
                       capture_output=True, env={"PYTHONPATH": str(SRC)},
                       preexec_fn=_become_nobody)
    except (OSError, subprocess.SubprocessError) as error:
        return f"running as root, and uid 65534 cannot run {sys.executable}: {error}"
    return None


def _become_nobody() -> None:
    os.setgid(65534)
    os.setuid(65534)


def test_real_permission_denied(tmp_path: Path) -> None:
    """chmod 000 on a file and on a directory, read by a user the mode applies to."""
    reason = _nobody_runs_python()
    if reason:
        pytest.skip(reason)
    root = tmp_path / "archive"
    (root / "locked-dir").mkdir(parents=True)
    (root / "locked-dir" / "x.txt").write_text(short_letter(0), encoding="utf-8")
    (root / "locked.txt").write_text(short_letter(1), encoding="utf-8")
    (root / "open.txt").write_text(short_letter(2), encoding="utf-8")
    for path in (tmp_path, root, root / "open.txt"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    (root / "locked.txt").chmod(0)
    (root / "locked-dir").chmod(0)
    code = ("import json, sys; from replyparse.batch import parse_many;"
            "print(json.dumps([(r.path, r.error) for r in parse_many([sys.argv[1]], jobs=1)]))")
    done = subprocess.run(
        [sys.executable, "-c", code, str(root)], capture_output=True, text=True, timeout=120,
        env={"PYTHONPATH": str(SRC)}, preexec_fn=_become_nobody if RUNNING_AS_ROOT else None,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [
        [str(root / "locked-dir"),
         f"ReadError: {root / 'locked-dir'}: cannot list the directory: Permission denied"],
        [str(root / "locked.txt"), f"ReadError: {root / 'locked.txt'}: permission denied"],
        [str(root / "open.txt"), None],
    ]
