"""Awkward texts through every stage (issue 7, bad input): read, de-duplicated, parsed by the real spaCy model,
every extractor, stored in a real SQLite file and indexed. Each is stored, with every offset slicing the stored text
exactly, or reported by name; none stops the ingest.

Reproduce: ``.venv/bin/pytest -q tests/test_text_edges.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SHARED
from dateline import Corpus
from dateline.model import Annotations, Article, IngestReport

NEWS = "Foreign Minister Anna Berg said on Monday that Sweden would send aid to Kenya. “We will not wait,” she said."
EDGE_TEXTS = {
    "one-word.txt": "Ceasefire",
    "emoji.txt": f"{NEWS} 🤝 The talks 😀👍🏽 went on 👨‍👩‍👧 late into the night 🇸🇪🇰🇪.",
    "arabic.txt": "قال وزير الخارجية المصري يوم الاثنين إن القاهرة سترسل مساعدات إلى السودان. "
    "وأضاف أن المحادثات ستستأنف.",
    "hebrew.txt": "ראש הממשלה אמר ביום שני כי ישראל תשלח סיוע לטורקיה לאחר רעידת האדמה. השיחות יימשכו מחר.",
    "rtl-in-english.txt": f"{NEWS} Egypt’s minister \u200fسامح شكري\u200f met \u202bמשה כהן\u202c in Cairo on Tuesday.",
    "zero-width.txt": "Foreign\u200b Minister Anna\u200c Berg\u200d said on Monday\u2060 that Sweden\ufeff would "
    "send aid.",
    "combining.txt": "Officials in Me\u0301rida and Zu\u0308rich said Z\u0351\u0363\u0364\u0369a\u0353l\u0308g\u0301o "
    "on Monday.",
    "mixed-languages.txt": f"{NEWS} Le ministre a déclaré lundi que la France enverrait de l’aide. "
    "外交部长周一表示，中国将提供援助。 Министр заявил в понедельник, что Россия направит помощь.",
    "line-separators.txt": f"{NEWS}\u2028Talks resumed\x0bin Geneva\x0con Tuesday\u2029and\x85 ended\x1c late.\x1d",
    "controls.txt": f"{NEWS}\x01\x02 The\x1b[31m talks\x07 ended.",
    "late-nul.txt": f"{NEWS}\n" * 60 + "Talks\x00 resumed on Tuesday.",
    "punctuation.txt": "!?.,;:" * 20_000,  # spaCy's tokenizer is quadratic in such a run (issue 12): stored unread
}
# What may be reported instead of stored, and must then name the input: nothing to read, or binary-looking bytes.
REFUSED = {"empty.txt": b"", "blank.txt": b" \n\t\n", "early-nul.txt": b"Talks\x00 resumed on Monday."}
JSON_ESCAPES = [  # lone surrogates and NULs can only arrive through JSON escapes
    {"title": "Aid \ud800 pledged", "text": "Donors pledged \udfff aid for Sudan on Monday.\u0000 They met in Geneva."},
    {"title": "\u0000", "text": "\u0000\u0000", "author": "\udc00"},
    {"text": "Officials in Khartoum said the convoy \ud83d\ude00 arrived on Tuesday.", "source": "Wire\ud800"},
]


def long_text_without_a_full_stop(size: int) -> str:
    """Real news prose with every sentence end taken out, repeated to ``size`` characters: one huge sentence."""
    with (SHARED / "corpora" / "bbc.jsonl").open(encoding="utf-8") as lines:
        prose = " ".join(json.loads(next(lines))["text"] for _ in range(20))
    prose = " ".join(prose.replace(".", " ").replace("!", " ").replace("?", " ").split())
    return (prose + " ") * (size // (len(prose) + 1) + 1)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Corpus, IngestReport]]:
    """One ingest, with extraction, of every edge text in one folder: they share the spaCy pass, as in real use."""
    if not (SHARED / "corpora").is_dir():
        pytest.skip(f"{SHARED} is absent: the shared corpora live beside the checkout")
    folder = tmp_path_factory.mktemp("edges")
    prose = long_text_without_a_full_stop(5 * 1024 * 1024)
    for name, text in EDGE_TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    for name, data in REFUSED.items():
        (folder / name).write_bytes(data)
    lines = [json.dumps(record) for record in JSON_ESCAPES]  # ASCII escapes: \\ud800 as JSON writes it
    (folder / "escapes.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (folder / "no-full-stop.txt").write_text(prose, encoding="utf-8")  # 5 MB: past what the pipeline reads
    (folder / "no-full-stop-250k.txt").write_text(prose[:250_000], encoding="utf-8")  # read, in pieces
    with Corpus.open(str(tmp_path_factory.mktemp("db") / "edges.db")) as corpus:
        yield corpus, corpus.ingest([str(folder)])


def test_every_edge_text_is_stored_or_reported_by_name(ingested: tuple[Corpus, IngestReport]) -> None:
    corpus, report = ingested
    stored = {Path(article.source.split(":")[0]).name for article in corpus.articles(limit=None)}
    assert stored == {*EDGE_TEXTS, "no-full-stop.txt", "no-full-stop-250k.txt", "escapes.jsonl"}
    failed = {Path(problem.source).name: problem.message for problem in report.problems if problem.severity == "error"}
    assert failed == {
        "empty.txt": "empty file",
        "blank.txt": "empty file",
        "early-nul.txt": "binary file (NUL bytes), not text",
        "escapes.jsonl:2": "no article text",
    }
    assert report.stored == len(EDGE_TEXTS) + 2 + 2  # the long texts, and two of the three JSON records


def test_a_text_too_long_to_parse_is_stored_and_searchable_with_a_note(ingested: tuple[Corpus, IngestReport]) -> None:
    corpus, report = ingested
    [long] = [a for a in corpus.articles(limit=None) if a.source.endswith("/no-full-stop.txt")]
    assert len(long.text) > 5_000_000 and long.text.count(".") == 0
    notes = [p.message for p in report.problems if p.source == long.source and p.severity == "warning"]
    assert notes == [
        f"{len(long.text):,} characters, over the 1,000,000 the reading pipeline takes: stored and searchable, "
        "but not read for entities (set DATELINE_MAX_READ_CHARS)"
    ]
    assert corpus.annotations(long.id).mentions == []
    assert long.id in {hit.article.id for hit in corpus.search("Warner", limit=None)}
    [read] = [a for a in corpus.articles(limit=None) if a.source.endswith("/no-full-stop-250k.txt")]
    assert len(corpus.annotations(read.id).mentions) > 100  # one 250,000-character sentence, parsed in pieces


def test_offsets_of_everything_found_slice_the_stored_text(ingested: tuple[Corpus, IngestReport]) -> None:
    corpus, _ = ingested
    found = 0
    for article in corpus.articles(limit=None):
        assert article.text.strip() and "\x00" not in article.text
        article.text.encode("utf-8")  # no lone surrogates
        assert [article.text[p.start : p.end] for p in article.paragraphs] == article.text.split("\n")
        found += check_offsets(article, corpus.annotations(article.id))
    assert found > 100  # the English texts were read, not just stored


def check_offsets(article: Article, annotations: Annotations) -> int:
    """Assert that every span found in ``article`` slices its text to the words recorded; return how many."""
    text = article.text
    spans: list[tuple[int, int, str | None]] = []
    spans += [(m.start, m.end, m.text) for m in annotations.mentions]
    spans += [(t.start, t.end, t.text) for t in annotations.times]
    spans += [(p.start, p.end, p.text) for p in annotations.places]
    for quote in annotations.quotes:
        spans += [(quote.start, quote.end, None), *((part.start, part.end, None) for part in quote.parts)]
        spans += [(quote.cue.start, quote.cue.end, quote.cue.text)] if quote.cue else []
        spans += [(quote.speaker.start, quote.speaker.end, quote.speaker.text)] if quote.speaker else []
    for event in annotations.events:
        evidence = event.evidence
        spans += [(evidence.start, evidence.end, evidence.text), (evidence.trigger_start, evidence.trigger_end, None)]
        spans += [(actor.start, actor.end, None) for actor in (event.source, event.target) if actor]
    card = annotations.summary
    for phrase in [card.who, card.what, card.when, card.where, card.why, card.how] if card else []:
        if phrase is not None and phrase.start is not None and phrase.end is not None:
            spans.append((phrase.start, phrase.end, phrase.text))
    for start, end, words in spans:
        assert 0 <= start <= end <= len(text), f"{article.source}: span {start}-{end} outside {len(text)} characters"
        assert words is None or text[start:end] == words, f"{article.source}: {text[start:end]!r} != {words!r}"
    return len(spans)


@pytest.mark.parametrize(
    ("name", "word"),
    [("emoji.txt", "Berg"), ("arabic.txt", "القاهرة"), ("hebrew.txt", "ישראל"), ("combining.txt", "Zürich")],
)
def test_edge_texts_are_found_by_their_words(ingested: tuple[Corpus, IngestReport], name: str, word: str) -> None:
    corpus, _ = ingested
    assert name in {Path(hit.article.source).name for hit in corpus.search(word, limit=None)}


def test_json_escapes_that_utf8_cannot_hold_are_stored_as_replacement_characters(
    ingested: tuple[Corpus, IngestReport],
) -> None:
    corpus, _ = ingested
    first = next(a for a in corpus.articles(limit=None) if a.source.endswith("escapes.jsonl:1"))
    assert first.title == "Aid \ufffd pledged"
    assert first.text == "Donors pledged \ufffd aid for Sudan on Monday. They met in Geneva."
    third = next(a for a in corpus.articles(limit=None) if a.source.endswith("escapes.jsonl:3"))
    assert "😀" in third.text and third.outlet == "Wire\ufffd"
