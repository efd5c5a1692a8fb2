"""The checker reads a non-English source in its own words (issue 19 item 3).

Sources are the real articles of ``tests/fixtures/multilingual`` (origins in its ORIGIN.md);
summary sentences are copies of their sentences, some with one fact changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.abstractive.claims import NAME, extract_items
from precis.abstractive.guard import Guard
from precis.abstractive.numbers import quantities
from precis.api import load_text
from precis.document import Document
from precis.extractive.features import content_tokens
from precis.extractive.terms import content_tokens_for

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "multilingual"


def _doc(language: str) -> Document:
    return load_text((FIXTURES / f"{language}.txt").read_text(encoding="utf-8"))


def _supported(doc: Document, sentence: str) -> bool:
    return Guard(doc).check([sentence]).sentences[0].supported


def _sentence_with(doc: Document, needle: str) -> str:
    return next(s.text for s in doc.sentences if needle in s.text)


def test_content_tokens_for_english_is_the_english_path() -> None:
    assert content_tokens_for("en") is content_tokens
    assert content_tokens_for(None) is content_tokens


def test_content_tokens_for_german_keeps_umlauts_and_stems() -> None:
    assert content_tokens_for("de")("Die Brüder gründeten die Band in Städten.") == [
        "brud",
        "grund",
        "band",
        "stadt",
    ]


@pytest.mark.parametrize("language", ["ar", "de", "es", "fr", "ja", "pt", "tr", "uk", "zh"])
def test_guard_supports_a_copied_source_sentence(language: str) -> None:
    doc = _doc(language)
    assert doc.metadata.language == language
    sentence = max((s.text for s in doc.sentences), key=len)
    assert _supported(doc, sentence)


def test_guard_flags_a_changed_year_in_german() -> None:
    doc = _doc("de")
    sentence = _sentence_with(doc, "1973")
    assert _supported(doc, sentence)
    assert not _supported(doc, sentence.replace("1973", "1978"))


def test_guard_flags_a_changed_number_written_against_chinese_characters() -> None:
    doc = _doc("zh")
    with_number = next(s.text for s in doc.sentences if quantities(s.text))
    value = quantities(with_number)[0]
    changed = with_number[: value.start] + str(int(value.value) + 7) + with_number[value.end :]
    assert _supported(doc, with_number)
    assert not _supported(doc, changed)


def test_quantities_reads_digits_against_han_characters() -> None:
    assert [q.value for q in quantities("年仅12岁的少年在2020年签约")] == [12.0, 2020.0]


def test_guard_flags_a_name_the_source_does_not_write() -> None:
    doc = _doc("uk")
    sentence = max((s.text for s in doc.sentences), key=len)
    words = sentence.split()
    inner = next(
        k for k, w in enumerate(words) if k > 0 and w[:1].isupper() and len(w.strip(",.")) > 3
    )
    words[inner] = "Пшебишевський"
    assert not _supported(doc, " ".join(words))


def test_german_noun_alone_is_not_a_name_but_two_capitalised_words_are() -> None:
    items = extract_items("Die Musiker spielten mit Kurt Tucholsky in Bonn.", "de")
    assert [i.text for i in items if i.kind == NAME] == ["Kurt Tucholsky"]


def test_english_name_rules_unchanged_without_language() -> None:
    items = extract_items("Police said John Sutter met Investigators in Paris.")
    assert [i.text for i in items if i.kind == NAME] == ["John Sutter", "Investigators", "Paris"]
