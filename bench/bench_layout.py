"""Layout benchmark: PDF-to-text tools scored on pdf_gold (issue 14, "Read a PDF's layout").

pdf_gold (``<repo>/../shared/data/pdf_gold``, see its MANIFEST.md) holds 60 TeX-typeset PDFs in
five layouts, each with its exact gold body text and every text block's role. Its ``score.py``
implements Bast & Korzen's measures ("A Benchmark and Evaluation for Text Extraction from PDF",
JCDL 2017): spurious / missing / misspelled words (W+, W-, W~), spurious / missing paragraph
breaks (NL+, NL-), spurious / missing / rearranged paragraphs (P+, P-, P~), word F1, and the
leakage of each non-body role (running heads, footnotes, captions, ...) into the reading flow.
That file is the scorer here, imported as it is; nothing of its measures is copied.

Every tool runs on the same PDFs in one process, one PDF at a time, timed in wall seconds (each
tool first runs once, untimed, on the first PDF, so imports are not charged to one document):

- ``precis``: ``precis.api.clean_text(path)``, the reading flow that ``precis text FILE`` prints;
- ``pdftotext``: poppler's ``pdftotext -enc UTF-8`` (plain mode, no ``-layout``);
- ``pypdfium2``: the raw text layer, ``get_textpage().get_text_range()`` per page;
- ``pdfplumber``: ``page.extract_text()`` per page (the ``bench`` extra installs it).

Pages are joined with a form feed, which the scorer reads as a paragraph break. Tables show the
mean over documents of each measure, in % (each document's rates come from the scorer's own
``aggregate``); leakage is pooled over documents (leaked words / the role's words).

    python bench/bench_layout.py                      # all tools, all 60 documents
    python bench/bench_layout.py --tools precis,pdftotext --layouts magazine,book
    python bench/bench_layout.py --ids acl2col-C04-1059 --out /tmp/layout.json
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import json
import logging
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO.parent / "shared" / "data" / "pdf_gold"
OUT = REPO / "bench" / "results" / "layout.json"
TOOLS = ("precis", "pdftotext", "pypdfium2", "pdfplumber")
# Columns of the table (P- added: the scorer measures it); keys of score.aggregate.
MEASURES = ("W+", "W-", "W~", "NL+", "NL-", "P+", "P-", "P~")
PDFTOTEXT = "/usr/bin/pdftotext"

logger = logging.getLogger("bench_layout")

Extractor = Callable[[Path], str]


@dataclass(frozen=True)
class Tool:
    """A PDF-to-text tool under test: a name, its version and a path -> text function."""

    name: str
    version: str
    extract: Extractor


@dataclass
class ToolRun:
    """One tool's outputs: text and seconds per document id, and the documents it failed on."""

    texts: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


class ToolMissing(Exception):
    """A tool cannot run here (package or binary absent); the benchmark skips it."""


