"""Summary sentences of real PDFs that are not body text, counted by a script (issue 14).

Every real PDF of the corpus (``bench/data/realdocs`` through ``bench/realdocs.py``, which
includes ``../shared/data/pdfs``) is summarized as a user would (``precis summarize FILE -n 5``,
default method), and every summary sentence is checked against patterns of what a summary must
not quote: front matter (affiliations, author lists, proceedings lines), e-mail addresses, DOIs,
copyright lines, contents entries (dot leaders), captions, footnotes and table text. The
patterns are deliberately wide; a flagged sentence is printed so it can be read, and the count
is the issue's acceptance figure (0).

    python bench/bench_pdf_summaries.py        # writes bench/results/pdf_summaries.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from precis.api import load, summarize  # noqa: E402
from precis.options import SummarizeOptions  # noqa: E402

OUT = ROOT / "bench" / "results" / "pdf_summaries.json"
SENTENCES = 5
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
    """The kinds of non-body text a summary sentence looks like."""
    found = [kind for kind, pattern in PATTERNS.items() if pattern.search(sentence)]
    tokens = sentence.split()
    if len(tokens) >= 4 and sum(bool(_NUMBER_RE.match(t)) for t in tokens) > TABLE_SHARE * len(
        tokens
    ):
        found.append("table")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    from realdocs import documents

    rows = []
    for doc in documents("pdf"):
        document = load(str(doc.path))
        summary = summarize(document, SummarizeOptions(sentences=SENTENCES))
        for s in summary.sentences:
            kinds = problems(s.text)
            paragraph = document.sentences[s.index].paragraph
            rows.append(
                {
                    "doc": doc.id,
                    "text": s.text,
                    "kind": document.paragraphs[paragraph].kind,
                    "flags": kinds,
                }
            )
    flagged = [r for r in rows if r["flags"]]
    print(
        f"{len(rows)} summary sentences of {len({r['doc'] for r in rows})} PDFs; {len(flagged)} flagged"
    )
    for r in flagged:
        print(f"  [{','.join(r['flags'])}] {r['doc']}: {r['text'][:160]!r}")
    args.out.write_text(
        json.dumps(
            {"sentences": len(rows), "flagged": len(flagged), "rows": rows},
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
