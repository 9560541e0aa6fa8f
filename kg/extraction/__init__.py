"""Sentences in, facts out: actors, events, relations and casualty reports with evidence.

Names and trigger phrases are found over the raw text with automata (see
``kg.gazetteer`` and ``kg.rules``); the slot logic runs only on sentences that hold a
trigger. No rdflib here: the result is a :class:`~kg.model.Extraction`.

Per article, in order (:mod:`kg.extraction.document`):

1. mentions (:mod:`~kg.extraction.mentions`): gazetteer names, persons introduced by a
   role ("X, Kabul police spokesman"), and anaphors ("the group") tied to the last
   armed group named;
2. events (:mod:`~kg.extraction.events`): trigger words grouped per sentence, then
   merged with the article's current event when type, place and date agree ("the
   blast" is the same bombing);
3. relations (:mod:`~kg.extraction.relations`): each pattern trigger fills its subject
   and object slots from the nearest fitting mention on its side, unless a negation cue
   stands between;
4. casualty figures (:mod:`~kg.extraction.casualty_figures`), with the actor that
   reported them.
"""

from kg.extraction.document import extract

__all__ = ["extract"]
