"""The records dateline reads, stores and returns.

Offsets are always character offsets into ``Article.text`` (``start``, ``end``).
Times are UTC: a ``datetime`` when the source gave a time of day, a ``date`` when it gave only the day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, TypeAlias

Timestamp: TypeAlias = datetime | date


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Article:
    text: str
    source: str  # where it was read from: "dir/a.txt", "bundle.zip!a.txt", "feed.jsonl:12"
    format: str  # the reader that parsed it: seed, json, html, csv, feed, warc
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None
    published: Timestamp | None = None
    updated: Timestamp | None = None
    date_line: date | None = None  # the seed format's "date YYYY-MM-DD" line
    language: str | None = None
    paragraphs: list[Span] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    id: str = ""  # stable hash of normalised text + url, set by dedup
    story_id: str | None = None  # shared by near-duplicate copies, set by the ingest (ingest/stories.py)


@dataclass(slots=True)
class Entity:
    """A person, organisation or place. Within an article, all its mentions (names, titles, pronouns) share it;
    across the corpus, one id per real-world name."""

    id: str
    kind: str  # PERSON, ORG, GPE, LOC, NORP, FAC, EVENT
    name: str  # canonical name: the fullest name the text gives ("Sergey V Lavrov")
    aliases: list[str] = field(default_factory=list)  # other surface forms ("Lavrov", "Mr. Lavrov")
    country: str | None = None  # ISO 3166 alpha-3 ("RUS") for places, nationalities, and people/orgs of a country
    roles: list[str] = field(default_factory=list)  # titles and roles the text gives ("Foreign Minister")
    gender: str | None = None  # "male" / "female" when the text shows it (pronouns, honorifics); PERSON only
    mentions: int = 0  # how often it is mentioned (in the article, or in the corpus when listed from the store)
    articles: int = 0  # in how many articles (filled when listed from the store)


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text that refers to an entity: a name, or a pronoun resolved to a named entity."""

    start: int
    end: int
    text: str
    kind: str  # the entity kind for a name; NOM for a description ("the Russian leader"); PRON for a pronoun
    entity_id: str | None = None
    role: str | None = None  # a title or role attached to this mention ("Foreign Minister")
    article_id: str = ""


@dataclass(frozen=True, slots=True)
class Cue:
    text: str
    start: int
    end: int
    kind: str = "speech"  # what the cue reports: speech, belief, evidence, intent, stance, evaluation, source


@dataclass(frozen=True, slots=True)
class Speaker:
    text: str  # the mention in the text, possibly a pronoun ("he")
    start: int
    end: int
    entity_id: str | None = None
    name: str | None = None  # the resolved entity's canonical name ("Vladimir Putin")


@dataclass(slots=True)
class Quote:
    id: str
    article_id: str
    text: str  # what was said (a quote interrupted by "he said": its parts joined by " … ", without the attribution)
    start: int
    end: int
    kind: str  # direct (all in quote marks), mixed (partly), indirect (reported speech)
    cue: Cue | None = None  # the verb or phrase that attributes it: "said", "according to", ":"
    speaker: Speaker | None = None
    parts: list[Span] = field(default_factory=list)  # the quoted pieces, when interrupted ("…,” he said, “…")
    confidence: float = 1.0  # 0..1, calibrated on hand audits: about this share of such quotes were fully right


@dataclass(frozen=True, slots=True)
class TimeExpr:
    id: str
    article_id: str
    text: str
    start: int
    end: int
    type: str  # TIMEX3 type: DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value, normalised against the publication time: 2022-02-24, 2022-W08, P2W, PRESENT_REF
    granularity: str  # day, week, month, quarter, year, decade, century, time, duration, set, reference


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    article_id: str
    text: str  # the mention
    start: int
    end: int
    name: str  # the gazetteer's name for it
    country: str | None  # ISO 3166 alpha-3
    lat: float | None
    lon: float | None
    gazetteer_id: str | None  # "geonames:524901", or "country:RUS" from the built-in table
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class ActorCode:
    """A CAMEO-style actor code: country (ISO alpha-3, or an IGO/region code) plus sector ("RUSGOV", "UKRREB")."""

    code: str  # the whole code: "RUSGOV", "USA", "NATO", "IGOUNO", "ARNGOV"
    country: str | None = None  # its country part: "RUS"
    sector: str | None = None  # its first sector: GOV, MIL, REB, OPP, COP, BUS, CVL, MED, JUD, LEG, IGO, NGO …
    basis: str = ""  # why: "dictionary" (an actor file), "role" (title or noun), "country" (the name itself)


