"""killed: an actor (or an event) killed a named person."""

from extraction import facts


def test_actor_killed_a_person_through_a_strike():
    """ "X conducted an airstrike in P, killing NAME"."""
    text = (
        "US Central Command conducted an airstrike in Syria, killing Abu Yusuf al-Masri, "
        "a senior ISIS official."
    )
    assert ("US Central Command", "Abu Yusuf al-Masri") in facts(text, "killed")


def test_passive_killed_by():
    """ "NAME was killed by X"."""
    text = "Commander Ahmad Rahimi was killed by the Taliban in Kunduz."
    assert ("Taliban", "Ahmad Rahimi") in facts(text, "killed")


def test_unknown_killer_makes_the_event_the_subject():
    """ "NAME was killed in a shootout in P": the event killed NAME."""
    text = "Militant commander Omar Khalid Khurasani was killed in a shootout in Kunduz."
    killed = facts(text, "killed")
    assert any(s.startswith("Shooting@") and o == "Omar Khalid Khurasani" for s, o in killed)


def test_anonymous_victims_are_not_killed_objects():
    """ "killed six civilians" gives a casualty figure, not a killed relation."""
    text = "Boko Haram killed six civilians in Maiduguri."
    assert facts(text, "killed") == set()


def test_negated_killing():
    """ "X did not kill NAME" gives nothing."""
    text = "The Taliban said they did not kill Ahmad Rahimi."
    assert facts(text, "killed") == set()


def test_speaker_announcing_a_killing_is_the_killer():
    """ "The US announced the killing of NAME": the speaker is the agent."""
    text = "The US on Thursday announced the killing of ISIS leader Abu Hasan al-Muhajir."
    assert ("United States", "Abu Hasan al-Muhajir") in facts(text, "killed")


def test_named_victims_among_the_dead():
    """ "NAME and NAME were among the victims" of the article's event."""
    text = (
        "A suicide bombing struck a rally in Peshawar.\n"
        "Party leader Ahmad Rahimi and Omar Khalid Khurasani were among the victims."
    )
    killed = facts(text, "killed")
    assert {o for _, o in killed} == {"Ahmad Rahimi", "Omar Khalid Khurasani"}
    assert {s for s, _ in killed} == {"SuicideBombing@peshawar"}


def test_a_named_victim_who_died_of_his_wounds():
    """ "Zabihullah Mujahid died of his wounds": the article's event killed him."""
    text = "A bomb exploded in Kabul on Friday. Zabihullah Mujahid died of his wounds in hospital."
    assert facts(text, "killed") == {("Bombing@kabul", "Zabihullah Mujahid")}
