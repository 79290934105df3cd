"""In-document coreference: third-person pronouns and definite descriptions to the named entities before them.

A salience model after Lappin & Leass (1994), kept small and fast. Everything coreference can point back to, named
or not, is an occurrence of a class: an entity (the named mentions the entities stage grouped) or an unnamed noun
phrase ("the move", "officials"). A class's salience is the sum of its occurrences' weights (subjects weigh most),
halved for every sentence back. A pronoun takes the most salient class that agrees with it in gender, number and
animacy, never a co-argument of its own verb ("Putin praised him"), seldom something inside a quotation when the
pronoun is outside one ("'Lavrov is wrong,' he said"). When the winner is an unnamed phrase the pronoun stays
unresolved: "it" for "the plan" is right, and naming no entity is better than naming the wrong one.
First and second person pronouns are never resolved: inside a quote they are the speaker, whom the quotes stage
finds. Nothing looks forward (no cataphora). How far back it looks, and how much less it makes of a name inside
quotes or of "they" for a company or a country, are settings (CorefSettings).

Definite descriptions are resolved when the text ties them to an entity: an apposition ("Antony Blinken, the US
secretary of state"), a role and country the entity has ("the Russian foreign minister", "the Russian leader" for a
president of Russia), "the country" for the most salient country.

The steps, a module each; each imports only those before it in this order:

    settings      CorefSettings: how far back it looks, how it weighs candidates that fit less well
    lexicon       pronouns, person/organisation/country/place nouns, the words around a pleonastic "it"
    records       Referent, Anchor, Link: what it reads and what it answers
    reading       the tokens it looks at (Spot), each read once for both passes
    salience      what has been mentioned, how salient each class is, a pronoun's pick
    descriptions  definite descriptions tied to an entity, and the unnamed noun phrases that compete
"""

from __future__ import annotations

from spacy.tokens import Doc

from .descriptions import resolve_noun
from .lexicon import Pronoun, nouns, pronouns
from .reading import Blocker, Spot, sentence_index, spots
from .records import Anchor, Link, Referent
from .salience import State, add_blocker, learn_genders, remember, resolve_pronoun
from .settings import CorefSettings

__all__ = ["Anchor", "CorefSettings", "Link", "Pronoun", "Referent", "link", "nouns", "pronouns"]


def link(
    doc: Doc,
    anchors: list[Anchor],
    referents: list[Referent],
    text: str | None = None,
    *,
    settings: CorefSettings | None = None,
) -> list[Link]:
    """Pronouns and definite descriptions in ``doc`` linked to the referents of the named mentions before them.

    People of unknown gender take "he" and "she" alike on a first pass; the pronouns they gathered then give them
    a gender (the majority), and a second pass resolves again with it, so that one early mistake ("her" for a man)
    does not decide for the whole article. ``text`` is doc.text, when the caller has it already; ``settings`` say how
    far back to look and how to weigh what is found there.
    """
    if not len(doc):
        return []
    settings = settings or CorefSettings()
    sent_of = sentence_index(doc)
    spotted = spots(doc, anchors, sent_of, doc.text if text is None else text)
    anchor_at = {i: a.referent for a in anchors for i in range(a.start, a.end)}
    links = link_once(State(doc, referents, sent_of, anchor_at, settings), spotted)
    if learn_genders(doc, links, referents):
        links = link_once(State(doc, referents, sent_of, anchor_at, settings), spotted)
    return links


def link_once(state: State, spotted: list[Spot]) -> list[Link]:
    for event in spotted:
        if event.anchor is not None:
            remember(state, event, event.anchor.referent)
            if event.coordinated:
                add_blocker(state, event, Blocker("thing", None, True))  # "Russia and China ... they"
        elif event.pronoun is not None:
            resolve_pronoun(state, event)
        else:
            resolve_noun(state, event)
    return state.links
