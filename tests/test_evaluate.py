"""Scoring predicted attributions against gold, on hand-built documents (no spaCy model)."""

from __future__ import annotations

import doctest
import json
from pathlib import Path
from typing import Any

import pytest

from provenance import evaluate
from provenance.errors import InputError
from provenance.evaluate import load_jsonl, score

SHARED_GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "afp-selydove.jsonl"


def quote(start: int, end: int, kind: str = "indirect", **fields: Any) -> dict[str, Any]:
    """A quote dict with ``content`` [start, end) and whatever other fields are given."""
    return {"kind": kind, "content": [start, end], "content_text": f"text {start}-{end}", **fields}


def doc(*quotes: dict[str, Any], doc_id: str = "d1", **fields: Any) -> dict[str, Any]:
    return {"doc_id": doc_id, "quotes": list(quotes), **fields}


def test_exact_match_scores_one_everywhere() -> None:
    q = quote(10, 50, "direct", speaker=[0, 5], speaker_text="Putin", source="Vladimir Putin")
    ev = score([doc(q)], [doc(dict(q, rule="r1"))])
    for label, p, r, f1, n in ev.summary_rows():
        assert (p, r, f1, n) == (1.0, 1.0, 1.0, 1), label
    assert [row[0] for row in ev.summary_rows()] == ["content", "speaker", "direct"]
    assert ev.speaker_accuracy.value == ev.source_accuracy.value == ev.kind_accuracy.value == 1.0
    assert not (ev.missed or ev.false_positives or ev.wrong_speakers or ev.wrong_sources)


@pytest.mark.parametrize(
    ("pred_span", "matches"),
    [
        ((15, 25), True),  # overlap 5 of the shorter 10: exactly half
        ((16, 26), False),  # overlap 4 of 10: just below half
        ((20, 30), False),  # touching, no overlap
    ],
)
def test_match_needs_half_of_the_shorter_span(pred_span: tuple[int, int], matches: bool) -> None:
    ev = score([doc(quote(0, 20))], [doc(quote(*pred_span))])
    assert ev.content.correct == int(matches)
    assert ev.content.recall == (1.0 if matches else 0.0)
    assert len(ev.false_positives) == int(not matches)
    assert len(ev.missed) == int(not matches)


def test_matching_is_one_to_one_largest_overlap_first() -> None:
    gold = doc(quote(0, 20), quote(20, 40))
    pred = doc(quote(0, 20, rule="whole"), quote(5, 15, rule="inner"))
    ev = score([gold], [pred])
    # both predictions overlap the first gold only: the larger overlap wins, the other is wrong
    assert (ev.content.correct, ev.content.found) == (1, 1)
    assert [fp.rule for fp in ev.false_positives] == ["inner"]
    assert [m.content_text for m in ev.missed] == ["text 20-40"]


def test_non_required_gold_counts_for_precision_not_recall() -> None:
    gold = doc(quote(0, 20), quote(30, 50, required=False), quote(60, 80, required=False))
    ev = score([gold], [doc(quote(0, 20), quote(30, 50))])
    assert ev.content.precision == 1.0  # matching a borderline attribution is correct
    assert ev.content.recall == 1.0  # missing the other borderline one is no error
    assert (ev.content.found, ev.content.required) == (1, 1)
    assert (ev.optional_found.right, ev.optional_found.total) == (1, 2)
    assert ev.missed == ()


@pytest.mark.parametrize(
    ("pred_speaker", "right"),
    [
        ({"speaker": [2, 8], "speaker_text": "xx"}, True),  # spans overlap, texts differ
        ({"speaker": [90, 99], "speaker_text": "Zelensky"}, True),  # gold text contains it
        ({"speaker": [90, 120], "speaker_text": "President Volodymyr Zelensky"}, True),
        ({"speaker": [90, 95], "speaker_text": "Yoon"}, False),
        ({"speaker": None, "speaker_text": None}, False),
        ({"speaker": [90, 92], "speaker_text": "ze"}, False),  # words, not characters
    ],
)
def test_speaker_right_by_overlap_or_text_containment(
    pred_speaker: dict[str, Any], right: bool
) -> None:
    gold = doc(quote(20, 60, speaker=[0, 18], speaker_text="Volodymyr Zelensky"))
    ev = score([gold], [doc(quote(20, 60, **pred_speaker))])
    assert ev.speaker_accuracy.value == (1.0 if right else 0.0)
    assert ev.speaker.precision == ev.speaker.recall == (1.0 if right else 0.0)
    assert len(ev.wrong_speakers) == int(not right)
    if not right:
        assert ev.wrong_speakers[0].gold == "Volodymyr Zelensky"
    assert ev.content.f1 == 1.0  # the attribution itself was found either way


