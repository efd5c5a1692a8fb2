"""Every text line of a PDF, where the page draws it and in what font (issue 14).

Role classification (title, heading, body, footnote, page number) rests on document statistics
of the lines: the modal body size, the columns' left edges, which sizes and weights are rarer
than the body's. This module reads, for each non-blank line of a page's text layer, its extent
and its font, and keeps them as parallel numpy arrays so those statistics are vectorised.

Lines are split as ``pdf_margins`` splits them (on ``\\r``, ``\\n`` and pdfium's hyphen mark
``U+FFFE``). A line's box comes from a few sampled glyphs (the first three and the last), never
from every glyph; its font is the majority of three letters or digits (the line's first, its last
and one more), so a footnote mark or a bullet does not set the size of its line.

Cost: four box lookups and two or three font lookups per line (``bench/bench_pdf_lines.py``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from precis.ingest.pdf_boxes import Box, BoxReader, Font

if TYPE_CHECKING:
    import numpy as np

SAMPLE = 3  # glyphs read at the start of each line (plus its last one)
FORCE_BOLD = 1 << 18  # font descriptor flags (PDF 32000-1, table 123)
ITALIC = 1 << 6
FIXED_PITCH = 1
_LINE_RE = re.compile(r"[^\r\n\ufffe]+")
_DECORATION_RE = re.compile(r"^[A-Z]{6}\+|~[0-9a-f]+$")  # subset prefix; a producer's suffix
# The style is in the name for most fonts: "Bold", "Italic", URW's "Medi"/"Ital", TeX's CMBX,
# CMTI, CMTT (and the EC fonts' SFBX, SFTI, SFTT); the descriptor flags catch a few more.
_BOLD_RE = re.compile(r"bold|black|heavy|demi|-(?:bd|medi)(?:ital|it)?$|^(?:cmb|cmssbx|sfb)")
_ITALIC_RE = re.compile(
    r"ital|oblique|slant|kursiv|-[a-z]*it$|^(?:cmti|cmsl|cmmi|cmbxti|cmssi|sfti|sfsl|lmmathitalic)"
)
_NAN = float("nan")
_MONO_RE = re.compile(r"mono|courier|typewriter|consol|menlo|^(?:cmtt|cmsltt|cmitt|sftt)")


@dataclass(frozen=True, slots=True, eq=False)
class PdfLines:
    """The text lines of a PDF (or of one page), one row per line in text order.

    ``start``/``end`` index the text the lines were read from (a page's text for
    :func:`page_lines`, ``Extraction.text`` after :func:`join_lines`): ``text[start:end]`` is
    the line without its surrounding spaces. Boxes are in PDF points, y up, in the page's
    coordinates (compare with ``page_boxes[page]``); NaN where no sampled glyph has a box.
    ``size`` is NaN, ``weight`` -1 and ``font`` -1 where no glyph's font could be read.
    """

    page: np.ndarray  # int32, page index from 0
    start: np.ndarray  # int64, offset of the line's first non-space character
    end: np.ndarray  # int64, one past its last non-space character
    x0: np.ndarray  # float64, the sampled glyphs' extent
    y0: np.ndarray
    x1: np.ndarray
    y1: np.ndarray
    size: np.ndarray  # float64, font size in points, as drawn
    weight: np.ndarray  # int32, pdfium's font weight (a weak signal: derived from stem widths)
    bold: np.ndarray  # bool
    italic: np.ndarray  # bool
    mono: np.ndarray  # bool
    font: np.ndarray  # int32, index into fonts
    fonts: tuple[str, ...]  # font names without subset prefix
    page_boxes: np.ndarray  # float64 (pages, 4): each page's crop box (left, bottom, right, top)

    def __len__(self) -> int:
        return len(self.start)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PdfLines):
            return NotImplemented
        import numpy as np

        return self.fonts == other.fonts and all(
            np.array_equal(getattr(self, name), getattr(other, name), equal_nan=True)
            for name in (*_COLUMNS, "page_boxes")
        )

    __hash__ = None  # type: ignore[assignment]  # holds arrays


_COLUMNS = {  # PdfLines' per-line arrays and their types, in row order
    "page": "int32",
    "start": "int64",
    "end": "int64",
    **dict.fromkeys(("x0", "y0", "x1", "y1", "size"), "float64"),
    "weight": "int32",
    **dict.fromkeys(("bold", "italic", "mono"), "bool"),
    "font": "int32",
}
_Row = tuple[int, int, float, float, float, float, float, int, bool, bool, bool, int]


def page_lines(boxes: BoxReader, text: str, crop: Box) -> PdfLines:
    """Every non-blank line of one page's text (``page`` 0; offsets into ``text``)."""
    rows: list[_Row] = []
    fonts: dict[str, int] = {}
    for m in _LINE_RE.finditer(text):
        row = _line(boxes, text, m.start(), m.end(), fonts)
        if row is not None:
            rows.append(row)
    return _page_arrays(rows, tuple(fonts), crop)


def join_lines(pages: Sequence[PdfLines], starts: Sequence[int]) -> PdfLines:
    """One page's lines per page made one document's: pages numbered, offsets shifted by
    ``starts`` (each page's start in the joined text), font indexes made the document's."""
    import numpy as np

    names: dict[str, int] = {}
    columns: dict[str, list[np.ndarray]] = {name: [] for name in _COLUMNS}
    for number, (lines, start) in enumerate(zip(pages, starts, strict=True)):
        remap = np.array([names.setdefault(n, len(names)) for n in lines.fonts] + [-1], "int32")
        shifted = {
            "page": lines.page + number,
            "start": lines.start + start,
            "end": lines.end + start,
            "font": remap[lines.font],  # -1 picks the appended -1
        }
        for name in _COLUMNS:
            columns[name].append(shifted.get(name, getattr(lines, name)))
    boxes = [lines.page_boxes for lines in pages]
    return PdfLines(
        **{
            name: np.concatenate(parts).astype(dtype, copy=False) if parts else _empty(dtype)
            for (name, parts), dtype in zip(columns.items(), _COLUMNS.values(), strict=True)
        },
        fonts=tuple(names),
        page_boxes=np.concatenate(boxes) if boxes else np.zeros((0, 4)),
    )


