"""Reporting cues (verbs, nouns, "according to") and what was said: clauses, objects and
prepositional content."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from provenance.quotes import QUOTE_CHARS
from provenance.rules import Rules
from provenance.terms import POINTERS

if TYPE_CHECKING:  # spaCy types for the checker only: this package never imports spaCy
    from spacy.tokens import Doc, Token
else:
    Doc = Token = Any

from provenance.extract.spans import (
    _CITE_LEMMAS,
    SUBJECTS,
    Candidate,
    _strip_leading,
    _text,
    according_before_relative,
    char_span,
    contiguous,
    doc_text,
    doc_tokens,
    joined_by_and,
    span_of,
    subtree_without,
    trailing_citation,
    trim,
    with_partner_marks,
)
from provenance.extract.speakers import (
    _after_comma,
    _postposed_relcl,
    _set_off,
    chain_sources,
    mention_tokens,
    noun_subject,
    subject_of,
    subject_start,
)


def clause_content(
    doc: Doc, root: Token, cue: Token, rules: Rules, *, after_cue: bool | None = None
) -> tuple[int, int] | None:
    """What was said: ``root``'s subtree, cut at trailing clauses that are attributions
    of their own (``..., as Kyiv announced ...``), without the complementiser."""
    cut = []
    for child in root.children:
        if child.dep_ == "advcl" and child.lemma_ in (*_CITE_LEMMAS, "attribute"):
            cut.append(child)  # "citing X", "attributing the figure to X": a hop, not content
            continue
        if child.i < root.i:
            continue
        if child.dep_ == "advcl" and (cues := _cues_in(child, rules)):
            # another attribution; but only its verbs whose subject is outside it ('hit the
            # market "while people were buying food" and put the toll at 41': the verb after
            # the quotation is the speaker's, the quoted clause is what was said)
            cut += _joined_from_outside(child, cues) or [child]
        elif (
            child.dep_ == "conj"
            and child.i > cue.i
            # a cue of its own speaker ("and added that"), not "and been told that ...", nor a
            # second clause of the same cue ("said the school had run a deficit and that the
            # university cannot ask other disciplines to carry it")
            and (
                (child.lemma_ in rules.verbs and subject_of(child) is not None)
                or _speaker_refuses(child)
            )
            and not any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
        ):
            cut.append(child)
            cut.extend(
                c for c in root.children if c.dep_ == "cc" and c.i < child.i and c.i > root.i
            )
    # "..., had refused to release him, quoting the club's secretary": a hop hung deeper
    cut += [
        t
        for t in root.subtree
        if t.dep_ == "advcl" and t.i > root.i and t.head.i != root.i and trailing_citation(t, rules)
    ]
    # "..., a leak that the sugar company says was contained": a noun set off at the end
    # whose relative clause is another speaker's cue is that speaker's statement (not "...,
    # money it said had ended up ...": the speaker again)
    cut += [
        t.head
        for t in root.subtree
        if t.dep_ == "relcl"
        and t.i > cue.i
        and t.lemma_.lower() in rules.verbs
        and t.head.left_edge.i > root.left_edge.i
        and _set_off(t.head)
        and any(c.dep_ in SUBJECTS and c.pos_ in ("NOUN", "PROPN") for c in t.children)
    ]
    misread = _misread_subject(root)
    toks = subtree_without(root, cut) + misread
    if after_cue is True:
        toks = [t for t in toks if t.i > cue.i]
    elif after_cue is False:
        toks = [t for t in toks if t.i < cue.i]
    in_root = {x.i for x in root.subtree} | {x.i for x in misread}  # built once
    in_cue = {x.i for x in cue.subtree}
    toks = [t for t in toks if t.i not in in_cue or t.i in in_root]
    toks = _strip_leading(doc, sorted(toks, key=lambda t: t.i))
    toks += _stranded_after(toks)
    span = char_span(toks)
    if span is None:
        return None
    start, end = trim(doc_text(doc), *span)
    return (start, end) if end > start else None


def _stranded_after(toks: list[Token]) -> list[Token]:
    """'She says the family were never told about work on a new wing of the hotel' on a line
    with no full stop: the parser hung "the hotel" outside the clause, which then ends on a
    bare preposition. The words after it to the end of the line, where nothing else stands
    between; else none."""
    if not toks:
        return []
    last = toks[-1]
    if last.pos_ != "ADP" or any(True for _ in last.children):
        return []
    rest = []
    for tok in last.doc[last.i + 1 : last.sent.end]:
        if tok.is_space or tok.is_punct:
            break
        rest.append(tok)
    return rest if 0 < len(rest) <= 4 else []


#: verbs by which the speaker, not what it says, declines to go on ("said the company had
#: adjusted the route but declined to say whether ...")
_REFUSALS = frozenset({"decline", "refuse"})


def _speaker_refuses(verb: Token) -> bool:
    """A verb joined to what was said that is the speaker's refusal to say more: "declined"
    or "refused" with no subject of its own and a verb after it ("to say", "to comment")."""
    return (
        verb.lemma_.lower() in _REFUSALS
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        and any(c.dep_ == "xcomp" for c in verb.children)
    )


def _reported_as(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """What a passive cue in an "as" clause with its agent vouches for: the clause it hangs on
    ("The city had asked Aerolift to move its flights, as first reported by Radio Velmora"),
    or None."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBN" or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    if not any(c.dep_ == "agent" for c in verb.children):
        return None
    toks = subtree_without(verb.head, [verb])
    if any(t.i > verb.right_edge.i and not (t.is_punct or t.is_space) for t in toks) or (
        verb.i < verb.head.i
    ):
        return None  # only a clause closing the sentence ("The plan, as reported by X, would")
    toks = contiguous(toks, verb.head)
    span = char_span(_strip_leading(doc, sorted(toks, key=lambda t: t.i)))
    if span is None:
        return None
    start, end = trim(doc_text(doc), *span)
    return (start, end) if end > start else None


def _misread_subject(root: Token) -> list[Token]:
    """The subject of a subjectless clause that the parser hung on the noun before it as a
    relative clause ("estimated in a note to clients that replacing every blade could cost":
    "that replacing every blade" taken for a clause of "clients"), without the "that"."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in root.children):
        return []
    before = root.left_edge.i - 1
    if before < 1:
        return []
    doc = root.doc
    for relcl in (t for t in doc[max(0, before - 8) : before + 1] if t.dep_ == "relcl"):
        that = relcl.left_edge
        if relcl.right_edge.i == before and that.lower_ == "that" and that.dep_ == "nsubj":
            return [t for t in relcl.subtree if t.i != that.i]
    return []


def _cues_in(tok: Token, rules: Rules) -> list[tuple[Token, Token]]:
    """The cue verbs in ``tok``'s subtree that have a subject, each with it."""
    found = []
    for t in tok.subtree:
        if t.lemma_ in rules.verbs and t.pos_ in ("VERB", "AUX"):
            subject = subject_of(t)
            if subject is not None:
                found.append((t, subject))
    return found


def _joined_from_outside(clause: Token, cues: list[tuple[Token, Token]]) -> list[Token]:
    """Of ``clause``'s ``cues`` (:func:`_cues_in`), those the parser joined to a verb of it
    ("and put ...") though their subject is outside it, with their "and"; none where another
    cue is in it."""
    joined = []
    for cue, subject in cues:
        if cue.dep_ != "conj" or _in_subtree(subject, clause):
            return []
        joined.append(cue)
        joined += [c for c in cue.head.children if c.dep_ == "cc" and c.i < cue.i]
    return joined


def _in_subtree(tok: Token, root: Token) -> bool:
    return root.left_edge.i <= tok.i <= root.right_edge.i and any(
        a.i == root.i for a in [tok, *tok.ancestors]
    )


class _LexiconHits:
    """The tokens a cue can sit on, found in one pass over the document (not one per kind of
    cue): lemma a cue verb; lemma the first word of a phrase cue (and no cue verb); lemma a
    cue noun; form the first word of a prepositional cue. Each list is in text order."""

    def __init__(self, doc: Doc, rules: Rules) -> None:
        firsts = {phrase.words[0] for phrase in rules.phrases}
        self.verbs: list[Token] = []
        self.phrases: list[Token] = []
        self.nouns: list[Token] = []
        self.words: dict[str, list[Token]] = {p.words[0]: [] for p in rules.prepositions}
        for tok in doc_tokens(doc):
            lemma = tok.lemma_.lower()
            if lemma in rules.verbs:
                self.verbs.append(tok)
            elif lemma in firsts:
                self.phrases.append(tok)
            if lemma in rules.nouns:
                self.nouns.append(tok)
            starting = self.words.get(tok.lower_)
            if starting is not None:
                starting.append(tok)


def _hits(doc: Doc, rules: Rules) -> _LexiconHits:
    key = f"provenance_cue_hits_{id(rules)}"
    hits = doc.user_data.get(key)
    if not isinstance(hits, _LexiconHits):
        hits = doc.user_data[key] = _LexiconHits(doc, rules)
    return hits


def _verb_candidates(doc: Doc, rules: Rules) -> Iterator[Candidate]:
    hits = _hits(doc, rules)
    for tok in hits.verbs:
        cue = rules.verbs.get(tok.lemma_.lower())
        if _relay_participle(tok, rules):
            continue
        if cue is not None and not cue.quote_only and _misparsed_as_noun(tok):
            speaker = doc[tok.i - 1]
            if not _may_speak(speaker, cue.subjects):
                continue
            span = char_span([t for t in doc[tok.i + 1 : tok.sent.end] if not t.is_space])
            if span is not None:
                yield _repaired(doc, tok, span, speaker, "verb-tagged-noun", cue.stance)
            continue
        tail = _tail_cue_tagged_noun(tok) if cue is not None and not cue.quote_only else None
        if cue is not None and tail is not None:
            speaker, comma = tail
            if _may_speak(speaker, cue.subjects):
                first = doc[tok.sent.start]
                said = [t for t in doc[first.i : comma.i] if not t.is_space]
                if said and said[0].pos_ == "CCONJ":
                    said = said[1:]  # "But at least four of the flats ...": not its "But"
                span = char_span(said)
                if span is not None:
                    yield _repaired(doc, tok, span, speaker, "postposed-tagged-noun", cue.stance)
            continue
        joined = _tail_cue_joined(tok) if cue is not None and not cue.quote_only else None
        if cue is not None and joined is not None:
            speaker, comma = joined
            if _may_speak(speaker, cue.subjects):
                said = [t for t in doc[tok.sent.start : comma.i] if not t.is_space]
                if said and said[0].pos_ == "CCONJ":
                    said = said[1:]
                span = char_span(said)
                if span is not None:
                    yield _repaired(doc, tok, span, speaker, "postposed-joined-cue", cue.stance)
            continue
        owner = _object_read_as_subject(tok) if cue is not None and not cue.quote_only else None
        if cue is not None and owner is not None:
            toks = _rest_of_sentence(tok)
            span = char_span(toks)
            if span is not None and len(toks) >= 3:
                yield _repaired(doc, tok, span, owner, "relative-object-misread", cue.stance)
            continue
        found = _speaker_repair(tok) if cue is not None and not cue.quote_only else None
        if cue is not None and found is not None:
            (speaker, said), reason = found
            if _may_speak(speaker, cue.subjects):
                span = char_span(said)
                if span is not None:
                    yield _repaired(doc, tok, span, speaker, reason, cue.stance)
            continue
        record = _record_lost_to_the_parser(tok, cue.subjects) if cue is not None else None
        if cue is not None and record is not None:
            span = char_span(_rest_of_sentence(tok))
            if span is not None:
                cand = _repaired(doc, tok, span, record, "record-subject-misparsed", cue.stance)
                # the record is named up to its first participle ("Photographs of the stump")
                named = doc[tok.sent.start : record.i + 1]
                for t in doc[record.i + 1 : tok.i]:
                    if t.tag_ == "VBN" or t.is_punct:
                        break
                    named = doc[tok.sent.start : t.i + 1]
                cand.speaker_span = (named[0].idx, named[-1].idx + len(named[-1].text))
                yield cand
            continue
        hung = _cue_hung_on_subject(tok) if cue is not None and not cue.quote_only else None
        if cue is not None and hung is not None:
            yield from _hung_candidate(doc, tok, *hung, cue.stance)
            continue
        if (
            cue is None
            or tok.pos_ not in ("VERB", "AUX")
            and not _verb_tagged_noun(tok)
            or tok.tag_ == "VBG"
            and tok.dep_ == "amod"
        ):
            continue
        aside = _as_aside(doc, tok, cue.stance) if cue.aside else None
        if aside is not None:  # "As the mayor put it, the bridge is finished"
            yield aside
            continue
        phrase = _phrase_at(tok, rules)
        if phrase is not None and tok.pos_ == "VERB":
            # a phrase that opens on a cue verb is the phrase's cue: "put it to him that ..."
            # (counsel's charge), not "put" ("put the death toll at 34")
            yield from _from_verb(doc, tok, rules, phrase[0], False, phrase[1], phrase)
            continue
        owned: Token | None = None  # a record the parser made one of two subjects
        record_speaker: Token | None = None  # who speaks for it, where not the verb's subject
        if cue.subjects:
            subject = subject_of(tok)
            if subject is not None and subject.lower_ in _WHICH and tok.dep_ == "relcl":
                if not _states_something(tok):
                    continue  # "The logs, which record messages between staff, show ..."
                subject = tok.head  # "the filing, which showed ...": the filing shows
            if subject is not None and not _subject_among(subject, cue.subjects):
                # "But figures from the residents' association Hraunvíkingar show": the parser
                # made the name a second subject (the record's owner speaks); "An email
                # exchange ... with the police department shows": the record speaks
                owned = next(
                    (
                        c
                        for c in tok.children
                        if c.dep_ == "nsubj" and c.i < subject.i and _subject_among(c, cue.subjects)
                    ),
                    None,
                )
                if subject.pos_ != "PROPN":
                    record_speaker = owned
            if subject is None or (
                not _subject_among(subject, cue.subjects)
                and owned is None
                and _record_before(subject, rules) is None
            ):
                continue  # "the study found", not "police found a body"
        if cue.objects and not any(
            c.dep_ == "dobj" and c.lemma_.lower() in cue.objects for c in tok.children
        ):
            continue  # "put the death toll at 34", not "put pressure on"
        if cue.not_objects and _decided(tok, cue.not_objects):
            continue  # "rejected the plan" is a decision, not a denial
        if cue.that_only and not _before_that(tok):
            continue  # "accepted the offer", "would accept whatever the panel decided"
        yield from _from_verb(
            doc,
            tok,
            rules,
            cue.stance,
            cue.object,
            cue.preps,
            phrase,
            quote_only=cue.quote_only,
            object_first=bool(cue.objects),
            speaker=record_speaker,
        )
    for tok in hits.phrases:
        if tok.lemma_.lower() in rules.verbs or tok.pos_ != "VERB":
            continue
        phrase = _phrase_at(tok, rules)
        if phrase is not None:
            stance, preps, end = phrase
            yield from _from_verb(doc, tok, rules, stance, False, preps, (stance, preps, end))


