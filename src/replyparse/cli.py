"""The ``replyparse`` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from replyparse import __version__
from replyparse.errors import ReplyParseError, WorkerError
from replyparse.export import DEFAULT_URL as DEFAULT_DB
from replyparse.export.commands import FORMATS
from replyparse.outline import outline
from replyparse.parser import parse_file
from replyparse.render.cli import add_commands as add_render_commands


def _jobs(value: str) -> int:
    jobs = int(value)
    if jobs < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return jobs


def _scheduler(value: str) -> str:
    """``dask://host:port`` (or a distributed address, ``tcp://…``) → what Client takes."""
    scheme, sep, rest = value.partition("://")
    if not sep or not rest or scheme not in ("dask", "tcp", "tls", "ucx", "inproc", "ws", "wss"):
        raise argparse.ArgumentTypeError("expected dask://HOST:PORT")
    return f"tcp://{rest}" if scheme == "dask" else value


def _add_cluster_options(command: argparse.ArgumentParser) -> None:
    cluster = command.add_mutually_exclusive_group()
    cluster.add_argument("--scheduler", type=_scheduler, metavar="dask://HOST:PORT",
                         help="parse on this Dask cluster (needs replyparse[dask]; "
                         "workers must read the inputs: docs/scale.md)")
    cluster.add_argument("--dask", choices=["local"], dest="scheduler",
                         help="parse on a Dask LocalCluster started for the run "
                         "(--jobs N worker processes)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="replyparse",
        description="Parse Chinese government reply letters (答复) into typed, span-exact data.",
    )
    parser.add_argument("--version", action="version", version=f"replyparse {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    jobs_help = "worker processes (default: all cores; 1 parses in this process)"
    parse_cmd = commands.add_parser(
        "parse", help="parse letters and write the output contract (JSON, JSONL, CSV)",
        description="Parse files, directories (walked for .txt .html .htm .docx .pdf) and "
        "globs.  One JSONL record per input, in input order; exit status 1 if any failed.",
    )
    parse_cmd.add_argument("paths", metavar="PATH", nargs="+",
                           help="a letter, a directory of letters, or a glob")
    parse_cmd.add_argument("-o", "--output", metavar="OUT",
                           help="output file (json, jsonl, outline) or directory (csv); "
                           "default: stdout")
    parse_cmd.add_argument(
        "--format", choices=FORMATS, default=None,
        help="json: the output contract (default for one file; a JSON array for several); "
        "jsonl: one record per line (default otherwise); csv: one table per file in -o DIR; "
        "outline: a readable summary",
    )
    parse_cmd.add_argument("--jobs", type=_jobs, metavar="N", help=jobs_help)
    _add_cluster_options(parse_cmd)
    show_cmd = commands.add_parser("show", help="print a readable outline of one letter")
    show_cmd.add_argument("path", metavar="FILE")
    export_cmd = commands.add_parser(
        "export", help="parse letters into a database (SQLite or PostgreSQL)",
        description="Store letters in a database; re-running adds only letters not there yet.  "
        "With --scheduler or --dask the letters are parsed on a Dask cluster and stored by "
        "this process.",
    )
    export_cmd.add_argument("paths", metavar="PATH", nargs="+")
    export_cmd.add_argument("--db", metavar="URL", default=DEFAULT_DB,
                            help=f"SQLAlchemy URL (default {DEFAULT_DB}; or postgresql://…)")
    export_cmd.add_argument("--jobs", type=_jobs, metavar="N", help=jobs_help)
    _add_cluster_options(export_cmd)
    add_render_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "handler", None):
        return int(args.handler(args))
    if args.command == "show":
        return _one(args.path, "outline", None)
    from replyparse.export import commands

    try:
        if args.command == "export":
            return commands.run_export(args.paths, db=args.db, jobs=args.jobs,
                                       scheduler=args.scheduler)
        fmt = args.format or commands.default_format(args.paths)
        if fmt in ("json", "outline") and commands.default_format(args.paths) == "json":
            return _one(args.paths[0], fmt, args.output)
        return commands.run_parse(args.paths, out=args.output, fmt=fmt, jobs=args.jobs,
                                  scheduler=args.scheduler)
    except commands.UsageError as error:
        parser.error(str(error))
    except (OSError, WorkerError) as error:  # the output cannot be written, no database …
        print(f"replyparse: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("replyparse: interrupted", file=sys.stderr)
        return 130


def _one(path: str, fmt: str, out: str | None) -> int:
    """One file: the output contract as JSON (as ``to_json``), or an outline."""
    try:
        letter = parse_file(path)
    except (OSError, ReplyParseError) as error:
        print(f"replyparse: {path}: {error}", file=sys.stderr)
        return 1
    text = outline(letter) if fmt == "outline" else letter.to_json(indent=2) + "\n"
    if out and out != "-":
        with open(out, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
