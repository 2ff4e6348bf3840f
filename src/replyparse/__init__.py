"""replyparse: Chinese government reply letters (答复) as typed, span-exact data.

>>> letter = parse("下一步,我委将安排资金2亿元。")
>>> letter.money[0].yuan
Decimal('200000000')

Importing the package does no work: vocabularies and patterns are built on first use, and
jieba is imported only when keywords are asked for.
"""

from __future__ import annotations

__version__ = "0.1.0"

from replyparse.errors import InputTooLarge, ReadError, ReplyParseError
from replyparse.io import Document, read_text
from replyparse.model import (
    Area,
    Department,
    DocumentRef,
    Letter,
    Meta,
    Money,
    Quantity,
    Section,
    Statement,
)
from replyparse.parser import parse, parse_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from replyparse.batch import Result, parse_many

_LAZY = {"parse_many": "replyparse.batch", "Result": "replyparse.batch"}


def __getattr__(name: str) -> object:
    """``parse_many`` and ``Result`` load ``replyparse.batch`` (and its pool) on first use."""
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'replyparse' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "Area",
    "Department",
    "Document",
    "DocumentRef",
    "InputTooLarge",
    "Letter",
    "Meta",
    "Money",
    "Quantity",
    "ReadError",
    "ReplyParseError",
    "Result",
    "Section",
    "Statement",
    "__version__",
    "parse",
    "parse_file",
    "parse_many",
    "read_text",
]
