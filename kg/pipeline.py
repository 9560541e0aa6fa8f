"""The main job: documents in, graph out, with a summary of what was found.

A build streams the documents, skips those the store has already read (same content
hash), extracts the others in worker processes, and writes their facts to the store in
batches, in input order. Each document's facts are what :func:`kg.graph.add_extraction`
writes for it *given what was built before it*: a node already labelled keeps its
label, an alliance already written keeps its direction. So the store's graph is the
graph one ``add_extraction`` after another would give in memory, whatever the number of
workers, and each document's own record still holds every fact it asserted (labels of
shared nodes included), so it can be retracted alone.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from kg.documents import expand_paths, read_item
from kg.errors import InputError
from kg.extraction import extract
from kg.gazetteer import Gazetteer, default_gazetteer
from kg.graph import add_extraction, new_graph, node
from kg.model import Document, Extraction
from kg.namespaces import MKG
from kg.parallel import ordered_map
from kg.resources import ontology_dir
from kg.store import (
    GRAPH_FILE,
    STORE_DIR,
    GraphStore,
    Pattern,
    Record,
    Triple,
    open_store,
    write_turtle,
)

__all__ = [
    "BATCH_DOCUMENTS",
    "BuildSummary",
    "build",
    "build_graph",
    "build_into",
    "content_hash",
    "document_facts",
    "summarize",
]

NETWORK_FILE = "network.html"
BATCH_DOCUMENTS = 256
"""Documents extracted and written together; memory stays bounded by a few batches."""
_BATCH_TRIPLES = 50_000


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
    added: int = 0
    """Documents the store did not hold."""
    replaced: int = 0
    """Documents whose content changed: their old facts retracted, the new ones added."""
    unchanged: int = 0
    """Documents the store already held with the same content hash, skipped."""
    store: str = ""
    """Where the graph lives: the store folder or the endpoint's URL."""


_CLASSES = ("Actor", "Event", "Place", "Document", "CasualtyReport")
_RELATIONS = (
    "claimedBy", "attributedTo", "targeted", "killed", "alliedWith", "memberOf", "leaderOf",
    "branchOf",
)  # fmt: skip
_COUNT_CLASSES = """
SELECT ?name (COUNT(DISTINCT ?s) AS ?n) WHERE {
  VALUES (?name ?class) { %s }
  OPTIONAL { ?s a ?class }
} GROUP BY ?name"""
_COUNT_RELATIONS = """
SELECT ?name (COUNT(?s) AS ?n) WHERE {
  VALUES (?name ?p) { %s }
  OPTIONAL { ?s ?p ?o }
} GROUP BY ?name"""


def _values(names: Sequence[str]) -> str:
    return " ".join(f'("{name}" {MKG[name].n3()})' for name in names)


