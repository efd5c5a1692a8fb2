"""Auditable repairs (issue 13, build item 6): what cleaning changed, with offsets both ways.

Every repair must satisfy ``doc.text[start:end] == after`` and ``raw[source_start:source_end] ==
before``; the tests below check that the content at those offsets is the *right* content (the
word that was rejoined, the header that was removed), which only holds if positions were carried
correctly through every later step's edits.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import run_cli
from tests.pdf_factory import article_pdf
from tests.properties.strategies import messy_text

from precis.api import extract, load, load_text
from precis.clean.repairs import Repair, RepairLog
from precis.document import Document
from precis.errors import InvariantError, PrecisError
from precis.offsets import Edit, OffsetChain, apply_edits
from precis.options import LoadOptions

MESSY = (
    "In 1962 Khrushchev bargainedaway the missiles, and Cubaâ€™s leaders were furious.&nbsp;"
    "</p><p>The Cold Warunilateralism of both sides gave way to empathy and restraint."
)


@pytest.fixture(scope="module")
def beast(examples_dir):
    """The bundled example PDF: running headers, page footers and hyphenated line ends."""
    path = examples_dir / "beast-jewel-of-mars.pdf"
    return extract(str(path)).text, load(str(path))


def _check_offsets(raw: str, doc: Document) -> None:
    for r in doc.repairs:
        assert doc.text[r.start : r.end] == r.after
        assert raw[r.source_start : r.source_end] == r.before
        assert r.before != r.after


def _of_kind(doc: Document, kind: str) -> list[Repair]:
    return [r for r in doc.repairs if r.kind == kind]


def test_repairs_pdf_lists_removed_running_heads(beast):
    raw, doc = beast
    _check_offsets(raw, doc)
    heads = _of_kind(doc, "running_head")
    befores = {r.before for r in heads}
    for n in (2, 3, 4):
        assert f"Planet Stories • Page {n}" in befores
    assert "2 V. E. Thiessen" in befores and "The Beast-Jewel of Mars 3" in befores
    for r in heads:
        assert r.start == r.end and r.after == ""
        assert r.before not in doc.text  # really gone from the clean text


def test_repairs_pdf_lists_rejoined_hyphenation_as_whole_words(beast):
    raw, doc = beast
    hyphenation = _of_kind(doc, "hyphenation")
    pairs = {(r.before, r.after) for r in hyphenation}
    assert ("publi\ufffecation", "publication") in pairs
    assert ("sand\ufffestone", "sandstone") in pairs
    for r in hyphenation:
        assert re.sub(r"[\s\ufffe\u00ad-]", "", r.before) == r.after
        assert not doc.text[r.start - 1].isalpha() and not doc.text[r.end].isalpha()


def test_repairs_pdf_mojibake_position_carried_through_layout_edits(beast):
    raw, doc = beast
    (dash,) = _of_kind(doc, "mojibake")
    assert (dash.before, dash.after) == ("â€”", "—")
    assert doc.text[dash.start - 6 : dash.end + 1] == "legend—a"
    assert dash.source_start == raw.index("â€”")


def test_repairs_head_inside_hyphenated_word_across_page_break():
    # tests/pdf_factory.py breaks "se||curity" over a page with "730 Belkin and Blight" between
    pdf = article_pdf()
    raw, doc = extract(pdf).text, load(pdf)
    _check_offsets(raw, doc)
    (word,) = [r for r in _of_kind(doc, "hyphenation") if r.after == "security"]
    assert word.before.startswith("se\ufffe") and word.before.endswith("curity")
    assert "730 Belkin and Blight" in word.before
    inside = [r for r in _of_kind(doc, "running_head") if word.start < r.start < word.end]
    assert {r.before for r in inside} == {"1", "730 Belkin and Blight"}


def test_repairs_mojibake_text():
    doc = load_text("Cubaâ€™s missile crisis began in October 1962.")
    assert [(r.kind, r.before, r.after, r.start, r.end) for r in doc.repairs] == [
        ("mojibake", "â€™", "’", 4, 5)
    ]
    assert doc.repairs[0].source_start == 4 and doc.repairs[0].source_end == 7


def test_repairs_html_debris_each_listed_at_its_source():
    doc = load_text(MESSY)
    _check_offsets(MESSY, doc)
    found = {(r.kind, r.before): r for r in doc.repairs}
    nbsp, p_end = found["entities", "&nbsp;"], found["tags", "</p>"]
    assert nbsp.source_start == MESSY.index("&nbsp;")
    assert p_end.source_start == MESSY.index("</p>")
    assert nbsp.after == p_end.after == " "  # one space in the clean text for both
    assert doc.text[nbsp.start - 8 : nbsp.end + 3] == "furious. The"


def test_repairs_space_insertion_widened_to_the_word():
    # a glued-word split is Edit(p, p, " "): listed with the whole word, not a bare space
    raw = "He bargainedaway the missiles (thenForeign)."
    edits = [Edit(12, 12, " "), Edit(35, 35, " ")]
    clean, offset_map = apply_edits(raw, edits)
    log = RepairLog()
    log.record("glued_words", raw, edits, 0)
    repairs = log.finish(raw, clean, OffsetChain([offset_map]))
    assert [(r.before, r.after, r.start, r.end) for r in repairs] == [
        ("bargainedaway", "bargained away", 3, 17),
        ("thenForeign", "then Foreign", 32, 44),
    ]


def test_repairs_inside_a_widened_word_are_not_listed_again():
    # a spacing diaeresis deleted and the dotless i replaced: one repair, the whole name
    raw = "by Lo\u00a8\u0131c Barrault."
    edits = [Edit(5, 6, ""), Edit(6, 7, "\u00ef")]
    clean, offset_map = apply_edits(raw, edits)
    log = RepairLog()
    log.record("characters", raw, edits, 0)
    repairs = log.finish(raw, clean, OffsetChain([offset_map]))
    assert [(r.kind, r.before, r.after) for r in repairs] == [
        ("characters", "Lo\u00a8\u0131c", "Lo\u00efc")
    ]


def test_repairs_glued_words_in_the_pipeline_are_whole_words():
    raw = MESSY + " Empathy,coordination and restraint, wrote Bessmertnykh; thenForeign Minister."
    doc = load_text(raw)
    _check_offsets(raw, doc)
    glued = _of_kind(doc, "glued_words")
    assert ("thenForeign", "then Foreign") in {(r.before, r.after) for r in glued}
    for r in glued:
        assert r.after.replace(" ", "") == r.before and " " in r.after
        assert not doc.text[r.start - 1].isalnum() and not doc.text[r.end].isalnum()


def test_repairs_text_hyphenation_and_inline_tag_deletion():
    raw = "The talks were con-\nstructive on <b>Tuesday</b> afternoon."
    doc = load_text(raw)
    _check_offsets(raw, doc)
    assert ("hyphenation", "con-\nstructive", "constructive") in {
        (r.kind, r.before, r.after) for r in doc.repairs
    }
    tag = next(r for r in doc.repairs if r.before == "<b>")
    assert tag.kind == "tags" and tag.start == tag.end == doc.text.index("Tuesday")


def test_repairs_whitespace_only_edits_are_not_listed():
    raw = "  One  line\nwrapped here.\n\n\n\nA second\tparagraph, state-of-the-\nart.  "
    doc = load_text(raw)
    assert doc.text == "One line wrapped here.\n\nA second paragraph, state-of-the-art."
    assert doc.repairs == ()


def test_repairs_double_encoded_tag_listed_once_as_a_whole():
    raw = "The talks &amp;lt;b&amp;gt;ended well."
    doc = load_text(raw)
    assert [(r.kind, r.before, r.after) for r in doc.repairs] == [("tags", "&amp;lt;b&amp;gt;", "")]


def test_repairs_cli_text_json_lists_them(examples_dir):
    path = str(examples_dir / "beast-jewel-of-mars.pdf")
    out = run_cli("text", path, "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    kinds = {r["kind"] for r in data["repairs"]}
    assert {"running_head", "hyphenation", "mojibake"} <= kinds
    for r in data["repairs"]:
        assert set(r) == {"kind", "start", "end", "before", "after", "source_start", "source_end"}
        assert data["text"][r["start"] : r["end"]] == r["after"]
    assert data["repairs"] == [r.to_dict() for r in load(path).repairs]


def test_repairs_json_round_trip(beast):
    _, doc = beast
    again = Document.from_json(doc.to_json())
    assert again.repairs == doc.repairs and again == doc


def test_repairs_old_json_without_the_field_still_loads(beast):
    _, doc = beast
    data = json.loads(doc.to_json())
    del data["repairs"]
    assert Document.from_dict(data).repairs == ()


def test_repairs_validate_catches_a_repair_off_its_text(beast):
    _, doc = beast
    data = json.loads(doc.to_json())
    data["repairs"][0]["end"] += 1
    data["repairs"][0]["after"] = "x"
    with pytest.raises(InvariantError):
        Document.from_dict(data)


@st.composite
def _text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    """A short text and a valid edit list over it (sorted, non-overlapping; insertions too)."""
    text = draw(st.text(alphabet="ab -\n", max_size=30))
    points = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10)))
    edits = [
        Edit(a, b, draw(st.sampled_from(["X", "YZ"] if a == b else ["", "X", "YZ"])))
        for a, b in zip(points[::2], points[1::2], strict=False)
    ]
    return text, edits


@settings(max_examples=300, deadline=None)
@given(_text_and_edits(), st.data())
def test_forward_map_inverts_the_offset_map(case, data):
    """A span mapped forward through an edit map holds the same characters when no edit touches
    it, holds the replacement of every edit inside it, stays empty when empty, and maps back
    onto where it came from."""
    text, edits = case
    new, offset_map = apply_edits(text, edits)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    (s,), (e,) = OffsetChain([offset_map]).spans_to_new(np.array([a]), np.array([b]))
    assert 0 <= s <= e <= len(new)
    if a == b:
        assert s == e
        return
    if not any(x.start < b and a < x.end or a < x.start < b for x in edits):
        assert new[s:e] == text[a:b]
    for x in edits:
        if a < x.start and x.end < b:
            assert x.replacement in new[s:e]
    if e > s:
        back_s, back_e = offset_map.span_to_old(int(s), int(e))
        assert back_s < b and a < back_e  # (a deletion at its edge leaves no clean character)


@settings(max_examples=150, deadline=None)
@given(messy_text, st.sampled_from(["text", "markdown", "html"]))
def test_repairs_invariants_on_messy_text(raw, fmt):
    """On generated debris (mojibake, entities, tags, controls, glue) every repair indexes both
    texts, changes something, is ordered, and none is a whitespace-only edit."""
    try:
        doc = load_text(raw, format=fmt)
        source = extract(raw.encode("utf-8"), LoadOptions(format=fmt)).text
    except PrecisError as exc:
        assert not isinstance(exc, InvariantError)
        return
    doc.validate()
    _check_offsets(source, doc)
    keys = [(r.start, r.end) for r in doc.repairs]
    assert keys == sorted(keys)
    for r in doc.repairs:
        assert r.before.split() != r.after.split()  # the words changed, not only the blanks
