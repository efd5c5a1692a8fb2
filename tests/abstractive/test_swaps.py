"""Agent and patient swapped between two names (issue 16): the evidence sentences are from a
real CNN/DM article (tests/fixtures/guard/twins_articles.jsonl, Riddick Bowe's)."""

from __future__ import annotations

from precis.abstractive.swaps import roles, swapped_roles

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
