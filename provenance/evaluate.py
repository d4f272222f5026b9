"""Score predicted attributions against hand-annotated gold (``shared/gold/README.md``).

Pure Python over plain JSON dicts: gold documents as the README describes them, predictions
as ``provenance extract --format jsonl`` writes them (one object per document, its
attributions under ``"quotes"``).

The scoring convention, from the README:

- a prediction **matches** a gold attribution when their content spans overlap by at least
  half of the shorter span (content fragments count as their union); pairs are made one to
  one, greedily, largest overlap first;
- its **speaker** is right when the speaker spans overlap, or when either normalised speaker
  text contains the other;
- its **resolved speaker** is right when it names the gold ``coref`` (or ``source``).

Precision is over all predictions (matching *any* gold attribution counts as correct);
recall is over ``required`` gold only (missing a borderline attribution is not an error).
A figure with nothing to count (0/0) is 1.0: nothing was missed and nothing was wrong; the
counts printed beside it say so.

>>> gold = [{"doc_id": "d", "quotes": [{"kind": "direct", "content": [0, 10],
...     "speaker": [12, 15], "speaker_text": "Kim"}]}]
>>> pred = [{"doc_id": "d", "quotes": [{"kind": "direct", "content": [0, 9],
...     "speaker": None, "speaker_text": "Mr Kim"}]}]
>>> ev = score(gold, pred)
>>> ev.content.f1, ev.speaker_accuracy.value
(1.0, 1.0)
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from provenance.errors import InputError

__all__ = [
    "KINDS",
    "Accuracy",
    "DetectionScore",
    "Evaluation",
    "FalsePositive",
    "KindConfusion",
    "KindScore",
    "Missed",
    "NotQuoteViolation",
    "SummaryRow",
    "WrongSource",
    "WrongSpeaker",
    "WrongVia",
    "load_jsonl",
    "score",
]

KINDS: tuple[str, ...] = ("direct", "mixed", "indirect")
#: rapidfuzz ``token_sort_ratio`` at or above which two names are taken to name the same source.
FUZZY_NAME_THRESHOLD = 90

SummaryRow = tuple[str, float, float, float, int]
_Range = tuple[int, int]
_WORD = re.compile(r"\w+(?:'\w+)*")
_FIX_HINT = "Fix that line, or regenerate the file with `provenance extract --format jsonl`"


# --------------------------------------------------------------------------- figures


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


@dataclass(frozen=True, slots=True)
class Accuracy:
    """``right`` out of ``total`` judged pairs; ``value`` is 1.0 when nothing was judged."""

    right: int
    total: int

    @property
    def value(self) -> float:
        """The share of judged pairs that were right."""
        return _ratio(self.right, self.total)

    def to_json(self) -> dict[str, Any]:
        """Counts and value, for ``Evaluation.to_json``."""
        return {"accuracy": self.value, "right": self.right, "total": self.total}


@dataclass(frozen=True, slots=True)
class DetectionScore:
    """Precision over predictions, recall over required gold attributions.

    ``correct`` of ``predicted`` predictions were right (matched any gold attribution, and
    whatever else this score demands); ``found`` of the ``required`` gold attributions were
    found that way.
    """

    correct: int
    predicted: int
    found: int
    required: int

    @property
    def precision(self) -> float:
        """Right predictions over all predictions (1.0 when there were none)."""
        return _ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        """Required gold found over required gold (1.0 when none was required)."""
        return _ratio(self.found, self.required)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        """Figures and the counts behind them, for ``Evaluation.to_json``."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "correct": self.correct,
            "predicted": self.predicted,
            "found": self.found,
            "required": self.required,
        }


@dataclass(frozen=True, slots=True)
class KindScore:
    """Detection by kind: recall grouped by the gold kind, precision by the predicted kind.

    A pair counts whatever the other side's kind was; ``Evaluation.kind_accuracy`` and
    ``Evaluation.kind_confusion`` say whether the kinds agreed.
    """

    kind: str
    score: DetectionScore


@dataclass(frozen=True, slots=True)
class KindConfusion:
    """How many matched pairs had this gold kind and this predicted kind."""

    gold: str
    predicted: str
    count: int