def _relay_participle(tok: Token, rules: Rules) -> bool:
    """ "Radio Vakarau reported last week, quoting a provincial official, that ...": a
    "quoting" or "citing" set off after a cue names the relay of that cue's statement (a hop
    of its chain), not a statement of its own, even where the parser hung the clause on it,
    or hung it on that clause ("The agency said, quoting the governor's office, that the dead
    included ...": on "included"), or set it right after the cue's comma though the parser
    took that cue for a clause of what follows ("Radio X reported, quoting a nurse, that
    staff had been ...", "that" read as "that staff")."""
    if tok.lemma_.lower() not in _CITE_LEMMAS or tok.tag_ != "VBG" or tok.dep_ != "advcl":
        return False
    if tok.head.lemma_.lower() in rules.verbs and tok.head.i < tok.i:
        return True
    # not "..., quoting the deputy minister as saying: ...", which says what it quotes
    if any(c.dep_ in ("ccomp", "xcomp") or c.lower_ == "as" for c in tok.children):
        return False
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "," and doc[tok.i - 2].lemma_.lower() in rules.verbs:
        return True
    cue = tok.head.head
    return tok.head.dep_ == "ccomp" and cue.lemma_.lower() in rules.verbs and cue.i < tok.i


def _as_aside(doc: Doc, verb: Token, stance: str) -> Candidate | None:
    """'As the mayor put it, the bridge is finished', 'The bridge, as the mayor said, is
    finished': a cue in a clause opened by "as", with a subject and nothing said of its own
    ("it" at most), says the clause it hangs on, around it."""
    if verb.dep_ != "advcl" or not any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
    ):
        return None
    speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    said = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "dobj")]
    if speaker is None or any(c.lower_ != "it" for c in said):
        return None
    inside = {t.i for t in verb.subtree}
    clause = [t for t in verb.head.subtree if t.i not in inside]
    before = _strip_leading(doc, [t for t in clause if t.i < verb.left_edge.i])
    after = _strip_leading(doc, [t for t in clause if t.i > verb.right_edge.i])
    pieces = [p for p in (char_span(before), char_span(after)) if p is not None]
    text = doc_text(doc)
    parts = [trim(text, *p) for p in pieces]
    parts = [p for p in parts if p[1] > p[0]]
    if not parts or not any(t.pos_ in ("VERB", "AUX") for t in clause):
        return None
    cue_span = (verb.idx, verb.idx + len(verb.text))
    cand = _make(
        doc,
        "indirect",
        (parts[0][0], parts[-1][1]),
        verb,
        cue_span,
        speaker,
        "as-aside",
        0.7,
        stance,
    )
    if len(parts) > 1:
        cand.fragments = list(parts)
    return cand


def _decided(verb: Token, things: tuple[str, ...]) -> bool:
    """Whether the verb decides on one of ``things`` rather than answers words: its object
    or passive subject ("rejected the plan", "the plan was rejected"), or the noun it
    modifies ("data centre plan rejected by planners")."""
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in things:
        return True
    return any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in things for c in verb.children
    )


def _record_before(it: Token, rules: Rules) -> Token | None:
    """'The umpire's match report ... states that ... . It also records that ...': "it" at the
    head of a record's cue, where the sentence before in the same paragraph is a record
    speaking (the subject of a cue, one of that cue's ``subjects``, or of the records "show"
    takes). The record, or None."""
    if it.lower_ != "it" or it.dep_ != "nsubj":
        return None
    sent = it.sent
    if sent.start == 0:
        return None
    before = it.doc[sent.start - 1].sent
    if "\n" in it.doc[before.start : sent.start].text:
        return None  # another paragraph
    show = rules.verbs.get("show")
    records = show.subjects if show is not None else ()
    for tok in before:
        cue = rules.verbs.get(tok.head.lemma_.lower()) if tok.dep_ == "nsubj" else None
        if cue is not None and _subject_among(tok, cue.subjects or records):
            return tok
    return None


def _cue_hung_on_subject(tok: Token) -> tuple[Token, Token, Token] | None:
    """'Laeveld Nuus, a weekly newspaper in ..., reported on Monday, citing a tracker ..., that
    the hunting party had waited ...': the parser found no verb to head the sentence, made
    its subject the root, hung the cue on it as a modifier and the "that" clause beside it.
    The subject, the clause and its "that", or None (a cue with a subject, object or agent
    of its own is a participle: "the gains reported by Moscow")."""
    root = tok.head
    if tok.dep_ != "acl" or tok.pos_ != "VERB" or tok.tag_ not in ("VBD", "VBN"):
        return None
    if root.dep_ != "ROOT" or root.pos_ not in ("NOUN", "PROPN") or root.i > tok.i:
        return None
    if any(
        c.dep_ in (*SUBJECTS, "agent", "dobj", "ccomp", "auxpass", "xcomp") for c in tok.children
    ):
        return None
    for clause in root.children:
        if clause.i <= tok.i or clause.pos_ not in ("VERB", "AUX"):
            continue
        that = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
        if (
            that is not None
            and that.i == clause.left_edge.i
            and any(c.dep_ in SUBJECTS for c in clause.children)
        ):
            return root, clause, that
    return None


def _hung_candidate(
    doc: Doc, cue: Token, subject: Token, clause: Token, that: Token, stance: str
) -> Iterator[Candidate]:
    """The attribution :func:`_cue_hung_on_subject` found: the clause after "that", said by
    the subject, and whoever a "citing" beside the cue names as where it came from."""
    toks = [t for t in clause.subtree if t.i > that.i and not t.is_space]
    span = char_span(toks)
    if span is None:
        return
    cand = _repaired(doc, cue, span, subject, "cue-hung-on-subject", stance)
    for cite in subject.children:
        if (
            cite.dep_ in ("acl", "advcl")
            and cite.lemma_ in _CITE_LEMMAS
            and cue.i < cite.i < that.i
        ):
            for obj in (c for c in cite.children if c.dep_ == "dobj"):
                toks = mention_tokens(obj)
                cand.via.append((_text(doc, toks), span_of(toks), "origin"))
    yield cand


def _verb_tagged_noun(tok: Token) -> bool:
    """'Emails seen by the Courier show that ...': the tagger took the cue for a noun, the
    parser still gave it a subject and a clause, as a verb has."""
    deps = {c.dep_ for c in tok.children}
    if tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and {"nsubj", "dobj"} <= deps:
        return True  # "A copy of the record ... lists C-114 as the donor": subject and object
    if tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and "nsubj" in deps and _said_in_that(tok):
        return True  # "A former contestant ... claims in a lawsuit that producers ..."
    if tok.pos_ == "NOUN" and tok.dep_ == "dep" and "nsubj" in deps and tok.head.i > tok.i:
        # "Local newspaper Norrviks-Kuriren reports, citing ..., that ...": hung with its
        # subject on the clause after "that", as a cue set off before it is
        return any(m.dep_ == "mark" and m.lower_ == "that" for m in tok.head.children)
    if tok.pos_ != "NOUN" or "ccomp" not in deps:
        return False
    if "nsubj" in deps:
        return True
    # "Minutes of the meeting, which the Examiner has seen, record that ...": the subject hung
    # on it as an unknown dependent; "Veltrac's warranty terms, published on its website, state
    # that ...": the cue set beside its subject as an apposition. Only before a "that" clause.
    that = any(
        c.left_edge.lower_ == "that" for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i
    )
    return that and noun_subject(tok) is not None


def _said_in_that(tok: Token) -> bool:
    """Whether a "that" clause hangs on the object of a preposition after ``tok`` ("in a
    lawsuit that producers kept her awake"), the parser's way with "said in X that"."""
    return any(
        clause.dep_ == "relcl"
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
        for prep in tok.children
        if prep.dep_ == "prep" and prep.i > tok.i
        for obj in prep.children
        if obj.dep_ == "pobj"
        for clause in obj.children
    )


def _repaired(
    doc: Doc, cue: Token, span: tuple[int, int], speaker: Token, rule: str, stance: str
) -> Candidate:
    """An attribution found by repairing the parse around a one-word cue: what was said
    (``span``, trimmed here) and who said it, as that repair (``rule``) reads them."""
    cue_span = (cue.idx, cue.idx + len(cue.text))
    content = trim(doc_text(doc), *span)
    return _make(doc, "indirect", content, cue, cue_span, speaker, rule, 0.6, stance)


#: relative pronouns that stand for the noun a clause hangs on ("the report, which found")
_WHICH = frozenset({"which", "that"})


def _states_something(cue: Token) -> bool:
    """Whether a record cue in a relative clause reports something: a clause ("which found
    that ...") or an object with a verb or a figure in it ("which showed revenue rising 4
    percent"), not a plain noun phrase that says what the record is ("which record messages
    between security staff")."""
    return any(c.dep_ == "ccomp" for c in cue.children) or any(
        t.pos_ in ("VERB", "AUX", "NUM")
        for c in cue.children
        if c.dep_ == "dobj"
        for t in c.subtree
    )


def _may_speak(speaker: Token, subjects: tuple[str, ...]) -> bool:
    """Whether a speaker a repair found may say what a cue says: any, for a cue with no
    ``subjects`` of its own, else one of them ("data show", not "Kestrel Lane shows")."""
    return not subjects or _subject_among(speaker, subjects)


def _subject_among(subject: Token, subjects: tuple[str, ...]) -> bool:
    """Whether a subject is one of a cue's ``subjects``, by its own lemma or a noun
    compounded with it ("An email exchange ... shows": an email), or is a copy of one ("A
    copy of the clinic's treatment record lists ...", "Copies of two of the agreements ...")."""
    if subject.lemma_.lower() in subjects or any(
        c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() in subjects
        for c in subject.children
    ):
        return True
    held = _copied(subject)
    return held is not None and _subject_among(held, subjects)


#: what stands for the document it is a copy or a piece of: "a copy of the record"
_COPIES = frozenset({"copy", "photocopy", "scan", "extract", "excerpt", "printout", "version"})


def _copied(subject: Token) -> Token | None:
    """The document a copy or extract is of ("a copy of the record": record; "copies of two
    of the agreements": agreements), or None."""
    if subject.lemma_.lower() not in _COPIES:
        return None
    held = _of_object(subject)
    if held is not None and held.pos_ == "NUM":  # "two of the agreements"
        held = _of_object(held)
    return held