def summarize(graph: Graph, summary: BuildSummary | None = None) -> BuildSummary:
    """Counts by class and by relation, and the number of triples, by SPARQL (so that a
    store counts them itself rather than handing every triple to Python)."""
    summary = summary or BuildSummary()

    def counts(query: str) -> dict[str, int]:
        return {str(row[0]): int(row[1]) for row in graph.query(query)}  # type: ignore[index]

    classes = counts(_COUNT_CLASSES % _values(_CLASSES))
    relations = counts(_COUNT_RELATIONS % _values(_RELATIONS))
    summary.classes = {name: classes.get(name, 0) for name in _CLASSES}
    summary.relations = {name: relations.get(name, 0) for name in _RELATIONS}
    total = list(graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
    summary.triples = int(total[0][0]) if total else 0  # type: ignore[index]
    return summary


# -- one document's facts ------------------------------------------------------------


class _Facts:
    """Triples in insertion order, indexed by subject and predicate for lookups."""

    def __init__(self) -> None:
        self.triples: dict[Triple, None] = {}
        self._by_sp: dict[tuple[Node, Node], list[Node]] = {}

    def add(self, triple: Triple) -> None:
        if triple not in self.triples:
            self.triples[triple] = None
            self._by_sp.setdefault((triple[0], triple[1]), []).append(triple[2])

    def match(self, pattern: Pattern) -> Iterator[Triple]:
        s, p, o = pattern
        if s is not None and p is not None:
            yield from _bound(self._by_sp, s, p, o)
            return
        for triple in self.triples:
            if all(want is None or want == got for want, got in zip(pattern, triple, strict=True)):
                yield triple

    def __len__(self) -> int:
        return len(self.triples)


class _Index:
    """Facts built but not yet in the store, indexed for the lookups ``add_extraction``
    makes; duplicates are harmless there, so nothing is deduplicated."""

    def __init__(self) -> None:
        self.by_sp: dict[tuple[Node, Node], list[Node]] = {}
        self.size = 0

    def extend(self, triples: Iterable[Triple]) -> None:
        by_sp = self.by_sp
        for s, p, o in triples:
            self.size += 1
            objects = by_sp.get((s, p))
            if objects is None:
                by_sp[(s, p)] = [o]
            else:
                objects.append(o)

    def match(self, pattern: Pattern) -> Iterator[Triple]:
        s, p, o = pattern
        if s is not None and p is not None:
            yield from _bound(self.by_sp, s, p, o)
            return
        for (subject, predicate), objects in self.by_sp.items():
            if s in (None, subject) and p in (None, predicate):
                for obj in objects:
                    if o is None or obj == o:
                        yield subject, predicate, obj

    def clear(self) -> None:
        self.by_sp.clear()
        self.size = 0


def _bound(
    by_sp: dict[tuple[Node, Node], list[Node]], s: Node, p: Node, o: Node | None
) -> Iterator[Triple]:
    """The triples of subject ``s`` and predicate ``p`` (and object ``o``, if given) in an
    index of objects by subject and predicate: the lookup both indexes answer alike."""
    for obj in by_sp.get((s, p), ()):
        if o is None or obj == o:
            yield s, p, obj


class _DocumentGraph(Graph):
    """What ``add_extraction`` writes into: writes land in one document's facts; reads
    see those and everything built before (``seen``), so its checks ("is this node
    labelled yet?") answer as they would on the one big graph."""

    def __init__(self, seen: Callable[[Pattern], Iterable[Triple]]) -> None:
        super().__init__()
        self.facts = _Facts()
        self._seen = seen

    def add(self, triple: Triple) -> _DocumentGraph:  # type: ignore[override]
        self.facts.add(triple)
        return self

    def triples(self, triple: Pattern) -> Iterator[Triple]:  # type: ignore[override]
        yield from self.facts.match(triple)
        yield from self._seen(triple)

    def __len__(self) -> int:
        return len(self.facts)


def document_facts(
    extraction: Extraction,
    gazetteer: Gazetteer,
    seen: Callable[[Pattern], Iterable[Triple]] = lambda _: (),
) -> dict[Triple, None]:
    """The triples one document contributes, in order, given the facts ``seen`` before.

    A node that was labelled before gets that label again in this document's facts, so
    that retracting an earlier document never leaves a shared node without its label.
    """
    graph = _DocumentGraph(seen)
    add_extraction(graph, extraction, gazetteer)
    facts = graph.facts
    typed = {s for s, p, _ in facts.triples if p == RDF.type}
    for subject in sorted(typed):
        if not any(True for _ in facts.match((subject, RDFS.label, None))):
            for triple in list(seen((subject, RDFS.label, None))):
                facts.add(triple)
    return facts.triples


# -- content hashes ------------------------------------------------------------------


# The trained spaCy pipeline extraction uses, if any (kg.ner). Set by build() before the
# worker processes fork, so they read the same setting.
_PIPELINE: str | None = None


@cache
def _nlp(name: str) -> Any:
    from kg.ner import load_pipeline

    return load_pipeline(name)


def use_pipeline(name: str | None) -> None:
    """Extract with the spaCy pipeline ``name`` (a package or a folder), or without one."""
    global _PIPELINE
    _PIPELINE = None
    if name is not None:
        _nlp(name)  # fails here, in one line, before any document is read
        _PIPELINE = name


def source_files() -> list[Path]:
    """The files whose content decides the facts: the rules and gazetteer under
    ``ontology/`` and every module of ``kg``, subpackages included."""
    package = Path(__file__).resolve().parent
    return [*sorted(ontology_dir().glob("*.jsonl")), *sorted(package.rglob("*.py"))]


@cache
def _source_fingerprint() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in source_files():
        name = path.relative_to(package) if path.is_relative_to(package) else path.name
        digest.update(str(name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _fingerprint() -> str:
    """A digest of what decides the facts besides the document: the data under
    ``ontology/``, the source of ``kg`` and the spaCy pipeline. A change to any makes
    every document new."""
    return hashlib.sha256(f"{_source_fingerprint()}|{_PIPELINE or ''}".encode()).hexdigest()


def content_hash(document: Document) -> str:
    """``"sha256:<hex>"`` of the document (text and metadata) and the extractor."""
    data = json.dumps(dataclasses.asdict(document), sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(_fingerprint().encode())
    digest.update(data.encode("utf-8", "surrogatepass"))
    return f"sha256:{digest.hexdigest()}"


# -- the pipeline --------------------------------------------------------------------


class _MemoryStore:
    """An rdflib graph in the shape of a store: holds no records, so every document is new."""

    def __init__(self, graph: Graph) -> None:
        self.graph_ = graph

    def hashes(self, documents: Sequence[URIRef]) -> dict[URIRef, set[str]]:
        return {}

    def lookup(self, pattern: Pattern) -> Iterator[Triple]:
        return self.graph_.triples(pattern)  # type: ignore[return-value]

    def write(self, records: Sequence[Record]) -> None:
        for _, _, facts in records:
            for triple in facts:
                self.graph_.add(triple)

    def retract(self, document: URIRef) -> None:
        raise NotImplementedError


def _extract_one(document: Document) -> Extraction:
    nlp = _nlp(_PIPELINE) if _PIPELINE else None
    return extract(document, default_gazetteer(), nlp=nlp)


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass
class _Counts:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0


def build_into(
    store: GraphStore | _MemoryStore,
    documents: Iterable[Document],
    *,
    workers: int | None = 1,
    on_document: Callable[[Document], None] | None = None,
    batch: int = BATCH_DOCUMENTS,
) -> _Counts:
    """Add ``documents`` to ``store``: skip those it holds with the same content hash,
    replace those whose hash changed, extract the rest on ``workers`` processes (the
    machine's cores if None) and write their facts in batches, in input order."""
    gazetteer = default_gazetteer()
    counts = _Counts()
    written: set[URIRef] = set()
    pending = _Index()
    records: list[Record] = []

    def seen(pattern: Pattern) -> Iterator[Triple]:
        yield from pending.match(pattern)
        yield from store.lookup(pattern)

    def flush() -> None:
        if records:
            store.write(records)
            records.clear()
            pending.clear()

    def todo() -> Iterator[list[tuple[Document, str, str]]]:
        """Chunks of (document, hash, status) still to extract."""
        for chunk in _chunks(documents, batch):
            known = store.hashes([node(doc.ref) for doc in chunk])
            keep = []
            for document in chunk:
                key = content_hash(document)
                hashes = known.get(node(document.ref))
                if hashes is not None and key in hashes:
                    counts.unchanged += 1
                    if on_document:
                        on_document(document)
                else:
                    keep.append((document, key, "new" if hashes is None else "changed"))
            if keep:
                yield keep

    def write(document: Document, key: str, status: str, extraction: Extraction) -> None:
        iri = node(document.ref)
        if status == "changed" and iri not in written:
            flush()
            store.retract(iri)
            counts.replaced += 1
        elif iri not in written:
            counts.added += 1
        written.add(iri)
        facts = document_facts(extraction, gazetteer, seen)
        pending.extend(facts)
        records.append((iri, key, facts))
        if len(records) >= batch or pending.size >= _BATCH_TRIPLES:
            flush()
        if on_document:
            on_document(document)

    prefetch = getattr(store, "prefetch", None)
    results = ordered_map(_extract_one, todo(), workers=workers, item=lambda entry: entry[0])
    for group in _chunks(results, batch):
        if prefetch is not None:  # a remote store: one query for the batch's lookups
            prefetch(_lookups(extraction for _, extraction in group))
        for (document, key, status), extraction in group:
            write(document, key, status, extraction)
    flush()
    return counts


def _lookups(extractions: Iterable[Extraction]) -> set[Pattern]:
    """The patterns that building these extractions' facts will look up."""
    gazetteer = default_gazetteer()
    asked: set[Pattern] = set()

    def record(pattern: Pattern) -> Iterator[Triple]:
        asked.add(pattern)
        return iter(())

    for extraction in extractions:
        document_facts(extraction, gazetteer, record)
    return asked


def build_graph(
    documents: Iterable[Document],
    graph: Graph | None = None,
    on_document: Callable[[Document], None] | None = None,
    workers: int | None = 1,
) -> Graph:
    """Extract every document and add its facts to ``graph`` (a new one by default)."""
    graph = graph if graph is not None else new_graph()
    build_into(_MemoryStore(graph), documents, workers=workers, on_document=on_document)
    return graph


def build(
    paths: Iterable[str | Path],
    out_dir: str | Path = "exports",
    on_error: Callable[[InputError], None] | None = None,
    progress: Callable[[list[Path | str]], Iterable[Path | str]] | None = None,
    *,
    rebuild: bool = False,
    workers: int | None = None,
    endpoint: str | None = None,
    views: bool = True,
    spacy_model: str | None = None,
) -> BuildSummary:
    """Read ``paths``, extract, and add the facts to the store; write ``graph.ttl`` and
    ``network.html`` to ``out_dir``.

    The store is ``out_dir/store`` (Oxigraph on disk), or the SPARQL 1.1 server at
    ``endpoint``. Documents it already holds unchanged are skipped; ``rebuild`` empties
    it first. ``workers`` processes extract (the machine's cores by default). A document
    that cannot be read is reported through ``on_error`` and skipped; ``progress`` wraps
    the list of files (a progress bar). ``views=False`` leaves out graph.ttl and
    network.html (for a large store, whose views are better made by ``kg export``).
    ``spacy_model`` adds a trained spaCy pipeline's entities to extraction (kg.ner).
    """
    use_pipeline(spacy_model)
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
    store: GraphStore
    if endpoint:
        from kg.endpoint import RemoteStore

        store = RemoteStore(endpoint)
        if rebuild:
            store.clear()
        summary.store = endpoint
    else:
        store = open_store(out / STORE_DIR, rebuild=rebuild)
        summary.store = str(out / STORE_DIR)
    try:
        counts = build_into(store, documents, workers=workers or os.cpu_count(), on_document=done)
        summary.added, summary.replaced, summary.unchanged = (
            counts.added, counts.replaced, counts.unchanged,
        )  # fmt: skip
        if views:
            from kg.rendering import render  # the renderer pulls in pyvis and jinja

            graph = store.snapshot() if endpoint else store.graph()  # type: ignore[attr-defined]
            write_turtle(graph, out / GRAPH_FILE)
            render(graph, out / NETWORK_FILE)
            summary.outputs = [out / GRAPH_FILE, out / NETWORK_FILE]
        summarize(store.graph(), summary)
    finally:
        store.close()
    summary.seconds = time.perf_counter() - started
    return summary
