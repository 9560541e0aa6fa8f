"""Extraction rules as data: relation patterns, event triggers, role words and cue words.

Everything here is read from ``ontology/`` (``patterns.jsonl``, ``events.jsonl``,
``roles.jsonl``, ``cues.jsonl``) and compiled once into Aho-Corasick automata, so that
triggers are found over raw text as fast as names are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import Any

import ahocorasick

from kg.errors import InputError
from kg.resources import ontology_dir, read_jsonl, read_jsonl_lines
from kg.text import by_letter_frequency, fold_as

__all__ = [
    "ANAPHORS",
    "EVENTS",
    "FIGURES",
    "PATTERNS",
    "ROLES",
    "Hit",
    "PhraseIndex",
    "Rules",
    "Slot",
    "default_rules",
]

# the kinds of phrase the index finds
PATTERNS, EVENTS, ROLES, ANAPHORS, FIGURES = "patterns", "events", "roles", "anaphors", "figures"
KINDS = (PATTERNS, EVENTS, ROLES, ANAPHORS, FIGURES)

SLOT_SIDES = frozenset(
    {"left", "left-second", "first", "right", "right-second", "event", "event-or-left"}
)
RELATIONS = frozenset(
    {"claimedBy", "attributedTo", "targeted", "killed", "alliedWith", "memberOf", "leaderOf",
     "branchOf"}
)  # fmt: skip


@dataclass(slots=True, unsafe_hash=True)
class Hit:
    """A phrase found in the text, and the rule entry it belongs to (a slotted dataclass,
    as a mention is: the automata make hundreds a document, read over and over)."""

    start: int
    end: int
    key: str
    payload: Any


class PhraseIndex:
    """Case-insensitive, word-bounded lookup of every kind of trigger phrase (relation
    patterns, event words, role words, anaphors, casualty words) in one automaton pass."""

    def __init__(self, phrases: Iterable[tuple[str, str, Any]]) -> None:
        """``phrases``: (kind, phrase, payload) triples."""
        self._automaton = ahocorasick.Automaton()
        grouped: dict[str, list[tuple[str, Any]]] = {}
        for kind, phrase, payload in phrases:
            if kind not in KINDS:
                raise ValueError(f"unknown kind of phrase '{kind}'")
            grouped.setdefault(phrase.lower(), []).append((kind, payload))
        # the order words are added in changes how fast the automaton runs, not what it finds
        for key in sorted(grouped, key=by_letter_frequency):
            entries = grouped[key]
            # whether the phrase needs a word edge before and after it: one opening with a
            # hyphen or an apostrophe ("-backed", "'s") may be glued to the word before, one
            # ending in punctuation to the word after
            edges = key[0] not in "-'’", key[-1].isalnum()
            # len(key) - 1: how far back from the hit's last character the character
            # before it stands in the text padded with a space (see find)
            self._automaton.add_word(key, (key, len(key) - 1, *edges, tuple(entries)))
        self._empty = not grouped
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, lowered: str, start: int = 0, end: int | None = None) -> dict[str, list[Hit]]:
        """Phrases inside ``lowered[start:end]`` (text already lower-cased), by kind, in text
        order. A phrase inside a longer one of its kind found at the same place is dropped
        ("claimed" inside "claimed responsibility"); relation patterns contest only within
        their relation, so one relation's triggers do not hide another's."""
        found: dict[str, list[Hit]] = {kind: [] for kind in KINDS}
        if self._empty:
            return found
        end = len(lowered) if end is None else end
        # the character before lowered[i] is padded[i], a space at the ends: most hits
        # are of a short word inside a longer one ("he" in "the"), told by one index
        padded = f" {lowered} "
        for last, (key, reach, edge_before, edge_after, entries) in self._automaton.iter(
            lowered, start, end
        ):
            if edge_before and padded[last - reach].isalnum():
                continue  # "he" in "the"
            if edge_after and padded[last + 2].isalnum():
                continue
            s, e = last - reach, last + 1
            for kind, payload in entries:
                found[kind].append(Hit(s, e, key, payload))
        for kind, hits in found.items():
            if kind != PATTERNS:
                # one contest: the longest hits come out in text order already
                found[kind] = _longest(hits)
                continue
            contests: dict[str, list[Hit]] = {}
            for hit in hits:
                contests.setdefault(hit.payload.relation, []).append(hit)
            kept = [hit for members in contests.values() for hit in _longest(members)]
            found[kind] = sorted(kept, key=_SPAN)
        return found


_SPAN, _START, _END = attrgetter("start", "end"), attrgetter("start"), attrgetter("end")


def _longest(hits: list[Hit]) -> list[Hit]:
    """Keep the longest phrase at each place; sorted by start then length, a hit ending
    inside the reach so far is covered by a longer one."""
    # two stable sorts on fields, rather than one calling back into Python for each hit
    hits = sorted(hits, key=_END, reverse=True)
    hits.sort(key=_START)
    kept: list[Hit] = []
    reach = -1
    for hit in hits:
        if hit.end > reach:
            kept.append(hit)
            reach = hit.end
        elif kept[-1].start == hit.start and kept[-1].end == hit.end:
            kept.append(hit)  # the same phrase again, for another rule entry
    return kept


@dataclass(frozen=True)
class Slot:
    """Where a pattern finds one end of its relation, relative to the trigger."""

    side: str
    classes: frozenset[str] = frozenset()
    max_gap: int = 80
    list: bool = False
    or_event: bool = False
    or_other_side: bool = False
    no_comma: bool = False
    not_after_number: bool = False
    joined: bool = False
    appositive: bool = False
    locative_ok: bool = False
    modifier_ok: bool = False  # may take a name standing as a modifier ("Iran-backed")


@dataclass(frozen=True)
class Pattern:
    """A relation pattern: trigger phrases and the two slots around them."""

    id: str
    relation: str
    subject: Slot
    object: Slot
    confidence: float
    symmetric: bool = False
    requires_event_in_sentence: bool = False
    event_types: frozenset[str] = frozenset()
    # (subject class, object class) pairs the pattern never joins
    forbidden_pairs: frozenset[tuple[str, str]] = frozenset()
    active_only: bool = False  # a passive trigger ("were killed after IS ...") is no match
    not_after_count: bool = False  # "six members of": counted, unnamed, no one's membership

    # whether a match needs a name on the object's side that the object takes: the object
    # falls back to no event and neither end to the other side, and neither end wants a
    # person, whom a slot may make of a bare name (set once here: a field read at every
    # trigger, not a cached property that would leave the object's attributes slower)
    object_named: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        subject, obj = self.subject, self.object
        named = not (
            obj.side in ("event", "event-or-left")
            or obj.or_event
            or obj.or_other_side
            or subject.or_other_side
            or "Person" in subject.classes
            or "Person" in obj.classes
        )
        object.__setattr__(self, "object_named", named)  # a frozen dataclass


@dataclass(frozen=True)
class Role:
    """Role words ("spokesman", "emir") and the relation a person's role implies."""

    id: str
    role: str
    relation: str
    except_classes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EventType:
    id: str
    type: str
    anaphoric: bool = False


