"""A PDF's printed page numbers: the page offset, and the lines that carry the page's number.

The document's page offset (printed number minus page index) is learned from the heads and page
numbers that agree on most pages (issue 13). A short edge line whose number, at its start or end,
equals its page's index plus that offset is a head even if its text occurs once (``Triangular
Mutual Security 731`` between ``730 ...`` and ``732 ...``; ``Page 4``; ``1 / 21``; ``- 729 -``).
On the first page a journal or proceedings line carrying the page number, or a page range
containing it, is furniture too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from precis.clean.head_shapes import (
    EDGE_LINES,
    MAX_HEAD_WORDS,
    NUMBER_OWNERS,
    edge_numbers,
    head_like,
    head_shaped,
)

if TYPE_CHECKING:
    from precis.clean.pdf_layout import Line

OFFSET_SHARE = 0.25  # the page offset must be agreed by at least this share of pages (and two)
MAX_JOURNAL_CHARS = 250  # "Proceedings of ..., pages 4969-4983, July 5 - 10, 2020. (c) 2020 ..."

_RANGE_RE = re.compile(r"(\d+)\s*[-\u2013\u2014]\s*(\d+)")
JOURNAL_RE = re.compile(  # names are capitalised in a footer: "press release" is no journal
    r"Proceedings|Journal|Transactions|Conference|Press\b|Publishing|Association|Society"
    r"|(?i:\bvol\.|\bvolume\b|\u00a9|\(c\)|copyright|\bissn\b|\bpages\b|\bpp\.|\bdoi\b)"
)


def page_offsets(
    lines: Sequence[Line], pages: dict[int, list[int]], found: set[int]
) -> tuple[int, ...]:
    """Printed page number minus page index, agreed by the most numbered pages (at least two).

    Up to two offsets: a journal excerpt may carry the journal's numbers in its heads (730) and
    its own in the footer (2).

    Votes come from head-shaped edge lines (a number at the start or end of a short line) and
    recurring heads; a first-page "pages 757-762" range spanning the document is the fallback.
    """
    votes: Counter[int] = Counter()
    ranges: Counter[int] = Counter()
    for page, idx in pages.items():
        offsets: set[int] = set()
        for i in set(idx[:EDGE_LINES] + idx[-EDGE_LINES:]) | {i for i in idx if i in found}:
            text = lines[i].text
            numbers = edge_numbers(text) if head_shaped(text) or i in found else []
            offsets.update(n - page for n in numbers)
            for a, b in _ranges(text):
                if b - a + 1 == len(pages) and JOURNAL_RE.search(text):
                    ranges[a - page] += 1
        votes.update(offsets)
    agreed = tuple(o for o, n in votes.most_common(2) if n >= max(2, OFFSET_SHARE * len(pages)))
    return agreed or tuple(o for o, _ in ranges.most_common(1))


def _ranges(text: str) -> list[tuple[int, int]]:
    """Page ranges ("pages 757-762") in a line."""
    return [(int(a), int(b)) for a, b in _RANGE_RE.findall(text) if int(a) <= int(b)]


def fits_page(text: str, expected: tuple[int, ...]) -> bool:
    """A head-shaped line whose number at its start or end is the page's printed number."""
    return not set(expected).isdisjoint(edge_numbers(text)) and head_like(text)


def journal_line(text: str, expected: tuple[int, ...]) -> bool:
    """A journal or proceedings line carrying the page number or a page range containing it.

    Only looked for on the first page, where no reference list ("In Proceedings of ACL, pages
    10-22.") is set.
    """
    if len(text) > MAX_JOURNAL_CHARS or not JOURNAL_RE.search(text) or not expected:
        return False
    if any(a <= e <= b for a, b in _ranges(text) for e in expected):
        return True  # "pages 757-762", or an ISSN line's "0100-0673"
    return not set(expected).isdisjoint(edge_numbers(text))


def glued_number(text: str, expected: int) -> int:
    """Length to keep of a long last line that ends in the page number pdfium merged into it."""
    words = text.split()
    if len(words) <= MAX_HEAD_WORDS or words[-1] != str(expected):
        return 0
    if words[-2].lower() in NUMBER_OWNERS:
        return 0
    return len(text) - len(words[-1]) - 1 if text[-len(words[-1]) - 1] == " " else 0
