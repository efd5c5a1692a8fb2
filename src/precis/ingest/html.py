"""HTML ingestion: the page's main content as blocks of raw text, with headings and element paths.

Main-content detection is trafilatura's (``bare_extraction``): it drops navigation, cookie
banners, footers, comments and related links and returns its own small XML tree (``head``,
``p``, ``list/item``, ``quote``, ``table/row/cell``, ``code``, ``lb``, ``hi``, ``ref``). We render
that tree ourselves, so that every block is separated by exactly one blank line and headings and
element links are spans into the returned text, composed while writing it, never searched for.

Linking back to the source DOM: trafilatura rebuilds about a third of its output elements
(``Element(tag)`` plus copied text), which loses attributes and identity, so an exact path is not
always available through it. We therefore (1) number every element of our own parsed tree in
its ``sourceline`` field, which lxml keeps through trafilatura's copies, moves and tag
conversions, and (2) for rebuilt elements look the block's text up in an index of the source
tree's elements. The path is an XPath into the parsed (libxml2-repaired) DOM.
"""

from __future__ import annotations

import html as htmlstd
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from precis.clean.debris import ENTITY_RE
from precis.errors import EmptyInputError, InputError
from precis.ingest.base import ElementHint, Extraction, HeadingHint, Metadata
from precis.ingest.html_decode import decode_html
from precis.ingest.html_depth import INLINE_TAGS, max_depth, parse_flat

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["extract_html"]

_LOG = logging.getLogger(__name__)

_MAX_ID = 65000  # lxml stores sourceline in an unsigned short; above this we keep no id
_DEPTH_TRIGGER = 180  # libxml2 silently drops content nested deeper than 255
_DEPTH_CAP = 120
_DEPTH_CAP_RETRY = 24
# Precision mode first, recall mode when that leaves less than about one short paragraph:
# measured on bench/bench_html.py (mean F1 0.960 balanced, 0.966 precision, 0.971 precision
# with this retry; flat for thresholds 500-1000).
_MIN_CHARS = 500
_PREFIX = 80  # characters of normalised text that key the source-element index

_BLOCK_TAGS = frozenset({"p", "head", "item", "quote", "code", "table", "list", "div", "ab"})
_SOURCE_BLOCKS = frozenset(
    "p li h1 h2 h3 h4 h5 h6 blockquote pre td th dd dt figcaption caption div section article "
    "span q code".split()
)

# Escaped markup that CMSs double-encode (``&lt;/p&gt;`` in the source becomes "</p>" in the
# text). Only real HTML tag names count, so "a < b > c" and "List<String>" survive; code
# blocks are left alone.
_BLOCK = (
    "address article aside blockquote body caption center dd div dl dt figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr html iframe img li main nav ol p pre script section "
    "style table tbody td tfoot th thead tr ul"
)
_TAG_NAMES = "|".join(sorted({*INLINE_TAGS, *_BLOCK.split(), "br"}, key=len, reverse=True))
_TAG_DEBRIS = re.compile(
    rf"<!--.*?-->|</?(?P<name>{_TAG_NAMES})(?:\s[^<>]{{0,300}})?/?>", re.IGNORECASE | re.DOTALL
)
# Characters XML 1.0 forbids. libxml2 drops them from the page's bytes but keeps what a numeric
# reference names (``&#8``, ``&#xFFFE;``), and lxml then refuses every text or attribute value
# that contains one, so trafilatura's own tree edits raised ValueError (found by fuzzing, issue
# 7; tests/fuzz/crashes/html). Form feed and vertical tab become spaces, the rest is dropped, as
# cleaning does with controls anyway.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_INVALID_REF = re.compile(  # a numeric reference to one of them: walk the tree only then
    r"&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|6553[45])(?!\d)"
    r"|[xX]0*(?:[0-8bcefBCEF]|1[0-9a-fA-F]|[fF]{3}[eEfF])(?![0-9a-fA-F]))"
)
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r" ?\n ?")
_BLANKS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class _Block:
    """One output block before assembly: its text, heading level (0: none), source element."""

    text: str
    level: int
    source: Any  # trafilatura output element


