"""Tiny randomly initialised models with real tokenizers, built offline for tests and benchmarks.

No hub access: a byte-level BPE tokenizer is trained with the ``tokenizers`` library on the
bundled example story (``examples/beast-jewel-of-mars.txt``), wrapped in
``PreTrainedTokenizerFast`` and saved with ``save_pretrained`` next to a model built from a
config, so :class:`~precis.abstractive.backends.huggingface.TransformersBackend` loads them by
path through the same code as a real checkpoint. Weights are seeded, so outputs are
deterministic. torch and transformers are imported inside the builders: importing this module
is cheap and the callers decide whether a missing install skips or fails.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

EXAMPLE_TEXT = Path(__file__).resolve().parents[2] / "examples" / "beast-jewel-of-mars.txt"
BOS, PAD, EOS, UNK = "<s>", "<pad>", "</s>", "<unk>"
IM_START, IM_END = "<|im_start|>", "<|im_end|>"
# ChatML with a BOS in front, as Llama/Qwen-style templates have: the BOS comes from the template,
# so the tokenizer must not add another one when the rendered chat is encoded.
CHAT_TEMPLATE = (
    "{{ bos_token }}{% for m in messages %}"
    "<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
VOCAB_SIZE = 512
NO_LIMIT = int(1e30)  # what transformers stores when a tokenizer declares no length limit


def example_lines() -> list[str]:
    """Non-empty lines of the bundled story: real English to train the tokenizer on."""
    text = EXAMPLE_TEXT.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def build_tokenizer(
    *,
    bos_template: str,
    pad: bool = True,
    chat: bool = False,
    model_max_length: int = 1024,
    corpus: Iterable[str] | None = None,
    vocab_size: int = VOCAB_SIZE,
) -> Any:
    """A byte-level BPE ``PreTrainedTokenizerFast``; ``bos_template`` is its post-processor
    (e.g. ``"<s> $A </s>"`` BART-style, ``"<s> $A"`` Llama-style); no pad token when ``pad``
    is False (GPT-2 style, so the backend must fall back to EOS)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    specials = [BOS, PAD, EOS, UNK] + ([IM_START, IM_END] if chat else [])
    tok = Tokenizer(models.BPE(unk_token=UNK))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=specials,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(list(corpus) if corpus is not None else example_lines(), trainer)
    pieces = bos_template.split()
    tok.post_processor = processors.TemplateProcessing(
        single=bos_template,
        pair=f"{bos_template} $B:1 {EOS}:1" if pieces[-1] == EOS else f"{bos_template} $B:1",
        special_tokens=[(t, tok.token_to_id(t)) for t in (BOS, EOS)],
    )
    kwargs: dict[str, Any] = {"bos_token": BOS, "eos_token": EOS, "unk_token": UNK}
    if pad:
        kwargs["pad_token"] = PAD
    if chat:
        kwargs["additional_special_tokens"] = [IM_START, IM_END]
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok, model_max_length=model_max_length, **kwargs
    )
    if chat:
        fast.chat_template = CHAT_TEMPLATE
    return fast


def _ids(tokenizer: Any) -> dict[str, int]:
    """Special token ids the model config must agree on."""
    return {
        "bos_token_id": tokenizer.convert_tokens_to_ids(BOS),
        "eos_token_id": tokenizer.convert_tokens_to_ids(EOS),
        "pad_token_id": tokenizer.convert_tokens_to_ids(PAD),
    }


def _save(model: Any, tokenizer: Any, path: Path) -> Path:
    """Both halves into one folder, as a hub checkpoint is laid out."""
    path.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


def build_tiny_seq2seq(path: str | Path, *, max_positions: int = 128, seed: int = 0) -> Path:
    """A 1+1-layer BART (d_model 16) whose encoder reads ``max_positions`` tokens; returns ``path``."""
    import torch
    from transformers import BartConfig, BartForConditionalGeneration

    tokenizer = build_tokenizer(bos_template=f"{BOS} $A {EOS}", model_max_length=max_positions)
    ids = _ids(tokenizer)
    config = BartConfig(
        vocab_size=len(tokenizer),
        d_model=16,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_position_embeddings=max_positions,
        decoder_start_token_id=ids["eos_token_id"],
        forced_eos_token_id=ids["eos_token_id"],
        init_std=0.2,  # large weights: outputs depend visibly on the input
        **ids,
    )
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = BartForConditionalGeneration(config)
    return _save(model, tokenizer, Path(path))


def build_tiny_t5(path: str | Path, *, seed: int = 0) -> Path:
    """A 1+1-layer T5 (relative positions, no position limit in its config; the tokenizer sets
    none either), as Flan-T5 checkpoints are laid out; returns ``path``."""
    import torch
    from transformers import T5Config, T5ForConditionalGeneration

    tokenizer = build_tokenizer(bos_template=f"$A {EOS}", model_max_length=NO_LIMIT)
    ids = _ids(tokenizer)
    config = T5Config(
        vocab_size=len(tokenizer),
        d_model=16,
        d_kv=8,
        d_ff=32,
        num_layers=1,
        num_decoder_layers=1,
        num_heads=2,
        decoder_start_token_id=ids["pad_token_id"],
        eos_token_id=ids["eos_token_id"],
        pad_token_id=ids["pad_token_id"],
    )
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = T5ForConditionalGeneration(config)
    return _save(model, tokenizer, Path(path))


def build_tiny_causal(
    path: str | Path, *, chat_template: bool, max_positions: int = 256, seed: int = 0
) -> Path:
    """A 2-layer causal LM: Llama-style with a ChatML template when ``chat_template``, else
    GPT-2 style (``n_positions``, no pad token, BOS added by the tokenizer); returns ``path``."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel, LlamaConfig, LlamaForCausalLM

    tokenizer = build_tokenizer(
        bos_template=f"{BOS} $A",
        pad=chat_template,
        chat=chat_template,
        model_max_length=max_positions,
    )
    ids = _ids(tokenizer)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        if chat_template:
            config = LlamaConfig(
                vocab_size=len(tokenizer),
                hidden_size=16,
                intermediate_size=32,
                num_hidden_layers=2,
                num_attention_heads=2,
                num_key_value_heads=2,
                max_position_embeddings=max_positions,
                initializer_range=0.2,
                tie_word_embeddings=False,
                **ids,
            )
            model = LlamaForCausalLM(config)
        else:
            ids.pop("pad_token_id")
            config = GPT2Config(
                vocab_size=len(tokenizer),
                n_embd=16,
                n_layer=2,
                n_head=2,
                n_positions=max_positions,
                initializer_range=0.2,
                **ids,
            )
            model = GPT2LMHeadModel(config)
    return _save(model, tokenizer, Path(path))