@dataclass
class Rules:
    """All extraction rules, loaded and compiled."""

    phrases: PhraseIndex  # every trigger, role word, anaphor and casualty word
    titles: frozenset[str]
    demote: frozenset[str]
    cues: dict[str, re.Pattern[str]] = field(default_factory=dict)
    # the same cue words, for lower-cased ASCII text, where they find what ``cues`` find:
    # what kg.text.folded() gives for each cue, kept at hand for the hot searches
    lower_cues: dict[str, re.Pattern[str]] = field(default_factory=dict)
    not_name: frozenset[str] = frozenset()
    negation_window: int = 40

    @classmethod
    def from_folder(cls, folder: Path) -> Rules:
        roles = _roles(folder / "roles.jsonl")
        cues = _cues(folder / "cues.jsonl")
        phrases = [
            *((PATTERNS, phrase, p) for phrase, p in _patterns(folder / "patterns.jsonl")),
            *((EVENTS, phrase, e) for phrase, e in _events(folder / "events.jsonl")),
            *((ROLES, phrase, r) for phrase, r in roles.pop("roles")),
            *((ANAPHORS, phrase, cls) for phrase, cls in cues.pop("anaphors")),
            *((FIGURES, phrase, kind) for phrase, kind in cues.pop("figure_words")),
        ]
        return cls(phrases=PhraseIndex(phrases), **roles, **cues)


