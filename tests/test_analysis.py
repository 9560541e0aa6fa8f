"""kg.analysis: the actor network, its scores, chains between actors and timelines.

Every expected number here was worked out by hand; the working is in the comments
(and, for the projection of tests/data/network.ttl, in the header of that file).
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.analysis import (
    ANALYSIS_FORMATS,
    COMMUNITY_METHODS,
    NETWORKS,
    Analysis,
    TimelineEntry,
    actor_network,
    add_scores,
    analyze,
    analyze_network,
    find_paths,
    format_analysis,
    format_paths,
    format_timeline,
    full_network,
    resolve_actor,
    timeline,
    write_scores,
)
from kg.errors import KGError
from kg.namespaces import MKG, MKR
from kg.store import load_graph

DATA = Path(__file__).parent / "data"

IS = "mkr:actor/islamic-state"
ISK = "mkr:actor/islamic-state-khorasan"
ABU = "mkr:actor/abu-ibrahim"
SHIA = "mkr:actor/shia-muslims"
TALIBAN = "mkr:actor/taliban"
TGOV = "mkr:actor/taliban-government"
TTP = "mkr:actor/tehrik-i-taliban-pakistan"
RUSSIA = "mkr:actor/russia"
CENTCOM = "mkr:actor/us-central-command"
AMAQ = "mkr:actor/amaq"
KABUL = "mkr:event/2024-09-02-kabul-suicide-bombing"
PESHAWAR = "mkr:event/2023-03-peshawar-bombing"
SYRIA = "mkr:event/2023-syria-airstrike"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_graph(DATA / "network.ttl")


def _network(edges: list[tuple[str, str, float]], nodes: list[str] = ()) -> nx.Graph:
    network = nx.Graph()
    network.add_nodes_from(nodes)
    for u, v, w in edges:
        network.add_edge(u, v, weight=w)
    return network


def _by_id(analysis: Analysis) -> dict:
    return {score.id: score for score in analysis.scores}


def _barbell() -> nx.Graph:
    """Two triangles 1-2-3 and 4-5-6 joined by the bridge 3-4."""
    edges = [("1", "2"), ("1", "3"), ("2", "3"), ("4", "5"), ("4", "6"), ("5", "6"), ("3", "4")]
    return _network([(u, v, 1) for u, v in edges])


# ---------------------------------------------------------------- scores by hand


def test_path_of_three() -> None:
    """a-b-c: b is linked to both others (degree 1), lies on the one path between them
    (betweenness 1); PageRank with damping 0.85 solves b = 0.05 + 0.85 * 2a and
    a = 0.05 + 0.85 * b / 2, so b = 0.135 / 0.2775 = 0.486486 and a = 0.256757."""
    scores = _by_id(analyze_network(_network([("a", "b", 1), ("b", "c", 1)])))
    assert scores["b"].degree == 1.0
    assert scores["a"].degree == 0.5
    assert scores["b"].betweenness == 1.0
    assert scores["a"].betweenness == 0.0
    assert scores["b"].pagerank == pytest.approx(0.486486, abs=1e-6)
    assert scores["a"].pagerank == pytest.approx(0.256757, abs=1e-6)
    assert scores["c"].pagerank == pytest.approx(0.256757, abs=1e-6)


def test_pagerank_follows_the_weights() -> None:
    """A star c-x (weight 1), c-y (weight 3): c passes a quarter of its rank to x and
    three quarters to y. c = 0.05 + 0.85 (x + y) gives c = 0.486486 again, then
    x = 0.05 + 0.85 c / 4 = 0.153378 and y = 0.05 + 0.85 * 3c / 4 = 0.360135."""
    analysis = analyze_network(_network([("c", "x", 1), ("c", "y", 3)]))
    scores = _by_id(analysis)
    assert scores["c"].pagerank == pytest.approx(0.486486, abs=1e-6)
    assert scores["x"].pagerank == pytest.approx(0.153378, abs=1e-6)
    assert scores["y"].pagerank == pytest.approx(0.360135, abs=1e-6)
    assert (scores["c"].links, scores["c"].weight) == (2, 4)
    assert [s.id for s in analysis.scores] == ["c", "y", "x"]


def test_barbell_scores() -> None:
    """Two triangles and a bridge 3-4. Degree: 3 of 5 others for 3 and 4, 2 of 5 for
    the rest. Betweenness: 3 is on the one path of each of the 6 pairs (1|2, 4|5|6) out
    of 10 pairs: 0.6. PageRank: outer nodes o and bridge nodes r with 4o + 2r = 1 and
    o = 0.025 + 0.85 (o/2 + r/3) give o = 0.145985, r = 0.208029."""
    scores = _by_id(analyze_network(_barbell()))
    for bridge in "34":
        assert scores[bridge].degree == pytest.approx(0.6)
        assert scores[bridge].betweenness == pytest.approx(0.6)
        assert scores[bridge].pagerank == pytest.approx(0.208029, abs=1e-6)
    for outer in "1256":
        assert scores[outer].degree == pytest.approx(0.4)
        assert scores[outer].betweenness == 0.0
        assert scores[outer].pagerank == pytest.approx(0.145985, abs=1e-6)


@pytest.mark.parametrize("method", sorted(COMMUNITY_METHODS))
def test_barbell_communities_are_the_triangles(method: str) -> None:
    """Louvain and Leiden both split the barbell into its two triangles, numbered 1
    and 2 (same size: the one holding the first node comes first), and each names
    its main actors by PageRank."""
    analysis = analyze_network(_barbell(), communities=method)
    scores = _by_id(analysis)
    assert {n: scores[n].community for n in "123456"} == dict(
        zip("123456", [1, 1, 1, 2, 2, 2], strict=True)
    )
    assert [(c.number, c.size) for c in analysis.communities] == [(1, 3), (2, 3)]
    assert analysis.communities[0].main[0] == "3"
    assert analysis.method == method


def test_an_isolated_node_is_its_own_component_and_community() -> None:
    """Adding a lone node 7 to the barbell: 2 components of 6 and 1; the bridge's
    betweenness is now 6 of 15 pairs = 0.4; node 7 scores 0 and is community 3."""
    network = _barbell()
    network.add_node("7")
    analysis = analyze_network(network)
    scores = _by_id(analysis)
    assert analysis.components == [6, 1]
    assert scores["3"].betweenness == pytest.approx(0.4)
    assert (scores["7"].degree, scores["7"].betweenness) == (0.0, 0.0)
    assert (scores["7"].community, scores["7"].component) == (3, 2)
    assert sum(s.pagerank for s in analysis.scores) == pytest.approx(1.0)


def test_empty_network() -> None:
    """A graph without actors gives an analysis without scores, not an error."""
    analysis = analyze_network(nx.Graph())
    assert (analysis.nodes, analysis.edges, analysis.scores) == (0, 0, [])


def test_same_seed_same_result() -> None:
    """The random steps are seeded: two runs give identical analyses."""
    network = nx.relaxed_caveman_graph(12, 6, 0.2, seed=3)
    network = nx.relabel_nodes(network, str)
    for method in COMMUNITY_METHODS:
        first = analyze_network(network, communities=method, seed=7)
        assert analyze_network(network, communities=method, seed=7) == first


def test_betweenness_is_estimated_above_the_limit() -> None:
    """Past ``exact_limit`` nodes betweenness starts from ``samples`` sources picked with
    the seed, says so, and stays close to the exact value."""
    network = nx.relabel_nodes(nx.connected_watts_strogatz_graph(300, 4, 0.1, seed=1), str)
    exact = _by_id(analyze_network(network))
    estimate = analyze_network(network, exact_limit=100, samples=150)
    assert estimate.sampled_sources == 150
    assert "estimated from 150 of 300" in estimate.betweenness_note
    assert exact_note(analyze_network(network))
    estimated = _by_id(estimate)
    top = sorted(exact.values(), key=lambda s: -s.betweenness)[:10]
    for score in top:
        assert estimated[score.id].betweenness == pytest.approx(score.betweenness, abs=0.05)
    assert analyze_network(network, exact_limit=100, samples=150) == estimate


def exact_note(analysis: Analysis) -> bool:
    return analysis.sampled_sources is None and analysis.betweenness_note == "betweenness: exact"


def test_unknown_community_method_is_refused() -> None:
    """An unknown community method is a one-line KGError naming the known ones."""
    with pytest.raises(KGError, match="unknown community method 'spectral'; known methods: "):
        analyze_network(_barbell(), communities="spectral")


# ---------------------------------------------------------------- the projections


def test_actor_network_of_the_handmade_graph(graph: Graph) -> None:
    """The actor network is exactly the table in network.ttl's header: links from direct
    relations, from events (responsible → target or victim, and shared responsibility),
    weighted by distinct supporting events and documents."""
    network = actor_network(graph)
    links = {(u, v) if u < v else (v, u): d for u, v, d in network.edges(data=True)}
    expected = {
        (ISK, IS): (2, ["branchOf"]),
        (ABU, IS): (1, ["leaderOf"]),
        (TALIBAN, TTP): (1, ["alliedWith"]),
        (RUSSIA, TGOV): (1, ["alliedWith"]),
        (ISK, SHIA): (2, ["targeted via event"]),
        (SHIA, TTP): (1, ["targeted via event"]),
        (ISK, TTP): (1, ["shared responsibility"]),
        (IS, CENTCOM): (1, ["targeted via event"]),
        (ABU, CENTCOM): (2, ["killed", "killed via event"]),
    }
    expected = {(u, v) if u < v else (v, u): value for (u, v), value in expected.items()}
    assert {pair: (d["weight"], d["relations"]) for pair, d in links.items()} == expected
    assert network.number_of_nodes() == 10
    assert network.nodes[AMAQ] == {
        "label": "Amaq",
        "cls": "Organization",
        "iri": "https://w3id.org/militant-kg/id/actor/amaq",
    }


def test_actor_scores_of_the_handmade_graph(graph: Graph) -> None:
    """On network.ttl's 10 actors: degree = neighbours / 9; betweenness counts, out of
    36 pairs, the shortest paths through a node: IS lies on 8 (CENTCOM and Abu Ibrahim
    to IS-K, Shia, TTP and Taliban), IS-K on 9, TTP on 5 (everyone to Taliban); three
    components of 7, 2 and 1; Russia and the Taliban government form a community."""
    analysis = analyze(graph)
    scores = _by_id(analysis)
    assert (analysis.nodes, analysis.edges) == (10, 9)
    assert scores[IS].degree == pytest.approx(3 / 9)
    assert scores[ABU].degree == pytest.approx(2 / 9)
    assert scores[AMAQ].degree == 0.0
    assert scores[IS].betweenness == pytest.approx(8 / 36)
    assert scores[ISK].betweenness == pytest.approx(9 / 36)
    assert scores[TTP].betweenness == pytest.approx(5 / 36)
    assert {s.id for s in analysis.scores if s.betweenness > 0} == {IS, ISK, TTP}
    assert analysis.components == [7, 2, 1]
    assert scores[RUSSIA].community == scores[TGOV].community
    assert {s.id for s in analysis.scores if s.community == scores[RUSSIA].community} == {
        RUSSIA,
        TGOV,
    }
    assert analysis.scores[0].id == ISK
    assert scores[ISK].weight == 5  # 2 (branchOf) + 2 (Shia) + 1 (TTP)


def test_full_network_of_the_handmade_graph(graph: Graph) -> None:
    """The full network holds the 9 actors with relations, 3 events and 3 places, and
    one link per pair a relation joins: 5 between actors, 3 + 4 + 4 from the events."""
    network = full_network(graph)
    assert network.number_of_nodes() == 15
    assert network.number_of_edges() == 16
    assert network[ABU][CENTCOM]["relations"] == ["killed"]
    assert analyze(graph, "full").network == "full"


def test_networks_registry() -> None:
    """The projections are a registry; an unknown one is a one-line KGError."""
    assert sorted(NETWORKS) == ["actor", "full"]
    with pytest.raises(KGError, match="unknown network 'places'"):
        analyze(Graph(), "places")


# ---------------------------------------------------------------- writing scores back


def test_scores_go_into_the_graph(graph: Graph, tmp_path: Path) -> None:
    """--write adds mkg:degree, betweenness, pagerank (xsd:decimal) and community
    (xsd:integer) to every actor; writing again replaces rather than adds."""
    copy = load_graph(DATA / "network.ttl")
    analysis = analyze(copy)
    add_scores(copy, analysis)
    add_scores(copy, analysis)
    isk = MKR["actor/islamic-state-khorasan"]
    for predicate in (MKG.degree, MKG.betweenness, MKG.pagerank, MKG.community):
        assert len(list(copy.subject_objects(predicate))) == 10
    assert copy.value(isk, MKG.betweenness).datatype == _decimal()
    assert float(copy.value(isk, MKG.betweenness).toPython()) == pytest.approx(0.25)
    assert copy.value(isk, MKG.community).toPython() == _by_id(analysis)[ISK].community
    (tmp_path / "graph.ttl").write_bytes((DATA / "network.ttl").read_bytes())
    target = write_scores(analysis, tmp_path / "graph.ttl")
    reread = load_graph(target)
    assert float(reread.value(isk, MKG.degree).toPython()) == pytest.approx(1 / 3, abs=1e-6)


def test_scores_of_the_full_network_are_refused(graph: Graph) -> None:
    """Scores are written only from the actor network; events have no mkg:pagerank."""
    with pytest.raises(KGError, match="actor network only"):
        add_scores(Graph(), analyze(graph, "full"))


def _decimal():
    from rdflib.namespace import XSD  # here: pytest probes module names and XSD warns

    return XSD.decimal


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Islamic State", IS),
        ("islamic state", IS),
        ("DAESH", IS),
        ("is-k", ISK),
        ("Shias", SHIA),
        ("Taliban", TALIBAN),  # the label of one actor wins over another's alias
        ("taliban government", TGOV),
    ],
)
def test_names_resolve_by_label_or_alias(graph: Graph, name: str, expected: str) -> None:
    """A label or alias in any case names the actor."""
    assert resolve_actor(graph, name) == MKR[expected.removeprefix("mkr:")]


def test_unknown_name_is_one_line(graph: Graph) -> None:
    """A name no actor has is a one-line KGError quoting it."""
    with pytest.raises(KGError, match=r"^no actor is named 'Hamas' \(by label or alias\)$"):
        resolve_actor(graph, "Hamas")


def test_ambiguous_name_lists_the_candidates(graph: Graph) -> None:
    """An alias two actors share is a one-line KGError listing both."""
    with pytest.raises(KGError) as excinfo:
        resolve_actor(graph, "islamic emirate")
    message = str(excinfo.value)
    assert "\n" not in message
    assert message.startswith("'islamic emirate' names 2 actors: ")
    assert "Taliban (mkr:actor/taliban)" in message
    assert "Taliban government (mkr:actor/taliban-government)" in message


def test_only_actors_are_resolved(graph: Graph) -> None:
    """Places and events have labels too, but only actors are looked up."""
    with pytest.raises(KGError, match="no actor"):
        resolve_actor(graph, "Kabul")


@given(st.text(max_size=40))
def test_any_name_is_only_a_value(name: str) -> None:
    """Whatever text a user gives as a name, it is matched as a value (never run as
    SPARQL): it finds the one actor of that label or alias, or raises KGError."""
    graph = _small_graph()
    try:
        found = resolve_actor(graph, name)
    except KGError:
        assert name.lower() in ("", "shared") or name.lower() not in _names(graph)
    else:
        assert name.lower() in _names(graph, found)


def _names(graph: Graph, actor: URIRef | None = None) -> set[str]:
    return {
        str(o).lower()
        for predicate in (RDFS.label, SKOS.altLabel)
        for o in graph.objects(actor, predicate)
    }


def _small_graph() -> Graph:
    graph = Graph()
    for slug, label in (("a", 'Odd "name" }'), ("b", "B"), ("c", "C")):
        graph.add((MKR[f"actor/{slug}"], RDF.type, MKG.Actor))
        graph.add((MKR[f"actor/{slug}"], RDFS.label, Literal(label)))
    graph.add((MKR["actor/b"], SKOS.altLabel, Literal("shared")))
    graph.add((MKR["actor/c"], SKOS.altLabel, Literal("shared")))
    return graph


def test_quotes_and_braces_in_a_name_match_literally() -> None:
    """A name full of SPARQL syntax matches the actor whose label it is."""
    assert resolve_actor(_small_graph(), 'odd "NAME" }') == MKR["actor/a"]


# ---------------------------------------------------------------- chains


def test_chain_from_taliban_to_shia(graph: Graph) -> None:
    """Taliban → Shia Muslims: one shortest chain of 3 hops, alliedWith TTP, the
    Peshawar bombing attributedTo TTP, and that bombing targeted Shia Muslims; each hop
    carries its evidence from document d3."""
    (chain,) = find_paths(graph, "Taliban", "shias")
    assert [(s.start, s.end) for s in chain] == [
        (TALIBAN, TTP),
        (TTP, PESHAWAR),
        (PESHAWAR, SHIA),
    ]
    hops = [(h.subject, h.predicate, h.object) for step in chain for h in step.relations]
    assert hops == [
        (TALIBAN, "mkg:alliedWith", TTP),
        (PESHAWAR, "mkg:attributedTo", TTP),
        (PESHAWAR, "mkg:targeted", SHIA),
    ]
    first = chain[0].relations[0].evidence
    assert [(e.source, e.sentence, e.method) for e in first] == [
        ("mkr:doc/d3", "The TTP is a close ally of the Afghan Taliban.", "pattern:ally")
    ]


def test_all_shortest_chains_are_given(graph: Graph) -> None:
    """Abu Ibrahim → Shia Muslims: two chains of 4 hops (leaderOf IS, IS-K branchOf IS,
    then IS-K claimed the Kabul or the Peshawar bombing that targeted Shia Muslims); the
    one through CENTCOM's airstrike is longer. --max 1 keeps one."""
    chains = find_paths(graph, "Abu Ibrahim al-Hashimi al-Qurayshi", "Shia Muslims")
    assert len(chains) == 2
    assert {tuple(step.end for step in chain) for chain in chains} == {
        (IS, ISK, KABUL, SHIA),
        (IS, ISK, PESHAWAR, SHIA),
    }
    branch = chains[0][1].relations[0]
    assert [e.source for e in branch.evidence] == ["mkr:doc/d1", "mkr:doc/d2"]
    assert len(find_paths(graph, "Abu Ibrahim al-Hashimi al-Qurayshi", "Shias", limit=1)) == 1


