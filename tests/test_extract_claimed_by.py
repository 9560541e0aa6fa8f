"""claimedBy: an actor claimed responsibility for an event."""

from extraction import facts


def test_active_claim():
    """ "X claimed responsibility for a bombing in P" links the event to X."""
    text = "Islamic State claimed responsibility for a suicide bombing in Kabul on Tuesday."
    assert facts(text, "claimedBy") == {("SuicideBombing@kabul", "Islamic State")}


def test_alias_resolves_to_the_canonical_actor():
    """Any alias of the gazetteer ("ISIL") resolves to the same node."""
    text = "ISIL claimed responsibility for a suicide bombing in Kabul."
    assert facts(text, "claimedBy") == {("SuicideBombing@kabul", "Islamic State")}


def test_passive_claim_puts_the_actor_after_the_verb():
    """ "an attack claimed by X": the claimant follows the trigger."""
    text = "Gunmen killed 12 people in Maiduguri in an attack claimed by Boko Haram."
    assert ("Shooting@maiduguri", "Boko Haram") in facts(text, "claimedBy") or (
        "Attack@maiduguri", "Boko Haram") in facts(text, "claimedBy")  # fmt: skip


def test_denial_is_not_a_claim():
    """ "X denied responsibility" never becomes claimedBy."""
    text = "The Taliban denied that they claimed the bombing in Kabul."
    assert facts(text, "claimedBy") == set()


def test_negated_claim_is_not_a_claim():
    """ "No group has claimed responsibility" gives no claim."""
    text = "A bombing in Peshawar killed five people. No group has claimed responsibility."
    assert facts(text, "claimedBy") == set()


def test_claim_through_a_media_arm_goes_to_its_group():
    """A claim published by Amaq (a branch of IS) is the Islamic State's claim."""
    text = "Amaq claimed the suicide bombing in Kabul, saying a fighter detonated his vest."
    assert facts(text, "claimedBy") == {("SuicideBombing@kabul", "Islamic State")}


def test_the_group_refers_to_the_group_last_named():
    """ "The group claimed ..." is tied to the armed group the article named before."""
    text = (
        "Al-Shabaab fighters stormed a hotel in Mogadishu on Friday.\n"
        "The group later claimed responsibility for the attack."
    )
    claims = facts(text, "claimedBy")
    assert {obj for _, obj in claims} == {"al-Shabaab"}


def test_two_groups_in_one_sentence_the_claimant_is_the_subject():
    """The claimant is the actor before the trigger, not the target after it."""
    text = "IS-K claimed a suicide attack on a Taliban checkpoint in Kunduz."
    assert facts(text, "claimedBy") == {
        ("SuicideBombing@kunduz", "Islamic State Khorasan Province")
    }


def test_relative_clause_does_not_steal_the_claim():
    """ "X, which often attacks Y, claimed ...": the claim is X's."""
    text = (
        "Islamic State Khorasan (IS-K), which often carries out attacks on Pakistani "
        "forces, claimed the bombing in Peshawar."
    )
    assert {o for _, o in facts(text, "claimedBy")} == {"Islamic State Khorasan Province"}


def test_event_place_is_the_town_not_the_venue():
    """An attack at a venue is placed in its town, as news and event datasets place them."""
    from extraction import gazetteer

    from kg.extraction import extract
    from kg.model import Document, Entity

    gaz = gazetteer().add(
        [Entity("shah-do-shamshira", "Shah-Do Shamshira Mosque", "Place", kind="venue",
                located_in="kabul")]
    )  # fmt: skip
    text = "Islamic State claimed a suicide bombing at the Shah-Do Shamshira Mosque."
    result = extract(Document("t", text, "t.txt"), gaz)
    assert [e.place for e in result.events.values()] == ["kabul"]


def test_pronoun_right_before_a_claim_is_the_articles_group():
    """ "It also claimed the attack ...": the group the article is about."""
    text = (
        "Islamic State fighters stormed a prison in Kabul.\n"
        "It also claimed the suicide bombing in Kunduz."
    )
    assert ("SuicideBombing@kunduz", "Islamic State") in facts(text, "claimedBy")


def test_a_groups_chapter_is_the_branch_the_article_named():
    """ "ISIL's chapter in Asia claimed ..." is IS-K when the article named IS-K as ISIL's
    branch before."""
    text = (
        "ISIS-K remains active in Afghanistan.\n"
        "ISIL's chapter spanning Afghanistan and Pakistan claimed the bombing in Kabul."
    )
    assert facts(text, "claimedBy") == {("Bombing@kabul", "Islamic State Khorasan Province")}


