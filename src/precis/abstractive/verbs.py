"""Past verb forms, for the checks that read who did what and when (:mod:`swaps`,
:mod:`placement`): without a tagger, a word ending in "-ed" or one of WordNet's irregular
forms ("won", "swept") is taken as a past verb."""

from __future__ import annotations

from functools import lru_cache

VERB_FORMS_FILE = "data/irregular_verbs.txt"


@lru_cache(maxsize=1)
def irregular_verbs() -> frozenset[str]:
    """Irregular verb forms ("won", "swept"; ``bench/build_antonyms.py`` from WordNet)."""
    from importlib.resources import files

    text = files("precis").joinpath(VERB_FORMS_FILE).read_text(encoding="utf-8")
    return frozenset(w for w in text.split() if not w.startswith("#"))


def past_form(word: str) -> bool:
    """A past form: "-ed" or an irregular one ("won", "swept")."""
    return word.endswith("ed") or word in irregular_verbs()
