"""Markdown heading markers, as edits, so that ``## Results`` reads ``Results`` in clean text.

Only the ATX heading markers are removed; the heading spans themselves come from the text
adapter as heading hints. Emphasis and links are left alone: removing them is lossy and rarely
matters for summaries.
"""

from __future__ import annotations

import re

from precis.offsets import Edit

HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(\S[^\n]*?)[ \t#]*$", re.MULTILINE)


def heading_marker_edits(text: str) -> list[Edit]:
    """Delete the leading ``#`` markers (and trailing ones) of ATX headings."""
    edits: list[Edit] = []
    for m in HEADING_RE.finditer(text):
        edits.append(Edit(m.start(), m.start(2), ""))
        if m.end(2) < m.end():
            edits.append(Edit(m.end(2), m.end(), ""))
    return edits
