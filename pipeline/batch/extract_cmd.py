"""``rasd extract PATH... -o OUTDIR``."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from pipeline.core.settings import INPUT_TIMEOUT_DEFAULT, MAX_BYTES_DEFAULT, WORKER_MEMORY_MB_DEFAULT


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}")


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be >= 1")
    return n


def _seconds(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}")
    if not n >= 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return n


def _non_negative(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return n


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (recursive), globs, or - for stdin")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="output folder, or - to print one report")
    p.add_argument("--jobs", type=_positive, default=os.cpu_count() or 1, help="processes (default: all cores)")
    p.add_argument("--resume", action="store_true", help="skip inputs whose sha256 is already done in OUTDIR")
    p.add_argument("--published", type=_date, help="publication date anchoring relative dates (YYYY-MM-DD), "
                   "when the input has none")
    p.add_argument("--metadata", metavar="FILE", help="CSV or JSONL mapping a `path` or an `id` to `published`, "
                   "`title`, `publisher`, `url` (HTML and JSON inputs keep their own)")
    p.add_argument("--max-bytes", type=_positive, default=MAX_BYTES_DEFAULT,
                   help=f"refuse inputs larger than this (default {MAX_BYTES_DEFAULT})")
    p.add_argument("--engine", choices=["local", "dask"], default="local", help="local processes or a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (with --engine dask)")
    p.add_argument("--input-timeout", type=_seconds, default=INPUT_TIMEOUT_DEFAULT, metavar="SECONDS",
                   help=f"stop an input that takes longer; it fails alone (default {INPUT_TIMEOUT_DEFAULT}, 0 = none)")
    p.add_argument("--worker-memory", type=_non_negative, default=WORKER_MEMORY_MB_DEFAULT, metavar="MIB",
                   help=f"address-space limit of each worker process in MiB; an input needing more fails alone "
                        f"(default {WORKER_MEMORY_MB_DEFAULT}, 0 = none)")
    p.add_argument("--follow-symlinks", action="store_true",
                   help="follow links that point outside the folders given (default: not followed, named in "
                        "the manifest)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")


def run(args: argparse.Namespace) -> int:
    from pipeline.batch.runner import extract_to_stdout, run_extract

    metadata = None
    if getattr(args, "metadata", None):
        from pipeline.ingest.metadata import MetadataError, load_metadata

        try:
            metadata = load_metadata(args.metadata)
        except MetadataError as exc:
            return _usage(str(exc))
    if args.output == "-":
        if len(args.paths) != 1:
            return _usage("-o - needs exactly one input")
        return extract_to_stdout(args.paths[0], published=args.published, max_bytes=args.max_bytes,
                                 metadata=metadata)
    if args.scheduler and args.engine != "dask":
        return _usage("--scheduler needs --engine dask")
    try:
        return run_extract(args.paths, args.output, jobs=args.jobs, resume=args.resume, published=args.published,
                           max_bytes=args.max_bytes, engine=args.engine, scheduler=args.scheduler,
                           progress=False if args.no_progress else None, metadata=metadata,
                           input_timeout=args.input_timeout, worker_memory=args.worker_memory,
                           follow_symlinks=args.follow_symlinks)
    except OSError as exc:
        print(f"rasd extract: {exc}", file=sys.stderr)
        return 2


def _usage(msg: str) -> int:
    print(f"rasd extract: {msg}", file=sys.stderr)
    return 2
