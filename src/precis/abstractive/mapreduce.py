"""Summaries of documents longer than the model's context (issue 4, "Long documents").

Two strategies. ``map-reduce``: chunks that fit one prompt (:func:`chunk_document`) are
summarised independently (in parallel batches); while the partial summaries do not fit one prompt
together, consecutive partials are grouped into prompts that fit and summarised again; once they
fit, a final call summarises them all. ``refine``: the first chunk is summarised, then each next
chunk is read together with the summary so far, which is rewritten (sequential, one call per
chunk, but every call sees the running summary). The faithfulness guard then judges the final
summary against the whole source. A chunk's budget is ``context_tokens -
max_new_tokens - template_cost`` (the template counted with the caller's counter); every prompt is
recounted before it is sent, and one that leaves no room for the answer raises InvariantError.

Truncation (never silent): only what cannot be split is cut, at a word boundary - a sentence
longer than the budget (chunking's ``oversized``) or one answer longer than the budget; each cut
is logged at WARNING and counted in ``truncated``. Non-shrinking loops: a round whose answers are
not shorter in total than its inputs raises :class:`ReductionError` (the model echoes instead of
summarising; keeping the shortest text would return one that neither fits nor summarises).
"""

from __future__ import annotations

import dataclasses
import inspect
import logging
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from precis.abstractive.backends import Backend
from precis.abstractive.chunking import PARAGRAPH_JOINT, chunk_document
from precis.abstractive.guard import Guard, GuardOptions, GuardResult
from precis.document import Document
from precis.errors import EmptyInputError, InvariantError, OptionError, PrecisError
from precis.limits import check
from precis.sentences import sentence_spans

logger = logging.getLogger(__name__)

