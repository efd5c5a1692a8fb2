"""Running heads, footers and page numbers of a PDF text layer, found by recurrence and page number.

Two kinds of evidence (issue 13):

1. Recurrence: lines near the top or bottom of a page whose text, with digits masked, recurs on
   other pages. A masked line whose number tracks the page index (``730 Belkin and Blight`` /
   ``732 Belkin and Blight``; ``Page 3 of 10``; a bare ``12``) needs two pages; an unnumbered one
   needs three and a share of the pages, so content that merely appears twice stays. Even and odd
   heads are different keys and are found separately.
2. Page numbers: the document's page offset (printed number minus page index) is learned from
   the heads and page numbers that agree on most pages. A short edge line whose number, at its
   start or end, equals its page's index plus that offset is a head even if its text occurs once
   (``Triangular Mutual Security 731`` between ``730 ...`` and ``732 ...``; ``Page 4``;
   ``1 / 21``; ``- 729 -``). First-page furniture is found by what it says: a journal or
   proceedings line carrying the page number or a page range containing it, a volume/issue line,
   an arXiv stamp, an imprint ("Technical Report ...", "Preprint submitted to ...").

Edge lines are peeled from the top and the bottom of each page while they are furniture, so a
body line is never removed from between two kept lines. Guards against body lines that happen to
hold the page number ("... in 1998"): the line must be short, must not start in lower case or end
a sentence, and the number must sit at its start or end.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from precis.clean.pdf_layout import Line

EDGE_LINES = 3  # lines at the top and at the bottom of a page that may be recurring heads
PEEL_DEPTH = 4  # furniture found by page number or content lies within this many edge lines
MIN_UNNUMBERED_PAGES = 3  # an unnumbered running head must recur on at least this many pages
UNNUMBERED_SHARE = 0.15  # ... and on at least this share of the pages
OFFSET_SHARE = 0.25  # the page offset must be agreed by at least this share of pages (and two)
MAX_HEAD_WORDS = 12  # heads are short: "Copyright Office Summary December 1998 Page 4" is 7
MAX_HEAD_CHARS = 100
MIN_INNER_NUMBER = 10  # a page number one word inside a head is taken from 10 on
MAX_JOURNAL_CHARS = 250  # "Proceedings of ..., pages 4969-4983, July 5 - 10, 2020. (c) 2020 ..."

_DIGITS_RE = re.compile(r"\d+")
_ROMAN_RE = re.compile(r"^(?:x{0,3})(?:ix|iv|v?i{0,3})$")
_OF_TOTAL_RE = re.compile(r"\b(\d+)\s*(?:/|of)\s*(\d+)\s*$")  # "1 / 21", "3 of 10"
_TOKEN_STRIP = "-\u2013\u2014|\u00b7\u2022()[],:"
_RANGE_RE = re.compile(r"(\d+)\s*[-\u2013\u2014]\s*(\d+)")
_JOURNAL_RE = re.compile(  # names are capitalised in a footer: "press release" is no journal
    r"Proceedings|Journal|Transactions|Conference|Press\b|Publishing|Association|Society"
    r"|(?i:\bvol\.|\bvolume\b|\u00a9|\(c\)|copyright|\bissn\b|\bpages\b|\bpp\.|\bdoi\b)"
)
_PERIODICAL_RE = re.compile(r"\b(?:Vol\.?|Volume|Issue|No\.)\s*\d+")
_YEAR_RE = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
_ARXIV_RE = re.compile(r"^arXiv:\d{4}\.\d{4,5}(?:v\d+)?\s*\[[^\]]+\]")
_FIRST_PAGE_RE = re.compile(
    r"^(?:Technical Report\b|Tech\. Rep\.|First published in\b|Preprint submitted to\b"
    r"|Published under licen[cs]e\b|doi:\s*10\.|https?://(?:dx\.)?doi\.org/)",
    re.IGNORECASE,
)
_SENTENCE_END = ".!?;"
# a number after these words belongs to the sentence ("see Figure 1"), not to the page
_NUMBER_OWNERS = frozenset(
    "figure fig fig. table section sec sec. chapter eq eq. equation page pages p. pp. step part"
    " appendix version no. number and or to of in than from at by".split()
)

_SENTENCE_OWNERS = _NUMBER_OWNERS - {"page", "p.", "pages"}  # "Page 4" is a page number


@dataclass(frozen=True, slots=True)
class _Hit:
    """A line near a page edge: its index, page, and whether it is the very first or last."""

    index: int
    page: int
    outermost: bool


def furniture(lines: Sequence[Line], n_pages: int) -> tuple[set[int], dict[int, int]]:
    """Indexes of running heads, footers and page numbers among ``lines``.

    Also returns, for a last line with the page number glued on (pdfium sometimes merges a
    centred page number into the line above it: ``... has 1``), the length of text to keep.
    """
    pages = pages_of(lines)
    found = recurring_lines(lines, pages, n_pages)
    offsets = page_offsets(lines, pages, found)
    for page, idx in pages.items():
        expected = tuple(page + o for o in offsets)
        first = page == min(pages)
        found.update(_peel(lines, idx, expected, first, found))
        found.update(_peel(lines, idx[::-1], expected, first, found))
    trims: dict[int, int] = {}
    if offsets:
        for page, idx in pages.items():
            expected = page + offsets[0]
            if not any(i in found and expected in _edge_numbers(lines[i].text) for i in idx):
                keep = _glued_number(lines[idx[-1]].text, expected)
                if keep:
                    trims[idx[-1]] = keep
    return found, trims


def pages_of(lines: Sequence[Line]) -> dict[int, list[int]]:
    """Line indexes per page, in order."""
    pages: dict[int, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        pages[line.page].append(i)
    return pages


def recurring_lines(lines: Sequence[Line], pages: dict[int, list[int]], n_pages: int) -> set[int]:
    """Edge lines whose digit-masked text recurs across pages (or tracks the page index)."""
    by_key: dict[str, list[_Hit]] = defaultdict(list)
    for page_lines in pages.values():
        outer = {page_lines[0], page_lines[-1]}
        for i in set(page_lines[:EDGE_LINES] + page_lines[-EDGE_LINES:]):
            key = _mask(lines[i].text)
            if key:
                by_key[key].append(_Hit(i, lines[i].page, i in outer))
    running: set[int] = set()
    for key, hits in by_key.items():
        running.update(_running_hits(key, hits, lines, n_pages))
    return running


def _numbers(line: str) -> list[int]:
    """The first few numbers in a line."""
    return [int(d) for d in _DIGITS_RE.findall(line)[:4]]


def _mask(line: str) -> str:
    """The line without its numbers, case and spacing normalised ("#" for a bare number).

    Dropping the numbers (not masking them in place) puts ``730 Belkin and Blight`` and
    ``Belkin and Blight 731`` under one key, so even a three-page paper shows the pattern.
    """
    key = " ".join(_DIGITS_RE.sub(" ", line.lower()).split())
    return key or ("#" if _DIGITS_RE.search(line) else "")


def _running_hits(key: str, hits: list[_Hit], lines: Sequence[Line], n_pages: int) -> list[int]:
    """The hits of one masked key that are running heads."""
    pages = {h.page for h in hits}
    # a sentence ("None.", "Any other comments?") must recur on half the pages; "et al." heads not
    sentence = key[-1] in ".?!" and not key.endswith("et al.")
    share = 0.5 if sentence else UNNUMBERED_SHARE
    if any(c.isalpha() for c in key) and (
        len(pages) >= max(MIN_UNNUMBERED_PAGES, math.ceil(share * n_pages))
        or (_alternating(hits) and share == UNNUMBERED_SHARE)
    ):
        return [h.index for h in hits]
    if not any(_DIGITS_RE.search(lines[h.index].text) for h in hits):
        return []
    # numbered: keep the hits whose k-th number minus the page index is the common offset
    votes: Counter[tuple[int, int]] = Counter()
    offsets: dict[int, set[tuple[int, int]]] = {}
    for h in hits:
        offsets[h.index] = {(k, n - h.page) for k, n in enumerate(_numbers(lines[h.index].text))}
        votes.update(offsets[h.index])
    best, count = votes.most_common(1)[0] if votes else ((0, 0), 0)
    return [h.index for h in hits if best in offsets[h.index]] if count >= 2 else []


def _alternating(hits: list[_Hit]) -> bool:
    """Two or more hits, each the very first or last line, all on even or all on odd pages."""
    parities = {h.page % 2 for h in hits}
    return (
        len({h.page for h in hits}) >= 2 and len(parities) == 1 and all(h.outermost for h in hits)
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
            numbers = _edge_numbers(text) if _head_shaped(text) or i in found else []
            offsets.update(n - page for n in numbers)
            for a, b in _ranges(text):
                if b - a + 1 == len(pages) and _JOURNAL_RE.search(text):
                    ranges[a - page] += 1
        votes.update(offsets)
    agreed = tuple(o for o, n in votes.most_common(2) if n >= max(2, OFFSET_SHARE * len(pages)))
    return agreed or tuple(o for o, _ in ranges.most_common(1))


def _head_shaped(text: str) -> bool:
    """Short, not starting in lower case, not ending a sentence: what a running head looks like."""
    words = text.split()
    if len(words) > MAX_HEAD_WORDS or len(text) > MAX_HEAD_CHARS or text[0].islower():
        return False
    return text[-1] not in _SENTENCE_END or text.endswith("et al.")


def _edge_numbers(text: str) -> list[int]:
    """Numbers at the start or end of a line (or second from either end: ``Articles 102 AI``)."""
    m = _OF_TOTAL_RE.search(text)
    if m and int(m.group(1)) <= int(m.group(2)):
        text = text[: m.end(1)]  # "1 / 21" -> "1", "Page 3 of 10" -> "Page 3"
    tokens = [t.strip(_TOKEN_STRIP) for t in text.split()]
    tokens = [t for t in tokens if t]
    ends = {0, len(tokens) - 1}
    inner = {1, len(tokens) - 2} - ends if len(tokens) >= 3 else set()
    numbers = [int(tokens[p]) for p in ends if 0 <= p < len(tokens) and tokens[p].isdigit()]
    # one word in ("Articles 102 AI MAGAZINE"), only page-sized numbers: "Class 1 Contract" stays
    return numbers + [
        int(tokens[p]) for p in inner if tokens[p].isdigit() and int(tokens[p]) >= MIN_INNER_NUMBER
    ]


def _ranges(text: str) -> list[tuple[int, int]]:
    """Page ranges ("pages 757-762") in a line."""
    return [(int(a), int(b)) for a, b in _RANGE_RE.findall(text) if int(a) <= int(b)]


def fits_page(text: str, expected: tuple[int, ...]) -> bool:
    """A head-shaped line whose number at its start or end is the page's printed number."""
    if not _head_shaped(text) or set(expected).isdisjoint(_edge_numbers(text)):
        return False
    if not (text[0].isalnum() or text[0] in "-\u2013\u2014"):
        return False  # ", x ) = C (15)": an equation number, not a head
    if not any(c.isalpha() for c in text) and len(_DIGITS_RE.findall(text)) > 1:
        return _OF_TOTAL_RE.search(text) is not None  # "2 3" is a table row; "2 / 21" a page
    words = text.lower().split()  # "ratified in 731" ends a sentence fragment, not a head
    return len(words) < 2 or not (words[-1].isdigit() and words[-2] in _SENTENCE_OWNERS)


