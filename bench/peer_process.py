"""Peer rankings under a per-document time limit: a forked child that is killed when it overruns.

sumy's KL is quadratic pure Python and its LSA spends its time in one SVD call, so on a long
story either can run for minutes; a timer inside the process cannot interrupt a C call, but a
process can always be killed. Each document worker keeps one child and sends it one ranking at a
time over a pipe; the child is forked again only after a kill (or a crash), so a timeout costs
one fork. The child is forked from a worker that has already imported and warmed up every peer,
and it times the ranking itself, so neither the fork nor the pipe is counted in sec/doc.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

import peers

logger = logging.getLogger(__name__)

TIMEOUT = "timeout"
"""The error code of a ranking stopped at the limit (shown in the errors column)."""


class PeerFailed(Exception):
    """A peer ranking did not finish; ``code`` is ``"timeout"`` or the exception's type name."""

    def __init__(self, name: str, code: str, seconds: float) -> None:
        super().__init__(f"{name}: {code} after {seconds:.1f} s")
        self.code = code
        self.seconds = seconds


class TimedPeers:
    """Runs :func:`peers.peer_rankers` by name, each call stopped after ``timeout`` seconds.

    ``timeout=None`` runs in this process with no limit (and no fork). ``rankers`` replaces
    the installed peers (tests use it).
    """

    def __init__(
        self,
        timeout: float | None,
        rankers: dict[str, peers.Rank] | None = None,
        language: str = "en",
    ) -> None:
        if timeout is not None and timeout <= 0:
            raise ValueError(f"timeout must be positive or None, got {timeout}")
        self.timeout = timeout
        self._rankers = peers.peer_rankers(language=language) if rankers is None else dict(rankers)
        self._child: Any = None
        self._conn: Connection | None = None

    @property
    def names(self) -> list[str]:
        return list(self._rankers)

    def rank(
        self, name: str, sentences: Sequence[str], reference: Sequence[str]
    ) -> tuple[list[int], float]:
        """``(ranking, seconds)``; raises :class:`PeerFailed` on a timeout or any failure."""
        if self.timeout is None:
            return _run(self._rankers, name, list(sentences), list(reference))
        conn = self._connection()
        conn.send((name, list(sentences), list(reference)))
        if not conn.poll(self.timeout):
            self.close()
            raise PeerFailed(name, TIMEOUT, self.timeout)
        try:
            status, value, seconds = conn.recv()
        except EOFError:  # the child died (out of memory, a crash in C code)
            self.close()
            raise PeerFailed(name, "crashed", 0.0) from None
        if status != "ok":
            raise PeerFailed(name, value, seconds)
        return value, seconds

    def close(self) -> None:
        """Kill the child, if any; the next :meth:`rank` forks a fresh one."""
        if self._child is not None:
            self._child.kill()
            self._child.join()
            self._child = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _connection(self) -> Connection:
        if self._conn is None:
            ours, theirs = multiprocessing.Pipe()
            context = multiprocessing.get_context("fork")  # inherits imports and warm caches
            self._child = context.Process(target=_serve, args=(theirs, self._rankers), daemon=True)
            self._child.start()
            theirs.close()
            self._conn = ours
        return self._conn


def _run(
    rankers: dict[str, peers.Rank], name: str, sentences: list[str], reference: list[str]
) -> tuple[list[int], float]:
    """One ranking, timed; any exception becomes :class:`PeerFailed` with its type name."""
    started = time.perf_counter()
    try:
        ranking = rankers[name](sentences, reference)
    except Exception as exc:  # a peer failing on one document must not stop the run
        raise PeerFailed(name, type(exc).__name__, time.perf_counter() - started) from exc
    return [int(i) for i in ranking], time.perf_counter() - started


def _serve(conn: Connection, rankers: dict[str, peers.Rank]) -> None:
    """The child's loop: one ``(name, sentences, reference)`` in, one result out."""
    while True:
        try:
            name, sentences, reference = conn.recv()
        except EOFError:
            return
        try:
            ranking, seconds = _run(rankers, name, sentences, reference)
        except PeerFailed as exc:
            conn.send(("error", exc.code, exc.seconds))
        else:
            conn.send(("ok", ranking, seconds))
