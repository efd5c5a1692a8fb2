"""Spacing accents composed with their letter, and the copyright sign restored (issue 13).

PDF text layers of TeX papers carry an accent as its own spacing character: ``Farber ¨``,
``P ´ erez``, ``M¨uhlenberg``, ``Lo¨ıc`` (pdftotext composes them: ``Färber``, ``Pérez``). Two
steps here, both pure ``text -> list[Edit]``:

- :func:`mark_hint_edits` (PDF, before layout): the ingest read from the glyph boxes which letter
  each mark sits on (:class:`~precis.ingest.base.MarkHint`); the letter becomes its NFC
  composition with the matching combining mark, the mark goes, and so do the spaces that only
  the mark caused. It runs on the raw text because PDF layout cleaning works on raw offsets
  (page starts, indented line starts) and must see ``Com- ´`` end in its hyphen. So every line
  keeps its length: what a line loses is put back as spaces at its end, which layout cleaning
  drops with the line break. A circle over ``c`` (``\\rc 2020``) becomes ``©``.
- :func:`character_edits` (any text, in the repair group): without geometry only the pattern
  that cannot mean anything else is composed: a mark between two letters that composes with the
  letter after it (``M¨uhlenberg``; cedilla and ogonek with the letter before: ``Lourenc¸o``).
  ``´`` before a consonant is an apostrophe (``it´s``, ``we´re``) and stays; ASCII ``^ ~ ```
  are symbols in text (``x^2``, ``~/path``) and stay. And ``c 2007 IFAAMAS`` -> ``© 2007
  IFAAMAS`` where a lone ``c`` before a year starts a line or follows a sentence end or
  ``Copyright``, and a capitalised word or ``by`` follows: ``c. 1990`` (circa) stays.

Why by hand: Unicode normalisation composes *combining* marks only (U+0308), never the
spacing ones (U+00A8); ftfy leaves them too; pdftotext composes them while extracting, without
offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence

from precis.ingest.base import Extraction, MarkHint
from precis.offsets import Edit

COMBINING = {
    "\u00a8": "\u0308",  # diaeresis
    "\u00b4": "\u0301",  # acute
    "\u02c6": "\u0302",  # circumflex
    "^": "\u0302",
    "\u02dc": "\u0303",  # tilde
    "~": "\u0303",
    "`": "\u0300",  # grave
    "\u02c7": "\u030c",  # caron
    "\u02d8": "\u0306",  # breve
    "\u02da": "\u030a",  # ring
    "\u00b8": "\u0327",  # cedilla
    "\u02db": "\u0328",  # ogonek
    "\u02d9": "\u0307",  # dot above
    "\u02dd": "\u030b",  # double acute
    "\u00af": "\u0304",  # macron
}
BELOW = frozenset("\u00b8\u02db")
DOTLESS = {"\u0131": "i", "\u0237": "j"}  # TeX puts accents over the dotless forms
CIRCLE = "\r"  # pdfium's text for cmsy's large circle (see precis.ingest.pdf_marks)
CIRCLED = {"c": "\u00a9", "C": "\u00a9", "R": "\u00ae"}
_BREAKS = "\r\n\f\ufffe"
_SPACES = " \t"

_TEXT_MARKS = "".join(c for c in COMBINING if not c.isascii())
_LETTER = r"[^\W\d_]"
# The mark first, the letter before it checked in code: a pattern that starts with a lookbehind
# is tried at every position (1.3 s on 10M characters, against a few ms this way).
_TEXT_MARK_RE = re.compile(f"[{_TEXT_MARKS}](?={_LETTER})")
_LETTER_RE = re.compile(_LETTER)
_VOWELS = frozenset("aeiouyAEIOUY\u0131")
# "c" first, what comes before it checked in code (see _TEXT_MARK_RE on lookbehinds first).
_COPYRIGHT_RE = re.compile(r"c(?= (?:19|20)\d\d\b(?:[-\u2013]\d{2,4})?,? (?:[A-Z]|by\b))")
_COPYRIGHT_BEFORE = re.compile(r"(?:^|[.!?)\]] |[.!?)\]]\n|Copyright )\Z")


def mark_hint_step(extraction: Extraction) -> Callable[[str], list[Edit]]:
    """The PDF step for ``_stages``: the extraction's hints apply to its raw text only."""
    hints, raw = extraction.marks, extraction.text
    return lambda text: mark_hint_edits(text, hints) if text == raw else []