def journal_line(text: str, expected: tuple[int, ...]) -> bool:
    """A journal or proceedings line carrying the page number or a page range containing it.

    Only looked for on the first page, where no reference list ("In Proceedings of ACL, pages
    10-22.") is set.
    """
    if len(text) > MAX_JOURNAL_CHARS or not _JOURNAL_RE.search(text) or not expected:
        return False
    if any(a <= e <= b for a, b in _ranges(text) for e in expected):
        return True  # "pages 757-762", or an ISSN line's "0100-0673"
    return not set(expected).isdisjoint(_edge_numbers(text))


def _periodical(text: str) -> bool:
    """A volume/issue line: "Political Psychology, Vol. 19, No. 2, 1983", "Issue 58 - Winter 2014"."""
    return (
        len(text) <= 80
        and not text[0].islower()
        and text[-1] != "."
        and bool(_PERIODICAL_RE.search(text) and _YEAR_RE.search(text))
    )


def _continuation(text: str) -> bool:
    """The wrapped rest of a journal line: "Computational Linguistics", "c 2020 Association ..."."""
    words = text.split()
    if len(words) > 10 or text[-1] in "-\ufffe\u00ad":
        return False
    if _YEAR_RE.search(text) or "\u00a9" in text:
        return True
    return len(words) <= 4 and text[0].isupper() and text[-1] not in _SENTENCE_END


