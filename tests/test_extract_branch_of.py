"""branchOf: affiliate, province, chapter or wing of a group."""

from extraction import facts


def test_possessive_affiliate_with_a_dash():
    """ "X's affiliate in the region – Y (abbr)": Y branchOf X."""
    text = (
        "ISIL’s affiliate in the Khorasan region – Islamic State Khorasan Province (ISKP) – "
        "remains active."
    )
    assert facts(text, "branchOf") == {("Islamic State Khorasan Province", "Islamic State")}


def test_branch_of_the_group_refers_back():
    """ "the Afghan branch of the group, Y": "the group" is the group named before."""
    text = (
        "The attack was claimed by Islamic State. Officials said it was the Afghan branch "
        "of the group, ISIS-K, that was responsible."
    )
    assert ("Islamic State Khorasan Province", "Islamic State") in facts(text, "branchOf")


def test_media_arm():
    """ "Amaq, the propaganda arm of IS"."""
    text = "Amaq, the propaganda arm of IS, published the statement."
    assert facts(text, "branchOf") == {("Amaq", "Islamic State")}


def test_negated_branch():
    """ "X is not a branch of Y" gives nothing."""
    text = "Officials said Boko Haram is not a branch of al-Qaeda."
    assert facts(text, "branchOf") == set()
