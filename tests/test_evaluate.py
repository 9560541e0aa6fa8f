"""Scoring a graph against gold facts, as the spec's "Gold facts" section defines it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from kg.errors import InputError
from kg.gazetteer import Gazetteer
from kg.graph import add_extraction, new_graph
from kg.model import CasualtyReport, Document, Entity, Event, Evidence, Extraction, Relation
from kg.scoring import as_json, evaluate, load_gold, report

ISLAMIC_STATE = Entity(
    "islamic-state", "Islamic State", "ArmedGroup", ("IS", "ISIS", "ISIL", "Daesh")
)
ISKP = Entity("islamic-state-khorasan", "Islamic State Khorasan Province", "ArmedGroup", ("IS-K",))
TALIBAN = Entity("taliban", "Taliban", "ArmedGroup")
HAQQANI = Entity("haqqani-network", "Haqqani Network", "ArmedGroup", ("Haqqanis",))
CIVILIANS = Entity("civilians", "civilians", "Community")
KABUL = Entity("kabul", "Kabul", "Place", ("Kabol",))
ENTITIES = (ISLAMIC_STATE, ISKP, TALIBAN, HAQQANI, CIVILIANS, KABUL)

BOMBING_2022 = Event("SuicideBombing", "kabul", "2022-09-05")
BOMBING_2021 = Event("Bombing", "kabul", "2021-08-27")


def evidence(doc_id: str, start: int, method: str = "pattern:test") -> Evidence:
    return Evidence(doc_id, f"Sentence at {start}.", start, start + 20, method, 0.9)


def extraction(doc_id: str, relations: list[tuple[str, str, str, int]], **more: Any) -> Extraction:
    """A document's records; each relation is ``(subject, predicate, object, char start)``."""
    return Extraction(
        Document(id=doc_id, text="…", source=f"seeds/{doc_id}.txt"),
        entities={e.ref: e for e in ENTITIES},
        events={e.ref: e for e in (BOMBING_2022, BOMBING_2021)},
        relations=[Relation(s, p, o, evidence(doc_id, start)) for s, p, o, start in relations],
        **more,
    )


def graph_of(*extractions: Extraction) -> Graph:
    gazetteer = Gazetteer({e.ref: e for e in ENTITIES})
    graph = new_graph()
    for item in extractions:
        add_extraction(graph, item, gazetteer)
    return graph


@pytest.fixture(scope="module")
def graph() -> Graph:
    """Predictions of document ``a`` (scored) and of document ``other`` (not in the gold)."""
    scored = extraction(
        "a",
        [
            (BOMBING_2022.ref, "claimedBy", ISLAMIC_STATE.ref, 0),  # p1
            (BOMBING_2021.ref, "claimedBy", ISKP.ref, 30),  # p2
            (BOMBING_2022.ref, "claimedBy", ISKP.ref, 60),  # p3
            (TALIBAN.ref, "alliedWith", HAQQANI.ref, 90),  # p4
            (BOMBING_2022.ref, "targeted", CIVILIANS.ref, 0),  # p5 ...
            (BOMBING_2022.ref, "targeted", CIVILIANS.ref, 120),  # ... asserted twice
        ],
        casualties=[
            CasualtyReport(BOMBING_2022.ref, evidence("a", 0), deaths=6, injuries=13),  # p6, p7
        ],
    )
    unscored = extraction("other", [(TALIBAN.ref, "killed", ISKP.ref, 0)])
    return graph_of(scored, unscored)


KABUL_2022 = {"event": "SuicideBombing", "place": "KABUL", "date": "2022"}
GOLD = [
    # g1 matches p1: place and names case-insensitive, the year agrees with 2022-09-05
    {"doc": "a.txt", "relation": "claimedBy", "subject": KABUL_2022, "object": ["isil"]},
    # g2 matches nothing: 2021-08-26 is not 2021-08-27, so p2 stays unmatched too
    {
        "doc": "a.txt",
        "relation": "claimedBy",
        "subject": {"event": "Bombing", "place": "Kabul", "date": "2021-08-26"},
        "object": ["IS-K"],
    },
    # g3 matches p4 read the other way round
    {"doc": "a.txt", "relation": "alliedWith", "subject": ["Haqqanis"], "object": ["TALIBAN"]},
    # g4 matches p5; g5, the same fact again, finds no prediction left
    {"doc": "a.txt", "relation": "targeted", "subject": KABUL_2022, "object": ["Civilians"]},
    {"doc": "a.txt", "relation": "targeted", "subject": KABUL_2022, "object": ["Civilians"]},
    # g6 matches p6 through the place alias; g7 has the wrong figure (12, not 13)
    {
        "doc": "a.txt",
        "relation": "deaths",
        "subject": {"event": "X", "place": "kabol"},
        "object": 6,
    },
    {
        "doc": "a.txt",
        "relation": "injuries",
        "subject": {"event": "X", "place": "Kabul"},
        "object": 12,
    },
]


