"""Stop a causal model's answer once it holds the sentences the summary will keep (issue 15).

A small chat model asked for three sentences often writes on to ``max_new_tokens``: SmolLM2 on
two CPU threads makes 14.5 tokens/s, so 160 tokens take 11 s of which a three-sentence summary
needs half. Only whole sentences are kept (:func:`precis.abstractive.mapreduce.whole_sentences`)
and the summary is capped at its sentence count, so the tokens after the last sentence it keeps
are wasted: generation stops there.

Written by hand: transformers' stop strings end on fixed text, not on a count of sentence ends.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["SentenceStop"]

# a sentence end followed by the space that opens the next one: the sentence is whole
_END_RE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s")
_DECODE_EVERY = 4  # steps between checks: decoding is cheap, but not free


class SentenceStop:
    """A ``transformers`` stopping criterion: True for each row whose new text holds
    ``sentences`` whole sentences (or for all rows together on older transformers)."""

    def __init__(self, tokenizer: Any, prompt_width: int, sentences: int) -> None:
        self.tokenizer = tokenizer
        self.width = prompt_width
        self.sentences = sentences
        self._steps = 0

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
        import torch

        self._steps += 1
        rows = input_ids.shape[0]
        if self._steps % _DECODE_EVERY:
            return torch.zeros(rows, dtype=torch.bool, device=input_ids.device)
        texts = self.tokenizer.batch_decode(input_ids[:, self.width :], skip_special_tokens=True)
        done = [len(_END_RE.findall(text)) >= self.sentences for text in texts]
        return torch.tensor(done, dtype=torch.bool, device=input_ids.device)
