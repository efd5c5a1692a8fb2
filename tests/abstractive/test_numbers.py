"""Numbers and dates normalised so that different spellings of one value compare equal."""

from __future__ import annotations

import pytest

from precis.abstractive.numbers import dates, quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("an estimated 1.5 million Armenians", [("1.5 million", 1.5e6)]),
        ("an estimated 1,500,000 Armenians", [("1,500,000", 1.5e6)]),
        ("theft of $500million in artwork", [("$500million", 5e8)]),
        ("a $3.5bn deal and a £12m fee", [("$3.5bn", 3.5e9), ("£12m", 1.2e7)]),
        ("rise from 63.4 m to 77.4 million", [("63.4 m", 6.34e7), ("77.4 million", 7.74e7)]),
        (
            "44 per cent, 44 percent and 44%",
            [("44 per cent", 44.0), ("44 percent", 44.0), ("44%", 44.0)],
        ),
        ("twenty-five people and two million fans", [("twenty-five", 25.0), ("two million", 2e6)]),
        ("a dozen eggs and a hundred days", [("a dozen", 12.0), ("a hundred", 100.0)]),
        ("the half-a-billion heist", [("a-billion", 5e8)]),
        ("the seventh year, the 21st century", [("seventh", 7.0), ("21st", 21.0)]),
        ("a 45-year-old man", [("45", 45.0)]),
        ("Moschetto,54, pleaded not guilty", [("54", 54.0)]),
        ("Berdych won 6-3, 6-4", [("6", 6.0), ("3", 3.0), ("6", 6.0), ("4", 4.0)]),
    ],
)
def test_quantities_normalise_values(text, expected):
    assert [(text[q.start : q.end], q.value) for q in quantities(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "one of them said no one knew",  # "one" alone is not a number
        "millions of people and hundreds of homes",  # vague plurals
        "a 3D film on a 4G phone",  # digits inside names
        "a 5 m wall",  # metres, not millions (the 5 itself is kept)
    ],
)
def test_quantities_skip_words_that_are_not_counts(text):
    assert all(q.value == 5.0 for q in quantities(text))


@pytest.mark.parametrize(
    ("text", "approx", "digits"),
    [
        ("nearly 3,500 people", True, 2),
        ("3,487 people", False, 4),
        ("3.5 million people", False, 2),
        ("12 people", False, 0),
    ],
)
def test_quantities_record_how_exactly_a_number_was_stated(text, approx, digits):
    (q,) = quantities(text)
    assert (q.approx, q.digits) == (approx, digits)


@pytest.mark.parametrize(
    ("text", "is_year"),
    # "2014 people" reads as a year too: harmless, a year and a count are looked up by value alike.
    [
        ("in 2014", True),
        ("the 1990s", True),
        ("2014 people", True),
        ("$2014", False),
        ("2,014", False),
    ],
)
def test_quantities_mark_years(text, is_year):
    assert quantities(text)[0].is_year is is_year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Tuesday and on Fridays", [("weekday", "1"), ("weekday", "4")]),
        ("in March 2010, Jan. 5 and September", [("month", "3"), ("month", "1"), ("month", "9")]),
        ("She may go in May.", [("month", "5")]),
        ("Theresa May met the press on May 4.", [("month", "5")]),
        ("March on, soldiers.", []),
        ("at 10:30 p.m. and 22:30", [("time", "10:30"), ("time", "10:30")]),
        ("Jan Smith said", []),
    ],
)
def test_dates_months_weekdays_and_times(text, expected):
    assert [(d.kind, d.value) for d in dates(text)] == expected


def test_a_unit_written_against_its_number_keeps_the_number() -> None:
    # FRANK (CNN/DM sources): "bring 20kg of fins", "at 3pm", "260mph winds"; codes stay codes
    assert [q.value for q in quantities("bring 20kg of fins into the country")] == [20.0]
    assert [q.value for q in quantities("the toddler tumbled into the pit at 3pm")] == [3.0]
    assert [q.value for q in quantities("swept away in 260mph winds")] == [260.0]
    assert quantities("a 3D film on a 4G network, ready for 5G") == []
