"""The extractor on whole sentences and articles (needs the spaCy model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance import Attribution, extract
from provenance.evaluate import Evaluation, gold_text_path, load_jsonl, score
from provenance.models import Document

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def one(text: str) -> Attribution:
    found = extract(text)
    assert len(found) == 1, [a.content.text for a in found]
    return found[0]


def by_content(text: str, needle: str) -> Attribution:
    found = [a for a in extract(text) if needle in a.content.text]
    assert found, f"no attribution holding {needle!r}"
    return found[0]


def test_postposed_cue_gives_reported_speech_with_speaker() -> None:
    a = one("The bridge will reopen in May, the mayor said.")
    assert a.kind == "indirect"
    assert a.content.text == "The bridge will reopen in May"
    assert a.speaker is not None and a.speaker.text == "the mayor"
    assert a.cue is not None and a.cue.text == "said"


def test_two_clauses_the_parser_hangs_on_one_cue_are_one_statement() -> None:
    # the parser makes "most of it borrowed ..." a second clause of "said"
    a = one("Another worker said she had paid £6,000, most of it borrowed from relatives.")
    assert a.content.text == "she had paid £6,000, most of it borrowed from relatives"
    assert a.kind == "indirect"


def test_two_statements_of_one_speaker_in_two_sentences_stay_two() -> None:
    found = extract(
        "The ministry said the road would reopen on Monday. It said two lanes were closed."
    )
    assert [a.content.text for a in found] == [
        "the road would reopen on Monday",
        "two lanes were closed",
    ]


def test_records_the_parser_took_for_a_subject_of_a_participle_still_show() -> None:
    # the parser reads "Invoices shared ..." as the sentence's verb and leaves "show" hanging
    a = one(
        "Invoices shared with the Herald by three of the cleaners show payments of between "
        '£4,000 and £7,500, each marked "final".'
    )
    assert a.speaker is not None and a.speaker.text == "Invoices"
    assert a.content.text.startswith("payments of between £4,000 and £7,500")


def test_a_participle_joined_to_a_passive_is_no_cue_of_the_reporter() -> None:
    # "charged" here is what happened to the clerk, not an accusation by the paper
    a = one(
        "The Valden Post reported on Monday that a clerk had been arrested in May and charged "
        "with selling voter records."
    )
    assert a.content.text == (
        "a clerk had been arrested in May and charged with selling voter records"
    )
    assert a.stance == "neutral"


def test_direct_quote_in_curly_marks_with_inverted_cue() -> None:
    a = one("\u201cWe will not sign this deal,\u201d said Foreign Minister Lena Berg.")
    assert a.kind == "direct"
    assert a.content.text == "We will not sign this deal,"
    assert a.source == "Lena Berg"
    assert a.source_type == "official"


def test_split_quote_is_one_attribution_with_two_fragments() -> None:
    text = '"The port is closed," said harbour master Tom Reed, "and it will stay closed."'
    a = one(text)
    assert [f.text for f in a.fragments] == ["The port is closed,", "and it will stay closed."]
    assert a.speaker is not None and "Tom Reed" in a.speaker.text


def test_quote_over_two_paragraphs_and_cueless_continuation() -> None:
    text = (
        'Union leader Maria Lopez told reporters: "We have waited long enough.\n'
        '"The company knows what we want."\n'
        '"We will be back on Monday."\n'
    )
    found = extract(text)
    assert found[0].kind == "direct"
    assert len(found[0].fragments) == 2
    assert found[-1].content.text == "We will be back on Monday."
    assert found[-1].source == "Maria Lopez"


def test_mixed_quote() -> None:
    a = one('The ministry said its troops had "fully secured" the town.')
    assert a.kind == "mixed"
    assert a.content.text == 'its troops had "fully secured" the town'


def test_scare_quotes_and_titles_are_not_attributions() -> None:
    assert (
        extract('The film "Blue Harbour" opened on Friday with his "peace formula" on show.') == []
    )


def test_according_to_with_a_chain_of_data() -> None:
    a = one(
        "Prices rose 9 percent in May, according to a Reuters analysis"
        " of data from the Central Bank."
    )
    assert a.cue is not None and a.cue.text == "according to"
    assert a.content.text == "Prices rose 9 percent in May"
    assert a.via == ("the Central Bank",)
    assert a.source_type == "media analysis"


def test_according_to_a_memo_seen_by_an_outlet_the_memo_is_the_origin() -> None:
    # the outlet that saw the memo passes it on; the data a bank gave is where it began
    a = one("Staff were barred from speaking to the media, according to a memo seen by AFP.")
    assert a.via == ("AFP",)
    assert [h.role for h in a.chain] == ["origin", "relay"]
    assert a.chain[0].name == a.source and a.chain[1].name == "AFP"


def test_outlet_citing_an_anonymous_source_who_said() -> None:
    text = (
        "The envoy landed in Cairo, TASS reported, citing a diplomatic source, "
        'who said that "talks start tomorrow".'
    )
    found = extract(text)
    tass = by_content(text, "The envoy landed")
    assert tass.source == "TASS" and tass.via == ("a diplomatic source",)
    who = by_content(text, "talks start tomorrow")
    assert who.kind == "direct"
    assert who.speaker is not None and who.speaker.text == "who"
    assert who.coref is not None and who.coref.text == "a diplomatic source"
    assert who.source_type == "anonymous" and who.channel == "TASS"
    assert [h.role for h in who.chain] == ["origin", "relay"]
    assert len(found) == 2


def test_told_addressee_and_channel() -> None:
    a = one("Finance Minister Omar Haddad told parliament that the deficit would shrink.")
    assert a.addressee == "parliament"
    assert a.channel is not None
    assert a.source == "Omar Haddad"


def test_denial_and_non_denial_stances() -> None:
    assert one("The company denied that it had hidden the defect.").stance == "denial"
    a = one("Neither Paris nor Berlin has denied the troops are ready.")
    assert a.stance == "non-denial"


def test_noun_cue_with_possessor() -> None:
    a = by_content("Russia's claims that its forces took the town were rejected.", "its forces")
    assert a.cue is not None and a.cue.text == "claims"
    assert a.stance == "distancing"
    assert a.source == "Russian government"


def test_pronoun_and_description_resolve_to_the_named_person() -> None:
    text = (
        "Health Minister Clara Vidal said the outbreak was under control.\n"
        "She added that two more patients had recovered.\n"
        "The minister said schools would stay open."
    )
    found = extract(text)
    assert [a.source for a in found] == ["Clara Vidal"] * 3
    assert found[1].coref is not None and "Clara Vidal" in found[1].coref.text


def test_a_name_whose_last_word_the_tagger_took_for_a_date_is_kept_whole() -> None:
    a = one("Korvala Today reported on Monday that the plant would close.")
    assert a.source == "Korvala Today"


def test_one_of_a_group_that_has_just_spoken_is_of_that_group() -> None:
    found = extract(
        "Two clerks at the depot, who spoke on condition that they were not named, said the "
        "number of parcels waiting had passed 9,000 in March.\n\n"
        'One of them said: "We are not allowed to tell callers how long the queue is."\n\n'
        "Four porters told the paper that tips were kept back. One, who has worked there since "
        "2019, said she had never been shown the figures.\n"
    )
    sources = {a.content.text[:20]: a.source for a in found}
    assert sources["We are not allowed t"] == "Two clerks at the depot"
    assert sources["she had never been s"] == "Four porters"


def test_place_name_stands_for_its_government() -> None:
    assert one("Beijing said the drills were routine.").source == "Chinese government"


def test_stray_quotation_mark_never_swallows_the_rest() -> None:
    text = (
        'He bought a 12" record.\nThe minister said "we will see.\nThe mayor said the road is open.'
    )
    found = extract(text)
    assert any(a.content.text == "the road is open" for a in found)
    for a in found:
        assert "\n" not in a.content.text or a.fragments


def test_a_sentence_starts_inside_a_line_only_after_a_word_that_can_end_one() -> None:
    from provenance.nlp import sentences

    text = (
        "Bills row\n\n"
        "\u201cWe got this wrong and we are putting it right,\u201d chief executive Marcus "
        "Thayne said on a call with analysts. \u201cBut the figure of 30,000 includes "
        "customers who were billed correctly.\u201d\n"
    )
    found = [s.text.strip() for s in sentences(text)]
    assert found[1].startswith("\u201cWe got this wrong and we are putting it right")
    assert found[1].endswith("analysts.")
    assert len(found) == 3


def test_spans_always_index_the_text() -> None:
    text = (
        (SHARED / "seeds" / "afp-selydove.txt").read_text(encoding="utf-8")
        if (SHARED / "seeds" / "afp-selydove.txt").exists()
        else "The mayor said the road is open."
    )
    for a in extract(text):
        assert text[a.content.start : a.content.end] == a.content.text
        if a.speaker:
            assert text[a.speaker.start : a.speaker.end] == a.speaker.text
        if a.cue:
            assert text[a.cue.start : a.cue.end] == a.cue.text


def test_spacy_component_sets_doc_attributions() -> None:
    from provenance.nlp import COMPONENT, load_pipeline

    nlp = load_pipeline()
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT)
    try:
        doc = nlp("The bridge will reopen in May, the mayor said.")
        assert [a.content.text for a in doc._.attributions] == ["The bridge will reopen in May"]
    finally:
        nlp.remove_pipe(COMPONENT)


def _score(gold_path: Path) -> tuple[Evaluation, list[dict[str, object]]]:
    from provenance.api import extract_document

    gold = load_jsonl(gold_path)
    preds = []
    for g in gold:
        text = gold_text_path(gold_path, g).read_text(encoding="utf-8")
        doc: Document = extract_document(text, str(g["doc_id"]))
        preds.append(doc.to_json())
    return score(gold, preds), gold


def test_reference_dispatch_meets_the_acceptance_bar() -> None:
    gold_path = SHARED / "gold" / "afp-selydove.jsonl"
    if not gold_path.exists():
        pytest.skip("../shared/gold is not beside the project")
    ev, _ = _score(gold_path)
    assert ev.content.recall >= 0.95
    assert ev.content.precision >= 0.9
    assert ev.speaker_accuracy.value >= 0.9
    assert ev.not_quote_violations == ()
    assert ev.via_accuracy.value == 1.0
    wrong = {w.content_text for w in ev.wrong_sources}
    for needle in ("We expect to hear", "tomorrow she will be", "killed four people"):
        assert not any(needle in w for w in wrong), needle


def test_own_seeds_meet_the_acceptance_bar() -> None:
    gold_path = ROOT / "seeds" / "gold.jsonl"
    if not gold_path.exists():
        pytest.skip("seeds/gold.jsonl not written yet")
    ev, _ = _score(gold_path)
    # the issue's bar (recall 0.95, precision 0.9, speaker 0.9); measured 0.981 / 0.982 / 0.991
    assert ev.content.recall >= 0.95
    assert ev.content.precision >= 0.95
    assert ev.speaker_accuracy.value >= 0.95
    assert ev.not_quote_violations == ()


def test_held_out_set_stays_above_the_bar() -> None:
    """Texts in other house styles, written without looking at the extractor (tests/heldout).
    The bar for unseen newswire is attribution F1 0.75 and indirect recall 0.7."""
    ev, _ = _score(ROOT / "tests" / "heldout" / "gold.jsonl")
    assert ev.content.f1 >= 0.9
    assert ev.kind("indirect").recall >= 0.85
    assert ev.speaker_accuracy.value >= 0.9
    assert ev.not_quote_violations == ()


def test_headline_speaker_before_a_colon() -> None:
    a = one("Minister: 'We will not resign'")
    assert a.kind == "direct"
    assert a.content.text == "We will not resign"
    assert a.speaker is not None and a.speaker.text == "Minister"


def test_apposition_types_the_person() -> None:
    a = one('"Prices will keep rising," said Mark Feld, an economist at ING.')
    assert (a.source, a.source_type) == ("Mark Feld", "expert")


def test_british_quotes_and_cueless_continuation_in_one_paragraph() -> None:
    text = "'We have no choice,' said union leader Jane Harris. 'Members cannot wait any longer.'"
    found = extract(text)
    assert [a.source for a in found] == ["Jane Harris", "Jane Harris"]
    assert found[1].rule == "quote-continues-speaker"


def test_statement_speaks_for_its_issuer() -> None:
    text = (
        "The health ministry said in a statement that 12 people had died.\n"
        "The statement added that schools would stay closed."
    )
    first, second = extract(text)
    assert first.speaker is not None and first.speaker.text == "The health ministry"
    assert first.channel == "a statement"
    assert second.source == first.source


def test_findings_are_attributed_only_to_studies_courts_and_the_like() -> None:
    found = extract("The study found that walking cut the risk.\nPolice found a body in the river.")
    assert [(a.speaker.text if a.speaker else None, a.content.text) for a in found] == [
        ("The study", "walking cut the risk")
    ]


def test_second_held_out_set_stays_above_the_bar() -> None:
    """tests/heldout2: scored once before any change (content F1 0.951, speaker 0.975)."""
    ev, _ = _score(ROOT / "tests" / "heldout2" / "gold.jsonl")
    assert ev.content.f1 >= 0.93
    assert ev.kind("indirect").recall >= 0.9
    assert ev.speaker_accuracy.value >= 0.95


def test_pronoun_skips_the_last_speaker_when_known_to_be_of_the_other_sex() -> None:
    text = (
        "Police chief Dan Ortiz said the suspect was arrested.\n"
        "Ms Ruiz, the mayor, said the city was safe.\n"
        '"Why now?" he asked.'
    )
    assert extract(text)[-1].source == "Dan Ortiz"


def test_nobody_said_is_not_an_attribution_and_participles_close_nothing() -> None:
    assert extract("No group has said it carried out the strike.") == []
    found = extract(
        "The payment will be delayed to 2028, the people said, asking not to be identified."
    )
    assert [a.cue.text for a in found if a.cue] == ["said"]


def test_a_spokeswoman_speaks_for_the_organisation_named_before_her() -> None:
    text = (
        "Corvia Air said its flights were on time.\n"
        'A Corvia spokeswoman said the airline used "the industry standard".'
    )
    assert extract(text)[-1].source == "Corvia Air"


def test_an_unnamed_spokesman_speaks_for_the_organisation_the_sentence_before_is_about() -> None:
    text = (
        "Fenline Trains strongly denies manipulating its figures. A spokesman said every "
        "service removed from the timetable had been taken out for a genuine reason.\n"
    )
    assert by_content(text, "every service removed").source == "Fenline Trains"


def test_a_council_spokeswoman_speaks_for_the_council_the_article_names() -> None:
    text = (
        "Brennick City Council approved the plan on Monday.\nResidents objected to it.\n"
        "A council spokeswoman said the plan was sound.\n"
    )
    assert by_content(text, "the plan was sound").source == "Brennick City Council"


def test_a_spokesman_for_another_body_is_not_taken_for_the_one_before() -> None:
    text = (
        "Fenline Trains denies the claim.\nA spokesman for the opposition said it was a disgrace.\n"
    )
    assert by_content(text, "a disgrace").source != "Fenline Trains"


def test_a_name_running_on_with_of_is_kept_whole() -> None:
    text = (
        "The Bank of Marrovia said its gross reserves stood at $9.2 billion.\n"
        "The central bank said in a statement that its reserves were adequate.\n"
    )
    assert by_content(text, "$9.2 billion").source == "Bank of Marrovia"
    assert by_content(text, "reserves were adequate").source == "Bank of Marrovia"


def test_she_is_not_a_man_who_spoke_of_his_own_daughter() -> None:
    text = (
        "Another parent, Mark Ojo, tells BBC Radio his 12-year-old daughter was almost hit by "
        "a van.\n\nCllr Judith Amory says the council sympathises with families.\n\n"
        '"A review will be finished by the end of term," she says.\n'
    )
    assert by_content(text, "A review will be finished").source == "Judith Amory"


def test_a_company_named_by_two_capitalised_nouns_and_its_spokesman() -> None:
    text = (
        "Three members of staff told The Sentinel that managers drew up a list of trains to "
        "be removed.\n\n\u201cNobody pretended it was about passengers,\u201d one said.\n\n"
        "Fenline Trains strongly denies manipulating its figures. A spokesman said every "
        "service removed had been taken out for a genuine reason.\n\n"
        "The company had always been open with the department, he added.\n\n"
        "The company said it had paid \u00a32.3m in penalties last year.\n"
    )
    assert by_content(text, "manipulating").source_type == "company"
    assert by_content(text, "always been open").source == "Fenline Trains"
    assert by_content(text, "paid \u00a32.3m").source == "Fenline Trains"


def test_a_spokesman_speaks_for_the_company_short_named_in_the_sentence_before() -> None:
    text = (
        "Stanwick Partners has made an offer for the group.\n\n"
        "The Packaging and Print Workers' Union said Stanwick had closed two plants.\n\n"
        "Stanwick denied that it planned to break up the company. A spokesman said it had a "
        "long record of investing in the businesses it buys.\n"
    )
    assert by_content(text, "long record of investing").source == "Stanwick Partners"


def test_a_that_clause_the_parser_coordinated_with_the_cue_is_what_was_reported() -> None:
    text = (
        "The Sunday Ledger reported yesterday, citing people close to the talks, that Stanwick "
        "had made three approaches since October, each at a higher price.\n"
    )
    a = by_content(text, "three approaches")
    assert a.content.text.startswith("Stanwick had made three approaches")
    assert a.source == "Sunday Ledger"
    # "citing" hangs on the coordinated clause: the people cited are still the outlet's relay
    assert list(a.via) == ["people close to the talks"]


def test_a_foreign_name_keeps_its_particle() -> None:
    # "Giornale di Brescia": "di" is part of the daily's name, not where it ends
    text = (
        "Local daily Giornale di Brescia reported, citing people familiar with the "
        "investigation, that one of the suspect towers belonged to a steelworks.\n"
    )
    a = by_content(text, "suspect towers")
    assert (a.source, a.source_type) == ("Giornale di Brescia", "media")


def test_a_daily_named_after_its_description_relays_the_source_it_cites() -> None:
    # the tagger reads "daily" as an adjective, and "had reported ... that" is parsed as two
    # coordinated clauses: the daily is media, and the police officer its cited source
    text = (
        "The Malayalam daily Keralodayam had reported in January, citing a police officer, "
        "that the Kottuvally police had closed a forgery complaint for want of evidence.\n"
    )
    a = by_content(text, "closed a forgery complaint")
    assert (a.source, a.source_type) == ("Keralodayam", "media")
    assert list(a.via) == ["a police officer"]


def test_a_second_that_clause_after_and_is_no_attribution_of_its_own() -> None:
    text = (
        "The Health Ministry said in a statement read on state television that 57 cases had been "
        'confirmed by laboratory tests and that no deaths had been "directly linked" to cholera.\n'
    )
    assert len(extract(text)) <= 1


def test_a_singular_description_is_not_a_plural_mention_of_its_word() -> None:
    # "The weather service" is not "most European weather services", named just before
    text = (
        "The Veldrian Meteorological Service said the reading was valid. Tomas Reyl said most "
        "European weather services would have rejected it.\n"
        "The weather service said the log entry referred to a humidity sensor.\n"
    )
    assert by_content(text, "humidity sensor").source != "most European weather services"


def test_an_unnamed_university_is_no_organisation_named_in_passing() -> None:
    # "an Instagram story" names no university; "A university spokesperson" speaks for the
    # university the article never names, as "The university" does
    text = (
        "Oyelowo said nobody had contacted her. \u201cI found out from an Instagram story,\u201d "
        "she told The Record.\n"
        "A university spokesperson said the mural had been covered as part of repairs.\n"
        "The university denied that the mural had been removed because of a complaint.\n"
    )
    spokesperson = by_content(text, "covered as part of repairs")
    university = by_content(text, "removed because of a complaint")
    assert (spokesperson.source, spokesperson.source_type) == ("university", "organisation")
    assert university.source == "university"


def test_a_record_that_appears_to_show_is_the_speaker_of_what_it_shows() -> None:
    # "appears to show": the footage shows it; and what the object is shown doing is
    # part of what was shown, though the parser hangs it on "appear"
    text = (
        "Video footage of the final, posted on Facebook, appears to show Fly's sheep going "
        "wide of the second drive gate.\n"
        "Messages seen by the Sentinel appear to show the coach, Piet Halvorsen, telling a "
        "contact the evening before the match that his player was tired.\n"
        "Readings from a private network of weather stations show a gap of about 1.4C.\n"
    )
    footage = by_content(text, "second drive gate")
    assert footage.speaker is not None and footage.speaker.text == "Video footage of the final"
    messages = by_content(text, "Piet Halvorsen")
    assert messages.content.text.startswith("the coach, Piet Halvorsen, telling a contact")
    assert by_content(text, "a gap of about 1.4C").source == "Readings"


def test_a_register_lists_someone_as_what_it_names_them() -> None:
    # a record that lists: its object and what it is listed as; a company listing its
    # shares says nothing
    text = (
        "The Western Sheepdog Stud Book, the association's breeding register, lists Mr Gilroy "
        "as Fly's breeder.\n"
        "The company lists its shares in London.\n"
    )
    found = extract(text)
    assert [a.content.text for a in found] == ["Mr Gilroy as Fly's breeder"]


def test_the_founder_of_a_company_in_the_lede_is_the_person_named_in_full_next() -> None:
    text = (
        "The founder of e-bike maker Velora Cycles said the board that removed him had staged "
        "a coup.\n"
        "Pieter Aalders, who started the company in a garage in 2009, was told of the decision "
        "at a board meeting.\n"
    )
    assert by_content(text, "staged a coup").source == "Pieter Aalders"


def test_the_tenants_of_a_pub_are_not_the_company_that_speaks_next() -> None:
    # the headline's "tenants" are "the tenants of the Plough" in the lede, no one named by
    # one word as the next sentence opens
    text = (
        "Rent reviews \u2018forcing licensees out\u2019, say tenants\n\n"
        "The alliance said 12 of its members had handed in notice, among them the tenants of "
        "the Plough in Wolvenden.\n\n"
        "Bramwell, which owns 640 pubs, said in a statement that its reviews reflected "
        "independent valuations.\n"
    )
    assert by_content(text, "forcing licensees out").source == "tenants"


def test_the_ledes_description_is_the_person_named_next() -> None:
    text = (
        "A café owner accused of setting fire to a rival's restaurant told a jury on Wednesday "
        "that he was at home asleep.\nDariusz Wolan, 47, denies arson.\n"
    )
    assert by_content(text, "he was at home asleep").source == "Dariusz Wolan"


def test_a_plain_spokesman_is_not_the_person_named_next() -> None:
    text = "A spokesman said the plant was safe.\nMaria Rossi, 40, runs a bakery nearby.\n"
    assert by_content(text, "the plant was safe").source != "Maria Rossi"


def test_a_that_clause_hung_inside_the_cues_phrase_is_what_was_said() -> None:
    text = (
        "The BIS counter-intelligence service said in a report published nine days before the "
        "vote that a network of around 400 fake accounts, paid for from Russia, had pushed "
        "content favouring Citizens' Voice.\n"
    )
    a = by_content(text, "400 fake accounts")
    assert a.content.text.startswith("a network of around 400 fake accounts")
    assert a.source == "BIS counter-intelligence service"


def test_a_that_clause_hung_on_the_participle_of_a_writing_is_what_was_said() -> None:
    # the parser hangs the clause on "produced", which describes the certificate
    text = (
        "Dr. Anil Kurup, a geriatrician who treated Mr. Nair from 2016, stated in a certificate "
        'produced before the court that his patient had been "fully oriented and clear in his '
        'wishes" when he examined him.\n'
    )
    a = by_content(text, "fully oriented")
    assert a.content.text.startswith("his patient had been")
    assert a.source == "Anil Kurup"


def test_counsel_submitting_a_clause_is_an_attribution_but_a_submitted_report_is_not() -> None:
    text = (
        "Senior counsel R. Venugopal, appearing for the nephews, submitted that Ms. Saraswathi "
        'had "isolated" the headmaster from his family in his last years.\n'
        "The company submitted its accounts to the registry on Monday.\n"
    )
    found = extract(text)
    assert [a.source for a in found] == ["R. Venugopal"]
    assert found[0].content.text.startswith("Ms. Saraswathi had")


def test_a_clause_misparsed_as_object_and_stray_predicate_is_what_was_said() -> None:
    text = (
        "She briefed her counterparts on a report by the BIS counter-intelligence service, "
        "which said around 400 fake accounts on TikTok and Telegram, funded from Russia, had "
        "pushed content favouring the populist Citizens' Voice party before the vote.\n"
    )
    a = by_content(text, "had pushed content")
    assert a.content.text.startswith("around 400 fake accounts")
    assert a.source == "BIS counter-intelligence service"


def test_a_person_known_by_description_is_who_he_refers_to() -> None:
    text = (
        "The clinic's director, Lena Moss, said supplies had run out on Monday.\n"
        "A 23-year-old nurse from Valdo, who gave her name only as Irena, told reporters "
        "that patients had been turned away at the gate.\n"
        '"We had nothing left to give them," she said.\n'
    )
    nurse = by_content(text, "turned away")
    assert nurse.source == "Irena" and nurse.source_type == "person"
    witness = one('"It was chaos," said one witness, who gave only her first name, Maria.')
    assert witness.source == "Maria" and witness.source_type == "person"
    quote = by_content(text, "nothing left")
    assert quote.source == "Irena", (quote.speaker, quote.coref)


def test_it_said_after_a_nested_account_is_the_speaker_before_not_a_name_inside() -> None:
    text = (
        "The rescue group Blue Harbour said its crew had found 20 survivors.\n"
        "Survivors told the crew that the boat had been chartered by Corvel Shipping Ltd, "
        "it said.\n"
    )
    relayed = by_content(text, "Survivors told the crew")
    assert relayed.source == "Blue Harbour", relayed.coref


def test_a_cue_after_an_earlier_verb_joined_by_and_shares_its_subject() -> None:
    text = (
        'Transport Minister Pavel Orlik accused the operators of "endangering lives" and, '
        "in an interview with private broadcaster Radio Teln, said the ferries were unsafe.\n"
    )
    said = by_content(text, "ferries were unsafe")
    assert said.source == "Pavel Orlik", said.speaker


def test_words_quoted_by_an_outlet_are_the_quoted_persons_through_the_outlet() -> None:
    active = one("Interfax quoted a senior official as saying talks would resume next week.")
    assert active.content.text == "talks would resume next week"
    assert active.speaker is not None and active.speaker.text == "a senior official"
    assert active.cue is not None and active.cue.text == "as saying"
    assert active.via == ("Interfax",) and active.channel == "Interfax"
    assert [h.role for h in active.chain] == ["origin", "relay"]
    passive = one("The mayor was quoted by the Daily Post as saying the budget was balanced.")
    assert passive.content.text == "the budget was balanced"
    assert passive.source == "mayor" and passive.via == ("the Daily Post",)
    before = one('"We are ready to talk," Interfax quoted Lavrov as saying.')
    assert before.kind == "direct" and before.source == "Lavrov" and before.via == ("Interfax",)
    alone = one("The mayor was quoted as saying the budget was balanced.")
    assert alone.source == "mayor" and alone.via == ()
    # a newspaper's name is no institution's voice ("Daily" speaking through "Post")
    assert one("The Daily Post reported that the budget was balanced.").source == "Daily Post"


def test_a_cue_the_tagger_took_for_a_noun_after_a_plural_subject() -> None:
    found = one("Prosecutors allege Mr Hale poured petrol through the letterbox.")
    assert found.content.text == "Mr Hale poured petrol through the letterbox"
    assert found.speaker is not None and found.speaker.text == "Prosecutors"
    assert found.stance == "distancing"


def test_a_described_speaker_who_asks_not_to_be_named_is_anonymous() -> None:
    text = (
        "Several workers said the plant had closed.\n"
        "One, a welder in Corby who asked not to be named, told reporters that the gates "
        "were locked on Monday.\n"
    )
    welder = by_content(text, "gates were locked")
    assert welder.speaker is not None and "welder" in welder.speaker.text
    assert welder.source_type == "anonymous", welder.source_evidence
    named = one("Tom Hale, a welder who asked not to be named in full, said the gates were shut.")
    assert named.source == "Tom Hale" and named.source_type != "anonymous"


@pytest.mark.parametrize(
    "text",
    [
        "The ministry has not confirmed any deaths.",
        "The memo did not mention job cuts.",
        "Police did not say whether anyone had been arrested.",
        "The minister declined to say when the talks would resume.",
        "Officials would not say how many people had died.",
    ],
)
def test_what_was_not_said_or_only_asked_is_no_attribution(text: str) -> None:
    assert [a.content.text for a in extract(text)] == []


def test_a_negated_denial_and_a_negation_inside_what_was_said_stay() -> None:
    assert one("The company did not deny that jobs would go.").stance == "non-denial"
    neither = (
        "The lawyer, Signe Ottesen, would neither confirm nor deny that her client had called."
    )
    assert one(neither).stance == "non-denial"
    assert one("The mayor said the plant had not been damaged.").content.text == (
        "the plant had not been damaged"
    )
    relative = one("The region, which the president claimed was part of Russia, is occupied.")
    assert relative.content.text.startswith("was part of Russia")


def test_the_lawsuit_speaks_for_whoever_sued() -> None:
    text = (
        "Singer Ada Moss has sued the magazine Glint for libel.\n"
        "The lawsuit, filed Monday in Harlow County court, says the article was "
        '"a pack of lies" and seeks $2 million in damages.\n'
    )
    suit = by_content(text, "pack of lies")
    assert suit.source == "Ada Moss", (suit.speaker, suit.coref, suit.source)


def test_a_cue_set_off_inside_the_clause_it_reports() -> None:
    found = one("The strike, union leaders said, would continue until Friday.")
    assert found.source == "union leaders"
    assert [f.text for f in found.fragments] == ["The strike", "would continue until Friday"]
    assert found.content.text == "The strike, union leaders said, would continue until Friday"


def test_an_outlet_citing_someone_as_saying_relays_their_words() -> None:
    found = one("The general was cited by Interfax as saying the offensive had stalled.")
    assert found.content.text == "the offensive had stalled"
    assert found.source == "general" and found.via == ("Interfax",)


def test_documents_show_what_they_record() -> None:
    notice = one(
        "However, a notice the company filed with the state labour department on Thursday "
        "shows it will lay off 340 employees."
    )
    assert notice.content.text == "it will lay off 340 employees"
    emails = one("But emails seen by the Courier show that the mayor asked for the contract.")
    assert emails.content.text == "the mayor asked for the contract"  # "show" tagged a noun
    minutes = one("Minutes of the board's July meeting show that members discussed a list.")
    assert minutes.content.text == "members discussed a list"  # "minutes", lemma "minute"
    tracked = one("Ship-tracking data compiled by the agency showed 34 vessels anchored off Lusk.")
    assert tracked.content.text.startswith("34 vessels anchored")  # what it shows, no "that"
    assert tracked.speaker.text == "Ship-tracking data"
    inverted = one(
        "The Pennock Oak was placed under a preservation order in 1987, council records show."
    )
    assert inverted.speaker.text == "council records"  # parsed as a compound of "show"
    accounts = one("The charity's accounts show that its income fell by a third.")
    assert accounts.speaker.text == "The charity's accounts"
    recorded = one("The minutes record that the board approved the budget in March.")
    assert recorded.content.text == "the board approved the budget in March"
    listed = one("The ship's log lists two calls from the coast guard that night.")
    assert listed.content.text.startswith("two calls from the coast guard")
    # only records: the police who record a crime and a company listing its shares say nothing
    assert extract("Police recorded 30 burglaries in May. The firm lists its shares in Oslo.") == []


def test_an_untagged_name_described_after_it_as_a_company_is_one() -> None:
    text = (
        "Boat recall\n\n"
        "Dravik, the Norwegian manufacturer, said the recall covered 300 boats. "
        "The company said nobody had been hurt.\n"
    )
    assert by_content(text, "300 boats").source_type == "company"
    assert by_content(text, "nobody had been hurt").source == "Dravik"


def test_a_name_described_after_it_by_a_trade_is_a_person_pronouns_can_point_at() -> None:
    text = (
        "Harvest losses\n\n"
        "Veltra's product chief, Lena Brauer, said every update was tested before release.\n\n"
        "Ines Porath, a machinery analyst at Nordfin Bank who covers the company, said it could "
        'lose market share. "Farmers forgive a breakdown," she said.\n'
    )
    assert by_content(text, "Farmers forgive").source == "Ines Porath"


def test_posts_on_a_forum_are_by_people_the_article_does_not_name() -> None:
    posts = one("Posts on a Veltra owners' forum say the tractors failed too.")
    assert posts.source_type == "anonymous"


def test_a_title_the_tagger_took_for_a_name_is_the_person_set_beside_it() -> None:
    # "MP" tagged a proper noun, and its initials would match a Martin Pell spoken of before
    mp = one("Thornleigh's MP, Diane Mercer, said she had written to the regulator.")
    assert mp.source == "Diane Mercer"


def test_a_capitalised_title_set_off_before_a_full_name_is_that_person() -> None:
    adviser = one(
        "The Senior Adviser to the Mayor on Transport, Dr Helen Mbeki, insisted that the fares "
        "would not rise."
    )
    assert (adviser.source, adviser.source_type) == ("Helen Mbeki", "official")
    director = one(
        "The Deputy Director of Communications at the Ministry, Mr Kwame Osei, said the bridge "
        "would reopen in May."
    )
    assert (director.source, director.source_type) == ("Kwame Osei", "official")
    # a rank before the name, which the recogniser took for an organisation's
    officer = one(
        "The Police Public Relations Officer in the state, SP Grace Okon, confirmed that "
        "officers were deployed."
    )
    assert (officer.source, officer.source_type) == ("Grace Okon", "official")


def test_a_body_speaking_through_a_post_holder_named_in_an_aside_is_the_speaker() -> None:
    # the parser makes the post holder's name a second subject, or an apposition of the body
    for text in (
        "The state government, in a statement on Sunday by the Commissioner for Works and "
        "Housing, Mr Peter Alade, said the houses were built without approval.",
        "The regional government, in a statement by the Commissioner for Health, Dr Amina "
        "Bello, said the clinic would reopen.",
    ):
        body = one(text)
        assert body.speaker is not None and body.speaker.text.endswith("government"), text
        assert body.source_type == "government", text


def test_a_storys_opening_description_is_the_person_named_next() -> None:
    # a definite description with a relative clause, after a byline and a dateline
    text = (
        "Brewer sues former partner over beer name\n\nBy JANE DOE\nAssociated Press\n\n"
        "PORTLAND, Ore. (AP) \u2014 The brewer who founded the Copper Kettle brewery sued his "
        "former partner on Monday, saying he had been pushed out of the business.\n\n"
        "Daniel Hughes, 52, says in the lawsuit that the partner changed the locks in March.\n"
    )
    assert by_content(text, "pushed out").source == "Daniel Hughes"
    # a place the person is from, and the headline's bare description of the same person
    text = (
        "Farmer blames quarry for cracked walls\n\nBy Anna Reid\n\n"
        "A Yorkshire farmer says blasting at a nearby quarry has cracked the walls of his barn."
        "\n\nTom Bell, whose family has farmed the land for a century, said the cracks "
        "appeared in May.\n"
    )
    assert by_content(text, "blasting").source == "Tom Bell"
    assert by_content(text, "quarry for cracked walls").source == "Tom Bell"


def test_she_after_a_sentence_about_a_person_in_the_same_paragraph_is_that_person() -> None:
    text = (
        "Jane Ross, who has lived on Quarry Road all her life, said the track had always been "
        "public.\n\nThe local MP, Fiona Grech, said she had written to the minister about the "
        "gate.\n\nMrs Ross was not impressed. \u201cHe can keep his gate,\u201d she said.\n"
    )
    assert by_content(text, "keep his gate").source == "Ross"  # not the MP who spoke last


def test_she_after_a_post_with_a_name_beside_it_is_that_named_person() -> None:
    # the paragraph before introduces the member by her post and her name, of either sex;
    # the spokesperson who spoke last is not "she"
    text = (
        "A spokesperson for the fund said retailers must pass on the full amount.\n\n"
        "Karvik\u2019s MLA, Leah Anguttitauruq, raised the prices in the legislative assembly "
        "on Monday.\n\n"
        "\u201cPeople in my community are choosing between milk and diapers,\u201d she told the "
        "assembly.\n"
    )
    assert by_content(text, "milk and diapers").source == "Leah Anguttitauruq"


def test_a_comparison_finds_what_it_compared() -> None:
    text = (
        "The Ledger compared 23 receipts that residents shared. Of 40 subsidised items, 31 were "
        "priced the same or higher in February, the comparison found.\n"
    )
    found = by_content(text, "31 were priced")
    assert found.cue is not None and found.cue.text == "found"


def test_a_currency_written_short_does_not_end_the_sentence() -> None:
    # "Rs." before a figure is the rupee, not a full stop
    text = (
        "Tea exporter says port rejection of Rs. 90 Mn shipment was a paperwork error\n\n"
        "The council paid Rs. 4,000 for the survey, the mayor said.\n"
    )
    found = by_content(text, "paperwork error")
    assert found.content.text == "port rejection of Rs. 90 Mn shipment was a paperwork error"
    assert by_content(text, "4,000").content.text == "The council paid Rs. 4,000 for the survey"


def test_a_cue_the_tagger_compounded_with_its_subject_still_reports_its_clause() -> None:
    # a standfirst bullet: "Exporter claims" read as one noun, the clause hung on "claims"
    text = (
        "Tea exporter blames laboratory\n\n"
        "\u2022 Exporter claims German lab tested another firm's samples\n\n"
        "By Staff Reporter\n"
    )
    found = by_content(text, "German lab tested")
    assert found.content.text == "German lab tested another firm's samples"
    assert found.speaker is not None and found.speaker.text == "Exporter"


def test_she_in_a_standfirst_bullet_is_the_person_the_bullet_before_is_about() -> None:
    # a family is no "she"; the bullet before is about Kerry Wade; the line has no full stop
    # and the parser hangs its last words outside the clause
    text = (
        "Family who paid \u00a36,400 for holiday say their hotel was a building site\n\n"
        "\u2022 Kerry Wade, 41, booked the resort through a tour operator\n"
        "\u2022 She says the family were never told about work on a new wing of the hotel\n"
        "\u2022 The operator claims guests were warned by email a week before they travelled\n"
    )
    found = by_content(text, "never told")
    assert found.source == "Kerry Wade"
    assert found.content.text == "the family were never told about work on a new wing of the hotel"


def test_a_cue_after_a_name_the_tagger_compounded_into_the_subject_still_reports() -> None:
    # "SunVista claims guests" read as one noun phrase, the subject of "were warned"
    text = (
        "Family say their hotel was a building site\n\n"
        "\u2022 SunVista claims guests were warned by email a week before they travelled\n"
    )
    found = by_content(text, "warned by email")
    assert found.content.text == "guests were warned by email a week before they travelled"
    assert found.speaker is not None and found.speaker.text == "SunVista"


def test_who_made_it_says_the_maker_speaks_not_it() -> None:
    # the parser read "it" (the object of "made") as the subject of "says"
    text = (
        "A mural on the side of a former mill was painted over by city contractors last week, "
        "and the artist who made it says nobody told her it was going to happen.\n"
    )
    found = by_content(text, "nobody told her")
    assert found.content.text == "nobody told her it was going to happen"
    assert found.speaker is not None and found.speaker.text == "the artist"


def test_a_second_that_clause_of_one_cue_is_part_of_what_was_said() -> None:
    # "said X and that Y": Y's verb is a cue word ("ask") with a subject, still the same
    # statement, not a new speaker's
    text = (
        "In a letter to staff, vice-chancellor Alan Brook said the school had run a deficit "
        "for four years and that the university could not ask other faculties to carry it.\n"
    )
    found = by_content(text, "run a deficit")
    assert found.content.text == (
        "the school had run a deficit for four years and that the university could not ask "
        "other faculties to carry it"
    )


def test_records_and_reports_the_forty_second_set_missed() -> None:
    # from tests/heldout42, after its first run: a name the parser made a second subject of a
    # record's cue; a "that" after "citing ..." read as the clause verb's object (and that
    # verb, "written", then taking the report for its own words); a bank confirmation shows
    folder = ROOT / "tests" / "heldout42"
    buyout = (folder / "ho42-buyout-hraunvik.txt").read_text(encoding="utf-8")
    found = by_content(buyout, "only nine of the 40")
    assert found.content.text.startswith("only nine of the 40 completed reassessments")
    assert found.source == "Hraunv\u00edkingar"
    conservancy = (folder / "ho42-conservancy-otjikaru.txt").read_text(encoding="utf-8")
    echo = by_content(conservancy, "demanding its 2024 and 2025 financial reports")
    assert echo.source == "Kunene Echo"
    assert echo.content.text.startswith("the ministry had written to the committee")
    assert not [a for a in extract(conservancy) if a.content.text.startswith("The weekly")]
    bank = by_content(conservancy, "a transfer of N$640 000")
    assert bank.cue is not None and bank.cue.text == "shows"


def test_a_reckoning_is_a_cue_and_a_plan_marks() -> None:
    farmer = one(
        "Tom Bell, whose family has farmed the valley for a century, reckons he has lost at "
        "least \u00a39,000 in crops."
    )
    assert farmer.content.text == "he has lost at least \u00a39,000 in crops"
    plan = one(
        "A 1958 subdivision plan for the farm marks a four-metre strip along the creek as "
        "\u201cpublic reserve\u201d."
    )
    assert plan.content.text.startswith("a four-metre strip along the creek as")
    assert extract("Supporters marked the anniversary with a march through the town.") == []


def test_a_cue_set_off_after_a_fronted_adverbial_reports_the_clause_after_it() -> None:
    text = "Last year, the mayor said, the city spent $2 million on roads."
    mayor = one(text)
    assert mayor.content.text == "the city spent $2 million on roads"
    assert mayor.source == "mayor"
    later = by_content(
        "Ms Reid said the dam was new. Before then, she said, she had never seen a beaver on "
        "the burn.",
        "never seen",
    )
    assert later.content.text == "she had never seen a beaver on the burn"


def test_a_copy_of_a_document_shows() -> None:
    copy = one("A copy of the contract shows the city agreed to pay $4 million.")
    assert copy.content.text == "the city agreed to pay $4 million"
    assert extract("She made a copy that shows nothing.") == []


def test_a_spokesperson_for_a_body_the_article_never_names_speaks_as_that_body() -> None:
    spokeswoman = one("A spokeswoman for the licensing authority said each complaint was checked.")
    assert (spokeswoman.source, spokeswoman.source_type) == ("licensing authority", "government")
    # not a body: the spokesman stays who he is
    assert one("A spokesman for the opposition said the vote was rigged.").source_type == "official"


def test_a_lament_is_a_cue() -> None:
    chief = one(
        "The head of the village, Chief Samuel Okafor, lamented that the school had been "
        "closed for a month."
    )
    assert chief.content.text == "the school had been closed for a month"
    assert chief.source == "Samuel Okafor"


def test_the_day_a_study_was_published_on_is_no_source() -> None:
    study = one(
        "Bee colonies lost half their foragers, according to a study published on Wednesday in "
        "the Journal of Pollinator Ecology."
    )
    assert study.via == () and study.source == "study"


def test_a_company_set_off_by_a_relative_clause_the_parser_misread_speaks() -> None:
    # "which has planning permission" parsed as a verb "planning" with the company its subject
    text = (
        "Oak felled\n\n"
        "A 400-year-old oak was cut down by contractors, residents of Pennock Green have told "
        "the Gazette.\n\n"
        "Redvale Homes, which has planning permission for 64 houses on the neighbouring field, "
        "said the tree had been \u201cdangerous and dying\u201d. It said it had acted on the "
        "advice of a consultant.\n"
    )
    dying = by_content(text, "dangerous and dying")
    assert dying.source == "Redvale Homes" and dying.source_type == "company"
    # the tagger took "Redvale Homes" for a person; "it" is still the company
    assert by_content(text, "acted on the advice").source == "Redvale Homes"


def test_according_to_after_a_noun_phrase_set_off_speaks_for_the_clause() -> None:
    # the parser hangs "according to" on "times", an adverbial noun phrase of "escaped"
    text = (
        "Salmon escape\n\n"
        "More than 50,000 farmed salmon escaped from a pen in the fjord during a storm on 14 "
        "October, five times the number the company has reported to regulators, according to "
        "the Vard River Owners Association.\n"
    )
    escaped = by_content(text, "five times the number")
    assert escaped.content.text.startswith("More than 50,000 farmed salmon escaped")
    assert escaped.source == "Vard River Owners Association"


def test_a_company_named_by_its_trade_is_a_company() -> None:
    # "Renewables", "Aqua", "Securities": names the tagger may take for people's
    text = (
        "Blades cracked\n\n"
        "Westmark Renewables said it had found cracks in three more blades.\n\n"
        "Nordhav Aqua said about 9,800 fish were lost.\n"
    )
    assert by_content(text, "found cracks").source_type == "company"
    assert by_content(text, "9,800 fish").source_type == "company"


_MARKS = (
    "Marks row\n\n"
    "Lecturers at Castlemere University were told to round up borderline marks, according to "
    "internal emails seen by The Chronicle.\n\n"
    "The share of firsts rose from 19 per cent to 41 per cent, according to data published by "
    "the Higher Education Standards Board. The board said it would look at the emails. It said "
    "its inquiry would take six weeks. Employers have long used degree classes to sift "
    "applications.\n\n"
    "Three lecturers, who asked not to be named, told The Chronicle they had been pressed to "
    "raise marks. One said she had been asked to look again at 14 dissertations. \u201cNobody "
    "ever orders you to change a mark,\u201d she said.\n\n"
    "Degree classes matter to employers. Graduates with firsts earn more. The gap has grown "
    "since 2015. Ministers have promised a review. The review has not started.\n\n"
    "The university said the claims were false.\n"
    "The university spin-off Veridex Diagnostics said its test was sound.\n"
)


def test_a_description_finds_the_name_ending_in_its_word_far_before_it() -> None:
    # "the university" is Castlemere University, named eleven sentences before, not the
    # board that spoke since
    found = by_content(_MARKS, "the claims were false")
    assert (found.source, found.source_type) == ("Castlemere University", "organisation")
    # the nearest noun before a name says what it is: a spin-off, not a university
    assert by_content(_MARKS, "its test was sound").source_type == "company"


def test_one_of_a_group_and_the_she_after_it_are_of_that_group() -> None:
    # "Three lecturers ... One said she ... '...,' she said": not The Chronicle they told
    assert by_content(_MARKS, "look again").source == "Three lecturers"
    assert by_content(_MARKS, "Nobody ever orders").source == "Three lecturers"


def test_a_refusal_joined_to_what_was_said_is_the_speakers() -> None:
    # the parser joins "declined" to "adjusted", inside what was said
    text = (
        "Drone\n\n"
        "An Aerolift spokesman said the company had adjusted the route in February but "
        "declined to say whether the new path still crossed the school grounds.\n"
    )
    said = by_content(text, "adjusted the route")
    assert said.content.text == "the company had adjusted the route in February"


def test_as_reported_by_an_outlet_attributes_the_clause_before_it() -> None:
    text = (
        "Drone\n\n"
        "The city had asked Aerolift in January to move its flights away from schools, as "
        "first reported by local broadcaster Radio Velmora.\n"
    )
    found = by_content(text, "move its flights")
    assert found.content.text == (
        "The city had asked Aerolift in January to move its flights away from schools"
    )
    assert found.source == "Radio Velmora"


def test_analysts_at_a_firm_the_tagger_missed_speak_for_the_firm() -> None:
    text = (
        "Turbines\n\n"
        "Analysts at Kerrow Securities estimated in a note to clients that replacing every "
        "blade could cost Brennic up to 180m pounds.\n"
    )
    found = by_content(text, "replacing every blade")
    assert found.source == "Kerrow Securities"
    # "clients that replacing every blade" was parsed as a relative clause of "clients": the
    # clause's subject is still what was said
    assert found.content.text.startswith("replacing every blade could cost")


def test_the_ledes_described_investigators_are_the_board_named_next() -> None:
    text = (
        "Drone\n\n"
        "VELMORA, Lusovia, March 4 (Reuters) - A parcel-delivery drone lost its satellite "
        "signal and fell onto the roof of a primary school last week, the country's air "
        "accident investigators said on Tuesday.\n\n"
        "No one was hurt in the crash, but pieces of the aircraft landed in the school "
        "playground, the Air Accident Investigation Board said in a preliminary report.\n"
    )
    lede = by_content(text, "lost its satellite signal")
    assert lede.source == "Air Accident Investigation Board"


def test_who_after_a_description_and_a_name_is_the_name() -> None:
    text = (
        "Hazing\n\n"
        "Her account was echoed by another parent, Tom Albers, who said his son had been made "
        "to stand under a shower in his clothes.\n"
    )
    found = by_content(text, "stand under a shower")
    assert (found.source, found.source_type) == ("Tom Albers", "person")


def test_its_report_is_that_of_the_clauses_subject() -> None:
    # "its" is Brennic's, the subject of what the report vouches for, not the institution
    # that spoke last
    text = (
        "Turbines\n\n"
        "The Offshore Safety Executive said it had opened an investigation. Brennic supplies "
        "turbines to 14 offshore wind farms in northern Europe, according to its latest annual "
        "report.\n"
    )
    # (Brennic's report: a document of Brennic's, an origin of its own)
    found = by_content(text, "14 offshore wind farms")
    assert (found.source, found.source_type) == ("Brennic report", "document")


def test_the_byline_under_the_headline_is_nobody_a_description_points_at() -> None:
    text = (
        "Zorvane shares slide as outage enters fifth day\n\n"
        "By Nadia Forsythe, Banking Correspondent\n\n"
        "Shares in Zorvane fell 9 per cent on Friday after the lender admitted that more than "
        "200,000 customers still could not log in to its mobile app.\n"
    )
    assert by_content(text, "200,000 customers").source != "Nadia Forsythe"


def test_a_mutual_is_a_company() -> None:
    text = (
        "Outage\n\n"
        "Shares in Calder Mutual fell 9 per cent on Friday after the lender admitted that more "
        "than 200,000 customers still could not log in to its mobile app.\n"
    )
    found = by_content(text, "200,000 customers")
    assert (found.source, found.source_type) == ("Calder Mutual", "company")


def test_the_one_said_to_have_told_is_the_speaker() -> None:
    text = (
        "Outage\n\n"
        "Chief executive Ruth Galloway is reported to have told staff in an internal message "
        "on Wednesday that the switch had been brought forward by three weeks.\n"
    )
    found = by_content(text, "brought forward")
    assert found.source == "Ruth Galloway"
    assert found.content.text == "the switch had been brought forward by three weeks"


def test_told_in_a_phone_call_that_is_what_was_told() -> None:
    # the parser hung "that she had ..." on "call" as a relative clause
    text = (
        "Shelter\n\n"
        "Oyelaran's predecessor, Gail Thurman, who retired in 2023, told the Courier in a brief "
        "phone call that she had never once been asked to make the numbers look good.\n"
    )
    found = by_content(text, "never once been asked")
    assert found.content.text == "she had never once been asked to make the numbers look good"
    assert found.source == "Gail Thurman"


def test_being_told_is_no_cue_of_ones_own() -> None:
    text = (
        "Shelter\n\n"
        "Commissioner Linda Garrow said she had asked about transfers at two budget hearings "
        "and been told both times that every dog had been accounted for.\n"
    )
    found = by_content(text, "every dog had been accounted for")
    assert found.source == "Linda Garrow" and found.cue is not None and found.cue.text == "said"
    assert found.content.text.endswith("every dog had been accounted for")


def test_the_outlet_that_saw_a_document_is_not_its_name() -> None:
    text = (
        "Whales died on Skerra.\n\n"
        "A preliminary post-mortem report on two of the whales, seen by the BBC, found "
        "bleeding in the inner ears of both animals.\n"
    )
    report = by_content(text, "bleeding in the inner ears")
    assert report.source == "preliminary post-mortem report on two of the whales"
    assert report.source_type != "media"
    # the outlet passed the document on
    assert [(h.name, h.role) for h in report.chain][-1] == ("the BBC", "relay")


def test_a_cue_the_tagger_took_for_a_noun_before_a_that_clause() -> None:
    # "state" an apposition of "terms"; "record" a noun with "Minutes" hung on it
    terms = one(
        "Veltra's warranty terms, published on its website, state that only authorised dealers "
        "may install software."
    )
    assert terms.speaker.text == "Veltra's warranty terms"
    assert terms.content.text == "only authorised dealers may install software"
    minutes = one(
        "Minutes of a board meeting in March 2021, which the Examiner has seen, record that "
        "trustees approved \u201ca strategic review\u201d with a budget of \u00a315,000."
    )
    assert minutes.content.text.startswith("trustees approved")  # not "that trustees"
    assert minutes.speaker.text.startswith("Minutes of a board meeting")


def test_a_surname_named_first_in_an_untagged_apposition_is_a_person() -> None:
    text = (
        "Zoo row\n\n"
        "A veterinarian who volunteered at the zoo until June, Dorota Vell, said she had seen "
        "Tula lying down for long periods as early as May.\n\n"
        '"I was told it was her age," Vell said.\n'
    )
    told = by_content(text, "I was told it was her age")
    assert told.source_type == "person"


def test_a_that_clause_after_an_occasion_is_what_was_said() -> None:
    # the parser makes "that ..." a relative clause of "the trial"
    told = one(
        "They told the court during the trial that their clients had acted in good faith on "
        "instructions from the management."
    )
    assert told.content.text.startswith("their clients had acted in good faith")
    assert told.cue is not None and told.cue.text == "told"


def test_a_written_notice_reads_what_it_quotes() -> None:
    notice = one(
        "The notice, posted on the utility's website, reads: \"There is no evidence that "
        'anyone has become ill."'
    )
    assert notice.speaker is not None and notice.speaker.text == "The notice"
    assert notice.cue is not None and notice.cue.text == "reads"
    # with no quoted words and no clause it says nothing
    assert extract("The sign reads like a warning to drivers.") == []


def test_relays_a_broadcast_a_credit_and_a_speaker_telling_what_she_was_told() -> None:
    aired = one(
        "The Health Ministry said in a statement read on state television that 57 cases "
        "had been confirmed."
    )
    assert aired.source == "Health Ministry" and aired.via == ("state television",)
    credited = one(
        "Business broadcaster CNX said the firm would cut 2,000 roles, attributing the figure "
        "to The Stackline."
    )
    assert credited.content.text == "the firm would cut 2,000 roles"
    assert credited.via == ("The Stackline",)
    text = (
        "Dunmore's mayor, Alison Greaves, told the BBC the company had informed her on "
        "Wednesday that the office would shut by the end of June.\n"
    )
    inner = next(a for a in extract(text) if a.content.text.startswith("the office would"))
    assert inner.via == ("Alison Greaves",)
    assert [h.role for h in inner.chain] == ["origin", "relay"]
    outer = by_content(text, "informed her")
    assert outer.via == ()


def test_an_accusation_whose_of_the_parser_hung_on_the_accused() -> None:
    found = one("The minister accused aid groups of encouraging the crossings.")
    assert found.content.text == "aid groups of encouraging the crossings"
    assert found.stance == "accusing"


def test_a_count_given_as_someones_figure_is_theirs() -> None:
    toll = one("Local health officials put the death toll at 34.")
    assert toll.content.text == "the death toll at 34"
    assert toll.source == "Local health officials"
    assert one("The ministry raised the death toll to 40 on Monday.").source == "ministry"
    assert extract("The crisis put pressure on the government.") == []


def test_a_landlord_named_like_a_company_is_a_company() -> None:
    found = one("Her landlord, Fellside Estates, says the increase reflects the market.")
    assert found.source == "Fellside Estates" and found.source_type == "company"


def test_a_closing_cue_the_parser_joined_to_the_statement_as_a_second_verb() -> None:
    # the parser makes "said" a conjunct of "ordered"; with a comma and no "and" between
    # them, the cue closes the statement
    text = (
        "The regional inspectorate has ordered the mine closed pending an investigation, "
        "its director, Helena Vorn, said in a post on X."
    )
    a = one(text)
    assert a.content.text.startswith("The regional inspectorate has ordered the mine closed")
    assert a.source == "Helena Vorn"
    joined = "The mine was closed and its director said it would reopen."
    assert all("The mine was closed" not in a.content.text for a in extract(joined))


def test_the_statement_with_no_statement_named_before_is_the_institution_that_spoke_last() -> None:
    text = (
        "Marrow Valley Health confirmed on Tuesday that it had been hit by a cyber incident. "
        "It said clinical systems had been fully restored on Sunday.\n\n"
        '"We are working urgently to establish what patient data has been accessed," the '
        "statement said.\n"
    )
    a = by_content(text, "working urgently")
    assert a.source == "Marrow Valley Health"


def test_that_before_the_subject_of_a_reported_clause_is_no_part_of_it() -> None:
    a = one("Kestrel Energy said in a filing with regulators that its profits had fallen by half.")
    assert a.content.text == "its profits had fallen by half"


def test_an_aside_opened_by_as_says_the_clause_around_it() -> None:
    a = one("As the mayor put it, the bridge is finished.")
    assert a.content.text == "the bridge is finished"
    assert a.source is not None and "mayor" in a.source
    assert a.cue is not None and a.cue.text == "put"
    # a prediction that came true is the reporter's fact, not the analysts' words
    assert extract("Prices rose, as analysts had predicted.") == []


def test_a_cue_whose_that_clause_the_parser_made_its_head() -> None:
    # the parser makes "found" the root and "reported" its complement: the outlet reports
    # what comes after "that", through the sources it cites
    a = one(
        "Public broadcaster BTV reported, citing sources in the prosecutor's office, that "
        "investigators had found 600,000 solen in cash at Mr Halloran's home."
    )
    assert a.content.text.startswith("investigators had found 600,000 solen")
    assert a.source == "BTV"
    assert a.via == ("sources in the prosecutor's office",)


def test_a_claim_of_what_was_done_in_a_perfect_infinitive() -> None:
    a = one("A ransomware gang has claimed to have stolen the records of 400,000 patients.")
    assert a.content.text == "to have stolen the records of 400,000 patients"
    assert a.stance == "distancing"
    assert extract("The minister told him to have the report ready by Friday.") == []


def test_a_that_clause_hung_on_a_phrase_after_the_cues_adverb() -> None:
    a = one(
        "Detective Sergeant Owen Price, of Eastbridge Police, told the court earlier in the "
        "trial that officers had found traces of petrol on a pair of trainers."
    )
    assert a.content.text.startswith("officers had found traces of petrol")


def test_rejecting_a_plan_is_a_decision_not_a_denial() -> None:
    # "rejected the allegations" answers words; "rejected the proposal" decides on a plan
    denial = one("The company rejected the allegations.")
    assert denial.stance == "denial" and denial.content.text == "the allegations"
    assert extract("The council rejected the proposal for a new stadium on Monday.") == []
    assert extract("Riverside stadium plan rejected by councillors") == []
    assert extract("A judge dismissed the lawsuit in March.") == []


def test_a_companys_reported_results_are_its_accounts_not_its_words() -> None:
    text = (
        "Copper Lantern, owned by the private equity firm Halberd Capital since 2020, reported "
        "revenue of £118m in its most recent accounts."
    )
    assert extract(text) == []
    assert extract("The chain reported a pre-tax loss of £4m for the year.") == []
    assert extract("Sarlot reported ticket sales of 2.3 billion korun last year.") == []
    deaths = one("The ministry reported 12 deaths on Monday.")  # a count it gives: its words
    assert deaths.content.text == "12 deaths"


def test_a_surname_the_tagger_calls_a_nationality_is_the_person() -> None:
    # the tagger labels the bare "Santangeli" NORP; it is the agent named before, not a
    # vague group of people
    text = (
        "The coach's agent, Luca Santangeli, said the story was false. "
        '"Nobody has called us," Santangeli wrote in the post.'
    )
    second = by_content(text, "Nobody has called us")
    assert second.source == "Santangeli" and second.source_type == "person"


def test_analysts_at_a_named_firm_give_the_firms_word() -> None:
    # a plural of people at a named organisation is that organisation, not a vague group;
    # residents of a place stay vague
    analysts = one("Analysts at Bergmann Securities said the fine would cut revenue by 6%.")
    assert analysts.source == "Bergmann Securities" and analysts.source_type == "organisation"
    residents = one("Residents of Orun said the water rose within minutes.")
    assert residents.source_type == "vague"
    parents = one("Parents at Moorside Primary School said the children were kept inside.")
    assert parents.source_type == "vague"


def test_a_statement_the_parser_hangs_on_the_cue_as_an_unknown_dependent() -> None:
    # the parser makes "floods" a "dep" of "said" and "killed" a clause of "tore": the
    # words before ", the ... ministry said" are still what the ministry said
    text = (
        "Flash floods that tore through villages in northern Valdora after three days of "
        "torrential rain have killed at least 58 people, the country's disaster management "
        "ministry said Sunday, as rescuers dug through mud."
    )
    found = one(text)
    assert found.content.text.endswith("have killed at least 58 people")
    assert found.speaker is not None and found.speaker.text.endswith("ministry")


def test_a_multiword_name_is_not_shortened_to_a_lone_word_named_elsewhere() -> None:
    # in this article the tagger leaves "Quillon Falls Memorial Hospital" untagged and takes
    # a later "Hospital" (in "Hospital spokesman Ben Ashdown") for an organisation on its own:
    # the subject is still the whole name, not the lone word
    text = (ROOT / "tests" / "heldout9" / "ho9-wedding-quillon.txt").read_text(encoding="utf-8")
    treated = by_content(text, "treated 31 people")
    assert treated.source == "Quillon Falls Memorial Hospital"


def test_an_organisations_name_ends_at_its_possessive() -> None:
    # the tagger takes "Kestrel Compute's Brenmoor" (data centre) for one organisation;
    # "Kestrel said" later is Kestrel Compute
    path = ROOT / "tests" / "heldout9" / "ho9-datacentre-brenmoor.txt"
    appeal = by_content(path.read_text(encoding="utf-8"), "would appeal the decision")
    assert appeal.source == "Kestrel Compute"


def test_it_is_who_the_sentence_before_is_about_not_the_platform() -> None:
    # "on Telegram" is the medium; "it" is the military the sentence before is about, not
    # the ministry that spoke before that
    text = (
        "Israeli strikes killed 14 people, the health ministry said.\n\n"
        "The Israeli military gave a different account. In a statement posted on Telegram, "
        "it said its jets had struck a weapons depot."
    )
    depot = by_content(text, "weapons depot")
    assert depot.source == "Israeli military"


def test_company_names_by_their_last_word() -> None:
    names = ("Velmar Air", "Altamira Minerals", "Helix Orbital", "Brightmoor FC")
    # names the tagger takes for people: an amusement-ride operator, a fishing firm
    for name in (*names, "Kessel Amusements", "Nordhaven Seafoods", "Tristate Analytics"):
        found = one(f"{name} said the figures had been checked twice.")
        assert found.source == name and found.source_type == "company", name


def test_which_after_a_document_seen_by_an_outlet_is_the_document() -> None:
    text = (
        "All 11 children had received doses from a single batch, according to a ministry "
        "document seen by Reuters, which said the batch had been kept at a warehouse where a "
        "refrigerator failed."
    )
    kept = by_content(text, "kept at a warehouse")
    assert kept.source == "ministry document"


def test_an_institution_described_is_not_the_person_named_with_it() -> None:
    # "the regional emergency service" is not "emergency service spokesman Dario Kessel"
    text = (
        "A freight train derailed near Brasko on Wednesday, the regional emergency service "
        "said.\nNo one was killed, according to emergency service spokesman Dario Kessel."
    )
    derailed = by_content(text, "freight train derailed")
    assert derailed.source == "regional emergency service"


def test_she_is_the_person_asked_in_the_sentence_before() -> None:
    text = (
        "A former admissions officer said the list existed, she said.\n"
        "At a news conference, university President Helen Vasquez-Orr was asked whether she "
        'had seen the list.\n"There is no list," she said.'
    )
    answer = by_content(text, "There is no list")
    assert answer.coref is not None and answer.coref.text.endswith("Helen Vasquez-Orr")


def test_a_request_not_to_be_named_is_no_statement_and_makes_the_source_anonymous() -> None:
    text = (
        "A librarian at Wescott North High School, who asked that her name not be used, said "
        "she had been ordered to take 22 books off the shelves. She said no one had explained "
        "which complaint applied to which book.\n"
    )
    found = extract(text)
    assert [a.content.text for a in found] == [
        "she had been ordered to take 22 books off the shelves",
        "no one had explained which complaint applied to which book",
    ]
    # the name after "librarian" says where she works: "She" is still the librarian
    assert [(a.source, a.source_type) for a in found] == [
        ("librarian at Wescott North High School", "anonymous"),
    ] * 2
    # a longer statement that mentions anonymity along the way is kept
    told = by_content(
        "A technician, who said she was not one of his sources and spoke on condition of "
        "anonymity, told the paper she saw him push the assistant.",
        "not one of his sources",
    )
    assert told.cue is not None and told.cue.text == "said"


def test_a_board_chair_is_the_she_who_speaks_next() -> None:
    text = (
        "Superintendent Raymond Kiley said the 14 titles were the only books removed.\n"
        "Board chair Gail Hendricks denied that the removals had anything to do with politics. "
        '"This is about age-appropriate material," she said.\n'
    )
    said = by_content(text, "age-appropriate")
    assert said.source == "Gail Hendricks"


def test_a_name_set_off_at_the_end_of_a_long_description_is_the_speaker() -> None:
    text = (
        "Kaleh, a rebel spokesman, said the group had no fighters there. A doctor at the only "
        "clinic in nearby Tasbur, Nadim Orak, told AFP that he had received 11 bodies. "
        '"I did not see a single person in uniform," he said.\n'
    )
    bodies = by_content(text, "11 bodies")
    assert (bodies.source, bodies.source_type) == ("Nadim Orak", "person")
    assert by_content(text, "single person in uniform").source == "Nadim Orak"


def test_one_of_them_is_one_of_the_people_cited_before() -> None:
    text = (
        "The Esker Business Journal reported on Friday, citing two people who have seen the "
        "company's internal accounts, that Vaultline held less than a quarter of the assets it "
        'owed customers. One of them said senior staff had been warned "at least twice."\n'
    )
    warned = by_content(text, "senior staff")
    assert (warned.source, warned.source_type) == ("two people", "anonymous")


def test_who_after_a_place_is_the_person_before_it_and_the_next_quote_is_theirs() -> None:
    text = (
        '"I put everything in there because they were licensed," said Jonas Reiter, a '
        "34-year-old nurse in the capital who said he had about $60,000 on the platform. "
        '"I feel like an idiot."\n'
    )
    assert by_content(text, "$60,000").source == "Jonas Reiter"
    idiot = by_content(text, "idiot")
    assert idiot.source == "Jonas Reiter" and idiot.speaker.text == "Jonas Reiter"


def test_who_after_a_named_place_is_the_person_before_it() -> None:
    text = (
        '"I was on hold for three hours," said Marcus Inwood, a self-employed electrician from '
        "Dunmere, who said his mortgage payment had been taken twice.\n"
    )
    assert by_content(text, "mortgage payment").source == "Marcus Inwood"


def test_hundreds_of_a_group_are_that_group_not_a_number() -> None:
    a = one("Hundreds of customers have complained that they cannot reach the bank by phone.")
    assert a.source == "Hundreds of customers"


def test_a_body_described_in_the_lede_is_not_another_kind_named_after_it() -> None:
    text = (
        "The agriculture ministry denied that the cull had been delayed.\n"
        "Halden Foods denied that it had sold infected birds.\n"
    )
    assert by_content(text, "the cull had been delayed").source == "agriculture ministry"


def test_an_acronym_after_a_capitalised_article_expands_to_the_name() -> None:
    text = (
        "The Coastal Rescue Trust (CRT) says its Porthellan station will shut in October.\n\n"
        "The CRT says recruitment was paused during a national review.\n"
    )
    assert by_content(text, "recruitment was paused").source == "Coastal Rescue Trust"


def test_a_date_hung_on_the_speaker_is_not_part_of_who_spoke() -> None:
    regulator = one(
        "Carvenia's medicines regulator on Tuesday ordered pharmacies to pull the drug, saying "
        "tests had found an impurity."
    )
    assert regulator.speaker.text == "Carvenia's medicines regulator"
    parents = one("Parents in Kerrow said they had not been told about side effects.")
    assert parents.speaker.text == "Parents in Kerrow"


def test_he_is_never_a_group_of_officials() -> None:
    text = (
        "Seven miners were trapped underground on Wednesday, regional rescue officials said.\n\n"
        "Two other workers were killed, said Pablo Estrada, the head of the Corrow province "
        "emergency service.\n\n"
        "He said rescuers hoped to drill a borehole by Friday.\n"
    )
    drill = by_content(text, "borehole")
    assert drill.source != "regional rescue officials"


def test_a_clause_before_a_semicolon_is_not_what_the_next_clause_says() -> None:
    found = extract(
        "Vaultline freezes withdrawals as $1.3 billion hole emerges; founder blames hackers\n\n"
        "The exchange said it would reopen soon.\n"
    )
    assert not any("freezes withdrawals" in a.content.text for a in found)


def test_a_lone_name_is_the_company_it_begins_elsewhere() -> None:
    text = (
        "Helix Orbital's Orvane-2 rocket lost its second stage about four minutes after lifting "
        "off from the Kerrow Point spaceport on Thursday, the company said. Helix engineers told "
        "Reuters the engine had shown an anomaly. Helix said it expected to return to flight "
        '"within months, not years".\n'
    )  # the tagger takes neither for an organisation here
    back = by_content(text, "return to flight")
    assert (back.source, back.source_type) == ("Helix Orbital", "company")
    lost = by_content(text, "lost its second stage")  # "the company" is the one it names
    assert (lost.source, lost.source_type) == ("Helix Orbital", "company")


def test_an_agency_of_the_state_is_no_news_agency() -> None:
    # under a Reuters dateline, "the national environment agency" is not Reuters; "the state
    # news agency" still is a news agency
    text = (
        "CORVALLE, Ardesia, Oct 3 (Reuters) - Residents blocked the road on Tuesday.\n\n"
        "The national environment agency said its own samples showed arsenic above the limit.\n"
    )
    agency = next(a for a in extract(text) if "samples" in a.content.text)
    assert agency.source == "national environment agency"
    assert agency.source_type == "government"
    news = one("The state news agency TNA reported that the president would visit the site.")
    assert news.source_type in ("media", "state media")


def test_a_trailing_citing_names_the_origin_but_not_a_reason() -> None:
    tna = one(
        "The state news agency TNA reported that President Anwar Delko would visit the site "
        "next week, citing an official in his office."
    )
    assert tna.content.text == "President Anwar Delko would visit the site next week"
    assert tna.via == ("an official in his office",)
    reason = one("The ministry said troops had withdrawn from the town, citing security concerns.")
    assert reason.via == ()


def test_hundreds_of_residents_are_typed_as_residents() -> None:
    a = one(
        "Hundreds of residents of the mining town of Corvalle blocked the road on Tuesday, "
        "saying waste from the mine had turned the river orange."
    )
    assert a.source_type == "vague"


def test_says_that_with_no_clause_parsed_after_it_still_gives_what_was_said() -> None:
    # the parser makes "Varga" a second subject of "says" and no clause of the rest
    a = one(
        "The report, which the Chronicle has seen, says that Anton Varga, 58, shouted abuse "
        "at individual players “on at least 30 occasions” between 2019 and 2023."
    )
    assert a.speaker is not None and a.speaker.text == "The report"
    assert a.content.text.startswith("Anton Varga, 58, shouted abuse")


def test_its_officer_is_an_official_one_can_call_back_an_officer_is_anonymous() -> None:
    its = one(
        "The fund lost $410 million on one bet, its chief investment officer told the Journal."
    )
    assert its.source_type == "official"
    an = one("The fund lost $410 million on one bet, an officer told the Journal.")
    assert an.source_type == "anonymous official"


def test_a_closing_cue_after_two_joined_verbs_gives_both_as_what_was_found() -> None:
    found = extract(
        "The principal conductor repeatedly humiliated musicians in rehearsals and threatened "
        "the jobs of those who complained, an investigation commissioned by the orchestra has "
        "found."
    )
    assert [(a.speaker.text if a.speaker else None, a.content.text) for a in found] == [
        (
            "an investigation",
            "The principal conductor repeatedly humiliated musicians in rehearsals and "
            "threatened the jobs of those who complained",
        )
    ]


def test_a_lone_name_of_a_partnership_named_before_is_a_company() -> None:
    found = extract(
        "He insisted, however, that the investment had been “properly vetted” by the fund’s "
        "outside consultant, Tallis Partners.\n\n"
        "Tallis said in an email that its role had been “advisory only” and that the final "
        "decision rested with the fund’s staff and trustees.\n"
    )
    tallis = next(a for a in found if "advisory" in a.content.text)
    assert tallis.source_type == "company"


def test_a_participle_speaks_with_its_clauses_subject_not_the_noun_before_its_comma() -> None:
    # "saying" hangs on "refused": the gallery says it, not the mask a relative clause
    # describes just before the comma
    a = by_content(
        "The Harwell Gallery of Modern Art on Monday refused to return a bronze mask that "
        "Ostrava says was stolen by soldiers in 1911, saying records in its archive show the "
        "mask was bought legally.",
        "records in its archive",
    )
    assert a.speaker is not None and a.speaker.text == "The Harwell Gallery of Modern Art"


def test_the_company_is_the_named_company_whose_last_word_the_tagger_takes_for_a_noun() -> None:
    # "Seafoods" is tagged a noun: the name is still a company's, and "the company" is it,
    # not the coast guard that spoke most
    text = (
        "PORT ELLIS, March 4 (Reuters) - Ostland's coast guard seized a foreign trawler inside "
        "a marine reserve on Sunday, the coast guard said.\n\n"
        "The trawler is owned by Nordhaven Seafoods, according to the ship registry.\n\n"
        "Nordhaven Seafoods, which owns six trawlers, said in a statement that the ship had "
        'been "in transit" to fishing grounds further south.\n\n'
        '"The vessel did not fish in the reserve," the company said.'
    )
    firm = by_content(text, "in transit")
    assert (firm.source, firm.source_type) == ("Nordhaven Seafoods", "company")
    quote = by_content(text, "did not fish")
    assert (quote.source, quote.source_type) == ("Nordhaven Seafoods", "company")


def test_a_name_given_an_age_is_a_person_whatever_the_tagger_says() -> None:
    # the tagger takes "Vera Holub" for an organisation and the dateline's country for a
    # person: "67" makes her a person, and "She" is her
    text = (
        "DOLNA BRESKA, Lovenia (AP) - A sinkhole swallowed two houses in the village early "
        "Sunday.\n\n"
        "\"We heard the pumps every night for a year. Now my neighbor's house is at the bottom "
        'of a hole," said Vera Holub, 67, whose own house stands about 30 meters from the '
        "edge. She said residents had complained to the district council about cracks in walls "
        "since last spring.\n"
    )
    quote = by_content(text, "We heard the pumps")
    assert (quote.source, quote.source_type) == ("Vera Holub", "person")
    assert by_content(text, "residents had complained").source == "Vera Holub"


def test_a_sum_in_millions_ends_its_sentence_so_the_next_one_parses_alone() -> None:
    # "£1.5m." is one token ("m." keeps its full stop), and the parser ran the chain into the
    # next sentence: the content began "citing two people ..." and the outlet was the origin
    text = (
        "The Saleroom Review reported on Monday, citing two people involved in the sale, that "
        "a private collector in Corvell had agreed to guarantee the consignors a minimum price "
        "of \u00a31.5m. Harrowgate & Lyle declined to comment on any guarantee.\n"
    )
    chain = by_content(text, "a private collector")
    assert chain.content.text.startswith("a private collector in Corvell")
    assert chain.content.text.endswith("\u00a31.5m")
    assert [(h.name, h.role) for h in chain.chain][0] == ("two people", "origin")


def test_a_time_before_a_day_stays_in_its_sentence() -> None:
    from provenance.nlp import parse

    doc = parse(
        "Polls close at 9 p.m. Friday, officials said. Counting starts at 10 p.m. The count"
    )
    starts = [s.text for s in doc.sents]
    assert starts[0] == "Polls close at 9 p.m. Friday, officials said."
    assert starts[-1] == "The count"


def test_according_to_closing_a_coordination_speaks_for_all_of_it() -> None:
    # the parser made "painted" a second clause of "fined"; "according to" hangs on it
    text = (
        "At least 14 homeowners have been fined since March for violations ranging from trash "
        "cans left in view to a mailbox painted the wrong shade of gray, according to fine "
        "notices reviewed by the Ledger.\n"
    )
    notices = by_content(text, "wrong shade")
    assert notices.content.text.startswith("At least 14 homeowners have been fined")
    assert notices.speaker is not None and notices.speaker.text == "fine notices"


def test_according_to_closing_what_a_cue_reports_is_its_relay_not_another_attribution() -> None:
    text = (
        'A spokesman for the health ministry said the government "does not negotiate with '
        "criminals\" and would cover the cost of restoring the hospitals' systems, according to "
        "the national broadcaster RTN.\n"
    )
    found = extract(text)
    assert len(found) == 1
    assert found[0].speaker is not None and found[0].speaker.text.startswith("A spokesman")
    assert ("the national broadcaster RTN", "relay") in [(h.name, h.role) for h in found[0].chain]


def test_a_record_cue_taken_for_a_noun_at_the_end_of_a_long_sentence() -> None:
    text = (
        "The association placed a lien on the home of another resident, Marcus Obi, in June "
        "after he refused to pay $900 in fines, Kessler County property records show.\n"
    )
    records = by_content(text, "placed a lien")
    assert records.content.text.startswith("The association placed a lien")
    assert records.content.text.endswith("$900 in fines")
    assert records.speaker is not None
    assert records.speaker.text == "Kessler County property records"


def test_a_video_posted_by_someone_is_the_record_that_shows_not_their_words() -> None:
    text = (
        "A video of that meeting, posted by a resident in a neighborhood Facebook group, shows "
        "at least eight of the fined homeowners speaking against the assessment.\n"
    )
    found = extract(text)
    assert [(a.speaker.text if a.speaker else None, a.content.text) for a in found] == [
        (
            "A video of that meeting",
            "at least eight of the fined homeowners speaking against the assessment",
        )
    ]


def test_a_newsletter_named_after_its_description_is_media_not_a_person() -> None:
    # the recogniser takes "Freight Signal" for a person: the description says what it is
    text = (
        "The industry newsletter Freight Signal reported on Tuesday that the authority had "
        "modelled a loss of up to 15% of container transits.\n"
    )
    found = by_content(text, "modelled a loss")
    assert (found.source, found.source_type) == ("Freight Signal", "media")


@pytest.mark.parametrize(
    ("text", "needle", "speaker"),
    [
        (
            "An internal presentation seen by this site, dated January, shows that Dashly "
            "expected the new formula to cut its courier costs by \u00a341m a year.\n",
            "expected the new formula",
            "An internal presentation",
        ),
        (
            "An email exchange seen by the Gazette shows that a race official approved the "
            "proposed detour.\n",
            "race official",
            "An email exchange",
        ),
        (
            "A timeline compiled by the council's emergency planning team, which has been seen "
            "by the Chronicle, shows the alert was sent at 8.02am.\n",
            "the alert was sent",
            "A timeline",
        ),
        (
            "Two invoices seen by The Sentinel, addressed to Fenwick & Lowe and dated June and "
            "September last year, show payments totalling \u00a318,000 to a freelance writer for "
            "\u201cmanuscript development\u201d.\n",
            "payments totalling",
            "Two invoices",
        ),
        (
            "Photographs of the stump taken by residents and seen by the Gazette show pale, "
            "solid timber with a single small cavity near the bark.\n",
            "solid timber",
            "Photographs of the stump",
        ),
        (
            "The tests, carried out by the Brevik Isotope Laboratory, found traces of "
            "caesium-137 in all six bottles that were opened.\n",
            "traces of caesium-137",
            "The tests",
        ),
        (
            "CCTV from the village post office, seen by The Sun, shows two figures in dark "
            "hoodies walking along the High Street.\n",
            "two figures in dark hoodies",
            "CCTV",
        ),
        (
            "Log books kept at the station, seen by the BBC, record 16 launches in the same "
            "year.\n",
            "16 launches",
            "Log books",
        ),
        (
            "A valuation report for the Plough, seen by Pub Trade Weekly, assumes weekly food "
            "takings of \u00a39,200, more than three times the pub\u2019s average.\n",
            "weekly food takings",
            "A valuation report for the Plough",
        ),
        (
            "Learner drivers are paying up to \u00a3300 for test appointments that cost \u00a362 "
            "to book because automated software snaps up almost every new slot, according to "
            "driving instructors in the Hallowmere region.\n",
            "Learner drivers are paying",
            "driving instructors in the Hallowmere region",
        ),
    ],
)
def test_documents_and_groups_whose_cue_the_parser_hides(
    text: str, needle: str, speaker: str
) -> None:
    found = by_content(text, needle)
    assert found.speaker is not None and found.speaker.text == speaker


def test_a_tabloid_cue_after_a_quotation_names_the_person_after_it() -> None:
    # "fumed" is no speech verb to the parser: it took the speaker for its object
    text = (
        "\u201cWhoever did this knew exactly what they were doing,\u201d fumed the "
        "chairwoman, Pauline Oakes, 71.\n\n"
        "\u201cWe\u2019ve spent eight months and \u00a36,000 on those flowers.\u201d\n"
    )
    first, second = extract(text)
    assert first.cue is not None and first.cue.text == "fumed"
    assert first.source == "Pauline Oakes"
    assert second.source == "Pauline Oakes"  # the next paragraph's quotation continues her
    assert first.stance == "asserting"


def test_described_as_a_quotation_when_the_parser_reads_the_object_as_a_time() -> None:
    # "this season" parsed as a time adverbial and the quotation hung elsewhere
    text = (
        "Winters have warmed by 1.8 degrees since 1960, said Irena Vogt, a climatologist at "
        'the institute, who described this season as "exceptional, but no longer '
        'unthinkable".\n'
    )
    found = by_content(text, "exceptional")
    assert found.content.text == 'this season as "exceptional, but no longer unthinkable"'
    assert found.source == "Irena Vogt"


def test_a_dateline_stands_alone_so_the_lead_parses_as_a_sentence() -> None:
    # with the dateline in it, the parser took the place for the lead's root and the inverted
    # "residents ... say" was lost behind the headline and byline
    text = (
        "Sinkhole swallows 2 homes\n\nBy Tomasz Reiner\n\n"
        "DOLNA BRESKA, Lovenia (AP) \u2014 A sinkhole that swallowed two houses in this hillside "
        "village early Sunday was caused by a limestone quarry pumping groundwater out of the "
        "rock beneath it, residents and an independent geologist say, but the quarry\u2019s owner "
        "blames weeks of heavy rain.\n"
    )
    lead = by_content(text, "limestone quarry")
    assert lead.content.text.startswith("A sinkhole that swallowed")
    assert (
        lead.speaker is not None and lead.speaker.text == "residents and an independent geologist"
    )


def test_a_trust_spoken_of_far_from_its_name_and_its_officer_are_that_trust() -> None:
    from provenance.api import extract_document
    from provenance.origins import statement_origins
    from provenance.rules import load_rules

    rules = load_rules()
    path = ROOT / "tests" / "heldout29" / "ho29-beavers-glenmorven.txt"
    doc = extract_document(path.read_text(encoding="utf-8"), "beavers", rules=rules)
    offered = next(a for a in doc.attributions if "offered in March" in a.content.text)
    assert offered.source == "Morven Beaver Trust"
    brodie = next(i for i, a in enumerate(doc.attributions) if a.source == "Isla Brodie")
    assert statement_origins(doc, brodie, rules)[0].name == "Morven Beaver Trust"


def test_said_in_a_statement_then_a_clause_without_that_is_what_was_said() -> None:
    # the parser made "it had withheld ..." a relative clause of "a statement"
    text = (
        "Play ended on Sunday.\n\n"
        "The federation, which organized the event, said in a statement it had withheld the "
        "P150,000 first prize and the title norm pending a review by its fair-play panel.\n"
    )
    found = by_content(text, "withheld")
    assert found.content.text.startswith("it had withheld the P150,000 first prize")
    assert found.speaker is not None and found.speaker.text == "The federation"
    # a clause about the statement itself is no content: what follows "that" is
    issued = by_content(
        "Play ended.\n\nThe firm said in a statement it issued on Monday that the plant was "
        "safe.\n",
        "plant",
    )
    assert issued.content.text == "the plant was safe"
    # "that" hung on the clause that gives the interview
    gave = by_content(
        "Rain fell.\n\nShe said in an interview she gave in May that nothing had changed.\n",
        "nothing",
    )
    assert gave.content.text == "nothing had changed"
    assert gave.speaker is not None and gave.speaker.text == "She"


def test_a_copy_of_a_record_lists_what_the_record_lists() -> None:
    # "lists" tagged a noun, with a subject and an object; the subject a copy of the record
    text = (
        "The couple sued in May.\n\n"
        "A copy of the clinic\u2019s treatment record, seen by The Irish Times, lists C-114 as "
        "the donor used at the insemination.\n"
    )
    found = by_content(text, "C-114")
    assert found.content.text == "C-114 as the donor used at the insemination"
    assert found.cue is not None and found.cue.text == "lists"
    assert not extract("The couple sued.\n\nShe made a copy that lists nothing.\n")


def test_records_name_identify_and_place_but_people_who_do_so_say_nothing() -> None:
    text = (
        "The ship has been at anchor since March.\n\n"
        "Copies of two of the agreements, seen by Lloyd\u2019s List, name Seastead Ship "
        "Management as employer.\n\n"
        "Data from the collar places the lion about 300m inside the reserve at 05:58.\n\n"
        "Phone records place him in Leeds on the night of the fire.\n"
    )
    named = by_content(text, "Seastead")
    assert named.content.text == "Seastead Ship Management as employer"
    assert named.via == ("Lloyd\u2019s List",)  # not the words after it
    placed = by_content(text, "lion")
    assert placed.content.text == "the lion about 300m inside the reserve at 05:58"
    assert by_content(text, "Leeds").content.text == "him in Leeds on the night of the fire"
    people = (
        "Rain fell.\n\nThe minister named Jo Bloggs as envoy.\n\n"
        "Police identified the victim as a 34-year-old man.\n\n"
        "The court placed the child in care.\n"
    )
    assert not extract(people)


def test_a_cue_the_parser_hung_on_its_subject_keeps_its_clause_and_the_source_cited() -> None:
    # no verb headed the sentence: "reported" modified "Laeveld Nuus", "that ..." beside it
    text = (
        "A lion was shot on Saturday.\n\n"
        "Laeveld Nuus, a weekly newspaper in nearby Marula Springs, reported on Monday, citing "
        "a tracker who was on the hunt, that the hunting party had waited in a vehicle at the "
        "fence line before first light.\n"
    )
    found = by_content(text, "hunting party")
    assert found.content.text.startswith("the hunting party had waited in a vehicle")
    assert found.source == "Laeveld Nuus"
    assert found.via == ("a tracker",)


def test_a_cue_the_parser_made_a_participle_of_its_subject_keeps_its_own_that_clause() -> None:
    # no verb headed the sentence: "reported" modified "The Ashby Valley Record", the "that"
    # clause hung on "reported" itself
    text = (
        "The Ashby Valley Record, a weekly, reported last week that the director had objected "
        "to the plan in a memo.\n"
    )
    found = by_content(text, "objected to the plan")
    assert found.content.text.startswith("the director had objected")
    assert found.source == "Ashby Valley Record"


def test_bared_that_reports_a_clause_but_bared_teeth_do_not() -> None:
    text = (
        "The final round was played on Sunday.\n\n"
        "Chief arbiter Ramon Estrella bared that the phone was found by a janitor at about "
        "3:40 p.m.\n\nThe dog bared its teeth.\n\nThe court barred him from leaving.\n"
    )
    (found,) = extract(text)
    assert found.content.text.startswith("the phone was found by a janitor")
    assert found.source == "Ramon Estrella"


def test_a_quoted_nickname_is_no_quotation_and_no_part_of_the_name() -> None:
    text = (
        "Chess player denies cheating\n\n"
        "Rafael \u201cPaeng\u201d Dimaculangan, who won the last round on Sunday, told the "
        "Inquirer on Tuesday that he had gone to the restroom because of an upset stomach.\n\n"
        "His father, Ernesto Dimaculangan, said the boy was searched twice.\n"
    )
    found = extract(text)
    assert not [a for a in found if a.content.text == "Paeng"]
    assert by_content(text, "restroom").source == "Rafael Dimaculangan"
    # a full name of its own is not the longer name of a relative
    assert by_content(text, "searched").source == "Ernesto Dimaculangan"


def test_a_hyphenated_name_keeps_its_hyphen() -> None:
    # the name was built by joining its words with spaces: "Harriet Oyelaran - Price"
    text = (
        "The audit was sent in March.\n\n"
        "\u201cThe policy was quietly revised,\u201d said Harriet Oyelaran-Price, a consultant."
        "\n\nJean-Luc Picard of the agency said the bill was wrong.\n\n"
        "\u201cNobody told the council,\u201d Oyelaran-Price told reporters.\n"
    )
    assert by_content(text, "quietly revised").source == "Harriet Oyelaran-Price"
    # the surname alone, written with its hyphen, is the same person
    assert by_content(text, "Nobody told").source == "Harriet Oyelaran-Price"
    assert by_content(text, "the bill was wrong").source == "Jean-Luc Picard"


def test_the_speaker_before_an_aside_set_off_by_commas() -> None:
    # the parser read "Smith asked about the case" as what was said, and "said" had no
    # subject (and took "Achebe" for an adverb)
    text = (
        "The hearing ended on Monday.\n\n"
        "Smith, asked about the case, said the talks had failed.\n\n"
        "The mayor, asked whether she would resign, said she would not.\n\n"
        "Counsel for the defendant, Simon Achebe, said he grew suspicious.\n\n"
        "Achebe, asked whether he had sympathy for the trainee, said the responsibility "
        "lay with the partners.\n"
    )
    assert by_content(text, "the talks had failed").source == "Smith"
    assert by_content(text, "she would not").source == "mayor"
    assert by_content(text, "the responsibility lay").source == "Simon Achebe"
    # the aside is no part of what was said
    assert not [a for a in extract(text) if "asked" in a.content.text]


def test_a_pronoun_after_a_paragraph_that_introduces_a_post_holder() -> None:
    # "he" was the last to speak, the spokesman; the paragraph before introduces the minister
    text = (
        "Budget row deepens\n\n"
        "Finance Minister Karl Ashworth announced the budget on Tuesday.\n\n"
        "The opposition\u2019s treasury spokesman, David Quayle, said it had failed.\n\n"
        "The minister was blunter still.\n\n"
        "\u201cThe country is entitled to a budget that adds up,\u201d he told reporters.\n"
    )
    assert by_content(text, "entitled to a budget").source == "Karl Ashworth"
    assert by_content(text, "it had failed").source == "David Quayle"


def test_a_short_quotation_that_goes_on_after_the_cue_is_the_speakers() -> None:
    # under min_direct_words it was taken for a scare quote and dropped
    text = (
        "The hearing ended on Monday.\n\n"
        "\u201cOne of them would have been reported in a volume I know,\u201d Achebe said. "
        "\u201cI would remember.\u201d\n\n"
        "She called the plan \u201ca disgrace.\u201d\n"
    )
    found = extract(text)
    short = [a for a in found if a.content.text == "I would remember."]
    assert len(short) == 1 and short[0].source == "Achebe" and short[0].kind == "direct"
    assert not [a for a in found if a.content.text == "a disgrace."]


def test_a_closing_cue_whose_speaker_the_parser_hung_on_the_last_noun() -> None:
    # the parser joined "said" to "got" as a second verb and hung "her daughter, ..." on
    # "Kyle" as an apposition: "said" had no subject of its own
    text = (
        "A grandmother lost $9,000 to a phone scam.\n\n"
        "Marjorie Doucette got a call on the morning of Feb. 17 from a man who sounded like "
        "her grandson Kyle, her daughter, Anne Pyke, said in an interview Thursday.\n"
    )
    found = by_content(text, "Marjorie Doucette got a call")
    assert found.source == "Anne Pyke"
    assert found.content.text.endswith("her grandson Kyle")


def test_per_opening_a_sentence_attributes_but_not_a_rate() -> None:
    text = (
        "The suit was filed on Thursday.\n\n"
        "Per the filing, producers routinely held back dinner until contestants had "
        "finished their interviews.\n\n"
        "Contestants were paid $50 per day, and prices rose 4 per cent.\n"
    )
    found = extract(text)
    assert [a.content.text for a in found] == [
        "producers routinely held back dinner until contestants had finished their interviews"
    ]
    assert found[0].speaker is not None and found[0].speaker.text == "the filing"


def test_a_cue_the_tagger_took_for_a_noun_before_said_in_a_lawsuit_that() -> None:
    # "claims" tagged a noun heading the sentence, its clause hung on "lawsuit"
    text = (
        "Reality star sues\n\n"
        'A former contestant on the steamy dating show "Heat Cove" claims in a bombshell '
        "lawsuit that producers kept her awake for days.\n"
    )
    found = by_content(text, "producers kept her awake")
    assert found.speaker is not None
    # the show's title keeps both its marks
    assert found.speaker.text == 'A former contestant on the steamy dating show "Heat Cove"'


def test_a_quoted_title_before_the_noun_it_names_is_no_quotation() -> None:
    text = (
        "'Heat Cove' star claims producers starved her of sleep\n\n"
        "By Brianna Kessler\n\n"
        "The \u201cMorning Edition\u201d host said the show would end.\n"
    )
    found = extract(text)
    assert not [a for a in found if a.content.text in ("Heat Cove", "Morning Edition")]
    starved = by_content(text, "producers starved her")
    assert starved.speaker is not None and starved.speaker.text == "'Heat Cove' star"


def test_a_name_after_dr_is_a_persons_though_tagged_an_organisation() -> None:
    # "Dr Imogen Brace" was tagged an organisation: "Brace" was no person, and "she" went to
    # the last woman to speak before
    text = (
        "Firm blames AI tool\n\n"
        "Managing partner Deborah Quayle said the firm had apologised.\n\n"
        "A database kept by Dr Imogen Brace, a legal technologist at Northfield University, "
        "lists 41 hearings.\n\n"
        "Brace said the true number was almost certainly higher.\n\n"
        "\u201cThe tools are getting better,\u201d she said.\n"
    )
    assert by_content(text, "the true number").source == "Imogen Brace"
    assert by_content(text, "The tools are getting better").source == "Imogen Brace"


def test_a_person_known_only_by_their_work_is_anonymous() -> None:
    text = (
        "Producers accused\n\n"
        "A crew member who worked on the season told The Post that producers kept a "
        "whiteboard in the control room.\n\n"
        "Council member Jane Smith said the show had broken no rules.\n"
    )
    crew = by_content(text, "producers kept a whiteboard")
    assert crew.source_type == "anonymous"
    named = by_content(text, "the show had broken no rules")
    assert named.source == "Jane Smith" and named.source_type != "anonymous"


def test_mr_and_a_surname_two_relatives_share_is_the_one_named_last_before() -> None:
    text = (
        "Club accused over transfer\n\n"
        "Eastmoor Rovers scouted Jamie Keogh at a tournament in Dublin last August.\n\n"
        "Weeks later, the boy's father, Martin Keogh, was offered a job in Eastmoor.\n\n"
        "Mr Keogh, speaking from Eastmoor, said he had applied for the job through an agency.\n"
    )
    assert by_content(text, "he had applied for the job").source == "Martin Keogh"


def test_a_paragraph_of_one_sentence_introduces_the_next_speaker() -> None:
    # "her stride" tells that Dilys Morgan is a woman; the last to speak was another one
    text = (
        "Signs mocked\n\n"
        "Mererid Huws, of the campaign group Iaith Fyw, said the signs were a national joke. "
        "She said she had written to the council.\n\n"
        "On the High Street, cafe owner Dilys Morgan was taking it in her stride.\n\n"
        '"At least it\'s honest," she said.\n'
    )
    assert by_content(text, "At least it").source == "Dilys Morgan"


def test_a_place_set_before_a_name_is_no_part_of_it() -> None:
    text = (
        "The judgment was handed down on Tuesday.\n\n"
        "The tool\u2019s maker, Leeds-based Briefwell, said its software had generated the "
        "citations.\n"
    )
    assert by_content(text, "its software").source == "Briefwell"


def test_the_deputy_arbiters_are_not_the_chief_arbiter() -> None:
    text = (
        "A phone was found on Sunday.\n\n"
        "Chief arbiter Ramon Estrella said the phone was found by a janitor.\n\n"
        "One of the deputy arbiters, who requested anonymity because the panel had barred "
        "officials from speaking publicly, said the phone was logged into an analysis app.\n"
    )
    assert by_content(text, "janitor").source == "Ramon Estrella"
    deputy = by_content(text, "analysis app")
    assert deputy.source is not None and "deputy" in deputy.source  # not "Chief arbiter"
    assert deputy.source_type == "anonymous"


def test_a_title_written_short_keeps_the_sentence_and_the_name_whole() -> None:
    # "Atty." was split from its full stop and the parser ended the sentence there
    text = (
        "The final round was played on Sunday.\n\n"
        "The player\u2019s lawyer, Atty. Gerardo Policarpio, belied reports that the "
        "phone\u2019s screen showed his client\u2019s game, saying the arbiters had refused to "
        "let the defense examine the handset.\n\n"
        "\u201cNobody saw my client with that phone,\u201d Policarpio said.\n"
    )
    belied = by_content(text, "reports that")
    assert belied.source == "Gerardo Policarpio" and belied.source_type == "person"
    assert belied.stance == "denial"
    assert belied.content.text.endswith("his client\u2019s game")  # not the ", saying ..."
    # the participle the parser hung inside what the reports say is the lawyer's
    assert by_content(text, "refused").source == "Gerardo Policarpio"
    assert by_content(text, "Nobody saw").source_type == "person"


def test_a_cue_set_off_before_the_that_of_its_clause_reports_that_clause() -> None:
    # the parser made "reported" an adverbial of the clause after "that"
    text = (
        "The wall went up in March.\n\n"
        "Kayamba FM, a vernacular station based in Enkare, reported on Sunday, quoting a "
        "surveyor who worked on the 2018 subdivision, that beacons marking the school's "
        "boundary had been moved about 40 metres to the east.\n"
    )
    found = by_content(text, "beacons")
    assert found.content.text.startswith("beacons marking the school's boundary")
    assert found.source == "Kayamba FM"
    assert found.via == ("a surveyor",)


def test_saying_hung_on_a_participle_of_the_object_is_the_subjects() -> None:
    text = (
        "The wall went up in March.\n\n"
        "Parents at Enkare Primary School have vowed to pull down a perimeter wall erected "
        "across the school's playground by a private developer, saying the land has belonged "
        "to the school for nearly 40 years.\n"
    )
    found = by_content(text, "belonged")
    assert found.speaker is not None and found.speaker.text.startswith("Parents")


def test_records_put_a_sum_at_and_give_a_cause_as_and_blame_names_who() -> None:
    text = (
        "The audit ended in May.\n\n"
        'A council statement put the sum at "nearly 80 per cent" of its annual IT budget.\n\n'
        "A post-mortem report on Mochi gives the cause of death as heatstroke.\n\n"
        "The director admitted that the bodies had been switched but blamed the hospital "
        "morgue.\n\n"
        "The delivery slip shows the same driver signed for both.\n"
    )
    assert by_content(text, "80 per cent").source == "council"
    assert by_content(text, "heatstroke").content.text == "the cause of death as heatstroke"
    blamed = by_content(text, "morgue")
    assert blamed.content.text == "the hospital morgue" and blamed.stance == "accusing"
    assert by_content(text, "same driver").content.text == "the same driver signed for both"


def test_it_after_a_record_speaking_is_that_record() -> None:
    text = (
        "The match ended in a draw.\n\n"
        "The umpire's match report, which the ABC has obtained, states that Ashby made a "
        "complaint at the 14-minute mark. It also records that the umpire did not hear the "
        "words used.\n\n"
        "The council met on Monday. It lists its assets every year.\n"
    )
    found = by_content(text, "did not hear")
    assert found.speaker is not None and found.speaker.text == "It"
    assert found.source == "umpire's match report"
    assert not [a for a in extract(text) if "assets" in a.content.text]


def test_a_cue_set_off_inside_its_clause_with_the_speaker_after_it() -> None:
    # the parser took the clause's subject for the cue's, and the speaker for its object
    text = (
        "The audit began in May.\n\n"
        "Councils, said a person familiar with Castellan's audit programme, are \"the softest "
        'of targets" because they rarely have the budget to litigate.\n\n'
        "Prices, said the minister, will fall.\n"
    )
    councils = by_content(text, "softest")
    assert councils.speaker is not None
    assert councils.speaker.text == "a person familiar with Castellan's audit programme"
    assert [f.text for f in councils.fragments][0] == "Councils"
    prices = by_content(text, "will fall")
    assert prices.speaker is not None and prices.speaker.text == "the minister"


def test_a_person_the_recogniser_took_for_an_organisation_still_says_she() -> None:
    # "(Molina says she resigned.)": Molina tagged an organisation there, so her sex was
    # unknown and the next "He" went to her rather than to the man who spoke before
    text = (
        "Lab owner accused\n\n"
        "That analyst, Tessa Molina, 29, worked at Verity Analytics in the Eastbank industrial "
        "district from 2022 until October. She says the lab\u2019s owner, Grant Haldane, "
        "routinely had staff rerun samples from Verity\u2019s largest clients until the numbers "
        "came back higher.\n\n"
        "Haldane, reached by phone, called the allegations \u201ca vendetta by two people I had "
        "to let go\u201d and said Verity\u2019s results are \u201caccurate, reproducible and "
        "audited.\u201d (Molina says she resigned.)\n\n"
        "He denied ever telling staff to rerun a sample to raise a number.\n"
    )
    assert by_content(text, "ever telling staff").source == "Grant Haldane"


def test_a_described_person_named_next_after_that_and_the_same_noun() -> None:
    text = (
        "Lab padded results, former analyst says\n\n"
        "If you bought flower last year, the label said it tested at 31 percent THC. According "
        "to a former analyst at the lab that tested it, the real number was likely closer to "
        "22.\n\n"
        "That analyst, Tessa Molina, 29, worked at Verity Analytics from 2022 until October.\n"
    )
    assert by_content(text, "closer to 22").source == "Tessa Molina"
    assert by_content(text, "Lab padded").source == "Tessa Molina"  # the headline's too


def test_a_quotation_after_nothing_but_spaces_is_read_without_error() -> None:
    # the nickname test read the word before the opening mark with split(), which found no
    # word in "\xa0 " and raised IndexError
    found = extract("\xa0 \u201cAb\u201d Cd said it.")
    assert [a.content.text for a in found] == ["Ab"]


def test_a_conjunction_the_parser_made_a_participles_subject_is_nobody() -> None:
    # "disputes that, saying ...": "that" is what she disputes, not who speaks
    text = (
        "The holiday firm says the family could use a second pool.\n\n"
        "Mrs Wade disputes that, saying the second pool was reserved for guests in the "
        "adults-only wing.\n"
    )
    found = by_content(text, "second pool was reserved")
    assert found.speaker is not None and found.speaker.text == "Mrs Wade"
    assert found.source == "Wade"


def test_a_name_at_a_lines_end_does_not_run_on_over_it() -> None:
    # a bullet without a full stop: the recogniser runs "SunVista Holidays" on over the line
    # break; the source is the name, not the name and a line break
    text = (
        "Family's five-star holiday was a building site\n\n"
        "\u2022 Kerry Wade booked the Aqua Seren Resort through SunVista Holidays\n"
        "\u2022 SunVista claims guests were warned\n\n"
        "But SunVista insisted all guests booked for the period had been emailed about the "
        "works.\n"
    )
    found = by_content(text, "had been emailed")
    assert found.source == "SunVista Holidays"


def test_a_family_is_not_the_firm() -> None:
    # "the Wades" (tagged an organisation) is Kerry Wade's family, not "the firm" that
    # answers for the holiday
    text = (
        "Family's five-star holiday was a building site\n\n"
        "Kerry Wade booked the Aqua Seren Resort through SunVista Holidays.\n\n"
        "SunVista Holidays insisted all guests had been emailed on October 3, a week before "
        "the Wades travelled.\n\n"
        "A spokesman for the firm said: \u201cWe are sorry Mrs Wade was disappointed with "
        "her stay.\u201d\n"
    )
    found = by_content(text, "We are sorry")
    assert found.source == "SunVista Holidays"


def test_a_sentences_but_is_no_part_of_the_name_it_opens() -> None:
    text = (
        "Rocket debris found in a field.\n\n"
        "But SpaceTrack Weekly, a US trade website, reported on Friday, citing an Orbitra "
        "engineer, that the deorbit burn had been cut short by a valve fault.\n"
    )
    found = by_content(text, "deorbit burn")
    assert found.speaker is not None and found.speaker.text == "SpaceTrack Weekly"
    assert found.source == "SpaceTrack Weekly"


def test_records_speak_for_whoever_issued_them() -> None:
    text = (
        "Rescues rise on a Lakeland ridge.\n\n"
        "Figures from the Cumbrian Rescue Teams Forum show its 12 member teams were called "
        "out 684 times in 2025.\n\n"
        "GiveRaise's own figures show the page had taken \u00a384,260 from 2,913 donors.\n\n"
        "The Mourne Valley Railway runs steam trains on the line. The railway\u2019s defence, "
        "lodged last month, denies that the arrestor was removed.\n\n"
        "A post-mortem report on the whales, seen by the BBC, found signs of decompression "
        "sickness.\n"
    )
    # a body's records: an origin of their own, named with the body, no party's word
    forum = by_content(text, "684 times")
    assert (forum.source, forum.source_type) == ("Cumbrian Rescue Teams Forum figures", "document")
    assert by_content(text, "2,913 donors").source == "GiveRaise figures"
    insurer = (
        "Theft costs rise.\n\nFigures published last month by rural insurer Fell & Dale "
        "Mutual put the cost of livestock theft at \u00a32.7m.\n"
    )
    assert by_content(insurer, "livestock theft").source == "Fell & Dale Mutual figures"
    # a pleading is the party's own voice
    defence = by_content(text, "arrestor was removed")
    assert (defence.source, defence.source_type) == ("Mourne Valley Railway", "company")
    # who saw a report did not issue it
    seen = by_content(text, "decompression sickness")
    assert seen.source is not None and "BBC" not in seen.source


def test_when_a_forecast_was_issued_is_not_who_speaks() -> None:
    text = (
        "Festival called off.\n\n"
        "Managing director Paul Denholm said the adviser had recommended cancellation after a "
        "forecast issued that morning predicted gusts of up to 60mph on the site, which he "
        "said would have made the main stage roof unsafe.\n"
    )
    found = extract(text)
    assert all(a.speaker is None or "morning" not in a.speaker.text for a in found)
    roof = by_content(text, "main stage roof unsafe")
    assert roof.source == "Paul Denholm"


def test_the_quotation_a_relative_clauses_cue_names_its_object_with() -> None:
    text = (
        "Holiday row.\n\n"
        "The firm offered Kerry Wade \u00a3400 in vouchers, which Mrs Wade described as "
        "\u201ca slap in the face\u201d.\n\n"
        "The pub could be turned into a managed house, a move the company described as "
        "\u201cpure speculation\u201d.\n\n"
        'He rented a flat that neighbours described to investigators as "always empty".\n\n'
        "He reached the top in January, in what he called \u201cthe first winter ascent of "
        "the peak\u201d.\n"
    )
    slap = by_content(text, "a slap in the face")
    assert slap.content.text == "a slap in the face"
    assert slap.speaker is not None and slap.speaker.text == "Mrs Wade"
    assert by_content(text, "pure speculation").speaker.text == "the company"  # type: ignore[union-attr]
    assert by_content(text, "always empty").speaker.text == "neighbours"  # type: ignore[union-attr]
    assert by_content(text, "first winter ascent").kind == "direct"
    # a name given in quotation marks is no statement
    named = "Customers on the premium tier, which Nuvrel calls \u201cConcierge\u201d, pay $249.\n"
    assert not [a for a in extract(f"Prices rise.\n\n{named}") if "Concierge" in a.content.text]


def test_a_city_before_a_word_for_someones_work_is_not_its_government() -> None:
    text = (
        "Insurers tighten their wordings.\n\n"
        "One London market underwriter, who asked not to be named, said some insurers now "
        "require organisers to show board minutes.\n"
    )
    found = by_content(text, "board minutes")
    assert found.source is not None and "underwriter" in found.source
    assert found.source_type == "anonymous"


def test_a_body_named_by_common_words_is_not_another_sharing_its_last_word() -> None:
    text = (
        "Fires along the line.\n\n"
        "Railway chairman Derek Munce said that not one fire lined up with a steam service.\n\n"
        "A fire service spokeswoman said it does not release the times of individual "
        "emergency calls.\n"
    )
    found = by_content(text, "emergency calls")
    assert found.source == "fire service"


def test_a_firm_the_recogniser_took_for_a_person_is_a_firm_throughout() -> None:
    # "electronics maker Hoshizora Denki" is a company wherever the article names it, so
    # "The company" is Hoshizora Denki, and the engineer suing it is not
    text = (
        "Engineer sues employer.\n\n"
        "A 52-year-old engineer has sued electronics maker Hoshizora Denki, claiming it kept "
        "him in a windowless room.\n\n"
        "Hoshizora Denki, which makes power modules for home appliances, cut about 1,200 jobs "
        "in Japan between 2022 and 2024.\n\n"
        "The company said in a statement that the career design office exists to help "
        "employees.\n"
    )
    company = by_content(text, "career design office")
    assert (company.source, company.source_type) == ("Hoshizora Denki", "company")
    engineer = by_content(text, "windowless room")
    assert engineer.source != "Hoshizora Denki"


def test_an_issuers_own_report_is_a_document_of_its_own_its_spokesperson_is_not() -> None:
    text = (
        "Nimbus Forge to cut jobs\n\n"
        "Cloud software firm Nimbus Forge is planning to cut about 2,000 jobs.\n\n"
        "The company denied that it would move its headquarters. \u201cThat report is "
        "completely untrue,\u201d the spokesperson said.\n\n"
        "Nimbus Forge employed about 16,500 people at the end of last year, according to its "
        "annual report.\n"
    )
    report = by_content(text, "16,500 people")
    assert (report.source, report.source_type) == ("Nimbus Forge report", "document")
    spokesperson = by_content(text, "completely untrue")
    assert spokesperson.source_type != "document"


def test_a_readout_or_a_spokesman_from_a_body_is_that_bodys_own_voice() -> None:
    text = (
        "Leaders talk.\n\n"
        "A readout from the Kremlin said the two leaders had agreed to talk again.\n\n"
        "A spokesman from Acme Holdings said the plant would reopen.\n"
    )
    readout = by_content(text, "agreed to talk again")
    assert (readout.source, readout.source_type) == ("Russian government", "government")
    spokesman = by_content(text, "plant would reopen")
    assert spokesman.source == "Acme Holdings"
    assert spokesman.source_type != "document"


def test_the_place_a_firm_is_based_in_is_not_whose_word_it_is() -> None:
    text = (
        "Robot umpire row.\n\n"
        "The system was developed by Seoul-based Hanbit Sports Tech, which says its tracking "
        "cameras are accurate to within 3 millimeters.\n\n"
        "A Hanbit spokesperson said the company had reviewed the pitch.\n"
    )
    assert by_content(text, "3 millimeters").source == "Hanbit Sports Tech"
    assert by_content(text, "reviewed the pitch").source == "Hanbit Sports Tech"


def test_the_outlet_someone_told_is_not_the_company() -> None:
    text = (
        "Nurse wrongly flagged as shoplifter.\n\n"
        '"I had just come off a twelve-hour shift," Grace told ITV News.\n\n'
        'In a statement, the company said Grace had been "incorrectly matched".\n'
    )
    assert by_content(text, "incorrectly matched").source != "ITV News"


def test_an_agency_then_a_place_and_date_in_capitals_are_one_dateline() -> None:
    # "(ANSA) - PALERMO, MARCH 20 - ": both dashes end the dateline, so the lede's
    # description is the speaker, and the name the next paragraph gives it
    text = (
        "(ANSA) - TRAPANI, APRIL 2 - A Canadian man who bought a ruined farmhouse for one "
        "euro in the hill town of Corleto says the council has kept his guarantee deposit.\n\n"
        "Marc Belanger, 61, a retired engineer from Quebec, bought the house in 2021.\n"
    )
    found = by_content(text, "guarantee deposit")
    assert found.speaker is not None and found.speaker.text == "A Canadian man"
    assert found.source == "Marc Belanger"


def test_a_relay_cited_between_the_cue_and_its_that_clause_stays_a_relay() -> None:
    # the parser hung "reported" and "citing" on the clause after "that" (and in the second,
    # read "that" as the determiner of the clause's subject)
    text = (
        "Houses sold for a euro.\n\n"
        "The regional paper Il Faro reported on Monday, citing council records, that 48 "
        "houses had been sold under the scheme and that only 11 had been restored.\n\n"
        "The Harbour Gazette reports, citing three deckhands, that staff were told on Friday "
        "not to discuss the outbreak.\n"
    )
    sold = by_content(text, "48 houses")
    assert sold.content.text.startswith("48 houses had been sold")
    assert sold.source == "Il Faro"
    assert sold.via == ("council records",)
    told = by_content(text, "staff were told")
    assert told.content.text.startswith("staff were told on Friday")
    assert told.via == ("three deckhands",)


def test_a_surname_the_tagger_takes_for_a_pronoun_is_still_the_persons() -> None:
    # "Ip" is tagged a pronoun; the "he" after it is Ip too, not a man named long before
    text = (
        "Fraud trial opens.\n\n"
        "Her son, Wong Ka-ho, did not know about the payments, the court heard.\n\n"
        "Defence counsel Gary Ip said the client had never promised any outcome.\n\n"
        "Ip told the court his client had given genuine advice.\n\n"
        "He said the rituals had all been performed.\n"
    )
    assert by_content(text, "genuine advice").source == "Gary Ip"
    assert by_content(text, "rituals").source == "Gary Ip"


def test_the_half_of_a_name_after_its_hyphen_says_nothing_of_sex() -> None:
    # "Chan Mei-man" is no man: the "she" after her is her, not the prosecutor before
    text = (
        "Fraud trial opens.\n\n"
        "Prosecutor Ruth Ho said the accused first met the widow, Chan Mei-man, 70, at a "
        "temple fair.\n\n"
        "Giving evidence, Chan said she had sold her late husband's watches to keep paying.\n\n"
        '"He said it would be my fault," she told the court.\n'
    )
    assert by_content(text, "my fault").source == "Chan Mei-man"


def test_two_given_names_before_one_surname_and_the_family_plural_are_the_family() -> None:
    text = (
        "Dog dies after night clinic closes.\n\n"
        "Aoife and Brendan Kearney said the clinic had told them to drive 40 miles.\n\n"
        "The Kearneys have complained to the group and say they are considering legal action.\n"
    )
    assert by_content(text, "40 miles").source == "Aoife and Brendan Kearney"
    family = by_content(text, "legal action")
    assert (family.source, family.source_type) == ("Kearney family", "person")


def test_a_cue_read_as_a_relative_clause_of_the_subject_still_reports_its_that_clause() -> None:
    # the parser made "reported" a relative clause of "station", the subject of "had signed"
    text = (
        "Market fire.\n\n"
        "Local radio station Nkabom FM reported on Friday, citing a source at the assembly, "
        "that the assembly had signed a lease with a private developer in June.\n"
    )
    found = by_content(text, "signed a lease")
    assert found.content.text.startswith("the assembly had signed a lease")
    assert found.via == ("a source at the assembly",)


def test_a_title_set_off_before_an_honorific_and_a_name_is_that_person() -> None:
    text = (
        "Market fire.\n\n"
        "The Member of Parliament for the area, Mr Joseph Amoako-Tuffour, said the fire must "
        "not become an excuse to move traders.\n\n"
        "The Municipal Chief Executive (MCE) for Okyerekrom, Mr Yaw Boakye-Dankwa, said the "
        "allegation was baseless.\n"
    )
    assert by_content(text, "an excuse").source == "Joseph Amoako-Tuffour"
    assert by_content(text, "baseless").source == "Yaw Boakye-Dankwa"


def test_the_name_after_a_title_or_a_rank_set_beside_a_post_is_the_person() -> None:
    text = (
        "Market fire.\n\n"
        "The leader of the traders, Market Queen Nana Ama Serwaa Agyemang, told reporters that "
        "traders saw two men leave the market.\n\n"
        "The Municipal Fire Commander, Divisional Officer Grade II (DO II) Mercy Adjei-Sarpong, "
        "said preliminary investigations pointed to an electrical fault.\n"
    )
    assert "Agyemang" in (by_content(text, "two men").source or "")
    assert by_content(text, "electrical fault").source == "Mercy Adjei-Sarpong"


def test_she_after_one_introduced_by_a_post_is_that_one_not_the_last_to_speak() -> None:
    text = (
        "Inquest hears of allergy death.\n\n"
        "His mother, Grace Owusu, said her son had been careful about everything.\n\n"
        "Senior coroner Helen Marsh recorded a narrative conclusion. She said she was "
        "satisfied the restaurant had been told of the allergy.\n"
    )
    assert by_content(text, "she was satisfied").source == "Helen Marsh"


def test_a_that_clause_hung_on_whom_it_was_told_to_is_what_was_said() -> None:
    text = (
        "Inquest hears of allergy death.\n\n"
        "Priya Nandra, an environmental health officer, gave evidence.\n\n"
        "She told the inquest that a curry paste used in several dishes listed groundnut "
        "among its ingredients.\n"
    )
    found = by_content(text, "curry paste")
    assert found.content.text.startswith("a curry paste used in several dishes")
    assert found.source == "Priya Nandra"


def test_an_object_that_holds_the_clause_the_parser_split_is_what_was_said() -> None:
    text = (
        "Inquest hears of allergy death.\n\n"
        "Sarah Lomas, a trading standards officer with Ashby Vale Council, said samples of the "
        "jalfrezi sauce taken from the kitchen four days after the death tested positive for "
        "peanut protein.\n"
    )
    found = by_content(text, "tested positive")
    assert found.content.text.startswith("samples of the jalfrezi sauce")
    assert found.source == "Sarah Lomas"


def test_the_speaker_reaches_the_name_set_off_after_its_title() -> None:
    text = (
        "Market fire.\n\n"
        "The District Chief Executive (DCE) for Abrafo, Mr Kwame Ofori-Atta, said the "
        "allegation was baseless.\n"
    )
    found = by_content(text, "baseless")
    assert found.speaker is not None
    assert found.speaker.text.endswith("Mr Kwame Ofori-Atta")
    assert found.source == "Kwame Ofori-Atta"


def test_a_record_read_out_as_an_aside_after_but_is_the_speaker() -> None:
    text = (
        "Inquest hears of allergy death.\n\n"
        "But a written statement from Plattr, read to the inquest, said the note was "
        "\u201csent to the kitchen at 7.14pm\u201d and opened a minute later.\n"
    )
    found = by_content(text, "the note was")
    assert found.speaker is not None and found.speaker.text == "a written statement"
    assert found.source == "Plattr"


def test_a_review_records_what_it_found() -> None:
    text = (
        "Pilots tired.\n\n"
        "An internal safety review of the incident, which the paper has seen, records that "
        'both pilots "reported being tired" and that the captain had flown until midnight.\n'
    )
    found = by_content(text, "reported being tired")
    assert found.cue is not None and found.cue.text == "records"


def test_an_object_with_a_participle_and_a_second_that_clause_is_all_one_statement() -> None:
    text = (
        "Parking fines.\n\n"
        "The Independent Parking Appeals Panel, which decides disputes with operators "
        "belonging to one of the two trade bodies, says double-dip cases made up 9% of the "
        "31,400 appeals it ruled on last year, and that drivers won almost two-thirds of them.\n"
    )
    found = by_content(text, "double-dip")
    assert found.content.text.startswith("double-dip cases made up 9%")
    assert found.content.text.endswith("two-thirds of them")


def test_the_subject_of_a_sentence_without_a_verb_of_its_own_says_what_follows() -> None:
    text = (
        "Loan app.\n\n"
        "Two former debt collectors who worked for a Tangerang agency that handled Pinjamin "
        "accounts until last year say collectors were given each borrower\u2019s full contact "
        "list on the first day a payment was overdue.\n"
    )
    found = by_content(text, "contact list")
    assert found.speaker is not None and found.speaker.text == "Two former debt collectors"


def test_what_a_relative_clause_says_someone_said_is_the_clause_after_the_cue() -> None:
    text = (
        "Wheat downgraded.\n\n"
        "Grower Tom Haverfield delivered 900 tonnes.\n\n"
        "The gap was $71 a tonne on the days he delivered, which he said had cost him close "
        "to $60,000.\n"
    )
    found = by_content(text, "60,000")
    assert found.content.text == "had cost him close to $60,000"
    assert found.source == "Tom Haverfield"


def test_a_quote_opening_the_paragraph_after_a_colon_is_the_writers() -> None:
    text = (
        "Fined for shopping twice.\n\n"
        "Maureen Pike, a 71-year-old retired nurse from Oldbury, wrote to me in February:\n\n"
        "\u201cOn 9 December I drove to the retail park to buy a lamp. Both trips were well "
        "under an hour.\u201d\n"
    )
    found = by_content(text, "buy a lamp")
    assert found.source == "Maureen Pike"


def test_a_clause_of_what_came_next_after_a_dash_is_no_closing_cue() -> None:
    text = (
        "Widow says she was charged twice in one week \u2013 then the bailiffs wrote\n\n"
        "Body text follows here.\n"
    )
    found = extract(text)
    assert not any(a.speaker is not None and "bailiffs" in a.speaker.text for a in found)


def test_what_receipts_show_runs_to_where_and_when() -> None:
    text = (
        "Fined for shopping twice.\n\n"
        "Mrs Pike\u2019s receipts, which she forwarded to me, show purchases at 9.50am and "
        "3.05pm from the same hardware shop.\n"
    )
    found = by_content(text, "purchases")
    assert found.content.text == "purchases at 9.50am and 3.05pm from the same hardware shop"


def test_according_to_a_letter_a_copy_of_which_was_seen_speaks_for_the_clause_before() -> None:
    text = (
        "Grant unpaid.\n\n"
        "The T&T Netball Association (TTNA) received the grant in June, according to a letter "
        "from the ministry to the association dated June 3, a copy of which was seen by the "
        "Express.\n"
    )
    found = by_content(text, "received the grant")
    assert found.content.text.endswith("received the grant in June")
    assert found.cue is not None and found.cue.text == "according to"


def test_quoting_after_a_cue_is_its_relay_not_a_second_statement() -> None:
    text = (
        "Seawall row.\n\n"
        "The iTaukei-language station Radio Vakarau reported last week, quoting a provincial "
        "official, that the Ra Provincial Council had asked the ministry to intervene.\n\n"
        "The station reported on Monday, quoting a council source, that the dam had failed.\n"
    )
    found = extract(text)
    asked = [a for a in found if "had asked the ministry" in a.content.text]
    assert len(asked) == 1 and asked[0].via == ("a provincial official",)
    failed = by_content(text, "the dam had failed")
    assert failed.via == ("a council source",)


def test_a_verb_the_recogniser_ran_a_name_into_is_no_part_of_the_name() -> None:
    # the recogniser tagged "dean says" one organisation
    text = (
        "Losing candidate says ballots were tossed\n\n"
        "Election commission says duplicate logins forced the decision; dean says university "
        "will not step in\n\n"
        "Body text.\n"
    )
    found = by_content(text, "will not step in")
    assert found.source is not None and "says" not in found.source


def test_a_dean_of_students_is_an_official_named_after_the_title() -> None:
    text = (
        "Ballots tossed.\n\n"
        "In an email to The Ledger, Dean of Students Marcus Whitlow said Ashbury State "
        '"does not intervene in student elections".\n'
    )
    found = by_content(text, "does not intervene")
    assert (found.source, found.source_type) == ("Marcus Whitlow", "official")


def test_initials_of_a_bodys_last_words_name_it_whole() -> None:
    text = (
        "Birth centre.\n\n"
        "NHS Wessex Vale Integrated Care Board, which commissions the service, said it had not "
        "been told about any proposal. An ICB spokesman said any plan would need to go "
        "through its process.\n"
    )
    assert by_content(text, "not been told").source == "NHS Wessex Vale Integrated Care Board"
    assert by_content(text, "any plan").source == "NHS Wessex Vale Integrated Care Board"


def test_the_n_year_old_is_the_person_named_with_that_age() -> None:
    text = (
        "Runner dropped.\n\n"
        "Priya Dahiya (23) won the 800m at the state trials.\n\n"
        "Federation secretary Mohan Lal said she had been dropped because she missed a test.\n\n"
        "The 23-year-old said she had received no notice of any test.\n"
    )
    assert by_content(text, "no notice").source == "Priya Dahiya"


def test_a_title_and_a_second_title_before_a_name_are_one_person() -> None:
    text = (
        "Assays row.\n\n"
        'Orlin president and CEO Diane Porter called the report "misleading" in a '
        "statement.\n"
    )
    assert by_content(text, "misleading").source == "Diane Porter"


def test_a_firm_before_a_describing_noun_does_not_name_an_anonymous_speaker() -> None:
    text = (
        "Assays row.\n\n"
        "But a former Kesik contractor who worked on the core-logging crew, and who asked not "
        "to be named because he had signed a confidentiality agreement, told The Northern "
        "Miner that the cores were shipped to the lab.\n"
    )
    assert by_content(text, "cores were shipped").source_type == "anonymous"


def test_termed_and_calculated_are_cues() -> None:
    text = (
        "Selection row.\n\n"
        "Singh termed the report \u201cbaseless\u201d and said the list had been approved.\n\n"
        "The assays Orlin has released average 9.2 grams, Larchmont calculated.\n"
    )
    termed = by_content(text, "baseless")
    assert termed.cue is not None and termed.cue.text == "termed"
    calculated = by_content(text, "9.2 grams")
    assert calculated.cue is not None and calculated.cue.text == "calculated"


def test_a_record_seen_by_an_outlet_closing_a_sentence_shows_it() -> None:
    text = (
        "Tenants evicted.\n\n"
        "But at least four of the vacated flats have since been listed as furnished rentals "
        "at $3,400 a month, listings seen by The Royal Gazette show.\n"
    )
    found = by_content(text, "furnished rentals")
    assert found.content.text.startswith("at least four of the vacated flats")
    assert found.speaker is not None and found.speaker.text == "listings"
    assert found.via == ("The Royal Gazette",)


def test_an_object_ends_before_a_relative_clause_that_reports_speech_of_its_own() -> None:
    text = (
        "Plant to close.\n\n"
        "The company blamed the cost of imported grain, which it said had doubled since "
        "January.\n"
    )
    blamed = by_content(text, "imported grain")
    assert blamed.content.text == "the cost of imported grain"
    said = by_content(text, "doubled")
    assert said.content.text == "had doubled since January"


def test_the_outlet_that_could_not_check_a_report_is_not_the_company() -> None:
    text = (
        "Bakery chain to list shares\n\n"
        "Shares in Sunrise Bakeries Ltd will start trading in Hanoi next month.\n\n"
        "Trade weekly Thi Truong reported, citing a draft prospectus, that the chain had 300 "
        "stores. Asia Markets International has not seen the draft.\n\n"
        "The company said it would publish a list of its stores in April.\n"
    )
    stores = by_content(text, "publish a list")
    assert stores.source == "Sunrise Bakeries Ltd"


def test_a_named_organisation_described_as_the_company_behind_a_brand_is_a_company() -> None:
    text = (
        "Bakery chain to list shares\n\n"
        "Lotus Food JSC, the company behind the Ban Mai bakery chain, said on Monday it "
        "would list its shares in Hanoi this year.\n"
    )
    listing = by_content(text, "list its shares")
    assert listing.source == "Lotus Food JSC" and listing.source_type == "company"


def test_a_place_named_by_what_it_is_is_never_the_company() -> None:
    # the tagger takes "Tacuarembó" in "the department of Tacuarembó" for an organisation
    text = (
        "Meatpacker halts slaughter\n\n"
        "Frigorífico Las Piedras, one of Uruguay's beef exporters, has suspended slaughter at "
        "its plant in the northern department of Tacuarembó, the union said on Thursday.\n\n"
        "In a statement, the company said slaughter would stop for at least 90 days.\n"
    )
    stop = by_content(text, "slaughter would stop")
    assert stop.source != "Tacuarembó"


def test_a_name_ending_in_corp_or_jsc_is_a_company() -> None:
    text = (
        "Chain to list shares\n\n"
        "Golden Lotus Food Corp said on Monday it would list its shares in Hanoi this year.\n"
    )
    listing = by_content(text, "list its shares")
    assert listing.source_type == "company"


def test_a_that_clause_the_parser_joined_to_the_cue_after_citing_is_what_was_reported() -> None:
    # the next sentence makes the parser join "dug" to "reported" and take "that" for a subject
    text = (
        "Rare frog found again\n\n"
        "But the regional daily Gazety Vaovao reported in February, citing a forestry official "
        "in Fianarantsoa, that survey trenches had been dug on the forest's western edge in "
        "late 2025. Mongabay was unable to reach the official.\n"
    )
    found = by_content(text, "survey trenches")
    assert (
        found.content.text
        == "survey trenches had been dug on the forest's western edge in late 2025"
    )
    assert found.source == "Gazety Vaovao"
    assert found.via == ("a forestry official in Fianarantsoa",)


def test_a_ruling_lists_and_a_commissioner_finds() -> None:
    text = (
        "Haulier loses licence\n\n"
        "The traffic commissioner found that drivers had used other people's cards.\n\n"
        "But the decision lists four prohibitions issued to its vehicles since 2021.\n"
    )
    found = by_content(text, "other people's cards")
    assert found.speaker is not None and found.speaker.text == "The traffic commissioner"
    listed = by_content(text, "four prohibitions")
    assert listed.speaker is not None and listed.speaker.text == "the decision"


def test_a_finding_after_the_preposition_after_is_the_finders() -> None:
    # the parser reads "a traffic commissioner" as the object of "after"
    text = (
        "Haulier loses licence\n\n"
        "A haulier has had its licence revoked after a traffic commissioner found that drivers "
        "had used other people's cards.\n"
    )
    found = by_content(text, "other people's cards")
    assert found.speaker is not None and found.speaker.text == "a traffic commissioner"
    assert found.content.text == "drivers had used other people's cards"


def test_a_name_ending_in_sarl_is_a_company() -> None:
    text = (
        "Graphite permit\n\n"
        "Ambatovy Graphite SARL said on Monday it had drilled no holes near the stream.\n"
    )
    drilled = by_content(text, "drilled no holes")
    assert drilled.source_type == "company"


def test_a_cue_between_a_noun_and_its_verb_says_the_nouns_predicate() -> None:
    # "a condition the State says did not appear ...": a relative clause with no relative word
    text = (
        "Developer in court\n\n"
        "The developer resold stands after the first buyers failed to build within 12 months, a "
        "condition the State says did not appear in their agreements of sale.\n"
    )
    found = by_content(text, "did not appear")
    assert found.content.text == "did not appear in their agreements of sale"
    assert found.speaker is not None and found.speaker.text == "the State"


def test_an_object_the_tagger_compounded_with_the_cues_subject_is_not_who_speaks() -> None:
    # "approved a plan officials say will cost $2m": "plan officials" read as one noun
    text = (
        "The council approved a plan officials say will cost $2m over five years.\n\n"
        "The board backed a new scheme residents say will flood the lower village.\n\n"
        "He said the union members say they will strike.\n"
    )
    cost = by_content(text, "will cost")
    assert cost.speaker is not None and cost.speaker.text == "officials"
    flood = by_content(text, "will flood")
    assert flood.speaker is not None and flood.speaker.text == "residents"
    # what they say has its own subject: the determiner and compound are theirs
    (strike,) = [a for a in extract(text) if a.content.text == "they will strike"]
    assert strike.speaker is not None and strike.speaker.text == "the union members"


def test_a_name_opened_by_a_legal_form_is_the_company_a_description_points_back_to() -> None:
    # "PT" before the name, as "Ltd" after it; the recogniser found no organisation there,
    # and the environmental group named before it is no company
    text = (
        "Sulawesi River Watch, an environmental group based in Palu, said in a statement that "
        "forest had been cleared inside the concession of nickel miner PT Sawu Mineral Utama.\n\n"
        "The company denied that its operations had contributed to the flood.\n"
    )
    denied = by_content(text, "its operations had contributed")
    assert denied.source == "PT Sawu Mineral Utama"
    assert denied.source_type == "company"


def test_the_judge_is_the_person_titled_judge_or_justice_not_the_court() -> None:
    text = (
        "A Nassau construction company has asked the Supreme Court to freeze $3.2 million of a "
        "developer's assets.\n\n"
        "On Thursday, Justice Lorraine Cartwright-Moss granted an interim order freezing $1.5 "
        "million until the trial.\n\n"
        '"There is a serious issue to be tried," the judge said.\n'
    )
    said = by_content(text, "serious issue")
    assert said.source is not None and "Lorraine Cartwright-Moss" in said.source
    judge = text.replace("Justice Lorraine", "Judge Lorraine")
    said = by_content(judge, "serious issue")
    assert said.source is not None and "Lorraine Cartwright-Moss" in said.source


def test_a_name_that_who_describes_is_a_person_a_pronoun_can_be() -> None:
    # the recogniser tagged no part of "Fiu Mataese Elisara"
    text = (
        "An official at the ministry, who asked not to be named, said the council had not yet "
        "submitted its report.\n\n"
        "Fiu Mataese Elisara, who contested the seat in 2025, told the Samoa Observer that he "
        "had not spoken to either mayor about the road.\n\n"
        '"I live in Apia," he said.\n'
    )
    said = by_content(text, "I live in Apia")
    assert said.source == "Fiu Mataese Elisara"


def test_a_denial_whose_gerund_the_parser_hung_on_the_channel_says_the_gerund() -> None:
    # "in an email altering any image": the parser made the email do the altering
    text = (
        "The former student, Ines Carvalhal, who now works in Germany, denied in an email "
        "altering any image.\n"
    )
    denied = one(text)
    assert denied.content.text == "altering any image"
    assert denied.speaker is not None and "Ines Carvalhal" in denied.speaker.text


def test_a_name_after_a_fronted_phrase_the_parser_swallowed_is_who_speaks() -> None:
    # "seen by Recharge, Steppe Power Partners": the name read as part of "by ..."
    text = (
        "In a notice to lenders seen by Recharge, Steppe Power Partners said the cracks, near "
        "the root of the blades, had forced it to shut down 11 of the 25 turbines since early "
        "February.\n"
    )
    said = one(text)
    assert said.speaker is not None and said.speaker.text == "Steppe Power Partners"
    assert said.content.text.startswith("the cracks, near the root")


def test_a_record_compounded_with_its_verb_still_shows() -> None:
    # "Betting exchange data show Kestrel Lane drifted": one long compound subject
    text = (
        "Betting exchange data show Kestrel Lane drifted from 8-1 to 16-1 in the hour before "
        "the off.\n"
    )
    shown = one(text)
    assert shown.content.text.startswith("Kestrel Lane drifted")
    assert shown.speaker is not None and shown.speaker.text.endswith("exchange data")


def test_asking_which_is_a_question_not_a_statement() -> None:
    text = "Investigators had asked the trainers which feed merchants they used.\n"
    assert extract(text) == []


def test_a_description_speaking_above_the_article_is_the_name_the_body_gives_it() -> None:
    text = (
        "Trainer insists feed was contaminated\n\n"
        "By Tom Harker\n\n"
        "Malton trainer Gareth Denton has denied giving the mare a banned sedative.\n\n"
        "Another trainer, Ruth Bell, said the case would go to a panel.\n"
    )
    insists = by_content(text, "feed was contaminated")
    assert insists.source == "Gareth Denton"
    # "another" one is not the one above
    text = (
        "Climber says he reached the summit alone\n\n"
        "Another climber, Jiri Novak, watched the ridge through binoculars from the camp.\n\n"
        "Tomas Vrba said he had reached the top at noon.\n"
    )
    summit = by_content(text, "reached the summit")
    assert summit.source != "Jiri Novak"


def test_a_company_described_above_the_article_is_the_first_company_the_body_has_speak() -> None:
    text = (
        "Fuel stations run dry as supplier blames berth closure\n\n"
        "By Ana Lopez\n\n"
        "Drivers queued for hours on Sunday after every station in the town ran out of petrol.\n\n"
        "Calpe Fuels Ltd said in a statement that its tanker could not berth because of a storm.\n"
    )
    blames = by_content(text, "berth closure")
    assert blames.source == "Calpe Fuels Ltd"


def test_company_forms_and_group_kinds_from_the_forty_sixth_set() -> None:
    # "SA" ends a company's name; a consumer group is an organisation, not a company;
    # "Developments" and a news portal say what they are
    text = (
        "Elaionas Kalamon SA rejected the findings, saying its oils had passed the tests.\n\n"
        "A consumer group said seven of 18 oils had failed.\n\n"
        "Valley Crest Developments denied that the photomontages had been chosen to hide it.\n"
    )
    assert by_content(text, "its oils had passed").source_type == "company"
    assert by_content(text, "seven of 18").source_type == "organisation"
    assert by_content(text, "photomontages").source_type == "company"


def test_a_name_followed_by_a_degree_is_a_persons_whom_he_can_be() -> None:
    # the recogniser took "Geriatrician Tomasz Wielgosz" for an organisation
    text = (
        "Priya Natarajan, PhD, an epidemiologist who was not involved, said the results were "
        "plausible.\n\n"
        '"People who wear hearing aids tend to be wealthier," she said.\n\n'
        "Geriatrician Tomasz Wielgosz, MD, of the Great Lakes Falls Clinic in Cleveland, said a "
        "trial his group ran found no difference in falls.\n\n"
        '"Twelve months may have been too short," he said.\n'
    )
    short = by_content(text, "Twelve months")
    assert short.source is not None and "Tomasz Wielgosz" in short.source


def test_according_to_a_body_described_by_a_participle_the_parser_read_as_a_verb() -> None:
    text = (
        "The hotel\u2019s five storeys would rise well above the chapel\u2019s bell-cot, according "
        "to a residents\u2019 committee set up to fight the project.\n"
    )
    said = one(text)
    assert said.content.text.startswith("The hotel\u2019s five storeys")
    assert said.speaker is not None and "committee" in said.speaker.text


def test_what_is_declared_so_is_done_not_said() -> None:
    text = (
        "Two candidates each declared themselves president.\n\n"
        "The government declared a state of catastrophe on Friday.\n\n"
        "The mayor declared that the town was safe.\n"
    )
    assert [a.content.text for a in extract(text)] == ["the town was safe"]


def test_a_legal_form_in_brackets_stays_inside_the_company_name() -> None:
    text = (
        "Kgosi Guard Services (Pty) Ltd argues in its statement of defence that the guards "
        "were dismissed.\n\n"
        "Residents' groups said at least six people were still unaccounted for.\n"
    )
    argued = by_content(text, "guards were dismissed")
    assert argued.source == "Kgosi Guard Services (Pty) Ltd"
    assert argued.source_type == "company"
    assert by_content(text, "six people").source_type == "organisation"


def test_a_spokesperson_named_by_a_company_speaks_for_the_company() -> None:
    text = "Shares fell.\n\nA Kestrel Mobility spokeswoman said the scooters were safe.\n"
    safe = one(text)
    assert (safe.source, safe.source_type) == ("Kestrel Mobility", "company")


_DEPARTMENTS = (
    "Boil-water delay\n\n"
    "Residents said the Halden Water Department had ignored their complaints for weeks.\n"
    "The water department said the delay was caused by a backlog at a laboratory.\n"
    "The county health department said 31 people had been treated.\n"
)


def test_a_description_is_the_name_only_when_the_name_holds_its_nouns() -> None:
    # "the water department" is the Halden Water Department; "the county health department"
    # is another body, for all that both end in "department" ("county" places it, no more)
    assert by_content(_DEPARTMENTS, "backlog").source == "Halden Water Department"
    treated = by_content(_DEPARTMENTS, "31 people")
    assert treated.source is not None and "Halden" not in treated.source


def test_a_sworn_statement_is_an_attribution_and_a_deposed_ruler_is_not() -> None:
    text = (
        "In an affidavit, clan leader Peter Tavul deposed that the clan received its last "
        "rental payment in March 2023. Two engineers attested that the bridge was safe. "
        "The army deposed the president in 1998.\n"
    )
    found = {(a.speaker.text if a.speaker else None, a.content.text) for a in extract(text)}
    assert (
        "clan leader Peter Tavul",
        "the clan received its last rental payment in March 2023",
    ) in found
    assert ("Two engineers", "the bridge was safe") in found
    assert not any("president" in content for _, content in found)


_FINISH = (
    "Sprint crash\n\n"
    "Television pictures of the sprint, however, show Kessler and five other riders hitting "
    "the side of the island.\n"
    "Mr. Julian Avila swore in an affidavit attached to the claim that his catch had fallen "
    "to less than 40 pounds a week.\n"
)


def test_what_pictures_show_is_said_by_the_pictures_no_company() -> None:
    shown = by_content(_FINISH, "hitting the side")
    assert shown.speaker is not None and shown.speaker.text.startswith("Television pictures")
    assert shown.source_type != "company"


def test_one_content_with_two_cues_is_one_attribution_with_its_speaker() -> None:
    # "swore ... that" (a speaker) and "the claim that" (none) hold the same words: one
    found = [a for a in extract(_FINISH) if "his catch had fallen" in a.content.text]
    assert len(found) == 1
    assert found[0].speaker is not None and found[0].speaker.text == "Mr. Julian Avila"


def test_a_speaker_hung_on_the_last_noun_of_what_was_said_speaks() -> None:
    # the parser made the officer an apposition of "Navkar Speciality Chemicals Pvt Ltd",
    # inside what was said, and left "said" with no subject
    text = (
        "Plant blast\n\n"
        "The blast took place around 10.30 am in a reactor at the unit of Navkar Speciality "
        "Chemicals Pvt Ltd, Deputy Superintendent of Police (DySP) K R Vasava said.\n"
    )
    found = [a for a in extract(text) if a.content.text.startswith("The blast took place")]
    assert len(found) == 1
    assert found[0].content.text.endswith("Navkar Speciality Chemicals Pvt Ltd")
    assert found[0].speaker is not None and found[0].speaker.text.endswith("K R Vasava")


def test_a_legal_form_written_short_with_its_full_stop_names_a_company() -> None:
    text = (
        "Fund row\n\n"
        "Kestrel Harbour Capital Pte. said the elevator maker had lost money.\n"
        "Tsubame Elevator Co. said its installation arm had returned to profit.\n"
    )
    assert by_content(text, "lost money").source_type == "company"
    assert by_content(text, "returned to profit").source_type == "company"


_TSUBAME = (
    "Activist fund urges Tsubame Elevator to spin off repair arm, calls board "
    '"entrenched"\n\n'
    "A Singapore-based activist fund that has built up a 9.8 percent stake in Tsubame "
    "Elevator Co. demanded on Friday that the Osaka-based company spin off its "
    "maintenance business, saying the unit alone is worth more than the elevator "
    "maker's entire market value of about 410 billion yen ($2.7 billion).\n\n"
    "In a letter to Tsubame's board posted on its website, Kestrel Harbour Capital "
    "Pte. said the company's elevator installation business had lost money in each of "
    'the past four fiscal years and was being "propped up" by fees from servicing '
    "some 230,000 elevators and escalators in Japan and Southeast Asia.\n\n"
    "Loke said the fund had nominated three independent director candidates for "
    "election at Tsubame's annual shareholders meeting in June and that at least two "
    "other foreign investors, which he declined to name, had told Kestrel they would "
    "back the slate.\n\n"
    "Tsubame rejected the fund's figures. In a statement issued after the close of "
    "trading, the company said its installation division had returned to profit in "
    "the business year that ended in March 2025 and that separating the two "
    'businesses would leave buyers of new elevators "without the after-sales support '
    'that is the reason they choose Tsubame."\n\n'
    "Tsubame's shares have fallen about 22 percent over the past 12 months, while the "
    "benchmark Topix index has risen about 9 percent.\n"
)


def test_a_lone_word_opening_an_organisations_name_is_that_organisation() -> None:
    # "Tsubame" (taken for a person, and once for a place) after "Tsubame Elevator Co.";
    # "the company" after it is Tsubame too, not the fund that spoke before
    assert by_content(_TSUBAME, "the fund's figures").source == "Tsubame Elevator Co."
    assert by_content(_TSUBAME, "returned to profit").source == "Tsubame Elevator Co."


_BLAST = (
    "Blast at chemical unit\n\n"
    "Five workers were killed in an explosion at a chemical factory in Gujarat's Bharuch "
    "district on Friday, police said.\n\n"
    "The blast took place in a reactor at the unit of Navkar Speciality Chemicals Pvt Ltd, "
    "an official said.\n\n"
    "Fire tenders from Bharuch and Ankleshwar fought the blaze for three hours, an official "
    "of the district control room said.\n\n"
    "The company, in a statement, said the explosion was caused by a sudden pressure "
    "build-up.\n"
)


def test_the_company_is_the_one_named_a_company_not_a_place_taken_for_one() -> None:
    # "Navkar Speciality Chemicals Pvt Ltd" whole (its words hang on one another, not all
    # on "Ltd"), before "Bharuch", which the recogniser may take for an organisation
    assert by_content(_BLAST, "pressure build-up").source == "Navkar Speciality Chemicals Pvt Ltd"


def test_a_dateline_with_a_weekday_written_short_and_a_double_dash_stands_alone() -> None:
    # "BELIZE CITY, Thurs. Apr. 9, 2026-- A group of ...": the group speaks, not "2026--"
    text = (
        "Fishermen sue\n\n"
        "BELIZE CITY, Thurs. Apr. 9, 2026-- A group of 46 fishermen from the village of "
        "Crique Lagarto have asked the Supreme Court to stop a shrimp farm, claiming the "
        "discharges have killed off the snook.\n"
    )
    (found,) = [a for a in extract(text) if "killed off the snook" in a.content.text]
    assert found.speaker is not None and found.speaker.text == "A group of 46 fishermen"
    assert found.source_type != "company"  # a group of people, typed as the people it counts


def test_a_participle_after_with_is_said_by_the_object_of_with() -> None:
    text = (
        "Betting probe\n\n"
        "Several professional players have called on the board to publish its findings "
        "quickly, with one, Danish rifler Mads Krogh, writing on X that the whole scene is on "
        "trial.\n"
    )
    (found,) = [a for a in extract(text) if "on trial" in a.content.text]
    assert found.speaker is not None and found.speaker.text.endswith("Mads Krogh")


def test_a_description_with_a_hyphened_place_is_the_company_named_before() -> None:
    # "Dallas" and "Banja Luka" only say where the company is: "the Dallas-based retailer"
    # is a description of the company the sentence names, not a name of its own
    loss = by_content(
        "Acme Stores Inc. swung to a net loss of $84 million in 2025, the Dallas-based retailer "
        "said on Thursday.\n",
        "net loss",
    )
    assert (loss.source, loss.source_type) == ("Acme Stores Inc.", "company")
    jobs = by_content(
        "Drina Timber Ltd. will cut 120 jobs at its sawmill, the Banja Luka-based company told "
        "shareholders.\n",
        "120 jobs",
    )
    assert jobs.source is not None and jobs.source.startswith("Drina Timber")


def test_a_quantified_noun_introduces_no_one_a_description_can_point_back_to() -> None:
    # "any major European airline" is no airline in particular: "the airline"
    # is the carrier that spoke
    text = (
        "Budget carrier Solvane Air said on Thursday that its flights were the most punctual of "
        "any major European airline this summer.\n\n"
        "In its quarterly update, the airline said 88% of its flights had left on time, "
        "up from 81%.\n"
    )
    update = by_content(text, "88% of its flights")
    assert (update.source, update.source_type) == ("Solvane Air", "company")


def test_a_name_after_an_honorific_is_a_person_whatever_the_recogniser_says() -> None:
    # Thai style: "Mr Chatchai" is the chief executive by his given name; the recogniser
    # takes the lone name for a place
    text = (
        '"Buyers are taking longer to get mortgages approved," Lotus Bay Homes chief executive '
        "Chatchai Boonmee told the Nation.\n\n"
        "Mr Chatchai said the company had 1,140 units that were sold but not yet transferred.\n"
    )
    units = by_content(text, "1,140 units")
    assert (units.source, units.source_type) == ("Chatchai Boonmee", "official")


def test_a_councillor_written_short_is_named_in_full() -> None:
    # Canadian style "Coun." is a title, one word with its full stop, not the speaker
    text = (
        '"We did it on a report that only the mayor saw in full," said Coun. Moira Beaton, '
        "one of two councillors who voted against.\n"
    )
    said = by_content(text, "only the mayor saw")
    assert (said.source, said.source_type) == ("Moira Beaton", "official")


def test_scientists_or_a_team_at_a_named_body_give_its_word() -> None:
    # as "Analysts at Bergmann Securities" give the firm's word: researchers, scientists and
    # a team at or from a named university or institute are that body, not unnamed experts
    text = (
        "Traces of pesticide were found in 41 of 57 children, researchers from the Universidad "
        "Nacional del Salado reported this week.\n\n"
        "Scientists at the University of Tromsdal said the glacier had shrunk by a third.\n\n"
        "A team from the Halvorsen Institute said the virus spread faster indoors.\n\n"
        "A team of researchers said the frogs were a new species.\n"
    )
    traces = by_content(text, "Traces of pesticide")
    assert (traces.source, traces.source_type) == (
        "Universidad Nacional del Salado",
        "organisation",
    )
    glacier = by_content(text, "glacier had shrunk")
    assert glacier.source == "University of Tromsdal"
    virus = by_content(text, "spread faster")
    assert virus.source == "Halvorsen Institute"
    frogs = by_content(text, "new species")  # no body named: the team as it stands
    assert frogs.source is not None and "team" in frogs.source


def test_a_relative_the_article_does_not_name_is_anonymous() -> None:
    text = "A relative of the driver told reporters the brakes had failed twice before.\n"
    brakes = by_content(text, "brakes had failed")
    assert brakes.source_type == "anonymous"


def test_a_record_cue_after_which_speaks_for_the_record_it_hangs_on() -> None:
    # "which showed": the filing shows, as "the filing showed" would
    text = (
        "The company made a net profit of $61 million in 2024, according to the filing, which "
        "showed revenue rising 4 percent to $1.12 billion.\n"
    )
    revenue = by_content(text, "revenue rising")
    assert revenue.speaker is not None and revenue.speaker.text == "which"
    assert revenue.source == "filing"


def test_a_record_cue_after_which_naming_only_a_thing_reports_nothing() -> None:
    text = (
        "The logs, which record messages between security staff on the evening of 12 July, "
        "show that a steward radioed at 8.04pm.\n"
    )
    found = [a for a in extract(text) if "messages between" in a.content.text]
    assert found == []
    radioed = by_content(text, "steward radioed")
    assert radioed.source == "logs"


def test_a_report_by_a_named_author_is_theirs_not_the_last_speakers() -> None:
    # the headline's speaker calls the investigator's report one-sided: neither that report
    # nor "the report" after it is his
    text = (
        "Councillor docked pay after conduct probe\n\n"
        "Coun. Neil Rowan calls investigator's report 'one-sided', plans court challenge\n\n"
        "The report by Moncton lawyer Hazel Brennan concludes that Rowan repeatedly contacted "
        "the planning department about the permit.\n\n"
        "Brennan interviewed 11 people, according to the report, which council released on "
        "Wednesday.\n"
    )
    concludes = by_content(text, "repeatedly contacted")
    assert concludes.source == "Hazel Brennan report"
    interviewed = by_content(text, "interviewed 11 people")
    assert interviewed.source == "Hazel Brennan report"


def test_a_said_object_with_a_name_after_it_is_the_subject_of_what_was_said() -> None:
    # the parser reads "the club's midfielder" as the object of "said" and "Kalo Napat had
    # played ..." as a clause on it: one clause, its subject the midfielder
    text = (
        "In a statement yesterday, league general secretary Michael Tara said the club's "
        "Fiji-born midfielder Joeli Vakarua had played against Lautoka Rovers and Nadi Sharks "
        "without an international transfer certificate.\n"
    )
    played = by_content(text, "had played against")
    assert played.content.text.startswith("the club's Fiji-born midfielder")
    assert played.source == "Michael Tara"


def test_names_joined_by_an_ampersand_are_a_company() -> None:
    # partners' names are a firm's: "the company" after them is that firm
    text = (
        "Brannock & Vale Distillers, the London-listed owner of Kilcurry whiskey, said on "
        "Thursday that it expects shipments to recover.\n\n"
        "Group revenue fell 9% to £212.4 million, the company said in its interim results.\n\n"
        "Brannock & Vale's shares rose 3%.\n"
    )
    revenue = by_content(text, "Group revenue fell")
    assert revenue.source is not None and revenue.source.startswith("Brannock & Vale")
    assert revenue.source_type == "company"


def test_a_descriptor_before_an_organisations_name_types_it() -> None:
    # "Consumer authority ACM": the recogniser knows ACM for an organisation; the word before
    # it says which kind, as "energy supplier Stroomwijzer" does
    text = (
        "Consumer authority ACM said on Tuesday that energy supplier Stroomwijzer had used the "
        "wrong meter readings.\n"
    )
    readings = by_content(text, "wrong meter readings")
    assert (readings.source, readings.source_type) == ("ACM", "government")


def test_a_trailing_quoting_hung_deep_in_the_clause_is_a_hop_of_the_chain() -> None:
    # the parser hangs ", quoting the club's secretary" on "release", inside what was
    # reported: it is whom the outlet cites, not part of what it said
    text = (
        "Vanuatu news site Vila Times reported on Wednesday that Napat's former club had "
        "refused to release him, quoting the club's secretary, Lui Tarip.\n"
    )
    refused = by_content(text, "refused to release him")
    assert "quoting" not in refused.content.text
    assert any("Lui Tarip" in v for v in refused.via)


def test_accept_and_plead_are_cues_only_before_that() -> None:
    # in court, "accepted that" concedes and "pleads that" asserts; "accepted the offer",
    # "would accept whatever ..." and "pleaded not guilty" say nothing
    text = (
        "Under cross-examination, the former treasurer accepted that the minute book for 2019 "
        "could not be found.\n\n"
        "In its defence, the magazine pleads that the article was fair comment on a matter of "
        "public interest.\n\n"
        "The club accepted the offer on Monday, and its captain said he would accept whatever "
        "the league decided.\n\n"
        "Ms Dunmore has pleaded not guilty to two counts of theft.\n"
    )
    found = {a.cue.text if a.cue else None: a.content.text for a in extract(text)}
    assert found["accepted"] == "the minute book for 2019 could not be found"
    assert found["pleads"] == "the article was fair comment on a matter of public interest"
    assert "pleaded" not in found
    assert [c for c in found if c == "accepted"] == ["accepted"]


def test_counsel_putting_it_to_a_witness_is_a_cue() -> None:
    # "put it to him that": the phrase is the cue, not "put" ("put the toll at 34")
    text = (
        "Ms Carragher put it to him that the club's own accountant had raised concerns about the "
        "bar takings in 2020.\n"
    )
    put = by_content(text, "had raised concerns")
    assert put.cue is not None and put.cue.text == "put it to"
    assert put.source == "Carragher"


def test_a_said_object_with_a_participle_after_it_is_what_was_said() -> None:
    # the parser reads "those concerns" as the object of "said" and "related" as a
    # participle on it: a sentence does not end on "said" and a noun
    text = "Mr Farrell said those concerns related to the shop, not the lottery.\n"
    assert by_content(text, "related to").content.text.startswith("those concerns related")


def test_a_noun_set_off_at_the_end_with_another_speakers_cue_is_their_statement() -> None:
    # ", a spill that the paper mill says was contained within a day": the mill's statement,
    # not part of the residents' and not relayed by them
    text = (
        "Residents say hundreds of eels have died since a pipe burst last week, a spill that "
        "the paper mill says was contained within a day.\n"
    )
    contained = by_content(text, "contained within a day")
    assert contained.content.text == "was contained within a day"
    assert contained.via == ()
    died = by_content(text, "eels have died")
    assert "paper mill" not in died.content.text


def test_a_move_set_off_before_a_plural_speaker_is_not_the_speaker() -> None:
    # "..., a move traders warned could push up prices": the parser compounds "a move" into
    # the speaker and hangs the statement before on the cue
    text = (
        "Harrowgate Cement Limited said on Monday it had closed its kiln in Brackley, a move "
        "builders warned could push up concrete prices before the summer.\n"
    )
    warned = by_content(text, "push up concrete prices")
    assert warned.content.text.startswith("could push up")
    assert warned.speaker is not None and warned.speaker.text == "builders"
    closed = by_content(text, "closed its kiln")
    assert closed.source_type == "company"  # "Limited" ends a company's name
    assert "builders" not in closed.content.text


def test_an_and_opening_a_second_clause_before_a_closing_cue_joins_no_cue() -> None:
    # "... were killed and dozens of homes set on fire ..., a local official said": the parser
    # gives the cue the second clause's subject and joins them with "and"
    text = (
        "At least nine civilians were killed and dozens of homes set on fire when armed men "
        "attacked a village in Niger's western Tillaberi province, a local official said on "
        "Friday.\n"
    )
    killed = by_content(text, "nine civilians were killed")
    assert killed.speaker is not None and killed.speaker.text == "a local official"


def test_a_relative_clause_with_two_subjects_is_no_relative_clause() -> None:
    # "the section of pipe that burst had been patched": "that burst" is the relative, "had
    # been patched" the clause's verb, run together by the parser
    text = (
        "A worker at the estate's mill, who spoke on condition of anonymity for fear of being "
        'dismissed, said the section of pipe that burst had been "patched at least twice since '
        'June" instead of being replaced.\n'
    )
    assert by_content(text, "patched").content.text.startswith("the section of pipe")


def test_single_curly_marks_are_quoted_words_for_a_quote_only_cue() -> None:
    text = "She described the old bridge as \u2018a disaster waiting to happen\u2019.\n"
    described = by_content(text, "disaster waiting")
    assert described.cue is not None and described.cue.text == "described"


def test_a_cue_after_an_aside_the_parser_took_for_the_verb_keeps_its_speaker() -> None:
    # ", a copy of which has been seen by the Courier,": the parser makes the aside the verb
    text = (
        "An internal review commissioned by the board last year, a copy of which has been seen "
        "by the Courier, found that a third of the grant money could not be traced.\n"
    )
    found = by_content(text, "could not be traced")
    assert found.speaker is not None and found.speaker.text.endswith("review")


def test_a_that_after_the_verb_a_closing_cue_hangs_on_is_that_verbs() -> None:
    # "The decision means that ..., the federation said": the parser hangs the cue on
    # "means" and its "that" on the cue
    text = (
        "The decision means that the men\u2019s winning time of 2:04:51, which would have been the "
        "fastest marathon ever run on Kenyan soil, and the women\u2019s course record of 2:19:37 "
        "are annulled, the federation said in a letter to the organisers dated April 8.\n"
    )
    annulled = by_content(text, "are annulled")
    assert annulled.content.text.startswith("The decision means that")
    assert annulled.speaker is not None and annulled.speaker.text == "the federation"


def test_an_outlet_read_as_a_modifier_of_the_clauses_subject_reports_it() -> None:
    # "Local newspaper The Fenland Echo reported ..., citing X, that ...": the parser makes
    # "reported" a modifier of "newspaper", the subject of the clause after "that"
    text = (
        "Local newspaper The Fenland Echo reported on Monday, citing the owner of the farm, that "
        "the family had seen dead birds in the yard for a week.\n\n"
        "News site Marshlink reported on Tuesday, citing a farm worker, that a second barn had "
        "been cleared.\n"
    )
    seen = by_content(text, "dead birds")
    assert seen.speaker is not None and "Fenland Echo" in seen.speaker.text
    assert any("owner of the farm" in v for v in seen.via)
    cleared = by_content(text, "second barn")
    assert cleared.source_type == "media"
    assert any("farm worker" in v for v in cleared.via)


def test_a_participle_describing_the_speaker_keeps_him_the_speaker() -> None:
    text = (
        "In a video posted on Facebook late Sunday, a man identifying himself as the militia's "
        'commander, known as "Papa Kiro," claimed that the ambush was revenge for the arrest '
        "of two fighters by soldiers last month.\n"
    )
    claimed = by_content(text, "ambush was revenge")
    assert claimed.speaker is not None and claimed.speaker.text.startswith("a man")


def test_asking_that_names_be_withheld_is_no_statement() -> None:
    text = (
        "Two shopkeepers said they had seen no patrols since Sunday. Both asked that their "
        "names be withheld for fear of reprisals.\n"
    )
    assert [a.content.text for a in extract(text)] == ["they had seen no patrols since Sunday"]


def test_a_fire_force_is_an_emergency_service_not_an_army() -> None:
    # "Force" heads armies ("Russian forces"); with "fire" or "rescue" in the name it is a
    # public emergency service, no side in any fighting
    text = (
        "No one was hurt in the blaze, the Harbour City Fire Force said. Government forces "
        "shelled the town overnight, the army said.\n"
    )
    types = {a.source: a.source_type for a in extract(text)}
    assert types["Harbour City Fire Force"] == "government"
    assert types["army"] == "military"


def test_according_to_a_record_with_a_relative_clause_speaks_for_the_clause_before() -> None:
    # "according to data the ministry submitted to Rep. ...": the parser reads the relative
    # clause as a second clause and hangs "according to" on it
    text = (
        "The lab received 4.2 billion won ($2.9 million) in government research grants between "
        "2022 and 2025, according to data the Ministry of Science and ICT submitted to Rep. Park "
        "Ji-min of the National Assembly's science committee.\n"
    )
    found = [a for a in extract(text) if a.cue is not None and a.cue.text == "according to"]
    assert [a.content.text for a in found] == [
        "The lab received 4.2 billion won ($2.9 million) in government research grants "
        "between 2022 and 2025"
    ]


def test_according_to_a_source_then_its_relative_clause_are_two_statements() -> None:
    # "..., according to state geologists, who warned ...": the parser makes "who warned" a
    # second clause; "according to" speaks for the clause before, the geologists warned
    text = (
        "A mountainside above the fjord has been sliding at nearly three times its usual rate "
        "since late February, according to state geologists, who warned this week that a "
        "collapse could send a wave toward the village.\n"
    )
    found = {a.cue.text if a.cue else None: a for a in extract(text)}
    assert found["according to"].content.text.startswith("A mountainside above the fjord")
    warned = found["warned"]
    assert warned.source == "state geologists" and warned.via == ()


def test_an_ampersand_in_a_bodys_remit_makes_no_company() -> None:
    # "Brannock & Vale" is a firm of partners; "Division of Geological & Geophysical Surveys"
    # is a public body's remit
    text = (
        "The slope moved about 18 inches in March, according to the Alaska Division of "
        "Geological & Geophysical Surveys.\n"
    )
    (moved,) = extract(text)
    assert moved.source_type != "company"


def test_another_of_a_kind_is_not_the_one_the_points_at() -> None:
    # "The club said ..." does not look ahead to "another first-division club"
    text = (
        "The former coach, Ales Bizjak, alleges he was dismissed in March a day after he "
        "complained to the federation. The club said Bizjak had been dismissed because of poor "
        "results.\n\n"
        "A board member at another first-division club, who did not want to be named, said at "
        "least two other clubs were behind on wages.\n"
    )
    (club,) = [a for a in extract(text) if "poor results" in a.content.text]
    assert club.source is None or "another" not in club.source


def test_a_cue_tagged_a_noun_with_its_subject_before_citing_and_that_is_a_cue() -> None:
    # "Norrviks-Kuriren reports, citing ..., that ...": the tagger read "reports" as a plural
    # noun; the parser still gave it a subject and hung it on the clause after "that"
    text = (
        "Local newspaper Norrviks-Kuriren reports, citing two people close to the club's "
        "supporters, that the suspect is a long-standing member of the supporters' group "
        "Norrvik Ultras.\n"
    )
    member = by_content(text, "long-standing member")
    assert member.cue is not None and member.cue.text == "reports"
    assert any("two people close" in v for v in member.via)


def test_a_that_clause_read_as_a_relative_clause_on_whom_is_cited_is_reported() -> None:
    # "reported ..., citing the German Foreign Office, that Ms Hartmann had been ...": the
    # parser took "that" for a relative pronoun on "Office"; "daily" types the paper
    text = (
        "Hamburg daily Elbkurier reported at the time, citing the German Foreign Office, that "
        "Ms Hartmann had been travelling in Australia on a working holiday visa since March "
        "2024.\n"
    )
    visa = by_content(text, "working holiday visa")
    assert visa.content.text.startswith("Ms Hartmann had been travelling")
    assert visa.source_type == "media"
    assert any("Foreign Office" in v for v in visa.via)


def test_a_copula_the_parser_made_a_second_verb_of_said_is_what_was_said() -> None:
    text = (
        "A senior official at the Federal Ministry of Agriculture, who asked not to be named "
        "because he was not authorised to speak on the matter, said a waiver on import duty for "
        "wheat, which expired in December, was unlikely to be renewed before the end of the "
        "year.\n"
    )
    waiver = by_content(text, "unlikely to be renewed")
    assert waiver.content.text.startswith("a waiver on import duty")


def test_a_participle_set_off_after_the_source_of_according_to_is_the_sources() -> None:
    # "According to the letter, dated 2 April, samples ... exceeded ...": the parser hangs
    # "according to" on "dated"; what the letter says is the clause after it
    text = (
        "According to the letter, dated 2 April, samples from both consignments exceeded the EU "
        "maximum residue level for the fungicide carbendazim, and one also showed visible "
        "mould.\n"
    )
    (letter,) = [a for a in extract(text) if a.cue is not None and a.cue.text == "According to"]
    assert letter.content.text.startswith("samples from both consignments exceeded")


def test_the_army_is_not_the_other_force_it_is_named_beside() -> None:
    # "the army and the paramilitary Rapid Support Forces accused each other": "The army
    # said" later is the army, not the other force, though both are forces that spoke
    lede = (
        "A shell hit a clinic in the town of Wadi Rahal on Monday, killing nine people, as the "
        "army and the paramilitary Rapid Support Forces blamed each other for the attack.\n\n"
    )
    rebuttal = "The army said in a statement that the paramilitaries had fired the shell.\n"
    (army,) = [a for a in extract(lede + rebuttal) if "had fired the shell" in a.content.text]
    assert army.source == "army"
    relayed = "In a post on Telegram, the RSF said the army had shelled the clinic.\n\n"
    (army,) = [
        a for a in extract(lede + relayed + rebuttal) if "had fired the shell" in a.content.text
    ]
    assert army.source == "army"


def test_the_state_news_agency_is_not_a_news_site_named_before() -> None:
    text = (
        "Sudanese news site Sennar Voice reported, citing three farmers, that the road had "
        "been closed for a week.\n\n"
        "The state news agency said that the road had reopened on Sunday.\n"
    )
    state = by_content(text, "had reopened")
    assert state.source is not None and "Sennar Voice" not in state.source


def test_trade_blame_in_a_headline_is_no_one_s_statement() -> None:
    # "X as army, RSF trade blame": "blame" is the object of "trade", no cue after a comma
    text = (
        "Shell hits Sudan clinic, kills nine as army, RSF trade blame\n\n"
        "A shell hit a clinic in the town of Wadi Rahal on Monday, killing nine people, a "
        "medical source told AFP.\n"
    )
    assert not [a for a in extract(text) if a.cue is not None and a.cue.text == "blame"]


def test_quoting_set_off_after_a_cue_is_a_hop_not_a_statement() -> None:
    # the parser hangs "quoting" on the clause after "that" (or takes "that" for a
    # determiner): one statement, relayed, never a second one cued by "quoting"
    hung = (
        "The official news agency said, quoting the office of the provincial governor, that "
        "the dead included 14 women.\n"
    )
    misread = (
        "Local radio station Radio Nahr reported, quoting a nurse at the clinic, that staff had "
        "been pumping oxygen by hand through the night.\n"
    )
    for text, said in ((hung, "14 women"), (misread, "by hand")):
        found = [a for a in extract(text) if said in a.content.text]
        assert len(found) == 1
        assert found[0].cue is not None and found[0].cue.text != "quoting"
        assert found[0].via
    (radio,) = [a for a in extract(misread) if "by hand" in a.content.text]
    assert radio.source_type == "media"
    # "quoting X as saying: ..." says what it quotes
    text = (
        "Public broadcaster RTV reported that the ministry had closed every stand, quoting "
        "Deputy Minister Ana Kos as saying: \u201cNo stand will open until it is checked.\u201d\n"
    )
    assert by_content(text, "No stand will open").source == "Ana Kos"


def test_a_verb_after_a_closed_quotation_is_the_speaker_s_not_the_quoted_clause_s() -> None:
    # 'said the shell hit the ward "while patients were sleeping" and put the toll at 12':
    # the parser joins "put" to the quoted clause; it is the committee's second statement
    text = (
        "The Wadi Rahal Emergency Committee said the shell had hit the children's ward "
        '"while patients were sleeping" and put the death toll at 12.\n'
    )
    ward = by_content(text, "children's ward")
    assert ward.content.text.endswith('while patients were sleeping"')
    toll = by_content(text, "death toll at 12")
    assert toll.source == "Wadi Rahal Emergency Committee"


def test_his_in_what_she_says_may_be_the_relative_her_clause_names() -> None:
    # "Umm Salim, whose son ..., said his treatment had been cut": "his" is the son's, so
    # "she" after it is still hers
    text = (
        "Umm Salim Haddad, whose son has needed dialysis since March, said his sessions had "
        "been cut from four hours to two.\n\n"
        "\u201cThey told us to come back when there is power,\u201d she said.\n"
    )
    assert by_content(text, "come back when there is power").source == "Umm Salim Haddad"


def test_which_after_a_body_and_its_name_is_the_name() -> None:
    text = (
        "Only 9 of the region's 20 clinics were open on Monday, according to the U.N. "
        "humanitarian office, OCHA, which said a lack of fuel was the main reason.\n"
    )
    fuel = by_content(text, "lack of fuel")
    assert (fuel.source, fuel.source_type) == ("OCHA", "international organisation")


def test_she_after_a_person_introduced_by_a_description_is_that_person() -> None:
    # "A pharmacist ..., who asked not to be named, doubts the figures. She told ...": the
    # person the sentence just before is about, not the union man who spoke before her
    text = (
        'The nurses\' union says clinics are short of staff. "Nobody is listening," union '
        "secretary Karl Brandner said.\n\n"
        "A pharmacist at a private clinic in Linz, who asked not to be named because she is not "
        "allowed to speak to reporters, doubts the official figures. She told the paper that "
        "many doctors were not testing for the virus at all.\n"
    )
    pharmacist = by_content(text, "not testing for the virus")
    assert pharmacist.source is not None and "pharmacist" in pharmacist.source


def test_claiming_a_territory_is_no_statement() -> None:
    text = "The two neighbours both claim Kashmir in full but rule it only in part.\n"
    assert not extract(text)


def test_according_to_a_document_read_out_by_someone_speaks_for_the_clause_after() -> None:
    # "According to the indictment, read out by the prosecutor's office, the gang held ...":
    # the tagger took "read" for a past tense; with its agent it is a participle
    text = (
        "According to the charge sheet, read out by the state prosecutor, the two men kept "
        "the trader in a rented flat in Beira for 23 days.\n"
    )
    (sheet,) = [a for a in extract(text) if a.cue is not None and a.cue.text == "According to"]
    assert sheet.content.text.startswith("the two men kept the trader")


def test_the_group_that_posted_on_a_platform_is_not_the_platform() -> None:
    text = (
        "Shelling killed 20 people at a market in Karmadi, doctors said.\n\n"
        "In a post on Telegram, the paramilitary group said its fighters had not fired a single "
        "round towards Karmadi.\n"
    )
    group = by_content(text, "not fired a single round")
    assert group.source is None or "Telegram" not in group.source


def test_the_group_after_a_body_named_in_the_sentence_before_is_that_body() -> None:
    # the company spoke more often, but "The group" opens the sentence after the network's
    text = (
        "In a statement, Harwell Freight said it regretted the death. Harwell Freight said it "
        "would appeal. Harwell Freight also said its depots were safe.\n\n"
        "The Northern Bereaved Families Network said it knew of 19 similar cases. The group said "
        "managers were especially exposed.\n"
    )
    group = by_content(text, "especially exposed")
    assert group.source == "Northern Bereaved Families Network"


def test_that_after_citing_read_as_the_object_of_a_verb_deep_in_the_clause() -> None:
    # "reported ..., citing two employees, that KVS intends to cut ...": "that" taken for the
    # object of "cut", the cue for a clause of "intends"
    text = (
        "The local weekly Engadiner Bote reported on Friday, citing two employees at the plant, "
        "that KVS intends to cut 40 of its 210 jobs by the end of next year.\n"
    )
    jobs = by_content(text, "cut 40 of its 210 jobs")
    assert jobs.content.text.startswith("KVS intends")
    assert jobs.via


def test_that_after_a_relay_s_comma_is_no_part_of_what_was_said() -> None:
    text = (
        "Local radio station Radio Nahr reported, quoting a nurse at the clinic, that staff had "
        "been pumping oxygen by hand.\n"
    )
    assert by_content(text, "pumping oxygen").content.text.startswith("staff had been")


def test_the_paramilitary_group_is_the_force_called_paramilitary_before() -> None:
    # not "Babanusa", a town the recogniser took for an organisation, nor the platform
    text = (
        "Witnesses said the shells came from the east, where the paramilitary Rapid Support "
        "Forces (RSF) have held positions since April.\n\n"
        "Karmadi, a market town on the road between Babanusa and El Nuhud, has changed hands "
        "twice since the war began.\n\n"
        "In a post on Telegram, the paramilitary group said its fighters had not fired a single "
        "round towards Karmadi.\n"
    )
    group = by_content(text, "not fired a single round")
    assert group.source is not None and "Rapid Support Forces" in group.source


def test_the_company_after_another_body_s_sentence_is_still_the_company() -> None:
    # "the group" may be whatever body the sentence before is about; "the company" says which
    text = (
        "PT Lembah Mineral, which runs three nickel pits upstream, said it was cooperating with "
        "the police.\n\n"
        "Environmental group Sulawesi River Watch said the pits had stripped the hillside. The "
        "company denied that its operations had contributed to the flood.\n"
    )
    denial = by_content(text, "contributed to the flood")
    assert denial.source == "PT Lembah Mineral"


def test_she_after_a_quoted_description_of_someone_is_the_speaker_before() -> None:
    text = (
        "Dr. Ana Talo, the head of emergency medicine at the hospital, said the department had "
        "treated four players for concussion.\n\n"
        "\u201cA player who doesn\u2019t know where he is should not play again that day. That "
        "is not a grey area,\u201d she said.\n"
    )
    assert by_content(text, "grey area").source == "Ana Talo"


def test_the_minister_is_the_name_the_description_was_set_beside() -> None:
    text = (
        "Claire Duvivier, France\u2019s junior minister for housing, held a stake in a "
        "building firm, according to company filings.\n\n"
        "The minister denied any wrongdoing on Thursday.\n"
    )
    assert by_content(text, "any wrongdoing").source == "Claire Duvivier"


def test_a_spokeswoman_after_a_government_department_speaks_for_it() -> None:
    text = (
        "The operator, Carrieres du Bocq, rejects any link, its director said.\n\n"
        "The Walloon Public Service's environment department (SPW) confirmed that it had asked "
        "the operator to install two boreholes. A spokeswoman said the results would be "
        "published in June.\n"
    )
    spokeswoman = by_content(text, "results would be published")
    assert spokeswoman.source is not None and "environment department" in spokeswoman.source


def test_she_after_the_person_whose_view_the_sentence_before_gives_is_that_person() -> None:
    # "But for Anne Halleux, a hydrogeologist ..., drought alone does not explain it. She
    # said ...": the recogniser took her name for an organisation's; the profession set
    # beside it says she is a person, and "For X," gives her view
    text = (
        '"Our pumping is within the limits of our permit," its managing director, Marc '
        "Collin, said in a written reply.\n\n"
        "But for Anne-Sophie Halleux, a hydrogeologist at the University of Li\u00e8ge who has "
        "studied the aquifer, drought alone does not explain what is happening. She said the "
        "water level in a borehole near the pit had fallen by 11 metres since January.\n"
    )
    borehole = by_content(text, "fallen by 11 metres")
    assert (borehole.source, borehole.source_type) == ("Anne-Sophie Halleux", "person")


def test_a_cue_joined_to_the_clause_before_without_and_is_a_postposed_cue() -> None:
    # no "and" between the clause and "told": the speaker and her title after the comma
    joined = (
        "The recall will cost about \u20ac85 million, chief financial officer Ulrike Sander "
        "told analysts on a conference call.\n"
    )
    said = (
        "The recall will cost about \u20ac85 million, chief financial officer Ulrike Sander said.\n"
    )
    for text in (joined, said):
        cost = by_content(text, "85 million")
        assert cost.content.text == "The recall will cost about \u20ac85 million"
        assert cost.source == "Ulrike Sander"


def test_a_cue_with_its_own_object_after_a_comma_is_no_postposed_cue() -> None:
    # a headline: "Tiraspol denies leak", not a denial of the water intake being halted
    text = "Water intake on Dniester halted after oil slick, Tiraspol denies leak on left bank\n"
    found = extract(text)
    assert [a.content.text for a in found if a.cue is not None and a.cue.text == "denies"] == [
        "leak on left bank"
    ]
    # whom it was told to is no object of what was said, nor a phrase set off after a comma
    told = by_content("The bridge will reopen in May, the mayor told reporters.\n", "reopen")
    assert told.content.text == "The bridge will reopen in May"
    text = (
        "Hengguang Glass has shut down two of its five furnaces, the company said in a filing on "
        "Thursday, the latest sign that a price war is squeezing out weaker players.\n"
    )
    furnaces = by_content(text, "shut down two")
    assert furnaces.content.text == "Hengguang Glass has shut down two of its five furnaces"


def test_the_paramilitaries_are_the_force_written_paramilitary_before() -> None:
    # "The paramilitaries", "the militants": a plural description of the members, the name
    # written with that word ("the paramilitary Rapid Support Forces", "militant group Hamas")
    text = (
        "Shells hit the market, as the army and the paramilitary Rapid Support Forces traded "
        "blame.\n\nThe paramilitaries have repeatedly denied targeting civilians.\n"
    )
    assert by_content(text, "targeting civilians").source == "Rapid Support Forces"
    text = (
        "The militant group Hamas fired rockets overnight. The militants said they had targeted "
        "an air base.\n"
    )
    assert by_content(text, "targeted an air base").source == "Hamas"
