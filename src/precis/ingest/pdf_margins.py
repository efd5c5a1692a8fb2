"""Lines a page draws in its outer margin in small type, or outside the page, from glyph boxes.

Running heads are found by recurrence and page numbers (``precis.clean.running_heads``), which
needs other pages to compare with. A one-page excerpt has none: the Apple environmental report's
page carries the report's navigation bar and page number ("Introduction Climate Change ...
2022 Environmental Progress Report 104") at its very top in small type, and a letter's footer
("Client: Apple Inc. 4") sits below the page's bottom edge, where no viewer shows it (issue 13).
The boxes tell both: a line mostly above or below the crop box is hidden; a line inside the top
or bottom band of the page in a smaller size than most lines' is margin type.

Cost: none of its own: the boxes and sizes are the page's line description (``pdf_lines``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from precis.ingest.pdf_boxes import Box

if TYPE_CHECKING:
    from precis.ingest.pdf_lines import PdfLines

VISIBLE = 0.6  # a line with less of its height inside the page is hidden
BAND = 0.06  # share of the page height at the top and at the bottom that is margin
SMALL = 0.85  # margin type: a font size at most this share of the page's median size
_MIN_LINES = 3  # fewer lines on the page: no typical height to compare with


@dataclass(frozen=True, slots=True)
class EdgeLines:
    """Line starts (offsets into the page's text) that are hidden or set in the margin."""

    hidden: tuple[int, ...] = ()
    margin: tuple[int, ...] = ()


def edge_lines(lines: PdfLines, crop: Box) -> EdgeLines:
    """The page's hidden and margin lines, from its described lines (``pdf_lines``, page
    offsets); ``crop`` is the page's crop box (l, b, r, t)."""
    import numpy as np

    if not len(lines):
        return EdgeLines()
    _, bottom, _, top = crop
    y0, y1 = lines.y0, lines.y1
    height = y1 - y0
    with np.errstate(invalid="ignore", divide="ignore"):
        inside = np.clip(np.minimum(y1, top) - np.maximum(y0, bottom), 0.0, None)
        visible = np.where(height > 0, inside / height, 1.0)
    hidden_mask = visible < VISIBLE  # NaN boxes (no glyph box) compare False: not hidden
    hidden = tuple(int(s) for s in lines.start[hidden_mask])
    sizes = lines.size[~np.isnan(lines.size)]
    if len(sizes) < _MIN_LINES:
        return EdgeLines(hidden=hidden)
    typical = float(np.median(sizes))
    band = BAND * (top - bottom)
    with np.errstate(invalid="ignore"):
        in_band = (y0 >= top - band) | (y1 <= bottom + band)
        small = lines.size <= SMALL * typical
    margin_mask = in_band & small & ~hidden_mask
    return EdgeLines(hidden=hidden, margin=tuple(int(s) for s in lines.start[margin_mask]))


def _visible(box: Box, bottom: float, top: float) -> float:
    """Share of the line's height inside the page (a glyph or two may reach in from outside:
    "Client: Apple Inc. 4" has its "4" inside, a cut line its ascenders)."""
    height = box[3] - box[1]
    inside = min(box[3], top) - max(box[1], bottom)
    return max(inside, 0.0) / height if height > 0 else 1.0
