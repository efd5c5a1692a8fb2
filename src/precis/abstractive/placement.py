"""Facts the source states, put on the wrong event: moved names and values (issue 16).

Real models rarely invent a name or a number out of nothing; they take one the article states
and attach it to another event: a quote given to another person the article names ("Nick Loeb
said ..." for Dr. Tourgeman's words), the victim's age at the verdict given for his age at the
bombing, the day of the court appearance given for the day of the arrest. A lookup anywhere in
the source (:mod:`precis.abstractive.facts`) finds each of them. Here they are looked up where
the summary sentence's evidence is, once the sentence aligns well enough to say which source
sentences those are:

- **misattribution**: a name the sentence makes speak or act (a verb follows it, or it follows
  "said" or "according to") that the evidence places elsewhere. Words said: the evidence names
  its speaker ("X said", or, for a quotation that goes on or a "he said", the person named
  just before) and the name is not that speaker. Acts: neither the evidence sentence, the one
  after nor the few before it (whose names a "he" refers to) mention the name; names the
  article repeats everywhere or opens with (its subject) are left out here, as a pronoun may
  stand for them anywhere.
- **circumstance**: a number, year, month, weekday or clock time that the evidence does not
  state while it states another of the same kind next to the same words ("arrested on Monday"
  against the evidence's "arrested Sunday"; "was 21 at the time" against "was 19 at the time").

No parser and no model: a coreference resolver would say whom "he" means better than "the
person named just before", and none is in the core install. The rules stay narrow, and are measured as issue 16 asks: on the hand-written
twins of ``tests/fixtures/guard/twins.jsonl``, on FRANK's labels and on the synthetic bench.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from precis.abstractive.claims import (
    DATE,
    FILLERS,
    NAME,
    NUMBER,
    SPEECH_VERBS,
    TITLES,
    Item,
    extract_items,
    normalised_names,
)
from precis.abstractive.verbs import past_form
from precis.document import Document
from precis.extractive.features import content_tokens

if TYPE_CHECKING:
    from precis.abstractive.align import Aligner

MISATTRIBUTION = "misattribution"
CIRCUMSTANCE = "circumstance"
MIN_SCORE = 0.4  # alignment a sentence needs before its evidence says where its facts belong
LOOKBACK = 2  # sentences before an evidence sentence whose names it may refer to
PERVASIVE = 0.2  # a name in this share of the source's sentences or more is its subject
APPROX = 0.1  # "about 20" and "nearly 20" match values within 10%
LEAD = 2  # the source's first sentences name its subject, whom a pronoun may mean anywhere
MIN_TERMS = 4  # content words the rest of the sentence needs to say which event it is about
MIN_SPEECH_SCORE = 0.3  # alignment that places the words a summary gives a speaker
MIN_SPEECH_TERMS = 3  # ... and the content words they need
MIN_VALUE_TERMS = 2  # ... for a value, which its slot's words place too
MIN_VALUE_SCORE = 0.25  # ... and the alignment a value needs, for the same reason
MIN_BOUND_SCORE = 0.3  # alignment of a sentence (names kept) that says where its values belong
MIN_BOUND = 2  # words a value's neighbourhood must share with the evidence's rival value
BOUND_RATIO = 1.5  # ... and this many times as many as any statement of the value itself
MIN_PLACE_WORDS = 3  # words around a place its rival must share, at least
SPELLING = 0.75  # two given names this alike (difflib's ratio) may be one name spelled twice
MIN_ONE_EVENT_SCORE = 0.5  # alignment that says the evidence states the sentence's one event
MIN_ONE_EVENT_TERMS = 6  # ... and the content words that alignment needs
MIN_DESCRIBED_SCORE = 0.2  # ... and for the words of a described speaker, with its verb
MIN_CLAIM_TERMS = 3  # content words a claim needs for its own sentence to be found
MIN_CLAIM_SCORE = 0.45  # ... and how well that sentence must state it
CLAIM_PREFIX = 30  # characters before a speaker who opens the sentence ("According to ...")
NEIGHBOURHOOD = 6  # words each side of a value that say what it is about
# A name is the one who said or did something when a verb follows it (after an appositive or
# an "of the ..." phrase) or it follows "said", "according to" or a passive's "by"; a name
# before a noun ("the Blackburn boss", "MLS side") or after "in" is a place or a modifier.
_VERB_AFTER_RE = re.compile(
    r"^(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'’.&-]*\s*)+)?\s*(?:,[^,]{1,80},)?\s*"
    r"(?:has|have|had|was|were|is|are|will|would|could|can|may|might|did|does|do|also|then|"
    r"later|took|told|said|says|won|made|gave|got|went|came|wrote|saw|thought|felt|left|"
    r"found|knew|became|began|brought|bought|sold|paid|met|ran|kept|held|led|lost|[a-z]+ed)\b"
)
# claims' verbs of saying, less the ones that are as often nouns in running text ("the United
# States", "notes", "posts", "claims"), a paper's "reported" (it relays what someone said:
# "..., the People's Daily reported" does not say who spoke), and the passive "believed" and
# "thought" ("who is believed to live in Canada"), plus ones a summary puts words in a mouth with
_NOT_SAYING = {"states", "notes", "reports", "reported", "posts", "claims", "believed", "thought"}
_SAYING = (SPEECH_VERBS - _NOT_SAYING) | {
    "described",
    "called",
    "compared",
    "recommended",
}
_SPEECH_VERBS = "(?:" + "|".join(sorted(_SAYING, key=len, reverse=True)) + ")"
_SPEECH_RE = re.compile(r"\b" + _SPEECH_VERBS + r"\b|\baccording to\b")
_PRONOUN_SPEAKER_RE = re.compile(
    r"\b(?:(?:he|she)\s+" + _SPEECH_VERBS + r"|" + _SPEECH_VERBS + r"\s+(?:he|she))\b",
    re.IGNORECASE,
)
_CLAUSE_END_RE = re.compile(r"^['’]?s?\s*(?:[,.;:!?)—-]|$)")
_SPEECH_AFTER_RE = re.compile(
    r"^(?:\s+of\s+(?:the\s+)?(?:[\w'’.&-]+\s+){0,8}?(?=[a-z]+\b))?\s*(?:,[^,]{1,80},)?\s*"
    r"(?:also\s+|later\s+|then\s+|has\s+|had\s+)?" + _SPEECH_VERBS + r"\b"
)
_SPEECH_BEFORE_RE = re.compile(
    r"(?:\b" + _SPEECH_VERBS + r"\s+|\b[Aa]ccording to\s+)"
    r"(?:[A-Z][\w-]*['’]s\s+)?(?:[a-z]+\s+){0,3}$"  # "according to Altice's attorney Ed Brass"
)
_COUNT = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|every"
_PLACE_BEFORE_RE = re.compile(r"\b(?:of|from|in|at|near|to)\s+(?:the\s+)?$", re.IGNORECASE)
_PAIRED_RE = re.compile(r"\band\s+$|&\s*$")
_ROLE_RE = re.compile(r"PM|MP|MPs|CEO|[A-Z][a-z]+(?:man|woman|men|women)")
_AGENT_BEFORE_RE = re.compile(
    r"(?:\b(?:said|says|told|added|according to|by|wrote|claimed|insisted)\s+)$", re.IGNORECASE
)


_QUOTE_OPENERS = ("'", '"', "‘", "“")
# the sentence before opens a quotation after its verb of saying and does not close it:
# "X said: 'By her letter Ms Ratcliffe is aware of the proceedings."
_QUOTE_OPEN_AT_END_RE = re.compile(
    r"\b" + _SPEECH_VERBS + r"\b[^'\"‘’“”]{0,40}[:,]\s*['\"‘“][^'\"’”]*$"
)


# a speaker given by a description, the sentence's subject: "The director of the animal
# shelter said ...", "..., the spokesman told"; its head is the noun after the article
_DESCRIBED_SPEAKER_RE = re.compile(
    r"(?:^|[,;:]\s+|\b(?:and|but)\s+)(?:[Tt]he|[Aa]n?)\s+(?:[a-z-]+\s+){0,2}?(?P<head>[a-z]+)"
    r"(?:\s+(?:of|for|at|from)\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){1,4}?)?\s*"
    r"(?:also\s+|later\s+)?" + _SPEECH_VERBS + r"\b",
)
# heads that say nothing of who spoke ("the statement said", "the memo warns")
_NOT_HEADS = frozenset(
    "statement report letter document study survey court paper website post memo "
    "memorandum message note email complaint affidavit filing release reports analysis "
    "research poll data figures book article review investigation inquiry ruling "
    "warning guidance policy law bill plan agreement deal".split()
)
# a name that ends in one of these is a body, not a person a description stands for
_BODY_WORDS = frozenset(
    "service trust council party union association agency department ministry office "
    "committee commission company group foundation institute university college school "
    "club team league board bank court police army force".split()
)


# where something happened ("in Cottonwood"): narrower than _PLACE_BEFORE_RE, whose "of",
# "from" and "to" say whose or which way, not where an event was
_PLACE_PREPOSITION_RE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")


# a sentence that closes a quotation: a closing mark after its last punctuation
_QUOTE_CLOSED_RE = re.compile(r"[.!?,]['’\"”]\s*$")
SUBJECT_START = 8  # characters before a name that opens its sentence ("Mr ", "Simon ")
_SUBJECT_OPENS_RE = re.compile(r"^\W*[A-Z]")
MAX_QUOTATION = 8  # sentences one quotation runs to, at most, for its speaker to be found


class Placement:
    """Names and values of one source document, per sentence, for moved-fact checks."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._tokens: list[frozenset[str]] | None = None  # built on first use
        self._counts: dict[str, int] = {}
        self._items: dict[int, list[Item]] = {}
        self._names: dict[str, set[str]] | None = None  # built on first use
        self._all_values: list[tuple[int, Item]] | None = None  # built on first use
        self._lower: frozenset[str] | None = None  # built on first use
        self._phrases: dict[tuple[str, str], list[frozenset[str]]] | None = None  # first use
        self._phrases_of: dict[str, set[tuple[str, str]]] = {}  # name part -> its phrases
        self._acts: dict[str, list[Item]] | None = None  # built on first use

    def moved(self, sentence: str, items: Sequence[Item], aligner: Aligner) -> list[Item]:
        """The sentence's names and values that the source places elsewhere, re-kinded as
        :data:`MISATTRIBUTION` or :data:`CIRCUMSTANCE` (:meth:`_moved_items`), else a phrase
        the source gives only to other people (:meth:`_phrase_of_another`)."""
        out = self._moved_items(sentence, items, aligner)
        if not out:
            other = self._phrase_of_another(sentence, items) or self._described_speaker_elsewhere(
                sentence, aligner
            )
            out = [other] if other is not None else []
        return out

    def _described_speaker_elsewhere(self, sentence: str, aligner: Aligner) -> Item | None:
        """A speaker given by a description of two words or more ("..., the tow company
        announced") whose words the sentence that states them gives to a named speaker
        ("ESPN, meanwhile, announced that McHenry would be suspended for a week") that the
        source never describes so: the words put in the mouth of another the article names.
        One-word descriptions ("the company said") are left alone: they may stand for anyone."""
        said = _DESCRIBED_SPEAKER_RE.search(sentence)
        if said is None:
            return None
        verb = _SPEECH_RE.search(sentence, said.start("head"))
        if verb is None:
            return None
        start = said.start() + len(said.group(0)) - len(said.group(0).lstrip(",;: "))
        described = set(content_tokens(sentence[start : verb.start()]))
        if len(described) < 2 or described & _NOT_HEADS:
            return None
        claim = sentence[: said.start()] + " " + sentence[verb.end() :]
        if len(content_tokens(claim)) < MIN_SPEECH_TERMS:
            return None
        # the claim with its verb of saying ("announced"): the statement is the evidence
        # sentence that says it with the same verb
        alignment = aligner.align([claim + " " + verb.group(0)], max_evidence=2, related=0)[0]
        if alignment.score < MIN_DESCRIBED_SCORE:
            return None
        said_so = re.compile(rf"\b{re.escape(verb.group(0))}\b")
        stated = [e for e in alignment.evidence if said_so.search(self._doc.sentences[e].text)]
        if len(stated) != 1:
            return None
        e = stated[0]
        speakers, own = self._speakers([e])
        if not speakers or not own or described & set(content_tokens(self._doc.sentences[e].text)):
            return None
        linked = {q for p in speakers for q in self._linked(p)}
        tokens = self._sentence_tokens()
        for j, sent in enumerate(self._doc.sentences):
            if linked & tokens[j] and _described_beside(sent.text, linked, described):
                return None  # the source describes the speaker so ("ESPN, the sports network")
        key = tuple(sorted(described))
        return Item(MISATTRIBUTION, sentence[start : verb.end()], start, verb.end(), key)

    def _moved_items(self, sentence: str, items: Sequence[Item], aligner: Aligner) -> list[Item]:
        """The sentence's names and values that the source places elsewhere.

        Where they belong is the one source sentence that best matches the rest of the sentence
        (its names and values blanked out): with them, the swapped name itself would pull in the
        sentence that names its owner."""
        checked = [i for i in items if i.kind in (NAME, NUMBER, DATE)]
        if not checked:
            return []
        claimed = self._claim_given_elsewhere(sentence, checked, aligner)
        if claimed is not None:
            return [dataclasses.replace(claimed, kind=MISATTRIBUTION)]
        rest = sentence
        for item in sorted(checked, key=lambda i: i.start, reverse=True):
            rest = rest[: item.start] + " " + rest[item.end :]
        terms = len(content_tokens(rest))
        if terms < MIN_VALUE_TERMS:
            return []
        # "Tamang has turned herself into 's character": too little left to place a name by;
        # a value has its slot's words to go by ("was [21] at the time of the bombing")
        names = terms >= MIN_TERMS
        alignment = aligner.align([rest], max_evidence=1, related=0)[0]
        values = [i for i in checked if i.kind in (NUMBER, DATE)]
        if not alignment.evidence or alignment.score < MIN_VALUE_SCORE:
            # the rest alone places nothing ("Authorities caught on after [] claimed her []
            # marriage to [] was her first"): with its names, it may place its values
            bound = self._value_evidence(sentence, values, aligner) if values else []
            return [
                dataclasses.replace(item, kind=CIRCUMSTANCE)
                for item in values
                if self._value_conflicts(sentence, item, bound)
            ]
        # who said it: a verb of saying in the evidence marks it as the statement, so a
        # speaker is placed with less of the rest matched than an act is
        speakers = [i for i in checked if i.kind == NAME and _speaks(sentence, i)]
        speech = (
            alignment.score >= MIN_SPEECH_SCORE
            and terms >= MIN_SPEECH_TERMS
            and len(speakers) == 1  # "Ben Elton told ... Eddie Izzard said ...": whose is which?
        )
        names = names and alignment.score >= MIN_SCORE
        evidence = alignment.evidence
        bound = self._value_evidence(sentence, values, aligner) if values else []
        out = []
        for item in checked:
            if item.kind == NAME and (
                (
                    names
                    and _agent(sentence, item)
                    and self._name_elsewhere(sentence, item, evidence)
                )
                or (speech and _speaks(sentence, item) and self._other_speaker(item, evidence))
                or (names and _agent(sentence, item) and self._other_given_name(item, evidence))
            ):
                out.append(dataclasses.replace(item, kind=MISATTRIBUTION))
            elif (
                item.kind == NAME
                and names
                and self._place_bound_elsewhere(sentence, item, evidence, checked)
            ):
                out.append(dataclasses.replace(item, kind=CIRCUMSTANCE))  # the place moved
            elif item.kind in (NUMBER, DATE) and (
                self._value_conflicts(sentence, item, evidence)
                or self._value_conflicts(sentence, item, bound)
                or (
                    alignment.score >= MIN_ONE_EVENT_SCORE
                    and terms >= MIN_ONE_EVENT_TERMS
                    and self._one_date_differs(sentence, item, evidence, values)
                )
                or self._value_bound_elsewhere(sentence, item, bound, values)
                or self._year_of_another_act(sentence, item)
            ):
                out.append(dataclasses.replace(item, kind=CIRCUMSTANCE))
        return out

    def _phrase_of_another(self, sentence: str, named: Sequence[Item]) -> Item | None:
        """A phrase ("in the abdomen") that the source gives only to other people, in clauses
        that name them, while it gives the sentence's person the same preposition with another
        word ("Sgt Daniels was shot in the leg, while David Gaver was hit in the abdomen"
        against "Sgt Jeremy Daniels took a bullet in the abdomen"): a circumstance moved from
        one person to another. The sentence's person is each name it gives (every part found in
        the source); the source's clauses end at a comma, semicolon, colon or a "while",
        "whereas", "but" or "and"."""
        people = [
            {p for p in i.key if p not in FILLERS and p not in TITLES and len(p) > 1}
            for i in named
            if i.kind == NAME
        ]
        people = [parts for parts in people if parts and all(self._counts_of(q) for q in parts)]
        if not people:
            return None
        ours = set().union(*people)
        for m in _BOUND_PHRASE_RE.finditer(sentence):
            prep, noun = m.group(1).lower(), m.group(2).lower()
            holders = self._phrase_clauses().get((prep, noun), [])
            if not holders or any(not names or names & ours for names in holders):
                continue  # a clause gives it no one, or the sentence's person
            if any(
                p == prep and other != noun
                for part in ours
                for p, other in self._phrases_of.get(part, ())
            ):
                return Item(CIRCUMSTANCE, m.group(0), m.start(), m.end(), (prep, noun))
        return None

    def _counts_of(self, part: str) -> int:
        self._sentence_tokens()
        return self._counts.get(part, 0)

    def _phrase_clauses(self) -> dict[tuple[str, str], list[frozenset[str]]]:
        """(preposition, noun) -> the name parts of each source clause that writes "PREP the
        NOUN" (built on first use)."""
        if self._phrases is None:
            self._phrases = {}
            for j, sent in enumerate(self._doc.sentences):
                text = sent.text
                names = [i for i in self.items(j) if i.kind == NAME]
                bounds = [0, *(m.end() for m in _BOUND_CLAUSE_RE.finditer(text)), len(text)]
                for start, end in zip(bounds, bounds[1:], strict=False):
                    clause = (
                        frozenset(p for i in names if start <= i.start < end for p in i.key)
                        - FILLERS
                        - TITLES
                    )
                    for m in _BOUND_PHRASE_RE.finditer(text, start, end):
                        key = (m.group(1).lower(), m.group(2).lower())
                        self._phrases.setdefault(key, []).append(clause)
                        for part in clause:
                            self._phrases_of.setdefault(part, set()).add(key)
        return self._phrases

    def _name_elsewhere(self, sentence: str, item: Item, evidence: Sequence[int]) -> bool:
        """Whether the evidence gives the name's words to another named speaker, or (an act)
        does not mention the name near it at all (see the module's docstring)."""
        tokens = self._sentence_tokens()
        parts = [p for p in item.key if p not in FILLERS and p not in TITLES and len(p) > 1]
        found = [p for p in parts if self._counts.get(p, 0)]
        if not found or len(found) < len(parts):
            return False  # a name the source lacks is the lookup's to flag, not this check's
        near = self._near(evidence)
        if _speaker(sentence, item):  # who said it: the evidence names its own speaker
            speakers, own = self._speakers(evidence)
            if speakers and any(q in speakers for p in found for q in self._linked(p)):
                return False  # the very speaker, however far back the quotation opened
            if speakers:
                # said in the evidence sentence itself: the speaker must be there; said
                # before it (a quotation that goes on): the name must at least be near
                # before it, not after: the one named after a quotation says the next thing
                there = (
                    set().union(*(tokens[e] for e in evidence))
                    if own
                    else self._near(evidence, after=0)
                )
                return not any(q in there for p in found for q in self._linked(p))
        pervasive = PERVASIVE * len(tokens)
        lead = frozenset().union(*tokens[:LEAD])
        if any(self._counts[p] >= pervasive or p in lead for p in found):
            return False
        return not any(q in near for p in found for q in self._linked(p))

    def _other_speaker(self, item: Item, evidence: Sequence[int]) -> bool:
        """Whether the evidence sentence names who says it ("..., NASA said") and the name is
        not that speaker (nor, where the sentence has several verbs of saying, any name in
        it): the words given to another person or body. Only a speaker the evidence itself names counts here, where less of the
        sentence need match (:data:`MIN_SPEECH_SCORE`): a "he said" is left to
        :meth:`_name_elsewhere`."""
        tokens = self._sentence_tokens()  # counts the source's name parts on first use
        parts = [p for p in item.key if p not in FILLERS and p not in TITLES and len(p) > 1]
        if not parts or any(not self._counts.get(p, 0) for p in parts):
            return False
        speakers, own = self._speakers(evidence)
        if not speakers:
            return self._described_otherwise(parts, evidence)
        if not (own or self._quotation_goes_on(evidence)):
            return False
        there = set(speakers)
        for e in evidence:
            if len(_SPEECH_RE.findall(self._doc.sentences[e].text)) > 1:
                there |= tokens[e]  # several say something ("The promoter says ... Ellerbe
                # said that Arum ..."): any name in it may be a speaker
        return not any(q in there for p in parts for q in self._linked(p))

    def _place_bound_elsewhere(
        self, sentence: str, item: Item, evidence: Sequence[int], named: Sequence[Item]
    ) -> bool:
        """Whether a place ("in Cottonwood") is where the evidence puts another place with
        the same words around it clearly more (:func:`_clearly_more`) than the source puts
        this one anywhere ("sometimes played outside a grocery store in Cottonwood" against
        "sometimes played outside a grocery store in Boise", Cottonwood being where the brawl
        was): the place of another event, found as :meth:`_value_bound_elsewhere` finds a
        value."""
        place = _PLACE_PREPOSITION_RE.search(sentence[max(0, item.start - 6) : item.start])
        if place is None:
            return False
        parts = [p for p in item.key if p not in FILLERS and p not in TITLES and len(p) > 1]
        tokens = self._sentence_tokens()
        if not parts or any(not self._counts.get(p, 0) for p in parts):
            return False
        around = _neighbours(sentence, item)
        if len(around) < MIN_PLACE_WORDS:
            return False
        mine = {q for p in parts for q in self._linked(p)}
        others = {p for i in named for p in i.key}  # places the sentence names itself
        rival = 0
        for e in evidence:
            text = self._doc.sentences[e].text
            for other in self.items(e):
                if (
                    other.kind != NAME
                    or mine & set(other.key)
                    or others & set(other.key)
                    or not _PLACE_PREPOSITION_RE.search(text[max(0, other.start - 6) : other.start])
                ):
                    continue
                words = _neighbours(text, other)
                if words & set(content_tokens(" ".join(parts))):
                    continue  # "in Biggin Hill, Kent": the one place inside the other
                rival = max(rival, len(around & words))
        if rival < MIN_PLACE_WORDS:
            return False
        return all(
            _clearly_more(rival, len(around & _neighbours(self._doc.sentences[j].text, own)))
            for j in range(len(tokens))
            if all(p in tokens[j] for p in parts)
            for own in self.items(j)
            if own.kind == NAME and set(parts) <= {q for p in own.key for q in self._linked(p)}
        )

    def _other_given_name(self, item: Item, evidence: Sequence[int]) -> bool:
        """Whether the evidence names another person of the same family name, and not this
        one ("his brother Ahmed Ali Omar threatened them" against the evidence's "another
        brother, Mohamed Ali Omar, threatened them"): a relative put in another's place."""
        parts = [p for p in item.key if p not in FILLERS and p not in TITLES and len(p) > 1]
        if len(parts) < 2:
            return False
        tokens = self._sentence_tokens()
        there = set().union(*(tokens[e] for e in evidence))
        if parts[0] in there:
            return False
        return any(
            other.kind == NAME
            and len(other.key) >= 2
            and other.key[-1] == parts[-1]
            and other.key[0] not in (parts[0], *FILLERS, *TITLES)
            # "Trussell Trust" against the source's "Trussel Trust": a spelling, not a person
            and SequenceMatcher(None, other.key[0], parts[0]).ratio() < SPELLING
            for e in evidence
            for other in self.items(e)
        )

    def _claim_given_elsewhere(
        self, sentence: str, checked: Sequence[Item], aligner: Aligner
    ) -> Item | None:
        """The one speaker of "X said CLAIM" (or "CLAIM, X said", "according to X, CLAIM")
        when the source sentence that best states the claim alone names another speaker
        (:meth:`_other_speaker`). The claim is aligned without the speaker's name and
        description ("Brian Domonkos of the U.S. Department of Agriculture snow survey said
        Colorado has four seasons in one day": the snow survey's words would pull in
        Domonkos's own sentence, not the one that says who spoke of four seasons)."""
        speakers = [i for i in checked if i.kind == NAME and _speaks(sentence, i)]
        if len(speakers) != 1:
            return None
        item = speakers[0]
        if len(item.key) == 1 and item.key[0] in self._lower_words():
            return None  # "Defeat recalls ...": a word the source writes in lower case
        claim = _claim(sentence, item)
        if claim is None or len(content_tokens(claim)) < MIN_CLAIM_TERMS:
            return None
        alignment = aligner.align([claim], max_evidence=1, related=0)[0]
        if not alignment.evidence or alignment.score < MIN_CLAIM_SCORE:
            return None
        return item if self._other_speaker(item, alignment.evidence) else None

    def _lower_words(self) -> frozenset[str]:
        """Words the source writes in lower case (built on first use)."""
        if self._lower is None:
            self._lower = frozenset(re.findall(r"\b[a-z][a-z'’-]*\b", self._doc.text))
        return self._lower

    def _described_otherwise(self, parts: Sequence[str], evidence: Sequence[int]) -> bool:
        """Whether the one evidence sentence gives its words to a description ("The director
        of the animal shelter said ...") that no sentence of the source gives this name
        ("Veterinarian Lucyna Kuziel-Zawalich"): the words put in the mouth of someone else
        the article names. The description's head word stands for it (director); a name the
        source ever writes beside it may be the one it describes."""
        if len(evidence) != 1 or len(parts) < 2 or parts[-1] in _BODY_WORDS:
            return False  # a person's full name: "Student said" opening a lower-cased
            # summary is a description itself, "Research Service" a body
        text = self._doc.sentences[evidence[0]].text
        said = _DESCRIBED_SPEAKER_RE.search(text)
        if said is None or len(_SPEECH_RE.findall(text)) > 1:
            return False
        head = content_tokens(said.group("head"))
        if len(head) != 1 or head[0] in _NOT_HEADS:
            return False
        tokens = self._sentence_tokens()
        linked = {q for p in parts for q in self._linked(p)}
        for j, toks in enumerate(tokens):
            if linked & toks and head[0] in content_tokens(self._doc.sentences[j].text):
                return False
        return True

    def _quotation_goes_on(self, evidence: Sequence[int]) -> bool:
        """Whether the one evidence sentence opens with a quotation mark and goes on the
        quotation of the sentence before, which names its speaker itself ("Panel chairman Gary
        Leong said: 'By her letter ...' | 'She has voluntarily absented herself."): whose
        words these are is as plain as an "X said" in the sentence."""
        if len(evidence) != 1 or evidence[0] == 0:
            return False
        e = evidence[0]
        text = self._doc.sentences[e].text.lstrip()
        if not text.startswith(_QUOTE_OPENERS) or _SPEECH_RE.search(text):
            return False
        before = self._doc.sentences[e - 1].text
        return _QUOTE_OPEN_AT_END_RE.search(before) is not None and self._speakers([e - 1])[1]

    def _linked(self, part: str) -> set[str]:
        """The part and every part of a full name it is written in somewhere in the source
        ("tom" -> tom, ballard where the source names "Tom Ballard"): "Mr Ballard told" is
        Tom's saying."""
        if self._names is None:
            self._names = {}
            for j in range(len(self._doc.sentences)):
                for i in self.items(j):
                    if i.kind == NAME and len(i.key) > 1:
                        for q in i.key:
                            self._names.setdefault(q, set()).update(i.key)
        return self._names.get(part, set()) | {part}

    def _near(self, evidence: Sequence[int], after: int = 1) -> set[str]:
        """Name parts of the evidence sentences, the ``after`` ones after each, and the few
        before."""
        tokens = self._sentence_tokens()
        near: set[str] = set()
        for e in evidence:
            for j in range(max(0, e - LOOKBACK), min(len(tokens), e + 1 + after)):
                near |= tokens[j]
        return near

    def _speakers(self, evidence: Sequence[int]) -> tuple[set[str], bool]:
        """Name parts of whoever the evidence sentences quote, and whether each evidence
        sentence names its own: their "X said", or, for a quotation that goes on without a
        verb of saying, the name in the nearest sentence before that has one. Empty when a
        speaker is not named ("he said", "the minister told")."""
        out: set[str] = set()
        own = True
        for e in evidence:
            for j in range(e, max(-1, e - LOOKBACK - 1), -1):
                text = self._doc.sentences[j].text
                if not _SPEECH_RE.search(text):
                    continue
                items = [i for i in self.items(j) if i.kind == NAME and _speaker(text, i)]
                if not items and _PRONOUN_SPEAKER_RE.search(text):
                    items = self._antecedent(j)  # "..., he said": the last one named before
                    own = False
                if not items:
                    return set(), False
                out.update(p for i in items for p in i.key if p not in FILLERS | TITLES)
                own = own and j == e
                break
            else:
                opened = self._quotation_opened(e)
                if opened is not None and opened > 0 and opened < e - LOOKBACK:
                    # a quotation longer than the look back: its speaker is the one of the
                    # sentence before it opened ("..., he said. | 'If he has ... | He is
                    # bringing the House of Lords into disrepute.'")
                    found, _ = self._speakers([opened - 1])
                    if not found:
                        return set(), False
                    out.update(found)
                own = False
        return out, own

    def _quotation_opened(self, index: int) -> int | None:
        """The sentence where the quotation that sentence ``index`` is inside opens: the
        nearest one before (or ``index`` itself) that opens with a quotation mark, every
        sentence from it to ``index`` not closing one; None when ``index`` is no part of one."""
        for j in range(index, max(-1, index - MAX_QUOTATION), -1):
            text = self._doc.sentences[j].text.strip()
            if j < index and _QUOTE_CLOSED_RE.search(text):
                return None
            if text.startswith(_QUOTE_OPENERS):
                return j
        return None

    def _antecedent(self, index: int) -> list[Item]:
        """The name a "he said" in sentence ``index`` most likely means: in the nearest of the
        few sentences before that names a person-like span (two words or more), the last one
        that says something there, else the last one; none when none does."""
        for j in range(index - 1, max(-1, index - LOOKBACK - 2), -1):
            text = self._doc.sentences[j].text
            found = [i for i in self.items(j) if i.kind == NAME]
            # one who speaks may be named by one word ("Tobias, the president of ..., said":
            # a sentence's first word is not read as a name); one who does not, by two
            speaking = [i for i in found if _speaker(text, i)]
            # ... else the sentence's subject, the name it opens with ("Simon Danczuk, the
            # Labour politician who exposed the late Liberal MP Cyril Smith's abuse, said")
            opening = [
                i for i in found if i.start <= SUBJECT_START and _SUBJECT_OPENS_RE.match(text)
            ]
            speaking = speaking or opening[:1]
            names = [i for i in found if len(i.key) > 1]
            if speaking or names:  # "Carol Tobias, the president of National Right to Life,
                return (speaking or names)[-1:]  # said ...": the one who spoke
        return []

    def _value_conflicts(self, sentence: str, item: Item, evidence: Sequence[int]) -> bool:
        if _incidental(sentence, item):
            return False
        slot = _slot(sentence, item)
        stated, rivals = [], False
        for e in evidence:
            text = self._doc.sentences[e].text
            for other in self._sentence_items(e):
                if _same_kind(item, other) and not _incidental(text, other):
                    stated.append(other)
                    rivals = rivals or _rival(slot, _slot(text, other))
        return rivals and not any(_same_value(item, other) for other in stated)

    def _one_date_differs(
        self, sentence: str, item: Item, evidence: Sequence[int], values: Sequence[Item]
    ) -> bool:
        """Whether a date the sentence gives once differs from the one date of its kind that
        its evidence, which states the same event closely, gives ("three men went into the
        home of the woman's aunt and uncle on April 1" against "On 24 March, ... three men
        entered the home of the woman's aunt and uncle"): the date of another event."""
        if item.kind != DATE or _incidental(sentence, item):
            return False
        if sum(_same_kind(item, v) for v in values) != 1 or len(evidence) != 1:
            return False
        text = self._doc.sentences[evidence[0]].text
        dates = [
            o
            for o in self._sentence_items(evidence[0])
            if o.kind == DATE and not _incidental(text, o)
        ]
        if len(dates) != 1 or not _same_kind(item, dates[0]):
            return False
        return not _same_value(item, dates[0])

    def _year_of_another_act(self, sentence: str, item: Item) -> bool:
        """Whether the act the sentence dates to a year ("Bowe retired from boxing in 1992")
        is dated to another year wherever the source states it ("He retired in 1997"), and
        never to this one: the year of another event of the article (1992: he beat
        Holyfield). The act is the past verb right before "in YEAR" (three words between, at
        most); the source binds a year to it the same way."""
        verb = _dated_act(sentence, item)
        if verb is None:
            return False
        dated = self._dated_acts().get(verb, [])
        return bool(dated) and not any(_same_value(item, other) for other in dated)

    def _dated_acts(self) -> dict[str, list[Item]]:
        """Verb stem -> every year the source gives it ("retired in 1997"; built on first use)."""
        if self._acts is None:
            self._acts = {}
            for j, other in self._values():
                verb = _dated_act(self._doc.sentences[j].text, other)
                if verb is not None:
                    self._acts.setdefault(verb, []).append(other)
        return self._acts

    def _value_evidence(self, sentence: str, values: Sequence[Item], aligner: Aligner) -> list[int]:
        """The source sentence that best matches ``sentence`` with its values blanked out and
        its names kept (a name says which event a date or number belongs to), when it matches
        well enough (:data:`MIN_BOUND_SCORE`)."""
        rest = sentence
        for item in sorted(values, key=lambda i: i.start, reverse=True):
            rest = rest[: item.start] + " " + rest[item.end :]
        alignment = aligner.align([rest], max_evidence=1, related=0)[0]
        return list(alignment.evidence) if alignment.score >= MIN_BOUND_SCORE else []

    def _value_bound_elsewhere(
        self, sentence: str, item: Item, evidence: Sequence[int], stated: Sequence[Item] = ()
    ) -> bool:
        """Whether the evidence binds another value of the same kind to the words around this
        one clearly better (:func:`_clearly_more`) than the source binds this value
        to them anywhere ("arrested on Monday in Minneapolis" against "arrested Sunday in
        Minneapolis ... in federal court on Monday"; "United ... 3.5 million award tickets"
        against "United ... 5 million U.S. award tickets; ... American ... 3.5 million U.S.
        award seats"): a value put on another event of the same article. Words around a value:
        :func:`_neighbours`. An approximate value ("more than 70") is left alone: it may sum or
        round what the source states; a value the sentence also ``stated`` is no rival ("in
        August 2010" against the evidence's "in August")."""
        if not evidence or item.approx or _incidental(sentence, item):
            return False
        around = _neighbours(sentence, item)
        unit = _unit(sentence, item)
        if len(around) < MIN_BOUND:
            return False
        rival = 0
        own = 0
        for e in evidence:
            text = self._doc.sentences[e].text
            for other in self._sentence_items(e):
                times = item.kind == DATE and other.kind == DATE  # "in 2010" against "in August"
                if not (_same_kind(item, other) or times) or _incidental(text, other):
                    continue
                mine = _same_kind(item, other) and _same_value(item, other)
                if _named(text, other) or (
                    not mine and any(_same_kind(other, x) and _same_value(other, x) for x in stated)
                ):
                    continue
                if unit != _unit(text, other):
                    continue  # "4.5% of its seats" is no rival of "the five biggest airlines"
                words = _neighbours(text, other)
                if mine:
                    if len(words) < MIN_BOUND:
                        return False  # "Seventeen of the 30 counts": where it belongs is unclear
                    own = max(own, len(around & words))
                else:
                    rival = max(rival, len(around & words))
        if rival < MIN_BOUND or not _clearly_more(rival, own):
            return False
        return all(
            _clearly_more(rival, len(around & _neighbours(self._doc.sentences[j].text, other)))
            for j, other in self._values_like(item)
        )

    def _values(self) -> list[tuple[int, Item]]:
        """Every (sentence, value) of the source (built on first use)."""
        if self._all_values is None:
            self._all_values = [
                (j, other)
                for j in range(len(self._doc.sentences))
                for other in self._sentence_items(j)
            ]
        return self._all_values

    def _values_like(self, item: Item) -> list[tuple[int, Item]]:
        """Every (sentence, value) of the source with the value of ``item``."""
        return [(j, o) for j, o in self._values() if _same_kind(item, o) and _same_value(item, o)]

    def _sentence_tokens(self) -> list[frozenset[str]]:
        if self._tokens is None:
            self._tokens = [frozenset(normalised_names(s.text)) for s in self._doc.sentences]
            for toks in self._tokens:
                for t in toks:
                    self._counts[t] = self._counts.get(t, 0) + 1
        return self._tokens

    def items(self, index: int) -> list[Item]:
        """Every item of source sentence ``index`` (read once per document: the placement
        checks and the guard's name lookups all ask for them, summary after summary)."""
        if index not in self._items:
            self._items[index] = extract_items(self._doc.sentences[index].text)
        return self._items[index]

    def _sentence_items(self, index: int) -> list[Item]:
        return [i for i in self.items(index) if i.kind in (NUMBER, DATE)]


