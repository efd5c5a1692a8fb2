"""CTranslate2Backend on tiny random models built offline and converted for real.

The tiny checkpoints of ``tests/abstractive/tiny_models.py`` go through CTranslate2's own
``TransformersConverter`` (tokenizer and generation config copied in with ``copy_files``), so the
Translator / Generator code paths run exactly as on a converted hub model; nothing is mocked.
TransformersBackend on the original folders is the oracle: same tokenizer, same float32 weights.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from tests.abstractive.tiny_models import (
    build_tiny_causal,
    build_tiny_seq2seq,
    build_tiny_t5,
    example_lines,
)

from precis.abstractive.backends import Backend
from precis.abstractive.backends.ctranslate2_backend import CTranslate2Backend
from precis.abstractive.backends.huggingface import (
    GenerationStats,
    ModelLoadError,
    TransformersBackend,
)
from precis.abstractive.guard import GuardOptions
from precis.abstractive.mapreduce import DEFAULT_PROMPT, summarize_long
from precis.api import load_text
from precis.document import Document
from precis.errors import InvariantError, MissingDependencyError, OptionError

if os.environ.get("CI"):  # in CI a missing install must fail loudly, not skip
    import ctranslate2
    import torch  # noqa: F401  (the converter needs it)
    import transformers  # noqa: F401
else:
    ctranslate2 = pytest.importorskip("ctranslate2")
    pytest.importorskip("torch")
    pytest.importorskip("transformers")

from ctranslate2.converters import TransformersConverter  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEQ2SEQ_POSITIONS = 128
CAUSAL_POSITIONS = 256
KINDS = ("seq2seq", "causal", "chat")
WORDS = " ".join(example_lines()).split()
# Very different lengths (1 to 33 words, up to ~120 tokens), unsorted, more prompts than a batch.
PROMPTS = [
    " ".join(WORDS[7 * i : 7 * i + n]) for i, n in enumerate([3, 25, 10, 1, 33, 20, 5, 15, 30])
]
COPY = ("tokenizer.json", "tokenizer_config.json", "chat_template.jinja", "generation_config.json")


def convert(hf_dir: Path, out_dir: Path) -> Path:
    """CTranslate2's converter, offline, with the tokenizer files copied next to model.bin."""
    files = [name for name in COPY if (hf_dir / name).exists()]
    TransformersConverter(str(hf_dir), copy_files=files).convert(str(out_dir))
    return out_dir


def bart_for_ct2(path: Path) -> Path:
    """The tiny BART, with the ``normalize_before`` flag every hub BART config carries:
    transformers 5's BartConfig no longer sets it, and CTranslate2 4.8's converter reads it."""
    build_tiny_seq2seq(path, max_positions=SEQ2SEQ_POSITIONS)
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    (path / "config.json").write_text(json.dumps(config | {"normalize_before": False}))
    return path


def make(model_dir: Path, **options: Any) -> CTranslate2Backend:
    """A backend with one OpenMP thread per batch: on a shared 2-core machine CTranslate2's
    default thread team spin-waits on descheduled threads (a 3 ms call measured at 6 s)."""
    return CTranslate2Backend(model_dir, **({"intra_threads": 1} | options))


@pytest.fixture(scope="session")
def hf_paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The original tiny checkpoints (about a second)."""
    root = tmp_path_factory.mktemp("tiny_hf")
    return {
        "seq2seq": bart_for_ct2(root / "bart"),
        "causal": build_tiny_causal(
            root / "gpt2", chat_template=False, max_positions=CAUSAL_POSITIONS
        ),
        "chat": build_tiny_causal(
            root / "llama", chat_template=True, max_positions=CAUSAL_POSITIONS
        ),
        "t5": build_tiny_t5(root / "t5"),
    }


@pytest.fixture(scope="session")
def ct2_paths(hf_paths: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Each checkpoint converted by CTranslate2 (about a second for all four)."""
    root = tmp_path_factory.mktemp("tiny_ct2")
    return {kind: convert(path, root / kind) for kind, path in hf_paths.items()}


