"""A CTranslate2-converted model as a backend (issue 4): fast CPU/GPU inference, int8 on CPU.

The model folder is the output of ``ct2-transformers-converter`` (``model.bin``, ``config.json``
and a vocabulary file); the tokenizer is the original ``transformers`` one, copied into that
folder at conversion (``--copy_files tokenizer.json tokenizer_config.json ...``) or named with
``tokenizer=``. Which engine runs it is read from ``model.bin`` itself: the converter writes the
model spec's name right after the binary version, and CTranslate2 reads that same field to pick
the model class, so ``TransformerSpec`` (BART, T5, PEGASUS, Marian) goes to ``Translator`` and
``TransformerDecoderSpec`` (GPT-2, Llama, Qwen) to ``Generator``.

The public surface is :class:`~precis.abstractive.backends.huggingface.TransformersBackend`'s,
and so is the contract, from their shared base in :mod:`precis.abstractive.backends.local`:
prompts are encoded (chat template included) by one function that also counts them, every batch
is checked against the model's limits before it runs, and nothing is truncated (CTranslate2's own
``max_input_length`` cut is switched off). ctranslate2 and transformers are imported when a
backend is built, never when this module is imported.
"""

from __future__ import annotations

import logging
import os
import struct
from typing import Any

from precis.abstractive.backends.local import (
    DECODER_LIMITS,
    T5_FAMILY,
    GenerationStats,
    ModelLoadError,
    TokenizedBackend,
    check_max_tokens,
    end_token_ids,
    first_limit,
    first_line,
    input_limit,
    offline_flag,
    sane_limit,
)
from precis.errors import MissingDependencyError, OptionError

__all__ = [
    "DECODER_ONLY_SPECS",
    "ENCODER_DECODER_SPECS",
    "T5_FAMILY",
    "CTranslate2Backend",
    "GenerationStats",
    "ModelLoadError",
]

logger = logging.getLogger(__name__)

ENCODER_DECODER_SPECS = frozenset({"TransformerSpec"})
DECODER_ONLY_SPECS = frozenset({"TransformerDecoderSpec"})
_LOAD_ERRORS = (OSError, ValueError, KeyError, RuntimeError, ImportError)


