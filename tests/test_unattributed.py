"""Claims in the reporter's own voice, on the model-free reader (one test, marked, on the model)."""

from __future__ import annotations

import pytest
from builders import said

from provenance.rules import load_rules
from provenance.sentences import plain_sentences
from provenance.unattributed import unattributed_claims

RULES = load_rules()


def kinds(text: str, *attributions) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    found = unattributed_claims(text, plain_sentences(text), list(attributions), RULES)
    return [(u.kind, u.cue.text) for u in found]


def test_casualty_figure() -> None:
    assert kinds("Headline\nRussian attacks also killed two people in Kherson.") == [
        ("casualty", "killed")
    ]


def test_casualty_superlative_needs_no_number() -> None:
    text = "Headline\nSummary line here.\nThe outbreak is the deadliest of its kind in Italy."
    assert kinds(text) == []  # no parse, no superlative tag: the plain reader cannot tell
    assert kinds(
        "Headline\nSummary line here.\nFour people have died in the heat since Friday."
    ) == [("casualty", "died")]


def test_accusation() -> None:
    text = "Headline\nSummary line here.\nRussian-linked networks also target elections in Moldova."
    assert kinds(text) == [("accusation", "target")]


def test_money_and_counts_need_a_source_a_market_index_does_not() -> None:
    text = (
        "Headline\nSummary line here.\n"
        "Trading firms have paid more than two billion dollars in penalties since 2020.\n"
        "The AEX index closed 0.4 percent lower in Amsterdam.\n"
        "About 240 boats worked the lake ten years ago.\n"
        "The talks lasted for three days."
    )
    assert kinds(text) == [("figure", "two billion"), ("figure", "240")]


def test_a_public_record_word_after_the_figures_is_not_what_they_are_of() -> None:
    text = (
        "Headline\nSummary line here.\n"
        "The courts cost 385,000 dollars to build and were paid for from the city's parks bond.\n"
        "Bond yields rose to 4.2 percent on Friday."
    )
    assert kinds(text) == [("figure", "385,000")]


def test_a_sentence_with_a_reporting_verb_is_someones_account() -> None:
    text = "Headline\nSummary line here.\nThe agency said in a report that 400 people had died."
    assert kinds(text) == []


def test_an_attributed_sentence_is_not_the_reporters_voice() -> None:
    text = "Headline\nSummary line here.\nFour people were killed, the mayor told reporters."
    attribution = said(text, "Four people were killed", "the mayor", cue="told")
    assert kinds(text, attribution) == []


def test_restating_an_attributed_figure_is_not_a_new_claim() -> None:
    text = (
        "Headline\nSummary line here.\nThe mayor told reporters four people were killed.\n"
        "The four people were killed in the north of the city."
    )
    attribution = said(text, "four people were killed", "The mayor", cue="told")
    assert kinds(text, attribution) == []


def test_a_new_figure_is_a_claim_beside_a_figure_another_statement_gave() -> None:
    # "the three" is the board's count, told again; the fall of 5.8% is the reporter's own
    text = (
        "Headline\nSummary line here.\nThe board said it had searched the offices of three "
        "chains.\nIt gave no reason.\nShares in Kaupa, the only one of the three chains listed, "
        "fell 5.8% on the day."
    )
    attribution = said(text, "it had searched the offices of three chains", "The board")
    assert kinds(text, attribution) == [("figure", "5.8")]


def test_bylines_section_heads_and_fragments_are_skipped() -> None:
    assert kinds("Headline\n- Deadly strikes -\nP.Lynch--IP\nTwo killed.") == []


def test_a_projection_with_a_number_or_a_year_needs_a_source() -> None:
    text = (
        "Headline\nSummary line here.\n"
        "Flood claims are projected to double by 2040 as storms grow stronger.\n"
        "Ridership is expected to reach 40,000 trips a day.\n"
        "The negotiations are expected to resume next week.\n"
        "The hearing is expected to last three days."
    )
    assert kinds(text) == [("projection", "projected"), ("projection", "expected")]


