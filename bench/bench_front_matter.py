"""Title and authors in the metadata of PDFs that print a title block (issue 14).

pdf_gold (``../shared/data/pdf_gold``, see its MANIFEST.md): every document's ``roles.json``
names its title and author blocks; a document's title is right when the metadata's title has the
gold title's words (case and punctuation aside), its authors when every gold author name is among
the metadata's authors. The real PDFs (``bench/data/realdocs/pdf`` and ``../shared/data/pdfs``)
are scored the same way against ``bench/data/front_matter_labels.jsonl``: title and authors read off
each first page by eye; a row whose title is null has no title block (slides, forms, excerpts)
and is left out, its note says why.

    python bench/bench_front_matter.py            # writes bench/results/front_matter.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from precis.api import load  # noqa: E402

GOLD = ROOT.parent / "shared" / "data" / "pdf_gold"
LABELS = ROOT / "bench" / "data" / "front_matter_labels.jsonl"
REAL_DIRS = (ROOT / "bench" / "data" / "realdocs" / "pdf", ROOT.parent / "shared" / "data" / "pdfs")
OUT = ROOT / "bench" / "results" / "front_matter.json"
_WORD_RE = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Casefolded words without accents: "Jörg" and "Jorg" are one name."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return [w.casefold() for w in _WORD_RE.findall(text)]


def gold_front(doc_id: str) -> tuple[str | None, list[str]]:
    roles = json.loads((GOLD / f"{doc_id}.roles.json").read_text(encoding="utf-8"))
    title = next((r["text"] for r in roles if r["role"] == "title"), None)
    # "By James E. Gunn" is the name James E. Gunn; an illustrator ("Illustrated by Wood") is no
    # author of the text
    authors = [
        re.sub(r"^By\s+", "", r["text"])
        for r in roles
        if r["role"] == "author" and not r["text"].lower().startswith("illustrated by")
    ]
    return title, authors


def score_one(doc_id: str, pdf: Path, title: str | None, authors: list[str]) -> dict:
    """One document's metadata against its title and author names."""
    meta = load(str(pdf)).metadata
    got_title = meta.title or ""
    got_names = {" ".join(words(a)) for a in meta.authors}
    return {
        "id": doc_id,
        "title": title,
        "got_title": got_title,
        "title_ok": title is not None and words(got_title) == words(title),
        "authors": authors,
        "got_authors": list(meta.authors),
        "authors_ok": all(" ".join(words(a)) in got_names for a in authors),
    }


def score_gold() -> dict:
    rows = []
    for pdf in sorted(GOLD.glob("*.pdf")):
        title, authors = gold_front(pdf.stem)
        rows.append(score_one(pdf.stem, pdf, title, authors))
    with_title = [r for r in rows if r["title"]]
    with_authors = [r for r in rows if r["authors"]]
    return {
        "documents": len(rows),
        "with_title": len(with_title),
        "title_right": sum(r["title_ok"] for r in with_title),
        "with_authors": len(with_authors),
        "authors_right": sum(r["authors_ok"] for r in with_authors),
        "rows": rows,
    }


def score_real() -> dict:
    """The labelled real PDFs: title right, all authors right (none printed: none given)."""
    files = {p.stem: p for d in REAL_DIRS for p in d.glob("*.pdf")}
    rows, skipped = [], []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        if label["title"] is None:
            skipped.append({"id": label["doc"], "note": label["note"]})
            continue
        row = score_one(label["doc"], files[label["doc"]], label["title"], label["authors"])
        if not label["authors"]:  # junk from the info dictionary ("Txus") is wrong here
            row["authors_ok"] = not row["got_authors"]
        row["both_ok"] = row["title_ok"] and row["authors_ok"]
        rows.append(row)
    return {
        "documents": len(rows),
        "title_right": sum(r["title_ok"] for r in rows),
        "authors_right": sum(r["authors_ok"] for r in rows),
        "both_right": sum(r["both_ok"] for r in rows),
        "skipped": skipped,
        "rows": rows,
    }


def _print_misses(rows: list[dict]) -> None:
    for r in rows:
        if r["title_ok"] and r["authors_ok"]:
            continue
        got = r["got_title"] if not r["title_ok"] else "title ok"
        missing = [
            a
            for a in r["authors"]
            if " ".join(words(a)) not in {" ".join(words(g)) for g in r["got_authors"]}
        ]
        extra = f" unwanted {r['got_authors']}" if not r["authors"] and r["got_authors"] else ""
        print(f"  {r['id'][:40]:40} {got!r:.70} missing {missing}{extra}")
        if not r["title_ok"]:
            print(f"  {'':40} label {r['title']!r:.70}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    gold = score_gold()
    print(
        f"pdf_gold: title right {gold['title_right']}/{gold['with_title']}, "
        f"all authors right {gold['authors_right']}/{gold['with_authors']}"
    )
    _print_misses(gold["rows"])
    real = score_real()
    n = real["documents"]
    print(
        f"real PDFs with a title block: {n} ({len(real['skipped'])} without, left out); "
        f"title right {real['title_right']}/{n}, all authors right {real['authors_right']}/{n}, "
        f"both {real['both_right']}/{n} ({100 * real['both_right'] / n:.1f}%)"
    )
    _print_misses(real["rows"])
    args.out.write_text(
        json.dumps({"pdf_gold": gold, "real": real}, indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
