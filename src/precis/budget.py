"""How much summary to make and how to choose it: the budget and the selection settings.

Exactly one budget applies (sentences, words, a ratio of the document's words, or characters);
five sentences when none is given. Both records read a
:class:`~precis.options.SummarizeOptions` defensively (``getattr`` with defaults), so options
added there later plug in without changes here. They sit below :mod:`precis.options` (which
validates through them) and the extractive algorithms (which read them): neither imports the
other for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from precis.errors import OptionError

DEFAULT_SENTENCES = 5
ORDERS = ("document", "score")
# MMR weight of salience against novelty (Carbonell & Goldstein 1998); tuned in
# bench/tune_extractive.py on the development rows.
DEFAULT_MMR_LAMBDA = 0.7


@dataclass(frozen=True, kw_only=True)
class Budget:
    """The size of a summary; at most one field is set (none: :data:`DEFAULT_SENTENCES`)."""

    sentences: int | None = None
    words: int | None = None
    ratio: float | None = None
    chars: int | None = None

    def __post_init__(self) -> None:
        given = {k: v for k, v in self.to_dict().items() if v is not None}
        if len(given) > 1:
            raise OptionError(f"give one budget, not {', '.join(sorted(given))}")
        for key, value in given.items():
            if value <= 0:
                raise OptionError(f"{key} budget must be positive, got {value}")
        if self.ratio is not None and self.ratio > 1:
            raise OptionError(f"ratio must be in (0, 1], got {self.ratio}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "words": self.words,
            "ratio": self.ratio,
            "chars": self.chars,
        }

    @property
    def kind(self) -> str:
        """The name of the budget in force."""
        for key, value in self.to_dict().items():
            if value is not None:
                return key
        return "sentences"

    @property
    def sentence_limit(self) -> int | None:
        """The sentence count for a sentence budget (default five); None for other budgets."""
        if self.kind != "sentences":
            return None
        return self.sentences if self.sentences is not None else DEFAULT_SENTENCES

    @classmethod
    def from_options(cls, options: object) -> Budget:
        """Read ``sentences``/``words``/``ratio``/``chars`` from an options object if present."""
        return cls(
            sentences=getattr(options, "sentences", None),
            words=getattr(options, "words", None),
            ratio=getattr(options, "ratio", None),
            chars=getattr(options, "chars", None),
        )


@dataclass(frozen=True, kw_only=True)
class Selection:
    """How sentences are chosen once scored.

    ``mmr_lambda`` weighs salience against novelty in MMR: 1.0 turns redundancy control off.
    """

    order: str = "document"
    mmr_lambda: float = DEFAULT_MMR_LAMBDA
    filters: bool = True

    def __post_init__(self) -> None:
        if self.order not in ORDERS:
            raise OptionError(f"unknown order {self.order!r}; choose one of {', '.join(ORDERS)}")
        if not 0.0 <= self.mmr_lambda <= 1.0:
            raise OptionError(f"mmr_lambda must be in [0, 1], got {self.mmr_lambda}")

    @classmethod
    def from_options(cls, options: object) -> Selection:
        """Read ``order``/``mmr_lambda``/``filters`` from an options object if present."""
        order = getattr(options, "order", None)
        mmr_lambda = getattr(options, "mmr_lambda", None)
        filters = getattr(options, "filters", None)
        return cls(
            order=order if order is not None else "document",
            mmr_lambda=mmr_lambda if mmr_lambda is not None else DEFAULT_MMR_LAMBDA,
            filters=filters if filters is not None else True,
        )