def extract_html(data: bytes | str, *, url: str | None = None) -> Extraction:
    """Main content of an HTML page as raw text with headings, element paths and metadata.

    Args:
        data: the page, as bytes (charset from BOM, ``<meta>``, or detection) or decoded text.
        url: where the page came from; used for metadata and by trafilatura's heuristics.

    Returns:
        An :class:`Extraction` whose blocks are separated by one blank line.

    Raises:
        EmptyInputError: no readable main text, even with trafilatura's fallbacks.
        InputError: the page is nested too deeply to process.
    """
    if isinstance(data, bytes):
        text, encoding = decode_html(data)
    else:
        text, encoding = data.lstrip("\ufeff"), None
    warnings: list[str] = []
    tree = _parse(text, warnings)
    try:
        result = _extract_tree(tree, url, warnings)
    except RecursionError:
        _LOG.warning("recursion limit in HTML extraction; retrying with flattened nesting")
        warnings.append(f"nesting flattened to depth {_DEPTH_CAP_RETRY}")
        tree = parse_flat(text, _DEPTH_CAP_RETRY)
        _number(tree)
        try:
            result = _extract_tree(tree, url, warnings)
        except RecursionError as err:
            raise InputError("HTML is nested too deeply to extract text") from err
    doc, blocks = result
    out, headings, elements = _assemble(blocks, tree)
    if not out.strip():
        raise EmptyInputError("no readable text found in HTML")
    metadata = Metadata(
        title=_clean_meta(doc.title),
        authors=_authors(doc.author),
        date=doc.date or None,
        url=url or doc.url or None,
        format="html",
        language=doc.language or _html_lang(tree),
        encoding=encoding,
    )
    return Extraction(
        text=out,
        metadata=metadata,
        headings=tuple(headings),
        elements=tuple(elements),
        warnings=tuple(warnings),
    )


# --- parsing --------------------------------------------------------------------------------


def _parse(text: str, warnings: list[str]) -> HtmlElement:
    """Parse like trafilatura does, then re-parse with capped nesting if libxml2 truncated it."""
    from trafilatura import load_html

    tree = load_html(text) if text.strip() else None
    if tree is None:
        raise EmptyInputError("no readable text found in HTML")
    if max_depth(tree) >= _DEPTH_TRIGGER:
        _LOG.info("HTML nested deeper than %s; flattening wrappers", _DEPTH_TRIGGER)
        warnings.append(f"nesting flattened to depth {_DEPTH_CAP}")
        tree = parse_flat(text, _DEPTH_CAP)
    if _XML_INVALID_REF.search(text):
        _drop_xml_invalid(tree)
    _number(tree)
    return tree


def _drop_xml_invalid(tree: HtmlElement) -> None:
    """Remove characters lxml refuses from every text, tail and attribute value (see above)."""
    for el in tree.iter():
        for name in ("text", "tail"):
            value = getattr(el, name)
            if value and _XML_INVALID.search(value):
                setattr(el, name, _XML_INVALID.sub(_xml_replacement, value))
        for key, value in el.attrib.items():
            if _XML_INVALID.search(value):
                el.set(key, _XML_INVALID.sub(_xml_replacement, value))


def _xml_replacement(m: re.Match[str]) -> str:
    """Form feed and vertical tab separate words; the other characters are noise."""
    return " " if m.group() in "\x0b\x0c" else ""


def _number(tree: HtmlElement) -> None:
    """Store each element's document-order index in ``sourceline``; trafilatura keeps it."""
    for i, el in enumerate(tree.iter()):
        el.sourceline = i + 1 if i < _MAX_ID else 0


# --- extraction -----------------------------------------------------------------------------


