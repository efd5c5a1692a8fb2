"""Which PDF lines are headings, from their fonts and place on the page (issue 14).

Headings decided from text alone take table rows ("L-tryptophan 11.46 <0.0001"), equation
pieces and drop caps for headings. The fonts say more: a heading is set bold or larger than the
body (the modal size, weighted by line length), or, at body size in another face (IEEE small
caps, ACM italics), carries a section number. It is short (it ends before its column's right
edge, so a bold run-in head "Model. We ..." is no heading), starts with a capital or a number,
has mostly letters, no run of numbers (table rows), no math operators, and is not a footnote,
caption, table, title or author line. A run of more than ``MAX_LINES`` consecutive lines of one
style (a table header, a contents page, a list of authors) holds no heading; a shorter run is
one heading over several lines.

Levels come from size, then numbering: a numbered heading's level is its number's depth
(``3.1`` -> 2, ``IV.`` -> 1, ``B.`` under Roman sections -> 2); an unnumbered one takes the
lowest level of the numbered headings of its style, else one more than the deepest numbered
level set in a larger style ("Column mask" under 16 pt ``1.1`` and 13 pt ``1.3.1``: 4).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from precis.ingest.pdf_heading_place import over_body, tight, upright

if TYPE_CHECKING:
    import numpy as np

    from precis.ingest.pdf_lines import PdfLines

MAX_LINES = 3  # lines of one heading
MAX_WORDS = 16
MAX_CHARS = 120
LARGER = 0.5  # points above the body size that make a line "larger"
NOT_SMALLER = 0.3  # a heading is never set smaller than the body (table headers often are)
FULL_WIDTH = 1.5  # a line ending within this many body sizes of its column's edge is full
GAP = 0.6  # white space between lines, in sizes, that ends a heading (or a table row group)
CENTRED = 0.3  # body sizes by which the white space left and right of a centred line may differ
RAGGED = 0.7  # a line this wide, with the next line right under it, is a paragraph's first
MIN_LETTER_SHARE = 0.6  # letters among the line's non-space characters
_ROMAN = frozenset("I II III IV V VI VII VIII IX X XI XII XIII XIV XV".split())
_NUMBER_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?(?=\s|[A-Z])")
_ROMAN_RE = re.compile(r"^([IVX]{1,4}(?:\.[IVX]{1,4}){0,3})\.?\s")
_LETTER_RE = re.compile(r"^([A-Z])\.\s")
_CHAPTER_RE = re.compile(r"^(?:chapter|part)\s+\w+", re.IGNORECASE)
_NUMERIC_TOKEN_RE = re.compile(r"^[(<>≤≥±~\-–−+$€£%]*\d[\d.,:/%\-–−)*]*$")
_VALUE_END_RE = re.compile(r"\d[.,]\d+%?\)?$|\d%\)?$")
_MATH_RE = re.compile(r"[=<>≤≥±×÷∑∫√∈∀∃→←⇒∞∂∇≈≠]")
_BAD_END = ",;:\ufffe-"
_FLOAT_RE = re.compile(r"^(?:fig(?:ure)?|table|algorithm|listing)\.?\s*[A-Z]?\d", re.IGNORECASE)
_PREFIX_RE = re.compile(r"^(?:(?:appendix|chapter|part)\s+\w+\.?|[\dIVX.]+|[A-Z]\.)\s*", re.I)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading: raw offsets of its first line's start and last line's end, its level, and the
    starts of its lines."""

    start: int
    end: int
    level: int
    lines: tuple[int, ...]


def pdf_headings(
    lines: PdfLines,
    text: str,
    roles: Mapping[int, str],
    skip: AbstractSet[int] = frozenset(),
) -> list[Heading] | None:
    """The headings among ``lines``, in text order; None when no line's font size is known.

    Args:
        lines: The document's lines (offsets into ``text``).
        text: ``Extraction.text``.
        roles: Line start -> role for non-body lines (never headings).
        skip: Line starts to leave out entirely (page margins, hidden lines).
    """
    import numpy as np

    known = np.isfinite(lines.size)
    if not known.any():
        return None
    body = _body_size(lines, known)
    rows = [i for i in range(len(lines)) if int(lines.start[i]) not in skip]
    styles = {i: _style(lines, i) for i in rows}
    shown = ~np.isin(lines.start, np.fromiter(skip, dtype=np.int64, count=len(skip)))
    found: list[tuple[list[int], str]] = []
    k = 0
    while k < len(rows):
        run = [rows[k]]
        while (
            k + len(run) < len(rows)
            and styles[rows[k + len(run)]] == styles[run[0]]
            and (
                _adjacent(lines, run[-1], rows[k + len(run)])
                or _continues(lines, text, run[-1], rows[k + len(run)])
            )
        ):
            run.append(rows[k + len(run)])
        nxt = rows[k + len(run)] if k + len(run) < len(rows) else None
        k += len(run)
        if len(run) > MAX_LINES or any(int(lines.start[i]) in roles for i in run):
            continue
        words = " ".join(_text(lines, text, i) for i in run)
        if _is_heading(lines, text, run, nxt, words, body) and _placed(
            lines, text, run, body, roles, shown
        ):
            found.append((run, words))
    return _levelled(lines, found)


