"""docs/schema.md documents every key of the output contract (Letter.to_dict())."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from replyparse import model

SCHEMA_DOC = (Path(__file__).resolve().parent.parent / "docs" / "schema.md").read_text(
    encoding="utf-8"
)
FIELDS = [
    (cls.__name__, field.name)
    for cls in vars(model).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__
    for field in dataclasses.fields(cls)
    if not field.metadata.get("hidden")
]


@pytest.mark.parametrize(("cls", "name"), FIELDS, ids=[f"{c}.{n}" for c, n in FIELDS])
def test_key_is_documented(cls: str, name: str) -> None:
    assert f"`{name}`" in SCHEMA_DOC


def test_schema_version_is_documented() -> None:
    assert f'`"{model.SCHEMA}"`' in SCHEMA_DOC
