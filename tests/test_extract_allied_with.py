"""alliedWith: cooperation or alliance, either direction."""

from extraction import facts


def _pairs(text: str) -> set[frozenset[str]]:
    return {frozenset(p) for p in facts(text, "alliedWith")}


def test_called_an_ally():
    """ "X is an ally of Y"."""
    text = "Russia now sees the Taliban as an ally in fighting terrorism."
    assert frozenset({"Russia", "Taliban"}) in _pairs(text)


def test_aligned_adjective():
    """ "Tehran-aligned Houthis": the Houthis are allied with Iran."""
    text = "Attacks by Yemen's Tehran-aligned Houthis continued."
    assert _pairs(text) == {frozenset({"Iran", "Houthis"})}


def test_cooperation_with():
    """ "X agreed on security cooperation with Y"."""
    text = "Pakistan agreed on security cooperation with the United States."
    assert frozenset({"Pakistan", "United States"}) in _pairs(text)


def test_negated_alliance():
    """ "X is not an ally of Y" gives nothing."""
    text = "Pakistan is not an ally of the Taliban, the minister said."
    assert _pairs(text) == set()