def test_speaker_precision_is_over_all_predictions() -> None:
    gold = doc(
        quote(0, 20, speaker=[30, 34], speaker_text="Kyiv"),
        quote(40, 60, speaker=[70, 76], speaker_text="Moscow"),
    )
    pred = doc(
        quote(0, 20, speaker=[30, 34], speaker_text="Kyiv"),
        quote(40, 60, speaker=[80, 84], speaker_text="TASS"),
        quote(100, 120, speaker=[130, 134], speaker_text="AFP"),
    )
    ev = score([gold], [pred])
    assert (ev.speaker.correct, ev.speaker.predicted) == (1, 3)
    assert (ev.speaker.found, ev.speaker.required) == (1, 2)
    assert (ev.speaker_accuracy.right, ev.speaker_accuracy.total) == (1, 2)


def test_source_right_when_prediction_names_gold_coref() -> None:
    gold = doc(
        quote(0, 40, "direct", speaker_text="the official", coref="a diplomatic source"),
        quote(
            50, 90, speaker_text="the mayor", coref="Mayor Igor Terekhov", source="Igor Terekhov"
        ),
    )
    pred = doc(
        quote(0, 40, "direct", speaker_text="the official", coref="a diplomatic source"),
        quote(50, 90, speaker_text="the mayor", source="Terekhov"),
    )
    ev = score([gold], [pred])
    assert (ev.source_accuracy.right, ev.source_accuracy.total) == (2, 2)


def test_source_fuzzy_spelling_and_wrong_resolution() -> None:
    gold = doc(
        quote(0, 40, speaker_text="Zelensky", source="Volodymyr Zelensky"),
        quote(50, 90, speaker_text="he", coref="Yoon Suk Yeol"),
        quote(100, 140, speaker_text="the mayor", source="Igor Terekhov"),
    )
    pred = doc(
        quote(0, 40, speaker_text="Zelensky", source="Volodymyr Zelenskyy"),  # fuzzy
        quote(50, 90, speaker_text="he", coref="Choe Son Hui"),  # resolved wrongly
        quote(100, 140, speaker_text="the mayor"),  # not resolved at all
    )
    ev = score([gold], [pred])
    assert (ev.source_accuracy.right, ev.source_accuracy.total) == (1, 3)
    wrong = {w.content_text: w for w in ev.wrong_sources}
    assert wrong["text 50-90"].gold == ("Yoon Suk Yeol",)
    assert wrong["text 50-90"].predicted == ("Choe Son Hui",)
    assert wrong["text 100-140"].predicted == ("the mayor",)


def test_resolved_name_beats_speaker_text() -> None:
    # a wrong resolution is wrong even though the raw speaker text happens to name the source
    gold = doc(quote(0, 40, speaker_text="Zelensky", source="Volodymyr Zelensky"))
    pred = doc(quote(0, 40, speaker_text="Zelensky", source="Ukrainian government"))
    assert score([gold], [pred]).source_accuracy.value == 0.0


def test_content_fragments_overlap_is_their_union() -> None:
    # gold: "A," he said, "B." -- content covers the cue; fragments leave it out
    gold = doc(quote(0, 40, "direct", content_fragments=[[0, 10], [30, 40]]))
    # the prediction is the cue and a little either side: 4 chars of overlap out of 14
    ev = score([gold], [doc(quote(8, 22, "direct"))])
    assert ev.content.correct == 0
    # fragments on the prediction side are summed: 5 + 5 of 20 gold chars is half
    pred = doc(quote(0, 40, "direct", content_fragments=[[5, 10], [30, 35]]))
    assert score([doc(quote(0, 20), quote(20, 40))], [pred]).content.correct == 1
    # and both sides' fragments: overlap 10 of the prediction's 10
    assert score([gold], [pred]).content.f1 == 1.0


