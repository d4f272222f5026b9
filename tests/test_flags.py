"""Flags on hand-built claim members and origins: the rules of the gold README, no model."""

from __future__ import annotations

from builders import said

from provenance.flags import FLAGS, Stakes, flag_claim
from provenance.models import Attribution, ClaimMember, Flag, Origin, Span
from provenance.rules import load_rules

RULES = load_rules()


def member(
    a: Attribution,
    *,
    origin: str,
    index: int = 0,
    self_reference: str | None = None,
    distancing: tuple[Span, ...] = (),
) -> ClaimMember:
    role = {"denial": "denies", "non-denial": "does not deny"}.get(a.stance, "asserts")
    return ClaimMember(
        doc_id="d",
        index=index,
        content=a.content,
        sentence=a.content,
        role=role,
        attribution=a,
        origin=origin,
        self_reference=self_reference,
        distancing=distancing,
    )


def names(flags: tuple[Flag, ...]) -> tuple[str, ...]:
    return tuple(f.name for f in flags)


def origin(name: str, key: str, kind: str | None, *members: int) -> Origin:
    return Origin(name, key, kind, members or (0,))


TEXT = (
    "Moscow said its forces had captured Selydove. An AFP source said the drive would take "
    "three months. Kestrel said it had alerted the authorities. Verhoeven admitted that Kestrel "
    "had been too slow. Holub said he had never taken money. The court said Holub had taken "
    "money. Holub denied that he had taken money. Holub claimed victory in the election. "
    "Analysts said Holub would need a partner. His lawyer said the test was contaminated. "
    "Russia and North Korea have not denied that the troops are in Russia."
)


def test_one_origin_is_single_source_with_its_evidence() -> None:
    a = said(
        TEXT,
        "the drive would take three months",
        "An AFP source",
        source="AFP source",
        source_type="anonymous",
    )
    flags = flag_claim(
        [member(a, origin="d/afp source")],
        (origin("AFP source", "d/afp source", "anonymous"),),
        RULES,
    )
    assert names(flags) == ("single_source", "anonymous_only")
    evidence = flags[0].evidence[0]
    assert evidence.rule == "single_source"
    assert evidence.detail == "origin: AFP source (anonymous)"
    assert evidence.attribution == 0 and evidence.span == a.speaker


def test_two_origins_corroborate_and_are_not_anonymous_if_one_is_named() -> None:
    a = said(TEXT, "Holub would need a partner", "Analysts", source="analysts", source_type="vague")
    b = said(TEXT, "Holub had taken money", "The court", source="court", source_type="court")
    members = [member(a, origin="d/analyst"), member(b, origin="court", index=1)]
    origins = (origin("analysts", "d/analyst", "vague", 0), origin("court", "court", "court", 1))
    flags = flag_claim(members, origins, RULES)
    assert names(flags) == ("corroborated",)
    assert flags[0].evidence[0].detail == "2 independent origins: analysts, court"


def test_a_side_about_its_own_gains_is_an_unverified_party_claim() -> None:
    a = said(
        TEXT,
        "its forces had captured Selydove",
        "Moscow",
        source="Russian government",
        source_type="government",
    )
    flags = flag_claim(
        [member(a, origin="russian government", self_reference="its")],
        (origin("Russian government", "russian government", "government"),),
        RULES,
    )
    assert names(flags) == ("single_source", "unverified_party_claim")
    assert flags[1].evidence[0].rule == "unverified_party_claim.party"
    assert "Russia" in flags[1].evidence[0].detail


def test_a_party_named_in_the_statement_is_about_itself() -> None:
    a = said(
        TEXT,
        "the troops are in Russia",
        "Russia and North Korea",
        source="Vladimir Putin",
        source_type="official",
        cue="have not denied",
    )
    flags = flag_claim(
        [member(a, origin="vladimir putin")],
        (origin("Vladimir Putin", "vladimir putin", "official"),),
        RULES,
    )
    assert "unverified_party_claim" in names(flags)


