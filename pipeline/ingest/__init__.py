"""Every input kind into one Unicode text that spans point into.

``read_input(path, max_bytes)`` yields one :class:`RawDoc` per report found in
an input (a ``.jsonl`` yields one per line, a ``.json`` one per object) and, for
a bad input or a bad line, an :class:`IngestError` *instance* (not raised) that
carries ``source``, ``stage`` and a one-line human ``reason``. One bad line of a
JSONL never loses the other lines; a reader's exception never escapes as a
traceback.

Decisions (documented here and in the README):

* Line ends: CRLF and lone CR become LF, a leading BOM is dropped. Everything
  else is kept exactly as decoded. ``RawDoc.text`` is that LF text, and every
  span of a report points into it (the report carries it as ``text``);
  ``RawDoc.sha256`` is always of the input bytes.
* Decoding: a BOM decides (UTF-8, UTF-16/32 LE/BE). Otherwise strict UTF-8;
  a UTF-8 text with a handful of broken bytes (a truncated last character) is
  kept with U+FFFD and a warning. Otherwise Windows-1256 (or what
  charset-normalizer proposes) is accepted only when the result is mostly
  Arabic letters and shows no mojibake. Text that already *is* mojibake
  (UTF-8 Arabic once read as Windows-1256: tell-tale pairs like ``\u0637\u00a7``) is refused.
* Binary data (NUL-heavy, control bytes, random bytes, a zip/PDF under a text
  extension) is refused with a reason, so is an empty or whitespace-only input.
* Size: an input above ``max_bytes`` is refused from its ``stat`` size, before
  it is read (and a read never takes more than ``max_bytes + 1`` bytes).
* ``published`` (YYYY-MM-DD) comes from what the input says: HTML meta/time,
  the JSON field, the PDF ``CreationDate`` or the DOCX ``created`` property.
  The last two are file dates, not publication dates, so they are used only
  when nothing better exists and ``RawDoc.published_source`` says where a date
  came from (``html``, ``json``, ``pdf-created``, ``docx-created``) so a
  caller can let ``--published`` win over a mere file date. The DOCX
  ``created`` value that python-docx's own template carries
  (2013-12-23T23:15) is ignored.
* PDF text is read from the page's geometry, not from the content-stream order
  (which producers such as Chromium/Skia fill with a word-by-word mix of visual
  and logical runs): glyphs are grouped into lines by baseline, a line is read
  right to left (left to right when it has no Arabic), spaces go where the gap
  between neighbours is a word gap, marks follow their letter, digit/Latin runs
  keep their own order (a small bidi pass). Arabic presentation forms are then
  folded, and lines still reading backwards (a PDF that draws logical text left
  to right) are turned; see ``order_glyphs`` and ``fix_reversed_lines``.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import fnmatch
import glob
import hashlib
import io
import json
import os
import re
import stat
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from pipeline.core.settings import (DOCX_MAX_UNPACKED_BYTES, DOCX_MAX_XML_BYTES, HTML_MAX_DEPTH, NOT_REPORTS,
                       PDF_MAX_INFLATED_BYTES, PDF_MAX_STREAM_BYTES)

__all__ = [
    "RawDoc",
    "IngestError",
    "KNOWN_EXTENSIONS",
    "expand_inputs",
    "list_inputs",
    "not_regular_reason",
    "read_input",
    "safe_id",
    "decode_bytes",
    "html_to_text",
    "fold_presentation_forms",
    "fix_reversed_lines",
    "is_reversed_line",
    "reverse_visual_line",
    "order_glyphs",
    "balance_brackets",
]

KNOWN_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".json", ".jsonl")
_FORMAT_OF_EXT = {
    ".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".pdf": "pdf",
    ".docx": "docx", ".json": "json", ".jsonl": "jsonl",
}
MAX_ID_LEN = 100


# --------------------------------------------------------------------------- records

@dataclass
class RawDoc:
    id: str                # safe, stable report id
    source: str            # path, "stdin" or "path#line"
    text: str              # the text every span points into (LF line ends)
    sha256: str            # of the input bytes (for a JSONL line: of that line's bytes)
    title: str | None = None
    published: str | None = None   # YYYY-MM-DD when the input says
    encoding: str | None = None    # utf-8, utf-8-sig, utf-16, cp1256, ...
    format: str = "txt"            # txt|md|html|pdf|docx|json|jsonl|stdin
    published_source: str | None = None  # html|json|pdf-created|docx-created
    publisher: str | None = None   # the outlet, from the page's or the record's own metadata
    url: str | None = None
    warnings: list[str] = field(default_factory=list)


class IngestError(Exception):
    """A refused input (or JSONL line): ``source``, ``stage`` and a one-line ``reason``.

    ``read_input`` yields these as records; callers may also raise them.
    """

    def __init__(self, reason: str, *, source: str | None = None, stage: str = "read"):
        reason = " ".join(str(reason).split())  # always one line
        super().__init__(reason)
        self.reason = reason
        self.source = source
        self.stage = stage

    def to_record(self) -> dict[str, str | None]:
        return {"source": self.source, "stage": self.stage, "reason": self.reason}

    def __repr__(self) -> str:
        return f"IngestError({self.reason!r}, source={self.source!r}, stage={self.stage!r})"


class _Refused(Exception):
    """Internal: a reader's refusal before the source/stage are attached."""

    def __init__(self, reason: str, stage: str = "read"):
        super().__init__(reason)
        self.reason = reason
        self.stage = stage


# --------------------------------------------------------------------------- ids

_ARABIC_LETTER_RANGES = "\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06d5\u06ee-\u06ff"
_ID_DROP = re.compile(rf"[^A-Za-z0-9._\-{_ARABIC_LETTER_RANGES}]+")
_ID_DOTS = re.compile(r"\.{2,}")
_ID_SEPS = re.compile(r"[_\-]{2,}")


def _sanitize_id(raw: str) -> str:
    """Only ``[A-Za-z0-9._-]`` and Arabic letters; no separators, no ``..``; may be ''."""
    s = unicodedata.normalize("NFC", str(raw))
    s = _ID_DROP.sub("_", s)
    s = _ID_DOTS.sub("_", s)
    s = _ID_SEPS.sub(lambda m: m.group(0)[0], s)
    s = s.strip("._-")
    if len(s) > MAX_ID_LEN:
        suffix = hashlib.sha256(str(raw).encode("utf-8", "surrogatepass")).hexdigest()[:8]
        s = s[: MAX_ID_LEN - 9].rstrip("._-") + "-" + suffix
    return s