def _slot(path: Path, number: int, spec: dict[str, Any]) -> Slot:
    if spec.get("side") not in SLOT_SIDES:
        raise InputError(path, f"slot side must be one of {sorted(SLOT_SIDES)}", line=number)
    return Slot(
        side=spec["side"],
        classes=frozenset(spec.get("classes", ())),
        max_gap=int(spec.get("max_gap", 80)),
        list=bool(spec.get("list", False)),
        or_event=bool(spec.get("or_event", False)),
        or_other_side=bool(spec.get("or_other_side", False)),
        no_comma=bool(spec.get("no_comma", False)),
        not_after_number=bool(spec.get("not_after_number", False)),
        joined=bool(spec.get("joined", False)),
        appositive=bool(spec.get("appositive", False)),
        locative_ok=bool(spec.get("locative_ok", False)),
        modifier_ok=bool(spec.get("modifier_ok", False)),
    )


def _patterns(path: Path) -> Iterable[tuple[str, Pattern]]:
    for number, entry in read_jsonl_lines(path):
        if entry.get("relation") not in RELATIONS:
            raise InputError(path, f"unknown relation '{entry.get('relation')}'", line=number)
        pattern = Pattern(
            id=entry["id"],
            relation=entry["relation"],
            subject=_slot(path, number, entry["subject"]),
            object=_slot(path, number, entry["object"]),
            confidence=float(entry.get("confidence", 0.7)),
            symmetric=bool(entry.get("symmetric", False)),
            requires_event_in_sentence=bool(entry.get("requires_event_in_sentence", False)),
            event_types=frozenset(entry.get("event_types", ())),
            forbidden_pairs=frozenset(tuple(pair) for pair in entry.get("forbidden_pairs", ())),
            active_only=bool(entry.get("active_only", False)),
            not_after_count=bool(entry.get("not_after_count", False)),
        )
        for trigger in entry["triggers"]:
            yield trigger, pattern


def _events(path: Path) -> Iterable[tuple[str, EventType]]:
    for entry in read_jsonl(path):
        event_type = EventType(entry["id"], entry["type"], bool(entry.get("anaphoric", False)))
        for trigger in entry["triggers"]:
            yield trigger, event_type


def _roles(path: Path) -> dict[str, Any]:
    roles: list[tuple[str, Role]] = []
    titles: set[str] = set()
    demote: set[str] = set()
    for entry in read_jsonl(path):
        kind = entry.get("kind", "role")
        if kind == "title":
            titles.update(w.lower() for w in entry["words"])
        elif kind == "demote":
            demote.update(w.lower() for w in entry["words"])
        else:
            role = Role(
                entry["id"], entry["role"], entry["relation"],
                frozenset(entry.get("except_classes", ())),
            )  # fmt: skip
            roles.extend((word, role) for word in entry["words"])
    return {"roles": roles, "titles": frozenset(titles), "demote": frozenset(demote)}


