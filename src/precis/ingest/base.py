"""What every ingest adapter returns: raw text plus the structure the format itself knows.

The raw text is the text layer of the source before any repair: the decoded file for text, the
main-content text trafilatura extracted for HTML, the pages' text layers joined for PDF. Offsets
in a :class:`~precis.document.Document` link back into it, and through ``page_starts`` and
``elements`` further back into the file (PDF page and range on the page, HTML element path).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from precis.metadata import Metadata  # re-exported: adapters build it, tests import it from here

if TYPE_CHECKING:
    from precis.ingest.pdf_gaps import PrintedSpaces
    from precis.ingest.pdf_lines import PdfLines


@dataclass(frozen=True)
class HeadingHint:
    """A span of the raw text that the format marks as a heading (HTML h1-h6, Markdown #)."""

    start: int
    end: int
    level: int


@dataclass(frozen=True)
class ElementHint:
    """A span of the raw text that came from one source element (HTML: its path)."""

    start: int
    end: int
    path: str


@dataclass(frozen=True)
class MarkHint:
    """A spacing accent (``¨`` in ``Farber ¨``) that the page draws over or under ``letter``.

    PDF text layers of TeX papers emit an accent as its own spacing character, anywhere near its
    letter in the stream; the glyph boxes say which letter it sits on (issue 13). ``joins``: the
    text on both sides of the mark closes up when the mark goes (``P ´ erez`` -> ``Pérez``), else
    one space stays (``Farber ¨ (2019)`` -> ``Färber (2019)``). A circle glyph (pdfium's ``\\r``
    for cmsy's circle) over ``c`` is a ``©``.
    """

    mark: int
    letter: int
    joins: bool = False


@dataclass(frozen=True, kw_only=True)
class Extraction:
    """Output of an ingest adapter, input of the cleaning pipeline.

    Conventions for ``text``: blocks (paragraphs, headings, list items) are separated by a blank
    line (``"\\n\\n"``); single newlines inside a block are line wraps that cleaning may join.
    PDF text is the exception: it is the pages' text layers as extracted (``\\r\\n`` line ends
    and all), each page starting at ``page_starts[i]``, and PDF layout cleaning rebuilds blocks.
    """

    text: str
    metadata: Metadata
    headings: tuple[HeadingHint, ...] = ()
    elements: tuple[ElementHint, ...] = ()
    page_starts: tuple[int, ...] = ()
    indented_lines: tuple[int, ...] = ()  # PDF: offsets of lines whose first glyph is indented
    # PDF: spacing accents and the letters they sit on (raw offsets), issue 13
    marks: tuple[MarkHint, ...] = ()
    # PDF: offsets where a new line starts that pdfium joined to the previous one, issue 13
    line_breaks: tuple[int, ...] = ()
    # PDF: starts of lines drawn outside the page, and in its top or bottom margin in small type
    hidden_lines: tuple[int, ...] = ()
    margin_lines: tuple[int, ...] = ()
    lines: PdfLines | None = None  # PDF: every text line's box and font (raw offsets), issue 14
    # PDF: line start (raw offset) -> role, for lines that are not body (footnote, caption, ...)
    line_roles: dict[int, str] = field(default_factory=dict)
    # PDF: line start -> level for the lines of headings found from fonts (they also come as
    # ``headings``); None where the fonts cannot tell and headings are guessed from text, issue 14
    heading_lines: dict[int, int] | None = None
    # PDF: whether the page shows a space before a raw offset (glued words), read lazily, issue 14
    printed_spaces: PrintedSpaces | None = field(default=None, compare=False, repr=False)
    warnings: tuple[str, ...] = field(default=())
