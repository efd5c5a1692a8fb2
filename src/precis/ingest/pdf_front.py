"""A paper's front matter on its first page: title, authors, affiliations, e-mails, keywords.

Part of the line roles of issue 14 (:mod:`precis.ingest.pdf_roles`). The title is the largest
upright type on page 1 (type barely larger than the body's only in bold right above a line of
names, as AMS papers set it); the lines between it and the abstract (or the first heading, or
the first run of prose) are the byline: e-mails by their pattern, affiliations by their words
("University", "Institute", "Department", ...) and the lines that go on from one, authors where
a line reads as a list of names, alone or with the author line it wraps ("Mausam, and Oren
Etzioni"), or opens with one name before its affiliation (ACM's "TAL AUGUST, University of
Washington, USA"). "Keywords:", "Index Terms" and "KEY WORDS:" open a keywords block anywhere
on the first two pages; "By Name" in its own type is a magazine's byline. Where the byline gives
no author, authors set as address blocks beside the abstract are found by
:mod:`precis.ingest.pdf_authors`. Footnotes on page 1 that hold an affiliation or an e-mail take
that role.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from precis.ingest.pdf_authors import mark_author_blocks
from precis.person_names import person_names

if TYPE_CHECKING:
    import numpy as np

    from precis.ingest.pdf_lines import PdfLines

JOURNAL_LINE = "journal_line"
SIZE_TOLERANCE = 0.3  # points, as in pdf_roles
TITLE_RATIO = 1.15  # the title's size over the body's, at least
MAX_TITLE_LINES = 6
SMALL_TITLE_GAP = 4  # the names under a small title, at most this many sizes down
_EMAIL_RE = re.compile(r"[\w.+{}\-,| ]*\}?@[\w\-]+(?:\.[\w\-]+)+")
_EMAIL_LABEL_RE = re.compile(r"\b(?:e-?mail|correspondence|contact|to)\b:?", re.IGNORECASE)
_AFFILIATION_RE = re.compile(
    r"\b(?:Universit\w*|Univ\.|Institut\w*|Departa?ment\w*|Dept\.|Laborator\w*|Labs?\b|Inc\b\.?|Corp\b\.?|"
    r"Corporation|College|School|Faculty|Cent(?:er|re)|Research|GmbH|Ltd\.?|LLC|Academy|"
    r"Hospital|Foundation|Polytechnic|Polit[eé]cnic\w*|Escola|[EÉ]cole|Facult[eé]|Division)(?!\w)"
)
_KEYWORDS_RE = re.compile(
    r"^(?:(?:(?:author|acm\s+classification)\s+)?(?:key\s*words?|key\s*phrases)"
    r"|(?:index|general)\s+terms)\b\s*[:.\u2014-]?",
    re.I,
)
_START_RE = re.compile(
    r"^(?:abstract|summary|(?:\d{1,2}\.?|[IVX]{1,4}\.)?\s*introduction)\b", re.IGNORECASE
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_NOT_NAMES_RE = re.compile(  # a month next to a number is a date; alone it may be a name (Tal August)
    rf"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|An?(?!\.)|Of|For|In|On|"
    rf"Part|Chapter|Section|Volume|Vol|No|Report|Company|Abstract)\b|\b{_MONTHS}\s*\d|\d\s*{_MONTHS}"
)
_SECTION_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z]|[IVX]+\.\s)")
_SENTENCE_RE = re.compile(r"[a-z]{2}\.\s+[A-Z]")  # a sentence ends inside the line
_BYLINE_RE = re.compile(r"^(?:[Bb]y|Illustrated by|Photographs by)\s+(?=[A-Z\u00c0-\u017f])")


def front_roles(lines: PdfLines, texts: list[str], roles: np.ndarray, body: float) -> None:
    """Front matter roles of page 1's lines (and keywords on pages 1-2), set in ``roles``."""
    import numpy as np

    first = np.flatnonzero(lines.page == 0)
    if not len(first):
        return
    _footnote_front(texts, roles, first)
    title = _title(lines, texts, first, body)
    for i in title:
        roles[i] = "title"
    if title:
        _before_title(lines, roles, first, title[0], body)
    if title:
        zone = [int(i) for i in first if i > title[-1]]
        _byline(lines, texts, roles, zone[: _zone_end(lines, texts, zone)])
        if zone and not _has_affiliation(texts, roles, first):
            # without an affiliation or an e-mail: the line under the title (and its wrap)
            later = [
                i for k, i in enumerate(zone[1:]) if _later_author(lines, texts, roles, zone, k)
            ]
            roles[later] = "body"
    for i in first:
        if roles[i] == "body" and _is_email_line(texts[i]):
            roles[i] = "email"
        elif roles[i] == "body" and (byline := _BYLINE_RE.match(texts[i])):
            # in a type of its own, or under a bold title in body type ("The Buried Moon -" /
            # "An English Fairy Tale" / "by Edmund Dulac")
            apart = abs(lines.size[i] - body) > 0.3 or (
                i > 0 and bool(lines.bold[i - 1]) and not lines.bold[i] and _under(lines, i - 1, i)
            )
            if apart and _names(texts[i][byline.end() :], 1):
                roles[i] = "author"
    if title and not (roles[first] == "author").any():
        mark_author_blocks(lines, texts, roles, first.tolist())
    _keywords(lines, texts, roles, np.flatnonzero(lines.page <= 1))


