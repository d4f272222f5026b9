"""Who a speaker mention is: its antecedent in the article, its canonical source and type.

Heuristic and readable, no model download: relative ``who`` -> the noun it modifies; ``he``/
``she`` -> the most recent person (a previous speaker first); ``they``/``it`` -> the most recent
organisation or group; a definite description (``the official``, ``the mayor``) -> the nearest
mention with the same head or title, looking back first and then a little ahead; a surname ->
the full name used elsewhere in the article (rapidfuzz for spelling variants). The resolved
mention is mapped to a canonical source through ``rules/sources.toml`` (aliases such as
Moscow/the Kremlin -> Russian government) and typed by its head noun (``source`` ->
anonymous, ``analysts`` -> vague, ...).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from provenance.extract import (
    POSTS,
    Candidate,
    _text,
    according_before_relative,
    chain_sources,
    doc_text,
    doc_tokens,
    mention_tokens,
)
from provenance.models import Attribution, Hop, Span
from provenance.quotes import QUOTE_CHARS
from provenance.rules import Rules, SourceEntry, normalise_name, once_for

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as Entity
else:
    Doc = Token = Entity = Any

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_GROUP_PRONOUNS = frozenset({"they", "them", "it", "we"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_DETERMINERS = ("the ", "a ", "an ", "this ", "that ", "these ", "those ")
_ANONYMOUS_TYPES = frozenset({"anonymous", "anonymous official", "vague"})
# types named by their description rather than by an entity inside them ("an AFP analysis")
_DESCRIBED_TYPES = _ANONYMOUS_TYPES | {"media analysis"}
_ORGANISATION_TYPES = frozenset(
    {
        "company",
        "court",
        "organisation",
        "media",
        "state media",
        "international organisation",
        "police",
        "military",
        "rebel group",
    }
)
_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "mr.", "mrs.", "ms.", "dr.", "prof."}
)


#: ranks written before a name ("SP Grace Okon", "Insp. Ruth Kamau"): not the name
_RANKS = frozenset(
    {"sp", "asp", "dsp", "csp", "acp", "supt", "insp", "insp.", "sgt", "sgt.", "cpl", "det"}
    | {"capt", "capt.", "col", "col.", "gen", "gen.", "lt", "lt.", "maj", "maj.", "cmdr"}
    # and the other titles written short ("Atty. Gerardo Policarpio", "Engr. Ade Bello")
    | {"supt.", "det.", "cmdr.", "cpl.", "brig.", "pte.", "const.", "ofc.", "dep.", "asst."}
    | {"atty", "atty.", "engr", "engr.", "hon", "hon.", "rev", "rev.", "fr.", "msgr.", "amb."}
)
#: what may stand before a person's name without being part of it
_BEFORE_NAMES = _HONORIFICS | _RANKS


@dataclass(frozen=True, slots=True)
class Resolved:
    """A speaker resolved: its antecedent mention (if any), canonical name, type, evidence."""

    antecedent: tuple[int, int] | None
    source: str | None
    source_type: str | None
    evidence: str | None


def strip_determiner(text: str) -> str:
    """'a diplomatic source' -> 'diplomatic source'."""
    low = text.lower()
    for det in _DETERMINERS:
        if low.startswith(det):
            return text[len(det) :]
    return text


# --------------------------------------------------------------------------- antecedents


def _is_person(tok: Token) -> bool:
    """A PERSON entity, a name after an honorific, or a bare surname the tagger missed that
    ends a person's full name."""
    if tok.ent_type_ == "PERSON":
        return tok.lower_ in _surnames(tok.doc) or _full_organisation(tok) is None
    if tok.pos_ != "PROPN":
        return False
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ in _HONORIFICS:
        return True  # "Mr Pongsak", whatever the recogniser made of the name
    if tok.ent_type_ in ("NORP", "LOC", "FAC"):
        return False
    if tok.ent_type_ == "GPE" and tok.dep_ != "nsubj":
        return False  # a place, unless it speaks and a person elsewhere bears the name
    return tok.lower_ in _surnames(tok.doc)


def _named_company(tok: Token, rules: Rules) -> Token | None:
    """The company a lone name is the first word of elsewhere in the article, by the word
    after it that names a company ("Helix Orbital", "Kestrel Compute": sources.toml), whatever
    the tagger made of either."""
    if tok.pos_ != "PROPN" or _is_person(tok):
        return None
    doc = tok.doc
    tokens = doc_tokens(doc)
    for t in tokens:
        if t.i != tok.i and t.text == tok.text and t.i + 1 < len(doc):
            after = tokens[t.i + 1]
            if after.pos_ == "PROPN" and after.i != tok.i and _trigger(after, rules) == "company":
                return after
    return None


def _name_of_words(tok: Token) -> bool:
    """Whether a proper noun ends a name of more than one word: a proper noun compounded
    before it ("Ana" in "Ana Ruiz")."""
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)


def _full_organisation(tok: Token) -> Entity | None:
    """The organisation a lone name is short for: "Brenmark said" (which the tagger takes
    for a person) after "Shares in Brenmark Mobility fell", or that the article names as
    one elsewhere."""
    ent = _entity(tok)
    if tok.pos_ != "PROPN" or (ent is not None and len(ent) > 1):
        return None
    if _name_of_words(tok):
        return None  # not alone: "Quillon Falls Memorial Hospital", however the tagger cut it
    found: dict[str, Entity] | None = tok.doc.user_data.get("provenance_organisations")
    if found is None:
        found = {}
        ents = _ents(tok.doc)
        surnames = _surnames(tok.doc)
        alone = {e[0].lower_ for e in ents if e.label_ == "ORG" and len(e) == 1}
        # a word the recogniser took for a place once and for an organisation elsewhere
        # ("Tsubame") is no place known for sure
        places = {e[0].lower_ for e in ents if len(e) == 1 and e.label_ in ("GPE", "NORP", "LOC")}
        places -= alone
        for e in ents:  # the tagger may take "Brenmark Mobility" for a place
            if (
                e.label_ in ("ORG", "GPE")
                and len(e) > 1
                and e[0].pos_ == "PROPN"
                and e[1].tag_ != "POS"  # "Lebanon's Ministry of Health" is not "Lebanon"
                and e[0].lower_ not in places
            ):
                found.setdefault(e[0].lower_, e)
        for e in ents:  # "Greyline Labs" taken for a person, "Greyline" for an organisation
            if e.label_ == "PERSON" and len(e) > 1 and e[0].lower_ in alone:
                found.setdefault(e[0].lower_, e)
        people = {t.lower_ for e in ents if e.label_ == "PERSON" for t in e}
        for e in ents:  # "Brenmark batteries": the name alone, as an organisation (if never
            # also taken for a person's: then the tagger cannot tell)
            if e.label_ == "ORG" and len(e) == 1 and e[0].lower_ not in surnames | people:
                found.setdefault(e[0].lower_, e)
        tok.doc.user_data["provenance_organisations"] = found
    full = found.get(tok.lower_)
    return full if full is not None and full[0].text == tok.text else None


def _surnames(doc: Doc) -> frozenset[str]:
    """Last words of the full names (two words or more) the tagger found, once per document."""
    names: frozenset[str] | None = doc.user_data.get("provenance_surnames")
    if names is None:
        tagged = {e[-1].lower_ for e in _ents(doc) if e.label_ == "PERSON" and len(e) > 1}
        # "Atty. Gerardo Policarpio", "Lt. Dana Whitcomb", "Dr Imogen Brace": a title written
        # short (or an honorific) before a first name and surname, whatever the recogniser
        # took them for
        tokens = doc_tokens(doc)
        titled = {
            name.lower_
            for title, given, name in zip(tokens, tokens[1:], tokens[2:], strict=False)
            if name.is_title
            and name.pos_ == "PROPN"
            and given.is_title
            and given.pos_ == "PROPN"
            and (title.text.endswith(".") or title.lower_ in _HONORIFICS)
            and title.lower_ in _BEFORE_NAMES
        }
        names = frozenset(
            tagged
            | titled
            | _untagged_names(doc)
            | _aged_names(doc)
            | _who_names(doc)
            | _credentialed_names(doc)
        )
        doc.user_data["provenance_surnames"] = names
    return names


def _untagged_names(doc: Doc) -> set[str]:
    """Last words of a first name and a surname set off as an apposition that the tagger
    left untagged ("A veterinarian who volunteered at the zoo, Dorota Vell, said")."""
    found = set()
    for tok in doc_tokens(doc):
        if tok.dep_ != "appos" or tok.pos_ != "PROPN" or tok.ent_type_ or not tok.is_title:
            continue
        first = [c for c in tok.children if c.dep_ == "compound"]
        if len(first) == 1 and _first_name(first[0], tok):
            found.add(tok.lower_)
    return found


def _credentialed_names(doc: Doc) -> set[str]:
    """Last words of names of two words or more followed by a degree or honour set off by
    commas ("Geriatrician Tomasz Wielgosz, MD, of the ... Clinic", "Priya Natarajan, PhD,"),
    whatever the recogniser took them for: a person's."""
    tokens = doc_tokens(doc)
    return {
        name.lower_
        for name, comma, title in zip(tokens, tokens[1:], tokens[2:], strict=False)
        if title.text in _CREDENTIALS
        and comma.text == ","
        and name.pos_ == "PROPN"
        and name.is_title
        and _name_of_words(name)
    }


#: degrees and honours written after a person's name
_CREDENTIALS = frozenset(
    {
        "MD",
        "PhD",
        "MPH",
        "RN",
        "DVM",
        "DDS",
        "MBBS",
        "FRCS",
        "FRCP",
        "OBE",
        "MBE",
        "CBE",
        "KC",
        "QC",
    }
)


def _who_names(doc: Doc) -> set[str]:
    """Last words of names of two words or more that the recogniser left untagged, described
    by a clause that "who" opens ("Fiu Mataese Elisara, who contested the seat in 2025,
    told ..."): a person's."""
    found = set()
    for tok in doc_tokens(doc):
        if tok.pos_ != "PROPN" or tok.ent_type_ or not tok.is_title or not _name_of_words(tok):
            continue
        for clause in tok.children:
            opens = clause.left_edge
            set_off = opens.i > 0 and doc[opens.i - 1].text == ","
            if clause.dep_ == "relcl" and clause.i > tok.i and set_off and opens.lower_ == "who":
                found.add(tok.lower_)
    return found


def _aged_names(doc: Doc) -> set[str]:
    """Last words of names given an age ("said Vera Holub, 67, whose house ..."), whatever
    the tagger made of them: a name of two words or more, a comma, a number of years, a
    comma or a full stop."""
    found = set()
    tokens = doc_tokens(doc)
    for tok in tokens[1:-3]:
        if tok.pos_ != "PROPN" or tokens[tok.i - 1].pos_ != "PROPN" or not tok.is_title:
            continue
        comma, age, after = tokens[tok.i + 1], tokens[tok.i + 2], tokens[tok.i + 3]
        aged = age.text.isdigit() and 0 < int(age.text) < 120
        if comma.text == "," and aged and after.text in (",", ".", ";"):
            found.add(tok.lower_)
    return found


def _of_that_age(speaker: Token) -> Token | None:
    """'The 22-year-old said': the last person before, named with that age ("Komal Sheoran
    (22)", "Vera Holub, 67,"); None for any other speaker or where nobody was given that age."""
    doc = speaker.doc
    words = [t.lower_ for t in mention_tokens(speaker)]
    if speaker.lower_ != "old" or words[:1] != ["the"] or "year" not in words:
        return None
    age = next((t.text for t in mention_tokens(speaker) if t.text.isdigit()), None)
    if age is None:
        return None
    tokens = doc_tokens(doc)
    for tok in reversed(tokens[1 : max(1, speaker.i - 3)]):
        if tok.pos_ != "PROPN" or not tok.is_title or tokens[tok.i - 1].pos_ != "PROPN":
            continue
        after = [t.text for t in tokens[tok.i + 1 : tok.i + 4]]
        if after[:2] in ([",", age], ["(", age]) and after[2:3] in ([","], ["."], [")"], [";"]):
            return tok
    return None


def _first_name(tok: Token, surname: Token) -> bool:
    """Whether ``tok`` is an untagged first name just before ``surname``."""
    return tok.pos_ == "PROPN" and tok.is_title and not tok.ent_type_ and tok.i == surname.i - 1


def _person_heads(doc: Doc, before: int, rules: Rules) -> list[Token]:
    """Heads of mentions that denote people, before char offset ``before``, nearest last."""
    heads = []
    for tok in doc_tokens(doc):
        if tok.idx >= before:
            break
        if tok.pos_ not in ("PROPN", "NOUN"):
            continue
        if tok.dep_ in ("compound", "amod"):
            continue
        if tok.dep_ == "appos" and tok.pos_ == "NOUN" and _is_person(tok.head):
            continue  # "Priya Nandra, an environmental health officer,": she, not another
        if _is_person(tok) or _trigger(tok, rules) in ("official", "anonymous official", "expert"):
            heads.append(tok)
    return heads


#: nouns for several people that a singular noun names ("Family who paid £6,400 ... say"):
#: never one "she" or "he"
_HOUSEHOLDS = frozenset({"family", "couple", "household", "pair", "team", "crew", "group"})


