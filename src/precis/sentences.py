"""Sentence segmentation: exact character spans from one linear scan (English rules here;
other languages swap in their data from :mod:`precis.sentence_rules`, issue 19).

Why not pySBD: it is accurate on the Golden Rules, but it runs dozens of full-text regex
passes (about 0.35 MB/s), rewrites the text while doing so, and then searches for each sentence
to recover offsets, which is quadratic and fragile (STYLE.md). We need spans that come straight
from the scan and at least 10x its speed, so the rules are written here.

How: one compiled regex finds candidate terminators (``.``, ``?``, ``!``, ``…`` and spaced or
unspaced ellipses) and the closing quotes or brackets after them; each candidate is accepted or
rejected by looking only at its neighbours: the token before (abbreviation, initialism, initial,
number) and the token after (case, digit, sentence-starter word). Blank lines, bullets and
numbered or lettered list items cut unconditionally. Every regex is linear (no nested
quantifiers that can overlap) and every look-around is bounded, so cost is O(len(text)).
The Golden Rules are those of the Pragmatic Segmenter, as shipped with pySBD.
"""

from __future__ import annotations

import heapq
import itertools
import re
from collections.abc import Iterable

from precis.sentence_rules import Rules, rules_for

__all__ = ["sentence_spans"]

# Abbreviations, lowercased, without their final period. Classes differ in what may follow.
_TITLES = frozenset(
    "mr mrs ms mx dr prof messrs mme mlle rev hon gen sen rep reps gov lt col capt sgt cpl pvt "
    "adm maj cmdr cdr pres supt insp det brig mt atty".split()
)  # precede a name: never end a sentence
_NEVER = frozenset("e.g i.e cf vs v viz approx ca incl esp resp et".split())
_NUMBER_PREFIX = frozenset(
    "no nos nr n° nº p pp fig figs vol vols sec secs sect eq eqs ch chap art arts ref refs tab "
    "para pt pts ex rs stat jan feb mar apr jun jul aug sep sept oct nov dec".split()
)  # precede a number; before a capital they may end a sentence
_ABBREVIATIONS = frozenset(
    "inc corp co ltd llc plc bros jr sr esq st ave blvd rd dept univ assn assoc mfg intl natl "
    "govt al etc ft mi min max hr hrs sq oz lb lbs yr yrs mos wk est dist div mon tue tues thu "
    "thur thurs fri misc ph ed eds mgr bldg calif colo conn fla ga kan ky md mich minn mont neb "
    "nev okla pa tenn tex va vt wis wyo ariz ark pub".split()
)  # may end a sentence; ordinary words ("ill", "miss", "sat") are left out on purpose
_ANY_ABBREVIATION = _TITLES | _NEVER | _NUMBER_PREFIX | _ABBREVIATIONS
_TIMES = frozenset({"a.m", "p.m"})
# Words that may follow a time inside a sentence ("5 p.m. Monday", "9 a.m. EST").
_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today tonight tomorrow yesterday "
    "est edt cst cdt mst mdt pst pdt gmt utc bst cet eastern central mountain pacific local".split()
)
_EXCLAMATION_WORDS = frozenset({"yahoo", "yum", "jeopardy"})  # names spelt with "!"
# Capitalised words that almost always begin a sentence; after an ambiguous abbreviation
# ("U.S.", "Co.", a single initial) only these make the period a boundary (pySBD's
# SENTENCE_STARTERS, extended with pronouns, determiners and connectives).
_STARTERS = frozenset(
    "A An The This That These Those There Here It Its He His She Her We Our They Their I You "
    "Your My What When Where Who Whom Whose Why How Which While Whether If In On At By For From "
    "To With Without As After Before During Since Until Although Though Because But And Or Nor "
    "So Yet Also Then Thus Hence However Moreover Furthermore Therefore Nevertheless Nonetheless "
    "Meanwhile Instead Indeed Still Later Finally Now Today Yesterday Some Many Most Much All "
    "Each Every Both Few Several Such Another None Only Even Being Did Do Does Is Are Was Were "
    "Has Have Had Can Could Will Would Should Shall Might Must Let Please Millions More Yes "
    "Perhaps Maybe Despite According Once Unlike Overall Similarly Additionally Consequently "
    "Accordingly Otherwise Specifically Notably Currently Recently Previously Eventually "
    "Ultimately Unfortunately Fortunately Interestingly Importantly Generally Typically Usually "
    "Often Sometimes".split()
)
# Nouns that take a number ("Table 1."): a number after them is not a list marker.
_NUMBER_NOUNS = frozenset(
    "table figure section chapter step part page equation appendix volume version phase stage "
    "level grade class room line row column lemma theorem definition example exercise problem "
    "question rule article case game round week day year".split()
)

