"""Hypothesis strategies that reach the interesting code of cleaning and segmentation.

Plain ``st.text()`` mostly produces characters no step cares about; these strategies build
documents out of the things the steps look for: words and names, glued words, abbreviations,
terminators, quotes, line breaks of every kind, Markdown headings and list markers, HTML tags
and entities, mojibake, end-of-line hyphenation, page-number lines, controls, combining marks,
right-to-left text, emoji and very long words.
"""

from __future__ import annotations

import os

from hypothesis import strategies as st


def scaled(n: int) -> int:
    """``n`` examples, times ``PRECIS_FUZZ`` (default 1) for a long local fuzzing run."""
    return n * max(1, int(os.environ.get("PRECIS_FUZZ", "1")))


WORDS = (
    "the of and a to in is was he she it they war peace missile crisis leaders furious "
    "Khrushchev Cuba Shevardnadze Dobrynin Smith Farage Ismay Washington Moscow I "
    "bargainedaway thenForeign empathy,coordination end.The FBIannounced McDonald YouTube "
    "Mr. Mrs. Dr. U.S. e.g. i.e. etc. p.m. a.m. No. Fig. vol. Inc. St. Jan. "
    "3 42 5.5 1962 2.1 v1.2 $5 £2 50% (b) [1] [2,3] 12th x² "
    "café naïve Zürich Ελλάδα Москва 東京 שלום مرحبا"
).split()

GLUE = (
    " ",
    " ",
    " ",
    " ",
    ", ",
    ". ",
    ". ",
    "? ",
    "! ",
    "... ",
    ". . . ",
    "… ",
    '." ',
    ".) ",
    "; ",
    ": ",
    " - ",
    " — ",
    "\n",
    "\n\n",
    "\n\n\n",
    "\r\n",
    "\r\n\r\n",
    "\r",
    "\r\r",
    "\f",
    "\t",
    "  ",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\n- ",
    "\n* ",
    "\n• ",
    "\n1. ",
    "\n2) ",
    "\n\n# ",
    "\n\n## ",
    "\n### ",
    "\n#",
    "\n\n12\n\n",  # a page-number line
    "\n\f\n",
    "-\n",  # end-of-line hyphenation: exam-\nple
    "-\r\n",
    "<p>",
    "</p>",
    "<br>",
    "<br/>",
    "</div><div>",
    "<h2>",
    "</h2>",
    "&nbsp;",
    "&amp;",
    "&lt;p&gt;",
    "&amp;lt;p&amp;gt;",
    "&#8217;",
    "&#x27;",
    "&bogus;",
    "Ã©",
    "â€™",
    "â€”",
    "Â ",
    "\u00ad",
    "\u200b",
    "\ufeff",
    "\ufb01",
    "\u0301",
    "\u0308\u0301",
    "\u202e",  # right-to-left override
    "\u200f",
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9c",
    "😀",
    "👩‍👩‍👧",
    "🇫🇷",
    "\ufffd",
)

LONG = st.builds(
    lambda ch, n: ch * n,
    st.sampled_from(["a", "x", "é", "-", ".", "#", "1", "😀"]),
    st.integers(100, 400),
)

_PIECE = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(GLUE),
    st.sampled_from(GLUE),
    LONG,
    st.text(max_size=6),
)

messy_text = st.lists(_PIECE, min_size=0, max_size=60).map("".join)
"""Documents made of words, punctuation, layout and debris; sometimes empty."""

prose = st.lists(
    st.tuples(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), st.sampled_from(GLUE[:22])
    ),
    min_size=1,
    max_size=20,
).map(lambda parts: "".join(" ".join(words) + glue for words, glue in parts))
"""Mostly well-formed prose: runs of words separated by terminators and line breaks."""

any_text = st.one_of(messy_text, prose, st.text(max_size=200))
"""Everything: structured messy documents, prose, and arbitrary Unicode (no surrogates)."""


@st.composite
def html_documents(draw: st.DrawFn) -> str:
    """An HTML page whose body mixes headings, paragraphs, lists, scripts and messy text."""
    blocks = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["p", "p", "h1", "h2", "h3", "li", "div", "script", "raw"]))
        body = draw(st.one_of(prose, messy_text))
        if kind == "raw":
            blocks.append(body)
        elif kind == "li":
            blocks.append(f"<ul><li>{body}</li></ul>")
        else:
            blocks.append(f"<{kind}>{body}</{kind}>")
    title = draw(st.sampled_from(["", "<title>A page</title>", "<title>Ã© &amp; x</title>"]))
    return f"<html><head>{title}</head><body>{''.join(blocks)}</body></html>"