def _speaker(sentence: str, item: Item) -> bool:
    """Whether the name is the one who says something: "X said", "X, a lawyer, told", "said X",
    "according to X"."""
    rest = sentence[item.end :]
    if _SPEECH_AFTER_RE.match(rest):
        return True
    # "..., said Brian Domonkos." and "according to X, ...": the name ends the clause; in
    # "said Colorado has four seasons" it opens what was said
    return bool(_SPEECH_BEFORE_RE.search(sentence[: item.start]) and _CLAUSE_END_RE.match(rest))


def _claim(sentence: str, item: Item) -> str | None:
    """What the speaker ``item`` says in the sentence: the words after "X (, a lawyer,)
    said (that)" or after "according to X,", or before ", said X" / ", X said"; None when
    the sentence is not built that way."""
    after = _SPEECH_AFTER_RE.match(sentence[item.end :])
    if after is not None:
        if item.start > CLAIM_PREFIX:  # "When Barnes suggested ..., Jamie replied that"
            return None
        return re.sub(r"^\s*(?:that\b|:)?", "", sentence[item.end + after.end() :]) or None
    before = _SPEECH_BEFORE_RE.search(sentence[: item.start])
    if before is None:
        return None
    if re.search(r"\b[Aa]ccording to\s+", before.group(0)):
        comma = sentence.find(",", item.end)
        return sentence[comma + 1 :] if comma != -1 else None
    said = sentence[: before.start()].rstrip(" ,")
    return said if _CLAUSE_END_RE.match(sentence[item.end :]) else None