class CTranslate2Backend(TokenizedBackend):
    """Completes prompts with a CTranslate2-converted model, in length-sorted batches.

    Args:
        model_dir: a CTranslate2 model folder (``model.bin`` + ``config.json`` + vocabulary).
        tokenizer: hub id or folder of the original tokenizer; None: the one in ``model_dir``.
            If it holds the original ``config.json``, its limits are used as
            ``TransformersBackend`` uses them.
        device: ``auto`` (CUDA when CTranslate2 sees a GPU, else CPU), ``cpu``, ``cuda`` or
            ``cuda:N``.
        compute_type: passed to CTranslate2 (``default``, ``auto``, ``int8``, ``float16``, ...).
        batch_size: prompts per batch; batches are submitted together, so ``inter_threads``
            workers run them in parallel.
        beam_size, sampling_topk, sampling_temperature, no_repeat_ngram_size,
            repetition_penalty, length_penalty: decoding settings (``sampling_topk=1`` is greedy).
        max_input_tokens: tokens the model may read; None: the original config's limit when
            found, else the tokenizer's ``model_max_length``.
        inter_threads, intra_threads: CTranslate2's parallel batches and threads per batch
            (0: its default; on a CPU shared with other work, fewer threads than cores avoid
            OpenMP spin-waits that made a 3 ms call take 6 s in our tests).

    A ``generation_config.json`` copied into ``model_dir`` (or next to ``tokenizer``) is honoured
    as transformers honours it: its EOS ids end answers, a forced first token becomes a target
    prefix, and a forced EOS takes the answer's last position.

    Raises:
        OptionError: a bad option value.
        ModelLoadError: the folder is missing or not a converted model, or the tokenizer or the
            input limit cannot be found.
        MissingDependencyError: ctranslate2 or transformers is not installed.
    """

    def __init__(
        self,
        model_dir: str | os.PathLike[str],
        *,
        tokenizer: str | os.PathLike[str] | None = None,
        device: str = "auto",
        compute_type: str = "default",
        batch_size: int = 8,
        beam_size: int = 1,
        sampling_topk: int = 1,
        sampling_temperature: float = 1.0,
        no_repeat_ngram_size: int = 3,
        repetition_penalty: float = 1.0,
        length_penalty: float = 1.0,
        max_input_tokens: int | None = None,
        inter_threads: int = 1,
        intra_threads: int = 0,
    ) -> None:
        _check_options(
            batch_size=batch_size,
            beam_size=beam_size,
            sampling_topk=sampling_topk,
            no_repeat_ngram_size=no_repeat_ngram_size,
            inter_threads=inter_threads,
            intra_threads=intra_threads,
        )
        _check_positive(
            sampling_temperature=sampling_temperature, repetition_penalty=repetition_penalty
        )
        if max_input_tokens is not None:
            check_max_tokens(max_input_tokens, "max_input_tokens")
        ctranslate2, transformers = _import_ct2()
        self.model_name = os.fspath(model_dir)
        folder = os.path.expanduser(self.model_name)
        self.spec = _spec_name(folder, self.model_name)
        self.is_encoder_decoder = _is_encoder_decoder(self.spec, self.model_name)
        self.device, device_index = _resolve_device(ctranslate2, device)
        _check_compute_type(ctranslate2, compute_type, self.device)
        self.batch_size = batch_size
        self.beam_size = beam_size
        self.sampling_topk = sampling_topk
        self.sampling_temperature = sampling_temperature
        self.no_repeat_ngram_size = no_repeat_ngram_size
        self.repetition_penalty = repetition_penalty
        self.length_penalty = length_penalty
        self._threads = (inter_threads, intra_threads)
        self.stats = GenerationStats()
        self._load(ctranslate2, transformers, folder, tokenizer, device_index, compute_type)
        self._inspect(max_input_tokens)

    def _load(
        self,
        ctranslate2: Any,
        transformers: Any,
        folder: str,
        tokenizer: str | os.PathLike[str] | None,
        device_index: int,
        compute_type: str,
    ) -> None:
        """The tokenizer, the original configs when they can be found, and the engine."""
        source = folder if tokenizer is None else _source(tokenizer)
        offline = offline_flag(None)
        self.tokenizer = _load_tokenizer(transformers, source, offline, tokenizer is None)
        self.config = _optional(transformers.AutoConfig, source, offline)
        self.generation_config = _optional(transformers.GenerationConfig, folder, True) or (
            _optional(transformers.GenerationConfig, source, offline) if tokenizer else None
        )
        engine = ctranslate2.Translator if self.is_encoder_decoder else ctranslate2.Generator
        try:
            self.model = engine(
                folder,
                device=self.device,
                device_index=device_index,
                compute_type=compute_type,
                inter_threads=self._threads[0],
                intra_threads=self._threads[1],
            )
        except (RuntimeError, ValueError) as exc:
            msg = f"cannot load model {self.model_name!r}: {first_line(exc)}"
            raise ModelLoadError(msg) from None

    def _inspect(self, max_input_tokens: int | None) -> None:
        """What the loaded model implies: its limits, end tokens and default prompt."""
        self.model_type = str(getattr(self.config, "model_type", "") or "")
        self._chat = not self.is_encoder_decoder and bool(
            getattr(self.tokenizer, "chat_template", None)
        )
        self.max_input_tokens = max_input_tokens or self._input_limit()
        self._decoder_limit = (
            first_limit(self.config, DECODER_LIMITS)
            if self.config is not None and self.is_encoder_decoder
            else None
        )
        # No generation config: the tokenizer's EOS, which the converter made the model's.
        self._end_ids = end_token_ids(self.generation_config, self.tokenizer)
        gen = self.generation_config
        # A forced first token (BART-CNN's <s>) is a one-token target prefix for CTranslate2.
        bos = getattr(gen, "forced_bos_token_id", None) if self.is_encoder_decoder else None
        self._prefix = None if bos is None else self.tokenizer.convert_ids_to_tokens([int(bos)])
        self._forced_eos = getattr(gen, "forced_eos_token_id", None) is not None
        self.default_prompt = self._default_prompt()
        kind = "encoder-decoder" if self.is_encoder_decoder else "causal"
        line = "loaded %s (%s, %s) on %s as %s; input limit %d tokens"
        args = (self.model_name, self.spec, kind, self.device, self.model.compute_type)
        logger.info(line, *args, self.max_input_tokens)

    def __repr__(self) -> str:
        return f"CTranslate2Backend(model_dir={self.model_name!r}, device={self.device!r})"

    def _input_limit(self) -> int:
        """The original config's limit (as TransformersBackend reads it) when one was found,
        else the tokenizer's: a converted folder keeps no positional limit of its own."""
        hint = "pass max_input_tokens (or tokenizer= the original model folder)"
        if self.config is not None:
            try:
                return input_limit(self.config, self.tokenizer, self.is_encoder_decoder)
            except ModelLoadError as exc:
                raise ModelLoadError(f"{exc} {self.model_name!r}: {hint}") from None
        limit = sane_limit(getattr(self.tokenizer, "model_max_length", None))
        if limit:
            return limit
        raise ModelLoadError(f"cannot tell the input limit of {self.model_name!r}: {hint}")

    def _complete(
        self,
        encoded: list[list[int]],
        batches: list[list[int]],
        max_tokens: int,
        stop_sentences: int | None = None,
    ) -> list[list[str]]:
        """All batches are queued at once, so ``inter_threads`` workers can run them side by
        side; the answers are then read back in order (CTranslate2 cannot stop at a sentence
        count: ``stop_sentences`` is not used)."""
        queued = [self._submit([encoded[i] for i in batch], max_tokens) for batch in batches]
        answers = [[self._finish(handle, max_tokens) for handle in handles] for handles in queued]
        self.stats.batches += len(batches)
        self.stats.input_tokens += sum(len(ids) for ids in encoded)
        return answers

    def _submit(self, rows: list[list[int]], max_tokens: int) -> list[Any]:
        """Queue one batch (asynchronously); returns one handle per row."""
        # A forced EOS (BART-CNN's generation config) takes the last position in transformers;
        # CTranslate2 cannot force it, so the answer stops one token earlier, as it would there.
        length = max_tokens - 1 if self._forced_eos and max_tokens > 1 else max_tokens
        tokens = [self.tokenizer.convert_ids_to_tokens(ids) for ids in rows]
        kwargs: dict[str, Any] = {
            "asynchronous": True,
            "beam_size": self.beam_size,
            "length_penalty": self.length_penalty,
            "repetition_penalty": self.repetition_penalty,
            "no_repeat_ngram_size": self.no_repeat_ngram_size,
            "sampling_topk": self.sampling_topk,
            "sampling_temperature": self.sampling_temperature,
            "return_end_token": True,
        }
        if self._end_ids:
            kwargs["end_token"] = self._end_ids
        if self.is_encoder_decoder:
            prefix = None if self._prefix is None else [list(self._prefix) for _ in rows]
            return self.model.translate_batch(
                tokens,
                target_prefix=prefix,
                max_input_length=0,  # its default 1024 would cut long inputs silently
                max_decoding_length=length,
                min_decoding_length=0,
                **kwargs,
            )
        return self.model.generate_batch(
            tokens, max_length=length, min_length=0, include_prompt_in_result=False, **kwargs
        )

    def _finish(self, handle: Any, max_tokens: int) -> str:
        """Wait for one row; count its new tokens (EOS included) and decode them."""
        try:
            result = handle.result()
        except RuntimeError as exc:  # "No position encodings are defined for positions >= N"
            if "position" not in str(exc):
                raise  # out of memory and the like: not an option the caller can fix
            msg = f"{self.model_name} cannot fit max_tokens {max_tokens} with max_input_tokens"
            raise OptionError(f"{msg} {self.max_input_tokens}: {first_line(exc)}") from None
        if self.is_encoder_decoder:
            ids = self.tokenizer.convert_tokens_to_ids(result.hypotheses[0])
        else:
            ids = list(result.sequences_ids[0])
        self.stats.output_tokens += len(ids)
        if ids and ids[-1] in self._end_ids:
            ids = ids[:-1]
        return self.tokenizer.decode(ids, skip_special_tokens=True).strip()


