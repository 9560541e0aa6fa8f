"""kg.validation: the SHACL shapes of ontology/shapes.ttl and the *-violation queries."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH

from kg.errors import InputError, ValidationError
from kg.graph import GAZETTEER
from kg.namespaces import MKG, MKR
from kg.queries import list_queries, run_query
from kg.resources import ontology_dir
from kg.store import load_graph
from kg.validation import (
    REPORTERS,
    Violation,
    check,
    format_report,
    load_shapes,
    validate,
    violation_queries,
)

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent
DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")

# What tests/data/broken.ttl breaks, worked out by hand: (rule, focus node), one per
# "BREAKS" comment in the file.
BROKEN = {
    "event has a type": ("EventShape", "mkr:event/untyped"),
    "event has a source": ("EventShape", "mkr:event/unsourced"),
    "attack is not an operation": ("AttackTypeShape", "mkr:event/both"),
    "operation is not an attack": ("OperationTypeShape", "mkr:event/both"),
    "relation has evidence": ("relation-without-evidence-violation", "mkr:actor/bilal-khan"),
    "domain of leaderOf": ("leaderOfShape", "mkr:actor/islamic-state"),
    "range of claimedBy": ("claimedByShape", "mkr:event/ok"),
    "deaths are non-negative": ("deathsShape", "mkr:casualty/negative"),
    "deaths are integers, not words": ("deathsShape", "mkr:casualty/words"),
    "injuries are integers": ("injuriesShape", "mkr:casualty/fraction"),
    "evidence has its relation": ("evidence-without-relation-violation", "mkr:evidence/orphan"),
    "alliance in one direction": ("allied-both-ways-violation", "mkr:actor/islamic-state"),
    "no relation to itself": ("relation-to-itself-violation", "mkr:actor/shia-muslims"),
    "evidence has a source": ("StatementShape", "mkr:evidence/sourceless"),
}


@pytest.fixture(scope="module")
def network() -> Graph:
    return load_graph(DATA / "network.ttl")


@pytest.fixture(scope="module")
def broken() -> list[Violation]:
    return validate(load_graph(DATA / "broken.ttl")).violations


def _found(violations: list[Violation]) -> set[tuple[str, str]]:
    return {(v.rule, v.focus) for v in violations}


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


# ---------------------------------------------------------------- conforming graphs


def test_handmade_network_conforms(network: Graph) -> None:
    """tests/data/network.ttl, written in the shape kg build writes, has no violation."""
    report = validate(network)
    assert report.violations == []
    assert report.conforms


def test_report_names_what_it_checked(network: Graph) -> None:
    """The report counts the node shapes and names the violation queries it ran."""
    report = validate(network)
    assert report.shapes == len(set(load_shapes().subjects(RDF.type, SH.NodeShape)))
    assert report.shapes >= 25
    assert report.queries == [q.name for q in violation_queries()]


def test_gazetteer_facts_need_no_sentence(network: Graph) -> None:
    """A fact the gazetteer knows (prov:wasDerivedFrom mkr:source/gazetteer, method
    "gazetteer") is evidence enough without a sentence, as kg.graph writes it."""
    graph = _copy(network)
    s, p, o = MKR["actor/taliban"], MKG.alliedWith, MKR["actor/shia-muslims"]
    statement = MKR["evidence/known"]
    graph.add((s, p, o))
    for triple in [
        (statement, RDF.type, RDF.Statement),
        (statement, RDF.subject, s),
        (statement, RDF.predicate, p),
        (statement, RDF.object, o),
        (statement, PROV.wasDerivedFrom, GAZETTEER),
        (statement, MKG.method, Literal("gazetteer")),
        (statement, MKG.confidence, Literal("1.00", datatype=DECIMAL)),
    ]:
        graph.add(triple)
    assert validate(graph).violations == []


def test_document_evidence_needs_its_sentence(network: Graph) -> None:
    """Evidence from a document without its mkg:sentence breaks StatementShape."""
    graph = _copy(network)
    graph.remove((MKR["evidence/s04"], MKG.sentence, None))
    assert _found(validate(graph).violations) == {("StatementShape", "mkr:evidence/s04")}


def test_alliance_evidence_counts_in_either_direction(network: Graph) -> None:
    """alliedWith is symmetric: Russia alliedWith the Taliban government has evidence
    written the other way round, and losing that statement is a violation."""
    graph = _copy(network)
    assert (MKR["evidence/s05"], RDF.subject, MKR["actor/taliban-government"]) in graph
    graph.remove((MKR["evidence/s05"], None, None))
    assert _found(validate(graph).violations) == {
        ("relation-without-evidence-violation", "mkr:actor/russia")
    }


def test_network_scores_conform(network: Graph) -> None:
    """Scores written by kg analyze (decimals from 0 to 1, a community number) conform,
    and a score on a non-actor or out of range does not."""
    graph = _copy(network)
    actor = MKR["actor/russia"]
    graph.add((actor, MKG.pagerank, Literal("0.250000", datatype=DECIMAL)))
    graph.add((actor, MKG.community, Literal(2)))
    assert validate(graph).violations == []
    graph.add((MKR["place/kabul"], MKG.degree, Literal("1.500000", datatype=DECIMAL)))
    assert {v.rule for v in validate(graph).violations} == {"ScoreShape"}


# ---------------------------------------------------------------- the broken graph


def test_broken_graph_reports_exactly_the_planted_violations(broken: list[Violation]) -> None:
    """broken.ttl reports each violation planted in it, and nothing else."""
    assert _found(broken) == set(BROKEN.values())
    assert len(broken) == len(BROKEN)


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_each_rule_is_enforced(broken: list[Violation], rule: str) -> None:
    """Each rule of the issue (type, source, evidence, domain, range, figures...) catches
    the node planted to break it."""
    assert BROKEN[rule] in _found(broken)


def test_violations_say_the_property_and_value(broken: list[Violation]) -> None:
    """A broken value is reported with its property and the value itself."""
    by_focus = {v.focus: v for v in broken if v.kind == "shape"}
    negative = by_focus["mkr:casualty/negative"]
    assert (negative.path, negative.value) == ("mkg:deaths", "-3")
    claim = by_focus["mkr:event/ok"]
    assert (claim.path, claim.value) == ("mkg:claimedBy", "mkr:place/kabul")
    assert claim.message == "mkg:claimedBy names an mkg:Actor"


def test_query_violations_show_the_rest_of_the_row(broken: list[Violation]) -> None:
    """A violation query's row gives the focus (its first column) and the other cells."""
    (missing,) = [v for v in broken if v.rule == "relation-without-evidence-violation"]
    assert missing.kind == "query"
    assert missing.message == (
        "Relations without evidence: predicate=mkg:memberOf "
        "object=mkr:actor/tehrik-i-taliban-pakistan"
    )


