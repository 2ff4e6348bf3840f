"""Check rendered pages the way a reader sees them: headless Chromium and a DOM summary.

Used by the tests and by ``docs/make_screenshots.py``; not needed to render anything.
``chromium()`` finds the browser (``$REPLYPARSE_CHROMIUM``, else ``chromium`` or
``chromium-browser`` on ``PATH``; on Debian: ``apt-get install -y chromium``).  Each call
starts a fresh browser with a fresh profile and no network features, and waits for it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


def chromium() -> str | None:
    """The Chromium executable to use, or ``None`` if there is none."""
    explicit = os.environ.get("REPLYPARSE_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else shutil.which(explicit)
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(uri: str, extra: list[str], timeout: float) -> str:
    exe = chromium()
    if exe is None:
        raise FileNotFoundError("no chromium on PATH (Debian: apt-get install -y chromium)")
    with tempfile.TemporaryDirectory(prefix="replyparse-chromium-") as profile:
        done = subprocess.run(
            [exe, *FLAGS, f"--user-data-dir={profile}", *extra, uri],
            capture_output=True, text=True, timeout=timeout, check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"chromium exited with {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


def dump_dom(page: Path, *, timeout: float = 60) -> str:
    """The page's DOM serialised after load (scripts, if any were allowed, have run)."""
    return _run(page.resolve().as_uri(), ["--dump-dom"], timeout)


def screenshot(page: Path, png: Path, *, width: int = 1280, height: int = 2000,
               timeout: float = 60) -> Path:
    """A PNG of the page's first ``width`` × ``height`` pixels.

    (A ``#fragment`` URL is no use here: headless Chromium captures a blank viewport once it
    has scrolled; make the window taller instead.)
    """
    png.parent.mkdir(parents=True, exist_ok=True)
    uri = page.resolve().as_uri()
    _run(uri, [f"--screenshot={png.resolve()}", f"--window-size={width},{height}"], timeout)
    if not png.exists():
        raise RuntimeError(f"chromium wrote no screenshot to {png}")
    return png


# --- what a page shows ----------------------------------------------------------------------

_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
})


@dataclass(slots=True)
class PageSummary:
    """What a rendered page shows, read from its HTML or a browser's DOM dump."""

    title: str = ""
    tags: Counter[str] = field(default_factory=Counter)
    """Elements by tag name (``script``, ``svg``, ``mark`` …)."""
    items: Counter[str] = field(default_factory=Counter)
    """Highlighted items by kind: each ``data-id`` counted once (its first piece)."""
    item_text: dict[str, str] = field(default_factory=dict)
    """The text under each ``data-id``, all its pieces joined."""
    item_kind: dict[str, str] = field(default_factory=dict)
    letter_text: str = ""
    """The text content of the letter (``div.text``)."""
    charts: int = 0
    """``figure.chart`` elements that hold an ``svg``."""
    bars: int = 0
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.summary = PageSummary()
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        s = self.summary
        s.tags[tag] += 1
        classes = a.get("class", "").split()
        if "id" in a:
            s.ids.add(a["id"])
        if tag == "a" and "href" in a:
            s.links.append(a["href"])
        if tag == "rect" and "bar" in classes:
            s.bars += 1
        if tag == "svg" and any(t == "figure" and "chart" in at.get("class", "").split()
                                for t, at in self.stack):
            s.charts += 1
        key = a.get("data-id")
        if key:
            kind = _kind(tag, classes)
            s.item_kind.setdefault(key, kind)
            s.item_text.setdefault(key, "")
            if "cont" not in classes:
                s.items[kind] += 1
        self.in_title = tag == "title" and not self.stack_has("svg")
        if tag not in _VOID:
            self.stack.append((tag, a))

    def stack_has(self, tag: str) -> bool:
        return any(t == tag for t, _ in self.stack)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        self.in_title = False
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        s = self.summary
        if self.in_title:
            s.title += data
        for tag, a in self.stack:
            if "data-id" in a:
                s.item_text[a["data-id"]] += data
            if tag == "div" and "text" in a.get("class", "").split():
                s.letter_text += data


def _kind(tag: str, classes: list[str]) -> str:
    if "stmt" in classes:
        return next((c for c in classes if c not in ("stmt", "cont")), "other")
    return classes[0] if classes else tag


def summarise(html: str) -> PageSummary:
    """Count what ``html`` highlights, its charts, links and title."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.summary
