"""How fast is extraction, against a plain spaCy pass over the same texts?

Builds a corpus from ``seeds/*.txt`` (and ``../shared/seeds/afp-selydove.txt`` when present),
repeated to ``--docs`` documents, and times on one core (the process pinned to one CPU), each
pass ``--repeats`` times in turn, reporting the median:

  plain      the installed pipeline exactly as spaCy loads it (``spacy.load``, BLIS, spaCy's
             attribute ruler), ``nlp.pipe`` over the texts: the bar is measured against this
  parse      the same ``nlp.pipe`` with the pipeline ``provenance.nlp.load_pipeline()`` loads
             (numpy's BLAS, the attribute and lemma tables, the parser and recogniser stepped
             from Python; the same annotations): parsing only, for the record
  extract    ``extract_documents`` over the texts: the ``parse`` pass (batches of
             ``--batch-size``) and the attributions of every document
  document   ``extract_document`` on every text, one at a time, as ``provenance eval`` runs
             it (no batching: a lone document goes through spaCy's own parser loop)
  prefilter  the same with ``prefilter=True``: only the paragraphs holding a quotation mark
             or a cue word are parsed (the share of tokens parsed is printed); compare it
             with ``document``

and prints documents/s, tokens/s (tokens counted with the pipeline's tokenizer), CPU seconds,
each pass's speed-up over plain (the bar: extract at least 2x), attributions found and peak
RSS, with the machine it ran on. On the gold sets (``seeds/gold.jsonl``,
``tests/heldout*/gold.jsonl``, ``../shared/gold/*.jsonl``) it scores extraction with and
without the prefilter: content and speaker recall, resolved sources (the bar: no loss). Then,
in the same run:

  scaling  ``extract --jobs N`` for each N of ``--scaling-jobs`` (1 and 2 unless told; on a
           larger machine ``--scaling-jobs 1 2 4 8 16``): the worker pool of
           ``ingest --jobs`` (:func:`provenance.ingest.parse_in_order`, pool start-up
           included) over ``--jobs-docs`` documents: documents/s and the speed-up over the
           first N
  memory   peak RSS after streaming ``--rss-docs`` SMALL and LARGE documents through
           ``extract_document`` and JSON (each document let go once written), each count in
           a fresh subprocess so the two figures are independent; the bar is LARGE within
           1.2x of SMALL

    .venv/bin/python bench/bench_extract.py            # 200 documents; memory 1,000 / 10,000
    .venv/bin/python bench/bench_extract.py --quick    # a small run, well under a minute
    .venv/bin/python bench/bench_extract.py --docs 60 --rss-docs 500 2000 --json
    .venv/bin/python bench/bench_extract.py --no-memory --no-scaling --repeats 5
    .venv/bin/python bench/bench_extract.py --no-memory --scaling-jobs 1 2 4 8 16 --jobs-docs 800
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

from provenance.api import extract_document, extract_documents
from provenance.evaluate import gold_text_path, load_jsonl, score
from provenance.ingest import parse_in_order
from provenance.inputs import Article, read_text
from provenance.nlp import load_pipeline, one_blas_thread, plain_pipeline, select_paragraphs
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


def processor_name() -> str:
    """The CPU's model name (Linux's /proc/cpuinfo), else what ``platform`` knows."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine(pipeline_meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "processor": processor_name(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "spacy": metadata.version("spacy"),
        "pipeline": f"{pipeline_meta.get('lang', '?')}_{pipeline_meta.get('name', '?')}"
        f" {pipeline_meta.get('version', '?')}",
    }


PASSES = ("plain", "parse", "extract", "document", "prefilter")


@contextmanager
def one_core() -> Iterator[int | None]:
    """Pin this process to one CPU for the timed passes (Linux); yields the CPU, or ``None``
    where the platform cannot pin. Restored after, so that ``--jobs 2`` gets its cores."""
    if not hasattr(os, "sched_setaffinity"):
        yield None
        return
    allowed = os.sched_getaffinity(0)
    cpu = min(allowed)
    os.sched_setaffinity(0, {cpu})
    try:
        yield cpu
    finally:
        os.sched_setaffinity(0, allowed)


