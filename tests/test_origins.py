"""Origins: following chains, rolling ministries up, roles, described sources; no model."""

from __future__ import annotations

from builders import document, said

from provenance.origins import Node, independent_origins, statement_origins
from provenance.rules import load_rules

RULES = load_rules()


def test_the_chain_origin_is_the_source_cited() -> None:
    t = "TASS reported, citing a diplomatic source, that Choe arrived in Vladivostok."
    doc = document(
        "d",
        t,
        said(
            t,
            "Choe arrived in Vladivostok",
            "TASS",
            source_type="state media",
            cue="reported",
            via=("a diplomatic source",),
        ),
    )
    (node,) = statement_origins(doc, 0, RULES)
    assert node.name == "diplomatic source"
    assert node.key == "d/diplomatic sourc"  # a described source belongs to its article
    assert node.type == "anonymous"
    assert node.relays == ("TASS",)


def test_a_listed_hop_is_canonical() -> None:
    t = "Russia advanced, according to an AFP analysis of data from the American Institute."
    doc = document(
        "d",
        t,
        said(
            t,
            "Russia advanced",
            "an AFP analysis",
            source="AFP analysis",
            source_type="media analysis",
            cue="according to",
            via=("the American Institute for the Study of War",),
        ),
    )
    (node,) = statement_origins(doc, 0, RULES)
    assert node.name == "Institute for the Study of War"
    assert node.type == "organisation"


def test_a_ministry_rolls_up_and_the_article_names_it_most_specifically() -> None:
    t = "Moscow said it had won. The Russian defence ministry said its forces had won."
    doc = document(
        "d",
        t,
        said(t, "it had won", "Moscow", source="Russian government", source_type="government"),
        said(
            t,
            "its forces had won",
            "The Russian defence ministry",
            source="Russian defence ministry",
            source_type="military",
        ),
    )
    first, second = statement_origins(doc, 0, RULES)[0], statement_origins(doc, 1, RULES)[0]
    assert first.key == second.key == "russian government"
    assert first.name == second.name == "Russian defence ministry"


def test_a_chief_executive_speaks_for_the_company_named_before() -> None:
    t = (
        "Kestrel Mobility said it would recall scooters. We found a fault, chief executive "
        "Ruud Verhoeven said. The recall could cost 40 million euros, Verhoeven said."
    )
    doc = document(
        "d",
        t,
        said(t, "it would recall scooters", "Kestrel Mobility", source_type="company"),
        said(
            t,
            "We found a fault",
            "chief executive Ruud Verhoeven",
            source="Ruud Verhoeven",
            source_type="person",
        ),
        said(
            t,
            "The recall could cost 40 million euros",
            "Verhoeven",
            source="Verhoeven",
            source_type="person",
        ),
    )
    assert [statement_origins(doc, i, RULES)[0].name for i in range(3)] == ["Kestrel Mobility"] * 3


def test_a_role_beside_the_name_is_of_the_body_it_names() -> None:
    # "union chairman" is the union's, though a company spoke before him; "Veltra's head of
    # product" is Veltra's, not that of an untyped source whose name holds the word
    t = (
        "Dravik Foods said its output would fall. The farmers' union said no one had been paid. "
        "Posts on a Veltra owners' forum say tractors failed. Every unit was tested, Veltra "
        "said. No update reached tractors, Veltra's head of product, Lena Brauer, said. "
        "We want the law applied, union chairman Goran Petric said."
    )
    doc = document(
        "d",
        t,
        said(t, "its output would fall", "Dravik Foods", source_type="company"),
        said(t, "no one had been paid", "The farmers' union", source="farmers' union"),
        said(t, "tractors failed", "Posts on a Veltra owners' forum"),
        said(t, "Every unit was tested", "Veltra", source_type="company"),
        said(
            t,
            "No update reached tractors",
            "Veltra's head of product, Lena Brauer",
            source="Lena Brauer",
            source_type="person",
        ),
        said(
            t,
            "We want the law applied",
            "union chairman Goran Petric",
            source="Goran Petric",
            source_type="person",
        ),
    )
    assert statement_origins(doc, 4, RULES)[0].name == "Veltra"
    assert statement_origins(doc, 5, RULES)[0].name == "farmers' union"


