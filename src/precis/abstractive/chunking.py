"""Token-aware chunking of a long document for abstractive models (issue 4, "Long documents").

An abstractive model reads a bounded number of tokens, so a long document is cut into chunks that
each fit. The cuts follow the document's own structure: chunks are filled with whole paragraphs,
a new section starts a new chunk once the current one is at least half full, and a paragraph too
large for the budget is split between sentences. A chunk never ends inside a sentence, and every
sentence lands in exactly one chunk, in document order; nothing is dropped or truncated here.

Tokens are counted by the caller's function (a model tokenizer's length, say) once per sentence;
a chunk's cost is the sum of its sentences' counts plus ``joint_tokens`` per joint between them,
because the joined text may count slightly differently from its parts (a separator, a merge across
the joint). Cost is linear in the number of sentences: one count per sentence and one per chunk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from precis.document import Document
from precis.errors import OptionError

logger = logging.getLogger(__name__)

SENTENCE_JOINT = " "
PARAGRAPH_JOINT = "\n\n"


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of consecutive whole sentences that fits the model's token budget.

    Attributes:
        index: position of the chunk in the document (0-based).
        text: the sentence texts, joined by a space within a paragraph and a blank line between
            paragraphs (the clean text's own spacing may hold headings or odd whitespace).
        sentences: indexes of the chunk's sentences, in order (consecutive unless a subset
            of the document was chunked).
        start: offset in ``doc.text`` where the first sentence starts.
        end: offset in ``doc.text`` where the last sentence ends (exclusive).
        sections: indexes of the sections the chunk's sentences belong to.
        headings: headings of those sections, those that have one.
        tokens: ``count_tokens(text)``, the real count of the joined text.
        oversized: the chunk is one sentence longer than ``max_tokens``; the caller must
            truncate or otherwise handle it, because cutting inside a sentence is not ours to do.
    """

    index: int
    text: str
    sentences: tuple[int, ...]
    start: int
    end: int
    sections: tuple[int, ...]
    headings: tuple[str, ...]
    tokens: int
    oversized: bool = False


def chunk_document(
    doc: Document,
    count_tokens: Callable[[str], int],
    max_tokens: int,
    *,
    joint_tokens: int = 2,
    sentences: Sequence[int] | None = None,
) -> tuple[Chunk, ...]:
    """Split ``doc`` into chunks of at most ``max_tokens`` tokens along its structure.

    Args:
        doc: the document to split.
        count_tokens: length of a text in the model's tokens, e.g.
            ``lambda t: len(tokenizer(t).input_ids)``.
        max_tokens: the budget of one chunk (the model's input length minus its prompt).
        joint_tokens: tokens allowed for each joint between two sentences; 2 covers a separator
            token and a merge across the joint for common subword tokenizers.
        sentences: chunk only these sentence indexes (one section, or the passages an
            extractive pass chose), taken in document order; None: the whole document.

    Returns:
        The chunks in document order; every sentence is in exactly one. A sentence longer than
        ``max_tokens`` is a chunk of its own with ``oversized=True``; the caller truncates it.

    Raises:
        OptionError: ``max_tokens`` < 1, ``joint_tokens`` < 0, or a sentence index out of range.
    """
    if isinstance(max_tokens, bool) or not isinstance(max_tokens, int) or max_tokens < 1:
        raise OptionError(f"max_tokens must be an integer >= 1, got {max_tokens!r}")
    if isinstance(joint_tokens, bool) or not isinstance(joint_tokens, int) or joint_tokens < 0:
        raise OptionError(f"joint_tokens must be an integer >= 0, got {joint_tokens!r}")
    ids = _selected(doc, sentences)
    counts = dict.fromkeys(ids, 0)
    for i in ids:
        counts[i] = count_tokens(doc.sentences[i].text)
    packer = _Packer(max_tokens, joint_tokens, counts)
    previous_section = None
    for run in _paragraph_runs(doc, ids):
        section = doc.sentences[run[0]].section
        new_section = previous_section is not None and section != previous_section
        packer.add_paragraph(run, new_section=new_section)
        previous_section = section
    packer.flush()
    return tuple(
        _build(doc, i, group, count_tokens, max_tokens, oversized)
        for i, (group, oversized) in enumerate(packer.groups)
    )


