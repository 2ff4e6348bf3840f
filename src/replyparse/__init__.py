"""replyparse: Chinese government reply letters (答复) as typed, span-exact data.

>>> from replyparse import parse
>>> letter = parse("下一步,我委将安排资金2亿元。")
>>> letter.money[0].yuan
Decimal('200000000')

Importing the package does no work: the result types and the parsing pipeline are imported
when first looked up, vocabularies and patterns are built on first use, and jieba is imported
only when keywords are asked for.
"""

from __future__ import annotations

__version__ = "0.1.0"

from replyparse.errors import InputTooLarge, ReadError, ReplyParseError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from replyparse.batch import Result, parse_many
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

# Every public name but the errors loads its module on first use (PEP 562), so that
# ``import replyparse`` does no work: the result types (~25 dataclasses with ``dataclasses``
# itself), the parsing pipeline, the file readers (encodings, html, docx, pdf) and the batch
# runner (its pool).  ``from replyparse import parse`` imports the model and the pipeline;
# ``docs/performance.md`` gives both costs.
_LAZY = {
    **dict.fromkeys(
        ("Area", "Department", "DocumentRef", "Letter", "Meta", "Money", "Quantity", "Section",
         "Statement"),
        "replyparse.model",
    ),
    "parse": "replyparse.parser",
    "parse_file": "replyparse.parser",
    "Document": "replyparse.io",
    "read_text": "replyparse.io",
    "parse_many": "replyparse.batch",
    "Result": "replyparse.batch",
}


def __getattr__(name: str) -> object:
    """Attributes of ``_LAZY`` import their module on first use."""
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
