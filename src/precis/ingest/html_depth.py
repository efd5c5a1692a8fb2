"""Pages nested deeper than libxml2 accepts: re-serialise them with capped nesting.

libxml2 silently drops content nested deeper than 255 levels, so a hostile or broken page would
lose its text. An event parser (no depth limit) rewrites it, dropping wrapper tags beyond a cap
without gluing words together.
"""

from __future__ import annotations

import html as htmlstd
from html.parser import HTMLParser as _StdHTMLParser
from typing import TYPE_CHECKING

from precis.errors import EmptyInputError

if TYPE_CHECKING:
    from lxml.html import HtmlElement

INLINE_TAGS = frozenset(
    "a abbr b cite del em font i ins mark q s small span strike strong sub sup time u wbr".split()
)


def parse_flat(text: str, cap: int) -> HtmlElement:
    """Re-serialise the page without start/end tags nested deeper than ``cap``, then parse it."""
    from trafilatura import load_html

    flattener = _Flattener(cap)
    flattener.feed(text)
    flattener.close()
    tree = load_html("".join(flattener.out))
    if tree is None:
        raise EmptyInputError("no readable text found in HTML")
    return tree


class _Flattener(_StdHTMLParser):
    """Event-based rewrite (no depth limit) that caps nesting without gluing words together.

    Beyond ``cap`` levels wrapper tags (div, span, ...) are dropped, block wrappers leaving a
    space; content tags (p, li, h1-h6, ...) are kept up to ``2 * cap`` and become ``<br>`` below.
    """

    _VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
    _KEEP = frozenset(
        "p h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tr td th thead tbody tfoot caption "
        "blockquote pre title head body html script style".split()
    )

    def __init__(self, cap: int) -> None:
        super().__init__(convert_charrefs=True)
        self.cap = cap
        self.depth = 0  # emitted open tags
        self.stack: list[tuple[str, bool]] = []  # (tag, emitted)
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = "".join(f' {k}="{htmlstd.escape(v or "")}"' for k, v in attrs)
        if tag in self._VOID:
            self.out.append(f"<{tag}{attr}>")
            return
        keep = self.depth < self.cap or (tag in self._KEEP and self.depth < 2 * self.cap)
        self.stack.append((tag, keep))
        if keep:
            self.depth += 1
            self.out.append(f"<{tag}{attr}>")
        else:
            self._separate(tag)

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            name, emitted = self.stack.pop()
            if emitted:
                self.depth -= 1
                self.out.append(f"</{name}>")
            else:
                self._separate(name)
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        self.out.append(htmlstd.escape(data, quote=False))

    def _separate(self, tag: str) -> None:
        """What a dropped tag leaves: a line break for content, a space for block wrappers.

        Only one separator per run of dropped tags: 10,000 nested ``<table>`` or ``<ul>`` would
        otherwise leave 20,000 ``<br>`` inside the kept levels, and trafilatura's table and list
        handling, which walks all descendants at every level, took 5-22 s on them.
        """
        sep = "<br>" if tag in self._KEEP else "" if tag in INLINE_TAGS else " "
        last = self.out[-1] if self.out else ""
        if not sep or last == "<br>" or last == sep:
            return
        if last == " " and sep == "<br>":
            self.out[-1] = sep  # a line break says more than a space
        else:
            self.out.append(sep)


def max_depth(tree: HtmlElement) -> int:
    """Deepest element nesting, in one pass."""
    from lxml import etree

    depth = best = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        best = max(best, depth)
    return best
