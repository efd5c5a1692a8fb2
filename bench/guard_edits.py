"""Edits for the guard's labelled set: faithful paraphrases and unfaithful injections.

Every function takes the sentence, the source text and a seed (a stable integer) and returns the
edited sentence, or None when the edit does not apply. Injected items are checked to be absent
from the source with plain string search, never with the guard's own code.
"""

from __future__ import annotations

import re

from guard_set import (
    FIRST,
    LAST,
    MONTHS,
    NUMBER_WORDS,
    ORGS,
    PHRASES,
    SYNONYMS,
    WEEKDAYS,
    _present,
)

_FINAL = re.compile(r"([.!?]|[.!?][\"'”’])$")
_NAME2 = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+(?:-[A-Z][a-z]+)?) ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_NOT_PERSON = frozenset(WEEKDAYS + MONTHS) | {
    "The",
    "New",
    "United",
    "North",
    "South",
    "West",
    "East",
}


def _absent(words: str, source: str) -> bool:
    return not any(
        _present(w, source, case=False) for w in re.findall(r"[A-Za-z]+", words) if len(w) > 2
    )


def _before_final(sentence: str, insert: str) -> str:
    """``insert`` placed before the sentence's final punctuation."""
    m = _FINAL.search(sentence)
    if not m:
        return sentence + insert + "."
    return sentence[: m.start()] + insert + sentence[m.start() :]


