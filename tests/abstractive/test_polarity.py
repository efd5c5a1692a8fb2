"""Negations a summary adds, and short forms it uses (issue 15, bug 4), on a real article.

The article is ``tests/fixtures/guard/nasa_alien_life.txt`` (CNN, see ORIGIN_guard.md): Stofan
says "We know where to look", Grunsfeld thinks finding life outside the solar system is a
matter of time, and "We are not talking about little green men."
"""

from __future__ import annotations

import pytest

from precis.abstractive.guard import Guard, GuardOptions
from precis.abstractive.polarity import (
    antonym_contrast,
    aspect_contrast,
    denied_object,
    denies,
    negated_terms,
    negation_item,
    polarity_contrast,
)
from precis.api import load_text
from precis.document import Document


@pytest.mark.parametrize(
    "sentence",
    [
        "Grunsfeld said we will never find life outside our solar system.",
        "Stofan said scientists do not know where to look.",
        "Stofan said that in most cases NASA does not have the technology.",
    ],
)
def test_a_denial_the_source_does_not_make_is_unsupported(
    guards: dict[str, Guard], sentence: str
) -> None:
    check = guards["nasa_alien_life"].check([sentence]).sentences[0]
    assert not check.supported
    assert [i.kind for i in check.unsupported] == ["negation"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Stofan said we are not talking about little green men.",
        "NASA is not talking about intelligent alien civilizations.",  # "isn't talking"
        "NASA is not only looking for microbes.",  # "not only" denies nothing
        "Stofan said scientists know where to look.",
    ],
)
def test_a_denial_the_source_makes_is_no_negation_error(
    guards: dict[str, Guard], sentence: str
) -> None:
    check = guards["nasa_alien_life"].check([sentence]).sentences[0]
    assert not [i for i in check.unsupported if i.kind == "negation"]


def test_the_negation_check_can_be_left_out(articles: dict[str, Document]) -> None:
    kinds = frozenset({"name", "number", "date", "quote"})
    guard = Guard(articles["nasa_alien_life"], GuardOptions(kinds=kinds))
    check = guard.check(["Stofan said scientists do not know where to look."]).sentences[0]
    assert not check.unsupported


def test_a_source_denies_a_word_a_few_words_after_its_negation() -> None:
    item = negation_item("His owner claims Winston is 'not a danger' to anyone.")
    assert item is not None and item.text == "not"
    terms = negated_terms("His owner claims Winston is 'not a danger' to anyone.", item)
    assert "danger" in terms
    assert denies("He is not a danger - I wouldn't have him near my kids.", terms)
    far = "They may not be Star Trek-type aliens, but we may be close to finding a danger."
    assert not denies(far, terms)
    assert not denies("NASA released a graphic noting a danger.", terms)  # "noting" is no "no"


def test_tv_is_supported_where_the_source_says_television() -> None:
    doc = load_text(
        "The singer first appeared on television in 1957, when she was nine years old. "
        "She went on to record twelve albums over four decades."
    )
    check = Guard(doc).check(["The singer first appeared on TV in 1957."]).sentences[0]
    assert check.supported, check.unsupported
    other = load_text("The singer first appeared on stage in 1957, when she was nine years old.")
    assert [
        i.text for i in Guard(other).check(["She first appeared on TV."]).sentences[0].unsupported
    ] == ["TV"]


# Evidence sentences from real articles (CNN/DM test set, the twins' articles in
# tests/fixtures/guard/twins_articles.jsonl; FRANK's development half for the last two), each
# with a summary sentence that states it the other way, and one that keeps its sense.
_CONTRASTS = [
    (
        "The form did not specify -- as California law requires -- what would happen if we "
        'separated," he said.',
        "Loeb said the consent form they signed specified what would happen if they separated.",
        "Loeb said the consent form they signed did not specify what would happen if they "
        "separated.",
    ),
    (
        "The start date of the penalty phase has not yet been set.",
        "A start date has already been set for the penalty phase of the trial.",
        "No start date has been set yet for the penalty phase of the trial.",
    ),
    (
        "Brass asked the judge Wednesday to let Altice out on bail until her sentencing, but the "
        "judge denied the request.",
        "The judge granted Brass's request to let Altice out on bail until her sentencing.",
        "The judge denied Brass's request to let Altice out on bail until her sentencing.",
    ),
    (
        "Pama, who has no history of violence, was reportedly 'beside himself' with grief.",
        "Pama has a record of violence and was said to be beside himself with grief.",
        "Pama has no record of violence and was said to be beside himself with grief.",
    ),
    (
        "'Despite knowing we were investigating him, Boente showed no signs of stopping his "
        "disturbing conduct.",
        "Once he knew police were investigating him, Boente stopped his behaviour.",
        "Even knowing police were investigating him, Boente showed no signs of stopping.",
    ),
    (
        "She denied being part of any cover-up or collusion of what had happened.",
        "Ratcliffe admitted being part of a cover-up of what had happened.",
        "Ratcliffe denied being part of any cover-up of what had happened.",
    ),
]


