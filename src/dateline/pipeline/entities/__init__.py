"""Named entities: the tagger's names cleaned and grouped, one Entity per referent in an article, with roles,
countries and gender; coreference (../coref/) attaches pronouns and descriptions.

    found = entities(doc, article.id)
    found.resolve(start, end)  # ("3f2a...", "Vladimir Putin") for "he", "Mr. Putin" or "the Russian leader"

"President Vladimir Putin of Russia", "Putin" and "Mr. Putin" are one person named "Vladimir Putin" (the fullest
name the text gives), role "President", country RUS; a title is never part of a name. Within an article a surname
joins the full name that ends with it; across articles the ingest merges them by their name keys. Countries are
named the way reference/geography.py names them ("United States" for "the U.S."), so ids agree across articles.

The steps, a module each; each module imports only those before it in this order:

    lexicon    the word lists: organisations known by several names (data/entity_orgs.tsv), given names that
               tell a gender (data/entity_given_names.tsv), words that tell a name's kind (data/entity_kinds.tsv:
               "... Arena" is a facility, "the ... chip" a product), the actor dictionaries' people and bodies
    names      Name: one named mention, cleaned, in tokens
    context    roles, countries and honorifics around a name ("former U.S. Secretary of State", "of Russia", an
               apposition)
    tagger     names from the tagger, cleaned, relabelled (by the actor dictionaries, the gazetteer, the words in
               and around the name, an apposition) and set in their context, and the names it missed
    grouping   names grouped into entities, each named by the fullest name the text gives
    records    Found and how a span resolves to an entity; the Entity and Mention records; what coreference sees
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from .. import coref
from .grouping import grouped
from .records import Found, found, referent
from .tagger import named

__all__ = ["Found", "entities"]


def entities(
    doc: Doc,
    article_id: str = "",
    coreference: coref.CorefSettings | None = None,
    outside: Callable[[int], bool] | None = None,
) -> Found:
    """The article's entities and their mentions: names, descriptions and resolved pronouns (coreference's reach
    and weights from ``coreference``). A name at a character offset ``outside`` holds (a byline's reporter) is not
    the story's: it is left out before names are grouped and pronouns resolved."""
    text = doc.text  # spaCy rebuilds it from the tokens on every access
    names = named(doc, text)
    if outside is not None:
        names = [name for name in names if not outside(doc[name.start].idx)]
    groups = grouped(names)
    referents = [referent(group) for group in groups]
    anchors = [coref.Anchor(n.start, n.end, i) for i, group in enumerate(groups) for n in group.names]
    links = coref.link(doc, anchors, referents, text, settings=coreference)
    return found(doc, groups, links, article_id)
