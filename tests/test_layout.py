"""Letter layout, form by form (issue #5): titles, addressees, header lines, headings,
closing, signature, footer and text shapes.  Rows are small letters built around one form.
"""

from __future__ import annotations

import gc
import time
from typing import Any

import pytest

import replyparse
import replyparse.layout
from replyparse.model import Letter, Section

OPENING = "您提出的关于加快发展的建议收悉，现答复如下："
BODY = (
    "一、关于产业发展\n近年来，我市累计投入资金2亿元。下一步，我们将继续推进。\n"
    "二、关于人才引进\n目前已引进人才100名。"
)
SIGNATURE = "辽宁省发展和改革委员会\n2021年5月28日"


def letter(
    title: str = "省十三届人大五次会议第1125号《关于加快发展的建议》的答复",
    header: str = "",
    salutation: str = "何金箭代表：",
    body: str = BODY,
    closing: str = "",
    signature: str = SIGNATURE,
    footer: str = "",
) -> str:
    parts = [title, header, salutation, OPENING, body, closing, signature, footer]
    return "\n".join(p for p in parts if p)


def parse(text: str) -> Letter:
    parsed = replyparse.parse(text)
    for item in parsed.statements:
        assert text[item.span[0] : item.span[1]] == item.text
    for name, (start, end) in parsed.meta.spans.items():
        assert 0 <= start <= end <= len(text), name
    return parsed


def meta_of(text: str) -> dict[str, Any]:
    meta = parse(text).meta
    out = meta.to_dict()
    if meta.meeting_info is not None:
        info = meta.meeting_info
        out["info"] = (info.level, info.body, info.term, info.session)
    return out


# --- titles ----------------------------------------------------------------------------------

TITLES = [
    ("省十三届人大五次会议第1125号《关于加快发展的建议》的答复",
     {"proposal_number": "1125", "proposal_kind": "建议", "proposal_title": "关于加快发展的建议",
      "meeting": "省十三届人大五次会议", "info": ("省", "人大", 13, 5)}),
    ("关于省十三届人大五次会议第1125号建议的答复",
     {"proposal_number": "1125", "proposal_kind": "建议", "info": ("省", "人大", 13, 5)}),
    ("对市十五届人大一次会议第45号建议的答复",
     {"proposal_number": "45", "meeting": "市十五届人大一次会议", "info": ("市", "人大", 15, 1)}),
    ("关于省政协十二届五次会议第123号提案的答复",
     {"proposal_number": "123", "proposal_kind": "提案", "info": ("省", "政协", 12, 5)}),
    ("关于政协第十三届全国委员会第四次会议第4521号（经济发展类289号）提案答复的函",
     {"proposal_number": "4521", "proposal_kind": "提案", "info": ("全国", "政协", 13, 4)}),
    ("关于政协沈阳市第十四届委员会第三次会议第56号提案的答复",
     {"meeting": "政协沈阳市第十四届委员会第三次会议", "info": ("市", "政协", 14, 3)}),
    ("对县政协第九届委员会第二次会议第8号提案的答复", {"info": ("县", "政协", 9, 2)}),
    ("关于自治区十三届人大五次会议第88号建议的答复", {"info": ("自治区", "人大", 13, 5)}),
    ("十三届全国人大四次会议第1234号建议的答复",
     {"proposal_number": "1234", "info": ("全国", "人大", 13, 4)}),
    ("关于省十三届人大五次会议第1125号建议的会办意见",
     {"proposal_number": "1125", "proposal_kind": "建议"}),
    ("对省十三届人大五次会议第88号批评和意见的答复",
     {"proposal_number": "88", "proposal_kind": "批评和意见"}),
    ("关于市十五届人大一次会议第3号议案办理情况的答复",
     {"proposal_number": "3", "proposal_kind": "议案"}),
    ("关于省第十三届人民代表大会第五次会议第20210125号建议的答复",
     {"proposal_number": "20210125", "info": ("省", "人大", 13, 5)}),
    ("关于省十三届人大五次会议第A123号建议的答复", {"proposal_number": "A123"}),
    ("关于省十三届人大五次会议第0148号建议的答复", {"proposal_number": "0148"}),
    ("关于省十三届人大五次会议第１１２５号建议的答复", {"proposal_number": "1125"}),
    ("国务院办公厅对十届全国人大\n四次会议第7240号建议的答复",
     {"title": "国务院办公厅对十届全国人大四次会议第7240号建议的答复",
      "proposal_number": "7240", "info": ("全国", "人大", 10, 4)}),
]


