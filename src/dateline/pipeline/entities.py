"""Named entities: the tagger's names cleaned and grouped, one Entity per referent in an article, with roles,
countries and gender; coreference (coref.py) attaches pronouns and descriptions.

    found = entities(doc, article.id)
    found.resolve(start, end)  # ("3f2a...", "Vladimir Putin") for "he", "Mr. Putin" or "the Russian leader"

"President Vladimir Putin of Russia", "Putin" and "Mr. Putin" are one person named "Vladimir Putin" (the fullest
name the text gives), role "President", country RUS; a title is never part of a name. Within an article a surname
joins the full name that ends with it; across articles the ingest merges them by their name keys. Countries are
named the way reference/geography.py names them ("United States" for "the U.S."), so ids agree across articles.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import numpy
from spacy.attrs import ENT_TYPE, TAG
from spacy.tokens import Doc, Span, Token

from .. import data
from ..model import Entity, Mention
from ..reference import geography as geo
from ..reference.names import NAME_SUFFIXES, Title, plain, plausible_alias, titles
from . import coref, ids, quotemarks

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
_KIND_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "FAC": 4, "LOC": 5, "EVENT": 6}
_DETERMINERS = frozenset({"the", "a", "an"})
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SOURCE_WEIGHT = {"title": 5, "given": 2, "pronoun": 1}  # how much each clue to gender counts
_COUNTRY_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
_CONNECTORS = frozenset({"-", "of", "and", "the", "for"})


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


@dataclass(slots=True)
class _Name:
    """One cleaned named mention, in tokens."""

    start: int
    end: int
    kind: str
    text: str
    surface: str  # as written with its honorific ("Mr. Putin")
    role: str | None = None
    country: str | None = None
    gender: str | None = None  # from an honorific or a gendered title
    possessive: bool = False
    plural: bool = False
    acronym: str | None = None  # "(UN)" written after it
    headline: bool = False  # in a line Written Like This, where the tagger's names are least sure


@dataclass(slots=True)
class _Group:
    kind: str
    key: str
    names: list[_Name] = field(default_factory=list)
    name: str = ""
    entity_id: str = ""


def entities(doc: Doc, article_id: str = "") -> Found:
    """The article's entities and their mentions: names, descriptions and resolved pronouns."""
    text = doc.text  # spaCy rebuilds it from the tokens on every access
    names = _named(doc, text)
    groups = _group(names)
    referents = [_referent(group) for group in groups]
    anchors = [coref.Anchor(n.start, n.end, i) for i, group in enumerate(groups) for n in group.names]
    links = coref.link(doc, anchors, referents, text)
    return _found(doc, groups, links, article_id)


# ---- language data


@cache
def _title_words() -> frozenset[str]:
    """Every word a title is made of ("secretary", "of", "state"), so a scan knows when it has left one."""
    return frozenset(w for phrase in titles() for w in re.split(r"[\s-]+", phrase) if w)


@cache
def known_orgs() -> dict[str, str]:
    """Folded name or alias -> canonical name, for organisations known by several names ("the UN")."""
    table: dict[str, str] = {}
    for name, aliases in data.rows("entity_orgs.tsv"):
        for alias in [name, *([] if aliases == "-" else aliases.split("|"))]:
            table.setdefault(geo.fold(alias), name)
    return table


@cache
def given_names() -> dict[str, str]:
    return {name.casefold(): gender for name, gender in data.rows("entity_given_names.tsv")}


# ---- names from the tagger


