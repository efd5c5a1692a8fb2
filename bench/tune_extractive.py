"""Tune and compare precis's extractive methods against lead-K, sumy and summa on the shared sets.

Rows are split by a fixed hash of their id: ``--split tune`` (even) is for choosing parameters,
``--split report`` (odd) for the figures we report. Two budgets, as issue 3 asks: K sentences
(K = reference lines) and an equal word budget (ranked sentences until the reference's word
count is met, the last one cut, for every system alike).

    python bench/tune_extractive.py --split tune --limit 40
    python bench/tune_extractive.py --split report --limit 60 --json bench/results/tune_extractive.json
    python bench/tune_extractive.py --no-peers --methods pacsum \
        --variant 'p2:pacsum:pacsum.beta=0.2,select.mmr_lambda=0.8'
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
from rouge_score import rouge_scorer

from precis.api import load_text
from precis.document import Document
from precis.evaluate.datasets import SUMMARIZATION_SETS
from precis.extractive.engine import ranked
from precis.registry import scorers

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SETS = SUMMARIZATION_SETS
METHODS = (
    "auto",
    "lead",
    "textrank",
    "lexrank",
    "lsa",
    "luhn",
    "kl",
    "sumbasic",
    "centroid",
    "pacsum",
    "hiporank",
)
PEERS = (
    "sumy-lexrank",
    "sumy-textrank",
    "sumy-lsa",
    "sumy-luhn",
    "sumy-kl",
    "sumy-sumbasic",
    "summa-textrank",
)
_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?")
Ranker = Callable[[Document, str], list[str]]


def rows(name: str, split: str, limit: int | None) -> Iterator[dict[str, Any]]:
    """Rows of one set on the requested side of the id-hash split."""
    count = 0
    with open(DATA / f"{name}.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            side = int(hashlib.md5(str(row["id"]).encode()).hexdigest(), 16) % 2
            if split != "all" and side != (0 if split == "tune" else 1):
                continue
            yield row
            count += 1
            if limit is not None and count >= limit:
                return


def cut_to_words(sentences: list[str], budget: int) -> list[str]:
    """Take sentences until ``budget`` words; the last one is cut (evaluation only)."""
    out, used = [], 0
    for s in sentences:
        tokens = s.split()
        if used + len(tokens) >= budget:
            out.append(" ".join(tokens[: budget - used]))
            break
        out.append(s)
        used += len(tokens)
    return out


# --- systems: each returns all sentences best first ------------------------------------------


@contextmanager
def overrides(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Temporarily set class attributes of scorers (``pacsum.beta``); yields selection keys."""
    saved, select = [], {}
    for key, value in spec.items():
        owner, attr = key.split(".", 1)
        if owner == "select":
            select[attr] = value
            continue
        cls = scorers.get(owner)
        saved.append((cls, attr, getattr(cls, attr)))
        setattr(cls, attr, value)
    try:
        yield select
    finally:
        for cls, attr, value in saved:
            setattr(cls, attr, value)


def precis_ranker(method: str, spec: dict[str, Any] | None = None) -> Ranker:
    def rank(doc: Document, source: str) -> list[str]:
        with overrides(spec or {}) as select:
            order = ranked(doc, SimpleNamespace(method=method, **select))
        return [doc.sentences[i].text for i in order]

    return rank


def lead_ranker(doc: Document, source: str) -> list[str]:
    return [s.text for s in doc.sentences]


class _Tokenizer:
    """sumy tokenizer over precis sentences: sumy's own needs NLTK punkt, absent here."""

    language = "english"

    def to_sentences(self, text: str) -> list[str]:
        return [text]

    def to_words(self, text: str) -> list[str]:
        return _WORD.findall(text)


