"""Two words of a reply letter's title: ``meta.proposal_class``, the class word a CPPCC
proposal number is written with (第经济发展类289号), and ``meta.reply_kind``, what the
letter calls itself at the end of its title (…的答复, …的复函, …提案答复的函)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

import replyparse
from replyparse.cli import main
from replyparse.errors import SchemaMismatch
from replyparse.export.commands import run_export
from replyparse.export.sql import connect
from replyparse.model import Letter

LETTERS = Path(__file__).resolve().parent / "data" / "letters"
REFERENCE_TITLE = (
    "省十三届人大五次会议第1125号《关于资源枯竭地区转型发展问题及对策研究的建议》的答复"
)
FIELDS = ("proposal_number", "proposal_class", "proposal_kind", "reply_kind")


def _titled(reference_text: str, title: str) -> tuple[str, Letter]:
    """The reference letter under another title (its first line)."""
    assert reference_text.startswith(REFERENCE_TITLE + "\n")
    text = title + reference_text[len(REFERENCE_TITLE):]
    return text, replyparse.parse(text)


def _read(text: str, letter: Letter) -> dict[str, tuple[str | None, str | None]]:
    """Each field: its value and the text its span slices (None without a span)."""
    meta = letter.meta
    return {name: (getattr(meta, name),
                   text[slice(*meta.spans[name])] if name in meta.spans else None)
            for name in FIELDS}


# -- titles as CPPCC and people's congress replies are written -----------------------------

TITLES = [
    # title, proposal_number, proposal_class, proposal_kind, reply_kind
    ("关于省政协十二届五次会议第经济发展类289号提案的答复", "289", "经济发展类", "提案", "答复"),
    ("关于省政协十二届五次会议（经济发展类289号）提案答复的函", "289", "经济发展类", "提案",
     "答复的函"),
    ("关于市政协十四届二次会议第A类123号提案的答复", "123", "A类", "提案", "答复"),
    ("关于市政协十四届二次会议第社会法制类第56号提案的答复函", "56", "社会法制类", "提案",
     "答复函"),
    ("对市政协十四届二次会议第0148号提案的答复", "0148", None, "提案", "答复"),
    ("关于市十六届人大二次会议第20号建议的会办意见", "20", None, "建议", "会办意见"),
    ("关于省十三届人大五次会议第1125号建议办理情况的报告", "1125", None, "建议",
     "办理情况的报告"),
    ("关于省政协十二届五次会议第0077号提案的答复意见", "0077", None, "提案", "答复意见"),
    ("关于省十三届人大五次会议第1125号建议的答复（摘要）", "1125", None, "建议", "答复"),
    ("国务院办公厅关于科技节水建议的复函", None, None, "建议", "复函"),
]


@pytest.mark.parametrize(("title", "number", "cls", "kind", "reply"), TITLES,
                         ids=[row[0][-12:] for row in TITLES])
def test_title_words(reference_text: str, title: str, number: str | None, cls: str | None,
                     kind: str, reply: str) -> None:
    text, letter = _titled(reference_text, title)
    assert letter.meta.title == title
    read = _read(text, letter)
    assert read["proposal_number"][0] == number
    assert read["proposal_class"] == (cls, cls)
    assert read["proposal_kind"] == (kind, kind)
    assert read["reply_kind"] == (reply, reply)
    # the ending is the title's own end (a bracketed note aside)
    assert title.rstrip("（摘要）").endswith(reply)


def test_spans_in_the_cppcc_title(reference_text: str) -> None:
    title = "关于省政协十二届五次会议第经济发展类289号提案的答复"
    text, letter = _titled(reference_text, title)
    spans = letter.meta.spans
    assert spans["proposal_class"] == (13, 18)
    assert spans["proposal_number"] == (18, 21)
    assert spans["reply_kind"] == (len(title) - 2, len(title))
    assert text[13:21] == "经济发展类289"


def test_the_reference_letter(reference: Letter) -> None:
    assert (reference.meta.proposal_class, reference.meta.reply_kind) == (None, "答复")
    assert reference.meta.spans["reply_kind"] == (41, 43)
    assert reference.text[41:43] == "答复"


@pytest.mark.parametrize(("name", "reply"), [
    ("a-001.txt", "答复"), ("a-002.txt", "答复"), ("a-003.txt", "答复"), ("a-004.txt", "复函")])
def test_the_a_letters(name: str, reply: str) -> None:
    text = (LETTERS / name).read_text(encoding="utf-8")
    meta = replyparse.parse(text).meta
    assert meta.reply_kind == reply
    assert text[slice(*meta.spans["reply_kind"])] == reply
    assert meta.proposal_class is None


# -- negatives ------------------------------------------------------------------------------


@pytest.mark.parametrize("title", [
    # the proposal's own title holds 答复/复函: the letter's title ends with 》
    "关于省政协十二届五次会议第0148号提案《关于提高信访事项答复质量的提案》",
    "关于《关于规范部门复函时限的建议》",
    # a title ending otherwise
    "省十三届人大五次会议第1125号建议办理情况",
    "关于资源枯竭地区转型发展的答复工作方案",
])
def test_no_reply_kind(reference_text: str, title: str) -> None:
    _, letter = _titled(reference_text, title)
    assert letter.meta.title == title
    assert letter.meta.reply_kind is None
    assert "reply_kind" not in letter.meta.spans


def test_reply_kind_after_the_proposal_title_with_the_same_word(reference_text: str) -> None:
    title = "关于省政协十二届五次会议第0148号《关于提高信访答复质量的提案》的答复"
    text, letter = _titled(reference_text, title)
    assert letter.meta.reply_kind == "答复"
    assert letter.meta.spans["reply_kind"] == (len(title) - 2, len(title))
    assert text[len(title) - 2 : len(title)] == "答复"
    assert letter.meta.proposal_title == "关于提高信访答复质量的提案"


def test_no_title_gives_null() -> None:
    letter = replyparse.parse("何金箭代表：\n\n您提出的关于加快发展的建议收悉，现答复如下：\n\n"
                              "我们已经完成了这项工作。\n\n辽宁省发展和改革委员会\n2021年5月28日\n")
    assert letter.meta.title is None
    assert (letter.meta.reply_kind, letter.meta.proposal_class) == (None, None)


def test_a_handling_class_line_is_not_the_proposal_class(reference_text: str) -> None:
    # A类 on its own line is the handling class (category), not the number's class word
    text = "A类\n" + reference_text
    letter = replyparse.parse(text)
    assert letter.meta.category == "A"
    assert letter.meta.proposal_class is None
    assert letter.meta.proposal_number == "1125"


# -- downstream: JSON, CSV, the database ----------------------------------------------------

CPPCC_TITLE = "关于省政协十二届五次会议第经济发展类289号提案的答复"


@pytest.fixture
def cppcc_letter(reference_text: str, tmp_path: Path) -> Path:
    path = tmp_path / "letters" / "cppcc.txt"
    path.parent.mkdir()
    path.write_text(CPPCC_TITLE + reference_text[len(REFERENCE_TITLE):], encoding="utf-8")
    return path


def test_json_carries_both_fields_and_spans(cppcc_letter: Path) -> None:
    record = json.loads(replyparse.parse(cppcc_letter.read_text(encoding="utf-8")).to_json())
    meta = record["meta"]
    assert (meta["proposal_class"], meta["reply_kind"]) == ("经济发展类", "答复")
    assert meta["spans"]["proposal_class"] == [13, 18]
    assert list(meta).index("proposal_class") == list(meta).index("proposal_number") + 1
    assert list(meta).index("reply_kind") == list(meta).index("proposal_kind") + 1


def test_csv_letters_table_has_the_columns(cppcc_letter: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    assert main(["parse", str(cppcc_letter), "--format", "csv", "-o", str(out)]) == 0
    with open(out / "letters.csv", encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["proposal_number"], row["proposal_class"], row["reply_kind"]) == (
        "289", "经济发展类", "答复")


def test_database_round_trip_and_old_schema(cppcc_letter: Path, db_url: str) -> None:
    status = run_export([str(cppcc_letter)], db=db_url, jobs=1, stderr=io.StringIO())
    assert status == 0
    engine = connect(db_url, create=False)
    with engine.begin() as connection:
        rows = connection.execute(sa.text(
            "SELECT proposal_number, proposal_class, reply_kind FROM letters")).all()
        assert [tuple(row) for row in rows] == [("289", "经济发展类", "答复")]
        # an earlier replyparse's table, without the two columns, is refused
        for column in ("proposal_class", "reply_kind"):
            connection.execute(sa.text(f"ALTER TABLE letters DROP COLUMN {column}"))
    engine.dispose()
    with pytest.raises(SchemaMismatch,
                       match=r"no column letters\.proposal_class, letters\.reply_kind"):
        connect(db_url)
