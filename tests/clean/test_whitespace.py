from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from precis.clean.whitespace import looks_like_heading, whitespace_edits
from precis.offsets import apply_edits


def _ws(text: str) -> str:
    return apply_edits(text, whitespace_edits(text))[0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("one\ntwo", "one two"),  # hard wrap joined with a space, never glued
        ("bargained\naway", "bargained away"),
        ("a\r\nb\r\n\r\nc", "a b\n\nc"),
        ("  lead and trail \n\n", "lead and trail"),
        ("a\n\n\n\n\nb", "a\n\nb"),
        ("tabs\tand   runs", "tabs and runs"),
        ("We found:\n- one\n- two", "We found:\n\n- one\n\n- two"),  # list items are blocks
        ("INTRODUCTION\nThe study", "INTRODUCTION\n\nThe study"),  # heading line at block start
        ("## Results\nWe found", "## Results\n\nWe found"),
        ("page one\fpage two", "page one\n\npage two"),
    ],
)
def test_whitespace_edits_block_layout(raw, expected):
    assert _ws(raw) == expected


@pytest.mark.parametrize(
    ("line", "is_heading"),
    [
        ("1 Introduction", True),
        ("2.3 Related Work", True),
        ("CONCLUSIONS", True),
        ("Executive Summary", True),
        ("The missiles were removed.", False),
        ("he said that the crisis was over and", False),
        ("", False),
    ],
)
def test_looks_like_heading(line, is_heading):
    assert looks_like_heading(line) is is_heading


@given(st.text(alphabet=st.sampled_from(list("ab .\n\t\r\f\u00a0#-1")), max_size=80))
def test_whitespace_edits_invariants(text):
    out = _ws(text)
    assert out == out.strip()
    assert "\n\n\n" not in out and "  " not in out
    assert _ws(out) == out  # idempotent
    assert [w for w in out.split()] == [w for w in text.split()]
