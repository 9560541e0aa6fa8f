"""Plain records that flow from the readers through extraction into the graph.

Extraction knows nothing of rdflib: it produces these immutable records, and
``kg.graph`` turns them into triples. Nodes are referred to by their IRI path below
``mkr:`` (``"actor/islamic-state"``, ``"event/2024-09-02-kabul-suicide-bombing"``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from kg.ids import type_slug

__all__ = [
    "CasualtyReport",
    "Document",
    "Entity",
    "Event",
    "Evidence",
    "Extraction",
    "Mention",
    "Relation",
]


@dataclass(frozen=True)
class Document:
    """One source document: an input file, one article of a file, or one JSONL record."""

    id: str
    text: str
    source: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None

    @property
    def ref(self) -> str:
        return f"doc/{self.id}"


@dataclass(frozen=True)
class Entity:
    """An actor or a place: a gazetteer entry, or one discovered in the text."""

    id: str
    label: str
    cls: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    branch_of: tuple[str, ...] = ()
    located_in: str | None = None
    role: str | None = None
    kind: str | None = None
    description: str | None = None
    demonyms: tuple[str, ...] = ()
    capital_of: str | None = None

    @property
    def is_place(self) -> bool:
        return self.cls == "Place"

    @property
    def ref(self) -> str:
        return f"{'place' if self.is_place else 'actor'}/{self.id}"


@dataclass(slots=True, unsafe_hash=True)
class Mention:
    """A name found in the text: its span and what it may refer to (an actor, a place, both).

    A slotted dataclass: a document makes hundreds and reads their fields thousands of
    times. On Python 3.11 a slot is read three times as fast as a named tuple's field and
    made faster than a named tuple or a frozen dataclass. Never changed once made, it
    hashes by its fields."""

    start: int
    end: int
    text: str
    actor: str | None = None
    place: str | None = None
    # a name standing only as a modifier: a demonym ("Russian" in "Russian President") or
    # a name before "-linked", "-backed" ("an al-Qaeda-linked group"); it fills no slot
    modifier: bool = False
    anaphor: bool = False  # "the group", "it", "ISIL's chapter": refers, but is no name


class Evidence(NamedTuple):
    """Where a fact was read: the sentence, its offsets in the document, and how.

    Evidence, relations and casualty reports are named tuples, like mentions: a
    document makes dozens of each."""

    doc_id: str
    sentence: str
    start: int
    end: int
    method: str
    confidence: float


@dataclass(frozen=True)
class Event:
    """An attack or operation; type, place and date make its identity."""

    type: str
    place: str | None = None
    date: str | None = None

    @property
    def ref(self) -> str:
        return f"event/{self.date or 'undated'}-{self.place or 'unplaced'}-{type_slug(self.type)}"

    @property
    def date_precision(self) -> str | None:
        if self.date is None:
            return None
        return {4: "year", 7: "month", 10: "day"}[len(self.date)]


class Relation(NamedTuple):
    """``subject predicate object`` between node refs, with the evidence that asserts it."""

    subject: str
    predicate: str
    object: str
    evidence: Evidence


class CasualtyReport(NamedTuple):
    """One source's figures for one event; disagreeing reports are all kept."""

    event: str
    evidence: Evidence
    deaths: int | None = None
    injuries: int | None = None
    minimum: bool = False
    reported_by: str | None = None


@dataclass
class Extraction:
    """Everything read from one document."""

    document: Document
    entities: dict[str, Entity] = field(default_factory=dict)
    aliases_seen: dict[str, set[str]] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    casualties: list[CasualtyReport] = field(default_factory=list)
