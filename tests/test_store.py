"""The Oxigraph store: reading a built graph through rdflib, with SPARQL run by Oxigraph."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from kg.errors import InputError
from kg.namespaces import MKG, MKR
from kg.queries import load_query, run_query
from kg.sparql import bind_values
from kg.store import (
    EmbeddedStore,
    load_graph,
    nquad,
    open_store,
    oxigraph_graph,
    write_turtle,
)

sys.path.insert(0, str(Path(__file__).parent))
from test_queries import CASES  # the hand-computed answers over mini.ttl

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.ttl"


@pytest.fixture(scope="module")
def mini() -> Graph:
    """mini.ttl read into Oxigraph (in memory), through rdflib."""
    return load_graph(MINI)


@pytest.mark.parametrize(
    ("name", "params", "columns", "rows"),
    CASES,
    ids=[f"{case[0]}-{'-'.join(case[1].values()) or 'all'}" for case in CASES],
)
def test_named_queries_answer_on_oxigraph_as_on_rdflib(
    mini: Graph, name: str, params: dict[str, str], columns: list[str] | None, rows: list
) -> None:
    """Every named query, parameters bound, gives on Oxigraph the rows computed by hand
    for rdflib's engine (tests/test_queries.py)."""
    result = run_query(mini, load_query(name), params)
    if columns is not None:
        assert result.columns == columns
    assert result.rows == rows


def test_a_prepared_query_runs_in_oxigraph_not_in_rdflib(mini: Graph) -> None:
    """A query prepared by rdflib is handed to Oxigraph as text: a function only
    Oxigraph knows (no rdflib engine fallback) answers."""
    from rdflib.plugins.sparql import prepareQuery

    prepared = prepareQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(next(iter(mini.query(prepared)))[0]) == len(Graph().parse(MINI))


def test_plain_literals_come_back_as_rdflib_makes_them(mini: Graph) -> None:
    """A plain string has no xsd:string datatype, so it equals rdflib's ``Literal``."""
    label = mini.value(MKR["actor/islamic-state"], RDFS.label)
    assert label == Literal("Islamic State")
    assert label.datatype is None


def test_a_turtle_file_reads_whole(mini: Graph) -> None:
    """Reading mini.ttl through Oxigraph gives as many triples as rdflib's parser."""
    assert len(mini) == len(Graph().parse(MINI))


@pytest.mark.parametrize(
    ("content", "why"),
    [(None, "no graph here"), ("@prefix broken", "not a readable RDF graph")],
)
def test_a_missing_or_broken_graph_is_one_line(tmp_path: Path, content: str | None, why: str):
    """No graph, or one that does not parse, is an InputError naming the file."""
    target = tmp_path / "graph.ttl"
    if content is not None:
        target.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=why) as caught:
        load_graph(tmp_path)
    assert "\n" not in str(caught.value)
    assert str(target) in str(caught.value)


def _store_with(folder: Path, triples: list) -> None:
    store = open_store(folder)
    store.write([(MKR["doc/a"], "sha256:0", triples)])
    store.close()


def test_an_exports_folder_reads_its_store(tmp_path: Path) -> None:
    """``load_graph(exports)`` reads ``exports/store`` when there is one, not graph.ttl."""
    triple = (MKR["actor/x"], RDFS.label, Literal("X"))
    _store_with(tmp_path / "store", [triple])
    (tmp_path / "graph.ttl").write_text("", encoding="utf-8")
    graph = load_graph(tmp_path)
    assert set(graph) == {triple}


def test_the_default_graph_holds_facts_and_named_graphs_the_records(tmp_path: Path) -> None:
    """Facts go to the default graph once, and to the document's named graph with its
    content hash; the hash is not a fact of the graph."""
    fact = (MKR["actor/x"], RDFS.label, Literal("X"))
    store = open_store(tmp_path)
    store.write([(MKR["doc/a"], "sha256:1", [fact]), (MKR["doc/b"], "sha256:2", [fact])])
    assert list(store.lookup((None, None, None))) == [fact]
    assert store.hashes([MKR["doc/a"], MKR["doc/c"]]) == {MKR["doc/a"]: {"sha256:1"}}
    assert store.documents() == 2
    store.close()


