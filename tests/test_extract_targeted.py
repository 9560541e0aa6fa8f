"""targeted: an event (or actor) aimed at an actor."""

from extraction import facts


def test_event_targeting_an_actor():
    """ "a bombing ..., targeting X": the event is the subject."""
    text = "A suicide bombing in Kabul on Monday, targeting the Kabul police, killed six."
    assert facts(text, "targeted") == {("SuicideBombing@kabul", "Kabul police")}


def test_attack_on_a_community():
    """ "an attack on a Shiite mosque" targets the Shia community."""
    text = "IS-K carried out a suicide attack on a Shiite mosque in Kunduz."
    assert ("SuicideBombing@kunduz", "Shia Muslims") in facts(text, "targeted")


def test_actor_attacks_actor():
    """ "X attacked Y" without an event word: actor to actor."""
    text = "Boko Haram attacked Nigerian troops near Maiduguri."
    assert ("Boko Haram", "Nigerian Army") in facts(text, "targeted")


def test_passive_hunted_by():
    """ "X are being hunted by Y": Y targets X."""
    text = "Islamic State militants are being hunted by Nigerian troops."
    assert facts(text, "targeted") == {("Nigerian Army", "Islamic State")}


def test_clashes_between_go_both_ways():
    """ "clashes between X and Y" targets in both directions."""
    text = "Fierce clashes between the Taliban and IS-K were reported."
    assert facts(text, "targeted") == {
        ("Taliban", "Islamic State Khorasan Province"),
        ("Islamic State Khorasan Province", "Taliban"),
    }


def test_two_targets_in_a_list():
    """ "attacks on Shiites and Hazaras" targets both communities."""
    text = "The Islamic State carried out attacks on Shiites and Hazaras."
    targets = {o for _, o in facts(text, "targeted")}
    assert {"Shia Muslims", "Hazaras"} <= targets


def test_negated_attack_is_not_a_target():
    """ "X did not attack Y" gives nothing."""
    text = "The Taliban did not attack the Kabul police."
    assert facts(text, "targeted") == set()
