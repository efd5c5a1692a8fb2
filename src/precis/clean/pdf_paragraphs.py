"""Where a PDF paragraph ends: the block-break rules between two kept lines, and headings.

Lines of a block are joined with one space and blocks separated by ``"\\n\\n"``, also across
page breaks (:mod:`precis.clean.pdf_layout`). A block ends at a blank or indented line, before or
after a heading, before a bullet, or after a line that ends a sentence and is clearly shorter than
its column (from the glyph boxes, where known) or than the page's full lines.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from precis.clean.pdf_hyphens import ends_with_hyphen
from precis.clean.running_heads import pages_of

if TYPE_CHECKING:
    from precis.clean.pdf_layout import Line

SHORT_EMS = 1.0  # a sentence-final line ending this many ems short of its column ends a paragraph
COLUMN_EMS = 3.0  # lines whose left edges are this close (in ems) share a column
RAGGED_SHARE = 0.35  # a column with more of its lines ending short is set ragged-right
MIN_COLUMN_LINES = 4  # fewer lines with one left edge: no column to measure against
SIZE_BREAK = 1.5  # points: lines further apart in size are not one paragraph
SHORT_LINE = 0.9  # a sentence-final line shorter than this share of a full line ends a paragraph
FULL_QUANTILE = 0.9  # a page's "full" line length is this quantile of its line lengths
MIN_LINES_FOR_PAGE_STATS = 8

# Chinese and Japanese end sentences with 。！？ and close quotations with 」』 (issue 19)
SENTENCE_END_RE = re.compile(r"[.!?:\u3002\uff01\uff1f][\"'\u201d\u2019)\]\u300d\u300f\uff09]*$")
# Han, kana, CJK punctuation and full-width forms: scripts that put no space between words
_WIDE_RE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_NUMBERED_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVXLC]{1,5}\.|[A-Z]\.)\s+[A-Z]")
_BULLET_GLYPHS = "\u2022\u25aa\u25e6\u2023\u2043*"
_BULLET_RE = re.compile(rf"^(?:[{_BULLET_GLYPHS}]|\(?[a-z0-9]\))\s")
_NO_HEADING_END = ".,;:!?"
_TOC_ENTRY_RE = re.compile(r"(?:\. ?){4,}\s*(?:\d{1,4}|[ivxlc]{1,6})$")  # dot leaders, page
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or over the to under upon via vs with".split()
)


def line_join(a: Line, b: Line, full: float, right_edge: float | None = None) -> str:
    """What joins line ``a`` to the next line ``b`` of the same paragraph: nothing between two
    Chinese or Japanese characters where ``a`` runs to the margin (a space there would cut a
    word: "商业银 行"; CSS Text Level 3's segment-break rule for East Asian wide characters),
    else a space, which also keeps a short caption or heading line apart from the text after
    it ("据报中国当局加强了通关检查 据韩国媒体...")."""
    if not (a.text and b.text and _WIDE_RE.match(a.text[-1]) and _WIDE_RE.match(b.text[0])):
        return " "
    return " " if _short(a, full, right_edge) else ""


def _short(a: Line, full: float, right_edge: float | None) -> bool:
    """Whether line ``a`` stops short of its column: an em from the right edge where the glyph
    boxes tell, else fewer characters than most lines of the page."""
    if right_edge is not None:
        return a.x1 < right_edge - SHORT_EMS * a.size
    return len(a.text) < SHORT_LINE * full


def full_lengths(lines: Sequence[Line]) -> dict[int, float]:
    """Each page's full line length (a high quantile); sparse pages use the document's."""

    def quantile(lengths: list[int]) -> float:
        lengths.sort()
        return float(lengths[min(int(FULL_QUANTILE * len(lengths)), len(lengths) - 1)])

    overall = quantile([len(line.text) for line in lines])
    full: dict[int, float] = {}
    for page, idx in pages_of(lines).items():
        lengths = [len(lines[i].text) for i in idx]
        full[page] = quantile(lengths) if len(lengths) >= MIN_LINES_FOR_PAGE_STATS else overall
    return full


def starts_block(a: Line, b: Line, full: float, right_edge: float | None = None) -> bool:
    """Whether line ``b`` starts a new block after line ``a`` (both not headings).

    A sentence-final line ends its paragraph when it is short: drawn at least an em short of
    its column's right edge where the glyph boxes tell (issue 14: a narrow magazine column's
    full line "plained them away. But to get on." is short in characters only), else shorter
    in characters than most lines of the page.
    """
    if b.blank_before or b.indented:
        return True
    if abs(a.size - b.size) > SIZE_BREAK:  # NaN: no size, no break
        # a short line, then a line in another size: a figure's note in 7 points over the
        # body's 10 ("... scales differ among rows" / "In 2007, a smaller proportion")
        short = right_edge is not None and a.x1 < right_edge - SHORT_EMS * a.size
        if short and not ends_with_hyphen(a.text):
            return True
    if _BULLET_RE.match(b.text):
        # "(2)" after a full line that ends mid-sentence is an enumeration inside the
        # paragraph ("... its various senses and" / "(2) extracting salient cues"), not an item
        inline = (
            b.text[0] not in _BULLET_GLYPHS
            and right_edge is not None
            and a.x1 >= right_edge - SHORT_EMS * a.size
            and not SENTENCE_END_RE.search(a.text)
        )
        return not inline
    if _TOC_ENTRY_RE.search(a.text):
        return True  # "3 Search . . . . . . 7": each contents entry is a block (issue 14)
    if not SENTENCE_END_RE.search(a.text):
        return False
    return _short(a, full, right_edge)


def column_right_edges(lines: Sequence[Line]) -> dict[int, float]:
    """Per line whose box is known, the right edge of its column: the furthest right edge of
    the page's lines that start within a few ems of it (a column shares its left edge). A
    ragged-right column (many lines end short) has no edge to measure against: the character
    rule decides there (the bundled story, set flush left)."""
    by_page: dict[int, list[int]] = {}
    for k, line in enumerate(lines):
        if not math.isnan(line.x1) and not math.isnan(line.size):
            by_page.setdefault(line.page, []).append(k)
    edges: dict[int, float] = {}
    for members in by_page.values():
        members.sort(key=lambda k: lines[k].x0)
        group: list[int] = []
        for k in [*members, -1]:
            line = lines[k] if k >= 0 else None
            if group and (
                line is None or line.x0 - lines[group[0]].x0 > COLUMN_EMS * lines[group[0]].size
            ):
                right = max(lines[g].x1 for g in group)
                short = sum(lines[g].x1 < right - SHORT_EMS * lines[g].size for g in group)
                if len(group) >= MIN_COLUMN_LINES and short <= RAGGED_SHARE * len(group):
                    edges.update((g, right) for g in group)
                group = []
            if k >= 0:
                group.append(k)
    return edges


def one_heading(a: Line, b: Line, font_headings: Mapping[int, int] | None) -> bool:
    """Whether ``b`` continues the heading ``a`` (lines of one font heading, same level)."""
    if not font_headings or a.start not in font_headings or b.start not in font_headings:
        return False
    return font_headings[a.start] == font_headings[b.start] and a.page == b.page


def _closes(line: Line | None, full: float) -> bool:
    """Whether the text before a line is a closed block (start, sentence end or short line)."""
    return line is None or bool(SENTENCE_END_RE.search(line.text)) or len(line.text) < 0.6 * full


def heading_flags(kept: Sequence[Line], full: dict[int, float]) -> list[bool]:
    """Which lines are headings: numbered, all caps or short title case, after a closed block."""
    flags: list[bool] = []
    for k, line in enumerate(kept):
        prev = kept[k - 1] if k else None
        nxt = kept[k + 1] if k + 1 < len(kept) else None
        flags.append(
            (
                line.blank_before
                or (prev is not None and flags[-1])
                or _closes(prev, full[line.page])
            )
            and (nxt is None or not nxt.text[0].islower())
            and looks_like_heading(line.text, full[line.page])
        )
    return flags


def looks_like_heading(line: str, full: float) -> bool:
    """A numbered, all-caps or title-case line, short, without final punctuation."""
    words = line.split()
    if len(words) > 12 or line[-1] in _NO_HEADING_END or len(line) > max(0.8 * full, 20):
        return False
    if _NUMBERED_RE.match(line):
        return True
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return len(words) <= 10
    if len(words) > 10 or len(line) > 0.7 * full or not line[0].isupper():
        return False
    significant = [w for w in words if w[0].isalpha() and w.lower() not in _SMALL_WORDS]
    return bool(significant) and all(w[0].isupper() for w in significant)
