"""``extract --engine dask`` and ``ingest --from-jsonl``: on a local cluster of two workers,
the partitions hold exactly the records ``extract --format jsonl`` writes, and storing them
gives the rows that ingesting the texts gives. Option and set-up errors are checked without
the model (and without starting a cluster)."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from provenance import scale
from provenance.cli import app
from provenance.errors import ClusterError
from provenance.ingest import ClaimRefresher
from provenance.records import article_record, ingest_records, read_record
from provenance.scale import extract_with_dask
from provenance.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [ROOT / "seeds" / f"{name}.txt" for name in ("wire-summit", "wire-heatwave-grid")]
PAGE = (
    "<!DOCTYPE html><html><body><h1>Port strike</h1>"
    "<p>&ldquo;We will reopen the port on Monday,&rdquo; harbour master Ana Ruiz told "
    "reporters.</p><p>The union said the strike would continue.</p></body></html>"
)

runner = CliRunner()


def run(*args: str, input: str | None = None) -> Result:
    return runner.invoke(app, list(args), input=input)


def assert_clean_failure(result: Result, *, first: bool = True) -> str:
    """Exit 1, no traceback, and ``Error: ...`` on stderr (``first``: before anything else,
    else after the progress and the skips); return stderr on one line."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    assert (lines[0] if first else lines[-1]).startswith("Error:"), result.stderr
    assert "Traceback" not in result.output
    return " ".join(result.stderr.split())


def records(*files: Path) -> list[dict[str, Any]]:
    lines = (line for f in files for line in f.read_text(encoding="utf-8").splitlines())
    return [json.loads(line) for line in lines if line.strip()]


