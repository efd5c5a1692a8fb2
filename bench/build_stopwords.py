"""Write the stop-word lists of the languages precis reads besides English (issue 19) from
stopwords-iso (the ``stopwordsiso`` package, 0.7.1; github.com/stopwords-iso, MIT licence) to
``src/precis/data/stopwords_<code>.txt``, one word per line after a header naming the source.

Ukrainian adds spaCy's list (``spacy/lang/uk/stop_words.py``, spaCy 3.8.16, MIT licence):
stopwords-iso's has 73 words and lacks the commonest ones ('на', 'не', 'за', 'вже', 'буде').
On the 93 Ukrainian development rows that took ``auto`` from 11.95 / 2.26 to 13.09 / 2.59
R1 / R2 (``bench/logo_multilingual.py``, leave-one-language-out).

    pip install stopwordsiso==0.7.1 spacy==3.8.16 && python bench/build_stopwords.py
"""

from __future__ import annotations

from pathlib import Path

import stopwordsiso

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("ar", "de", "es", "fr", "hi", "it", "ja", "pt", "ru", "tr", "uk", "zh")
# Languages whose stopwords-iso list is too thin: spaCy's list (module path) is added to it.
SPACY_ADDED = {"uk": "spacy.lang.uk.stop_words"}


def spacy_words(code: str) -> set[str]:
    """spaCy's stop words for ``code`` where :data:`SPACY_ADDED` names them, else none."""
    if code not in SPACY_ADDED:
        return set()
    import importlib

    return set(importlib.import_module(SPACY_ADDED[code]).STOP_WORDS)


def main() -> None:
    for code in LANGUAGES:
        listed = set(stopwordsiso.stopwords(code)) | spacy_words(code)
        words = sorted({w.strip().lower() for w in listed if w.strip()})
        path = ROOT / "src" / "precis" / "data" / f"stopwords_{code}.txt"
        header = f"# stopwords-iso ({code}), via the stopwordsiso package 0.7.1; MIT licence\n"
        if code in SPACY_ADDED:
            header += f"# plus spaCy 3.8.16 {SPACY_ADDED[code]}.STOP_WORDS; MIT licence\n"
        path.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
        print(f"{path.name}: {len(words)} words")


if __name__ == "__main__":
    main()
