"""How fast is the store: ingest rate, who-said / trace latency, the report, replacing an
article and claim regrouping on a large database.

Extracts the seed articles once (``seeds/*.txt`` and ``../shared/seeds/afp-selydove.txt``
when present, timed: that is ``extract`` alone), then builds a database of at least
``--attributions`` attributions from synthetic news made of them (:func:`story`): each story
is a seed whose names (people, places, peoples, organisations; not those
``rules/sources.toml`` lists), days, months, years, figures and 70% of its nouns are replaced
by others drawn from large pools of made-up words (so sources, blocking keys and full-text
terms vary as in real copy), published in one to four copies by different outlets, dated
over time (40 stories a day), with its attributions and sentences carried over to the new
offsets. Each copy goes through ``Store.ingest`` with its parse (one transaction each, as
``provenance ingest``, which keeps the parse in ``document_parses``); then each story's claims
are grouped (on ``--jobs`` processes) and stored as a refresh stores them, with each copy's
reading (``document_readings``, as ``ingest`` keeps it; a database built before readings were
kept has none, and its articles joined by the regrouping are read from their parses). Measured
and printed:

  ingest    documents/s of ``Store.ingest`` over the build, its first and last 10% of
            documents and each tenth (does it slow down as it grows?)
  who-said  latency of ``Store.who_said`` for queries taken from stored statements (two or
            three words in a row, a single word, a figure, a name: none a little word on its
            own), and apart, single very common words (the worst case)
  trace     latency of ``Store.trace`` by id, and by words
  report    ``Store.claims`` as ``provenance report`` calls it (the last day, the last week,
            denied claims), ``Store.claim_counts`` (the CLI's note), the JSON and the table
            (as ``--output`` writes it); then ``provenance report --since`` the last day as a
            real process, in JSON and as the table
  regroup   on a copy: 1,000 new documents (one in ten a further copy of a recent story, the
            rest new stories) through the ingest path (``Store.ingest``, each article then
            read for grouping from its parse and the reading kept, and
            :class:`provenance.ingest.ClaimRefresher` every 200, as ``ingest_paths`` does;
            their parses given, as a parse at ingest gives them): the time of the claim
            refreshes, the stored articles they join brought with the reading kept when they
            were stored (one without is read from its kept parse, or parsed again with spaCy
            when it has none, as in a real run), and where that time goes; ``Store.ingest``
            and the reading at ingest timed apart, beside it; ``--regroup-runs N``
            measures it N times, each on a fresh copy, and gives the median (one run's
            figure moves by a fifth on a shared machine)
  replace   on the (last) copy, 20 stored articles ingested again with a changed text

Not a test: figures for the README. The database goes to a temporary folder unless ``--db``;
a database built by an earlier run with the same ``--attributions`` and ``--seed`` is reused
(``--rebuild`` builds it again), and the regrouping runs on a copy of it, so the same
database serves any number of runs. ``--ingest-only`` measures ingest alone on a new
database (no claims, no questions), for a larger build.

    .venv/bin/python bench/bench_store.py                    # >= 100,000 attributions
    .venv/bin/python bench/bench_store.py --attributions 1000000 --db /tmp/store-1m.db
    .venv/bin/python bench/bench_store.py --quick            # a smoke run, about a minute
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import multiprocessing
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from provenance.api import extract_parsed
from provenance.claims import blocking_keys, group_claims
from provenance.claims_report import to_json
from provenance.ingest import ClaimRefresher
from provenance.masthead import read_masthead
from provenance.models import (
    Attribution,
    Claim,
    Document,
    Hop,
    Sentence,
    Span,
    StoredDocument,
    Word,
)
from provenance.readings import pack_reading, read_document, reading_version
from provenance.report import claims_text
from provenance.rules import Rules, load_rules, normalise_name
from provenance.store import Store, attribution_id, content_hash
from provenance.terms import STOP

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "afp-selydove.txt"
BUILD_VERSION = 3  # bump when the generator changes, so an old cached database is rebuilt
FIRST_DAY = dt.date(2024, 1, 1)
STORIES_PER_DAY = 40
OUTLETS = (
    "AFP",
    "Reuters",
    "AP",
    "BBC",
    "Bloomberg",
    "The Guardian",
    "Le Monde",
    "Der Spiegel",
    "Al Jazeera",
    "Kyiv Independent",
    "El Pais",
    "NHK",
)
COPIES = ((1, 0.5), (2, 0.25), (3, 0.15), (4, 0.1))  # how many outlets run a story
NAME_ENTITIES = frozenset({"PERSON", "GPE", "LOC", "FAC", "NORP", "ORG"})
NOUN_SHARE = 0.7  # of a story's noun lemmas, replaced by made-up words
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# --- the machine --------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """Where the figures come from."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        ram = 0.0
    return {
        "platform": platform.platform(),
        "cpu": model,
        "cpus": os.cpu_count(),
        "ram_gib": round(ram, 1),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "load_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
    }


# --- seeds ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Seed:
    """A seed article as extracted once: its document, its sentences (the parse), the spans
    whose nouns stay as written (speakers, cues, hops: a source's name is kept whole) and
    those whose names do too (the speakers of a source ``rules/sources.toml`` lists)."""

    doc: Document
    sentences: tuple[Sentence, ...]
    kept: tuple[tuple[int, int], ...]
    listed: tuple[tuple[int, int], ...]  # speakers of sources rules/sources.toml lists


def seed_paths() -> list[Path]:
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    return [*paths, SHARED_SEED] if SHARED_SEED.is_file() else paths