def test_via_every_gold_intermediary_must_appear() -> None:
    gold = doc(
        quote(0, 40, via=["a diplomatic source"]),
        quote(50, 90, via=["a readout of the call", "TASS"]),
        quote(100, 140),  # no via in gold: not judged
    )
    pred = doc(
        quote(0, 40, via=["citing a diplomatic source"]),
        quote(50, 90, via=["TASS"]),
        quote(100, 140, via=["Reuters"]),
    )
    ev = score([gold], [pred])
    assert (ev.via_accuracy.right, ev.via_accuracy.total) == (1, 2)
    assert ev.wrong_via[0].gold == ("a readout of the call", "TASS")
    assert ev.wrong_via[0].predicted == ("TASS",)


def test_not_quotes_violation_is_an_unmatched_prediction_on_a_not_quote() -> None:
    gold = doc(
        quote(0, 40),
        not_quotes=[{"text": "victory plan", "why": "title in scare quotes"}],
    )
    pred = doc(
        quote(0, 40, content_text="victory plan"),  # matches gold: not a violation
        quote(60, 72, content_text="Victory Plan", rule="quote_marks"),
        quote(80, 120, content_text="the \u201cvictory plan\u201d was shelved", rule="x"),
        quote(130, 140, content_text="plan B", rule="y"),
    )
    ev = score([gold], [pred])
    assert [(v.content_text, v.not_quote, v.rule) for v in ev.not_quote_violations] == [
        ("Victory Plan", "victory plan", "quote_marks"),
        ("the \u201cvictory plan\u201d was shelved", "victory plan", "x"),
    ]
    assert len(ev.false_positives) == 3


def test_a_not_quote_may_be_the_phrase_itself(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(doc(quote(0, 40), not_quotes=["Ti Sonson"])) + "\n")
    gold = load_jsonl(path)
    pred = doc(quote(0, 40), quote(60, 69, content_text="Ti Sonson", rule="quote_marks"))
    ev = score(gold, [pred])
    assert [(v.content_text, v.not_quote) for v in ev.not_quote_violations] == [
        ("Ti Sonson", "Ti Sonson")
    ]
    with pytest.raises(InputError, match=r"not_quotes\[0\]: must be an object"):
        score([doc(not_quotes=[""])], [])


def test_kind_accuracy_and_per_kind_scores() -> None:
    gold = doc(quote(0, 20, "direct"), quote(30, 50, "mixed"), quote(60, 80, "indirect"))
    pred = doc(quote(0, 20, "direct"), quote(30, 50, "direct"), quote(90, 99, "indirect"))
    ev = score([gold], [pred])
    assert (ev.kind_accuracy.right, ev.kind_accuracy.total) == (1, 2)
    direct = ev.kind("direct")
    assert (direct.correct, direct.predicted, direct.found, direct.required) == (2, 2, 1, 1)
    assert ev.kind("mixed").recall == 1.0  # found, though called direct
    assert ev.kind("indirect").precision == 0.0
    assert ev.kind("indirect").recall == 0.0
    assert [(c.gold, c.predicted, c.count) for c in ev.kind_confusion] == [
        ("direct", "direct", 1),
        ("mixed", "direct", 1),
    ]


def test_missing_document_counts_all_its_quotes_as_missed() -> None:
    gold = [doc(quote(0, 20), doc_id="a"), doc(quote(0, 20), quote(30, 40), doc_id="b")]
    pred = [doc(quote(0, 20), doc_id="a"), doc(quote(0, 20), doc_id="extra")]
    ev = score(gold, pred)
    assert ev.missing_docs == ("b",)
    assert ev.unscored_docs == ("extra",)
    assert (ev.content.found, ev.content.required) == (1, 3)
    assert ev.content.precision == 1.0  # the unscored document's prediction is not judged
    assert {m.doc_id for m in ev.missed} == {"b"}


def test_gold_without_optional_fields() -> None:
    gold = doc({"kind": "indirect", "content": [0, 20]})
    ev = score([gold], [doc({"kind": "indirect", "content": [0, 20]})])
    assert ev.content.f1 == 1.0
    assert ev.speaker_accuracy.total == ev.source_accuracy.total == ev.via_accuracy.total == 0
    assert ev.speaker.f1 == 1.0  # no speaker in gold and none predicted


