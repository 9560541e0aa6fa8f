"""How long ``kg analyze`` takes on large actor networks.

    python bench/bench_analysis.py                     # 50,000 actors, both methods
    python bench/bench_analysis.py --actors 5000 20000 # other sizes
    python bench/bench_analysis.py --rdf-actors 5000   # also time the RDF projection

Part one scores a synthetic actor network (networkx, as ``actor_network`` makes it):
communities of 10 to 200 actors, each actor linked to about three others of its
community and, one time in three, to an actor elsewhere; weights from 1 to 4 (the
number of supporting events and documents). It times ``analyze_network``: igraph
degree, PageRank, components, Louvain or Leiden, and betweenness, exact up to
``EXACT_LIMIT`` nodes and estimated from ``SAMPLES`` sources above.

Part two (``--rdf-actors``) builds an RDF graph shaped like the model (events claimed
by one actor and targeting another, alliances, evidence statements) and times the
projection ``actor_network`` and the whole ``analyze``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import networkx as nx
from rdflib import Literal
from rdflib.namespace import PROV, RDF, RDFS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.analysis import EXACT_LIMIT, SAMPLES, actor_network, analyze_network  # noqa: E402
from kg.graph import new_graph  # noqa: E402
from kg.namespaces import MKG, MKR  # noqa: E402


def synthetic_network(actors: int, seed: int = 0) -> nx.Graph:
    """Communities of 10-200 actors, ~3 links inside per actor, 1 in 3 with one outside."""
    rng = random.Random(seed)
    network = nx.Graph()
    members: list[list[int]] = []
    start = 0
    while start < actors:
        size = min(rng.randint(10, 200), actors - start)
        members.append(list(range(start, start + size)))
        start += size
    for node in range(actors):
        network.add_node(f"a{node}", label=f"Actor {node}", cls="ArmedGroup")
    for group in members:
        for node in group:
            for _ in range(3 if len(group) > 3 else len(group) - 1):
                other = rng.choice(group)
                if other != node:
                    network.add_edge(f"a{node}", f"a{other}", weight=rng.randint(1, 4))
            if rng.random() < 1 / 3:
                other = rng.randrange(actors)
                if other != node:
                    network.add_edge(f"a{node}", f"a{other}", weight=rng.randint(1, 4))
    return network


def synthetic_graph(actors: int, seed: int = 0):
    """An RDF graph of ``actors`` actors and twice as many events, each claimed by one
    actor and targeting another (mostly of the same community), plus one alliance per
    ten actors; every relation has one evidence statement."""
    rng = random.Random(seed)
    graph = new_graph()
    doc = MKR["doc/bench"]
    graph.add((doc, RDF.type, MKG.Document))

    def actor(i: int):
        return MKR[f"actor/a{i}"]

    def evidence(s, p, o, n: int) -> None:
        statement = MKR[f"evidence/e{n}"]
        for triple in [
            (statement, RDF.type, RDF.Statement),
            (statement, RDF.subject, s),
            (statement, RDF.predicate, p),
            (statement, RDF.object, o),
            (statement, PROV.wasDerivedFrom, doc),
        ]:
            graph.add(triple)

    for i in range(actors):
        graph.add((actor(i), RDF.type, MKG.Actor))
        graph.add((actor(i), RDF.type, MKG.ArmedGroup))
        graph.add((actor(i), RDFS.label, Literal(f"Actor {i}")))
    n = 0
    for e in range(2 * actors):
        event = MKR[f"event/e{e}"]
        graph.add((event, RDF.type, MKG.Event))
        graph.add((event, RDF.type, MKG.Bombing))
        by = rng.randrange(actors)
        target = (by + rng.randint(1, 50)) % actors if rng.random() < 0.9 else rng.randrange(actors)
        for p, o in ((MKG.claimedBy, actor(by)), (MKG.targeted, actor(target))):
            graph.add((event, p, o))
            evidence(event, p, o, n)
            n += 1
    for i in range(0, actors, 10):
        other = rng.randrange(actors)
        if other != i:
            graph.add((actor(i), MKG.alliedWith, actor(other)))
            evidence(actor(i), MKG.alliedWith, actor(other), n)
            n += 1
    return graph


def timed(fn, *args, **kwargs):
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, nargs="+", default=[50_000])
    parser.add_argument("--methods", nargs="+", default=["louvain", "leiden"])
    parser.add_argument("--rdf-actors", type=int, nargs="*", default=[])
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args()

    print(f"betweenness exact up to {EXACT_LIMIT} nodes, else {SAMPLES} sampled sources")
    print(f"{'actors':>8} {'links':>8} {'method':<8} {'make s':>7} {'analyze s':>9} "
          f"{'comms':>6} {'betweenness':<12}")  # fmt: skip
    for size in options.actors:
        network, made = timed(synthetic_network, size, options.seed)
        for method in options.methods:
            analysis, took = timed(analyze_network, network, communities=method, seed=options.seed)
            kind = "exact" if analysis.sampled_sources is None else "sampled"
            print(f"{size:>8} {network.number_of_edges():>8} {method:<8} {made:>7.2f} "
                  f"{took:>9.2f} {len(analysis.communities):>6} {kind:<12}")  # fmt: skip
    if options.rdf_actors:
        print()
        print(f"{'actors':>8} {'triples':>9} {'make s':>7} {'project s':>9} {'analyze s':>9}")
    for size in options.rdf_actors:
        graph, made = timed(synthetic_graph, size, options.seed)
        network, projected = timed(actor_network, graph)
        _, took = timed(analyze_network, network, seed=options.seed)
        print(f"{size:>8} {len(graph):>9} {made:>7.2f} {projected:>9.2f} {took:>9.2f}")


if __name__ == "__main__":
    main()
