from __future__ import annotations

import codecs

import pytest

from precis.errors import BinaryInputError, EmptyInputError, UnsupportedFormatError
from precis.ingest.detect import decode_text, detect_format


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.7\n...", "report.html", "pdf"),  # content beats the extension
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "notes.txt", "html"),
        (b"  <html><head><title>t</title></head></html>", None, "html"),
        (b"<div><p>one</p><p>two</p><br></div>", None, "html"),
        (b"# Title\n\nSome text.", "readme.md", "markdown"),
        (b"Just words. And more words.", "a.pdf", "text"),  # claims PDF, is text
    ],
)
def test_detect_format_from_content(data, name, expected):
    assert detect_format(data, name=name) == expected


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00", b"PK\x03\x04rest", b"\x7fELF\x02\x01", b"\x1f\x8b\x08\x00"],
)
def test_detect_format_names_unsupported_binary(data):
    with pytest.raises(UnsupportedFormatError):
        detect_format(data)


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_detect_format_empty(data):
    with pytest.raises(EmptyInputError):
        detect_format(data)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Grüße aus Köln — “quoted”", "utf-8"),
        ("Grüße aus Köln, déjà vu, naïve façade", "cp1252"),
        ("Grüße aus Köln", "utf-16"),
        ("Plain ASCII text with enough words to detect.", "utf-16-le"),
        (
            "Привет, как дела? Это тестовый текст на русском языке. Мы пишем его, чтобы "
            "проверить, что кодировка определяется правильно даже без метки порядка байтов. "
            "Текст должен быть достаточно длинным для надёжного определения.",
            "koi8-r",
        ),
    ],
)
def test_decode_text_common_encodings(text, encoding):
    data = text.encode(encoding)
    decoded, _ = decode_text(data)
    assert decoded.lstrip(codecs.BOM_UTF8.decode()) == text


def test_decode_text_rejects_binary():
    with pytest.raises(BinaryInputError):
        decode_text(bytes(range(256)) * 20)
