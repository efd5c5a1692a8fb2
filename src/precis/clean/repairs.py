"""Auditable repairs: what each cleaning step changed, as spans of the clean and the raw text.

Issue 13 (build item 6): users must be able to see and trust the repairs, so ``precis text
--format json`` lists them. The pipeline hands each step's edits to a :class:`RepairLog` while it
runs (the step's input text is only alive then); at the end the log maps every repair forward
through the later steps' edits to the final clean text and back through the earlier ones to the
raw text. Both directions are binary searches over the offset maps' numpy arrays, vectorised per
step, so k repairs over m maps cost O(k m log n) and memory stays linear.

Edits that only change whitespace (line joins, collapsed spaces, paragraph breaks: the whole
``whitespace`` step and most of ``pdf_layout``) are not repairs: listing them would drown the
real ones. ``pdf_layout`` edits are split into what the step did but does not name: removed
header/footer lines (``running_head``) and rejoined line-end hyphenation (``hyphenation``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from precis.offsets import Moved, Vacated

if TYPE_CHECKING:
    import numpy as np

    from precis.offsets import Edit, OffsetChain

_LAYOUT_STEPS = frozenset({"whitespace"})  # its edits touch whitespace runs only, by construction
_HYPHENS = "-\ufffe\u00ad"  # a hyphen, pdfium's line-end hyphen marker, a soft hyphen
_LINE_RE = re.compile(r"[^\r\n\f\v\x85\u2028\u2029]+")  # the lines inside a deleted gap
_SPACE_RE = re.compile(r"\s")
_BREAK_RE = re.compile(r"\r\n|[\r\n\f\v\x85\u2028\u2029]")
_MAX_WORD = 64  # a widened span reaches at most this far each side: bounded on huge "words"


@dataclass(frozen=True, slots=True)
class Repair:
    """One repair: ``before`` (raw text) became ``after`` (clean text).

    ``kind`` is the step's name (``mojibake``, ``unicode``, ``entities``, ``tags``, ``markdown``,
    ``glued_words``, ``hyphenation``, ``characters``, ...); a ``pdf_layout`` edit is reported as
    ``running_head`` (a removed header, footer or page-number line) or ``hyphenation``.
    ``start``/``end`` index ``Document.text``: ``text[start:end] == after``, ``start == end``
    for a pure deletion (a removed running head, a deleted tag). ``source_start``/``source_end``
    index the raw text the ingest adapter extracted, like :class:`~precis.document.SourceRef`:
    ``raw[source_start:source_end] == before``, what the step replaced. ``after`` is the clean
    text where that ended up; when a later step merged neighbours (``&nbsp;</p>`` -> one space)
    several repairs share it. A repair that only inserts or removes a space or a hyphen inside
    a word is widened to the whole word, on both sides: ``start``/``end`` then cover the word in
    the clean text and ``before`` is that word's raw text (``bargainedaway`` -> ``bargained
    away``, ``con-\nstructive`` -> ``constructive``).
    """

    kind: str
    start: int
    end: int
    before: str
    after: str
    source_start: int
    source_end: int

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Repair:
        return cls(**data)


class _Piece(NamedTuple):
    """One repair as the step saw it: its span in the step's input and in its output."""

    kind: str
    in_start: int
    in_end: int
    out_start: int
    out_end: int
    widen: bool


@dataclass
class _Batch:
    """The repairs of one applied edit list; ``map_index`` is the index of its offset map."""

    map_index: int
    pieces: list[_Piece]


