"""Structure: clean text -> paragraphs, headings, sections and sentences, with source links.

Paragraphs are the blocks that cleaning separated by a blank line. A paragraph is a heading when
the format says so (HTML h1-h6, Markdown ``#``: heading hints mapped through the offset chain)
or, for text and PDF, when it looks like one (numbered, all-caps or title-case short line).
Sentences come from :func:`precis.sentences.sentence_spans` inside body paragraphs. Source links
are computed for all spans at once with vectorised offset maps.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from precis.clean.pipeline import Cleaned
from precis.clean.whitespace import looks_like_heading
from precis.document import Document, Paragraph, Section, Sentence, SourceRef
from precis.front_matter import with_front_matter
from precis.ingest.base import Extraction
from precis.ingest.pdf import PAGE_BREAK
from precis.roles import (
    BODY,
    HEADING,
    LIST_ITEM,
    READING_ROLES,
    SENTENCE_ROLES,
    block_roles,
    list_marker_length,
)
from precis.sentences import sentence_spans

_BLOCK_SEP_RE = re.compile(r"\n\n")
_NONSPACE = re.compile(r"\S")
_CLAUSE_END = re.compile(r"[,;:\u2013\u2014](?= )|[\uff0c\u3001\uff1b\uff1a]")
# Longest sentence kept whole. Real prose stays far below (99.9th percentile 300-800 characters
# on the shared corpora; 3 of 66,706 sentences of scisummnet_acl, PDF tables, exceed it); text
# without punctuation (transcripts, tables, a 50 MB line) is cut into pieces of this size.
MAX_SENTENCE_CHARS = 2_000
_NUMBER_PREFIX_RE = re.compile(r"(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s")


@dataclass(frozen=True)
class _Block:
    start: int
    end: int
    heading_level: int | None  # None for body text


def build_document(extraction: Extraction, cleaned: Cleaned) -> Document:
    """Assemble the :class:`Document` for cleaned text; validates before returning."""
    text = cleaned.text
    blocks, roles, raw_starts, raw_ends = _blocks_with_roles(extraction, cleaned)
    links = _SourceLinker(extraction)
    sections, section_of_block = _sections(text, blocks)  # sections keep list markers
    if LIST_ITEM in roles:
        blocks, raw_starts = _without_list_markers(text, blocks, roles, raw_starts, cleaned)
    paragraphs = tuple(
        Paragraph(
            index=i,
            start=b.start,
            end=b.end,
            section=section_of_block[i],
            kind=roles[i],
            source=links.ref(int(raw_starts[i]), int(raw_ends[i])),
        )
        for i, b in enumerate(blocks)
    )
    language = _language(cleaned, extraction)
    sentences, cut = _sentences(text, paragraphs, cleaned, links, language)
    warnings = extraction.warnings
    if cut:
        warnings += (
            f"text without sentence breaks: cut {cut} times into sentences of at most "
            f"{MAX_SENTENCE_CHARS} characters",
        )
    kinds = sorted({p.kind for p in paragraphs} - {HEADING} - set(SENTENCE_ROLES))
    if not sentences and kinds:  # a cover page alone: say why the summary is empty
        named = ", ".join(kinds[:-1]) + " and " + kinds[-1] if len(kinds) > 1 else kinds[0]
        warnings += (f"no body text to summarize: the document holds only {named} blocks",)
    metadata = extraction.metadata
    if extraction.line_roles:  # a PDF's printed title and authors (issue 14)
        metadata = with_front_matter(
            metadata,
            [text[p.start : p.end] for p in paragraphs],
            [p.kind for p in paragraphs],
            _author_lines(extraction),
        )
    doc = Document(
        text=text,
        metadata=metadata,
        sections=sections,
        paragraphs=paragraphs,
        sentences=sentences,
        warnings=warnings,
    )
    doc.validate()
    return doc


def reading_text(extraction: Extraction, cleaned: Cleaned) -> str:
    """The reading flow: the blocks of :data:`~precis.roles.READING_ROLES`, blank-line
    separated (what ``precis text`` prints: no references, appendices, captions, contents)."""
    text = cleaned.text
    blocks, roles, _, _ = _blocks_with_roles(extraction, cleaned)
    return "\n\n".join(
        text[
            b.start
            + (list_marker_length(text[b.start : b.end]) if role == LIST_ITEM else 0) : b.end
        ]
        for b, role in zip(blocks, roles, strict=True)
        if role in READING_ROLES
    )


def _blocks_with_roles(
    extraction: Extraction, cleaned: Cleaned
) -> tuple[list[_Block], list[str], np.ndarray, np.ndarray]:
    """Blocks with heading levels (only reading blocks head sections), their roles, and their
    raw spans."""
    text = cleaned.text
    blocks = _blocks(text)
    raw_starts, raw_ends = cleaned.chain.spans_to_old(
        np.array([b.start for b in blocks], dtype=np.int64),
        np.array([b.end for b in blocks], dtype=np.int64),
    )
    blocks = _mark_headings(text, blocks, raw_starts, raw_ends, extraction)
    roles = block_roles(
        [text[b.start : b.end] for b in blocks],
        [b.heading_level is not None for b in blocks],
        _given_roles(extraction, cleaned, blocks) if extraction.line_roles else None,
    )
    blocks = [
        b if role == HEADING or b.heading_level is None else _Block(b.start, b.end, None)
        for b, role in zip(blocks, roles, strict=True)
    ]
    return blocks, roles, raw_starts, raw_ends


def _without_list_markers(
    text: str, blocks: list[_Block], roles: list[str], raw_starts: np.ndarray, cleaned: Cleaned
) -> tuple[list[_Block], np.ndarray]:
    """List items start after their bullet or number: a marker is layout, not the item's words
    (a summary sentence "2. He doesn't breathe." reads it as one); it stays in the text between
    blocks, so every offset still maps back."""
    blocks = list(blocks)
    raw_starts = raw_starts.copy()
    for i, (b, role) in enumerate(zip(blocks, roles, strict=True)):
        cut = list_marker_length(text[b.start : b.end]) if role == LIST_ITEM else 0
        if cut:
            blocks[i] = _Block(b.start + cut, b.end, b.heading_level)
            raw_starts[i] = cleaned.chain.span_to_old(b.start + cut, b.end)[0]
    return blocks, raw_starts


def _author_lines(extraction: Extraction) -> list[str]:
    """The PDF's author lines as printed, in order (a block may join several)."""
    roles = extraction.line_roles
    return (
        [
            extraction.text[start:end]
            for start, end in sorted(
                (int(s), int(e))
                for s, e in zip(extraction.lines.start, extraction.lines.end, strict=True)
                if roles.get(int(s)) == "author"
            )
        ]
        if extraction.lines is not None
        else []
    )


