"""Write the small real documents of tests/test_multilingual_e2e.py (issue 19 acceptance: a test on
a real document in each language, as text, HTML and PDF).

For each language the *first* row (file order) of ``../shared/data/multilingual/<lang>.jsonl``
(English: the first article of ``../shared/data/xsum_test_frank.jsonl``), its opening trimmed
to about :data:`BUDGET` characters at a sentence end and laid out as paragraphs: the source's
own blank-line paragraphs where it has them (de, fr, pt); for Chinese and Japanese the spaces
(XL-Sum joined the BBC paragraphs with one, and these scripts put none inside a paragraph); else
(XL-Sum and XSum lost the paragraphs) every :data:`PER_PARAGRAPH` sentences. Nothing is chosen by how precis does on it.

    python bench/build_multilingual_fixtures.py
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "tests" / "fixtures" / "multilingual"
LANGUAGES = ("ar", "de", "en", "es", "fr", "ja", "pt", "tr", "uk", "zh")
BUDGET = {"zh": 400, "ja": 400}  # characters; others DEFAULT_BUDGET
DEFAULT_BUDGET = 900
PER_PARAGRAPH = 3
# a terminator (and closing quotes) then space, or a CJK terminator anywhere
_END = re.compile(r"(?<=[.!?؟])[\"'»”)]*\s+|(?<=[。！？])[」』”]*\s*")


def first_row(language: str) -> tuple[dict, Path]:
    """The first row of the language's file, and the file."""
    path = DATA / (
        "xsum_test_frank.jsonl" if language == "en" else f"multilingual/{language}.jsonl"
    )
    with path.open(encoding="utf-8") as f:
        return json.loads(f.readline()), path


def pieces(text: str) -> list[str]:
    """Rough sentences, enough to trim at a sentence end (the fixture is not a gold standard)."""
    return [p.strip() for p in _END.split(text) if p.strip()]


def trimmed(source: str, language: str) -> str:
    """The opening of ``source``, about BUDGET characters, as blank-line paragraphs."""
    budget = BUDGET.get(language, DEFAULT_BUDGET)
    blocks = [b for b in re.split(r"\n\s*\n", source) if b.strip()]
    if len(blocks) == 1 and language in ("zh", "ja"):
        blocks = blocks[0].split()  # XL-Sum joined the BBC paragraphs with a space
    elif len(blocks) == 1:
        parts = pieces(blocks[0].replace("\n", " "))
        blocks = [
            (" " if language not in ("zh", "ja") else "").join(parts[i : i + PER_PARAGRAPH])
            for i in range(0, len(parts), PER_PARAGRAPH)
        ]
    out: list[str] = []
    size = 0
    for block in blocks:
        kept = []
        for piece in pieces(block.replace("\n", " ")):
            if size >= budget:
                break
            kept.append(piece)
            size += len(piece)
        if kept:
            out.append((" " if language not in ("zh", "ja") else "").join(kept))
        if size >= budget:
            break
    return "\n\n".join(out) + "\n"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        row, path = first_row(language)
        text = trimmed(row["source"], language)
        (OUT / f"{language}.txt").write_text(text, encoding="utf-8")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        print(
            f"{language} {row['id']} {len(text)} chars, {path.name} sha256 {digest[:8]}…{digest[-4:]}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
