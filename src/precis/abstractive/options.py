"""Options of an abstractive summary: which model, how to read a long document, what to guard.

Frozen and keyword-only like :mod:`precis.options`; the CLI, the API, the service and batch build
one and hand it to :func:`precis.abstractive.pipeline.summarize_abstractive`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from precis.abstractive.guard import GuardOptions
from precis.abstractive.mapreduce import STRATEGIES
from precis.errors import OptionError

_URL = re.compile(r"^https?://", re.IGNORECASE)
DTYPES = ("auto", "float32", "bfloat16", "float16")


@dataclass(frozen=True, kw_only=True)
class AbstractiveOptions:
    """How an abstractive summary is made.

    Attributes:
        model: a HuggingFace hub id or local folder (run here with transformers), or the
            ``http(s)://`` base URL of an OpenAI-compatible server (``.../v1``).
        remote_model: the model name a server expects (required with a URL ``model``).
        api_key_env: environment variable holding the server's API key (read when the backend
            is built; unset sends none).
        strategy: ``map-reduce`` (parallel) or ``refine`` (sequential, carries a running summary).
        max_new_tokens: the most tokens one answer may have.
        target_tokens: reduce until the summary has at most this many tokens (None: one answer).
        context_tokens: the model's context (prompt + answer); None: the model's own for a
            local model, 8192 for a server (whose tokenizer precis cannot see).
        per_section: one abstract per section (a condensed paper) instead of one in all.
        max_chunks: read at most this many chunks; a longer document is first cut down to its
            most salient sentences by the extractive engine (extract-then-abstract); 0: never.
        prompt: the map template with ``{text}`` (None: the model's own default).
        guard: the faithfulness guard (policy ``drop``, ``flag`` or ``off``).
        device, dtype, batch_size, num_beams, do_sample, temperature, top_p,
        no_repeat_ngram_size: generation settings of a local model.
        timeout, retries, concurrency: HTTP settings of a server.
    """

    model: str
    remote_model: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    strategy: str = "map-reduce"
    max_new_tokens: int = 160
    target_tokens: int | None = None
    context_tokens: int | None = None
    per_section: bool = False
    max_chunks: int = 24
    prompt: str | None = None
    guard: GuardOptions = field(default_factory=GuardOptions)
    device: str = "auto"
    dtype: str = "auto"
    batch_size: int = 8
    num_beams: int = 1
    do_sample: bool = False
    temperature: float = 1.0
    top_p: float = 1.0
    no_repeat_ngram_size: int = 3
    timeout: float = 120.0
    retries: int = 3
    concurrency: int = 4

    def __post_init__(self) -> None:
        if not self.model or not self.model.strip():
            raise OptionError("give a model: a hub id, a local folder or a server URL")
        if self.remote and not self.remote_model:
            raise OptionError("a server URL needs the model name it serves (--remote-model)")
        if self.strategy not in STRATEGIES:
            choices = ", ".join(STRATEGIES)
            raise OptionError(f"strategy must be one of {choices}, got {self.strategy!r}")
        _positive("max_new_tokens", self.max_new_tokens)
        for name in ("target_tokens", "context_tokens"):
            if getattr(self, name) is not None:
                _positive(name, getattr(self, name))
        if isinstance(self.max_chunks, bool) or self.max_chunks < 0:
            raise OptionError(f"max_chunks must be >= 0, got {self.max_chunks!r}")
        if self.prompt is not None and "{text}" not in self.prompt:
            raise OptionError("prompt must contain the placeholder {text}")
        if self.dtype not in DTYPES:
            raise OptionError(f"dtype must be one of {', '.join(DTYPES)}, got {self.dtype!r}")
        for name in ("batch_size", "num_beams", "concurrency"):
            _positive(name, getattr(self, name))
        if isinstance(self.retries, bool) or not isinstance(self.retries, int) or self.retries < 0:
            raise OptionError(f"retries must be an integer >= 0, got {self.retries!r}")
        if self.timeout <= 0:
            raise OptionError(f"timeout must be positive, got {self.timeout!r}")

    @property
    def remote(self) -> bool:
        """True when ``model`` is a server URL rather than a local or hub model."""
        return bool(_URL.match(self.model.strip()))

    def backend_key(self) -> tuple[object, ...]:
        """The settings that make a backend (and nothing else), to reuse a loaded model."""
        if self.remote:
            return ("http", self.model, self.remote_model, self.api_key_env, self.timeout,
                    self.retries, self.concurrency)  # fmt: skip
        return ("hf", self.model, self.device, self.dtype, self.batch_size, self.num_beams,
                self.do_sample, self.temperature, self.top_p, self.no_repeat_ngram_size)  # fmt: skip


def _positive(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise OptionError(f"{name} must be an integer >= 1, got {value!r}")
