"""``precis batch``: summarize a folder, a glob or a table into JSONL or Parquet, resumably.

A thin typer wrapper over :func:`precis.batch.runner.run_batch`; :mod:`precis.cli` registers it
as ``precis batch``, and this module never imports :mod:`precis.cli` back: the summary options
are the ones declared once in :mod:`precis.cli_options`, shown here under their own help panel.
Nothing heavy is imported here (pyarrow and Ray load when a run needs them).
"""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Annotated, Any

import typer

from precis.cli_base import guarded, run
from precis.cli_choices import GuardPolicy, InputFormat
from precis.cli_help import PlainHelpCommand
from precis.cli_options import (
    AbstractiveOpt,
    AllowPrivateOpt,
    CharsOpt,
    GuardOpt,
    InputFormatOpt,
    KeyphrasesOpt,
    LanguageOpt,
    MethodOpt,
    ModelOpt,
    NoCleanOpt,
    PerSectionOpt,
    QueryOpt,
    RatioOpt,
    RemoteModelOpt,
    SentencesOpt,
    WordsOpt,
    abstractive_options,
    in_panel,
    load_options,
)

SUMMARY = "Summary options"
ENGINE = "Engine"
TABLE = "Table input"


# precis batch groups the summary options under a panel of their own.
BatchSentencesOpt = in_panel(SentencesOpt, SUMMARY)
BatchWordsOpt = in_panel(WordsOpt, SUMMARY)
BatchRatioOpt = in_panel(RatioOpt, SUMMARY)
BatchCharsOpt = in_panel(CharsOpt, SUMMARY)
BatchMethodOpt = in_panel(MethodOpt, SUMMARY)
BatchPerSectionOpt = in_panel(PerSectionOpt, SUMMARY)
BatchQueryOpt = in_panel(QueryOpt, SUMMARY)
BatchKeyphrasesOpt = in_panel(KeyphrasesOpt, SUMMARY)


class Engine(str, enum.Enum):
    local = "local"
    ray = "ray"


class OutputFormat(str, enum.Enum):
    jsonl = "jsonl"
    parquet = "parquet"


class ColumnType(str, enum.Enum):
    auto = "auto"
    text = "text"
    path = "path"
    url = "url"


def batch_command(
    input: Annotated[
        str,
        typer.Argument(
            help="A folder (recursive), a quoted glob, a document, or a JSONL/CSV/Parquet table.",
            metavar="INPUT",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="JSONL or Parquet file: one record per input.",
            show_default=False,
        ),
    ],
    engine: Annotated[
        Engine,
        typer.Option("--engine", help="local processes or a Ray cluster.", rich_help_panel=ENGINE),
    ] = Engine.local,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", min=1, help="Worker processes (default: CPUs).", rich_help_panel=ENGINE
        ),
    ] = None,
    address: Annotated[
        str | None,
        typer.Option(
            "--address",
            help="Ray cluster: auto or ray://host:port (default: start one here).",
            rich_help_panel=ENGINE,
        ),
    ] = None,
    num_gpus: Annotated[
        float,
        typer.Option(
            "--num-gpus",
            min=0.0,
            help="Ray: GPUs per worker (abstractive).",
            rich_help_panel=ENGINE,
        ),
    ] = 0.0,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0.001,
            help="Seconds per input before it is stopped.",
            rich_help_panel=ENGINE,
        ),
    ] = 300.0,
    column: Annotated[
        str | None,
        typer.Option(
            "--column",
            help="Table column with the documents (default: guessed).",
            rich_help_panel=TABLE,
        ),
    ] = None,
    column_type: Annotated[
        ColumnType,
        typer.Option(
            "--column-type",
            help="What the column holds (auto: by its name; path, url or text).",
            rich_help_panel=TABLE,
        ),
    ] = ColumnType.auto,
    id_column: Annotated[
        str | None,
        typer.Option(
            "--id-column",
            help="Column of unique ids (default: the row number).",
            rich_help_panel=TABLE,
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume/--no-resume", help="Skip inputs already in OUTPUT, or start over."),
    ] = True,
    sentences: BatchSentencesOpt = None,
    words: BatchWordsOpt = None,
    ratio: BatchRatioOpt = None,
    chars: BatchCharsOpt = None,
    method: BatchMethodOpt = "auto",
    per_section: BatchPerSectionOpt = None,
    query: BatchQueryOpt = None,
    keyphrases: BatchKeyphrasesOpt = None,
    abstractive: AbstractiveOpt = False,
    model: ModelOpt = None,
    remote_model: RemoteModelOpt = None,
    guard: GuardOpt = GuardPolicy.drop,
    input_format: InputFormatOpt = None,
    no_clean: NoCleanOpt = False,
    language: LanguageOpt = None,
    allow_private: AllowPrivateOpt = False,
    format: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="Output format when OUTPUT's suffix does not say."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Only the first N inputs.")
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write the final report as JSON here.")
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", help="No progress bar and no report on stderr.")
    ] = False,
    part_records: Annotated[
        int, typer.Option("--part-records", min=1, hidden=True, help="Parquet: records per part.")
    ] = 1000,
) -> None:
    """Summarize many documents into one record each (JSONL or Parquet); rerun to resume."""
    from precis.batch.runner import BatchOptions, run_batch

    summarize = _summarize_options(
        sentences=sentences,
        words=words,
        ratio=ratio,
        chars=chars,
        method=method,
        per_section=per_section,
        query=query,
        keyphrases=keyphrases,
        model=model if (abstractive or model is not None) else None,
        abstractive=abstractive,
        remote_model=remote_model,
        guard=guard.value,
        input_format=input_format,
        no_clean=no_clean,
        language=language,
        allow_private=allow_private,
    )
    options = BatchOptions(
        input=input,
        output=output,
        format=format.value if format else None,
        engine=engine.value,
        workers=workers,
        address=address,
        num_gpus=num_gpus,
        column=column,
        column_type=column_type.value,
        id_column=id_column,
        resume=resume,
        limit=limit,
        timeout=timeout,
        summarize=summarize,
        progress=not quiet,
        part_records=part_records,
    )
    from rich.console import Console

    console = Console(stderr=True)
    result = run_batch(options, console=console)
    if report is not None:
        report.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if not quiet:
        from precis.batch.report import render

        render(result, console)
    if not result["complete"]:
        typer.echo(
            f"precis: interrupted with {result['records']} records in {output}; "
            "rerun the same command to resume",
            err=True,
        )
        raise typer.Exit(130)


def _summarize_options(
    *,
    model: str | None,
    abstractive: bool,
    remote_model: str | None,
    guard: str,
    input_format: InputFormat | None,
    no_clean: bool,
    allow_private: bool,
    language: str | None = None,
    **budget: Any,
) -> Any:
    """SummarizeOptions from the flags (their validation raises OptionError)."""
    from precis.options import SummarizeOptions

    load = load_options(input_format, no_clean, allow_private, language=language)
    model_options = None
    if abstractive or model is not None:
        model_options = abstractive_options(model, remote_model=remote_model, guard=guard)
    else:
        from precis.registry import scorers

        scorers.get(budget["method"])  # an unknown method fails before any work, not per input
    return SummarizeOptions(**budget, abstractive=model_options, load=load)


def main() -> None:
    """``python -m precis.batch.command``: the command on its own (precis.cli registers it too)."""
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command(cls=PlainHelpCommand)(guarded(batch_command))
    run(app)


if __name__ == "__main__":
    main()
