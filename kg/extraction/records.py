"""The records extraction keeps while it reads an article: its events as they merge,
its sentences with their hits, and the relations waiting for their events to settle."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

from kg.model import Event, Evidence, Mention
from kg.rules import Hit


@dataclass(slots=True)
class Cluster:
    """One real event of an article, as its mentions are merged."""

    type: str
    place: str | None
    date: str | None

    def event(self) -> Event:
        return Event(
            self.type, self.place.removeprefix("place/") if self.place else None, self.date
        )


@dataclass(slots=True)
class Pending:
    """A relation whose event end is a cluster, made into refs once clusters settle."""

    subject: str | Cluster
    predicate: str
    object: str | Cluster
    evidence: Evidence


@dataclass(slots=True)
class ArticleState:
    # the article's events, attacks and operations apart: one never merges with the other
    attacks: list[Cluster] = field(default_factory=list)
    operations: list[Cluster] = field(default_factory=list)
    current: Cluster | None = None
    last_group: str | None = None
    groups: dict[str, int] = field(default_factory=dict)  # armed groups named, and how often
    recent: deque[list[str]] = field(default_factory=lambda: deque(maxlen=5))
    recent_people: deque[list[str]] = field(default_factory=lambda: deque(maxlen=5))
    last_person: str | None = None
    last_bloc: str | None = None
    last_place: str | None = None
    year: int | None = None
    narrative_year: int | None = None  # the year of the last date the article resolved
    last_date: str | None = None  # that date itself, for "earlier that month"
    # a heading such as "a list of major IS-K attacks against Hazaras and Shiites:"
    list_group: str | None = None
    list_targets: tuple[str, ...] = ()
    list_items_done: set[int] = field(default_factory=set)

    def focus_person(self) -> str | None:
        """ "He": the person named most in the last few sentences, the latest on a tie."""
        counts: dict[str, int] = {}
        for named in self.recent_people:
            for person in named:
                counts[person] = counts.get(person, 0) + 1
        if not counts:
            return self.last_person
        most = max(counts.values())
        if counts.get(self.last_person or "") == most:
            return self.last_person
        return max(counts, key=lambda p: (counts[p], p))

    def focus_group(self) -> str | None:
        """ "The group": the armed group named most in the last few sentences (else in
        the whole article), the latest on a tie."""
        counts: dict[str, int] = {}
        for named in self.recent:
            for group in named:
                counts[group] = counts.get(group, 0) + 1
        counts = counts or self.groups
        if not counts:
            return None
        most = max(counts.values())
        if counts.get(self.last_group or "") == most:
            return self.last_group
        return max(counts, key=lambda g: (counts[g], g))


@dataclass(slots=True)
class Sentence:
    """One sentence and the automaton hits that fall inside it."""

    start: int
    end: int
    text: str
    mentions: list[Mention]
    roles: list[Hit]
    anaphors: list[Hit]
    events: list[Hit]
    patterns: list[Hit]
    figures: list[Hit]
    item: int | None = None  # where the bullet line holding this sentence starts
    # the sentence's events with the span of their trigger words, in text order
    clusters: list[tuple[Cluster, int, int]] = field(default_factory=list)
    names: list[re.Match[str]] | None = None  # what looks like a person's name, once found
    # the mentions a slot may take, and how many mentions the sentence had when they were
    # chosen
    pool: tuple[int, list[tuple[Mention, str | None, bool, bool]]] | None = None
    event: Cluster | None = None
    event_at: int | None = None
