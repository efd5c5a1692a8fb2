"""Crash-safe writers: torn tails, Parquet parts at every kill point, the sidecar and its lock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from precis.batch.jsonl import JsonlWriter
from precis.batch.output import open_output
from precis.batch.parquet import ParquetWriter
from precis.batch.records import Result, build_line
from precis.errors import InputError, OptionError

META = {
    "precis_batch": 1,
    "format": "jsonl",
    "options": {"sentences": 3},
    "inputs": {"kind": "folder"},
}


def _result(item_id: str, ok: bool = True) -> Result:
    error = None if ok else {"type": "EmptyInputError", "code": "empty_input", "message": "empty"}
    line = build_line(
        item_id,
        f"/in/{item_id}",
        method="auto",
        summary={"sentences": []} if ok else None,
        error=error,
        options='{"sentences":3}',
        seconds=0.5,
        worker="test/1",
    )
    return Result(item_id, ok, None if ok else "empty_input", 0.5, line)


def _ids(writer: JsonlWriter | ParquetWriter) -> list[str]:
    return [entry[0] for entry in writer.scan()]


def test_record_line_is_one_json_object_with_the_schema() -> None:
    record = json.loads(_result("a", ok=False).line)
    assert list(record) == [
        "id", "source", "ok", "method", "summary", "error", "options", "seconds", "worker",
    ]  # fmt: skip
    assert record["options"] == {"sentences": 3}
    assert record["error"]["code"] == "empty_input"


def test_jsonl_scan_truncates_a_torn_last_line(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    writer = JsonlWriter(path)
    for item_id in ("a", "b"):
        writer.write(_result(item_id))
    writer.close(False)
    with path.open("ab") as handle:
        handle.write(_result("c").line.encode()[:40])  # killed in the middle of a record
    assert _ids(JsonlWriter(path)) == ["a", "b"]
    assert path.read_bytes().endswith(b"\n")
    writer = JsonlWriter(path)
    list(writer.scan())
    writer.write(_result("c"))
    writer.close(True)
    assert _ids(JsonlWriter(path)) == ["a", "b", "c"]


def test_jsonl_scan_refuses_a_damaged_middle_line(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text(_result("a").line + "\n{oops\n" + _result("b").line + "\n")
    with pytest.raises(InputError, match="line 2"):
        _ids(JsonlWriter(path))


def test_parquet_kill_before_merge_keeps_whole_parts(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    writer = ParquetWriter(path, part_records=2)
    list(writer.scan())
    for item_id in "abcde":
        writer.write(_result(item_id))
    # killed now: two whole parts (a b, c d), e only in memory, a merge's tmp half written
    (writer.parts / "part-000009.parquet.tmp").write_bytes(b"half")
    assert sorted(_ids(ParquetWriter(path))) == ["a", "b", "c", "d"]
    assert not list(writer.parts.glob("*.tmp"))


def test_parquet_kill_between_merge_and_cleanup(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    writer = ParquetWriter(path, part_records=2)
    list(writer.scan())
    for item_id in "abc":
        writer.write(_result(item_id))
    writer.close(True)
    assert not writer.parts.exists()
    writer.parts.mkdir()  # as if the merge's rename happened but removing the parts did not
    (writer.parts / "part-000000.parquet").write_bytes(path.read_bytes())
    assert sorted(_ids(ParquetWriter(path))) == ["a", "b", "c"]
    assert not writer.parts.exists()


def test_parquet_resume_of_a_merged_output_adds_records_once(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    writer = ParquetWriter(path, part_records=2)
    list(writer.scan())
    writer.write(_result("a"))
    writer.close(True)
    writer = ParquetWriter(path, part_records=1)
    assert _ids(writer) == ["a"]
    writer.write(_result("b"))  # the merged file moves into the parts first
    assert not path.exists()
    assert sorted(_ids(ParquetWriter(path))) == ["a", "b"]
    writer.close(True)
    assert sorted(_ids(ParquetWriter(path))) == ["a", "b"]


def test_open_output_refuses_other_options(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    _, sidecar = open_output(path, "jsonl", META, resume=True)
    sidecar.release()
    other = {**META, "options": {"sentences": 4}}
    with pytest.raises(OptionError, match="sentences"):
        open_output(path, "jsonl", other, resume=True)
    _, sidecar = open_output(path, "jsonl", other, resume=False)  # --no-resume starts over
    sidecar.release()
    assert json.loads((tmp_path / "out.jsonl.meta.json").read_text())["options"] == {"sentences": 4}


def test_open_output_refuses_a_file_it_did_not_write(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text('{"someone": "else"}\n')
    with pytest.raises(InputError, match="not written by precis batch"):
        open_output(path, "jsonl", META, resume=True)


def test_open_output_lock_refuses_a_second_run(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    _, sidecar = open_output(path, "jsonl", META, resume=True)
    try:
        with pytest.raises(InputError, match="another precis batch"):
            open_output(path, "jsonl", META, resume=True)
    finally:
        sidecar.release()
    _, again = open_output(path, "jsonl", META, resume=True)
    again.release()