def safe_id(raw: str) -> str:
    """A report id that is safe as a file name inside OUTDIR (never empty)."""
    s = _sanitize_id(raw)
    if not s:
        s = "doc-" + hashlib.sha256(str(raw).encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return s


# --------------------------------------------------------------------------- inputs

def _is_known(name: str) -> bool:
    return name.lower().endswith(KNOWN_EXTENSIONS)


def _is_annotation(name: str) -> bool:
    """Gold files, baselines and guides that live beside reports in a folder are not reports."""
    return any(fnmatch.fnmatchcase(name, pat) for pat in NOT_REPORTS)


def _walk(folder: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            if not f.startswith(".") and _is_known(f) and not _is_annotation(f):
                found.append(os.path.join(root, f))
    return sorted(found)


def expand_inputs(paths: list[str]) -> list[str]:
    """Files, folders (recursive, sorted, known extensions only), globs; '-' is stdin.

    An explicit file is kept whatever its extension (its content is sniffed);
    a path or glob that matches nothing is kept as given so that reading it
    yields an error record instead of silently vanishing. Duplicates are dropped.
    """
    out: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = p if p == "-" else os.path.normpath(os.path.abspath(p))
        if key not in seen:
            seen.add(key)
            out.append(p)

    for p in paths:
        if p == "-":
            add(p)
        elif os.path.isdir(p):
            for f in _walk(p):
                add(f)
        elif os.path.exists(p) or not glob.has_magic(p):
            add(p)
        else:
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                add(p)
            for m in matches:
                if os.path.isdir(m):
                    for f in _walk(m):
                        add(f)
                elif _is_known(m):
                    add(m)
    return out


_FILE_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
               (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))
OUTSIDE_TREE = "symlink outside the input tree, not followed (--follow-symlinks follows it)"


def not_regular_reason(st: os.stat_result) -> str | None:
    """Why a file of this ``stat`` is not read (FIFO, device, socket ...), or None for a regular file."""
    if stat.S_ISREG(st.st_mode):
        return None
    for test, what in _FILE_KINDS:
        if test(st.st_mode):
            return f"not a regular file ({what}), not read"
    return "not a regular file, not read"


def _stat_reason(path: str) -> str | None:
    try:
        st = os.stat(path)
    except OSError as exc:
        if os.path.islink(path):
            import errno

            return ("unreadable: symlink loop" if exc.errno == errno.ELOOP
                    else "unreadable: broken symlink (its target does not exist)")
        return None  # the reader names it (permission denied, ...)
    return not_regular_reason(st)


def _inside(root_real: str, path: str) -> bool:
    real = os.path.realpath(path)
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def _walk_checked(folder: str, follow: bool) -> list[tuple[str, str | None]]:
    """A folder's report files, each with the reason it is not read (None: read it).

    Links leaving the folder are not followed unless ``follow``; a linked folder is entered
    at most once (loops end); FIFOs, devices and sockets are named, never opened."""
    root_real = os.path.realpath(folder)
    found: list[tuple[str, str | None]] = []
    seen_dirs: set[str] = set()
    for root, dirs, files in os.walk(folder, followlinks=follow):
        real = os.path.realpath(root)
        if real in seen_dirs:
            dirs[:] = []
            continue
        seen_dirs.add(real)
        keep = []
        for d in sorted(dirs):
            if d.startswith("."):
                continue
            full = os.path.join(root, d)
            if os.path.islink(full) and not _inside(root_real, full):
                if not follow:
                    found.append((full, OUTSIDE_TREE))
                    continue
            keep.append(d)
        dirs[:] = keep
        for f in files:
            if f.startswith(".") or not _is_known(f) or _is_annotation(f):
                continue
            full = os.path.join(root, f)
            if os.path.islink(full) and not follow and not _inside(root_real, full):
                found.append((full, OUTSIDE_TREE))
                continue
            found.append((full, _stat_reason(full)))
    return sorted(found)


def list_inputs(paths: list[str], *, follow_symlinks: bool = False
                ) -> tuple[list[tuple[str, str | None]], list[str]]:
    """``expand_inputs`` with the checks a batch needs: (inputs, each with the reason it is skipped
    or None), and the paths given that do not exist (a clear error for the caller)."""
    out: list[tuple[str, str | None]] = []
    missing: list[str] = []
    seen: set[str] = set()

    def add(p: str, reason: str | None) -> None:
        key = p if p == "-" else os.path.normpath(os.path.abspath(p))
        if key not in seen:
            seen.add(key)
            out.append((p, reason))

    for p in paths:
        if p == "-":
            add(p, None)
        elif os.path.isdir(p):
            for f, why in _walk_checked(p, follow_symlinks):
                add(f, why)
        elif os.path.lexists(p):
            add(p, _stat_reason(p))  # a file named on the command line is the user's choice: followed
        elif glob.has_magic(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                missing.append(p)
            for m in matches:
                if os.path.isdir(m):
                    for f, why in _walk_checked(m, follow_symlinks):
                        add(f, why)
                elif _is_known(m):
                    add(m, _stat_reason(m))
        else:
            missing.append(p)
    return out, missing


# --------------------------------------------------------------------------- decoding

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32", "utf-32-be"),
    (b"\xff\xfe", "utf-16", "utf-16-le"),
    (b"\xfe\xff", "utf-16", "utf-16-be"),
)
# Control bytes that never occur in text (tab, LF, VT, FF, CR and ESC-free set kept out).
_CONTROL_BYTES = bytes([b for b in range(32) if b not in (9, 10, 11, 12, 13)] + [127])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (DOCX?)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xd0\xcf\x11\xe0", "an old MS Office document (.doc)"),
    (b"\x7fELF", "an executable"),
)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06fc]")
_ANY_LETTER = re.compile(r"[^\W\d_]")
# UTF-8 Arabic bytes (D8-DB lead, 80-BF continuation) read as Windows-1256.
_CP1256_CONT = bytes(range(0x80, 0xC0)).decode("cp1256", errors="replace")
_MOJIBAKE = re.compile("[\u0637\u0638\u0639\u063a][" + re.escape(_CP1256_CONT) + "]")
_SAMPLE = 65536
_MOJIBAKE_REASON = ("mojibake: UTF-8 Arabic that was once read as Windows-1256 "
                    "(\u0637\u00a7\u0638\u201e patterns)")
_HIGH_BYTES = bytes(range(0x80, 0x100))
_ALLOWED_BAD_UTF8 = 8


def _samples(text: str) -> str:
    """Up to three windows of a long text (start, middle, end): checks stay linear and cheap."""
    if len(text) <= 3 * _SAMPLE:
        return text
    mid = len(text) // 2
    return text[:_SAMPLE] + "\n" + text[mid: mid + _SAMPLE] + "\n" + text[-_SAMPLE:]


def _arabic_share(text: str) -> tuple[int, float]:
    s = _samples(text)
    letters = len(_ANY_LETTER.findall(s))
    if not letters:
        return 0, 0.0
    return letters, len(_ARABIC_LETTER.findall(s)) / letters


def _is_mojibake(text: str) -> bool:
    s = _samples(text)
    hits = len(_MOJIBAKE.findall(s))
    if hits < 3:
        return False
    arabic = len(_ARABIC_LETTER.findall(s))
    return hits * 3 >= arabic  # in real Arabic such pairs are rare; in mojibake every letter is one


def _control_share(text: str) -> float:
    s = _samples(text)
    if not s:
        return 0.0
    bad = sum(1 for ch in s if (ord(ch) < 32 and ch not in "\t\n\r\x0b\x0c") or ch == "\x7f")
    return bad / len(s)


def _is_texty(text: str) -> bool:
    """Decoded characters look like a document (not random code points)."""
    s = _samples(text)
    if not s:
        return False
    if _control_share(s) > 0.01:
        return False
    common = sum(1 for ch in s if ord(ch) < 0x250 or 0x600 <= ord(ch) < 0x700
                 or 0x2000 <= ord(ch) < 0x2070 or 0xFB50 <= ord(ch) <= 0xFEFF)
    return common / len(s) >= 0.9