def test_retracting_a_document_keeps_what_others_also_said(tmp_path: Path) -> None:
    """Retracting a document removes its own facts and keeps those another document
    also asserted."""
    shared = (MKR["actor/x"], RDFS.label, Literal("X"))
    own = (MKR["actor/x"], MKG.role, Literal("spokesman"))
    store = open_store(tmp_path)
    store.write([(MKR["doc/a"], "sha256:1", [shared, own]), (MKR["doc/b"], "sha256:2", [shared])])
    store.retract(MKR["doc/a"])
    assert set(store.lookup((None, None, None))) == {shared}
    assert store.hashes([MKR["doc/a"]]) == {}
    store.close()


def test_a_writer_waits_for_no_reader(tmp_path: Path) -> None:
    """While a graph read from the store is open, a build cannot open it for writing,
    and says so in one line; once the reader is gone it can."""
    _store_with(tmp_path, [(MKR["actor/x"], RDFS.label, Literal("X"))])
    reader = load_graph(tmp_path)
    with pytest.raises(InputError, match="being used by another kg process"):
        EmbeddedStore(tmp_path)
    del reader
    EmbeddedStore(tmp_path).close()


def test_a_closed_store_says_so(tmp_path: Path) -> None:
    """A graph read from a store closed since is an error, not an empty graph."""
    _store_with(tmp_path, [(MKR["actor/x"], RDFS.label, Literal("X"))])
    store = EmbeddedStore(tmp_path, read_only=True)
    graph = store.graph()
    store.close()
    with pytest.raises(InputError, match="closed"):
        list(graph)


def test_rebuild_empties_the_store(tmp_path: Path) -> None:
    """``open_store(rebuild=True)`` starts from an empty store."""
    _store_with(tmp_path, [(MKR["actor/x"], RDFS.label, Literal("X"))])
    store = open_store(tmp_path, rebuild=True)
    assert list(store.lookup((None, None, None))) == []
    store.close()


def test_turtle_from_the_store_has_the_prefixes_and_reads_back(tmp_path: Path) -> None:
    """The Turtle written from Oxigraph binds mkg:/mkr: and parses to the same graph."""
    graph = load_graph(MINI)
    path = write_turtle(graph, tmp_path / "out.ttl")
    text = path.read_text(encoding="utf-8")
    assert "@prefix mkg: <https://w3id.org/militant-kg/ontology#>" in text
    assert len(Graph().parse(path)) == len(graph)


@given(st.text())
def test_any_text_survives_the_store(text: str) -> None:
    """A literal of any text (quotes, backslashes, line breaks, any script) is written
    as N-Quads and read back unchanged."""
    store = ox.Store()
    triple = (MKR["actor/x"], MKG.sentence, Literal(text))
    store.load(nquad(triple).encode("utf-8", "surrogatepass"), format=ox.RdfFormat.N_QUADS)
    assert set(oxigraph_graph(store)) == {triple}


@given(st.text())
def test_a_bound_value_stays_a_value(text: str) -> None:
    """Any text bound as a parameter is matched as a whole literal, never run as SPARQL."""
    graph = oxigraph_graph()
    graph.add((MKR["actor/x"], RDFS.label, Literal(text)))
    graph.add((MKR["actor/y"], RDFS.label, Literal(text + "!")))
    query = "SELECT ?a WHERE { ?a rdfs:label ?name }"
    rows = list(graph.query(bind_values(query, {"name": Literal(text)})))
    assert [row[0] for row in rows] == [MKR["actor/x"]]


@given(st.text())
def test_a_value_bound_by_a_values_block_stays_a_value(text: str) -> None:
    """Where a VALUES block binds the parameter (SELECT *), any text is still one literal."""
    graph = oxigraph_graph()
    graph.add((MKR["actor/x"], RDFS.label, Literal(text)))
    query = "SELECT * WHERE { ?a rdfs:label ?name }"
    rows = list(graph.query(bind_values(query, {"name": Literal(text)})))
    assert [(row.a, row.name) for row in rows] == [(MKR["actor/x"], Literal(text))]


def test_numbers_keep_their_value() -> None:
    """Oxigraph keeps numbers in canonical form: the value is kept, "0.80" reads as 0.8."""
    graph = oxigraph_graph()
    graph.add((MKR["x"], MKG.confidence, Literal("0.80", datatype=XSD.decimal)))
    (value,) = graph.objects(MKR["x"], MKG.confidence)
    assert value.toPython() == Literal("0.80", datatype=XSD.decimal).toPython()


def test_iris_that_n_triples_forbids_are_escaped() -> None:
    """A document IRI made from a file name with a space still loads."""
    line = nquad((URIRef(str(MKR["doc/my report"])), RDFS.label, Literal("r")))
    assert "doc/my%20report" in line
    ox.Store().load(line.encode(), format=ox.RdfFormat.N_QUADS)
