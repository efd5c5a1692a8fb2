"""Mojibake repair and Unicode normalisation, as edits.

ftfy does the mojibake work (``Cubaâ€™s`` -> ``Cuba’s``) but returns a new string, so it runs on
small pieces (blocks laid out as the whitespace step will leave them, split further when long)
and the change inside each piece is turned into edits with difflib, mapped back through the
layout. Pure-ASCII pieces cannot hold mojibake and are skipped, which keeps ordinary
text at regex speed. The character-level normalisation (spaces, zero-width characters,
ligatures, controls) is a table: ftfy and NFKC would also rewrite characters we want to keep
(superscripts, ellipses), and a table gives exact edits.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterator

from precis.clean.whitespace import whitespace_edits
from precis.offsets import Edit, OffsetMap, apply_edits, merge_edits

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
_KEEP_RUN_RE = re.compile("[\u00a0" + re.escape("".join(c for c, r in _CHAR_MAP.items() if not r)) + "]")
_COMBINING_RE = re.compile(r".[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff]+", re.S)
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
# Whitespace the whitespace step always turns into a block break: ftfy contexts end there.
_HARD_BREAK_RE = re.compile(r"\n[^\S\n]*\n|\r[^\S\r\n]*\r(?!\n)|[\f\u2029]")


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


def mojibake_edits(text: str, unchanged: set[bytes] | None = None) -> list[Edit]:
    """Edits that undo mojibake in every block holding non-ASCII characters.

    ftfy judges a line as a whole, and its ``restore_byte_a0`` rule looks at the spaces around
    a suspect character, so it sees each block as the whitespace step will leave it (wrapped
    lines joined, runs collapsed; no-break spaces kept, they are evidence): a repair then
    does not depend on layout that cleaning removes, and cleaning the clean text again finds
    nothing (``" Â the"`` -> ``"Â the"`` used to be repaired only on the second pass).

    Args:
        text: Any text.
        unchanged: Digests of lines ftfy has already left unchanged; read and extended, so
            that fixed-point rounds (:func:`precis.clean.pipeline.clean`) skip them.
    """
    if text.isascii():
        return []
    edits: list[Edit] = []
    for start, end in _non_ascii_chunks(text):
        view, view_map = _layout_view(text[start:end])
        for line_start, line in _non_ascii_lines(view):
            key = _digest(line) if unchanged is not None else b""
            if unchanged is not None and key in unchanged:
                continue
            line_edits = _line_edits(line, line_start)
            if not line_edits and unchanged is not None:
                unchanged.add(key)
            for e in line_edits:
                old_start = view_map.to_old_start(e.start)
                old_end = view_map.to_old_end(e.end) if e.end > e.start else old_start
                old_end = max(old_start, old_end)
                edits.append(Edit(start + old_start, start + old_end, e.replacement))
    return merge_edits(edits)


def _digest(line: str) -> bytes:
    return hashlib.blake2b(line.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _line_edits(line: str, line_start: int) -> list[Edit]:
    """ftfy's repairs of one line, piece by piece, as edits."""
    import ftfy

    config = _ftfy_config()
    edits: list[Edit] = []
    for start, piece in _pieces(line, line_start):
        if piece.isascii():
            continue
        fixed = ftfy.fix_text(piece, config)
        if fixed != piece:
            edits.extend(_diff_edits(piece, fixed, start))
    return edits


def _non_ascii_chunks(text: str) -> Iterator[tuple[int, int]]:
    """Spans between blank lines (or page breaks) that hold a non-ASCII character."""
    breaks = [m.end() for m in _HARD_BREAK_RE.finditer(text)]
    pos = 0
    while True:
        m = _NON_ASCII_RE.search(text, pos)
        if m is None:
            return
        i = bisect.bisect_right(breaks, m.start())
        start = breaks[i - 1] if i else 0
        end = breaks[i] if i < len(breaks) else len(text)
        yield start, end
        pos = end


def _layout_view(chunk: str) -> tuple[str, OffsetMap]:
    """The chunk as the whitespace step lays it out; map back.

    Runs holding a no-break space or a control that Python counts as whitespace (``\\x1c``-
    ``\\x1f``, ``\\x85``) stay as they are: the no-break space is evidence for ftfy, the controls
    are deleted (or, in C1 mojibake, repaired), never turned into spaces, and a space that is
    not there would be false evidence (``Ã\\x1c©`` is not ``Ã ©``).
    """
    edits = [e for e in whitespace_edits(chunk) if not _KEEP_RUN_RE.search(chunk, e.start, e.end)]
    return apply_edits(chunk, edits)


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
