"""Split words glued together by PDF/HTML text extraction (``bargainedaway``, ``ofthe``).

Only insertions of one space are returned (:class:`~precis.offsets.Edit`), so every character
stays traceable. This module *proposes* splits: a split must beat the unsplit token under
English word frequencies (wordsegment's Google counts, through :mod:`precis.clean.lexicon`),
every piece must be a frequent word, and names get a stronger bar where the document uses them
as names (:func:`~precis.clean.glued_gates.name_position`). Which proposals are *made* is
:mod:`precis.clean.glued_policy`'s decision, precision first (issue 13): a function word or
glued punctuation must show the glue, two content words are split only where the document shows
glue of its own, and CamelCase, digits, particle-headed compounds and a token the document
writes whole twice are never split. Shapes (glued punctuation, lost hyphens, letter-spaced
names, English or not) are in :mod:`precis.clean.glued_shapes`.

Measured by ``bench/bench_glued.py`` (bench/results/glued.json). On the real-document corpus
(bench/realdocs.py, 60 PDFs and 32 web pages nobody here wrote; every split looked up in hand
labels, bench/data/glued_labels.jsonl; real glue found against pdftotext): 54 splits, all right,
and 96% of the real glue restored, against 9.7% precision (51 right of 526) and 89% before the
policy; 0 splits on the web pages, against 57 wrong. On spaces deleted at random the policy costs
recall (it sees no glue evidence around a lone deleted space between two content words).

The libraries segment well but have no notion of "this token is already a word": run on every
token they shred names and rare words, and even gated to unknown tokens they split names
(``Bess mer t ny kh``) and technical terms. wordsegment also lowercases and drops punctuation,
and symspellpy's segmentation corrects spelling (changes letters), which an insertion-only step
cannot use. We therefore keep wordsegment's counts and add our own search and gates.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from collections import Counter
from collections.abc import Callable

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
from precis.clean.glued_policy import Kind, classify, enough_evidence
from precis.clean.glued_shapes import (
    EG_GLUE,
    LONE_CAPITAL,
    MAX_RUN,
    PUNCT_GLUE,
    RUN,
    any_candidate,
    ends_in_hyphen_prefix,
    english,
    function_at_hyphen,
    hyphen_prefix_cut,
    punct_words,
)
from precis.offsets import Edit, apply_edits

logger = logging.getLogger(__name__)

_TOKEN = re.compile(r"\S+")
# positions in the text -> whether the page shows a space there (None: cannot tell)
SpaceCheck = Callable[[list[int]], dict[int, "bool | None"]]
_MAX_ROUNDS = 8  # a safety cap; rounds stop at the first that finds nothing
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


def glued_word_edits(text: str, shown: SpaceCheck | None = None) -> list[Edit]:
    """Insertions of a space where words were glued together, repeated to a fixed point.

    A split changes the tokens (and the document's token counts), so a second pass can find
    more; running rounds until none is found makes the step idempotent, as cleaning must be.
    Every round's insertions are mapped back to positions in ``text``.

    ``shown`` (PDF) answers for positions in ``text`` whether the page shows a space there:
    a split where it answers False is not made, since the page prints the words together and
    the text is then what was printed (issue 14, :mod:`precis.ingest.pdf_gaps`).
    """
    original: list[int] = []  # insertion points in ``text``
    current_spaces: list[int] = []  # where those inserted spaces sit in ``current``
    printed: set[int] = set()  # positions in ``text`` where the page prints no space
    current = text
    for _ in range(_MAX_ROUNDS):
        proposed = []
        for edit in _glued_round(current):
            at = edit.start - bisect.bisect_left(current_spaces, edit.start)
            if at not in printed:
                proposed.append((edit, at))
        if shown is not None and proposed:
            answers = shown([at for _, at in proposed])
            printed.update(at for _, at in proposed if answers.get(at) is False)
            proposed = [(edit, at) for edit, at in proposed if at not in printed]
        if not proposed:
            break
        original.extend(at for _, at in proposed)
        current, _ = apply_edits(current, [edit for edit, _ in proposed])
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
        for run in RUN.findall(chunk):
            runs[run] += n
    lower_runs: Counter[str] = Counter()
    for run, n in runs.items():
        lower_runs[run.lower()] += n
    if not english(lower_runs):
        return []  # the tables and gates are English: "isso" is no "is so" (Portuguese)
    if not _ET_AL.search(text) and not any_candidate(chunk_counts):
        return []  # nothing glue-shaped: the frequency tables are not even loaded
    doc = Doc(text, runs, lower_runs, model())
    sure: dict[str, tuple[int, ...]] = {}
    content: dict[str, tuple[int, ...]] = {}
    sure_count = 0
    before_al = {m.group(1) for m in _ET_AL.finditer(text)}
    letter_spaced = {m.group(1) for m in LONE_CAPITAL.finditer(text)}
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
    sure = [m.end(2) for m in PUNCT_GLUE.finditer(chunk) if punct_words(m, doc)]
    sure += [m.end() for m in EG_GLUE.finditer(chunk)]
    content: list[int] = []
    for match in RUN.finditer(chunk):
        start, end = match.span()
        if len(match.group()) < 3 or not _standalone(chunk, start, end):
            continue
        run = match.group()
        if end < len(chunk) and chunk[end] == "-":
            cuts = hyphen_prefix_cut(run, doc) or _run_splits(run, doc)
        else:
            cuts = _run_splits(run, doc)
            if cuts and ends_in_hyphen_prefix(run, cuts):
                continue
        if cuts and function_at_hyphen(chunk, start, end, run, cuts):
            continue
        kind = classify(run, cuts, doc)
        if kind is Kind.SURE:
            sure.extend(start + k for k in cuts)
        elif kind is Kind.CONTENT:
            content.extend(start + k for k in cuts)
    return tuple(sorted(set(sure))), tuple(sorted(set(content)))


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
    if len(run) > MAX_RUN or run.isupper():
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
