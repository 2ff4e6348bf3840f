"""The HTML views as a browser sees them: headless Chromium reads the pages we write.

Needs Debian's ``chromium`` (``apt-get install -y chromium``; ``fonts-noto-cjk`` for the
screenshots' Chinese).  Without it these tests skip and say so.  Each Chromium run starts a
fresh profile with networking features off; there are six runs, a few seconds in all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import replyparse
from replyparse.model import Letter
from replyparse.render import letter_view
from replyparse.render.browser import _run, chromium, dump_dom, screenshot, summarise
from replyparse.render.report import build_report, letter_id

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        chromium() is None,
        reason="headless browser tests need Chromium: no 'chromium' or 'chromium-browser' on "
        "PATH and REPLYPARSE_CHROMIUM unset (Debian: apt-get install -y chromium)",
    ),
]

from test_render import BAD_BYTES, HOSTILE, synthetic_letter  # noqa: E402  (letters shared with test_render)


def _write(path: Path, html: str) -> Path:
    path.write_text(html, encoding="utf-8")
    return path


def _as_browser_text(text: str) -> str:
    """HTML parsing turns CR LF and lone CR into LF; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_letter_dom(letter: Letter, page: Path, *, all_shown: bool) -> None:
    view = letter_view(letter.to_dict(), letter.text)
    assert (view.hidden == {}) is all_shown
    _write(page, view.html)
    dom = summarise(dump_dom(page))
    stances = {s: sum(1 for x in letter.statements if x.stance == s)
               for s in ("achievement", "commitment", "other")}
    parsed = {"money": len(letter.money), "area": len(letter.areas),
              "department": len(letter.departments), "document": len(letter.documents),
              **stances}
    for kind, count in parsed.items():
        assert dom.items[kind] == count - view.hidden.get(kind, 0), kind
        assert view.shown.get(kind, 0) == dom.items[kind], kind
    assert dom.letter_text == _as_browser_text(letter.text)
    for field, kind in (("money", "money"), ("areas", "area"),
                        ("departments", "department"), ("documents", "document")):
        for i, item in enumerate(getattr(letter, field), start=1):
            key = f"{kind}-{i}"
            if key in dom.item_text:
                assert dom.item_text[key] == _as_browser_text(item.text), key
    assert dom.tags["script"] == 0


def test_reference_letter_dom(tmp_path: Path, reference: Letter) -> None:
    assert reference.money and reference.areas and reference.departments  # main's extractors
    _check_letter_dom(reference, tmp_path / "reference.html", all_shown=True)


def test_overlapping_letter_dom(tmp_path: Path) -> None:
    _check_letter_dom(synthetic_letter(), tmp_path / "overlapping.html", all_shown=False)


def test_hostile_letter_runs_nothing(tmp_path: Path) -> None:
    letter = replyparse.parse(HOSTILE.replace("\n", "\r\n"))
    view = letter_view(letter.to_dict(), letter.text)
    dom_html = dump_dom(_write(tmp_path / "hostile.html", view.html))
    dom = summarise(dom_html)
    assert dom.title == letter.meta.title and dom.title != "pwned"
    assert "<script>document.title='pwned'</script>" in dom.letter_text
    assert dom.tags["script"] == dom.tags["img"] == 0
    assert dom.letter_text == _as_browser_text(letter.text)


def test_report_dom(tmp_path: Path, reference_text: str) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "ref.txt").write_text(reference_text, encoding="utf-8")
    (archive / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (archive / "bad.txt").write_bytes(BAD_BYTES)
    out = tmp_path / "site" / "report.html"
    build_report(archive, out)
    dom = summarise(dump_dom(out))
    assert dom.charts == 6 and dom.tags["svg"] >= 6 and dom.bars > 0
    assert dom.tags["script"] == 0
    assert f"letters/{letter_id(reference_text)}.html" in dom.links
    assert any(link.endswith("bad.txt") for link in dom.links)
    screenshot(out, tmp_path / "report.png")
    _assert_png(tmp_path / "report.png")


def test_letter_screenshot(tmp_path: Path, reference: Letter) -> None:
    page = _write(tmp_path / "letter.html", letter_view(reference.to_dict(), reference.text).html)
    _assert_png(screenshot(page, tmp_path / "letter.png", width=1280, height=2000))


def _assert_png(png: Path) -> None:
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 2000)
    assert len(data) > 20_000  # a blank page compresses to a few kB


def test_metadata_panel_dom(tmp_path: Path, reference: Letter) -> None:
    """The panel as Chromium builds it: one row per field read, each link resolving to an
    element of the letter's text that holds the span the field was read from."""
    page = _write(tmp_path / "meta.html", letter_view(reference.to_dict(), reference.text).html)
    dom_html = dump_dom(page)
    dom = summarise(dom_html)
    found = [name for name, (start, end) in reference.meta.spans.items() if end > start]
    assert dom.items["metaspan"] == len(found) == 15
    for name in found:
        key = f"meta-{name}"
        assert f"#{key}" in dom.links and key in dom.ids, name
        written = reference.text[slice(*reference.meta.spans[name])]
        assert dom.item_text[key] == _as_browser_text(written), name
    assert dom.item_text["meta-signed"] == "2021年5月28日"
    assert dom.letter_text == _as_browser_text(reference.text)


#: ``.metaspan:target`` background (_css.LETTER); used nowhere else on the page.
TARGET_RGB = (0xD0, 0xEB, 0xFF)


def test_metadata_link_scrolls_to_and_highlights_its_span(tmp_path: Path,
                                                          reference: Letter) -> None:
    """Following ``#meta-signed`` (as the panel's link does) scrolls the page and paints the
    span; without the fragment nothing is painted in the target colour.  The window is taller
    than the page so the capture is not blank (see ``browser.screenshot``)."""
    image = pytest.importorskip("PIL.Image")
    page = _write(tmp_path / "meta.html", letter_view(reference.to_dict(), reference.text).html)
    size = "--window-size=1280,9000"
    plain, target = tmp_path / "plain.png", tmp_path / "target.png"
    _run(page.resolve().as_uri(), [f"--screenshot={plain}", size], 90)
    _run(page.resolve().as_uri() + "#meta-signed", [f"--screenshot={target}", size], 90)

    plain_colours, plain_top = _colours_and_top(image, plain)
    target_colours, target_top = _colours_and_top(image, target)
    assert TARGET_RGB not in plain_colours
    assert target_colours.get(TARGET_RGB, 0) > 500  # the date's box, filled
    assert plain_top != target_top  # the page scrolled to the span


def _colours_and_top(image: Any, png: Path) -> tuple[dict[tuple[int, int, int], int], bytes]:
    """Pixel count of each colour, and the top 300 rows' pixels."""
    with image.open(png) as img:
        rgb = img.convert("RGB")
        colours = {colour: n for n, colour in rgb.getcolors(rgb.width * rgb.height)}
        return colours, rgb.crop((0, 0, rgb.width, 300)).tobytes()
