"""Sentence filters and the dangling-antecedent test used by the selector.

Filtered sentences (fragments, captions, reference-list entries, boilerplate) are never chosen
unless nothing else is left; they are not deleted from the document (STYLE.md mistake 6).
"""

from __future__ import annotations

import re

import numpy as np

from precis.extractive.features import Features

MIN_WORDS = 4

_CAPTION = re.compile(
    r"^\W*(?:figure|fig\.|table|tab\.|chart|plate|listing|algorithm|exhibit)\s*"
    r"[0-9IVX]+[a-z]?\s*[:.|\-\u2013\u2014]",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    r"^\s*(?:\[\d+\]\s*\S"  # [12] Author, ...
    r"|\d{1,3}\.\s+[A-Z][\w'\-]+,\s+(?:[A-Z]\.\s*)+"  # 12. Smith, J. ...
    r"|[A-Z][\w'\-]+,\s+(?:[A-Z]\.\s*-?)+.{0,200}?\(?(?:19|20)\d\d[a-z]?\)?[.,])"  # Smith, J. (2019).
)
_BOILERPLATE = re.compile(
    r"all rights reserved|click here|\u00a9|\(c\)\s*(?:19|20)\d\d|copyright\s+(?:\u00a9\s*)?(?:19|20)\d\d"
    r"|terms of (?:use|service)|privacy policy|subscribe (?:to|now)|sign up for|follow us on"
    r"|transcriber'?s note|etext was produced|project gutenberg|copyright on this publication",
    re.IGNORECASE,
)
_DANGLING = re.compile(
    r"^\W*(?:He|She|They|Them|This|These|Those|It|Its|His|Her|Their|Such|Also|But|And|However"
    r"|Moreover|Furthermore|Therefore|Thus|Hence|Nevertheless|Instead|Meanwhile)\b"
)


def is_caption(text: str) -> bool:
    """ "Figure 3: ...", "Table 2. ..." and the like."""
    return bool(_CAPTION.match(text))


def is_reference(text: str) -> bool:
    """An entry of a reference list: "[12] Author, ..." or "Smith, J. (2019). ..."."""
    return bool(_REFERENCE.match(text))


def is_boilerplate(text: str) -> bool:
    """Copyright lines, calls to action, transcriber notes: never summary material."""
    return bool(_BOILERPLATE.search(text))


def is_dangling(text: str) -> bool:
    """Starts with a pronoun or connective that needs the previous sentence to make sense."""
    return bool(_DANGLING.match(text))


_REFERENCE_HEADING = re.compile(
    r"^\W*(?:\d+\.?\s*)?(?:references|bibliography|works cited|literature cited)\W*$", re.IGNORECASE
)


def excluded(features: Features) -> np.ndarray:
    """Boolean mask of sentences the selector must not choose while others are left.

    Reference entries are recognised per paragraph too: the sentence splitter cuts
    "Smith, J. (2019). A study of taggers." into pieces that look like prose on their own.
    """
    doc = features.doc
    words = features.word_counts
    ref_paragraphs = {p.index for p in doc.paragraphs if is_reference(doc.text[p.start : p.end])}
    ref_sections = {
        s.index for s in doc.sections if s.heading and _REFERENCE_HEADING.match(s.heading)
    }
    return np.array(
        [
            words[s.index] < MIN_WORDS
            or s.paragraph in ref_paragraphs
            or s.section in ref_sections
            or is_caption(s.text)
            or is_reference(s.text)
            or is_boilerplate(s.text)
            for s in doc.sentences
        ],
        dtype=bool,
    )


def dangling(features: Features) -> np.ndarray:
    """Boolean mask of sentences that dangle without their predecessor (the first never does)."""
    mask = np.array([is_dangling(s.text) for s in features.doc.sentences], dtype=bool)
    if len(mask):
        mask[0] = False
    return mask
