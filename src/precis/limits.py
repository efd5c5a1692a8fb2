"""A time limit per document that every stage honours (issue 7: resource limits).

The limit is a deadline in a context variable, set by :func:`time_limit` around one document's
work (the API's ``summarize``, ``abstract``, ``process_one``, and what the CLI and batch run
through them); the stages call :func:`check` at their boundaries and inside their long loops.
A context variable rather than an argument: it reaches every stage without threading a
parameter through each signature, and each thread (or asyncio task) keeps its own. Python
cannot interrupt a running C call, so a check comes between steps; the other limits (bytes,
pages, sentences) bound how long any one step can take. The service and batch engines add a
hard limit on top by killing the worker process.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar

from precis.errors import LimitExceededError

_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("precis_deadline", default=None)


class TimeLimitError(LimitExceededError):
    """A document took longer than its time limit."""

    code = "time_limit"
    http_status = 504


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Run the block under a deadline ``seconds`` from now (None: no limit; an outer, earlier
    deadline stays in force)."""
    if seconds is None:
        yield
        return
    deadline = time.monotonic() + seconds
    outer = _DEADLINE.get()
    if outer is not None and outer[0] <= deadline:
        yield
        return
    token = _DEADLINE.set((deadline, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check(stage: str) -> None:
    """Raise :class:`TimeLimitError` if the current deadline has passed (no-op without one)."""
    current = _DEADLINE.get()
    if current is not None and time.monotonic() > current[0]:
        raise TimeLimitError(f"time limit of {current[1]:g} s reached while {stage}")
