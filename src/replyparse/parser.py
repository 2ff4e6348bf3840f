"""TEMP stub so ``import replyparse`` works on the depts branch; the lead replaces it."""

from __future__ import annotations

from typing import Any


def parse(text: str) -> Any:
    raise NotImplementedError


def parse_file(path: str) -> Any:
    raise NotImplementedError
