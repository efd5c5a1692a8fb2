"""POST /v1/check: any summary judged sentence by sentence against its source."""

from __future__ import annotations

import httpx
from service_helpers import EXAMPLES, assert_error

TEXT = (EXAMPLES / "beast-jewel-of-mars.txt").read_text(encoding="utf-8")
FAITHFUL = "Ship Ryan was on Mars."
INVENTED = "In 1987 the Martian council of Zorbak elected Queen Philippa Gorrindale as president."


def test_check_json_judges_each_sentence(client: httpx.Client) -> None:
    first = TEXT.split("\n\n")[2].strip()
    summary = f"{first}\n{INVENTED}"
    r = client.post("/v1/check", json={"source": {"text": TEXT}, "summary": summary, "view": True})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["sentences"]) >= 2
    last = body["sentences"][-1]
    assert last["supported"] is False and last["unsupported"]
    assert set(last) >= {"index", "text", "supported", "score", "unsupported", "evidence"}
    supported = [s for s in body["sentences"] if s["supported"]]
    assert supported and body["supported"] == len(supported)
    for e in supported[0]["evidence"]:
        assert body["text"][e["start"] : e["end"]]


def test_check_multipart_source_and_summary_files(client: httpx.Client) -> None:
    pdf = EXAMPLES / "beast-jewel-of-mars.pdf"
    files = {
        "source": (pdf.name, pdf.read_bytes(), "application/pdf"),
        "summary": ("summary.txt", INVENTED.encode(), "text/plain"),
    }
    r = client.post("/v1/check", files=files, data={"threshold": "0.3"})
    assert r.status_code == 200, r.text
    assert r.json()["sentences"][0]["supported"] is False
    assert r.json()["text"] is None


def test_check_needs_a_summary(client: httpx.Client) -> None:
    r = client.post("/v1/check", json={"source": {"text": TEXT}})
    assert_error(r, 422, "bad_option")
    r = client.post("/v1/check", json={"source": {"text": TEXT}, "summary": "   "})
    assert_error(r, 400, "empty_input")
