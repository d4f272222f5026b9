"""Whole-article output of the bundled seeds, compared with reviewed golden files.

Any change in what the extractor finds shows up here and in the diff of tests/golden/.
Regenerate deliberately with ``pytest tests/test_golden.py --regen-golden`` and review.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance import extract_document

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_output_matches_golden(seed: Path, request: pytest.FixtureRequest) -> None:
    doc = extract_document(seed.read_text(encoding="utf-8"), seed.stem)
    got = doc.to_json()
    got["path"] = f"seeds/{seed.name}"
    path = GOLDEN / f"{seed.stem}.json"
    if request.config.getoption("--regen-golden"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no golden file {path.name}: run pytest --regen-golden and review it")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert got == expected
