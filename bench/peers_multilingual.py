"""sumy in other languages without NLTK data (issue 19's peer columns).

sumy's ``PlaintextParser`` needs NLTK's punkt models, which cannot be downloaded here, so the
document is built directly, as :mod:`peers` does for English: ``ObjectDocumentModel`` ->
``Paragraph`` (the source's blank-line paragraphs) -> ``Sentence(text, tokenizer)``.

- **Sentences** come from pySBD in the language's rules (``clean=False``, so the text is kept).
  pySBD has no rules for Portuguese, Turkish or Ukrainian: Portuguese takes its Spanish rules,
  Ukrainian its Russian ones, Turkish its English ones. Arabic is cut by a regex after ``. ! ?
  ؟`` instead, because pySBD's Arabic rules cut at every Arabic comma (``،``). These are the
  choices of the baseline script behind the issue's table (shared MANIFEST.md), kept so that the
  columns compare.
- **Words**: runs of letters and digits in any script; Chinese and Japanese characters one by
  one (sumy's own Chinese and Japanese tokenizers need jieba and tinysegmenter).
- **Stems**: ``sumy.nlp.stemmers.Stemmer(language)``: NLTK Snowball (no data needed) for ar, de,
  es, fr, pt; sumy's own Ukrainian stemmer; lower-casing only for zh and ja (sumy's choice) and
  for Turkish, which NLTK's Snowball lacks.
- **Stop words**: ``sumy.utils.get_stop_words(language)`` (shipped for ar, de, es, fr, ja, pt, uk,
  zh); none for Turkish, which sumy does not ship.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

SUMY_METHODS = {
    "lexrank": "sumy.summarizers.lex_rank:LexRankSummarizer",
    "lsa": "sumy.summarizers.lsa:LsaSummarizer",
    "textrank": "sumy.summarizers.text_rank:TextRankSummarizer",
}
PYSBD_FALLBACK = {"pt": "es", "uk": "ru", "tr": "en"}
"""Languages pySBD has no rules for, and the rules used instead (shared MANIFEST.md)."""

_WORD = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ARABIC_END = re.compile(r"(?<=[.!?؟])\s+")
_PARAGRAPH = re.compile(r"\n\s*\n")


class ScriptWords:
    """sumy's tokenizer interface: words in any script, CJK in characters; sentences never
    split (they come from pySBD already)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.characters = language in ("zh", "ja")

    def to_words(self, text: str) -> tuple[str, ...]:
        out: list[str] = []
        for word in _WORD.findall(text):
            if self.characters and _CJK.search(word):
                out.extend(word)
            else:
                out.append(word)
        return tuple(out)

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)


@cache
def _segmenter(language: str) -> Any:
    """One pySBD segmenter per language (building one compiles its rules)."""
    import pysbd

    return pysbd.Segmenter(language=PYSBD_FALLBACK.get(language, language), clean=False)


def split_sentences(paragraph: str, language: str) -> list[str]:
    """One paragraph's sentences, stripped, empty pieces dropped."""
    if language == "ar":
        pieces = _ARABIC_END.split(paragraph)
    else:
        pieces = _segmenter(language).segment(paragraph)
    return [p.strip() for p in pieces if p.strip()]


def paragraphs(source: str, language: str) -> list[list[str]]:
    """The source's blank-line paragraphs, each as its sentences."""
    out = [split_sentences(p, language) for p in _PARAGRAPH.split(source)]
    return [p for p in out if p]


@cache
def _summarizer(method: str, language: str) -> Any:
    """One sumy summarizer per (method, language), with sumy's stemmer and stop words (the
    one :mod:`peers` builds for its table)."""
    from peers import _sumy_summarizer

    return _sumy_summarizer(f"sumy-{method}", language)


def sumy_summary(method: str, blocks: Sequence[Sequence[str]], language: str, k: int) -> list[str]:
    """sumy ``method``'s K sentences (document order) over pre-cut paragraphs."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = ScriptWords(language)
    document = ObjectDocumentModel(
        [Paragraph([Sentence(text, tokenizer) for text in block]) for block in blocks]
    )
    return [str(s) for s in _summarizer(method, language)(document, k)]
