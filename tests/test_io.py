"""read_text(): the reference letter round-trips through every encoding and format.

Each row writes the reference letter (samples/liaoning-2021-1125.txt) as a real file — an
encoding, an .html portal page, a .docx with Word numbering, a .pdf — reads it back, and
parses it: sections (numbers and topics), money count, metadata and statements must be those
of the original text. Format rows skip, naming the missing extra, when it is not installed.
"""

from __future__ import annotations

import codecs
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import _builders  # tests/ is on sys.path (pytest's default "prepend" import mode)
import replyparse
from replyparse.io import Document, read_text
from replyparse.io._decode import verdict
from replyparse.parser import parse_file

DATA = Path(__file__).resolve().parent / "data"


def summary(text: str) -> dict[str, Any]:
    """What must survive reading: sections, money, metadata, statements (sans whitespace)."""
    letter = replyparse.parse(text)
    meta = letter.meta
    return {
        "sections": [(section.number, section.topic) for section in letter.sections],
        "money": len(letter.money),
        "meta": (meta.title, meta.responder, meta.signed, meta.published, meta.addressee),
        "statements": [
            "".join(text[statement.span[0]:statement.span[1]].split())
            for statement in letter.statements
        ],
    }


@pytest.fixture(scope="module")
def expected(reference_text: str) -> dict[str, Any]:
    return summary(reference_text)


# ---- builders: (reference text, tmp dir) -> path --------------------------------------------

def _encoded(encoding: str, bom: bytes = b"") -> Callable[[str, Path], Path]:
    def build(text: str, tmp: Path) -> Path:
        path = tmp / "letter.txt"
        path.write_bytes(bom + text.replace("\xa0", " ").encode(encoding))
        return path
    return build


def _html(charset: str, encoding: str, suffix: str = ".html") -> Callable[[str, Path], Path]:
    def build(text: str, tmp: Path) -> Path:
        pytest.importorskip("selectolax", reason="extra 'html' (selectolax) not installed")
        page = _builders.portal_html(text.replace("\xa0", " "), charset=charset)
        path = tmp / f"letter{suffix}"
        path.write_bytes(page.encode(encoding))
        return path
    return build


def _docx(text: str, tmp: Path) -> Path:
    """Headings 一、… as Word list items (numbering.xml), their typed labels removed."""
    pytest.importorskip("docx2python", reason="extra 'docx' (docx2python) not installed")
    paragraphs = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        label = next((n for n in "一二三四五六七" if stripped.startswith(n + "、")), None)
        if label is not None:
            paragraphs.append(_builders.docx_paragraph(stripped[2:], level=0))
        else:
            paragraphs.append(_builders.docx_paragraph(stripped))
    return _builders.write_docx(tmp / "letter.docx", "".join(paragraphs))


def _pdf(text: str, tmp: Path) -> Path:
    pytest.importorskip("pdfplumber", reason="extra 'pdf' (pdfplumber) not installed")
    pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the test PDF")
    return _builders.write_pdf(tmp / "letter.pdf", text, header="辽宁省发展和改革委员会文件")


#: TrueType (glyf-outline) CJK fonts reportlab can embed; Noto CJK is CFF, which it cannot.
TRUETYPE_CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # Debian: fonts-wqy-zenhei
    "/usr/share/fonts/truetype/arphic/uming.ttc",  # Debian: fonts-arphic-uming
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",  # Debian: fonts-droid-fallback
)


def _pdf_truetype(text: str, tmp: Path) -> Path:
    """Text drawn in an embedded TrueType subset with a ToUnicode map, as Word exports it."""
    pytest.importorskip("pdfplumber", reason="extra 'pdf' (pdfplumber) not installed")
    pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the test PDF")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = next((path for path in TRUETYPE_CJK_FONTS if Path(path).exists()), None)
    if font is None:
        pytest.skip("no TrueType CJK font on this machine: apt-get install fonts-wqy-zenhei")
    pdfmetrics.registerFont(TTFont("cjk-truetype", font, subfontIndex=0))
    return _builders.write_pdf(tmp / "letter.pdf", text, font="cjk-truetype")


