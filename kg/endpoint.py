"""The graph on any SPARQL 1.1 server: Oxigraph, Apache Jena Fuseki, GraphDB, Virtuoso,
Amazon Neptune.

:class:`RemoteStore` keeps the same layout as the store on disk (``kg.store``): the
default graph holds the graph, one named graph per document records that document's
facts and content hash. It talks only standard protocols: SPARQL 1.1 Query and Update
over HTTP POST, and the Graph Store Protocol, through which batches of facts are
written (N-Triples, parsed far faster than an ``INSERT DATA``; Update where the server
has none) and files bulk-loaded (:meth:`RemoteStore.load`). A transient failure (a
dropped connection, a timeout, HTTP 408, 429, 502, 503 or 504) is retried with
exponential back-off, which is safe because every request is idempotent (adding a set
of triples, dropping a graph).

The server's default graph must be its own graph, not the union of the named graphs
(the default of Oxigraph and Fuseki; GraphDB, Virtuoso and Neptune query the union by
default: point ``--endpoint`` at a repository or dataset that keeps them apart).

Query parameters are bound with a ``VALUES`` block written from rdflib terms' N-Triples
form (:func:`bind_values`), put first in the query's outer group, where
``initBindings`` would bind them: a value can never change the query's text.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import RDF, XSD
from rdflib.plugins.sparql.sparql import Query, SPARQLError
from rdflib.query import Result
from rdflib.store import Store
from rdflib.term import Identifier, Node

from kg import __version__
from kg.errors import InputError
from kg.namespaces import MKG, bind
from kg.sparql import bound_text, with_prefixes
from kg.store import Pattern, Record, Triple, _from_ox, _nt, nquad, oxigraph_graph

__all__ = ["RemoteStore", "SparqlClient", "sibling_url"]

RETRY_STATUS = frozenset({408, 429, 502, 503, 504})
UPDATE_QUADS = 20_000
"""Quads per SPARQL Update request: a few megabytes, which every server accepts."""
PREFETCH_PATTERNS = 2_000
_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)


# -- HTTP ----------------------------------------------------------------------------


def sibling_url(url: str, name: str) -> str:
    """``url`` with its last path segment replaced: ``.../query`` -> ``.../update``."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    head = path.rsplit("/", 1)[0] if "/" in path else ""
    return urlunsplit(parts._replace(path=f"{head}/{name}", query="", fragment=""))


def _term(value: Mapping[str, str]) -> Node:
    """A term of the SPARQL 1.1 JSON results format as rdflib makes it."""
    kind, text = value["type"], value["value"]
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        if value.get("xml:lang"):
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        plain = datatype in (None, _XSD_STRING, _LANG_STRING)
        return Literal(text, datatype=None if plain else URIRef(datatype))
    raise SPARQLError(f"unsupported term in the results: {kind}")