class RepairLog:
    """Collects repairs while the pipeline runs; :meth:`finish` turns them into :class:`Repair`."""

    def __init__(self) -> None:
        self._batches: list[_Batch] = []

    def record(self, step: str, text: str, edits: Sequence[Edit], map_index: int) -> None:
        """Note the repairs among ``edits`` (already sorted) that ``step`` made on ``text``."""
        if step in _LAYOUT_STEPS:
            return
        pieces: list[_Piece] = []
        shift = 0
        for start, end, replacement in edits:
            out_start = start + shift
            shift += len(replacement) - (end - start)
            if _layout_only(text, start, end, replacement) or isinstance(
                replacement, Moved | Vacated
            ):
                continue  # a float moved out of a sentence (issue 14) is no repair
            before = text[start:end]
            out_end = out_start + len(replacement)
            if step == "pdf_layout":
                pieces.extend(_pdf_layout_pieces(before, replacement, start, out_start, out_end))
            else:
                widen = len(_squeeze(before)) <= 1 and not _squeeze(replacement)
                pieces.append(_Piece(step, start, end, out_start, out_end, widen))
        if pieces:
            self._batches.append(_Batch(map_index, pieces))

    def finish(self, raw: str, clean: str, chain: OffsetChain) -> tuple[Repair, ...]:
        """Every repair as spans of ``clean`` and ``raw``, in text order, duplicates merged."""
        if not self._batches:
            return ()  # before numpy's import: a clean text costs nothing here
        import numpy as np

        from precis.offsets import OffsetChain

        kinds: list[str] = []
        widen: list[bool] = []
        parts: list[tuple[np.ndarray, ...]] = []
        for batch in self._batches:
            cols = np.array([p[1:5] for p in batch.pieces], dtype=np.int64).reshape(-1, 4)
            raw_s, raw_e = OffsetChain(chain.maps[: batch.map_index]).spans_to_old(
                cols[:, 0], cols[:, 1]
            )
            later = OffsetChain(chain.maps[batch.map_index + 1 :])
            new_s, new_e = later.spans_to_new(cols[:, 2], cols[:, 3])
            parts.append((new_s, new_e, raw_s, raw_e))
            kinds.extend(p.kind for p in batch.pieces)
            widen.extend(p.widen for p in batch.pieces)
        starts, ends, raw_starts, raw_ends = (
            np.concatenate(col) for col in zip(*parts, strict=True)
        )
        # A repair's source is what its step replaced, traced back to the raw text; a widened
        # one's is the raw text of the whole word, through every step's map.
        wide = np.flatnonzero(np.asarray(widen, dtype=bool))
        for i in wide:
            starts[i], ends[i] = _word_span(clean, int(starts[i]), int(ends[i]))
        raw_starts[wide], raw_ends[wide] = chain.spans_to_old(starts[wide], ends[wide])
        wide_flags = np.zeros(len(kinds), dtype=bool)
        wide_flags[wide] = True
        return _collect(kinds, wide_flags, starts, ends, raw_starts, raw_ends, (raw, clean))


def _collect(
    kinds: list[str],
    widen: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    raw_starts: np.ndarray,
    raw_ends: np.ndarray,
    texts: tuple[str, str],
) -> tuple[Repair, ...]:
    """The repairs in text order, without no-ops and without repairs that another one at the
    same clean span contains: a repair repaired again later (``&amp;lt;b&amp;gt;`` -> ``&lt;b&gt;``
    -> ``""``) is listed once, as the outermost; equal ones keep the earliest step's kind."""
    import numpy as np

    raw, clean = texts
    order = np.lexsort((np.arange(len(kinds)), -raw_ends, raw_starts, ends, starts))
    out: list[tuple[Repair, bool]] = []
    group: tuple[int, int] | None = None
    reach = -1  # the furthest raw end kept so far at this clean span
    for i in order.tolist():
        s, e, rs, re_ = int(starts[i]), int(ends[i]), int(raw_starts[i]), int(raw_ends[i])
        if (s, e) != group:
            group, reach = (s, e), -1
        elif re_ <= reach:
            continue  # inside a repair already listed (sorted by raw start, longest first)
        reach = max(reach, re_)
        before, after = raw[rs:re_], clean[s:e]
        if before != after:
            out.append((Repair(kinds[i], s, e, before, after, rs, re_), bool(widen[i])))
    return _drop_inside_words(out)


