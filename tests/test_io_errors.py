"""read_text() on bad inputs: each raises ReadError (an OSError) or InputTooLarge, precisely."""

from __future__ import annotations

import io
import os
import random
import stat
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import _builders
from replyparse.errors import InputTooLarge, ReadError, ReplyParseError
from replyparse.io import read_text

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _docx_bytes(tmp: Path) -> bytes:
    body = _builders.docx_paragraph("关于甲的建议", 0) + _builders.docx_paragraph("正文。")
    return _builders.write_docx(tmp / "ok.docx", body).read_bytes()


def _claims_huge_member(tmp: Path) -> bytes:
    """A zip whose word/document.xml declares 4 GB uncompressed (central and local headers)."""
    data = bytearray(_docx_bytes(tmp))
    name = b"word/document.xml"
    position = 0
    while (position := data.find(b"PK\x01\x02", position)) >= 0:
        name_length = int.from_bytes(data[position + 28:position + 30], "little")
        if data[position + 46:position + 46 + name_length] == name:
            data[position + 24:position + 28] = (0xFFFF_FFF0).to_bytes(4, "little")
        position += 4
    return bytes(data)


def _high_ratio_member(_tmp: Path) -> bytes:
    """A real deflate bomb in miniature: 20 MB of zeros in a ~20 kB member."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/media/blank.bin", bytes(20_000_000))
    return buffer.getvalue()


def _xlsx_like(_tmp: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def _entity_bomb(_tmp: Path) -> bytes:
    buffer = io.BytesIO()
    lol = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f'<w:document xmlns:w="{_builders.W_NS}"><w:body><w:p><w:r><w:t>&lol2;</w:t>'
        "</w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", lol)
    return buffer.getvalue()


def _random_bytes(_tmp: Path) -> bytes:
    generator = random.Random(1125)
    return bytes(generator.randrange(1, 256) for _ in range(4096))  # no NUL byte


# id, file name, bytes builder, error type, words the message must contain
BAD_FILES: list[tuple[str, str, Callable[[Path], bytes], type[Exception], str]] = [
    ("empty-file", "a.txt", lambda _: b"", ReadError, "empty input (0 bytes)"),
    ("whitespace-only", "a.txt", lambda _: " \n\t\u3000\n".encode(), ReadError,
     "no text (only whitespace)"),
    ("binary-with-nul", "a.txt", lambda _: b"\x7fELF\x02\x01\x01\x00" + bytes(64), ReadError,
     "binary data, not text (NUL byte at offset 7)"),
    ("binary-without-nul", "a.txt", _random_bytes, ReadError, "not readable as text (utf-8:"),
    ("control-characters", "a.txt", lambda _: "答复\x1b[31m此复".encode(), ReadError,
     "utf-8: control character U+001B at character 2"),
    ("bad-utf16-after-bom", "a.txt", lambda _: b"\xff\xfe\x00\xd8", ReadError,
     "utf-16 byte-order mark but is not valid utf-16"),
    ("truncated-docx", "a.docx", lambda t: _docx_bytes(t)[:300], ReadError,
     "not a readable .docx:"),
    ("docx-not-a-zip", "a.docx", lambda _: "答复".encode(), ReadError,
     "not a readable .docx: File is not a zip file"),
    ("zip-without-word-document", "a.docx", _xlsx_like, ReadError,
     "not a readable .docx: no word/document.xml in the zip"),
    ("zip-bomb-declared-size", "a.docx", _claims_huge_member, ReadError,
     "refused .docx: member word/document.xml would inflate to 4294967280 bytes"),
    ("zip-bomb-ratio", "a.docx", _high_ratio_member, ReadError,
     "refused .docx: member word/media/blank.bin is compressed"),
    ("docx-entity-bomb", "a.docx", _entity_bomb, ReadError,
     "refused .docx: word/document.xml declares a DTD or entities"),
    ("pdf-blank-page", "a.pdf", lambda _: _builders.raw_pdf(b"", pages=2), ReadError,
     "no text layer: scanned or CID-font PDF (0 characters of text on 2 pages)"),
    ("pdf-cid-glyphs", "a.pdf",
     lambda _: _builders.raw_pdf(b"BT /F1 12 Tf 72 700 Td <" + b"0041" * 30 + b"> Tj ET"),
     ReadError, "no text layer: scanned or CID-font PDF (30 (cid:NN) glyphs on 1 page)"),
    ("pdf-truncated", "a.pdf", lambda _: _builders.raw_pdf(b"")[:120], ReadError,
     "not a readable .pdf:"),
    ("pdf-not-a-pdf", "a.pdf", lambda _: b"%PDF-1.4\n garbage", ReadError,
     "not a readable .pdf:"),
    ("legacy-doc-by-extension", "a.doc", lambda _: b"whatever", ReadError,
     "legacy Word 97-2003 .doc is not supported; save it as .docx"),
    ("legacy-doc-by-magic", "a.bin", lambda _: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(99),
     ReadError, "legacy Word 97-2003 .doc is not supported"),
]

_NEEDS = {"docx": "docx2python", "pdf": "pdfplumber"}


@pytest.mark.parametrize(
    ("name", "build", "error", "message"),
    [pytest.param(n, b, e, m, id=i) for i, n, b, e, m in BAD_FILES],
)
def test_bad_file(
    name: str,
    build: Callable[[Path], bytes],
    error: type[Exception],
    message: str,
    tmp_path: Path,
) -> None:
    module = _NEEDS.get(name.rsplit(".", 1)[-1])
    if module:
        pytest.importorskip(module, reason=f"{module} (a format extra) not installed")
    path = tmp_path / name
    path.write_bytes(build(tmp_path))
    with pytest.raises(error) as caught:
        read_text(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
    assert isinstance(caught.value, ReplyParseError)
    given = "x" + path.suffix if path.suffix != ".bin" else None  # the same bytes, as bytes
    with pytest.raises(error) as again:
        read_text(path.read_bytes(), name=given)
    assert str(again.value) == str(caught.value).replace(str(path), given or "<bytes>", 1)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(ReadError, match=r": no such file$") as caught:
        read_text(path)
    assert isinstance(caught.value, OSError)


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        pytest.param("一、关于加强顶层设计的建议\n近年来……", "no such file", id="multi-line"),
        pytest.param("答复" * 200, "cannot read: File name too long", id="long"),
    ],
)
def test_text_passed_as_a_path_gets_a_hint(source: str, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_text(source)
    assert str(caught.value).endswith(
        f": {reason} (read_text takes a path or bytes; pass text to parse())"
    )


def test_path_with_nul_byte() -> None:
    with pytest.raises(ReadError, match=r"^a\x00b: not a valid path: embedded null byte$"):
        read_text("a\x00b")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=rf"^{tmp_path}: is a directory, not a file$"):
        read_text(tmp_path)


def test_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match=r": not a regular file$"):
        read_text(fifo)


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root reads files whatever their mode")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("答复", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(ReadError, match=r": permission denied$"):
            read_text(path)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_permission_denied_from_the_os(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same path as root: the EACCES the OS would raise, raised by open()."""
    path = tmp_path / "secret.txt"
    path.write_text("答复", encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(ReadError, match=rf"^{path}: permission denied$"):
        read_text(path)


def test_too_large_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes("答复".encode() * 100)
    with pytest.raises(InputTooLarge, match=r": 600 bytes, over the limit of 599$") as caught:
        read_text(path, max_bytes=599)
    assert isinstance(caught.value, ValueError)
    assert read_text(path, max_bytes=600).text == "答复" * 100


def test_too_large_bytes() -> None:
    with pytest.raises(InputTooLarge, match=r"^<bytes>: 6 bytes, over the limit of 5$"):
        read_text("答复".encode(), max_bytes=5)


def test_docx_members_count_against_max_bytes(tmp_path: Path) -> None:
    pytest.importorskip("docx2python", reason="extra 'docx' (docx2python) not installed")
    data = _docx_bytes(tmp_path)
    with pytest.raises(ReadError, match=r"refused \.docx: .*inflate to \d+ bytes"):
        read_text(data, name="a.docx", max_bytes=len(data))


def test_pdf_page_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pdfplumber", reason="extra 'pdf' (pdfplumber) not installed")
    from replyparse.io import _pdf

    monkeypatch.setattr(_pdf, "MAX_PAGES", 3)
    with pytest.raises(ReadError, match=r"^a\.pdf: \.pdf has 4 pages \(limit 3\)$"):
        read_text(_builders.raw_pdf(b"", pages=4), name="a.pdf")


def test_wrong_type() -> None:
    with pytest.raises(TypeError, match="takes a path or bytes, not int"):
        read_text(1125)  # type: ignore[arg-type]


# ---- never anything but our errors -----------------------------------------------------------

_FORMS = {"text": None, "html": "x.html", "docx": "x.docx", "pdf": "x.pdf"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=500).map(lambda text: text.encode("utf-8")),
        st.sampled_from([b"PK\x03\x04", b"%PDF-1.4\n", b"<html>", b"\xff\xfe"]).flatmap(
            lambda head: st.binary(max_size=600).map(lambda tail: head + tail)
        ),
    ),
    form=st.sampled_from(sorted(_FORMS)),
)
def test_arbitrary_bytes_give_a_document_or_a_read_error(data: bytes, form: str) -> None:
    """No UnicodeDecodeError, BadZipFile, PDFSyntaxError … escapes: only our typed errors."""
    module = {"html": "selectolax", "docx": "docx2python", "pdf": "pdfplumber"}.get(form)
    if module:
        pytest.importorskip(module, reason=f"{module} (a format extra) not installed")
    try:
        document = read_text(data, name=_FORMS[form])
    except ReplyParseError as error:
        assert isinstance(error, (ReadError, InputTooLarge))
        assert str(error)
    else:
        assert document.text.strip()


