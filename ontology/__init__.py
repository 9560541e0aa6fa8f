"""Data of militant-kg: ontology, gazetteer, patterns, shapes and named queries."""