@pytest.mark.parametrize(("title", "expected"), TITLES, ids=[row[0][:22] for row in TITLES])
def test_title(title: str, expected: dict[str, Any]) -> None:
    meta = meta_of(letter(title=title))
    for field, value in expected.items():
        assert meta[field] == value, field


# --- addressees ------------------------------------------------------------------------------

ADDRESSEES = [
    ("何金箭代表:", "何金箭", "代表", 1),
    ("何金箭代表：", "何金箭", "代表", 1),
    ("张三等5名代表：", "张三", "代表", 5),
    ("周桂英等代表：", "周桂英", "代表", None),
    ("李四委员：", "李四", "委员", 1),
    ("尊敬的王五代表：", "王五", "代表", 1),
    ("马万祺副主席：", "马万祺", "副主席", 1),
    ("民建省委：", "民建省委", None, None),
    ("民盟辽宁省委员会：", "民盟辽宁省委员会", None, None),
    ("网友“UU008162”您好！", "UU008162", "网友", 1),
    ("“UU0081195”", "UU0081195", None, None),
    ("亲爱的网友：", None, "网友", None),
    ("广大网友：", None, "网友", None),
    ("各位代表：", None, "代表", None),
]


@pytest.mark.parametrize(("salutation", "name", "role", "count"), ADDRESSEES,
                         ids=[row[0] for row in ADDRESSEES])
def test_addressee(salutation: str, name: str | None, role: str | None,
                   count: int | None) -> None:
    text = letter(salutation=salutation)
    parsed = parse(text)
    meta = parsed.meta
    assert (meta.addressee, meta.addressee_role, meta.addressee_count) == (name, role, count)
    if name is not None:
        start, end = meta.spans["addressee"]
        assert text[start:end] == name
    assert not any(s.text.startswith(salutation[:3]) for s in parsed.statements)


def test_title_given_twice_is_read_once() -> None:
    # Portal pages repeat the title (page title, then the letter's own): not a wrapped title.
    title = "省十三届人大五次会议第1125号《关于加快发展的建议》的答复"
    text = letter(title=f"{title}\n{title}")
    meta = parse(text).meta
    assert (meta.title, meta.proposal_title) == (title, "关于加快发展的建议")
    start, end = meta.spans["title"]
    assert (start, end, text[start:end]) == (0, len(title), title)
    start, end = meta.spans["proposal_title"]
    assert text[start:end] == "关于加快发展的建议" and end < len(title)


def test_wrapped_title_lines_still_join() -> None:
    text = letter(title="国务院办公厅对十届全国人大\n四次会议第7240号建议的答复")
    assert parse(text).meta.title == "国务院办公厅对十届全国人大四次会议第7240号建议的答复"


def test_portal_masthead_is_not_part_of_the_title() -> None:
    title = "省十三届人大五次会议第1125号《关于加快发展的建议》的答复"
    text = letter(title=f"辽宁省发展和改革委员会\n{title}")
    meta = parse(text).meta
    assert (meta.title, meta.proposal_number) == (title, "1125")
    start, end = meta.spans["title"]
    assert (start, end) == (text.index(title), text.index(title) + len(title))


def test_organ_line_of_an_official_title_still_joins() -> None:
    # 发文机关 + 关于…的答复 on two lines is one title, not a masthead.
    text = letter(title="辽宁省发展和改革委员会\n关于省十三届人大五次会议第1125号建议的答复")
    assert parse(text).meta.title == (
        "辽宁省发展和改革委员会关于省十三届人大五次会议第1125号建议的答复")


def test_title_line_ending_in_yinfa_is_not_the_yinfa_line() -> None:
    # …关于印发 opens a wrapped title; only a dated line (…2021年5月28日印发) is the footer's.
    text = letter(title="辽宁省发展和改革委员会关于印发\n第1125号建议办理方案的答复",
                  footer="辽宁省发展和改革委员会办公室\u3000\u30002021年5月28日印发")
    parsed = parse(text)
    assert parsed.meta.title == "辽宁省发展和改革委员会关于印发第1125号建议办理方案的答复"
    furniture = replyparse.layout.find_layout(text).furniture
    assert [text[line.span[0]:line.span[1]] for line in furniture] == [
        "辽宁省发展和改革委员会办公室", "2021年5月28日印发"]


def test_collective_proposal_kind_from_title() -> None:
    meta = parse(letter(title="关于省政协十二届五次会议第66号提案的答复",
                        salutation="民盟辽宁省委员会：")).meta
    assert (meta.proposal_kind, meta.addressee) == ("提案", "民盟辽宁省委员会")


