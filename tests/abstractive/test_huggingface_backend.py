"""TransformersBackend on tiny random models built offline (``tests/abstractive/tiny_models.py``).

The real transformers code path: models and tokenizers are saved with ``save_pretrained`` and
loaded by path; nothing is mocked or downloaded. Random weights write gibberish, so these tests pin
what does not depend on quality: one answer per prompt in order, batching, exact token accounting,
context limits that are never overrun and never silently truncated, typed errors.
"""

from __future__ import annotations

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
from precis.abstractive.backends.huggingface import (
    GenerationStats,
    ModelLoadError,
    TransformersBackend,
)
from precis.abstractive.guard import GuardOptions
from precis.abstractive.mapreduce import DEFAULT_PROMPT, summarize_long
from precis.api import load_text
from precis.errors import InvariantError, MissingDependencyError, OptionError

if os.environ.get("CI"):  # in CI a missing install must fail loudly, not skip
    import torch
    import transformers  # noqa: F401
else:
    torch = pytest.importorskip("torch")
    pytest.importorskip("transformers")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "beast-jewel-of-mars.txt"
SEQ2SEQ_POSITIONS = 128
CAUSAL_POSITIONS = 256
KINDS = ("seq2seq", "causal", "chat")
WORDS = " ".join(example_lines()).split()
# Very different lengths (1 to 33 words, up to ~120 tokens), unsorted, more prompts than a batch.
PROMPTS = [
    " ".join(WORDS[7 * i : 7 * i + n]) for i, n in enumerate([3, 25, 10, 1, 33, 20, 5, 15, 30])
]


@pytest.fixture(scope="session")
def model_paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The tiny checkpoints, built once per session (about a second)."""
    root = tmp_path_factory.mktemp("tiny_models")
    return {
        "seq2seq": build_tiny_seq2seq(root / "bart", max_positions=SEQ2SEQ_POSITIONS),
        "causal": build_tiny_causal(
            root / "gpt2", chat_template=False, max_positions=CAUSAL_POSITIONS
        ),
        "chat": build_tiny_causal(
            root / "llama", chat_template=True, max_positions=CAUSAL_POSITIONS
        ),
        "t5": build_tiny_t5(root / "t5"),
    }


@pytest.fixture(scope="session")
def backends(model_paths: dict[str, Path]) -> dict[str, TransformersBackend]:
    """One backend per kind, batch_size 3 so 9 prompts take 3 batches."""
    return {kind: TransformersBackend(path, batch_size=3) for kind, path in model_paths.items()}


def delta(backend: TransformersBackend, run: Callable[[], Any]) -> tuple[Any, GenerationStats]:
    """``run()`` and how much the backend's counters moved while it ran."""
    before = asdict(backend.stats)
    result = run()
    after = asdict(backend.stats)
    return result, GenerationStats(**{k: after[k] - before[k] for k in before})


def prefix_fitting(backend: TransformersBackend, limit: int) -> tuple[str, str]:
    """The longest word prefix of the story with at most ``limit`` tokens, and one word more."""
    n = 1
    while backend.count_tokens(" ".join(WORDS[: n + 1])) <= limit:
        n += 1
    return " ".join(WORDS[:n]), " ".join(WORDS[: n + 1])


def test_backend_satisfies_protocol_and_repr(backends: dict[str, TransformersBackend]) -> None:
    backend = backends["seq2seq"]
    assert isinstance(backend, Backend)
    assert "bart" in repr(backend) and "cpu" in repr(backend)


def test_import_does_not_import_torch() -> None:
    code = "import sys, precis.abstractive.backends.huggingface; print('torch' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize("kind", KINDS)
