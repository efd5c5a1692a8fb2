"""A summary sentence that denies what its source states (issue 15, bug 4).

Word overlap cannot see polarity: "Grunsfeld said we will never find life outside our solar
system." shares its content words with "he thinks it's just a matter of time before we find
life outside our solar system" and scores well. A summary sentence with a negation ("not",
"never", "no", "n't", "without"; "not only" is none) is unsupported when the source restates
the words it denies (two of the few words after the negation, or the one there is) and no
source sentence denies them (a negation, refusal or failure a few words before one of them:
"refused", "denied", "failed to", "unable", "lack", ...), unless its best evidence carries a
negation (a paraphrase of the source's own denial).

The other way (issue 16), a denial dropped: a sentence with no negation, refusal or failure at
all whose best evidence denies the very word the sentence asserts (the first content word after
the evidence's negation, and two of the few after it): "the consent form specified what would
happen" against "The form did not specify ... what would happen". A paraphrase that keeps the
meaning with another word ("failed to win" -> "lost") asserts a different word, and passes.

Precision first, measured: on the synthetic guard set (``bench/bench_guard.py``) supported
sentences flagged stay at 2.8% on the held half; looser rules (any sentence using a denied
word; no restatement needed) flagged human paraphrases ("was never seen again", "they don't
come cheap") and raised that to 3.2-4.5%. On FRANK's development half
(``../shared/data/frank_guard``) the check adds 2 caught unsupported sentences, no false flag.
No parser: a dependency parse would scope the negation, and none is installed in the core.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from precis.abstractive.claims import Item
from precis.extractive.features import content_tokens

NEGATION = "negation"
REACH = 5  # words from a source's negation to the word it denies, at most
_TOKEN_RE = re.compile(r"[\w'\u2019-]+")
# what a summary sentence denies with (PTB-tokenised text splits "n't" off: "did n't")
_SUMMARY_NEGATION_RE = re.compile(
    r"\b(?:not(?! only\b| just\b| least\b)|never|no|none|nobody|nothing|neither|nor|cannot|"
    r"without)\b|n['\u2019]t\b",
    re.IGNORECASE,
)  # "not only ... but" denies nothing
# the ways a source states a negation, a refusal or a failure (stems by prefix)
_SOURCE_NEGATION_RE = re.compile(
    r"\b(?:(?:not|never|no|none|nobody|nothing|neither|nor|cannot|without|nowhere)\b|"
    r"(?:refus|deni|deny|fail|unabl|unhapp|unwill|unawar|unsafe|unclear|unknown|lack|absen|"
    r"reject|declin|unlikel|impossib|prevent|stopp|halt|cancel|withdr|forb|barr)\w*|"
    r"ruled out|instead|yet to)|\bnon-|n['\u2019]t\b",
    re.IGNORECASE,
)


def negation_item(sentence: str) -> Item | None:
    """The sentence's first negation, as an item to look for in its evidence; None if none."""
    found = _SUMMARY_NEGATION_RE.search(sentence)
    if found is None:
        return None
    return Item(NEGATION, found.group(0), found.start(), found.end(), (found.group(0).lower(),))


def negated_terms(sentence: str, item: Item, window: int = 4) -> list[str]:
    """Content stems of the few words after the negation ("not a danger" -> "danger"): where
    the source states the same denial, it says it about these words."""
    after = sentence[item.end :].split()[:window]
    return content_tokens(" ".join(after))


def negated(text: str) -> bool:
    """Whether a source sentence carries a negation, refusal or failure anywhere."""
    return _SOURCE_NEGATION_RE.search(text) is not None


_NOT_ONLY_RE = re.compile(r"\bnot (?:only|just|least)\b", re.IGNORECASE)


def dropped_denial(sentence: str, evidence: str, reach: int = REACH) -> Item | None:
    """The word of ``sentence`` that ``evidence`` denies while the sentence asserts it (see
    the module's docstring); None when the sentence denies anything itself, or nothing is
    dropped."""
    if _SOURCE_NEGATION_RE.search(sentence):
        return None
    stems = {}
    for m in _TOKEN_RE.finditer(sentence):
        for t in content_tokens(m.group(0)):
            stems.setdefault(t, m)
    tokens = _TOKEN_RE.findall(_NOT_ONLY_RE.sub(" ", evidence))
    for k, token in enumerate(tokens):
        if not _SOURCE_NEGATION_RE.search(token):
            continue
        after = [t for tok in tokens[k + 1 : k + 1 + reach] for t in content_tokens(tok)]
        if not after or after[0] not in stems:
            continue
        if sum(t in stems for t in dict.fromkeys(after)) >= 2:
            m = stems[after[0]]
            return Item(NEGATION, m.group(0), m.start(), m.end(), (token.lower(),))
    return None


def denies(text: str, terms: Collection[str], reach: int = REACH) -> bool:
    """Whether the source sentence ``text`` negates one of ``terms`` (content stems): a
    negation, refusal or failure at most ``reach`` words before a word with that stem ("He is
    not a danger", "refused to comment"), not anywhere in the sentence ("They may not be 'Star
    Trek'-type extraterrestrials, but we may be close to finding evidence of alien life" denies
    no evidence)."""
    tokens = _TOKEN_RE.findall(text)
    last_negation = -reach - 1
    for k, token in enumerate(tokens):
        if _SOURCE_NEGATION_RE.search(token):
            last_negation = k
        elif k - last_negation <= reach and any(t in terms for t in content_tokens(token)):
            return True
    return False
