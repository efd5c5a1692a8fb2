"""Who did what to whom, the other way round: "Bowe beat Holyfield in a rematch" against the
source's "Holyfield beat Bowe the following year in a rematch" (issue 16, misattribution).

Both sentences use the same words, names and verb, so overlap scores them alike, and every name
is in the source. What differs is which name is the agent. Without a parser the roles are read
only where the sentence spells them out between two names: "A beat B", "A has beaten B" (A acts
on B) and "B was beaten by A" (the same, passive). A summary sentence whose (agent, verb,
patient) is its evidence's (patient, verb, agent) has the roles swapped. Narrow on purpose: a
noun ("a female employee shoved a member of the family") or a pronoun has no name to compare.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from precis.abstractive.claims import (
    FILLERS,
    NAME,
    TITLES,
    Item,
    extract_items,
)
from precis.abstractive.placement import MISATTRIBUTION
from precis.abstractive.verbs import past_form
from precis.extractive.features import content_tokens

_ACTIVE_RE = re.compile(
    r"^\s+(?:(?:has|have|had|will|would|also|then|later|again|narrowly|easily|finally)\s+){0,2}"
    r"([a-z]+)\s+$"
)
_PASSIVE_RE = re.compile(
    r"^\s+(?:was|were|is|are|has been|have been|had been|will be|would be)\s+"
    r"(?:(?:also|then|later|again|narrowly|easily|finally)\s+)?([a-z]+)\s+by\s+(?:the\s+)?$"
)


class Role(NamedTuple):
    """One act between two names: agent and patient (name parts) and the verb's stem."""

    agent: frozenset[str]
    verb: str
    patient: frozenset[str]
    item: Item  # the agent's name as written


@lru_cache(maxsize=4096)
def _name_items(text: str) -> tuple[Item, ...]:
    """The names of ``text`` (cached: one evidence sentence is read for many summaries)."""
    return tuple(i for i in extract_items(text) if i.kind == NAME)


_FIRST_RE = re.compile(r"^\W*([A-Z][\w'\u2019-]+)")


def _names(text: str, known: frozenset[str]) -> list[Item]:
    """The names of ``text``, and its first word where the other text names it ("Bowe beat
    Holyfield" against "Holyfield beat Bowe": a first word is no name on its own)."""
    names = list(_name_items(text))
    first = _FIRST_RE.match(text)
    if (
        first
        and first.group(1).lower() in known
        and content_tokens(first.group(1))  # "The", "She", "It": no name
        and not any(i.start <= first.start(1) for i in names)
    ):
        start, end, key = first.start(1), first.end(1), (first.group(1).lower(),)
        if names and text[end : names[0].start] == " ":  # "Joshua Quincy Burns": one name
            end, key = names[0].end, key + names[0].key
            names = names[1:]
        names.insert(0, Item(NAME, text[start:end], start, end, key))
    return names


def roles(text: str, known: frozenset[str] = frozenset()) -> list[Role]:
    """The acts ``text`` states between two adjacent names (see the module's docstring);
    ``known``: name parts that make a first word a name."""
    names = _names(text, known)
    out = []
    for a, b in zip(names, names[1:], strict=False):
        gap = text[a.end : b.start]
        passive = _PASSIVE_RE.match(gap)
        active = None if passive else _ACTIVE_RE.match(gap)
        found = passive or active
        if found is None:
            continue
        verb = content_tokens(found.group(1))
        if not verb:
            continue  # "and", "of", "said": no act between them
        first, second = _parts(a), _parts(b)
        if passive:
            out.append(Role(second, verb[0], first, b))
        else:
            out.append(Role(first, verb[0], second, a))
    return out


def swapped_roles(sentence: str, evidence: str) -> Item | None:
    """The agent of an act that ``sentence`` states with agent and patient the other way
    round from ``evidence``; None when no act of both has its roles swapped."""
    ours_names = frozenset(p for i in _name_items(sentence) for p in i.key)
    their_names = frozenset(p for i in _name_items(evidence) for p in i.key)
    known = ours_names | their_names
    theirs = roles(evidence, known)
    if not theirs:
        return None
    for ours in roles(sentence, known):
        for other in theirs:
            if (
                ours.verb == other.verb
                and ours.agent & other.patient
                and ours.patient & other.agent
                and not ours.agent & other.agent
            ):
                item = ours.item
                return Item(MISATTRIBUTION, item.text, item.start, item.end, item.key)
    return None


