"""The labelled set for ``bench_guard.py``: faithful summary sentences and unfaithful variants.

Built deterministically from ``/work/shared/data`` (MANIFEST.md): every choice is a fixed hash of
an id, so the same files give the same set.

Supported sentences (label ``supported``):

- ``highlight``: a CNN/DM reference highlight (PTB tokens joined back), from FRANK, ROSE and the
  benchmark_llm_summarization rows (the truncated, lowercased QAGS rows are skipped);
- ``writer``: a sentence of a freelance writer's summary (news_writer_summaries);
- ``paraphrase``: a source sentence, lightly paraphrased (attribution moved to the front,
  relative clause or opening connective dropped, synonyms, digits <-> number words).

A highlight or writer sentence is kept only if it passes a literal check that shares no code with
the guard: each capitalised word, digit string, number word and quotation in it occurs verbatim
in the source. That check cannot see a wrong relation between true items; the closing note
reports the hand review of a sample.

Unsupported sentences (label ``unsupported``), one per supported sentence, kind rotating:
``name`` (a person not in the source replaces one, or the subject), ``organisation`` (an
attribution to an organisation not in the source), ``attribution`` ("says CNN.com's John Sutter",
"writes David Gergen": the issue's failures), ``number`` (a changed number), ``date`` (a changed
or added weekday, month or year), ``quote`` (a quotation changed or invented), ``foreign``
(a sentence of another article) and ``unrelated`` (one without any name, number or quotation,
so that only the support score can tell). ``actor`` (a person of the same article put in another's
place, issue 4's "President George W. Bush sent his brother") is built too, reported apart: no
lookup can catch it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CNN = "cnndm_test.jsonl"
WRITER = "news_writer_summaries.jsonl"
XSUM = "xsum_test_frank.jsonl"
INJECTIONS = (
    "name",
    "number",
    "attribution",
    "date",
    "organisation",
    "quote",
    "foreign",
    "unrelated",
)

FIRST = "John David Maria Laura Michael Sarah Peter Anna James Elena Robert Claire".split()
LAST = (
    "Sutter Gergen Whitfield Kovalenko Brannigan Okafor Lindqvist Harrowgate Delacroix Moretti "
    "Nakamura Castellanos Pemberton Szymanski"
).split()
ORGS = (
    "Reuters", "Amnesty International", "the World Health Organization", "Goldman Sachs",
    "Human Rights Watch", "the Associated Press", "Interpol", "the Red Cross", "Greenpeace",
    "Deloitte", "the European Commission", "Oxfam",
)  # fmt: skip
PHRASES = (
    "a complete disaster for everyone", "the worst decision we have ever made",
    "a victory for common sense", "nothing short of a miracle",
    "an insult to every family involved", "the proudest moment of my career",
)  # fmt: skip
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = (
    "January February March April May June July August September October November December"
).split()
NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
SYNONYMS = {
    "said": "stated", "says": "states", "children": "kids", "nearly": "almost",
    "because": "since", "began": "started", "buy": "purchase", "big": "large", "very": "extremely",
    "many": "numerous", "people": "individuals", "showed": "demonstrated", "before": "prior to",
    "also": "additionally", "died": "passed away", "quickly": "rapidly", "later": "afterwards",
}  # fmt: skip
_STOP = frozenset(
    "a an the this that these those he she it we they i you his her its our their my your "
    "in on at by for from to with of and or but as after before while when where who what "
    "why how there here if so yet also now then some many most all each every both".split()
)


def digest(text: str) -> int:
    """A stable integer for ``text`` (every choice in the set is made with it)."""
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:12], 16)


def half(doc_id: str) -> str:
    """``tune`` or ``held``, fixed by the document id (all sentences of a document together)."""
    return "tune" if digest("half:" + doc_id) % 2 == 0 else "held"


def detokenize(text: str) -> str:
    """Undo PTB tokenisation of CNN/DM highlights ("we 're", "`` x , ''", "` slow '")."""
    s = re.sub(r"``\s*(.*?)\s*''", r'"\1"', text)
    s = re.sub(r"`\s+(.*?)\s+'(?=\s|$|[,.;:])", r"'\1'", s)
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", s)
    s = re.sub(r" ' (?=\w)", "' ", s)
    s = re.sub(r" ([,.;:?!%)])", r"\1", s)
    s = re.sub(r"([($£€]) ", r"\1", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"\?\.$", "?", s)
    return s if s[-1:] in ".!?\"'" else s + "."


def _present(token: str, source: str, *, case: bool = True) -> bool:
    flags = 0 if case else re.IGNORECASE
    return re.search(r"(?<!\w)" + re.escape(token) + r"(?!\w)", source, flags) is not None


def literally_supported(sentence: str, source: str) -> bool:
    """Every capitalised word, digit string, number word and quotation occurs verbatim."""
    quotes = re.findall(r"[\"“]([^\"”]+)[\"”]", sentence)
    quotes += re.findall(r"(?<!\w)['‘]([^'’]{3,}?)['’](?!\w)", sentence)
    for quoted in quotes:
        if " ".join(quoted.split()).strip(" ,.").lower() not in " ".join(source.split()).lower():
            return False
    tokens = re.findall(r"[\w][\w'’.,&-]*[\w]|\w", sentence)
    for i, raw in enumerate(tokens):
        token = re.sub(r"['’]s$", "", raw)
        if any(c.isdigit() for c in token):
            if not _present(token, source) and not _number_word_present(token, source):
                return False
        elif token.lower() in NUMBER_WORDS[2:]:
            digit = str(NUMBER_WORDS.index(token.lower()))
            if not (_present(token, source, case=False) or _present(digit, source)):
                return False
        elif token[0].isupper():
            if i == 0 and token.lower() in _STOP:
                continue
            if not _present(token, source, case=i > 0):
                return False
    return True


def _number_word_present(token: str, source: str) -> bool:
    return (
        token.isdigit()
        and int(token) < len(NUMBER_WORDS)
        and _present(NUMBER_WORDS[int(token)], source, case=False)
    )


def read_rows(data_dir: Path, name: str) -> list[dict[str, Any]]:
    with (data_dir / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def source_sentences(text: str) -> list[str]:
    """Source sentences with the segmenter of precis (not the guard), for paraphrasing."""
    from precis.sentences import sentence_spans

    return [" ".join(text[a:b].split()) for a, b in sentence_spans(text)]


def clean_sentences(text: str) -> list[str]:
    """Sentences of the source as precis loads it (repaired text, as the guard sees it)."""
    from precis import api

    return [s.text for s in api.load_text(text).sentences]


def iter_documents(data_dir: Path) -> Iterator[dict[str, Any]]:
    """Documents of the three news sets with usable sources, in file order."""
    for row in read_rows(data_dir, CNN):
        if row["meta"].get("source_quality") or row["meta"]["origin"] == "W4ngatang/qags":
            continue
        refs = [detokenize(r) for r in row["reference"].split("\n") if r.strip()]
        yield {
            "id": row["id"],
            "set": CNN,
            "source": row["source"],
            "refs": refs,
            "kind": "highlight",
        }
    for row in read_rows(data_dir, WRITER):
        refs = source_sentences(row["reference"])
        yield {
            "id": row["id"],
            "set": WRITER,
            "source": row["source"],
            "refs": refs,
            "kind": "writer",
        }
    for row in read_rows(data_dir, XSUM):
        yield {"id": row["id"], "set": XSUM, "source": row["source"], "refs": [], "kind": None}


_JUNK = re.compile(
    r"\(CNN\)|PUBLISHED|UPDATED|Share this|\||@|http|Last updated|Daily Mail Reporter|©"
)


def _paraphrase_candidates(doc: dict[str, Any]) -> list[str]:
    """Plain source sentences of 10-45 words, in a fixed hashed order."""
    out = [
        s
        for s in clean_sentences(doc["source"])
        if 10 <= len(s.split()) <= 45
        and s[:1].isupper()
        and s.endswith(".")
        and not _JUNK.search(s)
    ]
    return sorted(out, key=lambda s: digest(doc["id"] + s))


def build_set(
    data_dir: Path, *, per_doc: int = 2, xsum_docs: int = 80
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The labelled rows and the source text of every document they refer to: up to
    ``per_doc`` highlights or writer sentences and one paraphrase per document."""
    from guard_edits import inject, paraphrase, swap_actor

    sources: dict[str, str] = {}
    supported: list[dict[str, Any]] = []
    xsum = 0
    for doc in iter_documents(data_dir):
        if doc["set"] == XSUM:
            if xsum >= xsum_docs:
                continue
            xsum += 1
        src = doc["source"]
        sources[doc["id"]] = src
        refs = [r for r in doc["refs"] if len(r.split()) >= 6 and literally_supported(r, src)]
        refs.sort(key=lambda r: digest(doc["id"] + r))
        picked = [(doc["kind"], r) for r in refs[:per_doc]]
        for sentence in _paraphrase_candidates(doc):
            para = paraphrase(sentence, digest(sentence))
            if para:
                picked.append(("paraphrase", para))
                break
        for kind, text in picked:
            supported.append(_row(doc, len(supported), "supported", kind, text))
    rows = list(supported)
    for k, base in enumerate(supported):
        src = sources[base["doc"]]
        seed = digest(base["id"])
        for j in range(len(INJECTIONS)):
            kind = INJECTIONS[(k + j) % len(INJECTIONS)]
            if kind in ("foreign", "unrelated"):
                text = _foreign(supported, k, kind == "unrelated")
            else:
                text = inject(kind, base["text"], src, seed)
            if text and text != base["text"]:
                rows.append(_row(base, len(rows), "unsupported", kind, text, base=base["id"]))
                break
        actor = swap_actor(base["text"], src, seed)
        if actor:
            rows.append(_row(base, len(rows), "unsupported", "actor", actor, base=base["id"]))
    return rows, sources


def _foreign(supported: list[dict[str, Any]], k: int, plain: bool) -> str | None:
    """A supported sentence of another document of the same set; ``plain``: one without any
    name, number or quotation, so that only the support score can tell."""
    n = len(supported)
    for step in range(1, n):
        other = supported[(k + step * 37) % n]
        if other["doc"] == supported[k]["doc"] or other["set"] != supported[k]["set"]:
            continue
        if not plain or not _CHECKABLE.search(other["text"][1:]):
            return str(other["text"])
    return None


_CHECKABLE = re.compile(
    r"[A-Z0-9\"“”‘’]|'\w|\w'(?!s\b)|\b(?:" + "|".join(NUMBER_WORDS[2:]) + r")\b"
)


def _row(
    doc: dict[str, Any], n: int, label: str, kind: str, text: str, base: str | None = None
) -> dict[str, Any]:
    doc_id = doc.get("doc", doc.get("id"))
    row = {"id": f"g{n:04d}", "doc": doc_id, "set": doc["set"], "half": half(str(doc_id))}
    row.update({"label": label, "kind": kind, "text": text})
    if base:
        row["base"] = base
    return row