def _given_roles(
    extraction: Extraction, cleaned: Cleaned, blocks: Sequence[_Block]
) -> list[str | None]:
    """Per block, the role most of its lines have in the PDF (``Extraction.line_roles``), or
    None when most are body. Each line is found in the clean text by mapping its start forward,
    so a footnote moved out of a paragraph counts where it went (issue 14)."""
    assert extraction.lines is not None  # line roles come with the lines
    starts = np.asarray(extraction.lines.start, dtype=np.int64)
    new_starts, new_ends = cleaned.chain.spans_to_new(starts, starts + 1)
    shown = new_ends > new_starts  # removed lines (running heads) map to a deletion point
    block_of = np.searchsorted([b.start for b in blocks], new_starts, side="right") - 1
    votes: list[Counter[str]] = [Counter() for _ in blocks]
    ends = [b.end for b in blocks]
    for line_start, block, visible, at in zip(
        starts.tolist(), block_of.tolist(), shown.tolist(), new_starts.tolist(), strict=True
    ):
        # a removed line (a page number) maps to the break after the block before it: no vote
        if visible and block >= 0 and at < ends[block]:
            votes[block][extraction.line_roles.get(line_start, BODY)] += 1
    given: list[str | None] = []
    for vote in votes:
        role, count = vote.most_common(1)[0] if vote else (BODY, 0)
        given.append(role if role != BODY and count * 2 > sum(vote.values()) else None)
    return given


def _blocks(text: str) -> list[_Block]:
    """Spans between blank lines (cleaning guarantees exactly ``\\n\\n`` between blocks)."""
    blocks: list[_Block] = []
    start = 0
    for m in _BLOCK_SEP_RE.finditer(text):
        if m.start() > start:
            blocks.append(_Block(start, m.start(), None))
        start = m.end()
    if start < len(text):
        blocks.append(_Block(start, len(text), None))
    return blocks


