"""Lower-cased summary sentences get their source's capitals back, so names are checked
(issue 16: FRANK's CNN/DM summaries are lower-cased and tokenised). The source is a real CNN
article (tests/fixtures/guard/nasa_alien_life.txt, origin in tests/fixtures/ORIGIN_guard.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.abstractive.guard import Guard
from precis.abstractive.polarity import dropped_denial
from precis.abstractive.truecase import SourceCasing
from precis.api import load_text

SOURCE = (
    Path(__file__).resolve().parents[1] / "fixtures" / "guard" / "nasa_alien_life.txt"
).read_text(encoding="utf-8")
LOWER = "nasa 's chief scientist ellen stofan said we are going to have strong indications of life beyond earth within a decade ."


def test_source_casing_restores_names_and_keeps_offsets():
    restored = SourceCasing(SOURCE).restore(LOWER)
    assert restored.startswith("NASA 's chief scientist Ellen Stofan said")
    assert "beyond Earth within a decade" in restored
    assert len(restored) == len(LOWER)


def test_a_sentence_with_capitals_is_left_as_written():
    written = "Nasa's chief scientist said so."
    assert SourceCasing(SOURCE).restore(written) == written


@pytest.fixture(scope="module")
def guard():
    return Guard(load_text(SOURCE))


@pytest.mark.parametrize("case", [str.lower, lambda s: s])
def test_a_quote_given_to_another_named_speaker_is_flagged_in_any_case(guard, case):
    """Issue 16's example: Stofan's prediction put in Grunsfeld's mouth passed at 0.64."""
    right = "Ellen Stofan said we are going to have strong indications of life beyond Earth within a decade."
    moved = right.replace("Ellen Stofan", "John Grunsfeld")
    kept, flagged = guard.check([case(right), case(moved)]).sentences
    assert kept.supported
    assert not flagged.supported
    assert [i.kind for i in flagged.unsupported] == ["misattribution"]


def test_a_dropped_denial_is_found_in_the_evidence():
    evidence = (
        '"The spacecraft was not carrying any supplies critical for the United States Operating '
        'Segment (USOS) of the station," a statement said.'
    )
    dropped = dropped_denial(
        "NASA said the spacecraft was carrying supplies critical to the U.S. segment.", evidence
    )
    assert dropped is not None and dropped.text == "carrying"
    # the sentence keeps the denial: nothing dropped
    assert (
        dropped_denial("NASA said the spacecraft was not carrying critical supplies.", evidence)
        is None
    )
    # "failed to win" told as "lost": another word, no dropped denial
    assert dropped_denial("He lost the vote.", "He failed to win the vote in March.") is None
