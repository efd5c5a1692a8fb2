"""An abstractive summary as plain text, Markdown or JSON.

Text and Markdown show what the summary keeps; with the guard's ``flag`` policy, a kept sentence
the guard could not support is marked and its unsupported items named, so that a reader sees
the doubt where it is. JSON carries every sentence the model wrote, dropped ones included.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from precis.errors import OptionError

if TYPE_CHECKING:
    from precis.abstractive.pipeline import AbstractiveSummary, AbstractPart, AbstractSentence

FORMATS = ("text", "markdown", "json")
FLAG = "[unsupported]"
FALLBACK_NOTE = "[extractive: the guard kept no sentence the model wrote]"


def render_abstract(summary: AbstractiveSummary, fmt: str) -> str:
    """Render ``summary`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return json.dumps(summary.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "markdown":
        return _markdown(summary)
    if fmt == "text":
        return _text(summary)
    raise OptionError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _sentence(s: AbstractSentence) -> str:
    if not s.flagged or s.check is None:
        return s.text
    missing = ", ".join(item.text for item in s.check.unsupported)
    return f"{FLAG} {s.text}" + (f" (not in the source: {missing})" if missing else "")


def _kept(part: AbstractPart) -> list[str]:
    return [_sentence(s) for s in part.sentences if s.kept]


def _text(summary: AbstractiveSummary) -> str:
    """The kept sentences, one per line; per-section abstracts under their headings."""
    blocks = []
    for part in summary.parts:
        lines = _kept(part)
        if part.heading and lines:
            lines = [part.heading, *lines]
        if lines:
            blocks.append("\n".join(lines))
    dropped = sum(1 for s in summary.sentences if not s.kept)
    if summary.fallback:
        blocks.append(f"{FALLBACK_NOTE}\n" + "\n".join(summary.fallback))
    if dropped and summary.guard != "off":
        blocks.append(f"({dropped} sentence(s) dropped; --format json shows them and why)")
    return "\n\n".join(blocks) if blocks else "(no sentence of the model's summary was kept)"


def _markdown(summary: AbstractiveSummary) -> str:
    meta = summary.document.metadata
    lines = [f"# {meta.title or meta.source_name or 'Summary'}", ""]
    for part in summary.parts:
        kept = _kept(part)
        if not kept:
            continue
        if part.heading:
            lines += [f"## {part.heading}", ""]
        lines += [" ".join(kept), ""]
    if summary.fallback:
        lines += [f"*{FALLBACK_NOTE}*", "", " ".join(summary.fallback), ""]
    lines.append(f"*Abstractive summary by {summary.model}, guard: {summary.guard}.*")
    return "\n".join(lines)
