"""How fast is extraction, and what does it cost on top of parsing?

Builds a corpus from ``seeds/*.txt`` (and ``../shared/seeds/afp-selydove.txt`` when present),
repeated to ``--docs`` documents, and measures in one run:

  parse    a plain ``nlp.pipe`` pass with the pipeline ``provenance.nlp.load_pipeline()`` loads
  extract  the same ``nlp.pipe`` pass plus ``attributions_from_doc`` on every document

and prints documents/s, tokens/s (tokens counted with the pipeline's tokenizer), the ratio
extract/parse, attributions found and peak RSS, with the machine it ran on.

    .venv/bin/python bench/bench_extract.py            # 200 documents
    .venv/bin/python bench/bench_extract.py --docs 60 --json
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from provenance.extract import attributions_from_doc
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200, help="documents to process (200)")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size (16)")
    parser.add_argument("--model", help="installed spaCy pipeline (default: provenance's)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    seeds = seed_texts()
    if not seeds:
        print(
            f"Error: no seed articles in {ROOT / 'seeds'}. Add .txt files there.", file=sys.stderr
        )
        return 1
    corpus = [text for _, text in itertools.islice(itertools.cycle(seeds), args.docs)]
    figures = measure(corpus, model=args.model, batch_size=args.batch_size)
    figures["seeds"] = [name for name, _ in seeds]
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_table(figures, figures["seeds"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