# --------------------------------------------------------------------------- error lists


@dataclass(frozen=True, slots=True)
class Missed:
    """A required gold attribution no prediction matched."""

    doc_id: str
    kind: str
    content_text: str
    speaker_text: str


@dataclass(frozen=True, slots=True)
class FalsePositive:
    """A prediction that matched no gold attribution, and the rule that produced it."""

    doc_id: str
    content_text: str
    rule: str


@dataclass(frozen=True, slots=True)
class WrongSpeaker:
    """A matched pair whose predicted speaker is not the gold speaker."""

    doc_id: str
    content_text: str
    gold: str
    predicted: str


@dataclass(frozen=True, slots=True)
class WrongSource:
    """A matched pair whose resolved names do not name the gold ``coref`` or ``source``."""

    doc_id: str
    content_text: str
    gold: tuple[str, ...]
    predicted: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WrongVia:
    """A matched pair missing some gold intermediary from its predicted ``via``."""

    doc_id: str
    content_text: str
    gold: tuple[str, ...]
    predicted: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NotQuoteViolation:
    """An unmatched prediction whose content is (or holds, or sits in) a gold ``not_quotes``."""

    doc_id: str
    content_text: str
    not_quote: str
    rule: str


# --------------------------------------------------------------------------- evaluation


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Everything ``score`` measured: figures, then the lists of what went wrong.

    ``missing_docs`` are gold documents with no prediction (all their attributions count as
    missed); ``unscored_docs`` are predicted documents with no gold (ignored).
    """

    docs: int
    missing_docs: tuple[str, ...]
    unscored_docs: tuple[str, ...]
    content: DetectionScore
    speaker: DetectionScore
    by_kind: tuple[KindScore, ...]
    speaker_accuracy: Accuracy
    source_accuracy: Accuracy
    via_accuracy: Accuracy
    kind_accuracy: Accuracy
    optional_found: Accuracy
    kind_confusion: tuple[KindConfusion, ...]
    missed: tuple[Missed, ...]
    false_positives: tuple[FalsePositive, ...]
    wrong_speakers: tuple[WrongSpeaker, ...]
    wrong_sources: tuple[WrongSource, ...]
    wrong_via: tuple[WrongVia, ...]
    not_quote_violations: tuple[NotQuoteViolation, ...]

    def kind(self, kind: str) -> DetectionScore:
        """The detection score for one kind (all zero counts when the kind never occurred)."""
        for ks in self.by_kind:
            if ks.kind == kind:
                return ks.score
        return DetectionScore(0, 0, 0, 0)

    def summary_rows(self) -> list[SummaryRow]:
        """``(label, precision, recall, f1, n)`` rows for a table; ``n`` is the required gold.

        One row for content, one for speaker, then one per kind seen in gold or predictions.
        """
        rows: list[tuple[str, DetectionScore]] = [
            ("content", self.content),
            ("speaker", self.speaker),
        ]
        rows += [
            (ks.kind, ks.score) for ks in self.by_kind if ks.score.predicted or ks.score.required
        ]
        return [(label, s.precision, s.recall, s.f1, s.required) for label, s in rows]

    def to_json(self) -> dict[str, Any]:
        """All figures and lists as JSON-ready dicts and lists."""
        return {
            "docs": self.docs,
            "missing_docs": list(self.missing_docs),
            "unscored_docs": list(self.unscored_docs),
            "content": self.content.to_json(),
            "speaker": self.speaker.to_json(),
            "by_kind": {ks.kind: ks.score.to_json() for ks in self.by_kind},
            "speaker_accuracy": self.speaker_accuracy.to_json(),
            "source_accuracy": self.source_accuracy.to_json(),
            "via_accuracy": self.via_accuracy.to_json(),
            "kind_accuracy": self.kind_accuracy.to_json(),
            "optional_found": self.optional_found.to_json(),
            "kind_confusion": [
                {"gold": c.gold, "predicted": c.predicted, "count": c.count}
                for c in self.kind_confusion
            ],
            "missed": [_entry_json(m) for m in self.missed],
            "false_positives": [_entry_json(m) for m in self.false_positives],
            "wrong_speakers": [_entry_json(m) for m in self.wrong_speakers],
            "wrong_sources": [_entry_json(m) for m in self.wrong_sources],
            "wrong_via": [_entry_json(m) for m in self.wrong_via],
            "not_quote_violations": [_entry_json(m) for m in self.not_quote_violations],
        }


_Entry = Missed | FalsePositive | WrongSpeaker | WrongSource | WrongVia | NotQuoteViolation


def _entry_json(entry: _Entry) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(entry):
        value = getattr(entry, f.name)
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out


# --------------------------------------------------------------------------- reading


class _Malformed(Exception):
    """A document does not follow the format; the message names the field."""


@dataclass(frozen=True, slots=True)
class _Quote:
    kind: str
    ranges: tuple[_Range, ...]  # the content, or the union of its fragments, merged
    content_text: str
    speaker: _Range | None
    speaker_text: str
    coref: str
    source: str
    via: tuple[str, ...]
    required: bool
    rule: str

    @property
    def length(self) -> int:
        return sum(e - s for s, e in self.ranges)

    @property
    def has_speaker(self) -> bool:
        return self.speaker is not None or bool(_words(self.speaker_text))


@dataclass(frozen=True, slots=True)
class _Doc:
    doc_id: str
    quotes: tuple[_Quote, ...]
    not_quotes: tuple[str, ...]


def _span(value: Any, field: str) -> _Range | None:
    if value is None:
        return None
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and 0 <= value[0] <= value[1]
    ):
        return (value[0], value[1])
    raise _Malformed(f"'{field}' must be [start, end] with 0 <= start <= end, not {value!r}")


def _text(obj: dict[str, Any], field: str) -> str:
    value = obj.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Malformed(f"'{field}' must be a string or null, not {value!r}")
    return value


def _union(ranges: Iterable[_Range]) -> tuple[_Range, ...]:
    merged: list[_Range] = []
    for s, e in sorted(r for r in ranges if r[1] > r[0]):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return tuple(merged)


def _parse_quote(obj: Any) -> _Quote:
    if not isinstance(obj, dict):
        raise _Malformed(f"must be an object, not {obj!r}")
    for field in ("content", "kind"):
        if field not in obj:
            raise _Malformed(f"missing field '{field}'")
    if obj["kind"] not in KINDS:
        raise _Malformed(f"'kind' must be one of {', '.join(KINDS)}, not {obj['kind']!r}")
    content = _span(obj["content"], "content")
    if content is None:
        raise _Malformed("'content' must be [start, end], not null")
    fragments = obj.get("content_fragments")
    if fragments is None:
        fragments = []
    if not isinstance(fragments, list):
        raise _Malformed(f"'content_fragments' must be a list of [start, end], not {fragments!r}")
    spans = [_span(f, "content_fragments") for f in fragments]
    via = obj.get("via")
    if via is None:
        via = []
    if not isinstance(via, list) or not all(isinstance(v, str) for v in via):
        raise _Malformed(f"'via' must be a list of strings, not {via!r}")
    required = obj.get("required", True)
    if not isinstance(required, bool):
        raise _Malformed(f"'required' must be true or false, not {required!r}")
    return _Quote(
        kind=obj["kind"],
        ranges=_union([s for s in spans if s is not None] or [content]),
        content_text=_text(obj, "content_text"),
        speaker=_span(obj.get("speaker"), "speaker"),
        speaker_text=_text(obj, "speaker_text"),
        coref=_text(obj, "coref"),
        source=_text(obj, "source"),
        via=tuple(via),
        required=required,
        rule=_text(obj, "rule"),
    )


def _parse_not_quote(obj: Any) -> str:
    """A phrase in quotation marks that is no one's words: an object with its ``text`` (and a
    ``why``), as the shared gold writes it, or the phrase itself as a bare string."""
    if isinstance(obj, dict) and isinstance(obj.get("text"), str) and obj["text"].strip():
        return str(obj["text"])
    if isinstance(obj, str) and obj.strip():
        return obj
    raise _Malformed(f'must be an object with a "text" string, or the phrase, not {obj!r}')


def _parse_doc(obj: Any) -> _Doc:
    if not isinstance(obj, dict):
        raise _Malformed(f"expected one JSON object per line, not {type(obj).__name__}")
    if not isinstance(obj.get("doc_id"), str) or not obj["doc_id"]:
        raise _Malformed("missing field 'doc_id' (a non-empty string)")
    doc_id: str = obj["doc_id"]
    for field in ("quotes", "not_quotes"):
        if field in obj and not isinstance(obj[field], list | None):
            raise _Malformed(f"document {doc_id!r}: '{field}' must be a list")
    if "quotes" not in obj:
        raise _Malformed(f"document {doc_id!r}: missing field 'quotes'")
    quotes: list[_Quote] = []
    for i, q in enumerate(obj["quotes"] or []):
        try:
            quotes.append(_parse_quote(q))
        except _Malformed as e:
            raise _Malformed(f"document {doc_id!r}, quotes[{i}]: {e}") from None
    not_quotes: list[str] = []
    for i, nq in enumerate(obj.get("not_quotes") or []):
        try:
            not_quotes.append(_parse_not_quote(nq))
        except _Malformed as e:
            raise _Malformed(f"document {doc_id!r}, not_quotes[{i}]: {e}") from None
    return _Doc(doc_id, tuple(quotes), tuple(not_quotes))


def gold_text_path(gold: str | Path, doc: dict[str, Any]) -> Path:
    """Where a gold document's text is: its ``file`` (else ``<doc_id>.txt``) relative to the
    gold file's folder, that folder's parent, or the current folder.

    Raises ``InputError`` when none of them holds it.
    """
    gold = Path(gold)
    rel = str(doc.get("file") or f"{doc['doc_id']}.txt")
    for base in (gold.parent, gold.parent.parent, Path.cwd()):
        if (base / rel).is_file():
            return base / rel
    raise InputError(f"the text of {doc['doc_id']} ({rel}) was not found beside {gold}")


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read a gold or prediction JSONL file: one document object per line, blank lines skipped.

    Each document needs ``doc_id`` and ``quotes``; each quote needs ``content`` and ``kind``.
    Raises ``InputError`` naming the file and line of the first bad line.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")  # a byte-order mark is not JSON
    except OSError as e:
        raise InputError(f"Cannot read {p}: {e.strerror or e}. Check the path.") from None
    except UnicodeDecodeError as e:
        raise InputError(f"{p} is not UTF-8 ({e.reason}). Save it as UTF-8.") from None
    docs: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    # split on "\n" only: str.splitlines would also break on U+2028 inside JSON strings
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(
                f"{p}, line {lineno}: not valid JSON ({e.msg}, column {e.colno}). {_FIX_HINT}."
            ) from None
        try:
            doc = _parse_doc(obj)
        except _Malformed as e:
            raise InputError(f"{p}, line {lineno}: {e}. {_FIX_HINT}.") from None
        if doc.doc_id in seen:
            raise InputError(
                f"{p}, line {lineno}: doc_id {doc.doc_id!r} already appears on line "
                f"{seen[doc.doc_id]}. Keep one line per document."
            )
        seen[doc.doc_id] = lineno
        docs.append(obj)
    return docs


def _parse_all(docs: Sequence[Any], which: str) -> list[_Doc]:
    parsed: list[_Doc] = []
    seen: set[str] = set()
    for i, obj in enumerate(docs):
        try:
            doc = _parse_doc(obj)
        except _Malformed as e:
            raise InputError(f"{which} document #{i + 1}: {e}. Fix the {which}.") from None
        if doc.doc_id in seen:
            raise InputError(
                f"{which}: doc_id {doc.doc_id!r} appears twice. Keep one entry per document."
            )
        seen.add(doc.doc_id)
        parsed.append(doc)
    return parsed


# --------------------------------------------------------------------------- comparing


def _words(text: str) -> tuple[str, ...]:
    """Lowercased words, punctuation and quotation marks dropped: the normalised text."""
    return tuple(_WORD.findall(text.casefold().replace("\u2019", "'")))


def _contains(a: str, b: str) -> bool:
    """Whether either normalised text contains the other, as whole words in order.

    Whole words, not characters, so that "he" is not found in "the mayor".

    >>> _contains("Zelensky", "President Volodymyr Zelensky"), _contains("he", "the mayor")
    (True, False)
    """
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _names(name: str, target: str) -> bool:
    """Whether ``name`` names ``target``: containment either way, or a close fuzzy match."""
    if _contains(name, target):
        return True
    a, b = " ".join(_words(name)), " ".join(_words(target))
    return bool(a and b) and fuzz.token_sort_ratio(a, b) >= FUZZY_NAME_THRESHOLD


def _overlap(a: Sequence[_Range], b: Sequence[_Range]) -> int:
    return sum(max(0, min(ae, be) - max(as_, bs)) for as_, ae in a for bs, be in b)


def _speaker_right(gold: _Quote, pred: _Quote) -> bool:
    """The README's rule; where gold has no speaker, right only when none was predicted."""
    if not gold.has_speaker:
        return not pred.has_speaker
    if gold.speaker and pred.speaker and _overlap([gold.speaker], [pred.speaker]) > 0:
        return True
    return _contains(gold.speaker_text, pred.speaker_text)