class SparqlClient:
    """SPARQL 1.1 Protocol and Graph Store Protocol over HTTP, with retries."""

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        store_url: str | None = None,
        *,
        timeout: float = 120.0,
        retries: int = 4,
        backoff: float = 0.5,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url or (
            sibling_url(query_url, "update")
            if urlsplit(query_url).path.rstrip("/").endswith("/query")
            else query_url
        )
        self.store_url = store_url or sibling_url(query_url, "store")
        self.retries = retries
        self.backoff = backoff
        self.http = httpx.Client(
            timeout=timeout, headers={"User-Agent": f"militant-kg/{__version__}"}
        )

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        error = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self.http.request(method, url, **kwargs)
            except httpx.TransportError as exc:
                error = f"{type(exc).__name__}: {exc}"
                continue
            if response.status_code in RETRY_STATUS:
                error = f"HTTP {response.status_code}"
                wait = response.headers.get("Retry-After", "")
                if wait.isdigit():
                    time.sleep(min(float(wait), 30.0))
                continue
            if response.is_error:
                body = " ".join(response.text.split())[:300]
                raise InputError(url, f"HTTP {response.status_code}: {body}")
            return response
        raise InputError(url, f"no answer after {self.retries + 1} tries: {error}")

    def query(self, text: str) -> Result:
        """Run a query; an rdflib ``Result`` with terms as rdflib makes them."""
        response = self._send(
            "POST", self.query_url, data={"query": text},
            headers={"Accept": f"{_RESULTS_JSON}, {_NTRIPLES};q=0.9"},
        )  # fmt: skip
        kind = response.headers.get("Content-Type", "").split(";")[0].strip()
        if kind in (_NTRIPLES, "text/plain", "text/turtle"):
            result = Result("CONSTRUCT")
            graph = Graph()
            fmt = ox.RdfFormat.TURTLE if kind == "text/turtle" else ox.RdfFormat.N_TRIPLES
            for quad in ox.parse(response.content, format=fmt):
                graph.add((_from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)))  # type: ignore[arg-type]
            result.graph = graph
            return result
        data = response.json()
        if "boolean" in data:
            result = Result("ASK")
            result.askAnswer = bool(data["boolean"])
            return result
        result = Result("SELECT")
        result.vars = [Variable(name) for name in data["head"].get("vars", [])]
        result.bindings = [
            {Variable(name): _term(value) for name, value in row.items()}
            for row in data["results"]["bindings"]
        ]
        return result

    def rows(self, text: str) -> list[dict[str, Node]]:
        """The solutions of a SELECT query, by variable name."""
        return [{str(k): v for k, v in row.items()} for row in self.query(text).bindings]

    def update(self, text: str) -> None:
        self._send("POST", self.update_url, data={"update": text})

    def construct_to(self, text: str, path: Path) -> None:
        """Stream a CONSTRUCT query's N-Triples into ``path``."""
        for attempt in range(self.retries + 1):
            try:
                with self.http.stream(
                    "POST", self.query_url, data={"query": text}, headers={"Accept": _NTRIPLES}
                ) as response:
                    if response.is_error:
                        response.read()
                        body = " ".join(response.text.split())[:300]
                        raise InputError(self.query_url, f"HTTP {response.status_code}: {body}")
                    with path.open("wb") as handle:
                        for chunk in response.iter_bytes():
                            handle.write(chunk)
                    return
            except httpx.TransportError:
                if attempt == self.retries:
                    raise
                time.sleep(self.backoff * 2**attempt)

    def put_graph(self, graph: URIRef | None, data: bytes | Iterable[bytes]) -> None:
        """Graph Store Protocol: replace ``graph`` (the default graph if None) with
        N-Triples ``data``."""
        params = {"graph": str(graph)} if graph is not None else {"default": ""}
        self._send(
            "PUT", self.store_url, params=params, content=data,
            headers={"Content-Type": _NTRIPLES},
        )  # fmt: skip

    def post_graph(self, graph: URIRef | None, data: bytes) -> None:
        """Graph Store Protocol: add N-Triples ``data`` to ``graph`` (default if None)."""
        params = {"graph": str(graph)} if graph is not None else {"default": ""}
        self._send(
            "POST", self.store_url, params=params, content=data,
            headers={"Content-Type": _NTRIPLES},
        )  # fmt: skip

    def close(self) -> None:
        self.http.close()


# -- rdflib over an endpoint ----------------------------------------------------------


