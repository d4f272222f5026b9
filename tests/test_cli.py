"""The ``provenance`` command as users meet it: exit codes, stdout, stderr and messages.

Run through typer's ``CliRunner`` and once as a real subprocess of the installed console
script. Tests that run the extractor need the spaCy pipeline and carry the ``model`` marker;
bad-input, ``rules check`` and ``eval --pred`` tests never load it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from provenance.cli import app, reflow

SHIPPED_RULES = Path(__file__).resolve().parent.parent / "rules"

ARTICLE = (
    '"We will reopen the port on Monday," harbour master Ana Ruiz told reporters.\n'
    "The union said the strike would continue.\n"
    "Dockers have been out since early June.\n"
)
DIRECT = "We will reopen the port on Monday"
REPORTED = "the strike would continue"

_ANSI = re.compile(r"\x1b\[[0-9;]*m")

runner = CliRunner()


def run(*args: str, input: str | bytes | None = None) -> Result:
    return runner.invoke(app, list(args), input=input)


def plain(text: str) -> str:
    """Output without colour codes, in case the environment forces a colour terminal."""
    return _ANSI.sub("", text)


def stdout_of(result: Result) -> str:
    return plain(result.stdout)


def stderr_of(result: Result) -> str:
    return plain(result.stderr)


def assert_clean_failure(result: Result) -> str:
    """Exit 1 with ``Error: ...`` on stderr and no traceback; return stderr."""
    err = stderr_of(result)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert err.startswith("Error:"), err
    assert "Traceback" not in result.output
    return err


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def check_document(doc: dict[str, Any], text: str) -> None:
    """Spans slice the text exactly, and both attributions of ``ARTICLE`` are found."""
    for q in doc["quotes"]:
        start, end = q["content"]
        assert text[start:end] == q["content_text"]
        if q["speaker"] is not None:
            start, end = q["speaker"]
            assert text[start:end] == q["speaker_text"]
    by_content = {q["content_text"].strip(' ,."'): q for q in doc["quotes"]}
    assert by_content[DIRECT]["kind"] == "direct"
    assert by_content[DIRECT]["speaker_text"] in {"Ana Ruiz", "harbour master Ana Ruiz"}
    assert by_content[DIRECT]["cue_text"] == "told"
    assert by_content[REPORTED]["kind"] == "indirect"
    assert by_content[REPORTED]["speaker_text"] == "The union"
    assert by_content[REPORTED]["cue_text"] == "said"


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize(
    ("command", "example"),
    [
        (["extract"], "provenance extract --format jsonl story.txt"),
        (["eval"], "provenance eval ../shared/gold/afp-selydove.jsonl"),
        (["rules", "check"], "provenance rules check rules/"),
    ],
)
def test_help_shows_an_example(command: list[str], example: str) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    out = stdout_of(result)
    assert "Usage:" in out
    assert "Example" in out
    assert example in out


def test_help_joins_a_paragraph_and_keeps_examples_line_for_line() -> None:
    doc = """Score the extractor.

    Prints precision, recall and F1 for content, speaker and each kind, the accuracy of
    speakers, resolved sources and chains.

    - one item that goes on
      over two lines
    - another

    Examples:

      provenance eval gold.jsonl

      provenance eval gold.jsonl --json
    """
    assert reflow(doc).split("\n\n") == [
        "Score the extractor.",
        "Prints precision, recall and F1 for content, speaker and each kind, the accuracy of "
        "speakers, resolved sources and chains.",
        "- one item that goes on over two lines\n- another",
        "Examples:",
        "  provenance eval gold.jsonl",
        "  provenance eval gold.jsonl --json",
    ]


@pytest.mark.parametrize("command", [["eval"], ["export"], ["rules", "check"], ["regroup"]])
def test_help_examples_stay_indented_under_their_heading(command: list[str]) -> None:
    out = stdout_of(run(*command, "--help"))
    examples = [line for line in out.splitlines() if line.strip().startswith("provenance ")]
    assert examples, out
    heading = next(line for line in out.splitlines() if line.strip().startswith("Example"))
    indent = len(heading) - len(heading.lstrip())
    assert all(len(line) - len(line.lstrip()) > indent for line in examples), out


def test_top_level_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    out = stdout_of(result)
    for name in ("extract", "eval", "rules"):
        assert name in out


# --------------------------------------------------------------------------- extract


@pytest.mark.model
def test_extract_jsonl_one_object_per_document(tmp_path: Path) -> None:
    path = write(tmp_path / "port-strike.txt", ARTICLE)
    result = run("extract", "--format", "jsonl", str(path))
    assert result.exit_code == 0, result.output
    assert stderr_of(result) == ""
    [doc] = jsonl(stdout_of(result))
    assert doc["doc_id"] == "port-strike"
    assert doc["path"] == str(path)
    check_document(doc, ARTICLE)


@pytest.mark.model
def test_extract_table_names_the_document(tmp_path: Path) -> None:
    path = write(tmp_path / "port.txt", ARTICLE)
    result = run("extract", str(path))
    assert result.exit_code == 0, result.output
    out = stdout_of(result)
    assert "port:" in out
    assert "attributions" in out
    assert "told" in out


@pytest.mark.model
def test_extract_reads_stdin() -> None:
    result = run("extract", "-f", "jsonl", "-", input=ARTICLE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    [doc] = jsonl(stdout_of(result))
    assert doc["doc_id"] == "stdin"
    check_document(doc, ARTICLE)


@pytest.mark.model
def test_extract_reads_folders_recursively(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", ARTICLE)
    write(tmp_path / "in" / "deeper" / "b.txt", "The mayor said the bridge was safe.\n")
    write(tmp_path / "in" / "notes.md", "The editor said this is not an article.\n")
    result = run("extract", "-f", "jsonl", str(tmp_path / "in"))
    assert result.exit_code == 0, result.output
    docs = jsonl(stdout_of(result))
    assert [d["doc_id"] for d in docs] == ["a", "b"]
    check_document(docs[0], ARTICLE)
    [said] = docs[1]["quotes"]
    assert said["speaker_text"] == "The mayor"
    assert said["content_text"] == "the bridge was safe"


BAD_INPUTS: dict[str, bytes | None] = {
    "missing.txt": None,
    "empty.txt": b"",
    "blank.txt": b" \n\n\t\n",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "latin1.txt": b"Le caf\xe9 a ferm\xe9, a dit le maire.",
}
REASONS = {
    "missing.txt": "no such file",
    "empty.txt": "empty file",
    "blank.txt": "empty file",
    "binary.txt": "binary",
    "latin1.txt": "not UTF-8",
}


def bad_input(tmp_path: Path, name: str) -> Path:
    data = BAD_INPUTS[name]
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_extract_nothing_readable_is_an_error(tmp_path: Path, name: str) -> None:
    result = run("extract", "-f", "jsonl", str(bad_input(tmp_path, name)))
    err = assert_clean_failure(result)
    assert name in err
    assert REASONS[name] in err
    assert stdout_of(result) == ""


@pytest.mark.parametrize("name", ["[draft].txt", "[/draft].txt", "[[verb]].txt"])
def test_extract_error_shows_bracketed_paths_verbatim(tmp_path: Path, name: str) -> None:
    """Paths are text, not rich markup: nothing dropped, no MarkupError traceback."""
    path = write(tmp_path / name.replace("/", "_"), b"")
    missing = tmp_path / name
    err = assert_clean_failure(run("extract", str(path), str(missing)))
    assert str(path) in err
    assert str(missing) in err


def test_extract_folder_without_txt_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "in" / "story.md", ARTICLE)
    err = assert_clean_failure(run("extract", str(tmp_path / "in")))
    assert "no .txt files" in err


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"caf\xe9", "not UTF-8"), (b"\x00\x01\x02", "binary")],
)
def test_extract_bad_stdin_is_an_error(data: bytes, reason: str) -> None:
    err = assert_clean_failure(run("extract", "-", input=data))
    assert "standard input" in err
    assert reason in err


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_extract_skips_bad_file_and_keeps_good_one(tmp_path: Path, name: str) -> None:
    bad = bad_input(tmp_path, name)
    good = write(tmp_path / "good.txt", ARTICLE)
    result = run("extract", "-f", "jsonl", str(bad), str(good))
    assert result.exit_code == 0, result.output
    err = stderr_of(result)
    assert err.startswith("Skipped"), err
    assert str(bad) in err
    assert REASONS[name] in err
    assert "Error:" not in err
    [doc] = jsonl(stdout_of(result))
    assert doc["doc_id"] == "good"
    check_document(doc, ARTICLE)


@pytest.mark.model
def test_extract_skip_after_a_good_file_is_reported(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", ARTICLE)
    bad = bad_input(tmp_path, "latin1.txt")
    result = run("extract", "-f", "jsonl", str(good), str(bad))
    assert result.exit_code == 0, result.output
    assert f"Skipped {bad}" in stderr_of(result)
    assert [d["doc_id"] for d in jsonl(stdout_of(result))] == ["good"]


def test_extract_with_broken_rules_is_an_error(tmp_path: Path) -> None:
    article = write(tmp_path / "port.txt", ARTICLE)
    err = assert_clean_failure(run("extract", "--rules", str(tmp_path / "nowhere"), str(article)))
    assert "rules folder not found" in err


@pytest.mark.model
def test_console_script_runs_as_a_real_process(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "provenance"
    if not script.is_file():
        pytest.skip(f"no provenance console script beside {sys.executable}")
    proc = subprocess.run(
        [str(script), "extract", "--format", "jsonl", "-"],
        input=ARTICLE.encode("utf-8"),
        capture_output=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    [doc] = jsonl(proc.stdout.decode("utf-8"))
    check_document(doc, ARTICLE)


# --------------------------------------------------------------------------- rules check


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped rules, free to break."""
    return Path(shutil.copytree(SHIPPED_RULES, tmp_path / "rules"))


