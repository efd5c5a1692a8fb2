"""Glyph boxes of one PDF page, read from pdfium once each and shared by the geometry hints.

Spacing accents (``pdf_marks``), lost line breaks (``pdf_breaks``) and margin lines
(``pdf_margins``) all ask for the boxes of a few characters per page; one reader per page keeps
each lookup to one pdfium call (plus one for the font size, only where asked). The line
description (``pdf_lines``) also asks for the font of a few glyphs per line
(:meth:`BoxReader.font`).

Speed (measured for issue 14's follow-up): the per-glyph pdfium functions are called without
ctypes' argument conversion (:func:`_bare`, a third of the call's cost), the text -> char index
map is settled once per page where it is one shift, and fonts are read once per text object
and once per font.
"""

from __future__ import annotations

import bisect
import ctypes
import functools
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
_UNREAD = object()


class _Calls(NamedTuple):
    """The pdfium functions called per glyph, bare (see :func:`_bare`)."""

    char_index: Any  # FPDFText_GetCharIndexFromTextIndex
    char_box: Any  # FPDFText_GetCharBox
    font_size: Any  # FPDFText_GetFontSize
    matrix: Any  # FPDFText_GetMatrix
    text_object: Any  # FPDFText_GetTextObject, the object's address as an int (None if absent)
    object_font: Any  # FPDFTextObj_GetFont, likewise


@functools.cache
def _calls() -> _Calls:
    """The bare pdfium functions, made once per process."""
    import pypdfium2.raw as pdfium_c

    return _Calls(
        _bare(pdfium_c, "FPDFText_GetCharIndexFromTextIndex", ctypes.c_int),
        _bare(pdfium_c, "FPDFText_GetCharBox", ctypes.c_int),
        _bare(pdfium_c, "FPDFText_GetFontSize", ctypes.c_double),
        _bare(pdfium_c, "FPDFText_GetMatrix", ctypes.c_int),
        _bare(pdfium_c, "FPDFText_GetTextObject", ctypes.c_void_p),
        _bare(pdfium_c, "FPDFTextObj_GetFont", ctypes.c_void_p),
    )


def _bare(pdfium_c: Any, name: str, restype: Any) -> Any:
    """A pdfium function without declared argument types: ctypes then passes ints as C ints
    and pointers as they are, unchecked, at a third of the cost. Only for functions whose
    arguments are all pointers and ``int``; callers pass a handle as a ``c_void_p``."""
    function = getattr(pdfium_c, name, None)
    if function is None:
        return None
    bare = ctypes.cast(function, ctypes.CFUNCTYPE(restype))
    bare.argtypes = None
    return bare


