"""Issue 7's hostile-input corpus through the HTTP service: every file uploaded as a user would
(multipart, under the name that says what it claims to be) gets a 4xx JSON error of the same
type the Python API raises, or a 200 whose summary sentences are the API's own clean text.

The files and the API's expectations are tests/properties/test_hostile_corpus.py's (one corpus,
three entry points: the API and CLI are tested there).
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from service_helpers import assert_error
from tests.properties import test_hostile_corpus as hostile

from precis.api import load

FILES = hostile.FILES
corpus = hostile.corpus  # the same fixture: the corpus files, written on first use

# name -> (HTTP status, error code): the API's typed error as the service reports it.
ERRORS = {
    "zero.txt": (400, "empty_input"),
    "one_nul.txt": (415, "binary_input"),
    "one_space.txt": (400, "empty_input"),
    "nul_filled.txt": (415, "binary_input"),
    "nul_strewn.txt": (415, "binary_input"),
    "scripts_only.html": (400, "empty_input"),
    "bomb_3000_pages.pdf": (None, None),  # a limit: 413 or 422, whichever the limit maps to
    "encrypted.pdf": (None, "encrypted_pdf"),
    "no_text_layer.pdf": (None, "ocr_required"),
}
DOCUMENTS = sorted(set(FILES) - set(ERRORS))


def _upload(client: httpx.Client, path: Path) -> httpx.Response:
    return client.post(
        "/v1/summarize",
        files={"file": (path.name, path.read_bytes(), "application/octet-stream")},
        data={"sentences": "3"},
    )


def test_hostile_service_corpus_covers_every_file() -> None:
    assert set(ERRORS) <= set(FILES) and DOCUMENTS


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_hostile_service_upload_is_a_4xx_json_error(client, corpus, name):
    status, code = ERRORS[name]
    r = _upload(client, corpus(name))
    assert 400 <= r.status_code < 500, r.text[:500]
    error = assert_error(r, status or r.status_code, code)
    assert "Traceback" not in r.text
    if name == "bomb_3000_pages.pdf":
        assert "3000 pages" in error["message"]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_hostile_service_upload_summarizes_the_api_text(client, corpus, name):
    path = corpus(name)
    r = _upload(client, path)
    assert r.status_code == 200, r.text[:500]
    sentences = [s["text"] for s in r.json()["summary"]["sentences"]]
    text = load(str(path)).text
    assert sentences and all(s in text for s in sentences)
