"""Every PDF text line's role, so floats and front matter leave the sentence flow (issue 14).

A page's text layer interleaves the body with footnotes, captions, table cells and a paper's
front matter. Each line of :class:`~precis.ingest.pdf_lines.PdfLines` gets one role here, from
the document's font statistics, where the line sits and what it says:

- the body size is the modal size over lines weighted by their length;
- ``caption``: a line that opens a block with "Figure N:", "Fig. N.", "Table N:" and the lines
  that go on in its size, below it, up to a vertical gap, a size change or a short last line;
- ``table``: a run of short, mostly numeric lines next to a "Table N" caption;
- ``footnote``: smaller type at the bottom of the text area, below the lowest body-size line of
  its column, the group opening with a mark ("1", "*", "\u2020") or an indented line;
- front matter on page 1 (``title``, ``author``, ``affiliation``, ``email``, ``keywords``), in
  :mod:`precis.ingest.pdf_front`, and the byline's affiliation marks and wrapped names in
  :mod:`precis.ingest.pdf_byline_marks`;
- inserts set in the column (``pull_quote``, ``algorithm``, captions with no "Figure N"), in
  :mod:`precis.ingest.pdf_inserts`.

Precision comes first: a body line given another role leaves the reading flow, which loses
data, so every rule asks for two cues. ``bench/bench_line_roles.py`` scores the roles on
pdf_gold. Headings, running heads and page numbers are found elsewhere and stay ``body`` here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from precis.ingest.pdf_byline_marks import mark_byline_leftovers
from precis.ingest.pdf_cover import COVER, mark_cover
from precis.ingest.pdf_front import JOURNAL_LINE, front_roles
from precis.ingest.pdf_inserts import ALGORITHM, PULL_QUOTE, mark_inserts

if TYPE_CHECKING:
    import numpy as np

    from precis.ingest.pdf_lines import PdfLines

BODY = "body"
FOOTNOTE = "footnote"
CAPTION = "caption"
TABLE = "table"
ROLES = (
    BODY, "title", "author", "affiliation", "email", "keywords", FOOTNOTE, CAPTION, TABLE,
    PULL_QUOTE, ALGORITHM, "equation", COVER, JOURNAL_LINE,
)  # fmt: skip
"""Every role :func:`line_roles` gives, ``body`` first."""

MIN_WORD_TABLE_ROWS = 3
MAX_TABLE_HEAD = 24  # lines between a table's caption and its first row, at most
MAX_HEAD_WORDS = 8  # words of one column head line, at most
SIZE_TOLERANCE = 0.3  # points: two lines whose sizes differ less are in the same size
_CAPTION_RE = re.compile(
    r"^(?:Figure|FIGURE|Fig\.?|FIG\.?|Table|TABLE|Tab\.)\s*(?:[A-Z]{0,3}\d+|[IVX]+)(?:\.\d+)*[a-z]?"
    r"\s*[:.|]"
)
_FLOAT_NOTE_RE = re.compile(r"^(?:Notes?|Sources?|NOTES?|SOURCES?)\s*:\s")
_TABLE_CAPTION_RE = re.compile(r"^(?:Table|TABLE|Tab\.)")
_MARK_RE = re.compile(
    r"^(?:\d{1,2}(?=[^\d.,)\]\s]|\s+[A-Z]|$)|[*\u2217\u2020\u2021\u00a7\u00b6#]|[a-z](?=[A-Z]))"
)
_NUMBER_RE = re.compile(r"^[-+\u2212\u00b1(]?\.?\d[\d.,]*[)%*]?$")
_SENTENCE_END = (".", "!", "?", ":", "\u201d", "\u2019", '"', ")")
_MARK_ONLY_RE = re.compile(r"^(?:\d{1,2}|[*\u2217\u2020\u2021\u00a7\u00b6#a-z])$")


def line_roles(
    lines: PdfLines, text: str, *, table_rows: frozenset[int] = frozenset()
) -> np.ndarray:
    """One role per line of ``lines`` (offsets into ``text``), from :data:`ROLES`.

    Args:
        lines: The document's lines, as ``extract_pdf`` returns them in ``Extraction.lines``.
        text: The text their offsets index (``Extraction.text``).
        table_rows: Start offsets of lines whose words stand in cells on a column grid
            (:func:`precis.ingest.pdf_cells.table_rows`): table lines.

    Returns:
        An object array of role names, ``"body"`` where no other role is sure.
    """
    import numpy as np

    roles = np.full(len(lines), BODY, dtype=object)
    if len(lines) == 0:
        return roles
    texts = [text[s:e] for s, e in zip(lines.start.tolist(), lines.end.tolist(), strict=True)]
    body = body_size(lines)
    mark_captions(lines, texts, roles, body, leading(lines, body))
    mark_tables(lines, texts, roles, body)
    for i, start in enumerate(lines.start.tolist()):
        if start in table_rows and roles[i] == BODY:
            roles[i] = TABLE
    mark_table_heads(lines, texts, roles)
    mark_float_notes(lines, texts, roles, body)
    mark_footnotes(lines, texts, roles, body)
    front_roles(lines, texts, roles, body)
    mark_byline_leftovers(lines, texts, roles)
    mark_inserts(lines, texts, roles, body, text)
    mark_cover(lines, texts, roles, body)
    return roles


def body_size(lines: PdfLines) -> float:
    """The size most of the document's characters are set in (NaN when no size is known)."""
    import numpy as np

    known = ~np.isnan(lines.size)
    if not known.any():
        return float("nan")
    values, inverse = np.unique(np.round(lines.size[known], 1), return_inverse=True)
    weights = (lines.end - lines.start)[known].astype("float64")
    return float(values[np.bincount(inverse, weights).argmax()])


