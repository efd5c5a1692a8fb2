#!/usr/bin/env python3
"""Write the seed corpora under bench/fuzz/seeds/ (run once; the seeds are checked in).

Seeds are small on purpose (libFuzzer mutates whole inputs, and execs/s falls with size): a few
hand-written samples per format that reach the repair steps, three files copied from the repo's
examples and the shared data (origins in README.md), and PDFs built with reportlab or by hand
with uncompressed content streams, so that mutations hit text operators rather than zlib
noise. Needs reportlab (the ``test``/``bench`` extras) and, for the copies, ../shared/data.

Run: ``python bench/fuzz/make_seeds.py``.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared" / "data"
EXAMPLE = ROOT / "examples" / "beast-jewel-of-mars"
REAL_HTML = SHARED / "html_extraction" / "c00962aabe7bdd1f.html"
REAL_PDF = SHARED / "pdfs" / "doc2json_N18-3011.pdf"

MARKDOWN = """# Field notes

Some intro text with a [link](https://example.org) and *emphasis*. It has two sentences.

## Results

- first item without a stop
- second item, with a comma
1. numbered item

```
code block: x = 1; y = 2
```

### Sub heading ###

Closing paragraph. Mr. Smith paid $4.50 on Jan. 3, 2021 (see p. 12).
"""
PDF_LIKE = (
    "THE SECURITY DILEMMA REVISITED\r\n\r\n1 Introduction\r\nStates that cannot be sure of one an-\r\n"
    "other's intentions arm themselves for defence. Each incre-\r\nment of security for one side "
    "reads as a threat.\r\n\r\n729\r\n\f2 Belkin and Blight\r\nThe resulting spiral has been "
    "documented in archivesfrom the Napoleonicwars onwards.\r\n\u00ad\ufffe\u00a0\u200b fi\ufb01nal "
    "e\u0301 \u201cquoted\u201d \u2014 text.\r\n"
)
HEADINGS = (
    "ABSTRACT\n\nWe study things. They matter.\n\n1 INTRODUCTION\n\nThe study began in 1962. It "
    "ended in 1970.\n\n2.1 Results and Discussion\n\nWe found it. Fig. 3 shows e.g. the result "
    "vs. the baseline.\n\nReferences\n\n[1] A. Author. A title. In Proc. ACL, 2019.\n"
)
HTML_SMALL = """<!DOCTYPE html><html lang="fr-CA"><head><meta charset="windows-1252">
<title>Caf\u00e9 &amp; cr\u00e8me \u2013 a page</title><meta name="author" content="A. B; C. D">
</head><body><nav><a href="/">Home</a></nav><article><h2>Caf\u00e9 cr\u00e8me</h2>
<p>Escaped markup &amp;lt;p&amp;gt;that a CMS double-encoded&amp;lt;/p&amp;gt; and a &lt; b &gt; c.
List&lt;String&gt; stays. Na\u00efve r\u00e9sum\u00e9 text with &nbsp; spaces&#8217; end.</p>
<blockquote>A quoted paragraph. It has two sentences.</blockquote>
<table><tr><th>Year</th><th>Count</th></tr><tr><td>2019</td><td>12</td></tr></table>
<pre><code>for i in range(3):
    print(i)</code></pre><h3>More</h3><ul><li>one<br>two</li><li>three</li></ul>
</article><footer>&copy; 2024</footer></body></html>
"""


def text_seeds() -> dict[str, bytes]:
    """Hand-written text samples, and the example story's opening (with its mojibake)."""
    opening = (EXAMPLE.with_suffix(".txt")).read_bytes()[:2400]
    no_stops = " ".join(["and then we went on talking about it"] * 60)
    return {
        "beast_opening.txt": opening.rsplit(b" ", 1)[0] + b"\n",
        "notes.md": MARKDOWN.encode("utf-8"),
        "pdf_like.txt": PDF_LIKE.encode("utf-8"),
        "cp1252.txt": "Caf\u00e9 \u201cquoted\u201d na\u00efve \u2013 text. Done.\n".encode(
            "cp1252"
        ),
        "utf16le_bom.txt": "\ufeffUTF-16 text. With two sentences.\n".encode("utf-16-le"),
        "no_stops.txt": no_stops.encode("ascii"),
        "headings.txt": HEADINGS.encode("utf-8"),
    }


def html_seeds() -> dict[str, bytes]:
    """Hand-written pages, the example page, the tests' news page and one real page."""
    nested = "<html><body>" + "<div>" * 200 + "<p>Deep text. Still deep.</p>" + "</div>" * 200
    return {
        "small.html": HTML_SMALL.encode("cp1252"),
        "nested.html": (nested + "</body></html>").encode("ascii"),
        "beast-jewel-of-mars.html": EXAMPLE.with_suffix(".html").read_bytes(),
        "news_article.html": (
            ROOT / "tests" / "fixtures" / "html" / "news_article.html"
        ).read_bytes(),
        "real_c00962aabe7bdd1f.html": REAL_HTML.read_bytes(),
    }


def minimal_pdf(lines: list[str], info: str = "") -> bytes:
    """A one-page PDF written by hand (no xref table: pdfium rebuilds it), uncompressed."""
    ops = ["BT /F1 11 Tf 14 TL 72 720 Td"] + [f"({line}) Tj T*" for line in lines] + ["ET"]
    content = "\n".join(ops).encode("latin-1")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 4 0 R>>>>"
        b"/Contents 5 0 R>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Times-Roman>>",
        b"<</Length %d>> stream\n" % len(content) + content + b"\nendstream",
    ]
    body = b"".join(b"%d 0 obj %s endobj\n" % (i + 1, obj) for i, obj in enumerate(objects))
    trailer = b"trailer <</Root 1 0 R" + (f"/Info <<{info}>>".encode("latin-1") if info else b"")
    return b"%PDF-1.4\n" + body + trailer + b">>\n%%EOF\n"


