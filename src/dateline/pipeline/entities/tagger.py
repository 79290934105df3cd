"""Names from the tagger: its names cleaned (no leading "the", titles, honorifics, trailing possessive), their kind
corrected where the name itself tells, set in their context; and the names it missed (a known given name with a
surname, a place the gazetteer knows, a later use of an acronym the text defined)."""

from __future__ import annotations

import re

import numpy
from spacy.attrs import ENT_TYPE, TAG
from spacy.tokens import Doc, Span

from ...reference import geography as geo
from ...reference.names import titles
from .. import coref, quotemarks
from .context import add_context
from .lexicon import given_names, known_orgs
from .names import ACRONYM, Name

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
_DETERMINERS = frozenset({"the", "a", "an"})
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def named(doc: Doc, text: str) -> list[Name]:
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
            add_context(doc, name, ent_at)
        names.append(name)
    names.extend(_unmarked_acronyms(doc, text, names))
    for name in _missed_names(doc):
        add_context(doc, name, ent_at)
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


def _missed_names(doc: Doc) -> list[Name]:
    """Names the tagger left out, among proper nouns outside its names: a known given name with a surname
    ("Carmen Vidal"), or a place the gazetteer knows ("Kharkiv")."""
    if not len(doc):
        return []
    columns = doc.to_array([ENT_TYPE, TAG])
    outside = ~numpy.isin(columns[:, 0], [doc.vocab.strings.add(label) for label in LABELS])
    proper = outside & (columns[:, 1] == doc.vocab.strings.add("NNP"))
    found: list[Name] = []
    for i in numpy.nonzero(proper)[0].tolist():
        if (found and found[-1].end > i) or not doc[i].is_title:
            continue
        pair = i + 1 < len(doc) and bool(proper[i + 1])
        if pair and doc[i].lower_ in given_names() and doc[i + 1].is_title:
            found.append(Name(i, i + 2, "PERSON", doc[i : i + 2].text, doc[i : i + 2].text))
        elif pair and (known := geo.places_named(doc[i : i + 2].text)):
            found.append(Name(i, i + 2, _place_kind(known), doc[i : i + 2].text, doc[i : i + 2].text))
        elif not pair and not (i and proper[i - 1]) and (known := geo.places_named(doc[i].text)):
            found.append(Name(i, i + 1, _place_kind(known), doc[i].text, doc[i].text))
    return found


def _place_kind(places: list[geo.GazetteerPlace]) -> str:
    return "LOC" if places[0].kind == "region" else "GPE"


def _clean(doc: Doc, ent: Span) -> Name | None:
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
    name = Name(start, end, kind, text, text, possessive=possessive, plural=plural)
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
        return word.replace(".", "") if ACRONYM.match(word) else None
    return None


def _unmarked_acronyms(doc: Doc, text: str, names: list[Name]) -> list[Name]:
    """Later uses of an acronym the text defined ("the United Nations (UN) ... UN") that the tagger missed."""
    defined = sorted({n.acronym for n in names if n.acronym})
    if not defined:
        return []
    taken = {i for n in names for i in range(n.start, n.end)}
    found = []
    for match in re.finditer(r"\b(?:" + "|".join(map(re.escape, defined)) + r")\b", text):
        span = doc.char_span(match.start(), match.end())
        if span is not None and len(span) == 1 and span.start not in taken:
            found.append(Name(span.start, span.end, "ORG", span.text, span.text))
    return found
