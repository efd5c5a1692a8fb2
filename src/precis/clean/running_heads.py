"""Running heads, footers and page numbers of a PDF text layer, found by recurrence and page number.

Two kinds of evidence (issue 13):

1. Recurrence: lines near the top or bottom of a page whose text, with digits masked, recurs on
   other pages. A masked line whose number tracks the page index (``730 Belkin and Blight`` /
   ``732 Belkin and Blight``; ``Page 3 of 10``; a bare ``12``) needs two pages; an unnumbered one
   needs three and a share of the pages, so content that merely appears twice stays. Even and odd
   heads are different keys and are found separately.
2. Page numbers and content (:mod:`precis.clean.page_numbers`,
   :mod:`precis.clean.edge_furniture`): an edge line carrying its page's printed number, learned
   from the heads that agree on most pages, is a head even if its text occurs once; first-page
   furniture is found by what it says (a journal line, an arXiv stamp, an imprint).

3. Position in the stream is not trusted alone: a head-shaped line whose number tracks the page
   on three pages is a head wherever pdfium put it (AI Magazine draws its heads mid-stream), and
   a line recurring on half the pages beside one goes with it ("Articles"). The glyph boxes add
   two cues (see :mod:`precis.clean.edge_furniture`): a line drawn outside the page, and a
   numbered line in the page's margin band in small type.
4. The first page's title is kept when later pages repeat it as their head with a page number
   ("The Beast-Jewel of Mars" / "The Beast-Jewel of Mars 3"); recurring body lines that only
   look like heads (list items, clauses ending in a comma, "Continued on page 35") are kept
   (:mod:`precis.clean.head_shapes`).

Edge lines are peeled from the top and the bottom of each page while they are furniture, so a
body line is never removed from between two kept lines.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from precis.clean.edge_furniture import COPYRIGHT_RE, Cues, block_lines, first_page_imprint, peel
from precis.clean.head_shapes import (
    DIGITS_RE,
    EDGE_LINES,
    KEY_STRIP,
    edge_numbers,
    head_like,
    head_shaped,
    mask,
    may_recur,
)
from precis.clean.page_numbers import glued_number, page_offsets

if TYPE_CHECKING:
    from precis.clean.pdf_layout import Line

MIN_LINE_NUMBERS = 10  # a run of bare line numbers 1..n this long is a page's line numbering
MIN_UNNUMBERED_PAGES = 3  # an unnumbered running head must recur on at least this many pages
UNNUMBERED_SHARE = 0.15  # ... and on at least this share of the pages
MIN_HEAD_KEY_CHARS = 8  # a head's masked text found inside a first-page line is this long


@dataclass(frozen=True, slots=True)
class _Hit:
    """A candidate line: its index, page, whether it is the very first or last, or mid-page."""

    index: int
    page: int
    outermost: bool
    edge: bool = True
    last: bool = False  # the page's last line


def furniture(lines: Sequence[Line], n_pages: int) -> tuple[set[int], dict[int, int]]:
    """Indexes of running heads, footers and page numbers among ``lines``.

    Also returns, for a last line with the page number glued on (pdfium sometimes merges a
    centred page number into the line above it: ``... has 1``), the length of text to keep.
    """
    pages = pages_of(lines)
    found = recurring_lines(lines, pages, n_pages)
    offsets = page_offsets(lines, pages, found)
    first_page = min(pages)
    heads = _head_keys(lines, found, first_page)
    block = block_lines(lines, pages)
    for page, idx in pages.items():
        expected = tuple(page + o for o in offsets)
        # one page number per page: a footnote ending in "1" is no second one (issue 13)
        carried = {n for i in idx if i in found for n in edge_numbers(lines[i].text)}
        free = tuple(n for n in expected if n not in carried)
        cues = Cues(expected, free, page == first_page, heads, block)
        found.update(peel(lines, idx, cues, found))
        found.update(peel(lines, idx[::-1], cues, found))
        if page == first_page:  # a copyright line carrying the page number, wherever pdfium put it
            found.update(i for i in idx if first_page_imprint(lines[i].text, expected))
    found.update(_mid_page_companions(lines, pages, found, n_pages))
    found.update(line_numbers(lines, pages))
    trims: dict[int, int] = {}
    if offsets:
        for page, idx in pages.items():
            expected_number = page + offsets[0]
            if not any(i in found and expected_number in edge_numbers(lines[i].text) for i in idx):
                keep = glued_number(lines[idx[-1]].text, expected_number)
                if keep:
                    trims[idx[-1]] = keep
    return found, trims


def line_numbers(lines: Sequence[Line], pages: dict[int, list[int]]) -> set[int]:
    """A transcript's or pleading's line numbering: bare numbers 1, 2, 3, ... on lines of their
    own, at least ``MIN_LINE_NUMBERS`` in a run (a court transcript's "1" ... "25", issue 14)."""
    found: set[int] = set()
    for idx in pages.values():
        run: list[int] = []
        for i in idx:
            text = lines[i].text
            if text.isdecimal() and int(text) == len(run) + 1:
                run.append(i)
                continue
            if len(run) >= MIN_LINE_NUMBERS:
                found.update(run)
            run = [i] if text == "1" else []
        if len(run) >= MIN_LINE_NUMBERS:
            found.update(run)
    return found


def pages_of(lines: Sequence[Line]) -> dict[int, list[int]]:
    """Line indexes per page, in order."""
    pages: dict[int, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        pages[line.page].append(i)
    return pages


def recurring_lines(lines: Sequence[Line], pages: dict[int, list[int]], n_pages: int) -> set[int]:
    """Lines whose digit-masked text recurs across pages (or tracks the page index).

    Edge lines are candidates for both kinds of recurrence; a line inside the page only when it
    is head-shaped with a number at its end that tracks the page index on three pages or more:
    some magazines' PDFs draw the running heads mid-stream, so pdfium puts them mid-page
    (``Technology Con-`` / ``Articles`` / ``102 AI MAGAZINE`` / ``ference``, issue 13).
    """
    by_key: dict[str, list[_Hit]] = defaultdict(list)
    first_page = min(pages) if pages else 0
    for page_lines in pages.values():
        outer = {page_lines[0], page_lines[-1]}
        edges = set(page_lines[:EDGE_LINES] + page_lines[-EDGE_LINES:])
        drawn_outer, drawn_edges, bottom = _drawn_edges(lines, page_lines)
        outer |= drawn_outer
        edges |= drawn_edges
        for i in page_lines:
            text = lines[i].text
            key = mask(text)
            if not key:
                continue
            if i in edges:
                last = i in (page_lines[-1], bottom)
                by_key[key].append(_Hit(i, lines[i].page, i in outer, last=last))
            elif key != "#" and head_like(text) and edge_numbers(text):
                by_key[key].append(_Hit(i, lines[i].page, False, edge=False))
    running: set[int] = set()
    for key, hits in by_key.items():
        found = _running_hits(key, hits, lines, n_pages)
        running.update(_keep_title(found, hits, lines, first_page))
    return running


def _drawn_edges(lines: Sequence[Line], page_lines: list[int]) -> tuple[set[int], set[int], int]:
    """The top and bottom lines of a page as drawn, where the text layer's order differs: a
    footer that pdfium reads after the page's footnote and before its body ("Copyright Office
    Summary December 1998 Page 4", issue 14). Returns (outermost, edge lines, bottom line)."""
    drawn = [i for i in page_lines if not math.isnan(lines[i].y)]
    if len(drawn) < 2 * EDGE_LINES:
        return set(), set(), -1
    drawn.sort(key=lambda i: -lines[i].y)
    return {drawn[0], drawn[-1]}, set(drawn[:EDGE_LINES] + drawn[-EDGE_LINES:]), drawn[-1]


def _keep_title(found: list[int], hits: list[_Hit], lines: Sequence[Line], first: int) -> list[int]:
    """Drop a first-page hit without a number when the key's other hits carry one (the title),
    and a hit anywhere with fewer numbers than all the others (a chapter's opening heading).

    "The Beast-Jewel of Mars" opens page 1 and heads later pages as "The Beast-Jewel of Mars 3"
    (issue 13): the same words without the page number on the first page are the title.
    """
    on_first = [h.index for h in hits if h.page == first and h.index in found]
    others = [h.index for h in hits if h.page != first and h.index in found]
    titles: set[int] = set()
    if on_first and others and all(DIGITS_RE.search(lines[i].text) for i in others):
        titles = {i for i in on_first if not DIGITS_RE.search(lines[i].text)}
    # A chapter's opening "1 Introduction" under heads "1 Introduction 3" (pdf_gold's book
    # layout, issue 14): a hit with fewer numbers than every other hit lacks the page number.
    counts = {i: len(DIGITS_RE.findall(lines[i].text)) for i in found}
    for i in found:
        rest = [counts[j] for j in found if j != i]
        if rest and counts[i] < min(rest):
            titles.add(i)
    return [i for i in found if i not in titles]


def _running_hits(key: str, hits: list[_Hit], lines: Sequence[Line], n_pages: int) -> list[int]:
    """The hits of one masked key that are running heads."""
    edge_hits = [h for h in hits if h.edge and may_recur(lines[h.index].text)]
    pages = {h.page for h in edge_hits}
    # a sentence ("None.", "Any other comments?") must recur on half the pages; "et al." heads not
    sentence = key[-1] in ".?!" and not key.endswith("et al.") and not COPYRIGHT_RE.search(key)
    share = 0.5 if sentence else UNNUMBERED_SHARE
    if any(c.isalpha() for c in key) and (
        len(pages) >= max(MIN_UNNUMBERED_PAGES, math.ceil(share * n_pages))
        or (_alternating(edge_hits, n_pages) and share == UNNUMBERED_SHARE)
        or _after_title_page(edge_hits, n_pages)
    ):
        return [h.index for h in edge_hits]
    # numbered: keep the hits whose number at an end minus the page index is the common offset;
    # head-shaped lines only ("(4) In the ... chapter,", "EP06AU20.010</GPH>" are no heads)
    offsets: dict[int, set[tuple[int, int]]] = {}
    for h in hits:
        text = lines[h.index].text
        if key == "#" or head_like(text, strict=not h.edge):
            offsets[h.index] = {(0, n - h.page) for n in edge_numbers(text)}
    votes: Counter[tuple[int, int]] = Counter()
    for h in hits:
        votes.update(offsets.get(h.index, ()))
    if not votes:
        return []
    best, _ = votes.most_common(1)[0]
    agreeing = [h for h in hits if best in offsets.get(h.index, ())]
    # mid-page heads need more evidence than edge lines: three pages, not two
    need = 2 if all(h.edge for h in agreeing) else 3
    return [h.index for h in agreeing] if len({h.page for h in agreeing}) >= need else []


def _after_title_page(hits: list[_Hit], n_pages: int) -> bool:
    """The last line of every page after the first, on two pages or more ("Note: All figures
    are as on/for the year ended March 31, 2022" of a three-page report). Not the first line: a
    pull quote may top two pages of a spread."""
    hit_pages = {h.page for h in hits}
    return n_pages >= 3 and hit_pages == set(range(1, n_pages)) and all(h.last for h in hits)


def _alternating(hits: list[_Hit], n_pages: int) -> bool:
    """Hits, each the very first or last line, on half or more of the even or the odd pages.

    Pages after the first count; two hits on ten pages (a table header that tops two odd
    pages) are no alternating head.
    """
    parities = {h.page % 2 for h in hits}
    hit_pages = {h.page for h in hits}
    if len(hit_pages) < 2 or len(parities) != 1 or not all(h.outermost for h in hits):
        return False
    parity = parities.pop()
    same = sum(1 for k in range(1, n_pages) if k % 2 == parity)
    return len(hit_pages) >= max(2, math.ceil(0.5 * same))


def _head_keys(lines: Sequence[Line], found: set[int], first_page: int) -> tuple[str, ...]:
    """Masked texts of the running heads found on pages after the first (first-page lines that
    contain one are furniture too: "ACM Journal Name, Vol. V, ..., Pages 1-0??.")."""
    keys = {mask(lines[i].text).rstrip(KEY_STRIP) for i in found if lines[i].page != first_page}
    return tuple(k for k in keys if len(k) >= MIN_HEAD_KEY_CHARS)


def _mid_page_companions(
    lines: Sequence[Line], pages: dict[int, list[int]], found: set[int], n_pages: int
) -> set[int]:
    """Unnumbered lines next to mid-page furniture whose text recurs on half the pages.

    ``Articles`` stands beside ``102 AI MAGAZINE`` on every page of the AI Magazine article;
    pdfium puts both mid-page, so only their recurrence beside a found head shows them.
    """
    need = max(MIN_UNNUMBERED_PAGES, math.ceil(0.5 * n_pages))
    counts: Counter[str] = Counter()
    for idx in pages.values():
        counts.update({mask(lines[i].text) for i in idx})
    heads = {mask(lines[i].text) for i in found}  # a head's own text left is the title
    companions: set[int] = set()
    for idx in pages.values():
        for k, i in enumerate(idx):
            if i in found:
                continue
            near = idx[max(k - 1, 0) : k + 2]
            key = mask(lines[i].text)
            if (
                any(j in found for j in near)
                and counts[key] >= need
                and key not in heads
                and head_shaped(lines[i].text)
                and any(c.isalpha() for c in key)
            ):
                companions.add(i)
    return companions
