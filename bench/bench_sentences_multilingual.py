"""Sentence segmentation in other languages (issue 19): precis before (``language=None``, the
English rules) and after (the document's language), on data nobody on the team wrote.

1. pySBD's per-language Golden Rules (``bench/data/sentence_rules_multilingual.jsonl``, built
   by bench/build_sentence_rules.py): a case counts when the sentences, each ``.strip()``-ed,
   equal the expected list exactly.
2. Universal Dependencies gold sentences (``bench/data/ud_sentences_sample.jsonl``, built by
   bench/build_ud_sample.py): each paragraph is its sentences joined by a space (nothing for
   Chinese and Japanese), segmented as segment.py does (one call per paragraph); boundaries
   inside paragraphs are scored (precision, recall, F1 of exact positions).
3. Issue 19's count on ``../shared/data/multilingual/de.jsonl``: cuts that are wrong on their
   face, after a number before a lower-case word or a month ("am 19." | "Februar"), after an
   abbreviation that never ends a German sentence, or before any lower-case word.

    python bench/bench_sentences_multilingual.py [--shared ../shared/data]

Writes ``bench/results/sentences_multilingual.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from precis.sentences import sentence_spans

log = logging.getLogger("bench_sentences_multilingual")
ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "bench" / "data" / "sentence_rules_multilingual.jsonl"
UD = ROOT / "bench" / "data" / "ud_sentences_sample.jsonl"
OUT = ROOT / "bench" / "results" / "sentences_multilingual.json"
UNSPACED = frozenset({"zh", "ja"})
# Issue 19's wrong cuts in German: the piece before the cut ends with one of these.
_DE_NEVER_LAST = re.compile(
    r"(?:\b(?:z\. ?B|d\. ?h|u\. ?a|z\. ?T|bzw|vgl|Nr|Dr|Prof|Str|sog|evtl|ggf|inkl|ca)\.)$"
)
_DE_NUMBER_LAST = re.compile(r"(?<![\d.])\d{1,3}\.$")
_DE_MONTHS = re.compile(
    r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November"
    r"|Dezember)\b"
)


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def rules(language: str | None) -> dict[str, dict[str, Any]]:
    """Per language: pySBD cases passed exactly, and the ids that failed."""
    table: dict[str, dict[str, Any]] = {}
    for case in _read(RULES):
        code = case["language"]
        text = case["text"]
        got = [text[s:e].strip() for s, e in sentence_spans(text, code if language else None)]
        row = table.setdefault(code, {"passed": 0, "total": 0, "failed": []})
        row["total"] += 1
        if got == case["sentences"]:
            row["passed"] += 1
        else:
            row["failed"].append(case["id"])
    return table


def _paragraph(sentences: list[str], code: str) -> tuple[str, set[int]]:
    """The paragraph's text and its gold inner boundaries (end offsets of its sentences)."""
    glue = "" if code in UNSPACED else " "
    text = glue.join(sentences)
    ends: set[int] = set()
    pos = 0
    for s in sentences[:-1]:
        pos += len(s)
        ends.add(pos)
        pos += len(glue)
    return text, ends


def ud(language: str | None) -> dict[str, dict[str, Any]]:
    """Per language: boundary precision, recall and F1 on the UD sample."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # right, predicted, gold
    for doc in _read(UD):
        code = doc["language"]
        for sentences in doc["paragraphs"]:
            text, gold = _paragraph(sentences, code)
            found = {e for _, e in sentence_spans(text, code if language else None)[:-1]}
            row = counts[code]
            row[0] += len(found & gold)
            row[1] += len(found)
            row[2] += len(gold)
    return {code: _prf(*row) for code, row in sorted(counts.items())}


def _prf(right: int, predicted: int, gold: int) -> dict[str, Any]:
    p = right / predicted if predicted else 0.0
    r = right / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": gold}


def german_wrong_cuts(path: Path, language: str | None) -> dict[str, int]:
    """Issue 19's count: wrong cuts on the German set, and documents with at least one."""
    wrong = cuts = docs_hit = 0
    rows = _read(path)
    for row in rows:
        text = row["source"]
        spans = sentence_spans(text, "de" if language else None)
        bad = 0
        for (s, e), (s2, _) in zip(spans, spans[1:], strict=False):
            if "\n\n" in text[e:s2]:
                continue  # a paragraph break: not the segmenter's cut
            cuts += 1
            piece, nxt = text[s:e], text[s2:]
            if (
                nxt[:1].islower()
                or _DE_NEVER_LAST.search(piece)
                or (_DE_NUMBER_LAST.search(piece) and _DE_MONTHS.match(nxt))
            ):
                bad += 1
        wrong += bad
        docs_hit += bad > 0
    return {"wrong_cuts": wrong, "cuts": cuts, "documents_with_wrong_cuts": docs_hit,
            "documents": len(rows)}  # fmt: skip


def run(shared: Path) -> dict[str, Any]:
    """All three measures, before and after."""
    result: dict[str, Any] = {}
    for name, language in (("before", None), ("after", "auto")):
        german = shared / "multilingual" / "de.jsonl"
        result[name] = {
            "pysbd_rules": rules(language),
            "ud": ud(language),
            "de_wrong_cuts": german_wrong_cuts(german, language) if german.is_file() else None,
        }
    return result


def print_table(result: dict[str, Any]) -> None:
    """Per language: rules passed and UD F1, before -> after."""
    before, after = result["before"], result["after"]
    codes = sorted(set(after["pysbd_rules"]) | set(after["ud"]))
    print(f"{'lang':5} {'pySBD rules before':>19} {'after':>8}   {'UD F1 before':>13} {'after':>7}")
    for code in codes:
        rb, ra = before["pysbd_rules"].get(code), after["pysbd_rules"].get(code)
        ub, ua = before["ud"].get(code), after["ud"].get(code)
        rules_cell = (
            f"{rb['passed']:>4}/{rb['total']:<4}      {ra['passed']:>4}/{ra['total']:<4}"
            if ra
            else " " * 28
        )
        ud_cell = f"{ub['f1']:>13.3f} {ua['f1']:>7.3f}" if ua else ""
        print(f"{code:5} {rules_cell}   {ud_cell}")
    if after["de_wrong_cuts"]:
        b, a = before["de_wrong_cuts"], after["de_wrong_cuts"]
        print(
            f"de.jsonl wrong cuts: {b['wrong_cuts']} in {b['documents_with_wrong_cuts']} documents"
            f" -> {a['wrong_cuts']} in {a['documents_with_wrong_cuts']} (of {a['documents']})"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    result = run(Path(args.shared))
    print_table(result)
    Path(args.out).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", "utf-8")
    log.info("wrote %s", args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
