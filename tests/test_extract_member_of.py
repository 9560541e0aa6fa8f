"""memberOf: persons (or states) belonging to a group, including joining it."""

from extraction import facts


def test_spokesman_after_the_name():
    """ "NAME, ORG spokesman" makes NAME a member, discovered with the role."""
    text = "Khalid Zadran, Kabul police spokesman, said six people were killed."
    assert facts(text, "memberOf") == {("Khalid Zadran", "Kabul police")}


def test_possessive_spokesman_before_the_name():
    """ "The Taliban's spokesperson, NAME"."""
    text = "The Taliban’s spokesperson, Zabihullah Mujahid, rejected the report."
    assert facts(text, "memberOf") == {("Zabihullah Mujahid", "Taliban")}


def test_joined():
    """ "NAME, who was a member of X, joined Y": both memberships."""
    text = "Bilal Khan, who was a member of the TTP, joined the IS in 2015."
    assert facts(text, "memberOf") == {
        ("Bilal Khan", "Tehreek-e-Taliban Pakistan"),
        ("Bilal Khan", "Islamic State"),
    }


def test_senior_official_of_a_group():
    """ "NAME, a senior ISIS official" makes NAME a member."""
    text = "The strike killed Abu Yusuf al-Masri, a senior ISIS official."
    assert ("Abu Yusuf al-Masri", "Islamic State") in facts(text, "memberOf")


def test_deputy_is_a_member_not_a_leader():
    """A deputy chief is a member of the group, never its leader."""
    text = "TTP deputy chief Mufti Noor Wali was arrested."
    assert facts(text, "leaderOf") == set()


def test_founders_of_a_bloc_named_before():
    """ "This security bloc was founded by A, B, C and D": each founder is a member of the
    organisation the article named before, however long the list."""
    from extraction import gazetteer

    from kg.extraction import extract
    from kg.model import Document, Entity

    gaz = gazetteer().add([Entity("sco", "Shanghai Cooperation Organisation", "Organization",
                                  aliases=("SCO",))])  # fmt: skip
    text = (
        "The SCO met in Astana.\n"
        "This political and security bloc was founded in 2001 by Russia, Pakistan, Iran "
        "and the United States."
    )
    result = extract(Document("t", text, "t.txt"), gaz)
    members = {r.subject for r in result.relations if r.predicate == "memberOf"}
    assert members == {
        "actor/russia", "actor/pakistan", "actor/iran", "actor/united-states"
    }  # fmt: skip


def test_along_with_adds_members():
    """ "X has joined Y, along with A, B and C": each of them is a member of Y."""
    text = "Pakistan has joined the SCO, along with Russia, Iran and the United States."
    assert {s for s, _ in facts(text, "memberOf")} == {
        "Pakistan", "Russia", "Iran", "United States"
    }  # fmt: skip


def test_role_word_as_adjective_makes_no_member():
    """ "outlawed by Russia as a terrorist movement": no person, no membership."""
    text = "The Taliban was outlawed by Russia as a terrorist movement in 2003."
    assert facts(text, "memberOf") == set()


def test_a_state_never_joins_an_armed_group():
    """ "may push them towards joining IS-K, as well as a deal with Pakistan": no state is
    a member of an armed group, whatever stands nearest the trigger."""
    text = "A deal with Pakistan may push the fighters towards joining the Islamic State."
    assert ("Pakistan", "Islamic State") not in facts(text, "memberOf")


def test_counted_members_belong_to_no_one_named():
    """ "Taliban forces killed six members of an Islamic State cell": the Taliban are not
    members of IS."""
    text = "Taliban forces killed six members of an Islamic State cell in Kabul."
    assert facts(text, "memberOf") == set()


def test_a_place_before_a_role_is_no_person():
    """ "a checkpoint in western Kabul, a Taliban spokesman said": no person named Kabul."""
    text = "Gunmen attacked a checkpoint in western Kabul, a Taliban spokesman said."
    assert facts(text, "memberOf") == set()
