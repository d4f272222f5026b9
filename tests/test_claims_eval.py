"""Scoring claims against gold: the matching on hand-built input, then the measured bars on the
reference dispatch and the seeds (``model``: they extract with the spaCy pipeline)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from builders import document, said

from provenance.api import extract_document
from provenance.claims import group_claims
from provenance.claims_eval import ClaimEvaluation, evaluate_claims
from provenance.evaluate import gold_text_path, load_jsonl
from provenance.models import Claim, Document
from provenance.rules import load_rules
from provenance.sentences import plain_sentences

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_GOLD = SHARED / "gold" / "afp-selydove.jsonl"
SEEDS_GOLD = ROOT / "seeds" / "gold.jsonl"
RULES = load_rules()

TEXT = (
    "Kestrel recalls scooters\n"
    "Kestrel said it would recall 180,000 scooters. The regulator said 37 fires were reported.\n"
    "Russian attacks also killed two people in Kherson.\n"
)


def quote(text: str, content: str) -> dict[str, Any]:
    start = text.index(content)
    return {"kind": "indirect", "content": [start, start + len(content)], "content_text": content}


def hand_built() -> tuple[list[dict[str, Any]], Document]:
    gold = {
        "doc_id": "recall",
        "quotes": [
            quote(TEXT, "it would recall 180,000 scooters"),
            quote(TEXT, "37 fires were reported"),
        ],
        "claims": [
            {
                "text": "Kestrel recalls 180,000 scooters",
                "attributions": [0],
                "origins": ["Kestrel"],
                "flags": ["single_source", "unverified_party_claim"],
            },
            {
                "text": "37 fires were reported",
                "attributions": [1],
                "origins": ["regulator"],
                "flags": ["single_source", "disputed"],
            },
            {
                "text": "Russian attacks killed two people in Kherson",
                "attributions": [],
                "origins": [],
                "flags": ["unattributed"],
            },
        ],
    }
    doc = document(
        "recall",
        TEXT,
        said(TEXT, "it would recall 180,000 scooters", "Kestrel", source_type="company"),
        said(
            TEXT,
            "37 fires were reported",
            "The regulator",
            source="regulator",
            source_type="government",
            evidence="head noun 'regulator'",
        ),
    )
    return [gold], doc


def test_matching_flags_origins_and_micro_f1() -> None:
    gold, doc = hand_built()
    ev = evaluate_claims(gold, [doc], group_claims([doc], RULES, parse=plain_sentences), RULES)
    assert [r.matched for r in ev.results] == [True, True, True]
    assert [r.flags_right for r in ev.results] == [True, False, True]
    assert [r.origins_right for r in ev.results] == [True, True, True]
    assert (ev.micro.tp, ev.micro.fp, ev.micro.fn) == (4, 0, 1)
    assert ev.micro.f1 == pytest.approx(8 / 9)
    assert ev.extra_unattributed == ()


def test_an_unmatched_claim_misses_all_its_flags() -> None:
    gold, doc = hand_built()
    ev = evaluate_claims(gold, [doc], [], RULES)
    assert ev.count("matched") == 0
    assert (ev.micro.tp, ev.micro.fp, ev.micro.fn) == (0, 0, 5)


def test_extra_unattributed_claims_count_only_in_the_strict_score() -> None:
    gold, doc = hand_built()
    gold[0]["claims"].pop()  # gold no longer lists the casualty sentence
    ev = evaluate_claims(gold, [doc], group_claims([doc], RULES, parse=plain_sentences), RULES)
    assert len(ev.extra_unattributed) == 1
    assert ev.strict.fp == ev.micro.fp + 1
    assert ev.to_json()["claims"] == 2


# --------------------------------------------------------------------------- measured bars


@cache
def measured(gold_path: Path) -> tuple[ClaimEvaluation, tuple[Document, ...]]:
    """Claims per document (gold flags are per document), scored against the gold."""
    gold = load_jsonl(gold_path)
    docs: list[Document] = []
    claims: list[Claim] = []
    for g in gold:
        text = gold_text_path(gold_path, g).read_text(encoding="utf-8")
        doc = extract_document(text, g["doc_id"], rules=RULES)
        docs.append(doc)
        claims += group_claims([doc], RULES)
    return evaluate_claims(gold, docs, claims, RULES), tuple(docs)


@pytest.mark.model
def test_reference_dispatch_claims() -> None:
    if not SHARED_GOLD.exists():
        pytest.skip(f"no shared gold at {SHARED_GOLD}")
    ev, _ = measured(SHARED_GOLD)
    total = len(ev.results)
    assert total == 12
    assert ev.count("matched") == total
    assert ev.count("flags_right") >= 10
    assert ev.count("origins_right") == total  # "Both countries" is Ukraine and South Korea
    assert ev.micro.f1 >= 0.9


@pytest.mark.model
def test_seed_claims() -> None:
    ev, _ = measured(SEEDS_GOLD)
    assert len(ev.results) == 69
    assert ev.count("matched") >= 65
    # 52 since an interested party's outright word is disputed (three seed claims gain the
    # flag their gold does not give; over the held-out sets the rule gains more than it costs);
    # 51 since what a speaker insists on is disputed (Kestrel Mobility "insisted the risk to
    # riders remained 'extremely low'": its gold does not dispute it; over sets one to
    # forty-seven the rule gains 15 true flags for 7 false ones)
    assert ev.count("flags_right") >= 51
    assert ev.micro.f1 >= 0.88
    assert ev.strict.f1 >= 0.85


def cross_doc(relation: str) -> list[tuple[str, tuple[str, ...]]]:
    """For the gold claims linked across documents with ``relation``: each document's claim
    as grouped over the linked documents together, as (claim id, flags)."""
    ev, docs = measured(SEEDS_GOLD)
    gold = load_jsonl(SEEDS_GOLD)
    linked = [
        (g, c)
        for g in gold
        for c in g["claims"]
        if c.get("cross_doc", {}).get("relation") == relation
    ]
    ids = {d for _, c in linked for d in c["cross_doc"]["docs"]}
    together = [d for d in docs if d.doc_id in ids]
    scored = evaluate_claims(
        [g for g in gold if g["doc_id"] in ids], together, group_claims(together, RULES), RULES
    )
    texts = {c["text"] for _, c in linked}
    return [(r.claim_id or "", r.predicted_flags) for r in scored.results if r.text in texts]


@pytest.mark.model
def test_cross_document_independent_origins_corroborate() -> None:
    found = cross_doc("independent")
    assert len(found) == 2
    assert len({claim_id for claim_id, _ in found}) == 1  # one claim over both documents
    assert all("corroborated" in flags for _, flags in found)


@pytest.mark.model
def test_cross_document_same_origin_is_one_single_sourced_claim() -> None:
    found = cross_doc("same_origin")
    assert len(found) == 2
    assert all("corroborated" not in flags for _, flags in found)
    # the report's statement in both dispatches is one claim with one origin
    ev, docs = measured(SEEDS_GOLD)
    pair = [d for d in docs if d.doc_id in ("wire-czech-election", "wire-summit")]
    spanning = [c for c in group_claims(pair, RULES) if len(c.doc_ids) == 2]
    assert len(spanning) == 1
    (claim,) = spanning
    assert [o.name for o in claim.origins] == ["BIS counter-intelligence service"]
    assert "single_source" in claim.flag_names and "corroborated" not in claim.flag_names
