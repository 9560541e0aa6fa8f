"""Named queries: the shipped .rq files, running them with bound parameters, and output."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import QueryError
from kg.queries import (
    FORMATTERS,
    NamedQuery,
    QueryResult,
    format_result,
    list_queries,
    load_query,
    parse_header,
    run_query,
)

MINI = Path(__file__).parent / "data" / "mini.ttl"
REQUIRED = {
    "claims-by-group": ["group"],
    "attacks-on-community": ["community"],
    "who-killed-whom": [],
    "alliances-of-actor": ["actor"],
    "members-and-leaders": ["group"],
    "conflicting-casualties": [],
    "events-in-place-between-dates": ["from", "place", "to"],
    "actor-evidence": ["actor"],
    "actors-by-class": [],
    "events-by-type": [],
    "relations-summary": [],
    "branches-of-group": ["group"],
}
SHIPPED = [query.name for query in list_queries()]

# resources of mini.ttl
KABUL_BOMBING = "mkr:event/2024-09-02-kabul-suicide-bombing"
PESHAWAR_BOMBING = "mkr:event/2023-03-peshawar-bombing"
SYRIA_AIRSTRIKE = "mkr:event/2023-syria-airstrike"
DOC_KABUL = "mkr:doc/000_kabul"
DOC_PESHAWAR = "mkr:doc/001_peshawar"
DOC_SYRIA = "mkr:doc/002_syria"
DOC_MOSCOW = "mkr:doc/003_moscow"

# evidence sentences of mini.ttl, by statement
E01 = "Islamic State (IS) on Tuesday claimed responsibility for a suicide bombing in Kabul."
E02 = "ISIL, which claimed the Kabul bombing in September, is a common enemy."
E05 = "The bomb targeted Shia Muslims at a mosque in Peshawar."
E06 = (
    "US Central Command conducted an airstrike in Syria, killing "
    "Usamah Jamal Muhammad Ibrahim al-Janabi."
)
E08 = "The strike targeted Islamic State in Syria."
E09 = "Putin said the Taliban government was now an ally in fighting terrorism."
E10 = "The TTP is a close ally of the Afghan Taliban."
E11 = "Khalid Zadran, Kabul police spokesman, said six people were killed."
E13 = "Bilal Khan, who was a member of the TTP, joined the IS in 2015."
E14 = "ISIS chief Abu Ibrahim al-Hashimi al-Qurayshi was killed in 2022."
E15 = "Al-Janabi was a senior member of Islamic State."
E16 = "IS-K, the Islamic State's affiliate in Afghanistan, is its most active branch."
C01 = (
    "An explosion in Kabul on Monday killed at least six people, and injured 13 others, "
    "the Kabul police said."
)
C02 = "ISIL claimed that the attack resulted in the deaths of more than 45 people."
C03 = "The blast killed 10 worshippers and wounded 20."
C04 = "Shia leaders said ten were killed and 25 wounded."

JANABI = "Usamah Jamal Muhammad Ibrahim al-Janabi"
ISKP = "Islamic State Khorasan Province"
KABUL_ROW = (
    KABUL_BOMBING,
    "SuicideBombing",
    "2024-09-02",
    "day",
    "Kabul",
    "Suicide bombing in Kabul, 2024-09-02",
)
PESHAWAR_ROW = (
    PESHAWAR_BOMBING,
    "Bombing",
    "2023-03",
    "month",
    "Peshawar",
    "Bombing in Peshawar, 2023-03",
)
SYRIA_ROW = (SYRIA_AIRSTRIKE, "Airstrike", "2023", "year", "Syria", "Airstrike in Syria, 2023")

# (query, params, columns, rows), computed by hand from mini.ttl
CASES = [
    (
        "claims-by-group",
        {"group": "ISIL"},
        ["event", "type", "date", "place", "claimed_by", "sentence", "document"],
        [
            (
                KABUL_BOMBING,
                "SuicideBombing",
                "2024-09-02",
                "Kabul",
                "Islamic State",
                E01,
                DOC_KABUL,
            ),
            (
                KABUL_BOMBING,
                "SuicideBombing",
                "2024-09-02",
                "Kabul",
                "Islamic State",
                E02,
                DOC_MOSCOW,
            ),
        ],
    ),
    ("claims-by-group", {"group": "TTP"}, None, []),
    (
        "attacks-on-community",
        {"community": "Shia Muslims"},
        ["event", "type", "date", "place", "target", "sentence", "document"],
        [(PESHAWAR_BOMBING, "Bombing", "2023-03", "Peshawar", "Shia Muslims", E05, DOC_PESHAWAR)],
    ),
    # targeted, but a government service and not a community
    ("attacks-on-community", {"community": "Taliban prosecution service"}, None, []),
    (
        "who-killed-whom",
        {},
        ["killer", "killer_type", "victim", "victim_type", "sentence", "document"],
        [
            ("Airstrike in Syria, 2023", "Airstrike", JANABI, "Person", E06, DOC_SYRIA),
            ("US Central Command", "SecurityForce", JANABI, "Person", E06, DOC_SYRIA),
        ],
    ),
    (
        "alliances-of-actor",
        {"actor": "Russia"},
        ["actor_label", "ally", "ally_type", "sentence", "document"],
        [("Russia", "Taliban government", "Government", E09, DOC_MOSCOW)],
    ),
    # the graph states "Russia alliedWith Taliban government" only: found from the far end
    (
        "alliances-of-actor",
        {"actor": "Islamic Emirate"},
        None,
        [("Taliban government", "Russia", "State", E09, DOC_MOSCOW)],
    ),
    (
        "alliances-of-actor",
        {"actor": "Pakistani Taliban"},
        None,
        [("Tehrik-i-Taliban Pakistan", "Taliban", "ArmedGroup", E10, DOC_PESHAWAR)],
    ),
    ("alliances-of-actor", {"actor": "Amaq"}, None, []),
    (
        "members-and-leaders",
        {"group": "IS"},
        ["group_label", "member", "member_type", "relation", "role", "sentence", "document"],
        [
            (
                "Islamic State",
                "Abu Ibrahim al-Hashimi al-Qurayshi",
                "Person",
                "leader",
                None,
                E14,
                DOC_SYRIA,
            ),
            ("Islamic State", "Bilal Khan", "Person", "member", None, E13, DOC_PESHAWAR),
            ("Islamic State", JANABI, "Person", "member", None, E15, DOC_SYRIA),
        ],
    ),
    (
        "members-and-leaders",
        {"group": "Kabul police"},
        None,
        [("Kabul police", "Khalid Zadran", "Person", "member", "spokesman", E11, DOC_KABUL)],
    ),
    (
        "conflicting-casualties",
        {},
        [
            "event",
            "date",
            "place",
            "deaths",
            "injuries",
            "minimum",
            "reported_by",
            "document",
            "sentence",
        ],
        # Syria's two reports give deaths and injuries apart: no disagreement
        [
            (PESHAWAR_BOMBING, "2023-03", "Peshawar", "10", "20", None, None, DOC_PESHAWAR, C03),
            (
                PESHAWAR_BOMBING,
                "2023-03",
                "Peshawar",
                "10",
                "25",
                None,
                "Shia Muslims",
                DOC_PESHAWAR,
                C04,
            ),
            (
                KABUL_BOMBING,
                "2024-09-02",
                "Kabul",
                "6",
                "13",
                "true",
                "Kabul police",
                DOC_KABUL,
                C01,
            ),
            (
                KABUL_BOMBING,
                "2024-09-02",
                "Kabul",
                "45",
                None,
                "true",
                "Islamic State",
                DOC_KABUL,
                C02,
            ),
        ],
    ),
    (
        "events-in-place-between-dates",
        {"place": "Afghanistan", "from": "2024-01-01", "to": "2024-12-31"},
        ["event", "type", "date", "precision", "location", "label"],
        [KABUL_ROW],
    ),
    (
        "events-in-place-between-dates",
        {"place": "Kabul", "from": "2024-09-02", "to": "2024-09-02"},
        None,
        [KABUL_ROW],
    ),
    (
        "events-in-place-between-dates",
        {"place": "Kabul", "from": "2024-09-03", "to": "2025"},
        None,
        [],
    ),
    # two steps up mkg:locatedIn, and a month that overlaps the range
    (
        "events-in-place-between-dates",
        {"place": "Pakistan", "from": "2023-03-15", "to": "2023-04-01"},
        None,
        [PESHAWAR_ROW],
    ),
    (
        "events-in-place-between-dates",
        {"place": "KPK", "from": "2023-04-01", "to": "2024"},
        None,
        [],
    ),
    # a year-precise event falls in any range that touches its year
    (
        "events-in-place-between-dates",
        {"place": "Syria", "from": "2023-06-01", "to": "2023-06-30"},
        None,
        [SYRIA_ROW],
    ),
    # empty bounds are open
    (
        "events-in-place-between-dates",
        {"place": "Peshawar", "from": "", "to": ""},
        None,
        [PESHAWAR_ROW],
    ),
    # a place does not contain the places it is located in
    (
        "events-in-place-between-dates",
        {"place": "Khyber Pakhtunkhwa", "from": "", "to": ""},
        None,
        [PESHAWAR_ROW],
    ),
    (
        "actor-evidence",
        {"actor": "isis"},
        [
            "actor_label",
            "direction",
            "predicate",
            "other",
            "other_label",
            "sentence",
            "document",
            "method",
            "confidence",
        ],
        [
            (
                "Islamic State",
                "in",
                "mkg:branchOf",
                "mkr:actor/islamic-state-khorasan-province",
                ISKP,
                E16,
                DOC_KABUL,
                "pattern:affiliate",
                "0.9",
            ),
            (
                "Islamic State",
                "in",
                "mkg:claimedBy",
                KABUL_BOMBING,
                "Suicide bombing in Kabul, 2024-09-02",
                E01,
                DOC_KABUL,
                "pattern:claim-responsibility",
                "0.9",
            ),
            (
                "Islamic State",
                "in",
                "mkg:claimedBy",
                KABUL_BOMBING,
                "Suicide bombing in Kabul, 2024-09-02",
                E02,
                DOC_MOSCOW,
                "pattern:claim-responsibility",
                "0.9",
            ),
            (
                "Islamic State",
                "in",
                "mkg:leaderOf",
                "mkr:actor/abu-ibrahim-al-hashimi-al-qurayshi",
                "Abu Ibrahim al-Hashimi al-Qurayshi",
                E14,
                DOC_SYRIA,
                "pattern:chief",
                "0.9",
            ),
            (
                "Islamic State",
                "in",
                "mkg:memberOf",
                "mkr:actor/bilal-khan",
                "Bilal Khan",
                E13,
                DOC_PESHAWAR,
                "pattern:joined",
                "0.75",
            ),
            (
                "Islamic State",
                "in",
                "mkg:memberOf",
                "mkr:actor/usamah-al-janabi",
                JANABI,
                E15,
                DOC_SYRIA,
                "pattern:member-of",
                "0.8",
            ),
            (
                "Islamic State",
                "in",
                "mkg:targeted",
                SYRIA_AIRSTRIKE,
                "Airstrike in Syria, 2023",
                E08,
                DOC_SYRIA,
                "pattern:targeting",
                "0.7",
            ),
        ],
    ),
    # a relation without an evidence statement (from the gazetteer) still shows
    (
        "actor-evidence",
        {"actor": "ISPP"},
        None,
        [
            (
                "Islamic State Pakistan Province",
                "out",
                "mkg:branchOf",
                "mkr:actor/islamic-state-khorasan-province",
                ISKP,
                None,
                None,
                None,
                None,
            )
        ],
    ),
    (
        "actors-by-class",
        {},
        ["class", "actor", "label", "wikidata", "documents"],
        [
            ("ArmedGroup", "mkr:actor/islamic-state", "Islamic State", "wd:Q2429253", "2"),
            ("ArmedGroup", "mkr:actor/islamic-state-khorasan-province", ISKP, None, "1"),
            (
                "ArmedGroup",
                "mkr:actor/islamic-state-pakistan-province",
                "Islamic State Pakistan Province",
                None,
                "0",
            ),
            ("ArmedGroup", "mkr:actor/taliban", "Taliban", None, "1"),
            (
                "ArmedGroup",
                "mkr:actor/tehrik-i-taliban-pakistan",
                "Tehrik-i-Taliban Pakistan",
                None,
                "1",
            ),
            ("Community", "mkr:actor/shia-muslims", "Shia Muslims", None, "1"),
            ("Government", "mkr:actor/taliban-government", "Taliban government", None, "1"),
            (
                "Government",
                "mkr:actor/taliban-prosecution-service",
                "Taliban prosecution service",
                None,
                "1",
            ),
            ("Organization", "mkr:actor/amaq", "Amaq", None, "0"),
            (
                "Person",
                "mkr:actor/abu-ibrahim-al-hashimi-al-qurayshi",
                "Abu Ibrahim al-Hashimi al-Qurayshi",
                None,
                "1",
            ),
            ("Person", "mkr:actor/bilal-khan", "Bilal Khan", None, "1"),
            ("Person", "mkr:actor/khalid-zadran", "Khalid Zadran", None, "1"),
            ("Person", "mkr:actor/usamah-al-janabi", JANABI, None, "1"),
            ("SecurityForce", "mkr:actor/kabul-police", "Kabul police", None, "1"),
            ("SecurityForce", "mkr:actor/us-central-command", "US Central Command", None, "1"),
            ("State", "mkr:actor/russia", "Russia", "wd:Q159", "1"),
        ],
    ),
    (
        "events-by-type",
        {},
        ["type", "event", "date", "place", "label", "documents"],
        [
            ("Airstrike", SYRIA_AIRSTRIKE, "2023", "Syria", "Airstrike in Syria, 2023", "1"),
            (
                "Bombing",
                PESHAWAR_BOMBING,
                "2023-03",
                "Peshawar",
                "Bombing in Peshawar, 2023-03",
                "1",
            ),
            (
                "SuicideBombing",
                KABUL_BOMBING,
                "2024-09-02",
                "Kabul",
                "Suicide bombing in Kabul, 2024-09-02",
                "2",
            ),
        ],
    ),
    (
        "relations-summary",
        {},
        ["predicate", "triples", "evidence", "documents"],
        [
            ("mkg:alliedWith", "2", "2", "2"),
            ("mkg:attributedTo", "1", "1", "1"),
            ("mkg:branchOf", "2", "1", "1"),
            ("mkg:claimedBy", "1", "2", "2"),
            ("mkg:killed", "2", "2", "1"),
            ("mkg:leaderOf", "1", "1", "1"),
            ("mkg:memberOf", "4", "4", "3"),
            ("mkg:targeted", "3", "3", "3"),
        ],
    ),
    (
        "branches-of-group",
        {"group": "Daesh"},
        ["branch", "label", "parent", "wikidata"],
        [
            ("mkr:actor/islamic-state-khorasan-province", ISKP, "Islamic State", None),
            (
                "mkr:actor/islamic-state-pakistan-province",
                "Islamic State Pakistan Province",
                ISKP,
                None,
            ),
        ],
    ),
    (
        "branches-of-group",
        {"group": "ISKP"},
        None,
        [
            (
                "mkr:actor/islamic-state-pakistan-province",
                "Islamic State Pakistan Province",
                ISKP,
                None,
            )
        ],
    ),
    ("branches-of-group", {"group": "ISPP"}, None, []),
]


@pytest.fixture(scope="module")
def mini() -> Graph:
    return Graph().parse(MINI, format="turtle")


def _free_variables(text: str) -> set[str]:
    """Variables a query reads but never binds itself: the ones a caller must bind."""
    used: set[Variable] = set()
    bound: set[Variable] = set()

    def walk(node: object, into_bound: bool = False) -> None:
        if isinstance(node, Variable):
            (bound if into_bound else used).add(node)
        elif isinstance(node, CompValue):
            name = node.name
            if name == "Extend":
                bound.add(node.var)
            elif name == "values":
                for row in node.res:
                    bound.update(row)
            elif name.startswith("Aggregate_"):
                bound.add(node.res)
            pattern = name in ("BGP", "TriplesBlock")
            for key, value in node.items():
                walk(value, into_bound or (pattern and key == "triples"))
        elif isinstance(node, dict):
            for key, value in node.items():
                walk(key, into_bound)
                walk(value, into_bound)
        elif isinstance(node, list | tuple | set):
            for value in node:
                walk(value, into_bound)

    walk(prepareQuery(text).algebra)
    return {str(var) for var in used - bound}


def _one_line_error(excinfo: pytest.ExceptionInfo[QueryError]) -> str:
    message = str(excinfo.value)
    assert message
    assert "\n" not in message
    return message


# ---------------------------------------------------------------- the shipped files


def test_required_queries_are_shipped() -> None:
    """Every query the project promises ships, with the parameters it promises."""
    shipped = {query.name: sorted(query.params) for query in list_queries()}
    for name, params in REQUIRED.items():
        assert shipped.get(name) == params, name


def test_list_queries_is_sorted_by_name() -> None:
    """list_queries() returns the .rq files in name order, named by their stem."""
    queries = list_queries()
    assert [q.name for q in queries] == sorted(q.name for q in queries)
    for query in queries:
        assert query.path is not None
        assert query.path.stem == query.name
        assert query.path.suffix == ".rq"


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_query_parses_and_has_a_header(name: str) -> None:
    """Each .rq file is SPARQL 1.1 with a title, a description and a kebab-case name."""
    query = load_query(name)
    prepareQuery(query.text)
    assert query.title and query.title != name
    assert query.description
    assert all(help_text for help_text in query.params.values())
    assert name == name.lower() and " " not in name and "_" not in name


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_query_declares_exactly_its_free_variables(name: str) -> None:
    """The # param: lines name exactly the variables the query reads but does not bind."""
    query = load_query(name)
    assert _free_variables(query.text) == set(query.params)


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_query_has_order_by(name: str) -> None:
    """Each query orders its rows, so its output is the same from run to run."""
    assert "ORDER BY" in load_query(name).text


