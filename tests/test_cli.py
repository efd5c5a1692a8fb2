"""The real CLI in a real process: output contracts and one-line errors for bad input."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest
from tests.conftest import run_cli

STEM = "beast-jewel-of-mars"


@pytest.mark.parametrize("ext", ["txt", "html", "pdf"])
def test_cli_summarize_json_offsets_index_precis_text_output(examples_dir, ext):
    path = str(examples_dir / f"{STEM}.{ext}")
    text = run_cli("text", "--all", path)
    assert text.returncode == 0, text.stderr
    clean = text.stdout.decode("utf-8")
    out = run_cli("summarize", path, "--sentences", "5", "--format", "json")
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert len(summary["sentences"]) == 5
    for s in summary["sentences"]:
        assert clean[s["start"] : s["end"]] == s["text"]


def test_cli_summary_of_a_cover_page_alone_is_empty_and_says_why(examples_dir):
    """A court transcript's title page (pdfplumber's fixture, bench/data/realdocs) has no
    sentence of the argument: nothing on stdout, one warning line on stderr, exit 0."""
    cover = examples_dir.parent / "bench" / "data" / "realdocs" / "pdf"
    out = run_cli("summarize", str(cover / "pdfplumber-scotus-transcript.pdf"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.decode().strip() == ""
    assert out.stderr.decode().strip() == (
        "precis: warning: no body text to summarize: the document holds only cover and table blocks"
    )
    record = json.loads(
        run_cli(
            "summarize", str(cover / "pdfplumber-scotus-transcript.pdf"), "--format", "json"
        ).stdout
    )
    assert record["sentences"] == [] and record["warnings"]


def test_cli_text_prints_the_reading_flow_and_all_prints_every_block(examples_dir):
    """A paper (science-parse's MapReduce fixture, bench/data/realdocs): references, footnotes
    and captions are left out of the reading flow; ``--all`` keeps them, and summary offsets
    index that text (issue 14)."""
    paper = str(
        examples_dir.parent / "bench" / "data" / "realdocs" / "pdf" / "sciparse-map-reduce.pdf"
    )
    flow = run_cli("text", paper).stdout.decode("utf-8")
    every = run_cli("text", "--all", paper).stdout.decode("utf-8")
    assert "MapReduce is a programming model" in flow
    assert "\nReferences\n" not in flow and "\nReferences\n" in every
    assert "Figure 1: Execution overview" not in flow and "Figure 1: Execution overview" in every
    out = run_cli("summarize", paper, "--sentences", "5", "--format", "json")
    for s in json.loads(out.stdout)["sentences"]:
        assert every[s["start"] : s["end"]] == s["text"]
        assert s["text"] in flow


def test_cli_text_paragraphs_separated_by_one_blank_line(examples_dir):
    out = run_cli("text", str(examples_dir / f"{STEM}.pdf"))
    clean = out.stdout.decode("utf-8").rstrip("\n")
    assert "\n\n\n" not in clean
    assert all("\n" not in p and p.strip() == p for p in clean.split("\n\n"))
    assert "legend—a dire" in clean or "legend\u2014a dire" in clean


def test_cli_summarize_pdf_five_sentences_text(examples_dir):
    out = run_cli("summarize", str(examples_dir / f"{STEM}.pdf"), "--sentences", "5")
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.decode().strip().splitlines()) == 5


def test_cli_reads_stdin():
    text = b"The first sentence is here today. The second one follows it closely."
    out = run_cli("summarize", "-", "-n", "1", "--method", "lead", stdin=text)
    assert out.returncode == 0
    assert out.stdout.decode().strip() == "The first sentence is here today."


def test_cli_text_json_has_structure(examples_dir):
    out = run_cli("text", str(examples_dir / f"{STEM}.html"), "--format", "json")
    doc = json.loads(out.stdout)
    assert doc["metadata"]["format"] == "html"
    assert doc["sentences"] and doc["paragraphs"]
    assert "cookies" not in doc["text"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def bad_inputs(tmp_path):
    from tests.pdf_factory import encrypted_pdf

    files = {
        "empty.txt": b"",
        "blank.txt": b"  \n\n ",
        "image.png": b"\x89PNG\r\n\x1a\n" + bytes(200),
        "binary.bin": bytes(range(256)) * 8,
        "truncated.pdf": b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog",
        "encrypted.pdf": encrypted_pdf(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


@pytest.mark.parametrize(
    ("name", "code_word"),
    [
        ("missing.txt", "no such file"),
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("image.png", "PNG"),
        ("binary.bin", "binary"),
        ("truncated.pdf", "PDF"),
        ("encrypted.pdf", "encrypt"),
    ],
)
def test_cli_bad_input_one_line_error(bad_inputs, name, code_word):
    for command in ("text", "summarize"):
        out = run_cli(command, str(bad_inputs / name))
        err = out.stderr.decode()
        assert out.returncode != 0
        assert out.stdout == b""
        assert "Traceback" not in err
        assert len(err.strip().splitlines()) == 1, err
        assert code_word.lower() in err.lower()


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.com/a.txt", "http://169.254.169.254/latest/meta-data/"],
)
def test_cli_refused_url_one_line_error(url):
    out = run_cli("text", url)
    err = out.stderr.decode()
    assert out.returncode != 0 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_cli_refuses_loopback_url_without_allow_private():
    out = run_cli("text", f"http://127.0.0.1:{_free_port()}/doc.html")
    assert out.returncode != 0
    assert "Traceback" not in out.stderr.decode()
    assert len(out.stderr.decode().strip().splitlines()) == 1


def test_cli_large_text_streams_without_memory_blow_up(tmp_path, examples_dir):
    """50 MB of real text: bounded memory (a small multiple of the input), no crash."""
    story = (examples_dir / f"{STEM}.txt").read_bytes()
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        written = 0
        while written < 50 * 1024 * 1024:
            handle.write(story + b"\n\n")
            written += len(story) + 2
    # RUSAGE_CHILDREN of this process would count every CLI process earlier tests started (one
    # that loads a model is larger); a fresh parent measures this one alone.
    measure = (
        "import resource, subprocess, sys; "
        "rc = subprocess.run(sys.argv[1:]).returncode; "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(rc)"
    )
    cli = [sys.executable, "-m", "precis.cli", "text", str(path), "-o", str(tmp_path / "out.txt")]
    out = subprocess.run(
        [sys.executable, "-c", measure, *cli], capture_output=True, timeout=600, check=False
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "out.txt").stat().st_size > 45 * 1024 * 1024
    peak_mb = int(out.stdout.split()[-1]) / 1024
    assert peak_mb < 800, f"peak RSS {peak_mb:.0f} MB for a 50 MB input"


def test_cli_query_focuses_the_summary(examples_dir):
    out = run_cli(
        "summarize",
        str(examples_dir / f"{STEM}.txt"),
        "--query",
        "sentinel sword",
        "-n",
        "2",
        "--format",
        "json",
    )
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["query"] == "sentinel sword"
    assert all(
        "sentinel" in s["text"].lower() or "sword" in s["text"].lower()
        for s in summary["sentences"]
    )


def test_cli_per_section_keeps_headings(tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text(
        "# Guide\n\n## Installing\n\nInstall the package with pip on any machine. It needs "
        "Python 3.10 or newer to run well.\n\n## Running\n\nRun the command with a file name "
        "as its argument. The output goes to the terminal by default.\n",
        encoding="utf-8",
    )
    out = run_cli("summarize", str(guide), "--per-section", "1", "--format", "json")
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert [s["heading"] for s in summary["sections"]] == ["Installing", "Running"]
    text = run_cli("text", str(guide)).stdout.decode()
    for section in summary["sections"]:
        assert len(section["sentences"]) == 1
        s = section["sentences"][0]
        assert text[s["start"] : s["end"]] == s["text"]


def test_cli_several_sources_make_one_attributed_summary(examples_dir):
    txt, html = str(examples_dir / f"{STEM}.txt"), str(examples_dir / f"{STEM}.html")
    out = run_cli("summarize", txt, html, "-n", "4", "--format", "json")
    assert out.returncode == 0, out.stderr
    multi = json.loads(out.stdout)
    texts = [s["text"] for s in multi["sentences"]]
    assert len(texts) == 4 and len(set(texts)) == 4  # the same story twice: no repeats
    assert [d["source"] for d in multi["documents"]] == [txt, html]


def test_cli_keyphrases_listed(examples_dir):
    out = run_cli("summarize", str(examples_dir / f"{STEM}.txt"), "--keyphrases", "5")
    assert out.returncode == 0, out.stderr
    last = out.stdout.decode().strip().splitlines()[-1]
    assert last.startswith("Key phrases: ") and "Eric" in last


def test_cli_summarize_html_report_is_self_contained(tmp_path, examples_dir):
    report = tmp_path / "report.html"
    out = run_cli(
        "summarize", str(examples_dir / f"{STEM}.pdf"), "--format", "html", "-o", str(report)
    )
    assert out.returncode == 0, out.stderr
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")
    assert 'id="precis-data"' in page and 'src="http' not in page
    two = run_cli(
        "summarize",
        str(examples_dir / f"{STEM}.pdf"),
        str(examples_dir / f"{STEM}.txt"),
        "--format",
        "html",
    )
    assert two.returncode == 2 and b"one source" in two.stderr


def test_cli_skip_abstract_summarizes_the_rest_of_a_paper(examples_dir):
    paper = str(
        examples_dir.parent / "bench" / "data" / "realdocs" / "pdf" / "sciparse-p07-1088.pdf"
    )
    out = run_cli("summarize", paper, "-n", "5", "--skip-abstract", "--format", "json")
    assert out.returncode == 0, out.stderr
    every = run_cli("text", "--all", paper).stdout.decode("utf-8")
    abstract_end = every.index("1 Introduction")
    for s in json.loads(out.stdout)["sentences"]:
        assert s["start"] > abstract_end  # nothing from the title, authors or abstract


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["summarize", "-n", "-3"], "'--sentences' / '-n'"),
        (["summarize", "--ratio", "1.5"], "'--ratio'"),
        (["summarize", "--format", "pdf"], "'pdf' is not one of"),
        (["summarize", "--bogus"], "No such option: --bogus"),
        (["check", "only-a-source.txt"], "Missing argument"),
    ],
)
def test_cli_usage_errors_are_one_line(examples_dir, args, says):
    """Issue 18: option errors printed a seven-line box; now one line and status 2, as
    every other error."""
    out = (
        run_cli(*args, str(examples_dir / f"{STEM}.txt"))
        if args[0] == "summarize"
        else run_cli(*args)
    )
    err = out.stderr.decode()
    assert out.returncode == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("precis: error: ")
    assert says in err and "\u256d" not in err and "Traceback" not in err
