"""A cover page: a document's first page with almost no prose (issue 14).

Reports, guides and slide decks open with a cover: a title, a tagline or two, a call to action
("A guide for people with cancer, their families and friends", "For information & support,
call 13 11 20", "For an inclusive ecosystem For digital transformation ..."). Its lines are no
sentences of the document, and a summary that quotes them reads as an advert. A first page of
a document of three pages or more where no run of lines without a role makes a sentence
(see :func:`_has_sentence`) is a cover: those lines take :data:`COVER`. A paper's first page has its abstract and
introduction; a book's title page is all title, authors and imprint, which have their roles.

A court filing's first page is a cover at any length and whatever prose it holds: the case
caption (the parties, "v.", "Petitioner :" or "Defendant-Appellee,") and below it the court's
standard lines ("The above-entitled matter came on for oral argument ...", "APPEARANCES:", the
counsel list). A transcript's argument, a brief's argument, begins on a later page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from precis.ingest.pdf_lines import PdfLines

COVER = "cover"
_SENTENCE_END_RE = re.compile(r"[.?!][\"'\u201d\u2019)]*\s*$")
_SENTENCE_START_RE = re.compile(r"[\"'\u201c\u2018(]?[A-Z]")
MIN_PAGES = 3
MIN_PROSE_WORDS = 8
_VERSUS_RE = re.compile(r"^\s*(?:v\.|vs\.|versus)(?:\s|$)", re.IGNORECASE)
_PARTY_RE = re.compile(
    r"^\s*(?:[A-Za-z]+-)?(?:Petitioner|Respondent|Plaintiff|Defendant|Appellant|Appellee)s?"
    r"(?:-[A-Za-z]+)?\s*[,.:;]?\s*[:x]?\s*$",
    re.IGNORECASE,
)
PROSE_SIZE = 0.75  # of the body size: an abstract in smaller type is still prose


def mark_cover(lines: PdfLines, texts: list[str], roles: np.ndarray, body: float) -> None:
    """Give the first page's unroled lines :data:`COVER` where they hold no sentence."""
    import numpy as np

    if len(lines) == 0:
        return
    first = np.flatnonzero(lines.page == lines.page.min())
    free = [int(i) for i in first if roles[i] == "body"]
    if free and _court_caption([texts[int(i)] for i in first]):
        roles[free] = COVER
    elif free and int(lines.page.max()) + 1 >= MIN_PAGES:
        if not _has_sentence(lines, texts, free, body):
            roles[free] = COVER


def _court_caption(texts: list[str]) -> bool:
    """Whether a page holds a case caption: a line that opens with "v." and a line that is a
    party's designation alone ("Petitioner :", "Defendants-Appellees.")."""
    return any(_VERSUS_RE.match(t) for t in texts) and any(_PARTY_RE.match(t) for t in texts)


def _has_sentence(lines: PdfLines, texts: list[str], free: list[int], body: float) -> bool:
    """Whether consecutive free lines, in type at least :data:`PROSE_SIZE` of the body's, run
    :data:`MIN_PROSE_WORDS` words or more up to a full stop or a question mark (a title
    page's blurb set in short centred lines is prose; "A guide for people with cancer, their
    families and friends" is a tagline)."""
    words, previous, opened = 0, -2, False
    for i in free:
        if i != previous + 1 or lines.size[i] < PROSE_SIZE * body:
            words = 0
        previous = i
        if lines.size[i] < PROSE_SIZE * body:
            continue
        if not words:  # a sentence opens with a capital or a quotation mark
            opened = bool(_SENTENCE_START_RE.match(texts[i]))
        words += len(texts[i].split())
        if _SENTENCE_END_RE.search(texts[i]):
            if opened and words >= MIN_PROSE_WORDS:
                return True
            words = 0
    return False
