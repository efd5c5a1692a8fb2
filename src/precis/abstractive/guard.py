"""The faithfulness guard: is each summary sentence supported by the source, and if not, why.

Issue 4: abstractive summaries invent attributions, actors, numbers, dates and quotes, and loop.
For every summary sentence the guard

1. collapses looping n-grams ("contingent contingent contingent"),
2. aligns it to the source sentences that support it (:mod:`~precis.abstractive.align`: weighted
   lexical cover, optionally blended with an embedding similarity) -> ``score`` and ``evidence``,
3. finds its names, numbers, dates and quotations (:mod:`~precis.abstractive.claims`; in a
   lower-cased sentence after giving it its source's capitals, :mod:`~precis.abstractive.truecase`)
   and looks each up in the source (:mod:`~precis.abstractive.facts`) -> ``unsupported``;
   where all are found, checks that they are found where the sentence's event is: a name given
   words or acts of someone else, a value taken from another event
   (:mod:`~precis.abstractive.placement`);
4. checks polarity both ways: a denial the source does not make, a denial of the source's
   dropped (:mod:`~precis.abstractive.polarity`),
5. marks sentences that nearly repeat an earlier one (:mod:`~precis.abstractive.repetition`).

A sentence is supported when its score reaches ``threshold`` and it has no unsupported item.
``policy`` says what a pipeline does with the rest: ``drop`` them, ``flag`` them (kept, marked),
or ``off`` (the guard is not applied). The defaults were tuned on half of the labelled set of
``bench/bench_guard.py`` and reported on the other half.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from precis import limits
from precis.abstractive.align import Aligner, Alignment, Embedder
from precis.abstractive.claims import DATE, NAME, NUMBER, QUOTE, Item, extract_items, untokenized
from precis.abstractive.facts import SourceFacts
from precis.abstractive.placement import CIRCUMSTANCE, MISATTRIBUTION, Placement
from precis.abstractive.polarity import (
    NEGATION,
    antonym_contrast,
    antonyms,
    aspect_contrast,
    denied_object,
    denies,
    dropped_denial,
    negated,
    negated_terms,
    negation_item,
    polarity_contrast,
)
from precis.abstractive.repetition import (
    REPETITION,
    collapse_repeats,
    near_duplicates,
    self_joined,
)
from precis.abstractive.swaps import (
    other_agent,
    other_modifier,
    swapped_partner,
    swapped_phrases,
    swapped_possessor,
    swapped_roles,
    swapped_subject,
)
from precis.abstractive.truecase import SourceCasing
from precis.document import Document
from precis.errors import OptionError
from precis.extractive.features import content_tokens
from precis.extractive.terms import is_english
from precis.stopwords import stop_words_for

if TYPE_CHECKING:
    from precis.abstractive.nli import Entailer

logger = logging.getLogger(__name__)

POLICIES = ("drop", "flag", "off")
SCOPES = ("document", "evidence")
KINDS = frozenset({NAME, NUMBER, DATE, QUOTE, NEGATION, MISATTRIBUTION, CIRCUMSTANCE, REPETITION})
MIN_ELSEWHERE = 3  # content words a sentence outside the evidence shares, for its antonym
MAX_ELSEWHERE_SENTENCES = 50  # ... of an antonym no more source sentences than this use
NLI_CONTEXT = 3  # nearest source sentences added to the evidence as the NLI premise
CONTRAST_SCORE = (
    0.3  # alignment that makes the best evidence the sentence's own, for a polarity contrast
)


@dataclass(frozen=True, kw_only=True)
class GuardOptions:
    """How the guard judges and what it does with unsupported sentences.

    Attributes:
        policy: ``drop`` unsupported sentences, ``flag`` them, or ``off``.
        threshold: lowest support score of a supported sentence.
        max_evidence: source sentences that may jointly support one summary sentence.
        related: nearest source sentences in which numbers and dates are looked up
            (with ``scope="evidence"``).
        bigram_weight: weight of content-word bigrams relative to single words.
        scope: look numbers and dates up in the whole ``document`` or near the ``evidence``.
        duplicate_threshold: share of shared content terms that makes a near-duplicate.
        kinds: which item kinds are checked (name, number, date, quote; negation: a denial
            that none of the sentence's source sentences makes, or the best evidence's denial
            dropped; misattribution: a name the source places at another event; circumstance:
            a value that the evidence states differently).
        embed: optional embedding model (texts -> vectors); None: lexical alignment only.
        embed_weight: weight of the embedding similarity in the score when ``embed`` is set.
        nli: optional entailment model ((premise, hypothesis) pairs -> probabilities, e.g.
            :class:`precis.abstractive.nli.NliModel`); the premise is the sentence's evidence
            and nearest source sentences. None: no NLI signal.
        nli_threshold: lowest entailment probability of a supported sentence when ``nli`` is set.
        summary_floor: in a summary that mostly restates its source closely (sentences passed
            to one :meth:`Guard.check` are one summary), a sentence supported far less than
            the rest is unsupported; the level and the margin are fitted on FRANK's
            development half (``bench/fit_guard_floor.py`` writes ``precis/data/guard_fit.json``).
    """

    policy: str = "drop"
    threshold: float = 0.2
    max_evidence: int = 2
    related: int = 3
    bigram_weight: float = 1.0
    scope: str = "evidence"
    duplicate_threshold: float = 0.8
    kinds: frozenset[str] = KINDS
    embed: Embedder | None = field(default=None, compare=False)
    embed_weight: float = 0.5
    nli: Entailer | None = field(default=None, compare=False)
    nli_threshold: float = 0.5
    summary_floor: bool = True

    def __post_init__(self) -> None:
        if self.policy not in POLICIES:
            raise OptionError(
                f"guard policy must be one of {', '.join(POLICIES)}, got {self.policy!r}"
            )
        if self.scope not in SCOPES:
            raise OptionError(f"guard scope must be one of {', '.join(SCOPES)}, got {self.scope!r}")
        for name in (
            "threshold",
            "bigram_weight",
            "duplicate_threshold",
            "embed_weight",
            "nli_threshold",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise OptionError(f"guard {name} must be between 0 and 1, got {value}")
        if self.max_evidence < 1 or self.related < 0:
            raise OptionError(f"guard max_evidence must be >= 1, got {self.max_evidence}")
        if not self.kinds <= KINDS:
            raise OptionError(f"unknown guard item kinds: {sorted(self.kinds - KINDS)}")


@dataclass(frozen=True, slots=True)
class Evidence:
    """A supporting source sentence: ``start``/``end`` index the clean source text."""

    sentence: int
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class SentenceCheck:
    """The verdict on one summary sentence."""

    index: int
    text: str
    supported: bool
    score: float
    unsupported: tuple[Item, ...]
    evidence: tuple[Evidence, ...]
    repaired: str | None = None  # the text with loops collapsed, when that changed it
    duplicate_of: int | None = None  # an earlier summary sentence this one nearly repeats
    entailment: float | None = None  # the NLI model's probability, when one is used
    floor: float | None = None  # the summary's floor (see GuardOptions.summary_floor), if below

    @property
    def output(self) -> str:
        """The text a guarded summary carries (loops collapsed)."""
        return self.repaired if self.repaired is not None else self.text

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "text": self.text,
            "supported": self.supported,
            "score": round(self.score, 4),
            "unsupported": [i.to_dict() for i in self.unsupported],
            "evidence": [e.to_dict() for e in self.evidence],
            "repaired": self.repaired,
            "duplicate_of": self.duplicate_of,
            "entailment": None if self.entailment is None else round(self.entailment, 4),
            "floor": None if self.floor is None else round(self.floor, 4),
        }


@dataclass(frozen=True)
class GuardResult:
    """Verdicts on every sentence of a summary, and the policy that decides what is kept."""

    sentences: tuple[SentenceCheck, ...]
    policy: str = "drop"
    threshold: float = 0.5

    def kept(self) -> list[str]:
        """The summary after the policy: all sentences (off), all but repeats (flag), or only
        the supported ones that are not repeats (drop)."""
        if self.policy == "off":
            return [s.text for s in self.sentences]
        keep = [s for s in self.sentences if s.duplicate_of is None]
        if self.policy == "drop":
            keep = [s for s in keep if s.supported]
        return [s.output for s in keep]

    @property
    def supported_count(self) -> int:
        return sum(1 for s in self.sentences if s.supported)

    def to_dict(self) -> dict[str, Any]:
        return {"sentences": [s.to_dict() for s in self.sentences]}


# Lexical + embedding alignment as tuned by ``bench/bench_guard.py --embed`` on the tune half:
# held half 99.4% recall, 2.3% false drops (lexical alone: 98.9%, 3.0%), about 30x slower on CPU.
EMBED_WEIGHT = 0.5
EMBED_THRESHOLD = 0.35


def with_embeddings(options: GuardOptions, embed: Embedder | None = None) -> GuardOptions:
    """``options`` aligning with sentence embeddings too (default: the bundled all-MiniLM-L6-v2,
    from the ``embed`` extra), at the tuned weight and threshold."""
    if embed is None:
        from precis.extractive.embedder import Embedder as SentenceEmbedder

        embed = SentenceEmbedder().encode
    return dataclasses.replace(
        options, embed=embed, embed_weight=EMBED_WEIGHT, threshold=EMBED_THRESHOLD
    )


class Guard:
    """The guard prepared for one source document (index built once, reused for every chunk)."""

    def __init__(self, doc: Document, options: GuardOptions | None = None) -> None:
        self.doc = doc
        self.options = options or GuardOptions()
        self._aligner = Aligner(
            doc,
            bigram_weight=self.options.bigram_weight,
            embed=self.options.embed,
            embed_weight=self.options.embed_weight,
        )
        # the document's language reads its words; rules written for English (negation cues,
        # antonyms, speech verbs, agents) do not run on other languages (issue 19 item 3)
        self._language = doc.metadata.language
        self._english = is_english(self._language)
        self._tokens = self._aligner.tokens
        self._stop = None if self._english else stop_words_for(self._language)
        self._facts = SourceFacts(doc)
        self._placement = Placement(doc)
        self._casing: SourceCasing | None = None  # built on first lower-cased sentence
        self._stem_sentences: dict[str, set[int]] | None = None  # built on first use
        self._source_names: frozenset[str] | None = None  # built on first use
        self._folded: str | None = None  # the source lower-cased, built on first use

    def check(self, sentences: Sequence[str]) -> GuardResult:
        """Judge each summary sentence against the source."""
        opts = self.options
        repaired = [collapse_repeats(s, self._stop) for s in sentences]
        alignments = self._aligner.align(
            repaired, max_evidence=opts.max_evidence, related=opts.related
        )
        duplicates = near_duplicates(repaired, opts.duplicate_threshold, self._tokens)
        entailment = self._entailment(repaired, alignments)
        checks = []
        contentful = []
        for i, (text, fixed, alignment) in enumerate(
            zip(sentences, repaired, alignments, strict=True)
        ):
            limits.check("checking summary sentences")
            window = None if opts.scope == "document" else set(alignment.related)
            terms = frozenset(self._tokens(fixed))
            contentful.append(not states_nothing(fixed, terms) and duplicates[i] is None)
            cased = untokenized(self._cased(untokenized(fixed)))
            items = extract_items(cased, self._language)
            unsupported = tuple(
                item
                for item in items
                if item.kind in opts.kinds and not self._facts.supports(item, window, terms)
            )
            if not unsupported and self._english:  # a fact stated about another event
                moved = self._placement.moved(cased, items, self._aligner)
                unsupported = tuple(i for i in moved if i.kind in opts.kinds)
            unsupported += self._polarity(fixed, alignment.evidence, alignment.score)
            joined = self_joined(text) if REPETITION in opts.kinds and self._english else None
            if joined is not None and not self._source_says(joined.text):
                unsupported += (joined,)  # "Smith and Smith" the source writes is a name
            if not unsupported and MISATTRIBUTION in opts.kinds and self._english:
                unsupported = self._swapped(cased, alignment.evidence, alignment.score)
            entailed = entailment[i] if entailment is not None else None
            checks.append(
                SentenceCheck(
                    index=i,
                    text=text,
                    supported=alignment.score >= opts.threshold
                    and not unsupported
                    and not states_nothing(fixed, terms)
                    and (entailed is None or entailed >= opts.nli_threshold),
                    score=alignment.score,
                    unsupported=unsupported,
                    evidence=tuple(self._evidence(j) for j in alignment.evidence),
                    repaired=fixed if fixed != text else None,
                    duplicate_of=duplicates[i],
                    entailment=entailed,
                )
            )
        checks = same_name_same_verdict(checks, self._facts.has_token)
        if opts.summary_floor:
            checks = below_summary_floor(checks, contentful)
        result = GuardResult(tuple(checks), opts.policy, opts.threshold)
        logger.debug("guard: %d of %d sentences supported", result.supported_count, len(checks))
        return result

    def _cased(self, sentence: str) -> str:
        """The sentence with the source's capitals where it is all lower case (FRANK's
        tokenised CNN/DM summaries), so that its names are found (:mod:`truecase`)."""
        if not self._english or any(c.isupper() for c in sentence):
            return sentence  # other languages: FRANK's lower-casing is English data
        if self._casing is None:
            self._casing = SourceCasing(self.doc.text)
        return self._casing.restore(sentence)

    def _entailment(
        self, sentences: Sequence[str], alignments: Sequence[Alignment]
    ) -> list[float] | None:
        """The NLI model's entailment probability of each sentence given its evidence and
        nearest source sentences (in document order), or None without a model."""
        if self.options.nli is None or not sentences:
            return None
        pairs = []
        for sentence, alignment in zip(sentences, alignments, strict=True):
            near = sorted(set(alignment.evidence) | set(alignment.related[:NLI_CONTEXT]))
            premise = " ".join(self.doc.sentences[j].text for j in near)
            pairs.append((premise, sentence))
        return [float(p) for p in self.options.nli(pairs)]

    def _polarity(
        self, sentence: str, evidence: tuple[int, ...] = (), score: float = 0.0
    ) -> tuple[Item, ...]:
        """The sentence's negation when no source sentence denies the words it denies, or a
        word it and its evidence take opposite ways (:mod:`polarity`)."""
        if NEGATION not in self.options.kinds or not self._english:
            return ()  # the cues, antonyms and denials are English words
        if evidence and score >= CONTRAST_SCORE:
            terms = set(self._tokens(sentence))
            first = len(terms & set(self._tokens(self.doc.sentences[evidence[0]].text)))
            for e in evidence:
                text = self.doc.sentences[e].text
                if e != evidence[0] and len(terms & set(self._tokens(text))) < first - 1:
                    continue  # the best evidence covers more of the sentence: it decides
                contrast = (
                    polarity_contrast(sentence, text)
                    or antonym_contrast(sentence, text)
                    or aspect_contrast(sentence, text)
                )
                if contrast is not None:
                    return (contrast,)
            contrast = self._antonym_elsewhere(sentence, terms, first, evidence)
            if contrast is not None:
                return (contrast,)
        item = negation_item(sentence)
        if item is None:
            for e in evidence:  # each evidence sentence: the denial is specific enough
                text = self.doc.sentences[e].text
                dropped = dropped_denial(sentence, text) or denied_object(sentence, text)
                if dropped is not None:
                    return (dropped,)
            return ()
        terms = set(negated_terms(sentence, item))
        index = self._sentences_with()
        near = set().union(*(index.get(t, set()) for t in terms)) if terms else set()
        # a contradiction restates the denied words: two of them, or the one there is
        least = min(2, len(terms))
        restated = any(sum(j in index.get(t, ()) for t in terms) >= least for j in near)
        if not restated or any(denies(self.doc.sentences[j].text, terms) for j in near):
            return ()  # the source denies the words too, or never uses them (no contradiction)
        if evidence and negated(self.doc.sentences[evidence[0]].text):
            return ()  # the best evidence denies something: a paraphrase's negation
        return (item,)

    def _antonym_elsewhere(
        self, sentence: str, terms: set[str], first: int, evidence: tuple[int, ...]
    ) -> Item | None:
        """An antonym contrast with a source sentence outside the evidence that uses the
        opposite of one of the sentence's words and covers the sentence nearly as well as the
        best evidence ("Boente was convicted of the charges of threats to kill": the opposite
        word pulls in "was charged with ... threats to kill", while "he was cleared of the
        threats to kill charges" states it)."""
        table = antonyms()
        index = self._sentences_with()
        seen = set(evidence)
        for t in terms:
            for o in table.get(t, ()):
                using = index.get(o, ())
                if len(using) > MAX_ELSEWHERE_SENTENCES:
                    continue  # a word this common states no one fact (and costs a scan)
                for j in sorted(using):
                    if j in seen:
                        continue
                    seen.add(j)
                    text = self.doc.sentences[j].text
                    if len(terms & set(self._tokens(text))) < max(first - 1, MIN_ELSEWHERE):
                        continue
                    contrast = antonym_contrast(sentence, text)
                    if contrast is not None and _same_frame(sentence, contrast, text):
                        return contrast
        return None

    def _swapped(self, sentence: str, evidence: tuple[int, ...], score: float) -> tuple[Item, ...]:
        """The agent of an act the best evidence states the other way round (:mod:`swaps`)."""
        if not evidence or score < CONTRAST_SCORE:
            return ()
        text = self.doc.sentences[evidence[0]].text
        found = (
            swapped_roles(sentence, text)
            or swapped_subject(sentence, text, self._name_parts())
            or swapped_phrases(sentence, text)
            or other_agent(sentence, text)
            or swapped_possessor(sentence, text, self._source_says)
            or other_modifier(sentence, text)
        )
        for e in evidence:  # "A and B have died" against "A and C have died": any evidence
            found = found or swapped_partner(sentence, self.doc.sentences[e].text)
        return () if found is None else (found,)

    def _source_says(self, phrase: str) -> bool:
        """Whether the source writes ``phrase`` (case and spacing aside)."""
        if self._folded is None:
            self._folded = " ".join(self.doc.text.lower().split())
        return " ".join(phrase.lower().split()) in self._folded

    def _name_parts(self) -> frozenset[str]:
        """Parts of every name the source writes (built on first use)."""
        if self._source_names is None:
            self._source_names = frozenset(
                p
                for j in range(len(self.doc.sentences))
                for i in self._placement.items(j)
                if i.kind == NAME
                for p in i.key
            )
        return self._source_names

    def _sentences_with(self) -> dict[str, set[int]]:
        """Content stem -> the source sentences that use it (built on first use)."""
        if self._stem_sentences is None:
            index: dict[str, set[int]] = {}
            for j, s in enumerate(self.doc.sentences):
                for term in self._tokens(s.text):
                    index.setdefault(term, set()).add(j)
            self._stem_sentences = index
        return self._stem_sentences

    def _evidence(self, index: int) -> Evidence:
        s = self.doc.sentences[index]
        return Evidence(index, s.start, s.end)


_WORD_AFTER_RE = re.compile(r"\W+(\w+)")


def _same_frame(sentence: str, contrast: Item, text: str) -> bool:
    """Whether the word of ``contrast`` and its antonym in ``text`` take the same next word
    ("convicted of" and "cleared of"): a word swapped for its opposite in one statement, not
    a word of another statement ("lost its funding" against "a target of winning medals")."""
    ours = _WORD_AFTER_RE.match(sentence, contrast.end)
    if ours is None:
        return False
    opposite = contrast.key[1]
    for m in re.finditer(r"\b\w+\b", text):
        if opposite in content_tokens(m.group(0)):
            theirs = _WORD_AFTER_RE.match(text, m.end())
            if theirs is not None and theirs.group(1).lower() == ours.group(1).lower():
                return True
    return False


def same_name_same_verdict(
    checks: list[SentenceCheck], in_source: Callable[[str], bool] = lambda word: False
) -> list[SentenceCheck]:
    """A name the source does not support, flagged in one sentence of a summary, is flagged in
    every sentence that writes it, or writes the one of its words the source lacks (issue 16:
    "Ellen Stout said ..." flagged, and "Stout spoke at a panel." passed, its first word read
    as an ordinary word)."""
    names = {i.text for c in checks for i in c.unsupported if i.kind == NAME}
    names |= {
        part for name in names for part in name.split()[1:] if len(part) > 2 and not in_source(part)
    }
    if not names:
        return checks
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(names))) + r")(?!\w)")
    out = []
    for c in checks:
        have = {i.text for i in c.unsupported if i.kind == NAME}
        extra = tuple(
            Item(NAME, m.group(0), m.start(), m.end(), tuple(m.group(0).lower().split()))
            for m in pattern.finditer(c.output)
            if m.group(0) not in have and c.repaired is None
        )
        out.append(
            dataclasses.replace(c, supported=False, unsupported=c.unsupported + extra)
            if extra
            else c
        )
    return out