def test_alliance_evidence_written_the_other_way_is_found(graph: Graph) -> None:
    """Russia alliedWith the Taliban government: its statement runs the other way, and
    the hop still shows it."""
    (chain,) = find_paths(graph, "Russia", "Taliban government")
    assert [e.source for e in chain[0].relations[0].evidence] == ["mkr:doc/d3"]


def test_no_chain_is_an_empty_list(graph: Graph) -> None:
    """Actors in different components (or without relations) have no chain."""
    assert find_paths(graph, "Russia", "Shia Muslims") == []
    assert find_paths(graph, "Russia", "Amaq") == []


def test_chain_to_itself_is_refused(graph: Graph) -> None:
    """Two names of one actor are a one-line KGError."""
    with pytest.raises(KGError, match="name the same actor"):
        find_paths(graph, "IS", "Daesh")


def test_chain_text(graph: Graph) -> None:
    """The text form draws the chain with arrows in the relations' directions, then each
    relation and its evidence sentence."""
    text = format_paths(find_paths(graph, "Taliban", "Shias"), "Taliban", "Shias")
    lines = text.splitlines()
    assert lines[0] == (
        "chain 1 (3 hops): Taliban —alliedWith→ Tehrik-i-Taliban Pakistan ←attributedTo— "
        "2023-03-peshawar-bombing —targeted→ Shia Muslims"
    )
    assert lines[1] == "  Taliban  alliedWith  Tehrik-i-Taliban Pakistan"
    assert lines[2] == (
        '      mkr:doc/d3 "The TTP is a close ally of the Afghan Taliban." (pattern:ally, 0.6)'
    )
    assert format_paths([], "A", "B") == "no chain of relations links A and B"


