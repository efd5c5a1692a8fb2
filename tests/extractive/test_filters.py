"""Summary filters on real PDFs (issue 14): runs of labels and sentences over many pages.

grobid's talk ``grobid-04-2015.pdf`` (bench/data/realdocs, origin and license in its
index.jsonl) is a slide deck: its diagrams' labels ("Segmentation model Segmented document
cover header body footnotes headnotes ...") have no full stop, so they read as sentences, one
of them running from slide 5 to slide 13.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.api import load, load_text, summarize
from precis.extractive.features import Features
from precis.extractive.filters import excluded
from precis.options import SummarizeOptions

SLIDES = Path(__file__).resolve().parents[2] / "bench/data/realdocs/pdf/grobid-slides-2015.pdf"


def test_diagram_labels_and_sentences_over_many_pages_leave_the_summary() -> None:
    doc = load(SLIDES)
    out = excluded(Features(doc))
    runs = [s for s in doc.sentences if s.text.startswith("Segmentation model")]
    assert runs and all(out[s.index] for s in runs)
    assert any(s.source.end_page - s.source.page >= 2 for s in runs)  # slide 5 to 13
    summary = summarize(doc, SummarizeOptions(sentences=5))
    assert not any(s.text.startswith("Segmentation model") for s in summary.sentences)


def test_prose_and_other_languages_keep_their_sentences() -> None:
    english = load_text(
        "The committee met on Monday and agreed to publish the report soon. "
        "Members said the budget was too small for the work."
    )
    assert not excluded(Features(english)).any()
    german = load_text(
        "Regierungssprecher Steffen Seibert kündigte Gespräche über Hilfen "
        "für Unternehmen mittlerer Größe morgen früh verbindlich an."
    )
    assert not excluded(Features(german)).any()


@pytest.mark.parametrize(
    ("text", "unbalanced"),
    [
        (
            'The towers twinkled at him, and the music whispered to him, "Come back, Eric North.',
            True,
        ),
        ('Come back." The towers were silent.', True),
        ("\u201cCome back,\u201d the music whispered.", False),
        ("\u201cCome back, Eric North.", True),
        ('Eric asked, "And I am to destroy the City?"', False),
        ("The men's 'own' hats, he said.", False),  # single quotes are apostrophes as often
    ],
)
def test_unbalanced_double_quotes(text: str, unbalanced: bool) -> None:
    from precis.extractive.filters import unbalanced_quotes

    assert unbalanced_quotes(text) is unbalanced


def test_the_readme_example_summary_holds_no_half_quotation(examples_dir) -> None:
    """Issue 17: the README's first command printed 'The towers twinkled at him, and the music
    whispered to him, "Come back, Eric North.', whose quotation closes in the next sentence."""
    from precis.api import summarize
    from precis.extractive.filters import unbalanced_quotes
    from precis.options import SummarizeOptions

    for ext in ("pdf", "txt"):
        summary = summarize(
            examples_dir / f"beast-jewel-of-mars.{ext}", SummarizeOptions(sentences=5)
        )
        assert len(summary.sentences) == 5
        assert not [s.text for s in summary.sentences if unbalanced_quotes(s.text)]
