"""Leftovers of a byline on page 1: affiliation marks, separators and a wrapped author name.

Part of the line roles of issue 14 (:mod:`precis.ingest.pdf_roles`), run after the front matter
of :mod:`precis.ingest.pdf_front`. A byline typeset with superscript affiliation marks
("Claire Wróbel\u00b2", "\u00b9Institut ...") and comma-separated e-mails leaves small pieces
that the text layer gives as lines of their own: a lone "4" raised over the last author, a "1"
set before an affiliation, a "," after an e-mail in another font, and, where the authors fill
the line, the last surname wrapped onto the next line. Left as body they reach the reading flow
as "4 1 ," between the title and the abstract (pdf_gold's preprint layout).

Two cues each: a mark has no letter (or is one lower-case letter in smaller type, raised: an
Elsevier "\u1d43") and shares its text line (overlapping heights) with the author, affiliation or
e-mail next to it in the line order; a wrapped name is set in the font and size of the author
line right above it and reads as capitalised name words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from precis.ingest.pdf_lines import PdfLines

BYLINE = ("author", "affiliation", "email")
MAX_MARK_CHARS = 6
MAX_WRAPPED_WORDS = 3
_LETTER_MARK_RE = re.compile(r"[a-z]")
_NAME_WORD_RE = re.compile(
    r"^[A-Z\u00c0-\u00de\u0141\u0160\u017d][^\W\d_]*(?:[.'\u2019\-][^\W\d_]*)*,?$"
)


def mark_byline_leftovers(lines: PdfLines, texts: list[str], roles: np.ndarray) -> None:
    """Give page 1's mark lines and wrapped author names the role of their byline neighbour."""
    import numpy as np

    first = np.flatnonzero(lines.page == 0).tolist()
    if not any(roles[i] in BYLINE for i in first):
        return
    for i in first:
        if roles[i] == "body" and i > 0 and _wrapped_name(lines, texts, roles, i - 1, i):
            roles[i] = "author"
    changed = True
    while changed:  # a mark next to a mark next to an author ("\u00b3\u2074")
        changed = False
        for i in first:
            if roles[i] != "body":
                continue
            for j in (i - 1, i + 1):
                if not (0 <= j < len(texts) and roles[j] in BYLINE and _one_text_line(lines, i, j)):
                    continue
                if _mark(texts[i]) or _letter_mark(lines, texts, i, j):
                    roles[i] = roles[j]
                    changed = True
                    break


def _mark(line: str) -> bool:
    """A short line with no letter: affiliation marks, commas, daggers."""
    stripped = line.strip()
    return 0 < len(stripped) <= MAX_MARK_CHARS and not any(c.isalpha() for c in stripped)


def _letter_mark(lines: PdfLines, texts: list[str], i: int, j: int) -> bool:
    """Whether line ``i`` is a letter mark ("a" of Elsevier's "Andr\u00e9\u1d43") raised
    over line ``j``: one lower-case letter in smaller type, its foot above ``j``'s."""
    return bool(
        _LETTER_MARK_RE.fullmatch(texts[i].strip())
        and lines.size[i] < lines.size[j] - 0.3
        and lines.y0[i] > lines.y0[j]
    )


def _one_text_line(lines: PdfLines, i: int, j: int) -> bool:
    """Whether lines ``i`` and ``j`` stand on one text line of one page (heights overlap)."""
    overlap = min(lines.y1[i], lines.y1[j]) - max(lines.y0[i], lines.y0[j])
    return bool(lines.page[i] == lines.page[j] and overlap > 0)


def _wrapped_name(lines: PdfLines, texts: list[str], roles: np.ndarray, above: int, i: int) -> bool:
    """Whether line ``i`` is the end of the author line ``above``, wrapped: same font and
    size, right under it, one to three capitalised name words."""
    if roles[above] != "author" or lines.page[above] != lines.page[i]:
        return False
    if lines.font[above] != lines.font[i] or abs(lines.size[above] - lines.size[i]) > 0.3:
        return False
    step = (lines.y0[above] + lines.y1[above] - lines.y0[i] - lines.y1[i]) / 2
    words = texts[i].split()
    return bool(
        0 < step <= 2 * lines.size[above]
        and 0 < len(words) <= MAX_WRAPPED_WORDS
        and all(_NAME_WORD_RE.match(w) for w in words)
    )