class BoxReader:
    """Glyph boxes by index into the page's text, each read from pdfium once.

    pdfium counts text indices in UTF-16 units: a character outside the BMP (math italic
    ``𝑥``, common in papers) takes two, a Python ``str`` index one.
    """

    def __init__(self, textpage: Any, text: str) -> None:
        import pypdfium2.raw as pdfium_c

        self._c = pdfium_c
        self._calls = _calls()
        self._raw = textpage.raw
        self._text = text
        self._astral = [m.start() for m in _ASTRAL_RE.finditer(text)]
        self._length = len(text) + len(self._astral)  # text indices (UTF-16 units)
        self._shift: int | None = None  # char index - text index, where that is one number
        self._cache: dict[int, Box | None] = {}
        self._chars: dict[int, int] = {}
        self._edges = [ctypes.c_double() for _ in range(4)]
        self._pointers = [ctypes.pointer(edge) for edge in self._edges]  # made once, not per glyph
        self._flags = ctypes.c_int()
        self._name = ctypes.create_string_buffer(_NAME_BYTES)
        self._matrix = pdfium_c.FS_MATRIX()
        self._objects: dict[int, Font] = {}  # text object -> its font, size unscaled
        self._fonts: dict[int, tuple[int, int, str]] = {}  # font -> weight, flags, name

    def get(self, index: int | None) -> Box | None:
        """The box of the character at ``index`` of the page's text, if pdfium has one."""
        box = self._cache.get(index, _UNREAD)  # type: ignore[arg-type]
        if box is _UNREAD:
            if index is None:
                return None
            box = self._cache[index] = self._read(index)
        return box  # type: ignore[return-value]

    def _read(self, index: int) -> Box | None:
        utf16 = index + bisect.bisect_left(self._astral, index) if self._astral else index
        if self._shift is None:
            self._shift = self._page_shift()
        if 0 <= utf16 < self._length and self._shift >= 0:
            char = utf16 + self._shift
        else:
            char = self._calls.char_index(self._raw, utf16)
            if char < 0:
                return None
        if not self._calls.char_box(self._raw, char, *self._pointers):
            return None
        self._chars[index] = char
        left, right, bottom, top = self._edges
        return (left.value, bottom.value, right.value, top.value)

    def _page_shift(self) -> int:
        """The one shift from the page's text indices to its char indices; -1 where none.

        pdfium maps runs of consecutive text indices to runs of consecutive char indices, in
        order, so the map is strictly increasing: when the first and the last text index are as
        far apart in char indices as in text indices, every text index between maps to itself
        plus one shift (no char without Unicode in between), and two calls settle the page.
        """
        if not self._length:
            return -1
        first = self._calls.char_index(self._raw, 0)
        last = self._calls.char_index(self._raw, self._length - 1)
        return first if first >= 0 and last - first == self._length - 1 else -1

    def loose(self, index: int) -> Box | None:
        """The character's loose box: its advance width by the font's height, not the ink.

        Ink boxes are tight, so the gap between a period's ink and the next letter's is as wide
        as a lost space; advance boxes meet edge to edge where glyphs are set together.
        """
        if self.get(index) is None:
            return None
        rect = self._c.FS_RECTF()
        if not self._c.FPDFText_GetLooseCharBox(self._raw, self._chars[index], ctypes.byref(rect)):
            return None
        return (rect.left, rect.bottom, rect.right, rect.top)

    def size(self, index: int) -> float:
        """Font size at a character whose box was read.

        Some producers set the size in the text matrix and the font size to 1: then the size is
        estimated from the tallest glyph nearby (ascenders and capitals are about 0.7 em).
        """
        char = self._chars.get(index)
        size = float(self._calls.font_size(self._raw, char)) if char is not None else 0.0
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
        font = self._font_of(char)
        if font.size >= _MIN_SIZE:
            return font
        size = font.size * self._scale(char)
        if size < _MIN_SIZE:
            size = self.size(index)
        return font._replace(size=size)

    def _font_of(self, char: int) -> Font:
        """A char's font as pdfium reports it (size unscaled), read once per text object.

        pdfium reads the size from the char's text object and the rest from the object's font,
        so the chars of one object share them, and the objects of one font all but the size; a
        char without an object (a generated one) is read alone.
        """
        raw, calls = self._raw, self._calls
        key = calls.text_object(raw, char) if calls.text_object is not None else None
        if not key:
            return Font(float(calls.font_size(raw, char)), *self._font_info(char))
        found = self._objects.get(key)
        if found is None:
            font = calls.object_font(ctypes.c_void_p(key)) if calls.object_font else None
            info = self._fonts.get(font) if font else None
            if info is None:
                info = self._font_info(char)
                if font:
                    self._fonts[font] = info
            found = self._objects[key] = Font(float(calls.font_size(raw, char)), *info)
        return found

    def _font_info(self, char: int) -> tuple[int, int, str]:
        """Weight, descriptor flags and name of a char's font, read from pdfium."""
        raw, c = self._raw, self._c
        length = c.FPDFText_GetFontInfo(
            raw, char, self._name, _NAME_BYTES, ctypes.byref(self._flags)
        )
        # pdfium writes nothing when the name does not fit: the buffer still holds the last one
        fits = 0 < length <= _NAME_BYTES
        name = self._name.raw[: length - 1].decode("utf-8", "replace") if fits else ""
        weight = int(c.FPDFText_GetFontWeight(raw, char))
        return (weight, self._flags.value if length else 0, name)

    def _scale(self, char: int) -> float:
        """Vertical scale of the character's text matrix (0 when pdfium has none)."""
        m = self._matrix
        if not self._calls.matrix(self._raw, char, ctypes.byref(m)):
            return 0.0
        return float((m.c * m.c + m.d * m.d) ** 0.5)
