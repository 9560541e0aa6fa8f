"""Is the graph well-formed? The SHACL shapes of ``ontology/shapes.ttl`` (pySHACL) and
the violation queries ``ontology/queries/*-violation.rq``, which must return no rows.

``validate(graph)`` runs both and returns one ``Violation`` per problem: the rule that
caught it (a shape or a query), the node it is about, and a one-line message.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

from kg.errors import InputError, ValidationError
from kg.namespaces import PREFIXES
from kg.queries import NamedQuery, list_queries, run_query
from kg.resources import ontology_dir

__all__ = [
    "REPORTERS",
    "ValidationReport",
    "Violation",
    "check",
    "format_report",
    "load_shapes",
    "validate",
    "violation_queries",
]

SHAPES_FILE = "shapes.ttl"
VIOLATION_SUFFIX = "-violation"


@dataclass(frozen=True, order=True)
class Violation:
    """One problem: the rule that found it, the node it is about, and what is wrong.

    ``rule`` is a shape's name (``EventShape``) or a violation query's name;
    ``kind`` is ``"shape"`` or ``"query"``; ``path`` and ``value`` say which property
    and which value broke a shape, when there is one.
    """

    kind: str
    rule: str
    focus: str
    message: str
    path: str = ""
    value: str = ""

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value else ""
        return f"{self.rule}: {self.focus}{where}{value}: {self.message}"


@dataclass
class ValidationReport:
    """Every violation of the shapes and the violation queries, sorted."""

    violations: list[Violation] = field(default_factory=list)
    shapes: int = 0
    queries: list[str] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.violations


def load_shapes(path: str | Path | None = None) -> Graph:
    """The SHACL shapes graph: ``ontology/shapes.ttl`` unless ``path`` says otherwise."""
    path = Path(path) if path is not None else ontology_dir() / SHAPES_FILE
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise InputError(path, "no SHACL shapes here") from exc
    except Exception as exc:  # rdflib raises many parser types; all mean the same here
        raise InputError(path, f"not readable Turtle: {str(exc).splitlines()[0]}") from exc


def violation_queries() -> list[NamedQuery]:
    """The shipped queries whose name ends in ``-violation``: each must return no rows."""
    return [query for query in list_queries() if query.name.endswith(VIOLATION_SUFFIX)]


def _compact(shapes: Graph) -> Callable[[Node | None], str]:
    """Show a term briefly: a shape by its local name, other IRIs as prefixed names."""
    table = {str(ns): prefix for prefix, ns in PREFIXES.items()}
    table.update({str(ns): "" for prefix, ns in shapes.namespaces() if prefix == "mkgsh"})
    # longest namespace first, so mkr: wins over a shorter prefix of it
    ordered = sorted(table.items(), key=lambda item: -len(item[0]))

    def show(term: Node | None) -> str:
        if term is None:
            return ""
        if isinstance(term, URIRef):
            text = str(term)
            for ns, prefix in ordered:
                if text.startswith(ns) and len(text) > len(ns):
                    return f"{prefix}:{text[len(ns) :]}" if prefix else text[len(ns) :]
            return f"<{text}>"
        return " ".join(str(term).split())

    return show


def _shape_name(results: Graph, result: Node, show: Callable[[Node | None], str]) -> str:
    """The named shape a result comes from: a blank property shape's parent's name."""
    shape = results.value(result, SH.sourceShape)
    seen = 0
    while shape is not None and not isinstance(shape, URIRef) and seen < 8:
        parent = results.value(None, SH.property, shape)
        if parent is None:
            break
        shape, seen = parent, seen + 1
    return show(shape) if isinstance(shape, URIRef) else "shape"


def _in_memory(graph: Graph) -> Graph:
    """``graph`` in rdflib's memory store: pySHACL makes many small lookups, which a
    store behind a bridge (Oxigraph through oxrdflib) answers hundreds of times slower."""
    if isinstance(graph.store, Memory):
        return graph
    copy = Graph()
    copy += graph
    return copy


def _shape_violations(graph: Graph, shapes: Graph) -> list[Violation]:
    from pyshacl import validate as shacl_validate  # pySHACL is slow to import

    _, results, _ = shacl_validate(
        _in_memory(graph),
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        meta_shacl=False,
        advanced=False,
    )
    # the results graph copies the shapes it cites, so a property shape finds its parent
    results += shapes
    show = _compact(shapes)
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        message = results.value(result, SH.resultMessage)
        focus = results.value(result, SH.focusNode)
        value = results.value(result, SH.value)
        found.append(
            Violation(
                kind="shape",
                rule=_shape_name(results, result, show),
                focus=show(focus),
                message=" ".join(str(message).split()) if message is not None else "",
                path=show(results.value(result, SH.resultPath)),
                value=show(value) if value != focus else "",
            )
        )
    return found


def _query_violations(graph: Graph, queries: Iterable[NamedQuery]) -> list[Violation]:
    found = []
    for query in queries:
        result = run_query(graph, query)
        for row in result.rows:
            cells = [cell or "" for cell in row]
            rest = " ".join(
                f"{column}={cell}"
                for column, cell in zip(result.columns[1:], cells[1:], strict=True)
            )
            message = f"{query.title}{': ' + rest if rest else ''}"
            found.append(Violation("query", query.name, cells[0] if cells else "", message))
    return found


def validate(
    graph: Graph,
    shapes: Graph | None = None,
    queries: Iterable[NamedQuery] | None = None,
) -> ValidationReport:
    """Check ``graph`` against the SHACL shapes and the violation queries.

    ``shapes`` defaults to ``ontology/shapes.ttl`` and ``queries`` to the shipped
    ``*-violation`` queries. Returns every violation, sorted, and never raises on one.
    """
    shapes = shapes if shapes is not None else load_shapes()
    queries = list(queries if queries is not None else violation_queries())
    violations = _shape_violations(graph, shapes) + _query_violations(graph, queries)
    return ValidationReport(
        violations=sorted(set(violations), key=lambda v: (v.kind != "shape", v)),
        shapes=len(set(shapes.subjects(RDF.type, SH.NodeShape))),
        queries=[query.name for query in queries],
    )


def check(graph: Graph) -> None:
    """Raise ``ValidationError`` naming the first violation (and how many) if any."""
    report = validate(graph)
    if report.violations:
        count = len(report.violations)
        raise ValidationError(
            f"{count} violation{'s' * (count != 1)}; first: {report.violations[0]}"
        )


def _text(report: ValidationReport) -> str:
    count = len(report.violations)
    lines = [f"{count} violation{'s' * (count != 1)}"]
    lines += [f"  {violation}" for violation in report.violations]
    return "\n".join(lines)


def _json(report: ValidationReport) -> str:
    return json.dumps(
        {
            "conforms": report.conforms,
            "shapes": report.shapes,
            "queries": report.queries,
            "violations": [asdict(violation) for violation in report.violations],
        },
        ensure_ascii=False,
        indent=2,
    )


REPORTERS: dict[str, Callable[[ValidationReport], str]] = {"text": _text, "json": _json}
"""Ways to print a ``ValidationReport``, by name."""


def format_report(report: ValidationReport, fmt: str = "text") -> str:
    """``report`` as text or JSON (a key of ``REPORTERS``)."""
    return REPORTERS[fmt](report)