def test_a_title_opening_with_a_place_level_is_no_body_of_that_place() -> None:
    t = (
        "She died in the fire, the Tallow County Coroner's Office said. He had asked for a "
        "review, County Commissioner Brent Hollis said."
    )
    doc = document(
        "d",
        t,
        said(
            t,
            "She died in the fire",
            "the Tallow County Coroner's Office",
            source="Tallow County Coroner's Office",
            source_type="government",
        ),
        said(
            t,
            "He had asked for a review",
            "County Commissioner Brent Hollis",
            source="Brent Hollis",
            source_type="official",
        ),
    )
    assert statement_origins(doc, 1, RULES)[0].name == "Brent Hollis"


def test_a_coordinated_speaker_names_several_origins() -> None:
    t = (
        "Both countries, along with NATO and the United States, are sounding the alarm over "
        "the transfer of troops."
    )
    doc = document(
        "d",
        t,
        said(
            t,
            "over the transfer of troops",
            "Both countries",
            source="Both countries",
            cue="sounding the alarm",
            evidence="mention text",
        ),
    )
    assert [n.name for n in statement_origins(doc, 0, RULES)] == [
        "Both countries",
        "NATO",
        "US government",
    ]


def test_both_countries_are_the_governments_the_paragraph_before_names() -> None:
    t = (
        "Zelensky said he had discussed the troops with South Korea's president.\n"
        "Both countries, along with NATO, are sounding the alarm over the transfer of troops."
    )
    doc = document(
        "d",
        t,
        said(t, "he had discussed the troops", "Zelensky", source="Volodymyr Zelensky"),
        said(
            t,
            "over the transfer of troops",
            "Both countries",
            source="Both countries",
            cue="sounding the alarm",
            evidence="mention text",
        ),
    )
    assert [n.name for n in statement_origins(doc, 1, RULES)] == [
        "Ukrainian government",
        "South Korean government",
        "NATO",
    ]


def test_both_countries_stay_one_origin_when_the_paragraph_before_names_no_two() -> None:
    t = "Ukraine asked for help.\nBoth countries are sounding the alarm over the troops."
    doc = document(
        "d",
        t,
        said(t, "over the troops", "Both countries", cue="sounding the alarm"),
    )
    assert [n.name for n in statement_origins(doc, 0, RULES)] == ["Both countries"]


def test_named_sources_are_the_same_across_articles_described_ones_are_not() -> None:
    t = "Analysts said it would rain. Marco Ferri said it would rain."
    one = document(
        "one",
        t,
        said(
            t,
            "it would rain",
            "Analysts",
            source="analysts",
            source_type="vague",
            evidence="head noun 'analysts'",
        ),
    )
    two = document(
        "two",
        t,
        said(
            t,
            "it would rain",
            "Analysts",
            source="analysts",
            source_type="vague",
            evidence="head noun 'analysts'",
        ),
    )
    assert statement_origins(one, 0, RULES)[0].key != statement_origins(two, 0, RULES)[0].key
    named = said(t, "it would rain", "Marco Ferri", source="Marco Ferri", source_type="person")
    keys = {statement_origins(document(d, t, named), 0, RULES)[0].key for d in ("one", "two")}
    assert keys == {"marco ferri"}


def test_chains_through_the_same_source_are_one_origin() -> None:
    bis = Node("BIS counter-intelligence service", "bis counter intelligence service", None)
    relayed = Node(
        "Jana Dvorakova",
        "jana dvorakova",
        "official",
        relays=("BIS counter-intelligence service",),
        shared=("bis counter intelligence service",),
    )
    (one,) = independent_origins([(0, [bis]), (1, [relayed])])
    assert one.name == "BIS counter-intelligence service"
    assert one.members == (0, 1)
    other = Node("Aria Pulita", "aria pulita", "organisation")
    assert len(independent_origins([(0, [bis]), (1, [other])])) == 2


