"""Edits and offset maps: how cleaning keeps every character traceable to the source.

Every cleaning step returns a list of :class:`Edit` (replace ``text[start:end]`` by
``replacement``) instead of a new string. :func:`apply_edits` applies them and returns an
:class:`OffsetMap` from the new text back to the old one; maps compose in an
:class:`OffsetChain`. Offsets are therefore composed, never searched for afterwards (the pySBD
lesson in STYLE.md). Lookups are binary searches over numpy arrays: O(log n) each. A map is
built as compact stdlib arrays and viewed through numpy on its first lookup, so a command that
never maps an offset back (``precis text``) never imports numpy (issue 13: start-up).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from precis.errors import InvariantError

if TYPE_CHECKING:
    import numpy as np


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``replacement`` (an insertion when start == end)."""

    start: int
    end: int
    replacement: str


class Moved(str):
    """Replacement text that is ``old[origin:origin + len(self)]`` moved here (issue 14).

    PDF layout cleaning takes a footnote or caption out of the sentence it interrupts and puts
    it after the paragraph: the text at its old place is :class:`Vacated`, and an insertion of
    ``Moved`` text at the new place copies it, so every moved character still maps one to one
    to its source. Offset maps stay a partition of the old text, only not in old order there.
    """

    origin: int

    def __new__(cls, text: str, origin: int) -> Moved:
        moved = super().__new__(cls, text)
        moved.origin = origin
        return moved


class Vacated(str):
    """The (empty) replacement of text that a :class:`Moved` insertion puts elsewhere."""

    def __new__(cls) -> Vacated:
        return super().__new__(cls, "")


def delete(start: int, end: int) -> Edit:
    return Edit(start, end, "")


def insert(at: int, text: str) -> Edit:
    return Edit(at, at, text)


