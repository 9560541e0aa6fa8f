"""Dates in news text, resolved as precisely as the text allows.

"8th October 2021" and "August 15, 2021" give a day; "in July 2023" a month; "in 2022" a
year. "on Monday" needs the document's publication date; "last September", "in
August", "December 2" and "last year" need a reference year (the document's date, or the
latest year the article has named before them). Results are ISO strings: ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``.

>>> [d.iso for d in find_dates("On 8th October 2021 a bomb exploded.")]
['2021-10-08']
>>> [d.iso for d in find_dates("Last September, at least 25 people died.", year=2023)]
['2022-09']
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import NamedTuple

from kg.text import folded

__all__ = ["DateMention", "FoundDate", "date_mentions", "find_dates", "resolve", "years_in"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# written as a trie: one branch per month, which the regex engine tries far faster
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_NO_YEAR_AFTER = r"(?![\s,]+(?:of\s+)?(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mm>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("day-month-year", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("month-day-year", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)),
    ("month-year", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", re.I)),
    ("month-day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_NO_YEAR_AFTER}", re.I)),
    ("last-month", re.compile(rf"\blast\s+{_MONTH}\b", re.I)),
    # each alternative opens with a letter, which lets the engine skip to where one stands
    ("in-month", re.compile(
        rf"\b(?:in\s+|since\s+|during\s+|early\s+|late\s+|mid-){_MONTH}\b{_NO_YEAR_AFTER}", re.I
    )),
    ("in-year", re.compile(rf"\b(?:in|of|during)\s+{_YEAR}\b(?!-)", re.I)),
    # "a 2022 attack", "the 2017 bombings": a year used as an adjective
    ("in-year", re.compile(rf"\b(?:a|an|the|its)\s+{_YEAR}(?=\s+[a-z])", re.I)),
    ("last-year", re.compile(r"\blast\s+year\b", re.I)),
    # "earlier that month", "on the same day": the date the story told last
    ("that-month", re.compile(r"\b(?:that|the\s+same)\s+month\b", re.I)),
    ("that-day", re.compile(r"\b(?:that|the\s+same)\s+day\b", re.I)),
    ("weekday", re.compile(rf"\b(?:on|last|this|late)\s+{_WEEKDAY}\b", re.I)),
]  # fmt: skip
# Patterns that open with a month name are tried only where a month name stands.
_MONTH_LED = frozenset({"month-day-year", "month-year", "month-day"})


def _without_edge(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern``, which opens with a word edge and then a word character, without the
    edge: see _word_led."""
    if not pattern.pattern.startswith(r"\b"):
        raise ValueError(f"{pattern.pattern!r} opens with no word edge")
    return re.compile(pattern.pattern.removeprefix(r"\b"), pattern.flags)


# The same for ASCII text (nearly every sentence), in lower case; the ISO pattern heeds
# case but holds no letter, and runs there as it is. Those searched for through the
# sentence lose the word edge they open with: an opening \b makes the engine try a match
# at every character, while an opening letter or digit lets it skip to where one stands.
# _word_led tests the edge where they match.
_FOLDED_PATTERNS = [
    (kind, pattern if kind in _MONTH_LED else _without_edge(pattern))
    for kind, pattern in ((kind, folded(pattern) or pattern) for kind, pattern in _PATTERNS)
]
# a word character (\w) of lower-case ASCII text
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_MONTH_WORD = re.compile(rf"\b{_MONTH}", re.I)
_FOLDED_MONTH_WORD = folded(_MONTH_WORD)
# every month name in lower case opens with one of these
_MONTH_PREFIXES = tuple(sorted({name[:3] for name in _MONTHS}))
# what a date expression holds besides a month name: the first digits of a year, or a word
_CUES = ("19", "20", "last", "month", "day")
_ANY_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
# What each pattern cannot match without: most sentences lack most of these, and a
# substring test costs far less than running the pattern.
_NEEDS = {
    "iso": "year and dash", "day-month-year": "year and month", "month-day-year": "year",
    "month-year": "year", "in-year": "year", "month-day": "month",
    "last-month": "last and month", "in-month": "month", "last-year": "last",
    "that-month": "the word month", "that-day": "day", "weekday": "day",
}  # fmt: skip


