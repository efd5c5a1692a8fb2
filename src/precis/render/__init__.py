"""Renderers: a summary as plain text, Markdown or JSON."""

from __future__ import annotations

import json

from precis.errors import OptionError
from precis.summary import Summary

FORMATS = ("text", "markdown", "json")


def render_summary(summary: Summary, fmt: str) -> str:
    """Render ``summary`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return json.dumps(summary.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "markdown":
        return render_markdown(summary)
    if fmt == "text":
        return "\n".join(s.text for s in summary.sentences)
    raise OptionError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render_markdown(summary: Summary) -> str:
    """A title line, then one bullet per sentence with its location in the source."""
    title = summary.document.metadata.title or summary.document.metadata.source_name or "Summary"
    lines = [f"# {title}", ""]
    for s in summary.sentences:
        where = ""
        if s.source is not None and s.source.page is not None:
            where = f" *(p. {s.source.page})*"
        lines.append(f"- {s.text}{where}")
    return "\n".join(lines)
