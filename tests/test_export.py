"""Exports for other tools: Turtle, sorted N-Triples, JSON-LD, GraphML and neo4j CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDFS

from kg.exporters import EXPORTERS, export, sorted_ntriples, to_networkx
from kg.gazetteer import Gazetteer
from kg.graph import add_extraction, new_graph
from kg.model import CasualtyReport, Document, Entity, Event, Evidence, Extraction, Relation
from kg.namespaces import MKR

SCRIPT_LABEL = 'Ahmad \'the "Ghost"\' <script>alert("x")</script> Khan'
TEXT = (
    "Islamic State Khorasan Province claimed the suicide bombing in Kabul that killed six "
    "civilians, Kabul police said. ISKP said its fighter carried out the attack. "
    f"The group also killed {SCRIPT_LABEL}."
)
BOMBING_LABEL = "2024-09-02-kabul-suicide-bombing"

ISLAMIC_STATE = Entity(
    "islamic-state", "Islamic State", "ArmedGroup", ("IS", "ISIS"), wikidata="Q2429253"
)
ISKP = Entity(
    "islamic-state-khorasan",
    "Islamic State Khorasan Province",
    "ArmedGroup",
    ("IS-K",),
    branch_of=("islamic-state",),
)
CIVILIANS = Entity("civilians", "civilians", "Community")
POLICE = Entity("kabul-police", "Kabul police", "SecurityForce", role="police")
PERSON = Entity("ahmad-khan", SCRIPT_LABEL, "Person")
AFGHANISTAN = Entity("afghanistan", "Afghanistan", "Place", kind="country")
KABUL = Entity("kabul", "Kabul", "Place", ("Kabol",), kind="city", located_in="afghanistan")
ENTITIES = (ISLAMIC_STATE, ISKP, CIVILIANS, POLICE, PERSON, AFGHANISTAN, KABUL)


def sentence_evidence(sentence: str, method: str, confidence: float = 0.9) -> Evidence:
    start = TEXT.index(sentence)
    return Evidence("000_kabul", sentence, start, start + len(sentence), method, confidence)


def extraction() -> Extraction:
    """One document's records, written by hand: the Kabul bombing of 2 September 2024."""
    document = Document(
        id="000_kabul",
        text=TEXT,
        source="seeds/000_kabul.txt",
        title="Kabul bombing",
        date="2024-09-03",
    )
    first = TEXT[: TEXT.index(" ISKP")]
    second = TEXT[TEXT.index("ISKP said") : TEXT.index(" The group")]
    third = TEXT[TEXT.index("The group") :]
    bombing = Event("SuicideBombing", "kabul", "2024-09-02")
    return Extraction(
        document,
        entities={e.ref: e for e in ENTITIES},
        aliases_seen={ISKP.ref: {"ISKP"}},
        events={bombing.ref: bombing},
        relations=[
            Relation(bombing.ref, "claimedBy", ISKP.ref, sentence_evidence(first, "pattern:claim")),
            Relation(
                bombing.ref, "claimedBy", ISKP.ref, sentence_evidence(second, "pattern:claim")
            ),
            Relation(
                bombing.ref, "targeted", CIVILIANS.ref, sentence_evidence(first, "pattern:kill")
            ),
            Relation(
                ISKP.ref, "killed", PERSON.ref, sentence_evidence(third, "pattern:kill", 0.75)
            ),
        ],
        casualties=[
            CasualtyReport(
                bombing.ref,
                sentence_evidence(first, "pattern:casualties"),
                deaths=6,
                minimum=False,
                reported_by=POLICE.ref,
            )
        ],
    )


def build() -> Graph:
    """The graph of :func:`extraction`, built from scratch."""
    gazetteer = Gazetteer({e.ref: e for e in ENTITIES})
    return add_extraction(new_graph(), extraction(), gazetteer)


@pytest.fixture
def graph() -> Graph:
    """A fresh build of the handmade Kabul records."""
    return build()


def assert_isomorphic(expected: Graph, actual: Graph) -> None:
    """Isomorphism, printing the triples only one side has when it fails."""
    if not isomorphic(expected, actual):
        _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
        pytest.fail(
            "graphs differ\nonly expected:\n"
            + only_expected.serialize(format="nt")
            + "\nonly actual:\n"
            + only_actual.serialize(format="nt")
        )


def test_exporters_registry() -> None:
    """``EXPORTERS`` offers exactly the five formats the CLI lists."""
    assert sorted(EXPORTERS) == ["csv", "graphml", "jsonld", "nt", "ttl"]


# --- Turtle --------------------------------------------------------------------------------------


