"""How fast the network page is made and drawn: render time, file size and the time until
the page is stable in headless Chromium, for graphs of 100, 1,000 and 10,000 nodes.

    python bench/bench_render.py              # 100, 1000, 10000 nodes, every node drawn
    python bench/bench_render.py 100 1000     # other sizes
    python bench/bench_render.py --no-browser # render only

The graphs are synthetic but shaped like the model: 30% actors of the seven classes,
50% events (claimed by one actor, targeting another, in a place, with a date and a
casualty report), 20% places; every relation has one evidence sentence. Each page
holds every node (``limit=0``); "stable" is the page's ``data-state=stable``: the first
frame drawn after vis-network's stabilisation, or the first frame when physics is off.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from rdflib import XSD, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import igraph  # noqa: E402, F401  (imported before timing)

from kg.graph import new_graph  # noqa: E402
from kg.namespaces import MKG, MKR  # noqa: E402
from kg.rendering import PHYSICS_LIMIT, html_page, layout  # noqa: E402
from kg.views import ACTOR_CLASSES, select_view  # noqa: E402

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def synthetic_graph(size: int, seed: int = 7):
    """A graph of about ``size`` actors, events and places in the model's shape."""
    rng = random.Random(seed)
    graph = new_graph()
    n_actors, n_places = max(2, size * 3 // 10), max(1, size // 5)
    n_events = max(1, size - n_actors - n_places)
    doc = MKR["doc/bench"]
    graph.add((doc, RDF.type, MKG.Document))
    graph.add((doc, DCTERMS.title, Literal("Synthetic news")))
    actors = [MKR[f"actor/a{i}"] for i in range(n_actors)]
    places = [MKR[f"place/p{i}"] for i in range(n_places)]

    def relation(s, p, o, n):
        graph.add((s, p, o))
        st = MKR[f"evidence/{n}"]
        graph.add((st, RDF.type, RDF.Statement))
        graph.add((st, RDF.subject, s))
        graph.add((st, RDF.predicate, p))
        graph.add((st, RDF.object, o))
        graph.add((st, PROV.wasDerivedFrom, doc))
        graph.add((st, MKG.sentence, Literal(f"Sentence {n} says so.")))

    for i, actor in enumerate(actors):
        graph.add((actor, RDF.type, MKG.Actor))
        graph.add((actor, RDF.type, MKG[ACTOR_CLASSES[i % len(ACTOR_CLASSES)]]))
        graph.add((actor, RDFS.label, Literal(f"Actor {i}")))
        graph.add((actor, SKOS.altLabel, Literal(f"A{i}")))
    for i, place in enumerate(places):
        graph.add((place, RDF.type, MKG.Place))
        graph.add((place, RDFS.label, Literal(f"Place {i}")))
    count = 0
    for i in range(n_events):
        event = MKR[f"event/e{i}"]
        graph.add((event, RDF.type, MKG.Event))
        graph.add((event, RDF.type, MKG.Attack))
        graph.add((event, RDF.type, MKG.Bombing))
        graph.add((event, RDFS.label, Literal(f"Bombing {i}")))
        date = f"20{10 + i % 15}-0{1 + i % 9}"
        graph.add((event, MKG.date, Literal(date, datatype=XSD.gYearMonth)))
        # a few prominent actors claim most attacks, as in the news
        doer = actors[min(int(rng.paretovariate(1.2)) - 1, n_actors - 1)]
        victim = rng.choice(actors)
        where = rng.choice(places)
        for p, o in ((MKG.claimedBy, doer), (MKG.targeted, victim), (MKG.place, where)):
            count += 1
            relation(event, p, o, count)
        report = MKR[f"casualty/c{i}"]
        graph.add((event, MKG.casualties, report))
        graph.add((report, RDF.type, MKG.CasualtyReport))
        graph.add((report, MKG.deaths, Literal(rng.randint(0, 50))))
        graph.add((report, PROV.wasDerivedFrom, doc))
    for _ in range(n_actors // 3):
        count += 1
        relation(rng.choice(actors), MKG.alliedWith, rng.choice(actors), count)
    return graph


@contextmanager
def open_browser():
    """A headless Debian Chromium through Playwright, with a fresh profile."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile, executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=CHROMIUM_ARGS, headless=True, viewport={"width": 1400, "height": 900},
            )  # fmt: skip
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def time_to_stable(context, path: Path, timeout_s: float = 300) -> float:
    """Seconds from navigation until the page says it is stable (reading the file included)."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(path.resolve().as_uri(), wait_until="commit")
        page.wait_for_selector("body[data-state=stable]", timeout=timeout_s * 1000)
        elapsed = page.evaluate("window.kgStableAt / 1000")
        if errors:
            raise RuntimeError(f"{path}: {errors[0]}")
        return elapsed
    finally:
        page.close()


def bench(sizes: list[int], browser: bool) -> None:
    out = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    rows = []
    context_manager = open_browser() if browser else None
    context = context_manager.__enter__() if context_manager else None
    layout(select_view(synthetic_graph(10), "whole", limit=0))  # warm igraph up
    try:
        for size in sizes:
            graph = synthetic_graph(size)
            started = time.perf_counter()
            view = select_view(graph, "whole", limit=0)
            selected = time.perf_counter()
            layout(view)
            laid_out = time.perf_counter()
            page = html_page(view)
            path = out / f"network-{size}.html"
            path.write_text(page, encoding="utf-8")
            done = time.perf_counter()
            stable = time_to_stable(context, path) if context else float("nan")
            rows.append(
                (len(view.nodes), len(view.edges), len(view.nodes) <= PHYSICS_LIMIT,
                 selected - started, laid_out - selected, (selected - started) + (done - laid_out),
                 path.stat().st_size / 1e6, stable)
            )  # fmt: skip
            print(f"  {size} done", file=sys.stderr)
    finally:
        if context_manager:
            context_manager.__exit__(None, None, None)
    print(
        f"{'nodes':>7} {'edges':>7} {'physics':>7} {'view s':>7} {'layout s':>8} "
        f"{'render s':>8} {'file MB':>7} {'stable s':>8}"
    )
    for nodes, edges, physics, view_s, layout_s, render_s, mb, stable in rows:
        print(
            f"{nodes:>7} {edges:>7} {'on' if physics else 'off':>7} {view_s:>7.2f} "
            f"{layout_s:>8.2f} {render_s:>8.2f} {mb:>7.2f} {stable:>8.2f}"
        )
    print("render s = view + page (the page's layout included); layout s is that layout alone")
    shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 10000])
    parser.add_argument("--no-browser", action="store_true", help="skip the browser timing")
    args = parser.parse_args()
    bench(args.sizes, not args.no_browser)


if __name__ == "__main__":
    main()