def leading(lines: PdfLines, body: float) -> float:
    """The body's baseline step over its size (1.2 for most type, more in spread layouts)."""
    import numpy as np

    step = (lines.y0[:-1] + lines.y1[:-1] - lines.y0[1:] - lines.y1[1:]) / 2
    both = (np.abs(lines.size[:-1] - body) <= SIZE_TOLERANCE) & (
        np.abs(lines.size[1:] - body) <= SIZE_TOLERANCE
    )
    ok = both & (lines.page[:-1] == lines.page[1:]) & (step > 0) & (step < 3 * body)
    return float(np.median(step[ok]) / body) if ok.sum() >= 10 else 1.2


def same_size(lines: PdfLines, i: int, j: int) -> bool:
    """Whether lines ``i`` and ``j`` are set in one size."""
    return bool(abs(lines.size[i] - lines.size[j]) <= SIZE_TOLERANCE)


def follows(lines: PdfLines, above: int, below: int, gap: float = 1.6) -> bool:
    """Whether ``below`` is the next line under ``above`` in one block: same page, overlapping
    columns, and a baseline step of at most ``gap`` times the upper line's size."""
    if lines.page[above] != lines.page[below]:
        return False
    overlap = min(lines.x1[above], lines.x1[below]) - max(lines.x0[above], lines.x0[below])
    step = (lines.y0[above] + lines.y1[above] - lines.y0[below] - lines.y1[below]) / 2
    return bool(overlap > 0 and 0 < step <= gap * lines.size[above])


