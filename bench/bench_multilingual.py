"""precis on the shared multilingual sets (issue 19): ROUGE-1/2 F1 of ``auto`` with the
language's words, stop words and stems, against ``auto`` reading every text as English (how
precis read them before) and Lead-K, on the same precis sentences, K = reference sentences.

ROUGE keeps every script (rouge-score's own tokenizer drops non-ASCII letters): words are runs
of letters and digits, lower-cased, no stemming; Chinese and Japanese are scored in characters,
as the multilingual summarization literature does.

    python bench/bench_multilingual.py [--limit 40]

Writes ``bench/results/multilingual.json``. sumy's rows (issue 19's table) need NLTK data that
cannot be fetched here; they are not in this run.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from pathlib import Path

from rouge_score import rouge_scorer

from precis.api import load_text
from precis.extractive.engine import ranked
from precis.options import CleanOptions, LoadOptions, SummarizeOptions

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "multilingual"
_WORD = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class ScriptTokenizer:
    """Words in any script; characters for Chinese and Japanese. Written apart from
    precis.extractive.terms on purpose: the metric must not share the system's tokenizer,
    or a bug in one would hide in the other."""

    def __init__(self, characters: bool) -> None:
        self.characters = characters

    def tokenize(self, text: str) -> list[str]:
        out: list[str] = []
        for word in _WORD.findall(text.lower()):
            if self.characters and _CJK.search(word):
                out.extend(word)
            else:
                out.append(word)
        return out


def summary(doc, k: int) -> list[str]:  # noqa: ANN001
    order = ranked(doc, SummarizeOptions(method="auto", sentences=k))
    picked = sorted(int(i) for i in order[:k])
    return [doc.sentences[i].text for i in picked]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench" / "results" / "multilingual.json"
    )
    args = parser.parse_args()
    report = {}
    print(
        f"{'lang':5} {'docs':>4}  {'Lead-K':>11}  {'auto as English':>15}  {'auto (language)':>15}"
    )
    for path in sorted(DATA.glob("*.jsonl")):
        lang = path.stem
        scorer = rouge_scorer.RougeScorer(
            ["rouge1", "rouge2"], tokenizer=ScriptTokenizer(lang in ("zh", "ja"))
        )
        scores: dict[str, list[tuple[float, float]]] = {"lead": [], "english": [], "language": []}
        with path.open(encoding="utf-8") as f:
            rows = [json.loads(line) for line in f][: args.limit]
        for row in rows:
            reference = row["reference"]
            k = max(1, len([s for s in reference.split("\n") if s.strip()]))
            as_english = load_text(
                row["source"], options=LoadOptions(clean=CleanOptions(language="en"))
            )
            detected = load_text(row["source"])
            if not detected.sentences:
                continue
            systems = {
                "lead": [s.text for s in detected.sentences[:k]],
                "english": summary(as_english, k),
                "language": summary(detected, k),
            }
            for name, sentences in systems.items():
                s = scorer.score(reference, "\n".join(sentences))
                scores[name].append((100 * s["rouge1"].fmeasure, 100 * s["rouge2"].fmeasure))
        means = {
            name: [round(statistics.fmean(v[i] for v in vals), 2) for i in (0, 1)]
            for name, vals in scores.items()
        }
        report[lang] = {"documents": len(scores["lead"]), **means}
        print(
            f"{lang:5} {len(scores['lead']):4d}  "
            + "  ".join(
                f"{means[n][0]:6.2f}/{means[n][1]:5.2f}" for n in ("lead", "english", "language")
            )
        )
    args.out.write_text(json.dumps({"limit": args.limit, "sets": report}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