def _parts(item: Item) -> frozenset[str]:
    return frozenset(p for p in item.key if p not in FILLERS and p not in TITLES)


# A name as the subject of a verb: "Davis won", "Alison Hargreaves, 32, was swept", "JetBlue,
# which offered", "Smith has also said".
_SUBJECT_RE = re.compile(
    r"(?:\s*,\s*(?:(?:who|which)\s+|[^,]{1,80},\s*))?\s*"
    r"(?:(?:has|have|had|was|were|is|are|will|would|also|then|later|immediately|still)\s+){0,2}"
    r"([a-z]+)\b"
)
PREDICATE = 6  # words after the verb that say what the act is
MIN_PREDICATE = 2  # ... that the sentence and the evidence must share


class Subject(NamedTuple):
    """A name that does something: its parts, the verb's stem, the act's content stems."""

    parts: frozenset[str]
    verb: str
    predicate: frozenset[str]
    item: Item


_BEFORE_SUBJECT_RE = re.compile(
    r"\b(?:a|an|the|of|from|in|at|on|to|for|with|by|near|against|and)\s+$", re.IGNORECASE
)
_AUXILIARY_RE = re.compile(r"\b(?:has|have|had|was|were|is|are|will|would)\s+\S+$")


def _verb(found: re.Match[str]) -> bool:
    """Whether the word after a name reads as a verb: after an auxiliary, ending in "-ed", or
    an irregular form ("Davis won"; not "Georgia national")."""
    word = found.group(1)
    return (
        past_form(word)
        or _AUXILIARY_RE.search(found.string[found.start() : found.end()]) is not None
    )


def subjects(text: str, known: frozenset[str] = frozenset()) -> list[Subject]:
    """The names of ``text`` that a verb follows, with the verb and what comes after it; a
    name after an article or a preposition is a description or a place, no subject ("A King
    Charles Spaniel suffered", "formerly of Brighton, was sentenced")."""
    out = []
    for name in _names(text, known):
        parts = _parts(name)
        found = _SUBJECT_RE.match(text, name.end)
        owner = _OWNER_BEFORE_RE.search(text[max(0, name.start - 60) : name.start])
        if owner is not None:  # "Ted Cruz's wife, Heidi, took": Heidi Cruz took
            found = _APPOSITIVE_SUBJECT_RE.match(text, name.end)
            parts |= frozenset(owner.group(1).lower().split())
        if found is None or text[name.end : name.end + 2] in ("'s", "\u2019s"):
            continue
        if _BEFORE_SUBJECT_RE.search(text[max(0, name.start - 12) : name.start]):
            continue
        verb = content_tokens(found.group(1))
        if not verb or not _verb(found):
            continue
        after = re.findall(r"[\w'\u2019-]+", text[found.end() :])[:PREDICATE]
        predicate = frozenset(t for w in after if w[:1].islower() for t in content_tokens(w))
        out.append(Subject(parts, verb[0], predicate, name))
    return out


# "Chris Christie's wife, Mary Pat, took": a name set off as the one a possessive describes
_OWNER_BEFORE_RE = re.compile(
    r"(?:^|[.!?]\s+)\W*((?:[A-Z][\w-]+\s+){0,2}[A-Z][\w-]+)['\u2019]s\s+[a-z]+(?:\s+[a-z]+)?,\s*$"
)
_APPOSITIVE_SUBJECT_RE = re.compile(
    r"\s*,\s*(?:(?:has|have|had|was|were|is|are|will|would|also|then|later|immediately|still)"
    r"\s+){0,2}([a-z]+)\b"
)