def _of_object(tok: Token) -> Token | None:
    """The object of the "of" phrase on ``tok``, or None."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((g for g in prep.children if g.dep_ == "pobj"), None)
    return None


def _record_lost_to_the_parser(tok: Token, subjects: tuple[str, ...]) -> Token | None:
    """'Two invoices seen by The Sentinel, addressed to Fenwick & Lowe and dated June, show
    payments ...', 'Photographs of the stump taken by residents and seen by the Gazette show
    pale, solid timber': a record cue (one with ``subjects``) after a long subject that the
    parser did not make its subject (it hung the cue on a noun, or on the subject's own
    participle). The record opening the sentence (its head word, one of ``subjects``), or
    None."""
    if not subjects or tok.dep_ == "ROOT" or tok.i == tok.sent.start:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    if tok.tag_ not in ("VB", "VBZ", "VBP", "VBD", "NN", "NNS") or tok.pos_ not in ("VERB", "NOUN"):
        return None
    lemma = tok.lemma_.lower()
    if tok.lower_ not in (lemma, f"{lemma}s", f"{lemma}ed", f"{lemma[:-1]}ed"):
        return None
    sent = tok.sent
    head = None
    for t in sent:  # the sentence's first noun, after its determiners and modifiers
        if t.pos_ in ("NOUN", "PROPN"):
            if t.dep_ == "compound":
                continue
            head = t
            break
        if t.pos_ not in ("DET", "NUM", "ADJ", "PRON") and t.text not in QUOTE_CHARS:
            return None
    if head is None or head.i >= tok.i - 2 or not _subject_among(head, subjects):
        return None
    between = tok.doc[head.i + 1 : tok.i]
    if not any(t.tag_ == "VBN" for t in between):
        return None  # only a subject lengthened by participles ("seen by", "taken by")
    if any(t.tag_ in ("VBZ", "VBP", "VBD") or t.lower_ in ("who", "which") for t in between):
        return None  # a verb of its own between: another clause, not a long subject
    return head


def _tail_cue_tagged_noun(tok: Token) -> tuple[Token, Token] | None:
    """'..., after he refused to pay $900 in fines, Kessler County property records show.': at
    the very end of a sentence, after a comma and a noun phrase, the tagger took the cue for a
    noun compounded with its subject. The subject's last word and the comma, or None."""
    doc, sent = tok.doc, tok.sent
    if tok.pos_ != "NOUN" or tok.lower_ not in (tok.lemma_.lower(), f"{tok.lemma_.lower()}s"):
        return None
    if not all(t.is_punct or t.is_space for t in doc[tok.i + 1 : sent.end]):
        return None
    k = _phrase_start_before(doc, tok.i - 1, sent.start)
    subject = doc[tok.i - 1]
    # "..., listings seen by The Royal Gazette show.": the record is the noun before the
    # participle, whoever saw it
    if k - 2 > sent.start and doc[k].lower_ == "by" and doc[k - 1].tag_ == "VBN":
        subject = doc[k - 2]
        k = _phrase_start_before(doc, k - 2, sent.start)
    if k == tok.i - 1 or doc[k].text != "," or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    # a verb agrees with its subject: "records show", "the count shows", but "..., RSF trade
    # blame" is no one's statement (the headline's "trade blame")
    bare = tok.lower_ == tok.lemma_.lower()
    if subject.tag_ in (("NN", "NNP") if bare else ("NNS", "NNPS")):
        return None
    if k - sent.start < 4:
        return None  # too little before the comma to be what was said
    return subject, doc[k]


def _comma_before_speaker(speaker: Token) -> Token | None:
    """The comma just before a speaker's name and the words run in front of it ("...,
    chief financial officer Ulrike Sander"), or None."""
    doc = speaker.doc
    k = _phrase_start_before(doc, speaker.left_edge.i - 1, speaker.sent.start)
    return doc[k] if k < speaker.left_edge.i and doc[k].text == "," else None


def _phrase_start_before(doc: Doc, k: int, start: int) -> int:
    """From token ``k`` back over the nouns, names, adjectives, determiners and numbers of a
    noun phrase (not past ``start``): the index of the first token that is none of them."""
    while k > start and doc[k].pos_ in _PHRASE_WORDS:
        k -= 1
    return k


_PHRASE_WORDS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "NUM"})


def _tail_cue_joined(tok: Token) -> tuple[Token, Token] | None:
    """'The recall will cost about €85 million, chief financial officer Ulrike Sander told
    analysts on a conference call.': the parser joined the cue to the clause before it, with
    no "and", though a comma and the speaker stand between. The speaker and the comma, or
    None."""
    doc = tok.doc
    if tok.dep_ != "conj" or tok.pos_ != "VERB" or tok.head.i > tok.i:
        return None
    if any(t.dep_ == "cc" and t.head.i == tok.head.i for t in doc[tok.head.i + 1 : tok.i]):
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "advcl") or c.lower_ == "that" for c in tok.children):
        return None
    subject = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    comma = _comma_before_speaker(subject)
    if comma is None or comma.i - tok.sent.start < 4:
        return None
    return subject, comma


def _rest_of_sentence(cue: Token) -> list[Token]:
    """The words of the sentence after a cue, without a "that" opening them or the
    punctuation closing the sentence (a closing quotation mark stays)."""
    toks = [t for t in cue.doc[cue.i + 1 : cue.sent.end] if not t.is_space]
    while toks and toks[-1].is_punct and toks[-1].text not in QUOTE_CHARS:
        toks = toks[:-1]
    if toks and toks[0].lower_ == "that":
        toks = toks[1:]
    return toks


def _object_read_as_subject(tok: Token) -> Token | None:
    """'... and the artist who made it says nobody told her': the parser read the object of
    the relative clause ("made it") as the cue's subject and hung the cue inside that clause.
    Who speaks is the noun the relative clause describes; or None."""
    if tok.dep_ != "ccomp" or tok.head.dep_ != "relcl" or tok.head.i >= tok.i:
        return None
    made = tok.head
    subject = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
    if subject is None or subject.pos_ != "PRON" or not subject.i == made.i + 1 == tok.i - 1:
        return None
    if any(c.dep_ == "dobj" for c in made.children):
        return None
    if not any(c.dep_ in SUBJECTS and c.tag_ in ("WP", "WDT") for c in made.children):
        return None  # "who made it", "that built them": a relative pronoun as its subject
    speaker = made.head
    return speaker if speaker.pos_ in ("NOUN", "PROPN") else None


#: cues that say a whole clause, never a thing: the noun before "the State says" is the
#: subject of what was said, not the object of the saying
_BRIDGES = frozenset(
    {"say", "claim", "allege", "believe", "think", "insist", "argue", "contend", "maintain"}
)


def _said_of_a_noun(tok: Token) -> tuple[Token, list[Token]] | None:
    """'a condition the State says did not appear in their agreements', 'a plan officials say
    will cost $2m': a cue in a relative clause with no relative word, set between a noun and
    that noun's verb. Who speaks is the cue's subject; what was said, the noun's predicate
    after the cue ("did not appear in their agreements"); or None."""
    if tok.dep_ != "relcl" or tok.head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    if tok.lemma_.lower() not in _BRIDGES:
        return None  # "Every authority the product suggests comes with a link": its object
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") or c.tag_ in ("WDT", "WP") for c in tok.children):
        return None
    subject = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    verb = tok.head.head
    if subject is None or verb.i <= tok.i or verb.pos_ not in ("VERB", "AUX"):
        return None
    # only the verb's own auxiliaries and negation between the cue and the verb
    if any(
        t.head.i != verb.i or t.dep_ not in ("aux", "auxpass", "neg")
        for t in tok.doc[tok.i + 1 : verb.i]
    ):
        return None
    toks = [
        t
        for t in tok.doc[tok.i + 1 : verb.right_edge.i + 1]
        if not (t.is_punct and t.i == verb.right_edge.i)
    ]
    return subject, toks


#: prepositions that open a clause of time, whose subject the parser may take for their object
_CLAUSE_PREPOSITIONS = frozenset({"after", "before", "until", "since"})


def _subject_read_as_object(tok: Token) -> tuple[Token, list[Token]] | None:
    """'... had its licence revoked after a traffic commissioner found that drivers had used
    other people's cards': the parser read the cue's subject as the object of "after" and
    joined the cue to the sentence's verb. Who speaks is that object, what was said the cue's
    "that" clause; or None."""
    doc = tok.doc
    if tok.dep_ != "conj" or tok.i == 0:
        return None
    subject = doc[tok.i - 1]
    opener = subject.head
    if subject.dep_ != "pobj" or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    if opener.lower_ not in _CLAUSE_PREPOSITIONS or opener.i < tok.head.i:
        return None
    clause = next(
        (
            c
            for c in tok.children
            if c.dep_ == "ccomp"
            and c.i > tok.i
            and c.left_edge.lower_ == "that"
            and c.left_edge.dep_ == "mark"
        ),
        None,
    )
    if clause is None:
        return None
    return subject, [t for t in clause.subtree if t.i > clause.left_edge.i]


def _cue_compounded_with_subject(tok: Token) -> tuple[Token, list[Token]] | None:
    """'• Exporter claims German lab tested another firm's samples': a line with no verb the
    tagger knew, the cue (in its "-s" form) read as a noun, its subject compounded into it
    and what was said hung on it as a clause. The subject and the clause's words (without an
    opening "that"), or None."""
    if tok.pos_ != "NOUN" or tok.dep_ != "ROOT" or tok.lower_ != f"{tok.lemma_.lower()}s":
        return None
    subject = next(
        (
            c
            for c in tok.children
            if c.dep_ == "compound" and c.i == tok.i - 1 and c.pos_ in ("PROPN", "NOUN")
        ),
        None,
    )
    clause = next(
        (c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i and c.pos_ == "VERB"),
        None,
    )
    if subject is None or clause is None:
        return None
    if not any(c.dep_ in SUBJECTS for c in clause.children):
        return None
    said = [t for t in clause.subtree if not t.is_space]
    return subject, said[1:] if said and said[0].lower_ == "that" else said


def _subjectless_root(tok: Token) -> bool:
    """Whether a cue is its sentence's root with no subject: the parser put the speaker
    elsewhere."""
    return tok.dep_ == "ROOT" and not any(c.dep_ in SUBJECTS for c in tok.children)


def _subject_in_fronted_phrase(tok: Token) -> tuple[Token, list[Token]] | None:
    """'In a notice to lenders seen by Recharge, Steppe Power Partners said the cracks had
    forced it to shut down 11 turbines': the parser hung the name after the comma inside the
    phrase that opens the sentence, and left the cue with no subject. Who speaks is that name,
    what was said the cue's clause; or None."""
    doc, sent = tok.doc, tok.sent
    if not _subjectless_root(tok):
        return None
    if doc[sent.start].pos_ != "ADP" or tok.i - 2 <= sent.start:
        return None
    name = doc[tok.i - 1]
    if name.pos_ != "PROPN" or name.head.i >= name.i:
        return None
    first = name.i
    while doc[first - 1].pos_ == "PROPN" and doc[first - 1].head.i == name.i:
        first -= 1
    if first - 1 <= sent.start or doc[first - 1].text != ",":
        return None
    if not any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
        return None
    return name, _rest_of_sentence(tok)


def _speaker_hung_in_content(tok: Token) -> tuple[Token, list[Token]] | None:
    """'The blast took place in a reactor at the unit of Navkar Speciality Chemicals Pvt Ltd,
    Deputy Superintendent of Police (DySP) K R Vasava said.': the parser hung the speaker,
    after a comma, on the last noun of what was said as its apposition, and left the cue
    ending the sentence with no subject. Who speaks is the name ending that apposition just
    before the cue; what was said, the cue's clause up to the comma; or None."""
    doc = tok.doc
    if not _subjectless_root(tok):
        return None
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i < tok.i), None)
    name = doc[tok.i - 1] if tok.i > 0 else None
    if clause is None or name is None or name.pos_ != "PROPN":
        return None
    appos = next((t for t in (name, *name.ancestors) if t.dep_ == "appos"), None)
    if appos is None or appos.right_edge.i != name.i or appos.left_edge.i < clause.left_edge.i:
        return None
    if not any(t.i == appos.i for t in clause.subtree):
        return None
    comma = doc[appos.left_edge.i - 1]
    if comma.text != "," or comma.i <= clause.left_edge.i:
        return None
    return name, [t for t in doc[clause.left_edge.i : comma.i] if not t.is_space]


