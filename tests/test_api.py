"""End-to-end through precis.api on text written from the real failures in the brief."""

from __future__ import annotations

import re

import pytest

from precis.api import load, load_text, process_one, summarize
from precis.errors import EmptyInputError, OptionError, SourceNotFoundError, UrlRefusedError
from precis.options import CleanOptions, LoadOptions, SummarizeOptions

MESSY = (
    "In 1962 Khrushchev bargainedaway the missiles, and Cubaâ€™s leaders were furious.&nbsp;"
    "</p><p>The Cold Warunilateralism of both sides gave way to empathy,coordination and "
    "restraint, wrote Bessmertnykh; thenForeign Minister Shevardnadze and Dobrynin agreed."
)


def test_load_text_repairs_the_known_failures():
    text = load_text(MESSY).text
    for repaired in (
        "bargained away",
        "Cuba’s",
        "Cold War unilateralism",
        "empathy, coordination",
        "then Foreign",
    ):
        assert repaired in text
    for name in ("Khrushchev", "Bessmertnykh", "Shevardnadze", "Dobrynin"):
        assert re.search(rf"(?<!\w){name}(?!\w)", text), name  # never split
    assert "&nbsp;" not in text and "</p>" not in text and "<p>" not in text


def test_load_text_without_cleaning_keeps_the_raw_words():
    options = LoadOptions(clean=CleanOptions(enabled=False))
    text = load_text(MESSY, options=options).text
    assert "bargainedaway" in text and "Cubaâ€™s" in text


def test_every_sentence_maps_back_to_the_raw_source():
    doc = load_text(MESSY)
    raw = MESSY
    for s in doc.sentences:
        piece = raw[s.source.start : s.source.end]
        # the raw span holds the same words, before repair
        assert piece.split()[0].startswith(s.text.split()[0][:3])


def test_summarize_lead_returns_first_sentences_in_order():
    text = "The first sentence is here. The second one follows it. The third one ends it."
    options = SummarizeOptions(method="lead", sentences=2)
    summary = summarize(load_text(text), options)
    assert [s.text for s in summary.sentences] == [
        "The first sentence is here.",
        "The second one follows it.",
    ]
    assert summary.to_dict()["sentences"][1]["start"] == len("The first sentence is here. ")
    assert summary.to_dict()["budget"]["sentences"] == 2


@pytest.mark.parametrize(
    "kwargs",
    [
        {"sentences": 2, "words": 10},
        {"ratio": 1.5},
        {"words": 0},
        {"order": "random"},
        {"query": "  "},
        {"query": "war", "per_section": 2},
        {"per_section": 1, "section_ratio": 0.5},
        {"keyphrases": 0},
    ],
)
def test_summarize_options_validate_budgets(kwargs):
    with pytest.raises(OptionError):
        SummarizeOptions(**kwargs)


def test_summarize_word_budget_is_respected_without_cutting_sentences(examples_dir):
    doc = load(examples_dir / "beast-jewel-of-mars.txt")
    summary = summarize(doc, SummarizeOptions(words=80))
    assert 0 < sum(len(s.text.split()) for s in summary.sentences) <= 80
    for s in summary.sentences:
        assert doc.text[s.start : s.end] == s.text


def test_summarize_unknown_method_is_a_typed_error():
    with pytest.raises(OptionError):
        summarize(load_text("One. Two."), SummarizeOptions(method="nope"))


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("/no/such/file.txt", SourceNotFoundError),
        ("file:///etc/passwd", UrlRefusedError),
        (b"   ", EmptyInputError),
        (b"<html><body><script>x()</script></body></html>", EmptyInputError),
    ],
)
def test_load_bad_sources_raise_typed_errors(source, error):
    with pytest.raises(error):
        load(source)


def test_process_one_turns_failures_into_error_records(tmp_path):
    ok = tmp_path / "ok.txt"
    ok.write_text("A fine sentence stands here. Another one follows it.", encoding="utf-8")
    good = process_one(str(ok), SummarizeOptions(method="lead", sentences=1))
    bad = process_one(str(tmp_path / "missing.txt"))
    assert good["error"] is None and good["summary"]["sentences"][0]["text"] == "A fine sentence stands here."
    assert bad["summary"] is None and bad["error"]["type"] == "SourceNotFoundError"


@pytest.mark.parametrize("text", [b"One. Two. Three.", b"The. A. An. Of.", b"42. 7. 1999."])
def test_summarize_documents_without_content_words(text):
    """Sentences made only of stop words or numbers: a summary, not a crash in the features."""
    record = process_one(text, SummarizeOptions(sentences=1))
    assert record["error"] is None and len(record["summary"]["sentences"]) == 1