def swapped_subject(
    sentence: str, evidence: str, names: frozenset[str] = frozenset()
) -> Item | None:
    """A name that ``sentence`` makes do what its evidence says another name did ("bouchard
    won nine of the final 11 games" against "Davis won nine of the final 11 games"; "Tom
    Ballard, 32, was swept to her death" against "Alison Hargreaves, 32, was swept to her
    death"): the same verb with :data:`MIN_PREDICATE` of the words after it, a subject that
    shares no part with the sentence's, and the sentence's name not that verb's subject there.
    ``names``: name parts the source writes elsewhere (a first word is a name if it is one)."""
    known = names | frozenset(
        p for text in (sentence, evidence) for i in _name_items(text) for p in i.key
    )
    theirs = subjects(evidence, known)
    if not theirs:
        return None
    for ours in subjects(sentence, known):
        acts = [t for t in theirs if t.verb == ours.verb]
        if any(t.parts & ours.parts for t in acts):
            continue  # the evidence has this name do it too
        for t in acts:
            if len(t.predicate & ours.predicate) >= MIN_PREDICATE:
                item = ours.item
                return Item(MISATTRIBUTION, item.text, item.start, item.end, item.key)
    return None


# Phrases around one verb, within its clause: a comma, semicolon, colon, bracket, dash or a
# conjunction that opens a clause ends them.
_PHRASE_STOP_RE = re.compile(r"[,;:()\[\]]|\s[-\u2013\u2014]+\s|\b(?:which|who|that|and|but)\b")
_BE_BEFORE_RE = re.compile(r"\b(?:be|been|being|is|are|was|were|get|got)\s+(?:\w+\s+)?$")
PHRASE = 8  # words each side of the verb that name who acts and who is acted on
MIN_SIDE = 2  # content words each side must share with the other text's other side


