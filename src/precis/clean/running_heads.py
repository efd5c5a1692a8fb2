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

3. Position in the stream is not trusted alone: a head-shaped line whose number tracks the page
   on three pages is a head wherever pdfium put it (AI Magazine draws its heads mid-stream), and
   a line recurring on half the pages beside one goes with it ("Articles"). The glyph boxes add two cues (``precis.ingest.pdf_margins``): a line drawn above or below
   the page, where no viewer shows it, and a line in the page's margin band in small type
   carrying a number, which is furniture even on a one-page excerpt.
4. The first page's title is kept when later pages repeat it as their head with a page number
   ("The Beast-Jewel of Mars" / "The Beast-Jewel of Mars 3"); recurring body lines that only
   look like heads (list items, clauses ending in a comma, "Continued on page 35") are kept.

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
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from precis.clean.pdf_layout import Line

FRONT_MATTER_ROLES = frozenset({"title", "author", "affiliation", "email", "keywords"})
MIN_LINE_NUMBERS = 10  # a run of bare line numbers 1..n this long is a page's line numbering
EDGE_LINES = 3  # lines at the top and at the bottom of a page that may be recurring heads
PEEL_DEPTH = 4  # furniture found by page number or content lies within this many edge lines
MIN_UNNUMBERED_PAGES = 3  # an unnumbered running head must recur on at least this many pages
UNNUMBERED_SHARE = 0.15  # ... and on at least this share of the pages
OFFSET_SHARE = 0.25  # the page offset must be agreed by at least this share of pages (and two)
MAX_HEAD_WORDS = 12  # heads are short: "Copyright Office Summary December 1998 Page 4" is 7
MAX_HEAD_CHARS = 100
MIN_INNER_NUMBER = 10  # a page number one word inside a head is taken from 10 on
MIN_HEAD_KEY_CHARS = 8  # a head's masked text found inside a first-page line is this long
MAX_JOURNAL_CHARS = 250  # "Proceedings of ..., pages 4969-4983, July 5 - 10, 2020. (c) 2020 ..."

_DIGITS_RE = re.compile(r"\d+")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_KEY_STRIP = " .,;:|-\u2013\u2014\u00b7"
_ROMAN_RE = re.compile(r"^(?:x{0,3})(?:ix|iv|v?i{0,3})$")
_OF_TOTAL_RE = re.compile(r"\b(\d+)\s*(?:/|of)\s*(\d+)\s*$")  # "1 / 21", "3 of 10"
_TOKEN_STRIP = "-\u2013\u2014|\u00b7\u2022()[],:"
_RANGE_RE = re.compile(r"(\d+)\s*[-\u2013\u2014]\s*(\d+)")
_JOURNAL_RE = re.compile(  # names are capitalised in a footer: "press release" is no journal
    r"Proceedings|Journal|Transactions|Conference|Press\b|Publishing|Association|Society"
    r"|(?i:\bvol\.|\bvolume\b|\u00a9|\(c\)|copyright|\bissn\b|\bpages\b|\bpp\.|\bdoi\b)"
)
_PERIODICAL_RE = re.compile(r"\b(?:Vol\.?|Volume|Issue)\s*\d+")  # not "Pub. L. No. 105-304"
_YEAR_RE = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
_ARXIV_RE = re.compile(r"^arXiv:\d{4}\.\d{4,5}(?:v\d+)?\s*\[[^\]]+\]")
_FIRST_PAGE_RE = re.compile(
    r"^(?:Technical Report\b|Tech\. Rep\.|First published in\b|Preprint submitted to\b"
    r"|Published under licen[cs]e\b|doi:?\s*10\.|https?://(?:dx\.)?doi\.org/|Cat\. No\. \w+$)",
    re.IGNORECASE,
)
_SENTENCE_END = ".!?;,"  # a head never ends a sentence or a clause
# a copyright fee code: "1051-8215/97$10.00", "978-0-7695-3958-4/10 $26.00", "0000-0000/20YY/..."
_FEE_RE = re.compile(r"\d[\dXY\u2013-]{7,}/[\w/+.\-]*\s?\$\s?\d+\.\d\d")
_ISSN_LINE_RE = re.compile(r"^(?:ISSN:?\s*)?\d{4}[-\u2013]\d{3}[\dX]$")
_WEB_RE = re.compile(r"www\.\w", re.IGNORECASE)
_CHAPTER_FOLIO_RE = re.compile(r"^\d{1,2}[-\u2013]\d{1,3}$")  # "7-45": chapter 7, page 45
_FORM_STAMP_RE = re.compile(
    r"^[A-Z][A-Z0-9-]{3,}\s+\((?:R|Rev)\.\s*[^)]*\d{4}\)$"
)  # "DCF-F-2476-E (R. 04/2014)"
_ROMAN_END_RE = re.compile(r"(?:^|\s)[ivxl]{1,6}$")  # "... All rights reserved. xi"
_COPYRIGHT_RE = re.compile(r"\u00a9|\(c\)|copyright|\bissn\b", re.IGNORECASE)
# "continued on page 35", "see page 4": a reference to a page, not the page's own number
_PAGE_REFERENCE_RE = re.compile(r"\b(?:on|see|to|from)\s+(?:page|p\.)\s*\d+", re.IGNORECASE)
_ENUMERATOR_RE = re.compile(r"^\(\d+\)\s+\S")  # "(4) In the Operating Procedures chapter"
# a number after these words belongs to the sentence ("see Figure 1"), not to the page
_NUMBER_OWNERS = frozenset(
    "figure fig fig. table section sec sec. chapter eq eq. equation page pages p. pp. step part"
    " appendix version no. number and or to of in than from at by".split()
)