def test_turtle_reads_back_isomorphic(graph: Graph, tmp_path: Path) -> None:
    """The Turtle file parses back into the same graph."""
    path = export(graph, "ttl", tmp_path / "graph.ttl")
    assert path == tmp_path / "graph.ttl"
    assert_isomorphic(graph, Graph().parse(path, format="turtle"))


def test_turtle_uses_project_prefixes_never_ns1(graph: Graph, tmp_path: Path) -> None:
    """Turtle declares and uses ``mkg:`` and the W3C prefixes, never a generated ``ns1``."""
    text = export(graph, "ttl", tmp_path / "graph.ttl").read_text("utf-8")
    assert "@prefix mkg: <https://w3id.org/militant-kg/ontology#> ." in text
    assert "mkg:claimedBy" in text
    assert "a mkg:CasualtyReport" in text
    assert "rdfs:label" in text
    assert "ns1" not in text


def test_turtle_keeps_project_prefixes_of_a_foreign_graph(tmp_path: Path) -> None:
    """A graph loaded without our bindings still exports with ``mkg:``, not ``ns1:``."""
    foreign = Graph(bind_namespaces="none")
    for triple in build():
        foreign.add(triple)
    text = export(foreign, "ttl", tmp_path / "graph.ttl").read_text("utf-8")
    assert "@prefix mkg: " in text
    assert "ns1" not in text


def test_turtle_writes_resources_with_prefixes(graph: Graph, tmp_path: Path) -> None:
    """Resources appear as prefixed names in Turtle (``actor:…``, ``event:…``), never as
    full IRIs: Turtle cannot shorten ``mkr:actor/x``, so each kind has its own prefix."""
    text = export(graph, "ttl", tmp_path / "graph.ttl").read_text("utf-8")
    assert "@prefix actor: <https://w3id.org/militant-kg/id/actor/> ." in text
    body = [line for line in text.splitlines() if not line.startswith("@prefix")]
    assert not [line for line in body if "<https://w3id.org/militant-kg/id/" in line]


# --- N-Triples -----------------------------------------------------------------------------------


def test_sorted_ntriples_are_byte_identical_across_builds(tmp_path: Path) -> None:
    """Building the same records twice gives byte-identical sorted N-Triples, and the lines
    are sorted, one triple each."""
    first = export(build(), "nt", tmp_path / "first.nt").read_bytes()
    second = export(build(), "nt", tmp_path / "second.nt").read_bytes()
    assert first == second
    lines = first.decode("utf-8").splitlines()
    assert lines == sorted(lines)
    assert len(lines) == len(build())
    assert all(line.endswith(" .") for line in lines)
    assert first.decode("utf-8") == sorted_ntriples(build())


def test_ntriples_read_back_isomorphic(graph: Graph, tmp_path: Path) -> None:
    """The N-Triples file parses back into the same graph (no blank nodes to lose)."""
    path = export(graph, "nt", tmp_path / "graph.nt")
    assert_isomorphic(graph, Graph().parse(path, format="nt"))


def test_building_twice_is_isomorphic() -> None:
    """IRIs come from content, never counters: two builds are the same graph."""
    assert_isomorphic(build(), build())


# --- JSON-LD -------------------------------------------------------------------------------------


def test_jsonld_reads_back_isomorphic(graph: Graph, tmp_path: Path) -> None:
    """The JSON-LD file parses back into a graph isomorphic to the original."""
    path = export(graph, "jsonld", tmp_path / "graph.jsonld")
    assert_isomorphic(graph, Graph().parse(path, format="json-ld"))


def test_jsonld_has_the_project_context(graph: Graph, tmp_path: Path) -> None:
    """The JSON-LD carries an ``@context`` naming the project prefixes."""
    text = export(graph, "jsonld", tmp_path / "graph.jsonld").read_text("utf-8")
    assert '"@context"' in text
    assert '"mkg": "https://w3id.org/militant-kg/ontology#"' in text
    assert '"mkr": "https://w3id.org/militant-kg/id/"' in text


# --- GraphML and the network view ----------------------------------------------------------------


def by_label(network: nx.Graph) -> dict[str, dict]:
    return {data["label"]: data for _, data in network.nodes(data=True)}


def edges_by_label(network: nx.Graph) -> dict[tuple[str, str, str], dict]:
    label = {node: data["label"] for node, data in network.nodes(data=True)}
    return {(label[s], data["relation"], label[o]): data for s, o, data in network.edges(data=True)}