@pytest.mark.parametrize(("evidence", "flipped", "kept"), _CONTRASTS)
def test_a_sentence_that_states_its_evidence_the_other_way_is_a_contrast(
    evidence: str, flipped: str, kept: str
) -> None:
    assert polarity_contrast(flipped, evidence) is not None
    assert polarity_contrast(kept, evidence) is None


def test_a_word_the_evidence_uses_both_ways_or_a_yet_to_is_no_contrast() -> None:
    # FRANK, supported: the caption says "never been divorced" and then "The cost of divorce"
    evidence = (
        "People who have never been divorced can expect a retirement income 13% higher than a "
        "colleague The cost of divorce can wreck retirement many years after the break-up of a "
        "marriage, according to research."
    )
    summary = "the cost of divorce can wreck retirement many years after the break-up of a marriage"
    assert polarity_contrast(summary, evidence) is None
    # FRANK, supported: "have yet to be signed" is the evidence's "hasn't yet been signed"
    assert (
        polarity_contrast(
            "bob arum has revealed that the contracts have yet to be signed .",
            "Top Rank boss Arum is promoter for Manny Pacquiao and he said the contract hasn't "
            "yet been signed",
        )
        is None
    )


def test_a_verb_replaced_by_its_wordnet_antonym_is_a_contrast() -> None:
    evidence = "Gentile has denied any knowledge of the heist and the missing work."
    item = antonym_contrast("Gentile has acknowledged knowledge of the heist.", evidence)
    assert item is not None and item.text == "acknowledged"
    assert (
        antonym_contrast("Gentile did not acknowledge any knowledge of the heist.", evidence)
        is None
    )
    assert (
        antonym_contrast("Bowe won the rematch.", "Bowe lost the rematch to Holyfield.") is not None
    )
    assert antonym_contrast("Bowe won the first fight.", "Bowe won the first fight.") is None
    # FRANK, supported: "so far" against "far"/"near" (adjectives are not in the table)
    far = "Retired couple Brian and Charlotte Smith have found 102 arrows so far ."
    assert antonym_contrast(far, "The arrow was one of 102 found near the town.") is None


_TIME_FRAME = (  # CNN/DM test article (twins neg-007)
    "The law does not spell out a specific time frame that limits when an abortion can occur, "
    "but it bans the dilation and evacuation abortion procedure."
)


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        (
            "The Kansas law sets a specific time frame limiting when an abortion can take place.",
            True,
        ),
        ("The Kansas law does not set a specific time frame for an abortion.", False),
        ("The law bans the dilation and evacuation abortion procedure.", False),
    ],
)
def test_an_object_the_evidence_denies_asserted_with_another_verb(sentence, flagged):
    found = denied_object(sentence, _TIME_FRAME)
    assert (found is not None) == flagged, found


# real sentences (tests/fixtures/guard/twins_articles.jsonl: CNN's TSA story, the Daily Mail's
# Minnesota arrests)
TSA = (
    "The TSA said it has been trying to identify the passenger in the February incident but to "
    "no avail."
)
SYRIA = (
    "Despite being stopped already, Luger said, the three others continued to try to get to "
    "Syria to join IS 'by any means possible.'"
)


@pytest.mark.parametrize(
    ("sentence", "evidence", "flagged"),
    [
        ("The TSA said it has succeeded in identifying the passenger.", TSA, True),
        ("The TSA said it has tried to identify the passenger without success.", TSA, False),
        ("The TSA managed to board the plane.", TSA, False),  # another act
        ("Three of the men gave up trying to get to Syria.", SYRIA, True),
        ("Despite being stopped, three of the men kept trying to get to Syria.", SYRIA, False),
        ("After being stopped, three of the men tried to get to Syria.", SYRIA, False),
    ],
)
def test_an_act_said_to_succeed_or_stop_where_the_evidence_has_it_fail_or_go_on(
    sentence, evidence, flagged
) -> None:
    assert (aspect_contrast(sentence, evidence) is not None) is flagged


def test_an_antonym_outside_the_evidence_counts_only_in_the_same_frame() -> None:
    # the Daily Mail's Carlos Boente story (twins_articles.jsonl), abridged: "convicted" pulls
    # in the charging sentence; the sentence that clears him is the one that states it
    source = (
        "Boente, from Birmingham, was charged with two counts of threats to kill, one count of "
        "harassment and one count of conspiracy to burgle. The jury heard from the woman. "
        "Although he was cleared of the threats to kill charges he was last week jailed for "
        "five years at Birmingham Crown Court."
    )
    guard = Guard(load_text(source))
    convicted = guard.check(["Boente was convicted of the charges of threats to kill."])
    assert "negation" in {i.kind for i in convicted.sentences[0].unsupported}
    # FRANK (XSum, labelled supported), shortened: "lost its funding" and "winning medals" are
    # two statements, not one word swapped for its opposite
    source = (
        "UK Sport has set Team GB a target of winning Olympic medals and Paralympic medals in "
        "Tokyo. Badminton has had its UK Sport funding for the 2020 Olympics removed."
    )
    lost = Guard(load_text(source)).check(
        ["Badminton has lost its UK Sport funding for the 2020 Olympics and Paralympics."]
    )
    assert "negation" not in {i.kind for i in lost.sentences[0].unsupported}
