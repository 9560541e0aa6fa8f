"""Sentences in, facts out: actors, events, relations and casualty reports with evidence.

Names and trigger phrases are found over the raw text with automata (see
``kg.gazetteer`` and ``kg.rules``); the slot logic below runs only on sentences that
hold a trigger. No rdflib here: the result is a :class:`~kg.model.Extraction`.

Per article, in order:

1. mentions: gazetteer names, persons introduced by a role ("X, Kabul police
   spokesman"), and anaphors ("the group") tied to the last armed group named;
2. events: trigger words grouped per sentence, then merged with the article's
   current event when type, place and date agree ("the blast" is the same bombing);
3. relations: each pattern trigger fills its subject and object slots from the
   nearest fitting mention on its side, unless a negation cue stands between;
4. casualty figures, with the actor that reported them.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from kg.casualties import find_counts
from kg.dates import DateMention, FoundDate, date_mentions, resolve, years_in
from kg.gazetteer import Gazetteer, default_gazetteer
from kg.ids import slug
from kg.model import (
    CasualtyReport,
    Document,
    Entity,
    Event,
    Evidence,
    Extraction,
    Mention,
    Relation,
)
from kg.ner import ENTITY_CLASSES, sentence_entities
from kg.rules import (
    ANAPHORS,
    EVENTS,
    FIGURES,
    PATTERNS,
    ROLES,
    Hit,
    Pattern,
    Role,
    Rules,
    Slot,
    default_rules,
)
from kg.text import lower, segment

__all__ = ["extract"]

# A person's name as news writes it: two to six capitalised words, with particles. The
# lookahead lets the engine pass over most characters with one test.
_NAME = re.compile(
    r"(?=[A-Zabdeiu])(?:(?:[A-Z][a-z’'-]+|[A-Z]\.|(?:al|el|bin|ibn|abu|ul|ud|e|de)-?[A-Z][a-z’'-]+)\s+"
    r"(?:(?:al|el|bin|ibn|abu|ul|ud|e|de|van|von)(?:-|\s+))?){1,5}"
    r"(?:[A-Z][a-z’'-]+|(?:al|el)-[A-Z][a-z’'-]+)"
)
_RELATIVE = re.compile(r",\s*(?:which|who|whose|where)\b[^,]*", re.I)
# The gaps between an actor, a role word and a name in the forms news uses:
# "JUI-F’s Khar emir Ziaullah", "ISI – whose director general Asim Malik",
# "X, the operational commander and spokesperson for the banned TTP",
# "Jihadi John was known as the executioner of IS", "the chief of militant outfit IS-K, X".
_ACTOR_TO_ROLE = re.compile(
    r"^(?:\s*\([^)]{1,40}\))?(?:['’]s)?\s*(?:[–—-]\s*whose\s+|,\s*whose\s+)?"
    # up to two words between, none of them a preposition: "US relations under President X"
    # is no role of the US
    r"(?:(?!(?:under|of|in|with|by|for|from|and|to|at|on)\s)[\w-]+\s+){0,2}$",
    re.I,
)
_ROLE_TO_NAME = re.compile(r"^,?\s*(?:(?:named|called|identified as|known as)\s+)?$", re.I)
_NAME_TO_ROLE = re.compile(
    r"^[\"”’']?\s*(?:,|\s(?:who\s+)?(?:is|was|became|has been|had been|remains|"
    r"was known as|is known as|served as|serves as))\s*(?:the|a|an|its|his|their)?\s*"
    r"(?:[\w-]+\s+){0,3}?(?:and\s+(?:[\w-]+\s+){0,2})?$",
    re.I,
)
_ROLE_TO_ACTOR = re.compile(
    r"^\s*(?:and\s+(?:[\w-]+\s+){1,2})?(?:of|for|at|in|with)\s+(?:the\s+)?"
    r"(?:(?:banned|outlawed|proscribed|militant|terror|terrorist|jihadist|extremist)\s+)?"
    r"(?:(?:outfit|group|organisation|organization|movement)\s+)?$",
    re.I,
)
_ACTOR_TO_NAME = re.compile(
    r"^(?:\s*\([^)]{1,40}\))?(?:\s+in\s+(?:[\w-]+\s+){0,2}[\w-]+)?,\s*$", re.I
)
_NAME_INTRO = r"[\s,]*(?:(?:named|called|identified as|known as)\s+)?"
# In a role's slot a single name will do: "emir Ziaullah", "Sharifullah, the IS-K official".
_SINGLE_NAME = re.compile(r"[A-Z][a-z’'-]{3,}(?:\s+(?:[A-Z][a-z’'-]+|al-[A-Z][a-z’'-]+))*")
_PLACE_RANK = {
    "venue": 0,
    "neighbourhood": 1,
    "district": 2,
    "city": 2,
    "province": 3,
    "region": 4,
    "country": 5,
}
_GENERIC_TYPES = ("Attack", "Bombing")
_OTHER_SIDE = {"left": "right", "right": "left", "first": "right"}
_SPEAKER_CARRIES_ON = re.compile(
    r"\s+(?:that\s+)?(?:it|they|he|she)\b|\s+the\s+(?:killing|death|capture|arrest)\s+of\b", re.I
)
_APPOSITION = re.compile(r"[^,]{0,45}?(?:,\s*(?:known as|called|named)?\s*(?:the\s+)?)?", re.I)
_CAPITALISED = re.compile(r"\b(?:al-|Al-)?[A-Z][\w’'-]+")
_IN_WORD = re.compile(r"[\w’'-]")  # a character that continues a capitalised word
_DATELINE = re.compile(r"\s*(?:,\s*[A-Z][\w ]{1,20})?\s*(?::|\(\w+\)|—|–\s)")
_BASED = re.compile(r"-(?:based|born|headquartered)\b")
# A role word before these nouns is an adjective: "a terrorist movement", "member states"
_ROLE_AS_ADJECTIVE = frozenset(
    "movement movements group groups organisation organization outfit network networks cell "
    "cells attack attacks activity activities threat threats camp camps states state countries "
    "nations organisations organizations".split()
)
_ALONG_WITH = re.compile(r",?\s*\b(?:along with|together with|alongside)\s+", re.I)
# Words between "in" and a place name: "in the Afghan capital", "in northern Afghanistan"
_PLACE_MODIFIERS = frozenset(
    "the a an northern southern eastern western central north south east west northeastern "
    "northwestern southeastern southwestern north-eastern north-western south-eastern "
    "south-western remote rural restive volatile troubled neighbouring neighboring".split()
)
_FUNCTION_WORDS = frozenset(
    "and or of on in at to for with by from after before since near during that which where "
    "who when as was were is are had has have but while the a an this these those his her "
    "its their".split()
)
# "It also claimed ...": a pronoun right before a trigger stands for the article's group
_PRONOUN_SUBJECT = re.compile(
    r"\b(it|they|It|They)\s+(?:(?:also|later|then|has|have|had|quickly|reportedly|soon|"
    r"swiftly|subsequently)\s+){0,2}"
)
# "This political, economic, and security bloc": the organisation the article last named
_BLOC_ANAPHOR = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:[\w-]+,?\s+(?:and\s+)?){0,4}?(?:bloc|alliance|coalition)\b"
)
_BLOC_NOUNS = re.compile(r"bloc|alliance|coalition")
_BRANCH_WORD = re.compile(
    r"(?:['’]s?)?\s+(?:regional\s+|local\s+|afghan\s+|south\s+asian\s+)?"
    r"(?:chapter|affiliate|branch|wing|province|franchise|offshoot)\b",
    re.I,
)
_COUNTED = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens of)\s+$", re.I)
_COUNTED_REACH = 40  # how far back a count can start: searching from 0 is linear in the text
_BULLET = re.compile(r"^[ \t]*(?:[•▪◦●*–-]|\d{1,2}[.)])[ \t]+", re.M)
# What joins the names of a list: "A, B and C", "Shiite/Hazara", "civilians, including activists"
_COORDINATION = re.compile(r"\s*(?:,|and|, and|or|&|/|,?\s*including|as well as)\s*(?:the\s+)?")
_OPERATIONS = frozenset({"Airstrike", "Raid", "Arrest", "Killing"})


@dataclass(slots=True)
class _Cluster:
    """One real event of an article, as its mentions are merged."""

    type: str
    place: str | None
    date: str | None

    def event(self) -> Event:
        return Event(
            self.type, self.place.removeprefix("place/") if self.place else None, self.date
        )


@dataclass(slots=True)
class _Pending:
    """A relation whose event end is a cluster, made into refs once clusters settle."""

    subject: str | _Cluster
    predicate: str
    object: str | _Cluster
    evidence: Evidence


@dataclass(slots=True)
class _ArticleState:
    clusters: list[_Cluster] = field(default_factory=list)
    current: _Cluster | None = None
    last_group: str | None = None
    groups: dict[str, int] = field(default_factory=dict)  # armed groups named, and how often
    recent: deque[list[str]] = field(default_factory=lambda: deque(maxlen=5))
    recent_people: deque[list[str]] = field(default_factory=lambda: deque(maxlen=5))
    last_person: str | None = None
    last_bloc: str | None = None
    last_place: str | None = None
    year: int | None = None
    narrative_year: int | None = None  # the year of the last date the article resolved
    last_date: str | None = None  # that date itself, for "earlier that month"
    # a heading such as "a list of major IS-K attacks against Hazaras and Shiites:"
    list_group: str | None = None
    list_targets: tuple[str, ...] = ()
    list_items_done: set[int] = field(default_factory=set)

    def focus_person(self) -> str | None:
        """ "He": the person named most in the last few sentences, the latest on a tie."""
        counts: dict[str, int] = {}
        for named in self.recent_people:
            for person in named:
                counts[person] = counts.get(person, 0) + 1
        if not counts:
            return self.last_person
        most = max(counts.values())
        if counts.get(self.last_person or "") == most:
            return self.last_person
        return max(counts, key=lambda p: (counts[p], p))

    def focus_group(self) -> str | None:
        """ "The group": the armed group named most in the last few sentences (else in
        the whole article), the latest on a tie."""
        counts: dict[str, int] = {}
        for named in self.recent:
            for group in named:
                counts[group] = counts.get(group, 0) + 1
        counts = counts or self.groups
        if not counts:
            return None
        most = max(counts.values())
        if counts.get(self.last_group or "") == most:
            return self.last_group
        return max(counts, key=lambda g: (counts[g], g))


@dataclass(slots=True)
class _Sentence:
    """One sentence and the automaton hits that fall inside it."""

    start: int
    end: int
    text: str
    mentions: list[Mention]
    roles: list[Hit]
    anaphors: list[Hit]
    events: list[Hit]
    patterns: list[Hit]
    figures: list[Hit]
    dates: list[DateMention] | None = None  # found when the sentence holds an event
    item: int | None = None  # where the bullet line holding this sentence starts
    event_marks: tuple[int, ...] = ()  # where the event's trigger words stand
    # the sentence's events with the span of their trigger words, in text order
    clusters: list[tuple[_Cluster, int, int]] = field(default_factory=list)
    barriers: list[int] | None = None  # where clause-ending speech verbs stand, once found
    names: list[re.Match[str]] | None = None  # what looks like a person's name, once found
    # the mentions a slot may take, and how many mentions the sentence had when they were
    # chosen
    pool: tuple[int, list[tuple[Mention, str | None, bool, bool]]] | None = None
    event: _Cluster | None = None
    event_at: int | None = None


class _Extractor:
    def __init__(
        self, document: Document, gazetteer: Gazetteer, rules: Rules, nlp: Any = None
    ) -> None:
        self.nlp = nlp
        self.doc = document
        self.text = document.text
        self.lowered = lower(document.text)
        self.gaz = gazetteer
        self.rules = rules
        self.result = Extraction(document)
        self.discovered: dict[str, Entity] = {}
        self.pending: list[_Pending] = []
        self.reports: list[tuple[_Cluster, CasualtyReport]] = []
        self.published = _parse_date(document.date)
        self._locative: dict[tuple[int, int, bool], bool] = {}
        self.heads: dict[str, str] = {}  # a president or prime minister -> the state led
        self.surnames: dict[str, str] = {}  # "putin" -> actor/vladimir-putin
        self.surname_at: dict[str, list[tuple[int, int]]] = {}
        # the years the text names, found once: most sentences name none
        self.years = years_in(document.text)
        self.year_offsets = [offset for offset, _ in self.years]

    # --- entities -----------------------------------------------------------------------
    def entity(self, ref: str) -> Entity | None:
        return self.discovered.get(ref) or self.gaz.entities.get(ref)

    def cls(self, ref: str) -> str | None:
        entity = self.entity(ref)
        return entity.cls if entity else None

    def note(self, ref: str, surface: str | None = None) -> None:
        entity = self.entity(ref)
        if entity is None:
            return
        self.result.entities[ref] = entity
        if entity.located_in:
            parent = f"place/{entity.located_in}"
            if parent not in self.result.entities and self.entity(parent):
                self.note(parent)
        if surface and surface != entity.label:  # most mentions give the label as it is
            folded = surface.casefold()
            known = (entity.label, *entity.demonyms)
            if all(folded != name.casefold() for name in known):
                self.result.aliases_seen.setdefault(ref, set()).add(surface)

    def discover_person(self, name: str, role: str | None) -> str | None:
        """The person ``name`` names: a gazetteer person, or a new one. A name the
        gazetteer gives to a group or a state names no person ("The Taliban was ...")."""
        known = [r for r in self.gaz.lookup(name) if r.startswith("actor/")]
        if known:
            people = [r for r in known if self.cls(r) == "Person"]
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
        if key not in self._locative:
            self._locative[key] = self._is_locative(mention, modifier_ok)
        return self._locative[key]

    def _is_locative(self, mention: Mention, modifier_ok: bool) -> bool:
        if _BASED.match(self.text, mention.end):
            return True
        before = self.text[max(0, mention.start - 30) : mention.start].split()
        skipped = False
        while before and before[-1].lower() in _PLACE_MODIFIERS:
            before, skipped = before[:-1], True
        # "in a US operation": a name before a noun modifies it and is no place
        after = self.text[mention.end : mention.end + 20].split()
        modifies = after and after[0].isalpha() and after[0].islower()
        if skipped and not modifier_ok and modifies and after[0] not in _FUNCTION_WORDS:
            return False
        cue = self.rules.cues.get("locative")
        return bool(before and cue and cue.fullmatch(before[-1]))

    def roll_up(self, place: str) -> str:
        """Venues and neighbourhoods stand for their town: events are placed by town."""
        entity = self.entity(place)
        while entity and entity.kind in ("venue", "neighbourhood") and entity.located_in:
            place = f"place/{entity.located_in}"
            entity = self.entity(place)
        return place

    # --- the document ---------------------------------------------------------------------
    def run(self) -> Extraction:
        articles = segment(self.text)
        spans = [span for article in articles for span in article.sentences]
        # the automata run once over the whole text; hits are then dealt to sentences
        phrases = self.rules.phrases.find(self.lowered)
        buckets = {
            "mentions": _bucket(self.gaz.find(self.text), spans),
            "roles": _bucket(phrases[ROLES], spans),
            "anaphors": _bucket(phrases[ANAPHORS], spans),
            "events": _bucket(phrases[EVENTS], spans),
            "patterns": _bucket(phrases[PATTERNS], spans),
            "figures": _bucket(phrases[FIGURES], spans),
        }
        bullets = [m.start() for m in _BULLET.finditer(self.text)]
        index = 0
        for article in articles:
            state = _ArticleState(year=self.published.year if self.published else None)
            for start, end in article.sentences:
                sent = _Sentence(
                    start, end, self.text[start:end], **{k: v[index] for k, v in buckets.items()}
                )
                line = self.text.rfind("\n", 0, start) + 1
                sent.item = line if line in bullets else None
                self.sentence(state, sent)
                index += 1
        self.settle()
        return self.result

    def sentence(self, state: _ArticleState, sent: _Sentence) -> None:
        self.surname_mentions(sent)
        if self.nlp is not None and (sent.patterns or sent.roles):
            self.ner_mentions(sent)
        if not (sent.mentions or sent.events or sent.patterns or sent.roles or sent.figures):
            # nothing to read here but the years it names, and the end of a list it may be
            self.list_items(sent, state)
            self.track_years(state, sent)
            return
        self.roles(sent)
        self.anaphors(sent, state)
        self.events(sent, state)
        for mention in sent.mentions:
            if mention.actor and self.cls(mention.actor) == "Person":
                self.remember_surname(mention.actor, self.entity(mention.actor).label)
            if (
                mention.actor and mention.actor in self.gaz.entities
            ) or mention.actor in self.discovered:
                self.note(mention.actor, None if mention.anaphor else mention.text)
        self.relations(sent, state)
        self.list_items(sent, state)
        self.casualties(sent, state)
        state.recent.append([])
        state.recent_people.append([])
        for mention in sent.mentions:
            cls = self.cls(mention.actor) if mention.actor else None
            if cls == "ArmedGroup" and not mention.anaphor:
                state.recent[-1].append(mention.actor)
                state.groups[mention.actor] = state.groups.get(mention.actor, 0) + 1
                state.last_group = mention.actor
            elif cls == "Person" and not mention.anaphor:
                state.recent_people[-1].append(mention.actor)
                state.last_person = mention.actor
            elif cls == "Organization" and not mention.anaphor:
                state.last_bloc = mention.actor
        self.track_years(state, sent)

    def track_years(self, state: _ArticleState, sent: _Sentence) -> None:
        years = self.years_between(sent.start, sent.end)
        if years and self.published is None:
            # without a publication date, the latest year the article named is "this year"
            state.year = max([*years, state.year or 0])
        if sent.event is None or not sent.dates:
            return
        resolved = resolve(
            sent.dates,
            year=state.year,
            published=self.published,
            narrative=state.narrative_year,
            last=state.last_date,
        )
        if resolved:
            state.narrative_year = int(resolved[-1].iso[:4])
            state.last_date = resolved[-1].iso

    def years_between(self, start: int, end: int) -> list[int]:
        """The years written in ``text[start:end]``."""
        lo = bisect_left(self.year_offsets, start)
        hi = bisect_left(self.year_offsets, end, lo)
        return [year for _, year in self.years[lo:hi]]

    # --- mentions -------------------------------------------------------------------------
    def roles(self, sent: _Sentence) -> None:
        """Persons introduced by a role: "ISIS chief X", "X, Kabul police spokesman"."""
        for hit in sent.roles:
            role: Role = hit.payload
            if any(0 <= hit.start - other.end <= 1 for other in sent.roles if other is not hit):
                continue  # "Minister Amir Khan Muttaqi": a role word after a role is a name
            following = self.lowered[hit.end : hit.end + 20].split()[:1]
            if following and following[0].strip(",.") in _ROLE_AS_ADJECTIVE:
                continue  # "as a terrorist movement", "SCO member states": no person's role
            for person, actor in self.role_pairs(sent, hit):
                actor_cls = self.cls(actor)
                if actor_cls is None or actor_cls in role.except_classes or actor_cls == "Person":
                    continue
                relation = role.relation
                before = self.lowered[max(sent.start, hit.start - 12) : hit.start]
                if relation == "leaderOf" and any(w in before.split() for w in self.rules.demote):
                    relation = "memberOf"
                evidence = self.evidence(
                    sent, min(hit.start, _span_start(person)), hit.end, f"role:{role.id}", 0.8
                )
                ref = (
                    person
                    if isinstance(person, str)
                    else self.person_from(person, role.role, sent, min_words=1)
                )
                if ref is None:
                    continue
                self.pending.append(_Pending(ref, relation, actor, evidence))
                if role.id == "role-head-of-government" and relation == "leaderOf":
                    self.heads[ref] = actor
                del evidence

    def surname_mentions(self, sent: _Sentence) -> None:
        """A person named in full earlier is later named by surname: "Putin", "al-Sudani"."""
        if not self.surnames:
            return
        taken = [(m.start, m.end) for m in sent.mentions]
        for key, ref in self.surnames.items():
            for start, end in self.surname_spans(key):
                if not (sent.start <= start and end <= sent.end) or any(
                    s < end and start < e for s, e in taken
                ):
                    continue
                before = self.text[max(sent.start, start - 30) : start].split()
                if before and before[-1][:1].isupper():
                    continue  # "Bilal Khan" is not Mujahid Khan: a surname stands alone
                sent.mentions.append(Mention(start, end, self.text[start:end], ref, None))
        sent.mentions.sort(key=lambda m: m.start)

    def surname_spans(self, key: str) -> list[tuple[int, int]]:
        """Where the document writes ``key`` (lower case) as a capitalised word of its own,
        found once per surname: a sentence then looks up its few surnames rather than
        reading each of its words."""
        if key not in self.surname_at:
            spans = []
            at = self.lowered.find(key)
            while at >= 0:
                glued = at > 0 and _IN_WORD.match(self.text, at - 1)
                word = None if glued else _CAPITALISED.match(self.text, at)
                if word and word.group(0).lower() == key:
                    spans.append(word.span())
                at = self.lowered.find(key, at + 1)
            self.surname_at[key] = spans
        return self.surname_at[key]

    def ner_mentions(self, sent: _Sentence) -> None:
        """Names a trained spaCy pipeline finds where the gazetteer found none."""
        taken = [(m.start, m.end) for m in sent.mentions]
        for start, end, label in sentence_entities(self.nlp, self.text, sent.start, sent.end):
            if any(s < end and start < e for s, e in taken):
                continue
            name = self.text[start:end]
            known = [r for r in self.gaz.lookup(name) if r.startswith("actor/")]
            ref = known[0] if known else f"actor/{slug(name)}"
            if not known and ref not in self.discovered:
                self.discovered[ref] = Entity(
                    id=slug(name), label=name, cls=ENTITY_CLASSES[label],
                    description=f"found by spaCy as {label}",
                )  # fmt: skip
            sent.mentions.append(Mention(start, end, name, ref, None))
        sent.mentions.sort(key=lambda m: m.start)

    def remember_surname(self, ref: str, name: str) -> None:
        words = name.split()
        last = words[-1].lower()
        if len(words) < 2 or len(last) < 4 or last in self.rules.not_name or last in self.surnames:
            return
        self.surnames[last] = ref

    def person_from(
        self, match: re.Match[str], role: str | None, sent: _Sentence, min_words: int = 2
    ) -> str | None:
        """Register the person a name match names, as a mention of this sentence.

        A name of one word is taken only where a role stands next to it ("emir Ziaullah").
        """
        name = self.strip_titles(match.group(0))
        words = name.split()
        while words and words[0].lower() in self.rules.not_name:
            words = words[1:]
        if len(words) < min_words or any(w.lower() in self.rules.not_name for w in words):
            return None
        name = " ".join(words)
        ref = self.discover_person(name, role)
        if ref is None:
            return None
        self.remember_surname(ref, name)
        offset = match.start() + match.group(0).index(name)
        mention = Mention(offset, offset + len(name), name, ref, None)
        if not any(m.start < mention.end and mention.start < m.end for m in sent.mentions):
            sent.mentions.append(mention)
            sent.mentions.sort(key=lambda m: m.start)
        return ref

    def strip_titles(self, name: str) -> str:
        words = name.split()
        while len(words) > 1:
            for size in (3, 2, 1):
                head = " ".join(words[:size]).lower().rstrip(".")
                if head in self.rules.titles and len(words) > size:
                    words = words[size:]
                    break
            else:
                break
        return " ".join(words)

    def role_pairs(self, sent: _Sentence, hit: Hit) -> list[tuple[str | re.Match[str], str]]:
        """(person, actor) pairs around one role word, in the four forms news uses."""
        text = self.text
        actors = [
            m
            for m in self.actor_or_metonym(sent.mentions)
            if self.cls(m.actor) not in (None, "Person", "Community")
        ]
        people = [m for m in sent.mentions if m.actor and self.cls(m.actor) == "Person"]
        barrier = self.rules.cues.get("barrier")
        pairs: list[tuple[str | re.Match[str], str]] = []
        left_actor = next(
            (
                m
                for m in reversed(actors)
                if m.end <= hit.start and _ACTOR_TO_ROLE.match(text[m.end : hit.start])
            ),
            None,
        )
        right_actor = next(
            (
                m
                for m in actors
                if m.start >= hit.end and _ROLE_TO_ACTOR.match(text[hit.end : m.start])
            ),
            None,
        )

        def clean(gap: str) -> bool:
            return not (barrier and barrier.search(gap))

        def person_right(after: int, pattern: re.Pattern[str]) -> str | re.Match[str] | None:
            for p in people:
                if p.start >= after and pattern.match(self.strip_gap(text[after : p.start])):
                    return p.actor
            lead = after + len(re.match(_NAME_INTRO, text[after : sent.end]).group(0))
            skipped = self.skip_titles(lead, sent.end)
            for regex in (_NAME, _SINGLE_NAME):
                name = regex.match(text, skipped)
                if (
                    name
                    and pattern.match(self.strip_gap(text[after:lead]))
                    and name.end() <= sent.end
                ):
                    return name
            return None

        def person_left(before: int, pattern: re.Pattern[str]) -> str | re.Match[str] | None:
            for p in reversed(people):
                if (
                    p.end <= before
                    and pattern.match(text[p.end : before])
                    and clean(text[p.end : before])
                ):
                    return p.actor
            offset = max(sent.start, before - 90)
            for regex in (_NAME, _SINGLE_NAME):
                for name in reversed(list(regex.finditer(text, offset, before))):
                    gap = text[name.end() : before]
                    if pattern.match(gap) and clean(gap):
                        return name
            return None

        if left_actor:  # "ISIS chief X", "Kabul police spokesman X" / "X, Kabul police spokesman"
            person = person_right(hit.end, _ROLE_TO_NAME)
            if person is None:
                person = person_left(left_actor.start, _NAME_TO_ROLE)
            if person is not None:
                pairs.append((person, left_actor.actor))
        if right_actor:  # "X, commander of the coalition" / "the spokesman of Y, X"
            person = person_left(hit.start, _NAME_TO_ROLE)
            if person is None:
                person = person_right(right_actor.end, _ACTOR_TO_NAME)
            if person is not None:
                pairs.append((person, right_actor.actor))
        return pairs

    def skip_titles(self, at: int, end: int) -> int:
        """The offset after titles standing at ``at``: "Lt Gen ", "Ayatollah "."""
        while True:
            for size in (3, 2, 1):
                words = re.match(rf"((?:[A-Za-z.]+\s+){{{size}}})", self.text[at:end])
                if words and " ".join(words.group(1).lower().replace(".", "").split()) in (
                    self.rules.titles
                ):
                    at += len(words.group(1))
                    break
            else:
                return at

    def actor_or_metonym(self, mentions: list[Mention]) -> list[Mention]:
        """Mentions of actors, with a place standing for its government
        ("Balochistan Chief Minister" -> Balochistan government)."""
        out = []
        for m in mentions:
            if m.actor:
                out.append(m)
            elif m.place and (ref := self.metonym(m.place)):
                out.append(Mention(m.start, m.end, m.text, ref, m.place))
        return out

    def metonym(self, place: str) -> str | None:
        """The actor a place name stands for: a state's own territory, a capital
        ("Tehran-aligned"), or a province's government."""
        entity = self.entity(place)
        if entity is None:
            return None
        if entity.capital_of:
            return f"actor/{entity.capital_of}"
        if self.cls(f"actor/{entity.id}") == "State":
            return f"actor/{entity.id}"
        found = [r for r in self.gaz.lookup(f"{entity.label} government") if r.startswith("actor/")]
        return found[0] if found else None

    def strip_gap(self, gap: str) -> str:
        """A gap between a role and a name, less titles: "chief General" -> ""."""
        words = [w for w in re.split(r"\s+", gap.strip(" ,")) if w]
        rest = [w for w in words if w.lower().rstrip(".") not in self.rules.titles]
        return "" if not rest else gap

    def anaphors(self, sent: _Sentence, state: _ArticleState) -> None:
        """ "the group", "its": the armed group the article last named; "he": its last person;
        "it" or "they" right before a claim; "ISIL's chapter" for the branch it means."""
        found = [(h.start, h.end, h.payload) for h in sent.anaphors]
        # each regex only where its words can be: few sentences name a bloc, and a
        # pronoun subject matters only before a trigger
        if _BLOC_NOUNS.search(sent.text):
            for match in _BLOC_ANAPHOR.finditer(sent.text):
                found.append((sent.start + match.start(), sent.start + match.end(), "Organization"))
        if sent.patterns:
            for match in _PRONOUN_SUBJECT.finditer(sent.text):
                at = sent.start + match.end()
                if any(p.start == at for p in sent.patterns):
                    found.append(
                        (sent.start + match.start(1), sent.start + match.end(1), "ArmedGroup")
                    )
        if found:
            self.resolve_anaphors(sent, state, found)
        self.branch_descriptors(sent, state)

    def resolve_anaphors(
        self, sent: _Sentence, state: _ArticleState, found: list[tuple[int, int, str]]
    ) -> None:
        taken = [(m.start, m.end) for m in sent.mentions]
        for start, end, cls in found:
            if cls == "ArmedGroup":
                target = state.focus_group()
            elif cls == "Person":
                target = state.focus_person()
            else:
                target = state.last_bloc if cls == "Organization" else None
            # "ISIL said one of its members": a possessive or pronoun takes the name just
            # before it; "the group" takes the group the passage is about
            earlier = [
                m.actor
                for m in sent.mentions
                if m.end <= start and m.actor and self.cls(m.actor) == cls
            ]
            if earlier and not self.text[start:end].lower().startswith("the "):
                target = earlier[-1]
            if target is None or any(s < end and start < e for s, e in taken):
                continue
            sent.mentions.append(
                Mention(start, end, self.text[start:end], target, None, anaphor=True)
            )
        sent.mentions.sort(key=lambda m: m.start)

    def branch_descriptors(self, sent: _Sentence, state: _ArticleState) -> None:
        """ "ISIL's chapter spanning Afghanistan ... claimed": the branch of ISIL the article
        has named, when this sentence does not name it itself."""
        owners = [m for m in sent.mentions if m.actor and self.cls(m.actor) == "ArmedGroup"]
        for owner in owners:
            match = _BRANCH_WORD.match(self.text, owner.end, sent.end)
            if match is None:
                continue
            parent = owner.actor.removeprefix("actor/")
            branches = [
                g for g in state.groups if parent in (((e := self.entity(g)) and e.branch_of) or ())
            ]
            named_here = any(m.actor in branches for m in sent.mentions)
            if len(branches) != 1 or named_here:
                continue
            end = match.end()
            sent.mentions = [m for m in sent.mentions if m is not owner]
            sent.mentions.append(
                Mention(
                    owner.start,
                    end,
                    self.text[owner.start : end],
                    branches[0],
                    None,
                    anaphor=True,
                )
            )
            sent.mentions.sort(key=lambda m: m.start)

    # --- events ---------------------------------------------------------------------------
    def events(self, sent: _Sentence, state: _ArticleState) -> None:
        hits = [
            h for h in sent.events if not any(m.start <= h.start < m.end for m in sent.mentions)
        ]
        # "into the Uzbekistan border": a place for the event, even before a noun
        places = [
            m
            for m in sent.mentions
            if m.place
            and (not m.actor or self.locative(m, modifier_ok=True))
            and not _BASED.match(self.text, m.end)  # "Afghanistan-based" says where a group is
            # "Islamabad: The Daesh group has claimed ...": a dateline says where the report
            # was filed, not where the attack was
            and not (m.start == sent.start and _DATELINE.match(self.text, m.end))
        ]
        for m in places:
            state.last_place = self.roll_up(m.place)
        if not hits:
            return
        # dates matter only where an event is: looked for in those sentences alone; the
        # years this sentence names already count ("In 2021 ... in October")
        sent.dates = date_mentions(self.text, sent.start, sent.end)
        if self.published is None:
            state.year = max([*self.years_between(sent.start, sent.end), state.year or 0]) or None
        dates = [
            d
            for d in resolve(
                sent.dates,
                year=state.year,
                published=self.published,
                narrative=state.narrative_year,
                last=state.last_date,
            )
            # "since 2021" starts a period; it dates no event
            if not self.lowered[max(sent.start, d.start - 6) : d.start].endswith("since ")
        ]
        groups = _event_groups(hits, places, dates)
        sent.clusters = []
        for group in groups:
            cluster = self.sentence_event(state, sent, group, groups, places, dates)
            sent.clusters.append((cluster, group[0].start, group[-1].end))
        sent.event, sent.event_at = sent.clusters[0][0], hits[0].start
        sent.event_marks = tuple(h.start for h in hits)

    def sentence_event(
        self,
        state: _ArticleState,
        sent: _Sentence,
        hits: list[Hit],
        groups: list[list[Hit]],
        places: list[Mention],
        dates: list[FoundDate],
    ) -> _Cluster:
        """The event one group of trigger words names, merged with the article's events."""
        types = [h.payload.type for h in hits]
        pool = [t for t in types if t not in _OPERATIONS] or types
        specific = [t for t in pool if t not in _GENERIC_TYPES]
        event_type = _most_specific(specific or pool)
        trigger = hits[0]
        definite = all(
            self.lowered[max(sent.start, h.start - 6) : h.start].strip().split()[-1:]
            in (["the"], ["this"], ["that"], ["its"])
            or h.payload.anaphoric
            for h in hits
        )
        if len(groups) > 1:
            # "the blast at the airport in Kabul in August ... and an attack at a mosque in
            # Kunduz in October": each event takes the places and dates nearest to it
            own = [m for m in places if _nearest(m.start, groups) is hits]
            own_dates = [d for d in dates if _nearest(d.start, groups) is hits]
            nearest = min(
                own_dates, key=lambda d: min(_distance(d.start, h) for h in hits), default=None
            )
            date = nearest.iso if nearest else None
            return self.cluster(state, event_type, self.best_place(own), date, False)
        # an event's date and place stand near its trigger; a definite "the bombing" takes
        # only a place right after it ("the bombing in Kabul")
        near_dates = [d for d in dates if abs(d.start - trigger.start) <= 100]
        date = (
            min(near_dates, key=lambda d: abs(d.start - trigger.start)).iso if near_dates else None
        )
        if definite:
            near = [m for m in places if 0 <= m.start - trigger.end <= 40]
        else:
            near = [m for m in places if -80 <= m.start - trigger.start <= 120]
        place = self.best_place(near)
        return self.cluster(
            state, event_type, place, date, definite and not near_dates and place is None
        )

    def best_place(self, places: list[Mention]) -> str | None:
        if not places:
            return None

        def rank(m: Mention) -> tuple[bool, int, int]:
            # "missiles fired from Afghanistan into Tajikistan" happened in Tajikistan
            origin = self.text[max(0, m.start - 6) : m.start].lower().endswith("from ")
            entity = self.entity(m.place)
            return (origin, _PLACE_RANK.get(entity.kind if entity else "", 5), m.start)

        best = self.roll_up(min(places, key=rank).place)
        self.note(best)
        return best

    def cluster(
        self,
        state: _ArticleState,
        event_type: str,
        place: str | None,
        date: str | None,
        anaphoric: bool,
    ) -> _Cluster:
        current = state.current
        same_kind = current is not None and (
            (event_type in _OPERATIONS) == (current.type in _OPERATIONS)
        )
        if current and (
            (anaphoric and same_kind) or self.compatible(current, event_type, place, date)
        ):
            self.merge(current, event_type, place, date)
            return current
        # an earlier event is taken up again only by its place or date
        for other in reversed(state.clusters) if place or date else ():
            if self.compatible(other, event_type, place, date):
                self.merge(other, event_type, place, date)
                state.current = other
                return other
        if place is None:
            place = state.last_place
            if place:
                self.note(place)
        made = _Cluster(event_type, place, date)
        state.clusters.append(made)
        state.current = made
        return made

    def compatible(self, c: _Cluster, event_type: str, place: str | None, date: str | None) -> bool:
        if (event_type in _OPERATIONS) != (c.type in _OPERATIONS):
            return False
        if (
            event_type != c.type
            and event_type not in _GENERIC_TYPES
            and c.type not in _GENERIC_TYPES
            and {event_type, c.type} != {"Bombing", "SuicideBombing"}
        ):
            return False
        if date and (c.date is None or not (date.startswith(c.date) or c.date.startswith(date))):
            return False
        return not (
            place
            and c.place
            and not self.within(place, c.place)
            and not self.within(c.place, place)
        )

    def within(self, inner: str, outer: str) -> bool:
        ref: str | None = inner
        while ref:
            if ref == outer:
                return True
            entity = self.entity(ref)
            ref = f"place/{entity.located_in}" if entity and entity.located_in else None
        return False

    def merge(self, c: _Cluster, event_type: str, place: str | None, date: str | None) -> None:
        """Fold a mention into an event: a more specific attack type wins ("the attack" is
        the bombing), but an attack never becomes an operation or the other way round."""
        same_kind = (event_type in _OPERATIONS) == (c.type in _OPERATIONS)
        if same_kind and (
            (c.type in _GENERIC_TYPES and event_type not in _GENERIC_TYPES)
            or (c.type, event_type) == ("Bombing", "SuicideBombing")
        ):
            c.type = event_type
        if place and (c.place is None or self.within(place, c.place)):
            c.place = place
        if date and c.date is None:
            c.date = date

    # --- relations ------------------------------------------------------------------------
    def relations(self, sent: _Sentence, state: _ArticleState) -> None:
        if not sent.patterns:
            return
        masked = self.relative_clauses(sent)
        for hit in sent.patterns:
            pattern: Pattern = hit.payload
            if any(m.start <= hit.start < m.end for m in sent.mentions):
                continue  # the trigger word is part of a name
            if pattern.requires_event_in_sentence and sent.event is None:
                continue
            if pattern.event_types and not any(
                c.type in pattern.event_types for c, _, _ in sent.clusters
            ):
                continue
            subjects = self.fill(sent, state, hit, pattern.subject, masked)
            objects = self.fill(sent, state, hit, pattern.object, masked, exclude=subjects)
            # "the Afghan branch of the group, ISIS-K": an end may stand on the other side
            if not objects and pattern.object.or_other_side and subjects:
                other = _OTHER_SIDE[pattern.object.side]
                objects = self.fill(sent, state, hit, pattern.object, masked, subjects, other)
            if not subjects and pattern.subject.or_other_side and objects:
                other = _OTHER_SIDE[pattern.subject.side]
                subjects = self.fill(sent, state, hit, pattern.subject, masked, objects, other)
            if not subjects or not objects or self.negated(sent, hit, subjects + objects):
                continue
            if pattern.subject.list and pattern.subject.side == "left":
                # "X has joined Y, along with A, B and C": they joined too
                subjects = [*subjects, *self.along_with(sent, hit, pattern.subject, subjects)]
            for subject in subjects:
                for obj in objects:
                    if subject is obj or subject == obj:
                        continue
                    self.relate(sent, hit, pattern, subject, obj)

    def along_with(self, sent: _Sentence, hit: Hit, slot: Slot, taken: list) -> list[str]:
        match = _ALONG_WITH.search(self.text, hit.end, sent.end)
        if match is None:
            return []
        pool = [
            m
            for m in sent.mentions
            if m.actor
            and m.start >= match.end()
            and m.actor not in taken
            and (not slot.classes or self.cls(m.actor) in slot.classes)
            and not self.locative(m)
        ]
        if not pool or pool[0].start - match.end() > 8:
            return []
        return self.listed(pool[0], pool, slot)

    def relate(
        self,
        sent: _Sentence,
        hit: Hit,
        pattern: Pattern,
        subject: str | _Cluster,
        obj: str | _Cluster,
    ) -> None:
        subject, obj = self.through_media_arm(pattern.relation, subject), obj
        if pattern.relation in ("claimedBy", "attributedTo"):
            obj = self.through_media_arm(pattern.relation, obj)
        evidence = self.evidence(
            sent, sent.start, sent.end, f"pattern:{pattern.id}", pattern.confidence
        )
        self.pending.append(_Pending(subject, pattern.relation, obj, evidence))
        if pattern.symmetric:
            self.pending.append(_Pending(obj, pattern.relation, subject, evidence))

    def through_media_arm(self, relation: str, end: str | _Cluster) -> str | _Cluster:
        """A claim through a media arm (Amaq) is the claim of the group it belongs to."""
        if relation != "claimedBy" or not isinstance(end, str):
            return end
        entity = self.entity(end)
        if entity and entity.cls == "Organization" and entity.branch_of:
            parent = f"actor/{entity.branch_of[0]}"
            self.note(parent)
            return parent
        return end

    def relative_clauses(self, sent: _Sentence) -> list[tuple[int, int]]:
        return [
            (sent.start + m.start(), sent.start + m.end()) for m in _RELATIVE.finditer(sent.text)
        ]

    def fill(
        self,
        sent: _Sentence,
        state: _ArticleState,
        hit: Hit,
        slot: Slot,
        masked: list[tuple[int, int]],
        exclude: list | None = None,
        side: str | None = None,
    ) -> list:
        """The node(s) a slot takes: the nearest fitting mention on its side, or the event."""
        side = side or slot.side
        exclude = exclude or []
        if side == "event":
            return self.slot_event(sent, state, hit)
        if "Person" in slot.classes:
            self.name_fallback(sent, hit, slot, side)
        person = "Person" in slot.classes
        candidates = [
            m
            for m, cls, locative, head in self.slot_pool(sent)
            if not (head and person)
            and m.actor not in exclude
            and (not slot.classes or cls in slot.classes)
            and (slot.locative_ok or not locative)
            # "killing 28 Taliban members": a counted noun is a victim, not the perpetrator
            and not (
                slot.not_after_number
                and _COUNTED.search(self.text, max(0, m.start - _COUNTED_REACH), m.start)
            )
        ]
        barrier = self.rules.cues.get("barrier")
        if side in ("left", "left-second", "event-or-left", "first"):
            inside = [c for c in masked if c[0] <= hit.start < c[1]]
            near = [
                m
                for m in candidates
                if m.end <= hit.start
                and hit.start - m.end - _inside(masked, m.end, hit.start) <= slot.max_gap
                and not (slot.no_comma and "," in self.text[m.end : hit.start])
                and not self.blocked(sent, m.end, hit.start)
                and not self.object_of_earlier(sent, hit, m)
                and not any(s <= m.start < e for s, e in masked if (s, e) not in inside)
            ]
            index = -1
            if side == "first":  # the sentence's subject: "Saudi Arabia has joined ..., along with"
                near, index = near[:1], 0
            if side == "left-second":  # "X sees Y as an ally": the farther of two
                if slot.joined and len(near) > 1:  # "the US-Pakistan partnership"
                    gap = self.text[near[-2].end : near[-1].start]
                    near = near if re.fullmatch(r"\s*[-–—/]\s*", gap) else []
                near, index = near[:-1], -1
        else:
            near = [
                m
                for m in candidates
                if m.start >= hit.end
                and (side == "right-second" or m.start - hit.end <= slot.max_gap)
                and not (slot.no_comma and "," in self.text[hit.end : m.start])
                # "the group's regional branch, IS-K": a comma only right before the name
                and not (
                    slot.appositive and not _APPOSITION.fullmatch(self.text[hit.end : m.start])
                )
                # "... killed in attacks, told The Express Tribune": the outlet is no target
                and not (barrier and barrier.search(self.text, hit.end, m.start))
            ]
            index = 0
        pool = sorted(
            (m for m in candidates if (m.end <= hit.start if index == -1 else m.start >= hit.end)),
            key=lambda m: m.start,
        )
        if side == "event-or-left":
            # the event is the subject when it is named between the actor and the trigger,
            # or is the trigger itself ("a deadly attack on US Marines"), unless the actor
            # owns it ("IS' killing of the Yazidis", "Russia's invasion of")
            at = sent.event_at
            possessive = bool(near) and re.fullmatch(
                r"['’]s?\s*", self.text[near[-1].end : hit.start]
            )
            event_first = at is not None and bool(near) and near[-1].end <= at <= hit.start
            if near and (possessive or not event_first):
                return self.listed(near[index], pool, slot)
            return self.slot_event(sent, state, hit)
        if near:
            return self.listed(near[index], pool, slot)
        if slot.or_event and (sent.event or state.current):
            return [sent.event or state.current]
        return []

    def slot_pool(self, sent: _Sentence) -> list[tuple[Mention, str | None, bool, bool]]:
        """The mentions that may fill a slot, in text order, with their class, whether
        they stand as a place, and whether they are a head of state standing for it.

        Made once per sentence (again only when a slot has found a new person): every
        trigger of the sentence chooses from the same mentions."""
        if sent.pool is not None and sent.pool[0] == len(sent.mentions):
            return sent.pool[1]
        # a capital not after "in", "at" ... stands for its state: "Washington said"
        capitals = [
            Mention(m.start, m.end, m.text, f"actor/{e.capital_of}", m.place)
            for m in sent.mentions
            if m.place
            and not m.actor
            and not self.locative(m)
            and (e := self.entity(m.place))
            and e.capital_of
        ]
        # a head of state acts for the state: "Putin formed an alliance with ..."; not
        # where a slot wants a person
        heads = [
            (Mention(m.start, m.end, m.text, self.heads[m.actor], None), True)
            for m in sent.mentions
            if m.actor in self.heads
        ]
        named = [(m, False) for m in (*sent.mentions, *capitals)]
        pool = [
            (m, self.cls(m.actor), self.locative(m), head)
            for m, head in sorted([*named, *heads], key=lambda pair: pair[0].start)
            if m.actor and not m.demonym
        ]
        sent.pool = (len(sent.mentions), pool)
        return pool

    def object_of_earlier(self, sent: _Sentence, hit: Hit, mention: Mention) -> bool:
        """Whether ``mention`` follows an earlier trigger of the same relation that takes
        its object to the right: in "to topple the Pakistani government and to punish
        Iran", the government is an object, not the subject of "punish"."""
        relation = hit.payload.relation
        return any(
            other.payload.relation == relation
            and other.payload.object.side == "right"
            and not other.payload.event_types
            and other.end <= mention.start
            and mention.start - other.end <= 25
            and other.end <= hit.start
            for other in sent.patterns
            if other is not hit
        )

    def blocked(self, sent: _Sentence, start: int, end: int) -> bool:
        """A speech verb between ``start`` and ``end`` ends the clause, unless a pronoun
        carries its speaker on ("the Taliban says it is working to wipe out IS")."""
        if sent.barriers is None:
            barrier = self.rules.cues.get("barrier")
            sent.barriers = [
                m.start()
                for m in (barrier.finditer(self.text, sent.start, sent.end) if barrier else ())
                # "X announced the killing of Y": the speaker is the agent
                if not _SPEAKER_CARRIES_ON.match(self.text, m.end(), m.end() + 40)
            ]
        return any(start <= at < end for at in sent.barriers)

    def slot_event(self, sent: _Sentence, state: _ArticleState, hit: Hit) -> list:
        """The sentence's event, else the article's current one, unless the trigger speaks
        of attacks in general ("carried out attacks on ...").

        Of several events in a sentence: a claim or a blame names every one after it ("ISIS
        claimed a 2022 attack ... and 2017 bombings"); other triggers take the nearest.
        """
        if len(sent.clusters) > 1:
            after = [(c, s, e) for c, s, e in sent.clusters if s >= hit.end]
            if after and hit.payload.relation in ("claimedBy", "attributedTo"):
                claimed = [after[0]]
                for nxt in after[1:]:  # "... a 2022 attack that killed 15 and 2017 bombings"
                    gap = self.lowered[claimed[-1][2] : nxt[1]]
                    if len(gap) > 90 or not re.search(r"\band\b", gap):
                        break
                    claimed.append(nxt)
                return [c for c, _, _ in claimed]
            nearest = min(
                sent.clusters, key=lambda c: min(abs(c[1] - hit.start), abs(c[2] - hit.end))
            )
            return [nearest[0]]
        if sent.event is not None:
            return [sent.event]
        plural = self.rules.cues.get("generic-plural")
        if plural and (
            plural.search(hit.key) or plural.search(self.text, hit.end, min(sent.end, hit.end + 45))
        ):
            return []
        return [state.current] if state.current else []

    def name_fallback(self, sent: _Sentence, hit: Hit, slot: Slot, side: str) -> None:
        """Persons the gazetteer lacks, named next to the trigger ("led by Abubakar
        Shekau"): the nearest name, or with a list slot every name on that side."""
        if side in ("left", "left-second", "event-or-left"):
            lo, hi = max(sent.start, hit.start - slot.max_gap), hit.start
        else:
            lo, hi = hit.end, min(sent.end, hit.end + slot.max_gap + 40)
        if sent.names is None:
            sent.names = list(_NAME.finditer(self.text, sent.start, sent.end))
        taken = [(m.start, m.end) for m in sent.mentions]
        # whole names of the sentence inside the window: one that crosses its edge is not
        # cut down to the words the window happens to hold
        names = [
            n
            for n in sent.names
            if lo <= n.start()
            and n.end() <= hi
            and not any(s < n.end() and n.start() < e for s, e in taken)
        ]
        if not names:
            return
        if not slot.list:
            names = [names[-1] if side in ("left", "left-second", "event-or-left") else names[0]]
        for match in names:
            self.person_from(match, None, sent)

    def listed(self, head: Mention, pool: list[Mention], slot: Slot) -> list[str]:
        """The chosen mention, and with ``list`` the others of the pool coordinated with it
        ("founded by China, Kazakhstan, Kyrgyzstan, Russia ...")."""
        chosen = [head]
        if slot.list:
            at = pool.index(head) if head in pool else -1
            for step in (-1, 1):
                edge = head
                index = at + step
                while at >= 0 and 0 <= index < len(pool):
                    m = pool[index]
                    a, b = sorted([edge, m], key=lambda x: x.start)
                    if not _COORDINATION.fullmatch(self.text[a.end : b.start]):
                        break
                    chosen.append(m)
                    edge, index = m, index + step
        return list(dict.fromkeys(m.actor for m in sorted(chosen, key=lambda m: m.start)))

    def negated(self, sent: _Sentence, hit: Hit, ends: list) -> bool:
        window_start = max(sent.start, hit.start - self.rules.negation_window)
        window = self.text[window_start : hit.end]
        cue = self.rules.cues.get("negation")
        return bool(cue and cue.search(window))

    def list_items(self, sent: _Sentence, state: _ArticleState) -> None:
        """Items of a list under a heading that names the perpetrator and the targets.

        "Compiled here is a list of major IS-K attacks against Hazaras and Shiites:" makes
        every bulleted item's event attributed to IS-K and, where the item names no
        community of its own, aimed at the heading's communities.
        """
        if sent.item is None:
            state.list_group, state.list_targets = None, ()
            if sent.text.rstrip().endswith(":"):
                self.list_heading(sent, state)
            return
        if state.list_group is None or sent.event is None or sent.item in state.list_items_done:
            return
        state.list_items_done.add(sent.item)
        evidence = self.evidence(sent, sent.start, sent.end, "pattern:list-heading", 0.6)
        self.pending.append(_Pending(sent.event, "attributedTo", state.list_group, evidence))
        # an item naming one of the heading's communities narrows the heading to it
        named = [m.actor for m in sent.mentions if m.actor in state.list_targets]
        for target in dict.fromkeys(named or state.list_targets):
            self.pending.append(_Pending(sent.event, "targeted", target, evidence))

    def list_heading(self, sent: _Sentence, state: _ArticleState) -> None:
        groups = [m.actor for m in sent.mentions if m.actor and self.cls(m.actor) == "ArmedGroup"]
        attack_words = any(p.payload.relation == "targeted" for p in sent.patterns) or bool(
            sent.events
        )
        if not groups or not attack_words:
            return
        state.list_group = groups[0]
        state.list_targets = tuple(
            dict.fromkeys(
                m.actor for m in sent.mentions if m.actor and self.cls(m.actor) == "Community"
            )
        )

    # --- casualties -----------------------------------------------------------------------
    def casualties(self, sent: _Sentence, state: _ArticleState) -> None:
        if not sent.figures:
            return
        cues = self.rules.cues
        counts = find_counts(sent.text, cues["death"], cues["injury"], cues["victim"])
        if not counts:
            return
        if sent.event is None and state.current is None:
            return
        reporter = self.reporter(sent)
        evidence = self.evidence(sent, sent.start, sent.end, "pattern:casualty-figure", 0.8)
        by_event: dict[int, tuple[_Cluster, list]] = {}
        for count in counts:
            # a figure belongs to the event named last before it
            at = sent.start + count.start
            before = [c for c, start, _ in sent.clusters if start <= at]
            event = before[-1] if before else (sent.event or state.current)
            by_event.setdefault(id(event), (event, []))[1].append(count)
        for event, event_counts in by_event.values():
            self.event_reports(event, event_counts, evidence, reporter)

    def event_reports(
        self, event: _Cluster, counts: list, evidence: Evidence, reporter: str | None
    ) -> None:
        deaths = [c for c in counts if c.kind == "deaths"]
        injuries = [c for c in counts if c.kind == "injuries"]
        # one report holds a sentence's dead and wounded when both are bounded alike
        if deaths and injuries and deaths[0].minimum == injuries[0].minimum:
            pair = CasualtyReport(
                event="",
                evidence=evidence,
                deaths=deaths.pop(0).value,
                injuries=injuries.pop(0).value,
                minimum=counts[0].minimum,
                reported_by=reporter,
            )
            self.reports.append((event, pair))
        for count in deaths + injuries:
            single = CasualtyReport(
                event="",
                evidence=evidence,
                minimum=count.minimum,
                reported_by=reporter,
                **{count.kind: count.value},
            )
            self.reports.append((event, single))

    def reporter(self, sent: _Sentence) -> str | None:
        """Who gave the figures: "according to X", "X said", "said X".

        The last attribution in the sentence wins: news closes a sentence with its
        source ("..., the Kabul police said").
        """
        cue = self.rules.cues.get("speech")
        if cue is None:
            return None
        sources = [
            m
            for m in sent.mentions
            if m.actor
            and not m.demonym
            and self.cls(m.actor) not in (None, "Community")
            and not self.locative(m)
        ]
        for match in reversed(list(cue.finditer(sent.text))):
            at, after = sent.start + match.start(), sent.start + match.end()
            right = [m for m in sources if 0 <= m.start - after <= 30]
            if match.group(0).lower() == "according to":
                if right:
                    return right[0].actor
                continue
            left = [m for m in sources if 0 <= at - m.end <= 40]
            if left:
                return left[-1].actor
            if right:
                return right[0].actor
        return None

    # --- output ---------------------------------------------------------------------------
    def evidence(
        self, sent: _Sentence, start: int, end: int, method: str, confidence: float
    ) -> Evidence:
        del start, end  # the sentence is the unit of evidence
        return Evidence(self.doc.id, sent.text, sent.start, sent.end, method, confidence)

    def settle(self) -> None:
        """Turn the pending relations and reports into refs, now that events are final."""
        refs: dict[int, str] = {}  # an event's ref, by cluster: most relations share one

        def ref(end: str | _Cluster) -> str:
            if isinstance(end, str):
                self.note(end)
                return end
            if id(end) not in refs:
                event = end.event()
                self.result.events[event.ref] = event
                refs[id(end)] = event.ref
            return refs[id(end)]

        seen: set[tuple[str, str, str, int]] = set()
        for item in self.pending:
            subject, obj = ref(item.subject), ref(item.object)
            if subject == obj:
                continue
            key = (subject, item.predicate, obj, item.evidence.start)
            if key not in seen:
                seen.add(key)
                self.result.relations.append(Relation(subject, item.predicate, obj, item.evidence))
        for cluster, report in self.reports:
            event_ref = ref(cluster)
            if report.reported_by:
                self.note(report.reported_by)
            self.result.casualties.append(
                CasualtyReport(
                    event_ref,
                    report.evidence,
                    report.deaths,
                    report.injuries,
                    report.minimum,
                    report.reported_by,
                )
            )


