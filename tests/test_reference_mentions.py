"""The reference letter's mentions with the stance and section the assembler gives them.

Values were read off samples/liaoning-2021-1125.txt by hand; the extractor tables
(tests/data/amounts.tsv, test_departments.py) check the extraction itself in more depth.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from replyparse.model import Letter

# (start, text, yuan, stance, section)
MONEY = [
    (570, "2亿元", "200000000", "commitment", 1),  # 今年,我省将设立…专项资金2亿元
    (831, "21.96亿元", "2196000000", "achievement", 2),
    (901, "0.64亿元", "64000000", "achievement", 2),
    (2096, "4.3亿元", "430000000", "achievement", 5),
    (2481, "6683.8万元", "66838000", "achievement", 6),  # section 六 has no cue word
    (2509, "240.59万元", "2405900", "achievement", 6),
    (2530, "1939万元", "19390000", "achievement", 6),
    (2633, "686万元", "6860000", "achievement", 6),
    (2988, "21.96亿元", "2196000000", "achievement", 7),
    (3029, "6386万元", "63860000", "achievement", 7),
    (3048, "151万元", "1510000", "achievement", 7),
    (3076, "1103万元", "11030000", "achievement", 7),
    (3095, "626万元", "6260000", "achievement", 7),
    (3285, "2亿元", "200000000", "commitment", 7),  # 2021年,省财政设立…2亿元
]


def test_money_count(reference: Letter) -> None:
    assert len(reference.money) == 14


@pytest.mark.parametrize(("start", "text", "yuan", "stance", "section"), MONEY,
                         ids=[f"{r[0]}-{r[1]}" for r in MONEY])
def test_money(reference: Letter, start: int, text: str, yuan: str, stance: str,
               section: int) -> None:
    found = next(m for m in reference.money if m.span[0] == start)
    assert found.span == (start, start + len(text))
    assert reference.text[start : start + len(text)] == found.text == text
    assert found.yuan == Decimal(yuan)
    assert (found.stance, found.section, found.approx, found.range) == (stance, section, None,
                                                                        None)


def test_money_total(reference: Letter) -> None:
    total = sum((m.yuan for m in reference.money if m.yuan is not None), Decimal(0))
    assert total == Decimal("5464153900")  # summed by hand from the rows above


# (start, text, mu, hectares, stance, section)
AREAS = [
    (281, "4000亩", "4000", "266.6667", "achievement", 1),
    (1585, "2542公顷", "38130", "2542", "achievement", 4),
    (1598, "57.5公顷", "862.5", "57.5", "achievement", 4),
    (1611, "27.3万亩", "273000", "18200", "achievement", 4),
    (1624, "2.5万亩", "25000", "1666.6667", "achievement", 4),
    (1634, "13.8万亩", "138000", "9200", "achievement", 4),
    (1889, "4000亩", "4000", "266.6667", "commitment", 4),  # …以及4000亩沉陷区…进行生态治理
    (1918, "1000亩", "1000", "66.6667", "commitment", 4),  # 预计完成土地复垦1000亩
    (2027, "4000亩", "4000", "266.6667", "achievement", 5),
    (2065, "806亩", "806", "53.7333", "achievement", 5),
]


def test_area_count(reference: Letter) -> None:
    assert len(reference.areas) == 10


@pytest.mark.parametrize(("start", "text", "mu", "hectares", "stance", "section"), AREAS,
                         ids=[f"{r[0]}-{r[1]}" for r in AREAS])
def test_area(reference: Letter, start: int, text: str, mu: str, hectares: str, stance: str,
              section: int) -> None:
    found = next(a for a in reference.areas if a.span[0] == start)
    assert reference.text[start : start + len(text)] == found.text == text
    assert (found.mu, found.hectares) == (Decimal(mu), Decimal(hectares))
    assert (found.stance, found.section) == (stance, section)


@pytest.mark.parametrize("trap", ["82万千瓦", "94.7%", "27条", "三步走", "十四五"])
def test_not_money_or_area(reference: Letter, trap: str) -> None:
    texts = {m.text for m in reference.money} | {a.text for a in reference.areas}
    assert not any(trap in t or t in trap for t in texts)


def test_power_is_a_quantity(reference: Letter) -> None:
    power = [q for q in reference.quantities if q.kind == "power"]
    assert [(q.text, q.value, q.unit) for q in power] == [("82万千瓦", Decimal("82"), "万千瓦")]


# (start, title, kind, period)
DOCUMENTS = [
    (16, "关于资源枯竭地区转型发展问题及对策研究的建议", "建议", None),
    (174, "关于加快推进我市资源枯竭地区转型发展工作意见", "意见", None),
    (198, "关于建立南票区与杨家杖子资源枯竭地区经济转型“飞地产业园”方案", "方案", None),
    (231, "葫芦岛市做好统筹文章抓好推进转型工作落实方案", "方案", None),
    (335, "辽宁省资源型地区转型发展“十四五”规划", "规划", (2021, 2025)),
    (429, "辽宁省国土空间规划", "规划", None),
    (1040, "常州市葫芦岛市推动创业创新对口合作协议", "协议", None),
    (1670, "辽宁省采煤沉陷区综合治理规划(2021-2025年)", "规划", (2021, 2025)),
    (1982, "关于建立南票区与杨家杖子资源枯竭地区经济转型“飞地产业园”方案", "方案", None),
    (2158, "葫芦岛市“飞地经济”重点工业企业流动资金贷款贴息补助管理暂行办法", "办法", None),
    (2192, "葫芦岛市支持“飞地经济”工业地产建设奖励资金管理使用办法", "办法", None),
]


def test_document_count(reference: Letter) -> None:
    assert len(reference.documents) == 11


@pytest.mark.parametrize(("start", "title", "kind", "period"), DOCUMENTS,
                         ids=[f"{r[0]}-{r[2]}" for r in DOCUMENTS])
def test_document(reference: Letter, start: int, title: str, kind: str,
                  period: tuple[int, int] | None) -> None:
    found = next(d for d in reference.documents if d.span[0] == start)
    assert found.text == f"《{title}》" == reference.text[found.span[0] : found.span[1]]
    assert (found.title, found.kind, found.period) == (title, kind, period)


# canonical name → (level, kind, number of mentions)
DEPARTMENTS = {
    "辽宁省发展和改革委员会": ("provincial", None, 10),  # 8 × 我委, the signature, 发改委 (author)
    "辽宁省财政厅": ("provincial", "government", 6),  # 5 × 省财政厅 + 省财政 as an organ
    "财政部": ("national", "government", 5),
    "国家发展和改革委员会": ("national", "government", 1),
    "辽宁省自然资源厅": ("provincial", "government", 1),
    "辽宁省工业和信息化厅": ("provincial", "government", 1),
    "辽宁省卫生健康委员会": ("provincial", "government", 2),
    "辽宁省人力资源和社会保障厅": ("provincial", "government", 2),
    "辽宁省商务厅": ("provincial", "government", 1),
    "辽宁省教育厅": ("provincial", "government", 1),
    "葫芦岛市人民政府": ("municipal", "government", 1),
    "辽宁能源集团": (None, "enterprise", 1),
    "辽宁省有关单位": ("provincial", "collective", 6),
    "辽宁省有关部门": ("provincial", "collective", 1),
}


@pytest.mark.parametrize("canonical", list(DEPARTMENTS))
def test_department(reference: Letter, canonical: str) -> None:
    level, kind, count = DEPARTMENTS[canonical]
    found = [d for d in reference.departments if d.canonical == canonical]
    assert len(found) == count
    assert {d.level for d in found} == {level}
    if kind is not None:
        assert {d.kind for d in found} == {kind}
    for d in found:
        assert reference.text[d.span[0] : d.span[1]] == d.text


def test_self_references_resolve_to_the_responder(reference: Letter) -> None:
    ours = [d for d in reference.departments if d.text == "我委"]
    assert len(ours) == 8
    assert {(d.canonical, d.kind) for d in ours} == {("辽宁省发展和改革委员会", "self")}


def test_universities_are_never_government(reference: Letter) -> None:
    for name in ("河海大学", "江苏科技大学", "南京工业大学", "南京工程学院"):
        found = [d for d in reference.departments if d.text == name]
        assert all(d.kind == "institution" for d in found)
    assert not [d for d in reference.departments if "大学" in d.text and d.kind == "government"]