def measure(
    corpus: list[str], *, model: str | None, batch_size: int, repeats: int
) -> dict[str, Any]:
    """Load once, warm up, then time the four passes (see the module docstring), each
    ``repeats`` times in turn so that a busy spell on a shared machine hits them alike."""
    started = time.perf_counter()
    nlp = load_pipeline(model)
    plain = plain_pipeline(model)
    rules = load_rules()
    load_s = time.perf_counter() - started
    tokens = sum(len(nlp.make_doc(text)) for text in corpus)
    selected = sum(select_paragraphs(nlp.make_doc(text), rules, model).parsed for text in corpus)
    found: dict[str, int] = {}

    def plain_pass(texts: list[str]) -> None:
        for _doc in plain.pipe(texts, batch_size=batch_size):
            pass

    def parse_pass(texts: list[str]) -> None:
        with one_blas_thread():
            for _doc in nlp.pipe(texts, batch_size=batch_size):
                pass

    def extract_pass(texts: list[str]) -> None:
        items = ((text, f"doc-{i}", None) for i, text in enumerate(texts))
        found["extract"] = sum(
            len(d.attributions)
            for d in extract_documents(items, model=model, rules=rules, batch_size=batch_size)
        )

    def document_pass(prefilter: bool) -> Callable[[list[str]], None]:
        def run(texts: list[str]) -> None:
            name = "prefilter" if prefilter else "document"
            found[name] = sum(
                len(
                    extract_document(
                        text, f"doc-{i}", model=model, rules=rules, prefilter=prefilter
                    ).attributions
                )
                for i, text in enumerate(texts)
            )

        return run

    runs = {
        "plain": plain_pass,
        "parse": parse_pass,
        "extract": extract_pass,
        "document": document_pass(False),
        "prefilter": document_pass(True),
    }
    wall: dict[str, list[float]] = {name: [] for name in PASSES}
    cpu: dict[str, list[float]] = {name: [] for name in PASSES}
    with one_core() as core:
        for run in runs.values():  # warm-up: lazy initialisation in spaCy and thinc
            run(corpus[:4])
        for _ in range(repeats):
            for name, run in runs.items():
                started, cpu_started = time.perf_counter(), time.process_time()
                run(corpus)
                wall[name].append(time.perf_counter() - started)
                cpu[name].append(time.process_time() - cpu_started)

    plain_s, plain_cpu = statistics.median(wall["plain"]), statistics.median(cpu["plain"])
    passes: dict[str, Any] = {}
    for name in PASSES:
        seconds, cpu_s = statistics.median(wall[name]), statistics.median(cpu[name])
        passes[name] = {
            "seconds": round(seconds, 3),
            "cpu_seconds": round(cpu_s, 3),
            "runs": [round(t, 3) for t in wall[name]],
            "docs_per_s": round(len(corpus) / seconds, 1),
            "tokens_per_s": round(tokens / seconds),
            "speedup_over_plain": round(plain_s / seconds, 2),
            "cpu_speedup_over_plain": round(plain_cpu / cpu_s, 2),
        }
        if name in found:
            passes[name]["attributions"] = found[name]
    return {
        "machine": machine(nlp.meta),
        "core": core,
        "docs": len(corpus),
        "tokens": tokens,
        "chars": sum(map(len, corpus)),
        "batch_size": batch_size,
        "repeats": repeats,
        "load_seconds": round(load_s, 3),
        "passes": passes,
        "prefilter_parsed_share": round(selected / tokens, 3),
        "extract_at_least_2x": min(
            passes["extract"]["speedup_over_plain"], passes["extract"]["cpu_speedup_over_plain"]
        )
        >= 2.0,
        "attributions_per_doc": round(found["extract"] / len(corpus), 2),
        "peak_rss_mib": round(peak_rss_mib(), 1),
    }


def gold_files() -> list[Path]:
    """The gold sets the README reports: the seeds', the held-out ones, the shared ones."""
    files = [ROOT / "seeds" / "gold.jsonl", *sorted(ROOT.glob("tests/heldout*/gold.jsonl"))]
    files += sorted((ROOT.parent / "shared" / "gold").glob("*.jsonl"))
    return [f for f in files if f.is_file()]


