"""Fixtures of the batch tests: a folder of mixed and broken inputs, a small news table."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from batch_helpers import EXAMPLES, news_table


@pytest.fixture()
def mixed_folder(tmp_path: Path) -> Path:
    """The bundled examples plus a corrupt PDF, an empty file, a binary file, a DOCX (an error
    record: precis reads no DOCX) and nested folders (and a hidden file batch must skip)."""
    root = tmp_path / "mixed"
    root.mkdir()
    for name in ("README.md", "beast-jewel-of-mars.html", "beast-jewel-of-mars.pdf"):
        shutil.copy(EXAMPLES / name, root / name)
    shutil.copy(EXAMPLES / "beast-jewel-of-mars.txt", root / "beast-jewel-of-mars.txt")
    broken = root / "broken"
    broken.mkdir()
    (broken / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage")
    (broken / "empty.txt").write_bytes(b"")
    (broken / "blob.txt").write_bytes(bytes(range(256)) * 8)
    deeper = root / "nested" / "deeper"
    deeper.mkdir(parents=True)
    (deeper / "story.md").write_text(
        "# A story\n\nThe council met on Monday. It voted to repair the bridge. "
        "The repair will cost four million dollars. Work starts in May.\n",
        encoding="utf-8",
    )
    (root / ".hidden.txt").write_text("not an input", encoding="utf-8")
    (root / "notes.docx").write_bytes(b"PK\x03\x04 a ZIP archive: not text, HTML or PDF")
    return root


@pytest.fixture()
def small_table(tmp_path: Path) -> Path:
    return news_table(tmp_path / "news.jsonl", 12)