def _cues(path: Path) -> dict[str, Any]:
    cues: dict[str, re.Pattern[str]] = {}
    lower_cues: dict[str, re.Pattern[str]] = {}
    anaphors: list[tuple[str, str]] = []
    figure_words: list[tuple[str, str]] = []
    not_name: frozenset[str] = frozenset()
    window = 40
    for entry in read_jsonl(path):
        words = sorted(entry["words"], key=len, reverse=True)
        if entry["kind"] == "anaphor":
            anaphors.extend((w, entry["class"]) for w in words)
            continue
        if entry["kind"] == "not-name":
            not_name = frozenset(w.lower() for w in words)
            continue
        if entry["kind"] == "modifier-suffix":
            # matched right after a name: "al-Qaeda-linked", "Iran-backed"; the extractor
            # tries it only after a name followed by one of these hyphens
            suffixes = "|".join(re.escape(w) for w in words)
            cues[entry["kind"]] = re.compile(rf"[-‐]\s?(?:{suffixes})(?![\w-])", re.I)
            continue
        if entry["kind"] in ("death", "injury"):
            # a sentence without one of these words holds no casualty figure
            figure_words.extend((w, entry["kind"]) for w in words)
        cues[entry["kind"]], lower_cues[entry["kind"]] = _cue_regexes(words)
        if entry["kind"] == "negation":
            window = int(entry.get("window", window))
    return {
        "cues": cues,
        "lower_cues": lower_cues,
        "anaphors": anaphors,
        "figure_words": figure_words,
        "not_name": not_name,
        "negation_window": window,
    }


def _cue_regexes(words: list[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regexes for cue ``words``, each matched as a whole word: one for any text, ignoring
    case, and one for lower-cased ASCII text that finds the same there, about twice as
    fast. A word with punctuation at an end (";") needs no word edge there, so it matches
    glued to a word ("Red Sea;")."""
    plain = [w for w in words if w[:1].isalnum() and w[-1:].isalnum()]
    punctuated = [w for w in words if w not in plain]
    # ignoring case: the words in one group between one pair of edge tests (a test per
    # word at every character would cost several times as much), behind a look-ahead on
    # their first letters that lets the engine leave most characters at one test
    first = "".join(sorted({w[0].lower() for w in plain}))
    parts = (
        [rf"(?=[{first}])(?<![\w-])(?:{'|'.join(re.escape(w) for w in plain)})(?![\w-])"]
        if plain
        else []
    )
    for word in punctuated:
        before = r"(?<![\w-])" if word[:1].isalnum() else ""
        after = r"(?![\w-])" if word[-1:].isalnum() else ""
        parts.append(before + re.escape(word) + after)
    # lower case: the engine skips straight to where a match can start only for a pattern
    # whose every branch opens with a literal, and for a letter only without re.I (see
    # _get_charset_prefix in re/_compiler.py); so the words are grouped under their first
    # letter, the word-edge test after it: "n(?<![\w-]n)(?:o longer|ot|o)(?![\w-])". One
    # group at most matches at a place, and each keeps the words' order, longest first.
    groups: dict[str, list[str]] = {}
    for word in plain:
        groups.setdefault(word[0].lower(), []).append(re.escape(word[1:].lower()))
    branches = [
        rf"{letter}(?<![\w-]{letter})(?:{'|'.join(rests)})(?![\w-])"
        for letter, rests in groups.items()
    ]
    for word in punctuated:
        head, tail = word[:1].lower(), word[1:].lower()
        edge = rf"(?<![\w-]{head})" if head.isalnum() else ""
        after = r"(?![\w-])" if word[-1:].isalnum() else ""
        branches.append(re.escape(head) + edge + re.escape(tail) + after)
    any_case = re.compile("|".join(parts), re.I)
    if not all(w.isascii() for w in words):
        return any_case, any_case  # re.I matches "ſ" to "s": no lower case stands for it
    lower_case = re.compile("|".join(branches))
    fold_as(any_case, lower_case)  # for the cues other modules fold (casualty figures)
    return any_case, lower_case


@cache
def default_rules() -> Rules:
    """The rules shipped in ``ontology/`` (or the ``KG_ONTOLOGY`` override)."""
    return Rules.from_folder(ontology_dir())