def _mark_headings(
    text: str,
    blocks: list[_Block],
    raw_starts: np.ndarray,
    raw_ends: np.ndarray,
    extraction: Extraction,
) -> list[_Block]:
    """Set heading levels from the format's hints, or from the look of the line."""
    hints = sorted(extraction.headings, key=lambda h: h.start)
    fonts_decide = extraction.heading_lines is not None  # PDF headings from fonts, issue 14
    if hints or fonts_decide or extraction.metadata.format in ("html", "markdown"):
        hint_starts = [h.start for h in hints]
        out = []
        for b, rs, re_ in zip(blocks, raw_starts, raw_ends, strict=True):
            level = _hinted_level(hints, hint_starts, int(rs), int(re_))
            out.append(_Block(b.start, b.end, level))
        return out
    out = []
    for i, b in enumerate(blocks):
        body_follows = i + 1 < len(blocks)
        block_text = text[b.start : b.end]
        level = (
            _guessed_level(block_text) if body_follows and looks_like_heading(block_text) else None
        )
        out.append(_Block(b.start, b.end, level))
    return out


def _hinted_level(hints: Sequence, hint_starts: list[int], start: int, end: int) -> int | None:
    """Level of the heading hint covering most of raw span [start, end), if any."""
    i = bisect.bisect_right(hint_starts, start) - 1
    for h in hints[max(i, 0) : i + 2]:
        overlap = min(end, h.end) - max(start, h.start)
        if end > start and overlap * 2 >= end - start:
            return int(h.level)
    return None


def _guessed_level(line: str) -> int:
    """1 for ``2`` / all-caps headings, 2 for ``2.1``, and so on; 2 for title-case lines."""
    m = _NUMBER_PREFIX_RE.match(line)
    if m:
        return m.group(1).count(".") + 1
    letters = [c for c in line if c.isalpha()]
    return 1 if letters and all(c.isupper() for c in letters) else 2


def _sections(text: str, blocks: list[_Block]) -> tuple[tuple[Section, ...], list[int]]:
    """One section per heading (plus a preamble before the first); parents by level."""
    sections: list[Section] = []
    section_of_block: list[int] = []
    stack: list[tuple[int, int]] = []  # (level, section index) of open ancestors
    for i, b in enumerate(blocks):
        if b.heading_level is not None or not sections:
            if sections:
                sections[-1] = _close(sections[-1], blocks[i - 1].end)
            level = b.heading_level if b.heading_level is not None else 0
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][1] if stack else None
            heading = text[b.start : b.end] if b.heading_level is not None else None
            sections.append(
                Section(
                    index=len(sections),
                    start=b.start,
                    end=b.end,
                    heading=heading,
                    level=level,
                    parent=parent,
                    heading_paragraph=i if heading is not None else None,
                )
            )
            stack.append((level, len(sections) - 1))
        section_of_block.append(len(sections) - 1)
    if sections:
        sections[-1] = _close(sections[-1], blocks[-1].end)
    return tuple(sections), section_of_block


def _close(section: Section, end: int) -> Section:
    return Section(
        index=section.index,
        start=section.start,
        end=end,
        heading=section.heading,
        level=section.level,
        parent=section.parent,
        heading_paragraph=section.heading_paragraph,
    )


def _language(cleaned: Cleaned, extraction: Extraction) -> str | None:
    """The language sentences are cut by (issue 19): detected or given while cleaning, else a
    page's declared one ("de-DE" -> "de"), else None (the English rules)."""
    declared = extraction.metadata.language
    code = cleaned.language or (declared.split("-")[0].split("_")[0] if declared else None)
    return code.lower() if code else None


