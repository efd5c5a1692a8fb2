"""The faithfulness guard on real articles: issue 4's failures next to faithful paraphrases."""

from __future__ import annotations

import json

import numpy as np
import pytest

from precis.abstractive.guard import Guard, GuardOptions, GuardResult, check
from precis.document import Document
from precis.errors import OptionError
from precis.ingest.base import Metadata

# (article, faithful summary sentence): reference highlights and paraphrases of the source.
FAITHFUL = [
    (
        "nasa_alien_life",
        "NASA chief scientist Ellen Stofan believes we're close to finding alien life.",
    ),
    (
        "nasa_alien_life",
        'Indications within a decade; definitive evidence within "20 to 30 years," she said.',
    ),
    (
        "nasa_alien_life",
        "Former astronaut John Grunsfeld says it is just a matter of time before life is found "
        "outside our solar system.",
    ),
    (
        "armenia_genocide",
        "Obama promised Armenian-Americans he would call the atrocity genocide during the 2008 campaign.",
    ),
    (
        "armenia_genocide",
        "Pope Francis, actor George Clooney, and even the Kardashians have taken the moral position, "
        "calling it the Armenian genocide.",
    ),
    (
        "armenia_genocide",
        "Turkish Foreign Minister Mevlut Cavusoglu told CNN on Tuesday that Turkey cannot define "
        "what happened in 1915 as a genocide.",
    ),
    ("armenia_genocide", "The Turks massacred an estimated 1,500,000 Armenians in 1915."),
    (
        "armenia_genocide",
        'Samantha Power wrote that "no U.S. president has ever made genocide prevention a priority."',
    ),
    (
        "armenia_genocide",
        "Turkey has the second-largest military in NATO, behind only the United States.",
    ),
    (
        "clinton_followers",
        "No more than 44% of Hillary Clinton's 3.6 million Twitter followers are real people.",
    ),
    ("clinton_followers", "Her State Department spent $630,000 to boost its Facebook numbers."),
    ("clinton_followers", "More than 46,000 of her Facebook fans list Baghdad as their hometown."),
    ("clinton_followers", "Clinton has 3,600,000 Twitter followers."),
    (
        "clinton_followers",
        "Just four per cent of President Barack Obama's Twitter followers are considered fake.",
    ),
]

# (article, unfaithful sentence, kind and text of the item the source does not support).
UNFAITHFUL = [
    (
        "nasa_alien_life",
        "NASA chief scientist Ellen Stofan believes we're close to finding alien life, says "
        "CNN.com's John Sutter.",
        ("name", "John Sutter"),
    ),
    (
        "armenia_genocide",
        "This is the seventh year in a row that Obama has broken his promise, writes David Gergen.",
        ("name", "David Gergen"),
    ),
    (
        "armenia_genocide",
        "President George W. Bush sent his brother to Armenia to mark the anniversary.",
        ("name", "George W. Bush"),
    ),
    (
        "armenia_genocide",
        "This week is the 90th anniversary of the Armenian genocide.",
        ("number", "90th"),
    ),
    (
        "armenia_genocide",
        "The Turks massacred an estimated 2.5 million Armenians in 1915.",
        ("number", "2.5 million"),
    ),
    (
        "clinton_followers",
        "No more than 54 per cent of Clinton's Twitter followers are real people.",
        ("number", "54 per cent"),
    ),
    ("clinton_followers", "Clinton has 3.6 billion Twitter followers.", ("number", "3.6 billion")),
    (
        "armenia_genocide",
        "Obama promised on the 2004 campaign trail to use the word genocide.",
        ("date", "2004"),
    ),
    (
        "armenia_genocide",
        "Turkish Foreign Minister Mevlut Cavusoglu told CNN on Friday that Turkey cannot define "
        "what happened in 1915 as a genocide.",
        ("date", "Friday"),
    ),
    (
        "nasa_alien_life",
        "Ellen Stofan said definitive evidence of alien life could come in March.",
        ("date", "March"),
    ),
    (
        "armenia_genocide",
        'Samantha Power wrote that "every U.S. president has made genocide prevention a priority."',
        ("quote", "every U.S. president has made genocide prevention a priority."),
    ),
    (
        "nasa_alien_life",
        'Stofan said: "We are talking about little green men."',
        ("quote", "We are talking about little green men."),
    ),
]


@pytest.mark.parametrize(("article", "sentence"), FAITHFUL)
def test_guard_keeps_faithful_sentence(guards, article, sentence):
    verdict = guards[article].check([sentence]).sentences[0]
    assert verdict.supported, verdict
    assert verdict.unsupported == ()
    assert verdict.evidence


