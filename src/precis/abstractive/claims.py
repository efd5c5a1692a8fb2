"""Checkable items of a summary sentence: names, numbers, dates and quotations.

These are what chunk-by-chunk abstractive models invent (issue 4): attributions to people who are
not in the source ("says CNN.com's John Sutter", "writes David Gergen"), wrong actors, changed
numbers and dates, quotes nobody said. Each can be checked against the source by lookup rather
than by meaning. This module only finds and normalises items; :mod:`precis.abstractive.facts`
decides whether the source supports them.

Names are capitalised spans, handled with care: a sentence's first word is a name only when it
cannot be an ordinary word (an acronym, "McHenry", a possessive, a word before "said", a word the
English lexicon does not know); titles ("President", "Dr.") are shown but not required; initials
("George W. Bush") make the whole span required verbatim; possessives end a span, so
"CNN.com's John Sutter" gives "CNN.com" and "John Sutter".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from precis.abstractive.numbers import dates, quantities
from precis.extractive.features import stop_words
from precis.extractive.terms import content_tokens_for, is_english, words_for
from precis.stopwords import stop_words_for

CONTEXT_CHARS = 40  # how far around a number or date its context words are taken

NAME = "name"
NUMBER = "number"
DATE = "date"
QUOTE = "quote"

# A token: an acronym with dots ("U.S."), or a word that may hold . & ' - inside ("CNN.com's").
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:[\w&'’.-]*[^\W_])?(?:['’]s?)?|['’]s\b")
_CONNECTORS = frozenset("of de van von der den da du la le del bin ibn al el y &".split())
TITLES = frozenset(
    "mr mrs ms mx miss dr prof sir dame lord lady king queen prince princess pope rev reverend "
    "father saint st president vice presidential sen senator rep representative congressman "
    "congresswoman gov governor mayor judge justice officer sheriff detective det sgt sergeant lt "
    "lieutenant capt captain col colonel gen general adm admiral maj major cpl corporal pvt "
    "private minister prime secretary chancellor ambassador director chief ceo chairman "
    "chairwoman chair coach manager former late then deputy acting interim foreign defense "
    "defence attorney commissioner commander inspector superintendent professor doctor "
    "spokesman spokeswoman spokesperson".split()
)  # shown in a name but not required of the source ("President Obama" for "Obama")
SPEECH_VERBS = frozenset(
    "said says say told tells added adds wrote writes argued argues explained explains claimed "
    "claims insisted insists noted notes believes believed thinks thought warned warns admitted "
    "admits revealed reveals reported reports announced announces stated states suggested "
    "suggests asked asks replied replies tweeted tweets posted posts recalled recalls".split()
)
_INITIALS = re.compile(r"[A-Z]|(?:[A-Z]\.)+")
FILLERS = frozenset("of the and for & de la le y".split())  # inside a span, not name parts
_COLLECTIVE = frozenset(
    "police staff government army military media public management congress parliament "
    "family church team crew everyone everybody nobody somebody someone anyone today "
    "yesterday tomorrow tonight world nation country city company week month year".split()
)  # open "... said" or take a possessive at a sentence start without being names
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_DOMAIN = re.compile(r"\.(?:com|org|net|gov|edu|co\.uk|co|uk|tv)$")
_OPENERS = "\"“‘'`([:;"
_QUOTES = (
    re.compile(r"“([^”\n]{1,600})”"),
    re.compile(r"``(.{1,600}?)''"),
    re.compile(r"(?<![\w\"])\"([^\"\n]{1,600})\""),
    re.compile(r"(?<![\w‘])‘([^’\n]{1,600}?)’(?!\w)"),
    re.compile(r"(?<![\w'])'([^'\n]{3,600}?)'(?!\w)"),
)
# PTB-tokenised text (FRANK's, CNN/DM's tokenised highlights) opens a single quotation with a
# backtick and writes possessives apart ("honeybee 's", "magistrates ' court"): there a straight
# apostrophe opens nothing, and reading it as a quote made "'s ability they would have made `
# tremendous advances" a quotation the source lacks.
_PTB_RE = re.compile(r"\s(?:'s|n't|'re|'ve|'ll|'m|'d)\b|`|\s'\s")
_PTB_CONTRACTION_RE = re.compile(r"\s+(n't|'s|'m|'re|'ve|'ll|'d)\b")  # "would n't" -> "wouldn't"
_PTB_QUOTES = (
    *_QUOTES[:4],
    re.compile(r"(?<![\w`])`(?!`)\s*([^`'\n]{1,600}?)\s*'(?!\w)"),
)
_PTB_BRACKETS = {"-lrb-": "(", "-rrb-": ")", "-lsb-": "[", "-rsb-": "]", "-lcb-": "{", "-rcb-": "}"}
_PTB_BRACKET_RE = re.compile(r"-(?:lrb|rrb|lsb|rsb|lcb|rcb)-", re.IGNORECASE)
_SPLIT_O_RE = re.compile(r"\b([OD]) ' ([A-Z])")  # "O ' Sullivan", "D ' Angelo"
_SPLIT_AMOUNT_RE = re.compile(r"([$£€#]\s?\d{1,3}), (\d{3})\b")  # "£50, 000" -> "£50,000"


def untokenized(sentence: str) -> str:
    """PTB tokenisation's brackets, split names and split amounts written back ("-LRB- PSU
    -RRB-" -> "( PSU )", "O ' Sullivan" -> "O'Sullivan", "£50, 000" -> "£50,000"), so that they
    are not read as names or numbers the source lacks (FRANK's tokenised summaries). Other text
    is returned as it is."""
    if "-" not in sentence and "'" not in sentence and ", " not in sentence:
        return sentence
    text = _PTB_BRACKET_RE.sub(lambda m: _PTB_BRACKETS[m.group(0).lower()], sentence)
    text = _SPLIT_AMOUNT_RE.sub(r"\1,\2", text)
    return _SPLIT_O_RE.sub(r"\1'\2", text)


_QUOTE_CUT = re.compile(r"\[[^\]]{0,40}\]|\.\.\.|…|\(\s*\.\.\.\s*\)")


@dataclass(frozen=True, slots=True)
class Item:
    """One checkable item of a sentence.

    ``kind`` is name, number, date or quote; ``text`` is as written; ``start``/``end`` index the
    sentence; ``key`` is the normalised form the source is searched for (name tokens, quote
    pieces, or a date's kind and value); ``value`` holds a number's value.
    """

    kind: str
    text: str
    start: int
    end: int
    key: tuple[str, ...] = ()
    value: float | None = None
    approx: bool = False
    digits: int = 0
    context: frozenset[str] = field(default=frozenset(), compare=False)

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}


def name_token(raw: str) -> list[str]:
    """Normalised parts of one token: lowercase, no possessive, no domain, dots and hyphens out."""
    token = re.sub(r"['’]s?$", "", raw).lower()
    token = _DOMAIN.sub("", token)
    return [p for p in token.replace(".", "").split("-") if p]


def name_parts(raws: list[str]) -> list[str]:
    """Normalised parts of a token run; initials merge ("H. W." and "H.W." both give "hw")."""
    out: list[str] = []
    previous_initial = False
    for raw in raws:
        initial = bool(_INITIALS.fullmatch(raw))
        parts = name_token(raw)
        if initial and previous_initial and out:
            out[-1] += "".join(parts)
        else:
            out.extend(parts)
        previous_initial = initial
    return out


def normalised_names(text: str) -> list[str]:
    """Every token of ``text`` normalised as names are (the source side of a name lookup)."""
    return name_parts([m.group(0) for m in _TOKEN.finditer(text)])


def capitalised_names(text: str) -> tuple[set[str], set[str]]:
    """Normalised parts of the tokens of ``text`` written with a capital, and of the acronyms."""
    capitals: set[str] = set()
    acronyms: set[str] = set()
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if _capitalised(word):
            capitals.update(name_token(word))
            if len(word) > 1 and word.replace(".", "").isupper():
                acronyms.update(name_token(word))
    return capitals, acronyms


def has_initials(name: str) -> bool:
    """Whether a name is written with initials ("George W. Bush", not "U.S."): then it must
    match verbatim, so that "George H. W. Bush" does not support it."""
    return bool(re.search(r"(?<![A-Za-z.])[A-Z]\.(?![A-Za-z])", name))


def extract_items(sentence: str, language: str | None = None) -> list[Item]:
    """All checkable items of one summary sentence, in order of position; ``language`` is the
    source document's (its words, stems and stop words; English name rules only in English)."""
    items: list[Item] = []
    date_spans: list[tuple[int, int]] = []
    for d in dates(sentence):
        items.append(Item(DATE, sentence[d.start : d.end], d.start, d.end, (d.kind, d.value)))
        date_spans.append((d.start, d.end))
    for q in quantities(sentence):
        kind = DATE if q.is_year else NUMBER
        items.append(
            Item(kind, sentence[q.start : q.end], q.start, q.end, (), q.value, q.approx, q.digits)
        )
    items.extend(_quotes(sentence, language))
    items.extend(_names(sentence, date_spans, language))
    items = [_with_context(sentence, i, language) if i.kind in (NUMBER, DATE) else i for i in items]
    return sorted(items, key=lambda i: (i.start, i.kind))


def _with_context(sentence: str, item: Item, language: str | None = None) -> Item:
    """The content words next to a number or date ("12 people killed"), to find where it is stated."""
    content_tokens = content_tokens_for(language)
    before = content_tokens(sentence[max(0, item.start - CONTEXT_CHARS) : item.start])
    after = content_tokens(sentence[item.end : item.end + CONTEXT_CHARS])
    return replace(item, context=frozenset(before[-3:] + after[:3]))


def _quotes(sentence: str, language: str | None = None) -> list[Item]:
    """Quoted spans; the key holds the word sequences between ellipses and [insertions]."""
    words = words_for(language)
    out: list[Item] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PTB_QUOTES if _PTB_RE.search(sentence) else _QUOTES:
        for m in pattern.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            quoted = _PTB_CONTRACTION_RE.sub(r"\1", m.group(1))
            pieces = tuple(" ".join(words(p)) for p in _QUOTE_CUT.split(quoted))
            pieces = tuple(p for p in pieces if p)
            if pieces:
                taken.append((m.start(), m.end()))
                out.append(Item(QUOTE, m.group(1).strip(), m.start(1), m.end(1), pieces))
    return out


def _names(
    sentence: str, date_spans: list[tuple[int, int]], language: str | None = None
) -> list[Item]:
    """Capitalised spans that name someone or something (see the module docstring)."""
    tokens = list(_TOKEN.finditer(sentence))
    rules = NameRules.of(language)
    title_case = _is_title_case(tokens, None if rules.english else rules.stop)
    out: list[Item] = []
    span: list[re.Match[str]] = []
    for i, m in enumerate(tokens):
        text = m.group(0)
        in_date = any(a <= m.start() < b for a, b in date_spans)
        capital = _capitalised(text) and not in_date and text not in ("I", "I'm", "I'll", "I've")
        joined = bool(span) and _joined(sentence, span[-1], m)
        if capital and (not span or joined):
            span.append(m)
        elif span and joined and text.lower() in _CONNECTORS and i + 1 < len(tokens):
            span.append(m)
        else:
            out.extend(_close(sentence, span, tokens, title_case, rules))
            span = [m] if capital else []
        if span and re.search(r"['’]s?$", text) and len(text) > 2:
            # a possessive ends a name
            out.extend(_close(sentence, span, tokens, title_case, rules))
            span = []
    out.extend(_close(sentence, span, tokens, title_case, rules))
    return out


def _joined(sentence: str, prev: re.Match[str], m: re.Match[str]) -> bool:
    """Adjacent in one name: a space between, or ". " after an initial or a title ("W. Bush")."""
    gap = sentence[prev.end() : m.start()]
    if gap in (" ", ""):
        return True
    word = prev.group(0)
    return gap == ". " and (bool(_INITIALS.fullmatch(word)) or word.lower() in TITLES)


def _capitalised(token: str) -> bool:
    """Starts with a capital, or is "al-Assad"-like (a lowercase particle, then a capital)."""
    if token[0].isupper():
        return True
    return "-" in token and any(p[:1].isupper() for p in token.split("-")[1:])


def _is_title_case(tokens: list[re.Match[str]], stop: frozenset[str] | None = None) -> bool:
    """A headline-style sentence ("Video Shows ESPN Reporter ..."), where capitals say nothing
    about names: five or more content words, all capitalised (a name-heavy sentence such as
    "Michelle Manhart was handcuffed at Valdosta State University" still has a lowercase one)."""
    stop = stop_words() if stop is None else stop
    content = [
        w
        for w in (m.group(0) for m in tokens)
        if len(w) > 1 and w[0].isalpha() and w.lower() not in stop and w.lower() not in _DATE_WORDS
    ]
    caps = sum(1 for w in content if w[0].isupper())
    return len(content) >= 5 and caps == len(content)


def _close(
    sentence: str,
    span: list[re.Match[str]],
    tokens: list[re.Match[str]],
    title_case: bool,
    rules: NameRules | None = None,
) -> list[Item]:
    """Turn a run of capitalised tokens into a name item, or nothing if it is not a name."""
    rules = rules or ENGLISH_NAMES
    while span and span[-1].group(0).lower() in _CONNECTORS:
        span = span[:-1]
    stop = stop_words() if rules.english else rules.stop
    while span and span[0].group(0).lower() in stop:
        span = span[1:]
    if not span:
        return []
    if not rules.english:
        span = rules.other_language_span(sentence, span, title_case)
        if not span:
            return []
    elif title_case or _at_sentence_start(sentence, span[0].start()):
        if len(span) == 1:
            if not _single_is_name(sentence, span[0], tokens):
                return []
        elif ordinary_word(span[0].group(0)):
            span = span[1:]  # "Investigators Say ...", "Former President ...": not part of the name
    raws = [m.group(0) for m in span]
    if title_case:
        raws = [w for w in raws if _distinctive(w)]
    key = tuple(p for p in name_parts(raws) if p not in TITLES and not p.isdigit())
    while key and key[0] in FILLERS:
        key = key[1:]
    if not any(p not in FILLERS for p in key):
        return []
    start, end = span[0].start(), span[-1].end()
    text = re.sub(r"['’]s?$", "", sentence[start:end])
    return [Item(NAME, text, start, start + len(text), key)]


@dataclass(frozen=True, slots=True)
class NameRules:
    """How a document's language marks names: its stop words, and whether the English rules
    (lexicon, speech verbs) apply. Elsewhere a capital at a sentence start, after a quote or a
    colon says nothing (no lexicon of the language to ask), and in German, which capitalises
    every noun, one capitalised word says nothing either: a name there is two capitalised
    words or more, or a word shaped as a name (an acronym, inner capitals)."""

    english: bool
    stop: frozenset[str]
    nouns_capitalised: bool = False

    @staticmethod
    def of(language: str | None) -> NameRules:
        """The rules of ``language`` (English for None or "en")."""
        if is_english(language):
            return ENGLISH_NAMES
        return NameRules(False, stop_words_for(language), language in CAPITALISED_NOUNS)

    def other_language_span(
        self, sentence: str, span: list[re.Match[str]], title_case: bool
    ) -> list[re.Match[str]]:
        """The part of a capitalised run that names something, in a language without the
        English lexicon: a clause's first word is left out unless shaped as a name."""
        if (title_case or _at_sentence_start(sentence, span[0].start())) and not _shaped(
            span[0].group(0)
        ):
            span = span[1:]
        if self.nouns_capitalised and len(span) == 1 and not _shaped(span[0].group(0)):
            return []
        return span


CAPITALISED_NOUNS = frozenset({"de", "lb"})  # languages that write every noun with a capital
ENGLISH_NAMES = NameRules(True, frozenset())  # English stop words are loaded when first used


def _shaped(word: str) -> bool:
    """An acronym ("NASA", "ЄС") or a word with inner capitals ("McHenry", "iPhone")."""
    return len(word) > 1 and (word.isupper() or any(c.isupper() for c in word[1:]))


def _at_sentence_start(sentence: str, pos: int) -> bool:
    """Whether the token at ``pos`` begins the sentence or a quoted or clause-initial stretch."""
    before = sentence[:pos].rstrip()
    return not before or before[-1] in _OPENERS or before[-1] in ".!?"


def _single_is_name(sentence: str, m: re.Match[str], tokens: list[re.Match[str]]) -> bool:
    """A lone capitalised word at a sentence start: a name only if it cannot be an ordinary word."""
    word = m.group(0)
    if _distinctive(word):
        return True
    plain = re.sub(r"['’]s?$", "", word)
    after = [t.group(0).lower() for t in tokens if t.start() >= m.end()][:1]
    if plain != word or (after and after[0] in ("'s", "’s")):
        # "Sutter's ...", PTB "Locke 's team"; not "Today's ..." or "Everyone's ..."
        return len(plain) > 1 and not _common_noun(plain)
    # "Sutter says ...", but not "Investigators said ..." or "Police said ...".
    return bool(after) and after[0] in SPEECH_VERBS and not _common_noun(word)


def _distinctive(word: str) -> bool:
    """An acronym ("NASA"), inner capitals ("McHenry", "CNN.com") or a word no lexicon knows."""
    if len(word) > 1 and (word.isupper() or any(c.isupper() for c in word[1:])):
        return True
    return not ordinary_word(word)


def _common_noun(word: str) -> bool:
    """A plural or collective noun that often opens "... said" ("Officials", "Police")."""
    lower = word.lower()
    return lower in _COLLECTIVE or (lower.endswith("s") and not lower.endswith("ss"))


def ordinary_word(word: str) -> bool:
    """An English word in the lexicon (so a capital at a sentence start says nothing)."""
    from precis.clean.lexicon import word_count

    plain = re.sub(r"['’]s?$", "", word).lower().split("-")[0]
    return plain in stop_words() or word_count(plain) >= 1e5