def _sentences(
    text: str,
    paragraphs: Sequence[Paragraph],
    cleaned: Cleaned,
    links: _SourceLinker,
    language: str | None,
) -> tuple[tuple[Sentence, ...], int]:
    """Sentences of the body paragraphs, and how many cuts :func:`cap_spans` added."""
    spans: list[tuple[int, int, int, int]] = []  # start, end, paragraph, section
    cut = 0
    for p in paragraphs:
        if p.kind not in SENTENCE_ROLES:
            continue
        block = text[p.start : p.end]
        found = sentence_spans(block, language)
        capped = cap_spans(block, found, MAX_SENTENCE_CHARS)
        cut += len(capped) - len(found)
        for s, e in capped:
            spans.append((p.start + s, p.start + e, p.index, p.section))
    if not spans:
        return (), cut
    arr = np.array(spans, dtype=np.int64)
    raw_starts, raw_ends = cleaned.chain.spans_to_old(arr[:, 0], arr[:, 1])
    sentences = tuple(
        Sentence(
            index=i,
            start=s,
            end=e,
            text=text[s:e],
            paragraph=p,
            section=sec,
            source=links.ref(int(rs), int(re_)),
        )
        for i, ((s, e, p, sec), rs, re_) in enumerate(zip(spans, raw_starts, raw_ends, strict=True))
    )
    return sentences, cut


class _SourceLinker:
    """Turns raw offsets into SourceRefs: PDF page and range on the page, HTML element path."""

    def __init__(self, extraction: Extraction) -> None:
        self.page_starts = list(extraction.page_starts)
        # Where each page's text layer ends: before the page break that joins it to the next.
        ends = [s - len(PAGE_BREAK) for s in self.page_starts[1:]]
        self.page_ends = [*ends, len(extraction.text)]
        elements = sorted(extraction.elements, key=lambda e: e.start)
        self.elements = elements
        self.element_starts = [e.start for e in elements]

    def ref(self, start: int, end: int) -> SourceRef:
        page = page_start = end_page = page_end = None
        if self.page_starts:
            p0 = max(bisect.bisect_right(self.page_starts, start) - 1, 0)
            p1 = max(bisect.bisect_right(self.page_starts, max(end - 1, start)) - 1, 0)
            page, page_start = p0 + 1, min(start, self.page_ends[p0]) - self.page_starts[p0]
            # A span widened onto the page break still ends inside its page's text layer.
            end_page, page_end = p1 + 1, min(end, self.page_ends[p1]) - self.page_starts[p1]
        element = None
        if self.elements:
            i = bisect.bisect_right(self.element_starts, start) - 1
            if i >= 0 and self.elements[i].start <= start < max(self.elements[i].end, start + 1):
                element = self.elements[i].path
        return SourceRef(
            start=start,
            end=end,
            page=page,
            page_start=page_start,
            end_page=end_page,
            page_end=page_end,
            element=element,
        )


def cap_spans(text: str, spans: Iterable[tuple[int, int]], max_chars: int) -> list[tuple[int, int]]:
    """Cut spans longer than ``max_chars``, keeping the contract of
    :func:`~precis.sentences.sentence_spans`.

    Each cut falls in the second half of the allowance: after the last ``,;:`` or dash followed
    by a space, else at the last space, else (one enormous token) at the limit itself, moved
    back so that a combining mark or joiner stays with its base. Linear in the text.
    """
    if max_chars < 2:
        raise ValueError(f"max_chars must be at least 2, got {max_chars}")
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > max_chars:
            low, high = start + max_chars // 2, start + max_chars
            cut = _cut_point(text, low, high)
            left_end = start + len(text[start:cut].rstrip())
            out.append((start, left_end))
            # Never None: text[end - 1] is not a space and cut < end.
            start = _NONSPACE.search(text, cut, end).start()  # type: ignore[union-attr]
        out.append((start, end))
    return out


def _cut_point(text: str, low: int, high: int) -> int:
    """Where to cut inside ``text[low:high]``: a clause boundary, a space, or a safe position."""
    best = None
    for m in _CLAUSE_END.finditer(text, low, high):
        best = m.end()
    if best is not None:
        return best
    space = max(text.rfind(" ", low, high), text.rfind("\t", low, high))
    if space > low:
        return space
    cut = high
    while cut > low and (_joins_previous(text[cut]) or text[cut - 1] == "\u200d"):
        cut -= 1
    return cut if cut > low else high


def _joins_previous(ch: str) -> bool:
    """Whether ``ch`` belongs to the character before it (mark, joiner, selector, skin tone)."""
    return (
        unicodedata.category(ch) in ("Mn", "Mc", "Me")
        or ch in "\u200c\u200d"
        or "\ufe00" <= ch <= "\ufe0f"
        or "\U0001f3fb" <= ch <= "\U0001f3ff"
        or "\U000e0020" <= ch <= "\U000e01ef"
    )