@dataclass(frozen=True, slots=True)
class EventActor:
    code: str | None  # CAMEO-style actor code ("RUSGOV"); None when the actor could not be coded
    entity_id: str | None
    name: str | None  # the entity's canonical name, or the phrase when it is not a named entity ("protesters")
    start: int  # the mention in the text
    end: int


@dataclass(frozen=True, slots=True)
class EventPlace:
    name: str
    country: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int  # the sentence the event was read from
    end: int
    text: str
    trigger_start: int  # the words that carry the event ("accused", "agreed to meet")
    trigger_end: int


@dataclass(slots=True)
class Event:
    """Who did what to whom, when and where, coded in CAMEO and PLOVER, with the words it came from."""

    id: str
    article_id: str
    code: str  # full CAMEO code: "036", "112", "1041"
    root: str  # its first two digits: "03"
    quad_class: int  # 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    goldstein: float  # -10 … +10
    plover: str  # PLOVER category: AGREE, CONSULT, ACCUSE, …
    source: EventActor | None
    target: EventActor | None
    date: str  # ISO date (or year-month, year) of the event
    date_precision: str  # day, week, month, quarter, year …
    date_source: str  # "text" (a time expression in the sentence) or "published" (fallback: the publication day)
    evidence: Evidence
    place: EventPlace | None = None
    quote_id: str | None = None  # when the event is a statement that is also a quote
    confidence: float = 1.0  # 0..1, calibrated on hand audits: about this share of such events were fully right
    # asserted; planned (will, is to, is set to: what will be); hypothetical (may, could, if) — negated events are not
    # coded
    mode: str = "asserted"
    plover_mode: str | None = None  # PLOVER mode where the codebook gives one
    # The same event reported by several articles (same actors, same root code, dates within a day) is one group;
    # its articles count stories, not syndicated copies (filled when read from the store).
    group_id: str | None = None
    num_mentions: int = 1  # events in the group
    num_articles: int = 1  # distinct stories that report it
    num_sources: int = 1  # distinct outlets that report it


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str
    start: int | None  # offsets into Article.text; None when the phrase comes from the title
    end: int | None


@dataclass(slots=True)
class Summary:
    """The article's main event as a card (5W1H): who did what, when, where, why and how."""

    article_id: str
    who: Phrase | None = None
    what: Phrase | None = None
    when: Phrase | None = None
    where: Phrase | None = None
    why: Phrase | None = None
    how: Phrase | None = None
    event_id: str | None = None  # the event the card was built from, when there is one
    when_value: str | None = None  # the normalised date of "when" (TIMEX3 value)


RegionRole = Literal["caption", "byline", "dateline", "heading", "boilerplate"]


@dataclass(frozen=True, slots=True)
class Region:
    """A part of the text that is not the article's own prose: a photo caption or credit, a byline, a dateline, a
    subhead, or the site's boilerplate. Whatever no region covers is body, the only text read for events and quotes."""

    start: int
    end: int
    role: RegionRole


@dataclass(slots=True)
class Annotations:
    """Everything the reading pipeline found in one article; offsets index Article.text."""

    article_id: str
    language: str | None = None
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    summary: Summary | None = None
    notes: list[str] = field(default_factory=list)  # why something was skipped ("not English: skipped extraction")
    layout: list[Region] = field(default_factory=list)  # the parts that are not body, in text order


@dataclass(frozen=True, slots=True)
class Problem:
    """Something a reader could not use: a whole input, or one line or record of it."""

    source: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(slots=True)
class SearchHit:
    article: Article
    score: float  # bm25, higher is better
    snippet: str
    highlights: list[Span]  # matched terms, as offsets into ``snippet``


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str | None
    first_published: Timestamp | None
    articles: int
    outlets: list[str]
    article_ids: list[str]


@dataclass(slots=True)
class IngestReport:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass(frozen=True, slots=True)
class Stats:
    articles: int
    stories: int
    outlets: int
    authors: int
    first_published: Timestamp | None
    last_published: Timestamp | None
    by_format: dict[str, int]
    top_outlets: list[tuple[str, int]]
    database: str
    schema_version: str | None


def paragraph_spans(text: str) -> list[Span]:
    """One span per non-empty line: every reader stores one paragraph per line."""
    spans = []
    start = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append(Span(start, start + len(line)))
        start += len(line) + 1
    return spans