#: repairs of a speaker the parser put elsewhere, in the order tried, each with its reason
_SPEAKER_REPAIRS: tuple[tuple[Callable[[Token], tuple[Token, list[Token]] | None], str], ...] = (
    (_said_of_a_noun, "said-of-a-noun"),
    (_subject_read_as_object, "subject-after-preposition"),
    (_cue_compounded_with_subject, "cue-compounded"),
    (_subject_in_fronted_phrase, "subject-in-fronted-phrase"),
    (_speaker_hung_in_content, "speaker-hung-in-content"),
)


def _speaker_repair(tok: Token) -> tuple[tuple[Token, list[Token]], str] | None:
    """The first of :data:`_SPEAKER_REPAIRS` that finds a speaker and what was said for the
    cue ``tok``, with its reason; or None."""
    for find, reason in _SPEAKER_REPAIRS:
        found = find(tok)
        if found is not None:
            return found, reason
    return None


def _misparsed_as_noun(tok: Token) -> bool:
    """ "Prosecutors allege Mr Hale poured petrol": the tagger took the cue for a noun in one
    long compound ("Prosecutors allege Mr Hale") that is the subject of what was said (or
    kept it a verb but compounded it all the same: "Betting exchange data show Kestrel Lane
    drifted"). A cue in its plain form right after a plural noun, or in its "-s" form right
    after a name ("SunVista claims guests were warned"), that opens the sentence, compounded
    into the subject of a verb after it."""
    if tok.dep_ != "compound" or tok.i == 0 or tok.i - 1 < tok.sent.start:
        return False
    before = tok.doc[tok.i - 1]
    lemma = tok.lemma_.lower()
    # "Prosecutors allege Mr Hale ...", or after one name "SunVista claims guests were ..."
    plain = tok.tag_ in ("NN", "VBP") and tok.lower_ == lemma and before.tag_ in ("NNS", "NNPS")
    third = tok.tag_ == "NNS" and tok.lower_ == f"{lemma}s" and before.tag_ == "NNP"
    if not (plain or third):
        return False
    # what opens the sentence is a noun phrase (after a line's bullet, "• SunVista claims";
    # "Betting exchange data show", its first word tagged a verb in the compound)
    opens = all(
        t.pos_ in ("DET", "ADJ", "PROPN", "NOUN")
        or t.dep_ == "compound"
        or not any(c.isalnum() for c in t.text)
        for t in tok.doc[tok.sent.start : before.i]
    )
    subject = tok.head
    while subject.dep_ == "compound" and subject.head.i != subject.i:
        subject = subject.head
    return (
        before.dep_ == "compound"
        and opens
        and subject.dep_ in ("nsubj", "nsubjpass")
        and subject.head.pos_ in ("VERB", "AUX")
        and subject.head.i > tok.i
    )


def _phrase_at(tok: Token, rules: Rules) -> tuple[str, tuple[str, ...], int] | None:
    for phrase in rules.phrases:
        if tok.lemma_.lower() != phrase.words[0]:
            continue
        words = [t.lemma_.lower() for t in tok.doc[tok.i : tok.i + len(phrase.words)]]
        if tuple(words) == phrase.words:
            return phrase.stance, phrase.preps, tok.i + len(phrase.words) - 1
    return None


def _from_verb(
    doc: Doc,
    verb: Token,
    rules: Rules,
    stance: str,
    takes_object: bool,
    preps: tuple[str, ...],
    phrase: tuple[str, tuple[str, ...], int] | None,
    *,
    quote_only: bool = False,
    object_first: bool = False,
    speaker: Token | None = None,
) -> Iterator[Candidate]:
    """Attributions hanging on one cue verb: its clause, a postposed statement, a prepositional
    or object content, or (passive) the noun it modifies; tried in that order. Who speaks is
    the verb's subject, unless a ``speaker`` is given."""
    speaker = speaker or subject_of(verb)
    if speaker is not None and speaker.lower_ in {"it", "there"} and speaker.dep_ == "expl":
        speaker = None
    cue_end = phrase[2] if phrase else verb.i
    cue_span = (verb.idx, doc[cue_end].idx + len(doc[cue_end].text))
    if stance == "denial" and _negated(verb, speaker):
        stance = "non-denial"
    elif _negated(verb, speaker) or _declined(verb):
        return  # "did not say whether", "has not confirmed any deaths": nothing was said

    relay: Token | None = None  # an outlet the words came through ("Interfax quoted X as")

    def make(span: tuple[int, int], rule: str, confidence: float, weak: bool = False) -> Candidate:
        cand = _make(
            doc, "indirect", span, verb, cue_span, speaker, rule, confidence, stance, weak=weak
        )
        if relay is not None:
            toks = mention_tokens(relay)
            cand.via.append((_text(doc, toks), span_of(toks), "relay"))
            cand.channel = _text(doc, toks)
        return cand

    if verb.dep_ == "acl" and speaker is not None and speaker.head.dep_ == "agent":
        # "the gains announced by Moscow": what was said is the noun the verb modifies (not a
        # record that carried it: "A video of that meeting, posted by a resident, shows ...")
        if verb.head.lemma_.lower() in _VEHICLES:
            return
        span = char_span(subtree_without(verb.head, [verb]))
        if span:
            yield make(span, "passive-agent", 0.6, weak=True)
        return
    quoting = verb
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ == "as":
        quoting = verb.head.head  # "was cited by Interfax as saying": cite is no cue itself
        if quoting.lemma_.lower() != "cite":
            quoting = verb
    quoted = _quoted_as_saying(doc, quoting, rules)
    if quoted is not None:
        yield quoted
        return
    parts = _as_saying(quoting)
    if parts is not None and parts[1] is not None:
        # '"We are ready," Interfax quoted Lavrov as saying': the words before are Lavrov's
        speaker, relay = parts[1], parts[2]
    if (
        speaker is None
        and verb.dep_ == "acl"
        and (_that_clause_after(doc, verb) is not None or _participle_of_root(verb))
    ):
        speaker = verb.head  # "The station reported on Monday, quoting ..., that ...": read
        # as a participle of the clause's subject, which is who reported
    if speaker is None or _nobody(speaker):
        return
    reported = _reported_as(doc, verb)
    if reported is not None:
        yield make(reported, "as-reported-by", 0.75)
        return
    comps = _complements(verb, speaker)
    # "Water intake halted after oil slick, Tiraspol denies leak": a cue with an object of
    # its own after it says that object, not the clause before its comma
    # (not whom it was told to, nor whom it quotes: "..., Interfax quoted Lavrov as saying")
    # (an object right after it: "..., the company said ..., the latest sign that ..." is no
    # object of "said", whatever the parser made of it)
    own_object = verb.lemma_.lower() not in _TELLING | _CITE_LEMMAS and any(
        c.dep_ == "dobj" and c.left_edge.i == verb.i + 1 for c in verb.children
    )
    if own_object:
        comps = [c for c in comps if c.i > verb.i]
    # "KNL said it had shut its plant, a move dealers warned could push up prices": a modal
    # right after the cue opens what was said, its subject the noun set off before the
    # speaker; the clause before is another's statement
    modal = [
        c
        for c in verb.children
        if c.dep_ == "xcomp" and any(a.tag_ == "MD" and a.i == verb.i + 1 for a in c.children)
    ]
    if modal and all(c.i < verb.i for c in comps):
        comps = modal
    # ... and that clause is no second clause of the statement before: "said on Monday it had
    # closed its kiln, a move builders warned could push up prices"
    comps = [
        c
        for c in comps
        if not (
            c.i > verb.i
            and _own_statement(c, rules)
            and (c.left_edge.text == "," or _set_off(c))
            and any(o.i < c.i and o.i > verb.i for o in comps)
        )
    ]
    after_that = None if comps else _that_clause_after(doc, verb) or _that_clause_as_conj(verb)
    if after_that is not None:
        yield make(after_that, "verb-that-clause-head", 0.75)
        return
    turned = None if takes_object else _inverted_parenthetical(doc, verb, speaker)
    if turned is not None:  # "Councils, said a person familiar with ..., are ..."
        speaker, (span, pieces) = turned
        cand = make(span, "parenthetical-cue", 0.75)
        cand.fragments = list(pieces)
        yield cand
        return
    inserted = None if comps else _parenthetical_content(doc, verb, speaker)
    if inserted is not None:
        cand = make(inserted[0], "parenthetical-cue", 0.8)
        cand.fragments = list(inserted[1])
        yield cand
        return
    if not comps and not own_object:
        span = _postposed_content(doc, verb, speaker)
        if span is not None:
            yield make(span, "postposed-cue", 0.75)
            return
    for comp in comps:
        if verb.dep_ != "relcl" and _question(comp, verb):
            continue  # "said when the talks would resume": a question, not what was said
        if _declared_self(comp):
            continue  # "each declared themselves president": what they made themselves
        after = comp.i > verb.i
        if not after and any(
            c.dep_ == "advmod" and c.lower_ in _NEXT and c.i < verb.i for c in verb.children
        ):
            continue  # "... in one day – then the debt collectors wrote": what came next
        if not after and comp.lemma_.lower() in rules.verbs and _that_clause_after(doc, comp):
            continue  # "X reported, citing Y, that the ministry had written ...": X's report
            # of this clause, which the parser hung before its verb
        # "..., which he said had cost him close to $60,000": the relative pronoun before the
        # cue stands for what the clause is about; what was said is the clause after the cue
        relative = any(
            c.dep_ in SUBJECTS and c.tag_ in ("WDT", "WP") and c.i < verb.i for c in comp.children
        )
        span = clause_content(
            doc,
            comp,
            verb,
            rules,
            after_cue=after if verb.dep_ == "relcl" or relative else None,
        )
        # the conjunction is not what was said (nor, in a clause the parser hung on the
        # occasion, "told the Courier in a phone call that she had ...", its first word)
        opens = comp.dep_ in ("relcl", "acl") and comp.left_edge.lower_ == "that"
        # "that a curry paste used in ... listed": "that" read as the subject of a noun
        first = comp.left_edge
        opens = opens or (
            first.lower_ == "that"
            and first.i + 1 < len(doc)
            and doc[first.i + 1].tag_ in ("DT", "PRP$", "CD")
        )
        that = comp.left_edge
        # "reported, quoting a nurse, that staff had ...": "that" after the relay's comma is
        # the conjunction, though read as the determiner of "staff" (the relay cut before it)
        opening = next((t for t in comp.subtree if span and t.idx == span[0]), None)
        if (
            opening is not None
            and opening.lower_ == "that"
            and opening.dep_ == "det"
            and opening.i - 1 > verb.i
            and doc[opening.i - 1].text == ","
        ):
            opens, that = True, opening
        if span and (_that_is_no_object(comp) or opens):
            # (never back over the cue: "a leak that the sugar company says was contained")
            span = trim(doc_text(doc), max(span[0], that.idx + len(that.text)), span[1])
        if span and not after:
            # "..., chief financial officer Ulrike Sander said": the title the parser set
            # beside the clause's subject is the speaker's, not part of what was said
            comma = _comma_before_speaker(speaker)
            if comma is not None and span[0] < comma.idx < span[1]:
                span = trim(doc_text(doc), span[0], comma.idx)
        if span:
            yield make(span, "verb-ccomp" if after else "postposed-cue", 0.85)
    if comps:
        return
    if not takes_object:
        span = _object_then_predicate(doc, verb) or _object_holding_clause(doc, verb)
        if span is not None:
            yield make(span, "verb-misparsed-clause", 0.7)
            return
    span = _that_after_cue(doc, verb)
    if span is not None:
        yield make(span, "verb-that-unparsed", 0.6)
        return
    passive = _passive_content(doc, verb) if takes_object else None
    if passive is not None:  # "The claim was rejected by the ministry"
        yield make(passive, "verb-passive", 0.6, weak=True)
        return
    with_object = stance == "accusing" or object_first
    span = _prep_content(doc, verb, doc[cue_end], preps, with_object=with_object)
    if span is not None:
        yield make(span, "verb-prep", 0.6, weak=True)
    elif takes_object:
        pointing = stance in ("denial", "non-denial")
        span = _object_content(doc, verb, quote_only=quote_only, pointing=pointing)
        if span is not None:
            yield make(span, "verb-object", 0.5, weak=True)


_AUXILIARIES = frozenset(
    {"had", "has", "have", "was", "were", "is", "are", "would", "will", "could"}
)


#: what words travel in rather than what they say: "a video posted by a resident", "the
#: letter published by the council" (the noun a cue's participle modifies)
_VEHICLES = frozenset(
    {
        *("video", "footage", "photo", "photograph", "image", "picture", "recording", "clip"),
        *("post", "message", "letter", "email", "memo", "document", "report", "statement"),
        *("study", "survey", "map", "chart", "file", "book", "article", "podcast", "tweet"),
    }
)


