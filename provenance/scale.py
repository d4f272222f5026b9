"""Extraction on a Dask cluster, for archives that outgrow one machine.

The file list is cut into partitions of ``partition_size`` articles; each partition is one
task that reads its files on a worker, extracts them with the same library functions as
``provenance extract`` (the spaCy pipeline and the rules are loaded once per worker process
and cached there) and writes ``part-00000.jsonl``, ``part-00001.jsonl``, ... in the record
format of ``extract --format jsonl`` (:mod:`provenance.records`). ``provenance ingest
--from-jsonl`` then stores them: the heavy part runs on the cluster, the SQLite store stays in
one process.

- A local cluster (one single-threaded worker process per CPU core) is started by default;
  with ``scheduler`` the tasks go to a running cluster, whose workers must have provenance
  installed and see the input files and the output folder at the same paths.
- One article that cannot be read or parsed is skipped with the reason (returned with its
  partition); a missing model or broken rules stop the run.
- A partition is written to a temporary file and renamed when complete, so a killed run
  leaves whole partitions only.
- Dask is an optional dependency (``pip install 'provenance[dask]'``), imported when used.

>>> # for part in extract_with_dask(["archive/"], "parts/", workers=4):
>>> #     print(part.path, part.documents, part.skipped)
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from provenance.errors import ClusterError, InputError, ProvenanceError, RulesError
from provenance.inputs import DEFAULT_MAX_CHARS, check_encoding, expand, read_article

# some ten seconds of parsing per task on one core (about 10 articles/s): long enough that
# scheduling costs nothing, short enough to keep every worker busy and a lost one cheap
DEFAULT_PARTITION_SIZE = 100
INSTALL_HINT = "pip install 'provenance[dask]'"


@dataclass(frozen=True, slots=True)
class Partition:
    """One partition written: its file, how many inputs it was given, how many articles it
    holds with how many attributions, and why each of the others was skipped."""

    index: int
    path: Path
    inputs: int
    documents: int
    attributions: int
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Task:
    """What every partition's task needs besides its files (sent to the workers)."""

    out_dir: str
    cwd: str
    model: str | None
    rules_dir: Path | None
    encoding: str | None
    max_chars: int | None
    sentences: bool


def extract_with_dask(
    paths: Sequence[str],
    out_dir: str | Path,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    model: str | None = None,
    rules_dir: str | Path | None = None,
    encoding: str | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    sentences: bool = True,
) -> Iterator[Partition]:
    """Extract the articles in ``paths`` (files and folders of ``*.txt``/``*.html``) on a Dask
    cluster into JSONL partitions in ``out_dir``, yielding each partition as it is written
    (in the order they finish; ``Partition.index`` gives their place).

    ``scheduler``: the address of a running scheduler (``tcp://host:8786``); without it a
    local cluster of ``workers`` processes (default: one per CPU core) runs while the result
    is iterated. ``sentences``: write each article's parse, so that ``ingest --from-jsonl``
    need not parse again.

    What can be checked without a cluster is checked before this returns, raising
    :class:`ClusterError` (Dask not installed, scheduler unreachable), :class:`InputError` (no
    inputs, ``out_dir`` unusable or holding partitions) or :class:`RulesError`. Iterating does
    the work and raises :class:`ClusterError` (a worker lost) or :class:`ModelError`; never for
    one bad article.
    """
    distributed = _import_distributed()
    if partition_size < 1:
        raise InputError(f"a partition holds at least one article, not {partition_size}")
    check_encoding(encoding)
    from provenance.rules import load_rules

    rules = None if rules_dir is None else Path(rules_dir).resolve()
    load_rules(rules)  # broken rules fail here, before a cluster starts
    files = _inputs(paths)
    if scheduler:
        _probe(scheduler)
    out = _output_folder(out_dir)
    task = _Task(str(out), os.getcwd(), model, rules, encoding, max_chars, sentences)
    batches = [files[i : i + partition_size] for i in range(0, len(files), partition_size)]
    return _run(distributed, batches, task, scheduler, workers)


def _run(
    distributed: Any,
    batches: list[list[str]],
    task: _Task,
    scheduler: str | None,
    workers: int | None,
) -> Iterator[Partition]:
    with _client(distributed, scheduler, workers) as client:
        futures = [
            client.submit(extract_partition, n, batch, task, pure=False)
            for n, batch in enumerate(batches)
        ]
        try:
            for future in distributed.as_completed(futures, loop=client.loop):
                yield _result(distributed, future)
        finally:
            client.cancel(futures)


