"""Deterministic slugs and IRIs: the same name always gives the same resource."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import iso_dates, news_text

from kg.ids import actor_iri, digest, doc_iri, event_iri, place_iri, slug, type_slug
from kg.model import Event
from kg.namespaces import MKR

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
FALLBACK = re.compile(r"x-[0-9a-f]{10}")
EVENT_TYPES = (
    "Attack", "Bombing", "SuicideBombing", "Shooting", "RocketAttack", "Assassination",
    "Kidnapping", "ArmedAssault", "Operation", "Airstrike", "Raid", "Arrest", "Killing",
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Islamic State", "islamic-state"),
        ("Islamic State – Khorasan (IS-K)", "islamic-state-khorasan-is-k"),
        ("Mazār-i-Sharīf", "mazar-i-sharif"),
        ("  al-Qaeda  ", "al-qaeda"),
        ("Tehrik-e-Taliban Pakistan (TTP)", "tehrik-e-taliban-pakistan-ttp"),
        ("Crocus City Hall", "crocus-city-hall"),
        ("Story 7", "story-7"),
        ("ﬁghters", "fighters"),
    ],
)
def test_slug_examples(text: str, expected: str) -> None:
    """Lower-case ASCII words joined by single hyphens; accents are folded, not dropped."""
    assert slug(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "کابل", "داعش", "!!!", "🙂"])
def test_slug_of_text_without_latin_letters_is_a_hash(text: str) -> None:
    """Text with no ASCII letter or digit gets ``x-<hash>``, distinct per text."""
    assert FALLBACK.fullmatch(slug(text))
    assert slug(text) == "x-" + digest(text)[:10]


def test_fallback_slugs_differ_between_names() -> None:
    """Two different non-Latin names get two different slugs."""
    assert slug("کابل") != slug("داعش")


@given(text=news_text)
def test_slug_is_deterministic_ascii_and_well_formed(text: str) -> None:
    """For any text, slug is the same on every call, ASCII, and either hyphen-joined
    ``[a-z0-9]`` words or the ``x-<hash>`` fallback."""
    result = slug(text)
    assert result == slug(text)
    assert result.isascii()
    assert SLUG.fullmatch(result) or FALLBACK.fullmatch(result)


@given(text=news_text)
def test_slug_is_idempotent(text: str) -> None:
    """A slug is its own slug, so ids survive being slugged again."""
    assert slug(slug(text)) == slug(text)


def test_digest_is_stable() -> None:
    """``digest`` is a 16-hex-digit hash that depends on every part and their order."""
    assert digest("a", 1) == digest("a", 1)
    assert re.fullmatch(r"[0-9a-f]{16}", digest("a", 1))
    assert digest("a", 1) != digest(1, "a")
    assert digest("ab", "c") != digest("a", "bc")


@pytest.mark.parametrize(
    ("event_type", "expected"),
    [("SuicideBombing", "suicide-bombing"), ("RocketAttack", "rocket-attack"), ("Raid", "raid")],
)
def test_type_slug(event_type: str, expected: str) -> None:
    """Event class names become hyphenated lower-case words."""
    assert type_slug(event_type) == expected


def test_resource_iris() -> None:
    """Actors, places and documents live under ``mkr:actor/``, ``mkr:place/``, ``mkr:doc/``."""
    assert actor_iri("islamic-state") == MKR["actor/islamic-state"]
    assert str(place_iri("kabul")) == "https://w3id.org/militant-kg/id/place/kabul"
    assert doc_iri("000_9a9ce19ea643b24e") == MKR["doc/000_9a9ce19ea643b24e"]


@pytest.mark.parametrize(
    ("date", "place", "event_type", "expected"),
    [
        ("2024-09-02", "kabul", "SuicideBombing", "event/2024-09-02-kabul-suicide-bombing"),
        ("2023-03", "peshawar", "Bombing", "event/2023-03-peshawar-bombing"),
        ("2023", "syria", "Airstrike", "event/2023-syria-airstrike"),
        (None, "kabul", "Raid", "event/undated-kabul-raid"),
        ("2021-08-26", None, "SuicideBombing", "event/2021-08-26-unplaced-suicide-bombing"),
    ],
)
def test_event_iri(date: str | None, place: str | None, event_type: str, expected: str) -> None:
    """Event IRIs are ``mkr:event/<date-or-undated>-<place>-<type>``."""
    assert event_iri(date, place, event_type) == MKR[expected]


@given(
    date=st.none() | iso_dates(),
    place=st.none() | news_text.map(slug),
    event_type=st.sampled_from(EVENT_TYPES),
)
def test_event_ref_and_event_iri_agree(
    date: str | None, place: str | None, event_type: str
) -> None:
    """``Event.ref`` and ``event_iri`` name the same resource, so records and IRIs agree."""
    assert MKR[Event(event_type, place, date).ref] == event_iri(date, place, event_type)