def test_shelling_and_barring_are_accusations_needing_a_source() -> None:
    text = "Headline\nSummary line here.\nThe town has been shelled almost daily since the autumn."
    assert kinds(text) == [("accusation", "shelled")]
    text = "Headline\nSummary line here.\nForeign journalists have been barred from the area."
    assert kinds(text) == [("accusation", "barred")]


@pytest.mark.model
def test_a_superlative_on_record_is_a_record_without_a_number() -> None:
    from provenance.nlp import sentences

    text = "Headline\n\nSummary line here.\n\nThe river fell to its lowest level on record.\n"
    found = unattributed_claims(text, sentences(text), [], RULES)
    assert [(u.kind, u.cue.text) for u in found] == [("record", "lowest")]


@pytest.mark.model
def test_an_event_the_reporter_dates_needs_a_source() -> None:
    from provenance.nlp import sentences

    def found(line: str) -> list[tuple[str, str]]:
        text = f"Headline\n\nSummary line here.\n\n{line}\n"
        return [(u.kind, u.cue.text) for u in unattributed_claims(text, sentences(text), [], RULES)]

    assert found("Mr Halloran was appointed in 2021 and chaired the tender committee.") == [
        ("event", "2021")
    ]
    assert found("The group posted samples of the data on its leak site on Monday.") == [
        ("event", "Monday")
    ]
    # a span of time is no date one could check; what is yet to come and the reporting
    # itself are no claims
    assert found("Ukraine has struggled with manpower shortages over recent months.") == []
    assert found("Supporters plan a counter-demonstration on Sunday.") == []
    assert found("Mr Greer could not be reached for comment on Monday.") == []
    # the month of May is no "may" of what might be
    assert found("The contract was awarded in May last year, without a public tender.") == [
        ("event", "May")
    ]
    assert found("The contract may be awarded in June.") == []
    # a cue verb ("raise" a toll) with a sum for its object and no clause says nothing
    assert found("Nuvrel raised $62 million in January in a round led by Ostrow Ventures.") != []


def test_a_bare_number_alike_in_another_statement_is_no_restatement() -> None:
    # "four of the past six years" and "for almost four weeks": the same value counting
    # different things, and no word in common
    text = (
        "Headline\nSummary line here.\nThe aid group said the pipeline had been broken for "
        "almost four weeks.\nOshara has recorded cholera outbreaks in four of the past six "
        "years."
    )
    attribution = said(text, "the pipeline had been broken for almost four weeks", "The aid group")
    assert [k for k, _ in kinds(text, attribution)] == ["record"]


def test_a_later_sentence_does_not_restate_the_headlines_statement() -> None:
    text = (
        "Dock strike shuts Tarnvik terminals, union says\nSummary line here.\nMore text "
        "follows here today.\nThe strike has cost Tarnvik terminals 40 million euros so far."
    )
    headline = said(text, "Dock strike shuts Tarnvik terminals", "union", cue="says")
    assert [k for k, _ in kinds(text, headline)] == ["figure"]


def test_a_passive_with_nobody_doing_it_is_no_account_and_a_clock_time_dates_an_event() -> None:
    from provenance.nlp import sentences

    text = (
        "Headline\n\nSummary line here.\n\nAuer was suspended by the school in July 2023 and "
        "dismissed in January.\n\nThe stay-indoors advice was lifted at 2pm.\n"
    )
    found = unattributed_claims(text, sentences(text), [], RULES)
    assert [(u.kind, u.cue.text) for u in found] == [("event", "July"), ("event", "2")]


def test_a_figure_after_the_noun_it_counts_needs_a_source() -> None:
    text = (
        "Headline\nSummary line here.\n"
        "Tornsay has a population of about 4,600.\n"
        "The ferry from the mainland takes about 40 minutes."
    )
    assert kinds(text) == [("figure", "4,600")]