@cache
def _plan(
    ascii_text: bool, year: bool, month: bool, last: bool, word_month: bool, day: bool, dash: bool
) -> tuple[tuple[str, re.Pattern[str], bool], ...]:
    """The patterns that may match in a sentence holding these cues, in order, each with
    whether it opens with a month name: worked out once for each set of cues, not by
    testing every pattern's needs in every sentence."""
    present = {
        "year": year,
        "month": month,
        "last": last,
        "the word month": word_month,
        "day": day,
        # patterns that need two of these: an ISO date its dashes, a day-month-year its month
        "year and dash": year and dash,
        "year and month": year and month,
        "last and month": last and month,
    }
    patterns = _FOLDED_PATTERNS if ascii_text else _PATTERNS
    return tuple(
        (kind, pattern, kind in _MONTH_LED) for kind, pattern in patterns if present[_NEEDS[kind]]
    )


class FoundDate(NamedTuple):
    """A date expression's span in the text and the ISO date it resolves to."""

    start: int
    end: int
    iso: str


def years_in(text: str) -> list[tuple[int, int]]:
    """``(offset, year)`` for every year written in ``text``."""
    # a string search skips to each "19" and "20" at a fraction of what a regex costs,
    # which tests every character of the document in turn; a year is then tried only there
    found: list[tuple[int, int]] = []
    for digits in ("19", "20"):
        at = text.find(digits)
        while at != -1:
            if year := _ANY_YEAR.match(text, at):
                found.append((at, int(year.group())))
            at = text.find(digits, at + 1)
    found.sort()  # the years of both centuries, in text order
    return found


def _valid(year: int, month: int, day: int | None = None) -> bool:
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return False
    return True


def _resolve(
    kind: str,
    m: re.Match[str],
    year: int | None,
    published: dt.date | None,
    narrative: int | None = None,
    last: str | None = None,
) -> str | None:
    groups = m.groupdict()
    month = _MONTHS.get((groups.get("month") or "").lower().rstrip("."))
    day = int(groups["day"]) if groups.get("day") else None
    explicit = int(groups["year"]) if groups.get("year") else None
    if kind == "iso":
        month = int(groups["mm"])
    if kind in ("iso", "day-month-year", "month-day-year"):
        return f"{explicit:04d}-{month:02d}-{day:02d}" if _valid(explicit, month, day) else None
    if kind == "month-year":
        return f"{explicit:04d}-{month:02d}"
    if kind == "in-year":
        return f"{explicit:04d}"
    if kind == "that-month":
        return last[:7] if last and len(last) >= 7 else None
    if kind == "that-day":
        return last if last and len(last) == 10 else None
    if kind == "weekday":
        if published is None:
            return None
        back = (published.weekday() - _WEEKDAYS.index(groups["weekday"].lower())) % 7
        return (published - dt.timedelta(days=back)).isoformat()
    if year is None:
        return None
    if kind == "last-year":
        return f"{year - 1:04d}"
    if kind == "last-month":
        return f"{year - 1:04d}-{month:02d}"
    # "In August", "December 2": the year the story is telling, else the present one
    story = narrative or year
    if kind == "month-day":
        return f"{story:04d}-{month:02d}-{day:02d}" if _valid(story, month, day) else None
    return f"{story:04d}-{month:02d}"  # in-month


class DateMention(NamedTuple):
    """A date expression found in the text, not yet resolved against a reference year."""

    start: int
    end: int
    kind: str
    match: re.Match[str]


def _opening(lowered: str, month: int | None) -> int:
    """The earliest offset in ``lowered`` (a sentence in lower case) where a date
    expression may open, ``month`` being where its first month name stands: none opens
    more than two words before the month name, the "19" or "20" of a year, or the "last",
    "month" or "day" it holds ("8th of October", "the same day", "on Monday")."""
    cues = [at for at in map(lowered.find, _CUES) if at != -1]
    first = min(cues if month is None else [*cues, month], default=len(lowered))
    words = lowered[:first].rsplit(None, 2)
    return len(words[0]) if len(words) == 3 else 0


