"""Whitespace normalisation, as edits: the block layout every later step relies on.

After this step the text has no leading or trailing whitespace, blocks (paragraphs, headings,
list items) are separated by exactly one blank line, and inside a block words are separated by
single spaces: a single line break is a hard wrap and becomes a space (never deleted, which is
how words like ``bargainedaway`` get glued), unless the next line starts a list item or a
Markdown heading.
"""

from __future__ import annotations

import re

from precis.offsets import Edit

# Whitespace runs that are not already a single space: only these can need an edit, so ordinary
# prose produces no regex match between most words. The look-ahead rejects non-space positions
# with one test instead of four (twice as fast on a 50 MB line; same matches).
_RUN_RE = re.compile(r"(?=\s)(?:\A\s+|\s{2,}|[^\S ]|\s\Z)")
_NEW_BLOCK_RE = re.compile(r"(?:[-*+\u2022\u25aa\u25cf\u2013]\s|\d{1,3}[.)]\s|#{1,6}\s|>\s)")


def whitespace_edits(text: str) -> list[Edit]:
    """Edits that give ``text`` the block layout described in the module docstring."""
    edits: list[Edit] = []
    n = len(text)
    for m in _RUN_RE.finditer(text):
        start, end = m.span()
        run = m.group()
        if start == 0 or end == n:
            replacement = ""
        else:
            breaks = run.count("\n") + run.count("\r") - run.count("\r\n") + 2 * run.count("\f")
            if breaks >= 2 or "\u2029" in run:
                replacement = "\n\n"
            elif breaks == 1 and (
                _NEW_BLOCK_RE.match(text, end) or _ends_heading_line(text, start)
            ):
                replacement = "\n\n"
            else:
                replacement = " "
        if run != replacement:
            edits.append(Edit(start, end, replacement))
    return edits


def _ends_heading_line(text: str, end: int) -> bool:
    """Whether the line ending at ``end`` is a heading line (Markdown anywhere, others at block start)."""
    line_start = text.rfind("\n", 0, end) + 1
    line = text[line_start:end].strip()
    if _MD_HEADING_RE.match(line):
        return True
    if line_start > 0:
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        if text[prev_start : line_start - 1].strip():
            return False  # the line continues a block: a hard wrap, not a heading
    return looks_like_heading(line)


_MD_HEADING_RE = re.compile(r"#{1,6}\s")
_NUMBERED_RE = re.compile(r"(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,5}\.|[A-Z]\.)\s+[A-Z]")
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to vs with".split())


def looks_like_heading(line: str) -> bool:
    """Numbered, all-caps or title-case short line without final punctuation."""
    if not line or len(line) > 100:
        return False
    if _MD_HEADING_RE.match(line):
        return True
    words = line.split()
    if len(words) > 12 or line[-1] in ".,;:!?\"'\u201d\u2019)":
        return False
    if _NUMBERED_RE.match(line):
        return True
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters):
        return True
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    return (
        2 <= len(words) <= 8
        and bool(significant)
        and all(w[0].isupper() or not w[0].isalpha() for w in significant)
    )
