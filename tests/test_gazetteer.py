"""The gazetteer: loading JSONL entries, finding names in text, and looking them up."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from strategies import news_text

from kg.errors import InputError
from kg.gazetteer import Gazetteer, load_entities
from kg.model import Entity, Mention


def found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str | None, str | None]]:
    """``(surface, actor, place)`` for each name found in ``text``."""
    return [(m.text, m.actor, m.place) for m in gazetteer.find(text)]


# --- loading -------------------------------------------------------------------------------------


def test_entries_are_loaded_with_their_fields(gazetteer: Gazetteer) -> None:
    """An actor entry keeps its class, aliases, Wikidata id and branchOf; a place its kind
    and locatedIn."""
    iskp = gazetteer.entities["actor/islamic-state-khorasan"]
    assert (iskp.label, iskp.cls, iskp.wikidata) == (
        "Islamic State Khorasan Province",
        "ArmedGroup",
        "Q19881380",
    )
    assert "ISIS-K" in iskp.aliases
    assert iskp.branch_of == ("islamic-state",)
    kabul = gazetteer.entities["place/kabul"]
    assert (kabul.cls, kabul.kind, kabul.located_in) == ("Place", "city", "afghanistan")


def test_countries_come_from_pycountry(gazetteer: Gazetteer) -> None:
    """Countries missing from places.jsonl are added from pycountry, with official names as
    aliases."""
    pakistan = gazetteer.entities["place/pakistan"]
    assert (pakistan.label, pakistan.kind) == ("Pakistan", "country")
    assert "Islamic Republic of Pakistan" in pakistan.aliases
    assert gazetteer.lookup("Islamic Republic of Pakistan") == ["place/pakistan"]


def test_a_listed_place_is_not_duplicated_by_pycountry(tmp_path: Path) -> None:
    """A country already in places.jsonl keeps its own entry; pycountry adds no second one."""
    actors = tmp_path / "actors.jsonl"
    actors.write_text("", "utf-8")
    places = tmp_path / "places.jsonl"
    places.write_text('{"id": "afghanistan", "label": "Afghanistan", "kind": "country"}\n', "utf-8")
    gazetteer = Gazetteer.from_files(actors, places)
    assert gazetteer.lookup("Afghanistan") == ["place/afghanistan"]
    assert gazetteer.entities["place/afghanistan"].aliases == ()


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


GOOD_ACTOR = '{"id": "taliban", "label": "Taliban", "class": "ArmedGroup"}'


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ('{"id": "x", "label": "X"', "not JSON"),
        ('{"id": "x", "class": "ArmedGroup"}', "entry lacks 'label'"),
        ('{"id": "x", "label": "X", "class": "Militia"}', "unknown class 'Militia'"),
        ('["x"]', "a line must hold a JSON object"),
    ],
)
def test_bad_gazetteer_line_names_file_and_line(tmp_path: Path, bad: str, why: str) -> None:
    """A bad gazetteer line raises InputError naming ``file:line`` and what is wrong."""
    actors = write(tmp_path / "actors.jsonl", GOOD_ACTOR, bad)
    places = write(tmp_path / "places.jsonl", '{"id": "kabul", "label": "Kabul"}')
    with pytest.raises(InputError) as caught:
        Gazetteer.from_files(actors, places)
    assert str(caught.value).startswith(f"{actors}:2: {why}")
    assert "\n" not in str(caught.value)


def test_place_without_id_names_file_and_line(tmp_path: Path) -> None:
    """A place entry without ``id`` is reported at its line of places.jsonl."""
    places = write(tmp_path / "places.jsonl", '{"label": "Kabul"}')
    with pytest.raises(InputError, match=r"places\.jsonl:1: entry lacks 'id'"):
        load_entities(places, is_place=True)


def test_line_numbers_count_blank_lines(tmp_path: Path) -> None:
    """The line number of a bad entry is its line in the file, blank lines included."""
    actors = write(tmp_path / "actors.jsonl", GOOD_ACTOR, "", '{"id": "x", "class": "State"}')
    with pytest.raises(InputError, match=r"actors\.jsonl:3: "):
        load_entities(actors, is_place=False)


# --- finding names -------------------------------------------------------------------------------


def test_longest_match_wins(gazetteer: Gazetteer) -> None:
    """The longest name wins: "Islamic State Khorasan Province" is IS-K, not "Islamic State"."""
    text = "Islamic State Khorasan Province claimed it; Islamic State did not."
    assert found(gazetteer, text) == [
        ("Islamic State Khorasan Province", "actor/islamic-state-khorasan", None),
        ("Islamic State", "actor/islamic-state", None),
    ]


def test_hyphenated_alias_beats_its_prefix(gazetteer: Gazetteer) -> None:
    """A hyphenated alias ("IS-K") is one mention, not "IS" followed by "-K"."""
    assert found(gazetteer, "IS-K claimed it.") == [("IS-K", "actor/islamic-state-khorasan", None)]


def test_mention_offsets_point_into_the_text(gazetteer: Gazetteer) -> None:
    """A mention's span is where its surface text stands in the text."""
    text = "Police said ISIS fighters entered Kabul."
    assert gazetteer.find(text) == [
        Mention(12, 16, "ISIS", "actor/islamic-state", None),
        Mention(34, 39, "Kabul", None, "place/kabul"),
    ]


@pytest.mark.parametrize(
    "text", ["The crISIS deepened.", "The crisis deepened.", "Kabulistan", "ISISK", "ISIS_2"]
)
def test_names_match_whole_words_only(gazetteer: Gazetteer, text: str) -> None:
    """A name inside a longer word ("ISIS" in "crISIS", "Kabul" in "Kabulistan") is no mention."""
    assert found(gazetteer, text) == []