def _as_saying(verb: Token) -> tuple[Token, Token | None, Token | None] | None:
    """For "X quoted Y as saying" / "Y was quoted (cited) by X as saying": the "saying" verb,
    the person quoted (Y) and the outlet (X), or None when the verb is no such quoting."""
    if verb.lemma_.lower() not in ("quote", "cite"):
        return None
    saying = next(
        (
            g
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "as"
            for g in c.children
            if g.lemma_.lower() in ("say", "tell") and g.pos_ == "VERB"
        ),
        None,
    )
    if saying is None:
        return None
    quoted = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    outlet = subject_of(verb) if any(c.dep_ == "nsubj" for c in verb.children) else None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        outlet = next((o for o in agent.children if o.dep_ == "pobj"), None)
    return saying, quoted, outlet


def _quoted_as_saying(doc: Doc, verb: Token, rules: Rules) -> Candidate | None:
    """ "Interfax quoted a senior official as saying talks would resume": the words are the
    official's (the speaker, cue "as saying"), Interfax the outlet they came through (a relay
    and the channel). In the passive, "The mayor was quoted by the Daily Post as saying ...",
    the outlet is the agent."""
    parts = _as_saying(verb)
    if parts is None:
        return None
    saying, quoted, outlet = parts
    speaker = quoted or outlet
    comp = next((c for c in saying.children if c.dep_ == "ccomp"), None)
    if speaker is None or comp is None or _nobody(speaker):
        return None
    span = clause_content(doc, comp, saying, rules)
    if span is None:
        return None
    cue_span = (saying.head.idx, saying.idx + len(saying.text))  # "as saying"
    cand = _make(
        doc, "indirect", span, saying, cue_span, speaker, "quoted-as-saying", 0.85, "neutral"
    )
    if outlet is not None and quoted is not None:
        toks = mention_tokens(outlet)
        cand.via.append((_text(doc, toks), span_of(toks), "relay"))
        cand.channel = _text(doc, toks)
    return cand


