"""Limits with clear errors (issue #8, point 3): input size for ``parse``, file size for the
readers, zip members checked before anything is inflated.  The pdf page limit, html nesting
and the zip-bomb messages are in ``test_io_errors.py``."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

import replyparse
from replyparse.batch import parse_path
from replyparse.errors import InputTooLarge, ReplyParseError
from replyparse.io import MAX_BYTES, read_text
from replyparse.parser import DEFAULT_MAX_CHARS


def test_default_limit_is_twenty_million_characters() -> None:
    assert DEFAULT_MAX_CHARS == 20_000_000
    text = "答" * (DEFAULT_MAX_CHARS + 1)
    start = time.process_time()
    with pytest.raises(InputTooLarge, match=r"^input has 20,000,001 characters; the limit is "
                                            r"20,000,000$") as caught:
        replyparse.parse(text)
    assert time.process_time() - start < 1.0  # refused before any work
    assert isinstance(caught.value, ReplyParseError) and isinstance(caught.value, ValueError)


@pytest.mark.parametrize(("size", "limit", "refused"), [
    (10, 10, False), (11, 10, True), (0, 0, False), (1, 0, True),
])
def test_max_chars_is_configurable(size: int, limit: int, refused: bool) -> None:
    text = "省" * size
    if refused:
        with pytest.raises(InputTooLarge, match=f"input has {size:,} characters; "
                                                f"the limit is {limit:,}"):
            replyparse.parse(text, max_chars=limit)
    else:
        assert replyparse.parse(text, max_chars=limit).text is text


def test_parse_file_passes_max_chars(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("何金箭代表：\n答复。\n", encoding="utf-8")
    with pytest.raises(InputTooLarge):
        replyparse.parse_file(path, max_chars=5)
    assert replyparse.parse_file(path, max_chars=100).meta.addressee == "何金箭"


def test_not_a_str_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="parse\\(\\) takes a str, not bytes; use read_text\\(\\)"):
        replyparse.parse("答复".encode())  # type: ignore[arg-type]


def test_oversized_file_in_a_batch_is_one_error_record_unread(tmp_path: Path) -> None:
    """A sparse 50 MB file: refused from its size, before a byte is read."""
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    start = time.process_time()
    result = parse_path(str(path))
    assert time.process_time() - start < 1.0
    assert result.error == (f"InputTooLarge: {path}: {MAX_BYTES + 1} bytes, "
                            f"over the limit of {MAX_BYTES}")


def test_zip_members_are_checked_before_any_is_inflated(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("docx2python", reason="extra 'docx' (docx2python) not installed")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/media/zeros.bin", bytes(30_000_000))
    data = buffer.getvalue()
    assert len(data) < 100_000

    def no_inflating(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a member was opened before the archive was checked")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_inflating)
    monkeypatch.setattr(zipfile.ZipFile, "read", no_inflating)
    with pytest.raises(ReplyParseError, match=r"zeros\.bin is compressed \d+:1 .*a zip bomb"):
        read_text(data, name="bomb.docx")
    with pytest.raises(ReplyParseError, match=r"zeros\.bin would inflate to 30000000 bytes "
                                              r"\(limit 1000000\)"):
        read_text(data, name="bomb.docx", max_bytes=1_000_000)


def test_read_limit_applies_to_bytes_html_and_text(tmp_path: Path) -> None:
    page = ("<html><body><p>" + "答" * 1000 + "</p></body></html>").encode()
    with pytest.raises(InputTooLarge, match=rf"^a\.html: {len(page)} bytes, over the limit"):
        read_text(page, name="a.html", max_bytes=len(page) - 1)
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 101)
    with pytest.raises(InputTooLarge, match=r"101 bytes, over the limit of 100$"):
        read_text(path, max_bytes=100)
