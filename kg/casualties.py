"""Casualty figures in a sentence: how many dead, how many wounded, and who said so.

"killed at least six people, and injured 13 others" gives deaths 6 (a minimum) and
injuries 13. Subsets introduced by "including" are passed over, so "53 people, including
46 girls, were slain" counts 53. Vague amounts ("dozens") give nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from kg.figures import FIGURE, parse_figure
from kg.text import folded

__all__ = ["Count", "find_counts"]

_FIGURE = re.compile(rf"(?<![\w.,-]){FIGURE}(?![\w-]|,\d)", re.I)
# The same for ASCII text (nearly every sentence) in lower case, searched after a space
# put before it. A pattern opening with a look-behind enters the engine at every
# character; one opening with a class lets it skip to the next character of the class.
# So the character before the figure (not a word character, "." "," or "-", spelt out as
# ASCII) is matched, and the figure is the group.
_FIGURE_FOLDED = folded(re.compile(rf"[^a-z0-9_.,-]({FIGURE})(?![\w-]|,\d)", re.I))
# the same few figures ("two", "at least 10") come back in every article
_parse_figure = lru_cache(maxsize=4096)(parse_figure)
# "53 people, including 46 girls, were slain": a counted subset, passed over. Only a
# subset that opens with a figure: "including the blast at the airport" is no subset.
_SUBSET = re.compile(
    rf",?\s*\b(?:including|among them|among whom|of whom|mostly|most of them)\s+"
    rf"(?:{FIGURE})\b[^,;]*",
    re.I,
)
# the words every subset opens with: a sentence without one is not searched for subsets
_SUBSET_OPENERS = ("including", "among", "of whom", "mostly", "most of")
_SUBSET_WORDS = re.compile("|".join(_SUBSET_OPENERS), re.I)
# what stands between a death or injury word and its figure: "killing at least six", "the
# toll at 17", "the death toll rose to 21"
_LINK = re.compile(
    r"^\s*(?:(?:has\s+|had\s+)?(?:rose|risen|climbed|reached|stood|stands|jumped)\s+)?"
    r"(?:at least|more than|over|nearly|about|around|some|roughly|the|lives of|of|at|to)?\s*$",
    re.I,
)
_AUX = re.compile(
    r"\s*(?:were|was|have been|had been|has been|are|got|being|been|also|reportedly|later"
    r"|who were)\b",
    re.I,
)
_FIRST_WORDS = re.compile(r"\s*([\w'’-]+(?:\s+[\w'’-]+)?)")
_AFTER_GAP_WORDS = 6
_NAMED = re.compile(r"^(?:[A-Z][\w’'-]*\s+){1,3}")
_LIST_GAP = re.compile(r"\s+(?:[A-Za-z’'.-]+\s+){0,3}?[A-Za-z’'.-]+\s*(?:,|,?\s+and)\s+", re.I)


class Count(NamedTuple):
    """One figure: ``kind`` is "deaths" or "injuries"; the span is the figure's."""

    kind: str
    value: int
    minimum: bool
    start: int
    end: int


def _mask_subsets(text: str, lowered: str | None) -> str:
    """``text`` with its counted subsets blanked; ``lowered`` is its lower case if it is
    ASCII, else None."""
    if lowered is not None:
        # substring tests on the lower case: far cheaper than a search with re.I, and
        # alike on ASCII text
        for word in _SUBSET_OPENERS:
            if word in lowered:
                break
        else:
            return text
    elif not _SUBSET_WORDS.search(text):
        return text
    return _SUBSET.sub(lambda m: " " * len(m.group(0)), text)


def find_counts(
    text: str, death: re.Pattern[str], injury: re.Pattern[str], victims: re.Pattern[str]
) -> list[Count]:
    """Figures for deaths and injuries in one sentence, in text order.

    ``death``, ``injury`` and ``victims`` are the cue patterns of ``ontology/cues.jsonl``.
    """
    # nearly every sentence is ASCII: its lower case, made once, is searched without re.I
    lowered = text.lower() if text.isascii() else None
    masked = _mask_subsets(text, lowered)
    if lowered is not None and masked is not text:
        lowered = masked.lower()  # blanking keeps the text ASCII
    counts: list[Count] = []
    if lowered is None:
        figures = [m.span() for m in _FIGURE.finditer(masked)]
    else:
        figures = [(m.start(1) - 1, m.end() - 1) for m in _FIGURE_FOLDED.finditer(" " + lowered)]
    # the cue words before a figure, searched in lower case where the text allows
    before_text, death_before, injury_before = masked, death, injury
    if figures and lowered is not None:
        death_folded, injury_folded = folded(death), folded(injury)
        if death_folded and injury_folded:
            before_text = lowered
            death_before, injury_before = death_folded, injury_folded
    for index, (start, end) in enumerate(figures):
        figure = _parse_figure(masked[start:end])
        if figure is None or (1900 <= figure.value <= 2100 and not figure.minimum):
            continue
        following = figures[index + 1][0] if index + 1 < len(figures) else len(masked)
        preceding = figures[index - 1][1] if index else 0
        kind = _kind_before(before_text[preceding:start], death_before, injury_before)
        if kind is None:
            kind = _kind_after(masked[end:following], death, injury, victims)
        # "killing 28 Taliban members, 13 US troops and two British nationals": the gap
        # searched last, only after a counted figure
        if (
            kind is None
            and index
            and counts
            and counts[-1].end == preceding
            and _LIST_GAP.fullmatch(masked[preceding:start])
        ):
            kind = counts[-1].kind
        if kind is not None:
            counts.append(Count(kind, figure.value, figure.minimum, start, end))
    return counts


def _kind_before(before: str, death: re.Pattern[str], injury: re.Pattern[str]) -> str | None:
    """ "killing at least six", "the deaths of more than 45", "injured 13"."""
    for kind, cue in (("deaths", death), ("injuries", injury)):
        last = None
        for last in cue.finditer(before):  # noqa: B007 - the last cue before the figure counts
            pass
        if (
            last is not None
            and _LINK.match(before[last.end() :])
            and not before[last.end() :].count(",")
        ):
            return kind
    return None


def _kind_after(
    after: str, death: re.Pattern[str], injury: re.Pattern[str], victims: re.Pattern[str]
) -> str | None:
    """ "six people were killed", "13 others injured", "145 dead"."""
    words = after.split()
    if not words:
        return None
    head = " ".join(words[: _AFTER_GAP_WORDS + 2])
    first = _FIRST_WORDS.match(after)
    if first is None:
        return None
    # "four Taliban security forces were wounded", "Five Chinese citizens": a name or two
    # may stand before the victims
    rest = _NAMED.sub("", after.strip(), count=1)
    starts_ok = any(
        victims.match(text) or death.match(text) or injury.match(text) or _AUX.match(text)
        for text in (after.strip(), rest)
    )
    if not starts_ok:
        return None
    hits = [(m.start(), "deaths") for m in death.finditer(head)]
    hits += [(m.start(), "injuries") for m in injury.finditer(head)]
    if not hits:
        return None
    return min(hits)[1]
