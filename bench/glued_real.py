"""Glued-word splitting on real documents: precision from labels, recall of real glue (issue 13).

Spaces deleted at random (bench_glued.py's first table) reward a splitter that splits freely;
on real PDFs and web pages nine splits in ten were wrong. Here every split the step makes on the
real-document corpus (bench/realdocs.py) is looked up in hand labels kept as data:

* ``bench/data/glued_labels.jsonl``: ``{"doc", "before", "after", "label": "right"|"wrong"}``
  for each distinct split ever made on a corpus document (by this step or an earlier version);
  a split with no label is reported as ``unlabeled`` and counted as wrong, so new splits must be
  labelled before precision can pass.
* ``bench/data/glued_gold.jsonl``: ``{"doc", "before", "after"}``: real glue in the corpus's
  text layers, found by comparing pypdfium2's text with poppler's ``pdftotext`` (an independent
  extractor: a token here that is two or three words there) and confirmed by reading each one
  in context. Recall is the share of its occurrences that the step splits exactly right.

Occurrences are counted on the text the glued-word step receives (after the other repairs), by
the whitespace token with edge punctuation stripped.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from realdocs import RealDoc, documents  # noqa: E402

logger = logging.getLogger(__name__)

LABELS = BENCH / "data" / "glued_labels.jsonl"
GOLD = BENCH / "data" / "glued_gold.jsonl"
_TOKEN = re.compile(r"\S+")
_EDGE = ".,;:!?\"'()[]“”‘’"


@dataclass
class DocSplits:
    """What the step did on one document: split tokens (before -> after) and token counts."""

    doc: str
    kind: str
    splits: Counter[tuple[str, str]] = field(default_factory=Counter)
    tokens: Counter[str] = field(default_factory=Counter)
    contexts: dict[tuple[str, str], str] = field(default_factory=dict)


@contextmanager
def _spy(record: list[tuple[str, list]]) -> Iterator[None]:
    """Record the glued-word step's input text and edits while documents load."""
    import precis.clean.glued as glued

    original = glued.glued_word_edits

    def spy(text: str, shown: Any = None) -> list:
        edits = original(text, shown)
        record.append((text, edits))
        return edits

    glued.glued_word_edits = spy
    try:
        yield
    finally:
        glued.glued_word_edits = original


def doc_splits(doc: RealDoc) -> DocSplits:
    """Load one corpus document through precis and collect the glued-word step's splits."""
    from precis.api import load

    record: list[tuple[str, list]] = []
    with _spy(record):
        load(str(doc.path))
    out = DocSplits(doc.id, doc.kind)
    for text, edits in record:
        _collect(text, sorted({e.start for e in edits}), out)
    return out


def _collect(text: str, inserted: list[int], out: DocSplits) -> None:
    """Count tokens, and the split ones as (before, after) pairs, with one context each."""
    import bisect

    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word = match.group()
        core = word.strip(_EDGE)
        out.tokens[core] += 1
        i = bisect.bisect_right(inserted, start)
        cuts = [k - start for k in inserted[i : bisect.bisect_left(inserted, end)]]
        if not cuts:
            continue
        lead = len(word) - len(word.lstrip(_EDGE))
        pieces = [word[a:b] for a, b in zip([0, *cuts], [*cuts, len(word)], strict=True)]
        after = " ".join(pieces)[lead:].rstrip(_EDGE) if core else " ".join(pieces)
        key = (core, after)
        out.splits[key] += 1
        out.contexts.setdefault(key, " ".join(text[max(0, start - 60) : end + 60].split()))


def read_jsonl(path: Path) -> list[dict]:
    """Rows of a JSONL file (empty when it does not exist yet)."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as reader:
        return [json.loads(line) for line in reader if line.strip()]


def score(results: list[DocSplits]) -> dict:
    """Precision (labelled splits) and recall (gold glue) per kind, with the unlabelled splits."""
    labels = {(r["doc"], r["before"], r["after"]): r["label"] for r in read_jsonl(LABELS)}
    gold = [(r["doc"], r["before"], r["after"]) for r in read_jsonl(GOLD)]
    out: dict = {}
    for kind in ("pdf", "html"):
        docs = [d for d in results if d.kind == kind]
        right = wrong = unlabeled = 0
        wrong_list: Counter[str] = Counter()
        todo: list[dict] = []
        for d in docs:
            for (before, after), n in d.splits.items():
                label = labels.get((d.doc, before, after))
                if label == "right":
                    right += n
                elif label == "wrong":
                    wrong += n
                    wrong_list[f"{before} -> {after}"] += n
                else:
                    unlabeled += n
                    todo.append(
                        {
                            "doc": d.doc,
                            "before": before,
                            "after": after,
                            "n": n,
                            "context": d.contexts[(before, after)],
                        }
                    )
        made = right + wrong + unlabeled
        by_id = {d.doc: d for d in docs}
        found = restored = 0
        missed: list[str] = []
        for doc, before, after in gold:
            d = by_id.get(doc)
            if d is None:
                continue
            n_split = d.splits[(before, after)]
            n_total = d.tokens[before]
            found += n_total
            restored += n_split
            if n_split < n_total:
                missed.append(f"{doc}: {before} -> {after} ({n_split}/{n_total})")
        out[kind] = {
            "documents": len(docs),
            "splits": made,
            "right": right,
            "wrong": wrong,
            "unlabeled": unlabeled,
            "precision": right / made if made else 1.0,
            "gold_glue": found,
            "restored": restored,
            "recall": restored / found if found else None,
            "wrong_splits": dict(wrong_list.most_common()),
            "missed_glue": missed,
            "unlabeled_splits": todo,
        }
    return out


def run(limit: int | None = None) -> dict:
    """Split every corpus document and score it against the labels."""
    docs = documents()[:limit] if limit else documents()
    results = []
    for doc in docs:
        try:
            results.append(doc_splits(doc))
        except Exception as exc:  # a typed PrecisError: the document is reported, not scored
            logger.warning("%s: %s", doc.id, exc)
    return score(results)


def print_real(scores: dict) -> None:
    """One line per kind, then the wrong and unlabelled splits."""
    print(
        f"{'real documents':16} {'docs':>5} {'splits':>7} {'right':>6} {'wrong':>6}"
        f" {'unlab.':>7} {'precision':>10} {'glue':>5} {'restored':>9}"
    )
    for kind, r in scores.items():
        recall = "n/a" if r["recall"] is None else f"{r['recall']:.1%}"
        print(
            f"{kind:16} {r['documents']:5d} {r['splits']:7d} {r['right']:6d} {r['wrong']:6d}"
            f" {r['unlabeled']:7d} {r['precision']:10.1%} {r['gold_glue']:5d} {recall:>9}"
        )
    for kind, r in scores.items():
        if r["wrong_splits"]:
            print(
                f"wrong splits ({kind}):",
                ", ".join(f"{k} ({n})" for k, n in r["wrong_splits"].items()),
            )
        for item in r["unlabeled_splits"]:
            print(
                f"UNLABELED {item['doc']}: {item['before']} -> {item['after']} x{item['n']}: {item['context']}"
            )
        for item in r["missed_glue"]:
            print(f"missed glue {item}")