def _is_furniture(text: str, expected: tuple[int, ...], first: bool, outermost: bool) -> bool:
    """Furniture by its own content and the page's printed number (not by recurrence)."""
    if fits_page(text, expected):
        return True
    if outermost and _ROMAN_RE.match(text) and text:  # front-matter page "ii"
        return True
    if _ARXIV_RE.match(text) or _periodical(text):
        return True
    return first and (journal_line(text, expected) or bool(_FIRST_PAGE_RE.match(text)))


def _peel(
    lines: Sequence[Line],
    order: list[int],
    expected: tuple[int, ...],
    first: bool,
    found: set[int],
) -> set[int]:
    """Furniture lines from one edge of a page inwards, stopping at the first body line.

    A journal line's wrapped rest may lie on either side of it, so a continuation-shaped line is
    taken when a journal line follows it (peeling upwards) or precedes it (downwards).
    """
    taken: set[int] = set()
    pending: list[int] = []  # continuation-shaped lines waiting for a journal line
    after_journal = False
    for depth, i in enumerate(order[: PEEL_DEPTH + 2]):
        text = lines[i].text
        if i in found or _is_furniture(text, expected, first, depth == 0):
            if first and journal_line(text, expected):
                taken.update(pending)
                after_journal = True
            pending = []
            taken.add(i)
        elif _continuation(text) and len(pending) < 2 and depth < PEEL_DEPTH:
            if after_journal:
                taken.add(i)
            else:
                pending.append(i)
        else:
            break
        if depth + 1 >= PEEL_DEPTH and not pending:
            break
    return taken


def _glued_number(text: str, expected: int) -> int:
    """Length to keep of a long last line that ends in the page number pdfium merged into it."""
    words = text.split()
    if len(words) <= MAX_HEAD_WORDS or words[-1] != str(expected):
        return 0
    if words[-2].lower() in _NUMBER_OWNERS:
        return 0
    return len(text) - len(words[-1]) - 1 if text[-len(words[-1]) - 1] == " " else 0
