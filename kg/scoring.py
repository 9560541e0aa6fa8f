"""Scoring a built graph against gold facts, as the spec's "Gold facts" section defines.

Predictions are the evidence statements and casualty reports derived from the gold's
documents; a gold actor matches a node whose label or any alias equals one of its
names; a gold event matches an event reported in that document whose place has that
name and whose date agrees to the coarser precision. Each gold fact matches at most
one prediction.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.errors import InputError
from kg.namespaces import MKG, MKR
from kg.resources import read_jsonl_lines

__all__ = ["RELATIONS", "Score", "as_json", "evaluate", "load_gold", "report"]

RELATIONS = (
    "claimedBy", "attributedTo", "targeted", "killed", "alliedWith", "memberOf", "leaderOf",
    "branchOf", "deaths", "injuries",
)  # fmt: skip
_KEYS = ("doc", "relation", "subject", "object")


@dataclass
class Score:
    """Counts and rates for one relation (or all)."""

    relation: str
    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0
    matched_predicted: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    extras: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class _Prediction:
    relation: str
    subject: URIRef
    object: URIRef | int


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold facts, each checked for the keys the format requires."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such gold file")
    facts = []
    for number, fact in read_jsonl_lines(path):
        missing = [k for k in _KEYS if k not in fact]
        if missing:
            raise InputError(path, f"gold fact lacks {', '.join(missing)}", line=number)
        if fact["relation"] not in RELATIONS:
            raise InputError(path, f"unknown relation '{fact['relation']}'", line=number)
        for end in ("subject", "object"):
            if isinstance(fact[end], dict) and not isinstance(fact[end].get("place"), str):
                raise InputError(path, f"the {end} event needs a 'place'", line=number)
        facts.append(fact)
    return facts


class _Index:
    """Names, places and dates of the graph's nodes, looked up once."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._names: dict[URIRef, set[str]] = {}

    def names(self, node: URIRef) -> set[str]:
        if node not in self._names:
            labels = [
                *self.graph.objects(node, RDFS.label),
                *self.graph.objects(node, SKOS.altLabel),
            ]
            self._names[node] = {str(n).casefold() for n in labels}
        return self._names[node]

    def describe(self, node: Any) -> Any:
        """A prediction's end as a person reads it: a label, an event's place and date."""
        if not isinstance(node, URIRef):
            return node.toPython() if hasattr(node, "toPython") else node
        if (node, RDF.type, MKG.Event) in self.graph:
            place = self.graph.value(node, MKG.place)
            date = self.graph.value(node, MKG.date)
            described: dict[str, Any] = {"event": str(node).rsplit("/", 1)[-1]}
            if place is not None:
                described["place"] = str(self.graph.value(place, RDFS.label))
            if date is not None:
                described["date"] = str(date)
            return described
        return str(self.graph.value(node, RDFS.label) or node)

    def matches_actor(self, node: Any, names: list[str]) -> bool:
        return isinstance(node, URIRef) and bool(self.names(node) & {n.casefold() for n in names})

    def matches_event(self, node: Any, spec: dict[str, Any]) -> bool:
        if not isinstance(node, URIRef) or (node, RDF.type, MKG.Event) not in self.graph:
            return False
        place = self.graph.value(node, MKG.place)
        if place is None or spec["place"].casefold() not in self.names(place):
            return False
        date, gold_date = self.graph.value(node, MKG.date), spec.get("date")
        if date is None or not gold_date:
            return True
        coarse = min(len(str(date)), len(gold_date))
        return str(date)[:coarse] == gold_date[:coarse]

    def matches(self, node: Any, spec: Any) -> bool:
        if isinstance(spec, dict):
            return self.matches_event(node, spec)
        if isinstance(spec, list):
            return self.matches_actor(node, spec)
        return node == spec