ROUND_TRIPS = [
    # id, builder, expected format, expected encoding
    ("utf-8", _encoded("utf-8"), "text", "utf-8"),
    ("utf-8-bom", _encoded("utf-8", codecs.BOM_UTF8), "text", "utf-8-sig"),
    ("utf-16-bom", _encoded("utf-16"), "text", "utf-16"),
    ("utf-16-le-no-bom", _encoded("utf-16-le"), "text", "utf-16-le"),
    ("gb18030", _encoded("gb18030"), "text", "gb18030"),
    ("gbk", _encoded("gbk"), "text", "gb18030"),
    ("gb2312", _encoded("gb2312"), "text", "gb18030"),
    ("html-utf8", _html("utf-8", "utf-8"), "html", "utf-8"),
    ("html-gb2312-declared", _html("gb2312", "gb18030"), "html", "gb18030"),
    ("html-declared-wrongly", _html("gb2312", "utf-8"), "html", "utf-8"),
    ("html-sniffed-no-extension", _html("utf-8", "utf-8", suffix=""), "html", "utf-8"),
    ("docx-word-numbering", _docx, "docx", None),
    ("pdf-cid-font-3-pages", _pdf, "pdf", None),
    ("pdf-embedded-truetype-font", _pdf_truetype, "pdf", None),
]


@pytest.mark.parametrize(
    ("build", "fmt", "encoding"),
    [pytest.param(b, f, e, id=i) for i, b, f, e in ROUND_TRIPS],
)
def test_round_trip_parses_like_the_original(
    build: Callable[[str, Path], Path],
    fmt: str,
    encoding: str | None,
    reference_text: str,
    expected: dict[str, Any],
    tmp_path: Path,
) -> None:
    path = build(reference_text, tmp_path)
    document = read_text(path)
    assert (document.format, document.encoding, document.source) == (fmt, encoding, str(path))
    got = summary(document.text)
    assert got["sections"] == expected["sections"]
    assert got["meta"] == expected["meta"]
    assert got["money"] == expected["money"]
    assert got["statements"] == expected["statements"]


@pytest.mark.parametrize(
    ("build", "fmt"),
    [pytest.param(b, f, id=i) for i, b, f, _ in ROUND_TRIPS if f != "text"],
)
def test_bytes_are_sniffed(
    build: Callable[[str, Path], Path], fmt: str, reference_text: str, tmp_path: Path
) -> None:
    path = build(reference_text, tmp_path)
    document = read_text(path.read_bytes())
    assert (document.format, document.source) == (fmt, None)
    assert read_text(path.read_bytes(), name="x" + path.suffix).source == "x" + path.suffix


# ---- encodings -------------------------------------------------------------------------------

def test_big5_traditional_letter() -> None:
    """tests/data/…big5.txt: the reference letter converted to traditional (OpenCC s2tw)."""
    path = DATA / "liaoning-2021-1125.big5.txt"
    document = read_text(path)
    assert document.encoding == "big5"
    assert document.text.startswith("省十三屆人大五次會議第1125號《關於資源枯竭地區")
    letter = replyparse.parse(document.text)
    assert len(letter.sections) == 7
    assert letter.meta.signed == "2021-05-28"


def test_big5_bytes_are_valid_gb18030_but_rejected_as_such() -> None:
    raw = (DATA / "liaoning-2021-1125.big5.txt").read_bytes()
    problem = verdict(raw.decode("gb18030"), "gb18030")  # strict decode succeeds…
    assert problem is not None and "private-use" in problem  # …the sanity check does not


def test_the_plain_ranges_the_sanity_check_skips_are_all_printable_or_space() -> None:
    import re
    import unicodedata

    from replyparse.io._decode import _PLAIN_RANGES

    plain = re.compile(f"[{_PLAIN_RANGES}]")
    chars = [chr(c) for c in range(0x10000) if plain.match(chr(c))]
    assert len(chars) > 20_000
    assert [c for c in chars if not c.isspace()
            and unicodedata.category(c)[0] not in "LNPSZ"] == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param("公文\u200b" * 3 + "\u200b" * 4, "mostly unassigned or format characters",
                     id="format-characters"),
        pytest.param("公文" * 50 + "\ue000\ue001", "2 private-use characters", id="private-use"),
        pytest.param("公文\u302a" * 40, "mostly unassigned or format characters",
                     id="tone-marks-are-not-plain"),
        pytest.param("\u3000 \n\t", None, id="white-space-only"),
        pytest.param("公文。\u3000\u2028“引号”，ＡＢＣ", None, id="plain"),
    ],
)
def test_sanity_check_counts(text: str, problem: str | None) -> None:
    assert verdict(text, "utf-8") == problem


