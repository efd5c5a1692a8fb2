"""Real PDFs for tests and benchmarks, built with reportlab (no binary fixtures in the repo).

The article builder lays out a journal-style paper by hand: running headers that alternate
between even and odd pages and carry the page number, a page number in the footer, headings,
and body lines wrapped at a fixed width. Words marked with ``|`` in the source text are
hyphenated at the end of a line (``autho|rizing`` -> ``autho-`` / ``rizing``; ``great-|power``
breaks after its own hyphen); ``||`` also ends the page there, so a word is split across a
page break. :func:`article_blocks` returns the blocks the layout was built from, so tests can
compare the cleaned text with what the author wrote.
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

PAGE_W, PAGE_H = letter
LEFT = 72.0
TEXT_W = PAGE_W - 2 * LEFT
BODY_FONT, BODY_SIZE, LEADING = "Times-Roman", 10.5, 13.0
HEAD_FONT, HEAD_SIZE = "Helvetica-Bold", 11.0
TOP, BOTTOM = PAGE_H - 96, 84.0
FIRST_PAGE_NUMBER = 729
AUTHORS = ("Nora Belkin", "James Blight")
TITLE = "The Security Dilemma Revisited"
EVEN_HEADER = "{n} Belkin and Blight"
ODD_HEADER = "Belkin and Blight {n}"

SENTENCES = (
    "States that cannot be sure of one another's intentions arm themselves for defence.",
    "Each increment of security for one side reads as a threat to the other.",
    "The resulting spiral has been documented in archives from the Napoleonic wars onwards.",
    "Our argument is that the spiral depends less on capabilities than on domestic politics.",
    "Leaders who face hawkish coalitions at home rarely signal restraint abroad.",
    "The evidence comes from forty dyads observed over two centuries of rivalry.",
    "We code each crisis by its trigger, its duration and the way it ended.",
    "Naval programmes are the clearest case, because ships take years to build.",
    "A rival that watches the keels being laid has ample time to respond in kind.",
    "Arms control agreements interrupt the spiral only when verification is cheap.",
    "Where inspection was intrusive, cooperation survived changes of government.",
    "Where it was not, the agreements collapsed at the first domestic crisis.",
    "Alliances complicate the picture, since commitments can embolden weaker partners.",
    "Smaller states often gained more from the rivalry than the principals themselves.",
    "The model predicts escalation in about two thirds of the cases we examine.",
    "It fails mostly in crises that were settled by third-party mediation.",
    "Economic interdependence dampened the spiral in some periods but not in others.",
    "Trade between rivals rose sharply in the decade before the First World War.",
    "Policy makers nonetheless read every new railway line as a military preparation.",
    "Nuclear weapons changed the calculus but did not remove the underlying fear.",
    "Second-strike forces made deliberate attack irrational for both superpowers.",
    "Yet accidents, false alarms and misperceptions kept the danger alive.",
    "Our data suggest that transparency measures mattered more than numerical limits.",
    "Future work should test these claims on regional rivalries outside Europe.",
)

SPECIAL = {
    2: "Parliaments differ in their habits of autho|rizing military budgets, and the differences "
    "persist across regimes.",
    4: "The great-|power rivalry that followed was neither inevitable nor simply the product of "
    "the balance of forces.",
    7: "What matters most is the perception of se||curity held by the leaders of each state.",
}

SECTIONS = (
    "1 Introduction",
    "2 Theories of the Spiral",
    "2.1 Capabilities and Intentions",
    "3 Data and Methods",
    "Cases and Coding Rules",
    "4 Results",
    "DISCUSSION",
    "5 Conclusion",
)


@dataclass(frozen=True)
class Block:
    """One block of the article as written: a heading or a paragraph (with hyphen markers)."""

    kind: str  # "title", "authors", "heading" or "paragraph"
    text: str

    @property
    def clean(self) -> str:
        """The text a perfect cleaner would produce (markers resolved)."""
        return re.sub(r"-?\|\|?", lambda m: "-" if m.group().startswith("-") else "", self.text)


def article_blocks(n_pages: int = 6, seed: int = 7) -> list[Block]:
    """Blocks for an article of about ``n_pages`` pages (the layout may run a few lines over)."""
    rng = random.Random(seed)
    blocks = [Block("title", TITLE), Block("authors", " and ".join(AUTHORS))]
    n_paragraphs = max(4, int(n_pages * 7.5))
    section = 0
    for i in range(n_paragraphs):
        if i % 4 == 0:
            heading = SECTIONS[section % len(SECTIONS)]
            if section >= len(SECTIONS):
                heading = re.sub(r"^\d+", str(section + 1), heading)
            blocks.append(Block("heading", heading))
            section += 1
        sentences = rng.sample(SENTENCES, rng.randint(4, 7))
        if i in SPECIAL:
            sentences.insert(rng.randint(1, len(sentences) - 1), SPECIAL[i])
        blocks.append(Block("paragraph", " ".join(sentences)))
    return blocks


def _wrap(text: str, width: float) -> list[str]:
    """Greedy wrap; a ``|`` marker forces a hyphenated break there (``||``: and a page break)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        head, marker, tail = word.partition("|")
        if marker:
            page_break = tail.startswith("|")
            tail = tail.lstrip("|")
            head = head if head.endswith("-") else head + "-"
        candidate = f"{current} {head}".strip()
        if current and stringWidth(candidate, BODY_FONT, BODY_SIZE) > width:
            lines.append(current)
            candidate = head
        if marker:
            lines.append(candidate + ("\f" if page_break else ""))
            current = tail
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _marks(c: canvas.Canvas, page_index: int) -> None:
    """Running header (alternating, none on the first page) and footer page number."""
    n = FIRST_PAGE_NUMBER + page_index
    if page_index > 0:
        c.setFont(BODY_FONT, 9)
        if n % 2 == 0:
            c.drawString(LEFT, PAGE_H - 60, EVEN_HEADER.format(n=n))
        else:
            c.drawRightString(PAGE_W - LEFT, PAGE_H - 60, ODD_HEADER.format(n=n))


