"""Casualty figures: per event, per source, in digits and words, lower bounds kept."""

from extraction import figures, run


def test_words_and_lower_bounds():
    """ "killed at least six people, and injured 13 others, the Kabul police said":
    the lower bound belongs to the six only."""
    text = (
        "A suicide bombing in Kabul killed at least six people, and injured 13 others, "
        "the Kabul police said."
    )
    assert figures(text) == {
        ("SuicideBombing@kabul", "deaths", 6, True, "Kabul police"),
        ("SuicideBombing@kabul", "injuries", 13, False, "Kabul police"),
    }


def test_including_subset_is_not_the_total():
    """ "53 people, including 46 girls, were slain" counts 53."""
    text = (
        "In 2022 at least 53 people, including 46 girls, were slain in a suicide bombing in Kabul."
    )
    assert {(f[1], f[2]) for f in figures(text)} == {("deaths", 53)}


def test_disagreeing_reports_are_all_kept():
    """Two sources with different tolls give two reports on one event."""
    text = (
        "A bombing in Peshawar killed 20 people, police said.\n"
        "The TTP claimed the attack and said it killed 45 people."
    )
    deaths = {(f[0], f[2]) for f in figures(text) if f[1] == "deaths"}
    assert deaths == {("Bombing@peshawar", 20), ("Bombing@peshawar", 45)}


def test_vague_amounts_give_no_figure():
    """ "dozens were killed" gives no number."""
    assert figures("A bombing in Peshawar killed dozens of people.") == set()


def test_numbers_that_are_not_victims():
    """Years and counts of attacks are not casualties."""
    text = "In 2021 the Islamic State carried out 119 attacks in Afghanistan."
    assert figures(text) == set()


def test_more_than_a_dozen_wounded():
    """ "wounded more than a dozen" is at least 12 injured."""
    text = "A bomb blast in Peshawar killed three policemen and wounded more than a dozen."
    assert ("Bombing@peshawar", "injuries", 12, True, None) in figures(text)


def test_second_mention_is_the_same_event():
    """ "the blast" later in the article is the bombing already reported."""
    text = (
        "A suicide bombing struck Kabul on Monday.\n"
        "Six people were killed and 13 others were injured in the blast."
    )
    extraction = run(text)
    assert len(extraction.events) == 1
    assert {(f[1], f[2]) for f in figures(text)} == {("deaths", 6), ("injuries", 13)}


def test_background_event_keeps_its_own_date():
    """A past attack mentioned in passing is its own event with its own date."""
    text = (
        "A suicide bombing struck Kabul on Monday, killing six.\n"
        "In 2022, at least 53 people were slain in a suicide bombing in Kabul."
    )
    events = run(text).events
    assert {e.date for e in events.values()} == {None, "2022"}


def test_separate_counts_in_a_list_all_count():
    """ "killing 28 Taliban members, 13 US troops and two British nationals" gives 28, 13, 2."""
    text = (
        "A suicide bombing at Kabul airport killed 28 Taliban members, 13 US troops and "
        "two British nationals."
    )
    assert {f[2] for f in figures(text) if f[1] == "deaths"} == {28, 13, 2}


def test_counted_victims_are_not_perpetrators():
    """ "killing 28 Taliban fighters" does not blame the Taliban."""
    from extraction import facts

    text = "A bombing in Kunduz killed 28 Taliban fighters."
    assert facts(text, "attributedTo") == set()


def test_two_events_in_one_sentence_keep_their_own_figures():
    """ "the blast in Kabul in August that killed 180 and an attack in Kunduz in October
    that killed 150": two events, each with its place, date and toll."""
    text = (
        "In 2021 the group carried out several attacks, including the blast at the airport "
        "in Kabul in August that killed more than 180 people and an attack at a mosque in "
        "Kunduz in October that resulted in over 150 deaths."
    )
    assert {(f[0], f[2]) for f in figures(text) if f[1] == "deaths"} == {
        ("Bombing@kabul/2021-08", 180),
        ("Attack@kunduz/2021-10", 150),
    }


def test_named_victims_before_the_verb():
    """ "Another four Taliban security forces were wounded in the bombing" counts 4."""
    text = (
        "A suicide bombing hit Kabul on Monday.\n"
        "Another four Taliban security forces were wounded in the bombing."
    )
    assert ("SuicideBombing@kabul", "injuries", 4, False, None) in figures(text)


def test_a_toll_put_at_a_figure():
    """ "the army put the toll at 17", "the death toll rose to 21": the figure after "toll"
    is a death count, and a second source's toll is a second report."""
    text = (
        "Militants attacked an army base in Borno on Monday, killing more than 30 soldiers, "
        "while the army put the toll at 17. By Tuesday the death toll rose to 21."
    )
    deaths = {(f[2], f[3]) for f in figures(text) if f[1] == "deaths"}
    assert deaths == {(30, True), (17, False), (21, False)}


def test_a_toll_of_attacks_in_general_is_not_the_current_events():
    """ "the 2008 attacks that killed 166 people": a past toll of attacks named in passing
    is not given to the article's event."""
    text = (
        "A bombing in Peshawar killed 20 people on Monday. The TTP, which is blamed for "
        "the 2014 attacks that killed 166 people, denied involvement."
    )
    assert {(f[1], f[2]) for f in figures(text)} == {("deaths", 20)}
