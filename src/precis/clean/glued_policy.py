"""Which proposed glued-word splits are made: precision first (issue 13).

:mod:`precis.clean.glued` proposes splits from word frequencies; on real documents nobody here
wrote (bench/data/realdocs) nine proposals in ten were wrong when frequencies alone decided:
``Bigtable`` -> ``Big table``, ``MapReduce`` -> ``Map Reduce``, ``Towell`` -> ``To well``,
``WhatsApp`` -> ``Whats App``. Frequencies cannot tell a compound, a term or a name from glue;
the *shape* of the split and the document can. This module sorts a proposal into

* ``SURE``: glue that no word, name or term produces. A closed-class (function) word is one of
  the pieces: ``ofthe``, ``collectthe``, ``bargainedaway``, ``consentto``, ``Hamiltonhas``,
  ``thenForeign``, ``linkThe``; or punctuation with no space after it (``empathy,coordination``).
  A name may *end* in a two-letter function word (``Alumit``, ``Hideto``, ``Aone``, ``Towell``),
  so capitalised tokens need a longer one (``Universityof`` is the one two-letter exception).
* ``CONTENT``: two content words (``governmentidentification``, ``Warunilateralism``). Made only
  where the document itself shows glue: at least :data:`EVIDENCE_MIN` sure splits, and one per
  :data:`EVIDENCE_WORDS` words. Born-digital text (web pages, e-mail) almost never has it, so
  their compounds and brand names stay whole (``crowdsourced``, ``Skylake``).
* ``None``: never split. Internal capitals in a capitalised token (``WhatsApp``, ``MapReduce``,
  ``GitHub``, ``DBScan``) and digits are names and terms, not glue; so is a token the document
  writes unsplit at least twice and spaced less often (``Bigtable`` x121, ``finetuning`` x6).

Written by hand: no library decides whether a split is glue; wordsegment, wordninja and
symspellpy all segment every run they are given (bench/bench_glued.py measures them).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from typing import Protocol

# Closed-class words: articles, prepositions, conjunctions, pronouns, auxiliaries, modals and a
# few particles. Glue between two content words is rare in real text layers; glue next to one
# of these is most of it (ofthe, tothe, andthe, isthe, bargainedaway, mightimpact).
FUNCTION_WORDS = frozenset(
    """a an the of to in on at by for with from into onto about as and or but nor if then than
    that this these those there their they them his her its it he she we you our your my me him
    us is are was were be been being has have had do does did will would shall should can could
    may might must not no so such what which who whom whose when where why how all any each both
    some more most very also only just away upon via per rather quite even never always often
    still too""".split()
)
# Function words that start productive compounds (outlinks, indegree, upvote, overfit, byline,
# online): as the *first* piece of a split they are no evidence of glue.
_COMPOUND_HEADS = frozenset(
    "in on out up by over under off down all any some no so be an per via more most".split()
)
# Endings that a capitalised name seldom has but glue after a name often does (Hamiltonhas,
# Martinezhad, Universityof, Reutersand). Two-letter words and her/his/all/any/one/our are out:
# Alumit, Towell, Fisher, Marshall, Tiffany, Malone, Seymour.
_NAME_GLUE_ENDINGS = frozenset(
    """the of and for has had was were are with from that this which will would could should
    said says told there their they them then than these those into about when where what who
    been being have does did might must also only just some more most very such each both upon
    away""".split()
)
# Capitalised function words that start a sentence glued to its next word (Ifthe, Thepaper).
_SENTENCE_STARTS = frozenset("the this that these if in it we our when what how for".split())
EVIDENCE_MIN = 3  # sure splits a document needs before content splits are made at all
EVIDENCE_WORDS = 4000  # ... and at least one per this many words
_CONTENT_MIN_PIECE = 4  # content pieces this long or longer (3: only very frequent words)
_CONTENT_MIN_RUN = 10  # finetune, paywall, bandshape: short content pairs are compounds
_CONTENT_TAIL = 7  # Warunilateralism, Mailreveals: a capitalised head and one long content word
_DIGIT = re.compile(r"\d")
_PHRASE_FACTOR = 100  # an all-function split: the web writes the phrase this much more often
_SURE_PIECE_COUNT = 1e6  # a content piece of a sure split: frequent (morph|on, bene|its: not)
# Prefixes written with a hyphen that extraction glues to the word before: nuclearpre-emption.
HYPHEN_PREFIXES = frozenset("pre post non anti self semi multi inter counter".split())


class Lexicon(Protocol):
    """The word evidence the policy needs (implemented by glued_gates.Doc)."""

    def is_dictionary(self, low: str) -> bool: ...  # noqa: D102

    def count(self, low: str) -> float: ...  # noqa: D102

    def unsplit_count(self, run: str) -> int: ...  # noqa: D102

    def spaced_count(self, pieces: tuple[str, ...]) -> int: ...  # noqa: D102

    def has_standalone(self, word: str) -> bool: ...  # noqa: D102

    def bigram(self, first: str, second: str) -> float: ...  # noqa: D102


class Kind(enum.Enum):
    """How sure a proposed split is (see the module docstring)."""

    SURE = "sure"
    CONTENT = "content"


def classify(run: str, cuts: Sequence[int], lex: Lexicon) -> Kind | None:
    """The kind of the split of letter run ``run`` at ``cuts``; None: leave it whole."""
    if not cuts or _DIGIT.search(run):
        return None
    pieces = tuple(run[a:b] for a, b in zip((0, *cuts), (*cuts, len(run)), strict=True))
    lows = [p.lower() for p in pieces]
    if _repeated_whole(run, pieces, lex) and not any(low in FUNCTION_WORDS for low in lows):
        # Bigtable x121, finetuning x6, MapReduce: the document's own word. Glue next to a
        # function word repeats in a glued text layer (Willthe x3, collectthe x2) and stays sure.
        return None
    if any(c.isupper() for c in run[1:]):
        return _mixed_case(run, pieces, lex)
    if lows == ["et", "al"]:
        return Kind.SURE
    if all(low in FUNCTION_WORDS for low in lows):
        # ofthe, Ifthe, thatis; but Anand (An|and) is a name: the web writes it whole more often
        return Kind.SURE if _phrase_beats_whole(lows, lex) else None
    if run[0].isupper():
        return _capitalised(lows, lex)
    return _lowercase(lows, lex)


def _phrase_beats_whole(lows: list[str], lex: Lexicon) -> bool:
    """Whether the web writes the pieces as a phrase more often than as one word."""
    whole = lex.count("".join(lows))
    if not whole:
        return True
    # of the / ofthe: 2,200x; for each / foreach: 24x (code); me a / mea: 11x (a table cell)
    return all(
        lex.bigram(a, b) > _PHRASE_FACTOR * whole for a, b in zip(lows, lows[1:], strict=False)
    )


def _repeated_whole(run: str, pieces: tuple[str, ...], lex: Lexicon) -> bool:
    """Whether the document writes ``run`` unsplit twice or more, and spaced less often."""
    unsplit = lex.unsplit_count(run)
    return unsplit >= 2 and lex.spaced_count(pieces) < unsplit


def _mixed_case(run: str, pieces: tuple[str, ...], lex: Lexicon) -> Kind | None:
    """thenForeign, linkThe, FBIannounced: only where a function word or a known acronym shows glue."""
    if run[0].isupper():
        # ACRONYMword (FBIannounced, GROBIDparsed): the acronym must stand alone elsewhere in the
        # document and the word must be a real one; DBScan, WhatsApp, MapReduce never split.
        if len(pieces) == 2 and pieces[0].isupper() and pieces[1].islower():
            word = pieces[1]
            if lex.has_standalone(pieces[0]) and len(word) >= 4 and lex.is_dictionary(word):
                return Kind.SURE
        return None
    for left, right in zip(pieces, pieces[1:], strict=False):
        if left.lower() in _COMPOUND_HEADS and right.lower() not in FUNCTION_WORDS:
            return None  # inTitle, onClick: a label or an identifier
        if right[:1].isupper() and not (
            left.lower() in FUNCTION_WORDS or (right.lower() in FUNCTION_WORDS and len(right) >= 3)
        ):
            return None  # fastText, iPhone, eBay, mRNA, superIn: a name or maths, not glue
    return Kind.SURE


def _capitalised(lows: list[str], lex: Lexicon) -> Kind | None:
    """Universityof, Ifthe, Thepaper, Warunilateralism; never Towell, Aone, Alumit, Gramfort."""
    if lows[-1] in _NAME_GLUE_ENDINGS and all(_word(low, lex) for low in lows[:-1]):
        return Kind.SURE
    if lows[0] in _SENTENCE_STARTS and all(
        low in FUNCTION_WORDS or (len(low) >= 5 and lex.is_dictionary(low)) for low in lows[1:]
    ):
        return Kind.SURE
    if (
        len(lows) == 2
        and len(lows[1]) >= _CONTENT_TAIL
        and lex.is_dictionary(lows[0])
        and _word(lows[1], lex)
    ):
        return Kind.CONTENT  # Cold Warunilateralism
    return None


def _lowercase(lows: list[str], lex: Lexicon) -> Kind | None:
    """collectthe, consentto, bargainedaway (sure); governmentidentification (content)."""
    function = [low in FUNCTION_WORDS for low in lows]
    if any(function):
        if lows[0] in _COMPOUND_HEADS and sum(function) == 1:
            return None  # outlinks, indegree, upvote, online: compounds (but bygoingto)
        content = [low for low, fn in zip(lows, function, strict=True) if not fn]
        if any(len(low) == 1 for low in lows) and not _article_after_function(lows):
            return None  # met|a|parameters: "a" between content words
        long_function = any(fn and len(low) >= 3 for low, fn in zip(lows, function, strict=True))
        if all(
            _frequent(low, lex) and (long_function or lex.is_dictionary(low)) for low in content
        ):
            return Kind.SURE  # consentto needs "consent" in the dictionary; enalapril|at does not
        return None
    if lows[0] in _COMPOUND_HEADS:
        return None  # overgenerates, overspecified, underexplored: prefixed words
    if len(lows) == 2 and lows[1] in HYPHEN_PREFIXES and _content_piece(lows[0], lex):
        return Kind.CONTENT  # nuclearpre(-emption); glued.py proposes it only before a hyphen
    if sum(map(len, lows)) >= _CONTENT_MIN_RUN and all(_content_piece(low, lex) for low in lows):
        return Kind.CONTENT
    return None


def _article_after_function(lows: list[str]) -> bool:
    """Whether every one-letter piece follows a function word (ofa, isa, hasa)."""
    return all(
        i > 0 and lows[i - 1] in FUNCTION_WORDS for i, low in enumerate(lows) if len(low) == 1
    )


def _word(low: str, lex: Lexicon) -> bool:
    """A dictionary word, or a frequent web word (names, unilateralism, dataset)."""
    return lex.is_dictionary(low) or lex.count(low) >= 1e5


def _frequent(low: str, lex: Lexicon) -> bool:
    """A word common or long enough to be glued to a function word (consent|to, bargained|away;
    not morph|on or bene|its, short rare words that end other words)."""
    return lex.count(low) >= _SURE_PIECE_COUNT or (len(low) >= 6 and lex.is_dictionary(low))


def _content_piece(low: str, lex: Lexicon) -> bool:
    """A piece a content split may produce: a real word, long, or short and very frequent."""
    if len(low) >= _CONTENT_MIN_PIECE:
        return lex.is_dictionary(low) or lex.count(low) >= 1e6
    return len(low) == 3 and lex.is_dictionary(low) and lex.count(low) >= 2e7


def enough_evidence(sure_splits: int, words: int) -> bool:
    """Whether a document shows enough glue of its own for content splits to be made."""
    return sure_splits >= EVIDENCE_MIN and sure_splits * EVIDENCE_WORDS >= words


_FUNCTION_2 = tuple(sorted((w for w in FUNCTION_WORDS if len(w) >= 2), key=len, reverse=True))
_ACRONYM_WORD = re.compile(r"[A-Z]{2,}[a-z]{4,}")
_CASE_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])")


def may_be_sure(run: str, dictionary: frozenset[str]) -> bool:
    """Whether :func:`classify` could call some split of ``run`` sure, from its shape alone.

    A superset test that needs only the dictionary, so that text with no candidate never loads
    the web frequency tables (0.3 s of every ``precis text`` call, issue 13 item 7). Content
    splits need sure ones in the same document, so a document with no candidate has no split.
    """
    low = run.lower()
    if run[1:].islower() and low in dictionary:
        return False
    if any(c.isupper() for c in run[1:]):
        if run[0].isupper():
            return _ACRONYM_WORD.fullmatch(run) is not None
        parts = _CASE_BOUNDARY.split(run)
        return any(
            a.lower().endswith(_FUNCTION_2)
            or a.lower() in FUNCTION_WORDS
            or b.lower() in FUNCTION_WORDS
            or b.lower().startswith(tuple(w for w in _FUNCTION_2 if len(w) >= 3))
            for a, b in zip(parts, parts[1:], strict=False)
        )
    if low == "etal":
        return True
    if run[0].isupper():
        return (
            (low.endswith(_NAME_ENDINGS) and not low.endswith("land"))  # England, Scotland
            or any(
                low.startswith(w) and (low[len(w) :] in dictionary or _function_only(low[len(w) :]))
                for w in _SENTENCE_STARTS
            )
            or _function_only(low)
        )
    head_fw = [w for w in _FUNCTION_2 if low.startswith(w) and len(low) - len(w) >= 2]
    return (
        any(w not in _COMPOUND_HEADS for w in head_fw)
        or any(low.endswith(w) and len(low) - len(w) >= 2 for w in _FUNCTION_2)
        or _function_only(low)
        or any(  # found|it|easy: a word, then a function word inside the run
            low[:i] in dictionary and low.startswith(_FUNCTION_2, i) for i in range(3, len(low) - 1)
        )
    )


_NAME_ENDINGS = tuple(_NAME_GLUE_ENDINGS)


def _function_only(low: str) -> bool:
    """Whether ``low`` is made of function words only (ofthe, thatis, ofa), by a small DP."""
    ok = [True] + [False] * len(low)
    for end in range(1, len(low) + 1):
        ok[end] = any(
            ok[start] and low[start:end] in FUNCTION_WORDS for start in range(max(0, end - 7), end)
        )
    return ok[-1] and low not in FUNCTION_WORDS
