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
    """Lowercase word -> corpus count; loaded on first use (about 0.5 s)."""
    import wordsegment  # local import: nothing heavy at import time

    segmenter = wordsegment.Segmenter()
    segmenter.load()
    logger.debug("loaded %d unigrams", len(segmenter.unigrams))
    return segmenter.unigrams


def word_count(word: str) -> float:
    """Corpus count of ``word`` (case-insensitive); 0.0 when unknown."""
    return unigram_counts().get(word.lower(), 0.0)


def is_word(word: str, min_count: float = 1.0) -> bool:
    """Whether ``word`` is a known English word with at least ``min_count`` occurrences."""
    return word_count(word) >= min_count