def _object_then_predicate(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """'... which said around 400 fake accounts on TikTok, funded from Russia, had pushed
    content': the parser took the clause's subject for the object of "said" and hung its
    predicate elsewhere. A verb that takes no object, an object noun, and right after it a
    predicate with an auxiliary and no subject of its own: the two are the clause."""
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.pos_ not in ("NOUN", "PROPN") or obj.i < verb.i:
            continue
        after = obj.right_edge.i + 1
        while after < len(doc) and doc[after].is_punct and doc[after].text in ",\u2014-":
            after += 1
        if after >= len(doc) or doc[after].lower_ not in _AUXILIARIES:
            continue
        predicate = doc[after].head
        if predicate.i < after and doc[after].dep_ == "conj" and predicate.i == verb.i:
            # "said a waiver on import duty, which expired in December, was unlikely to be
            # renewed": the copula read as a second verb of the cue
            predicate = doc[after]
        subjectless = not any(c.dep_ in SUBJECTS for c in predicate.children)
        elsewhere = not _in_subtree(predicate, verb) or predicate.head.i == verb.i
        if (
            predicate.pos_ in ("VERB", "AUX")
            and predicate.i > after - 1
            and subjectless
            and elsewhere
        ):
            toks = [t for t in predicate.subtree if t.i >= after]
            span = char_span([*obj.subtree, *toks])
            if span is not None:
                s, e = trim(doc_text(doc), *span)
                return (s, e) if e > s else None
    return None


def _object_holding_clause(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """'Lomas said samples of the sauce taken from the kitchen four days after the death tested
    positive', 'The panel says double-dip cases made up 9% of the appeals, and that drivers
    won': the parser took the clause's subject for the object of "said" and hung its verb
    inside it. An object noun (not a pronoun) right after a verb that takes none, running to
    the end of the sentence (or to a second "that" clause joined to the cue), holding a verb
    in the past or present tense outside any relative clause, or a participle with an object
    of its own (no passive takes one: "cases made up 9%"): the object is the clause, and so
    is the second clause after it."""
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.pos_ != "NOUN" or obj.left_edge.i != verb.i + 1:
            continue
        last = verb.sent.end - 1
        while last > obj.right_edge.i and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        second = [
            c
            for c in verb.children
            if c.dep_ == "conj" and c.i > obj.i and any(m.lower_ == "that" for m in c.children)
        ]
        if obj.right_edge.i != last and not (second and second[-1].right_edge.i >= last):
            continue
        finite = [
            t
            for t in obj.subtree
            if (
                t.tag_ in ("VBD", "VBZ", "VBP")
                or (t.tag_ == "VBN" and any(c.dep_ == "dobj" for c in t.children))
                # "said those concerns related to the bar": the clause's verb read as a
                # participle on its subject (a sentence does not end on "said" and a noun)
                or (t.tag_ == "VBN" and t.dep_ == "acl" and t.head.i == obj.i)
            )
            # (a "relative clause" with two subjects is the relative and the clause's own
            # verb run together: "the section of pipe that burst had been patched")
            and not any(
                a.dep_ == "relcl" and sum(c.dep_ in SUBJECTS for c in a.children) < 2
                for a in [t, *t.ancestors]
                if a.i > obj.i
            )
        ]
        if finite:
            span = char_span([t for t in doc[obj.left_edge.i : last + 1] if not t.is_space])
            return trim(doc_text(doc), *span) if span else None
    return None


def _nobody(speaker: Token) -> bool:
    """'No group has said it carried out the strike': no one said anything."""
    return (
        speaker.lower_ in {"nobody", "none", "noone"}
        or any(c.dep_ == "det" and c.lower_ == "no" for c in speaker.children)
        or (speaker.lower_ == "one" and any(c.lower_ == "no" for c in speaker.children))
    )


_WH = frozenset({"whether", "if", "when", "how", "why", "where", "what"})
#: words that ask after the cue ("asked them which feed merchants they used") but relate a
#: clause before it ("the gap ..., which he said had cost him $60,000")
_WH_AFTER = frozenset({"which", "who", "whom"})


def _declared_self(clause: Token) -> bool:
    """'Two candidates each declared themselves president': a clause with no verb whose
    subject is the speaker's own self, what was made of it rather than what was said."""
    return clause.pos_ in ("NOUN", "PROPN", "ADJ") and any(
        c.dep_ == "nsubj" and c.lower_ in _SELVES for c in clause.children
    )


_SELVES = frozenset({"themselves", "himself", "herself", "itself", "myself", "ourselves"})


def _question(clause: Token, cue: Token) -> bool:
    """A clause that asks rather than states: "whether anyone had been arrested", "how many
    people had died", "when the talks would resume", "which feed merchants they used"."""
    first = clause.left_edge
    if any(c.dep_ in ("csubj", "csubjpass") for c in clause.children):
        return False  # "how many had died was a secret": the question is the subject
    asks = first.lower_ in _WH or (first.lower_ in _WH_AFTER and first.i > cue.i)
    return asks and first.i < clause.i


def _declined(verb: Token) -> bool:
    """'declined to say whether ...', 'would not say that ...': a clause that was not said.
    ("declined to comment on the report" stays: who would not comment, on what.)"""
    head = verb.head
    if verb.dep_ != "xcomp" or not any(c.dep_ == "ccomp" for c in verb.children):
        return False
    return head.lemma_.lower() in _REFUSALS or any(c.dep_ == "neg" for c in head.children)


def _negated(verb: Token, speaker: Token | None) -> bool:
    """'has not denied', 'Neither X nor Y has denied', 'would neither confirm nor deny'."""
    return (
        any(c.dep_ == "neg" or c.lower_ == "neither" for c in verb.children)
        or (verb.dep_ == "conj" and any(c.lower_ in ("neither", "nor") for c in verb.head.children))
        or (speaker is not None and any(c.lower_ == "neither" for c in speaker.children))
    )


def _named_subject_clause(obj: Token) -> bool:
    """Whether a cue's object heads a clause the parser hung on it whose subject is a name
    written right after it, with no relative word ("the club's midfielder Kalo Napat had
    played against ..."): one clause, the object and the name its subject."""
    for clause in obj.children:
        if clause.dep_ != "relcl" or clause.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
        if (
            subject is not None
            and subject.pos_ == "PROPN"
            and subject.left_edge.i == obj.i + 1
            and not any(c.tag_ in ("WDT", "WP", "WP$") for c in clause.children)
        ):
            return True
    return False


def _before_that(verb: Token) -> bool:
    """Whether a clause opened by "that" follows ``verb``: right after it, or as the mark of
    a clause hung on it ("accepted in court that ...")."""
    doc = verb.doc
    if verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ == "that":
        return True
    return any(
        m.dep_ == "mark" and m.lower_ == "that" and m.i > verb.i
        for c in verb.children
        if c.dep_ in ("ccomp", "advcl", "conj") and c.i > verb.i
        for m in c.children
    )


def _own_statement(clause: Token, rules: Rules) -> bool:
    """Whether ``clause`` is a cue verb with a subject of its own: another attribution."""
    return clause.lemma_.lower() in rules.verbs and any(c.dep_ in SUBJECTS for c in clause.children)


def _complements(verb: Token, speaker: Token) -> list[Token]:
    """The clauses a cue verb introduces, including those the parser hung elsewhere."""
    comps = [c for c in verb.children if c.dep_ == "ccomp" and c.i != speaker.i]
    # "X reported, citing Y, that ...": the clause hangs under "citing", or as an adverbial
    comps += [
        c
        for c in verb.children
        if c.dep_ == "advcl"
        and c.i > verb.i
        and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
    ]
    comps += [
        g
        for c in verb.children
        if c.dep_ == "advcl" and c.lemma_ in _CITE_LEMMAS
        for g in c.children
        if g.dep_ == "ccomp"
    ]
    # "reported, citing the Foreign Office, that Ms Hartmann had been travelling ...": the
    # clause read as a relative clause on whom it cites, set off by a comma, its "that" taken
    # for the relative pronoun
    comps += [
        g
        for c in verb.children
        if c.dep_ == "advcl" and c.lemma_ in _CITE_LEMMAS
        for o in c.children
        if o.dep_ == "dobj"
        for g in o.children
        if g.dep_ == "relcl"
        and g.left_edge.lower_ == "that"
        and verb.doc[g.left_edge.i - 1].text == ","
        and any(s.dep_ in SUBJECTS and s.lower_ != "that" for s in g.children)
    ]
    if not comps:
        # "reported yesterday, citing people close to the talks, that Stanwick had made three
        # approaches": a "that" clause the parser coordinated with the cue, when the cue has
        # no clause of its own (else it is that clause's second half: "said that A and that B")
        comps = [
            c
            for c in verb.children
            if c.dep_ == "conj"
            and c.i > verb.i
            and c.pos_ in ("VERB", "AUX")
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            and not any(t.dep_ == "cc" for t in verb.doc[verb.i + 1 : c.i])
        ]
    if not comps:
        comps = _clause_in_phrase(verb)
    if not comps and verb.lemma_.lower() in _TELLING:
        # "She told the inquest that a spice paste ... listed groundnut": the "that" clause
        # hung on whom it was told to, with a subject of its own
        comps = [
            g
            for c in verb.children
            if c.dep_ in ("dobj", "dative") and c.i > verb.i
            for g in c.children
            if g.dep_ in ("acl", "relcl")
            and g.i > c.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)
            and any(m.dep_ in SUBJECTS for m in g.children)
        ]
    if not comps:
        # "said the club's Vanuatu-born midfielder Kalo Napat had played ...": the parser took
        # the name for the subject of a clause on the object; the object names that subject
        comps = [c for c in verb.children if c.dep_ == "dobj" and _named_subject_clause(c)]
    if not comps and verb.dep_ not in ("ccomp", "parataxis"):
        # "denied receiving any warning", "admitted taking the money", "claimed to have
        # stolen the records" (a perfect infinitive: what was done, not what was asked)
        comps = [
            c
            for c in verb.children
            if c.dep_ == "xcomp"
            and c.pos_ in ("VERB", "AUX")
            and (
                c.tag_ == "VBG"
                or any(g.dep_ in SUBJECTS for g in c.children)
                or (_perfect_infinitive(c) and not any(g.dep_ == "dobj" for g in verb.children))
            )
        ]
    if not comps and verb.lemma_.lower() in _GERUND_TAKERS:
        # "denied in an email altering any image": the gerund hung on the noun of the phrase
        # between, as if it were the email that altered
        comps = [
            g
            for c in verb.children
            if c.dep_ == "prep" and c.i == verb.i + 1
            for o in c.children
            if o.dep_ == "pobj"
            for g in o.children
            if g.dep_ == "acl" and g.tag_ == "VBG" and g.i == o.i + 1
        ]
    if any(c.i > verb.i for c in comps) or _opened_by_that(verb):
        # a clause after the cue is what was said; one before it was misattached, and so is
        # one before a cue that "that" opens ("BTV reported, citing ..., that investigators
        # had found": "reported" is the cue)
        comps = [c for c in comps if c.i > verb.i]
    return comps


#: cues whose gerund is what was said ("denied altering any image"), not what the phrase
#: before it does ("said in a statement announcing the deal")
_GERUND_TAKERS = frozenset({"deny", "admit", "acknowledge", "confess"})

#: cues whose object is whom it was said to ("told the inquest that ...")
_TELLING = frozenset(
    {"tell", "inform", "assure", "reassure", "warn", "remind", "brief", "notify", "advise"}
)


def _perfect_infinitive(clause: Token) -> bool:
    """'to have stolen': a past participle after "to have"."""
    auxes = [c.lower_ for c in clause.children if c.dep_ == "aux" and c.i < clause.i]
    return clause.tag_ == "VBN" and auxes[-2:] == ["to", "have"]


def _participle_of_root(verb: Token) -> bool:
    """'The Linnet County Record, a weekly, reported last week that the interim director had
    objected': the parser found no verb to head the sentence, made its subject the root and
    the cue a participle of it, with the "that" clause the cue's own. Not a participle with
    a doer or an object of its own ("the gains reported by Moscow")."""
    head = verb.head
    if head.dep_ != "ROOT" or head.pos_ not in ("NOUN", "PROPN") or verb.tag_ not in ("VBD", "VBN"):
        return False
    if any(c.dep_ in ("agent", "auxpass", "dobj", *SUBJECTS) for c in verb.children):
        return False
    return any(
        c.dep_ == "ccomp" and c.i > verb.i and c.left_edge.lower_ == "that" for c in verb.children
    )


def _opened_by_that(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" and c.i < verb.i for c in verb.children)


def _that_after_cue(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """'The report ... says that Anton Varga, 58, shouted abuse at players', where the parser
    made no clause of what follows "that" at all: what was said runs from after "that" to the
    end of the sentence."""
    nxt = verb.i + 1
    if nxt >= len(doc) or doc[nxt].lower_ != "that" or doc[nxt].dep_ != "mark":
        return None
    if doc[nxt].head.pos_ in ("VERB", "AUX"):
        return None  # a clause the parser did make, found elsewhere
    end = verb.sent.end
    toks = [t for t in doc[nxt + 1 : end] if not (t.is_punct and t.i == end - 1)]
    if len([t for t in toks if t.is_alpha]) < 4:
        return None
    span = char_span(toks)
    return trim(doc_text(doc), *span) if span else None


def _that_clause_after(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """'BTV reported, citing sources ..., that investigators had found cash': the parser made
    the clause after "that" the head of the cue's own clause. What was said is that clause,
    from after "that" to its end."""
    head = verb.head
    dep = verb.dep_
    misread = dep in ("relcl", "acl")
    if misread and head.dep_ == "appos" and head.head.dep_ in ("nsubj", "nsubjpass"):
        head = head.head  # "Local newspaper The River Courier reported ...": on its name
    if misread and head.dep_ in ("nsubj", "nsubjpass") and head.i < verb.i:
        # "Local radio station Nkabom FM reported ..., citing ..., that the assembly had
        # signed": the cue read as a relative clause of the subject of the clause after "that"
        head, dep = head.head, "advcl"
    if dep not in ("ccomp", "advcl", "dep") or head.i < verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    that = next(
        (c for c in head.children if c.dep_ == "mark" and c.lower_ == "that" and c.i > verb.i),
        None,
    ) or _that_read_as_determiner(doc, verb, head)
    if that is None:
        return None
    # "Kayamba FM ... reported on Sunday, quoting a surveyor ..., that beacons had been moved":
    # made an adverbial of the clause, the cue is set off just before its "that", or just
    # before the relay it cites, which the parser hung on the clause too ("Alto Belice Notizie
    # reported on Thursday, citing town hall figures, that 61 houses had been sold")
    between = [t for t in doc[verb.right_edge.i + 1 : that.i] if not t.is_punct]
    if dep != "ccomp" and any(not _in_citing(t, head) for t in between):
        return None
    return _clause_after_that(head, that)


def _clause_after_that(clause: Token, that: Token) -> tuple[int, int] | None:
    """What ``clause`` says after its "that", without the punctuation closing it, as a
    trimmed (start, end); or None."""
    toks = [
        t
        for t in clause.subtree
        if t.i > that.i and not (t.is_punct and t.i == clause.right_edge.i)
    ]
    span = char_span(toks)
    return trim(doc_text(clause.doc), *span) if span else None


def _that_clause_as_conj(verb: Token) -> tuple[int, int] | None:
    """'Gazety Atsinanana reported in February, citing a forestry official, that survey
    trenches had been dug': the parser made the clause after ", that" a second verb joined to
    the cue (no "and" between), taking "that" for its subject. What was said is that clause,
    from after "that" to its end; the words before it are the cue's own or the relay's."""
    doc = verb.doc
    for clause in verb.children:
        if clause.dep_ != "conj" or clause.pos_ not in ("VERB", "AUX") or clause.i < verb.i:
            continue
        joined = (*verb.children, *clause.children)
        if any(c.dep_ == "cc" and verb.i < c.i < clause.i for c in joined):
            return None  # "reported X and said that ...": two clauses
        that = next(
            (
                t
                for t in clause.subtree
                if t.lower_ == "that" and t.i < clause.i and doc[t.i - 1].text == ","
            ),
            None,
        )
        if that is None:
            return None
        between = [t for t in doc[verb.i + 1 : that.i] if not t.is_punct]
        own = {
            t.i
            for c in verb.children
            if c.dep_ in ("prep", "npadvmod", "advmod")
            for t in c.subtree
        }
        if any(t.i not in own and not _in_citing(t, clause) for t in between):
            return None
        return _clause_after_that(clause, that)
    return None


def _that_read_as_determiner(doc: Doc, verb: Token, head: Token) -> Token | None:
    """'The Carrick Packet reports, citing two crew members, that staff were told ...': the
    "that" after a comma read as the determiner of the clause's subject ("that staff")."""
    for subject in head.children:
        first = subject.left_edge
        if (
            subject.dep_ in ("nsubj", "nsubjpass")
            and verb.i < first.i < subject.i
            and first.lower_ == "that"
            and first.dep_ == "det"
            and doc[first.i - 1].text == ","
        ):
            return first
    # "The weekly Kunene Echo reported last week, citing an official ..., that the ministry had
    # written": the "that" read as the object of the clause's verb, its subject right after
    # (or of a verb in the clause: "..., that KVS intends to cut 40 jobs", "that" on "cut")
    for that in doc[verb.i + 1 : head.i]:
        if (
            that.lower_ == "that"
            and that.dep_ == "dobj"
            and _in_subtree(that, head)
            and doc[that.i - 1].text == ","
            and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i == that.i + 1
                for c in head.children
            )
        ):
            return that
    return None


def _in_citing(tok: Token, head: Token) -> bool:
    """Whether ``tok`` is in a participle citing or quoting a relay hung on ``head`` (or on
    the subject the parser hung the cue on: "news site Podhradie24 reported on Thursday,
    citing a plant employee, that ...")."""
    holders = [head, *(c for c in head.children if c.dep_ in ("nsubj", "nsubjpass"))]
    return any(
        c.dep_ in ("advcl", "acl")
        and c.tag_ == "VBG"
        and c.lemma_.lower() in _CITE_LEMMAS
        and c.left_edge.i <= tok.i <= c.right_edge.i
        for h in holders
        for c in h.children
    )


def _clause_in_phrase(verb: Token) -> list[Token]:
    """'said in a report published nine days before the vote that a network ... had pushed':
    the "that" clause the parser hung inside the cue's prepositional phrase."""
    # on the cue, or on its object or adverb ("told the court earlier in the trial that")
    near = [verb, *(c for c in verb.children if c.dep_ in ("advmod", "npadvmod", "dobj"))]
    for prep in (c for v in near for c in v.children if c.dep_ == "prep" and c.i > verb.i):
        for tok in prep.subtree:
            marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)
            subject = any(c.dep_ in SUBJECTS and c.lower_ != "that" for c in tok.children)
            clause = tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("acl", "relcl") and subject
            if clause and (marked or _that_is_no_object(tok) or _at_an_occasion(tok, prep)):
                return [tok]
            # "stated in a certificate produced before the court that his patient had been
            # fully oriented": the clause hangs on the participle that describes the writing
            if tok.dep_ == "ccomp" and tok.head.dep_ == "acl" and marked and subject:
                return [tok]
            # "said in an interview she gave in May that nothing had changed": on the clause
            # that makes the occasion
            made = tok.head.dep_ == "relcl" and tok.head.lemma_.lower() in _GIVING_OCCASIONS
            if tok.dep_ == "ccomp" and made and marked and subject:
                return [tok]
            if _unmarked_clause_on_occasion(tok, prep):
                return [tok]
    return []


def _unmarked_clause_on_occasion(clause: Token, prep: Token) -> bool:
    """'said in a statement it had withheld the first prize': with no "that", the parser made
    what was said a relative clause of the occasion ("a statement it issued" is one). A clause
    right after the occasion the cue's own preposition names, opened by its subject (no
    relative word), whose verb is not one of making or sending the occasion itself."""
    occasion = clause.head
    if clause.dep_ != "relcl" or prep.head.pos_ not in ("VERB", "AUX"):
        return False
    if occasion.head.i != prep.i or occasion.lemma_.lower() not in _OCCASIONS:
        return False
    first = clause.left_edge
    return (
        first.i == occasion.i + 1
        and first.dep_ in ("nsubj", "nsubjpass")
        and first.head.i == clause.i
        and first.lower_ not in ("that", "which", "who", "whom", "whose")
        and clause.lemma_.lower() not in _MAKING_OCCASIONS
    )


#: what is done to an interview or a speech, never a cue of its own ("wrote", "posted" are)
_GIVING_OCCASIONS = frozenset(
    {"give", "grant", "do", "hold", "attend", "deliver", "make", "have", "sign", "send"}
)
#: what is done to a statement or an interview itself: "said in a statement it issued on
#: Monday", "told the paper in an interview she gave in May" (the occasion, not what was said)
_MAKING_OCCASIONS = frozenset(
    {"issue", "release", "publish", "post", "send", "give", "make", "write", "sign", "file"}
    | {"deliver", "submit", "share", "circulate", "read", "put", "do", "hold", "attend", "grant"}
    | {"tweet", "email", "record", "film", "broadcast", "air", "call", "have", "receive", "see"}
)


def _at_an_occasion(clause: Token, prep: Token) -> bool:
    """'told the court during the trial that their clients had acted in good faith': the
    parser made the clause a relative clause of the occasion the cue names ("the trial that
    ..."); after an occasion of speaking, "that" and a subject of its own open what was said."""
    first = clause.left_edge
    return (
        first.lower_ == "that" and clause.head.lemma_ in _OCCASIONS and clause.head.head.i == prep.i
    )


#: occasions one speaks at: "said at a briefing that", "told the court during the trial that"
_OCCASIONS = frozenset(
    {"trial", "hearing", "meeting", "interview", "conference", "briefing", "session"}
    | {"rally", "summit", "debate", "speech", "ceremony", "sitting", "inquest", "inquiry"}
    # and the means: "told the Courier in a brief phone call that", "said in an email that"
    | {"call", "email", "letter", "message", "note", "post", "statement", "filing", "address"}
)


def _that_is_no_object(clause: Token) -> bool:
    """'told AFP through a translator that smugglers had forced dozens below deck': the
    parser made "that" the object of a relative clause that has an object of its own, so
    it is the conjunction of what was said ("a translator that smugglers had hired" stays a
    relative clause); so is one before the subject of a reported clause."""
    first = clause.left_edge
    objects = [c for c in clause.children if c.dep_ == "dobj" and c.i != first.i]
    # "said in a filing that its profits had fallen": an object before the clause's own
    # subject, in a clause that is what was said, is the conjunction
    subject_after = clause.dep_ == "ccomp" and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i > first.i for c in clause.children
    )
    return (
        first.lower_ == "that"
        and first.head.i == clause.i
        and first.dep_ == "dobj"
        and (bool(objects) or subject_after)
    )


def _parenthetical_content(
    doc: Doc, verb: Token, speaker: Token
) -> tuple[tuple[int, int], tuple[tuple[int, int], ...]] | None:
    """'The decision, the court said, was final': a cue set off by commas inside the clause
    it reports, between that clause's subject and its verb. What was said is the clause
    around it: its span, and the two pieces either side of ', the court said,'."""
    clause = verb.head
    if verb.dep_ != "parataxis" or clause.i < verb.i or clause.pos_ not in ("VERB", "AUX"):
        return None
    start = subject_start(speaker)
    end = max(t.i for t in verb.subtree if not t.is_punct)
    if start < 1 or doc[start - 1].text != "," or end + 1 >= len(doc) or doc[end + 1].text != ",":
        return None
    inside = set(range(start - 1, end + 2))
    after = [t for t in clause.subtree if t.i > end + 1 and t.i not in inside]
    if not any(c.dep_ in SUBJECTS and c.i < start for c in clause.children):
        # "Before then, she said, she had never seen a beaver": after a fronted adverbial,
        # the clause from its subject on is what was said
        fronted = [c for c in clause.children if c.i < start - 1]
        opening = all(c.dep_ in _FRONTED or c.is_punct for c in fronted)
        if not fronted or not opening or not any(c.dep_ in SUBJECTS for c in after):
            return None
        span = char_span(after)
        if span is None:
            return None
        part = trim(doc_text(doc), *span)
        return part, (part,)
    before = [t for t in clause.subtree if t.i < start - 1]
    pieces = [char_span(_strip_leading(doc, before)), char_span(after)]
    if pieces[0] is None or pieces[1] is None:
        return None
    text = doc_text(doc)
    parts = tuple(trim(text, *piece) for piece in pieces if piece is not None)
    return (parts[0][0], parts[-1][1]), parts


def _inverted_parenthetical(
    doc: Doc, verb: Token, subject: Token
) -> tuple[Token, tuple[tuple[int, int], tuple[tuple[int, int], ...]]] | None:
    """'Councils, said a person familiar with the programme, are "the softest of targets"',
    'Prices, said the minister, will fall': a cue set off inside the clause it reports, its
    speaker after it; the parser took the clause's subject for the cue's (and the speaker for
    its object). The speaker, and what was said (its span and the two pieces either side of
    the cue), or None."""
    last = max((t.i for t in subject.subtree if not t.is_punct), default=-1)
    if subject.i > verb.i or last != verb.i - 2 or doc[verb.i - 1].text != ",":
        return None
    speaker = next((c for c in verb.children if c.dep_ in ("dobj", "nsubj") and c.i > verb.i), None)
    if speaker is None or speaker.pos_ not in ("NOUN", "PROPN"):
        return None
    if speaker.left_edge.i != verb.i + 1 or any(
        t.pos_ in ("VERB", "AUX") for t in doc[verb.i + 1 : speaker.i]
    ):
        return None  # "said his client had borrowed money": a clause, not who said it
    end = max((t.i for t in speaker.subtree if not t.is_punct), default=len(doc))
    if end + 2 >= len(doc) or doc[end + 1].text != ",":
        return None
    if verb.dep_ == "parataxis":  # hung on the clause it reports
        clause = verb.head
    else:  # or the clause hung on it, after its "object"
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > end), verb)
    if clause.i < end or clause.pos_ not in ("VERB", "AUX") or clause.left_edge.i != end + 2:
        return None
    if any(c.dep_ in SUBJECTS for c in clause.children):
        return None
    after = char_span([t for t in clause.subtree if t.i > end + 1])
    before = char_span(list(doc[subject.left_edge.i : last + 1]))
    if before is None or after is None:
        return None
    text = doc_text(doc)
    pieces = (trim(text, *before), trim(text, *after))
    return speaker, ((pieces[0][0], pieces[1][1]), pieces)


