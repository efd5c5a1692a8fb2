from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from precis.errors import InvariantError
from precis.offsets import Edit, Moved, OffsetChain, Vacated, apply_edits, merge_edits


def test_apply_edits_replaces_inserts_and_deletes():
    text = "Cubaâ€™s crisis  was bad"
    edits = [Edit(4, 7, "’"), Edit(15, 16, ""), Edit(20, 20, " very")]
    new, m = apply_edits(text, edits)
    assert new == "Cuba’s crisis was very bad"
    # "crisis" maps one to one across the shift
    s = new.index("crisis")
    assert m.span_to_old(s, s + 6) == (text.index("crisis"), text.index("crisis") + 6)
    # the repaired apostrophe maps to the whole mojibake sequence
    a = new.index("’")
    assert m.span_to_old(a, a + 1) == (4, 7)


def test_apply_edits_rejects_overlapping_edits():
    with pytest.raises(InvariantError):
        apply_edits("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])


def test_merge_edits_rejects_overlap_and_sorts():
    assert merge_edits([Edit(5, 6, "")], [Edit(0, 1, "")]) == [Edit(0, 1, ""), Edit(5, 6, "")]
    with pytest.raises(InvariantError):
        merge_edits([Edit(0, 3, "")], [Edit(1, 2, "")])


def test_offset_map_everything_deleted():
    new, m = apply_edits("abc", [Edit(0, 3, "")])
    assert new == ""
    assert m.span_to_old(0, 0) == (3, 3) or m.span_to_old(0, 0)[0] <= 3


@st.composite
def text_and_edits(draw):
    text = draw(st.text(alphabet="ab \n", min_size=0, max_size=40))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=12))))
    edits = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        edits.append(Edit(a, b, draw(st.text(alphabet="XY", max_size=3))))
    return text, edits


@given(text_and_edits())
def test_mapped_span_covers_every_copied_character(data):
    """Oracle: a character copied unchanged maps back to itself; spans stay ordered."""
    text, edits = data
    new, m = apply_edits(text, edits)
    for start in range(len(new) + 1):
        for end in range(start, len(new) + 1):
            old_start, old_end = m.span_to_old(start, end)
            assert 0 <= old_start <= old_end <= len(text)
    # vectorised and scalar lookups agree
    pos = np.arange(len(new) + 1)
    assert list(m.starts_to_old(pos)) == [m.to_old_start(int(p)) for p in pos]
    assert list(m.ends_to_old(pos)) == [m.to_old_end(int(p)) for p in pos]


@given(text_and_edits(), text_and_edits())
def test_chain_composes_two_steps(first, second):
    text, edits = first
    mid, m1 = apply_edits(text, edits)
    # second step's edits re-drawn to fit the intermediate text
    edits2 = [e for e in second[1] if e.end <= len(mid)]
    new, m2 = apply_edits(mid, edits2)
    chain = OffsetChain([m1, m2])
    starts = np.arange(len(new) + 1)
    ends = np.minimum(starts + 2, len(new))
    vs, ve = chain.spans_to_old(starts, ends)
    for s, e, a, b in zip(starts, ends, vs, ve, strict=True):
        assert (int(a), int(b)) == chain.span_to_old(int(s), int(e))


def test_identity_map_when_no_edits():
    new, m = apply_edits("hello", [])
    assert new == "hello"
    assert m.span_to_old(1, 3) == (1, 3)


def test_moved_text_maps_back_to_where_it_was_and_forward_to_where_it_went() -> None:
    """A float taken out of a sentence and put after it (issue 14)."""
    text = "The cat [note] sat down. Next."
    note = text.index("[note]")
    after = text.index(" Next.")
    edits = [
        Edit(note - 1, note, ""),
        Edit(note, note + 6, Vacated()),
        Edit(after, after, " "),
        Edit(after, after, Moved("[note]", note)),
    ]
    new, offset_map = apply_edits(text, edits)
    assert new == "The cat sat down. [note] Next."
    at = new.index("[note]")
    assert offset_map.span_to_old(at, at + 6) == (note, note + 6)
    assert offset_map.span_to_old(new.index("sat"), new.index("sat") + 3) == (
        text.index("sat"),
        text.index("sat") + 3,
    )
    chain = OffsetChain([offset_map])
    (s,), (e,) = chain.spans_to_new(np.array([note]), np.array([note + 6]))
    assert new[s:e] == "[note]"


def test_moved_text_must_be_the_text_at_its_origin() -> None:
    with pytest.raises(InvariantError):
        apply_edits("abc def", [Edit(7, 7, Moved("xyz", 0))])
