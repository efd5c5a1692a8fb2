"""Extractive summarization of one document: score with the named method, then select."""

from __future__ import annotations

from precis.document import Document
from precis.extractive.select import top_k
from precis.options import SummarizeOptions
from precis.registry import scorers
from precis.summary import SummarySentence


def extract_summary(doc: Document, options: SummarizeOptions) -> tuple[SummarySentence, ...]:
    """Sentences chosen by ``options.method`` under ``options``' budget, in document order."""
    scorer = scorers.get(options.method)()
    scores = scorer.score(doc, None)
    return top_k(doc, scores, options.sentence_budget)
