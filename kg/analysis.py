"""Network analysis of the graph: who matters, who connects, which communities form.

The RDF graph is projected to networkx in one of two ways (``NETWORKS``):

- ``actor``: actors only, linked when a relation joins them directly (``branchOf``,
  ``alliedWith``, ``memberOf``, ``leaderOf``, ``targeted``, ``killed``) or through an
  event: a group that claimed (or was blamed for) an event is linked to each actor the
  event targeted or killed, and two actors that claimed or were blamed for the same
  event are linked to each other. A link's ``weight`` is the number of distinct
  events and documents that support it (a direct relation counts the documents of its
  evidence; an event-derived link counts the events).
- ``full``: actors, events and places, one link per pair of nodes that a relation
  joins, weighted by the number of relations between them.

``analyze_network`` scores each node with igraph: degree centrality (share of the
other nodes it is linked to), betweenness (share of shortest paths between others
through it, unweighted; estimated from ``samples`` sources picked with ``seed`` above
``exact_limit`` nodes), PageRank (weighted, damping 0.85), its community (``louvain``
or ``leiden``, seeded) and its connected component. Communities and components are
numbered from 1, largest first.

``find_paths`` gives the shortest chains of relations between two actors with each
hop's evidence, and ``timeline`` an actor's events and relations in date order.
"""

from __future__ import annotations

import gc
import json
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import cache
from itertools import combinations, islice, pairwise
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from kg.errors import KGError
from kg.exporters import to_networkx
from kg.namespaces import MKG, PREFIXES
from kg.queries import QueryResult, format_result

__all__ = [
    "COMMUNITY_METHODS",
    "EXACT_LIMIT",
    "NETWORKS",
    "Analysis",
    "Community",
    "Evidence",
    "Hop",
    "Score",
    "Step",
    "TimelineEntry",
    "actor_network",
    "add_scores",
    "analyze",
    "analyze_network",
    "find_paths",
    "format_analysis",
    "format_paths",
    "format_timeline",
    "full_network",
    "resolve_actor",
    "timeline",
    "write_scores",
]

RELATIONS = (
    "claimedBy",
    "attributedTo",
    "targeted",
    "killed",
    "alliedWith",
    "memberOf",
    "leaderOf",
    "branchOf",
)
RESPONSIBLE = ("claimedBy", "attributedTo")
"""Event → actor relations that make the actor responsible for the event."""
AFFECTED = ("targeted", "killed")
"""Event → actor relations that make the actor the event's target or victim."""
ACTOR_LINKS = ("targeted", "killed", "alliedWith", "memberOf", "leaderOf", "branchOf")

EXACT_LIMIT = 5000
"""Above this many nodes betweenness is estimated from sampled sources."""
SAMPLES = 500
"""How many source nodes the betweenness estimate starts from."""
DAMPING = 0.85
MAIN_ACTORS = 3
"""How many of a community's actors (highest PageRank first) name it."""
_ACTOR_CLASSES = (
    "ArmedGroup",
    "State",
    "Government",
    "SecurityForce",
    "Organization",
    "Person",
    "Community",
)
_GAZETTEER = "mkr:source/gazetteer"


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class Evidence:
    """One source of a relation: a document (or the gazetteer) and its sentence."""

    source: str
    sentence: str = ""
    method: str = ""
    confidence: str = ""


@dataclass(frozen=True)
class Score:
    """One node's scores."""

    id: str
    label: str
    cls: str
    degree: float
    betweenness: float
    pagerank: float
    community: int
    component: int
    links: int
    weight: float


@dataclass(frozen=True)
class Community:
    """A community: its number, size, and its main actors (highest PageRank first)."""

    number: int
    size: int
    main: tuple[str, ...]


