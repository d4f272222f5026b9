"""How fast is extraction, and what does it cost on top of parsing?

Builds a corpus from ``seeds/*.txt`` (and ``../shared/seeds/afp-selydove.txt`` when present),
repeated to ``--docs`` documents, and measures in one run:

  parse    a plain ``nlp.pipe`` pass with the pipeline ``provenance.nlp.load_pipeline()`` loads
  extract  the same ``nlp.pipe`` pass plus ``attributions_from_doc`` on every document

and prints documents/s, tokens/s (tokens counted with the pipeline's tokenizer), the ratio
extract/parse, attributions found and peak RSS, with the machine it ran on. Then, in the same
run:

  scaling  ``extract --jobs 1`` and ``--jobs 2`` (the worker pool of ``ingest --jobs``,
           :func:`provenance.ingest.parse_in_order`, pool start-up included) over
           ``--jobs-docs`` documents: documents/s and the speed-up over one process
  memory   peak RSS after streaming ``--rss-docs`` SMALL and LARGE documents through
           ``extract_document`` and JSON (each document let go once written), each count in
           a fresh subprocess so the two figures are independent; the bar is LARGE within
           1.2x of SMALL

    .venv/bin/python bench/bench_extract.py            # 200 documents; memory 1,000 / 10,000
    .venv/bin/python bench/bench_extract.py --quick    # a small run, well under a minute
    .venv/bin/python bench/bench_extract.py --docs 60 --rss-docs 500 2000 --json
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from provenance.api import extract_document
from provenance.extract import attributions_from_doc
from provenance.ingest import parse_in_order
from provenance.inputs import Article
from provenance.nlp import load_pipeline
from provenance.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "afp-selydove.txt"


def seed_texts() -> list[tuple[str, str]]:
    """``(name, text)`` of every seed article, in file-name order."""
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    if SHARED_SEED.is_file():
        paths.append(SHARED_SEED)
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (ru_maxrss: KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def machine(pipeline_meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "spacy": metadata.version("spacy"),
        "pipeline": f"{pipeline_meta.get('lang', '?')}_{pipeline_meta.get('name', '?')}"
        f" {pipeline_meta.get('version', '?')}",
    }


def measure(corpus: list[str], *, model: str | None, batch_size: int) -> dict[str, Any]:
    """Load once, warm up, then time the parse-only pass and the extraction pass."""
    started = time.perf_counter()
    nlp = load_pipeline(model)
    rules = load_rules()
    load_s = time.perf_counter() - started
    tokens = sum(len(nlp.make_doc(text)) for text in corpus)
    # warm-up: the first documents pay for lazy initialisation in spaCy and thinc
    for doc in nlp.pipe(corpus[:4], batch_size=batch_size):
        attributions_from_doc(doc, rules)

    started = time.perf_counter()
    for _doc in nlp.pipe(corpus, batch_size=batch_size):
        pass
    parse_s = time.perf_counter() - started

    started = time.perf_counter()
    found = 0
    for doc in nlp.pipe(corpus, batch_size=batch_size):
        found += len(attributions_from_doc(doc, rules))
    extract_s = time.perf_counter() - started

    def rates(seconds: float) -> dict[str, float]:
        return {
            "seconds": round(seconds, 3),
            "docs_per_s": round(len(corpus) / seconds, 1),
            "tokens_per_s": round(tokens / seconds),
        }

    return {
        "machine": machine(nlp.meta),
        "docs": len(corpus),
        "tokens": tokens,
        "chars": sum(map(len, corpus)),
        "batch_size": batch_size,
        "load_seconds": round(load_s, 3),
        "parse": rates(parse_s),
        "extract": {**rates(extract_s), "attributions": found},
        "extract_over_parse": round(extract_s / parse_s, 3),
        "attributions_per_doc": round(found / len(corpus), 2),
        "peak_rss_mib": round(peak_rss_mib(), 1),
    }


def measure_scaling(
    corpus: list[str], *, model: str | None, jobs: tuple[int, ...] = (1, 2)
) -> dict[str, Any]:
    """Documents/s of ``extract --jobs N`` for each N, and the speed-up over the first.

    One process runs the ``--jobs 1`` path (``extract_document`` per article, pipeline loaded
    and warm); more go through the spawned pool, whose start-up (a pipeline load per worker)
    is counted, as a user pays for it."""
    articles = [Article(f"doc-{i}", f"doc-{i}.txt", text) for i, text in enumerate(corpus)]
    extract_document(corpus[0], "warm-up", model=model)
    rows: dict[str, Any] = {}
    for n in jobs:
        started = time.perf_counter()
        if n <= 1:
            for article in articles:
                extract_document(article.text, article.doc_id, path=article.path, model=model)
        else:
            for _article, parsed in parse_in_order(articles, jobs=n, model=model):
                assert not isinstance(parsed, str), parsed
        seconds = time.perf_counter() - started
        rows[str(n)] = {"seconds": round(seconds, 3), "docs_per_s": round(len(corpus) / seconds, 2)}
    base = rows[str(jobs[0])]["docs_per_s"]
    for row in rows.values():
        row["speedup"] = round(row["docs_per_s"] / base, 2)
    return {"docs": len(corpus), "jobs": rows}


def stream_texts(seeds: list[tuple[str, str]], count: int) -> Iterator[tuple[str, str]]:
    """``count`` documents cycled from the seeds, generated one at a time; each ends with its
    own filing line so that no two texts are the same (as in a real feed)."""
    for i, (name, text) in enumerate(itertools.islice(itertools.cycle(seeds), count)):
        yield f"{name}-{i}", f"{text.rstrip()}\n\nFiled as story {i:07d}.\n"


def rss_child(count: int, model: str | None) -> dict[str, Any]:
    """Stream ``count`` documents through extraction in this process; its peak RSS after."""
    started = time.perf_counter()
    found = written = 0
    for doc_id, text in stream_texts(seed_texts(), count):
        doc = extract_document(text, doc_id, model=model)
        written += len(json.dumps(doc.to_json(), ensure_ascii=False))
        found += len(doc.attributions)
    return {
        "docs": count,
        "attributions": found,
        "jsonl_chars": written,
        "seconds": round(time.perf_counter() - started, 1),
        "peak_rss_mib": round(peak_rss_mib(), 1),
    }


def measure_memory(counts: tuple[int, int], model: str | None) -> dict[str, Any]:
    """Peak RSS after each count of documents, each in a fresh subprocess."""
    runs = []
    for count in counts:
        command = [sys.executable, __file__, "--rss-child", str(count)]
        if model:
            command += ["--model", model]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        runs.append(json.loads(done.stdout))
    ratio = runs[1]["peak_rss_mib"] / runs[0]["peak_rss_mib"]
    return {"runs": runs, "ratio": round(ratio, 3), "within_1_2x": ratio <= 1.2}


def print_table(figures: dict[str, Any], seeds: list[str]) -> None:
    m = figures["machine"]
    print(f"machine   {m['platform']}, {m['cpus']} CPUs ({m['processor']})")
    print(f"software  Python {m['python']}, spaCy {m['spacy']}, pipeline {m['pipeline']}")
    print(
        f"corpus    {figures['docs']} documents from {len(seeds)} seed articles, "
        f"{figures['tokens']:,} tokens, {figures['chars']:,} characters; "
        f"batch size {figures['batch_size']}; pipeline and rules loaded in "
        f"{figures['load_seconds']:.2f} s"
    )
    print()
    print(f"{'pass':<10}{'seconds':>10}{'docs/s':>10}{'tokens/s':>12}{'attributions':>14}")
    for name in ("parse", "extract"):
        row = figures[name]
        found = row.get("attributions", "")
        print(
            f"{name:<10}{row['seconds']:>10.2f}{row['docs_per_s']:>10.1f}"
            f"{row['tokens_per_s']:>12,}{found:>14}"
        )
    print()
    print(f"extract / parse time   {figures['extract_over_parse']:.2f}x")
    print(f"attributions per doc   {figures['attributions_per_doc']:.2f}")
    print(f"peak RSS               {figures['peak_rss_mib']:.0f} MiB")
    scaling = figures.get("scaling")
    if scaling:
        print()
        print(
            f"scaling   extract --jobs N over {scaling['docs']} documents (pool start-up counted)"
        )
        print(f"{'jobs':<10}{'seconds':>10}{'docs/s':>10}{'speed-up':>10}")
        for n, row in scaling["jobs"].items():
            print(
                f"{n:<10}{row['seconds']:>10.2f}{row['docs_per_s']:>10.2f}{row['speedup']:>9.2f}x"
            )
    memory = figures.get("memory")
    if memory:
        print()
        print("memory    peak RSS streaming extraction, a fresh process per count")
        print(f"{'documents':<12}{'seconds':>10}{'attributions':>14}{'peak RSS':>12}")
        for run in memory["runs"]:
            print(
                f"{run['docs']:<12,}{run['seconds']:>10.1f}{run['attributions']:>14,}"
                f"{run['peak_rss_mib']:>8.0f} MiB"
            )
        verdict = "within" if memory["within_1_2x"] else "NOT within"
        print(f"ratio     {memory['ratio']:.3f}x ({verdict} the 1.2x bar)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200, help="documents to process (200)")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size (16)")
    parser.add_argument("--model", help="installed spaCy pipeline (default: provenance's)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--jobs-docs", type=int, help="documents for the --jobs 1/2 scaling (default: --docs)"
    )
    parser.add_argument(
        "--rss-docs",
        type=int,
        nargs=2,
        default=(1000, 10000),
        metavar=("SMALL", "LARGE"),
        help="documents streamed for the two peak-RSS figures (1000 10000)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="a small run: 20 documents, memory at 20 and 100"
    )
    parser.add_argument("--rss-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_child is not None:  # one memory measurement, in its own process
        print(json.dumps(rss_child(args.rss_child, args.model)))
        return 0
    if args.quick:
        args.docs, args.rss_docs = 20, (20, 100)
    if args.docs < 1 or min(args.rss_docs) < 1 or (args.jobs_docs or 1) < 1:
        parser.error("document counts must be at least 1")
    seeds = seed_texts()
    if not seeds:
        print(
            f"Error: no seed articles in {ROOT / 'seeds'}. Add .txt files there.", file=sys.stderr
        )
        return 1
    corpus = [text for _, text in itertools.islice(itertools.cycle(seeds), args.docs)]
    figures = measure(corpus, model=args.model, batch_size=args.batch_size)
    figures["seeds"] = [name for name, _ in seeds]
    jobs_corpus = [
        text for _, text in itertools.islice(itertools.cycle(seeds), args.jobs_docs or args.docs)
    ]
    figures["scaling"] = measure_scaling(jobs_corpus, model=args.model)
    figures["memory"] = measure_memory(tuple(args.rss_docs), args.model)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_table(figures, figures["seeds"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