def antecedent_of(
    speaker: Token, cue: Token | None, earlier: list[tuple[Token, Token]], rules: Rules
) -> Token | None:
    """The head token of the mention ``speaker`` refers to, or ``None`` when it names itself.

    ``earlier`` holds (speaker, resolved head) pairs of the attributions before this one.
    """
    doc = speaker.doc
    low = speaker.lower_
    if low in _RELATIVE and cue is not None and (source := according_before_relative(cue)):
        return source  # "..., according to state geologists, who warned": they warned
    if low in _RELATIVE and cue is not None and cue.dep_ == "relcl":
        if low == "who":
            # "another parent, Tom Albers, who said": the name set beside the description
            who = _who(cue.head)
            return _appositive_name(who) or who
        noun = _seen_by(cue.head) or cue.head
        # "the U.N. humanitarian office, OCHA, which said": the name set beside the noun
        beside = [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        return beside[0] if noun.pos_ == "NOUN" and beside and beside[0].i > noun.i else noun
    if low in _PERSON_PRONOUNS:
        wanted = "f" if low in ("she", "her") else "m"
        speakers = [
            head
            for said, head in reversed(earlier)
            if head.i < speaker.i
            and (
                # "Three lecturers ... One said she ... '...,' she said": one of them
                said.lower_ in _ONE_OF
                # "A spokesman said ... , he added": the spokesman, for the body he speaks for
                or said.lower_ == ("spokeswoman" if wanted == "f" else "spokesman")
                or head.tag_ not in ("NNS", "NNPS")  # "he" is no "regional rescue officials"
                and head.lemma_.lower() not in _HOUSEHOLDS  # nor a "family"
                and _described_organisation(head, rules) is None
                and (
                    _is_person(head)
                    or _named_person(head, rules)
                    or _is_titled_name(head, rules)
                    or _trigger(head, rules) in ("official", "anonymous official")
                    or _described_person(said, rules)
                )
            )
        ]
        # "University President Helen Vasquez-Orr was asked whether ... . 'There is no
        # list,' she said.": the person asked in the sentence before, when nobody speaks there
        subject = _last_subject(speaker, earlier, rules, person=True)
        # one asked, or one the sentence introduces by a post, may be of either sex; one the
        # sentence is about by name must be known to be this one's ("Mrs Pascoe was not
        # impressed", not "Tom Lund agreed" before "she said")
        before = _sentence_before(speaker)
        by_post = before is not None and subject is not None and subject.i < before.start
        # "Area coroner Joanne Kerslake recorded a narrative conclusion. She said ...": a post
        # written before the name introduces one who may be of either sex
        by_post = by_post or (
            subject is not None
            and any(
                t.i < subject.i and t.pos_ == "NOUN" and t.dep_ == "compound"
                for t in mention_tokens(subject)
            )
        )
        # "Nuvuttiq's MLA, Leah Anguttitauruq, raised the prices ...": a post with the name set
        # beside it introduces one who may be of either sex
        by_post = by_post or (
            subject is not None
            and (
                subject.dep_ == "appos"
                or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in subject.children)
            )
        )
        # one known by a description only ("A lab worker ..."), too
        by_post = by_post or (subject is not None and subject.pos_ == "NOUN")
        either = subject is not None and (subject.dep_ == "nsubjpass" or by_post)
        known = (None, wanted) if either else (wanted,)
        subject_gender = _gender(subject, earlier) if subject is not None else None
        if subject is not None and subject_gender in known:
            return _appositive_name(subject) or _name_given(subject) or subject
        # "But for Anne-Sophie Halleux, a hydrogeologist ..., drought alone does not explain
        # it. She said ...": the person whose view the sentence just before gives, when
        # whoever spoke last did so before it
        before = _sentence_before(speaker)
        named = _person_named_before(speaker, before, earlier, rules)
        latest = speakers[0] if speakers else None
        spoke_before = latest is None or (before is not None and latest.i < before.start)
        if named is not None and spoke_before and _gender(named, earlier) in (None, wanted):
            return named
        for head in speakers:  # the latest to speak, unless known to be of the other sex
            if _gender(head, earlier) in (None, wanted):
                return head
        if subject is not None and subject_gender is None:
            # nobody who spoke can be "she": the person the sentence before is about
            return _appositive_name(subject) or subject
        people = [
            p
            for p in _person_heads(doc, speaker.idx, rules)
            if _gender(p, earlier) in (None, wanted)
        ]
        return people[-1] if people else None
    if low in _GROUP_PRONOUNS:
        # "The company's shares fell after it said ...": an organisation earlier in the sentence
        # (not one inside what it said: "Survivors told the crew ... left Zarif, it said")
        said = _said_before(cue)
        platforms = _platforms(rules)
        for tok in reversed([t for t in speaker.sent if t.i < speaker.i]):
            if tok.i in said or tok.lower_ in platforms:
                continue  # "In a message on Telegram, it said": the medium, not who spoke
            if (
                tok.pos_ in ("NOUN", "PROPN")
                and tok.dep_ not in ("compound", "amod")
                and _tagged_organisation(tok, rules)
            ):
                if tok.pos_ == "NOUN" and _is_definite(tok) and not _has_proper(tok):
                    # "The court said ..., money it said ...": follow "the court" back too
                    return _description_antecedent(tok, earlier, rules) or tok
                return tok
        subject = _last_subject(speaker, earlier, rules) if low == "it" else None
        if subject is not None:  # "The Israeli military gave a different account. ..., it said"
            return subject
        for _, head in reversed(earlier):
            # a company the tagger took for a person, by its name ("Redvale Homes") is an "it"
            thing = (
                not _is_person(head)
                or _trigger(head, rules) in _ORGANISATION_TYPES
                or _an_organisation(head, rules)  # "electronics maker Hoshizora Denki"
            )
            if head.i < speaker.i and thing and head.lower_ not in _GROUP_PRONOUNS:
                return head
        return None
    if (low in _COUNTED or low == "one") and not any(c.dep_ == "prep" for c in speaker.children):
        # "Three lecturers ... told The Chronicle ... One said": one of them
        # "Passengers described a frightening flight. Several told reporters ...": of them
        return _group_that_spoke(speaker, earlier) or _counted_from(speaker)
    if _of_them(speaker):
        # "..., citing two people who have seen the accounts. One of them said": those people
        return _group_that_spoke(speaker, earlier) or _group_before(speaker, rules)
    named = _appositive_name(speaker) or _name_given(speaker)
    if named is not None:  # "His lawyer, Sofie Wauters, said" / "The company, Acciaierie Mella,"
        return named
    aged = _of_that_age(speaker)
    if aged is not None:  # "The 22-year-old said", after "Komal Sheoran (22) clocked ..."
        return aged
    body = _spoken_for(speaker, earlier, rules)
    if body is not None:  # "A spokesman said", "a council spokeswoman said"
        return body
    if speaker.pos_ == "NOUN" and _is_definite(speaker) and not _has_proper(speaker):
        # "The singer who founded the band sued ...", named only in the next sentence
        return _description_antecedent(speaker, earlier, rules) or _named_next(speaker, rules)
    if speaker.pos_ == "NOUN" and any(
        c.dep_ == "poss" and c.pos_ == "NOUN" and _is_definite(c) for c in speaker.children
    ):
        # "the country's air accident investigators said" in the lede
        sents, here = _sentences_at(speaker)
        if here < _LEDE_SENTENCES:
            named = _named_after_lede(speaker, sents[here + 1 : here + 2], rules, opening=False)
            if named is not None:
                return named
    introduced = _named_next(speaker, rules) or _named_as_that(speaker)
    if introduced is not None:
        return introduced
    if _is_acronym(speaker):
        return _expansion(speaker)
    # "Ip told the court": a surname the tagger took for a pronoun
    surname = speaker.pos_ == "PRON" and speaker.is_title and speaker.lower_ in _surnames(doc)
    if (speaker.pos_ == "PROPN" and _is_person(speaker)) or surname:
        full = _full_name(speaker, rules)
        return full if full is not None and full.i != speaker.i else None
    return None


def _spoken_for(speaker: Token, earlier: list[tuple[Token, Token]], rules: Rules) -> Token | None:
    """The body an unnamed spokesperson speaks for: "a council spokeswoman" the council
    the article names ("Brennick City Council"), as "the council" would be; a bare "A
    spokesman" the organisation the sentence before is about ("Fenline Trains strongly
    denies ... . A spokesman said"), else the last organisation to speak. Not one who is
    named, nor one "for" or "of" a body of their own ("a spokesman for the opposition")."""
    if speaker.pos_ != "NOUN" or speaker.lemma_.lower() not in _SPOKESPEOPLE:
        return None
    if any(c.dep_ in ("prep", "poss", "appos") for c in speaker.children):
        return None
    if _is_definite(speaker):
        return None
    # "a Kelvani spokeswoman", "A Kestrel Mobility spokesperson": the body named before the
    # word, when the article shows it is one (else the mention names it as it stands)
    proper = [c for c in speaker.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if proper and proper[-1].i == speaker.i - 1:
        kind = canonical_source(proper[-1], rules)[1]
        if kind in _ORGANISATION_TYPES or kind == "government":  # "Kelvani Play"
            return proper[-1]
    if _has_proper(speaker):  # the caller took an appositive name
        return None
    body = [c for c in speaker.children if c.dep_ in ("compound", "nmod") and c.pos_ == "NOUN"]
    if body:
        named = _description_antecedent(body[-1], earlier, rules)
        if named is None or named.i == body[-1].i:
            return None
        # "A fire service spokeswoman" is no "steam service" named before: the words the
        # body is named by must be the antecedent's too
        words = {c.lower_ for c in body[-1].children if c.dep_ in ("compound", "amod")}
        if not words <= {t.lower_ for t in mention_tokens(named)}:
            return None
        return named
    if any(c.dep_ in ("compound", "amod", "nmod") for c in speaker.children):
        return None
    subject = _subject_before(speaker, earlier, rules)
    if subject is not None:
        if subject.pos_ == "NOUN" and _is_definite(subject):  # "The collective disputes it."
            return _description_antecedent(subject, earlier, rules) or subject
        return subject
    for _, head in reversed(earlier):
        if head.i < speaker.i and _an_organisation(head, rules) and not _is_person(head):
            return head
    return None


def _subject_before(
    speaker: Token, earlier: list[tuple[Token, Token]], rules: Rules
) -> Token | None:
    """The organisation the sentence before is about: the subject of its main verb, whether
    or not it speaks there ("Fenline Trains strongly denies ...", "The collective disputes
    that figure.")."""
    before = _sentence_before(speaker)
    if before is None:
        return None
    for tok in before.root.children:
        if tok.dep_ != "nsubj" or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        tok = _as_resolved(tok, earlier)  # "Stanwick denied ...": whom it was resolved to
        # or a government body ("The Walloon Public Service's environment department
        # confirmed ... . A spokeswoman said")
        if _an_organisation(tok, rules) or _trigger(tok, rules) == "government":
            return tok
    return None


def _sentence_before(speaker: Token) -> Entity | None:
    """The sentence before ``speaker``'s, or None in the first."""
    sents, here = _sentences_at(speaker)
    return sents[here - 1] if here > 0 else None


def _as_resolved(tok: Token, earlier: list[tuple[Token, Token]]) -> Token:
    """Whom ``tok`` was resolved to when it spoke before (``earlier`` pairs a speaker with
    its resolved head; the latest where it spoke more than once), else ``tok`` itself."""
    return next((head for said, head in reversed(earlier) if said.i == tok.i), tok)


def _an_organisation(tok: Token, rules: Rules) -> bool:
    """Whether a mention names an organisation: :func:`_tagged_organisation`, or resolved to
    one ("Stanwick", short for "Stanwick Partners")."""
    if _tagged_organisation(tok, rules):
        return True
    return tok.pos_ == "PROPN" and canonical_source(tok, rules)[1] in _ORGANISATION_TYPES


def _tagged_organisation(tok: Token, rules: Rules) -> bool:
    """Whether the tagger or the word says a mention is an organisation: an ORG entity, or
    a head an organisation's trigger word in ``sources.toml`` ("the court", "the company")."""
    return tok.ent_type_ == "ORG" or _trigger(tok, rules) in _ORGANISATION_TYPES


_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})


def _who(tok: Token) -> Token:
    """The person "who" is: the noun the clause hangs on, or, where the parser hangs it on a
    place after the person ("a nurse in the capital who said"; "Marcus Inwood, an electrician
    from Dunmere, who said"), the noun before that place."""
    found = tok
    for _ in range(2):
        if found.ent_type_ == "PERSON" or found.dep_ != "pobj":
            break
        if found.pos_ == "PROPN" and found.ent_type_ not in _PLACES:
            break  # a name that is no place
        prep = found.head
        if prep.dep_ != "prep" or prep.head.pos_ not in ("NOUN", "PROPN"):
            break
        found = prep.head
    if found is tok or not _human(found):
        return tok
    if found.dep_ == "appos" and found.head.pos_ == "PROPN":  # "Jonas Reiter, a nurse in ..."
        return found.head
    return found


def _human(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON" or (
        tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.dep_ in ("appos", "nsubj", "attr")
    )


def _seen_by(tok: Token) -> Token | None:
    """The document an outlet saw ("a ministry document seen by Reuters, which said": the
    parser hangs the relative clause on the outlet; what said it is the document), or None
    when ``tok`` is no such outlet. An outlet that saw a document is never its name ("A
    post-mortem report ..., seen by the BBC")."""
    by = tok.head if tok.dep_ == "pobj" else None
    seen = by.head if by is not None and by.lower_ == "by" else None
    if seen is not None and seen.tag_ == "VBN" and seen.dep_ in ("acl", "relcl"):
        return seen.head
    return None


_ASKED = frozenset({"ask", "question", "press", "challenge"})


def _last_subject(
    speaker: Token, earlier: list[tuple[Token, Token]], rules: Rules, *, person: bool = False
) -> Token | None:
    """The organisation (or, with ``person``, the person) the sentence before is about, as
    the subject of its main verb ("The Israeli military gave a different account."), when
    nobody speaks in that sentence (then the last to speak is who "it" is)."""
    before = _sentence_before(speaker)
    if before is None or any(before.start <= said.i < before.end for said, _ in earlier):
        return None
    root = before.root
    for tok in root.children:
        if person:  # the one asked a question answers it ("Vasquez-Orr was asked whether")
            if tok.dep_ == "nsubjpass" and root.lemma_.lower() in _ASKED and _is_person(tok):
                return tok
            # "Mrs Pascoe was not impressed. 'He can have his fence,' she said.": the person
            # the sentence just before, in the same paragraph, is about
            paragraph = "\n" not in doc_text(speaker.doc)[before.end_char : speaker.idx]
            # or the paragraph of one sentence just before ("On the High Street, cafe owner
            # Dilys Morgan was taking it in her stride.")
            paragraph = paragraph or _alone(before)
            if tok.dep_ == "nsubj" and tok.pos_ == "PROPN" and _is_person(tok) and paragraph:
                return tok
            # "A lab worker in Graz, who did not want to be named, is sceptical of the
            # figures. She told ...": a person the sentence just before introduces by a
            # description
            described = tok.dep_ == "nsubj" and _described_person(tok, rules)
            # (not one inside a quotation: "'A player who doesn't know where he is should
            # not play,' she said")
            unquoted = not any(ch in QUOTE_CHARS for ch in before.text)
            if described and paragraph and unquoted and not _is_definite(tok):
                return tok
            # "Karvik's MLA, Leah Anguttitauruq, raised the prices ...": the name set beside
            # the post the sentence is about
            named = _appositive_name(tok) if tok.dep_ == "nsubj" and paragraph else None
            if named is not None and named.pos_ == "PROPN" and _is_person(named):
                return named
            # "The judge was blunter still." as a paragraph of its own, then "'...,' he
            # wrote.": the person the one-sentence paragraph before introduces
            if tok.dep_ == "nsubj" and _introduces(before, tok, rules):
                named = _description_antecedent(tok, earlier, rules)
                if named is not None and named.pos_ == "PROPN" and _is_person(named):
                    return named
            continue
        if (
            tok.dep_ == "nsubj"
            and tok.pos_ in ("NOUN", "PROPN")
            and _tagged_organisation(tok, rules)
        ):
            return tok
    return None


def _person_named_before(
    speaker: Token, before: Entity | None, earlier: list[tuple[Token, Token]], rules: Rules
) -> Token | None:
    """The one person the sentence just before names and gives the view of, opening "For
    X, ..." (``before``: the sentence before the speaker's; in the same paragraph, outside
    any quotation, where nobody speaks), or None."""
    if before is None or any(before.start <= said.i < before.end for said, _ in earlier):
        return None
    text = doc_text(speaker.doc)
    if "\n" in text[before.end_char : speaker.idx] or any(ch in QUOTE_CHARS for ch in before.text):
        return None
    people = {e.root.i: e.root for e in before.ents if _named_person(e.root, rules)}
    if len(people) != 1:
        return None
    # whose view the sentence gives ("But for Anne-Sophie Halleux, ..., drought alone does
    # not explain it"), not one it is about ("Tom Lund agreed", whom only a known sex makes
    # the "she" after it)
    person = next(iter(people.values()))
    opener = [t for t in before if not t.is_punct and t.lower_ not in ("but", "and", "yet")]
    viewpoint = bool(opener) and opener[0].lower_ == "for" and person.head.i == opener[0].i
    return person if viewpoint else None


def _named_person(name: Token, rules: Rules) -> bool:
    """A person's name, though the recogniser took it for an organisation's, where a post or
    a profession is set beside it ("Anne-Sophie Halleux, a hydrogeologist at ...,")."""
    if name.pos_ != "PROPN" or name.ent_type_ in _PLACES or name.ent_type_ == "NORP":
        return False  # "Tarvin, a village on the border," is a place
    return _is_person(name) or any(
        c.dep_ == "appos"
        and c.pos_ == "NOUN"
        and (
            _trigger(c, rules) in ("expert", "official")
            or (_a_person_described(c, rules) and _someone_at(c))
        )
        for c in name.children
    )


def _someone_at(noun: Token) -> bool:
    """Whether a description is of a person by its words: "who" opens a clause on it, or it
    is one at a place of work ("a hydrogeologist at the University of Liège"), not "the
    London-listed owner of Ballinvarra"."""
    return any(
        (c.dep_ == "relcl" and any(t.lower_ == "who" for t in c.children))
        or (c.dep_ == "prep" and c.lower_ == "at")
        for c in noun.children
    )


def _alone(sentence: Entity) -> bool:
    """Whether ``sentence`` is a paragraph of its own."""
    text = doc_text(sentence.doc)
    start, end = sentence.start_char, sentence.end_char
    end = len(text[:end].rstrip(" "))  # the sentence may hold the line break after it
    return (start == 0 or text[start - 1] == "\n") and (
        text[end - 1 : end] == "\n" or text[end : end + 1] in ("", "\n")
    )


def _introduces(before: Entity, subject: Token, rules: Rules) -> bool:
    """Whether ``before`` is a paragraph of one sentence about someone known by a post
    ("The judge was blunter still."), the subject a definite description of one."""
    return (
        _alone(before)
        and subject.pos_ == "NOUN"
        and subject.tag_ == "NN"
        and _is_definite(subject)
        and _trigger(subject, rules) is not None
    )


_FEMALE = frozenset(
    {
        "ms",
        "ms.",
        "mrs",
        "mrs.",
        "miss",
        "madam",
        "dame",
        "lady",
        "woman",
        "girl",
        "mother",
        "wife",
        "daughter",
        "sister",
        "grandmother",
        "aunt",
        "spokeswoman",
        "chairwoman",
        "businesswoman",
        "congresswoman",
        "policewoman",
        "actress",
        "queen",
        "princess",
    }
)
_MALE = frozenset(
    {
        "mr",
        "mr.",
        "sir",
        "lord",
        "man",
        "boy",
        "father",
        "husband",
        "son",
        "brother",
        "grandfather",
        "uncle",
        "spokesman",
        "chairman",
        "businessman",
        "congressman",
        "policeman",
        "actor",
        "king",
        "prince",
    }
)


