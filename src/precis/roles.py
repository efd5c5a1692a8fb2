"""Block roles: what each paragraph of a document is, so summaries read the body (issue 14).

A paper's text is more than its body: references, acknowledgements, appendices, a table of
contents and figure captions are blocks of their own, and a summary sentence chosen from them
reads as noise ("Anna Johnson. 2007. Accurate Information ..."). Roles here come from what a
block says and where it stands, for every input format:

- a section opened by a block that *is* a references, acknowledgements or contents heading
  ("References", "7 Bibliography", "Acknowledgments", "Table of Contents") takes that role up
  to the next section of the paper;
- after the references, a letter-numbered heading ("A Evaluation",
  "B.1 Data") or one that says "Appendix" opens the appendix, which runs to the end;
- a block that starts like a caption ("Figure 3:", "Table 2.", "Fig. 4.") is a caption;
- near the start, the block that is or opens with "Abstract" and the body blocks after it up to
  the next heading are the abstract;
- near the end, a block that opens like an acknowledgement ("We thank the reviewers", "This work
  was supported by") is one, heading or not.

Blocks keep their text and offsets in the document; only their role changes. Sentences are
built in :data:`SENTENCE_ROLES` blocks only, and ``precis text`` prints :data:`READING_ROLES`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

BODY = "body"
HEADING = "heading"
REFERENCES = "references"
ACKNOWLEDGEMENTS = "acknowledgements"
APPENDIX = "appendix"
TOC = "toc"
CAPTION = "caption"
TITLE = "title"
ABSTRACT = "abstract"
LIST_ITEM = "list_item"
FRONT_MATTER = "front_matter"
COVER = "cover"  # given by the PDF adapter (precis.ingest.pdf_cover), never by the text rules

SENTENCE_ROLES = frozenset({BODY, ABSTRACT, LIST_ITEM})
"""Blocks whose sentences a summary may choose (block quotes are body today); the abstract's
are left out on request (``SummarizeOptions.skip_abstract``)."""
READING_ROLES = SENTENCE_ROLES | {HEADING, TITLE}
"""Blocks of the reading flow: what ``precis text`` prints."""

_NUMBER = r"(?:(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,5})\.?\s+)?"
_ZONE_HEADINGS = {
    REFERENCES: r"references|bibliography|works cited|literature cited|reference list",
    ACKNOWLEDGEMENTS: r"acknowledge?ments?",
    TOC: r"(?:table of )?contents",
}
_ZONE_RES = {
    role: re.compile(rf"^{_NUMBER}(?:{words})[.:]?$", re.IGNORECASE)
    for role, words in _ZONE_HEADINGS.items()
}
_APPENDIX_WORD_RE = re.compile(r"^(?:appendix|appendices|supplementary material)\b", re.I)
# "A Evaluation", "B.1 Data", "A. NP-HARDNESS PROOF"
_LETTER_HEADING_RE = re.compile(r"^[A-H](?:\.\d{1,2})*\.?\s+[A-Z][A-Za-z-]+")
_NUMBERED_HEADING_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z]|chapter\b)", re.I)
_DOT_LEADERS_RE = re.compile(r"(?:\. ?){4,}")
# "Notices . . . . vii", "Chapter 1. Securing and protecting IBM DB2 data . . . . 1"
_LEADER_ENTRY_RE = re.compile(
    r"(?P<title>\S.*?)\s*(?:\.\s?){3,}\s*(?P<page>[ivxlcIVXLC]{1,7}|\d{1,4})(?=\s|$)"
)
MIN_OPENING_TITLE = 12  # characters of a title key that may open a longer block
_KEY_DROP_RE = re.compile(r"[\W_]+")
_PREFACE_RE = re.compile(r"^(?:preface|foreword|prologue)")
_TOC_ENTRY_RE = re.compile(r"^.{2,80}\s\d{1,4}$")  # "3 Related Work 7"
_PAGE_ONLY_RE = re.compile(r"^(?:\d{1,4}|[ivxlc]{1,6})$")
# A list item's opening marker: a bullet, or "2." / "2)" / "(2)" / "b." (then it must belong to
# a run of consecutive values, see _mark_list_items); the marker is layout, not words.
_BULLETS = "•⁃◦▪‣●○■□►➢*-"
_BULLET_MARKER_RE = re.compile(rf"^[{_BULLETS}]\s+(?=[^\s{_BULLETS}])")  # not "- - - - x"
_NUMBER_MARKER_RE = re.compile(r"^(?:\((\d{1,2}|[a-z])\)|(\d{1,2}|[a-z])[.)])\s+(?=\S)")
_LIST_NEIGHBOURS = 3  # how many blocks away the item before or after may stand
_CAPTION_RE = re.compile(r"^(?:Figure|Fig\.|Table|Tab\.)\s*[A-Z]{0,3}\d{1,3}[a-z]?[.:|]\s")
MAX_HEADING_CHARS = 100
ABSTRACT_WITHIN = 12  # the abstract opens within this many blocks (or the first fifth)
_ABSTRACT_RE = re.compile(r"^(?:Abstract|ABSTRACT|A B S T R A C T)(?:$|[\s.:\u2014\u2013-])")
MAX_ABSTRACT_BLOCKS = 4  # an abstract is a paragraph or a few; more is the introduction
# a section's start the headings missed: "I. INTRODUCTION", "1 Introduction", "Index Terms—"
_SECTION_START_RE = re.compile(
    r"^(?:(?:\d{1,2}|[IVX]{1,4})\.?\s+[A-Z]|Index Terms|Key ?words|Categories and Subject)"
)
ACK_TAIL = 0.25  # an acknowledgement without a heading is looked for in this last share of blocks
_ACK_OPENING_RE = re.compile(
    r"^(?:We (?:would like to |wish to )?thank|We are (?:very )?grateful|The authors? (?:would "
    r"like to |wish to )?thanks?|This (?:work|research|project|material) (?:was|is|has been) "
    r"(?:\w+ )?(?:supported|funded))\b"
)
# A longer block that starts like a caption has body text run into it (the text layer puts a
# caption mid-paragraph): leaving it in the reading flow loses less than taking it out.
MAX_CAPTION_WORDS = 60
# a table's notes keyed by asterisks ("* 1992-4; ** base=1991; *** value in 1994"): the "*"
# is a note mark, not a bullet, when "**" follows in the block
_STAR_NOTES_RE = re.compile(r"^\*\s*\S.*?\s\*\*\s*\S")


def block_roles(
    texts: Sequence[str], headings: Sequence[bool], given: Sequence[str | None] | None = None
) -> list[str]:
    """A role per block; ``headings`` says which blocks segmentation took as headings, ``given``
    the roles the format itself gives (a PDF's footnotes, captions, title and authors from
    glyph geometry and fonts), which win over what the text says."""
    roles: list[str] = []
    zone: str | None = None  # the section role in force, if any
    back_matter = False  # references seen: letter-numbered headings open appendices
    for text, is_heading in zip(texts, headings, strict=True):
        opened = _zone_opened(text)
        if zone == TOC and _toc_entry(text):
            pass  # "Appendix. Model specification 11" is a contents entry, not the appendix
        elif opened is not None:
            zone = opened
            back_matter = back_matter or opened == REFERENCES
        elif _opens_appendix(text, is_heading, back_matter):
            zone = APPENDIX
        elif zone is not None and _zone_ends(zone, text, is_heading):
            zone = None
        if zone is not None:
            roles.append(zone)
        elif _CAPTION_RE.match(text) and len(text.split()) <= MAX_CAPTION_WORDS:
            roles.append(CAPTION)
        elif _STAR_NOTES_RE.match(text) and len(text.split()) <= 3 * MAX_CAPTION_WORDS:
            roles.append(CAPTION)  # with the notes' "Sources: ..." that run on
        else:
            roles.append(HEADING if is_heading else BODY)
    _mark_abstract(texts, headings, roles)
    _mark_book_front_matter(texts, roles)
    _mark_list_items(texts, roles)
    tail = int(len(texts) * (1 - ACK_TAIL))
    for i in range(tail, len(texts)):
        if roles[i] == BODY and _ACK_OPENING_RE.match(texts[i]) and len(texts[i].split()) <= 150:
            roles[i] = ACKNOWLEDGEMENTS  # "We thank the reviewers ...", no heading of its own
    free = roles if given is None else [r for g, r in zip(given, roles, strict=True) if not g]
    if BODY not in free:  # only a caption, only an appendix: read them rather than nothing
        roles = _all_read(roles)
    if given is not None:  # a PDF's floats and front matter, from the page (issue 14)
        roles = [g or role for g, role in zip(given, roles, strict=True)]
        if BODY not in roles and COVER not in roles:  # only a table: read it rather than
            roles = _all_read(roles)  # nothing; a cover page alone has nothing to summarize
    return roles


def _all_read(roles: list[str]) -> list[str]:
    """Every block body but the headings and the title: a document with no body block."""
    return [role if role in (HEADING, TITLE) else BODY for role in roles]


def list_marker_length(text: str) -> int:
    """Length of the list marker (and the spaces after it) that opens ``text``; 0 if none."""
    found = _BULLET_MARKER_RE.match(text) or _NUMBER_MARKER_RE.match(text)
    return found.end() if found else 0


def _mark_list_items(texts: Sequence[str], roles: list[str]) -> None:
    """Body blocks that open with a bullet, or with a number or letter one more than that of
    a block just before or one less than that of a block just after ("1. ...", "2. ...").

    A lone "1." or "(b)" is no list: "3. Results" style text that is not a heading, or a
    sentence that starts with a parenthesised letter, stays body.
    """
    numbered: dict[int, tuple[bool, int]] = {}
    for i, text in enumerate(texts):
        if roles[i] != BODY:
            continue
        if _BULLET_MARKER_RE.match(text):
            roles[i] = LIST_ITEM
        elif found := _NUMBER_MARKER_RE.match(text):
            raw = found.group(1) or found.group(2)
            numbered[i] = (raw.isdigit(), int(raw) if raw.isdigit() else ord(raw) - ord("a") + 1)
    for i, (digits, value) in numbered.items():
        for j in range(max(0, i - _LIST_NEIGHBOURS), i + _LIST_NEIGHBOURS + 1):
            other = numbered.get(j)
            if (
                j != i
                and other is not None
                and other[0] == digits
                and other[1] - value == (j > i) - (j < i)
            ):
                roles[i] = LIST_ITEM
                break


def plain_reading_text(text: str) -> str:
    """The reading flow of clean plain text without building the document (numpy and the
    sentence splitter stay unloaded: ``precis text`` on a text file starts fast, issue 13).

    Blocks and headings as :mod:`precis.segment` finds them in a format without heading hints:
    a heading-like block followed by another block is a heading.
    """
    from precis.clean.whitespace import looks_like_heading

    blocks = [b for b in text.split("\n\n") if b]
    headings = [i + 1 < len(blocks) and looks_like_heading(block) for i, block in enumerate(blocks)]
    roles = block_roles(blocks, headings)
    return "\n\n".join(
        b[list_marker_length(b) :] if role == LIST_ITEM else b
        for b, role in zip(blocks, roles, strict=True)
        if role in READING_ROLES
    )


def _mark_abstract(texts: Sequence[str], headings: Sequence[bool], roles: list[str]) -> None:
    """The abstract: from a block that is or opens with "Abstract" ("Abstract", "Abstract—In
    this paper", "ABSTRACT We study") near the start, its body blocks up to the next heading."""
    front = max(ABSTRACT_WITHIN, len(texts) // 5)
    opener = next(
        (
            i
            for i, t in enumerate(texts[:front])
            if _ABSTRACT_RE.match(t) and roles[i] in (BODY, HEADING)
        ),
        None,
    )
    if opener is None:
        return
    for i in range(opener, min(len(texts), opener + MAX_ABSTRACT_BLOCKS)):
        if i > opener and (headings[i] or roles[i] != BODY or _SECTION_START_RE.match(texts[i])):
            break
        if roles[i] == BODY:
            roles[i] = ABSTRACT


def _opens_appendix(text: str, is_heading: bool, back_matter: bool) -> bool:
    """An "Appendix ..." heading anywhere, or a letter-numbered one after the references."""
    if len(text) > MAX_HEADING_CHARS:
        return False
    if _APPENDIX_WORD_RE.match(text):  # a heading, not "Appendix A shows the full results."
        return is_heading or (len(text.split()) <= 8 and text[-1] not in ".!?")
    return is_heading and back_matter and bool(_LETTER_HEADING_RE.match(text))


def _zone_ends(zone: str, text: str, is_heading: bool) -> bool:
    """Whether this block leaves the section role ``zone``.

    References run to a numbered heading ("5 Results", "Chapter 5"): an entry that looks like a
    title ("Speech and Language Processing") must not end them. A contents page runs while its
    blocks read as entries (dot leaders, or a page number at the end); acknowledgements run to
    the next heading; an appendix runs to the end.
    """
    if zone == APPENDIX:
        return False
    if zone == REFERENCES:
        return is_heading and bool(_NUMBERED_HEADING_RE.match(text))
    if zone == TOC:
        return not _toc_entry(text)
    return is_heading


def _mark_book_front_matter(texts: Sequence[str], roles: list[str]) -> None:
    """A book's front matter, as its contents list it: the sections the contents number in
    roman (a book numbers its front matter so: notices, trademarks, a publisher's insert)
    before the first entry numbered in arabic are :data:`FRONT_MATTER`, from the block that
    repeats such an entry's title to the block that repeats the next entry's title. The
    preface and the foreword, the authors' own account of the book, stay body, as a paper's
    abstract does.
    """
    entries = _contents_entries(texts, roles)
    arabic = [k for k, (_, page) in enumerate(entries) if page.isdigit()]
    if not arabic or arabic[0] == 0:
        return
    titles = {_title_key(title): k for k, (title, _) in enumerate(entries)}
    front = {
        key
        for key, k in titles.items()
        if k < arabic[0] and not entries[k][1].isdigit() and not _PREFACE_RE.match(key)
    }
    inside = False
    for i, text in enumerate(texts):
        if roles[i] == TOC:
            continue
        key = _title_key(text)
        opened = titles.get(key) if key in titles else _opening_title(key, titles)
        if opened is not None:
            inside = _title_key(entries[opened][0]) in front
        if inside and roles[i] in (BODY, LIST_ITEM):
            roles[i] = FRONT_MATTER


def _opening_title(key: str, titles: dict[str, int]) -> int | None:
    """The entry whose title opens the block (a heading run into its first paragraph:
    "Chapter 1. Securing and protecting IBM DB2 data Recent news headlines ...")."""
    for title, k in titles.items():
        if len(title) >= MIN_OPENING_TITLE and key.startswith(title):
            return k
    return None


def _contents_entries(texts: Sequence[str], roles: list[str]) -> list[tuple[str, str]]:
    """(title, page label) of every contents entry set with dot leaders, in order."""
    return [
        (m.group("title"), m.group("page").lower())
        for i, text in enumerate(texts)
        if roles[i] == TOC
        for m in _LEADER_ENTRY_RE.finditer(text)
    ]


def _title_key(text: str) -> str:
    """A title as a matching key: letters and digits only, lower case."""
    return _KEY_DROP_RE.sub("", text).casefold()


def _toc_entry(text: str) -> bool:
    """A contents entry: dot leaders, a short line ending in a page number, or the page number
    alone (set right-aligned, it is a line of its own)."""
    return bool(
        _DOT_LEADERS_RE.search(text) or _TOC_ENTRY_RE.match(text) or _PAGE_ONLY_RE.match(text)
    )


def _zone_opened(text: str) -> str | None:
    """The section role a block opens when it is that section's heading."""
    if len(text) > MAX_HEADING_CHARS:
        return None
    for role, pattern in _ZONE_RES.items():
        if pattern.match(text.strip()):
            return role
    return None
