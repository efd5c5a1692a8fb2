"""What the fuzz harnesses share: the crash rule, resource limits, invariants, atheris set-up.

Issue 7, item 2. A harness module (``fuzz_<target>.py``) exposes ``one_input(data: bytes)``,
which runs the fuzzer's bytes through the library path a user hits and returns normally when
precis handled them: a document and summary that keep their invariants, or one of precis' typed
errors. Anything else propagates, and atheris reports it as a crash:

* an exception that is not a :class:`~precis.errors.PrecisError` (an untyped error leaking out
  of precis or a library under it);
* an :class:`~precis.errors.InvariantError`: typed, but by definition a bug in precis;
* an ``AssertionError`` from the invariants checked here (cheap ones, the same statements as
  tests/properties/test_segment_properties.py);
* a hang (libFuzzer's ``-timeout``) or a blow-up in memory (``-rss_limit_mb``).

``one_input`` needs no atheris: tests replay seeds and crash fixtures through it directly.
Nothing here imports precis at module level, so :func:`fuzz` can instrument it on first import.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec

if TYPE_CHECKING:
    from precis.document import Document
    from precis.options import LoadOptions, SummarizeOptions
    from precis.summary import Summary

OneInput = Callable[[bytes], None]
P = ParamSpec("P")

# Limits a fuzz input runs under (precis.options.LoadOptions): small enough that no input can
# take long, large enough for every seed. The per-input libFuzzer timeout (run.py) is twice
# TIME_LIMIT_S, so only a stage that ignores the deadline (a C call that never returns, a loop
# without limits.check) is reported as a hang.
MAX_INPUT_BYTES = 1 << 20
MAX_PAGES = 20
MAX_SENTENCES = 20_000
TIME_LIMIT_S = 10.0
_EPS = 1e-9


def load_options(fmt: str | None) -> LoadOptions:
    """Default load options with the fuzzing limits, ``fmt`` forced (None: detect)."""
    from precis.options import LoadOptions

    return LoadOptions(
        format=fmt,
        max_input_bytes=MAX_INPUT_BYTES,
        max_pages=MAX_PAGES,
        max_sentences=MAX_SENTENCES,
        time_limit_s=TIME_LIMIT_S,
    )


def summarize_options(fmt: str | None) -> SummarizeOptions:
    """What ``precis summarize`` does by default (method auto, five sentences), with limits."""
    from precis.options import SummarizeOptions

    return SummarizeOptions(load=load_options(fmt))


def is_expected(exc: BaseException) -> bool:
    """The crash rule: precis' typed errors are answers, except InvariantError (a bug)."""
    from precis.errors import InvariantError, PrecisError

    return isinstance(exc, PrecisError) and not isinstance(exc, InvariantError)