# --- header lines ----------------------------------------------------------------------------

DOC_NUMBERS = [
    "发文字号：辽发改函〔2021〕123号",
    "发文字号:辽发改函[2021]123号",
    "文号：辽发改函(2021)123号",
    "发文字号：辽发改函（2021）123号",
    "发文字号：辽发改函【2021】123号",
    "辽发改函〔2021〕123号",
    "辽发改函﹝2021﹞第123号",
]


@pytest.mark.parametrize("line", DOC_NUMBERS)
def test_doc_number(line: str) -> None:
    text = letter(header=line)
    doc = parse(text).meta.doc_number
    assert doc is not None
    assert (doc.agency, doc.year, doc.number) == ("辽发改函", 2021, "123")
    assert text[doc.span[0] : doc.span[1]] == doc.text


def test_bare_doc_number_above_title() -> None:
    text = "辽发改函〔2021〕123号\n" + letter()
    meta = parse(text).meta
    assert meta.doc_number is not None and meta.doc_number.number == "123"
    assert meta.title == "省十三届人大五次会议第1125号《关于加快发展的建议》的答复"


CATEGORIES = [
    ("A类", "A"), ("B类", "B"), ("C类", "C"), ("D类", "D"), ("（A类）", "A"),
    ("甲类", "甲"), ("乙类", "乙"), ("丙类", "丙"),
    ("分类标识：A", "A"), ("办理类别：B类", "B"), ("答复类别：C类（正在解决）", "C"),
]


@pytest.mark.parametrize(("line", "category"), CATEGORIES, ids=[row[0] for row in CATEGORIES])
def test_category(line: str, category: str) -> None:
    assert parse(letter(header=line)).meta.category == category


DISCLOSURES = [
    ("主动公开", "主动公开"), ("依申请公开", "依申请公开"), ("不予公开", "不予公开"),
    ("公开属性：主动公开", "主动公开"), ("公开方式：依申请公开", "依申请公开"),
    ("（此件公开发布）", "主动公开"),
]


@pytest.mark.parametrize(("line", "value"), DISCLOSURES, ids=[row[0] for row in DISCLOSURES])
def test_disclosure_on_top(line: str, value: str) -> None:
    assert parse(letter(header=line)).meta.disclosure == value


def test_disclosure_at_the_bottom() -> None:
    assert parse(letter(footer="此件公开发布")).meta.disclosure == "主动公开"


def test_portal_lines() -> None:
    header = ("作者：发改委办公室\n来源：辽宁省发展和改革委员会\n发布时间：2021-07-23 10:20:30\n"
              "浏览次数：1234\n索引号：11210000MB0123456X/2021-00123\n签发人：王大明")
    meta = parse(letter(header=header)).meta
    assert (meta.author, meta.source, meta.published, meta.views) == (
        "发改委办公室", "辽宁省发展和改革委员会", "2021-07-23", 1234)
    assert (meta.index_number, meta.issuer) == ("11210000MB0123456X/2021-00123", "王大明")


def test_portal_fields_on_one_line() -> None:
    header = "作者：办公室 来源：省发改委 发布日期：2021年07月23日 浏览次数：56"
    meta = parse(letter(header=header)).meta
    assert (meta.author, meta.source, meta.published, meta.views) == (
        "办公室", "省发改委", "2021-07-23", 56)


def test_right_aligned_header_cells() -> None:
    header = "辽发改函〔2021〕123号\u3000\u3000\u3000\u3000签发人：王大明\u3000\u3000A类"
    meta = parse(letter(header=header)).meta
    assert meta.doc_number is not None
    assert (meta.issuer, meta.category) == ("王大明", "A")


PORTAL_PAGE = """【字体：大 中 小】
索引号：11210000/2021-001    主题分类：综合政务
发文机关：辽宁省发展和改革委员会    成文日期：2021年05月28日
标题：关于省十三届人大五次会议第1125号建议的答复
发文字号：辽发改函〔2021〕123号    发布日期：2021年07月23日
何金箭代表：
您提出的关于加快发展的建议收悉，现答复如下：
近年来，我市已完成投资。
打印本页 关闭窗口
"""


def test_government_portal_page() -> None:
    """A gov.cn-style table header: 标题 as a key, 成文日期 standing in for the date line."""
    parsed = parse(PORTAL_PAGE)
    meta = parsed.meta
    assert (meta.title, meta.meeting, meta.proposal_number) == (
        "关于省十三届人大五次会议第1125号建议的答复", "省十三届人大五次会议", "1125")
    assert (meta.signed, meta.published, meta.index_number) == (
        "2021-05-28", "2021-07-23", "11210000/2021-001")
    assert meta.doc_number is not None and meta.doc_number.number == "123"
    assert [s.text for s in parsed.statements] == [
        "您提出的关于加快发展的建议收悉，现答复如下：", "近年来，我市已完成投资。"]


