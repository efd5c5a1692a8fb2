"""Tests for precis.sentences in languages other than English (issue 19).

Cases are real sentences. Origins: pySBD (github:nipunsadvilkar/pySBD, MIT, commit
5905f13be4fc95f407b98392e0ec303617a33d86, tests/lang/test_<language>.py); Universal
Dependencies treebanks (CC BY-SA 4.0: UD_German-GSD, UD_Portuguese-Bosque, UD_Russian-GSD,
UD_Japanese-GSD; test files); Klexikon/Wikipedia (CC BY-SA, ../shared/data/multilingual/de.jsonl).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from precis.api import load_text
from precis.options import CleanOptions, LoadOptions
from precis.sentences import sentence_spans
from test_sentences import _PIECES, GOLDEN, assert_contract

RULES = Path(__file__).parents[1] / "bench" / "data" / "sentence_rules_multilingual.jsonl"


def sentences(text: str, language: str | None) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, language)]


CASES = [
    # pySBD tests/lang/test_deutsch.py: ordinal date, "z. B.", „ “ quotes
    (
        "de",
        "Was sind die Konsequenzen der Abstimmung vom 12. Juni?",
        ["Was sind die Konsequenzen der Abstimmung vom 12. Juni?"],
    ),
    (
        "de",
        "Es gibt jedoch einige Vorsichtsmaßnahmen, die Du ergreifen kannst, z. B. ist es sehr "
        "empfehlenswert, dass Du Dein Zuhause von allem Junkfood befreist.",
        [
            "Es gibt jedoch einige Vorsichtsmaßnahmen, die Du ergreifen kannst, z. B. ist es sehr "
            "empfehlenswert, dass Du Dein Zuhause von allem Junkfood befreist."
        ],
    ),
    (
        "de",
        "„Ich habe heute keine Zeit“, sagte die Frau und flüsterte leise: „Und auch keine Lust.“ "
        "Wir haben 1.000.000 Euro.",
        [
            "„Ich habe heute keine Zeit“, sagte die Frau und flüsterte leise: „Und auch keine Lust.“",
            "Wir haben 1.000.000 Euro.",
        ],
    ),
    ("de", "Wir brauchen Getränke, z. B. Wasser, Saft, Bier usw.", None),
    ("de", "Sie erhalten ein neues Bank-Statement bzw. ein neues Schreiben.", None),
    # Klexikon/Wikipedia "AC/DC" (the example)
    (
        "de",
        "Kurz darauf starb der Lead-Sänger und Co-Songwriter Bon Scott am 19. Februar 1980. Die "
        "Gruppe stand danach kurz vor der Auflösung.",
        [
            "Kurz darauf starb der Lead-Sänger und Co-Songwriter Bon Scott am 19. Februar 1980.",
            "Die Gruppe stand danach kurz vor der Auflösung.",
        ],
    ),
    # pySBD tests/lang/test_japanese.py
    ("ja", "これはペンです。それはマーカーです。", ["これはペンです。", "それはマーカーです。"]),
    ("ja", "それは何ですか？ペンですか？", ["それは何ですか？", "ペンですか？"]),
    (
        "ja",
        "自民党税制調査会の幹部は、「引き下げ幅は３．２９％以上を目指すことになる」と指摘していて、"
        "今後、公明党と合意したうえで、３０日に決定する与党税制改正大綱に盛り込むことにしています。"
        "２％台後半を目指すとする方向で最終調整に入りました。",
        [
            "自民党税制調査会の幹部は、「引き下げ幅は３．２９％以上を目指すことになる」と指摘していて、"
            "今後、公明党と合意したうえで、３０日に決定する与党税制改正大綱に盛り込むことにしています。",
            "２％台後半を目指すとする方向で最終調整に入りました。",
        ],
    ),
    # pySBD tests/lang/test_arabic.py (its first case, from the question mark on)
    (
        "ar",
        "ماذا حدث بعد الانتخابات الايرانية؟ طرح الكثير من التساؤلات غداة ظهور نتائج الانتخابات.",
        [
            "ماذا حدث بعد الانتخابات الايرانية؟",
            "طرح الكثير من التساؤلات غداة ظهور نتائج الانتخابات.",
        ],
    ),
    # pySBD tests/lang/test_urdu.py and test_hindi.py: ۔ and । end sentences
    (
        "ur",
        "کیا حال ہے؟ ميرا نام ___ ەے۔ میں حالا تاوان دےدوں؟",
        ["کیا حال ہے؟", "ميرا نام ___ ەے۔", "میں حالا تاوان دےدوں؟"],
    ),
    (
        "hi",
        "सच्चाई यह है कि इसे कोई नहीं जानता। हो सकता है यह फ़्रेन्को के खिलाफ़ कोई विद्रोह रहा हो।",
        ["सच्चाई यह है कि इसे कोई नहीं जानता।", "हो सकता है यह फ़्रेन्को के खिलाफ़ कोई विद्रोह रहा हो।"],
    ),
    # pySBD tests/lang/test_spanish.py
    (
        "es",
        "¿Cómo está hoy? Espero que muy bien.",
        ["¿Cómo está hoy?", "Espero que muy bien."],
    ),
    (
        "es",
        "La teoría del big bang no dice nada acerca de cómo se formó el universo sino cómo se "
        "expandió tras su formación. ¡Qué pregunta!",
        [
            "La teoría del big bang no dice nada acerca de cómo se formó el universo sino cómo se "
            "expandió tras su formación.",
            "¡Qué pregunta!",
        ],
    ),
    # pySBD tests/lang/test_russian.py
    ("ru", "Объем составляет 5 куб.м.", None),
    (
        "ru",
        "Дом, где родился Л.Н.Толстой, 1898 г. В 1854 году дом продан по распоряжению писателя.",
        [
            "Дом, где родился Л.Н.Толстой, 1898 г.",
            "В 1854 году дом продан по распоряжению писателя.",
        ],
    ),
    # pySBD tests/lang/test_french.py: « » stay with their sentence
    (
        "fr",
        "À 11 heures ce matin, la direction ne décomptait que douze grévistes en tout sur la "
        "France : ce sont ceux du site de Saran (Loiret), dont l’effectif est de 809 salariés. "
        "Elle assure que ce mouvement « n’aura aucun impact sur les livraisons ».",
        [
            "À 11 heures ce matin, la direction ne décomptait que douze grévistes en tout sur la "
            "France : ce sont ceux du site de Saran (Loiret), dont l’effectif est de 809 salariés.",
            "Elle assure que ce mouvement « n’aura aucun impact sur les livraisons ».",
        ],
    ),
    ("fr", "Les derniers ouvrages de Intercept Ltd. sont ici.", None),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_sentence_spans_language_cases(
    language: str, text: str, expected: list[str] | None
) -> None:
    got = sentences(text, language)
    assert got == (expected or [text])  # None: the text is one sentence
    assert_contract(text, sentence_spans(text, language))


def test_german_ordinal_and_abbreviations_were_cut_by_the_english_rules() -> None:
    text = CASES[5][1]
    assert len(sentences(text, None)) == 3  # "… am 19." | "Februar 1980." | "Die Gruppe …"
    assert len(sentences(text, "de")) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # UD_Ukrainian-IU test: "і т. п." ends a sentence before a capital
        (
            "Венера Мілоська чи куль соломи і т. п. Правда, все це у них провадиться не так.",
            ["Венера Мілоська чи куль соломи і т. п.", "Правда, все це у них провадиться не так."],
        ),
        # UD_French-GSD test: a number before a capital ends the sentence
        (
            "Explique Nuria Alvarez, analyste chez Renta 4. Quel est le coût d'un tel projet ?",
            [
                "Explique Nuria Alvarez, analyste chez Renta 4.",
                "Quel est le coût d'un tel projet ?",
            ],
        ),
    ],
)
def test_sentence_spans_ud_sentences(text: str, expected: list[str]) -> None:
    language = "uk" if "Венера" in text else "fr"
    assert sentences(text, language) == expected


def test_japanese_quotation_is_not_cut_inside() -> None:
    # a quotation of two sentences inside one (constructed: the UD sample has none)
    text = "彼は「今日は休みです。明日も休みです。」と言った。それから帰った。"
    assert sentences(text, "ja") == [
        "彼は「今日は休みです。明日も休みです。」と言った。",
        "それから帰った。",
    ]
    assert len(sentences(text, None)) == 4  # the English rules cut inside the quotation


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # XL-Sum zh (BBC 中文): an image caption glued to the first sentence by a space
        (
            "zh",
            "据报中国当局加强了通关检查 据韩国媒体援引消息人士的话说，当局禁止了汇款。",
            ["据报中国当局加强了通关检查", "据韩国媒体援引消息人士的话说，当局禁止了汇款。"],
        ),
        # ... and a subheading between two sentences
        (
            "zh",
            "并开始调查非法就业情况。 汇款限制 还有消息说，禁止部分银行向朝鲜汇款。",
            ["并开始调查非法就业情况。", "汇款限制", "还有消息说，禁止部分银行向朝鲜汇款。"],
        ),
        # XL-Sum ja: a caption, then the article
        (
            "ja",
            "小林麻央さん 関係者によると、小林さんは22日夜に息を引き取ったという。",
            ["小林麻央さん", "関係者によると、小林さんは22日夜に息を引き取ったという。"],
        ),
        # inside brackets a space is no boundary (a credit line)
        ("zh", "他说。 （编写：郱书 责编：铃兰）", ["他说。", "（编写：郱书 责编：铃兰）"]),
        # spaces around Latin words and digits are word spaces; a line break is wrapping
        ("zh", "在 2019 年 BBC 报道了此事。", None),
        ("zh", "中国当局加强了\n通关检查。", None),
    ],
)
def test_space_between_han_or_kana_ends_a_segment(
    language: str, text: str, expected: list[str] | None
) -> None:
    assert sentences(text, language) == (expected or [text])
    assert_contract(text, sentence_spans(text, language))


def test_space_between_han_is_a_word_space_in_english_rules() -> None:
    assert len(sentences("据报中国当局加强了通关检查 据韩国媒体援引消息。", None)) == 1


def test_an_unclosed_quotation_does_not_swallow_the_text() -> None:
    # UD_Japanese-GSD test: a sentence whose 「 never closes, then the next sentences
    text = (
        "尾崎淳介校長は「水筒を持たせ、帽子をかぶるように指導していた。"
        "自由で不思議でキュートな女の子、AKB48チームBのメンバーメンバー小林香菜。"
        "あるいは、試練に挑もうとしない逃避癖だ。"
    )
    assert len(sentences(text, "ja")) == 3


@pytest.mark.parametrize("language", ["de", "es", "ru", "da"])
def test_pysbd_rules_floor(language: str) -> None:
    """Per-language pySBD cases passed (bench/bench_sentences_multilingual.py): a floor."""
    floors = {"de": 31, "es": 32, "ru": 39, "da": 43}
    cases = [json.loads(line) for line in RULES.read_text("utf-8").splitlines()]
    passed = sum(
        [c["text"][s:e].strip() for s, e in sentence_spans(c["text"], language)] == c["sentences"]
        for c in cases
        if c["language"] == language
    )
    assert passed >= floors[language]


@pytest.mark.parametrize("case", GOLDEN, ids=lambda c: c["id"])
def test_english_spans_are_the_same_with_language_en(case: dict) -> None:
    assert sentence_spans(case["text"], "en") == sentence_spans(case["text"])


_MORE_PIECES = st.sampled_from(
    ["。", "「", "」", "（", "）", "汉 ", " 字", "؟", "„", "“", "«", "»", " »"]
    + ["z", "B", "19", "Juni"]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_PIECES, _MORE_PIECES), max_size=40).map("".join),
    st.sampled_from(["de", "fr", "ja", "zh", "ar", "ru", "tr", "xx"]),
)
def test_sentence_spans_contract_in_every_language(text: str, language: str) -> None:
    assert_contract(text, sentence_spans(text, language))


@pytest.mark.parametrize("unit", ["「あ。", "19. Juni ", "z. B. ", "」。", "（あ い", "あ い）"])
def test_sentence_spans_stays_linear_in_other_languages(unit: str) -> None:
    text = unit * (400_000 // len(unit))
    started = time.perf_counter()
    assert_contract(text, sentence_spans(text, "ja" if "あ" in unit or "」" in unit else "de"))
    assert time.perf_counter() - started < 10


def test_documents_are_cut_in_their_language() -> None:
    text = (
        "Kurz darauf starb der Sänger Bon Scott am 19. Februar 1980. Die Gruppe stand danach "
        "kurz vor der Auflösung, bis der ehemalige Sänger Brian Johnson z. B. als Ersatz "
        "engagiert wurde. Nur wenig später veröffentlichte die Band das Album Back in Black."
    )
    doc = load_text(text)
    assert doc.metadata.language == "de"
    assert len(doc.sentences) == 3
    english = load_text(text, options=LoadOptions(clean=CleanOptions(language="en")))
    assert len(english.sentences) == 5
