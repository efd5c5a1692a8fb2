"""Helpers of the batch tests: synthetic news-like documents, tables, record readers, the real
CLI as a subprocess, and jobs that crash or stall a worker on purpose (importable by the
engine's worker processes, which unpickle them)."""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from precis.batch.inputs import Item
from precis.batch.records import Result
from precis.batch.worker import Job

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

# id -> expected error code (None: a summary) of the mixed folder
MIXED = {
    "README.md": None,
    "beast-jewel-of-mars.html": None,
    "beast-jewel-of-mars.pdf": None,
    "beast-jewel-of-mars.txt": None,
    "broken/corrupt.pdf": "corrupt_pdf",
    "broken/empty.txt": "empty_input",
    "broken/blob.txt": "binary_input",
    "nested/deeper/story.md": None,
    "notes.docx": "unsupported_format",  # read, not skipped: an error record says why (issue 18)
}

_NAMES = ("Ada Moreno", "Tom Keller", "Li Wei", "Sara Osei", "Jan Novak", "Maya Patel")
_PLACES = ("Lisbon", "Nairobi", "Osaka", "Denver", "Tallinn", "Quito")
_TOPICS = ("the harbour bridge", "a new vaccine trial", "the city budget", "river flooding")
_TEMPLATES = (
    "{name} said on {day} that {topic} in {place} would cost {n} million dollars.",
    "Officials in {place} confirmed that {n} people attended the hearing about {topic}.",
    "Critics argued that {topic} had been delayed for {n} months by disputes in {place}.",
    "{name}, who leads the council, promised a vote on {topic} before the end of the year.",
    "The report found that {n} percent of residents in {place} supported {topic}.",
    "Engineers warned that {topic} could need another {n} weeks of inspections.",
    "{name} told reporters that the plan for {topic} was fair to everyone in {place}.",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def news_text(index: int, sentences: int = 8) -> str:
    """A deterministic news-like article (several sentences, numbers and names)."""
    rng = random.Random(index)
    out = []
    for _ in range(sentences):
        template = rng.choice(_TEMPLATES)
        out.append(
            template.format(
                name=rng.choice(_NAMES),
                place=rng.choice(_PLACES),
                topic=rng.choice(_TOPICS),
                day=rng.choice(_DAYS),
                n=rng.randint(2, 900),
            )
        )
    return " ".join(out)


def write_table(path: Path, rows: list[dict[str, Any]]) -> Path:
    """Rows as JSONL, CSV or Parquet, by the path's suffix."""
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    elif path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def news_table(path: Path, count: int) -> Path:
    return write_table(path, [{"doc": f"n{i:05d}", "text": news_text(i)} for i in range(count)])


def read_records(path: Path) -> list[dict[str, Any]]:
    """Every record of a JSONL or Parquet output (Parquet's JSON columns decoded)."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        records = pq.read_table(path).to_pylist()
        for record in records:
            for name in ("summary", "options"):
                if record[name] is not None:
                    record[name] = json.loads(record[name])
        return records
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def cli_prefix() -> list[str]:
    """`python -m precis.cli batch` once registered there, else the command on its own."""
    from precis.cli import app

    names = {c.name for c in app.registered_commands}
    if "batch" in names:
        return [sys.executable, "-m", "precis.cli", "batch"]
    return [sys.executable, "-m", "precis.batch.command"]


def cli_env() -> dict[str, str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("PRECIS_DEBUG", None)
    return env


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The real CLI in a subprocess."""
    return subprocess.run(
        [*cli_prefix(), *args], capture_output=True, text=True, timeout=timeout, env=cli_env()
    )


def count_lines(path: Path) -> int:
    try:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.endswith(b"\n"))
    except FileNotFoundError:
        return 0


def wait_for_records(path: Path, count: int, process: subprocess.Popen[Any], limit: float) -> None:
    """Poll until ``path`` has ``count`` whole lines (or the process ends, or time is up)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        if count_lines(path) >= count:
            return
        time.sleep(0.01)


class CrashJob(Job):
    """Kills its own worker process on the ids in ``crash``."""

    def __init__(self, options: Any, crash: set[str]) -> None:
        super().__init__(options)
        self.crash = crash

    def __call__(self, item: Item) -> Result:
        if item.id in self.crash:
            os.kill(os.getpid(), signal.SIGKILL)
        return super().__call__(item)


class SlowJob(Job):
    """Sleeps ``seconds`` on the ids in ``slow`` (a hang the time limit must end)."""

    def __init__(self, options: Any, slow: set[str], seconds: float) -> None:
        super().__init__(options)
        self.slow = slow
        self.seconds = seconds

    def __call__(self, item: Item) -> Result:
        if item.id in self.slow:
            time.sleep(self.seconds)
        return super().__call__(item)
