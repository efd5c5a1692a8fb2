"""Abstractive summaries end to end (API, process_one, CLI) through a real OpenAI-protocol server
on 127.0.0.1 (``chat_server``): guard policies, per-section abstracts, extract-then-abstract."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chat_server import TinyModel, serve
from tests.conftest import run_cli

from precis import api
from precis.abstractive.guard import GuardOptions
from precis.abstractive.options import AbstractiveOptions
from precis.abstractive.pipeline import AbstractiveSummary, estimate_tokens
from precis.document import Document
from precis.errors import OptionError
from precis.options import SummarizeOptions
from precis.render.abstract import FLAG, render_abstract

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PDF = EXAMPLES / "beast-jewel-of-mars.pdf"
INVENTED = "The findings were confirmed by John Sutter of CNN."


@pytest.fixture
def model() -> Iterator[TinyModel]:
    yield from serve(TinyModel())


@pytest.fixture
def inventing() -> Iterator[TinyModel]:
    yield from serve(TinyModel(invent=INVENTED))


@pytest.fixture(scope="module")
def beast() -> Document:
    return api.load(PDF)


@pytest.fixture(scope="module")
def paper() -> Document:
    """The example story under eight chapter headings (a document with sections)."""
    text = (EXAMPLES / "beast-jewel-of-mars.txt").read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")[2:]  # after the title and the byline
    parts = []
    for i in range(0, 8 * 6, 6):
        parts.append(f"## Chapter {i // 6 + 1}")
        parts.extend(paragraphs[i : i + 6])
    return api.load_text("\n\n".join(parts), format="markdown")


def options(server: TinyModel, **settings: Any) -> SummarizeOptions:
    guard = GuardOptions(policy=settings.pop("policy", "drop"))
    budget = {k: settings.pop(k) for k in ("sentences", "words", "per_section") if k in settings}
    model = AbstractiveOptions(
        model=server.base_url,
        remote_model="tiny",
        api_key_env="PRECIS_TEST_NO_KEY",
        context_tokens=settings.pop("context_tokens", 900),
        max_new_tokens=settings.pop("max_new_tokens", 80),
        guard=guard,
        **settings,
    )
    return SummarizeOptions(abstractive=model, **budget)


def test_abstract_keeps_supported_sentences_with_evidence(
    model: TinyModel, beast: Document
) -> None:
    result = api.abstract(beast, options(model))

    assert isinstance(result, AbstractiveSummary) and len(result.parts) == 1
    assert result.chunks > 1 and result.calls == len(model.requests)
    assert result.max_prompt_tokens + 80 <= result.context_tokens == 900
    kept = [s for s in result.sentences if s.kept]
    assert kept and result.text
    for s in kept:  # the tiny model copies source sentences: all supported, with evidence
        assert s.check is not None and s.check.supported and s.check.evidence
        for e in s.check.evidence:
            assert beast.text[e.start : e.end] == beast.sentences[e.sentence].text


def test_server_token_estimate_is_never_below_the_real_count(
    model: TinyModel, beast: Document
) -> None:
    """Bytes/3 overestimates whitespace words (the tiny server's tokens) on real prose."""
    api.abstract(beast, options(model))
    assert all(estimate_tokens(p) >= len(p.split()) for p in model.prompts)


def test_guard_drops_an_invented_attribution(inventing: TinyModel, beast: Document) -> None:
    result = api.abstract(beast, options(inventing))

    invented = [s for s in result.sentences if "John Sutter" in s.text]
    assert invented, "the model's invented sentence reaches the guard"
    for s in invented:
        assert not s.kept and s.dropped == "unsupported"
        assert s.check is not None
        assert any("John Sutter" in i.text for i in s.check.unsupported)
    assert "John Sutter" not in result.text
    dumped = json.loads(render_abstract(result, "json"))
    rows = [r for part in dumped["parts"] for r in part["sentences"]]
    assert any(r["dropped"] == "unsupported" and r["unsupported"] for r in rows)


def test_an_all_unsupported_summary_falls_back_to_extractive(beast: Document) -> None:
    """Issue 15, bug 6: the guard drops every sentence the model wrote; the summary is the
    extractive one, marked as such and warned about, never empty."""
    for server in serve(TinyModel(invent=INVENTED, only_invent=True)):
        result = api.abstract(beast, options(server, sentences=2))
        assert result.sentences and not any(s.kept for s in result.sentences)
        assert len(result.fallback) == 2
        assert result.text == " ".join(result.fallback)
        assert all(f in beast.text for f in result.fallback)  # extractive: source sentences
        assert result.warnings and "extractive" in result.warnings[0]
        assert "[extractive" in render_abstract(result, "text")
        dumped = json.loads(render_abstract(result, "json"))
        assert dumped["fallback"]["sentences"] == list(result.fallback)


def test_guard_flag_keeps_and_marks_the_invented_sentence(
    inventing: TinyModel, beast: Document
) -> None:
    result = api.abstract(beast, options(inventing, policy="flag"))

    assert "John Sutter" in result.text
    flagged = [s for s in result.sentences if s.flagged]
    assert flagged and all("John Sutter" in s.text for s in flagged)
    text = render_abstract(result, "text")
    assert any(line.startswith(FLAG) and "John Sutter" in line for line in text.splitlines())


def test_guard_off_keeps_everything_unjudged(inventing: TinyModel, beast: Document) -> None:
    result = api.abstract(beast, options(inventing, policy="off"))

    assert all(s.kept and s.check is None for s in result.sentences)
    assert "John Sutter" in result.text


def test_sentence_and_word_caps(model: TinyModel, beast: Document) -> None:
    one = api.abstract(beast, options(model, sentences=1))
    assert sum(s.kept for s in one.sentences) == 1
    assert all(s.dropped == "budget" for s in one.sentences if not s.kept)
    short = api.abstract(beast, options(model, words=30))
    assert len(short.text.split()) <= 30


def test_per_section_abstracts_keep_headings(model: TinyModel, paper: Document) -> None:
    result = api.abstract(paper, options(model, per_section=1))

    headings = [p.heading for p in result.parts]
    assert headings == [f"Chapter {i}" for i in range(1, 9)]
    assert all(sum(s.kept for s in p.sentences) <= 1 for p in result.parts)
    text = render_abstract(result, "text")
    assert text.index("Chapter 1") < text.index("Chapter 8")
    markdown = render_abstract(result, "markdown")
    assert "## Chapter 2" in markdown


def test_extract_then_abstract_reads_only_salient_passages(
    model: TinyModel, beast: Document
) -> None:
    full = api.abstract(beast, options(model, max_chunks=0))
    model.requests.clear()
    cut = api.abstract(beast, options(model, max_chunks=2))

    assert full.preselected is None
    assert cut.preselected is not None and 0 < cut.preselected < len(beast.sentences)
    assert cut.chunks <= 2 < full.chunks
    assert cut.max_prompt_tokens + 80 <= cut.context_tokens


def test_refine_strategy_through_the_pipeline(model: TinyModel, beast: Document) -> None:
    result = api.abstract(beast, options(model, strategy="refine"))

    assert result.strategy == "refine" and result.calls >= result.chunks > 1
    assert any(p.startswith("Here is a summary") for p in model.prompts)


def test_process_one_abstractive_record_and_error_record(model: TinyModel) -> None:
    record = api.process_one(str(PDF), options(model))
    assert record["error"] is None and record["summary"]["mode"] == "abstractive"
    assert record["summary"]["stats"]["calls"] == len(model.requests)

    down = AbstractiveOptions(
        model="http://127.0.0.1:9/v1", remote_model="tiny", retries=0, timeout=2.0
    )
    failed = api.process_one(str(PDF), SummarizeOptions(abstractive=down))
    assert failed["summary"] is None
    assert failed["error"]["code"] == "backend_timeout"


@pytest.mark.parametrize(
    ("settings", "match"),
    [
        ({"model": "http://127.0.0.1:9/v1"}, "remote-model"),
        ({"model": " "}, "give a model"),
        ({"model": "m", "strategy": "stuff"}, "strategy"),
        ({"model": "m", "max_new_tokens": 0}, "max_new_tokens"),
        ({"model": "m", "prompt": "no placeholder"}, "placeholder"),
        ({"model": "m", "retries": -1}, "retries"),
    ],
)
def test_abstractive_options_reject_bad_values(settings: dict[str, Any], match: str) -> None:
    with pytest.raises(OptionError, match=match):
        AbstractiveOptions(**settings)


def test_summarize_options_reject_extractive_only_modes() -> None:
    model = AbstractiveOptions(model="m")
    with pytest.raises(OptionError, match="extractive"):
        SummarizeOptions(abstractive=model, query="mars")
    with pytest.raises(OptionError, match="budget"):
        SummarizeOptions(abstractive=model, ratio=0.1)


def test_cli_abstractive_json_through_a_server(inventing: TinyModel) -> None:
    out = run_cli(
        "summarize", str(PDF), "--abstractive", "--model", inventing.base_url,
        "--remote-model", "tiny", "--context-tokens", "900", "--max-new-tokens", "80",
        "--format", "json",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["mode"] == "abstractive" and data["guard"] == "drop"
    assert "John Sutter" not in data["text"]
    assert data["stats"]["max_prompt_tokens"] + 80 <= 900


def test_cli_abstractive_errors_are_one_line() -> None:
    no_model = run_cli("summarize", str(PDF), "--abstractive")
    assert no_model.returncode == 2
    assert no_model.stderr.decode().strip().count("\n") == 0
    assert "--model" in no_model.stderr.decode()

    down = run_cli(
        "summarize", str(PDF), "--model", "http://127.0.0.1:9/v1", "--remote-model", "tiny"
    )
    assert down.returncode != 0 and down.stdout == b""
    assert down.stderr.decode().startswith("precis: error:")
    assert down.stderr.decode().strip().count("\n") == 0


def test_view_of_an_abstractive_summary(inventing: TinyModel, beast: Document) -> None:
    from precis.render.view import view_data

    view = view_data(api.abstract(beast, options(inventing, policy="flag")))

    assert view["mode"] == "abstractive" and view["guard"] == "flag"
    rows = [s for part in view["parts"] for s in part["sentences"]]
    assert any(r["supported"] is False and r["unsupported"] for r in rows)
    for r in rows:
        for e in r["evidence"]:
            assert view["text"][e["start"] : e["end"]] == beast.sentences[e["sentence"]].text


@pytest.mark.parametrize(
    ("pages", "context"),
    [
        ({"/props": {"default_generation_settings": {"n_ctx": 2048}}}, 2048),  # llama.cpp
        ({"/v1/models": {"data": [{"id": "tiny", "max_model_len": 4096}]}}, 4096),  # vLLM
        ({}, 8192),  # says nothing: precis's assumption, with a warning
    ],
)
def test_the_server_is_asked_its_context(pages: dict[str, Any], context: int, beast) -> None:
    """Issue 15, bug 5: llama.cpp serves 2048 tokens by default, not the model's 8192."""
    from precis.abstractive.pipeline import open_model

    for server in serve(TinyModel(pages=pages)):
        settings = options(server).abstractive
        assert settings is not None
        settings = dataclasses.replace(settings, context_tokens=None)
        handle = open_model(settings)
        assert handle.context_for(80) == context
        assert api.abstract(beast, SummarizeOptions(abstractive=settings)).context_tokens == context


def test_a_server_that_refuses_a_long_prompt_is_summarized_within_its_context(
    beast: Document,
) -> None:
    """Issue 15, bug 5: llama.cpp answered HTTP 400 ("maximum context length is 2048
    tokens") after 52 s of work; precis learns the length from the answer and goes on."""
    for server in serve(TinyModel(n_ctx=600)):
        settings = options(server).abstractive
        assert settings is not None
        settings = dataclasses.replace(settings, context_tokens=None)
        result = api.abstract(beast, SummarizeOptions(abstractive=settings))
        assert result.context_tokens == 600 and result.text
        assert all(tokens + max_new <= 600 for tokens, max_new in server.requests)
