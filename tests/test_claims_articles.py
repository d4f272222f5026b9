"""Short invented articles through the whole pipeline (the spaCy model, extraction, claims,
flags): the general rules of claims and flags, each on the construction that needs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.api import extract_document
from provenance.claims import group_claims
from provenance.models import Claim, Document
from provenance.rules import load_rules

RULES = load_rules()


def article(text: str, doc_id: str = "story") -> tuple[Document, list[Claim]]:
    doc = extract_document(text, doc_id, rules=RULES)
    return doc, group_claims([doc], RULES)


def claim_with(claims: list[Claim], words: str) -> Claim:
    found = [c for c in claims if any(words in m.content.text for m in c.members)]
    assert found, f"no claim holds {words!r}: {[c.text for c in claims]}"
    return found[0]


def test_a_denial_answers_a_derived_word() -> None:
    _, claims = article(
        "A baker who runs a shop on Mill Lane has told the court that Mr Hobb threatened "
        "her brother during a row last spring. Mr Hobb denied making any threat.\n"
    )
    threat = claim_with(claims, "threatened her brother")
    assert "denied" in threat.flag_names
    assert any(m.role == "denies" for m in threat.members)


def test_a_denial_in_the_opening_answers_the_accusation_after_it() -> None:
    _, claims = article(
        "Tomasz Hobb, 52, denies arson with intent to endanger life.\n"
        "The fire destroyed the bakery on Mill Lane in March.\n"
        "Prosecutors allege that Mr Hobb poured petrol through the letterbox of the shop.\n"
    )
    accusation = claim_with(claims, "poured petrol")
    assert "denied" in accusation.flag_names


def test_the_accusation_is_answered_further_back_than_the_window() -> None:
    _, claims = article(
        "Opposition leader Ida Brandt accused Prime Minister Karl Lenz of hiding a "
        "budget deficit.\n"
        "She said the deficit had grown every year since 2021.\n"
        "Her party said the figure came from a leaked forecast.\n"
        "The statistics office said the debt stood at 41% of output.\n"
        "Turnout at the last election was 71%, the electoral commission said.\n"
        "Lenz's campaign rejected the accusation.\n"
    )
    accusation = claim_with(claims, "hiding a budget deficit")
    assert "denied" in accusation.flag_names
    office = claim_with(claims, "41% of output")
    assert "denied" not in office.flag_names


def test_of_two_subjects_the_nearer_speaks() -> None:
    doc, _ = article(
        "Tomasz Hobb went on trial on Monday.\n"
        "Under cross-examination on Wednesday, Mr Hobb accepted the receipt was his but said "
        'he had filled a can for his mower "days before", and that the time printed on it '
        "must be wrong.\n"
    )
    mower = next(a for a in doc.attributions if "mower" in a.content.text)
    assert mower.speaker is not None and mower.speaker.text == "Mr Hobb"  # not "examination"


def test_a_lone_name_is_short_for_the_company_named_in_full() -> None:
    doc, claims = article(
        "Shares in Tarnwick Mobility fell 9% on Tuesday after a regulator widened an inquiry.\n"
        "Tarnwick said its scooters were safe when charged as instructed.\n"
    )
    safe = next(a for a in doc.attributions if "safe" in a.content.text)
    assert (safe.source, safe.source_type) == ("Tarnwick Mobility", "company")
    assert "unverified_party_claim" in claim_with(claims, "safe").flag_names


def test_a_headline_with_an_unnamed_speaker_adds_no_origin() -> None:
    _, claims = article(
        "Portmoor owner in talks to sell club, sources say\n\nBy Ann Lee\n\n"
        "LONDON, May 3 (Reuters) - Portmoor's owner is in advanced talks to sell the "
        "second-tier club to a private equity firm, two people with knowledge of the talks "
        "told Reuters on Friday.\n"
    )
    talks = claim_with(claims, "advanced talks")
    assert len(talks.origins) == 1
    assert "corroborated" not in talks.flag_names
    assert "anonymous_only" in talks.flag_names


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "Trains have not run on the Vell line, which once carried about a third of the "
            "valley's freight, since June 2022, when the operator accused the county of "
            "failing to repair the bridges.",
            "figure",
        ),
        ("It is the fourth large outage in Norvik blamed on storms since 2020.", "accusation"),
        (
            "Harwell Leisure bought the Penfold caravan park in March last year and says the "
            "new fees reflect its investment in roads.",
            "event",
        ),
    ],
)
def test_the_reporter_voice_in_a_clause_or_a_passive_is_unattributed(
    sentence: str, kind: str
) -> None:
    _, claims = article(f"Rail freight halted in the valley\n{sentence}\n")
    found = [c for c in claims if "unattributed" in c.flag_names]
    assert found, [c.text for c in claims]
    assert any(kind in e.rule for c in found for f in c.flags for e in f.evidence)


def test_what_is_said_ends_where_an_inverted_speaker_begins() -> None:
    doc, _ = article(
        "Water use peaked at 4.1 million cubic metres on Monday, beating a record set in "
        "2019, the operator, Aqualis Nord (AQN), said in a statement.\n"
    )
    (said,) = doc.attributions
    assert said.content.text.endswith("set in 2019")
    assert (said.source, said.source_type) == ("Aqualis Nord", "company")


def test_a_name_set_beside_a_company_description_is_a_company_not_a_person() -> None:
    doc, _ = article(
        "Mayor Olga Petrenko said buses would take residents to the sports arena.\n"
        "The reservoir's operator, Halden Hydro, said the dam had passed its last inspection.\n"
        '"Please stay calm and follow the instructions of the police," she said.\n'
    )
    hydro = next(a for a in doc.attributions if "inspection" in a.content.text)
    assert (hydro.source, hydro.source_type) == ("Halden Hydro", "company")
    calm = next(a for a in doc.attributions if "calm" in a.content.text)
    assert calm.source == "Olga Petrenko"


def test_a_postposed_cue_with_a_counted_subject_and_an_aside() -> None:
    doc, _ = article(
        "Officials have held two meetings with a Gulf fund, two of the people said, asking "
        "not to be identified.\n"
    )
    (said,) = doc.attributions
    assert said.content.text == "Officials have held two meetings with a Gulf fund"
    assert said.speaker is not None and "people" in said.speaker.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Tarnwick shares jumped as much as 11% in late trading in Oslo after the Courier "
        "reported on the talks.",
        "The chip unit generated $3.7 billion of revenue last year. It posted an operating "
        "loss of $412 million over the period.",
    ],
)
def test_a_reporting_verb_in_a_side_clause_or_with_a_thing_for_object_leaves_a_claim(
    sentence: str,
) -> None:
    _, claims = article(f"Chip unit for sale\n{sentence}\n")
    last = sentence.split(". ")[-1][:20]
    found = [c for c in claims if "unattributed" in c.flag_names and last in c.text]
    assert found, [c.text for c in claims]


def test_a_sweeping_denial_answers_what_is_said_of_the_denier() -> None:
    _, claims = article(
        "A security firm said hackers paid from Russia had stolen the records of two million "
        "customers from the bank.\n"
        "Moscow denied that it had played any part in the operation.\n"
    )
    theft = claim_with(claims, "stolen the records")
    assert "denied" in theft.flag_names


def test_an_accusation_holds_who_is_accused() -> None:
    doc, _ = article("Rights groups accused the police of using excessive force at the march.\n")
    (accusation,) = doc.attributions
    assert accusation.content.text == "the police of using excessive force at the march"


def test_a_that_clause_the_parser_hung_on_a_phrase_after_the_cue() -> None:
    doc, _ = article(
        "A survivor told AFP through a translator that smugglers had forced dozens of "
        "passengers below deck.\n"
    )
    (told,) = doc.attributions
    assert told.content.text == "smugglers had forced dozens of passengers below deck"


def test_a_bare_quantifier_speaks_for_the_group_before_it() -> None:
    doc, _ = article(
        "Passengers described a more frightening flight. Several told reporters in the "
        "arrivals hall that they had heard a loud bang.\n"
    )
    (told,) = doc.attributions
    assert told.source == "Passengers"


def test_a_company_spokeswoman_speaks_for_the_company_the_story_names() -> None:
    doc, _ = article(
        "Dockworkers walked off the job on Tuesday, the union said.\n"
        "The port's operator, Nordhavn Terminals, gave a very different picture. \"Two of our "
        'three terminals are working," a company spokeswoman said.\n'
    )
    spoke = next(a for a in doc.attributions if "terminals are working" in a.content.text)
    assert (spoke.source, spoke.source_type) == ("Nordhavn Terminals", "company")


def test_an_official_defending_his_own_conduct_is_an_interested_party() -> None:
    _, claims = article(
        "Councillor Rhona Dale accused Mayor Piers Lamb of steering road contracts to a friend.\n"
        "Mr Lamb denied any wrongdoing.\n"
        '"I have never discussed a council contract with him," Mr Lamb told the Herald.\n'
        "The audit office said it would publish its report in June.\n"
    )
    own = claim_with(claims, "never discussed a council contract")
    assert "unverified_party_claim" in own.flag_names
    office = claim_with(claims, "publish its report")
    assert "unverified_party_claim" not in office.flag_names


def test_a_speaker_weighing_two_figures_does_not_corroborate_either() -> None:
    _, claims = article(
        "Cholera outbreak at clinic, charity says\n\n"
        "The medical charity Open Hands said it had admitted 40 cases at its clinic.\n"
        "Nine of the patients had died, it said.\n"
        "The ministry said no deaths had been recorded.\n"
        "Ana Lind, an epidemiologist at the University of Vors, said the two sets of figures "
        "were not necessarily contradictory.\n"
        '"But nine deaths and zero deaths are not a difference of method," she said.\n'
    )
    deaths = claim_with(claims, "Nine of the patients had died")
    assert "corroborated" not in deaths.flag_names, [o.name for o in deaths.origins]
    assert not any("zero deaths" in m.content.text for m in deaths.members)


@pytest.mark.parametrize(("cue", "denied"), [("disputed", False), ("denied", True)])
def test_a_contested_claim_is_disputed_a_denied_one_denied(cue: str, denied: bool) -> None:
    _, claims = article(
        "The aid group Open Harbour said 40 people had died of cholera in the camp.\n"
        f"The health ministry {cue} that 40 people had died of cholera in the camp.\n"
    )
    deaths = claim_with(claims, "40 people had died")
    assert "disputed" in deaths.flag_names
    assert ("denied" in deaths.flag_names) == denied, [
        (f.name, [e.detail for e in f.evidence]) for f in deaths.flags
    ]


def test_a_contrast_word_in_a_speakers_name_sets_nothing_against_anything() -> None:
    _, claims = article(
        "Challenger accuses prime minister of hiding budget hole\n\n"
        "Opposition challenger Nadia Ferrante on Sunday accused Prime Minister Jonas Wendel of "
        "hiding a budget hole.\n"
        "Homeland leader Viktor Saar told public broadcaster ORT that he would not back the "
        "prime minister after the vote.\n"
    )
    saar = claim_with(claims, "would not back")
    assert "disputed" not in saar.flag_names, [
        (f.name, [e.detail for e in f.evidence]) for f in saar.flags
    ]


def test_a_headline_accusation_sums_up_the_accusation_in_the_story() -> None:
    _, claims = article(
        "Challenger accuses prime minister of hiding budget hole\n\n"
        "Opposition leader Nadia Ferrante on Sunday accused Prime Minister Jonas Wendel of "
        "concealing a budget hole of 14 billion krona.\n"
        '"The prime minister has known for months that the budget hole is real," she said.\n'
    )
    accusation = claim_with(claims, "concealing a budget hole")
    assert any("hiding budget hole" in m.content.text for m in accusation.members)


def test_a_side_crossing_a_river_claims_an_advance_for_itself() -> None:
    _, claims = article(
        "Ardonia claims river bridgehead\n\n"
        "Ardonia's defence ministry claimed its troops had crossed the Selva river and dug in "
        "on the western bank.\n"
        "The claim could not be independently verified.\n"
    )
    advance = claim_with(claims, "crossed the Selva river")
    assert "unverified_party_claim" in advance.flag_names


def test_a_toll_officials_put_at_a_figure_is_attributed_not_the_reporters() -> None:
    _, claims = article(
        "Floods hit north\n\n"
        "Heavy rain caused floods across the north on Monday.\n"
        "Local health officials put the death toll at 34.\n"
    )
    toll = claim_with(claims, "death toll at 34")
    assert "unattributed" not in toll.flag_names
    assert [o.name for o in toll.origins] == ["Local health officials"]


def test_a_denial_by_a_pronoun_answers_the_statement_before_it() -> None:
    _, claims = article(
        "The Valley Post, citing a person briefed on the talks, reported that Nimbus Forge was "
        "preparing to move its headquarters out of Marrick.\n"
        "The company denied that.\n"
    )
    move = claim_with(claims, "move its headquarters")
    assert "denied" in move.flag_names


def test_it_in_a_speakers_own_words_is_not_the_speaker() -> None:
    _, claims = article(
        "Village fears for its last shop\n\n"
        "Parish councillor Dev Aram says the village would lose more than a shop.\n"
        '"It\'s where people check on each other," he says.\n'
    )
    quote = claim_with(claims, "check on each other")
    assert "unverified_party_claim" not in quote.flag_names, [
        (f.name, [e.detail for e in f.evidence]) for f in quote.flags
    ]
    _, claims = article(
        "Candidate denies foreign money\n\n"
        "Radek Holub, 52, said he had \u201enever taken a single crown from anyone abroad\u201c.\n"
        "Prosecutors say Holub took money from a foreign donor.\n"
    )
    own = claim_with(claims, "never taken a single crown")
    assert own.members[0].self_reference == "he"  # outside the quotation: the speaker


def test_a_company_and_its_unnamed_spokesman_are_one_origin() -> None:
    _, claims = article(
        "Rents rise\n\n"
        "Fellside Estates said rents had risen 5 percent this year.\n"
        "A spokesman for Fellside Estates told the BBC rents had risen 5 percent this year.\n"
    )
    rents = claim_with(claims, "risen 5 percent")
    assert [o.name for o in rents.origins] == ["Fellside Estates"]
    assert "corroborated" not in rents.flag_names


def test_a_denial_in_the_passive_answers_the_claim_before_it() -> None:
    _, claims = article(
        "Strike hits port\n\n"
        "The dockers' union said the strike had shut every terminal in the port.\n"
        "The claim was rejected by the port operator, Nordhavn Terminals.\n"
    )
    strike = claim_with(claims, "shut every terminal")
    assert "denied" in strike.flag_names, [m.content.text for m in strike.members]


def test_a_role_after_an_organisations_name_speaks_for_it() -> None:
    # "Altamira spokesman Diego Ferraz" speaks for Altamira Minerals: one origin with it, and
    # "the company" as the subject of his words is the company speaking about itself
    _, claims = article(
        "Mine shut\n\n"
        "The mine's operator, Altamira Minerals, said the collapse had been caused by a "
        "seismic event.\n"
        "Altamira spokesman Diego Ferraz said the company had received no complaint about the "
        "tunnel from workers.\n"
        "Ferraz said the roof had been inspected in February.\n"
    )
    complaint = claim_with(claims, "received no complaint")
    assert [o.name for o in complaint.origins] == ["Altamira Minerals"]
    assert "unverified_party_claim" in complaint.flag_names
    inspected = claim_with(claims, "inspected in February")
    assert [o.name for o in inspected.origins] == ["Altamira Minerals"]


def test_a_government_officials_title_after_a_countrys_name_is_his_own() -> None:
    # the role speaks for companies and organisations only: a minister stays a person
    _, claims = article(
        "Talks\n\n"
        "Ukraine said the talks would resume on Monday.\n"
        "Ukraine security secretary Oleksandr Lytvynenko said the army would recruit "
        "160,000 people.\n"
    )
    recruits = claim_with(claims, "recruit")
    assert [o.name for o in recruits.origins] == ["Oleksandr Lytvynenko"]


def test_a_contested_account_is_every_statement_of_it() -> None:
    # "disputed that account" points back at the operator's account: each of its statements
    # is disputed, not the confirmation before them
    _, claims = article(
        "Mine collapse\n\n"
        "The operator, Altamira Minerals, confirmed the two deaths in a statement and said "
        "the collapse had been caused by a seismic event in the rock.\n"
        "The company said it had complied with every safety regulation and that the tunnel "
        "had passed an inspection in February.\n"
        "The National Miners' Federation disputed that account.\n"
    )
    assert "disputed" in claim_with(claims, "seismic event").flag_names
    assert "disputed" in claim_with(claims, "every safety regulation").flag_names
    assert "disputed" not in claim_with(claims, "the two deaths").flag_names


def test_a_different_picture_in_a_sentence_of_its_own_sets_accounts_against_each_other() -> None:
    _, claims = article(
        "Port strike\n\n"
        "The dockers' union said nearly nine in ten dockworkers had joined the strike and "
        "the terminals were shut.\n"
        "The port's operator, Nordhavn Terminals, gave a very different picture.\n"
        '"Fewer than half of the morning shift failed to report, and two of our three '
        'terminals are working," a company spokeswoman said.\n'
        "The city council said the ferry terminal would reopen on Monday.\n"
    )
    assert "disputed" in claim_with(claims, "nine in ten").flag_names
    assert "disputed" in claim_with(claims, "Fewer than half").flag_names
    assert "disputed" not in claim_with(claims, "ferry terminal").flag_names


def test_a_company_under_scrutiny_speaks_for_its_business() -> None:
    # the regulator talks about Brenmark: whatever Brenmark says is an interested party's
    # word; a grid operator nobody else talks about reports demand as it is
    _, claims = article(
        "Battery fires\n\n"
        "The consumer safety commission said Brenmark Mobility had received 41 reports of "
        "batteries catching fire.\n"
        "Brenmark said the batteries were safe when charged as instructed.\n"
    )
    safe = claim_with(claims, "safe when charged")
    assert "unverified_party_claim" in safe.flag_names
    _, claims = article(
        "Heatwave strains the grid\n\n"
        "Power demand peaked at 60.4 gigawatts on Tuesday, the grid operator Terna Energy "
        "said.\n"
    )
    demand = claim_with(claims, "Power demand")
    assert "unverified_party_claim" not in demand.flag_names


def test_a_named_accuser_takes_a_side_an_unnamed_one_does_not() -> None:
    _, claims = article(
        "Reserves\n\n"
        "Opposition leader Radomir Kos accused the government of burning the reserves to win "
        "the election.\n"
        "Rights groups accused the police of using excessive force at the rally.\n"
    )
    reserves = claim_with(claims, "burning the reserves")
    assert "unverified_party_claim" in reserves.flag_names
    force = claim_with(claims, "excessive force")
    assert "unverified_party_claim" not in force.flag_names


def test_a_lawyer_introduced_once_argues_the_side_in_every_statement() -> None:
    # "His lawyer, Kristof Maelen" is an advocate; "Maelen said ..." later still is
    _, claims = article(
        "Singer charged\n\n"
        "Prosecutors in Kaldmark charged the singer Lior Vance with tax fraud on Thursday.\n"
        "His lawyer, Kristof Maelen, said Vance would plead not guilty.\n"
        "Maelen said the law did not count days spent working abroad.\n"
    )
    days = claim_with(claims, "days spent working")
    assert [o.name for o in days.origins] == ["Kristof Maelen"]
    assert "unverified_party_claim" in days.flag_names


def test_a_lawyer_named_by_a_field_of_law_is_a_specialist_not_an_advocate() -> None:
    # "Employment lawyer Greta Holm" is asked for her expertise; "the company's lawyer"
    # and "a company lawyer" argue its case
    _, claims = article(
        "Drivers sue\n\n"
        "Forty delivery drivers sued Kestrel Parcels in Malmby on Monday over unpaid overtime.\n"
        "Employment lawyer Greta Holm said such contracts were rarely upheld in court.\n"
        "The company's lawyer, Anton Reis, said the drivers had been paid in full.\n"
        "A company lawyer said the overtime rules did not cover couriers.\n"
    )
    upheld = claim_with(claims, "rarely upheld")
    assert "unverified_party_claim" not in upheld.flag_names
    paid = claim_with(claims, "paid in full")
    assert "unverified_party_claim" in paid.flag_names
    couriers = claim_with(claims, "did not cover couriers")
    assert "unverified_party_claim" in couriers.flag_names


def test_a_person_others_talk_about_speaks_in_their_own_defence() -> None:
    # the panel talks about Moraga: her word about herself is an interested party's; a
    # witness nobody else talks about telling what she saw is not
    _, claims = article(
        "Sprinter suspended\n\n"
        "The integrity panel said Aline Moraga had tested positive for a banned diuretic.\n"
        "Moraga said she had never knowingly taken a banned substance.\n"
        "Fan Sofia Brandl said she had seen Moraga train alone for months.\n"
    )
    never = claim_with(claims, "never knowingly")
    assert "unverified_party_claim" in never.flag_names
    seen = claim_with(claims, "train alone")
    assert "unverified_party_claim" not in seen.flag_names


def test_hearsay_in_the_reporters_voice_is_unattributed_and_disputed() -> None:
    # "is said to have": nobody named, the reporter keeps a distance; "that was simply
    # untrue" points back at it and denies it
    _, claims = article(
        "Bridge shut\n\n"
        "The Ellis Bridge was closed on Monday after engineers found cracks in two supports.\n"
        "The council is said to have shelved repairs in 2022 to pay for a new leisure centre.\n"
        "A council spokesman said that was simply untrue.\n"
    )
    shelved = claim_with(claims, "shelved repairs")
    assert set(shelved.flag_names) == {"unattributed", "disputed", "denied"}
    assert not [c for c in claims if "simply untrue" in c.text]  # the denial joined it


def test_a_rebuttal_with_more_to_say_stays_its_own_claim() -> None:
    _, claims = article(
        "Bridge shut\n\n"
        "The Ellis Bridge was closed on Monday after engineers found cracks in two supports.\n"
        "The council is said to have shelved repairs in 2022 to pay for a new leisure centre.\n"
        "A council spokesman said that was untrue and that the centre was paid for by a "
        "government grant.\n"
    )
    grant = claim_with(claims, "government grant")
    assert "unattributed" not in grant.flag_names
    shelved = claim_with(claims, "shelved repairs")
    assert set(shelved.flag_names) == {"unattributed", "disputed"}


def test_a_second_figure_for_the_same_count_disputes_both() -> None:
    # "Police put the figure at 48,000" points at the organisers' count and gives another
    _, claims = article(
        "March against pension plan\n\n"
        "Tens of thousands marched through Varossa on Saturday.\n"
        "Organisers said 210,000 people had taken part. Police put the figure at 48,000.\n"
    )
    organisers = claim_with(claims, "210,000")
    police = claim_with(claims, "48,000")
    assert "disputed" in organisers.flag_names and "disputed" in police.flag_names


def test_traders_and_guests_are_unnamed_sources() -> None:
    _, claims = article(
        "Bridge shut\n\n"
        "Traders on both sides of the river say business has already suffered.\n"
        "Guests said the buffet had been left out for two hours.\n"
    )
    for words in ("business has already suffered", "buffet had been left out"):
        assert "anonymous_only" in claim_with(claims, words).flag_names


def test_a_denial_does_not_answer_another_defenders_account() -> None:
    # the minister and the firm both deny; the firm's denial answers the accusation, not the
    # minister's own account of the tender
    _, claims = article(
        "Minister denies rigging tender\n\n"
        "The Civic Alliance accused Transport Minister Daniel Okoro of rewriting the tender "
        "rules so that his brother-in-law's firm would win the contract.\n"
        "Okoro denied the accusation.\n"
        "He said the tender rules had been revised by engineers to meet new safety "
        "standards.\n"
        "The firm, Meridian Roadworks, denied that the tender rules had been changed for it.\n"
    )
    revised = claim_with(claims, "revised by engineers")
    assert "denied" not in revised.flag_names


def test_a_deniers_reason_is_said_in_its_own_defence() -> None:
    # a ministry is no interested party by its type, but its reason for denying is its
    # defence; a regulator contesting a firm's figure defends nothing of its own
    _, claims = article(
        "Aid stuck\n\n"
        "Relief groups said 300 tonnes of tents had been sitting at Sarn airport for a week.\n"
        "The interior ministry denied that any aid was being blocked, saying that all "
        "consignments were cleared within hours.\n"
        "The ministry said 20 cargo flights were expected this week.\n"
        "Karva Air said 94% of its flights had left on time in May.\n"
        "The aviation authority disputed the punctuality figure, saying that Karva counted "
        "flights as on time when they left the gate.\n"
    )
    cleared = claim_with(claims, "cleared within hours")
    assert "unverified_party_claim" in cleared.flag_names
    assert any(
        e.rule == "unverified_party_claim.defence" for f in cleared.flags for e in f.evidence
    )
    flights = claim_with(claims, "20 cargo flights")
    assert "unverified_party_claim" not in flights.flag_names
    gate = claim_with(claims, "left the gate")
    assert "unverified_party_claim" not in gate.flag_names


def test_a_deniers_next_sentence_is_said_in_its_own_defence() -> None:
    # the reason often follows the denial in a quotation of its own, by the same speaker
    _, claims = article(
        "Alarms off\n\n"
        "Dockworkers said the fire alarms at Pier 4 had been switched off for a month.\n"
        "Harbour master Lena Falk denied that any alarm had been disabled. "
        '"Every system on the pier was tested in March," she told reporters.\n'
        "The fire service said the blaze had started in a warehouse.\n"
    )
    tested = claim_with(claims, "tested in March")
    assert any(e.rule == "unverified_party_claim.defence" for f in tested.flags for e in f.evidence)
    warehouse = claim_with(claims, "started in a warehouse")
    assert "unverified_party_claim" not in warehouse.flag_names


def test_a_confirmation_joins_what_it_confirms() -> None:
    _, claims = article(
        "Ferry halted\n\n"
        "Nordline Ferries said the morning crossing had been cancelled because of a fault in "
        "the loading ramp.\n"
        "The port authority confirmed the fault.\n"
        "The harbour master said the ramp would be repaired by Friday.\n"
    )
    cancelled = claim_with(claims, "crossing had been cancelled")
    assert [o.name for o in cancelled.origins] == ["Nordline Ferries", "port authority"]
    assert "corroborated" in cancelled.flag_names
    assert "confirms it" in " ".join(cancelled.explanation)
    # the next statement, by a third origin and no confirmation, stays a claim of its own
    repaired = claim_with(claims, "repaired by Friday")
    assert [o.name for o in repaired.origins] == ["harbour master"]


def test_rejecting_the_estimate_denies_the_figure_not_what_is_said_of_the_estimate() -> None:
    _, claims = article(
        "Census row\n\n"
        "The census missed at least 60,000 residents of Korrin, a monitoring group said on "
        "Thursday.\n"
        "Its estimate was drawn from voter rolls and parish registers, the group said.\n"
        "The statistics bureau rejected the estimate.\n"
    )
    assert "denied" in claim_with(claims, "60,000 residents").flag_names
    assert "denied" not in claim_with(claims, "voter rolls").flag_names


def test_rejecting_the_estimate_answers_the_first_figure_its_source_gave() -> None:
    # the group's later figures (volunteers, villages) back its estimate: the rejection
    # answers the estimate itself
    _, claims = article(
        "Census row\n\n"
        "The census missed at least 60,000 residents of Korrin, a monitoring group said on "
        "Thursday.\n"
        "The group said its 212 volunteers had visited 94 villages after the count closed.\n"
        "The statistics bureau rejected the estimate.\n"
    )
    assert "denied" in claim_with(claims, "60,000 residents").flag_names
    assert "denied" not in claim_with(claims, "212 volunteers").flag_names


def test_a_side_saying_no_civilian_was_harmed_speaks_on_the_fighting() -> None:
    _, claims = article(
        "Strike on village\n\n"
        "An air strike on the village of Kelmari killed 14 civilians, the Hadra Liberation Front "
        "said on Sunday.\n"
        'The army said its aircraft had struck "a command centre used by terrorist leaders".\n'
        '"Not a single civilian was harmed in this operation," military spokesman Colonel '
        "Ravid Amsel told reporters.\n"
    )
    harmed = claim_with(claims, "Not a single civilian was harmed")
    assert "unverified_party_claim" in harmed.flag_names


def test_a_denial_answers_what_came_after_another_partys_denial() -> None:
    # the ministry's denial closes the report of talks; FENTRA's sweeping denial answers the
    # police's account just before it, though the report of talks names FENTRA
    _, claims = article(
        "Port blockade\n\n"
        "A government official said ministers had held informal talks with FENTRA's leaders "
        "on Monday night.\n"
        "The transport ministry denied the report.\n"
        "Police said drivers had turned back an ambulance at a roadblock near the port.\n"
        "FENTRA denied its members had stopped any emergency vehicle.\n"
    )
    ambulance = claim_with(claims, "turned back an ambulance")
    assert "denied" in ambulance.flag_names
    talks = claim_with(claims, "informal talks")
    deniers = {m.attribution.source for m in talks.members if m.role == "denies" and m.attribution}
    assert deniers == {"transport ministry"}


def test_a_denial_of_the_deniers_own_conduct_answers_the_sentence_before_it() -> None:
    # no shared word: the denial says in other words what the official's account implies,
    # and answers the official's statement, not the inspectors' finding reported inside it
    _, claims = article(
        "Quarry row\n\n"
        "A ministry official said inspectors had found fresh bulldozer tracks less than 50 "
        "metres from the pillars last month. Kalvar denied that its machines had entered the "
        "protected zone.\n"
    )
    tracks = claim_with(claims, "inspectors had found")
    assert "denied" in tracks.flag_names
    assert any(m.role == "denies" for m in tracks.members)


def test_a_denials_reason_tells_which_statement_it_answers() -> None:
    # the denial alone shares more words with the opening ("checks", "fire"); its reason
    # ("saying the engineers had never raised it") points at the engineers' warning
    _, claims = article(
        "Dam inquiry\n\n"
        "The dam that failed near Orvell last month had passed safety checks that were never "
        "carried out before the fire, the engineers' guild said on Monday.\n"
        "It said its engineers had warned the water ministry in writing in March.\n"
        "The guild also called for an inquiry.\n"
        "Local farmers said the reservoir had been rising for weeks.\n"
        "Water Minister Pavel Rusk denied that the ministry had known of any problem with the "
        "checks before the fire, saying the engineers had never once raised the matter with "
        "him.\n"
    )
    warned = claim_with(claims, "had warned the water ministry")
    assert "denied" in warned.flag_names
    opening = claim_with(claims, "passed safety checks")
    assert "denied" not in opening.flag_names


def test_a_sweeping_denial_answers_the_opening_sharing_one_word() -> None:
    # "any draw" shares only "draw" with the opening, five sentences back
    _, claims = article(
        "Lottery row\n\n"
        "The machine that picks the winning numbers at Tarvia's national lottery was tampered "
        "with before three jackpot draws, a former technician told reporters.\n"
        "He said he had been fired in May.\n"
        "He said a manager had asked him to leave the machine unsealed overnight.\n"
        '"I am not a mathematician, but I can count," he said.\n'
        "Prosecutors said they had opened an inquiry in February.\n"
        "The lottery's operator, Lotaro, denied that any draw had been manipulated.\n"
    )
    tampered = claim_with(claims, "was tampered with")
    assert "denied" in tampered.flag_names


def test_a_denial_pointing_back_answers_what_its_reason_repeats() -> None:
    # "that figure" shares no word with the steward's account; the reason given with it
    # ("four stewards", "the gate") does
    _, claims = article(
        "Festival crush\n\n"
        "One steward told the Gazette that only four stewards were posted at the north gate "
        "when the crowd built up.\n"
        "Festival-goers said the queue had been growing since about 7pm.\n"
        "The council said its licence would be reviewed.\n"
        "The organiser, Brightway Events, disputed that figure, saying well over four "
        "stewards had been on the gate throughout the evening.\n"
    )
    posted = claim_with(claims, "only four stewards")
    assert "disputed" in posted.flag_names


def test_a_public_body_denying_an_accusation_is_a_party_about_itself() -> None:
    # the water department denies the residents' account: what it says of "the department"
    # is said in its own defence; the health department, accusing nobody, is no party
    _, claims = article(
        "Boil-water delay\n\n"
        "Residents said the Halden Water Department had ignored their complaints for weeks.\n"
        "The Halden Water Department denied that it had ignored any complaint.\n"
        "The water department said the delay was caused by a backlog at a laboratory the "
        "department uses.\n"
        "The county health department said 31 people had been treated.\n"
    )
    delay = claim_with(claims, "caused by a backlog")
    assert "unverified_party_claim" in delay.flag_names
    treated = claim_with(claims, "31 people")
    assert "unverified_party_claim" not in treated.flag_names


def test_the_reporting_agency_is_no_name_two_statements_share() -> None:
    # "(AFP)" in the dateline and "a figure AFP could not independently verify" after the
    # welfare group's claim: the agency reports both deaths, neither is about it
    text = (Path(__file__).parent / "heldout15" / "ho15-zoo-maravel.txt").read_text("utf-8")
    _, claims = article(text)
    lead = claim_with(claims, "had been visibly ill for weeks")
    assert not any("six other animals" in m.content.text for m in lead.members)


def test_a_rejection_holding_another_statement_denies_that_statement() -> None:
    # "rejecting a suggestion by X that ...": X's statement inside the rejection is what it
    # rejects, not the statement before it sharing words
    _, claims = article(
        "Avalanche inquiry\n\n"
        "The resort said the run had been open in line with the warning.\n"
        "Forecaster Kaj Morup said the bulletins applied to all terrain, rejecting a "
        "suggestion by resort director Ylva Brenning that the warning had covered only "
        "off-piste slopes.\n"
    )
    covered = claim_with(claims, "covered only off-piste slopes")
    assert "denied" in covered.flag_names
    opened = claim_with(claims, "had been open")
    assert "denied" not in opened.flag_names


def test_a_headline_speaker_word_picks_the_source_it_names() -> None:
    # "county says": the Brannock County Health Department's count, not the residents'
    # account that shares more of the headline's words
    _, claims = article(
        "Dozens fell ill before boil-water notice, county says\n\n"
        "At least 31 Lindell residents were treated for stomach illness in the days before "
        "the boil-water notice, the Brannock County Health Department said Wednesday.\n"
        "Several residents said they had fallen ill and complained about the water for weeks "
        "before the boil-water notice.\n"
    )
    count = claim_with(claims, "At least 31 Lindell residents")
    assert any("Dozens fell ill" in m.content.text for m in count.members)


def test_a_company_about_its_own_plant_in_a_second_clause_is_a_party() -> None:
    # "its" in the clause after "and that" is the speaker's; "its" inside a clause about
    # another ("Moscow announced its advances, its bombardments killed") is not
    _, claims = article(
        "Quarry row\n\n"
        "Kalvar Cement said in a statement that the importance of the find had been "
        "exaggerated and that its planned plant would create 600 jobs.\n"
    )
    jobs = claim_with(claims, "600 jobs")
    assert "unverified_party_claim" in jobs.flag_names


def test_two_deaths_and_two_workers_killed_are_one_count() -> None:
    _, claims = article(
        "Mine collapse\n\n"
        "Two workers were killed in the collapse, said Pablo Estrada, the head of the Corrow "
        "province emergency service.\n"
        "The mine's operator, Altamira Minerals, confirmed the two deaths in a statement.\n"
        "Altamira said three other miners had been killed in 2019.\n"
    )
    killed = claim_with(claims, "Two workers were killed")
    assert "corroborated" in killed.flag_names
    assert any("the two deaths" in m.content.text for m in killed.members)
    assert not any("2019" in m.content.text for m in killed.members)


def test_a_government_body_is_a_side_only_on_the_fighting() -> None:
    # a health department talking about itself, or a director general, speaks for no side;
    # a defence ministry on the fighting does
    _, claims = article(
        "Outbreak traced\n\n"
        "The Tamsett County Health Department said the outbreak had a single source. "
        '"We have traced every case to the reception," the department said.\n'
        "The Ardonian defence ministry said its units had captured the hamlet of Dovra.\n"
        '"We found evidence of price co-ordination," board director general Annika Rask '
        "told reporters.\n"
    )
    found = claim_with(claims, "evidence of price co-ordination")
    assert "unverified_party_claim" not in found.flag_names  # "general", not an army's
    traced = claim_with(claims, "We have traced every case")
    assert "unverified_party_claim" not in traced.flag_names
    captured = claim_with(claims, "captured the hamlet")
    assert "unverified_party_claim" in captured.flag_names


def test_a_civic_body_reports_on_its_own_work_a_firm_speaks_for_itself() -> None:
    _, claims = article(
        "Quake aid\n\n"
        "The Korvanian Red Star Society said its teams had reached 31 of the 46 villages.\n"
        "The State Bureau of Criminal Investigation said it had taken over the case.\n"
        "Vaultline said its controls met regulatory standards.\n"
    )
    for words in ("its teams had reached", "it had taken over"):
        assert "unverified_party_claim" not in claim_with(claims, words).flag_names
    assert "unverified_party_claim" in claim_with(claims, "its controls").flag_names


def test_he_in_a_newspapers_report_is_not_the_newspaper() -> None:
    _, claims = article(
        "Club for sale\n\n"
        "The Northern Ledger reported that Tuttle was in talks to sell the club.\n"
        "The Ledger said he was tired of bankrolling the club after five years of losses.\n"
    )
    tired = claim_with(claims, "tired of bankrolling")
    assert "unverified_party_claim" not in tired.flag_names


def test_a_figure_is_disputed_by_one_set_against_the_official_figure() -> None:
    _, claims = article(
        "Quake toll\n\n"
        "The death toll rose to 1,412 on Sunday, the national disaster agency said.\n"
        "Relief flights landed at Sarn airport, the airport said.\n"
        'Trauma surgeon Leyla Oran estimated that the real death toll in the valley was "at '
        'least double" the official figure.\n'
    )
    toll = claim_with(claims, "1,412")
    assert "disputed" in toll.flag_names
    assert "disputed" not in claim_with(claims, "at least double").flag_names
    assert "disputed" not in claim_with(claims, "Relief flights").flag_names


def test_an_organisation_counting_its_own_protest_is_an_interested_party() -> None:
    _, claims = article(
        "Port blockade\n\n"
        "The drivers' union FENTRA says about 2,500 trucks are taking part in the protest.\n"
        "Police put the number at around 400.\n"
        "The Regional Security Forum said 60 observers took part in the patrol.\n"
    )
    assert "unverified_party_claim" in claim_with(claims, "2,500 trucks").flag_names
    assert "unverified_party_claim" not in claim_with(claims, "60 observers").flag_names


def test_its_head_speaks_for_the_body_the_sentence_before_names() -> None:
    # "Its" opens the sentence; the body is named just before, not in the statement
    _, claims = article(
        "Bridge closure\n\n"
        "Her criticism was echoed by the Ellesmouth Chamber of Commerce. Its chairman, Neil "
        "Sturrock, warned that some shops would close and said the council had not consulted "
        "businesses before closing the bridge.\n"
    )
    shops = claim_with(claims, "some shops would close")
    assert [o.name for o in shops.origins] == ["Ellesmouth Chamber of Commerce"]


def test_an_organisation_defending_itself_speaks_for_itself_on_anything() -> None:
    # the trust denies an accusation: its word on its own unit is an interested party's,
    # though it names no "we" or "its"
    _, claims = article(
        "Maternity review\n\n"
        "A draft review found that staff had been discouraged from reporting incidents. "
        "The Hallowbrook Hospitals Trust denied that staff had been discouraged from "
        "reporting incidents.\n"
        "The Hallowbrook Hospitals Trust said midwife numbers at the unit had risen by a "
        "fifth since 2022.\n"
    )
    midwives = claim_with(claims, "midwife numbers")
    assert "unverified_party_claim" in midwives.flag_names


def test_a_deniers_account_sharing_only_its_name_with_the_accusation_is_not_contradicted() -> None:
    # the regulator's account names Kestrel, as any account of Kestrel would: Kestrel's word on
    # its website is no answer to it
    _, claims = article(
        "Scooter recall\n\n"
        "Kestrel Motors said on Monday that it would recall 180,000 scooters.\n"
        "According to the regulator, Kestrel received its first complaint about overheating "
        "batteries in September.\n"
        "The company denied that it had sat on the information.\n"
        "Chief executive Ruud Verhoeven admitted that Kestrel had been too slow to post a "
        "warning on its website.\n"
    )
    website = claim_with(claims, "post a warning")
    assert "disputed" not in website.flag_names


def test_an_owner_and_a_chief_medical_officer_speak_for_their_company() -> None:
    _, claims = article(
        "Vaccine scare\n\n"
        "Halvorsen Biologics said it had shipped four million doses to five countries.\n"
        '"We stand fully behind the safety of our vaccine," Halvorsen\'s chief medical officer, '
        "Anika Brandt, told Reuters.\n"
        "Sweet Fern Catering said it had served the wedding.\n"
        '"We have served more than 400 events without a single complaint like this," owner '
        "Rhonda Belk told the Courier.\n"
    )
    vaccine = claim_with(claims, "safety of our vaccine")
    assert [o.name for o in vaccine.origins] == ["Halvorsen Biologics"]
    events = claim_with(claims, "400 events")
    assert [o.name for o in events.origins] == ["Sweet Fern Catering"]


def test_a_sponsor_saying_it_is_reviewing_its_sponsorship_announces_its_own_action() -> None:
    _, claims = article(
        "Marathon course\n\n"
        "The race's title sponsor, Harbor Mutual Insurance, said it was \"reviewing our "
        'relationship" with the event.\n'
    )
    review = claim_with(claims, "reviewing our relationship")
    assert "unverified_party_claim" not in review.flag_names


def test_a_shipping_line_is_a_company_and_a_named_chief_executive_speaks_for_his_own() -> None:
    _, claims = article(
        "Ferry fire\n\n"
        "A ferry caught fire off the coast on Tuesday. The operator, Marevia Lines, said the "
        "vessel had passed every check required by law in June.\n"
        "Halvorsen Chief Executive Kari Lunde told analysts that the company had firepower "
        "for acquisitions.\n"
    )
    checks = claim_with(claims, "every check required by law")
    assert [(o.name, o.type) for o in checks.origins] == [("Marevia Lines", "company")]
    firepower = claim_with(claims, "firepower")
    assert [o.name for o in firepower.origins] != ["Marevia Lines"]


def test_an_association_reporting_on_its_own_work_is_no_party_claim() -> None:
    _, claims = article(
        "Orchestra inquiry\n\n"
        "The Orchestral Players' Association said it had received a steady stream of "
        "complaints about the conductor since 2018.\n"
    )
    complaints = claim_with(claims, "steady stream")
    assert "unverified_party_claim" not in complaints.flag_names


def test_a_deniers_account_saying_something_is_not_so_is_disputed() -> None:
    # the minister's own account shares no word with the allegation he denies, but says that
    # something was not so: the allegation contradicts it
    _, claims = article(
        "Health Minister Pavel Dorn on Monday denied allegations that he had helped his "
        "cousin's firm win a hospital contract.\n"
        "The opposition Green Party alleged last week that Dorn had rewritten the tender so "
        "that only Kellan Medical could qualify.\n"
        '"I have never spoken to anyone at Kellan about this tender, and I did not change a '
        'word of it," Dorn told reporters.\n'
    )
    account = claim_with(claims, "never spoken to anyone")
    assert "disputed" in account.flag_names


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("Talvar has never published the text of the treaty.", True),
        ("The agency did not inspect the second bridge before it reopened.", True),
        # a pronoun points at whoever spoke last: what it did not say is about the reporting
        ("It did not name the companies.", False),
        ("The ministry did not respond to a request for comment.", False),
    ],
)
def test_what_the_reporter_says_someone_has_not_done_is_unattributed(
    sentence: str, claim: bool
) -> None:
    _, claims = article(f"Rail freight halted in the valley\n{sentence}\n")
    found = [
        e.rule
        for c in claims
        if "unattributed" in c.flag_names
        for f in c.flags
        for e in f.evidence
        if "absence" in e.rule
    ]
    assert bool(found) == claim, [c.text for c in claims]


def test_calling_the_allegation_untrue_denies_it() -> None:
    # "the allegation" points back at what was said as "that" does
    _, claims = article(
        "The Mirror Prize novel was largely written by a paid ghostwriter, a former editor at "
        "its publisher told the Sentinel.\n"
        'The author, Tom Rell, said the allegation was "completely untrue".\n'
    )
    ghost = claim_with(claims, "paid ghostwriter")
    assert "denied" in ghost.flag_names


def test_a_rebuttal_answers_one_account_not_every_one_sharing_a_word() -> None:
    # "false" answers the union's account of the software; the budget documents' date and
    # cost share "software" with it too, but nobody rebuts them
    _, claims = article(
        "Dispatch delay\n\n"
        "The county's new dispatch software went live in June at a cost of $2.3 million, "
        "county budget documents show.\n\n"
        "The dispatchers' union said the software had been freezing several times a week since "
        "June.\n\n"
        "Dispatchline Systems, which makes the software, said the claims about its software "
        "were false.\n"
    )
    assert "disputed" in claim_with(claims, "freezing several times").flag_names
    assert "disputed" not in claim_with(claims, "went live in June").flag_names


def test_no_record_of_and_not_aware_of_any_rebut_an_account() -> None:
    _, claims = article(
        "Hazing\n\n"
        "Tom Albers said he emailed coach Brian Holt about the hazing on Dec. 12 and got no "
        "reply.\n\n"
        "Holt's attorney, Gregory Sand, said his client had no record of an email from "
        "Albers.\n"
    )
    assert "disputed" in claim_with(claims, "emailed coach Brian Holt").flag_names


def test_a_sentence_opening_with_but_sets_its_statement_against_the_one_before() -> None:
    with_but = (
        "Power cuts\n\n"
        "The energy ministry said households in the eastern region now get 20 hours of supply "
        "a day.\n"
        "But the consumer forum said many families in the eastern region were not receiving "
        "the promised hours.\n"
    )
    _, claims = article(with_but)
    assert "disputed" in claim_with(claims, "get 20 hours").flag_names
    assert "disputed" in claim_with(claims, "not receiving").flag_names
    # the same two statements with no word of the reporter's setting them apart
    _, claims = article(with_but.replace("But the consumer", "The consumer"))
    assert "disputed" not in claim_with(claims, "get 20 hours").flag_names


def test_a_statement_and_its_negation_are_never_the_same_content() -> None:
    _, claims = article(
        "Power cuts\n\n"
        "The energy ministry said customers in the region get 20 hours of supply a day.\n"
        "The consumer forum said many customers in the region were not receiving 20 hours of "
        "supply.\n"
    )
    get = claim_with(claims, "get 20 hours")
    assert "corroborated" not in get.flag_names
    assert [o.name for o in get.origins] == ["energy ministry"]


def test_a_group_disputing_both_points_disputes_the_account_before() -> None:
    _, claims = article(
        "The council says the route along Cleeve Lane measures 2.8 miles and has been assessed "
        "as safe.\n\nParents dispute both points.\n"
    )
    route = claim_with(claims, "measures 2.8 miles")
    assert "disputed" in route.flag_names, [c.text for c in claims]


def test_two_origins_giving_one_route_different_lengths_dispute_each_other() -> None:
    _, claims = article(
        "The council says the route along Cleeve Lane measures 2.8 miles.\n\n"
        "Sarah Kinsella, whose sons walk the route, says her surveyor's wheel measured the "
        "lane at 3.2 miles.\n"
    )
    council = claim_with(claims, "measures 2.8 miles")
    assert "disputed" in council.flag_names, [c.text for c in claims]


def test_different_counts_of_different_things_dispute_nothing() -> None:
    _, claims = article(
        "The operator said 30 ships were waiting at anchor off the port.\n\n"
        "A port official said 12 ships had been diverted to Valdera.\n"
    )
    assert not any("disputed" in c.flag_names for c in claims), [c.text for c in claims]


@pytest.mark.parametrize(
    "answer",
    [
        "it strongly disagrees with the auditor's characterisation",
        "the auditor's letter overstates the problem",
        "the auditor's letter is flawed",
    ],
)
def test_a_party_that_disagrees_with_an_account_disputes_it(answer: str) -> None:
    _, claims = article(
        "Pendle Marsh said there were matters relating to the valuation of the stock that "
        "remain unresolved.\n\n"
        f"Larkspur said in a statement that {answer} and that its stock had been valued in "
        "line with its policies.\n"
    )
    auditor = claim_with(claims, "remain unresolved")
    assert "disputed" in auditor.flag_names, [(c.text, c.flag_names) for c in claims]


def test_a_denial_of_wrongdoing_answers_what_the_article_accuses_the_denier_of() -> None:
    # "breaking the law" shares no word with anything; the accusation never names the chain,
    # so it answers what the article opens with, six sentences back
    _, claims = article(
        "Cafe chain 'kept tips', staff say\n\n"
        "A cafe chain with 20 branches used tips left by customers to pay its managers' "
        "bonuses, according to payroll records seen by the Herald.\n"
        "The records show that baristas received about half of the tips collected.\n"
        "Three baristas told the Herald they had never been told how tips were shared.\n"
        '"We just got whatever was in the envelope," one said.\n'
        "The union said it had heard from staff at six branches.\n"
        "Bean Street denies breaking the law.\n"
    )
    opening = claim_with(claims, "used tips left by customers")
    assert {"denied", "disputed"} <= set(opening.flag_names)
    assert any(m.role == "denies" for m in opening.members)
    union = claim_with(claims, "heard from staff at six branches")
    assert "denied" not in union.flag_names


def test_a_denial_of_wrongdoing_answers_the_first_statement_naming_the_denier() -> None:
    _, claims = article(
        "Chess cheating row\n\n"
        "Organisers of the Dunmore Open said a spectator had been seen passing notes to "
        "Pavel Holt during the final round.\n"
        "The arbiters said Holt had been stripped of the title.\n"
        "Tournament rules forbid players from leaving the hall without an arbiter.\n"
        "Holt, 24, denies wrongdoing.\n"
    )
    notes = claim_with(claims, "passing notes")
    assert "denied" in notes.flag_names
    stripped = claim_with(claims, "stripped of the title")
    assert "denied" not in stripped.flag_names


def test_a_denial_before_what_is_said_of_the_denier_answers_it() -> None:
    _, claims = article(
        "Test slots resold\n\n"
        "Learners are paying up to £300 for driving test slots, instructors said.\n"
        "One resale website, SlotSwift, said it was a legitimate booking service. It denied "
        "using automated software.\n"
        "Two former SlotSwift employees said the company ran scripts that refreshed the "
        "booking page hundreds of times a minute.\n"
    )
    scripts = claim_with(claims, "ran scripts")
    assert {"denied", "disputed"} <= set(scripts.flag_names)
    assert any(m.role == "denies" for m in scripts.members)
    learners = claim_with(claims, "up to £300")
    assert "denied" not in learners.flag_names


def test_a_denier_answering_outright_in_its_own_defence_is_disputed() -> None:
    _, claims = article(
        "Farmers accuse ministry over cull\n\n"
        "Farmers in Brenovo said veterinary teams had left infected birds in sheds for days.\n"
        "The agriculture ministry denied that the cull had been delayed, saying every operation "
        "had followed the European protocol.\n"
        "Halden Foods denied that it had sold infected birds, saying its plant in Orvik "
        "employed 400 people.\n"
    )
    outright = claim_with(claims, "every operation had followed")
    assert {"unverified_party_claim", "disputed"} <= set(outright.flag_names)
    (flag,) = [f for f in outright.flags if f.name == "disputed"]
    assert flag.evidence[0].rule == "disputed.outright-answer"
    assert outright.origins[0].name == "agriculture ministry"  # not the company after it
    # the other reason given for a denial is said in the denier's defence: what it denies
    # says otherwise of it
    reason = claim_with(claims, "employed 400 people")
    (flag,) = [f for f in reason.flags if f.name == "disputed"]
    assert [e.rule for e in flag.evidence] == ["disputed.defence"]


def test_an_interested_partys_outright_word_is_disputed_its_other_words_are_not() -> None:
    # no denial in so many words: a side's flat assurance ("never") answers the other side
    _, claims = article(
        "Quarry blasts blamed for cracks\n\n"
        "Residents of Ashby Moor said blasting at the Stenholt quarry had cracked walls in 40 "
        "homes since March.\n"
        "Stenholt Quarries said its blasts had never exceeded the limits in its permit.\n"
        "The company said it employs 120 people at the site.\n"
    )
    never = claim_with(claims, "never exceeded")
    assert {"unverified_party_claim", "disputed"} <= set(never.flag_names)
    (flag,) = [f for f in never.flags if f.name == "disputed"]
    assert flag.evidence[0].rule == "disputed.outright-answer"
    assert "'never'" in flag.evidence[0].detail
    staff = claim_with(claims, "employs 120 people")
    assert "unverified_party_claim" in staff.flag_names
    assert "disputed" not in staff.flag_names


def test_what_a_speaker_said_after_and_leaves_no_claim_before_it_in_a_persons_voice() -> None:
    # "She cut her price target ... and estimated that ...": a person's own act, told with
    # what she said; not the reporter's claim
    _, claims = article(
        "Brenmark shares fall\n"
        "An analyst at Varde Bank, Ida Moen, said the recall was serious.\n"
        "She cut her price target on the stock to 18 euros from 26 and estimated that a full "
        "recall could cost Brenmark as much as 85 million euros.\n"
    )
    assert not [c for c in claims if "unattributed" in c.flag_names], [c.text for c in claims]


def test_a_barrister_or_a_solicitor_argues_a_clients_case() -> None:
    _, claims = article(
        "Car dealer on trial\n\n"
        "A car dealer sold at least 30 cars with wound-back mileage, a court heard on Monday.\n"
        "Prosecutors said Tom Harlan had bought the cars at auction.\n"
        "Harlan's barrister, Rosa Greenfield, said her client had never altered an odometer.\n"
        "His co-accused's solicitor, Ian Mott, told the court his client had kept full records.\n"
    )
    for words in ("never altered an odometer", "kept full records"):
        assert "unverified_party_claim" in claim_with(claims, words).flag_names, words


def test_the_outlet_that_saw_a_record_and_could_not_verify_another_account_doubts_only_that() -> (
    None
):
    # "Reuters" ends the first source's name and opens the disclaimer: no doubt cast on it
    _, claims = article(
        "Toy magnets recalled\n\n"
        "Doctors at Lanmere General first raised the alarm in March, according to a letter to "
        "the regulator seen by Reuters.\n"
        "Two people familiar with the inquiry said the maker had been asked to change the "
        "design in 2023. The people spoke on condition of anonymity, and Reuters could not "
        "independently verify their account.\n"
    )
    assert "disputed" not in claim_with(claims, "first raised the alarm").flag_names
    assert "disputed" in claim_with(claims, "asked to change the design").flag_names


def test_police_saying_officers_are_investigating_announce_their_own_work() -> None:
    # an institution telling what it is doing is the authority on that, not a side
    _, claims = article(
        "Forty hanging baskets were cut down in Little Ashby overnight.\n"
        "Midshire Police said officers were investigating an incident of criminal damage in "
        "the village and appealed for witnesses.\n"
    )
    work = claim_with(claims, "officers were investigating")
    assert "unverified_party_claim" not in work.flag_names
    assert "single_source" in work.flag_names


def test_a_doubt_about_a_things_origin_is_no_doubt_about_all_said_of_the_thing() -> None:
    # "the object's origin": the origin is doubted, not what the farmer said of the object
    _, claims = article(
        "Metal sphere found in a Gozo field\n\n"
        "A farmer has handed police a scorched metal sphere that he found in his field on "
        "Tuesday.\n\n"
        "Joseph Camilleri, 58, said the object was still warm when he found it.\n\n"
        "His wife said she had heard a loud bang at about 2am.\n\n"
        "Police said they had sent a patrol to the farm on Tuesday morning.\n\n"
        "The astronomer Maria Grech said the sphere came from the upper stage of a rocket.\n\n"
        "An American launch company said on Thursday that its rockets had not lost a stage "
        "over Europe.\n\n"
        "Times of Malta could not independently confirm the object's origin.\n"
    )
    warm = claim_with(claims, "still warm")
    assert "disputed" not in warm.flag_names
    rockets = claim_with(claims, "not lost a stage")  # the sentence before: doubted
    (flag,) = [f for f in rockets.flags if f.name == "disputed"]
    assert "disputed.reporter" in {e.rule for e in flag.evidence}


@pytest.mark.parametrize(
    "doubt",
    [
        "The Herald was unable to verify the report.",
        "The Herald has not been able to confirm that account.",
        "The Herald could not confirm the report, and the trust did not respond.",
        "The Herald has not seen the memo.",
        "The Herald could not establish when the memo was written.",
    ],
)
def test_the_reporter_who_could_not_check_a_relayed_report_keeps_a_distance(doubt: str) -> None:
    # the outlet says it could not check what another outlet reported: that report is doubted
    _, claims = article(
        "Trust to shut maternity ward\n\n"
        "The Selkirk Valley health trust said on Monday it would close the maternity ward at "
        "Hawick Cottage Hospital for the winter.\n\n"
        "The weekly Border Echo reported on Friday, citing a leaked memo, that the ward had "
        f"failed two safety inspections this year. {doubt}\n"
    )
    inspections = claim_with(claims, "failed two safety inspections")
    (flag,) = [f for f in inspections.flags if f.name == "disputed"]
    assert "disputed.reporter" in {e.rule for e in flag.evidence}
    ward = claim_with(claims, "close the maternity ward")
    assert "disputed" not in ward.flag_names


def test_a_rule_told_by_the_reporter_is_no_restatement_of_a_lawyers_few_words() -> None:
    # the lawyer's few words ("employer", "wage", "tip") are all in the sentence, which says
    # much more: no restatement
    _, claims = article(
        "Chefs say tips topped up pay\n\n"
        "Former cooks at the Saltmarsh Kitchen group said their tips were used to bring their "
        "pay up to the legal minimum.\n\n"
        "Tips cannot count towards the national minimum wage, and since October 2024 the "
        "Employment (Allocation of Tips) Act has required employers to pass all tips and "
        "service charges on to workers in full.\n\n"
        'Employment lawyer Nia Okafor warned that employers "cannot relabel a wage as a '
        'tip".\n'
    )
    rule = claim_with(claims, "Allocation of Tips")
    assert "unattributed" in rule.flag_names


def test_a_phrase_without_something_does_not_make_a_statement_say_not() -> None:
    # "without his knowledge" denies nothing of the offer: the buyer's "no one ... offered"
    # says the opposite of the developer's offer, and cannot corroborate it
    _, claims = article(
        "Developer in court over stands sold twice\n\n"
        "Developer Amos Chideme told the court the second sales had been made by a former "
        "agent without his knowledge and that the company had offered every affected buyer a "
        "replacement stand.\n\n"
        "One of the buyers, teacher Ruth Moyo, said no one from the company had ever offered "
        "her a replacement stand.\n"
    )
    offer = claim_with(claims, "offered every affected buyer")
    assert "corroborated" not in offer.flag_names


def test_whoever_defends_itself_speaks_as_a_side_on_anything() -> None:
    # the chairman denies the fishermen's accusation: what else he says about the pier is a
    # side's word, with no "we" or "I" in it; the surveyor, who denies nothing, is no side
    _, claims = article(
        "Pier closure\n\n"
        "Fishermen said the harbour board had kept the pier shut to favour a hotel developer.\n"
        "Board chairman Aled Pryce denied that the developer had been given any favours.\n"
        "A marine surveyor, Ruth Gale, said the piles had been inspected in 2023.\n"
        "Boats have used the slipway since the closure.\n"
        "Pryce said the pier's timber piles were rotten below the waterline.\n"
    )
    rotten = claim_with(claims, "rotten below the waterline")
    assert any(
        e.rule == "unverified_party_claim.defender" for f in rotten.flags for e in f.evidence
    )
    inspected = claim_with(claims, "inspected in 2023")
    assert "unverified_party_claim" not in inspected.flag_names


def test_an_authority_contesting_a_figure_is_no_side_on_anything_else() -> None:
    # contesting another's account is no defence of one's own for an authority
    _, claims = article(
        "Late flights\n\n"
        "Karva Air said 94% of its flights had left on time in May.\n"
        "The aviation authority disputed the punctuality figure.\n"
        "The authority said 41 airlines had reported their May figures.\n"
    )
    reported = claim_with(claims, "41 airlines")
    assert "unverified_party_claim" not in reported.flag_names


def test_what_a_speaker_insists_on_is_disputed() -> None:
    # "insisted", "has always maintained": the speaker holds to it against someone who says
    # otherwise, whether or not the article quotes them; a plain "said" is no such thing
    _, claims = article(
        "Quarry blasts\n\n"
        "The quarry's owner, Helmut Brandauer, insisted that every blast had stayed within "
        "the permitted limits.\n"
        "Tomas Rusk has always maintained that he spent the night at his sister's flat.\n"
        "A geologist, Irena Vos, said the cracks in the church wall were at least a century "
        "old.\n"
    )
    for words in ("permitted limits", "his sister's flat"):
        held = claim_with(claims, words)
        assert any(e.rule == "disputed.insisting" for f in held.flags for e in f.evidence)
    assert "disputed" not in claim_with(claims, "a century old").flag_names


def test_who_insists_on_something_speaks_as_a_side() -> None:
    # holding to it against others is taking a side, with no "we" or "our" in what is said;
    # the commissaire's plain account of the same finish is no side's
    _, claims = article(
        "Sprint crash\n\n"
        "Race director Ondrej Malek insisted that the finish had been approved by the "
        "technical delegate.\n"
        "A commissaire, Jana Novakova, said the barriers had been moved on Sunday morning.\n"
    )
    approved = claim_with(claims, "approved by the technical delegate")
    assert any(
        e.rule == "unverified_party_claim.insisting" for f in approved.flags for e in f.evidence
    )
    moved = claim_with(claims, "moved on Sunday")
    assert "unverified_party_claim" not in moved.flag_names


def test_the_outlet_that_could_not_confirm_names_nothing_it_doubts() -> None:
    # "Kyodo News could not independently confirm the report" doubts the report, not every
    # statement sharing a word with the agency's name ("new installations")
    _, claims = article(
        "Elevator fund\n\n"
        "Makiko Ono, an analyst, said new installations carry thin margins.\n"
        "Tsubame said its order book was full.\n"
        "The daily Naniwa Keizai reported, citing sources at the bank, that the lender had "
        "urged Tsubame to raise its dividend. Kyodo News could not independently confirm the "
        "report.\n"
    )
    assert "disputed" not in claim_with(claims, "thin margins").flag_names
    assert "disputed" in claim_with(claims, "raise its dividend").flag_names


def test_a_denial_answers_what_shares_its_word_further_back() -> None:
    # "any tanker" shares one word with the rebels' claim, four sentences back (past
    # denial_window); the commander's nearer account names the navy but not a tanker
    _, claims = article(
        "Navy and rebels trade claims over port\n\n"
        "Fighting flared again around Ardel on Tuesday, residents said.\n"
        "The navy said its ships had cleared mines from the approach to the port of Ardel.\n"
        "The Coastal Front said its boats had seized the harbour office and sunk a navy tanker.\n"
        "A Front commander, Idris Mallow, told reporters the navy was pulling back to the "
        "south.\n"
        "Shipping agents said no vessel had entered Ardel since Monday.\n"
        "Fishermen said they had heard gunfire through the night.\n"
        "The navy denied that any tanker had been lost.\n"
    )
    sunk = claim_with(claims, "sunk a navy tanker")
    assert "denied" in sunk.flag_names
    pulling = claim_with(claims, "pulling back")
    assert "denied" not in pulling.flag_names


def test_a_bus_route_is_no_rout() -> None:
    # "route" and "rout" meet by their stems: no retreat joins two statements on a route
    _, claims = article(
        "Commuters stranded as Halden bus operator pulls vehicles off Oslo route\n\n"
        "Commuters between Halden and Oslo waited up to two hours for a bus on Sunday after "
        "Vesta Transport Company took 40 of its 65 buses off the route, the Land Transport "
        "Commission said.\n"
        "A Vesta manager said the company had lost money on the line for three years.\n"
        "The Halden Post reported, citing an official at the Ministry of Transport, that the "
        "government was studying a subsidy for the Halden route.\n"
    )
    waited = claim_with(claims, "waited up to two hours")
    subsidy = claim_with(claims, "studying a subsidy")
    assert waited is not subsidy
    assert "corroborated" not in waited.flag_names


def test_a_deniers_hyphened_name_is_no_word_shared_with_the_accusation() -> None:
    # "Al-Nakheel" is read as "al" and "nakheel": the denier's own name, in the accusation
    # against it, says nothing of its results
    _, claims = article(
        "Al-Nakheel Dairy Co. swung to a net loss of SR40 million in 2025, the company said "
        "in a filing on Thursday.\n"
        "Posts on social media claimed that cows at Al-Nakheel farms had died of a virus.\n"
        "The company denied that any of its farms had been affected.\n"
    )
    loss = claim_with(claims, "net loss")
    assert "disputed" not in loss.flag_names


def test_an_agency_and_its_acronym_are_one_origin_with_its_figures() -> None:
    # the headline's "HPA", the body's "Health Protection Agency (HPA)" and "figures released
    # by the HPA" are one origin: nothing here is corroborated
    _, claims = article(
        "Measles cases nearly triple in first quarter, HPA says\n\n"
        "Measles cases in Veldria nearly tripled in the first three months of this year, the "
        "Health Protection Agency (HPA) has said.\n\n"
        "According to figures released by the HPA on Thursday, 1,482 cases were recorded "
        "between January and March.\n"
    )
    tripled = claim_with(claims, "nearly tripled")
    assert "corroborated" not in tripled.flag_names
    assert [o.name for o in tripled.origins] == ["Health Protection Agency"]
    figures = claim_with(claims, "1,482 cases")
    assert [o.name for o in figures.origins] == ["Health Protection Agency"]


def test_a_government_named_by_its_seat_and_its_spokesman_are_one_origin() -> None:
    # "Kabul says", "the Taliban administration in Kabul said" and "Mawlawi Noor Ahmad, a
    # deputy spokesman for the Taliban administration," are one origin, not three
    _, claims = article(
        "Kabul says shelling killed civilians\n\n"
        "The Taliban administration in Kabul said on Friday that Pakistani shelling had "
        "killed four civilians in Paktia province.\n\n"
        "Mawlawi Noor Ahmad, a deputy spokesman for the Taliban administration, said the "
        "shelling had also destroyed three houses.\n"
    )
    killed = claim_with(claims, "killed four civilians")
    assert "corroborated" not in killed.flag_names
    assert [o.name for o in killed.origins] == ["Kabul"]
    houses = claim_with(claims, "three houses")
    assert [o.name for o in houses.origins] == ["Kabul"]


def test_samples_are_records_not_unnamed_people() -> None:
    # "Water samples taken on Monday showed ...": a record with no owner named is no
    # anonymous source
    _, claims = article(
        "Water samples taken on Monday showed ammonia levels more than 30 times the permitted "
        "limit at the outflow pipe.\n"
    )
    ammonia = claim_with(claims, "ammonia levels")
    assert "anonymous_only" not in ammonia.flag_names


def test_a_publication_stamp_or_a_question_not_answered_is_no_claim() -> None:
    text = (
        "Quarry blamed as village wells run dry\n\n"
        "Published on May 21, 2026, at 6:12 pm (Paris time)\n\n"
        "Some thirty wells in the hamlet have run dry since April, residents said.\n\n"
        "Le Bocq Hebdo, published on 21/05/2026 at 07:30\n\n"
        "The local weekly reported that a second pump had been installed. The operator did not "
        "answer our questions on this point.\n"
    )
    _, claims = article(text)
    found = [c.text for c in claims if "unattributed" in c.flag_names]
    assert not [t for t in found if "ublished" in t or "our questions" in t]
