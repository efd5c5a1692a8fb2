"""What the source states, indexed once per document, and whether it supports a summary's item.

Names are looked up token by token in every token of the source (case-insensitive, possessives,
domains and dots removed, Porter stems and demonyms such as "Iran"/"Iranian" accepted); a name
written with initials must occur verbatim, so "George W. Bush" is not supported by
"George H.W. Bush". Numbers compare by value ("3.5 million" = "3,500,000"), with rounding allowed
only where the summary itself is approximate ("about 3,500", "3.5 million"). Months, weekdays and
clock times compare by value. Quotations must occur word for word, modulo case, punctuation,
whitespace and quote style; an ellipsis or a bracketed insertion may cut them.

Numbers and dates can be checked against the whole document or only against the sentences the
summary sentence is aligned to (``scope="evidence"``): "12" may well occur somewhere in a long
article, just not where the summary says it does.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Collection

from precis.abstractive.claims import (
    DATE,
    FILLERS,
    NAME,
    NUMBER,
    QUOTE,
    Item,
    capitalised_names,
    has_initials,
    name_token,
    normalised_names,
    ordinary_word,
)
from precis.abstractive.numbers import dates, quantities
from precis.document import Document
from precis.errors import InvariantError
from precis.extractive.terms import content_tokens_for, is_english, stem_for, words_for

# Summary spellings of a country or union, and the acronym a source may use instead.
_EXPANSIONS = {
    ("united", "states"): "us",
    ("united", "kingdom"): "uk",
    ("united", "nations"): "un",
    ("european", "union"): "eu",
    ("united", "arab", "emirates"): "uae",
}
# Short forms a summary writes for words the source spells out, that are not the initials of
# those words (initials are found from the source's own names): hand-written because no
# installed library maps them, and kept to forms common in news.
_SHORT_FORMS = {
    ("tv",): ("television", "tv"),
    ("pm",): ("prime minister",),
    ("mp",): ("member of parliament", "mps"),
    ("us",): ("united states", "america", "american", "americans", "u s"),
    ("uk",): ("united kingdom", "britain", "british", "u k"),
    ("gp",): ("general practitioner", "doctor"),
    ("nhs",): ("national health service",),
    ("fbi",): ("federal bureau of investigation",),
    ("cia",): ("central intelligence agency",),
}
_DEMONYM_SUFFIXES = ("n", "an", "ian", "ans", "ians", "ns", "s", "es", "ese", "i", "is", "ish")
# Words too common around numbers to say where one is stated (stems, as content_tokens gives).
_GENERIC = frozenset("year old month week day time per cent percent number peopl".split())
SUFFIX, MIN_HEAD = 3, 4  # an inflection's ending, and the least of a name left without it
APPROX_TOLERANCE = 0.1  # "about 3,500" is supported by anything within 10%


def _value_key(value: float) -> float:
    """A value rounded to 9 significant digits, so 3.5 * 1e6 and 3500000.0 are one key."""
    return float(f"{value:.9g}")


class SourceFacts:
    """Names, numbers, dates and word sequence of one source document, for item lookups."""

    def __init__(self, doc: Document) -> None:
        text = doc.text
        language = doc.metadata.language
        # the document's language: its content stems, its stems of name words, its words
        self._tokens = content_tokens_for(language)
        self._stem = stem_for(language)
        tokens = normalised_names(text)
        self._name_seq = " " + " ".join(tokens) + " "
        # Adjacent pairs joined too: glued-word repair may have split a rare name ("Is may").
        self._names = frozenset(tokens) | {a + b for a, b in zip(tokens, tokens[1:], strict=False)}
        capitals, acronyms = capitalised_names(text)
        self._capitals, self._acronyms = frozenset(capitals), frozenset(acronyms)
        self._stems = frozenset(self._stem(t) for t in self._names)
        # other languages inflect names ("Ілларіона" for "Ілларіон", "Brüksel'de"): a part may
        # match a source word on a shared beginning, each losing at most SUFFIX characters
        self._english = is_english(language)
        self._heads = frozenset() if self._english else frozenset(_heads(tokens))
        self._sentence_terms: dict[int, frozenset[str]] = {}
        self._sentences = doc.sentences
        self._words = " " + " ".join(words_for(language)(text)) + " "
        starts = [s.start for s in doc.sentences]
        ends = [s.end for s in doc.sentences]

        def sentence_of(pos: int) -> int:
            i = bisect.bisect_right(starts, pos) - 1
            return i if i >= 0 and pos < ends[i] else -1  # -1: a heading, outside any sentence

        self._numbers: dict[float, set[int]] = defaultdict(set)
        for q in quantities(text):
            self._numbers[_value_key(q.value)].add(sentence_of(q.start))
        self._values = sorted(self._numbers)
        self._dates: dict[tuple[str, str], set[int]] = defaultdict(set)
        for d in dates(text):
            self._dates[(d.kind, d.value)].add(sentence_of(d.start))

    def has_token(self, word: str) -> bool:
        """Whether the source writes ``word`` anywhere (normalised as names are)."""
        parts = name_token(word)
        return bool(parts) and all(p in self._names for p in parts)

    def supports(
        self,
        item: Item,
        window: Collection[int] | None = None,
        terms: frozenset[str] = frozenset(),
    ) -> bool:
        """Whether the source states ``item``.

        With a ``window`` (sentence indexes), a number or date must be stated in a window
        sentence, or in a sentence that shares a context word with the mention; a weekday, month
        or time may instead share two content words (``terms``) with the summary sentence (an
        event's date is stated once, often far from the sentence that best matches).
        """
        if item.kind == NAME:
            return self._name_supported(item)
        if item.kind == QUOTE:
            return all(f" {piece} " in self._words for piece in item.key)
        if item.value is not None:  # numbers, and years (dates with a value)
            return self._number_supported(item, window)
        if item.kind == DATE:
            return self._near(self._dates.get((item.key[0], item.key[1])), item, window, terms)
        raise InvariantError(f"unknown item kind {item.kind!r}")  # a bug in precis, not input

    def _name_supported(self, item: Item) -> bool:
        """The whole name in the source; or, without initials, each part (a common word such as
        "World" or "Health" must be capitalised there too); or a known acronym of it."""
        key = item.key
        if " " + " ".join(key) + " " in self._name_seq:
            return True
        forms = _SHORT_FORMS.get(key) if len(key) == 1 else None
        if forms and any(f" {form} " in self._words for form in forms):
            return True  # "TV" where the source says "television" (issue 15, bug 4)
        if has_initials(item.text):
            return False
        parts = tuple(p for p in key if p not in FILLERS)
        strict = len(parts) > 1
        if all(self._part_supported(p, strict) for p in parts):
            return True
        acronym = _EXPANSIONS.get(parts) or (
            "".join(p[0] for p in parts) if len(parts) >= 3 else ""
        )
        return bool(acronym) and acronym in self._acronyms

    def _part_supported(self, part: str, strict: bool) -> bool:
        """One name part: the token, its stem, or a demonym of it ("Iranian" for "Iran")."""
        names = self._capitals if strict and ordinary_word(part) else self._names
        if part in names or (names is self._names and self._stem(part) in self._stems):
            return True
        if not self._english and not self._heads.isdisjoint(_heads([part])):
            return True
        if len(part) < 4:
            return False
        for suffix in _DEMONYM_SUFFIXES:
            if part.endswith(suffix) and len(part) - len(suffix) >= 4:
                if part[: -len(suffix)] in names:
                    return True
            if part + suffix in names:
                return True
        return False

    def _near(
        self,
        where: set[int] | None,
        item: Item,
        window: Collection[int] | None,
        terms: frozenset[str] = frozenset(),
    ) -> bool:
        """Stated in the window, or in a source sentence that shares a context word with the
        mention ("12 people killed": a sentence with 12 and "killed") or two of ``terms``;
        generic words ("year", "old") do not count."""
        if _in_window(where, window):
            return True
        if not where:
            return False
        context = item.context - _GENERIC
        terms = terms - _GENERIC
        for i in where:
            if i < 0:
                continue
            shared = self._terms(i)
            if context & shared or len(terms & shared) >= 2:
                return True
        return False

    def _terms(self, index: int) -> frozenset[str]:
        if index not in self._sentence_terms:
            self._sentence_terms[index] = frozenset(self._tokens(self._sentences[index].text))
        return self._sentence_terms[index]

    def _number_supported(self, item: Item, window: Collection[int] | None) -> bool:
        """Exact value; or a source value that rounds to it ("3.5 million" for 3,487,000); or,
        after "about", "nearly" and the like, a source value within the tolerance."""
        assert item.value is not None
        x = item.value
        if self._near(self._numbers.get(_value_key(x)), item, window):
            return True
        if not (item.approx or item.digits) or x == 0:
            return False
        tolerance = APPROX_TOLERANCE if item.approx else 0.5
        lo = bisect.bisect_left(self._values, x * (1 - tolerance))
        hi = bisect.bisect_right(self._values, x * (1 + tolerance))
        return any(
            self._near(self._numbers[v], item, window)
            for v in self._values[lo:hi]
            if (item.approx and abs(v - x) <= APPROX_TOLERANCE * x) or _rounds_to(v, x, item.digits)
        )


def _heads(tokens: list[str]) -> set[str]:
    """Beginnings of each token (before an apostrophe) of at least MIN_HEAD characters,
    without up to SUFFIX characters: two inflections of one name share one."""
    out: set[str] = set()
    for token in tokens:
        word = token.replace("\u2019", "'").split("'")[0]
        for k in range(max(MIN_HEAD, len(word) - SUFFIX), len(word) + 1):
            out.add(word[:k])
    return out


def _rounds_to(value: float, target: float, digits: int) -> bool:
    """Whether ``value`` rounded to ``digits`` significant digits equals ``target``."""
    if digits <= 0 or value <= 0:
        return False
    scale = 10.0 ** (digits - 1 - math.floor(math.log10(value)))
    return math.isclose(round(value * scale) / scale, target, rel_tol=1e-9)


def _in_window(where: set[int] | None, window: Collection[int] | None) -> bool:
    """Found at all (no window), or found in one of the window's sentences."""
    if not where:
        return False
    return window is None or any(i in window for i in where)


__all__ = ["SourceFacts", "NAME", "NUMBER", "DATE", "QUOTE"]
