"""POST /v1/summarize against a real server: JSON and multipart bodies, every option family,
the viewer's JSON, and the abstractive path through a tiny OpenAI-protocol model."""

from __future__ import annotations

import json

import httpx
from service_helpers import EXAMPLES, assert_error

TEXT = (EXAMPLES / "beast-jewel-of-mars.txt").read_text(encoding="utf-8")
PDF = EXAMPLES / "beast-jewel-of-mars.pdf"


def test_summarize_json_text_answers_summary(client: httpx.Client) -> None:
    r = client.post("/v1/summarize", json={"text": TEXT, "sentences": 3})
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"mode", "summary", "view", "markdown", "seconds"}
    assert body["mode"] == "extractive"
    assert len(body["summary"]["sentences"]) == 3
    assert body["view"] is None and body["markdown"] is None
    assert body["seconds"] > 0
    for s in body["summary"]["sentences"]:  # a summary sentence is a sentence of the text
        assert " ".join(s["text"].split()) in " ".join(TEXT.split())


def test_summarize_pdf_upload_offsets_index_view_text(client: httpx.Client) -> None:
    files = {"file": (PDF.name, PDF.read_bytes(), "application/pdf")}
    r = client.post("/v1/summarize", files=files, data={"sentences": "4", "view": "true"})
    assert r.status_code == 200, r.text
    body = r.json()
    view, summary = body["view"], body["summary"]
    assert summary["metadata"]["format"] == "pdf"
    assert summary["metadata"]["source_name"] == PDF.name
    assert len(summary["sentences"]) == 4
    for s in summary["sentences"]:
        assert view["text"][s["start"] : s["end"]] == s["text"]
        assert s["source"]["page"] >= 1
    assert [v["sentence"] for v in view["summary"]] == [s["index"] for s in summary["sentences"]]
    assert view["mode"] == "extractive" and len(view["salience"]) == len(view["sentences"])
    assert body["markdown"].startswith("# ") and "(p. " in body["markdown"]


def test_summarize_multipart_options_field(client: httpx.Client) -> None:
    options = json.dumps({"words": 60, "order": "score", "mmr_lambda": 0.7, "filters": False})
    r = client.post(
        "/v1/summarize", files={"file": ("story.txt", TEXT.encode())}, data={"options": options}
    )
    assert r.status_code == 200, r.text
    summary = r.json()["summary"]
    assert summary["budget"]["words"] == 60
    assert sum(len(s["text"].split()) for s in summary["sentences"]) <= 60


def test_summarize_per_section(client: httpx.Client) -> None:
    r = client.post("/v1/summarize", json={"text": TEXT, "format": "markdown", "per_section": 1})
    assert r.status_code == 200, r.text
    sections = r.json()["summary"]["sections"]
    assert sections and all(len(sec["sentences"]) <= 1 for sec in sections)


def test_summarize_query_and_keyphrases(client: httpx.Client) -> None:
    r = client.post("/v1/summarize", json={"text": TEXT, "query": "Mars jewel", "sentences": 2})
    assert r.status_code == 200, r.text
    assert r.json()["summary"]["query"] == "Mars jewel"
    r = client.post("/v1/summarize", json={"text": TEXT, "keyphrases": 5, "view": True})
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["summary"]["keyphrases"]) == 5
    assert body["view"]["keyphrases"] == body["summary"]["keyphrases"]
    assert "**Key phrases:**" in body["markdown"]


def test_summarize_pasted_html_is_read_as_html(client: httpx.Client) -> None:
    html = (EXAMPLES / "beast-jewel-of-mars.html").read_text(encoding="utf-8")
    r = client.post("/v1/summarize", json={"text": html, "sentences": 2})
    assert r.status_code == 200, r.text
    summary = r.json()["summary"]
    assert summary["metadata"]["format"] == "html"
    assert all("<" not in s["text"] for s in summary["sentences"])


def test_summarize_server_path_as_text_is_literal_text(client: httpx.Client) -> None:
    r = client.post("/v1/summarize", json={"text": "/etc/passwd"})
    if r.status_code == 200:
        texts = [s["text"] for s in r.json()["summary"]["sentences"]]
        assert texts == ["/etc/passwd"] or texts == []
        assert "root:" not in r.text
    else:
        assert_error(r, r.status_code)
        assert 400 <= r.status_code < 500 and "root:" not in r.text


def test_summarize_abstractive_through_model_server(client: httpx.Client, model) -> None:
    spec = {"model": model.base_url, "remote_model": "tiny", "guard": "flag"}
    r = client.post(
        "/v1/summarize", json={"text": TEXT, "sentences": 3, "abstractive": spec, "view": True}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["mode"] == "abstractive"
    assert body["summary"]["guard"] == "flag"
    assert body["view"]["mode"] == "abstractive" and body["view"]["parts"]
    assert body["markdown"].startswith("# ")
    text = body["view"]["text"]
    for part in body["view"]["parts"]:
        for s in part["sentences"]:
            for e in s["evidence"]:
                assert text[e["start"] : e["end"]]


def test_summarize_abstractive_refuses_unlisted_model(client: httpx.Client) -> None:
    for name in ("/etc", "http://169.254.169.254/v1", "gpt2"):
        spec = {"model": name, "remote_model": "x"}
        r = client.post("/v1/summarize", json={"text": TEXT, "abstractive": spec})
        assert_error(r, 403, "model_refused")


def test_healthz_and_page_need_no_key(main_url: str) -> None:
    r = httpx.get(f"{main_url}/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok" and r.json()["version"]
    page = httpx.get(f"{main_url}/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    schema = httpx.get(f"{main_url}/openapi.json").json()
    assert "SummarizeRequest" in schema["components"]["schemas"]
    assert "/v1/summarize" in schema["paths"]


def test_docs_page_loads_swagger_ui_from_the_service_itself(main_url: str) -> None:
    """Issue 18: /docs loaded Swagger UI from a CDN and was blank offline. Every script and
    stylesheet it names is served by the service, and is the real Swagger UI."""
    import re

    page = httpx.get(f"{main_url}/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css|png))"', page.text)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert any(a.endswith("swagger-ui.css") for a in assets)
    for asset in assets:
        assert asset.startswith("/"), asset  # nothing from another host
        r = httpx.get(f"{main_url}{asset}")
        assert r.status_code == 200 and len(r.content) > 500, asset
    bundle = httpx.get(f"{main_url}/docs-assets/swagger-ui-bundle.js").text
    assert "SwaggerUIBundle" in bundle
    assert "/openapi.json" in page.text
