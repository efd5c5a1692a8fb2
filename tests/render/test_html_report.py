"""The self-contained HTML report and the service's page, checked in their raw HTML (the
browser checks are in test_browser_report.py)."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from precis.abstractive.pipeline import AbstractiveSummary
from precis.render import render_summary
from precis.render.html import embed_json, render_html, render_page
from precis.render.view import view_data
from precis.summary import Summary

DATA_BLOCK = re.compile(
    r'<script type="application/json" id="(precis-[a-z]+)">(.*?)</script>', re.DOTALL
)
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def blocks(page: str) -> dict[str, str]:
    """The raw text of each embedded JSON block, by id."""
    return dict(DATA_BLOCK.findall(page))


def json_safe(value: object) -> object:
    return json.loads(json.dumps(value))


@pytest.mark.parametrize("ext", ["pdf", "html", "txt"])
def test_render_html_embeds_the_view_data(beast: dict[str, Summary], ext: str) -> None:
    page = render_html(beast[ext])

    data = json.loads(blocks(page)["precis-data"])
    assert data == json_safe(view_data(beast[ext]))
    markdown = json.loads(blocks(page)["precis-markdown"])
    assert markdown == render_summary(beast[ext], "markdown")


@pytest.mark.parametrize("ext", ["pdf", "html"])
def test_render_html_loads_nothing_from_outside(beast: dict[str, Summary], ext: str) -> None:
    page = render_html(beast[ext])
    markup = DATA_BLOCK.sub("", page)  # the data may quote URLs; the markup may not load any

    assert "http://" not in markup and "https://" not in markup
    assert not re.search(r"<(link|img|iframe|object|embed)\b", markup, re.IGNORECASE)
    assert not re.search(r"<script[^>]*\bsrc=", markup, re.IGNORECASE)
    style = re.search(r"<style>(.*?)</style>", markup, re.DOTALL)
    assert style is not None and not re.search(r"@import|url\(", style.group(1))
    assert "default-src 'none'" in page


def test_render_html_scripts_are_allowed_by_the_content_security_policy(
    beast: dict[str, Summary],
) -> None:
    """The CSP allows inline code by hash: a changed script with a stale hash would not run."""
    for page in (render_html(beast["txt"]), render_page()):
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
        assert policy is not None
        scripts = INLINE_SCRIPT.findall(page)
        assert scripts
        for script in scripts:
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy.group(1)


def test_render_html_keeps_hostile_text_out_of_the_markup(hostile: Summary) -> None:
    page = render_html(hostile)
    raw = blocks(page)["precis-data"]

    assert "<" not in raw and ">" not in raw and "</script" not in raw.lower()
    data = json.loads(raw)
    assert "</script><script>window.pwned = 2</script>" in data["text"]
    assert '<img src=x onerror="window.pwned = 3">' in data["text"]
    assert data["title"] == "Report </title><script>window.pwned = 1</script>"
    # Only our own scripts reach the markup, and no tag of the document's.
    markup = DATA_BLOCK.sub("", page)
    assert len(re.findall(r"<script\b", page)) == 3
    assert not re.search(r"<[^>]*(window\.pwned|onerror)", markup)
    assert "<title>Report &lt;/title&gt;&lt;script&gt;" in page


@pytest.mark.parametrize(
    "value",
    ["</script>", "</SCRIPT >", "<!--<script>", "]]>", "a & b", "\u2028\u2029", "<\\/", "'\""],
)
def test_embed_json_round_trips_without_markup_characters(value: str) -> None:
    embedded = embed_json({"text": value})

    assert not set("<>&") & set(embedded)
    assert json.loads(embedded) == {"text": value}


def test_render_html_of_a_per_section_summary(sectioned: Summary) -> None:
    data = json.loads(blocks(render_html(sectioned))["precis-data"])

    assert [s["heading"] for s in data["summary_sections"]] == [f"Chapter {i}" for i in range(1, 5)]
    assert data["salience"] is None and len(data["summary"]) == 4


def test_render_html_of_a_flagged_abstractive_summary(flagged: AbstractiveSummary) -> None:
    page = render_html(flagged)
    data = json.loads(blocks(page)["precis-data"])

    assert data == json_safe(view_data(flagged))
    sentences = [s for p in data["parts"] for s in p["sentences"]]
    unsupported = [s for s in sentences if s["kept"] and s["supported"] is False]
    assert unsupported and unsupported[0]["unsupported"]
    assert any(s["evidence"] for s in sentences if s["supported"])
    assert "[unsupported]" in json.loads(blocks(page)["precis-markdown"])


def test_render_html_of_an_abstractive_summary_keeps_dropped_sentences(
    dropped: AbstractiveSummary,
) -> None:
    data = json.loads(blocks(render_html(dropped))["precis-data"])

    reasons = {s["dropped"] for p in data["parts"] for s in p["sentences"] if not s["kept"]}
    assert {"unsupported", "budget"} <= reasons


def test_render_page_has_the_request_form() -> None:
    page = render_page(endpoint="api/v1/summarize", methods=["textrank", "a<b"])

    for element in (
        'id="precis-form"',
        'data-endpoint="api/v1/summarize"',
        'id="input-text"',
        'id="input-file"',
        'id="input-url"',
        'id="opt-method"',
        'id="opt-guard"',
        'id="opt-api-key"',
        'id="summarize-button"',
        'id="error-box"',
        'id="precis-result"',
    ):
        assert element in page
    assert '<option value="textrank">' in page and '<option value="a&lt;b">' in page
    assert "connect-src 'self'" in page
    assert "http://" not in page and "https://" not in page.replace("https://example.org", "")


def test_render_page_offers_the_registered_methods() -> None:
    from precis.registry import scorers

    page = render_page()

    assert all(f'<option value="{name}">' in page for name in scorers.names())
