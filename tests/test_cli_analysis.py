"""The commands kg analyze, kg path, kg timeline and kg validate, and the validation at
the end of kg build, run through click's CliRunner on tests/data/network.ttl."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.pipeline
import kg.validation
from kg.analysis import ANALYSIS_FORMATS, COMMUNITY_METHODS, NETWORKS
from kg.cli import cli
from kg.namespaces import MKG, MKR
from kg.store import load_graph
from kg.validation import REPORTERS, ValidationReport, Violation

DATA = Path(__file__).parent / "data"
NETWORK = str(DATA / "network.ttl")
BROKEN = str(DATA / "broken.ttl")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def _choices(command: str, option: str) -> list[str]:
    (param,) = [p for p in cli.commands[command].params if p.name == option]
    return list(param.type.choices)  # type: ignore[attr-defined]


def test_choices_are_the_registries() -> None:
    """The options offer exactly what the library's registries hold."""
    assert sorted(_choices("analyze", "network")) == sorted(NETWORKS)
    assert sorted(_choices("analyze", "method")) == sorted(COMMUNITY_METHODS)
    assert sorted(_choices("analyze", "fmt")) == sorted(ANALYSIS_FORMATS)
    assert sorted(_choices("validate", "fmt")) == sorted(REPORTERS)


# ---------------------------------------------------------------- kg analyze


def test_analyze_prints_the_table() -> None:
    """kg analyze prints the network's size, the top actors and the communities."""
    code, out, _ = run("analyze", "--graph", NETWORK, "--top", "2")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("actor network: 10 actors, 9 links, 3 components (largest 7)")
    assert lines[1] == "betweenness: exact"
    assert "Islamic State Khorasan Province" in lines[5]
    assert "Tehrik-i-Taliban Pakistan" not in "\n".join(lines[5:7])
    assert "communities of more than one (3 of 4):" in lines


def test_analyze_csv_is_one_row_per_actor() -> None:
    """--format csv --top 0 gives every actor with its scores, IS-K (highest PageRank)
    first with degree 3/9 and betweenness 9/36."""
    code, out, _ = run("analyze", "--graph", NETWORK, "--format", "csv", "--top", "0")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 10
    assert rows[0]["id"] == "mkr:actor/islamic-state-khorasan"
    assert (rows[0]["degree"], rows[0]["betweenness"]) == ("0.3333", "0.2500")


def test_analyze_json_with_leiden_and_the_full_network() -> None:
    """--format json --communities leiden --network full reports the method, the
    network and every node's scores."""
    code, out, _ = run(
        "analyze", "--graph", NETWORK, "--format", "json", "--communities", "leiden",
        "--network", "full", "--top", "0",
    )  # fmt: skip
    assert code == 0
    document = json.loads(out)
    assert (document["network"], document["communityMethod"]) == ("full", "leiden")
    assert len(document["scores"]) == 15


def test_analyze_write_puts_scores_into_the_graph(tmp_path: Path) -> None:
    """--write adds the scores to the graph file, where SPARQL finds them."""
    target = tmp_path / "graph.ttl"
    shutil.copy(NETWORK, target)
    code, _, err = run("analyze", "--graph", str(target), "--write")
    assert code == 0
    assert f"wrote scores to {target}" in err
    graph = load_graph(target)
    assert len(list(graph.subject_objects(MKG.pagerank))) == 10
    assert graph.value(MKR["actor/amaq"], MKG.community) is not None
    code, out, _ = run(
        "query", "--graph", str(target), "--format", "csv",
        "SELECT ?c WHERE { ?a rdfs:label 'Russia' ; mkg:community ?c }",
    )  # fmt: skip
    assert code == 0
    assert out.splitlines()[0] == "c"
    code, out, _ = run("validate", "--graph", str(target))
    assert (code, out.strip()) == (0, "0 violations")


def test_analyze_write_refuses_the_full_network() -> None:
    """Scores are written from the actor network only: a usage error otherwise."""
    code, _, err = run("analyze", "--graph", NETWORK, "--network", "full", "--write")
    assert code == 2
    assert "--network actor" in err


def test_analyze_without_a_graph_is_one_line(tmp_path: Path) -> None:
    """A missing graph is the one-line error every command gives."""
    code, _, err = run("analyze", "--graph", str(tmp_path / "nothing"))
    assert code == 1
    assert err.startswith("Error: ")
    assert len(err.strip().splitlines()) == 1


# ---------------------------------------------------------------- kg path


def test_path_prints_the_chain_and_evidence() -> None:
    """kg path Taliban Shias prints the one 3-hop chain and each hop's evidence."""
    code, out, _ = run("path", "Taliban", "shias", "--graph", NETWORK)
    assert code == 0
    assert out.splitlines()[0] == (
        "chain 1 (3 hops): Taliban —alliedWith→ Tehrik-i-Taliban Pakistan ←attributedTo— "
        "2023-03-peshawar-bombing —targeted→ Shia Muslims"
    )
    assert '"The bomb targeted Shia Muslims at a mosque in Peshawar."' in out


def test_path_max_and_json() -> None:
    """--max 1 keeps one of the two shortest chains; --format json gives its steps."""
    code, out, _ = run(
        "path", "Abu Ibrahim al-Hashimi al-Qurayshi", "Shia Muslims", "--max", "1",
        "--format", "json", "--graph", NETWORK,
    )  # fmt: skip
    assert code == 0
    chains = json.loads(out)
    assert len(chains) == 1
    assert len(chains[0]) == 4