def test_every_shipped_query_is_covered_by_a_case() -> None:
    """Each shipped query has hand-computed rows in this file; violation queries are
    specified by tests/test_validate.py."""
    answering = {name for name in SHIPPED if not name.endswith("-violation")}
    assert {case[0] for case in CASES} >= answering


# ---------------------------------------------------------------- the answers on mini.ttl


@pytest.mark.parametrize(
    ("name", "params", "columns", "rows"),
    CASES,
    ids=[f"{case[0]}-{'-'.join(case[1].values()) or 'all'}" for case in CASES],
)
def test_named_query_returns_the_hand_computed_rows(
    mini: Graph, name: str, params: dict[str, str], columns: list[str] | None, rows: list
) -> None:
    """On mini.ttl each named query returns exactly the rows worked out by hand, in order."""
    result = run_query(mini, load_query(name), params)
    if columns is not None:
        assert result.columns == columns
    assert result.rows == rows


@pytest.mark.parametrize("spelling", ["Islamic State", "islamic state", "ISIL", "isil", "DaEsH"])
def test_names_match_labels_and_aliases_case_insensitively(mini: Graph, spelling: str) -> None:
    """The label or any alias, in any case, finds the same actor."""
    expected = run_query(mini, "claims-by-group", {"group": "Islamic State"}).rows
    assert expected
    assert run_query(mini, "claims-by-group", {"group": spelling}).rows == expected