def _drop_inside_words(repairs: list[tuple[Repair, bool]]) -> tuple[Repair, ...]:
    """Drop a repair that lies inside a widened repair of the same kind: the word shows it
    already (``Lo¨ıc`` -> ``Loïc`` needs no second line for ``ı`` -> ``ï``)."""
    words = [_bounds(r) for r, wide in repairs if wide]  # in start order already
    if not words:
        return tuple(r for r, _ in repairs)
    word_starts = [w[0] for w in words]
    kept: list[Repair] = []
    for r, wide in repairs:
        k = bisect.bisect_right(word_starts, r.start)
        if not wide and any(_inside(r, words[j]) for j in range(k - 1, max(k - 4, -1), -1)):
            continue
        kept.append(r)
    return tuple(kept)


def _bounds(r: Repair) -> tuple[int, int, int, int, str]:
    return r.start, r.end, r.source_start, r.source_end, r.kind


def _inside(r: Repair, word: tuple[int, int, int, int, str]) -> bool:
    start, end, source_start, source_end, kind = word
    return (
        kind == r.kind
        and start <= r.start <= r.end <= end
        and source_start <= r.source_start <= r.source_end <= source_end
    )


def _squeeze(text: str) -> str:
    """``text`` without whitespace, pdfium's hyphen marker read as the hyphen it stands for."""
    return "".join(text.split()).replace("\ufffe", "-")


def _layout_only(text: str, start: int, end: int, after: str) -> bool:
    """Whether an edit changes nothing but whitespace (issue 13: such edits are not listed).

    A space inserted or removed between two visible characters of one line changes the words
    (``bargainedaway`` -> ``bargained away``, ``distribu tionally`` -> ``distributionally``), so
    that is a repair; joining lines or collapsing and trimming blanks is layout.
    """
    before = text[start:end]
    if _squeeze(before) != _squeeze(after):
        return False
    if bool(_SPACE_RE.search(before)) == bool(_SPACE_RE.search(after)) or _BREAK_RE.search(before):
        return True
    inside = 0 < start and end < len(text)
    return not (inside and not text[start - 1].isspace() and not text[end].isspace())


def _pdf_layout_pieces(
    before: str, after: str, start: int, out_start: int, out_end: int
) -> list[_Piece]:
    """Split a pdf_layout gap edit into rejoined hyphenation and removed running-head lines.

    A gap runs from the end of one kept line to the start of the next; every non-blank line
    inside it was removed as a running head, footer or page number, and a hyphen at its start
    that the replacement drops was a line-end hyphenation (``con-\\r\\nstructive``).
    """
    pieces: list[_Piece] = []
    body_from = 0
    if before and before[0] in _HYPHENS and not any(c in _HYPHENS for c in after):
        brk = _BREAK_RE.match(before, 1)
        body_from = brk.end() if brk else 1
        pieces.append(_Piece("hyphenation", start, start + body_from, out_start, out_end, True))
    for m in _LINE_RE.finditer(before, body_from):
        line = m.group()
        stripped = line.strip()
        if not stripped or (m.start() == 0 and stripped in _HYPHENS):
            continue
        lo = start + m.start() + (len(line) - len(line.lstrip()))
        hi = start + m.end() - (len(line) - len(line.rstrip()))
        pieces.append(_Piece("running_head", lo, hi, out_start, out_start, False))
    return pieces


def _word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``text[start:end]`` to the words around it: the run of non-blank characters,
    without leading or trailing punctuation (``empathy,coordination`` -> ``empathy, coordination``;
    ``(bargainedaway)`` -> ``bargained away``)."""
    lo, hi = start, end
    floor, ceiling = max(0, start - _MAX_WORD), min(len(text), end + _MAX_WORD)
    while lo > floor and not text[lo - 1].isspace():
        lo -= 1
    while hi < ceiling and not text[hi].isspace():
        hi += 1
    while lo < start and not text[lo].isalnum():
        lo += 1
    while hi > end and not text[hi - 1].isalnum():
        hi -= 1
    return lo, hi
