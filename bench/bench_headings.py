"""Heading detection scored against hand labels on 10 real PDFs (issue 14, "--per-section uses
real headings only").

``bench/data/heading_labels.jsonl`` lists every section heading of 10 documents (ACL, NAACL,
IEEE conference and journal, JCAP, ACM CHI, an arXiv sensors paper, CLEF notes, an EU report
chapter, an IBM Redpaper), one JSON line each: ``doc``, ``page`` (1-based), ``text`` as printed,
``level``. How they were labelled (by reading the pages rendered with pypdfium2 and the text
layer, the PDF outline where there is one) is in the README section "Heading labels" at the
end of this docstring.

Each document is loaded with ``precis.api.load``; its headings are the paragraphs of kind
``heading`` together with the headings of ``doc.sections``, and the blocks that open a
references, acknowledgements or contents zone: :mod:`precis.roles` gives the whole zone,
heading included, that zone's role, and opens it only at a block whose text *is* the heading
("References", "VII. REFERENCES", "Acknowledgments", "Contents"), so such a block is the
section's heading even though its kind is ``references``. ``--no-zones`` leaves them out (the
definition before issue 14's precision work: 13 of the 157 labels are such blocks). A heading matches a label when
their keys (NFKC, casefolded, letters and digits only, so whitespace, hyphenation, dots after
the number and case do not count) are equal or nearly so (difflib ratio >= 0.9); each label is
matched at most once. Reports precision and recall per document and overall (pooled), the
share of matched headings with the labelled level, and lists false and missed headings.
Writes ``bench/results/headings.json``.

    python bench/bench_headings.py [--quiet] [--no-zones]

Heading labels: every heading that a reader sees as the title of a section or subsection,
numbered or not (Abstract, References, Acknowledgments, Contents included), on its own line.
Not labelled: run-in paragraph heads that continue into body text on the same line
("Model. First, we construct ..."; "Worker Failure" style standalone bold lines are labelled),
theorem/definition heads, table headers, figure text, cover pages (front and back covers of the
Redpaper), running heads. Numbered run-in subsubsections of the ACM paper (6.1.1-6.1.6) are
labelled, since they are numbered sections. Levels: 1 for chapters/sections (and unnumbered
front and back matter), 2 for subsections, and so on by the numbering or the typography.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "data" / "heading_labels.jsonl"
OUT = ROOT / "bench" / "results" / "headings.json"
DIRS = (ROOT / "bench" / "data" / "realdocs" / "pdf", Path("/work/shared/data/pdfs"))
MATCH_RATIO = 0.9
_KEY_RE = re.compile(r"[^\w]|_")


def key(text: str) -> str:
    """Matching key: NFKC, casefolded, letters and digits only."""
    text = unicodedata.normalize("NFKC", text).replace("\ufffe", "")
    return _KEY_RE.sub("", text).casefold()


def find(doc_id: str) -> Path:
    """The PDF of a labelled document."""
    for folder in DIRS:
        if (folder / f"{doc_id}.pdf").exists():
            return folder / f"{doc_id}.pdf"
    raise FileNotFoundError(doc_id)


def predicted(path: Path, zones: bool = True) -> list[tuple[str, int]]:
    """(text, level) of every heading precis finds, in document order; with ``zones``, also
    the blocks that open a references, acknowledgements or contents zone (level 1)."""
    from precis.api import load
    from precis.roles import ACKNOWLEDGEMENTS, REFERENCES, TOC
    from precis.roles import _zone_opened as opens_zone  # the rule block_roles applies

    doc = load(path)
    by_paragraph: dict[int, tuple[str, int]] = {}
    level_of = {
        s.heading_paragraph: s.level for s in doc.sections if s.heading_paragraph is not None
    }
    for p in doc.paragraphs:
        text = doc.text[p.start : p.end]
        if p.kind == "heading" or p.index in level_of:
            by_paragraph[p.index] = (text, level_of.get(p.index, 0))
        elif zones and p.kind in (REFERENCES, ACKNOWLEDGEMENTS, TOC) and opens_zone(text) == p.kind:
            by_paragraph[p.index] = (text, 1)
    return [by_paragraph[i] for i in sorted(by_paragraph)]


def score(labels: list[dict[str, Any]], found: list[tuple[str, int]]) -> dict[str, Any]:
    """Match found headings to labels (exact key first, then nearest above MATCH_RATIO)."""
    keys = [key(label["text"]) for label in labels]
    used = [False] * len(labels)
    matched: list[tuple[str, int, int]] = []  # text, level, label index
    false: list[str] = []
    pending: list[tuple[str, int]] = []
    for text, level in found:
        k = key(text)
        i = next((j for j, lk in enumerate(keys) if not used[j] and lk == k), None)
        if i is None:
            pending.append((text, level))
            continue
        used[i] = True
        matched.append((text, level, i))
    for text, level in pending:
        k = key(text)
        ratios = [
            (difflib.SequenceMatcher(None, k, lk).ratio(), j)
            for j, lk in enumerate(keys)
            if not used[j]
        ]
        best = max(ratios, default=(0.0, -1))
        if best[0] >= MATCH_RATIO:
            used[best[1]] = True
            matched.append((text, level, best[1]))
        else:
            false.append(text)
    missed = [labels[j]["text"] for j in range(len(labels)) if not used[j]]
    level_ok = sum(1 for _, level, j in matched if level == labels[j]["level"])
    return {
        "labels": len(labels),
        "found": len(found),
        "true": len(matched),
        "precision": len(matched) / len(found) if found else 1.0,
        "recall": len(matched) / len(labels) if labels else 1.0,
        "level_accuracy": level_ok / len(matched) if matched else 1.0,
        "false": false,
        "missed": missed,
        "wrong_level": [
            f"{text} (got {level}, label {labels[j]['level']})"
            for text, level, j in matched
            if level != labels[j]["level"]
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="no lists of false/missed headings")
    parser.add_argument(
        "--no-zones",
        action="store_true",
        help="count only heading blocks, not the blocks that open a references zone",
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    labels: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            row = json.loads(line)
            labels[row["doc"]].append(row)
    results: dict[str, dict[str, Any]] = {}
    started = time.perf_counter()
    for doc_id, rows in labels.items():
        results[doc_id] = score(rows, predicted(find(doc_id), zones=not args.no_zones))
    seconds = time.perf_counter() - started
    found = sum(r["found"] for r in results.values())
    true = sum(r["true"] for r in results.values())
    total = sum(r["labels"] for r in results.values())
    levels = sum(r["level_accuracy"] * r["true"] for r in results.values())
    overall = {
        "labels": total,
        "found": found,
        "true": true,
        "precision": true / found if found else 1.0,
        "recall": true / total if total else 1.0,
        "level_accuracy": levels / true if true else 1.0,
        "seconds": round(seconds, 2),
        "zones": not args.no_zones,
    }
    print(f"{'document':58} {'labels':>6} {'found':>6} {'P%':>6} {'R%':>6} {'lvl%':>6}")
    for doc_id, r in {**results, "overall": overall}.items():
        print(
            f"{doc_id[:58]:58} {r['labels']:6d} {r['found']:6d} {100 * r['precision']:6.1f} "
            f"{100 * r['recall']:6.1f} {100 * r['level_accuracy']:6.1f}"
        )
    if not args.quiet:
        for doc_id, r in results.items():
            for name in ("false", "missed", "wrong_level"):
                for text in r[name]:
                    print(f"  {doc_id[:30]:30} {name:11} {text[:90]!r}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"overall": overall, "documents": results}, indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