def _word_led(pattern: re.Pattern[str], text: str, pos: int, end: int) -> list[re.Match[str]]:
    """What a word edge and then ``pattern``, which opens with a word character, find in
    ``text[pos:end]`` (lower-case ASCII), as finditer() would: a match inside a word is
    passed over, and ``pattern`` searched for again one character on."""
    found = []
    m = pattern.search(text, pos, end)
    while m is not None:
        at = m.start()
        if at and text[at - 1] in _WORD_CHARS:
            m = pattern.search(text, at + 1, end)
        else:
            found.append(m)
            m = pattern.search(text, m.end(), end)
    return found


def date_mentions(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every date expression in ``text[start:end]``, longest first where they overlap."""
    end = len(text) if end is None else end
    # the span and the character before it, where a pattern's opening \b looks
    base = max(0, start - 1)
    chunk = text[base:end]
    start, end = start - base, end - base
    # substring tests first: most sentences name no month and no year, and a test costs a
    # fraction of a search
    ascii_text = chunk.isascii()
    if ascii_text:
        chunk = chunk.lower()
        lowered = chunk[start:]
        # a month's name is tried only where its first letters stand: the pattern, opening
        # with a word edge, costs far more tried at every character than string searches
        months = []
        for prefix in _MONTH_PREFIXES:
            if prefix not in lowered:
                continue
            at = chunk.find(prefix, start, end)
            while at != -1:
                if _FOLDED_MONTH_WORD.match(chunk, at, end):
                    months.append(at)
                at = chunk.find(prefix, at + 1, end)
        months.sort()
    else:
        lowered = chunk[start:].lower()
        # re.I finds more than the lower case shows ("ſept")
        months = [m.start() for m in _MONTH_WORD.finditer(chunk, start, end)]
    year = ("19" in lowered or "20" in lowered) and _YEAR_DIGITS.search(
        chunk, start, end
    ) is not None
    last, word_month, day = "last" in lowered, "month" in lowered, "day" in lowered
    found: list[DateMention] = []
    if not (year or months or last or word_month or day):
        return found  # most sentences: no pattern can match
    # in ASCII text, where ``lowered`` keeps the offsets, the patterns are searched for
    # from where the first of them may match, not from the sentence's start
    since = (
        start + _opening(lowered, months[0] - start if months else None) if ascii_text else start
    )
    plan = _plan(ascii_text, year, bool(months), last, word_month, day, "-" in lowered)
    for kind, pattern, month_led in plan:
        if month_led:
            matches = [m for at in months if (m := pattern.match(chunk, at, end))]
        elif ascii_text:
            matches = _word_led(pattern, chunk, since, end)
        else:
            matches = list(pattern.finditer(chunk, since, end))
        for m in matches:
            at, until = base + m.start(), base + m.end()
            if not any(d.start < until and at < d.end for d in found):
                found.append(DateMention(at, until, kind, m))
    # by where they start, which no two share (they would overlap)
    found.sort()
    return found


def resolve(
    mentions: list[DateMention],
    *,
    year: int | None = None,
    published: dt.date | None = None,
    narrative: int | None = None,
    last: str | None = None,
) -> list[FoundDate]:
    """The mentions that resolve, with their ISO dates.

    ``year`` is the present year ("last September", "last year"); ``narrative`` the year
    of the story told so far ("In August", "December 2"), which defaults to ``year``;
    ``last`` the date the story told last ("earlier that month", "the same day").
    """
    found = []
    for mention in mentions:
        iso = _resolve(mention.kind, mention.match, year, published, narrative, last)
        if iso is not None:
            found.append(FoundDate(mention.start, mention.end, iso))
    return found


def find_dates(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    year: int | None = None,
    published: dt.date | None = None,
) -> list[FoundDate]:
    """Resolved dates in ``text[start:end]``, in text order, the longest expression first.

    ``year`` is the reference year for expressions without one; ``published`` the
    publication date for weekdays.
    """
    return resolve(date_mentions(text, start, end), year=year, published=published)