def _extract_tree(
    tree: HtmlElement, url: str | None, warnings: list[str]
) -> tuple[Any, list[_Block]]:
    """Run trafilatura (balanced, then recall, then baseline) until there are blocks of text."""
    from trafilatura import bare_extraction, baseline
    from trafilatura.settings import Document

    kwargs: dict[str, Any] = dict(
        url=url,
        with_metadata=True,
        include_comments=False,
        include_formatting=True,
        include_tables=True,
        include_images=False,
        include_links=False,
    )
    doc = bare_extraction(tree, favor_precision=True, **kwargs)
    blocks = _blocks(doc.body) if doc is not None else []
    if _length(blocks) < _MIN_CHARS:
        recall = bare_extraction(tree, favor_recall=True, **kwargs)
        recall_blocks = _blocks(recall.body) if recall is not None else []
        if _length(recall_blocks) > _length(blocks):
            warnings.append("main text found in trafilatura's recall mode")
            doc, blocks = recall, recall_blocks
    if not blocks:
        body, _, _ = baseline(tree)
        blocks = _blocks(body)
        if blocks:
            warnings.append("main text found by trafilatura's baseline extractor")
    if doc is None:
        from trafilatura.metadata import extract_metadata

        doc = extract_metadata(tree, url) if blocks else Document()
    return doc, blocks


def _length(blocks: list[_Block]) -> int:
    return sum(len(b.text) for b in blocks)


def _blocks(body: Any) -> list[_Block]:
    """Flatten trafilatura's output tree into text blocks in document order."""
    if body is None:
        return []
    out: list[_Block] = []
    _walk(body, out)
    return out


def _walk(el: Any, out: list[_Block]) -> None:
    """Emit ``el``'s own inline text as blocks, cut wherever a block-level child starts."""
    tag = el.tag
    if tag == "table":
        _emit(_table_text(el), 0, el, out, code=False)
        return
    if tag == "code":
        _emit(_inline(el), 0, el, out, code=True)
        return
    level = _level(el) if tag == "head" else 0
    parts: list[str] = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
            _emit("".join(parts), level, el, out, code=False)
            parts = []
            _walk(child, out)
        else:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    _emit("".join(parts), level, el, out, code=False)


def _inline(el: Any) -> str:
    """Text of an inline element with its descendants; ``lb`` is a line break. Excludes tail."""
    if el.tag == "lb":
        return "\n"
    if el.tag == "graphic":
        return ""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            parts.append(" " if child.tag in _BLOCK_TAGS else "")
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _table_text(table: Any) -> str:
    """One line per row, cells joined by " | "."""
    rows = []
    for row in table.iter("row"):
        cells = [" ".join(_inline(c).split()) for c in row.iter("cell")]
        line = " | ".join(c for c in cells if c)
        if line:
            rows.append(line)
    return "\n".join(rows)


def _level(el: Any) -> int:
    rend = (el.get("rend") or "").lower()
    return int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1] in "123456" else 3


def _emit(raw: str, level: int, source: Any, out: list[_Block], *, code: bool) -> None:
    """Normalise one block's text and append it (split where escaped markup ended a paragraph)."""
    if code:
        text = _BLANKS.sub("\n\n", raw.replace("\r\n", "\n").strip("\n"))
        if text.strip():
            out.extend(
                _Block(
                    t,
                    0,
                    source,
                )
                for t in text.split("\n\n")
                if t.strip()
            )
        return
    text = _normalise(_decode_debris(raw))
    for piece in text.split("\n\n"):
        if piece:
            out.append(_Block(piece, level, source))


def _decode_debris(text: str) -> str:
    """Decode double-escaped entities and drop escaped tags (block tags end a paragraph)."""
    if "&" in text:
        text = ENTITY_RE.sub(lambda m: htmlstd.unescape(m.group()), text)
    if "<" in text:
        text = _TAG_DEBRIS.sub(_tag_replacement, text)
    return text


