"""Glyph boxes of one PDF page, read from pdfium once each and shared by the geometry hints.

Spacing accents (``pdf_marks``), lost line breaks (``pdf_breaks``) and margin lines
(``pdf_margins``) all ask for the boxes of a few characters per page; one reader per page keeps
each lookup to one pdfium call (plus one for the font size, only where asked). The line
description (``pdf_lines``) also asks for the font of a few glyphs per line
(:meth:`BoxReader.font`).
"""

from __future__ import annotations

import bisect
import ctypes
import re
from typing import Any, NamedTuple

Box = tuple[float, float, float, float]  # left, bottom, right, top (PDF points, y up)


class Font(NamedTuple):
    """The font a glyph is drawn in, as pdfium reports it."""

    size: float  # points, text matrix included (see BoxReader.font)
    weight: int  # pdfium's weight (from the descriptor's StemV; -1 unknown): a weak signal
    flags: int  # the font descriptor's flags (1 fixed pitch, 64 italic, 1 << 18 force bold)
    name: str  # BaseFont as written, subset prefix and all ("ABCDEF+LMRoman12-Bold")


_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
_MIN_SIZE = 3.0  # a smaller font size is the text matrix's business (see BoxReader.size)
_NAME_BYTES = 256  # font names are short; a longer one is left unread


class BoxReader:
    """Glyph boxes by index into the page's text, each read from pdfium once.

    pdfium counts text indices in UTF-16 units: a character outside the BMP (math italic
    ``𝑥``, common in papers) takes two, a Python ``str`` index one.
    """

    def __init__(self, textpage: Any, text: str) -> None:
        import pypdfium2.raw as pdfium_c

        self._c = pdfium_c
        self._raw = textpage.raw
        self._text = text
        self._astral = [m.start() for m in _ASTRAL_RE.finditer(text)]
        self._cache: dict[int, Box | None] = {}
        self._chars: dict[int, int] = {}
        self._edges = [ctypes.c_double() for _ in range(4)]
        self._flags = ctypes.c_int()
        self._name = ctypes.create_string_buffer(_NAME_BYTES)
        self._matrix: Any = None

    def get(self, index: int | None) -> Box | None:
        """The box of the character at ``index`` of the page's text, if pdfium has one."""
        if index is None:
            return None
        if index not in self._cache:
            self._cache[index] = self._read(index)
        return self._cache[index]

    def _read(self, index: int) -> Box | None:
        utf16 = index + bisect.bisect_left(self._astral, index)
        char = self._c.FPDFText_GetCharIndexFromTextIndex(self._raw, utf16)
        if char < 0:
            return None
        left, right, bottom, top = self._edges
        ok = self._c.FPDFText_GetCharBox(
            self._raw, char, ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom),
            ctypes.byref(top),
        )  # fmt: skip
        if not ok:
            return None
        self._chars[index] = char
        return (left.value, bottom.value, right.value, top.value)

    def size(self, index: int) -> float:
        """Font size at a character whose box was read.

        Some producers set the size in the text matrix and the font size to 1: then the size is
        estimated from the tallest glyph nearby (ascenders and capitals are about 0.7 em).
        """
        char = self._chars.get(index)
        size = float(self._c.FPDFText_GetFontSize(self._raw, char)) if char is not None else 0.0
        if size >= _MIN_SIZE:
            return size
        heights = [
            box[3] - box[1]
            for k in range(max(0, index - 6), index + 7)
            if k < len(self._text) and self._text[k].isalnum() and (box := self.get(k))
        ]
        return max(heights, default=7.0) / 0.7

    def font(self, index: int) -> Font | None:
        """The font of the character at ``index``, if pdfium has a box for it.

        22 of the 47 real PDFs of ``bench/data/realdocs`` set the size in the text matrix and
        the font size to 1 (measured for issue 14): then the size is the font size times the text
        matrix's vertical scale, which gives the size as drawn (9.0, 8.5 pt) where glyph heights
        only estimate it; :meth:`size`'s estimate is the last resort.
        """
        if self.get(index) is None:
            return None
        char = self._chars[index]
        raw, c = self._raw, self._c
        size = float(c.FPDFText_GetFontSize(raw, char))
        if size < _MIN_SIZE:
            size *= self._scale(char)
            if size < _MIN_SIZE:
                size = self.size(index)
        length = c.FPDFText_GetFontInfo(
            raw, char, self._name, _NAME_BYTES, ctypes.byref(self._flags)
        )
        # pdfium writes nothing when the name does not fit: the buffer still holds the last one
        fits = 0 < length <= _NAME_BYTES
        name = self._name.raw[: length - 1].decode("utf-8", "replace") if fits else ""
        weight = int(c.FPDFText_GetFontWeight(raw, char))
        return Font(size, weight, self._flags.value if length else 0, name)

    def _scale(self, char: int) -> float:
        """Vertical scale of the character's text matrix (0 when pdfium has none)."""
        if self._matrix is None:
            self._matrix = self._c.FS_MATRIX()
        m = self._matrix
        if not self._c.FPDFText_GetMatrix(self._raw, char, ctypes.byref(m)):
            return 0.0
        return float((m.c * m.c + m.d * m.d) ** 0.5)