@pytest.fixture(scope="session")
def backends(
    ct2_paths: dict[str, Path], hf_paths: dict[str, Path]
) -> dict[str, CTranslate2Backend]:
    """One backend per kind, batch_size 3 so 9 prompts take 3 batches; T5 reads its input
    limit from the original folder (its tokenizer declares none)."""
    built = {kind: make(ct2_paths[kind], batch_size=3) for kind in KINDS}
    return built | {"t5": make(ct2_paths["t5"], tokenizer=hf_paths["t5"], batch_size=3)}


@pytest.fixture(scope="session")
def oracles(hf_paths: dict[str, Path]) -> dict[str, TransformersBackend]:
    """TransformersBackend on the original folders, float32 on the CPU."""
    return {
        kind: TransformersBackend(hf_paths[kind], device="cpu", dtype="float32")
        for kind in (*KINDS, "t5")
    }


def delta(backend: CTranslate2Backend, run: Callable[[], Any]) -> tuple[Any, GenerationStats]:
    """``run()`` and how much the backend's counters moved while it ran."""
    before = asdict(backend.stats)
    result = run()
    after = asdict(backend.stats)
    return result, GenerationStats(**{k: after[k] - before[k] for k in before})


def prefix_fitting(backend: CTranslate2Backend, limit: int) -> tuple[str, str]:
    """The longest word prefix of the story with at most ``limit`` tokens, and one word more."""
    n = 1
    while backend.count_tokens(" ".join(WORDS[: n + 1])) <= limit:
        n += 1
    return " ".join(WORDS[:n]), " ".join(WORDS[: n + 1])


def test_backend_satisfies_protocol_and_repr(backends: dict[str, CTranslate2Backend]) -> None:
    backend = backends["seq2seq"]
    assert isinstance(backend, Backend)
    assert "seq2seq" in repr(backend) and "cpu" in repr(backend)


def test_import_does_not_import_ctranslate2_or_transformers() -> None:
    code = (
        "import sys, precis.abstractive.backends.ctranslate2_backend; "
        "print(any(m in sys.modules for m in ('ctranslate2', 'transformers', 'torch')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("kind", "spec", "encoder_decoder", "prompt"),
    [
        ("seq2seq", "TransformerSpec", True, "{text}"),
        ("causal", "TransformerDecoderSpec", False, DEFAULT_PROMPT),
        ("chat", "TransformerDecoderSpec", False, DEFAULT_PROMPT),
    ],
)
def test_kind_is_read_from_model_bin(
    backends: dict[str, CTranslate2Backend],
    kind: str,
    spec: str,
    encoder_decoder: bool,
    prompt: str,
) -> None:
    backend = backends[kind]
    assert backend.spec == spec and backend.is_encoder_decoder is encoder_decoder
    engine = ctranslate2.Translator if encoder_decoder else ctranslate2.Generator
    assert isinstance(backend.model, engine)
    assert backend.default_prompt == prompt


@pytest.mark.parametrize("kind", (*KINDS, "t5"))
def test_generate_batched_equals_one_by_one(
    backends: dict[str, CTranslate2Backend], kind: str
) -> None:
    """Bucketing by length, queueing and unsorting change nothing for greedy decoding."""
    backend = backends[kind]
    batched, moved = delta(backend, lambda: backend.generate(PROMPTS, max_tokens=12))
    alone = [backend.generate([p], max_tokens=12)[0] for p in PROMPTS]
    assert batched == alone
    assert len(set(batched)) > 3  # the answers differ, so an order mix-up would show
    assert moved.batches == math.ceil(len(PROMPTS) / 3) and moved.prompts == len(PROMPTS)


