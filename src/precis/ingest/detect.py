"""Format detection from content (magic bytes, markup sniffing), names only as a tie-breaker.

A file called ``.html`` that holds a PDF is a PDF; a PDF served as ``text/html`` is a PDF too.
Binary formats precis does not read are named in the error, so the user knows what they gave.
"""

from __future__ import annotations

import codecs
import logging
import re

from precis.errors import BinaryInputError, DecodeError, EmptyInputError, UnsupportedFormatError

logger = logging.getLogger(__name__)

_SNIFF = 4096
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/EPUB/ODT)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office 97 document"),
    (b"{\\rtf", "RTF document"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"SQLite format 3\x00", "SQLite database"),
)
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_START_RE = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG_RE = re.compile(rb"<(?:p|div|br|span|a|h[1-6]|li|table|meta|script|title)\b[^>]*>", re.I)
_MD_RE = re.compile(r"^(?:#{1,6}\s+\S|```|\* \S|- \S|\d+\. \S|\[[^\]]+\]\([^)]+\))", re.MULTILINE)


def detect_format(data: bytes, *, name: str | None = None, content_type: str | None = None) -> str:
    """Return ``"pdf"``, ``"html"``, ``"markdown"`` or ``"text"`` for raw bytes.

    Raises:
        EmptyInputError: no bytes, or only whitespace.
        UnsupportedFormatError: a known binary format precis cannot read.
        BinaryInputError: other binary data.
    """
    head = data[:_SNIFF]
    if not data.strip():
        raise EmptyInputError("input is empty")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise UnsupportedFormatError(f"input is a {kind}, not text, HTML or PDF")
    if _HTML_START_RE.match(head) or len(_HTML_TAG_RE.findall(head)) >= 3:
        return "html"
    if content_type and "html" in content_type.lower() and b"<" in head:
        return "html"
    lowered = (name or "").lower()
    if lowered.endswith((".md", ".markdown", ".mdown")):
        return "markdown"
    if content_type and "markdown" in content_type.lower():
        return "markdown"
    if content_type and content_type.lower().startswith("application/pdf"):
        return "pdf"  # claimed PDF without the magic: the PDF reader reports it as corrupt
    return "text"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode text bytes in whatever common encoding they use; return (text, encoding).

    BOMs first, then strict UTF-8 (by far the most common), then UTF-16 without a BOM (NUL
    bytes on alternate positions), then charset-normalizer's best guess.

    Raises:
        BinaryInputError: the bytes are not text in any encoding we can identify.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode(data, encoding), encoding
    if b"\x00" in data[:_SNIFF]:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return _decode(data, utf16), utf16
        raise BinaryInputError("input looks binary (NUL bytes), not text")
    try:
        return _check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data))
    if not matches or matches[0].encoding is None:
        raise BinaryInputError("input is not text in any encoding precis can identify")
    best = matches[0]
    # Short Western text is ambiguous between the cp125x pages; cp1252 is by far the most
    # common of them, so it wins a near tie.
    for match in matches[:5]:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + 0.05:
            best = match
            break
    logger.debug("charset-normalizer picked %s", best.encoding)
    return _check_text(str(best)), best.encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit on the odd/even bytes of mostly-ASCII text."""
    sample = data[: _SNIFF - _SNIFF % 2]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _decode(data: bytes, encoding: str) -> str:
    try:
        return _check_text(data.decode(encoding))
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"input is not valid {encoding}: {exc.reason} at byte {exc.start}"
        ) from None


def _check_text(text: str) -> str:
    """Reject decoded 'text' that is mostly control characters (binary in disguise)."""
    sample = text[:_SNIFF]
    if not sample:
        return text
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f") or c == "\x7f")
    if controls / len(sample) > 0.1:
        raise BinaryInputError("input looks binary (control characters), not text")
    return text