def _selected(doc: Document, sentences: Sequence[int] | None) -> list[int]:
    """The sentence indexes to chunk, sorted and unique (all of them when None)."""
    n = len(doc.sentences)
    if sentences is None:
        return list(range(n))
    ids = sorted(set(sentences))
    if ids and not (0 <= ids[0] and ids[-1] < n):
        raise OptionError(f"sentence indexes must be in 0..{n - 1}")
    return ids


def _paragraph_runs(doc: Document, ids: Sequence[int]) -> list[list[int]]:
    """Sentence indexes grouped by paragraph, in order (sentences are sorted by offset)."""
    runs: list[list[int]] = []
    for i in ids:
        if runs and doc.sentences[runs[-1][-1]].paragraph == doc.sentences[i].paragraph:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


class _Packer:
    """Greedy packing of paragraphs, then sentences, into groups that fit the budget."""

    def __init__(self, max_tokens: int, joint_tokens: int, counts: dict[int, int]) -> None:
        self.max = max_tokens
        self.joint = joint_tokens
        self.counts = counts
        self.groups: list[tuple[list[int], bool]] = []
        self.current: list[int] = []
        self.cost = 0

    def add_paragraph(self, ids: list[int], *, new_section: bool) -> None:
        """Add a whole paragraph, starting a new group where the structure or budget says so."""
        if new_section and 2 * self.cost >= self.max:
            self.flush()  # a section start is the best break once the chunk is half full
        para_cost = sum(self.counts[i] for i in ids) + self.joint * (len(ids) - 1)
        if para_cost > self.max:
            for i in ids:  # too big for any chunk: split it between sentences
                self.add_sentence(i)
        else:
            if self.current and self.cost + self.joint + para_cost > self.max:
                self.flush()  # keep the paragraph whole in the next chunk
            self.cost += (self.joint if self.current else 0) + para_cost
            self.current.extend(ids)

    def add_sentence(self, i: int) -> None:
        """Add one sentence; one larger than the budget becomes an oversized group of its own."""
        count = self.counts[i]
        if count > self.max:
            self.flush()
            self.groups.append(([i], True))
            return
        if self.current and self.cost + self.joint + count > self.max:
            self.flush()
        self.cost += (self.joint if self.current else 0) + count
        self.current.append(i)

    def flush(self) -> None:
        """Close the current group, if any."""
        if self.current:
            self.groups.append((self.current, False))
        self.current, self.cost = [], 0


def _build(
    doc: Document,
    index: int,
    ids: list[int],
    count_tokens: Callable[[str], int],
    max_tokens: int,
    oversized: bool,
) -> Chunk:
    """Join a group's sentences and record its offsets, sections and real token count."""
    sents = [doc.sentences[i] for i in ids]
    parts = [sents[0].text]
    for prev, s in pairwise(sents):
        parts.append(PARAGRAPH_JOINT if s.paragraph != prev.paragraph else SENTENCE_JOINT)
        parts.append(s.text)
    text = "".join(parts)
    sections = tuple(dict.fromkeys(s.section for s in sents))
    headings = tuple(h for h in (doc.sections[k].heading for k in sections) if h is not None)
    tokens = count_tokens(text)
    if tokens > max_tokens and not oversized:
        logger.warning(
            "chunk %s has %s tokens > max_tokens %s; raise joint_tokens for this tokenizer",
            index,
            tokens,
            max_tokens,
        )
    return Chunk(
        index=index,
        text=text,
        sentences=tuple(ids),
        start=sents[0].start,
        end=sents[-1].end,
        sections=sections,
        headings=headings,
        tokens=tokens,
        oversized=oversized,
    )