def test_scores_per_relation(graph: Graph) -> None:
    """Precision, recall and F1 per relation, worked out by hand.

    Predictions of a.txt: claimedBy p1 p2 p3; alliedWith p4; targeted p5 (asserted twice,
    counted once); deaths p6; injuries p7. Document "other" is not in the gold: its killed
    prediction is not counted.

    ============  ====  ====  =======  =========  ===========  ==========================
    relation      gold  pred  matched  precision  recall       F1
    ============  ====  ====  =======  =========  ===========  ==========================
    claimedBy     2     3     1        1/3        1/2          2·(1/3)(1/2)/(5/6) = 2/5
    alliedWith    1     1     1        1          1            1
    targeted      2     1     1        1          1/2          2·(1)(1/2)/(3/2) = 2/3
    deaths        1     1     1        1          1            1
    injuries      1     1     0        0          0            0
    killed        0     0     0        0          0            0
    overall       7     7     4        4/7        4/7          4/7
    ============  ====  ====  =======  =========  ===========  ==========================
    """
    scores = evaluate(graph, GOLD)
    expected = {
        "claimedBy": (2, 3, 1, 1 / 3, 1 / 2, 2 / 5),
        "alliedWith": (1, 1, 1, 1.0, 1.0, 1.0),
        "targeted": (2, 1, 1, 1.0, 1 / 2, 2 / 3),
        "deaths": (1, 1, 1, 1.0, 1.0, 1.0),
        "injuries": (1, 1, 0, 0.0, 0.0, 0.0),
        "killed": (0, 0, 0, 0.0, 0.0, 0.0),
        "overall": (7, 7, 4, 4 / 7, 4 / 7, 4 / 7),
    }
    for relation, (gold, predicted, matched, precision, recall, f1) in expected.items():
        score = scores[relation]
        assert (score.gold, score.predicted, score.matched_gold, score.matched_predicted) == (
            gold,
            predicted,
            matched,
            matched,
        ), relation
        assert score.precision == pytest.approx(precision), relation
        assert score.recall == pytest.approx(recall), relation
        assert score.f1 == pytest.approx(f1), relation


def test_misses_are_the_unmatched_gold_facts(graph: Graph) -> None:
    """Each relation lists the gold facts it missed, for the report."""
    scores = evaluate(graph, GOLD)
    assert scores["claimedBy"].misses == [GOLD[1]]
    assert scores["targeted"].misses == [GOLD[4]]
    assert scores["injuries"].misses == [GOLD[6]]
    assert scores["alliedWith"].misses == []


def score_of(graph: Graph, fact: dict[str, Any]) -> tuple[int, int]:
    """``(matched gold, predicted)`` for one gold fact about document a.txt."""
    score = evaluate(graph, [{"doc": "a.txt", **fact}])[fact["relation"]]
    return score.matched_gold, score.predicted


@pytest.mark.parametrize("names", [["Islamic State"], ["islamic state"], ["DAESH"], ["x", "isis"]])
def test_actor_names_match_label_or_alias_case_insensitively(
    graph: Graph, names: list[str]
) -> None:
    """An actor matches when its label or any alias equals one of the names, in any case."""
    fact = {"relation": "claimedBy", "subject": KABUL_2022, "object": names}
    assert score_of(graph, fact) == (1, 3)


def test_actor_names_must_be_whole_names(graph: Graph) -> None:
    """A part of a name ("Islamic") is no match."""
    fact = {"relation": "claimedBy", "subject": KABUL_2022, "object": ["Islamic"]}
    assert score_of(graph, fact) == (0, 3)


