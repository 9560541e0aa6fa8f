"""Which part of the graph a network page shows: the whole graph, the actor network, an
ego network, a SPARQL-chosen subset, a date or place slice, the most central nodes.

A ``View`` is plain data (no rdflib, no HTML): nodes with the facts their panels show
(aliases, class, date, casualty reports, documents) and edges with their evidence
sentences. ``project`` reads it from the RDF graph; the other functions narrow it.
``select_view`` is the one entry point the renderer and the CLI use::

    view = select_view(graph, view="actors", focus="IS-K", hops=2)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kg.errors import QueryError
from kg.exporters import RELATIONS
from kg.namespaces import MKG, MKR

__all__ = [
    "ACTOR_CLASSES",
    "DEFAULT_LIMIT",
    "NODE_CLASSES",
    "VIEWS",
    "Edge",
    "Node",
    "View",
    "actor_network",
    "centrality",
    "date_slice",
    "ego",
    "find_node",
    "place_slice",
    "project",
    "query_subset",
    "select_view",
    "top",
]

ACTOR_CLASSES = (
    "ArmedGroup", "State", "Government", "SecurityForce", "Organization", "Person", "Community",
)  # fmt: skip
NODE_CLASSES = (*ACTOR_CLASSES, "Actor", "Event", "Place", "Resource")
"""Every node falls in one of these; ``Actor`` is an actor of no finer class and
``Resource`` a relation's end that the graph does not type."""

DEFAULT_LIMIT = 500
"""A view with more nodes than this is cut to its most central ones unless ``top`` says
otherwise (``top=0`` keeps everything)."""

_MKR = str(MKR)
_EVENT_KINDS = {"Event", "Attack", "Operation"}
# Relations through which an event points at who did it, and at whom it was aimed.
_RESPONSIBLE = ("claimedBy", "attributedTo")
_AIMED = ("targeted", "killed")


@dataclass
class Node:
    """One actor, event or place with the facts its panel shows."""

    id: str
    iri: str
    label: str
    cls: str
    type: str = ""
    aliases: list[str] = field(default_factory=list)
    date: str | None = None
    places: list[str] = field(default_factory=list)
    casualties: list[dict] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        """The label and every alias."""
        return [self.label, *self.aliases]


@dataclass
class Edge:
    """One relation between two nodes, with each sentence that asserts it.

    ``via`` lists the events an actor-network edge was derived through.
    """

    source: str
    target: str
    relation: str
    evidence: list[dict] = field(default_factory=list)
    via: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.relation, self.target)


@dataclass
class View:
    """A set of nodes and the edges among them, and where they came from.

    ``context`` and ``context_edges`` hold the whole graph (events an actor edge was
    derived through, places of events, what lies within a place), ``documents`` the
    documents evidence cites, ``total`` the size of the base view (whole or actors) this
    one was cut from, and ``notes`` how it was cut.
    """

    name: str
    nodes: dict[str, Node]
    edges: dict[tuple[str, str, str], Edge]
    context: dict[str, Node] = field(default_factory=dict)
    context_edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)
    documents: dict[str, dict] = field(default_factory=dict)
    total: tuple[int, int] = (0, 0)
    notes: list[str] = field(default_factory=list)

    def narrowed(self, keep: Iterable[str], note: str | None = None) -> View:
        """The view on the nodes ``keep`` and the edges among them."""
        kept = {key: self.nodes[key] for key in self.nodes if key in set(keep)}
        edges = {
            k: e for k, e in self.edges.items() if e.source in kept and e.target in kept
        }  # fmt: skip
        notes = [*self.notes, note] if note else list(self.notes)
        return dataclasses.replace(self, nodes=kept, edges=edges, notes=notes)

    def neighbours(self) -> dict[str, set[str]]:
        """Each node's neighbours, ignoring direction."""
        adjacent: dict[str, set[str]] = {key: set() for key in self.nodes}
        for edge in self.edges.values():
            if edge.source != edge.target:
                adjacent[edge.source].add(edge.target)
                adjacent[edge.target].add(edge.source)
        return adjacent


# ------------------------------------------------------------------ the whole graph


def _classify(types: set[str]) -> tuple[str, str]:
    """(class, specific type) of a node from its mkg: types."""
    if "Event" in types or types & {"Attack", "Operation"}:
        specific = sorted(types - _EVENT_KINDS)
        return "Event", specific[0] if specific else next(iter(sorted(types & _EVENT_KINDS)))
    for cls in ACTOR_CLASSES:
        if cls in types:
            return cls, cls
    for cls in ("Place", "Actor"):
        if cls in types:
            return cls, cls
    return "Resource", ""


