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
2. Line-end hyphenation: document evidence first (does ``authorizing`` or ``great-power`` occur
   unbroken elsewhere?), then word frequencies from :mod:`precis.clean.lexicon`. pdfium writes
   ``U+FFFE`` for *every* hyphen at a line end, soft or hard (checked with reportlab PDFs: both
   ``autho-`` and ``great-`` come out as ``U+FFFE``), so it gets the same decision as ``"-"``;
   only ``U+00AD`` is always a hyphenation point. Removed headers between the halves are skipped.
3. Paragraphs: lines of a block are joined with one space and blocks separated by ``"\\n\\n"``,
   also across page breaks. A block ends at a blank or indented line, before or after a heading,
   before a bullet, or after a line that ends a sentence and is clearly shorter than the page's
   full lines.

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

from precis.clean.hyphen_join import should_join, word_counts
from precis.clean.pdf_lists import next_list_items
from precis.clean.running_heads import furniture, pages_of
from precis.offsets import Edit, Moved, Vacated

SHORT_EMS = 1.0  # a sentence-final line ending this many ems short of its column ends a paragraph
COLUMN_EMS = 3.0  # lines whose left edges are this close (in ems) share a column
RAGGED_SHARE = 0.35  # a column with more of its lines ending short is set ragged-right
MIN_COLUMN_LINES = 4  # fewer lines with one left edge: no column to measure against
SIZE_BREAK = 1.5  # points: lines further apart in size are not one paragraph
_NO_EXTENT = (math.nan, math.nan, math.nan, math.nan)
SHORT_LINE = 0.9  # a sentence-final line shorter than this share of a full line ends a paragraph
FULL_QUANTILE = 0.9  # a page's "full" line length is this quantile of its line lengths
MIN_LINES_FOR_PAGE_STATS = 8

SOFT_HYPHEN = "\u00ad"
PDFIUM_HYPHEN = "\ufffe"
_BREAK_RE = re.compile(r"\ufffe(?:\r\n|[\r\n])?|\r\n|[\r\n\f\u2028\u2029]")
_LEADING_LETTERS_RE = re.compile(r"^[^\W\d_]+")
_TRAILING_LETTERS_RE = re.compile(r"[^\W\d_]+$")
_SENTENCE_END_RE = re.compile(r"[.!?:][\"'\u201d\u2019)\]]*$")
_NUMBERED_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVXLC]{1,5}\.|[A-Z]\.)\s+[A-Z]")
_BULLET_GLYPHS = "\u2022\u25aa\u25e6\u2023\u2043*"
_BULLET_RE = re.compile(rf"^(?:[{_BULLET_GLYPHS}]|\(?[a-z0-9]\))\s")
_NO_HEADING_END = ".,;:!?"
_TOC_ENTRY_RE = re.compile(r"(?:\. ?){4,}\s*(?:\d{1,4}|[ivxlc]{1,6})$")  # dot leaders, page
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or over the to under upon via vs with".split()
)
_SUSPENDED = frozenset({"and", "or", "nor", "to"})  # "short- and long-term"
BODY_ROLE = "body"
FLOAT_ROLES = frozenset(
    {"footnote", "caption", "table", "pull_quote", "algorithm", "equation"}
)  # lines that leave the sentence flow


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


