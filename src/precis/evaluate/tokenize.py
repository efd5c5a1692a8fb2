"""ROUGE tokens in any language (issue 19, item 5).

rouge-score's default tokenizer keeps ``[a-z0-9]`` only: Chinese, Arabic and Cyrillic summaries
have no tokens at all (ROUGE 0) and accented words break ("économique" -> "conomique"). Other
languages are therefore read here: words are runs of letters and digits in any script (with the
combining marks written on them, so a Hindi word keeps its vowel signs), lower-cased, no
stemming; Chinese and Japanese, written without spaces, in characters, the unit the
multilingual summarization literature scores them in (XL-Sum; Hasan et al. 2021). English keeps
rouge-score's own tokenizer and Porter stemmer, so English figures do not move.

Written apart from :mod:`precis.extractive.terms` on purpose: the metric must not share the
system's tokenizer, or a bug in one would hide in the other.
"""

from __future__ import annotations

import unicodedata

CHARACTER_LANGUAGES = frozenset({"zh", "ja"})
DEFAULT = "rouge-score"  # rouge-score's DefaultTokenizer with the Porter stemmer (English)
WORDS = "script-words"
CHARACTERS = "script-characters"
# Hiragana, katakana, CJK ideographs (extension A, unified, compatibility)
_CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def tokenizer_name(language: str | None) -> str:
    """Which tokenizer scores a text in ``language`` (None or English: rouge-score's own)."""
    if language is None or language == "en":
        return DEFAULT
    return CHARACTERS if language in CHARACTER_LANGUAGES else WORDS


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` is a Han or kana character (scored one by one in zh and ja)."""
    code = ord(ch)
    return any(low <= code <= high for low, high in _CJK_RANGES)


class ScriptTokenizer:
    """rouge-score's tokenizer interface (``tokenize(text) -> list[str]``) for any script.

    Args:
        characters: read every word that holds a Han or kana character one character at a
            time (Chinese, Japanese), as bench/bench_multilingual.py has scored since issue 19;
            a word of other letters only (a spaced Latin name) stays whole.
    """

    def __init__(self, characters: bool = False) -> None:
        self.characters = characters

    def tokenize(self, text: str) -> list[str]:
        tokens: list[str] = []
        for word in _words(text.lower()):
            if self.characters and any(is_cjk(ch) for ch in word):
                tokens.extend(word)
            else:
                tokens.append(word)
        return tokens


def _words(text: str) -> list[str]:
    """Runs of letters and digits, each with the combining marks that follow its letters."""
    words: list[str] = []
    start = -1
    for i, ch in enumerate(text):
        inside = ch.isalnum() or (start >= 0 and unicodedata.category(ch).startswith("M"))
        if inside and start < 0:
            start = i
        elif not inside and start >= 0:
            words.append(text[start:i])
            start = -1
    if start >= 0:
        words.append(text[start:])
    return words