# --- body headings ---------------------------------------------------------------------------


def tree(sections: tuple[Section, ...]) -> list[Any]:
    return [(s.label, s.level, s.topic, tree(s.subsections)) for s in sections]


HEADINGS = [
    ("all five styles nested",
     "一、总体情况\n（一）资金\n1.中央资金\n（1）预算内\n①专项\n近年来已安排资金。\n二、下一步",
     [("一", 1, "总体情况", [("一", 2, "资金", [("1", 3, "中央资金", [
         ("1", 4, "预算内", [("①", 5, "专项", [])])])])]), ("二", 1, "下一步", [])]),
    ("half-width parentheses",
     "(一)资金\n近年来已安排资金。\n(二)人才\n目前已引进人才。",
     [("一", 1, "资金", []), ("二", 1, "人才", [])]),
    ("skipped level: 一、 then 1.",
     "一、资金\n1.中央资金\n已安排。\n2.省级资金\n已安排。\n二、人才\n已引进。",
     [("一", 1, "资金", [("1", 2, "中央资金", []), ("2", 2, "省级资金", [])]),
      ("二", 1, "人才", [])]),
    ("1、 and 1． markers",
     "1、资金\n已安排。\n2．人才\n已引进。",
     [("1", 1, "资金", []), ("2", 1, "人才", [])]),
    ("depth by first appearance: （一） above 一、",
     "（一）资金\n一、中央资金\n已安排。\n（二）人才\n已引进。",
     [("一", 1, "资金", [("一", 2, "中央资金", [])]), ("二", 1, "人才", [])]),
    ("第一部分",
     "第一部分 总体情况\n已安排。\n第二部分 下一步\n将推进。",
     [("一", 1, "总体情况", []), ("二", 1, "下一步", [])]),
    ("heading followed by text on its line",
     "（一）加强组织领导。近年来，我市成立了领导小组。\n（二）强化资金保障。下一步将加大投入。",
     [("一", 1, "加强组织领导", []), ("二", 1, "强化资金保障", [])]),
    ("在……方面 parts under a numbered heading",
     "一、关于保障\n在资金保障方面：已安排资金。\n在人才方面：已引进人才。",
     [("一", 1, "保障", [(None, 2, "资金保障", []), (None, 2, "人才", [])])]),
]


@pytest.mark.parametrize(("body", "expected"), [row[1:] for row in HEADINGS],
                         ids=[row[0] for row in HEADINGS])
def test_headings(body: str, expected: list[Any]) -> None:
    assert tree(parse(letter(body=body)).sections) == expected


INLINE_ENUMERATIONS = [
    "我们主要做了三项工作：一是加强领导，二是强化保障，三是狠抓落实。",
    "第一，加强领导；第二，强化保障；第三，狠抓落实。",
    "下一步，我们将：1.5亿元用于补助，2020年完成。",
]


@pytest.mark.parametrize("body", INLINE_ENUMERATIONS)
def test_inline_enumerations_are_not_headings(body: str) -> None:
    parsed = parse(letter(body=body))
    assert parsed.sections == ()
    assert "no numbered sections found" in parsed.warnings


def test_inline_heading_after_stop_needs_running_numbers() -> None:
    body = "情况属实。一、主要原因：闸门锈蚀。二、处理措施：已经维修。"
    assert [s.topic for s in parse(letter(body=body)).sections] == ["主要原因", "处理措施"]
    lonely = "情况属实。三、闸门锈蚀，已经维修。"
    assert parse(letter(body=lonely)).sections == ()


def test_numbered_list_item_stays_a_statement() -> None:
    body = "会议确定：\n1、市水利局负责发布通告；\n2、水厂负责发出通知；"
    parsed = parse(letter(body=body))
    assert [s.label for s in parsed.sections] == ["1", "2"]
    assert any(s.text.startswith("市水利局负责发布通告") for s in parsed.statements)


NUMBERED_SENTENCES = [
    ("1.2020年以来，我市已完成投资。", "2020年以来，我市已完成投资。"),
    ("2.2021年将继续推进。", "2021年将继续推进。"),
    ("（1）市水利局负责发布通告；", "市水利局负责发布通告；"),
]


