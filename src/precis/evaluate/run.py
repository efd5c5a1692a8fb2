"""``evaluate()``: summarize every document of a dataset and score it with ROUGE.

Budgets (issue 3): with ``budget="sentences"`` a system picks K sentences, K being the number of
reference sentences; with ``budget="words"`` it fills the reference's word count from its ranked
sentences, taken best first until the budget is met, the last one cut to fit. A sentence budget
alone rewards long sentences, so both are reported. The word cut exists for evaluation only and
is applied identically to every system (precis methods and the peers in ``bench/``). Summaries
are scored in document order, one sentence per line.

ROUGE reads each document in its language (issue 19): the ``language`` given to
:func:`evaluate` (``precis eval --language``), else the row's ``language`` field, else the
language precis detects in the source (:func:`precis.language.detect_language`). English is
scored exactly as rouge-score scores it; see :mod:`precis.evaluate.tokenize`.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from precis.document import Document
from precis.errors import OptionError, PrecisError
from precis.evaluate.datasets import Example, read_dataset
from precis.evaluate.rouge import Aggregate, Scores, aggregate, rouge
from precis.evaluate.tokenize import tokenizer_name

logger = logging.getLogger(__name__)

BUDGETS = ("sentences", "words")
_TOKEN = re.compile(r"\S+")

Ranker = Callable[..., Sequence[int]]
"""``rank(doc, example, budget="sentences")``: sentence indices of a document, best first (the
evaluation interface of every system; ``budget`` names the budget the ranking will be cut to)."""


@dataclass(frozen=True, slots=True)
class DocResult:
    """One evaluated document: the summary as scored, its ROUGE and the time it took."""

    id: str
    summary: tuple[str, ...]
    scores: Scores
    seconds: float
    language: str | None = None  # the language ROUGE read it in (None: rouge-score's default)


@dataclass(frozen=True)
class EvalReport:
    """Mean ROUGE and speed of one system on one dataset under one budget."""

    dataset: str
    method: str
    budget: str
    rouge: Aggregate
    seconds_per_doc: float
    load_seconds_per_doc: float
    errors: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)  # documents per scoring language

    @property
    def documents(self) -> int:
        return self.rouge.count

    @property
    def language(self) -> str | None:
        """The one language every document was scored in, ``"mixed"``, or None (no documents)."""
        return _one_or_mixed(self.languages)

    @property
    def tokenizers(self) -> dict[str, int]:
        """Documents per ROUGE tokenizer (see :func:`precis.evaluate.tokenize.tokenizer_name`)."""
        out: Counter[str] = Counter()
        for code, n in self.languages.items():
            out[tokenizer_name(None if code == "none" else code)] += n
        return dict(out)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of ``precis eval --json``; ROUGE values are fractions in [0, 1]."""
        return {
            "dataset": self.dataset,
            "method": self.method,
            "budget": self.budget,
            "documents": self.documents,
            "errors": dict(self.errors),
            "language": self.language,
            "languages": dict(self.languages),
            "tokenizer": _one_or_mixed(self.tokenizers),
            "tokenizers": self.tokenizers,
            "rouge": self.rouge.to_dict(),
            "seconds_per_doc": self.seconds_per_doc,
            "load_seconds_per_doc": self.load_seconds_per_doc,
        }

    def format_table(self) -> str:
        """A small fixed-width table for people: F1 x 100; s/doc is summarizing, load s/doc loading."""
        return format_reports([self])


def _one_or_mixed(counts: dict[str, int]) -> str | None:
    """The single key of ``counts``, ``"mixed"`` when there are several, None when empty."""
    if not counts:
        return None
    return next(iter(counts)) if len(counts) == 1 else "mixed"


