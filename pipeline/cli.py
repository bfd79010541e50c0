"""The ``rasd`` command line (SPEC section 1).

Each sub-command lives in its own module exposing ``add_arguments(parser)``
and ``run(args) -> exit code``; this module only dispatches. Modules are
imported when their command runs, so ``rasd query`` never pays for the
extraction stack.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from pipeline import __version__

COMMANDS = {
    "extract": ("pipeline.batch.extract_cmd", "extract facts from report files into OUTDIR"),
    "evaluate": ("pipeline.evaluation.evaluate", "score extraction against gold annotations"),
    "gate": ("pipeline.evaluation.gate", "check or re-pin the corpus accuracy floors"),
    "query": ("pipeline.research.query", "SQL (DuckDB) over an OUTDIR"),
    "export": ("pipeline.research.export", "flat tables (csv, parquet, ACLED-style) from an OUTDIR"),
    "view": ("pipeline.research.view", "a static HTML site showing every fact in its sentence"),
    "review": ("pipeline.research.review", "serve the viewer on 127.0.0.1 with accept/reject/edit of each count"),
    "corrections": ("pipeline.research.corrections_cmd", "the review log: status, apply, to-gold"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit code 2 for bad usage, as SPEC says
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    parser = _Parser(prog="rasd", description="rasd (رصد): structured events from Arabic human-rights reports")
    parser.add_argument("--version", action="version", version=f"rasd {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module, help_) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_, description=help_)
        if command == name:
            importlib.import_module(module).add_arguments(sp)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(command if command in COMMANDS else None)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[args.command][0])
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        print("rasd: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