def _text(value: object) -> str:
    return "" if value is None else str(value)


def project(graph: Graph) -> View:
    """The whole graph as a view: every relation, and the actors, events and places
    they link (the nodes of ``kg.exporters.to_networkx``; a node with no relation is left out).

    The relations are those of ``kg.exporters.RELATIONS`` (the eight actor relations plus
    ``place`` and ``locatedIn``) whose object is a resource.
    """

    def key(iri: URIRef) -> str:
        # mkr:actor/islamic-state -> "actor/islamic-state"; other IRIs stay whole
        return iri[len(_MKR) :] if iri.startswith(_MKR) else str(iri)

    mkg = str(MKG._NS)
    types: dict[URIRef, set[str]] = {}
    for s, t in graph.subject_objects(RDF.type):
        if isinstance(s, URIRef) and str(t).startswith(mkg):
            types.setdefault(s, set()).add(str(t)[len(mkg) :])
    members: set[URIRef] = set()

    triples: list[tuple[URIRef, str, URIRef]] = []
    for name in RELATIONS:
        for s, o in graph.subject_objects(MKG[name]):
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                triples.append((s, name, o))
                members.update((s, o))

    documents: dict[str, dict] = {}

    def document(iri: object) -> str | None:
        if not isinstance(iri, URIRef):
            return None
        doc = key(iri)
        if doc not in documents:
            title = graph.value(iri, DCTERMS.title) or graph.value(iri, RDFS.label)
            documents[doc] = {
                "title": _text(title) or doc,
                "source": _text(graph.value(iri, DCTERMS.source)),
                "date": _text(graph.value(iri, DCTERMS.date)),
                "publisher": _text(graph.value(iri, DCTERMS.publisher)),
            }
        return doc

    evidence: dict[tuple[URIRef, URIRef, URIRef], list[dict]] = {}
    for st in graph.subjects(RDF.type, RDF.Statement):
        spo = (
            graph.value(st, RDF.subject),
            graph.value(st, RDF.predicate),
            graph.value(st, RDF.object),
        )
        evidence.setdefault(spo, []).append(  # type: ignore[arg-type]
            {
                "sentence": _text(graph.value(st, MKG.sentence)),
                "doc": document(graph.value(st, PROV.wasDerivedFrom)),
                "method": _text(graph.value(st, MKG.method)),
                "confidence": _text(graph.value(st, MKG.confidence)),
                "start": graph.value(st, MKG.charStart),
            }
        )

    nodes: dict[str, Node] = {}
    for iri in sorted(members):
        cls, specific = _classify(types.get(iri, set()))
        label = graph.value(iri, RDFS.label)
        node = Node(
            id=key(iri),
            iri=str(iri),
            label=_text(label) or key(iri),
            cls=cls,
            type=specific,
            aliases=sorted({str(a) for a in graph.objects(iri, SKOS.altLabel)} - {str(label)}),
            date=_text(graph.value(iri, MKG.date)) or None,
            same_as=sorted(str(o) for o in graph.objects(iri, OWL.sameAs)),
        )
        node.documents = sorted(
            filter(None, (document(d) for d in graph.objects(iri, MKG.reportedIn)))
        )
        node.places = sorted(key(p) for p in graph.objects(iri, MKG.place) if isinstance(p, URIRef))
        for report in graph.objects(iri, MKG.casualties):
            by = graph.value(report, MKG.reportedBy)
            node.casualties.append(
                {
                    "deaths": _number(graph.value(report, MKG.deaths)),
                    "injuries": _number(graph.value(report, MKG.injuries)),
                    "minimum": bool(
                        graph.value(report, MKG.minimum) is not None
                        and graph.value(report, MKG.minimum).toPython() is True
                    ),
                    "reportedBy": _text(graph.value(by, RDFS.label) or (by and key(by))),
                    "doc": document(graph.value(report, PROV.wasDerivedFrom)),
                    "sentence": _text(graph.value(report, MKG.sentence)),
                }
            )
        node.casualties.sort(key=lambda c: (c["doc"] or "", c["sentence"], str(c["deaths"])))
        nodes[node.id] = node

    edges: dict[tuple[str, str, str], Edge] = {}
    for s, name, o in sorted(triples):
        found = evidence.get((s, MKG[name], o), [])
        found.sort(key=lambda e: (e["doc"] or "", e["start"] or 0, e["method"], e["sentence"]))
        for item in found:
            item.pop("start", None)
        edge = Edge(key(s), key(o), name, found)
        edges[edge.key] = edge
    view = View("whole", nodes, edges, nodes, edges, documents)
    view.total = (len(nodes), len(edges))
    return view


def _number(value: object) -> int | None:
    return value.toPython() if isinstance(value, Literal) else None


