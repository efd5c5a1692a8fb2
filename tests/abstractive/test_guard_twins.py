"""The guard on hand-written twins from real CNN/DM articles (issue 16).

``tests/fixtures/guard/twins.jsonl`` (origin in ``tests/fixtures/ORIGIN_guard.md``): 130 pairs,
a faithful paraphrase of one fact of a real article and its twin with one error of a kind word
overlap cannot see. ``bench/bench_guard_twins.py`` reports the same figures per kind.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from precis.abstractive.guard import Guard
from precis.api import load_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "guard"


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_guard_twins", ROOT / "bench" / "bench_guard_twins.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def twins():
    pairs = [json.loads(line) for line in (FIXTURES / "twins.jsonl").open(encoding="utf-8")]
    articles = {
        row["article"]: row["source"]
        for row in map(json.loads, (FIXTURES / "twins_articles.jsonl").open(encoding="utf-8"))
    }
    return {p["id"]: p for p in pairs}, articles


def _verdicts(twins, pair_id: str):
    pairs, articles = twins
    pair = pairs[pair_id]
    guard = Guard(load_text(articles[pair["article"]]))
    return [guard.check([pair[k]]).sentences[0] for k in ("supported", "unsupported")]


@pytest.mark.parametrize(
    ("pair_id", "reason"),
    [
        ("circ-015", "circumstance"),  # March 14: the concert's date, not the stabbing's
        ("circ-036", "circumstance"),  # 39 cars: the Boulder pile-up's count, not Fort Carson's
        ("circ-004", "circumstance"),  # 36 hours: another survivor's, not the baby's
        ("mis-024", "misattribution"),  # the witness's words given to the police spokesman
        ("mis-003", "misattribution"),  # the specialist's words given to the plaintiff
        ("neg-003", "negation"),  # "not carrying any supplies critical" dropped
        ("neg-022", "negation"),  # "expected to make a full recovery" denied
        ("neg-002", "negation"),  # "did not specify" stated as "specified"
        ("neg-026", "negation"),  # the judge "denied" the request, not "granted"
        ("mis-016", "misattribution"),  # Tory MP Michael Ellis said it, not chairman Keith Vaz
        ("mis-028", "misattribution"),  # the security expert's words given to a superintendent
        ("mis-037", "misattribution"),  # "..., said Matthew Allen": not Brian Domonkos
        ("circ-001", "circumstance"),  # filed in August; 2010 is when they met
        ("circ-030", "circumstance"),  # arrested Sunday; Monday is the court appearance
        ("circ-008", "circumstance"),  # 3.5 million: American's figure, not United's
        ("circ-029", "circumstance"),  # fired in February 2014, arrested in October 2013
        ("mis-007", "misattribution"),  # "..., she said" after "Carol Tobias, ..., said"
        ("mis-032", "misattribution"),  # a quotation going on from "Gary Leong said: '..."
        ("mis-030", "misattribution"),  # Ahmed Ali Omar for his brother Mohamed Ali Omar
        ("mis-013", "misattribution"),  # the shelter director's words given to the vet
        ("circ-027", "circumstance"),  # 2002 for the 2010 marriage: placed with its names
        ("neg-007", "negation"),  # "does not spell out a specific time frame" -> "sets"
        ("circ-039", "circumstance"),  # April 1 for the burglary of 24 March
        ("circ-022", "circumstance"),  # the band played in Boise; Cottonwood is the brawl's
        ("mis-002", "misattribution"),  # released by the tow company, not ESPN
        ("mis-012", "misattribution"),  # Rowntree's £9,500 given to Prudential
        ("mis-025", "misattribution"),  # the employee shoved the Gavers: the other way round
        ("mis-021", "misattribution"),  # Danczuk's quotation, opened four sentences before
        ("mis-035", "misattribution"),  # Gentile is alive: Merlino and Guarente have died
        ("mis-036", "misattribution"),  # Schmidt's "four seasons in one day" given Domonkos
        ("neg-019", "negation"),  # "cannot give a straight answer", the second evidence
        ("neg-016", "negation"),  # "has now apologised": refused, in the near-best evidence
        ("circ-024", "circumstance"),  # retired in 1997; 1992 is the Holyfield fight's year
        ("mis-038", "misattribution"),  # his Facebook password, not hers
        ("mis-005", "misattribution"),  # a French team found Khanal; an Indian one freed Sitoula
        ("mis-045", "misattribution"),  # Heidi Cruz took leave; Mary Pat Christie quit her job
        ("neg-036", "negation"),  # cleared of the threats to kill, outside the evidence
        ("neg-006", "negation"),  # tried to identify him "to no avail", not "succeeded"
        ("neg-027", "negation"),  # "continued to try", not "gave up trying"
        ("circ-021", "circumstance"),  # Daniels was shot in the leg; Gaver in the abdomen
        ("mis-001", "misattribution"),  # ESPN announced the suspension, not the tow company
    ],
)
def test_a_moved_fact_is_flagged_and_its_faithful_twin_is_not(twins, pair_id, reason):
    faithful, twin = _verdicts(twins, pair_id)
    assert faithful.supported, faithful.unsupported
    assert not twin.supported
    assert reason in {i.kind for i in twin.unsupported}


def test_twins_caught_and_faithful_sentences_kept(twins):
    """Issue 16's line is >= 90% caught with <= 5% of faithful twins flagged; today's
    figures (bench/results/guard_twins.json) are the floor this test holds."""
    pairs, articles = twins
    bench = _bench()
    summary = bench.summarise(bench.judge(list(pairs.values()), articles))
    assert summary["all"]["pairs"] == 130
    assert summary["all"]["faithful_flagged"] <= 0.05
    assert summary["all"]["caught"] >= 0.9
    for kind, floor in (("negation", 0.9), ("misattribution", 0.8), ("circumstance", 0.9)):
        assert summary[kind]["caught"] >= floor, (kind, summary[kind])


@pytest.mark.parametrize(("name", "caught"), [("twins_fresh", 0.55), ("twins_fresh2", 0.46)])
def test_fresh_twins_written_after_the_rules_hold_their_floor(name, caught):
    """``twins_fresh.jsonl`` and ``twins_fresh2.jsonl`` were written blind after the rules
    above and never used to write one: their figures (bench/results/guard_twins_fresh*.json:
    55.6% and 46.7% caught, 8.9% of faithful sentences flagged in each) say how they
    generalise, and this test keeps them from falling."""
    bench = _bench()
    pairs, articles = bench.load_twins(FIXTURES, name)
    summary = bench.summarise(bench.judge(pairs, articles))
    assert summary["all"]["pairs"] == 45
    assert summary["all"]["caught"] >= caught
    assert summary["all"]["faithful_flagged"] <= 0.09


@pytest.mark.parametrize(
    ("source", "summary"),
    [
        # CNN/DM test article (guard_set.jsonl, held half): a part and its whole in one phrase
        (
            "He faces 30 counts. Seventeen of the 30 counts were capital charges, meaning he is "
            "eligible for the death penalty.",
            "Seventeen counts were capital charges, meaning he is eligible for the death penalty.",
        ),
        # CNN/DM highlight: a number in a name ("Nexus 5") is no rival of a count
        (
            "The Community Technology Alliance has given 100 free phones to homeless people. She "
            "found the advert on Craigslist using a Nexus 5 phone she was given by the Community "
            "Technology Alliance.",
            "Community Technology Alliance has given 100 free phones to homeless.",
        ),
    ],
)
def test_a_value_its_source_binds_to_the_same_words_is_not_moved(source, summary):
    check = Guard(load_text(source)).check([summary]).sentences[0]
    assert "circumstance" not in {i.kind for i in check.unsupported}, check.unsupported


@pytest.mark.parametrize(
    ("source", "summary"),
    [
        # FRANK (CNN/DM, labelled supported): the source spells the trust two ways; one family
        # name with two spellings of its first part is one body, not two people
        (
            "The figures from the Trussell Trust were seized on by Labour. The Trussel Trust "
            "claimed that 1 million people are being fed from food banks such as this one.",
            "The Trussell Trust claimed that 1 million people are being fed from food banks.",
        ),
        # FRANK (labelled supported): a lower-cased summary's "student said" is a description
        (
            "The student said she did not immediately turn to prostitution but used it as a "
            "last resort after conventional means of work failed to support her.",
            "Student said she did n't immediately turn to prostitution but used it as a last "
            "resort after conventional means of work failed to support her.",
        ),
        # CNN/DM highlight (bench/data/guard_set.jsonl g0287): a memo's warning is no
        # person's words, and a body is not whom a description stands for
        (
            "The Congressional Research Service gives confidential analysis to Congress. "
            "Drawn up to brief the Senate, the memo also warns that the UK faces turmoil if "
            "there is a hung parliament.",
            "Congressional Research Service warns of turmoil if there is a hung parliament.",
        ),
        # CNN/DM highlight (guard_set.jsonl g0490): "Defeat recalls ..." names no speaker
        (
            "England were beaten 2-0 by Holland. The defeat recalls the horror 5-1 defeat by "
            "Holland at the World Cup, Hodgson said.",
            "Defeat recalls horror 5-1 defeat by Holland at the World Cup.",
        ),
        # a description the source gives the name elsewhere is that name's
        (
            "Anna Nowak, the director of the shelter, took him in. The director of the shelter "
            "said the cat sometimes even licks the ears of other sick strays.",
            "Anna Nowak said the cat sometimes even licks the ears of other sick strays.",
        ),
    ],
)
def test_a_speaker_or_name_the_source_supports_is_not_moved(source, summary):
    check = Guard(load_text(source)).check([summary]).sentences[0]
    assert "misattribution" not in {i.kind for i in check.unsupported}, check.unsupported


@pytest.mark.parametrize(
    "source",
    [
        "Bowe beat Holyfield in 1992. He retired in 1992 and again in 1997.",
        "Bowe beat Holyfield in 1992. He retired in 1997.",  # no act dated to 1992 "retired"
    ],
)
def test_a_year_the_source_gives_the_act_or_no_other_is_not_moved(source):
    summary = (
        "Bowe beat Holyfield in 1992." if source.endswith("1997.") else "Bowe retired in 1992."
    )
    check = Guard(load_text(source)).check([summary]).sentences[0]
    assert "circumstance" not in {i.kind for i in check.unsupported}, check.unsupported


@pytest.mark.parametrize(
    "source",
    [
        # the source gives the abdomen to him too
        "Sgt Daniels was shot in the leg, while David Gaver was hit in the abdomen. Daniels was "
        "also grazed in the abdomen.",
        # a clause that names no one may mean him
        "Sgt Daniels was shot in the leg, and someone was hit in the abdomen.",
    ],
)
def test_a_phrase_the_source_may_give_the_person_is_not_moved(source):
    check = Guard(load_text(source)).check(["Sgt Daniels took a bullet in the abdomen."])
    assert "circumstance" not in {i.kind for i in check.sentences[0].unsupported}


def test_a_phrase_the_source_gives_only_to_another_person_is_moved():
    source = "Sgt Daniels was shot in the leg, while David Gaver was hit in the abdomen."
    check = Guard(load_text(source)).check(["Sgt Daniels took a bullet in the abdomen."])
    assert "circumstance" in {i.kind for i in check.sentences[0].unsupported}


TOW = (
    "ESPN's Britt McHenry berated an employee of a tow company in Arlington, Virginia. The tow "
    "company released the video. ESPN, meanwhile, announced that McHenry would be suspended "
    "for a week."
)


@pytest.mark.parametrize(
    ("source", "summary"),
    [
        # the source describes the speaker so, beside its name
        (
            TOW.replace("ESPN, meanwhile,", "ESPN, the sports network,"),
            "McHenry would be suspended for a week, the sports network announced.",
        ),
        # one word describes anyone
        (TOW, "McHenry would be suspended for a week, the company announced."),
    ],
)
def test_a_description_that_may_be_the_named_speaker_is_not_moved(source, summary):
    check = Guard(load_text(source)).check([summary]).sentences[0]
    assert "misattribution" not in {i.kind for i in check.unsupported}, check.unsupported


def test_words_of_a_named_speaker_given_to_a_description_are_moved():
    summary = "McHenry would be suspended for a week, the tow company announced."
    check = Guard(load_text(TOW)).check([summary]).sentences[0]
    assert "misattribution" in {i.kind for i in check.unsupported}


def test_a_place_inside_the_evidences_place_is_not_moved():
    # FRANK (CNN/DM, labelled supported): "in Kent" for the source's "in Biggin Hill, Kent"
    source = (
        "Glenn Mason, 56, plundered the accounts of nine pensioners including an 83 year-old "
        "woman and a 92 year-old man living near his branch in Biggin Hill, Kent, the Old "
        "Bailey heard. The case against Jeffrey, of Court Road, Orpington, Kent, was dropped."
    )
    summary = (
        "Glenn Mason, 56, plundered the accounts of nine pensioners including an 83 year-old "
        "woman and a 92 year-old man living near his branch in Kent."
    )
    check = Guard(load_text(source)).check([summary]).sentences[0]
    assert "circumstance" not in {i.kind for i in check.unsupported}, check.unsupported
