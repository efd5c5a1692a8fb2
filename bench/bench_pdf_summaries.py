"""Summary sentences of real PDFs that are not body text, counted against human labels (issue 14).

Every real PDF of the corpus (``bench/data/realdocs`` through ``bench/realdocs.py``, which
includes ``../shared/data/pdfs``) is summarized as a user would (``precis summarize FILE -n 5``,
default method). Each summary sentence is then judged twice:

* by a human label kept as data in ``bench/data/pdf_summary_labels.jsonl`` (one row per
  ``(doc, text)``): ``body`` or the kind of non-body text it is (front matter, e-mail, DOI,
  copyright, contents, caption, footnote, table, page furniture, form label, heading, fragment).
  Regexes alone missed page-1 footnotes, keyword lines, page footers and printout headers, so
  the acceptance figure rests on these labels, and the benchmark recomputes it on every change;
* by wide regex patterns, kept as a second net for sentences a label may have misjudged.

A sentence's ``flags`` are the pattern kinds plus its label when that is not ``body``. A sentence
with no label row is *unlabelled*: printed, counted and listed, never passed silently, because a
change to the filters or the layout code brings new sentences that a person must label (add rows
to the JSONL file). The issue's acceptance is 0 flagged and 0 unlabelled.

    python bench/bench_pdf_summaries.py        # writes bench/results/pdf_summaries.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from precis.api import load, summarize  # noqa: E402
from precis.options import SummarizeOptions  # noqa: E402

OUT = ROOT / "bench" / "results" / "pdf_summaries.json"
LABELS = ROOT / "bench" / "data" / "pdf_summary_labels.jsonl"
SENTENCES = 5
BODY = "body"
LABEL_KINDS = (
    BODY,
    "front_matter",  # title page lines, authors, affiliations, keywords, imprint, cover copy
    "email",
    "doi",
    "copyright",
    "toc",
    "caption",
    "footnote",
    "table",
    "furniture",  # running heads and footers, page numbers, printout headers
    "form",  # a form's field label, check-box options or fill-in line
    "heading",  # a section heading read as a sentence
    "fragment",  # a piece of a sentence cut wrongly
)
PATTERNS = {
    "email": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\{[\w, ]+\}@"),
    "doi": re.compile(r"\bdoi\b|doi\.org|\b10\.\d{4,9}/", re.IGNORECASE),
    # a copyright notice, not a sentence about copyright law (the DMCA summary is one)
    "copyright": re.compile(
        r"\u00a9|\(c\) ?\d{4}|\bcopyright (?:\u00a9 ?)?\d{4}|all rights reserved", re.I
    ),
    "toc": re.compile(r"(?:\. ?){4,}\s*\d+|\.{4,}"),
    "caption": re.compile(r"^(?:Figure|Fig\.|Table|Tab\.)\s*[A-Z]?\d+[.:]"),
    "footnote": re.compile(r"^(?:\d{1,2}|[*\u2217\u2020\u2021])(?=[A-Z][a-z])|^\d{1,2} https?://"),
    "front_matter": re.compile(
        r"\b(?:Proceedings of|Association for Computational Linguistics|Conference on|Vol\.|"
        r"pp\.|ISSN|arXiv:\d)|^(?:[A-Z][\w.-]+ ){1,3}[A-Z][\w-]+(?:, (?:[A-Z][\w.-]+ ){1,3}"
        r"[A-Z][\w-]+){2,}|\b(?:University|Institute|Department|Laboratory)\b[^.]{0,80}$"
    ),
}
_NUMBER_RE = re.compile(r"^[-+\u2212(]?[\d.,]+%?\)?$")
TABLE_SHARE = 0.4  # a sentence with more numeric tokens than this is table text


def problems(sentence: str) -> list[str]:
    """The kinds of non-body text a summary sentence looks like to the patterns."""
    found = [kind for kind, pattern in PATTERNS.items() if pattern.search(sentence)]
    tokens = sentence.split()
    if len(tokens) >= 4 and sum(bool(_NUMBER_RE.match(t)) for t in tokens) > TABLE_SHARE * len(
        tokens
    ):
        found.append("table")
    return found


def load_labels(path: Path = LABELS) -> dict[tuple[str, str], str]:
    """The human label of every labelled ``(doc, text)``; a bad or repeated row fails early."""
    labels: dict[tuple[str, str], str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        key, label = (row["doc"], row["text"]), row["label"]
        if label not in LABEL_KINDS:
            raise ValueError(f"{path}:{number}: label {label!r} is not one of {LABEL_KINDS}")
        if key in labels:
            raise ValueError(f"{path}:{number}: {key!r} is labelled twice")
        labels[key] = label
    return labels


def judge(rows: list[dict], labels: dict[tuple[str, str], str]) -> dict:
    """Label and pattern flags of every summary row, with the counts the issue reports.

    ``rows`` carry ``doc``, ``text`` and ``kind``; each gets ``label`` (``None`` when
    unlabelled) and ``flags`` (pattern kinds, then the label when it is not ``body``).
    """
    judged, flagged, unlabelled = [], [], []
    by_pattern = 0
    for row in rows:
        label = labels.get((row["doc"], row["text"]))
        patterns = problems(row["text"])
        flags = [*patterns, *([label] if label not in (None, BODY, *patterns) else [])]
        judged.append({**row, "label": label, "flags": flags})
        by_pattern += bool(patterns)
        if label is None:
            unlabelled.append({"doc": row["doc"], "text": row["text"]})
        if flags:
            reason = [f"label:{label}"] if label not in (None, BODY) else []
            reason += [f"pattern:{p}" for p in patterns]
            flagged.append({"doc": row["doc"], "text": row["text"], "reason": reason})
    return {
        "sentences": len(judged),
        "documents": len({r["doc"] for r in judged}),
        "flagged": len(flagged),
        "flagged_by_label": sum(r["label"] not in (None, BODY) for r in judged),
        "flagged_by_pattern": by_pattern,
        "unlabelled": len(unlabelled),
        "labels": dict(Counter(r["label"] or "unlabelled" for r in judged).most_common()),
        "flagged_sentences": flagged,
        "unlabelled_sentences": unlabelled,
        "rows": judged,
    }


def summary_rows() -> list[dict]:
    """One row per summary sentence of every corpus PDF, as ``precis summarize -n 5`` picks them."""
    from realdocs import documents

    rows = []
    for doc in documents("pdf"):
        document = load(str(doc.path))
        summary = summarize(document, SummarizeOptions(sentences=SENTENCES))
        for s in summary.sentences:
            paragraph = document.sentences[s.index].paragraph
            kind = document.paragraphs[paragraph].kind
            rows.append({"doc": doc.id, "text": s.text, "kind": kind})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--labels", type=Path, default=LABELS)
    args = parser.parse_args(argv)

    report = judge(summary_rows(), load_labels(args.labels))
    print(
        f"{report['sentences']} summary sentences of {report['documents']} PDFs; "
        f"{report['flagged']} flagged ({report['flagged_by_label']} by label, "
        f"{report['flagged_by_pattern']} by pattern); {report['unlabelled']} unlabelled"
    )
    print("  labels: " + ", ".join(f"{k} {v}" for k, v in report["labels"].items()))
    for r in report["flagged_sentences"]:
        print(f"  [{','.join(r['reason'])}] {r['doc']}: {r['text'][:160]!r}")
    for r in report["unlabelled_sentences"]:
        print(f"  [unlabelled] {r['doc']}: {r['text'][:160]!r}")
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
