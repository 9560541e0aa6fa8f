"""The one place that knows where ``ontology/`` lives and how its files are read.

Installed, the ontology is the package ``kg.ontology``; in a source checkout it is the
``ontology/`` folder beside ``kg/``. ``KG_ONTOLOGY`` points elsewhere (a user's own
gazetteer and patterns).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import InputError

__all__ = ["ontology_dir", "read_jsonl", "read_jsonl_lines"]


@cache
def ontology_dir() -> Path:
    """The folder that holds ``mkg.ttl``, the gazetteer, patterns, shapes and queries."""
    override = os.environ.get("KG_ONTOLOGY")
    if override:
        return Path(override)
    checkout = Path(__file__).resolve().parent.parent / "ontology"
    if (checkout / "mkg.ttl").is_file():
        return checkout
    return Path(str(resources.files("kg.ontology")))


def read_jsonl_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, object)`` for each record of a JSONL data file, naming the
    file and line of a bad one. Blank lines are passed over but still counted."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        raise InputError(path, f"cannot read: {why}") from exc
    # records end at "\n" only: U+2028 and friends may stand inside a JSON string
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"not JSON: {exc.msg}", line=number) from exc
        if not isinstance(record, dict):
            raise InputError(path, "a line must hold a JSON object", line=number)
        yield number, record


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the objects of a JSONL data file (see :func:`read_jsonl_lines`)."""
    for _, record in read_jsonl_lines(path):
        yield record
