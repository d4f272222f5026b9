"""Who speaks: the subject of a cue (and what the small parser gets wrong about it), speaker
phrases, and the sources named inside them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from provenance.quotes import QUOTE_CHARS

if TYPE_CHECKING:  # spaCy types for the checker only: this package never imports spaCy
    from spacy.tokens import Doc, Token
else:
    Doc = Token = Any

from provenance.extract.spans import (
    _DASHES,
    _SOURCE_PREPS,
    COMPLEMENTS,
    SUBJECTS,
    contiguous,
    doc_tokens,
    joined_by_and,
    subtree_without,
)

_CLOSING_MARKS = frozenset({'"', "'", "\u201d", "\u2019"})


def _inverted_after_quote(verb: Token) -> Token | None:
    """'"They cut the chains, not the baskets," fumed Little Ashby in Bloom chairwoman
    Pauline Oakes, 71.': after a quotation closed by a comma, a cue the parser does not know
    for a speech verb takes the speaker for its object (or worse). The speaker is the person
    named last right after the cue, else the cue's object."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text not in _CLOSING_MARKS:
        return None
    if doc[verb.i - 2].text not in (",", "!", "?", "\u2014"):
        return None
    after = []
    for tok in doc[verb.i + 1 : verb.sent.end]:
        if tok.is_punct or tok.pos_ in ("VERB", "AUX"):
            break
        after.append(tok)
    person = [t for t in after if t.ent_type_ == "PERSON"]
    if person:  # the last name: a title or a place comes before it
        return person[-1]
    return next((c for c in verb.children if c.dep_ == "dobj" and c in after), None)


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of ``verb``, following coordination ("X said ... and warned")."""
    # a passive subject is what the cue is about ("the heat was blamed"), never the speaker;
    # of two subjects (one misparsed inside a quote), the nearer is the speaker
    nearest = _nearest_subject(verb)
    if nearest is not None:
        return _real_subject(nearest)
    # '"...," said the minister'; "Galloway is reported to have told staff that ..."; "Invoices
    # shared with the paper by two workers show ..."
    for misplaced in (_inverted_after_quote, _raised_subject, _misread_relative_subject):
        found = misplaced(verb)
        if found is not None:
            return found
    for child in verb.children:
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    if verb.lemma_.lower() == "tell" and _passive(verb):
        # "she had asked ... and been told that every dog had been accounted for": the one
        # told, not the one telling
        return None
    if verb.pos_ == "NOUN":  # a cue the tagger took for a noun
        return noun_subject(verb)
    # the subject the parser hung elsewhere: shared with a verb before, a name before a
    # relative clause, before an aside ("Achebe, asked whether ..., said"), or set off as an
    # apposition of the statement's last noun ("... her grandson Kyle, her daughter, Anne
    # Pyke, said")
    for hung in (
        _coordinated_before,
        _name_before_relative,
        _subject_before_aside,
        _subject_before_relative_aside,
        _subject_of_participle_before,
        _apposition_before,
        _subject_of_verbless_sentence,
        _with_participle,
    ):
        found = hung(verb)
        if found is not None:
            return found
    # a participle's subject is its clause's ("The museum refused to hand back a stool ...,
    # saying ..."), not the noun before its comma
    participle = verb.dep_ == "advcl" and verb.tag_ == "VBG"
    fallback = None if participle and _nearest_subject(verb.head) else _adjacent_noun(verb)
    if fallback is not None and verb.dep_ in ("ROOT", "ccomp", "advcl", "parataxis"):
        return fallback
    # "the engineer had been arrested and charged with ...": a participle joined to a passive
    # is passive too; whoever reports it did not do it
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and _passive(verb.head):
        return None
    # "X said ... and warned", "X told AFP ..., adding that": the subject of the first cue
    if verb.dep_ == "conj" or participle:
        node = verb.head
        if verb.dep_ == "conj" and _quote_closed_between(node, verb):
            # 'said the drone hit the market "while people were buying food" and put the
            # toll at 41': a verb after the closing mark is not the quoted clause's
            while node.dep_ in ("advcl", "conj") and node.i != node.head.i:
                node = node.head
        while node is not node.head:
            if participle and _noun_content(node):
                # "belied reports that the screen showed his game, saying ...": the parser hung
                # the participle in what the reports say; it is who belied them that says it
                node = node.head.head
                continue
            if participle and _reduced_relative(node):
                # "have vowed to pull down a wall erected by a developer, saying ...": hung on
                # the participle that describes the wall; it is who vowed that says it
                node = node.head.head
                continue
            subj = _nearest_subject(node)
            if subj is not None and node.pos_ in ("VERB", "AUX") and node.dep_ not in COMPLEMENTS:
                return _real_subject(subj)
            if node.dep_ in COMPLEMENTS:
                node = node.head
                continue
            if node.dep_ not in ("conj", "advcl"):
                break
            node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return _nearest_subject(node)
    return None


def _quote_closed_between(head: Token, verb: Token) -> bool:
    """Whether a quotation opened before ``head`` (in its sentence) closes between it and
    ``verb``."""
    doc = head.doc
    opened = any(t.tag_ == "``" for t in doc[head.sent.start : head.i])
    return opened and any(t.tag_ == "''" for t in doc[head.i + 1 : verb.i])


def _with_participle(verb: Token) -> Token | None:
    """The one a participle cue is said of after "with": "..., with officials saying ...",
    or one of a number set off by commas ("Several players have called on the board to
    publish its findings, with one, Danish rifler Mads Krogh, writing on X that ..."): the
    object of "with" just before it (its name where it has one); or None. Not "raised it with
    him, saying ...", which the sentence's subject says."""
    doc = verb.doc
    if verb.tag_ != "VBG" or verb.i < 2:
        return None
    comma = doc[verb.i - 1].text == ","
    node = doc[verb.i - 2] if comma else doc[verb.i - 1]
    while node.dep_ != "pobj" or node.head.lower_ != "with":
        if node.i == node.head.i or node.head.i > verb.i or node.pos_ in ("VERB", "AUX"):
            return None
        node = node.head
    objects = [c for c in node.head.children if c.dep_ == "pobj" and c.i < verb.i]
    if comma and not (objects and objects[0].lower_ in _SOME_OF_THEM):
        return None
    if not comma and node.pos_ not in ("NOUN", "PROPN"):
        return None
    names = [c for c in objects if c.pos_ == "PROPN"]
    return (names or objects)[-1]


#: "with one, Danish rifler Mads Krogh, writing": one of a number named after a comma
_SOME_OF_THEM = frozenset({"one", "two", "three", "some", "several", "another", "many"})


def _subject_before_aside(verb: Token) -> Token | None:
    """The speaker before an aside set off by commas that the parser took for the clause a
    subjectless cue reports ("Smith, asked about the case, said ...": it read "Smith asked
    about the case" as what was said, and took "Achebe" for an adverb)."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    for aside in verb.children:
        if (
            aside.i > verb.i
            or aside.dep_ not in ("ccomp", "advcl", "parataxis")
            or aside.tag_ not in ("VBN", "VBD", "VBG")
            or aside.right_edge.i != verb.i - 2
            or doc[aside.i - 1].text != ","
        ):
            continue
        before = [c for c in aside.children if c.i < aside.i - 1 and c.dep_ not in ("punct", "cc")]
        if len(before) != 1 or before[0].right_edge.i not in (aside.i - 2, aside.i - 1):
            return None
        (subject,) = before
        named = subject.pos_ in ("PROPN", "NOUN") or (subject.is_title and subject.i > 0)
        if subject.dep_ in ("nsubj", "advmod", "npadvmod") and named:
            return subject
    return None


def _subject_before_relative_aside(verb: Token) -> Token | None:
    """'An internal audit ..., a copy of which has been seen by the Telegraph, found that
    ...': the parser made the aside the sentence's verb, with the speaker and "a copy of
    which" both its subjects, and hung the cue after it with no subject. The first subject,
    ending at the comma that opens the aside."""
    doc = verb.doc
    head = verb.head
    if verb.dep_ not in ("dep", "conj") or head.i > verb.i or doc[verb.i - 1].text != ",":
        return None
    subjects = [c for c in head.children if c.dep_ in SUBJECTS and c.i < head.i]
    if len(subjects) < 2:
        return None
    first, aside = subjects[0], subjects[1]
    opens = first.right_edge.i + 1
    if doc[opens].text != "," or not any(t.tag_ in ("WDT", "WP") for t in aside.subtree):
        return None
    return first if first.pos_ in ("NOUN", "PROPN") else None


def _subject_of_participle_before(verb: Token) -> Token | None:
    """'a man identifying himself as the gang's leader, known as "Ti Sonson," claimed that
    ...': the parser made the speaker the subject of the participle describing him and left
    the cue with none. That subject, a noun opening the participle's phrase."""
    for c in verb.children:
        if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i < verb.i:
            subject = next((g for g in c.children if g.dep_ == "nsubj" and g.i < c.i), None)
            if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
                return subject
    return None


def _subject_of_verbless_sentence(verb: Token) -> Token | None:
    """'Two former debt collectors who worked for an agency that handled its accounts until
    last year say collectors were given ...': the parser found no verb to head the sentence,
    made its subject the root and hung the cue inside the subject's relative clause. The
    root, for a cue in the present or past tense with a clause of its own after it."""
    root = verb.sent.root
    if root.pos_ not in ("NOUN", "PROPN") or root.i > verb.i or verb.tag_ not in _FINITE:
        return None
    if not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
        return None
    if not any(a.dep_ == "relcl" for a in verb.ancestors):
        return None
    return root


_FINITE = frozenset({"VBP", "VBZ", "VBD"})


def _apposition_before(verb: Token) -> Token | None:
    """The speaker of a closing cue that the parser joined to the statement as a second verb
    and whose subject it hung on the statement's last noun as an apposition ("X got a call
    from a man who sounded like her grandson Kyle, her daughter, Anne Pyke, said"): the
    description set off by commas just before the cue."""
    doc = verb.doc
    if verb.dep_ != "conj" or verb.head.i > verb.i or verb.i < 3 or doc[verb.i - 1].text != ",":
        return None
    if joined_by_and(verb):
        return None  # "... and said": the first verb's subject said it
    node = doc[verb.i - 2]
    while node.dep_ != "appos" and node.head.i > node.i and node.head.i < verb.i:
        node = node.head  # "Anne" to "Pyke"
    while node.dep_ == "appos" and node.head.dep_ == "appos":
        node = node.head  # "Anne Pyke" to "her daughter"
    if (
        node.dep_ != "appos"
        or node.pos_ not in ("NOUN", "PROPN")
        or node.right_edge.i not in (verb.i - 2, verb.i - 1)
        or doc[node.left_edge.i - 1].text != ","
    ):
        return None
    return node


def _reduced_relative(clause: Token) -> bool:
    """Whether ``clause`` is a participle with no subject describing the object of a verb ("a
    wall erected across the playground")."""
    return (
        clause.dep_ == "acl"
        and clause.tag_ in ("VBN", "VBG")
        and clause.head.pos_ in ("NOUN", "PROPN")
        and clause.head.dep_ in ("dobj", "pobj")
        and clause.head.head.pos_ in ("VERB", "AUX", "ADP")
        and not any(c.dep_ in SUBJECTS for c in clause.children)
    )


def _noun_content(clause: Token) -> bool:
    """Whether ``clause`` is what a noun says ("reports that the screen showed ...", "claims
    that he had lied") in the object of a verb."""
    return (
        clause.dep_ == "acl"
        and clause.head.pos_ == "NOUN"
        and clause.head.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj")
        and clause.head.head.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    )


def noun_subject(verb: Token) -> Token | None:
    """The subject of a cue the tagger took for a noun, where the parser did not make it one:
    a noun hung on it before it as an unknown dependent ("Minutes ..., record that"), or the
    noun it stands beside as an apposition ("warranty terms, ..., state that")."""
    for child in verb.children:
        if child.dep_ == "dep" and child.i < verb.i and child.pos_ in ("NOUN", "PROPN"):
            return child
    head = verb.head
    if verb.dep_ == "appos" and head.i < verb.i and head.pos_ in ("NOUN", "PROPN"):
        return head
    return None


def _name_before_relative(verb: Token) -> Token | None:
    """The name that opens the sentence of a subjectless cue, set off by a relative clause
    ("Redvale Homes, which has planning permission for 64 houses, said ...", where the parser
    took "has planning" for a verb of its own and the name for its subject)."""
    sent = verb.sent
    i = sent.start + (1 if sent[0].lower_ == "the" else 0)
    start = i
    while i < verb.i and verb.doc[i].pos_ == "PROPN":
        i += 1
    if i == start or i + 1 >= verb.i:
        return None
    comma, relative = verb.doc[i], verb.doc[i + 1]
    if comma.text != "," or relative.lower_ not in ("which", "who"):
        return None
    return verb.doc[i - 1]


def _coordinated_before(verb: Token) -> Token | None:
    """The subject a subjectless cue shares with a verb before it that the parser made its
    complement ("Evangelou accused aid groups of ... and, in an interview with Kanal 9, said
    ..." parsed with "accused" as what was said): the earlier verb ends on "and"."""
    for child in verb.children:
        if child.i > verb.i or child.dep_ not in ("ccomp", "advcl") or child.pos_ != "VERB":
            continue
        joined = any(c.dep_ == "cc" and c.i > child.i for c in child.children)
        subject = _nearest_subject(child)
        if joined and subject is not None and subject.i < child.i:
            return _real_subject(subject)
    return None


#: passive verbs that lend their subject to the verb after "to" ("X is said to have told")
_RAISING = frozenset({"say", "report", "believe", "understand", "think", "know", "allege"})


def _raised_subject(verb: Token) -> Token | None:
    """The subject of a cue after a passive of hearsay: "Galloway is reported to have told
    staff that ...", "The minister is said to have warned": the one said to have spoken."""
    head = verb.head
    if verb.dep_ != "xcomp":
        return None
    if head.lemma_.lower() in _SEEMING:
        # "Video footage of the final appears to show ...": the footage shows it
        return next((c for c in head.children if c.dep_ == "nsubj"), None)
    if head.lemma_.lower() not in _RAISING or head.tag_ != "VBN":
        return None
    return next((c for c in head.children if c.dep_ == "nsubjpass"), None)


#: verbs that lend their subject to the verb after "to" while hedging it ("appears to show")
_SEEMING = frozenset({"appear", "seem"})


#: words for a post that head a capitalised title ("Special Adviser", "Relations Officer")
POSTS = frozenset(
    {"adviser", "advisor", "officer", "commissioner", "minister", "secretary", "director"}
    | {"spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "chair"}
    | {"president", "governor", "mayor", "chief", "head", "manager", "superintendent"}
    | {"commander", "inspector", "coordinator", "counsel", "attorney", "principal", "leader"}
)


def _nearest_subject(verb: Token) -> Token | None:
    """Of the verb's subjects, the nearest: of two, one is misparsed ("Under
    cross-examination, Mr Wolan said": "examination" is no speaker; or one inside a quote)."""
    subjects = [
        c
        for c in verb.children
        if c.dep_ == "nsubj"
        and c.text not in QUOTE_CHARS  # „ is a noun
        # "Mrs Wade disputes that, saying ...": a conjunction the parser made the
        # participle's subject is nobody
        and c.pos_ != "SCONJ"
    ]
    # "The report ... says that Anton Varga shouted": a subject after "that" is the clause's
    that = next((t.i for t in verb.doc[verb.i + 1 : verb.i + 3] if t.lower_ == "that"), None)
    if that is not None and any(c.i < verb.i for c in subjects):
        subjects = [c for c in subjects if c.i < that]
    if len(subjects) > 1:
        # "The state government, in a statement by the Commissioner for Works, Mr Peter Alade,
        # said": the name set off after a post names its holder, not the one who speaks
        subjects = [c for c in subjects if not _names_a_post(c)] or subjects
    return min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None


def _names_a_post(name: Token) -> bool:
    """Whether a name set off by a comma follows a phrase ending on a post ("... by the
    Commissioner for Works and Housing, Mr Peter Alade")."""
    doc, start = name.doc, name.left_edge.i
    if name.pos_ != "PROPN" or start < 2 or doc[start - 1].text != ",":
        return False
    tok = doc[start - 2]
    while True:
        if tok.dep_ == "pobj" and tok.lower_ in POSTS and tok.head.lower_ == "by":
            return True
        if tok.head.i == tok.i or tok.head.i >= start:
            return False
        tok = tok.head


def _real_subject(subj: Token) -> Token:
    """Skip what the parser took for a subject but is not a speaker: a live blog's timestamp
    ("08:47 GMT -- The operator said" -> operator); a count ("two of the sources" -> sources)."""
    dash_after = subj.i + 1 < len(subj.doc) and subj.doc[subj.i + 1].text in _DASHES
    if subj.ent_type_ in ("TIME", "DATE") or dash_after:  # "08:47 GMT -- ", "RIVERTON -- "
        for child in subj.children:
            if child.dep_ == "appos" and child.i > subj.i:
                return child
    if subj.pos_ == "NUM" or subj.lower_ in {"one", "some", "many", "most", "several", "both"}:
        for child in subj.children:  # "One, a support engineer who asked not to be named,"
            if child.dep_ == "appos" and child.i > subj.i and child.pos_ in ("NOUN", "PROPN"):
                return child
        for prep in subj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objs = [o for o in prep.children if o.dep_ == "pobj"]
                if objs and objs[0].pos_ in ("NOUN", "PROPN"):
                    return objs[0]
    return subj


def _adjacent_noun(verb: Token) -> Token | None:
    """The noun right before a subjectless cue verb: the parser sometimes hangs the real
    subject elsewhere ("In a post on Telegram, the ministry's spokeswoman said ...")."""
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].dep_ in ("advmod", "aux", "neg"):
        i -= 1
    if i < verb.sent.start:
        return None
    prev = verb.doc[i]
    # "..., council records show.": the parser hung "records" on the verb as a compound
    on_verb = prev.dep_ == "compound" and prev.head.i == verb.i
    if (
        prev.pos_ in ("NOUN", "PROPN")
        and (prev.dep_ not in ("compound", "amod", "poss", "pobj") or on_verb)
        and prev.text not in QUOTE_CHARS
        # "a forecast issued that morning predicted": when, not who
        and prev.dep_ != "npadvmod"
    ):
        return prev
    if prev.text == "," and i - 1 >= verb.sent.start:
        # "..., the operator, Rete Elettrica Nazionale (REN), said": climb out of the apposition
        node = verb.doc[i - 1]
        while node.dep_ in ("appos", "compound", "nmod", "punct") and node.head.i < verb.i:
            node = node.head
        if node.pos_ in ("NOUN", "PROPN") and _after_comma(node):
            return node
        # "the association Aria Pulita, which has been collecting figures, said"
        for anc in verb.doc[i - 1].ancestors:
            if anc.i >= verb.i or anc.sent.start != verb.sent.start:
                break
            if anc.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ in ("relcl", "appos") and c.right_edge.i == i - 1 for c in anc.children
            ):
                return anc
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _misread_relative_subject(verb: Token) -> Token | None:
    """The subject of a verb the parser left hanging ("dep") on a participle it took for the
    main verb: in "Invoices shared with the paper by two workers show payments of ...",
    "shared ... workers" describes the invoices, which are what "show" says it of; the
    participle's noun subject is the verb's."""
    head = verb.head
    if verb.dep_ != "dep" or verb.tag_ not in ("VBP", "VBZ") or head.i > verb.i:
        return None
    if head.tag_ not in ("VBD", "VBN") or any(c.dep_ in ("dobj", "ccomp") for c in head.children):
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and subject.pos_ == "NOUN" else None


