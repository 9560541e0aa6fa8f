"""attributedTo: a source blames an actor for an event, without the actor's claim."""

from extraction import facts


def test_officials_blamed_the_group():
    """ "officials blamed X for the attack"."""
    text = "A suicide bombing hit a school in Kabul. Taliban officials blamed ISIS for the attack."
    assert ("SuicideBombing@kabul", "Islamic State") in facts(text, "attributedTo")


def test_linked_to():
    """ "an attack linked to X"."""
    text = "The bombing in Peshawar, linked to the TTP, killed four policemen."
    assert facts(text, "attributedTo") == {("Bombing@peshawar", "Tehreek-e-Taliban Pakistan")}


def test_carried_out_by_puts_the_actor_after_the_verb():
    """ "carried out by X": passive, the actor after the trigger."""
    text = "The suicide bombing in Kunduz was carried out by IS-K, officials said."
    assert facts(text, "attributedTo") == {
        ("SuicideBombing@kunduz", "Islamic State Khorasan Province")
    }


def test_actor_as_adjective_of_the_perpetrator():
    """ "an IS bomber blew himself up" names the perpetrator's group."""
    text = "An IS bomber blew himself up at a checkpoint in Kabul."
    assert facts(text, "attributedTo") == {("SuicideBombing@kabul", "Islamic State")}


def test_denial_is_not_attribution():
    """ "X denied involvement" gives nothing."""
    text = "The bombing in Peshawar killed four people. The TTP denied it was behind the bombing."
    assert facts(text, "attributedTo") == set()
