"""leaderOf: leads, commands, chairs, heads of state with a title."""

from extraction import facts


def test_group_chief_before_the_name():
    """ "ISIS chief NAME"."""
    text = "The US announced the killing of ISIS chief Abu Ibrahim al-Hashimi al-Qurayshi."
    assert facts(text, "leaderOf") == {("Abu Ibrahim al-Hashimi al-Qurayshi", "Islamic State")}


def test_commander_of_after_the_name():
    """ "NAME, commander of X"."""
    text = "Major General John Smith, commander of US Central Command, met officials."
    assert facts(text, "leaderOf") == {("John Smith", "US Central Command")}


def test_head_of_state_by_demonym():
    """ "Russian President NAME" leads Russia."""
    text = "Russian President Vladimir Putin spoke on Thursday."
    assert facts(text, "leaderOf") == {("Vladimir Putin", "Russia")}


def test_led_by_puts_the_leader_after_the_verb():
    """ "X, led by NAME"."""
    text = "Boko Haram, led by Abubakar Shekau, attacked Maiduguri."
    assert ("Abubakar Shekau", "Boko Haram") in facts(text, "leaderOf")


def test_spokesman_is_not_a_leader():
    """A spokesman is a member, not a leader."""
    text = "Khalid Zadran, Kabul police spokesman, said six people were killed."
    assert facts(text, "leaderOf") == set()


def test_place_stands_for_its_government():
    """ "Balochistan Chief Minister X" leads the Balochistan government (a metonym)."""
    from extraction import gazetteer

    from kg.extraction import extract
    from kg.gazetteer import Gazetteer
    from kg.model import Document, Entity

    gaz = gazetteer().add(
        [
            Entity("balochistan", "Balochistan", "Place", kind="province"),
            Entity("balochistan-government", "Balochistan government", "Government"),
        ]
    )
    assert isinstance(gaz, Gazetteer)
    text = "Balochistan Chief Minister Mir Sarfaraz Bugti condemned the bombing."
    result = extract(Document("t", text, "t.txt"), gaz)
    pairs = {(r.subject, r.object) for r in result.relations if r.predicate == "leaderOf"}
    assert pairs == {("actor/mir-sarfaraz-bugti", "actor/balochistan-government")}


def test_single_name_next_to_a_role():
    """ "the group's emir Ziaullah": one name will do where a role introduces it."""
    text = "TTP emir Ziaullah was among the victims."
    assert facts(text, "leaderOf") == {("Ziaullah", "Tehreek-e-Taliban Pakistan")}