def mention_tokens(head: Token, *, coordinated: bool = True) -> list[Token]:
    """The tokens of the noun phrase headed by ``head``, without relative clauses or asides
    (and without coordinated names unless ``coordinated``: "Neither Russia nor North Korea")."""
    # asked of the same heads again and again while resolving: found once a document (as the
    # token indices, so that the document's user_data stays plain data)
    doc = head.doc
    memo: dict[int, tuple[int, ...]] = doc.user_data.setdefault("provenance_mentions", {})
    key = 2 * head.i + coordinated
    found = memo.get(key)
    if found is None:
        found = memo[key] = tuple(t.i for t in _mention_tokens(head, coordinated))
    tokens = doc_tokens(doc)
    return [tokens[i] for i in found]


def _stray_article(head: Token) -> bool:
    """Whether a plural noun has "a" (or "an") and a singular noun compounded before it: "a
    move dealers", the end of one phrase and the start of another."""
    return (
        head.tag_ == "NNS"
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
        and any(c.dep_ == "compound" and c.tag_ == "NN" for c in head.children)
    )


def _mention_tokens(head: Token, coordinated: bool) -> list[Token]:
    if head.pos_ == "PRON":
        return [head]
    cut = [
        c
        for c in head.children
        if c.dep_ in ("relcl", "acl", "advcl")
        or (not coordinated and c.dep_ in ("conj", "cc"))
        # "But SpaceTrack Weekly, a US trade website, reported": the sentence's "But", hung
        # on a name the parser took for the root
        or (c.dep_ == "cc" and c.i < head.i)
        or (c.dep_ == "appos" and c.i > head.i and _preceded_by_comma(c) and not _names(head, c))
        or (c.dep_ == "prep" and c.i > head.i and _is_chain_prep(head, c))
        or (c.dep_ == "conj" and head.dep_ == "pobj" and head.head.lower_ == "citing")
        or (c.dep_ == "prep" and c.i > head.i and _when(c))
        # "seen by Recharge, Steppe Power Partners said": a name before a comma the parser
        # took for a modifier of the next
        or (c.dep_ == "nmod" and c.i < head.i and _comma_after(c))
        # "The state government, in a statement on Sunday by ..., said": an aside the parser
        # hung on the comma that opens it
        or (c.dep_ == "punct" and c.i > head.i and any(g.dep_ == "prep" for g in c.children))
        # "..., a move dealers warned could push up prices": "a" cannot go with a plural; the
        # parser compounded the noun set off before the speaker into the speaker
        or (c.dep_ in ("det", "compound") and c.i < head.i and _stray_article(head))
    ]
    # "An official at the Centre, who spoke on condition of anonymity", "A valuation report
    # for the Plough, seen by Pub Trade Weekly,": an aside set off by a comma deeper in the
    # phrase goes too
    cut += [
        t
        for t in head.subtree
        if t.dep_ in ("relcl", "acl") and t.head.i != head.i and t.head.i > head.i and _set_off(t)
    ]
    toks = subtree_without(head, cut)
    toks = contiguous(toks, head)
    object_noun = _object_compounded(head)
    if object_noun is not None:
        toks = [t for t in toks if t.i > object_noun.i]
    while toks and (toks[-1].is_punct or toks[-1].is_space or toks[-1].tag_ == "POS"):
        if toks[-1].text == ")" and any(t.text == "(" for t in toks):
            break  # "Rete Elettrica Nazionale (REN)" keeps its closing bracket
        if _paired_mark(toks[-1], toks):
            break  # 'the dating show "Heat Cove"' keeps its closing mark
        toks = toks[:-1]
    while toks and (toks[0].is_punct or toks[0].is_space):
        if _paired_mark(toks[0], toks):
            break  # "'Heat Cove' star" keeps its opening mark
        toks = toks[1:]
    return toks or [head]