def test_a_company_about_itself_but_not_when_it_concedes() -> None:
    a = said(
        TEXT,
        "it had alerted the authorities",
        "Kestrel",
        source="Kestrel Mobility",
        source_type="company",
    )
    own = origin("Kestrel Mobility", "kestrel mobility", "company")
    assert "unverified_party_claim" in names(
        flag_claim([member(a, origin="kestrel mobility", self_reference="it")], (own,), RULES)
    )
    b = said(
        TEXT,
        "Kestrel had been too slow",
        "Verhoeven",
        source="Kestrel Mobility",
        source_type="company",
        cue="admitted",
        stance="conceding",
    )
    assert "unverified_party_claim" not in names(
        flag_claim(
            [member(b, origin="kestrel mobility", self_reference="the recall")], (own,), RULES
        )
    )


def test_a_person_about_themselves_only_when_the_article_shows_them_defending() -> None:
    a = said(TEXT, "he had never taken money", "Holub", source="Radek Holub", source_type="person")
    members = [member(a, origin="radek holub", self_reference="he")]
    holub = (origin("Radek Holub", "radek holub", "person"),)
    assert "unverified_party_claim" not in names(flag_claim(members, holub, RULES))
    accused = frozenset({"radek holub"})
    stakes = Stakes(accused=accused)
    assert "unverified_party_claim" in names(flag_claim(members, holub, RULES, stakes=stakes))


def test_an_advocate_speaks_for_a_side() -> None:
    a = said(
        TEXT,
        "the test was contaminated",
        "His lawyer",
        source="Sofie Wauters",
        source_type="person",
    )
    flags = flag_claim(
        [member(a, origin="sofie wauters")],
        (origin("Sofie Wauters", "sofie wauters", "person"),),
        RULES,
    )
    assert "unverified_party_claim" in names(flags)
    assert flags[1].evidence[0].rule == "unverified_party_claim.advocate"


def test_distancing_cue_disputes_but_claimed_victory_does_not() -> None:
    a = said(
        TEXT,
        "its forces had captured Selydove",
        "Moscow",
        source="Russian government",
        source_type="government",
        cue="said",
        stance="distancing",
    )
    one = (origin("Russian government", "russian government", "government"),)
    flags = flag_claim([member(a, origin="russian government")], one, RULES)
    assert "disputed" in names(flags)
    assert flags[names(flags).index("disputed")].evidence[0].rule == "disputed.distancing-cue"
    b = said(
        TEXT,
        "victory in the election",
        "Holub",
        source="Radek Holub",
        source_type="person",
        cue="claimed",
        stance="distancing",
    )
    holub = (origin("Radek Holub", "radek holub", "person"),)
    assert "disputed" not in names(flag_claim([member(b, origin="radek holub")], holub, RULES))


def test_reporter_distancing_phrase_disputes() -> None:
    a = said(
        TEXT,
        "the drive would take three months",
        "An AFP source",
        source="AFP source",
        source_type="anonymous",
    )
    phrase = Span(0, 6, "Moscow")  # any span the statements stage found
    flags = flag_claim(
        [member(a, origin="d/afp source", distancing=(phrase,))],
        (origin("AFP source", "d/afp source", "anonymous"),),
        RULES,
    )
    disputed = flags[names(flags).index("disputed")]
    assert disputed.evidence[0].rule == "disputed.reporter"
    assert disputed.evidence[0].span == phrase


def test_a_denial_by_another_party_denies_and_disputes() -> None:
    claim = said(TEXT, "Holub had taken money", "The court", source="court", source_type="court")
    denial = said(
        TEXT,
        "he had taken money",
        "Holub",
        source="Radek Holub",
        source_type="person",
        cue="denied",
        stance="denial",
    )
    members = [member(claim, origin="court"), member(denial, origin="radek holub", index=1)]
    flags = flag_claim(members, (origin("court", "court", "court"),), RULES)
    assert names(flags) == ("single_source", "disputed", "denied")
    denied = flags[2].evidence[0]
    assert denied.attribution == 1 and denied.span == denial.cue


def test_a_non_denial_is_not_a_denial() -> None:
    claim = said(TEXT, "Holub had taken money", "The court", source="court", source_type="court")
    silent = said(
        TEXT,
        "the troops are in Russia",
        "Russia and North Korea",
        source="Russian government",
        source_type="government",
        cue="have not denied",
        stance="non-denial",
    )
    members = [member(claim, origin="court"), member(silent, origin="russian government")]
    flags = flag_claim(members, (origin("court", "court", "court"),), RULES)
    assert names(flags) == ("single_source",)


