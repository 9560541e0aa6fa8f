"""Named SPARQL queries: list, load and run the ``ontology/queries/*.rq`` files.

A query file holds one SPARQL 1.1 query. Its file stem is its name, and its leading
comment lines say what it is and which parameters it takes::

    # title: Claims by group
    # description: Attacks claimed by a group (any of its names), with ...
    # param: group: a name or alias of the claiming actor

A parameter is the SPARQL variable of the same name (``?group``). ``run_query`` binds
each value as a plain ``Literal`` through rdflib's ``initBindings``, so a value is never
spliced into the query text and cannot change it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pyparsing import ParseBaseException
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query, SPARQLError
from rdflib.term import Node

from kg.errors import QueryError
from kg.namespaces import PREFIXES
from kg.resources import ontology_dir

__all__ = [
    "FORMATTERS",
    "NamedQuery",
    "QueryResult",
    "format_result",
    "list_queries",
    "load_query",
    "parse_header",
    "run_query",
]

INLINE = "<inline>"
"""The name a query given as text goes by in messages."""

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$")
_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")
_PARSE_WHERE = re.compile(r"\s*\(at char \d+\),\s*\(line:\d+, col:\d+\)\s*$")


@dataclass(frozen=True)
class NamedQuery:
    """One query file: its name (the file stem), header, text and path."""

    name: str
    title: str
    description: str
    params: dict[str, str]
    text: str
    path: Path | None = None


@dataclass(frozen=True)
class QueryResult:
    """A query's answer as plain strings: IRIs as prefixed names, ``None`` for unbound.

    SELECT gives its projected variables as columns; ASK one column ``ask`` holding
    ``"true"`` or ``"false"``; CONSTRUCT and DESCRIBE the sorted triples of the
    resulting graph under ``subject``, ``predicate`` and ``object``.
    """

    columns: list[str]
    rows: list[tuple[str | None, ...]] = field(default_factory=list)


def parse_header(text: str) -> tuple[str | None, str, dict[str, str]]:
    """Read ``(title, description, params)`` from the leading ``#`` lines of a query.

    >>> parse_header("# title: T\\n# param: group: a name\\nSELECT * {}")
    ('T', '', {'group': 'a name'})
    """
    title: str | None = None
    description = ""
    params: dict[str, str] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER.match(stripped)
        if match is None:
            continue
        key, value = match.groups()
        if key == "title":
            title = value
        elif key == "description":
            description = value
        else:
            param = _PARAM.match(value)
            if param is not None:
                params[param.group(1)] = param.group(2).strip()
    return title, description, params


def _read_query(path: Path) -> NamedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    title, description, params = parse_header(text)
    return NamedQuery(
        name=path.stem,
        title=title or path.stem,
        description=description,
        params=params,
        text=text,
        path=path,
    )


def list_queries() -> list[NamedQuery]:
    """Every named query shipped in ``ontology/queries``, sorted by name."""
    folder = ontology_dir() / "queries"
    if not folder.is_dir():
        return []
    return [_read_query(path) for path in sorted(folder.glob("*.rq"))]


def load_query(name: str) -> NamedQuery:
    """The named query ``name``; an unknown name is a ``QueryError`` listing the known ones."""
    queries = {query.name: query for query in list_queries()}
    if name not in queries:
        known = ", ".join(sorted(queries)) or "none"
        raise QueryError(f"unknown query {name!r}; known queries: {known}")
    return queries[name]


def _as_query(text_or_named: str | NamedQuery) -> tuple[NamedQuery, bool]:
    """The query to run and whether its parameters are declared (named or with a header)."""
    if isinstance(text_or_named, NamedQuery):
        return text_or_named, True
    if _NAME.match(text_or_named.strip()):
        return load_query(text_or_named.strip()), True
    title, description, params = parse_header(text_or_named)
    inline = NamedQuery(INLINE, title or INLINE, description, params, text_or_named)
    return inline, bool(params)


def _check_params(query: NamedQuery, declared: bool, params: Mapping[str, str]) -> None:
    """Refuse parameters the query does not take, and missing ones, in one line."""
    if declared:
        allowed = set(query.params)
        required = allowed
    else:
        # a query typed in without a header may bind any variable it mentions
        allowed = set(_VARIABLE.findall(query.text))
        required = set()
    names = ", ".join(sorted(allowed)) or "none"
    for key in sorted(params):
        if key not in allowed:
            raise QueryError(f"query {query.name}: unknown parameter {key!r}; it takes: {names}")
    for key in sorted(required):
        if key not in params:
            raise QueryError(f"query {query.name}: missing parameter {key!r}; it takes: {names}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=64)
def _parsed(text: str, namespaces: tuple[tuple[str, URIRef], ...]) -> Query:
    """rdflib's parse of a query, kept: it takes 20 to 90 ms a named query, as long as
    Oxigraph takes to answer some of them at a million triples."""
    return prepareQuery(text, initNs=dict(namespaces))


def _prepare(query: NamedQuery, graph: Graph) -> Query:
    """Parse and translate the query, turning every failure into a one-line QueryError."""
    namespaces = tuple(sorted((prefix, URIRef(ns)) for prefix, ns in graph.namespaces()))
    try:
        return _parsed(query.text, namespaces)
    except ParseBaseException as exc:
        why = _one_line(_PARSE_WHERE.sub("", str(exc)))
        raise QueryError(
            f"query {query.name}: syntax error at line {exc.lineno}: {why} (column {exc.col})"
        ) from exc
    except Exception as exc:  # rdflib raises plain Exception for an unknown prefix
        raise QueryError(f"query {query.name}: {_one_line(str(exc))}") from exc


def _compactor(graph: Graph) -> Callable[[Node | None], str | None]:
    """A function that shows a term as text: IRIs as prefixed names where a prefix fits."""
    bound = {str(ns): prefix for prefix, ns in graph.namespaces()}
    for prefix, ns in PREFIXES.items():
        bound.setdefault(str(ns), prefix)
    # longest namespace first, so mkr: wins over a shorter prefix of it
    table = sorted(bound.items(), key=lambda item: (-len(item[0]), item[1]))
    shown: dict[str, str] = {}  # the same IRIs recur on thousands of rows

    def compact(iri: str) -> str:
        for ns, prefix in table:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return f"<{iri}>"

    def show(term: Node | None) -> str | None:
        if term is None:
            return None
        if isinstance(term, URIRef):
            iri = str(term)
            text = shown.get(iri)
            if text is None:
                text = shown[iri] = compact(iri)
            return text
        if isinstance(term, BNode):
            return f"_:{term}"
        return str(term)

    return show


def run_query(
    graph: Graph,
    text_or_named: str | NamedQuery,
    params: Mapping[str, str] | None = None,
) -> QueryResult:
    """Run a named query (a ``NamedQuery`` or its name) or SPARQL text on ``graph``.

    Each parameter must be declared by the query and every declared one given; values
    are bound as plain literals. Text without a ``# param:`` header may bind any
    variable it mentions.
    """
    params = dict(params or {})
    query, declared = _as_query(text_or_named)
    _check_params(query, declared, params)
    prepared = _prepare(query, graph)
    bindings = {Variable(key): Literal(value) for key, value in params.items()}
    try:
        result = graph.query(prepared, initBindings=bindings)
    except SPARQLError as exc:
        raise QueryError(f"query {query.name}: {_one_line(str(exc))}") from exc
    show = _compactor(graph)
    if result.type == "ASK":
        return QueryResult(["ask"], [("true" if result.askAnswer else "false",)])
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        triples = result.graph if result.graph is not None else Graph()
        rows = sorted(tuple(show(term) or "" for term in triple) for triple in triples)
        return QueryResult(["subject", "predicate", "object"], list(rows))
    variables = list(result.vars or [])
    # each solution's mapping as is: rdflib's row objects cost as much again
    rows = [tuple(show(solution.get(var)) for var in variables) for solution in result.bindings]
    return QueryResult([str(var) for var in variables], rows)


def _cell(value: str | None) -> str:
    return "" if value is None else value


def _table(result: QueryResult) -> str:
    """Aligned plain-text columns under a header and a rule of dashes."""
    header = list(result.columns)
    body = [[_one_line(_cell(value)) for value in row] for row in result.rows]
    widths = [len(name) for name in header]
    for row in body:
        widths = [max(width, len(value)) for width, value in zip(widths, row, strict=True)]
    lines = [header, ["-" * width for width in widths], *body]
    return "\n".join(
        "  ".join(value.ljust(width) for value, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def _delimited(result: QueryResult, dialect: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect=dialect, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([_cell(value) for value in row] for row in result.rows)
    return buffer.getvalue().removesuffix("\n")


def _csv(result: QueryResult) -> str:
    """Comma-separated values, quoted where needed; unbound is the empty string."""
    return _delimited(result, "excel")


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _tsv(result: QueryResult) -> str:
    """Tab-separated values; backslash, tab and line breaks in a value are escaped."""
    lines = [result.columns, *([_cell(v) for v in row] for row in result.rows)]
    return "\n".join("\t".join(value.translate(_TSV_ESCAPES) for value in line) for line in lines)


def _json(result: QueryResult) -> str:
    """A JSON list with one object per row; unbound is ``null``."""
    objects = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
    return json.dumps(objects, ensure_ascii=False, indent=2)


FORMATTERS: dict[str, Callable[[QueryResult], str]] = {
    "table": _table,
    "csv": _csv,
    "tsv": _tsv,
    "json": _json,
}
"""Output formats for ``format_result``, by name."""


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """``result`` as text in format ``fmt`` (a key of ``FORMATTERS``), without a final newline."""
    try:
        formatter = FORMATTERS[fmt]
    except KeyError:
        known = ", ".join(sorted(FORMATTERS))
        raise QueryError(f"unknown output format {fmt!r}; known formats: {known}") from None
    return formatter(result)
