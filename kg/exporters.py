"""Writing the graph for other tools: Turtle, sorted N-Triples, JSON-LD, GraphML, CSV.

``EXPORTERS`` maps each format name to its writer; every writer is atomic.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.files import atomic_path, atomic_writer
from kg.namespaces import MKG, MKR, PREFIXES, bind

__all__ = ["EXPORTERS", "RELATIONS", "export", "sorted_ntriples", "to_networkx"]

# The edges of the network views: the spec's relations between nodes.
RELATIONS = (
    "claimedBy", "attributedTo", "targeted", "killed", "alliedWith", "memberOf", "leaderOf",
    "branchOf", "place", "locatedIn",
)  # fmt: skip
_NODE_CLASSES = (
    "ArmedGroup", "State", "Government", "SecurityForce", "Organization", "Person", "Community",
    "Place",
)  # fmt: skip


def sorted_ntriples(graph: Graph) -> str:
    """N-Triples, one triple a line, sorted: byte-identical for identical graphs."""
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def _local(graph: Graph, iri: URIRef) -> str:
    return graph.namespace_manager.normalizeUri(iri)


def _node_class(graph: Graph, iri: URIRef) -> str:
    types = {_local(graph, t).removeprefix("mkg:") for t in graph.objects(iri, RDF.type)}
    if "Event" in types:
        specific = sorted(types - {"Event", "Attack", "Operation"})
        return specific[0] if specific else ("Operation" if "Operation" in types else "Attack")
    return next((c for c in _NODE_CLASSES if c in types), "Resource")


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The graph's actors, events and places as a networkx multigraph.

    Nodes carry ``label``, ``cls``, ``aliases`` (joined by ``|``) and, for events,
    ``date``; edges carry ``relation`` and ``evidence`` (how many sentences assert it).
    """
    network = nx.MultiDiGraph()
    evidence: dict[tuple[URIRef, URIRef, URIRef], int] = {}
    for statement in graph.subjects(RDF.type, RDF.Statement):
        key = (
            graph.value(statement, RDF.subject),
            graph.value(statement, RDF.predicate),
            graph.value(statement, RDF.object),
        )
        evidence[key] = evidence.get(key, 0) + 1

    def add_node(iri: URIRef) -> str:
        key = _local(graph, iri)
        if key not in network:
            aliases = sorted(str(a) for a in graph.objects(iri, SKOS.altLabel))
            attributes = {
                "label": str(graph.value(iri, RDFS.label) or key),
                "cls": _node_class(graph, iri),
                "aliases": "|".join(aliases),
                "iri": str(iri),
            }
            date = graph.value(iri, MKG.date)
            if date is not None:
                attributes["date"] = str(date)
            network.add_node(key, **attributes)
        return key

    for name in RELATIONS:
        predicate = MKG[name]
        for s, o in sorted(graph.subject_objects(predicate)):
            if isinstance(o, Literal):
                continue
            network.add_edge(
                add_node(s), add_node(o), key=name, relation=name,
                evidence=evidence.get((s, predicate, o), 0),
            )  # fmt: skip
    return network


# Turtle cannot shorten mkr:actor/x (a "/" in a local name), so each kind of resource
# gets a prefix of its own for writing: actor:islamic-state, event:2024-…, doc:000_….
RESOURCE_PREFIXES = ("actor", "place", "event", "doc", "evidence", "casualty", "source")


def write_turtle(graph: Graph, path: Path) -> None:
    bind(graph)
    for name in RESOURCE_PREFIXES:
        graph.bind(name, MKR[f"{name}/"], override=True, replace=True)
    with atomic_writer(path, "wb") as handle:
        handle.write(graph.serialize(format="turtle", encoding="utf-8"))


def write_ntriples(graph: Graph, path: Path) -> None:
    with atomic_writer(path) as handle:
        handle.write(sorted_ntriples(graph))


def write_jsonld(graph: Graph, path: Path) -> None:
    context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    with atomic_writer(path, "wb") as handle:
        handle.write(graph.serialize(format="json-ld", context=context, indent=2, encoding="utf-8"))


def write_graphml(graph: Graph, path: Path) -> None:
    network = to_networkx(graph)
    with atomic_path(path) as temporary:
        nx.write_graphml(network, temporary)


def write_csv(graph: Graph, path: Path) -> None:
    """``<path>/nodes.csv`` and ``<path>/relationships.csv`` in neo4j-admin import form.

    Both files are written to temporary files first and renamed together at the end.
    """
    network = to_networkx(graph)
    path.mkdir(parents=True, exist_ok=True)
    with (
        atomic_writer(path / "nodes.csv") as nodes,
        atomic_writer(path / "relationships.csv") as rels,
    ):
        writer = csv.writer(nodes)
        writer.writerow(["id:ID", "name", ":LABEL", "aliases:string[]", "date", "iri"])
        for key, data in sorted(network.nodes(data=True)):
            aliases = data["aliases"].replace("|", ";")
            writer.writerow(
                [key, data["label"], data["cls"], aliases, data.get("date", ""), data["iri"]]
            )
        writer = csv.writer(rels)
        writer.writerow([":START_ID", ":END_ID", ":TYPE", "evidence:int"])
        edges = sorted(network.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"]))
        for s, o, data in edges:
            writer.writerow([s, o, data["relation"], data["evidence"]])


EXPORTERS: dict[str, Callable[[Graph, Path], None]] = {
    "ttl": write_turtle,
    "nt": write_ntriples,
    "jsonld": write_jsonld,
    "graphml": write_graphml,
    "csv": write_csv,
}

SUFFIXES = {"ttl": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "graphml": ".graphml", "csv": ""}


def export(graph: Graph, fmt: str, path: str | Path) -> Path:
    """Write ``graph`` as ``fmt`` to ``path`` (a folder for ``csv``) and return the path."""
    path = Path(path)
    EXPORTERS[fmt](graph, path)
    return path
