"""Input enumeration: stable ids, lazy tables, up-front refusal of the user's mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_helpers import MIXED, write_table

from precis.batch.inputs import open_inputs
from precis.errors import InputError, OptionError, SourceNotFoundError


def test_inputs_folder_recursive_ids_every_file_but_hidden_ones(mixed_folder: Path) -> None:
    items = list(open_inputs(str(mixed_folder)))
    assert sorted(i.id for i in items) == sorted(MIXED)
    assert all(i.kind == "path" and Path(i.value).is_absolute() for i in items)


def test_inputs_folder_ids_are_stable(mixed_folder: Path) -> None:
    first = [i.id for i in open_inputs(str(mixed_folder))]
    assert first == [i.id for i in open_inputs(str(mixed_folder))]


def test_inputs_glob_ids_relative_to_fixed_prefix(mixed_folder: Path) -> None:
    items = list(open_inputs(f"{mixed_folder}/**/*.txt"))
    assert sorted(i.id for i in items) == [
        "beast-jewel-of-mars.txt",
        "broken/blob.txt",
        "broken/empty.txt",
    ]


def test_inputs_glob_skips_the_output(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "out.jsonl").write_text("", encoding="utf-8")
    items = list(open_inputs(f"{tmp_path}/*", exclude=tmp_path / "out.jsonl"))
    assert [i.id for i in items] == ["a.txt"]


def test_inputs_single_document(mixed_folder: Path) -> None:
    (item,) = open_inputs(str(mixed_folder / "README.md"))
    assert item.id == "README.md"


def test_inputs_missing_input_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFoundError):
        open_inputs(str(tmp_path / "nothing-here"))


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_inputs_table_text_column_guessed_row_ids(tmp_path: Path, suffix: str) -> None:
    table = write_table(tmp_path / f"t{suffix}", [{"article": "One."}, {"article": "Two."}])
    inputs = open_inputs(str(table))
    assert (inputs.column, inputs.column_type) == ("article", "text")
    assert [(i.id, i.kind, i.value) for i in inputs] == [
        ("0", "text", "One."),
        ("1", "text", "Two."),
    ]
    assert inputs.count() == 2


def test_inputs_table_id_column(tmp_path: Path) -> None:
    table = write_table(tmp_path / "t.jsonl", [{"key": "a", "text": "x"}, {"key": 7, "text": "y"}])
    assert [i.id for i in open_inputs(str(table), id_column="key")] == ["a", "7"]


def test_inputs_table_duplicate_id_refused(tmp_path: Path) -> None:
    table = write_table(
        tmp_path / "t.jsonl", [{"key": "a", "text": "x"}, {"key": "a", "text": "y"}]
    )
    with pytest.raises(InputError, match="duplicate id 'a'"):
        list(open_inputs(str(table), id_column="key"))


@pytest.mark.parametrize("option", ["column", "id_column"])
def test_inputs_table_unknown_column_refused(tmp_path: Path, option: str) -> None:
    table = write_table(tmp_path / "t.csv", [{"text": "x"}])
    with pytest.raises(OptionError, match="nope"):
        open_inputs(str(table), **{option: "nope"})


def test_inputs_table_path_column_relative_to_table(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    table = write_table(tmp_path / "t.csv", [{"path": "docs/a.txt"}])
    (item,) = open_inputs(str(table))
    assert item.kind == "path"
    assert item.value == str(tmp_path / "docs" / "a.txt")


def test_inputs_table_url_column(tmp_path: Path) -> None:
    table = write_table(tmp_path / "t.parquet", [{"url": "http://127.0.0.1/x"}])
    (item,) = open_inputs(str(table))
    assert (item.kind, item.value) == ("url", "http://127.0.0.1/x")


def test_inputs_jsonl_bad_rows_become_error_items(tmp_path: Path) -> None:
    table = tmp_path / "t.jsonl"
    table.write_text('{"text": "fine"}\n{not json\n\n[1, 2]\n{"text": 3}\n{"other": 1}\n')
    items = list(open_inputs(str(table)))
    assert [i.kind for i in items] == ["text", "error", "error", "error", "error"]
    assert [i.id for i in items] == ["0", "1", "2", "3", "4"]  # the blank line is not a row


def test_inputs_table_options_refused_for_folders(mixed_folder: Path) -> None:
    with pytest.raises(OptionError):
        open_inputs(str(mixed_folder), column="text")
