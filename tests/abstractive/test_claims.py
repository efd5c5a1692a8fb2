"""Checkable items of a summary sentence: names handled with care, quotes, numbers, dates."""

from __future__ import annotations

import pytest

from precis.abstractive.claims import extract_items, has_initials, normalised_names, untokenized


def names(sentence: str) -> list[str]:
    return [i.text for i in extract_items(sentence) if i.kind == "name"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A possessive ends a name: the outlet and the invented writer are two items.
        ("Life is near, says CNN.com's John Sutter.", ["CNN.com", "John Sutter"]),
        # A lone first word the English lexicon knows is not checked ("Obama", like "Police").
        ("Obama broke his promise, writes David Gergen.", ["David Gergen"]),
        # Initials stay inside the name; the title is shown but not required.
        ("President George W. Bush sent his brother.", ["George W. Bush"]),
        ("He met Dr. J. R. R. Tolkien.", ["Dr. J. R. R. Tolkien"]),
        # A sentence's first word is a name only when it cannot be an ordinary word.
        ("Investigators said the plane crashed.", []),
        ("Police said the plane crashed.", []),
        ("Sutter says the deal is dead.", ["Sutter"]),
        ("Sutter's analysis is wrong.", ["Sutter"]),
        ("Today's decision was final.", []),
        ("NASA found water on Europa.", ["NASA", "Europa"]),
        ("Former President Bill Clinton spoke.", ["President Bill Clinton"]),
        # Lowercase particles, connectors, acronyms with dots.
        ("The U.S. and Bashar al-Assad's regime agreed.", ["U.S.", "Bashar al-Assad"]),
        ("He joined the Bank of England in 2010.", ["Bank of England"]),
        # Months and weekdays are dates, not names; "I" is a pronoun.
        ("On Tuesday I met Ellen Stofan in March.", ["Ellen Stofan"]),
        # PTB-tokenised highlights keep their possessives apart.
        ("Locke 's team won.", ["Locke"]),
    ],
)
def test_extract_items_names(sentence, expected):
    assert names(sentence) == expected


def test_extract_items_title_case_headline_keeps_only_distinctive_words():
    (item,) = [
        i
        for i in extract_items("Video Shows ESPN Reporter Britt McHenry Berating Worker")
        if i.kind == "name"
    ]
    assert "espn" in item.key and "mchenry" in item.key
    assert "shows" not in item.key and "reporter" not in item.key


@pytest.mark.parametrize(
    ("sentence", "pieces"),
    [
        ('She said "we know where to look" today.', ("we know where to look",)),
        ("She said “We know where to look.”", ("we know where to look",)),
        ("within `` 20 to 30 years , '' she said", ("20 to 30 years",)),
        ("a 'well-rounded, health-conscious guy'", ("well rounded health conscious guy",)),
        (
            '"We know where to look ... we know how to look"',
            ("we know where to look", "we know how to look"),
        ),
        ('"I think [we are] going to have it"', ("i think", "going to have it")),
    ],
)
def test_extract_items_quotes_are_cut_at_ellipses_and_insertions(sentence, pieces):
    (quote,) = [i for i in extract_items(sentence) if i.kind == "quote"]
    assert quote.key == pieces


def test_extract_items_apostrophes_are_not_quotes():
    assert [
        i
        for i in extract_items("We're sure it's Sutter's and the players' call.")
        if i.kind == "quote"
    ] == []


def test_extract_items_numbers_and_dates_carry_their_context():
    items = extract_items("The Turks killed 1.5 million Armenians in 1915, on a Tuesday.")
    kinds = [(i.kind, i.text) for i in items if i.kind != "name"]
    assert kinds == [("number", "1.5 million"), ("date", "1915"), ("date", "Tuesday")]
    assert {"turk", "kill", "armenian"} <= items[1].context if items[1].kind == "number" else True


def test_extract_items_offsets_index_the_sentence():
    sentence = "Clinton has 3.6 million followers, says CNN.com's John Sutter."
    for item in extract_items(sentence):
        assert sentence[item.start : item.end] == item.text


def test_normalised_names_merge_initials_and_drop_possessives():
    assert normalised_names("George H. W. Bush's and George H.W. Bush") == [
        "george", "hw", "bush", "and", "george", "hw", "bush",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("George W. Bush", True),
        ("George H.W. Bush", False),
        ("U.S.", False),
        ("John Sutter", False),
    ],
)
def test_has_initials(name, expected):
    assert has_initials(name) is expected


def test_tokenised_quotations_open_with_a_backtick_and_possessives_open_nothing() -> None:
    # FRANK's tokenised CNN/DM summaries (../shared/data/frank_guard), labelled supported
    marshall = (
        "professor james marshall said if they were able to recreate a fraction of the "
        "honeybee 's ability they would have made ` tremendous advances ' ."
    )
    assert [i.text for i in extract_items(marshall) if i.kind == "quote"] == ["tremendous advances"]
    torquay = "he told torquay magistrates ' court that he had been ' sleep walking ' ."
    assert [i for i in extract_items(torquay) if i.kind == "quote"] == []
    scumbag = "and `` i would n't work at a scumbag place like this . ''"
    (quote,) = [i for i in extract_items(scumbag) if i.kind == "quote"]
    assert quote.key == ("i wouldn t work at a scumbag place like this",)  # as "wouldn't" reads


def test_ptb_brackets_and_split_names_are_written_back() -> None:
    # FRANK's tokenised CNN/DM summaries, labelled supported, flagged for "LRB" and "O" before
    bunk = "Each bunk has a personal service unit -LRB- PSU -RRB- offering air con ."
    assert untokenized(bunk) == "Each bunk has a personal service unit ( PSU ) offering air con ."
    assert "LRB" not in names(untokenized(bunk))
    assert (
        untokenized("would see O ' Sullivan docked a frame")
        == "would see O'Sullivan docked a frame"
    )
    assert untokenized("He said 'no' -- twice.") == "He said 'no' -- twice."


def test_a_tokenised_amount_is_one_number() -> None:
    # FRANK (XSum), labelled supported: "raise £50, 000" is fifty thousand pounds
    assert (
        untokenized("a campaign to raise £50, 000 for troops")
        == "a campaign to raise £50,000 for troops"
    )
    assert untokenized("In 2010, 200 people came.") == "In 2010, 200 people came."