# ------------------------------------------------------------------ derived views


def actor_network(whole: View) -> View:
    """Actors only, with their direct relations and relations derived through events
    (an actor linked to nothing is left out).

    An event's responsible actors (``claimedBy``, ``attributedTo``) are linked to the
    actors it ``targeted`` or ``killed``, by that relation, with the event in ``via``
    and the evidence of both halves: "IS claimed the bombing that targeted the Taliban
    prosecution service" becomes IS ``targeted`` the prosecution service.
    """
    actors = {k: n for k, n in whole.nodes.items() if n.cls in (*ACTOR_CLASSES, "Actor")}
    edges: dict[tuple[str, str, str], Edge] = {}
    for k, edge in whole.edges.items():
        if edge.source in actors and edge.target in actors:
            edges[k] = dataclasses.replace(edge, evidence=list(edge.evidence))
    out: dict[str, list[Edge]] = {}
    for edge in whole.edges.values():
        out.setdefault(edge.source, []).append(edge)
    for event in (n for n in whole.nodes.values() if n.cls == "Event"):
        links = out.get(event.id, [])
        doers = [e for e in links if e.relation in _RESPONSIBLE and e.target in actors]
        aimed = [e for e in links if e.relation in _AIMED and e.target in actors]
        for doer in doers:
            for victim in aimed:
                if doer.target == victim.target:
                    continue
                k = (doer.target, victim.relation, victim.target)
                edge = edges.setdefault(k, Edge(doer.target, victim.target, victim.relation))
                if event.id not in edge.via:
                    edge.via.append(event.id)
                for item in (*doer.evidence, *victim.evidence):
                    if item not in edge.evidence:
                        edge.evidence.append(item)
    linked = {end for e in edges.values() for end in (e.source, e.target)}
    actors = {k: n for k, n in actors.items() if k in linked}
    view = View(
        "actors", actors, dict(sorted(edges.items())), whole.context, whole.context_edges,
        whole.documents,
    )  # fmt: skip
    view.total = (len(view.nodes), len(view.edges))
    return view


def find_node(view: View, name: str) -> str:
    """The id of the node called ``name`` (label, alias, id or IRI, any case)."""
    wanted = name.strip().casefold()
    for pool in (view.nodes, view.context):
        for node in pool.values():
            if wanted in (node.id.casefold(), node.iri.casefold()) or any(
                wanted == n.casefold() for n in node.names()
            ):
                return node.id
    raise QueryError(f"no node named {name!r} in the {view.name} view")


def ego(view: View, focus: str, hops: int = 1) -> View:
    """The nodes within ``hops`` links of the node named ``focus``, direction ignored."""
    if hops < 0:
        raise QueryError(f"--hops {hops}: must be 0 or more")
    start = find_node(view, focus)
    if start not in view.nodes:
        raise QueryError(f"{focus!r} is not in the {view.name} view")
    adjacent = view.neighbours()
    seen, frontier = {start}, {start}
    for _ in range(hops):
        frontier = {n for f in frontier for n in adjacent[f]} - seen
        seen |= frontier
    label = view.nodes[start].label
    return view.narrowed(seen, f"within {hops} hop{'s' * (hops != 1)} of {label}")


def query_subset(graph: Graph, view: View, sparql: str) -> View:
    """The nodes a SPARQL SELECT or CONSTRUCT names, and the view's edges among them.

    A SELECT keeps every node bound in any row; a CONSTRUCT every node that is a
    subject or object of its triples.
    """
    from kg.queries import run_query

    result = run_query(graph, sparql)
    if result.columns == ["ask"]:
        raise QueryError("query: an ASK query chooses no nodes; use SELECT or CONSTRUCT")
    lookup = {f"<{n.iri}>": n.id for n in view.nodes.values()}
    lookup.update({f"mkr:{n.id}": n.id for n in view.nodes.values()})
    triples = result.columns == ["subject", "predicate", "object"]
    keep = {
        lookup[cell]
        for row in result.rows
        for cell in ((row[0], row[2]) if triples else row)
        if cell in lookup
    }
    return view.narrowed(keep, f"chosen by a query ({len(keep)} nodes)")


def _edge_events(view: View, edge: Edge) -> list[Node]:
    ends = (view.context.get(edge.source), view.context.get(edge.target))
    events = [n for n in ends if n is not None and n.cls == "Event"]
    events += [view.context[v] for v in edge.via if v in view.context]
    return events


