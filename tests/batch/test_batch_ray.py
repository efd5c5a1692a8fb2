"""The Ray engine on a real local Ray cluster (started here, on 127.0.0.1, once per module).

Skipped when Ray is not installed, except in CI (``CI`` set), where a missing Ray fails.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import MIXED, SlowJob, news_table, read_records

from precis.batch.runner import BatchOptions, run_batch

if not os.environ.get("CI"):
    pytest.importorskip("ray", reason="Ray is not installed (pip install 'precis[batch]')")


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[Any]:
    import ray

    ray.init(
        num_cpus=2,
        include_dashboard=False,
        _node_ip_address="127.0.0.1",
        logging_level="WARNING",
        _system_config={"worker_niceness": 0},  # as the engine's own cluster
        # the workers unpickle the test jobs of batch_helpers
        runtime_env={"env_vars": {"PYTHONPATH": str(Path(__file__).parent)}},
    )
    try:
        yield ray
    finally:
        ray.shutdown()


def _records(output: Path) -> dict[str, dict[str, Any]]:
    records = read_records(output)
    counts = Counter(r["id"] for r in records)
    assert max(counts.values()) == 1, counts.most_common(3)
    return {r["id"]: r for r in records}


def _options(input: Path, output: Path, **kwargs: Any) -> BatchOptions:
    return BatchOptions(
        input=str(input), output=output, engine="ray", workers=2, progress=False, **kwargs
    )


def test_ray_folder_same_records_as_local(
    ray_cluster: Any, mixed_folder: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out.jsonl"
    report = run_batch(_options(mixed_folder, output))
    records = _records(output)
    assert {k: (r["error"] or {}).get("code") for k, r in records.items()} == MIXED
    assert report["complete"] and report["engine"] == "ray"
    assert ray_cluster.is_initialized()  # the engine used this session and left it open


def test_ray_resumes_a_local_run_into_parquet(
    ray_cluster: Any, small_table: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out.parquet"
    local = BatchOptions(input=str(small_table), output=output, workers=2, progress=False)
    run_batch(BatchOptions(**{**local.__dict__, "limit": 5, "part_records": 2}))
    report = run_batch(_options(small_table, output, part_records=2))
    assert (report["skipped"], report["processed"], report["records"]) == (5, 7, 12)
    records = _records(output)
    assert set(records) == {str(i) for i in range(12)}
    assert all(r["ok"] and r["summary"]["sentences"] for r in records.values())


def test_ray_time_limit_gives_a_timeout_record(ray_cluster: Any, tmp_path: Path) -> None:
    table = news_table(tmp_path / "news.jsonl", 4)
    output = tmp_path / "out.jsonl"
    options = _options(table, output, timeout=1.0)
    run_batch(options, job=SlowJob(options.summarize, slow={"1"}, seconds=60))
    records = _records(output)
    assert len(records) == 4
    assert records["1"]["error"]["code"] == "timeout"
    assert all(records[k]["ok"] for k in ("0", "2", "3"))
