"""Decoding HTML bytes the way browsers do: BOM, declared charset, UTF-8, then detection."""

from __future__ import annotations

import codecs
import logging
import re

from precis.errors import BinaryInputError, InputError
from precis.ingest.detect import BOMS, decode_text

_LOG = logging.getLogger(__name__)

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]{1,40})""", re.I
)
_XML_ENCODING = re.compile(
    rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_:.+-]{1,40})"""
)
# WHATWG encoding rules: these labels mean windows-1252, and a UTF-16 label found by an ASCII
# scan of the bytes is necessarily wrong (https://html.spec.whatwg.org/#prescan-a-byte-stream).
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "x-user-defined": "cp1252",
}


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode page bytes: BOM, then declared charset, then UTF-8, then charset detection.

    Returns:
        The text and the name of the encoding used.
    """
    for bom, name in BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace").lstrip("\ufeff"), name.replace("-sig", "")
    candidates = [enc for enc in (_declared_charset(data[:4096]), "utf-8") if enc]
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    declared = candidates[0] if len(candidates) > 1 else None
    try:
        return decode_text(data)
    except BinaryInputError:
        if declared is None:  # no charset named and bytes that are not text: not a web page
            raise
        return data.decode(declared, errors="replace"), declared
    except InputError:
        return data.decode(candidates[0], errors="replace"), candidates[0]


def _declared_charset(head: bytes) -> str | None:
    """Charset named by ``<meta>`` or the XML declaration, as a Python codec name."""
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii", "replace").strip().lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        _LOG.debug("unknown declared charset %r", label)
        return None