def measure_recall(model: str | None) -> dict[str, Any]:
    """Extraction scored on every gold set, without and with the prefilter; ``same`` says
    whether the prefilter lost (or changed) nothing there."""
    rules = load_rules()
    rows: dict[str, Any] = {}
    for gold in gold_files():
        docs = load_jsonl(gold)
        texts = [(str(d["doc_id"]), read_text(str(gold_text_path(gold, d)))) for d in docs]
        row: dict[str, Any] = {}
        for name, prefilter in (("full", False), ("prefilter", True)):
            preds = [
                extract_document(text, doc_id, model=model, rules=rules, prefilter=prefilter)
                for doc_id, text in texts
            ]
            ev = score(docs, [p.to_json() for p in preds])
            row[name] = {
                "content_recall": round(ev.content.recall, 3),
                "content_precision": round(ev.content.precision, 3),
                "speaker_recall": round(ev.speaker.recall, 3),
                "sources": f"{ev.source_accuracy.right}/{ev.source_accuracy.total}",
                "via": f"{ev.via_accuracy.right}/{ev.via_accuracy.total}",
                "output": [json.dumps(p.to_json(), sort_keys=True) for p in preds],
            }
        outputs = row["full"].pop("output"), row["prefilter"].pop("output")
        row["documents"] = len(docs)
        row["documents_changed"] = sum(a != b for a, b in zip(*outputs, strict=True))
        row["recall_kept"] = (
            row["prefilter"]["content_recall"] >= row["full"]["content_recall"]
            and row["prefilter"]["speaker_recall"] >= row["full"]["speaker_recall"]
        )
        rows[os.path.relpath(gold, ROOT)] = row
    return rows


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
    core = figures["core"]
    print(f"machine   {m['platform']}, {m['cpus']} CPUs ({m['processor']})")
    print(f"software  Python {m['python']}, spaCy {m['spacy']}, pipeline {m['pipeline']}")
    print(
        f"corpus    {figures['docs']} documents from {len(seeds)} seed articles, "
        f"{figures['tokens']:,} tokens, {figures['chars']:,} characters; "
        f"batch size {figures['batch_size']}; pipelines and rules loaded in "
        f"{figures['load_seconds']:.2f} s"
    )
    where = f"one core (CPU {core})" if core is not None else "one process (not pinned)"
    print(f"timing    {where}, median of {figures['repeats']} runs of each pass, in turn")
    print()
    print(
        f"{'pass':<11}{'seconds':>9}{'cpu s':>8}{'docs/s':>9}{'tokens/s':>10}"
        f"{'vs plain':>10}{'cpu vs plain':>14}{'attributions':>14}"
    )
    for name in PASSES:
        row = figures["passes"][name]
        found = row.get("attributions", "")
        print(
            f"{name:<11}{row['seconds']:>9.2f}{row['cpu_seconds']:>8.2f}{row['docs_per_s']:>9.1f}"
            f"{row['tokens_per_s']:>10,}{row['speedup_over_plain']:>9.2f}x"
            f"{row['cpu_speedup_over_plain']:>13.2f}x{found:>14}"
        )
    print()
    extract = figures["passes"]["extract"]
    verdict = "meets" if figures["extract_at_least_2x"] else "does NOT meet"
    print(
        f"extract vs plain       {extract['speedup_over_plain']:.2f}x wall clock, "
        f"{extract['cpu_speedup_over_plain']:.2f}x CPU time ({verdict} the 2x bar); on a "
        "shared machine the CPU figure is the steadier"
    )
    print(f"prefilter parses       {figures['prefilter_parsed_share']:.1%} of the tokens")
    print(f"attributions per doc   {figures['attributions_per_doc']:.2f}")
    print(f"peak RSS               {figures['peak_rss_mib']:.0f} MiB")
    recall = figures.get("recall")
    if recall:
        print()
        print("recall    gold sets, without / with the prefilter (sources: without -> with)")
        print(f"{'gold':<34}{'content R':>14}{'speaker R':>14}{'sources':>14}{'changed docs':>14}")
        for gold, row in recall.items():
            full, pre = row["full"], row["prefilter"]
            print(
                f"{gold:<34}{full['content_recall']:>7.3f}/{pre['content_recall']:<6.3f}"
                f"{full['speaker_recall']:>7.3f}/{pre['speaker_recall']:<6.3f}"
                f"{full['sources']:>7} -> {pre['sources']:<6}"
                f"{row['documents_changed']:>8} of {row['documents']}"
            )
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
    parser.add_argument("--repeats", type=int, default=3, help="runs of each pass (3)")
    parser.add_argument("--model", help="installed spaCy pipeline (default: provenance's)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--jobs-docs", type=int, help="documents for the --jobs scaling (default: --docs)"
    )
    parser.add_argument(
        "--scaling-jobs",
        type=int,
        nargs="+",
        default=(1, 2),
        metavar="N",
        help="process counts for the --jobs scaling, the first the baseline (1 2)",
    )
    parser.add_argument(
        "--rss-docs",
        type=int,
        nargs=2,
        default=(1000, 10000),
        metavar=("SMALL", "LARGE"),
        help="documents streamed for the two peak-RSS figures (1000 10000)",
    )
    parser.add_argument("--no-scaling", action="store_true", help="skip the --jobs scaling")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-RSS runs")
    parser.add_argument("--no-recall", action="store_true", help="skip scoring the gold sets")
    parser.add_argument(
        "--quick", action="store_true", help="a small run: 20 documents, memory at 20 and 100"
    )
    parser.add_argument("--rss-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_child is not None:  # one memory measurement, in its own process
        print(json.dumps(rss_child(args.rss_child, args.model)))
        return 0
    if args.quick:
        args.docs, args.rss_docs, args.repeats = 20, (20, 100), 1
    if args.docs < 1 or min(args.rss_docs) < 1 or (args.jobs_docs or 1) < 1 or args.repeats < 1:
        parser.error("document counts and --repeats must be at least 1")
    if min(args.scaling_jobs) < 1:
        parser.error("--scaling-jobs takes process counts of at least 1")
    seeds = seed_texts()
    if not seeds:
        print(
            f"Error: no seed articles in {ROOT / 'seeds'}. Add .txt files there.", file=sys.stderr
        )
        return 1
    corpus = [text for _, text in itertools.islice(itertools.cycle(seeds), args.docs)]
    figures = measure(corpus, model=args.model, batch_size=args.batch_size, repeats=args.repeats)
    figures["seeds"] = [name for name, _ in seeds]
    if not args.no_recall:
        figures["recall"] = measure_recall(args.model)
    if not args.no_scaling:
        jobs_corpus = [
            text
            for _, text in itertools.islice(itertools.cycle(seeds), args.jobs_docs or args.docs)
        ]
        figures["scaling"] = measure_scaling(
            jobs_corpus, model=args.model, jobs=tuple(dict.fromkeys(args.scaling_jobs))
        )
    if not args.no_memory:
        figures["memory"] = measure_memory(tuple(args.rss_docs), args.model)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_table(figures, figures["seeds"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
