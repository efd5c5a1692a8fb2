"""Agent and patient swapped between two names (issue 16): the evidence sentences are from a
real CNN/DM article (tests/fixtures/guard/twins_articles.jsonl, Riddick Bowe's)."""

from __future__ import annotations

import pytest

from precis.abstractive.swaps import (
    other_agent,
    other_modifier,
    roles,
    swapped_partner,
    swapped_phrases,
    swapped_possessor,
    swapped_roles,
    swapped_subject,
)

EVIDENCE = (
    "Holyfield beat Bowe the following year in a rematch and also scored several victories over "
    "Mike Tyson."
)


def test_the_same_act_with_agent_and_patient_swapped_is_flagged() -> None:
    item = swapped_roles(
        "Bowe beat Holyfield in a rematch the year after their 1992 fight.", EVIDENCE
    )
    assert item is not None and item.text == "Bowe" and item.kind == "misattribution"


def test_the_same_roles_active_or_passive_are_not_flagged() -> None:
    assert swapped_roles("Holyfield beat Bowe in a rematch.", EVIDENCE) is None
    passive = "Pama was grabbed by Yeaman before hitting out."
    assert [
        (sorted(r.agent), r.verb, sorted(r.patient)) for r in roles(passive, frozenset({"pama"}))
    ] == [(["yeaman"], "grab", ["pama"])]
    assert swapped_roles("Yeaman grabbed Pama by the hand.", passive) is None
    assert swapped_roles("Then Pama grabbed Yeaman by the hand.", passive) is not None


def test_names_joined_by_no_act_are_no_roles() -> None:
    assert roles("Holyfield and Bowe met in 1992.") == []
    assert roles("Bowe, Holyfield said, was the better boxer.") == []


# FRANK's development half (CNN/DM): the evidence sentences and the systems' sentences
_DAVIS = (
    "Davis won nine of the final 11 games of the match and broke Bouchard's serve twice in the "
    "final set to pull off the upset."
)


def test_the_same_act_given_to_another_name_is_flagged() -> None:
    # the source names Davis elsewhere (a first word is a name only where the source says so)
    names = frozenset({"davis"})
    item = swapped_subject("Bouchard won nine of the final 11 games of the match.", _DAVIS, names)
    assert item is not None and item.text == "Bouchard"
    evidence = (
        "Alison Hargreaves, 32, was swept to her death in 260mph winds on her descent from the "
        "Himalayan mountain in 1995."
    )
    swept = "Tom Ballard, 32, was swept to her death in 260mph winds on her descent."
    assert swapped_subject(swept, evidence) is not None
    assert swapped_subject("Hargreaves was swept to her death on her descent.", evidence) is None


@pytest.mark.parametrize(
    ("sentence", "evidence"),
    [
        (  # the first word and the name after it are one name
            "Joshua, formerly of Brighton, was sentenced to three years' probation.",
            "Joshua Quincy Burns, formerly of Brighton, was sentenced to three years' probation "
            "with the first served in Livingston County Jail.",
        ),
        (
            "Sasha Obama, 14, was spotted listening to earbuds as she left the White House.",
            "Sasha, 14, was spotted listening to earbuds as she, sister Malia and their parents "
            "ditched the White House.",
        ),
        (  # a description is no rival subject, nor a word that is no verb
            "Alfie suffered three degree burns from a pad used to keep him warm during a scan.",
            "A King Charles Spaniel suffered three degree burns from a pad used to keep him warm "
            "during a scan.",
        ),
    ],
)
def test_the_same_subject_or_a_description_is_not_flagged(sentence: str, evidence: str) -> None:
    assert swapped_subject(sentence, evidence) is None


def test_doer_and_receiver_told_in_common_words_swapped_are_found():
    # twins mis-025, from a CNN/DM test article (tests/fixtures/guard/twins.jsonl)
    evidence = (
        "At least one member of the Gaver family shoved the female employee, which led to the "
        "store calling 911."
    )
    swapped = (
        "The confrontation began after a female Walmart employee shoved at least one member "
        "of the Gaver family."
    )
    faithful = (
        "The confrontation began after at least one member of the Gaver family shoved a female "
        "Walmart employee."
    )
    found = swapped_phrases(swapped, evidence)
    assert found is not None and found.text == "shoved"
    assert swapped_phrases(faithful, evidence) is None


def test_a_passive_telling_of_the_same_act_is_no_swap():
    evidence = "At least one member of the Gaver family shoved the female employee."
    passive = "The female employee was shoved by at least one member of the Gaver family."
    assert swapped_phrases(passive, evidence) is None