def _before_title(
    lines: PdfLines, roles: np.ndarray, first: np.ndarray, title: int, body: float
) -> None:
    """Page 1's lines read before the title in type smaller than the body's are the
    publication's, not the document's: its proceedings and copyright lines ("Proceedings of the
    52nd Annual Meeting of the ACL, pages ...", "c 2014 Association for Computational
    Linguistics"), a journal's header, a series' standard notice ("This section of the FEDERAL
    REGISTER contains notices to the public ...", set in a box under the title and drawn
    first). Over the real PDFs and pdf_gold, no body line is read before the title in type
    smaller than the body's; an abstract set small comes after it."""
    for i in first:
        if i >= title:
            break
        if roles[i] == "body" and lines.size[i] < body - SIZE_TOLERANCE:  # NaN: never
            roles[i] = JOURNAL_LINE


def _title(lines: PdfLines, texts: list[str], first: np.ndarray, body: float) -> list[int]:
    """The first run of lines in the largest upright type of page 1 (none if not large, or
    barely large and no small title)."""
    import numpy as np

    width = lines.x1[first] - lines.x0[first]
    height = lines.y1[first] - lines.y0[first]
    letters = np.fromiter(
        (
            sum(c.isalpha() for c in texts[i]) >= 3 and not _SECTION_RE.match(texts[i])
            for i in first
        ),
        bool,
        len(first),
    )
    ok = letters & (width >= height) & ~np.isnan(lines.size[first])
    if not ok.any():
        return []
    largest = float(lines.size[first][ok].max())
    if not largest > body + 0.3:
        return []
    start = int(first[ok & (np.abs(lines.size[first] - largest) <= 0.3)][0])
    run = [start]
    for j in range(start + 1, min(start + MAX_TITLE_LINES, len(texts))):
        if lines.page[j] or abs(lines.size[j] - largest) > 0.3 or not _under(lines, run[-1], j):
            break
        run.append(j)
    if largest >= TITLE_RATIO * body or _small_title(lines, texts, run):
        return run
    return []


def _small_title(lines: PdfLines, texts: list[str], run: list[int]) -> bool:
    """Whether a run in type barely larger than the body's is still the title: set in bold
    and right above a line of names (an AMS paper's title is 10.95 points over 10)."""
    after = run[-1] + 1
    if not lines.bold[run].all() or after >= len(texts) or lines.page[after]:
        return False
    step = (lines.y0[run[-1]] + lines.y1[run[-1]] - lines.y0[after] - lines.y1[after]) / 2
    return bool(0 < step <= SMALL_TITLE_GAP * lines.size[run[-1]]) and _names(texts[after])


def _under(lines: PdfLines, above: int, below: int) -> bool:
    """Whether ``below`` is the next line under ``above`` (a step of at most twice its size)."""
    step = (lines.y0[above] + lines.y1[above] - lines.y0[below] - lines.y1[below]) / 2
    return bool(0 < step <= 2 * lines.size[above])


def _zone_end(lines: PdfLines, texts: list[str], zone: list[int]) -> int:
    """How many lines after the title are byline: up to the abstract, the introduction, the
    keywords or the first two lines of prose."""
    for k, i in enumerate(zone):
        line = texts[i]
        if _START_RE.match(line) or _KEYWORDS_RE.match(line):
            return k
        if k + 1 < len(zone) and _prose(line) and _prose(texts[zone[k + 1]]):
            if abs(lines.size[i] - lines.size[zone[k + 1]]) <= 0.3:
                return k
    return len(zone)


def _prose(line: str) -> bool:
    """Eight words or more, and no affiliation, e-mail or list of names in them."""
    if len(line.split()) < 8 or _AFFILIATION_RE.search(line) or "@" in line:
        return False
    return not _names(line)


def _byline(lines: PdfLines, texts: list[str], roles: np.ndarray, zone: list[int]) -> None:
    """Authors, affiliations and e-mails between the title and the abstract."""
    previous = -1
    for i in zone:
        line = texts[i]
        role = None
        if _is_email_line(line):
            role = "email"
        elif _named_affiliation(line):
            role = "author"
        elif _affiliation(line):
            role = "affiliation"
        elif previous >= 0 and roles[previous] == "affiliation" and _goes_on(lines, previous, i):
            # a name in capitals after "and" starts the next author ("SANJEEV KHANNA")
            role = "author" if line.isupper() and _names(line) else "affiliation"
        elif _names(line):
            role = "author"
        elif previous >= 0 and roles[previous] == "author" and _wraps(lines, texts, previous, i):
            role = "author"
        if role is not None and roles[i] == "body":
            roles[i] = role
            previous = i


