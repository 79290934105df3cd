"""Roles, countries and honorifics around a name: "former U.S. Secretary of State", "Mr.", "Sergey Lavrov of
Russia", "Antony Blinken, the US secretary of state"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from ...reference import geography as geo
from ...reference.names import titles
from .. import coref
from .names import Name

_COUNTRY_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
_CONNECTORS = frozenset({"-", "of", "and", "the", "for"})


@cache
def _title_words() -> frozenset[str]:
    """Every word a title is made of ("secretary", "of", "state"), so a scan knows when it has left one."""
    return frozenset(w for phrase in titles() for w in re.split(r"[\s-]+", phrase) if w)


def add_context(doc: Doc, name: Name, ent_at: dict[int, Span]) -> None:
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


def _title_before(doc: Doc, name: Name, ent_at: dict[int, Span]) -> _Before:
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


def _read_title(doc: Doc, picked: list[int], name: Name, country: str | None) -> _Before:
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


def _apposition(doc: Doc, name: Name, ent_at: dict[int, Span]) -> tuple[str | None, str | None, bool]:
    """Role and country from an apposition ("Antony Blinken, the US secretary of state", or the other way round),
    and whether the apposition describes a person at all."""
    root = doc[name.start : name.end].root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= name.end:
            return _describe(doc, child, ent_at, name.end, len(doc))
    if root.dep_ == "appos" and root.head.i < name.start:
        return _describe(doc, root.head, ent_at, 0, name.start)
    return None, None, False


def apposition_kind(doc: Doc, name: Name) -> tuple[str, bool] | None:
    """The kind an apposition's noun tells, and whether the noun comes after the name: "Vellmar, a town in the north"
    is a place (after), "his daughter, Katrina" a person (before); the noun classes of data/entity_nouns.tsv."""
    root = doc[name.start : name.end].root
    heads = [child for child in root.children if child.dep_ == "appos" and child.i >= name.end]
    if root.dep_ == "appos" and root.head.i < name.start:
        heads.append(root.head)
    for head in heads:
        noun_class = coref.nouns().get(head.lower_, ("",))[0]
        if noun_class in ("place", "person"):
            return ("GPE" if noun_class == "place" else "PERSON"), head.i >= name.end
    return None


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
