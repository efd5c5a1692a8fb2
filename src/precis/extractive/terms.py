"""Content terms of a sentence in a language other than English (issue 19).

English keeps its own fast path in :mod:`precis.extractive.features` (ASCII words as
rouge-score reads them, Porter stems), so English results do not move. Other languages: words
are runs of letters and digits in any script (``économique`` stays whole, ``Ілларіон`` is a
word); Chinese and Japanese, written without spaces, are read as characters (the unit the
multilingual summarization literature scores them in; measured ahead of jieba's and janome's
dictionary words and of added character bigrams by ``bench/bench_cjk_units.py``); stop words come from stopwords-iso,
stems from Snowball (PyStemmer) where it has the language.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any

from precis.extractive.features import TermMemo, content_tokens, stem, words
from precis.stopwords import stop_words_for

# Snowball algorithms (PyStemmer) by ISO 639-1 code.
SNOWBALL = {
    "ar": "arabic",
    "de": "german",
    "es": "spanish",
    "fr": "french",
    "hi": "hindi",
    "it": "italian",
    "nl": "dutch",
    "pt": "portuguese",
    "ru": "russian",
    "tr": "turkish",
}
CHARACTER_LANGUAGES = frozenset({"zh", "ja"})


def _combining_marks() -> str:
    """A regex class body of the combining marks (Mn, Mc, Me) up to U+FE2F.

    Python's ``\\w`` leaves them out, so without them a Devanagari word breaks at every vowel
    sign and virama ("संक्रमण" -> "स", "क", "रमण") and Arabic at every haraka.
    """
    ranges: list[tuple[int, int]] = []
    for code in range(0x0300, 0xFE30):
        if unicodedata.category(chr(code)).startswith("M"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(f"{chr(a)}-{chr(b)}" if a != b else chr(a) for a, b in ranges)


@lru_cache(maxsize=1)
def _word() -> re.Pattern[str]:
    """A word: a letter or digit, then letters, digits and the marks written on them (built
    on first use: scanning the marks takes milliseconds that English never needs)."""
    return re.compile(rf"[^\W_](?:[^\W_]|[{_combining_marks()}])*")


# Han, kana: each character a term; other scripts in such a text (Latin names) stay words.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_STEMMERS = threading.local()


# Turkish and Azerbaijani pair dotted İ with i and dotless I with ı; str.lower() maps "İlk" to
# "i̇lk" (i + U+0307), which matches neither the stop word "ilk" nor the word mid-sentence.
_DOTTED_I = str.maketrans({"İ": "i", "I": "ı"})
DOTTED_I_LANGUAGES = frozenset({"tr", "az"})


def lower(text: str, language: str) -> str:
    """``text`` lower-cased by ``language``'s rules (Turkish I/İ; str.lower() elsewhere)."""
    if language in DOTTED_I_LANGUAGES:
        text = text.translate(_DOTTED_I)
    return text.lower()


def words_in(text: str, language: str) -> list[str]:
    """Lower-case words of ``text`` in any script; characters for Chinese and Japanese."""
    found = _word().findall(lower(text, language))
    if language not in CHARACTER_LANGUAGES:
        return found
    out: list[str] = []
    for word in found:
        if _CJK.search(word):
            out.extend(ch for ch in word if not ch.isdigit())
        else:
            out.append(word)
    return out


class LanguageTerms(TermMemo):
    """word -> its content stem in one language, "" for a stop word (the English memo's
    caching, this language's stop words and stems)."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.stops = stop_words_for(language)
        self.single = language in CHARACTER_LANGUAGES  # one character is a whole term there

    def term(self, word: str) -> str:
        if word in self.stops or (len(word) <= 1 and not self.single) or word.isdigit():
            return ""
        return _stem(self.language, word)


@lru_cache(maxsize=32)
def term_memo(language: str) -> LanguageTerms:
    """The shared memo of one language (a memo, not state: every thread computes the same)."""
    return LanguageTerms(language)


def _stem(language: str, word: str) -> str:
    """Snowball stem of ``word``; the word itself where Snowball lacks the language."""
    algorithm = SNOWBALL.get(language)
    if algorithm is None or len(word) <= 3:
        return word
    return str(_stemmer(algorithm).stemWord(word))


def _stemmer(algorithm: str) -> Any:
    """This thread's PyStemmer object for ``algorithm`` (one must not serve two threads)."""
    stemmers: dict[str, Any] | None = getattr(_STEMMERS, "by_algorithm", None)
    if stemmers is None:
        stemmers = _STEMMERS.by_algorithm = {}
    if algorithm not in stemmers:
        import Stemmer

        stemmers[algorithm] = Stemmer.Stemmer(algorithm)
    return stemmers[algorithm]


def is_english(language: str | None) -> bool:
    """Whether a document reads on the English path (English, or no language detected)."""
    return language in (None, "en")


def _language_tokens(language: str, text: str) -> list[str]:
    """Content stems of ``text`` in ``language`` (the extractive methods' terms)."""
    return list(filter(None, map(term_memo(language).__getitem__, words_in(text, language))))


@lru_cache(maxsize=32)
def content_tokens_for(language: str | None) -> Callable[[str], list[str]]:
    """text -> its content stems, in the document's language: English (or unknown) keeps
    :func:`precis.extractive.features.content_tokens` exactly; other languages read words in
    any script (characters for Chinese and Japanese), their own stop words and stems, as the
    extractive methods do (issue 19 item 3: the checker aligns with these)."""
    if is_english(language):
        return content_tokens
    assert language is not None
    return partial(_language_tokens, language)


def stem_for(language: str | None) -> Callable[[str], str]:
    """word -> its stem in ``language`` (Porter for English, Snowball or the word otherwise),
    stop words included: the stem a name's word is compared by."""
    if is_english(language):
        return stem
    assert language is not None
    return partial(_stem, language)


@lru_cache(maxsize=32)
def words_for(language: str | None) -> Callable[[str], list[str]]:
    """text -> its lower-case words in ``language``: ASCII words as rouge-score reads them for
    English (or unknown), :func:`words_in` otherwise (what quotations are compared by)."""
    if is_english(language):
        return words
    assert language is not None
    return partial(words_in, language=language)
