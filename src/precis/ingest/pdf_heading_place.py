"""Whether a heading candidate stands where section headings stand (issue 14).

Fonts alone take figure text for headings: bold code in a diagram ("FOR ROWS"), a plot's
legend ("NMOS" / "PMOS") or rotated axis title ("Gauge Factor (/)"), labels spread under a
drawing ("Matrix C        Matrix D"), the blurb of a back cover. What sets a section heading
apart is its place: it is set upright and tight, and the body text of its section follows
right under it, through any subheadings. Figure labels have other labels, a caption or white
space under them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from precis.ingest.pdf_lines import PdfLines

UPRIGHT = 2.0  # a line's box taller than this many sizes runs up the page (an axis title)
SPREAD = 0.9  # a line wider than this many sizes per character has gaps between its words
REACH = 3.0  # white space, in sizes of the line above, beyond which nothing follows a heading
SMALLEST = 0.7  # of the body size: the smallest text that is still body (abstract, references)
ABOVE = 1.0  # points over the body size that body text may still be set in
HANG = 2.0  # body sizes between a heading set out in the margin and its column ("Authors")
EXACT = 0.25  # points within which a line is set at the body size
LARGER = 0.5  # points over the body size that make a line a (sub)heading
_NOT_BODY_ROLES = frozenset({"caption"})  # a heading may head a table
_FLOAT_RE = re.compile(r"^(?:fig(?:ure)?|table|algorithm|listing)\.?\s*[A-Z]?\d", re.IGNORECASE)


def upright(lines: PdfLines, i: int) -> bool:
    """Whether line ``i`` runs left to right (not up the page, as an axis title does)."""
    height = float(lines.y1[i] - lines.y0[i])
    return not height > UPRIGHT * float(lines.size[i])  # NaN boxes: upright


def tight(lines: PdfLines, text: str, i: int) -> bool:
    """Whether line ``i``'s words are set next to each other, not spread over a figure."""
    chars = int(lines.end[i] - lines.start[i])
    width = float(lines.x1[i] - lines.x0[i])
    return not width > SPREAD * chars * float(lines.size[i])


def over_body(
    lines: PdfLines,
    text: str,
    run: Sequence[int],
    body: float,
    roles: Mapping[int, str],
    shown: np.ndarray,
) -> bool:
    """Whether body text follows under the heading ``run`` in its column (which may start a
    little right of a heading set out in the margin), through any
    (sub)headings, each within ``REACH`` sizes of the line above; also when nothing at all
    is under it (the section goes on in the next column or on the next page). ``shown``:
    which lines are not page margins."""
    import numpy as np

    last = run[-1]
    x0 = float(np.min(lines.x0[list(run)]))
    x1 = float(np.max(lines.x1[list(run)]))
    top = float(lines.y0[last])
    if not np.isfinite([x0, x1, top]).all():
        return True
    under = np.flatnonzero(
        (lines.page == lines.page[last])
        & (lines.y1 < top + 1.0)
        & (lines.x0 < x1 + HANG * body)
        & (lines.x1 > x0)
        & shown
    )
    size = float(lines.size[last])
    for j in under[np.argsort(-lines.y1[under], kind="stable")]:
        if int(j) in run:
            continue
        if top - float(lines.y1[j]) > REACH * size:
            return False
        if roles.get(int(lines.start[j])) == "footnote":
            return True  # the column's text ends above its footnotes: it goes on in the next
        kind = _kind(lines, text, int(j), body, roles)
        if kind != "heading":
            return kind == "body"
        top, size = float(lines.y0[j]), float(lines.size[j])
    return True


def _kind(lines: PdfLines, text: str, j: int, body: float, roles: Mapping[int, str]) -> str:
    """Line ``j`` as what may stand under a heading: "body", "heading" or "other"."""
    words = text[int(lines.start[j]) : int(lines.end[j])]
    size = float(lines.size[j])
    plain = abs(size - body) < EXACT and not lines.italic[j]  # "Fig. 1 gives the ..." is body
    if roles.get(int(lines.start[j])) in _NOT_BODY_ROLES or (_FLOAT_RE.match(words) and not plain):
        return "other"
    if lines.bold[j] or size > body + LARGER:
        return "heading" if size >= SMALLEST * body else "other"  # or a bold table row
    return "body" if SMALLEST * body <= size <= body + ABOVE else "other"
