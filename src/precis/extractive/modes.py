"""Summary modes over the extractive engine: per section, query-focused, and multi-document.

Each mode is a plain function over the same pieces as
:func:`~precis.extractive.engine.extract_summary`: a :class:`Features` object, a registered
scorer (:func:`score_document`) and the selector (:func:`choose`, :func:`to_summary`). A mode
that must choose among *some* sentences builds a restricted view of the features (the rows of
the whole document's TF-IDF matrix for those sentences) and runs the ordinary selector on it,
so budgets, MMR, filters and the duplicate guard behave exactly as in whole-document mode.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from precis.budget import Budget
from precis.document import Document
from precis.errors import OptionError
from precis.extractive.engine import score_document, selection_for
from precis.extractive.features import Features, content_tokens
from precis.extractive.select import choose, salience, to_summary
from precis.metadata import Metadata
from precis.summary import SummarySentence

logger = logging.getLogger(__name__)

DEFAULT_PER_SECTION = 2
# Query-focused mixing: 0.7 query relevance + 0.3 method salience, both rescaled to [0, 1].
# The query dominates (the user asked about it) while salience breaks ties between sentences
# that match the query equally well (the mix of Otterbacher, Erkan & Radev 2005, "biased
# LexRank", where d ~ 0.7 weighs the query-relevance jump against centrality).
QUERY_WEIGHT = 0.7
# Multi-document text is joined with a paragraph break, so no sentence spans two documents.
_DOC_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class SectionSummary:
    """The chosen sentences of one section, with its heading (None for a preamble)."""

    section_index: int
    heading: str | None
    level: int
    sentences: tuple[SummarySentence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "section_index": self.section_index,
            "heading": self.heading,
            "level": self.level,
            "sentences": [s.to_dict() for s in self.sentences],
        }


@dataclass(frozen=True, slots=True)
class MultiSentence:
    """A sentence of a multi-document summary; its offsets index ``docs[doc_index].text``."""

    doc_index: int
    sentence: SummarySentence

    def to_dict(self) -> dict[str, Any]:
        return {"doc_index": self.doc_index, **self.sentence.to_dict()}


@dataclass(frozen=True)
class MultiSummary:
    """One summary across several documents, ordered by document and then by position."""

    documents: tuple[Document, ...]
    sentences: tuple[MultiSentence, ...]
    method: str
    budget: dict[str, Any]

    @property
    def text(self) -> str:
        return " ".join(s.sentence.text for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "budget": self.budget,
            "documents": [
                {"title": d.metadata.title, "document_sentences": len(d.sentences)}
                for d in self.documents
            ],
            "sentences": [s.to_dict() for s in self.sentences],
        }


# --- per section ----------------------------------------------------------------------------


def summarize_per_section(
    doc: Document,
    options: object,
    *,
    per_section: int | None = None,
    ratio: float | None = None,
) -> list[SectionSummary]:
    """Condense ``doc`` section by section: K sentences (or a ratio of words) per section.

    Sentences are scored once with ``options.method`` on the whole document's features, then
    each section's sentences are selected among themselves (MMR and filters as usual) and
    returned in document order. Sections without sentences are skipped; headings are kept.

    Args:
        doc: The document.
        options: A :class:`~precis.options.SummarizeOptions` (method, order, MMR, filters).
        per_section: Sentences per section (default :data:`DEFAULT_PER_SECTION`).
        ratio: Instead of ``per_section``, this fraction of each section's words (at least
            one sentence per section).

    Raises:
        OptionError: both ``per_section`` and ``ratio`` are given, or either is out of range.
    """
    if per_section is not None and ratio is not None:
        raise OptionError("give per_section or ratio, not both")
    if ratio is None and per_section is None:
        per_section = DEFAULT_PER_SECTION
    budget = Budget(sentences=per_section, ratio=ratio)
    method = getattr(options, "method", "auto")
    features = Features(doc)
    selection = selection_for(method, options, features)
    scores = score_document(doc, method, features)
    of_section = np.array([s.section for s in doc.sentences], dtype=np.int64)
    order = np.argsort(of_section, kind="stable")
    cuts = np.searchsorted(of_section[order], np.arange(len(doc.sections) + 1))
    out: list[SectionSummary] = []
    for section in doc.sections:
        members = order[cuts[section.index] : cuts[section.index + 1]]
        if len(members) == 0:
            continue
        local = choose(restrict(features, members), scores[members], budget, selection)
        chosen = [int(members[i]) for i in local]
        out.append(
            SectionSummary(
                section_index=section.index,
                heading=section.heading,
                level=section.level,
                sentences=to_summary(doc, scores, chosen, selection.order),
            )
        )
    logger.debug("per-section summary of %d sections", len(out))
    return out


def restrict(features: Features, members: np.ndarray) -> Features:
    """A Features view of some sentences, keeping the whole document's TF-IDF space.

    The view's document has only ``members`` as sentences (re-indexed from 0) and only their
    paragraphs and sections (original indexes kept), so the selector and its filters run on it
    unchanged at a cost proportional to the members. It is a selector input, not a valid
    :class:`Document`.
    """
    doc = features.doc
    picked = tuple(
        dataclasses.replace(doc.sentences[int(i)], index=j) for j, i in enumerate(members)
    )
    paragraphs = sorted({s.paragraph for s in picked})
    sections = sorted({s.section for s in picked})
    view = Features(
        dataclasses.replace(
            doc,
            sentences=picked,
            paragraphs=tuple(doc.paragraphs[i] for i in paragraphs),
            sections=tuple(doc.sections[i] for i in sections),
        )
    )
    # Pre-fill the cached properties (functools.cached_property stores into __dict__).
    view.__dict__.update(
        tokens=[features.tokens[int(i)] for i in members],
        word_counts=features.word_counts[members],
        char_counts=features.char_counts[members],
        tfidf=features.tfidf[members],
    )
    return view


# --- query-focused --------------------------------------------------------------------------


def query_scores(doc: Document, features: Features, query: str) -> np.ndarray:
    """Cosine of each sentence's TF-IDF row with the query's (same stemming, same IDF).

    Query terms that occur nowhere in the document add nothing; the result is 0 for sentences
    that share no content word with the query.

    Raises:
        OptionError: the query has no content word (empty, or stop words only).
    """
    terms = content_tokens(query or "")
    if not terms:
        raise OptionError(f"query {query!r} has no content words")
    vocab = features.vocabulary
    known = [vocab[t] for t in terms if t in vocab]
    if features.n == 0 or not known:
        return np.zeros(features.n)
    counts = np.bincount(known, minlength=len(vocab)).astype(np.float64)
    vector = counts * features.idf
    vector /= np.linalg.norm(vector)
    return np.asarray(features.tfidf @ vector, dtype=np.float64).ravel()


def summarize_for_query(
    doc: Document, options: object, query: str, budget: Budget | None = None
) -> tuple[SummarySentence, ...]:
    """A summary of ``doc`` focused on ``query``.

    Each sentence's score is ``QUERY_WEIGHT * relevance + (1 - QUERY_WEIGHT) * salience``
    (both rescaled to [0, 1]; salience from ``options.method``). Sentences that share a
    content word with the query are chosen first (with MMR among them); sentences without
    any overlap only fill what is left of the budget.

    Raises:
        OptionError: the query has no content word.
    """
    budget = budget if budget is not None else Budget.from_options(options)
    method = getattr(options, "method", "auto")
    features = Features(doc)
    relevance = query_scores(doc, features, query)
    if budget.kind == "ratio":  # of the whole document, not of the matching sentences
        cap = (budget.ratio or 0.0) * float(features.word_counts.sum())
        budget = Budget(words=max(1, int(cap)))
    selection = selection_for(method, options, features)
    mixed = QUERY_WEIGHT * salience(relevance) + (1.0 - QUERY_WEIGHT) * salience(
        score_document(doc, method, features)
    )
    matching = np.flatnonzero(relevance > 0)
    if len(matching) == 0:
        logger.info("no sentence shares a content word with query %r", query)
    chosen = [int(matching[i]) for i in _choose_among(features, matching, mixed, budget, selection)]
    rest_budget = _remaining(features, budget, chosen)
    if rest_budget is not None:
        others = np.flatnonzero(relevance <= 0)
        extra = [
            int(others[i]) for i in _choose_among(features, others, mixed, rest_budget, selection)
        ]
        chosen += _fitting(features, rest_budget, extra)
    logger.debug("query %r: %d matching sentences, %d chosen", query, len(matching), len(chosen))
    return to_summary(doc, mixed, chosen, selection.order)


def _choose_among(
    features: Features, members: np.ndarray, scores: np.ndarray, budget: Budget, selection: Any
) -> list[int]:
    """``choose`` restricted to ``members``; local indices into ``members``."""
    if len(members) == 0:
        return []
    return choose(restrict(features, members), scores[members], budget, selection)


def _remaining(features: Features, budget: Budget, chosen: list[int]) -> Budget | None:
    """What is left of ``budget`` after ``chosen`` (a ratio becomes words); None if nothing."""
    limit = budget.sentence_limit
    if limit is not None:
        left = limit - len(chosen)
        return Budget(sentences=left) if left > 0 else None
    if budget.kind == "chars":
        used = int(features.char_counts[chosen].sum()) + len(chosen)  # one space between
        left = int(budget.chars or 0) - used
        return Budget(chars=left) if left > 0 else None
    cap = (
        budget.words if budget.kind == "words" else (budget.ratio or 0) * features.word_counts.sum()
    )
    left = int(float(cap or 0) - features.word_counts[chosen].sum())
    return Budget(words=left) if left > 0 else None


def _fitting(features: Features, budget: Budget, extra: list[int]) -> list[int]:
    """Drop the overflow ``choose`` allows to avoid an empty summary (this part is not alone)."""
    if budget.kind == "sentences" or not extra:
        return extra
    sizes = features.char_counts if budget.kind == "chars" else features.word_counts
    cap = budget.chars if budget.kind == "chars" else budget.words
    return extra if int(sizes[extra[0]]) <= int(cap or 0) else []


# --- multi-document -------------------------------------------------------------------------


def summarize_many(
    docs: Sequence[Document], options: object, budget: Budget | None = None
) -> MultiSummary:
    """One summary of several documents, without cross-document repetition.

    Each document is scored on its own (so a lead or position method favours every
    document's opening, not only the first one's) and its scores rescaled to [0, 1]. Selection
    then runs once over all sentences, with MMR and the duplicate guard on a TF-IDF space
    fitted over all the documents together, so two documents that say the same thing
    contribute it once. The budget covers the whole summary (a ratio: of all documents'
    words). Sentences come back by document and then by position, each with its document's
    index and offsets into that document's text.

    Raises:
        OptionError: no documents were given.
    """
    if not docs:
        raise OptionError("summarize_many needs at least one document")
    budget = budget if budget is not None else Budget.from_options(options)
    method = getattr(options, "method", "auto")
    joined, offsets = _join(docs)
    features = Features(joined)
    per_doc = [salience(score_document(d, method)) if d.sentences else np.zeros(0) for d in docs]
    selection = selection_for(method, options, features)
    chosen = np.array(sorted(choose(features, np.concatenate(per_doc), budget, selection)))
    picked: list[MultiSentence] = []
    for k, doc in enumerate(docs):
        local = chosen[(chosen >= offsets[k]) & (chosen < offsets[k + 1])] - offsets[k]
        for sentence in to_summary(doc, per_doc[k], [int(i) for i in local]):
            picked.append(MultiSentence(doc_index=k, sentence=sentence))
    logger.debug("multi-document summary: %d of %d sentences", len(picked), features.n)
    return MultiSummary(
        documents=tuple(docs), sentences=tuple(picked), method=method, budget=budget.to_dict()
    )


def _join(docs: Sequence[Document]) -> tuple[Document, list[int]]:
    """All documents as one (offsets and indexes shifted); each document's first sentence index."""
    texts, sections, paragraphs, sentences = [], [], [], []
    firsts: list[int] = []
    shift = 0
    for doc in docs:
        n_sec, n_par = len(sections), len(paragraphs)
        firsts.append(len(sentences))
        for s in doc.sections:
            sections.append(
                dataclasses.replace(
                    s,
                    index=s.index + n_sec,
                    start=s.start + shift,
                    end=s.end + shift,
                    parent=None if s.parent is None else s.parent + n_sec,
                    heading_paragraph=None
                    if s.heading_paragraph is None
                    else s.heading_paragraph + n_par,
                )
            )
        for p in doc.paragraphs:
            paragraphs.append(
                dataclasses.replace(
                    p,
                    index=p.index + n_par,
                    start=p.start + shift,
                    end=p.end + shift,
                    section=p.section + n_sec,
                )
            )
        for s in doc.sentences:
            sentences.append(
                dataclasses.replace(
                    s,
                    index=len(sentences),
                    start=s.start + shift,
                    end=s.end + shift,
                    paragraph=s.paragraph + n_par,
                    section=s.section + n_sec,
                )
            )
        texts.append(doc.text)
        shift += len(doc.text) + len(_DOC_SEPARATOR)
    joined = Document(
        text=_DOC_SEPARATOR.join(texts),
        metadata=Metadata(),
        sections=tuple(sections),
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
    )
    return joined, [*firsts, len(sentences)]


__all__ = [
    "DEFAULT_PER_SECTION",
    "QUERY_WEIGHT",
    "MultiSentence",
    "MultiSummary",
    "SectionSummary",
    "query_scores",
    "restrict",
    "summarize_for_query",
    "summarize_many",
    "summarize_per_section",
]
