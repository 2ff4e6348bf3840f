"""The ``replyparse`` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from replyparse import __version__
from replyparse.errors import ReplyParseError
from replyparse.outline import outline
from replyparse.parser import parse_file
from replyparse.render.cli import add_commands as add_render_commands


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="replyparse",
        description="Parse Chinese government reply letters (答复) into typed, span-exact data.",
    )
    parser.add_argument("--version", action="version", version=f"replyparse {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    parse_cmd = commands.add_parser(
        "parse", help="parse a letter and print the output contract (JSON) or an outline"
    )
    parse_cmd.add_argument("path", metavar="FILE", help="a letter: .txt in any Chinese encoding")
    parse_cmd.add_argument(
        "--format",
        choices=("json", "outline"),
        default="json",
        help="json: the output contract (docs/schema.md); outline: a readable summary",
    )
    show_cmd = commands.add_parser("show", help="print a readable outline of one letter")
    show_cmd.add_argument("path", metavar="FILE")
    add_render_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "handler", None):
        return int(args.handler(args))
    try:
        letter = parse_file(args.path)
    except (OSError, ReplyParseError) as error:
        print(f"replyparse: {args.path}: {error}", file=sys.stderr)
        return 1
    if args.command == "show" or args.format == "outline":
        sys.stdout.write(outline(letter))
    else:
        sys.stdout.write(letter.to_json(indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
