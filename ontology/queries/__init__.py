"""Named SPARQL queries, one per .rq file."""
