"""Unigram: how typical a sentence's words are of the whole document, stop words included."""

from __future__ import annotations

from itertools import chain, count
from typing import ClassVar

import numpy as np

from precis.document import Document
from precis.extractive.features import Features, stem
from precis.registry import scorers


@scorers.register("unigram")
class Unigram:
    """Mean log-probability of a sentence's words under the document's own unigram model.

    SumBasic's signal (Nenkova & Vanderwende 2005: words frequent in the source are likely in
    a human summary) taken over *every* word, function words included, and as a geometric
    rather than arithmetic mean, so that one very frequent word does not carry a sentence.
    Content-word scorers cannot see function words, yet they separate the sentences that
    narrate (third person, the text's usual words: what a plot summary is made of) from dialogue
    lines and asides ("I", "you", rare words). In ``auto`` it is one component of the recipes
    for fiction and for one-sentence news summaries, where it measured better on the tuning
    rows (bench/tune_extractive.py); alone it is a weak ranker.
    """

    name: ClassVar[str] = "unigram"
    description: ClassVar[str] = (
        "mean log document probability of a sentence's words, stop words included"
    )

    def score(self, doc: Document, features: Features) -> np.ndarray:
        # Tokenizes a second time: Features keeps content stems only, because keeping every
        # word of a 10M-character document would cost about 100 MB (0.6 of 1.3 ms on a story).
        split = features.splitter  # the document's language's words (issue 19)
        terms = list(chain.from_iterable(map(stem, split(s.text)) for s in doc.sentences))
        if not terms:
            return np.zeros(features.n)
        sizes = features.word_counts  # the same words() per sentence
        vocab = dict(zip(dict.fromkeys(terms), count()))  # noqa: B905 (first-seen order)
        ids = np.fromiter(map(vocab.__getitem__, terms), dtype=np.int64, count=len(terms))
        totals = np.bincount(ids)
        log_p = np.log(totals / totals.sum())[ids]
        sums = np.bincount(
            np.repeat(np.arange(features.n), sizes), weights=log_p, minlength=features.n
        )
        mean = sums / np.maximum(sizes, 1)
        # a sentence without words has no evidence: below every sentence that has some
        return np.where(sizes > 0, mean, float(mean[sizes > 0].min()) - 1.0)
