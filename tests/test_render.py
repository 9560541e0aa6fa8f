"""The network page as a file, and the views it can show (no browser here: see
test_browser.py for the page driven in Chromium)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Literal
from rdflib.namespace import RDFS, SKOS
from strategies import news_text

from kg import views
from kg.cli import cli
from kg.errors import InputError, QueryError
from kg.exporters import to_networkx
from kg.namespaces import MKR
from kg.rendering import page_data, render, script_json
from kg.store import load_graph

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.ttl"
RELATIONS = (
    "claimedBy attributedTo targeted killed alliedWith memberOf leaderOf branchOf place locatedIn"
).split()

PAYLOADS = (
    "</script><script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 1">',
    "\"'><svg onload=window.__pwned=1>",
    "<!-- <script>",
    "&lt;b&gt; & </style>",
)


@pytest.fixture
def mini():
    return load_graph(MINI)


def blob(page: str) -> dict:
    """The JSON data of a rendered page."""
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert found, "the page carries its data as a JSON script element"
    return json.loads(found.group(1))


def sparql_counts(graph) -> tuple[int, int]:
    """Nodes (the ends of relations between resources) and relation edges, by SPARQL."""
    values = " ".join(f"mkg:{r}" for r in RELATIONS)
    nodes = graph.query(
        f"SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {{ {{ ?n ?p ?o VALUES ?p {{ {values} }} "
        f"FILTER(isIRI(?o)) }} UNION {{ ?s ?p ?n VALUES ?p {{ {values} }} FILTER(isIRI(?n)) }} }}"
    )
    edges = graph.query(
        f"SELECT (COUNT(*) AS ?c) WHERE {{ ?s ?p ?o VALUES ?p {{ {values} }} FILTER(isIRI(?o)) }}"
    )
    return int(next(iter(nodes))[0]), int(next(iter(edges))[0])


def hostile_graph():
    """mini.ttl with a script, an image with onerror and quotes in every kind of text."""
    graph = load_graph(MINI)
    state = MKR["actor/islamic-state"]
    graph.set((state, RDFS.label, Literal(PAYLOADS[0])))
    for payload in PAYLOADS[1:]:
        graph.add((state, SKOS.altLabel, Literal(payload)))
    for subject, predicate, _ in list(graph.triples((None, None, None))):
        if str(predicate).endswith(("#sentence", "/title")):
            graph.set((subject, predicate, Literal(" ".join(PAYLOADS))))
    return graph


# ------------------------------------------------------------------ the file


def test_render_writes_one_self_contained_file(mini, tmp_path: Path):
    """render writes one HTML file with vis-network inline: no lib/ folder, no CDN."""
    out = render(mini, tmp_path / "network.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["network.html"]
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "vis-network" in page and "new vis.Network" in page
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "default-src 'none'" in page, "a CSP forbids every fetch"


def test_render_in_another_working_directory_leaves_no_lib_folder(mini, tmp_path, monkeypatch):
    """pyvis's lib/ folder never appears, wherever the command runs."""
    monkeypatch.chdir(tmp_path)
    render(mini, "out/network.html")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["network.html", "out"]


def test_only_the_pages_own_scripts_may_run(mini, tmp_path):
    """The CSP lists the hash of each executable script of the page, and nothing else."""
    page = render(mini, tmp_path / "n.html").read_text(encoding="utf-8")
    policy = re.search(r"script-src ([^;]+);", page).group(1).split()
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in scripts
    ]
    assert policy == hashes
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_rendering_twice_gives_the_same_bytes(mini, tmp_path):
    """The page, layout included, is a function of the graph."""
    first = render(mini, tmp_path / "a.html").read_bytes()
    second = render(mini, tmp_path / "b.html").read_bytes()
    assert first == second


def test_page_counts_equal_the_graphs(mini, tmp_path):
    """The whole view has every relation of the graph and every node they link: the
    nodes and edges of kg.to_networkx, counted again by SPARQL."""
    data = blob(render(mini, tmp_path / "n.html").read_text(encoding="utf-8"))
    assert (len(data["nodes"]), len(data["edges"])) == sparql_counts(mini)
    network = to_networkx(mini)
    assert sparql_counts(mini) == (network.number_of_nodes(), network.number_of_edges())
    assert data["meta"]["total"] == {"nodes": len(data["nodes"]), "edges": len(data["edges"])}


def test_nodes_carry_their_facts(mini, tmp_path):
    """A node has its aliases, class, date and casualty reports with their documents."""
    data = blob(render(mini, tmp_path / "n.html").read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in data["nodes"]}
    iskp = nodes["actor/islamic-state-khorasan-province"]
    assert iskp["cls"] == "ArmedGroup" and "ISKP" in iskp["aliases"]
    kabul = nodes["event/2024-09-02-kabul-suicide-bombing"]
    assert (kabul["cls"], kabul["type"], kabul["date"]) == ("Event", "SuicideBombing", "2024-09-02")
    reports = {(c["deaths"], c["reportedBy"], c["minimum"]) for c in kabul["casualties"]}
    assert reports == {(6, "Kabul police", True), (45, "Islamic State", True)}
    assert all(c["doc"] in data["docs"] for c in kabul["casualties"])
    assert data["docs"]["doc/000_kabul"]["title"] == "IS claims Kabul suicide bombing"


