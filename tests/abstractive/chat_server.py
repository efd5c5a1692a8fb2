"""A tiny "model" behind a real OpenAI-protocol HTTP server on 127.0.0.1, for abstractive tests.

The server's model answers with the first two sentences of the document part of the prompt
(capped at ``max_tokens`` words, as a real server caps its answer), so every round really reduces;
``invent`` appends a sentence the source does not support, as chunk summarizers do. It records
each prompt and recounts it with the same whitespace counter, so the context check is made on
the server side too, not only by the code under test.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from precis.sentences import sentence_spans

HEAD, TAIL = "Text:\n", "\n\nSummary:"


def count_words(text: str) -> int:
    """The test's tokenizer: whitespace-separated words."""
    return len(text.split())


class TinyModel:
    """A ThreadingHTTPServer answering chat/completions; it records (prompt tokens, max_tokens)."""

    def __init__(
        self,
        *,
        echo: bool = False,
        invent: str = "",
        only_invent: bool = False,
        pages: dict[str, Any] | None = None,
        n_ctx: int | None = None,
    ) -> None:
        self.pages = pages or {}  # GET path -> JSON body ("/props", "/v1/models")
        self.n_ctx = n_ctx  # refuse longer requests with HTTP 400, as vLLM and llama.cpp do
        self.echo = echo
        self.invent = invent
        self.only_invent = only_invent  # answer with the invented text alone
        self.requests: list[tuple[int, int]] = []
        self.prompts: list[str] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def answer(self, prompt: str, max_tokens: int) -> str:
        """The document part's first two sentences (or all of it when echoing), capped."""
        part = prompt[prompt.index(HEAD) + len(HEAD) : prompt.rindex(TAIL)]
        spans = sentence_spans(part)
        text = part if self.echo else " ".join(part[s:e] for s, e in spans[:2])
        if self.only_invent:
            text = ""
        return " ".join(f"{text} {self.invent}".split()[:max_tokens])

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        model = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                page = model.pages.get(self.path)
                reply = json.dumps(page).encode() if page is not None else b"{}"
                self.send_response(200 if page is not None else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                prompt = body["messages"][-1]["content"]
                asked = count_words(prompt) + body["max_tokens"]
                if model.n_ctx is not None and asked > model.n_ctx:
                    error = f"This model's maximum context length is {model.n_ctx} tokens. "
                    error += f"However, you requested {asked} tokens."
                    reply = json.dumps({"error": {"message": error}}).encode()
                    self.send_response(400)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(reply)))
                    self.end_headers()
                    self.wfile.write(reply)
                    return
                with model._lock:
                    model.requests.append((count_words(prompt), body["max_tokens"]))
                    model.prompts.append(prompt)
                content = model.answer(prompt, body["max_tokens"])
                message = {"role": "assistant", "content": content}
                reply = json.dumps({"choices": [{"index": 0, "message": message}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        return Handler


def serve(model: TinyModel) -> Iterator[TinyModel]:
    """Run the server in a thread for the duration of a fixture."""
    thread = threading.Thread(target=model.server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield model
    model.server.shutdown()
    model.server.server_close()
