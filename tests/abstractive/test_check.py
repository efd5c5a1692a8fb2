"""`precis check` below the CLI: summary files split into sentences, typed errors, text output."""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.abstractive.check import check_source, format_text, read_summary, split_summary
from precis.errors import BinaryInputError, EmptyInputError, SourceNotFoundError

NASA = str(Path(__file__).resolve().parents[1] / "fixtures" / "guard" / "nasa_alien_life.txt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CNN/DM highlights: one per line, no final period.
        (
            "NASA scientist believes we're close to finding alien life\nFinding water is key",
            ["NASA scientist believes we're close to finding alien life", "Finding water is key"],
        ),
        # A paragraph of several sentences.
        ("It rained. Then it stopped! Did it?", ["It rained.", "Then it stopped!", "Did it?"]),
        # A hard-wrapped line continues in lower case.
        (
            "The scientist said that life\nis near. Water is key.",
            ["The scientist said that life is near.", "Water is key."],
        ),
        # Bullets and numbered items.
        (
            "- First point here\n* Second point\n1. Third point",
            ["First point here", "Second point", "Third point"],
        ),
        ("\n\n  \n", []),
    ],
)
def test_split_summary(text, expected):
    assert split_summary(text) == expected


def test_read_summary_does_not_split_names(tmp_path):
    # Glued-word repair would turn "Stofan" into "Sto fan" in a text this short.
    path = tmp_path / "summary.txt"
    path.write_text("Ellen Stofan believes we're close to finding alien life.\n", encoding="utf-8")
    assert read_summary(str(path)) == ["Ellen Stofan believes we're close to finding alien life."]


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (None, SourceNotFoundError),
        (b"", EmptyInputError),
        (b"\n \n", EmptyInputError),
        (b"\x00\x01bin", BinaryInputError),
    ],
)
def test_read_summary_bad_input_is_a_typed_error_naming_the_summary(tmp_path, content, error):
    path = tmp_path / "summary.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(error, match="summary"):
        read_summary(str(path))


def test_check_source_and_format_text(tmp_path):
    path = tmp_path / "summary.txt"
    path.write_text(
        "NASA chief scientist Ellen Stofan believes we're close to finding alien life\n"
        "Finding water is key, says CNN.com's John Sutter.\n",
        encoding="utf-8",
    )
    result = check_source(NASA, str(path))
    assert [s.supported for s in result.sentences] == [True, False]
    lines = format_text(result).splitlines()
    assert lines[0].startswith("supported ")
    assert lines[1].startswith("UNSUPPORTED ")
    assert "not in source (name): John Sutter" in lines[2]
    assert lines[-1] == "1 of 2 sentences supported"


def test_check_source_applies_the_byte_limit_to_the_summary_too(tmp_path):
    from precis.errors import TooLargeError
    from precis.options import LoadOptions

    source = Path(NASA).stat().st_size
    path = tmp_path / "summary.txt"
    path.write_text("Water is key to finding life. " * 200, encoding="utf-8")  # 6,000 bytes
    limits = LoadOptions(max_input_bytes=max(source, 5000))  # the source fits, the summary not
    with pytest.raises(TooLargeError, match="summary"):
        check_source(NASA, str(path), load=limits)


def test_check_source_applies_the_sentence_limit_to_the_summary(tmp_path):
    from precis.errors import LimitExceededError
    from precis.options import LoadOptions

    path = tmp_path / "summary.txt"
    path.write_text("\n".join(f"Finding {i} is key." for i in range(50)), encoding="utf-8")
    with pytest.raises(LimitExceededError, match="summary: 50 sentences"):
        check_source(NASA, str(path), load=LoadOptions(max_sentences=40))