@pytest.mark.parametrize(("line", "statement"), NUMBERED_SENTENCES,
                         ids=[row[0] for row in NUMBERED_SENTENCES])
def test_numbered_sentence_is_heading_and_statement(line: str, statement: str) -> None:
    parsed = parse(letter(body=f"{line}\n（二）强化资金保障。\n已安排资金。"))
    assert parsed.sections[0].label in ("1", "2")
    assert statement in [s.text for s in parsed.statements]
    assert "强化资金保障。" not in [s.text for s in parsed.statements]


# --- closing, signature, footer --------------------------------------------------------------


@pytest.mark.parametrize("closing", [
    "此复。", "特此答复。", "感谢您对我省发展改革工作的关心和支持。",
    "感谢您对我们工作的关心和支持！\n此复",
])
def test_closing(closing: str) -> None:
    parsed = parse(letter(closing=closing))
    last = parsed.sections[-1]
    assert parsed.text[last.span[0] : last.span[1]].endswith("目前已引进人才100名。")
    assert parsed.statements[-1].section is None


SIGNATURES = [
    ("辽宁省发展和改革委员会\n2021年5月28日", ("辽宁省发展和改革委员会",), "2021-05-28"),
    ("辽宁省发展和改革委员会\n二〇二一年五月二十八日", ("辽宁省发展和改革委员会",), "2021-05-28"),
    ("辽宁省发展和改革委员会\n二○二一年五月二十八日", ("辽宁省发展和改革委员会",), "2021-05-28"),
    ("辽宁省发展和改革委员会\n2021-05-28", ("辽宁省发展和改革委员会",), "2021-05-28"),
    ("辽宁省发展和改革委员会\n辽宁省财政厅\n2021年5月28日",
     ("辽宁省发展和改革委员会", "辽宁省财政厅"), "2021-05-28"),
    ("辽宁省发展和改革委员会\u3000\u3000辽宁省财政厅\n2021年5月28日",
     ("辽宁省发展和改革委员会", "辽宁省财政厅"), "2021-05-28"),
    ("          辽宁省发展和改革委员会\n          2021年5月28日（印章）",
     ("辽宁省发展和改革委员会",), "2021-05-28"),
    ("辽宁省发展和改革委员会\n（盖章）\n2021年5月28日", ("辽宁省发展和改革委员会",), "2021-05-28"),
    ("辽宁省发展和改革委员会 2021年5月28日", ("辽宁省发展和改革委员会",), "2021-05-28"),
]


@pytest.mark.parametrize(("signature", "signers", "signed"), SIGNATURES,
                         ids=[str(i) for i in range(len(SIGNATURES))])
def test_signature(signature: str, signers: tuple[str, ...], signed: str) -> None:
    meta = parse(letter(signature=signature)).meta
    assert (meta.signers, meta.responder, meta.signed) == (signers, signers[0], signed)


CONTACTS = [
    ("（联系人：张三，联系电话：024-12345678）", [("张三", "024-12345678", None)]),
    ("联系人：张三\n联系电话：024-12345678", [("张三", "024-12345678", None)]),
    ("联系单位：省发展改革委办公室\n联系人：张三\n联系电话：024-12345678",
     [("张三", "024-12345678", "省发展改革委办公室")]),
    ("联系人：张三；电话：024-12345678", [("张三", "024-12345678", None)]),
    ("联系人：张三  联系电话：024-1111\n联系人：李四  联系电话：024-2222",
     [("张三", "024-1111", None), ("李四", "024-2222", None)]),
]


@pytest.mark.parametrize(("footer", "contacts"), CONTACTS, ids=[str(i) for i in range(5)])
def test_contacts(footer: str, contacts: list[tuple[str, str, str | None]]) -> None:
    text = letter(footer=footer)
    found = parse(text).meta.contacts
    assert [(c.name, c.phone, c.unit) for c in found] == contacts
    assert all(text[c.span[0] : c.span[1]] == c.text for c in found)


def test_cc_and_attachments() -> None:
    closing = "附件：1.项目清单\n2.资金分配表"
    text = letter(closing=closing, footer="抄送：省财政厅，省自然资源厅、葫芦岛市人民政府。")
    meta = parse(text).meta
    assert meta.cc == ("省财政厅", "省自然资源厅", "葫芦岛市人民政府")
    assert meta.attachments == ("项目清单", "资金分配表")
    assert meta.responder == "辽宁省发展和改革委员会"


FURNITURE = ["— 3 —", "- 2 -", "第1页 共3页", "第 2 页，共 3 页", "2/3", "（本文有删减）"]


