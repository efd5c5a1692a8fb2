"""What a summarizer returns: chosen sentences with offsets into the document's clean text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from precis.document import Document, SourceRef


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A chosen sentence: ``document.text[start:end] == text``; ``index`` is its sentence index."""

    index: int
    start: int
    end: int
    text: str
    score: float | None = None
    source: SourceRef | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": self.score,
            "source": self.source.to_dict() if self.source is not None else None,
        }


@dataclass(frozen=True)
class Summary:
    """A summary of one document, in the order chosen by the selector (document order by default)."""

    document: Document
    sentences: tuple[SummarySentence, ...]
    method: str
    budget: dict[str, Any]
    sections: tuple[Any, ...] = ()  # SectionSummary records when summarized per section
    keyphrases: tuple[Any, ...] = ()  # Keyphrase records when asked for
    query: str | None = None
    # Every document sentence's score rescaled to [0, 1] (a heat map); None in the query and
    # per-section modes. Not in to_dict: on a long document it is as long as the document.
    salience: tuple[float, ...] | None = None

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape shared by the CLI, the service and batch records."""
        return {
            "method": self.method,
            "budget": self.budget,
            "title": self.document.metadata.title,
            "metadata": self.document.metadata.to_dict(),
            "document_sentences": len(self.document.sentences),
            "query": self.query,
            "sentences": [s.to_dict() for s in self.sentences],
            "sections": [s.to_dict() for s in self.sections],
            "keyphrases": [k.to_dict() for k in self.keyphrases],
            "warnings": list(self.document.warnings),
        }
