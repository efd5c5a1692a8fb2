"""What the local-model backends share: limits, load errors, stats and the prompt encoding.

:class:`~precis.abstractive.backends.huggingface.TransformersBackend` and
:class:`~precis.abstractive.backends.ctranslate2_backend.CTranslate2Backend` both read prompts
through the original ``transformers`` tokenizer. They must count tokens exactly as they encode
them (so the map-reduce budget in :mod:`precis.abstractive.mapreduce` is exact), read a model's
limits from its config the same way, and refuse, never truncate, a prompt that does not fit. That
contract lives here once, in :class:`TokenizedBackend` and a few pure helpers.

Nothing heavy is imported here (no torch, transformers, ctranslate2 or scipy): both backend
modules import this one, and importing them must stay cheap.
"""

from __future__ import annotations

import abc
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from precis.errors import InvariantError, OptionError

__all__ = [
    "CAUSAL_LIMITS",
    "DECODER_LIMITS",
    "ENCODER_LIMITS",
    "T5_DEFAULT_INPUT",
    "T5_FAMILY",
    "GenerationStats",
    "ModelLoadError",
    "TokenizedBackend",
    "check_max_tokens",
    "end_token_ids",
    "first_limit",
    "first_line",
    "input_limit",
    "offline_flag",
    "sane_limit",
]

T5_FAMILY = frozenset({"t5", "mt5", "umt5", "longt5"})
T5_DEFAULT_INPUT = 512  # T5 was pre-trained on 512-token inputs; relative positions set no limit
# Context-length fields, most specific first (LED names its encoder limit separately).
ENCODER_LIMITS = ("max_encoder_position_embeddings", "max_position_embeddings", "n_positions")
DECODER_LIMITS = ("max_decoder_position_embeddings", "max_position_embeddings", "n_positions")
CAUSAL_LIMITS = ("max_position_embeddings", "n_positions", "max_sequence_length", "n_ctx")
_SANE_LIMIT = 1_000_000  # tokenizers without a limit report ~1e30


class ModelLoadError(OptionError):
    """The model (hub id or local path) could not be found or loaded."""

    code = "model_load_failed"


@dataclass(slots=True)
class GenerationStats:
    """Cumulative counters over every ``generate`` call, for throughput reports.

    Attributes:
        prompts: prompts completed; batches: ``model.generate`` calls.
        input_tokens: prompt tokens fed to the model (padding excluded).
        output_tokens: new tokens generated (padding after EOS excluded).
        seconds: wall time spent in ``generate``.
    """

    prompts: int = 0
    batches: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    seconds: float = 0.0

    @property
    def output_tokens_per_second(self) -> float:
        """Generated tokens per second of ``generate`` (0.0 before the first call)."""
        return self.output_tokens / self.seconds if self.seconds > 0 else 0.0