def mark_captions(
    lines: PdfLines, texts: list[str], roles: np.ndarray, body: float, lead: float
) -> None:
    """Caption lines: a block opened by "Figure N:" or "Table N." and its continuation
    (``lead``: the body's baseline step over its size). A caption in the body's size ends
    with its first sentence that ends a line: body text may follow it with no gap."""
    for i, line in enumerate(texts):
        if not _CAPTION_RE.match(line) or _runs_on(lines, i - 1, i, lead):
            continue
        roles[i] = CAPTION
        left, right = lines.x0[i], lines.x1[i]
        j = i + 1
        while (
            j < len(texts)
            and roles[j] == BODY
            and _continues_caption(lines, texts, i, j, left, lead)
        ):
            if abs(lines.size[j] - body) <= SIZE_TOLERANCE and texts[j - 1].endswith("."):
                break
            roles[j] = CAPTION
            right = max(right, lines.x1[j])
            if j > i + 1 and lines.x1[j] < right - 2 * lines.size[j]:
                break  # a short line ends the caption's paragraph
            left = min(left, lines.x0[j])
            j += 1


def _runs_on(lines: PdfLines, above: int, below: int, lead: float) -> bool:
    """Whether ``below`` goes on the block of ``above`` (same size, next line at the body's
    leading), so it opens no caption: a caption stands apart from the text before it."""
    if above < 0 or not same_size(lines, above, below):
        return False
    return follows(lines, above, below, 1.2 * lead)


def _continues_caption(
    lines: PdfLines, texts: list[str], first: int, j: int, left: float, lead: float
) -> bool:
    """Whether line ``j`` goes on the caption: the size of the caption's second line, right
    under the previous line, not left of the caption's left edge."""
    reference = first + 1 if j > first + 1 else j
    if j > first + 1 and not same_size(lines, reference, j):
        return False
    if lines.size[j] > lines.size[first] + SIZE_TOLERANCE or _numeric_row(texts[j]):
        return False  # a larger line, or the table's first row
    return follows(lines, j - 1, j, 1.3 * lead) and bool(lines.x0[j] >= left - 2.0)


def mark_tables(
    lines: PdfLines, texts: list[str], roles: np.ndarray, body: float = float("nan")
) -> None:
    """Table lines: a run of short, mostly numeric lines right before or after a "Table N"
    caption (the caption anchors the run, so numbers in the body are never taken), or of
    three short lines or more in type smaller than the body's (a table of words: "+ Google
    YouTube" / "+ Adobe Systems Macromedia" over "Table 1: Corporate Acquisition Pairs.")."""
    for i, line in enumerate(texts):
        if roles[i] != CAPTION or (i > 0 and roles[i - 1] == CAPTION):
            continue
        if not _TABLE_CAPTION_RE.match(line):
            continue
        end = i
        while end + 1 < len(texts) and roles[end + 1] == CAPTION:
            end += 1
        for run in (
            _table_run(lines, texts, roles, i - 1, -1, body),
            _table_run(lines, texts, roles, end + 1, 1, body),
        ):
            for j in run:
                roles[j] = TABLE


def mark_table_heads(lines: PdfLines, texts: list[str], roles: np.ndarray) -> None:
    """The lines between a "Table N" caption and the first row of its table, when the row
    follows within :data:`MAX_TABLE_HEAD` lines on the caption's page: the column heads, a
    cell a line ("per capita" / "GNP ($000)" / "1995" / "population"). A longer line or a
    sentence among them ends the search (the table is elsewhere)."""
    for i, line in enumerate(texts):
        if roles[i] != CAPTION or (i > 0 and roles[i - 1] == CAPTION):
            continue
        if not _TABLE_CAPTION_RE.match(line):
            continue
        j = i + 1
        while j < len(texts) and roles[j] == CAPTION:
            j += 1
        heads = []
        while j < len(texts) and len(heads) < MAX_TABLE_HEAD and lines.page[j] == lines.page[i]:
            if roles[j] == TABLE:
                roles[heads] = TABLE
                break
            if roles[j] != BODY or not _head_line(texts[j]):
                break
            heads.append(j)
            j += 1


def _head_line(line: str) -> bool:
    """A line short enough to be a column's head, and no sentence's end."""
    return len(line.split()) <= MAX_HEAD_WORDS and not line.rstrip().endswith((".", "?", "!"))


