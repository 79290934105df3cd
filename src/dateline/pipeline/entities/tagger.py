"""Names from the tagger: its names cleaned (no leading "the", titles, honorifics, trailing possessive), their kind
corrected where the dictionaries, the name itself, the words around it or an apposition tell (products, works and
time zones left out), set in their context; and the names it missed (a known given name with a surname, a place
the gazetteer knows, a later use of an acronym the text defined)."""

from __future__ import annotations

import re

import numpy
from spacy.attrs import ENT_TYPE, TAG
from spacy.tokens import Doc, Span, Token

from ...reference import geography as geo
from ...reference.names import titles
from .. import coref, quotemarks
from .context import add_context, apposition_kind
from .lexicon import given_names, kind_cues, known_actors, known_orgs
from .names import ACRONYM, Name

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
_DETERMINERS = frozenset({"the", "a", "an"})
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NEAR = frozenset({"inside", "outside", "near", "into", "across", "around", "through", "opposite"})
_AT = _NEAR | {"at", "in"}
_CODE = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z\d-]+$")  # "F1", "A380": a model or a series, no one's name


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
        _settle_by_apposition(doc, name)
        if name.kind in ("PERSON", "ORG"):
            add_context(doc, name, ent_at)
        names.append(name)
    names.extend(_unmarked_acronyms(doc, text, names))
    for name in _missed_names(doc):
        add_context(doc, name, ent_at)
        names.append(name)
    return sorted(names, key=lambda n: n.start)


def _settle_by_apposition(doc: Doc, name: Name) -> None:
    """A "person" an apposition calls a place ("Vellmar, a town in the north", "the capital city Vellmar") is the
    place, and so is an "organisation" a place follows; a "place" or "event" a person noun comes before ("his
    daughter, Katrina") is the person. Names the tables or the cues know keep their kind."""
    folded = geo.fold(name.text)
    if name.kind not in ("PERSON", "ORG", "GPE", "LOC", "EVENT") or geo.places_named(name.text):
        return
    if folded in known_actors() or folded in known_orgs() or ("name", folded) in kind_cues():
        return
    said = apposition_kind(doc, name)
    if said is None:
        return
    kind, after = said
    to_place = kind == "GPE" and (name.kind == "PERSON" or (name.kind == "ORG" and after))
    to_person = kind == "PERSON" and name.kind not in ("PERSON", "ORG") and not after
    if to_place or to_person:
        name.kind = kind


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
    kind = _kind_in_context(doc, start, end, _relabel(ent.label_, text, doc[end - 1].lower_), text)
    if kind is None:
        return None
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


def _kind_in_context(doc: Doc, start: int, end: int, kind: str, text: str) -> str | None:
    """The kind the dictionaries and the words in and around the name tell, over the tagger's: a known office-holder
    is a person, "in Abu Dhabi" a place, "Vale Arena" a facility, "the Zeta Core chip" no organisation; None when the
    name is of no kind the stage keeps. A country, a place or an organisation the tables know stays what they say."""
    folded = geo.fold(text)
    if (said := kind_cues().get(("name", folded))) is not None:
        return None if said == "-" else said
    if (actor := known_actors().get(folded)) and kind != "NORP":
        return actor
    previous = _token_before(doc, start)
    before = previous.lower_ if previous is not None else ""
    if places := geo.places_named(text):
        at_place = kind in ("PERSON", "ORG") and before in _AT and folded not in given_names()
        return _place_kind(places) if at_place and folded not in known_orgs() and not geo.metonym(text) else kind
    if folded in known_orgs() or geo.metonym(text):
        return kind
    cued = _cued_kind(doc, start, end, kind, text, previous)
    if cued != kind:
        return cued
    if kind in ("PERSON", "GPE", "LOC") and _CODE.match(text):
        return None
    if kind in ("ORG", "PERSON") and geo.demonym(text):
        return "NORP"  # "Brit holidaymakers"
    return kind


def _cued_kind(doc: Doc, start: int, end: int, kind: str, text: str, previous: Token | None) -> str | None:
    """The kind data/entity_kinds.tsv's words tell: the name's last word, a noun right after or before it."""
    cues = kind_cues()
    before = previous.lower_ if previous is not None else ""
    given = kind == "PERSON" and text.split()[0].casefold() in given_names()  # "Ana Bridge" is still a person
    if " " in text and kind != "NORP":
        at, near = before in _AT or kind == "GPE", before in _NEAR or kind == "GPE"
        wheres = ("last", *(["last-at"] if at else []), *(["last-near"] if near else []))
        last = _noun(doc[end - 1], wheres)
        head = next((cue for where in wheres if (cue := cues.get((where, last)))), None)
        if head is not None and (head == "ORG" or not given):
            return head
    if kind in ("PERSON", "GPE", "LOC", "FAC") and end < len(doc):
        after = cues.get(("after", _noun(doc[end], ("after",))))
        if after == "-" or (after == "ORG" and kind == "PERSON" and " " in text):
            return None if after == "-" else after
    if kind != "NORP" and previous is not None and cues.get(("before", _noun(previous, ("before",)))) == "-":
        return None
    return kind


def _token_before(doc: Doc, start: int) -> Token | None:
    """The word before a name and its article: "at" for "at the Vale Arena"."""
    i = start - 1
    while i > 0 and doc[i].lower_ in _DETERMINERS:
        i -= 1
    return doc[i] if i >= 0 else None


def _noun(token: Token, wheres: tuple[str, ...]) -> str:
    """The word as the cues list it: lower case, a noun in the singular ("chips" -> "chip"; "Labs" stays "labs");
    "" for a word that is no noun ("filming" is not "film")."""
    if not token.tag_.startswith("NN"):
        return ""
    word = token.lower_
    return word if any((where, word) in kind_cues() for where in wheres) else token.lemma_.lower()


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
