"""PDF adapter: the pages' text layers as pdfium extracts them, joined, with page starts.

Offsets. ``Extraction.text`` is the pages' ``get_text_range()`` outputs joined by one form feed
(``"\\f"``); ``page_starts[i]`` is where page ``i`` starts, so :func:`page_location` turns a raw
offset into (page, range on the page). Ranges on a page index the page's
``get_text_range()`` string, which holds the ``\\r\\n`` that pdfium generates at line ends and
``U+FFFE`` where a line ends in a hyphen (pdfium then joins the lines without a line break).
These generated characters are in pdfium's char list too (``FPDFText_IsGenerated``), but the two
views are *not* the same: chars without a Unicode value (unmapped glyphs, often math symbols)
are left out of the text view, so every later text index is smaller than its char index (on 19
of 189 pages of the shared corpus; see ``bench/bench_pdf.py``). Ranges here are text indices;
convert with ``FPDFText_GetCharIndexFromTextIndex`` where pdfium's char index (e.g. for char
boxes) is needed.

pdfium is not thread-safe: every pdfium call here runs under one module lock.
"""

from __future__ import annotations

import bisect
import importlib.util
import logging
import re
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from precis.errors import (
    CorruptPdfError,
    EncryptedPdfError,
    LimitExceededError,
    OcrRequiredError,
    OptionError,
)
from precis.ingest.base import Extraction, HeadingHint, MarkHint, Metadata
from precis.ingest.pdf_boxes import BoxReader
from precis.ingest.pdf_breaks import missing_breaks
from precis.ingest.pdf_cells import table_rows
from precis.ingest.pdf_gaps import PrintedSpaces
from precis.ingest.pdf_headings import pdf_headings
from precis.ingest.pdf_lines import PdfLines, join_lines, page_lines
from precis.ingest.pdf_margins import EdgeLines, edge_lines
from precis.ingest.pdf_marks import mark_hints
from precis.ingest.pdf_roles import line_roles
from precis.limits import check

logger = logging.getLogger(__name__)

_LINE_BREAK_RE = re.compile("\r\n|\n|\ufffe")
_EDGE_SLACK = 2.0  # points
_INDENT_MIN, _INDENT_MAX = 5.0, 40.0  # a paragraph indent, in points
_SENTENCE_END = frozenset('.!?:"\u201d\u2019)')

PDFIUM_LOCK = threading.Lock()
"""Serialises every pdfium call in the process (pdfium keeps global state)."""

PAGE_BREAK = "\f"
MIN_TEXT_CHARS = 16  # a page with fewer non-space chars has no real text layer (a stray number)
OCR_TIMEOUT_S = 900
_PLACEHOLDERS = {"", "untitled", "anonymous", "unknown", "unspecified", "none"}
_PDF_DATE = re.compile(
    r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-]\d{2}'?\d{2}'?)?"
)
_FPDF_ERR_PASSWORD = 4


