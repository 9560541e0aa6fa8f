"""militant-kg: English news about armed conflict in, a knowledge graph of militant actors out.

Everything the ``kg`` command does is a call here::

    from kg import build, load_graph, run_query
    summary = build(["seeds/"], "exports")
    rows = run_query(load_graph("exports"), "SELECT ...", {}).rows
"""

from __future__ import annotations

__version__ = "0.1.0"

from kg.analysis import analyze, find_paths, timeline
from kg.documents import read_file, read_inputs
from kg.errors import InputError, KGError, QueryError, ValidationError
from kg.exporters import EXPORTERS, export, sorted_ntriples, to_networkx
from kg.extraction import extract
from kg.gazetteer import Gazetteer, default_gazetteer
from kg.pipeline import BuildSummary, build, build_graph, summarize
from kg.queries import format_result, list_queries, load_query, run_query
from kg.rendering import render
from kg.scoring import evaluate, load_gold
from kg.store import load_graph
from kg.validation import validate

__all__ = [
    "EXPORTERS",
    "BuildSummary",
    "Gazetteer",
    "InputError",
    "KGError",
    "QueryError",
    "ValidationError",
    "__version__",
    "analyze",
    "build",
    "build_graph",
    "default_gazetteer",
    "evaluate",
    "export",
    "extract",
    "find_paths",
    "format_result",
    "list_queries",
    "load_gold",
    "load_graph",
    "load_query",
    "read_file",
    "read_inputs",
    "render",
    "run_query",
    "sorted_ntriples",
    "summarize",
    "timeline",
    "to_networkx",
    "validate",
]