def sumy_ranker(kind: str) -> Ranker:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    classes = {
        "lexrank": LexRankSummarizer,
        "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer,
        "kl": KLSummarizer,
        "sumbasic": SumBasicSummarizer,
    }
    summarizer = classes[kind](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = _Tokenizer()

    def rank(doc: Document, source: str) -> list[str]:
        sentences = [Sentence(s.text, tokenizer) for s in doc.sentences]
        model = ObjectDocumentModel([Paragraph(sentences)])
        captured: list[Any] = []

        def take_all(infos: list[Any]) -> list[Any]:
            captured.extend(infos)  # sumy hands the count callable the infos sorted by rating
            return infos

        summarizer(model, take_all)
        return [str(info.sentence) for info in captured]

    return rank


def summa_ranker(doc: Document, source: str) -> list[str]:
    from summa.summarizer import summarize

    text = "\n".join(s.text for s in doc.sentences)
    scored = summarize(text, ratio=1.0, scores=True)
    return [s for s, _ in sorted(scored, key=lambda x: -x[1])] if scored else []


def systems(methods: list[str], peers: bool, variants: list[str]) -> dict[str, Ranker]:
    out: dict[str, Ranker] = {"lead-K": lead_ranker}
    for m in methods:
        out[m] = precis_ranker(m)
    for v in variants:
        label, method, spec = v.split(":", 2)
        parsed = {k: float(x) for k, x in (kv.split("=") for kv in spec.split(",") if kv)}
        out[label] = precis_ranker(method, parsed)
    if peers:
        for p in PEERS:
            out[p] = summa_ranker if p.startswith("summa") else sumy_ranker(p.split("-", 1)[1])
    return out


# --- evaluation ------------------------------------------------------------------------------


def in_document_order(doc: Document, chosen: list[str]) -> list[str]:
    """The chosen sentences in document order (sentences unknown to doc keep their place)."""
    position = {s.text: s.index for s in doc.sentences}
    return sorted(chosen, key=lambda s: position.get(s, len(position)))


def evaluate(set_name: str, split: str, limit: int | None, table: dict[str, Ranker]) -> dict:
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)
    sums: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    n_rows = 0
    for row in rows(set_name, split, limit):
        doc = load_text(row["source"])
        reference = row["reference"].strip()
        k = len([line for line in reference.split("\n") if line.strip()])
        ref_words = len(reference.split())
        n_rows += 1
        for name, rank in table.items():
            started = time.perf_counter()
            order = rank(doc, row["source"])
            sums[name]["seconds"].append(time.perf_counter() - started)
            k_sent = in_document_order(doc, order[:k])
            by_words = cut_to_words(order, ref_words)
            for budget, summary in (("K", k_sent), ("W", by_words)):
                scores = scorer.score(reference, "\n".join(summary))
                for metric, value in scores.items():
                    sums[name][f"{budget}-{metric}"].append(100 * value.fmeasure)
    return {
        "rows": n_rows,
        "systems": {
            name: {key: float(np.mean(vals)) for key, vals in metrics.items()}
            for name, metrics in sums.items()
        },
    }


def print_table(set_name: str, result: dict) -> None:
    print(f"\n## {set_name} ({result['rows']} rows)")
    print(
        f"{'system':16} {'K-R1':>6} {'K-R2':>6} {'K-RL':>6} {'K-RLs':>6} | "
        f"{'W-R1':>6} {'W-R2':>6} {'W-RLs':>6} | {'ms/doc':>8}"
    )
    for name, m in sorted(result["systems"].items(), key=lambda kv: -kv[1]["K-rouge1"]):
        print(
            f"{name:16} {m['K-rouge1']:6.2f} {m['K-rouge2']:6.2f} {m['K-rougeL']:6.2f} "
            f"{m['K-rougeLsum']:6.2f} | {m['W-rouge1']:6.2f} {m['W-rouge2']:6.2f} "
            f"{m['W-rougeLsum']:6.2f} | {1000 * m['seconds']:8.1f}"
        )
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument("--split", choices=("tune", "report", "all"), default="tune")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--methods", nargs="*", default=list(METHODS))
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        help="label:method:cls.attr=value,select.mmr_lambda=value",
    )
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    table = systems(args.methods, not args.no_peers, args.variant)
    results = {}
    for set_name in args.sets:
        results[set_name] = evaluate(set_name, args.split, args.limit, table)
        print_table(set_name, results[set_name])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "split": args.split,
            "limit": args.limit,
            "command": " ".join(sys.argv),
            "sets": results,
        }
        args.json.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