def test_simplified_text_read_as_big5_is_rejected(reference_text: str) -> None:
    raw = reference_text.replace("\xa0", " ").encode("gbk")
    problem = verdict(raw.decode("big5", errors="ignore"), "big5")
    assert problem is not None and "common big5" in problem


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        pytest.param("关于加快推进转型发展的建议", "gb18030", id="short-simplified-gbk"),
        pytest.param("關於加快推進轉型發展的建議", "big5", id="short-traditional-big5"),
        pytest.param("下一步,我委将安排资金2亿元。", "utf-8", id="short-utf8"),
    ],
)
def test_short_texts_pick_the_right_codec(text: str, encoding: str) -> None:
    document = read_text(text.encode(encoding))
    assert (document.text, document.encoding) == (text, encoding)


def test_other_encodings_fall_back_to_charset_normalizer() -> None:
    pytest.importorskip("charset_normalizer")
    text = "Ο υπουργός απάντησε στην πρόταση αριθ. 1125 με λεπτομέρειες. " * 4
    document = read_text(text.encode("iso-8859-7"))
    assert document.text == text
    assert document.warnings and "charset-normalizer" in document.warnings[0]


def test_crlf_is_kept_exactly(reference_text: str) -> None:
    data = reference_text.replace("\n", "\r\n").encode("utf-8")
    assert read_text(data).text == reference_text.replace("\n", "\r\n")


# ---- docx numbering --------------------------------------------------------------------------

def test_docx_renders_multilevel_chinese_numbering(tmp_path: Path) -> None:
    pytest.importorskip("docx2python", reason="extra 'docx' (docx2python) not installed")
    p = _builders.docx_paragraph
    body = "".join([
        p("何金箭代表:"),
        p("关于甲的建议", 0), p("总体情况", 1), p("细项", 2), p("细项", 2), p("再细", 3),
        p("圈一", 4), p("圈二", 4), p("分项", 1), p("细项", 2),
        p("关于乙的建议", 0), p("由样式编号", style="Heading2"),
        _builders.docx_table([["联系人：张三", "联系电话：024-12345678"]]),
    ])
    text = read_text(_builders.write_docx(tmp_path / "n.docx", body)).text
    assert text.split("\n") == [
        "何金箭代表:",
        "一、关于甲的建议", "（一）总体情况", "1.细项", "2.细项", "（1）再细", "①圈一", "②圈二",
        "（二）分项", "1.细项",
        "二、关于乙的建议", "（一）由样式编号",
        "联系人：张三\t联系电话：024-12345678",
    ]


