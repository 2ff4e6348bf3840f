"""The reference letter's statements: every sentence, its stance, section and deciding cues.

Each row was checked by reading the sentence in samples/liaoning-2021-1125.txt:
(start, end, first ten characters, stance, section, sub-part of section 七).
"""

from __future__ import annotations

import pytest

from replyparse.model import Letter

STATEMENTS = [
    (92, 127, "您提出的关于资源枯竭", "other", None, None),
    (157, 317, "近年来,葫芦岛市政府", "achievement", 1, None),
    (321, 421, "下一步,我委将通过正", "commitment", 1, None),
    (421, 476, "省自然资源厅结合《辽", "commitment", 1, None),
    (476, 549, "同时,规划中将设立特", "commitment", 1, None),
    (549, 634, "今年,我省将设立资源", "commitment", 1, None),
    (634, 704, "省有关单位将支持指导", "commitment", 1, None),
    (734, 784, "近年来,针对南票区等", "achievement", 2, None),
    (784, 839, "通过国家资源枯竭城市", "achievement", 2, None),
    (839, 933, "2018年,我委争取", "achievement", 2, None),
    (937, 1023, "下一步,省财政厅将进", "commitment", 2, None),
    (1023, 1103, "省有关单位将支持葫芦", "commitment", 2, None),
    (1133, 1191, "目前,通过巩固发展环", "achievement", 3, None),
    (1191, 1226, "循环产业园区已入驻企", "achievement", 3, None),
    (1226, 1260, "通过发展蔬菜、水果、", "achievement", 3, None),
    (1260, 1296, "限上和规上服务业企业", "achievement", 3, None),
    (1300, 1374, "下一步,省工信厅将引", "commitment", 3, None),
    (1374, 1456, "省有关单位将协调葫芦", "commitment", 3, None),
    (1456, 1531, "用好用足82万千瓦新", "commitment", 3, None),
    (1561, 1652, "近年来,在各级单位支", "achievement", 4, None),
    (1656, 1806, "下一步,我委将通过正", "commitment", 4, None),
    (1806, 1857, "同时,我委将争取独立", "commitment", 4, None),
    (1857, 1924, "重点对尚需治理的58", "commitment", 4, None),
    (1954, 2063, "近年来,通过创新体制", "achievement", 5, None),
    (2063, 2102, "划拨806亩土地作为", "achievement", 5, None),
    (2106, 2156, "下一步,充分利用在葫", "commitment", 5, None),
    (2156, 2245, "结合《葫芦岛市“飞地", "commitment", 5, None),
    (2245, 2293, "加快推进北港“飞地产", "commitment", 5, None),
    (2293, 2343, "推进金星工业园区“七", "commitment", 5, None),
    (2343, 2405, "通过建立“政府+企业", "commitment", 5, None),
    (2405, 2432, "我委将通过中央预算内", "commitment", 5, None),
    (2462, 2550, "2020年南票区获得", "achievement", 6, None),
    (2550, 2639, "省卫生健康委支持了南", "achievement", 6, None),
    (2643, 2704, "下一步,省财政厅积极", "commitment", 6, None),
    (2704, 2754, "省卫生健康委计划在2", "commitment", 6, None),
    (2754, 2807, "葫芦岛市将南票区危房", "commitment", 6, None),
    (2807, 2854, "省人力资源社会保障厅", "commitment", 6, None),
    (2892, 2941, "近年来针对南票区等资", "achievement", 7, 1),
    (2941, 2996, "通过国家资源枯竭城市", "achievement", 7, 1),
    (2996, 3122, "省有关单位争取国家和", "achievement", 7, 1),
    (3122, 3189, "下一步,我委将结合南", "commitment", 7, 1),
    (3189, 3261, "省财政厅将进一步向财", "commitment", 7, 1),
    (3261, 3349, "2021年,省财政设", "commitment", 7, 1),
    (3361, 3391, "省商务厅将组织收集汇", "commitment", 7, 2),
    (3391, 3564, "结合做好三篇大文章有", "commitment", 7, 2),
    (3564, 3582, "围绕上下游产业链,加", "commitment", 7, 2),
    (3582, 3742, "围绕加快传统产业改造", "commitment", 7, 2),
    (3742, 3762, "加强企业服务保障,推", "commitment", 7, 2),
    (3762, 3872, "严格落实“三落实”专", "commitment", 7, 2),
    (3888, 4076, "省人力资源社会保障厅", "commitment", 7, 3),
    (4076, 4157, "推进“双招双引”,有", "commitment", 7, 3),
    (4157, 4237, "持续实施“百校千企”", "commitment", 7, 3),
    (4237, 4292, "省教育厅将进一步健全", "commitment", 7, 3),
    (4292, 4338, "深化义务教育集团化办", "commitment", 7, 3),
    (4338, 4396, "加大对普通高中基础设", "commitment", 7, 3),
]


def test_statement_count(reference: Letter) -> None:
    assert len(reference.statements) == len(STATEMENTS) == 55


@pytest.mark.parametrize(
    ("start", "end", "head", "stance", "section", "sub"),
    STATEMENTS,
    ids=[f"{row[0]}-{row[2]}" for row in STATEMENTS],
)
def test_statement(
    reference: Letter, start: int, end: int, head: str, stance: str, section: int | None,
    sub: int | None,
) -> None:
    found = next(s for s in reference.statements if s.span[0] == start)
    assert found.span == (start, end)
    assert found.text.startswith(head)
    assert reference.text[start:end] == found.text
    assert (found.stance, found.section, found.subsection) == (stance, section, sub)


CUES = [
    (157, ("近年来", "先后", "了")),
    (321, ("下一步", "将")),
    (839, ("2018年", "累计")),  # 将南票区纳入… is an object marker, outvoted
    (1857, ("预计",)),  # 预计完成土地复垦1000亩: 完成 is outvoted
    (2462, ("2020年",)),  # section 六 opens with no cue word: the past year decides
    (2941, ("2009年", "累计")),
    (3122, ("下一步", "将")),
]


@pytest.mark.parametrize(("start", "cues"), CUES, ids=[str(row[0]) for row in CUES])
def test_deciding_cues(reference: Letter, start: int, cues: tuple[str, ...]) -> None:
    found = next(s for s in reference.statements if s.span[0] == start)
    assert found.cues == cues


def test_paragraph_with_both_stances_is_split(reference: Letter) -> None:
    """在资金保障方面: 近年来… (achievement) 下一步,我委将… (commitment), one paragraph."""
    part = [s for s in reference.statements if s.section == 7 and s.subsection == 1]
    assert [s.stance for s in part] == ["achievement"] * 3 + ["commitment"] * 3
    assert part[3].text.startswith("下一步,我委将结合南票区项目实际情况")
    assert part[2].text.endswith("进一步推动了南票区基础服务公共设施建设。")


def test_headings_are_not_statements(reference: Letter) -> None:
    texts = [s.text for s in reference.statements]
    assert not any(t.startswith(("一、", "七、", "在资金保障方面")) for t in texts)
    assert not any(t == "辽宁省发展和改革委员会" for t in texts)
