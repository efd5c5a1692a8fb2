"""Furniture at a page's edges found by what it says, peeled from the top and the bottom inwards.

Beside the recurring heads (:mod:`precis.clean.running_heads`), an edge line is furniture when it
carries the page's printed number (:mod:`precis.clean.page_numbers`), or by its content: a
copyright fee code, a front-matter folio ("ii"), a web address or chapter-page folio, an arXiv
stamp, a volume/issue line; on the first page also a journal or proceedings line, an imprint
("Technical Report ...", "Preprint submitted to ..."), an ISSN line, or a line holding a later
page's head. The glyph boxes add two cues (``precis.ingest.pdf_margins``): a line drawn above or
below the page, where no viewer shows it, and a line in the page's margin band in small type
carrying a number, which is furniture even on a one-page excerpt.

Edge lines are peeled while they are furniture, so a body line is never removed from between two
kept lines.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from precis.clean.head_shapes import (
    DIGITS_RE,
    EDGE_LINES,
    KEY_STRIP,
    MAX_HEAD_CHARS,
    ROMAN_RE,
    SENTENCE_END,
    edge_numbers,
    mask,
    may_recur,
    worded,
)
from precis.clean.page_numbers import JOURNAL_RE, fits_page, journal_line

if TYPE_CHECKING:
    from precis.clean.pdf_layout import Line

FRONT_MATTER_ROLES = frozenset({"title", "author", "affiliation", "email", "keywords"})
PEEL_DEPTH = 4  # furniture found by page number or content lies within this many edge lines

_PERIODICAL_RE = re.compile(r"\b(?:Vol\.?|Volume|Issue)\s*\d+")  # not "Pub. L. No. 105-304"
_YEAR_RE = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
_ARXIV_RE = re.compile(r"^arXiv:\d{4}\.\d{4,5}(?:v\d+)?\s*\[[^\]]+\]")
_FIRST_PAGE_RE = re.compile(
    r"^(?:Technical Report\b|Tech\. Rep\.|First published in\b|Preprint submitted to\b"
    r"|Published under licen[cs]e\b|doi:?\s*10\.|https?://(?:dx\.)?doi\.org/|Cat\. No\. \w+$)",
    re.IGNORECASE,
)
# a copyright fee code: "1051-8215/97$10.00", "978-0-7695-3958-4/10 $26.00", "0000-0000/20YY/..."
_FEE_RE = re.compile(r"\d[\dXY\u2013-]{7,}/[\w/+.\-]*\s?\$\s?\d+\.\d\d")
_ISSN_LINE_RE = re.compile(r"^(?:ISSN:?\s*)?\d{4}[-\u2013]\d{3}[\dX]$")
_WEB_RE = re.compile(r"www\.\w", re.IGNORECASE)
_CHAPTER_FOLIO_RE = re.compile(r"^\d{1,2}[-\u2013]\d{1,3}$")  # "7-45": chapter 7, page 45
_FORM_STAMP_RE = re.compile(
    r"^[A-Z][A-Z0-9-]{3,}\s+\((?:R|Rev)\.\s*[^)]*\d{4}\)$"
)  # "DCF-F-2476-E (R. 04/2014)"
COPYRIGHT_RE = re.compile(r"\u00a9|\(c\)|copyright|\bissn\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Cues:
    """What a page's furniture is recognised by: its printed number(s) (``free``: those no found
    head carries yet), whether it is the first
    page, the running heads' texts and the lines that recur right inside a head."""

    expected: tuple[int, ...]
    free: tuple[int, ...]  # printed numbers no recurring head on the page carries yet
    first: bool
    heads: tuple[str, ...]
    block: AbstractSet[int]


def block_lines(lines: Sequence[Line], pages: dict[int, list[int]]) -> set[int]:
    """Edge lines whose masked text recurs on half or more of the even or of the odd pages.

    Taken only right inside a head (``3. | INFORMATION ON SPECIFIC ZOONOSES`` under the even
    pages' ``114 The EFSA Journal ...``), where the peel reaches them.
    """
    by_key: dict[str, list[int]] = defaultdict(list)
    for idx in pages.values():
        for i in set(idx[1 : EDGE_LINES + 1] + idx[-EDGE_LINES - 1 : -1]):
            text = lines[i].text
            key = mask(text)
            if not may_recur(text):
                continue
            if key and any(c.isalpha() for c in key):
                by_key[key].append(i)
            elif len(DIGITS_RE.findall(text)) >= 2:  # a volume and issue: "29,2" on every page
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
    return len(words) <= 4 and text[0].isupper() and text[-1] not in SENTENCE_END


def _is_furniture(text: str, cues: Cues, outermost: bool) -> bool:
    """Furniture by its own content and the page's printed number (not by recurrence)."""
    if fits_page(text, cues.free) or _FEE_RE.search(text):
        return True
    if outermost and ROMAN_RE.match(text) and text:  # front-matter page "ii"
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


def _margin_folio(text: str) -> bool:
    """A line in the page's margin band in small type with a number at its start or end: a
    folio even on a one-page excerpt, which has no other page to compare with ("Introduction
    Climate Change ... 2022 Environmental Progress Report 104")."""
    if not edge_numbers(text) or not worded(text):
        return False
    return not text[0].islower() and text[-1] not in SENTENCE_END


def _folio_line(text: str) -> bool:
    """A page edge's folio without offset evidence: a bare web address with a number ("1
    www.ck12.org", "www.flightsafety.org | ... | October 2006 | 41"; a footnote's "1 http://..."
    has a scheme), a chapter-page number ("7-45") or a form's revision stamp."""
    if _CHAPTER_FOLIO_RE.match(text) or _FORM_STAMP_RE.match(text):
        return True
    web = _WEB_RE.search(text) and "://" not in text
    return bool(web and edge_numbers(text) and len(text) <= MAX_HEAD_CHARS)


def _carries_head(text: str, heads: tuple[str, ...]) -> bool:
    """A first-page line holding a later page's head and more: "ACM Journal Name, Vol. V, No.
    N, Month 20YY, Pages 1-0??.", "JSS Journal of Statistical Software". The head's words
    alone without a number are the title (see ``_keep_title`` in
    :mod:`precis.clean.running_heads`)."""
    key = mask(text)
    if not any(h in key and h != key.rstrip(KEY_STRIP) for h in heads):
        return False
    return bool(DIGITS_RE.search(text) or JOURNAL_RE.search(text))


def first_page_imprint(text: str, expected: tuple[int, ...]) -> bool:
    """A copyright or ISSN line with the page number, anywhere on the first page: "Copyright
    (c) 2010, AAAI. All rights reserved. ISSN 0738-4602 FALL 2010 93"."""
    return bool(COPYRIGHT_RE.search(text)) and journal_line(text, expected)


def peel(lines: Sequence[Line], order: list[int], cues: Cues, found: set[int]) -> set[int]:
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
        drawn_apart = (lines[i].hidden and worded(text)) or (
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
