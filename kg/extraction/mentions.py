"""Mentions beyond the gazetteer's names: persons introduced by a role ("X, Kabul police
spokesman"), surnames of persons named before, names a spaCy pipeline finds, anaphors
("the group", "he") and branch descriptors ("ISIL's chapter")."""

from __future__ import annotations

import re
from bisect import bisect_left, insort

from kg.extraction.context import Context
from kg.extraction.records import ArticleState, Pending, Sentence
from kg.ids import slug
from kg.model import Entity, Mention
from kg.ner import ENTITY_CLASSES, sentence_entities
from kg.rules import Hit, Role

# A person's name as news writes it: two to six capitalised words, with particles. The
# lookahead lets the engine pass over most characters with one test.
NAME = re.compile(
    r"(?=[A-Zabdeiu])(?:(?:[A-Z][a-z’'-]+|[A-Z]\.|(?:al|el|bin|ibn|abu|ul|ud|e|de)-?[A-Z][a-z’'-]+)\s+"
    r"(?:(?:al|el|bin|ibn|abu|ul|ud|e|de|van|von)(?:-|\s+))?){1,5}"
    r"(?:[A-Z][a-z’'-]+|(?:al|el)-[A-Z][a-z’'-]+)"
)
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
_NAME_INTRO = re.compile(r"[\s,]*(?:(?:named|called|identified as|known as)\s+)?")
# three, two or one words, the longest first, to look up among the titles: "Lt Gen ", "Ayatollah "
_TITLE_WORDS = tuple(re.compile(rf"(?:[A-Za-z.]+\s+){{{size}}}") for size in (3, 2, 1))
# In a role's slot a single name will do: "emir Ziaullah", "Sharifullah, the IS-K official".
_SINGLE_NAME = re.compile(r"[A-Z][a-z’'-]{3,}(?:\s+(?:[A-Z][a-z’'-]+|al-[A-Z][a-z’'-]+))*")
_CAPITALISED = re.compile(r"\b(?:al-|Al-)?[A-Z][\w’'-]+")
_ARTICLE = re.compile(r"^(?:al|el|ul|ud|ad|ar|as|ash|at|az)-")  # "al-Arouri", "ash-Shami"
_IN_WORD = re.compile(r"[\w’'-]")  # a character that continues a capitalised word
# A role word before these nouns is an adjective: "a terrorist movement", "member states"
_ROLE_AS_ADJECTIVE = frozenset(
    "movement movements group groups organisation organization outfit network networks cell "
    "cells attack attacks activity activities threat threats camp camps states state countries "
    "nations organisations organizations".split()
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
_BRANCH_NOUNS = ("chapter", "affiliate", "branch", "wing", "province", "franchise", "offshoot")
_BRANCH_WORD = re.compile(
    r"(?:['’]s?)?\s+(?:regional\s+|local\s+|afghan\s+|south\s+asian\s+)?"
    rf"(?:{'|'.join(_BRANCH_NOUNS)})\b",
    re.I,
)


class Mentions(Context):
    """Finding the mentions a sentence makes beyond the gazetteer's names."""

    def roles(self, sent: Sentence) -> None:
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
                if relation == "leaderOf" and not self.rules.demote.isdisjoint(before.split()):
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
                self.pending.append(Pending(ref, relation, actor, evidence))
                if role.id == "role-head-of-government" and relation == "leaderOf":
                    self.heads[ref] = actor
                del evidence

    def surname_mentions(self, sent: Sentence) -> None:
        """A person named in full earlier is later named by surname: "Putin", "al-Sudani"."""
        spots = self.surname_spots
        # one sorted list for every surname: a sentence reads only its own stretch of it
        lo = bisect_left(spots, (sent.start,))
        hi = bisect_left(spots, (sent.end,), lo)
        if lo == hi:
            return
        taken = [(m.start, m.end) for m in sent.mentions]
        for start, end, ref in spots[lo:hi]:
            if end > sent.end or any(s < end and start < e for s, e in taken):
                continue
            before = self.text[max(sent.start, start - 30) : start].split()
            if before and before[-1][:1].isupper():
                continue  # "Bilal Khan" is not Mujahid Khan: a surname stands alone
            sent.mentions.append(Mention(start, end, self.text[start:end], ref, None))
        sent.mentions.sort(key=lambda m: m.start)

    def surname_spans(self, key: str) -> list[tuple[int, int]]:
        """Where the document writes ``key`` (lower case) as a capitalised word of its own."""
        spans = []
        at = self.lowered.find(key)
        while at >= 0:
            glued = at > 0 and _IN_WORD.match(self.text, at - 1)
            word = None if glued else _CAPITALISED.match(self.text, at)
            if word and word.group(0).lower() == key:
                spans.append(word.span())
            at = self.lowered.find(key, at + 1)
        return spans

    def ner_mentions(self, sent: Sentence) -> None:
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
        """Remember a person's surname, and an Arabic surname without its article too:
        "Saleh al-Arouri" is later "al-Arouri" or "Arouri"."""
        words = name.split()
        if len(words) < 2:
            return
        last = words[-1].lower()
        for key in (last, _ARTICLE.sub("", last)):
            if len(key) >= 4 and key not in self.rules.not_name and key not in self.surnames:
                self.surnames[key] = ref
                # found once, when the person is first named: every later sentence then
                # looks up its few surnames rather than reading each of its words
                for start, end in self.surname_spans(key):
                    insort(self.surname_spots, (start, end, ref))

    def person_from(
        self, match: re.Match[str], role: str | None, sent: Sentence, min_words: int = 2
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

    def role_pairs(self, sent: Sentence, hit: Hit) -> list[tuple[str | re.Match[str], str]]:
        """(person, actor) pairs around one role word, in the four forms news uses."""
        text = self.text
        # the actors a role may belong to, with a place standing for its government
        # ("Balochistan Chief Minister" -> Balochistan government), and the persons it may
        # name: one pass over the mentions, each entity looked up in place (cls() written
        # out)
        known, discovered = self._known, self.discovered
        actors: list[Mention] = []
        people: list[Mention] = []
        for m in sent.mentions:
            if m.actor:
                entity = discovered.get(m.actor) or known.get(m.actor)
                cls = entity.cls if entity else None
                if cls == "Person":
                    people.append(m)
                elif cls is not None and cls != "Community":
                    actors.append(m)
            elif (
                m.place
                and (ref := self.metonym(m.place))
                and self.cls(ref) not in (None, "Person", "Community")
            ):
                actors.append(Mention(m.start, m.end, m.text, ref, m.place))
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
            lead = _NAME_INTRO.match(text, after, sent.end).end()  # type: ignore[union-attr]
            skipped = self.skip_titles(lead, sent.end)
            for regex in (NAME, _SINGLE_NAME):
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
            for regex in (NAME, _SINGLE_NAME):
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
            for pattern in _TITLE_WORDS:
                words = pattern.match(self.text, at, end)
                if words and " ".join(words.group(0).lower().replace(".", "").split()) in (
                    self.rules.titles
                ):
                    at = words.end()
                    break
            else:
                return at

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
        words = gap.strip(" ,").split()
        rest = [w for w in words if w.lower().rstrip(".") not in self.rules.titles]
        return "" if not rest else gap

    def anaphors(self, sent: Sentence, state: ArticleState) -> None:
        """ "the group", "its": the armed group the article last named; "he": its last person;
        "it" or "they" right before a claim; "ISIL's chapter" for the branch it means."""
        # most sentences hold no anaphor word: no comprehension for them
        found = [(h.start, h.end, h.payload) for h in sent.anaphors] if sent.anaphors else []
        # each regex only where its words can be: few sentences name a bloc, and a
        # pronoun subject matters only before a trigger
        if "bloc" in sent.text or "alliance" in sent.text or "coalition" in sent.text:
            for match in _BLOC_ANAPHOR.finditer(sent.text):
                found.append((sent.start + match.start(), sent.start + match.end(), "Organization"))
        if sent.patterns:
            for match in self.pronoun_subjects(sent):
                at = sent.start + match.end()
                if any(p.start == at for p in sent.patterns):
                    found.append(
                        (sent.start + match.start(1), sent.start + match.end(1), "ArmedGroup")
                    )
        if found:
            self.resolve_anaphors(sent, state, found)
        self.branch_descriptors(sent, state)

    def pronoun_subjects(self, sent: Sentence) -> list[re.Match[str]]:
        """What ``_PRONOUN_SUBJECT.finditer(sent.text)`` finds before the last trigger (the
        sentence has one), in text order: a pronoun subject matters only before a trigger.

        A pattern opening with a word-edge test is tried at every character, so the
        pronouns are found with ``str.find`` in the lower-case copy (same offsets) and the
        pattern is tried only there. Its matches cannot overlap (no word after a pronoun
        is a pronoun), so each pronoun can be tried alone.
        """
        text, lowered = sent.text, self.lowered[sent.start : sent.patterns[-1].start]
        starts = []
        for pronoun in ("it", "they"):
            at = lowered.find(pronoun)
            while at >= 0:
                # most are inside a word ("with", "militants"), where no match starts
                if not (at and text[at - 1].isalnum()):
                    starts.append(at)
                at = lowered.find(pronoun, at + 1)
        if not starts:
            return []  # most sentences: no pronoun stands before the last trigger
        matches = (_PRONOUN_SUBJECT.match(text, at) for at in sorted(starts))
        return [match for match in matches if match]

    def resolve_anaphors(
        self, sent: Sentence, state: ArticleState, found: list[tuple[int, int, str]]
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
                if m.end <= start and m.actor and not m.modifier and self.cls(m.actor) == cls
            ]
            if earlier and not self.text[start:end].lower().startswith("the "):
                target = earlier[-1]
            if target is None or any(s < end and start < e for s, e in taken):
                continue
            sent.mentions.append(
                Mention(start, end, self.text[start:end], target, None, anaphor=True)
            )
        sent.mentions.sort(key=lambda m: m.start)

    def branch_descriptors(self, sent: Sentence, state: ArticleState) -> None:
        """ "ISIL's chapter spanning Afghanistan ... claimed": the branch of ISIL the article
        has named, when this sentence does not name it itself."""
        # checked first: few sentences hold a branch noun, and finding the owners asks the
        # class of every mention. An ASCII sentence without one in lower case (same
        # matches as re.I there) holds no descriptor.
        if sent.text.isascii():
            lowered = self.lowered[sent.start : sent.end]
            for noun in _BRANCH_NOUNS:
                if noun in lowered:
                    break
            else:
                return
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


def _span_start(person: str | re.Match[str]) -> int:
    return person.start() if isinstance(person, re.Match) else 10**9