EXPECTED_EDGES = {
    (BOMBING_LABEL, "claimedBy", "Islamic State Khorasan Province"),
    (BOMBING_LABEL, "targeted", "civilians"),
    (BOMBING_LABEL, "place", "Kabul"),
    ("Islamic State Khorasan Province", "killed", SCRIPT_LABEL),
    ("Islamic State Khorasan Province", "branchOf", "Islamic State"),
    ("Kabul", "locatedIn", "Afghanistan"),
}
EXPECTED_NODES = {
    BOMBING_LABEL,
    "Islamic State Khorasan Province",
    "Islamic State",
    "civilians",
    SCRIPT_LABEL,
    "Kabul",
    "Afghanistan",
}


def test_network_holds_actors_events_and_places(graph: Graph) -> None:
    """The network has a node for each actor, event and place in a relation (not the
    document, the casualty report or its reporter), and an edge per relation triple."""
    network = to_networkx(graph)
    assert set(by_label(network)) == EXPECTED_NODES
    assert set(edges_by_label(network)) == EXPECTED_EDGES


def test_network_edges_count_their_evidence(graph: Graph) -> None:
    """An edge's ``evidence`` is the number of sentences asserting it."""
    edges = edges_by_label(to_networkx(graph))
    assert edges[(BOMBING_LABEL, "claimedBy", "Islamic State Khorasan Province")]["evidence"] == 2
    assert edges[(BOMBING_LABEL, "targeted", "civilians")]["evidence"] == 1
    assert edges[(BOMBING_LABEL, "place", "Kabul")]["evidence"] == 0


def test_graphml_reads_back_with_nodes_edges_and_attributes(graph: Graph, tmp_path: Path) -> None:
    """networkx reads the GraphML back: 7 nodes and 6 edges, with label, class, aliases and
    date on nodes, and relation and evidence on edges."""
    path = export(graph, "graphml", tmp_path / "graph.graphml")
    network = nx.read_graphml(path)
    assert (network.number_of_nodes(), network.number_of_edges()) == (7, 6)
    nodes = by_label(network)
    assert set(nodes) == EXPECTED_NODES
    assert nodes[BOMBING_LABEL]["cls"] == "SuicideBombing"
    assert nodes[BOMBING_LABEL]["date"] == "2024-09-02"
    assert nodes["Islamic State Khorasan Province"]["cls"] == "ArmedGroup"
    assert nodes["Islamic State Khorasan Province"]["aliases"] == "IS-K|ISKP"
    assert nodes["Kabul"]["cls"] == "Place"
    assert nodes["Kabul"]["iri"] == str(MKR["place/kabul"])
    assert nodes[SCRIPT_LABEL]["cls"] == "Person"
    edges = edges_by_label(network)
    assert set(edges) == EXPECTED_EDGES
    assert edges[(BOMBING_LABEL, "claimedBy", "Islamic State Khorasan Province")]["evidence"] == 2


# --- CSV for neo4j-admin -------------------------------------------------------------------------


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def test_csv_headers_are_neo4j_admin_headers(graph: Graph, tmp_path: Path) -> None:
    """nodes.csv has ``id:ID`` and ``:LABEL``; relationships.csv ``:START_ID``, ``:END_ID``,
    ``:TYPE``; nothing else is written in the folder."""
    folder = export(graph, "csv", tmp_path / "csv")
    assert sorted(p.name for p in folder.iterdir()) == ["nodes.csv", "relationships.csv"]
    node_header, _ = read_csv(folder / "nodes.csv")
    edge_header, _ = read_csv(folder / "relationships.csv")
    assert node_header[0] == "id:ID"
    assert ":LABEL" in node_header
    assert edge_header[:3] == [":START_ID", ":END_ID", ":TYPE"]


def test_csv_rows_match_the_graph(graph: Graph, tmp_path: Path) -> None:
    """One node row per network node with its name, class label, ``;``-joined aliases and
    date; one relationship row per edge, whose ends are node ids."""
    folder = export(graph, "csv", tmp_path / "csv")
    _, nodes = read_csv(folder / "nodes.csv")
    _, edges = read_csv(folder / "relationships.csv")
    name = {row["id:ID"]: row["name"] for row in nodes}
    assert len(name) == len(nodes) == 7
    rows = {row["name"]: row for row in nodes}
    assert set(rows) == EXPECTED_NODES
    assert rows[BOMBING_LABEL][":LABEL"] == "SuicideBombing"
    assert rows[BOMBING_LABEL]["date"] == "2024-09-02"
    assert rows["Islamic State Khorasan Province"]["aliases:string[]"] == "IS-K;ISKP"
    assert rows["civilians"][":LABEL"] == "Community"
    assert rows["Kabul"]["iri"] == str(MKR["place/kabul"])
    assert {(name[r[":START_ID"]], r[":TYPE"], name[r[":END_ID"]]) for r in edges} == EXPECTED_EDGES
    assert len(edges) == 6