_NAMING_VERBS = frozenset({"give", "identify", "call", "name", "know", "introduce"})
_AGE = re.compile(r"^\d+-year-old$|^\d+$")


def _described_person(speaker: Token, rules: Rules) -> bool:
    """A person known by description only, whom "he" or "she" can take up: "A 19-year-old
    survivor from Tesmar, who gave his name only as Yusuf,", "a nurse who fled the town"
    (a singular noun that "who" describes or an age qualifies), never an organisation. A name
    after it is where the person is ("A librarian at Wescott North High School, who ..."), a
    name before it is whose ("a Harwick engineer")."""
    if speaker.pos_ != "NOUN" or speaker.tag_ != "NN":
        return False
    if any(t.pos_ == "PROPN" and t.i < speaker.i for t in mention_tokens(speaker)):
        return False
    if _trigger(speaker, rules) in _ORGANISATION_TYPES | {"government", "military", "media"}:
        return False
    mention = mention_tokens(speaker)
    words = "".join(t.text_with_ws for t in mention).split()
    if any(_AGE.match(w.strip(",")) for w in words[:4]):
        return True
    return any(
        t.lower_ == "who" and t.dep_ == "nsubj" and t.head.dep_ == "relcl" for t in speaker.subtree
    )


def _name_given(speaker: Token) -> Token | None:
    """The name a described person gives: "a survivor, who gave his name only as Yusuf,",
    "a nurse identified only as Maria", "a witness who gave only her first name, Maria"."""
    if speaker.pos_ != "NOUN":
        return None
    for verb in speaker.subtree:
        if _names_someone(verb):
            name = next((t for t in verb.subtree if _is_given_name(t)), None)
            if name is not None:
                return name
    return None


def _said_before(cue: Token | None) -> frozenset[int]:
    """Indexes of the tokens of what a cue verb says before it ("..., it said")."""
    if cue is None:
        return frozenset()
    return frozenset(
        t.i
        for c in cue.children
        if c.dep_ in ("ccomp", "parataxis") and c.i < cue.i
        for t in c.subtree
    )


def _is_titled_name(head: Token, rules: Rules) -> bool:
    """'Mayor Ana Ruiz' when the tagger missed the person: a proper name after a title."""
    if head.pos_ != "PROPN" or head.ent_type_ in ("GPE", "NORP", "LOC"):
        return False
    before = [t for t in mention_tokens(head) if t.i < head.i]
    start = _name_start(head)
    if start > 0 and start < head.i and head.doc[start - 1].lower_ in _BEFORE_NAMES:
        # "Atty. Gerardo Policarpio", "Lt. Dana Whitcomb": a title written short, then a
        # first name and surname, whatever the recogniser took them for
        return head.doc[start].is_title and head.is_title
    if _name_of_words(head) and (
        # "Aldmark's digital affairs minister, Petra Lunde,"
        head.dep_ == "appos"
        and head.head.pos_ == "NOUN"
        and _trigger(head.head, rules) in ("official", "expert")
        # "Ines Porath, a machinery analyst at Nordfin Bank,"
        or any(
            c.dep_ == "appos"
            and c.i > head.i
            and _trigger(c, rules) in ("official", "expert", "vague")
            for c in head.children
        )
    ):
        return True
    return any(t.pos_ == "PROPN" for t in before[-2:]) and any(
        _trigger(t, rules) == "official" for t in before
    )


def _gender(head: Token, earlier: list[tuple[Token, Token]]) -> str | None:
    """'f', 'm' or None (unknown), from the words around a name anywhere in the article
    (Ms, Mr, spokeswoman, mother); never guessed from a first name, never from an earlier
    pronoun resolution (one wrong guess would then feed the next)."""
    # not the half of a name after its hyphen ("Leung Wai-man" is no "man")
    words = {t.lower_ for t in mention_tokens(head) if not _hyphened(t.doc, t.i)}
    for child in head.children:
        if child.dep_ == "appos":
            words |= {t.lower_ for t in mention_tokens(child) if not _hyphened(t.doc, t.i)}
    if words & _FEMALE and not words & _MALE:
        return "f"
    if words & _MALE and not words & _FEMALE:
        return "m"
    known = _honorifics(head.doc)
    # the surname, or another word of the name ("Helen Achterberg KC" is "Ms Achterberg")
    ent = _entity(head)
    names = (
        [_surname(head), *(t.lower_ for t in reversed(ent) if t.pos_ == "PROPN")]
        if ent
        else [_surname(head)]
    )
    found = next((known[n] for n in names if n in known), None)
    if found is None:
        told = _said_of_themselves(head.doc)
        found = next((told[n] for n in names if n in told), None)
    return found


def _said_of_themselves(doc: Doc) -> dict[str, str]:
    """Surname -> 'f' or 'm' from what a named person is reported to say of themselves
    ("Mark Ojo tells the BBC his daughter was almost hit", "Sarah Kinsella says she measured
    it": the subject of what was said, or its owner, is the speaker's pronoun) or from "his"
    or "her" in a clause the person is the subject of ("Dilys Morgan was taking it in her
    stride"). A name given both is left out."""
    found: dict[str, str] | None = doc.user_data.get("provenance_said_of_themselves")
    if found is None:
        seen: dict[str, set[str]] = {}
        for verb in doc_tokens(doc):
            if verb.dep_ not in ("ccomp", "parataxis") or verb.head.pos_ not in ("VERB", "AUX"):
                continue
            speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            if speaker is not None and speaker.pos_ == "NOUN":  # "Another parent, Mark Ojo,"
                speaker = next((c for c in speaker.children if c.dep_ == "appos"), None)
            if speaker is None or speaker.pos_ != "PROPN":
                continue
            if speaker.ent_type_ != "PERSON" and speaker.lower_ not in _surnames(doc):
                continue  # "(Molina says she resigned.)", the recogniser's organisation
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None:
                continue
            owner = next((c for c in subject.children if c.dep_ == "poss"), None)
            if owner is not None and _whose(speaker):
                # "Umm Khaled, whose husband is on dialysis, said his session was cut": "his"
                # may be the one the relative clause brought in
                continue
            word = (subject if subject.pos_ == "PRON" else owner or subject).lower_
            if word in _SHE or word in _HE:
                seen.setdefault(_surname(speaker), set()).add("f" if word in _SHE else "m")
        for mark in doc_tokens(doc):
            # "Dilys Morgan was taking it in her stride": "his" or "her" in the clause a named
            # person is the subject of
            if mark.tag_ != "PRP$" or mark.lower_ not in ("his", "her"):
                continue
            clause = mark.head
            while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
                clause = clause.head
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.pos_ != "PROPN" or subject.i > mark.i:
                continue
            if subject.ent_type_ == "PERSON" or subject.lower_ in _surnames(doc):
                seen.setdefault(_surname(subject), set()).add("f" if mark.lower_ == "her" else "m")
        found = {name: next(iter(g)) for name, g in seen.items() if len(g) == 1}
        doc.user_data["provenance_said_of_themselves"] = found
    return found


def _whose(name: Token) -> bool:
    """Whether a relative clause opened by "whose" describes ``name``."""
    return any(t.lower_ == "whose" for c in name.children if c.dep_ == "relcl" for t in c.subtree)


_SHE = frozenset({"she", "her"})
_HE = frozenset({"he", "his"})


def _honorifics(doc: Doc) -> dict[str, str]:
    """Surname -> 'f' or 'm' from "Mr Ortiz", "Ms Ruiz" anywhere in the article (once)."""
    found: dict[str, str] | None = doc.user_data.get("provenance_honorifics")
    if found is None:
        found = {}
        for tok in doc_tokens(doc):
            if tok.lower_ in _FEMALE or tok.lower_ in _MALE:
                name = next((t for t in doc[tok.i + 1 : tok.i + 4] if t.pos_ == "PROPN"), None)
                while (
                    name is not None and name.i + 1 < len(doc) and doc[name.i + 1].pos_ == "PROPN"
                ):
                    name = doc[name.i + 1]
                if name is not None:
                    found.setdefault(name.lower_, "f" if tok.lower_ in _FEMALE else "m")
        doc.user_data["provenance_honorifics"] = found
    return found


def _surname(tok: Token) -> str:
    ent = _entity(tok)
    return (ent[-1] if ent is not None else tok).lower_


_LEDE_SENTENCES = 4


def _named_next(speaker: Token, rules: Rules) -> Token | None:
    """The person a story's opening description turns out to be: "A café owner accused of
    setting fire to a rival's restaurant told a jury ..." -> "Dariusz Wolan, 47, denies
    arson ..." (the subject of the next sentence); a headline's bare "Café owner ... tells
    jury" is the same description. Only a described person (a modifier says who: "accused
    of ...", "who fled"), never "a spokesman". Also a person described by a place ("A
    Perthshire farmer says") or by what they did ("The singer who founded the band sued"),
    in the lede counted in sentences with a verb (a byline's or a dateline's lines aside),
    introduced by a full name, and never a body or a document."""
    if speaker.pos_ != "NOUN":
        return None
    dets = [c.lower_ for c in speaker.children if c.dep_ == "det"]
    of_phrases = [c for c in speaker.children if c.dep_ == "prep" and c.lower_ == "of"]
    the_of = dets[:1] == ["the"] and bool(of_phrases)
    inside = {t.i for c in of_phrases for t in c.subtree} if the_of else set()
    own = [t for t in mention_tokens(speaker) if t.i not in inside]
    # a name of its own says who it is ("A Corvia spokeswoman"); one "the founder" is of
    # does not ("The founder of e-bike maker Velora Cycles"), nor a place the person is from
    # ("A Perthshire farmer", though the recogniser may take it for an organisation)
    places = [t for t in own if t.pos_ == "PROPN" and t.i < speaker.i]
    lemma = speaker.lemma_.lower()
    person: bool | None = None  # worked out when first needed
    if any(t.pos_ == "PROPN" for t in own):
        person = _a_person_described(speaker, rules)
        if not person:
            return None
    sents, here = _sentences_at(speaker)
    lede = here < _LEDE_SENTENCES and not places
    if not lede:
        person = person if person is not None else _a_person_described(speaker, rules)
        if not person or not _in_the_lede(sents, here):
            return None
    if not dets:  # a headline's bare description: the lede's, if it has one
        for sent in sents[here + 1 : _LEDE_SENTENCES]:
            for tok in sent:
                if tok.pos_ == "NOUN" and tok.lemma_.lower() == lemma and tok.i != speaker.i:
                    return _titled(tok) or _named_next(tok, rules) or _named_as_that(tok)
        return None
    described = any(c.dep_ in ("acl", "relcl", "amod") for c in speaker.children)
    # "The founder of e-bike maker Velora Cycles said ...", then "Pieter Aalders, who
    # started the company, ...": a person known by what he is of
    known = lede and ((dets[0] in ("a", "an") and described) or the_of)
    the_who = dets[0] == "the" and any(c.dep_ == "relcl" for c in speaker.children)
    found = (dets[0] in ("a", "an") and bool(places)) or the_who
    if not known and found and person is None:
        person = _a_person_described(speaker, rules)
    if not known and not (found and person):
        return None
    for sent in sents[here + 1 : here + 3]:
        first = next((t for t in sent if not t.is_punct and not t.is_space), None)
        if first is None or first.ent_type_ != "PERSON":
            continue
        name = next(e for e in sent.ents if e.start <= first.i < e.end)
        if (the_of or not known) and len(name) < 2:
            continue  # "the founder of X" is introduced by a full name, not "Bramwell"
        if strip_determiner(name.text).lower() in _described_names(speaker.doc, rules):
            continue  # "electronics maker Hoshizora Denki", a firm the recogniser took for one
        if name.root.dep_ in ("nsubj", "nsubjpass"):
            return name.root
    return None


def _named_as_that(speaker: Token) -> Token | None:
    """'According to a former analyst at the lab that tested it, ...' then 'That analyst, Tessa
    Molina, 29, worked at ...': a person described with "a", named in one of the next two
    sentences set off after "that" (or "this") and the same noun."""
    if speaker.pos_ != "NOUN" or not any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in speaker.children
    ):
        return None
    lemma = speaker.lemma_.lower()
    sents, here = _sentences_at(speaker)
    for sent in sents[here + 1 : here + 3]:
        for tok in sent:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() != lemma:
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("that", "this") for c in tok.children):
                continue
            name = next(
                (
                    c
                    for c in tok.children
                    if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"
                ),
                None,
            )
            if name is not None:
                return name
    return None


def _a_person_described(speaker: Token, rules: Rules) -> bool:
    """Whether a description can be a person's: no spokesman, post, body or document."""
    if speaker.tag_ != "NN" or speaker.lemma_.lower() in _NO_PERSON_WORDS:
        return False
    return not _is_document(speaker, rules) and _trigger(speaker, rules) not in _NOT_PERSON_TYPES


def _in_the_lede(sents: Sequence[Entity], here: int) -> bool:
    """Whether fewer than ``_LEDE_SENTENCES`` sentences with a verb come before sentence
    ``here`` (a byline's or a dateline's lines have none)."""
    told = 0
    for sent in sents[:here]:
        if any(t.pos_ in ("VERB", "AUX") for t in sent):
            told += 1
            if told >= _LEDE_SENTENCES:
                return False
    return True


#: the types of a body, never the person a story's opening describes
_NOT_PERSON_TYPES = _ORGANISATION_TYPES | {"government", "military", "media", "police"}
#: nouns for a body or a thing, likewise
_NOT_PEOPLE = frozenset(
    {"company", "firm", "group", "council", "government", "ministry", "agency", "court"}
    | {"school", "university", "hospital", "club", "union", "association", "team", "band"}
    | {"report", "study", "survey", "document", "statement", "letter", "lawsuit", "video"}
)
_NO_PERSON_WORDS = _SPOKESPEOPLE | POSTS | _NOT_PEOPLE

_COUNTED = frozenset({"several", "some", "many", "others", "most", "few"})
#: a speaker that is one of a group named before ("Three lecturers ... One said"): a "he" or
#: "she" after it can be that one
_ONE_OF = frozenset({"one", "another"})


_PART_WORDS = frozenset(
    {"one", "two", "three", "some", "several", "many", "most", "both", "each", "all", "another"}
)


def _of_them(speaker: Token) -> bool:
    """'One of them', 'two of those', 'some of these': a part of a group named before."""
    if speaker.lower_ not in _PART_WORDS:
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(o.lower_ in ("them", "those", "these") for o in c.children)
        for c in speaker.children
    )


def _group_before(speaker: Token, rules: Rules) -> Token | None:
    """The last plural mention of people or sources before ``speaker``, in its sentence or the
    one before ("citing two people who have seen the accounts")."""
    return _last_plural_before(speaker, lambda tok: _trigger(tok, rules) is not None)


def _group_that_spoke(speaker: Token, earlier: list[tuple[Token, Token]]) -> Token | None:
    """The group whose words came just before, in the sentence or the one before ("Two
    caseworkers at the centre ... said .... One of them said"; "Four waiters told the paper
    that tips were kept back. One, who has worked there since 2019, said"): of a group that has
    just spoken, one speaks next, whatever other plural comes between."""
    if not earlier:
        return None
    said, head = earlier[-1]
    if said.i >= speaker.i or said.tag_ not in ("NNS", "NNPS"):
        return None
    sents, here = _sentences_at(speaker)
    if said.i < sents[max(0, here - 1)].start:
        return None
    return head


def _counted_from(speaker: Token) -> Token | None:
    """The group a bare quantifier counts from: the last plural subject before it, in its
    sentence or the one before."""
    return _last_plural_before(speaker, lambda tok: tok.dep_ in ("nsubj", "nsubjpass"))


def _last_plural_before(speaker: Token, wanted: Callable[[Token], bool]) -> Token | None:
    """The last plural noun before ``speaker`` that is ``wanted``, in its sentence or the one
    before."""
    sents, here = _sentences_at(speaker)
    for sent in reversed(sents[max(0, here - 1) : here + 1]):
        for tok in reversed([t for t in sent if t.i < speaker.i]):
            if tok.tag_ in ("NNS", "NNPS") and wanted(tok):
                return tok
    return None


