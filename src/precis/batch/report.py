"""The end-of-run report: counts (ok, failed by error code), throughput, the slowest inputs.

Counts cover the whole output (earlier runs included), so a resumed run reports the state of
the job; throughput and the slowest inputs cover this run only.
"""

from __future__ import annotations

import heapq
import time
from collections import Counter
from typing import Any

from rich.progress import ProgressColumn, Task
from rich.text import Text

SLOWEST = 5


class Tally:
    """Running counts; ``add`` is called once per record (old and new)."""

    def __init__(self) -> None:
        self.ok = 0
        self.failed: Counter[str] = Counter()
        self.processed = 0
        self.skipped = 0
        self._slowest: list[tuple[float, str]] = []
        self.started = time.perf_counter()
        self.first: float | None = None  # when this run's first new record came
        self.last = 0.0

    def add(self, item_id: str, ok: bool, code: str | None, seconds: float, *, new: bool) -> None:
        if ok:
            self.ok += 1
        else:
            self.failed[code or "unknown"] += 1
        if new:
            now = time.perf_counter()
            self.first = now if self.first is None else self.first
            self.last = now
            self.processed += 1
            entry = (seconds, item_id)
            if len(self._slowest) < SLOWEST:
                heapq.heappush(self._slowest, entry)
            elif entry > self._slowest[0]:
                heapq.heapreplace(self._slowest, entry)

    def report(self, **context: Any) -> dict[str, Any]:
        """The report as plain data (``context``: input, output, engine, workers, ...)."""
        elapsed = time.perf_counter() - self.started
        steady = self.last - self.first if self.first is not None else 0.0
        slowest = sorted(self._slowest, reverse=True)
        return {
            **context,
            "records": self.ok + sum(self.failed.values()),
            "ok": self.ok,
            "failed": sum(self.failed.values()),
            "failed_by_code": dict(self.failed.most_common()),
            "processed": self.processed,
            "skipped": self.skipped,
            "seconds": round(elapsed, 3),
            "docs_per_s": round(self.processed / elapsed, 2) if elapsed > 0 else 0.0,
            # start-up (processes, imports, warm-up, cluster) apart from the steady rate
            "first_record_s": None if self.first is None else round(self.first - self.started, 3),
            "steady_docs_per_s": round((self.processed - 1) / steady, 2) if steady > 0 else None,
            "slowest": [{"id": i, "seconds": round(s, 3)} for s, i in slowest],
        }


def render(report: dict[str, Any], console: Any) -> None:
    """Print the report with rich (the CLI passes a console on stderr)."""
    from rich.table import Table

    state = "complete" if report.get("complete") else "interrupted: rerun to resume"
    table = Table(title=f"precis batch ({state})", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    table.add_row("output", str(report.get("output")))
    table.add_row("records", f"{report['records']} ({report['ok']} ok, {report['failed']} failed)")
    for code, count in report["failed_by_code"].items():
        table.add_row(f"  {code}", str(count))
    table.add_row(
        "this run",
        f"{report['processed']} processed, {report['skipped']} already done, "
        f"{report['seconds']:.1f} s, {report['docs_per_s']:.1f} docs/s "
        f"({report.get('engine')}, {report.get('workers')} workers)",
    )
    for entry in report["slowest"]:
        table.add_row("  slowest", f"{entry['seconds']:.2f} s  {entry['id']}")
    console.print(table)


class RateColumn(ProgressColumn):
    """Documents per second, from rich's moving estimate."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("-- docs/s" if speed is None else f"{speed:.1f} docs/s")
