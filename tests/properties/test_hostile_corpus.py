"""Hostile inputs: each gives a typed precis error or a correct result within limits, both in
the Python API and in the CLI (one line on stderr, the error's exit code, never a traceback).

Every file is generated at test time (nothing binary is committed):

=========================  ======================================  ==============================
case                       API (``precis.api.load``)               CLI
=========================  ======================================  ==============================
zero bytes                 EmptyInputError                         exit 2, "input is empty"
1 byte (all 256 values)    a 1-character document or a typed       ``a``: prints it; NUL/space:
                           error (Empty/Binary)                    exit 2, one line
invalid UTF-8 (cp1252,     decoded by detection; words kept        exit 0, same text
stray bytes)
UTF-16 without BOM         decoded as UTF-16-LE/BE                 exit 0, same text
NUL-filled / NUL-strewn    BinaryInputError                        exit 2, "binary"
lone ``\\r``, mixed ends    a document; ``\\r\\r`` is a paragraph     exit 0, same text
50 MB, one line, no stop   a document; sentences cut to at most    exit 0 (slow test; 5 MB line
                           MAX_SENTENCE_CHARS, with a warning      in the default run)
HTML nested 10,000 deep    the text, "nesting flattened"           exit 0, same text
(div, table, ul)           warning; under a second
HTML with only scripts     EmptyInputError                         exit 2, "no readable text"
PDF of 3,000 pages         LimitExceededError (max_pages=2000);    exit 2, "3000 pages"
                           loads all pages with max_pages=3000
encrypted PDF              EncryptedPdfError                       exit 2, "encrypted"
PDF without text layer     OcrRequiredError                        exit 2, "OCR"
PDF named ``.html``        read as PDF (content wins)              exit 0, same text
HTML named ``.pdf``        read as HTML (content wins)             exit 0, same text
=========================  ======================================  ==============================

CLI: errors through ``precis summarize``, documents through ``precis text``, whose output must be
the API's clean text. Calls run under a deadline (SIGALRM in-process, a timeout for the CLI).

URL cases are covered by tests/ingest/test_url.py against real local servers: loopback and
private targets refused (``test_check_url_*`` table, ``test_fetch_url_refuses_loopback_server_*``)
and every redirect hop re-checked (``test_fetch_url_refuses_redirect_target``), slow-loris
headers and body (``test_fetch_url_enforces_total_deadline_on_slow_loris``), a silent server
(``test_fetch_url_times_out_on_silent_server``), a never-ending body
(``test_fetch_url_aborts_endless_body``) and a gzip bomb; the CLI side by
tests/test_cli.py::test_cli_refuses_loopback_url_without_allow_private.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas
from tests.conftest import run_cli
from tests.pdf_factory import SENTENCES, drawing_only_pdf, encrypted_pdf, text_pdf

from precis.api import load
from precis.document import Document
from precis.errors import (
    BinaryInputError,
    EmptyInputError,
    EncryptedPdfError,
    LimitExceededError,
    OcrRequiredError,
    PrecisError,
)
from precis.ingest import pdf as pdf_module
from precis.options import LoadOptions
from precis.segment import MAX_SENTENCE_CHARS

MB = 1024 * 1024
ACCENTED = "Café crème brûlée is served at the façade of the naïve hôtel. Zürich is far, señor."
PARAGRAPH = "The deep page still has a readable paragraph of text. It has two sentences."
PDF_LINES = ["A portable document that claims to be a web page.", "Its content decides."]
HTML_PAGE = (
    "<!doctype html><html><head><title>Claims</title></head><body><article>"
    "<h1>A web page that claims to be a PDF</h1><p>Its content decides how it is read. "
    "The extension is only a name.</p></article></body></html>"
)


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail a call that runs longer than ``seconds`` (checked between Python bytecodes)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def bomb_pdf(pages: int = 3000) -> bytes:
    """Many pages, three different lines each (one repeated line would be a running header)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=True)
    for i in range(pages):
        for k in range(3):
            c.drawString(72, 700 - 14 * k, SENTENCES[(7 * i + 5 * k) % len(SENTENCES)])
        c.showPage()
    c.save()
    return buf.getvalue()