def _titled(tok: Token) -> Token | None:
    """The name a description stands before or beside: "cybersecurity firm Greyline Labs",
    "the firm, Greyline Labs,"."""
    if tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.head.i > tok.i:
        return tok.head
    return next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def _sentences_at(tok: Token) -> tuple[list[Entity], int]:
    """The sentences of ``tok``'s document and the index of the one that holds it (the
    sentences listed once a document: spaCy builds them again on each ``doc.sents``)."""
    doc = tok.doc
    found: tuple[list[Entity], list[int]] | None = doc.user_data.get("provenance_sentences")
    if found is None:
        sents = list(doc.sents)
        found = doc.user_data["provenance_sentences"] = (sents, [s.start for s in sents])
    sents, starts = found
    return sents, bisect_right(starts, tok.i) - 1


#: Words that place a body at a level of government ("the county department"), not name it
_LEVELS = frozenset(
    {"county", "city", "state", "town", "district", "village", "parish", "borough"}
    | {"province", "region", "municipality", "council"}
)


def _named_as(tok: Token, speaker: Token) -> bool:
    """Whether ``tok`` ends an organisation's name with the speaker's word ("Castlemere
    University" for "the university"), and the name holds every noun the speaker is described
    by ("the water department" is "Halden Water Department", "the county health department"
    is not), but for a level of government (:data:`_LEVELS`)."""
    lemma = speaker.lemma_.lower()
    if tok.pos_ != "PROPN" or tok.lower_ != lemma or tok.ent_type_ != "ORG":
        return False
    ent = _entity(tok)
    words = {w.lower() for w in (ent.text if ent is not None else tok.text).split()}
    described = {c.lower_ for c in speaker.children if c.dep_ == "compound" and c.pos_ == "NOUN"}
    return described <= words | _LEVELS


def _is_definite(tok: Token) -> bool:
    """'the official', 'this company', 'his lawyer': a description that points back."""
    return any(
        (c.dep_ == "det" and c.lower_ in {"the", "this", "that"})
        or (c.dep_ == "poss" and c.lower_ in {"his", "her", "its", "their"})
        for c in tok.children
    )


def _owned(tok: Token) -> bool:
    """Whether a possessive ("Thornleigh's", "its") owns the token."""
    return any(
        c.dep_ in ("poss", "nmod") and any(g.tag_ == "POS" for g in c.children)
        for c in tok.children
    ) or any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in tok.children)


def _titled_name(title: Token, name: Token) -> bool:
    """Whether ``name`` is a person's full name set off by commas after ``title``, a
    capitalised title ("the Special Adviser to the Governor on Media and Publicity, Mr
    Olumide Fashola,"): a first name and surname, or a name after an honorific or a rank,
    and no name of its own for the title."""
    if name.dep_ != "appos" or name.pos_ != "PROPN" or name.i < title.i + 2:
        return False
    if not _name_of_words(name) or name.ent_type_ not in ("PERSON", "ORG", ""):
        return False
    doc = name.doc
    start, end = name.left_edge.i, name.right_edge.i
    while end > name.i and doc[end].is_punct:  # the parser may hang the closing comma on it
        end -= 1
    if doc[start - 1].text != "," or end + 1 >= len(doc) or doc[end + 1].text != ",":
        return False
    words = doc[start : end + 1]
    if name.ent_type_ != "PERSON" and words[0].lower_ not in _BEFORE_NAMES:
        return False  # "Acme Holdings" after a title: not a person
    return title.ent_type_ == "" or name.ent_type_ == "PERSON" or _is_title_word(title)


def _named_post_between(tok: Token, name: Token) -> bool:
    """Whether a name set beside ``tok`` names a post written between them ("The state
    government, in a statement by the Commissioner for Physical Planning, Mr Babatunde Ilori,
    said": the commissioner, not the government), which the parser hung on ``tok``."""
    between = tok.doc[tok.i + 1 : name.left_edge.i]
    return any(t.dep_ == "pobj" and _is_title_word(t) for t in between)


def _is_title_word(tok: Token) -> bool:
    """Whether a capitalised head reads as a title: it ends on a word for a post."""
    return tok.lower_ in POSTS


def _appositive_name(tok: Token) -> Token | None:
    if tok.pos_ == "PROPN" and _owned(tok):
        # "Thornleigh's MP, Diane Mercer,": a title the tagger took for a name, owned by a
        # place or a body, set beside a person's full name
        return next(
            (
                c
                for c in tok.children
                if c.dep_ == "appos"
                and c.pos_ == "PROPN"
                and c.ent_type_ == "PERSON"
                and c.i > tok.i
                and _name_of_words(c)
            ),
            None,
        )
    if tok.pos_ == "PROPN" and tok.ent_type_ != "PERSON":
        # "The Police Public Relations Officer in the state, SP Grace Okon, confirmed": a
        # capitalised title the tagger took for a name, set off before a full name with its
        # rank or honorific (which the recogniser may take for an organisation's); or hung
        # on the place the title is for ("The Municipal Chief Executive (MCE) for Okyerekrom,
        # Mr Yaw Boakye-Dankwa,")
        hung = [
            name
            for prep in tok.children
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "in", "at")
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for name in pobj.children
        ]
        found = next((c for c in [*tok.children, *hung] if _titled_name(tok, c)), None)
        return _name_after_rank(found) if found is not None else None
    if tok.pos_ != "NOUN":
        return None
    set_beside = [
        c
        for c in tok.children
        if c.dep_ == "appos"
        and c.pos_ == "PROPN"
        and c.i > tok.i
        and not _named_post_between(tok, c)
        # "lawyer, Atty. Gerardo Policarpio": the name after the title
        and not (c.lower_ in _BEFORE_NAMES and c.i + 1 < len(c.doc))
    ]
    # "The leader of the traders, Market Queen Nana Ama Serwaa Agyemang,": the parser hung
    # the title and the name's words side by side; the person is the one tagged a person
    people = [c for c in set_beside if c.ent_type_ == "PERSON"]
    if len(set_beside) > 1 and people:
        return people[-1]
    if set_beside:
        return set_beside[0]
    # "Kesik president and CEO Diane Arsenault": one person, under two titles, the second
    # written before the name
    for conj in tok.children:
        titled = [c for c in conj.children if c.dep_ == "compound" and c.i < conj.i]
        if (
            conj.dep_ == "conj"
            and conj.pos_ == "PROPN"
            and conj.ent_type_ == "PERSON"
            and titled
            and titled[0].ent_type_ != "PERSON"
            and any(c.dep_ == "cc" and c.lower_ == "and" for c in tok.children)
        ):
            return conj
    # "The owner of the Olive Tree, Sofia Marchetti, has told": the parser hangs the name on
    # "Tree"; a first name and surname set off by commas after "the owner of X" name the owner
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "at"):
            continue
        for pobj in prep.children:
            for name in pobj.children:
                if (
                    name.dep_ == "appos"
                    and name.pos_ == "PROPN"
                    and name.i > pobj.i
                    and name.doc[name.i - 1].pos_ == "PROPN"
                    and name.doc[name.left_edge.i - 1].text == ","
                    and name.i + 1 < len(name.doc)
                    and name.doc[name.i + 1].text == ","
                    and name.ent_type_ not in _PLACES
                ):
                    return name
    # "A doctor at the only clinic in nearby Tasbur, Nadim Orak, told": hung deeper still; a
    # name of two words or more, set off by commas, that ends the subject just before its verb
    doc = tok.doc
    for name in tok.subtree:
        edge = name.left_edge.i
        if (
            name.i > tok.i
            and name.pos_ == "PROPN"
            and doc[name.i - 1].pos_ == "PROPN"
            and edge > 0
            and doc[edge - 1].text == ","
            and name.i + 2 < len(doc)
            and doc[name.i + 1].text == ","
            and doc[name.i + 2].i == tok.head.i
            and name.ent_type_ not in ("GPE", "LOC", "FAC", "ORG", "NORP")
            and not _named_post_between(tok, name)
        ):
            return name
    return None


def _name_after_rank(name: Token) -> Token:
    """'Divisional Officer Grade II (DO II) Mercy Adjei-Sarpong': the name the parser hung on
    a rank set off before it (the last word set beside the rank that ends the set-off)."""
    doc = name.doc
    later = [
        c
        for c in name.children
        if c.dep_ == "appos"
        and c.pos_ == "PROPN"
        and c.i > name.i
        and c.i + 1 < len(doc)
        and doc[c.i + 1].text == ","
    ]
    return later[-1] if later else name


