"""Summary sentences that cut a quotation, and ROUGE, on every shared summarization set (issue 17).

A summary sentence whose double quotation marks do not balance ("The towers twinkled at him,
and the music whispered to him, \"Come back, Eric North.") is a fragment of a quotation whose
other half the reader never sees. For each shared set (report split, as the peers table) this
runs ``precis.api.summarize`` with ``auto`` under the K-sentence and the word budget (K and the
word count of the reference, as ``bench/compare_peers.py`` sets them) and counts the summary
sentences with unbalanced straight or curly double quotes within the run of consecutive
sentences they are chosen in (a quotation over two sentences is one unit); it also scores the summaries' ROUGE-1
and ROUGE-2 F1 (rouge-score, stemmed) against the references, so a change can be compared with
its effect on ROUGE in one run.

    python bench/bench_quotes.py --limit 60     # writes bench/results/quotes.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from splits import split_examples  # noqa: E402

from precis.api import summarize  # noqa: E402
from precis.evaluate.datasets import SUMMARIZATION_SETS  # noqa: E402
from precis.evaluate.rouge import rouge  # noqa: E402
from precis.evaluate.run import load_example  # noqa: E402
from precis.extractive.filters import unbalanced_quotes  # noqa: E402
from precis.options import SummarizeOptions  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "bench" / "results" / "quotes.json"
_QUOTED_RE = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d')


def is_dialogue(text: str) -> bool:
    """A sentence mostly inside quotation marks ("Fweep?" asked the blob.): a line of dialogue."""
    quoted = sum(len(m.group(0)) for m in _QUOTED_RE.finditer(text))
    return quoted >= 0.5 * max(len(text), 1)


SETS = SUMMARIZATION_SETS


def _spans(chosen: Any) -> list[list[str]]:
    """The summary's runs of consecutive source sentences: a quotation that runs over two
    sentences is chosen as one unit (``precis.extractive.filters.quotation_pairs``), and its
    marks balance within the run."""
    runs: list[list[str]] = []
    last = None
    for s in chosen:
        if last is not None and s.index == last + 1 and runs:
            runs[-1].append(s.text)
        else:
            runs.append([s.text])
        last = s.index
    return runs


def run_set(name: str, limit: int) -> dict[str, Any]:
    examples = list(split_examples(DATA / f"{name}.jsonl", "report", limit))
    out: dict[str, Any] = {"documents": len(examples)}
    for budget in ("sentences", "words", "ratio", "chars"):
        sentences = unbalanced = under_half = dialogue = source_dialogue = source_sentences = 0
        r1 = r2 = 0.0
        fills: list[float] = []
        examples_bad = []
        for example in examples:
            doc = load_example(example)
            doc_words = sum(len(s.text.split()) for s in doc.sentences)
            reference_chars = len(" ".join(example.reference_sentences))
            if budget == "words":
                options = SummarizeOptions(method="auto", words=max(example.reference_words, 1))
                size, cap = (lambda t: len(t.split())), example.reference_words
            elif budget == "ratio":
                ratio = min(1.0, max(example.reference_words, 1) / max(doc_words, 1))
                options = SummarizeOptions(method="auto", ratio=ratio)
                size, cap = (lambda t: len(t.split())), ratio * doc_words
            elif budget == "chars":
                options = SummarizeOptions(method="auto", chars=max(reference_chars, 1))
                size, cap = len, reference_chars
            else:
                k = len(example.reference_sentences) or len(doc.sentences)
                options = SummarizeOptions(method="auto", sentences=max(k, 1))
            chosen = summarize(doc, options).sentences
            texts = [s.text for s in chosen]
            if budget != "sentences":
                share = sum(size(t) for t in texts) / max(cap, 1)
                fills.append(min(share, 1.0))
                whole = doc_words if budget != "chars" else len(doc.text)
                under_half += share < 0.5 and whole > cap
            sentences += len(texts)
            dialogue += sum(is_dialogue(t) for t in texts)
            source_dialogue += sum(is_dialogue(x.text) for x in doc.sentences)
            source_sentences += len(doc.sentences)
            bad = [span for span in _spans(chosen) if unbalanced_quotes(" ".join(span))]
            unbalanced += sum(len(span) for span in bad)
            examples_bad.extend(" ".join(span) for span in bad[:1])
            scores = rouge(texts, example.reference_sentences)
            r1 += scores["rouge1"]["f1"]
            r2 += scores["rouge2"]["f1"]
        n = max(len(examples), 1)
        out[budget] = {
            "summary_sentences": sentences,
            "unbalanced_quotes": unbalanced,
            "rouge1": round(100 * r1 / n, 2),
            "rouge2": round(100 * r2 / n, 2),
            "examples": examples_bad[:3],
            "mean_fill": round(sum(fills) / len(fills), 3) if fills else None,
            "dialogue_share": round(dialogue / max(sentences, 1), 3),
            "source_dialogue_share": round(source_dialogue / max(source_sentences, 1), 3),
            "under_half": under_half,
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    report = {name: run_set(name, args.limit) for name in args.sets}
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    head = f"{'set':24} {'budget':9} {'sentences':>9} {'unbalanced':>10} {'R1':>6} {'R2':>6}"
    print(head + f" {'fill':>5} {'<50%':>4} {'dialogue':>8} {'source':>6}")
    for name, r in report.items():
        for budget in ("sentences", "words", "ratio", "chars"):
            b = r[budget]
            print(
                f"{name:24} {budget:9} {b['summary_sentences']:>9} {b['unbalanced_quotes']:>10} "
                f"{b['rouge1']:>6} {b['rouge2']:>6} {b['mean_fill']!s:>5} {b['under_half']:>4} "
                f"{b['dialogue_share']:>8} {b['source_dialogue_share']:>6}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
