"""Write the Russian, Italian and Hindi documents of tests/test_multilingual_e2e.py (issue 19:
"Russian, Italian and Hindi are wanted too") from the Parallel Universal Dependencies treebanks.

The shared multilingual sets have no ru, it or hi rows, so these come from UD_Russian-PUD,
UD_Italian-PUD and UD_Hindi-PUD (CC BY-SA 3.0): 1,000 sentences of news and Wikipedia, taken
from the same documents in every language and translated by professional translators (none
of them by this team). A PUD document is a sample of at most five sentences of one article, too
short to summarize, so a fixture is the file's documents in file order, one paragraph each
(``# newdoc``; sentences in order, joined by a space), until :data:`BUDGET` characters are
reached. The three files hold the same articles; nothing is chosen by how precis does on it.

    python bench/build_pud_fixtures.py --mirror /work/.mirror
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "multilingual"
BUDGET = 900  # characters, as the other fixtures (bench/build_multilingual_fixtures.py)
TREEBANKS = {"hi": "UD_Hindi-PUD", "it": "UD_Italian-PUD", "ru": "UD_Russian-PUD"}


def git(repo: Path, *args: str) -> str:
    """Output of a git command in the bare snapshot."""
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True
    ).stdout.decode("utf-8")


def documents(conllu: str) -> list[tuple[str, list[str]]]:
    """(document id, its sentence texts in order) for every ``# newdoc`` of the file."""
    docs: list[tuple[str, list[str]]] = []
    for line in conllu.splitlines():
        if line.startswith("# newdoc id = "):
            docs.append((line.split("=", 1)[1].strip(), []))
        elif line.startswith("# text = ") and docs:
            docs[-1][1].append(line[len("# text = ") :].strip())
    return docs


def fixture(docs: list[tuple[str, list[str]]]) -> tuple[str, list[str]]:
    """The first documents as paragraphs until BUDGET characters; the text and document ids."""
    paragraphs: list[str] = []
    ids: list[str] = []
    for doc_id, sentences in docs:
        if sum(len(p) for p in paragraphs) >= BUDGET:
            break
        paragraphs.append(" ".join(sentences))
        ids.append(doc_id)
    return "\n\n".join(paragraphs) + "\n", ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, required=True, help="folder of fetch snapshots")
    args = parser.parse_args(argv)
    for code, name in TREEBANKS.items():
        repo = args.mirror / f"UniversalDependencies+{name}" / "repo"
        path = f"{code}_pud-ud-test.conllu"
        conllu = git(repo, "show", f"HEAD:{path}")
        text, ids = fixture(documents(conllu))
        (OUT / f"{code}.txt").write_text(text, encoding="utf-8")
        commit = git(repo, "rev-parse", "HEAD").strip()
        digest = hashlib.sha256(conllu.encode("utf-8")).hexdigest()
        print(
            f"{code} {name}/{path}@{commit[:8]} docs {ids[0]}..{ids[-1]} ({len(ids)}), "
            f"{len(text)} chars, sha256 {digest[:8]}…{digest[-4:]}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
