"""Floats (footnotes, captions, tables) moved out of the sentence they interrupt (issue 14).

Lines of a float role (``Line.role``) are blocks of their own. A float group that interrupts a
paragraph (the body lines around it join) is moved after the paragraph's end: its text is
:class:`~precis.offsets.Vacated` where it was and inserted as :class:`~precis.offsets.Moved` text,
so the sentence reads on and every character still maps back to its source.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from precis.offsets import Edit, Moved, Vacated

if TYPE_CHECKING:
    from precis.clean.pdf_layout import Line

FLOAT_ROLES = frozenset(
    {"footnote", "caption", "table", "pull_quote", "algorithm", "equation"}
)  # lines that leave the sentence flow


def float_moves(
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


def moved(moves: dict[int, list[range]], k: int) -> bool:
    """Whether kept line ``k`` is in a float group that moves."""
    return any(k in group for groups in moves.values() for group in groups)


def vacated(kept: Sequence[Line], k: int, gaps: dict[int, tuple[int, int, str]]) -> list[Edit]:
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


def moved_in(
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
