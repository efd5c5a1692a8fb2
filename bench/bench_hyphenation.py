"""Benchmark line-end hyphenation repair on real prose hard-wrapped by a real hyphenator (issue 13).

Real English prose from ``../shared/data`` (the first ``--rows`` sources of each data set) is
wrapped to ``--width`` columns by a greedy line filler that breaks words at pyphen's hyphenation
points (``en_US`` TeX patterns, TeX's English minimums: two letters before the break, three
after). A word that already holds a hyphen between letters (``ankle-deep``, ``part-of-speech``)
is broken only after one of its own hyphens, as TeX does, so true compounds land at line ends
with their real hyphen. Why not ``fmt -w 60``: GNU fmt breaks lines only at blanks, never
inside a word, so soft hyphens inserted for it would never become line-end hyphens.

The wrapped text is then cleaned two ways: the hyphenation step plus the whitespace layout
(``step``), and the whole text pipeline that ``precis text`` runs (``pipeline``). Each clean
token is traced back to its source token through the offset maps (never searched for), and:

- ``repaired``: line-end hyphens that came from hyphenation whose word reads exactly as in the
  source (``con-`` / ``structive`` -> ``constructive``);
- ``compounds_kept``: compounds split at a line end whose word reads exactly as in the source
  (``great-`` / ``power`` -> ``great-power``);
- ``compounds_closed`` / ``compounds_broken``: compounds whose hyphen was dropped into a word
  the lexicon or the source itself writes closed (``sea-sickness`` -> ``seasickness``, another
  spelling), and the rest (damage: ``black-lensed`` -> ``blacklensed``);
- ``source_hyphen_kept``: source tokens that end in a hyphen (``short-`` in ``short- and``)
  and landed at a line end, kept as two tokens;
- ``other_damage``: source tokens away from any line-end break that no longer read as in the
  source (for ``step`` this must be 0; for ``pipeline`` it counts the other repairs' changes).

    python bench/bench_hyphenation.py                  # defaults used for the results file
    python bench/bench_hyphenation.py --rows 3 --width 45
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from precis.clean.hyphen_join import MIN_JOINED
from precis.clean.hyphenation import line_end_hyphen_edits
from precis.clean.lexicon import word_count
from precis.clean.pipeline import clean
from precis.clean.whitespace import whitespace_edits
from precis.ingest.text import extract_text
from precis.offsets import OffsetChain, apply_edits
from precis.options import CleanOptions

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
DATASETS = ("squality_stories.jsonl", "scisummnet_acl.jsonl")
OUT = REPO / "bench" / "results" / "hyphenation.json"
LEFT_MIN, RIGHT_MIN = 2, 3  # TeX's \lefthyphenmin and \righthyphenmin for English
_OPENING = "([{\"'\u201c\u2018"
_CLOSING = ".,;:!?)]}\"'\u201d\u2019\u2026\u2013\u2014"
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_COMPOUND_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?(?:-[^\W\d_]+(?:['\u2019][^\W\d_]+)?)+")


class Wrapped:
    """Hard-wrapped text with, per character, the index of the source token it comes from."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.origin: list[int] = []  # -1 for blanks and line breaks
        self.breaks: dict[int, str] = {}  # source token index -> "hyphenation" | "compound" | ...

    def add(self, text: str, token: int) -> None:
        self.parts.append(text)
        self.origin.extend([token] * len(text))

    @property
    def text(self) -> str:
        return "".join(self.parts)


def wrap_paragraph(tokens: list[str], first: int, width: int, dic, out: Wrapped) -> None:  # noqa: ANN001
    """Greedy line filling; a word that does not fit is broken at the last point that fits."""
    used, last = 0, -1  # columns used on the line; the source token that ends it, if whole
    for k, token in enumerate(tokens):
        index, rest = first + k, token
        while rest:
            room = width - used - (1 if used else 0)
            if len(rest) <= room or not used and not _split(rest, room, dic)[0]:
                out.add(" " if used else "", -1)
                out.add(rest, index)  # fits, or unbreakable and longer than a line
                used, last = used + (1 if used else 0) + len(rest), index
                break
            piece, kind = _split(rest, room, dic)
            if piece:
                out.add(" " if used else "", -1)
                out.add(piece + ("-" if kind == "hyphenation" else ""), index)
                out.breaks.setdefault(index, kind)
                rest, last = rest[len(piece) :], -1
            elif last >= 0 and tokens[last - first][-1] == "-":
                if tokens[last - first][-2:-1].isalpha():  # "short-" ending a line
                    out.breaks.setdefault(last, "source_hyphen")
            out.add("\n", -1)
            used, last = 0, -1