def _is_acronym(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text.isupper() and 2 <= len(tok.text) <= 6


def _expansion(tok: Token) -> Token | None:
    """'ITA' -> the head of 'the International Testing Agency' named earlier (its article
    no initial, though capitalised: "The Coastal Rescue Trust (CRT)")."""
    for ent in _ents(tok.doc):
        if ent.end > tok.i or len(ent) < 2:
            continue
        initials = "".join(t.text[0] for t in ent if t.text[:1].isupper() and t.pos_ != "DET")
        # "NHS Wessex Vale Integrated Care Board" ... "the ICB": the initials of its last words
        tail = len(tok.text) >= 3 and initials.endswith(tok.text) and ent.label_ == "ORG"
        if initials == tok.text or tail:
            return ent.root
    return None


def _has_proper(tok: Token) -> bool:
    """Whether a mention holds a name, not counting a place in a hyphened modifier ("the
    Dallas-based retailer", "the Banja Luka-based portal" name no one: a description)."""
    return any(t.pos_ == "PROPN" and not _in_hyphened_modifier(t) for t in mention_tokens(tok))


def _in_hyphened_modifier(tok: Token) -> bool:
    """Whether ``tok`` is one of the names a hyphen joins to a modifier of the mention
    ("Qassim" in "Qassim-based", "Banja" and "Luka" in "Banja Luka-based")."""
    doc, end = tok.doc, tok.i
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN":
        end += 1
    return end + 2 < len(doc) and doc[end + 1].text in _NAME_DASHES and doc[end + 2].dep_ == "amod"


def _description_antecedent(
    speaker: Token, earlier: list[tuple[Token, Token]], rules: Rules
) -> Token | None:
    """'the official' -> 'a high-ranking official at ...'; 'the mayor' -> 'Mayor Igor Terekhov';
    'the agency' -> 'the International Testing Agency'; 'the company' -> the company that
    spoke last (or was named last)."""
    doc = speaker.doc
    lemma = speaker.lemma_.lower()
    if _is_document(speaker, rules):
        if _by_someone(speaker):
            return None  # "The report by Halifax lawyer Colleen Atwood": hers, as it stands
        issuer = (
            _its_own(speaker, earlier)
            or _issuer(speaker, earlier, rules)
            or _last_institution(speaker, earlier, rules)
        )
        if issuer is not None:
            return issuer
    sents, here = _sentences_at(speaker)
    lo = max(0, here - rules.thresholds.coref_back)
    hi = min(len(sents), here + rules.thresholds.coref_forward + 1)

    headline = _headline_end(doc)
    kind = _trigger(speaker, rules)
    institution = kind in _ORGANISATION_TYPES or kind == "government"
    if speaker.tag_ == "NNS" and _is_definite(speaker):
        # "The paramilitaries", "the militants": the name written with that word before it
        # ("the paramilitary Rapid Support Forces", "the militant group Hamas")
        members = _qualified_name(speaker, headline, {lemma}, adjective=True)
        if members is not None and not _is_person(members):
            return members

    # "the spokesman" may be "army spokesman Idriss Kamoun"; "the regional emergency
    # service" is not "emergency service spokesman Dario Kessel"
    a_person = kind in ("official", "anonymous official") or lemma in _PEOPLE_VOICES
    ranked = _ranked(speaker)

    def matches(tok: Token) -> bool:
        # every test below needs a noun, a name or a person
        if tok.pos_ not in ("NOUN", "PROPN") and tok.ent_type_ != "PERSON":
            return False
        if ranked and tok.pos_ == "NOUN" and _ranked(tok) != ranked:
            return False  # "the deputy arbiters" are not "Chief arbiter Ramon Estrella"
        if tok.i == speaker.i or tok.dep_ in ("compound",) and not _is_person(tok.head):
            return False
        if tok.idx < headline <= speaker.idx:  # "Regulator Widens ... Probe" names nobody
            return False
        if tok.pos_ == "NOUN" and tok.lemma_.lower() == lemma and not _is_definite(tok):
            # "The weather service" is not "most European weather services" (but "the
            # authors" may be "the study's lead author" and those with her), nor "the
            # airline" "any major European airline": a quantified noun introduces no one
            if any(c.dep_ == "det" and c.lower_ in _QUANTIFIERS for c in tok.children):
                return False
            if any(c.lower_ in _OTHER for c in tok.children if c.dep_ in ("det", "amod")):
                return False  # "the club" is not "another first-division club"
            return tok.tag_ != "NNS" or speaker.tag_ == "NNS"
        if _named_as(tok, speaker):
            return True
        person = _is_person(tok) or _is_titled_name(tok, rules)
        if person and lemma in _BENCH and tok.dep_ != "compound" and lemma in _titles(tok):
            return True  # "the judge" -> "Justice Lorraine Cartwright-Moss", "Judge Ashworth"
        if person and tok.dep_ != "compound" and not institution and a_person:
            # "the spokesman" -> "army spokesman Idriss Kamoun", but "the army" is the army
            return any(t.lemma_.lower() == lemma for t in mention_tokens(tok) if t.i != tok.i)
        return False

    tokens = doc_tokens(doc)
    for n in range(here, lo - 1, -1):
        for tok in reversed(tokens[sents[n].start : min(sents[n].end, speaker.i)]):
            if matches(tok):
                return _described_name(tok)
    for n in range(here, hi):
        for tok in tokens[max(sents[n].start, speaker.i + 1) : sents[n].end]:
            if matches(tok):
                return _described_name(tok)
    # "the university" far from "Lecturers at Castlemere University": a name ending in its
    # word, named earlier in the article, before the one that spoke most
    if institution:
        for tok in reversed(tokens[: speaker.i]):
            if tok.idx < headline:
                break
            if _named_as(tok, speaker):
                return tok
    # "the company", "the court", "the agency": the last organisation of that kind to speak,
    # else the organisation last named before it
    if kind in _ORGANISATION_TYPES:
        # "the state news agency" is one said to be the state's, not "news site Kordofan Voice"
        owned = _state_run(speaker)

        def owned_alike(tok: Token) -> bool:  # called the state's too, where the speaker is
            return not owned or _state_run(tok)

        qualified = _qualified_name(speaker, headline)
        if qualified is not None and not owned:
            return qualified
        named_before = _body_before(speaker, kind, rules)
        if named_before is not None and lemma in _ANY_BODY and not owned:
            return named_before
        # the most salient one: most attributions so far, the latest on a tie
        counts: dict[str, tuple[int, int, Token]] = {}
        for n, (_, head) in enumerate(earlier):
            # a name, though the tagger took its last word for a noun ("Nordhaven Seafoods")
            named = head.pos_ == "PROPN" or (head.pos_ == "NOUN" and head.is_title)
            if head.i >= speaker.i or not named or head.idx < headline:
                continue
            if not owned_alike(head):
                continue
            if _set_beside(speaker, head, headline, rules):
                continue
            name, head_kind, _ = canonical_source(head, rules)
            if head_kind != kind or not name:
                continue
            if head.pos_ == "PROPN" or (len(name.split()) > 1 and name[:1].isupper()):
                seen = counts.get(name, (0, 0, head))
                counts[name] = (seen[0] + 1, n, head)
        if counts:
            return max(counts.values(), key=lambda c: (c[0], c[1]))[2]
        candidates = [
            ent
            for ent in reversed([e for e in _ents(doc) if e.end <= speaker.i])
            # "the company" after "Ardent Holdings"; "the army" is not Hezbollah
            if (
                ent.label_ == "ORG"
                or strip_determiner(ent.text).lower() in _described_names(doc, rules)
            )
            and ent.start >= sents[lo].start
            and ent.start_char >= headline
            and not _modifier(ent.root)
            and not _family(ent)
            and not _told(ent.root)
            and not _checking(ent.root)
            and not _territory(ent.root)
            and not _bracketed(ent)
            and (lemma in _generic_bodies(rules) or lemma in ent.text.lower())
            and owned_alike(ent.root)
            # "In a post on Telegram, the paramilitary group said": the medium, not who spoke
            and ent.text.lower() not in _platforms(rules)
        ]
        kinds = [canonical_source(ent.root, rules)[1] for ent in candidates]
        # one named as of that kind ("Navkar Speciality Chemicals Pvt Ltd"), before one that
        # only may be ("Bharuch", which the recogniser took for an organisation once); the
        # nearest first within each (the sort is stable)
        by_kind = sorted(zip(candidates, kinds, strict=True), key=lambda pair: pair[1] != kind)
        for ent, named_kind in by_kind:
            if _compatible(named_kind, kind):
                return _named_of_kind(ent.root, speaker, kind, rules) or ent.root
        # "The port's operator, Nordhavn Terminals," (a name the tagger took for a person)
        for tok in reversed(doc[sents[lo].start : speaker.i]):
            if not owned_alike(tok):
                continue
            if tok.idx >= headline and _described_organisation(tok, rules) == kind:
                return tok
        # "Helix Orbital's rocket lost its second stage, the company said": a name the tagger
        # missed, ended by a word that names that kind of organisation (one it took for an
        # organisation was weighed above: "the army" is not "the Rapid Support Forces")
        for tok in reversed(doc[sents[lo].start : speaker.i]):
            before = doc[tok.i - 1] if tok.i > 0 else None
            named = before is not None and before.pos_ == "PROPN" and tok.pos_ == "PROPN"
            missed = tok.ent_type_ != "ORG" and owned_alike(tok)
            if tok.idx >= headline and named and missed and _trigger(tok, rules) == kind:
                return tok
    if here < _LEDE_SENTENCES and any(c.dep_ in ("amod", "compound") for c in speaker.children):
        return _named_after_lede(speaker, sents[here + 1 : here + 2], rules)
    return None


def _set_beside(speaker: Token, head: Token, headline: int, rules: Rules) -> bool:
    """Whether the article names ``head``'s organisation beside the speaker's word, as one
    of two ("the army and the paramilitary Rapid Support Forces accused each other"): then
    "the army" is not the RSF, though both are forces that spoke."""
    lemma = speaker.lemma_.lower()
    name = canonical_source(head, rules)[0]
    if name is None:
        return False
    for tok in doc_tokens(speaker.doc)[: speaker.i]:
        if tok.idx < headline or tok.pos_ != "NOUN" or tok.lemma_.lower() != lemma:
            continue
        if any(canonical_source(c, rules)[0] == name for c in tok.conjuncts):
            return True
    return False


def _qualified_name(
    speaker: Token, headline: int, words: set[str] | None = None, *, adjective: bool = False
) -> Token | None:
    """The last name before ``speaker`` written with the adjective it is described by ("the
    paramilitary group" after "the paramilitary Rapid Support Forces (RSF)", "the militant
    group" after "militant group Hamas"), but for adjectives any body may have; or with one
    of ``words``, where given (as an adjective, with ``adjective``: "the lawyers" are not
    "lawyer Jean Dupont")."""
    if words is None:
        words = {
            c.lower_
            for c in speaker.children
            if c.dep_ == "amod" and c.pos_ == "ADJ" and c.lower_ not in _VAGUE_QUALIFIERS
        }
    if not words:
        return None
    for tok in reversed(doc_tokens(speaker.doc)[: speaker.left_edge.i]):
        if tok.idx < headline:
            break
        if tok.pos_ != "PROPN" or tok.dep_ == "compound":
            continue
        mention = mention_tokens(tok)
        described = [t for t in mention if t.i < tok.i]
        if tok.dep_ == "appos" and tok.head.i < tok.i:  # "the paramilitary, Rapid Support Forces"
            described.append(tok.head)  # "the militant group Hamas": and what describes it
            described += [c for c in tok.head.children if c.dep_ in ("amod", "compound")]
        before = tok.doc[mention[0].i - 1] if mention and mention[0].i > 0 else None
        if before is not None and before.pos_ in ("ADJ", "NOUN"):
            described.append(before)  # the parser parted it from the name it describes
            described += [c for c in before.children if c.dep_ == "amod"]
        if any(t.lower_ in words and (t.pos_ == "ADJ" or not adjective) for t in described):
            return tok
    return None


#: adjectives that say nothing of which body is meant ("the local council")
_VAGUE_QUALIFIERS = frozenset(
    [
        "local",
        "national",
        "regional",
        "federal",
        "main",
        "new",
        "other",
        "former",
        "same",
        "central",
        "top",
        "senior",
        "big",
        "biggest",
        "large",
        "largest",
        "small",
        "private",
        "public",
        "official",
        "international",
        "foreign",
        "domestic",
        "provincial",
        "municipal",
    ]
)


#: what any organisation may be called, whatever its kind (not "the company", which says it)
_ANY_BODY = frozenset({"group", "organisation", "organization", "body"})


def _body_before(speaker: Token, kind: str | None, rules: Rules) -> Token | None:
    """The organisation the sentence just before is about, by name, as the subject of its
    main verb, where "the group" opens the next ("The Kansai Karoshi Families Network said
    ... . The group said ..."): that one, though another of its kind spoke more often."""
    before = _sentence_before(speaker)
    if before is None or speaker.dep_ != "nsubj" or speaker.left_edge.i != speaker.sent.start:
        return None
    subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "PROPN" or subject.ent_type_ != "ORG":
        return None
    return subject if _compatible(canonical_source(subject, rules)[1], kind) else None


def _platforms(rules: Rules) -> frozenset[str]:
    """The names of platforms a statement is posted on ("Telegram", "X"), from the rules'
    channels."""
    found: frozenset[str] = once_for(
        _PLATFORMS,
        rules,
        lambda: frozenset(w for c in rules.channels if c.kind == "platform" for w in c.words),
    )
    return found


_PLATFORMS: dict[int, tuple[Any, Any]] = {}


def _state_run(head: Token) -> bool:
    """Whether the phrase headed by ``head`` calls it the state's ("the state news agency",
    "state-run broadcaster RTS", "state media outlet SUNA")."""
    return any(t.lower_ == "state" for t in mention_tokens(head) if t.i < head.i)


def _described_name(noun: Token) -> Token:
    """The name a description is set beside, after it ("Hélène Marvejol, France's junior
    minister for rural affairs,": "the minister" is Hélène Marvejol), else the description."""
    beside = noun.pos_ == "NOUN" and noun.dep_ == "appos" and noun.head.i < noun.i
    return noun.head if beside and noun.head.pos_ == "PROPN" else noun


#: determiners of a noun that stands for no one in particular ("any major airline")
_QUANTIFIERS = frozenset({"any", "no", "every", "each", "all"})
#: a noun so modified is not the one "the" points at ("another club", "the other airline")
_OTHER = frozenset({"another", "other"})


def _titles(name: Token) -> set[str]:
    """The posts a person's name gives by the capitalised titles written before it ("Judge
    Ashworth", "His Honour Judge Ashworth": judge; "Justice Lorraine Cartwright-Moss": the
    title a judge of a higher court goes by)."""
    words = {
        t.lemma_.lower()
        for t in mention_tokens(name)
        if t.i < name.i and t.is_title and t.pos_ in ("PROPN", "NOUN")
    }
    return words | {_POST_OF_TITLE[w] for w in words if w in _POST_OF_TITLE}


#: titles that name a post by another word: "Justice X" is a judge
_POST_OF_TITLE = {"justice": "judge"}

#: posts typed as the court they sit in, held by a person a title names ("Judge Ashworth");
#: "the committee" is no "Committee chair Ruth Engel"
_BENCH = frozenset({"judge", "magistrate", "coroner"})


#: words that tell people of one post apart: "the deputy arbiter" is not "the chief arbiter"
_RANKED = frozenset(
    {"deputy", "chief", "senior", "junior", "assistant", "vice", "former", "acting", "associate"}
)


def _ranked(noun: Token) -> frozenset[str]:
    """The words of :data:`_RANKED` that modify ``noun``."""
    return frozenset(
        c.lower_ for c in noun.children if c.dep_ in ("amod", "compound") and c.lower_ in _RANKED
    )


def _generic_bodies(rules: Rules) -> frozenset[str]:
    """Words for a body that any organisation of its kind may be called ("the company",
    "the group", "the newspaper"), unlike "the university" or "the museum", which a name
    must say."""
    found: frozenset[str] = once_for(_GENERIC, rules, lambda: _find_generic(rules))
    return found


def _find_generic(rules: Rules) -> frozenset[str]:
    generic = ("company", "media")  # "the company", "the newspaper"
    heads = {h for t in rules.triggers if t.type in generic and not t.words for h in t.heads}
    return frozenset(heads | {"organisation", "organization", "group", "body", "union"})


_GENERIC: dict[int, tuple[Any, Any]] = {}


def _modifier(tok: Token) -> bool:
    """Whether a name only modifies a common noun ("an Instagram story"): it says which
    story, and is no organisation a later "the university" can stand for."""
    return tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.i > tok.i


def _named_after_lede(
    speaker: Token, following: list[Entity], rules: Rules, opening: bool = True
) -> Token | None:
    """The organisation a description in the lede turns out to be, in the sentence after it:
    the one that sentence opens with ("the national consumer safety regulator said", then "The
    Product Safety Commission said in a statement"; unless not ``opening``), or one speaking
    there that is named in two of the description's words ("the country's air accident
    investigators said", then "..., the Air Accident Investigation Board said")."""
    doc = speaker.doc
    for sent in following:
        first = next((t for t in sent if not t.is_punct and not t.is_space), None)
        if first is None:
            continue
        if first.lower_ == "the" and first.i + 1 < sent.end:
            first = doc[first.i + 1]
        named = _entity(first)
        if (
            opening
            and named is not None
            and named.label_ == "ORG"
            and named.root.dep_ == "nsubj"
            # not another kind of body: "the agriculture ministry denied ...", then "Halden
            # Foods denied ..."
            and _compatible(canonical_source(named.root, rules)[1], _trigger(speaker, rules))
        ):
            return named.root
        described = {t.lower_[:6] for t in mention_tokens(speaker) if t.is_alpha}
        for ent in _ents(doc):
            if sent.start <= ent.start < sent.end and ent.label_ == "ORG":
                words = {t.lower_[:6] for t in ent if t.is_alpha and len(t) > 2}
                if ent.root.dep_ == "nsubj" and len(words & described) >= 2:
                    return ent.root
    return None


#: Kinds a name the tagger calls an organisation (no more is known of it) may turn out to be.
_BODIES = frozenset(
    {"company", "organisation", "rebel group", "media", "international organisation"}
)


def _told(tok: Token) -> bool:
    """Whether a name is the one a speaker told ("Grace told ITV News"): an outlet or a
    listener, not an organisation "the company" can be."""
    return tok.dep_ in ("dobj", "dative") and tok.head.lemma_.lower() == "tell"


#: the reporter's own checks ("could not confirm the report", "has not seen the draft")
_CHECKS = frozenset({"verify", "confirm", "see", "reach", "establish"})


def _checking(tok: Token) -> bool:
    """Whether a name is the subject of a check that came to nothing ("VnExpress International
    has not seen the draft", "MercoPress could not confirm the report"): the outlet that
    writes, not an organisation "the company" can be."""
    verb = tok.head
    return (
        tok.dep_ == "nsubj"
        and verb.lemma_.lower() in _CHECKS
        and any(c.dep_ == "neg" for c in verb.children)
    )


#: what a place is the name of: "the northern department of Tacuarembó"
_TERRITORIES = frozenset(
    {"department", "province", "region", "state", "county", "district", "municipality"}
)


def _territory(tok: Token) -> bool:
    """Whether a name is a place named by what it is ("in the northern department of
    Tacuarembó"), which the tagger may take for an organisation."""
    of = tok.head
    return tok.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in _TERRITORIES


def _family(ent: Entity) -> bool:
    """Whether an "organisation" is a family the article names a member of: "the Wades"
    (or "the Joneses") after "Kerry Wade"."""
    words = [t.lower_ for t in ent if t.lower_ != "the"]
    word = words[-1] if len(words) == 1 else ""
    if not word.endswith("s"):
        return False
    surnames = _surnames(ent.doc)
    return word[:-1] in surnames or (word.endswith("es") and word[:-2] in surnames)


def _named_of_kind(after: Token, speaker: Token, kind: str, rules: Rules) -> Token | None:
    """'Sulawesi River Watch, an environmental group, said ... the concession of nickel miner
    PT Sawu Mineral Utama. The company denied ...': a name of exactly that kind between an
    organisation the recogniser found (``after``, of another kind) and the description, which
    the recogniser missed; the latest, or None."""
    if canonical_source(after, rules)[1] == kind:
        return None
    for tok in reversed(after.doc[after.i + 1 : speaker.i]):
        name = tok.pos_ == "PROPN" and tok.dep_ != "compound" and not tok.ent_type_
        if name and canonical_source(tok, rules)[1] == kind:
            return tok
    return None


def _bracketed(ent: Entity) -> bool:
    """Whether a name stands alone in brackets: the agency of a dateline ("HALLAM CROSS, Aug 2
    (Reuters) -"), or a name written short after the full one ("(CGIB)")."""
    doc = ent.doc
    if ent.start == 0 or ent.end >= len(doc):
        return False
    return doc[ent.start - 1].text == "(" and doc[ent.end].text == ")"


def _compatible(named: str | None, described: str | None) -> bool:
    """Whether a named organisation of kind ``named`` can be "the <description>" of kind
    ``described``: "the company" after "Ardent Holdings", "the newspaper" after "the
    Northern Ledger", but not "the army" after "Hezbollah"."""
    if named is None or named == described:
        return True
    return named == "organisation" and described in _BODIES


def _described_organisation(head: Token, rules: Rules) -> str | None:
    """The kind of organisation a name is set beside ("The dam's operator, Volga Hydro,":
    company), or None."""
    if head.dep_ != "appos" or head.pos_ != "PROPN" or head.head.pos_ != "NOUN":
        return None
    # "told the court ...": whom the speaker told, not what it is; another description set
    # between ("the operator, a family firm, Volga Hydro"): this rule does not choose
    between = [t for t in head.head.children if t.dep_ == "appos" and t.i < head.i]
    if head.head.dep_ in ("dobj", "dative", "iobj") or any(t.pos_ == "NOUN" for t in between):
        return None
    if any(c.dep_ == "det" or (c.dep_ == "amod" and c.pos_ == "NOUN") for c in head.children):
        return None  # "the court, a passer-by, Grace Adeyemi": described on its own
    kind = _trigger(head.head, rules)
    return kind if kind in _ORGANISATION_TYPES or kind == "government" else None


def _described_names(doc: Doc, rules: Rules) -> dict[str, str]:
    """Names the article introduces with a word for a kind of organisation before them,
    whatever the recogniser took them for ("electronics maker Hoshizora Denki", tagged a
    person), lowercase, to that kind (once per document)."""
    key = f"provenance_described_names_{id(rules)}"
    found: dict[str, str] | None = doc.user_data.get(key)
    if found is None:
        found = {}
        for ent in _ents(doc):
            if ent.label_ not in ("PERSON", "ORG") or ent.start == 0 or ent[0].pos_ != "PROPN":
                continue
            before = doc[ent.start - 1]
            if before.pos_ != "NOUN" or before.dep_ != "compound" or before.head.i != ent.root.i:
                continue
            kind = _trigger(before, rules)
            if kind in _ORGANISATION_TYPES:
                found.setdefault(strip_determiner(ent.text).lower(), kind)
        doc.user_data[key] = found
    return found


def _headline_end(doc: Doc) -> int:
    """Where the article's headline ends (a first line with no full stop), else 0 (once per
    document)."""
    found: int | None = doc.user_data.get("provenance_headline_end")
    if found is None:
        text = doc_text(doc)
        line = text.split("\n", 1)[0].rstrip()
        plain = "\n" not in text or not line or line[-1] in _ENDS
        found = 0 if plain else _byline_end(text, len(line))
        doc.user_data["provenance_headline_end"] = found
    return found


_ENDS = ".!?\"\u201d'"


def _display_end(doc: Doc) -> int:
    """Where the lines above the article's first paragraph end (headline, standfirst, byline
    and date lines: none ends as a sentence does), else 0 (once per document)."""
    found: int | None = doc.user_data.get("provenance_display_end")
    if found is None:
        found = 0
        for line in doc_text(doc).split("\n"):
            stripped = line.strip()
            if stripped and stripped[-1] in _ENDS:
                break
            found += len(line) + 1
        doc.user_data["provenance_display_end"] = found
    return found


def _named_in_body(speaker: Token, rules: Rules) -> Token | None:
    """Who a description speaking above the article ("Trainer insists feed was contaminated",
    "Corresponding author says ...", "Cinnamon exporter denies ...") is: the name the body
    first gives that description to, as a title before it ("Malton trainer Gareth Denton") or
    set beside it ("Toa Civil Works, a Vaitele company"; "the operator, Volga Hydro,"); a
    company described by its trade ("airline", "supplier", "operator") the body names nowhere
    so is the first company the body has speak ("Velmar Air said"). Only one speaker (not
    "Farmers"), by a word the body writes in lower case; or None."""
    doc = speaker.doc
    end = _display_end(doc)
    if speaker.idx >= end or speaker.tag_ in ("NNS", "NNPS") or speaker.ent_type_ == "PERSON":
        return None
    word = speaker.lower_
    modifiers = {c.lower_ for c in speaker.children if c.dep_ in ("compound", "amod")}
    kind = _trigger(speaker, rules)
    body = kind in (*_ORGANISATION_TYPES, "government")
    for tok in doc_tokens(doc):
        if tok.idx < end or tok.lower_ != word or not tok.text.islower():
            continue
        if any(c.lower_ in ("another", "other") for c in tok.children):
            continue  # "Another climber, Jiri Novak,": not the one above
        head = tok.head
        between = doc[tok.i + 1 : head.i]
        if tok.dep_ == "compound" and head.pos_ == "PROPN" and head.dep_ != "compound":
            # "Malton trainer Gareth Denton", not "union secretary Mark Lee"
            name = head if all(t.pos_ == "PROPN" for t in between) else None
        elif tok.dep_ == "appos" and head.pos_ == "PROPN" and head.i < tok.i:
            name = head  # "Toa Civil Works, a Vaitele company,"
        else:  # "the developer, Steppe Power Partners,"
            name = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if name is not None:
            # "law firm Harcourt Vane" is no "Storage firm", "Tundra, the music-streaming
            # company," no "company" above ("Milan Havel, a structural engineer," is one)
            kinds = {
                c.lower_
                for c in tok.children
                if c.dep_ == "compound" and c.pos_ == "NOUN" or (body and c.dep_ == "amod")
            }
            if body and _is_person(name):
                return None  # "inspectors' union" is not "union secretary general Dario Venz"
            return name if kinds <= modifiers else None
    if kind != "company":
        return None
    # "Fuel stations run dry as supplier blames berth closure": the company that speaks
    for tok in doc_tokens(doc):
        if tok.idx < end or tok.dep_ != "nsubj" or tok.pos_ != "PROPN":
            continue
        if tok.head.lemma_.lower() in rules.verbs and canonical_source(tok, rules)[1] == kind:
            return tok
    return None


#: a line after the headline this short, with no full stop, is its byline or the writer's title
_BYLINE_WORDS = 8


def _byline_end(text: str, end: int) -> int:
    """Where the lines under a headline that name its writer end ("By Nadia Forsythe, Banking
    Correspondent", "Associated Press"): short lines with no full stop, before the first
    paragraph; else ``end``, the headline's."""
    at = end
    for line in text[end:].split("\n"):
        stripped = line.strip()
        if stripped and (len(stripped.split()) > _BYLINE_WORDS or stripped[-1] in _ENDS):
            break
        at += len(line) + 1
        if stripped:
            end = at - 1
    return end


def _is_document(tok: Token, rules: Rules) -> bool:
    """A statement, readout, report...: it speaks for whoever issued it."""
    lemma = tok.lemma_.lower()
    return lemma in _VOICES or any(
        lemma in ch.words for ch in rules.channels if ch.kind == "document"
    )


def _by_someone(document: Token) -> bool:
    """Whether a document's mention names who wrote or issued it ("The report by Halifax
    lawyer Colleen Atwood"): it is theirs, whoever spoke before."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "by"
        and any(o.dep_ == "pobj" and o.pos_ == "PROPN" for o in c.children)
        for c in document.children
    )


def _its_own(speaker: Token, earlier: list[tuple[Token, Token]]) -> Token | None:
    """Whose "its" document is when the sentence's clause names it: "Brennic supplies turbines
    to 14 wind farms, according to its latest annual report" (Brennic's report, not the
    institution that spoke last)."""
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in speaker.children):
        return None
    verb = next(
        # the clause's verb: "according" is tagged a verb too
        (v for v in speaker.ancestors if v.pos_ in ("VERB", "AUX") and v.dep_ != "prep"),
        None,
    )
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb else None
    if subject is None or subject.i >= speaker.i:
        return None
    if subject.pos_ != "PROPN" and not subject.is_title:
        return None  # a name, though the tagger may take it for a noun ("Brennic supplies")
    return _as_resolved(subject, earlier)


def _last_institution(
    speaker: Token, earlier: list[tuple[Token, Token]], rules: Rules
) -> Token | None:
    """'"...," the statement said.' with no statement named before it: the institution that
    spoke last before it (an organisation or a government, named), if any."""
    if speaker.lemma_.lower() in _PEOPLE_VOICES:  # "the spokeswoman" is a person named before
        return None
    for _, head in reversed(earlier):
        if head.i >= speaker.i or head.pos_ != "PROPN":
            continue
        _, kind, _ = canonical_source(head, rules)
        if kind in _ORGANISATION_TYPES or kind == "government":
            return head
    return None


def _issuer(speaker: Token, earlier: list[tuple[Token, Token]], rules: Rules) -> Token | None:
    """'The statement added ...' -> whoever 'said in a statement' before it."""
    lemma = speaker.lemma_.lower()
    for tok in reversed(speaker.doc[: speaker.i]):
        if tok.lemma_.lower() != lemma or tok.pos_ != "NOUN":
            continue
        if any(c.dep_ == "poss" and c.tag_ != "PRP$" for c in tok.children):
            continue  # "calls investigator's report 'one-sided'": the investigator's, not his
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        for child in verb.children:
            if child.dep_ == "nsubj":
                return _as_resolved(child, earlier)
        return None
    # "Vale has sued the podcaster ... The lawsuit says": whoever did what issues it
    verbs = {v for ch in rules.channels if lemma in ch.words for v in ch.issued_by}
    for tok in reversed(speaker.doc[: speaker.i]):
        if tok.pos_ == "VERB" and tok.lemma_.lower() in verbs:
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
                return _as_resolved(subject, earlier)
    return None


def _full_name(speaker: Token, rules: Rules) -> Token | None:
    """A surname ('Zelensky', 'Yoon') -> the head of the fullest mention of that person."""
    found: Token | None = _memoised(speaker, "full_name", rules, _find_full_name)
    return found


def _find_full_name(speaker: Token, rules: Rules) -> Token | None:
    doc = speaker.doc
    ent = _entity(speaker)
    if ent is None or ent.label_ != "PERSON":
        # the word alone, or the whole of a surname written with a hyphen ("Okonkwo-Reyes")
        ent = doc[speaker.i - 2 if _hyphened(doc, speaker.i) else speaker.i : speaker.i + 1]
    name = ent.text
    if ent.label_ == "PERSON" and _nicknamed(speaker, ent):
        name = _person_name(doc[_name_start(speaker) : speaker.i + 1], rules)  # a nickname cut
    size = len(name.split())
    best: tuple[tuple[int, bool, int], Any] | None = None
    for other in _ents(doc):
        # "Dr Imogen Brace", tagged an organisation: an honorific opens a person's name
        titled = other.label_ == "ORG" and other[0].lower_ in _HONORIFICS and len(other) > 2
        if (other.label_ != "PERSON" and not titled) or other.text == name:
            continue
        if len(other) <= len(ent):
            continue
        if len(other.text.split()) <= size:
            continue
        words = {w.lower() for w in other.text.split()}
        same = all(w.lower() in words for w in name.split())
        given = [w for w in name.split()[:-1] if w.lower().rstrip(".") not in _BEFORE_NAMES]
        if not same and not given:  # "Zelenskiy", not "Ernesto X" for "Rafael X"
            last = other.text.split()[-1]
            same = fuzz.ratio(last.lower(), name.split()[-1].lower()) >= rules.thresholds.fuzzy_name
        # the fullest name; of two as full ("Jamie Keogh", his father "Martin Keogh"), the
        # last given before the mention ("Mr Keogh, speaking from Eastmoor, said")
        rank = (len(other), other.start < speaker.i, other.start if other.start < speaker.i else 0)
        if same and (best is None or rank > best[0]):
            best = (rank, other)
    if best is None:
        return None
    return best[1].root  # type: ignore[no-any-return]


def _entity(tok: Token) -> Entity | None:
    """The named entity holding ``tok``, or None (looked up in a per-document index)."""
    index = tok.doc.user_data.get("provenance_entity_index")
    if index is None:
        index = {
            i: part
            for ent in _ents(tok.doc)
            for part in _parts(ent)
            for i in range(part.start, part.end)
        }
        tok.doc.user_data["provenance_entity_index"] = index
    found: Entity | None = index.get(tok.i)
    return found


def _parts(ent: Entity) -> list[Entity]:
    """An entity cut at its commas: the tagger runs "the Olive Tree, Sofia Marchetti" into one
    name; each side is a name of its own, with the entity's label."""
    # "Kestrel Compute's Brenmoor (plan)": an organisation's name ends at its possessive
    owner = next((t.i for t in ent[2:] if t.tag_ == "POS"), None) if ent.label_ == "ORG" else None
    if owner is not None:
        named = ent.doc[ent.start : owner]
        named.label_ = ent.label_
        return _parts(named)
    commas = [t.i for t in ent if t.text == ","]
    if not commas:
        return [ent]
    parts = []
    for start, end in zip([ent.start, *(c + 1 for c in commas)], [*commas, ent.end], strict=True):
        if end > start:
            part = ent.doc[start:end]
            part.label_ = ent.label_
            parts.append(part)
    return parts


