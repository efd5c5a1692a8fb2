"""Options shared by ``precis summarize``, ``precis batch``, ``text`` and ``check``, declared once.

Each shared flag is one ``Annotated`` alias here (issue 18, item 7: ``batch`` repeated
``summarize``'s options and they drifted); a command that groups them under its own help panel
uses :func:`in_panel`. The functions at the end turn flag values into the frozen options of
:mod:`precis.options`; their validation raises :class:`~precis.errors.OptionError`. Only typer
is imported here: the model stacks load when a command runs.
"""

from __future__ import annotations

import copy
from typing import Annotated, Any, get_args

import typer
from typer.models import OptionInfo

from precis.cli_choices import GuardPolicy, InputFormat
from precis.cli_help import literal
from precis.option_help import HELP

ABSTRACTIVE = "Abstractive (--abstractive)"
GUARD = "Guard"
LIMITS = "Limits"


def in_panel(option: Any, panel: str) -> Any:
    """The same declared option, shown under ``panel`` in a command's help."""
    annotation, *metadata = get_args(option)
    moved = [copy.copy(m) for m in metadata]
    for info in moved:
        if isinstance(info, OptionInfo):
            info.rich_help_panel = panel
    return Annotated[(annotation, *moved)]


# Reading a source.
InputFormatOpt = Annotated[
    InputFormat | None,
    typer.Option("--input-format", help="Skip detection and read the source as this format."),
]
LanguageOpt = Annotated[
    str | None,
    typer.Option(
        "--language",
        help="The text's language as an ISO 639-1 code (de, fr, zh); default: detected.",
    ),
]
NoCleanOpt = Annotated[
    bool, typer.Option("--no-clean", help="Skip repair steps (mojibake, unicode, glued words).")
]
AllowPrivateOpt = Annotated[
    bool,
    typer.Option(
        "--allow-private", help="Allow URLs that resolve to loopback or private addresses."
    ),
]
MaxBytesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        min=1,
        help="Largest input in bytes (default 200 MB).",
        rich_help_panel=LIMITS,
    ),
]
MaxPagesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-pages", min=1, help="Most PDF pages (default 2000).", rich_help_panel=LIMITS
    ),
]
MaxSentencesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-sentences",
        min=1,
        help="Most sentences in a document (default 1,000,000).",
        rich_help_panel=LIMITS,
    ),
]
TimeLimitOpt = Annotated[
    float | None,
    typer.Option(
        "--time-limit",
        min=0.001,
        help="Seconds allowed per document (default: none).",
        rich_help_panel=LIMITS,
    ),
]

# What summary to make.
SentencesOpt = Annotated[
    int | None, typer.Option("--sentences", "-n", min=1, help=HELP["sentences"])
]
WordsOpt = Annotated[int | None, typer.Option("--words", min=1, help=HELP["words"])]
RatioOpt = Annotated[
    float | None,
    typer.Option("--ratio", min=0.0, max=1.0, help=HELP["ratio"]),
]
CharsOpt = Annotated[int | None, typer.Option("--chars", min=1, help=HELP["chars"])]
MethodOpt = Annotated[str, typer.Option("--method", "-m", help=HELP["method"])]
PerSectionOpt = Annotated[
    int | None,
    typer.Option("--per-section", min=1, help=HELP["per_section"]),
]
QueryOpt = Annotated[str | None, typer.Option("--query", "-q", help=HELP["query"])]
KeyphrasesOpt = Annotated[int | None, typer.Option("--keyphrases", min=1, help=HELP["keyphrases"])]

# A model-written summary and its guard.
AbstractiveOpt = Annotated[
    bool,
    typer.Option(
        "--abstractive",
        help="Write the summary with a model (--model); guarded.",
        rich_help_panel=ABSTRACTIVE,
    ),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help=HELP["model"],
        rich_help_panel=ABSTRACTIVE,
    ),
]
RemoteModelOpt = Annotated[
    str | None,
    typer.Option("--remote-model", help=HELP["remote_model"], rich_help_panel=ABSTRACTIVE),
]
GuardOpt = Annotated[
    GuardPolicy,
    typer.Option("--guard", help=HELP["guard"], rich_help_panel=ABSTRACTIVE),
]
NliOpt = Annotated[
    str | None,
    typer.Option(
        "--nli",
        help="NLI model (hub id or folder) as an extra guard signal.",
        rich_help_panel=ABSTRACTIVE,
    ),
]
NliThresholdOpt = Annotated[
    float,
    typer.Option(
        "--nli-threshold",
        min=0.0,
        max=1.0,
        help="Lowest entailment probability of a supported sentence.",
        rich_help_panel=ABSTRACTIVE,
    ),
]
GuardEmbeddingsOpt = Annotated[
    bool,
    typer.Option(
        "--guard-embeddings",
        help=literal("Align with sentence embeddings too (pip install 'precis[embed]')."),
        rich_help_panel=ABSTRACTIVE,
    ),
]


def load_options(
    input_format: InputFormat | None,
    no_clean: bool,
    allow_private: bool,
    limits: dict[str, Any] | None = None,
    language: str | None = None,
) -> Any:
    """LoadOptions from the flags; ``limits`` holds --max-bytes and the like, None when unset."""
    from precis.errors import OptionError
    from precis.options import CleanOptions, FetchOptions, LoadOptions

    if language is not None:
        language = language.strip().lower()
        if not (2 <= len(language) <= 3 and language.isascii() and language.isalpha()):
            raise OptionError(
                f"--language takes an ISO 639-1 code such as de or zh, got {language!r}"
            )

    names = {
        "max_bytes": "max_input_bytes",
        "max_pages": "max_pages",
        "max_sentences": "max_sentences",
        "time_limit": "time_limit_s",
    }
    given = {names[k]: v for k, v in (limits or {}).items() if v is not None}
    return LoadOptions(
        format=input_format.value if input_format else None,
        clean=CleanOptions(enabled=not no_clean, language=language),
        fetch=FetchOptions(allow_private=allow_private),
        **given,
    )


def guard_options(
    policy: str, nli: str | None, nli_threshold: float, embeddings: bool = False
) -> Any:
    """GuardOptions with the NLI model loaded when one is named, and embeddings when asked."""
    from precis.abstractive.guard import GuardOptions, with_embeddings

    entailer = None
    if nli is not None:
        from precis.abstractive.nli import NliModel

        entailer = NliModel(nli)
    options = GuardOptions(policy=policy, nli=entailer, nli_threshold=nli_threshold)
    return with_embeddings(options) if embeddings else options


def abstractive_options(
    model: str | None,
    *,
    guard: str = "drop",
    nli: str | None = None,
    nli_threshold: float = 0.5,
    guard_embeddings: bool = False,
    **settings: Any,
) -> Any:
    """AbstractiveOptions from the flags (a model is required); ``settings`` are its fields."""
    from precis.abstractive.options import AbstractiveOptions
    from precis.errors import OptionError

    if not model:
        raise OptionError("--abstractive needs --model (a hub id, a local folder or a server URL)")
    checked = guard_options(guard, nli, nli_threshold, guard_embeddings)
    return AbstractiveOptions(model=model, guard=checked, **settings)
