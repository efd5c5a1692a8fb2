"""Write the stop-word lists of the languages precis reads besides English (issue 19) from
stopwords-iso (the ``stopwordsiso`` package, 0.7.1; github.com/stopwords-iso, MIT licence) to
``src/precis/data/stopwords_<code>.txt``, one word per line after a header naming the source.

    pip install stopwordsiso==0.7.1 && python bench/build_stopwords.py
"""

from __future__ import annotations

from pathlib import Path

import stopwordsiso

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("ar", "de", "es", "fr", "hi", "it", "ja", "pt", "ru", "tr", "uk", "zh")


def main() -> None:
    for code in LANGUAGES:
        words = sorted({w.strip().lower() for w in stopwordsiso.stopwords(code) if w.strip()})
        path = ROOT / "src" / "precis" / "data" / f"stopwords_{code}.txt"
        header = f"# stopwords-iso ({code}), via the stopwordsiso package 0.7.1; MIT licence\n"
        path.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
        print(f"{path.name}: {len(words)} words")


if __name__ == "__main__":
    main()
