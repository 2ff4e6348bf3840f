"""Builders of real .docx, .pdf and .html files for the reader tests (test-only code)."""

from __future__ import annotations

import html
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_PKG = "http://schemas.openxmlformats.org/package/2006"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_REL = R_NS + "/"
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
CONTENT_TYPES = (
    f'{_XML_DECL}<Types xmlns="{_PKG}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_WML}.document.main+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{_WML}.numbering+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_WML}.styles+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'{_XML_DECL}<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
DOCUMENT_RELS = (
    f'{_XML_DECL}<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}styles" Target="styles.xml"/>'
    "</Relationships>"
)
#: One multi-level list as Chinese government documents number it: 一、 （一） 1. （1） ①
LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."),
          ("decimal", "（%4）"), ("decimalEnclosedCircle", "%5"))
NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W_NS}">'
    '<w:abstractNum w:abstractNumId="0">'
    + "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
        for i, (fmt, text) in enumerate(LEVELS)
    )
    + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
    "</w:numbering>"
)
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W_NS}">'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    "</w:styles>"
)


def docx_paragraph(text: str, level: int | None = None, style: str | None = None) -> str:
    """A ``<w:p>``: numbered at *level* of list 1, or by paragraph *style*."""
    ppr = ""
    if style is not None:
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
    elif level is not None:
        ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def docx_table(rows: list[list[str]]) -> str:
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{docx_paragraph(cell)}</w:tc>" for cell in row) + "</w:tr>"
        for row in rows
    )
    return f"<w:tbl>{cells}</w:tbl>"


def write_docx(path: Path, body_xml: str, *, numbering: bool = True) -> Path:
    document = (
        f'{_XML_DECL}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        f"<w:body>{body_xml}</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        archive.writestr("word/document.xml", document)
        if numbering:
            archive.writestr("word/numbering.xml", NUMBERING)
        archive.writestr("word/styles.xml", STYLES)
    return path


def write_pdf(
    path: Path,
    text: str,
    *,
    header: str | None = None,
    page_numbers: bool = True,
    font: str = "STSong-Light",
    lines_per_page: int = 38,
) -> Path:
    """A PDF of *text* laid out as a printed letter: A4, 12 pt, wrapped at the margins.

    Lines indented in *text* are indented two characters; lines indented by more than ten
    spaces (signature, date) are right-aligned. *font* defaults to reportlab's built-in
    Adobe CID font STSong-Light, which needs no font file and which pdfminer decodes through
    the predefined UniGB-UCS2-H CMap.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if font == "STSong-Light":
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    size, left, right_edge = 12.0, 72.0, A4[0] - 72.0
    width = right_edge - left

    def measure(chunk: str) -> float:
        return float(pdfmetrics.stringWidth(chunk, font, size))

    placed: list[tuple[float, str]] = []  # (x, text) of each printed line
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped:
            continue
        indent = len(raw) - len(raw.lstrip(" \u3000"))
        if indent > 10:
            placed.append((right_edge - measure(stripped), stripped))
            continue
        x = left + (2 * size if indent else 0.0)
        line = ""
        for char in stripped:
            if measure(line + char) > right_edge - x:
                placed.append((x, line))
                x, line = left, ""
            line += char
        placed.append((x, line))
    pages = [placed[i:i + lines_per_page] for i in range(0, len(placed), lines_per_page)]
    sheet = canvas.Canvas(str(path), pagesize=A4)
    for number, page in enumerate(pages, start=1):
        sheet.setFont(font, size)
        if header:
            sheet.drawCentredString(A4[0] / 2, A4[1] - 40, header)
        y = A4[1] - 80
        for x, line in page:
            sheet.drawString(x, y, line)
            y -= size * 1.6
        if page_numbers:
            sheet.drawCentredString(A4[0] / 2, 40, f"— {number} —")
        sheet.showPage()
    sheet.save()
    del width
    return path


def portal_html(text: str, *, charset: str = "utf-8") -> str:
    """*text* as a government portal page: menus, scripts, boilerplate, one <p> per line.

    The title goes in an <h1>, header lines (作者/来源/发布时间) in a table row each, body
    lines in <p> with &nbsp; indentation and entities (&ldquo; for “).
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title, rest = lines[0], lines[1:]
    meta = [line for line in rest[:4] if line.startswith(("作者", "来源", "发布时间"))]
    body = rest[len(meta):]

    def enc(line: str) -> str:
        return html.escape(line, quote=False).replace("“", "&ldquo;").replace("”", "&rdquo;")

    rows = "".join(f"<tr><td>{enc(line)}</td></tr>" for line in meta)
    paragraphs = "\n".join(
        f'<p style="text-indent:2em">&nbsp;&nbsp;{enc(line)}</p>' for line in body
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{enc(title)}_辽宁省发展和改革委员会</title>
<style>p {{ line-height: 2 }}</style><script>var x = "<p>不是正文</p>";</script></head>
<body>
<header><a href="/">首页</a> <a href="/zwgk">政务公开</a></header>
<nav><ul><li>机构概况</li><li>政策文件</li></ul></nav>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 建议提案办理</div>
<div class="tools">字号：<a>大</a> <a>中</a> <a>小</a></div>
<div class="article">
<h1>{enc(title)}</h1>
<table>{rows}</table>
<div class="TRS_Editor">
{paragraphs}
</div>
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a></div>
<div>【打印本页】 【关闭窗口】</div>
<div style="display:none">隐藏的统计代码</div>
<footer>主办单位：辽宁省发展和改革委员会 版权所有</footer>
</body></html>
"""


def raw_pdf(content: bytes, *, cid_font: bool = True, pages: int = 1) -> bytes:
    """A hand-written PDF whose pages all draw *content* (a content stream).

    With *cid_font* the font is a Type0/Identity-H font with no ToUnicode map and no embedded
    program — the text layer of such a PDF is only glyph ids, which pdfminer shows as
    ``(cid:NN)``: the case of many scanned-then-OCR-less or badly exported letters.
    """
    font = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] >>"
        if cid_font
        else b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    )
    kids = b" ".join(b"%d 0 R" % (7 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"",  # 3: unused
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        font,
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 99 0 R /DW 1000 >>",
    ]
    objects[2] = b"null"
    for _ in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)
