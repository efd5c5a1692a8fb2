from __future__ import annotations

import pytest

from precis.clean.debris import entity_edits, tag_edits
from precis.offsets import apply_edits


def _clean(text: str) -> str:
    text = apply_edits(text, entity_edits(text))[0]
    return apply_edits(text, tag_edits(text))[0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("I&nbsp;said so.</p><p>Then", "I\u00a0said so.  Then"),  # the peer tool's debris
        ("Q&amp;A: 3 &gt; 2", "Q&A: 3 > 2"),  # decoded, never deleted
        ("it&#8217;s &#x2014; fine", "it’s — fine"),
        ("&lt;/p&gt;escaped debris", " escaped debris"),
        ("a < b and c > d", "a < b and c > d"),  # comparisons survive
        ("List<T> generics", "List<T> generics"),  # unknown tags survive
        ("AT&T and R&D", "AT&T and R&D"),  # not entities
    ],
)
def test_debris_steps(raw, expected):
    assert _clean(raw) == expected
