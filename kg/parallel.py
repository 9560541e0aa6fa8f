"""Extraction on several processes, results in input order.

Workers only extract (``Document`` in, ``Extraction`` out, both plain picklable
records); the parent writes the graph, in the order the documents came, so the graph
is the same whatever the number of workers. Work goes out a chunk at a time with at
most two chunks in flight, so memory stays bounded however long the stream.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Any, TypeVar

__all__ = ["ordered_map"]

T = TypeVar("T")
R = TypeVar("R")

_IN_FLIGHT = 2
_SMALL = 4
"""Up to this many items per worker in all, a pool costs more than it saves."""


def ordered_map(
    fn: Callable[[Any], R],
    chunks: Iterable[list[T]],
    *,
    workers: int | None = 1,
    item: Callable[[T], Any] = lambda entry: entry,
) -> Iterator[tuple[T, R]]:
    """``(entry, fn(item(entry)))`` for every entry of every chunk, in order, computed on
    ``workers`` processes (in this one when 1, or when the input is small)."""
    workers = max(1, workers or multiprocessing.cpu_count())
    chunks = iter(chunks)
    head = [chunk for chunk in (next(chunks, None), next(chunks, None)) if chunk is not None]
    small = len(head) < 2 and sum(len(chunk) for chunk in head) <= _SMALL * workers
    if workers == 1 or small:
        for chunk in chain(head, chunks):
            for entry in chunk:
                yield entry, fn(item(entry))
        return
    with multiprocessing.Pool(workers) as pool:
        in_flight: deque[tuple[list[T], Any]] = deque()
        for chunk in chain(head, chunks):
            size = max(1, len(chunk) // (workers * 4))
            in_flight.append((chunk, pool.map_async(fn, [item(e) for e in chunk], size)))
            while len(in_flight) > _IN_FLIGHT:
                done, results = in_flight.popleft()
                yield from zip(done, results.get(), strict=True)
        while in_flight:
            done, results = in_flight.popleft()
            yield from zip(done, results.get(), strict=True)