def typed_errors_allowed(body: Callable[P, None]) -> Callable[P, None]:
    """Wrap a harness step: a typed precis error ends the step; anything else propagates."""

    @functools.wraps(body)
    def step(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            body(*args, **kwargs)
        except Exception as exc:
            if not is_expected(exc):
                raise

    return step


@typed_errors_allowed
def summarize_as(data: bytes, fmt: str) -> None:
    """``precis summarize`` of ``data`` with the format forced; invariants of document and
    summary (the body of the text, HTML and PDF harnesses)."""
    from precis import api

    summary = api.summarize(data, summarize_options(fmt))
    check_document(summary.document)
    check_summary(summary)


# --- invariants ------------------------------------------------------------------------------


def check_document(doc: Document) -> None:
    """Cheap invariants of a loaded document (tests/properties/test_segment_properties.py 1-5,
    without the raw-text bound, which would need a second extraction)."""
    from precis.document import Document as Doc
    from precis.roles import list_marker_length

    doc.validate()
    assert Doc.from_json(doc.to_json()) == doc, "JSON round trip changed the document"
    text = doc.text
    blocks = text.split("\n\n")  # a list item's block opens with its marker, outside the item
    assert len(blocks) == len(doc.paragraphs)
    for block, p in zip(blocks, doc.paragraphs, strict=True):
        marker = list_marker_length(block) if p.kind == "list_item" else 0
        assert block[marker:] == text[p.start : p.end], p
    for p in doc.paragraphs:
        block = text[p.start : p.end]
        assert block and block == block.strip(), p
    _check_sentences(doc)
    _check_sources(doc)


def _check_sentences(doc: Document) -> None:
    """Sentences index the text, are stripped and cover every visible character of a body
    paragraph (the contract of precis.sentences.sentence_spans)."""
    text = doc.text
    covered = bytearray(len(text))
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text and s.text and s.text == s.text.strip(), s
        covered[s.start : s.end] = b"\x01" * (s.end - s.start)
    for p in doc.paragraphs:
        if p.kind != "body":
            continue
        for i in range(p.start, p.end):
            assert covered[i] or text[i].isspace(), (p, i)


def _check_sources(doc: Document) -> None:
    """Source links exist, are non-empty for non-empty spans and never go backwards."""
    pages = doc.metadata.pages if doc.metadata.format == "pdf" else None
    for kind, spans in (("paragraph", doc.paragraphs), ("sentence", doc.sentences)):
        last = 0
        for span in spans:
            src = span.source
            assert src is not None, (kind, span)
            assert 0 <= src.start < src.end, (kind, span)
            assert src.start >= last, (kind, span)
            last = src.start
            if pages:
                assert 1 <= src.page <= src.end_page <= pages, (kind, src)  # type: ignore[operator]
                assert src.page_start >= 0 and src.page_end >= 0, (kind, src)  # type: ignore[operator]


def check_summary(summary: Summary) -> None:
    """Chosen sentences are the document's own, once each, in document order, and the result
    renders the way the CLI prints it."""
    from precis.render import FORMATS, render_summary

    doc = summary.document
    indexes = [s.index for s in summary.sentences]
    assert indexes == sorted(set(indexes)), indexes  # default order is "document"
    for s in summary.sentences:
        assert 0 <= s.index < len(doc.sentences), s
        own = doc.sentences[s.index]
        assert (s.start, s.end, s.text) == (own.start, own.end, own.text), s
        assert s.score is None or math.isfinite(s.score), s
    if summary.salience is not None:
        assert len(summary.salience) == len(doc.sentences)
        assert all(-_EPS <= x <= 1 + _EPS for x in summary.salience), "salience outside [0, 1]"
    json.dumps(summary.to_dict(), allow_nan=False)
    for fmt in FORMATS:
        render_summary(summary, fmt)


# --- atheris -----------------------------------------------------------------------------------


def fuzz(
    one_input: OneInput,
    argv: Sequence[str],
    *,
    instrument: Iterable[str],
    modules: Iterable[str],
    seeds: Path,
) -> None:
    """Instrument precis (and ``instrument``'s packages), then hand over to libFuzzer.

    ``modules`` are imported and the files in ``seeds`` replayed inside the instrumentation
    block, so that modules precis imports lazily (inside functions) are instrumented too; a seed
    that crashes fails here, before fuzzing. ``argv`` is libFuzzer's command line;
    ``--instrument=a,b`` (consumed here) replaces ``instrument``.
    """
    import importlib

    import atheris

    args = list(argv)
    packages = list(instrument)
    for arg in list(args):
        if arg.startswith("--instrument="):
            packages = [p for p in arg.split("=", 1)[1].split(",") if p]
            args.remove(arg)
    loaded = sorted(p for p in packages if p in sys.modules)
    if loaded:
        print(f"fuzz: already imported, not instrumented: {', '.join(loaded)}", file=sys.stderr)
    logging.disable(logging.CRITICAL)  # precis' warnings about odd input are expected here
    with atheris.instrument_imports(include=packages):
        for name in modules:
            importlib.import_module(name)
        for path in seed_files(seeds):
            one_input(path.read_bytes())
    atheris.Setup(args, one_input)
    atheris.Fuzz()


def seed_files(folder: Path) -> list[Path]:
    """The files of a seed or crash folder, sorted (dotfiles such as .gitkeep left out)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def versions() -> dict[str, Any]:
    """Python and atheris versions, for the results file."""
    import importlib.metadata
    import platform

    try:
        atheris_version = importlib.metadata.version("atheris")
    except importlib.metadata.PackageNotFoundError:
        atheris_version = None
    return {"python": platform.python_version(), "atheris": atheris_version}