def _binary_reason(data: bytes) -> str | None:
    head = data[:_SAMPLE]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"not text: binary data ({what})"
    nul = head.count(0)
    ctrl = len(head.translate(None, _NOT_CONTROL))  # only the control bytes remain
    if nul and nul >= max(1, len(head) // 100):
        return "not text: binary data (NUL bytes)"
    if ctrl > len(head) // 100:
        return "not text: binary data (looks like random bytes)"
    return None


def _lf(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes of a text document -> (text with LF line ends, encoding, warnings).

    Raises ``_Refused`` (stage ``decode``) for binary data, mojibake or an
    encoding that cannot be told apart with confidence.
    """
    warnings: list[str] = []
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _lf(data[len(bom):].decode(codec)), name, warnings
            except UnicodeDecodeError as exc:
                raise _Refused(f"not text: {name} byte order mark but invalid {name} at byte {exc.start}",
                               "decode") from None
    reason = _binary_reason(data)
    if reason:
        # UTF-16 without a BOM has NULs in every ASCII character: accept it only if it reads as text.
        if "NUL" in reason and len(data) % 2 == 0:
            for codec in ("utf-16-le", "utf-16-be"):
                try:
                    cand = data.decode(codec)
                except UnicodeDecodeError:
                    continue
                if _is_texty(cand):
                    return _lf(cand), codec, warnings
        raise _Refused(reason, "decode")
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        text = enc = None
        lossy = data.decode("utf-8", errors="replace")
        bad = lossy.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))
        # mostly valid UTF-8 (many good multi-byte characters, a few broken bytes): keep it
        good_multibyte = len(data) - len(data.translate(None, _HIGH_BYTES)) - bad
        if 0 < bad <= max(_ALLOWED_BAD_UTF8, len(data) // 100000) and bad * 40 <= good_multibyte:
            text, enc = lossy, "utf-8"
            warnings.append(f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD")
    if text is None:
        return _lf_legacy(data, warnings, damaged_utf8=(bad, good_multibyte))
    if _is_mojibake(text):
        raise _Refused(_MOJIBAKE_REASON, "decode")
    if _control_share(text) > 0.01:
        raise _Refused("not text: binary data (control characters)", "decode")
    return _lf(text), enc, warnings


def _lf_legacy(data: bytes, warnings: list[str], damaged_utf8: tuple[int, int] = (0, 0)
               ) -> tuple[str, str, list[str]]:
    """Not UTF-8: Windows-1256 (or what charset-normalizer finds) if it reads as Arabic text."""
    candidates: list[str] = []
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[: 4 * 1024 * 1024]).best()
        if best is not None and best.encoding:
            candidates.append(best.encoding)
    except Exception:  # the detector is advice only
        pass
    for enc in ("cp1256",):
        if enc not in candidates:
            candidates.append(enc)
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _is_mojibake(text) or not _is_texty(text):
            continue
        letters, share = _arabic_share(text)
        if letters and share >= 0.6:
            return _lf(text), enc, warnings
    bad, good = damaged_utf8
    if bad and good >= 8 * bad:
        raise _Refused(f"damaged UTF-8: {bad} invalid byte sequences (too many to replace)", "decode")
    raise _Refused("not text: not UTF-8 and not recognisably Arabic in Windows-1256 (unknown encoding)",
                   "decode")


# --------------------------------------------------------------------------- dates

_DATE_RE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_PDF_DATE_RE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")


def _meta_date(value) -> str | None:
    """A metadata date in any format (RSS-style, Arabic month names ...): see :mod:`pipeline.ingest.metadata`."""
    if not isinstance(value, str) or not value.strip():
        return _iso_date(value)
    from pipeline.ingest.metadata import parse_published

    return parse_published(value).value


def _iso_date(value) -> str | None:
    """YYYY-MM-DD from a date-ish value (ISO string, datetime, PDF date), else None."""
    if value is None:
        return None
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.strftime("%Y-%m-%d")
    s = str(value).strip()
    m = _DATE_RE.search(s) or _PDF_DATE_RE.match(s)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


# --------------------------------------------------------------------------- HTML

_HTML_DROP = ("script", "style", "nav", "aside", "form", "noscript", "iframe", "menu", "template",
              "svg", "canvas", "button", "select", "textarea", "object", "embed", "video", "audio",
              "head", "title")
_HTML_DROP_ROLES = {"navigation", "menu", "menubar", "banner", "contentinfo", "complementary", "search"}
_HTML_DROP_TOKENS = {"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar",
                     "share", "sharing", "social", "cookie", "cookies"}
_HTML_BLOCK = {
    "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption", "table",
    "thead", "tbody", "tfoot", "tr", "caption", "hr", "br", "address", "center", "details",
    "summary", "body", "html", "fieldset", "legend", "hgroup",
}
_HTML_CELL = {"td", "th"}
_WS = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_CLASS_SPLIT = re.compile(r"[\s_\-]+")


def _drop_by_class(node) -> bool:
    attrs = node.attributes or {}
    if (attrs.get("role") or "").strip().lower() in _HTML_DROP_ROLES:
        return True
    tokens = set()
    for key in ("class", "id"):
        v = attrs.get(key)
        if v:
            tokens.update(t.lower() for t in _CLASS_SPLIT.split(v) if t)
    return bool(tokens & _HTML_DROP_TOKENS)


def _html_meta(tree) -> tuple[str | None, str | None]:
    title = None
    for sel in ('meta[property="og:title"]', 'meta[name="twitter:title"]'):
        n = tree.css_first(sel)
        if n is not None and (n.attributes.get("content") or "").strip():
            title = _WS.sub(" ", n.attributes["content"]).strip()
            break
    if title is None:
        n = tree.css_first("title")
        if n is not None:
            title = _WS.sub(" ", n.text() or "").strip() or None
    published = None
    for sel, attr in (
        ('meta[property="article:published_time"]', "content"),
        ('meta[name="article:published_time"]', "content"),
        ('meta[itemprop="datePublished"]', "content"),
        ('meta[name="date"]', "content"),
        ('meta[name="pubdate"]', "content"),
        ('meta[name="publish-date"]', "content"),
        ('meta[name="dc.date"]', "content"),
        ('meta[name="DC.date"]', "content"),
        ('[itemprop="datePublished"]', "datetime"),
        ('[itemprop="datePublished"]', "content"),
        ("time[datetime]", "datetime"),
    ):
        for n in tree.css(sel):
            published = _meta_date(n.attributes.get(attr))
            if published:
                break
        if published:
            break
    if published is None:
        n = tree.css_first('[itemprop="datePublished"]')
        if n is not None:
            published = _meta_date(n.text())
    return title, published


def _html_source_meta(tree) -> dict[str, str]:
    """The page's publisher (og:site_name, a publisher meta, JSON-LD) and URL (canonical link, og:url)."""
    out: dict[str, str] = {}
    for key, sel, attr in (
        ("publisher", 'meta[property="og:site_name"]', "content"),
        ("publisher", 'meta[name="publisher"]', "content"),
        ("publisher", 'meta[name="application-name"]', "content"),
        ("url", 'link[rel="canonical"]', "href"),
        ("url", 'meta[property="og:url"]', "content"),
    ):
        n = tree.css_first(sel) if key not in out else None
        if n is not None and (n.attributes.get(attr) or "").strip():
            out[key] = _WS.sub(" ", n.attributes[attr]).strip()
    for n in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(n.text() or "")
        except ValueError:
            continue
        for obj in data if isinstance(data, list) else [data]:
            if not isinstance(obj, dict):
                continue
            pub = obj.get("publisher")
            name = pub.get("name") if isinstance(pub, dict) else pub
            if isinstance(name, str) and name.strip() and "publisher" not in out:
                out["publisher"] = name.strip()
            if isinstance(obj.get("url"), str) and obj["url"].strip() and "url" not in out:
                out["url"] = obj["url"].strip()
            if isinstance(obj.get("datePublished"), str) and "published" not in out:
                d = _meta_date(obj["datePublished"])
                if d:
                    out["published"] = d
    return out


def _html_root(tree):
    for sel in ("article", "main", '[role="main"]'):
        nodes = tree.css(sel)
        if nodes:
            # several articles (a page of teasers, or nested): the one with the most text
            return max(nodes, key=lambda n: len(n.text(deep=True) or ""))
    return tree.body or tree.root


def _html_walk(root) -> str:
    """Text of ``root``: blocks become lines, cells of a row joined by a tab, inline text joined."""
    lines: list[str] = []
    cur: list[str] = []

    def flush() -> None:
        if cur:
            line = _WS.sub(" ", "".join(cur)).strip()
            cur.clear()
            if line:
                lines.append(line)

    # Iterative depth-first walk with explicit exit events (deep HTML must not recurse).
    # A <header> is page chrome, except inside an <article>/<main> where it holds the headline.
    root_len = len(root.text(deep=True) or "")
    stack = [(root, False, root.tag in ("article", "main"), False)]
    while stack:
        node, leaving, in_content, in_pre = stack.pop()
        tag = node.tag
        if leaving:
            if tag in _HTML_CELL:
                cur.append(_CELL_MARK)
            elif tag in _HTML_BLOCK:
                flush()
            continue
        if tag == "-text":
            t = node.text_content or ""
            if in_pre and "\n" in t:  # preformatted text keeps its line breaks
                first, *rest = t.replace("\r\n", "\n").split("\n")
                cur.append(first)
                for part in rest:
                    flush()
                    cur.append(part)
            else:
                cur.append(t)
            continue
        if tag is None or tag.startswith("-") or tag == "_comment":
            continue
        if node is not root:
            if tag in _HTML_DROP or tag == "footer" or (tag == "header" and not in_content):
                continue
            # menus/share bars by class or role, unless they hold most of the text (then it is the content)
            if _drop_by_class(node) and len(node.text(deep=True) or "") * 2 < root_len:
                continue
        if tag in _HTML_BLOCK:
            flush()
        stack.append((node, True, in_content, in_pre))
        inner = in_content or tag in ("article", "main")
        pre = in_pre or tag in ("pre", "textarea")
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        for c in reversed(children):
            stack.append((c, False, inner, pre))
    flush()
    return "\n".join(_cells_to_tabs(ln) for ln in lines)


def _cells_to_tabs(line: str) -> str:
    """A table row "a|b||d|" (| = the cell-end mark) -> "a\tb\t\td": empty cells keep their column."""
    if _CELL_MARK not in line:
        return line.strip()
    cells = line.split(_CELL_MARK)
    if not cells[-1].strip():
        cells.pop()  # the mark that ends the last cell
    return "\t".join(c.strip() for c in cells)


_CELL_MARK = "\x1f"


def html_source_meta(html: str) -> dict[str, str]:
    """HTML -> the page's ``publisher``, ``url`` and a JSON-LD ``published``, when it gives them."""
    from selectolax.lexbor import LexborHTMLParser

    return _html_source_meta(LexborHTMLParser(html))


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
# elements that never nest (void) or whose end tag may be left out (the parser closes them)
_NO_DEPTH = frozenset(("area base br col embed hr img input link meta source track wbr param keygen "
                       "p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rt rp "
                       "html head body").split())


def html_depth(html: str, limit: int = HTML_MAX_DEPTH) -> int:
    """How deeply elements nest (a linear scan of the tags, stopping past ``limit``)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(2).lower() in _NO_DEPTH or m.group(3):
            continue
        depth = max(depth - 1, 0) if m.group(1) else depth + 1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """HTML -> (main text, title, published YYYY-MM-DD).

    HTML nested deeper than ``HTML_MAX_DEPTH`` is refused before parsing (the parser's cost grows
    with the square of the depth)."""
    from selectolax.lexbor import LexborHTMLParser

    if html_depth(html) > HTML_MAX_DEPTH:
        raise _Refused(f"HTML nested too deeply: more than {HTML_MAX_DEPTH} elements "
                       "(settings.HTML_MAX_DEPTH)", "parse")

    tree = LexborHTMLParser(html)
    title, published = _html_meta(tree)
    root = _html_root(tree)
    text = _html_walk(root)
    return text, title, published


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def _decode_html(data: bytes) -> tuple[str, str, list[str]]:
    try:
        return decode_bytes(data)
    except _Refused:
        m = _META_CHARSET.search(data[:4096])
        if not m:
            raise
        enc = m.group(1).decode("ascii").lower()
        try:
            text = data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            raise
        if _is_mojibake(text):
            raise _Refused(_MOJIBAKE_REASON,
                           "decode")
        return _lf(text), enc, []


# --------------------------------------------------------------------------- PDF text repair

def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in ((0xFB50, 0xFE00), (0xFE70, 0xFEFF)):
        for cp in range(lo, hi):
            ch = chr(cp)
            if unicodedata.category(ch) == "Cn":
                continue
            folded = unicodedata.normalize("NFKC", ch)
            if folded != ch:
                table[cp] = folded.strip() or folded
    return table


_FOLD = _build_fold_table()


def fold_presentation_forms(text: str) -> str:
    """Arabic presentation forms (U+FB50-FDFF, U+FE70-FEFE) -> ordinary letters; the rest as is."""
    return text.translate(_FOLD)


_AR_LETTERS = "\u0621-\u064a\u0671-\u06d3"
_AR_WORD = re.compile(rf"[{_AR_LETTERS}]{{3,}}")
_AR_TOKEN = re.compile(rf"[{_AR_LETTERS}]+")
_LTR_CHAR = "0-9A-Za-z\u0660-\u0669\u06f0-\u06f9\u00c0-\u024f"
_LATIN = "A-Za-z\u00c0-\u024f"
_LTR_ONE = (rf"[{_LTR_CHAR}]+(?:[/.,:\-%\u066a-\u066c'+@_]*[{_LTR_CHAR}]+)*")
# A left-to-right run: digits/Latin with their inner separators, the separators that stick to
# a number on either side (23/ , /2014،), and Latin words joined by spaces (UN SNHR).
_LTR_RUN = re.compile(
    r"[/.,:\-%\u060c\u066a-\u066c+]*"
    rf"{_LTR_ONE}(?:(?<=[{_LATIN}])[ ]+(?=[{_LATIN}]){_LTR_ONE})*"
    r"[/.,:\-%\u060c\u066a-\u066c+]*"
)
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_MARK_FIRST = re.compile(r"(?:^|(?<=[\s(\[«\"'.,:;\u060c\u061b]))[\u064b-\u065f\u0670]+[\u0621-\u064a]")
_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670\u0640]")


@lru_cache(maxsize=1)
def _direction_cues() -> tuple:
    """Forward cues from ``lexicons/text_direction.json`` and their mirrored backward twins."""
    from pipeline.core.lexicon import load_json

    data = load_json("text_direction.json")
    starts = dict(data.get("word_starts", {}))
    ends = dict(data.get("word_ends", {}))
    fwd_words = dict(data.get("function_words", {}))
    bwd_words = {w[::-1]: n for w, n in fwd_words.items() if w[::-1] != w and w[::-1] not in fwd_words}
    fwd_words = {w: n for w, n in fwd_words.items() if w not in bwd_words}
    repairs = data.get("ligature_repairs", {})
    seq = dict(repairs.get("sequences", {}))
    whole = dict(repairs.get("whole_words", {}))
    seq_re = re.compile("|".join(map(re.escape, sorted(seq, key=len, reverse=True)))) if seq else None
    whole_re = (re.compile(rf"(?<![{_AR_LETTERS}])(?:" + "|".join(map(re.escape, whole)) + rf")(?![{_AR_LETTERS}])")
                if whole else None)
    return (tuple(starts.items()), tuple(ends.items()), fwd_words, bwd_words, seq, seq_re, whole, whole_re)


def _direction_score(line: str) -> int:
    """> 0: Arabic reads forward (logical); < 0: it reads backward (visual order)."""
    starts, ends, fwd_words, bwd_words, *_ = _direction_cues()
    fwd = bwd = 0
    # a word cannot start with a combining mark: in reversed text a tanween comes first
    bwd += 3 * len(_MARK_FIRST.findall(line))
    for w in _AR_TOKEN.findall(_DIACRITICS.sub("", line)):
        if w in fwd_words:
            fwd += fwd_words[w]
            continue
        if w in bwd_words:
            bwd += bwd_words[w]
            continue
        if len(w) < 3:
            continue
        for cue, weight in starts:
            if w.startswith(cue):
                fwd += weight
            if w.endswith(cue[::-1]):
                bwd += weight
        for cue, weight in ends:
            if w.endswith(cue):
                fwd += weight
            if w.startswith(cue[::-1]):
                bwd += weight
    return fwd - bwd


def _repair_flipped(line: str) -> str:
    """Undo what a split lam-alef ligature does to a turned line (see the lexicon)."""
    *_, seq, seq_re, whole, whole_re = _direction_cues()
    if seq_re is not None:
        line = seq_re.sub(lambda m: seq[m.group(0)], line)
    if whole_re is not None:
        line = whole_re.sub(lambda m: whole[m.group(0)], line)
    return line


def is_reversed_line(line: str) -> bool:
    return _direction_score(fold_presentation_forms(line)) < 0


def reverse_visual_line(line: str) -> str:
    """A visual-order (left-to-right glyph order) Arabic line -> logical order.

    The line is reversed character-wise, brackets are mirrored, and runs of
    digits/Latin letters (with their separators: 23/09/2014, 12.5%, UN) are
    turned back so they keep their own left-to-right order. Combining marks
    are taken to precede their letter in the reversed text (as a character-wise
    reversal leaves them), so the function is its own inverse.
    """
    rev = line[::-1].translate(_MIRROR)
    return _LTR_RUN.sub(lambda m: m.group(0)[::-1].translate(_MIRROR), rev)


def _flips(folded: list[str]) -> list[bool]:
    """Which (folded) lines read backwards. Each line is judged by its own evidence; lines
    without any (short lines, numbers only) follow the majority of the text."""
    scores = [_direction_score(ln) for ln in folded]
    total = sum(scores)
    # in a text that reads forward overall, one line needs clear evidence to be turned
    return [(sc < 0 and (total < 0 or sc <= -4)) or (sc == 0 and total < 0 and _AR_WORD.search(fl) is not None)
            for fl, sc in zip(folded, scores)]


def fix_reversed_lines(text: str) -> str:
    """Fold presentation forms and put visual-order Arabic lines back into logical order."""
    raw_lines = text.split("\n")
    folded = [fold_presentation_forms(ln) for ln in raw_lines]
    # reverse the unfolded line: a lam-alef ligature is one glyph and must stay لا
    return "\n".join(_repair_flipped(fold_presentation_forms(reverse_visual_line(raw))) if flip else fl
                     for raw, fl, flip in zip(raw_lines, folded, _flips(folded)))


# --------------------------------------------------------------------------- PDF reading order

_RTL_CHAR = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LATIN_CHAR = re.compile(rf"[{_LATIN}]")
_DIG = "0-9\u0660-\u0669\u06f0-\u06f9"
_NUM = rf"[{_DIG}]+(?:[.,:/\u066b\u066c][{_DIG}]+)*"
_LAT_WORD = rf"[{_LATIN}](?:[{_LATIN}{_DIG}'@_.\-&]*[{_LATIN}{_DIG}])?"
_LTR_SPAN = re.compile(rf"(?:{_LAT_WORD}|{_NUM})(?:[ .,:/\-&]+(?:{_LAT_WORD})|(?<=[{_LATIN}])[ .,:/\-&%]+(?:{_NUM}))*")
_AR_RUN_CHARS = rf"{_AR_LETTERS}\u064b-\u065f\u0670\ufb50-\ufdff\ufe70-\ufefc"
_RTL_SPAN = re.compile(rf"[{_AR_RUN_CHARS}]+(?:[ \u060c\u061b]+[{_AR_RUN_CHARS}]+)*")
_DIGIT_SET = frozenset("0123456789\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669")
_PUNCT_AFTER = frozenset(".,:;!?\u060c\u061b\u061f\u066b\u066c")
_NUM_SEP = frozenset(".,:/\u066b\u066c")
_BRACKET_TWIN = dict(zip("()[]{}\u00ab\u00bb", ")(][}{\u00bb\u00ab"))
_LAM_ALEF_SECOND = frozenset("\u0627\u0623\u0625\u0622\u0649")
# a letter+tanween cluster whose text a producer wrote twice (tanween ends a word: never doubled)
_DUP_TANWEEN = re.compile(r"(\S[\u064b-\u064d])\1+|\u0627\u0627\u064b\u064b")


def _undouble(m: re.Match) -> str:
    return m.group(1) or "\u0627\u064b"


_BRACKET_PAIRS = ("()", "[]", "{}", "\u00ab\u00bb")


def balance_brackets(text: str) -> str:
    """Mirror a paragraph's brackets of one kind when they only balance mirrored.

    Some producers' text (or pdfium's own bidi pass) hands right-to-left brackets back as their
    mirror images; a lone closing bracket (a list marker such as 1) ) is left alone.
    """
    def balanced(seq: str, op: str) -> bool:
        depth = 0
        for ch in seq:
            depth += 1 if ch == op else -1
            if depth < 0:
                return False
        return depth == 0

    out = []
    for para in text.split("\n"):
        for op, cl in _BRACKET_PAIRS:
            if cl not in para:
                continue
            seq = "".join(ch for ch in para if ch in (op, cl))
            if not balanced(seq, op) and balanced(seq, cl):
                para = para.translate(str.maketrans(op + cl, cl + op))
        out.append(para)
    return "\n".join(out)


_TANWEEN = frozenset("\u064b\u064c\u064d")
_TANWEEN_SEAT = frozenset("\u0627\u0649")


def _is_mark(ch: str) -> bool:
    return len(ch) == 1 and unicodedata.category(ch) in ("Mn", "Me")


def _space_threshold(before: str, prev: tuple, g: tuple, brackets: tuple, em: float) -> float:
    """How wide (in ems) the gap between two neighbours (in reading order) must be to be a word gap.

    ``before`` is the character read before ``prev``. Measured on Chromium prints in four fonts.
    """
    a, b = prev[0][-1], g[0][0]
    opening, closing = brackets
    if b in _PUNCT_AFTER:
        return 0.55
    if a in _DIGIT_SET and (b in _DIGIT_SET or b in _NUM_SEP) or (
            b in _DIGIT_SET and a in _NUM_SEP and before in _DIGIT_SET):
        return 0.55
    # bracket boxes are unreliable (a mirrored glyph is placed by its twin's metrics)
    if a in opening or b in closing:
        return 0.6
    if b in opening or a in closing:
        return 0.04
    # a glyph that carries a tanween ends its word (only an alef or alef maksura may follow it):
    # a ligature drawn with its tanween (a fallback font such as DejaVu) shows only the mark's box,
    # and when the print has no space glyph, nothing else tells the word gap
    if a in _TANWEEN and len(prev[0]) > 1 and b not in _TANWEEN_SEAT and _ARABIC_LETTER.match(b):
        return 0.0
    # a box floating above the baseline is a mark's box standing in for a letter drawn without
    # text: the letter's body lies before it in reading order, so a gap into it looks wider
    if g[3] > g[5] + 0.3 * em:
        return 0.35 if g[7] != prev[7] else 0.5
    if prev[3] > prev[5] + 0.3 * em:
        return 0.175 if g[7] != prev[7] else 0.5
    # a gap pdfium itself took for a word break needs less width than one inside its word
    return 0.14 if g[7] != prev[7] else 0.5


def order_glyphs(glyphs: list[tuple], *, rtl_default: bool = True) -> str:
    """Glyphs ``(text, left, right, bottom, top, baseline_y, font_size, token)`` -> text in reading order.

    One output line per printed line. ``token`` numbers the whitespace-separated words of
    pdfium's own text: a gap between two of its words needs less width to count as a space.
    """
    return "\n".join(text for text, _, _ in _ordered_lines(glyphs, rtl_default=rtl_default))


def _ordered_lines(glyphs: list[tuple], *, rtl_default: bool = True) -> list[tuple[str, bool, str]]:
    """(line text, whether the next line continues the same paragraph, the line read the other
    way round as drawn) in reading order."""
    bases = [g for g in glyphs if not _is_mark(g[0])]
    marks = [g for g in glyphs if _is_mark(g[0])]
    if not bases:
        return ""
    bases.sort(key=lambda g: -g[5])
    lines: list[list[tuple]] = []
    tops: list[float] = []
    cur_y = None
    for g in bases:
        em = g[6] if g[6] > 1.5 else max(g[4] - g[3], 1.0)
        if cur_y is None or cur_y - g[5] > 0.5 * em:
            lines.append([])
            tops.append(g[5])
            cur_y = g[5]
        lines[-1].append(g)
    dirs = []
    for line in lines:
        letters = "".join(g[0] for g in line)
        n_rtl = len(_RTL_CHAR.findall(letters))
        n_ltr = len(_LATIN_CHAR.findall(letters))
        rtl = n_rtl > n_ltr or (n_rtl == n_ltr == 0 and rtl_default)
        line.sort(key=(lambda g: -(g[1] + g[2])) if rtl else (lambda g: g[1] + g[2]))
        dirs.append(rtl)
    # marks go with the base of the nearest line whose centre is nearest to theirs
    attached: dict[int, list[str]] = {}
    if marks:
        neg_tops = [-y for y in tops]
        centres = [[(-(g[1] + g[2]) if d else (g[1] + g[2])) for g in ln] for ln, d in zip(lines, dirs)]
        for m in marks:
            k = bisect.bisect_left(neg_tops, -m[5])
            cands = [j for j in (k - 1, k) if 0 <= j < len(lines)]
            li = min(cands, key=lambda j: abs(tops[j] - m[5]))
            c = (-(m[1] + m[2])) if dirs[li] else (m[1] + m[2])
            row = centres[li]
            p = bisect.bisect_left(row, c)
            near = [j for j in (p - 1, p) if 0 <= j < len(row)]
            j = min(near, key=lambda j: abs(row[j] - c))
            attached.setdefault(id(lines[li][j]), []).append(m[0])
    out: list[str] = []
    for line, rtl in zip(lines, dirs):
        s = _assemble(line, rtl, attached)
        # the same glyphs read the other way round, as drawn: what a PDF that draws logical
        # text left to right means (used when the line turns out to read backwards)
        alt = _assemble(line[::-1], False, attached) if rtl else ""
        if rtl:
            s = _LTR_SPAN.sub(lambda m: m.group(0)[::-1], s.translate(_MIRROR))
        else:
            s = _RTL_SPAN.sub(lambda m: m.group(0)[::-1], s)
        out.append((_DUP_TANWEEN.sub(_undouble, s), _DUP_TANWEEN.sub(_undouble, alt)))
    return [(text, soft, alt) for (text, alt), soft in zip(out, _soft_breaks(lines, dirs))]


def _assemble(line: list[tuple], rtl: bool, attached: dict[int, list[str]]) -> str:
    """The glyphs of one line, in the given order, with their marks and word spaces."""
    parts: list[str] = []
    prev = None
    before = ""
    # which bracket codepoints open in reading order: the first one met opens (producers and
    # pdfium disagree on whether a right-to-left bracket comes back mirrored)
    # (a bracket whose twin is not on the line closes when only punctuation follows it)
    opening, closing = set(), set()
    firsts = [g[0][0] for g in line]
    for k, ch in enumerate(firsts):
        if ch in _BRACKET_TWIN and ch not in opening and ch not in closing:
            twin = _BRACKET_TWIN[ch]
            ends = twin not in firsts and all(c in _PUNCT_AFTER for c in firsts[k + 1:])
            (closing if ends else opening).add(ch)
            (opening if ends else closing).add(twin)
    for g in line:
        if prev is not None:
            gap = (prev[1] - g[2]) if rtl else (g[1] - prev[2])
            em = max(prev[6], g[6])
            if em <= 1.5:
                em = max(prev[4] - prev[3], g[4] - g[3], 1.0)
            if gap > _space_threshold(before, prev, g, (opening, closing), em) * em:
                parts.append(" ")
        parts.append(g[0])
        if id(g) in attached:
            parts.append("".join(attached[id(g)]))
        before = prev[0][-1] if prev is not None else ""
        prev = g
    return "".join(parts)


def _soft_breaks(lines: list[list[tuple]], dirs: list[bool]) -> list[bool]:
    """Whether each printed line wraps into the next one (same paragraph) rather than ending it:
    the next line follows at a normal line pitch in the same font size, and this line is full
    (its far end reaches the text block's edge)."""
    if not lines:
        return []
    lo = min(min(g[1] for g in ln) for ln in lines)
    hi = max(max(g[2] for g in ln) for ln in lines)
    width = max(hi - lo, 1.0)
    sizes = [sorted(g[6] for g in ln)[len(ln) // 2] for ln in lines]
    flags = []
    for k, ln in enumerate(lines):
        if k + 1 == len(lines):
            flags.append(False)
            continue
        em, em2 = sizes[k], sizes[k + 1]
        pitch = ln[0][5] - lines[k + 1][0][5]
        far = (min(g[1] for g in ln) - lo) if dirs[k] else (hi - max(g[2] for g in ln))
        flags.append(em > 1.5 and abs(em - em2) <= 0.15 * em and 0 < pitch < 1.75 * em and far < 0.12 * width)
    return flags


def _page_glyphs(textpage) -> list[tuple]:
    import ctypes

    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    n = pdfium_c.FPDFText_CountChars(raw)
    if n <= 0:
        return []
    buf = (ctypes.c_ushort * (n + 1))()
    got = pdfium_c.FPDFText_GetText(raw, 0, n, buf)
    units = buf[: max(got - 1, 0)]
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    get_box, get_origin, get_size = (pdfium_c.FPDFText_GetCharBox, pdfium_c.FPDFText_GetCharOrigin,
                                     pdfium_c.FPDFText_GetFontSize)
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    oref = (ctypes.byref(ox), ctypes.byref(oy))
    glyphs: list[tuple] = []
    token = 0
    i = 0
    m = min(n, len(units))
    while i < m:
        u = units[i]
        step = 1
        if 0xD800 <= u < 0xDC00 and i + 1 < m and 0xDC00 <= units[i + 1] < 0xE000:
            ch = chr(0x10000 + ((u - 0xD800) << 10) + (units[i + 1] - 0xDC00))
            step = 2
        else:
            ch = chr(u)
        if u <= 0x20 or ch.isspace() or u in (0xAD, 0xFFFE, 0xFFFF) or 0xD800 <= u < 0xE000:
            token += 1
        elif get_box(raw, i, *refs) and get_origin(raw, i, *oref):
            g = (ch, left.value, right.value, bottom.value, top.value, oy.value, get_size(raw, i), token)
            if glyphs:
                p = glyphs[-1]
                # one glyph whose text has several characters: pdfium cuts its box in equal parts;
                # they are put back together, the text in its own (logical) order
                same_box = abs(p[1] - g[1]) < 1e-3 and abs(p[2] - g[2]) < 1e-3
                piece = (p[2] - p[1]) / len(p[0])
                if (p[7] == token and abs(p[3] - g[3]) < 1e-3 and abs(p[4] - g[4]) < 1e-3
                        and (same_box or ((abs(p[1] - g[2]) < 1e-3 or abs(p[2] - g[1]) < 1e-3)
                                          and abs(piece - (g[2] - g[1])) < 1e-2 * max(piece, 0.1)))):
                    glyphs[-1] = (p[0] + ch, min(p[1], g[1]), max(p[2], g[2]), p[3], p[4], p[5], p[6], token)
                    i += step
                    continue
            glyphs.append(g)
        i += step
    return _orient_groups(glyphs)


def _orient_groups(glyphs: list[tuple]) -> list[tuple]:
    """A glyph carrying several characters (a ligature, a letter with its mark) keeps its text in
    the order of the run it came in: pdfium hands a run drawn left to right back reversed, so
    the text of a group in such a run is turned back."""
    if not any(len(g[0]) > 1 for g in glyphs):
        return glyphs
    votes: dict[int, int] = {}
    for p, g in zip(glyphs, glyphs[1:]):
        if p[7] == g[7] and not _is_mark(p[0]) and not _is_mark(g[0]):
            d = (g[1] + g[2]) - (p[1] + p[2])
            votes[g[7]] = votes.get(g[7], 0) + (1 if d > 0 else -1 if d < 0 else 0)
    tokens = sorted(votes)
    out = []
    for g in glyphs:
        if len(g[0]) > 1 and not _is_mark(g[0][0]):
            v = votes.get(g[7])
            if not v and tokens:
                k = bisect.bisect_left(tokens, g[7])
                near = [tokens[j] for j in (k - 1, k) if 0 <= j < len(tokens)]
                v = votes[min(near, key=lambda t: abs(t - g[7]))]
            letters = _DIACRITICS.sub("", g[0])
            if len(letters) == 2 and "\u0644" in letters and letters.replace("\u0644", "") in _LAM_ALEF_SECOND:
                # a lam-alef ligature: one glyph, always lam first
                g = ("\u0644" + g[0].replace("\u0644", "", 1),) + g[1:]
            elif v and v > 0:
                g = (_reverse_cluster(g[0]),) + g[1:]
        out.append(g)
    return out


def _reverse_cluster(text: str) -> str:
    """Reverse a glyph's characters, keeping each combining mark after its letter."""
    units = re.findall(r".[\u064b-\u065f\u0670]*", text, flags=re.S)
    return "".join(reversed(units))


# --------------------------------------------------------------------------- readers

_PDF_JUNK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _join_pages(pages: list[list[tuple[str, bool, str]]]) -> str:
    """Turn lines that read backwards (a PDF drawing logical text left to right: they are read
    again the other way), fold presentation forms, join wrapped lines into paragraphs and
    pages with a blank line."""
    flat = [ln for page in pages for ln in page]
    folded = [fold_presentation_forms(text) for text, _, _ in flat]
    fixed = [fold_presentation_forms(alt) if flip and alt else fl
             for fl, flip, (_, _, alt) in zip(folded, _flips(folded), flat)]
    out: list[str] = []
    k = 0
    for pi, page in enumerate(pages):
        if pi:
            out.append("\n\n")
        for j, (_, soft, _) in enumerate(page):
            out.append(fixed[k].strip())
            k += 1
            if j + 1 < len(page):
                out.append(" " if soft else "\n")
    return balance_brackets("".join(out).strip())


_PDF_STREAM = re.compile(rb"stream\r?\n")


def check_pdf_streams(data: bytes, per_stream: int = PDF_MAX_STREAM_BYTES,
                      total: int = PDF_MAX_INFLATED_BYTES) -> None:
    """Refuse a PDF whose zlib (Flate) streams inflate beyond the limits, inflating each at most to
    its limit (cheap: the work is bounded by the limits, not by what the bomb would give)."""
    import zlib

    inflated = 0
    for m in _PDF_STREAM.finditer(data):
        start = m.end()
        if data[start:start + 1] != b"x":  # a zlib header starts with 0x78
            continue
        d = zlib.decompressobj()
        got, pos, step = 0, start, 1 << 16
        try:
            while not d.eof and pos < len(data):
                buf = data[pos:pos + step]
                pos += step
                while buf and not d.eof:
                    got += len(d.decompress(buf, 1 << 20))
                    buf = d.unconsumed_tail
                    if got > per_stream:
                        raise _Refused(f"PDF bomb: a compressed stream inflates beyond {per_stream} bytes "
                                       "(settings.PDF_MAX_STREAM_BYTES)", "parse")
                    if inflated + got > total:
                        raise _Refused(f"PDF bomb: its compressed streams inflate beyond {total} bytes "
                                       "(settings.PDF_MAX_INFLATED_BYTES)", "parse")
        except zlib.error:
            pass  # not Flate after all, or damaged: pdfium decides
        inflated += got


def _read_pdf(data: bytes) -> tuple[str, str | None, str | None, list[str]]:
    import pypdfium2 as pdfium

    check_pdf_streams(data)

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise _Refused("broken PDF: encrypted (a password is needed)", "parse") from None
        raise _Refused(f"broken PDF: {msg.strip().rstrip('.') or 'cannot be opened'}", "parse") from None
    warnings: list[str] = []
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                tp = page.get_textpage()
                try:
                    lines = _ordered_lines(_page_glyphs(tp))
                finally:
                    tp.close()
            except pdfium.PdfiumError as exc:
                warnings.append(f"page {i + 1}: no text ({exc})")
                lines = []
            finally:
                page.close()
            pages.append([(_PDF_JUNK.sub("", text), soft, _PDF_JUNK.sub("", alt)) for text, soft, alt in lines])
        try:
            meta = pdf.get_metadata_dict()
        except Exception:
            meta = {}
    finally:
        pdf.close()
    text = _join_pages(pages)
    if not text.strip():
        raise _Refused("no text layer in PDF (scanned images? OCR is not supported)", "parse")
    title = (meta.get("Title") or "").strip() or None
    if title and title.lower() in ("untitled", "title"):
        title = None
    published = _iso_date(meta.get("CreationDate")) if meta.get("CreationDate") else None
    return text, title, published, warnings


_DOCX_TEMPLATE_CREATED = _dt.datetime(2013, 12, 23, 23, 15)


def _check_docx_sizes(members) -> None:
    """Refuse a zip bomb from the sizes the archive declares (zipfile never inflates past them)."""
    xml = sum(m.file_size for m in members if m.filename.lower().endswith((".xml", ".rels")))
    total = sum(m.file_size for m in members)
    if xml > DOCX_MAX_XML_BYTES:
        raise _Refused(f"DOCX bomb: its XML inflates to {xml} bytes > {DOCX_MAX_XML_BYTES} "
                       "(settings.DOCX_MAX_XML_BYTES)", "parse")
    if total > DOCX_MAX_UNPACKED_BYTES:
        raise _Refused(f"DOCX bomb: its members inflate to {total} bytes > {DOCX_MAX_UNPACKED_BYTES} "
                       "(settings.DOCX_MAX_UNPACKED_BYTES)", "parse")


def _read_docx(data: bytes) -> tuple[str, str | None, str | None]:
    import zipfile

    if not data.startswith(b"PK"):
        raise _Refused("broken DOCX: not a zip archive", "parse")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        _check_docx_sizes(zf.infolist())
        bad = zf.testzip()
    except zipfile.BadZipFile as exc:
        raise _Refused(f"broken DOCX: truncated or damaged zip archive ({exc})", "parse") from None
    if bad is not None:
        raise _Refused(f"broken DOCX: damaged zip member {bad}", "parse")
    if "word/document.xml" not in zf.namelist():
        raise _Refused("broken DOCX: no word/document.xml in the archive", "parse")
    import docx
    from docx.table import Table

    try:
        doc = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise _Refused(f"broken DOCX: {type(exc).__name__}: {exc}", "parse") from None

    lines: list[str] = []

    def table_lines(tbl: Table) -> None:
        for row in tbl.rows:
            cells, seen = [], set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats
                    continue
                seen.add(id(cell._tc))
                parts = []
                for item in cell.iter_inner_content():
                    if isinstance(item, Table):
                        table_lines(item)
                    else:
                        t = item.text.strip()
                        if t:
                            parts.append(t)
                cells.append(" ".join(parts))
            # empty cells are kept, so that every cell stays under its column's header
            if any(cells):
                lines.append("\t".join(cells))

    for item in doc.iter_inner_content():
        if isinstance(item, Table):
            table_lines(item)
        else:
            t = _lf(item.text).strip()
            if t:
                lines.append(t)
    text = "\n".join(lines)
    cp = doc.core_properties
    title = (cp.title or "").strip() or None
    created = cp.created
    published = None
    if created is not None and created.replace(tzinfo=None) != _DOCX_TEMPLATE_CREATED:
        published = _iso_date(created)
    return text, title, published


def _sniff_format(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    low = head[:512].lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<body" in low:
        return "html"
    if head.startswith((b"{", b"[")):
        return "json"
    return "txt"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _json_doc(obj, *, source: str, default_id: str, sha: str, fmt: str, encoding: str) -> RawDoc:
    if not isinstance(obj, dict):
        raise _Refused(f"not a JSON object but {type(obj).__name__}", "parse")
    if "text" not in obj:
        raise _Refused("missing field 'text'", "parse")
    text = obj["text"]
    if not isinstance(text, str):
        raise _Refused(f"field 'text' is {type(text).__name__}, not a string", "parse")
    text = _lf(text)
    if not text.strip():
        raise _Refused("empty: field 'text' is empty", "parse")
    rid = _sanitize_id(str(obj["id"])) if obj.get("id") not in (None, "") else ""
    title = obj.get("title")
    title = _WS.sub(" ", title).strip() or None if isinstance(title, str) else None
    published, warnings = None, []
    if isinstance(obj.get("published"), str) and obj["published"].strip():
        from pipeline.ingest.metadata import parse_published

        retrieved = obj.get("retrieved") if isinstance(obj.get("retrieved"), str) else None
        got = parse_published(obj["published"], retrieved)
        published = got.value
        if not published:
            warnings.append(f"field 'published' is not a date: {got.reason}")
    elif obj.get("published"):
        warnings.append(f"field 'published' is not a date: {str(obj.get('published'))[:40]!r}")
    extra = {k: _WS.sub(" ", obj[k]).strip() or None if isinstance(obj.get(k), str) else None
             for k in ("publisher", "url")}
    return RawDoc(id=rid or default_id, source=source, text=text, sha256=sha, title=title,
                  published=published, encoding=encoding, format=fmt,
                  published_source="json" if published else None, warnings=warnings, **extra)


def _read_jsonl(path: str, data: bytes, stem: str) -> Iterator[RawDoc | IngestError]:
    # A UTF-16/32 file is decoded whole; UTF-8 is split on bytes so one bad line costs one line.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, enc, _ = decode_bytes(data)
        codec = {"utf-16": "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be",
                 "utf-32": "utf-32-le" if data.startswith(b"\xff\xfe") else "utf-32-be"}[enc]
        raw_lines = [ln.encode(codec) for ln in text.split("\n")]
    else:
        enc = "utf-8"
        if data.startswith(b"\xef\xbb\xbf"):
            data, enc = data[3:], "utf-8-sig"
        raw_lines = data.split(b"\n")
    any_line = False
    for n, line in enumerate(raw_lines, 1):
        if line.endswith(b"\r"):
            line = line[:-1]
        if not line.strip():
            continue
        any_line = True
        source = f"{path}#{n}"
        try:
            try:
                s = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _Refused(f"line {n}: not UTF-8 (invalid byte at column {exc.start + 1})", "decode") from None
            try:
                obj = json.loads(s)
            except ValueError as exc:
                raise _Refused(f"line {n}: not JSON ({exc.msg} at column {exc.colno})", "parse") from None
            yield _json_doc(obj, source=source, default_id=f"{stem}-{n}", sha=_sha(line), fmt="jsonl",
                            encoding=enc)
        except _Refused as exc:
            reason = exc.reason if exc.reason.startswith(f"line {n}:") else f"line {n}: {exc.reason}"
            yield IngestError(reason, source=source, stage=exc.stage)
        except Exception as exc:  # never a traceback
            yield IngestError(f"line {n}: {type(exc).__name__}: {exc}", source=source, stage="parse")
    if not any_line:
        yield IngestError("empty file: no JSON lines", source=path, stage="read")


def _read_json(path: str, data: bytes, stem: str) -> Iterator[RawDoc | IngestError]:
    text, enc, _ = decode_bytes(data)
    if not text.strip():
        raise _Refused("empty file", "read")
    try:
        obj = json.loads(text)
    except ValueError as exc:
        raise _Refused(f"not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})", "parse") from None
    sha = _sha(data)
    if isinstance(obj, dict):
        try:
            yield _json_doc(obj, source=path, default_id=stem, sha=sha, fmt="json", encoding=enc)
        except _Refused as exc:
            yield IngestError(exc.reason, source=path, stage=exc.stage)
        return
    if not isinstance(obj, list):
        raise _Refused(f"JSON holds a {type(obj).__name__}, not an object or a list of objects", "parse")
    if not obj:
        raise _Refused("empty: the JSON list holds no objects", "parse")
    for i, item in enumerate(obj, 1):
        source = f"{path}#{i}"
        item_sha = _sha(json.dumps(item, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        try:
            yield _json_doc(item, source=source, default_id=f"{stem}-{i}", sha=item_sha, fmt="json",
                            encoding=enc)
        except _Refused as exc:
            yield IngestError(f"item {i}: {exc.reason}", source=source, stage=exc.stage)


def _read_bytes(path: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of a regular file. Opened without blocking (a FIFO never hangs) and
    checked on the open descriptor, so what is read is what was checked."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise _Refused("unreadable: no such file", "read") from None
    except PermissionError:
        raise _Refused("unreadable: permission denied", "read") from None
    except IsADirectoryError:
        raise _Refused("unreadable: is a directory", "read") from None
    except OSError as exc:
        raise _Refused(f"unreadable: {exc.strerror or exc}", "read") from None
    st = os.fstat(fd)
    why = ("unreadable: is a directory" if stat.S_ISDIR(st.st_mode) else not_regular_reason(st)
           or (f"file too large: {st.st_size} bytes > --max-bytes {max_bytes}" if st.st_size > max_bytes else None))
    if why:
        os.close(fd)
        raise _Refused(why, "read")
    with os.fdopen(fd, "rb") as fh:
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise _Refused(f"unreadable: {exc.strerror or exc}", "read") from None
    if len(data) > max_bytes:
        raise _Refused(f"file too large: more than {max_bytes} bytes > --max-bytes {max_bytes}", "read")
    return data


def _read_stdin(max_bytes: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise _Refused("unreadable: no standard input", "read")
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _Refused(f"input too large: more than {max_bytes} bytes on stdin > --max-bytes {max_bytes}",
                       "read")
    return data


def _text_doc(data: bytes, *, rid: str, source: str, fmt: str) -> RawDoc:
    if not data:
        raise _Refused("empty file", "read")
    text, enc, warnings = decode_bytes(data)
    if not text.strip():
        raise _Refused("empty file: whitespace only", "read")
    title = None
    if fmt == "md":
        m = re.search(r"(?m)^#{1,2}[ \t]+(.+?)[ \t#]*$", text[:4096])
        title = m.group(1).strip() if m else None
    return RawDoc(id=rid, source=source, text=text, sha256=_sha(data), title=title, encoding=enc,
                  format=fmt, warnings=warnings)


def _read_one(path: str, max_bytes: int) -> Iterator[RawDoc | IngestError]:
    if path == "-":
        data = _read_stdin(max_bytes)
        sha = _sha(data)
        doc = _text_doc(data, rid=f"stdin-{sha[:8]}", source="stdin", fmt="stdin")
        yield doc
        return
    data = _read_bytes(path, max_bytes)
    stem = safe_id(Path(path).stem)
    fmt = _FORMAT_OF_EXT.get(Path(path).suffix.lower()) or _sniff_format(data)
    if not data:
        raise _Refused("empty file", "read")
    if fmt in ("txt", "md"):
        yield _text_doc(data, rid=stem, source=path, fmt=fmt)
    elif fmt == "html":
        html, enc, warnings = _decode_html(data)
        text, title, published = html_to_text(html)
        if not text.strip():
            raise _Refused("empty: no text in the HTML body", "parse")
        page = html_source_meta(html)
        published = published or page.get("published")
        yield RawDoc(id=stem, source=path, text=text, sha256=_sha(data), title=title, published=published,
                     encoding=enc, format="html", published_source="html" if published else None,
                     warnings=warnings, publisher=page.get("publisher"), url=page.get("url"))
    elif fmt == "pdf":
        if not data.lstrip()[:5] == b"%PDF-":
            raise _Refused("broken PDF: no %PDF header", "parse")
        text, title, published, warnings = _read_pdf(data)
        yield RawDoc(id=stem, source=path, text=text, sha256=_sha(data), title=title, published=published,
                     encoding=None, format="pdf", published_source="pdf-created" if published else None,
                     warnings=warnings)
    elif fmt == "docx":
        text, title, published = _read_docx(data)
        if not text.strip():
            raise _Refused("empty: no text in the DOCX body", "parse")
        yield RawDoc(id=stem, source=path, text=text, sha256=_sha(data), title=title, published=published,
                     encoding=None, format="docx", published_source="docx-created" if published else None)
    elif fmt == "jsonl":
        yield from _read_jsonl(path, data, stem)
    elif fmt == "json":
        yield from _read_json(path, data, stem)
    else:  # pragma: no cover - every format is handled above
        raise _Refused(f"unsupported input type: {fmt}", "read")


def read_input(path: str, max_bytes: int) -> Iterator[RawDoc | IngestError]:
    """Yield a RawDoc per report in ``path`` ('-' for stdin) and an IngestError record per failure.

    Never raises for a bad input: every problem becomes an ``IngestError``
    instance yielded with ``source``, ``stage`` and a one-line ``reason``.
    """
    source = "stdin" if path == "-" else path
    try:
        yield from _read_one(path, max_bytes)
    except _Refused as exc:
        yield IngestError(exc.reason, source=source, stage=exc.stage)
    except MemoryError:
        yield IngestError("out of memory while reading", source=source, stage="read")
    except RecursionError:
        yield IngestError("input nested too deeply", source=source, stage="parse")
    except Exception as exc:  # a reader's surprise is a record, never a traceback
        msg = str(exc).splitlines()[0] if str(exc) else ""
        yield IngestError(f"cannot read: {type(exc).__name__}{': ' + msg if msg else ''}", source=source,
                          stage="read")
