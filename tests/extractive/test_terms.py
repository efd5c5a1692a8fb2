"""Words, stop words and stems of languages other than English (issue 19)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from precis.api import load_text, summarize
from precis.extractive.features import Features, content_tokens
from precis.extractive.terms import term_memo, words_in
from precis.options import SummarizeOptions

FIXTURE = Path(__file__).parents[1] / "fixtures" / "language_samples.jsonl"
SAMPLES = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def test_words_keep_accents_and_every_script() -> None:
    assert words_in("La réforme économique", "fr") == ["la", "réforme", "économique"]
    assert words_in("Ілларіон Павлюк", "uk") == ["ілларіон", "павлюк"]
    assert words_in("وزير الخارجية", "ar") == ["وزير", "الخارجية"]


def test_words_keep_their_combining_marks() -> None:
    """Devanagari vowel signs and viramas are marks, not letters, to Python's ``\\w``: a
    Hindi word must not break at them (UD_Hindi-PUD, n01001011)."""
    text = "ज्यादातर डिजिटल संक्रमण (ट्रांजिशन)"
    assert words_in(text, "hi") == ["ज्यादातर", "डिजिटल", "संक्रमण", "ट्रांजिशन"]
    assert words_in("e\u0301te\u0301", "fr") == ["e\u0301te\u0301"]  # decomposed accents


def test_hindi_stop_words_and_stems_apply_to_whole_words() -> None:
    hindi = term_memo("hi")
    assert hindi["में"] == "" and hindi["के"] == ""
    assert hindi["अमेरिका"] == hindi["अमेरिकी"] != ""


def test_turkish_dotted_and_dotless_i_are_lower_cased_as_in_turkish() -> None:
    # str.lower() gives "i̇lk" (i + U+0307): neither the stop word "ilk" nor the word mid-sentence
    assert words_in("İlk kez Irak", "tr") == ["ilk", "kez", "ırak"]
    assert term_memo("tr")[words_in("İlk", "tr")[0]] == ""
    assert words_in("Irak", "de") == ["irak"]


def test_chinese_and_japanese_are_read_in_characters() -> None:
    assert words_in("北京时间 BBC", "zh") == ["北", "京", "时", "间", "bbc"]


def test_stop_words_and_stems_of_the_language() -> None:
    german = term_memo("de")
    assert german["und"] == "" and german["der"] == ""
    assert german["regierungen"] == german["regierung"]
    french = term_memo("fr")
    assert french["qui"] == "" and french["économiques"] == french["économique"]


def test_english_documents_keep_their_terms() -> None:
    """English reads as before: ASCII words, Porter stems, English stop words."""
    text = "The councils approved the budgets. Engineers studied the bridges on Friday."
    features = Features(load_text(text))
    assert features.doc.metadata.language == "en"
    assert features.tokens == [content_tokens(s.text) for s in features.doc.sentences]


@pytest.mark.parametrize("sample", SAMPLES, ids=[s["language"] for s in SAMPLES])
def test_a_real_document_of_each_language_is_summarized(sample: dict) -> None:
    doc = load_text(sample["text"])
    assert doc.metadata.language == sample["language"]
    summary = summarize(doc, SummarizeOptions(sentences=2))
    assert summary.sentences
    for sentence in summary.sentences:
        assert doc.text[sentence.start : sentence.end] == sentence.text
    if sample["language"] != "cy":  # no list for Welsh: every word is content
        assert any(Features(doc).tokens)
