"""what: the verb with its auxiliaries, objects and prepositional phrases, up to the first phrase that answers another
question (a place, a time, a reason, a manner); with no object, a place may be the what ("met in the White House").

The headline's clause gives what when there is one (headlines are written to say just that), as the title's own words
with no offsets; else a headline that names the event as a noun the text uses as a verb ("Poland: [Deadly raid on
Dutch mission] in Gdansk"); else the lead's clause.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ...model import Phrase
from .candidates import Clause
from .headline import verb_in_text
from .indexed import IndexedArticle
from .phrases import cue_match, cut, noun_phrase, object_end, other_answer
from .syntax import LOCATIVE, in_word, quoted

_OBJECTS = frozenset({"dobj", "dative", "attr", "acomp", "oprd", "xcomp", "ccomp", "prt"})
_CLAUSE_MARKS = frozenset({"-", "--", "—", "–", ":", ";", "|"})


def what(headline: Clause | None, main: Clause | None, article: IndexedArticle) -> Phrase | None:
    """The headline's clause, else a headline that names the event as a noun ("Deadly raid on Dutch
    mission"), else the lead's main clause."""
    tokens = _predicate(headline, article) if headline is not None else None
    if tokens is None and article.title is not None:
        tokens = _named_event(article.title, article)
    if tokens is None and main is not None:
        tokens = _predicate(main, article)
    return article.phrase(tokens) if tokens is not None else None


def _named_event(title: Doc, article: IndexedArticle) -> Span | None:
    """A headline with no clause that names an action as a noun the text uses as a verb ("[Deadly raid] on
    Dutch mission": "Gunmen raided the compound"), up to a phrase that answers another question."""
    for sentence in reversed(list(title.sents)):
        root = sentence.root
        if root.pos_ == "NOUN" and not quoted(root) and verb_in_text(root.lemma_, article.doc):
            return title[root.left_edge.i : object_end(root, article) + 1]
    return None


def _predicate(clause: Clause, article: IndexedArticle) -> Span | None:
    """What happened: auxiliaries, the verb, its particle, objects and prepositional phrases, up to the first
    phrase that answers another question; for a passive with an agent the patient first ("consulate bombed")."""
    verb = clause.verb
    doc = verb.doc
    start = verb.i
    for child in reversed(list(verb.lefts)):
        if child.dep_ in ("aux", "auxpass", "neg", "advmod") and child.i == start - 1:
            start = child.i
    if clause.patient is not None:
        start = noun_phrase(clause.patient, article.settings.np_tokens).start
    end = verb.i
    for child in verb.rights:
        if child.dep_ in _OBJECTS or (child.dep_ in ("prep", "dative") and not other_answer(child, article)):
            end = max(end, object_end(child, article))
        elif child.dep_ == "prep" and end == verb.i and child.lower_ in LOCATIVE and cue_match(child, article) is None:
            end = object_end(child, article)  # "met [in the White House]": with no object, the place is the what
            break
        else:
            break
    aside = next((t.i for t in doc[verb.i : end + 1] if t.text in _CLAUSE_MARKS and not in_word(t)), None)
    if aside is not None:  # "need a rest - Ruddock": a headline's attribution, or a second clause
        end = aside - 1
    longest = article.settings.what_tokens
    if end - start + 1 > longest:
        end = cut(doc, start, end, longest)
    while end > start and doc[end].is_punct:
        end -= 1
    if end == start and doc[start].pos_ == "AUX":
        return None
    return doc[start : end + 1]
