"""Capitals back in a lower-cased summary sentence, from how its source writes each word.

FRANK's CNN/DM summaries, and the output of many seq2seq models trained on them, are lower-cased
and tokenised ("bouchard won nine of the final 11 games ."). The guard finds names by their
capitals (:mod:`precis.abstractive.claims`), so in such a sentence it finds none, and a wrong
name passes unseen. The source says which words are names: a word that the source writes with
a capital more often than not, away from the start of a sentence, takes that form back. Only
the case changes, so offsets into the sentence stay valid. Truecasers in NLP libraries learn
casing from a corpus (nltk needs data downloads, none is installed); the source is the corpus
that matters here.
"""

from __future__ import annotations

import re
from collections import Counter

_WORD_RE = re.compile(r"[^\W\d_][\w'\u2019.&-]*")
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;\"\u201c\u2018]\s+|\n\s*)$")


class SourceCasing:
    """The form a source writes each word in, away from sentence starts."""

    def __init__(self, text: str) -> None:
        forms: dict[str, Counter[str]] = {}
        for m in _WORD_RE.finditer(text):
            if _SENTENCE_START_RE.search(text[max(0, m.start() - 3) : m.start()]):
                continue  # "The" at a sentence start says nothing of the word
            word = m.group(0)
            forms.setdefault(word.lower(), Counter())[word] += 1
        self._forms = {
            low: form
            for low, counts in forms.items()
            if (form := counts.most_common(1)[0][0]) != low
            and len(form) == len(low)  # only the case changes, never an offset
            and sum(n for f, n in counts.items() if f != low) > counts.get(low, 0)
        }

    def restore(self, sentence: str) -> str:
        """``sentence`` with the source's capitals where it is written all in lower case;
        unchanged otherwise (a summary that has capitals chose them)."""
        if any(c.isupper() for c in sentence):
            return sentence
        out = _WORD_RE.sub(lambda m: self._forms.get(m.group(0), m.group(0)), sentence)
        first = re.search(r"[^\W\d_]", out)
        if first is not None:
            out = out[: first.start()] + out[first.start()].upper() + out[first.start() + 1 :]
        return out
