"""Title and authors from a document's printed front matter (issue 14).

A PDF's info dictionary often has no title, or a producer's ("Microsoft Word - draft3.docx",
"paper.dvi"), and rarely its authors; the first page prints both. Once layout analysis has given
the title and author blocks their roles (:mod:`precis.ingest.pdf_front`), the metadata takes them
from there: the printed title wins over an info title that is missing, a file name or another title (a
proceedings' name); printed authors win over the info dictionary's, which is more often the
typist's login ("hamilton", "W:CAR:MP:FP") or the publisher than the authors.

Author lines print names with affiliation marks instead of commas ("Arman Cohan†∗ Sergey
Feldman†∗", "Claire Brandão 1 Jörg Jørgensen 2"): the marks separate names like commas do.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from precis.ingest.base import Metadata

TITLE = "title"
AUTHOR = "author"
MAX_NAME_WORDS = 5
MIN_TITLE_WORDS = 3  # a shorter printed title does not overrule a real info title
SAME = 0.8  # share of the printed title's words an info title must have to be the same title
_FILE_NAME_RE = re.compile(
    r"\.(?:docx?|tex|dvi|pdf|rtf|odt|indd|pptx?|txt|exe)\b|^microsoft (?:word|powerpoint)\b"
    r"|^untitled|template|^\S*_\S*$|\.\.",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W_]+")
_BY_RE = re.compile(r"^\s*by\s+", re.IGNORECASE)  # "By Donald E. Westlake"
_MARKS_RE = re.compile(
    r"[\d\u2020\u2021\u2217*\u00a7\u00b6#\u2016\u2021\u00b9\u00b2\u00b3\u2070-\u2079]+"
)
_SEPARATOR_RE = re.compile(r"\s*(?:,|;|\band\b|&|\s{2,})\s*", re.IGNORECASE)
_NAME_WORD_RE = re.compile(
    r"^(?:[A-Z\u00c0-\u024f][\w'\u2019.\-]*|de|van|von|der|da|di|del|la|le)$"
)


def with_front_matter(metadata: Metadata, texts: Sequence[str], roles: Sequence[str]) -> Metadata:
    """``metadata`` with the printed title and authors where it has none (or a file name)."""
    title = _first_run(texts, roles, TITLE)
    authors = [
        name
        for text, role in zip(texts, roles, strict=True)
        if role == AUTHOR
        for name in author_names(text)
    ]
    changes: dict[str, object] = {}
    if title and not _same_title(metadata.title, title):
        changes["title"] = " ".join(title.split())
    if authors:
        changes["authors"] = tuple(dict.fromkeys(authors))
    return dataclasses.replace(metadata, **changes) if changes else metadata


def _first_run(texts: Sequence[str], roles: Sequence[str], role: str) -> str | None:
    """The blocks of the first run of ``role``, joined: a title set on two lines may be two
    blocks ("Nouns are Vectors Adjectives are Matrices:" / "Representing ...")."""
    run: list[str] = []
    for text, r in zip(texts, roles, strict=True):
        if r == role:
            run.append(text)
        elif run:
            break
    return " ".join(run) or None


def _same_title(info: str | None, printed: str) -> bool:
    """Whether the info title is the printed one (most of its words), not a file name."""
    if not info or _FILE_NAME_RE.search(info):
        return False
    if len(printed.split()) < MIN_TITLE_WORDS:
        return True  # "FlightOPS", a magazine's section label, against "Losing the Cabin"
    words = set(_WORD_RE.findall(printed.lower()))
    return bool(words) and len(words & set(_WORD_RE.findall(info.lower()))) >= SAME * len(words)


def author_names(line: str) -> list[str]:
    """The names on a printed author line, marks and separators dropped."""
    names = []
    for part in _SEPARATOR_RE.split(_MARKS_RE.sub(",", _BY_RE.sub("", line))):
        words = part.strip(" ,.").split()
        if 2 <= len(words) <= MAX_NAME_WORDS and all(_NAME_WORD_RE.match(w) for w in words):
            names.append(" ".join(_titled(w) for w in words))
    return names


def _titled(word: str) -> str:
    """ "SHEIKHAHMADI" -> "Sheikhahmadi"; "McDonald", "A." stay."""
    return word.capitalize() if word.isupper() and len(word) > 2 else word