_CANDIDATE = re.compile(r"[.?!…‽。．！？]+(?: [.…][.?!…‽]*)*")
_CLOSERS = re.compile(r"[\"'”’»)\]}]*")
_SPACE = re.compile(r"\s*")
# Skipped to reach the next word: opening quotes and brackets, dashes, a leading ellipsis.
_OPENERS = re.compile(r"[\"'“‘«(\[{*\-–—\s.…]{0,10}")
_WORD = re.compile(r"[^\W\d_]{1,40}")
_FOOTNOTE = re.compile(
    r"(?:\[\d{1,3}(?:[,–-]\d{1,3})*\]){1,5}|\d{1,3}(?:[,–-]\d{1,3}){0,4}(?: \d{1,3}){0,3}"
)
_ENUMERATOR = re.compile(r"\(?(?:[ivx]{1,4}|[a-z]|\d{1,3})\)\s")
_NONSPACE = re.compile(r"\S")
_NON_WORD = re.compile(r"[^\w,]")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n|\u2029")
_BULLET_CHARS = frozenset("•⁃◦▪‣●")
_BULLET = re.compile(r"[•⁃◦▪‣●]")
# A list marker; the leading class (not a look-behind) lets the regex engine skip ahead fast.
_MARKER_BODY = r"(\d{1,2}|[a-z])(\.\)|\)|\.)(?=\s+[\"“'‘(]?[A-Z])"
_MARKER = re.compile(r"[\s•⁃◦▪‣●]" + _MARKER_BODY)
_MARKER_AT_START = re.compile(_MARKER_BODY)
_INITIALISM = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")
_WIDE = frozenset("。．！？")  # CJK-style terminators need no following space
_TERMINATOR_CHARS = frozenset(".?!…‽。．！？")
_BRACKETS = frozenset("([{")
_OPENING = frozenset("([{\"'“‘«")
_SYMBOL_STARTS = frozenset("$£€¥#")  # may begin a sentence: "$5 was paid."
_TRIM = "\"'“”‘’()[]{}«»<>,;:*"
_LOOKBACK = 64  # bound on the token before a candidate: keeps each decision O(1)
# A sentence cannot be a bare prepositional phrase ("At 5 a.m." + "Mr. Smith went ...").
_PREPOSITIONS = frozenset("at in on by after before until since from around about near".split())
# words after which a detached "." is the symbol itself ("and . is used as a decimal point")
_BEFORE_SYMBOL = frozenset("a an the and or by of as with than like single marked".split())
_LIST_GAP = 500  # max distance between unanchored items of one inline list
# value, item start, position of its period or -1, at a line start or bullet, after ".:;?!"
_Marker = tuple[int, int, int, bool, bool]
# "19", "-3" ("1. -3. Jahrhundert"), "XII" ("XII. Pluk"): an ordinal where numbers take a period
_ORDINAL = re.compile(r"[-–]?\d{1,3}|[IVXLC]{1,6}")
_QUOTE_SPAN = 500  # an opening 「 further back than this is unbalanced: it no longer holds

_ENGLISH = Rules(
    candidate=_CANDIDATE,
    closers=_CLOSERS,
    openers=_OPENERS,
    wide=_WIDE,
    titles=_TITLES,
    never=_NEVER,
    abbreviations=_NUMBER_PREFIX | _ABBREVIATIONS,
    ends=frozenset({"etc"}),
    times=_TIMES,
    time_words=_TIME_WORDS,
    starters=_STARTERS,
    exclamation_words=_EXCLAMATION_WORDS,
)