def _speaks(sentence: str, item: Item) -> bool:
    """Whether the name is the one who says something (:func:`_speaker`) and no place, role or
    one of two ("his mother Lucy, of Upminster, said"; "PM said"; "Trooper James Schmidt of
    the Colorado State Patrol said")."""
    return _speaker(sentence, item) and not _not_agent(sentence, item)


def _not_agent(sentence: str, item: Item) -> bool:
    """A place ("of Upminster"), one of two subjects, or a role ("PM")."""
    if _PLACE_BEFORE_RE.search(sentence[: item.start]) or _PAIRED_RE.search(
        sentence[max(0, item.start - 5) : item.start]
    ):
        return True
    return bool(re.match(r"^\s+and\s", sentence[item.end :]) or _ROLE_RE.fullmatch(item.text))


def _agent(sentence: str, item: Item) -> bool:
    """Whether the name says or does something in the sentence (see :data:`_VERB_AFTER_RE`):
    not a place ("of Upminster", "from Chelmsford"), not one of two subjects ("Lady Gaga and
    Lourdes Leon have"), not a role ("PM said", "the Englishman finished")."""
    if _not_agent(sentence, item):
        return False
    after = re.sub(r"^['’]s?", "", sentence[item.end :])
    if after.startswith(("'", "’")) or sentence[item.end : item.end + 2] in ("'s", "’s"):
        return False  # "Chris Christie's wife": the possessor is not the agent
    return bool(_VERB_AFTER_RE.match(after) or _AGENT_BEFORE_RE.search(sentence[: item.start]))