_SENTENCE_OWNERS = _NUMBER_OWNERS - {"page", "p.", "pages"}  # "Page 4" is a page number


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
    block = _block_lines(lines, pages)
    for page, idx in pages.items():
        expected = tuple(page + o for o in offsets)
        # one page number per page: a footnote ending in "1" is no second one (issue 13)
        carried = {n for i in idx if i in found for n in _edge_numbers(lines[i].text)}
        free = tuple(n for n in expected if n not in carried)
        cues = _Cues(expected, free, page == first_page, heads, block)
        found.update(_peel(lines, idx, cues, found))
        found.update(_peel(lines, idx[::-1], cues, found))
        if page == first_page:  # a copyright line carrying the page number, wherever pdfium put it
            found.update(i for i in idx if _first_page_imprint(lines[i].text, expected))
    found.update(_mid_page_companions(lines, pages, found, n_pages))
    found.update(line_numbers(lines, pages))
    trims: dict[int, int] = {}
    if offsets:
        for page, idx in pages.items():
            expected_number = page + offsets[0]
            if not any(i in found and expected_number in _edge_numbers(lines[i].text) for i in idx):
                keep = _glued_number(lines[idx[-1]].text, expected_number)
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
            key = _mask(text)
            if not key:
                continue
            if i in edges:
                last = i in (page_lines[-1], bottom)
                by_key[key].append(_Hit(i, lines[i].page, i in outer, last=last))
            elif key != "#" and _head_like(text) and _edge_numbers(text):
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
    if on_first and others and all(_DIGITS_RE.search(lines[i].text) for i in others):
        titles = {i for i in on_first if not _DIGITS_RE.search(lines[i].text)}
    # A chapter's opening "1 Introduction" under heads "1 Introduction 3" (pdf_gold's book
    # layout, issue 14): a hit with fewer numbers than every other hit lacks the page number.
    counts = {i: len(_DIGITS_RE.findall(lines[i].text)) for i in found}
    for i in found:
        rest = [counts[j] for j in found if j != i]
        if rest and counts[i] < min(rest):
            titles.add(i)
    return [i for i in found if i not in titles]


def _numbers(line: str) -> list[int]:
    """The first few numbers in a line."""
    return [int(d) for d in _DIGITS_RE.findall(line)[:4]]


def _mask(line: str) -> str:
    """The line without its numbers, case and spacing normalised ("#" for a bare number).

    Dropping the numbers (not masking them in place) puts ``730 Belkin and Blight`` and
    ``Belkin and Blight 731`` under one key, so even a three-page paper shows the pattern.
    """
    if " " in line and _ROMAN_END_RE.search(line) and _ROMAN_RE.match(line.rsplit(None, 1)[1]):
        line = line.rsplit(None, 1)[0]  # a front-matter folio: "... reserved. xi" ~ "... 1"
    key = " ".join(_DIGITS_RE.sub(" ", line.lower()).split())
    return key or ("#" if _DIGITS_RE.search(line) else "")


def _running_hits(key: str, hits: list[_Hit], lines: Sequence[Line], n_pages: int) -> list[int]:
    """The hits of one masked key that are running heads."""
    edge_hits = [h for h in hits if h.edge and _may_recur(lines[h.index].text)]
    pages = {h.page for h in edge_hits}
    # a sentence ("None.", "Any other comments?") must recur on half the pages; "et al." heads not
    sentence = key[-1] in ".?!" and not key.endswith("et al.") and not _COPYRIGHT_RE.search(key)
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
        if key == "#" or _head_like(text, strict=not h.edge):
            offsets[h.index] = {(0, n - h.page) for n in _edge_numbers(text)}
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


