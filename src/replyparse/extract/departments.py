"""TEMPORARY stub, replaced by the depts branch."""
from dataclasses import dataclass
from typing import Any

import regex

from replyparse.context import Context
from replyparse.model import Department


def find_departments(text: str, context: Context | None = None) -> list[Department]:
    return []





@dataclass(frozen=True, slots=True)
class Place:
    province: str | None
    city: str | None
    county: str | None
    level: str | None


def place_of(name: str) -> Place | None:
    m = regex.match(r"(\p{Han}{2,3}?(?:省|自治区))?(\p{Han}{2,4}?市)?", name)
    if not m or not m.group(0):
        return None
    level = "municipal" if m.group(2) else "provincial"
    return Place(m.group(1), m.group(2), None, level)


def vocabulary_words() -> list[str]:
    return []


def find_places(text: str) -> list[Any]:
    return []
