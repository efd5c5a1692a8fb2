"""An NLI model as an extra signal for the faithfulness guard (issue 4, item 5).

A natural-language-inference classifier (e.g. ``microsoft/deberta-large-mnli``,
``MoritzLaurer/DeBERTa-v3-base-mnli-fever-anli``, or a local folder) reads the source evidence as
premise and a summary sentence as hypothesis and says how likely the first entails the second.
That catches what lexical alignment cannot: a sentence made of source words that says something
the source does not (a swapped actor, a negation). It is optional: the guard works without one.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from precis.errors import MissingDependencyError, OptionError

logger = logging.getLogger(__name__)

Entailer = Callable[[Sequence[tuple[str, str]]], np.ndarray]
"""(premise, hypothesis) pairs -> the probability that each premise entails its hypothesis."""


class NliModel:
    """A transformers sequence classifier with an entailment label, as an :data:`Entailer`.

    Args:
        model: hub id or local folder of an NLI checkpoint.
        device: ``auto`` (CUDA when present), ``cpu``, ``cuda``...
        batch_size: pairs per forward pass.
        max_length: tokens per pair; longer premises are cut from the end (the evidence comes
            first and matters most), never the hypothesis.
    """

    def __init__(
        self, model: str | os.PathLike[str], *, device: str = "auto", batch_size: int = 16,
        max_length: int = 512,
    ) -> None:  # fmt: skip
        if batch_size < 1 or max_length < 8:
            raise OptionError("NLI batch_size must be >= 1 and max_length >= 8")
        try:
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
        except ImportError as exc:
            msg = "an NLI model needs torch and transformers: pip install 'precis[abstractive]'"
            raise MissingDependencyError(msg) from exc
        self.name = os.fspath(model)
        offline = os.environ.get("HF_HUB_OFFLINE") == "1"
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(self.name, local_files_only=offline)
            self.model = AutoModelForSequenceClassification.from_pretrained(
                self.name, local_files_only=offline
            )
        except (OSError, ValueError) as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise OptionError(f"cannot load NLI model {self.name!r}: {reason}") from None
        self.entail = entailment_label(self.model.config.id2label)
        if device == "auto":
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.device = torch.device(device)
        self.model.to(self.device).eval()
        self.batch_size = batch_size
        limits = [max_length, getattr(self.model.config, "max_position_embeddings", None)]
        limits.append(getattr(self.tokenizer, "model_max_length", None))
        self.max_length = min(n for n in limits if isinstance(n, int) and 0 < n < 1_000_000)

    def __repr__(self) -> str:
        return f"NliModel({self.name!r}, device={str(self.device)!r})"

    def __call__(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        import torch

        out = np.zeros(len(pairs), dtype=np.float64)
        for start in range(0, len(pairs), self.batch_size):
            batch = pairs[start : start + self.batch_size]
            encoded = self.tokenizer(
                [p for p, _ in batch],
                [h for _, h in batch],
                truncation="only_first",
                max_length=self.max_length,
                padding=True,
                return_tensors="pt",
            ).to(self.device)
            with torch.inference_mode():
                logits = self.model(**encoded).logits.float()
            probs = torch.softmax(logits, dim=-1)[:, self.entail]
            out[start : start + len(batch)] = probs.cpu().numpy()
        return out


def entailment_label(id2label: dict[Any, str]) -> int:
    """The class index whose label names entailment (MNLI checkpoints disagree on the order)."""
    for index, label in id2label.items():
        if str(label).lower().startswith("entail"):
            return int(index)
    raise OptionError(
        f"the NLI model has no entailment label (labels: {sorted(id2label.values())})"
    )
