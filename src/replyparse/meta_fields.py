"""The letter's metadata as readable lines, shared by the letter page and ``replyparse show``
(outside ``render``: the outline of ``show`` must not import the HTML views).

Both read the dict form (``Meta.to_dict()``), so a stored record shows the same as a fresh
parse.  The fields and their order are ``Meta``'s own (the order of docs/schema.md "Meta"),
so a field added to the model shows up here without a second list to keep in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from replyparse.model import Meta

META_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Meta) if f.name != "spans")
"""Every metadata field, in the schema's order."""


def _join(parts: list[tuple[str, Any]]) -> str:
    return " · ".join(f"{name} {value}" for name, value in parts if value not in (None, ""))


def _meeting_info(info: Mapping[str, Any]) -> str:
    return _join([(k, info.get(k)) for k in ("level", "body", "term", "session")])


def _doc_number(doc: Mapping[str, Any]) -> str:
    detail = _join([(k, doc.get(k)) for k in ("agency", "year", "number")])
    written = str(doc.get("text") or "")
    return f"{written} ({detail})" if written and detail else written or detail


def _contact(contact: Mapping[str, Any]) -> str:
    return _join([(k, contact.get(k)) for k in ("name", "phone", "unit")]) or str(
        contact.get("text") or "")


def display(field: str, value: Any) -> str:
    """``value`` of ``field`` as one line of plain text (not escaped)."""
    if field == "meeting_info" and isinstance(value, Mapping):
        text = _meeting_info(value)
    elif field == "doc_number" and isinstance(value, Mapping):
        text = _doc_number(value)
    elif field == "contacts" and isinstance(value, list | tuple):
        text = "; ".join(_contact(c) if isinstance(c, Mapping) else str(c) for c in value)
    elif isinstance(value, list | tuple):
        text = "; ".join(str(v) for v in value)
    else:
        text = str(value)
    # One line whatever the letter held: a value never breaks a terminal line or a cell.
    return " ".join(text.splitlines())


def is_found(value: Any) -> bool:
    """Whether the parser read the field: not null, not an empty list."""
    return value is not None and value != [] and value != ()


def found_fields(meta: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field, displayed value) of every field the parser read, in the schema's order."""
    return [(name, display(name, meta[name])) for name in META_FIELDS
            if is_found(meta.get(name))]


def missing_fields(meta: Mapping[str, Any]) -> list[str]:
    """The fields the parser did not read, in the schema's order."""
    return [name for name in META_FIELDS if not is_found(meta.get(name))]
