"""Spacing diacritics left apart, and copyright signs restored, on real PDFs and pages (issue 13).

Counts, in the clean text that ``precis.api.load`` builds (the same ``clean`` pipeline, called
here directly to keep its offset chain), every spacing accent (``¨ ´ ˆ ˜ ˇ ˘ ˚ ¸ ˛ ˙ ˝ ¯``)
that is still there, before and after the characters steps:

- *left apart*: a mark the glyph boxes put over a letter (PDF) or that touches a letter inside
  a word (other formats) and that is still a separate character. Acceptance: 0.
- *symbol*: a PDF mark over no single letter (a hat over ``nDCG``, the caret of ``MS^2``); kept
  on purpose and listed with its context.

"Before" runs the same pipeline with the steps switched off (no glyph-box hints, no text step).

Run: ``python bench/bench_characters.py`` (about a minute; writes bench/results/characters.json).
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from precis.api import extract  # noqa: E402
from precis.clean import characters, pipeline  # noqa: E402
from precis.options import LoadOptions  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "bench" / "results" / "characters.json"
MARKS = "\u00a8\u00b4\u02c6\u02dc\u02c7\u02d8\u02da\u00b8\u02db\u02d9\u02dd\u00af"
MARK_RE = re.compile(f"[{MARKS}]")


def corpus() -> list[tuple[str, Path]]:
    """(corpus name, path) of every PDF and page the issue names."""
    docs = [("shared/pdfs", p) for p in sorted((SHARED / "pdfs").glob("*.pdf"))]
    docs += [("shared/pdf_gold", p) for p in sorted((SHARED / "pdf_gold").glob("*.pdf"))]
    try:
        from bench.realdocs import documents

        docs += [(f"realdocs/{d.kind}", d.path) for d in documents() if d.path.is_file()]
    except (ImportError, OSError, ValueError):
        pass  # the real-document corpus is optional here
    return docs


def run(path: Path, *, steps: bool) -> tuple[str, dict[str, object]]:
    """Clean one document with or without the characters steps; classify what marks remain."""
    options = LoadOptions()
    extraction = extract(path, options)
    hinted = {h.mark for h in extraction.marks if extraction.text[h.mark] != "\r"}
    text_step = characters.text_step
    if not steps:
        extraction = dataclasses.replace(extraction, marks=())
        characters.text_step = lambda fmt: lambda text: []  # type: ignore[assignment]
    try:
        cleaned = pipeline.clean(extraction, options.clean)
    finally:
        characters.text_step = text_step  # type: ignore[assignment]
    pdf = extraction.metadata.format == "pdf"
    apart: list[str] = []
    symbols: list[str] = []
    for m in MARK_RE.finditer(cleaned.text):
        context = cleaned.text[max(0, m.start() - 30) : m.end() + 20]
        if pdf:
            raw = cleaned.chain.span_to_old(m.start(), m.end())[0]
            (apart if raw in hinted else symbols).append(context)
        else:
            near = cleaned.text[max(0, m.start() - 1) : m.end() + 1]
            (apart if any(c.isalpha() for c in near) else symbols).append(context)
    copyright_ = [
        cleaned.text[max(0, m.start() - 20) : m.end() + 40]
        for m in re.finditer("\u00a9", cleaned.text)
    ]
    raw_marks = len(MARK_RE.findall(extraction.text))
    return cleaned.text, {
        "raw_marks": raw_marks,
        "hints": len(hinted),
        "left_apart": apart,
        "symbols": symbols,
        "copyright": copyright_,
    }


def main() -> None:
    rows: dict[str, dict[str, int]] = {}
    details: list[dict[str, object]] = []
    t0 = time.perf_counter()
    for name, path in corpus():
        try:
            _, before = run(path, steps=False)
            _, after = run(path, steps=True)
        except Exception as exc:  # noqa: BLE001 - a bench reports a failing document and goes on
            details.append({"corpus": name, "file": path.name, "error": repr(exc)})
            continue
        row = rows.setdefault(
            name,
            {"docs": 0, "raw_marks": 0, "apart_before": 0, "apart_after": 0, "symbols": 0,
             "copyright_before": 0, "copyright_after": 0},
        )  # fmt: skip
        row["docs"] += 1
        row["raw_marks"] += int(after["raw_marks"])  # type: ignore[call-overload]
        row["apart_before"] += len(before["left_apart"])  # type: ignore[arg-type]
        row["apart_after"] += len(after["left_apart"])  # type: ignore[arg-type]
        row["symbols"] += len(after["symbols"])  # type: ignore[arg-type]
        row["copyright_before"] += len(before["copyright"])  # type: ignore[arg-type]
        row["copyright_after"] += len(after["copyright"])  # type: ignore[arg-type]
        if after["raw_marks"] or after["copyright"] or before["copyright"]:
            details.append(
                {"corpus": name, "file": path.name, **after,
                 "copyright_before": before["copyright"]}
            )  # fmt: skip
    seconds = time.perf_counter() - t0
    header = (
        "corpus",
        "docs",
        "raw marks",
        "before",
        "left apart",
        "symbols",
        "(c) before",
        "(c) after",
    )
    print(" | ".join(header))
    for name, r in rows.items():
        print(
            f"{name} | {r['docs']} | {r['raw_marks']} | {r['apart_before']} | {r['apart_after']} | "
            f"{r['symbols']} | {r['copyright_before']} | {r['copyright_after']}"
        )
    total = sum(r["apart_after"] for r in rows.values())
    print(f"spacing diacritics left apart: {total} (acceptance: 0); {seconds:.0f} s")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "command": "python bench/bench_characters.py",
                "left_apart": total,
                "seconds": round(seconds, 1),
                "rows": rows,
                "documents": details,
            },
            ensure_ascii=False,
            indent=1,
        )  # fmt: skip
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
