"""One abstractive summary of a document, end to end (issue 4).

Open the model (a local transformers model, or an OpenAI-compatible server), cut the document
down to its salient passages when it is very long (extract-then-abstract), summarise it as a
whole or section by section with map-reduce or refine, judge every sentence the model wrote with
the faithfulness guard, and apply the guard's policy and the caller's length caps. The result
keeps every sentence the model wrote, with why each one was dropped, so nothing is lost silently.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from precis.abstractive.backends import Backend
from precis.abstractive.chunking import chunk_document
from precis.abstractive.guard import Guard, SentenceCheck
from precis.abstractive.mapreduce import (
    DEFAULT_PROMPT,
    EDGE_TOKENS,
    LongSummary,
    Progress,
    summarize_long,
)
from precis.abstractive.options import AbstractiveOptions
from precis.document import Document
from precis.errors import EmptyInputError
from precis.sentences import sentence_spans

logger = logging.getLogger(__name__)

SERVER_CONTEXT = 8192  # a server's context when none is given (precis cannot ask the server)
CHAT_OVERHEAD = 8  # tokens a chat template adds around each message, generously
# Share of the token budget the extract-then-abstract pass fills: per-sentence counts do not add
# up exactly to a chunk's count, so the preselection aims a little under max_chunks chunks.
PRESELECT_FILL = 0.9
FALLBACK = 3  # extractive sentences given when the guard keeps none and no cap is set


def estimate_tokens(text: str) -> int:
    """Tokens of ``text`` for a server whose tokenizer we cannot see: one per 3 UTF-8 bytes.

    Subword tokenizers average about 4 characters a token on English prose, so this errs on
    the safe side (a prompt sent is never longer than we think); no exact count is possible.
    """
    return -(-len(text.encode("utf-8")) // 3)


@dataclass(frozen=True)
class ModelHandle:
    """A ready backend and what precis must know about it to keep every prompt in its context."""

    backend: Backend
    count_tokens: Callable[[str], int]  # a whole prompt, as the model reads it
    count_text: Callable[[str], int]  # a text inside a prompt (a sentence, a chunk)
    context_for: Callable[[int], int]  # max_new_tokens -> context_tokens for summarize_long
    default_prompt: str
    name: str
    # a server that refused a prompt names its context: remember it for later calls
    learn_context: Callable[[int], None] | None = None


def open_model(options: AbstractiveOptions) -> ModelHandle:
    """The backend for ``options`` (a loaded local model is reused by later calls)."""
    key = options.backend_key()
    with _CACHE_LOCK:
        handle = _CACHE.get(key)
        if handle is not None:
            _CACHE.move_to_end(key)
            return handle
    handle = _open(options)
    with _CACHE_LOCK:
        _CACHE[key] = handle
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return handle


_CACHE: OrderedDict[tuple[object, ...], ModelHandle] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 2  # models are large: keep the last two


def _open(options: AbstractiveOptions) -> ModelHandle:
    if options.remote:
        from precis.abstractive.backends.openai_http import DEFAULT_SYSTEM_PROMPT, OpenAIChatBackend

        server = OpenAIChatBackend(
            options.model,
            options.remote_model or "",
            api_key_env=options.api_key_env,
            timeout=options.timeout,
            retries=options.retries,
            concurrency=options.concurrency,
        )
        frame = estimate_tokens(DEFAULT_SYSTEM_PROMPT) + 2 * CHAT_OVERHEAD  # system + user turns
        context = server.context_tokens()  # the options' context_tokens caps it later
        if context is None and options.context_tokens is None:
            logger.warning(
                "the server at %s does not say its context length; assuming %d tokens "
                "(set --context-tokens to the server's, e.g. llama.cpp's -c)",
                options.model,
                SERVER_CONTEXT,
            )
        known = [context or SERVER_CONTEXT]
        return ModelHandle(
            backend=server,
            count_tokens=lambda prompt: frame + estimate_tokens(prompt),
            count_text=estimate_tokens,
            context_for=lambda max_new: known[0],
            default_prompt=DEFAULT_PROMPT,
            name=f"{options.remote_model} at {options.model}",
            learn_context=lambda limit: known.__setitem__(0, limit),
        )
    if is_ctranslate2_folder(options.model):
        from precis.abstractive.backends.ctranslate2_backend import CTranslate2Backend

        converted = CTranslate2Backend(
            options.model,
            device=options.device,
            batch_size=options.batch_size,
            beam_size=options.num_beams,
            sampling_topk=0 if options.do_sample else 1,
            sampling_temperature=options.temperature,
            no_repeat_ngram_size=options.no_repeat_ngram_size,
        )
        return ModelHandle(
            backend=converted,
            count_tokens=converted.count_tokens,
            count_text=converted.count_text_tokens,
            context_for=converted.context_tokens,
            default_prompt=converted.default_prompt,
            name=f"{options.model} (CTranslate2)",
        )
    from precis.abstractive.backends.huggingface import TransformersBackend

    local = TransformersBackend(
        options.model,
        device=options.device,
        dtype=options.dtype,
        batch_size=options.batch_size,
        num_beams=options.num_beams,
        do_sample=options.do_sample,
        temperature=options.temperature,
        top_p=options.top_p,
        no_repeat_ngram_size=options.no_repeat_ngram_size,
    )
    return ModelHandle(
        backend=local,
        count_tokens=local.count_tokens,
        count_text=local.count_text_tokens,
        context_for=local.context_tokens,
        default_prompt=local.default_prompt,
        name=options.model,
    )


def is_ctranslate2_folder(model: str) -> bool:
    """A local folder holding a CTranslate2-converted model (``model.bin``, no torch weights)."""
    return (Path(model) / "model.bin").is_file()


@dataclass(frozen=True, slots=True)
class AbstractSentence:
    """A sentence the model wrote, its verdict, and whether the summary keeps it.

    ``dropped`` says why a sentence is not kept: ``unsupported`` (the guard drops it),
    ``duplicate`` (it repeats an earlier one) or ``budget`` (over the length cap).
    """

    index: int
    text: str
    kept: bool
    check: SentenceCheck | None = None
    dropped: str | None = None

    @property
    def flagged(self) -> bool:
        """Kept although the guard found it unsupported (policy ``flag``)."""
        return self.kept and self.check is not None and not self.check.supported

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"index": self.index, "text": self.text, "kept": self.kept}
        out["dropped"] = self.dropped
        if self.check is not None:
            verdict = self.check.to_dict()
            for name in ("supported", "score", "unsupported", "evidence", "repaired"):
                out[name] = verdict[name]
            out["duplicate_of"] = verdict["duplicate_of"]
        return out


@dataclass(frozen=True)
class AbstractPart:
    """The abstract of the whole document, or of one section (``section``, ``heading``)."""

    sentences: tuple[AbstractSentence, ...]
    section: int | None = None
    heading: str | None = None
    raw: str = ""

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences if s.kept)

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "heading": self.heading,
            "text": self.text,
            "raw": self.raw,
            "sentences": [s.to_dict() for s in self.sentences],
        }


@dataclass(frozen=True)
class AbstractiveSummary:
    """An abstractive summary: its parts (one, or one per section) and how it was made."""

    document: Document
    parts: tuple[AbstractPart, ...]
    model: str
    strategy: str
    guard: str
    calls: int
    chunks: int
    rounds: int
    max_prompt_tokens: int
    context_tokens: int
    truncated: int
    preselected: int | None
    seconds: float
    # extractive sentences given instead when the guard kept no sentence of the model's (bug 6)
    fallback: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        written = "\n\n".join(p.text for p in self.parts if p.text)
        return written or " ".join(self.fallback)

    @property
    def sentences(self) -> tuple[AbstractSentence, ...]:
        return tuple(s for p in self.parts for s in p.sentences)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape shared by the CLI, the service and batch records."""
        return {
            "mode": "abstractive",
            "model": self.model,
            "strategy": self.strategy,
            "guard": self.guard,
            "title": self.document.metadata.title,
            "metadata": self.document.metadata.to_dict(),
            "document_sentences": len(self.document.sentences),
            "text": self.text,
            "parts": [p.to_dict() for p in self.parts],
            "fallback": {"method": "extractive", "sentences": list(self.fallback)}
            if self.fallback
            else None,
            "warnings": list(self.warnings),
            "stats": {
                "calls": self.calls,
                "chunks": self.chunks,
                "rounds": self.rounds,
                "max_prompt_tokens": self.max_prompt_tokens,
                "context_tokens": self.context_tokens,
                "truncated": self.truncated,
                "preselected_sentences": self.preselected,
                "seconds": round(self.seconds, 3),
            },
        }


