"""Shared test set-up: the Hypothesis profile and the small handmade gazetteer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from kg.gazetteer import Gazetteer

DATA = Path(__file__).parent / "data"

# Reproducible property tests: the same examples on every machine, no flaky deadlines.
settings.register_profile("ci", deadline=None, max_examples=60, derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """A tiny gazetteer from ``tests/data/gazetteer/`` (plus pycountry's countries)."""
    folder = DATA / "gazetteer"
    return Gazetteer.from_files(folder / "actors.jsonl", folder / "places.jsonl")
