"""Lines a page draws in its outer margin in small type, or outside the page, from glyph boxes.

Running heads are found by recurrence and page numbers (``precis.clean.running_heads``), which
needs other pages to compare with. A one-page excerpt has none: the Apple environmental report's
page carries the report's navigation bar and page number ("Introduction Climate Change ...
2022 Environmental Progress Report 104") at its very top in small type, and a letter's footer
("Client: Apple Inc. 4") sits below the page's bottom edge, where no viewer shows it (issue 13).
The boxes tell both: a line whose glyphs lie above or below the crop box is hidden; a line inside the
top or bottom band of the page whose glyphs are smaller than most lines' is margin type.

Cost: four box lookups for each of the page's outer lines and for a sample of the others.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from precis.ingest.pdf_boxes import Box, BoxReader

VISIBLE = 0.6  # a line with less of its height inside the page is hidden
BAND = 0.06  # share of the page height at the top and at the bottom that is margin
SMALL = 0.85  # margin type: glyphs at most this share of the page's typical line height
_SAMPLE = 3  # glyphs read at the start of each line for its height
EDGE_LINES = 6  # lines at each end of the page's text that are looked at (running_heads peels
# up to PEEL_DEPTH + 2 of them)
_TYPICAL_SAMPLE = 12  # lines sampled through the page for its typical line height
_MIN_LINES = 3  # fewer lines on the page: no typical height to compare with
_LINE_RE = re.compile(r"[^\r\n\ufffe]+")


@dataclass(frozen=True, slots=True)
class EdgeLines:
    """Line starts (offsets into the page's text) that are hidden or set in the margin."""

    hidden: tuple[int, ...] = ()
    margin: tuple[int, ...] = ()


def edge_lines(boxes: BoxReader, text: str, crop: Box) -> EdgeLines:
    """The page's hidden and margin lines; ``crop`` is the page's crop box (l, b, r, t).

    Only the lines that running-head removal may peel (``EDGE_LINES`` at each end of the
    page's text) are looked at, and a sample of the others for the page's typical height.
    """
    spans = [m.span() for m in _LINE_RE.finditer(text) if not m.group().isspace()]
    edge = set(range(min(EDGE_LINES, len(spans)))) | set(
        range(max(0, len(spans) - EDGE_LINES), len(spans))
    )
    step = max(1, len(spans) // _TYPICAL_SAMPLE)
    looked = sorted(edge | set(range(0, len(spans), step)))
    measured: list[tuple[int, Box]] = []  # line start, extent of the line's sampled glyphs
    sample: list[float] = []
    for k in looked:
        start, end = spans[k]
        glyphs = [j for j in range(start, end) if not text[j].isspace()]
        line = _extent(boxes, glyphs[:_SAMPLE] + glyphs[-1:])
        if line is None:
            continue
        sample.append(line[3] - line[1])
        if k in edge:
            measured.append((glyphs[0], line))
    if not measured:
        return EdgeLines()
    _, bottom, _, top = crop
    # above or below the page only: text beside it is often the facing page of a spread, shown
    # there (a table across two pages), so it is content, not furniture
    hidden = tuple(start for start, box in measured if _visible(box, bottom, top) < VISIBLE)
    if len(sample) < _MIN_LINES:
        return EdgeLines(hidden=hidden)
    typical = statistics.median(sample)
    band = BAND * (top - bottom)
    margin = tuple(
        start
        for start, (_, y0, _, y1) in measured
        if start not in hidden
        and (y0 >= top - band or y1 <= bottom + band)
        and y1 - y0 <= SMALL * typical
    )
    return EdgeLines(hidden=hidden, margin=margin)


def _visible(box: Box, bottom: float, top: float) -> float:
    """Share of the line's height inside the page (a glyph or two may reach in from outside:
    "Client: Apple Inc. 4" has its "4" inside, a cut line its ascenders)."""
    height = box[3] - box[1]
    inside = min(box[3], top) - max(box[1], bottom)
    return max(inside, 0.0) / height if height > 0 else 1.0


def _extent(boxes: BoxReader, glyphs: list[int]) -> Box | None:
    """The box around the glyphs that have one."""
    found = [box for j in glyphs if (box := boxes.get(j)) is not None and box[3] > box[1]]
    if not found:
        return None
    return (
        min(b[0] for b in found),
        min(b[1] for b in found),
        max(b[2] for b in found),
        max(b[3] for b in found),
    )
