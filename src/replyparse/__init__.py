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
    "Section",
    "Statement",
    "__version__",
    "parse",
    "parse_file",
    "read_text",
]