def _ents(doc: Doc) -> tuple[Entity, ...]:
    """``doc.ents``, built once: spaCy rebuilds the tuple on every access."""
    ents = doc.user_data.get("provenance_ents")
    if ents is None:
        ents = doc.user_data["provenance_ents"] = tuple(_trimmed(e) for e in doc.ents)
    return tuple(ents)


def _trimmed(ent: Entity) -> Entity:
    """An entity without the line break the recogniser may run it on over ("SunVista
    Holidays" at the end of a line without a full stop) or the conjunction it may open with."""
    start, end = ent.start, ent.end
    while end - start > 1 and ent.doc[end - 1].is_space:
        end -= 1
    # "dean says university will not step in": the verb after the name is no part of it
    while end - start > 1 and ent.doc[end - 1].tag_ in ("VBZ", "VBD", "VBP"):
        end -= 1
    # "But SpaceTrack Weekly, a US trade website, reported": the sentence's conjunction is
    # no part of the name
    while end - start > 1 and ent.doc[start].pos_ == "CCONJ":
        start += 1
    if (start, end) == (ent.start, ent.end):
        return ent
    trimmed = ent.doc[start:end]
    trimmed.label_ = ent.label_
    return trimmed


# --------------------------------------------------------------------------- canonical sources


def _trigger(head: Token, rules: Rules) -> str | None:
    """The source type a trigger of ``rules`` gives the mention headed by ``head``, if any."""
    found: str | None = _memoised(head, "trigger", rules, _find_trigger)
    return found


def _find_trigger(head: Token, rules: Rules) -> str | None:
    lemma = head.lemma_.lower()
    if lemma in _MULTITUDES:  # "Hundreds of residents": typed as residents are
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                return _trigger(obj, rules)
    words = {t.lemma_.lower() for t in mention_tokens(head)} | {
        t.lower_ for t in mention_tokens(head)
    }
    named = _has_person(head)
    short = head.lower_.rstrip(".")  # "Kestrel Harbour Capital Pte.", "Acme Corp."
    for trig in rules.triggers:
        headed = lemma in trig.heads or head.lower_ in trig.heads or short in trig.heads
        if not headed and (not trig.opens or _opened_by(head, trig.opens) is None):
            continue
        if trig.unnamed_only and named:
            continue
        if trig.words and not (words & set(trig.words)):
            continue
        return trig.type
    return None


def _opened_by(head: Token, opens: Sequence[str]) -> Token | None:
    """The word of ``opens`` that opens the name ``head`` ends, written in capitals and
    followed by capitalised words up to the head ("PT Sawu Mineral Utama", "PJSC Rostvar";
    not "the pt"), or None."""
    doc = head.doc
    for tok in mention_tokens(head):
        if tok.i >= head.i or tok.lower_ not in opens or not tok.text.isupper():
            continue
        rest = doc[tok.i + 1 : head.i + 1]
        if len(rest) and all(t.text[:1].isupper() for t in rest):
            return tok
    return None


