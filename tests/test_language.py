"""Language detection (issue 19) on real text of ten languages, and what it switches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from precis.api import load_text
from precis.language import detect_language
from precis.options import CleanOptions, LoadOptions

FIXTURE = Path(__file__).parent / "fixtures" / "language_samples.jsonl"
SAMPLES = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "beast-jewel-of-mars.txt"


@pytest.mark.parametrize("sample", SAMPLES, ids=[s["language"] for s in SAMPLES])
def test_detects_the_language_of_real_news_and_articles(sample: dict) -> None:
    assert detect_language(sample["text"]) == sample["language"]


def test_english_prose_is_english_with_curly_quotes_and_dashes() -> None:
    story = EXAMPLE.read_text(encoding="utf-8")
    assert not story[:1000].isascii()  # mojibake and dashes: no letters outside ASCII though
    assert detect_language(story) == "en"


def test_too_little_text_has_no_language() -> None:
    assert detect_language("OK. Yes.") is None
    assert detect_language("") is None


def test_the_document_metadata_carries_the_language() -> None:
    german = next(s for s in SAMPLES if s["language"] == "de")
    doc = load_text(german["text"])
    assert doc.metadata.language == "de"
    assert doc.to_dict()["metadata"]["language"] == "de"
    given = load_text(german["text"], options=LoadOptions(clean=CleanOptions(language="fr")))
    assert given.metadata.language == "fr"  # an explicit language wins


def test_glued_words_are_split_in_english_only() -> None:
    """The glue splitter's lexicon is English; a French text with the same glued shape keeps
    it (issue 19: "soit" -> "so it", "tous" -> "to us")."""
    english = "The committee met on Friday. " * 4 + "Members bargainedaway the rights of the union."
    assert "bargained away" in load_text(english).text
    forced = LoadOptions(clean=CleanOptions(language="fr"))
    assert "bargainedaway" in load_text(english, options=forced).text


def test_cli_language_flag_overrides_detection(tmp_path: Path) -> None:
    import subprocess
    import sys

    english = tmp_path / "a.txt"
    english.write_text("The council met on Friday. " * 5, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "precis.cli", "summarize", str(english), "-n", "1"]
        + ["--language", "fr", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["metadata"]["language"] == "fr"
    bad = subprocess.run(
        [sys.executable, "-m", "precis.cli", "text", str(english), "--language", "french!"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode != 0 and bad.stderr.count("\n") == 1
    assert "ISO 639-1" in bad.stderr
