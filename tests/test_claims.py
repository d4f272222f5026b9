"""Grouping statements into claims, within and across articles: hand-built documents, no model."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace

import numpy as np
from builders import document, outbreak, said, towers

from provenance.claims import (
    _candidate_pairs,
    _candidates,
    _compared,
    _counting,
    _figures_apart,
    _related,
    _turned_down,
    blocking_keys,
    group_claims,
)
from provenance.models import Claim, Document
from provenance.readings import read_document
from provenance.rules import load_rules
from provenance.sentences import plain_sentences
from provenance.statements import Statement
from provenance.terms import Figure

RULES = load_rules()

SELYDOVE = (
    "Russia claims Ukraine mining hub\n"
    "Moscow said it had seized the mining hub of Selydove in eastern Ukraine.\n"
    "The Russian defence ministry said its forces had fully liberated Selydove, a town of "
    "21,000 people.\n"
    "Ukraine's mayor said the town was still being shelled.\n"
    "Russian attacks also killed two people in Kherson, and another one in Odesa.\n"
)


def claims_of(*docs: Document) -> list[Claim]:
    return group_claims(list(docs), RULES, parse=plain_sentences)


def holding(claims: list[Claim], doc_id: str, index: int) -> Claim:
    return next(
        c for c in claims if any(m.doc_id == doc_id and m.index == index for m in c.members)
    )


def selydove() -> Document:
    t = SELYDOVE
    return document(
        "selydove",
        t,
        said(
            t,
            "Ukraine mining hub",
            "Russia",
            source="Russian government",
            source_type="government",
            cue="claims",
            stance="distancing",
        ),
        said(
            t,
            "it had seized the mining hub of Selydove in eastern Ukraine",
            "Moscow",
            source="Russian government",
            source_type="government",
        ),
        said(
            t,
            "its forces had fully liberated Selydove, a town of 21,000 people",
            "The Russian defence ministry",
            source="Russian defence ministry",
            source_type="military",
        ),
        said(
            t,
            "the town was still being shelled",
            "Ukraine's mayor",
            source="mayor",
            source_type="official",
        ),
    )


def test_same_event_and_place_and_headline_make_one_claim() -> None:
    claims = claims_of(selydove())
    claim = holding(claims, "selydove", 1)
    assert [m.index for m in claim.members] == [0, 1, 2]
    assert any("same event 'capture'" in e and "selydove" in e for e in claim.explanation)
    assert any("same content" in e for e in claim.explanation)  # the headline's words
    assert holding(claims, "selydove", 3) is not claim


def test_ministry_and_government_are_one_origin_named_by_the_ministry() -> None:
    claim = holding(claims_of(selydove()), "selydove", 1)
    assert [o.name for o in claim.origins] == ["Russian defence ministry"]
    assert claim.flag_names == ("single_source", "unverified_party_claim", "disputed")


def test_every_member_says_how_it_joined() -> None:
    claim = holding(claims_of(selydove()), "selydove", 2)
    assert all(m.why for m in claim.members)
    assert {m.role for m in claim.members} == {"asserts"}


def test_unattributed_casualty_figure_is_its_own_claim() -> None:
    claims = claims_of(selydove())
    unattributed = [c for c in claims if c.flag_names == ("unattributed",)]
    assert len(unattributed) == 1
    member = unattributed[0].members[0]
    assert member.index is None and member.kind == "casualty"
    assert member.sentence.text.startswith("Russian attacks also killed two people")
    assert unattributed[0].to_json()["spans"] == [
        {"doc_id": "selydove", "start": member.sentence.start, "end": member.sentence.end}
    ]


def test_headline_restating_an_attributed_figure_is_not_unattributed() -> None:
    t = (
        "Kestrel recalls 180,000 scooters over fires\n"
        "Kestrel said it would recall some 180,000 scooters after a string of fires.\n"
    )
    doc = document(
        "recall",
        t,
        said(
            t,
            "it would recall some 180,000 scooters after a string of fires",
            "Kestrel",
            source_type="company",
        ),
    )
    assert all("unattributed" not in c.flag_names for c in claims_of(doc))


def test_the_outlets_note_on_the_article_is_no_claim() -> None:
    t = (
        "Town mourns\n"
        "A fire killed two people in the town on Monday.\n"
        "This report by The Canadian Press was first published March 13, 2026.\n"
    )
    # the parse of the pipeline, not plain_sentences: the date is what made it a claim
    claims = group_claims([document("fire", t)], RULES)
    found = [c for c in claims if "unattributed" in c.flag_names]
    texts = [m.sentence.text for c in found for m in c.members if m.sentence is not None]
    assert any(text.startswith("A fire killed") for text in texts)  # still a claim
    assert not [text for text in texts if text.startswith("This report")]


def test_a_figure_continuing_the_previous_attributed_figure_is_not_unattributed() -> None:
    t = (
        "Russia gained ground\n"
        "Russia has advanced 478 square kilometres in October, according to an AFP analysis.\n"
        "Two-thirds of the gains, or 324 square kilometres, were in the Donetsk region.\n"
    )
    doc = document(
        "gains",
        t,
        said(
            t,
            "Russia has advanced 478 square kilometres in October",
            "an AFP analysis",
            source="AFP analysis",
            source_type="media analysis",
            cue="according to",
        ),
    )
    assert all("unattributed" not in c.flag_names for c in claims_of(doc))


def test_an_index_move_is_public_record_but_a_share_move_is_the_reporters_claim() -> None:
    index = "Markets\nThe AEX index closed 0.4 percent lower in Amsterdam on Friday.\n"
    assert claims_of(document("index", index)) == []
    t = "Shares fell\nKestrel shares closed 6.2 percent lower in Amsterdam on Friday.\n"
    [claim] = claims_of(document("shares", t))
    assert claim.flag_names == ("unattributed",)
    assert claim.members[0].kind == "figure"


def test_two_outlets_relaying_one_ministry_are_one_origin() -> None:
    t = (
        "TASS reported, citing the Russian defence ministry, that 40 drones were downed over "
        "Belgorod.\n"
        "RIA Novosti reported, citing the Russian defence ministry, that 40 drones had been "
        "downed over Belgorod overnight.\n"
    )
    doc = document(
        "drones",
        t,
        said(
            t,
            "40 drones were downed over Belgorod",
            "TASS",
            source_type="state media",
            cue="reported",
            via=("the Russian defence ministry",),
        ),
        said(
            t,
            "40 drones had been downed over Belgorod overnight",
            "RIA Novosti",
            source_type="state media",
            cue="reported",
            via=("the Russian defence ministry",),
        ),
    )
    claim = holding(claims_of(doc), "drones", 0)
    assert [m.index for m in claim.members] == [0, 1]
    assert [o.name for o in claim.origins] == ["Russian defence ministry"]
    assert set(claim.origins[0].relays) == {"TASS", "RIA Novosti"}
    assert claim.flag_names == ("single_source",)


def test_independent_origins_corroborate() -> None:
    t = (
        "Nine people have died of Legionnaires' disease in Brescia, the health ministry said.\n"
        "The patients' association Aria Pulita said nine people had died in Brescia.\n"
    )
    doc = document(
        "toll",
        t,
        said(
            t,
            "Nine people have died of Legionnaires' disease in Brescia",
            "the health ministry",
            source="health ministry",
            source_type="government",
        ),
        said(
            t,
            "nine people had died in Brescia",
            "The patients' association Aria Pulita",
            source="Aria Pulita",
            source_type="organisation",
        ),
    )
    claim = holding(claims_of(doc), "toll", 0)
    assert len(claim.members) == 2
    assert claim.flag_names == ("corroborated",)
    assert {o.name for o in claim.origins} == {"health ministry", "Aria Pulita"}


def test_across_documents_the_same_toll_from_two_origins_is_corroborated() -> None:
    a = "An outbreak has killed nine people around Brescia, the health ministry said.\n"
    b = (
        "The heat was blamed for an outbreak around the city of Brescia, where the patients' "
        "association Aria Pulita said nine people had died.\n"
    )
    first = document(
        "outbreak",
        a,
        said(
            a,
            "An outbreak has killed nine people around Brescia",
            "the health ministry",
            source="Italian health ministry",
            source_type="government",
        ),
    )
    second = document(
        "heatwave",
        b,
        said(
            b,
            "nine people had died",
            "the patients' association Aria Pulita",
            source="Aria Pulita",
            source_type="organisation",
        ),
    )
    alone = holding(claims_of(first), "outbreak", 0)
    assert alone.flag_names == ("single_source",)
    together = holding(claims_of(first, second), "outbreak", 0)
    assert together.doc_ids == ("outbreak", "heatwave")
    assert together.flag_names == ("corroborated",)
    assert together.explanation == (
        "outbreak#0 ~ heatwave#0: same content (token_set_ratio 100; shared words: death, peopl)",
    )


def test_across_documents_a_relay_of_the_same_report_is_the_same_origin() -> None:
    a = (
        "The BIS counter-intelligence service said that around 400 fake accounts, paid for "
        "from Russia, had pushed content favouring Citizens' Voice.\n"
    )
    b = (
        "Prime Minister Jana Dvorakova briefed leaders on a report by the BIS "
        "counter-intelligence service, which said around 400 fake accounts, funded from "
        "Russia, had pushed content favouring Citizens' Voice.\n"
    )
    first = document(
        "czech",
        a,
        said(
            a,
            "around 400 fake accounts, paid for from Russia, had "
            "pushed content favouring Citizens' Voice",
            "The BIS counter-intelligence service",
            source="BIS counter-intelligence service",
            source_type="government",
        ),
    )
    second = document(
        "summit",
        b,
        said(
            b,
            "around 400 fake accounts, funded from Russia, had "
            "pushed content favouring Citizens' Voice",
            "Prime Minister Jana Dvorakova",
            source="Jana Dvorakova",
            source_type="official",
            cue="briefed",
            via=("BIS counter-intelligence service",),
        ),
    )
    claim = holding(claims_of(first, second), "czech", 0)
    assert claim.doc_ids == ("czech", "summit")
    assert claim.flag_names == ("single_source",)
    assert [o.name for o in claim.origins] == ["BIS counter-intelligence service"]


def test_described_sources_of_two_articles_are_two_origins() -> None:
    a = "Choe Son Hui will be in Moscow on Wednesday, a diplomatic source said.\n"
    b = "Choe Son Hui will arrive in Moscow on Wednesday, a diplomatic source told reporters.\n"
    first = document(
        "one",
        a,
        said(
            a,
            "Choe Son Hui will be in Moscow on Wednesday",
            "a diplomatic source",
            source="diplomatic source",
            source_type="anonymous",
            evidence="head noun 'source'",
        ),
    )
    second = document(
        "two",
        b,
        said(
            b,
            "Choe Son Hui will arrive in Moscow on Wednesday",
            "a diplomatic source",
            source="diplomatic source",
            source_type="anonymous",
            cue="told",
            evidence="head noun 'source'",
        ),
    )
    claim = holding(claims_of(first, second), "one", 0)
    assert claim.doc_ids == ("one", "two")
    assert len(claim.origins) == 2
    assert claim.flag_names == ("anonymous_only", "corroborated")


def test_different_figures_of_the_same_thing_are_different_claims() -> None:
    t = (
        "The regulator said it had received reports of 37 fires linked to the scooters.\n"
        "An AFP analysis found 41 fires linked to the scooters.\n"
    )
    doc = document(
        "fires",
        t,
        said(
            t,
            "it had received reports of 37 fires linked to the scooters",
            "The regulator",
            source="regulator",
            source_type="government",
        ),
        said(
            t,
            "41 fires linked to the scooters",
            "An AFP analysis",
            source="AFP analysis",
            source_type="media analysis",
            cue="found",
        ),
    )
    assert holding(claims_of(doc), "fires", 0) is not holding(claims_of(doc), "fires", 1)


def test_a_denial_joins_what_it_denies() -> None:
    doc = towers()
    claim = holding(claims_of(doc), "towers", 0)
    assert [m.role for m in claim.members] == ["asserts", "denies"]
    assert [o.name for o in claim.origins] == ["Marco Ferri"]
    assert claim.flag_names == ("single_source", "disputed", "denied")


def test_a_denial_with_nothing_asserted_is_denied_only() -> None:
    t = "The company denied that it had sat on the information.\n"
    doc = document(
        "sat",
        t,
        said(
            t,
            "it had sat on the information",
            "The company",
            source="Kestrel Mobility",
            source_type="company",
            cue="denied",
            stance="denial",
        ),
    )
    claim = holding(claims_of(doc), "sat", 0)
    assert claim.origins == ()
    assert claim.flag_names == ("denied",)


def test_statements_sharing_nothing_are_separate_claims() -> None:
    t = "The bridge will reopen in May, the mayor said. Turnout was 68 percent, officials said.\n"
    doc = document(
        "two",
        t,
        said(
            t, "The bridge will reopen in May", "the mayor", source="mayor", source_type="official"
        ),
        said(
            t,
            "Turnout was 68 percent",
            "officials",
            source="officials",
            source_type="vague",
            evidence="head noun 'officials'",
        ),
    )
    claims = claims_of(doc)
    assert len(claims) == 2
    assert all(c.explanation == () for c in claims)


def test_claim_json_is_the_report_contract() -> None:
    claim = holding(claims_of(selydove()), "selydove", 1)
    data = claim.to_json()
    assert set(data) >= {"id", "text", "flags", "origins", "attributions", "spans", "evidence"}
    assert data["flags"] == ["single_source", "unverified_party_claim", "disputed"]
    assert data["attributions"][1]["content"] == [
        claim.members[1].content.start,
        claim.members[1].content.end,
    ]
    assert data["attributions"][0]["speaker_text"] == "Russia"
    assert all({"rule", "detail"} <= set(e) for e in data["evidence"])
    assert len(claim.id) == 16


def test_same_input_gives_the_same_claim_ids() -> None:
    first = [c.id for c in claims_of(selydove())]
    assert first == [c.id for c in claims_of(selydove())]


def test_the_same_toll_in_two_places_is_two_claims() -> None:
    a = "Nine people died in the flooding in Brescia, the health ministry said.\n"
    b = "Nine people died in the flooding in Bari, the regional governor said.\n"
    first = document(
        "brescia",
        a,
        said(
            a,
            "Nine people died in the flooding in Brescia",
            "the health ministry",
            source="health ministry",
            source_type="government",
        ),
    )
    second = document(
        "bari",
        b,
        said(
            b,
            "Nine people died in the flooding in Bari",
            "the regional governor",
            source="regional governor",
            source_type="official",
        ),
    )
    claims = claims_of(first, second)
    assert holding(claims, "brescia", 0) is not holding(claims, "bari", 0)


def _sample_statements() -> list[Statement]:
    """The statements of six sample articles, two of them copies, read without the model."""
    docs = [
        selydove(),
        towers(),
        outbreak(),
        outbreak("eleven"),
        towers("towers-2", "Councillor Marco Ferri said the towers were never inspected.\n"),
        replace(selydove(), doc_id="selydove-2"),
    ]
    return [
        s
        for i, d in enumerate(docs)
        for s in read_document(i, d, plain_sentences(d.text), RULES).statements
    ]


def test_the_pairs_compared_are_those_sharing_a_rare_key_and_terms_or_an_event() -> None:
    # worked out for all pairs at once (numpy): the same pairs, in the same order, as one
    # pair at a time, with common keys (held by more than max_block statements) left out
    statements = _sample_statements()
    keys = [blocking_keys(s) for s in statements]
    for max_block in (RULES.claims.max_block, 3, 2):
        rules = replace(RULES, claims=replace(RULES.claims, max_block=max_block))
        held = Counter(k for found in keys for k in found)
        one_by_one = [
            (a, b)
            for a, b in itertools.combinations(range(len(statements)), 2)
            if any(held[k] <= max_block for k in keys[a] & keys[b])
            and (
                len(statements[a].terms & statements[b].terms) >= RULES.claims.min_shared_words
                or statements[a].events & statements[b].events
            )
        ]
        assert one_by_one, max_block
        assert _candidates(statements, rules) == one_by_one


def test_the_pairs_turned_down_together_are_ones_related_turns_down() -> None:
    # worked out for all candidate pairs at once (numpy): a pair turned down is one that
    # _related, a pair at a time, links for no reason
    statements = _sample_statements()
    compared = _compared(statements, RULES)
    counting = _counting(RULES.claims)
    turned = 0
    for max_block in (RULES.claims.max_block, 2):
        rules = replace(RULES, claims=replace(RULES.claims, max_block=max_block))
        first, second, evented = _candidate_pairs(statements, rules)
        down = _turned_down(statements, first, second, evented, rules)
        for a, b, no in zip(first.tolist(), second.tolist(), down.tolist(), strict=True):
            sa, sb, ca, cb = statements[a], statements[b], compared[a], compared[b]
            assert not no or _related(sa, sb, ca, cb, rules, counting) is None, (a, b)
            turned += no
    assert turned


def test_figures_apart_as_one_pair_at_a_time() -> None:
    # values as near as Figure.same_value allows are the same; what each counts decides
    # whether they are the same figure; a statement with many figures is never apart
    base = read_document(0, selydove(), plain_sentences(SELYDOVE), RULES).statements[0]
    given = [
        (Figure(9, "death", 0, 1),),
        (Figure(9 + 1e-12, "worker", 0, 1),),
        (Figure(10, None, 0, 1), Figure(-3.5, "death", 2, 3)),
        (Figure(9, None, 0, 1),),
        tuple(Figure(v, None, 0, 1) for v in (1, 2, 3, 4, 5)),
        (Figure(-3.5 - 1e-12, "death", 0, 1),),
        (),
        (Figure(float("nan"), None, 0, 1),),
    ]
    statements = [replace(base, figures=f) for f in given]
    a, b = zip(*itertools.combinations(range(len(given)), 2), strict=True)
    first, second = np.array(a, dtype=np.int64), np.array(b, dtype=np.int64)
    no_value, no_figure = _figures_apart(statements, first, second)
    for i, j, value, figure in zip(a, b, no_value.tolist(), no_figure.tolist(), strict=True):
        f, g = given[i], given[j]
        compared = 0 < len(f) <= 4 and 0 < len(g) <= 4
        assert value == (compared and not any(x.same_value(y) for x in f for y in g)), (i, j)
        assert figure == (compared and not any(x.same_as(y) for x in f for y in g)), (i, j)
    assert no_value.any() and (no_figure & ~no_value).any()
