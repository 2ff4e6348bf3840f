"""Self-contained HTML views: one annotated letter, and a report over an archive.

>>> from replyparse import parse
>>> html = render_letter(parse("下一步,我委将安排资金2亿元。"))
>>> html.startswith("<!DOCTYPE html>")
True

Both pages need nothing from the network and run no script; see ``docs/views.md``.
"""

from __future__ import annotations

from replyparse.render.letter import LetterView, letter_view, render_letter

__all__ = ["LetterView", "letter_view", "render_letter"]