@pytest.mark.parametrize(
    ("user_password", "message"),
    [
        pytest.param("secret", r"not a readable \.pdf: encrypted, needs a password$",
                     id="user-password"),
        # reportlab's RC4-encrypted CID-font text comes out of pdfminer as (cid:NN) glyphs
        pytest.param("", r"no text layer: .*; the file is encrypted, which can hide its text",
                     id="owner-password-only-cid-font"),
    ],
)
def test_encrypted_pdf(user_password: str, message: str, tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber", reason="extra 'pdf' (pdfplumber) not installed")
    pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the test PDF")
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "locked.pdf"
    sheet = canvas.Canvas(str(path), encrypt=StandardEncryption(user_password, "owner"))
    sheet.setFont("STSong-Light", 12)
    sheet.drawString(72, 700, "一、关于加强顶层设计的建议，近年来取得明显进展。")
    sheet.save()
    with pytest.raises(ReadError, match=message):
        read_text(path)


# ---- html parsing is bounded -----------------------------------------------------------------


def _html(body: str) -> bytes:
    return f"<html><body>{body}</body></html>".encode()


def test_boilerplate_check_is_linear() -> None:
    """"返回顶部" is also 返回+顶部: the old ``(?:phrase|…)+`` regex took 2^n steps here."""
    pytest.importorskip("selectolax", reason="extra 'html' (selectolax) not installed")
    start = time.process_time()
    text = read_text(_html(f"<p>{'返回顶部' * 2_000}X</p><p>{'返回顶部' * 2_000}</p>"
                           "<p>一、关于甲的建议</p>"), name="a.html").text
    assert time.process_time() - start < 2.0
    assert text == f"{'返回顶部' * 2_000}X\n一、关于甲的建议"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param("<div>" * 100_000 + "正文", r"nested more than 10000 deep", id="100k-divs"),
        pytest.param("<blockquote><ul>" * 6_000 + "正文", r"nested more than 10000 deep",
                     id="mixed-blocks"),
        pytest.param("<div>" * 990 + "<div>正文</div>" * 110_000,
                     r"too many block elements inside deep nesting", id="wide-and-deep"),
    ],
)
def test_deeply_nested_html_is_refused_quickly(body: str, message: str) -> None:
    pytest.importorskip("selectolax", reason="extra 'html' (selectolax) not installed")
    start = time.process_time()
    with pytest.raises(ReadError, match=rf"^a\.html: refused \.html: .*{message}"):
        read_text(_html(body), name="a.html")
    assert time.process_time() - start < 2.0