def summarize_abstractive(
    doc: Document,
    options: AbstractiveOptions,
    *,
    handle: ModelHandle | None = None,
    progress: Progress | None = None,
    max_sentences: int | None = None,
    max_words: int | None = None,
) -> AbstractiveSummary:
    """Summarise ``doc`` with the model in ``options``; every sentence is judged by the guard.

    Args:
        doc: the source document.
        options: model, strategy, guard and generation settings.
        handle: an opened model (default: :func:`open_model` of ``options``).
        progress: called with (stage, done, total) as prompts complete.
        max_sentences: keep at most this many sentences (per section with ``per_section``).
        max_words: keep whole sentences up to this many words (per section likewise).

    Raises:
        EmptyInputError: the document has no sentences.
        PrecisError: typed errors of the backend (unreachable server, model not found, ...).
    """
    if not doc.sentences:
        raise EmptyInputError("the document has no sentences to summarize")
    handle = handle or open_model(options)
    from precis.abstractive.backends.openai_http import ContextLengthError

    try:
        return _summarize(doc, options, handle, progress, max_sentences, max_words)
    except ContextLengthError as exc:
        if handle.learn_context is None or exc.limit >= handle.context_for(options.max_new_tokens):
            raise
        logger.warning("the server's context is %d tokens; summarizing again within it", exc.limit)
        handle.learn_context(exc.limit)
        return _summarize(doc, options, handle, progress, max_sentences, max_words)