def format_reports(reports: Iterable[EvalReport]) -> str:
    """Several reports as one fixed-width table (one row each; F1 x 100)."""
    header = (
        "dataset",
        "method",
        "budget",
        "lang",
        "docs",
        "err",
        "R1",
        "R2",
        "RL",
        "RLsum",
        "s/doc",
        "load s/doc",
    )
    rows = [header]
    for r in reports:
        f1 = [
            f"{100 * r.rouge.mean[t]['f1']:.2f}"
            for t in ("rouge1", "rouge2", "rougeL", "rougeLsum")
        ]
        errors = str(sum(r.errors.values()))
        rows.append(
            (
                r.dataset,
                r.method,
                r.budget,
                r.language or "-",
                str(r.documents),
                errors,
                *f1,
                f"{r.seconds_per_doc:.4f}",
                f"{r.load_seconds_per_doc:.4f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            c.ljust(w) if i < 4 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def evaluate(
    path: str | Path,
    *,
    method: str,
    limit: int | None = None,
    budget: str = "sentences",
    save: Path | None = None,
    bootstrap: bool = False,
    language: str | None = None,
) -> EvalReport:
    """Summarize each document of a JSONL dataset with ``method`` and report mean ROUGE.

    Args:
        path: JSONL with ``source`` and ``reference`` (one reference sentence per line).
        method: a registered precis method (``precis methods``).
        limit: evaluate only the first ``limit`` documents.
        budget: ``"sentences"`` (K = reference sentences) or ``"words"`` (reference word count).
        save: write one JSONL line per document, ``{"id", "summary": [sentence, ...]}`` (and
            ``"error"`` for a document that failed to load), so anyone can recompute the scores.
        bootstrap: add a bootstrap 95% interval of each mean.
        language: ISO 639-1 code of every document: precis reads the sources in it and ROUGE
            scores in it. None: each row's ``language``, else the language detected in its
            source (English and undetectable text: rouge-score's default tokenizer).

    Raises:
        OptionError: unknown method or budget. Dataset errors (missing file, bad JSON line)
        propagate; a document that fails to load is counted under ``errors`` instead.
    """
    check_budget(budget)
    from precis.registry import scorers

    scorers.get(method)  # fail early, listing the methods that exist
    ranker = precis_ranker(method)
    _warm_up(ranker)
    results: list[DocResult] = []
    errors: Counter[str] = Counter()
    load_seconds = 0.0
    with _maybe_open(save) as out:
        for example in read_dataset(path, limit):
            started = time.perf_counter()
            try:
                doc = load_example(example, language)
            except PrecisError as exc:
                logger.warning("document %s failed to load: %s", example.id, exc)
                errors[exc.code] += 1
                _write(out, {"id": example.id, "summary": None, "error": exc.to_dict()})
                continue
            load_seconds += time.perf_counter() - started
            scored_in = scoring_language(example, doc, language)
            result = evaluate_document(doc, example, ranker, budget, scored_in)
            results.append(result)
            record = {"id": result.id, "language": scored_in, "summary": list(result.summary)}
            _write(out, record)
    return make_report(Path(path).stem, method, budget, results, errors, load_seconds, bootstrap)


def make_report(
    dataset: str,
    method: str,
    budget: str,
    results: Sequence[DocResult],
    errors: Counter[str] | dict[str, int],
    load_seconds: float = 0.0,
    bootstrap: bool = False,
) -> EvalReport:
    """Aggregate per-document results into an :class:`EvalReport`."""
    n = max(len(results), 1)
    return EvalReport(
        dataset=dataset,
        method=method,
        budget=budget,
        rouge=aggregate([r.scores for r in results], bootstrap=bootstrap),
        seconds_per_doc=sum(r.seconds for r in results) / n,
        load_seconds_per_doc=load_seconds / n,
        errors=dict(errors),
        languages=dict(Counter(r.language or "none" for r in results)),
    )


_WARM_UP = Example(
    id="warm-up",
    source="The probe landed at dawn. Its camera found ice. Engineers cheered.\n\nThen it slept.",
    reference_sentences=("The probe found ice.",),
)


def _warm_up(ranker: Ranker) -> None:
    """Load and rank a tiny document once, so lazy imports are not timed as the first document."""
    ranker(load_example(_WARM_UP), _WARM_UP)


def check_budget(budget: str) -> None:
    if budget not in BUDGETS:
        raise OptionError(f"unknown budget {budget!r}; choose one of {', '.join(BUDGETS)}")


def load_example(example: Example, language: str | None = None) -> Document:
    """The source as precis segments it: the same sentences for every system compared.

    ``language`` (``precis eval --language``) is given to precis as ``--language`` is to
    ``precis summarize``; without it precis detects the language, as a user's run would.
    """
    from precis.api import load_text
    from precis.options import CleanOptions, LoadOptions

    if language is None:
        return load_text(example.source)
    return load_text(example.source, options=LoadOptions(clean=CleanOptions(language=language)))


def scoring_language(example: Example, doc: Document, language: str | None = None) -> str | None:
    """The language ROUGE reads a document in: the one given, the row's, or the detected one."""
    return language or example.language or doc.metadata.language


def evaluate_document(
    doc: Document, example: Example, ranker: Ranker, budget: str, language: str | None = None
) -> DocResult:
    """Rank, cut to the budget and score one document in ``language`` (see
    :func:`precis.evaluate.rouge.rouge`); ``seconds`` times the ranking only."""
    started = time.perf_counter()
    ranking = ranker(doc, example, budget)
    seconds = time.perf_counter() - started
    texts = [s.text for s in doc.sentences]
    summary = choose(
        texts,
        ranking,
        budget=budget,
        k=len(example.reference_sentences),
        words=example.reference_words,
    )
    scores = rouge(summary, example.reference_sentences, language=language)
    return DocResult(example.id, summary, scores, seconds, language)


def choose(
    sentences: Sequence[str], ranking: Sequence[int], *, budget: str, k: int, words: int
) -> tuple[str, ...]:
    """Apply a budget to a ranking and return the summary sentences in document order.

    ``sentences``: K best. ``words``: best first until ``words`` whitespace tokens are reached;
    the sentence that crosses the budget is cut to its first tokens (a prefix of its text, so it
    stays a substring of the document).
    """
    check_budget(budget)
    if budget == "sentences":
        picked = {int(i): sentences[int(i)] for i in ranking[: max(k, 0)]}
        return tuple(picked[i] for i in sorted(picked))
    picked, left = {}, words
    for i in ranking:
        if left <= 0:
            break
        text = sentences[int(i)]
        n = len(text.split())
        picked[int(i)] = text if n <= left else cut_words(text, left)
        left -= min(n, left)
    return tuple(picked[i] for i in sorted(picked) if picked[i])


def cut_words(text: str, n: int) -> str:
    """The prefix of ``text`` holding its first ``n`` whitespace-separated tokens."""
    if n <= 0:
        return ""
    end = 0
    for count, match in enumerate(_TOKEN.finditer(text), start=1):
        end = match.end()
        if count == n:
            break
    return text[:end]


def precis_ranker(method: str) -> Ranker:
    """A ranker for a registered precis method: every sentence index, best first.

    The ranker is told the budget it is ranked for (``budget="sentences"``: K = reference
    sentences; ``"words"``: the reference's word count), as a user tells ``precis summarize``;
    a budget-aware method such as ``auto`` may rank differently for one sentence than for five.
    """
    from precis.extractive.engine import ranked
    from precis.options import SummarizeOptions

    def rank(doc: Document, example: Example, budget: str = "sentences") -> list[int]:
        if budget == "words":
            options = SummarizeOptions(method=method, words=max(example.reference_words, 1))
        else:
            k = len(example.reference_sentences) or len(doc.sentences)
            options = SummarizeOptions(method=method, sentences=max(k, 1))
        return [int(i) for i in ranked(doc, options)]

    return rank


class _NullWriter:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _maybe_open(path: Path | None) -> Any:
    """A text file to write, or a context that yields None when there is nothing to save."""
    if path is None:
        return _NullWriter()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return Path(path).open("w", encoding="utf-8")


def _write(out: TextIO | None, record: dict[str, Any]) -> None:
    if out is not None:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
