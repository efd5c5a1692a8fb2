"""Peer summarizers as *rankers* over precis's own sentences.

Every adapter takes the sentence texts of one precis-segmented document and returns all their
indices, best first. Every system therefore sees exactly the same sentences and only the ranking
differs; budgets (K sentences or the reference's word count) are applied afterwards, identically
for all, by :func:`precis.evaluate.run.choose`.

How each ranking is read (sumy and summa only return a summary in document order):

- **sumy** (LexRank, TextRank, LSA, Luhn, KL, SumBasic): every summarizer funnels its ratings
  through ``AbstractSummarizer._get_best_sentences(sentences, count, rating)``, which sorts the
  sentences by rating (a stable sort, so ties stay in document order) and then calls ``count``
  on that sorted list when ``count`` is callable. Passing a callable that records the order and
  keeps everything yields the full ranking through the public ``__call__``, with no private
  method and no copy of any algorithm. KL and SumBasic are greedy: their ratings are the order
  of greedy selection, which is what we want. sumy keys ratings by sentence *text*, so two equal
  sentences share one rating (a sumy limitation, kept).
- **sumy without NLTK data**: the document is built directly (``ObjectDocumentModel`` ->
  ``Paragraph`` -> ``Sentence(text, tokenizer)``) with a regex word tokenizer mimicking sumy's
  own word filter; stemmer ``Stemmer("english")`` (NLTK Snowball, no data) and
  ``get_stop_words("english")`` (shipped with sumy). No punkt needed.
- **summa** TextRank: ``summa.summarizer.summarize`` splits sentences with its own regex, which
  would not match ours. We run its pipeline on our sentences instead, using its own pieces in
  the same order as ``summarize``: ``filter_words`` (lowercase, strip digits and punctuation, stop
  words, Snowball stem), ``build_graph`` over the filtered tokens, ``_set_graph_edge_weights``,
  ``remove_unreachable_nodes``, ``pagerank_weighted_scipy``. A sentence whose filtered token is
  empty or unreachable gets score 0, as in summa. Like sumy, summa keys nodes by text.
- **oracle**: greedy ROUGE selection against the reference (Nallapati et al. 2017; Liu & Lapata
  2019): repeatedly add the sentence that most increases ROUGE-1 F1 + ROUGE-2 F1 of the
  selection, stop when nothing increases it; the rest follow by their own R1+R2 F1. The usual
  upper bound for extractive systems; it reads the reference, so it is never a contender.
- **lead**: document order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import Any

Rank = Callable[[Sequence[str], Sequence[str]], list[int]]
"""``rank(sentences, reference_sentences) -> indices best first`` (only the oracle reads the
reference)."""

SUMY_METHODS = {
    "sumy-lexrank": "sumy.summarizers.lex_rank:LexRankSummarizer",
    "sumy-textrank": "sumy.summarizers.text_rank:TextRankSummarizer",
    "sumy-lsa": "sumy.summarizers.lsa:LsaSummarizer",
    "sumy-luhn": "sumy.summarizers.luhn:LuhnSummarizer",
    "sumy-kl": "sumy.summarizers.kl:KLSummarizer",
    "sumy-sumbasic": "sumy.summarizers.sum_basic:SumBasicSummarizer",
}


def lead(sentences: Sequence[str], reference: Sequence[str] = ()) -> list[int]:
    """Document order (Lead-K once a budget is applied)."""
    return list(range(len(sentences)))


# --- sumy -------------------------------------------------------------------------------------

_SUMY_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")  # sumy keeps words with a letter


class RegexTokenizer:
    """sumy's tokenizer interface without NLTK punkt: words by regex, sentences never split."""

    language = "english"

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(_SUMY_WORD.findall(text))

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)


@cache
def _sumy_summarizer(name: str, language: str = "en") -> Any:
    """One configured sumy summarizer per algorithm and language (stateless once built).

    English: sumy's Snowball English stemmer and stop words, as always. Other languages: what
    sumy ships for them, as :mod:`peers_multilingual` gives the issue-19 columns (lower-casing
    and no stop words where sumy has none).
    """
    import importlib

    from sumy.nlp.stemmers import Stemmer, null_stemmer
    from sumy.utils import get_stop_words

    module, cls = SUMY_METHODS[name].split(":")
    code = "english" if language == "en" else language
    try:
        stemmer: Any = Stemmer(code)
    except LookupError:
        stemmer = null_stemmer
    summarizer = getattr(importlib.import_module(module), cls)(stemmer)
    try:
        summarizer.stop_words = get_stop_words(code)
    except LookupError:
        summarizer.stop_words = frozenset()
    return summarizer


def _sumy_tokenizer(language: str) -> Any:
    """sumy's word tokenizer for ``language``: the English regex, or words in any script."""
    if language == "en":
        return RegexTokenizer()
    from peers_multilingual import ScriptWords

    return ScriptWords(language)


def sumy_ranker(name: str, language: str = "en") -> Rank:
    """A ranker for one of :data:`SUMY_METHODS`, reading sumy's own sorted ratings."""
    if name not in SUMY_METHODS:
        raise ValueError(f"unknown sumy method {name!r}; available: {', '.join(SUMY_METHODS)}")

    def rank(sentences: Sequence[str], reference: Sequence[str] = ()) -> list[int]:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

        if not sentences:
            return []
        tokenizer = _sumy_tokenizer(language)
        document = ObjectDocumentModel(
            [Paragraph([Sentence(text, tokenizer) for text in sentences])]
        )
        order: list[int] = []

        def keep_all(infos: list[Any]) -> list[Any]:
            order.extend(info.order for info in infos)  # sorted by rating, best first
            return infos

        _sumy_summarizer(name, language)(document, keep_all)
        return _complete(order, len(sentences))

    return rank


