"""The optional embedding scorer (issue 3): the real all-MiniLM-L6-v2 model on real sentences
when the ``embed`` extra is installed, and a clear error naming the extra when it is not."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from precis.api import load_text
from precis.errors import MissingDependencyError
from precis.evaluate.datasets import read_dataset
from precis.extractive.engine import ranked, score_document
from precis.extractive.features import Features
from precis.options import SummarizeOptions
from precis.registry import scorers

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
METHOD = "lexrank-embed"
PARAPHRASES = [
    ("A man is eating a piece of bread.", "Someone is having a meal."),
    (
        "The company's profits fell sharply last quarter.",
        "Earnings dropped steeply in the last three months.",
    ),
    ("The children played football in the park.", "Kids were kicking a ball around on the grass."),
]
UNRELATED = "Volcanic ash grounded flights across northern Europe."


@pytest.fixture(scope="module")
def embeddings() -> Iterator[ModuleType]:
    """The module, registered for these tests only.

    Importing it registers ``lexrank-embed`` for the whole process; the registry golden test
    (test_scorers.py) pins the built-in list, so the name is removed again afterwards.
    """
    had = METHOD in scorers.names()
    module = importlib.import_module("precis.extractive.embeddings")
    scorers.register(METHOD)(module.LexRankEmbed)  # again, if an earlier test removed it
    yield module
    if not had:
        del scorers._items[METHOD]  # no public unregister: the registry is append-only


@pytest.fixture(scope="module")
def model(embeddings: ModuleType) -> object:
    """The real model, loaded once for the module; skips when the extra is not installed."""
    pytest.importorskip("torch")
    pytest.importorskip("sentence_transformers")
    pytest.importorskip(embeddings.MODEL_PACKAGE)
    return embeddings.load_model("cpu")


@pytest.fixture(scope="module")
def article() -> object:
    """The first real CNN/DM article of the tiny evaluation fixture, loaded by precis."""
    example = next(read_dataset(FIXTURES / "eval_tiny.jsonl"))
    return load_text(example.source)


def test_import_does_not_import_torch():
    code = "import sys, precis.extractive.embeddings; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_embedder_missing_extra_raises_error_naming_extra(embeddings, monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import now fails
    with pytest.raises(MissingDependencyError, match=r"pip install 'precis\[embed\]'") as err:
        embeddings.Embedder().encode(["Any sentence at all."])
    assert err.value.exit_code == 3
    assert "sentence-transformers" in err.value.message


def test_scorer_missing_extra_raises_error_from_engine(embeddings, article, monkeypatch):
    monkeypatch.setitem(sys.modules, embeddings.MODEL_PACKAGE, None)
    with pytest.raises(MissingDependencyError, match=r"precis\[embed\]"):
        score_document(article, METHOD, Features(article))


def test_embedder_rows_are_unit_float32(embeddings, model):
    vectors = embeddings.Embedder(batch_size=2).encode([p for pair in PARAPHRASES for p in pair])
    assert vectors.dtype == np.float32
    assert vectors.shape == (6, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_embedder_empty_input_gives_empty_matrix(embeddings, model):
    assert embeddings.Embedder().encode([]).shape == (0, 384)


def test_embedder_batching_does_not_change_vectors(embeddings, model):
    texts = [p for pair in PARAPHRASES for p in pair]
    one = embeddings.Embedder(batch_size=1).encode(texts)
    many = embeddings.Embedder(batch_size=64).encode(texts)
    np.testing.assert_allclose(one, many, atol=1e-5)


@pytest.mark.parametrize(("sentence", "paraphrase"), PARAPHRASES)
def test_embedder_paraphrase_closer_than_unrelated(embeddings, model, sentence, paraphrase):
    a, b, c = embeddings.Embedder().encode([sentence, paraphrase, UNRELATED])
    assert a @ b > a @ c + 0.2


def test_scorer_real_article_finite_scores_of_right_shape(embeddings, model, article):
    scores = score_document(article, METHOD, Features(article))
    assert scores.shape == (len(article.sentences),)
    assert np.isfinite(scores).all()
    assert scores.std() > 0
    assert scores.sum() == pytest.approx(1.0)  # a stationary distribution


def test_scorer_ranked_is_a_permutation(embeddings, model, article):
    order = ranked(article, SummarizeOptions(method=METHOD, sentences=3))
    assert sorted(order) == list(range(len(article.sentences)))


def test_scorer_embeds_each_document_once(embeddings, model, article, monkeypatch):
    features = Features(article)
    calls = []
    encode = embeddings.Embedder.encode

    def counted(self, texts):
        calls.append(len(texts))
        return encode(self, texts)

    monkeypatch.setattr(embeddings.Embedder, "encode", counted)
    embeddings.LexRankEmbed().score(article, features)
    embeddings.LexRankEmbed().score(article, features)
    assert calls == [len(article.sentences)]


@pytest.mark.parametrize("text", ["Only one sentence stands in this document.", "Yes! No."])
def test_scorer_tiny_documents_do_not_crash(embeddings, model, text):
    doc = load_text(text)
    scores = embeddings.LexRankEmbed().score(doc, Features(doc))
    assert scores.shape == (len(doc.sentences),)
    assert np.isfinite(scores).all()


def test_embedding_graph_banded_matches_dense_on_kept_edges(embeddings, monkeypatch):
    rng = np.random.default_rng(0)
    vectors = embeddings.unit_rows(rng.normal(size=(40, 8)))
    dense = embeddings.embedding_graph(vectors)
    monkeypatch.setattr(embeddings, "DENSE_LIMIT", 10)
    from precis.extractive import features

    monkeypatch.setattr(features, "BLOCK", 10)
    banded = embeddings.embedding_graph(vectors).toarray()
    kept = banded > 0
    assert kept.any()
    np.testing.assert_allclose(banded[kept], dense[kept], atol=1e-6)
    np.testing.assert_array_equal(banded, banded.T)
    assert not kept[np.abs(np.subtract.outer(np.arange(40), np.arange(40))) >= 20].any()