def test_unattributed_sentences_are_flagged_unattributed_only() -> None:
    sentence = Span(0, 30, "Russian attacks killed two pe.")
    found = ClaimMember(
        "d", None, sentence, sentence, "states", kind="casualty", cue=Span(16, 22, "killed")
    )
    flags = flag_claim([found], (), RULES)
    assert names(flags) == ("unattributed",)
    assert flags[0].evidence[0].rule == "unattributed.casualty"
    assert flags[0].evidence[0].span == Span(16, 22, "killed")


def test_flags_come_in_the_readme_order() -> None:
    assert FLAGS == (
        "single_source",
        "anonymous_only",
        "unverified_party_claim",
        "disputed",
        "denied",
        "corroborated",
        "unattributed",
    )


def test_a_prosecutor_is_no_interested_party() -> None:
    text = "The prosecutor said the driver had planned the crash."
    a = said(
        text,
        "the driver had planned the crash",
        "The prosecutor",
        source="Crown prosecutor",
        source_type="official",
    )
    flags = flag_claim(
        [member(a, origin="crown prosecutor")],
        (origin("Crown prosecutor", "crown prosecutor", "official"),),
        RULES,
    )
    assert [f.name for f in flags] == ["single_source"]


def test_a_source_called_unnamed_is_unnamed_whatever_its_role() -> None:
    from provenance.flags import unnamed

    assert unnamed(Origin("unnamed general", "d/unnamed general", "military"))
    assert unnamed(Origin("an anonymous police officer", "d/anonymous police officer", "police"))
    assert not unnamed(Origin("Prosecutors", "d/prosecutor", "court"))


def test_a_source_named_only_by_whose_source_it_is_is_unnamed() -> None:
    from provenance.flags import unnamed

    # keyed by its name, for the name in it; the name says whose source, not who
    assert unnamed(Origin("DVSA enforcement source", "dvsa enforcement source", None))
    assert unnamed(Origin("BetThistle insider", "betthistle insider", None))
    assert unnamed(Origin("sources in the Kessel ministry", "sources in the kessel ministry", None))
    assert not unnamed(Origin("Open Source Initiative", "open source initiative", None))


def test_a_company_announcing_its_own_action_is_no_party_claim() -> None:
    # "it would appeal the decision": what it will do itself, which it is the authority on;
    # with a reason or a second clause it says more and is its own word again
    t = (
        "Quorra said it would appeal the decision. Quorra said it would appeal because the "
        "fine was unlawful. Quorra said it had withdrawn the app."
    )
    own = origin("Quorra Technologies", "quorra technologies", "company")

    def flags(content: str) -> tuple[str, ...]:
        a = said(t, content, "Quorra", source="Quorra Technologies", source_type="company")
        m = member(a, origin="quorra technologies", self_reference="it")
        return names(flag_claim([m], (own,), RULES))

    assert "unverified_party_claim" not in flags("it would appeal the decision")
    assert "unverified_party_claim" in flags("it would appeal because the fine was unlawful")
    # done already: "it had withdrawn the app", "has suspended the certificate"
    assert "unverified_party_claim" not in flags("it had withdrawn the app")


def test_people_of_a_place_or_a_workplace_are_unnamed_a_bodys_people_are_not() -> None:
    from provenance.flags import unnamed

    def described(name: str, kind: str | None = None) -> bool:
        return unnamed(Origin(name, f"d/{name.lower()}", kind))

    assert described("Doctors at the town's health centre", "expert")
    assert described("Fishermen in the coastal town of Pell")
    assert described("staff at the provincial hospital")
    assert not described("Forecasters at the national weather service")
    assert not described("lawyers for the two intermediaries")
    assert not described("Kestria's general staff", "military")


def test_a_group_of_the_public_spoken_of_as_a_whole_is_vague_not_unnamed() -> None:
    # "Residents say", "several pass holders": nobody promised them anonymity; "two
    # residents" are people who could be named and are not
    from provenance.flags import unnamed

    def described(name: str) -> bool:
        return unnamed(Origin(name, f"d/{name.lower()}", None))

    assert not described("Residents")
    assert not described("several pass holders")
    assert not described("Members of the gym")
    assert described("two residents")
    assert described("staff at the gym")


