"""The optional spaCy pipeline: its entities become actors where the gazetteer has none."""

from __future__ import annotations

from pathlib import Path

import pytest
from extraction import gazetteer

from kg.errors import KGError
from kg.extraction import extract
from kg.model import Document
from kg.ner import load_pipeline

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def pipeline_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small pipeline written for this test: a blank English model whose entity ruler
    knows one person and one organisation, saved to disk as a trained one would be."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Zarar Gul"},
            {"label": "ORG", "pattern": "Jaish al-Fath"},
        ]
    )
    folder = tmp_path_factory.mktemp("pipeline") / "ner"
    nlp.to_disk(folder)
    return folder


def test_pipeline_names_become_actors(pipeline_dir: Path):
    """A one-word name no rule would take ("Gul") is found by the pipeline and joins."""
    nlp = load_pipeline(str(pipeline_dir))
    text = "Zarar Gul joined Jaish al-Fath in 2019."
    result = extract(Document("t", text, "t.txt"), gazetteer(), nlp=nlp)
    members = {(r.subject, r.object) for r in result.relations if r.predicate == "memberOf"}
    assert members == {("actor/zarar-gul", "actor/jaish-al-fath")}
    assert result.entities["actor/jaish-al-fath"].cls == "Organization"


def test_without_a_pipeline_nothing_changes():
    """Without a pipeline the organisation the gazetteer lacks is not found."""
    text = "Zarar Gul joined Jaish al-Fath in 2019."
    result = extract(Document("t", text, "t.txt"), gazetteer())
    assert not [r for r in result.relations if r.predicate == "memberOf"]


def test_unknown_pipeline_is_one_line_error(tmp_path: Path):
    """A pipeline that is neither installed nor a folder is a KGError, with no download."""
    with pytest.raises(KGError, match="cannot be loaded"):
        load_pipeline(str(tmp_path / "no-such-model"))


def test_build_uses_the_pipeline(pipeline_dir: Path, tmp_path: Path):
    """'kg build --spacy-model FOLDER' puts the pipeline's names into the graph."""
    from click.testing import CliRunner

    from kg.cli import cli

    doc = tmp_path / "gul.txt"
    doc.write_text("Zarar Gul joined Jaish al-Fath in 2019.\n", encoding="utf-8")
    out = tmp_path / "exports"
    result = CliRunner().invoke(
        cli, ["build", str(doc), "--out", str(out), "--workers", "1",
              "--spacy-model", str(pipeline_dir)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "jaish-al-fath" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_build_with_a_missing_pipeline_fails_in_one_line(tmp_path: Path):
    """An unknown pipeline stops the build before any document is read."""
    from click.testing import CliRunner

    from kg.cli import cli

    doc = tmp_path / "a.txt"
    doc.write_text("Islamic State claimed a bombing in Kabul.\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["build", str(doc), "--out", str(tmp_path / "o"), "--spacy-model", "nope"]
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: spaCy pipeline 'nope'")
