"""The stage's records: Found (the article's entities and mentions, and what a span refers to), the Entity and
Mention records made from the groups and coreference's links, and the referents coreference reads."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ...model import Entity, Mention
from ...reference import geography as geo
from ...reference.names import Title, plausible_alias, titles
from .. import coref
from .grouping import Group, person_words
from .lexicon import given_names

_KIND_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "FAC": 4, "LOC": 5, "EVENT": 6}
_SOURCE_WEIGHT = {"title": 5, "given": 2, "pronoun": 1}  # how much each clue to gender counts


@dataclass
class Found:
    """What the entities stage found in one article."""

    entities: list[Entity]
    mentions: list[Mention]  # names, descriptions (kind NOM) and pronouns (kind PRON), in text order
    possessive: set[tuple[int, int]] = field(default_factory=set, repr=False)  # spans of "Putin's"-style owners
    _index: tuple[list[Mention], list[int], int, dict[str, Entity]] | None = field(default=None, init=False, repr=False)

    def resolve(self, start: int, end: int) -> tuple[str, str] | None:
        """(entity id, canonical name) of what the span refers to: the mention it is, else the head mention in it
        (a person before an organisation before a place; an owner, "Putin's", last)."""
        mentions, starts, longest, by_id = self._lookup()
        end = max(end, start + 1)
        low = bisect.bisect_left(starts, start - longest)
        high = bisect.bisect_left(starts, end)
        candidates = [m for m in mentions[low:high] if m.end > start and m.entity_id in by_id]
        if not candidates:
            return None
        best = min(candidates, key=lambda m: self._rank(m, start, end, by_id))
        entity = by_id[best.entity_id or ""]
        return entity.id, entity.name

    def _rank(self, mention: Mention, start: int, end: int, by_id: dict[str, Entity]) -> tuple[int, int, int, int]:
        exact = (mention.start, mention.end) == (start, end)
        inside = start <= mention.start and mention.end <= end
        kind = _KIND_RANK.get(by_id[mention.entity_id or ""].kind, 9)
        owner = (mention.start, mention.end) in self.possessive
        return (0 if exact else 1 if inside else 2), int(owner), kind, mention.start

    def _lookup(self) -> tuple[list[Mention], list[int], int, dict[str, Entity]]:
        if self._index is None:
            mentions = sorted(self.mentions, key=lambda m: (m.start, -m.end))
            longest = max((m.end - m.start for m in mentions), default=0)
            self._index = mentions, [m.start for m in mentions], longest, {e.id: e for e in self.entities}
        return self._index


def referent(group: Group) -> coref.Referent:
    roles = [n.role for n in group.names if n.role]
    table = titles()
    return coref.Referent(
        kind=group.kind,
        gender=_gender(group, []),
        country=_country(group),
        role_words=frozenset(w for role in roles for w in re.split(r"[\s-]+", role.lower()) if w),
        leads=any(_title_kind(role, table) == "head" for role in roles),
        is_country=group.key.startswith("GPE:") and group.kind == "GPE",
        plural=any(n.plural for n in group.names),
    )


def _title_kind(role: str, table: dict[str, Title]) -> str | None:
    words = role.lower().split()
    for k in range(len(words)):
        if title := table.get(" ".join(words[k:])):
            return title.kind
    return None


def _gender(group: Group, pronoun_genders: list[str]) -> str | None:
    if group.kind != "PERSON":
        return None
    votes: Counter[str] = Counter()
    for name in group.names:
        if name.gender:
            votes[name.gender] += _SOURCE_WEIGHT["title"]
    first = person_words(group.name or group.names[0].text)
    if len(first) >= 2 and (given := given_names().get(first[0])):
        votes[given] += _SOURCE_WEIGHT["given"]
    for gender in pronoun_genders:
        votes[gender] += _SOURCE_WEIGHT["pronoun"]
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _country(group: Group) -> str | None:
    if group.kind in ("PERSON", "ORG"):
        return next((n.country for n in group.names if n.country), None)
    if group.key.startswith(("GPE:", "NORP:")) and geo.country(group.key.split(":", 1)[1]):
        return group.key.split(":", 1)[1]
    return next((code for n in group.names if (code := geo.country_code(n.text))), None)


def found(doc: Doc, groups: list[Group], links: list[coref.Link], article_id: str) -> Found:
    mentions = []
    pronoun_genders: list[list[str]] = [[] for _ in groups]
    linked = Counter(link.referent for link in links)
    pronoun_table = coref.pronouns()
    for link in links:
        span = doc[link.start : link.end]
        group = groups[link.referent]
        kind = "PRON" if link.pronoun else "NOM"  # a description ("the Russian leader") names no one itself
        mentions.append(Mention(span.start_char, span.end_char, span.text, kind, group.entity_id, None, article_id))
        gender = pronoun_table[span.text.lower()].gender if link.pronoun else None
        if gender in ("male", "female"):
            pronoun_genders[link.referent].append(gender)
    possessive = set()
    records = []
    for index, group in enumerate(groups):
        for name in group.names:
            span = doc[name.start : name.end]
            mentions.append(
                Mention(span.start_char, span.end_char, span.text, group.kind, group.entity_id, name.role, article_id)
            )
            if name.possessive:
                possessive.add((span.start_char, span.end_char))
        records.append(_entity(group, _gender(group, pronoun_genders[index]), len(group.names) + linked[index]))
    first = {g.entity_id: min(n.start for n in g.names) for g in groups}
    records.sort(key=lambda e: first[e.id])
    mentions.sort(key=lambda m: (m.start, -m.end))
    return Found(records, mentions, possessive)


def _entity(group: Group, gender: str | None, count: int) -> Entity:
    aliases: list[str] = []
    for name in group.names:
        for form in (name.text, name.surface):
            if plausible_alias(form, group.name, aliases):
                aliases.append(form)
    roles: list[str] = []
    for name in group.names:
        if name.role and name.role not in roles:
            roles.append(name.role)
    return Entity(group.entity_id, group.kind, group.name, aliases, _country(group), roles, gender, count)