# --- labels are data, not markup -----------------------------------------------------------------


def test_script_label_survives_every_format_unchanged(graph: Graph, tmp_path: Path) -> None:
    """A label with ``<script>`` and quotes reads back unchanged from every format: escaping
    for HTML is the HTML view's job, not the exporter's."""
    person = MKR["actor/ahmad-khan"]
    for fmt, rdf_format in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")):
        path = export(graph, fmt, tmp_path / f"graph.{fmt}")
        assert "&lt;" not in path.read_text("utf-8")
        assert Graph().parse(path, format=rdf_format).value(person, RDFS.label) == Literal(
            SCRIPT_LABEL
        )
    network = nx.read_graphml(export(graph, "graphml", tmp_path / "graph.graphml"))
    assert SCRIPT_LABEL in by_label(network)
    _, nodes = read_csv(export(graph, "csv", tmp_path / "csv") / "nodes.csv")
    assert SCRIPT_LABEL in {row["name"] for row in nodes}
    assert "&lt;" not in (tmp_path / "csv" / "nodes.csv").read_text("utf-8")


# --- atomic writes -------------------------------------------------------------------------------


class DiskFull:
    """A file whose ``write`` writes half of what it is given, then fails."""

    def __init__(self, handle) -> None:
        self._handle = handle

    def write(self, data):
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        raise OSError(28, "No space left on device")

    def __getattr__(self, name: str):
        return getattr(self._handle, name)

    def __enter__(self) -> DiskFull:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._handle.close()


def fill_the_disk(monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """Make the next export of ``fmt`` fail mid-way, after part of the file is written."""
    if fmt == "graphml":

        def half_written_graphml(network: nx.Graph, path: str | Path, **kwargs: object) -> None:
            Path(path).write_bytes(b"<?xml version='1.0' encoding='utf-8'?>\n<graphml")
            raise OSError(28, "No space left on device")

        # kg.exporters calls nx.write_graphml through the networkx module
        monkeypatch.setattr(nx, "write_graphml", half_written_graphml)
        return
    real_open = Path.open

    def opening(self: Path, mode: str = "r", *args: object, **kwargs: object):
        handle = real_open(self, mode, *args, **kwargs)
        return DiskFull(handle) if "w" in mode else handle

    monkeypatch.setattr(Path, "open", opening)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "graphml"])
def test_writers_are_atomic(
    graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """A writer that fails mid-way leaves the target with its old content and no temporary
    file beside it."""
    target = tmp_path / f"graph.{fmt}"
    target.write_text("old content\n", "utf-8")
    fill_the_disk(monkeypatch, fmt)
    with pytest.raises(OSError, match="No space left"):
        export(graph, fmt, target)
    assert target.read_text("utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_writer_failure_on_a_new_file_leaves_nothing(
    graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed export to a new path creates no file at all."""
    fill_the_disk(monkeypatch, "ttl")
    with pytest.raises(OSError):
        export(graph, "ttl", tmp_path / "graph.ttl")
    assert list(tmp_path.iterdir()) == []


def test_csv_writer_is_atomic_per_file(
    graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV export that fails while writing nodes.csv leaves both files as they were and no
    temporary file in the folder."""
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "nodes.csv").write_text("old nodes\n", "utf-8")
    (folder / "relationships.csv").write_text("old relationships\n", "utf-8")
    fill_the_disk(monkeypatch, "csv")
    with pytest.raises(OSError, match="No space left"):
        export(graph, "csv", folder)
    assert (folder / "nodes.csv").read_text("utf-8") == "old nodes\n"
    assert (folder / "relationships.csv").read_text("utf-8") == "old relationships\n"
    assert sorted(p.name for p in folder.iterdir()) == ["nodes.csv", "relationships.csv"]


def test_csv_export_is_atomic_as_a_pair(
    graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV export that fails while writing relationships.csv leaves both files old, so the
    pair never mixes two graphs."""
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "nodes.csv").write_text("old nodes\n", "utf-8")
    (folder / "relationships.csv").write_text("old relationships\n", "utf-8")
    real_open = Path.open

    def opening(self: Path, mode: str = "r", *args: object, **kwargs: object):
        handle = real_open(self, mode, *args, **kwargs)
        return DiskFull(handle) if "w" in mode and "relationships" in self.name else handle

    monkeypatch.setattr(Path, "open", opening)
    with pytest.raises(OSError, match="No space left"):
        export(graph, "csv", folder)
    assert (folder / "relationships.csv").read_text("utf-8") == "old relationships\n"
    assert (folder / "nodes.csv").read_text("utf-8") == "old nodes\n"