@pytest.mark.parametrize("kind", (*KINDS, "t5"))
def test_greedy_output_equals_transformers_backend(
    backends: dict[str, CTranslate2Backend],
    oracles: dict[str, TransformersBackend],
    kind: str,
) -> None:
    """Same weights in float32, same tokenizer: CTranslate2's greedy answers are transformers'
    word for word (BART's forced EOS included: the answer stops one token early in both)."""
    assert backends[kind].generate(PROMPTS, max_tokens=12) == oracles[kind].generate(
        PROMPTS, max_tokens=12
    )


def test_forced_first_token_of_the_generation_config_is_honoured(
    ct2_paths: dict[str, Path], hf_paths: dict[str, Path], tmp_path: Path
) -> None:
    """BART-CNN's ``forced_bos_token_id`` becomes a target prefix: still transformers' answers,
    and different from the unforced ones (so the prefix really steered the decoder)."""
    forced: dict[str, Path] = {}
    for name, folder in (("ct2", ct2_paths["seq2seq"]), ("hf", hf_paths["seq2seq"])):
        forced[name] = Path(shutil.copytree(folder, tmp_path / name))
        config = json.loads((folder / "generation_config.json").read_text(encoding="utf-8"))
        text = json.dumps(config | {"forced_bos_token_id": 5})
        (forced[name] / "generation_config.json").write_text(text, encoding="utf-8")
    backend = make(forced["ct2"])
    answers = backend.generate(PROMPTS, max_tokens=10)
    assert answers == TransformersBackend(forced["hf"]).generate(PROMPTS, max_tokens=10)
    assert answers != make(ct2_paths["seq2seq"]).generate(PROMPTS, max_tokens=10)


@pytest.mark.parametrize("kind", (*KINDS, "t5"))
def test_count_tokens_equals_transformers_backend_and_the_input_fed(
    backends: dict[str, CTranslate2Backend],
    oracles: dict[str, TransformersBackend],
    kind: str,
) -> None:
    """Special tokens and the chat template are counted as TransformersBackend counts them,
    and every counted token is what the model is given."""
    backend = backends[kind]
    lengths = backend.encode_lengths(PROMPTS)
    assert lengths == oracles[kind].encode_lengths(PROMPTS)
    assert lengths == [backend.count_tokens(p) for p in PROMPTS]
    _, moved = delta(backend, lambda: backend.generate(PROMPTS, max_tokens=2))
    assert moved.input_tokens == sum(lengths)


@pytest.mark.parametrize(
    ("kind", "max_input", "context_16"),
    [
        ("seq2seq", SEQ2SEQ_POSITIONS, SEQ2SEQ_POSITIONS + 16),  # encoder limit + the answer
        ("causal", CAUSAL_POSITIONS, CAUSAL_POSITIONS),  # prompt and answer share positions
        ("chat", CAUSAL_POSITIONS, CAUSAL_POSITIONS),
    ],
)
def test_context_tokens(
    backends: dict[str, CTranslate2Backend], kind: str, max_input: int, context_16: int
) -> None:
    backend = backends[kind]
    assert backend.max_input_tokens == max_input
    assert backend.context_tokens(16) == context_16


def test_input_limit_from_the_original_config_or_the_argument(
    ct2_paths: dict[str, Path], hf_paths: dict[str, Path]
) -> None:
    """T5's tokenizer declares no limit: the converted folder alone cannot tell it; the
    original folder's config gives TransformersBackend's 512; the argument overrides both."""
    with pytest.raises(ModelLoadError, match="max_input_tokens"):
        make(ct2_paths["t5"])
    with_config = make(ct2_paths["t5"], tokenizer=hf_paths["t5"])
    assert with_config.max_input_tokens == 512
    assert with_config.default_prompt == "summarize: {text}"  # the config says T5
    assert make(ct2_paths["t5"], max_input_tokens=300).context_tokens(8) == 308


