"""What every part of extraction shares: the document, the gazetteer and rules, the
entities met so far, and whether a name stands as a place."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from typing import Any

from kg.dates import years_in
from kg.extraction.records import Cluster, Pending, Sentence
from kg.gazetteer import Gazetteer
from kg.ids import slug
from kg.model import CasualtyReport, Document, Entity, Evidence, Extraction, Mention
from kg.rules import Rules
from kg.text import lower

_SPACE = re.compile(r"\s*")
# A wire story's dateline: "PESHAWAR, Pakistan (AP) — ", "DUBAI, Jan 12 (Reuters) - ",
# "MOGADISHU (Reuters) - ": a city in capitals, then a country or date, an agency, or both
DATELINE = re.compile(
    r"[A-Z][A-Z'’.-]{2,}(?: [A-Z][A-Z'’.-]+)*"
    r"(?:(?:,\s*[A-Z][\w'’. ]{1,30}?){1,2}\s*(?:\([A-Z][\w ]{0,20}\))?|\s*\([A-Z][\w ]{0,20}\))"
    r"\s*[—–-]{1,2}\s+"
)
BASED = re.compile(r"-(?:based|born|headquartered)\b")
# Words between "in" and a place name: "in the Afghan capital", "in northern Afghanistan"
_PLACE_MODIFIERS = frozenset(
    "the a an northern southern eastern western central north south east west northeast "
    "northwest southeast southwest north-east north-west south-east south-west northeastern "
    "northwestern southeastern southwestern north-eastern north-western south-eastern "
    "south-western remote rural restive volatile troubled neighbouring neighboring".split()
)
# Nouns a place name may stand in apposition to: "in the Somali capital Mogadishu"
_PLACE_NOUNS = frozenset(
    "capital city town village province district region state county port suburb".split()
)
_FUNCTION_WORDS = frozenset(
    "and or of on in at to for with by from after before since near during that which where "
    "who when as was were is are had has have but while the a an this these those his her "
    "its their".split()
)


class Context:
    """The document being read and what is known so far."""

    def __init__(
        self, document: Document, gazetteer: Gazetteer, rules: Rules, nlp: Any = None
    ) -> None:
        self.nlp = nlp
        self.doc = document
        self.text = document.text
        self.lowered = lower(document.text)
        self.gaz = gazetteer
        # the gazetteer's entities, one attribute away: entity() and cls() are asked
        # hundreds of times a document
        self._known = gazetteer.entities
        self.rules = rules
        self.result = Extraction(document)
        self.discovered: dict[str, Entity] = {}
        self.pending: list[Pending] = []
        self.reports: list[tuple[Cluster, CasualtyReport]] = []
        self.published = _parse_date(document.date)
        self._locative: dict[tuple[int, int, bool], bool] = {}
        # each place and the places it lies in, walked up once: merging events asks
        # again and again whether one place lies in another
        self._enclosing: dict[str, tuple[str, ...]] = {}
        self.heads: dict[str, str] = {}  # a president or prime minister -> the state led
        self.surnames: dict[str, str] = {}  # "putin" -> actor/vladimir-putin
        # where the document writes each surname, as (start, end, person), in text order
        self.surname_spots: list[tuple[int, int, str]] = []
        # the years the text names, found once: most sentences name none
        self.years = years_in(document.text)
        self.year_offsets = [offset for offset, _ in self.years]

    def entity(self, ref: str) -> Entity | None:
        return self.discovered.get(ref) or self._known.get(ref)

    def cls(self, ref: str) -> str | None:
        # entity() written out: asked a few hundred times a document
        entity = self.discovered.get(ref) or self._known.get(ref)
        return entity.cls if entity else None

    def note(self, ref: str, surface: str | None = None) -> None:
        entity = self.discovered.get(ref) or self._known.get(ref)  # entity(), written out
        if entity is None:
            return
        # most names are noted again and again; a discovered person may come back with a role
        noted = self.result.entities
        if noted.get(ref) is not entity:
            noted[ref] = entity
            # and the places it lies in, up to the first one noted already: walked here
            # rather than by a call for each
            place = entity
            while place.located_in:
                parent = f"place/{place.located_in}"
                if parent in noted or not (place := self.entity(parent)):
                    break
                noted[parent] = place
        if surface and surface != entity.label:  # most mentions give the label as it is
            folded = surface.casefold()
            known = (entity.label, *entity.demonyms)
            if all(folded != name.casefold() for name in known):
                self.result.aliases_seen.setdefault(ref, set()).add(surface)

    def discover_person(self, name: str, role: str | None) -> str | None:
        """The person ``name`` names: a gazetteer person, or a new one. A name the
        gazetteer gives to a group, a state or a place names no person ("The Taliban
        was ...")."""
        known = self.gaz.lookup(name)  # a place's name ("Kabul, a Taliban spokesman") too
        if known:
            people = [r for r in known if r.startswith("actor/") and self.cls(r) == "Person"]
            return people[0] if people else None
        ref = f"actor/{slug(name)}"
        if ref not in self.discovered:
            self.discovered[ref] = Entity(id=slug(name), label=name, cls="Person", role=role)
        elif role and not self.discovered[ref].role:
            old = self.discovered[ref]
            self.discovered[ref] = Entity(old.id, old.label, "Person", role=role)
        return ref

    def locative(self, mention: Mention, modifier_ok: bool = False) -> bool:
        """A name used for a place: after "in", "at", "near" ("an airstrike in Syria", "in
        the Afghan capital"), or before "-based" ("its Afghanistan-based affiliate")."""
        if mention.place is None:
            return False
        key = (mention.start, mention.end, modifier_ok)
        found = self._locative.get(key)
        if found is None:
            found = self._locative[key] = self._is_locative(mention, modifier_ok)
        return found

    def _is_locative(self, mention: Mention, modifier_ok: bool) -> bool:
        if BASED.match(self.text, mention.end):
            return True
        before = self.text[max(0, mention.start - 30) : mention.start].split()
        skipped = noun = False
        while before:
            word = before[-1].lower()
            if word in _PLACE_NOUNS or (
                word == "of" and len(before) > 1 and before[-2].lower() in _PLACE_NOUNS
            ):
                noun = True  # "in the city of Aleppo", "in the Somali capital Mogadishu"
            elif word not in _PLACE_MODIFIERS and not (noun and before[-1][:1].isupper()):
                break
            before, skipped = before[:-1], True
        # "in a US operation": a name before a noun modifies it and is no place
        after = self.text[mention.end : mention.end + 20].split()
        modifies = after and after[0].isalpha() and after[0].islower()
        if skipped and not modifier_ok and modifies and after[0] not in _FUNCTION_WORDS:
            return False
        cue = self.rules.cues.get("locative")
        return bool(before and cue and cue.fullmatch(before[-1]))

    def past_space(self, at: int) -> int:
        """Where the text after ``at`` resumes, past any white space."""
        return _SPACE.match(self.text, at).end()  # type: ignore[union-attr]: \s* always matches

    def roll_up(self, place: str) -> str:
        """Venues and neighbourhoods stand for their town: events are placed by town."""
        entity = self.entity(place)
        while entity and entity.kind in ("venue", "neighbourhood") and entity.located_in:
            place = f"place/{entity.located_in}"
            entity = self.entity(place)
        return place

    def years_between(self, start: int, end: int) -> list[int]:
        """The years written in ``text[start:end]``."""
        offsets = self.year_offsets
        lo = bisect_left(offsets, start)
        if lo == len(offsets) or offsets[lo] >= end:
            return []  # most sentences name no year
        hi = bisect_left(offsets, end, lo)
        return [year for _, year in self.years[lo:hi]]

    def evidence(
        self, sent: Sentence, start: int, end: int, method: str, confidence: float
    ) -> Evidence:
        del start, end  # the sentence is the unit of evidence
        return Evidence(self.doc.id, sent.text, sent.start, sent.end, method, confidence)


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