_ROWNTREE = (  # CNN/DM test article (twins mis-012)
    "Researchers said that nearly one in five divorced people will retire on incomes of less "
    "that £9,500 – the level identified by poverty analysts at the Joseph Rowntree Foundation "
    "think tank as the minimum income for a single pensioner to enjoy a decent life."
)
_TOW = (  # CNN/DM test article (twins mis-002)
    "The video that was released -- by the tow company -- was heavily edited and included only "
    "McHenry's responses."
)


@pytest.mark.parametrize(
    ("sentence", "evidence", "flagged"),
    [
        ("The heavily edited video was released by ESPN.", _TOW, "ESPN"),
        ("The heavily edited video was released by the tow company.", _TOW, None),
        (
            "Prudential identified £9,500 as the minimum income for a pensioner.",
            _ROWNTREE,
            "Prudential",
        ),
        (
            "The Joseph Rowntree Foundation identified £9,500 as the minimum income.",
            _ROWNTREE,
            None,
        ),
        # FRANK (labelled supported): an indefinite agent may be the one named elsewhere
        (
            "Hernando Rivera Cervantes captured the images as the Colima volcano spews out ash.",
            "The latest picture, captured by an amateur photographer as the Colima volcano "
            "spews out a plume of ash and lava, reveals the raw power of an eruption.",
            None,
        ),
    ],
)
def test_an_act_given_to_another_doer_than_the_evidence_names_after_by(
    sentence: str, evidence: str, flagged: str | None
) -> None:
    found = other_agent(sentence, evidence)
    assert (found.text if found else None) == flagged


def test_a_partner_in_a_pair_the_evidence_names_otherwise():
    # twins mis-035, a CNN/DM test article: Gentile is the third suspect, alive
    evidence = "Merlino and Guarente have died."
    swapped = (
        "Of the three suspects police identified, Carmello Merlino and Robert Gentile have died."
    )
    faithful = "Of the three suspects, Carmello Merlino and Robert Guarente have died."
    found = swapped_partner(swapped, evidence)
    assert found is not None and found.text == "Robert Gentile"
    assert swapped_partner(faithful, evidence) is None
    assert swapped_partner("Merlino and Gentile were arrested.", evidence) is None  # another act


# a real Daily Mail sentence (twins_articles.jsonl, Carlos Boente's)
PASSWORD = (
    "After getting her number from a cellmate, the prisoner originally asked her to change his "
    "Facebook password as a favour."
)


def test_a_thing_given_to_the_owner_of_the_other_gender() -> None:
    item = swapped_possessor(
        "After Boente got her number from a cellmate, the woman first asked him to change her "
        "Facebook password as a favour.",
        PASSWORD,
        lambda phrase: False,
    )
    assert item is not None and item.text == "her Facebook password"


@pytest.mark.parametrize(
    ("sentence", "source_says"),
    [
        # the same owner: "her number" and "his Facebook password" as the evidence has them
        (
            "Boente got her number from a cellmate and asked her to change his Facebook password.",
            False,
        ),
        # the source gives her a Facebook password too, elsewhere
        ("The woman was asked to change her Facebook password.", True),
    ],
)
def test_the_owner_the_source_gives_is_no_swap(sentence: str, source_says: bool) -> None:
    assert swapped_possessor(sentence, PASSWORD, lambda phrase: source_says) is None


# a real CNN sentence (twins_articles.jsonl, the Nepal earthquake's)
RESCUE = (
    "The man, Rishi Khanal, was saved after a French search and rescue team found him under the "
    "rubble on the outskirts of Kathmandu, the capital, around noon Tuesday."
)


def test_a_thing_the_evidence_describes_with_another_name() -> None:
    item = other_modifier(
        "Rishi Khanal was found under the rubble by an Indian rescue team.", RESCUE
    )
    assert item is not None and item.text == "Indian"


@pytest.mark.parametrize(
    "sentence",
    [
        "Rishi Khanal was found under the rubble by a French search and rescue team.",
        "Rishi Khanal was found under the rubble by a rescue team.",
        # FRANK (CNN/DM, labelled supported): a name and an act, not a described thing
        "Noah Monte started performing the circus act when he was just one month old.",
    ],
)
def test_the_evidences_own_description_is_no_swap(sentence: str) -> None:
    evidence = RESCUE + " Little Noah Monte started performing the circus act as a baby."
    assert other_modifier(sentence, evidence) is None
