"""SPARQL text helpers shared by the store on disk and the remote one: the text of a
prepared query, and parameters bound as a ``VALUES`` block.

Oxigraph's own substitution binds only projected variables, and a SPARQL server takes
text, so both stores bind a named query's parameters the same way: a ``VALUES`` block
written from rdflib terms' N-Triples form, first in the query's outer group, where
rdflib's ``initBindings`` would bind them. A value can never change the query's text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

__all__ = ["bind_values", "bound_text", "query_text", "with_prefixes"]


def query_text(query: str | Query) -> str:
    """The SPARQL text of a query, also of one prepared by ``rdflib.prepareQuery``."""
    if isinstance(query, str):
        return query
    original = getattr(query, "_original_args", None)  # set by rdflib's prepareQuery
    if not original:
        raise NotImplementedError("a query parsed without its text cannot run in Oxigraph")
    return original[0]


_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][A-Za-z0-9_]+)
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<open>\{)
    | (?P<close>\})
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def _where_brace(text: str) -> int | None:
    """The offset just after the ``{`` that opens the query's WHERE group, or None (the
    short ``CONSTRUCT WHERE`` form, or no group)."""
    depth = 0
    form = None
    skip_template = False
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "word" and depth == 0 and form is None:
            word = match.group().upper()
            if word in ("SELECT", "ASK", "DESCRIBE", "CONSTRUCT"):
                form = word
                skip_template = word == "CONSTRUCT"
            continue
        if kind == "word" and skip_template and depth == 0 and match.group().upper() == "WHERE":
            return None  # CONSTRUCT WHERE { template }: no room for VALUES
        if kind == "open":
            if depth == 0 and form is not None:
                if skip_template:
                    skip_template = False
                    depth += 1
                    continue
                return match.end()
            depth += 1
        elif kind == "close":
            depth -= 1
    return None


def _substitute(text: str, bindings: Mapping[str, Node]) -> str | None:
    """``text`` with each bound variable replaced by its value, as SPARQL's proposed
    substitution (SEP-0007) and rdflib's ``initBindings`` bind it: in the projection as
    ``(value AS ?name)``, elsewhere as the value. None when a variable is also assigned
    (``AS ?name``, a ``VALUES`` of it) or the query projects ``*``: the caller then binds
    with a ``VALUES`` block."""
    values = {name: _nt(value) for name, value in bindings.items()}
    out: list[str] = []
    clause = None  # "select" between SELECT and its WHERE group, at the top level
    depth = parens = 0
    previous = ""
    in_values = False  # between VALUES and its data block
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "word":
            word = token.upper()
            if depth == 0 and word == "SELECT" and clause is None:
                clause = "select"
            elif word == "WHERE" and clause == "select" and depth == 0:
                clause = "done"
            elif word == "VALUES":
                in_values = True
        elif kind == "open":
            in_values = False
            if clause == "select" and depth == 0:
                clause = "done"
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "other" and token == "*" and clause == "select" and parens == 0:
            return None  # SELECT *: the bound variable would drop out of the columns
        elif kind == "other" and token in "()":
            parens += 1 if token == "(" else -1
        elif kind == "var" and token[1:] in values:
            if previous == "AS" or in_values:
                return None  # assigned there: a VALUES block binds it instead
            value = values[token[1:]]
            out.append(f"({value} AS {token})" if clause == "select" and parens == 0 else value)
            previous = token
            continue
        if kind not in ("comment",) and not token.isspace():
            previous = token.upper() if kind == "word" else token
        out.append(token)
    return "".join(out)


def bound_text(query: str | Query, init_bindings: Mapping[Any, Node]) -> str:
    """The text of ``query`` with rdflib's ``initBindings`` bound (both stores' entry)."""
    return bind_values(query_text(query), {str(k): v for k, v in init_bindings.items()})


def bind_values(text: str, bindings: Mapping[str, Node]) -> str:
    """``text`` with ``bindings`` bound: each variable replaced by its value (see
    ``_substitute``), or, where that cannot be done, a ``VALUES`` block first in the
    WHERE group. Values are written in N-Triples form, so no value can change the query.

    Substitution rather than ``VALUES`` everywhere because Oxigraph plans a filter on a
    constant far better: a named query can take 0.6 s rather than a minute.

    >>> from rdflib import Literal
    >>> bind_values('SELECT ?x WHERE { ?x ?p ?name }', {"name": Literal('a "b"')})
    'SELECT ?x WHERE { ?x ?p "a \\\\"b\\\\"" }'
    >>> bind_values('SELECT * WHERE { ?x ?p ?name }', {"name": Literal("a")})
    'SELECT * WHERE { VALUES (?name) { ("a") }\\n ?x ?p ?name }'
    """
    if not bindings:
        return text
    substituted = _substitute(text, bindings)
    if substituted is not None:
        return substituted
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(_nt(value) for value in bindings.values())
    block = f" VALUES ({names}) {{ ({row}) }}\n"
    at = _where_brace(text)
    if at is None:  # a trailing VALUES clause, which the grammar allows after any query
        return f"{text}\nVALUES ({names}) {{ ({row}) }}\n"
    return text[:at] + block + text[at:]


def with_prefixes(text: str, namespaces: Mapping[str, Any]) -> str:
    declared = "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in namespaces.items())
    return declared + text


def _nt(term: Node) -> str:
    from kg.store import _nt as nt  # one N-Triples writer, in kg.store

    return nt(term)