def _distance(at: int, hit: Hit) -> int:
    """How far a place or date at ``at`` stands from a trigger; one after it is nearer."""
    return at - hit.end if at >= hit.end else 2 * (hit.start - at)


def _nearest(at: int, groups: list[list[Hit]]) -> list[Hit]:
    """The group of triggers nearest to ``at``."""
    return min(groups, key=lambda group: min(_distance(at, h) for h in group))


def _event_groups(
    hits: list[Hit], places: list[Mention], dates: list[FoundDate]
) -> list[list[Hit]]:
    """The trigger words of a sentence, grouped by the event they name: a trigger that
    owns a place or a date unlike its group's so far opens a new event."""
    singles = [[h] for h in hits]
    owned: dict[int, list[tuple[str, str]]] = {}
    marks = [("place", m.start, m.place) for m in places]
    marks += [("date", d.start, d.iso) for d in dates]
    for kind, at, value in marks:
        owner = _nearest(at, singles)[0]
        owned.setdefault(id(owner), []).append((kind, value))
    groups: list[list[Hit]] = []
    seen: dict[str, str] = {}
    for hit in hits:
        facts = owned.get(id(hit), [])
        if not groups or any(kind in seen and seen[kind] != value for kind, value in facts):
            groups.append([hit])
            seen = {}
        else:
            groups[-1].append(hit)
        seen.update(dict(facts))
    return groups


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> int:
    """How many characters of ``start..end`` lie in ``spans`` (relative clauses)."""
    return sum(max(0, min(e, end) - max(s, start)) for s, e in spans)


