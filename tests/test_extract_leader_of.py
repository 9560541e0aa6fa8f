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
