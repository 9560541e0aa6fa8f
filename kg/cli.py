"""The ``kg`` command: a thin shell over the library. Each command parses its options,
calls one library function, prints, and turns a ``KGError`` into a one-line error."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from kg import __version__
from kg.errors import InputError, KGError

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_EXPORTS = Path("exports")


def reports_errors(fn: F) -> F:
    """Turn the library's errors into click's one-line message and exit code 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KGError as error:
            raise click.ClickException(str(error)) from error

    return wrapper  # type: ignore[return-value]


def _remember_endpoint(ctx: click.Context, _: click.Parameter, value: str | None) -> None:
    if value:
        ctx.meta["kg.endpoint"] = value


def endpoint_option(fn: F) -> F:
    """``--endpoint``: a SPARQL 1.1 server that holds the graph instead of the local store.

    Its value goes to the click context, so the commands' signatures do not change and
    ``_load`` finds it there."""
    return click.option(
        "--endpoint", envvar="KG_ENDPOINT", expose_value=False, callback=_remember_endpoint,
        metavar="URL", help="Read the graph from this SPARQL 1.1 query endpoint (e.g. "
        "http://127.0.0.1:7878/query) instead of the local store. Env: KG_ENDPOINT.",
    )(fn)  # fmt: skip


def graph_option(fn: F) -> F:
    """``--graph``: the built graph to read (an exports folder or a Turtle file), and
    ``--endpoint`` to read it from a SPARQL server instead."""
    fn = click.option(
        "--graph", "graph_path", type=click.Path(path_type=Path), default=DEFAULT_EXPORTS,
        show_default=True,
        help="The built graph: an exports folder (its store), a store folder or a Turtle file.",
    )(fn)  # fmt: skip
    return endpoint_option(fn)


def _endpoint() -> str | None:
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get("kg.endpoint") if ctx is not None else None


def _load(graph_path: Path, live: bool = False) -> Any:
    """The graph to read: the store (or Turtle file) at ``graph_path``, or, with
    ``--endpoint``, the server's graph: queried there when ``live``, else copied here."""
    endpoint = _endpoint()
    if endpoint:
        from kg.endpoint import RemoteStore

        store = RemoteStore(endpoint)
        return store.graph() if live else store.snapshot()
    from kg.store import load_graph

    return load_graph(graph_path)


def _progress(label: str) -> Callable[[list[Path | str]], Iterator[Path | str]]:
    def wrap(items: list[Path | str]) -> Iterator[Path | str]:
        # click's bar draws only on a terminal; piped, it prints the label once
        with click.progressbar(items, label=label, file=sys.stderr) as bar:
            yield from bar

    return wrap


