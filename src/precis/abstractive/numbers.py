"""Numbers, dates and times in running text, normalised so that different spellings compare.

"3.5 million", "3,500,000" and "$3.5m" are one value; "two" and "2" are one value; "35%" and
"35 per cent" are one value. A summary that changes any of these is the commonest unfaithful
edit a news-trained model makes (issue 4), and one a lexical overlap score cannot see: "12 people"
and "21 people" share every content word. Parsing is regex and table driven, linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "one" and "a" only count with a scale ("one million"): alone they are mostly not numbers.
_UNITS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINALS = {
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
    "thirtieth": 30,
    "hundredth": 100,
}  # fmt: skip  ("first" and "second" are left out: "at first", "a second time")
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "dozen": 12.0,
}  # fmt: skip
_SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12}
_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS) | frozenset(_SCALES) | {"one", "a", "an"}

# Han and kana: Chinese and Japanese write numbers against words ("年仅12岁", "3000万"), so a
# digit run next to them is a number, as one between spaces is elsewhere (issue 19 item 3).
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_DIGITS = re.compile(
    rf"(?<![^\W{_CJK}])(?<![.:/])(?<!\d,)"
    r"(?P<cur>[$£€¥])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<suffix>st|nd|rd|th|s)?"
    r"(?:\s?(?P<pct>%|percent\b|per\s+cent\b))?"
    r"(?:[\s-]?(?P<scale>hundred|thousand|million|billion|trillion)s?\b"
    r"|(?P<space>\s?)(?P<short>k|m|mn|mln|bn|b|tn)\b)?"
)
_TIME = re.compile(r"(?<![\w:.])(\d{1,2}):(\d{2})(?![\d:])")
_WORD = re.compile(r"[A-Za-z]+")
_QUALIFIER = re.compile(
    r"\b(?:about|around|nearly|almost|roughly|approximately|some|over|under|more\s+than|"
    r"less\s+than|fewer\s+than|at\s+least|up\s+to|close\s+to|just|estimated|~)\W*$",
    re.IGNORECASE,
)

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_MONTH_RE = re.compile(
    r"\b(?:(January|February|April|June|July|August|September|October|November|December)\b"
    r"|(May|March)\b|(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|\b)(?=\s?\d))"
)
_WEEKDAY_RE = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b")
# "May" and "March" are months only where a date reads so: "in May", "May 4", "May 2014".
_MONTH_BEFORE = re.compile(
    r"\b(?:in|on|of|since|until|till|by|early|late|mid|last|next|this|from|through|during|"
    r"between|and|to|or|before|after)[\s-]+$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in text: its value, where it is, and how exactly it was stated."""

    value: float
    start: int
    end: int
    approx: bool = False  # "about 3,500": a value within a tolerance supports it
    digits: int = 0  # significant digits of a large or scaled number ("3.5 million": 2), 0 = exact
    is_year: bool = False


@dataclass(frozen=True, slots=True)
class DateMention:
    """A month, weekday or clock time: ``kind`` is month, weekday or time; ``value`` normalised."""

    kind: str
    value: str
    start: int
    end: int


def quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` (digits and number words), in order of position."""
    digits = _digit_quantities(text)
    taken = [(q.start, q.end) for q in digits]
    words = [
        q for q in _word_quantities(text) if not any(a < q.end and q.start < b for a, b in taken)
    ]
    return sorted(digits + words, key=lambda q: q.start)


def _digit_quantities(text: str) -> list[Quantity]:
    """Digit numbers with currency, ordinal, percent and scale; skips clock times and "3D"."""
    out: list[Quantity] = []
    for m in _DIGITS.finditer(text):
        end = m.end()
        num = m.group("num").replace(",", "")
        short = m.group("short")
        if short and m.group("space") and not (m.group("cur") or "." in num):
            short, end = None, m.start("space")  # "5 m" is five metres; "63.4 m", "$5 m" millions
        if end < len(text) and (
            (text[end].isalpha() and not _CJK_CHAR.match(text[end]) and not _glued_unit(text, end))
            or text[end] == ":"
        ):
            continue  # "3D", "4G", "10:30" (times are dates); "20kg" and "8pm" are numbers
        scale = m.group("scale") or short
        factor = _SCALES[m.group("scale").lower()] if m.group("scale") else 1.0
        if short:
            factor = _SHORT_SCALES[short.lower()]
        value = float(num) * factor
        plain = not (m.group("cur") or m.group("pct") or scale or m.group("suffix"))
        is_year = plain and "," not in m.group("num") and "." not in num and 1800 <= value <= 2099
        if m.group("suffix") == "s" and "." not in num and 1800 <= value <= 2099:
            is_year = True  # "the 1990s"
        approx = bool(_QUALIFIER.search(text[max(0, m.start() - 20) : m.start()]))
        digits = _significant(num) if (scale or value >= 1000) and not is_year else 0
        out.append(Quantity(value, m.start(), end, approx, digits, is_year))
    return out


# Units written against their number: "20kg", "3pm", "260mph", "5ft" are 20, 3, 260 and 5
# (a summary writes "20 kg", "3 pm"); "3D", "4G", "5G" stay codes.
_GLUED_UNIT_RE = re.compile(
    r"(?:kg|kgs|g|mg|lb|lbs|oz|st|km|cm|mm|mi|ft|in|yd|m|mph|kph|kmh|am|pm|ml|l|gb|mb|tb|kb|hrs?|"
    r"mins?|secs?|yrs?|days?|sq|ha|MW|kW|GW|AM|PM|GB|MB|TB|KB)\b"
)  # lower case, or as written: "5G" and "3D" are codes, "5g" is grams


def _glued_unit(text: str, end: int) -> bool:
    """Whether a unit of measure follows the digits at ``end`` with no space ("20kg")."""
    return _GLUED_UNIT_RE.match(text, end) is not None


def _significant(num: str) -> int:
    """Significant digits of a digit string ("3500" -> 2, "3.50" -> 3, "3487" -> 4)."""
    digits = num.replace(".", "").lstrip("0")
    if "." not in num:
        digits = digits.rstrip("0")
    return max(1, len(digits))


def _word_quantities(text: str) -> list[Quantity]:
    """Runs of number words ("twenty-five", "three hundred", "a dozen", "two million")."""
    out: list[Quantity] = []
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(text)]
    i = 0
    while i < len(tokens):
        word, start, _ = tokens[i]
        if word in _ORDINALS:
            out.append(Quantity(float(_ORDINALS[word]), start, tokens[i][2]))
            i += 1
            continue
        if word not in _NUMBER_WORDS or (
            word in ("a", "an", "one") and not (i + 1 < len(tokens) and _joins(text, tokens, i))
        ):
            i += 1
            continue
        if word in ("a", "an") and tokens[i + 1][0] not in _SCALES:
            i += 1  # "a two-year deal": the number starts at "two"
            continue
        j = i
        while j + 1 < len(tokens) and _joins(text, tokens, j):
            j += 1
        run = [t[0] for t in tokens[i : j + 1]]
        value = _parse_words(run)
        if value is not None and re.search(r"\bhalf[\s-]$", text[max(0, start - 5) : start], re.I):
            value /= 2  # "half a billion"
        if value is not None:
            approx = bool(_QUALIFIER.search(text[max(0, start - 20) : start]))
            out.append(Quantity(value, start, tokens[j][2], approx, 0))
        i = j + 1
    return out


def _joins(text: str, tokens: list[tuple[str, int, int]], j: int) -> bool:
    """Whether token j+1 continues the number-word run at j (space or hyphen between)."""
    gap = text[tokens[j][2] : tokens[j + 1][1]]
    nxt = tokens[j + 1][0]
    if gap not in (" ", "-"):
        return False
    return nxt in _UNITS or nxt in _TENS or nxt in _SCALES or nxt == "one"


def _parse_words(run: list[str]) -> float | None:
    """Value of a run of number words; None for "a"/"one" alone and for vague plurals."""
    if all(w in ("a", "an", "one") or w in _SCALES for w in run) and not (
        len(run) > 1 and run[0] in ("a", "an", "one")
    ):
        return None  # "one" alone, or "million" with no number before it
    if run[0] in ("a", "an") and (len(run) == 1 or run[1] not in _SCALES):
        return None
    total, current = 0.0, 0.0
    for w in run:
        if w in ("a", "an", "one"):
            current += 1
        elif w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in _SCALES:
            total += max(current, 1) * _SCALES[w]
            current = 0.0
    return total + current


def dates(text: str) -> list[DateMention]:
    """Months, weekdays and clock times, in order of position."""
    out: list[DateMention] = []
    for m in _MONTH_RE.finditer(text):
        word = m.group(0).rstrip(".")
        if m.group(2) and not _is_month(text, m):
            continue
        out.append(DateMention("month", str(MONTHS[word.lower()]), m.start(), m.end()))
    for m in _WEEKDAY_RE.finditer(text):
        out.append(DateMention("weekday", str(WEEKDAYS[m.group(1).lower()]), m.start(), m.end()))
    for m in _TIME.finditer(text):
        hour, minute = int(m.group(1)), int(m.group(2))
        if hour < 24 and minute < 60:
            out.append(DateMention("time", f"{hour % 12}:{minute:02d}", m.start(), m.end()))
    return sorted(out, key=lambda d: d.start)


def _is_month(text: str, m: re.Match[str]) -> bool:
    """ "May"/"March" read as months: before a number, or after "in", "on", "last" and the like."""
    after = text[m.end() : m.end() + 3]
    if re.match(r"\s?\d", after):
        return True
    if _MONTH_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
        return True
    if m.group(2) == "March":
        before = text[: m.start()].rstrip()
        return bool(before) and before[-1] not in ".!?\"“'‘(:"  # not a sentence's first word
    return False