def test_chain_json(graph: Graph) -> None:
    """The JSON form is a list of chains, each a list of steps with their relations."""
    chains = json.loads(format_paths(find_paths(graph, "Taliban", "Shias"), "", "", "json"))
    assert [step["end"] for step in chains[0]] == [TTP, PESHAWAR, SHIA]
    assert chains[0][0]["relations"][0]["evidence"][0]["source"] == "mkr:doc/d3"


# ---------------------------------------------------------------- timelines


def test_timeline_of_isk(graph: Graph) -> None:
    """IS-K: the Peshawar bombing (2023-03), then branchOf IS as first reported (d2,
    2023-07-10, is earlier than d1, 2024-09-03), then the Kabul bombing (2024-09-02)."""
    assert timeline(graph, "IS-K") == [
        TimelineEntry(
            "2023-03",
            "event",
            "2023-03-peshawar-bombing",
            "claimedBy",
            "Islamic State Khorasan Province",
            "Peshawar",
            ("mkr:doc/d3",),
        ),
        TimelineEntry(
            "2023-07-10",
            "reported",
            "Islamic State Khorasan Province",
            "branchOf",
            "Islamic State",
            "",
            ("mkr:doc/d1", "mkr:doc/d2"),
        ),
        TimelineEntry(
            "2024-09-02",
            "event",
            "2024-09-02-kabul-suicide-bombing",
            "claimedBy",
            "Islamic State Khorasan Province",
            "Kabul",
            ("mkr:doc/d1",),
        ),
    ]


