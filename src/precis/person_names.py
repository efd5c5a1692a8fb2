"""People's names on a printed author line, and whether a line is only names (issue 14).

Author lines separate names with commas and "and", but as often only with affiliation marks
("Kyle Lo\u03b1\u2217 Zejiang Shen\u03b1,\u03c4\u2217", "Zejiang Shen\u2020 Kyle Lo\u2020 Lauren
Yu\u2666"), and they add what is no name: an honorific ("Dr. Saeed Murtaza"), a degree ("Jaime
Raymond, MPH"), an IEEE grade ("Josep Domingo-Ferrer, Fellow, IEEE"), an illustrator's credit.
Marks become separators and the rest is dropped; the words left must all read as name words.
TeX's accents drawn as spacing characters ("Zoltan Gy \u00b4 ongyi", "Andre\u00b4") are no marks:
they stand apart from the letter they sit on, so they are dropped and the word glued back.
Used by the line roles (:mod:`precis.ingest.pdf_front`), where a line is an author line only
when nothing but names is left, and by the metadata (:mod:`precis.front_matter`).
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_WORDS = 5
_BY_RE = re.compile(r"^\s*by\s+", re.IGNORECASE)  # "By Donald E. Westlake"
_CREDIT_RE = re.compile(
    r"\b(?:Illustrated|Illustrations|Photographs|Photography|Drawings|Cover)\s+by\b.*$", re.I
)
_HONORIFIC_RE = re.compile(r"\b(?:Dr|Prof|Mr|Mrs|Ms)\.\s*")
_GRADE_RE = re.compile(
    r",?\s*\b(?:(?:Senior|Life|Student|Graduate\s+Student)\s+)?(?:Fellow|Member),?\s*IEEE\b"
)
_DEGREE_RE = re.compile(
    r",\s*(?:Ph\.?\s?D|M\.?P\.?H|M\.?S|M\.?Sc|Sc\.?D|M\.?D|Dr\.?\s?P\.?H|M\.?A|B\.?S|R\.?N|D\.?Phil)"
    r"\.?(?=[\s,;]|$)"
)
_GREEK_MARK_RE = re.compile(r"[\u03b1-\u03c9]+")  # "Lo\u03b1\u2217", "Shen\u03b1,\u03c4\u2217"
# spacing accents (acute, diaeresis, circumflex, tilde, macron, breve, dots, ring, ogonek, caron,
# grave, cedilla) that a text layer gives apart from their letter
_ACCENTS = "\u00b4\u00a8\u02c6\u02dc\u00af\u02d8\u02d9\u02da\u02db\u02dd\u02c7`\u00b8"
_INNER_ACCENT_RE = re.compile(rf"(?<=[^\W\d_])\s*[{_ACCENTS}]\s*(?=[^\W\d_A-Z])")
_ACCENT_RE = re.compile(rf"\s*[{_ACCENTS}]")
_SEPARATOR_RE = re.compile(r"\s*(?:,|;|\band\b|&|\s{2,})\s*", re.IGNORECASE)
_WORD_PART_RE = re.compile(r"[^\W\d_]+")
_NAME_WORD_RE = re.compile(
    r"^(?:[A-Z\u00c0-\u00de\u0100-\u024f][\w'\u2019.\-]*|de|van|von|der|den|da|di|del|du|la|le"
    r"|dos|das|ter|bin)$"
)
_INSTITUTION_WORDS = frozenset(
    """university institute department center centre laboratory lab school college division group
    committee ministry government bureau national international inc corporation council service
    agency press society association foundation research office company""".split()
)
_NOT_NAME_WORDS = _INSTITUTION_WORDS | frozenset(
    """the of for in on at to with from part chapter section volume vol no report
    abstract introduction contents table figure keywords summary supplement page copyright
    journal proceedings conference monday tuesday wednesday thursday friday saturday
    sunday""".split()
)


def person_names(line: str) -> list[str]:
    """The names on ``line`` when it holds nothing but names (marks and credits aside), else []."""
    names: list[str] = []
    singles = 0
    for part in _parts(line):
        words = part.split()
        if not words:
            continue
        if not _is_name(words):
            return []
        singles += len(words) == 1
        names.append(_titled(words))
    if singles > 1 or (singles and 0 < len(names) - singles < 2):
        return []  # a one-word name ("Mausam") alone or among at least two full names
    return names


def some_person_names(text: str) -> list[str]:
    """The parts of ``text`` that read as full names, whatever else it holds."""
    return [
        _titled(words)
        for words in (part.split() for part in _parts(text))
        if len(words) >= 2 and _is_name(words)
    ]


def leading_name(line: str) -> str | None:
    """The one name that opens ``line`` before its affiliation: ACM's "TAL AUGUST, University
    of Washington, USA" (None where the rest names no institution or the line is all names)."""
    name, comma, rest = line.partition(",")
    names = person_names(name)
    if not comma or len(names) != 1 or " " not in names[0] or person_names(line):
        return None
    words = {w.lower() for w in _WORD_PART_RE.findall(rest)}
    return names[0] if words & _INSTITUTION_WORDS else None


def _parts(line: str) -> list[str]:
    """The line cut at separators and marks, with honorifics, grades and degrees gone."""
    line = _CREDIT_RE.sub("", _BY_RE.sub("", line))
    line = _ACCENT_RE.sub("", _INNER_ACCENT_RE.sub("", line))
    line = _DEGREE_RE.sub(",", _GRADE_RE.sub(",", _HONORIFIC_RE.sub("", line)))
    line = _GREEK_MARK_RE.sub(",", line)
    line = "".join("," if _is_mark(c) else c for c in line)
    return [p.strip(" ,.") for p in _SEPARATOR_RE.split(line)]


def _is_mark(char: str) -> bool:
    """A digit or a symbol set as an affiliation mark ("1", "\u2020", "\u2666", "$"; a font's
    private or control code)."""
    if char.isdigit():
        return True
    category = unicodedata.category(char)
    return category in ("So", "Sm", "Sk", "Sc", "Cc", "Co") or char in "*\u2020\u2021\u00a7\u00b6#"


def _is_name(words: list[str]) -> bool:
    """Whether the words are one person's name: at most five name words, none a common word."""
    return (
        len(words) <= MAX_NAME_WORDS
        and all(
            _NAME_WORD_RE.match(w) and w.lower().strip(".") not in _NOT_NAME_WORDS for w in words
        )
        and any(len(w.strip(".")) > 1 for w in words)
    )


def _titled(words: list[str]) -> str:
    """The name in title case where it is set in capitals: "SHEIKHAHMADI" -> "Sheikhahmadi",
    "LUCY LU WANG" -> "Lucy Lu Wang", "JEAN-PIERRE" -> "Jean-Pierre"; "McDonald", "A." stay (and
    a short word in capitals stays in a name that is not: "Kyle LO")."""
    caps = all(w.isupper() for w in words)
    return " ".join(
        _WORD_PART_RE.sub(lambda m: m[0].capitalize(), w)
        if w.isupper() and len(w.strip(".")) > (1 if caps else 2)
        else w
        for w in words
    )
