r"""Line roles scored on pdf_gold (issue 14, "every block gets a role, floats leave the flow").

``precis.ingest.pdf_roles.line_roles`` gives every PDF text line a role (footnote, caption,
table, title, author, affiliation, email, keywords, pull_quote, algorithm, equation, body). pdf_gold (see its MANIFEST.md) names
every text block's role in ``<id>.roles.json``; a line's gold role is the role of the block whose
text contains the line's text (normalised: NFKC, ASCII quotes and dashes, no whitespace), trying
blocks of the line's own page first (``page`` there is 1-based), then the two pages before it,
then the whole document. A line that several blocks of different roles contain, or none (an
equation, a mark), stays unlabeled and is not scored. Gold roles are mapped onto ours: title,
abstract, heading, paragraph, list_item and block_quote are the reading flow (``body``, except
``title``); running heads, references and the like are ``other``; ``pull_quote`` (magazine)
and ``algorithm`` (preprint pseudo-code) are scored as themselves. A pull quote repeats a body
sentence, so a body line whose text the pull quote also holds stays unlabeled (both roles hold it).

Equations: pdf_gold's ``equation`` blocks hold the LaTeX source, not the glyphs, so no line's
text is contained in them. A line on the page of an equation block is gold ``equation`` when
every character of it is one the page's equations typeset: the alphabet of the source with
each command replaced by the glyphs it draws as this text layer names them (``\sum`` is "∑"
or CMEX's "X", ``\prod`` "∏" or "Y", ``\theta`` "θ", ``\mid`` "|", other commands nothing),
plus the equation numbers. A prose line cannot pass (its letters are not in that alphabet),
nor can the page's own number or running head (matched as blocks). That overrides a label
from containment ("P + R", "(3)" and "i=1" are also in some reference or body block), except
where a reading-flow block of the page holds the line's text too ("22", debris that ends a
body paragraph): both could be meant, and the line stays unlabeled.

Reports per role (and per layout): gold lines, predicted lines, precision, recall, and how many
lines of the reading flow each role took out of it (``lost``: the data loss precision guards
against); then ms per page of ``line_roles`` alone. ``--realdocs`` prints, per role, a sample of
lines the classifier assigns on ``bench/data/realdocs/pdf`` for reading. Writes
``bench/results/line_roles.json``.

    python bench/bench_line_roles.py [--gold /work/shared/data/pdf_gold] [--realdocs]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from precis.ingest.base import Extraction
from precis.ingest.pdf import extract_pdf
from precis.ingest.pdf_roles import ROLES, line_roles

ROOT = Path(__file__).resolve().parents[1]
GOLD = Path("/work/shared/data/pdf_gold")
REALDOCS = ROOT / "bench" / "data" / "realdocs" / "pdf"
OUT = ROOT / "bench" / "results" / "line_roles.json"
READING = {"abstract", "heading", "paragraph", "list_item", "block_quote"}
SCORED = [role for role in ROLES if role != "body"]
_ASCII = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00ad": ""})  # fmt: skip
_SPACE_RE = re.compile(r"\s+")
_MIN_KEY = 3  # a shorter line ("1", "757", "a") is contained in too many blocks to label


def normalise(text: str) -> str:
    """Text as a matching key: NFKC (splits ligatures), ASCII quotes and dashes, no spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_ASCII).replace("\ufffe", "")
    return _SPACE_RE.sub("", text).casefold()


def our_role(gold: str) -> str:
    """A gold block role mapped onto the classifier's roles."""
    if gold in READING:
        return "body"
    return gold if gold in ROLES else "other"


def gold_labels(extraction: Extraction, blocks: list[dict[str, Any]]) -> list[str | None]:
    """Each line's gold role (ours), or None where no block, or blocks that disagree, hold it."""
    lines = extraction.lines
    assert lines is not None
    keyed = [(b["page"] - 1, our_role(b["role"]), normalise(b["text"])) for b in blocks]
    by_page: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for page, role, key in keyed:
        by_page[page].append((role, key))
    everywhere = [(role, key) for _, role, key in keyed]
    labels: list[str | None] = []
    for page, start, end in zip(lines.page, lines.start, lines.end, strict=True):
        labels.append(_label(extraction.text[start:end], page, by_page, everywhere))
    _label_equations(extraction, blocks, labels)
    return labels