DEFAULT_PROMPT = (
    "Summarize the following text in a few sentences. Keep names, numbers and dates exactly "
    "as written and add nothing that the text does not say.\n\nText:\n{text}\n\nSummary:"
)
REFINE_PROMPT = (
    "Here is a summary of the first part of a document:\n{summary}\n\nUpdate it with the next "
    "part below, in a few sentences. Keep names, numbers and dates exactly as written and add "
    "nothing that the text does not say.\n\nText:\n{text}\n\nSummary:"
)
STRATEGIES = ("map-reduce", "refine")
PROGRESS_BATCH = 16  # prompts sent per backend call when progress is reported
EDGE_TOKENS = 4  # chunks leave this many tokens of the budget for merges at the template's edge

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: stage is ``map``, ``reduce`` or ``refine``."""

_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_INNER_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")


class ReductionError(PrecisError):
    """A reduce round did not shorten the partial summaries; the backend is not summarising."""

    http_status = 502
    code = "no_reduction"


@dataclass(frozen=True, slots=True)
class LongSummary:
    """The result of :func:`summarize_long`.

    Attributes:
        text: the final summary after the guard's policy (the model's answer when it is ``off``).
        raw: the model's final answer, before the guard.
        guard: the guard's verdict on each sentence of ``raw``; None when the policy is ``off``.
        chunks: chunks the document was cut into (map calls); calls: all prompts sent.
        rounds: reduce rounds, the final call included (0 when one chunk held the document).
        prompt_tokens: ``count_tokens`` of every prompt sent, in sending order.
        truncated: texts cut at a word boundary to fit the budget (see the module).
        strategy: ``map-reduce`` or ``refine``.
        cut_answers: answers that ended mid-sentence and were cut back to a whole sentence.
    """

    text: str
    raw: str
    guard: GuardResult | None
    chunks: int
    calls: int
    rounds: int
    prompt_tokens: tuple[int, ...]
    truncated: int
    strategy: str = "map-reduce"
    cut_answers: int = 0


def summarize_long(
    doc: Document,
    backend: Backend,
    *,
    count_tokens: Callable[[str], int],
    context_tokens: int,
    max_new_tokens: int,
    count_text: Callable[[str], int] | None = None,
    target_tokens: int | None = None,
    guard: GuardOptions = GuardOptions(),  # noqa: B008 (frozen, so a shared default is safe)
    prompt: str = DEFAULT_PROMPT,
    strategy: str = "map-reduce",
    refine_prompt: str = REFINE_PROMPT,
    sentences: Sequence[int] | None = None,
    judge: Guard | None = None,
    progress: Progress | None = None,
    stop_sentences: int | None = None,
) -> LongSummary:
    """Summarise ``doc`` of any length with a model that reads ``context_tokens`` at most.

    Args:
        doc: the source document.
        backend: the model (any :class:`~precis.abstractive.backends.Backend`).
        count_tokens: length of a prompt in the model's tokens, as the model will read it.
        count_text: length of a text inside a prompt (no chat template, no special tokens), for
            sentences, chunks and summaries; default ``count_tokens``.
        context_tokens: the model's context: prompt plus answer.
        max_new_tokens: the most tokens one answer may have.
        target_tokens: keep reducing until the final summary has at most this many tokens.
        guard: the faithfulness guard's options; its policy decides ``text``.
        prompt: the template; ``{text}`` marks where the text to summarise goes.
        strategy: ``map-reduce`` or ``refine`` (see the module).
        refine_prompt: the refine template, with ``{summary}`` and ``{text}``.
        sentences: summarise only these sentences (a section, or extracted passages); the
            guard still judges against the whole document.
        judge: a :class:`Guard` already built for ``doc`` (reused across sections).
        progress: called after each batch of prompts with (stage, done, total).
        stop_sentences: let a backend that can stop early end each answer once it holds this
            many whole sentences (the summary keeps no more).

    Raises:
        OptionError: a bad option, or a context too small for the template and the answer.
        EmptyInputError: the document (or the ``sentences`` given) has no sentences.
        ReductionError: a reduce round did not shorten the text.
    """
    if strategy not in STRATEGIES:
        raise OptionError(f"strategy must be one of {', '.join(STRATEGIES)}, got {strategy!r}")
    budget = _budget(count_tokens, context_tokens, max_new_tokens, target_tokens, prompt)
    if strategy == "refine":
        budget = _refine_budget(count_tokens, context_tokens, max_new_tokens, refine_prompt)
    text_tokens = count_text or count_tokens
    # a chunk's text is counted alone; where the tokenizer merges across the template's edge
    # the prompt can run a token or two over, which the caller's exact check then cuts
    margin = EDGE_TOKENS if count_text is not None else 0
    chunks = chunk_document(doc, text_tokens, max(budget - margin, 1), sentences=sentences)
    if not chunks:
        raise EmptyInputError("the document has no sentences to summarize")
    log = _Log(progress)
    caller = _Caller(
        backend,
        count_tokens,
        prompt,
        context_tokens,
        max_new_tokens,
        target_tokens,
        log,
        text_tokens,
        _stop_options(backend, stop_sentences),
    )
    logger.info("%s: %d chunks of at most %d tokens", strategy, len(chunks), budget)
    if strategy == "refine":
        texts = _refine([c.text for c in chunks], caller, refine_prompt)
    else:
        texts = caller.generate([c.text for c in chunks], stage="map")
    texts, rounds = _reduce(texts, caller, single=len(texts) == 1)
    raw = texts[0].strip()
    said = [raw[start:end] for start, end in sentence_spans(raw)]
    verdict = None
    if guard.policy != "off":
        verdict = (judge or Guard(doc, guard)).check(said)
    return LongSummary(
        text=raw if verdict is None else " ".join(verdict.kept()),
        raw=raw,
        guard=verdict,
        chunks=len(chunks),
        calls=len(log.prompt_tokens),
        rounds=rounds,
        prompt_tokens=tuple(log.prompt_tokens),
        truncated=log.truncated,
        strategy=strategy,
        cut_answers=log.cut_answers,
    )


def _budget(
    count_tokens: Callable[[str], int], context: int, max_new: int, target: int | None, prompt: str
) -> int:
    """Validate the options and return the tokens left for text in one prompt."""
    for name, value in (("context_tokens", context), ("max_new_tokens", max_new)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise OptionError(f"{name} must be an integer >= 1, got {value!r}")
    if target is not None and target < 1:
        raise OptionError(f"target_tokens must be >= 1 or None, got {target!r}")
    if "{text}" not in prompt:
        raise OptionError("prompt must contain the placeholder {text}")
    budget = context - max_new - count_tokens(prompt.replace("{text}", ""))
    if budget < 1:
        msg = f"context_tokens {context} leaves no room for text after the prompt template"
        raise OptionError(f"{msg} and max_new_tokens {max_new}; raise it or shorten the prompt")
    return budget


def _refine_budget(
    count_tokens: Callable[[str], int], context: int, max_new: int, refine_prompt: str
) -> int:
    """Tokens left for a chunk in a refine prompt, which also carries a summary of up to
    ``max_new`` tokens (an earlier answer)."""
    if "{text}" not in refine_prompt or "{summary}" not in refine_prompt:
        raise OptionError("refine_prompt must contain the placeholders {summary} and {text}")
    frame = refine_prompt.replace("{text}", "").replace("{summary}", "")
    budget = context - 2 * max_new - count_tokens(frame)
    if budget < 1:
        msg = f"context_tokens {context} leaves no room for text after the refine template"
        raise OptionError(f"{msg}, a summary and an answer of max_new_tokens {max_new}")
    return budget


def _refine(texts: Sequence[str], caller: _Caller, refine_prompt: str) -> list[str]:
    """Summarise the first text, then rewrite the summary with each next text in turn."""
    summary = caller.generate(texts[:1], stage="refine", done=0, total=len(texts))[0].strip()
    for i, text in enumerate(texts[1:], start=1):
        # The summary goes into the template as it is; braces in it must not act as placeholders.
        template = refine_prompt.replace("{summary}", summary.replace("{text}", "{ text}"))
        step = dataclasses.replace(caller, template=template)
        summary = step.generate([text], stage="refine", done=i, total=len(texts))[0].strip()
    return [summary]


def _reduce(texts: list[str], caller: _Caller, *, single: bool) -> tuple[list[str], int]:
    """Summarise groups of partials until one answer remains (and meets ``target``)."""
    rounds = 0
    reducing = not single or caller.over(texts[0])
    while reducing:
        groups = _group(texts, caller)
        before = sum(caller.count_text(t) for t in texts)
        rounds += 1
        line = "reduce round %d: %d partials (%d tokens) -> %d prompts"
        logger.info(line, rounds, len(texts), before, len(groups))
        texts = caller.generate(groups, stage="reduce")
        reducing = len(groups) > 1 or caller.over(texts[0])
        after = sum(caller.count_text(t) for t in texts)
        if reducing and after >= before:
            msg = f"reduce round {rounds} did not shorten the summaries"
            raise ReductionError(f"{msg} ({before} -> {after} tokens); is the backend summarizing?")
    return texts, rounds


@dataclass
class _Log:
    """What was sent, shared by every caller of one summary; reports progress."""

    progress: Progress | None = None
    prompt_tokens: list[int] = field(default_factory=list)
    truncated: int = 0
    cut_answers: int = 0  # answers that ended mid-sentence (at max_new_tokens, usually)


@dataclass(frozen=True)
class _Caller:
    """Builds prompts that fit, checks each before sending, and records what was sent."""

    backend: Backend
    count: Callable[[str], int]
    template: str
    context: int
    max_new: int
    target: int | None
    log: _Log
    count_text: Callable[[str], int]  # a text alone, as it reads inside a prompt
    stop: dict[str, int]  # extra keyword arguments of ``generate`` (an early stop), if any

    def over(self, text: str) -> bool:
        """True when a target is set and ``text`` exceeds it."""
        return self.target is not None and self.count_text(text) > self.target

    def fits(self, text: str) -> bool:
        """True when the prompt for ``text`` leaves room for the answer."""
        return self.count(self.template.replace("{text}", text)) + self.max_new <= self.context

    def fit(self, text: str) -> str:
        """``text`` cut at the last word boundary that fits (logged); unchanged if it fits."""
        if self.fits(text):
            return text
        cuts = [m.end() for m in _WORD.finditer(text)]
        k = _longest(len(cuts), lambda n: self.fits(text[: cuts[n - 1]]))
        cut = text[: cuts[k - 1] if k else _longest(len(text), lambda n: self.fits(text[:n]))]
        line = "truncated a text of %d tokens to %d to fit the budget"
        logger.warning(line, self.count(text), self.count(cut))
        self.log.truncated += 1
        return cut

    def generate(
        self, texts: Sequence[str], *, stage: str, done: int = 0, total: int | None = None
    ) -> list[str]:
        """One answer per text; every prompt is asserted to fit the context before it is sent.

        With a progress callback the prompts go in batches of :data:`PROGRESS_BATCH` (each
        batch still parallel or batched inside the backend) and progress is reported after each.
        """
        prompts = [self.template.replace("{text}", self.fit(t)) for t in texts]
        for p in prompts:
            tokens = self.count(p)
            if tokens + self.max_new > self.context:
                msg = f"prompt of {tokens} tokens + max_new_tokens {self.max_new}"
                raise InvariantError(f"{msg} exceeds the context of {self.context} tokens")
            self.log.prompt_tokens.append(tokens)
        check(f"summarizing ({stage})")
        report = self.log.progress
        if report is None:
            answers = self.backend.generate(prompts, max_tokens=self.max_new, **self.stop)
            return [self._whole(a) for a in answers]
        total = len(prompts) if total is None else total
        answers = []
        for start in range(0, len(prompts), PROGRESS_BATCH):
            batch = prompts[start : start + PROGRESS_BATCH]
            answers.extend(self.backend.generate(batch, max_tokens=self.max_new, **self.stop))
            report(stage, done + len(answers), total)
            check(f"summarizing ({stage})")
        return [self._whole(a) for a in answers]

    def _whole(self, answer: str) -> str:
        """The answer up to its last complete sentence: an answer cut at ``max_new`` tokens
        ends in half a sentence ("... which suggests"), which no summary should carry."""
        whole = whole_sentences(answer)
        if whole != answer.strip():
            self.log.cut_answers += 1
            logger.info("an answer ended mid-sentence; kept its %d whole characters", len(whole))
        return whole


def _stop_options(backend: Backend, sentences: int | None) -> dict[str, int]:
    """``{"stop_sentences": n}`` for a backend whose ``generate`` takes it (the local models),
    else nothing: the :class:`~precis.abstractive.backends.Backend` protocol does not ask it."""
    if not sentences:
        return {}
    try:
        accepts = "stop_sentences" in inspect.signature(backend.generate).parameters
    except (TypeError, ValueError):
        accepts = False
    return {"stop_sentences": sentences} if accepts else {}


def whole_sentences(text: str) -> str:
    """``text`` up to the end of its last complete sentence; all of it when it ends one, or
    when it holds no sentence end at all (nothing whole to keep: the guard judges it)."""
    text = text.strip()
    if not text or _SENTENCE_END.search(text):
        return text
    ends = [m.end() for m in _INNER_END.finditer(text)]
    return text[: ends[-1]].rstrip() if ends else text


def _group(texts: Sequence[str], caller: _Caller) -> list[str]:
    """Consecutive texts joined greedily into groups whose prompts fit (real counts, no estimate)."""
    groups = [""]
    for text in (t.strip() for t in texts):
        joined = f"{groups[-1]}{PARAGRAPH_JOINT}{text}" if groups[-1] else text
        if groups[-1] and not caller.fits(joined):
            groups.append(text)  # a lone text over the budget is cut by caller.fit
        else:
            groups[-1] = joined
    return groups


def _longest(n: int, fits: Callable[[int], bool]) -> int:
    """Largest k in 0..n with ``fits(k)`` (0 if none), fits being monotone; binary search."""
    return bisect_left(range(1, n + 1), True, key=lambda k: not fits(k))