@dataclass
class Analysis:
    """The scores of a network, highest PageRank first, with its communities."""

    network: str
    nodes: int
    edges: int
    method: str
    seed: int
    scores: list[Score] = field(default_factory=list)
    communities: list[Community] = field(default_factory=list)
    components: list[int] = field(default_factory=list)
    sampled_sources: int | None = None

    @property
    def betweenness_note(self) -> str:
        if self.sampled_sources is None:
            return "betweenness: exact"
        return (
            f"betweenness: estimated from {self.sampled_sources} of {self.nodes} source "
            f"nodes (seed {self.seed}), since the network has over {EXACT_LIMIT} nodes"
        )


@dataclass(frozen=True)
class Hop:
    """A relation triple as the graph states it, with its evidence."""

    subject: str
    predicate: str
    object: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Step:
    """One step of a chain, from node ``start`` to node ``end``: the relations (one or
    more triples, in either direction) that link the two."""

    start: str
    end: str
    start_label: str
    end_label: str
    relations: tuple[Hop, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """One event or relation of an actor; ``when`` says whose date it is."""

    date: str
    when: str
    subject: str
    predicate: str
    object: str
    place: str
    sources: tuple[str, ...]


# ---------------------------------------------------------------- reading the graph


_PREFIXES = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda p: -len(p[0]))


def _short(iri: URIRef) -> str:
    """``mkr:actor/islamic-state`` for the IRI (rdflib will not compact past a ``/``)."""
    text = str(iri)
    for ns, prefix in _PREFIXES:
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns) :]}"
    return f"<{text}>"


def _expand(short: str) -> URIRef:
    """The IRI of a name made by ``_short``."""
    if short.startswith("<"):
        return URIRef(short[1:-1])
    prefix, _, local = short.partition(":")
    return URIRef(str(PREFIXES[prefix]) + local)


def _label(graph: Graph, iri: URIRef) -> str:
    label = graph.value(iri, RDFS.label)
    return str(label) if label is not None else _short(iri)


def _actor_class(graph: Graph, iri: URIRef) -> str:
    types = set(graph.objects(iri, RDF.type))
    return next((c for c in _ACTOR_CLASSES if MKG[c] in types), "Actor")


def _evidence_index(graph: Graph) -> dict[tuple[URIRef, URIRef, URIRef], list[Evidence]]:
    """Each reified triple's evidence; an alliedWith statement counts in both directions."""
    index: dict[tuple[URIRef, URIRef, URIRef], list[Evidence]] = {}
    for statement in graph.subjects(RDF.type, RDF.Statement):
        s = graph.value(statement, RDF.subject)
        p = graph.value(statement, RDF.predicate)
        o = graph.value(statement, RDF.object)
        if s is None or p is None or o is None:
            continue
        source = graph.value(statement, PROV.wasDerivedFrom)
        item = Evidence(
            source=_short(source) if isinstance(source, URIRef) else "",
            sentence=" ".join(str(graph.value(statement, MKG.sentence) or "").split()),
            method=str(graph.value(statement, MKG.method) or ""),
            confidence=str(graph.value(statement, MKG.confidence) or ""),
        )
        index.setdefault((s, p, o), []).append(item)
        if p == MKG.alliedWith:
            index.setdefault((o, p, s), []).append(item)
    return {key: sorted(set(items), key=_evidence_order) for key, items in index.items()}


def _evidence_order(item: Evidence) -> tuple[str, str, str]:
    return (item.source, item.sentence, item.method)


@cache
def _named_query() -> Query:
    """Actors by label or alias, any case; ``?wanted`` is bound, never spliced in."""
    return prepareQuery(
        """
        SELECT DISTINCT ?node ?label ?exact ?wanted WHERE {
          ?node a mkg:Actor ; rdfs:label ?label .
          { ?node rdfs:label ?name BIND(true AS ?exact) }
          UNION
          { ?node skos:altLabel ?name BIND(false AS ?exact) }
          FILTER(LCASE(STR(?name)) = LCASE(STR(?wanted)))
        }
        """,
        initNs={"mkg": URIRef(str(PREFIXES["mkg"])), "rdfs": RDFS, "skos": SKOS},
    )