def _line(boxes: BoxReader, text: str, start: int, end: int, fonts: dict[str, int]) -> _Row | None:
    """One line's offsets, extent and font; None for a blank line."""
    line = text[start:end]
    first = start + len(line) - len(line.lstrip())
    last = start + len(line.rstrip()) - 1
    if last < first:
        return None
    glyphs = _glyphs(text, first, last)
    x0, y0, x1, y1 = _extent(boxes, glyphs)
    font = _vote(boxes, _voters(text, first, last, glyphs))
    if font is None:
        return (first, last + 1, x0, y0, x1, y1, _NAN, -1, False, False, False, -1)
    name, bold, italic, mono = _style(font.name, font.flags)
    index = fonts.setdefault(name, len(fonts))
    return (first, last + 1, x0, y0, x1, y1, font.size, font.weight, bold, italic, mono, index)


def _glyphs(text: str, first: int, last: int) -> list[int]:
    """The sampled glyphs: the line's first ``SAMPLE`` non-space ones among its first
    ``2 * SAMPLE`` characters (not its last), and its last."""
    if last >= first + SAMPLE and not any(map(str.isspace, text[first + 1 : first + SAMPLE])):
        return [*range(first, first + SAMPLE), last]  # the common case: a word of three letters
    found = [j for j in range(first, min(last, first + 2 * SAMPLE)) if not text[j].isspace()]
    return found[:SAMPLE] + [last]


def _voters(text: str, first: int, last: int, glyphs: list[int]) -> list[int]:
    """Glyphs whose fonts vote: the line's first letter or digit, the last sampled one and the
    first sampled one after it (the sampled glyphs themselves where the line has none)."""
    if text[first].isalnum():
        letter: int | None = first
    else:
        letter = next((j for j in range(first + 1, last + 1) if text[j].isalnum()), None)
    others = [j for j in glyphs if j != letter and text[j].isalnum()]
    voters = ([] if letter is None else [letter]) + others[-1:] + others[:1]
    return list(dict.fromkeys(voters)) or glyphs


def _vote(boxes: BoxReader, voters: list[int]) -> Font | None:
    """The font most of the voters (the line's first letter, its last, one more) are set in.

    Two that agree settle it, so a uniform line costs two font lookups; a tie goes to the
    first voter, the line's first letter or digit.
    """
    found: list[Font] = []
    for j in voters:
        font = boxes.font(j)
        if font is None:
            continue
        found.append(font)
        if len(found) == 2 and (font == found[0] or _key(found[0]) == _key(font)):
            return font
    if not found:
        return None
    keys = [_key(f) for f in found]
    return found[keys.index(Counter(keys).most_common(1)[0][0])]


def _key(font: Font) -> tuple[str, float, int, int]:
    """What makes two glyphs' fonts the same for the vote (sizes to a tenth of a point)."""
    return (font.name, round(font.size, 1), font.weight, font.flags)


@functools.lru_cache(maxsize=512)
def _style(font: str, flags: int) -> tuple[str, bool, bool, bool]:
    """The font's name without decoration; bold, italic and fixed pitch, from that name or the
    descriptor flags."""
    name = _DECORATION_RE.sub("", font)
    lower = name.lower()
    return (
        name,
        bool(_BOLD_RE.search(lower)) or bool(flags & FORCE_BOLD),
        bool(_ITALIC_RE.search(lower)) or bool(flags & ITALIC),
        bool(_MONO_RE.search(lower)) or bool(flags & FIXED_PITCH),
    )


def _extent(boxes: BoxReader, glyphs: list[int]) -> Box:
    """The box around the glyphs that have one (NaN where none has)."""
    found = [box for j in glyphs if (box := boxes.get(j)) is not None and box[3] > box[1]]
    if not found:
        return (_NAN, _NAN, _NAN, _NAN)
    x0, y0, x1, y1 = found[0]
    for left, bottom, right, top in found[1:]:  # as min() and max() would, without generators
        if left < x0:
            x0 = left
        if bottom < y0:
            y0 = bottom
        if right > x1:
            x1 = right
        if top > y1:
            y1 = top
    return (x0, y0, x1, y1)


def _page_arrays(rows: list[_Row], fonts: tuple[str, ...], crop: Box) -> PdfLines:
    """One page's rows made the columns of a :class:`PdfLines` (``page`` 0)."""
    import numpy as np

    columns = list(zip(*rows, strict=True)) if rows else [()] * (len(_COLUMNS) - 1)
    arrays = {
        name: np.array(column, dtype=dtype)
        for (name, dtype), column in zip(list(_COLUMNS.items())[1:], columns, strict=True)
    }
    return PdfLines(
        page=np.zeros(len(rows), dtype="int32"),
        **arrays,
        fonts=fonts,
        page_boxes=np.array([crop], dtype="float64").reshape(-1, 4),
    )


def _empty(dtype: str) -> np.ndarray:
    """An empty column."""
    import numpy as np

    return np.zeros(0, dtype=dtype)
