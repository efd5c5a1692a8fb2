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


def test_oracle_reads_chinese_in_characters():
    """rouge-score's tokenizer finds no token in Chinese, so the English oracle cannot choose;
    in ROUGE's Chinese tokens it picks the sentence that shares the reference's characters
    (sentences of xlsum-zh-02383d0fe71b)."""
    sentences = ["汇款限制", "据报中国当局加强了通关检查"]
    reference = ["中国当局还加强了通关检查"]
    assert peers.greedy_oracle(sentences, reference, language="zh")[0] == 1
    assert peers.greedy_oracle(sentences, reference)[0] == 0  # no tokens: document order


def test_peer_rankers_follow_the_language():
    pytest.importorskip("sumy")
    chinese = peers.peer_rankers(language="zh")
    assert "summa-textrank" not in chinese  # summa's adapter is English only
    assert peers._sumy_tokenizer("zh").to_words("中国 BBC") == ("中", "国", "BBC")
    sentences = ["中国当局加强了通关检查。", "汇款限制。", "中国当局还加强了检查。"]
    assert sorted(chinese["sumy-lexrank"](sentences, [])) == [0, 1, 2]