def _doc_nodes(graph: Graph, doc_name: str) -> set[URIRef]:
    """The document nodes for a gold ``doc`` (a file name): by id or by source path."""
    stem = Path(doc_name).stem
    found = {MKR[f"doc/{stem}"]} if (MKR[f"doc/{stem}"], None, None) in graph else set()
    for doc, source in graph.subject_objects(DCTERMS.source):
        if Path(str(source)).name == doc_name:
            found.add(doc)
    return found


def _predictions(graph: Graph, docs: set[URIRef]) -> list[_Prediction]:
    predictions: set[_Prediction] = set()
    for doc in docs:
        for item in graph.subjects(URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), doc):
            if (item, RDF.type, RDF.Statement) in graph:
                relation = str(graph.value(item, RDF.predicate)).rsplit("#", 1)[-1]
                subject, obj = graph.value(item, RDF.subject), graph.value(item, RDF.object)
                predictions.add(_Prediction(relation, subject, obj))
            elif (item, RDF.type, MKG.CasualtyReport) in graph:
                for event in graph.subjects(MKG.casualties, item):
                    for kind in ("deaths", "injuries"):
                        value = graph.value(item, MKG[kind])
                        if value is not None:
                            predictions.add(_Prediction(kind, event, int(value.toPython())))
    return sorted(predictions, key=lambda p: (p.relation, str(p.subject), str(p.object)))


def _match(index: _Index, fact: dict[str, Any], prediction: _Prediction) -> bool:
    if prediction.relation != fact["relation"]:
        return False
    forward = index.matches(prediction.subject, fact["subject"]) and index.matches(
        prediction.object, fact["object"]
    )
    if forward or fact["relation"] != "alliedWith":
        return forward
    return index.matches(prediction.object, fact["subject"]) and index.matches(
        prediction.subject, fact["object"]
    )


def evaluate(graph: Graph, gold: list[dict[str, Any]]) -> dict[str, Score]:
    """Precision, recall and F1 per relation and ``"overall"``."""
    index = _Index(graph)
    scores = {r: Score(r) for r in RELATIONS}
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fact in gold:
        by_doc[fact["doc"]].append(fact)
    for doc_name in sorted(by_doc):
        predictions = _predictions(graph, _doc_nodes(graph, doc_name))
        used: set[int] = set()
        for prediction in predictions:
            if prediction.relation in scores:
                scores[prediction.relation].predicted += 1
        for fact in by_doc[doc_name]:
            score = scores[fact["relation"]]
            score.gold += 1
            hit = next(
                (i for i, p in enumerate(predictions) if i not in used and _match(index, fact, p)),
                None,
            )
            if hit is None:
                score.misses.append(fact)
                continue
            used.add(hit)
            score.matched_gold += 1
            score.matched_predicted += 1
        for i, prediction in enumerate(predictions):
            if i not in used and prediction.relation in scores:
                scores[prediction.relation].extras.append(
                    {
                        "doc": doc_name,
                        "relation": prediction.relation,
                        "subject": index.describe(prediction.subject),
                        "object": index.describe(prediction.object),
                    }
                )
    overall = Score("overall")
    for score in scores.values():
        overall.gold += score.gold
        overall.predicted += score.predicted
        overall.matched_gold += score.matched_gold
        overall.matched_predicted += score.matched_predicted
    scores["overall"] = overall
    return scores


def report(scores: dict[str, Score]) -> str:
    """A plain table of the scores."""
    lines = [f"{'relation':<14}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}"]
    for name, s in scores.items():
        lines.append(
            f"{name:<14}{s.gold:>6}{s.predicted:>6}{s.precision:>7.2f}{s.recall:>7.2f}{s.f1:>7.2f}"
        )
    return "\n".join(lines)


def as_json(scores: dict[str, Score]) -> str:
    return json.dumps(
        {
            name: {"gold": s.gold, "predicted": s.predicted, "precision": round(s.precision, 4),
                   "recall": round(s.recall, 4), "f1": round(s.f1, 4)}
            for name, s in scores.items()
        },
        indent=2,
    )  # fmt: skip
