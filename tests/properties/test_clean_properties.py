"""Property tests of cleaning: idempotent, traceable, layout-exact, and never an untyped error.

Statements (``clean`` is :func:`precis.clean.pipeline.clean`, ``clean_text`` is
:func:`precis.api.clean_text`, the text that ``precis text`` prints):

1. Idempotence. For every input ``x`` and format ``f`` in text, markdown, html and every
   :class:`CleanOptions`, if ``c = clean_text(x, format=f)`` succeeds then cleaning ``c`` as
   text with the same options (``clean(extract_text(c), options).text``, the pipeline without
   the decoder's binary sniffing) gives ``c`` again; for ``f == "text"`` that is
   ``clean(clean(x)) == clean(x)``. Stronger and more telling: every repair step the options
   enable returns no edit on ``c`` (``c`` is a fixed point of each step, not only of their
   composition). The one exception, by design: the clean text of Markdown is plain text, so
   reading it *as Markdown* again may remove a ``#`` that was heading content (``# # x`` ->
   ``# x`` -> ``x``).
2. Layout. ``c`` is stripped, blocks are separated by exactly ``"\\n\\n"``, there is no other
   line break, tab, carriage return, form feed or double space, and (with Unicode
   normalisation on) no character of the normalisation table (controls, zero-width, no-break
   spaces).
3. Traceability. The offset chain maps every character of ``c`` into the raw text, and every
   non-whitespace character to a non-empty raw span (only spaces are ever inserted).
4. Whitespace-only cleaning (``CleanOptions(enabled=False)``) keeps every word:
   ``c.split() == raw.split()``; it never glues or drops words.
5. On any Unicode string (surrogates excluded: they cannot be encoded) ``clean_text`` returns
   or raises a :class:`PrecisError` that is not an :class:`InvariantError` (a bug).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from tests.properties.strategies import any_text, html_documents, messy_text, prose, scaled

from precis.api import clean_text, extract
from precis.clean import debris, unicode, whitespace
from precis.clean.glued import glued_word_edits
from precis.clean.pipeline import clean
from precis.errors import InvariantError, PrecisError
from precis.ingest.text import extract_text
from precis.language import detect_language
from precis.options import CleanOptions, LoadOptions

FORMATS = ("text", "markdown", "html")

clean_options = st.builds(
    CleanOptions,
    enabled=st.booleans(),
    fix_mojibake=st.booleans(),
    normalize_unicode=st.booleans(),
    split_glued_words=st.booleans(),
)


def clean_or_none(text: str, fmt: str, options: CleanOptions | None = None) -> str | None:
    """``clean_text`` of ``text`` read as ``fmt``; None for a typed input error."""
    load = LoadOptions(format=fmt, clean=options or CleanOptions())
    try:
        out = clean_text(text.encode("utf-8"), load)
    except InvariantError:
        raise
    except PrecisError as exc:
        event(f"{fmt}: {type(exc).__name__}")
        return None
    event(f"{fmt}: cleaned")
    return out


def enabled_steps(options: CleanOptions, text: str = "") -> list:
    """The repair steps of text cleaning that ``options`` turn on for ``text`` (see
    clean/pipeline.py: the glued-word step runs on English, or text too short to tell)."""
    if not options.enabled:
        return [whitespace.whitespace_edits]
    steps = [debris.entity_edits, debris.tag_edits, whitespace.whitespace_edits]
    if options.fix_mojibake:
        steps.append(unicode.mojibake_edits)
    if options.normalize_unicode:
        steps.append(unicode.normalize_edits)
    if options.split_glued_words and (options.language or detect_language(text)) in (None, "en"):
        steps.append(glued_word_edits)
    return steps


def check_fixed_point(c: str, options: CleanOptions) -> None:
    """Statement 1 on a clean text ``c``."""
    for step in enabled_steps(options, c):
        assert step(c) == [], (step.__name__, c)
    assert clean(extract_text(c), options).text == c


def check_layout(c: str, options: CleanOptions) -> None:
    """Statement 2."""
    assert c and c == c.strip()
    for block in c.split("\n\n"):
        assert block and block == block.strip() and "\n" not in block, block
    assert "  " not in c
    assert not set(c) & set("\t\r\f\v\x85\u2028\u2029"), c
    if options.enabled and options.normalize_unicode:
        assert unicode.normalize_edits(c) == []


# --- 1, 2: idempotence and layout ---------------------------------------------------------


@settings(max_examples=scaled(200), deadline=None)
@given(any_text, st.sampled_from(["text", "markdown"]))
@example("the&amp;lt;p&amp;gt;", "text")  # bug: decoded one level per pass (fixed-point loop)
@example("&amp;lt;p&amp;gt;", "text")  # ... and the second pass found nothing left
@example(" Â the", "markdown")  # bug: ftfy repaired "Â the" only once the space was stripped
@example("e\x07\u0301 and Ã\x07©t\x1fÃ\x1c© here", "text")  # deleted controls join NFC, mojibake
@example("I&#8203;said &#769;so", "text")  # an entity decodes to a zero-width or combining mark
@example("x <p a" + " " * 600 + "b> y", "text")  # collapsed whitespace completes a tag
def test_clean_text_is_a_fixed_point_of_cleaning(text: str, fmt: str) -> None:
    c = clean_or_none(text, fmt)
    if c is not None:
        check_layout(c, CleanOptions())
        check_fixed_point(c, CleanOptions())


@settings(max_examples=scaled(100), deadline=None)
@given(messy_text, clean_options)
def test_clean_text_is_a_fixed_point_under_any_options(text: str, options: CleanOptions) -> None:
    c = clean_or_none(text, "text", options)
    if c is not None:
        check_layout(c, options)
        check_fixed_point(c, options)


@settings(max_examples=scaled(30), deadline=None)
@given(html_documents())
def test_clean_text_of_html_is_a_fixed_point_of_text_cleaning(page: str) -> None:
    c = clean_or_none(page, "html")
    if c is not None:
        check_layout(c, CleanOptions())
        check_fixed_point(c, CleanOptions())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("the&amp;lt;p&amp;gt;", "the"),  # was "the&lt;p&gt;": one level of escaping per pass
        ("a&#8203;&#8203;b", "ab"),  # was "a\u200b\u200bb": entities decoded after normalisation
        (" Â the", "the"),  # was "Â the": ftfy saw the leading space that cleaning strips
        ("Ã\x07©t\x1fÃ\x1c© here", "été here"),  # was "Ã©tÃ© here": controls split the mojibake
        ("x <p a" + " " * 600 + "b> y", "x y"),  # was "x <p a b> y"
        ("Wait\x85 what", "Wait… what"),  # C1 mojibake is evidence, not whitespace
    ],
)
def test_clean_text_repairs_in_one_pass_what_a_second_pass_would(raw: str, expected: str) -> None:
    assert clean(extract_text(raw), CleanOptions()).text == expected


# --- 3, 4: traceability and lossless whitespace --------------------------------------------


@settings(max_examples=scaled(150), deadline=None)
@given(any_text, st.sampled_from(["text", "markdown"]))
def test_every_clean_character_maps_into_the_raw_text(text: str, fmt: str) -> None:
    try:
        extraction = extract(text.encode("utf-8"), LoadOptions(format=fmt))
    except InvariantError:
        raise
    except PrecisError:
        return
    cleaned = clean(extraction, CleanOptions())
    n, raw = len(cleaned.text), extraction.text
    if n == 0:
        return
    positions = np.arange(n)
    starts, ends = cleaned.chain.spans_to_old(positions, positions + 1)
    assert (starts >= 0).all() and (ends >= starts).all() and (ends <= len(raw)).all()
    for i in np.flatnonzero(ends == starts):
        assert cleaned.text[i].isspace(), (i, cleaned.text[i])
    start, end = cleaned.chain.span_to_old(0, n)
    assert 0 <= start <= end <= len(raw)


@settings(max_examples=scaled(150), deadline=None)
@given(st.one_of(messy_text, prose))
def test_whitespace_only_cleaning_keeps_every_word(text: str) -> None:
    options = LoadOptions(format="text", clean=CleanOptions(enabled=False))
    try:
        raw = extract(text.encode("utf-8"), options).text
        # every block: the reading flow leaves out list markers and back matter by design
        c = clean_text(text.encode("utf-8"), options, every_block=True)
    except InvariantError:
        raise
    except PrecisError:
        return
    assert c.split() == raw.split()


# --- 5: typed errors only -----------------------------------------------------------------


@settings(max_examples=scaled(150), deadline=None)
@given(
    st.one_of(
        st.text(),
        st.text(
            alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Mn", "Zs", "Zl", "Zp"])
        ),
        messy_text,
    ),
    st.sampled_from(FORMATS),
)
@example("\x00" * 50, "text")
@example("a\rb\r\nc\nd\r\re", "text")
@example("x" * 5000, "markdown")
@example("\u202eevil\u202c text \u05e9\u05dc\u05d5\u05dd. \u0645\u0631\u062d\u0628\u0627.", "html")
def test_clean_text_raises_only_typed_errors(text: str, fmt: str) -> None:
    clean_or_none(text, fmt)
