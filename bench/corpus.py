"""Generated news-like documents for benchmarks: the gazetteer's names in the sentence
shapes of conflict reporting, with filler prose, about 4 KB a document.

    python bench/corpus.py --docs 10000 --out /tmp/corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

from kg.gazetteer import default_gazetteer

TEMPLATES = [
    "{group} claimed responsibility for a suicide bombing in {place} on {weekday} that killed "
    "at least {n} people, {source} said.",
    "An explosion in {place} killed {n} people and injured {m} others, the {security} said.",
    "{person}, a spokesman for the {group}, said the fighters had targeted {community}.",
    "{security} conducted an airstrike in {place}, killing {person}, a senior {group} commander.",
    "Officials blamed {group} for the attack, which left {n} dead.",
    "{state} and {state2} agreed on security cooperation against {group}.",
    "{group} chief {person} was killed in a raid in {place} in {month} {year}.",
    "The attack on {community} in {place} was carried out by {group}, police said.",
    "{person} joined the {group} in {year} after leaving the {group2}.",
    "{group2}'s affiliate in the region, {group}, remains active in {place}.",
    "The {group} denied any involvement in the bombing.",
    "Clashes between {group} and {security} continued near {place}.",
]
FILLER = [
    "The situation in the area remained tense as residents waited for news of relatives.",
    "Analysts said the violence reflected a wider struggle for influence in the region.",
    "Hospitals in the city appealed for blood donations after the incident.",
    "The government promised an investigation and tighter security at public gatherings.",
    "Local elders called for calm and urged young people not to join armed groups.",
    "Markets reopened on the following day, although many shops stayed closed.",
    "Human rights groups have documented a pattern of such incidents over several years.",
    "Diplomats in the capital condemned the violence in a joint statement.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "March", "May", "July", "September", "November"]
NUMBER_WORDS = [
    "three",
    "five",
    "six",
    "twelve",
    "twenty",
    "more than 40",
    "at least 15",
    "nearly 100",
]


def _names() -> dict[str, list[str]]:
    by_class: dict[str, list[str]] = {}
    for entity in default_gazetteer().entities.values():
        kind = "place" if entity.is_place and entity.kind == "city" else entity.cls
        by_class.setdefault(kind, []).append(entity.label)
    return {k: sorted(v) for k, v in by_class.items()}


def documents(count: int, seed: int = 7, size: int = 4000) -> Iterator[dict[str, str]]:
    """``count`` JSONL-shaped records of about ``size`` characters each."""
    rng = random.Random(seed)
    names = _names()

    def pick(kind: str, fallback: str) -> str:
        return rng.choice(names.get(kind) or [fallback])

    for index in range(count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < size:
            if rng.random() < 0.45:
                parts.append(rng.choice(FILLER))
                continue
            parts.append(
                rng.choice(TEMPLATES).format(
                    group=pick("ArmedGroup", "Islamic State"),
                    group2=pick("ArmedGroup", "al-Qaeda"),
                    place=pick("place", "Kabul"),
                    person=pick("Person", "Khalid Zadran"),
                    security=pick("SecurityForce", "Kabul police"),
                    community=pick("Community", "civilians"),
                    state=pick("State", "Pakistan"),
                    state2=pick("State", "China"),
                    source=pick("SecurityForce", "police"),
                    weekday=rng.choice(WEEKDAYS),
                    month=rng.choice(MONTHS),
                    year=str(rng.randint(2015, 2025)),
                    n=rng.choice(NUMBER_WORDS),
                    m=str(rng.randint(2, 90)),
                )
            )
        text = " ".join(parts)
        yield {"id": f"gen-{index:06d}", "text": text, "title": f"Generated report {index}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    with args.out.open("w", encoding="utf-8") as handle:
        for record in documents(args.docs):
            handle.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
