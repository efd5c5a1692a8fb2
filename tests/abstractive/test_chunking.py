"""Token-aware chunking on real documents: the example PDF and a sectioned Markdown version of
the example text, under a word counter and a character-based one (issue 4, "Long documents")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from precis.abstractive.chunking import Chunk, chunk_document
from precis.api import load, load_text
from precis.document import Document
from precis.errors import OptionError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PARAGRAPHS_PER_SECTION = 7


def words(text: str) -> int:
    return len(text.split())


def chars(text: str) -> int:
    return len(text) // 4


COUNTERS: dict[str, Callable[[str], int]] = {"words": words, "chars": chars}


@pytest.fixture(scope="module")
def pdf_doc() -> Document:
    return load(EXAMPLES / "beast-jewel-of-mars.pdf")


def _markdown_doc() -> Document:
    """The example story with a ``## Part N`` heading every few paragraphs: many sections."""
    text = (EXAMPLES / "beast-jewel-of-mars.txt").read_text(encoding="utf-8")
    blocks: list[str] = []
    for i, para in enumerate(p for p in text.split("\n\n") if p.strip()):
        if i % PARAGRAPHS_PER_SECTION == 0:
            blocks.append(f"## Part {i // PARAGRAPHS_PER_SECTION + 1}")
        blocks.append(para)
    return load_text("\n\n".join(blocks), format="markdown")


MD_DOC = _markdown_doc()  # built once: hypothesis examples must not rebuild it


def check_invariants(
    doc: Document, chunks: tuple[Chunk, ...], count: Callable[[str], int], max_tokens: int
) -> None:
    """Everything the chunker promises, checked with the real count of each chunk's text."""
    flat = [i for c in chunks for i in c.sentences]
    assert flat == list(range(len(doc.sentences)))  # every sentence exactly once, in order
    for k, c in enumerate(chunks):
        first, last = doc.sentences[c.sentences[0]], doc.sentences[c.sentences[-1]]
        assert c.index == k
        assert (c.start, c.end) == (first.start, last.end)  # never starts or ends mid-sentence
        assert c.tokens == count(c.text)
        assert c.text.split() == " ".join(doc.sentences[i].text for i in c.sentences).split()
        assert c.sections == tuple(dict.fromkeys(doc.sentences[i].section for i in c.sentences))
        if c.oversized:
            assert len(c.sentences) == 1 and count(first.text) > max_tokens
        else:
            assert c.tokens <= max_tokens


def check_section_breaks(
    doc: Document, chunks: tuple[Chunk, ...], count: Callable[[str], int], max_tokens: int
) -> None:
    """A section start stays inside a chunk only if the chunk was under half full before it."""
    for c in chunks:
        for pos, i in enumerate(c.sentences[1:], start=1):
            if doc.sentences[i].section != doc.sentences[i - 1].section:
                before = c.sentences[:pos]
                cost = sum(count(doc.sentences[j].text) for j in before) + 2 * (len(before) - 1)
                assert 2 * cost < max_tokens


@pytest.mark.parametrize("counter", sorted(COUNTERS))
@pytest.mark.parametrize("max_tokens", [1, 20, 64, 256, 1024, 100_000])
def test_chunk_document_pdf_invariants(pdf_doc: Document, counter: str, max_tokens: int) -> None:
    count = COUNTERS[counter]
    chunks = chunk_document(pdf_doc, count, max_tokens)
    check_invariants(pdf_doc, chunks, count, max_tokens)


@settings(max_examples=40, deadline=None)
@given(
    max_tokens=st.integers(min_value=1, max_value=3000), counter=st.sampled_from(sorted(COUNTERS))
)
def test_chunk_document_markdown_properties(max_tokens: int, counter: str) -> None:
    count = COUNTERS[counter]
    chunks = chunk_document(MD_DOC, count, max_tokens)
    check_invariants(MD_DOC, chunks, count, max_tokens)
    check_section_breaks(MD_DOC, chunks, count, max_tokens)


def test_chunk_document_markdown_breaks_at_sections() -> None:
    # A budget of about one and a half sections: each chunk should start at a section.
    sections_words = [0] * len(MD_DOC.sections)
    for s in MD_DOC.sentences:
        sections_words[s.section] += words(s.text)
    budget = int(1.5 * max(sections_words)) + 100
    chunks = chunk_document(MD_DOC, words, budget)
    for c in chunks:
        first = MD_DOC.sentences[c.sentences[0]]
        assert first.index == 0 or MD_DOC.sentences[first.index - 1].section != first.section
    assert all(c.headings and c.headings[0].startswith("Part ") for c in chunks)


def test_chunk_document_keeps_paragraphs_whole_when_they_fit(pdf_doc: Document) -> None:
    longest = max(
        sum(words(s.text) for s in pdf_doc.sentences if s.paragraph == p.index)
        for p in pdf_doc.paragraphs
    )
    chunks = chunk_document(pdf_doc, words, longest + 200)
    for c in chunks:
        paras = {pdf_doc.sentences[i].paragraph for i in c.sentences}
        for p in paras:
            whole = [s.index for s in pdf_doc.sentences if s.paragraph == p]
            assert set(whole) <= set(c.sentences)


def test_chunk_document_oversized_sentence_is_its_own_chunk(pdf_doc: Document) -> None:
    longest = max(pdf_doc.sentences, key=lambda s: words(s.text))
    chunks = chunk_document(pdf_doc, words, words(longest.text) - 1)
    flagged = [c for c in chunks if c.oversized]
    assert any(c.sentences == (longest.index,) for c in flagged)
    assert all(c.text == pdf_doc.sentences[c.sentences[0]].text for c in flagged)


def test_chunk_document_whole_document_fits_in_one_chunk(pdf_doc: Document) -> None:
    chunks = chunk_document(pdf_doc, words, 10**6)
    assert len(chunks) == 1
    assert chunks[0].start == pdf_doc.sentences[0].start
    assert chunks[0].end == pdf_doc.sentences[-1].end


def test_chunk_document_counts_each_sentence_once(pdf_doc: Document) -> None:
    calls: list[str] = []

    def counting(text: str) -> int:
        calls.append(text)
        return words(text)

    chunks = chunk_document(pdf_doc, counting, 128)
    assert len(calls) == len(pdf_doc.sentences) + len(chunks)  # linear: sentences, then chunks


@pytest.mark.parametrize("bad", [0, -5, 1.5, True, None])
def test_chunk_document_rejects_bad_max_tokens(pdf_doc: Document, bad: object) -> None:
    with pytest.raises(OptionError, match="max_tokens"):
        chunk_document(pdf_doc, words, bad)  # type: ignore[arg-type]


def test_chunk_document_rejects_negative_joint_tokens(pdf_doc: Document) -> None:
    with pytest.raises(OptionError, match="joint_tokens"):
        chunk_document(pdf_doc, words, 100, joint_tokens=-1)
