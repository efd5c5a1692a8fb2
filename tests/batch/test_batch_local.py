"""The local engine end to end (in this process): one record per input, resume, failures."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import (
    MIXED,
    CrashJob,
    SlowJob,
    news_table,
    news_text,
    read_records,
    write_table,
)

from precis.batch.runner import BatchOptions, run_batch
from precis.errors import OptionError
from precis.options import SummarizeOptions


def _run(input: Path | str, output: Path, **kwargs: Any) -> dict[str, Any]:
    return run_batch(
        BatchOptions(input=str(input), output=output, workers=2, progress=False, **kwargs)
    )


def _by_id(output: Path) -> dict[str, dict[str, Any]]:
    records = read_records(output)
    counts = Counter(r["id"] for r in records)
    assert all(n == 1 for n in counts.values()), counts.most_common(3)
    return {r["id"]: r for r in records}


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_batch_folder_one_record_per_input(mixed_folder: Path, tmp_path: Path, suffix: str) -> None:
    output = tmp_path / f"out{suffix}"
    report = _run(mixed_folder, output, summarize=SummarizeOptions(sentences=2))
    records = _by_id(output)
    assert set(records) == set(MIXED)
    for item_id, code in MIXED.items():
        record = records[item_id]
        assert record["ok"] is (code is None)
        assert (record["error"] or {}).get("code") == code
        if code is None:
            sentences = record["summary"]["sentences"]
            assert 1 <= len(sentences) <= 2
            assert all(s["end"] > s["start"] >= 0 for s in sentences)
        assert record["options"]["sentences"] == 2
        assert record["method"] == "auto"
    assert report["complete"] and report["records"] == len(MIXED)
    assert report["failed_by_code"] == {
        "corrupt_pdf": 1,
        "empty_input": 1,
        "binary_input": 1,
        "unsupported_format": 1,
    }
    assert len(report["slowest"]) == 5


def test_batch_resume_skips_finished_ids(small_table: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    first = _run(small_table, output, limit=5)
    assert first["processed"] == 5
    second = _run(small_table, output)
    assert (second["skipped"], second["processed"], second["records"]) == (5, 7, 12)
    assert set(_by_id(output)) == {str(i) for i in range(12)}
    third = _run(small_table, output)
    assert (third["processed"], third["records"]) == (0, 12)


def test_batch_resume_refuses_other_options(small_table: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    _run(small_table, output, limit=2)
    with pytest.raises(OptionError, match="other options"):
        _run(small_table, output, summarize=SummarizeOptions(sentences=1))
    report = _run(small_table, output, summarize=SummarizeOptions(sentences=1), resume=False)
    assert report["records"] == 12 and report["skipped"] == 0


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_batch_tables_text_path_and_url_columns(
    tmp_path: Path, mixed_folder: Path, suffix: str
) -> None:
    texts = write_table(
        tmp_path / f"texts{suffix}",
        [{"text": "The council met on Monday. It voted to repair the bridge."}, {"text": ""}],
    )
    paths = write_table(
        tmp_path / f"paths{suffix}",
        [{"path": "mixed/README.md"}, {"path": "mixed/broken/empty.txt"}, {"path": "missing.txt"}],
    )
    urls = write_table(
        tmp_path / f"urls{suffix}", [{"url": "http://127.0.0.1:9/x"}, {"url": "file:///etc/passwd"}]
    )
    expected = {
        texts: {"0": None, "1": "empty_input"},
        paths: {"0": None, "1": "empty_input", "2": "not_found"},
        urls: {"0": "url_refused", "1": "url_refused"},
    }
    for table, codes in expected.items():
        output = tmp_path / f"{table.stem}.out.jsonl"
        _run(table, output)
        records = _by_id(output)
        assert {k: (r["error"] or {}).get("code") for k, r in records.items()} == codes


def test_batch_parquet_output_resumes_from_parts(small_table: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.parquet"
    _run(small_table, output, limit=5, part_records=2)
    report = _run(small_table, output, part_records=2)
    assert (report["processed"], report["records"]) == (7, 12)
    assert len(_by_id(output)) == 12
    assert not (tmp_path / "out.parquet.parts").exists()


def test_batch_worker_crash_costs_exactly_its_input(tmp_path: Path) -> None:
    table = news_table(tmp_path / "news.jsonl", 10)
    output = tmp_path / "out.jsonl"
    options = BatchOptions(input=str(table), output=output, workers=2, progress=False)
    report = run_batch(options, job=CrashJob(options.summarize, crash={"3", "7"}))
    records = _by_id(output)
    assert len(records) == 10
    assert {k for k, r in records.items() if not r["ok"]} == {"3", "7"}
    assert records["3"]["error"]["code"] == "worker_crash"
    assert report["failed_by_code"] == {"worker_crash": 2}


def test_batch_time_limit_stops_a_hung_input(tmp_path: Path) -> None:
    table = news_table(tmp_path / "news.jsonl", 6)
    output = tmp_path / "out.jsonl"
    options = BatchOptions(input=str(table), output=output, workers=2, progress=False, timeout=1.0)
    report = run_batch(options, job=SlowJob(options.summarize, slow={"2"}, seconds=60))
    records = _by_id(output)
    assert len(records) == 6
    assert records["2"]["error"]["code"] == "timeout"
    assert report["seconds"] < 30


def test_batch_options_validated_up_front(tmp_path: Path, small_table: Path) -> None:
    with pytest.raises(OptionError):
        BatchOptions(input=str(small_table), output=tmp_path / "o.jsonl", num_gpus=1)
    with pytest.raises(OptionError, match="format"):
        _run(small_table, tmp_path / "out.txt")
    base = BatchOptions(input=str(small_table), output=tmp_path / "o.jsonl")
    assert dataclasses.replace(base, format="parquet").format == "parquet"


def test_batch_large_documents_wait_for_an_idle_worker(tmp_path: Path) -> None:
    rows = [{"text": " ".join(news_text(i * 100 + j) for j in range(40))} for i in range(6)]
    table = write_table(tmp_path / "long.jsonl", rows)  # ~40 KB each: never queued behind work
    output = tmp_path / "out.jsonl"
    report = _run(table, output)
    assert report["ok"] == 6
    assert set(_by_id(output)) == {str(i) for i in range(6)}


def test_batch_folder_reads_files_whatever_their_names(tmp_path: Path) -> None:
    """Issue 18: a folder of "article1", "paper" (a PDF) and "note.rtf" gave "records 0" and
    exit 0. Each file is read as `precis summarize` reads it, by its content: two summaries and
    one error record that says why."""
    import shutil

    examples = Path(__file__).resolve().parents[2] / "examples"
    folder = tmp_path / "plain"
    folder.mkdir()
    shutil.copy(examples / "beast-jewel-of-mars.txt", folder / "article1")
    shutil.copy(examples / "beast-jewel-of-mars.pdf", folder / "paper")
    (folder / "note.rtf").write_text("{\\rtf1\\ansi Hello {\\b world}.}\n", encoding="ascii")
    output = tmp_path / "out.jsonl"
    report = _run(folder, output, summarize=SummarizeOptions(sentences=2))
    records = _by_id(output)
    assert set(records) == {"article1", "paper", "note.rtf"}
    assert records["article1"]["ok"] and records["paper"]["ok"]
    assert records["note.rtf"]["error"]["code"] == "unsupported_format"
    assert report["records"] == 3 and report["failed_by_code"] == {"unsupported_format": 1}


def test_a_dead_workers_last_answers_are_read_before_its_input_is_blamed() -> None:
    """The race behind a CI failure (input 6 blamed for the death on input 7): a send that
    finds the pipe broken reaches ``_replace`` before the worker's answers are read. The worker
    here really answers 6 and dies on 7; ``_replace`` is then called without a drain."""
    from collections import deque

    from precis.batch.inputs import Item
    from precis.batch.local import LocalEngine, _context

    engine = LocalEngine(
        CrashJob(SummarizeOptions(), crash={"7"}), workers=1, timeout=60.0, chunk=2
    )
    engine._ctx = _context()
    slot = engine._start()
    slots = [slot]
    emitted: list[Any] = []
    try:
        items = [Item(i, f"<{i}>", "text", news_text(int(i))) for i in ("6", "7")]
        engine._feed(slot, iter(items), deque(), emitted.append, False)
        slot.process.join(60.0)
        assert not slot.process.is_alive()
        slots.append(engine._replace(slot, deque(), emitted.append, timed_out=False))
    finally:
        engine._shutdown(slots[1:])
    assert {r.id: (r.ok, r.code) for r in emitted} == {
        "6": (True, None),
        "7": (False, "worker_crash"),
    }