def _footer(c: canvas.Canvas, page_index: int) -> None:
    c.setFont(BODY_FONT, 9)
    c.drawCentredString(PAGE_W / 2, 50, str(page_index + 1))


def article_pdf(n_pages: int = 6, *, seed: int = 7, blocks: list[Block] | None = None) -> bytes:
    """A journal-style article; see the module docstring for what it contains."""
    blocks = blocks if blocks is not None else article_blocks(n_pages, seed)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=True)
    c.setTitle(TITLE)
    c.setAuthor("; ".join(AUTHORS))
    page = 0
    y = TOP
    _marks(c, page)

    def new_page() -> None:
        nonlocal page, y
        _footer(c, page)
        c.showPage()
        page += 1
        y = TOP
        _marks(c, page)

    for block in blocks:
        if block.kind == "paragraph":
            lines, font, size, gap = _wrap(block.text, TEXT_W), BODY_FONT, BODY_SIZE, 0.0
        else:
            lines, font, size = (
                [block.text],
                HEAD_FONT,
                HEAD_SIZE + (4 if block.kind == "title" else 0),
            )
            gap = LEADING
            if y - gap - 3 * LEADING < BOTTOM:  # keep a heading with its first lines
                new_page()
        y -= gap if y < TOP else 0
        for line in lines:
            if y < BOTTOM:
                new_page()
            c.setFont(font, size)
            c.drawString(LEFT, y, line.rstrip("\f"))
            y -= LEADING
            if line.endswith("\f"):
                new_page()
    _footer(c, page)
    c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf(password: str = "secret") -> bytes:
    """A one-page PDF with text, encrypted with a user password."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, encrypt=password, invariant=True)
    c.setFont(BODY_FONT, BODY_SIZE)
    c.drawString(LEFT, TOP, "This text is only readable with the password.")
    c.showPage()
    c.save()
    return buf.getvalue()


def drawing_only_pdf(n_pages: int = 2) -> bytes:
    """Pages with only vector drawings: no text layer at all (a scanned document's situation)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=True)
    for i in range(n_pages):
        for k in range(20):
            c.rect(LEFT + 10 * k, TOP - 20 * k - 5 * i, 100, 12, fill=k % 2)
        c.line(LEFT, BOTTOM, PAGE_W - LEFT, TOP)
        c.showPage()
    c.save()
    return buf.getvalue()


def text_pdf(pages: list[list[str]]) -> bytes:
    """One line of body text per entry, one list per page: for small exact tests."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=True)
    for lines in pages:
        c.setFont(BODY_FONT, BODY_SIZE)
        for k, line in enumerate(lines):
            c.drawString(LEFT, TOP - k * LEADING, line)
        c.showPage()
    c.save()
    return buf.getvalue()


JOURNAL_EXCERPT_HEADS = (
    None,
    "730 Belkin and Blight",
    "Triangular Mutual Security 731",
    "732 Belkin and Blight",
)


def journal_excerpt_pdf() -> bytes:
    """The 4-page journal excerpt of issue 13: pages printed 729-732, furniture only by number.

    Page 1 has no head and a centred ``- 729 -`` footer; even pages carry ``730 Belkin and
    Blight`` / ``732 Belkin and Blight``, page 731 the one-off ``Triangular Mutual Security 731``
    (its text occurs once, only its number fits); ``se-`` / ``curity`` breaks across 730/731.
    """
    pages = [[SENTENCES[k % len(SENTENCES)] for k in range(p * 9, p * 9 + 9)] for p in range(4)]
    pages[1][-1] = "Much depends on the psychology and se-"
    pages[2][0] = "curity of the leaders who face one another."
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=True)
    for index, lines in enumerate(pages):
        head = JOURNAL_EXCERPT_HEADS[index]
        c.setFont(BODY_FONT, 9)
        if head and head[0].isdigit():
            c.drawString(LEFT, PAGE_H - 60, head)
        elif head:
            c.drawRightString(PAGE_W - LEFT, PAGE_H - 60, head)
        else:
            c.drawCentredString(PAGE_W / 2, 50, f"- {FIRST_PAGE_NUMBER} -")
        c.setFont(BODY_FONT, BODY_SIZE)
        for k, line in enumerate(lines):
            c.drawString(LEFT, TOP - k * LEADING, line)
        c.showPage()
    c.save()
    return buf.getvalue()