# "in the abdomen", "to the head": a circumstance told by a preposition and one noun
_BOUND_PHRASE_RE = re.compile(r"\b(in|on|to)\s+the\s+([a-z]+)\b(?=\s*(?:[,.;:!?]|$))")
_BOUND_CLAUSE_RE = re.compile(r"[,;:]|\b(?:while|whereas|but|and)\b")
_IN_YEAR_RE = re.compile(r"\s+in\s+$")
DATED_ACT_REACH = 4  # words before "in YEAR" where the verb it dates may be


DESCRIPTION_REACH = 6  # words either side of a name where a description of it may be


def _described_beside(text: str, parts: set[str], described: set[str]) -> bool:
    """Whether ``text`` writes the ``described`` words within :data:`DESCRIPTION_REACH` words
    of a name with one of ``parts`` ("ESPN, the sports network," "the tow company Advanced
    Towing"); a sentence that names ESPN and, further on, a tow company does not."""
    words = _NEIGHBOUR_TOKEN.findall(text)
    stems = [set(content_tokens(w)) for w in words]
    for i, word in enumerate(words):
        if word.lower() in parts:
            window = stems[max(0, i - DESCRIPTION_REACH) : i + DESCRIPTION_REACH + 1]
            if described <= set().union(*window):
                return True
    return False