def _split(token: str, room: int, dic) -> tuple[str, str]:  # noqa: ANN001
    """The longest head of ``token`` that fits ``room`` at a break point, and the break's kind."""
    if any(c == "-" for c in token.strip("-")):
        best = ""
        for i, c in enumerate(token):
            inner = 0 < i < len(token) - 1 and token[i - 1].isalpha() and token[i + 1].isalpha()
            if c == "-" and inner and i + 1 <= room:
                best = token[: i + 1]
        core = token.lstrip(_OPENING).rstrip(_CLOSING)
        return best, "compound" if _COMPOUND_RE.fullmatch(core) else "nonword_hyphen"
    core = token.lstrip(_OPENING)
    lead = len(token) - len(core)
    core = core.rstrip(_CLOSING)
    if not core.isalpha():
        return "", ""
    points = [p for p in dic.positions(core) if LEFT_MIN <= p <= len(core) - RIGHT_MIN]
    fitting = [p for p in points if lead + p + 1 <= room]
    return (token[: lead + max(fitting)], "hyphenation") if fitting else ("", "")


def wrap_document(source: str, width: int, dic) -> tuple[Wrapped, list[str]]:  # noqa: ANN001
    """Wrap every non-blank line of ``source`` as a paragraph; return it and the source tokens."""
    out, tokens = Wrapped(), []
    paragraphs = [line.split() for line in source.split("\n") if line.strip()]
    for n, words in enumerate(paragraphs):
        if n:
            out.add("\n\n", -1)
        wrap_paragraph(words, len(tokens), width, dic, out)
        tokens.extend(words)
    return out, tokens


def _step_clean(raw: str) -> tuple[str, OffsetChain]:
    """The hyphenation step, then the whitespace layout: what this repair alone does."""
    chain = OffsetChain()
    text = raw
    for step in (line_end_hyphen_edits, whitespace_edits):
        edits = step(text)
        if edits:
            text, offset_map = apply_edits(text, edits)
            chain.append(offset_map)
    return text, chain


def _pipeline_clean(raw: str) -> tuple[str, OffsetChain]:
    """What ``precis text`` prints for a .txt file (the whole text pipeline)."""
    cleaned = clean(extract_text(raw), CleanOptions())
    return cleaned.text, cleaned.chain


def score(wrapped: Wrapped, tokens: list[str], text: str, chain: OffsetChain) -> dict:
    """Trace each clean token to its source token and count what reads as in the source."""
    origin = np.asarray(wrapped.origin, dtype=np.int64)
    spans, pos = [], 0
    for word in text.split():
        start = text.index(word, pos)
        spans.append((start, start + len(word)))
        pos = start + len(word)
    starts = np.array([s for s, _ in spans], dtype=np.int64)
    raw_starts = chain.spans_to_old(starts, starts + 1)[0] if len(starts) else starts
    pieces: dict[int, list[str]] = defaultdict(list)
    for (s, e), raw in zip(spans, raw_starts, strict=True):
        pieces[int(origin[raw])].append(text[s:e])
    ok = {i: pieces.get(i) == [tok] for i, tok in enumerate(tokens)}
    tally: Counter[str] = Counter()
    failures: dict[str, list[str]] = defaultdict(list)
    source_words = {w for tok in tokens for w in _LETTERS_RE.findall(tok.lower())}
    for i, kind in wrapped.breaks.items():
        tally[kind] += 1
        if ok[i]:
            tally[kind + "_ok"] += 1
            continue
        if kind == "compound" and _closed_form(pieces.get(i, []), source_words):
            tally["compound_closed"] += 1
        if len(failures[kind]) < 25:
            failures[kind].append(f"{tokens[i]!r} -> {' '.join(pieces.get(i, []))!r}")
    broken = set(wrapped.breaks)
    damaged = [i for i in range(len(tokens)) if not ok[i] and i not in broken]
    tally["tokens"] = len(tokens)
    tally["other_damage"] = len(damaged)
    failures["other_damage"] = [
        f"{tokens[i]!r} -> {' '.join(pieces.get(i, []))!r}" for i in damaged[:25]
    ]
    return {"counts": dict(tally), "failures": dict(failures)}


