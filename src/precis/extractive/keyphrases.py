"""Key phrases of a document: noun-phrase candidates ranked by TF-IDF and first position.

Candidates are noun phrases of 1-4 words (:mod:`precis.extractive.phrase_candidates`) from the
title and the body sentences. A candidate ``p`` scores

    tf(p) * sum(idf(w) for w in p) / sqrt(1 + first(p)) * (1/4 if p is one word)

- ``tf`` counts its occurrences (stemmed, so "neural networks" and "neural network" are one);
- ``idf(w) = ln((N + 1) / df(w))`` over the N documents of the shared summarization sets (news,
  ACL papers, SciTLDR abstracts, stories: ``data/keyphrase_df.tsv``, built by
  ``bench/build_keyphrase_data.py``); a stem missing from the table is rarer than its floor and
  gets ``df = 1``; a hyphenated word counts the idf of its parts. Summing over words makes a
  multi-word phrase as specific as its words together (TfIdf over noun phrases, as pke's);
- ``first(p)`` is the index of its first occurrence among all candidates: authors put their
  topics in the title and the first sentences (PositionRank, Florescu & Caragea 2017, weights
  a word by the inverse of its positions; the square root keeps a phrase of the introduction
  in reach of the title's);
- a one-word phrase counts a quarter: single words are 16% of Inspec's reference phrases and
  20% of SemEval-2010's, but were 30% and 60% of the phrases chosen without the weight, with a
  precision of 16% against 44% for two or three words (tuned on the tune half; F1 is flat
  from 0.1 to 0.5).

Graph centrality (TextRank's PageRank of words, Mihalcea & Tarau 2004, as a factor of idf, or
as PositionRank's biased walk) was measured on the same sets and lowered F1@10 on both, so it
is not used; nor is dropping a phrase inside a better one (references list both). Figures:
``bench/bench_keyphrases.py`` and the README.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from precis.document import Document
from precis.errors import OptionError
from precis.extractive.features import stem
from precis.extractive.phrase_candidates import Word, body_texts, candidates
from precis.extractive.phrase_terms import language_candidates
from precis.extractive.terms import is_english

SINGLE_WORD_WEIGHT = 0.25
# Other languages (no idf, stop-word-bounded n-grams): a lone word counts in full. Chosen on the
# 60 French and Portuguese documents of bench/bench_keyphrases_multilingual.py (F1@10 fr
# 29.8/33.0/35.2, pt 13.3/18.0/20.8 at 0.25/0.5/1.0; no held-out part: one parameter).
OTHER_SINGLE_WORD_WEIGHT = 1.0


@dataclass(frozen=True, slots=True)
class Keyphrase:
    """A key phrase as written in the document, its score (best = 1.0) and occurrence count."""

    text: str
    score: float
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "score": self.score, "count": self.count}


def keyphrases(doc: Document, n: int) -> list[Keyphrase]:
    """The ``n`` best key phrases of ``doc``, best first.

    Raises:
        OptionError: ``n`` is not positive.
    """
    if n <= 0:
        raise OptionError(f"number of key phrases must be positive, got {n}")
    # Count each spelling first (a phrase's words are cached Word records, so equal phrases
    # hash alike), then merge spellings by stem: the per-occurrence work stays one dict update.
    language = doc.metadata.language
    english = is_english(language)
    spellings: dict[tuple[Word, ...], list[int]] = {}  # phrase -> [count, first position]
    # one pass over all the text: the "." between two texts ends a run as a full stop does
    text = " . ".join(body_texts(doc))
    found = candidates(text) if english else language_candidates(text, language or "")
    single = SINGLE_WORD_WEIGHT if english else OTHER_SINGLE_WORD_WEIGHT
    for position, phrase in enumerate(found):
        seen = spellings.get(phrase)
        if seen is None:
            spellings[phrase] = [1, position]
        else:
            seen[0] += 1
    counts: dict[tuple[str, ...], int] = {}
    first: dict[tuple[str, ...], tuple[int, float]] = {}  # key -> (position, sum of idf)
    forms: dict[tuple[str, ...], dict[str, int]] = {}  # key -> {as written: count}
    for phrase, (count, position) in spellings.items():  # in order of first occurrence
        key = tuple([w.stem for w in phrase])
        form = " ".join([w.surface for w in phrase])
        if key in counts:
            counts[key] += count
            forms[key][form] = forms[key].get(form, 0) + count
        else:
            counts[key] = count
            first[key] = (position, _idf_sum(phrase, english))
            forms[key] = {form: count}
    scored = heapq.nlargest(
        n,
        (
            (_score(len(key), count, *first[key], single), -first[key][0], key)
            for key, count in counts.items()
        ),
    )
    if not scored:
        return []
    top = scored[0][0]
    return [
        Keyphrase(text=_most_seen(forms[key]), score=score / top, count=counts[key])
        for score, _, key in scored
    ]


def _most_seen(spelled: dict[str, int]) -> str:
    """The spelling seen most often (``max`` keeps the first seen among equals)."""
    return max(spelled.items(), key=lambda item: item[1])[0]


def _score(
    words: int, count: int, first: int, idf_sum: float, single: float = SINGLE_WORD_WEIGHT
) -> float:
    """TF-IDF of a phrase, discounted by its first position and for a lone word (see above)."""
    weight = single if words == 1 else 1.0
    return count * idf_sum * weight / math.sqrt(1 + first)


def _idf_sum(phrase: tuple[Word, ...], english: bool) -> float:
    """The phrase's specificity: its words' idf in English; elsewhere, with no idf table of
    the language, its number of content words (issue 19 item 3)."""
    if english:
        return sum([word_idf(w.lower) for w in phrase])
    return float(sum(1 for w in phrase if w.stem))


@lru_cache(maxsize=100_000)
def word_idf(lower: str) -> float:
    """Inverse document frequency of a lower-case word's stem; a hyphenated word sums its
    parts' ("syntax-sensitive" is as specific as "syntax sensitive")."""
    total, df = _df_table()
    parts = [p for p in lower.replace("\u2019", "'").split("'")[0].split("-") if p]
    return sum(math.log((total + 1) / df.get(stem(p), 1)) for p in parts)


@lru_cache(maxsize=1)
def _df_table() -> tuple[int, dict[str, int]]:
    """(number of documents, stem -> document frequency) from the shipped table, read once."""
    text = files("precis").joinpath("data/keyphrase_df.tsv").read_text(encoding="utf-8")
    header, *rows = text.splitlines()
    table = {term: int(count) for term, count in (row.split("\t") for row in rows)}
    return int(header.split("\t")[1]), table