def load_scorer(gold: Path) -> ModuleType:
    """pdf_gold's ``score.py``, imported from the data folder so its measures stay its own."""
    path = gold / "score.py"
    if not path.is_file():
        raise FileNotFoundError(f"no scorer at {path}")
    spec = importlib.util.spec_from_file_location("pdf_gold_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _precis() -> Tool:
    import precis
    from precis.api import clean_text

    # what ``precis text FILE`` prints: the reading flow, paragraphs split by "\n\n"
    return Tool("precis", precis.__version__, lambda path: clean_text(str(path)))


def _pdftotext() -> Tool:
    binary = PDFTOTEXT if Path(PDFTOTEXT).is_file() else shutil.which("pdftotext")
    if binary is None:
        raise ToolMissing("pdftotext not found (Debian: apt-get install poppler-utils)")
    probe = subprocess.run([binary, "-v"], capture_output=True, text=True, check=False)
    version = (probe.stderr or probe.stdout).splitlines()[0].strip()

    def extract(path: Path) -> str:
        cmd = [binary, "-enc", "UTF-8", str(path), "-"]
        return subprocess.run(cmd, capture_output=True, check=True).stdout.decode("utf-8")

    return Tool("pdftotext", version, extract)


def _pypdfium2() -> Tool:
    import pypdfium2 as pdfium
    import pypdfium2.version as pdfium_version

    def extract(path: Path) -> str:
        pdf = pdfium.PdfDocument(path)
        try:
            pages = []
            for page in pdf:
                textpage = page.get_textpage()
                pages.append(textpage.get_text_range())
                textpage.close()
                page.close()
            return "\f".join(pages)
        finally:
            pdf.close()

    version = f"{pdfium_version.PYPDFIUM_INFO} (pdfium {pdfium_version.PDFIUM_INFO})"
    return Tool("pypdfium2", version, extract)


def _pdfplumber() -> Tool:
    try:
        import pdfplumber
    except ImportError:
        raise ToolMissing("pdfplumber is not installed (pip install 'precis[bench]')") from None

    def extract(path: Path) -> str:
        with pdfplumber.open(path) as pdf:
            return "\f".join(page.extract_text() or "" for page in pdf.pages)

    return Tool("pdfplumber", pdfplumber.__version__, extract)


FACTORIES: dict[str, Callable[[], Tool]] = {
    "precis": _precis,
    "pdftotext": _pdftotext,
    "pypdfium2": _pypdfium2,
    "pdfplumber": _pdfplumber,
}


def make_tools(names: Sequence[str]) -> tuple[list[Tool], dict[str, str]]:
    """The tools that can run here, and a one-line reason for each one that cannot."""
    unknown = [n for n in names if n not in FACTORIES]
    if unknown:
        raise ValueError(f"unknown tools {unknown}; known: {', '.join(FACTORIES)}")
    tools, skipped = [], {}
    for name in names:
        try:
            tools.append(FACTORIES[name]())
        except (ToolMissing, ImportError) as exc:
            skipped[name] = str(exc)
    return tools, skipped


def select_ids(
    gold: Path, layouts: dict[str, str], only_layouts: Sequence[str] = (), ids: Sequence[str] = ()
) -> list[str]:
    """Document ids with a PDF and a gold body, filtered by layout and by id."""
    found = sorted(p.name[: -len(".body.txt")] for p in gold.glob("*.body.txt"))
    found = [i for i in found if (gold / f"{i}.pdf").is_file()]
    if only_layouts:
        found = [i for i in found if layouts.get(i) in set(only_layouts)]
    if ids:
        missing = sorted(set(ids) - set(found))
        if missing:
            raise ValueError(f"ids not in {gold}: {missing}")
        found = [i for i in found if i in set(ids)]
    return found


def run_tool(tool: Tool, gold: Path, ids: Sequence[str]) -> ToolRun:
    """Extract every document with one tool, timing each PDF after one untimed warm-up."""
    run = ToolRun()
    if not ids:
        return run
    with contextlib.suppress(Exception):  # a failure is recorded per document below
        tool.extract(gold / f"{ids[0]}.pdf")
    for doc_id in ids:
        start = time.perf_counter()
        try:
            text = tool.extract(gold / f"{doc_id}.pdf")
        except Exception as exc:  # one tool failing on one PDF must not stop the run
            logger.warning("%s failed on %s: %s", tool.name, doc_id, type(exc).__name__)
            run.errors[doc_id] = f"{type(exc).__name__}: {exc}"
            text = ""  # scored as empty output, as score.py scores a missing file
        run.seconds[doc_id] = time.perf_counter() - start
        run.texts[doc_id] = text
    return run


def score_run(scorer: ModuleType, gold: Path, run: ToolRun) -> dict[str, dict[str, Any]]:
    """score.py's counts for each document, plus its rates for that document alone."""
    per_doc = {}
    for doc_id, text in run.texts.items():
        gold_text = (gold / f"{doc_id}.body.txt").read_text(encoding="utf-8")
        roles = json.loads((gold / f"{doc_id}.roles.json").read_text(encoding="utf-8"))
        counts = scorer.score_doc(gold_text, text, roles)
        alone = scorer.aggregate([counts])
        per_doc[doc_id] = {
            "counts": counts,
            "rates_pct": {**alone["rates_pct"], "word_f1": alone["word_f1"]},
            "seconds": round(run.seconds[doc_id], 4),
        }
    return per_doc


def summarise(
    scorer: ModuleType, per_doc: dict[str, dict[str, Any]], ids: Sequence[str]
) -> dict[str, Any]:
    """Means over documents of each rate (in %) and of s/PDF; leakage pooled over documents."""
    docs = [per_doc[i] for i in ids]
    means = {
        m: round(statistics.fmean(d["rates_pct"][m] for d in docs), 2)
        for m in (*MEASURES, "word_f1")
    }
    pooled = scorer.aggregate([d["counts"] for d in docs])
    return {
        "docs": len(docs),
        "mean_pct": means,
        "s_per_pdf": round(statistics.fmean(d["seconds"] for d in docs), 4),
        "pooled_pct": {**pooled["rates_pct"], "word_f1": pooled["word_f1"]},
        "leakage_pct": pooled["leakage_pct"],
        "leakage_words": pooled["leakage_words"],
    }


def benchmark(
    tools: Sequence[Tool], gold: Path, ids: Sequence[str], layouts: dict[str, str]
) -> dict[str, Any]:
    """Run and score every tool on ``ids``: per document, per layout and overall."""
    scorer = load_scorer(gold)
    groups: dict[str, list[str]] = {"all": list(ids)}
    for doc_id in ids:
        groups.setdefault(layouts.get(doc_id, doc_id.split("-")[0]), []).append(doc_id)
    results: dict[str, Any] = {}
    for tool in tools:
        logger.info("running %s on %d PDFs", tool.name, len(ids))
        run = run_tool(tool, gold, ids)
        per_doc = score_run(scorer, gold, run)
        results[tool.name] = {
            "version": tool.version,
            "errors": run.errors,
            "summary": {g: summarise(scorer, per_doc, members) for g, members in groups.items()},
            "documents": {i: {"layout": layouts.get(i), **per_doc[i]} for i in ids},
        }
    return results


def corpus_hash(gold: Path, ids: Sequence[str]) -> str:
    """sha256 over the scored PDFs, gold bodies and roles, and the scorer (pins the corpus)."""
    digest = hashlib.sha256()
    files = [gold / "score.py"]
    files += [gold / f"{i}{ext}" for i in ids for ext in (".pdf", ".body.txt", ".roles.json")]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def measure_table(results: dict[str, Any], group: str) -> str:
    """One markdown table: a row per tool, the mean measures (in %) and seconds per PDF."""
    head = ["tool", *MEASURES, "word F1", "s/PDF"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, res in results.items():
        summary = res["summary"].get(group)
        if summary is None:
            continue
        vals = [f"{summary['mean_pct'][m]:.1f}" for m in (*MEASURES, "word_f1")]
        lines.append(f"| {name} | " + " | ".join(vals) + f" | {summary['s_per_pdf']:.3f} |")
    return "\n".join(lines)


def leakage_table(results: dict[str, Any], group: str = "all") -> str:
    """A markdown table: a row per non-body role, the % of its words leaked, per tool."""
    names = list(results)
    roles = sorted({r for res in results.values() for r in res["summary"][group]["leakage_pct"]})
    lines = ["| role | words | " + " | ".join(names) + " |", "|" + "---|" * (len(names) + 2)]
    for role in roles:
        words = next(
            res["summary"][group]["leakage_words"][role][1]
            for res in results.values()
            if role in res["summary"][group]["leakage_words"]
        )
        vals = [
            f"{res['summary'][group]['leakage_pct'][role]:.1f}"
            if role in res["summary"][group]["leakage_pct"]
            else ""
            for res in results.values()
        ]
        lines.append(f"| {role} | {words} | " + " | ".join(vals) + " |")
    return "\n".join(lines)


def report(results: dict[str, Any]) -> str:
    """Tables overall, per layout, then leakage, as the issue shows them."""
    if not results:
        return "no tool could run"
    parts = []
    for group, summary in next(iter(results.values()))["summary"].items():
        title = f"## {group} ({summary['docs']} PDFs, mean over documents, %)"
        parts.append(f"{title}\n\n{measure_table(results, group)}")
    title = "## leakage, all layouts (% of the role's words in the output, pooled)"
    parts.append(f"{title}\n\n{leakage_table(results)}")
    return "\n\n".join(parts)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated tool names")
    parser.add_argument("--layouts", default="", help="comma-separated layouts (default: all)")
    parser.add_argument("--ids", default="", help="comma-separated document ids (default: all)")
    parser.add_argument("--gold", type=Path, default=GOLD, help="the pdf_gold folder")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the JSON")
    return parser.parse_args(argv)


def _split(value: str) -> list[str]:
    """A comma-separated option as a list, empty items dropped."""
    return [v.strip() for v in value.split(",") if v.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the tables and write the JSON; returns the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args = parse_args(argv)
    scorer = load_scorer(args.gold)
    layouts = scorer.load_layouts(args.gold)
    try:
        ids = select_ids(args.gold, layouts, _split(args.layouts), _split(args.ids))
        tools, skipped = make_tools(_split(args.tools))
    except ValueError as exc:
        print(f"bench_layout: {exc}")
        return 2
    if not ids:
        print(f"no documents selected in {args.gold}")
        return 2
    for name, reason in skipped.items():
        print(f"skipping {name}: {reason}")
    started = time.perf_counter()
    results = benchmark(tools, args.gold, ids, layouts)
    print(report(results))
    payload = {
        "command": " ".join(
            ["python bench/bench_layout.py", *(sys.argv[1:] if argv is None else argv)]
        ),
        "precis_source": _source_state(),
        "gold": str(args.gold),
        "corpus_sha256": corpus_hash(args.gold, ids),
        "documents": len(ids),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {_cpus()} CPUs",
        "wall_s": round(time.perf_counter() - started, 1),
        "measures": [*MEASURES, "word_f1"],
        "skipped": skipped,
        "tools": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


def _source_state() -> dict[str, Any]:
    """The commit measured and the files under src/ that differ from it (read-only git)."""

    def git(*args: str) -> str:
        cmd = ["git", "-C", str(REPO), *args]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        return done.stdout.rstrip() if done.returncode == 0 else ""

    changed = git("status", "--porcelain", "--", "src")
    return {"commit": git("rev-parse", "HEAD"), "changed_src": changed.splitlines()}


def _cpus() -> int:
    """CPUs this process may use."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())
