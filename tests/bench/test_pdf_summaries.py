"""bench/bench_pdf_summaries.py: human labels and patterns judge summary sentences (issue 14)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import bench_pdf_summaries as bench  # noqa: E402


def _rows(*texts: str) -> list[dict]:
    return [{"doc": "d", "text": t, "kind": "body"} for t in texts]


def test_pdf_summaries_labels_file_is_valid_and_notes_every_non_body_label() -> None:
    labels = bench.load_labels()
    assert len(labels) >= 300
    for line in bench.LABELS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert row["label"] == bench.BODY or row["note"].strip(), row


def test_pdf_summaries_judge_flags_by_label_and_by_pattern() -> None:
    labels = {("d", "Clean prose."): "body", ("d", "Alderson Reporting Company"): "furniture"}
    labels[("d", "Write to a@b.org today.")] = "body"  # a label can be body where a pattern fires
    report = bench.judge(
        _rows("Clean prose.", "Alderson Reporting Company", "Write to a@b.org today."), labels
    )
    assert (report["sentences"], report["flagged"], report["unlabelled"]) == (3, 2, 0)
    assert (report["flagged_by_label"], report["flagged_by_pattern"]) == (1, 1)
    assert [r["flags"] for r in report["rows"]] == [[], ["furniture"], ["email"]]
    reasons = [r["reason"] for r in report["flagged_sentences"]]
    assert reasons == [["label:furniture"], ["pattern:email"]]


def test_pdf_summaries_judge_reports_a_sentence_without_a_label() -> None:
    report = bench.judge(_rows("A new sentence after a filter change."), {})
    assert report["unlabelled"] == 1 and report["flagged"] == 0
    assert report["unlabelled_sentences"] == [
        {"doc": "d", "text": "A new sentence after a filter change."}
    ]
    assert report["rows"][0]["label"] is None
    assert report["labels"] == {"unlabelled": 1}


def test_pdf_summaries_judge_names_a_kind_once_when_label_and_pattern_agree() -> None:
    report = bench.judge(_rows("Mail x@y.com"), {("d", "Mail x@y.com"): "email"})
    assert report["rows"][0]["flags"] == ["email"]
    assert report["flagged_sentences"][0]["reason"] == ["label:email", "pattern:email"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"doc": "d", "text": "t", "label": "junk"}], "is not one of"),
        ([{"doc": "d", "text": "t", "label": "body"}] * 2, "labelled twice"),
    ],
)
def test_pdf_summaries_load_labels_rejects_bad_rows(tmp_path, rows, message) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        bench.load_labels(path)
