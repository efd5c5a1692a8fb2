"""Author blocks on page 1 that stand apart from the title: a name over its address (issue 14).

Part of the front matter roles (:mod:`precis.ingest.pdf_front`). ACM's extended abstracts and
many posters set each author as a block of its own, laid out in a grid beside the abstract: the
name in its own font (bold), then the lab, the institution, the street, the city and the e-mail,
one a line. The text layer gives the blocks after the abstract, so the byline between the title
and the abstract is empty. Two cues make a block: a line that reads as one person's name, in a
font of its own, heads a column of lines in its size and left edge that ends with an e-mail.
Only a page whose byline gave no author is searched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from precis.person_names import person_names

if TYPE_CHECKING:
    import numpy as np

    from precis.ingest.pdf_lines import PdfLines

MAX_BLOCK_LINES = 7  # name, lab, institution, street, city, country, e-mail
MAX_NAME_WORDS = 4
EDGE = 2.0  # points: a block's lines start at one left edge


def mark_author_blocks(
    lines: PdfLines, texts: list[str], roles: np.ndarray, first: list[int]
) -> None:
    """Name lines that head an address block ending in an e-mail become authors, the lines
    between name and e-mail affiliations (``first``: page 1's lines)."""
    for i in first:
        if roles[i] != "body" or not _one_name(texts[i]):
            continue
        block = _block(lines, roles, i)
        if block:
            roles[i] = "author"
            roles[block] = "affiliation"


def _one_name(line: str) -> bool:
    """A line that is one person's full name ("Jan-Niklas Antons")."""
    names = person_names(line)
    return len(names) == 1 and 2 <= len(names[0].split()) <= MAX_NAME_WORDS


def _block(lines: PdfLines, roles: np.ndarray, head: int) -> list[int]:
    """The lines between ``head`` and the e-mail that ends its block, or none: each the next
    line under the one before, in the head's size and left edge, the first in another font."""
    below = head + 1
    if below >= len(roles) or lines.font[below] == lines.font[head]:
        return []
    block: list[int] = []
    for j in range(below, min(head + MAX_BLOCK_LINES, len(roles))):
        step = (lines.y0[j - 1] + lines.y1[j - 1] - lines.y0[j] - lines.y1[j]) / 2
        if (
            lines.page[j] != lines.page[head]
            or abs(lines.size[j] - lines.size[head]) > 0.3
            or abs(lines.x0[j] - lines.x0[head]) > EDGE
            or not 0 < step <= 2 * lines.size[head]
        ):
            return []
        if roles[j] == "email":
            return block
        if roles[j] != "body":
            return []
        block.append(j)
    return []
