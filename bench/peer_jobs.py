"""What one worker process does with one document: load it, rank it with every system, score it.

precis methods rank in the worker; peers rank in the worker's time-limited child
(:mod:`peer_process`). Module-level caches hold one ranker per method and one peer runner per
worker, so nothing is rebuilt per document.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any

from peer_process import PeerFailed, TimedPeers

from precis.errors import PrecisError
from precis.evaluate.datasets import Example
from precis.evaluate.rouge import rouge
from precis.evaluate.run import (
    DocResult,
    Ranker,
    choose,
    load_example,
    precis_ranker,
    scoring_language,
)

logger = logging.getLogger(__name__)

Job = tuple[Example, tuple[str, ...], tuple[str, ...], float | None]
"""One document: the example, precis methods, budgets, peer timeout (None: no limit)."""


def one_blas_thread() -> None:
    """Every worker single-threaded, so systems are timed alike and workers do not contend."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return
    threadpool_limits(1)


_PEERS: dict[tuple[float | None, str], TimedPeers] = {}
_PRECIS: dict[str, Ranker] = {}


def document_job(job: Job) -> dict[str, Any]:
    """Load one document, rank it with every system once, score every budget."""
    example, methods, budgets, timeout = job
    _warm_up(methods)
    started = time.perf_counter()
    try:
        doc = load_example(example, example.language)
    except PrecisError as exc:
        return {"load_error": exc.code}
    # ROUGE and the peers read the document in its language (the row's, else detected)
    language = scoring_language(example, doc)
    load_seconds = time.perf_counter() - started
    texts = [s.text for s in doc.sentences]
    reference = example.reference_sentences
    # precis methods are told the budget they rank for (as `precis summarize --sentences K` or
    # `--words N` would be), so they rank once per budget; peers rank once for all budgets.
    rankings: dict[tuple[str, str], tuple[Sequence[int], float]] = {}
    errors: dict[str, str] = {}
    for method in methods:
        for budget in budgets:
            started = time.perf_counter()
            try:
                ranking: Sequence[int] = _precis(method)(doc, example, budget)
            except Exception as exc:  # a method in progress failing must not stop the run
                logger.warning("precis-%s failed on %s: %s", method, example.id, type(exc).__name__)
                errors[f"precis-{method}"], ranking = type(exc).__name__, []
            rankings[(f"precis-{method}", budget)] = (ranking, time.perf_counter() - started)
    runner = _peers(timeout, language or "en")
    for name in runner.names:
        try:
            ranked = runner.rank(name, texts, reference)
        except PeerFailed as exc:
            logger.warning("%s on %s (%d sentences): %s", name, example.id, len(texts), exc)
            errors[name], ranked = exc.code, ([], exc.seconds)  # an empty summary
        for budget in budgets:
            rankings[(name, budget)] = ranked
    results: dict[tuple[str, str], DocResult] = {}
    for (name, budget), (ranking, seconds) in rankings.items():
        summary = choose(
            texts, ranking, budget=budget, k=len(reference), words=example.reference_words
        )
        scores = rouge(summary, reference, language=language)
        results[(name, budget)] = DocResult(example.id, summary, scores, seconds, language)
    return {"results": results, "errors": errors, "load_seconds": load_seconds}


def _peers(timeout: float | None, language: str = "en") -> TimedPeers:
    """One peer runner (and so one child process) per worker process, timeout and language."""
    if (timeout, language) not in _PEERS:
        _PEERS[(timeout, language)] = TimedPeers(timeout, language=language)
    return _PEERS[(timeout, language)]


def _precis(method: str) -> Ranker:
    if method not in _PRECIS:
        _PRECIS[method] = precis_ranker(method)
    return _PRECIS[method]


_WARM: set[tuple[str, ...]] = set()
_WARM_UP = Example(
    "warm-up",
    "Mars was quiet that night. The crew of the survey ship watched the red dunes. "
    "Nobody spoke about the jewel. The captain checked the instruments twice.\n\n"
    "At dawn the storm came. The dunes moved and the ship shook. The jewel glowed.",
    ("The crew saw the jewel.",),
)


def _warm_up(methods: tuple[str, ...]) -> None:
    """Run every system once per worker, in the worker, before any child is forked from it.

    Lazy imports and caches are then neither timed on the first document nor repeated in the
    peer child, which inherits them.
    """
    if methods in _WARM:
        return
    _WARM.add(methods)
    doc = load_example(_WARM_UP)
    texts = [s.text for s in doc.sentences]
    for method in methods:
        try:
            _precis(method)(doc, _WARM_UP)
        except Exception:  # noqa: S110 - failures are reported by the timed run
            pass
    untimed = TimedPeers(None)
    for name in untimed.names:
        try:
            untimed.rank(name, texts, _WARM_UP.reference_sentences)
        except PeerFailed:
            pass
