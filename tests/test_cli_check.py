"""`precis check SOURCE SUMMARY_FILE` in a real process: output contracts and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import run_cli

GUARD = Path(__file__).resolve().parent / "fixtures" / "guard"
ARMENIA = str(GUARD / "armenia_genocide.txt")

# Two reference highlights of the article, then two of issue 4's failures written against it.
SUMMARY = (
    "Obama promised Armenian-Americans he would call the atrocity genocide during the 2008 campaign\n"
    "Pope Francis, actor George Clooney, and even the Kardashians have taken the moral position\n"
    "This is the seventh year in a row that Obama has broken his promise, writes David Gergen.\n"
    "President George W. Bush sent his brother to Armenia in 2004.\n"
)


@pytest.fixture()
def summary_file(tmp_path: Path) -> str:
    path = tmp_path / "summary.txt"
    path.write_text(SUMMARY, encoding="utf-8")
    return str(path)


def test_cli_check_json_marks_each_sentence(summary_file):
    out = run_cli("check", ARMENIA, summary_file, "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    sentences = data["sentences"]
    assert [s["supported"] for s in sentences] == [True, True, False, False]
    for s in sentences:
        assert {"text", "supported", "score", "unsupported", "evidence"} <= set(s)
        assert 0.0 <= s["score"] <= 1.0
    assert {"kind": "name", "text": "David Gergen"} in sentences[2]["unsupported"]
    assert {"kind": "name", "text": "George W. Bush"} in sentences[3]["unsupported"]
    assert {"kind": "date", "text": "2004"} in sentences[3]["unsupported"]


def test_cli_check_evidence_offsets_index_precis_text_output(summary_file):
    clean = run_cli("text", ARMENIA).stdout.decode("utf-8")
    data = json.loads(run_cli("check", ARMENIA, summary_file, "--format", "json").stdout)
    first = data["sentences"][0]
    assert first["evidence"]
    for e in first["evidence"]:
        assert "genocide" in clean[e["start"] : e["end"]].lower()


def test_cli_check_text_marks_supported_and_unsupported(summary_file):
    out = run_cli("check", ARMENIA, summary_file)
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode("utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("supported ")
    assert any(line.startswith("UNSUPPORTED ") and "David Gergen" in line for line in lines)
    assert "not in source (name): George W. Bush" in text
    assert lines[-1] == "2 of 4 sentences supported"


def test_cli_check_reads_summary_from_stdin():
    out = run_cli("check", ARMENIA, "-", "--format", "json", stdin=SUMMARY.encode("utf-8"))
    assert out.returncode == 0, out.stderr
    assert len(json.loads(out.stdout)["sentences"]) == 4


def test_cli_check_threshold_option(summary_file):
    out = run_cli("check", ARMENIA, summary_file, "--format", "json", "--threshold", "1.0")
    assert out.returncode == 0, out.stderr
    assert not any(s["supported"] for s in json.loads(out.stdout)["sentences"])


def _one_line_error(out) -> str:
    err = out.stderr.decode("utf-8")
    assert out.returncode != 0
    assert out.stdout == b""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "summary: input is empty"),
        (b"  \n\n \n", "summary"),
        (b"\x00\x01\x02\x03 binary", "binary"),
    ],
)
def test_cli_check_bad_summary_is_one_line_error(tmp_path, content, message):
    path = tmp_path / "summary.bin"
    if content is not None:
        path.write_bytes(content)
    err = _one_line_error(run_cli("check", ARMENIA, str(path)))
    assert message in err
    assert err.startswith("precis: error:")


def test_cli_check_missing_source_is_one_line_error(summary_file, tmp_path):
    err = _one_line_error(run_cli("check", str(tmp_path / "nope.txt"), summary_file))
    assert "no such file" in err


def test_cli_check_both_from_stdin_is_refused():
    err = _one_line_error(run_cli("check", "-", "-", stdin=b"text"))
    assert "standard input" in err


def test_cli_check_bad_threshold_is_refused(summary_file):
    out = run_cli("check", ARMENIA, summary_file, "--threshold", "2")
    assert out.returncode != 0
    assert b"Traceback" not in out.stderr


def test_cli_check_strict_exits_1_when_a_sentence_is_unsupported(summary_file):
    out = run_cli("check", ARMENIA, summary_file, "--strict")
    assert out.returncode == 1
    assert out.stdout  # the report is still printed


def test_cli_check_strict_exits_0_when_every_sentence_is_supported(tmp_path):
    path = tmp_path / "supported.txt"
    path.write_text(SUMMARY.splitlines()[0] + "\n", encoding="utf-8")
    out = run_cli("check", ARMENIA, str(path), "--strict")
    assert out.returncode == 0, out.stdout + out.stderr


def test_cli_check_max_bytes_covers_the_summary(tmp_path):
    path = tmp_path / "summary.txt"
    path.write_text(SUMMARY * 40, encoding="utf-8")  # larger than the article itself
    limit = str(Path(ARMENIA).stat().st_size)
    err = _one_line_error(run_cli("check", ARMENIA, str(path), "--max-bytes", limit))
    assert err.startswith("precis: error: summary:")


def test_cli_check_splits_a_tokenised_lower_cased_summary(tmp_path):
    """A pointer-generator style summary, as FRANK's annotators judged them (issue 16): each
    sentence gets its own verdict, not one for the whole line."""
    path = tmp_path / "summary.txt"
    path.write_text(
        "obama promised armenian-americans he would call the atrocity genocide . "
        "president george w. bush sent his brother to armenia in 2004 .\n",
        encoding="utf-8",
    )
    out = run_cli("check", ARMENIA, str(path), "--format", "json")
    assert out.returncode == 0, out.stderr
    sentences = json.loads(out.stdout)["sentences"]
    assert [s["text"][:12] for s in sentences] == ["obama promis", "president ge"]
    assert not sentences[1]["supported"]


def test_cli_check_several_summaries_against_one_source(summary_file, tmp_path):
    """Issue 16: many systems' summaries of one article, the source loaded once; one record
    per summary, named by its path, in the order given."""
    moved = tmp_path / "moved.txt"  # the reference highlight's promise given to another person
    moved.write_text(
        "Joe Biden promised Armenian-Americans he would call the atrocity genocide "
        "during the 2008 campaign\n",
        encoding="utf-8",
    )
    out = run_cli("check", ARMENIA, summary_file, str(moved), "--format", "json")
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)
    assert [r["summary"] for r in records] == [summary_file, str(moved)]
    assert [s["supported"] for s in records[0]["sentences"]] == [True, True, False, False]
    assert [s["supported"] for s in records[1]["sentences"]] == [False]
    text = run_cli("check", ARMENIA, summary_file, str(moved)).stdout.decode()
    assert text.startswith(f"== {summary_file}\n") and f"\n\n== {moved}\n" in text
    assert "2 of 4 sentences supported" in text and "0 of 1 sentences supported" in text
    strict = run_cli("check", ARMENIA, str(moved), summary_file, "--strict")
    assert strict.returncode == 1