def _sides(text: str, verb: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """Content stems before and after the one active use of ``verb`` (a stem) in ``text``,
    within its clause; None where the verb is not used once, or is passive ("was shoved by")."""
    uses = [
        m for m in re.finditer(r"[\w'\u2019-]+", text) if content_tokens(m.group(0))[:1] == [verb]
    ]
    if len(uses) != 1:
        return None
    m = uses[0]
    if _BE_BEFORE_RE.search(text[max(0, m.start() - 30) : m.start()]) or re.match(
        r"^\s+(?:\w+\s+)?by\b", text[m.end() : m.end() + 20]
    ):
        return None
    start = max((s.end() for s in _PHRASE_STOP_RE.finditer(text, 0, m.start())), default=0)
    stop = _PHRASE_STOP_RE.search(text, m.end())
    end = stop.start() if stop else len(text)
    before = re.findall(r"[\w'\u2019-]+", text[start : m.start()])[-PHRASE:]
    after = re.findall(r"[\w'\u2019-]+", text[m.end() : end])[:PHRASE]
    return _stems(before), _stems(after)


def _stems(words: list[str]) -> frozenset[str]:
    return frozenset(t for w in words for t in content_tokens(w))


def swapped_phrases(sentence: str, evidence: str) -> Item | None:
    """The verb of an act whose doer and receiver, told in common words rather than names,
    ``sentence`` and its ``evidence`` give the other way round ("a female Walmart employee
    shoved at least one member of the Gaver family" against "At least one member of the Gaver
    family shoved the female employee"): what comes before the verb in one comes after it in
    the other, :data:`MIN_SIDE` words each way, and the two share nothing on the same side."""
    for m in re.finditer(r"\b[a-z]+\b", sentence):
        word = m.group(0)
        if not past_form(word):
            continue
        verb = content_tokens(word)
        if not verb:
            continue
        ours, theirs = _sides(sentence, verb[0]), _sides(evidence, verb[0])
        if ours is None or theirs is None:
            continue
        (before, after), (their_before, their_after) = ours, theirs
        if (
            len(before & their_after) >= MIN_SIDE
            and len(after & their_before) >= MIN_SIDE
            and not before & their_before
            and not after & their_after
        ):
            return Item(MISATTRIBUTION, word, m.start(), m.end(), (verb[0],))
    return None


# "identified by poverty analysts at the Joseph Rowntree Foundation", "released -- by the tow
# company --": a verb, then its agent after "by" (a dash may stand between)
_BY_AGENT_RE = re.compile(
    r"\b([a-z]+)\s*(?:[-\u2013\u2014]+\s*)?\s+by\s+((?:[\w'\u2019&.-]+\s*){1,8})"
)
AGENT_WORDS = 3  # words before an active verb that name its doer
_ACTIVE_AGENT_RE = re.compile(rf"((?:[A-Z][\w'\u2019&.-]*\s+){{1,{AGENT_WORDS}}})([a-z]+)\b")


def _by_phrases(text: str) -> list[tuple[str, int, str]]:
    """(verb stem, start, phrase) of each past verb's agent after "by", cut at its clause."""
    out = []
    for m in _BY_AGENT_RE.finditer(text):
        verb = content_tokens(m.group(1))
        if verb and past_form(m.group(1)):
            phrase = _PHRASE_STOP_RE.split(m.group(2))[0].rstrip(" .")
            out.append((verb[0], m.start(2), phrase))
    return out


def _by_agents(text: str) -> dict[str, frozenset[str]]:
    """Verb stem -> content stems of its agent after "by"; an indefinite agent ("captured by
    an amateur photographer") is left out: someone the text may name elsewhere."""
    return {
        verb: agent
        for verb, _, phrase in _by_phrases(text)
        if not re.match(r"(?:a|an|one|some)\s", phrase, re.IGNORECASE)
        and (agent := _stems(phrase.split()))
    }


def other_agent(sentence: str, evidence: str) -> Item | None:
    """The doer ``sentence`` gives an act whose doer ``evidence`` names after "by", and who is
    another and not in the evidence at all ("The video was released by ESPN" against "The
    video that was released -- by the tow company --"; "Prudential identified £9,500 as the
    minimum income" against "the level identified by poverty analysts at the Joseph Rowntree
    Foundation"): the act given to someone else the article names."""
    theirs = _by_agents(evidence)
    if not theirs:
        return None
    everything = _stems(re.findall(r"[\w'\u2019&.-]+", evidence))
    for verb, (start, end, agent) in _agents(sentence).items():
        their_agent = theirs.get(verb)
        if their_agent is None or not agent or agent & their_agent or agent & everything:
            continue
        return Item(MISATTRIBUTION, sentence[start:end], start, end, tuple(sorted(agent)))
    return None


def _agents(text: str) -> dict[str, tuple[int, int, frozenset[str]]]:
    """Verb stem -> (start, end, content stems) of its doer in ``text``: the phrase after "by"
    in a passive, or the few capitalised words right before an active verb ("Prudential
    identified"); a lower-case subject ("the level identified") names no one."""
    out = {
        verb: (start, start + len(phrase), _stems(phrase.split()))
        for verb, start, phrase in _by_phrases(text)
    }
    for m in _ACTIVE_AGENT_RE.finditer(text):
        word = m.group(2)
        verb = content_tokens(word)
        if not verb or verb[0] in out or not past_form(word):
            continue
        if re.match(r"\s+by\b", text[m.end() :]):
            continue
        phrase = m.group(1).rstrip()
        out[verb[0]] = (m.start(1), m.start(1) + len(phrase), _stems(phrase.split()))
    return out


# "Carmello Merlino and Robert Gentile have died": two names joined by "and", then the verb
_PAIR_GAP_RE = re.compile(r"^\s*(?:,\s*)?and\s+$")
_PAIR_VERB_RE = re.compile(
    r"^\s+(?:(?:has|have|had|was|were|is|are|will|would|both|also)\s+){0,2}([a-z]+)\b"
)


def _pairs(text: str, known: frozenset[str]) -> list[tuple[frozenset[str], frozenset[str], str]]:
    """(first name's parts, second name's parts, verb stem) of each "A and B VERB" in text."""
    names = _names(text, known)
    out = []
    for a, b in zip(names, names[1:], strict=False):
        if not _PAIR_GAP_RE.match(text[a.end : b.start]):
            continue
        verb = _PAIR_VERB_RE.match(text[b.end :])
        stems = content_tokens(verb.group(1)) if verb else []
        if stems:
            out.append((_parts(a), _parts(b), stems[0]))
    return out


def swapped_partner(sentence: str, evidence: str) -> Item | None:
    """The partner in "A and B VERB" that ``evidence`` replaces with another name ("Carmello
    Merlino and Robert Gentile have died" against "Merlino and Guarente have died"; Gentile,
    named in the article, is alive): one name shared, the same verb, the other name absent
    from the evidence."""
    names = list(_name_items(sentence))
    known = frozenset(p for i in names for p in i.key) | frozenset(
        p for i in _name_items(evidence) for p in i.key
    )
    theirs = _pairs(evidence, known)
    if not theirs:
        return None
    everything = frozenset(p for i in _names(evidence, known) for p in _parts(i))
    for a, b, verb in _pairs(sentence, known):
        for x, y, their_verb in theirs:
            if verb != their_verb:
                continue
            for ours, partner in ((a, b), (b, a)):
                if ours & (x | y) and not partner & everything:
                    item = next(i for i in _names(sentence, known) if _parts(i) == partner)
                    return Item(MISATTRIBUTION, item.text, item.start, item.end, item.key)
    return None


_POSSESSIVE_RE = re.compile(r"\b(his|her)\s+([\w'\u2019-]+\s+[\w'\u2019-]+)", re.IGNORECASE)
_OTHER_POSSESSOR = {"his": "her", "her": "his"}


def _possessions(text: str) -> set[tuple[str, str]]:
    """(possessor, the two words after it) for every "his X Y" and "her X Y" of ``text``."""
    return {
        (m.group(1).lower(), " ".join(m.group(2).lower().split()))
        for m in _POSSESSIVE_RE.finditer(text)
    }


def swapped_possessor(
    sentence: str, evidence: str, source_says: Callable[[str], bool]
) -> Item | None:
    """The owner of a thing given the other gender ("asked him to change her Facebook
    password" against the evidence's "asked her to change his Facebook password"): the
    evidence writes the same two words after the other pronoun, and the source never after
    this one. A pronoun stands for one of the people the sentence names, so the thing is
    given to the wrong one."""
    theirs = _possessions(evidence)
    if not theirs:
        return None
    for m in _POSSESSIVE_RE.finditer(sentence):
        owner, words = m.group(1).lower(), " ".join(m.group(2).lower().split())
        if not content_tokens(words):
            continue  # "her own", "his the": the words say nothing about what is owned
        if (_OTHER_POSSESSOR[owner], words) in theirs and (owner, words) not in theirs:
            if not source_says(f"{owner} {words}"):
                return Item(MISATTRIBUTION, m.group(0), m.start(), m.end(), (owner, words))
    return None


_MODIFIED_RE = re.compile(
    r"\b(?:a|an|the|by|of|for|from|with|to|in|at)\s+([A-Z][a-z]+)\s+([a-z]+(?:\s+[a-z]+)+)\b"
)
_OPENING_RE = re.compile(r"^\W*\w+")  # the capital of a sentence's first word names nothing
MODIFIER_REACH = 4  # words before the evidence's head where its own modifier may be


def other_modifier(sentence: str, evidence: str) -> Item | None:
    """A name that describes a thing the evidence describes with another name ("found by an
    Indian rescue team" against "a French search and rescue team found him"; the Indian team
    freed someone else): the evidence writes the same two last words, a capitalised word
    shortly before them, and not the sentence's name anywhere. The name follows an article
    or a preposition and the words after it are no verb ("Noah Monte started performing" is
    a name and an act)."""
    for m in _MODIFIED_RE.finditer(sentence):
        name = m.group(1)
        if name in evidence:
            continue
        words = m.group(2).split()
        head = " ".join(words[-2:])
        if len(content_tokens(head)) < 2 or any(past_form(w) or w.endswith("ing") for w in words):
            continue  # "Indian rescue team": the head's words say which thing it is
        for found in re.finditer(rf"\b{re.escape(head)}\b", evidence):
            before = _OPENING_RE.sub("", evidence[: found.start()]).split()[-MODIFIER_REACH:]
            if any(w[:1].isupper() and w.isalpha() and w != name for w in before):
                return Item(MISATTRIBUTION, name, m.start(1), m.end(1), (name.lower(),))
    return None
