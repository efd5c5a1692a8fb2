"""Key phrases on real documents: Inspec abstracts, a SemEval-2010 paper, the bundled story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from precis.api import load, load_text
from precis.document import Document
from precis.errors import OptionError
from precis.evaluate.keyphrases import normalize
from precis.extractive.keyphrases import Keyphrase, keyphrases, word_idf
from precis.extractive.phrase_candidates import (
    BREAK,
    GENERIC,
    MODIFIER,
    NOUN,
    PARTICIPLE,
    body_texts,
    candidates,
    word_classes,
    word_kind,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "keyphrases" / "dev_docs.jsonl"
ROWS = {row["id"]: row for row in map(json.loads, FIXTURE.read_text("utf-8").splitlines())}
NEWS = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "news_article.html"


@pytest.fixture(scope="module")
def loaded() -> dict[str, tuple[Document, list[Keyphrase]]]:
    out = {}
    for key, row in ROWS.items():
        doc = load(row["source"].encode("utf-8"))
        out[key] = (doc, keyphrases(doc, 10))
    return out


@pytest.mark.parametrize(
    ("doc_id", "at_least"),
    [("inspec-1000", 5), ("inspec-1076", 6), ("inspec-1995", 3), ("semeval2010-I-73", 3)],
)
def test_keyphrases_match_the_references_of_real_documents(loaded, doc_id, at_least) -> None:
    gold = {normalize(k) for k in ROWS[doc_id]["keyphrases"]}
    found = [k.text for k in loaded[doc_id][1] if normalize(k.text) in gold]
    assert len(found) >= at_least, [k.text for k in loaded[doc_id][1]]


def test_keyphrases_of_inspec_keep_hyphenated_terms_whole(loaded) -> None:
    texts = [k.text for k in loaded["inspec-1000"][1]]
    assert "syntax-sensitive rules" in texts


@pytest.mark.parametrize("doc_id", sorted(ROWS))
def test_keyphrases_are_noun_phrases(loaded, doc_id) -> None:
    lexicon = word_classes()
    for k in loaded[doc_id][1]:
        words = k.text.lower().split()
        assert 1 <= len(words) <= 4, k.text
        assert word_kind(words[-1]) in (NOUN, GENERIC), k.text  # not "known" or "quickly"
        assert all(lexicon.get(w) not in ("V", "A") or w.endswith("ed") for w in words), k.text


@pytest.mark.parametrize("doc_id", sorted(ROWS))
def test_keyphrases_never_hold_et_al(loaded, doc_id) -> None:
    assert "et al" in ROWS[doc_id]["source"] or doc_id == "inspec-1000"
    for k in keyphrases(loaded[doc_id][0], 50):
        assert not {"et", "al"} & set(k.text.lower().split()), k.text


def test_keyphrases_of_a_paper_skip_authors_and_references(loaded) -> None:
    doc, _ = loaded["semeval2010-I-73"]
    texts = " ".join(k.text.lower() for k in keyphrases(doc, 30))
    for name in ("brandão", "vercouter", "sichman", "casare"):  # authors, cited in references
        assert name not in texts
    assert "reputation" in texts


def test_body_texts_start_at_the_abstract_and_stop_at_the_references(loaded) -> None:
    doc, _ = loaded["semeval2010-I-73"]
    texts = body_texts(doc)
    assert texts[0].strip().startswith("In open MAS it is often a problem")
    assert not any("Laurent.Vercouter@emse.fr" in t for t in texts)
    assert not any("Castelfranchi" in t for t in texts)


@pytest.mark.parametrize("doc_id", sorted(ROWS))
def test_keyphrases_are_sorted_distinct_and_counted(loaded, doc_id) -> None:
    doc, phrases = loaded[doc_id]
    scores = [k.score for k in phrases]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0
    stems = [normalize(k.text) for k in phrases]
    assert len(set(stems)) == len(stems)
    for k in phrases:
        assert k.count >= 1 and k.text in doc.text.replace("\n", " ")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "We propose distributed hash tables for grid service discovery.",
            ["distributed hash tables", "grid service discovery"],
        ),
        ("The method began quickly and the results were known.", []),
        ("A Monte Carlo method solves the problem.", ["Monte Carlo method"]),
        ("Red, green lights shone.", ["green lights"]),  # "red" is only an adjective
        ("The barrier opened today.", ["barrier", "today"]),  # a participle after a noun is a verb
        ("Smith et al. used neural networks in 1998.", ["Smith", "neural networks"]),
        ("It doesn't improve adaptive filters.", ["adaptive filters"]),
    ],
)
def test_candidates_are_noun_phrases_of_the_sentence(sentence, expected) -> None:
    assert [" ".join(w.surface for w in c) for c in candidates(sentence)] == expected


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("began", BREAK),
        ("proposes", BREAK),
        ("quickly", BREAK),
        ("et", BREAK),
        ("al", BREAK),
        ("paper", BREAK),
        ("don't", BREAK),
        ("1998", BREAK),
        ("neural", MODIFIER),
        ("distributed", PARTICIPLE),
        ("embedded", PARTICIPLE),
        ("method", GENERIC),
        ("network", NOUN),
        ("uddi", NOUN),
        ("lob's", NOUN),
        ("syntax-sensitive", NOUN),
    ],
)
def test_word_kind(word, kind) -> None:
    assert word_kind(word) == kind


def test_word_idf_ranks_rare_words_above_common_ones() -> None:
    assert word_idf("the") < word_idf("network") < word_idf("connectionist")
    assert word_idf("syntax-sensitive") == pytest.approx(word_idf("syntax") + word_idf("sensitive"))


def test_keyphrases_surface_form_is_the_most_frequent_casing() -> None:
    doc = load_text(
        "The Harbour Barrier opened today. The harbour barrier was costly. "
        "Engineers praised the harbour barrier. Fishermen avoid the harbour barrier."
    )
    texts = [k.text for k in keyphrases(doc, 5)]
    assert texts[0] == "harbour barrier"
    assert keyphrases(doc, 5)[0].count == 4


def test_keyphrases_of_news_article_find_the_flood_barrier() -> None:
    texts = " ".join(k.text.lower() for k in keyphrases(load(NEWS), 8))
    assert "flood" in texts and "barrier" in texts


def test_keyphrases_of_the_story_name_its_city(story: Document) -> None:
    texts = [k.text.lower() for k in keyphrases(story, 10)]
    assert "city" in texts


def test_keyphrases_of_a_document_without_content_words_is_empty(make_doc) -> None:
    assert keyphrases(make_doc(""), 5) == []
    assert keyphrases(load_text("It is what it is. And so it was."), 5) == []


@pytest.mark.parametrize("n", [0, -3])
def test_keyphrases_reject_non_positive_n(story: Document, n: int) -> None:
    with pytest.raises(OptionError):
        keyphrases(story, n)
