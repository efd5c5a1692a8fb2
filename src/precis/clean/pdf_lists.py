"""Numbered list items that run on from the line before in a PDF (issue 14).

A numbered item set flush with the one before ("2. He doesn't breathe ... him." / "3. You
can't imprison him ...", pdf_gold's book layout) is neither indented nor after a short line
when the item before fills its line, so the paragraph rules join the two. A line that opens
with the number after one that opened a recent line is the next item: a block of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

_NUMBER_OPENING_RE = re.compile(r"^(\d{1,2})[.)]\s+\S")
_LOOK_BACK = 12  # lines: how far back the item before may open (a long item wraps)


class _Text(Protocol):
    @property
    def text(self) -> str: ...


def next_list_items(lines: Sequence[_Text]) -> frozenset[int]:
    """Indices of lines that open with number n where one of the lines before opens with n-1."""
    opened: dict[int, int] = {}  # number -> index of the last line that opened with it
    found: set[int] = set()
    for k, line in enumerate(lines):
        match = _NUMBER_OPENING_RE.match(line.text)
        if match is None:
            continue
        value = int(match.group(1))
        before = opened.get(value - 1)
        if before is not None and k - before <= _LOOK_BACK:
            found.add(k)
        opened[value] = k
    return frozenset(found)
