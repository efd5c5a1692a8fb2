"""Title and authors from a document's printed front matter (issue 14).

A PDF's info dictionary often has no title, or a producer's ("Microsoft Word - draft3.docx",
"paper.dvi"), and rarely its authors; the first page prints both. Once layout analysis has given
the title and author blocks their roles (:mod:`precis.ingest.pdf_front`), the metadata takes them
from there: the printed title wins over an info title that is missing, a file name or another title (a
proceedings' name); printed authors win over the info dictionary's, which is more often the
typist's login ("hamilton", "W:CAR:MP:FP") or the publisher than the authors. Where no author
line is printed, info authors that hold no person's name (a login "Txus", "JOHNSCA", an office
code, "United States Copyright Office - jmf") are dropped: no author is better than a wrong one.
On the labelled real PDFs this empties the authors of two papers that print none
(``bench/bench_front_matter.py``).

Author lines print names with affiliation marks instead of commas ("Arman Cohan†∗ Sergey
Feldman†∗", "Claire Brandão 1 Jörg Jørgensen 2"): the marks separate names like commas do. A
raised letter mark may reach the text glued to the name ("Nicolas Roisina"): where the byline
sets one such letter apart, it is dropped from the names that end a line with it. ACM's "TAL
AUGUST, University of Washington, USA" gives the name before the affiliation. An info author
field that lists several full names ("Zoltan Gyongyi, Hector Garcia-Molina (Stanford Univ.), Jan
Pedersen (Yahoo, Inc.)") is split into them where no author line is printed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from precis.metadata import Metadata
from precis.person_names import leading_name, person_names, some_person_names

TITLE = "title"
AUTHOR = "author"
MIN_TITLE_WORDS = 3  # a shorter printed title does not overrule a real info title
MORE = 4  # an info title with more words than the printed one adds a journal's or site's name
SAME = 0.8  # share of the printed title's words an info title must have to be the same title
_FILE_NAME_RE = re.compile(
    r"\.(?:docx?|tex|dvi|pdf|rtf|odt|indd|pptx?|txt|exe)\b|^microsoft (?:word|powerpoint)\b"
    r"|^untitled|template|^\S*_\S*$|\.\.",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W_]+")
_INITIAL_END_RE = re.compile(r"(?:^|\s)[A-Z]\.$")  # "Núria C." goes on: "Ivanova"
_PARENS_RE = re.compile(r"\s*\([^()]*\)")
_LETTER_MARK_RE = re.compile(r"[a-z]")  # an affiliation mark set apart: "a", "b"


def with_front_matter(
    metadata: Metadata,
    texts: Sequence[str],
    roles: Sequence[str],
    author_lines: Sequence[str] | None = None,
) -> Metadata:
    """``metadata`` with the printed title and authors where it has none (or a file name).

    ``author_lines``: the author lines as printed (a PDF's), read as one byline where a line
    break separates two names ("Kyle Lo" / "Doug Downey" in one block read "Kyle Lo Doug
    Downey") but not a name wrapped after an initial ("Núria C." / "Ivanova").
    """
    title = _first_run(texts, roles, TITLE)
    bylines = (
        [_byline(author_lines)]
        if author_lines
        else [text for text, role in zip(texts, roles, strict=True) if role == AUTHOR]
    )
    authors = [name for text in bylines for name in author_names(text)]
    changes: dict[str, object] = {}
    if title and not _same_title(metadata.title, title):
        changes["title"] = " ".join(title.split())
    info = tuple(a for a in _info_names(metadata.authors) if some_person_names(a))
    if authors:
        changes["authors"] = tuple(dict.fromkeys(authors))
    elif info != metadata.authors:
        changes["authors"] = info
    return dataclasses.replace(metadata, **changes) if changes else metadata


def _info_names(authors: Sequence[str]) -> list[str]:
    """The info authors, a field that lists several full names with their affiliations
    ("Zoltan Gyongyi, Hector Garcia-Molina (Stanford Univ.), Jan Pedersen (Yahoo, Inc.)")
    split into the names."""
    out: list[str] = []
    for author in authors:
        names = person_names(_PARENS_RE.sub("", author))
        out.extend(names if len(names) >= 2 and all(" " in n for n in names) else [author])
    return out


def _byline(lines: Sequence[str]) -> str:
    """Author lines joined, a comma at each break that ends a name; letter marks set apart
    dropped, and from the names they are glued to; a name's affiliation after it dropped."""
    lines = [line.strip() for line in lines]
    marks = "".join({line for line in lines if _LETTER_MARK_RE.fullmatch(line)})
    out = ""
    for k, line in enumerate(lines):
        if not line or line in marks:
            continue
        if marks and (k + 1 == len(lines) or lines[k + 1] not in marks):
            line = _unmarked(line, marks)
        line = leading_name(line) or line
        if out:
            out += " " if _INITIAL_END_RE.search(out) or line[0].islower() else ", "
        out += line
    return out


def _unmarked(line: str, marks: str) -> str:
    """The line without the letter mark glued to the name that ends it: the text layer reads a
    raised "Roisin\u1d43" as "Roisina" where no space or font change sets the mark apart."""
    return re.sub(rf"(?<=[a-z])[{re.escape(marks)}](?=[\s,]*$)", "", line)


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
    info_words = set(_WORD_RE.findall(info.lower()))
    if len(info_words) > len(words) + MORE:
        return False  # the title and the journal's name ("... - Circuits and Systems for ...")
    return bool(words) and len(words & info_words) >= SAME * len(words)


def author_names(line: str) -> list[str]:
    """The names on a printed author line, marks, separators and credits dropped."""
    return person_names(line) or some_person_names(line)
