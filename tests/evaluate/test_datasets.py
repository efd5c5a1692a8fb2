"""read_dataset: streaming examples and typed errors that name the bad line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from precis.errors import InputError, OptionError, SourceNotFoundError
from precis.evaluate.datasets import DatasetFormatError, read_dataset

TINY = Path(__file__).resolve().parents[1] / "fixtures" / "eval_tiny.jsonl"


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_dataset_yields_examples_with_reference_lines():
    examples = list(read_dataset(TINY))
    assert len(examples) == 5
    first = examples[0]
    assert first.id.startswith("cnn-test-")
    assert len(first.reference_sentences) > 1
    assert all(s and "\n" not in s for s in first.reference_sentences)


def test_read_dataset_splits_a_single_line_reference_into_sentences():
    writer = next(e for e in read_dataset(TINY) if e.id.startswith("writer-"))
    assert len(writer.reference_sentences) > 1


def test_read_dataset_limit_stops_early():
    assert [e.id for e in read_dataset(TINY, limit=2)] == [e.id for e in read_dataset(TINY)][:2]


def test_read_dataset_missing_file_is_source_not_found(tmp_path):
    with pytest.raises(SourceNotFoundError):
        read_dataset(tmp_path / "absent.jsonl")


def test_read_dataset_bad_json_names_line_number(tmp_path):
    good = json.dumps({"id": "a", "source": "Text.", "reference": "Ref."})
    path = _write(tmp_path, [good, "", "{not json"])
    with pytest.raises(DatasetFormatError, match=r"set\.jsonl:3: invalid JSON") as info:
        list(read_dataset(path))
    assert isinstance(info.value, InputError)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "a", "reference": "Ref."}, "'source' is missing"),
        ({"id": "a", "source": "Text."}, "'reference' is missing"),
        ({"id": "a", "source": 3, "reference": "Ref."}, "'source' is not a string"),
    ],
)
def test_read_dataset_missing_field_is_typed(tmp_path, row, message):
    path = _write(tmp_path, [json.dumps(row)])
    with pytest.raises(DatasetFormatError, match=rf"set\.jsonl:1: field {message}"):
        list(read_dataset(path))


def test_read_dataset_non_object_line_is_typed(tmp_path):
    with pytest.raises(DatasetFormatError, match="expected a JSON object"):
        list(read_dataset(_write(tmp_path, ["[1, 2]"])))


def test_read_dataset_negative_limit_is_an_option_error():
    with pytest.raises(OptionError):
        read_dataset(TINY, limit=-1)
