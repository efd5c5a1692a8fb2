"""Plain text and Markdown: the decoded file is the raw text; Markdown headings become hints."""

from __future__ import annotations

from precis.clean.markdown import HEADING_RE
from precis.clean.whitespace import looks_like_heading
from precis.ingest.base import Extraction, HeadingHint, Metadata


def extract_text(
    text: str, *, markdown: bool = False, encoding: str | None = None, name: str | None = None
) -> Extraction:
    """Wrap decoded text; for Markdown, record ATX headings (``#`` .. ``######``) as hints."""
    headings: tuple[HeadingHint, ...] = ()
    if markdown:
        headings = tuple(
            HeadingHint(m.start(), m.end(), len(m.group(1))) for m in HEADING_RE.finditer(text)
        )
    metadata = Metadata(
        title=_title(text, headings),
        format="markdown" if markdown else "text",
        encoding=encoding,
        source_name=name,
    )
    return Extraction(text=text, metadata=metadata, headings=headings)


def _title(text: str, headings: tuple[HeadingHint, ...]) -> str | None:
    """First level-1 Markdown heading, else a heading-like first line."""
    for h in headings:
        if h.level == 1:
            return text[h.start : h.end].lstrip("#").strip().rstrip("#").strip() or None
    first_line = text.lstrip()[:200].split("\n", 1)[0].strip()
    return first_line if first_line and looks_like_heading(first_line) else None
