"""The guard's optional NLI signal: the wiring with a rule-based entailer on real articles, and
the transformers NLI loader on a tiny randomly initialised classifier built from a config."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import run_cli

from precis.abstractive.guard import Guard, GuardOptions
from precis.abstractive.nli import NliModel, entailment_label
from precis.document import Document
from precis.errors import OptionError

GUARD_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "guard"
FAITHFUL = "NASA scientists say they expect to find strong signs of alien life within a decade."
NEGATED = "NASA scientists say they will never find signs of alien life."
NEGATIONS = frozenset({"not", "no", "never", "nobody", "nothing"})


class NegationEntailer:
    """A real (if crude) entailer: a hypothesis with a negation its premise lacks is not entailed.

    It records the pairs it saw, so the test can check what the guard used as premise."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []

    def __call__(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        self.pairs.extend(pairs)
        out = []
        for premise, hypothesis in pairs:
            negated = NEGATIONS & set(hypothesis.lower().split())
            out.append(0.1 if negated - set(premise.lower().split()) else 0.9)
        return np.array(out)


def test_guard_without_nli_misses_a_negation_that_nli_catches(
    articles: dict[str, Document],
) -> None:
    doc = articles["nasa_alien_life"]
    plain = Guard(doc).check([FAITHFUL, NEGATED])
    assert [s.entailment for s in plain.sentences] == [None, None]
    entailer = NegationEntailer()
    judged = Guard(doc, GuardOptions(nli=entailer)).check([FAITHFUL, NEGATED])

    assert judged.sentences[0].supported and judged.sentences[0].entailment == pytest.approx(0.9)
    assert not judged.sentences[1].supported and judged.sentences[1].entailment == pytest.approx(
        0.1
    )
    assert plain.sentences[1].score == judged.sentences[1].score  # only the NLI signal differs
    premise, hypothesis = entailer.pairs[0]
    assert hypothesis == FAITHFUL
    for e in judged.sentences[0].evidence:  # the premise holds the evidence sentences
        assert doc.text[e.start : e.end] in premise
    assert judged.to_dict()["sentences"][1]["entailment"] == pytest.approx(0.1)


def test_nli_threshold_is_validated() -> None:
    with pytest.raises(OptionError, match="nli_threshold"):
        GuardOptions(nli_threshold=1.5)


def test_entailment_label_found_in_any_order() -> None:
    assert entailment_label({0: "ENTAILMENT", 1: "NEUTRAL", 2: "CONTRADICTION"}) == 0
    assert entailment_label({"0": "contradiction", "1": "neutral", "2": "entailment"}) == 2
    with pytest.raises(OptionError, match="no entailment label"):
        entailment_label({0: "LABEL_0", 1: "LABEL_1"})


def _torch_or_skip() -> None:
    if os.environ.get("CI"):
        import torch  # noqa: F401 (CI installs it: a missing install must fail, not skip)
        import transformers  # noqa: F401
    else:
        pytest.importorskip("torch")
        pytest.importorskip("transformers")


@pytest.fixture(scope="module")
def tiny_nli(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1-layer BERT classifier with MNLI's labels, saved like a hub checkpoint."""
    _torch_or_skip()
    import torch
    from tiny_models import BOS, EOS, build_tokenizer
    from transformers import BertConfig, BertForSequenceClassification

    tokenizer = build_tokenizer(bos_template=f"{BOS} $A {EOS}", model_max_length=128)
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=128,
        type_vocab_size=2,
        pad_token_id=tokenizer.pad_token_id,
        id2label={0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"},
        label2id={"CONTRADICTION": 0, "NEUTRAL": 1, "ENTAILMENT": 2},
        initializer_range=0.5,
    )
    torch.manual_seed(0)
    path = tmp_path_factory.mktemp("tiny-nli")
    BertForSequenceClassification(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


def test_nli_model_gives_one_probability_per_pair(tiny_nli: Path) -> None:
    model = NliModel(tiny_nli, device="cpu", batch_size=2)
    long_premise = " ".join(["The city was strange, fantastic, beautiful."] * 60)
    pairs = [("The city was strange.", "The city was odd."), (long_premise, "It was a city.")]
    pairs.append(("He had never been there.", "He had been there before."))

    probs = model(pairs)

    assert probs.shape == (3,) and np.all((probs >= 0) & (probs <= 1))
    assert np.array_equal(probs, model(pairs))  # deterministic (eval mode)
    assert model.entail == 2
    assert len(set(np.round(probs, 6))) > 1  # the premise and hypothesis reach the model


def test_nli_model_missing_is_a_typed_error(tmp_path: Path) -> None:
    _torch_or_skip()
    with pytest.raises(OptionError, match="cannot load NLI model"):
        NliModel(tmp_path / "nowhere")


def test_cli_check_with_nli_reports_entailment(tiny_nli: Path, tmp_path: Path) -> None:
    source = GUARD_FIXTURES / "nasa_alien_life.txt"
    summary = tmp_path / "summary.txt"
    summary.write_text(f"{FAITHFUL}\n{NEGATED}\n", encoding="utf-8")
    out = run_cli("check", str(source), str(summary), "--nli", str(tiny_nli), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert b"Loading weights" not in out.stderr  # no progress bars unless --verbose
    rows = json.loads(out.stdout)["sentences"]
    assert len(rows) == 2
    assert all(0.0 <= r["entailment"] <= 1.0 for r in rows)


def test_guard_with_embeddings_uses_the_tuned_settings(articles: dict[str, Document]) -> None:
    if not os.environ.get("CI"):
        pytest.importorskip("sentence_transformers")
    from precis.abstractive.guard import EMBED_THRESHOLD, EMBED_WEIGHT, with_embeddings

    options = with_embeddings(GuardOptions(policy="flag"))
    assert (options.embed_weight, options.threshold, options.policy) == (
        EMBED_WEIGHT,
        EMBED_THRESHOLD,
        "flag",
    )
    doc = articles["nasa_alien_life"]
    result = Guard(doc, options).check([FAITHFUL, "The report was written by John Sutter of CNN."])
    assert [s.supported for s in result.sentences] == [True, False]
    lexical = Guard(doc).check([FAITHFUL])
    assert result.sentences[0].score != lexical.sentences[0].score  # the embedding counts