@click.group()
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """Turn news about armed conflict into a knowledge graph of militant actors."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_EXPORTS,
    show_default=True,
    help="Folder for graph.ttl and network.html.",
)
@click.option("--strict", is_flag=True, help="Exit 1 when the built graph has violations.")
@click.option("--rebuild", is_flag=True, help="Empty the store first, rather than add to it.")
@click.option(
    "--workers", type=click.IntRange(min=1), default=None,
    help="Processes that extract in parallel.  [default: the machine's cores]",
)  # fmt: skip
@click.option(
    "--spacy-model",
    metavar="NAME_OR_FOLDER",
    default=None,
    help="Add the entities of a trained spaCy pipeline (an installed package or a folder; "
    "nothing is downloaded) for names the gazetteer lacks.",
)
@click.option(
    "--no-views", "no_views", is_flag=True,
    help="Only update the store: skip graph.ttl, network.html and validation (for a "
    "large corpus; 'kg export' and 'kg render' write them later).",
)  # fmt: skip
@endpoint_option
@reports_errors
def build(paths: tuple[str, ...], out_dir: Path, strict: bool, rebuild: bool,
          workers: int | None, spacy_model: str | None, no_views: bool) -> None:  # fmt: skip
    """Read documents (files, folders, '-' for stdin) and build the graph.

    Adds their facts to the store OUT/store (or, with --endpoint, to that SPARQL
    server): a document already read with the same content is skipped, one whose
    content changed has its old facts replaced. Writes OUT/graph.ttl and
    OUT/network.html and prints a summary. A document that cannot be read is reported
    and skipped; the exit code is then 1. The built graph is then validated ('kg
    validate'); violations are listed, and fail the build only with --strict.
    """
    from kg.pipeline import build as run_build

    def warn(error: InputError) -> None:
        click.echo(f"Error: {error}", err=True)

    summary = run_build(
        paths, out_dir, on_error=warn, progress=_progress("Extracting"), rebuild=rebuild,
        workers=workers, endpoint=_endpoint(), views=not no_views, spacy_model=spacy_model,
    )  # fmt: skip
    click.echo(f"documents  {summary.documents} read, {len(summary.errors)} skipped")
    click.echo(
        f"store      {summary.added} added, {summary.replaced} replaced, "
        f"{summary.unchanged} unchanged in {summary.store}"
    )
    for name, count in summary.classes.items():
        click.echo(f"{name:<16}{count:>7}")
    for name, count in summary.relations.items():
        click.echo(f"  {name:<14}{count:>7}")
    click.echo(f"triples    {summary.triples}")
    click.echo(f"time       {summary.seconds:.2f} s")
    for output in summary.outputs:
        click.echo(f"wrote      {output}")
    if no_views:
        sys.exit(1 if summary.errors else 0)
    from kg.validation import validate

    violations = validate(_load(out_dir)).violations
    click.echo(f"validation: {len(violations)} violation{'s' * (len(violations) != 1)}")
    for violation in violations[:5]:
        click.echo(f"  {violation}")
    if len(violations) > 5:
        click.echo(f"  ... {len(violations) - 5} more: kg validate --graph {out_dir}")
    if summary.errors or (strict and violations):
        sys.exit(1)


@cli.command()
@click.argument("sparql", required=False)
@click.option("--name", help="A named query from ontology/queries (see 'kg queries').")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A named query's parameter; repeat for more.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
)
@graph_option
@reports_errors
def query(sparql: str | None, name: str | None, params: tuple[str, ...], fmt: str,
          graph_path: Path) -> None:  # fmt: skip
    """Run SPARQL over the built graph: a query text, a .rq file, or --name.

    Parameters are bound as values, never pasted into the query text.
    """
    from kg.errors import QueryError
    from kg.queries import format_result, load_query, run_query

    if (sparql is None) == (name is None):
        raise click.UsageError("give a SPARQL text or file, or --name, not both")
    bindings = {}
    for param in params:
        key, sep, value = param.partition("=")
        if not sep or not key:
            raise QueryError(f"--param {param!r}: expected KEY=VALUE")
        bindings[key] = value
    if name is not None:
        target: Any = load_query(name)
    elif sparql is not None and sparql.endswith(".rq"):
        path = Path(sparql)
        if not path.is_file():
            raise InputError(path, "no such query file")
        target = path.read_text(encoding="utf-8")
    else:
        target = sparql
    result = run_query(_load(graph_path, live=True), target, bindings)
    click.echo(format_result(result, fmt))


@cli.command()
def queries() -> None:
    """List the named queries with their parameters."""
    from kg.queries import list_queries

    for named in list_queries():
        params = " ".join(f"{p}=…" for p in named.params)
        click.echo(f"{named.name:<32}{named.title}  {params}".rstrip())


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "nt", "jsonld", "graphml", "csv"]),
    default="ttl",
    show_default=True,
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="Where to write (a folder for csv). Default: exports/graph.<format>.",
)
@graph_option
@reports_errors
def export(fmt: str, output: Path | None, graph_path: Path) -> None:
    """Write the graph for other tools: Turtle, N-Triples (sorted), JSON-LD, GraphML
    (Gephi, networkx) or nodes/relationships CSV (neo4j-admin import)."""
    from kg.exporters import SUFFIXES
    from kg.exporters import export as run_export

    target = output or DEFAULT_EXPORTS / ("csv" if fmt == "csv" else f"graph{SUFFIXES[fmt]}")
    click.echo(f"wrote {run_export(_load(graph_path), fmt, target)}")


@cli.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=DEFAULT_EXPORTS / "network.html",
    show_default=True,
)
@click.option(
    "--view",
    type=click.Choice(["auto", "whole", "actors"]),
    default="auto",
    show_default=True,
    help="whole: every actor, event and place; actors: actors only, linked also through "
    "events; auto: whole unless it is big, then actors.",
)
@click.option("--focus", metavar="NAME", help="Ego view: the node with this name or alias.")
@click.option(
    "--hops",
    type=click.IntRange(0),
    default=1,
    show_default=True,
    help="With --focus: how many links away to go.",
)
@click.option(
    "--query",
    "query_file",
    metavar="FILE.rq",
    help="Keep the nodes a SPARQL SELECT or CONSTRUCT names (a .rq file or query text).",
)
@click.option("--since", metavar="DATE", help="Only events from this date on (YYYY[-MM[-DD]]).")
@click.option("--until", metavar="DATE", help="Only events up to this date (YYYY[-MM[-DD]]).")
@click.option("--place", metavar="NAME", help="Only events in this place or places within it.")
@click.option(
    "--top",
    type=click.IntRange(0),
    default=None,
    help="Keep the N most central nodes (0: all). Default: 500 for a bigger view.",
)
@click.option(
    "--physics/--no-physics",
    default=None,
    help="Let the layout move in the page. Default: on up to 300 nodes.",
)
@graph_option
@reports_errors
def render(output: Path, view: str, focus: str | None, hops: int, query_file: str | None,
           since: str | None, until: str | None, place: str | None, top: int | None,
           physics: bool | None, graph_path: Path) -> None:  # fmt: skip
    """Write the interactive HTML network: one file that works offline.

    The page has search by any name, filters by class, relation and date, and each
    node's and edge's facts and evidence. Examples:

    \b
      kg render --view actors
      kg render --focus IS-K --hops 2 -o is-k.html
      kg render --query my-subset.rq --since 2023 --until 2024-06
    """
    from kg.rendering import write_view
    from kg.views import select_view

    query = None
    if query_file is not None:
        path = Path(query_file)
        if path.suffix == ".rq" and not path.is_file():
            raise InputError(path, "no such query file")
        query = path.read_text(encoding="utf-8") if path.is_file() else query_file
    chosen = select_view(_load(graph_path), view, focus=focus, hops=hops, query=query,
                         since=since, until=until, place=place, limit=top)  # fmt: skip
    written = write_view(chosen, output, physics)
    notes = "; ".join(chosen.notes)
    click.echo(f"wrote {written}: {len(chosen.nodes):,} nodes, {len(chosen.edges):,} edges"
               + (f" ({notes})" if notes else ""))  # fmt: skip


@cli.command()
@graph_option
@reports_errors
def stats(graph_path: Path) -> None:
    """Count the graph's nodes by class and its relations by type."""
    from kg.pipeline import summarize

    summary = summarize(_load(graph_path, live=True))
    for name, count in summary.classes.items():
        click.echo(f"{name:<16}{count:>7}")
    for name, count in summary.relations.items():
        click.echo(f"{name:<16}{count:>7}")
    click.echo(f"{'triples':<16}{summary.triples:>7}")


@cli.command()
@click.argument("gold", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--misses",
    is_flag=True,
    help="Also list, on stderr, the gold facts not found and the predictions not in the gold.",
)
@graph_option
@reports_errors
def evaluate(gold: Path, fmt: str, misses: bool, graph_path: Path) -> None:
    """Score the built graph against GOLD.jsonl: precision, recall, F1 per relation."""
    import json

    from kg.scoring import as_json, load_gold, report
    from kg.scoring import evaluate as run_evaluate

    scores = run_evaluate(_load(graph_path), load_gold(gold))
    click.echo(as_json(scores) if fmt == "json" else report(scores))
    if misses:
        for score in scores.values():
            for fact in score.misses:
                click.echo("missed " + json.dumps(fact, ensure_ascii=False), err=True)
            for extra in score.extras:
                click.echo("extra  " + json.dumps(extra, ensure_ascii=False), err=True)


def _format_option(choices: list[str], default: str) -> Callable[[F], F]:
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=default, show_default=True
    )