def _year(item: Item) -> bool:
    return item.kind == DATE and item.value is not None and len(item.text) == 4


def _dated_act(text: str, item: Item) -> str | None:
    """The stem of the past verb a year is given to: "retired (from boxing) in [1997]"."""
    if not _year(item):
        return None
    start = max((m.end() for m in _CLAUSE_STOP.finditer(text, 0, item.start)), default=0)
    before = text[start : item.start]
    found = _IN_YEAR_RE.search(before)
    if found is None:
        return None
    for word in before[: found.start()].split()[::-1][:DATED_ACT_REACH]:
        stem = content_tokens(word) if word.isalpha() and word.islower() else []
        if stem and past_form(word):  # a stop word is no act ("from" is a form of "frame")
            return stem[0]
    return None


def _slot(text: str, item: Item) -> tuple[str, str]:
    """The content words right before and after a value ("arrested [Sunday] in Minneapolis":
    arrest, minneapoli), which say what the value is about; "" where there is none."""
    before = content_tokens(text[max(0, item.start - 25) : item.start])[-1:]
    after = content_tokens(text[item.end : item.end + 25])[:1]
    return (before[0] if before else "", after[0] if after else "")


_NEIGHBOUR_TOKEN = re.compile(r"[\w'’.-]+")
_CLAUSE_STOP = re.compile(r"[;:()\[\]]|\s[-–—]+\s")
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred thousand million billion dozen".split()
)
_DATE_NAMES = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def _neighbours(text: str, item: Item, reach: int = NEIGHBOURHOOD) -> frozenset[str]:
    """Content stems of the ``reach`` words each side of a value, within its clause (a
    semicolon, colon, bracket or spaced dash ends it) and up to the next number either way
    ("inspected 21 schools, put six in special measures": "six" has its own words); date
    names left out, as they are values themselves."""
    start = max((m.end() for m in _CLAUSE_STOP.finditer(text, 0, item.start)), default=0)
    stop = _CLAUSE_STOP.search(text, item.end)
    end = stop.start() if stop else len(text)
    before = _NEIGHBOUR_TOKEN.findall(text[start : item.start])[::-1][:reach]
    after = _NEIGHBOUR_TOKEN.findall(text[item.end : end])[:reach]
    out: set[str] = set()
    for side in (before, after):
        for word in side:
            lower = word.lower()
            if any(c.isdigit() for c in word) or lower in _NUMBER_WORDS:
                break
            if lower not in _DATE_NAMES:
                out.update(content_tokens(word))
    return frozenset(out)


