"""The document model: Document -> sections -> paragraphs -> sentences, as stand-off spans.

``Document.text`` is the clean text and owns every character. Sections, paragraphs and sentences
are flat tuples of frozen records with ``start``/``end`` (end exclusive) into it, parent indexes,
and an optional :class:`SourceRef` back into the raw source (the spaCy Doc/Span design, see
STYLE.md). Records are identified by index, never by text. ``validate()`` checks the invariants;
JSON is stand-off (text once, spans as offsets) and round-trips without loss.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from precis.clean.repairs import Repair
from precis.errors import InvariantError
from precis.metadata import Metadata
from precis.roles import SENTENCE_ROLES

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a span came from in the raw source.

    ``start``/``end`` index the raw text the ingest adapter extracted (the decoded file for text,
    the pages' text layers for PDF, trafilatura's main text for HTML). For PDF, the span starts
    on ``page`` (1-based) at character ``page_start`` of that page's text layer and ends on
    ``end_page`` at ``page_end`` (exclusive); ``element`` is the HTML element it came from.
    """

    start: int
    end: int
    page: int | None = None
    page_start: int | None = None
    end_page: int | None = None
    page_end: int | None = None
    element: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in _asdict(self).items() if v is not None}


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and everything up to the next heading; ``heading`` is None for a preamble."""

    index: int
    start: int
    end: int
    heading: str | None
    level: int
    parent: int | None = None
    heading_paragraph: int | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of the clean text; ``kind`` is its role (:mod:`precis.roles`): ``"body"``,
    ``"heading"``, ``"references"``, ``"caption"``, ... Only body blocks hold sentences."""

    index: int
    start: int
    end: int
    section: int
    kind: str = "body"
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a body paragraph; ``text`` equals ``doc.text[start:end]``."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    section: int
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned, structured document. Build one with :func:`precis.api.load`."""

    text: str
    metadata: Metadata
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    warnings: tuple[str, ...] = field(default=())
    # What cleaning repaired, in text order (issue 13: auditable repairs); see Repair.
    repairs: tuple[Repair, ...] = field(default=())

    @property
    def title(self) -> str | None:
        return self.metadata.title

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def paragraph_sentences(self, paragraph: int) -> Iterator[Sentence]:
        """Sentences of one paragraph (linear scan; fine for rendering, not for hot loops)."""
        return (s for s in self.sentences if s.paragraph == paragraph)

    def validate(self) -> None:
        """Check every invariant of the model; raise InvariantError on the first broken one."""
        n = len(self.text)
        _check_spans("section", self.sections, n)
        _check_spans("paragraph", self.paragraphs, n)
        _check_spans("sentence", self.sentences, n)
        for s in self.sentences:
            if self.text[s.start : s.end] != s.text:
                raise InvariantError(f"sentence {s.index} text does not match its offsets")
            para = self._get(self.paragraphs, s.paragraph, "paragraph")
            if not (para.start <= s.start and s.end <= para.end) or para.kind not in SENTENCE_ROLES:
                raise InvariantError(
                    f"sentence {s.index} is not inside body paragraph {para.index}"
                )
            if s.section != para.section:
                raise InvariantError(f"sentence {s.index} section differs from its paragraph's")
        for p in self.paragraphs:
            sec = self._get(self.sections, p.section, "section")
            if not (sec.start <= p.start and p.end <= sec.end):
                raise InvariantError(f"paragraph {p.index} is not inside section {sec.index}")
        for r in self.repairs:
            if not (0 <= r.start <= r.end <= n) or self.text[r.start : r.end] != r.after:
                raise InvariantError(f"repair at ({r.start}, {r.end}) does not match the text")

    @staticmethod
    def _get(items: tuple[Any, ...], index: int, kind: str) -> Any:
        if not 0 <= index < len(items):
            raise InvariantError(f"{kind} index {index} out of range")
        return items[index]

    # --- JSON (stand-off) -------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Stand-off JSON: the text once, every span as offsets; sentence text is not repeated."""
        return {
            "schema": SCHEMA_VERSION,
            "text": self.text,
            "metadata": self.metadata.to_dict(),
            "sections": [_asdict(s) for s in self.sections],
            "paragraphs": [_span_dict(p) for p in self.paragraphs],
            "sentences": [_span_dict(s, drop=("text",)) for s in self.sentences],
            "warnings": list(self.warnings),
            "repairs": [r.to_dict() for r in self.repairs],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        if data.get("schema") != SCHEMA_VERSION:
            raise InvariantError(f"unsupported document schema {data.get('schema')!r}")
        text: str = data["text"]
        doc = cls(
            text=text,
            metadata=Metadata.from_dict(data["metadata"]),
            sections=tuple(Section(**s) for s in data["sections"]),
            paragraphs=tuple(Paragraph(**_with_source(p)) for p in data["paragraphs"]),
            sentences=tuple(
                Sentence(text=text[s["start"] : s["end"]], **_with_source(s))
                for s in data["sentences"]
            ),
            warnings=tuple(data.get("warnings", ())),
            repairs=tuple(Repair.from_dict(r) for r in data.get("repairs", ())),  # absent: old JSON
        )
        doc.validate()
        return doc

    @classmethod
    def from_json(cls, payload: str) -> Document:
        return cls.from_dict(json.loads(payload))


def _asdict(record: Any) -> dict[str, Any]:
    return {name: getattr(record, name) for name in record.__slots__}


def _span_dict(record: Any, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    out = {k: v for k, v in _asdict(record).items() if k not in drop}
    out["source"] = record.source.to_dict() if record.source is not None else None
    return out


def _with_source(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    src = out.get("source")
    out["source"] = SourceRef(**src) if src is not None else None
    return out


def _check_spans(kind: str, spans: tuple[Any, ...], length: int) -> None:
    """Spans are indexed 0..n-1, inside the text, non-empty, ordered and non-overlapping."""
    prev_end = 0
    for i, s in enumerate(spans):
        if s.index != i:
            raise InvariantError(f"{kind} {i} has index {s.index}")
        if not (prev_end <= s.start < s.end <= length):
            raise InvariantError(f"{kind} {i} span ({s.start}, {s.end}) is out of order or range")
        prev_end = s.end
