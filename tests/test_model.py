"""The result classes: frozen, keyword-only, and built by model._quick_init's ``__init__``
exactly as the ``__init__`` that ``dataclass`` writes would build them."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from decimal import Decimal

import pytest

from replyparse import model
from replyparse.model import Meta, Money

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