@pytest.mark.parametrize("line", FURNITURE)
def test_page_furniture_is_not_a_statement(line: str) -> None:
    body = BODY.replace("\n二、", f"\n{line}\n二、")
    parsed = parse(letter(body=body, footer=line))
    assert not any(line in s.text for s in parsed.statements)
    assert [s.topic for s in parsed.sections] == ["产业发展", "人才引进"]
    assert parsed.meta.signed == "2021-05-28"


SITE_FOOTER = ("分享到：微信 微博\n相关链接：国家发展改革委 辽宁省人民政府\n"
               "主办单位：辽宁省发展和改革委员会 版权所有 辽ICP备05000001号\n"
               "网站标识码：2100000001 辽公网安备 21010502000001号")


def test_site_footer_below_the_letter_is_furniture() -> None:
    # A page saved from a portal: the site's footer must not hide the signature and date.
    text = letter(footer=SITE_FOOTER)
    parsed = parse(text)
    assert (parsed.meta.responder, parsed.meta.signed) == ("辽宁省发展和改革委员会", "2021-05-28")
    assert parsed.warnings == ()
    assert not any("相关链接" in s.text or "版权所有" in s.text for s in parsed.statements)
    layout = replyparse.layout.find_layout(text)
    assert [text[line.span[0]:line.span[1]] for line in layout.furniture] == SITE_FOOTER.split("\n")
    assert layout.site_footer == layout.furniture
    assert layout.furniture[0].span[0] == text.index("分享到")
    assert layout.furniture[-1].span[1] == len(text)
    # The organs its links and owner line name are not the letter's mentions.
    footer_start = text.index("分享到")
    assert [(d.text, d.span) for d in parsed.departments if d.span[0] >= footer_start] == []
    assert [d.text for d in parsed.departments][-1] == "辽宁省发展和改革委员会"  # the signature
    assert parse(letter()).departments == parsed.departments


MASTHEAD = "辽宁省发展和改革委员会\n"  # a portal's masthead: the site owner's name above the title
YINFA = "\n辽宁省发展和改革委员会办公室\u3000\u3000\u3000\u30002021年5月28日印发\n"  # the 版记 line


def _mentions(parsed: Letter, shift: int = 0) -> list[tuple[str, str, int, int]]:
    kinds = ("money", "areas", "quantities", "departments", "documents")
    return [(kind, m.text, m.span[0] - shift, m.span[1] - shift)
            for kind in kinds for m in getattr(parsed, kind)]


@pytest.mark.parametrize(("before", "after", "furniture"), [
    (MASTHEAD, "", ["辽宁省发展和改革委员会"]),
    ("", YINFA, ["辽宁省发展和改革委员会办公室", "2021年5月28日印发"]),
    (MASTHEAD, YINFA, ["辽宁省发展和改革委员会", "辽宁省发展和改革委员会办公室", "2021年5月28日印发"]),
], ids=["masthead", "yinfa", "both"])
def test_furniture_lines_hold_no_mentions(
    reference_text: str, before: str, after: str, furniture: list[str]
) -> None:
    # The reference letter as a portal page gives it (masthead) and as the printed document
    # ends (印发 line): the organs these lines name are not mentions of the letter, and every
    # mention of the letter itself is kept, the signature's organ included.
    text = before + reference_text + after
    layout = replyparse.layout.find_layout(text)
    assert [text[line.span[0]:line.span[1]] for line in layout.furniture] == furniture
    parsed, plain = parse(text), replyparse.parse(reference_text)
    assert _mentions(parsed, shift=len(before)) == _mentions(plain)
    assert len(parsed.departments) == 47
    signature = parsed.departments[-1]
    assert (signature.text, signature.span[1]) == (
        "辽宁省发展和改革委员会", len(before) + reference_text.rindex("委员会") + 3)
    assert (parsed.meta.title, parsed.meta.responder) == (plain.meta.title, plain.meta.responder)


def test_organ_line_of_a_title_is_not_a_masthead_and_stays_a_mention() -> None:
    # c-gov/041 (国务院办公厅 / 关于四川省…的函) writes its title so: the organ line is title.
    text = letter(title="辽宁省发展和改革委员会\n关于省十三届人大五次会议第1125号建议的答复")
    parsed = parse(text)
    assert replyparse.layout.find_layout(text).furniture == []
    first = parsed.departments[0]
    assert (first.text, first.span) == ("辽宁省发展和改革委员会", (0, 11))


