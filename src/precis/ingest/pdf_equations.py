"""Display equations: math set apart from the text column (issue 14).

Part of the inserts of :mod:`precis.ingest.pdf_inserts`. A display equation is typeset off the
column's left edge (centred, or indented in ``align``), in pieces the text layer prints as
separate lines (a fraction's numerator and denominator, a sum's limits, the equation number at
the right margin). Left in the reading flow it splices symbols and digits into the sentence
around it ("... Yn i=1 P(wi | wi-2, wi-1) (1) The expectation is ...").

A body line taken out of the flow is data loss, so a run of lines is an equation only when
every line of it stands off the left edge of the prose around it in its column (measured from
where its visual line begins: a superscript or a sum's limits split a body line into pieces)
and reads as math (almost no words, and a symbol, a math font, single letters or an equation
number), no piece of its visual line reads as prose, some line stands off by more than a
paragraph indent or the run carries an equation number "(N)", and the run as a whole has a
relation or a big operator (``= < > ≤ ≥ ∈ ∑ ∏ ∫ ...``) and a math font or mostly
single-letter tokens. Monospace lines are code, and a lone number first or last on its page
is the page number. A sentence that merely holds a formula starts at the left edge and has
words: it stays body.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from precis.ingest.pdf_lines import PdfLines

BODY = "body"
EQUATION = "equation"
MIN_OFFSET = 1.0  # body sizes from the column's left edge, at least, for every line
DISPLAY_OFFSET = 2.0  # for some line of an unnumbered display (past a paragraph's indent)
MAX_STEP = 2.0  # body sizes between two pieces of one display, at most
MAX_SIZE = 1.5  # of the body size: larger type is a heading, not math
MIN_EDGE_LINES = 3  # prose lines a page needs to show where its columns begin
LOOK_BACK = 3  # pieces of a visual line looked back over (a stacked sub- and superscript)
NEAR = 2  # prose lines above and below a line that show its column's left edge
MAX_WORD_SHARE = 0.25  # of a display's tokens, at most, are words
MAX_WORDS = 2
# Math fonts by name: TeX's Computer Modern, AMS and Euler math fonts, Latin Modern and the
# common math companions (txfonts, pxfonts, newtx, MathTime, STIX, Cambria Math, Symbol).
_MATH_FONT_RE = re.compile(
    r"^(?:cmmi|cmsy|cmex|cmbsy|cmmib|msbm|msam|eufm|eusm|euex|rsfs|lmmath|latinmodernmath|"
    r"txmi|txsy|txex|pxmi|pxsy|pxex|ntxmi|ntxsy|ntxex|newtxmi|mtmi|mtsy|mtex|rmtmi|"
    r"stix\w*math|xits\w*math|cambriamath|symbol)",
    re.IGNORECASE,
)
_RELATIONS = "=<>\u2264\u2265\u2260\u2248\u2261\u221d\u223c\u2208\u2209\u2282\u2286\u2192\u21d2"
_BIG_OPERATORS = "\u2211\u220f\u222b"  # ∑ ∏ ∫ (CMEX draws them as "X", "Y", "Z")
_MATH_CHARS = (
    _RELATIONS
    + _BIG_OPERATORS
    + "+\u2212\u00b1\u00d7\u00b7\u2225|^\u22a4\u2032\u2202\u2207\u221a\u221e"
)
_GREEK_RE = re.compile(r"[\u0391-\u03a9\u03b1-\u03c9\u03d1\u03d5\u03f5]")
_WORD_RE = re.compile(r"^[A-Za-z][a-z]{2,}[.,;:]?$")
_MATH_NAMES = frozenset(
    "log exp max min arg sin cos tan lim sup inf det sim mod var cov softmax argmax argmin "
    "tanh sigmoid".split()
)
_NUMBER_RE = re.compile(r"\s*\((?:[A-Z]\.)?\d{1,3}(?:\.\d{1,3})?[a-z]?\)$")  # (3) (2.1) (A.4)
_GLYPH_RE = re.compile(r"[\x00-\x1f\ue000-\uf8ff]")  # a math glyph with no Unicode name
_FOLIO_RE = re.compile(r"^(?:\d{1,4}|[ivxlc]{1,6})$")
_PIECE_RE = re.compile(r"^\S{1,4}$")  # a limit, an exponent, a lone operator ("i=1", "2", "X")


def mark_equations(lines: PdfLines, texts: list[str], roles: np.ndarray, body: float) -> None:
    """Display equations: runs of math lines set off the left edge of their column's prose."""
    import numpy as np

    if np.isnan(body):
        return
    candidates = np.zeros(len(lines), dtype=bool)
    offsets = np.zeros(len(lines))
    starts, groups = _visual_lines(lines)
    for i, edge in _left_edges(lines, texts, roles, body).items():
        if lines.size[i] > MAX_SIZE * body or lines.mono[i] or _folio(lines, texts, i):
            continue
        offsets[i] = (starts[i] - edge) / body
        candidates[i] = offsets[i] >= MIN_OFFSET and _reads_as_math(lines, texts, i)
    prose_lines = {
        g for g, c, r in zip(groups, candidates, roles, strict=True) if not c and r == BODY
    }
    candidates &= np.array([g not in prose_lines for g in groups], dtype=bool)
    for run in _runs(lines, candidates, body):
        numbered = any(_NUMBER_RE.search(texts[i]) for i in run)
        if (numbered or offsets[run].max() >= DISPLAY_OFFSET) and _is_display(lines, texts, run):
            roles[run] = EQUATION


