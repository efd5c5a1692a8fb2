"""Summaries shared by the HTML report tests: the example story, a hostile document, and
abstractive summaries made through the real pipeline against a tiny OpenAI-protocol server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.abstractive.chat_server import TinyModel, serve

from precis import api
from precis.abstractive.guard import GuardOptions
from precis.abstractive.options import AbstractiveOptions
from precis.abstractive.pipeline import AbstractiveSummary
from precis.options import CleanOptions, LoadOptions, SummarizeOptions
from precis.summary import Summary

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
INVENTED = "The findings were confirmed by John Sutter of CNN."
# Markup a document may carry as text; cleaning is off so that the <img> tag survives too.
HOSTILE = (
    "# Report </title><script>window.pwned = 1</script>\n\n"
    "The memo quotes </script><script>window.pwned = 2</script> verbatim here. "
    'Then it shows <img src=x onerror="window.pwned = 3"> as an image tag. '
    "A third sentence talks about cats & dogs <b>in bold</b>.\n\n"
    "Another paragraph mentions <!-- a comment --> and ]]> as well."
)


@pytest.fixture(scope="session")
def beast() -> dict[str, Summary]:
    """The example story summarised from each of its three formats (5 sentences)."""
    options = SummarizeOptions(sentences=5, keyphrases=6)
    return {
        ext: api.summarize(EXAMPLES / f"beast-jewel-of-mars.{ext}", options)
        for ext in ("pdf", "html", "txt")
    }


@pytest.fixture(scope="session")
def hostile() -> Summary:
    load = LoadOptions(format="markdown", clean=CleanOptions(enabled=False))
    doc = api.load_text(HOSTILE, format="markdown", options=load)
    return api.summarize(doc, SummarizeOptions(sentences=3))


@pytest.fixture(scope="session")
def sectioned() -> Summary:
    """The story under four chapter headings, summarised one sentence per section."""
    text = (EXAMPLES / "beast-jewel-of-mars.txt").read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")[2:26]
    parts = []
    for i in range(0, len(paragraphs), 6):
        parts.append(f"## Chapter {i // 6 + 1}")
        parts.extend(paragraphs[i : i + 6])
    doc = api.load_text("\n\n".join(parts), format="markdown")
    return api.summarize(doc, SummarizeOptions(per_section=1))


@pytest.fixture(scope="session")
def inventing() -> Iterator[TinyModel]:
    yield from serve(TinyModel(invent=INVENTED))


def abstract(server: TinyModel, policy: str, **budget: int) -> AbstractiveSummary:
    """The story's first pages summarised by the tiny model under the guard ``policy``."""
    text = (EXAMPLES / "beast-jewel-of-mars.txt").read_text(encoding="utf-8")
    doc = api.load_text("\n\n".join(text.split("\n\n")[:40]))
    model = AbstractiveOptions(
        model=server.base_url,
        remote_model="tiny",
        api_key_env="PRECIS_TEST_NO_KEY",
        context_tokens=900,
        max_new_tokens=80,
        guard=GuardOptions(policy=policy),
    )
    return api.abstract(doc, SummarizeOptions(abstractive=model, **budget))


@pytest.fixture(scope="session")
def flagged(inventing: TinyModel) -> AbstractiveSummary:
    """Policy ``flag``: the invented sentence is kept and marked unsupported."""
    return abstract(inventing, "flag")


@pytest.fixture(scope="session")
def dropped(inventing: TinyModel) -> AbstractiveSummary:
    """Policy ``drop`` with a one-sentence budget: one sentence over budget, one unsupported."""
    return abstract(inventing, "drop", sentences=1)
