"""A local HuggingFace ``transformers`` model as a backend (issue 4): seq2seq or causal LM.

Encoder-decoders (BART, PEGASUS, T5/Flan-T5, LED) and causal LMs (Qwen/Llama-style instruct
models) are driven through one class; ``AutoConfig`` decides which. The tokens the model reads are
counted by the same function that encodes them for ``generate`` (chat template included), so the
map-reduce budget in :mod:`precis.abstractive.mapreduce` is exact, and every batch is checked
against the model's limits before it runs: nothing is ever truncated silently. That contract is
shared with the CTranslate2 backend (:mod:`precis.abstractive.backends.local`); this module adds
what is torch's: loading, devices, dtypes, padding and ``model.generate``.

Batches are length-sorted buckets (prompts of similar length padded together waste the least
compute), padded on the left for causal models (new tokens must follow the prompt directly) and on
the right for encoder-decoders. torch and transformers are imported when a backend is built,
never when this module is imported.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator, Sequence
from typing import Any

from precis.abstractive.backends.local import (
    DECODER_LIMITS,
    T5_DEFAULT_INPUT,
    T5_FAMILY,
    GenerationStats,
    ModelLoadError,
    TokenizedBackend,
    end_token_ids,
    first_limit,
    first_line,
    input_limit,
    offline_flag,
)
from precis.errors import MissingDependencyError, OptionError

__all__ = [
    "DTYPES",
    "T5_DEFAULT_INPUT",
    "T5_FAMILY",
    "GenerationStats",
    "ModelLoadError",
    "TransformersBackend",
]

logger = logging.getLogger(__name__)

DTYPES = ("auto", "float32", "bfloat16", "float16")
GGUF_SUFFIX = ".gguf"


class TransformersBackend(TokenizedBackend):
    """Completes prompts with a local ``transformers`` model, in length-sorted batches.

    Args:
        model: hub id or local folder (``save_pretrained`` layout).
        device: ``auto`` (CUDA when available, else CPU) or a torch device string.
        dtype: ``auto`` (bfloat16 on a GPU that supports it, else float32), ``float32``,
            ``bfloat16`` or ``float16``.
        batch_size: prompts per ``model.generate`` call.
        num_beams, do_sample, temperature, top_p, no_repeat_ngram_size, repetition_penalty,
            length_penalty: decoding settings, passed to ``model.generate``.
        seed: seeds sampling (in a forked RNG, so global torch state is left alone).
        local_files_only: never touch the network; None: True when ``HF_HUB_OFFLINE=1``,
            else transformers decides.
        trust_remote_code: allow models that ship their own Python code.

    Raises:
        OptionError: a bad option value.
        ModelLoadError: the model or its tokenizer cannot be found or loaded.
        MissingDependencyError: torch or transformers is not installed.
    """

    def __init__(
        self,
        model: str | os.PathLike[str],
        *,
        device: str = "auto",
        dtype: str = "auto",
        batch_size: int = 8,
        num_beams: int = 1,
        do_sample: bool = False,
        temperature: float = 1.0,
        top_p: float = 1.0,
        no_repeat_ngram_size: int = 3,
        repetition_penalty: float = 1.0,
        length_penalty: float = 1.0,
        seed: int = 0,
        local_files_only: bool | None = None,
        trust_remote_code: bool = False,
    ) -> None:
        _check_options(batch_size, num_beams, no_repeat_ngram_size, temperature, top_p, dtype)
        if not repetition_penalty > 0:
            raise OptionError(f"repetition_penalty must be positive, got {repetition_penalty!r}")
        torch, transformers = _import_torch()
        self.model_name = os.fspath(model)
        self.device = _resolve_device(torch, device)
        self.dtype = _resolve_dtype(torch, dtype, self.device)
        self.batch_size = batch_size
        self.num_beams = num_beams
        self.do_sample = do_sample
        self.temperature = temperature
        self.top_p = top_p
        self.no_repeat_ngram_size = no_repeat_ngram_size
        self.repetition_penalty = repetition_penalty
        self.length_penalty = length_penalty
        self.seed = seed
        self.stats = GenerationStats()
        self._torch = torch
        self.config, self.tokenizer, self.model = _load(
            transformers, model, offline_flag(local_files_only), trust_remote_code
        )
        self.model.to(device=self.device, dtype=self.dtype)  # not a load kwarg: 4.x and 5.x differ
        self.model.eval()
        self._inspect()

    def _inspect(self) -> None:
        """What the loaded model implies: its kind, limits, pad/EOS ids and default prompt."""
        self.is_encoder_decoder = bool(self.config.is_encoder_decoder)
        self.model_type = str(getattr(self.config, "model_type", ""))
        self._chat = not self.is_encoder_decoder and bool(
            getattr(self.tokenizer, "chat_template", None)
        )
        self.max_input_tokens = input_limit(self.config, self.tokenizer, self.is_encoder_decoder)
        self._decoder_limit = first_limit(self.config, DECODER_LIMITS)
        self._pad_id = _pad_id(self.tokenizer)
        self._eos_ids = end_token_ids(self.model.generation_config, self.tokenizer)
        self.default_prompt = self._default_prompt()
        line = "loaded %s (%s, %s) on %s as %s; input limit %d tokens"
        kind = "encoder-decoder" if self.is_encoder_decoder else "causal"
        args = (self.model_name, self.model_type, kind, self.device, self.dtype)
        logger.info(line, *args, self.max_input_tokens)

    def __repr__(self) -> str:
        return f"TransformersBackend(model={self.model_name!r}, device={str(self.device)!r})"

    def _complete(
        self,
        encoded: list[list[int]],
        batches: list[list[int]],
        max_tokens: int,
        stop_sentences: int | None = None,
    ) -> list[list[str]]:
        """One ``model.generate`` call per batch, without autograd, in a seeded RNG if sampling."""
        with self._torch.inference_mode(), self._rng():
            return [
                self._batch([encoded[i] for i in batch], max_tokens, stop_sentences)
                for batch in batches
            ]

    def _batch(
        self, rows: list[list[int]], max_tokens: int, stop_sentences: int | None = None
    ) -> list[str]:
        """One padded ``model.generate`` call; returns the decoded new text of each row."""
        torch = self._torch
        width = max(len(ids) for ids in rows)
        left = not self.is_encoder_decoder
        ids, mask = _pad(rows, width, self._pad_id, left=left)
        input_ids = torch.tensor(ids, dtype=torch.long, device=self.device)
        attention_mask = torch.tensor(mask, dtype=torch.long, device=self.device)
        kwargs = self._generation_kwargs(max_tokens)
        if stop_sentences and left and self.num_beams == 1:
            from precis.abstractive.backends.stopping import SentenceStop

            kwargs["stopping_criteria"] = [SentenceStop(self.tokenizer, width, stop_sentences)]
        if self.model_type == "led":  # LED's recipe: global attention on the first token
            kwargs["global_attention_mask"] = torch.zeros_like(attention_mask)
            kwargs["global_attention_mask"][:, 0] = 1
        out = self.model.generate(input_ids=input_ids, attention_mask=attention_mask, **kwargs)
        new = out[:, width:] if left else out[:, 1:]  # drop the prompt / the decoder start token
        self.stats.batches += 1
        self.stats.input_tokens += sum(len(r) for r in rows)
        self.stats.output_tokens += _count_new(torch, new, self._eos_ids)
        texts = self.tokenizer.batch_decode(new, skip_special_tokens=True)
        return [t.strip() for t in texts]

    def _generation_kwargs(self, max_tokens: int) -> dict[str, Any]:
        """Our decoding settings over the model's ``generation_config`` (which may ask for
        sampling, beams or a ``min_length`` longer than the answer we allow)."""
        kwargs: dict[str, Any] = {
            "max_new_tokens": max_tokens,
            "num_beams": self.num_beams,
            "do_sample": self.do_sample,
            "no_repeat_ngram_size": self.no_repeat_ngram_size,
            "repetition_penalty": self.repetition_penalty,
            "pad_token_id": self._pad_id,
        }
        if self.num_beams > 1:
            kwargs["length_penalty"] = self.length_penalty
        if self.do_sample:
            kwargs.update(temperature=self.temperature, top_p=self.top_p)
        else:  # unset any sampling defaults so greedy/beam decoding raises no warnings
            kwargs.update(temperature=None, top_p=None, top_k=None)
        floor = self.model.generation_config
        if getattr(floor, "max_length", None) is not None:
            kwargs["max_length"] = None  # max_new_tokens rules; unset it to avoid a warning
        if (getattr(floor, "min_length", None) or 0) > max_tokens:
            kwargs["min_length"] = 0  # e.g. BART-CNN's 56 would exceed a short answer budget
        if (getattr(floor, "min_new_tokens", None) or 0) > max_tokens:
            kwargs["min_new_tokens"] = max_tokens
        return kwargs

    @contextlib.contextmanager
    def _rng(self) -> Iterator[None]:
        """Seed sampling reproducibly without touching the caller's global RNG state."""
        if not self.do_sample:
            yield
            return
        cuda = [self.device] if self.device.type == "cuda" else []
        with self._torch.random.fork_rng(devices=cuda):
            self._torch.manual_seed(self.seed)
            yield


