"""alliedWith: cooperation or alliance, either direction."""

from extraction import facts


def _pairs(text: str) -> set[frozenset[str]]:
    return {frozenset(p) for p in facts(text, "alliedWith")}


def test_called_an_ally():
    """ "X is an ally of Y"."""
    text = "Russia now sees the Taliban as an ally in fighting terrorism."
    assert frozenset({"Russia", "Taliban"}) in _pairs(text)


def test_aligned_adjective():
    """ "Tehran-aligned Houthis": the Houthis are allied with Iran."""
    text = "Attacks by Yemen's Tehran-aligned Houthis continued."
    assert _pairs(text) == {frozenset({"Iran", "Houthis"})}


def test_cooperation_with():
    """ "X agreed on security cooperation with Y"."""
    text = "Pakistan agreed on security cooperation with the United States."
    assert frozenset({"Pakistan", "United States"}) in _pairs(text)


def test_negated_alliance():
    """ "X is not an ally of Y" gives nothing."""
    text = "Pakistan is not an ally of the Taliban, the minister said."
    assert _pairs(text) == set()


def test_hyphenated_pair_before_a_partnership():
    """ "the US-Pakistan counterterrorism partnership" allies the two."""
    text = "Officials praised the US-Pakistan counterterrorism partnership."
    assert _pairs(text) == {frozenset({"United States", "Pakistan"})}


def test_close_ally_apposition():
    """ "Japan, a close US ally" allies Japan with the US."""
    from extraction import gazetteer

    from kg.extraction import extract
    from kg.model import Document, Entity

    gaz = gazetteer().add([Entity("japan", "Japan", "State")])
    result = extract(Document("t", "Japan, a close US ally in Asia, voted.", "t.txt"), gaz)
    pairs = {frozenset((r.subject, r.object)) for r in result.relations}
    assert pairs == {frozenset({"actor/japan", "actor/united-states"})}


def test_capital_stands_for_its_state():
    """ "Tehran-backed" is Iran-backed when Tehran is known as Iran's capital."""
    from extraction import gazetteer

    from kg.extraction import extract
    from kg.model import Document, Entity

    gaz = gazetteer().add([Entity("tehran", "Tehran", "Place", kind="city", capital_of="iran")])
    text = "The Tehran-backed Houthis fired missiles."
    result = extract(Document("t", text, "t.txt"), gaz)
    pairs = {
        frozenset((r.subject, r.object)) for r in result.relations if r.predicate == "alliedWith"
    }
    assert pairs == {frozenset({"actor/iran", "actor/houthis"})}


def test_agreements_between():
    """ "cooperation documents between X and Y"."""
    text = "They signed cooperation documents between Russia and the United States."
    assert _pairs(text) == {frozenset({"Russia", "United States"})}


def test_along_with_joins_the_sentence_subject_to_the_list():
    """ "X has joined Y, along with A and B": X is allied with A and B, and all are members."""
    text = "Pakistan has joined the Taliban's new council, along with Russia and Iran."
    assert {frozenset({"Pakistan", "Russia"}), frozenset({"Pakistan", "Iran"})} <= _pairs(text)


def test_head_of_state_acts_for_the_state():
    """ "Russian President X formed an alliance with Y": Russia is allied with Y."""
    text = (
        "Russian President Vladimir Putin spoke on Monday. "
        "Putin formed an alliance with Iran against ISIS."
    )
    from extraction import gazetteer

    from kg.extraction import extract
    from kg.model import Document

    result = extract(Document("t", text, "t.txt"), gazetteer())
    pairs = {
        frozenset((r.subject, r.object)) for r in result.relations if r.predicate == "alliedWith"
    }
    assert frozenset({"actor/russia", "actor/iran"}) in pairs


def test_backed_adjective_is_an_alliance_and_not_a_perpetrator():
    """ "Iran-backed Houthis attacked": Iran is allied with the Houthis, who attacked."""
    text = "Iran-backed Houthis attacked a ship near Mogadishu."
    assert _pairs(text) == {frozenset({"Iran", "Houthis"})}
    assert facts(text, "attributedTo") == {("ArmedAssault@mogadishu", "Houthis")}


def test_possessive_ally_in_apposition():
    """ "Hezbollah, Iran's ally in Lebanon": the possessor and the apposition's head."""
    text = "Hezbollah, Iran's ally in Lebanon, condemned the strikes."
    assert _pairs(text) == {frozenset({"Iran", "Hezbollah"})}
