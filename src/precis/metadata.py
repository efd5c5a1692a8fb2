"""What a source says about itself (title, authors, date, ...): one record for every layer.

The ingest adapters fill it, :class:`~precis.document.Document` carries it, and the extractive
modes build an empty one for synthetic documents; it lives here, below all three, so that the
algorithms need not import the ingest package (issue 18, item 7).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Metadata:
    """What the source says about itself; every field optional."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    url: str | None = None
    format: str = "text"
    pages: int | None = None
    language: str | None = None
    encoding: str | None = None
    source_name: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "authors": list(self.authors),
            "date": self.date,
            "url": self.url,
            "format": self.format,
            "pages": self.pages,
            "language": self.language,
            "encoding": self.encoding,
            "source_name": self.source_name,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Metadata:
        kwargs = dict(data)
        kwargs["authors"] = tuple(kwargs.get("authors") or ())  # type: ignore[arg-type]
        return cls(**kwargs)  # type: ignore[arg-type]
