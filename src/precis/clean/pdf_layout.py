"""Turn page-joined PDF text layers into clean blocks: headers gone, hyphens repaired, paragraphs.

Input is :class:`~precis.ingest.base.Extraction` text from :mod:`precis.ingest.pdf`: pages
joined by ``"\\f"``, lines ending in pdfium's generated ``"\\r\\n"``, and ``U+FFFE`` where a line
ended in a hyphen (pdfium then glues the next line on without a break, so ``U+FFFE`` is treated
as a line end here). Output is a list of edits, so every clean character maps back to the page.

Three repairs, in one pass over the lines:

1. Running headers, footers and page numbers (:mod:`precis.clean.running_heads`): edge lines
   whose digit-masked text recurs on other pages, or whose number is the page's printed number
   (the document's page offset, learned from its other heads and page numbers), and first-page
   journal lines. They are dropped before the lines are joined, so a word hyphenated across a
   page break with a head between (``se-`` / head / ``curity``) is joined like any other.
2. Line-end hyphenation (:mod:`precis.clean.pdf_hyphens`): document evidence first, then word
   frequencies; removed headers between the halves are skipped.
3. Paragraphs (:mod:`precis.clean.pdf_paragraphs`): lines of a block are joined with one space
   (none between two Chinese or Japanese characters)
   and blocks separated by ``"\\n\\n"``, also across page breaks; floats that interrupt a
   sentence are moved after its paragraph (:mod:`precis.clean.pdf_floats`).

Why by hand: PDF libraries (pdfminer, PyMuPDF, pdfplumber) rebuild blocks from glyph boxes while
extracting and return a new string; nothing maintained repairs headers, footers and hyphenation on
a plain text layer *and* reports edits, which offsets need (STYLE.md, the pySBD lesson).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace

from precis.clean.hyphen_join import word_counts
from precis.clean.pdf_floats import FLOAT_ROLES, float_moves, moved, moved_in, vacated
from precis.clean.pdf_hyphens import PDFIUM_HYPHEN, ends_with_hyphen, hyphen_gap
from precis.clean.pdf_lists import next_list_items
from precis.clean.pdf_paragraphs import (
    SENTENCE_END_RE,
    column_right_edges,
    full_lengths,
    heading_flags,
    line_join,
    one_heading,
    starts_block,
)
from precis.clean.running_heads import furniture
from precis.offsets import Edit

_NO_EXTENT = (math.nan, math.nan, math.nan, math.nan)
_BREAK_RE = re.compile(r"\ufffe(?:\r\n|[\r\n])?|\r\n|[\r\n\f\u2028\u2029]")
BODY_ROLE = "body"


@dataclass(frozen=True, slots=True)
class Line:
    """One text line: ``text[start:end]`` without surrounding blanks; a ``U+FFFE`` stays in it.

    ``hidden``: drawn above or below the page; ``margin``: drawn in the page's top or bottom band
    in small type (both from glyph boxes, ``precis.ingest.pdf_margins``).
    """

    start: int
    end: int
    page: int
    text: str
    indented: bool = False
    blank_before: bool = False
    hidden: bool = False
    margin: bool = False
    role: str = BODY_ROLE  # from glyph geometry and fonts (precis.ingest.pdf_roles), issue 14
    # where the line is drawn (PDF points; ``y`` its middle, up the page) and its font size:
    # NaN when not known
    x0: float = math.nan
    x1: float = math.nan
    size: float = math.nan
    y: float = math.nan


@dataclass(frozen=True, slots=True)
class LayoutHints:
    """What the PDF's glyph boxes say about its text lines (offsets into the text).

    ``indented``: lines drawn indented (the text layer has no leading spaces), which start a
    paragraph. ``breaks``: where a line starts that the text layer joined to the one before (a
    page number under the last line). ``hidden`` and ``margin``: starts of lines drawn above or
    below the page, or in its top or bottom band in small type. ``roles``: line start -> role
    for lines that are not body (footnote, caption, table, title, author, ...). ``headings``:
    line start -> level for the lines of headings found from fonts
    (:mod:`precis.ingest.pdf_headings`); None where the fonts cannot tell (the text rule decides).
    """

    indented: AbstractSet[int] = frozenset()
    breaks: Sequence[int] = ()
    hidden: AbstractSet[int] = frozenset()
    margin: AbstractSet[int] = frozenset()
    roles: Mapping[int, str] = field(default_factory=dict)
    extents: Mapping[int, tuple[float, float, float, float]] = field(default_factory=dict)
    headings: Mapping[int, int] | None = None


def pdf_layout_edits(
    text: str, page_starts: Sequence[int], hints: LayoutHints | None = None
) -> list[Edit]:
    """Edits that turn page-joined PDF text into clean blocks."""
    lines = split_lines(text, page_starts, hints)
    if not lines:
        return [Edit(0, len(text), "")] if text else []
    running, trims = furniture(lines, max(len(page_starts), 1))
    kept = [
        _trimmed(line, trims[i]) if i in trims else line
        for i, line in enumerate(lines)
        if i not in running
    ]
    if not kept:
        return [Edit(0, len(text), "")]
    return _join_edits(text, kept, hints.headings if hints else None)


def _trimmed(line: Line, keep: int) -> Line:
    """The line cut to its first ``keep`` characters (a page number glued on the end removed)."""
    text = line.text[:keep].rstrip()
    return replace(line, end=line.start + len(text), text=text)


def split_lines(
    text: str, page_starts: Sequence[int], hints: LayoutHints | None = None
) -> list[Line]:
    """Non-blank lines with their page; blank lines only mark the next line."""
    hints = hints or LayoutHints()
    lines: list[Line] = []
    pos = 0
    blank = False
    cuts = sorted(hints.breaks)

    def add(start: int, end: int, blank: bool) -> bool:
        for cut in cuts[bisect.bisect_right(cuts, start) : bisect.bisect_left(cuts, end)]:
            blank = _add_line(lines, text, start, cut, page_starts, blank, hints)
            start = cut
        return _add_line(lines, text, start, end, page_starts, blank, hints)

    for m in _BREAK_RE.finditer(text):
        content_end = m.start() + 1 if text[m.start()] == PDFIUM_HYPHEN else m.start()
        blank = add(pos, content_end, blank)
        if text[m.start()] == "\f":
            blank = False  # a blank line before a page break says nothing about the next page
        pos = m.end()
    add(pos, len(text), blank)
    return lines


def _add_line(
    lines: list[Line],
    text: str,
    start: int,
    end: int,
    page_starts: Sequence[int],
    blank: bool,
    hints: LayoutHints,
) -> bool:
    """Append the line ``text[start:end]`` unless blank; return the next line's blank flag."""
    raw = text[start:end]
    stripped = raw.strip()
    if not stripped:
        return bool(lines)  # blank lines before the first line mean nothing
    lead = len(raw) - len(raw.lstrip())
    page = max(bisect.bisect_right(page_starts, start) - 1, 0)
    s = start + lead
    indented = lead > 0 or start in hints.indented
    x0, x1, size, y = hints.extents.get(s, _NO_EXTENT)
    line = Line(s, s + len(stripped), page, stripped, indented, blank, x0=x0, x1=x1, size=size, y=y)
    if s in hints.hidden or s in hints.margin or s in hints.roles:
        line = replace(
            line,
            hidden=s in hints.hidden,
            margin=s in hints.margin,
            role=hints.roles.get(s, BODY_ROLE),
        )
    lines.append(line)
    return False


