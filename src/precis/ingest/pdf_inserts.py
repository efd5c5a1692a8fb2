"""Inserts set into the column: pull quotes, pseudo-code, unlabelled captions (issue 14).

Part of the line roles of :mod:`precis.ingest.pdf_roles`. These blocks stand in the column
between body paragraphs, often in mid-paragraph, and read as body text, so each rule asks for
two cues besides the type:

- ``pull_quote``: a run of larger type than the body, in italic or opened by a quote mark,
  whose words the document prints again elsewhere (a magazine's pull quote repeats a body
  sentence; a deck or a heading does not);
- ``algorithm``: a run of three or more monospace lines that reads as code (an "Algorithm N"
  line, or brackets, assignments and keywords on most lines) and is set ragged (a justified
  paragraph in a monospace font is prose), in a document whose body is not monospace;
- ``caption``: a figure's caption with no "Figure N" label: a short run of smaller italic type
  with a gap of several lines above it in its column (where the figure stands) and the column
  going on right under it (footnotes end their column); or, where the column broke between a
  figure and its caption, such a run at the top of its column while the column before it ends
  several lines short of the others (the figure fills that foot);
- ``equation``: a display equation, in :mod:`precis.ingest.pdf_equations`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from precis.ingest.pdf_equations import EQUATION, mark_equations

if TYPE_CHECKING:
    import numpy as np

    from precis.ingest.pdf_lines import PdfLines

BODY = "body"
PULL_QUOTE = "pull_quote"
ALGORITHM = "algorithm"
CAPTION = "caption"
__all__ = ["ALGORITHM", "CAPTION", "EQUATION", "PULL_QUOTE", "mark_inserts"]
SIZE_TOLERANCE = 0.3  # points, as in pdf_roles
QUOTE_RATIO = 1.1  # a pull quote's size over the body's, at least
MIN_QUOTE_WORDS = 5
REPEATED_SHARE = 0.6  # of a pull quote's letters, in pieces printed again elsewhere
CHUNK = 20  # letters per piece (pieces overlap by half)
MAX_MONO_SHARE = 0.3  # of the document's characters: more, and monospace is the body type
MIN_CODE_LINES = 3
MAX_CAPTION_LINES = 6
FIGURE_GAP = 4.0  # body sizes of empty column above an unlabelled caption, at least
_QUOTE_OPEN = ("\u201c", '"', "\u2018", "\u00ab", "\u201e")
_NON_LETTER_RE = re.compile(r"[^a-z]+")
_CODE_TITLE_RE = re.compile(r"^(?:Algorithm|Listing|Procedure|Program)\s*\d+\b")
_CODE_RE = re.compile(
    r"[{}()\[\]=<>;#]|<-|:=|//\s|\b(?:for|while|if|else|return|do|end|def|then|repeat|until|"
    r"import|function)\b"
)


def mark_inserts(
    lines: PdfLines, texts: list[str], roles: np.ndarray, body: float, text: str
) -> None:
    """Pull quotes, pseudo-code, unlabelled captions and display equations among the lines
    still ``body``."""
    mark_pull_quotes(lines, texts, roles, body, text)
    mark_algorithms(lines, texts, roles)
    mark_unlabelled_captions(lines, texts, roles, body)
    mark_equations(lines, texts, roles, body)


def _runs(
    lines: PdfLines, candidates: np.ndarray, gap: float, across_pages: bool = False
) -> list[list[int]]:
    """Consecutive candidate lines in one size, each right under the one before (a step of at
    most ``gap`` sizes) and within the run's extent (code is indented); ``across_pages``: a
    run goes on over a page break."""
    import numpy as np

    runs: list[list[int]] = []
    for i in np.flatnonzero(candidates).tolist():
        if runs and _goes_on(lines, runs[-1], i, gap, across_pages):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _goes_on(lines: PdfLines, run: list[int], below: int, gap: float, across_pages: bool) -> bool:
    """Whether ``below`` continues ``run``."""
    above = run[-1]
    if abs(lines.size[above] - lines.size[below]) > SIZE_TOLERANCE:
        return False
    if across_pages and lines.page[below] == lines.page[above] + 1:
        return below - above <= 5  # a page number and a running head between
    if below != above + 1 or lines.page[above] != lines.page[below]:
        return False
    left, right = lines.x0[run].min(), lines.x1[run].max()
    overlap = min(right, lines.x1[below]) - max(left, lines.x0[below])
    step = (lines.y0[above] + lines.y1[above] - lines.y0[below] - lines.y1[below]) / 2
    return bool(overlap > 0 and 0 < step <= gap * lines.size[above])


def mark_pull_quotes(
    lines: PdfLines, texts: list[str], roles: np.ndarray, body: float, text: str
) -> None:
    """Pull quotes: larger italic or quoted type that repeats words printed elsewhere."""
    large = (lines.size >= QUOTE_RATIO * body) & (lines.size > body + SIZE_TOLERANCE)
    large &= roles == BODY
    if not large.any():
        return
    letters = _NON_LETTER_RE.sub("", text.casefold())
    for run in _runs(lines, large, gap=2.0):
        quoted = texts[run[0]].startswith(_QUOTE_OPEN)
        if not (quoted or lines.italic[run].all()):
            continue
        words = " ".join(texts[i] for i in run)
        if len(words.split()) >= MIN_QUOTE_WORDS and _repeated(words, letters):
            roles[run] = PULL_QUOTE


def _repeated(words: str, letters: str) -> bool:
    """Whether most pieces of ``words`` occur twice in ``letters`` (here and elsewhere)."""
    own = _NON_LETTER_RE.sub("", words.casefold())
    pieces = [own[k : k + CHUNK] for k in range(0, len(own) - CHUNK + 1, CHUNK // 2)]
    if len(pieces) < 2:
        return False
    found = sum(letters.count(piece) >= 2 for piece in pieces)
    return found >= REPEATED_SHARE * len(pieces)


def mark_algorithms(lines: PdfLines, texts: list[str], roles: np.ndarray) -> None:
    """Pseudo-code and listings: ragged runs of monospace lines that read as code."""
    chars = (lines.end - lines.start).astype("float64")
    mono = lines.mono & (roles == BODY)
    if not mono.any() or chars[lines.mono].sum() > MAX_MONO_SHARE * chars.sum():
        return
    for run in _runs(lines, mono, gap=2.2, across_pages=True):
        if len(run) >= MIN_CODE_LINES and _reads_as_code(lines, texts, run):
            roles[run] = ALGORITHM


def _reads_as_code(lines: PdfLines, texts: list[str], run: list[int]) -> bool:
    """An "Algorithm N" title or code marks on most lines, and a ragged right edge."""
    marked = sum(bool(_CODE_RE.search(texts[i])) for i in run)
    if not (_CODE_TITLE_RE.match(texts[run[0]]) or 2 * marked >= len(run)):
        return False
    right = lines.x1[run[:-1]]
    flush = (right >= right.max() - lines.size[run[0]]).sum()
    return bool(2 * flush < len(right) + 1)


def mark_unlabelled_captions(
    lines: PdfLines, texts: list[str], roles: np.ndarray, body: float
) -> None:
    """Captions without a label: short runs of smaller italic type under an empty stretch of
    their column (the figure), with the column going on right under them."""
    small = lines.italic & (lines.size < body - SIZE_TOLERANCE) & (roles == BODY)
    if not small.any():
        return
    for run in _runs(lines, small, gap=1.6):
        if len(run) > MAX_CAPTION_LINES or not any(len(texts[i].split()) >= 4 for i in run):
            continue
        above, below = _neighbours(lines, run)
        if below <= 3 * body and (
            above >= FIGURE_GAP * body or _figure_ends_previous_column(lines, roles, run, body)
        ):
            roles[run] = CAPTION


def _figure_ends_previous_column(
    lines: PdfLines, roles: np.ndarray, run: list[int], body: float
) -> bool:
    """Whether the run opens its column level with the page's first body line and the column
    to its left ends several body sizes above the page's lowest body line (a figure box at its
    foot, the caption pushed over the column break; pdf_gold magazine-news1837ffd3 page 2)."""
    import numpy as np

    page = np.flatnonzero(lines.page == lines.page[run[0]])
    text = page[(np.abs(lines.size[page] - body) <= SIZE_TOLERANCE) & (roles[page] == BODY)]
    if not len(text) or lines.y1[run].max() < lines.y1[text].max() - body:
        return False
    left, width = lines.x0[run].min(), lines.x1[run].max() - lines.x0[run].min()
    before = text[(lines.x1[text] < left) & (lines.x1[text] > left - width)]
    if not len(before):
        return False
    return bool(lines.y0[before].min() - lines.y0[text].min() >= FIGURE_GAP * body)


def _neighbours(lines: PdfLines, run: list[int]) -> tuple[float, float]:
    """The empty space above the run in its column (to the nearest line, or to the top of the
    page's text) and below it (to the nearest line, infinite if none)."""
    import numpy as np

    page = np.flatnonzero(lines.page == lines.page[run[0]])
    left, right = lines.x0[run].min(), lines.x1[run].max()
    top, bottom = lines.y1[run].max(), lines.y0[run].min()
    column = page[(np.minimum(lines.x1[page], right) - np.maximum(lines.x0[page], left)) > 0]
    higher = column[lines.y0[column] > top]
    lower = column[lines.y1[column] < bottom]
    ceiling = lines.y0[higher].min() if len(higher) else lines.y1[page].max()
    floor = lines.y1[lower].max() if len(lower) else -np.inf
    return float(ceiling - top), float(bottom - floor)
