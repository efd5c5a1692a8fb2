"""English word frequencies shared by the repair steps (hyphenation, glued words).

Backed by wordsegment's unigram table (333k lowercase words with Google n-gram counts), read
lazily once per process and never mutated, so concurrent callers cannot race (STYLE.md,
mistake 2).
"""

from __future__ import annotations

import functools
import logging

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def unigram_counts() -> dict[str, float]:
    """Lowercase word -> corpus count; loaded on first use (about 0.17 s).

    Only the unigram file is parsed: ``Segmenter.load()`` would also parse the bigrams (which
    :func:`bigram_counts` parses on its own) and the word list, doubling the cost (issue 13).
    """
    import wordsegment  # local import: nothing heavy at import time

    counts: dict[str, float] = wordsegment.Segmenter.parse(wordsegment.Segmenter.UNIGRAMS_FILENAME)
    logger.debug("loaded %d unigrams", len(counts))
    return counts


def word_count(word: str) -> float:
    """Corpus count of ``word`` (case-insensitive); 0.0 when unknown."""
    return unigram_counts().get(word.lower(), 0.0)


def is_word(word: str, min_count: float = 1.0) -> bool:
    """Whether ``word`` is a known English word with at least ``min_count`` occurrences."""
    return word_count(word) >= min_count


@functools.lru_cache(maxsize=1)
def bigram_counts() -> dict[str, float]:
    """``"word1 word2"`` (lowercase) -> corpus count, wordsegment's 258k bigrams; loaded once."""
    import wordsegment  # local import: nothing heavy at import time

    counts: dict[str, float] = wordsegment.Segmenter.parse(wordsegment.Segmenter.BIGRAMS_FILENAME)
    logger.debug("loaded %d bigrams", len(counts))
    return counts


@functools.lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Lowercase dictionary words (wordsegment's 179k word list, ENABLE-style, no names).

    Unlike the unigram table, which comes from web text and so also holds glued forms such as
    ``ofthe`` or ``newyork``, this list holds only real words.
    """
    import wordsegment  # local import: nothing heavy at import time

    with open(wordsegment.Segmenter.WORDS_FILENAME, encoding="utf-8") as reader:
        return frozenset(reader.read().split())


def total_count() -> float:
    """Number of words in the corpus behind :func:`unigram_counts` (for probabilities)."""
    import wordsegment  # local import: nothing heavy at import time

    return float(wordsegment.Segmenter.TOTAL)