@pytest.mark.parametrize(
    ("number", "fmt", "shown"),
    [
        (1, "chineseCounting", "一"), (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"), (21, "chineseCounting", "二十一"),
        (101, "chineseCountingThousand", "一百零一"), (110, "chineseCountingThousand", "一百一十"),
        (3, "ideographTraditional", "丙"), (3, "decimalEnclosedCircle", "③"),
        (21, "decimalEnclosedCircle", "21"), (12, "decimalFullWidth", "１２"),
        (4, "lowerLetter", "d"), (28, "upperLetter", "BB"), (9, "lowerRoman", "ix"),
        (7, "decimalZero", "07"), (5, "someFutureFormat", "5"),
    ],
)
def test_word_number_formats(number: int, fmt: str, shown: str) -> None:
    from replyparse.io._numbering import format_number

    assert format_number(number, fmt) == shown


# ---- html ------------------------------------------------------------------------------------

def test_html_drops_page_furniture_and_keeps_headings_at_line_starts() -> None:
    pytest.importorskip("selectolax", reason="extra 'html' (selectolax) not installed")
    page = (
        "<html><head><title>标题</title><style>p{}</style></head><body>"
        "<nav>首页 政务公开</nav><div>字号：<a>大</a> <a>中</a> <a>小</a></div>"
        "<article><header><h1>第1125号建议的答复</h1></header>"
        "<div>何金箭代表：</div><p>&nbsp;&nbsp;一、关于&ldquo;加强顶层设计&rdquo;的建议</p>"
        "<p>近年来，葫芦岛市\n  政府制定了方案。<br>下一步，我委将&amp;推进。</p>"
        "<ul><li>（一）第一项</li><li>（二）第二项</li></ul>"
        "<table><tr><td>联系人：</td><td>张三</td></tr></table>"
        "<script>document.write('<p>脚本</p>')</script></article>"
        "<div>【打印本页】 【关闭窗口】</div><div>分享到：微信 微博</div>"
        "<p hidden>隐藏</p><footer>版权所有</footer></body></html>"
    )
    document = read_text(page.encode("utf-8"))
    assert document.format == "html"
    assert document.text.split("\n") == [
        "第1125号建议的答复",
        "何金箭代表：",
        "一、关于“加强顶层设计”的建议",
        "近年来，葫芦岛市政府制定了方案。",
        "下一步，我委将&推进。",
        "（一）第一项",
        "（二）第二项",
        "联系人：\t张三",
    ]


def test_html_site_footer_in_divs_keeps_signature_and_date(tmp_path: Path) -> None:
    # Portals put their footer in plain <div>s, not <footer>: it must not hide the letter's end.
    pytest.importorskip("selectolax", reason="extra 'html' (selectolax) not installed")
    page = (
        "<html><body><div class='article'><h1>关于第1125号建议的答复</h1>"
        "<p>何金箭代表：</p><p>您提出的建议收悉，现答复如下：</p><p>近年来，我委已安排资金。</p>"
        "<p>辽宁省发展和改革委员会</p><p>2021年5月28日</p></div>"
        "<div class='links'>相关链接：<a>国家发展改革委</a> <a>辽宁省人民政府</a></div>"
        "<div class='foot'>主办单位：辽宁省发展和改革委员会 版权所有 辽ICP备05000001号</div>"
        "</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    letter = parse_file(path)
    assert (letter.meta.responder, letter.meta.signed) == ("辽宁省发展和改革委员会", "2021-05-28")
    assert [s.text for s in letter.statements][-1] == "近年来，我委已安排资金。"


def test_html_deep_nesting_does_not_overflow() -> None:
    pytest.importorskip("selectolax", reason="extra 'html' (selectolax) not installed")
    page = "<html><body>" + "<div>" * 5000 + "一、正文内容" + "</div>" * 5000 + "</body></html>"
    assert read_text(page.encode(), name="deep.html").text == "一、正文内容"


# ---- pdf -------------------------------------------------------------------------------------

def test_pdf_drops_page_numbers_and_running_header(
    reference_text: str, tmp_path: Path
) -> None:
    pytest.importorskip("pdfplumber", reason="extra 'pdf' (pdfplumber) not installed")
    pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the test PDF")
    path = _builders.write_pdf(tmp_path / "l.pdf", reference_text, header="辽宁省发改委文件")
    document = read_text(path)
    assert "辽宁省发改委文件" not in document.text
    assert "—" not in document.text.replace("——", "")
    assert document.warnings == ("dropped running header/footer lines: 辽宁省发改委文件",)
    assert document.text.split("\n")[-2:] == ["辽宁省发展和改革委员会", "2021年5月28日"]


# ---- the lazy-import promise -----------------------------------------------------------------

def test_format_libraries_are_imported_only_when_used() -> None:
    probe = (
        "import sys, replyparse, replyparse.io\n"
        "replyparse.io.read_text('下一步,我委将安排资金2亿元。'.encode('gb18030'))\n"
        "print(sorted(m for m in ('selectolax', 'docx2python', 'pdfplumber', 'pdfminer',"
        " 'charset_normalizer', 'lxml') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_document_is_frozen() -> None:
    document = read_text(b"\xe4\xb8\x80\xe3\x80\x81\xe5\x85\xb3\xe4\xba\x8e")
    assert document == Document("一、关于", "utf-8", None, "text", ())
    with pytest.raises(AttributeError):
        document.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("line", "is_number"),
    [
        ("— 3 —", True), ("- 12 -", True), ("－ 三 －", True), ("第1页 共3页", True),
        ("第 2 页", True), ("3/12", True), ("7", True), ("Page 3 of 5", True),
        ("三", False), ("2021年5月28日", False), ("一、关于加强顶层设计的建议", False),
        ("27条支持措施", False),
    ],
)
def test_pdf_page_number_lines(line: str, is_number: bool) -> None:
    from replyparse.io._pdf import _is_page_number

    assert _is_page_number(line) is is_number


def test_pdf_reflow_joins_wrapped_lines_only() -> None:
    """Full lines continue; indented lines, heading markers and short lines start anew."""
    from replyparse.io._pdf import _Line, _reflow

    def line(text: str, x0: float, x1: float) -> _Line:
        return _Line(text, x0, x1, 12.0)

    page = [
        line("一、关于“加强顶层设计”的建议", 96, 300),  # indented heading, short
        line("近年来,葫芦岛市政府先后制定出台了方案,提出六大方面27条支持", 96, 523),  # full
        line("措施,在开发区划出4000亩土地。", 72, 260),  # continuation, short
        line("下一步,我委将通过正在编制的规划,会同省有关部门进一步加强全省统", 96, 523),
        line("筹,完善顶层设计,提供政策依据和资金支持,推动资源型地区转型发展和", 72, 523),
    ]
    next_page = [
        line("生态修复。", 72, 130),  # continues across the page break
        line("二、关于“紧随国家政策”的建议", 72, 280),  # heading at the margin: not joined
    ]
    assert _reflow([page[:4] + page[4:], next_page]) == [
        "一、关于“加强顶层设计”的建议",
        "近年来,葫芦岛市政府先后制定出台了方案,提出六大方面27条支持措施,在开发区划出4000亩土地。",
        "下一步,我委将通过正在编制的规划,会同省有关部门进一步加强全省统"
        "筹,完善顶层设计,提供政策依据和资金支持,推动资源型地区转型发展和生态修复。",
        "二、关于“紧随国家政策”的建议",
    ]


def test_html_bom_wins_over_declared_charset() -> None:
    pytest.importorskip("selectolax", reason="extra 'html' (selectolax) not installed")
    page = '<html><head><meta charset="gb2312"></head><body><p>一、关于建议</p></body></html>'
    document = read_text(codecs.BOM_UTF8 + page.encode("utf-8"))
    assert (document.text, document.encoding) == ("一、关于建议", "utf-8-sig")


def test_docx_tracked_changes_breaks_and_unnumbered_list_items(tmp_path: Path) -> None:
    """Deleted text goes, inserted text stays; <w:br/> ends a line; numId 0 means no label."""
    pytest.importorskip("docx2python", reason="extra 'docx' (docx2python) not installed")
    body = (
        '<w:p><w:r><w:t>拟安排资金</w:t></w:r><w:del w:id="1" w:author="a"><w:r>'
        '<w:delText>1亿元</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r>'
        "<w:t>2亿元</w:t></w:r></w:ins></w:p>"
        "<w:p><w:r><w:t>联系人：张三</w:t><w:br/><w:t>联系电话：</w:t><w:tab/>"
        "<w:t>024-12345678</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr>'
        "<w:r><w:t>此复。</w:t></w:r></w:p>"
    )
    text = read_text(_builders.write_docx(tmp_path / "t.docx", body)).text
    assert text == "拟安排资金2亿元\n联系人：张三\n联系电话：\t024-12345678\n此复。"


def test_html_drops_link_only_lines_but_keeps_text_with_links() -> None:
    """Old portals lay menus out with divs and tables, not <nav>: link-only lines go."""
    pytest.importorskip("selectolax", reason="extra 'html' (selectolax) not installed")
    page = (
        "<html><body><table><tr><td><a href='/'>首页</a> | <a href='/jg'>机构概况</a> | "
        "<a href='/zw'>政务公开</a></td></tr></table>"
        "<div class='crumb'><a>首页</a> &gt; <a>建议提案办理</a></div>"
        "<div class='title'>第1125号建议的答复</div>"
        "<p>一、按照<a href='/doc'>《辽宁省国土空间规划》</a>编制要求推进。</p>"
        "<p>附件：<a href='/f.pdf'>关于资源枯竭地区转型发展问题及对策研究的建议原文.pdf</a></p>"
        "<div class='related'><ul><li><a>相关文章一</a></li><li><a>相关文章二</a></li></ul></div>"
        "</body></html>"
    )
    assert read_text(page.encode("utf-8")).text.split("\n") == [
        "第1125号建议的答复",
        "一、按照《辽宁省国土空间规划》编制要求推进。",
        "附件：关于资源枯竭地区转型发展问题及对策研究的建议原文.pdf",
    ]
