"""Whether a hyphen at a line end belongs to the word (join) or to a compound (keep), issue 13.

Shared by PDF layout cleaning and the plain-text hyphenation step. Evidence, strongest first:

1. The document itself: ``constructive`` or ``great-power`` written elsewhere in it.
2. Case: ``anti-American``, ``GROBID-parsed`` are compounds.
3. The document's style for a productive prefix: a text that writes ``non-local`` and
   ``non-terminal`` writes ``non-parametric`` too, though ``nonparametric`` is a word.
4. Word frequencies (:mod:`precis.clean.lexicon`): a joined form that is no word is a compound
   when both halves are words (``black-lensed``, ``chest-shattering``); a joined form that is a
   word is a compound when the two words are written as a phrase more often (``long term``).

Why by hand: hyphenation libraries insert break points; none decides whether an existing
line-end hyphen belongs to the word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

STRONG_WORD = 1e5  # lexicon count above which a hyphen half is a word in its own right
HALF_WORD = 3e4  # ... and above which the other half is a word too, when the joined form is none
MIN_JOINED = 1e3  # lexicon count below which a joined form is not a word
# Prefixes that English writes both closed and hyphenated, whose closed forms are rarely other
# words ("pre" + "sent", "re" + "cent", "co" + "ver" would be): the document's habit decides.
PREFIXES = frozenset(
    "anti cross multi non post pseudo quasi self semi ultra".split()
)  # fmt: skip
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_MIN_REST = 3  # letters after a prefix for a closed form to count


class WordCounts(Counter[str]):
    """Lowercase words of a document (letters, inner hyphens), with its prefix habits cached."""

    def __init__(self, text: str = "") -> None:
        super().__init__(_WORD_RE.findall(text.lower()))
        self._habits: dict[str, tuple[int, int]] = {}

    def prefix_habit(self, prefix: str) -> tuple[int, int]:
        """Distinct words the document writes ``prefix-X`` and ``prefixX`` (X a word)."""
        if prefix not in self._habits:
            from precis.clean.lexicon import word_count  # tables load on first use

            hyphenated = closed = 0
            for word in self:
                if not word.startswith(prefix) or len(word) < len(prefix) + _MIN_REST:
                    continue
                rest = word[len(prefix) :]
                if rest.startswith("-"):
                    hyphenated += 1
                elif word_count(rest) >= HALF_WORD:
                    closed += 1
            self._habits[prefix] = (hyphenated, closed)
        return self._habits[prefix]


def word_counts(text: str) -> WordCounts:
    """Lowercase words (letters, inner hyphens) of the whole text: the hyphenation evidence."""
    return WordCounts(text)


def should_join(left: str, right: str, counts: Mapping[str, int]) -> bool:
    """Whether ``left-`` + ``right`` is one hyphenated word (join) rather than a compound."""
    joined, hyphenated = (left + right).lower(), f"{left}-{right}".lower()
    in_doc_joined, in_doc_hyphenated = counts.get(joined, 0), counts.get(hyphenated, 0)
    if in_doc_joined != in_doc_hyphenated:
        return in_doc_joined > in_doc_hyphenated  # "SciB-/ERT" joins when "SciBERT" occurs
    if right[0].isupper() and not left.isupper():
        return False  # "anti-American", "Indo-European"
    if len(left) >= 2 and left.isupper() and right.islower():
        return False  # "GROBID-parsed", "PSPACE-complete": an acronym heads a compound (issue 13)
    if isinstance(counts, WordCounts) and left.lower() in PREFIXES:
        with_hyphen, closed = counts.prefix_habit(left.lower())
        if with_hyphen != closed:
            return closed > with_hyphen
    from precis.clean.lexicon import bigram_counts, word_count  # tables load on first use

    joined_count = word_count(joined)
    left_count, right_count = word_count(left), word_count(right)
    if joined_count < MIN_JOINED:
        halves = sorted((left_count, right_count))
        return not (halves[0] >= HALF_WORD and halves[1] >= STRONG_WORD)
    # A compound is written as two words more often than as one ("great power", "long term");
    # a hyphenated word is not ("soulless", "authorizing"). The bigram count is that evidence.
    phrase_count = bigram_counts().get(f"{left.lower()} {right.lower()}", 0.0)
    return joined_count >= phrase_count