#: what may open a clause before a cue set off inside it: "Before then", "Last year", "In
#: the end", "Since March"
_FRONTED = frozenset({"prep", "advmod", "npadvmod", "advcl", "cc"})


def _postposed_content(doc: Doc, verb: Token, speaker: Token) -> tuple[int, int] | None:
    """'X happened, the mayor said.': the statement before a closing cue that the parser
    hung under the statement, left detached, or took for a relative clause."""
    detached = (verb.dep_ == "ROOT" and speaker.head.i != verb.i and speaker.i < verb.i) or (
        verb.dep_ == "relcl" and _postposed_relcl(verb, speaker)
    )
    # "Flash floods that tore through villages ... have killed 58 people, the ministry said":
    # the parser hangs the statement's subject on the cue as an unknown dependent
    detached = detached or (
        verb.dep_ == "ROOT"
        and speaker.i < verb.i
        and any(c.dep_ == "dep" and c.i < speaker.i for c in verb.children)
    )
    hung = verb.dep_ in ("ccomp", "parataxis", "advcl") and verb.head.i < verb.i
    # "The inspectorate has ordered the mine closed, its director said": the parser joins
    # the cue to the statement as a second verb, with a comma and no "and" between them
    hung = hung or (verb.dep_ == "conj" and verb.head.i < verb.i and not joined_by_and(verb))
    if not (hung or detached) or not _after_comma(speaker) or verb.tag_ == "VBG":
        return None  # a participle ("..., asking not to be named") closes nothing
    if any(
        c.dep_ == "auxpass"
        # (not the "that" of the verb it hangs on: "The decision means that ..., the
        # federation said")
        or (c.dep_ == "mark" and not (hung and c.i == verb.head.i + 1))
        for c in verb.children
    ):
        return None
    if any(c.dep_ == "advmod" and c.lower_ in _NEXT and c.i < speaker.i for c in verb.children):
        return None  # "... in one day – then the debt collectors wrote": what came next
    scope = verb.sent if detached else verb.head.subtree
    start = subject_start(speaker)
    toks = _strip_leading(doc, [t for t in scope if t.i < start and t.i < verb.i])
    span = char_span(toks)
    if span is None or not any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None  # a timestamp or a name, not a statement
    s, e = trim(doc_text(doc), *span)
    return (s, e) if e > s else None


#: words that make a clause after a comma or dash what happened next, not a closing cue
_NEXT = frozenset({"then", "later", "afterwards", "next", "soon"})


def _prep_content(
    doc: Doc, verb: Token, last: Token, preps: tuple[str, ...], *, with_object: bool = False
) -> tuple[int, int] | None:
    """'warned about X', 'sounded the alarm over X': the prepositional phrase; with
    ``with_object`` (an accusing cue), the object before it too: 'accused the government of
    planning X'."""
    children = list(verb.children) + (list(last.children) if last.i != verb.i else [])
    # "warned on Tuesday of possible blackouts": the parser hangs "of" on the date
    children += [g for c in verb.children if c.ent_type_ in ("DATE", "TIME") for g in c.subtree]
    children += [
        g
        for c in verb.children
        if c.dep_ == "prep"
        for o in c.children
        if o.ent_type_ in ("DATE", "TIME")
        for g in o.children
    ]
    if with_object:  # "accused aid groups of encouraging ...": "of" hung on the accused
        children += [
            g for o in verb.children if o.dep_ == "dobj" for g in o.children if g.dep_ == "prep"
        ]
    for child in children:
        if child.dep_ == "prep" and child.lower_ in preps and child.i > last.i:
            toks = list(child.subtree)
            # "accused the government of planning ...": who is accused is part of it
            accused = [
                o
                for o in verb.children
                if o.dep_ == "dobj" and last.i < o.i < child.i and o.pos_ in ("NOUN", "PROPN")
            ]
            if accused and with_object:
                toks = sorted({*accused[0].subtree, *toks}, key=lambda t: t.i)
            span = char_span(toks)
            if span:
                return trim(doc_text(doc), *span)
    return None


