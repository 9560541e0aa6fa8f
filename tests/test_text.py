"""Segmenting documents into articles and sentences, and passing over page debris."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import FRAGMENTS, news_text

from kg.rules import default_rules
from kg.text import Article, folded, segment


def sentences(text: str) -> list[str]:
    """Every sentence of ``text``, articles flattened."""
    return [text[s:e] for article in segment(text) for s, e in article.sentences]


def articles(text: str) -> list[list[str]]:
    """The sentences of ``text``, one list per article."""
    return [[text[s:e] for s, e in article.sentences] for article in segment(text)]


# --- articles ------------------------------------------------------------------------------------


def test_two_blank_lines_start_a_new_article() -> None:
    """A run of two or more blank lines ends an article."""
    text = "A bomb hit Kabul. Six died.\n\n\nPolice raided a house in Peshawar."
    assert articles(text) == [
        ["A bomb hit Kabul.", "Six died."],
        ["Police raided a house in Peshawar."],
    ]
    second = segment(text)[1]
    assert second.start == text.index("Police")
    assert second.end == len(text)


def test_one_blank_line_keeps_the_article() -> None:
    """A single blank line is a paragraph break, not a new article."""
    text = "A bomb hit Kabul.\n\nSix died.\r\n\r\nPolice said so."
    assert articles(text) == [["A bomb hit Kabul.", "Six died.", "Police said so."]]


def test_teaser_line_starts_a_new_article() -> None:
    """A syndication teaser ("… reports Asian Lite News") opens a new article; when it
    repeats a sentence of the body it is not a sentence itself."""
    teaser = "The Taliban said on Sunday they killed six… reports Asian Lite News"
    text = (
        "An earlier story about Peshawar. It ended.\n"
        f"{teaser}\n"
        "The Taliban said on Sunday they killed six."
    )
    found = segment(text)
    assert len(found) == 2
    assert found[1].start == text.index(teaser)
    assert articles(text) == [
        ["An earlier story about Peshawar.", "It ended."],
        ["The Taliban said on Sunday they killed six."],
    ]


def test_teaser_the_body_lacks_is_kept_without_its_tag() -> None:
    """A teaser whose sentence the body does not repeat is content: kept, less the tag."""
    text = "First story.\nTaliban kill IS-K fighters...reports Asian Lite News\nSecond story."
    assert articles(text) == [["First story."], ["Taliban kill IS-K fighters", "Second story."]]


def test_headline_above_published_starts_a_new_article() -> None:
    """A one-sentence line followed by a "Published …" byline is the headline of a new
    article; the byline is no sentence."""
    text = (
        "The first story ends here. It has two sentences.\n"
        "Taliban kill ten IS-K fighters in raid\n"
        "Published 3 hours ago\n"
        "The Taliban killed ten fighters. Officials confirmed it."
    )
    found = segment(text)
    assert len(found) == 2
    assert found[1].start == text.index("Taliban kill ten")
    assert articles(text)[1] == [
        "Taliban kill ten IS-K fighters in raid",
        "The Taliban killed ten fighters.",
        "Officials confirmed it.",
    ]


@pytest.mark.parametrize(
    "debris",
    [
        "Continue Reading",
        "Leave a Reply",
        "English | دری | پنبتو",
        "Share this:",
        "Read more about the attack",
        "Advertisement",
        "—",
        "12/05/2023",
    ],
)
def test_debris_lines_are_no_sentences(debris: str) -> None:
    """Page debris lines ("Continue Reading", "Leave a Reply", language menus) belong to no
    sentence and do not split the article."""
    text = f"A bomb hit Kabul.\n{debris}\nSix people died."
    assert articles(text) == [["A bomb hit Kabul.", "Six people died."]]


def test_newsletter_box_inside_a_paragraph_is_cut_out() -> None:
    """A newsletter box pasted into a paragraph ("Sign up to First Edition ... after
    newsletter promotion") is cut out, and the sentences around it stay whole, without
    the spaces beside the cut; the same words in lower case, in a sentence of the story,
    are kept."""
    box = (
        "Sign up to First Edition Our morning email breaks down the key stories of the day, "
        "telling you what's happening after newsletter promotion "
    )
    assert sentences(f"Gunmen attacked a hall. {box}The Taliban denied it.") == [
        "Gunmen attacked a hall.",
        "The Taliban denied it.",
    ]
    story = "Readers may sign up to News Our desk after newsletter promotion ends."
    assert sentences(story) == [story]


def test_blank_text_has_no_article() -> None:
    """Text with nothing but whitespace or debris holds no article."""
    assert segment("") == []
    assert segment("\n\n \t\n") == []
    assert segment("Continue Reading\nLeave a Reply\n") == []


def test_article_spans_its_sentences() -> None:
    """An Article's span covers its sentences, which refer to the document's own offsets."""
    text = "   A bomb hit Kabul.  Six died."
    [article] = segment(text)
    assert article == Article(0, len(text), ((3, 20), (22, 31)))


# --- sentences -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The U.S. military said the strike killed two.",
        "Maj. Gen. Kevin C. Leahy said the raid was over.",
        "The U.N. envoy met Dr. Ahmad in St. Petersburg.",
        "Gen. Frank McKenzie spoke at 5 p.m. on Jan. 3.",
    ],
)
def test_abbreviations_and_initials_do_not_end_a_sentence(sentence: str) -> None:
    """A full stop after an abbreviation ("U.S.", "Maj. Gen.") or an initial ("C.") is
    not a sentence end."""
    assert sentences(sentence) == [sentence]


def test_sentence_ends() -> None:
    """Full stops, question and exclamation marks, and quotes after them end a sentence."""
    text = 'He said: "We attacked." Did they? Yes! (It was late.) Then it ended.'
    assert sentences(text) == [
        'He said: "We attacked."',
        "Did they?",
        "Yes!",
        "(It was late.)",
        "Then it ended.",
    ]


def test_lost_space_after_full_stop_splits() -> None:
    """A full stop with its space lost ("a dozen.A bomb") still ends the sentence."""
    assert sentences("They killed a dozen.A bomb went off later.") == [
        "They killed a dozen.",
        "A bomb went off later.",
    ]


def test_lost_space_before_a_word_splits() -> None:
    """A full stop glued to a capitalised word ("killed.The") ends the sentence."""
    assert sentences("Six were killed.The group fled.") == ["Six were killed.", "The group fled."]


def test_sentences_do_not_cross_lines() -> None:
    """A line end closes a sentence even without a full stop (headlines, list items)."""
    assert sentences("Kabul bombing kills six\nIslamic State claims it") == [
        "Kabul bombing kills six",
        "Islamic State claims it",
    ]


# --- any text ------------------------------------------------------------------------------------


@given(text=news_text)
def test_sentence_spans_are_ordered_inside_the_text_and_not_blank(text: str) -> None:
    """For any text, every sentence span lies inside the text, spans are in order and do not
    overlap, none is blank, and each lies inside its article."""
    previous_end = 0
    for article in segment(text):
        assert 0 <= article.start <= article.end <= len(text)
        for start, end in article.sentences:
            assert previous_end <= start < end <= len(text)
            assert article.start <= start and end <= article.end
            assert text[start:end].strip()
            previous_end = end


# --- patterns for lower-cased text ------------------------------------------------------


ascii_news = st.lists(
    st.one_of(
        st.sampled_from([f for f in FRAGMENTS if f.isascii()]),
        st.sampled_from(["Killed ", "SAID", "not ", "at least 12 ", "Dozens ", "; "]),
        st.text(st.characters(max_codepoint=127, blacklist_characters="\x00"), max_size=12),
    ),
    max_size=25,
).map("".join)


@given(ascii_news)
def test_folded_patterns_find_on_lower_case_what_they_find_in_the_text(text: str) -> None:
    """A case-ignoring pattern, folded, finds in lower-cased ASCII text the spans it finds
    in the text itself: the cue words extraction searches with."""
    lowered = text.lower()
    for cue in default_rules().cues.values():
        assert [m.span() for m in folded(cue).finditer(lowered)] == [
            m.span() for m in cue.finditer(text)
        ]


def test_folded_drops_ignore_case_only_where_the_pattern_is_lower_case() -> None:
    """A lower-case pattern loses re.I (group names aside); one holding capitals or other
    than ASCII keeps it; one that heeds case has no such form."""
    assert not folded(re.compile(r"(?P<year>\d{4}) killed", re.I)).flags & re.I
    assert folded(re.compile(r"\Wkilled", re.I)).flags & re.I
    assert folded(re.compile("ſaid", re.I)).flags & re.I
    assert folded(re.compile("killed")) is None
