"""Make the README's screenshots of the HTML views: docs/img/letter.png and report.png.

    python docs/make_screenshots.py            # needs Chromium (apt-get install -y chromium)
                                               # and a CJK font (apt-get install -y fonts-noto-cjk)

The letter page is the reference sample; the report is built, as ``replyparse report DIR``
builds it, over the letters in ``samples/`` and ``bench/data/`` (real letters with their
sources in ``bench/data/SOURCES.tsv``).  Pages are written to a temporary directory; only the
PNGs are kept.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from replyparse.parser import parse_file
from replyparse.render.browser import chromium, screenshot
from replyparse.render.letter import render_letter
from replyparse.render.report import build_report

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "liaoning-2021-1125.txt"
ARCHIVES = (ROOT / "samples", ROOT / "bench" / "data")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1500)
    args = parser.parse_args()
    if chromium() is None:
        print("make_screenshots: no chromium on PATH (apt-get install -y chromium)",
              file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="replyparse-shots-") as tmp:
        pages = Path(tmp)
        letter_page = pages / "letter.html"
        letter_page.write_text(
            render_letter(parse_file(SAMPLE), source=f"samples/{SAMPLE.name}"), encoding="utf-8"
        )
        archive = pages / "archive"
        archive.mkdir()
        names = []
        for directory in (d for d in ARCHIVES if d.is_dir()):
            for letter in sorted(directory.glob("*.txt")):
                shutil.copy(letter, archive / letter.name)
            names.append(f"{directory.relative_to(ROOT)}/")
        report_page = pages / "site" / "report.html"
        build_report(archive, report_page, label=" + ".join(names))
        for page, name in ((letter_page, "letter.png"), (report_page, "report.png")):
            png = screenshot(page, args.out / name, width=args.width, height=args.height)
            print(f"wrote {png.relative_to(ROOT) if png.is_relative_to(ROOT) else png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