def sentence_spans(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """Character spans (start, end exclusive) of the sentences of ``text``.

    Spans are ordered, non-overlapping, stripped of surrounding whitespace, and together cover
    every non-whitespace character; ``text[start:end]`` is the sentence verbatim. A single line
    break is not a boundary (text may be hard-wrapped); a blank line always is.

    Args:
        text: Any text, usually one paragraph.
        language: ISO 639-1 code of the text's language (issue 19): its terminators,
            quotation marks and abbreviations (:mod:`precis.sentence_rules`). None or "en":
            the English rules, which other languages got before.

    Returns:
        The spans, in order; ``[]`` for empty or whitespace-only text.
    """
    if not text or text.isspace():
        return []
    rules = _ENGLISH if language is None or language == "en" else rules_for(language)
    item_starts, marker_periods = _list_items(text)
    ends: list[int] = []
    quoted = _Quotes(text, rules.quotes) if rules.quotes else None
    for m in rules.candidate.finditer(text):
        if m.start() in marker_periods:
            continue
        if quoted is not None and quoted.inside(m.start(), rules.closers.match(text, m.end())):
            continue
        cut = _boundary(text, m.start(), m.end(), ends[-1] if ends else 0, rules)
        if cut is not None:
            ends.append(cut)
    blanks = (m.start() for m in _BLANK_LINE.finditer(text))
    spaced = _space_cuts(text, rules) if rules.space_cuts is not None else ()
    return _spans(text, heapq.merge(ends, blanks, item_starts, spaced))


def _space_cuts(text: str, rules: Rules) -> list[int]:
    """Where a space ends a segment (Chinese, Japanese: between two Han or kana characters),
    except inside brackets or quotation marks ("（编写：郱书 责编：铃兰）" is one piece)."""
    assert rules.space_cuts is not None
    inside = _Quotes(text, rules.brackets)
    return [
        m.start()
        for m in rules.space_cuts.finditer(text)
        if not inside.inside(m.start(), rules.closers.match(text, m.start()))
    ]


def _spans(text: str, cuts: Iterable[int]) -> list[tuple[int, int]]:
    """Turn sorted cut positions into whitespace-stripped, non-empty spans."""
    spans: list[tuple[int, int]] = []
    prev = 0
    for cut in (*cuts, len(text)):
        if cut <= prev:
            continue
        first = _NONSPACE.search(text, prev, cut)
        if first is not None:
            start = first.start()
            spans.append((start, start + len(text[start:cut].rstrip())))
        prev = cut
    return spans


class _Quotes:
    """Which terminators stand inside a 「…」 quotation (Chinese, Japanese): those cut nothing
    unless the quotation closes right after them. Only quotations that close within
    :data:`_QUOTE_SPAN` count (a stray 「 must not swallow the text after it). Pairs are found
    in one pass and queried in increasing position: linear."""

    def __init__(self, text: str, pairs: str) -> None:
        closing = {pairs[i]: pairs[i + 1] for i in range(0, len(pairs), 2)}
        self.pairs: list[tuple[int, int]] = []  # (open, close) positions, matched only
        stack: list[tuple[int, str]] = []
        for m in re.finditer(f"[{re.escape(pairs)}]", text):
            mark = m.group()
            if mark in closing:
                stack.append((m.start(), closing[mark]))
            elif stack and stack[-1][1] == mark:
                opened = stack.pop()[0]
                if m.start() - opened <= _QUOTE_SPAN:
                    self.pairs.append((opened, m.start()))
        self.pairs.sort()
        self.next = 0
        self.open: list[int] = []  # close positions of the quotations around the position

    def inside(self, pos: int, closers: re.Match[str]) -> bool:
        """Whether the terminator at ``pos`` is inside a quotation and does not end it."""
        while self.next < len(self.pairs) and self.pairs[self.next][0] < pos:
            self.open.append(self.pairs[self.next][1])
            self.next += 1
        self.open = [close for close in self.open if close > pos]
        return bool(self.open) and min(self.open) >= closers.end()


def _boundary(text: str, start: int, end: int, since: int, rules: Rules) -> int | None:
    """Where the sentence ends if the terminator run ``text[start:end]`` ends one, else None.

    ``since`` is where the current sentence began (the previous accepted cut).
    """
    n = len(text)
    cluster = text[start:end]
    after = rules.closers.match(text, end).end()
    if after < n and not text[after].isspace():
        if cluster[-1] in rules.wide:
            return _wide_end(text, start, after, rules)
        if _glued(text, start, end, after):
            return after
        footnote = _footnote_end(text, start, after)
        if footnote is None:
            return None
        after = footnote
    nxt = _SPACE.match(text, after).end()
    if nxt >= n:
        return None  # end of text ends the sentence anyway
    if text[nxt] == "." and (nxt + 1 == n or text[nxt + 1].isspace()):
        return None  # "word. . Next": the stray period ends the sentence instead
    if _ENUMERATOR.match(text, nxt) and " " not in cluster:
        if _prev_token(text, start).lower() not in _any_abbreviation(rules):
            return after  # "Hello world. (b) Hello world."
    first = rules.openers.match(text, nxt).end()
    if first >= n:
        return None
    ch = text[first]
    if _detached(text, start, cluster, end, after) and (ch.isalnum() or text[nxt] in "`'\""):
        return after  # tokenised text: "on friday . the club said" (issue 16)
    if not (ch.isalnum() or ch in _SYMBOL_STARTS) or ch.islower():
        return None
    if " " in cluster:
        return _spaced_ellipsis(text, start, cluster, ch, after)
    if "…" in cluster or ".." in cluster:
        if start > 0 and text[start - 1] in _OPENING:
            return None  # "[...]" marks an omission, '"... Then' opens a sentence
        return after if ch.isalpha() else None
    if "." not in cluster or cluster[-1] != ".":
        if cluster == "!" and _prev_token(text, start).lower() in rules.exclamation_words:
            return None
        return after
    bracket = text[nxt] in _BRACKETS
    return after if _period_ends(text, start, first, bracket, since, rules) else None


def _any_abbreviation(rules: Rules) -> frozenset[str]:
    """Every abbreviation of ``rules`` (English: the module's own union, built once)."""
    return _ANY_ABBREVIATION if rules is _ENGLISH else rules.any_abbreviation


def _wide_end(text: str, start: int, after: int, rules: Rules) -> int | None:
    """A CJK terminator followed by no space: a boundary, except "３．２９" (a full-width decimal
    point) and "。」と言った" (a quotation the sentence goes on after)."""
    if text[start] == "．" and text[start - 1 : start].isdigit() and text[after].isdigit():
        return None
    if rules.particles and text[after - 1] in "」』" and text[after] in rules.particles:
        return None
    return after


def _detached(text: str, start: int, cluster: str, end: int, after: int) -> bool:
    """Whether a lone "." stands apart from the word before it, as tokenised text sets it
    (FRANK's and CNN/DM's lower-cased summaries: "said on friday . the club"). Prose never sets
    a period after a space; a spaced ellipsis is several periods. A detached "?" is not taken:
    text extracted from PDFs puts "?" for glyphs it cannot map ("where ? is a parameter")."""
    return (
        cluster == "."
        and start >= 2
        and text[start - 1] == " "
        and not text[start - 2].isspace()
        and text[start - 2] not in ".?!,;:"
        and after == end
        and _prev_token(text, start - 1).lower() not in _BEFORE_SYMBOL
    )


def _spaced_ellipsis(text: str, start: int, cluster: str, ch: str, after: int) -> int | None:
    """Decide ". . ." runs the way the Golden Rules do (pySBD's ellipsis rules)."""
    dots = cluster.count(".") + cluster.count("…")
    attached = start > 0 and not text[start - 1].isspace()
    if attached and dots == 4 and cluster.startswith(". "):
        return start + 1 if ch.isalpha() else None  # "word. . . . Next": period, then ellipsis
    if not attached and dots == 3:
        return None  # " . . . " is an omission inside a sentence
    return after if ch.isalpha() else None


def _period_ends(
    text: str, start: int, first: int, bracket: bool, since: int, rules: Rules
) -> bool:
    """Whether a single period at ``start`` ends a sentence; next word starts at ``first``.

    After an ambiguous abbreviation a boundary needs a typical sentence opening next, and a
    sentence before that is not a fragment ("At 5 a.m. Mr. Smith", "Q. What").
    """
    token = _prev_token(text, start)
    key = token.lower()
    ch = text[first]
    if rules.single_letters and len(token) <= 2:
        key = _spaced_key(text, start, token, rules)
    if key in rules.titles or key in rules.never:
        return False
    if key in rules.times:  # "left at 6 p.m. Travelers": a time often ends a sentence
        if ch.isdigit() or bracket or _fragment(text, since, start):
            return False
        word = _WORD.match(text, first)
        return word is None or word.group().lower() not in rules.time_words
    if key in rules.abbreviations:
        if ch.isdigit() or bracket:
            return False
        if key in rules.ends:
            return True
    elif rules.ordinals and _ORDINAL.fullmatch(token):
        return _ordinal_ends(text, start, first, token, rules)
    elif not (
        _INITIALISM.fullmatch(token)
        or (len(token) == 1 and (token.isupper() or rules.single_letters and token.isalpha()))
    ):
        # "... scrambles. 6. The movie": a lone small number is an item marker, not a sentence
        lone = token.isdigit() and len(token) <= 3 and start - since <= _LOOKBACK
        return not (lone and len(text[since:start].split()) == 1)
    if ch.isdigit() or bracket:
        return False
    return _starts_sentence(text, first, rules) and not _fragment(text, since, start)


def _spaced_key(text: str, start: int, token: str, rules: Rules) -> str:
    """The abbreviation a short token closes when spaced over two ("z. B", "т. п", "p. ex")
    or after a number ("1990 г" -> "<n> г"); else the token itself, lower-cased."""
    head = text[max(0, start - len(token) - 8) : start - len(token)]
    key = token.lower()
    if head.endswith(". ") and head[-3:-2].isalpha() and not head[-4:-3].isalpha():
        return f"{head[-3].lower()}.{key}"
    if head.endswith(" ") and head[-2:-1].isdigit() and f"<n> {key}" in rules.ends:
        return f"<n> {key}"
    return key


def _ordinal_ends(text: str, start: int, first: int, number: str, rules: Rules) -> bool:
    """Whether "19." ends a sentence where numbers take a period as ordinals (German "am 19.
    Februar", "im 19. Jahrhundert", "1. -3. Jahrhundert"): only before a starter word, and not
    after an article or preposition that makes the number an ordinal."""
    if text[first].isdigit() or not _starts_sentence(text, first, rules):
        return False
    word = _WORD.match(text, first)
    if word is not None and word.group().lower() in rules.months:
        return False
    head = text[max(0, start - len(number) - _LOOKBACK) : start - len(number)].split()
    return not (head and head[-1].lower() in rules.ordinal_heads)


def _fragment(text: str, since: int, start: int) -> bool:
    """Whether the sentence from ``since`` to ``start`` is too short to stand alone."""
    if start - since > _LOOKBACK:
        return False
    head = text[since:start]
    head = head[head.rfind("\n\n") + 1 :]
    words = head.split()
    return len(words) < 2 or (len(words) < 5 and words[0].lower() in _PREPOSITIONS)


def _starts_sentence(text: str, first: int, rules: Rules) -> bool:
    """Whether the capitalised word at ``first`` is a typical sentence opening."""
    m = _WORD.match(text, first)
    if m is None:
        return False
    word = m.group()
    dotted = m.end() < len(text) and text[m.end()] == "."
    if dotted:
        return word.lower() in rules.titles  # "5 a.m. Mr. Smith"
    return word in rules.starters


def _prev_token(text: str, start: int) -> str:
    """The token just before ``start`` (bounded look-back), trimmed of quotes and brackets."""
    window = text[max(0, start - _LOOKBACK) : start]
    parts = window.rsplit(None, 1)
    if not parts or window[-1:].isspace():
        return ""
    return parts[-1].strip(_TRIM)


def _footnote_end(text: str, start: int, pos: int) -> int | None:
    """End of a footnote mark glued to a terminator ("martyr.[1] The", "cold.12 Take")."""
    m = _FOOTNOTE.match(text, pos)
    if m is None or m.end() >= len(text) or not text[m.end()].isspace():
        return None
    if text[pos] != "[":  # bare digits: not after a number ("v1.2") or an abbreviation
        if start == 0 or text[start - 1].isdigit():
            return None
        if _prev_token(text, start).lower() in _ANY_ABBREVIATION:
            return None
    return m.end()


def _glued(text: str, start: int, end: int, after: int) -> bool:
    """Whether a period glued to the next word ("world.Today is") still ends a sentence."""
    if end - start != 1 or text[start] != "." or not text[after].isupper():
        return False
    word = _WORD.match(text, after)
    if word is None or word.end() >= len(text) or not text[word.end()].isspace():
        return False
    if not word.group()[1:].islower() or len(word.group()) < 2:
        return False
    token = _prev_token(text, start)
    tail = _NON_WORD.split(token)[-1] if token else ""
    return len(tail) >= 2 and (tail.isalpha() and tail.islower() or tail.replace(",", "").isdigit())


def _list_items(text: str) -> tuple[list[int], set[int]]:
    """Starts of bullets and numbered/lettered list items, and marker periods that end nothing.

    A marker ("2.", "2)", "2.)", "b.") counts when it belongs to a run of consecutive values
    that starts at a line start or bullet, or at 1/"a" right after ".:;?!"; so "rose 1. The
    next day 2." and "Fig. 2. Then" are not lists. A marker at a line start or after a bullet
    never ends a sentence ("1. Introduction").
    """
    cuts = [
        m.start() for m in _BULLET.finditer(text) if m.start() and text[m.start() - 1].isspace()
    ]
    quiet: set[int] = set()
    runs: dict[tuple[bool, str], list[_Marker]] = {}
    first = _MARKER_AT_START.match(text)
    for m in itertools.chain((first,) if first else (), _MARKER.finditer(text)):
        item = _item_start(text, m.start(1))
        anchored = item is not None
        if item is None:
            if _counted_noun(text, m.start(1)):
                continue
            item = m.start(1)
        raw, suffix = m.group(1), m.group(2)
        value = int(raw) if raw.isdigit() else ord(raw) - ord("a") + 1
        period = m.start(2) if suffix[0] == "." else -1
        run = runs.setdefault((raw.isdigit(), suffix), [])
        if run and not (run[-1][0] + 1 == value and (anchored or item - run[-1][1] <= _LIST_GAP)):
            _close_run(run, cuts, quiet)
        introduced = text[max(0, item - 8) : item].rstrip()[-1:] in (".", ":", ";", "?", "!")
        run.append((value, item, period, anchored, introduced))
        if anchored and period >= 0:
            quiet.add(period)
    for run in runs.values():
        _close_run(run, cuts, quiet)
    cuts.sort()
    return cuts, quiet


def _close_run(run: list[_Marker], cuts: list[int], quiet: set[int]) -> None:
    """Record the items of a finished run if it is a real list, then empty it."""
    value, _, _, anchored, introduced = run[0]
    if len(run) >= 2 and (anchored or (value == 1 and introduced)):
        for _, start, period, _, _ in run:
            if start > 0:
                cuts.append(start)
            if period >= 0:
                quiet.add(period)
    run.clear()


def _item_start(text: str, pos: int) -> int | None:
    """Start of the list item whose marker is at ``pos`` (its bullet or the marker itself)
    when only blanks or a bullet precede it on its line; None inside running text."""
    head = text[max(0, pos - 8) : pos]
    trimmed = head.rstrip(" \t")
    if trimmed[-1:] in _BULLET_CHARS:
        return pos - (len(head) - len(trimmed)) - 1
    newline = head.rfind("\n")
    if newline >= 0:
        return pos if head[newline + 1 :].strip() == "" else None
    return pos if pos <= 8 and head.strip() == "" else None


def _counted_noun(text: str, pos: int) -> bool:
    """Whether the word before ``pos`` takes a number ("Fig. 2.", "Table 3."): not a list."""
    head = text[max(0, pos - _LOOKBACK) : pos].split()
    key = head[-1].strip(_TRIM).lower().rstrip(".") if head else ""
    return key in _NUMBER_PREFIX or key in _NUMBER_NOUNS or key in _ABBREVIATIONS
