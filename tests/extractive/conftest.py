"""Fixtures: the bundled story loaded once per session, and tiny documents built from text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from precis.api import load, load_text
from precis.document import Document
from precis.ingest.base import Metadata

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def story() -> Document:
    return load(EXAMPLES / "beast-jewel-of-mars.txt")


@pytest.fixture(scope="session")
def make_doc() -> Callable[[str], Document]:
    """Build a document from plain text through the real loader ("" gives a 0-sentence one)."""

    def build(text: str) -> Document:
        if not text:
            return Document(text="", metadata=Metadata(), sections=(), paragraphs=(), sentences=())
        return load_text(text)

    return build