def fake_person(source: str, seed: int) -> str | None:
    """A full name none of whose parts occurs in the source."""
    for k in range(len(FIRST) * len(LAST)):
        first = FIRST[(seed + k) % len(FIRST)]
        last = LAST[(seed // 7 + k) % len(LAST)]
        if _absent(first + " " + last, source):
            return f"{first} {last}"
    return None


# ---------------------------------------------------------------- paraphrases (supported)


def paraphrase(sentence: str, seed: int) -> str | None:
    """Two meaning-preserving edits, chosen by ``seed``; None if fewer than one applies."""
    edits = [_attribution_front, _drop_relative, _drop_connective, _synonyms, _number_format]
    out = sentence
    applied = 0
    for k in range(len(edits)):
        edit = edits[(seed + k) % len(edits)]
        changed = edit(out, seed)
        if changed and changed != out:
            out, applied = changed, applied + 1
        if applied == 2:
            break
    return out if applied else None


def _attribution_front(s: str, seed: int) -> str | None:
    m = re.match(
        r"^(?P<body>[^\"“”]{20,}?), (?P<who>(?:he|she|they|police|officials|[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})) (?P<verb>said|says)\.$",
        s,
    )
    if not m:
        return None
    who = m.group("who")
    who = who[0].upper() + who[1:]
    body = m.group("body")
    if not re.match(r"^(?:The|A|An|This|That|It|There|In|On|At)\b", body):
        return None  # lowering the first word would be wrong for a name
    return f"{who} {m.group('verb')} that {body[0].lower()}{body[1:]}."


def _drop_relative(s: str, seed: int) -> str | None:
    out = re.sub(r", (?:who|which) [^,\"“”]{3,80},", "", s, count=1)
    return out if out != s else None


def _drop_connective(s: str, seed: int) -> str | None:
    m = re.match(r"^(?:But|And|However|Meanwhile|Still|Also|So|Now|Instead),? (\w)", s)
    if not m:
        return None
    return m.group(1).upper() + s[m.end() :]


_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|(?<!\w)['‘][^'’]*['’](?!\w)")


def _synonyms(s: str, seed: int) -> str | None:
    """Up to two synonyms, never inside a quotation."""
    pieces = _QUOTED.split(s)
    quotes = _QUOTED.findall(s)
    done = 0
    for word in sorted(SYNONYMS, key=lambda w: (seed + len(w)) % 7):
        pattern = r"\b" + word + r"\b"
        for k, piece in enumerate(pieces):
            if done < 2 and re.search(pattern, piece):
                pieces[k] = re.sub(pattern, SYNONYMS[word], piece, count=1)
                done += 1
                break
    out = pieces[0] + "".join(q + p for q, p in zip(quotes, pieces[1:], strict=True))
    return out if done else None


def _number_format(s: str, seed: int) -> str | None:
    if re.search(r"[\"“”'‘’]", s.replace("'s ", " ")):
        return None  # a number inside a quotation must stay as quoted
    m = re.search(r"(?<![\w.,$£€-])([2-9])(?![\w.,%:-])(?! (?:p\.m|a\.m))", s)
    if m:
        return s[: m.start()] + NUMBER_WORDS[int(m.group(1))] + s[m.end() :]
    m = re.search(r"\b(two|three|four|five|six|seven|eight|nine|ten|twelve)\b(?!-)", s)
    if m:
        return s[: m.start()] + str(NUMBER_WORDS.index(m.group(1))) + s[m.end() :]
    m = re.search(r"(\d+(?:\.\d+)?) per ?cent\b", s)
    if m:
        return s[: m.start()] + m.group(1) + "%" + s[m.end() :]
    return None


# ---------------------------------------------------------------- injections (unsupported)


def inject(kind: str, sentence: str, source: str, seed: int) -> str | None:
    """The sentence with one unsupported item of ``kind``; None when it does not apply."""
    return _INJECT[kind](sentence, source, seed)


def people(source: str) -> set[str]:
    """ "First Last" spans of the source whose surname is used alone with a speech verb or a
    possessive elsewhere ("... Stofan said"): people, not places or titles."""
    out = set()
    for m in _NAME2.finditer(source):
        first, last = m.group(1), m.group(2)
        if first in _NOT_PERSON or last in _NOT_PERSON:
            continue
        alone = (
            r"(?<!"
            + re.escape(first)
            + r" )\b"
            + re.escape(last)
            + r"(?:'s| said| says| told| added)"
        )
        if re.search(alone, source):
            out.add(m.group(0))
    return out


def _name(s: str, source: str, seed: int) -> str | None:
    person = fake_person(source, seed)
    if person is None:
        return None
    known = people(source)
    spans = [
        m
        for m in _NAME2.finditer(s)
        if m.group(1) not in _NOT_PERSON and m.group(2) not in _NOT_PERSON
    ]
    for m in sorted(spans, key=lambda m: m.group(0) not in known):
        return s[: m.start()] + person + s[m.end() :]
    m = re.match(r"^(He|She) ", s)
    if m:
        return person + s[m.end() - 1 :]
    return None


def _attribution(s: str, source: str, seed: int) -> str | None:
    person = fake_person(source, seed)
    if person is None:
        return None
    templates = (
        ", says CNN.com's {p}",
        ", writes {p}",
        ", {p} told CNN",
        ", according to analyst {p}",
    )
    return _before_final(s, templates[seed % len(templates)].format(p=person))


def _organisation(s: str, source: str, seed: int) -> str | None:
    for k in range(len(ORGS)):
        org = ORGS[(seed + k) % len(ORGS)]
        if _absent(org.replace("the ", ""), source):
            verb = ("according to {o}", "{o} reported", "a report by {o} says")[seed % 3]
            return _before_final(s, ", " + verb.format(o=org))
    return None


def _number(s: str, source: str, seed: int) -> str | None:
    for m in re.finditer(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])", s):
        raw = m.group(1)
        value = float(raw.replace(",", ""))
        if "," not in raw and "." not in raw and 1900 <= value <= 2099:
            continue  # a year: that is the date injection
        if "." in raw:
            new = raw[:-1] + str((int(raw[-1]) + 3 + seed % 5) % 10)
        else:
            n = int(raw.replace(",", ""))
            if n < 100:
                new_n = (n * 2, n + 3, n + 10, n - 2 if n > 3 else n + 5)[seed % 4]
            else:
                new_n = (n * 2, n * 3, n // 2, n * 10)[seed % 4]
            new = f"{new_n:,}" if "," in raw else str(new_n)
        if new != raw:
            return s[: m.start()] + new + s[m.end() :]
    for m in re.finditer(r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", s):
        n = NUMBER_WORDS.index(m.group(1))
        new = NUMBER_WORDS[(n + 2 + seed % 5) % 18 + 2]
        return s[: m.start()] + new + s[m.end() :]
    return None


def _date(s: str, source: str, seed: int) -> str | None:
    for names in (WEEKDAYS, MONTHS):
        for m in re.finditer(r"\b(" + "|".join(names) + r")\b", s):
            if m.group(1) == "May" and not re.match(r"\s\d", s[m.end() : m.end() + 2]):
                continue
            k = names.index(m.group(1))
            new = names[(k + 1 + seed % (len(names) - 1)) % len(names)]
            return s[: m.start()] + new + s[m.end() :]
    m = re.search(r"\b(19[5-9]\d|20[0-2]\d)\b", s)
    if m:
        return s[: m.start()] + str(int(m.group(1)) - 1 - seed % 6) + s[m.end() :]
    for k in range(7):
        day = WEEKDAYS[(seed + k) % 7]
        if not _present(day, source):
            return _before_final(s, f" on {day}" if seed % 2 else f", last {day}")
    return None


def _quote(s: str, source: str, seed: int) -> str | None:
    m = re.search(r"[\"“]([^\"”]{12,})[\"”]", s)
    if m:
        words = m.group(1).split()
        k = next((i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()), None)
        if k is not None:
            words[k] = (
                ("never", "secretly", "deliberately", "completely")[seed % 4] + " " + words[k]
            )
            new = " ".join(words)
            if not _present(new, source, case=False):
                return s[: m.start(1)] + new + s[m.end(1) :]
    phrase = PHRASES[seed % len(PHRASES)]
    return _before_final(s, f', calling it "{phrase}"')


_INJECT = {
    "name": _name,
    "attribution": _attribution,
    "organisation": _organisation,
    "number": _number,
    "date": _date,
    "quote": _quote,
}


def swap_actor(s: str, source: str, seed: int) -> str | None:
    """A person of the same source in place of the one the sentence names (the hard case)."""
    known = people(source)
    for m in _NAME2.finditer(s):
        if m.group(0) not in known:
            continue
        others = sorted(p for p in known if m.group(2) not in p and m.group(1) not in p)
        if others:
            return s[: m.start()] + others[seed % len(others)] + s[m.end() :]
    return None