def _named(doc: Doc, text: str) -> list[_Name]:
    ents = [ent for ent in doc.ents if ent.label_ in LABELS]
    ent_at = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    headlines = _headline_lines(text)
    names = []
    for ent in ents:
        name = _clean(doc, ent)
        if name is None:
            continue
        name.headline = bool(headlines) and quotemarks.in_ranges(headlines, ent.start_char)
        if name.kind in ("PERSON", "ORG"):
            _add_context(doc, name, ent_at)
        names.append(name)
    names.extend(_unmarked_acronyms(doc, text, names))
    for name in _missed_names(doc):
        _add_context(doc, name, ent_at)
        names.append(name)
    return sorted(names, key=lambda n: n.start)


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines Written In Title Case: headlines, where capitals say nothing about names."""
    lines = []
    start = 0
    for line in text.split("\n"):
        words = _WORD.findall(line)
        if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.75 * len(words):
            lines.append((start, start + len(line)))
        start += len(line) + 1
    return lines


def _missed_names(doc: Doc) -> list[_Name]:
    """Names the tagger left out, among proper nouns outside its names: a known given name with a surname
    ("Carmen Vidal"), or a place the gazetteer knows ("Kharkiv")."""
    if not len(doc):
        return []
    columns = doc.to_array([ENT_TYPE, TAG])
    outside = ~numpy.isin(columns[:, 0], [doc.vocab.strings.add(label) for label in LABELS])
    proper = outside & (columns[:, 1] == doc.vocab.strings.add("NNP"))
    found: list[_Name] = []
    for i in numpy.nonzero(proper)[0].tolist():
        if (found and found[-1].end > i) or not doc[i].is_title:
            continue
        pair = i + 1 < len(doc) and bool(proper[i + 1])
        if pair and doc[i].lower_ in given_names() and doc[i + 1].is_title:
            found.append(_Name(i, i + 2, "PERSON", doc[i : i + 2].text, doc[i : i + 2].text))
        elif pair and (known := geo.places_named(doc[i : i + 2].text)):
            found.append(_Name(i, i + 2, _place_kind(known), doc[i : i + 2].text, doc[i : i + 2].text))
        elif not pair and not (i and proper[i - 1]) and (known := geo.places_named(doc[i].text)):
            found.append(_Name(i, i + 1, _place_kind(known), doc[i].text, doc[i].text))
    return found


def _place_kind(places: list[geo.GazetteerPlace]) -> str:
    return "LOC" if places[0].kind == "region" else "GPE"


def _clean(doc: Doc, ent: Span) -> _Name | None:
    """The name without a leading "the", titles or honorifics, a trailing possessive or punctuation."""
    start, end = ent.start, ent.end
    for i in range(start, end):
        if doc[i].is_space:  # the tagger sometimes runs a name across a line break
            end = i
            break
    words = titles() if ent.label_ == "PERSON" else {}
    while start < end - 1 and (doc[start].lower_ in _DETERMINERS or doc[start].lower_ in words or doc[start].is_punct):
        start += 1
    possessive = False
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        possessive = possessive or doc[end - 1].tag_ == "POS"
        end -= 1
    if end <= start:
        return None
    text = " ".join(doc[start:end].text.split())
    if not text[0].isupper() and not text[0].isdigit():
        return None
    if end - start == 1 and _not_a_name(doc[start].tag_, ent.label_):
        return None
    kind = _relabel(ent.label_, text, doc[end - 1].lower_)
    plural = doc[end - 1].tag_ in ("NNS", "NNPS") or (kind == "NORP" and text.endswith("s"))
    name = _Name(start, end, kind, text, text, possessive=possessive, plural=plural)
    name.acronym = _parenthesised_acronym(doc, end) if kind == "ORG" else None
    return name


def _not_a_name(tag: str, label: str) -> bool:
    """A lone word the tagger reads as an adjective, verb or pronoun ("Invalid", "Broken", "Us") is no person or
    place, whatever the recogniser says; organisations keep theirs ("SpaceX" is often tagged JJ)."""
    if tag == "PRP":
        return True
    return label in ("PERSON", "GPE", "LOC") and tag[:2] in ("JJ", "VB", "RB")


def _relabel(label: str, text: str, last_word: str) -> str:
    """Fix the tagger's kind where the name itself tells: "Donetsk People's Republic" is no person."""
    if geo.metonym(text) or (label != "PERSON" and geo.fold(text) in known_orgs()):
        return "ORG"
    org_word = coref.nouns().get(last_word, ("",))[0] == "org"
    if label == "PERSON":
        return "ORG" if org_word and " " in text else label
    if label == "ORG" and not org_word and _looks_like_person(text):
        return "PERSON"
    if label in ("ORG", "NORP", "LOC", "FAC") and geo.country_named(text):
        return "GPE"
    if label == "GPE" and geo.demonym(text) and not geo.country_named(text):
        return "NORP"
    return label