def _origin_names(text: str, *attributions: tuple[str, str, str, str | None]) -> list[str]:
    """The first origin's name of each attribution ``(content, speaker, source, type)``."""
    doc = document(
        "d",
        text,
        *(said(text, c, s, source=src, source_type=kind) for c, s, src, kind in attributions),
    )
    return [statement_origins(doc, i, RULES)[0].name for i in range(len(attributions))]


def test_a_role_beside_the_name_speaks_for_the_institution_it_names() -> None:
    # "<institution>'s head of operations, Name" and "department spokeswoman Name": the source
    # whose name holds those words
    t = (
        "The Brask Rescue Trust said its boat was at sea. Nobody drowned, the Brask Rescue "
        "Trust’s head of operations, Ilse Varn, told AFP. The Ostmark County Health "
        "Department said ten people were ill. Tests found salmonella, department spokeswoman "
        "Mia Holt said."
    )
    names = _origin_names(
        t,
        ("its boat was at sea", "The Brask Rescue Trust", "Brask Rescue Trust", "organisation"),
        (
            "Nobody drowned",
            "the Brask Rescue Trust’s head of operations, Ilse Varn",
            "Ilse Varn",
            "official",
        ),
        (
            "ten people were ill",
            "The Ostmark County Health Department",
            "Ostmark County Health Department",
            "government",
        ),
        ("Tests found salmonella", "department spokeswoman Mia Holt", "Mia Holt", "official"),
    )
    assert names == [
        "Brask Rescue Trust",
        "Brask Rescue Trust",
        "Ostmark County Health Department",
        "Ostmark County Health Department",
    ]


def test_its_director_speaks_for_the_institution_the_statement_names() -> None:
    t = (
        "The union said the roof was cracked. The regional mining inspectorate has closed the "
        "mine, its director, Lena Kovac, said."
    )
    names = _origin_names(
        t,
        ("the roof was cracked", "The union", "union", "organisation"),
        (
            "The regional mining inspectorate has closed the mine",
            "its director, Lena Kovac",
            "Lena Kovac",
            "official",
        ),
    )
    assert names[1] == "regional mining inspectorate"


def test_a_chief_operating_officer_speaks_for_the_company_named_before() -> None:
    t = (
        "Aerolift Logistics said a bird had struck the drone. The signal was lost after that, "
        "chief operating officer Marten Kovic said."
    )
    names = _origin_names(
        t,
        ("a bird had struck the drone", "Aerolift Logistics", "Aerolift Logistics", "company"),
        (
            "The signal was lost after that",
            "chief operating officer Marten Kovic",
            "Marten Kovic",
            "person",
        ),
    )
    assert names == ["Aerolift Logistics", "Aerolift Logistics"]


def test_its_vice_chancellor_speaks_for_the_university() -> None:
    t = (
        "Castlemere University said the claims were false. Every mark is checked, its "
        "vice-chancellor, Professor Alan Reddish, said."
    )
    names = _origin_names(
        t,
        ("the claims were false", "Castlemere University", "Castlemere University", "organisation"),
        (
            "Every mark is checked",
            "its vice-chancellor, Professor Alan Reddish",
            "Alan Reddish",
            "person",
        ),
    )
    assert names == ["Castlemere University", "Castlemere University"]


def test_the_head_of_an_institution_after_the_name_speaks_for_it() -> None:
    t = "Two workers died, said Pablo Ruiz, the head of the Corrow Province Rescue Service."
    (name,) = _origin_names(t, ("Two workers died", "Pablo Ruiz", "Pablo Ruiz", "official"))
    assert name == "Corrow Province Rescue Service"


def test_a_governments_president_speaks_for_himself() -> None:
    # a head of state is not his government's spokesman: his word stays his
    t = (
        "The Talmari foreign ministry said talks had stalled. We will meet in May, Talmari "
        "President Arvid Kessel said."
    )
    names = _origin_names(
        t,
        (
            "talks had stalled",
            "The Talmari foreign ministry",
            "Talmari foreign ministry",
            "government",
        ),
        ("We will meet in May", "Talmari President Arvid Kessel", "Arvid Kessel", "official"),
    )
    assert names[1] == "Arvid Kessel"


