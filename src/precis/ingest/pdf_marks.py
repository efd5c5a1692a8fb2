"""Which letter a spacing accent sits on, from pdfium's glyph boxes (issue 13).

TeX without T1 fonts builds an accented letter from two glyphs, the accent and the letter, and
the text layer keeps both: pdfium emits the accent as a spacing character (``¨``, ``´``, ``ˆ``)
before, after or a few words away from its letter, often with spaces it generated around it
(``Farber ¨ (2019)``, ``P ´ erez``, ``Xiaowei ¨`` for the ``o`` of ``Jorg`` on the same line,
``Zhiyong ˘`` for the ``g`` of ``Dogan`` on the line above). The stream order says nothing; the
boxes do: the accent lies horizontally over its letter, just above its top (cedilla and ogonek
just under its bottom). pdftotext composes these the same way.

The copyright sign is built the same way (cmsy's large circle around a small ``c``); pdfium
writes the circle as ``"\\r"``, so ``\\rc 2020 Association`` is a circle over a ``c``.

Cost: only pages holding a mark are looked at, and only the characters near each mark; each
character's box is read once (one ``FPDFText_GetCharBox`` call).
"""

from __future__ import annotations

import re
import unicodedata

from precis.ingest.base import MarkHint
from precis.ingest.pdf_boxes import Box, BoxReader

SPACING_MARKS = "\u00a8\u00b4\u02c6\u02dc`\u02c7\u02d8\u02da\u00b8\u02db\u02d9\u02dd\u00af^~"
BELOW_MARKS = frozenset("\u00b8\u02db")  # cedilla, ogonek
CIRCLE = "\r"  # pdfium's text for cmsy's large circle when it is not a line end
CIRCLED = frozenset("cCR")  # (c) and (R)
_CANDIDATE_RE = re.compile("[" + re.escape(SPACING_MARKS) + "]|\r(?!\n)")
_SPACES = " \t"
_BREAKS = "\r\n\f\ufffe"
_WINDOW = 300  # text indices looked at on each side of a mark (about three lines)
_MIN_OVERLAP = 0.6  # share of the narrower of mark and letter that must overlap the other
_ABOVE_GAP = (-0.15, 0.45)  # mark bottom - letter top, in font sizes
_BELOW_GAP = (-0.3, 0.3)  # letter bottom - mark top, in font sizes
_JOIN_GAP = 0.15  # a gap narrower than this many font sizes is no word space


def mark_hints(boxes: BoxReader, text: str) -> tuple[MarkHint, ...]:
    """Each spacing mark (or copyright circle) on the page with the letter it sits on."""
    found = [m.start() for m in _CANDIDATE_RE.finditer(text)]
    if not found:
        return ()
    hints: list[MarkHint] = []
    for j in found:
        box = boxes.get(j)
        if box is None or box[2] <= box[0]:
            continue
        if text[j] == CIRCLE:
            if j + 1 < len(text) and text[j + 1] in CIRCLED and _inside(boxes.get(j + 1), box):
                hints.append(MarkHint(j, j + 1, False))
            continue
        letter = _letter_under(boxes, text, j, box)
        if letter is not None:
            hints.append(MarkHint(j, letter, _joins(boxes, text, j)))
    return tuple(hints)


def _letter_under(boxes: BoxReader, text: str, j: int, mark: Box) -> int | None:
    """The letter (or digit) the mark at ``j`` lies over (under, for a cedilla), if any."""
    size = boxes.size(j)
    width = mark[2] - mark[0]
    below = text[j] in BELOW_MARKS
    low, high = _BELOW_GAP if below else _ABOVE_GAP
    best: tuple[float, float, int] | None = None
    for k in range(max(0, j - _WINDOW), min(len(text), j + _WINDOW + 1)):
        if k == j or not _is_base(text[k]):
            continue
        box = boxes.get(k)
        if box is None:
            continue
        narrower = min(width, box[2] - box[0])  # a wide hat over a dotless i (bold headings)
        if min(mark[2], box[2]) - max(mark[0], box[0]) < _MIN_OVERLAP * narrower:
            continue
        gap = box[1] - mark[3] if below else mark[1] - box[3]
        if not low * size <= gap <= high * size:
            continue
        mark_mid, letter_mid = (mark[1] + mark[3]) / 2, (box[1] + box[3]) / 2
        if (mark_mid > letter_mid) == below:
            continue
        key = (abs(gap), abs((mark[0] + mark[2]) / 2 - (box[0] + box[2]) / 2), k)
        best = key if best is None or key < best else best
    return None if best is None else best[2]


def _is_base(char: str) -> bool:
    """A character an accent can sit on: letter, digit or math symbol (``∆˜``), not ``@``."""
    return char.isalnum() or unicodedata.category(char) == "Sm"


def _joins(boxes: BoxReader, text: str, j: int) -> bool:
    """Whether the characters on both sides of the mark touch on the page (no word space)."""
    before, after = _neighbour(text, j, -1), _neighbour(text, j, 1)
    a, b = boxes.get(before), boxes.get(after)
    if a is None or b is None:
        return False
    if min(a[3], b[3]) <= max(a[1], b[1]):
        return False  # no vertical overlap: not on one line (a comma overlaps its line)
    return b[0] - a[2] < _JOIN_GAP * boxes.size(j)


def _neighbour(text: str, j: int, step: int) -> int | None:
    """The nearest character beside ``j`` that is neither space nor mark, on the same line."""
    k = j + step
    while 0 <= k < len(text):
        c = text[k]
        if c in _BREAKS:
            return None
        if c not in _SPACES and c not in SPACING_MARKS:
            return k
        k += step
    return None


def _inside(inner: Box | None, outer: Box, slack: float = 0.5) -> bool:
    return (
        inner is not None
        and inner[0] >= outer[0] - slack
        and inner[2] <= outer[2] + slack
        and inner[1] >= outer[1] - slack
        and inner[3] <= outer[3] + slack
    )