def test_rules_check_passes_on_shipped_rules() -> None:
    result = run("rules", "check", str(SHIPPED_RULES))
    assert result.exit_code == 0, result.output
    assert "valid" in stdout_of(result)


def test_rules_check_default_folder_passes() -> None:
    result = run("rules", "check")
    assert result.exit_code == 0, result.output


def test_rules_check_lists_file_and_key_of_a_broken_stance(rules_copy: Path) -> None:
    cues = rules_copy / "cues.toml"
    text = cues.read_text(encoding="utf-8")
    number = sum(1 for line in text.splitlines() if line.strip() == "[[verb]]") + 1
    cues.write_text(text + '\n[[verb]]\nlemma = "mutter"\nstance = "grumbling"\n', "utf-8")
    result = run("rules", "check", str(rules_copy))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    err = stderr_of(result)
    [line] = [line for line in err.splitlines() if "grumbling" in line]
    assert f"cues.toml: verb[{number}].stance:" in line
    assert "expected one of" in line
    assert "Error: 1 problem" in err


# --------------------------------------------------------------------------- eval


def at(needle: str) -> list[int]:
    """``[start, end)`` of the first ``needle`` in ``ARTICLE``."""
    start = ARTICLE.index(needle)
    return [start, start + len(needle)]


def gold_quote(kind: str, content: str, speaker: str, cue: str, source: str) -> dict[str, Any]:
    return {
        "content": at(content),
        "content_text": content,
        "speaker": at(speaker),
        "speaker_text": speaker,
        "cue": at(cue),
        "cue_text": cue,
        "kind": kind,
        "required": True,
        "source": source,
    }