def test_a_spokesman_for_an_institution_before_the_name_speaks_for_it() -> None:
    t = (
        "A spokesman for the state Cyber Response Unit, Nate Gorski, said the unit had sent "
        "two analysts."
    )
    (name,) = _origin_names(
        t,
        (
            "the unit had sent two analysts",
            "A spokesman for the state Cyber Response Unit, Nate Gorski",
            "Nate Gorski",
            "person",
        ),
    )
    assert name == "state Cyber Response Unit"


def test_a_name_owning_a_role_is_the_origin_though_it_says_nothing_itself() -> None:
    # no source of the article is Quorlo; its chief executive speaks for it, as a company
    t = "In an interview, Quorlo's chief executive, Arjun Pell, said reviewers had been used."
    doc = document(
        "d",
        t,
        said(
            t,
            "reviewers had been used",
            "Quorlo's chief executive, Arjun Pell",
            source="Arjun Pell",
            source_type="official",
        ),
    )
    (origin,) = statement_origins(doc, 0, RULES)
    assert (origin.name, origin.type) == ("Quorlo", "company")


def test_a_title_naming_a_body_by_its_head_word_is_the_body_the_article_names() -> None:
    # "Authority" is the Lindell Water Authority, named once in the article and silent
    # itself; the authority's complaint log is a record of it, not the body
    t = (
        "Residents fell ill before the Lindell Water Authority told customers to boil water. "
        "The authority's own complaint log shows 14 calls. Authority general manager Denise "
        "Farrow said the delay was caused by a backlog."
    )
    names = _origin_names(
        t,
        ("14 calls", "The authority's own complaint log", "authority's own complaint log", None),
        (
            "the delay was caused by a backlog",
            "Authority general manager Denise Farrow",
            "Denise Farrow",
            "official",
        ),
    )
    assert names[1] == "Lindell Water Authority"


def test_a_described_body_owning_a_role_is_the_origin() -> None:
    t = "The avalanche service's head of forecasting, Kaj Morup, said the bulletins applied."
    (name,) = _origin_names(
        t,
        (
            "the bulletins applied",
            "The avalanche service's head of forecasting, Kaj Morup",
            "Kaj Morup",
            "official",
        ),
    )
    assert name == "avalanche service"


def test_a_possessive_owner_before_a_company_role_is_the_company() -> None:
    # the managing director is Thornbury's, not the company that spoke last before him
    t = (
        "Gas leaked at the Thornbury Chemicals site, according to Thornbury. The haulier, "
        "Brenning Logistics, said the valve was not its own. Thornbury’s managing director, "
        "Colin Ashby, said the company was sorry."
    )
    names = _origin_names(
        t,
        ("Gas leaked at the Thornbury Chemicals site", "Thornbury", "Thornbury", "organisation"),
        (
            "the valve was not its own",
            "The haulier, Brenning Logistics",
            "Brenning Logistics",
            "company",
        ),
        (
            "the company was sorry",
            "Thornbury’s managing director, Colin Ashby",
            "Colin Ashby",
            "official",
        ),
    )
    assert names == ["Thornbury", "Brenning Logistics", "Thornbury"]


def test_a_role_introduced_in_the_running_text_speaks_for_its_owner() -> None:
    # Brodo is introduced inside the keepers' statement, as the zoo's director: the one
    # proper name the article gives the zoo is the origin, an organisation
    t = (
        "Keepers at Maravel City Zoo said they had asked the zoo's director, Anselm Brodo, for "
        "help. Brodo said the elephant had the best care."
    )
    doc = document(
        "d",
        t,
        said(
            t,
            "they had asked the zoo's director, Anselm Brodo, for help",
            "Keepers at Maravel City Zoo",
            source="Keepers",
            source_type=None,
        ),
        said(
            t,
            "the elephant had the best care",
            "Brodo",
            source="Anselm Brodo",
            source_type="official",
        ),
    )
    origin = statement_origins(doc, 1, RULES)[0]
    assert (origin.name, origin.type) == ("Maravel City Zoo", "organisation")