def _object_compounded(head: Token) -> Token | None:
    """'The council approved a plan officials say will cost $2m': the tagger compounded the
    object of "approved" with the subject of "say" ("a plan officials") and hung the cue on
    "approved" as its clause. The object's noun, which is no part of who speaks; or None.

    A plural subject of a plain-form verb ("say", "believe") that is the clause of a verb
    before it with no object of its own, compounded with one singular noun that comes right
    after that verb with a determiner ("a plan", "the new scheme"), the clause said lacking a
    subject of its own (the object is its subject). "The union members say they will strike"
    and "He said the union members say they will strike" keep their words."""
    verb = head.head
    if head.tag_ != "NNS" or head.dep_ != "nsubj" or verb.tag_ != "VBP" or verb.dep_ != "ccomp":
        return None
    governor = verb.head
    if governor.pos_ != "VERB" or governor.i > head.i or governor.i == verb.i:
        return None
    if any(
        c.dep_ in ("dobj", "ccomp", "nsubjpass") and c.i > governor.i
        for c in governor.children
        if c.i != verb.i
    ):
        return None
    # what was said lacks a subject: the object is its subject ("[a plan] will cost $2m"),
    # where "He said the union members say they will strike" has its own
    said = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
    if not said or any(c.dep_ in SUBJECTS for c in said[0].children):
        return None
    noun = head.doc[head.i - 1]
    if noun.dep_ != "compound" or noun.head.i != head.i or noun.tag_ != "NN":
        return None
    # right after the verb, a determiner and the noun's modifiers: "approved a new plan"
    before = head.doc[governor.i + 1 : noun.i]
    if not before or before[0].dep_ != "det":
        return None
    if any(t.head.i != head.i or t.dep_ not in ("det", "amod", "nummod") for t in before):
        return None
    return noun