def extract_partition(index: int, paths: Sequence[str], task: _Task) -> Partition:
    """Run on a worker: read and extract ``paths`` and write partition ``index``."""
    from provenance.ingest import parse_or_failure
    from provenance.records import record_line

    lines: list[str] = []
    skipped: list[str] = []
    attributions = 0
    for path in paths:
        try:
            article = read_article(
                _on_worker(path, task.cwd), encoding=task.encoding, max_chars=task.max_chars
            )
        except InputError as exc:
            skipped.append(str(exc))
            continue
        article = replace(article, path=path)  # the name as given, as extract writes it
        try:
            parsed = parse_or_failure(article, task.model, task.rules_dir)
        except RulesError as exc:  # its pickled copy would lose the problem list
            raise ClusterError(f"on a worker, {exc}") from None
        if isinstance(parsed, str):
            skipped.append(parsed)
            continue
        document, found = parsed
        attributions += len(document.attributions)
        lines.append(
            record_line(document, html=article.html, sentences=found if task.sentences else None)
        )
    target = Path(task.out_dir) / f"part-{index:05d}.jsonl"
    _write_atomically(target, lines)
    return Partition(index, target, len(paths), len(lines), attributions, tuple(skipped))


def _on_worker(path: str, cwd: str) -> str:
    """``path`` as this worker can open it: a relative path is relative to the folder the
    run started in (a remote worker's own folder may be any)."""
    if Path(path).is_absolute() or os.getcwd() == cwd:
        return path
    return str(Path(cwd) / path)


def _write_atomically(target: Path, lines: list[str]) -> None:
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")  # not *.jsonl: never read
    try:
        with open(temp, "w", encoding="utf-8", newline="\n") as f:
            f.writelines(lines)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ClusterError(
            f"cannot write {target} ({exc.strerror or exc}). Check that every worker can "
            "write to the output folder"
        ) from None


def _inputs(paths: Sequence[str]) -> list[str]:
    if "-" in paths:
        raise InputError(
            "standard input cannot be sent to a cluster. Save it to a file and give its path"
        )
    files = list(expand(list(paths)))
    if not files:
        raise InputError(
            f"{', '.join(paths) or 'no path given'}: no .txt or .html files to extract"
        )
    return files


def _output_folder(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder {out} ({exc.strerror or exc})") from None
    old = sorted(out.glob("part-*.jsonl"))
    if old:
        raise InputError(
            f"{out} already holds partitions ({old[0].name}, ...), which this run would mix "
            "with its own. Give a new folder, or remove them"
        )
    return out.resolve()


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ClusterError(
            f"the Dask engine needs dask[distributed], which is not installed. Install it "
            f"with: {INSTALL_HINT}"
        ) from None
    return distributed


@contextmanager
def _client(distributed: Any, scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler``, else of a local cluster started for it."""
    if scheduler:
        with distributed.Client(scheduler, set_as_default=False) as client:
            yield client
        return
    n = workers or os.cpu_count() or 1
    try:
        cluster = distributed.LocalCluster(
            n_workers=n,
            threads_per_worker=1,  # spaCy is not thread-safe; one process per core
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    except Exception as exc:  # any failure to start says the same
        raise ClusterError(f"could not start a local Dask cluster of {n} workers ({exc})") from exc
    with cluster, distributed.Client(cluster, set_as_default=False) as client:
        yield client


def _probe(address: str) -> None:
    """Connect once before making a client: a client that fails to connect leaves a
    half-made object that complains when collected."""
    from distributed.comm.core import connect

    async def knock() -> None:
        comm = await connect(address)  # type: ignore[no-untyped-call]
        await comm.close()

    try:
        asyncio.run(knock())
    except Exception as exc:  # refused, timed out, bad address, not Dask
        raise ClusterError(
            f"cannot reach a Dask scheduler at {address} ({type(exc).__name__}: {exc}). "
            "Check the address (e.g. tcp://10.0.0.5:8786) and that 'dask scheduler' runs there"
        ) from None


def _result(distributed: Any, future: Any) -> Partition:
    try:
        part: Partition = future.result()
    except ProvenanceError:
        raise
    except distributed.KilledWorker as exc:
        raise ClusterError(
            f"a worker died on every try at a partition ({exc}); it may have run out of "
            "memory. Give smaller --partition-size or fewer, larger workers"
        ) from None
    return part
