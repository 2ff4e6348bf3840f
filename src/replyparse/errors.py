"""Errors: each is a ``ReplyParseError`` and the matching builtin, so callers can catch either."""

from __future__ import annotations


class ReplyParseError(Exception):
    """Base of every error replyparse raises on purpose."""


class InputTooLarge(ReplyParseError, ValueError):
    """The input is larger than the configured limit (``max_chars``)."""


class ValueParseError(ReplyParseError, ValueError):
    """A single value (``parse_money("…")``) could not be read."""


class ReadError(ReplyParseError, OSError):
    """A file could not be read or decoded into text."""


class WorkerError(ReplyParseError, RuntimeError):
    """Dask workers cannot run this replyparse (not installed, another version)."""


class SchemaMismatch(ReplyParseError, RuntimeError):
    """A database holds replyparse tables of another layout (made by an earlier version)."""