@pytest.mark.parametrize(
    ("date", "matched"),
    [
        (None, 1),
        ("2022", 1),
        ("2022-09", 1),
        ("2022-09-05", 1),
        ("2021", 0),
        ("2022-10", 0),
        ("2022-09-06", 0),
    ],
)
def test_event_dates_agree_at_the_coarser_precision(
    graph: Graph, date: str | None, matched: int
) -> None:
    """A gold date matches a predicted 2022-09-05 when they agree to the coarser precision;
    a gold event without a date matches any date."""
    subject = {"event": "SuicideBombing", "place": "Kabul", **({"date": date} if date else {})}
    fact = {"relation": "claimedBy", "subject": subject, "object": ["Islamic State"]}
    assert score_of(graph, fact)[0] == matched


def test_a_coarse_prediction_matches_a_precise_gold_date() -> None:
    """A predicted year (2022) agrees with a gold day in that year (2022-09-05)."""
    attack = Event("Shooting", "kabul", "2022")
    graph = graph_of(
        Extraction(
            Document(id="a", text="…", source="seeds/a.txt"),
            entities={e.ref: e for e in ENTITIES},
            events={attack.ref: attack},
            relations=[Relation(attack.ref, "claimedBy", TALIBAN.ref, evidence("a", 0))],
        )
    )
    subject = {"event": "Shooting", "place": "Kabul", "date": "2022-09-05"}
    assert score_of(
        graph, {"relation": "claimedBy", "subject": subject, "object": ["Taliban"]}
    ) == (1, 1)


def test_day_dates_that_differ_do_not_match(graph: Graph) -> None:
    """Gold 2021-08-26 does not match the event predicted on 2021-08-27."""
    subject = {"event": "Bombing", "place": "Kabul", "date": "2021-08-26"}
    assert (
        score_of(graph, {"relation": "claimedBy", "subject": subject, "object": ["IS-K"]})[0] == 0
    )
    subject["date"] = "2021-08-27"
    assert (
        score_of(graph, {"relation": "claimedBy", "subject": subject, "object": ["IS-K"]})[0] == 1
    )


@pytest.mark.parametrize("place", ["Kabul", "kabul", "KABOL"])
def test_event_place_matches_label_or_alias(graph: Graph, place: str) -> None:
    """The gold place matches the event's place by label or alias, in any case."""
    fact = {"relation": "deaths", "subject": {"event": "Bombing", "place": place}, "object": 6}
    assert score_of(graph, fact)[0] == 1


def test_wrong_place_does_not_match(graph: Graph) -> None:
    """An event elsewhere is not the gold event, whatever its type and date."""
    fact = {
        "relation": "deaths",
        "subject": {"event": "SuicideBombing", "place": "Peshawar"},
        "object": 6,
    }
    assert score_of(graph, fact)[0] == 0


@pytest.mark.parametrize(
    ("subject", "obj"), [(["Taliban"], ["Haqqani Network"]), (["Haqqani Network"], ["Taliban"])]
)
def test_alliance_matches_either_direction(
    graph: Graph, subject: list[str], obj: list[str]
) -> None:
    """alliedWith is symmetric: the gold pair matches the prediction read either way."""
    assert score_of(graph, {"relation": "alliedWith", "subject": subject, "object": obj}) == (1, 1)


def test_other_relations_do_not_match_reversed() -> None:
    """A non-symmetric relation read backwards is no match."""
    graph = graph_of(extraction("a", [(HAQQANI.ref, "memberOf", TALIBAN.ref, 0)]))
    forward = {"relation": "memberOf", "subject": ["Haqqani Network"], "object": ["Taliban"]}
    backward = {"relation": "memberOf", "subject": ["Taliban"], "object": ["Haqqani Network"]}
    assert score_of(graph, forward) == (1, 1)
    assert score_of(graph, backward) == (0, 1)


def test_each_gold_fact_matches_at_most_one_prediction(graph: Graph) -> None:
    """A gold fact whose names fit two predictions (IS and IS-K both claimed the 2022
    bombing) matches one; the other counts against precision."""
    fact = {"relation": "claimedBy", "subject": KABUL_2022, "object": ["Islamic State", "IS-K"]}
    score = evaluate(graph, [{"doc": "a.txt", **fact}])["claimedBy"]
    assert (score.matched_gold, score.matched_predicted, score.predicted) == (1, 1, 3)


