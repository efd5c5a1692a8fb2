"""Key-phrase candidates in a language other than English (issue 19 item 3).

The English candidates (:mod:`precis.extractive.phrase_candidates`) need an English word-class
lexicon and an English idf table; neither exists for other languages here. As RAKE and YAKE do
for any language, a candidate is an n-gram of one to :data:`MAX_WORDS` words inside a stretch
that punctuation bounds, that neither opens nor closes on a stop word (the language's
stopwords-iso list) or a number, with at most one stop word inside ("qualidade da água",
"université de Manchester"). Chinese and Japanese, written without spaces, have no stop-word
boundaries of that kind: a candidate there is a run of two to :data:`MAX_CHARS` Han or kana
characters between punctuation and stop characters. Words are compared by their Snowball stem.
"""

from __future__ import annotations

import re
from functools import lru_cache

from precis.extractive.phrase_candidates import BREAK, NOUN, Word
from precis.extractive.terms import CHARACTER_LANGUAGES, _stem
from precis.stopwords import stop_words_for

MAX_WORDS = 3
MAX_CHARS = 6
_TOKEN = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*|[^\w\s]")
_ELISION = re.compile(r"^[^\W\d_]{1,2}['\u2019](?=[^\W\d_]{2})")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def language_candidates(text: str, language: str) -> list[tuple[Word, ...]]:
    """The candidate phrases of ``text`` in ``language``, in order of position."""
    if language in CHARACTER_LANGUAGES:
        return _character_candidates(text, language)
    stops = stop_words_for(language)
    out: list[tuple[Word, ...]] = []
    stretch: list[Word] = []
    for token in _TOKEN.findall(text):
        if not token[0].isalnum():
            out.extend(_ngrams(stretch))
            stretch = []
            continue
        token = _ELISION.sub("", token)  # "d'Alan" is "Alan", "l'eau" is "eau"
        lower = token.lower()
        stop = lower in stops or len(lower) < 2 or not any(c.isalpha() for c in lower)
        kind, stem = (BREAK, "") if stop else (NOUN, _stem(language, lower))
        stretch.append(Word(token, lower, kind, stem))
    out.extend(_ngrams(stretch))
    return out


def _ngrams(stretch: list[Word]) -> list[tuple[Word, ...]]:
    """The n-grams of one stretch that start and end on a content word, one stop word inside
    at most."""
    out = []
    for i, first in enumerate(stretch):
        if first.kind == BREAK:
            continue
        for j in range(i, min(i + MAX_WORDS, len(stretch))):
            gram = stretch[i : j + 1]
            if sum(w.kind == BREAK for w in gram) > 1:
                break
            if gram[-1].kind != BREAK:
                out.append(tuple(gram))
    return out


def _character_candidates(text: str, language: str) -> list[tuple[Word, ...]]:
    """Runs of Han or kana between punctuation and stop characters, as one-word phrases."""
    split = _stop_characters(language)
    out = []
    for run in _CJK_RUN.findall(text):
        for piece in split.split(run):
            if 2 <= len(piece) <= MAX_CHARS:
                out.append((Word(piece, piece, NOUN, piece),))
    return out


@lru_cache(maxsize=4)
def _stop_characters(language: str) -> re.Pattern[str]:
    """A pattern of the language's one-character stop words ("的", "の"): they end a run."""
    singles = sorted(w for w in stop_words_for(language) if len(w) == 1)
    return re.compile("[" + re.escape("".join(singles)) + "]" if singles else r"(?!x)x")
