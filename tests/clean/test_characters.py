"""Spacing diacritics composed and the copyright sign restored (issue 13), on real PDFs and text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from precis.api import clean_text, extract, load
from precis.clean.characters import (
    character_edits,
    copyright_edits,
    mark_hint_edits,
    spacing_mark_edits,
)
from precis.clean.pipeline import clean
from precis.ingest.base import MarkHint
from precis.offsets import apply_edits
from precis.options import LoadOptions

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sciparse-p07-1088.pdf"
SHARED_PDFS = Path(__file__).resolve().parents[3] / "shared" / "data" / "pdfs"
MARKS_RE = re.compile("[\u00a8\u00b4\u02c6\u02dc\u02c7\u02d8\u02da\u00b8\u02db\u02d9\u02dd\u00af]")


def _text(raw: str) -> str:
    return clean_text(raw.encode("utf-8"), LoadOptions(format="text"))


def _shared(name: str) -> Path:
    path = SHARED_PDFS / name
    if not path.is_file():
        pytest.skip(f"{name} not in the shared corpus")
    return path


def test_characters_pdf_names_come_out_composed() -> None:
    # The text layer reads "Schutze, 1999" (its "¨" elsewhere on the line) and "Pas¸ca et al."
    extraction = extract(FIXTURE)
    assert "Schutze, 1999" in extraction.text and "Pas\u00b8ca et al." in extraction.text
    out = clean_text(FIXTURE)
    assert "Manning and Schütze, 1999" in out
    assert "Paşca et al., 2006" in out
    assert not MARKS_RE.search(out)


def test_characters_pdf_composed_letter_maps_back_to_its_raw_letter() -> None:
    extraction = extract(FIXTURE)
    cleaned = clean(extraction, LoadOptions().clean)
    at = cleaned.text.index("Schütze")
    start, end = cleaned.chain.span_to_old(at, at + len("Schütze"))
    assert extraction.text[start:end] == "Schutze"
    u = cleaned.chain.span_to_old(at + 3, at + 4)
    assert extraction.text[u[0] : u[1]] == "u"


def test_characters_pdf_marks_far_from_their_letters() -> None:
    # "Saier and Farber ¨ (2019)", "Mitrovic´ and Muller ¨ , 2015", "P ´ erez, J ´ es´ us L ´ opez
    # Santa- ´" (the mark after "Santa-" is the ó of "López"; once it goes the hyphen is repaired)
    out = load(_shared("papermage_2020.acl-main.447.pdf")).text  # references included
    assert "Saier and Färber (2019)" in out
    assert "Mitrović and Müller, 2015" in out
    assert "Martín Pérez Pérez, Jésús López Santamaría, Gael Pérez Rodríguez" in out
    assert "Henning Müller. 2015. Summarizing citation" in out
    assert "Anália Lourenço" in out and "Doğan et al. (2014)" in out
    assert not MARKS_RE.search(out)


def test_characters_pdf_dotless_i_and_stacked_marks() -> None:
    out = load(_shared("doc2json_2020.acl-main.207.pdf")).text  # references included
    assert "Loïc Barrault" in out and "Jörg Sander" in out and "Radim Řehůřek" in out


def test_characters_pdf_keeps_a_hat_over_no_single_letter() -> None:
    # \\widehat{nDCG}: the hat lies between D and C, over no letter; it stays as typeset
    out = clean_text(_shared("doc2json_2020.acl-main.207.pdf"))
    assert "(nDCG \u02c6 )" in out


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Am M\u00a8uhlenberg 1, Potsdam.", "Am Mühlenberg 1, Potsdam."),
        ("Schwenk, Lo\u00a8\u0131c Barrault.", "Schwenk, Loïc Barrault."),
        ("The Lema\u02c6\u0131tre model.", "The Lemaître model."),
        ("Mart\u00b4\u0131n and Ond\u02c7rej.", "Martín and Ondřej."),
        ("Anália Lourenc\u00b8o wrote it.", "Anália Lourenço wrote it."),
    ],
)
def test_characters_text_composes_mark_between_letters(raw: str, expected: str) -> None:
    assert _text(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "it\u00b4s what we\u00b4re told, you\u00b4ll see.",  # acute as apostrophe
        "Compute x^2 and a^b.",
        "Copy it to ~/path and run `make`.",
        "The dot \u02d9 denotes a time derivative.",
        "André\u00b4 and Farber \u00a8 (2019)",  # no geometry: which letter is not known
    ],
)
def test_characters_text_keeps_marks_that_are_not_inside_a_word(raw: str) -> None:
    assert not spacing_mark_edits(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("978-81-904262-7-5 (RPS) c 2007 IFAAMAS\n", "978-81-904262-7-5 (RPS) © 2007 IFAAMAS\n"),
        (
            "c 2014 Association for Computational Linguistics",
            "© 2014 Association for Computational Linguistics",
        ),
        ("Copyright c 2009 by the authors.", "Copyright © 2009 by the authors."),
    ],
)
def test_characters_copyright_restored(raw: str, expected: str) -> None:
    assert apply_edits(raw, copyright_edits(raw))[0] == expected


@pytest.mark.parametrize(
    "raw",
    [
        "The church was built c. 1890 by monks.",
        "The church was built c 1890 by monks.",
        "A house (c 1900) stands there.",
        "Set c 2007 as the seed.",
        "variable c 2020 values",
    ],
)
def test_characters_copyright_leaves_circa_and_variables(raw: str) -> None:
    assert not copyright_edits(raw)


def test_characters_text_cleaning_is_idempotent() -> None:
    raw = "Am M\u00a8uhlenberg 1.\n\n(RPS) c 2007 IFAAMAS\n\nit\u00b4s x^2."
    once = _text(raw)
    assert once == "Am Mühlenberg 1.\n\n(RPS) © 2007 IFAAMAS\n\nit\u00b4s x^2."
    assert _text(once) == once
    assert not character_edits(once)


def test_mark_hint_edits_keep_every_line_length() -> None:
    # Layout cleaning reads page and line starts as raw offsets: lines keep their length.
    text = "Perez P \u00b4 erez\r\nand Farber \u00a8 (2019) x\ufffeyz\r\nend"
    hints = [MarkHint(8, 1, True), MarkHint(27, 21, False)]
    out, _ = apply_edits(text, mark_hint_edits(text, hints))
    assert out.split("\r\n")[0].rstrip() == "Pérez Perez"
    assert [len(line) for line in out.split("\r\n")] == [len(x) for x in text.split("\r\n")]
    assert out.index("\ufffe") == text.index("\ufffe")  # the hyphen stays last on its line
    assert re.sub(" +", " ", out.split("\r\n")[1]) == "and Färber (2019) x\ufffeyz"


def test_mark_hint_edits_ignore_hints_that_do_not_fit_the_text() -> None:
    assert mark_hint_edits("no marks here", [MarkHint(3, 1, True)]) == []
