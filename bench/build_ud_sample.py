"""Take a small sample of Universal Dependencies treebanks (gold sentence boundaries in real
text) into ``bench/data/ud_sentences_sample.jsonl`` for bench/bench_sentences_multilingual.py.

From each treebank's test file (dev where the test file is not in the snapshot) the first
``--sentences`` sentences are read (their ``# text =`` lines), grouped by ``# newdoc`` and
``# newpar``; treebanks whose sentences are shuffled (no ``newdoc``) are grouped in runs of
:data:`CHUNK` sentences, one paragraph each; so are those with one document per sentence
(Japanese GSD). PUD repeats a document's id on each of its sentences.

    python bench/build_ud_sample.py --mirror /work/.mirror
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
from pathlib import Path
from typing import Any

log = logging.getLogger("build_ud_sample")
OUT = Path(__file__).resolve().parent / "data" / "ud_sentences_sample.jsonl"
CHUNK = 20
# language -> (treebank repository, license as its LICENSE.txt states it)
TREEBANKS = {
    "ar": ("UD_Arabic-PUD", "CC BY-SA 3.0"),
    "de": ("UD_German-GSD", "CC BY-SA 4.0"),
    "es": ("UD_Spanish-GSD", "CC BY-SA 4.0"),
    "fr": ("UD_French-GSD", "CC BY-SA 4.0"),
    "it": ("UD_Italian-ISDT", "CC BY-NC-SA 3.0"),
    "ja": ("UD_Japanese-GSD", "CC BY-SA 4.0"),
    "pt": ("UD_Portuguese-Bosque", "CC BY-SA 4.0"),
    "ru": ("UD_Russian-GSD", "CC BY-SA 4.0"),
    "tr": ("UD_Turkish-IMST", "CC BY-NC-SA 3.0"),
    "uk": ("UD_Ukrainian-IU", "CC BY-NC-SA 4.0"),
    "zh": ("UD_Chinese-GSDSimp", "CC BY-SA 4.0"),
}


def git(repo: Path, *args: str) -> str:
    """Output of a git command in the bare mirror."""
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True
    ).stdout.decode("utf-8")


def conllu_file(repo: Path) -> str:
    """The test file when present in the snapshot, else the dev file."""
    names = git(repo, "ls-tree", "--name-only", "HEAD").split()
    for part in ("test", "dev"):
        for name in names:
            if name.endswith(f"-ud-{part}.conllu"):
                probe = subprocess.run(["git", "-C", str(repo), "cat-file", "-e", f"HEAD:{name}"])
                if probe.returncode == 0:
                    return name
    raise SystemExit(f"no test or dev file in {repo}")


def documents(conllu: str, limit: int) -> list[list[list[str]]]:
    """The first ``limit`` sentences as documents of paragraphs of sentence texts."""
    docs: list[list[list[str]]] = []
    count = 0
    ids = [line.split("=", 1)[-1].strip() for line in conllu.splitlines() if _newdoc(line)]
    # no documents, or one per sentence (Japanese GSD): read as shuffled sentences
    shuffled = len(set(ids)) * 2 > conllu.count("\n# text = ") or not ids
    last_id = None
    for line in conllu.splitlines():
        if count >= limit:
            break
        new_id = line.split("=", 1)[-1].strip() if _newdoc(line) else None
        if not docs or (not shuffled and new_id is not None and new_id != last_id):
            docs.append([[]])
            last_id = new_id
        elif line.startswith("# newpar") and docs[-1][-1]:
            docs[-1].append([])
        if line.startswith("# text = "):
            if shuffled and len(docs[-1][-1]) >= CHUNK:
                docs.append([[]])
            docs[-1][-1].append(line[len("# text = ") :].strip())
            count += 1
    return [[p for p in doc if p] for doc in docs if any(doc)]


def _newdoc(line: str) -> bool:
    """A document marker (``# newdoc id = x``; Bosque writes ``# newdoc_id = x``)."""
    return line.startswith("# newdoc")


def sample(mirror: Path, limit: int) -> list[dict[str, Any]]:
    """One row per document, with its origin."""
    rows: list[dict[str, Any]] = []
    for code, (name, license_) in TREEBANKS.items():
        repo = mirror / f"UniversalDependencies+{name}" / "repo"
        path = conllu_file(repo)
        commit = git(repo, "rev-parse", "HEAD").strip()
        for i, paragraphs in enumerate(documents(git(repo, "show", f"HEAD:{path}"), limit)):
            rows.append(
                {
                    "id": f"{code}-{i:03d}",
                    "language": code,
                    "paragraphs": paragraphs,
                    "origin": f"github:UniversalDependencies/{name}/{path}@{commit}",
                    "license": license_,
                }
            )
        log.info("%s: %s %s", code, name, path)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", required=True, help="folder of fetch snapshots")
    parser.add_argument("--sentences", type=int, default=300)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rows = sample(Path(args.mirror), args.sentences)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    log.info("wrote %d documents to %s", len(rows), OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
