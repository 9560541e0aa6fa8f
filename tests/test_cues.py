"""Cue words searched in lower case: the same matches as the case-ignoring cues, faster."""

from __future__ import annotations

import re
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from kg.extraction.relations import Relations
from kg.rules import _cue_regexes, default_rules
from kg.text import folded, lower

RULES = default_rules()

# Cue words in any case, glued or not to letters, hyphens and the characters re.I matches
# to ASCII letters ("ſ" to "s", the Kelvin sign to "k", "İ" and "ı" to "i").
_PIECES = st.one_of(
    st.sampled_from(["Said", "SAYS", "told", "not", "No longer", "didn't", "DENIED", "neither"]),
    st.sampled_from(["according to", "reported", "killed", "Dead", "wounded", "men", "u.s."]),
    st.sampled_from(["attacks", "similar", "in", "at", "; ", "-", "_", "x", " ", ", "]),
    st.sampled_from(["ſaid", "\u212aill", "İn", "ın", "é", "ß"]),
    st.text(st.characters(max_codepoint=127, blacklist_characters="\x00"), max_size=6),
)
text_pieces = st.lists(_PIECES, max_size=20).map("".join)
ascii_pieces = st.lists(_PIECES, max_size=20).map("".join).filter(str.isascii)


def spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@given(ascii_pieces, st.data())
def test_lower_cues_find_in_lower_case_what_cues_find_in_ascii_text(text: str, data) -> None:
    """Over any part of an ASCII text, a cue's lower-case form finds in the lower-cased text
    the spans the case-ignoring cue finds in the text."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert RULES.lower_cues.keys() >= {"negation", "barrier", "death", "speech"}
    for kind, lower_case in RULES.lower_cues.items():
        assert not lower_case.flags & re.IGNORECASE  # the ontology's words are ASCII
        assert spans(lower_case.finditer(text.lower(), start, end)) == spans(
            RULES.cues[kind].finditer(text, start, end)
        )


@given(ascii_pieces)
def test_grouped_words_match_as_one_alternation(text: str) -> None:
    """Words grouped under their first letter, short ones, punctuated ones and capitals
    among them, find what the one case-ignoring alternation finds."""
    words = ["no longer", "not", "no", "Said", "u.s.", ";", "-led", "a", "9/11", "at"]
    any_case, lower_case = _cue_regexes(sorted(words, key=len, reverse=True))
    assert spans(lower_case.finditer(text.lower())) == spans(any_case.finditer(text))


def test_folded_cues_are_their_lower_case_forms() -> None:
    """Folding a cue (as casualty figures do) gives its form for lower-cased text."""
    for kind, lower_case in RULES.lower_cues.items():
        assert folded(RULES.cues[kind]) is lower_case


def test_words_beyond_ascii_keep_ignoring_case() -> None:
    """A word that re.I matches to other letters has no lower-case form of its own."""
    any_case, lower_case = _cue_regexes(["ſaid", "told"])
    assert lower_case is any_case
    assert lower_case.search("said")


def relations(text: str) -> SimpleNamespace:
    """What Relations' cue searches read of the document."""
    return SimpleNamespace(text=text, lowered=lower(text), rules=RULES)


@given(text_pieces, st.data())
def test_cue_search_finds_what_the_cue_finds_in_any_text(text: str, data) -> None:
    """Relations.cue_search takes the lower-case route only where it finds the same."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    found = Relations.cue_search(relations(text), "barrier", start, end)
    expected = RULES.cues["barrier"].search(text, start, end)
    assert (found and found.span()) == (expected and expected.span())


@given(text_pieces, st.data())
def test_negation_is_found_as_in_the_window_itself(text: str, data) -> None:
    """Relations.negated finds a negation cue where the cue finds one in the window cut out
    of the text, whatever its characters."""
    start = data.draw(st.integers(0, len(text)))
    at = data.draw(st.integers(start, len(text)))
    hit = SimpleNamespace(start=at, end=data.draw(st.integers(at, len(text))))
    sent = SimpleNamespace(start=start)
    window = text[max(start, hit.start - RULES.negation_window) : hit.end]
    expected = RULES.cues["negation"].search(window) is not None
    assert Relations.negated(relations(text), sent, hit) == expected
