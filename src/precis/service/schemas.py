"""Request bodies as pydantic models: unknown fields are refused, types and ranges checked.

These models only check the shape of a request; the values are then handed to the same frozen
options the CLI builds (:mod:`precis.options`), whose own validation has the last word, so the
service never parses input differently from the library.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from precis.option_help import HELP


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class AbstractiveRequest(_Strict):
    """A model-written summary (only models the operator allowed, see ``PRECIS_MODELS``)."""

    model: str = Field(min_length=1, max_length=1000, description=HELP["model"])
    remote_model: str | None = Field(None, max_length=200, description=HELP["remote_model"])
    strategy: str = Field("map-reduce", description="map-reduce or refine")
    guard: str = Field("drop", description=HELP["guard"])
    threshold: float | None = Field(None, ge=0, le=1, description="guard's lowest support score")
    max_new_tokens: int = Field(160, ge=1, le=8192)
    target_tokens: int | None = Field(None, ge=1)
    context_tokens: int | None = Field(None, ge=1)
    max_chunks: int = Field(24, ge=0, le=10_000)
    prompt: str | None = Field(None, max_length=20_000, description="map template with {text}")
    num_beams: int = Field(1, ge=1, le=16)
    do_sample: bool = False
    temperature: float = Field(1.0, gt=0, le=10)
    top_p: float = Field(1.0, gt=0, le=1)
    no_repeat_ngram_size: int = Field(3, ge=0, le=20)


class SummarizeFields(_Strict):
    """Every option of ``precis summarize`` (see :class:`precis.options.SummarizeOptions`)."""

    method: str = Field("auto", max_length=50, description=HELP["method"])
    sentences: int | None = Field(None, ge=1, description=HELP["sentences"])
    words: int | None = Field(None, ge=1, description=HELP["words"])
    ratio: float | None = Field(None, gt=0, le=1, description=HELP["ratio"])
    chars: int | None = Field(None, ge=1, description=HELP["chars"])
    order: str = Field("document", description="document or score")
    mmr_lambda: float | None = Field(None, ge=0, le=1)
    filters: bool = True
    skip_abstract: bool = Field(False, description="leave a paper's abstract out of the summary")
    query: str | None = Field(None, max_length=10_000, description=HELP["query"])
    per_section: int | None = Field(None, ge=1, description=HELP["per_section"])
    section_ratio: float | None = Field(None, gt=0, le=1)
    keyphrases: int | None = Field(None, ge=1, le=1000, description=HELP["keyphrases"])
    abstractive: AbstractiveRequest | None = None
    format: str | None = Field(
        None, description="input format: text, markdown, html (pdf for uploads); null = detect"
    )
    clean: bool = Field(True, description="false: skip repair steps (CLI --no-clean)")
    view: bool = Field(False, description="add the viewer's JSON and a Markdown rendering")


class SummarizeRequest(SummarizeFields):
    """``text`` or ``url`` (JSON), or a ``file`` upload (multipart), plus options."""

    text: str | None = Field(None, description="the document itself; never a path")
    url: str | None = Field(None, max_length=8192, description="an http(s) URL to fetch")


class SourceRequest(_Strict):
    text: str | None = None
    url: str | None = Field(None, max_length=8192)
    format: str | None = None


class CheckRequest(_Strict):
    """A source and any summary of it; each summary sentence is judged against the source."""

    source: SourceRequest | None = None
    summary: str | None = Field(None, description="the summary's text (any tool's output)")
    threshold: float | None = Field(None, ge=0, le=1)
    clean: bool = True
    view: bool = Field(False, description="add the source's clean text (evidence offsets index it)")


def summarize_spec(request: SummarizeFields) -> dict[str, Any]:
    """The options part of a request as plain data (what a worker process receives)."""
    return request.model_dump(include=set(SummarizeFields.model_fields) - {"view"})
