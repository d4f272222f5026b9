"""The README stays true: every command documented with an example, the two set-up commands
are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from provenance.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    names = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(cmd, "commands", None)
        names.extend(f"{name} {s}" for s in sub) if sub else names.append(name)
    return names


def test_every_command_has_a_section_and_an_example() -> None:
    for name in _commands():
        assert f"### `provenance {name}" in README, name
        assert re.search(rf"^provenance {name}\b", README, re.M), f"no example of {name}"


def test_the_test_command_is_the_one_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/python -m pytest" in README
    assert ".venv/bin/python -m pytest" in ci
    assert "pip install -e '.[test]'" in README and "pip install -e '.[test]'" in ci


def test_main_command_runs_on_the_bundled_seeds() -> None:
    main = ".venv/bin/provenance ingest seeds/ && .venv/bin/provenance report"
    assert main in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert main in ci
    assert len(list((ROOT / "seeds").glob("*.txt"))) >= 6