def test_duplicate_predictions_count_once() -> None:
    """One relation asserted by three sentences of a document is one prediction."""
    graph = graph_of(
        extraction("a", [(TALIBAN.ref, "killed", ISKP.ref, start) for start in (0, 40, 80)])
    )
    fact = {"relation": "killed", "subject": ["Taliban"], "object": ["IS-K"]}
    assert score_of(graph, fact) == (1, 1)


def test_gold_doc_may_name_the_source_file(graph: Graph) -> None:
    """A gold ``doc`` names the document by its file name; an unknown file has no
    predictions."""
    fact = {"relation": "alliedWith", "subject": ["Taliban"], "object": ["Haqqanis"]}
    assert evaluate(graph, [{"doc": "a.txt", **fact}])["alliedWith"].matched_gold == 1
    assert evaluate(graph, [{"doc": "missing.txt", **fact}])["alliedWith"].matched_gold == 0


def test_report_and_json(graph: Graph) -> None:
    """``report`` is a table with a row per relation; ``as_json`` the same numbers as JSON."""
    scores = evaluate(graph, GOLD)
    table = report(scores)
    assert table.splitlines()[0].split() == ["relation", "gold", "pred", "P", "R", "F1"]
    assert any(
        line.split() == ["claimedBy", "2", "3", "0.33", "0.50", "0.40"]
        for line in table.splitlines()
    )
    data = json.loads(as_json(scores))
    assert data["overall"] == {
        "gold": 7,
        "predicted": 7,
        "precision": 0.5714,
        "recall": 0.5714,
        "f1": 0.5714,
    }


# --- load_gold -----------------------------------------------------------------------------------


def write_gold(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


FACT = json.dumps({"doc": "a.txt", "relation": "killed", "subject": ["A"], "object": ["B"]})


def test_load_gold_reads_facts(tmp_path: Path) -> None:
    """A gold file gives one dict per line."""
    path = write_gold(tmp_path / "gold.jsonl", FACT, FACT)
    assert load_gold(path) == [json.loads(FACT)] * 2


def test_load_gold_rejects_a_fact_without_relation(tmp_path: Path) -> None:
    """A line without "relation" is an InputError naming file:line."""
    bad = json.dumps({"doc": "a.txt", "subject": ["A"], "object": ["B"]})
    path = write_gold(tmp_path / "gold.jsonl", FACT, bad)
    with pytest.raises(InputError) as caught:
        load_gold(path)
    assert str(caught.value) == f"{path}:2: gold fact lacks relation"


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ('{"doc": "a.txt", "relation": "killed"', "not JSON"),
        (
            json.dumps({"doc": "a.txt", "relation": "bombed", "subject": [], "object": []}),
            "unknown relation 'bombed'",
        ),
        (json.dumps({"relation": "killed"}), "gold fact lacks doc, subject, object"),
    ],
)
def test_load_gold_names_file_and_line_of_bad_lines(tmp_path: Path, line: str, why: str) -> None:
    """Malformed JSON, unknown relations and missing keys are reported at file:line."""
    path = write_gold(tmp_path / "gold.jsonl", FACT, line)
    with pytest.raises(InputError) as caught:
        load_gold(path)
    assert str(caught.value).startswith(f"{path}:2: {why}")


def test_load_gold_missing_file(tmp_path: Path) -> None:
    """A gold path that is no file is an InputError naming it."""
    with pytest.raises(InputError, match="no such gold file"):
        load_gold(tmp_path / "gold.jsonl")


def test_load_gold_line_numbers_count_blank_lines(tmp_path: Path) -> None:
    """The reported line is the line in the file, blank lines included."""
    bad = json.dumps({"doc": "a.txt", "subject": ["A"], "object": ["B"]})
    path = write_gold(tmp_path / "gold.jsonl", FACT, "", bad)
    with pytest.raises(InputError, match=r"gold\.jsonl:3: "):
        load_gold(path)


def test_gold_event_without_place_is_an_input_error(graph: Graph, tmp_path: Path) -> None:
    """An event subject lacking "place" is reported as an InputError at file:line, not a crash."""
    fact = {
        "doc": "a.txt",
        "relation": "claimedBy",
        "subject": {"event": "Bombing"},
        "object": ["IS"],
    }
    path = write_gold(tmp_path / "gold.jsonl", json.dumps(fact))
    with pytest.raises(InputError, match=r"gold\.jsonl:1: "):
        evaluate(graph, load_gold(path))