def test_a_bare_spokeswoman_speaks_for_the_body_just_spoken_of() -> None:
    # "spokeswoman Tessa Rowan" names no body: she speaks for the company of the sentence
    # before, not for herself
    t = (
        'Stagepass Holdings denied holding tickets back. "Every seat went on sale at 10 a.m.," '
        "said spokeswoman Tessa Rowan."
    )
    names = _origin_names(
        t,
        ("holding tickets back", "Stagepass Holdings", "Stagepass Holdings", "company"),
        (
            "Every seat went on sale at 10 a.m.,",
            "spokeswoman Tessa Rowan",
            "Tessa Rowan",
            "official",
        ),
    )
    assert names == ["Stagepass Holdings", "Stagepass Holdings"]


def test_a_short_name_before_a_title_is_the_body_the_article_names_in_full() -> None:
    # "Northway president Kevin Doucette": the company, named in full before; "The city's
    # contract with Northway Snow Services" holds the name but is a writing, no company
    t = (
        "The city's contract with Northway Snow Services says the company must clear every "
        "street within 36 hours. In an emailed statement, Northway president Kevin Doucette "
        "said the company had 42 plows on the road throughout the storm."
    )
    doc = document(
        "d",
        t,
        said(
            t,
            "the company must clear every street within 36 hours",
            "The city's contract with Northway Snow Services",
            source="city's contract with Northway Snow Services",
        ),
        said(
            t,
            "the company had 42 plows on the road throughout the storm",
            "Northway president Kevin Doucette",
            source="Kevin Doucette",
            source_type="official",
        ),
    )
    origin = statement_origins(doc, 1, RULES)[0]
    assert (origin.name, origin.type) == ("Northway Snow Services", "organisation")


def test_a_bare_surname_is_the_person_the_running_text_names_in_full() -> None:
    # "Aalders told the Financial Times": the person the text introduced as "Pieter Aalders",
    # not "people close to Aalders", a later source ending with the same word
    t = (
        "Pieter Aalders, who started the company in 2009, was told of the decision on Monday. "
        '"Unanimous is simply not true," Aalders told the Financial Times. People close to '
        "Aalders said he had sounded out investors."
    )
    names = _origin_names(
        t,
        ("Unanimous is simply not true,", "Aalders", "Aalders", None),
        (
            "he had sounded out investors",
            "People close to Aalders",
            "people close to Aalders",
            "vague",
        ),
    )
    assert names[0] == "Pieter Aalders"


def test_an_acronym_is_the_source_whose_initials_it_is() -> None:
    # "A VMS spokesman" speaks for the Veldrian Meteorological Service named before
    t = (
        "The Veldrian Meteorological Service said the station had recorded 47.9C. A VMS "
        "spokesman said the relocation had been scheduled."
    )
    names = _origin_names(
        t,
        (
            "the station had recorded 47.9C",
            "The Veldrian Meteorological Service",
            "Veldrian Meteorological Service",
            "organisation",
        ),
        ("the relocation had been scheduled", "A VMS spokesman", "VMS", "organisation"),
    )
    assert names == ["Veldrian Meteorological Service"] * 2


def test_a_body_named_by_a_common_noun_is_its_articles_own_source() -> None:
    # "The council" and "A council spokesman" are one origin in their article, and no
    # other article's council
    def council(doc_id: str) -> Node:
        t = "A council spokesman said the repairs had cost 40,000 pounds."
        doc = document(
            doc_id,
            t,
            said(
                t,
                "the repairs had cost 40,000 pounds",
                "A council spokesman",
                source="council",
                source_type="government",
                evidence="issued by 'council' (government), speaking through 'spokesman'",
            ),
        )
        return statement_origins(doc, 0, RULES)[0]

    assert council("a").key != council("b").key
    assert council("a").key == council("a").key


