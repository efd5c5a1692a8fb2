"""What each summary option means, written once for ``precis --help`` and the HTTP API's schema.

The typer declarations in :mod:`precis.cli_options` and the request models in
:mod:`precis.service.schemas` both read these (issue 18, item 7: options shared by
``summarize``, ``batch`` and the service are declared once). Plain data: no import cost.
"""

from __future__ import annotations

HELP: dict[str, str] = {
    "sentences": "Sentences to keep (default 5).",
    "words": "At most this many words.",
    "ratio": "At most this share of the document's words.",
    "chars": "At most this many characters.",
    "method": "Method (see `precis methods`).",
    "per_section": "Condense: K sentences per section, headings kept.",
    "query": "Focus the summary on this query.",
    "keyphrases": "Also list N key phrases.",
    "model": "Hub id, local model folder, or an OpenAI-compatible server URL (.../v1).",
    "remote_model": "Model name at the server.",
    "guard": "Unsupported sentences: drop, flag or off.",
}