def _looks_like_person(text: str) -> bool:
    """ "Sophie Laurent", which the tagger called an organisation: a known given name and a surname."""
    words = text.split()
    return 2 <= len(words) <= 3 and words[0].casefold() in given_names() and all(w[:1].isupper() for w in words)


def _parenthesised_acronym(doc: Doc, end: int) -> str | None:
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        word = doc[end + 1].text
        return word.replace(".", "") if _ACRONYM.match(word) else None
    return None


def _unmarked_acronyms(doc: Doc, text: str, names: list[_Name]) -> list[_Name]:
    """Later uses of an acronym the text defined ("the United Nations (UN) ... UN") that the tagger missed."""
    defined = sorted({n.acronym for n in names if n.acronym})
    if not defined:
        return []
    taken = {i for n in names for i in range(n.start, n.end)}
    found = []
    for match in re.finditer(r"\b(?:" + "|".join(map(re.escape, defined)) + r")\b", text):
        span = doc.char_span(match.start(), match.end())
        if span is not None and len(span) == 1 and span.start not in taken:
            found.append(_Name(span.start, span.end, "ORG", span.text, span.text))
    return found


# ---- roles, countries and honorifics around a name


def _add_context(doc: Doc, name: _Name, ent_at: dict[int, Span]) -> None:
    before = _title_before(doc, name, ent_at)
    country = before.country or _of_country(doc, name.end, ent_at)
    role = before.role
    appos_role, appos_country, about_person = _apposition(doc, name, ent_at)
    if name.kind == "ORG" and (before.role or before.honorific_start is not None or about_person):
        name.kind = "PERSON"  # "Oleksiy Danilov, a Ukrainian official", which the tagger took for an organisation
    if name.kind == "PERSON":
        role, country = role or appos_role, country or appos_country
    if name.kind == "ORG":
        country = country or _country_in(name.text) or geo.metonym(name.text)
        role = None
    name.role, name.country, name.gender = role, country, before.gender
    if before.honorific_start is not None:
        name.surface = " ".join(doc[before.honorific_start : name.end].text.split())


@dataclass(slots=True)
class _Before:
    role: str | None = None
    country: str | None = None
    gender: str | None = None
    honorific_start: int | None = None


def _title_before(doc: Doc, name: _Name, ent_at: dict[int, Span]) -> _Before:
    """Titles, honorifics and a country right before a name: "former U.S. Secretary of State", "Mr."."""
    words = _title_words()
    picked: list[int] = []
    country = None
    i = name.start - 1
    if i >= 0 and doc[i].lower_ in _CONNECTORS:
        return _Before()  # "the chief executive of Tamura Motors": the title is someone else's
    while i >= 0 and name.start - i <= 12:
        token = doc[i]
        ent = ent_at.get(i)
        if ent is not None and ent.end >= name.end:
            ent = None  # a title the tagger put inside the name ("Queen Sofia")
        if ent is not None and ent.label_ in ("GPE", "NORP") and _modifies(ent, name.end):
            country = country or geo.country_code(ent.text)
            if ent.label_ == "NORP" and not geo.demonym(ent.text):
                picked.extend(range(ent.start, ent.end))  # "Socialist candidate"
            i = ent.start - 1
        elif token.tag_ == "POS" and (owner := ent_at.get(i - 1)) is not None and owner.label_ == "GPE":
            country = country or geo.country_code(owner.text)  # "Russia's foreign minister"
            i = owner.start - 1
        elif ent is None and (token.lower_ in words or (token.text == "-" and picked)):
            picked.append(i)
            i -= 1
        else:
            break
    return _read_title(doc, sorted(picked), name, country)


def _modifies(ent: Span, end: int) -> bool:
    """Whether a country before a name belongs to its title ("Russian Foreign Minister"), not to the clause."""
    root = ent.root
    return root.dep_ in _COUNTRY_DEPS and ent.end <= root.head.i < end


