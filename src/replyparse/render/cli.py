"""The ``render`` and ``report`` subcommands, added to the main parser by ``add_commands``.

Each subparser sets ``handler``; ``replyparse.cli.main`` calls ``args.handler(args)``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_commands(commands: Any) -> None:
    """Add ``render`` and ``report`` to an ``argparse`` sub-parsers object."""
    render = commands.add_parser(
        "render", help="write one letter as a self-contained, annotated HTML page"
    )
    render.add_argument("path", metavar="FILE", help="a letter")
    render.add_argument("-o", "--output", metavar="OUT", default="-",
                        help="where to write the page (default: standard output)")
    render.set_defaults(handler=run_render)
    report = commands.add_parser(
        "report",
        help="write an HTML report (totals, charts, problem letters) over an archive",
        description="ARCHIVE is a directory of letters (each is parsed and rendered to "
        "letters/<id>.html beside the report) or a JSONL file of parsed records. "
        "Exit status 1 if any letter failed.",
    )
    report.add_argument("archive", metavar="ARCHIVE", help="a directory or a .jsonl file")
    report.add_argument("-o", "--output", metavar="OUT", default="report.html",
                        help="the report file (default: report.html)")
    report.add_argument("--no-views", dest="views", action="store_false",
                        help="do not render each letter of a directory to letters/<id>.html")
    report.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="parse a directory's letters in N processes "
                        "(default: all cores; 1 parses in this process)")
    report.set_defaults(handler=run_report)


def run_render(args: argparse.Namespace) -> int:
    from replyparse.errors import ReplyParseError
    from replyparse.parser import parse_file
    from replyparse.render.letter import render_letter

    try:
        letter = parse_file(args.path)
    except (OSError, ReplyParseError) as error:
        print(f"replyparse: {args.path}: {error}", file=sys.stderr)
        return 1
    html = render_letter(letter, source=str(args.path))
    if args.output == "-":  # UTF-8 as the page declares, whatever the locale
        sys.stdout.flush()
        sys.stdout.buffer.write(html.encode("utf-8", "replace"))
        sys.stdout.buffer.flush()
    else:
        Path(args.output).write_text(html, encoding="utf-8", errors="replace")
    return 0


def run_report(args: argparse.Namespace) -> int:
    from replyparse.render.report import build_report

    source, out = Path(args.archive), Path(args.output)
    if not source.exists():
        print(f"replyparse: {source}: no such file or directory", file=sys.stderr)
        return 1
    if args.jobs is not None and args.jobs < 1:
        print(f"replyparse: --jobs must be at least 1, not {args.jobs}", file=sys.stderr)
        return 2
    result = build_report(source, out, views=args.views, progress=sys.stderr.isatty(),
                          jobs=args.jobs)
    print(f"replyparse: {out}: {result.letters} letters, {result.failed} failed, "
          f"{result.views} letter views", file=sys.stderr)
    return 1 if result.failed else 0