def _join_edits(
    text: str, kept: Sequence[Line], font_headings: Mapping[int, int] | None = None
) -> list[Edit]:
    """Edits over the gaps between kept lines: delete, or replace by a space, break or hyphen.

    Lines of a float role (footnote, caption, table: ``Line.role``) are blocks of their own. A
    float group that interrupts a paragraph (the body lines around it join) is moved after the
    paragraph's end: its text is :class:`~precis.offsets.Vacated` where it was and inserted as
    :class:`~precis.offsets.Moved` text, so the sentence reads on and every character still
    maps back to its source (issue 14).
    """
    full = full_lengths(kept)
    flags = heading_flags(kept, full)  # blocks: a heading-like line stays a block of its own
    if font_headings is not None:  # which blocks are headings is the fonts' call (segment.py)
        flags = [
            flag or line.start in font_headings for flag, line in zip(flags, kept, strict=True)
        ]
    headings = [flag and line.role == BODY_ROLE for flag, line in zip(flags, kept, strict=True)]
    flow = [k for k, line in enumerate(kept) if line.role not in FLOAT_ROLES]
    counts: Counter[str] | None = None
    gaps: dict[int, tuple[int, int, str]] = {}  # flow line index -> gap edit to the next one
    right_edges = column_right_edges(kept)
    list_items = next_list_items(kept)
    for a_k, b_k in zip(flow, flow[1:], strict=False):
        a, b = kept[a_k], kept[b_k]
        if one_heading(a, b, font_headings) and not ends_with_hyphen(a.text):
            gaps[a_k] = (a.end, b.start, " ")  # a heading's second line
        elif one_heading(a, b, font_headings):
            counts = counts if counts is not None else word_counts(text)
            gaps[a_k] = hyphen_gap(a, b, counts)  # "Description of Web Cor-" / "pus"
        elif (
            headings[a_k]
            or headings[b_k]
            or a.role != b.role
            or starts_block(a, b, full[a.page], right_edges.get(a_k))
            or (b_k in list_items and SENTENCE_END_RE.search(a.text) is not None)
        ):
            gaps[a_k] = (a.end, b.start, "\n\n")
        elif ends_with_hyphen(a.text):
            if counts is None:
                counts = word_counts(text)
            gaps[a_k] = hyphen_gap(a, b, counts)
        elif a.text[-1] in "\u2014\u2013" and b.text[0].isalnum():
            gaps[a_k] = (a.end, b.start, "")  # em/en dash at the line end: no space
        else:
            gaps[a_k] = (a.end, b.start, line_join(a, b, full[a.page], right_edges.get(a_k)))
    for k in range(len(kept) - 1):  # a float's own lines join like a paragraph's
        a, b = kept[k], kept[k + 1]
        if a.role in FLOAT_ROLES and b.role == a.role:
            if ends_with_hyphen(a.text):
                if counts is None:
                    counts = word_counts(text)
                gaps[k] = hyphen_gap(a, b, counts)
            else:
                gaps[k] = (a.end, b.start, line_join(a, b, full[a.page], right_edges.get(k)))
    moves = float_moves(kept, flow, gaps)
    edits: list[Edit] = []
    if kept[0].start > 0:
        edits.append(Edit(0, kept[0].start, ""))
    for k in range(len(kept)):
        line = kept[k]
        for group in moves.get(k, ()):  # floats moved to after this paragraph's last line
            edits.extend(moved_in(text, kept, group, gaps, line.end))
        if k + 1 == len(kept):
            break
        nxt = kept[k + 1]
        if line.role in FLOAT_ROLES and moved(moves, k):
            continue  # vacated with its group (see vacated)
        if nxt.role in FLOAT_ROLES and moved(moves, k + 1):
            edits.extend(vacated(kept, k, gaps))
            continue
        if k in gaps and (nxt.role not in FLOAT_ROLES or line.role == nxt.role):
            start, end, replacement = gaps[k]  # two flow lines, or two lines of one float
        else:
            start, end, replacement = line.end, nxt.start, "\n\n"
        if text[start:end] != replacement:
            edits.append(Edit(start, end, replacement))
    if kept[-1].end < len(text):
        edits.append(Edit(kept[-1].end, len(text), ""))
    return edits