def extract_seeds(rounds: int, rules: Rules) -> tuple[list[Seed], float]:
    """Each seed extracted (once for the corpus), and extract's documents/s over
    ``rounds`` passes after a warm-up."""
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in seed_paths()]
    seeds = []
    for name, text in texts:
        doc, sentences = extract_parsed(text, name, rules=rules)
        listed = _kept_spans(
            [a for a in doc.attributions if normalise_name(a.source or "") in rules.source_index]
        )
        seeds.append(Seed(doc, tuple(sentences), _kept_spans(doc.attributions), listed))
    started = time.perf_counter()
    for _ in range(rounds):
        for name, text in texts:
            extract_parsed(text, name, rules=rules)
    rate = rounds * len(texts) / (time.perf_counter() - started) if rounds else 0.0
    return seeds, rate


def _kept_spans(attributions: Sequence[Attribution]) -> tuple[tuple[int, int], ...]:
    spans = [s for a in attributions for s in (a.speaker, a.coref, a.cue) if s is not None]
    spans += [h.span for a in attributions for h in a.chain if h.span is not None]
    return tuple(sorted((s.start, s.end) for s in spans))


# --- synthetic news ------------------------------------------------------------------------


class Pools:
    """Made-up first names, surnames, places, peoples, organisations and nouns, the same for
    a given seed."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"pools:{seed}")
        self.first = _made_up(rng, 800, (2, 3), "")
        self.last = _made_up(rng, 20_000, (2, 3, 4), "", ("enko", "ova", "son", "ic", "er", ""))
        self.places = _made_up(rng, 8_000, (2, 3), "", ("ovo", "sk", "burg", "ia", "an", ""))
        self.peoples = _made_up(rng, 2_000, (2, 3), "", ("ian", "ese", "ish", "i"))
        self.groups = _made_up(rng, 6_000, (2, 3), "", ("co", "tel", "corp", "net", ""))
        self.nouns = _made_up(rng, 40_000, (2, 3), "x")

    def name(self, w: Word, last: bool, rng: random.Random) -> str:
        """A made-up name of the same kind as ``w`` (``last``: a person's last name)."""
        if w.text.isupper() and len(w.text) <= 5:  # an acronym: BIS, NATO
            return "".join(rng.choice("BCDFGHKLMNPRSTVZ") for _ in w.text)
        if w.entity == "PERSON":
            return rng.choice(self.last if last else self.first)
        pools = {"NORP": self.peoples, "ORG": self.groups}
        return rng.choice(pools.get(w.entity, self.places))


_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"


def _made_up(
    rng: random.Random, count: int, syllables: tuple[int, ...], mark: str, ends: Sequence[str] = ()
) -> list[str]:
    """``count`` distinct pronounceable words; nouns carry ``mark`` so that none is an
    English word (or a stop word) by chance."""
    seen: set[str] = set()
    while len(seen) < count:
        word = "".join(
            rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(rng.choice(syllables))
        )
        word = mark + word + (rng.choice(ends) if ends else rng.choice(("", "", "l", "n", "r")))
        seen.add(word if mark else word.capitalize())
    words = sorted(seen)
    rng.shuffle(words)
    return words


@dataclass(frozen=True, slots=True)
class Story:
    """One synthetic story: text, attributions and sentences at the new offsets, and how many
    outlets run it."""

    number: int
    seed: str
    text: str
    attributions: tuple[Attribution, ...]
    sentences: tuple[Sentence, ...]
    copies: int
    published: str


@dataclass(frozen=True, slots=True)
class Article:
    """One copy of a story, as ingest would read it."""

    doc: Document
    outlet: str
    story: Story
    further: bool = False  # a further copy of a story already stored


def story(seeds: Sequence[Seed], pools: Pools, number: int, base: int, rules: Rules) -> Story:
    """Story ``number``: always the same for the same seeds, pools and ``base``."""
    seed = seeds[number % len(seeds)]
    rng = random.Random(f"story:{base}:{number}")
    edits = _edits(seed, pools, rng, rules)
    text, shift = _apply(seed.doc.text, edits)
    by_start = {start: new for start, _, new in edits}
    names = {
        seed.doc.text[start:end]: new
        for start, end, new in edits
        if seed.doc.text[start : start + 1].isupper()
    }
    attributions = tuple(_moved(a, text, shift, names, rules) for a in seed.doc.attributions)
    sentences = tuple(_moved_sentence(s, text, shift, by_start) for s in seed.sentences)
    copies = rng.choices([c for c, _ in COPIES], [w for _, w in COPIES])[0]
    published = (FIRST_DAY + dt.timedelta(days=number // STORIES_PER_DAY)).isoformat()
    return Story(number, seed.doc.doc_id, text, attributions, sentences, copies, published)


def articles(s: Story, copies: Iterator[int] | Sequence[int]) -> list[Article]:
    """The copies of story ``s`` (numbered from 0): each with a date line and a line of its
    own (so a text, and a document id, of its own) and its own outlet."""
    out = []
    for n in copies:
        doc_id = f"{s.seed}-{s.number:06d}-{n}"
        outlet = OUTLETS[(s.number * 7 + n) % len(OUTLETS)]
        text = f"{s.text}\nPublished: {s.published}\nCopy {s.number}.{n} ({outlet})."
        out.append(
            Article(Document(doc_id, text, f"/bench/{doc_id}.txt", s.attributions), outlet, s)
        )
    return out


def _edits(
    seed: Seed, pools: Pools, rng: random.Random, rules: Rules
) -> list[tuple[int, int, str]]:
    """(start, end, new text) for every word the story changes, in text order: names (but
    those ``rules/sources.toml`` lists), days and months, years, figures, and a share of the
    nouns outside speakers, cues and hops; the same word is changed the same way throughout."""
    text = seed.doc.text
    names: dict[str, str] = {}
    lemmas: dict[str, str | None] = {}
    edits = []
    for sentence in seed.sentences:
        last_of_entity = {e for _, e, label in sentence.entities if label == "PERSON"}
        listed = [
            (s, e)
            for s, e, _ in sentence.entities
            if normalise_name(text[s:e]) in rules.source_index
        ]
        for w in sentence.words:
            new = None
            if _inside(w, listed) or _inside(w, seed.listed):
                continue
            if w.text in DAYS or w.text in MONTHS:
                new = names.setdefault(w.text, rng.choice(DAYS if w.text in DAYS else MONTHS))
            elif _renamed(w, rules):
                new = names.setdefault(w.text, pools.name(w, w.end in last_of_entity, rng))
            elif w.number and _year(w.text):
                new = names.setdefault(w.text, str(rng.randint(1995, 2025)))
            elif w.number and any(c.isdigit() for c in w.text):
                new = _other_figure(w.text, rng)
            elif w.pos == "NOUN" and w.text.isalpha() and len(w.text) > 3:
                if _inside(w, seed.kept):
                    continue
                lemma = w.lemma.lower()
                if lemma not in lemmas:
                    lemmas[lemma] = rng.choice(pools.nouns) if rng.random() < NOUN_SHARE else None
                made = lemmas[lemma]
                if made is not None:
                    plural = w.text.lower() != lemma and w.text.endswith("s")
                    new = made + ("s" if plural else "")
                    new = new.capitalize() if w.text[0].isupper() else new
            if new is not None and new != text[w.start : w.end]:
                edits.append((w.start, w.end, new))
    return sorted(edits)


def _renamed(w: Word, rules: Rules) -> bool:
    """A name (person, place, people, organisation), unless ``rules/sources.toml`` lists it
    (Moscow, Kyiv, AFP)."""
    return (
        w.entity in NAME_ENTITIES
        and w.text[:1].isupper()
        and w.text.replace("-", "").isalpha()
        and normalise_name(w.text) not in rules.source_index
    )


def _year(text: str) -> bool:
    return text.isdigit() and len(text) == 4 and 1800 <= int(text) <= 2100


def _other_figure(text: str, rng: random.Random) -> str:
    """Another figure written the same way ("160,000" -> "742,318")."""
    digits = [rng.choice("0123456789") if c.isdigit() else c for c in text]
    first = next(i for i, c in enumerate(text) if c.isdigit())
    if len(text) > 1:
        digits[first] = rng.choice("123456789")
    return "".join(digits)


def _inside(w: Word, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= w.start and w.end <= e for s, e in spans)


class _Shift:
    """Old offset -> new offset, once the edits are applied."""

    def __init__(self, edits: Sequence[tuple[int, int, str]]) -> None:
        self.ends = [e for _, e, _ in edits]
        self.deltas = list(itertools.accumulate(len(new) - (e - s) for s, e, new in edits))

    def __call__(self, offset: int) -> int:
        i = bisect.bisect_right(self.ends, offset)
        return offset + (self.deltas[i - 1] if i else 0)


def _apply(text: str, edits: Sequence[tuple[int, int, str]]) -> tuple[str, _Shift]:
    parts, at = [], 0
    for start, end, new in edits:
        parts += [text[at:start], new]
        at = end
    parts.append(text[at:])
    return "".join(parts), _Shift(edits)


_NAME = re.compile(r"[^\W\d_][\w'-]*")


def _moved(
    a: Attribution, text: str, shift: _Shift, names: dict[str, str], rules: Rules
) -> Attribution:
    """``a`` at the story's offsets, its names changed as the story changed them (a source
    ``rules/sources.toml`` lists keeps its name)."""

    def span(s: Span | None) -> Span | None:
        if s is None:
            return None
        start, end = shift(s.start), shift(s.end)
        return Span(start, end, text[start:end])

    def renamed(value: str | None) -> str | None:
        if value is None or normalise_name(value) in rules.source_index:
            return value
        return _NAME.sub(lambda m: names.get(m.group(), m.group()), value)

    content = span(a.content)
    assert content is not None
    return replace(
        a,
        content=content,
        speaker=span(a.speaker),
        cue=span(a.cue),
        coref=span(a.coref),
        fragments=tuple(f for f in map(span, a.fragments) if f is not None),
        source=renamed(a.source),
        via=tuple(str(renamed(v)) for v in a.via),
        chain=tuple(Hop(str(renamed(h.name)), h.role, span(h.span)) for h in a.chain),
        addressee=renamed(a.addressee),
    )


def _moved_sentence(s: Sentence, text: str, shift: _Shift, new: dict[int, str]) -> Sentence:
    words = []
    for w in s.words:
        made = new.get(w.start)
        lemma = w.lemma
        if made is not None:
            lemma = made.lower() if w.pos == "NOUN" else made
        words.append(
            Word(
                shift(w.start),
                shift(w.end),
                made if made is not None else w.text,
                lemma,
                w.pos,
                w.tag,
                w.dep,
                shift(w.head),
                w.entity,
                w.number,
            )
        )
    start, end = shift(s.start), shift(s.end)
    entities = tuple((shift(a), shift(b), label) for a, b, label in s.entities)
    return Sentence(start, end, text[start:end], tuple(words), entities)


# --- building the database -----------------------------------------------------------------


def build(
    path: Path,
    seeds: Sequence[Seed],
    wanted: int,
    base: int,
    rules: Rules,
    jobs: int,
    *,
    claims: bool = True,
) -> dict[str, Any]:
    """Store stories until ``wanted`` attributions are held, each copy with ``Store.ingest``
    (timed, nothing else running); then (``claims``) every story's claims, grouped on
    ``jobs`` processes and stored as a refresh stores them (one transaction a story)."""
    pools = Pools(base)
    times: list[float] = []
    cpu_times: list[float] = []
    total = stories = 0
    started = time.perf_counter()
    with Store(path, rules=rules) as store:
        while total < wanted:
            s = story(seeds, pools, stories, base, rules)
            for article in articles(s, range(s.copies)):
                masthead = read_masthead(article.doc.text, rules, article.outlet)
                t0, c0 = time.perf_counter(), time.process_time()
                result = store.ingest(article.doc, masthead, article.story.sentences)
                times.append(time.perf_counter() - t0)
                cpu_times.append(time.process_time() - c0)
                assert result.status == "new", result
                total += result.attributions
            stories += 1
            if stories % 2000 == 0:
                _progress(f"ingested {len(times):,} documents, {total:,} attributions")
        ingested = time.perf_counter()
        if claims:
            _progress(f"grouping the claims of {stories:,} stories on {jobs} processes")
            _store_all_claims(store, seeds, pools, stories, base, rules, jobs)
        counts = store.counts()
        claim_counts = store.claim_counts()
    return {
        "stories": stories,
        "attributions": total,
        "ingest": _rates(times, total) | _cpu_rates(cpu_times),
        "ingest_seconds": round(ingested - started, 1),
        "claims_seconds": round(time.perf_counter() - ingested, 1),
        "rows": counts,
        "claims": claim_counts,
    }


def _store_all_claims(
    store: Store,
    seeds: Sequence[Seed],
    pools: Pools,
    stories: int,
    base: int,
    rules: Rules,
    jobs: int,
) -> None:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_worker_start, initargs=(list(seeds), base)
    ) as pool:
        done = pool.map(_worker_claims, range(stories), chunksize=16)
        version = reading_version(rules)
        for number, (claims, keys, readings) in enumerate(done):
            s = story(seeds, pools, number, base, rules)
            documents = [_stored_document(a.doc) for a in articles(s, range(s.copies))]
            assert store.replace_claims(documents, claims, keys, None, readings, version) >= 0
            if (number + 1) % 2000 == 0:
                _progress(f"claims of {number + 1:,} stories stored")


_WORKER: dict[str, Any] = {}


def _worker_start(seeds: list[Seed], base: int) -> None:
    _WORKER.update(seeds=seeds, base=base, rules=load_rules(), pools=Pools(base))


def _worker_claims(
    number: int,
) -> tuple[list[Claim], dict[tuple[str, int], frozenset[str]], dict[str, tuple[str, bytes]]]:
    """Story ``number``'s claims, grouped over its copies as a refresh of them alone groups
    them, each statement's blocking keys, and each copy's reading, packed (as ``ingest``
    keeps it)."""
    seeds, base, rules, pools = (_WORKER[k] for k in ("seeds", "base", "rules", "pools"))
    s = story(seeds, pools, number, base, rules)
    stored = [_stored_document(a.doc) for a in articles(s, range(s.copies))]
    sentences = list(s.sentences)
    readings = {d.id: read_document(0, d.document, sentences, rules) for d in stored}
    documents = [d.document for d in stored]
    by_text = {d.document.text: readings[d.id] for d in stored}
    claims = group_claims(documents, rules, read=lambda i, doc: by_text[doc.text].at(i))
    keys = {
        (d.document.doc_id, statement.index): blocking_keys(statement)
        for d in stored
        for statement in readings[d.id].statements
    }
    packed = {d.id: (d.document.doc_id, pack_reading(readings[d.id])) for d in stored}
    return claims, keys, packed


def _stored_document(doc: Document) -> StoredDocument:
    """``doc`` as ``Store.stored_documents`` reads it back: its attributions as stored (one
    per span and cue) with their ids."""
    document_id = content_hash(doc.text)[:16]
    kept: dict[str, Attribution] = {}
    for a in doc.attributions:
        kept.setdefault(attribution_id(document_id, a), a)
    return StoredDocument(document_id, replace(doc, attributions=tuple(kept.values())), tuple(kept))


def _rates(times: Sequence[float], attributions: int) -> dict[str, Any]:
    tenth = max(1, len(times) // 10)

    def rate(part: Sequence[float]) -> float:
        return len(part) / sum(part) if part else 0.0

    first, last = rate(times[:tenth]), rate(times[-tenth:])
    return {
        "documents": len(times),
        "seconds": round(sum(times), 2),
        "docs_per_s": round(rate(times), 1),
        "attributions_per_s": round(attributions / sum(times)),
        "first_10pct_docs_per_s": round(first, 1),
        "last_10pct_docs_per_s": round(last, 1),
        "last_over_first": round(last / first, 3),
        "deciles_docs_per_s": [round(rate(times[n * tenth : (n + 1) * tenth])) for n in range(10)],
        # the medians are less moved by other programs on a shared machine
        "first_10pct_median_ms": round(statistics.median(times[:tenth]) * 1000, 2),
        "last_10pct_median_ms": round(statistics.median(times[-tenth:]) * 1000, 2),
    }


def _cpu_rates(cpu_times: Sequence[float]) -> dict[str, Any]:
    """The first and last 10% of an ingest as documents per second of the process's CPU time:
    what the store's work costs as it grows, whatever else the machine runs (wall time on a
    shared machine moves with the load by more than the drift it measures)."""
    tenth = max(1, len(cpu_times) // 10)
    first, last = cpu_times[:tenth], cpu_times[-tenth:]
    if not sum(first) or not sum(last):
        return {}
    first_rate, last_rate = len(first) / sum(first), len(last) / sum(last)
    return {
        "cpu_first_10pct_docs_per_s": round(first_rate, 1),
        "cpu_last_10pct_docs_per_s": round(last_rate, 1),
        "cpu_last_over_first": round(last_rate / first_rate, 3),
    }


def _progress(message: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the questions -------------------------------------------------------------------------


def latency(run: Callable[[str], object], inputs: Sequence[str]) -> dict[str, float]:
    times = []
    for value in inputs:
        started = time.perf_counter()
        run(value)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 2),
        "max_ms": round(times[-1], 2),
    }


def _traced(store: Store, attribution: str) -> None:
    found = store.trace(attribution).attribution.id
    assert found == attribution, (found, attribution)


_STRIP = ".,\"“”«»:;()?!'"
COMMON = ("the", "said", "would", "people", "government")  # the worst case, measured apart


def queries(store: Store, rng: random.Random, count: int) -> list[str]:
    """What people look up with who-said, taken from stored statements: two or three words
    in a row that start and end with a word that is not a little one ("fully liberated",
    "mining hub of Selydove"), a single such word, a figure, a name, in turn."""
    rows = store.db.execute(
        "SELECT content_text FROM attributions "
        "WHERE rowid IN (SELECT abs(random()) % (SELECT max(rowid) FROM attributions) + 1 "
        "FROM attributions LIMIT ?)",
        [count * 4],
    ).fetchall()
    out: list[str] = []
    kinds = itertools.cycle(("phrase", "word", "phrase", "figure", "phrase", "name"))
    for (text,), kind in zip(rows, kinds, strict=False):
        words = [w.strip(_STRIP) for w in text.split()]
        words = [w for w in words if w]
        found = _query(words, kind, rng)
        if found:
            out.append(found)
        if len(out) == count:
            break
    return out


def _query(words: list[str], kind: str, rng: random.Random) -> str | None:
    def telling(w: str) -> bool:
        return len(w) > 2 and w.lower() not in STOP and any(c.isalpha() for c in w)

    if kind == "phrase":
        n = rng.choice((2, 3))
        starts = [
            i for i in range(len(words) - n + 1) if telling(words[i]) and telling(words[i + n - 1])
        ]
        return " ".join(words[i : i + n]) if (i := rng.choice(starts or [-1])) >= 0 else None
    if kind == "word":
        found = [w for w in words if telling(w)]
        return rng.choice(found) if found else None
    if kind == "figure":
        return next((w for w in words if any(c.isdigit() for c in w)), None)
    return next((w for w in words[1:] if w[:1].isupper() and telling(w)), None)


def measure_questions(store: Store, rng: random.Random, count: int) -> dict[str, Any]:
    asked = queries(store, rng, count)
    ids = [
        str(r[0])
        for r in store.db.execute(
            "SELECT id FROM attributions WHERE rowid IN (SELECT abs(random()) % "
            "(SELECT max(rowid) FROM attributions) + 1 FROM attributions LIMIT ?)",
            [count],
        )
    ]
    store.who_said(asked[0])  # warm the cache as a running service would be
    return {
        "queries": len(asked),
        "examples": asked[:8],
        "who_said": latency(lambda q: store.who_said(q, limit=20), asked),
        "trace_by_id": latency(lambda i: _traced(store, i), ids),
        "trace_by_words": latency(store.trace, asked),
        "common": {
            word: {
                "matches": store.db.execute(
                    "SELECT count(*) FROM attributions_fts WHERE attributions_fts MATCH ?",
                    [f'"{word}"'],
                ).fetchone()[0],
                "who_said_ms": latency(lambda q: store.who_said(q, limit=20), [word])["max_ms"],
            }
            for word in COMMON
        },
    }


# --- the report ----------------------------------------------------------------------------


TABLE_AT_MOST = 10_000  # claims: a longer table is not rendered (about 1 ms a claim)


def measure_report(path: Path, rules: Rules, last_day: str) -> dict[str, Any]:
    """``Store.claims`` and the two renderings the CLI does (JSON, and the table as
    ``--output`` writes it) for the reports a desk asks for: the last day's, the last week's,
    the denied ones. Then ``provenance report`` as a real process, for the last day, in
    JSON and as the table."""
    week = (dt.date.fromisoformat(last_day) - dt.timedelta(days=6)).isoformat()
    cases = (
        ("last day", (), last_day),
        ("last week", (), week),
        ("denied, last week", ("denied",), week),
        ("denied", ("denied",), None),
    )
    out: dict[str, Any] = {"last_day": last_day, "week": week, "cases": {}}
    with Store(path, rules=rules, create=False) as store:
        for label, flags, since in cases:
            out["cases"][label] = _report_once(store, list(flags), since)
    out["process"] = {}
    for fmt in ("json", "table"):
        command = [sys.executable, "-m", "provenance.cli", "report", "--db", str(path)]
        command += ["--since", last_day, "--format", fmt, "--output", str(path) + ".report"]
        t0 = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - t0
        Path(str(path) + ".report").unlink(missing_ok=True)
        if done.returncode != 0:
            raise SystemExit(f"provenance report failed: {done.stderr}")
        out["process"][fmt] = round(wall, 2)
    return out


def _report_once(store: Store, flags: list[str], since: str | None) -> dict[str, Any]:
    t0 = time.perf_counter()
    found = store.claims(flags, since)
    tc = time.perf_counter()
    store.claim_counts()  # the CLI's note on articles whose claims are not current
    t1 = time.perf_counter()
    text = json.dumps(to_json(found), ensure_ascii=False, indent=2)
    t2 = time.perf_counter()
    figures = {
        "claims": len(found),
        "query_s": round(tc - t0, 3),
        "counts_s": round(t1 - tc, 3),
        "json_s": round(t2 - t1, 3),
        "json_mib": round(len(text.encode()) / 2**20, 1),
        "table_s": None,
    }
    if len(found) <= TABLE_AT_MOST:
        claims_text(found, f"{len(found)} claims")  # as `report --output` writes it
        figures["table_s"] = round(time.perf_counter() - t2, 3)
    return figures


# --- regrouping claims after new documents ------------------------------------------------


class _TimedRefresher(ClaimRefresher):
    """:class:`ClaimRefresher` with each refresh timed, and the CPU time it took (on a
    machine shared with other work, the part the load does not stretch as much)."""

    def __init__(self) -> None:
        super().__init__()
        self.seconds: list[float] = []
        self.cpu_seconds: list[float] = []

    def refresh(self, store: Store, model: str | None) -> None:
        started, cpu = time.perf_counter(), time.process_time()
        super().refresh(store, model)
        self.seconds.append(time.perf_counter() - started)
        self.cpu_seconds.append(time.process_time() - cpu)


def regroup_articles(
    seeds: Sequence[Seed], built: dict[str, Any], count: int, base: int, rules: Rules
) -> list[Article]:
    """``count`` new documents: one in ten a further copy of a story of the last 10% stored,
    the rest new stories, in an order that mixes them."""
    pools = Pools(base)
    rng = random.Random(f"regroup:{base}")
    stories = int(built["stories"])
    out: list[Article] = []
    new = stories
    extra: dict[int, int] = {}
    while len(out) < count:
        if rng.random() < 0.1 and stories:
            old = story(
                seeds, pools, rng.randrange(stories - max(1, stories // 10), stories), base, rules
            )
            n = old.copies + extra.get(old.number, 0)
            extra[old.number] = extra.get(old.number, 0) + 1
            out += [replace(a, further=True) for a in articles(old, [n])]
        else:
            s = story(seeds, pools, new, base, rules)
            new += 1
            out += articles(s, range(s.copies))[: count - len(out)]
    return out[:count]


def measure_updates(path: Path, count: int, rng: random.Random, rules: Rules) -> dict[str, Any]:
    """Re-ingest ``count`` stored articles with a line added at the same path (a corrected
    file): each replaces the stored one (its rows, its claims, the sources only it named)."""
    with Store(path, rules=rules) as store:
        ids = [
            str(r[0])
            for r in store.db.execute(
                "SELECT id FROM documents ORDER BY random() LIMIT ?",
                [count],
            )
        ]
        times = []
        for stored in store.stored_documents(ids):
            doc = stored.document
            changed = replace(doc, text=f"{doc.text}\nCorrected {rng.random():.6f}.")
            t0 = time.perf_counter()
            result = store.ingest(changed, read_masthead(changed.text, rules))
            times.append((time.perf_counter() - t0) * 1000)
            assert result.status == "updated", result
    times.sort()
    return {
        "documents": len(times),
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(times[-1], 1),
    }


class _Stopwatch:
    """Seconds spent in some functions during a run: each is replaced by a timing wrapper
    until :meth:`restore` (inclusive times: a parse inside grouping counts in both)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._undo: list[tuple[object, str, Any]] = []

    def watch(self, owner: object, name: str, label: str) -> None:
        original = getattr(owner, name)
        self.seconds[label] = 0.0

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - started

        setattr(owner, name, timed)
        self._undo.append((owner, name, original))

    def restore(self) -> None:
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)
        self._undo.clear()


def measure_regroup(
    path: Path, batch: Sequence[Article], rules: Rules, model: str | None
) -> dict[str, Any]:
    """Ingest ``batch`` as ``ingest_paths`` does once parsed (the parse is the generator's)
    and time the claim refreshes it makes, and where their time goes; the stored documents
    they join bring their kept parse (or are parsed again with spaCy when they have none), as
    in a real run."""
    import provenance.nlp
    import provenance.refresh

    refresher = _TimedRefresher()
    ingest_s = read_s = 0.0
    watch = _Stopwatch()
    with Store(path, rules=rules) as store:
        before = store.claim_counts()
        watch.watch(provenance.nlp, "sentences", "parse again (spaCy)")
        watch.watch(provenance.refresh, "group_claims", "group_claims")
        watch.watch(provenance.refresh, "read_document", "read articles (at ingest too)")
        for method in (
            "pending_claim_documents",
            "stored_documents",
            "stored_parses",
            "documents_sharing_any",
            "claim_closure",
            "replace_claims",
        ):
            watch.watch(store, method, f"Store.{method}")
        try:
            for article in batch:
                t0 = time.perf_counter()
                masthead = read_masthead(article.doc.text, rules, article.outlet)
                result = store.ingest(article.doc, masthead, article.story.sentences)
                t1 = time.perf_counter()
                assert result.status == "new", result
                refresher.stored(store, result, article.doc.text, list(article.story.sentences))
                ingest_s += t1 - t0
                read_s += time.perf_counter() - t1
                refresher.refresh_when_full(store, model)
            refresher.refresh(store, model)
        finally:
            watch.restore()
        after = store.claim_counts()
    refreshes = refresher.refreshes
    return {
        "documents": len(batch),
        "further_copies": sum(1 for a in batch if a.further),
        "ingest_s": round(ingest_s, 2),
        "read_at_ingest_s": round(read_s, 2),
        "refreshes": len(refreshes),
        "refresh_s": [round(s, 2) for s in refresher.seconds],
        "total_s": round(sum(refresher.seconds), 2),
        "cpu_s": round(sum(refresher.cpu_seconds), 2),
        "where_s": {k: round(v, 2) for k, v in watch.seconds.items()},
        "grouped": sum(r.documents for r in refreshes),
        "parsed_again": sum(r.parsed for r in refreshes),
        "claims_stored": sum(r.claims for r in refreshes),
        "deferred": any(r.deferred for r in refreshes),
        "claims_before": before["claims"],
        "claims_after": after["claims"],
        "pending_after": after["pending"],
    }


# --- the run -------------------------------------------------------------------------------


def _marker(path: Path) -> Path:
    return path.with_name(path.name + ".bench.json")


def _cached(path: Path, wanted: int, base: int) -> dict[str, Any] | None:
    marker = _marker(path)
    if not (path.is_file() and marker.is_file()):
        return None
    built = json.loads(marker.read_text(encoding="utf-8"))
    same = (built.get("version"), built.get("wanted"), built.get("seed")) == (
        BUILD_VERSION,
        wanted,
        base,
    )
    return built if same else None


def _remove(path: Path) -> None:
    for p in (path, *path.parent.glob(path.name + "-*"), _marker(path)):
        p.unlink(missing_ok=True)


def _size_mib(path: Path) -> float:
    return sum(f.stat().st_size for f in path.parent.glob(path.name + "*") if f.is_file()) / 2**20


def _copy(path: Path, to: Path) -> None:
    """A copy of the database at ``to`` (the WAL folded in first)."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _remove(to)
    shutil.copyfile(path, to)


def run(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    rules = load_rules()
    rng = random.Random(args.seed)
    _progress("extracting the seeds")
    seeds, extract_rate = extract_seeds(args.extract_rounds, rules)
    path: Path = args.db or folder / "bench.db"
    if args.ingest_only:
        if args.db is not None and path.exists():
            raise SystemExit(f"{path} exists: --ingest-only builds a new database")
        _progress(f"ingesting into {path} (>= {args.attributions:,} attributions, no claims)")
        built = build(path, seeds, args.attributions, args.seed, rules, 1, claims=False)
        built.update(reused=False, built_at=dt.datetime.now().isoformat(timespec="seconds"))
        return {
            "machine": machine(),
            "seeds": len(seeds),
            "extract_docs_per_s": round(extract_rate, 1),
            "build": built,
            "db_mib": round(_size_mib(path), 1),
        }
    built = None if args.rebuild else _cached(path, args.attributions, args.seed)
    if built is None:
        if path.exists() and args.db is not None and not _marker(path).is_file():
            raise SystemExit(f"{path} exists and was not built by this script: give another --db")
        _remove(path)
        _progress(f"building {path} (>= {args.attributions:,} attributions)")
        built = build(path, seeds, args.attributions, args.seed, rules, args.jobs)
        built.update(version=BUILD_VERSION, wanted=args.attributions, seed=args.seed)
        built["machine"] = machine()
        built["built_at"] = dt.datetime.now().isoformat(timespec="seconds")
        _marker(path).write_text(json.dumps(built, indent=2), encoding="utf-8")
        built["reused"] = False
    else:
        built["reused"] = True
    figures: dict[str, Any] = {
        "machine": machine(),
        "seeds": len(seeds),
        "extract_docs_per_s": round(extract_rate, 1),
        "build": built,
        "db_mib": round(_size_mib(path), 1),
    }
    # the last full day of news (a part of the next one may follow it)
    full_days = max(1, built["stories"] // STORIES_PER_DAY)
    last_day = (FIRST_DAY + dt.timedelta(days=full_days - 1)).isoformat()
    _progress("who-said and trace")
    with Store(path, rules=rules, create=False) as store:
        figures["questions"] = measure_questions(store, rng, args.queries)
    _progress("report")
    figures["report"] = measure_report(path, rules, last_day)
    if args.regroup_docs:
        batch = regroup_articles(seeds, built, args.regroup_docs, args.seed, rules)
        scratch = path.with_name(path.name + ".regroup.db")
        runs: list[dict[str, Any]] = []
        for run_number in range(1, args.regroup_runs + 1):
            _progress(
                f"regrouping after {args.regroup_docs:,} new documents (on a fresh copy, "
                f"run {run_number} of {args.regroup_runs})"
            )
            _copy(path, scratch)
            try:
                runs.append(measure_regroup(scratch, batch, rules, args.model))
                if run_number == args.regroup_runs:
                    figures["updates"] = measure_updates(scratch, 20, rng, rules)
            finally:
                _remove(scratch)
        figures["regroup"] = {
            **runs[0],
            "runs_s": [r["total_s"] for r in runs],
            "runs_cpu_s": [r["cpu_s"] for r in runs],
            "median_s": round(statistics.median(r["total_s"] for r in runs), 2),
        }
    return figures


def show(f: dict[str, Any]) -> None:
    m, b = f["machine"], f["build"]
    print(
        f"machine: {m['cpu']}, {m['cpus']} cores, {m['ram_gib']} GiB RAM; {m['platform']}; "
        f"Python {m['python']}, SQLite {m['sqlite']}; load {m['load_1min']} at the end"
    )
    print(
        f"extract alone (parse + attributions), {f['seeds']} seeds: "
        f"{f['extract_docs_per_s']} docs/s"
    )
    i = b["ingest"]
    how = "reused, built" if b["reused"] else "built"
    print(
        f"database ({how} {b['built_at']}): {b['stories']:,} stories, {i['documents']:,} "
        f"documents, {b['attributions']:,} attributions, {f['db_mib']:,.0f} MiB; "
        f"build: ingest {b['ingest_seconds']:,} s, claims {b['claims_seconds']:,} s"
    )
    print(
        "  rows: "
        + ", ".join(f"{k} {v:,}" for k, v in b["rows"].items())
        + "; claims "
        + ", ".join(f"{k} {v:,}" for k, v in b["claims"].items())
    )
    print(
        f"ingest {i['documents']:,} documents in {i['seconds']} s: {i['docs_per_s']} docs/s "
        f"({i['attributions_per_s']:,} attributions/s); first 10% {i['first_10pct_docs_per_s']} "
        f"docs/s, last 10% {i['last_10pct_docs_per_s']} docs/s (last/first "
        f"{i['last_over_first']}; medians {i['first_10pct_median_ms']} / "
        f"{i['last_10pct_median_ms']} ms per document)"
    )
    if "deciles_docs_per_s" in i:
        print("  docs/s by tenth of the build: " + " ".join(map(str, i["deciles_docs_per_s"])))
    if "cpu_last_over_first" in i:
        print(
            f"  by CPU time: first 10% {i['cpu_first_10pct_docs_per_s']} docs/s, last 10% "
            f"{i['cpu_last_10pct_docs_per_s']} docs/s (last/first {i['cpu_last_over_first']})"
        )
    if "questions" not in f:
        return
    q = f["questions"]
    for label, key in (
        (f"who-said ({q['queries']} queries)", "who_said"),
        (f"trace by id ({q['queries']})", "trace_by_id"),
        (f"trace by words ({q['queries']})", "trace_by_words"),
    ):
        lat = q[key]
        print(
            f"{label}: median {lat['median_ms']} ms, p95 {lat['p95_ms']} ms, max {lat['max_ms']} ms"
        )
    print("  queries such as: " + "; ".join(repr(x) for x in q["examples"]))
    print(
        "  a single very common word (worst case): "
        + "; ".join(
            f"{w!r} {c['who_said_ms']} ms ({c['matches']:,} matches)"
            for w, c in q["common"].items()
        )
    )
    r = f["report"]
    for label, c in r["cases"].items():
        table = f"table {c['table_s']} s" if c["table_s"] is not None else "table not rendered"
        print(
            f"report, {label}: {c['claims']:,} claims; Store.claims {c['query_s']} s "
            f"(+ Store.claim_counts {c['counts_s']} s), JSON {c['json_s']} s "
            f"({c['json_mib']} MiB), {table}"
        )
    p = r["process"]
    print(
        f"  `provenance report --since {r['last_day']}` as a process: --format json "
        f"{p['json']} s, table (--output) {p['table']} s"
    )
    if "updates" in f:
        u = f["updates"]
        print(
            f"replacing a stored article (same path, a changed text), {u['documents']} of them: "
            f"median {u['median_ms']} ms, max {u['max_ms']} ms"
        )
    if "regroup" in f:
        g = f["regroup"]
        print(
            f"regroup after {g['documents']:,} new documents ({g['further_copies']} further "
            f"copies of stored stories): {g['refreshes']} refreshes, {g['total_s']} s in all "
            f"({', '.join(str(s) for s in g['refresh_s'])}; CPU {g['cpu_s']} s); "
            f"{g['grouped']:,} articles grouped, "
            f"{g['parsed_again']} parsed again; ingest itself {g['ingest_s']} s, reading the "
            f"new articles for grouping at ingest {g['read_at_ingest_s']} s"
        )
        print(
            "  where the refreshes spent it: "
            + ", ".join(f"{k} {v} s" for k, v in g["where_s"].items())
        )
        if len(g.get("runs_s", ())) > 1:
            print(
                f"  {len(g['runs_s'])} runs, each on a fresh copy: "
                f"{', '.join(str(s) for s in g['runs_s'])} s (CPU "
                f"{', '.join(str(s) for s in g['runs_cpu_s'])} s); median {g['median_s']} s "
                "(the bar: < 10 s)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--attributions", type=int, help="build at least this many (default 100,000)"
    )
    parser.add_argument(
        "--db", type=Path, help="database path, kept and reused (default: a temporary file)"
    )
    parser.add_argument("--rebuild", action="store_true", help="build the --db again")
    parser.add_argument("--queries", type=int, help="who-said and trace queries (default 200)")
    parser.add_argument(
        "--regroup-docs", type=int, help="new documents for the regrouping (default 1,000; 0: none)"
    )
    parser.add_argument(
        "--regroup-runs",
        type=int,
        default=1,
        help="times the regrouping is measured, each on a fresh copy of the store (default 1; "
        "on a shared machine one run's figure moves by a fifth: take the median of several)",
    )
    parser.add_argument(
        "--extract-rounds", type=int, help="passes over the seeds timing extract (default 3)"
    )
    parser.add_argument("--model", help="spaCy model for re-parsing stored articles")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="processes grouping the claims"
    )
    parser.add_argument(
        "--ingest-only",
        action="store_true",
        help="only ingest (no claims, no questions): the ingest rate over a larger build",
    )
    parser.add_argument("--quick", action="store_true", help="a smoke run: 5,000 attributions")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.regroup_runs < 1:
        parser.error("--regroup-runs must be at least 1")
    quick = {"attributions": 5000, "queries": 40, "regroup_docs": 100, "extract_rounds": 1}
    full = {"attributions": 100_000, "queries": 200, "regroup_docs": 1000, "extract_rounds": 3}
    for name, value in (quick if args.quick else full).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    with tempfile.TemporaryDirectory() as tmp:
        figures = run(args, Path(tmp))
    if args.json:
        json.dump(figures, sys.stdout, indent=2)
        print()
    else:
        show(figures)


if __name__ == "__main__":
    main()