def _closed_form(pieces: list[str], source_words: set[str]) -> bool:
    """A compound's hyphen dropped into a dictionary word or one the source itself writes
    (``sea-sickness`` -> ``seasickness``): another spelling, not damage."""
    if len(pieces) != 1:
        return False
    words = _LETTERS_RE.findall(pieces[0].lower())
    if not words:
        return False
    joined = max(words, key=len)
    return joined in source_words or word_count(joined) >= MIN_JOINED


def _broken_compounds(counts: dict) -> int:
    """Compounds neither kept nor written closed as a real word."""
    return (
        counts.get("compound", 0) - counts.get("compound_ok", 0) - counts.get("compound_closed", 0)
    )


def _share(counts: dict, kind: str) -> float | None:
    n = counts.get(kind, 0)
    return round(counts.get(kind + "_ok", 0) / n, 4) if n else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=12, help="sources per data set (first rows)")
    parser.add_argument("--width", type=int, default=60)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    import pyphen

    dic = pyphen.Pyphen(lang="en_US")
    results: dict = {
        "width": args.width,
        "rows_per_set": args.rows,
        "hyphenator": f"pyphen {pyphen.__version__} en_US, min {LEFT_MIN}/{RIGHT_MIN}",
        "wrapper": "greedy line filling, breaks at pyphen points or a compound's own hyphen",
        "sets": {},
    }
    for name in DATASETS:
        with open(DATA / name, encoding="utf-8") as reader:
            sources = [json.loads(line)["source"] for line in itertools.islice(reader, args.rows)]
        totals: dict[str, Counter[str]] = {"step": Counter(), "pipeline": Counter()}
        failures: dict[str, dict[str, list[str]]] = {"step": {}, "pipeline": {}}
        seconds: Counter[str] = Counter()
        for source in sources:
            wrapped, tokens = wrap_document(source, args.width, dic)
            raw = wrapped.text
            for mode, run in (("step", _step_clean), ("pipeline", _pipeline_clean)):
                t0 = time.perf_counter()
                text, chain = run(raw)
                seconds[mode] += time.perf_counter() - t0
                scored = score(wrapped, tokens, text, chain)
                totals[mode].update(scored["counts"])
                for kind, items in scored["failures"].items():
                    failures[mode].setdefault(kind, []).extend(items)
        results["sets"][name] = {
            mode: {
                "counts": dict(totals[mode]),
                "repaired": _share(totals[mode], "hyphenation"),
                "compounds_kept": _share(totals[mode], "compound"),
                "compounds_broken": _broken_compounds(totals[mode]),
                "source_hyphen_kept": _share(totals[mode], "source_hyphen"),
                "other_damage": totals[mode]["other_damage"],
                "seconds": round(seconds[mode], 2),
                "failures": {k: v[:25] for k, v in failures[mode].items() if v},
            }
            for mode in ("step", "pipeline")
        }
    results["command"] = " ".join(["python bench/bench_hyphenation.py", *(argv or sys.argv[1:])])
    results["total_step"] = _total(results, "step")
    _print_table(results)
    print("all sets, step:", json.dumps(results["total_step"]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def _total(results: dict, mode: str) -> dict:
    """Counts and shares summed over the data sets."""
    counts: Counter[str] = Counter()
    for modes in results["sets"].values():
        counts.update(modes[mode]["counts"])
    return {
        "counts": dict(counts),
        "repaired": _share(counts, "hyphenation"),
        "compounds_kept": _share(counts, "compound"),
        "compounds_closed": counts.get("compound_closed", 0),
        "compounds_broken": _broken_compounds(counts),
        "other_damage": counts["other_damage"],
    }


def _print_table(results: dict) -> None:
    """One row per data set and mode."""
    header = (
        f"{'set':24} {'mode':9} {'tokens':>7} {'hyph':>5} {'repaired':>9} {'comp':>5} "
        f"{'kept':>7} {'src-':>5} {'kept':>7} {'damage':>7} {'s':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, modes in results["sets"].items():
        for mode, r in modes.items():
            c = r["counts"]

            def pct(x: float | None) -> str:
                return "-" if x is None else f"{100 * x:.1f}%"

            print(
                f"{name:24} {mode:9} {c.get('tokens', 0):>7} {c.get('hyphenation', 0):>5} "
                f"{pct(r['repaired']):>9} {c.get('compound', 0):>5} {pct(r['compounds_kept']):>7} "
                f"{c.get('source_hyphen', 0):>5} {pct(r['source_hyphen_kept']):>7} "
                f"{r['other_damage']:>7} {r['seconds']:>6}"
            )


if __name__ == "__main__":
    raise SystemExit(main())
