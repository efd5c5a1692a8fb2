"""The viewer's JSON (report, web page, service) on the real example documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from precis import api
from precis.options import SummarizeOptions
from precis.render.view import view_data

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("ext", ["pdf", "html", "txt"])
def test_view_offsets_point_into_the_text(ext: str) -> None:
    summary = api.summarize(EXAMPLES / f"beast-jewel-of-mars.{ext}", SummarizeOptions(sentences=4))
    view = json.loads(json.dumps(view_data(summary)))  # JSON-safe

    text = view["text"]
    assert view["mode"] == "extractive" and len(view["summary"]) == 4
    for s in view["summary"]:
        assert text[s["start"] : s["end"]] == s["text"]
        assert view["sentences"][s["sentence"]] == {
            "start": s["start"],
            "end": s["end"],
            "page": view["sentences"][s["sentence"]]["page"],
        }
    assert len(view["salience"]) == len(view["sentences"])
    assert all(0.0 <= x <= 1.0 for x in view["salience"]) and max(view["salience"]) == 1.0
    spans = [(p["start"], p["end"]) for p in view["paragraphs"]]
    assert spans == sorted(spans) and all(a < b <= len(text) for a, b in spans)
    if ext == "pdf":
        assert all(isinstance(s["page"], int) for s in view["sentences"])


def test_view_of_a_per_section_summary_lists_its_sections() -> None:
    text = (
        "# One\n\nAlpha beta gamma delta. Epsilon zeta eta theta.\n\n# Two\n\nIota kappa lambda mu."
    )
    doc = api.load_text(text, format="markdown")
    summary = api.summarize(doc, SummarizeOptions(per_section=1))
    view = view_data(summary)

    assert view["salience"] is None
    assert [s["heading"] for s in view["summary_sections"]] == ["One", "Two"]
    chosen = {s["sentence"] for s in view["summary"]}
    assert {i for sec in view["summary_sections"] for i in sec["sentences"]} == chosen