def resolve_actor(graph: Graph, name: str) -> URIRef:
    """The actor whose ``rdfs:label`` or ``skos:altLabel`` is ``name``, in any case.

    A name that is one actor's label wins over other actors' aliases. An unknown or
    ambiguous name is a one-line ``KGError`` (listing the candidates).
    """
    rows = graph.query(_named_query(), initBindings={"wanted": Literal(name)})
    found: dict[URIRef, tuple[str, bool]] = {}
    for node, label, exact, _ in rows:  # type: ignore[misc]
        previous = found.get(node, ("", False))
        found[node] = (str(label), previous[1] or bool(exact.toPython()))
    exact_matches = [node for node, (_, exact) in found.items() if exact]
    candidates = exact_matches if len(exact_matches) == 1 else sorted(found)
    if not candidates:
        raise KGError(f"no actor is named {name!r} (by label or alias)")
    if len(candidates) > 1:
        listed = "; ".join(f"{found[n][0]} ({_short(n)})" for n in sorted(candidates))
        raise KGError(f"{name!r} names {len(candidates)} actors: {listed}; give a label")
    return candidates[0]


# ---------------------------------------------------------------- projections


def actor_network(graph: Graph) -> nx.Graph:
    """Actors linked by relations and shared events, weighted by their support.

    Nodes are keyed by prefixed IRI (``mkr:actor/…``) and carry ``label``, ``cls`` and
    ``iri``; links carry ``weight`` (distinct supporting events and documents) and
    ``relations`` (sorted names: a predicate, ``<predicate> via event`` or
    ``shared responsibility``).
    """
    actors = set(graph.subjects(RDF.type, MKG.Actor))
    evidence = _evidence_index(graph)
    network = nx.Graph()
    for actor in sorted(actors):
        network.add_node(
            _short(actor),
            label=_label(graph, actor),
            cls=_actor_class(graph, actor),
            iri=str(actor),
        )
    links: dict[tuple[str, str], tuple[set[str], set[str]]] = {}

    def link(a: URIRef, b: URIRef, relation: str, supports: set[str]) -> None:
        if a == b or a not in actors or b not in actors:
            return
        u, v = sorted((_short(a), _short(b)))
        found, names = links.setdefault((u, v), (set(), set()))
        found.update(supports)
        names.add(relation)

    for name in ACTOR_LINKS:
        predicate = MKG[name]
        for s, o in graph.subject_objects(predicate):
            sources = {item.source for item in evidence.get((s, predicate, o), [])}
            # a relation stated without evidence still counts once
            link(s, o, name, sources or {f"{name}:{s}:{o}"})
    for event in set(graph.subjects(RDF.type, MKG.Event)):
        support = {_short(event)}
        responsible = sorted({o for p in RESPONSIBLE for o in graph.objects(event, MKG[p])})
        for name in AFFECTED:
            for target in graph.objects(event, MKG[name]):
                for actor in responsible:
                    link(actor, target, f"{name} via event", support)
        for a, b in combinations(responsible, 2):
            link(a, b, "shared responsibility", support)
    for (u, v), (supports, names) in sorted(links.items()):
        network.add_edge(u, v, weight=len(supports), relations=sorted(names))
    return network


def full_network(graph: Graph) -> nx.Graph:
    """Actors, events and places linked by every relation, weighted by how many.

    Nodes are keyed and labelled as in ``actor_network``, with ``cls`` the actor class,
    event type or ``Place``; links carry ``weight`` and ``relations``.
    """
    multi = to_networkx(graph)
    key = {node: _short(URIRef(data["iri"])) for node, data in multi.nodes(data=True)}
    network = nx.Graph()
    for node, data in sorted(multi.nodes(data=True), key=lambda item: key[item[0]]):
        network.add_node(key[node], label=data["label"], cls=data["cls"], iri=data["iri"])
    relations: dict[tuple[str, str], list[str]] = {}
    for u, v, data in multi.edges(data=True):
        if u != v:
            pair = (min(key[u], key[v]), max(key[u], key[v]))
            relations.setdefault(pair, []).append(data["relation"])
    for (u, v), names in sorted(relations.items()):
        network.add_edge(u, v, weight=len(names), relations=sorted(set(names)))
    return network


