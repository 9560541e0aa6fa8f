"""The one error tree of militant-kg.

    KGError                  base: every error the tool reports as a one-line message
    ├── InputError           a document, gold file or path the user gave cannot be read
    ├── QueryError           a SPARQL text, named query or parameter is wrong
    └── ValidationError      the graph does not conform to the ontology's shapes

Each message is one line that names the file (and line) and what is wrong, so the CLI
can print it as it is and exit non-zero.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["InputError", "KGError", "QueryError", "ValidationError"]


class KGError(Exception):
    """Base of every error militant-kg reports to a user."""


class InputError(KGError):
    """An input path or document that cannot be read as asked."""

    def __init__(self, path: str | Path, why: str, line: int | None = None) -> None:
        self.path = str(path)
        self.why = why
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {why}")


class QueryError(KGError):
    """A SPARQL query, named query or query parameter that cannot be run."""


class ValidationError(KGError):
    """The graph breaks a SHACL shape or a violation query."""
