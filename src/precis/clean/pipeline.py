"""The repair pipeline: run each cleaning step, apply its edits, keep the offset maps.

Each step is a pure function ``text -> list[Edit]``; this module only decides which steps run for
a format and in which order, and composes their offset maps so that every clean character maps
back to the raw text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from precis.clean import debris, markdown, unicode, whitespace
from precis.ingest.base import Extraction
from precis.offsets import Edit, OffsetChain, apply_edits
from precis.options import CleanOptions

logger = logging.getLogger(__name__)

Step = Callable[[str], list[Edit]]


@dataclass(frozen=True)
class Cleaned:
    """Clean text, its map back to the raw text, and how many edits each step made."""

    text: str
    chain: OffsetChain
    edit_counts: dict[str, int]


def clean(extraction: Extraction, options: CleanOptions) -> Cleaned:
    """Run the steps for ``extraction``'s format over its raw text."""
    text = extraction.text
    chain = OffsetChain()
    counts: dict[str, int] = {}
    for name, step in _steps(extraction, options):
        edits = step(text)
        counts[name] = len(edits)
        if edits:
            text, offset_map = apply_edits(text, edits)
            chain.append(offset_map)
        logger.debug("clean step %s: %d edits", name, len(edits))
    return Cleaned(text=text, chain=chain, edit_counts=counts)


def _steps(extraction: Extraction, options: CleanOptions) -> list[tuple[str, Step]]:
    """The steps for this format, in order. Whitespace always runs: it defines the block layout."""
    fmt = extraction.metadata.format
    steps: list[tuple[str, Step]] = []
    if not options.enabled:
        if fmt == "pdf":
            steps.append(("pdf_layout", _pdf_layout_step(extraction)))
        return steps + [("whitespace", whitespace.whitespace_edits)]
    if fmt == "pdf" and options.pdf_layout:
        steps.append(("pdf_layout", _pdf_layout_step(extraction)))
    if options.fix_mojibake:
        steps.append(("mojibake", unicode.mojibake_edits))
    if options.normalize_unicode:
        steps.append(("unicode", unicode.normalize_edits))
    if fmt in ("text", "markdown", "html"):
        steps.append(("entities", debris.entity_edits))
        steps.append(("tags", debris.tag_edits))
    steps.append(("whitespace", whitespace.whitespace_edits))
    if fmt == "markdown":
        steps.append(("markdown", markdown.heading_marker_edits))
    if options.split_glued_words:
        from precis.clean.glued import glued_word_edits

        steps.append(("glued_words", glued_word_edits))
    return steps


def _pdf_layout_step(extraction: Extraction) -> Step:
    from precis.clean.pdf_layout import pdf_layout_edits

    page_starts, indented = extraction.page_starts, frozenset(extraction.indented_lines)
    return lambda text: pdf_layout_edits(text, page_starts, indented)