def test_a_year_as_adjective_dates_the_event():
    """ "a 2022 attack on a shrine in Kabul" is dated 2022."""
    text = "ISIS claimed responsibility for a 2022 attack on a Shiite shrine in Kabul."
    assert facts(text, "claimedBy") == {("Attack@kabul/2022", "Islamic State")}


def test_dateline_is_not_the_place_of_the_attack():
    """ "Peshawar: The group claimed a bombing in Kunduz": the dateline is where the report
    was filed; the attack is placed where the text says it happened."""
    text = "Peshawar: Islamic State claimed a bombing that killed six in Kunduz."
    assert facts(text, "claimedBy") == {("Bombing@kunduz", "Islamic State")}


def test_anaphors_never_become_names():
    """ "It", "the group" and "This ... bloc" refer to an actor but are none of its names."""
    from extraction import run

    text = (
        "Islamic State fighters stormed a prison in Kabul.\n"
        "It also claimed the suicide bombing in Kunduz. The group said so."
    )
    aliases = run(text).aliases_seen.get("actor/islamic-state", set())
    assert not {a.lower() for a in aliases} & {"it", "the group"}


def test_a_headline_claim_of_a_siege():
    """ "al-Shabaab claims deadly Mogadishu hotel siege": a siege is an armed assault."""
    text = "Al-Shabaab claims deadly Mogadishu hotel siege\n\nGunmen stormed a hotel in Mogadishu."
    assert facts(text, "claimedBy") == {("ArmedAssault@mogadishu", "al-Shabaab")}


def test_an_apposition_naming_the_parent_does_not_take_the_claim():
    """ "TTP, the Pakistani affiliate of the Taliban, claimed": the claimant is the TTP."""
    text = (
        "Tehreek-e-Taliban Pakistan, the Pakistani affiliate of the Taliban, claimed the "
        "bombing in Peshawar."
    )
    assert facts(text, "claimedBy") == {("Bombing@peshawar", "Tehreek-e-Taliban Pakistan")}


def test_a_speech_verb_inside_a_relative_clause_does_not_end_the_claim():
    """ "TTP, which officials say is a proxy of the Taliban, claimed": the "say" belongs to
    the relative clause, and the claimant is the name before it."""
    text = (
        "Tehreek-e-Taliban Pakistan, which officials say is a proxy of the Afghan Taliban, "
        "claimed the bombing in Peshawar."
    )
    assert facts(text, "claimedBy") == {("Bombing@peshawar", "Tehreek-e-Taliban Pakistan")}


def test_attacks_that_claimed_lives_are_no_claim():
    """ "attacks in Kabul that have claimed dozens of lives": a toll, not a claim."""
    text = (
        "A bombing in Kabul killed 20 people. Since the Taliban seized power, attacks in "
        "Kabul have claimed dozens of lives."
    )
    assert facts(text, "claimedBy") == set()


def test_a_wire_datelines_city_is_not_the_place_of_the_attack():
    """ "PESHAWAR, Pakistan, July 13 (Reuters) - A suicide bomber ... in northwestern
    Pakistan": the dateline says where the story was filed, not where the attack was."""
    text = (
        "PESHAWAR, Pakistan, July 13 (Reuters) - A suicide bomber blew himself up at a rally "
        "in northwestern Pakistan on Friday. The Islamic State claimed the attack."
    )
    assert facts(text, "claimedBy") == {("SuicideBombing@pakistan", "Islamic State")}


def test_a_group_saying_it_carried_out_the_attack_claims_it():
    """ "al-Shabaab said it carried out the attack": the group's own word is a claim."""
    text = "A car bomb exploded in Mogadishu. Al-Shabaab said it carried out the attack."
    assert facts(text, "claimedBy") == {("Bombing@mogadishu", "al-Shabaab")}


def test_overran_is_an_assault_by_its_fighters():
    """ "al-Shabaab fighters overran a military base in Mogadishu": an armed assault."""
    text = "Al-Shabaab fighters overran a military base in Mogadishu on Friday."
    assert facts(text, "attributedTo") == {("ArmedAssault@mogadishu", "al-Shabaab")}


def test_an_arrest_after_the_claim_is_its_own_event_and_no_claim():
    """ "IS-K claimed the attack, and police arrested four men from Pakistan": the claim
    is the article's attack's; the arrest is an event of its own, claimed by no one."""
    text = (
        "Gunmen stormed a concert hall in Kabul on Friday. Islamic State Khorasan Province "
        "claimed the attack, and Kabul police arrested four men from Pakistan."
    )
    assert facts(text, "claimedBy") == {("ArmedAssault@kabul", "Islamic State Khorasan Province")}