def test_generate_batched_equals_one_by_one(
    backends: dict[str, TransformersBackend], kind: str
) -> None:
    """Sorting into buckets, padding and unsorting change nothing: each answer is the one the
    prompt gets alone. Causal models are padded on the left with the pad masked out and position
    ids taken from the mask, so in float32 greedy answers match exactly there too."""
    backend = backends[kind]
    batched, moved = delta(backend, lambda: backend.generate(PROMPTS, max_tokens=12))
    alone = [backend.generate([p], max_tokens=12)[0] for p in PROMPTS]
    assert batched == alone
    assert len(set(batched)) > 3  # the answers differ, so an order mix-up would show
    assert moved.batches == math.ceil(len(PROMPTS) / 3) and moved.prompts == len(PROMPTS)


@pytest.mark.parametrize("kind", KINDS)
def test_generate_buckets_by_length_with_the_right_padding_side(
    backends: dict[str, TransformersBackend], kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A spy around the real ``model.generate`` records each batch: longest prompts first,
    widths falling, padding left for causal models (the answer follows the prompt), else right."""
    backend = backends[kind]
    seen: list[Any] = []
    real = backend.model.generate

    def spy(**kwargs: Any) -> Any:
        seen.append(kwargs["attention_mask"].clone())
        return real(**kwargs)

    monkeypatch.setattr(backend.model, "generate", spy)
    backend.generate(PROMPTS, max_tokens=4)
    lengths = sorted(backend.encode_lengths(PROMPTS), reverse=True)
    assert [m.sum(dim=1).tolist() for m in seen] == [
        sorted(lengths[i : i + 3], reverse=True) for i in range(0, len(lengths), 3)
    ]
    kept = 0 if kind == "seq2seq" else -1  # the column every row has a real token in
    assert all(bool(m[:, kept].all()) for m in seen)


@pytest.mark.parametrize("kind", KINDS)
def test_count_tokens_equals_the_input_generate_feeds(
    backends: dict[str, TransformersBackend], kind: str
) -> None:
    backend = backends[kind]
    assert backend.encode_lengths(PROMPTS) == [backend.count_tokens(p) for p in PROMPTS]
    for prompt in PROMPTS:
        _, moved = delta(backend, lambda p=prompt: backend.generate([p], max_tokens=2))
        assert moved.input_tokens == backend.count_tokens(prompt)


def test_count_tokens_includes_special_tokens(backends: dict[str, TransformersBackend]) -> None:
    assert backends["seq2seq"].count_tokens("") == 2  # <s> </s>
    assert backends["causal"].count_tokens("") == 1  # <s>
    assert backends["t5"].count_tokens("") == 1  # </s>


def test_count_tokens_wraps_the_chat_template(backends: dict[str, TransformersBackend]) -> None:
    """Against the tokenizer's own ``apply_chat_template`` (one BOS, from the template)."""
    from precis.abstractive.backends import SYSTEM_PROMPT

    backend = backends["chat"]
    for prompt in PROMPTS:
        messages = [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": prompt},
        ]
        ids = backend.tokenizer.apply_chat_template(
            messages, add_generation_prompt=True, tokenize=True, return_dict=False
        )
        assert backend.count_tokens(prompt) == len(ids)
        assert ids.count(backend.tokenizer.bos_token_id) == 1


@pytest.mark.parametrize(
    ("kind", "max_input", "context_16"),
    [
        ("seq2seq", SEQ2SEQ_POSITIONS, SEQ2SEQ_POSITIONS + 16),  # encoder limit + the answer
        ("causal", CAUSAL_POSITIONS, CAUSAL_POSITIONS),  # n_positions, shared with the answer
        ("chat", CAUSAL_POSITIONS, CAUSAL_POSITIONS),  # max_position_embeddings
        ("t5", 512, 512 + 16),  # relative positions, no tokenizer limit: T5's 512
    ],
)
def test_context_tokens(
    backends: dict[str, TransformersBackend], kind: str, max_input: int, context_16: int
) -> None:
    backend = backends[kind]
    assert backend.max_input_tokens == max_input
    assert backend.context_tokens(16) == context_16


@pytest.mark.parametrize(
    ("kind", "prompt", "encoder_decoder"),
    [
        ("seq2seq", "{text}", True),
        ("t5", "summarize: {text}", True),
        ("causal", DEFAULT_PROMPT, False),
        ("chat", DEFAULT_PROMPT, False),
    ],
)
def test_default_prompt_and_kind(
    backends: dict[str, TransformersBackend], kind: str, prompt: str, encoder_decoder: bool
) -> None:
    assert backends[kind].default_prompt == prompt
    assert backends[kind].is_encoder_decoder is encoder_decoder


def test_seq2seq_prompt_at_the_input_limit_runs_one_more_word_raises(
    backends: dict[str, TransformersBackend],
) -> None:
    backend = backends["seq2seq"]
    fits, over = prefix_fitting(backend, SEQ2SEQ_POSITIONS)
    assert len(backend.generate([fits], max_tokens=4)) == 1
    with pytest.raises(InvariantError, match="exceeds the input limit"):
        backend.generate(["short", over], max_tokens=4)  # checked before any batch runs


def test_causal_prompt_plus_answer_at_the_context_runs_one_more_raises(
    backends: dict[str, TransformersBackend],
) -> None:
    backend = backends["causal"]
    prompt = PROMPTS[4]
    room = CAUSAL_POSITIONS - backend.count_tokens(prompt)
    _, moved = delta(backend, lambda: backend.generate([prompt], max_tokens=room))
    assert moved.output_tokens <= room  # every position of the model used, none overrun
    with pytest.raises(InvariantError, match="exceeds the context"):
        backend.generate([prompt], max_tokens=room + 1)


def test_seq2seq_answer_longer_than_decoder_positions_is_an_option_error(
    backends: dict[str, TransformersBackend],
) -> None:
    with pytest.raises(OptionError, match="decoder"):
        backends["seq2seq"].generate(["text"], max_tokens=SEQ2SEQ_POSITIONS + 1)


def test_summarize_long_keeps_every_prompt_inside_the_context(model_paths: dict[str, Path]) -> None:
    """~100 pages of a real story through map-reduce with a 128-token encoder: the budget
    computed from ``count_tokens``/``context_tokens`` is exact, so no prompt overruns."""
    paragraphs = [p for p in EXAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    doc = load_text("\n\n".join(paragraphs * 11))
    assert len(doc.text.split()) > 45_000  # ~100 pages of 450 words
    backend = TransformersBackend(model_paths["seq2seq"], batch_size=16)
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
    assert result.chunks > 500 and result.rounds >= 2 and result.text
    assert all(tokens + 16 <= context for tokens in result.prompt_tokens)
    assert max(result.prompt_tokens) == backend.max_input_tokens  # the budget is used to the full
    assert backend.stats.prompts == result.calls
    assert backend.stats.output_tokens <= 16 * result.calls


def test_sampling_is_seeded_and_leaves_global_rng_alone(model_paths: dict[str, Path]) -> None:
    def sample(seed: int) -> list[str]:
        backend = TransformersBackend(model_paths["causal"], do_sample=True, top_p=0.9, seed=seed)
        return backend.generate(PROMPTS[:3], max_tokens=8)

    state = torch.get_rng_state()
    first = sample(1)
    assert torch.equal(state, torch.get_rng_state())
    assert sample(1) == first
    assert sample(2) != first


def test_stats_count_prompts_batches_and_tokens(model_paths: dict[str, Path]) -> None:
    backend = TransformersBackend(model_paths["chat"], batch_size=4)
    backend.generate(PROMPTS, max_tokens=5)
    stats = backend.stats
    assert (stats.prompts, stats.batches) == (9, 3)
    assert stats.input_tokens == sum(backend.encode_lengths(PROMPTS))
    assert 0 < stats.output_tokens <= 9 * 5
    assert stats.seconds > 0 and stats.output_tokens_per_second > 0


def test_generate_empty_and_bad_arguments(backends: dict[str, TransformersBackend]) -> None:
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
        {"num_beams": 0},
        {"temperature": 0.0},
        {"top_p": 0.0},
        {"top_p": 1.5},
        {"no_repeat_ngram_size": -1},
        {"repetition_penalty": 0.0},
        {"dtype": "int8"},
        {"device": "no-such-device"},
    ],
)
def test_bad_options_raise_option_error(model_paths: dict[str, Path], options: dict) -> None:
    with pytest.raises(OptionError):
        TransformersBackend(model_paths["seq2seq"], **options)


