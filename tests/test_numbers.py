"""Casualty figures in digits or words, with "at least"-style lower bounds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import news_text, number_words

from kg.figures import FIGURE, Figure, parse_figure, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("6", 6),
        ("53", 53),
        ("1,200", 1200),
        ("12,345,678", 12345678),
        ("0", 0),
        (" 7 ", 7),
        ("six", 6),
        ("Six", 6),
        ("twelve", 12),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("a dozen", 12),
        ("a hundred", 100),
        ("one hundred and twenty", 120),
        ("two thousand five hundred", 2500),
    ],
)
def test_parse_number(text: str, value: int) -> None:
    """Digits (with thousands commas) and English number words give their int."""
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "a", "and", "dozens", "several", "many", "1,2345", "six people"]
)
def test_parse_number_refuses_what_is_not_one_number(text: str) -> None:
    """Vague amounts, stray words and malformed digit groups give None."""
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "value"), [("two dozen", 24), ("three dozen", 36)])
def test_dozens_multiply(text: str, value: int) -> None:
    """Dozens multiply: "two dozen" is 24, not 2 + 12."""
    assert parse_number(text) == value


def test_parse_number_survives_a_huge_digit_run() -> None:
    """A run of thousands of digits (a scraped ID, a hash) is no crash: any int or None."""
    assert parse_number("9" * 5000) in (None, 10**5000 - 1)
    assert parse_figure("at least " + "9" * 5000) in (None, (10**5000 - 1, True))


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("6", Figure(6, False)),
        ("six", Figure(6, False)),
        ("at least 53", Figure(53, True)),
        ("At least six", Figure(6, True)),
        ("more than 140", Figure(140, True)),
        ("more than a dozen", Figure(12, True)),
        ("over 1,000", Figure(1000, True)),
        ("no fewer than twenty", Figure(20, True)),
        ("nearly 40", Figure(40, False)),
        ("about a hundred", Figure(100, False)),
        ("an estimated 300", Figure(300, False)),
        ("a dozen", Figure(12, False)),
    ],
)
def test_parse_figure(text: str, figure: Figure) -> None:
    """A figure is its number and whether the text gave it as a minimum ("at least",
    "more than"); rough qualifiers ("nearly", "about") are not minimums."""
    assert parse_figure(text) == figure


@pytest.mark.parametrize(
    "text", ["dozens", "several", "scores", "hundreds", "many", "at least", ""]
)
def test_vague_amounts_are_no_figure(text: str) -> None:
    """Vague amounts ("dozens", "several") are no figure: None."""
    assert parse_figure(text) is None


def test_figure_pattern_finds_figures_in_text() -> None:
    """``FIGURE`` is the regex other modules search with: it finds the whole phrase."""
    text = "The blast killed at least 53 people and wounded more than a dozen others."
    found = [m.group(0) for m in re.finditer(rf"\b{FIGURE}\b", text, re.IGNORECASE)]
    assert found == ["at least 53", "more than a dozen"]


# --- properties ----------------------------------------------------------------------------------


@given(n=st.integers(0, 10**6))
def test_digits_round_trip(n: int) -> None:
    """``parse_figure(str(n)) == (n, False)`` for any count up to a million."""
    assert parse_figure(str(n)) == (n, False)


@given(n=st.integers(1000, 10**6))
def test_grouped_digits_round_trip(n: int) -> None:
    """Digits with thousands commas ("1,234") read as the same number."""
    assert parse_number(f"{n:,}") == n


@given(pair=number_words)
def test_number_words_round_trip(pair: tuple[int, str]) -> None:
    """English words for any number below a million parse back to it, also as a minimum."""
    n, words = pair
    assert parse_number(words) == n
    assert parse_figure(words) == (n, False)
    assert parse_figure(f"at least {words}") == (n, True)


@given(text=news_text)
def test_parse_number_and_figure_never_raise(text: str) -> None:
    """Arbitrary text gives an int, a Figure or None, never an exception."""
    number = parse_number(text)
    assert number is None or (isinstance(number, int) and number >= 0)
    figure = parse_figure(text)
    assert figure is None or (isinstance(figure, Figure) and figure.value >= 0)
