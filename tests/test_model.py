"""The result classes: frozen, keyword-only, and built by model._quick_init's ``__init__``
exactly as the ``__init__`` that ``dataclass`` writes would build them; their ``to_dict``
(written per class from the field types) gives what a walk of the fields gives."""

from __future__ import annotations

import dataclasses
import inspect
import json
import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import replyparse
from replyparse import model
from replyparse.model import Area, Contact, DocNumber, MeetingInfo, Meta, Money, Section

RESULT_CLASSES = sorted(
    (cls for cls in vars(model).values()
     if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__),
    key=lambda cls: cls.__name__,
)


def test_every_result_class_has_the_quick_init() -> None:
    assert len(RESULT_CLASSES) == 14
    for cls in RESULT_CLASSES:
        assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"
        assert "_set_" in cls.__init__.__code__.co_names[0], cls


@pytest.mark.parametrize("cls", RESULT_CLASSES, ids=lambda cls: cls.__name__)
def test_signature_is_the_fields_keyword_only_with_their_defaults(cls: type) -> None:
    parameters = list(inspect.signature(cls).parameters.values())
    fields = dataclasses.fields(cls)
    assert [p.name for p in parameters] == [f.name for f in fields]
    for parameter, f in zip(parameters, fields, strict=True):
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
        if f.default is not dataclasses.MISSING:
            assert parameter.default == f.default
        elif f.default_factory is dataclasses.MISSING:
            assert parameter.default is inspect.Parameter.empty


@pytest.mark.parametrize("cls", RESULT_CLASSES, ids=lambda cls: cls.__name__)
def test_every_field_given_is_stored(cls: type) -> None:
    values = {f.name: f"value of {f.name}" for f in dataclasses.fields(cls)}
    result = cls(**values)
    assert {name: getattr(result, name) for name in values} == values


@pytest.mark.parametrize("cls", RESULT_CLASSES, ids=lambda cls: cls.__name__)
def test_positional_new_builds_what_the_keywords_build(cls: type) -> None:
    values = {f.name: f"value of {f.name}" for f in dataclasses.fields(cls)}
    built = model.positional_new(cls)(*values.values())
    assert type(built) is cls and built == cls(**values)
    assert {name: getattr(built, name) for name in values} == values
    # Built as a settable twin, it ends a frozen cls like any other.
    first = next(iter(values))
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(built, first, "changed")
    assert pickle.loads(pickle.dumps(built)) == built
    assert model.positional_new(cls) is model.positional_new(cls)  # written once


@pytest.mark.parametrize("cls", RESULT_CLASSES, ids=lambda cls: cls.__name__)
def test_fields_left_out_take_their_defaults(cls: type) -> None:
    required = {f.name: 1 for f in dataclasses.fields(cls)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    result = cls(**required)
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            assert getattr(result, f.name) == f.default
        elif f.default_factory is not dataclasses.MISSING:
            assert getattr(result, f.name) == f.default_factory()


def test_a_default_factory_gives_each_result_its_own_value() -> None:
    first, second = Meta(), Meta()
    assert first.spans == {} and first.spans is not second.spans


def test_bad_arguments_raise_type_error() -> None:
    with pytest.raises(TypeError, match="missing"):
        Money(text="5万元", span=(0, 3), value=Decimal(5), unit="万元")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword"):
        Money(text="5万元", span=(0, 3), value=Decimal(5), unit="万元", yuan=None,
              colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="positional"):
        Money("5万元", (0, 3), Decimal(5), "万元", None)  # type: ignore[misc]


def test_results_stay_frozen_comparable_hashable_and_picklable() -> None:
    money = Money(text="5万元", span=(0, 3), value=Decimal(5), unit="万元",
                  yuan=Decimal(50000))
    with pytest.raises(dataclasses.FrozenInstanceError):
        money.unit = "元"  # type: ignore[misc]
    twin = Money(text="5万元", span=(0, 3), value=Decimal(5), unit="万元",
                 yuan=Decimal(50000))
    assert money == twin and hash(money) == hash(twin)
    assert pickle.loads(pickle.dumps(money)) == money
    assert dataclasses.replace(money, approx="余").approx == "余"
    assert money.to_dict()["yuan"] == "50000"


def _walk(value: Any) -> Any:
    """The output contract by its definition (docs/schema.md), one value at a time."""
    if isinstance(value, Decimal):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _walk(getattr(value, f.name)) for f in dataclasses.fields(value)
                if not f.metadata.get("hidden")}
    if isinstance(value, (list, tuple)):
        return [_walk(v) for v in value]
    if isinstance(value, dict):
        return {k: _walk(v) for k, v in value.items()}
    return value


LETTERS = sorted((Path(__file__).parent / "data" / "letters").glob("*.txt"))[:12]


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.name)
def test_to_dict_is_the_walk_of_the_fields(path: Path) -> None:
    letter = replyparse.parse(path.read_text(encoding="utf-8"))
    walked = _walk(letter)
    expected = {"schema": walked.pop("schema"), **walked}
    # Same keys in the same order, same values and types (json.dumps sees all three).
    assert json.dumps(letter.to_dict(), ensure_ascii=False) == json.dumps(
        expected, ensure_ascii=False)


def test_to_dict_of_the_reference_letter(reference: model.Letter) -> None:
    record = reference.to_dict()
    assert list(record)[:3] == ["schema", "meta", "sections"]
    assert record == {"schema": model.SCHEMA, **{k: v for k, v in _walk(reference).items()
                                                  if k != "schema"}}


def test_to_dict_of_every_field_shape() -> None:
    meta = Meta(meeting_info=MeetingInfo(level="省", body="人大", term=13, session=5),
                signers=("王五",), doc_number=DocNumber(text="辽发改函〔2021〕1号", span=(0, 12),
                                                      agency="辽发改函", year=2021, number="1"),
                contacts=(Contact(text="联系人：张三", span=(3, 9), name="张三"),),
                spans={"title": (0, 4)})
    assert meta.to_dict()["meeting_info"] == {"level": "省", "body": "人大", "term": 13,
                                              "session": 5}
    assert meta.to_dict()["doc_number"]["span"] == [0, 12]
    assert meta.to_dict()["contacts"] == [{"text": "联系人：张三", "span": [3, 9], "name": "张三",
                                           "phone": None, "unit": None}]
    assert meta.to_dict()["signers"] == ["王五"] and meta.to_dict()["spans"] == {"title": [0, 4]}
    assert Meta().to_dict()["meeting_info"] is None and Meta().to_dict()["cc"] == []
    area = Area(text="1至2万亩", span=(0, 6), value=None, unit="万亩", mu=None, hectares=None,
                range=(Decimal("1"), Decimal("2.50")))
    assert area.to_dict()["range"] == ["1", "2.50"] and area.to_dict()["mu"] is None
    inner = Section(number=1, label="（一）", heading="h", topic="t", span=(5, 9),
                    heading_span=(5, 6), level=2)
    outer = Section(number=1, label="一、", heading="H", topic="T", span=(0, 9),
                    heading_span=(0, 2), level=1, subsections=(inner,), text="hidden")
    assert outer.to_dict()["subsections"][0]["span"] == [5, 9]
    assert "text" not in outer.to_dict()
