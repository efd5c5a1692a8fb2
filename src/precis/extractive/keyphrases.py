"""Key phrases of a document: TextRank over content words, then noun-phrase-like n-grams.

Word scores follow TextRank's keyword extraction (Mihalcea & Tarau 2004, section 3): the
vertices are content words (stemmed; stop words and numbers removed, our stand-in for the
paper's noun/adjective filter, which needs a tagger), edges join words that follow one another
within a sentence (a co-occurrence window of 2, weighted by how often they do), and PageRank
(d = 0.85) ranks them. Candidates are runs of 1-3 words that do not cross punctuation, begin
and end with a content word, and are not numbers; a candidate scores ``count * mean(word
rank)``, frequency weighted by centrality, so a phrase must both recur and be made of central
words. Phrases contained in a higher-scored phrase are dropped; the surface form is the
spelling seen most often.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from precis.document import Document
from precis.errors import OptionError
from precis.extractive.features import stem, stop_words

MAX_WORDS = 3
DAMPING = 0.85
_ITERATIONS = 100
_TOLERANCE = 1e-8
_WORD = re.compile(r"[A-Za-z0-9]+")
# Words separated by spaces or one hyphen belong to one run; anything else (",", ".", "'",
# quotes, dashes) ends it, so a phrase never spans punctuation.
_JOIN = re.compile(r"\s+|-")


@dataclass(frozen=True, slots=True)
class Keyphrase:
    """A key phrase as written in the document, its score (best = 1.0) and occurrence count."""

    text: str
    score: float
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "score": self.score, "count": self.count}


def keyphrases(doc: Document, n: int) -> list[Keyphrase]:
    """The ``n`` best key phrases of ``doc``'s sentences, best first.

    Raises:
        OptionError: ``n`` is not positive.
    """
    if n <= 0:
        raise OptionError(f"number of key phrases must be positive, got {n}")
    runs = [run for s in doc.sentences for run in _runs(s.text)]
    rank = _word_rank(runs)
    counts: Counter[tuple[str, ...]] = Counter()
    forms: dict[tuple[str, ...], Counter[str]] = {}
    for run in runs:
        for key, form in _candidates(run):
            counts[key] += 1
            forms.setdefault(key, Counter())[form] += 1
    scored = sorted(
        (
            (count * float(np.mean([rank[w] for w in key if w in rank])), count, key)
            for key, count in counts.items()
        ),
        key=lambda item: (-item[0], -item[1], item[2]),
    )
    kept: list[tuple[float, int, tuple[str, ...]]] = []
    for item in scored:
        if len(kept) == n:
            break
        if not any(_contains(other[2], item[2]) for other in kept):
            kept.append(item)
    top = kept[0][0] if kept else 1.0
    return [
        Keyphrase(text=forms[key].most_common(1)[0][0], score=score / top, count=count)
        for score, count, key in kept
    ]


def _runs(text: str) -> list[list[tuple[str, str, bool]]]:
    """Runs of words not broken by punctuation: (surface, key, is_content) per word."""
    stop = stop_words()
    runs: list[list[tuple[str, str, bool]]] = []
    current: list[tuple[str, str, bool]] = []
    prev_end = None
    for match in _WORD.finditer(text):
        if prev_end is not None and not _JOIN.fullmatch(text[prev_end : match.start()]):
            runs.append(current)
            current = []
        word = match.group().lower()
        content = word not in stop and len(word) > 1 and not word.isdigit()
        current.append((match.group(), stem(word) if content else word, content))
        prev_end = match.end()
    runs.append(current)
    return [r for r in runs if r]


def _candidates(run: list[tuple[str, str, bool]]) -> list[tuple[tuple[str, ...], str]]:
    """(key, surface form) of every 1-3 word n-gram of ``run`` with content words at both ends."""
    out = []
    for i, (_, _, first) in enumerate(run):
        if not first:
            continue
        for j in range(i, min(i + MAX_WORDS, len(run))):
            if run[j][2]:
                words = run[i : j + 1]
                out.append((tuple(w[1] for w in words), " ".join(w[0] for w in words)))
    return out


def _word_rank(runs: list[list[tuple[str, str, bool]]]) -> dict[str, float]:
    """PageRank of content words over the graph of neighbouring content words (TextRank)."""
    vocab: dict[str, int] = {}
    left: list[int] = []
    right: list[int] = []
    for run in runs:
        ids = [vocab.setdefault(key, len(vocab)) for _, key, content in run if content]
        left.extend(ids[:-1])
        right.extend(ids[1:])
    n = len(vocab)
    if n == 0:
        return {}
    pairs = np.array([left + right, right + left], dtype=np.int64).reshape(2, -1)
    graph = sp.csr_matrix((np.ones(pairs.shape[1]), (pairs[0], pairs[1])), shape=(n, n))
    out_weight = np.asarray(graph.sum(axis=1)).ravel()
    out_weight[out_weight == 0] = 1.0
    transition = (sp.diags(1.0 / out_weight) @ graph).T.tocsr()
    score = np.full(n, 1.0 / n)
    for _ in range(_ITERATIONS):
        updated = (1.0 - DAMPING) / n + DAMPING * (transition @ score)
        done = np.abs(updated - score).sum() < _TOLERANCE
        score = updated
        if done:
            break
    return {key: float(score[i]) for key, i in vocab.items()}


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether ``shorter`` occurs as a contiguous part of ``longer``."""
    k = len(shorter)
    return any(longer[i : i + k] == shorter for i in range(len(longer) - k + 1))
