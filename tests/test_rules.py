"""Rule files: the shipped rules load, and every kind of mistake is reported, all at once."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from provenance.errors import RulesError
from provenance.rules import (
    STANCES,
    Thresholds,
    check_rules,
    default_rules_dir,
    load_rules,
    normalise_name,
)

SHIPPED = Path(__file__).resolve().parent.parent / "rules"


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped rules, free to break."""
    return Path(shutil.copytree(SHIPPED, tmp_path / "rules"))


def append(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


def replace(folder: Path, name: str, pattern: str, new: str) -> None:
    path = folder / name
    text, count = re.subn(pattern, new, path.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert count == 1, f"{pattern!r} not found in {name}"
    path.write_text(text, encoding="utf-8")


def next_entry(folder: Path, name: str, table: str) -> str:
    """The key path the next appended ``[[table]]`` block will get, e.g. ``verb[79]``."""
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    count = sum(line.strip() == f"[[{table}]]" for line in lines)
    return f"{table}[{count + 1}]"


# --- the shipped rules ---------------------------------------------------------------------


def test_shipped_rules_check_clean() -> None:
    assert check_rules(SHIPPED) == []


def test_shipped_rules_load() -> None:
    rules = load_rules(SHIPPED)
    assert rules.verbs["say"].stance == "neutral"
    assert rules.verbs["claim"].stance == "distancing" and rules.verbs["claim"].loaded
    assert rules.verbs["warn"].preps == ("about", "of", "against")
    assert rules.verbs["announce"].object
    assert rules.nouns["allegation"].stance == "distancing"
    assert ("sound", "the", "alarm") in {p.words for p in rules.phrases}
    assert rules.prepositions[0].words == ("according", "to")
    assert {v.stance for v in rules.verbs.values()} <= STANCES
    assert "cite" not in rules.verbs
    assert rules.thresholds == Thresholds(90, 8, 2, 4)
    assert {"government", "anonymous official", "person"} <= rules.types
    assert {c.name for c in rules.channels} >= {"statement", "Telegram", "press conference"}


def test_shipped_triggers_are_ordered_narrow_first() -> None:
    triggers = load_rules(SHIPPED).triggers
    types = [t.type for t in triggers]
    assert types[0] == "anonymous"
    # "its chief investment officer" (words: its) is narrower than an unnamed officer, which
    # is narrower than any officer
    general = [t.type for t in triggers if not t.words]
    assert general.index("anonymous official") < general.index("official")
    assert types.index("anonymous official") < max(
        n for n, t in enumerate(triggers) if t.type == "official"
    )
    assert all(t.heads for t in load_rules(SHIPPED).triggers)


@pytest.mark.parametrize("name", ["Moscow", "the Kremlin", "kremlin", "The  Kremlin", "Russia"])
def test_source_index_finds_russian_government(name: str) -> None:
    source = load_rules(SHIPPED).source_index[normalise_name(name)]
    assert (source.canonical, source.type) == ("Russian government", "government")


def test_source_index_holds_canonical_names_and_parents() -> None:
    index = load_rules(SHIPPED).source_index
    ministry = index[normalise_name("Russia’s defence ministry")]
    assert (ministry.canonical, ministry.type) == ("Russian defence ministry", "military")
    assert ministry.parent == "Russian government"
    assert index["reuters"].type == "media"
    assert index["tass"].type == "state media"
    assert index["isw"].canonical == "Institute for the Study of War"
    assert "who" not in index  # the pronoun must never resolve to the World Health Organization


def test_normalise_name() -> None:
    assert normalise_name("  The   Kremlin ") == "kremlin"
    assert normalise_name("the") == "the"
    assert normalise_name("Theresa May") == "theresa may"
    assert normalise_name("Russia’s army") == "russia's army"


def test_load_rules_is_cached_per_folder(rules_copy: Path) -> None:
    assert load_rules(rules_copy) is load_rules(str(rules_copy))
    assert load_rules(rules_copy / ".." / "rules") is load_rules(rules_copy)


def test_env_var_chooses_the_folder(rules_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    replace(rules_copy, "resolve.toml", r"^fuzzy_threshold = 90$", "fuzzy_threshold = 75")
    monkeypatch.setenv("PROVENANCE_RULES", str(rules_copy))
    assert default_rules_dir() == rules_copy
    assert load_rules().thresholds.fuzzy_name == 75
    assert check_rules() == []


def test_default_folder_without_env_var(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PROVENANCE_RULES", raising=False)
    assert default_rules_dir() == SHIPPED
    assert load_rules() is load_rules(SHIPPED)


# --- each kind of problem ------------------------------------------------------------------


def only_problem(folder: Path) -> str:
    problems = check_rules(folder)
    assert len(problems) == 1, problems
    return problems[0]


def test_bad_stance(rules_copy: Path) -> None:
    where = next_entry(rules_copy, "cues.toml", "verb")
    append(rules_copy, "cues.toml", '[[verb]]\nlemma = "mutter"\nstance = "neutrall"\n')
    assert only_problem(rules_copy) == (
        f"cues.toml: {where}.stance: 'neutrall' is not a stance; expected one of "
        + ", ".join(sorted(STANCES))
    )


def test_typo_in_key(rules_copy: Path) -> None:
    where = next_entry(rules_copy, "cues.toml", "noun")
    append(
        rules_copy, "cues.toml", '[[noun]]\nlemma = "rebuttal"\nstance = "denial"\nlaoded = true\n'
    )
    problem = only_problem(rules_copy)
    assert problem.startswith(f"cues.toml: {where}.laoded: unknown key (did you mean 'loaded'?)")
    assert problem.endswith("expected one of lemma, loaded, stance")


def test_missing_required_key(rules_copy: Path) -> None:
    where = next_entry(rules_copy, "cues.toml", "verb")
    append(rules_copy, "cues.toml", '[[verb]]\nlemma = "mutter"\n')
    assert only_problem(rules_copy).startswith(f"cues.toml: {where}.stance: missing; expected")


def test_wrong_type(rules_copy: Path) -> None:
    where = next_entry(rules_copy, "cues.toml", "verb")
    append(
        rules_copy, "cues.toml", '[[verb]]\nlemma = "mutter"\nstance = "neutral"\nloaded = "yes"\n'
    )
    assert (
        only_problem(rules_copy) == f"cues.toml: {where}.loaded: got 'yes'; expected true or false"
    )


def test_a_verbs_aside_is_true_or_false(rules_copy: Path) -> None:
    where = next_entry(rules_copy, "cues.toml", "verb")
    append(rules_copy, "cues.toml", '[[verb]]\nlemma = "mutter"\nstance = "neutral"\naside = 1\n')
    assert only_problem(rules_copy) == f"cues.toml: {where}.aside: got 1; expected true or false"


@pytest.mark.parametrize("key", ["after_name", "beside_name"])
def test_a_roles_placement_is_true_or_false(rules_copy: Path, key: str) -> None:
    where = next_entry(rules_copy, "claims.toml", "role")
    append(
        rules_copy,
        "claims.toml",
        f'[[role]]\nwords = ["spokesman"]\nspeaks_for = ["company"]\n{key} = "yes"\n',
    )
    expected = f"claims.toml: {where}.{key}: got 'yes'; expected true or false"
    assert only_problem(rules_copy) == expected


def test_lemma_must_be_one_lowercase_word(rules_copy: Path) -> None:
    where = next_entry(rules_copy, "cues.toml", "verb")
    append(rules_copy, "cues.toml", '[[verb]]\nlemma = "Point out"\nstance = "neutral"\n')
    assert only_problem(rules_copy).startswith(f"cues.toml: {where}.lemma: got 'Point out';")


def test_duplicate_lemma(rules_copy: Path) -> None:
    where = next_entry(rules_copy, "cues.toml", "verb")
    append(rules_copy, "cues.toml", '[[verb]]\nlemma = "say"\nstance = "asserting"\n')
    assert only_problem(rules_copy) == (
        f"cues.toml: {where}.lemma: 'say' is listed twice (first at verb[1]); "
        "expected each verb once"
    )


def test_missing_file(rules_copy: Path) -> None:
    (rules_copy / "channels.toml").unlink()
    problem = only_problem(rules_copy)
    assert problem.startswith(f"channels.toml: file not found in {rules_copy.resolve()}; expected")


def test_missing_folder(tmp_path: Path) -> None:
    problem = only_problem(tmp_path / "nowhere")
    assert "rules folder not found" in problem and "cues.toml" in problem


def test_toml_syntax_error_names_the_line(rules_copy: Path) -> None:
    text = (rules_copy / "resolve.toml").read_text(encoding="utf-8")
    line = text.splitlines().index("max_sentences_back = 8") + 1
    replace(rules_copy, "resolve.toml", r"^max_sentences_back = 8$", "max_sentences_back = ")
    problem = only_problem(rules_copy)
    assert problem.startswith(f"resolve.toml: line {line}: not valid TOML (")


def test_schema_version(rules_copy: Path) -> None:
    replace(rules_copy, "channels.toml", r"^schema_version = 1$", "schema_version = 2")
    replace(rules_copy, "resolve.toml", r"^schema_version = 1$", "")
    assert check_rules(rules_copy) == [
        "channels.toml: schema_version: got 2; expected schema_version = 1",
        "resolve.toml: schema_version: missing; expected schema_version = 1",
    ]


def test_unknown_top_level_key(rules_copy: Path) -> None:
    append(rules_copy, "cues.toml", '[[verbs]]\nlemma = "mutter"\nstance = "neutral"\n')
    problem = only_problem(rules_copy)
    assert problem.startswith("cues.toml: verbs: unknown key (did you mean 'verb'?); expected")


def test_unknown_source_type(rules_copy: Path) -> None:
    where = next_entry(rules_copy, "sources.toml", "source")
    append(
        rules_copy,
        "sources.toml",
        '[[source]]\ncanonical = "Kyiv Post"\ntype = "newspaper"\nnames = ["KP"]\n',
    )
    problem = only_problem(rules_copy)
    assert problem.startswith(f"sources.toml: {where}.type: 'newspaper' is not a declared type;")
    assert "expected one of the types listed at the top: anonymous," in problem


def test_unknown_trigger_type(rules_copy: Path) -> None:
    where = next_entry(rules_copy, "sources.toml", "trigger")
    append(rules_copy, "sources.toml", '[[trigger]]\ntype = "pundit"\nheads = ["pundit"]\n')
    assert only_problem(rules_copy).startswith(
        f"sources.toml: {where}.type: 'pundit' is not a declared type;"
    )


def test_trigger_heads_must_not_be_empty(rules_copy: Path) -> None:
    where = next_entry(rules_copy, "sources.toml", "trigger")
    append(rules_copy, "sources.toml", '[[trigger]]\ntype = "person"\nheads = []\n')
    problem = only_problem(rules_copy)
    assert problem.startswith(f"sources.toml: {where}.heads: got []; expected a non-empty list")


def test_trigger_opens_takes_lowercase_words(rules_copy: Path) -> None:
    where = next_entry(rules_copy, "sources.toml", "trigger")
    append(
        rules_copy, "sources.toml", '[[trigger]]\ntype = "company"\nheads = ["co"]\nopens = "PT"\n'
    )
    problem = only_problem(rules_copy)
    assert problem.startswith(
        f"sources.toml: {where}.opens: got 'PT'; expected a list of lowercase"
    )


def test_duplicate_source_name(rules_copy: Path) -> None:
    where = next_entry(rules_copy, "sources.toml", "source")
    append(
        rules_copy,
        "sources.toml",
        '[[source]]\ncanonical = "Kremlin press office"\ntype = "government"\n'
        'names = ["The Kremlin"]\n',
    )
    assert only_problem(rules_copy) == (
        f"sources.toml: {where}.names[1]: 'kremlin' is listed twice (first at source[1]); "
        "expected each name to belong to one source"
    )


def test_bad_parent(rules_copy: Path) -> None:
    where = next_entry(rules_copy, "sources.toml", "source")
    append(
        rules_copy,
        "sources.toml",
        '[[source]]\ncanonical = "Rosgvardia"\ntype = "military"\nnames = ["National Guard"]\n'
        'parent = "Russian goverment"\n',
    )
    assert only_problem(rules_copy) == (
        f"sources.toml: {where}.parent: 'Russian goverment' is not the canonical name of any "
        "source (did you mean 'Russian government'?); "
        "expected the canonical name of another [[source]]"
    )


def test_parent_loop(rules_copy: Path) -> None:
    where = next_entry(rules_copy, "sources.toml", "source")
    append(
        rules_copy,
        "sources.toml",
        '[[source]]\ncanonical = "Office A"\ntype = "government"\nnames = ["A"]\n'
        'parent = "Office A"\n',
    )
    assert only_problem(rules_copy).startswith(
        f"sources.toml: {where}.parent: following parents from 'Office A' goes round in a loop"
    )


def test_unknown_channel_kind_and_shared_word(rules_copy: Path) -> None:
    where = next_entry(rules_copy, "channels.toml", "channel")
    append(
        rules_copy, "channels.toml", '[[channel]]\nname = "Bluesky"\nwords = ["x"]\nkind = "app"\n'
    )
    problems = check_rules(rules_copy)
    assert problems[0].startswith(f"channels.toml: {where}.kind: 'app' is not a channel kind;")
    assert problems[1].startswith(f"channels.toml: {where}.words[1]: 'x' is listed twice")
    assert len(problems) == 2


def test_a_document_names_the_verbs_of_whoever_issued_it(rules_copy: Path) -> None:
    where = next_entry(rules_copy, "channels.toml", "channel")
    append(
        rules_copy,
        "channels.toml",
        '[[channel]]\nname = "petition"\nwords = ["petition"]\nkind = "document"\n'
        'issued_by = ["Petitioned"]\n',
    )
    problems = check_rules(rules_copy)
    assert len(problems) == 1 and problems[0].startswith(
        f"channels.toml: {where}.issued_by: got ['Petitioned']; expected a list of lowercase"
    ), problems
    lawsuit = next(c for c in load_rules().channels if c.name == "lawsuit")
    assert "sue" in lawsuit.issued_by


@pytest.mark.parametrize(
    ("pattern", "new", "expected"),
    [
        (
            r"^fuzzy_threshold = 90$",
            "fuzzy_threshold = 101",
            "resolve.toml: names.fuzzy_threshold: got 101; expected a whole number, 0 to 100",
        ),
        (
            r"^max_sentences_back = 8$",
            "max_sentences_back = -1",
            "resolve.toml: coref.max_sentences_back: got -1; expected a whole number, 0 or more",
        ),
        (
            r"^min_direct_words = 4$",
            "min_direct_words = 4.5",
            "resolve.toml: quotes.min_direct_words: got 4.5; expected a whole number, e.g. 8",
        ),
        (
            r"^max_sentences_forward = 2$",
            "max_sentence_forward = 2",
            "resolve.toml: coref.max_sentence_forward: unknown key "
            "(did you mean 'max_sentences_forward'?); "
            "expected one of max_sentences_back, max_sentences_forward",
        ),
    ],
)
def test_thresholds(rules_copy: Path, pattern: str, new: str, expected: str) -> None:
    replace(rules_copy, "resolve.toml", pattern, new)
    assert only_problem(rules_copy) == expected


# --- all at once ---------------------------------------------------------------------------


def test_every_problem_in_one_error(rules_copy: Path) -> None:
    verb = next_entry(rules_copy, "cues.toml", "verb")
    append(rules_copy, "cues.toml", '[[verb]]\nlemma = "say"\nstanse = "neutrall"\n')
    source = next_entry(rules_copy, "sources.toml", "source")
    append(
        rules_copy,
        "sources.toml",
        '[[source]]\ncanonical = "X Corp"\ntype = "firm"\nnames = ["Twitter"]\nparent = "Musk"\n',
    )
    (rules_copy / "channels.toml").unlink()
    replace(rules_copy, "resolve.toml", r"^fuzzy_threshold = 90$", "fuzzy_threshold = 500")

    with pytest.raises(RulesError) as caught:
        load_rules(rules_copy)

    problems = caught.value.problems
    assert problems == check_rules(rules_copy)
    expected_starts = [
        f"cues.toml: {verb}.stanse: unknown key (did you mean 'stance'?)",
        f"cues.toml: {verb}.stance: missing",
        f"sources.toml: {source}.type: 'firm' is not a declared type",
        f"sources.toml: {source}.parent: 'Musk' is not the canonical name of any source",
        "channels.toml: file not found",
        "resolve.toml: names.fuzzy_threshold: got 500",
    ]
    assert len(problems) == len(expected_starts), problems
    for problem, start in zip(problems, expected_starts, strict=True):
        assert problem.startswith(start)
        assert "; expected " in problem
    message = str(caught.value)
    assert message.startswith("6 problems in the rule files:")
    assert all(p in message for p in problems)


def test_broken_rules_are_not_cached(rules_copy: Path) -> None:
    replace(rules_copy, "resolve.toml", r"^fuzzy_threshold = 90$", "fuzzy_threshold = 500")
    with pytest.raises(RulesError):
        load_rules(rules_copy)
    replace(rules_copy, "resolve.toml", r"^fuzzy_threshold = 500$", "fuzzy_threshold = 80")
    assert load_rules(rules_copy).thresholds.fuzzy_name == 80


# --- claims.toml and audit.toml -----------------------------------------------------------------


def test_shipped_claim_and_audit_rules_load() -> None:
    rules = load_rules(SHIPPED)
    assert rules.claims.same_content == 85
    assert {e.name for e in rules.claims.events} >= {"capture", "death", "injury", "damage"}
    capture = next(e for e in rules.claims.events if e.name == "capture")
    assert {"seize", "liberate", "wrest"} <= set(capture.words)
    assert next(p for p in rules.claims.parties if p.name == "Russia").sources == (
        "Russian government",
    )
    assert rules.audit.get("loaded-verb") is not None
    assert "on condition of anonymity" in rules.audit.anonymity_reasons


def test_claims_problems_name_file_and_key(rules_copy: Path) -> None:
    replace(rules_copy, "claims.toml", r"^same_content = 85$", "same_content = 150")
    replace(rules_copy, "claims.toml", r'^types = \["company"', 'types = ["firm", "company"')
    party = next_entry(rules_copy, "claims.toml", "party")
    append(rules_copy, "claims.toml", '[[party]]\nname = "Mars"\nsources = ["Martian state"]\n')
    replace(rules_copy, "claims.toml", r'^figure_events = \["death"', 'figure_events = ["deaths"')
    problems = check_rules(rules_copy)
    assert problems[0].startswith("claims.toml: grouping.same_content: got 150; expected")
    assert any(
        p.startswith("claims.toml: interest.types[1]: 'firm' is not a declared type")
        for p in problems
    )
    assert any(
        p.startswith("claims.toml: unattributed.figure_events[1]: 'deaths' is not an event")
        for p in problems
    )
    assert any(
        p.startswith(
            f"claims.toml: {party}.sources[1]: 'Martian state' is not the "
            "canonical name of a source"
        )
        for p in problems
    )
    assert len(problems) == 4


def test_an_event_word_belongs_to_one_event(rules_copy: Path) -> None:
    event = next_entry(rules_copy, "claims.toml", "event")
    append(rules_copy, "claims.toml", '[[event]]\nname = "grab"\nwords = ["seize"]\n')
    (problem,) = check_rules(rules_copy)
    assert problem.startswith(f"claims.toml: {event}.words[1]: 'seize' is listed twice")


def test_audit_rules_must_be_known_and_complete(rules_copy: Path) -> None:
    replace(rules_copy, "audit.toml", r"^\[rule\.loaded-verb\]$", "[rule.loaded-verbs]")
    problems = check_rules(rules_copy)
    assert problems == [
        "audit.toml: rule.loaded-verbs: unknown audit rule (did you mean 'loaded-verb'?); "
        "expected one of anonymous-without-reason, loaded-verb, pronoun-first-mention, "
        "quote-without-speaker, single-party-source, unattributed-claim",
        "audit.toml: rule.loaded-verb: missing; expected enabled = true or false and an "
        "explanation",
    ]


def test_audit_rule_needs_a_switch_and_an_explanation(rules_copy: Path) -> None:
    replace(
        rules_copy, "audit.toml", r"^(\[rule\.loaded-verb\]\n)enabled = true$", r"\1enabled = 1"
    )
    (problem,) = check_rules(rules_copy)
    assert problem == "audit.toml: rule.loaded-verb.enabled: got 1; expected true or false"


def test_missing_claims_file_is_one_problem(rules_copy: Path) -> None:
    (rules_copy / "claims.toml").unlink()
    (problem,) = check_rules(rules_copy)
    assert problem.startswith("claims.toml: file not found")