def _label_equations(
    extraction: Extraction, blocks: list[dict[str, Any]], labels: list[str | None]
) -> None:
    """Lines on an equation's page made only of the glyphs its source typesets (see above)."""
    lines = extraction.lines
    assert lines is not None
    alphabets: dict[int, set[str]] = defaultdict(set)
    for block in blocks:
        if block["role"] == "equation":
            source = block["text"].replace("'", "\u2032") + " " + block.get("label", "")
            alphabets[block["page"] - 1] |= set(normalise(_COMMAND_RE.sub(_glyphs, source)))
    furniture = {(b["page"] - 1, normalise(b["text"])) for b in blocks if b["role"] in _FURNITURE}
    flow: dict[int, list[str]] = defaultdict(list)
    for b in blocks:
        if b["role"] in READING:
            flow[b["page"] - 1].append(normalise(b["text"]))
    for i, (page, start, end) in enumerate(
        zip(lines.page.tolist(), lines.start.tolist(), lines.end.tolist(), strict=True)
    ):
        key = normalise(extraction.text[start:end])
        if page not in alphabets or not key or not set(key) <= alphabets[page]:
            continue
        if (page, key) in furniture:
            continue
        labels[i] = None if any(key in text for text in flow[page]) else "equation"


def _glyphs(match: re.Match[str]) -> str:
    """What a TeX math command draws, as pdfium's text layer names it ("" when nothing)."""
    name = match.group(1)
    if name in _TEX_GLYPHS:
        return _TEX_GLYPHS[name]
    try:
        return unicodedata.lookup(f"GREEK SMALL LETTER {name.upper()}")
    except KeyError:
        return ""


_COMMAND_RE = re.compile(r"\\([A-Za-z]+|.)")
_TEX_GLYPHS = {
    "sum": "\u2211X", "prod": "\u220fY", "int": "\u222bZ", "mid": "|", "ldots": ".",
    "cdots": "\u00b7", "cdot": "\u00b7", "lVert": "\u2225", "rVert": "\u2225", "in": "\u2208",
    "top": "\u22a4", "hat": "\u02c6^", "log": "log", "exp": "exp", "arg": "arg", "max": "max",
    "min": "min", "lambda": "\u03bb", "phi": "\u03d5\u03c6", "leq": "\u2264", "geq": "\u2265",
    "times": "\u00d7", "pm": "\u00b1", "infty": "\u221e",
}  # fmt: skip
_FURNITURE = {"page_number", "running_head", "journal_line"}


def _label(
    text: str,
    page: int,
    by_page: dict[int, list[tuple[str, str]]],
    everywhere: list[tuple[str, str]],
) -> str | None:
    """The one role of the blocks nearest the line's page that contain the line's text."""
    key = normalise(text)
    pools = (
        by_page.get(page, []),
        by_page.get(page - 1, []) + by_page.get(page - 2, []),
        everywhere,
    )
    for pool in pools:
        for variant in _variants(key):
            roles = {role for role, block in pool if variant in block}
            if len(roles) == 1:
                return roles.pop()
            if roles:
                return None
    for pool in pools:  # authors on one line ("A and B", "A, B"), gold blocks one each
        pieces = [normalise(p) for p in _PIECES_RE.split(text)]
        pieces = [p for p in pieces if len(p) >= _MIN_KEY]
        if len(pieces) > 1:
            roles = {role for piece in pieces for role, block in pool if piece in block}
            found = all(any(piece in block for _, block in pool) for piece in pieces)
            if found and len(roles) == 1:
                return roles.pop()
    return None


def _variants(key: str) -> list[str]:
    """The key, and the key without the marks a line adds to its block's text."""
    variants = [key] if len(key) >= _MIN_KEY else []
    for pattern in _MARKS:
        variant = pattern.sub("", variants[-1] if pattern is _GLUED and variants else key)
        if len(variant) >= _MIN_KEY and variant not in variants:
            variants.append(variant)
    return variants


_GLUED = re.compile(r"(?<=[a-z.,;:)'\"])\d{1,2}(?=\D|$)")  # footnote marks glued to body words
_MARKS = (
    re.compile(
        r"^(?:\d{1,2}\.?|[a-z]\.|[*\u2020\u2021\u00a7\u00b6\u2022,;])(?=\D)"
    ),  # mark, bullet
    re.compile(r"(?:,|\d{1,2}|[*\u2020\u2021])+$"),  # trailing affiliation marks
    re.compile(r"-$"),  # a hyphen the text layer kept
    _GLUED,
)
_PIECES_RE = re.compile(r",|\band\b|\d")


