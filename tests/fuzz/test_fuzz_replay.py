"""Replay the fuzz seeds and every saved crash input through its harness, without atheris.

Issue 7, item 2: inputs that crashed a harness (tests/fuzz/crashes/<target>/, named after the
bug they found; see bench/fuzz/README.md) become regression fixtures. Each input goes through
the harness' ``one_input`` exactly as under the fuzzer, uninstrumented: it must end in a
document and summary that keep their invariants, or in a typed precis error.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FUZZ = ROOT / "bench" / "fuzz"
CRASHES = Path(__file__).resolve().parent / "crashes"
TARGETS = ("text", "html", "pdf", "check")
sys.path.insert(0, str(FUZZ))

from harness import is_expected, seed_files  # noqa: E402


def _cases() -> list:
    cases = []
    for target in TARGETS:
        for kind, folder in (("seed", FUZZ / "seeds" / target), ("crash", CRASHES / target)):
            cases += [
                pytest.param(target, path, id=f"{target}-{kind}-{path.name}")
                for path in seed_files(folder)
            ]
    return cases


@pytest.mark.parametrize(("target", "path"), _cases())
def test_fuzz_replay_input_gives_a_document_or_a_typed_error(target: str, path: Path) -> None:
    harness = importlib.import_module(f"fuzz_{target}")
    harness.one_input(path.read_bytes())  # raises on a crash: untyped error or broken invariant


@pytest.mark.parametrize("target", TARGETS)
def test_fuzz_replay_has_seeds_for_every_target(target: str) -> None:
    seeds = seed_files(FUZZ / "seeds" / target)
    assert seeds and sum(p.stat().st_size for p in seeds) < 200 * 1024


def test_fuzz_crash_rule_allows_typed_errors_only() -> None:
    from precis.errors import EmptyInputError, InvariantError
    from precis.limits import TimeLimitError

    assert is_expected(EmptyInputError("x")) and is_expected(TimeLimitError("x"))
    assert not is_expected(InvariantError("x"))  # typed, but a bug by definition
    assert not is_expected(ValueError("x")) and not is_expected(RecursionError())


def test_fuzz_replay_harness_propagates_untyped_errors(monkeypatch) -> None:
    fuzz_html = importlib.import_module("fuzz_html")
    from precis import api

    def broken(*args, **kwargs):
        raise KeyError("leaked")

    monkeypatch.setattr(api, "summarize", broken)
    with pytest.raises(KeyError):
        fuzz_html.one_input(b"<p>x</p>")


@pytest.mark.parametrize(
    ("summary", "source", "flags"),
    [(b"", b"", 0), (b"One.", b"Two. Three.", 13), (b"a" * 300, b"", 2)],
)
def test_fuzz_check_layout_round_trips(summary: bytes, source: bytes, flags: int) -> None:
    fuzz_check = importlib.import_module("fuzz_check")
    assert fuzz_check.decode(fuzz_check.encode(summary, source, flags)) == (flags, summary, source)


def test_fuzz_check_layout_accepts_any_bytes() -> None:
    fuzz_check = importlib.import_module("fuzz_check")
    assert fuzz_check.decode(b"") == (0, b"", b"")
    assert fuzz_check.decode(b"\x07\xff\xffab") == (7, b"ab", b"")  # length past the end


# --- regressions: bugs the fuzzers found, pinned beyond "no crash" ---------------------------


@pytest.mark.parametrize(
    ("ref", "text"),
    [
        ("&#8", "Beforeafter. Tail text."),
        ("&#x8;", "Beforeafter. Tail text."),
        ("&#31", "Beforeafter. Tail text."),
        ("&#xFFFE;", "Beforeafter. Tail text."),
        ("&#65535;", "Beforeafter. Tail text."),
        ("&#12;", "Before after. Tail text."),  # form feed and vertical tab separate words
        ("&#X0B;", "Before after. Tail text."),
    ],
)
def test_fuzz_html_numeric_reference_to_xml_invalid_character_loads(ref: str, text: str) -> None:
    """libxml2 keeps the character such a reference names; lxml then refused trafilatura's edit
    of the tree (deleting the comments section, whose tail joins the text before it) with
    ValueError (tests/fuzz/crashes/html/numeric-ref-to-control-char-valueerror.html)."""
    from precis.ingest.html import extract_html

    page = (
        f"<html><body>Before{ref}after.<section id='comments'>c</section> Tail text.</body></html>"
    )
    assert extract_html(page.encode()).text == text
