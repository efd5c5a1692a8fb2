"""Fixtures: the three real news articles of ``tests/fixtures/guard`` (ORIGIN_guard.md), loaded
once per session, and a guard prepared for each."""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.abstractive.guard import Guard
from precis.api import load
from precis.document import Document

GUARD_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "guard"
ARTICLES = ("nasa_alien_life", "armenia_genocide", "clinton_followers")


@pytest.fixture(scope="session")
def articles() -> dict[str, Document]:
    return {name: load(GUARD_FIXTURES / f"{name}.txt") for name in ARTICLES}


@pytest.fixture(scope="session")
def guards(articles: dict[str, Document]) -> dict[str, Guard]:
    """One guard per article with the default options (the source index is built once)."""
    return {name: Guard(doc) for name, doc in articles.items()}
