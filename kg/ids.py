"""Deterministic slugs and IRIs: the same name always gives the same resource."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache

from rdflib import URIRef

from kg.namespaces import MKR

__all__ = ["actor_iri", "digest", "doc_iri", "event_iri", "place_iri", "slug", "type_slug"]

_NON_WORD = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens.

    >>> slug("Islamic State – Khorasan (IS-K)")
    'islamic-state-khorasan-is-k'
    >>> slug("Mazār-i-Sharīf")
    'mazar-i-sharif'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    return words or "x-" + digest(text)[:10]


@cache  # a few event types, asked for every event
def type_slug(event_type: str) -> str:
    """``SuicideBombing`` -> ``suicide-bombing``."""
    return _CAMEL.sub("-", event_type).lower()


def digest(*parts: object) -> str:
    """A short stable hash of ``parts`` for resources that have no name of their own."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def actor_iri(actor_id: str) -> URIRef:
    return MKR[f"actor/{actor_id}"]


def place_iri(place_id: str) -> URIRef:
    return MKR[f"place/{place_id}"]


def doc_iri(doc_id: str) -> URIRef:
    return MKR[f"doc/{doc_id}"]


def event_iri(date: str | None, place_id: str | None, event_type: str) -> URIRef:
    """``mkr:event/<date-or-undated>-<place>-<type>`` as the spec fixes it."""
    return MKR[f"event/{date or 'undated'}-{place_id or 'unplaced'}-{type_slug(event_type)}"]
