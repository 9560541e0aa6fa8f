"""Casualty figures of a sentence, given to its events, with the actor that reported
them."""

from __future__ import annotations

from kg.casualties import find_counts
from kg.extraction.context import Context
from kg.extraction.records import ArticleState, Cluster, Sentence
from kg.model import CasualtyReport, Evidence, Mention
from kg.text import folded


class CasualtyFigures(Context):
    """Giving a sentence's casualty figures to its events."""

    def casualties(self, sent: Sentence, state: ArticleState) -> None:
        # no event to give figures to: checked before the figures are looked for
        if not sent.figures or (sent.event is None and state.current is None):
            return
        cues = self.rules.cues
        counts = find_counts(sent.text, cues["death"], cues["injury"], cues["victim"])
        if not counts:
            return
        plural = cues.get("generic-plural")
        if sent.event is None and plural and plural.search(sent.text):
            return  # "the 2008 Mumbai attacks that killed 166": not the article's event
        reporter = self.reporter(sent)
        evidence = self.evidence(sent, sent.start, sent.end, "pattern:casualty-figure", 0.8)
        by_event: dict[int, tuple[Cluster, list]] = {}
        for count in counts:
            # a figure belongs to the event named last before it
            at = sent.start + count.start
            before = [c for c, start, _ in sent.clusters if start <= at]
            event = before[-1] if before else (sent.event or state.current)
            by_event.setdefault(id(event), (event, []))[1].append(count)
        for event, event_counts in by_event.values():
            self.event_reports(event, event_counts, evidence, reporter)

    def event_reports(
        self, event: Cluster, counts: list, evidence: Evidence, reporter: str | None
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

    def reporter(self, sent: Sentence) -> str | None:
        """Who gave the figures: "according to X", "X said", "said X".

        The last attribution in the sentence wins: news closes a sentence with its
        source ("..., the Kabul police said").
        """
        cue = self.rules.cues.get("speech")
        # most sentences with figures name no source: looked for before the actors
        text = sent.text
        if cue and text.isascii() and (lower_case := folded(cue)):
            cue, text = lower_case, text.lower()  # the same matches, found faster
        said = list(cue.finditer(text)) if cue else []
        if not said:
            return None
        mentions = sent.mentions
        for match in reversed(said):
            at, after = sent.start + match.start(), sent.start + match.end()
            # the distance first: only a name near the cue is asked whether it can speak
            right = [m for m in mentions if 0 <= m.start - after <= 30 and self.source(m)]
            if match.group(0).lower() == "according to":
                if right:
                    return right[0].actor
                continue
            left = [m for m in mentions if 0 <= at - m.end <= 40 and self.source(m)]
            if left:
                return left[-1].actor
            if right:
                return right[0].actor
        return None

    def source(self, mention: Mention) -> bool:
        """Whether a mention names an actor that can give figures: no modifier ("the
        Taliban-led government"), no community, no place used as one."""
        return bool(
            mention.actor
            and not mention.modifier
            and self.cls(mention.actor) not in (None, "Community")
            and not self.locative(mention)
        )
