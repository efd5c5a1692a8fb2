"""Word evidence for :mod:`precis.clean.glued`: frequency tables, piece gates, long-run search.

A *piece* is a candidate word produced by a split. Whether it may stand alone, and how likely
it is, comes from wordsegment's Google counts (through :mod:`precis.clean.lexicon`), the
ENABLE-style dictionary and the document itself. Everything here is pure and read-only except
the per-call :class:`Doc` caches.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from precis.clean import lexicon

TWO_LETTER = frozenset(
    "of to in it is be as at so we he by or on do if me my up an go no us am".split()
)
_TITLES = frozenset("mr mrs ms dr".split())

_MIN_PIECE = 1e5  # count a dictionary word of four or five letters needs (of about 1e12)
_MIN_SHORT_PIECE = 2e7  # count a three-letter dictionary word needs ("war" yes, "mod" no)
_MIN_OTHER_PIECE = 1e6  # count a word outside the dictionary (names, web forms) needs
_MIN_NAME_PIECE = 1e5  # the same for a Capitalised word of five letters or more (Aleppo)
_MIN_SHORT_NAME_PIECE = 5e6  # ... and for one of three letters (Tim, Ali, Liz; not Sto, Luc)
_MIN_LONG_OTHER_PIECE = 5e4  # the same for words of eight letters or more
_RARE_WORD_LEN = 6  # dictionary words this long count even when too rare for the web table
_RARE_WORD_LOGP = 4.0  # log10 count given to such words (the table's floor is about 1.3e4)
_DOC_PIECE_LOGP = -4.5  # log10 probability given to a word known only from the document
_PAIR_WINDOW = 100_000  # characters searched each side for the spaced form of a token
_MAX_PIECES = 6  # longest split the dynamic programme considers
_MAX_PIECE_LEN = 20  # longest piece it considers
# A Capitalised word after a word, number, comma or dash on the same line: not a sentence start.
_MID_CAP = re.compile(r"(?<=[A-Za-z0-9,;\-–—] )[A-Z][a-z]+(?![A-Za-z])")


@dataclass(frozen=True)
class Model:
    """Read-only frequency tables; built once, shared by all threads."""

    unigrams: dict[str, float]
    bigrams: dict[str, float]
    dictionary: frozenset[str]
    log_total: float


@lru_cache(maxsize=1)
def model() -> Model:
    """Frequency tables, loaded on first use."""
    total = lexicon.total_count()
    return Model(
        lexicon.unigram_counts(),
        lexicon.bigram_counts(),
        lexicon.dictionary_words(),
        math.log10(total),
    )


@dataclass
class Doc:
    """Per-call document evidence: how often each letter run occurs unsplit (plus caches)."""

    text: str
    runs: Counter[str]
    lower_runs: Counter[str]
    model: Model
    _pair_counts: dict[str, int] = field(default_factory=dict)
    valid: dict[str, bool] = field(default_factory=dict)
    other: dict[str, bool] = field(default_factory=dict)
    _chunk: str = ""
    _chunk_at: int | None = None
    _cursor: int = 0

    def start_chunk(self, chunk: str) -> None:
        """Say which token is examined next. Tokens must come in the order of their first
        occurrence in the text (a Counter over the token scan gives that order), so that each
        one is found by searching on from the previous one: one pass over the text in all,
        where a search from the start for each token costs O(n) each (3 s at 10M characters).
        """
        self._chunk, self._chunk_at = chunk, None

    def _chunk_position(self) -> int:
        """Where the current token occurs first (at or before its first whole-token use)."""
        if self._chunk_at is None:
            at = self.text.find(self._chunk, self._cursor)
            if at < 0:  # tokens out of order: fall back to a search from the start
                at = max(self.text.find(self._chunk), 0)
            self._chunk_at = at
            self._cursor = max(self._cursor, at)
        return self._chunk_at

    @cached_property
    def mid_caps(self) -> frozenset[str]:
        """Capitalised runs seen inside a sentence, where only names are capitalised (one scan)."""
        return frozenset(m.group() for m in _MID_CAP.finditer(self.text))

    def pair_count(self, pieces: tuple[str, ...]) -> int:
        """How often the split form occurs with its spaces near the token (bounded work)."""
        key = " ".join(pieces)
        if key not in self._pair_counts:
            start = max(self._chunk_position() - _PAIR_WINDOW, 0)
            self._pair_counts[key] = self.text.count(key, start, start + 2 * _PAIR_WINDOW)
        return self._pair_counts[key]

    # The policy's view of the evidence (precis.clean.glued_policy.Lexicon).
    def is_dictionary(self, low: str) -> bool:
        """Whether ``low`` is in the dictionary of real words (no names, no web glue)."""
        return low in self.model.dictionary

    def count(self, low: str) -> float:
        """Web count of the lowercase word (0.0 when unknown)."""
        return self.model.unigrams.get(low, 0.0)

    def unsplit_count(self, run: str) -> int:
        """How often the document writes the letter run whole, in any case."""
        return self.lower_runs[run.lower()]

    def spaced_count(self, pieces: tuple[str, ...]) -> int:
        """How often the document writes the split form, spaces included, near the token."""
        return self.pair_count(pieces)

    def has_standalone(self, word: str) -> bool:
        """Whether ``word`` occurs as a letter run of its own (FBI in "the FBI said")."""
        return self.runs[word] >= 1

    def bigram(self, first: str, second: str) -> float:
        """Web count of the lowercase phrase ``first second`` (0.0 when unknown)."""
        return self.model.bigrams.get(f"{first} {second}", 0.0)

    def protected(self, run: str, pieces: tuple[str, ...]) -> bool:
        """Whether the document says ``run`` is a real word (it repeats, more than its split)."""
        return self.runs[run] >= 2 and self.pair_count(pieces) == 0


def name_position(run: str, pieces: tuple[str, ...], doc: Doc) -> bool:
    """Whether a split would leave a capitalised common word inside a sentence (Mr Is may).

    Inside a sentence only names (and "I") are capitalised, so "Mr Ismay", "Nigel Farage" and
    "Ellen Stofan" are names far more often than the lowercase web counts can say.
    """
    return run[0].isupper() and pieces[0] != "I" and run in doc.mid_caps


def short_name(part: str, doc: Doc) -> bool:
    """Capitalised short first names and titles: Tim, Ken, Ali, Mr, Ms, Dr."""
    if part.lower() in _TITLES:
        return True
    return len(part) == 3 and part[0].isupper() and doc.model.unigrams.get(part.lower(), 0) >= 1e6


def plain_piece(piece: str, doc: Doc) -> bool:
    """Whether ``piece`` may stand alone, before asking if it is itself glued (cached)."""
    hit = doc.valid.get(piece)
    if hit is None:
        hit = doc.valid[piece] = _plain_piece(piece, doc)
    return hit


def _plain_piece(piece: str, doc: Doc) -> bool:
    """:func:`plain_piece` without the cache. True: a word; False: never; see its callers."""
    low = piece.lower()
    n = len(piece)
    if n == 1:
        return piece in "aAI"
    if n == 2:
        return low in TWO_LETTER
    count = doc.model.unigrams.get(low, 0.0)
    if low in doc.model.dictionary:
        if n >= _RARE_WORD_LEN:
            return True  # jumbling, polysemy: rare but real words
        return count >= (_MIN_SHORT_PIECE if n == 3 else _MIN_PIECE)
    return False


def other_piece(piece: str, doc: Doc) -> bool:
    """Whether a word outside the dictionary (a name, a web form) is frequent enough."""
    low = piece.lower()
    n = len(piece)
    count = doc.model.unigrams.get(low, 0.0)
    # Names (Obama) and long web words (annotators, unilateralism) count; short fragments such
    # as "tion" or "ango" do not, nor do web forms that are glued words themselves ("thethe").
    if piece[0].isupper() and n >= 5 and count >= _MIN_NAME_PIECE:
        return True
    if n <= 3 and count < _MIN_SHORT_NAME_PIECE:
        return False  # Sto|fan, Luc|ass, Tem|ask: the first syllable of a longer name
    if (n >= 5 or piece[0].isupper()) and count >= _MIN_OTHER_PIECE:
        return True
    if n >= 8 and count >= _MIN_LONG_OTHER_PIECE:
        return True
    return n >= 4 and doc.lower_runs[low] >= 1


def piece_logp(low: str, doc: Doc) -> float:
    """log10 probability of a lowercase piece (document-only and rare words get a floor)."""
    m = doc.model
    count = m.unigrams.get(low)
    logp = _DOC_PIECE_LOGP if len(low) >= 4 and doc.lower_runs[low] else -math.inf
    if count is not None:
        logp = max(logp, math.log10(count) - m.log_total)
    elif len(low) >= _RARE_WORD_LEN and low in m.dictionary:
        logp = max(logp, _RARE_WORD_LOGP - m.log_total)
    return logp


def next_logp(prev: str, low: str, doc: Doc) -> float:
    """log10 P(low | prev): the bigram when wordsegment has it, else the unigram."""
    pair = doc.model.bigrams.get(f"{prev} {low}")
    prev_count = doc.model.unigrams.get(prev)
    if pair is not None and prev_count:
        return math.log10(pair / prev_count)
    return piece_logp(low, doc)


def many_split(run: str, doc: Doc, valid) -> tuple[tuple[int, ...], float]:  # noqa: ANN001
    """Best split into two to six valid pieces by dynamic programming (offsets, log10 prob).

    ``valid(piece)`` is the caller's piece gate. A piece shorter than three letters must form a
    known bigram with each neighbour (``by going to``, ``I found it easy``), which keeps name
    fragments out (``In stag am``). State: (end, start of last piece), as in a bigram Viterbi.
    """
    low = run.lower()
    n = len(low)
    # Cheap exits first: most unknown names have no valid first or last piece (Bessmertnykh).
    if not any(valid(run[:j]) for j in range(1, n)) or not any(valid(run[i:]) for i in range(1, n)):
        return (), -math.inf
    ends: dict[int, list[int]] = {i: [] for i in range(n + 1)}  # start -> valid piece ends
    for i in range(n):
        for j in range(i + 1, min(n, i + _MAX_PIECE_LEN) + 1):
            if (i, j) != (0, n) and valid(run[i:j]):
                ends[i].append(j)
    bigrams = doc.model.bigrams
    # by_end[j][i] = (logp, pieces, cuts) of the best prefix ending with the piece [i, j).
    by_end: list[dict[int, tuple[float, int, tuple[int, ...]]]] = [{} for _ in range(n + 1)]
    for j in ends[0]:
        by_end[j][0] = (piece_logp(low[:j], doc), 1, ())
    for i in range(1, n):
        for a, (logp, count, cuts) in list(by_end[i].items()):
            if count >= _MAX_PIECES:
                continue
            prev = low[a:i]
            for j in ends[i]:
                cur = low[i:j]
                if (len(prev) < 3 or len(cur) < 3) and f"{prev} {cur}" not in bigrams:
                    continue
                cand = (logp + next_logp(prev, cur, doc), count + 1, (*cuts, i))
                old = by_end[j].get(i)
                if old is None or cand[0] > old[0]:
                    by_end[j][i] = cand
    finals = [v for v in by_end[n].values() if v[1] >= 2]
    if not finals:
        return (), -math.inf
    logp, _, cuts = max(finals)
    return cuts, logp
