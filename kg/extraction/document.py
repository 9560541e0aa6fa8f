"""One document, article by article and sentence by sentence, through every part of
extraction; then the relations settle on their events."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from typing import Any

from kg.extraction.casualty_figures import CasualtyFigures
from kg.extraction.events import Events
from kg.extraction.mentions import Mentions
from kg.extraction.records import ArticleState, Cluster, Sentence
from kg.extraction.relations import Relations
from kg.gazetteer import Gazetteer, default_gazetteer
from kg.model import CasualtyReport, Document, Extraction, Mention, Relation
from kg.rules import ANAPHORS, EVENTS, FIGURES, PATTERNS, ROLES, Rules, default_rules
from kg.text import segment

# matched at the start of a line
_BULLET = re.compile(r"[ \t]*(?:[•▪◦●*–-]|\d{1,2}[.)])[ \t]+")


class Extractor(Mentions, Events, Relations, CasualtyFigures):
    """Extraction of one document, every part together."""

    def run(self) -> Extraction:
        articles = segment(self.text)
        spans = [span for article in articles for span in article.sentences]
        # the automata run once over the whole text; hits are then dealt to sentences
        phrases = self.rules.phrases.find(self.lowered)
        # each sentence's hits in turn, in the order of Sentence's fields
        ends = [end for _, end in spans]
        hits = zip(
            _bucket(self.gazetteer_mentions(), spans, ends),
            _bucket(phrases[ROLES], spans, ends),
            _bucket(phrases[ANAPHORS], spans, ends),
            _bucket(phrases[EVENTS], spans, ends),
            _bucket(phrases[PATTERNS], spans, ends),
            _bucket(phrases[FIGURES], spans, ends),
            strict=True,
        )
        # whether the line holding the last sentence opens with a bullet: asked once a line,
        # not of every line of the text (most sentences share their line with others)
        line, bullet, searched = -1, False, 0
        for article in articles:
            state = ArticleState(year=self.published.year if self.published else None)
            for start, end in article.sentences:
                sent = Sentence(start, end, self.text[start:end], *next(hits))
                # a line break searched for only since the last sentence began, not back to
                # the start of the text: many texts are one line an article
                at = self.text.rfind("\n", searched, start) + 1
                searched = start
                if at or line < 0:  # a new line, or the first
                    line, bullet = at, _BULLET.match(self.text, at) is not None
                sent.item = line if bullet else None
                self.sentence(state, sent)
        self.settle()
        return self.result

    def gazetteer_mentions(self) -> list[Mention]:
        """The gazetteer's names in the text, those before "-linked", "-backed" ... marked
        as modifiers, and demonyms before "forces", "troops" ... standing for their state."""
        suffix = self.rules.cues.get("modifier-suffix")
        body = self.rules.cues.get("state-body")
        mentions = []
        text = self.text
        for m in self.gaz.find(text, lowered=self.lowered):
            # the suffix opens with a hyphen (see kg.rules): tested first, as most names
            # are followed by a space
            if suffix and text[m.end : m.end + 1] in "-‐" and suffix.match(text, m.end):
                m = replace(m, modifier=True)
            elif m.modifier and body and body.match(text, self.past_space(m.end)):
                m = replace(m, modifier=False)
            mentions.append(m)
        return mentions

    def sentence(self, state: ArticleState, sent: Sentence) -> None:
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
        # entity() and cls() written out in both loops over the mentions: they run for
        # every mention of every sentence
        known, discovered = self.gaz.entities, self.discovered
        for mention in sent.mentions:
            actor = mention.actor
            if not actor:
                continue
            entity = discovered.get(actor) or known.get(actor)
            if entity is None:
                continue
            if entity.cls == "Person":
                self.remember_surname(actor, entity.label)
            self.note(actor, None if mention.anaphor else mention.text)
        self.relations(sent, state)
        self.list_items(sent, state)
        self.casualties(sent, state)
        groups: list[str] = []
        people: list[str] = []
        state.recent.append(groups)
        state.recent_people.append(people)
        for mention in sent.mentions:
            actor = mention.actor
            if not actor or mention.anaphor:
                continue  # an anaphor refers back to a name: it moves no focus
            entity = discovered.get(actor) or known.get(actor)
            cls = entity.cls if entity else None
            if cls == "ArmedGroup":
                groups.append(actor)
                state.groups[actor] = state.groups.get(actor, 0) + 1
                state.last_group = actor
            elif cls == "Person":
                people.append(actor)
                state.last_person = actor
            elif cls == "Organization":
                state.last_bloc = actor
        self.track_years(state, sent)

    def settle(self) -> None:
        """Turn the pending relations and reports into refs, now that events are final."""
        refs: dict[int, str] = {}  # an event's ref, by cluster: most relations share one
        # the names noted here: the entities are final, so a name noted once stays noted,
        # and most relations share their ends
        noted: set[str] = set()

        def ref(end: str | Cluster) -> str:
            if isinstance(end, str):
                if end not in noted:
                    noted.add(end)
                    self.note(end)
                return end
            key = id(end)
            if key not in refs:
                event = end.event()
                # ref is a property that formats the event's fields: made once
                refs[key] = event_ref = event.ref
                self.result.events[event_ref] = event
            return refs[key]

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


def _bucket(items: list[Any], spans: list[tuple[int, int]], ends: list[int]) -> list[list[Any]]:
    """Deal items with ``start``/``end`` (sorted by start) to the sentence spans holding them
    (``ends``: where each span ends)."""
    buckets: list[list[Any]] = [[] for _ in spans]
    if not spans:
        return buckets
    past_last = len(spans)
    # the span the last item fell in: the next items mostly fall in it too, so the spans
    # are bisected only when an item starts past its end
    span_start, span_end = spans[0]
    bucket = buckets[0]
    for item in items:
        start = item.start
        if start >= span_end:
            # the first span ending after the item starts: the only one that may hold it
            index = bisect_right(ends, start)
            if index == past_last:
                break
            span_start, span_end = spans[index]
            bucket = buckets[index]
        if span_start <= start and item.end <= span_end:
            bucket.append(item)
    return buckets


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
    return Extractor(document, gazetteer, rules, nlp).run()