def test_nesting_within_the_limit_is_read() -> None:
    pytest.importorskip("selectolax", reason="extra 'html' (selectolax) not installed")
    body = "<div class='x'>" * 900 + "<p>答复正文。</p>" + "</div>" * 900
    body += "<span><b>" * 5_000 + "第二段。"  # unclosed inline tags cost nothing
    assert read_text(_html(body), name="a.html").text == "答复正文。\n第二段。"


# ---- docx placeholders -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("runs", "expected"),
    [
        pytest.param("图1----Image alt text---->项目分布图<----media/image1.png----。", "图1。",
                     id="alt-text-then-image"),
        pytest.param("见注----footnote1----。", "见注。", id="footnote"),
        pytest.param("----Image alt text---->" + "长" * 3_000 + "<正文", None, id="alt-too-long-kept"),
    ],
)
def test_docx_placeholders_removed(runs: str, expected: str | None) -> None:
    from replyparse.io._docx import _PLACEHOLDER

    assert _PLACEHOLDER.sub("", runs) == (runs if expected is None else expected)


def test_docx_placeholder_scan_is_linear() -> None:
    """Every "----Image alt text---->" used to scan to the paragraph's end for its "<"."""
    from replyparse.io._docx import _PLACEHOLDER

    text = "----Image alt text---->" * 45_000  # 1 MB, no "<"
    start = time.process_time()
    assert _PLACEHOLDER.sub("", text) == text
    assert time.process_time() - start < 2.0


def test_pdf_reflow_of_one_huge_paragraph_is_linear() -> None:
    """500 pages of justified, unindented lines make one paragraph; joining used to copy it
    at every line."""
    from replyparse.io._pdf import _Line, _reflow

    def pages(count: int) -> list[list[_Line]]:
        return [[_Line("资源枯竭地区转型发展" * 4, 72.0, 520.0, 12.0) for _ in range(50)]
                for _ in range(count)]

    timings = []
    for count in (250, 500):
        start = time.process_time()
        (paragraph,) = _reflow(pages(count))
        timings.append(time.process_time() - start)
        assert len(paragraph) == count * 50 * 40
    assert _reflow([[_Line("Section 1", 72.0, 520.0, 12.0), _Line("text", 72.0, 90.0, 12.0)]]) \
        == ["Section 1 text"]
    assert timings[1] < 1.0
