"""Whether the page shows a space where a PDF's text layer has none (issue 14).

A token such as ``ofthe`` in a PDF's text layer is glue of one of two kinds. Either the page
shows a space that the text layer lost (the producer placed the words apart without a space
character), or the page prints the words together: the source itself has the typo. Measured
between the glyphs' advance boxes (pdfium's loose char boxes, which meet edge to edge where
glyphs are set together), the two are far apart: 53 of the 56 occurrences of real glue labelled
right in ``bench/data/glued_labels.jsonl`` show a gap of 0.13-0.18 em, the other three (``withthe``,
``e.g.,Los``, ``Title:British``) are printed together; 462 of the 465 wrong proposals there (names, terms,
compounds) show none (within 0.01 em), nor does pdf_gold's printed glue (``determiningsome``,
``needed.One``, kept by its gold). Splitting only where the page shows a space repairs the
extraction and leaves the printed text as printed.

Reading every glyph box at ingest would cost a ctypes call per character; glued-word
proposals are a handful per document, so the document is opened again, lazily, for those.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Sequence
from statistics import median
from typing import Any

logger = logging.getLogger(__name__)

# How much wider than the word's own letter gaps the gap at a split must be, in em, for the page
# to show a space there (printed glue measures <= 0.03 em, kerning included; lost spaces >= 0.13)
SPACE_EXCESS_EM = 0.07
_WORD_EDGE = re.compile(r"\s")


class PrintedSpaces:
    """Answers, for raw text offsets, whether the page shows a space before that character."""

    def __init__(self, data: bytes, page_starts: Sequence[int], password: str | None) -> None:
        self._data = data
        self._starts = tuple(page_starts)
        self._password = password

    def shown(self, offsets: Iterable[int]) -> dict[int, bool | None]:
        """Offset -> True (a space is shown before it), False (printed together) or None.

        None where the glyphs cannot tell: no box, the two characters on different lines, or
        a word with no other letter pair to compare with.
        """
        by_page: dict[int, list[int]] = {}
        for offset in offsets:
            page = bisect.bisect_right(self._starts, offset) - 1
            if page >= 0:
                by_page.setdefault(page, []).append(offset)
        answers: dict[int, bool | None] = {}
        if not by_page:
            return answers
        import pypdfium2 as pdfium  # local import: nothing heavy at import time

        from precis.ingest.pdf import PDFIUM_LOCK
        from precis.ingest.pdf_boxes import BoxReader

        with PDFIUM_LOCK:
            try:
                doc = pdfium.PdfDocument(self._data, password=self._password)
            except pdfium.PdfiumError:
                logger.debug("printed spaces: the PDF did not open again")
                return dict.fromkeys(offsets)
            try:
                for page_index, wanted in by_page.items():
                    page = doc[page_index]
                    textpage = page.get_textpage()
                    try:
                        text = str(textpage.get_text_range())
                        boxes = BoxReader(textpage, text)
                        start = self._starts[page_index]
                        for offset in wanted:
                            answers[offset] = _space_shown(boxes, text, offset - start)
                    finally:
                        textpage.close()
                        page.close()
            finally:
                doc.close()
        return answers


def _space_shown(boxes: Any, text: str, index: int) -> bool | None:
    """Whether the gap before ``text[index]`` is wider than the letter gaps of its word."""
    if not 0 < index < len(text) or text[index].isspace() or text[index - 1].isspace():
        return None
    left, right = boxes.loose(index - 1), boxes.loose(index)
    if left is None or right is None or not _same_line(left, right):
        return None
    font = boxes.font(index)
    size = font.size if font is not None else 0.0
    if size <= 0:
        return None
    first, last = _word(text, index)
    letter_gaps = []
    for k in range(first + 1, last):
        if k == index:
            continue
        a, b = boxes.loose(k - 1), boxes.loose(k)
        if a is not None and b is not None and _same_line(a, b):
            letter_gaps.append(b[0] - a[2])
    if not letter_gaps:
        return None
    return (right[0] - left[2]) - median(letter_gaps) >= SPACE_EXCESS_EM * size


def _word(text: str, index: int) -> tuple[int, int]:
    """The whitespace-delimited token around ``index``: [first, last)."""
    first = index
    while first > 0 and not text[first - 1].isspace():
        first -= 1
    found = _WORD_EDGE.search(text, index)
    return first, found.start() if found else len(text)


def _same_line(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Two glyph boxes side by side on one line: vertical overlap, ``b`` not left of ``a``."""
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap > 0 and b[0] >= a[0]