def test_a_chairman_speaks_for_the_body_not_for_its_rulebook() -> None:
    # "Association chairman Pádraig Loftus": the association, not "the association's
    # rulebook", a writing whose name holds the word
    t = (
        "The association's rulebook states that a judge must withdraw. Association chairman "
        "Pádraig Loftus confirmed that the judge had resigned."
    )
    doc = document(
        "d",
        t,
        said(
            t,
            "a judge must withdraw",
            "The association's rulebook",
            source="association's rulebook",
            cue="states",
        ),
        said(
            t,
            "the judge had resigned",
            "Association chairman Pádraig Loftus",
            source="Pádraig Loftus",
            source_type="official",
            cue="confirmed",
        ),
    )
    assert statement_origins(doc, 1, RULES)[0].name == "Association"


def test_an_officer_of_a_body_the_article_describes_speaks_for_it() -> None:
    # "the charity" speaks as Harbour Aid elsewhere: its press officer speaks for it
    t = (
        "The charity said it had closed the shelter. The charity's press officer, Jane Moss, "
        "said the roof had failed. The trust's press officer, Ken Rowe, said the grant was paid."
    )
    names = _origin_names(
        t,
        ("it had closed the shelter", "The charity", "Harbour Aid", "organisation"),
        ("the roof had failed", "The charity's press officer, Jane Moss", "Jane Moss", "person"),
        ("the grant was paid", "The trust's press officer, Ken Rowe", "Ken Rowe", "person"),
    )
    # the trust speaks nowhere under that description: its officer speaks for it by its
    # head word, as "the university's spokesperson" does
    assert names == ["Harbour Aid", "Harbour Aid", "trust"]


def test_an_unnamed_former_owner_speaks_for_no_company() -> None:
    t = (
        "His insurer said he could be liable. A former owner of the farm said walkers had "
        "always used the track."
    )
    names = _origin_names(
        t,
        ("he could be liable", "His insurer", "his insurer", "company"),
        (
            "walkers had always used the track",
            "A former owner of the farm",
            "former owner of the farm",
            "anonymous",
        ),
    )
    assert names == ["his insurer", "former owner of the farm"]


def test_several_of_a_described_group_are_the_articles_group() -> None:
    # "Residents said ..." and "Several residents said ...": no one can tell them apart
    t = "Residents said the taps ran dry. Several residents said tankers charged double."
    doc = document(
        "d",
        t,
        said(t, "the taps ran dry", "Residents", source_type="vague"),
        said(t, "tankers charged double", "Several residents", source_type="vague"),
    )
    first, second = (statement_origins(doc, i, RULES)[0] for i in range(2))
    assert first.key == second.key == "d/resident"
    (origin,) = independent_origins([(0, (first,)), (1, (second,))])
    assert origin.members == (0, 1)


def test_a_statement_with_no_speaker_found_is_no_second_origin() -> None:
    # its origin is unknown: it may be the named one, so it corroborates nothing
    named = Node("Harrowfield Events", "harrowfield events", "organisation")
    unknown = Node("", "d", None)
    (origin,) = independent_origins([(0, (named,)), (1, (unknown,))])
    assert origin.name == "Harrowfield Events"
    (alone,) = independent_origins([(0, (unknown,))])
    assert alone.key == "d"


def test_a_bodys_own_records_are_that_body() -> None:
    # "Westmark's inspections found ..." and "Westmark Renewables said ...": one origin
    company = Node("Westmark Renewables", "westmark renewables", "company")
    records = Node("Westmark’s inspections", "d/westmark inspection", None)
    (origin,) = independent_origins([(0, (company,)), (1, (records,))])
    assert origin.name == "Westmark Renewables" and origin.members == (0, 1)
    forum = Node("Pakistan Cricketers’ Forum", "pakistan cricketers forum", "organisation")
    described = Node("players’ forum", "d/players forum", None)
    assert len(independent_origins([(0, (forum,)), (1, (described,))])) == 1
    # another body's word is not its own
    union = Node("Dockers’ Union", "d/dockers union", None)
    assert len(independent_origins([(0, (company,)), (1, (union,))])) == 2
