"""What a running head looks like as text: short, numbered at an end, no sentence (issue 13).

The shape tests shared by the recurrence rules (:mod:`precis.clean.running_heads`), the page
arithmetic (:mod:`precis.clean.page_numbers`) and the edge peel
(:mod:`precis.clean.edge_furniture`). Guards against body lines that happen to hold the page
number ("... in 1998"): the line must be short, must not start in lower case or end a sentence,
and the number must sit at its start or end.
"""

from __future__ import annotations

import re

EDGE_LINES = 3  # lines at the top and at the bottom of a page that may be recurring heads
MAX_HEAD_WORDS = 12  # heads are short: "Copyright Office Summary December 1998 Page 4" is 7
MAX_HEAD_CHARS = 100
MIN_INNER_NUMBER = 10  # a page number one word inside a head is taken from 10 on

DIGITS_RE = re.compile(r"\d+")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
KEY_STRIP = " .,;:|-\u2013\u2014\u00b7"
ROMAN_RE = re.compile(r"^(?:x{0,3})(?:ix|iv|v?i{0,3})$")
_OF_TOTAL_RE = re.compile(r"\b(\d+)\s*(?:/|of)\s*(\d+)\s*$")  # "1 / 21", "3 of 10"
_TOKEN_STRIP = "-\u2013\u2014|\u00b7\u2022()[],:"
SENTENCE_END = ".!?;,"  # a head never ends a sentence or a clause
_ROMAN_END_RE = re.compile(r"(?:^|\s)[ivxl]{1,6}$")  # "... All rights reserved. xi"
# "continued on page 35", "see page 4": a reference to a page, not the page's own number
_PAGE_REFERENCE_RE = re.compile(r"\b(?:on|see|to|from)\s+(?:page|p\.)\s*\d+", re.IGNORECASE)
_ENUMERATOR_RE = re.compile(r"^\(\d+\)\s+\S")  # "(4) In the Operating Procedures chapter"
# a number after these words belongs to the sentence ("see Figure 1"), not to the page
NUMBER_OWNERS = frozenset(
    "figure fig fig. table section sec sec. chapter eq eq. equation page pages p. pp. step part"
    " appendix version no. number and or to of in than from at by".split()
)

_SENTENCE_OWNERS = NUMBER_OWNERS - {"page", "p.", "pages"}  # "Page 4" is a page number


def mask(line: str) -> str:
    """The line without its numbers, case and spacing normalised ("#" for a bare number).

    Dropping the numbers (not masking them in place) puts ``730 Belkin and Blight`` and
    ``Belkin and Blight 731`` under one key, so even a three-page paper shows the pattern.
    """
    if " " in line and _ROMAN_END_RE.search(line) and ROMAN_RE.match(line.rsplit(None, 1)[1]):
        line = line.rsplit(None, 1)[0]  # a front-matter folio: "... reserved. xi" ~ "... 1"
    key = " ".join(DIGITS_RE.sub(" ", line.lower()).split())
    return key or ("#" if DIGITS_RE.search(line) else "")


def may_recur(text: str) -> bool:
    """Not a list item, a clause that goes on, or a reference to another page: such lines recur
    in body text ("(4) In the Operating Procedures chapter,", "(Continued on page 35)")."""
    return not (
        text[-1] in ",-\ufffe" or _ENUMERATOR_RE.match(text) or _PAGE_REFERENCE_RE.search(text)
    )


def head_shaped(text: str) -> bool:
    """Short, not starting in lower case, not ending a sentence: what a running head looks like."""
    words = text.split()
    if len(words) > MAX_HEAD_WORDS or len(text) > MAX_HEAD_CHARS or text[0].islower():
        return False
    return text[-1] not in SENTENCE_END or text.endswith("et al.")


def edge_numbers(text: str) -> list[int]:
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


def head_like(text: str, strict: bool = True) -> bool:
    """Head-shaped, and none of the lines that only look like a head with a page number.

    Not ``strict``: a head that recurs with the page number may end in "?" or "." ("2 What is
    POSAT?"); a comma still says a clause goes on.
    """
    bare = text if strict else text.rstrip(".?!")
    shaped = bool(bare) and head_shaped(bare)
    if not shaped or _PAGE_REFERENCE_RE.search(text) or _ENUMERATOR_RE.match(text):
        return False
    if not (text[0].isalnum() or text[0] in "-\u2013\u2014"):
        return False  # ", x ) = C (15)": an equation number, not a head
    if not any(c.isalpha() for c in text) and len(DIGITS_RE.findall(text)) > 1:
        return _OF_TOTAL_RE.search(text) is not None  # "2 3" is a table row; "2 / 21" a page
    words = text.lower().split()  # "ratified in 731" ends a sentence fragment, not a head
    return len(words) < 2 or not (words[-1].isdigit() and words[-2] in _SENTENCE_OWNERS)


def worded(text: str) -> bool:
    """Two words or more: pdfium misplaces the boxes of a figure's text drawn in a form object
    (a graph's node labels "1 2" read as above the page), so bare labels are no evidence."""
    return len(_WORD_RE.findall(text)) >= 2