def _tag_replacement(m: re.Match[str]) -> str:
    name = (m.group("name") or "").lower()
    if not name:  # an HTML comment
        return ""
    if name == "br":
        return "\n"
    return "" if name in INLINE_TAGS else "\n\n"


def _normalise(text: str) -> str:
    """One space between words, single newlines only from line breaks, none at the ends."""
    text = _SPACES.sub(" ", text)
    text = _NEWLINES.sub("\n", text)
    return _BLANKS.sub("\n\n", text).strip()


# --- assembly and links ---------------------------------------------------------------------


def _assemble(
    blocks: list[_Block], tree: HtmlElement
) -> tuple[str, list[HeadingHint], list[ElementHint]]:
    """Join blocks with blank lines; heading and element spans are recorded while writing."""
    index = _SourceIndex(tree)
    parts: list[str] = []
    headings: list[HeadingHint] = []
    elements: list[ElementHint] = []
    pos = 0
    for block in blocks:
        if parts:
            parts.append("\n\n")
            pos += 2
        start, end = pos, pos + len(block.text)
        parts.append(block.text)
        pos = end
        if block.level:
            headings.append(HeadingHint(start, end, block.level))
        path = index.path_of(block)
        if path:
            elements.append(ElementHint(start, end, path))
    return "".join(parts), headings, elements


class _SourceIndex:
    """Finds the source element of an output block: by carried id, else by its text."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self.nodes = [el for el in tree.iter()]
        self._by_text: dict[str, Any] | None = None

    def path_of(self, block: _Block) -> str | None:
        node = self._by_id(block.source)
        if node is not None and not _starts_inside(block.text, node):
            # trafilatura's fallback extractors re-parse the page: their elements carry real
            # line numbers, not our ids (seen on a Korean news page of the benchmark)
            node = None
        if node is None:
            node = self._texts().get(_key(block.text))
        return self.tree.getroottree().getpath(node) if node is not None else None

    def _by_id(self, el: Any) -> Any:
        line = el.sourceline
        if line and 0 < line <= len(self.nodes):
            node = self.nodes[line - 1]
            if node.tag not in ("html", "head", "body"):  # too coarse to be a link
                return node
        return None

    def _texts(self) -> dict[str, Any]:
        """Built lazily: normalised text prefix of each block-like element -> deepest element."""
        if self._by_text is None:
            index: dict[str, Any] = {}
            for el in self.nodes:
                if isinstance(el.tag, str) and el.tag in _SOURCE_BLOCKS:
                    key = _key("".join(_first_chars(el)))
                    old = index.get(key)
                    if key and (old is None or old in el.iterancestors()):
                        index[key] = el  # the deepest element with that text, first occurrence
            self._by_text = index
        return self._by_text


def _first_chars(el: Any, limit: int = 4 * _PREFIX) -> Iterator[str]:
    """Leading text of an element, lazily, so the index stays linear in deep trees."""
    seen = 0
    for piece in el.itertext():
        yield piece
        seen += len(piece)
        if seen >= limit:
            return


def _starts_inside(text: str, node: Any) -> bool:
    """Whether the block's first words occur in the leading text of ``node``."""
    head = " ".join(text.split())[:24]
    return head in " ".join("".join(_first_chars(node, limit=4000)).split())


def _key(text: str) -> str:
    return " ".join(_decode_debris(text).split())[:_PREFIX]


# --- metadata -------------------------------------------------------------------------------


def _clean_meta(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None


def _authors(value: str | None) -> tuple[str, ...]:
    """trafilatura joins authors with "; "."""
    return tuple(a.strip() for a in (value or "").split(";") if a.strip())


def _html_lang(tree: HtmlElement) -> str | None:
    """Primary language subtag of ``<html lang>`` ("en-US" -> "en")."""
    root = tree.getroottree().getroot()
    lang = (root.get("lang") or root.get("xml:lang") or "").strip()
    primary = lang.split("-")[0].split("_")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