def pdf_seeds() -> dict[str, bytes]:
    """Hand-written and reportlab PDFs (uncompressed), the example PDF, one real paper page."""
    sys.path.insert(0, str(ROOT))
    from reportlab import rl_config
    from tests.pdf_factory import article_pdf, drawing_only_pdf, encrypted_pdf

    rl_config.pageCompression = 0
    lines = [
        "1 Introduction",
        "States that cannot be sure of one another's intentions arm them-",
        "selves for defence. Each increment of security for one side reads",
        "as a threat to the other.",
        "The resulting spiral has been documented in archives from",
        "the Napoleonic wars onwards. Our argument is that the spiral",
        "depends less on capabilities than on domestic politics.",
    ]
    info = (
        "/Title(The Spiral)/Author(N. Belkin and J. Blight)/CreationDate(D:20200131120000+01'00')"
    )
    return {
        "minimal.pdf": minimal_pdf(lines, info),
        "article_2pages.pdf": article_pdf(2),
        "encrypted.pdf": encrypted_pdf(),
        "drawing_only.pdf": drawing_only_pdf(1),
        "beast-jewel-of-mars.pdf": EXAMPLE.with_suffix(".pdf").read_bytes(),
        "n18-3011_page2.pdf": _pdf_page(REAL_PDF, 1),
    }


def _pdf_page(path: Path, index: int) -> bytes:
    """One page of a real PDF, saved as a PDF of its own by pdfium."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(path)
    page = pdfium.PdfDocument.new()
    page.import_pages(source, [index])
    buf = io.BytesIO()
    page.save(buf)
    return buf.getvalue()


def check_seeds(texts: dict[str, bytes], pdfs: dict[str, bytes]) -> dict[str, bytes]:
    """(summary, source) pairs in fuzz_check's layout."""
    from fuzz_check import encode

    story = texts["beast_opening.txt"]
    return {
        "story_summary": encode(
            b"A lean man lay by the canal and looked at the city of Mars. "
            b"He had been there 12 times with Captain Jones in 1950.\n",
            story,
        ),
        "bullets_md": encode(
            b'- the study began in 1962\n- it ended in 1970\n- "we found nothing", said Smith\n',
            texts["headings.txt"],
            flags=0b11,
        ),
        "pdf_source": encode(
            b"Arms spiral because of domestic politics. The spiral started in 1815.",
            pdfs["minimal.pdf"],
            0b0100,
        ),
        "html_source_loop": encode(
            b"The caf\xc3\xa9 page has a table. contingent contingent contingent contingent.\n\n"
            b"The caf\xc3\xa9 page has a table.",
            HTML_SMALL.encode("cp1252"),
            flags=0b1100,
        ),
    }


def main() -> int:
    sys.path.insert(0, str(HERE))
    texts, pdfs = text_seeds(), pdf_seeds()
    corpora = {
        "text": texts,
        "html": html_seeds(),
        "pdf": pdfs,
        "check": check_seeds(texts, pdfs),
    }
    for target, files in corpora.items():
        folder = HERE / "seeds" / target
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        total = sum(len(d) for d in files.values())
        print(f"{target:6} {len(files)} seeds, {total / 1024:.1f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