def _visual_lines(lines: PdfLines) -> tuple[list[float], list[int]]:
    """Where each line's visual line begins, and which visual line it is on: a piece the text
    layer split off (at a superscript, a subscript, a sum's limits, a font change) belongs to
    the visual line of a piece just before it on the same baseline that does not lie wholly
    to its right."""
    starts: list[float] = []
    groups: list[int] = []
    for i in range(len(lines)):
        start, group = float(lines.x0[i]), i
        for j in range(i - 1, max(i - 1 - LOOK_BACK, -1), -1):
            if (
                lines.page[j] == lines.page[i]
                and _same_baseline(lines, i, j)
                and lines.x0[j] <= lines.x1[i]
            ):
                start, group = min(starts[j], start), min(groups[j], group)
        starts.append(start)
        groups.append(group)
    return starts, groups


def _same_baseline(lines: PdfLines, i: int, j: int) -> bool:
    """Whether two boxes overlap in height, or one's middle lies in the other's height (a
    superscript's box may only touch its line's)."""
    middle_i, middle_j = (lines.y0[i] + lines.y1[i]) / 2, (lines.y0[j] + lines.y1[j]) / 2
    return bool(
        min(lines.y1[i], lines.y1[j]) > max(lines.y0[i], lines.y0[j])
        or lines.y0[j] <= middle_i <= lines.y1[j]
        or lines.y0[i] <= middle_j <= lines.y1[i]
    )


def _left_edges(
    lines: PdfLines, texts: list[str], roles: np.ndarray, body: float
) -> dict[int, float]:
    """For each body line, the left edge of the prose around it: the least left end of the
    nearest prose lines above and below it that share its column (two each way)."""
    import numpy as np

    prose = (roles == BODY) & (np.abs(lines.size - body) <= 0.3)
    prose &= np.array([_words(text) >= 4 for text in texts], dtype=bool)
    edges: dict[int, float] = {}
    for page in np.unique(lines.page).tolist():
        on_page = lines.page == page
        mine = np.flatnonzero(on_page & prose)
        if len(mine) < MIN_EDGE_LINES:
            continue
        for i in np.flatnonzero(on_page & (roles == BODY) & ~prose).tolist():
            overlap = np.minimum(lines.x1[mine], lines.x1[i]) - np.maximum(
                lines.x0[mine], lines.x0[i]
            )
            column = mine[overlap > 0]
            above = column[lines.y0[column] > lines.y1[i]]
            below = column[lines.y1[column] < lines.y0[i]]
            near = np.concatenate(
                [
                    above[np.argsort(lines.y0[above])[:NEAR]],
                    below[np.argsort(-lines.y1[below])[:NEAR]],
                ]
            )
            if len(near):
                edges[i] = float(lines.x0[near].min())
    return edges


def _folio(lines: PdfLines, texts: list[str], i: int) -> bool:
    """A lone number first or last on its page: the page number, not ours to take."""
    first = i == 0 or lines.page[i - 1] != lines.page[i]
    last = i == len(lines) - 1 or lines.page[i + 1] != lines.page[i]
    return (first or last) and bool(_FOLIO_RE.match(texts[i]))


def _words(text: str) -> int:
    """Tokens that are words (three letters or more, not a math function's name)."""
    return sum(
        1
        for token in text.split()
        if _WORD_RE.match(token) and token.rstrip(".,;:").casefold() not in _MATH_NAMES
    )


def _reads_as_math(lines: PdfLines, texts: list[str], i: int) -> bool:
    """Almost no words, and a math mark: a symbol, a Greek letter, a math font, an equation
    number, single letters, or a piece too short to be prose ("i=1", "))" before "(1)")."""
    numbered = _NUMBER_RE.search(texts[i])
    text = texts[i][: numbered.start()] if numbered else texts[i]
    tokens = text.split()
    words = _words(text)
    if words > MAX_WORDS or words > MAX_WORD_SHARE * len(tokens):
        return False
    return bool(
        not tokens
        or _math_font(lines, i)
        or any(c in _MATH_CHARS for c in text)
        or _GREEK_RE.search(text)
        or _GLYPH_RE.search(text)
        or _PIECE_RE.match(text)
        or sum(len(t) == 1 and t.isalpha() for t in tokens) * 2 >= len(tokens)
    )


def _math_font(lines: PdfLines, i: int) -> bool:
    """Whether line ``i`` is set in a math font."""
    font = int(lines.font[i])
    return font >= 0 and bool(_MATH_FONT_RE.match(lines.fonts[font]))


def _runs(lines: PdfLines, candidates: np.ndarray, body: float) -> list[list[int]]:
    """Consecutive candidates of one page whose tops and bottoms stay within a few body sizes
    of the run's extent (a fraction stacks its pieces; an equation number sits beside them)."""
    import numpy as np

    runs: list[list[int]] = []
    for i in np.flatnonzero(candidates).tolist():
        if runs and runs[-1][-1] == i - 1 and lines.page[i] == lines.page[i - 1]:
            run = runs[-1]
            low, high = lines.y0[run].min(), lines.y1[run].max()
            if lines.y1[i] >= low - MAX_STEP * body and lines.y0[i] <= high + MAX_STEP * body:
                run.append(i)
                continue
        runs.append([i])
    return runs


def _is_display(lines: PdfLines, texts: list[str], run: list[int]) -> bool:
    """A relation or a big operator, and a math font or mostly single-letter tokens."""
    joined = " ".join(texts[i] for i in run)
    if not any(c in _RELATIONS or c in _BIG_OPERATORS for c in joined):
        return False
    tokens = joined.split()
    words = _words(joined)
    if words > MAX_WORDS or words > MAX_WORD_SHARE * len(tokens):
        return False
    single = sum(len(t.strip("(),")) == 1 for t in tokens)
    return any(_math_font(lines, i) for i in run) or 2 * single >= len(tokens)