def test_those_who_run_an_event_are_a_body_not_an_unnamed_group() -> None:
    from provenance.flags import unnamed

    def described(name: str) -> bool:
        return unnamed(Origin(name, f"d/{name.lower()}", None))

    assert not described("Organisers")
    assert not described("the tournament's organisers")
    assert not described("arbiters")
    assert described("two arbiters")
    assert described("mountain guides")


def test_records_and_a_dated_document_are_not_unnamed_groups() -> None:
    from provenance.flags import unnamed

    def described(name: str) -> bool:
        return unnamed(Origin(name, f"d/{name.lower()}", None))

    assert not described("lottery's published results")
    assert not described("auction catalogues")
    assert not described("2023 audit")
    assert described("3 witnesses")
    assert described("social media images")


def test_an_organisation_calling_itself_the_company_speaks_about_itself() -> None:
    # the tagger left "Thornbury" an organisation; its spokeswoman says "the company": a
    # company's word about itself. A rights group's "its researchers" stays its work.
    text = "A Thornbury spokeswoman said the company had no record of any complaints."
    a = said(
        text,
        "the company had no record of any complaints",
        "A Thornbury spokeswoman",
        source="Thornbury",
        source_type="organisation",
    )
    own = origin("Thornbury", "thornbury", "organisation")
    flags = flag_claim([member(a, origin="thornbury")], (own,), RULES)
    assert "unverified_party_claim" in names(flags)
    text = "Amnesty said its researchers had found no record of any complaints."
    b = said(
        text,
        "its researchers had found no record of any complaints",
        "Amnesty",
        source="Amnesty",
        source_type="organisation",
    )
    group = origin("Amnesty", "amnesty", "organisation")
    assert "unverified_party_claim" not in names(
        flag_claim([member(b, origin="amnesty")], (group,), RULES)
    )


def test_rejecting_a_denial_disputes_what_it_answers_and_denies_nothing() -> None:
    text = (
        "The company said it had won the contract fairly. Almeida dismissed the minister's "
        "denial. Almeida denied the company's account."
    )
    account = said(
        text,
        "it had won the contract fairly",
        "The company",
        source="Meridian",
        source_type="company",
    )
    own = origin("Meridian", "meridian", "company", 0)

    def answered_by(content: str, cue: str) -> tuple[str, ...]:
        answer = said(
            text,
            content,
            "Almeida",
            source="Patricia Almeida",
            source_type="person",
            cue=cue,
            stance="denial",
        )
        members = [member(account, origin="meridian"), member(answer, origin="almeida", index=1)]
        return names(flag_claim(members, (own,), RULES))

    rejected = answered_by("the minister's denial", "dismissed")
    assert "disputed" in rejected and "denied" not in rejected
    assert "denied" in answered_by("the company's account", "denied")


def test_a_bodys_written_rules_are_no_unnamed_group() -> None:
    from provenance.flags import unnamed

    def described(name: str) -> bool:
        return unnamed(Origin(name, f"d/{name.lower()}", None))

    assert not described("prize\u2019s rules")
    assert not described("the league's regulations")
    assert described("two rule-makers")
    # tests and studies are records too, not people
    assert not described("laboratory tests")
    assert not described("two independent studies")


def test_records_are_no_unnamed_source_but_images_posted_by_nobody_are() -> None:
    from provenance.flags import unnamed

    for name in ("fine notices", "Payslips", "Internal dashboards", "Log books"):
        assert not unnamed(Origin(name, f"d/{name.lower()}", None)), name
    assert unnamed(Origin("Images", "d/image", None))


def test_the_owners_or_board_of_a_body_are_its_voice_not_an_unnamed_group() -> None:
    from provenance.flags import unnamed

    assert not unnamed(Origin("franchise\u2019s owners", "d/franchise owner", None))
    assert not unnamed(Origin("club's board", "d/club board", None))
    # its people are still a group nobody can call back
    assert unnamed(Origin("franchise\u2019s players", "d/franchise player", None))
    assert unnamed(Origin("two owners", "d/two owner", None))