def test_violations_are_sorted_shapes_first(broken: list[Violation]) -> None:
    """Shape violations come first, then query violations, each sorted by rule and node."""
    kinds = [v.kind for v in broken]
    assert kinds == sorted(kinds, key=lambda kind: kind != "shape")
    for kind in ("shape", "query"):
        some = [v for v in broken if v.kind == kind]
        assert some == sorted(some)


def test_every_message_is_one_line(broken: list[Violation]) -> None:
    """Each violation prints as one line: rule, node, what is wrong."""
    for violation in broken:
        text = str(violation)
        assert "\n" not in text
        assert text.startswith(f"{violation.rule}: {violation.focus}")


def test_mini_graph_lacks_one_evidence_statement() -> None:
    """tests/data/mini.ttl states one branchOf without evidence (as the gazetteer once
    did), and validation finds exactly that."""
    violations = validate(load_graph(DATA / "mini.ttl")).violations
    assert [(v.rule, v.focus) for v in violations] == [
        ("relation-without-evidence-violation", "mkr:actor/islamic-state-pakistan-province")
    ]


# ---------------------------------------------------------------- reports


def test_text_report_counts_and_lists(broken: list[Violation]) -> None:
    """The text report's first line counts the violations; one line follows per violation."""
    from kg.validation import ValidationReport

    lines = format_report(ValidationReport(broken)).splitlines()
    assert lines[0] == f"{len(BROKEN)} violations"
    assert len(lines) == 1 + len(BROKEN)
    assert format_report(ValidationReport([])) == "0 violations"


def test_json_report_parses_back(broken: list[Violation]) -> None:
    """The JSON report holds conforms, shapes, queries and every violation's fields."""
    import json

    from kg.validation import ValidationReport

    document = json.loads(format_report(ValidationReport(broken, 3, ["q"]), "json"))
    assert document["conforms"] is False
    assert (document["shapes"], document["queries"]) == (3, ["q"])
    assert {(v["rule"], v["focus"]) for v in document["violations"]} == set(BROKEN.values())


def test_reporters_registry() -> None:
    """The report formats are a registry of text and JSON."""
    assert sorted(REPORTERS) == ["json", "text"]


