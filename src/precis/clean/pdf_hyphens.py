"""Line-end hyphens in a PDF text layer: rejoin a hyphenated word or keep the hyphen.

Document evidence first (does ``authorizing`` or ``great-power`` occur unbroken elsewhere?), then
word frequencies from :mod:`precis.clean.lexicon` (:mod:`precis.clean.hyphen_join`). pdfium writes
``U+FFFE`` for *every* hyphen at a line end, soft or hard (checked with reportlab PDFs: both
``autho-`` and ``great-`` come out as ``U+FFFE``), so it gets the same decision as ``"-"``; only
``U+00AD`` is always a hyphenation point. Removed headers between the halves are skipped: the
gap runs from one kept line to the next.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from precis.clean.hyphen_join import should_join

if TYPE_CHECKING:
    from precis.clean.pdf_layout import Line

SOFT_HYPHEN = "\u00ad"
PDFIUM_HYPHEN = "\ufffe"
_LEADING_LETTERS_RE = re.compile(r"^[^\W\d_]+")
_TRAILING_LETTERS_RE = re.compile(r"[^\W\d_]+$")
_SUSPENDED = frozenset({"and", "or", "nor", "to"})  # "short- and long-term"


def ends_with_hyphen(line: str) -> bool:
    """A line-end hyphen: pdfium's marker, a soft hyphen, or '-' after a letter or digit."""
    last = line[-1]
    if last in (PDFIUM_HYPHEN, SOFT_HYPHEN):
        return True
    return last == "-" and len(line) > 1 and line[-2].isalnum()


def hyphen_gap(a: Line, b: Line, counts: Counter[str]) -> tuple[int, int, str]:
    """The gap edit after a hyphenated line end: join the halves or keep the hyphen."""
    marker = a.text[-1]
    left = _TRAILING_LETTERS_RE.search(a.text[:-1])
    right = _LEADING_LETTERS_RE.match(b.text)
    if marker == SOFT_HYPHEN and right:
        return a.end - 1, b.start, ""
    if left and right and should_join(left.group(), right.group(), counts):
        return a.end - 1, b.start, ""
    glue = " " if right and right.group().lower() in _SUSPENDED else ""
    if marker == "-":
        return a.end, b.start, glue
    return a.end - 1, b.start, "-" + glue