def _body_size(lines: PdfLines, known: object) -> float:
    """The modal font size, weighted by line length (a tenth of a point)."""
    import numpy as np

    sizes = np.round(lines.size[known], 1)
    weights = (lines.end - lines.start)[known]
    values, index = np.unique(sizes, return_inverse=True)
    return float(values[np.bincount(index, weights=weights).argmax()])


def _style(lines: PdfLines, i: int) -> tuple[float, bool, bool, int]:
    """What makes consecutive lines one heading (or one table header): size, weight, face."""
    size = float(lines.size[i])
    return (round(size * 2) / 2 if size == size else -1.0, bool(lines.bold[i]),
            bool(lines.italic[i]), int(lines.font[i]))  # fmt: skip


def _adjacent(lines: PdfLines, a: int, b: int) -> bool:
    """Whether line ``b`` sits right under line ``a`` (same page, no paragraph space)."""
    if lines.page[a] != lines.page[b]:
        return False
    gap = float(lines.y0[a]) - float(lines.y1[b])
    return not gap > GAP * float(lines.size[a])  # NaN boxes: adjacent


def _continues(lines: PdfLines, text: str, a: int, b: int) -> bool:
    """Whether line ``b`` goes on with line ``a``'s words (a hyphenated or wrapped word; a
    line of small letters sits lower than the gap rule expects): "Web Cor-" / "pus"."""
    if lines.page[a] != lines.page[b]:
        return False
    ends = text[int(lines.end[a]) - 1]
    return ends in "-\ufffe" or text[int(lines.start[b])].islower()


def _text(lines: PdfLines, text: str, i: int) -> str:
    return text[int(lines.start[i]) : int(lines.end[i])].replace("\ufffe", "-")


def _is_heading(
    lines: PdfLines, text: str, run: list[int], nxt: int | None, words: str, body: float
) -> bool:
    """The font, shape and place of a heading (see the module docstring)."""
    first = run[0]
    size = float(lines.size[first])
    if not size >= body - NOT_SMALLER or lines.mono[first]:
        return False
    numbered = _depth(words, roman=True) is not None
    styled = bool(lines.bold[first]) or size > body + LARGER
    capitals = [c for c in words if c.isalpha()]
    caps = len(capitals) >= 4 and all(c.isupper() for c in capitals)  # "I. INTRODUCTION"
    if not styled and not (numbered and (caps or _other_face(lines, first, body))):
        return False
    if not _looks_like_heading(words):
        return False
    if nxt is not None and lines.page[nxt] == lines.page[run[-1]]:
        after = text[int(lines.start[nxt]) : int(lines.end[nxt])]
        if after[:1].islower():
            return False  # the sentence goes on: a run-in head or a bold phrase
        below = float(lines.size[nxt])
        if not (below <= body + 1.0 or (lines.bold[nxt] and below <= size)):
            return False  # figure text: labels among labels, not a heading over body text
    return not _full_width(lines, run[-1], nxt, body)


def _placed(
    lines: PdfLines,
    text: str,
    run: list[int],
    body: float,
    roles: Mapping[int, str],
    shown: np.ndarray,
) -> bool:
    """Set where a section heading stands, not in a figure (:mod:`pdf_heading_place`)."""
    return all(upright(lines, i) and tight(lines, text, i) for i in run) and over_body(
        lines, text, run, body, roles, shown
    )


def _other_face(lines: PdfLines, i: int, body: float) -> bool:
    """Set at body size in a face other than the body's (italic, small caps, another font)."""
    import numpy as np

    same_size = np.abs(lines.size - body) < 0.25
    fonts = lines.font[same_size & ~lines.bold & ~lines.italic]
    if not len(fonts):
        return bool(lines.italic[i])
    body_font = int(np.bincount(fonts[fonts >= 0]).argmax()) if (fonts >= 0).any() else -1
    return bool(lines.italic[i]) or int(lines.font[i]) != body_font


