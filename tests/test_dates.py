"""Dates in news text, resolved to ISO strings as precisely as the text allows."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import news_text

from kg.dates import FoundDate, find_dates, years_in

WEDNESDAY = dt.date(2024, 9, 4)


def isos(text: str, **context: object) -> list[str]:
    return [found.iso for found in find_dates(text, **context)]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("On 8th October 2021 a bomb exploded.", "2021-10-08"),
        ("On 26 August 2021 a bomb exploded.", "2021-08-26"),
        ("On the 3rd of March 2022 a raid began.", "2022-03-03"),
        ("On August 15, 2021 Kabul fell.", "2021-08-15"),
        ("On Sept. 5, 2022 an attack hit the embassy.", "2022-09-05"),
        ("The report is dated 2021-08-26.", "2021-08-26"),
        ("In July 2023 there was a raid.", "2023-07"),
        ("In March, 2020 the deal was signed.", "2020-03"),
        ("The group was founded in 2015.", "2015"),
        ("During 1996 the Taliban took Kabul.", "1996"),
    ],
)
def test_explicit_dates_at_each_precision(text: str, iso: str) -> None:
    """A day, month or year written in full resolves without any context, at its precision."""
    assert isos(text) == [iso]


def test_span_covers_the_expression() -> None:
    """A found date carries the span of the expression it was read from."""
    text = "A bomb exploded on 8th October 2021 in Kunduz."
    [found] = find_dates(text)
    assert found == FoundDate(text.index("8th"), text.index(" in Kunduz"), "2021-10-08")


@pytest.mark.parametrize(
    ("text", "year", "iso"),
    [
        ("Last September, at least 25 people died.", 2023, "2022-09"),
        ("In August a blast shook the city.", 2022, "2022-08"),
        ("On December 2 a blast shook the city.", 2022, "2022-12-02"),
        ("Last year the group was weakened.", 2022, "2021"),
    ],
)
def test_relative_dates_need_a_reference_year(text: str, year: int, iso: str) -> None:
    """Relative dates ("Last September", "in August", "December 2", "last year") resolve
    against the reference year, and are passed over without one."""
    assert isos(text, year=year) == [iso]
    assert isos(text) == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("The attack on Monday killed six.", "2024-09-02"),
        ("The attack on Wednesday killed six.", "2024-09-04"),
        ("The attack last Thursday killed six.", "2024-08-29"),
    ],
)
def test_weekday_resolves_against_the_publication_date(text: str, iso: str) -> None:
    """A weekday ("on Monday") is the last such day on or before the publication date."""
    assert isos(text, published=WEDNESDAY) == [iso]
    assert isos(text) == []


@pytest.mark.parametrize("text", ["It happened on 2021-02-31.", "on February 30 a blast"])
def test_impossible_days_are_ignored(text: str) -> None:
    """A day that does not exist ("February 30") gives no date."""
    assert isos(text, year=2022) == []


def test_impossible_day_never_gives_a_day() -> None:
    """An impossible "31 February 2021" is never resolved to a day, nor to 3 March."""
    assert all(len(iso) < 10 for iso in isos("It happened on 31 February 2021."))


def test_impossible_day_month_year_is_ignored() -> None:
    """An invalid "31 February 2021" is ignored as a whole."""
    assert isos("It happened on 31 February 2021.") == []


def test_dates_in_text_order_longest_first() -> None:
    """Several dates come in text order; "8 October 2021" is one day, not a month too."""
    text = "On 8 October 2021 a mosque was bombed; in July 2023 another; in 2015 the first."
    assert isos(text) == ["2021-10-08", "2023-07", "2015"]


def test_window() -> None:
    """``start`` and ``end`` restrict the search to one sentence of the text."""
    text = "In 2015 it began. On 8 October 2021 it struck."
    start = text.index("On")
    assert isos(text) == ["2015", "2021-10-08"]
    assert [f.iso for f in find_dates(text, start, len(text))] == ["2021-10-08"]
    assert [f.iso for f in find_dates(text, 0, start)] == ["2015"]


def test_years_in() -> None:
    """``years_in`` lists each written year with its offset; other numbers are no years."""
    assert years_in("In 2015 and 2021, 3000 died.") == [(3, 2015), (12, 2021)]


# --- properties ----------------------------------------------------------------------------------


@given(
    text=news_text,
    year=st.none() | st.integers(1900, 2100),
    published=st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
)
def test_find_dates_never_raises_and_spans_lie_inside(
    text: str, year: int | None, published: dt.date | None
) -> None:
    """For any text, find_dates returns sorted, non-overlapping spans inside the text, each
    with a valid ISO date of year, month or day precision."""
    found = find_dates(text, year=year, published=published)
    assert found == sorted(found)
    previous_end = 0
    for date in found:
        assert previous_end <= date.start < date.end <= len(text)
        previous_end = date.end
        assert len(date.iso) in (4, 7, 10)
        if len(date.iso) == 10:
            dt.date.fromisoformat(date.iso)
        elif len(date.iso) == 7:
            dt.date.fromisoformat(date.iso + "-01")


@given(day=st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)))
def test_written_days_round_trip(day: dt.date) -> None:
    """Any day written as "D Month YYYY", "Month D, YYYY" or ISO reads back as that day."""
    for written in (
        f"{day.day} {day:%B} {day.year}",
        f"{day:%B} {day.day}, {day.year}",
        day.isoformat(),
    ):
        assert isos(f"It happened on {written}.") == [day.isoformat()], written


def test_that_month_is_the_month_the_story_told_last() -> None:
    """ "Earlier that month" and "the same day" take the date the story told last."""
    from kg.dates import date_mentions, resolve

    text = "Earlier that month, six died. On the same day, a second blast hit."
    found = resolve(date_mentions(text), last="2022-09-05")
    assert [d.iso for d in found] == ["2022-09", "2022-09-05"]
    assert resolve(date_mentions(text), last=None) == []
