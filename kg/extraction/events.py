"""Events: trigger words grouped per sentence, given a type, place and date, and merged
with the article's events when type, place and date agree ("the blast" is the same
bombing)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.dates import FoundDate, date_mentions, resolve
from kg.extraction.context import BASED, DATELINE, Context
from kg.extraction.records import ArticleState, Cluster, Sentence
from kg.model import Mention
from kg.rules import Hit

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
_DATELINE = re.compile(r"\s*(?:,\s*[A-Z][\w ]{1,20})?\s*(?::|\(\w+\)|—|–\s)")
_OPERATIONS = frozenset({"Airstrike", "Raid", "Arrest", "Killing"})
_DETERMINERS = frozenset({"the", "this", "that", "its"})
# a bombing and a suicide bombing, either way round, may be one event
_BOMBINGS = frozenset({("Bombing", "SuicideBombing"), ("SuicideBombing", "Bombing")})


class Events(Context):
    """Finding and merging a sentence's events."""

    def track_years(self, state: ArticleState, sent: Sentence) -> None:
        """Count the years a sentence without an event names (an event's sentence counts
        its own in events(), before resolving its dates)."""
        if (
            sent.event is None
            and self.published is None
            and (years := self.years_between(sent.start, sent.end))
        ):
            # without a publication date, the latest year the article named is "this year"
            state.year = max([*years, state.year or 0])

    def events(self, sent: Sentence, state: ArticleState) -> None:
        hits = sent.events
        if hits and sent.mentions:  # most sentences hold no trigger word
            # a trigger word inside a name names no event; a loop over the few names costs
            # less than any() over a generator for each trigger word
            kept = []
            for h in hits:
                for m in sent.mentions:
                    if m.start <= h.start < m.end:
                        break
                else:
                    kept.append(h)
            hits = kept
        # "into the Uzbekistan border": a place for the event, even before a noun
        places = [
            m
            for m in sent.mentions
            if m.place
            and (not m.actor or self.locative(m, modifier_ok=True))
            and not BASED.match(self.text, m.end)  # "Afghanistan-based" says where a group is
            # "Islamabad: The Daesh group has claimed ...": a dateline says where the report
            # was filed, not where the attack was
            and not (m.start == sent.start and _DATELINE.match(self.text, m.end))
        ]
        # nor where a wire story was filed ("QUETTA, Pakistan, July 13 (Reuters) - "): its
        # dateline looked for only when there is a place (most sentences have none)
        if places and (wire := DATELINE.match(sent.text)):
            places = [m for m in places if m.start >= sent.start + wire.end()]
        if places:
            state.last_place = self.roll_up(places[-1].place)
        if not hits:
            return
        # dates matter only where an event is: looked for in those sentences alone; the
        # years this sentence names already count ("In 2021 ... in October")
        mentions = date_mentions(self.text, sent.start, sent.end)
        if self.published is None and (years := self.years_between(sent.start, sent.end)):
            state.year = max([*years, state.year or 0])
        dates: list[FoundDate] = []
        if mentions:  # most event sentences name no date
            resolved = resolve(
                mentions,
                year=state.year,
                published=self.published,
                narrative=state.narrative_year,
                last=state.last_date,
            )
            if resolved:
                # the story's year and date from the next sentence on ("In August", "that
                # month"); only resolving reads them
                state.narrative_year = int(resolved[-1].iso[:4])
                state.last_date = resolved[-1].iso
            # "since 2021" starts a period; it dates no event
            dates = [
                d
                for d in resolved
                if not self.lowered[max(sent.start, d.start - 6) : d.start].endswith("since ")
            ]
        groups = _event_groups(hits, places, dates)
        sent.clusters = []
        for group in groups:
            cluster = self.sentence_event(state, sent, group, groups, places, dates)
            sent.clusters.append((cluster, group[0].start, group[-1].end))
        sent.event, sent.event_at = sent.clusters[0][0], hits[0].start

    def sentence_event(
        self,
        state: ArticleState,
        sent: Sentence,
        hits: list[Hit],
        groups: list[list[Hit]],
        places: list[Mention],
        dates: list[FoundDate],
    ) -> Cluster:
        """The event one group of trigger words names, merged with the article's events."""
        trigger = hits[0]
        if len(hits) == 1:
            event_type = trigger.payload.type  # most groups: one trigger word, its type
        else:
            types = [h.payload.type for h in hits]
            pool = [t for t in types if t not in _OPERATIONS] or types
            specific = [t for t in pool if t not in _GENERIC_TYPES]
            event_type = _most_specific(specific or pool)
        # "the bombing", "this attack": every trigger word anaphoric or after a determiner
        definite = True
        for h in hits:
            if not h.payload.anaphoric:
                words = self.lowered[max(sent.start, h.start - 6) : h.start].split()
                if not words or words[-1] not in _DETERMINERS:
                    definite = False
                    break
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
        # only a place right after it ("the bombing in Kabul"). Most event sentences name
        # no date, and many no place: nothing to sort out there.
        near_dates = [d for d in dates if abs(d.start - trigger.start) <= 100] if dates else []
        date = (
            min(near_dates, key=lambda d: abs(d.start - trigger.start)).iso if near_dates else None
        )
        if not places:
            near = places
        elif definite:
            near = [m for m in places if 0 <= m.start - trigger.end <= 40]
        else:
            near = [m for m in places if -80 <= m.start - trigger.start <= 120]
        place = self.best_place(near) if near else None
        return self.cluster(
            state, event_type, place, date, definite and not near_dates and place is None
        )

    def best_place(self, places: list[Mention]) -> str | None:
        if not places:
            return None
        chosen = places[0]  # most often the only one, which needs no ranking
        if len(places) > 1:

            def rank(m: Mention) -> tuple[bool, int, int]:
                # "missiles fired from Afghanistan into Tajikistan" happened in Tajikistan
                origin = self.lowered[max(0, m.start - 6) : m.start].endswith("from ")
                entity = self.entity(m.place)
                return (origin, _PLACE_RANK.get(entity.kind if entity else "", 5), m.start)

            chosen = min(places, key=rank)
        best = self.roll_up(chosen.place)
        self.note(best)
        return best

    def cluster(
        self,
        state: ArticleState,
        event_type: str,
        place: str | None,
        date: str | None,
        anaphoric: bool,
    ) -> Cluster:
        # an attack never merges with an operation: only the article's events of this
        # one's kind are tried
        operation = event_type in _OPERATIONS
        kin = state.operations if operation else state.attacks
        current = state.current
        if (
            current
            and (current.type in _OPERATIONS) == operation
            and (anaphoric or self.compatible((current,), event_type, place, date))
        ):
            self.merge(current, event_type, place, date)
            return current
        # an earlier event is taken up again only by its place or date (the current
        # one was found incompatible above: trying it again changes nothing)
        if (place or date) and (other := self.compatible(reversed(kin), event_type, place, date)):
            self.merge(other, event_type, place, date)
            state.current = other
            return other
        if place is None:
            place = state.last_place
            if place:
                self.note(place)
        made = Cluster(event_type, place, date)
        kin.append(made)
        state.current = made
        return made

    def compatible(
        self, clusters: Iterable[Cluster], event_type: str, place: str | None, date: str | None
    ) -> Cluster | None:
        """The first of ``clusters``, events of this one's kind (attack or operation), that
        a mention of this type, place and date may be merged with: one loop rather than a
        call for each event of the article."""
        generic = event_type in _GENERIC_TYPES
        for c in clusters:
            if (
                event_type != c.type
                and not generic
                and c.type not in _GENERIC_TYPES
                and (event_type, c.type) not in _BOMBINGS
            ):
                continue
            if date and (
                c.date is None or not (date.startswith(c.date) or c.date.startswith(date))
            ):
                continue
            if (
                place
                and c.place
                and not (self.within(place, c.place) or self.within(c.place, place))
            ):
                continue
            return c
        return None

    def within(self, inner: str, outer: str) -> bool:
        enclosing = self._enclosing.get(inner)
        if enclosing is None:
            chain = []
            ref: str | None = inner
            while ref:
                chain.append(ref)
                entity = self.entity(ref)
                ref = f"place/{entity.located_in}" if entity and entity.located_in else None
            enclosing = self._enclosing[inner] = tuple(chain)
        return outer in enclosing

    def merge(self, c: Cluster, event_type: str, place: str | None, date: str | None) -> None:
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
    if len(hits) == 1:
        return [hits[:]]  # most sentences hold one trigger word
    owned: dict[int, list[tuple[str, str]]] = {}
    marks = [("place", m.start, m.place) for m in places]
    marks += [("date", d.start, d.iso) for d in dates]
    for kind, at, value in marks:
        owner = min(hits, key=lambda h: _distance(at, h))
        owned.setdefault(id(owner), []).append((kind, value))
    groups: list[list[Hit]] = []
    seen: dict[str, str] = {}
    for hit in hits:
        facts = owned.get(id(hit), [])
        # "IS claimed the attack, and police arrested four men": an arrest is an event of
        # its own, never part of the attack it follows
        arrest = hit.payload.type == "Arrest"
        if (
            not groups
            or any(kind in seen and seen[kind] != value for kind, value in facts)
            or arrest != (groups[-1][0].payload.type == "Arrest")
        ):
            groups.append([hit])
            seen = {}
        else:
            groups[-1].append(hit)
        seen.update(dict(facts))
    return groups


def _most_specific(types: list[str]) -> str:
    """The type a sentence's event takes from its trigger words: a suicide bombing over a
    bombing, and an attack over an operation ("X was killed in the blast", "the arrest of
    the man behind the bombing"): figures and claims are the attack's."""
    if "SuicideBombing" in types:
        return "SuicideBombing"
    attacks = [t for t in types if t not in _OPERATIONS]
    return (attacks or types)[0]