def _read_title(doc: Doc, picked: list[int], name: _Name, country: str | None) -> _Before:
    table = titles()
    before = _Before(country=country)
    role_tokens = []
    for i in picked:
        title = table.get(doc[i].lower_)
        if title is not None and title.kind == "honorific":
            before.gender = before.gender or title.gender
            if i == name.start - 1 or before.honorific_start is not None:
                before.honorific_start = i if before.honorific_start is None else before.honorific_start
        else:
            role_tokens.append(i)
    role, gender = _role_text(doc, role_tokens)
    before.role = role
    before.gender = before.gender or gender or _noun_gender(doc, name.start - 1)
    return before


def _noun_gender(doc: Doc, i: int) -> str | None:
    """The gender a noun right before a name gives: "widow Ana Brandt", "businessman John Doe"."""
    if i < 0:
        return None
    cls, gender = coref.nouns().get(doc[i].lower_, ("", None))
    return gender if cls == "person" else None


def _role_text(doc: Doc, tokens: list[int]) -> tuple[str | None, str | None]:
    """The role those tokens spell when it ends in a known title, abbreviations written out: ("Senator", None)."""
    while tokens and doc[tokens[0]].lower_ in _CONNECTORS:
        tokens = tokens[1:]
    while tokens and doc[tokens[-1]].lower_ in _CONNECTORS:
        tokens = tokens[:-1]
    if not tokens:
        return None, None
    pieces = []
    for position, i in enumerate(tokens):
        joined = position + 1 < len(tokens) and tokens[position + 1] == i + 1 and not doc[i].whitespace_
        pieces.append(doc[i].text + ("" if joined else " "))
    written = "".join(pieces).strip()
    words = written.split()
    table = titles()
    for k in range(len(words)):
        title = table.get(" ".join(words[k:]).lower())
        if title is not None and title.kind in ("role", "head"):
            if title.means:
                words[k:] = [title.means]
            return " ".join(words), title.gender
    return None, None


def _of_country(doc: Doc, end: int, ent_at: dict[int, Span]) -> str | None:
    """ "Sergey Lavrov of Russia" -> RUS."""
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        ent = ent_at.get(end + 1)
        if ent is not None and ent.label_ == "GPE" and ent.start >= end + 1:
            return geo.country_named(ent.text)
    return None


def _apposition(doc: Doc, name: _Name, ent_at: dict[int, Span]) -> tuple[str | None, str | None, bool]:
    """Role and country from an apposition ("Antony Blinken, the US secretary of state", or the other way round),
    and whether the apposition describes a person at all."""
    root = doc[name.start : name.end].root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= name.end:
            return _describe(doc, child, ent_at, name.end, len(doc))
    if root.dep_ == "appos" and root.head.i < name.start:
        return _describe(doc, root.head, ent_at, 0, name.start)
    return None, None, False


def _describe(
    doc: Doc, head: Token, ent_at: dict[int, Span], low: int, high: int
) -> tuple[str | None, str | None, bool]:
    """Role and country from a noun phrase about a person: "the US secretary of state", "a Ukrainian official"."""
    words = _title_words()
    i = head.i
    if doc[i].lower_ not in words and coref.nouns().get(doc[i].lower_, ("",))[0] != "person":
        return None, None, False
    first, last = i, i
    while first - 1 >= low and doc[first - 1].lower_ in words and (first - 1) not in ent_at:
        first -= 1
    while last + 1 < min(high, i + 4) and doc[last + 1].lower_ in words and (last + 1) not in ent_at:
        last += 1
    role, _ = _role_text(doc, list(range(first, last + 1)))
    left = max(low, doc[i].left_edge.i)
    right = min(high, doc[i].right_edge.i + 1, i + 5)  # "of Russia", not a relative clause's places
    country = next((c for ent in _ents_in(ent_at, left, right) if (c := geo.country_code(ent.text))), None)
    return role, country, True


def _ents_in(ent_at: dict[int, Span], start: int, end: int) -> Iterable[Span]:
    seen = set()
    for i in range(start, end):
        ent = ent_at.get(i)
        if ent is not None and ent.start not in seen and ent.label_ in ("GPE", "NORP", "ORG"):
            seen.add(ent.start)
            yield ent