def _summarize(
    doc: Document,
    options: AbstractiveOptions,
    handle: ModelHandle,
    progress: Progress | None,
    max_sentences: int | None,
    max_words: int | None,
) -> AbstractiveSummary:
    """:func:`summarize_abstractive` once, within the context the handle knows."""
    started = time.perf_counter()
    context = handle.context_for(options.max_new_tokens)
    if options.context_tokens is not None:
        context = min(context, options.context_tokens)
    judge = Guard(doc, options.guard) if options.guard.policy != "off" else None
    settings: dict[str, Any] = {
        "count_tokens": handle.count_tokens,
        "count_text": handle.count_text,
        "context_tokens": context,
        "max_new_tokens": options.max_new_tokens,
        "target_tokens": options.target_tokens,
        "guard": options.guard,
        "prompt": options.prompt or handle.default_prompt,
        "strategy": options.strategy,
        "judge": judge,
        "progress": progress,
        # one sentence over the cap: the guard may drop one
        "stop_sentences": max_sentences + 1 if max_sentences else None,
    }
    caps = (max_sentences, max_words)
    runs: list[tuple[LongSummary, AbstractPart]] = []
    preselected = None
    if options.per_section:
        for section, members in _sections(doc):
            result = summarize_long(doc, handle.backend, sentences=members, **settings)
            heading = doc.sections[section].heading
            runs.append((result, _part(result, caps, section=section, heading=heading)))
    else:
        members = _preselect(doc, handle, options, context)
        preselected = None if members is None else len(members)
        result = summarize_long(doc, handle.backend, sentences=members, **settings)
        runs.append((result, _part(result, caps)))
    results = [r for r, _ in runs]
    tokens = [t for r in results for t in r.prompt_tokens]
    parts = tuple(p for _, p in runs)
    fallback, warnings = _fallback(doc, parts, max_sentences, max_words)
    return AbstractiveSummary(
        document=doc,
        parts=parts,
        model=handle.name,
        strategy=options.strategy,
        guard=options.guard.policy,
        calls=sum(r.calls for r in results),
        chunks=sum(r.chunks for r in results),
        rounds=max((r.rounds for r in results), default=0),
        max_prompt_tokens=max(tokens, default=0),
        context_tokens=context,
        truncated=sum(r.truncated for r in results),
        preselected=preselected,
        seconds=time.perf_counter() - started,
        fallback=fallback,
        warnings=warnings,
    )


