"""placeholder"""
from __future__ import annotations


def pdf_to_text(data: bytes, label: str) -> tuple[str, tuple[str, ...]]:
    raise NotImplementedError
