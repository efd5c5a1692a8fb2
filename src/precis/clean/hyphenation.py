"""Line-end hyphenation in plain text, Markdown and e-mail, as edits (issue 13, build item 3).

A hard-wrapped text breaks words at line ends: ``con-`` / ``structive``. Left alone, the
whitespace step turns the break into a space and the text reads ``con- structive``. Here each
hyphen at a line end gets the decision PDFs get (:func:`precis.clean.hyphen_join.should_join`):
document evidence first (does ``constructive`` or ``great-power`` occur elsewhere in the text?),
then word frequencies from :mod:`precis.clean.lexicon`. A hyphenated word is joined (the
hyphen, the line break and the next line's indentation or ``> `` quote prefix are deleted); a
true compound (``great-`` / ``power``, ``state-of-the-`` / ``art``) keeps its hyphen and loses
only the line break; a suspended hyphen (``short-`` / ``and long-term``) is left for the
whitespace step to turn into a space.

Left alone: hyphens inside a line, dashes (``--``, `` - ``, en and em dashes: the character
before the hyphen must be a letter or digit), list bullets (the next line must start with a
letter or digit), fenced code blocks, code-ish lines and tokens that are not words (URLs,
paths, identifiers). A soft hyphen (``U+00AD``) at a line end is always a hyphenation point.

Why by hand: hyphenation libraries (pyphen, TeX patterns) *insert* break points; none decides
whether an existing line-end hyphen belongs to the word, and none reports edits for offsets.
The step runs before the Unicode table deletes soft hyphens and before the whitespace step
turns line breaks into spaces; it leaves no line-end hyphen behind, so it is idempotent.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from precis.clean.hyphen_join import should_join, word_counts
from precis.offsets import Edit

SOFT_HYPHEN = "\u00ad"
# A hyphen (ASCII, U+2010 or soft) right after a letter or digit, optional trailing blanks, one
# line break, then the next line's indentation and e-mail quote markers, then a letter or digit.
# The hyphen comes first and the letter before it is a lookbehind after it: a pattern that
# starts with a lookbehind is tried at every position (1.1 s on 10M characters without hyphens).
_BREAK_RE = re.compile(
    r"([-\u2010\u00ad])(?<=[^\W_][-\u2010\u00ad])[ \t]*(?:\r\n|\n|\r)([ \t]*(?:>[ \t]*)*)"
    r"(?=[^\W_])"
)
_TRAILING_ALNUM_RE = re.compile(r"[^\W_]+$")
_LEADING_ALNUM_RE = re.compile(r"^[^\W_]+")
_QUOTE_PREFIX_RE = re.compile(r"[ \t]*(?:>[ \t]*)*")
# A word token, once its surrounding punctuation is stripped: letters, digits, inner hyphens and
# apostrophes. Anything else (``/``, ``_``, ``@``, ``.``, ``=``) marks a URL, path or identifier.
_WORDISH_RE = re.compile(r"[^\W_]+(?:[-\u2010'\u2019][^\W_]+)*[-\u2010\u00ad]?")
_OPENING = "([{\"'\u201c\u2018\u00ab*_"
_CLOSING = ".,;:!?)]}\"'\u201d\u2019\u00bb*_\u2026\u2013\u2014"
# Code-ish lines: operators and statement ends that prose does not use (academic prose does use
# "<", "|", "{c}", "c()" and `quotes', so single characters are no evidence).
_CODE_RE = re.compile(r"==|!=|->|=>|::|&&|\|\||[{}]\s*$|\)\s*;\s*$|^\s*(?:#include|def \w+\()")
_FENCE_RE = re.compile(r"^[ \t]{0,3}(?:```|~~~)", re.MULTILINE)
_SUSPENDED = frozenset({"and", "or", "nor", "to"})  # "short- and long-term", as in pdf_hyphens


def line_end_hyphen_edits(text: str) -> list[Edit]:
    """Edits that join words hyphenated at line ends and unbreak compounds split there."""
    candidates = list(_BREAK_RE.finditer(text))
    if not candidates:
        return []
    fences = _fence_spans(text)
    counts: Counter[str] | None = None
    edits: list[Edit] = []
    for m in candidates:
        hyphen, right_start = m.start(1), m.end()
        left_line = _line_at(text, hyphen)
        right_line = text[right_start : _line_end(text, right_start)]
        if _in_spans(fences, hyphen) or _skip(left_line, m.group(2), right_line):
            continue
        left = _TRAILING_ALNUM_RE.search(left_line[-100:-1])
        right = _LEADING_ALNUM_RE.match(right_line)
        if left is None or right is None:
            continue
        if m.group(1) == SOFT_HYPHEN:
            edits.append(Edit(hyphen, right_start, ""))
            continue
        if counts is None:
            counts = word_counts(text)  # the evidence pdf_layout counts
        decision = _decide(left.group(), right.group(), right_line[right.end() :], counts)
        if decision == "join":
            edits.append(Edit(hyphen, right_start, ""))
        elif decision == "keep":
            edits.append(Edit(hyphen + 1, right_start, ""))
    return edits


def _decide(left: str, right: str, after_right: str, counts: Counter[str]) -> str | None:
    """``"join"`` a hyphenated word, ``"keep"`` a compound's hyphen, or None (suspended hyphen)."""
    if any(c.isdigit() for c in left + right):
        return "keep"  # "COVID-19", "1990-2000": never a hyphenated word
    if should_join(left, right, counts):
        return "join"
    if right.lower() in _SUSPENDED and not after_right.startswith(("-", "\u2010")):
        return None  # "short-" / "and long-term": the whitespace step makes it "short- and"
    return "keep"


def _skip(left_line: str, right_prefix: str, right_line: str) -> bool:
    """Whether a candidate is not prose: a quote depth change, a code-ish line or a non-word."""
    left_prefix = _QUOTE_PREFIX_RE.match(left_line)
    left_depth = left_prefix.group().count(">") if left_prefix else 0
    if left_depth != right_prefix.count(">"):
        return True  # "> con-" then an unquoted line: two different messages
    if _CODE_RE.search(left_line) or _CODE_RE.search(right_line):
        return True
    left_token = left_line.rsplit(None, 1)[-1].lstrip(_OPENING)
    right_token = right_line.split(None, 1)[0].rstrip(_CLOSING) if right_line.strip() else ""
    return not (_WORDISH_RE.fullmatch(left_token) and _WORDISH_RE.fullmatch(right_token))


def _line_at(text: str, hyphen: int) -> str:
    """The line that ends with the hyphen at ``hyphen`` (hyphen included)."""
    start = text.rfind("\n", 0, hyphen) + 1
    start = text.rfind("\r", start, hyphen) + 1 or start  # bounded: never a scan to the start
    return text[start : hyphen + 1]


def _line_end(text: str, start: int) -> int:
    """Where the line containing ``start`` ends (its line break, or the end of the text)."""
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    cr = text.find("\r", start, end)  # bounded: never a scan to the end
    return end if cr < 0 else cr


def _fence_spans(text: str) -> list[int]:
    """Offsets of Markdown code fences, flattened pairs: inside a pair means inside code."""
    if "```" not in text and "~~~" not in text:
        return []
    return [m.start() for m in _FENCE_RE.finditer(text)]


def _in_spans(fences: list[int], pos: int) -> bool:
    """Whether ``pos`` lies between an opening fence and its closing one (or after an open one)."""
    return bisect.bisect_right(fences, pos) % 2 == 1