def extract_pdf(data: bytes, *, max_pages: int = 2000, password: str | None = None) -> Extraction:
    """Text layer of every page, joined, with page starts and metadata.

    Args:
        data: The PDF file's bytes.
        max_pages: Refuse documents with more pages than this.
        password: Password of an encrypted PDF.

    Raises:
        EncryptedPdfError: encrypted and ``password`` is missing or wrong.
        CorruptPdfError: not a PDF, truncated or otherwise unreadable.
        LimitExceededError: more than ``max_pages`` pages.
        OcrRequiredError: no text layer and OCRmyPDF is not installed (or found no text).
    """
    if max_pages < 1:
        raise OptionError(f"max_pages must be at least 1, got {max_pages}")
    pages, meta, geometry = _read(data, max_pages=max_pages, password=password)
    warnings: tuple[str, ...] = ()
    if not _has_text_layer(pages):
        data = _ocr(data, password)
        pages, meta, geometry = _read(data, max_pages=max_pages, password=password)
        if not _has_text_layer(pages):
            raise OcrRequiredError("OCR found no text in the PDF")
        warnings = ("text comes from OCR (OCRmyPDF); expect recognition errors",)
    text, starts = join_pages(pages)
    metadata = _metadata(meta, len(pages))
    logger.debug("extracted %d pages, %d chars", len(pages), len(text))
    hints = tuple(
        MarkHint(start + h.mark, start + h.letter, h.joins)
        for start, page in zip(starts, geometry, strict=True)
        for h in page.marks
    )
    lines = join_lines([page.lines for page in geometry], starts)
    rows = frozenset(_shifted(starts, [page.table_rows for page in geometry]))
    roles = _non_body_roles(lines, text, rows)
    margins = _shifted(starts, [page.edges.hidden + page.edges.margin for page in geometry])
    headings = pdf_headings(lines, text, roles, frozenset(margins)) if len(lines) else None
    headings = headings or None  # fonts that single out no line say nothing: the text rule
    # decides (a story set in one type, title included)
    return Extraction(
        text=text,
        metadata=metadata,
        page_starts=starts,
        indented_lines=_shifted(starts, [page.indented for page in geometry]),
        marks=hints,
        line_breaks=_shifted(starts, [page.breaks for page in geometry]),
        hidden_lines=_shifted(starts, [page.edges.hidden for page in geometry]),
        margin_lines=_shifted(starts, [page.edges.margin for page in geometry]),
        lines=lines,
        line_roles=roles,
        headings=tuple(HeadingHint(h.start, h.end, h.level) for h in headings or ()),
        heading_lines=None
        if headings is None
        else {start: h.level for h in headings for start in h.lines},
        printed_spaces=PrintedSpaces(data, starts, password),
        warnings=warnings,
    )


def _non_body_roles(lines: PdfLines, text: str, rows: frozenset[int]) -> dict[int, str]:
    """Line start -> role for the lines that are not body (issue 14)."""
    if not len(lines):
        return {}
    roles = line_roles(lines, text, table_rows=rows)
    return {int(s): str(r) for s, r in zip(lines.start, roles, strict=True) if r != "body"}


def _shifted(starts: Sequence[int], per_page: Sequence[tuple[int, ...]]) -> tuple[int, ...]:
    """Page offsets made offsets into the joined text."""
    return tuple(
        start + offset for start, page in zip(starts, per_page, strict=True) for offset in page
    )


def join_pages(pages: Sequence[str]) -> tuple[str, tuple[int, ...]]:
    """Join page texts with form feeds; return the text and each page's start offset."""
    starts: list[int] = []
    pos = 0
    for page in pages:
        starts.append(pos)
        pos += len(page) + len(PAGE_BREAK)
    return PAGE_BREAK.join(pages), tuple(starts)


def page_location(
    extraction_or_page_starts: Extraction | Sequence[int], start: int, end: int
) -> tuple[int, int, int]:
    """Page (1-based) of raw offset ``start`` and the span's start and end on that page.

    A span that runs past its page's end is cut at that page's end (the form feed is not part
    of any page).
    """
    starts = (
        extraction_or_page_starts.page_starts
        if isinstance(extraction_or_page_starts, Extraction)
        else extraction_or_page_starts
    )
    if not starts:
        raise OptionError("no page starts: not a PDF extraction")
    if start < 0 or end < start:
        raise OptionError(f"bad span ({start}, {end})")
    index = max(bisect.bisect_right(starts, start) - 1, 0)
    page_start = starts[index]
    if index + 1 < len(starts):
        end = min(end, starts[index + 1] - len(PAGE_BREAK))
    return index + 1, start - page_start, max(end, start) - page_start


@dataclass(frozen=True, slots=True)
class _PageGeometry:
    """What the glyph boxes tell about one page's text (offsets into the page's text)."""

    indented: tuple[int, ...]
    marks: tuple[MarkHint, ...]
    breaks: tuple[int, ...]
    edges: EdgeLines
    lines: PdfLines
    table_rows: tuple[int, ...] = ()


def _read(
    data: bytes, *, max_pages: int, password: str | None
) -> tuple[list[str], dict[str, str], list[_PageGeometry]]:
    """Open the PDF; each page's text, the info dict and each page's geometry hints."""
    import pypdfium2 as pdfium  # local import: nothing heavy at import time

    with PDFIUM_LOCK:
        doc = _open(pdfium, data, password)
        try:
            n_pages = len(doc)
            if n_pages > max_pages:
                raise LimitExceededError(
                    f"PDF has {n_pages} pages, more than max_pages={max_pages}"
                )
            read = []
            for i in range(n_pages):
                check(f"reading PDF page {i + 1} of {n_pages}")
                read.append(_page_text(pdfium, doc, i))
            meta = _info(pdfium, doc)
        finally:
            doc.close()
    return [text for text, _ in read], meta, [geometry for _, geometry in read]


