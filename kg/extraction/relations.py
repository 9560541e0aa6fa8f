"""Relations: each pattern trigger fills its subject and object slots from the nearest
fitting mention on its side, unless a negation cue stands between; items of a list
inherit the heading's perpetrator and targets."""

from __future__ import annotations

import re

from kg.extraction.context import DATELINE, Context
from kg.extraction.mentions import NAME
from kg.extraction.records import ArticleState, Cluster, Pending, Sentence
from kg.model import Mention
from kg.rules import Hit, Pattern, Slot

_RELATIVE = re.compile(r",\s*(?:which|who|whose|where)\b[^,]*", re.I)
# "Somalia's government, backed by African Union peacekeepers, has been fighting": a
# participle phrase set off by commas, an aside like a relative clause
_PARTICIPIAL = re.compile(
    r",\s*(?:backed|supported|funded|armed|trained|aided|assisted|helped|led)\s+by\b[^,]*", re.I
)
# "JNIM, the Sahel branch of al-Qaeda, claimed": an apposition naming what a group is a
# part or rival of; like a relative clause, its names are no slot of a trigger outside it
_APPOSITION_OF = re.compile(
    r",\s*(?:the|a|an|its)\s+(?:[\w'’-]+\s+){0,4}?(?:branch|affiliate|wing|arm|offshoot|"
    r"faction|chapter|franchise|successor|ally|rival)\s+(?:of|in|to)\s+[^,;]{1,60}(?=,)",
    re.I,
)
# each aside with what it cannot match without after a sentence's first comma, in lower
# case: a substring test is far cheaper than a search, and few sentences hold a relative
# pronoun, a "by" or, for an apposition closed by a comma, a second comma
_ASIDES = ((_RELATIVE, "wh"), (_APPOSITION_OF, ","), (_PARTICIPIAL, "by"))
_OTHER_SIDE = {"left": "right", "right": "left", "first": "right"}
# the sides that take a name before the trigger
_LEFT_SIDES = frozenset({"left", "left-second", "event-or-left", "first"})
_SPEAKER_CARRIES_ON = re.compile(
    r"\s+(?:that\s+)?(?:it|they|he|she)\b|\s+the\s+(?:killing|death|capture|arrest)\s+of\b", re.I
)
_APPOSITION = re.compile(r"[^,]{0,45}?(?:,\s*(?:known as|called|named)?\s*(?:the\s+)?)?", re.I)
_ALONG_WITH = re.compile(r",?\s*\b(?:along with|together with|alongside)\s+", re.I)
# "alongside (the) Malian forces": a companion named right before a name
_COMPANION = re.compile(
    r"\b(?:along with|together with|alongside)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", re.I
)
_COUNTED = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens of)\s+$", re.I)
_COUNTED_REACH = 40  # how far back a count can start: searching from 0 is linear in the text
# "claimed dozens of lives", "claiming the lives of": a toll
_CLAIMED_LIVES = re.compile(r"\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?lives\b", re.I)
# "was (also) attacked", "were reportedly bombed": the verb is passive. Lower case only:
# in "IS claimed", IS is a name.
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+|also\s+)?$")
_CAPITAL = re.compile("[A-Z]")  # as NAME spells the start of a name's words
_INDEFINITE = re.compile(r"\s+an?\s", re.I)
_ANTECEDENT_REACH = 15  # "IS militants, who": the head noun after the name
# What joins the names of a list: "A, B and C", "Shiite/Hazara", "civilians, including activists"
_COORDINATION = re.compile(r"\s*(?:,|and|, and|or|&|/|,?\s*including|as well as)\s*(?:the\s+)?")