def _paired_mark(mark: Token, toks: list[Token]) -> bool:
    """Whether ``mark`` is a quotation mark whose partner is among ``toks``."""
    return mark.text in QUOTE_CHARS and sum(t.text in QUOTE_CHARS for t in toks) % 2 == 0


def _when(prep: Token) -> bool:
    """A date the parser hangs on the speaker ("Carvenia's medicines regulator on Tuesday
    ordered"): when it spoke, not who."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(
        o.ent_type_ in ("DATE", "TIME") and (o.like_num or o.lower_ in _CALENDAR_WORDS)
        for o in objects
    )


_CALENDAR_WORDS = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "today",
        "yesterday",
        "tonight",
        "morning",
        "evening",
        "afternoon",
        "night",
        "week",
        "weekend",
        "month",
        "year",
    }
)


def _comma_after(tok: Token) -> bool:
    """Whether a comma ends the phrase ``tok`` heads, or follows it."""
    after = tok.right_edge.i + 1
    return tok.right_edge.text == "," or after < len(tok.doc) and tok.doc[after].text == ","


def _set_off(clause: Token) -> bool:
    """Whether a clause opens with a comma before it (", who spoke ...")."""
    first = clause.left_edge
    return first.i > 0 and first.doc[first.i - 1].text == ","


def _names(head: Token, appos: Token) -> bool:
    """'Its leader, Patricia Almeida,': an apposition that names a described speaker is part
    of the mention."""
    return head.pos_ == "NOUN" and appos.pos_ == "PROPN" and appos.ent_type_ in ("PERSON", "ORG")


def _preceded_by_comma(tok: Token) -> bool:
    prev = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
    return prev is not None and prev.text in {",", "--", "\u2014", "\u2013", "("}


def _is_chain_prep(head: Token, prep: Token) -> bool:
    """``of data from X`` / ``by X`` after an analysis-like head starts a chain, not the name."""
    if prep.lower_ in _SOURCE_PREPS:
        return True
    if prep.lower_ == "of":
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        return any(
            any(g.dep_ == "prep" and g.lower_ in _SOURCE_PREPS for g in o.children) for o in objs
        )
    return False


#: verbs by which an outlet relays a statement: "a statement read on state television"
_AIRED = frozenset({"read", "broadcast", "air", "televise", "publish", "carry"})


def chain_sources(head: Token) -> list[Token]:
    """Others named inside a source phrase: "an analysis of data from X", "a calculation based
    on data from X", "a memo obtained by X", "a statement carried by X" -> [X]."""
    found: list[Token] = []
    for child in head.children:
        if child.i < head.i:
            continue
        if child.dep_ == "acl":  # obtained by / carried by / based on / compiled from
            found.extend(chain_sources(child))
            continue
        if child.dep_ not in ("prep", "agent"):
            continue
        for obj in (c for c in child.children if c.dep_ == "pobj"):
            if child.lower_ in _SOURCE_PREPS:
                found.append(obj)
            elif child.lower_ == "on" and head.lemma_ in ("base", "draw", "rely"):
                # "based on health ministry figures"; "based on data from Alphaliner"
                found.extend(chain_sources(obj) or [obj])
            elif child.lower_ == "on" and head.lemma_ in _AIRED:
                if obj.ent_type_ not in ("DATE", "TIME"):  # "published on Wednesday": when
                    found.append(obj)  # "a statement read on state television"
            elif child.lower_ in ("of", "on"):
                found.extend(chain_sources(obj))
    return found


def _postposed_relcl(verb: Token, speaker: Token) -> bool:
    """A 'relative clause' that is really a closing cue: no relative pronoun, a plain subject
    after a comma, and nothing said after the verb ("..., the agency announced on Friday.")."""
    if any(c.tag_ in ("WDT", "WP", "WP$") for c in verb.children):
        return False
    tail = [c for c in verb.children if c.i > verb.i]
    return speaker.i < verb.i and all(
        c.dep_ in ("prep", "npadvmod", "advmod", "punct") for c in tail
    )


def subject_start(speaker: Token) -> int:
    """Where the subject a speaker heads begins ("two of the people": at "two")."""
    top = speaker
    while top.dep_ == "pobj" and top.head.dep_ == "prep" and top.head.head.dep_ in SUBJECTS:
        top = top.head.head
    return min(top.left_edge.i, top.i)


def _after_comma(speaker: Token) -> bool:
    """A postposed cue's subject follows a comma or dash: "..., the mayor said", "..., two
    of the people said" (the speaker "people" stands for the whole subject)."""
    first = subject_start(speaker)
    return first > 0 and speaker.doc[first - 1].text in {",", "--", "\u2014", "\u2013"}