def _may_recur(text: str) -> bool:
    """Not a list item, a clause that goes on, or a reference to another page: such lines recur
    in body text ("(4) In the Operating Procedures chapter,", "(Continued on page 35)")."""
    return not (
        text[-1] in ",-\ufffe" or _ENUMERATOR_RE.match(text) or _PAGE_REFERENCE_RE.search(text)
    )


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
    keys = {_mask(lines[i].text).rstrip(_KEY_STRIP) for i in found if lines[i].page != first_page}
    return tuple(k for k in keys if len(k) >= MIN_HEAD_KEY_CHARS)


def _block_lines(lines: Sequence[Line], pages: dict[int, list[int]]) -> set[int]:
    """Edge lines whose masked text recurs on half or more of the even or of the odd pages.

    Taken only right inside a head (``3. | INFORMATION ON SPECIFIC ZOONOSES`` under the even
    pages' ``114 The EFSA Journal ...``), where the peel reaches them.
    """
    by_key: dict[str, list[int]] = defaultdict(list)
    for idx in pages.values():
        for i in set(idx[1 : EDGE_LINES + 1] + idx[-EDGE_LINES - 1 : -1]):
            text = lines[i].text
            key = _mask(text)
            if not _may_recur(text):
                continue
            if key and any(c.isalpha() for c in key):
                by_key[key].append(i)
            elif len(_DIGITS_RE.findall(text)) >= 2:  # a volume and issue: "29,2" on every page
                by_key[text].append(i)
    block: set[int] = set()
    for hits in by_key.values():
        hit_pages = {lines[i].page for i in hits}
        parities = {p % 2 for p in hit_pages}
        if len(hit_pages) < 2 or len(parities) != 1:
            continue  # a slide title repeated on consecutive slides is no section head
        same = sum(1 for p in pages if p % 2 in parities)
        if len(hit_pages) >= 0.5 * same:
            block.update(hits)
    return block


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
        counts.update({_mask(lines[i].text) for i in idx})
    heads = {_mask(lines[i].text) for i in found}  # a head's own text left is the title
    companions: set[int] = set()
    for idx in pages.values():
        for k, i in enumerate(idx):
            if i in found:
                continue
            near = idx[max(k - 1, 0) : k + 2]
            key = _mask(lines[i].text)
            if (
                any(j in found for j in near)
                and counts[key] >= need
                and key not in heads
                and _head_shaped(lines[i].text)
                and any(c.isalpha() for c in key)
            ):
                companions.add(i)
    return companions


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
    numbers = [int(tokens[p]) for p in ends if 0 <= p < len(tokens) and tokens[p].isdecimal()]
    # one word in ("Articles 102 AI MAGAZINE"), only page-sized numbers: "Class 1 Contract" stays
    return numbers + [
        int(tokens[p])
        for p in inner
        if tokens[p].isdecimal() and int(tokens[p]) >= MIN_INNER_NUMBER
    ]


def _ranges(text: str) -> list[tuple[int, int]]:
    """Page ranges ("pages 757-762") in a line."""
    return [(int(a), int(b)) for a, b in _RANGE_RE.findall(text) if int(a) <= int(b)]


def _head_like(text: str, strict: bool = True) -> bool:
    """Head-shaped, and none of the lines that only look like a head with a page number.

    Not ``strict``: a head that recurs with the page number may end in "?" or "." ("2 What is
    POSAT?"); a comma still says a clause goes on.
    """
    bare = text if strict else text.rstrip(".?!")
    shaped = bool(bare) and _head_shaped(bare)
    if not shaped or _PAGE_REFERENCE_RE.search(text) or _ENUMERATOR_RE.match(text):
        return False
    if not (text[0].isalnum() or text[0] in "-\u2013\u2014"):
        return False  # ", x ) = C (15)": an equation number, not a head
    if not any(c.isalpha() for c in text) and len(_DIGITS_RE.findall(text)) > 1:
        return _OF_TOTAL_RE.search(text) is not None  # "2 3" is a table row; "2 / 21" a page
    words = text.lower().split()  # "ratified in 731" ends a sentence fragment, not a head
    return len(words) < 2 or not (words[-1].isdigit() and words[-2] in _SENTENCE_OWNERS)


def fits_page(text: str, expected: tuple[int, ...]) -> bool:
    """A head-shaped line whose number at its start or end is the page's printed number."""
    return not set(expected).isdisjoint(_edge_numbers(text)) and _head_like(text)


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


