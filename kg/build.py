"""The main job: documents in, graph out, with a summary of what was found."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from kg.documents import expand_paths, read_item
from kg.errors import InputError
from kg.export import write_turtle
from kg.extract import extract
from kg.gazetteer import default_gazetteer
from kg.graph import add_extraction, new_graph
from kg.model import Document
from kg.namespaces import MKG

__all__ = ["BuildSummary", "build", "build_graph", "summarize"]

GRAPH_FILE = "graph.ttl"
NETWORK_FILE = "network.html"


@dataclass
class BuildSummary:
    """What a build read and wrote."""

    documents: int = 0
    errors: list[InputError] = field(default_factory=list)
    classes: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)


_CLASSES = ("Actor", "Event", "Place", "Document", "CasualtyReport")
_RELATIONS = (
    "claimedBy", "attributedTo", "targeted", "killed", "alliedWith", "memberOf", "leaderOf",
    "branchOf",
)  # fmt: skip


def summarize(graph: Graph, summary: BuildSummary | None = None) -> BuildSummary:
    """Counts by class and by relation."""
    summary = summary or BuildSummary()
    summary.classes = {c: len(set(graph.subjects(RDF.type, MKG[c]))) for c in _CLASSES}
    summary.relations = {r: len(set(graph.subject_objects(MKG[r]))) for r in _RELATIONS}
    summary.triples = len(graph)
    return summary


def build_graph(
    documents: Iterable[Document],
    graph: Graph | None = None,
    on_document: Callable[[Document], None] | None = None,
) -> Graph:
    """Extract every document and add its facts to ``graph`` (a new one by default)."""
    graph = graph if graph is not None else new_graph()
    gazetteer = default_gazetteer()
    for document in documents:
        add_extraction(graph, extract(document, gazetteer), gazetteer)
        if on_document:
            on_document(document)
    return graph


def build(
    paths: Iterable[str | Path],
    out_dir: str | Path = "exports",
    on_error: Callable[[InputError], None] | None = None,
    progress: Callable[[list[Path | str]], Iterable[Path | str]] | None = None,
) -> BuildSummary:
    """Read ``paths``, extract, and write ``graph.ttl`` and ``network.html`` to ``out_dir``.

    A document that cannot be read is reported through ``on_error`` and skipped;
    ``progress`` wraps the list of files (a progress bar).
    """
    from kg.render import render  # the renderer pulls in pyvis and jinja

    started = time.perf_counter()
    summary = BuildSummary()
    out = Path(out_dir)

    def failed(error: InputError) -> None:
        summary.errors.append(error)
        if on_error:
            on_error(error)

    def done(_: Document) -> None:
        summary.documents += 1

    files = expand_paths(paths)
    documents = (doc for item in (progress or iter)(files) for doc in read_item(item, failed))
    graph = build_graph(documents, on_document=done)
    write_turtle(graph, out / GRAPH_FILE)
    render(graph, out / NETWORK_FILE)
    summary.outputs = [out / GRAPH_FILE, out / NETWORK_FILE]
    summarize(graph, summary)
    summary.seconds = time.perf_counter() - started
    return summary