def _country_in(text: str) -> str | None:
    """The country an organisation's own name gives: "Russian Defence Ministry", "Bank of Japan"."""
    words = text.split()
    for size in (2, 1):
        for k in range(len(words) - size + 1):
            piece = " ".join(words[k : k + size])
            if piece[0].isupper() and (code := geo.country_named(piece) or geo.demonym(piece)):
                return code
    return None


# ---- grouping names into entities


@dataclass(slots=True)
class _Grouping:
    groups: list[_Group] = field(default_factory=list)
    by_key: dict[str, int] = field(default_factory=dict)
    by_word: dict[tuple[int, str], list[int]] = field(default_factory=dict)  # (0 first / -1 last, word) -> persons


def _group(names: list[_Name]) -> list[_Group]:
    grouping = _Grouping()
    deferred = []
    for name in names:
        if _is_short(name):
            deferred.append(name)
        else:
            _join(grouping, _key(name, grouping), name)
    for name in deferred:
        _join(grouping, _short_key(name, grouping), name)
    _settle_lone_words(grouping)
    for group in grouping.groups:
        group.name = _canonical(group)
        group.entity_id = ids.entity_id(group.kind, group.name)
    return _merge_same_ids(grouping.groups)


def _settle_lone_words(grouping: _Grouping) -> None:
    """A one-word "person" with no full name, no title and no honorific that the tagger also called an
    organisation ("Qualcomm") is the organisation."""
    for group in grouping.groups:
        if group.kind != "PERSON" or " " in group.key.removeprefix("PERSON:"):
            continue
        if any(n.role or n.surface != n.text or n.gender for n in group.names):
            continue
        index = grouping.by_key.get(f"ORG:{group.key.removeprefix('PERSON:')}")
        if index is not None:
            grouping.groups[index].names.extend(group.names)
            group.names = []
    grouping.groups = [group for group in grouping.groups if group.names]
    for group in grouping.groups:
        for name in group.names:
            name.kind = group.kind


def _is_short(name: _Name) -> bool:
    """Names that can only be read once the full names are known: one-word people, acronyms, stray words, and
    people in a headline, where the tagger takes "Lind Says" for a name."""
    if name.kind == "PERSON":
        return len(_person_words(name.text)) < 2 or name.headline
    return bool(_ACRONYM.match(name.text)) or (name.kind != "GPE" and " " not in name.text)


def _join(grouping: _Grouping, key: str, name: _Name) -> None:
    index = grouping.by_key.get(key)
    if index is None:
        index = grouping.by_key[key] = len(grouping.groups)
        grouping.groups.append(_Group(name.kind, key))
        words = _person_words(name.text)
        if name.kind == "PERSON" and len(words) >= 2 and not name.headline:
            for position in (0, -1):
                grouping.by_word.setdefault((position, words[position]), []).append(index)
    grouping.groups[index].names.append(name)
    if name.kind == "ORG":
        acronym = name.acronym or (None if _ACRONYM.match(name.text) else _initials(name.text))
        if acronym:
            grouping.by_key.setdefault(f"ORG:acronym:{acronym}", index)


def _key(name: _Name, grouping: _Grouping) -> str:
    if name.kind == "ORG" and (known := known_orgs().get(geo.fold(name.text))):
        return f"ORG={known}"
    if name.kind == "PERSON":
        return _person_key(_person_words(name.text), grouping)
    if name.kind in ("GPE", "NORP") and (code := geo.country_named(name.text)):
        return f"GPE:{code}"
    if name.kind == "NORP" and (code := geo.demonym(name.text)):
        return f"NORP:{code}"
    return f"{name.kind}:{plain(name.text)}"


def _person_key(words: list[str], grouping: _Grouping) -> str:
    """The key of an earlier person whose name fits ("Sergey Lavrov" for "Sergey V. Lavrov"), else a new one."""
    for index in grouping.by_word.get((-1, words[-1]), []):
        group = grouping.groups[index]
        known = _person_words(group.names[0].text)
        if _same_first(known[0], words[0]):
            return group.key
    return "PERSON:" + " ".join(words)


def _same_first(a: str, b: str) -> bool:
    if a == b:
        return True
    return (len(a) == 1 or len(b) == 1) and a[0] == b[0]


