"""Statement stance against the blind hand labels (tests/data/stance_labels*.tsv).

The labels key each statement by source file, span and text.  The reference letter is in
``samples/``; every corpus text they need has a byte-for-byte copy in the project
(``bench/project_corpus.py``: tests/data/corpus, tests/data/letters, bench/data), so
nothing here depends on the shared corpus.
Floors are the measured accuracies (docs/accuracy.md, "Stance") rounded down a little, so a
change that loses a few statements of a set fails here.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
from bench.project_corpus import project_text

from replyparse import parse
from replyparse.stance import Scope, opening

_ROOT = Path(__file__).resolve().parent.parent
_LABELS = _ROOT / "tests" / "data" / "stance_labels.tsv"
_HELDOUT = _ROOT / "tests" / "data" / "stance_labels_heldout.tsv"
_BLIND2 = _ROOT / "tests" / "data" / "stance_labels_blind2.tsv"

Label = tuple[int, int, str, str]  # start, end, stance, text


@cache
def _text(source: str) -> str:
    return project_text(source).read_text(encoding="utf-8")


def _read(labels: Path) -> dict[str, list[Label]]:
    out: dict[str, list[Label]] = defaultdict(list)
    for line in labels.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            source, start, end, stance, text = line.split("\t")
            out[source].append((int(start), int(end), stance, text))
    return dict(out)


_DEV = _read(_LABELS)
_HELD = _read(_HELDOUT)
_BLIND = _read(_BLIND2)


@cache
def _statements(source: str) -> dict[tuple[int, int], tuple[str, str]]:
    text = _text(source)
    return {s.span: (s.text, s.stance) for s in parse(text).statements}


def _set(source: str) -> str:
    top = source.split("/")[0]
    return "reference" if top == "samples" else top


# --- the labels still key statements of the parse ------------------------------------------

_SOURCES = sorted({*_DEV, *_HELD, *_BLIND})


@pytest.mark.parametrize("source", _SOURCES)
def test_labelled_spans_are_statements_with_their_text(source: str) -> None:
    statements = _statements(source)
    labelled = _DEV.get(source, []) + _HELD.get(source, []) + _BLIND.get(source, [])
    for start, end, _, text in labelled:
        assert statements.get((start, end), ("<no statement>", ""))[0] == text, (start, end)


def test_label_files_have_the_sample_sizes() -> None:
    assert sum(map(len, _DEV.values())) == 417
    assert sum(map(len, _HELD.values())) == 87
    assert sum(map(len, _BLIND.values())) == 127


# --- accuracy floors per set ----------------------------------------------------------------

FLOORS = [
    pytest.param(_DEV, "reference", 1.0, id="reference-55"),  # development data: all right
    pytest.param(_DEV, "a-letters", 0.74, id="a-letters-58"),  # measured 44/58 = 0.759
    pytest.param(_DEV, "b-replies", 0.76, id="b-replies-204"),  # measured 159/204 = 0.779
    pytest.param(_DEV, "c-gov", 0.97, id="c-gov-100"),  # measured 99/100
    # Held out for the first rule change (36/62 then), development data since.
    pytest.param(_HELD, "b-replies", 0.70, id="heldout-b-replies-62"),  # measured 45/62 = 0.726
    pytest.param(_HELD, "c-gov", 0.92, id="heldout-c-gov-25"),  # measured 24/25
    # The second blind sample: first run 85/127 = 0.669 (before any change here), the same
    # after it; reported, not tuned on.
    pytest.param(_BLIND, "b-replies", 0.65, id="blind2-b-replies-127"),
]


@pytest.mark.parametrize(("labels", "name", "floor"), FLOORS)
def test_accuracy_floor(labels: dict[str, list[Label]], name: str, floor: float) -> None:
    right = total = 0
    for source, rows in labels.items():
        if _set(source) != name:
            continue
        statements = _statements(source)
        for start, end, stance, _ in rows:
            total += 1
            right += statements[start, end][1] == stance
    assert total
    assert right / total >= floor, f"{name}: {right}/{total}"


# --- concrete statements: what each rule change is for -------------------------------------

# (source, text, stance): rows of the labels whose stance the parser gets right.
RIGHT = [
    # A review's results with no cue take the stance of its heading (2024年工作回顾).
    pytest.param("c-gov/010.txt", "新增国家先进制造业集群3个。", "achievement",
                 id="review-opened-by-heading"),
    # ... and one 预计 estimate does not turn the results after it into promises.
    pytest.param("c-gov/010.txt", "全年接待游客超9亿人次，旅游收入破万亿。", "achievement",
                 id="review-after-estimate"),
    pytest.param("c-gov/020.txt", "加快实现封关运作。", "commitment", id="plan-opened-by-heading"),
    # 项目前期 holds no 目前.
    pytest.param("c-gov/010.txt", "做好郓城新河等6个项目前期工作，构建通江达海内河航运网。",
                 "commitment", id="no-mu-qian-in-xiang-mu-qian-qi"),
    # 现将…回复如下 is no promise, nor are the cue-less sentences after it.
    pytest.param("b-replies/038.txt", "现将有关情况回复如下：", "other", id="xian-jiang-frame"),
    pytest.param("b-replies/038.txt",
                 "博才金鹰小学原规划名为新丰源小学，其中学校土地由新丰源花园提供，并由其负责建设，"
                 "金科东方大院和天麓小区分别承担相应的建设资金。", "other",
                 id="after-xian-jiang-frame"),
    pytest.param("b-replies/293.txt", "谢谢您对我的信任！", "other", id="xie-xie-closing"),
    pytest.param("b-replies/203.txt", "您好：您反映的情况我局已悉知，现回复如下：", "other",
                 id="xi-zhi-receipt"),
    pytest.param("a-letters/004.txt", "遵照国务院领导同志批示，现将有关情况函复如下：", "other",
                 id="han-fu-ru-xia"),
    # No reset at a paragraph: a cue-less paragraph keeps the running stance.
    pytest.param("a-letters/002.txt", "中央政府门户网站于2006年1月1日正式开通。", "achievement",
                 id="paragraph-inherits"),
    pytest.param("b-replies/233.txt",
                 "在接到群众反映后，徐飞鹏已于2017年5月中旬向桃川镇党委递交了辞职申请，"
                 "桃川镇党委已批准其辞去建安亭村党支部委员、副书记一职。", "achievement",
                 id="done-with-year"),
    pytest.param("samples/liaoning-2021-1125.txt",
                 "用好用足82万千瓦新能源发电指标,发展光伏、风电等新能源产业,同时发展矿产品深加工和"
                 "循环产业,加快推进大唐风电、金地矿业膨润土加工等一批重点项目建设。", "commitment",
                 id="reference-plan-continued"),
    # A sentence whose past years are all more than three years before the letter's is
    # history: no cue, and no running achievement for the sentences after it (b-035 is of
    # 2017).
    pytest.param("b-replies/035.txt", "2011年5月，国务院正式批复A6区县改区，撤销A6区县，设立A市A6区。",
                 "other", id="old-year-is-history"),
    pytest.param("b-replies/035.txt",
                 "根据这个精神，A6区教育管理体制不变，因此在A6区读初中直接报考A6区高中，不能报考城区高中。",
                 "other", id="after-old-year"),
    pytest.param("b-replies/113.txt",
                 "1970年沙田乡人民政府为发展当地农业生态产业，带动当地人口就业，以沙田乡石江村与合塘村"
                 "两村交界400多亩山林为开发地，成立“九二茶山”合作社，主要以种植茶叶、采摘烘烤茶叶、"
                 "成品茶叶出售为产业链条，茶场正常运营至1995年，因市场各方面原因导致销售下滑，"
                 "茶场生产出现停滞。", "other", id="history-year"),
    # A frame merged with its content (…收悉，现将…回复如下：…) is decided by the content after
    # 如下：, not by the receipt word; a frame alone stays other.
    pytest.param("b-replies/158.txt",
                 "您反映的问题已收悉，现将具体情况回复如下：针对您反映的问题，贺家土街道和区城管局立即安排"
                 "工作人员进行了调查处理。", "achievement", id="merged-frame"),
    pytest.param("b-replies/203.txt", "您好：您反映的情况我局已悉知，现回复如下：", "other",
                 id="frame-alone"),
    # A finding of the responder's check (经查…, …属实, 经鉴定…) is achievement.
    pytest.param("b-replies/233.txt",
                 "经查，2017年3月建安亭村村党支部委员海选是全体党员、村民代表投票推荐的，海选程序合法，"
                 "不存在指定等违纪问题。", "achievement", id="finding-jing-cha"),
    pytest.param("b-replies/280.txt",
                 "M3县宇天矿业有限公司产生的高碳铬铁废渣经鉴定属于一般固体废物的一类，大部分集中堆放在"
                 "厂区后面，少部分被石圳村刘友永主动清运至自家山地堆放。", "achievement",
                 id="finding-jing-jian-ding"),
    # Thanks or a receipt ending in a promise is one (感谢…，我们将…)...
    pytest.param("a-letters/004.txt",
                 "感谢您对节水治污工作的关心和支持，我们将督促有关部门做好有关措施的落实工作。",
                 "commitment", id="thanks-then-promise"),
    pytest.param("b-replies/173.txt",
                 "您所反映的问题已知悉，感谢您的建议留言，我们将会对您的建议进行研究斟酌。",
                 "commitment", id="receipt-thanks-then-promise"),
    # ... a receipt ending in no promise stays other.
    pytest.param("b-replies/248.txt",
                 "“UU008726”关于你反映的“请求取缔K1区渔池头村的非法养猪场”问题，我局高度重视，立即组织"
                 "监察执法人员、富家桥镇政府分管领导、区畜牧水产局相关部门工作人员到渔池头村调查核实，"
                 "现将有关情况汇报如下：", "other", id="frame-with-investigation"),
    # ... a recent year still is one (b-143 is of 2017).
    pytest.param("b-replies/143.txt", "二、2013、2014年取得荷塘国际广场、泰山名城两个项目的土地使用权，"
                 "完成投资7060万元（土地出让金）。", "achievement", id="recent-year"),
]

# Rows the parser still gets wrong (docs/accuracy.md, "Stance", known limits).
WRONG = [
    pytest.param("a-letters/003.txt", "博客是一项新兴的互联网应用，其应用和管理还有待完善和规范。",
                 "other", id="background-inherits-mu-qian",
                 marks=pytest.mark.xfail(strict=True, reason="cue-less background inherits the "
                                         "running achievement across a paragraph")),
    pytest.param("b-replies/233.txt",
                 "周斋村村民邓益国从中标工程老板处转包了一段100多米长的水渠修建和机耕道水渠零星维修工程，"
                 "完工后通过徐飞鹏从工程老板处收到了9500元的工程款。", "other", id="third-party-le",
                 marks=pytest.mark.xfail(strict=True, reason="了 is read as the responder's act, "
                                         "also a third party's")),
    pytest.param("b-replies/175.txt", "因泉塘水库不属于小二型水库，没有纳入全市水利除险保安计划。",
                 "other", id="ji-hua-noun",
                 marks=pytest.mark.xfail(strict=True, reason="计划 as a noun is read as a plan")),
]


def _labelled(source: str, text: str) -> str:
    """The gold stance of the statement of ``source`` with ``text``."""
    rows = [row for row in _DEV.get(source, []) + _HELD.get(source, []) if row[3] == text]
    assert len(rows) == 1, (source, text)
    return rows[0][2]


@pytest.mark.parametrize(("source", "text", "stance"), RIGHT + WRONG)
def test_statement_stance(source: str, text: str, stance: str) -> None:
    assert _labelled(source, text) == stance  # the row agrees with the labels
    found = [s for span, (t, s) in _statements(source).items() if t == text]
    assert found == [stance]


# --- heading words --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("headings", "expected"),
    [
        pytest.param(["2024年工作回顾"], ("achievement", ("回顾",)), id="review"),
        pytest.param(["产业升级成效显著", "2024年工作回顾"], ("achievement", ("回顾",)),
                     id="sub-part-takes-its-section"),
        pytest.param(["在全方位扩大内需上下功夫、求实效", "2025年重点工作"],
                     ("commitment", ("重点工作",)), id="plan"),
        pytest.param(["2025年工作总体要求和主要目标"], ("commitment", ("总体要求",)),
                     id="leftmost-word"),
        pytest.param(["有关部门下一步拟采取的措施"], ("commitment", ("下一步",)), id="letter"),
        pytest.param(["关于“加快体制创新,转变发展观念”的建议"], None, id="proposal-none"),
        pytest.param(["在资金保障方面"], None, id="topic-none"),
    ],
)
def test_opening(headings: list[str], expected: tuple[str, tuple[str, ...]] | None) -> None:
    assert opening(headings) == expected


# --- cues of one sentence -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("year", "sentence", "expected"),
    [
        # A range reaching into the last three years counts, reported by its first year.
        pytest.param(2021, "2009年-2020年,我省累计为南票争取财力性转移支付21.96亿元。",
                     ("achievement", ("2009年", "累计")), id="range-to-recent"),
        pytest.param(2018, "袁益村泉塘组泉塘水库，于1958年修建蓄水，属骨干山塘，2003年进行修缮加固。",
                     ("other", ()), id="old-years-only"),
        pytest.param(2017, "2014年10月，吴根福注册个体工商户营业执照。", ("achievement", ("2014年",)),
                     id="three-years-back"),
        # 已将 holds no promise: 将 is the object marker there.
        pytest.param(2017, "何凤楚已将户口迁走。", ("achievement", ("已",)), id="yi-jiang"),
        pytest.param(2017, "我局将于下月开展检查。", ("commitment", ("将",)), id="jiang"),
    ],
)
def test_sentence_cues(year: int, sentence: str, expected: tuple[str, tuple[str, ...]]) -> None:
    assert Scope(year).decide(sentence, 0, len(sentence)) == expected


def test_a_finding_is_not_the_running_stance() -> None:
    """经查 decides its own sentence; the facts told after it are not made achievements (and
    麻将 holds no 将)."""
    scope = Scope(2017)
    first, then = "经查，该麻将馆位于龙福小区6栋1楼。", "该馆老板系外地人。"
    assert scope.decide(first, 0, len(first)) == ("achievement", ("经查",))
    assert scope.decide(then, 0, len(then)) == ("other", ())
    scope.running = ("achievement", ("已",))
    assert scope.decide(then, 0, len(then)) == ("achievement", ("已",))
