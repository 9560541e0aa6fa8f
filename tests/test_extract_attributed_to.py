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


def test_a_group_named_as_a_modifier_is_not_the_perpetrator():
    """ "The al-Qaeda-linked group ... its fighters": al-Qaeda only describes the group the
    passage is about, which carried out the attack."""
    text = (
        "Al-Shabaab militants stormed a hotel in Mogadishu on Friday. The al-Qaeda-linked "
        "group said its fighters had carried out the attack."
    )
    assert facts(text, "attributedTo") == {("ArmedAssault@mogadishu", "al-Shabaab")}


def test_similar_attacks_in_general_are_not_the_event():
    """ "has carried out similar raids": attacks in general, not the sentence's attack."""
    text = (
        "Gunmen attacked a village in Borno on Saturday. No group has claimed the attack, "
        "but Boko Haram has carried out similar raids in the region."
    )
    assert facts(text, "attributedTo") == set()


def test_a_dateline_names_no_perpetrator():
    """ "PESHAWAR, Pakistan (AP) — Militants attacked": Pakistan is where the story was
    filed, not who attacked."""
    text = "PESHAWAR, Pakistan (AP) — Militants attacked a police station in Peshawar on Monday."
    assert facts(text, "attributedTo") == set()


def test_two_states_launching_air_strikes_are_both_responsible():
    """ "the United States and Russia launched air strikes on Islamic State targets": plural
    air strikes are the sentence's event, and both states launched them."""
    text = "The United States and Russia launched air strikes on Islamic State targets in Syria."
    assert facts(text, "attributedTo") == {
        ("Airstrike@syria", "United States"),
        ("Airstrike@syria", "Russia"),
    }
    assert facts(text, "targeted") == {("Airstrike@syria", "Islamic State")}


def test_the_target_of_a_passive_verb_is_not_its_agent():
    """ "The Pakistan embassy was also attacked by IS fighters": Pakistan was attacked."""
    text = "Gunmen stormed a hotel in Kabul. The Pakistan embassy was also attacked by IS fighters."
    assert ("ArmedAssault@kabul", "Pakistan") not in facts(text, "attributedTo")


def test_an_indefinite_object_is_not_the_articles_event():
    """ "the Taliban launched a campaign against IS": the campaign is new, not the bombing
    the article told of."""
    text = "A bombing in Kabul killed 20 people. The Taliban launched a campaign against IS."
    assert facts(text, "attributedTo") == set()


def test_a_relative_clause_describing_a_group_attributes_no_event():
    """ "The group, which is linked to al-Qaeda, controls ...": the clause describes the
    group; the article's bombing is not linked to al-Qaeda by it."""
    text = (
        "A car bomb exploded in Mogadishu. Al-Shabaab said it carried out the attack. "
        "The group, which is linked to al-Qaeda, controls rural areas."
    )
    assert ("Bombing@mogadishu", "al-Qaeda") not in facts(text, "attributedTo")


def test_counted_victims_are_not_the_perpetrators():
    """ "two soldiers of the Nigerian Army were killed when a roadside bomb struck their
    vehicle": the counted victims did not strike."""
    text = "Two Nigerian troops were killed when a roadside bomb struck their vehicle in Borno."
    assert facts(text, "attributedTo") == set()