def gold_doc() -> dict[str, Any]:
    """A hand-written gold line for ``ARTICLE`` (format: shared/gold/README.md)."""
    return {
        "doc_id": "port",
        "file": "port.txt",
        "quotes": [
            gold_quote("direct", DIRECT, "harbour master Ana Ruiz", "told", "Ana Ruiz"),
            gold_quote("indirect", REPORTED, "The union", "said", "union"),
        ],
        "not_quotes": [],
        "claims": [],
    }


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    return write(tmp_path / "gold.jsonl", json.dumps(gold_doc()) + "\n")


def test_eval_prediction_equal_to_gold_scores_one(gold_file: Path) -> None:
    result = run("eval", str(gold_file), "--pred", str(gold_file))
    assert result.exit_code == 0, result.output
    [row] = [line for line in stdout_of(result).splitlines() if "content" in line]
    assert row.count("1.000") == 3, row


def test_eval_json_is_parseable(gold_file: Path) -> None:
    result = run("eval", str(gold_file), "--pred", str(gold_file), "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(stdout_of(result))
    assert figures["docs"] == 1
    assert figures["content"]["f1"] == 1.0
    assert figures["content"]["required"] == 2


def test_eval_counts_a_missed_attribution(gold_file: Path, tmp_path: Path) -> None:
    pred = gold_doc()
    del pred["quotes"][1]
    pred_file = write(tmp_path / "pred.jsonl", json.dumps(pred) + "\n")
    result = run("eval", str(gold_file), "--pred", str(pred_file), "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(stdout_of(result))
    assert figures["content"]["recall"] == 0.5
    assert figures["content"]["precision"] == 1.0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"doc_id": "port", "quotes": [\n', "line 1: not valid JSON"),
        ('{"doc_id": "port"}\n', "line 1"),
        ("\n" + json.dumps({"doc_id": "port", "quotes": [{"kind": "direct"}]}) + "\n", "line 2"),
    ],
)
def test_eval_malformed_jsonl_is_an_error(
    gold_file: Path, tmp_path: Path, content: str, message: str
) -> None:
    bad = write(tmp_path / "pred.jsonl", content)
    err = assert_clean_failure(run("eval", str(gold_file), "--pred", str(bad)))
    assert str(bad) in err
    assert message in err


def test_eval_missing_gold_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    err = assert_clean_failure(run("eval", str(missing), "--pred", str(missing)))
    assert str(missing) in err
