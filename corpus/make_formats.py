"""Write a few corpus reports in the other input formats, so that `make run` exercises every reader.

    .venv/bin/python corpus/make_formats.py      # needs chromium on PATH for the PDF

The outputs are committed under corpus/formats/; their ids differ from the .txt ids, so they add
reports to `make run` without touching the gold (which is scored on the .txt files). A test
checks that each format yields the same facts as its .txt.
"""
from __future__ import annotations

import html
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "formats"

# (source id, output name)
HTML, DOCX, PDF, JSONL = ("c010", "c010-page.html"), ("c012", "c012-doc.docx"), ("c020", "c020-print.pdf"), \
    (("c030", "c031"), "c030-feed.jsonl")


def paragraphs(doc_id: str) -> list[str]:
    return [p for p in (HERE / f"{doc_id}.txt").read_text(encoding="utf-8").split("\n") if p.strip()]


def page(doc_id: str, *, chrome: bool) -> str:
    paras = paragraphs(doc_id)
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras[1:])
    head = f"<h1>{html.escape(paras[0])}</h1>"
    if not chrome:
        return (f"<!doctype html><html lang='ar' dir='rtl'><head><meta charset='utf-8'>"
                f"<style>body{{font-family:'DejaVu Sans',sans-serif;font-size:12pt;margin:2cm}}</style></head>"
                f"<body>{head}{body}</body></html>")
    return (
        "<!doctype html><html lang='ar' dir='rtl'><head><meta charset='utf-8'>"
        f"<title>{html.escape(paras[0])}</title>"
        "<meta property='article:published_time' content='2019-05-12T09:30:00+03:00'>"
        "<style>.menu{display:flex}</style><script>window.dataLayer=[];</script></head><body>"
        "<header class='site'><nav class='menu'><a href='/'>الرئيسية</a> <a href='/r'>التقارير الشهرية</a>"
        " <a href='/d'>قاعدة بيانات الضحايا</a></nav></header>"
        f"<main><article>{head}<div class='content'>{body}</div></article>"
        "<aside><h3>اقرأ أيضاً</h3><ul><li>مقتل 12 مدنياً في قصف على ريف حماة</li></ul></aside></main>"
        "<footer>© الموقع 2019 — جميع الحقوق محفوظة</footer></body></html>"
    )


def main() -> None:
    OUT.mkdir(exist_ok=True)
    (OUT / HTML[1]).write_text(page(HTML[0], chrome=True), encoding="utf-8")

    import docx

    d = docx.Document()
    d.core_properties.title = paragraphs(DOCX[0])[0]
    for p in paragraphs(DOCX[0]):
        d.add_paragraph(p)
    d.save(OUT / DOCX[1])

    with open(OUT / JSONL[1], "w", encoding="utf-8") as fh:
        for doc_id in JSONL[0]:
            fh.write(json.dumps({"id": f"{doc_id}-feed", "title": paragraphs(doc_id)[0],
                                 "text": (HERE / f"{doc_id}.txt").read_text(encoding="utf-8")},
                                ensure_ascii=False) + "\n")

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("chromium not found: PDF not written")
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "page.html"
        src.write_text(page(PDF[0], chrome=False), encoding="utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
                        f"--print-to-pdf={OUT / PDF[1]}", src.as_uri()], check=True, capture_output=True,
                       timeout=120)
    print("wrote", sorted(p.name for p in OUT.iterdir()))


if __name__ == "__main__":
    main()