def test_missing_model_folder_is_a_model_load_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-model"
    with pytest.raises(ModelLoadError, match="no such folder") as caught:
        TransformersBackend(missing)
    assert isinstance(caught.value, OptionError)
    assert str(missing) in str(caught.value) and "\n" not in str(caught.value)


def test_folder_without_weights_is_a_model_load_error(
    model_paths: dict[str, Path], tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(model_paths["seq2seq"], broken, ignore=shutil.ignore_patterns("*.safetensors"))
    with pytest.raises(ModelLoadError, match="weights") as caught:
        TransformersBackend(broken)
    assert str(broken) in str(caught.value)
    with pytest.raises(ModelLoadError):
        TransformersBackend(tmp_path)  # a folder with no config.json at all


def test_missing_transformers_names_the_extra(
    model_paths: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "transformers", None)  # makes the import fail
    with pytest.raises(MissingDependencyError, match=r"precis\[abstractive\]") as caught:
        TransformersBackend(model_paths["seq2seq"])
    assert "transformers" in str(caught.value) and "torch==2.13.0" in str(caught.value)


def test_offline_env_never_reaches_the_hub(monkeypatch: pytest.MonkeyPatch) -> None:
    """HF_HUB_OFFLINE=1 is read when the backend is built: an unknown hub id fails at once."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelLoadError, match="offline") as caught:
        TransformersBackend("precis-tests/no-such-model")
    assert "precis-tests/no-such-model" in str(caught.value)


def test_count_text_tokens_is_the_tokenizer_alone(backends: dict[str, TransformersBackend]) -> None:
    """Issue 15: a sentence inside a prompt costs its own tokens, not a whole chat turn's."""
    backend = backends["chat"]
    for prompt in PROMPTS:
        alone = backend.tokenizer(prompt, add_special_tokens=False)["input_ids"]
        assert backend.count_text_tokens(prompt) == len(alone)
        assert backend.count_tokens(prompt) > backend.count_text_tokens(prompt)
    assert backend.count_text_tokens("") == 0


def test_sentences_are_chunked_by_their_own_tokens(
    backends: dict[str, TransformersBackend],
) -> None:
    """The map-reduce budget counts each sentence by ``count_text``: a text that fits one
    prompt goes in one chunk (with the chat turn counted per sentence it took several)."""
    from precis.abstractive.chunking import chunk_document
    from precis.api import load_text

    backend = backends["chat"]
    doc = load_text(" ".join(f"Line {i} says a thing." for i in range(12)))
    text_total = sum(backend.count_text_tokens(s.text) for s in doc.sentences)
    template = backend.count_tokens("")
    budget = text_total + 2 * len(doc.sentences)  # chunk_document allows 2 tokens a joint
    assert len(chunk_document(doc, backend.count_text_tokens, budget)) == 1
    per_turn = sum(backend.count_tokens(s.text) for s in doc.sentences)
    assert per_turn >= text_total + len(doc.sentences) * (template - 1)
    assert len(chunk_document(doc, backend.count_tokens, budget)) > 1


def test_sentence_stop_counts_whole_sentences_per_row() -> None:
    import torch

    from precis.abstractive.backends.stopping import SentenceStop

    class Decoder:
        def batch_decode(self, ids: object, skip_special_tokens: bool) -> list[str]:
            return ["One. Two. Three", "One. Two. Three. "]

    stop = SentenceStop(Decoder(), prompt_width=0, sentences=3)
    ids = torch.zeros((2, 5), dtype=torch.long)
    verdicts = [stop(ids, None).tolist() for _ in range(4)]  # checked every 4th step
    assert verdicts[:3] == [[False, False]] * 3
    assert verdicts[3] == [False, True]
