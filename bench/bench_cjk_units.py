"""Which unit should Chinese and Japanese terms be (issue 19, item 2)? `auto`'s ROUGE on the
shared zh and ja development files with terms as characters (what precis ships), characters and
character bigrams, or dictionary words (jieba 0.42.1 for Chinese, janome 0.5.1 for Japanese:
installable segmenters whose dictionaries are in their wheels).

Only the system's terms change; sentences, budget (K = reference sentences, at most 5) and the
metric (``bench_multilingual.ScriptTokenizer``, characters) stay as ``bench/bench_multilingual.py``
has them.

    pip install jieba==0.42.1 janome==0.5.1
    python bench/bench_cjk_units.py     # writes bench/results/cjk_units.json
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import bench_multilingual as multilingual  # noqa: E402
from rouge_score import rouge_scorer  # noqa: E402

import precis.extractive.terms as terms  # noqa: E402
from precis.api import load_text  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "multilingual"
OUT = ROOT / "bench" / "results" / "cjk_units.json"


def _segmenter(language: str) -> Callable[[str], list[str]]:
    if language == "zh":
        import jieba

        jieba.setLogLevel(logging.WARNING)
        return jieba.lcut
    from janome.tokenizer import Tokenizer

    tokenizer = Tokenizer(wakati=True)
    return lambda text: list(tokenizer.tokenize(text))


def words_with(unit: str, language: str) -> Callable[[str, str], list[str]]:
    """A replacement for :func:`precis.extractive.terms.words_in` that reads CJK runs as
    ``unit``: "characters" (the shipped function), "bigrams" (characters and their adjacent
    pairs) or "words" (the language's dictionary segmenter)."""
    if unit == "characters":
        return terms.words_in
    segment = _segmenter(language) if unit == "words" else None

    def words_in(text: str, language: str) -> list[str]:
        out: list[str] = []
        for word in terms._word().findall(text.lower()):
            if language not in terms.CHARACTER_LANGUAGES or not terms._CJK.search(word):
                out.append(word)
            elif segment is not None:
                out.extend(w for w in segment(word) if w.strip() and not w.isdigit())
            else:
                chars = [c for c in word if not c.isdigit()]
                out.extend(chars + [a + b for a, b in zip(chars, chars[1:], strict=False)])
        return out

    return words_in


def score(language: str, unit: str) -> dict[str, float]:
    """Mean R1/R2 of `auto` over the language's development rows with terms as ``unit``."""
    shipped = terms.words_in
    terms.words_in = words_with(unit, language)  # features.py imports it at call time
    try:
        scorer = rouge_scorer.RougeScorer(
            ["rouge1", "rouge2"], tokenizer=multilingual.ScriptTokenizer(True)
        )
        r1, r2 = [], []
        for line in (DATA / f"{language}.jsonl").open(encoding="utf-8"):
            row = json.loads(line)
            doc = load_text(row["source"])
            if not doc.sentences:
                continue
            k = multilingual.budget(row["reference"])
            s = scorer.score(row["reference"], "\n".join(multilingual.summary(doc, k)))
            r1.append(100 * s["rouge1"].fmeasure)
            r2.append(100 * s["rouge2"].fmeasure)
    finally:
        terms.words_in = shipped
    return {"documents": len(r1), "rouge1": round(statistics.mean(r1), 2),
            "rouge2": round(statistics.mean(r2), 2)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    report = {
        lang: {unit: score(lang, unit) for unit in ("characters", "bigrams", "words")}
        for lang in ("zh", "ja")
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