def test_check_raises_validation_error() -> None:
    """check() passes a conforming graph and raises a one-line ValidationError otherwise."""
    check(load_graph(DATA / "network.ttl"))
    with pytest.raises(ValidationError, match=r"^14 violations; first: AttackTypeShape"):
        check(load_graph(DATA / "broken.ttl"))


# ---------------------------------------------------------------- the shipped data


def test_violation_queries_are_the_violation_files() -> None:
    """violation_queries() is every shipped query named *-violation, and each takes no
    parameter (it runs as it is) and returns no rows on a conforming graph."""
    names = sorted(path.stem for path in (ontology_dir() / "queries").glob("*-violation.rq"))
    assert [q.name for q in violation_queries()] == names
    assert len(names) >= 4
    network = load_graph(DATA / "network.ttl")
    for query in violation_queries():
        assert query.params == {}
        assert run_query(network, query).rows == []
    assert {q.name for q in violation_queries()} <= {q.name for q in list_queries()}


def test_shapes_cover_every_property_of_the_ontology() -> None:
    """Each object or datatype property of mkg.ttl has a shape targeting its subjects,
    so domains and ranges are all checked."""
    ontology = Graph().parse(ontology_dir() / "mkg.ttl")
    properties = {
        p
        for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
        for p in ontology.subjects(RDF.type, kind)
    }
    targeted = set(load_shapes().objects(None, SH.targetSubjectsOf))
    missing = sorted(str(p) for p in properties - targeted)
    assert not missing, f"properties without a shape: {missing}"


def test_every_constraint_has_a_message() -> None:
    """Each property shape, and each node shape with a constraint of its own, says what
    is wrong in words."""
    shapes = load_shapes()
    node_level = (SH["class"], SH["or"], SH["not"], SH.datatype, SH["in"])
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        assert isinstance(shape, URIRef)
        if any(shapes.value(shape, p) is not None for p in node_level):
            assert shapes.value(shape, SH.message) is not None, f"{shape} has no message"
        for constraint in shapes.objects(shape, SH.property):
            assert shapes.value(constraint, SH.message) is not None, f"{shape}: no message"


def test_missing_shapes_file_is_an_input_error(tmp_path: Path) -> None:
    """A shapes file that is missing or not Turtle is a one-line InputError naming it."""
    with pytest.raises(InputError, match="no SHACL shapes"):
        load_shapes(tmp_path / "nope.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is { not turtle", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.ttl: not readable Turtle"):
        load_shapes(bad)


def test_builder_output_conforms() -> None:
    """A graph kg.graph builds from a document conforms: the shapes fit what the builder
    writes (documents, actors, events, evidence, casualty reports)."""
    from kg.extraction import extract
    from kg.gazetteer import Gazetteer
    from kg.graph import add_extraction, new_graph
    from kg.model import Document

    folder = DATA / "gazetteer"
    if not (folder / "actors.jsonl").is_file():
        pytest.skip("tests/data/gazetteer is not there")
    gazetteer = Gazetteer.from_files(folder / "actors.jsonl", folder / "places.jsonl")
    text = (
        "Islamic State claimed responsibility for a suicide bombing in Kabul on "
        "2 September 2024 that targeted Shia Muslims. At least six people were killed "
        "and 13 wounded."
    )
    document = Document(id="t", text=text, source="t.txt", date="2024-09-03")
    graph = add_extraction(new_graph(), extract(document, gazetteer), gazetteer)
    assert (None, RDF.type, MKG.Event) in graph
    assert (None, RDF.type, RDF.Statement) in graph
    assert validate(graph).violations == []


@pytest.mark.slow
def test_seeds_validate_with_zero_violations() -> None:
    """kg build seeds/ gives a graph with no violation (needs the shipped gazetteer)."""
    if not (ontology_dir() / "actors.jsonl").is_file():
        pytest.skip("the gazetteer ontology/actors.jsonl is not shipped yet")
    from kg.documents import read_inputs
    from kg.pipeline import build_graph

    errors: list[InputError] = []
    graph = build_graph(read_inputs([ROOT / "seeds"], errors.append))
    assert not errors
    assert len(graph) > 100
    violations = validate(graph).violations
    assert violations == [], "\n".join(str(v) for v in violations)


def test_unknown_class_is_caught_by_rdfs_label_rule(network: Graph) -> None:
    """An actor with two labels breaks ActorShape (every resource has one rdfs:label)."""
    graph = _copy(network)
    graph.add((MKR["actor/russia"], RDFS.label, Literal("Russian Federation")))
    assert _found(validate(graph).violations) == {("ActorShape", "mkr:actor/russia")}