def test_site_footer_words_inside_the_letter_stay() -> None:
    # 主办单位 lines are content in work reports; 相关链接 above the signature is the letter's.
    body = BODY + "\n主办单位：省交通运输厅，各州、市人民政府"
    parsed = parse(letter(body=body, signature=""))
    assert parsed.statements[-1].text == "主办单位：省交通运输厅，各州、市人民政府"
    parsed = parse(letter(body=BODY + "\n相关链接已公布在网站上。"))
    assert parsed.statements[-1].text == "相关链接已公布在网站上。"


# --- text shapes -----------------------------------------------------------------------------


def test_crlf_and_cr() -> None:
    base = parse(letter())
    for end in ("\r\n", "\r"):
        other = parse(letter().replace("\n", end))
        assert [s.stance for s in other.statements] == [s.stance for s in base.statements]
        assert other.meta.to_dict()["title"] == base.meta.title


def test_mid_sentence_break_joins_statement() -> None:
    body = "一、关于产业发展\n近年来，我市累计投入\n资金2亿元。下一步，我们将\n  继续推进。"
    parsed = parse(letter(body=body))
    texts = [s.text for s in parsed.statements if s.section == 1]
    assert texts == ["近年来，我市累计投入\n资金2亿元。", "下一步，我们将\n  继续推进。"]
    assert [s.stance for s in parsed.statements if s.section == 1] == [
        "achievement", "commitment"]


def test_one_paragraph_letter_without_anything() -> None:
    text = "您好！您反映的问题已收悉。经核实，该路段将于年底前完成改造。感谢您的支持！2019年5月9日"
    parsed = parse(text)
    assert parsed.meta.signed == "2019-05-09"
    assert parsed.sections == ()
    assert parsed.statements[-1].text == "感谢您的支持！"
    assert "no salutation found" in parsed.warnings


def test_no_header_lines_at_all() -> None:
    text = "何金箭代表：\n" + OPENING + "\n" + BODY + "\n" + SIGNATURE
    meta = parse(text).meta
    assert (meta.title, meta.addressee) == (None, "何金箭")
    assert meta.responder == "辽宁省发展和改革委员会"
    assert meta.proposal_title == "关于加快发展的建议"


@pytest.mark.parametrize("text", ["", " \n\u3000\n", "abc", "。。。", "：", "一、", "（一）\n1.",
                                  "2021年5月28日", "代表：", "— 3 —", "\r\r\n\n"])
def test_nothing_recognisable_still_parses(text: str) -> None:
    parsed = parse(text)
    assert parsed.text is text
    assert not [w for w in parsed.warnings if w.startswith("internal error")]
    parsed.to_json()


# --- linear time -----------------------------------------------------------------------------


def _timed(text: str) -> float:
    """CPU seconds of one parse: other processes on the machine do not count.

    The garbage collector is off while timing (as in ``adversarial.cost``): its full
    collections walk every live object, so a parse building ten times the objects pays it
    ~13x, not 10x (50,000 headings), which is the collector's growth, not the parser's."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        parse(text)
        return time.process_time() - start
    finally:
        gc.enable()


@pytest.mark.parametrize("unit", [
    "一", "（一", "第一", "在", "网友", "A类 ", "联系人：",
    # 333,333 sentences: the statements, not the layout, take ~10 s here.
    pytest.param("。1、", marks=pytest.mark.slow),
])
def test_one_megabyte_line_is_linear(unit: str) -> None:
    small = _timed(unit * (100_000 // len(unit)))
    large = _timed(unit * (1_000_000 // len(unit)))
    assert large < max(3.0, small * 30)  # quadratic would be ~100 times


def _headings(count: int) -> str:
    return letter(body="".join(f"（{i % 9 + 1}）第{i}项工作已完成。\n" for i in range(count)))


def test_fifty_thousand_headings_take_linear_time() -> None:
    # A ratio, not a bound in seconds: a loaded machine slows both parses alike.  Linear is
    # 10x, quadratic 100x; one noisy pair is forgiven.
    small, large = _headings(5_000), _headings(50_000)
    for attempt in range(2):
        ratio = _timed(large) / _timed(small)
        if ratio < 15:
            break
        assert attempt == 0, f"50,000 headings take {ratio:.1f}x the time of 5,000"


def test_long_site_footer_takes_linear_time() -> None:
    # Each footer line is set aside, and its mentions dropped, without a walk of the others.
    def tail(count: int) -> str:
        return letter(footer="相关链接：国家发展改革委 辽宁省人民政府\n" * count)

    large = tail(20_000)
    assert [d.text for d in parse(large).departments] == [
        d.text for d in parse(letter()).departments]
    for attempt in range(2):
        ratio = _timed(large) / _timed(tail(2_000))
        if ratio < 15:
            break
        assert attempt == 0, f"20,000 footer lines take {ratio:.1f}x the time of 2,000"


# --- everything at once ----------------------------------------------------------------------

OFFICIAL = """辽宁省发展和改革委员会

