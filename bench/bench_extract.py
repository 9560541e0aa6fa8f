"""Extraction speed: documents per second and peak memory over generated news.

    python bench/bench_extract.py --docs 10000

Extraction only (reading, segmentation, names, events, relations, casualties), on one
core, over documents of about 4 KB from bench/corpus.py; graph writing is measured by
bench/bench_store.py.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import documents

from kg.extract import extract
from kg.gazetteer import default_gazetteer
from kg.model import Document
from kg.rules import default_rules


def main() -> None:
    parser = argparse.ArgumentParser(description="extraction throughput")
    parser.add_argument("--docs", type=int, default=10_000)
    args = parser.parse_args()
    gazetteer, rules = default_gazetteer(), default_rules()
    corpus = [
        Document(id=r["id"], text=r["text"], source="generated") for r in documents(args.docs)
    ]
    size = sum(len(d.text.encode("utf-8")) for d in corpus)
    started = time.perf_counter()
    relations = events = 0
    for document in corpus:
        result = extract(document, gazetteer, rules)
        relations += len(result.relations)
        events += len(result.events)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents      {len(corpus)}")
    print(f"mean size      {size / len(corpus) / 1024:.1f} KB")
    print(f"aliases        {sum(1 + len(e.aliases) for e in gazetteer.entities.values())}")
    print(f"seconds        {seconds:.2f}")
    print(f"docs/second    {len(corpus) / seconds:.0f}")
    print(f"MB/second      {size / seconds / 1e6:.2f}")
    print(f"relations      {relations}")
    print(f"events         {events}")
    print(f"peak memory    {peak:.0f} MB")


if __name__ == "__main__":
    main()