def _table_run(
    lines: PdfLines, texts: list[str], roles: np.ndarray, start: int, step: int, body: float
) -> list[int]:
    """The table lines from ``start`` walking away from the caption, or none."""
    run: list[int] = []
    j = start
    while 0 <= j < len(texts) and roles[j] == BODY and _cell_like(texts[j]):
        if run and not (same_size(lines, run[0], j) and _adjacent(lines, run[-1], j)):
            break
        run.append(j)
        j += step
    numeric = sum(_numeric_row(texts[j]) for j in run)
    if numeric >= 2 and numeric >= len(run) - numeric:
        return run
    small = all(lines.size[j] < body - 1.0 for j in run)  # NaN body: never
    return run if len(run) >= MIN_WORD_TABLE_ROWS and small else []


def _adjacent(lines: PdfLines, i: int, j: int) -> bool:
    """Whether rows ``i`` and ``j`` are neighbours in one table (either order)."""
    return follows(lines, i, j, gap=2.2) or follows(lines, j, i, gap=2.2)


def _cell_like(line: str) -> bool:
    """A line short enough to be a table row: a numeric row, or a header of a few words."""
    tokens = line.split()
    if not tokens or len(tokens) > 14:
        return False
    return _numeric_row(line) or (len(tokens) <= 6 and not line.endswith("."))


def _numeric_row(line: str) -> bool:
    """Two or more numbers, at least a third of the line's tokens."""
    tokens = line.split()
    numbers = sum(1 for t in tokens if _NUMBER_RE.match(t))
    return numbers >= 2 and 3 * numbers >= len(tokens)


def mark_float_notes(lines: PdfLines, texts: list[str], roles: np.ndarray, body: float) -> None:
    """A figure's or table's note in type smaller than the body's ("Note: MSs have been ranked
    according to ..." / "... scales differ among rows" under an EFSA chart): a caption, with
    the lines that go on from it in its size."""
    for i, line in enumerate(texts):
        if roles[i] != BODY or not _FLOAT_NOTE_RE.match(line):
            continue
        if not lines.size[i] < body - 1.0:  # NaN body or size: never
            continue
        roles[i] = CAPTION
        j = i
        while j + 1 < len(texts) and roles[j + 1] == BODY and same_size(lines, i, j + 1):
            if not follows(lines, j, j + 1):
                break
            j += 1
            roles[j] = CAPTION


def mark_footnotes(lines: PdfLines, texts: list[str], roles: np.ndarray, body: float) -> None:
    """Footnote lines: groups of smaller type at the foot of their column, below every
    body-size line of it, opened by a mark or an indented line."""
    import numpy as np

    small = (lines.size < body - SIZE_TOLERANCE) & (roles == BODY)
    if not small.any():
        return
    prose = _body_prose(lines, texts, body)
    below = _below_body(lines, prose) & small
    for group in _groups(np.flatnonzero(below), lines, texts):
        column = _column(lines, texts, group, prose)
        if not _at_foot(lines, texts, roles, group, body):
            continue
        if _opens_note(lines, texts, group, column) or _continues_note(
            lines, texts, roles, group, (column, prose)
        ):
            roles[group] = FOOTNOTE
    _between_notes(lines, roles, small)


def _between_notes(lines: PdfLines, roles: np.ndarray, small: np.ndarray) -> None:
    """A small-type line between two footnote lines goes on the first: a URL wrapped in a
    size of its own ("17https://www.ncbi.nlm.nih.gov/pmc/" / "tools/openftlist/" /
    "18https://psu.app.box.com/v/refseer", S2ORC)."""
    for i in range(1, len(roles) - 1):
        if (
            small[i]
            and roles[i] == BODY
            and roles[i - 1] == FOOTNOTE
            and roles[i + 1] == FOOTNOTE
            and _under(lines, i - 1, i)
            and _under(lines, i, i + 1)
        ):
            roles[i] = FOOTNOTE


