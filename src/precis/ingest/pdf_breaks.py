"""Line breaks pdfium left out at the top and bottom of a page, found from glyph boxes (issue 13).

pdfium starts a new text line when the next glyph is not on the current one, judged mostly by
horizontal order; a glyph far below the line but to its *left* can be appended to it. Page
furniture is where that bites: a centred page number drawn under the last body line comes out
as ``"... the model. 1"`` or ``"... orientation pair .1"`` (two TeX-typeset papers of
``pdf_gold``), and a running head as the start of the caption under it (``"8 A. SHEIKHAHMADI,
... SHOKROLLAHI Table 2. The rate of ..."``). Running-head removal works on lines, so it cannot
find a page number or head that shares a line with body text. The boxes tell: the joined glyph
lies wholly above or below the line it was appended to, by a good part of a line height.

Only the first and last lines of a page are looked at (furniture lives there; the cost is a few
box lookups per page). The text is not changed: the offsets are handed on as line breaks, so
offsets into the text layer stay as pdfium made them.
"""

from __future__ import annotations

import re

from precis.ingest.pdf_boxes import BoxReader

EDGE_LINES = 1  # lines looked at at each end of the page
MAX_BREAKS = 2  # a text line with more jumps than this is a table row or rotated text
_MIN_GAP = 0.5  # vertical gap between glyph and line, in line heights, that makes a new line
_LINE_RE = re.compile(r"[^\r\n\ufffe]+")


def missing_breaks(boxes: BoxReader, text: str) -> tuple[int, ...]:
    """Offsets in ``text`` (the page's text layer) where a new line starts without a break."""
    lines = [m.span() for m in _LINE_RE.finditer(text) if m.group().strip()]
    if not lines:
        return ()
    edge = lines[:EDGE_LINES] + lines[-EDGE_LINES:]
    found: set[int] = set()
    for start, end in dict.fromkeys(edge):  # unique, in order
        breaks = _breaks_in_line(boxes, text, start, end)
        if len(breaks) <= MAX_BREAKS:  # more: a table's cells or rotated text, not lost breaks
            found.update(breaks)
    return tuple(sorted(found))


def _breaks_in_line(boxes: BoxReader, text: str, start: int, end: int) -> list[int]:
    """Where, on one line of the text layer, a glyph lies clear above or below the line so far."""
    breaks: list[int] = []
    low = high = None  # vertical extent of the line so far
    for j in range(start, end):
        if text[j].isspace():
            continue
        box = boxes.get(j)
        if box is None or box[3] <= box[1]:
            continue
        bottom, top = box[1], box[3]
        if low is None or high is None:
            low, high = bottom, top
            continue
        height = max(high - low, top - bottom)
        if top < low - _MIN_GAP * height or bottom > high + _MIN_GAP * height:
            if not text[j - 1].isalnum():  # ".1" is a line end and a page number; "sen|tence"
                breaks.append(j)  # is a hyphenated word whose hyphen the text layer dropped
            low, high = bottom, top
        else:
            low, high = min(low, bottom), max(high, top)
    return breaks