def test_path_without_a_chain_exits_1() -> None:
    """Actors that nothing links: a message and exit code 1."""
    code, out, _ = run("path", "Russia", "Amaq", "--graph", NETWORK)
    assert code == 1
    assert out.strip() == "no chain of relations links Russia and Amaq"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Hamas", "Error: no actor is named 'Hamas' (by label or alias)"),
        ("Islamic Emirate", "Error: 'Islamic Emirate' names 2 actors: Taliban"),
    ],
)
def test_path_with_a_bad_name_is_one_line(name: str, message: str) -> None:
    """An unknown or ambiguous name is a one-line error, exit 1."""
    code, _, err = run("path", name, "Russia", "--graph", NETWORK)
    assert code == 1
    assert err.startswith(message)
    assert len(err.strip().splitlines()) == 1


# ---------------------------------------------------------------- kg timeline


def test_timeline_table() -> None:
    """kg timeline IS-K lists its three entries in date order under a header."""
    code, out, _ = run("timeline", "is-k", "--graph", NETWORK)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["date", "when", "subject", "predicate"]
    assert [line.split()[0] for line in lines[2:]] == ["2023-03", "2023-07-10", "2024-09-02"]


def test_timeline_json() -> None:
    """--format json gives one object per entry."""
    code, out, _ = run("timeline", "CENTCOM", "--format", "json", "--graph", NETWORK)
    assert code == 0
    assert [row["predicate"] for row in json.loads(out)] == ["attributedTo", "killed"]


# ---------------------------------------------------------------- kg validate


def test_validate_conforming_graph() -> None:
    """A conforming graph: '0 violations', exit 0."""
    code, out, _ = run("validate", "--graph", NETWORK)
    assert (code, out.strip()) == (0, "0 violations")


def test_validate_broken_graph() -> None:
    """The broken graph: the count, one line per violation, exit 1."""
    code, out, _ = run("validate", "--graph", BROKEN)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "14 violations"
    assert len(lines) == 15
    assert "  deathsShape: mkr:casualty/negative mkg:deaths = -3: " in out


def test_validate_json() -> None:
    """--format json parses back, with conforms false."""
    code, out, _ = run("validate", "--graph", BROKEN, "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert document["conforms"] is False
    assert len(document["violations"]) == 14


# ---------------------------------------------------------------- kg build


@pytest.fixture
def fake_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """kg build's library call, replaced by one that 'builds' network.ttl into OUT."""
    module = kg.pipeline

    def build(paths: object, out_dir: Path, **_: object) -> object:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        shutil.copy(NETWORK, out / "graph.ttl")
        summary = module.BuildSummary(documents=1)
        summary.outputs = [out / "graph.ttl"]
        return summary

    monkeypatch.setattr(module, "build", build)


def _violations(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    module = kg.validation
    found = [Violation("shape", "EventShape", f"mkr:event/e{i}", "broken") for i in range(count)]
    monkeypatch.setattr(module, "validate", lambda graph: ValidationReport(found))


def test_build_reports_validation(fake_build: None, tmp_path: Path) -> None:
    """kg build validates the graph it wrote and prints the count."""
    code, out, _ = run("build", "doc.txt", "--out", str(tmp_path))
    assert code == 0
    assert "validation: 0 violations" in out.splitlines()


def test_build_lists_the_first_violations_and_passes(
    fake_build: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Violations are listed (the first five, then how many more) without failing the
    build."""
    _violations(monkeypatch, 7)
    code, out, _ = run("build", "doc.txt", "--out", str(tmp_path))
    assert code == 0
    lines = out.splitlines()
    start = lines.index("validation: 7 violations")
    assert lines[start + 1] == "  EventShape: mkr:event/e0: broken"
    assert lines[start + 6] == f"  ... 2 more: kg validate --graph {tmp_path}"


def test_build_strict_fails_on_a_violation(
    fake_build: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--strict turns violations into exit code 1."""
    _violations(monkeypatch, 1)
    code, out, _ = run("build", "doc.txt", "--out", str(tmp_path), "--strict")
    assert code == 1
    assert "validation: 1 violation" in out.splitlines()


def test_analyze_write_into_a_built_store(tmp_path: Path) -> None:
    """After kg build, --write puts the scores into the store (where kg query reads)
    and into graph.ttl; writing again replaces them."""
    document = tmp_path / "report.txt"
    document.write_text(
        "Islamic State claimed responsibility for a suicide bombing in Kabul that "
        "targeted Shia Muslims. The Taliban condemned the attack.",
        encoding="utf-8",
    )
    out = tmp_path / "exports"
    code, _, err = run("build", str(document), "--out", str(out))
    assert code == 0, err
    for _ in range(2):
        code, _, err = run("analyze", "--graph", str(out), "--write")
        assert code == 0, err
        assert err.strip().endswith("store")
    query = "SELECT (COUNT(?a) AS ?n) (COUNT(DISTINCT ?a) AS ?d) WHERE { ?a mkg:pagerank ?p }"
    code, out_text, _ = run("query", "--graph", str(out), "--format", "csv", query)
    actors = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a mkg:Actor }"
    _, count, _ = run("query", "--graph", str(out), "--format", "csv", actors)
    total = count.splitlines()[1]
    assert out_text.splitlines()[1] == f"{total},{total}"
    assert "mkg:pagerank" in (out / "graph.ttl").read_text(encoding="utf-8")
