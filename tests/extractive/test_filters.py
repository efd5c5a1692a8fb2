"""Summary filters on real PDFs (issue 14): runs of labels and sentences over many pages.

grobid's talk ``grobid-04-2015.pdf`` (bench/data/realdocs, origin and license in its
index.jsonl) is a slide deck: its diagrams' labels ("Segmentation model Segmented document
cover header body footnotes headnotes ...") have no full stop, so they read as sentences, one
of them running from slide 5 to slide 13.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
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
    whispered to him, "Come back, Eric North.', whose quotation closes in the next sentence;
    the two sentences are now one unit, chosen together, so every run of consecutive summary
    sentences balances its quotation marks."""
    from precis.api import summarize
    from precis.extractive.filters import unbalanced_quotes
    from precis.options import SummarizeOptions

    for ext in ("pdf", "txt"):
        summary = summarize(
            examples_dir / f"beast-jewel-of-mars.{ext}", SummarizeOptions(sentences=5)
        )
        assert len(summary.sentences) == 5
        runs: list[list[str]] = []
        last = -2
        for s in summary.sentences:
            if s.index == last + 1:
                runs[-1].append(s.text)
            else:
                runs.append([s.text])
            last = s.index
        assert not [r for r in runs if unbalanced_quotes(" ".join(r))], runs
        halves = [s.text for s in summary.sentences if unbalanced_quotes(s.text)]
        assert len(halves) % 2 == 0, halves


def test_a_quotation_over_two_sentences_is_one_unit_chosen_whole(examples_dir) -> None:
    """The example story's 'the music whispered to him, "Come back, Eric North.' and 'Come
    back to the city."' pair up; the second half is never chosen alone, and a word budget too
    small for both leaves the first out too."""
    from precis.api import load_text
    from precis.budget import Budget, Selection
    from precis.extractive.features import Features
    from precis.extractive.filters import excluded, quotation_pairs
    from precis.extractive.select import choose

    doc = load_text((examples_dir / "beast-jewel-of-mars.txt").read_text(encoding="utf-8"))
    features = Features(doc)
    pairs = quotation_pairs(features)
    opener = next(i for i in pairs if "Come back, Eric North" in doc.sentences[i].text)
    closer = pairs[opener]
    assert doc.sentences[closer].text.startswith("Come back to the city")
    mask = excluded(features)
    assert not mask[opener] and mask[closer]
    scores = np.zeros(features.n)
    scores[opener] = 1.0  # the first half is the best sentence
    selection = Selection(mmr_lambda=1.0, filters=True)
    both = len(doc.sentences[opener].text.split()) + len(doc.sentences[closer].text.split())
    chosen = choose(features, scores, Budget(words=both + 5), selection)
    assert chosen[:2] == [opener, closer]
    assert opener not in choose(features, scores, Budget(words=both - 1), selection)
    # a sentence budget: the quotation takes two slots, or none
    assert choose(features, scores, Budget(sentences=2), selection)[:2] == [opener, closer]
    one = choose(features, scores, Budget(sentences=1), selection)
    assert len(one) == 1 and opener not in one and closer not in one


def test_quotation_units_are_english_only() -> None:
    """Other languages keep half quotations passed over: their recipes were chosen that way,
    and with units fr, pt and zh fell behind Lead or sumy (bench/logo_multilingual.py)."""
    from precis.extractive.filters import quotation_pairs

    text = (
        'Der Minister sagte am Montag in Berlin: "Wir werden die Steuern senken. Das ist ein '
        'Versprechen an alle Familien im Land." Die Opposition reagierte mit deutlicher Kritik '
        "auf die Pläne der Regierung."
    )
    german = load_text(text)
    assert german.metadata.language == "de"
    assert quotation_pairs(Features(german)) == {}
    english = load_text(
        'The minister said on Monday in Berlin: "We will cut taxes for every family. That is a '
        'promise to all the families of the country." The opposition criticised the plans.'
    )
    assert quotation_pairs(Features(english)) == {0: 1}
