"""One error hierarchy: the CLI prints ``Error: <what happened>. <what to do>`` and exits 1."""

from __future__ import annotations


class ProvenanceError(Exception):
    """Base of every error the library raises on purpose (anything else is a bug)."""


class RulesError(ProvenanceError):
    """Rule files are missing or invalid; ``problems`` lists every one found, not just the first."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the rule files"
        super().__init__(head + ":\n" + "\n".join(f"  - {p}" for p in self.problems))


class InputError(ProvenanceError):
    """An input file or stream could not be read as article text."""


class ModelError(ProvenanceError):
    """The spaCy pipeline could not be loaded."""


class StoreError(ProvenanceError):
    """The database could not be opened, migrated or written."""


class ClusterError(ProvenanceError):
    """The Dask engine is not installed, or its cluster could not be started or reached."""
