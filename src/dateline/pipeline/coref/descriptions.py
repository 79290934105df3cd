"""Noun phrases: a definite description tied to an entity ("the Russian foreign minister", an apposition, "the
country", "the company"), linked; any other noun phrase, a blocker that competes for pronouns and names nothing."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from .reading import Blocker, Spot
from .records import Link, Referent
from .salience import ROLE_WEIGHT, State, add_blocker, last, remember

# What an apposition's head noun must be to describe an entity of each kind: "Earth, maybe 250 million miles" and
# "Apple, Samsung's sales ratio" are parse errors, not descriptions.
_APPOSITION_FITS = {"PERSON": {"person"}, "NORP": {"person"}, "ORG": {"org"}, "GPE": {"country", "place"},
                    "LOC": {"place"}, "FAC": {"place", "org"}}  # fmt: skip


def resolve_noun(state: State, event: Spot) -> None:
    """A common-noun head: a description of an entity (linked), else an unnamed phrase (a blocker)."""
    found = event.appositive
    if found is not None and not _fits_apposition(state.referents[found], event):
        found = None
    if found is None and event.described:
        if event.noun_class == "person":
            found = _described_person(state, event)
        elif event.noun_class == "org" and not _modifiers(event.token):
            # "the company", "the newspaper": the organisation just named, if one clearly stands out
            found = _most_salient(state, event, lambda r: r.kind == "ORG", window=1, margin=2.0)
        elif event.noun_class == "country" and not _modifiers(event.token):
            found = _most_salient(state, event, lambda r: r.is_country, state.settings.window, margin=1.5)
    if found is None:
        animacy = "person" if event.noun_class == "person" else "thing"
        add_blocker(state, event, Blocker(animacy, event.gender, event.plural))
        return
    start, end = _description_span(event.token)
    state.links.append(Link(start, end, found, False))
    if event.appositive is None:  # an apposition and its name are one noun phrase, counted once
        remember(state, event, found)


def _fits_apposition(referent: Referent, event: Spot) -> bool:
    if event.noun_class in _APPOSITION_FITS.get(referent.kind, ()):
        return True
    return referent.kind == "PERSON" and event.token.lower_ in referent.role_words  # "…, the US secretary of state"


def _modifiers(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < token.i]


def _described_person(state: State, event: Spot) -> int | None:
    """ "the Russian foreign minister": a person whose roles and country fit, the most salient first."""
    token = event.token
    head = token.lower_
    modifiers = [c for c in token.children if c.dep_ in ("amod", "compound") and c.i not in state.anchor_at]
    words = {head} | {c.lower_ for c in modifiers}
    country = _description_country(state, token)

    def fits(referent: Referent) -> bool:
        if referent.kind != "PERSON" or (country and referent.country not in (None, country)):
            return False
        if head == "leader":
            return referent.leads and country is not None and referent.country == country
        return head in referent.role_words and words <= referent.role_words | {head}

    return _most_salient(state, event, fits, window=None)


def _description_country(state: State, token: Token) -> str | None:
    """The country a description names: "the Russian leader", "Russia's leader", "the leader of Russia"."""
    near = [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    near += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    for child in near:
        if (referent := state.anchor_at.get(child.i)) is not None and (country := state.referents[referent].country):
            return country
    return None


def _most_salient(
    state: State, event: Spot, fits: Callable[[Referent], bool], window: int | None, margin: float = 1.0
) -> int | None:
    """The most salient referent that fits within ``window`` sentences back (None: any), if it is ``margin`` times
    as salient as the next."""
    scores: dict[int, float] = {}
    for occurrence in reversed(last(state.history, state.settings.max_description_lookback)):
        distance = event.sent - occurrence.sent
        if window is not None and distance > window:
            break
        if occurrence.cls < 0 or not fits(state.referents[occurrence.cls]):
            continue
        weight = (100.0 + ROLE_WEIGHT[occurrence.role]) * 0.5 ** min(distance, 30)
        scores[occurrence.cls] = scores.get(occurrence.cls, 0.0) + weight
    ranked = sorted(scores.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] < margin * ranked[1]):
        return None
    return max(scores, key=lambda cls: scores[cls])


def _description_span(token: Token) -> tuple[int, int]:
    """From the description's first word to its head, with an "of <country>" after it."""
    start = token.left_edge.i
    end = token.i + 1
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
            end = child.right_edge.i + 1
    return start, end