class TokenizedBackend(abc.ABC):
    """Base of the local backends: encodes, counts and checks prompts with one tokenizer.

    A subclass loads its model, sets the attributes declared below and runs batches in
    :meth:`_complete`; in return it gets :meth:`generate` (every prompt encoded and checked
    before any batch runs, batches sorted by length, answers back in order) and
    :meth:`count_tokens`, :meth:`encode_lengths` and :meth:`context_tokens`, what
    :func:`~precis.abstractive.mapreduce.summarize_long` needs to budget exactly.
    """

    model_name: str
    batch_size: int  # prompts per batch
    tokenizer: Any  # the original ``transformers`` tokenizer
    is_encoder_decoder: bool
    model_type: str  # the config's ``model_type``; "" when unknown
    max_input_tokens: int
    default_prompt: str
    stats: GenerationStats
    _chat: bool  # a causal model whose tokenizer has a chat template: prompts become user turns
    _system_turn: bool = True  # False once the template refused precis's system turn
    _decoder_limit: int | None  # answer positions, read for encoder-decoders; None: unknown

    def _default_prompt(self) -> str:
        """The prompt each model family was trained for: bare text, T5's task prefix, or an
        instruction for causal LMs."""
        if not self.is_encoder_decoder:
            from precis.abstractive.mapreduce import DEFAULT_PROMPT  # imports scipy: keep lazy

            return DEFAULT_PROMPT
        return "summarize: {text}" if self.model_type in T5_FAMILY else "{text}"

    def count_tokens(self, prompt: str) -> int:
        """Tokens the model reads for ``prompt``: special tokens and chat template included,
        exactly as ``generate`` encodes it."""
        return len(self._encode([prompt])[0])

    def count_text_tokens(self, text: str) -> int:
        """Tokens ``text`` takes inside a prompt: the tokenizer alone, no special tokens and no
        chat template (issue 15: counting each sentence as a whole chat turn made a story's
        5,688 tokens 15,910, three chunks where one fits)."""
        if not text:
            return 0
        return len(self.tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])

    def encode_lengths(self, prompts: Sequence[str]) -> list[int]:
        """:meth:`count_tokens` of each prompt, encoded in one call."""
        return [len(ids) for ids in self._encode(prompts)]

    def context_tokens(self, max_new_tokens: int) -> int:
        """The ``context_tokens`` for :func:`~precis.abstractive.mapreduce.summarize_long`.

        Its check ``prompt + max_new_tokens <= context`` is then exact for this model: a causal
        model's prompt and answer share its positions; an encoder-decoder reads the prompt in the
        encoder, so the answer's tokens are added on top of the encoder's limit.
        """
        check_max_tokens(max_new_tokens, "max_new_tokens")
        if self.is_encoder_decoder:
            return self.max_input_tokens + max_new_tokens
        return self.max_input_tokens

    def generate(
        self, prompts: Sequence[str], *, max_tokens: int, stop_sentences: int | None = None
    ) -> list[str]:
        """Return one completion per prompt, in the order of ``prompts``; with
        ``stop_sentences``, a completion may end once it holds that many whole sentences
        (where the backend can stop early; the answer is then all precis keeps anyway).

        Every prompt is encoded and checked before any work; batches run longest first (similar
        lengths share a batch, so padding is least, and an out-of-memory shows at once).

        Raises:
            OptionError: ``max_tokens`` is not positive or exceeds the model's positions.
            InvariantError: a prompt does not fit the model with ``max_tokens`` (never cut).
        """
        encoded = self._encode_request(prompts, max_tokens)
        if not encoded:
            return []
        order = sorted(range(len(encoded)), key=lambda i: -len(encoded[i]))
        batches = [order[i : i + self.batch_size] for i in range(0, len(order), self.batch_size)]
        results = [""] * len(encoded)
        started = time.perf_counter()
        answers = self._complete(encoded, batches, max_tokens, stop_sentences)
        for batch, texts in zip(batches, answers, strict=True):
            for i, text in zip(batch, texts, strict=True):
                results[i] = text
        self.stats.seconds += time.perf_counter() - started
        self.stats.prompts += len(encoded)
        return results

    @abc.abstractmethod
    def _complete(
        self,
        encoded: list[list[int]],
        batches: list[list[int]],
        max_tokens: int,
        stop_sentences: int | None = None,
    ) -> list[list[str]]:
        """Run the model: the answers of each batch (indexes into ``encoded``), in order."""

    def _encode_request(self, prompts: Sequence[str], max_tokens: int) -> list[list[int]]:
        """Validate a ``generate`` call and encode its prompts, so it fails before any work."""
        check_max_tokens(max_tokens, "max_tokens")
        limit = self._decoder_limit if self.is_encoder_decoder else None
        if limit and max_tokens > limit:
            msg = f"max_tokens {max_tokens} exceeds the decoder's {limit} positions"
            raise OptionError(f"{msg} of {self.model_name}")
        if isinstance(prompts, str):
            raise OptionError("prompts must be a sequence of strings, not one string")
        if not prompts:
            return []
        encoded = self._encode(prompts)
        self._check_fits(encoded, max_tokens)
        return encoded

    def _encode(self, prompts: Sequence[str]) -> list[list[int]]:
        """Token ids as the model reads them; the one place prompts are encoded."""
        if not prompts:
            return []
        if self._chat:
            texts = [self._render_chat(p) for p in prompts]
            return self.tokenizer(texts, add_special_tokens=False, verbose=False)["input_ids"]
        return self.tokenizer(list(prompts), add_special_tokens=True, verbose=False)["input_ids"]

    def _render_chat(self, prompt: str) -> str:
        """``prompt`` as one user turn after precis's system turn, plus the assistant header;
        the template adds BOS itself, so it is encoded without special tokens, as
        ``apply_chat_template`` does. A template that refuses a system turn (Gemma's) gets
        the user turn alone."""
        from jinja2 import TemplateError  # transformers' own dependency

        from precis.abstractive.backends import SYSTEM_PROMPT

        user = {"role": "user", "content": prompt}
        if self._system_turn:
            try:
                return self.tokenizer.apply_chat_template(
                    [{"role": "system", "content": SYSTEM_PROMPT}, user],
                    tokenize=False,
                    add_generation_prompt=True,
                )
            except (TemplateError, ValueError):  # "System role not supported"
                self._system_turn = False
        return self.tokenizer.apply_chat_template(
            [user], tokenize=False, add_generation_prompt=True
        )

    def _check_fits(self, encoded: Sequence[Sequence[int]], max_tokens: int) -> None:
        """Raise before any work if a prompt would overflow the model (we never truncate)."""
        longest = max(len(ids) for ids in encoded)
        if longest > self.max_input_tokens:
            msg = f"a prompt of {longest} tokens exceeds the input limit of {self.max_input_tokens}"
            raise InvariantError(f"{msg} tokens of {self.model_name}")
        if not self.is_encoder_decoder and longest + max_tokens > self.max_input_tokens:
            msg = f"a prompt of {longest} tokens + max_tokens {max_tokens} exceeds the context"
            raise InvariantError(f"{msg} of {self.max_input_tokens} tokens of {self.model_name}")


