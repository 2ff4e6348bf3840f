"""The whole output contract of the reference letter equals the reviewed JSON in samples/."""

from __future__ import annotations

import json
from pathlib import Path

from replyparse.model import Letter

EXPECTED = Path(__file__).resolve().parent.parent / "samples" / "liaoning-2021-1125.expected.json"


def test_reference_output_is_the_reviewed_json(reference: Letter) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    actual = json.loads(reference.to_json())
    for key in expected:
        assert actual[key] == expected[key], key
    assert set(actual) == set(expected)


def test_json_has_no_floats(reference: Letter) -> None:
    def walk(value: object) -> None:
        assert not isinstance(value, float)
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(json.loads(reference.to_json()))
    assert json.loads(reference.to_json())["money"][1]["yuan"] == "2196000000"
