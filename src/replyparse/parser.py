"""TEMP parser stub so ``import replyparse`` works on the money branch; the lead drops it."""

from __future__ import annotations

from typing import Any


def parse(text: str, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def parse_file(path: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError
