"""The viewer as HTML (issue 5): a self-contained report file and the service's web page.

Both pages carry the same viewer (``assets/report.css``, ``assets/report.js``): the source text
with every sentence a span, the summary beside it, a click on a summary sentence scrolls to its
source sentence (or, for an abstractive sentence, to the guard's evidence), and a salience heat
map. The report embeds :func:`~precis.render.view.view_data` as a JSON data block; the page asks
the service for it (``POST /v1/summarize`` with ``"view": true``) and mounts the same viewer.

Documents are hostile: the viewer inserts every string with ``textContent``, the embedded JSON
has every ``<``, ``>`` and ``&`` escaped (so ``</script>`` in a document cannot end the block),
and a Content-Security-Policy allows only the page's own inline scripts, by hash.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from precis.render.view import view_data
from precis.summary import Summary

if TYPE_CHECKING:
    from precis.abstractive.pipeline import AbstractiveSummary

ENDPOINT = "v1/summarize"  # relative, so that a service mounted under a prefix still works
JOBS_ENDPOINT = "v1/jobs"
# Inputs over 1 MB go as background jobs: a synchronous request has 30 s by default, which a
# large document (or a model) can outlast; a job has minutes and reports its progress.
JOB_BYTES = 1_000_000


def render_html(result: Summary | AbstractiveSummary) -> str:
    """One self-contained HTML file showing ``result`` beside its source text.

    No external resource: CSS, JavaScript and the data (``view_data(result)`` in a
    ``<script type="application/json" id="precis-data">`` block, and the Markdown rendering in
    ``id="precis-markdown"``) are all inline, so the file opens from disk, offline.
    """
    data = view_data(result)
    markdown = _markdown(result)
    title = data["title"] or data["source_name"] or "Summary"
    body = (
        '<div id="precis-viewer" class="pv"></div>\n'
        f'<noscript><pre class="noscript">{html.escape(markdown)}</pre></noscript>\n'
        f'<script type="application/json" id="precis-data">{embed_json(data)}</script>\n'
        f'<script type="application/json" id="precis-markdown">{embed_json(markdown)}</script>'
    )
    return _page(
        title=f"{title} \N{EM DASH} precis summary",
        body_class="report",
        body=body,
        scripts=[_asset("report.js")],
        connect="'none'",
    )


def render_page(
    *,
    endpoint: str = ENDPOINT,
    methods: list[str] | None = None,
    jobs_endpoint: str = JOBS_ENDPOINT,
    job_bytes: int = JOB_BYTES,
) -> str:
    """The service's web page: a form that posts to ``endpoint`` and the viewer for the answer.

    Args:
        endpoint: where the form posts (relative to the page's URL by default).
        jobs_endpoint: where it posts work sent as a background job (an input over
            ``job_bytes``, a URL, a model-written summary) and polls the job.
        methods: extractive method names offered in the method field (default: the registry's;
            the field also takes any other name).
        job_bytes: the size (bytes of a file, characters of pasted text) over which the page
            sends a job instead of a synchronous request.
    """
    if methods is None:
        from precis.registry import scorers

        methods = scorers.names()
    options = "".join(f'<option value="{html.escape(m)}"></option>' for m in methods)
    form = _asset("page.html").replace("<!--METHODS-->", options)
    form = form.replace("<!--ENDPOINT-->", html.escape(endpoint))
    form = form.replace("<!--JOBS_ENDPOINT-->", html.escape(jobs_endpoint))
    form = form.replace("<!--JOB_BYTES-->", str(int(job_bytes)))
    return _page(
        title="precis \N{EM DASH} summaries you can check",
        body_class="page",
        body=form,
        scripts=[_asset("report.js"), _asset("page.js")],
        connect="'self'",
    )


def embed_json(value: Any) -> str:
    """``value`` as JSON safe inside a ``<script>`` data block (no ``<``, ``>`` or ``&``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _markdown(result: Summary | AbstractiveSummary) -> str:
    """The Markdown download: the same text as ``--format markdown``."""
    if isinstance(result, Summary):
        from precis.render import render_summary

        return render_summary(result, "markdown")
    from precis.render.abstract import render_abstract

    return render_abstract(result, "markdown")


def _page(*, title: str, body_class: str, body: str, scripts: list[str], connect: str) -> str:
    """The HTML shell: inline CSS and scripts, allowed by hash in the Content-Security-Policy."""
    css = _asset("report.css")
    policy = "; ".join(
        [
            "default-src 'none'",
            f"style-src {_hash(css)}",
            "script-src " + " ".join(_hash(s) for s in scripts),
            f"connect-src {connect}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    inline = "\n".join(f"<script>{s}</script>" for s in scripts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="precis">\n'
        f"<title>{html.escape(title)}</title>\n<style>{css}</style>\n</head>\n"
        f'<body class="{body_class}">\n{body}\n{inline}\n</body>\n</html>\n'
    )


def _hash(source: str) -> str:
    """A CSP source expression that allows exactly this inline script or style."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@cache
def _asset(name: str) -> str:
    """A file of ``precis/render/assets`` (read once per process)."""
    text = (resources.files("precis.render") / "assets" / name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"asset {name} would end its inline element early")
    return text