class OffsetMap:
    """Maps positions in an edited text back to the text before the edits.

    The new text is a sequence of segments, each either copied unchanged from the old text or
    produced by one edit. Positions inside a copied segment map one to one; a span that touches
    an edited segment widens to the whole old range of that edit, so a mapped span always covers
    the source of every character it contains.
    """

    __slots__ = ("_columns", "_arrays", "new_len", "old_len")

    def __init__(
        self,
        new_starts: Sequence[int] | np.ndarray,
        old_starts: Sequence[int] | np.ndarray,
        old_ends: Sequence[int] | np.ndarray,
        copied: Sequence[bool] | np.ndarray,
        new_len: int,
        old_len: int,
    ) -> None:
        self._columns: tuple[Sequence[Any], ...] = (new_starts, old_starts, old_ends, copied)
        self._arrays: tuple[np.ndarray, ...] | None = None
        self.new_len = new_len
        self.old_len = old_len

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([0], [0], [length], [True], length, length)

    def _columns_as_arrays(self) -> tuple[np.ndarray, ...]:
        """The four segment columns as numpy arrays, made on first use (issue 13).

        ``int64`` views share the buffers of :func:`apply_edits`'s ``array("q")`` columns, so
        the map costs no more memory than when it held numpy arrays from the start. Two threads
        may both convert; both results are equal and either may be kept.
        """
        arrays = self._arrays
        if arrays is None:
            import numpy as np

            new_starts, old_starts, old_ends, copied = self._columns
            arrays = (
                np.asarray(new_starts, dtype=np.int64),
                np.asarray(old_starts, dtype=np.int64),
                np.asarray(old_ends, dtype=np.int64),
                np.asarray(copied, dtype=bool),
            )
            self._arrays = arrays
        return arrays

    @property
    def new_starts(self) -> np.ndarray:
        """Start of each segment in the new text (int64, ascending)."""
        return self._columns_as_arrays()[0]

    @property
    def old_starts(self) -> np.ndarray:
        """Start of each segment's source in the old text (int64)."""
        return self._columns_as_arrays()[1]

    @property
    def old_ends(self) -> np.ndarray:
        """End (exclusive) of each segment's source in the old text (int64)."""
        return self._columns_as_arrays()[2]

    @property
    def copied(self) -> np.ndarray:
        """Whether each segment is copied unchanged (else an edit produced it)."""
        return self._columns_as_arrays()[3]

    def _segment(self, pos: int, *, right: bool) -> int:
        """Index of the segment holding ``pos``; ``right`` picks the left one at a boundary."""
        import numpy as np

        side = "left" if right else "right"
        idx = int(np.searchsorted(self.new_starts, pos, side=side)) - 1
        return max(idx, 0)

    def to_old_start(self, pos: int) -> int:
        """Old position of a span start at new position ``pos``."""
        self._check(pos)
        if pos == self.new_len:
            return self.old_len
        i = self._segment(pos, right=False)
        if self.copied[i]:
            return int(self.old_starts[i] + (pos - self.new_starts[i]))
        return int(self.old_starts[i])

    def to_old_end(self, pos: int) -> int:
        """Old position of a span end (exclusive) at new position ``pos``."""
        self._check(pos)
        if pos == 0:
            return 0
        i = self._segment(pos, right=True)
        if self.copied[i]:
            return int(self.old_starts[i] + (pos - self.new_starts[i]))
        return int(self.old_ends[i])

    def span_to_old(self, start: int, end: int) -> tuple[int, int]:
        old_start = self.to_old_start(start)
        old_end = self.to_old_end(end) if end > start else old_start
        return old_start, max(old_start, old_end)

    def starts_to_old(self, positions: np.ndarray) -> np.ndarray:
        """Vectorised :meth:`to_old_start` for an array of positions."""
        import numpy as np

        pos = np.asarray(positions, dtype=np.int64)
        idx = np.maximum(np.searchsorted(self.new_starts, pos, side="right") - 1, 0)
        out = np.where(
            self.copied[idx],
            self.old_starts[idx] + (pos - self.new_starts[idx]),
            self.old_starts[idx],
        )
        return np.where(pos >= self.new_len, self.old_len, out)

    def ends_to_old(self, positions: np.ndarray) -> np.ndarray:
        """Vectorised :meth:`to_old_end` for an array of positions."""
        import numpy as np

        pos = np.asarray(positions, dtype=np.int64)
        idx = np.maximum(np.searchsorted(self.new_starts, pos, side="left") - 1, 0)
        out = np.where(
            self.copied[idx],
            self.old_starts[idx] + (pos - self.new_starts[idx]),
            self.old_ends[idx],
        )
        return np.where(pos <= 0, 0, out)

    def _check(self, pos: int) -> None:
        if not 0 <= pos <= self.new_len:
            raise InvariantError(f"offset {pos} outside text of length {self.new_len}")