def _check_options(
    batch_size: int, num_beams: int, ngram: int, temperature: float, top_p: float, dtype: str
) -> None:
    """Fail early with the bad value, as options do everywhere in precis."""
    for name, value, low in (
        ("batch_size", batch_size, 1),
        ("num_beams", num_beams, 1),
        ("no_repeat_ngram_size", ngram, 0),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise OptionError(f"{name} must be an integer >= {low}, got {value!r}")
    if not temperature > 0:
        raise OptionError(f"temperature must be positive, got {temperature!r}")
    if not 0 < top_p <= 1:
        raise OptionError(f"top_p must be in (0, 1], got {top_p!r}")
    if dtype not in DTYPES:
        raise OptionError(f"dtype must be one of {', '.join(DTYPES)}; got {dtype!r}")


def _import_torch() -> tuple[Any, Any]:
    """torch and transformers, or a MissingDependencyError naming the extra."""
    try:
        import torch
        import transformers
    except ImportError as exc:
        error = MissingDependencyError(exc.name or "torch", "abstractive")
        error.args = (
            f"{error} (and torch==2.13.0 for the CPU wheel)",
        )  # the fixed format + a hint
        raise error from None
    return torch, transformers


def _resolve_device(torch: Any, device: str) -> Any:
    """``auto`` -> CUDA when available, else CPU; an unusable device is an OptionError."""
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        resolved = torch.device(device)
    except (RuntimeError, TypeError):
        raise OptionError(f"device must be 'auto' or a torch device, got {device!r}") from None
    if resolved.type == "cuda" and not torch.cuda.is_available():
        raise OptionError(f"device {device!r} asked for, but CUDA is not available")
    return resolved


def _resolve_dtype(torch: Any, dtype: str, device: Any) -> Any:
    """``auto`` -> bfloat16 on a GPU that supports it, else float32 (CPU half is slow)."""
    if dtype == "auto":
        gpu_bf16 = device.type == "cuda" and torch.cuda.is_bf16_supported()
        return torch.bfloat16 if gpu_bf16 else torch.float32
    return getattr(torch, dtype)


def _load(
    transformers: Any, model: str | os.PathLike[str], offline: bool | None, remote: bool
) -> tuple[Any, Any, Any]:
    """Config, tokenizer and weights; any failure becomes one ModelLoadError naming the model."""
    name = os.fspath(model)
    kwargs: dict[str, Any] = {"trust_remote_code": remote}
    if name.lower().endswith(GGUF_SUFFIX):  # one llama.cpp file: transformers dequantizes it
        path = os.path.expanduser(name)
        if not os.path.isfile(path):
            raise ModelLoadError(f"cannot load model {name!r}: no such GGUF file")
        _require_gguf()
        source = os.path.dirname(os.path.abspath(path))
        kwargs["gguf_file"] = os.path.basename(path)
    elif _looks_like_path(model) and not os.path.isdir(os.path.expanduser(name)):
        raise ModelLoadError(f"cannot load model {name!r}: no such folder")
    else:
        source = os.path.expanduser(name) if _looks_like_path(model) else name
    if offline is not None:
        kwargs["local_files_only"] = offline
    step = "config"
    try:
        config = transformers.AutoConfig.from_pretrained(source, **kwargs)
        step = "tokenizer"
        tokenizer = transformers.AutoTokenizer.from_pretrained(source, **kwargs)
        step = "weights"
        auto = (
            transformers.AutoModelForSeq2SeqLM
            if config.is_encoder_decoder
            else transformers.AutoModelForCausalLM
        )
        weights = auto.from_pretrained(source, config=config, **kwargs)
    except (OSError, ValueError, KeyError, RuntimeError, ImportError) as exc:
        # ImportError: a package the checkpoint needs (sentencepiece, its remote code's imports).
        where = " (offline: local files only)" if offline else ""
        msg = f"cannot load the {step} of model {name!r}{where}: {first_line(exc)}"
        raise ModelLoadError(msg) from None
    return config, tokenizer, weights


def _require_gguf() -> None:
    """transformers reads a GGUF file with the ``gguf`` package and loads it with
    ``accelerate``; say so in one line rather than fail deep in the load."""
    import importlib.util

    for package in ("gguf", "accelerate"):
        if importlib.util.find_spec(package) is None:
            raise MissingDependencyError(package, "abstractive")


def _looks_like_path(model: str | os.PathLike[str]) -> bool:
    """A PathLike, or a string no hub id could be (hub ids are ``name`` or ``org/name``)."""
    if not isinstance(model, str):
        return True
    if os.path.isabs(model) or model.startswith((".", "~", "\\")) or model.count("/") > 1:
        return True
    return os.path.isdir(model)


def _pad_id(tokenizer: Any) -> int:
    """The pad id; tokenizers without one (GPT-2, Llama) pad with EOS, masked out anyway."""
    if tokenizer.pad_token_id is None and tokenizer.eos_token is not None:
        tokenizer.pad_token = tokenizer.eos_token
    return int(tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0)


def _pad(
    rows: Sequence[list[int]], width: int, pad_id: int, *, left: bool
) -> tuple[list[list[int]], list[list[int]]]:
    """Rows padded to ``width`` and their attention masks (left: new tokens follow the prompt)."""
    ids, mask = [], []
    for row in rows:
        gap = width - len(row)
        ids.append([pad_id] * gap + row if left else row + [pad_id] * gap)
        mask.append([0] * gap + [1] * len(row) if left else [1] * len(row) + [0] * gap)
    return ids, mask


def _count_new(torch: Any, new: Any, eos_ids: Sequence[int]) -> int:
    """Generated tokens per row up to and including the first EOS (the rest is padding)."""
    if new.numel() == 0:
        return 0
    width = new.shape[1]
    if not eos_ids:
        return int(new.shape[0] * width)
    is_eos = torch.isin(new, torch.tensor(eos_ids, device=new.device))
    first = is_eos.int().argmax(dim=1) + 1
    lengths = torch.where(is_eos.any(dim=1), first, torch.full_like(first, width))
    return int(lengths.sum().item())
