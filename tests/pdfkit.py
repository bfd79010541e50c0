"""Test helpers for Arabic PDFs: a contextual shaper and the Unicode bidi algorithm (GNU FriBidi)."""
from __future__ import annotations

import pytest


def _fribidi():
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("fribidi")
    if not name:
        pytest.skip("libfribidi is not installed")
    return ctypes.CDLL(name)


def bidi_visual(line: str) -> str:
    """Logical RTL line -> glyphs left to right by the Unicode bidi algorithm (GNU FriBidi)."""
    import ctypes

    lib = _fribidi()
    n = len(line)
    arr = (ctypes.c_uint32 * n)(*map(ord, line))
    out = (ctypes.c_uint32 * (n + 1))()
    v2l = (ctypes.c_int * n)()
    levels = (ctypes.c_int8 * n)()
    base = ctypes.c_uint32(0x111)  # FRIBIDI_PAR_RTL
    assert lib.fribidi_log2vis(arr, n, ctypes.byref(base), out, None, v2l, levels)
    mirror = str.maketrans("()[]{}<>«»", ")(][}{><»«")
    return "".join(line[v2l[i]].translate(mirror) if levels[v2l[i]] % 2 else line[v2l[i]] for i in range(n))


def shape(text: str) -> str:
    """Contextual presentation forms, from Unicode's own decompositions (isolated, final, initial, medial)."""
    import unicodedata

    forms: dict[str, dict[str, str]] = {}
    for cp in list(range(0xFE70, 0xFEFD)):
        ch = chr(cp)
        d = unicodedata.decomposition(ch).split()
        if len(d) == 2 and d[0] in ("<isolated>", "<final>", "<initial>", "<medial>"):
            forms.setdefault(chr(int(d[1], 16)), {})[d[0]] = ch
    lig = {"\u0644\u0627": "\ufefb", "\u0644\u0623": "\ufef7", "\u0644\u0625": "\ufef9", "\u0644\u0622": "\ufef5"}

    def joins_left(c: str) -> bool:   # can join the following letter
        return c in forms and "<initial>" in forms[c]

    out, i, prev_joins = [], 0, False
    while i < len(text):
        two = text[i:i + 2]
        if two in lig:
            out.append(chr(ord(lig[two]) + (1 if prev_joins else 0)))
            prev_joins = False
            i += 2
            continue
        c = text[i]
        if c not in forms:
            out.append(c)
            prev_joins = prev_joins and unicodedata.category(c) == "Mn"
            i += 1
            continue
        j = i + 1
        while j < len(text) and unicodedata.category(text[j]) == "Mn":
            j += 1
        nxt = text[j] if j < len(text) else ""
        next_joins = joins_left(c) and nxt in forms
        f = forms[c]
        key = ("<medial>" if next_joins else "<final>") if prev_joins else ("<initial>" if next_joins else "<isolated>")
        out.append(f.get(key) or f.get("<isolated>") or c)
        prev_joins = next_joins
        i += 1
    return "".join(out)


def dejavu_canvas(size: float, title: str | None = None):
    """A reportlab canvas drawing in DejaVu Sans (skips the test without reportlab or the font)."""
    import io
    import os

    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not os.path.exists(font):
        pytest.skip("DejaVuSans is not installed")
    pdfmetrics.registerFont(TTFont("DejaVu", font))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    if title:
        c.setTitle(title)
    c.setFont("DejaVu", size)
    return c, buf
