"""Shapes of glue in a token, for :mod:`precis.clean.glued` (issue 13).

Punctuation glued to the next word (``empathy,coordination``, ``set?Is``, ``e.g.,to``), a word
glued to the prefix of a hyphenated word (``nuclearpre-emption``), a lost hyphen of a hyphenated
phrase (``partof-speech``: no glue), letter-spaced words (``D ata M ining``), whether a text is
English at all, and whether it holds any glue-shaped token before the word tables are loaded.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from precis.clean.glued_policy import FUNCTION_WORDS, HYPHEN_PREFIXES, may_be_sure

if TYPE_CHECKING:
    from precis.clean.glued_gates import Doc

RUN = re.compile(r"[A-Za-z]+")  # the letter runs glued.py splits
MAX_RUN = 40  # longer letter runs are left alone (DNA, tokens of base64, ...)
# Punctuation followed directly by a word: "empathy,coordination", "end.The".
# Never a colon: "Conflict:Attack", "about:addons", "internal:local" are labels and schemes.
# Both neighbours must be words (punct_words): "PrXMLmux,det" and "qu,ex" are notation.
PUNCT_GLUE = re.compile(
    r"(?<![A-Za-z.])([A-Za-z]*[a-z]{2})([,;]|[.!?](?=[A-Z][a-z]))([A-Za-z]{2}[a-z]*)"
)
# "(e.g.,to correct": an abbreviation's comma glued to the next word.
EG_GLUE = re.compile(r"\b(?:e\.g|i\.e|cf|etc)\.,(?=[A-Za-z]{2})")
# doesn't, couldn't: the letters before an apostrophe are no glued words of their own.
CONTRACTION = re.compile(r"[A-Za-z][’'][a-z]")
# A lone capital letter before a token: a letter-spaced word ("D ata M ining", "H aoran").
LONE_CAPITAL = re.compile(r"(?<!\S)[B-HJ-Z] (\S+)")

_ENGLISH_COMMON = ("the", "of", "and", "to", "is", "that", "for", "with", "was", "this", "are")
_ENGLISH_SHARE = 0.08  # English prose: 0.11-0.21 on every shared set; others: <= 0.06
_ENGLISH_MIN_WORDS = 40


def any_candidate(chunk_counts: Counter[str]) -> bool:
    """Whether any token could hold a sure split (glued punctuation, or a glue-shaped run)."""
    from precis.clean.lexicon import dictionary_words  # 30 ms, against 0.3 s for the tables

    if any(PUNCT_GLUE.search(c) or EG_GLUE.search(c) for c in chunk_counts):
        return True
    dictionary = dictionary_words()
    return any(
        3 <= len(run) <= MAX_RUN
        and not run.isupper()
        and may_be_sure(run, dictionary)
        and CONTRACTION.search(chunk) is None
        for chunk in chunk_counts
        for run in RUN.findall(chunk)
    )


def english(lower_runs: Counter[str]) -> bool:
    """Whether the most frequent English words make up a share of the text that English has.

    They are about a quarter of the words of English prose (a fifth of a paper's), and under 3%
    of Portuguese, Spanish, French or German, whose own function words are different.
    """
    total = sum(lower_runs.values())
    if total < _ENGLISH_MIN_WORDS:
        return True  # too short to tell; a title or a sentence fragment
    common = sum(lower_runs[w] for w in _ENGLISH_COMMON)
    return common >= _ENGLISH_SHARE * total


def punct_words(match: re.Match[str], doc: Doc) -> bool:
    """Whether the letters on both sides of glued punctuation are words (empathy,coordination)."""
    return all(
        word.lower() in FUNCTION_WORDS
        or (
            len(word) >= 3
            and (word.lower() in doc.model.dictionary or doc.count(word.lower()) >= 1e5)
        )
        for word in (match.group(1), match.group(3))
    )


def hyphen_prefix_cut(run: str, doc: Doc) -> tuple[int, ...]:
    """``nuclearpre`` before ``-emption``: a word glued to the prefix of a hyphenated word."""
    for prefix in HYPHEN_PREFIXES:
        head = run[: -len(prefix)]
        if run.lower().endswith(prefix) and len(head) >= 4 and head.lower() in doc.model.dictionary:
            return (len(head),)
    return ()


def function_at_hyphen(chunk: str, start: int, end: int, run: str, cuts: tuple[int, ...]) -> bool:
    """``partof-speech``, ``figure-ofmerit``: a lost hyphen of a hyphenated phrase, not glue."""
    first, last = run[: cuts[0]].lower(), run[cuts[-1] :].lower()
    before_hyphen = end < len(chunk) and chunk[end] == "-" and last in FUNCTION_WORDS
    after_hyphen = start > 0 and chunk[start - 1] == "-" and first in FUNCTION_WORDS
    return before_hyphen or after_hyphen


def ends_in_hyphen_prefix(run: str, cuts: tuple[int, ...]) -> bool:
    """Whether the last piece is a prefix such as "pre" (valid only before a hyphen)."""
    return run[cuts[-1] :].lower() in HYPHEN_PREFIXES