_PERCENT_RE = re.compile(r"%|per\s?cent", re.IGNORECASE)


_NAME_BEFORE_RE = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][a-z]+\s$")


def _named(text: str, item: Item) -> bool:
    """A number that is part of a name: "a Nexus 5 phone", "Apollo 13", "Exit 12"."""
    return item.kind == NUMBER and bool(
        _NAME_BEFORE_RE.search(text[max(0, item.start - 20) : item.start])
    )


def _clearly_more(rival: int, own: int) -> bool:
    """Whether a rival value shares clearly more words with a value's neighbourhood than the
    value's own statement does: more, and by half again ("killing the pilot and injuring 37
    people" shares 4 words with "killing the pilot and seriously injuring seven people", and
    "Seven people were seriously injured" 3: the summary joined two facts, it moved none)."""
    return rival > own and rival >= BOUND_RATIO * own


_HYPHENATED_RE = re.compile(r"-([a-z]+)")


def _unit(text: str, item: Item) -> str:
    """What a number counts, as far as its own words say: a percentage, money, the word it is
    hyphenated to ("three-day"), or a count."""
    if _PERCENT_RE.search(item.text):
        return "percent"
    if item.text[:1] in "$£€¥":
        return "money"
    hyphen = _HYPHENATED_RE.match(text, item.end)
    return hyphen.group(1) if hyphen else "count"


