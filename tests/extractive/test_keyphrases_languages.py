"""Key phrases of non-English documents come from the language's own words (issue 19 item 3)."""

from __future__ import annotations

from pathlib import Path

from precis.api import load_text
from precis.extractive.keyphrases import keyphrases
from precis.extractive.phrase_terms import language_candidates
from precis.stopwords import stop_words_for

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "multilingual"


def _texts(phrases: list) -> list[str]:
    return [" ".join(w.surface for w in p) for p in phrases]


def test_language_candidates_neither_open_nor_close_on_a_stop_word() -> None:
    found = _texts(language_candidates("La qualité de l'eau du fleuve est mauvaise.", "fr"))
    stops = stop_words_for("fr")
    assert {"qualité", "eau", "fleuve"} <= set(found)
    assert all(p.split()[0].lower() not in stops for p in found)
    assert all(p.split()[-1].lower() not in stops for p in found)


def test_language_candidates_strip_french_elision() -> None:
    assert "Alan Turing" in _texts(language_candidates("la naissance d'Alan Turing", "fr"))


def test_language_candidates_chinese_runs_between_stop_characters() -> None:
    found = _texts(language_candidates("中国金融当局的禁令。", "zh"))
    assert found and all("的" not in p for p in found)


def test_keyphrases_of_german_article_are_not_stop_words() -> None:
    doc = load_text((FIXTURES / "de.txt").read_text(encoding="utf-8"))
    phrases = [k.text for k in keyphrases(doc, 10)]
    stops = stop_words_for("de")
    assert len(phrases) == 10
    assert all(p.split()[0].lower() not in stops for p in phrases)
    assert any("AC/DC" in p or "Young" in p or "Scott" in p for p in phrases)


def test_keyphrases_of_english_do_not_take_the_other_path() -> None:
    doc = load_text((FIXTURES / "en.txt").read_text(encoding="utf-8"))
    assert doc.metadata.language == "en"
    # the English path drops stop words inside phrases too (noun phrases only)
    assert all(" of " not in f" {k.text} " for k in keyphrases(doc, 10))