# --- summa ------------------------------------------------------------------------------------


def summa_textrank(sentences: Sequence[str], reference: Sequence[str] = ()) -> list[int]:
    """summa's TextRank pipeline run on our sentences (see module docstring)."""
    from summa.commons import build_graph, remove_unreachable_nodes
    from summa.pagerank_weighted import pagerank_weighted_scipy
    from summa.preprocessing.textcleaner import filter_words, init_textcleanner
    from summa.summarizer import _set_graph_edge_weights

    init_textcleanner("english", None)  # summa keeps its stemmer/stop words in module globals
    tokens = filter_words(list(sentences))
    nodes = sorted({t for t in tokens if t})
    scores: dict[str, float] = {}
    if nodes:
        graph = build_graph(nodes)
        _set_graph_edge_weights(graph)
        remove_unreachable_nodes(graph)
        if graph.nodes():
            scores = pagerank_weighted_scipy(graph)
    values = [float(scores.get(t, 0.0)) if t else 0.0 for t in tokens]
    return sorted(range(len(sentences)), key=lambda i: (-values[i], i))


# --- greedy ROUGE oracle ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _rouge_tokenizer() -> Any:
    from rouge_score.tokenizers import DefaultTokenizer

    return DefaultTokenizer(use_stemmer=True)


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _f1(overlap: int, predicted: int, reference: int) -> float:
    if overlap == 0 or predicted == 0 or reference == 0:
        return 0.0
    p, r = overlap / predicted, overlap / reference
    return 2 * p * r / (p + r)


def greedy_oracle(
    sentences: Sequence[str], reference: Sequence[str], language: str = "en"
) -> list[int]:
    """Greedy R1+R2 F1 selection against the reference, in the tokens ROUGE scores in
    (rouge-score's tokenizer and stemmer for English; :mod:`precis.evaluate.tokenize` else).

    N-grams are counted per sentence (bigrams do not cross sentence boundaries), a standard
    simplification. The clipped overlap of the selection is kept per n-gram, so scoring a
    candidate costs only its own length.
    """
    if language == "en":
        tokenize = _rouge_tokenizer().tokenize
    else:
        from precis.evaluate.tokenize import CHARACTER_LANGUAGES, ScriptTokenizer

        tokenize = ScriptTokenizer(characters=language in CHARACTER_LANGUAGES).tokenize
    ref_tokens = [t for s in reference for t in tokenize(s)]
    refs = (_ngrams(ref_tokens, 1), _ngrams(ref_tokens, 2))
    cands = [(_ngrams(toks, 1), _ngrams(toks, 2)) for toks in map(tokenize, sentences)]
    state = [_Selection(ref) for ref in refs]

    def value(i: int, chosen: list[_Selection]) -> float:
        return sum(sel.f1_with(cands[i][n]) for n, sel in enumerate(chosen))

    selected: list[int] = []
    best = 0.0
    remaining = set(range(len(sentences)))
    while remaining:
        score, neg = max((value(i, state), -i) for i in remaining)
        if score <= best:
            break
        best, pick = score, -neg
        selected.append(pick)
        remaining.discard(pick)
        for n, sel in enumerate(state):
            sel.add(cands[pick][n])
    fresh = [_Selection(ref) for ref in refs]
    return selected + sorted(remaining, key=lambda i: (-value(i, fresh), i))


class _Selection:
    """N-gram counts of a growing selection and their overlap with the reference, clipped."""

    def __init__(self, reference: Counter[tuple[str, ...]]) -> None:
        self.reference = reference
        self.ref_total = sum(reference.values())
        self.counts: Counter[tuple[str, ...]] = Counter()
        self.total = 0
        self.overlap = 0

    def _added_overlap(self, cand: Counter[tuple[str, ...]]) -> int:
        ref, have = self.reference, self.counts
        return sum(
            min(have[g] + c, ref[g]) - min(have[g], ref[g]) for g, c in cand.items() if g in ref
        )

    def f1_with(self, cand: Counter[tuple[str, ...]]) -> float:
        overlap = self.overlap + self._added_overlap(cand)
        return _f1(overlap, self.total + sum(cand.values()), self.ref_total)

    def add(self, cand: Counter[tuple[str, ...]]) -> None:
        self.overlap += self._added_overlap(cand)
        self.counts.update(cand)
        self.total += sum(cand.values())


def _complete(order: list[int], n: int) -> list[int]:
    """A permutation of range(n): ``order`` first (deduplicated), then anything it missed."""
    seen: set[int] = set()
    out = [i for i in order if not (i in seen or seen.add(i))]
    return out + [i for i in range(n) if i not in seen]


def peer_rankers(include_oracle: bool = True, language: str = "en") -> dict[str, Rank]:
    """Every peer that can run here, by name; sumy and summa are skipped when not installed.

    ``language`` other than English: sumy in that language (its stemmer and stop words, words
    in any script), the oracle in ROUGE's tokens for it; summa's adapter is English only.
    """
    import functools
    import importlib.util

    rankers: dict[str, Rank] = {"lead": lead}
    if include_oracle:
        rankers["oracle"] = (
            greedy_oracle
            if language == "en"
            else functools.partial(greedy_oracle, language=language)
        )
    if importlib.util.find_spec("sumy") is not None:
        rankers.update({name: sumy_ranker(name, language) for name in SUMY_METHODS})
    if language == "en" and importlib.util.find_spec("summa") is not None:
        rankers["summa-textrank"] = summa_textrank
    return rankers
