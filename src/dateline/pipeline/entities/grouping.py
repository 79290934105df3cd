"""Names grouped into entities: a surname joins the full name that ends with it, an acronym the name it abbreviates,
a one-word "person" the organisation of that name; each group named by the fullest name the text gives."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...reference import geography as geo
from ...reference.names import NAME_SUFFIXES, plain
from .. import ids
from .lexicon import known_orgs
from .names import ACRONYM, Name


@dataclass(slots=True)
class Group:
    kind: str
    key: str
    names: list[Name] = field(default_factory=list)
    name: str = ""
    entity_id: str = ""


@dataclass(slots=True)
class _Grouping:
    groups: list[Group] = field(default_factory=list)
    by_key: dict[str, int] = field(default_factory=dict)
    by_word: dict[tuple[int, str], list[int]] = field(default_factory=dict)  # (0 first / -1 last, word) -> persons


def grouped(names: list[Name]) -> list[Group]:
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


def _is_short(name: Name) -> bool:
    """Names that can only be read once the full names are known: one-word people, acronyms, stray words, and
    people in a headline, where the tagger takes "Lind Says" for a name."""
    if name.kind == "PERSON":
        return len(person_words(name.text)) < 2 or name.headline
    return bool(ACRONYM.match(name.text)) or (name.kind != "GPE" and " " not in name.text)


def _join(grouping: _Grouping, key: str, name: Name) -> None:
    index = grouping.by_key.get(key)
    if index is None:
        index = grouping.by_key[key] = len(grouping.groups)
        grouping.groups.append(Group(name.kind, key))
        words = person_words(name.text)
        if name.kind == "PERSON" and len(words) >= 2 and not name.headline:
            for position in (0, -1):
                grouping.by_word.setdefault((position, words[position]), []).append(index)
    grouping.groups[index].names.append(name)
    if name.kind == "ORG":
        acronym = name.acronym or (None if ACRONYM.match(name.text) else _initials(name.text))
        if acronym:
            grouping.by_key.setdefault(f"ORG:acronym:{acronym}", index)


def _key(name: Name, grouping: _Grouping) -> str:
    if name.kind == "ORG" and (known := known_orgs().get(geo.fold(name.text))):
        return f"ORG={known}"
    if name.kind == "PERSON":
        return _person_key(person_words(name.text), grouping)
    if name.kind in ("GPE", "NORP") and (code := geo.country_named(name.text)):
        return f"GPE:{code}"
    if name.kind == "NORP" and (code := geo.demonym(name.text)):
        return f"NORP:{code}"
    return f"{name.kind}:{plain(name.text)}"


def _person_key(words: list[str], grouping: _Grouping) -> str:
    """The key of an earlier person whose name fits ("Sergey Lavrov" for "Sergey V. Lavrov"), else a new one."""
    for index in grouping.by_word.get((-1, words[-1]), []):
        group = grouping.groups[index]
        known = person_words(group.names[0].text)
        if _same_first(known[0], words[0]):
            return group.key
    return "PERSON:" + " ".join(words)


def _same_first(a: str, b: str) -> bool:
    if a == b:
        return True
    return (len(a) == 1 or len(b) == 1) and a[0] == b[0]


def _short_key(name: Name, grouping: _Grouping) -> str:
    """A one-word name joins the one person it can be ("Putin"), an acronym the name it abbreviates."""
    words = person_words(name.text)
    if name.headline and len(words) >= 2:
        earlier = grouping.by_key.get(_person_key(words, grouping))
        return grouping.groups[earlier].key if earlier is not None else "PERSON:" + " ".join(words)
    if name.kind == "ORG" and (known := known_orgs().get(geo.fold(name.text))):
        return f"ORG={known}"
    if name.kind == "ORG" and ACRONYM.match(name.text):
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


def person_words(text: str) -> list[str]:
    words = [w.strip(",") for w in plain(text).split()]
    return [w for w in words if w and w not in NAME_SUFFIXES]


def _initials(text: str) -> str | None:
    letters = [w[0] for w in text.split() if w[:1].isupper()]
    return "".join(letters) if len(letters) >= 2 else None


def _canonical(group: Group) -> str:
    if group.key.startswith("GPE:") and (country := geo.country(group.key[4:])):
        return country.name
    if group.key.startswith("NORP:") and (country := geo.country(group.key[5:])) and country.people:
        return country.people
    if group.key.startswith("ORG="):
        return group.key[4:]
    if group.kind in ("GPE", "LOC") and (known := geo.places_named(group.names[0].text)):
        return known[0].name  # "Kiev" and "KYIV" are Kyiv
    names = [n for n in group.names if not n.headline] or group.names
    written = [n.text for n in names if not ACRONYM.match(n.text)] or [n.text for n in names]
    return max(written, key=lambda text: (len(text.split()), len(text)))


def _merge_same_ids(groups: list[Group]) -> list[Group]:
    merged: dict[str, Group] = {}
    for group in groups:
        if group.entity_id in merged:
            merged[group.entity_id].names.extend(group.names)
        else:
            merged[group.entity_id] = group
    return list(merged.values())
