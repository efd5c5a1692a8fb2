"""Build the HTML and PDF editions of the bundled example from its text edition.

The story is real and public domain; the HTML and PDF wrappers are made the way such pages and
files look in the wild (navigation, cookie banner, footer and entities in the HTML; running
headers, page numbers and hard-wrapped, hyphenated lines in the PDF), so that the example
exercises the repair steps. Run: python examples/build_examples.py (needs reportlab).
"""

from __future__ import annotations

import html
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEM = "beast-jewel-of-mars"
TITLE = "The Beast-Jewel of Mars"
AUTHOR = "V. E. Thiessen"


def paragraphs() -> list[str]:
    text = (HERE / f"{STEM}.txt").read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def build_html(paras: list[str]) -> str:
    body = "\n".join(
        f"<p>{html.escape(p, quote=False).replace('—', '&mdash;').replace('  ', '&nbsp; ')}</p>"
        for p in paras[3:]
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{TITLE} &ndash; {AUTHOR} | Pulp Archive</title>
<meta name="author" content="{AUTHOR}">
<meta property="article:published_time" content="1955-03-01">
<script>window.dataLayer=[];function gtag(){{dataLayer.push(arguments)}}</script>
<style>body{{font-family:serif}} .cookie{{position:fixed;bottom:0}}</style>
</head><body>
<div class="cookie" id="cookie-banner">We use cookies to improve your experience. <a href="#">Accept all cookies</a> <a href="#">Manage preferences</a></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/authors">Authors</a></li>
<li><a href="/magazines">Magazines</a></li><li><a href="/about">About us</a></li></ul></nav></header>
<main><article>
<h1>{TITLE}</h1>
<p class="byline">By {AUTHOR} &middot; Planet Stories, Spring 1955</p>
<p><em>{html.escape(paras[2])}</em></p>
{body}
</article></main>
<aside><h3>Related stories</h3><ul><li><a href="/s/1">The Holes and John Smith</a></li>
<li><a href="/s/2">Galactic Ghost</a></li></ul></aside>
<footer><p>&copy; 2024 Pulp Archive &amp; friends. All rights reserved. <a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p></footer>
</body></html>
"""


def build_pdf(paras: list[str], path: Path) -> None:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen.canvas import Canvas

    width, height = letter
    canvas = Canvas(str(path), pagesize=letter)
    canvas.setTitle(TITLE)
    canvas.setAuthor(AUTHOR)
    lines = _wrapped_lines(paras)
    per_page = 44
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    for number, page in enumerate(pages, start=1):
        canvas.setFont("Helvetica", 8)
        header = f"{number} {AUTHOR}" if number % 2 == 0 else f"{TITLE} {number}"
        canvas.drawString(72, height - 40, header)
        canvas.drawCentredString(width / 2, 30, f"Planet Stories \u2022 Page {number}")
        canvas.setFont("Times-Roman", 11)
        y = height - 72
        for line in page:
            if line:
                canvas.drawString(72 + (12 if line.startswith("\t") else 0), y, line.lstrip("\t"))
            y -= 14
        canvas.showPage()
    canvas.save()


def _wrapped_lines(paras: list[str]) -> list[str]:
    """Hard-wrap at 84 columns, hyphenating a long word at a line end where it fits."""
    lines: list[str] = []
    for i, para in enumerate(paras):
        out = textwrap.wrap(para, width=84, break_long_words=False)
        for k in range(len(out) - 1):
            head, _, rest = out[k + 1].partition(" ")
            cut = len(head) // 2
            if len(head) >= 8 and head.isalpha() and len(out[k]) + cut + 2 <= 92:
                out[k] += f" {head[:cut]}-"
                out[k + 1] = head[cut:] + (f" {rest}" if rest else "")
        if out and i > 2:
            out[0] = "\t" + out[0]
        lines.extend(out)
    return lines


def main() -> None:
    paras = paragraphs()
    (HERE / f"{STEM}.html").write_text(build_html(paras), encoding="utf-8")
    build_pdf(paras, HERE / f"{STEM}.pdf")


if __name__ == "__main__":
    main()
