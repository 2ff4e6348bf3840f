"""Commitments, achievements and refusals of the reference letter (issue: trackable items).

Every commitment row was reviewed by hand against samples/liaoning-2021-1125.txt:
(start, first characters of the action, canonical actor(s), actor inferred, strength, cue,
time anchor as written, its year).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import replyparse
from replyparse.model import Letter, TrackedItem

FDC = "辽宁省发展和改革委员会"  # the responder: 我委

COMMITMENTS = [
    (321, "通过正在编制的《辽宁省资源型", ['辽宁省发展和改革委员会'], False, 'firm', '将', '下一步', None),
    (421, "结合《辽宁省国土空间规划》编", ['辽宁省自然资源厅'], False, 'firm', '将', None, None),
    (476, "设立特别振兴区名录", ['辽宁省自然资源厅'], True, 'firm', '将', None, None),
    (493, "南票区纳入特别振兴区名录下的", ['辽宁省自然资源厅'], True, 'intended', '拟', None, None),
    (549, "设立资源型地区转型发展专项资", ['辽宁省发展和改革委员会'], True, 'firm', '将', '今年', 2021),
    (574, "统筹安排,重点支持资源型地区", ['辽宁省发展和改革委员会', '辽宁省财政厅'], False, 'firm', '将', '今年', 2021),
    (634, "支持指导葫芦岛市及南票区推进", ['辽宁省有关单位'], False, 'firm', '将', None, None),
    (937, "进一步向财政部汇报我省资源枯", ['辽宁省财政厅'], False, 'firm', '将', '下一步', None),
    (974, "争取财政部更大的支持", ['辽宁省财政厅'], True, 'effort', '争取', '下一步', None),
    (985, "加大对资源枯竭地区支持力度,", ['辽宁省财政厅'], True, 'effort', '争取', '下一步', None),
    (1023, "支持葫芦岛市进一步落实《常州", ['辽宁省有关单位'], False, 'firm', '将', None, None),
    (1300, "引导废钢铁、废塑料、废轮胎等", ['辽宁省工业和信息化厅'], False, 'firm', '将', '下一步', None),
    (1374, "协调葫芦岛市加大园区的开发建", ['辽宁省有关单位'], False, 'firm', '将', None, None),
    (1456, "用好用足82万千瓦新能源发电", ['辽宁省有关单位'], True, None, None, None, None),
    (1656, "通过正在编制的《辽宁省采煤沉", ['辽宁省发展和改革委员会'], False, 'firm', '将', '下一步', None),
    (1736, "“十四五末期”,包括南票在内", ['辽宁省发展和改革委员会'], True, 'effort', '力争', '“十四五末期', 2025),
    (1806, "争取独立工矿区改造提升中央预", ['辽宁省发展和改革委员会'], False, 'effort', '争取', None, None),
    (1857, "重点对尚需治理的58家地方煤", ['辽宁省发展和改革委员会'], True, None, None, None, None),
    (1910, "完成土地复垦1000亩", ['辽宁省发展和改革委员会'], True, 'intended', '预计', None, None),
    (2106, "充分利用在葫芦岛经济开发区设", ['辽宁省发展和改革委员会'], True, None, None, '下一步', None),
    (2156, "结合《葫芦岛市“飞地经济”重", ['辽宁省发展和改革委员会'], True, None, None, None, None),
    (2245, "加快推进北港“飞地产业园区”", ['辽宁省发展和改革委员会'], True, None, None, None, None),
    (2293, "推进金星工业园区“七通一平”", ['辽宁省发展和改革委员会'], True, None, None, None, None),
    (2343, "通过建立“政府+企业”运作模", ['辽宁省发展和改革委员会'], True, None, None, None, None),
    (2405, "通过中央预算内投资补助资金支", ['辽宁省发展和改革委员会'], False, 'firm', '将', None, None),
    (2643, "向财政部反映我省葫芦岛南票区", ['辽宁省财政厅'], False, 'effort', '积极', '下一步', None),
    (2673, "争取将南票区实施中小学营养改", ['辽宁省财政厅'], True, 'effort', '争取', '2021年', 2021),
    (2704, "在2021年,全省建设400", ['辽宁省卫生健康委员会'], False, 'intended', '计划', '2021年', 2021),
    (2754, "南票区危房新增存量纳入202", ['葫芦岛市'], False, 'firm', '将', '2021年', 2021),
    (2807, "做好低收入人群劳动报酬保障工", ['辽宁省人力资源和社会保障厅'], False, 'effort', '积极', '2021年', 2021),
    (2836, "对最低工资标准进行调整", ['辽宁省人力资源和社会保障厅'], True, 'intended', '拟', '2021年', 2021),
    (3122, "结合南票区项目实际情况", ['辽宁省发展和改革委员会'], False, 'firm', '将', '下一步', None),
    (3141, "争取独立工矿区改造提升中央预", ['辽宁省发展和改革委员会'], True, 'effort', '争取', '下一步', None),
    (3189, "进一步向财政部汇报我省资源枯", ['辽宁省财政厅'], False, 'firm', '将', None, None),
    (3222, "争取财政部更大的支持", ['辽宁省财政厅'], True, 'effort', '争取', None, None),
    (3233, "加大对资源枯竭地区支持力度,", ['辽宁省财政厅'], True, 'effort', '争取', None, None),
    (3261, "设立资源型地区转型发展专项资", ['辽宁省财政厅'], False, None, None, '2021年', 2021),
    (3289, "统筹安排,重点支持资源型地区", ['辽宁省发展和改革委员会', '辽宁省财政厅'], False, 'firm', '将', '2021年', 2021),
    (3361, "组织收集汇总产业、企业信息,", ['辽宁省商务厅'], False, 'firm', '将', None, None),
    (3391, "结合做好三篇大文章有关要求,", ['辽宁省商务厅'], True, None, None, '未来', None),
    (3564, "围绕上下游产业链,加大招商引", ['辽宁省商务厅'], True, None, None, None, None),
    (3582, "围绕加快传统产业改造升级,发", ['辽宁省商务厅'], True, 'effort', '积极', None, None),
    (3686, "宣传当地政策、产业优势,表达", ['辽宁省商务厅'], True, 'effort', '积极', None, None),
    (3742, "加强企业服务保障,推动产业项", ['辽宁省商务厅'], True, None, None, None, None),
    (3762, "严格落实“三落实”专项行动有", ['辽宁省商务厅'], True, 'firm', '确保', None, None),
    (3888, "研究制定推进新时代辽宁人力资", ['辽宁省人力资源和社会保障厅'], False, 'study', '研究', None, None),
    (4076, "推进“双招双引”,有序推进“", ['辽宁省人力资源和社会保障厅'], True, None, None, None, None),
    (4157, "持续实施“百校千企”计划,对", ['辽宁省人力资源和社会保障厅'], True, None, None, None, None),
    (4237, "进一步健全城乡一体化的学校布", ['辽宁省教育厅'], False, 'firm', '将', None, None),
    (4292, "深化义务教育集团化办学模式改", ['辽宁省教育厅'], True, None, None, None, None),
    (4338, "加大对普通高中基础设施投入,", ['辽宁省教育厅'], True, None, None, None, None),
]


def test_commitment_count(reference: Letter) -> None:
    assert len(reference.commitments) == len(COMMITMENTS)


@pytest.mark.parametrize(
    ("start", "action", "actor", "inferred", "strength", "cue", "when", "year"),
    COMMITMENTS,
    ids=[f"{r[0]}-{r[1][:6]}" for r in COMMITMENTS],
)
def test_commitment(
    reference: Letter, start: int, action: str, actor: list[str], inferred: bool,
    strength: str | None, cue: str | None, when: str | None, year: int | None,
) -> None:
    item = next(i for i in reference.commitments if i.span[0] == start)
    assert item.action.startswith(action)
    assert (list(item.actor), item.actor_inferred, item.strength, item.cue) == (
        actor, inferred, strength, cue,
    )
    assert (item.when.text if item.when else None) == when
    assert (item.when.year if item.when else None) == year
    s, e = item.span
    assert reference.text[s:e] == item.text
    a0, a1 = item.action_span
    assert reference.text[a0:a1] == item.action
    assert s <= a0 <= a1 <= e


def _find(items: tuple[TrackedItem, ...], action: str) -> TrackedItem:
    return next(i for i in items if i.action.startswith(action))


def test_effort_of_the_finance_department(reference: Letter) -> None:
    item = _find(reference.commitments, "争取财政部更大的支持")
    assert item.action == "争取财政部更大的支持"
    assert (item.actor, item.strength, item.cue) == (("辽宁省财政厅",), "effort", "争取")


def test_special_fund_of_this_year(reference: Letter) -> None:
    item = _find(reference.commitments, "设立资源型地区转型发展专项资金2亿元")
    assert item.actor == (FDC,)  # 我省将设立…: the responder speaks for the province
    assert (item.strength, item.when.year if item.when else None) == ("firm", 2021)
    assert [m.text for m in item.money] == ["2亿元"]


def test_intended_reclamation(reference: Letter) -> None:
    item = _find(reference.commitments, "完成土地复垦1000亩")
    assert (item.strength, item.cue) == ("intended", "预计")
    assert [a.text for a in item.areas] == ["1000亩"]


def test_end_of_five_year_plan(reference: Letter) -> None:
    item = next(i for i in reference.commitments if i.cue == "力争")
    assert item.when is not None
    assert (item.when.year, item.when.horizon) == (2025, "year")


def test_next_step_has_no_date(reference: Letter) -> None:
    item = reference.commitments[0]
    assert item.when is not None
    assert (item.when.text, item.when.year, item.when.horizon) == ("下一步", None, "unspecified")


ACHIEVEMENTS = [
    # (action starts with, actor, money, areas, year or range)
    ("治理采煤沉陷区2542公顷", ("南票区",), [], ["2542公顷"], None),
    ("累计为南票争取财力性转移支付21.96亿元", (FDC,), ["21.96亿元"], [], (2009, 2020)),
    ("争取国家发展改革委支持", (FDC,), ["0.64亿元"], [], 2018),
    ("获得省以上扶贫发展资金6683.8万元", ("南票区",), ["6683.8万元"], [], 2020),
    # 并对…配备了医疗专用设备,资金支持总额达686万元: one result, its amount inside
    ("对虹螺岘镇、张相公乡、高桥镇、金星镇4所乡镇卫生院配备了医疗专用设备", ("辽宁省卫生健康委员会",),
     ["686万元"], [], None),
]


@pytest.mark.parametrize(("action", "actor", "money", "areas", "when"), ACHIEVEMENTS,
                         ids=[r[0][:8] for r in ACHIEVEMENTS])
def test_achievement(reference: Letter, action: str, actor: tuple[str, ...], money: list[str],
                     areas: list[str], when: object) -> None:
    item = _find(reference.achievements, action)
    assert item.kind == "achievement"
    assert item.actor == actor
    assert [m.text for m in item.money] == money
    assert [a.text for a in item.areas] == areas
    if isinstance(when, tuple):
        assert item.when is not None and item.when.range == when
    elif when is not None:
        assert item.when is not None and item.when.year == when


def test_every_achievement_amount_is_in_an_item(reference: Letter) -> None:
    inside = {m.span for i in reference.achievements for m in i.money}
    done = {m.span for m in reference.money if m.stance == "achievement"}
    assert done <= inside


def test_reference_declines_nothing(reference: Letter) -> None:
    assert reference.declined == ()


DECLINED = [
    ("您提出的建议很有意义,但目前暂不具备条件,我们将留作参考。", "暂不具备条件"),
    ("该事项超出职责范围,建议向市政府反映。", "超出职责"),
    ("由于资金缺口较大,该工程难以实施。", "难以实施"),
]


@pytest.mark.parametrize(("text", "cue"), DECLINED, ids=[r[1] for r in DECLINED])
def test_declined(text: str, cue: str) -> None:
    letter = replyparse.parse(text)
    assert [i.cue for i in letter.declined][:1] == [cue]
    assert all(i.kind == "declined" and i.strength == "declined" for i in letter.declined)


# 镇党委、政府: the second organ named by its function alone is part of the subject (b-005).
ELIDED = [
    ("洋湖街道工委、办事处已于2016年11月对财务进行了彻查。", "洋湖街道工委",
     "于2016年11月对财务进行了彻查", (11, 28)),
    ("下一步，县委、政府将加快推进道路建设。", "县委", "加快推进道路建设", (10, 18)),
]


@pytest.mark.parametrize(("text", "actor", "action", "span"), ELIDED, ids=["工委、办事处", "县委、政府"])
def test_elided_second_organ_is_not_the_action(
    text: str, actor: str, action: str, span: tuple[int, int]
) -> None:
    letter = replyparse.parse(text)
    (item,) = letter.achievements + letter.commitments
    assert (item.actor_text, item.action, item.action_span) == ((actor,), action, span)
    assert text[span[0]:span[1]] == action


# A second subject joined by 与/和/及/、 is part of the subject, not the action's start
# (c-gov work reports, data/subject_joins.tsv): (text, actor, actor_text, action, span).
JOINED = [
    # 及其 + a part of the first organ: the subject's span only.
    ("各级政府及其工作人员将带头严格遵守宪法和法律。", ("各级政府",), ("各级政府",),
     "带头严格遵守宪法和法律", (11, 22)),
    ("国务院及其部门将带头大幅精简会议。", ("国务院",), ("国务院",), "带头大幅精简会议", (8, 16)),
    # A place joined to a place: both act.
    ("香港、澳门已保持繁荣稳定。", ("香港特别行政区", "澳门特别行政区"), ("香港", "澳门"),
     "保持繁荣稳定", (6, 12)),
    ("亳州、黄山已入选国家中医药传承创新发展试验区。", ("亳州市", "黄山市"), ("亳州", "黄山"),
     "入选国家中医药传承创新发展试验区", (6, 22)),
    ("乌海及周边地区将强化大气污染联防联控。", ("乌海市",), ("乌海",), "强化大气污染联防联控", (8, 18)),
    # An organ joined to an organ: a known one acts; one the extractors do not know, ending
    # like an organ before a verb or cue, extends the span only.
    ("市政府与省交通运输厅已签订合作协议。", ("市人民政府", "省交通运输厅"), ("市政府", "省交通运输厅"),
     "签订合作协议", (11, 17)),
    ("中央政府和省级政府要带头过紧日子，将压减一般性支出。", ("国务院",), ("中央政府",),
     "要带头过紧日子，将压减一般性支出", (9, 25)),
    ("中国工商银行、中国银行、中国建设银行和交通银行完成股份制改造。",
     ("中国工商银行", "中国银行", "中国建设银行"), ("中国工商银行", "中国银行", "中国建设银行"),
     "完成股份制改造", (23, 30)),
    # A list the parser cannot read to its end: the action holds it (never opens with 、).
    ("国家发展改革委、京津冀协同发展领导小组办公室将做好综合协调。", ("国家发展和改革委员会",),
     ("国家发展改革委",), "国家发展改革委、京津冀协同发展领导小组办公室将做好综合协调", (0, 29)),
    ("山西中医药大学、运城学院已分别获批博士、硕士学位授予单位。", ("山西中医药大学",),
     ("山西中医药大学",), "山西中医药大学、运城学院已分别获批博士、硕士学位授予单位", (0, 28)),
    ("黄冈、黄石、荆州等9个离岸科创园已投入运营。", ("黄冈市", "黄石市", "荆州市"),
     ("黄冈", "黄石", "荆州"), "黄冈、黄石、荆州等9个离岸科创园已投入运营", (0, 21)),
    # No join: 和/及/与 inside a word or a name, or 与 as "with" before what is no organ.
    ("新疆和田学院、新疆天山职业技术大学已挂牌招生。", ("新疆维吾尔自治区",), ("新疆",),
     "新疆和田学院、新疆天山职业技术大学已挂牌招生", (0, 22)),
    ("市政府及时处理了群众反映的问题。", ("市人民政府",), ("市政府",),
     "及时处理了群众反映的问题", (3, 15)),
    ("县政府和谐社区建设已完成。", ("县人民政府",), ("县政府",), "和谐社区建设已完成", (3, 12)),
    ("县供电公司与小区业主代表进行了沟通交流。", ("县供电公司",), ("县供电公司",),
     "与小区业主代表进行了沟通交流", (5, 19)),
]


@pytest.mark.parametrize(
    ("text", "actor", "actor_text", "action", "span"), JOINED, ids=[r[0][:8] for r in JOINED]
)
def test_joined_subject(
    text: str, actor: tuple[str, ...], actor_text: tuple[str, ...], action: str,
    span: tuple[int, int],
) -> None:
    letter = replyparse.parse(text)
    (item,) = letter.achievements + letter.commitments
    assert (item.actor, item.actor_text, item.actor_inferred) == (actor, actor_text, False)
    assert (item.action, item.action_span) == (action, span)
    assert text[span[0]:span[1]] == action


# A cue in a list is a word of the action, not a modal after a subject (c-gov/057, 028, 053);
# a cue coordinated with a verb still is one (研究和制定): (text, action, strength).
LISTED = [
    ("实施更积极、更开放、更有效的人才引进政策。", "实施更积极、更开放、更有效的人才引进政策", None),
    ("推进奶业振兴计划和高端肉牛工程。", "推进奶业振兴计划和高端肉牛工程", None),
    ("积极研究和制定方案。", "研究和制定方案", "study"),
    ("将积极、稳妥地推进改革。", "积极、稳妥地推进改革", "effort"),
]


@pytest.mark.parametrize(("text", "action", "strength"), LISTED, ids=[r[0][:6] for r in LISTED])
def test_cue_in_a_list(text: str, action: str, strength: str | None) -> None:
    (item,) = replyparse.parse(text).commitments
    assert (item.action, item.strength) == (action, strength)
    assert text[item.action_span[0]:item.action_span[1]] == action


# Past a named subject, words before a cue holding a 、 are the action, not more subject
# (c-gov/058); an unrecognised subject may still hold one: (text, action, span, strength).
WINDOW = [
    ("国务院及其部门要带头大幅精简会议、积极压减文件。", "要带头大幅精简会议、积极压减文件", (7, 23), None),
    ("某某公司、某单位将加快建设。", "加快建设", (9, 13), "firm"),
]


@pytest.mark.parametrize(("text", "action", "span", "strength"), WINDOW, ids=["named", "unnamed"])
def test_no_subject_across_a_list_after_a_named_one(
    text: str, action: str, span: tuple[int, int], strength: str | None
) -> None:
    (item,) = replyparse.parse(text).commitments
    assert (item.action, item.action_span, item.strength) == (action, span, strength)
    assert text[span[0]:span[1]] == action


def test_times_in_a_list_and_with_this_lead() -> None:
    """2014年、2015年 is a list of times, not a time anchor before the action; 与此同时
    leads a clause as 同时 does."""
    text = "2014年、2015年两年以300元每亩的租金流转了水田40亩。"
    (item,) = replyparse.parse(text).achievements
    assert (item.action, item.action_span) == (text[:-1], (0, 31))
    text = "与此同时，协调发展水平已稳步提高。"
    (item,) = replyparse.parse(text).achievements
    assert (item.action, item.action_span) == ("协调发展水平已稳步提高", (5, 16))


def test_departments_summary(reference: Letter) -> None:
    rows = {r.canonical: r for r in reference.departments_summary()}
    fdc = rows[FDC]
    assert (fdc.mentions, fdc.kind, fdc.level) == (10, "government", "provincial")
    assert set(fdc.written) == {"我委", "发改委", "辽宁省发展和改革委员会"}
    finance = rows["辽宁省财政厅"]
    assert (finance.mentions, finance.written) == (6, ["省财政厅", "省财政"])
    assert finance.committed_yuan == Decimal("200000000")  # 2021年,省财政设立…专项资金2亿元
    assert rows["财政部"].commitments == 0  # named as the one asked, never the actor
    health = rows["辽宁省卫生健康委员会"]
    assert (health.achievements, health.achieved_yuan) == (2, Decimal("6860000"))
    assert rows["南票区"].kind == "unmentioned"
    first = reference.departments_summary()[0]
    assert first.canonical == FDC and first.to_dict()["committed_yuan"] == "200000000"