def _full_lengths(lines: Sequence[Line]) -> dict[int, float]:
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
    full = _full_lengths(kept)
    flags = _heading_flags(kept, full)  # blocks: a heading-like line stays a block of its own
    if font_headings is not None:  # which blocks are headings is the fonts' call (segment.py)
        flags = [
            flag or line.start in font_headings for flag, line in zip(flags, kept, strict=True)
        ]
    headings = [flag and line.role == BODY_ROLE for flag, line in zip(flags, kept, strict=True)]
    flow = [k for k, line in enumerate(kept) if line.role not in FLOAT_ROLES]
    counts: Counter[str] | None = None
    gaps: dict[int, tuple[int, int, str]] = {}  # flow line index -> gap edit to the next one
    right_edges = _column_right_edges(kept)
    list_items = next_list_items(kept)
    for a_k, b_k in zip(flow, flow[1:], strict=False):
        a, b = kept[a_k], kept[b_k]
        if _one_heading(a, b, font_headings) and not _ends_with_hyphen(a.text):
            gaps[a_k] = (a.end, b.start, " ")  # a heading's second line
        elif _one_heading(a, b, font_headings):
            counts = counts if counts is not None else word_counts(text)
            gaps[a_k] = _hyphen_gap(a, b, counts)  # "Description of Web Cor-" / "pus"
        elif (
            headings[a_k]
            or headings[b_k]
            or a.role != b.role
            or _starts_block(a, b, full[a.page], right_edges.get(a_k))
            or (b_k in list_items and _SENTENCE_END_RE.search(a.text) is not None)
        ):
            gaps[a_k] = (a.end, b.start, "\n\n")
        elif _ends_with_hyphen(a.text):
            if counts is None:
                counts = word_counts(text)
            gaps[a_k] = _hyphen_gap(a, b, counts)
        elif a.text[-1] in "\u2014\u2013" and b.text[0].isalnum():
            gaps[a_k] = (a.end, b.start, "")  # em/en dash at the line end: no space
        else:
            gaps[a_k] = (a.end, b.start, " ")
    for k in range(len(kept) - 1):  # a float's own lines join like a paragraph's
        a, b = kept[k], kept[k + 1]
        if a.role in FLOAT_ROLES and b.role == a.role:
            if _ends_with_hyphen(a.text):
                if counts is None:
                    counts = word_counts(text)
                gaps[k] = _hyphen_gap(a, b, counts)
            else:
                gaps[k] = (a.end, b.start, " ")
    moves = _float_moves(kept, flow, gaps)
    edits: list[Edit] = []
    if kept[0].start > 0:
        edits.append(Edit(0, kept[0].start, ""))
    for k in range(len(kept)):
        line = kept[k]
        for group in moves.get(k, ()):  # floats moved to after this paragraph's last line
            edits.extend(_moved_in(text, kept, group, gaps, line.end))
        if k + 1 == len(kept):
            break
        nxt = kept[k + 1]
        if line.role in FLOAT_ROLES and _moved(moves, k):
            continue  # vacated with its group (see _vacated)
        if nxt.role in FLOAT_ROLES and _moved(moves, k + 1):
            edits.extend(_vacated(kept, k, gaps))
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


def _float_moves(
    kept: Sequence[Line], flow: list[int], gaps: dict[int, tuple[int, int, str]]
) -> dict[int, list[range]]:
    """Float groups that interrupt a paragraph, by the flow line after which they go.

    A group is a run of lines of one float role; it interrupts when the flow lines around it
    join (their gap is no block break). It goes after the last line of the paragraph that the
    line after it continues.
    """
    moves: dict[int, list[range]] = {}
    position = {k: i for i, k in enumerate(flow)}
    k = 0
    while k < len(kept):
        if kept[k].role not in FLOAT_ROLES:
            k += 1
            continue
        end = k
        while end + 1 < len(kept) and kept[end + 1].role == kept[k].role:
            end += 1
        before = k - 1
        while before >= 0 and kept[before].role in FLOAT_ROLES:
            before -= 1
        if before >= 0 and before in gaps and gaps[before][2] != "\n\n":
            i = position[before] + 1  # the flow line after the float(s): find its paragraph end
            while flow[i] in gaps and gaps[flow[i]][2] != "\n\n":
                i += 1
            moves.setdefault(flow[i], []).append(range(k, end + 1))
        k = end + 1
    return moves


def _moved(moves: dict[int, list[range]], k: int) -> bool:
    return any(k in group for groups in moves.values() for group in groups)


