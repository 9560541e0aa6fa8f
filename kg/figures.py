"""Casualty figures in words or digits: "six", "at least 53", "more than 140", "a dozen".

>>> parse_figure("at least 53")
Figure(value=53, minimum=True)
>>> parse_figure("twenty-five")
Figure(value=25, minimum=False)
>>> parse_figure("dozens") is None
True
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["FIGURE", "Figure", "parse_figure", "parse_number"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a dozen": 12, "dozen": 12, "a hundred": 100,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000}


def _trie(words: list[str]) -> str:
    """One regex for ``words`` as a trie ("t(?:en|hree|wo)"), longest first: the engine
    tries a flat alternation word by word at every character, a trie letter by letter."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        arms = [re.escape(char) + branch(node[char]) for char in sorted(node) if char]
        if not arms:
            return ""
        body = arms[0] if len(arms) == 1 else f"(?:{'|'.join(arms)})"
        return f"(?:{body})?" if "" in node else body

    return branch(root)


_WORD = _trie([*_UNITS, *_TENS, *_SCALES])
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORD}(?:[\s-]+(?:and[\s-]+)?{_WORD})*)"
_MINIMUM = _trie(
    ["at least", "more than", "over", "in excess of", "no fewer than", "upwards of", "above"]
)
_ROUGH = _trie(
    ["nearly", "almost", "around", "about", "roughly", "some", "approximately", "up to",
     "close to", "an estimated"]
)  # fmt: skip
# The text of one figure: an optional qualifier, then a number. Written as two branches
# rather than an optional group, which the engine enters and leaves at every character.
FIGURE = rf"(?:(?:{_MINIMUM}|{_ROUGH})\s+{NUMBER}|{NUMBER})"
_QUALIFIED = re.compile(rf"^(?:(?P<min>{_MINIMUM})|(?:{_ROUGH}))?\s*(?P<num>{NUMBER})$", re.I)


class Figure(NamedTuple):
    """A count, and whether the text gave it as a lower bound."""

    value: int
    minimum: bool


def parse_number(text: str) -> int | None:
    """Digits or English number words to an int; ``None`` when it is not one number."""
    text = text.strip().lower()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text):
        digits = text.replace(",", "")
        # no casualty count has ten digits; a longer run is an id or a phone number
        return int(digits) if len(digits) <= 9 else None
    if text in _UNITS:
        return _UNITS[text]
    total, current = 0, 0
    words = [w for w in re.split(r"[\s-]+", text) if w and w != "and"]
    if not words or words == ["a"]:
        return None
    for index, word in enumerate(words):
        if word == "a" and index + 1 < len(words) and words[index + 1] in ("dozen", "hundred"):
            current += 1 if words[index + 1] == "hundred" else 0
            continue
        if word == "dozen":  # "two dozen" is 24, "a dozen" 12
            current = max(current, 1) * 12
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if word == "thousand":
                total, current = total + current, 0
        else:
            return None
    return total + current


def parse_figure(text: str) -> Figure | None:
    """A figure phrase to a :class:`Figure`; vague amounts ("dozens", "several") give None."""
    match = _QUALIFIED.match(text.strip())
    if not match:
        return None
    value = parse_number(match.group("num"))
    if value is None:
        return None
    return Figure(value, match.group("min") is not None)