@cli.command("analyze")
@click.option(
    "--network",
    type=click.Choice(["actor", "full"]),
    default="actor",
    show_default=True,
    help="actor: actors linked by relations and shared events, weighted by supporting "
    "events and documents; full: actors, events and places linked by every relation.",
)
@click.option(
    "--communities",
    "method",
    type=click.Choice(["louvain", "leiden"]),
    default="louvain",
    show_default=True,
    help="Community detection method.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the random steps.")
@click.option("--top", type=int, default=20, show_default=True, help="Rows to print (0: all).")
@_format_option(["table", "csv", "json"], "table")
@click.option(
    "--write",
    is_flag=True,
    help="Also write the scores into the graph file as mkg:degree, mkg:betweenness, "
    "mkg:pagerank and mkg:community (actor network only).",
)
@graph_option
@reports_errors
def analyze_command(network: str, method: str, seed: int, top: int, fmt: str, write: bool,
                    graph_path: Path) -> None:  # fmt: skip
    """Who matters and who connects: degree, betweenness and PageRank centrality,
    communities and connected components of the actor network (or the full graph).

    Betweenness is exact up to 5,000 nodes and estimated from 500 sampled sources
    above that; the output says which.
    """
    from kg.analysis import analyze, format_analysis, write_scores

    if write and network != "actor":
        raise click.UsageError("--write takes the scores of the actor network (--network actor)")
    if write and _endpoint():
        raise click.UsageError("--write writes a local graph, not one behind --endpoint")
    result = analyze(_load(graph_path), network, communities=method, seed=seed)
    click.echo(format_analysis(result, fmt, top))
    if write:  # the graph read above is released by now: the store can be written
        click.echo(f"wrote scores to {write_scores(result, graph_path)}", err=True)


