"""Score predicted claims against the ``claims`` of gold documents (``shared/gold/README.md``).

Pure Python over gold JSON dicts, the predicted :class:`~provenance.models.Document` objects
and the claims :func:`provenance.claims.group_claims` made from them.

- Each gold attribution is paired with a predicted one as :mod:`provenance.evaluate` pairs them
  (content spans overlapping by at least half of the shorter, one to one).
- A gold claim with attributions is **matched** to the predicted claim holding most of its
  paired attributions (the earliest such claim on a tie); it is **grouped exactly** when that
  claim holds all of them and none paired with another gold claim's attributions only.
- A gold claim without attributions (unattributed) is matched to the predicted unattributed
  claim of its document whose sentence is most like its text (rapidfuzz ``token_set_ratio``
  at least :data:`TEXT_MATCH`), one to one.
- **Flags right**: the matched claim's flags equal the gold flags. **Origins right**: as many
  origins, and each gold origin names a predicted one (containment or close spelling, as for
  sources, or both are names of one listed source).
- **Micro-F1** over (claim, flag) pairs of the gold claims: an unmatched gold claim misses
  all its flags. ``strict`` also counts, as false positives, the flags of predicted
  unattributed claims that match no gold claim (gold marks every unattributed claim; it
  does not list every attributed statement, so other unmatched predictions are not scored).

>>> # evaluate_claims(gold_docs, docs, claims).micro.f1
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from provenance.evaluate import _align, _names, _parse_doc, _parse_quote, _Quote
from provenance.models import Attribution, Claim, ClaimMember, Document, Flag, Origin, Span
from provenance.rules import Rules, normalise_name

#: token_set_ratio at or above which a gold unattributed claim's text matches a sentence.
TEXT_MATCH = 60


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """One gold claim and what became of it."""

    doc_id: str
    text: str
    gold_flags: tuple[str, ...]
    gold_origins: tuple[str, ...]
    matched: bool
    exact: bool
    predicted_flags: tuple[str, ...]
    predicted_origins: tuple[str, ...]
    origins_right: bool
    claim_id: str | None = None

    @property
    def flags_right(self) -> bool:
        return self.matched and set(self.gold_flags) == set(self.predicted_flags)

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "text": self.text,
            "matched": self.matched,
            "exact": self.exact,
            "flags_right": self.flags_right,
            "origins_right": self.origins_right,
            "gold_flags": list(self.gold_flags),
            "predicted_flags": list(self.predicted_flags),
            "gold_origins": list(self.gold_origins),
            "predicted_origins": list(self.predicted_origins),
            "claim_id": self.claim_id,
        }


@dataclass(frozen=True, slots=True)
class MicroScore:
    """True positives, false positives and false negatives over (claim, flag) pairs."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(frozen=True, slots=True)
class ClaimEvaluation:
    """Every gold claim's result and the totals."""

    results: tuple[ClaimResult, ...]
    micro: MicroScore
    strict: MicroScore
    extra_unattributed: tuple[str, ...]

    def count(self, what: str) -> int:
        """How many gold claims were ``matched``, ``exact``, ``flags_right`` or
        ``origins_right``."""
        return sum(1 for r in self.results if getattr(r, what))

    def to_json(self) -> dict[str, Any]:
        total = len(self.results)
        return {
            "claims": total,
            **{k: self.count(k) for k in ("matched", "exact", "flags_right", "origins_right")},
            "micro": self.micro.to_json(),
            "strict": self.strict.to_json(),
            "extra_unattributed": list(self.extra_unattributed),
            "results": [r.to_json() for r in self.results],
        }