def test_name_must_match_whole(mini: Graph) -> None:
    """A part of a name is not a match: "Islamic" finds nothing."""
    assert run_query(mini, "claims-by-group", {"group": "Islamic"}).rows == []


@pytest.mark.parametrize(
    "value",
    [
        '" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #',
        'ISIL" ) || true || ("',
        "?group",
        "<https://w3id.org/militant-kg/id/actor/islamic-state>",
    ],
)
def test_parameter_value_stays_a_value(mini: Graph, value: str) -> None:
    """Text that would change a spliced query is bound as a literal: no rows, no error."""
    before = len(mini)
    assert run_query(mini, "claims-by-group", {"group": value}).rows == []
    assert len(mini) == before


def test_run_query_takes_a_name_a_named_query_or_text(mini: Graph) -> None:
    """A query can be given by name, as a NamedQuery, or as SPARQL text."""
    by_name = run_query(mini, "relations-summary", {})
    by_query = run_query(mini, load_query("relations-summary"))
    by_text = run_query(mini, load_query("relations-summary").text)
    assert by_name == by_query == by_text


def test_text_without_header_binds_any_variable_it_mentions(mini: Graph) -> None:
    """An ad hoc query without # param: lines may bind its own variables, none required."""
    text = "SELECT ?label WHERE { ?a rdfs:label ?label . FILTER(STR(?label) = ?want) }"
    result = run_query(mini, text, {"want": "Russia"})
    assert result.rows == [("Russia",)]
    assert run_query(mini, text).rows == []


