"""Convert pySBD's per-language Golden Rules (its tests/lang/test_*.py) into
``bench/data/sentence_rules_multilingual.jsonl`` (issue 19).

Each test module is run as Python (its case lists are literals; ``pytest.param`` keeps the
xfail marks pySBD put on cases it fails itself). A case comes from a list that pySBD runs with
``clean=True`` when its test function takes a ``*_with_clean_*`` fixture; such a case is kept
only when its expected sentences occur verbatim and in order in the text (no rewriting needed
to produce them as spans), and the others are counted as left out. English is left out: it has
its own fixture and benchmark (bench/bench_sentences.py).

    python bench/build_sentence_rules.py --repo /work/.mirror/nipunsadvilkar+pySBD/repo
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

log = logging.getLogger("build_sentence_rules")
OUT = Path(__file__).resolve().parent / "data" / "sentence_rules_multilingual.jsonl"
# pySBD file name -> ISO 639-1 code
CODES = {
    "amharic": "am", "arabic": "ar", "armenian": "hy", "bulgarian": "bg", "burmese": "my",
    "chinese": "zh", "danish": "da", "deutsch": "de", "dutch": "nl", "french": "fr",
    "greek": "el", "hindi": "hi", "italian": "it", "japanese": "ja", "kazakh": "kk",
    "marathi": "mr", "persian": "fa", "polish": "pl", "russian": "ru", "slovak": "sk",
    "spanish": "es", "urdu": "ur",
}  # fmt: skip
# the case list, then the test function's header and first lines (its fixture or Segmenter)
_PARAMETRIZE = re.compile(
    r"@pytest\.mark\.parametrize\(\s*'[^']*'\s*,\s*([A-Z_]+)\)\s*(def [^\n]*\n(?:[^\n]*\n){0,4})"
)


def git_show(repo: Path, commit: str, path: str) -> str:
    """A file's text at ``commit`` in the bare mirror."""
    out = subprocess.run(
        ["git", "-C", str(repo), "show", f"{commit}:{path}"], check=True, capture_output=True
    )
    return out.stdout.decode("utf-8")


def verbatim(text: str, sentences: list[str]) -> bool:
    """Whether the sentences occur in ``text`` in order, without overlap (spans exist)."""
    pos = 0
    for s in sentences:
        found = text.find(s, pos)
        if found < 0:
            return False
        pos = found + len(s)
    return True


def cases_of(source: str) -> list[tuple[str, bool, Any]]:
    """(list name, run with clean=True, the list) for each parametrised case list."""
    namespace: dict[str, Any] = {"pytest": pytest, "__name__": "pysbd_cases"}
    exec(compile(source, "<pysbd test>", "exec"), namespace)  # noqa: S102 - pinned public file
    return [
        (name, "_with_clean_" in head or "clean=True" in head, namespace[name])
        for name, head in _PARAMETRIZE.findall(source)
    ]


def convert(repo: Path, commit: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """All non-English cases as rows, and per language how many clean cases were left out."""
    rows: list[dict[str, Any]] = []
    left_out: dict[str, int] = {}
    for name, code in sorted(CODES.items(), key=lambda kv: kv[1]):
        path = f"tests/lang/test_{name}.py"
        for list_name, clean, cases in cases_of(git_show(repo, commit, path)):
            for i, case in enumerate(cases):
                marks = getattr(case, "marks", ())
                text, expected = case.values if hasattr(case, "values") else case
                if clean and not verbatim(text, expected):
                    left_out[code] = left_out.get(code, 0) + 1
                    continue
                rows.append(
                    {
                        "id": f"{code}-{list_name.lower()}-{i:03d}",
                        "language": code,
                        "text": text,
                        "sentences": list(expected),
                        "pysbd_clean": clean,
                        "pysbd_xfail": any(m.name == "xfail" for m in marks),
                        "origin": f"{path}::{list_name}[{i}]",
                    }
                )
    return rows, left_out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", required=True, help="pySBD git directory (the fetch mirror)")
    parser.add_argument("--commit", default="HEAD")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    repo = Path(args.repo)
    commit = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", args.commit], check=True, capture_output=True,
        text=True,
    ).stdout.strip()  # fmt: skip
    rows, left_out = convert(repo, commit)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    log.info("wrote %d cases from %s to %s", len(rows), commit, OUT)
    log.info("clean=True cases left out (text rewritten): %s", json.dumps(left_out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