def test_edges_carry_their_evidence_and_documents(mini, tmp_path):
    """An edge lists each sentence that asserts it, with its source document."""
    data = blob(render(mini, tmp_path / "n.html").read_text(encoding="utf-8"))
    claim = next(
        e for e in data["edges"]
        if e["relation"] == "claimedBy" and e["to"] == "actor/islamic-state"
    )  # fmt: skip
    assert [e["doc"] for e in claim["evidence"]] == ["doc/000_kabul", "doc/003_moscow"]
    assert claim["evidence"][0]["sentence"].startswith("Islamic State (IS) on Tuesday claimed")
    assert claim["evidence"][0]["method"] == "pattern:claim-responsibility"


def test_every_class_and_the_eight_relations_have_a_style(mini):
    """Nine classes (seven of actors, events, places) and every relation are in the legend."""
    data = page_data(views.project(mini))
    names = [c["name"] for c in data["classes"]]
    for cls in (*views.ACTOR_CLASSES, "Event", "Place"):
        assert cls in names
    assert [r["name"] for r in data["relations"]] == RELATIONS
    assert all(c["color"].startswith("#") and c["shape"] for c in data["classes"])


def test_small_views_move_and_big_views_keep_their_layout(mini):
    """Physics is on for a small view and off past the limit; every node has a position."""
    small = page_data(views.project(mini))
    assert small["meta"]["physics"] is True
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in small["nodes"])
    assert page_data(views.project(mini), physics=False)["meta"]["physics"] is False


# ------------------------------------------------------------------ escaping


def test_hostile_text_never_reaches_the_html_as_markup(tmp_path):
    """Scripts, tags and quotes from documents stay inside the JSON, escaped."""
    page = render(hostile_graph(), tmp_path / "n.html").read_text(encoding="utf-8")
    for payload in PAYLOADS:
        assert payload not in page
    assert page.count("</script>") == 3
    assert "<img" not in page and "<svg" not in page
    data = blob(page)
    labels = {n["label"] for n in data["nodes"]}
    assert PAYLOADS[0] in labels, "the text itself is kept, as text"


@given(st.recursive(news_text, lambda inner: st.lists(inner) | st.dictionaries(news_text, inner)))
def test_script_json_round_trips_and_cannot_close_its_element(value):
    """Any text survives the JSON blob unchanged, and the blob holds no < > or &."""
    text = script_json(value)
    assert json.loads(text) == value
    assert not set(text) & set("<>&")
    assert "\u2028" not in text and "\u2029" not in text


@given(news_text.filter(bool))
def test_any_label_renders_as_data(tmp_path_factory, label):
    """A node named with any news text renders, and its name comes back from the blob."""
    graph = load_graph(MINI)
    graph.set((MKR["actor/taliban"], RDFS.label, Literal(label)))
    path = tmp_path_factory.mktemp("page") / "n.html"
    data = blob(render(graph, path).read_text(encoding="utf-8"))
    assert label in {n["label"] for n in data["nodes"]}


# ------------------------------------------------------------------ views


def test_actor_network_links_groups_through_their_events(mini):
    """Actors only; an event's claimant is linked to whom the event targeted or killed."""
    actors = views.actor_network(views.project(mini))
    assert {n.cls for n in actors.nodes.values()} <= set(views.ACTOR_CLASSES)
    edge = actors.edges[("actor/islamic-state", "targeted", "actor/taliban-prosecution-service")]
    assert edge.via == ["event/2024-09-02-kabul-suicide-bombing"]
    sentences = {e["sentence"] for e in edge.evidence}
    assert "The bomber targeted the Taliban government’s prosecution service." in sentences
    blamed = ("actor/tehrik-i-taliban-pakistan", "targeted", "actor/shia-muslims")
    assert blamed in actors.edges, "attributedTo counts as responsible too"
    direct = ("actor/russia", "alliedWith", "actor/taliban-government")
    assert direct in actors.edges, "relations between actors stay"


def test_ego_view_follows_links_both_ways(mini):
    """--focus by an alias, --hops N: the nodes within N links, direction ignored."""
    whole = views.project(mini)
    one = views.ego(whole, "iskp", 1)
    assert set(one.nodes) == {
        "actor/islamic-state-khorasan-province", "actor/islamic-state",
        "actor/islamic-state-pakistan-province",
    }  # fmt: skip
    two = views.ego(whole, "ISKP", 2)
    assert set(one.nodes) < set(two.nodes)
    assert "event/2024-09-02-kabul-suicide-bombing" in two.nodes
    assert set(views.ego(whole, "ISKP", 0).nodes) == {"actor/islamic-state-khorasan-province"}