def test_seq2seq_prompt_at_the_input_limit_runs_one_more_word_raises(
    backends: dict[str, CTranslate2Backend],
) -> None:
    backend = backends["seq2seq"]
    fits, over = prefix_fitting(backend, SEQ2SEQ_POSITIONS)
    assert len(backend.generate([fits], max_tokens=4)) == 1  # nothing cut at 1024 or anywhere
    with pytest.raises(InvariantError, match="exceeds the input limit"):
        backend.generate(["short", over], max_tokens=4)  # checked before any batch runs


def test_causal_prompt_plus_answer_at_the_context_runs_one_more_raises(
    backends: dict[str, CTranslate2Backend],
) -> None:
    backend = backends["causal"]
    prompt = PROMPTS[4]
    room = CAUSAL_POSITIONS - backend.count_tokens(prompt)
    _, moved = delta(backend, lambda: backend.generate([prompt], max_tokens=room))
    assert moved.output_tokens <= room  # every position of the model used, none overrun
    with pytest.raises(InvariantError, match="exceeds the context"):
        backend.generate([prompt], max_tokens=room + 1)


def test_answer_longer_than_decoder_positions_is_an_option_error(
    ct2_paths: dict[str, Path], hf_paths: dict[str, Path]
) -> None:
    """Checked up front when the original config is known, else CTranslate2's own refusal."""
    known = make(ct2_paths["seq2seq"], tokenizer=hf_paths["seq2seq"])
    with pytest.raises(OptionError, match="decoder"):
        known.generate(["text"], max_tokens=SEQ2SEQ_POSITIONS + 1)
    unknown = make(ct2_paths["seq2seq"], no_repeat_ngram_size=0)
    with pytest.raises(OptionError, match="position"):
        unknown.generate(["text"], max_tokens=4 * SEQ2SEQ_POSITIONS)


def test_summarize_long_keeps_every_prompt_inside_the_context(
    ct2_paths: dict[str, Path],
) -> None:
    """~100 pages under markdown headings through map-reduce with a 128-token encoder: the
    budget from ``count_tokens``/``context_tokens`` is exact, so no prompt overruns."""
    paragraphs = (EXAMPLES / "beast-jewel-of-mars.txt").read_text(encoding="utf-8").split("\n\n")
    parts = []
    for part in range(1, 9):
        parts.append(f"# Part {part}")
        for i in range(0, len(paragraphs), 12):
            parts.append(f"## Chapter {part}.{i // 12 + 1}")
            parts.extend(paragraphs[i : i + 12])
    doc: Document = load_text("\n\n".join(parts), format="markdown")
    backend = make(ct2_paths["seq2seq"], batch_size=16)
    context = backend.context_tokens(16)
    result = summarize_long(
        doc,
        backend,
        count_tokens=backend.count_tokens,
        context_tokens=context,
        max_new_tokens=16,
        target_tokens=64,
        guard=GuardOptions(policy="off"),
        prompt=backend.default_prompt,
    )
    assert len(doc.text.split()) > 30_000  # about 100 pages
    assert result.chunks > 500 and result.rounds >= 2 and result.text
    assert all(tokens + 16 <= context for tokens in result.prompt_tokens)
    assert max(result.prompt_tokens) > 0.9 * backend.max_input_tokens  # the budget is used
    assert backend.stats.prompts == result.calls
    assert backend.stats.output_tokens <= 16 * result.calls


def test_stats_count_prompts_batches_and_tokens(ct2_paths: dict[str, Path]) -> None:
    backend = make(ct2_paths["chat"], batch_size=4)
    backend.generate(PROMPTS, max_tokens=5)
    stats = backend.stats
    assert (stats.prompts, stats.batches) == (9, 3)
    assert stats.input_tokens == sum(backend.encode_lengths(PROMPTS))
    assert 0 < stats.output_tokens <= 9 * 5
    assert stats.seconds > 0 and stats.output_tokens_per_second > 0