def _check_options(**values: int) -> None:
    """Fail early with the bad value; counts are integers, thread counts may be 0 (default)."""
    for name, value in values.items():
        low = 0 if name in ("sampling_topk", "no_repeat_ngram_size", "intra_threads") else 1
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise OptionError(f"{name} must be an integer >= {low}, got {value!r}")


def _check_positive(**values: float) -> None:
    """Temperatures and penalties scale scores: only positive values make sense."""
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            raise OptionError(f"{name} must be positive, got {value!r}")


def _import_ct2() -> tuple[Any, Any]:
    """ctranslate2 and transformers (for the tokenizer), or a MissingDependencyError."""
    try:
        import ctranslate2
        import transformers
    except ImportError as exc:
        raise MissingDependencyError(exc.name or "ctranslate2", "ctranslate2") from None
    return ctranslate2, transformers


def _spec_name(folder: str, name: str) -> str:
    """The model spec's name, read from the head of ``model.bin`` (uint32 binary version,
    then a uint16-length, NUL-terminated string): the field CTranslate2 reads to pick the
    model class, so no engine has to be built and fail to find out."""
    path = os.path.join(folder, "model.bin")
    if not os.path.isdir(folder):
        raise ModelLoadError(f"cannot load model {name!r}: no such folder")
    try:
        with open(path, "rb") as file:
            head = file.read(6 + 256)
    except OSError:
        msg = f"cannot load model {name!r}: no model.bin, so not a CTranslate2 model"
        raise ModelLoadError(f"{msg} (convert it with ct2-transformers-converter)") from None
    if len(head) < 6:
        raise ModelLoadError(f"cannot load model {name!r}: model.bin is truncated")
    version, size = struct.unpack_from("<IH", head)
    if version < 2:  # CTranslate2 1.x wrote no spec name; it converted only translation models
        return "TransformerSpec"
    return head[6 : 6 + max(size - 1, 0)].decode("utf-8", "replace")