def test_timeline_year_sorts_before_its_days(graph: Graph) -> None:
    """Islamic State: the Syria airstrike dated only 2023 comes first; then leaderOf and
    branchOf as reported; a year-precision date sorts before the days of that year."""
    entries = timeline(graph, "Islamic State")
    assert [(e.date, e.predicate) for e in entries] == [
        ("2023", "targeted"),
        ("2023-07-10", "branchOf"),
        ("2024-09-03", "leaderOf"),
    ]


def test_undated_entries_come_last() -> None:
    """A relation whose documents give no date is listed after the dated ones."""
    graph = load_graph(DATA / "network.ttl")
    graph.remove((None, RDFS.label, Literal("IS claims Kabul suicide bombing")))
    from rdflib.namespace import DCTERMS

    graph.remove((MKR["doc/d3"], DCTERMS.date, None))
    entries = timeline(graph, "Taliban")
    assert [(e.date, e.when, e.predicate) for e in entries] == [("", "", "alliedWith")]


def test_timeline_formats(graph: Graph) -> None:
    """The timeline prints as a table under a header, or as CSV or JSON."""
    entries = timeline(graph, "CENTCOM")
    table = format_timeline(entries).splitlines()
    assert table[0].split() == ["date", "when", "subject", "predicate", "object", "place",
                                "sources"]  # fmt: skip
    assert len(table) == 2 + len(entries) == 4
    rows = json.loads(format_timeline(entries, "json"))
    assert rows[0]["predicate"] == "attributedTo"
    assert format_timeline(entries, "csv").splitlines()[1].startswith("2023,event,")


