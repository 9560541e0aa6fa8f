"""Same input, same graph: building twice gives byte-identical sorted N-Triples."""

from __future__ import annotations

from pathlib import Path

from kg import build_graph, read_inputs, sorted_ntriples

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _build(paths: list[Path]) -> str:
    errors: list = []
    graph = build_graph(read_inputs(paths, errors.append))
    assert not errors
    return sorted_ntriples(graph)


def test_two_builds_of_the_seeds_are_byte_identical():
    """The whole seed corpus, built twice, serialises to the same bytes."""
    assert _build([SEEDS]) == _build([SEEDS])


def test_order_of_inputs_does_not_change_the_graph():
    """Documents given in another order give the same graph: IRIs depend on content only."""
    files = sorted(SEEDS.glob("*.txt"))
    assert _build(files) == _build(list(reversed(files)))


def test_no_blank_nodes():
    """Every node has an IRI: blank nodes would make two builds differ."""
    assert "_:" not in _build([SEEDS])