def _at_foot(
    lines: PdfLines, texts: list[str], roles: np.ndarray, group: np.ndarray, body: float
) -> bool:
    """Whether the group ends its column: under it stand at most two body lines of four words
    or more (a footer, a journal line), none of them within 1.5 body sizes; notes that already
    have a role (authors' addresses among a first page's notes) do not count."""
    import numpy as np

    last = int(group[-1])
    here = np.flatnonzero(lines.page == lines.page[last])
    left, right = lines.x0[group].min(), lines.x1[group].max()
    under = lines.y1[here] < lines.y0[last]
    under &= (np.minimum(lines.x1[here], right) - np.maximum(lines.x0[here], left)) > 0
    wordy = [i for i in here[under] if len(texts[i].split()) >= 4 and roles[i] == BODY]
    near = any(lines.y1[i] > lines.y0[last] - 1.5 * body for i in wordy)
    # a first page's notes may sit right on its journal line ("ACM Journal Name, Vol. V")
    first = int(lines.page[last]) == int(lines.page.min()) and len(wordy) <= 1
    return len(wordy) <= 2 and (not near or first)


def _body_prose(lines: PdfLines, texts: list[str], body: float) -> np.ndarray:
    """Body-size lines with four words or more."""
    import numpy as np

    words = np.fromiter((len(t.split()) >= 4 for t in texts), bool, len(texts))
    return words & (np.abs(lines.size - body) <= SIZE_TOLERANCE)


def _below_body(lines: PdfLines, prose: np.ndarray) -> np.ndarray:
    """Lines with no body-size prose line of the same page under them in their column."""
    import numpy as np

    result = np.zeros(len(lines), bool)
    for page in np.unique(lines.page):
        here = np.flatnonzero(lines.page == page)
        ref = here[prose[here]]
        if not len(ref):
            result[here] = True
            continue
        overlap = np.minimum(lines.x1[here, None], lines.x1[None, ref]) - np.maximum(
            lines.x0[here, None], lines.x0[None, ref]
        )
        under = lines.y1[None, ref] < lines.y1[here, None]
        result[here] = ~((overlap > 0) & under).any(axis=1)
    return result


def _groups(indices: np.ndarray, lines: PdfLines, texts: list[str]) -> list[np.ndarray]:
    """Consecutive indices on one page in one size, as groups; a line that is only a mark
    (pdfium gives a raised "2" a line of its own) joins the group after it."""
    import numpy as np

    groups: list[list[int]] = []
    size = float("nan")
    for k, i in enumerate(indices.tolist()):
        mark = bool(_MARK_ONLY_RE.match(texts[i]))
        joined = k > 0 and indices[k - 1] == i - 1 and _under(lines, i - 1, i)
        if joined and groups and (mark or abs(lines.size[i] - size) <= SIZE_TOLERANCE):
            groups[-1].append(i)
        elif joined and groups and _MARK_ONLY_RE.match(texts[groups[-1][-1]]):
            groups[-1] = groups[-1][:-1]
            groups.append([i - 1, i])
        else:
            groups.append([i])
        if not mark:
            size = float(lines.size[i])
    return [np.array(g) for g in groups if g]


def _under(lines: PdfLines, above: int, below: int) -> bool:
    """Whether ``below`` is on the page of ``above``, less than three sizes under it."""
    if lines.page[above] != lines.page[below]:
        return False
    return bool(lines.y0[above] - lines.y1[below] < 2 * lines.size[above])


