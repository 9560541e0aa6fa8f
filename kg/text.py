"""Segmenting a document's text into articles and sentences, passing over page debris.

Offsets always refer to the document's own text, so evidence can point back into it.
The debris and teaser patterns are data (``ontology/page.jsonl``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.resources import ontology_dir, read_jsonl

__all__ = [
    "Article", "PagePatterns", "by_letter_frequency", "fold_as", "folded", "lower", "page_patterns",
    "segment",
]  # fmt: skip

# A full stop after these words does not end a sentence ("Maj. Gen.", "U.S.", "No. 5").
_ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof gen maj col lt capt sgt cpl adm brig cmdr gov sen rep st no vs etc "
        "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k e.g i.e inc ltd co jr sr"
    ).split()
)
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))
# The punctuation is matched once, ahead of both branches: a pattern that opens with one
# character class lets the engine skip straight to the next full stop, where one opening
# with an alternation (or a repeat) is tried at every character, three times as slow.
_BOUNDARY = re.compile(
    r"""[.!?…](?:[.!?…]*["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])"""  # ". Next" and '." Next'
    r"""|(?<=[a-z]{2}[.!?])(?=[A-Z]))"""  # "a dozen.A bomb": a lost space after a full stop
)
_CLOSERS = "\"'”’)]"


def lower(text: str) -> str:
    """Lower case that keeps every offset: a character whose lower case is longer
    ("İ" -> "i̇") stays as it is, so spans found in the result hold in ``text``.

    >>> lower("ISTANBUL İ")
    'istanbul İ'
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def folded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern``, which ignores case, for ASCII text in lower case (``text.lower()``,
    same offsets): there it finds what ``pattern`` finds in the text. None when
    ``pattern`` heeds case.

    A pattern written in lower case is compiled again without re.I, which the engine runs
    about twice as fast; one holding capitals (an escape such as ``\\W``) is kept as it is;
    one given a form of its own by ``fold_as()`` gets that form.

    >>> bool(folded(re.compile("killed", re.I)).flags & re.I)
    False
    """
    if not pattern.flags & _IGNORECASE:
        return None
    # by the pattern's text: a compiled pattern hashes its whole program at every lookup
    key = (pattern.pattern, pattern.flags)
    lower_case = _FOLDED.get(key)
    if lower_case is None:
        lower_case = _FOLDED[key] = _fold(*key)
    return lower_case


def fold_as(pattern: re.Pattern[str], lower_case: re.Pattern[str]) -> None:
    """Make ``lower_case`` what ``folded(pattern)`` gives: a form of ``pattern`` written
    for lower-cased ASCII text, finding there what ``pattern`` finds in the text (the cue
    words, each under its first letter, which the engine skips to; see kg.rules)."""
    _FOLDED[pattern.pattern, pattern.flags] = lower_case


# an int: ``flags & re.I`` would run the enum's own Python code at every call
_IGNORECASE = int(re.IGNORECASE)
# group names ("(?P<year>") are the only capitals a lower-case pattern may hold
_GROUP_NAME = re.compile(r"\(\?P(?:<\w+>|=\w+\))")
# each pattern's form for lower-cased text, by its text and flags
_FOLDED: dict[tuple[str, int], re.Pattern[str]] = {}


def _fold(source: str, flags: int) -> re.Pattern[str]:
    letters = _GROUP_NAME.sub("", source)
    if letters.isascii() and letters == letters.lower():
        return re.compile(source, flags & ~re.I)
    return re.compile(source, flags)


# Characters of English text, the most frequent first; capitals are rarer than any
# lower-case letter. The space comes after the letters: inside a name it is rarer.
_FREQUENT = "etaoinsrhldcumfpgwybvkxjqz "
_RANK = {c: i for i, c in enumerate(_FREQUENT + _FREQUENT.upper().strip())}


def by_letter_frequency(key: str) -> list[int]:
    """A sort key that puts words of frequent letters first, letter by letter.

    An Aho-Corasick automaton (pyahocorasick) looks for a node's next letter by a linear
    search of its links, in the order the words were added; words added in this order
    put the letters of running text early in every node, and find them sooner (about 1%
    of extraction's instructions over the three automaton passes).
    """
    return [_RANK.get(c, len(_RANK)) for c in key]


@dataclass(frozen=True)
class Article:
    """One article of a document: its span and its sentences' spans."""

    start: int
    end: int
    sentences: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class PagePatterns:
    """Compiled page patterns: whole debris lines, teaser lines, debris spans inside lines."""

    debris: tuple[re.Pattern[str], ...]
    teasers: tuple[re.Pattern[str], ...]
    spans: tuple[re.Pattern[str], ...]
    bylines: tuple[re.Pattern[str], ...]


@cache
def page_patterns() -> PagePatterns:
    """Load ``ontology/page.jsonl`` once."""
    by_kind: dict[str, list[re.Pattern[str]]] = {
        "debris": [],
        "teaser": [],
        "span": [],
        "byline": [],
    }
    for entry in read_jsonl(ontology_dir() / "page.jsonl"):
        by_kind[entry["kind"]].append(re.compile(entry["regex"], re.IGNORECASE))
    return PagePatterns(
        debris=tuple(by_kind["debris"]),
        teasers=tuple(by_kind["teaser"]),
        spans=tuple(by_kind["span"]),
        bylines=tuple(by_kind["byline"]),
    )


def _last_word(text: str, start: int, stop: int) -> str:
    """The word before a sentence's closing punctuation and quotes: "Gen" of "Maj. Gen.",
    "U.S" of '"the U.S."'. String methods, not a regex: this runs at every full stop."""
    tail = text[max(start, stop - 60) : stop].rstrip().rstrip(_CLOSERS).rstrip(".!?…")
    at = len(tail)
    while at and (tail[at - 1].isalnum() or tail[at - 1] in "_."):
        at -= 1
    return tail[at:]


def _is_abbreviation(text: str, start: int, stop: int) -> bool:
    word = _last_word(text, start, stop).rstrip(".").lower()
    # a lone capital is an initial ("Kevin C. Leahy"), not the end of a sentence
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        at = match.start()
        stop = at + len(match.group(0).rstrip())
        # checked first: most sentences end in a word longer than any abbreviation, told
        # by the letters before the full stop (inside the window _last_word reads)
        before = at - _LONGEST_ABBREVIATION - 1
        long_word = cursor <= before and stop - 60 <= before and text[before:at].isalpha()
        if not long_word and _is_abbreviation(text, cursor, stop):
            continue
        spans.append((cursor, stop))  # never blank: it holds the punctuation that ends it
        cursor = match.end()
    if text[cursor:end].strip():
        spans.append((cursor, end))
    return spans


def _line_parts(text: str, start: int, end: int, patterns: PagePatterns) -> list[tuple[int, int]]:
    """The parts of one line that are content: debris spans inside it are cut out."""
    parts = [(start, end)]
    for pattern in patterns.spans:
        cut: list[tuple[int, int]] = []
        for s, e in parts:
            cursor = s
            for match in pattern.finditer(text, s, e):
                cut.append((cursor, match.start()))
                cursor = match.end()
            cut.append((cursor, e))
        parts = cut
    # the spaces on either side of a cut debris span belong to no sentence
    return [
        (s + len(part) - len(part.lstrip()), s + len(part.rstrip()))
        for s, e in parts
        if (part := text[s:e]).strip()
    ]


def segment(text: str, patterns: PagePatterns | None = None) -> list[Article]:
    """Split ``text`` into articles of sentences.

    A new article starts after a run of two or more blank lines, at a syndication
    teaser line, and at a headline followed by a byline ("Published"); debris lines
    ("Leave a Reply", language menus) belong to no sentence.

    >>> [len(a.sentences) for a in segment("A bomb hit Kabul. Six died.\\n\\n\\nNew story here.")]
    [2, 1]
    """
    patterns = patterns or page_patterns()
    articles: list[Article] = []
    current: list[tuple[int, int]] = []
    article_start = 0

    def close(at: int) -> None:
        nonlocal current, article_start
        if current:
            articles.append(Article(article_start, at, tuple(current)))
        current = []
        article_start = at

    blank_lines = 0
    headline: tuple[int, int] | None = None  # the last content line, when it was one sentence
    offset = 0
    for line in text.splitlines(keepends=True):
        line_start, line_end = offset, offset + len(line.rstrip("\r\n"))
        offset += len(line)
        stripped = text[line_start:line_end].strip()
        if not stripped:
            blank_lines += 1
            continue
        if blank_lines >= 2:
            close(line_start)
        blank_lines = 0
        if any(p.search(stripped) for p in patterns.bylines):
            # "Published" under a headline: the headline opens a new article
            if headline and current and current[-1] == headline:
                current.pop()
                close(headline[0])
                current.append(headline)
            continue
        if any(p.search(stripped) for p in patterns.debris):
            continue
        # the earliest teaser wins: one spelling of a teaser may be a pattern of its own
        teasers = [m for p in patterns.teasers if (m := p.search(text, line_start, line_end))]
        if teasers:
            teaser = min(teasers, key=lambda m: m.start())
            close(line_start)
            # the teaser repeats a sentence of its article; one the body lacks is kept
            core = text[line_start : teaser.start()].strip()
            if not core or text.count(core) > 1:
                continue
            line_end = teaser.start()
        lead = len(text[line_start:line_end]) - len(text[line_start:line_end].lstrip())
        sentences = [
            span
            for s, e in _line_parts(text, line_start + lead, line_end, patterns)
            for span in _split_sentences(text, s, e)
        ]
        current.extend(sentences)
        headline = sentences[0] if len(sentences) == 1 else None
    close(len(text))
    return articles
