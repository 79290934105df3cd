"""The REST API on a real store: the seed article and real articles from ../shared/corpora read by the real
pipeline once for the module, asked through the ASGI app (and once through `dateline serve` on a real socket)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from conftest import SEED, SHARED, write
from dateline import Corpus, Settings
from dateline.reference.cameo.labels import code_label
from dateline.web import create_app

SCRIPT = "<script>alert(1)</script>"
HOSTILE = {
    "title": "Harbour notice",
    "text": f"The harbour office posted a notice reading {SCRIPT} about the ferry timetable.\n"
    "Ferries to the islands run twice a day until the storm season ends.",
    "published": "2017-10-02",
    "source": "Test Gazette",
}
NEWSCLUSTER_LINES = [0, 1, 2, 3, 4, 5, 9, 13, 16, 17, 25]
GOOGLENEWS_LINES = [0, 1, 2, 3]


def pick(corpus: str, lines: list[int]) -> str:
    records = (SHARED / "corpora" / corpus).read_text(encoding="utf-8").splitlines()
    return "".join(records[n] + "\n" for n in lines)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not (SHARED / "corpora").is_dir() or not SEED.exists():
        pytest.skip(f"{SHARED} is absent: the seed and the corpora live beside the checkout")
    folder = tmp_path_factory.mktemp("api")
    write(folder / "in" / "newscluster.jsonl", pick("newscluster.jsonl", NEWSCLUSTER_LINES))
    write(folder / "in" / "googlenews.jsonl", pick("googlenews.jsonl", GOOGLENEWS_LINES))
    write(folder / "in" / "hostile.jsonl", json.dumps(HOSTILE) + "\n")
    path = str(folder / "api.db")
    with Corpus.open(path) as corpus:
        report = corpus.ingest([str(SEED), str(folder / "in")])
    assert report.failed == 0 and report.stored == 1 + len(NEWSCLUSTER_LINES) + len(GOOGLENEWS_LINES) + 1
    return path


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, Settings.from_env())) as opened:
        yield opened


def get(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, (url, response.text)
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def everything(client: TestClient, url: str, limit: int) -> list[dict[str, Any]]:
    """Every item of a listing, page by page, following next_offset."""
    items: list[dict[str, Any]] = []
    offset: int | None = 0
    while offset is not None:
        page = get(client, f"{url}{'&' if '?' in url else '?'}limit={limit}&offset={offset}")
        assert page["limit"] == limit and page["offset"] == offset and len(page["items"]) <= limit
        items += page["items"]
        offset = page["next_offset"]
    return items


@pytest.fixture(scope="module")
def putin(client: TestClient) -> dict[str, Any]:
    found = get(client, "/api/entities?q=Putin&kind=PERSON")["items"]
    return next(e for e in found if e["name"] == "Vladimir Putin")


# reading


def test_stats(client: TestClient) -> None:
    stats = get(client, "/api/stats")
    assert stats["articles"] == 17 and stats["schema_version"]
    assert stats["top_outlets"] and all(len(pair) == 2 for pair in stats["top_outlets"])


def test_articles_newest_first_paged_without_text(client: TestClient) -> None:
    whole = get(client, "/api/articles?limit=500")
    assert whole["next_offset"] is None and len(whole["items"]) == 17
    assert all("text" not in a and "paragraphs" not in a for a in whole["items"])
    dated = [a["published"][:10] for a in whole["items"] if a["published"]]
    assert dated == sorted(dated, reverse=True)
    assert [a["id"] for a in everything(client, "/api/articles", 4)] == [a["id"] for a in whole["items"]]


def test_article_filters(client: TestClient) -> None:
    nyt = get(client, "/api/articles?outlet=new%20york")["items"]
    assert nyt and all("New York" in a["outlet"] for a in nyt)
    by_author = get(client, "/api/articles?author=troianovski")["items"]
    assert [a["title"][:5] for a in by_author] == ["Putin"]
    day = get(client, "/api/articles?since=2022-02-21&until=2022-02-21")["items"]
    assert [a["published"][:10] for a in day] == ["2022-02-21"]
    story = get(client, f"/api/articles?story={by_author[0]['story_id']}")["items"]
    assert story and all(a["story_id"] == by_author[0]["story_id"] for a in story)


def test_articles_by_person_and_event_type(client: TestClient, putin: dict[str, Any]) -> None:
    every = {a["id"] for a in get(client, "/api/articles?limit=500")["items"]}
    his = {a["id"] for a in get(client, f"/api/articles?entity_id={putin['id']}&limit=500")["items"]}
    naming = {
        article_id
        for article_id in every
        if "Vladimir Putin"
        in {e["name"] for e in get(client, f"/api/articles/{article_id}")["annotations"]["entities"]}
    }
    assert his and his == naming and his < every
    for kind in ("plover=AGREE", "code=03*", "plover=ACCUSE&code=11*"):
        reporting = {e["article_id"] for e in get(client, f"/api/events?{kind}&limit=500")["items"]}
        found = {a["id"] for a in get(client, f"/api/articles?{kind}&limit=500")["items"]}
        assert found == reporting, kind
    searched = get(client, f"/api/articles?q=Russia&entity_id={putin['id']}&plover=AGREE&limit=500")["items"]
    agreeing = {e["article_id"] for e in get(client, "/api/events?plover=AGREE&limit=500")["items"]}
    assert searched and all(h["snippet"] and h["id"] in his & agreeing for h in searched)


def test_search_hits_have_escaped_marked_snippets(client: TestClient) -> None:
    hits = get(client, "/api/articles?q=Putin")["items"]
    assert hits and all("<mark>" in h["snippet"] and h["score"] > 0 for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    hostile = get(client, "/api/articles?q=harbour%20notice")["items"]
    assert len(hostile) == 1 and "<script>" not in hostile[0]["snippet"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile[0]["snippet"]
    later = get(client, "/api/articles?q=Putin&since=2022-01-01")["items"]
    assert later and all(h["published"] >= "2022-01-01" for h in later)
    pages = everything(client, "/api/articles?q=said", 3)
    assert [h["id"] for h in pages] == [h["id"] for h in get(client, "/api/articles?q=said&limit=500")["items"]]


def test_article_comes_back_as_data_with_annotations_on_its_text(client: TestClient) -> None:
    hostile = get(client, "/api/articles?q=harbour")["items"][0]
    page = get(client, f"/api/articles/{hostile['id']}")
    assert SCRIPT in page["article"]["text"]
    seed = get(client, "/api/articles?author=troianovski")["items"][0]
    page = get(client, f"/api/articles/{seed['id'][:8]}")
    text, found = page["article"]["text"], page["annotations"]
    assert set(found) >= {"entities", "mentions", "quotes", "times", "places", "events", "summary"}
    assert all(text[m["start"] : m["end"]] == m["text"] for m in found["mentions"])
    assert all(text[q["start"] : q["end"]] == q["text"] for q in found["quotes"])
    said_by_putin = [q for q in found["quotes"] if q["speaker"] and q["speaker"]["name"] == "Vladimir Putin"]
    assert len(said_by_putin) >= 3
    assert found["events"] and all(text[e["evidence"]["start"] : e["evidence"]["end"]] == e["evidence"]["text"]
                                   for e in found["events"])  # fmt: skip


def test_entities_with_counts_filters_and_pages(client: TestClient, putin: dict[str, Any]) -> None:
    assert putin["country"] == "RUS" and putin["mentions"] >= putin["articles"] >= 1 and "Putin" in putin["aliases"]
    people = get(client, "/api/entities?kind=person&limit=500")["items"]
    assert people and all(e["kind"] == "PERSON" for e in people)
    assert all(e["country"] == "RUS" for e in get(client, "/api/entities?country=rus")["items"])
    listed = get(client, "/api/entities?limit=500")["items"]
    assert [(e["articles"], e["mentions"]) for e in listed] == sorted(
        ((e["articles"], e["mentions"]) for e in listed), reverse=True
    )
    assert [e["id"] for e in everything(client, "/api/entities", 50)] == [e["id"] for e in listed]


def test_actor_page(client: TestClient, putin: dict[str, Any]) -> None:
    page = get(client, f"/api/entities/{putin['id']}")
    assert page["entity"]["id"] == putin["id"] and page["entity"]["mentions"] == putin["mentions"]
    assert page["codes"][0] == "RUSGOV"
    assert page["quotes"] and all(q["speaker"]["entity_id"] == putin["id"] for q in page["quotes"])
    assert page["events_as_source"] and all(e["source"]["name"] == "Vladimir Putin" for e in page["events_as_source"])
    groups = [e["group_id"] for e in page["events_as_source"]]
    assert len(groups) == len(set(groups))  # one report of each event, not its copies
    assert all(set(p) == {"entity_id", "name", "code", "events", "mean_goldstein"} for p in page["partners"])
    assert putin["id"] not in {p["entity_id"] for p in page["partners"]}
    timeline = page["timeline"]
    assert sum(p["mentions"] for p in timeline) == putin["mentions"]  # every article mentioning him is dated
    quotes = get(client, f"/api/quotes?entity_id={putin['id']}&limit=500")["items"]
    assert sum(p["quotes"] for p in timeline) == len(quotes)
    assert all(p["start"] <= p["end"] for p in timeline)
    assert get(client, f"/api/entities/{putin['id']}?by=year")["timeline"][0]["period"].isdigit()


def test_quotes_filters(client: TestClient, putin: dict[str, Any]) -> None:
    by_name = get(client, "/api/quotes?speaker=putin&limit=500")["items"]
    by_id = get(client, f"/api/quotes?entity_id={putin['id']}&limit=500")["items"]
    assert by_id and {q["id"] for q in by_id} <= {q["id"] for q in by_name}
    about = get(client, "/api/quotes?about=Minsk%20OR%20measures")["items"]
    assert about and all("minsk" in q["text"].lower() or "measure" in q["text"].lower() for q in about)
    speech = get(client, "/api/quotes?cue=speech&limit=500")["items"]
    beliefs = get(client, "/api/quotes?cue=belief,evidence&limit=500")["items"]
    assert speech and all(q["cue"]["kind"] == "speech" for q in speech)
    assert all(q["cue"]["kind"] in ("belief", "evidence") for q in beliefs)
    assert not get(client, "/api/quotes?since=2031-01-01")["items"]
    listed = get(client, "/api/quotes?limit=500")["items"]
    assert [q["id"] for q in everything(client, "/api/quotes", 7)] == [q["id"] for q in listed]


def involves(actor: dict[str, Any] | None, wanted: str) -> bool:
    return actor is not None and (
        (actor["code"] or "").startswith(wanted.upper()) or wanted.lower() in (actor["name"] or "").lower()
    )


def test_events_filters(client: TestClient, putin: dict[str, Any]) -> None:
    either = get(client, "/api/events?actor=RUS&limit=500")["items"]
    assert either and all(involves(e["source"], "RUS") or involves(e["target"], "RUS") for e in either)
    sources = get(client, "/api/events?source=RUS&limit=500")["items"]
    assert sources and {e["id"] for e in sources} <= {e["id"] for e in either}
    dyad = get(client, "/api/events?dyad=RUS,USA&limit=500")["items"]
    assert dyad and all(
        (involves(e["source"], "RUS") and involves(e["target"], "USA"))
        or (involves(e["source"], "USA") and involves(e["target"], "RUS"))
        for e in dyad
    )
    his = get(client, f"/api/events?entity_id={putin['id']}&limit=500")["items"]
    assert his and all(putin["id"] in (e["source"]["entity_id"], (e["target"] or {}).get("entity_id")) for e in his)
    assert all(e["code"].startswith("03") for e in get(client, "/api/events?code=03*")["items"])
    assert all(e["quad_class"] == 1 for e in get(client, "/api/events?quad_class=1")["items"])
    assert all(e["plover"] == "AGREE" for e in get(client, "/api/events?plover=agree")["items"])
    listed = get(client, "/api/events?limit=500")["items"]
    assert [e["date"] for e in listed] == sorted((e["date"] for e in listed), reverse=True)
    assert [e["id"] for e in everything(client, "/api/events", 5)] == [e["id"] for e in listed]


def test_dyad_points_lead_to_their_events(client: TestClient) -> None:
    series = get(client, "/api/dyads?a=RUS&b=USA&by=day")
    assert series["a"] == "RUS" and series["by"] == "day" and series["points"]
    for point in series["points"]:
        assert set(point["quad_classes"]) == {"1", "2", "3", "4"}
        assert sum(point["quad_classes"].values()) == point["events"] == point["forward"] + point["backward"]
        period = f"dyad=RUS,USA&since={point['start']}&until={point['end']}&limit=500"
        grouped = get(client, f"/api/events?{period}&grouped=true")["items"]
        assert len(grouped) == point["events"], point
        assert all(e["id"] == e["group_id"] for e in grouped)
        reports = get(client, f"/api/events?{period}")["items"]
        assert {e["group_id"] for e in reports} == {e["group_id"] for e in grouped}
    monthly = get(client, "/api/dyads?a=RUS&b=USA&by=month")["points"]
    assert sum(p["events"] for p in monthly) == sum(p["events"] for p in series["points"])


def test_a_group_lists_its_reports(client: TestClient) -> None:
    grouped = everything(client, "/api/events?grouped=true", 50)
    assert len(grouped) == len({e["group_id"] for e in get(client, "/api/events?limit=500")["items"]})
    for first in grouped:
        reports = get(client, f"/api/events?group={first['group_id']}&limit=500")["items"]
        assert first["id"] in {e["id"] for e in reports} and len(reports) == first["num_mentions"]
        assert all(e["group_id"] == first["group_id"] for e in reports)
        assert len({e["article_id"] for e in reports}) >= first["num_articles"]


def test_events_by_words_in_their_sentence(client: TestClient) -> None:
    """Every event, sure or not (min_confidence=0): the words decide here."""
    every = get(client, "/api/events?limit=500&min_confidence=0")["items"]
    putin = get(client, "/api/events?q=putin&limit=500&min_confidence=0")["items"]
    assert putin and all("putin" in e["evidence"]["text"].lower() for e in putin)
    assert {e["id"] for e in putin} == {e["id"] for e in every if "putin" in e["evidence"]["text"].lower()}
    without = get(client, "/api/events?q=Putin%20NOT%20Ukraine&limit=500&min_confidence=0")["items"]
    assert without and {e["id"] for e in without} < {e["id"] for e in putin}
    assert all("ukraine" not in e["evidence"]["text"].lower() for e in without)
    either = {e["id"] for e in get(client, "/api/events?q=Putin%20OR%20Russia&limit=500&min_confidence=0")["items"]}
    assert {e["id"] for e in putin} < either
    assert either == {e["id"] for e in every if "putin" in e["evidence"]["text"].lower()
                      or "russia" in e["evidence"]["text"].lower()}  # fmt: skip
    assert get(client, "/api/events?q=zzyzx")["items"] == []


def test_timeline(client: TestClient) -> None:
    dated = [a for a in get(client, "/api/articles?limit=500")["items"] if a["published"]]
    weekly = get(client, "/api/timeline?by=week")
    assert weekly["by"] == "week" and sum(p["articles"] for p in weekly["points"]) == len(dated)
    assert all(p["goldstein"] is None or -10 <= p["goldstein"] <= 10 for p in weekly["points"])
    assert all(sum(p["quad_classes"].values()) == p["events"] for p in weekly["points"])
    hits = [h for h in get(client, "/api/articles?q=Putin&limit=500")["items"] if h["published"]]
    searched = get(client, "/api/timeline?by=month&q=Putin")["points"]
    assert sum(p["articles"] for p in searched) == len(hits)
    russian = get(client, "/api/timeline?by=month&actor=RUS")["points"]
    assert 0 < sum(p["articles"] for p in russian) < len(dated)
    for point in searched:
        behind = get(client, f"/api/events?q=Putin&grouped=true&since={point['start']}&until={point['end']}&limit=500")
        assert len(behind["items"]) == point["events"], point
    assert sum(p["events"] for p in searched) > 0


def test_network(client: TestClient) -> None:
    for by in ("code", "entity"):
        network = get(client, f"/api/network?by={by}")
        ids = {n["id"] for n in network["nodes"]}
        assert network["edges"] and all(e["source"] in ids and e["target"] in ids for e in network["edges"])
        assert all(e["quad_class"] in (1, 2, 3, 4) and -10 <= e["goldstein"] <= 10 for e in network["edges"])
        assert not any(n["id"].startswith("---") for n in network["nodes"])
        ends = ("source_code", "target_code") if by == "code" else ("source_entity_id", "target_entity_id")
        for edge in network["edges"]:
            behind = get(client, f"/api/events?{ends[0]}={edge['source']}&{ends[1]}={edge['target']}&grouped=true"
                         "&limit=500")["items"]  # fmt: skip
            assert len(behind) == edge["events"], edge
    by_entity = get(client, "/api/network?by=entity")
    assert "Vladimir Putin" in {n["label"] for n in by_entity["nodes"]}
    assert not any(n["label"].startswith(("IGO", "NGO")) for n in get(client, "/api/network")["nodes"])
    strong = get(client, "/api/network?min_events=2")["edges"]
    assert all(e["events"] >= 2 for e in strong)
    assert len(get(client, "/api/network?max_edges=1")["edges"]) == 1


def test_international_bodies_are_named_like_countries() -> None:
    codes = ("IGOUNO", "IGOUNOGOV", "IGOWSTNAT", "IGOEUREECGOV", "RUSGOV")
    assert [code_label(code) for code in codes] == [
        "United Nations", "United Nations (government)", "NATO", "European Union (government)", "Russia government"
    ]  # fmt: skip


def test_stories(client: TestClient) -> None:
    every = everything(client, "/api/stories?min_articles=1", 5)
    assert len(every) == get(client, "/api/stats")["stories"]
    assert sum(s["articles"] for s in every) == 17 and all(len(s["article_ids"]) == s["articles"] for s in every)
    assert all(s["articles"] >= 2 for s in get(client, "/api/stories")["items"])


# bad requests


@pytest.mark.parametrize(
    ("url", "status", "named"),
    [
        ("/api/articles?limit=0", 400, "limit"),
        ("/api/articles?limit=501", 400, "limit"),
        ("/api/articles?offset=-1", 400, "offset"),
        ("/api/articles?since=yesterday-ish", 400, "since"),
        ("/api/quotes?until=2022-13-45", 400, "until"),
        ("/api/articles?q=%22%22", 400, "q"),
        ("/api/quotes?about=---", 400, "about"),
        ("/api/events?code=abc", 400, "code"),
        ("/api/events?quad_class=5", 400, "quad_class"),
        ("/api/events?dyad=RUS", 400, "dyad"),
        ("/api/events?q=%22%22", 400, "q"),
        ("/api/events?grouped=perhaps", 400, "grouped"),
        ("/api/articles?code=x1", 400, "code"),
        ("/api/articles?entity_id=nobody", 404, "nobody"),
        ("/api/dyads?a=RUS", 400, "b"),
        ("/api/dyads?a=RUS&b=USA&by=fortnight", 400, "by"),
        ("/api/network?by=outlet", 400, "by"),
        ("/api/entities?country=Russia", 400, "country"),
        ("/api/articles/0000000000000000", 404, "0000000000000000"),
        ("/api/entities/nobody", 404, "nobody"),
        ("/api/events?entity_id=nobody", 404, "nobody"),
        ("/api/nowhere", 404, "/api/nowhere"),
    ],
)
def test_bad_requests_get_json_errors_naming_the_input(client: TestClient, url: str, status: int, named: str) -> None:
    error = get(client, url, status)
    assert list(error) == ["error"] and named in error["error"], error


def test_method_not_allowed_is_json(client: TestClient) -> None:
    response = client.delete("/api/articles")
    assert response.status_code == 405 and "error" in response.json()


# writing


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings.from_env(api_token="s3cret-token")
    with TestClient(create_app(str(tmp_path / "write.db"), settings)) as opened:
        yield opened


def test_read_only_without_a_token(client: TestClient) -> None:
    for attempt in (
        {"json": {"articles": [{"text": "Rain fell on Lisbon."}]}},
        {"files": {"files": ("a.txt", b"Rain fell on Lisbon.")}},
    ):
        response = client.post("/api/articles", headers={"Authorization": "Bearer anything"}, **attempt)
        assert response.status_code == 403 and "read-only" in response.json()["error"]
    assert get(client, "/api/stats")["articles"] == 17


def test_uploads_need_the_right_token(writer: TestClient) -> None:
    body = {"articles": [{"text": "Rain fell on Lisbon on Monday.", "title": "Rain"}]}
    missing = writer.post("/api/articles", json=body)
    wrong = writer.post("/api/articles", json=body, headers={"Authorization": "Bearer guess"})
    for response in (missing, wrong):
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
        assert "Authorization" in response.json()["error"]
    assert get(writer, "/api/stats")["articles"] == 0


def test_json_upload_is_stored_and_searchable(writer: TestClient) -> None:
    auth = {"Authorization": "Bearer s3cret-token"}
    article = {"title": "Lavrov ready to meet Blinken", "outlet": "Meridian Wire", "published": "2022-02-21",
               "authors": ["A. Writer"], "url": "https://example.org/lavrov",
               "text": "Russian Foreign Minister Sergey Lavrov said on Monday that he was willing to meet "
                       "Antony Blinken on Thursday in Geneva."}  # fmt: skip
    response = writer.post("/api/articles", json={"articles": [article]}, headers=auth)
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["read"], report["stored"], report["duplicates"], report["failed"]) == (1, 1, 0, 0)
    hits = get(writer, "/api/articles?q=Geneva")["items"]
    assert [(h["title"], h["outlet"], h["authors"]) for h in hits] == [
        (article["title"], "Meridian Wire", ["A. Writer"])
    ]
    again = writer.post("/api/articles", json={"articles": [article]}, headers=auth).json()
    assert (again["stored"], again["duplicates"]) == (0, 1)
    bad = writer.post("/api/articles", json={"articles": [{"title": "no text"}]}, headers=auth)
    assert bad.status_code == 400 and "articles.0.text" in bad.json()["error"]


def test_file_upload_is_stored_with_its_name(writer: TestClient, seed: Path) -> None:
    auth = {"Authorization": "Bearer s3cret-token"}
    files = [("files", ("seed.txt", seed.read_bytes())), ("files", ("empty.txt", b""))]
    report = writer.post("/api/articles", files=files, headers=auth).json()
    assert (report["stored"], report["failed"]) == (1, 1)
    assert report["problems"][0]["source"] == "upload:empty.txt"
    stored = get(writer, "/api/articles?q=Minsk")["items"]
    assert [a["source"] for a in stored] == ["upload:seed.txt"]
    assert get(writer, f"/api/articles/{stored[0]['id']}")["annotations"]["quotes"]
    unsupported = writer.post("/api/articles", content=b"text", headers={**auth, "Content-Type": "text/plain"})
    assert unsupported.status_code == 415 and "Content-Type" in unsupported.json()["error"]


# the server around the API


def test_cors_is_closed_unless_an_origin_is_given(db: str, client: TestClient) -> None:
    origin = {"Origin": "http://elsewhere.example"}
    assert "access-control-allow-origin" not in client.get("/api/stats", headers=origin).headers
    with TestClient(create_app(db, Settings.from_env(cors_origins="http://elsewhere.example"))) as opened:
        allowed = opened.get("/api/stats", headers=origin)
        assert allowed.headers["access-control-allow-origin"] == "http://elsewhere.example"
        other = opened.get("/api/stats", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_web_app_docs_and_schema_are_served(client: TestClient) -> None:
    schema = get(client, "/openapi.json")
    paths = ["/api/stats", "/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/entities/{entity_id}",
             "/api/quotes", "/api/events", "/api/dyads", "/api/timeline", "/api/network", "/api/stories"]  # fmt: skip
    for path in paths:
        assert "get" in schema["paths"][path], path
    assert "post" in schema["paths"]["/api/articles"]
    assert client.get("/docs").status_code == 200
    index = client.get("/")
    if index.status_code == 200:  # the web app's files are there
        assert index.headers["content-type"].startswith("text/html")
    else:
        assert "web app" in index.json()["error"]


def test_many_threads_share_one_corpus(client: TestClient, putin: dict[str, Any]) -> None:
    urls = ["/api/stats", "/api/articles?q=Putin", f"/api/entities/{putin['id']}", "/api/events?actor=RUS",
            "/api/timeline?by=month", "/api/network"] * 8  # fmt: skip
    expected = {url: client.get(url).json() for url in set(urls)}
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda url: (url, client.get(url)), urls))
    assert all(r.status_code == 200 and r.json() == expected[url] for url, r in answers)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_dateline_serve_answers_on_localhost(db: str) -> None:
    port = free_port()
    env = {**os.environ, "DATELINE_API_TOKEN": ""}
    server = subprocess.Popen(
        [sys.executable, "-m", "dateline.cli", "serve", "--db", db, "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        stats = None
        deadline = time.monotonic() + 60
        while stats is None and time.monotonic() < deadline and server.poll() is None:
            try:
                stats = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5).json()
            except httpx.TransportError:
                time.sleep(0.3)
        assert stats is not None and stats["articles"] == 17
        with ThreadPoolExecutor(max_workers=6) as pool:
            codes = list(pool.map(lambda _: httpx.get(f"http://127.0.0.1:{port}/api/events?actor=RUS").status_code,
                                  range(24)))  # fmt: skip
        assert codes == [200] * 24
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert f"http://127.0.0.1:{port}" in output


def test_groups_keep_a_first_report_through_reprocessing(tmp_path: Path, seed: Path) -> None:
    """Timelines and networks count each event group through the report whose id it bears: reading the first
    report's article again must leave its group counted once, not lost."""
    other = ("date 2022-02-21 Lavrov ready to meet Blinken\n>> Meridian Wire\nPublished: 21 Feb 2022 06:00 PM GMT\n"
             "Russian Foreign Minister Sergey V Lavrov said on Monday that he was still willing to meet Antony "
             "Blinken, the US secretary of state, on Thursday in Geneva.\n")  # fmt: skip
    write(tmp_path / "in" / "other.txt", other)
    path = str(tmp_path / "groups.db")
    with Corpus.open(path) as corpus:
        corpus.ingest([str(seed), str(tmp_path / "in")])
        before = corpus.timeline(by="year")
        assert corpus.reprocess() == 2
        after = corpus.timeline(by="year")
        found = corpus.events(limit=None)
    groups = {e.group_id for e in found}
    founders = [e for e in found if e.id == e.group_id]
    assert len(founders) == len(groups) and any(e.num_articles == 2 for e in found)
    assert [p.events for p in after] == [p.events for p in before] and sum(p.events for p in after) == len(groups)