def test_text_uses_the_graph_prefixes(mini: Graph) -> None:
    """Ad hoc text may use the prefixes the graph binds without declaring them."""
    text = "SELECT ?a WHERE { ?a a mkg:State }"
    assert run_query(mini, text).rows == [("mkr:actor/russia",)]


def test_ask_gives_one_column(mini: Graph) -> None:
    """ASK answers in one column named ask, "true" or "false"."""
    yes = run_query(mini, "ASK { ?e a mkg:Airstrike }")
    no = run_query(mini, "ASK { ?e a mkg:Raid }")
    assert yes == QueryResult(["ask"], [("true",)])
    assert no == QueryResult(["ask"], [("false",)])


def test_construct_gives_sorted_triples(mini: Graph) -> None:
    """CONSTRUCT answers with subject, predicate, object rows in sorted order."""
    text = "CONSTRUCT { ?b mkg:branchOf ?p } WHERE { ?b mkg:branchOf ?p }"
    result = run_query(mini, text)
    assert result.columns == ["subject", "predicate", "object"]
    assert result.rows == [
        (
            "mkr:actor/islamic-state-khorasan-province",
            "mkg:branchOf",
            "mkr:actor/islamic-state",
        ),
        (
            "mkr:actor/islamic-state-pakistan-province",
            "mkg:branchOf",
            "mkr:actor/islamic-state-khorasan-province",
        ),
    ]


