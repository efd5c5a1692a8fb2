"""Split words glued together by PDF/HTML text extraction (``bargainedaway``, ``thenForeign``).

Only insertions of one space are returned (:class:`~precis.offsets.Edit`), so every character
stays traceable. The step is deliberately conservative: a split must beat the unsplit token
under English word frequencies, every piece must be a frequent word, and the document itself
is asked for evidence (a name that occurs several times unsplit is a real word).

Names are the costly mistake (``Mr Ismay`` -> ``Mr Is may``, ``Nigel Farage`` -> ``Nigel Far
age``, ``Ellen Stofan`` -> ``Ellen Sto fan``): the web counts are lowercase and do not know that
a Capitalised token inside a sentence, where common words are not capitalised, is a name far
more often than its count says. Where the document uses a token so
(:func:`~precis.clean.glued_gates.name_position`), a split must win by a further factor of ten
(``_NAME_PRIOR``), and a repetition that is never spaced keeps it whatever the split's
probability. Three-letter name syllables (``Sto``, ``Luc``) are no pieces. A name mentioned
once, at the start of a sentence or as two frequent words (``Farage`` alone), can still be
split: nothing in the counts tells it from glue.

Choice of segmenter, measured by ``bench/bench_glued.py`` (3% of the spaces between two words
deleted; restored = deleted spaces put back at exactly the right place; false = untouched words
split; 150 cnndm_test + 150 scisummnet_acl rows, seed 0; see bench/results/glued.json; gates
tuned on other rows, ``--tune``):

=======================  ===============  ===============  ================
segmenter                restored         false splits     splits/10k words
                         cnndm / sci      cnndm / sci      in originals
=======================  ===============  ===============  ================
precis.glued (this)      95.6% / 94.0%    0.04% / 0.57%    4.7 / 58.0
precis.glued (no names)  95.6% / 94.0%    0.06% / 0.58%    6.4 / 58.6
wordninja, raw           98.6% / 97.9%    1.85% / 4.23%    270 / 572
wordninja, gated         87.2% / 82.6%    0.75% / 1.56%    119 / 220
wordsegment, raw         99.2% / 98.0%    1.01% / 1.77%    137 / 209
wordsegment, gated       87.6% / 82.9%    0.82% / 1.58%    116 / 188
symspellpy, raw          98.4% / 97.3%    2.99% / 3.65%    443 / 484
symspellpy, gated        86.8% / 82.2%    0.75% / 1.45%    133 / 205
=======================  ===============  ===============  ================

("raw": the library on every letter run; "gated": only on runs that are not lexicon words.)
Most "false splits" on scisummnet are real extraction glue in the source (``machinelearning``,
``part-ofspeech``); the bench counts those (no dictionary word, spaced form elsewhere in the
document) separately: without them false splits are 0.04% / 0.40%. On all unmodified rows of
cnndm_test / xsum_test_frank / news_writer_summaries the step splits 60 / 126 / 29 tokens
(33 / 32 / 18 capitalised; before the name gates 80 / 136 / 39 and 53 / 42 / 28). What is left
is real glue (``linkThe``, ``deviceThe`` in xsum), CamelCase brands (``MailOnline``) and names
mentioned once (``Standingford``). Throughput of this module: about 5.5 MB/s on one 6.4 MB
text, 4-6 MB/s per document (idle machine; the name gates cost about 3%, within noise).

The libraries segment well but have no notion of "this token is already a word": run on every
token they shred names and rare words, and even gated to unknown tokens they split names
(``Bess mer t ny kh``) and technical terms. wordsegment also lowercases and drops punctuation,
and symspellpy's segmentation corrects spelling (changes letters), which an insertion-only step
cannot use. We therefore keep wordsegment's Google unigram/bigram counts (already a dependency,
shared through :mod:`precis.clean.lexicon`) and add our own small search with explicit gates.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from collections import Counter

from precis.clean.glued_gates import (
    Doc,
    many_split,
    model,
    name_position,
    next_logp,
    other_piece,
    piece_logp,
    plain_piece,
    short_name,
)
from precis.clean.glued_policy import (
    FUNCTION_WORDS,
    HYPHEN_PREFIXES,
    Kind,
    classify,
    enough_evidence,
    may_be_sure,
)
from precis.offsets import Edit, apply_edits

logger = logging.getLogger(__name__)

_TOKEN = re.compile(r"\S+")
_MAX_ROUNDS = 8  # a safety cap; rounds stop at the first that finds nothing
_RUN = re.compile(r"[A-Za-z]+")
# Chunks that look like URLs, e-mails, paths, file names, markup or code are never touched.
_CODEISH = re.compile(
    r"://|@|www\.|[/\\_=<>{}\[\]#|~^$%&*+`]|\(\)|\w\(|::"
    r"|\.(?:com|org|net|edu|gov|io|py|js|ts|c|h|cpp|java|rb|go|rs|txt|pdf|html?|json|csv|xml|md)\b"
)
# A capitalised name glued to "et" before "al" in a citation: (Tillmannet al., 2003).
_ET_AL = re.compile(r"(?<!\S)(\(?[A-Z][a-z]*[a-z]et)\s+al\b")
_ACRONYM = re.compile(r"[A-Z]{2}")
# lower->Upper (thenForeign, thePGA) and ACRONYM->lower (FBIannounced: before the "a").
_CASE_CHANGE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z][A-Z])(?=[a-z])")
# Punctuation followed directly by a word: "empathy,coordination", "end.The".
# Never a colon: "Conflict:Attack", "about:addons", "internal:local" are labels and schemes.
# Both neighbours must be words (_punct_words): "PrXMLmux,det" and "qu,ex" are notation.
_PUNCT_GLUE = re.compile(
    r"(?<![A-Za-z.])([A-Za-z]*[a-z]{2})([,;]|[.!?](?=[A-Z][a-z]))([A-Za-z]{2}[a-z]*)"
)
# "(e.g.,to correct": an abbreviation's comma glued to the next word.
_EG_GLUE = re.compile(r"\b(?:e\.g|i\.e|cf|etc)\.,(?=[A-Za-z]{2})")
# doesn't, couldn't: the letters before an apostrophe are no glued words of their own.
_CONTRACTION = re.compile(r"[A-Za-z][’'][a-z]")
# A lone capital letter before a token: a letter-spaced word ("D ata M ining", "H aoran").
_LONE_CAPITAL = re.compile(r"(?<!\S)[B-HJ-Z] (\S+)")

_EDGE_PUNCT = ".,;:!?\"'()[]“”‘’"
# Name prefixes that are capitalised inside a word: McDonald, MacArthur, DeVito, LeBron.
_NAME_PREFIXES = frozenset("mc mac o de di da du la le lo van von st".split())
_NAME_SAFE_ENDINGS = frozenset("to of is it we he by or so".split())
# Universityof, Aand: a name seldom ends in a function word, so the name prior does not apply.
_GLUE_ENDINGS = _NAME_SAFE_ENDINGS | {"and"}
# Pieces that are far more often a suffix of an unknown derived word than a glued word.
_SUFFIXES = frozenset(
    "ally ring ness able ably less wise hood ling lings ion ions ism isms ize ized izes ity ive"
    " ous ant ants ent ents ence ance ation ations".split()
)

# Pieces that are far more often a prefix of an unknown derived word than a glued word.
_PREFIXES = frozenset("inter intra sub auto trans non anti multi semi pseudo meta hyper".split())
# log10 probability a split of an unknown token must reach: -10.5 at 10 letters, lower for
# longer tokens (a long unknown string made of two long words is rarely a word of its own).
_UNKNOWN_MIN_LOGP = -11.5
_UNKNOWN_PER_CHAR = 0.3
_KNOWN_MARGIN = 1.0  # log10: a split of a known (non-dictionary) token must win by 10x
_STRONG_LOGP = -8.0  # splits this likely ignore the document's repetition evidence
# log10: a Capitalised token inside a sentence (Mr Ismay, Nigel Farage) is a name about ten
# times more often than its lowercase web count says, so a split there must win by that much.
_NAME_PRIOR = 1.0
_MANY_MIN_LEN = 8  # runs this long may be split into more than three words
_MAX_RUN = 40  # longer letter runs are left alone (DNA, tokens of base64, ...)
_ENGLISH_COMMON = ("the", "of", "and", "to", "is", "that", "for", "with", "was", "this", "are")
_ENGLISH_SHARE = 0.08  # English prose: 0.11-0.21 on every shared set; others: <= 0.06
_ENGLISH_MIN_WORDS = 40


def glued_word_edits(text: str) -> list[Edit]:
    """Insertions of a space where words were glued together, repeated to a fixed point.

    A split changes the tokens (and the document's token counts), so a second pass can find
    more; running rounds until none is found makes the step idempotent, as cleaning must be.
    Every round's insertions are mapped back to positions in ``text``.
    """
    original: list[int] = []  # insertion points in ``text``
    current_spaces: list[int] = []  # where those inserted spaces sit in ``current``
    current = text
    for _ in range(_MAX_ROUNDS):
        edits = _glued_round(current)
        if not edits:
            break
        for edit in edits:
            before = bisect.bisect_left(current_spaces, edit.start)
            original.append(edit.start - before)
        current, _ = apply_edits(current, edits)
        positions = sorted(original)
        current_spaces = [p + i for i, p in enumerate(positions)]
    return [Edit(p, p, " ") for p in sorted(original)]


def _glued_round(text: str) -> list[Edit]:
    """One pass of glued-word detection.

    Sure splits are always made; content splits only where the document shows glue of its own
    (:func:`~precis.clean.glued_policy.enough_evidence`, issue 13).

    Args:
        text: Any text; only ASCII letter runs and punctuation between words are considered.

    Returns:
        Sorted, non-overlapping ``Edit(i, i, " ")`` insertions; empty when nothing is glued.
    """
    # Counted from a generator, never a list of all tokens: memory stays small on 50 MB inputs.
    chunk_counts = Counter(m.group() for m in _TOKEN.finditer(text))
    runs: Counter[str] = Counter()
    for chunk, n in chunk_counts.items():
        for run in _RUN.findall(chunk):
            runs[run] += n
    lower_runs: Counter[str] = Counter()
    for run, n in runs.items():
        lower_runs[run.lower()] += n
    if not _english(lower_runs):
        return []  # the tables and gates are English: "isso" is no "is so" (Portuguese)
    if not _ET_AL.search(text) and not _any_candidate(chunk_counts):
        return []  # nothing glue-shaped: the frequency tables are not even loaded
    doc = Doc(text, runs, lower_runs, model())
    sure: dict[str, tuple[int, ...]] = {}
    content: dict[str, tuple[int, ...]] = {}
    sure_count = 0
    before_al = {m.group(1) for m in _ET_AL.finditer(text)}
    letter_spaced = {m.group(1) for m in _LONE_CAPITAL.finditer(text)}
    for chunk in chunk_counts:  # in order of first occurrence (Doc.start_chunk relies on it)
        if chunk in letter_spaced:
            continue
        doc.start_chunk(chunk)
        if chunk in before_al:
            sure[chunk] = _et_al_split(chunk)
            sure_count += chunk_counts[chunk]
            continue
        sure_offsets, content_offsets = _chunk_splits(chunk, doc)
        if sure_offsets:
            sure[chunk] = sure_offsets
            sure_count += chunk_counts[chunk]
        if content_offsets:
            content[chunk] = content_offsets
    if content and enough_evidence(sure_count, sum(chunk_counts.values())):
        for chunk, offsets in content.items():
            sure[chunk] = tuple(sorted({*sure.get(chunk, ()), *offsets}))
    elif content:
        logger.debug("no glue evidence: %d content splits not made", len(content))
    if not sure:
        return []
    logger.debug("splitting %d distinct glued tokens", len(sure))
    return _locate(text, sure)


def _any_candidate(chunk_counts: Counter[str]) -> bool:
    """Whether any token could hold a sure split (glued punctuation, or a glue-shaped run)."""
    from precis.clean.lexicon import dictionary_words  # 30 ms, against 0.3 s for the tables

    if any(_PUNCT_GLUE.search(c) or _EG_GLUE.search(c) for c in chunk_counts):
        return True
    dictionary = dictionary_words()
    return any(
        3 <= len(run) <= _MAX_RUN
        and not run.isupper()
        and may_be_sure(run, dictionary)
        and _CONTRACTION.search(chunk) is None
        for chunk in chunk_counts
        for run in _RUN.findall(chunk)
    )


def _english(lower_runs: Counter[str]) -> bool:
    """Whether the most frequent English words make up a share of the text that English has.

    They are about a quarter of the words of English prose (a fifth of a paper's), and under 3%
    of Portuguese, Spanish, French or German, whose own function words are different.
    """
    total = sum(lower_runs.values())
    if total < _ENGLISH_MIN_WORDS:
        return True  # too short to tell; a title or a sentence fragment
    common = sum(lower_runs[w] for w in _ENGLISH_COMMON)
    return common >= _ENGLISH_SHARE * total


def _et_al_split(chunk: str) -> tuple[int, ...]:
    """``(Surdeanuet al.``: a citation name glued to "et" splits before "et", nothing else."""
    return (len(chunk) - 2,)


def _locate(text: str, splits: dict[str, tuple[int, ...]]) -> list[Edit]:
    """Turn per-token split offsets into edits, in one scan of the tokens' own positions."""
    edits: list[Edit] = []
    for match in _TOKEN.finditer(text):
        offsets = splits.get(match.group())
        if offsets is not None:
            start = match.start()
            edits.extend(Edit(start + k, start + k, " ") for k in offsets)
    return edits


def _chunk_splits(chunk: str, doc: Doc) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Offsets inside one whitespace-delimited chunk where a space belongs: (sure, content)."""
    core = chunk.strip(_EDGE_PUNCT)
    if core.isalpha() and core[1:].islower() and core.lower() in doc.model.dictionary:
        return (), ()  # fast path: most chunks are dictionary words with edge punctuation
    if len(chunk) < 3 or _CODEISH.search(chunk):
        return (), ()
    sure = [m.end(2) for m in _PUNCT_GLUE.finditer(chunk) if _punct_words(m, doc)]
    sure += [m.end() for m in _EG_GLUE.finditer(chunk)]
    content: list[int] = []
    for match in _RUN.finditer(chunk):
        start, end = match.span()
        if len(match.group()) < 3 or not _standalone(chunk, start, end):
            continue
        run = match.group()
        if end < len(chunk) and chunk[end] == "-":
            cuts = _hyphen_prefix_cut(run, doc) or _run_splits(run, doc)
        else:
            cuts = _run_splits(run, doc)
            if cuts and _ends_in_hyphen_prefix(run, cuts):
                continue
        if cuts and _function_at_hyphen(chunk, start, end, run, cuts):
            continue
        kind = classify(run, cuts, doc)
        if kind is Kind.SURE:
            sure.extend(start + k for k in cuts)
        elif kind is Kind.CONTENT:
            content.extend(start + k for k in cuts)
    return tuple(sorted(set(sure))), tuple(sorted(set(content)))


def _punct_words(match: re.Match[str], doc: Doc) -> bool:
    """Whether the letters on both sides of glued punctuation are words (empathy,coordination)."""
    return all(
        word.lower() in FUNCTION_WORDS
        or (
            len(word) >= 3
            and (word.lower() in doc.model.dictionary or doc.count(word.lower()) >= 1e5)
        )
        for word in (match.group(1), match.group(3))
    )


def _hyphen_prefix_cut(run: str, doc: Doc) -> tuple[int, ...]:
    """``nuclearpre`` before ``-emption``: a word glued to the prefix of a hyphenated word."""
    for prefix in HYPHEN_PREFIXES:
        head = run[: -len(prefix)]
        if run.lower().endswith(prefix) and len(head) >= 4 and head.lower() in doc.model.dictionary:
            return (len(head),)
    return ()


def _function_at_hyphen(chunk: str, start: int, end: int, run: str, cuts: tuple[int, ...]) -> bool:
    """``partof-speech``, ``figure-ofmerit``: a lost hyphen of a hyphenated phrase, not glue."""
    first, last = run[: cuts[0]].lower(), run[cuts[-1] :].lower()
    before_hyphen = end < len(chunk) and chunk[end] == "-" and last in FUNCTION_WORDS
    after_hyphen = start > 0 and chunk[start - 1] == "-" and first in FUNCTION_WORDS
    return before_hyphen or after_hyphen


def _ends_in_hyphen_prefix(run: str, cuts: tuple[int, ...]) -> bool:
    """Whether the last piece is a prefix such as "pre" (valid only before a hyphen)."""
    return run[cuts[-1] :].lower() in HYPHEN_PREFIXES


def _standalone(chunk: str, start: int, end: int) -> bool:
    """Whether a letter run is a word of its own, not part of an abbreviation, number or name."""
    before = chunk[start - 1] if start else " "
    after = chunk[end] if end < len(chunk) else " "
    if before.isalnum() or after.isalnum() or before in "'’":
        return False
    if before == "." and start >= 2 and chunk[start - 2].isalnum():
        return False  # e.g. "U.S", "example.com"
    if after == "." and end + 1 < len(chunk) and chunk[end + 1].isalnum():
        return False
    return True


def _run_splits(run: str, doc: Doc) -> tuple[int, ...]:
    """Split offsets inside one letter run: case boundaries first, then word search."""
    if len(run) > _MAX_RUN or run.isupper():
        return ()
    bounds = _case_bounds(run, doc)
    if bounds is None:
        return ()
    parts = [run[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    if len(parts) > 1 and not _camel_boundaries(run, parts, doc):
        return ()
    offsets: list[int] = []
    for start, part in zip(bounds, parts, strict=False):
        if start:
            offsets.append(start)
        if not _ACRONYM.search(part):
            offsets.extend(start + k for k in _segment(part, doc))
    return tuple(offsets)


def _case_bounds(run: str, doc: Doc) -> list[int] | None:
    """Part boundaries at case changes (thenForeign, thePGA, FBIannounced); None: leave alone."""
    bounds = [0]
    for match in _CASE_CHANGE.finditer(run):
        k = match.start()
        if run[k - 1].isupper():  # ACRONYMword: split before the lowercase word
            rest = re.match(r"[a-z]+", run[k:])
            word = rest.group() if rest else ""
            if word.startswith("s") and not _valid_piece(word, doc):
                k, word = k + 1, word[1:]  # MPsare: the plural "s" stays with the acronym
            if k < 2 or len(word) < 3:
                return None  # IDs, URLs, SQLite
            if not (_valid_piece(word, doc) or _segment(word, doc)):
                return None
        elif run[k:].isupper() and not (run[0].islower() or k >= 3 and _valid_piece(run[:k], doc)):
            return None  # MySQL, BayNHS; but thePGA, TheSVM
        if run[bounds[-1] : k].lower() in _NAME_PREFIXES:
            continue  # McDonald, LisaMcElroy: the prefix belongs to the next part
        bounds.append(k)
    if _ACRONYM.search(run) and len(bounds) == 1:
        return None  # NASA-like words inside mixed case (SATsexam, ESPNcricinfo)
    bounds.append(len(run))
    return bounds


def _camel_boundaries(run: str, parts: list[str], doc: Doc) -> bool:
    """Whether case boundaries are lost spaces (thenForeign), not names (YouTube, getId)."""
    first = parts[0]
    if any(len(p) < 2 and p != "I" for p in parts[1:]):
        return False
    if len(parts) > 2 and first.islower() and any(len(p) < 3 for p in parts[1:]):
        return False  # getElementById, setId: code identifiers
    for part in parts[:-1]:
        if part.isupper() and len(part) >= 2:
            continue  # QPRbut, FBIannounced: the acronym needs no lexicon entry
        if len(part) <= 3 and not (_valid_piece(part, doc) or short_name(part, doc)):
            return False  # Al-Hayat, iPhone, eBay, UnAustralian
    if first.islower() and not (_valid_piece(first, doc) or _segment(first, doc)):
        return False  # lowercase start must be a word (or glued words): mRNA, iOS
    if doc.protected(run, tuple(parts)):
        return False
    whole = doc.model.unigrams.get(run.lower())
    if whole is None:
        return True
    lows = [p.lower() for p in parts]
    split_logp = piece_logp(lows[0], doc)
    split_logp += sum(next_logp(a, b, doc) for a, b in zip(lows, lows[1:], strict=False))
    return split_logp > math.log10(whole) - doc.model.log_total  # YouTube, WordNet stay


def _valid_piece(piece: str, doc: Doc) -> bool:
    """Whether ``piece`` (original case) may stand as a word of its own after a split."""
    if plain_piece(piece, doc):
        return True
    if len(piece) < 3 or piece.lower() in doc.model.dictionary:
        return False
    hit = doc.other.get(piece)
    if hit is None:
        hit = doc.other[piece] = other_piece(piece, doc) and not _segment(piece, doc)
    return hit


def _short_pair(low: str, i: int, j: int, doc: Doc) -> bool:
    """Whether the two short pieces of a three-way split are adjacent and a known bigram."""
    a, b, c = low[:i], low[i:j], low[j:]
    if len(a) < 3 and len(b) < 3:
        return f"{a} {b}" in doc.model.bigrams
    if len(b) < 3 and len(c) < 3:
        return f"{b} {c}" in doc.model.bigrams
    return False


def _segment(run: str, doc: Doc) -> tuple[int, ...]:
    """Best split of a lower/Capitalised run into 2-3 frequent words, if it beats the whole."""
    m = doc.model
    low = run.lower()
    if low in m.dictionary:
        return ()
    if low == "etal":
        return (2,)  # "et al", glued in every other reference list
    whole = m.unigrams.get(low)
    best, best_logp = _best_split(run, doc)
    if not best and whole is None and len(run) >= _MANY_MIN_LEN:
        best, best_logp = many_split(run, doc, lambda piece: _valid_piece(piece, doc))
    if not best:
        return ()
    pieces = tuple(run[i:j] for i, j in zip((0, *best), (*best, len(run)), strict=True))
    named = name_position(run, pieces, doc)
    if best_logp < _min_logp(run, pieces, whole, named, doc):
        return ()
    last = pieces[-1]
    if any(p.lower() in _SUFFIXES for p in pieces[1:]):
        return ()  # distributionally, cooccurring, aboutness: derived words, not glue
    second = pieces[1].lower()
    if pieces[0] in ("a", "A") and (
        second not in m.unigrams or (run[0] == "A" and second not in m.dictionary)
    ):
        return ()  # Asberg, Aritz, acyclicity: "A" + a name fragment or a rare word
    if pieces[0].lower() in _PREFIXES:
        return ()  # interannotator, subsentential: prefixed words, not glue
    if (
        run[0].isupper()
        and len(last) <= 2
        and last not in _NAME_SAFE_ENDINGS
        and not (last in ("in", "on", "at") and len(pieces[0]) >= 4)
    ):
        return ()  # Isa, Allam, Bottas: names end like "a", "am", "as" far more often
    if (best_logp < _STRONG_LOGP or named) and doc.protected(run, pieces):
        return ()  # hyperparameter, Farage: repeated, never spaced; not statistically|significant
    return best


def _min_logp(
    run: str, pieces: tuple[str, ...], whole: float | None, named: bool, doc: Doc
) -> float:
    """log10 probability a split must reach: beat the whole word, or a length bar if unknown."""
    if whole is None:
        bar = _UNKNOWN_MIN_LOGP - _UNKNOWN_PER_CHAR * (len(run) - 10)
    else:
        bar = math.log10(whole) - doc.model.log_total + _KNOWN_MARGIN
    if named and pieces[-1].lower() not in _GLUE_ENDINGS:
        bar += _NAME_PRIOR  # Ismay, Glenshane, Stofan: names where only names are capitalised
    return bar


def _best_split(run: str, doc: Doc) -> tuple[tuple[int, ...], float]:
    """Highest-probability split into two or three valid pieces (offsets, log10 prob)."""
    low = run.lower()
    n = len(low)
    best: tuple[int, ...] = ()
    best_logp = -math.inf
    for i in range(1, n):
        if low[:i] in _PREFIXES or not _valid_piece(run[:i], doc):
            continue
        first = piece_logp(low[:i], doc)
        if _valid_piece(run[i:], doc):
            logp = first + next_logp(low[:i], low[i:], doc)
            if logp > best_logp:
                best, best_logp = (i,), logp
        for j in range(i + 1, n):
            if (i < 3) + (j - i < 3) + (n - j < 3) > 1 and not _short_pair(low, i, j, doc):
                continue  # two short pieces: In|stag|am, Michael|an|go, but we|do|not
            if not (_valid_piece(run[i:j], doc) and _valid_piece(run[j:], doc)):
                continue
            logp = first + next_logp(low[:i], low[i:j], doc) + next_logp(low[i:j], low[j:], doc)
            if logp > best_logp:
                best, best_logp = (i, j), logp
    return best, best_logp
