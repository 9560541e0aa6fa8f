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


def graph_option(fn: F) -> F:
    """``--graph``: the built graph to read (an exports folder or a Turtle file)."""
    return click.option(
        "--graph", "graph_path", type=click.Path(path_type=Path), default=DEFAULT_EXPORTS,
        show_default=True, help="The built graph: an exports folder or a Turtle file.",
    )(fn)  # fmt: skip


def _load(graph_path: Path) -> Any:
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
@reports_errors
def build(paths: tuple[str, ...], out_dir: Path) -> None:
    """Read documents (files, folders, '-' for stdin) and build the graph.

    Writes OUT/graph.ttl and OUT/network.html and prints a summary. A document that
    cannot be read is reported and skipped; the exit code is then 1.
    """
    from kg.build import build as run_build

    def warn(error: InputError) -> None:
        click.echo(f"Error: {error}", err=True)

    summary = run_build(paths, out_dir, on_error=warn, progress=_progress("Extracting"))
    click.echo(f"documents  {summary.documents} read, {len(summary.errors)} skipped")
    for name, count in summary.classes.items():
        click.echo(f"{name:<16}{count:>7}")
    for name, count in summary.relations.items():
        click.echo(f"  {name:<14}{count:>7}")
    click.echo(f"triples    {summary.triples}")
    click.echo(f"time       {summary.seconds:.2f} s")
    for output in summary.outputs:
        click.echo(f"wrote      {output}")
    if summary.errors:
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
    result = run_query(_load(graph_path), target, bindings)
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
    from kg.export import SUFFIXES
    from kg.export import export as run_export

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
    from kg.render import write_view
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
    from kg.build import summarize

    summary = summarize(_load(graph_path))
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
@click.option("--misses", is_flag=True, help="Also list the gold facts that were not found.")
@graph_option
@reports_errors
def evaluate(gold: Path, fmt: str, misses: bool, graph_path: Path) -> None:
    """Score the built graph against GOLD.jsonl: precision, recall, F1 per relation."""
    import json

    from kg.evaluate import as_json, load_gold, report
    from kg.evaluate import evaluate as run_evaluate

    scores = run_evaluate(_load(graph_path), load_gold(gold))
    click.echo(as_json(scores) if fmt == "json" else report(scores))
    if misses:
        for score in scores.values():
            for fact in score.misses:
                click.echo(json.dumps(fact, ensure_ascii=False), err=True)
