"""Benchmark sentence segmentation: precis vs pySBD, exact-match accuracy and speed.

Accuracy corpus: ``sentence_boundaries_en.jsonl`` (pySBD's own English tests, MANIFEST.md
section 4). A case counts when the segmenter's sentences, each ``.strip()``-ed, equal the
expected list exactly. Cases with ``meta.segmenter_clean_option`` expect pySBD's cleaning
(line breaks joined, text rewritten), so they are scored apart, comparing whitespace-normalised
sentences. Speed corpus: about 1 MB of real text (CNN/DM and ScisummNet ``source`` fields),
timed one call per document (the headline ratio) and one call per line (paragraph), best of 3
for precis and once for pySBD. Both segmenters run in this process on the same strings.

Run: ``python bench/bench_sentences.py [--data-dir ../shared/data] [--mb 1.0]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parents[1]
_CASES = "sentence_boundaries_en.jsonl"
_SPEED_SOURCES = ("cnndm_test.jsonl", "scisummnet_acl.jsonl")

Segmenter = Callable[[str], list[str]]
log = logging.getLogger("bench_sentences")


def precis_segment(text: str) -> list[str]:
    from precis.sentences import sentence_spans

    return [text[s:e] for s, e in sentence_spans(text)]


def pysbd_segmenter() -> Segmenter:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    return seg.segment


def normalise(sentences: list[str]) -> list[str]:
    """Whitespace-normalised, non-empty sentences (for cases that expect pySBD cleaning)."""
    return [" ".join(s.split()) for s in sentences if s.strip()]


def score(cases: list[dict[str, Any]], segment: Segmenter) -> dict[str, dict[str, Any]]:
    """Per group: exact matches, and the ids that failed."""
    groups: dict[str, dict[str, Any]] = {}
    for case in cases:
        clean = bool(case["meta"].get("segmenter_clean_option"))
        group = case["meta"]["group"] + (" (clean, ws-normalised)" if clean else "")
        got = [s.strip() for s in segment(case["text"])]
        if clean:
            ok = normalise(got) == normalise(case["sentences"])
        else:
            ok = got == case["sentences"]
        row = groups.setdefault(group, {"passed": 0, "total": 0, "failed": []})
        row["total"] += 1
        row["passed"] += ok
        if not ok:
            row["failed"].append(case["id"])
    return groups


def speed_corpus(data_dir: Path, megabytes: float) -> list[str]:
    """About ``megabytes`` MB of real documents, alternating news and science."""
    budget = int(megabytes * 1_000_000)
    streams = [(data_dir / name).open(encoding="utf-8") for name in _SPEED_SOURCES]
    parts: list[str] = []
    size = 0
    try:
        while size < budget and streams:
            for stream in list(streams):
                line = stream.readline()
                if not line:
                    streams.remove(stream)
                    continue
                source = json.loads(line)["source"]
                parts.append(source)
                size += len(source.encode("utf-8"))
    finally:
        for stream in streams:
            stream.close()
    return parts


def throughput(segment: Segmenter, docs: list[str], repeats: int) -> tuple[float, int]:
    """Best MB/s over ``repeats`` runs, one call per document, and the sentence count.

    One call per document is how both are used, and it spares pySBD its quadratic search for
    offsets in a single 1 MB string.
    """
    megabytes = sum(len(doc.encode("utf-8")) for doc in docs) / 1e6
    best = float("inf")
    count = 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        count = sum(len(segment(doc)) for doc in docs)
        best = min(best, time.perf_counter() - t0)
    return megabytes / best, count


def resolve_data_dir(arg: str | None) -> Path:
    """``--data-dir`` as given, else ``../shared/data`` next to the repository root."""
    candidates = (
        [Path(arg)] if arg else [_REPO.parent / "shared" / "data", _REPO / "shared" / "data"]
    )
    for path in candidates:
        if (path / _CASES).is_file():
            return path.resolve()
    raise SystemExit(f"no {_CASES} under {', '.join(map(str, candidates))}")


def run(data_dir: Path, megabytes: float) -> dict[str, Any]:
    """Score and time both segmenters; return the JSON-ready result."""
    cases_path = data_dir / _CASES
    raw = cases_path.read_bytes()
    cases = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    pysbd_segment = pysbd_segmenter()
    accuracy = {"precis": score(cases, precis_segment), "pysbd": score(cases, pysbd_segment)}
    docs = speed_corpus(data_dir, megabytes)
    paragraphs = [p for doc in docs for p in doc.split("\n") if p.strip()]
    precis_mbs, precis_n = throughput(precis_segment, docs, repeats=3)
    joined_mbs, _ = throughput(precis_segment, ["\n\n".join(docs)], repeats=3)
    para_mbs, _ = throughput(precis_segment, paragraphs, repeats=3)
    pysbd_mbs, pysbd_n = throughput(pysbd_segment, docs, repeats=1)
    pysbd_para_mbs, _ = throughput(pysbd_segment, paragraphs, repeats=1)
    return {
        "cases_sha256": hashlib.sha256(raw).hexdigest(),
        "accuracy": accuracy,
        "speed": {
            "corpus_mb": round(sum(len(d.encode("utf-8")) for d in docs) / 1e6, 3),
            "documents": len(docs),
            "precis_mb_s": round(precis_mbs, 2),
            "precis_one_string_mb_s": round(joined_mbs, 2),
            "pysbd_mb_s": round(pysbd_mbs, 3),
            "ratio": round(precis_mbs / pysbd_mbs, 1),
            "paragraphs": len(paragraphs),
            "precis_paragraph_mb_s": round(para_mbs, 2),
            "pysbd_paragraph_mb_s": round(pysbd_para_mbs, 3),
            "paragraph_ratio": round(para_mbs / pysbd_para_mbs, 1),
            "precis_sentences": precis_n,
            "pysbd_sentences": pysbd_n,
        },
    }


def print_table(result: dict[str, Any]) -> None:
    acc = result["accuracy"]
    print(f"{'group':42} {'precis':>9} {'pysbd':>9}")
    for group, row in acc["precis"].items():
        other = acc["pysbd"][group]
        print(
            f"{group:42} {row['passed']:>4}/{row['total']:<4} {other['passed']:>4}/{other['total']:<4}"
        )
    for name in ("precis", "pysbd"):
        for group, row in acc[name].items():
            if row["failed"]:
                print(f"  {name} failed in {group}: {' '.join(row['failed'])}")
    sp = result["speed"]
    print(
        f"speed on {sp['corpus_mb']} MB ({sp['documents']} documents): "
        f"precis {sp['precis_mb_s']} MB/s (one string: {sp['precis_one_string_mb_s']}), "
        f"pysbd {sp['pysbd_mb_s']} MB/s, ratio {sp['ratio']}x "
        f"({sp['precis_sentences']} vs {sp['pysbd_sentences']} sentences)"
    )
    print(
        f"per paragraph ({sp['paragraphs']} lines): precis {sp['precis_paragraph_mb_s']} MB/s, "
        f"pysbd {sp['pysbd_paragraph_mb_s']} MB/s, ratio {sp['paragraph_ratio']}x"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data-dir", default=None, help="default: ../shared/data from the repo root"
    )
    parser.add_argument("--mb", type=float, default=1.0, help="size of the speed corpus in MB")
    parser.add_argument("--out", default=str(_REPO / "bench" / "results" / "sentences.json"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    result = run(resolve_data_dir(args.data_dir), args.mb)
    print_table(result)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    log.info("wrote %s", out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