#: words for a number of people typed as the people they count ("Hundreds of residents",
#: "A group of 46 fishermen")
_MULTITUDES = frozenset(
    {"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "score", "scores"}
    | {"group"}
)


def _has_person(head: Token) -> bool:
    return any(_is_person(t) for t in mention_tokens(head))


def _lookup(text: str, rules: Rules) -> SourceEntry | None:
    return rules.source_index.get(normalise_name(strip_determiner(text)))


def canonical_source(head: Token, rules: Rules) -> tuple[str | None, str | None, str]:
    """(canonical name, source type, evidence) for the mention headed by ``head``."""
    found: tuple[str | None, str | None, str] = _memoised(
        head, "canonical", rules, _canonical_source
    )
    return found


def _memo(doc: Doc, name: str, rules: Rules) -> dict[int, Any]:
    """A per-document cache (resolution asks the same questions of the same tokens)."""
    key = f"provenance_{name}_{id(rules)}"
    memo: dict[int, Any] | None = doc.user_data.get(key)
    if memo is None:
        memo = doc.user_data[key] = {}
    return memo


def _memoised(tok: Token, name: str, rules: Rules, find: Callable[[Token, Rules], Any]) -> Any:
    """``find(tok, rules)``, worked out once a token in its document's cache ``name``."""
    memo = _memo(tok.doc, name, rules)
    if tok.i not in memo:
        memo[tok.i] = find(tok, rules)
    return memo[tok.i]


def _names_someone(verb: Token) -> bool:
    return verb.pos_ == "VERB" and verb.lemma_.lower() in _NAMING_VERBS


def _is_given_name(tok: Token) -> bool:
    """'Yusuf' in "who gave his name only as Yusuf", 'Maria' in "who gave only her first
    name, Maria": the name a described person gives, a person's whatever the tagger says."""
    if tok.pos_ != "PROPN":
        return False
    if tok.dep_ == "appos":
        noun = tok.head
        return noun.lemma_.lower() == "name" and noun.dep_ == "dobj" and _names_someone(noun.head)
    prep = tok.head
    return (
        tok.dep_ == "pobj"
        and prep.lower_ == "as"
        and prep.dep_ == "prep"
        and tok.ent_type_ not in ("GPE", "LOC", "ORG", "NORP")
        and any(_names_someone(v) for v in prep.ancestors)
    )


def _canonical_source(head: Token, rules: Rules) -> tuple[str | None, str | None, str]:
    doc = head.doc
    if _is_given_name(head):
        return head.text, "person", "the name a described person gives"
    alone = not any(c.dep_ == "compound" for c in head.children)  # not "Halvard Metals AG"
    if _is_acronym(head) and alone and _lookup(head.text, rules) is None:
        expanded = _expansion(head)
        if expanded is not None and expanded.i != head.i:  # "An ICB spokesman"
            name, kind, how = canonical_source(expanded, rules)
            return name, kind, f"{how}, written short as '{head.text}'"
    couple = _couple(head)
    if couple is not None:  # "Rhiannon and Gareth Pell said": both, not "Rhiannon"
        return couple, "person", "two given names before one surname"
    if head.tag_ == "NNPS" and _family(doc[head.i : head.i + 1]):
        # "The Pells say", after "Rhiannon and Gareth Pell": the family, not a plural nobody
        # can call back
        surname = head.text[:-2] if head.lower_[:-2] in _surnames(doc) else head.text[:-1]
        return f"{surname} family", "person", f"a family named in the article ('{head.text}')"
    toks = mention_tokens(head)
    text = _text(doc, toks)
    # a title before the name, or an apposition after it ("Mark Feld, an economist at ING")
    described_as = [t for t in toks if t.i != head.i] + [
        c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"
    ]
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":  # "the minister, Petra Lunde,"
        described_as.append(head.head)
    titled = [t for t in described_as if _trigger(t, rules) in ("official", "expert")]
    ent = _entity(head)
    described = _descriptor_type(head, toks, rules)
    # "Kestrel Mobility", "Ardent Holdings": the name says so, though the tagger takes its last
    # word for a noun ("Nordhaven Seafoods")
    before = doc[head.i - 1] if head.i > 0 else head
    # "Fenline Trains", tagged two nouns and a person's name: capitalised words of one entity
    entity_words = before.is_title and bool(head.ent_type_) and before.ent_type_ == head.ent_type_
    noun_named = head.pos_ == "NOUN" and head.is_title
    noun_named = noun_named and (before.pos_ == "PROPN" or entity_words) and before.head.i == head.i
    a_name = head.pos_ == "PROPN" or noun_named
    if described is None and a_name and _trigger(head, rules) == "company":
        described = "company"
    if a_name and described in _ORGANISATION_TYPES:
        # "Dutch e-scooter maker Kestrel Mobility": the descriptor says what the name is
        words = [t for t in toks if t.pos_ == "PROPN" and _name_start(head) <= t.i <= head.i]
        if noun_named and not words and entity_words:
            words = [before]
        words += [head] if noun_named else []
        words += _of_name(head, toks)
        text_name = _text(doc, words) if words else head.text
        entry = _lookup(text_name, rules)
        if entry is not None:
            return entry.canonical, entry.type, f"alias '{text_name}' in sources.toml"
        return text_name, described, f"named {described} ('{text_name}')"
    set_beside = _described_organisation(head, rules)
    if set_beside is not None:
        # "The dam's operator, Volga Hydro," (tagged a person): the description says what it is
        # not a place it is set in ("The tool's maker, Leeds-based Briefwell,")
        modifiers = {t.i for c in head.children if c.dep_ == "amod" for t in c.subtree}
        name = _text(doc, [t for t in toks if t.pos_ == "PROPN" and t.i not in modifiers])
        name = name or head.text
        entry = _lookup(name, rules)
        if entry is not None:
            return entry.canonical, entry.type, f"alias '{name}' in sources.toml"
        return name, set_beside, f"named {set_beside} ('{head.head.text}, {name}')"
    # "The Police Public Relations Officer in the state, SP Grace Okon,": a person, whatever
    # the recogniser took the name for
    title = head.head
    set_off = head.dep_ == "appos" and title.pos_ == "PROPN" and title.ent_type_ != "PERSON"
    set_off = set_off and _titled_name(title, head)
    named_as = _described_names(doc, rules).get(strip_determiner(ent.text).lower()) if ent else None
    if named_as is not None and ent is not None and not titled:
        # "Hoshizora Denki said", after "electronics maker Hoshizora Denki": an organisation,
        # however the recogniser tagged the name
        return strip_determiner(ent.text), named_as, "named as an organisation in the article"
    organisation = _full_organisation(head)
    short_for = organisation if alone and len(toks) == 1 and not titled else None
    if short_for is not None and len(short_for) > 1 and head.lower_ not in _surnames(doc):
        # "Tsubame rejected the fund's figures", after "Tsubame Elevator Co.": the organisation
        # named in full, though the tagger took the lone word for a person's name
        name, kind, how = canonical_source(short_for.root, rules)
        if name and kind in _ORGANISATION_TYPES:
            return name, kind, f"{how}, named short as '{head.text}'"
    if _is_person(head) or _is_titled_name(head, rules) or set_off or _named_person(head, rules):
        kind = (_trigger(titled[0], rules) or "official") if titled else "person"
        kind = "official" if set_off and kind == "person" else kind
        full = _full_name(head, rules)
        name_ent = _entity(full) if full is not None else ent
        if set_off:  # the whole name set off, however the recogniser cut it
            end = head.i + 1
            while end + 1 < len(doc) and _hyphened(doc, end + 1):
                end += 2  # "Amoako-Tuffour", its second half hung on the first
            name_ent = doc[head.left_edge.i : end]
        elif name_ent is None or name_ent.label_ != "PERSON" or _nicknamed(head, name_ent):
            name_ent = doc[_name_start(head) : head.i + 1]  # "Mayor Ana Ruiz" the tagger missed
        return (
            _person_name(name_ent, rules),
            kind,
            "person name" + (f" with title '{titled[0].text}'" if titled else ""),
        )
    entry = _lookup(text, rules)
    if entry is not None:
        return entry.canonical, entry.type, f"alias '{text}' in sources.toml"
    named = _named_company(head, rules) if organisation is None and len(toks) == 1 else None
    if named is not None:  # "Helix said", after "Helix Orbital's rocket" the tagger missed
        org_name, org_kind, _ = canonical_source(named, rules)
        return org_name, org_kind or "company", f"short for '{org_name}'"
    if organisation is not None and organisation.root.i != head.i:
        org_name, org_kind, _ = canonical_source(organisation.root, rules)
        how = "short for" if len(organisation) > 1 else "named as an organisation elsewhere:"
        return org_name, org_kind or "organisation", f"{how} '{organisation.text}'"
    owner = _institution(head, rules)
    if owner is not None and not _has_person(head):
        return owner[0], owner[1], f"{owner[2]}, speaking through '{head.text}'"
    owner = _issued_by(head, rules)
    if owner is not None and _records(head):
        # "Figures from the Forum", "GiveRaise's own figures": a document of the body's,
        # an origin of its own, no party's word
        return f"{owner[0]} {head.text.lower()}", "document", owner[2]
    if owner is not None:
        # "the railway's defence, lodged last month, denies", "a readout from the Kremlin":
        # the issuer speaking
        return owner[0], owner[1], f"{owner[2]}, through its {head.text}"
    trig = _trigger(head, rules)
    if trig in _DESCRIBED_TYPES or trig == "expert" or head.lemma_.lower() == _TEAM:
        employer = _employer(head, rules)
        if employer is not None:  # "Analysts at Bergmann Securities": the firm's word
            return employer  # and "Scientists at the University of Leeds" the university's
    if trig in _DESCRIBED_TYPES or trig == "official":
        return strip_determiner(text), trig, f"head noun '{head.text}' ({trig})"
    # "Seoul-based Hanbit Sports Tech": the place a name is set in says nothing of whose word
    placed = {t.i for c in head.children if c.dep_ == "amod" for t in c.subtree}
    for t in toks:
        if t.ent_type_ in ("ORG", "GPE", "NORP", "FAC") and t.ent_iob_ == "B":
            if _seen_by(t) is not None:
                continue  # "A post-mortem report ..., seen by the BBC": who saw it
            if t.i in placed and t.ent_type_ in ("GPE", "NORP"):
                continue
            e = _entity(t)
            if (
                t.ent_type_ in ("GPE", "NORP")
                # "One London market underwriter": where someone works, not whose word it is
                and (trig not in (None, "government", "military") or head.pos_ == "NOUN")
                and (e is None or not e.start <= head.i < e.end)
            ):
                continue  # "Italy's grid operator" is a company, not the Italian government
            if e is None:
                continue
            entry = _lookup(e.text, rules)
            if entry is not None:
                return entry.canonical, entry.type, f"alias '{e.text}' in sources.toml"
    if trig is not None:
        return strip_determiner(text), trig, f"head noun '{head.text}' ({trig})"
    if head.lemma_.lower() in _MULTITUDES and len(toks) > 1:
        # "Hundreds of customers", not the number the recogniser takes it for
        return strip_determiner(text), None, f"mention text ('{head.text}' counts them)"
    if ent is not None and len(ent) == 1 and ent[0].lower_ in _surnames(head.doc):
        # "Santangeli wrote", after "Paolo Santangeli": the person, whatever the tagger says
        return ent.text, "person", f"surname of a person named in the article ({ent.label_})"
    if ent is not None and ent.label_ in _NOT_NAMES and head.pos_ == "PROPN":
        # "Korvala Today": a name whose last word the tagger took for a date is the name
        start = _name_start(head)
        if start < head.i:
            name = doc[start : head.i + 1].text
            return name, None, f"proper name ('{head.text}' tagged {ent.label_})"
    if ent is not None:
        ent_kind = {"ORG": "organisation", "GPE": "government", "NORP": "vague"}.get(ent.label_)
        if ent.label_ == "ORG" and _PARTNERS.search(ent.text) and " of " not in ent.text:
            # "Corrib & Lough", "Fenwick & Lowe": partners' names (not "Division of Geological
            # & Geophysical Surveys", "Department of Fish & Wildlife": a body's remit)
            ent_kind = "company"
        elif ent.label_ == "ORG" and described is not None:
            ent_kind = described  # "Consumer authority ACM": the authority, by its descriptor
        elif ent.label_ == "GPE" and described in _ORGANISATION_TYPES:
            ent_kind = described  # "News site Podhradie24", taken for a place
        start = _name_start(head) if ent.label_ == "ORG" and head.i == ent.end - 1 else ent.start
        if start < ent.start:  # "NHS Wessex Vale Integrated Care Board", cut at "Vale"
            return doc[start : ent.end].text, ent_kind, "named entity ORG, its name whole"
        return strip_determiner(ent.text), ent_kind, f"named entity {ent.label_}"
    return strip_determiner(text), None, "mention text"


#: names joined by an ampersand: a firm's ("Marks & Spencer", "Corrib & Lough Spirits")
_PARTNERS = re.compile(r"\b[A-Z][\w'\u2019.-]*\s*&\s*[A-Z]")


def _couple(head: Token) -> str | None:
    """'Rhiannon and Gareth Pell': a lone given name and a full name joined by "and", written
    as the two people of one surname are; the whole of it, or None."""
    if (
        head.pos_ != "PROPN"
        or not head.is_title
        or any(c.dep_ == "compound" for c in head.children)
    ):
        return None
    doc = head.doc
    for conj in (c for c in head.children if c.dep_ == "conj"):
        given = [c for c in conj.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if (
            conj.ent_type_ == "PERSON"
            and given
            and doc[head.i + 1].lower_ == "and"
            and conj.left_edge.i == head.i + 2
        ):
            return doc[head.i : conj.i + 1].text
    return None


def _employer(head: Token, rules: Rules) -> tuple[str, str, str] | None:
    """The named organisation a plural of people works for ("Analysts at Bergmann
    Securities", "Researchers from the University of the Pennines"), or a team is at or from
    ("A team from Imperial College London"), whose word they give;
    not a place ("Residents of Orun") and not one person ("an official at the ministry")."""
    team = head.lemma_.lower() == _TEAM  # "A team at the Halvorsen Institute"
    if not team and (head.tag_ != "NNS" or head.lemma_.lower() not in _STAFF):
        return None  # "Parents at Moorside Primary School" do not speak for the school
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in (("at", "from") if team else _OF_STAFF):
            continue
        for obj in prep.children:
            org = _entity(obj) if obj.dep_ == "pobj" else None
            # "Kerrow Securities", a name the tagger missed, ended by a company's word
            missed = (org is None or org.label_ != "ORG") and obj.dep_ == "pobj"
            if missed and obj.pos_ == "PROPN" and _trigger(obj, rules) in _ORGANISATION_TYPES:
                org = obj.doc[_name_start(obj) : obj.i + 1]
            if org is None or (org.label_ != "ORG" and org.root.pos_ != "PROPN"):
                continue
            entry = _lookup(org.text, rules)
            if entry is not None:
                return entry.canonical, entry.type, f"alias '{org.text}' in sources.toml"
            name = strip_determiner(org.text)
            return name, "organisation", f"'{head.text} {prep.text} {org.text}': its people"
    return None


_TEAM = "team"
_OF_STAFF = ("at", "from", "of", "with")

#: people whose word at a named organisation is its work ("Analysts at Bergmann Securities")
_STAFF = frozenset(
    {"analyst", "economist", "researcher", "scientist", "strategist", "expert", "engineer"}
)

_PEOPLE_VOICES = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "rep"})
_VOICES = _PEOPLE_VOICES | frozenset(
    {
        "statement",
        "communique",
        "readout",
        "release",
        "post",
    }
)


def _institution(head: Token, rules: Rules) -> tuple[str, str | None, str] | None:
    """'A State Department spokesperson', 'a ministry statement': the institution speaking."""
    if head.lemma_.lower() not in _VOICES:
        return None
    owner = [t for t in mention_tokens(head) if t.i < head.i and t.dep_ != "det"]
    owner = [
        t
        for t in owner
        if t.tag_ != "POS"
        and not (t.pos_ == "ADJ" and t.i == owner[0].i and t.lower_ in {"senior", "unnamed"})
    ]
    if not owner:
        return _voice_of(head, rules)
    entity = _entity(head)
    if head.pos_ == "PROPN" and entity is not None and entity.start <= owner[0].i:
        return None  # "The Daily Post", "the Washington Post": a name, not a voice of one
    text = doc_text(head.doc)[owner[0].idx : owner[-1].idx + len(owner[-1].text)]
    entry = _lookup(text, rules)
    if entry is not None:
        return entry.canonical, entry.type, f"alias '{text}' in sources.toml"
    names = [t for t in owner if t.pos_ == "PROPN" and t.ent_type_ in ("ORG", "")]
    if names and names[-1].i == owner[-1].i:
        # "a Corvia spokeswoman": the organisation named, as the article names it elsewhere
        name, kind, evidence = canonical_source(names[-1], rules)
        if name:
            return _fuller_name(name, head.doc), kind or "organisation", evidence
    owned = _trigger(owner[-1], rules)
    if owner[-1].pos_ == "NOUN" and owned in _ORGANISATION_TYPES and len(owner) == 1:
        # "a company spokeswoman", "a union official": for the company the story is about
        about = _description_antecedent(owner[0], [], rules)
        if about is not None and about.pos_ == "PROPN":
            name, kind, _ = canonical_source(about, rules)
            if name and _compatible(kind, owned):
                return name, kind or owned, f"the {owner[0].text} named in the article"
    # "the Serevian presidency's readout", "a defence ministry statement": the office; "A
    # university spokesperson", of a university the article never names: the university, as
    # "the university" is
    office = owned in ("government", "military", "police", "court")
    unnamed_body = owned in _ORGANISATION_TYPES and len(owner) == 1
    if owner[-1].pos_ == "NOUN" and (office or unnamed_body):
        return text, owned, f"issued by '{text}' ({owned})"
    if len(owner) > 1 and all(t.pos_ in ("NOUN", "ADJ") for t in owner):
        # "A fire service spokeswoman": a body named by common words, not one named before
        # that shares its last word ("a steam service")
        return text, owned or "organisation", f"issued by '{text}'"
    return None


#: what an organisation or a person keeps and publishes, speaking through it as through a
#: statement or a report ("Figures from the Forum show", "GiveRaise's own figures")
_RECORDS = frozenset(
    {
        "figure",
        "figures",
        "data",
        "record",
        "records",
        "statistic",
        "statistics",
        "minutes",
        "accounts",
        "guidance",
        "log",
        "logs",
        "document",
        "documents",
        "report",
    }
)

#: documents in which a party pleads its case in its own voice
_PLEADINGS = frozenset({"defence", "defense", "filing", "statement", "letter", "post"})

#: "data compiled by Bloomberg", "a report published by the audit office": who issued it
_ISSUING = frozenset({"compile", "publish", "release", "issue", "prepare", "produce", "file"})


def _record_word(head: Token) -> bool:
    return head.lemma_.lower() in _RECORDS or head.lower_ in _RECORDS


def _records(head: Token) -> bool:
    """Whether a mention is a document or records that speak for whoever issued them, not in
    their own voice as a pleading, a statement, a readout, a lawsuit or a ruling does ("its
    annual report", "the figures")."""
    return head.pos_ == "NOUN" and _record_word(head)


