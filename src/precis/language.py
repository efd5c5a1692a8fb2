"""Which language a text is written in (issue 19): English repairs must never touch others.

The model is py3langid (Lui & Baldwin's langid.py, 97 languages, its model inside the wheel:
offline), run on the first :data:`SAMPLE_CHARS` characters. Loading that model costs about
half a second, more than the whole command-line start-up budget, so text whose letters are all
ASCII and in which English function words are common is taken as English without it;
everything else (accented letters, other scripts, few English function words) asks the model. Measured on the
shared sets (``bench/bench_language.py``).
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

logger = logging.getLogger(__name__)

SAMPLE_CHARS = 1000
MIN_LETTERS = 30  # fewer letters say too little: no language (callers keep their defaults)
# Share of English stop words (the, of, and, to, ...) among the words of plain-ASCII English
# prose: about 0.4-0.5; in ASCII German, French or Spanish text well under 0.2.
ENGLISH_SHARE = 0.3
_WORD = re.compile(r"[a-z0-9]+")  # the words of precis.extractive.features, without numpy


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when it has too few letters."""
    from precis.stopwords import stop_words

    sample = text[:SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    if all(c.isascii() for c in letters):  # curly quotes and dashes are no letters
        tokens = _WORD.findall(sample.lower())
        english = stop_words()
        if sum(1 for t in tokens if t in english) >= ENGLISH_SHARE * len(tokens):
            return "en"
    code, _ = _identifier().classify(sample)
    return str(code)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    logger.debug("loading the language identification model")
    return LanguageIdentifier.from_model_file(MODEL_FILE)
