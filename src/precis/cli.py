"""Command line: thin typer wrappers over :mod:`precis.api` (the only module allowed to print).

Every failure ends in one line on stderr and a non-zero exit code taken from the error class;
never a traceback (set ``PRECIS_DEBUG=1`` to see one for a bug report).
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from precis import __version__
from precis.cli_base import emit as _emit
from precis.cli_base import guarded as _guarded
from precis.cli_base import run
from precis.cli_choices import GuardPolicy, Strategy
from precis.cli_help import PlainHelpCommand, PlainHelpGroup
from precis.cli_options import (
    ABSTRACTIVE,
    GUARD,
    AbstractiveOpt,
    AllowPrivateOpt,
    CharsOpt,
    GuardEmbeddingsOpt,
    GuardOpt,
    InputFormatOpt,
    KeyphrasesOpt,
    LanguageOpt,
    MaxBytesOpt,
    MaxPagesOpt,
    MaxSentencesOpt,
    MethodOpt,
    ModelOpt,
    NliOpt,
    NliThresholdOpt,
    NoCleanOpt,
    PerSectionOpt,
    QueryOpt,
    RatioOpt,
    RemoteModelOpt,
    SentencesOpt,
    TimeLimitOpt,
    WordsOpt,
    abstractive_options,
    guard_options,
    in_panel,
)
from precis.cli_options import load_options as _load_options  # a seam for tests and benches

app = typer.Typer(
    name="precis",
    help="Summaries of long, messy documents (text, HTML, PDF, URL) that people can trust.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=PlainHelpGroup,
)


def command(name: str) -> Callable[[Callable[..., Any]], Any]:
    """Register ``precis NAME`` with plain help and the one-line error contract."""

    def register(func: Callable[..., Any]) -> Any:
        return app.command(name, cls=PlainHelpCommand)(_guarded(func))

    return register


class TextFormat(str, enum.Enum):
    text = "text"
    json = "json"


class SummaryFormat(str, enum.Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


SourceArg = Annotated[str, typer.Argument(help="File path, http(s) URL, or - for standard input.")]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]
# check has no --abstractive: its guard flags get a panel of their own (issue 18).
CheckNliOpt = in_panel(NliOpt, GUARD)
CheckNliThresholdOpt = in_panel(NliThresholdOpt, GUARD)
CheckGuardEmbeddingsOpt = in_panel(GuardEmbeddingsOpt, GUARD)


@command("text")
def text_command(
    source: SourceArg,
    format: Annotated[
        TextFormat, typer.Option("--format", "-f", help="text or json")
    ] = TextFormat.text,
    input_format: InputFormatOpt = None,
    no_clean: NoCleanOpt = False,
    language: LanguageOpt = None,
    allow_private: AllowPrivateOpt = False,
    max_bytes: MaxBytesOpt = None,
    max_pages: MaxPagesOpt = None,
    max_sentences: MaxSentencesOpt = None,
    time_limit: TimeLimitOpt = None,
    output: OutputOpt = None,
    every_block: Annotated[
        bool,
        typer.Option(
            "--all",
            help="print every block (references, footnotes, captions, front matter too): the "
            "text that summary offsets index",
        ),
    ] = False,
) -> None:
    """Print the clean text's reading flow (paragraphs separated by one blank line; references,
    footnotes, captions and front matter left out), or as JSON the structure with every block's
    role and the repairs made (kind, clean and raw offsets, before and after)."""
    from precis import api

    options = _load_options(
        input_format,
        no_clean,
        allow_private,
        {
            "max_bytes": max_bytes,
            "max_pages": max_pages,
            "max_sentences": max_sentences,
            "time_limit": time_limit,
        },
        language=language,
    )
    if format is TextFormat.json:
        _emit(api.load(source, options).to_json(indent=2), output)
    else:
        _emit(api.clean_text(source, options, every_block=every_block), output)


class Order(str, enum.Enum):
    document = "document"
    score = "score"


class EvalBudget(str, enum.Enum):
    sentences = "sentences"
    words = "words"


@contextlib.contextmanager
def _progress_bar() -> Iterator[Callable[[str, int, int], None] | None]:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise (logs say it)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, Any] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield report


SourcesArg = Annotated[
    list[str],
    typer.Argument(help="File paths, http(s) URLs or - ; several make one multi-document summary."),
]


@command("summarize")
def summarize_command(
    sources: SourcesArg,
    sentences: SentencesOpt = None,
    words: WordsOpt = None,
    ratio: RatioOpt = None,
    chars: CharsOpt = None,
    method: MethodOpt = "auto",
    order: Annotated[
        Order, typer.Option("--order", help="Output in document order or by score.")
    ] = Order.document,
    mmr_lambda: Annotated[
        float | None,
        typer.Option("--mmr-lambda", min=0.0, max=1.0, help="Salience vs novelty (1 = no MMR)."),
    ] = None,
    no_filters: Annotated[
        bool, typer.Option("--no-filters", help="Keep fragments, captions and references.")
    ] = False,
    skip_abstract: Annotated[
        bool,
        typer.Option("--skip-abstract", help="Leave a paper's abstract out: a précis of the rest."),
    ] = False,
    query: QueryOpt = None,
    per_section: PerSectionOpt = None,
    section_ratio: Annotated[
        float | None,
        typer.Option("--section-ratio", min=0.0, max=1.0, help="Condense: this share per section."),
    ] = None,
    keyphrases: KeyphrasesOpt = None,
    format: Annotated[
        SummaryFormat,
        typer.Option(
            "--format", "-f", help="text, json, markdown or html (a self-contained viewer)"
        ),
    ] = SummaryFormat.text,
    abstractive: AbstractiveOpt = False,
    model: ModelOpt = None,
    remote_model: RemoteModelOpt = None,
    strategy: Annotated[
        Strategy,
        typer.Option(
            "--strategy", help="Long documents: map-reduce or refine.", rich_help_panel=ABSTRACTIVE
        ),
    ] = Strategy.map_reduce,
    guard: GuardOpt = GuardPolicy.drop,
    max_new_tokens: Annotated[
        int,
        typer.Option(
            "--max-new-tokens", min=1, help="Longest answer.", rich_help_panel=ABSTRACTIVE
        ),
    ] = 160,
    target_tokens: Annotated[
        int | None,
        typer.Option(
            "--target-tokens", min=1, help="Reduce until this short.", rich_help_panel=ABSTRACTIVE
        ),
    ] = None,
    context_tokens: Annotated[
        int | None,
        typer.Option(
            "--context-tokens",
            min=1,
            help="Model context (default: the model's; 8192 for a server).",
            rich_help_panel=ABSTRACTIVE,
        ),
    ] = None,
    max_chunks: Annotated[
        int,
        typer.Option(
            "--max-chunks",
            min=0,
            help="Extract salient passages first when more chunks are needed (0: never).",
            rich_help_panel=ABSTRACTIVE,
        ),
    ] = 24,
    device: Annotated[
        str,
        typer.Option("--device", help="auto, cpu, cuda, cuda:1 ...", rich_help_panel=ABSTRACTIVE),
    ] = "auto",
    batch_size: Annotated[
        int,
        typer.Option("--batch-size", min=1, help="Prompts per batch.", rich_help_panel=ABSTRACTIVE),
    ] = 8,
    num_beams: Annotated[
        int,
        typer.Option("--num-beams", min=1, help="Beam search width.", rich_help_panel=ABSTRACTIVE),
    ] = 1,
    nli: NliOpt = None,
    nli_threshold: NliThresholdOpt = 0.5,
    guard_embeddings: GuardEmbeddingsOpt = False,
    input_format: InputFormatOpt = None,
    no_clean: NoCleanOpt = False,
    language: LanguageOpt = None,
    allow_private: AllowPrivateOpt = False,
    max_bytes: MaxBytesOpt = None,
    max_pages: MaxPagesOpt = None,
    max_sentences: MaxSentencesOpt = None,
    time_limit: TimeLimitOpt = None,
    output: OutputOpt = None,
) -> None:
    """Summarize a document. JSON offsets index the text that 'precis text' prints."""
    from precis import api
    from precis.options import SummarizeOptions
    from precis.render import render_many, render_summary

    model_options = None
    if abstractive or model is not None:
        model_options = abstractive_options(
            model,
            remote_model=remote_model,
            strategy=strategy.value,
            guard=guard.value,
            max_new_tokens=max_new_tokens,
            target_tokens=target_tokens,
            context_tokens=context_tokens,
            max_chunks=max_chunks,
            device=device,
            batch_size=batch_size,
            num_beams=num_beams,
            nli=nli,
            nli_threshold=nli_threshold,
            guard_embeddings=guard_embeddings,
        )
    options = SummarizeOptions(
        method=method,
        sentences=sentences,
        words=words,
        ratio=ratio,
        chars=chars,
        order=order.value,
        mmr_lambda=mmr_lambda,
        filters=not no_filters,
        skip_abstract=skip_abstract,
        query=query,
        per_section=per_section,
        section_ratio=section_ratio,
        keyphrases=keyphrases,
        abstractive=model_options,
        load=_load_options(
            input_format,
            no_clean,
            allow_private,
            {
                "max_bytes": max_bytes,
                "max_pages": max_pages,
                "max_sentences": max_sentences,
                "time_limit": time_limit,
            },
            language=language,
        ),
    )
    if model_options is not None:
        if len(sources) > 1:
            from precis.errors import OptionError

            raise OptionError("--abstractive takes one source")
        from precis.render.abstract import render_abstract

        with _progress_bar() as progress:
            result = api.abstract(sources[0], options, progress=progress)
        if format is SummaryFormat.html:
            from precis.render.html import render_html

            _emit(render_html(result), output)
        else:
            _emit(render_abstract(result, format.value), output)
        return
    if len(sources) > 1:
        if options.by_section or query is not None or keyphrases is not None:
            from precis.errors import OptionError

            raise OptionError("--per-section, --query and --keyphrases take one source")
        if format is SummaryFormat.html:
            from precis.errors import OptionError

            raise OptionError("--format html shows one source; give one, or use json")
        multi = api.summarize_many(sources, options)
        _emit(render_many(multi, format.value, sources), output)
        return
    summary = api.summarize(sources[0], options)
    for warning in summary.document.warnings:  # OCR text, a cover page alone, cut sentences
        typer.echo(f"precis: warning: {warning}", err=True)
    if format is SummaryFormat.html:
        from precis.render.html import render_html

        _emit(render_html(summary), output)
        return
    _emit(render_summary(summary, format.value), output)


@command("methods")
def methods_command() -> None:
    """List the summarization methods."""
    from precis.registry import scorers

    for name in scorers.names():
        description = getattr(scorers.get(name), "description", "")
        _emit(f"{name:10s} {description}", None)


@command("eval")
def eval_command(
    dataset: Annotated[Path, typer.Argument(help="JSONL with source and reference per line.")],
    method: MethodOpt = "auto",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="First N documents.")] = None,
    budget: Annotated[
        EvalBudget, typer.Option("--budget", help="K reference sentences, or reference words.")
    ] = EvalBudget.sentences,
    save: Annotated[
        Path | None, typer.Option("--save", help="Write one JSONL line per document summary.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    bootstrap: Annotated[
        bool, typer.Option("--bootstrap", help="95% bootstrap intervals.")
    ] = False,
    language: LanguageOpt = None,
) -> None:
    """ROUGE-1/2/L/Lsum F1 and seconds per document on a dataset. ROUGE reads each document in
    its language (--language, else the row's "language", else detected): English with
    rouge-score's tokenizer and stemmer, others in words of any script, Chinese and Japanese in
    characters."""
    import json

    from precis.evaluate.run import evaluate

    report = evaluate(
        dataset,
        method=method,
        limit=limit,
        budget=budget.value,
        save=save,
        bootstrap=bootstrap,
        language=language,
    )
    _emit(json.dumps(report.to_dict(), indent=2) if as_json else report.format_table(), None)


@command("check")
def check_command(
    source: SourceArg,
    summaries: Annotated[
        list[str],
        typer.Argument(
            help="Summaries to check (any tool's output): file paths, URLs or one -.",
            metavar="SUMMARY...",
        ),
    ],
    format: Annotated[
        TextFormat, typer.Option("--format", "-f", help="text or json")
    ] = TextFormat.text,
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold", min=0.0, max=1.0, help="Lowest support score of a kept sentence."
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exit with status 1 when any sentence is unsupported."),
    ] = False,
    nli: CheckNliOpt = None,
    nli_threshold: CheckNliThresholdOpt = 0.5,
    guard_embeddings: CheckGuardEmbeddingsOpt = False,
    input_format: InputFormatOpt = None,
    no_clean: NoCleanOpt = False,
    language: LanguageOpt = None,
    allow_private: AllowPrivateOpt = False,
    max_bytes: MaxBytesOpt = None,
    max_pages: MaxPagesOpt = None,
    max_sentences: MaxSentencesOpt = None,
    time_limit: TimeLimitOpt = None,
    output: OutputOpt = None,
) -> None:
    """Check each summary sentence against the source: supported or not, and why. Several
    summaries of one source are checked against it loaded once."""
    import json

    from precis.abstractive.check import check_sources, format_text

    if [source, *summaries].count("-") > 1:
        from precis.errors import OptionError

        raise OptionError("only one of SOURCE and the summaries can be read from standard input")
    guard = guard_options("drop", nli, nli_threshold, guard_embeddings)
    if threshold is not None:
        guard = dataclasses.replace(guard, threshold=threshold)
    results = check_sources(
        source,
        summaries,
        load=_load_options(
            input_format,
            no_clean,
            allow_private,
            {
                "max_bytes": max_bytes,
                "max_pages": max_pages,
                "max_sentences": max_sentences,
                "time_limit": time_limit,
            },
            language=language,
        ),
        guard=guard,
    )
    if len(results) == 1:  # one summary: its verdicts, as they have always been printed
        if format is TextFormat.json:
            _emit(json.dumps(results[0].to_dict(), indent=2, ensure_ascii=False), output)
        else:
            _emit(format_text(results[0]), output)
    elif format is TextFormat.json:
        records = [
            {"summary": name, **r.to_dict()} for name, r in zip(summaries, results, strict=True)
        ]
        _emit(json.dumps(records, indent=2, ensure_ascii=False), output)
    else:
        blocks = [
            f"== {name}\n{format_text(r)}" for name, r in zip(summaries, results, strict=True)
        ]
        _emit("\n\n".join(blocks), output)
    if strict and not all(s.supported for r in results for s in r.sentences):
        raise typer.Exit(code=1)  # like a linter: a gate for CI pipelines that check summaries


@command("serve")
def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Worker processes (default: CPUs).")
    ] = None,
    state_dir: Annotated[
        Path | None, typer.Option("--state-dir", help="Where job records live (SQLite).")
    ] = None,
    allow_private: AllowPrivateOpt = False,
) -> None:
    """Serve the HTTP API and the web page (settings from PRECIS_* variables; flags win)."""
    from precis.service.server import run
    from precis.service.settings import ServiceSettings

    settings = ServiceSettings.from_env(
        workers=workers, state_dir=state_dir, allow_private_urls=allow_private or None
    )
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    run(host, port, settings)


def _register_batch() -> None:
    """``precis batch`` lives in :mod:`precis.batch.command` (light to import: typer only)."""
    from precis.batch.command import batch_command

    command("batch")(batch_command)


_register_batch()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"precis {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")
    ] = False,
) -> None:
    """precis: ingest, repair, structure and summarize documents."""
    if verbose:
        logging.basicConfig(level=logging.DEBUG, format="%(levelname)s %(name)s: %(message)s")
    else:  # model loading bars (huggingface_hub, transformers) would bury the one-line contract
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def main() -> None:
    """Console-script entry point: ``precis`` with every error as one line on stderr."""
    run(app)


if __name__ == "__main__":
    main()
