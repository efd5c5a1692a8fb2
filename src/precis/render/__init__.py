"""Renderers: a summary as plain text, Markdown or JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from precis.errors import OptionError
from precis.summary import Summary

if TYPE_CHECKING:
    from precis.extractive.modes import MultiSummary

FORMATS = ("text", "markdown", "json")


def render_summary(summary: Summary, fmt: str) -> str:
    """Render ``summary`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return json.dumps(summary.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "markdown":
        return render_markdown(summary)
    if fmt == "text":
        return render_text(summary)
    raise OptionError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render_text(summary: Summary) -> str:
    """One sentence per line; per-section summaries under their headings; key phrases last."""
    if summary.sections:
        blocks = []
        for section in summary.sections:
            lines = [section.heading] if section.heading else []
            blocks.append("\n".join(lines + [s.text for s in section.sentences]))
        out = "\n\n".join(blocks)
    else:
        out = "\n".join(s.text for s in summary.sentences)
    if summary.keyphrases:
        out += "\n\nKey phrases: " + ", ".join(k.text for k in summary.keyphrases)
    return out


def render_many(multi: MultiSummary, fmt: str, names: list[str]) -> str:
    """A multi-document summary: each sentence with the source it came from."""
    if fmt == "json":
        data = multi.to_dict()
        for entry, name in zip(data["documents"], names, strict=True):
            entry["source"] = name
        return json.dumps(data, ensure_ascii=False, indent=2)
    if fmt == "markdown":
        return "\n".join(f"- {m.sentence.text} *({names[m.doc_index]})*" for m in multi.sentences)
    if fmt == "text":
        return "\n".join(f"[{names[m.doc_index]}] {m.sentence.text}" for m in multi.sentences)
    raise OptionError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render_markdown(summary: Summary) -> str:
    """A title line, then one bullet per sentence with its location in the source."""
    title = summary.document.metadata.title or summary.document.metadata.source_name or "Summary"
    lines = [f"# {title}", ""]
    groups = (
        [(sec.heading, sec.sentences) for sec in summary.sections]
        if summary.sections
        else [(None, summary.sentences)]
    )
    for heading, sentences in groups:
        if heading:
            lines += [f"## {heading}", ""]
        for s in sentences:
            where = ""
            if s.source is not None and s.source.page is not None:
                where = f" *(p. {s.source.page})*"
            lines.append(f"- {s.text}{where}")
        if heading:
            lines.append("")
    if summary.keyphrases:
        lines += ["", "**Key phrases:** " + ", ".join(k.text for k in summary.keyphrases)]
    return "\n".join(lines).rstrip()
