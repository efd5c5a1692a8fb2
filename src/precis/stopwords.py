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