# ---------------------------------------------------------------- output


def test_table_lists_scores_and_communities(graph: Graph) -> None:
    """The table gives the network's size, whether betweenness is exact, one row per
    actor (top N) and the communities of more than one actor with their main actors."""
    text = format_analysis(analyze(graph), "table", top=3)
    lines = text.splitlines()
    assert lines[0] == (
        "actor network: 10 actors, 9 links, 3 components (largest 7), "
        "4 communities (louvain, seed 0)"
    )
    assert lines[1] == "betweenness: exact"
    assert lines[3].split()[:3] == ["rank", "label", "class"]
    assert lines[5].split()[:6] == ["1", "Islamic", "State", "Khorasan", "Province", "ArmedGroup"]
    assert "communities of more than one (3 of 4):" in lines
    assert any(line.strip().endswith("Russia, Taliban government") for line in lines)
    assert len([line for line in lines if line[:1].isdigit()]) == 3


def test_csv_and_json(graph: Graph) -> None:
    """CSV has one row per actor (top 0: all) with its id; JSON holds scores,
    communities and components."""
    analysis = analyze(graph)
    rows = format_analysis(analysis, "csv", top=0).splitlines()
    assert rows[0] == (
        "rank,id,label,class,degree,betweenness,pagerank,community,component,links,weight"
    )
    assert len(rows) == 11
    assert rows[1].startswith(f"1,{ISK},Islamic State Khorasan Province,ArmedGroup,0.3333,0.2500,")
    document = json.loads(format_analysis(analysis, "json", top=0))
    assert document["components"] == [7, 2, 1]
    assert document["betweenness"] == "exact"
    assert len(document["scores"]) == 10
    assert document["scores"][0]["id"] == ISK
    assert sorted(ANALYSIS_FORMATS) == ["csv", "json", "table"]