def _continues_note(
    lines: PdfLines,
    texts: list[str],
    roles: np.ndarray,
    group: np.ndarray,
    where: tuple[tuple[float, float], np.ndarray],
) -> bool:
    """Whether an unmarked group goes on a note the page before broke off (``where``: the
    group's column and the body prose lines): the previous page's last footnote line, in the
    group's size, runs to its column's right edge and ends no sentence; the group opens in
    lower case under a larger line, flush with its column, before any note of its page."""
    import numpy as np

    first, page = int(group[0]), int(lines.page[group[0]])
    before = np.flatnonzero((lines.page == page - 1) & (roles == FOOTNOTE))
    if not len(before) or not same_size(lines, int(before[-1]), first):
        return False
    here = np.flatnonzero((lines.page == page) & (roles == FOOTNOTE))
    if len(here) and here[0] < first or not texts[first][:1].islower():
        return False
    if lines.page[first - 1] != page or lines.size[first - 1] <= lines.size[first] + SIZE_TOLERANCE:
        return False  # under a line in its own size: a block of small type, not a note
    column, prose = where
    last = int(before[-1])
    full = lines.x1[last] >= _column(lines, texts, before[-1:], prose)[1] - 1.5 * lines.size[last]
    flush = bool((lines.x0[group] <= column[0] + 2.0).all())
    return bool(full and flush) and not texts[last].endswith(_SENTENCE_END)


def _column(
    lines: PdfLines, texts: list[str], group: np.ndarray, prose: np.ndarray
) -> tuple[float, float]:
    """The left and right edges of the group's column: where most of its page's body lines
    that share its extent start and end (or the group's own edges, marks left out)."""
    import numpy as np

    rows = [int(i) for i in group if not _MARK_ONLY_RE.match(texts[i])] or group.tolist()
    left, right = float(lines.x0[rows].min()), float(lines.x1[rows].max())
    here = np.flatnonzero((lines.page == lines.page[group[0]]) & prose)
    over = (np.minimum(lines.x1[here], right) - np.maximum(lines.x0[here], left)) > 0
    if over.any():
        left = min(left, float(np.percentile(lines.x0[here[over]], 10)))
        right = max(right, float(np.percentile(lines.x1[here[over]], 90)))
    return left, right


def _opens_note(
    lines: PdfLines, texts: list[str], group: np.ndarray, column: tuple[float, float]
) -> bool:
    """Whether a group is notes: opened by a mark or an indent, every line flush with the
    column or at the notes' indent (no table cells, no centred lines), and, without a mark,
    set as indented paragraphs (a line after a short one indented, after a full one flush:
    unlike the hanging indents of a reference list)."""
    import numpy as np

    rows = [int(i) for i in group if not _MARK_ONLY_RE.match(texts[i])]
    if not rows:
        return False
    marked = bool(_MARK_ONLY_RE.match(texts[int(group[0])]) or _MARK_RE.match(texts[rows[0]]))
    # the first page's foot in small type holds the paper's notes unmarked (ACM journals set
    # "A preliminary version of this paper ...", "Contact Information:", authors' addresses)
    marked = marked or (int(lines.page[rows[0]]) == int(lines.page.min()) and len(rows) >= 3)
    size = lines.size[rows[0]]
    left, right = column
    x0 = lines.x0[rows]
    indented = x0 > left + 0.8 * size
    if x0[0] > left + 4 * size or not (marked or (indented[0] and len(rows) >= 2)):
        return False
    at = x0[indented][0] if indented.any() else x0[0]  # the notes' one indent
    flush = x0 <= left + max(2.0, 0.35 * size)  # a "©" sets its line in a little
    if not np.where(indented, np.abs(x0 - at) <= 0.6 * size, flush).all():
        return False  # table cells, centred lines
    if marked:
        return True
    x1 = lines.x1[rows[:-1]]
    ends = np.fromiter((texts[i].endswith(_SENTENCE_END) for i in rows), bool, len(rows))
    if indented.all() and len(x1) >= 2 and x1.max() - x1.min() <= 4.0 and not ends[:-1].any():
        return False  # a justified block indented on both sides: a quotation
    short = lines.x1[rows] < right - 1.5 * size
    after_end = short[:-1] | ends[:-1]
    return bool((indented[1:] <= after_end).all() and (~indented[1:] <= ~short[:-1]).all())