def evaluate_claims(
    gold_docs: Sequence[dict[str, Any]],
    docs: Sequence[Document],
    claims: Sequence[Claim],
    rules: Rules | None = None,
) -> ClaimEvaluation:
    """Score ``claims`` (made from ``docs``) against the gold documents' claims; gold
    documents without a predicted document count every claim as unmatched."""
    by_id = {d.doc_id: d for d in docs}
    results: list[ClaimResult] = []
    used: set[str] = set()
    for gold in gold_docs:
        doc = by_id.get(str(gold["doc_id"]))
        results += _doc_results(gold, doc, claims, used, rules)
    micro = _micro(results)
    extra = tuple(
        c.text
        for c in claims
        if "unattributed" in c.flag_names
        and c.id not in used
        and c.members[0].doc_id in {str(g["doc_id"]) for g in gold_docs}
    )
    strict = MicroScore(micro.tp, micro.fp + len(extra), micro.fn)
    return ClaimEvaluation(tuple(results), micro, strict, extra)


def _doc_results(
    gold: dict[str, Any],
    doc: Document | None,
    claims: Sequence[Claim],
    used: set[str],
    rules: Rules | None,
) -> list[ClaimResult]:
    doc_id = str(gold["doc_id"])
    pairing = _pairing(gold, doc) if doc is not None else {}
    mine = [c for c in claims if doc_id in c.doc_ids]
    holder = {
        m.index: c for c in mine for m in c.members if m.doc_id == doc_id and m.index is not None
    }
    claimed = {i for g in gold.get("claims", []) for i in g.get("attributions", [])}
    results: list[ClaimResult] = []
    for g in gold.get("claims", []):
        wanted = [pairing[i] for i in g.get("attributions", []) if i in pairing]
        if g.get("attributions"):
            claim = _by_attributions(wanted, holder)
            exact = claim is not None and _exact(claim, doc_id, wanted, pairing, claimed, g)
        else:
            claim = _by_text(str(g.get("text", "")), mine, used)
            exact = claim is not None
        if claim is not None:
            used.add(claim.id)
        results.append(_result(doc_id, g, claim, exact, rules))
    return results


def _pairing(gold: dict[str, Any], doc: Document) -> dict[int, int]:
    """Gold attribution index -> predicted attribution index, as ``provenance eval`` pairs."""
    gold_quotes = _parse_doc(gold).quotes
    predicted: list[_Quote] = [_parse_quote(a.to_json()) for a in doc.attributions]
    pairs = _align(doc.doc_id, gold_quotes, predicted)
    index = {id(q): i for i, q in enumerate(predicted)}
    return {
        gi: index[id(pair.pred)]
        for gi, pair in enumerate(pairs[: len(gold_quotes)])
        if pair.pred is not None
    }


def _by_attributions(wanted: Sequence[int], holder: dict[int, Claim]) -> Claim | None:
    counts: dict[str, tuple[int, int, Claim]] = {}
    for rank, index in enumerate(wanted):
        claim = holder.get(index)
        if claim is None:
            continue
        n, first, _ = counts.get(claim.id, (0, rank, claim))
        counts[claim.id] = (n + 1, first, claim)
    if not counts:
        return None
    return max(counts.values(), key=lambda t: (t[0], -t[1]))[2]


def _exact(
    claim: Claim,
    doc_id: str,
    wanted: Sequence[int],
    pairing: dict[int, int],
    claimed: set[int],
    gold: dict[str, Any],
) -> bool:
    held = {m.index for m in claim.members if m.doc_id == doc_id}
    own = set(gold.get("attributions", []))
    others = {pairing[i] for i in claimed - own if i in pairing} - {
        pairing[i] for i in own if i in pairing
    }
    return set(wanted) <= held and not held & others


def _by_text(text: str, claims: Sequence[Claim], used: set[str]) -> Claim | None:
    best: tuple[float, Claim] | None = None
    for claim in claims:
        if "unattributed" not in claim.flag_names or claim.id in used:
            continue
        score = fuzz.token_set_ratio(text.lower(), claim.text.lower())
        if score >= TEXT_MATCH and (best is None or score > best[0]):
            best = (score, claim)
    return best[1] if best else None


