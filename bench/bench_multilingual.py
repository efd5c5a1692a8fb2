"""precis on the shared multilingual sets (issue 19): ROUGE-1/2 F1 of ``auto`` with the
language's words, stop words and stems, against ``auto`` reading every text as English (how
precis read them before), Lead-K on the same precis sentences, and sumy's LexRank, LSA and
TextRank with their own stop words and stemmers on pySBD sentences (:mod:`peers_multilingual`),
as in the issue's table. K = reference sentences, at most 5, for every system.

ROUGE keeps every script (rouge-score's own tokenizer drops non-ASCII letters): words are runs
of letters and digits, lower-cased, no stemming; Chinese and Japanese are scored in characters,
as the multilingual summarization literature does.

    python bench/bench_multilingual.py [--limit 40]     # --limit 0: every row

Writes ``bench/results/multilingual.{json,md}``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from rouge_score import rouge_scorer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from peers_multilingual import SUMY_METHODS, paragraphs, sumy_summary  # noqa: E402

from precis.api import load_text  # noqa: E402
from precis.extractive.engine import ranked  # noqa: E402
from precis.options import CleanOptions, LoadOptions, SummarizeOptions  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "multilingual"
MAX_K = 5
SYSTEMS = ("lead", *(f"sumy-{m}" for m in SUMY_METHODS), "english", "language")
HEADERS = {
    "lead": "Lead-K",
    "sumy-lexrank": "sumy LexRank",
    "sumy-lsa": "sumy LSA",
    "sumy-textrank": "sumy TextRank",
    "english": "auto as English",
    "language": "auto (language)",
}
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


def budget(reference: str) -> int:
    """K: the reference's sentences (one a line), at least 1 and at most 5 (issue 19)."""
    return min(MAX_K, max(1, len([s for s in reference.split("\n") if s.strip()])))


def summary(doc: Any, k: int) -> list[str]:
    """precis auto's K sentences in document order."""
    order = ranked(doc, SummarizeOptions(method="auto", sentences=k))
    picked = sorted(int(i) for i in order[:k])
    return [doc.sentences[i].text for i in picked]


def score_row(lang: str, row: dict[str, Any]) -> dict[str, tuple[float, float]] | None:
    """Every system's R1/R2 F1 on one row; None when precis finds no sentence."""
    reference, k = row["reference"], budget(row["reference"])
    detected = load_text(row["source"])
    if not detected.sentences:
        return None
    as_english = load_text(row["source"], options=LoadOptions(clean=CleanOptions(language="en")))
    blocks = paragraphs(row["source"], lang)
    systems = {
        "lead": [s.text for s in detected.sentences[:k]],
        **{f"sumy-{m}": sumy_summary(m, blocks, lang, k) for m in SUMY_METHODS},
        "english": summary(as_english, k),
        "language": summary(detected, k),
    }
    scorer = rouge_scorer.RougeScorer(
        ["rouge1", "rouge2"], tokenizer=ScriptTokenizer(lang in ("zh", "ja"))
    )
    out = {}
    for name, sentences in systems.items():
        s = scorer.score(reference, "\n".join(sentences))
        out[name] = (100 * s["rouge1"].fmeasure, 100 * s["rouge2"].fmeasure)
    return out


def _score_args(args: tuple[str, dict[str, Any]]) -> dict[str, tuple[float, float]] | None:
    return score_row(*args)


def to_markdown(report: dict[str, Any], limit: int) -> str:
    """The table as in issue 19: R1 / R2 per system and language."""
    rows = "all rows" if limit == 0 else f"first {limit} rows (file order)"
    lines = [
        f"# precis vs Lead and sumy on the shared multilingual sets ({rows})",
        "",
        "ROUGE F1 x100, R1 / R2; K = reference sentences, at most 5. "
        "`python bench/bench_multilingual.py --limit " + str(limit) + "`.",
        "",
        "| lang | docs | " + " | ".join(HEADERS[s] for s in SYSTEMS) + " |",
        "|---|---:|" + "---|" * len(SYSTEMS),
    ]
    for lang, r in report.items():
        cells = [f"{r[s][0]:.2f} / {r[s][1]:.2f}" for s in SYSTEMS]
        lines.append(f"| {lang} | {r['documents']} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=40, help="rows per language; 0 = all")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--languages", nargs="*", help="codes to run (default: every file)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "multilingual")
    args = parser.parse_args()
    report: dict[str, Any] = {}
    print(f"{'lang':5} {'docs':>4}  " + "  ".join(f"{HEADERS[s]:>15}" for s in SYSTEMS))
    started = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        for path in sorted(DATA.glob("*.jsonl")):
            lang = path.stem
            if args.languages and lang not in args.languages:
                continue
            with path.open(encoding="utf-8") as f:
                rows = [json.loads(line) for line in f]
            rows = rows[: args.limit] if args.limit else rows
            scores = [s for s in pool.map(_score_args, [(lang, r) for r in rows]) if s]
            means = {
                name: [round(statistics.fmean(s[name][i] for s in scores), 2) for i in (0, 1)]
                for name in SYSTEMS
            }
            report[lang] = {"documents": len(scores), **means}
            print(
                f"{lang:5} {len(scores):4d}  "
                + "  ".join(f"{means[n][0]:8.2f}/{means[n][1]:5.2f}" for n in SYSTEMS)
            )
    seconds = round(time.perf_counter() - started, 1)
    payload = {"limit": args.limit, "max_k": MAX_K, "seconds": seconds, "sets": report}
    args.out.with_suffix(".json").write_text(json.dumps(payload, indent=1) + "\n")
    args.out.with_suffix(".md").write_text(to_markdown(report, args.limit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