def _event_slice(view: View, keep_event: Callable[[Node], bool], note: str) -> View:
    """Edges that involve a kept event (as an end or in ``via``), and their ends."""
    edges = {
        k: e
        for k, e in view.edges.items()
        if any(keep_event(ev) for ev in _edge_events(view, e))
        and all(
            keep_event(view.nodes[end])
            for end in (e.source, e.target)
            if view.nodes[end].cls == "Event"
        )
    }
    ends = {end for e in edges.values() for end in (e.source, e.target)}
    nodes = {k: n for k, n in view.nodes.items() if k in ends}
    return dataclasses.replace(view, nodes=nodes, edges=edges, notes=[*view.notes, note])


def _bounds(date: str) -> tuple[str, str]:
    """The first and last day an ISO date of any precision covers, as ISO text."""
    date = date[:10]
    return (date + "-01-01"[len(date) - 4 :], date + "-12-31"[len(date) - 4 :])


def date_slice(view: View, since: str | None = None, until: str | None = None) -> View:
    """What happened between ``since`` and ``until`` (ISO, any precision, both inclusive):
    the relations of the events dated in the range, and their actors and places."""
    low = _bounds(since)[0] if since else "0000-01-01"
    high = _bounds(until)[1] if until else "9999-12-31"

    def within(event: Node) -> bool:
        if not event.date:
            return False
        first, last = _bounds(event.date)
        return first <= high and last >= low

    return _event_slice(view, within, f"events from {since or '…'} to {until or '…'}")


def place_slice(view: View, place: str) -> View:
    """What happened in ``place`` or any place within it (``locatedIn``, transitively)."""
    whole_places = {n.id: n for n in view.context.values() if n.cls == "Place"}
    pool = dataclasses.replace(view, nodes=whole_places)
    target = find_node(pool, place)
    inside: dict[str, set[str]] = {}
    for node in view.context.values():
        inside.setdefault(node.id, set())
    for inner, relation, outer in view.context_edges:
        if relation == "locatedIn":
            inside.setdefault(outer, set()).add(inner)
    region, frontier = {target}, {target}
    while frontier:
        frontier = {p for f in frontier for p in inside.get(f, ())} - region
        region |= frontier
    label = view.context[target].label
    return _event_slice(view, lambda ev: bool(set(ev.places) & region), f"events in {label}")


def centrality(view: View) -> dict[str, float]:
    """Degree centrality: each node's share of the other nodes it is linked to."""
    adjacent = view.neighbours()
    scale = max(len(adjacent) - 1, 1)
    return {key: len(others) / scale for key, others in adjacent.items()}


def top(view: View, limit: int) -> View:
    """The ``limit`` most central nodes (ties by label) and the edges among them."""
    if limit <= 0 or len(view.nodes) <= limit:
        return view
    score = centrality(view)
    ranked = sorted(view.nodes.values(), key=lambda n: (-score[n.id], n.label, n.id))
    keep = [n.id for n in ranked[:limit]]
    return view.narrowed(keep, f"the {limit:,} most central of {len(view.nodes):,} nodes")


# ------------------------------------------------------------------ the entry point

VIEWS: dict[str, Callable[[View], View]] = {
    "whole": lambda whole: whole,
    "actors": actor_network,
}
"""The base views by name; ``auto`` picks ``whole`` unless it is bigger than the limit."""


def select_view(
    graph: Graph,
    view: str = "auto",
    *,
    focus: str | None = None,
    hops: int = 1,
    query: str | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    limit: int | None = None,
) -> View:
    """The view to draw: a base view, then focus, query, dates and place, then the cap.

    ``view`` is ``whole``, ``actors`` or ``auto``: the whole graph when it has at most
    ``DEFAULT_LIMIT`` nodes or a narrower choice was made, else the actor network.
    ``limit`` caps the nodes by centrality: ``None`` means ``DEFAULT_LIMIT``, 0 no cap.
    """
    if view not in (*VIEWS, "auto"):
        raise QueryError(f"unknown view {view!r}; known: auto, {', '.join(VIEWS)}")
    whole = project(graph)
    narrowed = any(x is not None for x in (focus, query, since, until, place))
    if view == "auto":
        view = "whole" if narrowed or len(whole.nodes) <= DEFAULT_LIMIT else "actors"
    chosen = VIEWS[view](whole)
    if chosen is not whole and view == "actors" and len(whole.nodes) > DEFAULT_LIMIT:
        chosen.notes.append(f"the actor network of a graph of {len(whole.nodes):,} nodes")
    if query is not None:
        chosen = query_subset(graph, chosen, query)
    if focus is not None:
        chosen = ego(chosen, focus, hops)
    if since is not None or until is not None:
        chosen = date_slice(chosen, since, until)
    if place is not None:
        chosen = place_slice(chosen, place)
    return top(chosen, DEFAULT_LIMIT if limit is None else limit)