@dataclass(frozen=True, slots=True)
class _Cues:
    """What a page's furniture is recognised by: its printed number(s) (``free``: those no found
    head carries yet), whether it is the first
    page, the running heads' texts and the lines that recur right inside a head."""

    expected: tuple[int, ...]
    free: tuple[int, ...]  # printed numbers no recurring head on the page carries yet
    first: bool
    heads: tuple[str, ...]
    block: AbstractSet[int]


def _is_furniture(text: str, cues: _Cues, outermost: bool) -> bool:
    """Furniture by its own content and the page's printed number (not by recurrence)."""
    if fits_page(text, cues.free) or _FEE_RE.search(text):
        return True
    if outermost and _ROMAN_RE.match(text) and text:  # front-matter page "ii"
        return True
    if outermost and _folio_line(text):
        return True
    if _ARXIV_RE.match(text) or _periodical(text):
        return True
    if not cues.first:
        return False
    if journal_line(text, cues.expected) or _FIRST_PAGE_RE.match(text):
        return True
    if _ISSN_LINE_RE.match(text):
        return True
    return _carries_head(text, cues.heads)


def _worded(text: str) -> bool:
    """Two words or more: pdfium misplaces the boxes of a figure's text drawn in a form object
    (a graph's node labels "1 2" read as above the page), so bare labels are no evidence."""
    return len(_WORD_RE.findall(text)) >= 2


def _margin_folio(text: str) -> bool:
    """A line in the page's margin band in small type with a number at its start or end: a
    folio even on a one-page excerpt, which has no other page to compare with ("Introduction
    Climate Change ... 2022 Environmental Progress Report 104")."""
    if not _edge_numbers(text) or not _worded(text):
        return False
    return not text[0].islower() and text[-1] not in _SENTENCE_END


def _folio_line(text: str) -> bool:
    """A page edge's folio without offset evidence: a bare web address with a number ("1
    www.ck12.org", "www.flightsafety.org | ... | October 2006 | 41"; a footnote's "1 http://..."
    has a scheme), a chapter-page number ("7-45") or a form's revision stamp."""
    if _CHAPTER_FOLIO_RE.match(text) or _FORM_STAMP_RE.match(text):
        return True
    web = _WEB_RE.search(text) and "://" not in text
    return bool(web and _edge_numbers(text) and len(text) <= MAX_HEAD_CHARS)


def _carries_head(text: str, heads: tuple[str, ...]) -> bool:
    """A first-page line holding a later page's head and more: "ACM Journal Name, Vol. V, No.
    N, Month 20YY, Pages 1-0??.", "JSS Journal of Statistical Software". The head's words
    alone without a number are the title (see :func:`_keep_title`)."""
    key = _mask(text)
    if not any(h in key and h != key.rstrip(_KEY_STRIP) for h in heads):
        return False
    return bool(_DIGITS_RE.search(text) or _JOURNAL_RE.search(text))


def _first_page_imprint(text: str, expected: tuple[int, ...]) -> bool:
    """A copyright or ISSN line with the page number, anywhere on the first page: "Copyright
    (c) 2010, AAAI. All rights reserved. ISSN 0738-4602 FALL 2010 93"."""
    return bool(_COPYRIGHT_RE.search(text)) and journal_line(text, expected)


def _peel(lines: Sequence[Line], order: list[int], cues: _Cues, found: set[int]) -> set[int]:
    """Furniture lines from one edge of a page inwards, stopping at the first body line.

    A journal line's wrapped rest may lie on either side of it, so a continuation-shaped line is
    taken when a journal line follows it (peeling upwards) or precedes it (downwards). A line
    that recurs right inside a head on other pages is taken right inside a head.
    """
    taken: set[int] = set()
    pending: list[int] = []  # continuation-shaped lines waiting for a journal line
    after_journal = False
    for depth, i in enumerate(order[: PEEL_DEPTH + 2]):
        text = lines[i].text
        if lines[i].role in FRONT_MATTER_ROLES and i not in found and i not in cues.block:
            break  # the fonts say title or authors: "Sparse Information Extraction:" is no
            # journal line's continuation (issue 14); a recurring head stays furniture
        inside_head = depth > 0 and order[depth - 1] in taken and i in cues.block
        drawn_apart = (lines[i].hidden and _worded(text)) or (
            lines[i].margin and _margin_folio(text)
        )
        if i in found or inside_head or drawn_apart or _is_furniture(text, cues, depth == 0):
            if cues.first and journal_line(text, cues.expected):
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
