"""How fast is the store: ingest rate, and who-said / trace latency on a large database.

Extracts the seed articles once (``seeds/*.txt`` and ``../shared/seeds/afp-selydove.txt``
when present, timed: that is ``extract`` alone), then builds a database of at least
``--attributions`` attributions by storing copies of them: each copy is the seed's text with
a numbered line appended (so a new text hash and document id; the offsets stay valid) under
its own doc id and path. Measured in one run and printed:

  extract   documents/s of parse + extraction on the seeds (the cost the store adds to)
  ingest    documents/s and attributions/s of ``Store.ingest`` (one transaction each), over
            the first 10% and the last 10% of documents (does it slow down as it grows?)
  who-said  latency of ``Store.who_said`` for 200 queries taken from stored statements
  trace     latency of ``Store.trace`` for 200 ids, and for 200 searches (words)

Not a test: figures for the README. The database goes to a temporary folder unless ``--db``.

    .venv/bin/python bench/bench_store.py                    # >= 100,000 attributions
    .venv/bin/python bench/bench_store.py --attributions 20000 --json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from provenance.api import extract_document
from provenance.masthead import read_masthead
from provenance.models import Document, Masthead
from provenance.rules import load_rules
from provenance.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "afp-selydove.txt"
QUERIES = 200


def seed_paths() -> list[Path]:
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    return [*paths, SHARED_SEED] if SHARED_SEED.is_file() else paths


def extract_seeds(rounds: int) -> tuple[list[tuple[Document, Masthead]], float]:
    """Each seed extracted (once for the corpus), and extract's documents/s over
    ``rounds`` passes after a warm-up."""
    rules = load_rules()
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in seed_paths()]
    seeds = [(extract_document(t, name, rules=rules), read_masthead(t, rules)) for name, t in texts]
    started = time.perf_counter()
    for _ in range(rounds):
        for name, text in texts:
            extract_document(text, name, rules=rules)
    rate = rounds * len(texts) / (time.perf_counter() - started)
    return seeds, rate


def copies(seeds: list[tuple[Document, Masthead]], wanted: int) -> list[tuple[Document, Masthead]]:
    """Enough numbered copies of the seeds to hold ``wanted`` attributions."""
    out: list[tuple[Document, Masthead]] = []
    total = 0
    n = 0
    while total < wanted:
        doc, masthead = seeds[n % len(seeds)]
        doc_id = f"{doc.doc_id}-{n:06d}"
        text = f"{doc.text}\nCopy {n}."
        out.append((Document(doc_id, text, f"/bench/{doc_id}.txt", doc.attributions), masthead))
        total += len(doc.attributions)
        n += 1
    return out


def ingest(store: Store, docs: list[tuple[Document, Masthead]]) -> dict[str, Any]:
    times = []
    for doc, masthead in docs:
        started = time.perf_counter()
        result = store.ingest(doc, masthead)
        times.append(time.perf_counter() - started)
        assert result.status == "new", result
    tenth = max(1, len(docs) // 10)
    per_doc = sum(len(d.attributions) for d, _ in docs) / len(docs)

    def rate(part: list[float]) -> float:
        return len(part) / sum(part)

    return {
        "documents": len(docs),
        "seconds": round(sum(times), 2),
        "docs_per_s": round(rate(times), 1),
        "first_10pct_docs_per_s": round(rate(times[:tenth]), 1),
        "last_10pct_docs_per_s": round(rate(times[-tenth:]), 1),
        "attributions_per_s": round(rate(times) * per_doc),
    }


def latency(run: Callable[[str], object], inputs: list[str]) -> dict[str, float]:
    times = []
    for value in inputs:
        started = time.perf_counter()
        run(value)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
        "max_ms": round(times[-1], 2),
    }


def _traced(store: Store, attribution_id: str) -> None:
    found = store.trace(attribution_id).attribution.id
    assert found == attribution_id, (found, attribution_id)


def queries(store: Store, rng: random.Random) -> list[str]:
    """Two- or three-word phrases and single figures taken from stored statements."""
    rows = store.db.execute(
        "SELECT content_text FROM attributions ORDER BY random() LIMIT ?", [QUERIES * 3]
    ).fetchall()
    out = []
    for (text,) in rows:
        words = [w.strip('.,"“”«»:;()') for w in text.split()]
        words = [w for w in words if w]
        if len(words) < 3:
            continue
        start = rng.randrange(0, len(words) - 2)
        out.append(" ".join(words[start : start + rng.choice((1, 2, 3))]))
        if len(out) == QUERIES:
            break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attributions", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="database path (default: a temporary file)")
    parser.add_argument("--extract-rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    seeds, extract_rate = extract_seeds(args.extract_rounds)
    corpus = copies(seeds, args.attributions)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        with Store(path) as store:
            ingested = ingest(store, corpus)
            counts = store.counts()
            asked = queries(store, rng)
            ids = [
                r[0]
                for r in store.db.execute(
                    "SELECT id FROM attributions ORDER BY random() LIMIT ?", [QUERIES]
                )
            ]
            who = latency(lambda q: store.who_said(q, limit=20), asked)
            by_id = latency(lambda i: _traced(store, i), ids)
            by_words = latency(store.trace, asked)
        size_mib = sum(f.stat().st_size for f in path.parent.glob(path.name + "*")) / 2**20
    figures = {
        "machine": {
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
        },
        "seeds": len(seeds),
        "extract_docs_per_s": round(extract_rate, 1),
        "ingest": ingested,
        "rows": counts,
        "db_mib": round(size_mib, 1),
        "who_said": who,
        "trace_by_id": by_id,
        "trace_by_words": by_words,
        "queries": len(asked),
    }
    if args.json:
        json.dump(figures, sys.stdout, indent=2)
        print()
        return
    m = figures["machine"]
    print(f"machine: {m['platform']}, {m['cpus']} CPUs, Python {m['python']}")
    print(f"extract alone (parse + attributions), {len(seeds)} seeds: {extract_rate:.1f} docs/s")
    print(
        f"ingest {ingested['documents']:,} documents in {ingested['seconds']} s: "
        f"{ingested['docs_per_s']} docs/s ({ingested['attributions_per_s']:,} attributions/s); "
        f"first 10% {ingested['first_10pct_docs_per_s']} docs/s, "
        f"last 10% {ingested['last_10pct_docs_per_s']} docs/s"
    )
    print("rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()) + f"; {size_mib:.1f} MiB")
    for label, lat in (
        (f"who-said ({len(asked)} queries)", who),
        (f"trace by id ({len(ids)})", by_id),
        (f"trace by words ({len(asked)})", by_words),
    ):
        print(
            f"{label}: median {lat['median_ms']} ms, p95 {lat['p95_ms']} ms, max {lat['max_ms']} ms"
        )


if __name__ == "__main__":
    main()