def nested_html(tag: str, depth: int = 10_000) -> bytes:
    body = f"<{tag}>" * depth + f"<p>{PARAGRAPH}</p>" + f"</{tag}>" * depth
    return f"<html><body>{body}</body></html>".encode()


def nul_strewn() -> bytes:
    text = ("Some words here. " * 200).encode()
    return bytes(0 if i % 10 == 0 else b for i, b in enumerate(text))


SCRIPTS_ONLY = (
    b"<html><head><script>var a = 'text that is code';</script><style>p {}</style></head>"
    b"<body><script>document.write('Hello world. This is script output.')</script>"
    b"<noscript></noscript><script src='x.js'></script></body></html>"
)

# name -> builder; the extension is what the file claims to be.
FILES: dict[str, Callable[[], bytes]] = {
    "zero.txt": lambda: b"",
    "one_nul.txt": lambda: b"\x00",
    "one_space.txt": lambda: b" ",
    "one_letter.txt": lambda: b"a",
    "nul_filled.txt": lambda: b"\x00" * MB,
    "nul_strewn.txt": nul_strewn,
    "cp1252.txt": lambda: ACCENTED.encode("cp1252"),
    "stray_bytes.txt": lambda: (
        b"Valid start of the text. \xc3\x28\xa0\xa1\xff\xfe Valid end of it."
    ),
    "utf16le.txt": lambda: ACCENTED.encode("utf-16-le"),
    "utf16be.txt": lambda: ACCENTED.encode("utf-16-be"),
    "line_ends.txt": lambda: (
        b"First line.\rSecond line\rgoes on.\r\rNew paragraph.\r\nMixed\nends."
    ),
    "nested_div.html": lambda: nested_html("div"),
    "nested_table.html": lambda: nested_html("table"),
    "nested_ul.html": lambda: nested_html("ul"),
    "scripts_only.html": lambda: SCRIPTS_ONLY,
    "bomb_3000_pages.pdf": bomb_pdf,
    "encrypted.pdf": encrypted_pdf,
    "no_text_layer.pdf": drawing_only_pdf,
    "pdf_claims.html": lambda: text_pdf([PDF_LINES]),
    "html_claims.pdf": lambda: HTML_PAGE.encode(),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Path of a corpus file, written on first use."""
    root = tmp_path_factory.mktemp("hostile")

    def path(name: str) -> Path:
        target = root / name
        if not target.exists():
            target.write_bytes(FILES[name]())
        return target

    return path


@pytest.fixture
def no_ocrmypdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """The API answer for a scan must not depend on whether OCRmyPDF happens to be installed."""
    find_spec = pdf_module.importlib.util.find_spec

    def without_ocrmypdf(name: str, *args: object) -> object:
        return None if name == "ocrmypdf" else find_spec(name, *args)

    monkeypatch.setattr(pdf_module.importlib.util, "find_spec", without_ocrmypdf)


# --- typed errors -------------------------------------------------------------------------

ERRORS = [
    pytest.param("zero.txt", EmptyInputError, "input is empty", id="zero-bytes"),
    pytest.param("one_nul.txt", BinaryInputError, "binary", id="one-nul-byte"),
    pytest.param("one_space.txt", EmptyInputError, "empty", id="one-space"),
    pytest.param("nul_filled.txt", BinaryInputError, "binary", id="nul-filled"),
    pytest.param("nul_strewn.txt", BinaryInputError, "binary", id="nul-strewn"),
    pytest.param("scripts_only.html", EmptyInputError, "no readable text", id="scripts-only"),
    pytest.param("bomb_3000_pages.pdf", LimitExceededError, "3000 pages", id="pdf-bomb"),
    pytest.param("encrypted.pdf", EncryptedPdfError, "encrypted", id="encrypted-pdf"),
    pytest.param("no_text_layer.pdf", OcrRequiredError, "OCR", id="no-text-layer"),
]


@pytest.mark.usefixtures("no_ocrmypdf")
@pytest.mark.parametrize(("name", "error", "words"), ERRORS)
def test_hostile_input_api_raises_typed_error(corpus, name, error, words):
    with deadline(30), pytest.raises(error) as info:
        load(str(corpus(name)))
    assert words.lower() in str(info.value).lower()
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(("name", "error", "words"), ERRORS)
def test_hostile_input_cli_prints_one_line_error(corpus, name, error, words):
    if error is OcrRequiredError and importlib.util.find_spec("ocrmypdf") is not None:
        pytest.skip("OCRmyPDF is installed: the CLI would run OCR (see the API test)")
    # summarize, the command users run; text shares its load path and error wrapper (both are
    # run on other bad inputs in tests/test_cli.py::test_cli_bad_input_one_line_error).
    out = run_cli("summarize", str(corpus(name)), timeout=60)
    assert_cli_error(out, error.exit_code, words)


def assert_cli_error(out, exit_code: int, words: str) -> None:
    err = out.stderr.decode("utf-8")
    assert out.returncode == exit_code, err
    assert out.stdout == b""
    assert "Traceback" not in err and "internal error" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("precis: error:") and words.lower() in err.lower(), err


def test_every_single_byte_file_loads_or_raises_a_typed_error():
    outcomes = set()
    for value in range(256):
        try:
            doc = load(bytes([value]))
        except PrecisError as exc:
            assert isinstance(exc, EmptyInputError | BinaryInputError), (value, exc)
            outcomes.add(type(exc).__name__)
        else:
            assert len(doc.text) == 1 and [s.text for s in doc.sentences] == [doc.text], value
            outcomes.add("document")
    assert outcomes == {"EmptyInputError", "BinaryInputError", "document"}


# --- correct results ----------------------------------------------------------------------


def _sentences(doc: Document) -> list[str]:
    return [s.text for s in doc.sentences]


def _check_one_letter(doc: Document) -> None:
    assert doc.text == "a" and _sentences(doc) == ["a"]


def _check_accented(doc: Document) -> None:
    assert doc.text == ACCENTED
    assert _sentences(doc) == [
        "Café crème brûlée is served at the façade of the naïve hôtel.",
        "Zürich is far, señor.",
    ]


def _check_stray_bytes(doc: Document) -> None:
    sentences = _sentences(doc)
    assert sentences[0] == "Valid start of the text."
    assert sentences[-1].endswith("Valid end of it.")


def _check_line_ends(doc: Document) -> None:
    assert doc.text == "First line. Second line goes on.\n\nNew paragraph. Mixed ends."
    assert len(doc.paragraphs) == 2 and len(doc.sentences) == 4


def _check_nested(doc: Document) -> None:
    assert doc.text == PARAGRAPH
    assert len(doc.sentences) == 2
    assert any("nesting flattened" in w for w in doc.warnings)


def _check_pdf_claiming_html(doc: Document) -> None:
    assert doc.metadata.format == "pdf" and doc.metadata.pages == 1
    assert doc.text == " ".join(PDF_LINES)


def _check_html_claiming_pdf(doc: Document) -> None:
    assert doc.metadata.format == "html"
    assert doc.text.startswith("A web page that claims to be a PDF\n\nIts content decides")
    assert doc.paragraphs[0].kind == "heading"


DOCUMENTS = [
    pytest.param("one_letter.txt", _check_one_letter, id="one-letter"),
    pytest.param("cp1252.txt", _check_accented, id="cp1252-not-utf8"),
    pytest.param("stray_bytes.txt", _check_stray_bytes, id="stray-invalid-bytes"),
    pytest.param("utf16le.txt", _check_accented, id="utf16le-no-bom"),
    pytest.param("utf16be.txt", _check_accented, id="utf16be-no-bom"),
    pytest.param("line_ends.txt", _check_line_ends, id="lone-cr-mixed-ends"),
    pytest.param("nested_div.html", _check_nested, id="nested-div-10000"),
    pytest.param("nested_table.html", _check_nested, id="nested-table-10000"),
    pytest.param("nested_ul.html", _check_nested, id="nested-ul-10000"),
    pytest.param("pdf_claims.html", _check_pdf_claiming_html, id="pdf-named-html"),
    pytest.param("html_claims.pdf", _check_html_claiming_pdf, id="html-named-pdf"),
]


@pytest.mark.parametrize(("name", "check"), DOCUMENTS)
def test_hostile_input_api_gives_correct_document(corpus, name, check):
    # Nested tables took 22 s before html_depth collapsed runs of dropped tags: 10 s is ample.
    with deadline(10):
        doc = load(str(corpus(name)))
    doc.validate()
    check(doc)


@pytest.mark.parametrize(("name", "check"), DOCUMENTS)
def test_hostile_input_cli_prints_the_same_text(corpus, name, check):
    path = corpus(name)
    out = run_cli("text", str(path), timeout=60)
    err = out.stderr.decode("utf-8")
    assert out.returncode == 0 and "Traceback" not in err, err
    assert out.stdout.decode("utf-8") == load(str(path)).text + "\n"


def test_pdf_bomb_loads_every_page_when_the_limit_allows(corpus):
    with deadline(60):
        doc = load(str(corpus("bomb_3000_pages.pdf")), LoadOptions(max_pages=3000))
    assert doc.metadata.pages == 3000 and len(doc.sentences) == 9000
    last = doc.sentences[-1].source
    assert (last.page, last.end_page) == (3000, 3000)


# --- one line of 50 MB without a sentence break -------------------------------------------

UNIT = b"word and more words, "


def _one_line(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.write(UNIT * (size // len(UNIT)))
    return path


def _check_capped(doc: Document, size: int) -> None:
    assert len(doc.text) == size // len(UNIT) * len(UNIT) - 1  # the final space is stripped
    assert len(doc.paragraphs) == 1
    assert max(len(s.text) for s in doc.sentences) <= MAX_SENTENCE_CHARS
    assert len(doc.sentences) >= len(doc.text) // MAX_SENTENCE_CHARS
    # Cuts fall after a comma: the pieces tile the line with single spaces between them.
    assert all(s.text.endswith(",") for s in doc.sentences[:-1])
    assert sum(len(s.text) + 1 for s in doc.sentences) - 1 == len(doc.text)
    assert any("without sentence breaks" in w for w in doc.warnings)


def test_fifty_megabyte_line_gives_bounded_sentences(tmp_path):
    """A demanding user wants a summary, not a refusal, of unpunctuated text (transcripts):
    the line loads, cut into sentences of at most MAX_SENTENCE_CHARS, with a warning."""
    path = _one_line(tmp_path / "line.txt", 50 * MB)
    with deadline(120):
        doc = load(str(path))
    _check_capped(doc, 50 * MB)


def test_five_megabyte_line_cli_prints_the_line(tmp_path):
    path = _one_line(tmp_path / "line.txt", 5 * MB)
    out = run_cli("text", str(path), timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout == (UNIT * (5 * MB // len(UNIT))).rstrip() + b"\n"


@pytest.mark.slow
def test_fifty_megabyte_line_cli_summarizes_within_limits(tmp_path):
    path = _one_line(tmp_path / "line.txt", 50 * MB)
    out = run_cli("summarize", str(path), "--sentences", "3", timeout=600)
    err = out.stderr.decode("utf-8")
    assert out.returncode == 0 and "Traceback" not in err, err
    lines = out.stdout.decode("utf-8").splitlines()
    assert len(lines) == 3 and all(0 < len(line) <= MAX_SENTENCE_CHARS for line in lines)
