"""Shared Hypothesis strategies: the untrusted text a news pipeline has to survive."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

__all__ = ["PRECISIONS", "iso_dates", "news_text", "number_words", "to_words"]

# Pieces of real pages that have tripped readers and splitters up: abbreviations, figures,
# dates, page debris, markup, curly and straight quotes, right-to-left scripts, line ends.
FRAGMENTS = (
    "Islamic State",
    "ISIS",
    "crISIS",
    "IS",
    "is",
    "Civilians",
    "U.S.",
    "Maj. Gen.",
    "Kevin C. Leahy",
    "a dozen.A bomb",
    "at least 53",
    "more than a dozen",
    "dozens",
    "31 February 2021",
    "on Monday",
    "Last September",
    "8th October 2021",
    "2021-08-26",
    "<script>alert('x')</script>",
    '"',
    "'",
    "“",
    "”",
    "‘",
    "’",
    "…",
    "…reports Asian Lite News",
    "Published",
    "Continue Reading",
    "Leave a Reply",
    "English | دری | پنبتو",
    "حمله انتحاری در کابل",
    "İdlib",
    "ß",
    "٥٣",
    "🙂",
    "\u2028",
    "\x85",
    "\t",
    " ",
    ". ",
    "\n",
    "\n\n\n",
    "\r\n",
)

# Any character a UTF-8 file can hold except NUL (which marks a binary file).
_CHARACTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")

news_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(_CHARACTERS, max_size=20)), max_size=25
).map("".join)
"""News-like text: real-page fragments mixed with arbitrary unicode, never NUL."""

PRECISIONS = ("year", "month", "day")


@st.composite
def iso_dates(draw: st.DrawFn, precision: str | None = None) -> str:
    """An ISO date between 1900 and 2099 as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    day = draw(st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)))
    precision = precision or draw(st.sampled_from(PRECISIONS))
    return day.isoformat()[: {"year": 4, "month": 7, "day": 10}[precision]]


_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _below_thousand(n: int, use_and: bool) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{_UNITS[hundreds]} hundred"] if hundreds else []
    if rest:
        if words and use_and:
            words.append("and")
        tens, units = divmod(rest, 10)
        if rest < 20:
            words.append(_UNITS[rest])
        else:
            words.append(_TENS[tens] + (f"-{_UNITS[units]}" if units else ""))
    return " ".join(words)


def to_words(n: int, use_and: bool = True) -> str:
    """English words for ``0 <= n < 1_000_000``: 120 -> "one hundred and twenty"."""
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    words = [f"{_below_thousand(thousands, use_and)} thousand"] if thousands else []
    if rest:
        words.append(_below_thousand(rest, use_and))
    return " ".join(words)


number_words = st.builds(
    lambda n, use_and: (n, to_words(n, use_and)),
    st.integers(0, 999_999),
    st.booleans(),
)
"""``(n, words)`` pairs such as ``(1205, "one thousand two hundred and five")``."""