A类                                    辽发改函〔2021〕123号
签发人：王大明

关于省十三届人大五次会议
第1125号建议的答复

何金箭代表：
\u3000\u3000您提出的关于资源枯竭地区转型发展问题及对策研究的建议收悉，现答复如下：
\u3000\u3000一、关于顶层设计
\u3000\u3000（一）加强组织领导。近年来，葫芦岛市政府先后制定出台了
《关于加快推进我市资源枯竭地区转型发展工作意见》，累计投入2亿元。
— 2 —
\u3000\u3000（二）完善规划。下一步，我委将编制规划。
\u3000\u3000二、关于资金
\u3000\u3000在资金保障方面：2021年，省财政设立专项资金2亿元。
\u3000\u3000感谢您对我省发展改革工作的关心和支持。

\u3000\u3000附件：1.项目清单
\u3000\u3000\u3000\u3000\u30002.资金分配表

辽宁省发展和改革委员会\u3000\u3000\u3000\u3000辽宁省财政厅
二○二一年五月二十八日

（此件公开发布）
（联系人：张三，联系电话：024-12345678）
抄送：葫芦岛市人民政府，省财政厅。
辽宁省发展和改革委员会办公室\u3000\u3000\u3000\u30002021年5月28日印发
"""


def test_official_letter_with_every_zone() -> None:
    """Letterhead, class and 文号 on one line, 签发人, split title, headings three deep, a
    sentence broken over a line and a page number, closing, attachments, two signers, a
    Chinese-numeral date, disclosure, contact, 抄送 and the 印发 line."""
    parsed = parse(OFFICIAL)
    meta = parsed.meta
    assert meta.title == "关于省十三届人大五次会议第1125号建议的答复"
    assert (meta.proposal_number, meta.category, meta.issuer, meta.disclosure) == (
        "1125", "A", "王大明", "主动公开")
    assert meta.doc_number is not None and meta.doc_number.text == "辽发改函〔2021〕123号"
    assert meta.signers == ("辽宁省发展和改革委员会", "辽宁省财政厅")
    assert meta.signed == "2021-05-28"
    assert meta.attachments == ("项目清单", "资金分配表")
    assert meta.cc == ("葫芦岛市人民政府", "省财政厅")
    assert [(c.name, c.phone) for c in meta.contacts] == [("张三", "024-12345678")]
    assert tree(parsed.sections) == [
        ("一", 1, "顶层设计", [("一", 2, "加强组织领导", []), ("二", 2, "完善规划", [])]),
        ("二", 1, "资金", [(None, 2, "资金保障", [])]),
    ]
    assert [(s.section, s.subsection, s.stance) for s in parsed.statements] == [
        (None, None, "other"), (1, 1, "achievement"), (1, 2, "commitment"),
        (2, 1, parsed.statements[3].stance), (None, None, "other"),
    ]
    assert "\n《关于加快推进" in parsed.statements[1].text
    assert parsed.warnings == ()


def test_official_letter_keeps_its_letterhead_and_cc_organs() -> None:
    # The 印发 line's office is furniture; the letterhead above the title, the signers and
    # the 抄送 organs are the letter's own text and stay mentions.
    parsed = parse(OFFICIAL)
    found = [(d.text, d.span) for d in parsed.departments]
    yinfa = OFFICIAL.index("辽宁省发展和改革委员会办公室")
    assert [d for d in found if d[1][0] >= yinfa] == []
    assert found[0] == ("辽宁省发展和改革委员会", (0, 11))
    assert found[-4:] == [
        ("辽宁省发展和改革委员会", (OFFICIAL.index("辽宁省发展和改革委员会\u3000"),
                                OFFICIAL.index("辽宁省发展和改革委员会\u3000") + 11)),
        ("辽宁省财政厅", (OFFICIAL.index("辽宁省财政厅"), OFFICIAL.index("辽宁省财政厅") + 6)),
        ("葫芦岛市人民政府", (OFFICIAL.index("葫芦岛市人民政府"),
                          OFFICIAL.index("葫芦岛市人民政府") + 8)),
        ("省财政厅", (OFFICIAL.rindex("省财政厅"), OFFICIAL.rindex("省财政厅") + 4)),
    ]
