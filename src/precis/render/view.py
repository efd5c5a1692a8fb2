"""The data a viewer needs to show a summary beside its source (issue 5).

One JSON shape for the self-contained HTML report (``--format html``), the web page and the
service's ``"view": true`` answers: the document's clean text once, its structure and sentences
as offsets, each sentence's salience (a heat map), and the summary, extractive or abstractive,
pointing into that text. A viewer highlights ``text[start:end]`` and needs nothing else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from precis.summary import Summary

if TYPE_CHECKING:
    from precis.abstractive.pipeline import AbstractiveSummary
    from precis.document import Document

VIEW_SCHEMA = 1


def view_data(result: Summary | AbstractiveSummary) -> dict[str, Any]:
    """The viewer's JSON for an extractive :class:`Summary` or an abstractive summary."""
    doc = result.document
    data = {
        "schema": VIEW_SCHEMA,
        "title": doc.metadata.title,
        "source_name": doc.metadata.source_name,
        "url": doc.metadata.url,
        **_document(doc),
    }
    if isinstance(result, Summary):
        return data | _extractive(result)
    return data | _abstractive(result)


def _document(doc: Document) -> dict[str, Any]:
    return {
        "text": doc.text,
        "sections": [
            {"start": s.start, "end": s.end, "heading": s.heading, "level": s.level}
            for s in doc.sections
        ],
        "paragraphs": [{"start": p.start, "end": p.end, "kind": p.kind} for p in doc.paragraphs],
        "sentences": [
            {"start": s.start, "end": s.end, "page": s.source.page if s.source else None}
            for s in doc.sentences
        ],
    }


def _extractive(summary: Summary) -> dict[str, Any]:
    sections = [
        {"heading": sec.heading, "sentences": [s.index for s in sec.sentences]}
        for sec in summary.sections
    ]
    return {
        "mode": "extractive",
        "method": summary.method,
        "budget": summary.budget,
        "query": summary.query,
        "salience": None if summary.salience is None else [round(x, 4) for x in summary.salience],
        "summary": [
            {"sentence": s.index, "start": s.start, "end": s.end, "text": s.text}
            for s in summary.sentences
        ],
        "summary_sections": sections,
        "keyphrases": [k.to_dict() for k in summary.keyphrases],
    }


def _abstractive(result: AbstractiveSummary) -> dict[str, Any]:
    parts = []
    for part in result.parts:
        sentences = []
        for s in part.sentences:
            check = s.check
            sentences.append(
                {
                    "text": s.text,
                    "kept": s.kept,
                    "dropped": s.dropped,
                    "supported": None if check is None else check.supported,
                    "score": None if check is None else round(check.score, 4),
                    "unsupported": []
                    if check is None
                    else [i.to_dict() for i in check.unsupported],
                    "evidence": []
                    if check is None
                    else [
                        {"sentence": e.sentence, "start": e.start, "end": e.end}
                        for e in check.evidence
                    ],
                }
            )
        parts.append({"heading": part.heading, "sentences": sentences})
    return {
        "mode": "abstractive",
        "method": result.model,
        "guard": result.guard,
        "salience": None,
        "parts": parts,
        "stats": result.to_dict()["stats"],
    }
