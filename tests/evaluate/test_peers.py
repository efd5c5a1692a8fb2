"""Peer adapters (bench/peers.py) run offline on a real document and return full rankings."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import peers  # noqa: E402

from precis.api import load  # noqa: E402


@pytest.fixture(scope="module")
def beast_sentences() -> list[str]:
    doc = load(ROOT / "examples" / "beast-jewel-of-mars.txt")
    return [s.text for s in doc.sentences][:120]  # sumy's KL is quadratic: keep it quick


@pytest.mark.parametrize("name", sorted(peers.SUMY_METHODS))
def test_sumy_ranker_returns_a_permutation_offline(beast_sentences, name):
    pytest.importorskip("sumy")
    order = peers.sumy_ranker(name)(beast_sentences, [])
    assert sorted(order) == list(range(len(beast_sentences)))


def test_summa_textrank_returns_a_permutation_offline(beast_sentences):
    pytest.importorskip("summa")
    order = peers.summa_textrank(beast_sentences, [])
    assert sorted(order) == list(range(len(beast_sentences)))
    assert order != list(range(len(beast_sentences)))


def test_sumy_ranking_agrees_with_sumy_summary(beast_sentences):
    """The top K of our ranking are the K sentences sumy itself returns for count=K."""
    pytest.importorskip("sumy")
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = peers.RegexTokenizer()
    document = ObjectDocumentModel([Paragraph([Sentence(t, tokenizer) for t in beast_sentences])])
    summary = peers._sumy_summarizer("sumy-lexrank")(document, 5)
    top = sorted(peers.sumy_ranker("sumy-lexrank")(beast_sentences, [])[:5])
    assert [beast_sentences[i] for i in top] == [str(s) for s in summary]


def test_greedy_oracle_puts_the_reference_sentence_first(beast_sentences):
    pytest.importorskip("rouge_score")
    target = beast_sentences[42]
    order = peers.greedy_oracle(beast_sentences, [target])
    assert order[0] == 42 or beast_sentences[order[0]] == target
    assert sorted(order) == list(range(len(beast_sentences)))
