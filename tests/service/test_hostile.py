"""Hostile and malformed requests: each gets a 4xx JSON error, never a 500 (STYLE.md mistake 9).

Each row is (id, route, request keyword arguments for httpx, expected status or None for "any
4xx"). A regression row belongs here whenever a bad input once produced a 500.
"""

from __future__ import annotations

import json
import random

import httpx
import pytest
from service_helpers import EXAMPLES, assert_error

PDF = (EXAMPLES / "beast-jewel-of-mars.pdf").read_bytes()
JSON = {"Content-Type": "application/json"}
GARBAGE = random.Random(5).randbytes(4096)  # fixed: a failure must reproduce


def _deep(levels: int) -> bytes:
    return b'{"text": "x", "abstractive": ' + b'{"a": ' * levels + b"1" + b"}" * levels + b"}"


def _file(name: str, data: bytes, ctype: str) -> dict:
    return {"files": {"file": (name, data, ctype)}}


CASES = [
    ("empty-body", "/v1/summarize", {"content": b"", "headers": JSON}, 400),
    ("invalid-json", "/v1/summarize", {"content": b'{"text": ', "headers": JSON}, 400),
    ("not-utf8-json", "/v1/summarize", {"content": b'{"text": "\xff\xfe"}', "headers": JSON}, 400),
    (
        "nan-constant",
        "/v1/summarize",
        {"content": b'{"text": "a b.", "ratio": NaN}', "headers": JSON},
        400,
    ),
    ("json-list", "/v1/summarize", {"json": [{"text": "hello"}]}, 422),
    ("json-string", "/v1/summarize", {"json": "hello"}, 422),
    ("unknown-field", "/v1/summarize", {"json": {"text": "Hello there.", "colour": "red"}}, 422),
    (
        "both-text-and-url",
        "/v1/summarize",
        {"json": {"text": "Hi.", "url": "https://example.com/"}},
        422,
    ),
    ("neither-text-nor-url", "/v1/summarize", {"json": {"sentences": 2}}, 422),
    ("null-text", "/v1/summarize", {"json": {"text": None}}, 422),
    ("text-not-string", "/v1/summarize", {"json": {"text": 12345}}, 422),
    ("whitespace-text", "/v1/summarize", {"json": {"text": " \n\t  "}}, 400),
    ("pdf-format-for-text", "/v1/summarize", {"json": {"text": "Hi.", "format": "pdf"}}, 422),
    ("unknown-format", "/v1/summarize", {"json": {"text": "Hi.", "format": "docx"}}, 422),
    (
        "binary-garbage-upload",
        "/v1/summarize",
        _file("x.bin", GARBAGE, "application/octet-stream"),
        415,
    ),
    ("zero-byte-file", "/v1/summarize", _file("empty.txt", b"", "text/plain"), 400),
    ("fake-pdf", "/v1/summarize", _file("a.pdf", b"%PDF-1.7\n" + GARBAGE, "application/pdf"), 422),
    (
        "truncated-pdf",
        "/v1/summarize",
        _file("cut.pdf", PDF[: len(PDF) // 3], "application/pdf"),
        422,
    ),
    (
        "binary-claiming-html",
        "/v1/summarize",
        _file("a.html", b"<html>" + GARBAGE, "text/html"),
        415,
    ),
    ("zip-as-text", "/v1/summarize", _file("a.txt", b"PK\x03\x04" + GARBAGE, "text/plain"), 415),
    (
        "two-files",
        "/v1/summarize",
        {"files": [("file", ("a.txt", b"A b.")), ("file", ("b.txt", b"C d."))]},
        422,
    ),
    ("unexpected-file-field", "/v1/summarize", {"files": {"other": ("a.txt", b"Text here.")}}, 422),
    (
        "file-and-text",
        "/v1/summarize",
        {"files": {"file": ("a.txt", b"A b.")}, "data": {"text": "C d."}},
        422,
    ),
    (
        "bad-options-json",
        "/v1/summarize",
        {"files": {"file": ("a.txt", b"A b.")}, "data": {"options": "{"}},
        400,
    ),
    (
        "options-clash",
        "/v1/summarize",
        {
            "files": {"file": ("a.txt", b"A b.")},
            "data": {"options": '{"sentences": 1}', "sentences": "2"},
        },
        422,
    ),
    (
        "form-bad-int",
        "/v1/summarize",
        {"files": {"file": ("a.txt", b"A b.")}, "data": {"sentences": "many"}},
        422,
    ),
    (
        "broken-multipart",
        "/v1/summarize",
        {
            "content": b"--xx\r\nnonsense",
            "headers": {"Content-Type": "multipart/form-data; boundary=xx"},
        },
        422,
    ),
    (
        "multipart-no-boundary",
        "/v1/summarize",
        {"content": b"abc", "headers": {"Content-Type": "multipart/form-data"}},
        400,
    ),
    (
        "xml-content-type",
        "/v1/summarize",
        {"content": b"<a/>", "headers": {"Content-Type": "application/xml"}},
        415,
    ),
    ("file-url", "/v1/summarize", {"json": {"url": "file:///etc/passwd"}}, 403),
    ("ftp-url", "/v1/summarize", {"json": {"url": "ftp://example.com/a.txt"}}, 403),
    ("path-as-url", "/v1/summarize", {"json": {"url": "/etc/passwd"}}, 403),
    ("loopback-url", "/v1/summarize", {"json": {"url": "http://127.0.0.1/"}}, 403),
    ("localhost-url", "/v1/summarize", {"json": {"url": "http://localhost:8000/v1/jobs"}}, 403),
    (
        "metadata-url",
        "/v1/summarize",
        {"json": {"url": "http://169.254.169.254/latest/meta-data/"}},
        403,
    ),
    ("private-url", "/v1/summarize", {"json": {"url": "http://10.0.0.1/"}}, 403),
    ("credentials-url", "/v1/summarize", {"json": {"url": "http://user:pw@example.com/"}}, 403),
    ("negative-sentences", "/v1/summarize", {"json": {"text": "A b.", "sentences": -3}}, 422),
    ("zero-words", "/v1/summarize", {"json": {"text": "A b.", "words": 0}}, 422),
    ("ratio-2", "/v1/summarize", {"json": {"text": "A b.", "ratio": 2.0}}, 422),
    ("two-budgets", "/v1/summarize", {"json": {"text": "A b.", "sentences": 2, "words": 10}}, 422),
    ("unknown-method", "/v1/summarize", {"json": {"text": "A b.", "method": "magic"}}, 422),
    ("unknown-order", "/v1/summarize", {"json": {"text": "A b.", "order": "random"}}, 422),
    ("empty-query", "/v1/summarize", {"json": {"text": "A b.", "query": "  "}}, 422),
    (
        "query-and-per-section",
        "/v1/summarize",
        {"json": {"text": "A b.", "query": "a", "per_section": 1}},
        422,
    ),
    (
        "bad-strategy",
        "/v1/summarize",
        {"json": {"text": "A b.", "abstractive": {"model": "m", "strategy": "guess"}}},
        422,
    ),
    (
        "bad-guard",
        "/v1/summarize",
        {"json": {"text": "A b.", "abstractive": {"model": "m", "guard": "maybe"}}},
        422,
    ),
    (
        "abstractive-extra",
        "/v1/summarize",
        {"json": {"text": "A b.", "abstractive": {"model": "m", "api_key_env": "AWS_SECRET"}}},
        422,
    ),
    ("abstractive-no-model", "/v1/summarize", {"json": {"text": "A b.", "abstractive": {}}}, 422),
    ("deep-json-100", "/v1/summarize", {"content": _deep(100), "headers": JSON}, 422),
    ("deep-json-100000", "/v1/summarize", {"content": _deep(100_000), "headers": JSON}, 400),
    (
        "huge-number",
        "/v1/summarize",
        {"content": b'{"text": "A b.", "sentences": ' + b"9" * 5000 + b"}", "headers": JSON},
        400,
    ),
    ("check-empty", "/v1/check", {"content": b"", "headers": JSON}, 400),
    ("check-no-source", "/v1/check", {"json": {"summary": "A b."}}, 422),
    (
        "check-unknown-field",
        "/v1/check",
        {"json": {"source": {"text": "A b."}, "summary": "A.", "x": 1}},
        422,
    ),
    (
        "check-source-loopback",
        "/v1/check",
        {"json": {"source": {"url": "http://127.0.0.1/"}, "summary": "A."}},
        403,
    ),
    (
        "check-two-summaries",
        "/v1/check",
        {
            "files": {"source": ("a.txt", b"A b."), "summary": ("s.txt", b"A.")},
            "data": {"summary": "B."},
        },
        422,
    ),
    (
        "check-binary-summary",
        "/v1/check",
        {"files": {"source": ("a.txt", b"The ship. The jewel."), "summary": ("s.bin", GARBAGE)}},
        415,
    ),
    ("jobs-invalid-json", "/v1/jobs", {"content": b"[1,", "headers": JSON}, 400),
    ("jobs-loopback-url", "/v1/jobs", {"json": {"url": "http://127.0.0.1:1/"}}, 403),
    ("jobs-bad-option", "/v1/jobs", {"json": {"text": "A b.", "ratio": 2}}, 422),
]


def _params() -> list:
    """The table as pytest params: the first item of each row is its id."""
    out = []
    for case in CASES:
        values, marks = (case.values, case.marks) if hasattr(case, "marks") else (case, ())
        out.append(pytest.param(*values[1:], id=values[0], marks=marks))
    return out


@pytest.mark.parametrize(("route", "kwargs", "status"), _params())
def test_hostile_input_is_4xx_json(
    client: httpx.Client, route: str, kwargs: dict, status: int | None
) -> None:
    r = client.post(route, **kwargs)
    assert 400 <= r.status_code < 500, r.text[:500]
    assert_error(r, status if status is not None else r.status_code)
    assert "Traceback" not in r.text and "root:" not in r.text


def test_unknown_route_and_method_are_json(client: httpx.Client) -> None:
    assert_error(client.get("/v1/nothing"), 404, "not_found")
    assert_error(client.get("/v1/summarize"), 405, "method_not_allowed")


def test_validation_error_names_the_field(client: httpx.Client) -> None:
    error = assert_error(client.post("/v1/summarize", json={"text": "A.", "ratio": 2}), 422)
    assert "ratio" in error["message"] and error["code"] == "invalid_request"
    assert json.dumps(error).count("A.") == 0  # the input is not echoed
