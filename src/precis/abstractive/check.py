"""``precis check``: run the guard on a summary file from any tool against its source.

The summary is read through the same ingest adapters as a source (so a missing, empty or binary
file is the same typed error), but it is not cleaned: glued-word repair is tuned for long
documents and would split names in a short summary. Summary files often hold one sentence per
line without final punctuation (CNN/DM highlights), so a line break ends a sentence unless the
next line continues it in lower case.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from precis.abstractive.guard import Guard, GuardOptions, GuardResult
from precis.errors import EmptyInputError, InputError, LimitExceededError
from precis.limits import time_limit
from precis.options import LoadOptions
from precis.sentences import sentence_spans

_BLANK = re.compile(r"\n[^\S\n]*\n")
_BULLET = re.compile(r"^(?:[-*•–]|\d{1,2}[.)])\s+")
_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def split_summary(text: str) -> list[str]:
    """Sentences of a summary text, whitespace-normalised, bullets removed."""
    out: list[str] = []
    for block in _BLANK.split(text):
        units: list[str] = []
        for raw in block.splitlines():
            line = _BULLET.sub("", raw.strip())
            if not line:
                continue
            if units and not _END.search(units[-1]) and line[0].islower():
                units[-1] += " " + line  # a wrapped line
            else:
                units.append(line)
        for unit in units:
            out.extend(" ".join(unit[a:b].split()) for a, b in sentence_spans(unit))
    return [s for s in out if s]


def read_summary(source: str, options: LoadOptions | None = None) -> list[str]:
    """The sentences of a summary file (path, URL or ``-``), without cleaning."""
    from precis import api

    options = options or LoadOptions()
    try:
        text = api.extract(source, options).text
    except InputError as exc:  # the same typed error, saying which of the two inputs it was
        raise type(exc)(f"summary: {exc}") from None
    sentences = split_summary(text)
    if not sentences:
        raise EmptyInputError(f"summary: {source} has no sentences")
    return sentences


def check_source(
    source: str,
    summary: str,
    *,
    load: LoadOptions | None = None,
    guard: GuardOptions | None = None,
) -> GuardResult:
    """Load ``source``, read ``summary`` and judge every summary sentence against the source."""
    return check_sources(source, [summary], load=load, guard=guard)[0]


def check_sources(
    source: str,
    summaries: Sequence[str],
    *,
    load: LoadOptions | None = None,
    guard: GuardOptions | None = None,
) -> list[GuardResult]:
    """Judge the sentences of each summary against one source, loaded and indexed once (the
    many systems' summaries of one article that an evaluation compares)."""
    from precis import api

    load = load or LoadOptions()
    with time_limit(load.time_limit_s):  # one deadline for all inputs and the guard
        # a summary gets the source's limits (bytes, time) but its own format detection
        texts = []
        for summary in summaries:
            sentences = read_summary(summary, dataclasses.replace(load, format=None))
            if len(sentences) > load.max_sentences:
                raise LimitExceededError(
                    f"summary: {len(sentences)} sentences, more than the limit of "
                    f"{load.max_sentences}"
                )
            texts.append(sentences)
        checker = Guard(api.load(source, load), guard)
        return [checker.check(sentences) for sentences in texts]


# What each kind of unsupported item means, as ``format_text`` says it.
_REASONS = {
    "misattribution": "the source gives this to someone else",
    "circumstance": "the source states another value here",
    "negation": "the source's polarity differs",
    "repetition": "a phrase joined to itself",
}


def format_text(result: GuardResult) -> str:
    """One line per sentence, marked supported or UNSUPPORTED, with the reasons indented."""
    lines = []
    for s in result.sentences:
        mark = "supported  " if s.supported else "UNSUPPORTED"
        lines.append(f"{mark} {s.score:.2f}  {s.text}")
        for item in s.unsupported:
            reason = _REASONS.get(item.kind, f"not in source ({item.kind})")
            lines.append(f"    {reason}: {item.text}")
        if s.score < result.threshold:
            lines.append(f"    weak support: score below {result.threshold:.2f}")
        elif s.floor is not None:
            lines.append(f"    weak support: far below the rest of the summary ({s.floor:.2f})")
        if s.duplicate_of is not None:
            lines.append(f"    repeats sentence {s.duplicate_of + 1}")
        if s.repaired is not None:
            lines.append(f"    repeated words removed: {s.repaired}")
    total = len(result.sentences)
    lines.append(f"{result.supported_count} of {total} sentences supported")
    return "\n".join(lines)
