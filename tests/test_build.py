"""Building into the store: incremental by content hash, retractable per document, the
same graph whatever the number of workers."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

import kg
from kg.cli import cli
from kg.documents import read_inputs
from kg.exporters import sorted_ntriples
from kg.model import Document
from kg.namespaces import MKG, MKR
from kg.pipeline import build, build_graph, content_hash, source_files
from kg.store import load_graph, oxigraph_graph

CLAIM = (
    "Islamic State (IS) on Tuesday claimed responsibility for a suicide bombing in Kabul "
    "that killed at least six people, the Kabul police said.\n"
)
TTP = (
    "Tehrik-i-Taliban Pakistan (TTP) claimed responsibility for a suicide bombing in Peshawar "
    "on Friday that killed 12 people, police said.\n"
)
GROUPS = ["Islamic State", "Tehrik-i-Taliban Pakistan", "al-Shabaab", "Taliban", "Houthis"]
PLACES = ["Kabul", "Peshawar", "Mogadishu", "Quetta", "Sanaa", "Baghdad"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _corpus(folder: Path, count: int) -> Path:
    """``count`` small articles that name groups and places in turn."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        group = GROUPS[index % len(GROUPS)]
        place = PLACES[index % len(PLACES)]
        other = PLACES[(index + 2) % len(PLACES)]
        day = WEEKDAYS[index % len(WEEKDAYS)]
        text = (
            f"{group} on {day} claimed responsibility for a suicide bombing in {place} that "
            f"killed at least {index + 3} people, police said. "
            f"Officials blamed {GROUPS[(index + 1) % len(GROUPS)]} for a shooting in {other}.\n"
        )
        (folder / f"doc{index:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def _canonical(graph: Graph) -> str:
    """Sorted N-Triples with Oxigraph's canonical literals (0.80 reads 0.8), so a graph
    built in memory compares with one read from the store."""
    copy = oxigraph_graph()
    for triple in graph:
        copy.add(triple)
    return sorted_ntriples(copy)


def _store_nt(out: Path) -> str:
    graph = load_graph(out)
    try:
        return sorted_ntriples(graph)
    finally:
        del graph


def test_build_writes_the_store_the_turtle_and_the_network(tmp_path: Path) -> None:
    """A build fills exports/store and writes graph.ttl and network.html from it."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "kabul.txt").write_text(CLAIM, encoding="utf-8")
    summary = build([docs], tmp_path / "out", workers=1)
    assert (tmp_path / "out" / "store" / "CURRENT").is_file()
    assert summary.outputs == [tmp_path / "out" / "graph.ttl", tmp_path / "out" / "network.html"]
    assert (summary.added, summary.replaced, summary.unchanged) == (1, 0, 0)
    assert summary.relations["claimedBy"] == 1
    turtle = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert len(turtle) == summary.triples


def test_the_store_holds_the_graph_a_build_in_memory_gives(tmp_path: Path) -> None:
    """The store's graph is the graph of one add_extraction after another in memory."""
    docs = _corpus(tmp_path / "docs", 12)
    build([docs], tmp_path / "out", workers=1, views=False)
    errors: list = []
    memory = build_graph(read_inputs([docs], errors.append))
    assert _store_nt(tmp_path / "out") == _canonical(memory)


def test_building_again_changes_nothing(tmp_path: Path) -> None:
    """Documents the store holds with the same content hash are skipped; the graph and
    its Turtle are byte-identical."""
    docs = _corpus(tmp_path / "docs", 6)
    out = tmp_path / "out"
    build([docs], out, workers=1)
    before, turtle = _store_nt(out), (out / "graph.ttl").read_bytes()
    summary = build([docs], out, workers=1)
    assert (summary.added, summary.replaced, summary.unchanged) == (0, 0, 6)
    assert summary.documents == 6
    assert _store_nt(out) == before
    assert (out / "graph.ttl").read_bytes() == turtle


def test_new_documents_add_their_facts(tmp_path: Path) -> None:
    """A second build with one more document adds it and keeps the rest: the store then
    equals a build of all of them at once."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(CLAIM, encoding="utf-8")
    build([docs], tmp_path / "out", workers=1, views=False)
    (docs / "b.txt").write_text(TTP, encoding="utf-8")
    summary = build([docs], tmp_path / "out", workers=1, views=False)
    assert (summary.added, summary.unchanged) == (1, 1)
    build([docs], tmp_path / "all", workers=1, views=False)
    assert _store_nt(tmp_path / "out") == _store_nt(tmp_path / "all")


def test_a_changed_document_replaces_its_facts(tmp_path: Path) -> None:
    """When a document's text changes, its old facts go and its new ones come: no stale
    claim is left, and the store equals a fresh build of the new texts."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(CLAIM, encoding="utf-8")
    (docs / "b.txt").write_text(TTP, encoding="utf-8")
    out = tmp_path / "out"
    build([docs], out, workers=1, views=False)
    (docs / "a.txt").write_text(CLAIM.replace("Kabul", "Quetta"), encoding="utf-8")
    summary = build([docs], out, workers=1, views=False)
    assert (summary.added, summary.replaced, summary.unchanged) == (0, 1, 1)
    text = _store_nt(out)
    assert "kabul-suicide-bombing" not in text
    assert "quetta-suicide-bombing" in text
    build([docs], tmp_path / "fresh", workers=1, views=False)
    assert text == _store_nt(tmp_path / "fresh")


def test_facts_two_documents_share_survive_replacing_one(tmp_path: Path) -> None:
    """An actor both documents name keeps its type and its label when the document that
    introduced it no longer names it."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(CLAIM, encoding="utf-8")
    (docs / "b.txt").write_text(CLAIM.replace("Kabul", "Herat"), encoding="utf-8")
    out = tmp_path / "out"
    build([docs], out, workers=1, views=False)
    (docs / "a.txt").write_text(TTP, encoding="utf-8")
    build([docs], out, workers=1, views=False)
    graph = load_graph(out)
    actor = MKR["actor/islamic-state"]
    assert (actor, RDF.type, MKG.ArmedGroup) in graph
    assert list(graph.objects(actor, RDFS.label)) == [Literal("Islamic State")]
    assert (None, MKG.claimedBy, actor) in graph
    del graph


def test_rebuild_starts_afresh(tmp_path: Path) -> None:
    """--rebuild forgets documents no longer given."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "a.txt").write_text(CLAIM, encoding="utf-8")
    (second / "b.txt").write_text(TTP, encoding="utf-8")
    out = tmp_path / "out"
    build([first], out, workers=1, views=False)
    summary = build([second], out, workers=1, views=False, rebuild=True)
    assert (summary.added, summary.unchanged) == (1, 0)
    assert "doc/a>" not in _store_nt(out)


def test_two_workers_build_the_same_graph_as_one(tmp_path: Path) -> None:
    """Extraction on two processes gives byte-identical sorted N-Triples."""
    docs = _corpus(tmp_path / "docs", 40)
    build([docs], tmp_path / "one", workers=1, views=False)
    build([docs], tmp_path / "two", workers=2, views=False)
    assert _store_nt(tmp_path / "one") == _store_nt(tmp_path / "two")


def test_small_batches_build_the_same_graph(tmp_path: Path) -> None:
    """Writing the store a few documents at a time gives the same graph as in memory."""
    from kg.pipeline import build_into
    from kg.store import open_store

    docs = _corpus(tmp_path / "docs", 15)
    errors: list = []
    store = open_store(tmp_path / "store")
    build_into(store, read_inputs([docs], errors.append), workers=1, batch=4)
    graph = store.graph()
    text = sorted_ntriples(graph)
    del graph
    store.close()
    assert text == _canonical(build_graph(read_inputs([docs], errors.append)))


def test_every_extractor_module_is_part_of_the_fingerprint() -> None:
    """A change to any module of kg, in a subpackage too (kg/extraction/), makes every
    document new: the fingerprint reads each of them."""
    package = Path(kg.__file__).resolve().parent
    read = {path.resolve() for path in source_files()}
    assert {path.resolve() for path in package.rglob("*.py")} <= read
    assert package / "extraction" / "relations.py" in read


def test_content_hash_covers_text_and_metadata() -> None:
    """The hash changes with the text and with the metadata, not otherwise."""
    doc = Document(id="a", text="x", source="a.txt")
    assert content_hash(doc) == content_hash(Document(id="a", text="x", source="a.txt"))
    assert content_hash(doc) != content_hash(Document(id="a", text="y", source="a.txt"))
    assert content_hash(doc) != content_hash(Document("a", "x", "a.txt", title="T"))
    assert content_hash(doc).startswith("sha256:")


@pytest.mark.parametrize("flags", [["--workers", "2"], ["--rebuild"], ["--no-views"]])
def test_build_command_options(tmp_path: Path, flags: list[str]) -> None:
    """kg build takes --workers, --rebuild and --no-views and reports the store."""
    docs = _corpus(tmp_path / "docs", 3)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(docs), "--out", str(out), *flags])
    assert result.exit_code == 0, result.output
    assert f"store      3 added, 0 replaced, 0 unchanged in {out / 'store'}" in result.output
    assert (out / "graph.ttl").exists() == ("--no-views" not in flags)
