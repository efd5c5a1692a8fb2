"""auto: the measured best mixture of scorers for the document's length and genre."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from precis.document import Document
from precis.extractive.base import method_scores
from precis.extractive.features import Features
from precis.registry import scorers


@dataclass(frozen=True)
class Recipe:
    """Weights of rank-normalised component scores and the MMR lambda for one genre.

    ``models`` weighs models of the learned scorer (:mod:`precis.extractive.learned`), trained
    per genre on the development rows; their raw scores are added, not rank-normalised.

    ``position`` adds ``position * exp(-i / decay)`` for sentence ``i``: a lead prior that,
    unlike the rank-normalised ``lead`` component (linear in position), keeps the first few
    sentences well ahead of the rest however long the document is.

    ``length`` weighs the rank-normalised count of a sentence's content words: when the
    budget is a number of sentences, a longer one carries more of the document per slot
    (sentence length is one of the oldest extraction features: Kupiec et al. 1995; what
    TextRank's overlap graph favours by itself). No English recipe uses it.
    """

    weights: dict[str, float]
    mmr_lambda: float
    position: float = 0.0
    decay: float = 8.0
    models: dict[str, float] = field(default_factory=dict)
    length: float = 0.0


# Tuned with bench/tune_extractive.py (and its weight search) on the even-hash rows of the
# shared development sets; see bench/results/tune_extractive.json for the held-apart figures.
# "news", "paragraphs" and the SHORT_WORDS/sectioned rules: a grid over position weight/decay,
# pacsum/lexrank/textrank weights and lambda on all tuning rows of the news-length sets.
RECIPES: dict[str, Recipe] = {
    # abstracts and short news: one sentence out of a handful, as for "single" below.
    "short": Recipe({"textrank": 0.5}, 1.0, models={"single": 1.0}),
    # news-length prose in one block: a steep lead prior plus PacSum's position-aware
    # centrality and LexRank (Zheng & Lapata 2019: position and centrality are complementary).
    "news": Recipe({"pacsum": 1.0, "lexrank": 1.0}, 0.8, position=3.0, decay=8.0),
    # ... unless the budget buys one sentence: then the lead is a poor pick (CNN/DM report rows,
    # K=1: Lead-1 27.7 R1 against TextRank's 33.4). Boosted trees trained on each sentence's
    # own ROUGE (news and abstracts) plus TextRank, which steadies them on held-apart rows.
    # ... plus how typical the sentence's words are of the article (unigram, stop words
    # included): XSum tuning rows 19.9 -> 21.5 R1 (K = 1), CNN/DM one-sentence budgets -0.5.
    "single": Recipe({"textrank": 0.5, "unigram": 1.0}, 1.0, models={"single": 1.0}),
    # news-length text written in short paragraphs (one or two sentences each): the inverted
    # pyramid of news writing; the lead is the summary and centrality only adds noise.
    "paragraphs": Recipe({"lead": 1.0}, 1.0),
    # fiction (squality): long, content-dense sentences; position means little. unigram
    # prefers narration to dialogue (tuning rows, word budget: 40.7 -> 42.1 R1).
    "story": Recipe({"textrank": 1.0, "luhn": 1.0, "unigram": 1.0}, 0.6),
    # papers and other long documents (scisummnet): boosted trees over section, position,
    # centrality and cue features beat HipoRank by 6 R1 on the tuning rows.
    "long": Recipe({}, 0.7, models={"long": 1.0}),
    # a document none of the genres above describes (a transcript of speaker turns, one long
    # unbroken block): no genre's prior applies. bench/logo_auto.py's robust rule over the six
    # shared genres: of the pool's recipes without a position prior or learned model, the one
    # never far behind the best single method on any genre (TextRank: at least 0.865 of it;
    # the learned recipes score higher on those genres but fall 5 R1 behind on meetings).
    "unclear": Recipe({"textrank": 1.0}, 0.7),
}
SINGLE_MAX = 1.5
SINGLE_GENRES = ("news",)
SHORT_MAX = 15
SHORT_WORDS = 300
NEWS_MAX = 120
PARAGRAPHS_MIN = 3
PARAGRAPH_SHARE = 0.3
SECTIONS_MIN = 2
STORY_QUOTES = 0.2
TRANSCRIPT_SHARE = 0.5
# Languages other than English (issue 19): the English genres' tuning does not carry over (a
# French or Portuguese article in short paragraphs is not a CNN story whose lead is the
# summary: Lead is the worst of the pool there in de, fr and pt alike). Chosen per route by
# bench/logo_multilingual.py on all nine shared languages, by the rule whose leave-one-language-
# out figures are in bench/results/logo_multilingual.md (each language scored with the choices
# made on the other eight). A route that fewer than two languages take (papers, encyclopedia
# articles, stories) backs off to the choice over all the languages' documents; "unclear"
# (transcripts, unbroken blocks) keeps the robust mixture, no English-trained model or lead
# prior, as English meetings showed (issue 17). Texts in short paragraphs and the back-off
# add sentence length (Recipe.length) to a soft lead prior: with a budget in sentences the
# longer sentences carry more (LOLO pt 41.61/15.08 -> 43.09/15.77 R1/R2, de 24.00/4.13 ->
# 25.90/4.35, against sumy TextRank's 42.22/14.05 and 24.38/3.34).
_ROBUST = Recipe({"textrank": 1.0, "luhn": 1.0, "lexrank": 1.0}, 0.7)
_LENGTHY = Recipe({"textrank": 1.0, "unigram": 1.0}, 0.8, position=1.0, decay=8.0, length=1.0)
OTHER_LANGUAGES: dict[str, Recipe] = {
    "short": RECIPES["long"],
    "single": RECIPES["short"],
    "news": Recipe({"pacsum": 1.0, "lexrank": 1.0, "unigram": 1.0}, 0.8, position=3.0, decay=8.0),
    "paragraphs": _LENGTHY,
    "long": _LENGTHY,
    "story": _LENGTHY,
    "unclear": _ROBUST,
}
# "Grad C: ", "Project Manager: ", "MR. SMITH: ", "Operator: ": a speaker's label opening a turn.
_SPEAKER_LABEL = re.compile(r"[A-Z][\w.'’-]*(?: [A-Z0-9][\w.'’-]*){0,3}: ")


def paragraphed(features: Features) -> bool:
    """Written in short paragraphs: at least 3, and one per ~3 sentences or more."""
    paragraphs = len(features.doc.paragraphs)
    return paragraphs >= PARAGRAPHS_MIN and paragraphs >= PARAGRAPH_SHARE * features.n


def sectioned(features: Features) -> bool:
    """Two or more headed sections: a paper or report, where structure says more than the lead."""
    return sum(1 for s in features.doc.sections if s.heading) >= SECTIONS_MIN


def transcript(features: Features) -> bool:
    """Most paragraphs open with a speaker's label (``Grad C: ...``): a meeting, hearing or
    call transcript, a genre none of the tuning sets has (issue 17: auto lost to TextRank on
    meetings, having read them as papers)."""
    doc = features.doc
    paragraphs = [p for p in doc.paragraphs if p.kind == "body"]
    if len(paragraphs) < PARAGRAPHS_MIN:
        return False
    labelled = sum(1 for p in paragraphs if _SPEAKER_LABEL.match(doc.text, p.start, p.end))
    return labelled >= TRANSCRIPT_SHARE * len(paragraphs)


def unbroken(features: Features) -> bool:
    """Longer than news and written as one or two blocks: no structure to read a genre from
    (a transcript with its turns run together, a text whose line breaks were lost)."""
    return features.n > NEWS_MAX and len(features.doc.paragraphs) < PARAGRAPHS_MIN


def genre(features: Features) -> str:
    """Which recipe applies: by length, then structure, then the share of quoted sentences.

    Abstract-sized texts (few sentences *and* few words) are "short"; a handful of long
    sentences is already an article. A transcript, or a long text in one block, is "unclear":
    none of the tuned genres fits it. Up to :data:`NEWS_MAX` sentences, a text with headed
    sections is a (short) paper and gets the section-aware recipe; one written in short
    paragraphs follows the inverted pyramid; the rest is news-like prose.
    """
    n = features.n
    if n <= SHORT_MAX and float(features.word_counts.sum()) <= SHORT_WORDS:
        return "short"
    if transcript(features) or unbroken(features):
        return "unclear"
    if n <= NEWS_MAX:
        if sectioned(features):
            return "long"
        return "paragraphs" if paragraphed(features) else "news"
    return "story" if float(features.quoted.mean()) >= STORY_QUOTES else "long"


def position_prior(n: int, decay: float) -> np.ndarray:
    """``exp(-i / decay)`` for sentence ``i``: the lead bias of news (See et al. 2017)."""
    return np.exp(-np.arange(n) / decay)


def rank_normalise(scores: np.ndarray) -> np.ndarray:
    """Rank percentiles in [0, 1] (ties share the lower rank), so mixtures ignore score scales."""
    n = len(scores)
    if n < 2:
        return np.zeros(n)
    return np.argsort(np.argsort(scores, kind="stable"), kind="stable") / (n - 1)


@scorers.register("auto")
class Auto:
    """Per-genre mixture of the other scorers (a tuned ensemble; see :data:`RECIPES`).

    The components and their papers are cited in their own modules; the mixture itself follows
    the finding of Zheng & Lapata (2019) that position and centrality are complementary on
    news, and of Dong et al. (2021) that section structure matters on long papers.
    """

    name: ClassVar[str] = "auto"
    description: ClassVar[str] = "best measured mixture for the document's length and genre"

    budget_aware: ClassVar[bool] = True

    def score(self, doc: Document, features: Features, expected: float | None = None) -> np.ndarray:
        recipe = recipe_for(features, expected)
        total = np.zeros(features.n)
        for method, weight in recipe.weights.items():
            total += weight * rank_normalise(method_scores(method, doc, features))
        if recipe.position:
            total += recipe.position * position_prior(features.n, recipe.decay)
        if recipe.length:
            total += recipe.length * rank_normalise(np.asarray(features.content_lengths))
        if recipe.models:
            from precis.extractive.learned import learned_scores

            for model, weight in recipe.models.items():
                total += weight * learned_scores(features, model)
        return total

    def mmr_lambda_for(self, features: Features, expected: float | None = None) -> float:
        """The MMR lambda tuned for this document's genre (used unless the options set one)."""
        return recipe_for(features, expected).mmr_lambda


def recipe_name(features: Features, expected: float | None = None) -> str:
    """The genre's recipe, or ``single`` when a news budget buys about one sentence."""
    name = genre(features)
    if expected is not None and expected <= SINGLE_MAX and name in SINGLE_GENRES:
        return "single"
    return name


def recipe_for(features: Features, expected: float | None = None) -> Recipe:
    """The route's recipe in the document's language: English (or an unknown language) reads
    :data:`RECIPES` as it always has; another language takes :data:`OTHER_LANGUAGES`' recipe
    where that route has one (the English genres' tuning does not carry over to it)."""
    name = recipe_name(features, expected)
    if features.doc.metadata.language not in (None, "en") and name in OTHER_LANGUAGES:
        return OTHER_LANGUAGES[name]
    return RECIPES[name]