class Relations(Context):
    """Filling the slots of a sentence's relation patterns."""

    def relations(self, sent: Sentence, state: ArticleState) -> None:
        if not sent.patterns:
            return
        masked = self.asides(sent)
        for hit in sent.patterns:
            pattern: Pattern = hit.payload
            if _in_name(sent.mentions, hit.start):
                continue  # the trigger word is part of a name
            if pattern.requires_event_in_sentence and sent.event is None:
                continue
            if pattern.event_types and not any(
                c.type in pattern.event_types for c, _, _ in sent.clusters
            ):
                continue
            if self.not_this_relation(hit, pattern):
                continue
            # checked before the subject is looked for: many hits ("killed") have no name
            # on the object's side that it takes, and then yield nothing
            if pattern.object_named and not self.may_fill(sent, hit, pattern.object, masked):
                continue
            subjects = self.fill(sent, state, hit, pattern.subject, masked)
            # without a subject, the object matters only to find a subject on the other
            # side, or for the person it may name ("killed by Abubakar Shekau"), who is kept
            if (
                not subjects
                and not pattern.subject.or_other_side
                and "Person" not in pattern.object.classes
            ):
                continue
            objects = self.fill(sent, state, hit, pattern.object, masked, exclude=subjects)
            # "the Afghan branch of the group, ISIS-K": an end may stand on the other side
            if not objects and pattern.object.or_other_side and subjects:
                other = _OTHER_SIDE[pattern.object.side]
                objects = self.fill(sent, state, hit, pattern.object, masked, subjects, other)
            if not subjects and pattern.subject.or_other_side and objects:
                other = _OTHER_SIDE[pattern.subject.side]
                subjects = self.fill(sent, state, hit, pattern.subject, masked, objects, other)
            if not subjects or not objects or self.negated(sent, hit):
                continue
            if pattern.subject.list and pattern.subject.side == "left":
                # "X has joined Y, along with A, B and C": they joined too
                subjects = [*subjects, *self.along_with(sent, hit, pattern.subject, subjects)]
            for subject in subjects:
                for obj in objects:
                    if subject is obj or subject == obj or self.forbidden(pattern, subject, obj):
                        continue
                    self.relate(sent, hit, pattern, subject, obj)

    def not_this_relation(self, hit: Hit, pattern: Pattern) -> bool:
        """Triggers that read as another relation here: "attacks that claimed dozens of
        lives" is a toll, not a claim; "the embassy was attacked by" is passive, so the name
        before the verb is its target, not its agent."""
        if pattern.relation == "claimedBy" and _CLAIMED_LIVES.match(self.text, hit.end):
            return True
        if pattern.not_after_count and self.counted_before(hit.start):
            return True  # "killed six members of an IS cell": unnamed, counted members
        agent_left = pattern.object.side == "left" and pattern.subject.side == "event"
        if not (agent_left or pattern.active_only):
            return False  # checked first: a passive verb matters to few patterns
        before = self.text[max(0, hit.start - 25) : hit.start]
        return hit.key[:1].isalpha() and bool(_PASSIVE_BEFORE.search(before))

    def forbidden(self, pattern: Pattern, subject: str | Cluster, obj: str | Cluster) -> bool:
        """A pair of classes the pattern cannot join ("a state joining an armed group")."""
        if not pattern.forbidden_pairs or not isinstance(subject, str) or not isinstance(obj, str):
            return False
        return (self.cls(subject), self.cls(obj)) in pattern.forbidden_pairs

    def along_with(self, sent: Sentence, hit: Hit, slot: Slot, taken: list) -> list[str]:
        if not _may_name_companion(self.lowered, hit.end, sent.end):
            return []  # checked first: few sentences say "along with"
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
        sent: Sentence,
        hit: Hit,
        pattern: Pattern,
        subject: str | Cluster,
        obj: str | Cluster,
    ) -> None:
        if pattern.relation == "claimedBy":  # checked first: the one relation a media arm changes
            subject, obj = self.through_media_arm(subject), self.through_media_arm(obj)
        evidence = self.evidence(
            sent, sent.start, sent.end, f"pattern:{pattern.id}", pattern.confidence
        )
        self.pending.append(Pending(subject, pattern.relation, obj, evidence))
        if pattern.symmetric:
            self.pending.append(Pending(obj, pattern.relation, subject, evidence))

    def through_media_arm(self, end: str | Cluster) -> str | Cluster:
        """A claim through a media arm (Amaq) is the claim of the group it belongs to."""
        if not isinstance(end, str):
            return end
        entity = self.entity(end)
        if entity and entity.cls == "Organization" and entity.branch_of:
            parent = f"actor/{entity.branch_of[0]}"
            self.note(parent)
            return parent
        return end

    def counted_before(self, at: int) -> bool:
        """Whether a count stands right before ``at`` ("killing 28 Taliban members")."""
        return _COUNTED.search(self.text, max(0, at - _COUNTED_REACH), at) is not None

    def asides(self, sent: Sentence) -> list[tuple[int, int]]:
        """Relative clauses, appositions, participle phrases and a dateline: spans whose
        names fill no slot of a trigger outside them."""
        spans = []
        comma = sent.text.find(",")
        if comma >= 0:  # each of them starts at a comma: half the sentences have none
            after = self.lowered[sent.start + comma + 1 : sent.end]
            spans = [
                (sent.start + m.start(), sent.start + m.end())
                for regex, needed in _ASIDES
                if needed in after
                for m in regex.finditer(sent.text)
            ]
        # "PESHAWAR, Pakistan (AP) — Militants attacked": where the report was filed; it
        # opens with a city in capitals, and most sentences' second letter is lower case
        if not sent.text[1:2].islower() and (dateline := DATELINE.match(sent.text)):
            spans.append((sent.start, sent.start + dateline.end()))
        return sorted(spans)

    def fill(
        self,
        sent: Sentence,
        state: ArticleState,
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
            # "the group, which is linked to al-Qaeda, ...": a relative clause describes a
            # name; only an event named in the sentence can be its subject
            if sent.event is None and _covers(masked, hit.start):
                return []
            return self.slot_event(sent, state, hit)
        person = "Person" in slot.classes
        if person:
            self.name_fallback(sent, hit, slot, side)
        left = side in _LEFT_SIDES
        # only mentions on the slot's side, kept in the text order of the pool
        candidates = [
            m
            for m, cls, locative, head in self.slot_pool(sent)
            if (m.end <= hit.start if left else m.start >= hit.end)
            and not (head and person)
            and m.actor not in exclude
            and (not slot.classes or cls in slot.classes)
            and (slot.locative_ok or not locative)
            and (slot.modifier_ok or not m.modifier)
            # "killing 28 Taliban members": a counted noun is a victim, not the perpetrator
            and not (slot.not_after_number and self.counted_before(m.start))
        ]
        pool = candidates  # what a list slot may extend over
        # only the nearest fitting mention is taken (the farther of the two nearest for
        # "left-second"), so the tests below stop there
        if not candidates:
            chosen = None  # checked first: a third of the slots have no candidate
        elif left:
            # "IS militants, who have stepped up attacks on ...": a relative clause's subject
            # is the name right before it, even the object of an earlier trigger
            clause, aside = None, masked  # aside: the clauses the trigger is not in
            if masked:  # checked first: most sentences hold no aside
                inside = [c for c in masked if c[0] <= hit.start < c[1]]
                clause = inside[0][0] if inside else None
                aside = [c for c in masked if c not in inside]
            # only another trigger can have taken a name as its object: most sentences
            # hold a single trigger
            others = len(sent.patterns) > 1
            # a loop, not a generator: most slots take the first candidate they test
            nearest: list[Mention] = []
            # the sentence's subject: "Saudi Arabia has joined ..., along with"
            for m in candidates if side == "first" else reversed(candidates):
                distance = hit.start - m.end
                if masked:  # checked first: most sentences hold no aside
                    if _covers(aside, m.start):
                        continue
                    distance -= _inside(masked, m.end, hit.start)
                if (
                    distance <= slot.max_gap
                    and not (slot.no_comma and "," in self.text[m.end : hit.start])
                    and not self.blocked(m.end, hit.start, aside)
                    and (
                        not others
                        or (clause is not None and 0 <= clause - m.end <= _ANTECEDENT_REACH)
                        or not self.object_of_earlier(sent, hit, m)
                    )
                ):
                    nearest.append(m)
                    if side != "left-second" or len(nearest) == 2:
                        break
            if side == "left-second":  # "X sees Y as an ally": the farther of two
                chosen = nearest[1] if len(nearest) == 2 else None
                # "the US-Pakistan partnership": the two joined
                if chosen is not None and slot.joined:
                    gap = self.text[chosen.end : nearest[0].start]
                    chosen = chosen if re.fullmatch(r"\s*[-–—/]\s*", gap) else None
            else:
                chosen = nearest[0] if nearest else None
            if side == "first":
                pool = []  # the subject stands alone, never a list
        else:
            chosen = None
            for m in candidates:
                if (
                    (side == "right-second" or m.start - hit.end <= slot.max_gap)
                    and not (slot.no_comma and "," in self.text[hit.end : m.start])
                    # "the group's regional branch, IS-K": a comma only right before the name
                    and not (
                        slot.appositive and not _APPOSITION.fullmatch(self.text[hit.end : m.start])
                    )
                    # "... killed in attacks, told The Express Tribune": the outlet is no target
                    and not self.cue_search("barrier", hit.end, m.start)
                    # "fought alongside Malian forces against ...": a companion, not the object
                    and not (
                        hit.payload.relation != "alliedWith"
                        and _may_name_companion(self.lowered, hit.end, m.start)
                        and _COMPANION.search(self.text, hit.end, m.start)
                    )
                ):
                    chosen = m
                    break
        if side == "event-or-left":
            # the event is the subject when it is named between the actor and the trigger,
            # or is the trigger itself ("a deadly attack on US Marines"), unless the actor
            # owns it ("IS' killing of the Yazidis", "Russia's invasion of")
            at = sent.event_at
            possessive = chosen is not None and re.fullmatch(
                r"['’]s?\s*", self.text[chosen.end : hit.start]
            )
            event_first = (
                at is not None
                and chosen is not None
                and chosen.end <= at <= hit.start
                # "X, backed by US airstrikes, has been fighting Y": an event in an aside
                and not _covers(masked, at)
            )
            if chosen is not None and (possessive or not event_first):
                return self.listed(chosen, pool, slot)
            return self.slot_event(sent, state, hit)
        if chosen is not None:
            return self.listed(chosen, pool, slot)
        if slot.or_event and (sent.event or state.current):
            return [sent.event or state.current]
        return []

    def may_fill(self, sent: Sentence, hit: Hit, slot: Slot, masked: list[tuple[int, int]]) -> bool:
        """Whether a mention that ``slot`` may take stands on its side of ``hit``, within its
        reach: fill() finds nothing for a slot without one. Only fill()'s tests of a
        mention's own fields, its distance and a comma before it are made here."""
        text = self.text
        left = slot.side in _LEFT_SIDES
        if left:  # the offsets the end of a name may stand at
            # fill() leaves the asides out of the gap: with some, a farther name may do
            lo = sent.start if masked else max(sent.start, hit.start - slot.max_gap)
            hi = hit.start
            if slot.no_comma:  # only after the last comma
                lo = max(lo, text.rfind(",", lo, hi) + 1)
        else:  # the offsets the start of a name may stand at
            lo, hi = hit.end, (hit.end + slot.max_gap if slot.side == "right" else sent.end)
            if slot.no_comma and (comma := text.find(",", lo, hi)) >= 0:
                hi = comma  # only up to the first comma
        classes = slot.classes
        for m, cls, locative, _ in self.slot_pool(sent):
            if (
                lo <= (m.end if left else m.start) <= hi
                and (not classes or cls in classes)
                and (slot.locative_ok or not locative)
                and (slot.modifier_ok or not m.modifier)
            ):
                return True
        return False

    def slot_pool(self, sent: Sentence) -> list[tuple[Mention, str | None, bool, bool]]:
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
            and (e := self.entity(m.place))
            and e.capital_of
            and not self.locative(m)  # last: it reads the words around the name
        ]
        # a head of state acts for the state: "Putin formed an alliance with ..."; not
        # where a slot wants a person
        heads = [
            (Mention(m.start, m.end, m.text, self.heads[m.actor], None), True)
            for m in sent.mentions
            if m.actor in self.heads
        ]
        entries = [(m, False) for m in sent.mentions]
        if capitals or heads:  # most sentences: the mentions alone, already in text order
            entries = sorted(
                [*entries, *((m, False) for m in capitals), *heads], key=lambda pair: pair[0].start
            )
        pool = [(m, self.cls(m.actor), self.locative(m), head) for m, head in entries if m.actor]
        sent.pool = (len(sent.mentions), pool)
        return pool

    def object_of_earlier(self, sent: Sentence, hit: Hit, mention: Mention) -> bool:
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

    def blocked(self, start: int, end: int, aside: list[tuple[int, int]]) -> bool:
        """A speech verb between ``start`` and ``end`` ends the clause, unless a pronoun
        carries its speaker on ("the Taliban says it is working to wipe out IS"), or it
        stands in a relative clause ``aside`` ("X, which agencies say is a proxy of Y,
        claimed")."""
        # only the gap is searched, not the sentence: gaps are a fifth of a sentence's
        # length, and a speech verb does not run on into the trigger at ``end``
        first = self.cue_search("barrier", start, end)
        if first is None:
            return False  # checked first: fifteen gaps in sixteen hold no speech verb
        return any(
            # "X announced the killing of Y": the speaker is the agent
            not _SPEAKER_CARRIES_ON.match(self.text, m.end(), m.end() + 40)
            and not _covers(aside, m.start())
            # walked with the pattern and over the text the first one was found with
            for m in first.re.finditer(first.string, first.start(), end)
        )

    def cue_search(self, kind: str, start: int, end: int) -> re.Match[str] | None:
        """The first cue word of ``kind`` in ``text[start:end]``, or None.

        Nearly every gap is ASCII: its lower case is searched with the cue's lower-case
        form, without re.I, the same matches found about twice as fast. The character
        before ``start`` is read too: the cue's word-edge test looks at it."""
        if self.text[max(0, start - 1) : end].isascii():
            cue = self.rules.lower_cues.get(kind)
            if cue is not None:
                return cue.search(self.lowered, start, end)
        cue = self.rules.cues.get(kind)
        return cue.search(self.text, start, end) if cue is not None else None

    def slot_event(self, sent: Sentence, state: ArticleState, hit: Hit) -> list:
        """The sentence's event, else the article's current one, unless the trigger speaks
        of attacks in general ("carried out attacks on ...").

        Of several events in a sentence: a claim or a blame names every one after it ("ISIS
        claimed a 2022 attack ... and 2017 bombings"); other triggers take the nearest.
        """
        if self.speaks_in_general(hit):
            return []
        if len(sent.clusters) > 1:
            after = [(c, s, e) for c, s, e in sent.clusters if s >= hit.end]
            if after and hit.payload.relation in ("claimedBy", "attributedTo"):
                claimed = [after[0]]
                for nxt in after[1:]:  # "... a 2022 attack that killed 15 and 2017 bombings"
                    gap = self.lowered[claimed[-1][2] : nxt[1]]
                    if len(gap) > 90 or not re.search(r"\band\b", gap) or nxt[0].type == "Arrest":
                        break  # "... claimed the attack, and police arrested": no claim
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
        # "Taliban launched a campaign against IS": an indefinite object is something new,
        # not the article's event, which the text would name as "the attack" or "it"
        if _INDEFINITE.match(self.text, hit.end):
            return []
        return [state.current] if state.current else []

    def speaks_in_general(self, hit: Hit) -> bool:
        """ "have carried out similar raids", "claimed several attacks": a determiner and a
        plural right after the trigger name attacks in general, not the sentence's event."""
        determiner = self.rules.cues.get("generic-determiner")
        plural = self.rules.cues.get("generic-plural")
        if determiner is None or plural is None:
            return False
        at, seen = hit.end, 0
        while seen < 2 and (match := determiner.match(self.text, self.past_space(at))):
            at, seen = match.end(), seen + 1
        return seen > 0 and plural.match(self.text, self.past_space(at)) is not None

    def name_fallback(self, sent: Sentence, hit: Hit, slot: Slot, side: str) -> None:
        """Persons the gazetteer lacks, named next to the trigger ("led by Abubakar
        Shekau"): the nearest name, or with a list slot every name on that side."""
        if side in ("left", "left-second", "event-or-left"):
            lo, hi = max(sent.start, hit.start - slot.max_gap), hit.start
        else:
            lo, hi = hit.end, min(sent.end, hit.end + slot.max_gap + 40)
        if sent.names is None:
            if not self.may_hold_name(sent, lo, hi):
                # checked first: NAME costs much over a sentence, and few windows hold
                # two capitals outside the mentions
                return
            sent.names = list(NAME.finditer(self.text, sent.start, sent.end))
        # whole names of the sentence inside the window: one that crosses its edge is not
        # cut down to the words the window happens to hold
        names = [n for n in sent.names if lo <= n.start() and n.end() <= hi]
        if not names:
            return  # checked first: a third of the windows hold no name
        taken = [(m.start, m.end) for m in sent.mentions]
        names = [n for n in names if not any(s < n.end() and n.start() < e for s, e in taken)]
        if not names:
            return
        if not slot.list:
            names = [names[-1] if side in ("left", "left-second", "event-or-left") else names[0]]
        for match in names:
            self.person_from(match, None, sent)

    def may_hold_name(self, sent: Sentence, lo: int, hi: int) -> bool:
        """Whether ``text[lo:hi]`` may hold a name no mention covers: each name NAME finds
        has two capitals, and one that overlaps a mention is no new person."""
        capitals, at = 0, lo
        for m in sent.mentions:  # in text order: count the capitals between them
            if m.start >= hi:
                break  # the rest start later still
            if lo < m.end:
                capitals += len(_CAPITAL.findall(self.text, at, m.start))
                at = max(at, m.end)
        return capitals + len(_CAPITAL.findall(self.text, at, hi)) >= 2

    def listed(self, head: Mention, pool: list[Mention], slot: Slot) -> list[str]:
        """The chosen mention, and with ``list`` the others of the pool coordinated with it
        ("founded by China, Kazakhstan, Kyrgyzstan, Russia ...")."""
        if not slot.list:
            return [head.actor]  # most slots take one name
        chosen = [head]
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
        if len(chosen) == 1:
            return [head.actor]  # most lists are of one name
        return list(dict.fromkeys(m.actor for m in sorted(chosen, key=lambda m: m.start)))

    def negated(self, sent: Sentence, hit: Hit) -> bool:
        window_start = max(sent.start, hit.start - self.rules.negation_window)
        window = self.text[window_start : hit.end]
        # nearly every window is ASCII: searched in lower case, as cue_search() does; cut
        # out, not searched in place, as the window's start counts as a word edge
        cue = self.rules.lower_cues.get("negation") if window.isascii() else None
        if cue is not None:
            window = self.lowered[window_start : hit.end]
        else:
            cue = self.rules.cues.get("negation")
        return bool(cue and cue.search(window))

    def list_items(self, sent: Sentence, state: ArticleState) -> None:
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
        self.pending.append(Pending(sent.event, "attributedTo", state.list_group, evidence))
        # an item naming one of the heading's communities narrows the heading to it
        named = [m.actor for m in sent.mentions if m.actor in state.list_targets]
        for target in dict.fromkeys(named or state.list_targets):
            self.pending.append(Pending(sent.event, "targeted", target, evidence))

    def list_heading(self, sent: Sentence, state: ArticleState) -> None:
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


def _in_name(mentions: list[Mention], at: int) -> bool:
    """Whether one of ``mentions`` (in text order) holds offset ``at``."""
    for m in mentions:
        if m.start > at:
            return False  # the rest start later still
        if at < m.end:
            return True
    return False


def _may_name_companion(lowered: str, start: int, end: int) -> bool:
    """Whether ``lowered[start:end]`` may hold "along with", "together with" or
    "alongside" (_ALONG_WITH, _COMPANION): two substring tests cost far less than those
    patterns, which open with a word edge and are tried at every character. Under re.I
    no character but their own capitals matches the letters of "along" and "together",
    and the lower-cased text keeps every offset."""
    return lowered.find("along", start, end) >= 0 or lowered.find("together", start, end) >= 0


def _covers(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether one of ``spans`` holds offset ``at``."""
    # checked first: most sentences hold no aside, and a generator costs more to make
    # than to run over nothing
    return bool(spans) and any(s <= at < e for s, e in spans)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> int:
    """How many characters of ``start..end`` lie in ``spans`` (asides); asked only where
    the sentence has some."""
    return sum(max(0, min(e, end) - max(s, start)) for s, e in spans)
