"""Issue 19: lines of a Chinese or Japanese PDF paragraph join without a space."""

from __future__ import annotations

import pytest

from precis.clean.pdf_layout import Line
from precis.clean.pdf_paragraphs import SENTENCE_END_RE, line_join

FULL = 40.0  # characters in most lines of the page


def line(text: str) -> Line:
    return Line(0, len(text), 0, text, False, False)


@pytest.mark.parametrize(
    ("a", "b", "joint"),
    [
        (
            "中国金融当局最近禁止了包括朝鲜端川商业银" * 2,
            "行、朝鲜大成银行",
            "",
        ),  # a wrap inside a word
        ("屋内でも限られた人数で集まることができるように" * 2, "なった。", ""),
        ("据报中国当局加强了通关检查", "据韩国媒体援引", " "),  # a short caption line stays apart
        ("the spiral depends less on capabilities than on domestic " * 2, "politics.", " "),
        ("使用" * 20, "iPhone 的用户", " "),  # Latin on one side: a space, as before
    ],
)
def test_pdf_line_join_is_tight_only_between_wide_characters_of_a_full_line(
    a: str, b: str, joint: str
) -> None:
    assert line_join(line(a), line(b), FULL) == joint


@pytest.mark.parametrize(
    "text", ["可以正式营业。", "「最大限の注意を払って進むべきだ。」", "本当ですか？"]
)
def test_pdf_sentence_end_knows_cjk_terminators(text: str) -> None:
    assert SENTENCE_END_RE.search(text)
