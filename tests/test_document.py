from __future__ import annotations

import dataclasses

import pytest

from precis.api import load, load_text
from precis.document import Document
from precis.errors import InvariantError

TEXT = """THE REPORT

Cubaâ€™s missile crisis began in Oct. 1962. The U.S. responded with a quarantine.

1 Background

Nikita S. Khrushchev had sent missiles. They were removed.

1.1 Details

The crisis lasted 13 days."""


@pytest.fixture(scope="module")
def doc() -> Document:
    return load_text(TEXT)


def test_document_offsets_index_the_clean_text(doc):
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
    for p in doc.paragraphs:
        assert doc.text[p.start : p.end].strip() == doc.text[p.start : p.end]


def test_document_sections_from_headings(doc):
    headings = [(s.heading, s.level) for s in doc.sections]
    assert headings == [("THE REPORT", 1), ("1 Background", 1), ("1.1 Details", 2)]
    assert doc.sections[2].parent == 1


def test_document_source_links_point_into_raw_text(doc):
    first = doc.sentences[0]
    assert first.text.startswith("Cuba’s")
    assert TEXT[first.source.start : first.source.end].startswith("Cubaâ€™s")


def test_document_json_round_trip_is_lossless(doc):
    again = Document.from_json(doc.to_json())
    assert again == doc


def test_document_validate_catches_broken_offsets(doc):
    bad = dataclasses.replace(doc.sentences[0], end=doc.sentences[0].end - 1)
    broken = dataclasses.replace(doc, sentences=(bad, *doc.sentences[1:]))
    with pytest.raises(InvariantError):
        broken.validate()


def test_document_from_example_pdf_has_pages(examples_dir):
    doc = load(examples_dir / "beast-jewel-of-mars.pdf")
    assert doc.metadata.format == "pdf" and doc.metadata.pages == 8
    pages = {s.source.page for s in doc.sentences}
    assert pages == set(range(1, 9))
    assert "Page 3" not in doc.text  # running footer removed


def test_document_pdf_paragraphs_match_the_text_edition(examples_dir):
    """Indented first lines (glyph positions) rebuild the story's paragraphs from the PDF."""
    text_edition = load(examples_dir / "beast-jewel-of-mars.txt")
    pdf_edition = load(examples_dir / "beast-jewel-of-mars.pdf")
    expected = {text_edition.text[p.start : p.end] for p in text_edition.paragraphs}
    found = [pdf_edition.text[p.start : p.end] for p in pdf_edition.paragraphs]
    assert sum(p in expected for p in found) >= 0.95 * len(found)
    assert len(found) >= 0.95 * len(expected)