class OffsetChain:
    """Composition of maps, newest last: maps the final text back to the original one."""

    __slots__ = ("maps",)

    def __init__(self, maps: Iterable[OffsetMap] = ()) -> None:
        self.maps: list[OffsetMap] = list(maps)

    def append(self, m: OffsetMap) -> None:
        self.maps.append(m)

    def span_to_old(self, start: int, end: int) -> tuple[int, int]:
        for m in reversed(self.maps):
            start, end = m.span_to_old(start, end)
        return start, end

    def spans_to_old(self, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Vectorised :meth:`span_to_old`: O(k log n) for k spans, in numpy."""
        import numpy as np

        starts = np.asarray(starts, dtype=np.int64)
        ends = np.asarray(ends, dtype=np.int64)
        for m in reversed(self.maps):
            new_starts = m.starts_to_old(starts)
            ends = np.maximum(np.where(ends > starts, m.ends_to_old(ends), new_starts), new_starts)
            starts = new_starts
        return starts, ends

    def spans_to_new(self, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Map spans of the oldest text forward through the maps to the newest text.

        The inverse of :meth:`spans_to_old`: a span boundary inside an edited segment widens to
        the whole replacement; an insertion exactly at a boundary stays outside the span; an
        empty span (a deletion point) stays empty; text moved elsewhere (:class:`Moved`) is
        found where it went.
        """
        import numpy as np

        starts = np.asarray(starts, dtype=np.int64)
        ends = np.asarray(ends, dtype=np.int64)
        for m in self.maps:
            new_seg, old_seg, old_end_seg, copied = m.new_starts, m.old_starts, m.old_ends, m.copied
            seg_new_ends = np.append(new_seg[1:], m.new_len)
            if len(old_seg) > 1 and bool(np.any(old_seg[1:] < old_end_seg[:-1])):
                # text moved by PDF layout (issue 14): segments in old order for the searches
                order = np.argsort(old_seg, kind="stable")
                new_seg, old_seg, old_end_seg = new_seg[order], old_seg[order], old_end_seg[order]
                copied, seg_new_ends = copied[order], seg_new_ends[order]
            last = len(old_seg) - 1
            i = np.searchsorted(old_end_seg, starts, side="right")  # first segment ending after
            ic = np.minimum(i, last)
            moved = np.where(copied[ic], new_seg[ic] + (starts - old_seg[ic]), new_seg[ic])
            new_starts = np.where(i > last, m.new_len, moved)
            j = np.maximum(np.searchsorted(old_seg, ends, side="left") - 1, 0)  # last before
            moved = np.where(copied[j], new_seg[j] + (ends - old_seg[j]), seg_new_ends[j])
            new_ends = np.where(ends <= 0, 0, moved)
            ends = np.where(ends > starts, np.maximum(new_ends, new_starts), new_starts)
            starts = new_starts
        return starts, ends


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, OffsetMap]:
    """Apply sorted, non-overlapping edits; return the new text and its map back to ``text``.

    Raises:
        InvariantError: if edits overlap, are unsorted or fall outside the text (a bug in the
            step that produced them).
    """
    if not edits:
        return text, OffsetMap.identity(len(text))
    pieces: list[str] = []
    new_starts: list[int] = []
    old_starts: list[int] = []
    old_ends: list[int] = []
    copied: list[bool] = []
    new_pos = 0
    old_pos = 0
    for start, end, replacement in edits:
        if start < old_pos or end < start or end > len(text):
            raise InvariantError(f"bad edit ({start}, {end}) after position {old_pos}")
        if start > old_pos:
            new_starts.append(new_pos)
            old_starts.append(old_pos)
            old_ends.append(start)
            copied.append(True)
            pieces.append(text[old_pos:start])
            new_pos += start - old_pos
        if isinstance(replacement, Moved):
            origin = replacement.origin
            if end > start:
                raise InvariantError(f"moved text replaces ({start}, {end}): insert it")
            if text[origin : origin + len(replacement)] != replacement:
                raise InvariantError(f"moved text does not match the text at {origin}")
            new_starts.append(new_pos)
            old_starts.append(origin)
            old_ends.append(origin + len(replacement))
            copied.append(True)
            pieces.append(replacement)
            new_pos += len(replacement)
        elif isinstance(replacement, Vacated):
            pass  # its characters are in the map where they were moved to
        elif replacement or end > start:
            new_starts.append(new_pos)
            old_starts.append(start)
            old_ends.append(end)
            copied.append(False)
            pieces.append(replacement)
            new_pos += len(replacement)
        old_pos = end
    if old_pos < len(text):
        new_starts.append(new_pos)
        old_starts.append(old_pos)
        old_ends.append(len(text))
        copied.append(True)
        pieces.append(text[old_pos:])
        new_pos += len(text) - old_pos
    new_text = "".join(pieces)
    if not new_starts:  # everything deleted
        new_starts, old_starts, old_ends, copied = [0], [0], [len(text)], [False]
    offset_map = OffsetMap(
        array("q", new_starts),  # int64, as compact as numpy (see OffsetMap._columns_as_arrays)
        array("q", old_starts),
        array("q", old_ends),
        array("B", copied),
        len(new_text),
        len(text),
    )
    return new_text, offset_map


def merge_edits(*edit_lists: Iterable[Edit]) -> list[Edit]:
    """Merge edit lists from independent detectors into one sorted list; overlaps are a bug."""
    merged = sorted((e for edits in edit_lists for e in edits), key=lambda e: (e.start, e.end))
    for prev, cur in zip(merged, merged[1:], strict=False):
        if cur.start < prev.end or (cur.start == prev.end == cur.end == prev.start):
            raise InvariantError(f"overlapping edits {prev[:2]} and {cur[:2]}")
    return merged
