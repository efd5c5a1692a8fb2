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
from typing import NamedTuple

from precis.abstractive.claims import FILLERS, NAME, TITLES, Item, extract_items
from precis.abstractive.placement import MISATTRIBUTION
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


_FIRST_RE = re.compile(r"^\W*([A-Z][\w'\u2019-]+)")


def _names(text: str, known: frozenset[str]) -> list[Item]:
    """The names of ``text``, and its first word where the other text names it ("Bowe beat
    Holyfield" against "Holyfield beat Bowe": a first word is no name on its own)."""
    names = [i for i in extract_items(text) if i.kind == NAME]
    first = _FIRST_RE.match(text)
    if (
        first
        and first.group(1).lower() in known
        and not any(i.start <= first.start(1) for i in names)
    ):
        word = first.group(1)
        names.insert(0, Item(NAME, word, first.start(1), first.end(1), (word.lower(),)))
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
    ours_names = frozenset(p for i in extract_items(sentence) if i.kind == NAME for p in i.key)
    their_names = frozenset(p for i in extract_items(evidence) if i.kind == NAME for p in i.key)
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
