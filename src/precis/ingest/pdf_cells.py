"""Table rows set between prose: lines whose words stand in cells on a page's column grid.

A table whose rows alternate with full-width narrative (an accident list: "Oct. 25, 1999 |
Aberdeen, South Dakota, U.S. | Gates Learjet 35 | destroyed | 6 fatal" over a paragraph
telling what happened) has no run of short numeric lines for :mod:`precis.ingest.pdf_roles` to
find, and each row runs into the narrative under it as one sentence ("... Gates Learjet 35
destroyed 6 fatal The aircraft was on a charter flight ..."). The text layer puts one space
where the page shows a column gap; only the glyph boxes tell a cell gap from a word space.

A line is a *cell row* when the page shows a gap of :data:`CELL_GAP_EM` or more between two of
its words, and a row is a table row when other cell rows of its page start cells at the same
places (within :data:`ALIGN_EM`): a row of three cells or more with one other row on
:data:`MIN_SHARED` of its starts, a row of two cells with two other rows on both. A header and
its rows share the column grid, while a justified line with wide word spaces shares it with
nothing. pdfplumber and camelot find such tables from the same geometry (column gaps, aligned
starts); they are not used here because they read every glyph into Python objects (seconds per
page), where this reads two boxes per space on the few lines that are wide for their letters.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from precis.ingest.pdf_boxes import BoxReader
    from precis.ingest.pdf_lines import PdfLines

CELL_GAP_EM = 2.0  # a gap between words this wide (in the line's font size) separates cells
MIN_GAPS = 2  # gaps of a row that one aligned row confirms (three cells or more)
ALIGN_EM = 0.6  # two cells start at the same place within this much
MIN_SHARED = 3  # cell starts two rows share (the line's own start counts)
WIDE = 1.15  # a candidate is this much wider per character than the page's median line
WIDE_EM = 0.5  # or this wide per character, in em (prose measures 0.40-0.47)
MAX_CELL_WORDS = 5  # words per cell of a row, on average, at most (merged columns: 6-10)
JUSTIFIED = 1.5  # the widest word space of a justified line over its narrowest, at most
MAX_CANDIDATES = 200  # per page: the boxes read stay a few thousand at most
PROSE_SHARE = 0.75  # of a line's tokens words of letters: a line of prose
_SPACE_RE = re.compile(r" +")
_PAGE_RE = re.compile(r"\s(?:\d{1,3}|[ivxlc]{1,6})$")
_WORD_RE = re.compile(r"^[^\W\d_]{2,}[^\d]*$")


def table_rows(boxes: BoxReader, text: str, lines: PdfLines) -> tuple[int, ...]:
    """Start offsets (into the page's ``text``) of the lines that are rows of a cell table."""
    import numpy as np

    if len(lines) < 2:
        return ()
    chars = np.maximum(lines.end - lines.start, 1)
    with np.errstate(divide="ignore", invalid="ignore"):  # a size of 0 or NaN: not usable
        per_char = (lines.x1 - lines.x0) / chars / lines.size
    usable = np.isfinite(per_char)
    if usable.sum() < 2:
        return ()
    median = float(np.median(per_char[usable]))
    wide = min(WIDE * median, WIDE_EM)  # a page of table rows has a wide median
    candidates = np.flatnonzero(usable & (per_char > wide))[:MAX_CANDIDATES]
    rows: list[tuple[int, list[float], float]] = []
    for i in candidates.tolist():
        starts = _cell_starts(boxes, text, lines, i)
        words = len(text[int(lines.start[i]) : int(lines.end[i])].split())
        if words > MAX_CELL_WORDS * len(starts):
            continue  # cells of running text: columns pdfium read as one line, no table
        if len(starts) > 2 or (len(starts) == 2 and not _contents_entry(text, lines, i)):
            rows.append((int(lines.start[i]), starts, float(lines.size[i])))
    found = set()
    for a, (start_a, cells_a, size_a) in enumerate(rows):
        # three cells or more: one row on the same grid; two cells: two rows on both columns
        need, partners = (MIN_SHARED, 1) if len(cells_a) > MIN_GAPS else (2, 2)
        aligned = sum(
            1
            for b, (_, cells_b, size_b) in enumerate(rows)
            if b != a and _shared(cells_a, cells_b, ALIGN_EM * max(size_a, size_b)) >= need
        )
        if aligned >= partners:
            found.add(start_a)
    return tuple(sorted(found))


def _cell_starts(boxes: BoxReader, text: str, lines: PdfLines, i: int) -> list[float]:
    """The x where each cell of the line starts: the line's start, then after each wide gap;
    only the line's start where its gaps are a justified line's (see :func:`_justified`)."""
    start, end, size = int(lines.start[i]), int(lines.end[i]), float(lines.size[i])
    starts = [float(lines.x0[i])]
    gaps = []
    for match in _SPACE_RE.finditer(text, start, end):
        before, after = boxes.get(match.start() - 1), boxes.get(match.end())
        if before is None or after is None:
            continue
        gap = (after[0] - before[2]) / size
        gaps.append(gap)
        if gap >= CELL_GAP_EM:
            starts.append(after[0])
    return starts[:1] if _justified(gaps, text[start:end]) else starts


def _contents_entry(text: str, lines: PdfLines, i: int) -> bool:
    """Whether a two-cell line ends in a page number: a contents entry ("2. The Buchert
    scheme      4"), which the contents role takes, not a table."""
    return bool(_PAGE_RE.search(text[int(lines.start[i]) : int(lines.end[i])]))


def _justified(gaps: list[float], line: str) -> bool:
    """Whether the line is prose whose word spaces are all stretched alike, two or more of
    them: a justified line of a narrow column ("Word    pair    Class    la-"), whose spaces a
    table row's differ from (word spaces inside its cells, gaps as wide as its columns). A
    row of numbers set at even intervals ("0.55  0.25  70%  0.40  63%") is no prose."""
    if len(gaps) < 2 or min(gaps) < CELL_GAP_EM / 2 or max(gaps) > JUSTIFIED * min(gaps):
        return False
    tokens = line.split()
    return sum(1 for t in tokens if _WORD_RE.match(t)) >= PROSE_SHARE * len(tokens)


def _shared(a: list[float], b: list[float], tolerance: float) -> int:
    """How many cell starts of ``a`` have one of ``b`` within ``tolerance``."""
    return sum(1 for x in a if any(abs(x - y) <= tolerance for y in b))
