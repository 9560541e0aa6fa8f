"""The graph on a SPARQL 1.1 server: ``kg serve`` (Oxigraph's server, started here on
127.0.0.1) and ``--endpoint`` builds and queries, which must answer as the store on disk."""

from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal

from kg.cli import cli
from kg.endpoint import RemoteStore, SparqlClient, sibling_url
from kg.errors import InputError
from kg.exporters import sorted_ntriples
from kg.pipeline import build
from kg.queries import list_queries, run_query
from kg.server import Server, free_port, oxigraph_program
from kg.sparql import bind_values
from kg.store import load_graph, open_store

sys.path.insert(0, str(Path(__file__).parent))
from test_build import CLAIM, TTP, _corpus  # the same small articles

try:
    oxigraph_program()
except Exception:  # pragma: no cover - the package is a dependency; CI installs it
    pytest.skip(
        "the 'oxigraph' server program is missing: pip install oxigraph", allow_module_level=True
    )

PARAMS = {
    "actor": "Islamic State",
    "group": "Islamic State",
    "community": "civilians",
    "place": "Kabul",
    "from": "",
    "to": "",
}


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus(tmp_path_factory.mktemp("corpus") / "docs", 10)


@pytest.fixture(scope="module")
def local(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus built into a store on disk."""
    out = tmp_path_factory.mktemp("local")
    build([corpus], out, workers=1, views=False)
    return out


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[Server]:
    """An empty store served read-write on a free port of 127.0.0.1."""
    open_store(tmp_path / "store").close()
    with Server(tmp_path, port=free_port(), allow_update=True) as server:
        yield server


def _answers(graph) -> dict[str, list]:
    return {
        named.name: run_query(graph, named, {p: PARAMS[p] for p in named.params}).rows
        for named in list_queries()
    }


def test_serve_answers_sparql_and_shows_the_query_page(local: Path) -> None:
    """The server answers SPARQL 1.1 Protocol GETs and serves the YASGUI page at /."""
    with Server(local, port=free_port()) as server:
        query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        status, body = _get(f"{server.query_url}?query={query}")
        assert status == 200
        assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 0
        status, page = _get(f"{server.url}/")
        assert status == 200 and "yasgui" in page.lower()
        status, _ = _get(f"{server.url}/yasgui.min.js")
        assert status == 200  # the page's script comes from the server, not a CDN


def test_serve_is_read_only_unless_asked(local: Path) -> None:
    """Without --allow-update the server refuses SPARQL Update."""
    with Server(local, port=free_port()) as server:
        client = SparqlClient(server.query_url, server.update_url, retries=0)
        with pytest.raises(InputError, match="HTTP"):
            client.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        client.close()


def test_serve_stops_cleanly_and_frees_the_store(local: Path) -> None:
    """Stopping ends the server process and releases the store for a build."""
    server = Server(local, port=free_port(), allow_update=True).start()
    process = server.process
    server.stop()
    assert process is not None and process.poll() is not None
    open_store(local / "store").close()


def test_kg_serve_runs_until_interrupted(local: Path) -> None:
    """`kg serve` prints its URLs, answers, and exits 0 on SIGTERM."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--graph", str(local), "--port", str(port)],
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        text=True,
    )
    try:
        assert process.stderr is not None
        printed = []
        for line in process.stderr:  # the URLs come once the server answers
            printed.append(line)
            if "Query page" in line:
                break
        assert f"http://127.0.0.1:{port}/query" in "".join(printed)
        status, _ = _get(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        assert status == 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0
        assert "stopped" in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()


def test_build_to_an_endpoint_gives_the_store_s_graph(
    writable: Server, corpus: Path, local: Path, tmp_path: Path
) -> None:
    """A build written to a SPARQL server holds the same graph as the store on disk, and
    every named query answers the same there."""
    summary = build([corpus], tmp_path / "out", workers=1, endpoint=writable.query_url)
    assert summary.added == 10
    remote = RemoteStore(writable.query_url)
    graph = load_graph(local)
    assert sorted_ntriples(remote.snapshot()) == sorted_ntriples(graph)
    assert _answers(remote.graph()) == _answers(graph)
    assert (tmp_path / "out" / "graph.ttl").is_file()
    del graph


def test_an_endpoint_build_is_incremental(writable: Server, tmp_path: Path) -> None:
    """On a server too: unchanged documents are skipped, changed ones replaced, and
    --rebuild starts afresh."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(CLAIM, encoding="utf-8")
    (docs / "b.txt").write_text(TTP, encoding="utf-8")
    url = writable.query_url
    build([docs], tmp_path / "out", workers=1, endpoint=url, views=False)
    again = build([docs], tmp_path / "out", workers=1, endpoint=url, views=False)
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 2)
    (docs / "a.txt").write_text(CLAIM.replace("Kabul", "Quetta"), encoding="utf-8")
    changed = build([docs], tmp_path / "out", workers=1, endpoint=url, views=False)
    assert (changed.added, changed.replaced, changed.unchanged) == (0, 1, 1)
    text = sorted_ntriples(RemoteStore(url).snapshot())
    assert "kabul-suicide-bombing" not in text and "quetta-suicide-bombing" in text
    build([tmp_path / "docs" / "b.txt"], tmp_path / "out", endpoint=url, views=False, rebuild=True)
    assert "quetta" not in sorted_ntriples(RemoteStore(url).snapshot())


def test_query_and_stats_commands_read_an_endpoint(writable: Server, corpus: Path, local: Path):
    """kg query and kg stats with --endpoint print what they print for the store."""
    build([corpus], local.parent / "ignored", workers=1, endpoint=writable.query_url, views=False)
    runner = CliRunner()
    for args in (
        ["query", "--name", "claims-by-group", "--param", "group=Islamic State", "--format", "csv"],
        ["stats"],
    ):
        remote = runner.invoke(cli, [*args, "--endpoint", writable.query_url])
        here = runner.invoke(cli, [*args, "--graph", str(local)])
        assert remote.exit_code == 0, remote.output
        assert remote.output == here.output


def test_bulk_load_through_the_graph_store_protocol(writable: Server, tmp_path: Path) -> None:
    """RemoteStore.load sends a file in chunks through the Graph Store Protocol."""
    path = tmp_path / "data.nt"
    path.write_text("".join(f'<urn:s{i}> <urn:p> "{i}" .\n' for i in range(25)), encoding="utf-8")
    remote = RemoteStore(writable.query_url, store_endpoint=writable.store_url)
    assert remote.load(path, chunk=10) == 25
    assert len(remote.graph()) == 25


class _Flaky(http.server.BaseHTTPRequestHandler):
    """Answers 503 to the first two requests, then a SPARQL ASK result."""

    calls = 0

    def do_POST(self) -> None:
        type(self).calls += 1
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if type(self).calls <= 2:
            self.send_response(503)
            self.end_headers()
            return
        body = b'{"head": {}, "boolean": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_transient_errors_are_retried() -> None:
    """A 503 is retried with back-off; the query then succeeds."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/query"
        client = SparqlClient(url, backoff=0.01)
        assert client.query("ASK {}").askAnswer is True
        assert _Flaky.calls == 3
        client.close()
    finally:
        server.shutdown()


def test_an_unreachable_endpoint_is_one_line() -> None:
    """No server at the URL: one InputError naming it, after the retries."""
    url = f"http://127.0.0.1:{free_port()}/query"
    client = SparqlClient(url, retries=1, backoff=0.01)
    with pytest.raises(InputError, match="no answer after 2 tries") as caught:
        client.query("ASK {}")
    assert url in str(caught.value) and "\n" not in str(caught.value)


def test_update_and_store_urls_follow_the_query_url() -> None:
    """/query gives /update and /store beside it (Oxigraph, Fuseki); another URL is
    taken for both query and update (Virtuoso, Neptune)."""
    assert sibling_url("http://h:1/ds/query", "update") == "http://h:1/ds/update"
    assert SparqlClient("http://h:1/query").update_url == "http://h:1/update"
    assert SparqlClient("http://h:1/sparql").update_url == "http://h:1/sparql"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?x WHERE { ?x ?p ?v }", 'SELECT ?x WHERE { ?x ?p "1" }'),
        ("SELECT ?x ?v { ?x ?p ?v }", 'SELECT ?x ("1" AS ?v) { ?x ?p "1" }'),
        ("SELECT (COUNT(?v) AS ?n) { ?x ?p ?v }", 'SELECT (COUNT("1") AS ?n) { ?x ?p "1" }'),
        (
            'SELECT ?x { ?x ?p "?v" . ?x <urn:?v> ?v } # ?v',
            'SELECT ?x { ?x ?p "?v" . ?x <urn:?v> "1" } # ?v',
        ),
        ("ASK { ?x ?p ?v FILTER(?v != ?vv) }", 'ASK { ?x ?p "1" FILTER("1" != ?vv) }'),
    ],
)
def test_a_bound_variable_is_replaced_by_its_value(query: str, expected: str) -> None:
    """A parameter is substituted as rdflib's initBindings binds it: in the projection as
    (value AS ?v), elsewhere as the value; strings, IRIs, comments and other variables
    are left alone."""
    assert bind_values(query, {"v": Literal("1")}) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * WHERE { ?x ?p ?v }", "SELECT * WHERE { VALUES (?v) {"),
        ("SELECT ?x { BIND(1 AS ?v) ?x ?p ?v }", "SELECT ?x { VALUES (?v) {"),
        ("PREFIX a: <http://a/x#> SELECT * { VALUES ?v { 1 } }", "SELECT * { VALUES (?v) {"),
        ("SELECT ?x { VALUES (?x ?v) { (1 2) } }", "SELECT ?x { VALUES (?v) {"),
        ("SELECT * { ?x ?p ?v } # {", "SELECT * { VALUES (?v) {"),
        ("CONSTRUCT { ?x ?p ?v } WHERE { ?x ?p ?v BIND(1 AS ?v) }", "WHERE { VALUES (?v) {"),
    ],
)
def test_an_assigned_variable_is_bound_by_values(query: str, expected: str) -> None:
    """Where substitution cannot be done (SELECT *, a variable also assigned), a VALUES
    block goes first in the WHERE group, past prefixes, comments and a CONSTRUCT
    template."""
    assert expected in bind_values(query, {"v": Literal("1")})


def test_sparql_update_alone_writes_the_same_graph(
    writable: Server, corpus: Path, local: Path
) -> None:
    """Without the Graph Store Protocol (a server that lacks it), SPARQL Update writes
    the same graph."""
    from kg.documents import read_inputs
    from kg.pipeline import build_into

    remote = RemoteStore(writable.query_url, graph_store=False)
    build_into(remote, read_inputs([corpus], print), workers=1)
    graph = load_graph(local)
    assert sorted_ntriples(remote.snapshot()) == sorted_ntriples(graph)
    del graph
