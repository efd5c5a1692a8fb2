"""evaluate() on a tiny real dataset, and the budget rules shared by every system."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("rouge_score")

from precis.api import load_text  # noqa: E402
from precis.errors import OptionError  # noqa: E402
from precis.evaluate.datasets import read_dataset  # noqa: E402
from precis.evaluate.run import choose, cut_words, evaluate  # noqa: E402

TINY = Path(__file__).resolve().parents[1] / "fixtures" / "eval_tiny.jsonl"


@pytest.mark.parametrize("budget", ["sentences", "words"])
def test_evaluate_lead_gives_sane_rouge(budget):
    report = evaluate(TINY, method="lead", budget=budget)
    assert report.documents == 5
    assert report.errors == {}
    for name in ("rouge1", "rouge2", "rougeL", "rougeLsum"):
        assert 0 <= report.rouge.mean[name]["f1"] <= 1
    assert 0 < report.rouge.mean["rouge1"]["f1"] <= 1
    assert report.seconds_per_doc >= 0
    data = report.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert "R1" in report.format_table() and "lead" in report.format_table()


@pytest.mark.parametrize("budget", ["sentences", "words"])
def test_evaluate_save_writes_one_line_per_document_from_the_source(tmp_path, budget):
    save = tmp_path / "out" / "summaries.jsonl"
    evaluate(TINY, method="lead", budget=budget, save=save)
    records = [json.loads(line) for line in save.read_text(encoding="utf-8").splitlines()]
    examples = list(read_dataset(TINY))
    assert [r["id"] for r in records] == [e.id for e in examples]
    for record, example in zip(records, examples, strict=True):
        text = load_text(example.source).text
        assert record["summary"], record["id"]
        assert all(sentence in text for sentence in record["summary"])
        if budget == "words":
            words = sum(len(s.split()) for s in record["summary"])
            assert words <= example.reference_words


def test_evaluate_counts_a_document_that_fails_to_load(tmp_path):
    path = tmp_path / "set.jsonl"
    rows = [
        {"id": "empty", "source": "   \n ", "reference": "Nothing."},
        json.loads(TINY.read_text(encoding="utf-8").splitlines()[0]),
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    report = evaluate(path, method="lead", save=tmp_path / "s.jsonl")
    assert report.documents == 1
    assert report.errors == {"empty_input": 1}
    assert len((tmp_path / "s.jsonl").read_text().splitlines()) == 2


def test_evaluate_unknown_method_or_budget_is_an_option_error():
    with pytest.raises(OptionError, match="available"):
        evaluate(TINY, method="no-such-method")
    with pytest.raises(OptionError, match="budget"):
        evaluate(TINY, method="lead", budget="pages")


SENTENCES = ["One two three four.", "Five six seven.", "Eight nine ten eleven twelve.", "Thirteen."]


@pytest.mark.parametrize("words", [0, 1, 3, 4, 5, 7, 12, 13, 40])
def test_choose_word_budget_never_exceeds_reference_words(words):
    summary = choose(SENTENCES, [2, 0, 1, 3], budget="words", k=0, words=words)
    assert sum(len(s.split()) for s in summary) == min(words, 13)
    assert all(any(orig.startswith(s) for orig in SENTENCES) for s in summary)


def test_choose_word_budget_takes_rank_order_and_returns_document_order():
    summary = choose(SENTENCES, [2, 0, 1, 3], budget="words", k=0, words=7)
    assert summary == ("One two", "Eight nine ten eleven twelve.")


def test_choose_sentence_budget_takes_k_best_in_document_order():
    assert choose(SENTENCES, [3, 1, 0, 2], budget="sentences", k=2, words=0) == (
        "Five six seven.",
        "Thirteen.",
    )


@pytest.mark.parametrize(
    ("text", "n", "expected"),
    [("a  b\nc d", 3, "a  b\nc"), ("a b", 5, "a b"), ("a b", 0, ""), ("  a b", 1, "  a")],
)
def test_cut_words_keeps_a_prefix_of_n_tokens(text, n, expected):
    assert cut_words(text, n) == expected