def _result(
    doc_id: str, gold: dict[str, Any], claim: Claim | None, exact: bool, rules: Rules | None
) -> ClaimResult:
    gold_origins = tuple(str(o) for o in gold.get("origins", []))
    predicted = tuple(o.name for o in claim.origins) if claim else ()
    return ClaimResult(
        doc_id=doc_id,
        text=str(gold.get("text", "")),
        gold_flags=tuple(str(f) for f in gold.get("flags", [])),
        gold_origins=gold_origins,
        matched=claim is not None,
        exact=exact,
        predicted_flags=claim.flag_names if claim else (),
        predicted_origins=predicted,
        origins_right=claim is not None and _origins_right(gold_origins, predicted, rules),
        claim_id=claim.id if claim else None,
    )


def _origins_right(gold: Sequence[str], predicted: Sequence[str], rules: Rules | None) -> bool:
    if len(gold) != len(predicted):
        return False
    return all(any(_same_source(g, p, rules) for p in predicted) for g in gold)


def _same_source(gold: str, predicted: str, rules: Rules | None) -> bool:
    if _names(predicted, gold):
        return True
    if rules is None:
        return False
    a = rules.source_index.get(normalise_name(gold))
    b = rules.source_index.get(normalise_name(predicted))
    return a is not None and a is b


def _micro(results: Sequence[ClaimResult]) -> MicroScore:
    tp = fp = fn = 0
    for r in results:
        gold, predicted = set(r.gold_flags), set(r.predicted_flags)
        tp += len(gold & predicted)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
    return MicroScore(tp, fp, fn)


def from_report(
    report: dict[str, Any], exported: Sequence[dict[str, Any]]
) -> tuple[list[Document], list[Claim]]:
    """A saved ``provenance report --format json`` and ``provenance export`` (its JSON Lines,
    one dict per attribution) as the documents and claims :func:`evaluate_claims` scores, so
    that the stored claims are scored exactly as grouped claims are.

    >>> # docs, claims = from_report(json.load(open("report.json")), export_rows)
    >>> # evaluate_claims(gold, docs, claims, rules).count("flags_right")
    """
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in exported:
        by_doc.setdefault(str(row["doc_id"]), []).append(row)
    docs = [
        Document(doc_id, "", None, tuple(_attribution(r) for r in rows))
        for doc_id, rows in by_doc.items()
    ]
    index = {str(r["id"]): n for rows in by_doc.values() for n, r in enumerate(rows)}
    attributions = {
        str(r["id"]): a for d in docs for r, a in zip(by_doc[d.doc_id], d.attributions, strict=True)
    }
    claims: list[Claim] = []
    for c in report.get("claims", []):
        members = [
            ClaimMember(
                str(a["doc_id"]),
                index[str(a["id"])],
                attributions[str(a["id"])].content,
                attributions[str(a["id"])].content,
                str(a.get("role") or "asserts"),
                attributions[str(a["id"])],
            )
            for a in c.get("attributions", [])
            if str(a.get("id")) in index
        ]
        for s in c.get("spans", []):
            sentence = Span(int(s["start"]), int(s["end"]), str(s.get("text") or ""))
            members.append(ClaimMember(str(s["doc_id"]), None, sentence, sentence, "states"))
        origins = tuple(
            Origin(str(o["name"]), str(o["name"]), o.get("type")) for o in c.get("origins", [])
        )
        flags = tuple(Flag(str(f)) for f in c.get("flags", []))
        claims.append(Claim(str(c["id"]), str(c["text"]), tuple(members), origins, flags))
    return docs, claims


def _attribution(row: dict[str, Any]) -> Attribution:
    def span(key: str, text: str | None) -> Span | None:
        found = row.get(key)
        return Span(int(found[0]), int(found[1]), text or "") if found else None

    content = span("content", row.get("content_text"))
    assert content is not None
    fragments = tuple(Span(int(s), int(e), "") for s, e in (row.get("content_fragments") or []))
    return Attribution(
        kind=row["kind"],
        content=content,
        speaker=span("speaker", row.get("speaker_text")),
        cue=span("cue", row.get("cue_text")),
        rule=str(row.get("rule") or ""),
        confidence=float(row.get("confidence") or 0.0),
        fragments=fragments,
        source=row.get("source"),
        source_type=row.get("source_type"),
        via=tuple(row.get("via") or ()),
        stance=str(row.get("stance") or "neutral"),
    )