def test_describe_gives_triples(mini: Graph) -> None:
    """DESCRIBE answers with the triples about the resource."""
    result = run_query(mini, "DESCRIBE <https://w3id.org/militant-kg/id/actor/amaq>")
    assert result.columns == ["subject", "predicate", "object"]
    assert ("mkr:actor/amaq", "rdfs:label", "Amaq") in result.rows
    assert result.rows == sorted(result.rows)


def test_iris_without_a_prefix_show_in_angle_brackets() -> None:
    """An IRI no prefix covers is shown whole, between < and >; a bare graph still
    shows the project's own prefixes."""
    graph = Graph(bind_namespaces="none")
    graph.add(
        (
            URIRef("https://w3id.org/militant-kg/id/actor/x"),
            URIRef("http://example.org/p"),
            URIRef("http://example.org/o"),
        )
    )
    result = run_query(graph, "SELECT ?s ?p WHERE { ?s ?p ?o }")
    assert result.rows == [("mkr:actor/x", "<http://example.org/p>")]


def test_unbound_is_none(mini: Graph) -> None:
    """An unbound variable comes back as None."""
    text = "SELECT ?a ?w WHERE { ?a rdfs:label 'Amaq' OPTIONAL { ?a owl:sameAs ?w } }"
    assert run_query(mini, text).rows == [("mkr:actor/amaq", None)]


