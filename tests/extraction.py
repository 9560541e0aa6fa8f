"""Shared helpers for the extraction tests: run one text, list its facts as plain tuples."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kg.extraction import extract
from kg.gazetteer import Gazetteer
from kg.model import Document, Extraction

DATA = Path(__file__).resolve().parent / "data" / "extract"


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer.from_files(DATA / "actors.jsonl", DATA / "places.jsonl")


def run(text: str, date: str | None = None) -> Extraction:
    """Extract one document holding ``text``."""
    return extract(Document(id="t", text=text, source="t.txt", date=date), gazetteer())


def _name(extraction: Extraction, ref: str) -> str:
    if ref.startswith("event/"):
        event = extraction.events[ref]
        return f"{event.type}@{event.place}" + (f"/{event.date}" if event.date else "")
    entity = extraction.entities.get(ref)
    return entity.label if entity else ref


def facts(text: str, relation: str, date: str | None = None) -> set[tuple[str, str]]:
    """``(subject, object)`` names of one relation; events read ``Type@place[/date]``."""
    extraction = run(text, date)
    return {
        (_name(extraction, r.subject), _name(extraction, r.object))
        for r in extraction.relations
        if r.predicate == relation
    }


def figures(text: str, date: str | None = None) -> set[tuple[str, str, int, bool, str | None]]:
    """``(event, kind, value, minimum, reported_by)`` for every casualty figure."""
    extraction = run(text, date)
    out = set()
    for report in extraction.casualties:
        reporter = _name(extraction, report.reported_by) if report.reported_by else None
        for kind in ("deaths", "injuries"):
            value = getattr(report, kind)
            if value is not None:
                event = _name(extraction, report.event)
                out.add((event, kind, value, report.minimum, reporter))
    return out
