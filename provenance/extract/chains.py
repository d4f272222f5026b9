"""Channels, addressees and the chain of intermediaries around a cue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from provenance.rules import Rules

if TYPE_CHECKING:  # spaCy types for the checker only: this package never imports spaCy
    from spacy.tokens import Doc, Token
else:
    Doc = Token = Any

from provenance.extract.cues import _SEEN_BY, closing_according
from provenance.extract.spans import (
    _CHANNEL_PREPS,
    _CITE_LEMMAS,
    Candidate,
    _text,
    according_before_relative,
    char_span,
    span_of,
    trailing_citation,
)
from provenance.extract.speakers import (
    chain_sources,
    mention_tokens,
    subject_of,
)


def _add_chain_and_channel(doc: Doc, cand: Candidate, rules: Rules) -> None:
    cue = cand.cue
    if cue is None:
        return
    verb = cue
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj") and verb.lemma_ in {
            "tell",
            "inform",
            "brief",
            "assure",
        }:
            addr = _text(doc, mention_tokens(child))
            cand.addressee = addr
            if child.ent_type_ in ("ORG", "NORP", "GPE") or _channel_name(child, rules):
                cand.channel = addr  # as written: "Parliament", "AFP", "reporters"
        if child.dep_ == "prep" and child.lower_ in _CHANNEL_PREPS:
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                for relay in chain_sources(obj):  # "in a statement carried by KCNA"
                    toks = mention_tokens(relay)
                    if all(_text(doc, toks) != v[0] for v in cand.via):
                        cand.via.append((_text(doc, toks), span_of(toks), "relay"))
                name = _channel_name(obj, rules)
                if name and cand.channel is None:
                    toks = mention_tokens(obj)
                    stop = next((t.i for t in toks if t.text in {",", "--", "\u2014"}), None)
                    cand.channel = _text(doc, [t for t in toks if stop is None or t.i < stop])
    _add_outlet_that_saw(doc, cand)
    cited = [c for c in verb.children if c.dep_ == "advcl" and c.lemma_ in _CITE_LEMMAS]
    cited += [  # "reported, citing X, that ...", where "citing" hangs on the clause (one
        # the parser may have coordinated with the cue: "had reported, citing X, that ...")
        g
        for c in verb.children
        if c.dep_ in ("ccomp", "advcl") or (c.dep_ == "conj" and _that_clause(c))
        for g in c.children
        if g.dep_ == "advcl" and g.lemma_ in _CITE_LEMMAS and g.i < c.i
    ]
    cited += [  # "TNA reported that Delko would visit, citing an official in his office"
        # (or "... had refused to release him, quoting the club's secretary": hung deeper)
        g
        for c in verb.children
        if c.dep_ == "ccomp" and c.i > verb.i
        for g in c.subtree
        if g.dep_ == "advcl" and g.i > c.i and trailing_citation(g, rules)
    ]
    clause = verb.head if verb.dep_ in ("ccomp", "advcl", "dep") else None
    if verb.dep_ in ("acl", "relcl"):
        # "Local newspaper The River Courier reported ..., citing X, that ...": the cue read
        # as a modifier of the subject of the clause it reports
        subject = verb.head.head if verb.head.dep_ == "appos" else verb.head
        if subject.dep_ in ("nsubj", "nsubjpass"):
            clause = subject.head
            cited += [  # "..., citing a plant employee," hung on that subject too
                c
                for c in subject.children
                if c.dep_ == "acl" and c.lemma_ in _CITE_LEMMAS and c.i > verb.i
            ]
    if clause is not None and clause.i > verb.i:  # the clause the head
        cited += [
            c
            for c in clause.children
            if c.dep_ == "advcl" and c.lemma_ in _CITE_LEMMAS and verb.i < c.i < clause.i
        ]
    for cite in cited:
        for obj in (c for c in cite.children if c.dep_ == "dobj"):
            cand.via.append(
                (_text(doc, mention_tokens(obj)), span_of(mention_tokens(obj)), "origin")
            )
    # "both said the firm would cut 2,000 roles, attributing the figure to The Stackline"
    clauses = [verb, *(c for c in verb.children if c.dep_ in ("ccomp", "advcl"))]
    credits = [
        c for v in clauses for c in v.children if c.dep_ == "advcl" and c.lemma_ == "attribute"
    ]
    for credit in credits:
        for prep in (c for c in credit.children if c.dep_ == "prep" and c.lower_ == "to"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                toks = mention_tokens(obj)
                cand.via.append((_text(doc, toks), span_of(toks), "origin"))
    # a closing "according to" that speaks for the clause the cue reports is never a child
    # of the cue itself, so none is met twice
    before_relative = according_before_relative(verb) is not None
    for child in [*verb.children, *closing_according(verb)]:
        if before_relative and child.i < verb.i:
            continue  # "..., according to state geologists, who warned": not this cue's hop
        if child.dep_ == "prep" and child.lower_ == "according":
            objs = [
                o for t in child.subtree for o in [t] if o.dep_ == "pobj" and o.head.lower_ == "to"
            ]
            if objs:
                ch = _text(doc, [t for t in objs[0].subtree])
                cand.channel = ch
                cand.via.append((ch, char_span(objs[0].subtree), "relay"))
    # "An AFP source said": the outlet the anonymous source spoke to
    sp = cand.speaker
    if sp is not None and cand.channel is None and sp.pos_ in ("NOUN",):
        for mod in sp.children:
            if mod.dep_ in ("compound", "poss") and _outlet(mod, rules):
                cand.channel = mod.text
    # "X reported, citing a source, who said ...": the relay is the outlet
    if sp is not None and sp.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
        ante = verb.head
        if ante.dep_ == "dobj" and ante.head.lemma_ in _CITE_LEMMAS:
            reporter = ante.head.head
            outlet = subject_of(reporter)
            if outlet is not None:
                cand.relay = outlet
                cand.channel = cand.channel or _short_outlet(doc, outlet, rules)


def _channel_name(tok: Token, rules: Rules) -> str | None:
    lemmas = {t.lemma_.lower() for t in tok.subtree} | {tok.lower_}
    for ch in rules.channels:
        if tok.lemma_.lower() in ch.words or tok.lower_ in ch.words:
            return ch.name
    for ch in rules.channels:
        if ch.kind == "platform" and lemmas & set(ch.words):
            return ch.name
    return None


def _outlet(tok: Token, rules: Rules) -> bool:
    from provenance.rules import normalise_name

    entry = rules.source_index.get(normalise_name(tok.text))
    return entry is not None and entry.type in ("media", "state media")


def _short_outlet(doc: Doc, tok: Token, rules: Rules) -> str:
    for t in mention_tokens(tok):
        if _outlet(t, rules):
            return t.text
    return _text(doc, mention_tokens(tok))


def _add_outlet_that_saw(doc: Doc, cand: Candidate) -> None:
    """A document speaker's outlet: "A valuation report for the Plough, seen by Pub Trade
    Weekly, assumes ...", "Log books kept at the station, seen by the BBC, record ...": the
    outlet that saw it passed it on (a relay); it is no part of the document's name."""
    speaker = cand.speaker
    if speaker is None or speaker.pos_ not in ("NOUN", "PROPN"):
        return
    for seen in speaker.subtree:
        if seen.i < speaker.i or seen.dep_ not in ("acl", "relcl") or seen.tag_ != "VBN":
            continue
        if seen.lemma_.lower() not in _SEEN_BY:
            continue
        for agent in (c for c in seen.children if c.dep_ == "agent"):
            for outlet in (c for c in agent.children if c.dep_ == "pobj"):
                toks = mention_tokens(outlet)
                if cand.cue is not None:  # "seen by Lloyd's List, name X as Y": the cue and
                    toks = [t for t in toks if t.i < cand.cue.i]  # what follows are not its
                    while toks and toks[-1].is_punct:
                        toks.pop()
                if not toks:
                    continue
                name = _text(doc, toks)
                if all(name != v[0] for v in cand.via):
                    cand.via.append((name, span_of(toks), "relay"))


def _that_clause(clause: Token) -> bool:
    """Whether "that" opens ``clause`` (a verb or auxiliary): as its marker, or set off by a
    comma where the parser took it for the clause's subject (", that survey trenches had
    been dug")."""
    doc = clause.doc
    return clause.pos_ in ("VERB", "AUX") and any(
        g.lower_ == "that" and (g.dep_ == "mark" or (g.i < clause.i and doc[g.i - 1].text == ","))
        for g in clause.children
    )