def test_it_is_claimed_is_hearsay() -> None:
    text = (
        "Headline\nSummary line here.\n"
        "It is claimed that at least two departments altered marks after examiners approved "
        "them."
    )
    assert kinds(text) == [("hearsay", "It is claimed")]


def test_a_figure_in_another_unit_after_an_attributed_figure_tells_something_else() -> None:
    # the previous sentence's figures are in pounds; the fall of 22% is the reporter's own,
    # though the sentence goes on to figures in pounds
    text = (
        "Headline\nSummary line here.\nThe annual report shows the bonus rising to £6.8m, "
        "largely because of profit targets.\nThe shares have fallen 22% over the past year, "
        "and profit dropped to £41m."
    )
    attribution = said(
        text,
        "the bonus rising to £6.8m, largely because of profit targets",
        "The annual report",
        cue="shows",
    )
    assert kinds(text, attribution) == [("figure", "22")]


def test_a_figure_no_statement_gives_makes_a_claim_beside_one_a_statement_gave() -> None:
    # the four machines are the operator's, told again; the 212 tickets are the reporter's
    text = (
        "Headline\nSummary line here.\nThe operator said four machines had been checked.\n"
        "The four machines drew the numbers, and 212 tickets shared the jackpot."
    )
    attribution = said(text, "four machines had been checked", "The operator")
    assert kinds(text, attribution) == [("figure", "212")]


@pytest.mark.model
def test_a_rule_book_a_formal_step_and_a_fixed_date_are_claims_of_fact() -> None:
    from provenance.nlp import sentences

    def found(line: str) -> list[tuple[str, str]]:
        text = f"Headline\n\nSummary line here.\n\n{line}\n"
        return [(u.kind, u.cue.text) for u in unattributed_claims(text, sentences(text), [], RULES)]

    # what a law or policy says, told by the reporter
    assert found("Under state law, a portable ride must be inspected again after any repair.") == [
        ("rule", "law")
    ]
    assert found("Under the circumstances, the ride stayed shut.") == []
    # a formal step someone has taken
    assert found("She has lodged a formal complaint with the school board.") == [("step", "lodged")]
    assert found("The club has since hired an outside firm to review the deal.") == [
        ("step", "hired")
    ]
    assert found("Local councillor Ann Vale has written to the trust asking for a meeting.") == [
        ("step", "written")
    ]
    assert found("Local councillor Ann Vale has written a book about the town.") == []
    # what is fixed for a date is told as fact; what may happen is not
    assert found("The owners corporation will vote on the levy on April 14.") == [
        ("event", "April")
    ]
    assert found("The owners corporation could vote on the levy on April 14.") == []


@pytest.mark.model
def test_the_reporters_clause_before_a_share_of_the_speakers() -> None:
    # "..., and two of its librarians say ...": the clause before "and" is the reporter's
    from provenance.nlp import sentences

    text = (
        "Headline\n\nThe county library has removed 212 books from its shelves since January, "
        "and two of its librarians say the board ordered the removals.\n"
    )
    librarians = said(text, "the board ordered the removals", "its librarians", cue="say")
    found = unattributed_claims(text, sentences(text), [librarians], RULES)
    assert [(u.kind, u.cue.text) for u in found] == [("figure", "212")]


@pytest.mark.model
def test_the_reporters_clause_before_a_relative_clause_someone_speaks_in() -> None:
    # "coral that divers say took centuries to grow": what divers say is the relative clause
    from provenance.nlp import sentences

    text = (
        "Headline\n\nA superyacht dragged its anchor across a protected stretch of reef off "
        "the north coast last weekend, flattening coral that divers say took centuries to "
        "grow.\n"
    )
    divers = said(text, "took centuries to grow", "divers", cue="say")
    found = unattributed_claims(text, sentences(text), [divers], RULES)
    assert [(u.kind, u.cue.text) for u in found] == [("event", "last")]