def score(pairs: list[tuple[str | None, str]]) -> dict[str, dict[str, float]]:
    """Per role: gold lines, predicted lines, precision, recall, reading-flow lines lost."""
    table: dict[str, dict[str, float]] = {}
    for role in SCORED:
        gold = sum(1 for g, _ in pairs if g == role)
        predicted = sum(1 for g, p in pairs if p == role and g is not None)
        hit = sum(1 for g, p in pairs if p == role and g == role)
        lost = sum(1 for g, p in pairs if p == role and g in ("body", "title") and g != role)
        table[role] = {
            "gold": gold,
            "predicted": predicted,
            "precision": round(100 * hit / predicted, 1) if predicted else float("nan"),
            "recall": round(100 * hit / gold, 1) if gold else float("nan"),
            "lost": lost,
        }
    return table


def print_table(title: str, table: dict[str, dict[str, float]]) -> None:
    """One table of per-role figures."""
    print(f"\n{title}")
    print(f"{'role':12} {'gold':>6} {'pred':>6} {'prec%':>7} {'recall%':>8} {'lost':>5}")
    for role, row in table.items():
        print(
            f"{role:12} {row['gold']:>6} {row['predicted']:>6} {row['precision']:>7} "
            f"{row['recall']:>8} {row['lost']:>5}"
        )


def run_gold(folder: Path, show_errors: int) -> dict[str, Any]:
    """Score every pdf_gold document; time line_roles alone."""
    index = [json.loads(row) for row in (folder / "index.jsonl").read_text().splitlines() if row]
    pairs: dict[str, list[tuple[str | None, str]]] = defaultdict(list)
    seconds, pages, errors = 0.0, 0, []
    for row in index:
        extraction = extract_pdf((folder / f"{row['id']}.pdf").read_bytes())
        blocks = json.loads((folder / f"{row['id']}.roles.json").read_text(encoding="utf-8"))
        labels = gold_labels(extraction, blocks)
        assert extraction.lines is not None
        t0 = time.perf_counter()
        predicted = line_roles(extraction.lines, extraction.text)
        seconds += time.perf_counter() - t0
        pages += len(extraction.page_starts)
        lines = extraction.lines
        for i, (gold, ours) in enumerate(zip(labels, predicted, strict=True)):
            pairs[row["layout"]].append((gold, str(ours)))
            if gold is not None and gold != ours and (ours != "body" or gold in SCORED):
                text = extraction.text[lines.start[i] : lines.end[i]]
                errors.append(f"{row['id']} p{lines.page[i] + 1} gold={gold} ours={ours} {text!r}")
    everything = [pair for layout in pairs.values() for pair in layout]
    labelled = sum(1 for g, _ in everything if g is not None)
    result = {
        "documents": len(index),
        "pages": pages,
        "lines": len(everything),
        "labelled_lines": labelled,
        "ms_per_page": round(1000 * seconds / max(pages, 1), 3),
        "all": score(everything),
        "layouts": {layout: score(p) for layout, p in sorted(pairs.items())},
    }
    print(f"{len(index)} documents, {pages} pages, {len(everything)} lines, {labelled} labelled")
    print_table("all layouts", result["all"])
    for layout, table in result["layouts"].items():
        print_table(layout, table)
    print(f"\nline_roles: {result['ms_per_page']} ms per page")
    if show_errors:
        print(f"\n{len(errors)} misclassified lines (first {show_errors}):")
        for line in errors[:show_errors]:
            print(" ", line)
    return result


def run_realdocs(folder: Path, sample: int) -> dict[str, int]:
    """Print a seeded sample of the lines given each role on real PDFs; return the counts."""
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(folder.glob("*.pdf")):
        extraction = extract_pdf(path.read_bytes())
        lines = extraction.lines
        assert lines is not None
        for i, role in enumerate(line_roles(lines, extraction.text)):
            if role != "body":
                text = extraction.text[lines.start[i] : lines.end[i]]
                found[str(role)].append(f"{path.stem} p{lines.page[i] + 1}: {text!r}")
    rng = random.Random(14)
    for role in SCORED:
        picks = found[role] if len(found[role]) <= sample else rng.sample(found[role], sample)
        print(f"\n{role}: {len(found[role])} lines on real PDFs")
        for line in picks:
            print("  ", line)
    return {role: len(found[role]) for role in SCORED}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--realdocs", action="store_true", help="print samples from real PDFs")
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong lines")
    parser.add_argument("--sample", type=int, default=10)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    result: dict[str, Any] = {"python": platform.python_version()}
    result["pdf_gold"] = run_gold(args.gold, args.errors)
    if args.realdocs:
        result["realdocs_counts"] = run_realdocs(REALDOCS, args.sample)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
