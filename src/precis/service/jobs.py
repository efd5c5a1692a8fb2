"""Job records in SQLite (stdlib ``sqlite3``, WAL mode), shared by the server and its workers.

The server creates a record and writes the outcome; a worker process marks it running and
writes its progress, so a slow job can be followed from another request. Finished results survive
a restart; a record left ``queued`` or ``running`` by a crash is marked failed with the code
``interrupted`` at the next start-up, never lost or left hanging.
"""

from __future__ import annotations

import json
import logging
import math
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
FINISHED = frozenset({DONE, FAILED})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    created REAL NOT NULL,
    started REAL,
    finished REAL,
    stage TEXT,
    done INTEGER,
    total INTEGER,
    result TEXT,
    error TEXT
)
"""
INTERRUPTED = {
    "type": "InterruptedError",
    "code": "interrupted",
    "message": "the server stopped before this job finished; submit it again",
}


@dataclass(frozen=True)
class JobState:
    """Status and progress of a job, without its result (cheap to poll)."""

    id: str
    kind: str
    status: str
    created: float
    started: float | None
    finished: float | None
    stage: str | None
    done: int | None
    total: int | None
    error: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any]:
        progress = None
        if self.stage is not None:
            progress = {"stage": self.stage, "done": self.done, "total": self.total}
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "created": _iso(self.created),
            "started": _iso(self.started),
            "finished": _iso(self.finished),
            "progress": progress,
            "error": self.error,
        }


class JobStore:
    """Job records in one SQLite file; every call opens its own short connection (any thread,
    any process)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=30.0, isolation_level=None)) as conn:
            conn.execute("PRAGMA synchronous=NORMAL")
            yield conn

    def init(self) -> None:
        """Create the file and table (WAL mode, readable only by this user)."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with self._db() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(_SCHEMA)
        self.path.chmod(0o600)

    def recover(self) -> int:
        """Mark jobs a previous server left queued or running as failed (interrupted)."""
        with self._db() as conn:
            cursor = conn.execute(
                "UPDATE jobs SET status=?, error=?, finished=? WHERE status IN (?, ?)",
                (FAILED, json.dumps(INTERRUPTED), time.time(), QUEUED, RUNNING),
            )
            count = cursor.rowcount
        if count:
            logger.warning("marked %d interrupted job(s) as failed", count)
        return count

    def prune(self, older_than_s: float) -> int:
        """Delete finished jobs older than ``older_than_s`` seconds."""
        with self._db() as conn:
            cursor = conn.execute(
                "DELETE FROM jobs WHERE status IN (?, ?) AND finished < ?",
                (DONE, FAILED, time.time() - older_than_s),
            )
            return cursor.rowcount

    def create(self, kind: str) -> str:
        """A new queued job; its id is unguessable (it is the only key to the result)."""
        job_id = secrets.token_urlsafe(16)
        with self._db() as conn:
            conn.execute(
                "INSERT INTO jobs (id, kind, status, created) VALUES (?, ?, ?, ?)",
                (job_id, kind, QUEUED, time.time()),
            )
        return job_id

    def delete(self, job_id: str) -> None:
        with self._db() as conn:
            conn.execute("DELETE FROM jobs WHERE id=?", (job_id,))

    def mark_running(self, job_id: str) -> None:
        with self._db() as conn:
            conn.execute(
                "UPDATE jobs SET status=?, started=? WHERE id=? AND status=?",
                (RUNNING, time.time(), job_id, QUEUED),
            )

    def progress(self, job_id: str, stage: str, done: int | None, total: int | None) -> None:
        with self._db() as conn:
            conn.execute(
                "UPDATE jobs SET stage=?, done=?, total=? WHERE id=? AND status IN (?, ?)",
                (stage, done, total, job_id, QUEUED, RUNNING),
            )

    def finish(
        self,
        job_id: str,
        *,
        result: dict[str, Any] | None = None,
        error: dict[str, Any] | None = None,
    ) -> None:
        """Record the outcome: a result (done) or an error (failed); a finished job stays so."""
        status = DONE if error is None else FAILED
        with self._db() as conn:
            conn.execute(
                "UPDATE jobs SET status=?, finished=?, result=?, error=? "
                "WHERE id=? AND status NOT IN (?, ?)",
                (
                    status,
                    time.time(),
                    None if result is None else dumps(result),
                    None if error is None else json.dumps(error),
                    job_id,
                    DONE,
                    FAILED,
                ),
            )

    def state(self, job_id: str) -> JobState | None:
        """Status and progress, or None for an unknown id."""
        with self._db() as conn:
            row = conn.execute(
                "SELECT id, kind, status, created, started, finished, stage, done, total, error "
                "FROM jobs WHERE id=?",
                (job_id,),
            ).fetchone()
        if row is None:
            return None
        return JobState(*row[:9], error=json.loads(row[9]) if row[9] else None)

    def result_json(self, job_id: str) -> str | None:
        """The stored result as JSON text (not parsed: it can be large and is sent as is)."""
        with self._db() as conn:
            row = conn.execute("SELECT result FROM jobs WHERE id=?", (job_id,)).fetchone()
        return None if row is None else row[0]


def dumps(data: Any) -> str:
    """Strict JSON (browsers reject NaN): non-finite floats become null, with a warning."""
    try:
        return json.dumps(data, ensure_ascii=False, allow_nan=False)
    except ValueError:
        logger.warning("non-finite number in an answer replaced by null")
        return json.dumps(_finite(data), ensure_ascii=False, allow_nan=False)


def _finite(data: Any) -> Any:
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {k: _finite(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_finite(v) for v in data]
    return data


def _iso(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, timezone.utc).isoformat(timespec="milliseconds")