def test_int8_and_parallel_batches_still_answer_every_prompt(ct2_paths: dict[str, Path]) -> None:
    backend = make(ct2_paths["causal"], compute_type="int8", batch_size=2, inter_threads=2)
    answers = backend.generate(PROMPTS, max_tokens=6)
    assert len(answers) == len(PROMPTS) and all(isinstance(a, str) for a in answers)
    assert backend.model.compute_type.startswith("int8")


def test_generate_empty_and_bad_arguments(backends: dict[str, CTranslate2Backend]) -> None:
    backend = backends["seq2seq"]
    assert backend.generate([], max_tokens=8) == []
    for bad in (0, -1, True, 2.5):
        with pytest.raises(OptionError, match="max_tokens"):
            backend.generate(["a text"], max_tokens=bad)
    with pytest.raises(OptionError, match="sequence of strings"):
        backend.generate("a text", max_tokens=8)
    with pytest.raises(OptionError, match="max_new_tokens"):
        backend.context_tokens(0)


@pytest.mark.parametrize(
    "options",
    [
        {"batch_size": 0},
        {"batch_size": 2.0},
        {"beam_size": 0},
        {"sampling_topk": -1},
        {"sampling_temperature": 0.0},
        {"no_repeat_ngram_size": -1},
        {"repetition_penalty": 0.0},
        {"inter_threads": 0},
        {"max_input_tokens": 0},
        {"compute_type": "float16"},  # no efficient float16 on a CPU
        {"compute_type": "int3"},
        {"device": "tpu"},
        {"device": "cpu:1"},
    ],
)
def test_bad_options_raise_option_error(
    ct2_paths: dict[str, Path], options: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    with pytest.raises(OptionError, match=next(iter(options))):
        make(ct2_paths["seq2seq"], **options)


def test_cuda_without_a_gpu_is_an_option_error(
    ct2_paths: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    with pytest.raises(OptionError, match="0 GPU"):
        make(ct2_paths["seq2seq"], device="cuda")
    assert make(ct2_paths["seq2seq"], device="auto").device == "cpu"


def test_folder_that_is_not_a_converted_model_is_a_model_load_error(
    hf_paths: dict[str, Path], tmp_path: Path
) -> None:
    with pytest.raises(ModelLoadError, match="no model.bin") as caught:
        make(hf_paths["seq2seq"])  # the original, unconverted checkpoint
    assert "ct2-transformers-converter" in str(caught.value) and "\n" not in str(caught.value)
    missing = tmp_path / "no-such-model"
    with pytest.raises(ModelLoadError, match="no such folder"):
        make(missing)


def test_model_that_cannot_generate_text_is_a_model_load_error(tmp_path: Path) -> None:
    """The spec name in model.bin's head decides; a speech model is refused before loading."""
    name = b"WhisperSpec"
    head = (6).to_bytes(4, "little") + (len(name) + 1).to_bytes(2, "little") + name + b"\0"
    (tmp_path / "model.bin").write_bytes(head)
    with pytest.raises(ModelLoadError, match="WhisperSpec"):
        make(tmp_path)


def test_missing_tokenizer_files_are_a_model_load_error(
    ct2_paths: dict[str, Path], hf_paths: dict[str, Path], tmp_path: Path
) -> None:
    bare = tmp_path / "bare"
    shutil.copytree(ct2_paths["causal"], bare, ignore=shutil.ignore_patterns("tokenizer*"))
    with pytest.raises(ModelLoadError, match="tokenizer=") as caught:
        make(bare)
    assert str(bare) in str(caught.value)
    assert make(bare, tokenizer=hf_paths["causal"]).count_tokens("") == 1


@pytest.mark.parametrize("module", ["ctranslate2", "transformers"])
def test_missing_dependency_names_the_extra(
    ct2_paths: dict[str, Path], monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes the import fail
    with pytest.raises(MissingDependencyError, match=r"precis\[ctranslate2\]") as caught:
        make(ct2_paths["seq2seq"])
    assert module in str(caught.value)
