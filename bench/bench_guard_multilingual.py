"""The checker on other languages (issue 19 item 3): real sentences, real articles.

For the first ``--docs`` rows of each language of ``../shared/data/multilingual/`` (development
part), with the article loaded in its detected language:

- **reference**: the share of reference sentences the guard supports. The references are
  abstractive (XL-Sum, OrangeSum, Klexikon, TeMario), so not all of them are supported by
  their article word for word; this is a level, not a target;
- **copied**: the share of copied source sentences (up to three per article, each with at least
  six words or twenty characters) supported: a copy should always be;
- **number swapped**: copies with one number changed to a value the article never writes (+7),
  the share flagged: should be all;
- **name swapped**: copies with one capitalised word inside the sentence replaced by a name the
  article never writes, the share flagged (languages with capitals only).

    python bench/bench_guard_multilingual.py [--docs 30] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from precis.abstractive.guard import Guard  # noqa: E402
from precis.api import load_text  # noqa: E402
from precis.document import Document  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "multilingual"
OUT = ROOT / "bench" / "results" / "guard_multilingual.json"
LANGUAGES = ("ar", "de", "es", "fr", "ja", "pt", "tr", "uk", "zh")
COPIES = 3
_NUMBER = re.compile(r"(?<![\d.,])\d{1,4}(?![\d.,]\d)")
_CAPITAL = re.compile(r"(?<=\s)[A-ZÀ-ÝА-ЯІЇЄҐ][a-zà-ÿа-яіїєґ]{3,}")
FOREIGN = {"Latin": "Kowalczykowa", "Cyrillic": "Пшебишевський"}


def copies(doc: Document) -> list[str]:
    """Up to :data:`COPIES` source sentences long enough to say something, spread out."""
    long = [
        s.text
        for s in doc.sentences
        if len(s.text.split()) >= 6 or (len(s.text) >= 20 and " " not in s.text.strip())
    ]
    if len(long) <= COPIES:
        return long
    step = len(long) / COPIES
    return [long[int(k * step)] for k in range(COPIES)]


def number_swapped(sentence: str, text: str) -> str | None:
    """The sentence with its first number changed to one the article never writes."""
    for m in _NUMBER.finditer(sentence):
        new = str(int(m.group()) + 7)
        if new not in text:
            return sentence[: m.start()] + new + sentence[m.end() :]
    return None


def name_swapped(sentence: str, text: str) -> str | None:
    """The sentence with an inner capitalised word replaced by a name the article lacks."""
    m = _CAPITAL.search(sentence)
    if m is None:
        return None
    script = "Cyrillic" if "\u0400" <= m.group()[0] <= "\u04ff" else "Latin"
    name = FOREIGN[script]
    if name in text:
        return None
    return sentence[: m.start()] + name + sentence[m.end() :]


def judge(row: dict[str, Any]) -> dict[str, list[bool]]:
    """Per kind of sentence: whether the guard supports each (each checked on its own)."""
    doc = load_text(row["source"])
    guard = Guard(doc)

    reasons: list[str] = []

    def supported(sentence: str) -> bool:
        verdict = guard.check([sentence]).sentences[0]
        reasons.extend(i.kind for i in verdict.unsupported)
        if not verdict.unsupported and not verdict.supported:
            reasons.append("score" if verdict.score < guard.options.threshold else "other")
        return verdict.supported

    refs = [line for line in row["reference"].splitlines() if line.strip()]
    copied = copies(doc)
    numbers = [s for s in (number_swapped(c, doc.text) for c in copied) if s]
    names = [s for s in (name_swapped(c, doc.text) for c in copied) if s]
    verdicts = {
        "reference": [supported(s) for s in refs],
        "copied": [supported(s) for s in copied],
    }
    why = list(reasons)  # why reference and copied sentences were not supported
    return {
        **verdicts,
        "number": [not supported(s) for s in numbers],
        "name": [not supported(s) for s in names],
        "language": [doc.metadata.language == row["language"]],
        "why": why,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=30)
    parser.add_argument("--json", type=Path, default=OUT)
    parser.add_argument("--languages", nargs="*", default=list(LANGUAGES))
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    print(
        "| lang | docs | reference supported | copies supported | number swaps flagged "
        "| name swaps flagged | s | why not supported (reference, copies) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for language in args.languages:
        rows = [json.loads(x) for x in (DATA / f"{language}.jsonl").open(encoding="utf-8")]
        started = time.perf_counter()
        totals: dict[str, list[bool]] = {}
        for row in rows[: args.docs]:
            for kind, flags in judge(row).items():
                totals.setdefault(kind, []).extend(flags)
        seconds = time.perf_counter() - started
        why = Counter(totals.pop("why", []))
        shares = {k: (sum(v), len(v)) for k, v in totals.items()}
        results[language] = {
            "docs": min(args.docs, len(rows)),
            "seconds": seconds,
            **shares,
            "why_unsupported": dict(why.most_common()),
        }

        def cell(kind: str, shares: dict[str, tuple[int, int]] = shares) -> str:
            hit, n = shares.get(kind, (0, 0))
            return f"{100 * hit / n:.1f}% ({hit}/{n})" if n else "-"

        print(
            f"| {language} | {results[language]['docs']} | {cell('reference')} | {cell('copied')} "
            f"| {cell('number')} | {cell('name')} | {seconds:.1f} | "
            + ", ".join(f"{k} {v}" for k, v in why.most_common())
            + " |"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
