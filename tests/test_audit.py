"""The editor's audit: each rule on a hand-built draft (no model), switches in audit.toml, and
one draft read end to end with the spaCy pipeline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from builders import said

from provenance.audit import audit
from provenance.models import Attribution, AuditReport
from provenance.rules import AUDIT_RULE_IDS, load_rules
from provenance.sentences import plain_sentences

RULES = load_rules()
SHIPPED = Path(__file__).resolve().parent.parent / "rules"

DRAFT = (
    "Strike hits Kherson\n"
    "Russian attacks killed two people in Kherson on Monday.\n"
    '"We will rebuild everything," he said. Mayor Ivan Petrenko added that power was back.\n'
    "An official said the strike hit a school.\n"
    "A senior diplomat, speaking on condition of anonymity, said talks would resume.\n"
    "Kestrel admitted that the battery was faulty.\n"
    '"This was a deliberate attack on civilians and nothing else."\n'
)


def attributions() -> list[Attribution]:
    t = DRAFT
    return [
        said(
            t,
            "We will rebuild everything,",
            "he",
            source="Ivan Petrenko",
            source_type="official",
            kind="direct",
            coref="Mayor Ivan Petrenko",
        ),
        said(
            t,
            "power was back",
            "Mayor Ivan Petrenko",
            source="Ivan Petrenko",
            source_type="official",
            cue="added",
        ),
        said(
            t,
            "the strike hit a school",
            "An official",
            source="official",
            source_type="anonymous official",
        ),
        said(
            t,
            "talks would resume",
            "A senior diplomat",
            source="senior diplomat",
            source_type="anonymous official",
        ),
        said(
            t,
            "the battery was faulty",
            "Kestrel",
            source="Kestrel Mobility",
            source_type="company",
            cue="admitted",
            stance="conceding",
        ),
    ]


def audited(rules: object = RULES) -> AuditReport:
    return audit(DRAFT, rules, attributions=attributions(), parse=plain_sentences)  # type: ignore[arg-type]


def problems(report: AuditReport) -> list[tuple[str, str]]:
    return [(p.rule, p.span.text) for p in report.problems]


def test_every_rule_on_its_sentence() -> None:
    assert problems(audited()) == [
        ("unattributed-claim", "Russian attacks killed two people in Kherson on Monday."),
        ("pronoun-first-mention", "he"),
        ("anonymous-without-reason", "An official"),
        ("loaded-verb", "admitted"),
        ("quote-without-speaker", "This was a deliberate attack on civilians and nothing else."),
    ]


def test_problems_carry_the_explanation_of_their_rule() -> None:
    for problem in audited().problems:
        rule = RULES.audit.get(problem.rule)
        assert rule is not None and problem.explanation == rule.explanation


def test_sentences_list_their_attributions_or_their_lack() -> None:
    report = audited()
    first = report.sentences[0]
    assert first.sentence.text.startswith("Russian attacks killed")
    assert first.attributions == ()
    diplomat = next(s for s in report.sentences if "diplomat" in s.sentence.text)
    assert diplomat.attributions == (3,) and diplomat.problems == ()  # a reason is given
    assert [s.sentence.text for s in report.sentences][-1].startswith('"This was')


def test_a_single_interested_source_is_reported() -> None:
    t = "Kestrel said it had alerted the authorities within days.\n"
    found = audit(
        t,
        RULES,
        parse=plain_sentences,
        attributions=[
            said(
                t,
                "it had alerted the authorities within days",
                "Kestrel",
                source="Kestrel Mobility",
                source_type="company",
            )
        ],
    )
    assert [p.rule for p in found.problems] == ["single-party-source"]
    assert "speaking about itself" in found.problems[0].detail


def test_a_clean_draft_is_clean() -> None:
    t = "The bridge will reopen in May, Mayor Ivan Petrenko said.\n"
    found = audit(
        t,
        RULES,
        parse=plain_sentences,
        attributions=[
            said(
                t,
                "The bridge will reopen in May",
                "Mayor Ivan Petrenko",
                source="Ivan Petrenko",
                source_type="official",
            )
        ],
    )
    assert found.clean
    assert found.to_json()["problems"] == 0


def test_rules_switched_off_in_audit_toml_are_not_applied(tmp_path: Path) -> None:
    folder = Path(shutil.copytree(SHIPPED, tmp_path / "rules"))
    path = folder / "audit.toml"
    text = path.read_text(encoding="utf-8")
    for rule_id in ("loaded-verb", "pronoun-first-mention"):
        head = f"[rule.{rule_id}]\nenabled = true"
        assert head in text
        text = text.replace(head, f"[rule.{rule_id}]\nenabled = false")
    path.write_text(text, encoding="utf-8")
    rules = load_rules(folder)
    assert {rule for rule, _ in problems(audited(rules))} == {
        "unattributed-claim",
        "anonymous-without-reason",
        "quote-without-speaker",
    }


def test_every_rule_id_is_shipped_on_with_an_explanation() -> None:
    assert [r.id for r in RULES.audit.rules] == list(AUDIT_RULE_IDS)
    assert all(r.enabled and r.explanation for r in RULES.audit.rules)


@pytest.mark.model
def test_a_draft_read_end_to_end() -> None:
    report = audit(DRAFT, RULES)
    found = {rule for rule, _ in problems(report)}
    assert {"unattributed-claim", "anonymous-without-reason", "loaded-verb"} <= found
    assert report.attributions


def test_claiming_victory_is_no_loaded_verb() -> None:
    def loaded(text: str, content: str) -> list[str]:
        found = audit(
            text,
            RULES,
            attributions=[said(text, content, "Ian Cole", cue="claimed")],
            parse=plain_sentences,
        )
        return [p.span.text for p in found.problems if p.rule == "loaded-verb"]

    assert loaded("Ian Cole claimed victory for his side.\n", "victory for his side") == []
    assert loaded("Ian Cole claimed the referee erred.\n", "the referee erred") == ["claimed"]
