"""Title and authors in the metadata of PDFs that print a title block (issue 14).

pdf_gold (``../shared/data/pdf_gold``, see its MANIFEST.md): every document's ``roles.json``
names its title and author blocks; a document's title is right when the metadata's title has the
gold title's words (case and punctuation aside), its authors when every gold author name is among
the metadata's authors. The real PDFs of ``bench/data/realdocs`` have no gold: their titles and
authors are printed for reading.

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


def score_gold() -> dict:
    rows = []
    for pdf in sorted(GOLD.glob("*.pdf")):
        title, authors = gold_front(pdf.stem)
        doc = load(str(pdf))
        got_title = doc.metadata.title or ""
        got_names = {" ".join(words(a)) for a in doc.metadata.authors}
        title_ok = title is not None and words(got_title) == words(title)
        authors_ok = bool(authors) and all(" ".join(words(a)) in got_names for a in authors)
        rows.append(
            {
                "id": pdf.stem,
                "title": title,
                "got_title": got_title,
                "title_ok": title_ok,
                "authors": authors,
                "got_authors": list(doc.metadata.authors),
                "authors_ok": authors_ok,
            }
        )
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    gold = score_gold()
    print(
        f"pdf_gold: title right {gold['title_right']}/{gold['with_title']}, "
        f"all authors right {gold['authors_right']}/{gold['with_authors']}"
    )
    for r in gold["rows"]:
        if (r["title"] and not r["title_ok"]) or (r["authors"] and not r["authors_ok"]):
            print(
                f"  {r['id']}: {r['got_title']!r} {r['got_authors']} | gold {r['title']!r} {r['authors']}"
            )
    real = []
    for pdf in sorted((ROOT / "bench" / "data" / "realdocs" / "pdf").glob("*.pdf")):
        meta = load(str(pdf)).metadata
        real.append({"file": pdf.name, "title": meta.title, "authors": list(meta.authors)})
        print(f"  {pdf.name[:34]:34} {str(meta.title)[:60]:60} {list(meta.authors)[:3]}")
    args.out.write_text(
        json.dumps({"pdf_gold": gold, "realdocs": real}, indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
