"""The Python API: queries over the store, and the ingest's entry point. The CLI and the web API are thin shells
over it; what it returns is written out by export/.

from dateline import Corpus
with Corpus.open("dateline.db") as corpus:
    report = corpus.ingest(["articles/"])
    hits = corpus.search("Minsk agreements", since="2022-01-01")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime

from . import dates, ingest
from .config import Settings
from .errors import DatelineError
from .ingest.reading import Input
from .model import Annotations, Article, Entity, Event, IngestReport, Problem, Quote, SearchHit, Stats, Story
from .store import (
    ActorProfile,
    DyadPoint,
    EventFilters,
    ExportRow,
    Filters,
    Network,
    QuoteFilters,
    Store,
    TimelinePoint,
)

Bound = str | date | datetime | None
PERIODS = ("day", "week", "month", "year")


class Corpus:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings

    @classmethod
    def open(cls, db: str | None = None, settings: Settings | None = None) -> Corpus:
        """Open (creating and migrating as needed) the database at a path or URL; default ./dateline.db."""
        settings = settings or Settings.from_env()
        return cls(Store.open(db or settings.db), settings)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(self, paths: Iterable[Input], on_progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
        """Read every article under ``paths``, run the reading pipeline on the new ones, and store them with what
        was found, one transaction per batch. With the ``dask`` setting (a scheduler's address, or local:N), Dask
        workers read and annotate the input and this process stores what they send back, in the same order.

        Bad inputs become Problems in the report; they never stop the run or touch what is stored.
        """
        return ingest.run(self.store, self.settings, paths, on_progress)

    def reprocess(self, *, stale_only: bool = False, on_progress: Callable[[int], None] | None = None) -> int:
        """Read stored articles again with the current pipeline (after an upgrade, or with another --model),
        replacing what was found before; with ``stale_only``, only articles an older pipeline read.
        Returns how many articles were read."""
        return ingest.reprocess(self.store, self.settings, stale_only=stale_only, on_progress=on_progress)

    def read(self, paths: Iterable[Input]) -> Iterator[Article | Problem]:
        """Articles (with their ids) and problems from ``paths``, without storing anything."""
        return ingest.read(paths, self.settings)

    def search(
        self,
        query: str,
        *,
        since: Bound = None,
        until: Bound = None,
        outlet: str | None = None,
        author: str | None = None,
        story: str | None = None,
        entity_id: str | None = None,
        code: str | None = None,
        plover: str | None = None,
        limit: int | None = 20,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Articles matching words, "phrases", OR, NOT and prefix*, best first (bm25), with snippets; the other
        filters as for ``articles``."""
        filters = self._filters(since, until, outlet, author, story, entity_id, code, plover)
        return self.store.search(query, filters, limit, offset)

    def articles(
        self,
        *,
        since: Bound = None,
        until: Bound = None,
        outlet: str | None = None,
        author: str | None = None,
        story: str | None = None,
        entity_id: str | None = None,
        code: str | None = None,
        plover: str | None = None,
        limit: int | None = 20,
        offset: int = 0,
    ) -> list[Article]:
        """Stored articles, newest first; ``entity_id`` keeps those that mention the entity (or one merged into it),
        ``code`` and ``plover`` those that report an event of that CAMEO code ("11*" for a family) or PLOVER
        category."""
        filters = self._filters(since, until, outlet, author, story, entity_id, code, plover)
        return list(self.store.articles(filters, limit, offset))

    def article(self, article_id: str) -> Article:
        """One article by its id (or an unambiguous start of it)."""
        return self.store.get(article_id)

    def stories(self, *, min_articles: int = 2, limit: int | None = 20, offset: int = 0) -> list[Story]:
        """Stories carried by several articles (syndicated copies, light rewrites), the widest first."""
        return self.store.stories(min_articles, limit, offset)

    def stats(self) -> Stats:
        return self.store.stats()

    def annotations(self, article_id: str) -> Annotations:
        """What the reading pipeline found in one article: entities, mentions, quotes, times, places."""
        return self.store.annotations(self.article(article_id))

    def quotes(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        since: Bound = None,
        until: Bound = None,
        cue_kinds: Iterable[str] = (),
        entity_id: str | None = None,
        min_confidence: float | None = None,
        limit: int | None = 20,
        offset: int = 0,
    ) -> list[Quote]:
        """Attributed quotes, newest first; ``speaker`` matches the resolved speaker's name, ``about`` the words,
        ``cue_kinds`` what the cue reports (speech, belief, evidence, intent, stance, evaluation, source),
        ``entity_id`` the entity the speaker was resolved to; quotes at least ``min_confidence`` sure (by default
        Settings.min_confidence; 0 for all)."""
        filters = QuoteFilters(
            speaker=speaker or None,
            about=about or None,
            since=_bound(since, end=False),
            until=_bound(until, end=True),
            speaker_ids=self.store.members(entity_id)[1] if entity_id else (),
            cue_kinds=tuple(cue_kinds),
            min_confidence=self._sure(min_confidence),
        )
        return self.store.quotes(filters, limit, offset)

    def events(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        code: str | None = None,
        plover: str | None = None,
        since: Bound = None,
        until: Bound = None,
        actor: str | None = None,
        dyad: tuple[str, str] | None = None,
        entity_id: str | None = None,
        quad_class: int | None = None,
        words: str | None = None,
        grouped: bool = False,
        group_id: str | None = None,
        source_code: str | None = None,
        target_code: str | None = None,
        source_entity_id: str | None = None,
        target_entity_id: str | None = None,
        min_confidence: float | None = None,
        limit: int | None = 20,
        offset: int = 0,
    ) -> list[Event]:
        """Who did what to whom: events newest first. ``source``/``target`` match an actor code prefix ("RUS" is
        RUSGOV and RUSMIL) or a name, ``actor`` either side, ``dyad`` the two actors either way round,
        ``entity_id`` an entity on either side; ``code`` a CAMEO code, a trailing * for a family ("11*");
        ``words`` a search the evidence sentence matches. ``grouped`` lists one event per group (its first report,
        as the dyad, timeline and network count them); ``group_id`` every report of one group. A network's edge
        is asked for exactly, as it was counted: ``source_code``/``target_code`` are whole codes ("USA" is not
        USAGOV), ``source_entity_id``/``target_entity_id`` entities on that side. Events less sure than
        ``min_confidence`` (by default Settings.min_confidence; 0 for all) are left out, here and in every count."""
        if quad_class is not None and quad_class not in (1, 2, 3, 4):
            raise DatelineError(f"quad_class {quad_class!r}: choose 1, 2, 3 or 4")
        filters = _event_filters(
            source=source,
            target=target,
            actor=actor,
            dyad=dyad,
            entity_ids=self.store.members(entity_id)[1] if entity_id else (),
            code=code,
            plover=plover,
            quad_class=quad_class,
            since=since,
            until=until,
            words=words,
            one_per_group=grouped,
            group_id=group_id,
            source_code=source_code,
            target_code=target_code,
            source_entity_ids=self.store.members(source_entity_id)[1] if source_entity_id else (),
            target_entity_ids=self.store.members(target_entity_id)[1] if target_entity_id else (),
            min_confidence=self._sure(min_confidence),
        )
        return self.store.events(filters, limit, offset)

    def dyad(
        self, first: str, second: str, *, by: str = "week", since: Bound = None, until: Bound = None,
        min_confidence: float | None = None,
    ) -> list[DyadPoint]:  # fmt: skip
        """Cooperation and conflict between two actors over time: events (groups, not copies) per day, week,
        month or year, either way, with mean Goldstein and the QuadClass mix."""
        filters = _event_filters(since=since, until=until, min_confidence=self._sure(min_confidence))
        return self.store.dyad(first, second, _period(by), filters)

    def timeline(
        self,
        *,
        by: str = "week",
        since: Bound = None,
        until: Bound = None,
        actor: str | None = None,
        plover: str | None = None,
        query: str | None = None,
        min_confidence: float | None = None,
    ) -> list[TimelinePoint]:
        """Articles and events (groups, not copies) per day, week, month or year, with mean Goldstein and the
        QuadClass mix; ``actor`` and ``plover`` keep the events of that actor or PLOVER category (and the articles
        that report one), ``query`` the articles matching those words and the events whose sentence does (as
        ``events(words=...)`` lists them)."""
        filters = _event_filters(
            actor=actor, plover=plover, since=since, until=until, words=query, min_confidence=self._sure(min_confidence)
        )
        return self.store.timeline(_period(by), filters, query or None)

    def network(
        self,
        *,
        by: str = "code",
        since: Bound = None,
        until: Bound = None,
        actor: str | None = None,
        plover: str | None = None,
        min_events: int = 1,
        limit: int = 100,
        min_confidence: float | None = None,
    ) -> Network:
        """Who acts on whom: actors (codes, or entities with ``by="entity"``) as nodes, event groups between them as
        directed edges with their mean Goldstein and dominant QuadClass; the ``limit`` heaviest edges."""
        if by not in ("code", "entity"):
            raise DatelineError(f"by {by!r}: choose code or entity")
        filters = _event_filters(
            actor=actor, plover=plover, since=since, until=until, min_confidence=self._sure(min_confidence)
        )
        return self.store.network(by, filters, max(1, min_events), limit)

    def export_rows(
        self, *, source: str | None = None, target: str | None = None, code: str | None = None, since: Bound = None,
        until: Bound = None, min_confidence: float | None = None,
    ) -> Iterator[ExportRow]:  # fmt: skip
        """Every event matching, in storage order, streamed, with what other tools' tables want beside it (a stable
        number, its article's url, when it was stored): what ``dateline.export.write`` writes."""
        filters = _event_filters(
            source=source, target=target, code=code, since=since, until=until, min_confidence=self._sure(min_confidence)
        )
        return self.store.export_events(filters)

    def entities(
        self,
        *,
        kind: str | None = None,
        name: str | None = None,
        country: str | None = None,
        limit: int | None = 20,
        offset: int = 0,
    ) -> list[Entity]:
        """People, organisations and places across the corpus, the most widely mentioned first."""
        return self.store.entities(kind, name, country, limit, offset)

    def entity(self, entity_id: str) -> Entity:
        """One entity by id, as its canonical self (a surname merged into a full name answers as the full name),
        with its corpus-wide counts, aliases and roles."""
        return self.store.entity(entity_id)

    def _filters(
        self, since: Bound, until: Bound, outlet: str | None, author: str | None, story: str | None,
        entity_id: str | None, code: str | None, plover: str | None,
    ) -> Filters:  # fmt: skip
        return Filters(
            since=_bound(since, end=False),
            until=_bound(until, end=True),
            outlet=outlet or None,
            author=author or None,
            story=story or None,
            entity_ids=self.store.members(entity_id)[1] if entity_id else (),
            event_code=code or None,
            plover=plover or None,
            min_confidence=self._sure(None),
        )

    def actor(
        self, entity_id: str, *, by: str = "month", limit: int = 20, min_confidence: float | None = None
    ) -> ActorProfile:
        """An entity's page: the codes it was given, its latest quotes and events as source and as target (``limit``
        of each), the actors it deals with most, and its mentions, quotes and events per period."""
        canonical, ids = self.store.members(entity_id)
        sure = self._sure(min_confidence)
        as_source = EventFilters(source_entity_ids=ids, one_per_group=True, min_confidence=sure)
        as_target = EventFilters(target_entity_ids=ids, one_per_group=True, min_confidence=sure)
        return ActorProfile(
            entity=self.store.entity(canonical),
            codes=self.store.actor_codes(ids, sure),
            quotes=self.store.quotes(QuoteFilters(speaker_ids=ids, min_confidence=sure), limit),
            events_as_source=self.store.events(as_source, limit),
            events_as_target=self.store.events(as_target, limit),
            partners=self.store.partners(canonical, ids, limit, sure),
            timeline=self.store.activity(ids, _period(by), sure),
        )

    def _sure(self, min_confidence: float | None) -> float:
        """The confidence a fact needs to be shown: the caller's, or the settings' default."""
        value = self.settings.min_confidence if min_confidence is None else min_confidence
        if not 0.0 <= value <= 1.0:
            raise DatelineError(f"min_confidence {value!r}: give a number from 0 (every fact) to 1")
        return value


def _event_filters(
    *,
    source: str | None = None,
    target: str | None = None,
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    entity_ids: tuple[str, ...] = (),
    code: str | None = None,
    plover: str | None = None,
    quad_class: int | None = None,
    since: Bound = None,
    until: Bound = None,
    words: str | None = None,
    one_per_group: bool = False,
    group_id: str | None = None,
    source_code: str | None = None,
    target_code: str | None = None,
    source_entity_ids: tuple[str, ...] = (),
    target_entity_ids: tuple[str, ...] = (),
    min_confidence: float = 0.0,
) -> EventFilters:
    return EventFilters(
        source=source or None,
        target=target or None,
        actor=actor or None,
        dyad=dyad,
        entity_ids=entity_ids,
        code=code or None,
        plover=plover or None,
        quad_class=quad_class,
        since=_bound(since, end=False),
        until=_bound(until, end=True),
        words=words or None,
        one_per_group=one_per_group,
        group_id=group_id or None,
        source_code=source_code or None,
        target_code=target_code or None,
        source_entity_ids=source_entity_ids,
        target_entity_ids=target_entity_ids,
        min_confidence=min_confidence,
    )


def _period(by: str) -> str:
    if by not in PERIODS:
        raise DatelineError(f"--by {by!r}: choose day, week, month or year")
    return by


def _bound(value: Bound, *, end: bool) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        value = dates.to_iso(value) or ""
    return dates.parse_bound(value, end=end)