def _short_key(name: _Name, grouping: _Grouping) -> str:
    """A one-word name joins the one person it can be ("Putin"), an acronym the name it abbreviates."""
    words = _person_words(name.text)
    if name.headline and len(words) >= 2:
        earlier = grouping.by_key.get(_person_key(words, grouping))
        return grouping.groups[earlier].key if earlier is not None else "PERSON:" + " ".join(words)
    if name.kind == "ORG" and (known := known_orgs().get(geo.fold(name.text))):
        return f"ORG={known}"
    if name.kind == "ORG" and _ACRONYM.match(name.text):
        index = grouping.by_key.get(f"ORG:acronym:{name.text.replace('.', '')}")
        return grouping.groups[index].key if index is not None else _key(name, grouping)
    if words and (name.kind == "PERSON" or not geo.country_code(name.text)):
        person = _person_for(words[-1], grouping)
        if person is not None:
            name.kind = "PERSON"
            return grouping.groups[person].key
    if name.kind == "PERSON":
        return "PERSON:" + " ".join(words)
    return _key(name, grouping)


def _person_for(word: str, grouping: _Grouping) -> int | None:
    """The one person whose surname, else first word, is ``word``; None when several are. A first word is a given
    name ("Hillary" for Hillary Clinton) or, in names written family name first, the surname ("Xi")."""
    last, first = grouping.by_word.get((-1, word), []), grouping.by_word.get((0, word), [])
    if last and first and last != first:
        return None  # "Kim" when both Jack Kim and Kim Jong Un are in the article
    matches = last or first
    return matches[0] if len(matches) == 1 else None


def _person_words(text: str) -> list[str]:
    words = [w.strip(",") for w in plain(text).split()]
    return [w for w in words if w and w not in NAME_SUFFIXES]


def _initials(text: str) -> str | None:
    letters = [w[0] for w in text.split() if w[:1].isupper()]
    return "".join(letters) if len(letters) >= 2 else None


def _canonical(group: _Group) -> str:
    if group.key.startswith("GPE:") and (country := geo.country(group.key[4:])):
        return country.name
    if group.key.startswith("NORP:") and (country := geo.country(group.key[5:])) and country.people:
        return country.people
    if group.key.startswith("ORG="):
        return group.key[4:]
    if group.kind in ("GPE", "LOC") and (known := geo.places_named(group.names[0].text)):
        return known[0].name  # "Kiev" and "KYIV" are Kyiv
    names = [n for n in group.names if not n.headline] or group.names
    written = [n.text for n in names if not _ACRONYM.match(n.text)] or [n.text for n in names]
    return max(written, key=lambda text: (len(text.split()), len(text)))


def _merge_same_ids(groups: list[_Group]) -> list[_Group]:
    merged: dict[str, _Group] = {}
    for group in groups:
        if group.entity_id in merged:
            merged[group.entity_id].names.extend(group.names)
        else:
            merged[group.entity_id] = group
    return list(merged.values())


# ---- what coreference sees, and the records


def _referent(group: _Group) -> coref.Referent:
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


def _gender(group: _Group, pronoun_genders: list[str]) -> str | None:
    if group.kind != "PERSON":
        return None
    votes: Counter[str] = Counter()
    for name in group.names:
        if name.gender:
            votes[name.gender] += _SOURCE_WEIGHT["title"]
    first = _person_words(group.name or group.names[0].text)
    if len(first) >= 2 and (given := given_names().get(first[0])):
        votes[given] += _SOURCE_WEIGHT["given"]
    for gender in pronoun_genders:
        votes[gender] += _SOURCE_WEIGHT["pronoun"]
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _country(group: _Group) -> str | None:
    if group.kind in ("PERSON", "ORG"):
        return next((n.country for n in group.names if n.country), None)
    if group.key.startswith(("GPE:", "NORP:")) and geo.country(group.key.split(":", 1)[1]):
        return group.key.split(":", 1)[1]
    return next((code for n in group.names if (code := geo.country_code(n.text))), None)


def _found(doc: Doc, groups: list[_Group], links: list[coref.Link], article_id: str) -> Found:
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


def _entity(group: _Group, gender: str | None, count: int) -> Entity:
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