def test_punctuation_is_a_word_boundary(gazetteer: Gazetteer) -> None:
    """Names next to punctuation or hyphens ("ISIS-linked", "(IS)") are found."""
    assert [m.text for m in gazetteer.find("ISIS-linked men (IS) hit Kabul's centre.")] == [
        "ISIS",
        "IS",
        "Kabul",
    ]


def test_short_acronym_matches_only_in_capitals(gazetteer: Gazetteer) -> None:
    """The acronym "IS" matches only as "IS", never the verb "is" nor "Is"."""
    text = "Is it true? It is. IS said so."
    assert found(gazetteer, text) == [("IS", "actor/islamic-state", None)]


def test_short_names_need_their_own_case(gazetteer: Gazetteer) -> None:
    """A name of fewer than six letters matches only as written ("Kabul", not "KABUL")."""
    assert found(gazetteer, "kabul KABUL Kabul") == [("Kabul", None, "place/kabul")]


def test_lower_case_alias_matches_at_sentence_start(gazetteer: Gazetteer) -> None:
    """A lower-case community name ("civilians") also matches capitalised at a sentence
    start ("Civilians")."""
    text = "Civilians fled. Many civilians died."
    assert found(gazetteer, text) == [
        ("Civilians", "actor/civilians", None),
        ("civilians", "actor/civilians", None),
    ]


def test_lower_case_word_never_matches_a_capitalised_name(gazetteer: Gazetteer) -> None:
    """A name written with capitals is not found in a lower-case word ("taliban", "nangarhar")."""
    assert found(gazetteer, "the taliban left nangarhar") == []


def test_long_names_match_in_a_capitals_headline(gazetteer: Gazetteer) -> None:
    """A name of six letters or more matches when the whole name is in capitals."""
    assert found(gazetteer, "TALIBAN SEIZE NANGARHAR") == [
        ("TALIBAN", "actor/taliban", None),
        ("NANGARHAR", None, "place/nangarhar"),
    ]


def test_alias_shared_by_actor_and_place_gives_both_refs(gazetteer: Gazetteer) -> None:
    """A name shared by an actor and a place ("Afghanistan": the State and the country) gives
    one mention carrying both refs."""
    assert found(gazetteer, "Afghanistan protested.") == [
        ("Afghanistan", "actor/afghanistan", "place/afghanistan")
    ]


def test_find_in_a_window(gazetteer: Gazetteer) -> None:
    """``start``/``end`` restrict the search; offsets stay those of the whole text."""
    text = "ISIS struck. Taliban replied."
    start = text.index("Taliban")
    assert gazetteer.find(text, start) == [Mention(start, start + 7, "Taliban", "actor/taliban")]


def test_names_after_a_dotted_capital_i_are_found(gazetteer: Gazetteer) -> None:
    """Offsets survive characters whose lower case is longer ("İdlib" before "ISIS")."""
    text = "In İdlib, ISIS struck."
    assert found(gazetteer, text) == [("ISIS", "actor/islamic-state", None)]


@given(text=news_text)
def test_any_text_gives_ordered_mentions_of_known_names(gazetteer: Gazetteer, text: str) -> None:
    """For any text, mentions are in order, do not overlap, and each surface is the text at
    its span and a known name of the refs it carries."""
    previous_end = 0
    for mention in gazetteer.find(text):
        assert previous_end <= mention.start < mention.end <= len(text)
        previous_end = mention.end
        assert text[mention.start : mention.end] == mention.text
        refs = {mention.actor, mention.place} - {None}
        assert refs
        assert refs <= set(gazetteer.lookup(mention.text))


# --- lookup and add ------------------------------------------------------------------------------


def test_lookup_is_case_insensitive(gazetteer: Gazetteer) -> None:
    """``lookup`` finds a label or alias in any case, and returns sorted refs."""
    assert gazetteer.lookup("isis") == ["actor/islamic-state"]
    assert gazetteer.lookup("DAESH") == ["actor/islamic-state"]
    assert gazetteer.lookup("kabol") == ["place/kabul"]
    assert gazetteer.lookup("afghanistan") == ["actor/afghanistan", "place/afghanistan"]
    assert gazetteer.lookup("Hezbollah") == []


def test_names_are_label_then_aliases(gazetteer: Gazetteer) -> None:
    """``names(ref)`` is the label first, then the aliases."""
    assert gazetteer.names("actor/islamic-state") == (
        "Islamic State",
        "IS",
        "ISIS",
        "ISIL",
        "Daesh",
    )


def test_add_returns_a_new_gazetteer(gazetteer: Gazetteer) -> None:
    """``add`` gives a new gazetteer that knows the new entity; the old one is unchanged."""
    haqqani = Entity(
        id="haqqani-network", label="Haqqani Network", cls="ArmedGroup", aliases=("Haqqanis",)
    )
    bigger = gazetteer.add([haqqani])
    assert bigger is not gazetteer
    assert bigger.lookup("haqqanis") == ["actor/haqqani-network"]
    assert found(bigger, "The Haqqani Network denied it.") == [
        ("Haqqani Network", "actor/haqqani-network", None)
    ]
    assert gazetteer.lookup("Haqqani Network") == []
    assert "actor/haqqani-network" not in gazetteer.entities


def test_add_replaces_an_entry_with_the_same_ref(gazetteer: Gazetteer) -> None:
    """Adding an entity with a known ref replaces that entry (a user's list overrides)."""
    renamed = Entity(id="taliban", label="Taliban", cls="Government", aliases=("Islamic Emirate",))
    assert gazetteer.add([renamed]).entities["actor/taliban"].cls == "Government"
    assert gazetteer.entities["actor/taliban"].cls == "ArmedGroup"
