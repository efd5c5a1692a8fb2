"""summarize_long against a real OpenAI-protocol HTTP server on 127.0.0.1 (``chat_server``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chat_server import HEAD, TAIL, TinyModel, count_words, serve

from precis.abstractive.backends.openai_http import OpenAIChatBackend
from precis.abstractive.guard import GuardOptions
from precis.abstractive.mapreduce import (
    DEFAULT_PROMPT,
    REFINE_PROMPT,
    LongSummary,
    ReductionError,
    summarize_long,
)
from precis.api import load, load_text
from precis.document import Document
from precis.errors import OptionError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CONTEXT = 400
MAX_NEW = 60


@pytest.fixture
def model() -> Iterator[TinyModel]:
    yield from serve(TinyModel())


@pytest.fixture(scope="module")
def beast() -> Document:
    return load(EXAMPLES / "beast-jewel-of-mars.pdf")


@pytest.fixture(scope="module")
def long_doc() -> Document:
    """About 100 pages: the example story eight times over, under part and chapter headings."""
    paragraphs = (EXAMPLES / "beast-jewel-of-mars.txt").read_text(encoding="utf-8").split("\n\n")
    parts = []
    for part in range(1, 9):
        parts.append(f"# Part {part}")
        for i in range(0, len(paragraphs), 12):
            parts.append(f"## Chapter {part}.{i // 12 + 1}")
            parts.extend(paragraphs[i : i + 12])
    return load_text("\n\n".join(parts), format="markdown")


def run(model: TinyModel, doc: Document, **options: Any) -> LongSummary:
    backend = OpenAIChatBackend(model.base_url, "tiny", api_key_env="PRECIS_TEST_NO_KEY")
    settings: dict[str, Any] = {"context_tokens": CONTEXT, "max_new_tokens": MAX_NEW}
    return summarize_long(doc, backend, count_tokens=count_words, **(settings | options))


def assert_within_context(model: TinyModel, result: LongSummary) -> None:
    """Server-side recount: no request left less than max_tokens of the context."""
    assert len(model.requests) == result.calls
    assert sorted(t for t, _ in model.requests) == sorted(result.prompt_tokens)
    assert all(tokens + new <= CONTEXT for tokens, new in model.requests)
    assert all(new == MAX_NEW for _, new in model.requests)


def test_summarize_long_pdf_stays_within_context(model: TinyModel, beast: Document) -> None:
    result = run(model, beast)

    assert_within_context(model, result)
    assert result.chunks > 1
    assert result.rounds >= 1
    assert result.calls == len(result.prompt_tokens) > result.chunks
    assert result.text


def test_summarize_long_long_document_reduces_hierarchically(
    model: TinyModel, long_doc: Document
) -> None:
    assert len(long_doc.text.split()) > 30_000  # about 100 pages
    result = run(model, long_doc, guard=GuardOptions(policy="flag"))

    assert_within_context(model, result)
    assert result.rounds > 1
    assert result.calls > result.chunks + 1
    assert result.text and result.raw
    assert result.guard is not None and result.guard.sentences
    assert all(isinstance(s.supported, bool) for s in result.guard.sentences)
    assert result.guard.supported_count >= 1  # the tiny model copies source sentences verbatim
    assert result.text == " ".join(result.guard.kept())


def test_summarize_long_reaches_target_tokens(model: TinyModel, beast: Document) -> None:
    result = run(model, beast, target_tokens=30, guard=GuardOptions(policy="off"))

    assert_within_context(model, result)
    assert count_words(result.raw) <= 30
    assert result.guard is None and result.text == result.raw


def test_summarize_long_rejects_too_small_context(model: TinyModel, beast: Document) -> None:
    template_cost = count_words(DEFAULT_PROMPT.replace("{text}", ""))
    with pytest.raises(OptionError, match="context_tokens"):
        run(model, beast, context_tokens=MAX_NEW + template_cost)
    assert model.requests == []


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"max_new_tokens": 0}, "max_new_tokens"),
        ({"target_tokens": 0}, "target_tokens"),
        ({"prompt": "Summarize:"}, "placeholder"),
    ],
)
def test_summarize_long_rejects_bad_options(
    model: TinyModel, beast: Document, options: dict[str, Any], match: str
) -> None:
    with pytest.raises(OptionError, match=match):
        run(model, beast, **options)


def test_summarize_long_echoing_backend_raises_reduction_error(beast: Document) -> None:
    for echo in serve(TinyModel(echo=True)):
        with pytest.raises(ReductionError, match="did not shorten"):
            run(echo, beast, max_new_tokens=300, context_tokens=700)
        assert all(tokens + new <= 700 for tokens, new in echo.requests)


def test_summarize_long_truncates_oversized_sentence_by_words(model: TinyModel) -> None:
    # 500 words in under 2,000 characters: one sentence (longer ones are cut by segmentation)
    giant = " ".join(f"w{i % 10}" for i in range(500)) + "."
    doc = load_text(f"A short opening sentence.\n\n{giant}\n\nA short closing sentence.")
    result = run(model, doc, guard=GuardOptions(policy="off"))

    assert result.truncated == 1
    assert_within_context(model, result)
    assert max(result.prompt_tokens) == CONTEXT - MAX_NEW  # cut to exactly the budget


def test_refine_reads_each_chunk_with_the_summary_so_far(model: TinyModel, beast: Document) -> None:
    result = run(model, beast, strategy="refine", guard=GuardOptions(policy="off"))

    assert_within_context(model, result)
    assert result.strategy == "refine" and result.chunks > 2
    assert result.calls == result.chunks + result.rounds  # one call per chunk, sequential
    first, *later = model.prompts[: result.chunks]
    assert "Here is a summary" not in first
    answers = [model.answer(p, MAX_NEW) for p in model.prompts]
    for previous_answer, prompt in zip(answers, later, strict=False):
        assert prompt.startswith("Here is a summary")
        assert previous_answer.strip() in prompt  # the running summary is carried forward


def test_refine_budget_leaves_room_for_the_summary(model: TinyModel, beast: Document) -> None:
    frame = count_words(REFINE_PROMPT.replace("{text}", "").replace("{summary}", ""))
    with pytest.raises(OptionError, match="refine template"):
        run(model, beast, strategy="refine", context_tokens=2 * MAX_NEW + frame)
    with pytest.raises(OptionError, match="strategy"):
        run(model, beast, strategy="stuff")
    assert model.requests == []


def test_summarize_long_only_the_given_sentences(model: TinyModel, long_doc: Document) -> None:
    """One section's sentences: every prompt holds text from that section only."""
    chapter = next(s.index for s in long_doc.sections if s.heading == "Chapter 3.2")
    members = [s.index for s in long_doc.sentences if s.section == chapter]
    section_text = " ".join(long_doc.sentences[i].text for i in members)
    result = run(model, long_doc, sentences=members, guard=GuardOptions(policy="off"))

    assert_within_context(model, result)
    for prompt in model.prompts[: result.chunks]:
        part = prompt[prompt.index(HEAD) + len(HEAD) : prompt.rindex(TAIL)]
        assert all(w in section_text for w in part.split()[:20])
    assert result.chunks < 5


