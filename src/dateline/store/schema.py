"""The tables, as SQLAlchemy Core metadata: what queries are written against.

Migrations (store/migrations/versions) build the same tables step by step; tests/test_store.py checks
that a migrated database matches this definition exactly.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(16), nullable=False, unique=True),
    Column("story_id", String(16), nullable=False, index=True),
    Column("title", Text),
    Column("outlet", Text, index=True),
    Column("url", Text),
    Column("published", String(20), index=True),  # ISO 8601 UTC: 2022-02-21T16:24:00Z, or a bare day
    Column("updated", String(20)),
    Column("date_line", String(10)),
    Column("language", String(16)),
    Column("format", String(8), nullable=False),
    Column("source", Text, nullable=False),
    Column("authors", Text, nullable=False),  # JSON list, in byline order
    Column("paragraphs", Text, nullable=False),  # JSON list of [start, end]
    Column("warnings", Text, nullable=False),  # JSON list
    Column("text", Text, nullable=False),
    Column("ingested_at", String(20), nullable=False),
)

article_authors = Table(
    "article_authors",
    metadata,
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("name", Text, nullable=False, index=True),
)

signatures = Table(
    "signatures",
    metadata,
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
    Column("minhash", LargeBinary, nullable=False),
)

lsh_bands = Table(
    "lsh_bands",
    metadata,
    Column("key", BigInteger, nullable=False),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
    Index("ix_lsh_bands_key", "key"),
)

# What the reading pipeline found. Every row belongs to one article and goes when it goes (ON DELETE CASCADE), so a
# reprocessed article's annotations are replaced as a whole.

processing = Table(
    "processing",
    metadata,
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
    Column("pipeline", String(16), nullable=False),  # pipeline.VERSION
    Column("model", Text, nullable=False),
    Column("language", String(16)),
    Column("notes", Text, nullable=False),  # JSON list
    Column("processed_at", String(20), nullable=False),
    Column("layout", Text),  # JSON list of [start, end, role]: the regions that are not body; NULL: read before 0006
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("kind", String(8), nullable=False, index=True),
    Column("name", Text, nullable=False, index=True),
    Column("country", String(3), index=True),
    Column("gender", String(8)),
    Column("surname", Text, index=True),  # for merging "Putin" with the one "Vladimir Putin" across articles
    Column("canonical_id", String(16), nullable=False, index=True),  # itself, or the entity it was merged into
)

mentions = Table(
    "mentions",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False, index=True),
    Column("entity_id", String(16), index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("role", Text),
)

quotes = Table(
    "quotes",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(16), nullable=False, unique=True),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("cue_text", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("cue_kind", String(12), index=True),
    Column("speaker_text", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_entity_id", String(16), index=True),
    Column("speaker_name", Text),
    Column("parts", Text, nullable=False),  # JSON list of [start, end]
    Column("confidence", Float, nullable=False, server_default="1.0"),
)

times = Table(
    "times",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(8), nullable=False),
    Column("value", Text, nullable=False, index=True),
    Column("granularity", String(12), nullable=False),
)

places = Table(
    "places",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("country", String(3), index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("gazetteer_id", Text),
    Column("entity_id", String(16)),
)

events = Table(
    "events",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),  # GDELT's GLOBALEVENTID in exports
    Column("id", String(16), nullable=False, unique=True),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False, index=True),
    Column("group_id", String(16), nullable=False, index=True),
    Column("code", String(4), nullable=False, index=True),
    Column("root", String(2), nullable=False, index=True),
    Column("quad_class", Integer, nullable=False),
    Column("goldstein", Float, nullable=False),
    Column("plover", String(12), nullable=False, index=True),
    Column("plover_mode", Text),
    *[
        column
        for side in ("source", "target")
        for column in (
            Column(f"{side}_code", String(24), index=True),
            Column(f"{side}_entity_id", String(16), index=True),
            Column(f"{side}_name", Text),
            Column(f"{side}_start", Integer),
            Column(f"{side}_end", Integer),
        )
    ],
    Column("date", String(10), nullable=False, index=True),
    Column("date_precision", String(12), nullable=False),
    Column("date_source", String(12), nullable=False),
    Column("place_name", Text),
    Column("place_country", String(3)),
    Column("place_lat", Float),
    Column("place_lon", Float),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("quote_id", String(16)),
    Column("confidence", Float, nullable=False),
    Column("mode", String(12), nullable=False),
)

summaries = Table(
    "summaries",
    metadata,
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
    *[
        column
        for w in ("who", "what", "when", "where", "why", "how")
        for column in (Column(f"{w}_text", Text), Column(f"{w}_start", Integer), Column(f"{w}_end", Integer))
    ],
    Column("event_id", String(16)),
    Column("when_value", Text),
)

# The full-text indexes, keyed by the indexed row's pk as rowid and kept in step by the writer (store/fts): FTS5
# tables on SQLite, tsvector tables under a GIN index on PostgreSQL. Built by the migrations, not from this metadata.
# Counts kept by the writer (migration 0005) so the entity listing need not count millions of mentions on each
# request: per stored entity id, its mentions and the articles they are in (a canonical entity sums its members).
entity_counts = Table(
    "entity_counts",
    metadata,
    Column("entity_id", String(16), primary_key=True),
    Column("mentions", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
)

# Indexes the API's listings and aggregates read instead of the rows (migration 0005). Articles keep their text in
# the row, so anything that scans them is slow; events are counted by the first report of each group
# (group_id = id), by day and by actor pair, from the index alone.
Index("ix_articles_format", articles.c.format)
Index("ix_articles_story_published", articles.c.story_id, articles.c.published)
Index("ix_articles_pk_published", articles.c.pk, articles.c.published)  # an article's day without reading its row
Index("ix_mentions_entity_article", mentions.c.entity_id, mentions.c.article_pk)
_EVENT_FIGURES = (events.c.group_id, events.c.id, events.c.goldstein, events.c.quad_class)
Index("ix_events_first_reports", events.c.date, *_EVENT_FIGURES)
Index("ix_events_code_pairs", events.c.source_code, events.c.target_code, *_EVENT_FIGURES, events.c.date)
Index("ix_events_entity_pairs", events.c.source_entity_id, events.c.target_entity_id, *_EVENT_FIGURES, events.c.date)

FTS_TABLE = "articles_fts"  # over articles(title, text)
QUOTES_FTS_TABLE = "quotes_fts"  # over quotes(text), for `dateline quotes --about`