def text_step(fmt: str) -> Callable[[str], list[Edit]]:
    """The repair-group step: PDFs get only the copyright rule (their marks have geometry)."""
    return copyright_edits if fmt == "pdf" else character_edits


def mark_hint_edits(text: str, hints: Sequence[MarkHint]) -> list[Edit]:
    """Compose each hinted mark with its letter; every line keeps its length (see module doc)."""
    joins = {h.mark: h.joins for h in hints}
    marks_of: dict[int, list[int]] = defaultdict(list)
    for h in hints:
        if _valid(text, h):
            marks_of[h.letter].append(h.mark)
    for _ in range(2):
        edits, stuck = _hint_edits(text, marks_of, joins)
        if not stuck:
            return edits
        marks_of = {k: v for k, v in marks_of.items() if not stuck.intersection(v)}
    return []


def _hint_edits(
    text: str, marks_of: dict[int, list[int]], joins: dict[int, bool]
) -> tuple[list[Edit], set[int]]:
    """The edits, and the marks on lines that found no room for their padding."""
    edits: list[Edit] = []
    cuts: list[tuple[int, int, str]] = []
    for letter, marks in marks_of.items():
        marks = sorted(marks)
        if text[marks[0]] == CIRCLE:
            edits.append(Edit(letter, letter + 1, CIRCLED[text[letter]]))
            continue  # the circle stays: layout cleaning reads it as a line end
        composed = _compose(text[letter], [text[m] for m in marks])
        if composed is None:
            continue
        if len(composed) > 1 and len(marks) == 1 and abs(marks[0] - letter) == 1:
            start = min(letter, marks[0])  # ``tˆ`` -> ``t̂``: the mark's place holds the accent
            edits.append(Edit(start, start + 2, composed))
            continue
        mark_cuts = [_cut(text, m, joins[m]) for m in marks]
        if len(composed) > 1 and (
            not _same_line(text, letter, marks) or any(c[2] for c in mark_cuts)
        ):
            continue  # no single code point and no room on the line: leave the mark
        edits.append(Edit(letter, letter + 1, composed))
        cuts.extend(mark_cuts)
    edits = sorted([*edits, *_merge(cuts)])
    pads, stuck_lines = _pads(text, edits)
    stuck = {m for ms in marks_of.values() for m in ms if _line_end(text, m)[0] in stuck_lines}
    return sorted([*edits, *pads], key=lambda e: (e.start, e.end)), stuck


def character_edits(text: str) -> list[Edit]:
    """Marks composed inside words (no geometry) and the copyright sign, as edits."""
    return sorted(spacing_mark_edits(text) + copyright_edits(text))


def spacing_mark_edits(text: str) -> list[Edit]:
    """``M¨uhlenberg`` -> ``Mühlenberg``: a mark between letters that composes with one of them."""
    edits: list[Edit] = []
    for m in _TEXT_MARK_RE.finditer(text):
        mark, at = m.group(), m.start()
        if at == 0 or not _LETTER_RE.match(text, at - 1):
            continue
        letter = at - 1 if mark in BELOW else at + 1
        if mark in "\u00b4" and text[letter] not in _VOWELS:
            continue  # ``it´s``, ``we´re``: an apostrophe, not an accent
        composed = _compose(text[letter], [mark])
        if composed is None or len(composed) != 1:
            continue
        start = min(at, letter)
        edits.append(Edit(start, start + 2, composed))
    return [e for i, e in enumerate(edits) if i == 0 or e.start >= edits[i - 1].end]


def copyright_edits(text: str) -> list[Edit]:
    """``c 2014 Association`` -> ``© 2014 Association`` where nothing else can be meant."""
    return [
        Edit(m.start(), m.end(), "\u00a9")
        for m in _COPYRIGHT_RE.finditer(text)
        if _copyright_position(text, m.start())
    ]


def _copyright_position(text: str, at: int) -> bool:
    """Whether "c" starts a line, follows a sentence end or ")", or follows "Copyright "."""
    if at == 0 or text[at - 1] == "\n":
        return True
    return _COPYRIGHT_BEFORE.search(text[max(0, at - 10) : at]) is not None


