"""Markdown for compare_peers (bench/peers_report.py): split named, timeouts in errors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from peers_report import format_errors, to_markdown  # noqa: E402


@pytest.mark.parametrize(
    ("errors", "text"),
    [
        ({}, "0"),
        ({"timeout": 0}, "0"),
        ({"timeout": 2}, "2 (timeout 2)"),
        ({"ValueError": 1, "timeout": 3}, "4 (timeout 3, ValueError 1)"),
    ],
)
def test_format_errors(errors, text):
    assert format_errors(errors) == text


def _report(r1: float, errors: dict[str, int]) -> dict:
    scores = {k: {"f1": r1} for k in ("rouge1", "rouge2", "rougeL", "rougeLsum")}
    return {"rouge": {"mean": scores}, "seconds_per_doc": 0.5, "errors": errors}


def test_to_markdown_names_the_split_and_the_timeouts():
    payload = {
        "command": "python bench/compare_peers.py",
        "machine": "test",
        "wall_seconds": 1.0,
        "split": "report",
        "limit": 2,
        "long_limit": 2,
        "long_sets": ["squality_stories"],
        "peer_timeout": 60.0,
        "sets": {
            "squality_stories": {
                "rows": 2,
                "documents": 2,
                "load_seconds_per_doc": 0.1,
                "budgets": {
                    "sentences": {
                        "precis-auto": _report(0.4, {}),
                        "sumy-kl": _report(0.1, {"timeout": 2}),
                    }
                },
            }
        },
    }
    markdown = to_markdown(payload)
    assert "report split" in markdown
    assert "stopped after 60 s" in markdown
    assert "| precis-auto | **40.00** |" in markdown
    assert "| 2 (timeout 2) |" in markdown