NETWORKS: dict[str, Callable[[Graph], nx.Graph]] = {"actor": actor_network, "full": full_network}
"""The projections ``analyze`` can score, by name."""


# ---------------------------------------------------------------- scores


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """igraph draws from Python's random module; give it its own seeded generator."""
    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def _louvain(g: object) -> list[int]:
    return g.community_multilevel(weights="weight").membership  # type: ignore[attr-defined]


def _leiden(g: object) -> list[int]:
    return g.community_leiden(  # type: ignore[attr-defined]
        objective_function="modularity", weights="weight", n_iterations=-1
    ).membership


COMMUNITY_METHODS: dict[str, Callable[[object], list[int]]] = {
    "louvain": _louvain,
    "leiden": _leiden,
}
"""Community detection methods (igraph's multilevel Louvain and Leiden on modularity)."""


def _numbered(membership: list[int], order: list[str]) -> list[int]:
    """Renumber groups from 1 by size, largest first; ties by their first member."""
    groups: dict[int, list[int]] = {}
    for index, group in enumerate(membership):
        groups.setdefault(group, []).append(index)
    ranked = sorted(groups.values(), key=lambda members: (-len(members), order[members[0]]))
    number = [0] * len(membership)
    for rank, members in enumerate(ranked, 1):
        for index in members:
            number[index] = rank
    return number


