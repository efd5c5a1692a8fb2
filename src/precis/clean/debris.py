"""HTML debris left in text: escaped entities and stray tags (``&nbsp;``, ``</p>``).

Scraped text and CMS exports often carry markup that an extractor already decoded once; a
summary that quotes ``&nbsp;`` or ``</p>`` is the failure we saw in a peer tool. Entities are
decoded (never deleted: ``&gt;`` becomes ``>``), and only well-known block and inline tags are
removed, so that text about markup (``a < b``, ``<T>`` generics) survives.
"""

from __future__ import annotations

import html
import re

from precis.offsets import Edit

ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAGS = (
    "p|br|div|span|b|i|u|em|strong|a|li|ul|ol|h[1-6]|font|small|sup|sub|blockquote|section|"
    "article|header|footer|figure|figcaption|table|tr|td|th|tbody|thead|center|hr|img|nobr|wbr"
)
_TAG_RE = re.compile(rf"</?(?:{_TAGS})(?:\s[^<>]{{0,500}})?\s*/?>", re.IGNORECASE)
_BLOCK_TAG_RE = re.compile(r"</?(?:p|br|div|li|h[1-6]|blockquote|tr|hr)\b", re.IGNORECASE)


def entity_edits(text: str) -> list[Edit]:
    """Decode HTML character references that are real entities."""
    edits = []
    for m in ENTITY_RE.finditer(text):
        decoded = html.unescape(m.group())
        if decoded != m.group():
            edits.append(Edit(m.start(), m.end(), decoded))
    return edits


def tag_edits(text: str) -> list[Edit]:
    """Remove stray HTML tags; block tags become a space so words never glue together."""
    return [
        Edit(m.start(), m.end(), " " if _BLOCK_TAG_RE.match(m.group()) else "")
        for m in _TAG_RE.finditer(text)
    ]
