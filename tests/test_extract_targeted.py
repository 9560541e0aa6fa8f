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


def test_actor_fights_actor():
    """ "X is fighting Y" names no event: actor to actor."""
    text = "Boko Haram is fighting Nigerian troops in Borno State."
    assert ("Boko Haram", "Nigerian Army") in facts(text, "targeted")


def test_attack_verb_makes_an_event_with_its_agent():
    """ "X attacked Y near P" is an attack on Y, attributed to X."""
    text = "Boko Haram attacked Nigerian troops near Maiduguri."
    assert facts(text, "targeted") == {("ArmedAssault@maiduguri", "Nigerian Army")}
    assert facts(text, "attributedTo") == {("ArmedAssault@maiduguri", "Boko Haram")}


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


def test_place_of_worship_names_the_community():
    """ "a bombing at a Shiite mosque" targets the Shia community."""
    text = "A suicide bombing at a Shiite mosque in Kunduz killed 40 worshippers."
    assert ("SuicideBombing@kunduz", "Shia Muslims") in facts(text, "targeted")


def test_list_under_a_heading_inherits_perpetrator_and_targets():
    """Items of "a list of X attacks against Hazaras and Shiites:" are attributed to X and
    aimed at the heading's communities; an item naming one of them narrows it to that one."""
    text = (
        "Below is a list of major IS-K attacks against Hazaras and Shiites:\n\n"
        "    • On 8th October 2021, a bomb exploded in Kunduz, killing 10 people.\n"
        "    • On 15th October 2021, a Shiite mosque in Kabul was hit by a blast.\n"
    )
    assert facts(text, "attributedTo") == {
        ("Bombing@kunduz/2021-10-08", "Islamic State Khorasan Province"),
        ("Bombing@kabul/2021-10-15", "Islamic State Khorasan Province"),
    }
    targeted = facts(text, "targeted")
    assert targeted >= {
        ("Bombing@kunduz/2021-10-08", "Hazaras"),
        ("Bombing@kunduz/2021-10-08", "Shia Muslims"),
        ("Bombing@kabul/2021-10-15", "Shia Muslims"),
    }
    assert ("Bombing@kabul/2021-10-15", "Hazaras") not in targeted


def test_a_list_ends_at_the_next_paragraph():
    """A bulleted item after an ordinary paragraph inherits nothing."""
    text = (
        "A list of major IS-K attacks against Hazaras:\n\n"
        "The group has grown stronger since 2021.\n\n"
        "    • On 8th October 2021, a bomb exploded in Kunduz.\n"
    )
    assert facts(text, "attributedTo") == set()


def test_the_group_is_the_group_the_passage_is_about():
    """ "the group" in a passage about IS is IS, though the Taliban is named in between."""
    text = (
        "The Islamic State carried out 119 attacks in 2021.\n"
        "The Islamic State has grown since the Taliban took power.\n"
        "Of those, 96 targeted Taliban officials, while earlier the group primarily "
        "targeted civilians."
    )
    assert ("Islamic State", "civilians") in facts(text, "targeted")


def test_missiles_fired_into_a_state_target_it():
    """ "missiles fired from A into B" aims at the state B; a bombing 'in' B does not."""
    from extraction import gazetteer

    from kg.extraction import extract
    from kg.model import Document, Entity

    gaz = gazetteer().add(
        [Entity("tajikistan", "Tajikistan", "State"),
         Entity("tajikistan", "Tajikistan", "Place", kind="country")]
    )  # fmt: skip
    text = "On May 7, 2022, four missiles were fired from Afghanistan into Tajikistan."
    result = extract(Document("t", text, "t.txt"), gaz)
    assert {(r.predicate, r.object) for r in result.relations} == {("targeted", "actor/tajikistan")}
    other = extract(Document("t", "A bombing hit a market in Tajikistan.", "t.txt"), gaz)
    assert not [r for r in other.relations if r.predicate == "targeted"]


def test_a_place_after_a_compass_word_is_no_target():
    """ "a village in northwest Pakistan's Khyber district": Pakistan says where, not whom."""
    text = "The Taliban carried out a raid on a village in northwest Pakistan's Khyber district."
    assert "Pakistan" not in {target for _, target in facts(text, "targeted")}


def test_a_capital_in_apposition_to_a_place_noun_is_a_place():
    """ "in the Somali capital Mogadishu": the capital says where the attack was; it does
    not stand for the state as a target."""
    text = "Al-Shabaab militants stormed a hotel in the Somali capital Mogadishu on Friday."
    assert facts(text, "targeted") == set()
    assert facts(text, "attributedTo") == {("ArmedAssault@mogadishu", "al-Shabaab")}


def test_a_name_after_a_comma_is_not_the_target():
    """ "attack on a village, police say": the object of "attack on" ends at the comma."""
    text = "Gunmen killed 12 people in an attack on a Nigerian village, Kabul police said."
    assert facts(text, "targeted") == set()


def test_the_subject_of_a_relative_clause_is_the_name_before_it():
    """ "battling IS militants, who have stepped up attacks on Shiites": IS attacks the
    Shiites, although IS is also the object of "battling"."""
    text = "The Taliban have been battling IS militants, who have stepped up attacks on Shiites."
    assert facts(text, "targeted") == {
        ("Taliban", "Islamic State"),
        ("Islamic State", "Shia Muslims"),
    }


def test_a_companion_is_not_the_enemy():
    """ "fought alongside Somali troops against al-Shabaab": the troops are allies, and a
    demonym before "troops" stands for its state."""
    text = "US forces fought alongside Somali troops against al-Shabaab."
    assert facts(text, "targeted") == {("United States", "al-Shabaab")}
    assert facts(text, "alliedWith") >= {("United States", "Somalia")}


def test_a_semicolon_ends_the_object_of_a_trigger():
    """ "targeted ship in Red Sea; U.S. strikes rebel sites": the US is no target of the
    Houthis; punctuation cues match even glued to a word."""
    text = "Houthis say they targeted a ship in the Red Sea; US strikes hit rebel sites."
    assert ("Houthis", "United States") not in facts(text, "targeted")


def test_clashed_with_goes_both_ways():
    """ "Taliban forces clashed with Islamic State fighters": each side targets the other."""
    text = "Taliban forces clashed with Islamic State fighters in Kunduz on Wednesday."
    pairs = facts(text, "targeted")
    assert {("Taliban", "Islamic State"), ("Islamic State", "Taliban")} <= pairs


def test_an_event_in_an_aside_is_not_the_subject():
    """ "Pakistan, backed by US airstrikes, has been fighting the TTP": the state fights;
    the airstrikes in the aside are not the subject."""
    text = "Pakistan, backed by US airstrikes, has been fighting the TTP for years."
    assert ("Pakistan", "Tehreek-e-Taliban Pakistan") in facts(text, "targeted")


def test_killing_or_capturing_a_groups_members_targets_the_group():
    """ "US Central Command killed a senior Islamic State commander and arrested three
    militants": the killers target the group; "were killed after IS attacked" does not
    make IS a target."""
    text = "US Central Command killed a senior Islamic State commander in a raid in Syria."
    assert ("US Central Command", "Islamic State") in facts(text, "targeted")
    text = "At least 25 people were killed after Islamic State gunmen stormed a school in Kabul."
    assert all(target != "Islamic State" for _, target in facts(text, "targeted"))
