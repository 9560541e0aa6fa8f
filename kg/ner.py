"""Optional named entities from a trained spaCy pipeline, for names the gazetteer lacks.

Nothing here is needed: without a pipeline the tool works as before. With one (a model
package installed from PyPI or a pipeline folder on disk; nothing is downloaded), the
sentences that hold a trigger are parsed and their PERSON, ORG and NORP entities become
candidate actors where no gazetteer name stands.
"""

from __future__ import annotations

from typing import Any

from kg.errors import KGError

__all__ = ["ENTITY_CLASSES", "load_pipeline", "sentence_entities"]

# spaCy's labels and the class an unknown name of that label gets
ENTITY_CLASSES = {"PERSON": "Person", "ORG": "Organization", "NORP": "Community"}


def load_pipeline(name: str) -> Any:
    """A spaCy pipeline by package name or folder; one line of error if it cannot load."""
    try:
        import spacy
    except ImportError as exc:
        raise KGError("--spacy-model needs spaCy: pip install 'militant-kg[spacy]'") from exc
    try:
        return spacy.load(name)
    except (OSError, ValueError) as exc:
        raise KGError(
            f"spaCy pipeline '{name}' cannot be loaded: install its package or give its folder"
        ) from exc


def sentence_entities(nlp: Any, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of the entities spaCy finds in ``text[start:end]``."""
    doc = nlp(text[start:end])
    return [
        (start + ent.start_char, start + ent.end_char, ent.label_)
        for ent in doc.ents
        if ent.label_ in ENTITY_CLASSES
    ]
