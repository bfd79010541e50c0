"""``rasd review OUTDIR``: the viewer with editing, served on 127.0.0.1.

Builds the site of OUTDIR (as ``rasd view``) into ``--site`` (default: a temporary folder) and serves it
on ``127.0.0.1`` at ``--port`` (default: a free port chosen by the system), printing the address. A report
page served from here finds ``/api/ping`` and shows accept / reject / edit on each casualty count; the
site opened from files stays read-only.

``POST /api/corrections`` takes one correction or a list (see :mod:`pipeline.research.corrections`), appends it to
``OUTDIR/corrections.jsonl``, re-applies the log to that report (its file and its lines of
``events.jsonl``) and rewrites its page; the index is rebuilt the next time it is asked for. Only
requests addressed to this host and port with a JSON body are accepted (a page of another site cannot
post a form here).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pipeline.research import corrections, query, view

MAX_BODY = 1 << 20


class ReviewState:
    def __init__(self, outdir: Path, site: Path, who: str | None):
        self.outdir, self.site, self.who = outdir, site, who
        self.lock = threading.Lock()
        self.index_stale = False
        self.port = 0
        self.index = view.IndexBuilder()

    def build(self) -> None:
        view.build_site(self.outdir, self.site, builder=self.index)

    def rebuild_index(self) -> None:
        """The index data with the reports corrected since it was written (their rows only are redone)."""
        with self.lock:
            if self.index_stale:
                self.index.write(self.site, self.outdir)
                self.index_stale = False

    def correct(self, entries: list[dict]) -> dict[str, Any]:
        rids: set[str] = set()
        recorded = []
        with self.lock:
            checked = [self._check(e) for e in entries]
            for entry in checked:
                recorded.append(corrections.record(self.outdir, entry))
                rids.add(entry["report_id"])
            res = corrections.sync_outdir(self.outdir, rids)
            pages = view.page_names([p.stem for p in (self.outdir / "reports").glob("*.json")])
            for rid in rids:
                report = json.loads((self.outdir / "reports" / f"{rid}.json").read_text(encoding="utf-8"))
                view._write(self.site / "reports" / pages[rid], view.report_page(report))
                self.index.add(report, pages[rid])
            self.index_stale = True
        return {"ok": True, "recorded": len(recorded),
                "problems": {k: v for k, v in res.problems.items() if k in rids}}

    def _check(self, entry: Any) -> dict:
        if not isinstance(entry, dict):
            raise corrections.CorrectionError("a correction is a JSON object")
        entry = {k: entry.get(k) for k in ("sha256", "report_id", "span", "text", "field", "action", "value",
                                           "who", "why")}
        entry["who"] = entry.get("who") or self.who
        rid = entry.get("report_id")
        path = self.outdir / "reports" / f"{rid}.json"
        if not isinstance(rid, str) or "/" in rid or rid.startswith(".") or not path.is_file():
            raise corrections.CorrectionError(f"no report {rid!r} in {self.outdir}")
        report = json.loads(path.read_text(encoding="utf-8"))
        if (report.get("report") or {}).get("sha256") != entry.get("sha256"):
            raise corrections.CorrectionError("the report changed since the page was built; reload it")
        corrections.parse_line(entry)  # field, action and value
        span = entry.get("span") or [None, None]
        found = any(list(c.get("span") or []) == list(span)
                    for ev in report.get("events") or []
                    for c in (ev.get("casualties") or []) + (ev.get("rejected") or []))
        if not found:
            raise corrections.CorrectionError(f"no casualty count at {span} in {rid}")
        entry["text"] = (report.get("text") or "")[span[0]:span[1]]
        return entry


class Handler(SimpleHTTPRequestHandler):
    state: ReviewState

    def __init__(self, *args, state: ReviewState, **kwargs):
        self.state = state
        super().__init__(*args, directory=str(state.site), **kwargs)

    def log_message(self, fmt: str, *args: Any) -> None:  # quiet: one line per correction only
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _json(self, status: int, data: Any) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _local(self) -> bool:
        hosts = {f"127.0.0.1:{self.state.port}", f"localhost:{self.state.port}"}
        origin = self.headers.get("Origin")
        return self.headers.get("Host") in hosts and (origin is None or origin in {f"http://{h}" for h in hosts})

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?", 1)[0]
        if path == "/api/ping":
            self._json(200, {"review": True, "outdir": str(self.state.outdir)})
            return
        if path in ("/", "/index.html", "/data/index.js") or path.startswith("/data/search/"):
            self.state.rebuild_index()
        super().do_GET()

    def do_POST(self) -> None:  # noqa: N802
        if self.path.split("?", 1)[0] != "/api/corrections":
            self._json(404, {"error": "not found"})
            return
        if not self._local():
            self._json(403, {"error": "only requests from this review server are accepted"})
            return
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            self._json(415, {"error": "send JSON"})
            return
        try:
            n = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            n = -1
        if not 0 < n <= MAX_BODY:
            self._json(400, {"error": "bad length"})
            return
        try:
            data = json.loads(self.rfile.read(n).decode("utf-8"))
            entries = data if isinstance(data, list) else [data]
            result = self.state.correct(entries)
        except (ValueError, corrections.CorrectionError) as exc:
            self._json(400, {"error": str(exc)})
            return
        for e in entries:
            print(f"rasd review: {e.get('action')} {e.get('field')}={e.get('value')!r} "
                  f"{e.get('report_id')} {e.get('span')}", file=sys.stderr, flush=True)
        self._json(200, result)


def make_server(outdir: str | Path, site: str | Path, *, port: int = 0, who: str | None = None) -> ThreadingHTTPServer:
    state = ReviewState(Path(outdir), Path(site), who)
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, state=state))
    state.port = server.server_address[1]
    server.daemon_threads = True
    server.review_state = state  # type: ignore[attr-defined]
    return server


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("outdir", metavar="OUTDIR", help="a directory written by `rasd extract`")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--site", metavar="DIR", help="where to build the site (default: a temporary folder)")
    parser.add_argument("--who", help="the reviewer's name for corrections that do not give one")


def run(args: argparse.Namespace) -> int:
    outdir = Path(args.outdir)
    corrections.ensure_applied(outdir)
    site = Path(args.site) if args.site else Path(tempfile.mkdtemp(prefix="rasd-review-"))
    try:
        server = make_server(outdir, site, port=args.port, who=args.who)
        server.review_state.build()
    except (query.QueryError, OSError) as exc:
        print(f"rasd review: {exc}", file=sys.stderr)
        return 2
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"rasd review: {outdir} at {url} (corrections go to {outdir / corrections.LOG_NAME}; Ctrl-C stops)",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