class _SparqlStore(Store):
    """A read-only rdflib store whose every question is a SPARQL query to the server."""

    context_aware = False
    formula_aware = False
    graph_aware = False
    transaction_aware = False

    def __init__(self, client: SparqlClient) -> None:
        super().__init__()
        self.client = client
        self._namespaces: dict[str, URIRef] = {}

    def query(  # type: ignore[override]
        self,
        query: str | Query,
        initNs: Mapping[str, Any],  # noqa: N803 (rdflib's names)
        initBindings: Mapping[str, Identifier],  # noqa: N803
        queryGraph: str,  # noqa: N803
        **kwargs: object,
    ) -> Result:
        text = bound_text(query, initBindings)
        try:
            return self.client.query(with_prefixes(text, {**self._namespaces, **initNs}))
        except InputError as error:
            raise SPARQLError(error.why) from error

    def triples(self, triple_pattern, context=None):  # type: ignore[no-untyped-def,override]
        terms = []
        for name, term in zip("spo", triple_pattern, strict=True):
            if term is not None and not isinstance(term, URIRef | Literal | BNode):
                return  # a property path: rdflib's evaluation does not come here for them
            terms.append(f"?{name}" if term is None or isinstance(term, BNode) else _nt(term))
        text = f"SELECT * WHERE {{ {' '.join(terms)} }}"
        for row in self.client.rows(text):
            found = tuple(
                row.get(name, term) for name, term in zip("spo", triple_pattern, strict=True)
            )
            yield found, iter((context,))

    def __len__(self, context: Any = None) -> int:
        rows = self.client.rows("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0]["n"]) if rows else 0

    def add(self, triple: Any, context: Any, quoted: bool = False) -> None:
        raise NotImplementedError("a graph read from an endpoint is read-only")

    def remove(self, triple: Any, context: Any = None) -> None:
        raise NotImplementedError("a graph read from an endpoint is read-only")

    def bind(self, prefix: str, namespace: URIRef, override: bool = True) -> None:
        self._namespaces = {p: n for p, n in self._namespaces.items() if n != namespace}
        self._namespaces[prefix] = namespace

    def namespace(self, prefix: str) -> URIRef | None:
        return self._namespaces.get(prefix)

    def prefix(self, namespace: URIRef) -> str | None:
        return next((p for p, n in self._namespaces.items() if n == namespace), None)

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        yield from self._namespaces.items()


# -- the store ------------------------------------------------------------------------


def _patterns_of(triple: Triple) -> Iterator[Pattern]:
    s, p, o = triple
    for mask in range(8):
        yield (s if mask & 4 else None, p if mask & 2 else None, o if mask & 1 else None)


class RemoteStore:
    """The graph on a SPARQL 1.1 server (see the module's docstring for the layout)."""

    def __init__(
        self,
        endpoint: str,
        update_endpoint: str | None = None,
        store_endpoint: str | None = None,
        *,
        graph_store: bool = True,
        **client: Any,
    ) -> None:
        self.client = SparqlClient(endpoint, update_endpoint, store_endpoint, **client)
        self.endpoint = endpoint
        self.graph_store = graph_store
        """Write through the Graph Store Protocol (else, or when it fails, SPARQL Update)."""
        self._cache: dict[Pattern, list[Triple]] = {}

    # reading documents and facts

    def hashes(self, documents: Sequence[URIRef]) -> dict[URIRef, set[str]]:
        if not documents:
            return {}
        values = " ".join(_nt(doc) for doc in documents)
        rows = self.client.rows(
            f"SELECT ?g ?h WHERE {{ VALUES ?g {{ {values} }} "
            f"GRAPH ?g {{ ?g {_nt(MKG.contentHash)} ?h }} }}"
        )
        found: dict[URIRef, set[str]] = {}
        for row in rows:
            found.setdefault(row["g"], set()).add(str(row["h"]))  # type: ignore[arg-type]
        return found

    def _fetch(self, patterns: Sequence[Pattern]) -> dict[Pattern, list[Triple]]:
        """The default graph's triples for each pattern: one query per shape (which of
        s, p, o are given) and few thousand patterns, the given terms in a ``VALUES``
        block with the pattern's index (a UNION of as many branches is far slower)."""
        found: dict[Pattern, list[Triple]] = {pattern: [] for pattern in patterns}
        shapes: dict[tuple[bool, ...], list[Pattern]] = {}
        for pattern in patterns:
            shapes.setdefault(tuple(term is not None for term in pattern), []).append(pattern)
        for shape, group in shapes.items():
            names = [f"?{name}" for name, given in zip("spo", shape, strict=True) if given]
            for start in range(0, len(group), PREFETCH_PATTERNS):
                part = group[start : start + PREFETCH_PATTERNS]
                rows = " ".join(
                    f"({index} {' '.join(_nt(term) for term in pattern if term is not None)})"
                    for index, pattern in enumerate(part)
                )
                text = (
                    f"SELECT ?i ?s ?p ?o WHERE {{ VALUES (?i {' '.join(names)}) {{ {rows} }} "
                    "?s ?p ?o }"
                )
                for row in self.client.rows(text):
                    pattern = part[int(row["i"])]  # type: ignore[call-overload]
                    found[pattern].append((row["s"], row["p"], row["o"]))
        return found

    def prefetch(self, patterns: Iterable[Pattern]) -> None:
        """Ask the server once for the patterns a batch of documents will look up."""
        self._cache.clear()
        self._cache.update(self._fetch(sorted(set(patterns), key=str)))

    def lookup(self, pattern: Pattern) -> Iterator[Triple]:
        if pattern not in self._cache:
            self._cache.update(self._fetch([pattern]))
        return iter(list(self._cache[pattern]))

    # writing

    def write(self, records: Sequence[Record]) -> None:
        graphs: list[str] = []
        default: dict[Triple, None] = {}
        written = default
        hashes = []
        for document, key, facts in records:
            lines = [nquad(triple).removesuffix("\n") for triple in facts]
            for triple in facts:
                default[triple] = None
            graphs.append(f"GRAPH {_nt(document)} {{\n" + "\n".join(lines) + "\n}")
            hash_triple = nquad((document, MKG.contentHash, Literal(key))).removesuffix(" .\n")
            hashes.append(f"GRAPH {_nt(document)} {{ {hash_triple} }}")
        if self.graph_store:
            try:
                self._write_through_graph_store(records, default)
                graphs = []
                default = {}
            except InputError:  # no Graph Store Protocol at that URL: SPARQL Update then
                self.graph_store = False
        requests: list[list[str]] = [[]]
        size = 0
        for block in [*graphs, *(nquad(t).removesuffix("\n") for t in default)]:
            lines = block.count("\n") + 1
            if size + lines > UPDATE_QUADS and requests[-1]:
                requests.append([])
                size = 0
            requests[-1].append(block)
            size += lines
        for blocks in requests:
            if blocks:
                self.client.update("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
        # the hashes last: a build cut short leaves documents without one, read again
        self.client.update("INSERT DATA {\n" + "\n".join(hashes) + "\n}")
        for triple in written:
            for pattern in _patterns_of(triple):
                if pattern in self._cache:
                    self._cache[pattern].append(triple)

    def _write_through_graph_store(
        self, records: Sequence[Record], default: Mapping[Triple, None]
    ) -> None:
        """Graph Store Protocol: POST each document's record to its graph, then the
        batch's facts to the default graph (N-Triples, which a server parses far faster
        than the same triples in a SPARQL Update)."""
        for document, _, facts in records:
            body = "".join(nquad(triple) for triple in facts).encode("utf-8")
            self.client.post_graph(document, body)
        triples = list(default)
        for start in range(0, len(triples), UPDATE_QUADS):
            body = "".join(nquad(t) for t in triples[start : start + UPDATE_QUADS])
            self.client.post_graph(None, body.encode("utf-8"))

    def retract(self, document: URIRef) -> None:
        name = _nt(document)
        self.client.update(
            "DELETE { ?s ?p ?o } WHERE {\n"
            f"  GRAPH {name} {{ ?s ?p ?o }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {name}) }}\n"
            f"}} ;\nDROP SILENT GRAPH {name}"
        )
        self._cache.clear()

    def clear(self) -> None:
        rows = self.client.rows(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g {_nt(MKG.contentHash)} ?h }} }}"
        )
        drops = [f"DROP SILENT GRAPH {_nt(row['g'])}" for row in rows]
        for start in range(0, len(drops), 1000):
            self.client.update(" ;\n".join(drops[start : start + 1000]))
        self.client.update("DROP SILENT DEFAULT")
        self._cache.clear()

    def load(self, path: str | Path, graph: URIRef | None = None, chunk: int = 100_000) -> int:
        """Bulk-load an RDF file into ``graph`` (the default graph if None) through the
        Graph Store Protocol, ``chunk`` triples a request; the number of triples sent."""
        sent = 0
        lines: list[str] = []
        for quad in ox.parse(path=str(path)):
            lines.append(f"{quad.subject} {quad.predicate} {quad.object} .\n")
            if len(lines) >= chunk:
                self.client.post_graph(graph, "".join(lines).encode("utf-8"))
                sent += len(lines)
                lines = []
        if lines:
            self.client.post_graph(graph, "".join(lines).encode("utf-8"))
            sent += len(lines)
        return sent

    # reading the graph

    def graph(self) -> Graph:
        """The server's graph as an rdflib ``Graph`` whose queries run on the server."""
        return bind(Graph(store=_SparqlStore(self.client)))

    def snapshot(self) -> Graph:
        """A copy of the server's graph in memory (Oxigraph), for whole-graph work:
        exports, views, validation."""
        store = ox.Store()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "graph.nt"
            self.client.construct_to("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", path)
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        return oxigraph_graph(store)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()
