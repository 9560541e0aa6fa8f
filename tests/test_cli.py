"""The ``kg`` command: every subcommand runs, and bad input gets one line and exit 1."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ARTICLE = (
    "Islamic State (IS) on Tuesday claimed responsibility for a suicide bombing in Kabul "
    "that killed at least six people, the Kabul police said.\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def built(tmp_path: Path, runner: CliRunner) -> Path:
    """A graph built from one short article into tmp_path/exports."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "kabul.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "exports"
    result = runner.invoke(cli, ["build", str(docs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _one_line_error(result) -> str:
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines and lines[-1].startswith("Error:"), result.output
    assert "Traceback" not in result.output
    return lines[-1]


def test_build_writes_graph_and_network_and_prints_a_summary(built: Path, runner: CliRunner):
    """build writes graph.ttl and network.html and reports counts and time."""
    assert (built / "graph.ttl").stat().st_size > 0
    assert "<html" in (built / "network.html").read_text(encoding="utf-8")[:200]
    result = runner.invoke(cli, ["stats", "--graph", str(built)])
    assert result.exit_code == 0
    assert "Actor" in result.output and "claimedBy" in result.output


def test_build_reports_a_bad_document_and_keeps_the_others(tmp_path: Path, runner: CliRunner):
    """A binary file in a batch is named in one error line; the good file's facts are kept."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (docs / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(docs), "--out", str(out)])
    assert result.exit_code == 1
    assert f"Error: {docs / 'bad.txt'}: binary file, not text" in result.output
    assert "1 read, 1 skipped" in result.output
    assert "claimedBy" in (out / "graph.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "empty document"),
        (b"\xff\xfe bad", "not UTF-8 text"),
    ],
)
def test_build_names_the_file_and_the_fault(tmp_path: Path, runner: CliRunner, content, why):
    """Empty and badly encoded files each get a one-line error naming them."""
    path = tmp_path / "doc.txt"
    path.write_bytes(content)
    result = runner.invoke(cli, ["build", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert str(path) in result.output and why in result.output
    assert "Traceback" not in result.output


def test_build_of_a_missing_path_fails_in_one_line(tmp_path: Path, runner: CliRunner):
    """A path that does not exist stops the build with one line and exit 1."""
    result = runner.invoke(cli, ["build", str(tmp_path / "nowhere"), "--out", str(tmp_path)])
    line = _one_line_error(result)
    assert "nowhere: no such file or folder" in line


def test_build_reads_stdin(tmp_path: Path, runner: CliRunner):
    """'-' reads one document from standard input."""
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", "-", "--out", str(out)], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert "1 read" in result.output


def test_malformed_jsonl_line_is_reported_with_its_line(tmp_path: Path, runner: CliRunner):
    """A broken JSONL record is named file:line; the file's other records are read."""
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n{not json\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{path}:2: malformed JSON" in result.output
    assert "1 read" in result.output


def test_query_text_prints_a_table(built: Path, runner: CliRunner):
    """A SPARQL text runs over the built graph and prints its rows."""
    sparql = "SELECT ?label WHERE { ?a a mkg:ArmedGroup ; rdfs:label ?label }"
    result = runner.invoke(cli, ["query", sparql, "--graph", str(built)])
    assert result.exit_code == 0, result.output
    assert "Islamic State" in result.output


def test_query_file_and_formats(built: Path, tmp_path: Path, runner: CliRunner):
    """A .rq file runs too, and csv and json outputs parse back."""
    rq = tmp_path / "groups.rq"
    rq.write_text("SELECT ?label WHERE { ?a a mkg:ArmedGroup ; rdfs:label ?label }")
    as_csv = runner.invoke(cli, ["query", str(rq), "--format", "csv", "--graph", str(built)])
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert {"label": "Islamic State"} in rows
    as_json = runner.invoke(cli, ["query", str(rq), "--format", "json", "--graph", str(built)])
    assert {"label": "Islamic State"} in json.loads(as_json.output)


def test_named_query_binds_its_parameter(built: Path, runner: CliRunner):
    """--name with --param finds the claim by any alias of the group."""
    result = runner.invoke(
        cli,
        ["query", "--name", "claims-by-group", "--param", "group=ISIS", "--graph", str(built),
         "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.output), "the Kabul claim is found through the alias ISIS"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["query", "SELECT ?x WHERE {"], "syntax error"),
        (["query", "--name", "no-such-query"], "no-such-query"),
        (["query", "--name", "claims-by-group", "--param", "nope=1"], "nope"),
        (["query", "missing.rq"], "missing.rq"),
    ],
)
def test_query_errors_are_one_line(built: Path, runner: CliRunner, args, fragment):
    """Syntax errors, unknown queries, unknown parameters and missing files: one line, exit 1."""
    result = runner.invoke(cli, [*args, "--graph", str(built)])
    assert fragment in _one_line_error(result)


def test_commands_without_a_built_graph_say_so(tmp_path: Path, runner: CliRunner):
    """Reading a graph that was never built names the place and says what to do."""
    result = runner.invoke(cli, ["stats", "--graph", str(tmp_path)])
    assert "run 'kg build' first" in _one_line_error(result)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "graphml", "csv"])
def test_export_writes_each_format(built: Path, tmp_path: Path, runner: CliRunner, fmt):
    """export writes every format where -o says."""
    target = tmp_path / f"out-{fmt}"
    result = runner.invoke(
        cli, ["export", "--format", fmt, "-o", str(target), "--graph", str(built)]
    )
    assert result.exit_code == 0, result.output
    written = target / "nodes.csv" if fmt == "csv" else target
    assert written.stat().st_size > 0


def test_render_writes_the_network(built: Path, tmp_path: Path, runner: CliRunner):
    """render writes an HTML page."""
    target = tmp_path / "view.html"
    result = runner.invoke(cli, ["render", "-o", str(target), "--graph", str(built)])
    assert result.exit_code == 0, result.output
    assert "<html" in target.read_text(encoding="utf-8")


def test_evaluate_prints_scores_per_relation(built: Path, tmp_path: Path, runner: CliRunner):
    """evaluate scores the graph against a gold file, per relation and overall."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"doc": "kabul.txt", "relation": "claimedBy",
                    "subject": {"event": "SuicideBombing", "place": "Kabul"},
                    "object": ["Islamic State"]}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    result = runner.invoke(cli, ["evaluate", str(gold), "--format", "json", "--graph", str(built)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["claimedBy"]["recall"] == 1.0


def test_evaluate_of_a_missing_gold_file(built: Path, runner: CliRunner):
    """A gold file that does not exist is named in one line."""
    result = runner.invoke(cli, ["evaluate", "nope.jsonl", "--graph", str(built)])
    assert "nope.jsonl" in _one_line_error(result)


def test_queries_lists_the_named_queries(runner: CliRunner):
    """queries lists each shipped query with its parameters."""
    result = runner.invoke(cli, ["queries"])
    assert result.exit_code == 0
    assert "claims-by-group" in result.output and "group=" in result.output
