"""Text-generation backends for abstractive summaries.

A backend turns prompts into completions and nothing more: prompting strategy, chunking and the
faithfulness guard live elsewhere, so any backend (an HTTP server, a local model) can be swapped in.
Import the concrete backends from their submodules (:mod:`precis.abstractive.backends.openai_http`);
nothing heavy is imported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

__all__ = ["SYSTEM_PROMPT", "Backend"]

SYSTEM_PROMPT = "You are a careful assistant that writes faithful, concise summaries."
"""The system turn of every chat prompt, local or served, so both paths prompt alike (a chat
template left without one puts in its own: SmolLM2's "You are a helpful AI assistant named
SmolLM", issue 15)."""


@runtime_checkable
class Backend(Protocol):
    """Anything that completes prompts: one completion per prompt, in the order given."""

    def generate(self, prompts: Sequence[str], *, max_tokens: int) -> list[str]:
        """Return one completion for each prompt, ``result[i]`` answering ``prompts[i]``.

        Raises a :class:`precis.errors.PrecisError` subclass on failure; never returns ``None``
        or a partial list.
        """
        ...