def _looks_like_heading(words: str) -> bool:
    """Short, capitalised, mostly letters, no numbers in a row, no math, no open end."""
    tokens = words.split()
    if not tokens or len(tokens) > MAX_WORDS or len(words) > MAX_CHARS:
        return False
    if words[-1] in _BAD_END or _MATH_RE.search(words) or _FLOAT_RE.match(words):
        return False
    numbered = _depth(words, roman=True) is not None
    inner = _PREFIX_RE.sub("", words)
    if ". " in inner or (words[-1] == "." and not numbered):
        return False  # a run-in head with its sentence: "Abstract. This report ..."
    chars = [c for c in words if not c.isspace()]
    letters = sum(c.isalpha() for c in chars)
    if letters < 3 or letters < MIN_LETTER_SHARE * len(chars):
        return False  # a drop cap ("I"), an equation piece, a row of numbers
    rest = tokens[1:] if numbered else tokens
    numeric = sum(bool(_NUMERIC_TOKEN_RE.match(t)) for t in rest)
    if numeric >= 2 or (rest and _VALUE_END_RE.search(rest[-1])):
        return False  # a table row: "L-tryptophan 11.46 <0.0001", "Without LM 49.9"
    lead = next((c for c in " ".join(rest) if c.isalnum()), "")
    return bool(lead) and not (lead.islower() and lead.isascii())  # "β-multiplier" is fine


def _full_width(lines: PdfLines, i: int, nxt: int | None, body: float) -> bool:
    """Whether line ``i`` runs to its column's right edge, or (ragged right) most of the way
    with the next line right under it: the first line of a paragraph. A centred line is none."""
    import numpy as np

    page = lines.page == lines.page[i]
    plain = page & (np.abs(lines.size - body) < 0.25) & ~lines.bold
    x0 = float(lines.x0[i])
    column = plain & (lines.x0 <= x0 + 1.0) & (lines.x1 > x0 + 3 * body)
    if not column.any() or not np.isfinite(lines.x1[i]):
        return False
    right = float(np.nanpercentile(lines.x1[column], 90))
    left = float(np.nanpercentile(lines.x0[column], 10))
    indent, short = x0 - left, right - float(lines.x1[i])
    if indent >= body and abs(indent - short) <= CENTRED * body:
        return False  # centred ("II. RELATED AREA AND LITERATURE STUDY"), not a paragraph's
    if float(lines.x1[i]) >= right - FULL_WIDTH * body:
        return True
    wide = float(lines.x1[i] - x0) >= RAGGED * (right - x0)
    return wide and nxt is not None and _adjacent(lines, i, nxt)


def _depth(words: str, *, roman: bool) -> int | None:
    """Depth of the section number the heading starts with (``3.1`` -> 2), None if none."""
    m = _NUMBER_RE.match(words)
    if m:
        return m.group(1).count(".") + 1
    if _CHAPTER_RE.match(words):
        return 1
    m = _ROMAN_RE.match(words)
    if roman and m and all(part in _ROMAN for part in m.group(1).split(".")):
        return m.group(1).count(".") + 1
    if _LETTER_RE.match(words):
        return 0  # a lettered subsection: one below the Roman sections, if any (_levelled)
    return None


def _levelled(lines: PdfLines, found: list[tuple[list[int], str]]) -> list[Heading]:
    """Headings with levels: by number depth, else by style (see the module docstring)."""
    depths = [_depth(words, roman=True) for _, words in found]
    romans = any(
        d is not None and d >= 1 and _ROMAN_RE.match(words) and not _NUMBER_RE.match(words)
        for d, (_, words) in zip(depths, found, strict=True)
    )
    depths = [(1 + romans if d == 0 else d) for d in depths]
    keys = [
        (round(float(lines.size[run[0]]) * 2) / 2, bool(lines.bold[run[0]])) for run, _ in found
    ]
    numbered: dict[tuple[float, bool], list[int]] = {}
    for key, depth in zip(keys, depths, strict=True):
        if depth is not None:
            numbered.setdefault(key, []).append(depth)
    headings: list[Heading] = []
    for (run, _), key, depth in zip(found, keys, depths, strict=True):
        if depth is None:
            if key in numbered:
                depth = min(numbered[key])
            else:
                larger = [d for k, ds in numbered.items() if k > key for d in ds]
                depth = max(larger) + 1 if larger else 1
        starts = tuple(int(lines.start[i]) for i in run)
        headings.append(Heading(starts[0], int(lines.end[run[-1]]), depth, starts))
    return headings