def analyze_network(
    network: nx.Graph,
    *,
    name: str = "actor",
    communities: str = "louvain",
    seed: int = 0,
    exact_limit: int = EXACT_LIMIT,
    samples: int = SAMPLES,
) -> Analysis:
    """Score every node of ``network`` (undirected, ``weight`` on links) with igraph."""
    import igraph

    if communities not in COMMUNITY_METHODS:
        known = ", ".join(sorted(COMMUNITY_METHODS))
        raise KGError(f"unknown community method {communities!r}; known methods: {known}")
    nodes = sorted(network.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    edges = sorted(
        (min(index[u], index[v]), max(index[u], index[v]), float(data.get("weight", 1)))
        for u, v, data in network.edges(data=True)
        if u != v
    )
    g = igraph.Graph(n=len(nodes), edges=[(u, v) for u, v, _ in edges], directed=False)
    g.es["weight"] = [w for _, _, w in edges]
    n = len(nodes)
    sampled: int | None = None
    with _seeded(seed):
        if n > exact_limit and samples < n:
            sampled = samples
            sources = sorted(random.Random(seed).sample(range(n), samples))
            raw = [b * n / samples for b in g.betweenness(directed=False, sources=sources)]
        else:
            raw = g.betweenness(directed=False) if n else []
        pagerank = g.pagerank(directed=False, damping=DAMPING, weights="weight") if n else []
        membership = COMMUNITY_METHODS[communities](g) if n else []
    pairs = (n - 1) * (n - 2) / 2
    betweenness = [min(1.0, b / pairs) if pairs > 0 else 0.0 for b in raw]
    degree = g.degree()
    strength = g.strength(weights="weight")
    labels = [str(network.nodes[node].get("label", node)) for node in nodes]
    order = [f"{label}\0{node}" for label, node in zip(labels, nodes, strict=True)]
    community = _numbered(membership, order)
    component = _numbered(g.connected_components().membership, order)
    scores = [
        Score(
            id=node,
            label=labels[i],
            cls=str(network.nodes[node].get("cls", "")),
            degree=degree[i] / (n - 1) if n > 1 else 0.0,
            betweenness=betweenness[i],
            pagerank=pagerank[i],
            community=community[i],
            component=component[i],
            links=degree[i],
            weight=strength[i],
        )
        for i, node in enumerate(nodes)
    ]
    scores.sort(key=lambda s: (-round(s.pagerank, 12), s.label, s.id))
    groups: dict[int, list[Score]] = {}
    for score in scores:  # highest PageRank first within each community
        groups.setdefault(score.community, []).append(score)
    return Analysis(
        network=name,
        nodes=n,
        edges=len(edges),
        method=communities,
        seed=seed,
        scores=scores,
        communities=[
            Community(number, len(members), tuple(s.label for s in members[:MAIN_ACTORS]))
            for number, members in sorted(groups.items())
        ],
        components=sorted((component.count(c) for c in set(component)), reverse=True),
        sampled_sources=sampled,
    )


def analyze(graph: Graph, network: str = "actor", **options: object) -> Analysis:
    """Project ``graph`` as ``network`` (a key of ``NETWORKS``) and score it."""
    if network not in NETWORKS:
        raise KGError(f"unknown network {network!r}; known networks: {', '.join(NETWORKS)}")
    return analyze_network(NETWORKS[network](graph), name=network, **options)  # type: ignore[arg-type]


_SCORES = {"degree": MKG.degree, "betweenness": MKG.betweenness, "pagerank": MKG.pagerank}


def add_scores(graph: Graph, analysis: Analysis) -> Graph:
    """Write each actor's scores into ``graph`` as ``mkg:degree``, ``mkg:betweenness``,
    ``mkg:pagerank`` (xsd:decimal, 6 places) and ``mkg:community``, replacing old ones."""
    if analysis.network != "actor":
        raise KGError("scores are written from the actor network only (--network actor)")
    for predicate in (*_SCORES.values(), MKG.community):
        graph.remove((None, predicate, None))
    for score in analysis.scores:
        iri = _expand(score.id)
        if (iri, RDF.type, MKG.Actor) not in graph:
            continue
        for name, predicate in _SCORES.items():
            value = getattr(score, name)
            graph.add((iri, predicate, Literal(f"{value:.6f}", datatype=XSD.decimal)))
        graph.add((iri, MKG.community, Literal(score.community)))
    return graph


def write_scores(analysis: Analysis, path: str | Path) -> Path:
    """Write the actor scores into the built graph at ``path`` and return what was written.

    ``path`` is what ``load_graph`` reads: an exports folder (its store, and its
    ``graph.ttl`` if there is one), a store folder, or a Turtle file (rewritten
    atomically). The store is opened for writing, so no reader of it may be open.
    """
    from kg.store import GRAPH_FILE, STORE_DIR, load_graph, open_store, write_turtle

    path = Path(path)
    folder = next((f for f in (path / STORE_DIR, path) if (f / "CURRENT").is_file()), None)
    if folder is None:
        target = path / GRAPH_FILE if path.is_dir() else path
        write_turtle(add_scores(load_graph(target), analysis), target)
        return target
    gc.collect()  # a graph read from the store holds its lock until it is collected
    store = open_store(folder)
    try:
        scored = add_scores(store.graph(), analysis)
        if folder != path and (path / GRAPH_FILE).is_file():
            write_turtle(scored, path / GRAPH_FILE)
    finally:
        store.close()
    return folder


# ---------------------------------------------------------------- paths and timelines


def _relation_graph(graph: Graph) -> tuple[nx.Graph, dict[frozenset, list[tuple]]]:
    """Actors and events linked by the relations, with the triples behind each link."""
    network = nx.Graph()
    triples: dict[frozenset, list[tuple[URIRef, URIRef, URIRef]]] = {}
    for name in RELATIONS:
        for s, o in graph.subject_objects(MKG[name]):
            if isinstance(o, URIRef) and s != o:
                triples.setdefault(frozenset((s, o)), []).append((s, MKG[name], o))
    for pair in sorted(triples, key=lambda p: sorted(p)):
        network.add_edge(*sorted(pair))
    return network, triples


def find_paths(graph: Graph, source: str, target: str, limit: int = 5) -> list[list[Step]]:
    """The shortest chains of relations (through actors and events) from the actor named
    ``source`` to the actor named ``target``: at most ``limit`` of them, each a list of
    steps with the relations and evidence behind them. No chain gives an empty list."""
    start, end = resolve_actor(graph, source), resolve_actor(graph, target)
    if start == end:
        raise KGError(f"{source!r} and {target!r} name the same actor")
    network, triples = _relation_graph(graph)
    if start not in network or end not in network:
        return []
    evidence = _evidence_index(graph)
    try:
        paths = list(islice(nx.all_shortest_paths(network, start, end), limit))
    except nx.NetworkXNoPath:
        return []
    chains = []
    for path in paths:
        chain = []
        for u, v in pairwise(path):
            relations = tuple(
                Hop(
                    _short(s),
                    _short(p),
                    _short(o),
                    tuple(evidence.get((s, p, o), ())),
                )
                for s, p, o in sorted(triples[frozenset((u, v))])
            )
            chain.append(
                Step(
                    _short(u),
                    _short(v),
                    _label(graph, u),
                    _label(graph, v),
                    relations,
                )
            )
        chains.append(chain)
    return chains


def _documents_dates(graph: Graph, sources: list[str]) -> list[str]:
    dates = []
    for source in sources:
        if source.startswith("mkr:"):
            date = graph.value(_expand(source), DCTERMS.date)
            if date is not None:
                dates.append(str(date))
    return sorted(dates)


def timeline(graph: Graph, name: str) -> list[TimelineEntry]:
    """The actor's events (that it claimed, was blamed for, was targeted or killed in)
    and its relations with other actors, in date order, undated last.

    An event is dated by its ``mkg:date`` (``when`` = ``event``); a relation by the
    earliest publication date of the documents that state it (``when`` = ``reported``).
    """
    actor = resolve_actor(graph, name)
    evidence = _evidence_index(graph)
    entries = []
    for name_ in RELATIONS:
        predicate = MKG[name_]
        for s, o in [
            *((s, actor) for s in graph.subjects(predicate, actor)),
            *((actor, o) for o in graph.objects(actor, predicate)),
        ]:
            sources = sorted({item.source for item in evidence.get((s, predicate, o), [])})
            if (s, RDF.type, MKG.Event) in graph:
                date, when = graph.value(s, MKG.date), "event"
                place = graph.value(s, MKG.place)
                if not sources:
                    sources = sorted(_short(d) for d in graph.objects(s, MKG.reportedIn))
            else:
                dates, when, place = _documents_dates(graph, sources), "reported", None
                date = dates[0] if dates else None
            entries.append(
                TimelineEntry(
                    date=str(date) if date is not None else "",
                    when=when if date else "",
                    subject=_label(graph, s),
                    predicate=name_,
                    object=_label(graph, o),
                    place=_label(graph, place) if isinstance(place, URIRef) else "",
                    sources=tuple(sources),
                )
            )
    return sorted(
        set(entries), key=lambda e: (e.date == "", e.date, e.subject, e.predicate, e.object)
    )


# ---------------------------------------------------------------- output


_SCORE_COLUMNS = (
    "rank", "id", "label", "class", "degree", "betweenness", "pagerank", "community",
    "component", "links", "weight",
)  # fmt: skip
_TABLE_COLUMNS = (
    "rank", "label", "class", "degree", "betweenness", "pagerank", "community", "component",
)  # fmt: skip


def _score_rows(analysis: Analysis, top: int, columns: tuple[str, ...]) -> QueryResult:
    """One row per node, ``top`` first (0 for all), numbers to four places."""
    shown = analysis.scores[:top] if top else analysis.scores
    rows = []
    for rank, score in enumerate(shown, 1):
        cells = {
            **{key: str(value) for key, value in asdict(score).items()},
            **{key: f"{getattr(score, key):.4f}" for key in ("degree", "betweenness", "pagerank")},
            "rank": str(rank),
            "class": score.cls,
            "weight": f"{score.weight:g}",
        }
        rows.append(tuple(cells[column] for column in columns))
    return QueryResult(list(columns), rows)


def _analysis_table(analysis: Analysis, top: int) -> str:
    kind = "actors" if analysis.network == "actor" else "nodes"
    largest = analysis.components[0] if analysis.components else 0
    big = [c for c in analysis.communities if c.size > 1]
    lines = [
        f"{analysis.network} network: {analysis.nodes} {kind}, {analysis.edges} links, "
        f"{len(analysis.components)} components (largest {largest}), "
        f"{len(analysis.communities)} communities ({analysis.method}, seed {analysis.seed})",
        analysis.betweenness_note,
        "",
        format_result(_score_rows(analysis, top, _TABLE_COLUMNS), "table"),
        "",
        f"communities of more than one ({len(big)} of {len(analysis.communities)}):",
    ]
    lines += [f"  {c.number:>4}  {c.size:>6}  {', '.join(c.main)}" for c in big[: top or None]]
    return "\n".join(lines)


def _analysis_json(analysis: Analysis, top: int) -> str:
    document = {
        "network": analysis.network,
        "nodes": analysis.nodes,
        "edges": analysis.edges,
        "communityMethod": analysis.method,
        "seed": analysis.seed,
        "betweenness": "exact" if analysis.sampled_sources is None else "sampled",
        "betweennessSources": analysis.sampled_sources,
        "components": analysis.components,
        "communities": [asdict(c) for c in analysis.communities],
        "scores": [asdict(s) for s in (analysis.scores[:top] if top else analysis.scores)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


ANALYSIS_FORMATS: dict[str, Callable[[Analysis, int], str]] = {
    "table": _analysis_table,
    "csv": lambda analysis, top: format_result(_score_rows(analysis, top, _SCORE_COLUMNS), "csv"),
    "json": _analysis_json,
}


def format_analysis(analysis: Analysis, fmt: str = "table", top: int = 20) -> str:
    """The scores as a terminal table (with the communities), CSV or JSON; ``top`` rows
    (0 for all)."""
    return ANALYSIS_FORMATS[fmt](analysis, top)


def _arrow(step: Step) -> str:
    """``—p→`` for relations from the step's start, ``←p—`` for those into it."""
    forward = [h.predicate.removeprefix("mkg:") for h in step.relations if h.subject == step.start]
    backward = [h.predicate.removeprefix("mkg:") for h in step.relations if h.subject != step.start]
    arrows = [f"—{','.join(forward)}→"] if forward else []
    arrows += [f"←{','.join(backward)}—"] if backward else []
    return "/".join(arrows)


def format_paths(chains: list[list[Step]], source: str, target: str, fmt: str = "text") -> str:
    """The chains as text (each relation and its evidence below its chain) or JSON."""
    if fmt == "json":
        return json.dumps(
            [[asdict(step) for step in chain] for chain in chains], ensure_ascii=False, indent=2
        )
    if not chains:
        return f"no chain of relations links {source} and {target}"
    lines = []
    for number, chain in enumerate(chains, 1):
        text = chain[0].start_label + "".join(f" {_arrow(s)} {s.end_label}" for s in chain)
        lines.append(f"chain {number} ({len(chain)} hops): {text}")
        for step in chain:
            for hop in step.relations:
                labels = {step.start: step.start_label, step.end: step.end_label}
                relation = hop.predicate.removeprefix("mkg:")
                lines.append(f"  {labels[hop.subject]}  {relation}  {labels[hop.object]}")
                for item in hop.evidence or (Evidence("(no evidence)"),):
                    quoted = f' "{item.sentence}"' if item.sentence else ""
                    how = f" ({item.method}, {item.confidence})" if item.method else ""
                    lines.append(f"      {item.source}{quoted}{how}")
    return "\n".join(lines)


def format_timeline(entries: list[TimelineEntry], fmt: str = "table") -> str:
    """The timeline as a table, CSV, TSV or JSON (the formats of ``kg query``)."""
    columns = ["date", "when", "subject", "predicate", "object", "place", "sources"]
    rows = [
        (e.date, e.when, e.subject, e.predicate, e.object, e.place, " ".join(e.sources))
        for e in entries
    ]
    return format_result(QueryResult(columns, rows), fmt)
