"""Score claims and flags against gold (the `claims` of a gold JSONL), as the README reports.

    .venv/bin/python bench/eval_claims.py ../shared/gold/afp-selydove.jsonl [-v]

Each document is extracted and its claims grouped on its own (gold flags are per document),
then each cross-document pair marked in the gold (`cross_doc`) is grouped together.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from provenance.api import extract_document
from provenance.claims import group_claims
from provenance.claims_eval import evaluate_claims
from provenance.evaluate import gold_text_path, load_jsonl
from provenance.rules import load_rules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every claim")
    args = parser.parse_args()
    rules = load_rules()
    gold = load_jsonl(args.gold)
    docs, claims = [], []
    for g in gold:
        text = gold_text_path(args.gold, g).read_text(encoding="utf-8")
        doc = extract_document(text, str(g["doc_id"]), rules=rules)
        docs.append(doc)
        claims += group_claims([doc], rules)
    ev = evaluate_claims(gold, docs, claims, rules)
    j = ev.to_json()
    print(
        f"{args.gold}: {j['claims']} gold claims; matched {j['matched']}, grouped exactly "
        f"{j['exact']}, flags right {j['flags_right']}, origins right {j['origins_right']}"
    )
    m, s = ev.micro, ev.strict
    print(
        f"micro-F1 over (claim, flag): P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f} "
        f"(tp {m.tp} fp {m.fp} fn {m.fn}); strict F1 {s.f1:.3f} "
        f"(extra unattributed claims: {len(ev.extra_unattributed)})"
    )
    for r in ev.results:
        if args.verbose or not (r.flags_right and r.origins_right and r.exact):
            print(
                f"  [{r.doc_id[:16]}] {r.text[:60]!r}: matched={r.matched} exact={r.exact} "
                f"flags {sorted(r.gold_flags)} -> {sorted(r.predicted_flags)}; "
                f"origins {list(r.gold_origins)} -> {list(r.predicted_origins)}"
            )
    pairs: dict[str, tuple[str, list[str]]] = {}
    for g in gold:
        for c in g.get("claims", []):
            if "cross_doc" in c:
                pairs.setdefault(
                    c["cross_doc"]["key"], (c["cross_doc"]["relation"], c["cross_doc"]["docs"])
                )
    for key, (relation, ids) in pairs.items():
        sub = [d for d in docs if d.doc_id in ids]
        ev2 = evaluate_claims(
            [g for g in gold if g["doc_id"] in ids], sub, group_claims(sub, rules), rules
        )
        texts = {
            c["text"]
            for g in gold
            if g["doc_id"] in ids
            for c in g["claims"]
            if c.get("cross_doc", {}).get("key") == key
        }
        rows = [r for r in ev2.results if r.text in texts]
        same = len({r.claim_id for r in rows}) == 1 and rows[0].claim_id is not None
        print(
            f"cross-doc {key} ({relation}): one predicted claim: {same}; "
            + "; ".join(f"{r.doc_id}: {sorted(r.predicted_flags)}" for r in rows)
        )


if __name__ == "__main__":
    main()