def test_unknown_focus_is_a_query_error(mini):
    """A name no node has is reported, naming it."""
    with pytest.raises(QueryError, match="nobody"):
        views.select_view(mini, focus="nobody")


def test_select_query_keeps_the_nodes_it_names(mini):
    """A SELECT keeps every node bound in its rows, and the edges among them."""
    chosen = views.select_view(mini, query="SELECT ?g WHERE { ?g a mkg:ArmedGroup }")
    assert {n.cls for n in chosen.nodes.values()} == {"ArmedGroup"}
    assert ("actor/islamic-state-khorasan-province", "branchOf", "actor/islamic-state") in (
        chosen.edges
    )


def test_construct_query_keeps_the_ends_of_its_triples(mini):
    """A CONSTRUCT keeps each subject and object that is a node."""
    chosen = views.select_view(
        mini, query="CONSTRUCT { ?e mkg:claimedBy ?a } WHERE { ?e mkg:claimedBy ?a }"
    )
    assert set(chosen.nodes) == {"event/2024-09-02-kabul-suicide-bombing", "actor/islamic-state"}
    assert len(chosen.edges) == 1


def test_ask_query_is_refused(mini):
    """An ASK chooses nothing: a one-line error."""
    with pytest.raises(QueryError, match="ASK"):
        views.select_view(mini, query="ASK { ?s ?p ?o }")


def test_date_slice_keeps_what_happened_in_the_range(mini):
    """Events dated in the range, any precision, with their actors and places."""
    chosen = views.select_view(mini, since="2023-03", until="2023-03")
    events = {k for k, n in chosen.nodes.items() if n.cls == "Event"}
    assert events == {"event/2023-03-peshawar-bombing", "event/2023-syria-airstrike"}
    assert "actor/shia-muslims" in chosen.nodes and "place/peshawar" in chosen.nodes
    assert "actor/russia" not in chosen.nodes


def test_place_slice_includes_places_within(mini):
    """--place Pakistan keeps the Peshawar bombing (Peshawar in KP in Pakistan)."""
    chosen = views.select_view(mini, place="Pakistan")
    assert {k for k, n in chosen.nodes.items() if n.cls == "Event"} == {
        "event/2023-03-peshawar-bombing"
    }


def test_top_keeps_the_most_central_nodes(mini):
    """--top N keeps N nodes, the best linked first, and says so."""
    chosen = views.select_view(mini, limit=3)
    assert len(chosen.nodes) == 3
    assert "actor/islamic-state" in chosen.nodes
    assert chosen.notes == ["the 3 most central of 24 nodes"]


def test_a_big_graph_defaults_to_a_readable_slice(mini, monkeypatch):
    """Past the limit, auto shows the actor network, cut to the most central nodes."""
    monkeypatch.setattr(views, "DEFAULT_LIMIT", 10)
    chosen = views.select_view(mini)
    assert chosen.name == "actors" and len(chosen.nodes) == 10
    assert any("actor network" in note for note in chosen.notes)
    actors = views.actor_network(views.project(mini))
    assert len(views.select_view(mini, limit=0).nodes) == len(actors.nodes), "--top 0 keeps all"


# ------------------------------------------------------------------ the command


def test_render_command_writes_the_chosen_view(tmp_path):
    """kg render --focus --hops writes the ego view and reports its size."""
    out = tmp_path / "ego.html"
    result = CliRunner().invoke(
        cli, ["render", "--graph", str(MINI), "-o", str(out), "--focus", "IS-K", "--hops", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "3 nodes, 2 edges" in result.output
    assert len(blob(out.read_text(encoding="utf-8"))["nodes"]) == 3


def test_render_command_reads_a_query_file(tmp_path):
    """--query FILE.rq chooses the nodes; a missing file is a one-line error."""
    rq = tmp_path / "groups.rq"
    rq.write_text("SELECT ?g WHERE { ?g a mkg:ArmedGroup }", encoding="utf-8")
    out = tmp_path / "q.html"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["render", "--graph", str(MINI), "-o", str(out), "--query", str(rq)]
    )
    assert result.exit_code == 0, result.output
    assert "5 nodes" in result.output
    missing = runner.invoke(cli, ["render", "--graph", str(MINI), "--query", "nope.rq"])
    assert missing.exit_code == 1
    assert missing.output.strip().splitlines()[-1] == "Error: nope.rq: no such query file"


def test_render_command_reports_an_unknown_focus(tmp_path):
    """An unknown --focus is one line, exit code 1."""
    result = CliRunner().invoke(
        cli, ["render", "--graph", str(MINI), "-o", str(tmp_path / "x.html"), "--focus", "Nobody"]
    )
    assert result.exit_code == 1
    assert result.output.strip() == "Error: no node named 'Nobody' in the whole view"
    assert not (tmp_path / "x.html").exists()


def test_input_error_for_a_missing_graph(tmp_path):
    """No graph, no page: the error names the path."""
    with pytest.raises(InputError):
        load_graph(tmp_path / "nothing")