def _passive_content(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """'The claim was rejected by the ministry', 'The plan was announced by the ministry': in
    the passive, with the speaker as agent, what was said is the subject."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if agent is None or subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    return char_span(list(subject.subtree))


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)


def _object_content(
    doc: Doc, verb: Token, *, quote_only: bool, pointing: bool = False
) -> tuple[int, int] | None:
    """'announced a fresh drive', 'called the report "a fairy tale"': the object (and its
    predicate); for quote-only cues, only when quoted words are in it. With ``pointing`` (a
    denial), a pronoun that points back is the object too: "The company denied that."."""
    # "Parents dispute both points": the parser may take the object of a denial for an
    # adverbial noun when its determiner is "both"
    if quote_only and (named := _named_as_quoted(doc, verb)) is not None:
        return named
    wanted = ("dobj", "npadvmod") if pointing and not _has_object(verb) else ("dobj",)
    if quote_only and not _has_object(verb):
        wanted = ("dobj", "npadvmod")  # "described this season as '...'": read as a time
    for child in verb.children:
        if child.dep_ not in wanted or child.i < verb.i:
            continue
        if pointing and child.pos_ == "PRON" and child.lower_ in POINTERS:
            return child.idx, child.idx + len(child.text)
        locating = verb.lemma_.lower() in _LOCATING  # "records place him in Leeds"
        if child.pos_ not in ("NOUN", "PROPN", "NUM") and not (locating and child.pos_ == "PRON"):
            continue  # "shows at least eight of the fined homeowners speaking": a count too
        if child.ent_type_ in ("GPE", "LOC") and not locating:
            continue  # "both claim Kashmir": a territory claimed, not a statement
        # ", saying ..." that the parser hung inside the object is the speaker's own next
        # statement ("belied reports that the screen showed his game, saying ...")
        aside = {
            t.i
            for p in child.subtree
            if p.dep_ == "advcl" and p.tag_ == "VBG" and p.doc[p.i - 1].text == ","
            for t in p.subtree
        }
        aside |= _relayed(child)
        toks = [t for t in child.subtree if t.dep_ != "relcl" and t.i not in aside]
        for pred in (c for c in verb.children if c.dep_ == "oprd" and c.i > child.i):
            toks += list(pred.subtree)
        # "lists Mr Gilroy as Fly's breeder": what the object is named as
        toks += [
            t
            for c in verb.children
            if c.dep_ == "prep"
            and c.lower_ == "as"
            and c.i == child.right_edge.i + 1
            and not quote_only  # a quotation after "as" is found below, whole
            for t in c.subtree
        ]
        if locating:
            # "places the lion about 300m inside the reserve at 05:58": where and when
            toks += [
                t
                for c in verb.children
                if c.dep_ in ("prep", "advmod", "npadvmod") and c.i > child.i
                for t in c.subtree
            ]
        if verb.lemma_.lower() in _DEPICTING:
            # "receipts show purchases at 10.14am and 2.41pm from the same DIY store": where
            # and when what is shown happened, which the parser hung on the verb
            end = max(t.i for t in toks)
            for c in sorted(verb.children, key=lambda c: c.i):
                if c.dep_ == "prep" and c.i == end + 1:
                    toks += list(c.subtree)
                    end = c.right_edge.i
            # "appear to show Valen's coach, Piet Halvorsen, telling a contact ...": what
            # the object is shown doing, which the parser hung on the verb (or on "appear")
            holders = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
            toks += [
                t
                for h in holders
                for c in h.children
                if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > child.i
                for t in c.subtree
            ]
        span = char_span(toks)
        if span is None:
            continue
        s, e = trim(doc_text(doc), *span)
        if quote_only:
            e = _as_quoted_end(doc_text(doc), e, verb.sent.end_char)
        if quote_only and not _holds_quotation(doc_text(doc)[s:e]):
            return None
        return s, e
    return None


def _holds_quotation(text: str) -> bool:
    """Whether ``text`` holds quotation marks: double ones, or a single opening mark closed
    after it ("described the old market as \u2018a death trap\u2019"; a lone \u2019 is an
    apostrophe)."""
    if any(ch in QUOTE_CHARS for ch in text):
        return True
    opening = text.find("\u2018")
    return opening >= 0 and "\u2019" in text[opening + 2 :]


def _relayed(obj: Token) -> set[int]:
    """The words of a relative clause on an object that reports speech of its own ("blamed
    the price of finished cattle, which it said had been pushed to record levels"): another
    statement, not part of the object."""
    return {
        t.i
        for r in obj.subtree
        if r.dep_ == "relcl"
        and any(c.dep_ == "ccomp" for c in r.children)
        and any(c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") for c in r.children)
        for t in r.subtree
    }


#: cues whose object is seen doing something ("the footage shows the sheep going wide")
_DEPICTING = frozenset({"show", "depict", "capture"})
#: cues whose object is said to be somewhere ("the data places the lion inside the reserve")
_LOCATING = frozenset({"place", "locate"})
_CLOSES = {'"': '"', "\u201c": "\u201d", "\u2018": "\u2019", "'": "'"}
#: a quotation after an object or a cue, "as" before it or not ("described it as \u201c...\u201d")
_QUOTED_AFTER = re.compile("\\s+(as\\s+)?([\"\u201c\u2018'])")


def _quoted_after(text: str, end: int, limit: int, *, bare: bool) -> tuple[int, int] | None:
    """The words inside the quotation marks that open right after ``end`` (after "as"
    unless ``bare``) and close before ``limit``, as (start, end), or None."""
    found = _QUOTED_AFTER.match(text, end)
    if found is None or (found.group(1) is None and not bare):
        return None
    close = text.find(_CLOSES[found.group(2)], found.end(), limit)
    return (found.end(), close) if close >= 0 else None


def _named_as_quoted(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """The quotation a cue of a relative clause names its object with ("vouchers, which Mrs
    Wade described as \u201ca slap in the face\u201d", "a move the company described as
    ...", "after hearing what he described as \"a bang\"", "in what he called \"the first
    winter ascent\""), said by the clause's subject: the words inside the marks. "describe"
    needs its "as"; a phrase may come between ("described to investigators as")."""
    relative = verb.dep_ == "relcl" or any(c.dep_ == "dobj" and c.i < verb.i for c in verb.children)
    if not relative:
        return None
    end = verb.idx + len(verb.text)
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and nxt.dep_ == "prep" and nxt.lower_ != "as" and nxt.head.i == verb.i:
        end = nxt.right_edge.idx + len(nxt.right_edge.text)
    text = doc_text(doc)
    quoted = _quoted_after(text, end, verb.sent.end_char, bare=verb.lemma_.lower() == "call")
    if quoted is None or quoted[1] <= quoted[0]:
        return None
    if all(w[:1].isupper() for w in text[quoted[0] : quoted[1]].split()):
        return None  # "the premium tier, which Nuvrel calls \u201cConcierge\u201d": a name
    return quoted


def _as_quoted_end(text: str, end: int, limit: int) -> int:
    """Where an object's content ends when "as" and a quotation follow it ("described this
    season as \u201cexceptional, but no longer unthinkable\u201d"), the parser having hung
    the quotation elsewhere: after its closing mark (within the sentence); else ``end``."""
    quoted = _quoted_after(text, end, limit, bare=False)
    return quoted[1] + 1 if quoted is not None else end


def _make(
    doc: Doc,
    kind: str,
    content: tuple[int, int],
    cue: Token,
    cue_span: tuple[int, int],
    speaker: Token | None,
    rule: str,
    confidence: float,
    stance: str,
    *,
    weak: bool = False,
) -> Candidate:
    sp = span_of(mention_tokens(speaker)) if speaker is not None else None
    if sp is not None:  # "'Heat Cove' star": the opening mark a token apart
        sp = with_partner_marks(doc_text(doc), *sp)
    return Candidate(
        kind=kind,
        content=content,
        cue=cue,
        cue_span=cue_span,
        speaker=speaker,
        speaker_span=sp,
        rule=rule,
        confidence=confidence,
        stance=stance,
        weak=weak,
    )


def _noun_candidates(doc: Doc, rules: Rules) -> Iterator[Candidate]:
    """``Russia's claims that ...``, ``the ministry's statement that ...``."""
    for tok in _hits(doc, rules).nouns:
        cue = rules.nouns.get(tok.lemma_.lower())
        if cue is None or tok.pos_ != "NOUN":
            continue
        clause = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("acl", "ccomp", "appos", "relcl")
                and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            ),
            None,
        )
        if clause is None:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None:
            owner = next(
                (
                    o
                    for p in tok.children
                    if p.dep_ == "prep" and p.lower_ in {"by", "from", "of"}
                    for o in p.children
                    if o.dep_ == "pobj"
                ),
                None,
            )
        span = clause_content(doc, clause, tok, rules)
        if span is None:
            continue
        verb = tok.head.head if tok.dep_ == "pobj" else None
        verb_cue = rules.verbs.get(verb.lemma_.lower()) if verb is not None else None
        if owner is None and verb is not None and verb_cue is not None:
            # "the ministry said in a statement that ...": the parser hung the clause on the
            # noun; the verb's subject is the speaker and the statement its channel
            speaker = subject_of(verb)
            if speaker is not None:
                cue_span = (verb.idx, verb.idx + len(verb.text))
                stance = verb_cue.stance
                yield _make(
                    doc, "indirect", span, verb, cue_span, speaker, "verb-ccomp", 0.8, stance
                )
                continue
        cue_span = (tok.idx, tok.idx + len(tok.text))
        yield _make(doc, "indirect", span, tok, cue_span, owner, "noun-cue", 0.7, cue.stance)


def _fronted(tok: Token, source: Token) -> bool:
    """Whether a preposition opens its sentence and its phrase is set off by a comma ("Per
    the filing, ...")."""
    after = source.right_edge.i + 1
    return tok.i == tok.sent.start and after < len(tok.doc) and tok.doc[after].text == ","


def _according_candidates(doc: Doc, rules: Rules) -> Iterator[Candidate]:
    """``..., according to X`` attaches X to the clause it modifies."""
    hits = _hits(doc, rules)
    for prep_cue in rules.prepositions:
        n = len(prep_cue.words)
        for tok in hits.words[prep_cue.words[0]]:
            if tok.lower_ != prep_cue.words[0]:
                continue
            words = tuple(t.lower_ for t in doc[tok.i : tok.i + n])
            if words != prep_cue.words:
                continue
            last = doc[tok.i + n - 1]
            objs = [c for c in last.children if c.dep_ == "pobj"] or [
                c for c in tok.children if c.dep_ == "pobj"
            ]
            # "according to driving instructors": the parser took the first word for a gerund
            # and who spoke for its object
            objs = objs or [
                o
                for c in last.children
                if c.dep_ == "pcomp" and c.tag_ == "VBG"
                for o in c.children
                if o.dep_ == "dobj" and o.pos_ in ("NOUN", "PROPN")
            ]
            # "according to a residents' committee set up to fight the project": the
            # participle describing who spoke read as the past tense of a clause
            objs = objs or [
                o
                for c in last.children
                if c.dep_ == "pcomp" and c.tag_ == "VBD"
                for o in c.children
                if o.dep_ == "nsubj" and o.pos_ in ("NOUN", "PROPN") and o.i == c.i - 1
            ]
            if not objs:
                continue
            source = objs[0]
            if prep_cue.fronted and not _fronted(tok, source):
                continue
            head = tok.head if tok.head is not tok else None
            cue_span = (tok.idx, last.idx + len(last.text))
            if head is None:
                continue
            head = _clause_of(head, tok)
            relative: set[int] = set()
            if tok.head.i != head.i and _participle(tok.head) and tok.head.i > tok.i:
                relative = {x.i for x in tok.head.subtree}  # ", dated 2 April,": the source's
            subject = next((c for c in head.children if c.dep_ in SUBJECTS), None)
            before_relative = according_before_relative(head)
            if (
                head.dep_ == "conj"
                and tok.i < head.i
                and subject is not None
                and subject.left_edge.i == source.right_edge.i + 1
            ) or (before_relative is not None and before_relative.i == source.i):
                # "..., according to data the ministry submitted to a lawmaker", "..., according
                # to state geologists, who warned ...": a relative clause on the source read as
                # a second clause, "according to" hung on it; it speaks for the clause before
                relative = {x.i for x in head.subtree}
                head = head.head
            sent = tok.sent
            # "..., according to Xinhua, citing local officials": the cited are the origin
            cites = [c for c in head.children if c.dep_ == "advcl" and c.lemma_ in _CITE_LEMMAS]
            skip = {x.i for x in tok.subtree} | {x.i for c in cites for x in c.subtree} | relative
            toks = [t for t in head.subtree if t.i not in skip]
            toks = [t for t in toks if sent.start <= t.i < sent.end]
            toks = contiguous(toks, head) if head in toks else toks
            span = char_span(_strip_leading(doc, sorted(toks, key=lambda t: t.i)))
            if not span:
                continue
            s, e = trim(doc_text(doc), *span)
            cand = _make(
                doc, "indirect", (s, e), tok, cue_span, source, "according-to", 0.8, prep_cue.stance
            )
            gerund = source.head
            if source.dep_ == "dobj" and gerund.dep_ == "pcomp" and cand.speaker_span:
                cand.speaker_span = (gerund.idx, cand.speaker_span[1])  # "driving instructors"
            origins = chain_sources(source) + [
                o for c in cites for o in c.children if c.dep_ == "advcl" and o.dep_ == "dobj"
            ]
            cand.via = [
                (_text(doc, mention_tokens(o)), span_of(mention_tokens(o)), _hop_role(o))
                for o in origins
            ]
            yield cand


#: how a noun phrase set off after a clause hangs on it ("escaped ..., five times the number
#: reported, according to X": "times" is an adverbial noun phrase of "escaped")
_SET_OFF = frozenset({"npadvmod", "appos"})


def _participle(verb: Token) -> bool:
    """Whether ``verb`` is a participle, though tagged a past tense where it has an agent
    ("the indictment, read out by the prosecutor's office,")."""
    return verb.tag_ in ("VBN", "VBG") or any(c.dep_ == "agent" for c in verb.children)


def _clause_of(head: Token, cue: Token) -> Token:
    """What ``..., according to X`` speaks for when the parser hangs it on a noun phrase set
    off by a comma after the clause ("More than 50,000 salmon escaped ..., five times the
    number reported, according to X"): the clause, not the noun phrase alone."""
    if (
        _participle(head)
        and head.dep_ in ("advcl", "acl")
        and cue.i < head.i < head.head.i
        and cue.doc[head.i - 1].text == ","
    ):
        # "According to the letter, dated 2 April, samples ... exceeded ...": a participle
        # describing the source, set off by commas, that the parser made the phrase's head
        return head.head
    if cue.i == 0 or cue.doc[cue.i - 1].text != ",":
        return head
    # "X received the money in October, according to a letter ..., a copy of which was seen
    # by the Express": the relative clause after the source says where the source was seen,
    # the parser made it a second clause and hung the cue on it
    if (
        head.dep_ == "conj"
        and head.head.i < cue.i < head.i
        and any(t.lower_ in ("which", "whom") for t in head.subtree if t.i < head.i)
    ):
        return head.head
    while (
        head.dep_ in _SET_OFF
        and head.pos_ in ("NOUN", "PROPN", "NUM")
        and head.head.i < head.i < cue.i
    ):
        head = head.head
    # "... fined since March for violations ranging from trash cans to a mailbox painted the
    # wrong shade, according to fine notices": set off at the end, it speaks for the whole
    # of a coordination it closes (the parser made "painted" a second clause of "fined")
    while head.dep_ == "conj" and head.head.i < head.i < cue.i and _closes_sentence(cue):
        head = head.head
    return head


def closing_according(verb: Token) -> list[Token]:
    """The "according" of each "according to X" set off at the end of ``verb``'s sentence
    that speaks for a clause ``verb`` reports: "A spokesman said the government would cover
    the cost, according to RTN" (RTN passed on what the spokesman said)."""
    found: list[Token] = []
    set_off = _set_off_according(verb.doc)
    if not set_off:  # most documents: no need to find the verb's sentence
        return found
    sent = verb.sent
    tokens = doc_tokens(verb.doc)
    for i in set_off:
        if not sent.start <= i < sent.end:
            continue
        tok = tokens[i]
        if not _closes_sentence(tok):
            continue
        clause = _clause_of(tok.head, tok)
        if clause.dep_ == "ccomp" and clause.head.i == verb.i:
            found.append(tok)
    return found


def _set_off_according(doc: Doc) -> list[int]:
    """Where the document's "according" of a prepositional phrase after a comma are, found
    once a document: :func:`closing_according` is asked of every cue verb."""
    found: list[int] | None = doc.user_data.get("provenance_set_off_according")
    if found is None:
        tokens = doc_tokens(doc)
        found = doc.user_data["provenance_set_off_according"] = [
            t.i
            for t in tokens
            if t.lower_ == "according" and t.dep_ == "prep" and t.i and tokens[t.i - 1].text == ","
        ]
    return found


def _closes_sentence(cue: Token) -> bool:
    """Whether the phrase ``cue`` opens runs to the end of its sentence (its final
    punctuation, a closing quotation mark or spaces aside)."""
    last = max(t.i for t in cue.subtree)
    return all(t.is_punct or t.is_space for t in cue.doc[last + 1 : cue.sent.end])


def _hop_role(named: Token) -> str:
    """How a name inside a source phrase stands to the statement: "a memo seen by AFP" (the
    outlet that saw it passes it on) is a relay; "figures from the ministry" an origin."""
    by = named.head
    if by.dep_ == "agent" and by.head.lemma_ in _SEEN_BY:
        return "relay"
    return "origin"


#: participles by which an outlet has a document it passes on: "seen by", "obtained by"
_SEEN_BY = frozenset({"see", "obtain", "review", "examine", "analyse", "analyze", "receive"})
