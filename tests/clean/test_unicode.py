from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from precis.clean.unicode import mojibake_edits, normalize_edits
from precis.offsets import apply_edits


def _apply(step, text: str) -> str:
    return apply_edits(text, step(text))[0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Cubaâ€™s missiles", "Cuba’s missiles"),  # the real failure from a peer tool
        ("a fabulous legendâ€”a dire legend", "a fabulous legend—a dire legend"),
        ("cafÃ© crÃ¨me", "café crème"),
        ("plain ascii stays", "plain ascii stays"),
        ("real accents: café, naïve, Zürich", "real accents: café, naïve, Zürich"),
    ],
)
def test_mojibake_edits_repairs_double_encoded_utf8(raw, expected):
    assert _apply(mojibake_edits, raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("e\ufb03cient \ufb01nal", "efficient final"),  # ligatures
        ("10\u00a0km and\u202fmore", "10 km and more"),  # no-break spaces
        ("zero\u200bwidth\ufeff", "zerowidth"),  # zero-width characters removed
        ("soft\u00adhyphen", "softhyphen"),
        ("bell\x07 and\x1b", "bell and"),  # control characters
        ("cafe\u0301", "café"),  # combining accent composed (NFC)
        ("x² … “quoted”", "x² … “quoted”"),  # kept: NFKC would rewrite these
    ],
)
def test_normalize_edits_table(raw, expected):
    assert _apply(normalize_edits, raw) == expected


def test_mojibake_edits_offsets_map_back_to_the_mojibake():
    raw = "Cubaâ€™s"
    new, m = apply_edits(raw, mojibake_edits(raw))
    i = new.index("’")
    assert raw[slice(*m.span_to_old(i, i + 1))] == "â€™"


@given(st.text(max_size=200))
def test_unicode_steps_never_crash_and_converge(text):
    """Idempotent once converged: deleting controls can join bytes into new mojibake
    (``Â\x1f\x80`` -> ``Â€``), so the second pass may still fix something, never a third."""
    def both(t: str) -> str:
        return _apply(normalize_edits, _apply(mojibake_edits, t))

    twice = both(both(text))
    assert both(twice) == twice
