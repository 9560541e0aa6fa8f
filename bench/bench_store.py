"""The graph store: build throughput, named-query latency, and the SPARQL endpoint.

    python bench/bench_store.py build --docs 1000 10000 100000 [--size 4000] [--workers 2]
    python bench/bench_store.py queries --triples 1000000 [--repeat 5] [--timeout 120]
    python bench/bench_store.py endpoint --triples 1000000 [--repeat 5]

``build`` streams generated news (bench/corpus.py) into a fresh store on disk, each
size in its own process so that its peak memory is its own: documents per second and
peak resident memory of the build process and of its workers.

``queries`` builds (or reuses, under ``--work``) a store of at least ``--triples``
triples, then times every named query on it (median of ``--repeat`` runs, after one
warm-up) and, in the same run, on rdflib's in-memory store (one run each), with the
load and Turtle export times of both; a query still running after ``--timeout`` seconds
is stopped.

``endpoint`` serves the same store with ``kg serve``'s server and times the same
queries over HTTP; then bulk-loads the graph into an empty server through the Graph
Store Protocol, and builds documents into a server through SPARQL Update.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import documents

from kg.model import Document
from kg.pipeline import build_into
from kg.queries import list_queries, run_query
from kg.store import EmbeddedStore, load_graph, open_store, write_turtle

PARAMS = {
    "actor": "Islamic State",
    "group": "Islamic State",
    "community": "Shia Muslims",
    "place": "Afghanistan",
    "from": "2018",
    "to": "2022",
}


def _docs(count: int, size: int, start: int = 0) -> Iterator[Document]:
    for record in documents(start + count, size=size):
        if int(record["id"].removeprefix("gen-")) >= start:
            yield Document(id=record["id"], text=record["text"], source="generated",
                           title=record["title"])  # fmt: skip


def _peak_mb(who: int = resource.RUSAGE_SELF) -> int:
    return resource.getrusage(who).ru_maxrss // 1024


def _count(graph) -> int:
    return int(next(iter(graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0])


# -- build -----------------------------------------------------------------------------


def _build_one(count: int, size: int, workers: int) -> None:
    """Child process: one build of ``count`` documents; prints one result line."""
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "store")
        started = time.perf_counter()
        build_into(store, _docs(count, size), workers=workers)
        seconds = time.perf_counter() - started
        graph = store.graph()
        triples = _count(graph)
        del graph
        store.close()
        disk = sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file()) >> 20
    print(
        f"| {count:,} | {seconds:.1f} s | {count / seconds:.1f} | {triples:,} | {disk:,} MB "
        f"| {_peak_mb()} MB | {_peak_mb(resource.RUSAGE_CHILDREN)} MB |",
        flush=True,
    )


def bench_build(sizes: list[int], size: int, workers: int) -> None:
    print(f"\nBuild into a new store: documents of ~{size} characters, {workers} workers\n")
    print("| documents | time | documents/s | triples | store on disk | peak memory "
          "(build) | peak memory (a worker) |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for count in sizes:
        subprocess.run(
            [sys.executable, __file__, "_build_one", str(count), str(size), str(workers)],
            check=True,
        )


# -- queries --------------------------------------------------------------------------


def _store(work: Path, triples: int, workers: int) -> Path:
    """A store of at least ``triples`` triples under ``work``, built once and kept."""
    folder = work / f"store-{triples}"
    if (folder / "CURRENT").is_file():
        graph = load_graph(folder)
        have = _count(graph)
        del graph
        if have >= triples:
            return folder
    store = open_store(folder, rebuild=True)
    made = 0
    started = time.perf_counter()
    while True:
        build_into(store, _docs(500, 4000, start=made), workers=workers)
        made += 500
        graph = store.graph()
        have = _count(graph)
        del graph
        print(f"  built {made} documents, {have:,} triples", file=sys.stderr, flush=True)
        if have >= triples:
            break
    store.close()
    print(f"  ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return folder


def _time(graph, named, repeat: int) -> tuple[float, int]:
    """Median seconds of ``repeat`` runs (after a warm-up run when more than one), rows."""
    params = {p: PARAMS[p] for p in named.params}
    times = []
    for _ in range(repeat + (repeat > 1)):
        started = time.perf_counter()
        rows = len(run_query(graph, named, params).rows)
        times.append(time.perf_counter() - started)
    return statistics.median(times[1:] if repeat > 1 else times), rows


def _load_rdflib(nt: str):
    from rdflib import Graph

    from kg.namespaces import bind

    graph = bind(Graph())
    graph.parse(nt, format="nt")
    return graph


def _child(load, source: str, names: list[str], repeat: int, out) -> None:
    """In a child process: load the graph, then time each query and write Turtle."""
    started = time.perf_counter()
    graph = load(source)
    out.put(("load", time.perf_counter() - started, 0))
    by_name = {q.name: q for q in list_queries()}
    for name in names:
        try:
            out.put((name, *_time(graph, by_name[name], repeat)))
        except Exception as error:  # rdflib fails on some queries: say so, go on
            print(f"{name}: {type(error).__name__}: {error}", file=sys.stderr)
            out.put((name, float("inf"), 0))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        write_turtle(graph, Path(folder) / "g.ttl")
    out.put(("turtle", time.perf_counter() - started, 0))


def _times(load, source: Path, names: list[str], repeat: int, timeout: float) -> dict:
    """Each query's (median seconds, rows), timed in a child process; a query still
    running after ``timeout`` seconds is stopped (NaN) and a new child goes on."""
    results: dict[str, tuple[float, int]] = {}
    todo = list(names)
    context = multiprocessing.get_context("fork")
    while True:
        queue = context.Queue()
        child = context.Process(target=_child, args=(load, str(source), todo, repeat, queue))
        child.start()
        current = "load"
        try:
            while True:
                key, seconds, rows = queue.get(timeout=3600 if current == "load" else timeout)
                results[key] = (seconds, rows)
                if key == "turtle":
                    return results
                if key in todo:
                    todo.remove(key)
                current = todo[0] if todo else "turtle"
        except Exception:  # the queue's timeout: stop that query, go on with the rest
            results[current] = (float("nan"), 0)
            if current in todo:
                todo.remove(current)
            if current == "turtle":
                return results
        finally:
            child.kill()
            child.join()


def _ms(seconds: float, timeout: float) -> str:
    if seconds == float("inf"):
        return "fails"
    if seconds != seconds:
        return f"> {timeout:.0f} s"
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def bench_queries(work: Path, triples: int, repeat: int, timeout: float, workers: int) -> None:
    folder = _store(work, triples, workers)
    graph = load_graph(folder)
    have = _count(graph)
    del graph
    names = [q.name for q in list_queries() if not q.name.endswith("-violation")]
    ours = _times(load_graph, folder, names, repeat, timeout)
    with tempfile.TemporaryDirectory() as tmp:
        nt = Path(tmp) / "graph.nt"
        import pyoxigraph as ox

        store = EmbeddedStore(folder, read_only=True)
        store.oxigraph.dump(str(nt), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        store.close()
        theirs = _times(_load_rdflib, nt, names, 1, timeout)
    print(f"\nNamed queries on {have:,} triples: median of {repeat} runs on Oxigraph after "
          f"a warm-up, one run on rdflib; a query is stopped after {timeout:.0f} s\n")  # fmt: skip
    print("| query | rows | Oxigraph (embedded) | rdflib in memory | rdflib / Oxigraph |")
    print("|---|---|---|---|---|")
    nan = (float("nan"), 0)
    for name in names:
        seconds, rows = ours.get(name, nan)
        other, _ = theirs.get(name, nan)
        if float("inf") in (seconds, other):
            ratio = "?"
        elif seconds == seconds and other == other:
            ratio = f"{other / seconds:,.0f}x"
        elif seconds == seconds:
            ratio = f"> {timeout / seconds:,.0f}x"
        else:
            ratio = "?"
        print(f"| {name} | {rows:,} | {_ms(seconds, timeout)} | {_ms(other, timeout)} | {ratio} |")
    print(f"| (open the store / parse N-Triples) | | {_ms(ours['load'][0], timeout)} "
          f"| {_ms(theirs['load'][0], timeout)} | |")  # fmt: skip
    print(f"| (write Turtle) | | {_ms(ours.get('turtle', nan)[0], timeout)} "
          f"| {_ms(theirs.get('turtle', nan)[0], timeout)} | |")  # fmt: skip


# -- endpoint -------------------------------------------------------------------------


def bench_endpoint(work: Path, triples: int, repeat: int, workers: int) -> None:
    from kg.endpoint import RemoteStore
    from kg.server import Server, free_port

    folder = _store(work, triples, workers)
    named = [q for q in list_queries() if not q.name.endswith("-violation")]
    with Server(folder, port=free_port()) as server:
        remote = RemoteStore(server.query_url)
        graph = remote.graph()
        have = _count(graph)
        times = {q.name: _time(graph, q, repeat) for q in named}
    print(f"\nNamed queries over HTTP (kg serve, {have:,} triples, median of {repeat})\n")
    print("| query | rows | over HTTP |")
    print("|---|---|---|")
    for name, (seconds, rows) in times.items():
        print(f"| {name} | {rows:,} | {seconds * 1000:.0f} ms |")

    with tempfile.TemporaryDirectory() as tmp:
        nt = Path(tmp) / "graph.nt"
        import pyoxigraph as ox

        store = EmbeddedStore(folder, read_only=True)
        store.oxigraph.dump(str(nt), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        store.close()
        open_store(Path(tmp) / "empty").close()
        with Server(Path(tmp) / "empty", port=free_port(), allow_update=True) as server:
            remote = RemoteStore(server.query_url, store_endpoint=server.store_url)
            started = time.perf_counter()
            sent = remote.load(nt, chunk=100_000)
            seconds = time.perf_counter() - started
        print(f"\nGraph Store Protocol bulk load: {sent:,} triples in {seconds:.1f} s "
              f"({sent / seconds:,.0f} triples/s, 100,000 a request)")  # fmt: skip
        open_store(Path(tmp) / "built").close()
        with Server(Path(tmp) / "built", port=free_port(), allow_update=True) as server:
            remote = RemoteStore(server.query_url)
            started = time.perf_counter()
            build_into(remote, _docs(1000, 4000), workers=workers)  # type: ignore[arg-type]
            seconds = time.perf_counter() - started
            have = _count(remote.graph())
        print(f"Build into the server (SPARQL Update, batches): 1,000 documents in "
              f"{seconds:.1f} s ({1000 / seconds:.1f} documents/s, {have:,} triples)")  # fmt: skip


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_build_one":
        _build_one(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["build", "queries", "endpoint"])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--size", type=int, default=4000, help="characters a document")
    parser.add_argument("--workers", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a query")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.what == "build":
        bench_build(args.docs, args.size, args.workers)
    elif args.what == "queries":
        bench_queries(args.work, args.triples, args.repeat, args.timeout, args.workers)
    else:
        bench_endpoint(args.work, args.triples, args.repeat, args.workers)


if __name__ == "__main__":
    main()
