"""Features and filters: the fast paths against the plain definitions they replace (issue 3)."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import numpy as np
import pytest
import scipy.sparse as sp

from precis.extractive import features as features_module
from precis.extractive import filters
from precis.extractive.features import (
    Features,
    content_tokens,
    normalize_rows,
    stem,
    stop_words,
    words,
)

_WORD_RE = re.compile(r"[a-z0-9]+")
TRICKY_TEXTS = [
    "",
    "Plain words, and numbers like 3.14 or 42!",
    "\u0130stanbul, \u212aelvin, \u017fun and \u0131d: letters IGNORECASE folds to ASCII.",
    "Stra\u00dfe, caf\u00e9, na\u00efve \u2014 \u201cquoted\u201d \u2018text\u2019 \u2026 \U0001f600 emoji",
    "tabs\tand\nnewlines\r\nand\x00nul\x01ctrl",
    "MIXED case WoRdS with_underscores-and-dashes",
    "\u0393\u03b5\u03b9\u03ac \u03c3\u03bf\u03c5 \u039a\u03cc\u03c3\u03bc\u03b5 \u03a3",
]


def _naive_counts(tokens: list[list[str]], vocab: dict[str, int]) -> np.ndarray:
    out = np.zeros((len(tokens), len(vocab)))
    for i, toks in enumerate(tokens):
        for t in toks:
            out[i, vocab[t]] += 1
    return out


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_words_match_the_regex_definition(text):
    assert words(text) == _WORD_RE.findall(text.lower())


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_content_tokens_match_the_plain_definition(text):
    stop = stop_words()
    expected = [stem(w) for w in words(text) if w not in stop and len(w) > 1]
    assert content_tokens(text) == expected


def test_term_memo_cleared_when_full(monkeypatch):
    monkeypatch.setattr(features_module._TermMemo, "limit", 3)
    memo = features_module._TermMemo()
    for word in ["running", "the", "x", "cats", "dogs"]:
        memo[word]
    assert len(memo) <= 3
    assert memo["running"] == stem("running") and memo["the"] == "" and memo["x"] == ""


def test_features_tokens_and_ids_agree(story):
    f = Features(story)
    expected = [content_tokens(s.text) for s in story.sentences]
    assert f.tokens == expected
    flat = [t for toks in expected for t in toks]
    assert list(f.vocabulary) == list(dict.fromkeys(flat))  # first occurrence order
    assert [f.vocabulary[t] for t in flat] == f.token_ids.tolist()
    assert np.diff(f.token_offsets).tolist() == [len(t) for t in expected]
    assert f.word_counts.tolist() == [len(words(s.text)) for s in story.sentences]


def test_features_counts_and_tfidf_match_plain_definitions(story):
    f = Features(story)
    counts = _naive_counts(f.tokens, f.vocabulary)
    assert isinstance(f.counts, sp.csr_matrix) and f.counts.has_canonical_format
    assert f.counts.dtype == np.float64
    assert np.array_equal(f.counts.toarray(), counts)
    df = (counts > 0).sum(axis=0)
    assert np.allclose(f.idf, np.log((1 + f.n) / (1 + df)) + 1)
    weighted = counts * f.idf
    norms = np.linalg.norm(weighted, axis=1, keepdims=True)
    expected = np.divide(weighted, norms, out=np.zeros_like(weighted), where=norms > 0)
    assert isinstance(f.tfidf, sp.csr_matrix)
    assert np.allclose(f.tfidf.toarray(), expected, rtol=0, atol=1e-15)


@pytest.mark.parametrize("tiny", [True, False])
def test_features_graphs_match_plain_definitions(story, monkeypatch, tiny):
    if tiny:  # the dense BLAS product, as for a news article
        monkeypatch.setattr(features_module, "TINY_PRODUCT", 1 << 62)
    f = Features(story)
    rows = f.tfidf.toarray()
    cosine = rows @ rows.T
    np.fill_diagonal(cosine, 0.0)
    assert np.allclose(f.cosine_array, cosine, rtol=0, atol=1e-14)
    assert isinstance(f.cosine, sp.csr_matrix)
    assert np.array_equal(f.cosine.toarray(), f.cosine_array)
    binary = (f.counts.toarray() > 0).astype(float)
    shared = binary @ binary.T
    np.fill_diagonal(shared, 0.0)
    logs = np.log(np.maximum(f.counts.toarray().sum(axis=1), 1) + 1)
    assert np.allclose(f.overlap_array, shared / (logs[:, None] + logs[None, :]), atol=1e-15)
    assert np.array_equal(f.overlap.toarray(), f.overlap_array)


def test_features_dense_graph_refused_for_long_documents(story, monkeypatch):
    monkeypatch.setattr(features_module, "DENSE_LIMIT", 10)
    f = Features(story)
    assert f.n > 10 and not f.dense
    with pytest.raises(ValueError, match="DENSE_LIMIT"):
        _ = f.cosine_array
    assert f.cosine.shape == (f.n, f.n)  # the banded sparse graph instead


def test_features_prefilled_tokens_and_tfidf_are_used(story):
    """modes.restrict pre-fills tokens and tfidf; everything derived must start from those."""
    full = Features(story)
    members = np.arange(10, 30)
    view = Features(dataclasses.replace(story, sentences=story.sentences[10:30]))
    view.__dict__.update(tokens=[full.tokens[int(i)] for i in members], tfidf=full.tfidf[members])
    rows = full.tfidf[members].toarray()
    expected = rows @ rows.T
    np.fill_diagonal(expected, 0.0)
    assert np.allclose(view.cosine_array, expected, atol=1e-15)
    assert view.token_ids.tolist() == [view.vocabulary[t] for toks in view.tokens for t in toks]


def test_normalize_rows_leaves_input_alone():
    m = sp.csr_matrix(np.array([[3.0, 4.0, 0.0], [0.0, 0.0, 0.0], [0.0, 2.0, 0.0]]))
    before = m.toarray().copy()
    out = normalize_rows(m)
    assert np.allclose(out.toarray(), [[0.6, 0.8, 0.0], [0.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    assert np.array_equal(m.toarray(), before)


# --- filters --------------------------------------------------------------------------------

BOILERPLATE_TEXTS = [
    "Copyright 2021 Example Corp. All rights reserved.",
    "ALL RIGHTS RESERVED",
    "Click Here to continue.",
    "(C) 2019 Someone",
    "(c)2020",
    "\u00a9 The Authors",
    "COPYRIGHT \u00a9 1999",
    "See the Terms of Service and the Privacy Policy.",
    "Subscribe now! Sign up for the letter, follow us on the web.",
    "Transcriber's Note: spelling kept.",
    "Transcribers note",
    "This etext was produced from Galaxy.",
    "The Project Gutenberg EBook of Mars.",
    "Copyright on this publication was not renewed.",
    "The rights of workers were reserved for later debate.",
    "A clicking sound came from here.",
    "Terms of endearment.",
    "pr\u0130vacy pol\u0130cy",  # dotted capital I: IGNORECASE matches it to "i"
    "\u017fubscribe now",  # long s
    "cli\u212a here",  # Kelvin sign
    "",
]


@pytest.mark.parametrize("text", BOILERPLATE_TEXTS)
def test_is_boilerplate_matches_the_ignorecase_pattern(text):
    assert filters.is_boilerplate(text) is bool(filters._BOILERPLATE.search(text))


_PHRASES = [
    "all rights reserved",
    "click here",
    "\u00a9 the authors",
    "(c) 2019",
    "copyright \u00a9 1999",
    "terms of use",
    "privacy policy",
    "subscribe now",
    "sign up for",
    "follow us on",
    "transcriber's note",
    "etext was produced",
    "project gutenberg",
    "copyright on this publication",
    "the rights were reserved",
    "here we click",
]
_LOOKALIKES = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}


def _scrambled(rng: np.random.Generator) -> str:
    """A phrase with random case, look-alike letters and neighbours."""
    chars = []
    for c in str(rng.choice(_PHRASES)):
        roll = rng.random()
        if c in _LOOKALIKES and roll < 0.15:
            c = str(rng.choice(list(_LOOKALIKES[c])))
        elif roll < 0.5:
            c = c.upper()
        chars.append(c)
    before = str(rng.choice(["", "A ", "x", "\u00e9 "]))
    return before + "".join(chars) + str(rng.choice(["", ".", "ing"]))


def test_is_boilerplate_matches_the_ignorecase_pattern_on_random_variants():
    rng = np.random.default_rng(3)
    for _ in range(3000):
        text = _scrambled(rng)
        assert filters.is_boilerplate(text) is bool(filters._BOILERPLATE.search(text)), text


def _top_level_alternatives(pattern: str) -> list[str]:
    parts, depth, current = [], 0, ""
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            current += pattern[i : i + 2]
            i += 2
            continue
        depth += c == "("
        depth -= c == ")"
        if c == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += c
        i += 1
    return [*parts, current]


@pytest.mark.parametrize(
    "text",
    [
        "Figure 3: Results on the test set.",
        "fig. 4a: the pipeline.",
        "TABLE IV. Corpus statistics.",
        "Figures of speech are common in poetry.",
        "[12] Author, A. Title of the paper. 2001.",
        "12. Smith, J. Deep tagging.",
        "Smith, J. (2019). Deep tagging. In Proc. ACL.",
        "Smith said the results were (2019) promising.",
        "  \u201cQuoted\u201d opening of a sentence.",
    ],
)
def test_caption_or_reference_is_the_two_patterns(text):
    fused = filters._CAPTION_OR_REFERENCE.match(text) is not None
    assert fused is (filters.is_caption(text) or filters.is_reference(text))


def test_boilerplate_keys_cover_every_alternative():
    """Each alternative must start with a key, or the key prefilter would hide its matches."""
    for alternative in _top_level_alternatives(filters._BOILERPLATE.pattern):
        literal = alternative.replace("\\(", "(").replace("\\)", ")")
        literal = literal.replace("\\u00a9", "\u00a9")
        assert any(literal.startswith(k) for k in filters.BOILERPLATE_KEYS), alternative


def _excluded_naive(f: Features) -> list[bool]:
    """The selector's filter, one regex search per sentence (the definition before issue 3,
    with issue 14's contact, table and name-list tests and issue 17's half quotations)."""
    doc = f.doc
    ref_paragraphs = {
        p.index for p in doc.paragraphs if filters.is_reference(doc.text[p.start : p.end])
    }
    boiler = [bool(filters._BOILERPLATE.search(s.text)) for s in doc.sentences]
    per_paragraph = Counter(s.paragraph for s in doc.sentences)
    imprints = {
        s.paragraph
        for s, b in zip(doc.sentences, boiler, strict=True)
        if b and per_paragraph[s.paragraph] <= filters.MAX_IMPRINT_SENTENCES
    }
    base = [
        len(words(s.text)) < filters.MIN_WORDS
        or s.paragraph in ref_paragraphs
        or s.paragraph in imprints
        or filters.is_caption(s.text)
        or filters.is_reference(s.text)
        or bool(filters._BOILERPLATE.search(s.text))
        or filters.is_contact_or_table(s.text)
        or filters.is_name_list(s.text)
        or filters.is_not_prose(s.text)
        or filters.is_fragment(s.text)
        for s in doc.sentences
    ]
    # a half quotation is filtered unless the next sentence closes it (one unit, issue 17)
    half = [filters.unbalanced_quotes(s.text) for s in doc.sentences]
    openers: set[int] = set()
    for i in range(len(half) - 1):
        joined = doc.sentences[i].text + " " + doc.sentences[i + 1].text
        if half[i] and half[i + 1] and not (base[i] or base[i + 1]) and i - 1 not in openers:
            if not filters.unbalanced_quotes(joined):
                openers.add(i)
    return [b or (h and i not in openers) for i, (b, h) in enumerate(zip(base, half, strict=True))]


@pytest.mark.parametrize(
    "text",
    [
        "The council approved the budget for the new school on Monday night. "
        "Click here to read the full report on the council website today. "
        "Members argued for three hours about the cost of the new roof. "
        "Copyright 2021 Example News. All rights reserved by the owners of it. "
        "The school opens next year with room for four hundred pupils.\n\n"
        "Figure 2: Costs of the school by year and by building part.\n\n"
        "Smith, J. (2019). Schools and their budgets. Journal of Towns.",
        "Nothing here is boilerplate at all, only plain prose about rivers. "
        "The rivers run to the sea through the valley every single spring.",
        "The \u0130stanbul office said prices rose. Sign up for the \u212aelvin letter today, "
        "the notice said. \u00a9 2020 The Paper. Prices of bread fell in the spring.",
        "Readers may \u017fubscribe now to the letter. The clerk said cli\u212ak here twice. "
        "Pr\u0130vacy pol\u0131cy notes were read out. The meeting ended at noon.",
    ],
)
def test_excluded_matches_per_sentence_definition(make_doc, text):
    f = Features(make_doc(text))
    assert filters.excluded(f).tolist() == _excluded_naive(f)


def test_excluded_matches_per_sentence_definition_on_story(story):
    f = Features(story)
    assert filters.excluded(f).tolist() == _excluded_naive(f)


def test_filter_masks_cached_and_read_only(story):
    f = Features(story)
    mask = filters.excluded(f)
    assert filters.excluded(f) is mask and filters.dangling(f) is filters.dangling(f)
    with pytest.raises(ValueError):
        mask[0] = True


@pytest.mark.parametrize(
    "text",
    [
        # summary sentences of real PDFs (bench/bench_pdf_summaries.py, issue 14)
        "Google Inc, Mountain View.",
        "Task Dataset BIOBERT SCIBERT",
        "Frozen Finetune Frozen Finetune",
        "L. No. 105-304, 112 Stat.",
        "1 U.S. Copyright Office Summary",
        "Shri Mukesh D. Ambani",
        "- - - - - - - - x MICHAEL A. KNOWLES, :",
        "Effective Date: 13 May 2013",
    ],
)
def test_lines_without_a_lowercase_word_are_not_prose(text: str) -> None:
    assert filters.is_not_prose(text)


@pytest.mark.parametrize(
    "text",
    [
        "We introduce S2ORC, a large corpus of 81.1M English-language academic papers.",
        "NASA said the Hubble data shows an ocean.",
        "日本語の文章には大文字と小文字がない。",
        "12 345 678",
    ],
)
def test_sentences_and_caseless_text_are_prose(text: str) -> None:
    assert not filters.is_not_prose(text)


def test_an_imprint_licence_line_is_boilerplate() -> None:
    assert filters.is_boilerplate("Published under licence by IOP Publishing Ltd")


@pytest.mark.parametrize(
    "text",
    [
        # summary sentences of real PDFs, labelled "fragment" or "caption" (issue 14)
        "however, did not last long; it became too conspicuous and dangerous for use.",
        "pulleys, provided the inner race of the bearing is clamped to the structure.",
        "AirPort Extreme, Apple TV, AirPods and Beats products) underwent no design changes.",
        "Note: MSs have been ranked according to the maximum value of the notification rate.",
        "6.1 Market size and the size of retail outlets (Tables 6.1-6.3)",
    ],
)
def test_pieces_of_sentences_are_fragments(text: str) -> None:
    assert filters.is_fragment(text)


@pytest.mark.parametrize(
    "text",
    [
        "iPhone sales rose sharply last year.",
        "\u201cwe are going,\u201d he said.",
        "The results (see Table 2) show gains.",
        "a) main propulsion engines are tested.",
        "2.1 We show that it works.",
    ],
)
def test_whole_sentences_are_no_fragments(text: str) -> None:
    assert not filters.is_fragment(text)


def test_link_lists_and_titles_are_not_prose() -> None:
    assert filters.is_not_prose("Source URL: http://a.org/x Links [1] http://b.org/y")
    assert filters.is_not_prose(
        "Published on CSG Knowledge Center (http://knowledgecenter.csg.org/kc)"
    )
    assert filters.is_not_prose("DB2 for i Center of Excellence")
    assert not filters.is_not_prose("Whip it up for me.")


def test_imprint_lines_are_boilerplate() -> None:
    assert filters.is_boilerplate("This edition July 2016.")
    assert filters.is_boilerplate("A guide for people with cancer First published May 2006.")
    assert not filters.is_boilerplate("The book was reprinted often.")


def test_an_imprint_paragraph_goes_whole() -> None:
    from precis.api import load_text

    doc = load_text(
        "The council approved the budget for the new school on Monday night.\n\n"
        "\u00a9 Cancer Council Australia 2016. All rights reserved. Check the publication date "
        "above to ensure this copy is up to date.\n\n"
        "The school opens next year with room for four hundred pupils and staff."
    )
    mask = filters.excluded(Features(doc))
    by_text = {s.text: bool(m) for s, m in zip(doc.sentences, mask, strict=True)}
    assert by_text["Check the publication date above to ensure this copy is up to date."]
    assert not by_text["The council approved the budget for the new school on Monday night."]


def test_a_sentence_ending_in_a_colon_is_a_fragment() -> None:
    assert filters.is_fragment("Name and business address of the contractor:")
    assert filters.is_fragment("The statement read:")
    assert not filters.is_fragment("The statement read: we will appeal.")
