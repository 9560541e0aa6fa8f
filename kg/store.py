"""Where the built graph lives: an Oxigraph store on disk, read through rdflib.

The store's layout is the same on disk (:class:`EmbeddedStore`) and on a remote SPARQL
server (:class:`kg.endpoint.RemoteStore`):

- the **default graph** holds the graph: every fact of every document, once. Plain
  SPARQL (``kg query``, ``kg serve``, YASGUI, Protégé) reads it and sees plain triples;
- one **named graph per document**, named by the document's IRI, records the facts that
  document asserted, with its ``mkg:contentHash``. It is what lets a build skip a
  document it has already read, and retract one whose text changed without touching the
  facts that other documents share (an actor, a merged event).

Reading goes through rdflib (:func:`load_graph` gives an ``rdflib.Graph``) so every module
keeps working, but SPARQL runs in Oxigraph: a prepared query is handed over as its text,
and literals come back as rdflib makes them (a plain string has no ``xsd:string``
datatype), so a graph read from the store equals the graph built in memory.
"""

from __future__ import annotations

import contextlib
import gc
import re
import shutil
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Protocol, TypeVar

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.plugins.sparql.sparql import Query, SPARQLError
from rdflib.query import Result
from rdflib.term import Identifier, Node

from kg.errors import InputError
from kg.namespaces import MKG, PREFIXES, bind
from kg.sparql import bound_text

__all__ = [
    "GRAPH_FILE",
    "STORE_DIR",
    "EmbeddedStore",
    "GraphStore",
    "Pattern",
    "Record",
    "Triple",
    "load_graph",
    "nquad",
    "open_store",
    "oxigraph_graph",
    "write_turtle",
]

STORE_DIR = "store"
"""The store's folder inside an exports folder."""
GRAPH_FILE = "graph.ttl"
"""The Turtle export inside an exports folder."""
LOCK_FILE = "kg.lock"
"""Inside the store folder: held shared by readers, exclusively by a writer."""

Triple = tuple[Node, Node, Node]
Pattern = tuple[Node | None, Node | None, Node | None]
Record = tuple[URIRef, str, Iterable[Triple]]
"""One document's IRI, content hash and facts."""

T = TypeVar("T")
_XSD_STRING = str(XSD.string)
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class GraphStore(Protocol):
    """What a build needs from a store, on disk or behind a SPARQL endpoint."""

    def hashes(self, documents: Sequence[URIRef]) -> dict[URIRef, set[str]]:
        """The recorded ``mkg:contentHash`` values of those of ``documents`` it holds."""

    def lookup(self, pattern: Pattern) -> Iterator[Triple]:
        """The triples of the default graph that match ``pattern``."""

    def write(self, records: Sequence[Record]) -> None:
        """Add each document's facts to its named graph and the default graph, and its
        content hash to its named graph."""

    def retract(self, document: URIRef) -> None:
        """Remove a document's named graph, and those of its facts no other graph holds."""

    def clear(self) -> None:
        """Remove every document and fact."""

    def graph(self) -> Graph:
        """The default graph as an ``rdflib.Graph`` for queries, exports and views."""

    def close(self) -> None:
        """Release the store."""


# -- terms --------------------------------------------------------------------------


def _iri(value: str) -> str:
    """An IRI that N-Triples accepts: characters it forbids are percent-encoded."""
    if _IRI_UNSAFE.search(value):
        return _IRI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), value)
    return value


_IRIS: dict[str, str] = {}
"""N-Triples forms of IRIs already written: the same few thousand recur in every batch."""


def _nt(term: Node) -> str:
    """``term`` in N-Triples syntax."""
    if isinstance(term, URIRef):
        written = _IRIS.get(term)
        if written is None:
            if len(_IRIS) > 20_000:  # evidence IRIs are one-off: keep the cache small
                _IRIS.clear()
            written = _IRIS[term] = f"<{_iri(term)}>"
        return written
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_LITERAL_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^<{_iri(term.datatype)}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def nquad(triple: Triple, graph: URIRef | None = None) -> str:
    """One N-Quads line (in the default graph when ``graph`` is None).

    >>> nquad((URIRef("http://a/s"), URIRef("http://a/p"), Literal('say "hi"\\n')))
    '<http://a/s> <http://a/p> "say \\\\"hi\\\\"\\\\n" .\\n'
    """
    s, p, o = triple
    if graph is None:
        return f"{_nt(s)} {_nt(p)} {_nt(o)} .\n"
    return f"{_nt(s)} {_nt(p)} {_nt(o)} {_nt(graph)} .\n"