@pytest.mark.parametrize(("article", "sentence", "item"), UNFAITHFUL)
def test_guard_flags_unsupported_item(guards, article, sentence, item):
    verdict = guards[article].check([sentence]).sentences[0]
    assert not verdict.supported
    assert item in [(i.kind, i.text) for i in verdict.unsupported]


def test_guard_sentence_about_another_article_has_weak_support(guards):
    verdict = (
        guards["nasa_alien_life"]
        .check(["Users created memes of him in hilarious scenarios."])
        .sentences[0]
    )
    assert not verdict.supported
    assert verdict.score < GuardOptions().threshold


def test_guard_collapses_contingent_loop_and_keeps_sentence(guards):
    looped = "Most of the Baghdad contingent contingent contingent is in the 18-34 age range."
    verdict = guards["clinton_followers"].check([looped]).sentences[0]
    assert verdict.text == looped
    assert verdict.repaired == "Most of the Baghdad contingent is in the 18-34 age range."
    assert verdict.supported


def test_guard_evidence_spans_index_the_clean_source(articles, guards):
    result = guards["nasa_alien_life"].check([s for _, s in FAITHFUL[:3]])
    doc = articles["nasa_alien_life"]
    for verdict in result.sentences:
        for e in verdict.evidence:
            assert doc.text[e.start : e.end] == doc.sentences[e.sentence].text


def test_guard_marks_repeated_sentence_across_chunks(guards):
    chunks = [
        "Obama promised to use the word genocide during the 2008 campaign.",
        "Turkey is a crucial NATO ally.",
        "During the 2008 campaign, Obama promised to use the word genocide.",
    ]
    result = guards["armenia_genocide"].check(chunks)
    assert [s.duplicate_of for s in result.sentences] == [None, None, 0]


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("drop", ["Indications within a decade.", "Stofan said life is near."]),
        ("flag", ["Indications within a decade.", "Stofan said life is near.", "Sutter said so."]),
        (
            "off",
            [
                "Indications within a decade.",
                "Stofan said life is near.",
                "Sutter said so.",
                "Stofan said life is near.",
            ],
        ),
    ],
)
def test_guard_result_kept_follows_policy(policy, expected):
    from precis.abstractive.guard import SentenceCheck

    def verdict(i, text, supported, duplicate_of=None):
        return SentenceCheck(i, text, supported, 0.5, (), (), duplicate_of=duplicate_of)

    result = GuardResult(
        (
            verdict(0, "Indications within a decade.", True),
            verdict(1, "Stofan said life is near.", True),
            verdict(2, "Sutter said so.", False),
            verdict(3, "Stofan said life is near.", True, duplicate_of=1),
        ),
        policy,
    )
    assert result.kept() == expected


def test_guard_drop_policy_returns_repaired_text(guards):
    result = guards["clinton_followers"].check(
        ["Most of the Baghdad contingent contingent contingent is in the 18-34 age range."]
    )
    assert result.kept() == ["Most of the Baghdad contingent is in the 18-34 age range."]


def test_guard_json_has_the_issue_4_shape(guards):
    result = guards["nasa_alien_life"].check([s for _, s, _ in UNFAITHFUL[:1]] + [FAITHFUL[0][1]])
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) == {"sentences"}
    first, second = data["sentences"]
    assert {"text", "supported", "score", "unsupported", "evidence"} <= set(first)
    assert first["supported"] is False and second["supported"] is True
    assert {"kind": "name", "text": "John Sutter"} in first["unsupported"]
    assert all(set(e) == {"start", "end"} for e in second["evidence"])


def test_guard_kinds_option_turns_a_check_off(articles):
    sentence = "Clinton has 3.6 billion Twitter followers."
    options = GuardOptions(kinds=frozenset({"name", "date", "quote"}))
    assert check(articles["clinton_followers"], [sentence], options).sentences[0].supported


def test_guard_document_scope_accepts_number_stated_elsewhere(articles):
    # "8" is in the source ("8 things to know ..."), but nowhere near Samantha Power's book.
    sentence = "Samantha Power won 8 Pulitzer prizes for her book about genocide."
    doc = articles["armenia_genocide"]
    assert not check(doc, [sentence], GuardOptions(scope="evidence")).sentences[0].supported
    assert check(doc, [sentence], GuardOptions(scope="document")).sentences[0].supported