def _resolved_names(pred: _Quote) -> tuple[str, ...]:
    """The prediction's resolution (source, coref); its speaker text only if it resolved none."""
    resolved = tuple(n for n in (pred.source, pred.coref) if _words(n))
    return resolved or tuple(n for n in (pred.speaker_text,) if _words(n))


def _gold_names(gold: _Quote) -> tuple[str, ...]:
    return tuple(n for n in (gold.coref, gold.source) if _words(n))


def _via_right(gold: _Quote, pred: _Quote) -> bool:
    return all(any(_contains(g, p) for p in pred.via) for g in gold.via)


@dataclass(frozen=True, slots=True)
class _Pair:
    """A gold attribution and its matched prediction; one side is None when unmatched."""

    doc_id: str
    gold: _Quote | None
    pred: _Quote | None


def _align(doc_id: str, gold: Sequence[_Quote], pred: Sequence[_Quote]) -> list[_Pair]:
    """Pair gold and predictions one to one, largest overlap first (required gold wins ties)."""
    candidates: list[tuple[int, bool, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = _overlap(g.ranges, p.ranges)
            if ov > 0 and 2 * ov >= min(g.length, p.length):
                candidates.append((-ov, not g.required, gi, pi))
    match: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, gi, pi in sorted(candidates):
        if gi not in match and pi not in taken:
            match[gi] = pi
            taken.add(pi)
    pairs = [
        _Pair(doc_id, g, pred[match[gi]] if gi in match else None) for gi, g in enumerate(gold)
    ]
    pairs += [_Pair(doc_id, None, p) for pi, p in enumerate(pred) if pi not in taken]
    return pairs


def _violations(doc: _Doc, pairs: Sequence[_Pair]) -> list[NotQuoteViolation]:
    out: list[NotQuoteViolation] = []
    for pair in pairs:
        if pair.gold is not None or pair.pred is None:
            continue
        for nq in doc.not_quotes:
            if _contains(pair.pred.content_text, nq):
                out.append(
                    NotQuoteViolation(doc.doc_id, pair.pred.content_text, nq, pair.pred.rule)
                )
                break
    return out


# --------------------------------------------------------------------------- scoring


def score(gold_docs: list[dict[str, Any]], pred_docs: list[dict[str, Any]]) -> Evaluation:
    """Score predictions against gold; documents are paired by ``doc_id``.

    Raises ``InputError`` when a document does not follow the format.
    """
    gold = _parse_all(gold_docs, "gold")
    preds = {d.doc_id: d for d in _parse_all(pred_docs, "predictions")}
    gold_ids = {d.doc_id for d in gold}
    pairs: list[_Pair] = []
    violations: list[NotQuoteViolation] = []
    for doc in gold:
        predicted = preds[doc.doc_id].quotes if doc.doc_id in preds else ()
        doc_pairs = _align(doc.doc_id, doc.quotes, predicted)
        pairs += doc_pairs
        violations += _violations(doc, doc_pairs)
    return _evaluation(
        pairs,
        docs=len(gold),
        missing_docs=tuple(d.doc_id for d in gold if d.doc_id not in preds),
        unscored_docs=tuple(i for i in preds if i not in gold_ids),
        violations=tuple(violations),
    )


def _detection(
    pairs: Sequence[_Pair], right: Callable[[_Quote, _Quote], bool] | None = None
) -> DetectionScore:
    """Precision/recall where a pair is right when matched (and ``right(gold, pred)``)."""

    def ok(p: _Pair) -> bool:
        if p.gold is None or p.pred is None:
            return False
        return right is None or right(p.gold, p.pred)

    return DetectionScore(
        correct=sum(1 for p in pairs if p.pred is not None and ok(p)),
        predicted=sum(1 for p in pairs if p.pred is not None),
        found=sum(1 for p in pairs if p.gold is not None and p.gold.required and ok(p)),
        required=sum(1 for p in pairs if p.gold is not None and p.gold.required),
    )


def _by_kind(pairs: Sequence[_Pair]) -> tuple[KindScore, ...]:
    out: list[KindScore] = []
    for kind in KINDS:
        preds = [p for p in pairs if p.pred is not None and p.pred.kind == kind]
        golds = [p for p in pairs if p.gold is not None and p.gold.required and p.gold.kind == kind]
        s = DetectionScore(
            correct=sum(1 for p in preds if p.gold is not None),
            predicted=len(preds),
            found=sum(1 for p in golds if p.pred is not None),
            required=len(golds),
        )
        out.append(KindScore(kind, s))
    return tuple(out)


def _evaluation(
    pairs: Sequence[_Pair],
    *,
    docs: int,
    missing_docs: tuple[str, ...],
    unscored_docs: tuple[str, ...],
    violations: tuple[NotQuoteViolation, ...],
) -> Evaluation:
    matched = [(p.doc_id, p.gold, p.pred) for p in pairs if p.gold and p.pred]
    with_speaker = [(d, g, p) for d, g, p in matched if g.has_speaker]
    with_source = [(d, g, p) for d, g, p in matched if _gold_names(g)]
    with_via = [(d, g, p) for d, g, p in matched if g.via]
    optional = [p for p in pairs if p.gold is not None and not p.gold.required]
    confusion = Counter((g.kind, p.kind) for _, g, p in matched)

    wrong_speakers = tuple(
        WrongSpeaker(d, g.content_text, g.speaker_text, p.speaker_text)
        for d, g, p in with_speaker
        if not _speaker_right(g, p)
    )
    wrong_sources = tuple(
        WrongSource(d, g.content_text, _gold_names(g), _resolved_names(p))
        for d, g, p in with_source
        if not any(_names(n, t) for n in _resolved_names(p) for t in _gold_names(g))
    )
    wrong_via = tuple(
        WrongVia(d, g.content_text, g.via, p.via) for d, g, p in with_via if not _via_right(g, p)
    )
    return Evaluation(
        docs=docs,
        missing_docs=missing_docs,
        unscored_docs=unscored_docs,
        content=_detection(pairs),
        speaker=_detection(pairs, _speaker_right),
        by_kind=_by_kind(pairs),
        speaker_accuracy=Accuracy(len(with_speaker) - len(wrong_speakers), len(with_speaker)),
        source_accuracy=Accuracy(len(with_source) - len(wrong_sources), len(with_source)),
        via_accuracy=Accuracy(len(with_via) - len(wrong_via), len(with_via)),
        kind_accuracy=Accuracy(sum(1 for _, g, p in matched if g.kind == p.kind), len(matched)),
        optional_found=Accuracy(sum(1 for p in optional if p.pred is not None), len(optional)),
        kind_confusion=tuple(KindConfusion(g, p, n) for (g, p), n in sorted(confusion.items())),
        missed=tuple(
            Missed(p.doc_id, p.gold.kind, p.gold.content_text, p.gold.speaker_text)
            for p in pairs
            if p.gold is not None and p.gold.required and p.pred is None
        ),
        false_positives=tuple(
            FalsePositive(p.doc_id, p.pred.content_text, p.pred.rule)
            for p in pairs
            if p.pred is not None and p.gold is None
        ),
        wrong_speakers=wrong_speakers,
        wrong_sources=wrong_sources,
        wrong_via=wrong_via,
        not_quote_violations=violations,
    )