def _to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(_iri(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = ox.NamedNode(term.datatype) if term.datatype is not None else None
        return ox.Literal(str(term), datatype=datatype)
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def _from_ox(term: Any) -> Node | None:
    """An Oxigraph term as rdflib makes it: a plain string literal has no datatype."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else datatype)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unexpected Oxigraph term: {term!r}")


def _ox_pattern(pattern: Pattern) -> tuple[Any, Any, Any]:
    return tuple(None if term is None else _to_ox(term) for term in pattern)  # type: ignore[return-value]


# -- reading through rdflib -----------------------------------------------------------


def result_from_ox(answer: Any) -> Result:
    """An Oxigraph query answer as an rdflib ``Result``."""
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QuerySolutions):
        result = Result("SELECT")
        names = [Variable(v.value) for v in answer.variables]
        result.vars = names
        # rows repeat their terms (an event's date and place on each of its reports):
        # each distinct term is made into an rdflib one once, which is what costs
        made: dict[Any, Node | None] = {}

        def term(value: Any) -> Node | None:
            node = made.get(value)
            if node is None:
                node = made[value] = _from_ox(value)
            return node

        result.bindings = [
            {name: term(value) for name, value in zip(names, row, strict=True) if value}
            for row in answer
        ]
        return result
    result = Result("CONSTRUCT")
    graph = Graph()
    for triple in answer:
        graph.add((_from_ox(triple.subject), _from_ox(triple.predicate), _from_ox(triple.object)))
    result.graph = graph
    return result


class _Oxigraph(OxigraphStore):
    """oxrdflib's store with two fixes: literals come back as rdflib makes them, and a
    query prepared by rdflib runs in Oxigraph (from its text) rather than falling back
    to rdflib's own engine."""

    def triples(self, triple_pattern, context=None):  # type: ignore[no-untyped-def,override]
        graph = ox.DefaultGraph()
        if context is not None and context.identifier != DATASET_DEFAULT_GRAPH_ID:
            graph = _to_ox(context.identifier)
        try:
            quads = self._inner.quads_for_pattern(*_ox_pattern(triple_pattern), graph)
        except (TypeError, ValueError):  # a path, a variable, a literal subject: no match
            return
        for quad in quads:
            yield (
                (_from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)),
                iter((context,)),
            )

    def query(  # type: ignore[override]
        self,
        query: str | Query,
        initNs: Mapping[str, Any],  # noqa: N803 (rdflib's names)
        initBindings: Mapping[str, Identifier],  # noqa: N803
        queryGraph: str,  # noqa: N803
        **kwargs: object,
    ) -> Result:
        if kwargs:
            raise NotImplementedError("Oxigraph takes no further query options")
        text = bound_text(query, initBindings)
        try:
            answer = self._inner.query(
                text,
                prefixes={str(k): str(v) for k, v in {**dict(self.namespaces()), **initNs}.items()},
            )
            return result_from_ox(answer)
        except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
            raise SPARQLError(" ".join(str(exc).split())) from exc


def write_turtle(graph: Graph, path: str | Path) -> Path:
    """Write ``graph`` as Turtle with the project's prefixes, whole or not at all; from
    Oxigraph directly when the graph lives there (seconds for a million triples, where
    rdflib's serializer takes minutes)."""
    from kg.files import atomic_writer

    path = Path(path)
    with atomic_writer(path, "wb") as handle:
        if isinstance(graph.store, _Oxigraph):
            prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
            graph.store._inner.dump(
                handle, format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes
            )
        else:
            handle.write(bind(graph).serialize(format="turtle", encoding="utf-8"))
    return path


def oxigraph_graph(store: ox.Store | None = None) -> Graph:
    """An rdflib ``Graph`` over the default graph of an Oxigraph ``store`` (a new in-memory
    one by default), with the project's prefixes bound."""
    backend = _Oxigraph(store=store if store is not None else ox.Store())
    return bind(Graph(store=backend, identifier=DATASET_DEFAULT_GRAPH_ID))


# -- locking --------------------------------------------------------------------------


class _Lock:
    """An advisory lock on a store folder: shared for readers, exclusive for a writer,
    so that no build writes under a reader or a read-only server (which Oxigraph calls
    undefined behaviour). A no-op where ``fcntl`` is missing."""

    def __init__(self, folder: Path, exclusive: bool) -> None:
        self.handle: IO[bytes] | None = None
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks, no check
            return
        folder.mkdir(parents=True, exist_ok=True)
        self.handle = (folder / LOCK_FILE).open("ab")
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            _retrying(lambda: fcntl.flock(self.handle, mode | fcntl.LOCK_NB))  # type: ignore[arg-type]
        except OSError:
            self.handle.close()
            self.handle = None
            doing = "written" if not exclusive else "used"
            raise InputError(
                folder,
                f"the store is being {doing} by another kg process (a build or 'kg serve'); "
                "wait for it or stop it",
            ) from None

    def release(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def _retrying(fn: Callable[[], T]) -> T:
    """``fn()``, tried again once after a garbage collection: a graph this process no
    longer uses may still hold the store (rdflib graphs live in reference cycles)."""
    try:
        return fn()
    except OSError:
        gc.collect()
        return fn()


def _open_ox(folder: Path, read_only: bool) -> ox.Store:
    try:
        return _retrying(
            lambda: ox.Store.read_only(str(folder)) if read_only else ox.Store(str(folder))
        )
    except OSError as exc:
        why = " ".join(str(exc).split())
        if "lock" in why.lower():
            why = "the store is open in another process (is 'kg serve --allow-update' running?)"
        raise InputError(folder, f"cannot open the store: {why}") from exc


# -- the store on disk -------------------------------------------------------------------


class EmbeddedStore:
    """The Oxigraph store in a folder (``exports/store`` by default).

    Writing takes an exclusive lock on the folder and reading a shared one, so a build
    never writes under a reader. Documents' facts are loaded in bulk; each document's
    content hash is written last, in a transaction, so a build cut short leaves
    documents without a hash, which the next build reads again.
    """

    def __init__(self, folder: str | Path, read_only: bool = False) -> None:
        self.folder = Path(folder)
        self.read_only = read_only
        if read_only and not (self.folder / "CURRENT").is_file():
            raise InputError(self.folder, "no store here: run 'kg build' first")
        self._graphs: list[weakref.ref[Any]] = []
        self._lock = _Lock(self.folder, exclusive=not read_only)
        try:
            self._ox = _open_ox(self.folder, read_only)
        except InputError:
            self._lock.release()
            raise

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store``."""
        return self._ox

    def hashes(self, documents: Sequence[URIRef]) -> dict[URIRef, set[str]]:
        found: dict[URIRef, set[str]] = {}
        predicate = ox.NamedNode(MKG.contentHash)
        for document in documents:
            node = _to_ox(document)
            for quad in self._ox.quads_for_pattern(node, predicate, None, node):
                found.setdefault(document, set()).add(quad.object.value)
        return found

    def lookup(self, pattern: Pattern) -> Iterator[Triple]:
        try:
            quads = self._ox.quads_for_pattern(*_ox_pattern(pattern), ox.DefaultGraph())
        except (TypeError, ValueError):  # a literal subject, say: no match
            return
        for quad in quads:
            yield _from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)  # type: ignore[misc]

    def write(self, records: Sequence[Record]) -> None:
        lines: list[str] = []
        seen: set[str] = set()
        hashes: list[ox.Quad] = []
        predicate = ox.NamedNode(MKG.contentHash)
        for document, key, facts in records:
            name = _to_ox(document)
            hashes.append(ox.Quad(name, predicate, ox.Literal(key), name))
            graph = f" {_nt(document)} .\n"
            for triple in facts:
                text = f"{_nt(triple[0])} {_nt(triple[1])} {_nt(triple[2])}"
                lines.append(text + graph)
                if text not in seen:
                    seen.add(text)
                    lines.append(text + " .\n")
        if lines:
            self._ox.bulk_load("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        if hashes:
            self._ox.extend(hashes)

    def retract(self, document: URIRef) -> None:
        name = _to_ox(document)
        default = ox.DefaultGraph()
        orphans = []
        for quad in self._ox.quads_for_pattern(None, None, None, name):
            elsewhere = any(
                other.graph_name != name and not isinstance(other.graph_name, ox.DefaultGraph)
                for other in self._ox.quads_for_pattern(quad.subject, quad.predicate, quad.object)
            )
            if not elsewhere:
                orphans.append(ox.Quad(quad.subject, quad.predicate, quad.object, default))
        for quad in orphans:
            self._ox.remove(quad)
        self._ox.remove_graph(name)

    def clear(self) -> None:
        self._ox.clear()

    def graph(self) -> Graph:
        graph = oxigraph_graph(self._ox)
        graph._kg_owner = self  # type: ignore[attr-defined]  # keeps the store and its lock open
        self._graphs.append(weakref.ref(graph.store))
        return graph

    def documents(self) -> int:
        """How many documents the store records."""
        hashed = f"GRAPH ?g {{ ?g <{MKG.contentHash}> ?h }}"
        answer = self._ox.query(f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {hashed} }}")
        return int(next(iter(answer))[0].value)

    def flush(self) -> None:
        if not self.read_only:
            self._ox.flush()

    def close(self) -> None:
        """Flush and close the store now; graphs read from it stop working."""
        if self._ox is None:
            return
        self.flush()
        closed = _Closed(self.folder)
        for ref in self._graphs:
            backend = ref()
            if backend is not None:
                backend._store = closed  # type: ignore[attr-defined]
        self._ox = None  # type: ignore[assignment]  # the last reference: RocksDB closes
        self._lock.release()


class _Closed:
    """Stands in for a closed store in the graphs read from it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __getattr__(self, name: str) -> Any:
        raise InputError(self.folder, "the store was closed")


def open_store(folder: str | Path, rebuild: bool = False) -> EmbeddedStore:
    """The store in ``folder`` for writing, created if missing; emptied first if ``rebuild``."""
    folder = Path(folder)
    if rebuild and folder.is_dir():
        lock = _Lock(folder, exclusive=True)
        try:
            for child in folder.iterdir():
                if child.name != LOCK_FILE:
                    shutil.rmtree(child) if child.is_dir() else child.unlink()
        finally:
            lock.release()
    return EmbeddedStore(folder)


# -- reading a built graph --------------------------------------------------------------


def _parse_file(path: Path) -> Graph:
    """A Turtle (or other RDF) file, parsed by Oxigraph into an in-memory store."""
    store = ox.Store()
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None
    try:
        store.load(path=str(path), format=fmt or ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    except (SyntaxError, ValueError, OSError) as exc:
        why = " ".join(str(exc).split())
        raise InputError(path, f"not a readable RDF graph: {why}") from exc
    return oxigraph_graph(store)


def load_graph(path: str | Path) -> Graph:
    """The graph in ``path``: an exports folder (its store, else its ``graph.ttl``), a
    store folder, or an RDF file (Turtle, N-Triples, ...), as an rdflib ``Graph`` whose
    SPARQL runs in Oxigraph."""
    path = Path(path)
    if path.is_dir():
        if (path / STORE_DIR / "CURRENT").is_file():
            return EmbeddedStore(path / STORE_DIR, read_only=True).graph()
        if (path / "CURRENT").is_file():
            return EmbeddedStore(path, read_only=True).graph()
        path = path / GRAPH_FILE
    if not path.is_file():
        raise InputError(path, "no graph here: run 'kg build' first")
    return _parse_file(path)


def lookup_in(graph: Graph) -> Callable[[Pattern], Iterator[Triple]]:
    """Pattern matching on any rdflib ``graph``, in the shape of :meth:`GraphStore.lookup`."""
    return graph.triples  # type: ignore[return-value]


@contextlib.contextmanager
def closing(store: GraphStore) -> Iterator[GraphStore]:
    """Close ``store`` at the end of the block."""
    try:
        yield store
    finally:
        store.close()
