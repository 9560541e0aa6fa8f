"""Where the built graph lives, and reading it back for queries, exports and views."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.errors import InputError
from kg.graph import new_graph

__all__ = ["load_graph"]


def load_graph(path: str | Path) -> Graph:
    """The graph in ``path``: a Turtle file, or an exports folder holding ``graph.ttl``."""
    path = Path(path)
    if path.is_dir():
        path = path / "graph.ttl"
    if not path.is_file():
        raise InputError(path, "no graph here: run 'kg build' first")
    graph = new_graph()
    try:
        graph.parse(path, format="turtle" if path.suffix in (".ttl", "") else None)
    except Exception as exc:  # rdflib raises many parser types; all mean the same here
        raise InputError(path, f"not a readable RDF graph: {str(exc).splitlines()[0]}") from exc
    return graph