def test_to_json_is_serialisable_and_complete() -> None:
    ev = score([doc(quote(0, 20), quote(30, 40))], [doc(quote(0, 20), quote(50, 60, rule="r"))])
    out = json.loads(json.dumps(ev.to_json()))
    assert out["content"]["precision"] == 0.5
    assert out["false_positives"] == [{"doc_id": "d1", "content_text": "text 50-60", "rule": "r"}]
    assert out["missed"][0]["content_text"] == "text 30-40"
    assert set(out) >= {"speaker", "by_kind", "source_accuracy", "via_accuracy", "kind_accuracy"}


def test_score_rejects_malformed_documents() -> None:
    with pytest.raises(InputError, match=r"quotes\[0\]: missing field 'content'"):
        score([doc({"kind": "direct"})], [])
    with pytest.raises(InputError, match="appears twice"):
        score([doc(), doc()], [])


def test_load_jsonl_reads_documents(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text(json.dumps(doc(quote(0, 5))) + "\n\n" + json.dumps(doc(doc_id="d2")) + "\n")
    assert [d["doc_id"] for d in load_jsonl(path)] == ["d1", "d2"]


@pytest.mark.parametrize(
    ("line2", "message"),
    [
        ('{"doc_id": "d2", "quotes": [', r"line 2: not valid JSON"),
        ('{"quotes": []}', r"line 2: missing field 'doc_id'"),
        ('{"doc_id": "d2"}', r"line 2: document 'd2': missing field 'quotes'"),
        ('{"doc_id": "d2", "quotes": [{"content": [1, 2]}]}', r"line 2: .*quotes\[0\].*'kind'"),
        ('{"doc_id": "d2", "quotes": [{"kind": "direct", "content": [5, 2]}]}', r"'content'"),
        ('{"doc_id": "d1", "quotes": []}', r"line 2: doc_id 'd1' already appears on line 1"),
    ],
)
def test_load_jsonl_error_names_file_and_line(tmp_path: Path, line2: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(doc()) + "\n" + line2 + "\n")
    with pytest.raises(InputError, match=message) as info:
        load_jsonl(path)
    assert "bad.jsonl" in str(info.value)


def test_load_jsonl_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Cannot read"):
        load_jsonl(tmp_path / "nope.jsonl")


def test_docstring_examples() -> None:
    assert doctest.testmod(evaluate).failed == 0


def gold_as_prediction(gold_doc: dict[str, Any]) -> dict[str, Any]:
    """The gold attributions in the shape ``provenance extract --format jsonl`` writes."""
    keys = ("kind", "content", "content_text", "speaker", "speaker_text", "cue", "cue_text")
    quotes = [
        {
            **{k: q.get(k) for k in keys},
            "coref": q.get("coref"),
            "source": q.get("source") or q.get("coref"),
            "source_type": q.get("source_type"),
            "via": q.get("via", []),
            "channel": q.get("channel"),
            "addressee": q.get("addressee"),
            "stance": q.get("stance", "neutral"),
            "rule": "gold",
            "confidence": 1.0,
        }
        for q in gold_doc["quotes"]
    ]
    return {"doc_id": gold_doc["doc_id"], "path": gold_doc.get("file"), "quotes": quotes}


def test_shared_gold_scored_against_itself_is_perfect() -> None:
    if not SHARED_GOLD.exists():
        pytest.skip(f"no shared gold at {SHARED_GOLD}")
    gold = load_jsonl(SHARED_GOLD)
    ev = score(gold, [gold_as_prediction(d) for d in gold])
    assert ev.content.required > 0
    for label, p, r, f1, _ in ev.summary_rows():
        assert (p, r, f1) == (1.0, 1.0, 1.0), label
    for acc in (ev.speaker_accuracy, ev.source_accuracy, ev.via_accuracy, ev.kind_accuracy):
        assert acc.total > 0
        assert acc.value == 1.0
    assert ev.optional_found.value == 1.0
    assert not (ev.missed or ev.false_positives or ev.not_quote_violations)
    assert not (ev.wrong_speakers or ev.wrong_sources or ev.wrong_via or ev.missing_docs)
