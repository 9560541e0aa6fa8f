"""Extraction records to RDF: nodes, relation triples and their reified evidence.

IRIs are derived from names and content only (``kg.ids``), never from counters or
blank nodes, so the same input always gives the same graph.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kg.gazetteer import Gazetteer
from kg.ids import digest
from kg.model import CasualtyReport, Document, Entity, Event, Evidence, Extraction, Relation
from kg.namespaces import MKG, MKR, WD, bind

__all__ = ["GAZETTEER", "add_extraction", "date_literal", "new_graph", "node"]

GAZETTEER = MKR["source/gazetteer"]
_OPERATION_TYPES = frozenset({"Operation", "Airstrike", "Raid", "Arrest", "Killing"})


def new_graph(store: str = "default") -> Graph:
    """An empty graph with the project's prefixes bound."""
    return bind(Graph(store=store))


def node(ref: str) -> URIRef:
    """``"actor/islamic-state"`` -> ``mkr:actor/islamic-state``."""
    return MKR[ref]


def date_literal(iso: str) -> Literal:
    """An ISO date of any precision as the matching XSD type."""
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(iso)]
    return Literal(iso, datatype=datatype)


def _add_document(graph: Graph, doc: Document) -> URIRef:
    iri = node(doc.ref)
    graph.add((iri, RDF.type, MKG.Document))
    graph.add((iri, RDF.type, PROV.Entity))
    graph.add((iri, RDFS.label, Literal(doc.title or doc.id)))
    graph.add((iri, DCTERMS.source, Literal(doc.url or doc.source)))
    if doc.title:
        graph.add((iri, DCTERMS.title, Literal(doc.title)))
    if doc.date:
        graph.add((iri, DCTERMS.date, Literal(doc.date)))
    if doc.publisher:
        graph.add((iri, DCTERMS.publisher, Literal(doc.publisher)))
    return iri


def _add_entity(
    graph: Graph, entity: Entity, aliases: Iterable[str], gazetteer: Gazetteer
) -> URIRef:
    iri = node(entity.ref)
    if entity.is_place:
        graph.add((iri, RDF.type, MKG.Place))
        if entity.kind:
            graph.add((iri, MKG.placeKind, Literal(entity.kind)))
        if entity.located_in and f"place/{entity.located_in}" in gazetteer.entities:
            graph.add((iri, MKG.locatedIn, node(f"place/{entity.located_in}")))
    else:
        graph.add((iri, RDF.type, MKG.Actor))
        graph.add((iri, RDF.type, MKG[entity.cls]))
        if entity.role:
            graph.add((iri, MKG.role, Literal(entity.role)))
        for parent in entity.branch_of:
            if f"actor/{parent}" in gazetteer.entities:
                _add_known(graph, iri, MKG.branchOf, node(f"actor/{parent}"))
    # one label per node, even when two documents spell a discovered name differently
    if (iri, RDFS.label, None) not in graph:
        graph.add((iri, RDFS.label, Literal(entity.label)))
    for alias in {*entity.aliases, *aliases} - {entity.label}:
        graph.add((iri, SKOS.altLabel, Literal(alias)))
    if entity.wikidata:
        graph.add((iri, OWL.sameAs, WD[entity.wikidata]))
    return iri


def _add_event(graph: Graph, event: Event, doc_iri: URIRef) -> URIRef:
    iri = node(event.ref)
    graph.add((iri, RDF.type, MKG.Event))
    graph.add((iri, RDF.type, MKG.Operation if event.type in _OPERATION_TYPES else MKG.Attack))
    graph.add((iri, RDF.type, MKG[event.type]))
    graph.add((iri, RDFS.label, Literal(event.ref.removeprefix("event/"))))
    if event.place:
        graph.add((iri, MKG.place, node(f"place/{event.place}")))
    if event.date:
        graph.add((iri, MKG.date, date_literal(event.date)))
        graph.add((iri, MKG.datePrecision, Literal(event.date_precision)))
    graph.add((iri, MKG.reportedIn, doc_iri))
    return iri


def _add_evidence(graph: Graph, target: URIRef, evidence: Evidence) -> None:
    graph.add((target, PROV.wasDerivedFrom, node(f"doc/{evidence.doc_id}")))
    graph.add((target, MKG.sentence, Literal(evidence.sentence)))
    graph.add((target, MKG.charStart, Literal(evidence.start)))
    graph.add((target, MKG.charEnd, Literal(evidence.end)))
    graph.add((target, MKG.method, Literal(evidence.method)))
    graph.add((target, MKG.confidence, Literal(f"{evidence.confidence:.2f}", datatype=XSD.decimal)))


def _add_known(graph: Graph, s: URIRef, p: URIRef, o: URIRef) -> None:
    """A fact the gazetteer knows: its evidence names the gazetteer, not a document."""
    graph.add((s, p, o))
    statement = MKR[f"evidence/{digest(s, p, o, GAZETTEER)}"]
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, s))
    graph.add((statement, RDF.predicate, p))
    graph.add((statement, RDF.object, o))
    graph.add((statement, PROV.wasDerivedFrom, GAZETTEER))
    graph.add((statement, MKG.method, Literal("gazetteer")))
    graph.add((statement, MKG.confidence, Literal("1.00", datatype=XSD.decimal)))


def _add_relation(graph: Graph, relation: Relation) -> None:
    s, p, o = node(relation.subject), MKG[relation.predicate], node(relation.object)
    if relation.predicate == "alliedWith" and (o, p, s) in graph:
        s, o = o, s  # symmetric: keep the one direction already written
    graph.add((s, p, o))
    ev = relation.evidence
    statement = MKR[f"evidence/{digest(s, p, o, ev.doc_id, ev.start, ev.method)}"]
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, s))
    graph.add((statement, RDF.predicate, p))
    graph.add((statement, RDF.object, o))
    _add_evidence(graph, statement, ev)


def _add_casualties(graph: Graph, report: CasualtyReport) -> None:
    ev = report.evidence
    key = digest(
        report.event, ev.doc_id, ev.start, report.deaths, report.injuries, report.reported_by
    )
    iri = MKR[f"casualty/{key}"]
    graph.add((node(report.event), MKG.casualties, iri))
    graph.add((iri, RDF.type, MKG.CasualtyReport))
    if report.deaths is not None:
        graph.add((iri, MKG.deaths, Literal(report.deaths)))
    if report.injuries is not None:
        graph.add((iri, MKG.injuries, Literal(report.injuries)))
    if report.minimum:
        graph.add((iri, MKG.minimum, Literal(True)))
    if report.reported_by:
        graph.add((iri, MKG.reportedBy, node(report.reported_by)))
    _add_evidence(graph, iri, ev)


def add_extraction(graph: Graph, extraction: Extraction, gazetteer: Gazetteer) -> Graph:
    """Write one document's facts into ``graph`` and return it."""
    doc_iri = _add_document(graph, extraction.document)
    for ref in sorted(extraction.entities):
        entity = extraction.entities[ref]
        iri = _add_entity(graph, entity, sorted(extraction.aliases_seen.get(ref, ())), gazetteer)
        if not entity.is_place:
            graph.add((iri, MKG.reportedIn, doc_iri))
    for ref in sorted(extraction.events):
        _add_event(graph, extraction.events[ref], doc_iri)
    for relation in extraction.relations:
        _add_relation(graph, relation)
    for report in extraction.casualties:
        _add_casualties(graph, report)
    return graph