def _open(pdfium: Any, data: bytes, password: str | None) -> Any:
    """Open ``data`` with pdfium, turning its errors into precis errors (one line each)."""
    if not data:
        raise CorruptPdfError("not a PDF: the input is empty")
    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _FPDF_ERR_PASSWORD:
            what = "wrong password for" if password else "no password given for"
            raise EncryptedPdfError(f"{what} encrypted PDF") from None
        reason = "not a PDF" if b"%PDF-" not in data[:1024] else "corrupt or truncated PDF"
        raise CorruptPdfError(f"cannot read PDF ({reason}, {len(data)} bytes)") from None


def _page_text(pdfium: Any, doc: Any, index: int) -> tuple[str, _PageGeometry]:
    """One page's text layer and its geometry hints; an unparsable page is corruption."""
    try:
        page = doc[index]
    except pdfium.PdfiumError:
        raise CorruptPdfError(f"cannot read page {index + 1} of the PDF") from None
    try:
        textpage = page.get_textpage()
        try:
            text = str(textpage.get_text_range())
            boxes = BoxReader(textpage, text)
            crop = tuple(page.get_cropbox())
            lines = page_lines(boxes, text, crop)
            geometry = _PageGeometry(
                _indented_lines(boxes, text),
                mark_hints(boxes, text),
                missing_breaks(boxes, text),
                edge_lines(lines, crop),
                lines,
                table_rows(boxes, text, lines),
            )
            return text, geometry
        finally:
            textpage.close()
    finally:
        page.close()


def _indented_lines(boxes: BoxReader, text: str) -> tuple[int, ...]:
    """Offsets of lines whose first character sits right of its column's left edge.

    The text layer has no leading spaces, so a paragraph's indented first line is only visible
    in the geometry: each line's first character box (one lookup per line) against the column
    edges, found as x positions where many lines start (two-column pages have two).
    """
    starts = [0] + [m.end() for m in _LINE_BREAK_RE.finditer(text)]
    xs: list[tuple[int, float]] = []
    for offset in starts:
        if offset >= len(text) or text[offset].isspace():
            continue
        box = boxes.get(offset)
        if box is not None:
            xs.append((offset, box[0]))
    if len(xs) < 4:
        return ()
    edges = _column_edges([x for _, x in xs])
    indents = [_indent(x, edges) for _, x in xs]
    # A first-line indent: this line is set in, the lines around it sit on the column edge. A
    # block set in on every line (an abstract, a quotation, a list's hanging indent) is not.
    indented = [
        offset
        for i, (offset, _) in enumerate(xs)
        if _INDENT_MIN <= indents[i] <= _INDENT_MAX
        and i + 1 < len(xs)
        and indents[i + 1] < _INDENT_MIN
        and (i == 0 or not _INDENT_MIN <= indents[i - 1] <= _INDENT_MAX)  # a display above
        and _after_sentence_end(text, offset)
    ]
    return tuple(indented)


def _after_sentence_end(text: str, offset: int) -> bool:
    """Whether the text before ``offset`` ends a sentence (a list's hanging line does not)."""
    j = offset - 1
    while j >= 0 and text[j] in "\r\n \t":
        j -= 1
    return j < 0 or text[j] in _SENTENCE_END


def _indent(x: float, edges: list[float]) -> float:
    """Distance from the nearest column edge at or left of ``x`` (0 when there is none)."""
    left = [e for e in edges if e <= x + _EDGE_SLACK]
    return x - max(left) if left else 0.0


