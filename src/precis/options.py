"""Options as frozen keyword-only dataclasses, shared by the CLI, the API, the service and batch.

The environment is never read here at import time; layers build these objects when a command
runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from precis.budget import Budget, Selection
from precis.errors import OptionError

if TYPE_CHECKING:
    from precis.abstractive.options import AbstractiveOptions

MB = 1024 * 1024


@dataclass(frozen=True, kw_only=True)
class FetchOptions:
    """How URLs are fetched (see :mod:`precis.ingest.url`)."""

    allow_private: bool = False
    max_bytes: int = 20 * MB
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 120.0
    max_redirects: int = 5
    user_agent: str = "precis/0.1 (+https://github.com/precis)"

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise OptionError(f"max_bytes must be positive, got {self.max_bytes}")
        if min(self.connect_timeout, self.read_timeout, self.total_timeout) <= 0:
            raise OptionError("timeouts must be positive")


@dataclass(frozen=True, kw_only=True)
class CleanOptions:
    """Which repair steps run. All on by default: messy input is the normal case."""

    enabled: bool = True
    fix_mojibake: bool = True
    normalize_unicode: bool = True
    pdf_layout: bool = True
    split_glued_words: bool = True
    # The text's language (ISO 639-1); None: detected (precis.language). Repairs that rest on
    # an English lexicon (glued words) run on English text only (issue 19).
    language: str | None = None


@dataclass(frozen=True, kw_only=True)
class LoadOptions:
    """How a source becomes a :class:`~precis.document.Document`."""

    format: str | None = None  # force a format: text, markdown, html, pdf; None = detect
    clean: CleanOptions = field(default_factory=CleanOptions)
    fetch: FetchOptions = field(default_factory=FetchOptions)
    max_input_bytes: int = 200 * MB
    max_pages: int = 2000
    max_sentences: int = 1_000_000
    time_limit_s: float | None = None  # per document, load and summarize (see precis.limits)

    def __post_init__(self) -> None:
        if self.format is not None and self.format not in FORMATS:
            raise OptionError(f"unknown format {self.format!r}; choose one of {', '.join(FORMATS)}")
        if self.max_input_bytes <= 0 or self.max_pages <= 0 or self.max_sentences <= 0:
            raise OptionError("max_input_bytes, max_pages and max_sentences must be positive")
        if self.time_limit_s is not None and not self.time_limit_s > 0:
            raise OptionError(f"time_limit_s must be positive, got {self.time_limit_s!r}")


FORMATS = ("text", "markdown", "html", "pdf")


@dataclass(frozen=True, kw_only=True)
class SummarizeOptions:
    """What summary to make.

    At most one budget (``sentences``, ``words``, ``ratio`` of the document's words, ``chars``)
    is set; five sentences when none is. ``order`` is ``"document"`` or ``"score"``;
    ``mmr_lambda`` weighs salience against novelty (None: the method's own choice, 1.0: no
    redundancy control); ``filters`` drops fragments, captions, references and boilerplate;
    ``skip_abstract`` summarizes a paper without its abstract (a précis of the rest).
    With ``abstractive`` set the summary is written by a model (see
    :mod:`precis.abstractive.pipeline`); ``sentences``/``words`` then cap what is kept and
    ``per_section`` asks for one abstract per section of at most that many sentences.
    """

    method: str = "auto"
    sentences: int | None = None
    words: int | None = None
    ratio: float | None = None
    chars: int | None = None
    order: str = "document"
    mmr_lambda: float | None = None
    filters: bool = True
    skip_abstract: bool = False
    query: str | None = None
    per_section: int | None = None
    section_ratio: float | None = None
    keyphrases: int | None = None
    abstractive: AbstractiveOptions | None = None
    load: LoadOptions = field(default_factory=LoadOptions)

    def __post_init__(self) -> None:
        self.budget()  # validates: one budget, positive values
        self.selection()
        if self.query is not None and not self.query.strip():
            raise OptionError("query is empty")
        if self.by_section and self.query is not None:
            raise OptionError("choose --per-section or --query, not both")
        if self.per_section is not None and self.section_ratio is not None:
            raise OptionError("give per_section or section_ratio, not both")
        if self.per_section is not None and self.per_section <= 0:
            raise OptionError(f"per_section must be positive, got {self.per_section}")
        if self.section_ratio is not None and not 0 < self.section_ratio <= 1:
            raise OptionError(f"section_ratio must be in (0, 1], got {self.section_ratio}")
        if self.keyphrases is not None and self.keyphrases <= 0:
            raise OptionError(f"keyphrases must be positive, got {self.keyphrases}")
        if self.abstractive is not None:
            if self.query is not None or self.keyphrases is not None:
                raise OptionError("--query and --keyphrases are extractive; drop --abstractive")
            if self.ratio is not None or self.chars is not None or self.section_ratio is not None:
                raise OptionError("an abstractive summary takes --sentences or --words as budget")

    @property
    def by_section(self) -> bool:
        """Whether a summary per section (a condensed document) is asked for."""
        return self.per_section is not None or self.section_ratio is not None

    def budget(self) -> Budget:
        """The :class:`~precis.budget.Budget` these options ask for."""
        return Budget.from_options(self)

    def selection(self) -> Selection:
        """The :class:`~precis.budget.Selection` these options ask for."""
        return Selection.from_options(self)
