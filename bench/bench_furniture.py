"""Running heads, footers and page numbers that leak into precis's clean PDF text (issue 13).

Two corpora, counted by script rather than by eye:

(a) ``pdf_gold`` (60 TeX-typeset PDFs): every ``running_head``, ``page_number`` and
    ``journal_line`` block of ``<id>.roles.json``. A block *leaks* when its words (alphanumeric
    runs) occur in the clean text more often than in the raw text layer minus the furniture
    itself, so a number or phrase the body also has is never blamed. Body words lost (gold body
    words missing from the clean text, as a multiset) show removal of real text.
(b) Real PDFs nobody here wrote: the ``bench/data/realdocs`` corpus through its loader
    ``bench/realdocs.py`` (it includes ``/work/shared/data/pdfs``; that folder alone without it): the top and bottom lines of each page that carry a
    number or recur, labelled by reading in ``bench/data/furniture_labels.jsonl``. Counts:
    labelled furniture that leaks, labelled non-furniture that is removed.

    python bench/bench_furniture.py                 # both corpora, writes bench/results/furniture.json
    python bench/bench_furniture.py --list-candidates > cands.jsonl   # lines to label (b)
    python bench/bench_furniture.py --save-clean DIR / --from-clean DIR --label before
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from precis.api import load  # noqa: E402
from precis.ingest.pdf import extract_pdf  # noqa: E402

GOLD = Path("/work/shared/data/pdf_gold")
REAL = Path("/work/shared/data/pdfs")
LABELS = ROOT / "bench" / "data" / "furniture_labels.jsonl"
RESULTS = ROOT / "bench" / "results" / "furniture.json"
FURNITURE_ROLES = ("running_head", "page_number", "journal_line")
EDGE = 2  # top and bottom non-empty lines per page that are candidates
_TOKEN_RE = re.compile(r"[^\W_]+")
_DIGITS_RE = re.compile(r"\d+")


def tokens(text: str) -> list[str]:
    """Alphanumeric runs, casefolded: a head glued into a word ("se-Triangular") still shows.

    Accents are dropped and a copyright sign read as "c", so the clean text's repairs of the same
    characters (``Schutze \u00a8`` -> ``Sch\u00fctze``, ``c 2014`` -> ``\u00a9 2014``, issue 13) do
    not count as a line removed or a head left in.
    """
    text = unicodedata.normalize("NFKD", text.replace("\u00a9", " c ").replace("\ufffe", " "))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return [t.casefold() for t in _TOKEN_RE.findall(unicodedata.normalize("NFKC", text))]


def count_seq(seq: tuple[str, ...], toks: list[str], index: dict[str, list[int]]) -> int:
    """Occurrences of the token sequence ``seq`` in ``toks`` (``index``: positions per token)."""
    n = len(seq)
    return sum(1 for i in index.get(seq[0], ()) if tuple(toks[i : i + n]) == seq)


def _index(toks: list[str]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(toks):
        index[t].append(i)
    return index


def leaks_and_removals(
    raw: str, clean: str, furniture: list[str], other: list[str]
) -> tuple[dict[str, int], dict[str, int]]:
    """Per furniture text the occurrences left in ``clean``; per other text those removed.

    Expected clean count of a string = raw count minus its occurrences inside furniture lines;
    more is a leak (capped at the furniture lines that are exactly it), less is a removal.
    """
    raw_t, clean_t = tokens(raw), tokens(clean)
    raw_i, clean_i = _index(raw_t), _index(clean_t)
    furn_seqs = [tuple(tokens(s)) for s in furniture]
    furn_t = [_index(list(s)) for s in furn_seqs]

    def in_furniture(seq: tuple[str, ...]) -> int:
        return sum(count_seq(seq, list(f), fi) for f, fi in zip(furn_seqs, furn_t, strict=True))

    leaks: dict[str, int] = {}
    for text, seq in zip(furniture, furn_seqs, strict=True):
        if not seq or text in leaks:
            continue
        expected = count_seq(seq, raw_t, raw_i) - in_furniture(seq)
        extra = count_seq(seq, clean_t, clean_i) - max(expected, 0)
        leaks[text] = min(max(extra, 0), furn_seqs.count(seq))
    removed: dict[str, int] = {}
    for text in dict.fromkeys(other):
        seq = tuple(tokens(text))
        if seq:
            expected = count_seq(seq, raw_t, raw_i) - in_furniture(seq)
            removed[text] = max(expected - count_seq(seq, clean_t, clean_i), 0)
    return leaks, removed


def _score_module():  # type: ignore[no-untyped-def]
    """The benchmark's own scorer (stdlib only), for its word normalisation."""
    spec = importlib.util.spec_from_file_location("pdf_gold_score", GOLD / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def clean_text_of(doc: str, path: Path, clean_dir: Path | None) -> str:
    """precis's clean text of a PDF, or a saved one (``--from-clean``)."""
    if clean_dir is not None:
        return (clean_dir / f"{doc}.txt").read_text(encoding="utf-8")
    return load(str(path)).text


def gold_corpus(clean_dir: Path | None, save_dir: Path | None) -> dict[str, dict]:
    """Per layout: furniture blocks, leaks per role, body words lost; and per document."""
    score = _score_module()
    layouts: dict[str, dict] = {}
    docs: dict[str, dict] = {}
    for path in sorted(GOLD.glob("*.pdf")):
        doc = path.stem
        layout = doc.split("-")[0]
        roles = json.loads((GOLD / f"{doc}.roles.json").read_text(encoding="utf-8"))
        raw = extract_pdf(path.read_bytes()).text
        clean = clean_text_of(doc, path, clean_dir)
        if save_dir is not None:
            (save_dir / f"{doc}.txt").write_text(clean, encoding="utf-8")
        furniture = [b["text"] for b in roles if b["role"] in FURNITURE_ROLES]
        leaks, _ = leaks_and_removals(raw, clean, furniture, [])
        gold_words = Counter(score.tokens((GOLD / f"{doc}.body.txt").read_text(encoding="utf-8")))
        lost = sum((gold_words - Counter(score.tokens(clean))).values())
        row = layouts.setdefault(layout, {"docs": 0, "blocks": 0, "leaks": 0, "lost_words": 0})
        row["docs"] += 1
        row["blocks"] += len(furniture)
        row["lost_words"] += lost
        leaked = {}
        for b in roles:
            if b["role"] in FURNITURE_ROLES and leaks.get(b["text"], 0) > 0:
                leaks[b["text"]] -= 1
                leaked.setdefault(b["role"], []).append(b["text"])
                row[b["role"]] = row.get(b["role"], 0) + 1
                row["leaks"] += 1
        docs[doc] = {"lost_words": lost, "leaked": leaked}
    return {"layouts": layouts, "docs": docs}


def real_pdfs() -> Iterator[tuple[str, Path]]:
    """The real PDFs: the realdocs corpus (which includes the shared folder), else the shared one."""
    loader = ROOT / "bench" / "realdocs.py"
    if not loader.exists():
        for path in sorted(REAL.glob("*.pdf")):
            yield path.stem, path
        return
    spec = importlib.util.spec_from_file_location("realdocs", loader)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["realdocs"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    for doc in module.documents("pdf"):
        yield doc.id, doc.path


def _masked(line: str) -> str:
    return " ".join(_DIGITS_RE.sub("#", line).lower().split())


def _end_numbers(line: str) -> set[int]:
    """Numbers that are the first or last token of a line ("1 / 21" counts as "1")."""
    line = re.sub(r"\s*(?:/|of)\s*\d+\s*$", "", line)
    toks = [t.strip("-–—|()[],.:") for t in line.split()]
    toks = [t for t in toks if t]
    return {int(t) for t in (toks[:1] + toks[-1:]) if t.isdigit()}


def candidate_lines(text: str) -> Iterator[tuple[int, str]]:
    """Top and bottom lines of each page that recur (digits masked) or carry the page's number.

    The page offset is the printed-minus-index difference most edge lines agree on; first-page
    edge lines with any number are listed too (journal and proceedings lines).
    """
    pages = [
        [ln.strip() for ln in re.split(r"\r\n|[\r\n]", p) if ln.strip()] for p in text.split("\f")
    ]
    edges = [list(dict.fromkeys(p[:EDGE] + p[-EDGE:])) for p in pages]
    masked = Counter(m for e in edges for m in {_masked(ln) for ln in e})
    votes = Counter(
        o for k, e in enumerate(edges) for o in {n - k for ln in e for n in _end_numbers(ln)}
    )
    offset = votes.most_common(1)[0][0] if votes and votes.most_common(1)[0][1] >= 2 else None
    for page, edge in enumerate(edges):
        for line in edge:
            recurs = masked[_masked(line)] >= 2 and len(pages) > 1
            fits = offset is not None and page + offset in _end_numbers(line)
            if recurs or fits or (page == 0 and _DIGITS_RE.search(line)):
                yield page, line.replace("\ufffe", "-")


def real_corpus(clean_dir: Path | None, save_dir: Path | None) -> dict[str, dict]:
    """Labelled furniture that leaks and labelled body lines that are removed, per document."""
    labels: dict[str, list[dict]] = defaultdict(list)
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            labels[row["doc"]].append(row)
    out: dict[str, dict] = {}
    for doc, path in real_pdfs():
        raw = extract_pdf(path.read_bytes()).text
        clean = clean_text_of(doc, path, clean_dir)
        if save_dir is not None:
            (save_dir / f"{doc}.txt").write_text(clean, encoding="utf-8")
        furniture = [r["text"] for r in labels[doc] if r["furniture"]]
        other = [r["text"] for r in labels[doc] if not r["furniture"]]
        leaks, removed = leaks_and_removals(raw, clean, furniture, other)
        out[doc] = {
            "furniture": len(furniture),
            "body": len(other),
            "leaks": sum(leaks.values()),
            "removed": sum(removed.values()),
            "leaked": [t for t, n in leaks.items() if n],
            "removed_lines": [t for t, n in removed.items() if n],
        }
    return out


def list_candidates() -> None:
    """Print candidate lines of the real PDFs as label rows (furniture: null) to label by hand."""
    for doc, path in real_pdfs():
        for page, line in candidate_lines(extract_pdf(path.read_bytes()).text):
            row = {"doc": doc, "page": page, "text": line, "furniture": None}
            print(json.dumps(row, ensure_ascii=False))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--list-candidates", action="store_true")
    parser.add_argument("--from-clean", type=Path, help="read clean texts from DIR")
    parser.add_argument("--save-clean", type=Path, help="write clean texts to DIR")
    parser.add_argument("--label", default="after", help="key of this run in the JSON")
    args = parser.parse_args(argv)
    if args.list_candidates:
        list_candidates()
        return
    if args.save_clean:
        args.save_clean.mkdir(parents=True, exist_ok=True)
    gold = gold_corpus(args.from_clean, args.save_clean)
    real = real_corpus(args.from_clean, args.save_clean)
    print(
        f"{'layout':<10} {'docs':>4} {'blocks':>6} {'leaks':>5} {'head':>5} {'pnum':>5} "
        f"{'jline':>5} {'lost body words':>15}"
    )
    for layout, r in sorted(gold["layouts"].items()):
        print(
            f"{layout:<10} {r['docs']:>4} {r['blocks']:>6} {r['leaks']:>5} "
            f"{r.get('running_head', 0):>5} {r.get('page_number', 0):>5} "
            f"{r.get('journal_line', 0):>5} {r['lost_words']:>15}"
        )
    print(f"\n{'real document':<58} {'furn':>4} {'leak':>4} {'body':>4} {'removed':>7}")
    for doc, r in real.items():
        print(
            f"{doc[:58]:<58} {r['furniture']:>4} {r['leaks']:>4} {r['body']:>4} {r['removed']:>7}"
        )
    totals = {
        "gold_leaks": sum(r["leaks"] for r in gold["layouts"].values()),
        "gold_blocks": sum(r["blocks"] for r in gold["layouts"].values()),
        "gold_lost_body_words": sum(r["lost_words"] for r in gold["layouts"].values()),
        "real_furniture_labels": sum(r["furniture"] for r in real.values()),
        "real_leaks": sum(r["leaks"] for r in real.values()),
        "real_body_labels": sum(r["body"] for r in real.values()),
        "real_body_removed": sum(r["removed"] for r in real.values()),
    }
    print("\n" + "  ".join(f"{k}={v}" for k, v in totals.items()))
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results[args.label] = {"totals": totals, "gold": gold, "real": real}
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