def _issued_by(head: Token, rules: Rules) -> tuple[str, str | None, str] | None:
    """Whoever issued the document or the records speaking ("Figures from the Cumbrian
    Rescue Teams Forum show", "GiveRaise's own figures", "the railway's defence, lodged last
    month, denies", "a report by the audit office", "data compiled by Bloomberg"): named, or
    a body the article names. Not whoever saw or obtained it ("seen by the BBC")."""
    if head.lemma_.lower() in _PEOPLE_VOICES:
        return None  # "a spokesman from the company" is a person, handled as one
    pleading = head.lemma_.lower() in _PLEADINGS
    if not (_record_word(head) or pleading or _is_document(head, rules)):
        return None
    owners = [c for c in head.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")]
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i > head.i:
            owners += [o for o in c.children if o.dep_ == "pobj"]
        elif c.dep_ == "acl" and c.lemma_.lower() in _ISSUING:
            for agent in (a for a in c.children if a.dep_ == "agent"):
                owners += [o for o in agent.children if o.dep_ == "pobj"]
    for owner in owners:
        if owner.pos_ == "PROPN":
            name, kind, _ = canonical_source(owner, rules)
            ent = _entity(owner)
            if name and ent is not None and ent.label_ == "ORG" and name in ent.text:
                name = strip_determiner(" ".join(ent.text.split()))  # not "Fell" of "Fell & ..."
            if name:
                return name, kind, f"issued by '{name}'"
        elif (
            owner.pos_ == "NOUN"
            and (_is_definite(owner) or owner.dep_ == "poss")
            and _trigger(owner, rules) in _BODY_TYPES
        ):
            about = _description_antecedent(owner, [], rules)
            if about is not None and about.pos_ == "PROPN":
                name, kind, _ = canonical_source(about, rules)
                if name and kind not in ("person", "official"):
                    return name, kind, f"issued by the {owner.text} named in the article"
    return None


def _voice_of(head: Token, rules: Rules) -> tuple[str, str | None, str] | None:
    """'A spokesman for Fellside Estates', 'a spokeswoman for the company' (the company the
    story names): the organisation an unnamed spokesperson speaks for."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "of", "at", "from"):
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if obj.pos_ == "PROPN":
                name, kind, evidence = canonical_source(obj, rules)
                if name and kind not in ("person", "official"):
                    return (
                        name,
                        kind or "organisation",
                        f"{evidence}, speaking through a {head.text}",
                    )
            elif _is_definite(obj) and (body := _trigger(obj, rules)) in _BODY_TYPES:
                about = _description_antecedent(obj, [], rules)
                if about is not None and about.pos_ == "PROPN":
                    name, kind, _ = canonical_source(about, rules)
                    if name and kind not in ("person", "official"):
                        return name, kind or "organisation", f"the {obj.text} named in the article"
                # "A spokeswoman for the licensing authority", of a body the article never
                # names: that body, as "the licensing authority" is
                text = strip_determiner(_text(head.doc, mention_tokens(obj)))
                return text, body, f"the {obj.text} a {head.text} speaks for"
    return None


_BODY_TYPES = _ORGANISATION_TYPES | {"government"}


def _fuller_name(name: str, doc: Doc) -> str:
    """'Corvia' -> 'Corvia Air' when the article names the organisation in full."""
    fuller = [
        " ".join(e.text.split())  # an entity may run on over a line's end
        for e in _ents(doc)
        if e.label_ == "ORG"
        and e.text != name
        and e.text.split()[0] == name.split()[0]
        and len(e.text) > len(name)
    ]
    return min(fuller, key=len) if fuller else name


#: descriptors of a publication that the tagger reads as adjectives ("the daily Keralodayam")
_NOUN_LIKE = frozenset({"daily", "weekly", "fortnightly", "monthly", "quarterly"})


def _descriptor_type(head: Token, toks: list[Token], rules: Rules) -> str | None:
    """The type a common-noun descriptor before a name gives it ("maker" -> company), or an
    organisation's description set after it ("Veltrac, the Kelvanian manufacturer,")."""
    # the nearest common noun before the name says what it is: "the university spin-off
    # Veridex Diagnostics" is a spin-off, not a university
    # "The Malayalam daily Keralodayam": a descriptor the tagger took for an adjective
    nouns = [
        t
        for t in toks
        if t.i < head.i
        and (
            (t.pos_ == "NOUN" and t.dep_ in ("compound", "nmod"))
            or (t.dep_ in ("amod", "compound") and t.lower_ in _NOUN_LIKE)
        )
    ]
    if nouns:
        kind = _trigger(max(nouns, key=lambda t: t.i), rules)
        if kind is not None:
            return kind
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.i == head.i - 1:
        # "News site Podhradie24": the name set beside the noun that says what it is
        kind = _trigger(head.head, rules)
        if kind in _ORGANISATION_TYPES:
            return kind
    if toks and toks[0].i > 0 and head.dep_ == "nsubj":
        # "Local radio station Sawt al-Wasat reported": the noun just before the name, read
        # as a second subject of the same verb
        noun = head.doc[toks[0].i - 1]
        if noun.pos_ == "NOUN" and noun.dep_ == "nsubj" and noun.head.i == head.head.i:
            kind = _trigger(noun, rules)
            if kind in _ORGANISATION_TYPES:
                return kind
    for t in head.children:
        if t.dep_ == "appos" and t.i > head.i and t.pos_ == "NOUN":
            kind = _trigger(t, rules)
            # the tagger knew it for an organisation: "an industry group" says no more, but
            # "Ong Gia Food JSC, the company behind the chain," is a company
            if head.ent_type_ == "ORG" and (kind != "company" or t.lemma_.lower() == "group"):
                return None
            if kind in _ORGANISATION_TYPES:
                return kind
    return None


def _of_name(head: Token, toks: Sequence[Token]) -> list[Token]:
    """The words of a name that run on past its head with "of" ("Bank of Marrovia", "Society
    of Authors"): "of" and the proper nouns after it, when the mention holds them."""
    held = {t.i for t in toks}
    doc, at = head.doc, head.i + 1
    if at + 1 >= len(doc) or doc[at].lower_ != "of" or at not in held:
        return []
    end = at + 1
    while end < len(doc) and end in held and doc[end].pos_ == "PROPN":
        end += 1
    return list(doc[at:end]) if end > at + 1 else []


#: entity labels that name no one: a proper noun under one of them is a mislabelled name
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})


def _name_start(head: Token) -> int:
    """Index of the first proper noun of the name that ends at ``head``."""
    doc, i = head.doc, head.i
    anchor = head.i  # the word the name's words hang on
    while i - 1 >= 0:
        before = doc[i - 1]
        if before.pos_ == "PROPN" and i <= before.head.i <= anchor:
            i -= 1  # hung on a word of the name ("Navkar Speciality Chemicals Pvt Ltd")
        elif (given := _nickname_before(doc, i, head)) is not None:
            i = given  # 'Rafael "Paeng" Dimaculangan'
        elif (
            # "Giornale di Brescia", "Diário do Sul": a particle inside a name of its own
            before.lower_ in _NAME_PARTICLES
            and i - 2 >= 0
            and doc[i - 2].pos_ == "PROPN"
            and doc[i - 2].is_title
        ):
            i -= 2
        elif _hyphened(doc, i):
            i -= 2  # "Okonkwo-Reyes"
        elif (
            # "Kgosi Guard Services (Pty) Ltd": a legal form in brackets inside the name
            before.text == ")"
            and i - 4 >= 0
            and doc[i - 2].pos_ == "PROPN"
            and doc[i - 3].text == "("
            and doc[i - 4].pos_ == "PROPN"
            and doc[i - 4].is_title
        ):
            i -= 4
            anchor = i
        else:
            break
    # "Sgt. Luis Romero": a title written short is no part of the name
    while i < head.i and doc[i].text.endswith(".") and doc[i].lower_ in _BEFORE_NAMES:
        i += 1
    return i


def _hyphened(doc: Doc, i: int) -> bool:
    """Whether the word at ``i`` is the second half of a name written with a hyphen and no
    space either side ("Okonkwo-Reyes")."""
    return (
        i >= 2
        and doc[i - 1].text in _NAME_DASHES
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and doc[i - 2].pos_ == "PROPN"
        and doc[i - 2].is_title
    )


def _nicknamed(head: Token, ent: Entity) -> bool:
    """Whether the name ending at ``head`` starts before its entity ``ent``, across a quoted
    nickname the recogniser left out ('Rafael \u201cPaeng\u201d' before 'Dimaculangan')."""
    start = _name_start(head)
    return start < ent.start and any(t.text in QUOTE_CHARS for t in head.doc[start : ent.start])


def _nickname_before(doc: Doc, i: int, head: Token) -> int | None:
    """Where the given name starts before a quoted nickname that ends just before token ``i``
    ('Rafael \u201cPaeng\u201d Dimaculangan'), or None when there is none."""
    close = i - 1
    if close < 3 or doc[close].text not in QUOTE_CHARS:
        return None
    j = close - 1
    while j > 0 and doc[j].pos_ == "PROPN" and close - j <= 2:
        j -= 1
    given = j - 1
    if j == close - 1 or doc[j].text not in QUOTE_CHARS or given < 0:
        return None
    first = doc[given]
    named = first.pos_ == "PROPN" and first.is_title and first.head.i == head.i
    return given if named else None


#: the marks that join the two halves of a surname ("Okonkwo-Reyes")
_NAME_DASHES = frozenset({"-", "\u2010", "\u2011"})

#: lowercase words that join the parts of a foreign name ("Giornale di Brescia")
_NAME_PARTICLES = frozenset(
    {"di", "del", "della", "de", "da", "do", "dos", "das", "du", "des", "der", "van", "von"}
)


def _person_name(ent: Any, rules: Rules) -> str:
    """'Mayor Igor Terekhov' -> 'Igor Terekhov': titles and honorifics are not the name."""
    words = [t for t in ent if t.tag_ != "POS"]
    marks = [n for n, t in enumerate(words) if t.text in QUOTE_CHARS]
    if len(marks) >= 2 and marks[0] > 0 and marks[1] < len(words) - 1:
        # a nickname set off inside the name is no part of it: "Rafael \u201cPaeng\u201d
        # Dimaculangan" is Rafael Dimaculangan
        words = words[: marks[0]] + words[marks[1] + 1 :]
    while len(words) > 1 and (
        words[0].lower_ in _BEFORE_NAMES or _trigger(words[0], rules) is not None
    ):
        words = words[1:]
    if not words:
        return ""
    # each word followed by its own spacing: "Oyelaran-Price", not "Oyelaran - Price"
    spaced = [t.text + (" " if t.whitespace_ else "") for t in words[:-1]]
    return "".join(spaced) + str(words[-1].text)


# --------------------------------------------------------------------------- attributions


def resolve_candidates(doc: Doc, cands: list[Candidate], rules: Rules) -> list[Attribution]:
    """Resolve every candidate's speaker and freeze it into an :class:`Attribution`."""
    earlier: list[tuple[Token, Token]] = []
    out = []
    for c in sorted(cands, key=lambda c: c.content[0]):
        resolved = Resolved(None, None, None, None)
        if c.speaker is not None:
            ante = antecedent_of(c.speaker, c.cue, earlier, rules)
            if ante is None:
                ante = _named_in_body(c.speaker, rules)
            head = ante if ante is not None else c.speaker
            if ante is not None and ante.lower_ in _RELATIVE | _PERSON_PRONOUNS:
                head = c.speaker
            source, stype, evidence = canonical_source(head, rules)
            # (head is the antecedent, or the speaker itself when it has none)
            issuer = head is not c.speaker and not _records(head)
            if source and issuer and _records(c.speaker):
                # "according to its annual report", "the figures": the issuer's document, an
                # origin of its own, as "Figures from the Forum" is
                source, stype = f"{source} {c.speaker.text.lower()}", "document"
                evidence = f"{evidence}; its {c.speaker.text}"
            reason = _anonymity(c, head, stype, rules)
            if reason is not None:
                stype = "anonymous official" if stype == "official" else "anonymous"
                evidence = f"{evidence}; unnamed ({reason!r})"
            span = None
            if ante is not None:
                span = _mention_span(ante)
                c.speaker_span = _with_name_set_off(c, ante, span)
            resolved = Resolved(span, source, stype, evidence)
            earlier.append((c.speaker, head))
        out.append(_freeze(doc, c, resolved, rules))
    return _typed_alike(_relayed_inside(out))


def _with_name_set_off(
    c: Candidate, ante: Token, named: tuple[int, int] | None
) -> tuple[int, int] | None:
    """The speaker's span, stretched to the name set off after it that it resolved to ("The
    Municipal Chief Executive (MCE) for Okyerekrom, Mr Yaw Boakye-Dankwa,"), as "His lawyer,
    Sofie Wauters," is one mention: the name hung deeper in the phrase than its apposition."""
    span, speaker = c.speaker_span, c.speaker
    if span is None or named is None or speaker is None or c.cue is None:
        return span
    inside = ante.i > speaker.i and any(t.i == speaker.i for t in ante.ancestors)
    if inside and span[1] <= named[0] and named[1] <= c.cue.idx:
        return span[0], named[1]
    return span


def _same_source(a: Attribution, b: Attribution) -> bool:
    names = [x.source or (x.speaker.text if x.speaker else "") for x in (a, b)]
    return normalise_name(names[0]) == normalise_name(names[1])


def _relayed_inside(attributions: list[Attribution]) -> list[Attribution]:
    """An attribution told inside another's words ("Greaves told the BBC the company had
    informed her that the office would shut"; "Survivors told the crew that ..., it said")
    came through the outer speaker: that speaker is a relay of its chain."""
    out = []
    for a in attributions:
        outer = next(
            (
                b
                for b in attributions
                if b is not a
                and a.speaker is not None
                and b.speaker is not None
                and b.content.start <= a.speaker.start
                and a.content.end <= b.content.end
            ),
            None,
        )
        # not the same speaker again ("money it said had ended up ..."), nor a claim the
        # outer statement answers ("challenging the company's claim that ...")
        if outer is None or a.via or not a.chain or a.rule == "noun-cue" or _same_source(a, outer):
            out.append(a)
            continue
        assert outer.speaker is not None
        name = outer.source or outer.speaker.text
        hop = Hop(name, "relay", outer.speaker)
        out.append(replace(a, via=(*a.via, name), chain=(*a.chain, hop)))
    return out


def _anonymity(c: Candidate, head: Token, kind: str | None, rules: Rules) -> str | None:
    """The reason for anonymity given beside a speaker known by description only ("a support
    engineer who asked not to be named", "one of the people said, speaking on condition of
    anonymity"), or None: such a speaker is anonymous, whatever its head noun."""
    if kind in _ANONYMOUS_TYPES or c.speaker is None or head.pos_ != "NOUN":
        return None
    named = [t for t in mention_tokens(head) if t.i <= head.i or t.dep_ == "appos"]
    # "engineer Tom Hale", "a nurse, Ana Ruiz,"; not the firm in "a former Kesik contractor"
    # that the recogniser took for a person's name
    if any(_is_person(t) and _full_person(t) for t in named):
        return None
    around = [*c.speaker.subtree]
    if c.cue is not None:
        around += [t for ch in c.cue.children if ch.dep_ == "advcl" for t in ch.subtree]
    text = " ".join(t.lower_ for t in sorted(set(around), key=lambda t: t.i))
    for phrase in rules.audit.anonymity_reasons:
        if phrase != "because" and phrase in text:
            return phrase
    return None


def _full_person(tok: Token) -> bool:
    """Whether ``tok`` is in a person's name of two words or more, or is the surname of one."""
    ent = _entity(tok)
    whole = ent is not None and ent.label_ == "PERSON" and len(ent) > 1
    return whole or tok.lower_ in _surnames(tok.doc)


def _typed_alike(attributions: list[Attribution]) -> list[Attribution]:
    """One source, one type in an article: a name left untyped in one sentence ("Ardonia
    says", the tagger not knowing the name there) takes the type it has elsewhere."""
    types: dict[str, set[str]] = {}
    for a in attributions:
        if a.source and a.source_type:
            types.setdefault(a.source, set()).add(a.source_type)
    out = []
    for a in attributions:
        known = types.get(a.source or "", set())
        if a.source and a.source_type is None and len(known) == 1:
            (kind,) = known
            a = replace(
                a,
                source_type=kind,
                source_evidence=f"{a.source_evidence}; typed as elsewhere in the article",
            )
        out.append(a)
    return out


def _mention_span(head: Token) -> tuple[int, int] | None:
    toks = mention_tokens(head, coordinated=False)
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _freeze(doc: Doc, c: Candidate, r: Resolved, rules: Rules) -> Attribution:
    text = doc_text(doc)

    def sp(rng: tuple[int, int] | None) -> Span | None:
        return Span(rng[0], rng[1], text[rng[0] : rng[1]]) if rng else None

    content = sp(c.content)
    assert content is not None
    frags = tuple(Span(s, e, text[s:e]) for s, e in c.fragments) if len(c.fragments) > 1 else ()
    origins = [Hop(name, "origin", sp(rng)) for name, rng, role in c.via if role == "origin"]
    relays = [Hop(name, "relay", sp(rng)) for name, rng, role in c.via if role == "relay"]
    speaker_hop = Hop(
        r.source or (c.speaker.text if c.speaker is not None else "?"),
        "relay" if origins else "origin",
        sp(c.speaker_span),
    )
    chain: list[Hop] = [*origins, speaker_hop]
    if c.relay is not None:
        chain.append(Hop(_text(doc, mention_tokens(c.relay)), "relay", None))
    chain.extend(relays)
    if c.speaker is None:
        chain = []
    return Attribution(
        kind=c.kind,  # type: ignore[arg-type]
        content=content,
        speaker=sp(c.speaker_span),
        cue=sp(c.cue_span),
        rule=c.rule,
        confidence=c.confidence,
        fragments=frags,
        coref=sp(r.antecedent),
        source=r.source,
        source_type=r.source_type,
        source_evidence=r.evidence,
        via=tuple(name for name, _, _ in c.via),
        chain=tuple(chain),
        channel=c.channel,
        addressee=c.addressee,
        stance=c.stance,
    )


__all__ = ["Resolved", "antecedent_of", "canonical_source", "chain_sources", "resolve_candidates"]