def _is_encoder_decoder(spec: str, name: str) -> bool:
    """Translator for encoder-decoder specs, Generator for decoder-only ones; others (Whisper,
    encoders) cannot summarise text."""
    if spec in ENCODER_DECODER_SPECS:
        return True
    if spec in DECODER_ONLY_SPECS:
        return False
    raise ModelLoadError(f"model {name!r} is a {spec!r}, not a text generation model")


def _resolve_device(ctranslate2: Any, device: str) -> tuple[str, int]:
    """``auto`` -> CUDA when CTranslate2 sees a GPU, else CPU; ``cuda:N`` -> (cuda, N)."""
    gpus = ctranslate2.get_cuda_device_count()
    if device == "auto":
        return ("cuda" if gpus > 0 else "cpu"), 0
    kind, _, index = device.partition(":") if isinstance(device, str) else ("", "", "")
    if kind not in ("cpu", "cuda") or (index and (not index.isdigit() or kind == "cpu")):
        raise OptionError(f"device must be 'auto', 'cpu', 'cuda' or 'cuda:N', got {device!r}")
    if kind == "cuda" and int(index or 0) >= gpus:
        raise OptionError(f"device {device!r} asked for, but CTranslate2 sees {gpus} GPU(s)")
    return kind, int(index or 0)


def _check_compute_type(ctranslate2: Any, compute_type: str, device: str) -> None:
    """Only the types this device supports (CTranslate2 would fail on load anyway)."""
    supported = set(ctranslate2.get_supported_compute_types(device)) | {"default", "auto"}
    if compute_type not in supported:
        names = ", ".join(sorted(supported))
        raise OptionError(f"compute_type on {device} must be one of {names}; got {compute_type!r}")


def _source(tokenizer: str | os.PathLike[str]) -> str:
    """A folder (user-expanded) or a hub id."""
    name = os.fspath(tokenizer)
    expanded = os.path.expanduser(name)
    return expanded if os.path.isdir(expanded) else name


def _load_tokenizer(transformers: Any, source: str, offline: bool | None, in_model: bool) -> Any:
    """The original tokenizer; a failure is one ModelLoadError saying where it was looked for."""
    kwargs = {} if offline is None else {"local_files_only": offline}
    try:
        return transformers.AutoTokenizer.from_pretrained(source, **kwargs)
    except _LOAD_ERRORS as exc:
        hint = " (copy its files in at conversion, or pass tokenizer=)" if in_model else ""
        msg = f"cannot load the tokenizer from {source!r}{hint}: {first_line(exc)}"
        raise ModelLoadError(msg) from None


def _optional(loader: Any, source: str, offline: bool | None) -> Any:
    """An original ``config.json`` / ``generation_config.json`` if ``source`` has one, else
    None (a converted folder's own config.json is CTranslate2's, which this rejects)."""
    kwargs = {} if offline is None else {"local_files_only": offline}
    try:
        return loader.from_pretrained(source, **kwargs)
    except (*_LOAD_ERRORS, TypeError, AttributeError) as exc:
        logger.debug("no %s in %s: %s", loader.__name__, source, first_line(exc))
        return None
