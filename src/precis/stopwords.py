"""English stop words, in a module of their own: language detection needs them at start-up,
without the numpy/scipy that :mod:`precis.extractive.features` brings."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """scikit-learn's English list (shipped as a data file: importing sklearn costs 0.5 s)."""
    from importlib.resources import files

    lines = files("precis").joinpath("data/stopwords_en.txt").read_text(encoding="utf-8")
    listed = {w for w in lines.split("\n") if w and not w.startswith("#")}
    return frozenset(listed | {"s", "t", "ll", "d", "ve", "re", "m", "said"})


@lru_cache(maxsize=32)
def stop_words_for(language: str | None) -> frozenset[str]:
    """The stop words of ``language`` (ISO 639-1): English's for English or an unknown language,
    stopwords-iso's shipped list for the others it has (``data/stopwords_<code>.txt``, written
    by ``bench/build_stopwords.py``), none for a language without a list."""
    from importlib.resources import files

    if language in (None, "en"):
        return stop_words()
    path = files("precis").joinpath(f"data/stopwords_{language}.txt")
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").split("\n")
    return frozenset(w for w in lines if w and not w.startswith("#"))
