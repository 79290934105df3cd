"""The event records: one per pair of coded actors, with its code's codebook entry, date, place, evidence, quote and
calibrated confidence (pipeline/confidence.py), and a stable id."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Span, Token

from ... import data
from ...model import Event, EventActor, Evidence
from ...reference.cameo import codebook
from .. import confidence
from ..ids import stable_id
from .reading import Actor, Reading
from .setting import event_date, event_place
from .triggers import Trigger

_NAMED_KINDS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def reciprocal_act(sources: list[Actor], targets: list[Actor], code: str | None, trigger: Trigger) -> bool:
    """ "Peru and Ecuador resumed talks": with no target, a source of two acts on itself - in acts that
    are mutual (data/event_reciprocal.tsv; any act, as PETRARCH reads it, with a user's PETRARCH dictionary)."""
    if targets or len({a.code.code for a in sources if a.code}) != 2 or code is None:
        return False  # three or more acting together is a multilateral act, not each with each of the others
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.token.children):
        return False  # "Peru and Chile were invited to attend": what was done to them, not what they did together
    if not trigger.pattern.transforms:
        return True
    noun = trigger.token.pos_ in ("NOUN", "PROPN")
    return any(code.startswith(prefix) and (nouns or not noun) for prefix, nouns in _reciprocal())


@cache
def _reciprocal() -> tuple[tuple[str, bool], ...]:
    return tuple((row[0].strip(), row[1].strip() == "yes") for row in data.rows("event_reciprocal.tsv"))


def emit(
    reading: Reading,
    sentence: Span,
    trigger: Trigger,
    innermost: Trigger,
    code: str | None,
    reverse: str | None,
    mode: str,
    sources: list[Actor],
    targets: list[Actor],
) -> Iterator[Event]:
    coded_sources: list[Actor | None] = [a for a in sources if a.code] or _named(reading, sources[:1]) or [None]
    coded_targets: list[Actor | None] = [a for a in targets if a.code] or _named(reading, targets[:1]) or [None]
    pairs: list[tuple[Actor | None, Actor | None, str]] = []
    if code is not None and reciprocal_act(sources, targets, code, trigger):
        pairs = [(a, b, code) for a in coded_sources for b in coded_sources if a is not b]
    elif code is not None:
        pairs = [(a, b, code) for a in coded_sources for b in coded_targets]
    if reverse is not None:
        pairs += [(b, a, reverse) for a in coded_sources for b in coded_targets if a is not None and b is not None]
    seen: set[tuple[str, str | None, str | None]] = set()
    for source, target, event_code in pairs:
        if (source is None or source.code is None) and (target is None or target.code is None):
            continue
        if (
            (source is None or source.code is None)
            and not _placed(reading, target)
            and not _material_conflict(event_code)
        ):
            continue  # "will allow officials to bring in ...": no one acts on someone of nowhere (victims count)
        if source is not None and target is not None and _same(source, target):
            continue
        key = (event_code, _code_of(source), _code_of(target))
        if key in seen:
            continue
        seen.add(key)
        yield _event(reading, sentence, trigger, innermost, event_code, mode, source, target)
        if source is not None and source.code is not None:
            reading.recent = source


def _named(reading: Reading, actors: list[Actor]) -> list[Actor | None]:
    """The uncoded actors that name someone ("Ivo Lind", "the Azure Brigade"): a phrase that names no one ("no
    evidence", "this", "the offices") is no actor at all."""
    named: list[Actor | None] = []
    for actor in actors:
        head = actor.head
        resolved = reading.found.resolve(head.idx, head.idx + len(head.text))
        entity = reading.entities.get(resolved[0]) if resolved else None
        if head.pos_ == "PROPN" or (entity is not None and entity.kind in _NAMED_KINDS):
            named.append(actor)
    return named


def _material_conflict(code: str) -> bool:
    return codebook.describe(code).quad_class == 4


def _placed(reading: Reading, actor: Actor | None) -> bool:
    """An actor with a country (or an international body), or one the text names: not just "officials"."""
    if actor is None or actor.code is None:
        return actor is not None and bool(_named(reading, [actor]))
    return actor.code.country is not None or actor.head.pos_ == "PROPN" or actor.code.basis == "dictionary"


def _code_of(actor: Actor | None) -> str | None:
    return actor.code.code if actor is not None and actor.code is not None else None


def _same(a: Actor, b: Actor) -> bool:
    if a.start < b.end and b.start < a.end:
        return True
    return a.code is not None and b.code is not None and a.code.code == b.code.code


def _event(
    reading: Reading,
    sentence: Span,
    trigger: Trigger,
    innermost: Trigger,
    code: str,
    mode: str,
    source: Actor | None,
    target: Actor | None,
) -> Event:
    entry = codebook.describe(code)
    chain_tokens = [t.token for t in trigger.chain()]
    first = min(chain_tokens, key=lambda t: t.i)
    last = max(chain_tokens, key=lambda t: t.i)
    trigger_start, trigger_end = first.idx, last.idx + len(last.text)
    start = sentence.start_char
    end = start + len(reading.text[start : sentence.end_char].rstrip())
    day, precision, date_source = event_date(reading, sentence, innermost.token)
    event_actors = [_event_actor(reading, a) for a in (source, target)]
    event_id = stable_id(reading.article.id, "event", trigger.token.idx, code)
    if event_id in reading.seen_ids:
        event_id = stable_id(
            reading.article.id,
            "event",
            trigger.token.idx,
            code,
            source.start if source else "",
            target.start if target else "",
        )
    reading.seen_ids.add(event_id)
    event = Event(
        id=event_id,
        article_id=reading.article.id,
        code=entry.code,
        root=entry.root,
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
        plover=entry.plover or "",
        plover_mode=entry.plover_mode,
        source=event_actors[0],
        target=event_actors[1],
        date=day,
        date_precision=precision,
        date_source=date_source,
        evidence=Evidence(start, end, reading.text[start:end], trigger_start, trigger_end),
        place=event_place(reading, sentence, chain_tokens, (source, target)),
        quote_id=_quote(reading, trigger.token, event_actors[0]) if entry.verbal else None,
        mode=mode,
    )
    event.confidence = confidence.of("event", event)
    return event


def _event_actor(reading: Reading, actor: Actor | None) -> EventActor | None:
    if actor is None:
        return None
    doc = reading.doc
    span = doc[actor.start : actor.end]
    head = actor.head
    resolved = reading.found.resolve(head.idx, head.idx + len(head.text))
    entity_id, name = resolved if resolved else (None, reading.text[span.start_char : span.end_char])
    return EventActor(
        code=actor.code.code if actor.code else None,
        entity_id=entity_id,
        name=name,
        start=span.start_char,
        end=span.end_char,
    )


def _quote(reading: Reading, token: Token, source: EventActor | None) -> str | None:
    """The quote this statement is: its cue is the trigger, or its speaker is the source and it holds the trigger."""
    start, end = token.idx, token.idx + len(token.text)
    for quote in reading.quotes:
        if quote.cue is not None and quote.cue.start <= start and end <= quote.cue.end:
            return quote.id
    if source is None:
        return None
    for quote in reading.quotes:
        if not (quote.start <= start < quote.end) or quote.speaker is None:
            continue
        speaker = quote.speaker
        same_entity = source.entity_id is not None and speaker.entity_id == source.entity_id
        if same_entity or (speaker.start < source.end and source.start < speaker.end):
            return quote.id
    return None
