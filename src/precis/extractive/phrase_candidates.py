"""Key-phrase candidates: noun phrases found without a tagger model (issue 17 item 4).

A candidate is a maximal run of words inside one sentence that no punctuation, stop word,
number, verb form or adverb interrupts, trimmed so that it ends on a word that can be a noun.
That approximates the noun-phrase pattern of the unsupervised key-phrase literature,
``(ADJ|NOUN)* NOUN`` (Hulth 2003; pke's TfIdf and TopicRank), with a word lexicon in place of a
tagger: ``data/keyphrase_words.tsv`` lists the word forms that lemminflect's English lexicon
gives only as a verb (``V``), only as an adverb (``A``) or only as an adjective (``J``); every
other word, unknown technical terms included, may be a noun. A verb-only form in ``-ed``
("distributed", "supervised") modifies a noun as an adjective does, so it may open a phrase but
not end one, and after a noun it is that noun's verb ("the barrier opened") and ends the run;
other verb forms ("proposes", "solving") end a run. Hyphenated words stay one word.

Words that carry no topic in papers break runs too (``et al``, reporting verbs, "paper",
"results"), and a few generic head nouns ("method", "problem") may close a phrase that names
something ("Monte Carlo method") but are never a phrase or its first word on their own. The
lexicon (NLTK's tagger needs a data download; spaCy's, a model download) and both lists were
chosen on the tune half of the development key-phrase sets (``bench/bench_keyphrases.py``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

from precis.document import Document
from precis.extractive.features import stem, stop_words

MAX_WORDS = 4  # a longer run names a clause more often than a term
# A word (letters or digits, inner hyphens and apostrophes kept: "syntax-sensitive", "Lob's"),
# or one character of punctuation, which ends a run.
_TOKEN = re.compile(r"\w+(?:[-'\u2019]\w+)*|[^\w\s]")
# Words that never belong in a key phrase: citation marks, reporting verbs and the vocabulary
# of writing about a paper (issue 17: "et al", "paper", "results", "using").
PAPER_STOP = frozenset(
    """et al paper papers article figure figures fig eq
    result results using use uses used based propose proposed proposes present presented
    presents show shows shown showed describe described describes discuss discussed discusses
    study studies studied new novel different various several number numbers way ways case
    cases work works example examples order term terms type types kind kinds also given known
    does did doing called termed denoted authors author vs etc eg ie""".split()
)
# Generic heads: a phrase may end on one ("Monte Carlo method", "rough sets"), never start.
GENERIC_HEADS = frozenset("approach approaches method methods problem problems set sets".split())
# A references heading in the second half of a paper, an abstract marker in its first fifth:
# text outside them (authors, affiliations, the bibliography) names no topic of the paper.
# (The heading word first: a pattern that opens on an alternation scans five times slower.)
_REFERENCES = re.compile(r"(?:REFERENCES|BIBLIOGRAPHY|References|Bibliography)\b")
_BEFORE_HEADING = re.compile(r"(?:^|\n|\b\d{1,2}\.?[ \t]+)$")
_ABSTRACT = re.compile(r"\bABSTRACT\b|(?:^|\n)[ \t]*Abstract\b")

NOUN, GENERIC, MODIFIER, PARTICIPLE, BREAK = "N", "G", "M", "P", "B"
_NOUNS = frozenset((NOUN, GENERIC))
_MODIFIERS = frozenset((MODIFIER, PARTICIPLE))


class Word(NamedTuple):
    """One word of a candidate: as written, lower-cased, its class (NOUN, MODIFIER, ...), stem."""

    surface: str
    lower: str
    kind: str
    stem: str


@lru_cache(maxsize=1)
def word_classes() -> dict[str, str]:
    """word -> ``V``, ``A`` or ``J`` from the shipped lexicon (loaded once, on first use)."""
    text = files("precis").joinpath("data/keyphrase_words.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {word: letter for word, letter in pairs}


@lru_cache(maxsize=200_000)
def word_kind(lower: str) -> str:
    """The class of a lower-case word: may it be in a phrase, end one, or must it break one?"""
    base, _, suffix = lower.replace("\u2019", "'").partition("'")
    if suffix and suffix != "s":  # "don't", "we're": a contraction is a function word
        return BREAK
    if base in GENERIC_HEADS:
        return GENERIC
    if (
        base in stop_words()
        or base in PAPER_STOP
        or len(base) < 2
        or not any(c.isalpha() for c in base)
    ):
        return BREAK
    letter = word_classes().get(base)
    if letter == "A" or (letter == "V" and not base.endswith("ed")):
        return BREAK  # "quickly", "proposes", "solving"
    if base.endswith("ed") and letter in ("V", "J", None):
        return PARTICIPLE  # "distributed", "embedded": like an adjective, unless after a noun
    return MODIFIER if letter == "J" else NOUN  # an adjective: inside a phrase, never at its end


@lru_cache(maxsize=200_000)
def _word(token: str) -> Word:
    """A token as a :class:`Word`; punctuation breaks a run. Cached: tokens recur."""
    lower = token.lower()
    kind = word_kind(lower) if lower[0].isalnum() else BREAK
    return Word(token, lower, kind, stem(lower) if kind != BREAK else "")


def candidates(text: str) -> list[tuple[Word, ...]]:
    """The candidate phrases of one sentence (or title, or several joined), in order."""
    out: list[tuple[Word, ...]] = []
    run: list[Word] = []
    for word in map(_word, _TOKEN.findall(text)):
        kind = word.kind
        if kind == PARTICIPLE and run and run[-1].kind in _NOUNS:
            kind = BREAK  # a participle after a noun is its verb: "the barrier opened"
        if kind != BREAK:
            run.append(word)
        elif run:
            _add_trimmed(run, out)
            run = []
    if run:
        _add_trimmed(run, out)
    return out


def _add_trimmed(run: list[Word], out: list[tuple[Word, ...]]) -> None:
    """Add the run without modifiers at its end or generic heads at its start, unless too long."""
    end = len(run)
    while end and run[end - 1].kind in _MODIFIERS:
        end -= 1
    start = 0
    while start < end and run[start].kind == GENERIC:
        start += 1
    if 0 < end - start <= MAX_WORDS:
        out.append(tuple(run[start:end]))


def body_texts(doc: Document) -> list[str]:
    """The title (when it is not the first sentence) and the sentences' text between an
    abstract marker and a references heading, in document order."""
    text = doc.text
    start = 0
    marker = _ABSTRACT.search(text, 0, len(text) // 5)
    if marker:
        start = marker.end()
    end = len(text)
    for heading in _REFERENCES.finditer(text, len(text) // 2):
        before = text[max(0, heading.start() - 4) : heading.start()]
        if heading.group().isupper() or _BEFORE_HEADING.search(before):
            end = heading.start()
    out = [
        text[max(start, s.start) : min(end, s.end)]
        for s in doc.sentences
        if s.end > start and s.start < end
    ]
    title = doc.metadata.title
    if title and not (out and out[0].startswith(title)):
        out.insert(0, title)
    return out