def test_summarize_long_reports_progress(model: TinyModel, long_doc: Document) -> None:
    seen: list[tuple[str, int, int]] = []
    result = run(
        model, long_doc, guard=GuardOptions(policy="off"), progress=lambda *a: seen.append(a)
    )

    maps = [(done, total) for stage, done, total in seen if stage == "map"]
    assert maps[-1] == (result.chunks, result.chunks)
    assert [d for d, _ in maps] == sorted(d for d, _ in maps) and len(maps) > 1
    assert {stage for stage, _, _ in seen} == {"map", "reduce"}
    assert len(model.requests) == result.calls  # batching for progress sends every prompt once


@pytest.mark.parametrize(
    ("answer", "whole"),
    [
        ("One sentence here. She noted that it suggests", "One sentence here."),
        ('He said "Go." Then the', 'He said "Go."'),
        ("All done.", "All done."),
        ("No sentence end at all", "No sentence end at all"),  # nothing whole: the guard judges
        ("", ""),
    ],
)
def test_an_answer_keeps_its_whole_sentences(answer: str, whole: str) -> None:
    """Issue 15, bug 2: an answer cut at max_new_tokens ends in half a sentence."""
    from precis.abstractive.mapreduce import whole_sentences

    assert whole_sentences(answer) == whole