def _affiliation(line: str) -> bool:
    """A line naming one or more institutions (at most 16 words for each, numbers aside)."""
    found = len(_AFFILIATION_RE.findall(line))
    words = sum(any(c.isalpha() for c in word) for word in line.split())  # "3", "1348": address
    return found > 0 and words <= 16 * found


def _named_affiliation(line: str) -> bool:
    """A line that opens with one author's name and goes on with the affiliation: ACM's
    "TAL AUGUST, University of Washington, USA"."""
    name, comma, rest = line.partition(",")
    if not comma or "@" in rest or _SENTENCE_RE.search(rest) or len(line.split()) > 12:
        return False  # a footnote: "S. Khanna, Email: ... Supported in part by ..."
    return len(person_names(name)) == 1 and _names(name) and _affiliation(rest)


def _has_affiliation(texts: list[str], roles: np.ndarray, first: np.ndarray) -> bool:
    """Whether page 1 gives an affiliation or an e-mail, on a line of its own or after a name."""
    return any(
        roles[i] in ("affiliation", "email")
        or (roles[i] == "author" and _named_affiliation(texts[i]))
        for i in first
    )


def _later_author(
    lines: PdfLines, texts: list[str], roles: np.ndarray, zone: list[int], k: int
) -> bool:
    """Whether ``zone[k + 1]`` is an author line that does not wrap the line before it."""
    i = zone[k + 1]
    return roles[i] == "author" and not _wraps(lines, texts, zone[k], i)


def _wraps(lines: PdfLines, texts: list[str], above: int, i: int) -> bool:
    """Whether line ``i`` is the author line ``above`` wrapped: "..., Shi Xu," / "Mausam, and
    Oren Etzioni" reads as names only with the line before it (one one-word name among full
    names), in its type, right under it."""
    return bool(
        not _names(texts[i]) and _goes_on(lines, above, i) and _names(f"{texts[above]}, {texts[i]}")
    )


def _goes_on(lines: PdfLines, previous: int, i: int) -> bool:
    """Whether line ``i`` continues the affiliation on line ``previous`` (same type, next)."""
    same = abs(lines.size[i] - lines.size[previous]) <= 0.3
    return bool(same and lines.bold[i] == lines.bold[previous] and _under(lines, previous, i))


def _names(line: str, least: int = 2) -> bool:
    """Whether a line reads as nothing but a list of names, ``least`` words or more."""
    if _NOT_NAMES_RE.search(line):
        return False
    names = person_names(line)
    return sum(len(name.split()) for name in names) >= least


def _is_email_line(line: str) -> bool:
    """A line of e-mail addresses, perhaps with a label ("E-mail:") and separators."""
    if "@" not in line:
        return False
    rest = _EMAIL_LABEL_RE.sub(" ", _EMAIL_RE.sub(" ", line))
    return sum(c.isalpha() for c in rest) <= 3


def _footnote_front(texts: list[str], roles: np.ndarray, first: np.ndarray) -> None:
    """Footnotes on page 1 that give an affiliation or an e-mail: each note (a run of lines)
    takes the role of what its first line names."""
    role = None
    for i in first:
        if roles[i] != "footnote" and roles[i] not in ("affiliation", "email"):
            role = None
            continue
        line = texts[i]
        if _is_email_line(line):
            role = "email"
        elif _AFFILIATION_RE.search(line[:80]):
            role = "affiliation"
        elif role is None or line[:1].isdigit() or line[:1] in "*\u2020\u2021":
            role = None  # a note of its own
            continue
        roles[i] = role


def _keywords(lines: PdfLines, texts: list[str], roles: np.ndarray, pages: np.ndarray) -> None:
    """A "Keywords:" line and the lines that go on from it in its size (three at most)."""
    for i in pages:
        if roles[i] != "body" or not _KEYWORDS_RE.match(texts[i]):
            continue
        roles[i] = "keywords"
        # a label on a line of its own ("Author Keywords", ACM's) heads smaller lines
        label_only = _KEYWORDS_RE.fullmatch(texts[i].strip()) is not None
        j = int(i)
        while j + 1 < len(texts) and j - i < 3 and roles[j + 1] == "body":
            size = lines.size[j + 1] - lines.size[i]
            fits = size <= 0.3 if label_only and j == i else abs(size) <= 0.3
            if j > i and label_only:
                fits = abs(lines.size[j + 1] - lines.size[i + 1]) <= 0.3
            nxt = texts[j + 1]
            if not fits or not _under(lines, j, j + 1) or _START_RE.match(nxt):
                break
            if _KEYWORDS_RE.match(nxt):
                break
            j += 1
            roles[j] = "keywords"