# ---------------------------------------------------------------- errors


def test_unknown_query_name_lists_the_known_ones() -> None:
    """An unknown name is a one-line QueryError that names the known queries."""
    with pytest.raises(QueryError) as excinfo:
        load_query("no-such-query")
    message = _one_line_error(excinfo)
    assert "no-such-query" in message
    for name in SHIPPED:
        assert name in message


def test_unknown_query_name_in_run_query(mini: Graph) -> None:
    """run_query given an unknown name fails the same way."""
    with pytest.raises(QueryError, match="unknown query 'nope'"):
        run_query(mini, "nope", {})


def test_unknown_parameter_is_refused(mini: Graph) -> None:
    """A parameter the query does not declare is a one-line QueryError naming it."""
    with pytest.raises(QueryError) as excinfo:
        run_query(mini, "claims-by-group", {"group": "IS", "grup": "IS"})
    message = _one_line_error(excinfo)
    assert "claims-by-group" in message
    assert "'grup'" in message


def test_parameters_of_a_parameterless_query_are_refused(mini: Graph) -> None:
    """A query that declares no parameters takes none."""
    with pytest.raises(QueryError, match="unknown parameter 'x'"):
        run_query(mini, "who-killed-whom", {"x": "1"})


def test_missing_parameter_is_refused(mini: Graph) -> None:
    """Leaving out a declared parameter is a one-line QueryError naming it."""
    with pytest.raises(QueryError) as excinfo:
        run_query(mini, "events-in-place-between-dates", {"place": "Kabul", "from": "2024"})
    message = _one_line_error(excinfo)
    assert "events-in-place-between-dates" in message
    assert "'to'" in message


