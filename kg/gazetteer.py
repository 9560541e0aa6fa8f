"""The gazetteer: known actors and places, and the automaton that finds their names.

Names are found over the case-folded text with one Aho-Corasick automaton
(pyahocorasick), the fastest way measured to look for thousands of aliases at once; each
hit is then checked for word boundaries and letter case, and the longest non-overlapping
hits win.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Any

import ahocorasick
import pycountry

from kg.errors import InputError
from kg.ids import slug
from kg.model import Entity, Mention
from kg.resources import ontology_dir, read_jsonl_lines
from kg.text import by_letter_frequency, lower

__all__ = ["ACTOR_CLASSES", "Gazetteer", "default_gazetteer", "load_entities"]

ACTOR_CLASSES = frozenset(
    {"ArmedGroup", "State", "Government", "SecurityForce", "Organization", "Person", "Community"}
)


def _entity(path: Path, number: int, record: dict, is_place: bool) -> Entity:
    try:
        cls = "Place" if is_place else record["class"]
        if not is_place and cls not in ACTOR_CLASSES:
            raise InputError(path, f"unknown class '{cls}'", line=number)
        return Entity(
            id=record["id"],
            label=record["label"],
            cls=cls,
            aliases=tuple(record.get("aliases", ())),
            wikidata=record.get("wikidata"),
            branch_of=tuple(record.get("branchOf", ())),
            located_in=record.get("locatedIn"),
            role=record.get("role"),
            kind=record.get("kind"),
            description=record.get("description"),
            demonyms=tuple(record.get("demonyms", ())),
            capital_of=record.get("capitalOf"),
        )
    except KeyError as exc:
        raise InputError(path, f"entry lacks '{exc.args[0]}'", line=number) from exc


def load_entities(path: Path, is_place: bool) -> list[Entity]:
    """Read one gazetteer JSONL file (``actors.jsonl`` or ``places.jsonl``)."""
    return [_entity(path, number, record, is_place) for number, record in read_jsonl_lines(path)]


def _world_countries(known: list[Entity]) -> list[Entity]:
    """Countries pycountry knows that the regional place list does not, by any name."""
    names_known = {n.casefold() for e in known for n in (e.label, *e.aliases)}
    ids_known = {e.id for e in known}
    countries = []
    for country in pycountry.countries:
        label = getattr(country, "common_name", country.name)
        names = {label, country.name, getattr(country, "official_name", country.name)}
        if slug(label) in ids_known or any(n.casefold() in names_known for n in names):
            continue
        aliases = tuple(sorted(names - {label}))
        countries.append(
            Entity(id=slug(label), label=label, cls="Place", aliases=aliases, kind="country")
        )
    return countries


def _case_ok(alias: str, surface: str) -> bool:
    """Whether ``surface`` is ``alias`` as a name, not a common word or another acronym.

    Exact case always; a capital first letter where the alias is lower-case (sentence
    start: "Civilians"); for names of six letters or more, other capitalisations that
    still start with a capital ("Islamic State Group", a headline's "ISLAMIC STATE").
    A lower-case word never matches a capitalised name ("emergency" is not the NGO).
    """
    if surface == alias:
        return True
    if alias.islower():
        return surface[:1].isupper() and surface[:1].lower() + surface[1:] == alias
    if alias.isupper() or sum(c.isalpha() for c in alias) < 6:
        return False
    return surface[:1].isupper() and surface.casefold() == alias.casefold()


_NEGATING_PREFIX = re.compile(r"\b(?:non|anti|pro|ex|post|pre)-$", re.I)
# characters that cannot be part of a word (neither alphanumeric nor "_"), the usual ones
# on either side of a name
_WORD_EDGES = frozenset(" \t\n\r.,;:!?'\"()[]/-“”‘’—–…")


# a name an automaton key stands for: (name as listed, its entity's ref, whether a demonym)
_Name = tuple[str, str, bool]
# what a hit names: (actor ref, place ref, whether only as a demonym)
_Named = tuple[str | None, str | None, bool]
# what an automaton key stands for: the names it is as written, by their form ("IS",
# "police" and "Police"), and the names it is in any case that fits them
_Key = tuple[dict[str, list[_Name]], list[_Name]]
# the names an automaton key is as written, by their form
_Forms = dict[str, tuple[_Name, ...]]


@dataclass
class Gazetteer:
    """Actors and places by IRI path (``actor/<id>``, ``place/<id>``) and a name finder."""

    entities: dict[str, Entity]
    _automaton: ahocorasick.Automaton = field(init=False, repr=False)
    _sigma_automaton: ahocorasick.Automaton = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # One automaton over a case-folded copy of the text: acronyms, short and lower-case
        # names must then stand as written ("is" in running text is not "IS"), longer names
        # in any case that fits them (see _case_ok). One pass over the text rather than a
        # second over the text as written: the names as written it then also finds ("is",
        # "un") are nearly all inside a word, and dropped by the first test.
        demonyms = {(d, ref) for ref, entity in self.entities.items() for d in entity.demonyms}
        self._names: dict[str, list[str]] = {}
        keys: dict[str, _Key] = {}
        # The lower case of a sigma hangs on the letters around it, so a case-folded text
        # may not hold a form with one as lower() makes it: those forms (none in the
        # shipped lists) are looked for in the text as written.
        sigma_keys: dict[str, _Key] = {}
        for ref in sorted(self.entities):
            entity = self.entities[ref]
            # demonyms ("Russian President X") find the actor but are not its names
            for name in (entity.label, *entity.aliases, *entity.demonyms):
                self._names.setdefault(name.lower(), []).append(ref)
                entry = (name, ref, (name, ref) in demonyms)
                if name.islower() or name.isupper() or sum(c.isalpha() for c in name) < 6:
                    for form in {name, name[:1].upper() + name[1:]} if name.islower() else {name}:
                        if "Σ" in form.upper():
                            key = sigma_keys.setdefault(form, ({}, []))
                        else:
                            key = keys.setdefault(lower(form), ({}, []))
                        key[0].setdefault(form, []).append(entry)
                else:
                    keys.setdefault(name.lower(), ({}, []))[1].append(entry)
        self._automaton = _automaton(keys)
        self._sigma_automaton = _automaton(sigma_keys)

    @classmethod
    def from_files(cls, actors: Path, places: Path) -> Gazetteer:
        entities = {e.ref: e for e in load_entities(actors, is_place=False)}
        place_list = load_entities(places, is_place=True)
        place_list += _world_countries(place_list)
        entities.update({e.ref: e for e in place_list})
        return cls(entities)

    def add(self, entities: Iterable[Entity]) -> Gazetteer:
        """A new gazetteer that also knows ``entities`` (discovered actors, a user's list)."""
        merged = dict(self.entities)
        merged.update({e.ref: e for e in entities})
        return Gazetteer(merged)

    def names(self, ref: str) -> tuple[str, ...]:
        entity = self.entities[ref]
        return (entity.label, *entity.aliases)

    def lookup(self, name: str) -> list[str]:
        """The refs whose label or alias is ``name``, case-insensitively."""
        return sorted(set(self._names.get(name.lower(), ())))

    def find(
        self, text: str, start: int = 0, end: int | None = None, lowered: str | None = None
    ) -> list[Mention]:
        """Names in ``text[start:end]``: the longest non-overlapping ones, in text order.
        ``lowered``, ``lower(text)`` when the caller has it, spares making it again."""
        end = len(text) if end is None else end
        window = text[start:end]
        folded = lower(window) if lowered is None else lowered[start:end]
        found = [*_iter(self._sigma_automaton, window), *_iter(self._automaton, folded)]
        hits: list[tuple[int, int, _Forms, tuple[_Name, ...], dict[str, _Named | None]]] = []
        padded = f" {text} "  # the character before text[i] is padded[i], a space at the ends
        for last, (length, as_written, names, named_by_surface) in found:
            e = start + last + 1
            s = e - length
            before, after = padded[s], padded[e + 1]
            # one set lookup a side settles most hits: names stand between spaces and
            # punctuation far more often than next to a letter
            if not (before in _WORD_EDGES and after in _WORD_EDGES) and (
                before.isalnum() or after.isalnum() or before == "_" or after == "_"
            ):
                continue  # part of a longer word
            if before == "-" and _NEGATING_PREFIX.search(text, max(0, s - 6), s):
                continue  # "non-Shiite groups" names no Shiites
            hits.append((s, e, as_written, names, named_by_surface))
        # by start, the longest first: two stable sorts on fields, not a Python key per hit
        hits.sort(key=itemgetter(1), reverse=True)
        hits.sort(key=itemgetter(0))
        mentions: list[Mention] = []
        taken_until = -1
        for s, e, as_written, names, named_by_surface in hits:
            if s < taken_until:
                continue
            # letter case is checked only for the hits that would be taken: a name inside
            # a longer one ("Baloch" in "Baloch Republican Army") never gets that far
            surface = text[s:e]
            named = named_by_surface.get(surface, False)
            if named is False:  # not worked out yet (None: the case fits no name)
                # a form as written first, as when it had an automaton of its own
                named = named_by_surface[surface] = _named(
                    surface, as_written.get(surface, ())
                ) or _named(surface, names)
            if named is None:
                continue
            mentions.append(Mention(s, e, surface, *named))
            taken_until = e
        return mentions


def _named(surface: str, names: tuple[_Name, ...]) -> _Named | None:
    """The actor and place that ``surface`` names, and whether only as a demonym; None
    when its letter case fits none of ``names``."""
    # loops rather than generators: this runs for every new form of a name a text holds
    actor = place = None
    refs: set[str] = set()
    for name, ref, _ in names:
        if _case_ok(name, surface):
            refs.add(ref)
            if actor is None and ref.startswith("actor/"):
                actor = ref
            elif place is None and ref.startswith("place/"):
                place = ref
    if not refs:
        return None
    demonym = True
    for _, ref, is_demonym in names:
        if not is_demonym and ref in refs:
            demonym = False
            break
    return actor, place, demonym


def _automaton(words: dict[str, _Key]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    # the order words are added in changes how fast the automaton runs, not what it finds
    for key, (as_written, names) in sorted(
        words.items(), key=lambda item: by_letter_frequency(item[0])
    ):
        # the last dict keeps what each surface form of the key names: the same few forms
        # recur in every document, and working it out takes a dozen steps
        forms = {form: tuple(form_names) for form, form_names in as_written.items()}
        automaton.add_word(key, (len(key), forms, tuple(names), {}))
    if words:
        automaton.make_automaton()
    return automaton


def _iter(automaton: ahocorasick.Automaton, text: str) -> Iterable[tuple[int, Any]]:
    return automaton.iter(text) if len(automaton) else ()


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer shipped in ``ontology/`` (or the ``KG_ONTOLOGY`` override)."""
    folder = ontology_dir()
    return Gazetteer.from_files(folder / "actors.jsonl", folder / "places.jsonl")
