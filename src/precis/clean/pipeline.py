"""The repair pipeline: run each cleaning step, apply its edits, keep the offset maps.

Each step is a pure function ``text -> list[Edit]``; this module only decides which steps run for
a format and in which order, and composes their offset maps so that every clean character maps
back to the raw text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from precis.clean import characters, debris, markdown, unicode, whitespace
from precis.clean.repairs import Repair, RepairLog
from precis.ingest.base import Extraction
from precis.language import detect_language
from precis.offsets import Edit, OffsetChain, apply_edits
from precis.options import CleanOptions

logger = logging.getLogger(__name__)

Step = Callable[[str], list[Edit]]

_REPAIR_ROUNDS = 4  # a safety cap; real text converges in one or two rounds
_WHITESPACE_WAKES = frozenset({"mojibake", "tags"})  # see _run_group


@dataclass(frozen=True)
class Cleaned:
    """Clean text, its map back to the raw text, how many edits each step made, and the repairs
    among them (``repairs``: what a user audits, issue 13; whitespace-only edits are left out)."""

    text: str
    chain: OffsetChain
    edit_counts: dict[str, int]
    repairs: tuple[Repair, ...] = ()
    language: str | None = None


def clean(extraction: Extraction, options: CleanOptions) -> Cleaned:
    """Run the steps for ``extraction``'s format over its raw text.

    The character repairs and the whitespace layout run as one group, repeated until a round
    changes nothing (at most ``_REPAIR_ROUNDS``), because each can expose work for another:
    deleting a control character joins mojibake (``Â\\x1f\\x80``), a decoded entity can be
    another entity (``&amp;lt;p&amp;gt;``), a tag, a zero-width character or a combining mark,
    and removing a tag can leave two spaces. Cleaning is then idempotent: the clean text is a
    fixed point of text cleaning (tests/properties/test_clean_properties.py). A second round
    is cheap: only steps that may have new work run, and ftfy skips the lines it has already
    seen unchanged.
    """
    text = extraction.text
    chain = OffsetChain()
    counts: dict[str, int] = {}
    log = RepairLog()
    language, decided = options.language, options.language is not None
    for group in _stages(extraction, options, chain):
        if group[0][0] == "glued_words":
            # Decided on the text as the character repairs left it (what the step will see),
            # so that cleaning the clean text again decides the same.
            language, decided = language if decided else detect_language(text), True
            if language not in (None, "en"):
                continue
        text = _run_group(group, text, chain, counts, log)
    if not decided:  # no glued-word step ran (cleaning off): the clean text says
        language = detect_language(text)
    repairs = log.finish(extraction.text, text, chain)
    return Cleaned(text=text, chain=chain, edit_counts=counts, repairs=repairs, language=language)


def _run_group(
    group: list[tuple[str, Step]],
    text: str,
    chain: OffsetChain,
    counts: dict[str, int],
    log: RepairLog,
) -> str:
    """Run a group's steps in order, each again while another step's edits may give it work.

    Edits wake every step of the group, except the whitespace step's, which can only expose
    mojibake (ftfy sees no-break spaces turned into spaces) and tags (``<p a`` + 600 spaces +
    ``b>``): so a second round after a first that only fixed the layout is nearly free.
    """
    names = {name for name, _ in group}
    awake = set(names)
    for _ in range(_REPAIR_ROUNDS if len(group) > 1 else 1):
        if not awake:
            break
        for name, step in group:
            if name not in awake:
                continue
            awake.discard(name)
            edits = step(text)
            counts[name] = counts.get(name, 0) + len(edits)
            logger.debug("clean step %s: %d edits", name, len(edits))
            if edits:
                log.record(name, text, edits, len(chain.maps))
                text, offset_map = apply_edits(text, edits)
                chain.append(offset_map)
                awake |= (_WHITESPACE_WAKES & names) if name == "whitespace" else names
    return text


def _stages(
    extraction: Extraction, options: CleanOptions, chain: OffsetChain
) -> list[list[tuple[str, Step]]]:
    """The steps for this format, in order, grouped: a group of several repeats to a fixed point."""
    fmt = extraction.metadata.format
    whitespace_step: list[tuple[str, Step]] = [("whitespace", whitespace.whitespace_edits)]
    stages: list[list[tuple[str, Step]]] = []
    if not options.enabled:
        if fmt == "pdf":
            stages.append([("pdf_layout", _pdf_layout_step(extraction))])
        return stages + [whitespace_step]
    if fmt == "pdf" and options.normalize_unicode and extraction.marks:  # issue 13: by glyph boxes
        stages.append([("pdf_marks", characters.mark_hint_step(extraction))])
    if fmt == "pdf" and options.pdf_layout:
        stages.append([("pdf_layout", _pdf_layout_step(extraction))])
    repairs: list[tuple[str, Step]] = []
    if fmt in ("text", "markdown"):  # issue 13: first, while soft hyphens and line breaks remain
        from precis.clean.hyphenation import line_end_hyphen_edits

        repairs.append(("hyphenation", line_end_hyphen_edits))
    if options.fix_mojibake:
        unchanged: set[bytes] = set()  # lines ftfy left alone: later rounds skip them
        repairs.append(("mojibake", lambda text: unicode.mojibake_edits(text, unchanged)))
    if options.normalize_unicode:
        repairs.append(("unicode", unicode.normalize_edits))
        repairs.append(("characters", characters.text_step(fmt)))  # issue 13
    if fmt in ("text", "markdown", "html"):
        repairs.append(("entities", debris.entity_edits))
        repairs.append(("tags", debris.tag_edits))
    stages.append(repairs + whitespace_step)  # whitespace always: it defines the block layout
    if fmt == "markdown":
        stages.append([("markdown", markdown.heading_marker_edits)])
    # The glue splitter's lexicon is English: on French it made "soit" "so it" (issue 19);
    # clean() skips it for another language (unknown, a text too short to tell, keeps it).
    if options.split_glued_words:
        from precis.clean.glued import glued_word_edits

        shown = _printed_spaces(extraction, chain)
        stages.append([("glued_words", lambda text: glued_word_edits(text, shown))])
    return stages


def _printed_spaces(
    extraction: Extraction, chain: OffsetChain
) -> Callable[[list[int]], dict[int, bool | None]] | None:
    """For a PDF: whether the page shows a space at positions of the text being cleaned.

    Positions map back through ``chain`` (as it stands when the glued-word step runs) to two
    adjacent raw characters; where they are not adjacent (a line break or a repair between
    them) the glyphs cannot tell and the answer is None.
    """
    printed = extraction.printed_spaces
    if printed is None:
        return None

    def shown(positions: list[int]) -> dict[int, bool | None]:
        raw: dict[int, int] = {}
        for at in positions:
            if at <= 0:
                continue
            before = chain.span_to_old(at - 1, at)[0]
            after = chain.span_to_old(at, at + 1)[0]
            if after == before + 1:
                raw[at] = after
        answers = printed.shown(raw.values())
        return {at: answers.get(raw[at]) if at in raw else None for at in positions}

    return shown


def _extents(extraction: Extraction) -> dict[int, tuple[float, float, float, float]]:
    """Line start -> (left edge, right edge, font size, middle height) for the lines the PDF
    draws (issue 14)."""
    lines = extraction.lines
    if lines is None or not len(lines):
        return {}
    middles = (lines.y0 + lines.y1) / 2
    return {
        int(s): (float(x0), float(x1), float(size), float(y))
        for s, x0, x1, size, y in zip(
            lines.start, lines.x0, lines.x1, lines.size, middles, strict=True
        )
    }


def _pdf_layout_step(extraction: Extraction) -> Step:
    from precis.clean.pdf_layout import LayoutHints, pdf_layout_edits

    page_starts = extraction.page_starts
    hints = LayoutHints(
        indented=frozenset(extraction.indented_lines),
        breaks=extraction.line_breaks,
        hidden=frozenset(extraction.hidden_lines),
        margin=frozenset(extraction.margin_lines),
        roles=extraction.line_roles,
        headings=extraction.heading_lines,
        extents=_extents(extraction),
    )
    return lambda text: pdf_layout_edits(text, page_starts, hints)