def test_syntax_error_names_the_query_and_line(mini: Graph) -> None:
    """A SPARQL syntax error is a one-line QueryError with the query's name and line."""
    broken = NamedQuery(
        name="broken",
        title="Broken",
        description="Does not parse.",
        params={},
        text="# title: Broken\nSELECT ?s\nWHERE {\n  ?s ?p\n}\n",
    )
    with pytest.raises(QueryError) as excinfo:
        run_query(mini, broken, {})
    message = _one_line_error(excinfo)
    assert message.startswith("query broken: syntax error at line ")
    assert "line 4:" in message


def test_syntax_error_in_text(mini: Graph) -> None:
    """Text that is not SPARQL gives the same one-line error."""
    with pytest.raises(QueryError) as excinfo:
        run_query(mini, "SELEKT ?s WHERE { ?s ?p ?o }")
    assert "syntax error at line 1" in _one_line_error(excinfo)


def test_unknown_prefix_is_a_query_error(mini: Graph) -> None:
    """A prefix neither the query nor the graph declares is a one-line QueryError."""
    with pytest.raises(QueryError) as excinfo:
        run_query(mini, "SELECT ?s WHERE { ?s nosuch:p ?o }")
    assert "nosuch" in _one_line_error(excinfo)


# ---------------------------------------------------------------- output formats

SAMPLE = QueryResult(
    ["name", "note"],
    [
        ("Islamic State", None),
        ('IS-K, "Khorasan"', "tab\there"),
        ("two\nlines", "back\\slash"),
    ],
)


def test_formatters_registry() -> None:
    """The four formats are registered by name in FORMATTERS."""
    assert set(FORMATTERS) == {"table", "csv", "tsv", "json"}