def check_max_tokens(value: int, name: str) -> None:
    """Fail early, naming the bad value: an answer budget is a positive integer.

    Raises:
        OptionError: ``value`` is not an integer >= 1 (a bool is not an integer here).
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise OptionError(f"{name} must be an integer >= 1, got {value!r}")


def offline_flag(local_files_only: bool | None) -> bool | None:
    """``local_files_only`` as given; None follows ``HF_HUB_OFFLINE`` (read now, never at
    import): True when it is ``1``, else None, so transformers decides."""
    if local_files_only is not None:
        return local_files_only
    return True if os.environ.get("HF_HUB_OFFLINE", "").strip() == "1" else None


def first_line(exc: BaseException, limit: int = 200) -> str:
    """The first line of an exception, capped: why a load failed, without a traceback."""
    lines = str(exc).strip().splitlines()
    text = lines[0] if lines else type(exc).__name__
    return text[:limit] + ("..." if len(text) > limit else "")


def sane_limit(value: Any) -> int | None:
    """A usable token limit, else None (tokenizers without one report ~1e30)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if 0 < value < _SANE_LIMIT else None


def first_limit(config: Any, names: Sequence[str]) -> int | None:
    """The first sane positional limit the config (or its text part, if multimodal) declares."""
    text = config.get_text_config() if hasattr(config, "get_text_config") else config
    for part in (config, text):
        for name in names:
            value = sane_limit(getattr(part, name, None))
            if value:
                return value
    return None


def input_limit(config: Any, tokenizer: Any, encoder_decoder: bool) -> int:
    """Tokens the model may read: encoder positions, or a causal model's whole context.

    Raises:
        ModelLoadError: a causal model whose config and tokenizer declare no limit.
    """
    names = ENCODER_LIMITS if encoder_decoder else CAUSAL_LIMITS
    limit = first_limit(config, names) or sane_limit(getattr(tokenizer, "model_max_length", None))
    if limit:
        return limit
    if encoder_decoder:  # relative positions (T5 family): the length it was trained on
        return T5_DEFAULT_INPUT
    model_type = getattr(config, "model_type", "?")
    raise ModelLoadError(f"cannot tell the context length of this {model_type} model")


def end_token_ids(generation_config: Any, tokenizer: Any) -> list[int]:
    """Every id that ends an answer: the generation config's (instruct models often have
    several), else the tokenizer's EOS; ``generation_config`` may be None."""
    eos = getattr(generation_config, "eos_token_id", None)
    if eos is None:
        eos = tokenizer.eos_token_id
    return [] if eos is None else [int(e) for e in (eos if isinstance(eos, list) else [eos])]
