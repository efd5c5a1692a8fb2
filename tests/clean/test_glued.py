"""Tests for precis.clean.glued: glued words are split, real words and non-words are left alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from precis.clean.glued import glued_word_edits
from precis.offsets import Edit, apply_edits


def _fix(text: str) -> str:
    return apply_edits(text, glued_word_edits(text))[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Real failures from the text layer of a journal article.
        ("they bargainedaway the", "they bargained away the"),
        ("was thenForeign Minister", "was then Foreign Minister"),
        ("empathy,coordination and trust", "empathy, coordination and trust"),
        # Frequent pairs that web counts also know glued.
        ("one ofthe best", "one of the best"),
        ("met theKhrushchev delegation", "met the Khrushchev delegation"),
        ("The FBI said the FBIannounced it", "The FBI said the FBI announced it"),
        ("Smith etal. showed", "Smith et al. showed"),
        ("at the end.The next", "at the end. The next"),
        # Four or more glued words, and short|long|short runs (dynamic programme).
        ("I founditeasy to do", "I found it easy to do"),
        ("relativelyignorantofthe rules", "relatively ignorant of the rules"),
        ("by bygoingto the", "by by going to the"),
        # Rare dictionary words glued to a frequent one.
        ("staving off angeringhis fans", "staving off angering his fans"),
        # A citation name glued to "et" before "al": split before "et", not "Tillman net".
        ("as shown (Tillmannet al., 2004)", "as shown (Tillmann et al., 2004)"),
    ],
)
def test_glued_word_edits_splits_real_cases(text: str, expected: str) -> None:
    assert _fix(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Khrushchev met Bessmertnykh, Shevardnadze and Dobrynin.",
        "iPhone, McDonald, MacArthur, JavaScript, YouTube, PowerPoint, WordNet and eBay.",
        "She has a PhD from MIT; NASA and the U.S. Army agreed.",
        "therapist together notable cannot maybe everyday another",
        "Unilateralism, backpropagation and tokenization are words.",
        "Interannotator agreement on subsentential units.",
    ],
)
def test_glued_word_edits_leaves_names_and_rare_words(text: str) -> None:
    assert glued_word_edits(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "It cost 1,000 dollars or 3.5 percent, e.g., in the U.S., i.e., here.",
        "See https://example.com/someLongPath_name?x=1 or www.example.org now.",
        "Mail john.smithson@example.com about report_final.pdf and setup.py.",
        "Call getValue() on my_variable or fooBar.bazQux in the code.",
        "Use getElementById and XMLHttpRequest; SQLite stores URLs and IDs.",
    ],
)
def test_glued_word_edits_leaves_numbers_urls_code(text: str) -> None:
    assert glued_word_edits(text) == []


# Real names the step used to split ("Is may", "Far age", "Glen shane", "Sto fan"), each in its
# real sentences, copied unchanged from /work/shared/data (row id in the comment). A name inside
# a sentence is capitalised where common words are not, and a document repeats its names.
_NAMES_IN_CONTEXT = [
    # news_writer_summaries.jsonl, writer-bd35a4e31c6a4123bc4f94e0cbf78981 (one mention each).
    pytest.param(
        "Adrian Ismay, 52, was seriously hurt after a booby-trap device exploded under his van in"
        " Belfast on 4 March.",
        id="Ismay-first-name",
    ),
    pytest.param(
        "The organisation said Mr Ismay was targeted for training officers at Maghaberry Prison"
        " near Lisburn, County Antrim.",
        id="Ismay-Mr",
    ),
    # cnndm_test.jsonl, cnndm-test-02fed0c3ca83d3ed19f57caf3c589f9935306943, two sentences.
    pytest.param(
        "To laughter he added: 'Shall I get Nigel Farage and put him on the floor, is that OK?'"
        " Ukip leader Nigel Farage said he was feeling 'pretty good' ahead of his TV test.",
        id="Farage-repeated",
    ),
    # xsum_test_frank.jsonl, xsum-test-32093224, lines 1 and 12: the first line names
    # "Brackfield" inside a sentence, where line 12 starts with it.
    pytest.param(
        "On Saturday afternoon, members of the public have been invited to take part in planting"
        " thousands of new trees at Brackfield Wood in the Faughan Valley.\nBrackfield Wood is"
        " about seven miles outside Derry city, just off the Glenshane Road and limited parking"
        " is available for those taking part in the project.",
        id="Glenshane",
    ),
    # cnndm_test.jsonl, cnn-test-23a0f5d45517620ea12e8af780b2fa1cd9a2373a (one mention each).
    pytest.param(
        "NASA chief scientist Ellen Stofan said Tuesday during a panel discussion on water in the"
        " universe.",
        id="Stofan-first-name",
    ),
    pytest.param(
        '"We are not talking about little green men," Stofan said at the panel.',
        id="Stofan-sentence-start",
    ),
    # cnndm_test.jsonl, cnndm-test-e9a926cb1631fd1accacc6efbc793ae4ef7e7d5a (was "A man").
    pytest.param(
        "The palace in which the Aman Canal Grande is housed was built in 1550 for a wealthy"
        " Venetian family of traders and seafarers.",
        id="Aman",
    ),
]


@pytest.mark.parametrize("text", _NAMES_IN_CONTEXT)
def test_glued_word_edits_leaves_names_in_real_sentences(text: str) -> None:
    assert glued_word_edits(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cnndm_test.jsonl, cnndm-test-ea8928a370ffbae20f516c8d1a8843a2bf2999ce: real glue.
        (
            "then we would do that. Hamiltonhas won two of the three Formula One races",
            "then we would do that. Hamilton has won two of the three Formula One races",
        ),
        # A name glued to the next word inside a sentence is still split (bench-style glue).
        (
            "a thumping header which Martinezhad to save",
            "a thumping header which Martinez had to save",
        ),
    ],
)
def test_glued_word_edits_splits_glued_names(text: str, expected: str) -> None:
    assert _fix(text) == expected


def test_glued_word_edits_single_mention_of_farage() -> None:
    # cnndm_test.jsonl, cnndm-test-02fed0c3ca83d3ed19f57caf3c589f9935306943, first sentence
    # alone. "Far|age" is two content words: no split without glue elsewhere (issue 13).
    text = (
        "David Cameron has suggested using jujitsu to 'put Nigel Farage on the floor' in"
        " tonight's televised debate between seven party leaders."
    )
    assert glued_word_edits(text) == []


# The journal article of the README's seed output: its text layer glues words throughout, so
# two content words glued together are split too (issue 13: content splits need evidence).
_GLUEY = "They bargainedaway the missiles ofthe talks; thenForeign Minister Shevardnadze agreed. "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Cold Warunilateralism of", "the Cold War unilateralism of"),
        ("a poll for the Daily Mailreveals that", "a poll for the Daily Mail reveals that"),
        ("the nuclearpre-emption doctrine", "the nuclear pre-emption doctrine"),
    ],
)
def test_glued_word_edits_splits_content_words_where_the_document_is_glued(
    text: str, expected: str
) -> None:
    assert _fix(_GLUEY + text) == _fix(_GLUEY) + expected
    assert glued_word_edits(text) == []  # alone, the same words show no glue: left whole


@pytest.mark.parametrize(
    "text",
    [
        # Issue 13: internal capitals are names and terms, never glue (web pages and papers).
        "WhatsApp, GitHub, MapReduce, WebRTC, DBScan and BarackObama stay whole.",
        # A term the document writes whole twice is its own word, however it might split.
        "Bigtable is a distributed storage system. Bigtable stores data in tables.",
        # A lost hyphen in a hyphenated phrase (part-of-speech, figure-of-merit) is no glue: a
        # space would not restore it (pdf_gold's TeX papers, issue 13).
        "a part-ofspeech tagger, a figure-ofmerit and a coarseto-fine search",
        # Compounds headed by a particle, and names ending in a short function word.
        "The outlinks and indegree of each page; Towell, Aone and Alumit Ishai agreed.",
        # One broken copy (an extraction space) must not spread to the correct copies.
        "We studied distributionally similar words. Sets of distributionally similar words"
        " help. The distribu tionally similar words are listed.",
    ],
)
def test_glued_word_edits_never_splits_terms_and_names(text: str) -> None:
    assert glued_word_edits(text) == []


def test_glued_word_edits_repeated_unknown_token_is_kept() -> None:
    text = "The hyperparameter matters. We tune each hyperparameter twice."
    assert glued_word_edits(text) == []


def test_glued_word_edits_returns_sorted_single_space_insertions() -> None:
    text = "they bargainedaway the empathy,coordination ofthe thenForeign"
    edits = glued_word_edits(text)
    assert edits == sorted(edits)
    assert all(e.start == e.end and e.replacement == " " for e in edits)
    assert len({e.start for e in edits}) == len(edits)


@pytest.mark.parametrize(
    "text",
    [
        "they bargainedaway the Cold Warunilateralism thenForeign empathy,coordination",
        "hisgirlfriendMadison inHongKong ofthe",
    ],
)
def test_glued_word_edits_is_idempotent(text: str) -> None:
    once = _fix(text)
    assert glued_word_edits(once) == []


def test_glued_word_edits_empty_text() -> None:
    assert glued_word_edits("") == []


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_glued_word_edits_any_text_only_valid_insertions(text: str) -> None:
    edits = glued_word_edits(text)
    positions = [e.start for e in edits]
    assert positions == sorted(set(positions))
    for edit in edits:
        assert isinstance(edit, Edit)
        assert edit.start == edit.end and edit.replacement == " "
        assert 0 < edit.start < len(text)
    new_text, _ = apply_edits(text, edits)
    assert new_text.replace(" ", "") == text.replace(" ", "")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["the", "of", "war", "away", "Foreign", "then", ",", "a"]), max_size=12
    )
)
def test_glued_word_edits_word_soup_is_idempotent(words: list[str]) -> None:
    once = _fix("".join(words))
    assert glued_word_edits(once) == []