def _fallback(
    doc: Document,
    parts: Sequence[AbstractPart],
    max_sentences: int | None,
    max_words: int | None,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The extractive summary, marked as such, when the guard kept no sentence the model wrote:
    an empty summary helps no one, and an unsupported one must not be shown (issue 15)."""
    if any(s.kept for p in parts for s in p.sentences):
        return (), ()
    from precis.api import summarize
    from precis.options import SummarizeOptions

    budget = {"words": max_words} if max_words else {"sentences": max_sentences or FALLBACK}
    extractive = summarize(doc, SummarizeOptions(**budget))
    written = sum(len(p.sentences) for p in parts)
    warning = (
        f"the guard kept none of the model's {written} sentence(s); "
        f"showing {len(extractive.sentences)} extractive sentence(s) instead"
    )
    logger.warning(warning)
    return tuple(x.text for x in extractive.sentences), (warning,)


def _sections(doc: Document) -> list[tuple[int, list[int]]]:
    """Each section that has body sentences, with their indexes, in document order."""
    members: dict[int, list[int]] = {}
    for s in doc.sentences:
        members.setdefault(s.section, []).append(s.index)
    return sorted(members.items())


def _preselect(
    doc: Document, handle: ModelHandle, options: AbstractiveOptions, context: int
) -> list[int] | None:
    """Extract-then-abstract: the most salient sentences that fill at most ``max_chunks``
    chunks, in document order; None when the whole document fits (or preselection is off).

    Chunks are packed along paragraphs and sections, so a token budget of ``max_chunks`` full
    chunks can still take a chunk more; the budget shrinks until the real chunking fits.
    """
    if options.max_chunks == 0:
        return None
    prompt = options.prompt or handle.default_prompt
    per_chunk = context - options.max_new_tokens - handle.count_tokens(prompt.replace("{text}", ""))
    # the chunk size map-reduce packs to: the text budget less the template-edge margin
    per_chunk = max(per_chunk - EDGE_TOKENS, 1)
    counts = [handle.count_text(s.text) for s in doc.sentences]
    total = sum(counts)
    allowed = PRESELECT_FILL * options.max_chunks * per_chunk
    if (
        total <= allowed
        and len(chunk_document(doc, handle.count_text, per_chunk)) <= options.max_chunks
    ):
        return None
    from precis.extractive.engine import ranked
    from precis.options import SummarizeOptions

    order = ranked(doc, SummarizeOptions(method="auto", ratio=min(allowed / total, 1.0)))
    while True:  # the budget shrinks by at least a tenth a round: a few rounds at most
        chosen, used = [], 0
        for i in order:
            if used + counts[i] <= allowed:
                chosen.append(i)
                used += counts[i]
        chosen.sort()
        chunks = chunk_document(doc, handle.count_text, per_chunk, sentences=chosen)
        if len(chunks) <= options.max_chunks or not chosen:
            break  # never more chunks than asked (five shrinking rounds were not always enough)
        allowed *= PRESELECT_FILL * options.max_chunks / len(chunks)
    logger.info(
        "extract-then-abstract: %d of %d sentences (%d of %d tokens) go to the model",
        len(chosen),
        len(counts),
        used,
        total,
    )
    return chosen


def _part(
    result: LongSummary,
    caps: tuple[int | None, int | None],
    *,
    section: int | None = None,
    heading: str | None = None,
) -> AbstractPart:
    """The sentences of one summary with the guard's policy and the length caps applied."""
    max_sentences, max_words = caps
    if result.guard is None:
        texts = [result.raw[a:b] for a, b in sentence_spans(result.raw)]
        checks: Sequence[SentenceCheck | None] = [None] * len(texts)
        verdicts = [(t, None) for t in texts]
    else:
        checks = result.guard.sentences
        verdicts = [
            (c.output, _why_dropped(c, result.guard.policy)) for c in result.guard.sentences
        ]
    sentences, kept, words = [], 0, 0
    for i, ((text, why), check) in enumerate(zip(verdicts, checks, strict=True)):
        size = len(text.split())
        if why is None and (
            (max_sentences is not None and kept >= max_sentences)
            or (max_words is not None and words + size > max_words)
        ):
            why = "budget"
        if why is None:
            kept += 1
            words += size
        sentences.append(AbstractSentence(i, text, why is None, check, why))
    return AbstractPart(tuple(sentences), section, heading, result.raw)


def _why_dropped(check: SentenceCheck, policy: str) -> str | None:
    if check.duplicate_of is not None and policy != "off":
        return "duplicate"
    if policy == "drop" and not check.supported:
        return "unsupported"
    return None
