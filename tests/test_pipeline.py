"""The reading pipeline end to end: ingest runs it, the store keeps what it found, the CLI shows it."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import write
from dateline import Corpus, Settings, ingest
from dateline.cli import app
from dateline.ingest import storing
from dateline.model import Annotations, Article
from dateline.pipeline import language, nlp, read


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    return nlp.load(Settings().model)


def test_long_texts_are_parsed_in_pieces_that_join_back_exactly(model) -> None:  # type: ignore[no-untyped-def]
    text = ("Ministers met in Lisbon on Monday. They agreed to talk again. " * 40 + "\n") * 12
    pieces = nlp.split(text, 3000)
    assert len(pieces) > 5 and "".join(pieces) == text
    assert all(len(p) <= 3000 for p in pieces)
    items = [(text, "long"), ("Short one.", "short"), ("", "empty"), ("y" * 7000, "no breaks")]
    parsed = list(nlp.parse(model, items, batch_size=2, max_chars=3000))
    assert [context for _, context in parsed] == ["long", "short", "empty", "no breaks"]
    assert [doc.text for doc, _ in parsed] == [t for t, _ in items]
    assert parsed[0][0][3].idx == text.index("Lisbon")


FRENCH = (
    "Les ministres se sont réunis lundi à Lisbonne et ont convenu de se revoir la semaine prochaine. "
    "Le président a déclaré que les négociations reprendraient à Genève avant la fin du mois, "
    "si les deux délégations le souhaitent."
)


def test_language_is_stated_or_detected() -> None:
    assert language.detect("The ministers met in Lisbon on Monday and agreed to talk again next week.") == "en"
    assert language.detect(FRENCH) == "fr"
    assert language.detect("Les ministres se sont réunis lundi.", stated="en-GB") == "en"
    assert language.detect(FRENCH, stated="fr-CA") == "fr"
    assert language.detect("12 34 56") is None


def test_a_text_too_short_to_tell_its_language_by_is_read_as_english_with_a_note(tmp_path: Path) -> None:
    """A one-sentence lead, full of names, was taken for Nigerian Pidgin and not read (issue 12, item 10)."""
    lead = "Ada Eze met Tunde Bello in Enugu on Monday."
    notes: list[str] = []
    assert language.detect(lead, None, notes) == "en"
    assert notes == [
        f"detected as 'pcm', but {len(lead)} characters are too few to tell a language by: read as English"
    ]
    write(tmp_path / "wire.jsonl", json.dumps({"title": "Talks", "text": lead}) + "\n")
    with Corpus.open(str(tmp_path / "x.db"), Settings(n_process=1)) as corpus:
        report = corpus.ingest([str(tmp_path / "wire.jsonl")])
        assert [p.message for p in report.warnings] == notes
        [article] = corpus.articles()
        found = corpus.annotations(article.id)
        assert found.language == "en" and "Ada Eze" in {e.name for e in found.entities}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    seed = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "000_7a99d152a7262305.txt"
    if not seed.exists():
        pytest.skip(f"{seed} is absent: the seed article lives in ../shared")
    corpus = Corpus.open(str(tmp_path_factory.mktemp("pipeline") / "seed.db"), Settings(n_process=1))
    report = corpus.ingest([str(seed)])
    assert report.stored == 1 and report.failed == 0
    return corpus


def test_ingest_stores_what_the_pipeline_found(seeded: Corpus) -> None:
    [article] = seeded.articles()
    found = seeded.annotations(article.id)
    assert found.language == "en" and found.notes == []
    names = {e.name for e in found.entities}
    assert {"Vladimir Putin", "Sergey V Lavrov", "Antony Blinken"} <= names
    for mention in found.mentions:
        assert article.text[mention.start : mention.end] == mention.text
    for quote in found.quotes:
        assert article.text[quote.start : quote.end] == quote.text
    speakers = {q.speaker.name for q in found.quotes if q.speaker}
    assert "Vladimir Putin" in speakers and "Sergey V Lavrov" in speakers
    values = {t.text: t.value for t in found.times}
    assert values.get("Monday") == "2022-02-21" and values.get("Thursday") == "2022-02-24"
    assert any(p.country == "UKR" for p in found.places)


def test_quotes_and_entities_across_the_corpus(seeded: Corpus) -> None:
    putin = seeded.quotes(speaker="putin", limit=None)
    assert len(putin) >= 4 and all(q.speaker and q.speaker.name == "Vladimir Putin" for q in putin)
    assert [q.text for q in seeded.quotes(about="menu", limit=None)] == [
        next(q.text for q in seeded.quotes(speaker="lavrov", limit=None) if "menu" in q.text)
    ]
    [person] = seeded.entities(name="Putin", kind="PERSON")
    assert person.country == "RUS" and person.articles == 1 and "President" in person.roles


def test_quotes_say_what_their_cue_reports(corpus: Corpus, tmp_path: Path) -> None:
    body = (
        "Engineers fear that the old dam could fail within days.\n"
        "The dam has been leaking since January, according to a report seen by this newspaper.\n"
        "The regional governor, Ana Ruiz, said on Monday that the valley would be evacuated before the weekend."
    )
    write(tmp_path / "dam.txt", f"date 2031-03-03 Dam fears\n>> Meridian Wire\n{body}\n")
    corpus.ingest([str(tmp_path / "dam.txt")])
    kinds = {q.cue.text: q.cue.kind for q in corpus.quotes(min_confidence=0, limit=None) if q.cue}
    assert kinds == {"fear": "belief", "according to": "source", "said": "speech"}
    assert {q.cue.text for q in corpus.quotes(limit=None) if q.cue} == {"said"}  # the others are unsure
    [said] = corpus.quotes(cue_kinds=["speech"], limit=None)
    assert said.speaker and said.speaker.name == "Ana Ruiz"


def test_reprocess_replaces_rather_than_adds(seeded: Corpus) -> None:
    [article] = seeded.articles()
    before = seeded.annotations(article.id)
    assert seeded.reprocess() == 1
    after = seeded.annotations(article.id)
    assert [q.id for q in after.quotes] == [q.id for q in before.quotes]
    assert len(after.mentions) == len(before.mentions) and len(after.times) == len(before.times)


def test_cli_quotes_entities_and_annotated_show(seeded: Corpus) -> None:
    runner = CliRunner()
    db = seeded.store.url.removeprefix("sqlite:///")
    quotes = json.loads(runner.invoke(app, ["quotes", "--db", db, "--speaker", "Lavrov", "-f", "json"]).output)
    assert quotes and set(quotes[0]) >= {"id", "article_id", "text", "start", "end", "kind", "cue", "speaker"}
    assert set(quotes[0]["speaker"]) >= {"text", "start", "end", "entity_id", "name"}
    assert quotes[0]["speaker"]["name"] == "Sergey V Lavrov"
    [article] = seeded.articles()
    shown = runner.invoke(app, ["show", article.id, "--db", db, "--annotate"]).output
    assert "⟨Vladimir Putin · said⟩" in shown and "[2022-02-24]" in shown
    as_json = json.loads(runner.invoke(app, ["show", article.id, "--db", db, "-a", "-f", "json"]).output)
    assert as_json["annotations"]["quotes"] and as_json["annotations"]["times"]
    table = runner.invoke(app, ["entities", "--db", db, "--kind", "PERSON"]).output
    assert "Vladimir Putin" in table


def test_awkward_articles_are_stored_and_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    words = " ".join(f"{n:07d}abcdefghijklmnopqrstuvwxyzabcdefghijklmno" for n in range(20_000))  # ~1 MB, no stop
    write(folder / "long.txt", "date 2031-01-01 One long paragraph\n>> W\n" + words + "\n")
    write(folder / "numbers.txt", "date 2031-01-01 Tables\n>> W\n12 34 56 78\n")
    write(folder / "quotes.txt", "date 2031-01-01 Open\n>> W\nHe said “this never closes.\nAnd “this neither.\n")
    write(folder / "fr.jsonl", json.dumps({"text": FRENCH, "title": "Genève"}) + "\n")
    with Corpus.open(str(tmp_path / "awkward.db"), Settings(n_process=1)) as corpus:
        report = corpus.ingest([str(folder)])
        assert report.stored == 4 and report.failed == 0
        [note] = [p for p in report.warnings if "fr.jsonl" in p.source]
        assert "not English" in note.message
        [genève] = corpus.search("Genève")
        assert corpus.annotations(genève.article.id).entities == []


def test_worker_processes_read_the_same_as_one_process(tmp_path: Path) -> None:
    shared = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "googlenews.jsonl"
    if not shared.exists():
        pytest.skip(f"{shared} is absent: the corpora live in ../shared")
    found = {}
    for processes in (1, 2):
        with Corpus.open(str(tmp_path / f"{processes}.db"), Settings(n_process=processes)) as corpus:
            corpus.ingest([str(shared)])
            found[processes] = [
                (a.id, [q.id for q in corpus.quotes(limit=None) if q.article_id == a.id])
                for a in corpus.articles(limit=None)
            ]
            found[processes].append(("events", sorted(e.id for e in corpus.events(limit=None))))
    assert found[1] == found[2] and len(found[1]) > 30


def test_a_failing_store_stops_the_workers_instead_of_hanging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "googlenews.jsonl"
    if not shared.exists():
        pytest.skip(f"{shared} is absent: the corpora live in ../shared")
    with Corpus.open(str(tmp_path / "x.db"), Settings(n_process=2, batch_size=5)) as corpus:
        real = storing.write
        calls = []

        def fails_second_time(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(1)
            if len(calls) == 2:
                raise RuntimeError("disk says no")
            return real(*args, **kwargs)

        monkeypatch.setattr(storing, "write", fails_second_time)
        with pytest.raises(RuntimeError, match="disk says no"):
            corpus.ingest([str(shared)])
        assert corpus.stats().articles == 5  # the first batch stays


def test_a_copy_is_not_parsed_while_its_original_is_on_its_way_to_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [json.dumps({"title": f"Story {n}", "text": f"The mayor of Town {n} said on Monday that the bridge opens."})
             for n in range(6)]  # fmt: skip
    write(tmp_path / "feed.jsonl", "\n".join(lines + lines) + "\n")  # each copy comes three batches after its original
    with Corpus.open(str(tmp_path / "x.db"), Settings(n_process=1, batch_size=2)) as corpus:
        parsed = []
        real = ingest.annotated

        def counting(articles, settings):  # type: ignore[no-untyped-def]
            return real((a for a in articles if not parsed.append(a.id)), settings)

        monkeypatch.setattr(ingest, "annotated", counting)
        report = corpus.ingest([str(tmp_path / "feed.jsonl")])
    assert (report.stored, report.duplicates) == (6, 6)
    assert len(parsed) == len(set(parsed)) == 6


def _read_one(text: str) -> Annotations:
    """What the whole pipeline reads in one invented article."""
    [found] = read([Article(text=text, source="t", format="text", published=datetime(2031, 6, 1, tzinfo=UTC),
                            id="a1")], Settings())  # fmt: skip
    return found


# Who speaks is the speaker phrase's head, named when the text names it (invented sentences).
HEADS = [
    pytest.param(
        "Orbital founder Mira Castell said the rocket would fly in June.",
        "Mira Castell",
        id="a founder of a company is the person",
    ),
    pytest.param("Ruritania's space experts said the satellite had been lost.", None, id="experts of a country"),
    pytest.param(
        "A spokesman for the Borduria Ministry of Health said the clinics would reopen.",
        None,
        id="a spokesman for a ministry is not the ministry",
    ),
]


@pytest.mark.parametrize(("text", "speaker"), HEADS)
def test_a_speaker_is_the_head_of_its_phrase(text: str, speaker: str | None) -> None:
    found = _read_one(text)
    [quote] = found.quotes
    assert quote.speaker is not None and quote.speaker.name == speaker


# An organisation described as the one who speaks ("the company said") is the one just named, when one stands out.
DESCRIBED = [
    pytest.param(
        "Zentrix Corp. reported record sales on Tuesday. The company said demand had doubled.",
        "Zentrix Corp.",
        id="the company just named",
    ),
    pytest.param(
        "Zentrix Corp. and Holm Industries both reported record sales. The company said demand had doubled.",
        None,
        id="two companies: no one stands out",
    ),
]


@pytest.mark.parametrize(("text", "speaker"), DESCRIBED)
def test_a_described_organisation_speaks_for_the_one_just_named(text: str, speaker: str | None) -> None:
    found = _read_one(text)
    said = [q for q in found.quotes if q.speaker is not None and q.speaker.text == "The company"]
    assert [q.speaker.name for q in said if q.speaker] == [speaker]