def test_table_aligns_columns() -> None:
    """The table format pads each column to its widest value under a rule of dashes."""
    result = QueryResult(["a", "long_name"], [("x", None), ("wide value", "y")])
    assert format_result(result, "table") == (
        "a           long_name\n----------  ---------\nx\nwide value  y"
    )


def test_table_keeps_one_row_per_line() -> None:
    """A value with a line break stays on its row in a table."""
    lines = format_result(SAMPLE, "table").splitlines()
    assert len(lines) == 2 + len(SAMPLE.rows)


def test_csv_parses_back() -> None:
    """csv output read with the csv module gives the columns and rows, unbound as ""."""
    text = format_result(SAMPLE, "csv")
    records = list(csv.reader(io.StringIO(text)))
    assert records[0] == SAMPLE.columns
    assert records[1:] == [[v or "" for v in row] for row in SAMPLE.rows]


def test_tsv_escapes_tabs_and_line_breaks() -> None:
    """tsv output has one line per row and a tab between values; tabs, line breaks and
    backslashes in values are escaped."""
    lines = format_result(SAMPLE, "tsv").split("\n")
    assert lines == [
        "name\tnote",
        "Islamic State\t",
        'IS-K, "Khorasan"\ttab\\there',
        "two\\nlines\tback\\\\slash",
    ]


def test_json_is_a_list_of_objects() -> None:
    """json output is a list with one object per row; unbound is null."""
    records = json.loads(format_result(SAMPLE, "json"))
    assert records == [dict(zip(SAMPLE.columns, row, strict=True)) for row in SAMPLE.rows]
    assert records[0]["note"] is None


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("table", "a  b\n-  -"), ("csv", "a,b"), ("tsv", "a\tb"), ("json", "[]")],
)
def test_formats_of_an_empty_result(fmt: str, expected: str) -> None:
    """A result without rows still formats: the header alone, or an empty JSON list."""
    assert format_result(QueryResult(["a", "b"], []), fmt) == expected


@pytest.mark.parametrize("fmt", sorted(FORMATTERS))
def test_formats_of_a_real_result(mini: Graph, fmt: str) -> None:
    """Every format renders a named query's answer without a trailing newline."""
    text = format_result(run_query(mini, "who-killed-whom"), fmt)
    assert text
    assert not text.endswith("\n")


def test_unknown_format_is_a_query_error() -> None:
    """An unknown format name is a one-line QueryError listing the known ones."""
    with pytest.raises(QueryError) as excinfo:
        format_result(SAMPLE, "xml")
    message = _one_line_error(excinfo)
    assert "xml" in message
    assert "csv" in message


# ---------------------------------------------------------------- headers and untrusted text


def test_parse_header_reads_title_description_and_params() -> None:
    """The leading # lines give title, description and params; the first other line ends them."""
    text = (
        "# title: T\n# description: D, with: colons\n# a free comment\n"
        "# param: group: a name: or alias\n\nSELECT * WHERE { ?s ?p ?o }\n# param: late: no\n"
    )
    assert parse_header(text) == ("T", "D, with: colons", {"group": "a name: or alias"})


@settings(max_examples=40, deadline=None)
@given(value=st.text())
def test_any_text_as_a_name_is_only_a_value(mini: Graph, value: str) -> None:
    """Whatever text a user gives as a name, the query runs and returns rows or none."""
    result = run_query(mini, "claims-by-group", {"group": value})
    assert all(row[0] == KABUL_BOMBING for row in result.rows)


@settings(max_examples=40, deadline=None)
@given(
    place=st.sampled_from(["Kabul", "Pakistan", "Syria"]) | st.text(),
    start=st.text(),
    end=st.text(),
)
def test_any_text_as_dates_is_only_a_value(mini: Graph, place: str, start: str, end: str) -> None:
    """Arbitrary text for place and dates never raises: the query returns rows or none."""
    result = run_query(
        mini, "events-in-place-between-dates", {"place": place, "from": start, "to": end}
    )
    assert len(result.rows) <= 3