def _column_edges(xs: list[float]) -> list[float]:
    """Left edges of columns: frequent line starts (rounded to 2 pt), the leftmost of any group
    closer than a paragraph indent (the others in the group are the indent itself)."""
    counts = Counter(round(x / 2) * 2 for x in xs)
    need = max(3, len(xs) // 5)
    edges: list[float] = []
    for x in sorted(x for x, n in counts.items() if n >= need):
        if not edges or x - edges[-1] > _INDENT_MAX:
            edges.append(x)
    return edges


def _info(pdfium: Any, doc: Any) -> dict[str, str]:
    """The info dictionary; an unreadable one is simply absent (metadata is optional)."""
    try:
        return {k: v for k, v in doc.get_metadata_dict(skip_empty=True).items() if v}
    except (pdfium.PdfiumError, UnicodeError, ValueError):
        logger.debug("unreadable PDF info dictionary", exc_info=True)
        return {}


def _has_text_layer(pages: Sequence[str]) -> bool:
    """Whether any page has more than a stray number's worth of characters."""
    return any(sum(not c.isspace() for c in page) >= MIN_TEXT_CHARS for page in pages)


def _ocr(data: bytes, password: str | None) -> bytes:
    """OCR the PDF with OCRmyPDF in a subprocess (isolated from our pdfium and logging)."""
    if importlib.util.find_spec("ocrmypdf") is None:
        raise OcrRequiredError(
            "the PDF has no text layer and needs OCR; install OCRmyPDF: pip install 'precis[ocr]'"
        )
    if password:
        raise OcrRequiredError("the PDF has no text layer; OCR of encrypted PDFs is not supported")
    logger.info("no text layer: running OCRmyPDF")
    return _run_ocrmypdf(data)


def _run_ocrmypdf(data: bytes) -> bytes:
    """Run ``python -m ocrmypdf`` on ``data`` in a temporary directory; return the OCRed PDF."""
    with tempfile.TemporaryDirectory(prefix="precis-ocr-") as tmp:
        src, dst = Path(tmp, "in.pdf"), Path(tmp, "out.pdf")
        src.write_bytes(data)
        cmd = [
            sys.executable,
            "-m",
            "ocrmypdf",
            "--quiet",
            "--output-type",
            "pdf",
            str(src),
            str(dst),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=OCR_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise OcrRequiredError(f"OCR took longer than {OCR_TIMEOUT_S} s") from None
        if proc.returncode != 0 or not dst.is_file():
            logger.warning("ocrmypdf failed: %s", proc.stderr.decode("utf-8", "replace")[-2000:])
            raise OcrRequiredError(
                f"the PDF has no text layer and OCRmyPDF failed (exit code {proc.returncode}; "
                "is tesseract installed?)"
            )
        return dst.read_bytes()


def _metadata(info: dict[str, str], pages: int) -> Metadata:
    """Title, authors and creation date from the info dictionary."""
    title = _clean_field(info.get("Title"))
    author = _clean_field(info.get("Author"))
    return Metadata(
        title=title,
        authors=split_authors(author) if author else (),
        date=pdf_date_to_iso(info.get("CreationDate", "")),
        format="pdf",
        pages=pages,
    )


def _clean_field(value: str | None) -> str | None:
    """A stripped info field, or None for empty values and producers' placeholders."""
    if value is None:
        return None
    value = " ".join(value.replace("\x00", "").split())
    return None if value.lower() in _PLACEHOLDERS else value


def split_authors(value: str) -> tuple[str, ...]:
    """Split an Author field: on ``;`` if present, else on ``and``/``&``/``,`` between full names."""
    if ";" in value:
        parts = value.split(";")
    else:
        parts = re.split(r"\s*(?:,\s*and\s+|\band\b|&|,)\s*", value)
        if not all(" " in p.strip() for p in parts if p.strip()):
            parts = [value]  # "Blight, J." is one name, not two
    return tuple(p.strip() for p in parts if p.strip())


def pdf_date_to_iso(value: str) -> str | None:
    """``D:20200131120000+01'00'`` -> ``2020-01-31T12:00:00+01:00``; None if unparseable."""
    m = _PDF_DATE.match(value.strip())
    if not m:
        return None
    year, month, day, hour, minute, second, tz = m.groups()
    if not (month and day):
        return year if not month else f"{year}-{month}"
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    out = f"{year}-{month}-{day}"
    if hour:
        out += f"T{hour}:{minute or '00'}:{second or '00'}"
        if tz == "Z":
            out += "+00:00"
        elif tz:
            digits = tz.replace("'", "")
            out += f"{digits[:3]}:{digits[3:5]}"
    return out