def _rival(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Two values in one slot: the same word after them ("seven-story", "14 patients"), or the
    same word before them where neither has one after ("in 1997." against "retired in 1992")."""
    if a[1] and b[1]:
        return a[1] == b[1]
    return bool(a[0]) and a[0] == b[0]


def _incidental(text: str, item: Item) -> bool:
    """A value that says nothing about an event: an age in apposition ("Altice, 35,", "the
    29-year-old"), a score or range ("2-1", "2010-11"), an emergency number ("911")."""
    before, after = text[max(0, item.start - 10) : item.start], text[item.end : item.end + 10]
    if (
        item.text == "911"
        or re.match(r"^\s*[-–/]\s*\d", after)
        or re.search(r"\d\s*[-–/]\s*$", before)
    ):
        return True
    if re.match(rf"^\s*(?:in|out of)\s+(?:{_COUNT})\b", after, re.I) or re.search(
        rf"\b(?:{_COUNT})\s+(?:in|out of)\s*$", before, re.I
    ):
        return True  # a ratio, "nine in ten", often a paraphrase of a percentage
    if re.match(r"^-?\s*years?-old", after):
        return True
    return bool(re.match(r"^\s*,", after) and re.search(r",\s*$", before))


def _round(value: float) -> bool:
    """A value a writer may have rounded: 1,000, 3.6 million (two significant digits or fewer
    on a value of 100 or more)."""
    return abs(value) >= 100 and float(f"{value:.2g}") == value


def _same_kind(a: Item, b: Item) -> bool:
    """Two numbers, two years, or two dates of one kind (month, weekday, clock time)."""
    if a.kind != b.kind:
        return False
    if a.kind == NUMBER or a.value is not None or b.value is not None:
        return (a.value is None) == (b.value is None)
    return a.key[:1] == b.key[:1]


def _same_value(a: Item, b: Item) -> bool:
    if a.value is not None and b.value is not None:
        if a.approx or b.approx or a.digits or b.digits or _round(a.value):
            return abs(a.value - b.value) <= APPROX * max(abs(a.value), abs(b.value))
        return a.value == b.value
    return a.key == b.key