def _compose(letter: str, marks: Sequence[str]) -> str | None:
    """NFC of the letter with the marks' combining forms (dotless i/j dotted again)."""
    if any(m not in COMBINING for m in marks) or letter.isspace():
        return None
    if letter in DOTLESS and not any(m in BELOW for m in marks):
        letter = DOTLESS[letter]
    return unicodedata.normalize("NFC", letter + "".join(COMBINING[m] for m in marks))


def _valid(text: str, h: MarkHint) -> bool:
    """Whether a hint still describes ``text`` (a mark or circle over a letter)."""
    if not (0 <= h.mark < len(text) and 0 <= h.letter < len(text)) or h.mark == h.letter:
        return False
    if text[h.mark] == CIRCLE:
        return text[h.letter] in CIRCLED
    return (
        text[h.mark] in COMBINING and not text[h.letter].isspace() and text[h.letter] not in _BREAKS
    )


def _same_line(text: str, letter: int, marks: Sequence[int]) -> bool:
    lo, hi = min(letter, *marks), max(letter, *marks)
    return not any(c in _BREAKS for c in text[lo:hi])


def _cut(text: str, mark: int, joins: bool) -> tuple[int, int, str]:
    """The span a mark takes with it: the spaces it alone caused (``P ´ erez``) or one side's."""
    start, end = mark, mark + 1
    left = start
    while left > 0 and text[left - 1] in _SPACES:
        left -= 1
    right = end
    while right < len(text) and text[right] in _SPACES:
        right += 1
    if joins:
        return left, right, ""
    if left < start:
        return left, end, ""  # ``Farber ¨ (2019)``, ``Santa- ´`` at a line end
    if right > end:
        return start, right, ""  # a mark at a line start
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else "\n"
    if before in _BREAKS or after in _BREAKS:
        return start, end, ""
    return start, end, " "  # glued between two words the page sets apart


def _merge(cuts: list[tuple[int, int, str]]) -> list[Edit]:
    """Overlapping cuts (``Rodr ´ ´ıguez``: two marks share a space) as one edit each."""
    merged: list[list[object]] = []
    for start, end, rep in sorted(cuts):
        if merged and start < merged[-1][1]:  # type: ignore[operator]
            merged[-1][1] = max(merged[-1][1], end)  # type: ignore[call-overload]
            merged[-1][2] = ""
        else:
            merged.append([start, end, rep])
    return [Edit(int(s), int(e), str(r)) for s, e, r in merged]  # type: ignore[call-overload]


def _pads(text: str, edits: list[Edit]) -> tuple[list[Edit], set[int]]:
    """Spaces that give each edited line its length back, and the lines with no room for them.

    The padding goes before the line break, where layout cleaning drops it. A line that ends in
    pdfium's hyphen (``U+FFFE``, the next line follows without a break) must keep the hyphen
    last, so there the padding widens the line's last untouched space instead.
    """
    growth: dict[int, int] = defaultdict(int)
    hyphenated: dict[int, bool] = {}
    for e in edits:
        end, hyphen = _line_end(text, e.start)
        growth[end] += len(e.replacement) - (e.end - e.start)
        hyphenated[end] = hyphen
    pads: list[Edit] = []
    stuck: set[int] = set()
    for end, delta in growth.items():
        if delta > 0:
            stuck.add(end)
        elif delta and not hyphenated[end]:
            pads.append(Edit(end, end, " " * -delta))
        elif delta:
            spot = _free_space(text, end, edits)
            if spot is None:
                stuck.add(end)
            else:
                pads.append(Edit(spot, spot, " " * -delta))
    return pads, stuck


def _free_space(text: str, end: int, edits: list[Edit]) -> int | None:
    """The last space of the line ending at ``end`` that no edit touches."""
    start = max(text.rfind(b, 0, end - 1) for b in _BREAKS) + 1
    for i in range(end - 2, start - 1, -1):
        if text[i] == " " and not any(e.start <= i <= e.end for e in edits):
            return i
    return None


def _line_end(text: str, pos: int) -> tuple[int, bool]:
    """Where the line holding ``pos`` ends (after pdfium's U+FFFE hyphen), and if it is one."""
    ends = [i for i in (text.find(b, pos) for b in _BREAKS) if i >= 0]
    if not ends:
        return len(text), False
    end = min(ends)
    return (end + 1, True) if text[end] == "\ufffe" else (end, False)