FIT_FILE = "data/guard_fit.json"


@lru_cache(maxsize=1)
def summary_fit() -> dict[str, Any]:
    """The shipped summary-floor fit: ``level``, ``margin`` and ``cap`` (``bench/fit_guard_floor.py``)."""
    from importlib.resources import files

    return json.loads(files("precis").joinpath(FIT_FILE).read_text(encoding="utf-8"))


def below_summary_floor(
    checks: list[SentenceCheck], counted: Sequence[bool] | None = None
) -> list[SentenceCheck]:
    """Sentences of a summary that restates its source closely (mean score at least the fitted
    ``level``) scored more than ``margin`` below that mean, and below ``cap``, marked
    unsupported. FRANK's CNN/DM
    systems copy most of what they write, and what they do not copy is where they err: a
    sentence far less supported than its neighbours is the likeliest invention. ``counted``
    says which sentences the mean is taken over (fragments that state nothing are not)."""
    scores = [c.score for c, n in zip(checks, counted or [True] * len(checks), strict=True) if n]
    if len(scores) < 2:
        return checks
    fit = summary_fit()
    mean = sum(scores) / len(scores)
    if mean < fit["level"]:
        return checks
    floor = min(mean - fit["margin"], fit.get("cap", 1.0))  # never above cap: 0.82 is support
    return [
        dataclasses.replace(c, supported=False, floor=floor) if c.score < floor else c
        for c in checks
    ]


SENTENCE_ENDS = (".", "!", "?", '"', "\u201d", "\u3002", "\uff01", "\uff1f", "\u300d")
# ... and Chinese and Japanese full stops, which need no space: "。", "！", "？", "」"


def states_nothing(sentence: str, terms: frozenset[str]) -> bool:
    """A fragment that says nothing a source could support, so it never counts as supported
    (issue 15: "But they", "It was.", "(NASA)" and "(CNN.)" aligned at 1.0): no content word,
    an aside wholly in brackets, or two words or fewer without a sentence end."""
    text = sentence.strip()
    if not terms:
        return True
    if text[:1] in "([" and text.rstrip(".!?")[-1:] in ")]":
        return True
    return len(text.split()) <= 2 and not text.endswith(SENTENCE_ENDS)


def check(
    doc: Document, sentences: Sequence[str], options: GuardOptions | None = None
) -> GuardResult:
    """Judge summary sentences against a source document (see :class:`Guard` to reuse the index)."""
    return Guard(doc, options).check(sentences)
