"""Degenerate repetition in generated text: looping n-grams and near-duplicate sentences.

Seq2seq models loop ("contingent contingent contingent", "the company said the company said"),
and chunk-by-chunk summaries repeat the same fact once per chunk (issue 4). Loops are collapsed
inside a sentence; a sentence that nearly repeats an earlier one is marked as its duplicate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp

from precis.abstractive.align import terms
from precis.abstractive.claims import Item
from precis.extractive.features import content_tokens, stop_words

MAX_N = 8  # longest looping n-gram looked for, in words
_TOKEN = re.compile(r"\S+")
_EDGE = re.compile(r"^\W+|\W+$")


def collapse_repeats(text: str, stop: frozenset[str] | None = None) -> str:
    """``text`` with immediately repeated n-grams kept once.

    A repeated phrase of two or more words is always a loop; a repeated single word is one when
    it occurs three times in a row, or twice if it is not a function word ("had had" and
    "that that" are English; ``stop``: the document language's function words, English by
    default, since "die, die" is German). The last copy is kept, so the sentence keeps its
    punctuation.
    """
    while True:
        spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        keys = [_EDGE.sub("", text[a:b]).lower() for a, b in spans]
        for n in range(MAX_N, 0, -1):
            first = _find_loop(keys, n, stop)
            if first is not None:
                break
        else:
            return text
        start, end = spans[first][0], spans[first + n][0]
        capital = text[start].isupper() and not text[end].isupper()
        text = text[:start] + text[end:]
        if capital:
            text = text[:start] + text[start].upper() + text[start + 1 :]


def _find_loop(keys: list[str], n: int, stop: frozenset[str] | None = None) -> int | None:
    """Where the first copy of an n-gram repeated back to back starts, if any."""
    stop = stop_words() if stop is None else stop
    for i in range(len(keys) - 2 * n + 1):
        gram = keys[i : i + n]
        if not all(gram) or gram != keys[i + n : i + 2 * n]:
            continue
        if n > 1 or gram[0] not in stop or keys[i + 2 * n : i + 3 * n] == gram:
            return i
    return None


def near_duplicates(
    sentences: Sequence[str],
    threshold: float = 0.8,
    tokens: Callable[[str], list[str]] = content_tokens,
) -> list[int | None]:
    """For each sentence, the index of an earlier one it nearly repeats, else None.

    Similarity is the share of the shorter sentence's content terms (stems and bigrams) found in
    the other one; one sparse product over all pairs, so no Python loop over pairs.
    """
    out: list[int | None] = [None] * len(sentences)
    grams = [terms(s, tokens) for s in sentences]
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, gs in enumerate(grams):
        for g in gs:
            rows.append(i)
            cols.append(vocab.setdefault(g, len(vocab)))
    if not vocab:
        return out
    matrix = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sentences), len(vocab)))
    overlap = (matrix @ matrix.T).toarray()
    sizes = np.array([len(g) for g in grams], dtype=np.float64)
    smaller = np.minimum.outer(sizes, sizes)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(smaller >= 3, overlap / smaller, 0.0)
    repeated = np.zeros(len(sentences), dtype=bool)
    for j in range(len(sentences)):
        earlier = np.flatnonzero((share[:j, j] >= threshold) & ~repeated[:j])
        if earlier.size:
            out[j] = int(earlier[0])
            repeated[j] = True
    return out


REPETITION = "repetition"
# "Manchester City and Manchester City", "Golden State Warriors beat Golden State Warriors",
# "corruption and corruption": a phrase joined to itself, or acting on itself. Measured on
# FRANK's development half: 22 sentences, all labelled unsupported (degenerate decoding, not
# emphasis). Single words that pair with themselves in English idioms ("again and again",
# "bigger and bigger", "day to day") are left out, as are "to", "by" and "after" joins.
_SELF_JOINED_RE = re.compile(
    r"\b([^\W\d_][\w'’-]*(?:\s+[\w'’-]+){0,4})\s+(?:and|beat|beats|joined|v|vs|against)\s+\1\b",
    re.IGNORECASE,
)
_IDIOMS = frozenset(
    "again over more less on round up down out through time times back far little by step "
    "one on and off away year years day days".split()
)


def self_joined(sentence: str) -> Item | None:
    """A phrase the sentence joins to itself ("X and X", "X beat X"), as an item; None when
    there is none. A single word counts only if it is a content word and no idiom's."""
    for m in _SELF_JOINED_RE.finditer(sentence):
        phrase = m.group(1)
        if phrase.strip("<>[]").lower() == "unk":
            continue  # "UNK and UNK": two words the model could not write, not one twice
        words = phrase.split()
        if len(words) == 1:
            word = words[0].lower()
            if word in _IDIOMS or word.endswith("er") or not content_tokens(word):
                continue
        return Item(REPETITION, m.group(0), m.start(), m.end(), (phrase.lower(),))
    return None