def canonical(found: list[dict[str, Any]]) -> set[str]:
    return {json.dumps(r, sort_keys=True, ensure_ascii=False) for r in found}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Two seeds, an HTML page and a file no one can read."""
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "port.html").write_text(PAGE, encoding="utf-8")
    (folder / "scan.txt").write_bytes(b"%PDF-1.7 not an article")
    return [*(str(p) for p in SEEDS), str(folder / "port.html"), str(folder / "scan.txt")]


@pytest.fixture(scope="module")
def dask_run(tmp_path_factory: pytest.TempPathFactory, inputs: list[str]) -> tuple[Path, Result]:
    out = tmp_path_factory.mktemp("dask") / "parts"
    result = run(
        "extract", "--engine", "dask", "--jobs", "2", "--partition-size", "2",
        "--out", str(out), *inputs,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out, result


@pytest.fixture(scope="module")
def local_jsonl(tmp_path_factory: pytest.TempPathFactory, inputs: list[str]) -> Path:
    result = run("extract", "--format", "jsonl", "--sentences", *inputs)
    assert result.exit_code == 0, result.output
    path = tmp_path_factory.mktemp("local") / "local.jsonl"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def ingest(db: Path, *args: str) -> Result:
    result = run("ingest", "--db", str(db), *args)
    assert result.exit_code == 0, result.output
    return result


def stored_rows(db: Path) -> dict[str, Any]:
    """What a user can ask the store about these articles, timestamps aside."""

    def who_said(query: str) -> Any:
        result = run("who-said", "--db", str(db), query, "--format", "json", "--limit", "100")
        return json.loads(result.stdout)

    exported = run("export", "--db", str(db)).stdout.splitlines()
    claims = json.loads(run("report", "--db", str(db), "--format", "json").stdout)
    with Store(db) as store:
        counts = {**store.counts(), **store.claim_counts()}
    return {
        "counts": counts,
        "who-said": [who_said(q) for q in ("warning", "heat", "port", "strike")],
        "attributions": sorted(exported),
        "claims": _no_times(claims),
    }


def _no_times(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _no_times(v) for k, v in value.items() if not k.endswith("_at")}
    if isinstance(value, list):
        return [_no_times(v) for v in value]
    return value


# --------------------------------------------------------------------------- the engine


@pytest.mark.model
def test_partitions_hold_the_records_extract_writes(
    dask_run: tuple[Path, Result], local_jsonl: Path
) -> None:
    out, _ = dask_run
    parts = sorted(out.iterdir())
    assert [p.name for p in parts] == ["part-00000.jsonl", "part-00001.jsonl"]
    got = records(*parts)
    assert len(got) == 3  # the PDF is skipped
    assert canonical(got) == canonical(records(local_jsonl))
    assert [r["doc_id"] for r in got] == ["wire-summit", "wire-heatwave-grid", "port"]
    page = got[2]
    assert page["quotes"] and all("html_offsets" in q for q in page["quotes"])
    assert all(r["sentences"] and r["text"] for r in got)


@pytest.mark.model
def test_a_running_cluster_is_used_at_its_address(tmp_path: Path, local_jsonl: Path) -> None:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
    ) as cluster:
        parts = list(
            extract_with_dask(
                [str(SEEDS[1])], tmp_path, scheduler=cluster.scheduler_address, sentences=False
            )
        )
    assert [(p.index, p.path.name, p.documents) for p in parts] == [(0, "part-00000.jsonl", 1)]
    [got] = records(parts[0].path)
    [expected] = [r for r in records(local_jsonl) if r["doc_id"] == SEEDS[1].stem]
    del expected["sentences"]
    assert got == expected


@pytest.mark.model
def test_an_unreadable_file_is_skipped_with_its_reason(dask_run: tuple[Path, Result]) -> None:
    _, result = dask_run
    err = " ".join(result.stderr.split())
    assert "Skipped" in err and "scan.txt: looks like a binary file (a PDF)" in err
    assert "3 articles in 2 partitions" in err and "1 skipped" in err
    assert "provenance ingest --from-jsonl" in err


@pytest.mark.model
def test_a_record_reads_back_as_the_document_it_was_made_from(local_jsonl: Path) -> None:
    for record in records(local_jsonl):
        document, sentences = read_record(record)
        assert sentences is not None and document.text == record["text"]
        again = article_record(document, sentences=sentences)
        if "html_offsets" in record["quotes"][0]:
            for quote in record["quotes"]:
                del quote["html_offsets"]
        assert again == record


@pytest.mark.model
def test_a_folder_that_holds_partitions_is_refused(dask_run: tuple[Path, Result]) -> None:
    out, _ = dask_run
    result = run("extract", "--engine", "dask", "--out", str(out), str(SEEDS[0]))
    err = assert_clean_failure(result)
    assert "already holds partitions (part-00000.jsonl, ...)" in err


# --------------------------------------------------------------------------- storing records


@pytest.mark.model
def test_ingest_from_jsonl_stores_what_ingesting_the_texts_stores(
    tmp_path: Path, inputs: list[str], dask_run: tuple[Path, Result]
) -> None:
    out, _ = dask_run
    ingest(tmp_path / "texts.db", *inputs)
    result = ingest(tmp_path / "parts.db", "--from-jsonl", str(out))
    assert "3 documents: 3 new, 0 updated, 0 unchanged, 0 failed" in result.stderr
    expected = stored_rows(tmp_path / "texts.db")
    assert expected["counts"]["attributions"] > 20 and expected["counts"]["claims"] > 10
    assert all(expected["who-said"])
    assert stored_rows(tmp_path / "parts.db") == expected
    # the claims were grouped from the records' sentences: no text was parsed again
    refresher = ClaimRefresher()
    with Store(tmp_path / "library.db") as store:
        outcomes = list(ingest_records([str(out)], store, claims=refresher))
    assert [o.status for o in outcomes] == ["new"] * 3
    assert [r.parsed for r in refresher.refreshes] == [0]
    assert stored_rows(tmp_path / "library.db") == expected
    again = ingest(tmp_path / "parts.db", "--from-jsonl", str(out))
    assert "0 new, 0 updated, 3 unchanged, 0 failed" in again.stderr


@pytest.mark.model
def test_records_without_sentences_are_parsed_again_for_the_claims(
    tmp_path: Path, inputs: list[str]
) -> None:
    plain = run("extract", "--format", "jsonl", *inputs)
    assert "sentences" not in plain.stdout.splitlines()[0]
    ingest(tmp_path / "texts.db", *inputs)
    db = str(tmp_path / "plain.db")
    result = run("ingest", "--db", db, "--from-jsonl", "-", input=plain.stdout)
    assert result.exit_code == 0, result.output
    assert stored_rows(tmp_path / "plain.db") == stored_rows(tmp_path / "texts.db")


@pytest.mark.model
def test_bad_lines_are_reported_and_the_rest_is_stored(tmp_path: Path, local_jsonl: Path) -> None:
    first = local_jsonl.read_text(encoding="utf-8").splitlines()[0]
    old = json.loads(first)
    del old["text"]
    bad = tmp_path / "mixed.jsonl"
    bad.write_text(f"{first}\nnot json\n{json.dumps(old)}\n", encoding="utf-8")
    result = ingest(tmp_path / "mixed.db", "--from-jsonl", str(bad), str(tmp_path / "gone.jsonl"))
    err = " ".join(result.stderr.split())
    assert "1 new, 0 updated, 0 unchanged, 3 failed" in err
    assert "mixed.jsonl, line 2: not valid JSON" in err
    assert "mixed.jsonl, line 3: no 'text' (records written by an older provenance" in err
    assert "gone.jsonl: no such file" in err


def test_nothing_ingestible_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.jsonl"
    bad.write_text('{"doc_id": "x"}\n', encoding="utf-8")
    result = run("ingest", "--db", str(tmp_path / "x.db"), "--from-jsonl", str(bad))
    err = assert_clean_failure(result, first=False)
    assert "no record could be ingested" in err
    assert "no 'text'" in err


# --------------------------------------------------------------------------- errors


def test_without_dask_the_engine_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    result = run("extract", "--engine", "dask", "--out", str(tmp_path / "p"), str(SEEDS[0]))
    err = assert_clean_failure(result)
    assert "needs dask[distributed], which is not installed" in err
    assert "pip install 'provenance[dask]'" in err
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize(
    ("address", "why"),
    [("tcp://127.0.0.1:1", "Timed out trying to connect"), ("nowhere", "missing port number")],
)
def test_a_bad_scheduler_address_is_a_clear_error(tmp_path: Path, address: str, why: str) -> None:
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = run(
            "extract", "--engine", "dask", "--scheduler", address,
            "--out", str(tmp_path / "p"), str(SEEDS[0]),
        )  # fmt: skip
    err = assert_clean_failure(result)
    assert f"cannot reach a Dask scheduler at {address}" in err and why in err
    assert "Check the address" in err
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--engine", "dask"], "--engine dask writes JSONL partitions to a folder. Give one"),
        (["--engine", "dask", "--out", "p", "-f", "table"], "not tables"),
        (
            ["--engine", "dask", "--out", "p", "--scheduler", "tcp://h:8786", "-j", "2"],
            "--jobs sizes the local cluster",
        ),
        (["--out", "p"], "--out goes with --engine dask"),
        (["--scheduler", "tcp://h:8786"], "--scheduler goes with --engine dask"),
        (["--sentences"], "--sentences adds to jsonl records. Add --format jsonl"),
        (["--engine", "dask", "--out", "p", "-"], "standard input cannot be sent to a cluster"),
    ],
)
def test_options_that_do_not_go_together(
    args: list[str], message: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    paths = [] if "-" in args else [str(SEEDS[0])]
    err = assert_clean_failure(run("extract", *args, *paths))
    assert message in err


@pytest.mark.parametrize("option", [["--jobs", "2"], ["--encoding", "cp1252"]])
def test_ingest_from_jsonl_refuses_reading_options(option: list[str], tmp_path: Path) -> None:
    result = run("ingest", "--db", str(tmp_path / "x.db"), "--from-jsonl", *option, "p/")
    err = assert_clean_failure(result)
    assert f"{option[0]} is for reading and parsing articles" in err


def test_a_partition_is_whole_or_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(scale.os, "fsync", disk_full)
    with pytest.raises(ClusterError, match="No space left on device"):
        scale._write_atomically(tmp_path / "part-00000.jsonl", ['{"doc_id": "a"}\n'] * 1000)
    assert list(tmp_path.iterdir()) == []


def test_help_teaches_the_engine_and_the_records() -> None:
    extract_help = run("extract", "--help").stdout
    assert "provenance extract --engine dask --out parts/ archive/" in extract_help
    assert "provenance[dask]" in extract_help
    ingest_help = run("ingest", "--help").stdout
    assert "provenance ingest --from-jsonl parts/" in ingest_help