def _vacated(kept: Sequence[Line], k: int, gaps: dict[int, tuple[int, int, str]]) -> list[Edit]:
    """Edits from flow line ``k`` over the moved float(s) after it to the next flow line: the
    join of the two flow lines, and each float line vacated."""
    j = k + 1
    while j < len(kept) and kept[j].role in FLOAT_ROLES:
        j += 1
    start, _, replacement = gaps[k]
    edits = [Edit(start, kept[k + 1].start, replacement)]
    for f in range(k + 1, j):
        edits.append(Edit(kept[f].start, kept[f].end, Vacated()))
        if kept[f].end < kept[f + 1].start:
            edits.append(Edit(kept[f].end, kept[f + 1].start, ""))
    return edits


def _moved_in(
    text: str,
    kept: Sequence[Line],
    group: range,
    gaps: dict[int, tuple[int, int, str]],
    at: int,
) -> list[Edit]:
    """Insertions at ``at`` that put a float group there as a block of its own, its lines
    joined as in place (a hyphenated word rejoined: the gap's start says whether the line's
    last character, the hyphen, goes)."""
    edits = [Edit(at, at, "\n\n")]
    for f in group:
        line = kept[f]
        end = line.end
        separator = ""
        if f != group[-1]:
            gap_start, _, separator = gaps[f]
            end = min(end, gap_start)
        edits.append(Edit(at, at, Moved(text[line.start : end], line.start)))
        if separator:
            edits.append(Edit(at, at, separator))
    return edits


def _starts_block(a: Line, b: Line, full: float, right_edge: float | None = None) -> bool:
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
        if short and not _ends_with_hyphen(a.text):
            return True
    if _BULLET_RE.match(b.text):
        # "(2)" after a full line that ends mid-sentence is an enumeration inside the
        # paragraph ("... its various senses and" / "(2) extracting salient cues"), not an item
        inline = (
            b.text[0] not in _BULLET_GLYPHS
            and right_edge is not None
            and a.x1 >= right_edge - SHORT_EMS * a.size
            and not _SENTENCE_END_RE.search(a.text)
        )
        return not inline
    if _TOC_ENTRY_RE.search(a.text):
        return True  # "3 Search . . . . . . 7": each contents entry is a block (issue 14)
    if not _SENTENCE_END_RE.search(a.text):
        return False
    if right_edge is not None:
        return a.x1 < right_edge - SHORT_EMS * a.size
    return len(a.text) < SHORT_LINE * full


def _column_right_edges(lines: Sequence[Line]) -> dict[int, float]:
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


def _one_heading(a: Line, b: Line, font_headings: Mapping[int, int] | None) -> bool:
    """Whether ``b`` continues the heading ``a`` (lines of one font heading, same level)."""
    if not font_headings or a.start not in font_headings or b.start not in font_headings:
        return False
    return font_headings[a.start] == font_headings[b.start] and a.page == b.page


def _closes(line: Line | None, full: float) -> bool:
    """Whether the text before a line is a closed block (start, sentence end or short line)."""
    return line is None or bool(_SENTENCE_END_RE.search(line.text)) or len(line.text) < 0.6 * full


def _heading_flags(kept: Sequence[Line], full: dict[int, float]) -> list[bool]:
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


def _ends_with_hyphen(line: str) -> bool:
    """A line-end hyphen: pdfium's marker, a soft hyphen, or '-' after a letter or digit."""
    last = line[-1]
    if last in (PDFIUM_HYPHEN, SOFT_HYPHEN):
        return True
    return last == "-" and len(line) > 1 and line[-2].isalnum()


def _hyphen_gap(a: Line, b: Line, counts: Counter[str]) -> tuple[int, int, str]:
    """The gap edit after a hyphenated line end: join the halves or keep the hyphen."""
    marker = a.text[-1]
    left = _TRAILING_LETTERS_RE.search(a.text[:-1])
    right = _LEADING_LETTERS_RE.match(b.text)
    if marker == SOFT_HYPHEN and right:
        return a.end - 1, b.start, ""
    if left and right and should_join(left.group(), right.group(), counts):
        return a.end - 1, b.start, ""
    glue = " " if right and right.group().lower() in _SUSPENDED else ""
    if marker == "-":
        return a.end, b.start, glue
    return a.end - 1, b.start, "-" + glue