def _bucket(items: list[Any], spans: list[tuple[int, int]]) -> list[list[Any]]:
    """Deal items with ``start``/``end`` (sorted by start) to the sentence spans holding them."""
    buckets: list[list[Any]] = [[] for _ in spans]
    index = 0
    for item in items:
        while index < len(spans) and spans[index][1] <= item.start:
            index += 1
        if index == len(spans):
            break
        if spans[index][0] <= item.start and item.end <= spans[index][1]:
            buckets[index].append(item)
    return buckets


def _most_specific(types: list[str]) -> str:
    """The type a sentence's event takes from its trigger words: a suicide bombing over a
    bombing, and an attack over an operation ("X was killed in the blast", "the arrest of
    the man behind the bombing"): figures and claims are the attack's."""
    if "SuicideBombing" in types:
        return "SuicideBombing"
    attacks = [t for t in types if t not in _OPERATIONS]
    return (attacks or types)[0]


def _span_start(person: str | re.Match[str]) -> int:
    return person.start() if isinstance(person, re.Match) else 10**9


def _shift(match: re.Match[str], offset: int, text: str) -> re.Match[str]:
    """A name found in a window, as a match over the whole text."""
    return _NAME.match(text, offset + match.start())  # type: ignore[return-value]


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract(
    document: Document,
    gazetteer: Gazetteer | None = None,
    rules: Rules | None = None,
    nlp: Any = None,
) -> Extraction:
    """Every actor, event, relation and casualty report that ``document`` states.

    ``nlp``, a trained spaCy pipeline (see :mod:`kg.ner`), adds the names it finds in
    sentences that hold a trigger.
    """
    gazetteer, rules = gazetteer or default_gazetteer(), rules or default_rules()
    return _Extractor(document, gazetteer, rules, nlp).run()