@cli.command("path")
@click.argument("source")
@click.argument("target")
@click.option("--max", "limit", type=int, default=5, show_default=True, help="Chains to show.")
@_format_option(["text", "json"], "text")
@graph_option
@reports_errors
def path_command(source: str, target: str, limit: int, fmt: str, graph_path: Path) -> None:
    """The shortest chains of relations from actor SOURCE to actor TARGET (names or
    aliases, any case), through actors and events, with each hop's evidence.

    Exits 1 when no chain links them.
    """
    from kg.analysis import find_paths, format_paths

    chains = find_paths(_load(graph_path), source, target, limit)
    click.echo(format_paths(chains, source, target, fmt))
    if not chains:
        sys.exit(1)


@cli.command("timeline")
@click.argument("name")
@_format_option(["table", "csv", "tsv", "json"], "table")
@graph_option
@reports_errors
def timeline_command(name: str, fmt: str, graph_path: Path) -> None:
    """An actor's events and relations in date order (NAME: a label or alias).

    Events carry their own date; a relation the earliest date of the documents
    that state it ('reported'). Undated entries come last.
    """
    from kg.analysis import format_timeline, timeline

    click.echo(format_timeline(timeline(_load(graph_path), name), fmt))


@cli.command("validate")
@_format_option(["text", "json"], "text")
@graph_option
@reports_errors
def validate_command(fmt: str, graph_path: Path) -> None:
    """Check the graph against the SHACL shapes of ontology/shapes.ttl and the
    violation queries ontology/queries/*-violation.rq.

    Prints every violation (rule, node, what is wrong); exits 1 if there is any.
    """
    from kg.validation import format_report, validate

    report = validate(_load(graph_path))
    click.echo(format_report(report, fmt))
    if not report.conforms:
        sys.exit(1)


@cli.command()
@click.option(
    "--graph", "graph_path", type=click.Path(path_type=Path), default=DEFAULT_EXPORTS,
    show_default=True, help="The exports folder (or store folder) to serve.",
)  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option(
    "--allow-update", is_flag=True,
    help="Accept SPARQL Update and Graph Store writes (read-only without it).",
)  # fmt: skip
@click.option("--cors", is_flag=True, help="Allow cross-origin requests (a YASGUI elsewhere).")
@reports_errors
def serve(graph_path: Path, host: str, port: int, allow_update: bool, cors: bool) -> None:
    """Serve the store as a SPARQL 1.1 endpoint, with a query page in the browser.

    Runs Oxigraph's server (SPARQL 1.1 Protocol at /query and /update, Graph Store
    Protocol at /store, the YASGUI page at /) until Ctrl-C. Read-only unless
    --allow-update. Other tools (YASGUI, Protégé, any SPARQL client, or 'kg query
    --endpoint') use the /query URL it prints.
    """
    from kg.server import Server, free_port, terminate_as_interrupt

    server = Server(graph_path, host, port or free_port(host), allow_update=allow_update, cors=cors)
    with terminate_as_interrupt():
        try:
            server.start()
            mode = "read-write" if allow_update else "read-only"
            click.echo(f"SPARQL endpoint ({mode}): {server.query_url}", err=True)
            if allow_update:
                click.echo(f"SPARQL update:      {server.update_url}", err=True)
            click.echo(f"Graph Store:        {server.store_url}", err=True)
            click.echo(f"Query page:         {server.url}/   (Ctrl-C stops)", err=True)
            code = server.wait()
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM before the server was waited on
            server.stop()
            code = 0
    click.echo("stopped", err=True)
    sys.exit(code)
