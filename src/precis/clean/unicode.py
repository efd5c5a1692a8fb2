"""Mojibake repair and Unicode normalisation, as edits.

ftfy does the mojibake work (``Cubaâ€™s`` -> ``Cuba’s``) but returns a new string, so it runs on
small pieces (lines, split further when long) and the change inside each piece is turned into
edits with difflib. Pure-ASCII pieces cannot hold mojibake and are skipped, which keeps ordinary
text at regex speed. The character-level normalisation (spaces, zero-width characters,
ligatures, controls) is a table: ftfy and NFKC would also rewrite characters we want to keep
(superscripts, ellipses), and a table gives exact edits.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterator

from precis.offsets import Edit

_PIECE_MAX = 2000  # difflib is quadratic in the worst case: keep each diffed piece small

# Characters rewritten one by one: no-break and typographic spaces -> space; zero-width and
# invisible characters -> removed; Latin ligatures -> letters; C0/C1 controls -> removed.
_CHAR_MAP: dict[str, str] = {
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                    "\u202f\u205f\u3000\u1680", " "),
    **dict.fromkeys("\u200b\u2060\ufeff\u00ad\ufffe\ufffd\u200e\u200f\u2061\u2062\u2063\u2064", ""),
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st", "\u2028": "\n", "\u2029": "\n\n",
    **{chr(c): "" for c in range(0x00, 0x20) if chr(c) not in "\t\n\r\f"},
    "\x7f": "",
    **{chr(c): "" for c in range(0x80, 0xA0)},
}
_CHAR_RE = re.compile("[" + re.escape("".join(_CHAR_MAP)) + "]")
_COMBINING_RE = re.compile(r".[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff]+", re.S)
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


@functools.lru_cache(maxsize=1)
def _ftfy_config():  # type: ignore[no-untyped-def]
    """Mojibake only: quotes, entities, line breaks and normalisation are handled elsewhere."""
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


def mojibake_edits(text: str) -> list[Edit]:
    """Edits that undo mojibake in every line holding non-ASCII characters."""
    import ftfy

    config = _ftfy_config()
    edits: list[Edit] = []
    for line_start, line in _non_ascii_lines(text):
        for start, piece in _pieces(line, line_start):
            if piece.isascii():
                continue
            fixed = ftfy.fix_text(piece, config)
            if fixed != piece:
                edits.extend(_diff_edits(piece, fixed, start))
    return edits


def normalize_edits(text: str) -> list[Edit]:
    """Edits for the character table above and NFC composition of combining sequences."""
    edits = [Edit(m.start(), m.end(), _CHAR_MAP[m.group()]) for m in _CHAR_RE.finditer(text)]
    combined: list[Edit] = []
    for m in _COMBINING_RE.finditer(text):
        composed = unicodedata.normalize("NFC", m.group())
        if composed != m.group():
            combined.append(Edit(m.start(), m.end(), composed))
    if not combined:
        return edits
    # A combining run never contains a table character, but its base may: drop those overlaps.
    covered = {i for e in combined for i in range(e.start, e.end)}
    edits = [e for e in edits if e.start not in covered]
    return sorted(edits + combined, key=lambda e: e.start)


def _non_ascii_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for each line holding a non-ASCII character; linear in the text."""
    pos = 0
    while True:
        m = _NON_ASCII_RE.search(text, pos)
        if m is None:
            return
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        yield start, text[start:end]
        pos = end


def _pieces(line: str, offset: int) -> list[tuple[int, str]]:
    """Split a long line at spaces into pieces of at most about _PIECE_MAX characters."""
    if len(line) <= _PIECE_MAX:
        return [(offset, line)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(line):
        end = min(len(line), start + _PIECE_MAX)
        if end < len(line):
            space = line.rfind(" ", start + _PIECE_MAX // 2, end)
            end = space + 1 if space > 0 else end
        pieces.append((offset + start, line[start:end]))
        start = end
    return pieces


def _diff_edits(old: str, new: str, offset: int) -> list[Edit]:
    """Minimal edits turning ``old`` into ``new``, shifted by ``offset``."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        Edit(offset + i1, offset + i2, new[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