def test_guard_embedding_hook_blends_similarity_and_adds_evidence(articles):
    doc = articles["nasa_alien_life"]
    calls = []

    def embed(texts):
        calls.append(len(texts))
        # A fake model: every text points the same way, so every pair has cosine 1.
        return np.ones((len(texts), 4))

    sentence = "Users created memes of him in hilarious scenarios."
    lexical = check(doc, [sentence]).sentences[0]
    blended = check(doc, [sentence], GuardOptions(embed=embed, embed_weight=0.5)).sentences[0]
    assert blended.score == pytest.approx(0.5 * lexical.score + 0.5)
    assert len(blended.evidence) == len(lexical.evidence) + 1
    assert calls == [len(doc.sentences), 1]  # source embedded once, then the summary


def test_guard_source_without_sentences_supports_nothing():
    empty = Document(text="", metadata=Metadata(), sections=(), paragraphs=(), sentences=())
    verdict = Guard(empty).check(["NASA found water on Europa."]).sentences[0]
    assert not verdict.supported
    assert verdict.evidence == ()


def test_guard_sentence_without_content_words_is_not_supported(guards):
    """It aligns at 1.0 (nothing to miss) but states nothing a source supports (issue 15)."""
    verdict = guards["nasa_alien_life"].check(["He said so."]).sentences[0]
    assert verdict.score == 1.0 and not verdict.supported


@pytest.mark.parametrize(
    "kwargs",
    [
        {"policy": "keep"},
        {"scope": "chapter"},
        {"threshold": 1.5},
        {"bigram_weight": -0.1},
        {"max_evidence": 0},
        {"kinds": frozenset({"name", "colour"})},
    ],
)
def test_guard_options_reject_bad_values(kwargs):
    with pytest.raises(OptionError):
        GuardOptions(**kwargs)


def test_fragments_that_state_nothing_are_never_supported(guards: dict[str, Guard]) -> None:
    """Issue 15, bug 3: SmolLM2 wrote "But they", "(NASA)", "It was." and "(CNN.)", which
    aligned with the NASA article at 1.0; a real sentence of it stays supported."""
    guard = guards["nasa_alien_life"]
    fragments = ["But they", "(NASA)", "It was.", "(CNN.)"]
    result = guard.check([*fragments, "NASA's chief scientist Ellen Stofan spoke at a panel."])
    assert [c.supported for c in result.sentences] == [False] * 4 + [True]


def test_a_sentence_far_below_a_close_summary_is_unsupported(guards):
    """The summary floor (issue 16, fitted on FRANK's development half: precis/data/
    guard_fit.json): among sentences copied nearly word for word, the one the source supports
    far less is marked, with the floor it fell under; alone, or with the floor off, it is not."""
    from precis.abstractive.guard import GuardOptions, summary_fit

    guard = guards["armenia_genocide"]
    copied = [
        "It's a moral position taken by Pope Francis, actor George Clooney and even by the Kardashians.",
        "On the 2008 campaign trail, Obama promised to use the word genocide to describe the 1915 massacre.",
    ]
    loose = "Turkey is a key NATO ally on Syria and ISIS, which weighs on Obama's choice of words."
    result = guard.check([*copied, loose])
    fit = summary_fit()
    scores = [c.score for c in result.sentences]
    assert min(scores[:2]) > 0.9 and scores[2] < sum(scores) / 3 - fit["margin"]
    assert [c.supported for c in result.sentences] == [True, True, False]
    assert result.sentences[2].floor is not None and result.sentences[2].unsupported == ()
    assert guard.check([loose]).sentences[0].supported
    off = Guard(guard.doc, GuardOptions(summary_floor=False)).check([*copied, loose])
    assert all(c.supported for c in off.sentences)


def test_a_wrong_name_gets_one_verdict_in_every_sentence_of_a_summary(guards):
    """Issue 16: "Ellen Stout" (for Stofan) is flagged; "Stout" opening another sentence reads
    as an ordinary word and passed alone. In one summary both are flagged."""
    guard = guards["nasa_alien_life"]
    alone = guard.check(["Stout spoke at a panel discussion."]).sentences[0]
    assert alone.supported
    first, second = guard.check(
        [
            "NASA's chief scientist Ellen Stout said we will find signs of life within a decade.",
            "Stout spoke at a panel discussion.",
        ]
    ).sentences
    assert [i.text for i in first.unsupported] == ["Ellen Stout"]
    assert not second.supported and [i.text for i in second.unsupported] == ["Stout"]
