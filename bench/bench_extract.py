"""Extraction speed: documents per second and peak memory over generated news.

    python bench/bench_extract.py --docs 10000 [--real seeds/]

Extraction only (reading, segmentation, names, events, relations, casualties), on one
core, over documents of about 4 KB from bench/corpus.py; graph writing is measured by
bench/bench_store.py. The generated documents are far denser than news (about 550
facts in 4 KB), so the same rate is also measured on real articles (``--real``, the
seeds by default), extracted over and over for as many bytes as the generated corpus,
and given in 4 KB documents a second.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import documents

from kg.documents import read_file
from kg.extraction import extract
from kg.gazetteer import Gazetteer, default_gazetteer
from kg.model import Document
from kg.rules import Rules, default_rules


def _real_rate(folder: Path, budget: int, gazetteer: Gazetteer, rules: Rules) -> float:
    """Bytes a second over the articles under ``folder``, read ``budget`` bytes' worth."""
    articles = [d for path in sorted(folder.iterdir()) for d in read_file(path)]
    size = sum(len(d.text.encode("utf-8")) for d in articles)
    rounds = max(1, budget // size)
    started = time.perf_counter()
    for _ in range(rounds):
        for document in articles:
            extract(document, gazetteer, rules)
    return rounds * size / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description="extraction throughput")
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument(
        "--real", type=Path, default=Path(__file__).resolve().parent.parent / "seeds"
    )
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
    rate = _real_rate(args.real, size, gazetteer, rules)
    print(f"real news      {rate / 4096:.0f} docs/second of 4 KB ({rate / 1e6:.2f} MB/s)")


if __name__ == "__main__":
    main()
